// The `ingest` program: global library set-up, then the command line.
#include <curl/curl.h>
#include <libxml/parser.h>

#include <cstdarg>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "ingest/cli/cli.h"

namespace {
void ignore_libxml2_message(void*, const char*, ...) {}
}  // namespace

int main(int argc, char** argv) {
  // Global initialisation happens once, here, before any thread exists.
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::cerr << "ingest: cannot initialise libcurl\n";
    return 1;
  }
  xmlInitParser();
  // Parsers report problems as values; libxml2's own printing to stderr (encoding errors in
  // pages, for one) would add unstructured lines to the log.
  xmlSetGenericErrorFunc(nullptr, ignore_libxml2_message);
  int status = 1;
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto cli = ingest::cli::parse_command_line(args);
    if (!cli) {
      // One line saying what is wrong, one saying where the usage is: not the whole help.
      const auto& error = cli.error();
      std::cerr << "ingest: " << error.message << "\n"
                << "see 'ingest " << (error.command.empty() ? "" : error.command + " ") << "--help'\n";
      status = 2;
    } else {
      status = ingest::cli::run_command(*cli);
    }
  } catch (const std::exception& e) {
    // Stages report failures as values; this is the last line for the unexpected (bad_alloc).
    std::cerr << "ingest: fatal: " << e.what() << "\n";
    status = 1;
  }
  xmlCleanupParser();
  curl_global_cleanup();
  return status;
}
