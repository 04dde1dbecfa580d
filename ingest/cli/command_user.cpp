// ingest user add|list|passwd|remove: the review console's accounts.
#include <iostream>
#include <string>

#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/cli/json_output.h"
#include "store/users.h"

namespace ingest::cli {
namespace {

// The password: the first line of stdin, without its line end. Never taken from the command
// line, where other users of the machine could read it (ps, shell history).
std::expected<std::string, CommandFailure> password_from_stdin(const CommandLine& cli) {
  if (!cli.password_stdin)
    return std::unexpected(usage_failure(cli, "user " + cli.arguments[0] + " reads the password with --password-stdin"));
  std::string password;
  if (!std::getline(std::cin, password) && password.empty())
    return std::unexpected(CommandFailure{kExitFailure, "no password on stdin"});
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) return std::unexpected(CommandFailure{kExitFailure, "the password on stdin is empty"});
  return password;
}

CommandFailure failure_of(const store::Error& error) {
  return CommandFailure{kExitFailure, error.message};
}

}  // namespace

int command_user(const CommandLine& cli) {
  const std::string& action = cli.arguments.front();
  const bool named = action == "add" || action == "passwd" || action == "remove";
  if (action != "list" && !named)
    return report(usage_failure(cli, "user takes add, list, passwd or remove, not " + action));
  if (named && cli.arguments.size() != 2) return report(usage_failure(cli, "user " + action + " takes one NAME"));
  if (!named && cli.arguments.size() != 1) return report(usage_failure(cli, "user list takes no NAME"));
  if (cli.role && action != "add") return report(usage_failure(cli, "--role belongs to user add"));
  if (action == "add" && !cli.role) return report(usage_failure(cli, "user add needs --role reviewer or --role admin"));
  auto db = open_database(cli, action == "list" ? store::Access::read_only : store::Access::existing);
  if (!db) return report(db.error());

  if (action == "list") {
    auto users = store::list_users(*db);
    if (!users) return report(failure_of(users.error()));
    if (cli.json) {
      boost::json::array list;
      for (const auto& u : *users)
        list.push_back(boost::json::object{{"name", u.name}, {"role", store::role_name(u.role)},
                                           {"created_at", u.created_at}, {"updated_at", u.updated_at}});
      std::cout << json_text(list) << "\n";
      return kExitOk;
    }
    if (users->empty()) std::cout << "no user yet: ingest user add NAME --role reviewer|admin --password-stdin\n";
    for (const auto& u : *users)
      std::cout << terminal_safe(u.name) << "  " << store::role_name(u.role) << "  since " << u.created_at << "\n";
    return kExitOk;
  }

  const std::string& name = cli.arguments[1];
  if (action == "add")
    if (auto why = store::invalid_user_name(name); !why.empty()) return report(usage_failure(cli, name + ": " + why));
  std::string done;
  if (action == "remove") {
    if (auto r = store::remove_user(*db, name); !r) return report(failure_of(r.error()));
    done = "removed";
  } else {
    auto password = password_from_stdin(cli);
    if (!password) return report(password.error());
    if (action == "add") {
      auto added = store::add_user(*db, name, *store::role_named(*cli.role), *password);
      if (!added) return report(failure_of(added.error()));
      done = "added";
    } else {
      if (auto r = store::set_password(*db, name, *password); !r) return report(failure_of(r.error()));
      done = "password changed";
    }
  }
  if (cli.json) std::cout << json_text(boost::json::object{{"user", name}, {"done", done}}) << "\n";
  else std::cout << "user " << terminal_safe(name) << ": " << done << "\n";
  return kExitOk;
}

}  // namespace ingest::cli
