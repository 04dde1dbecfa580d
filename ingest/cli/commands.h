#pragma once
// One function per command of the `ingest` program; each returns the exit status.
// Grouped by role: command_pass.cpp (once, run), command_review.cpp (status, show, approve,
// reject), command_queue.cpp (queue), command_history.cpp (history), command_corpus.cpp
// (export, import-corpus), command_tools.cpp (extract, parse-feed, flag, check-config),
// command_discover.cpp (discover), command_user.cpp (user), command_serve.cpp (serve).
#include "ingest/cli/cli.h"

namespace ingest::cli {

int command_once(const CommandLine& cli);
int command_run(const CommandLine& cli);
int command_status(const CommandLine& cli);
int command_queue(const CommandLine& cli);
int command_show(const CommandLine& cli);
int command_history(const CommandLine& cli);
int command_decide(const CommandLine& cli);
int command_export(const CommandLine& cli);
int command_import_corpus(const CommandLine& cli);
int command_extract(const CommandLine& cli);
int command_parse_feed(const CommandLine& cli);
int command_discover(const CommandLine& cli);
int command_flag(const CommandLine& cli);
int command_reflag(const CommandLine& cli);
int command_check_config(const CommandLine& cli);
int command_user(const CommandLine& cli);
int command_serve(const CommandLine& cli);

}  // namespace ingest::cli
