#pragma once
// The people who review: accounts with a role and a password, kept as an Argon2id hash
// (libsodium's crypto_pwhash_str: the salt and the cost parameters travel with the hash, so
// they can be raised later without invalidating old passwords). Nothing here logs or
// returns a password. Thread-safe as the Database it is given.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace store {

enum class Role { reviewer, admin };
std::string_view role_name(Role role);
std::optional<Role> role_named(std::string_view name);

struct User {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::reviewer;
  std::string created_at;
  std::string updated_at;
};

// A name people can type and read back: 1 to 64 characters, letters, digits, '.', '_', '-',
// '@', starting with a letter or digit. An empty string when valid, else why not.
std::string invalid_user_name(std::string_view name);

// Adds an account. Errors: invalid_state for a name already taken or not valid, or an
// empty password; sql for the store.
std::expected<User, Error> add_user(Database& db, std::string_view name, Role role, std::string_view password);
// Replaces the password (and with it the hash's parameters) and ends the account's console
// sessions. not_found for an unknown name.
std::expected<void, Error> set_password(Database& db, std::string_view name, std::string_view password);
// Removes the account; its past decisions keep the name they were recorded with.
std::expected<void, Error> remove_user(Database& db, std::string_view name);
std::expected<std::vector<User>, Error> list_users(Database& db);
std::expected<std::optional<User>, Error> find_user(Database& db, std::string_view name);
// The two halves of check_password, for a caller that hashes away from the thread holding
// the database (the console): the account and its stored hash, read from the store, then the
// check itself, which touches no database and is safe on any thread.
struct Credentials {
  User user;
  std::string password_hash;
};
std::expected<std::optional<Credentials>, Error> find_credentials(Database& db, std::string_view name);
// False for nullopt (an unknown name), after spending the same work on a decoy hash.
bool password_matches(const std::optional<Credentials>& credentials, std::string_view password);
// The account, when the password is right; nothing for an unknown name or a wrong password
// (the two are not told apart). The work of checking is spent either way, so the time taken
// does not say whether the name exists.
std::expected<std::optional<User>, Error> check_password(Database& db, std::string_view name,
                                                         std::string_view password);

}  // namespace store
