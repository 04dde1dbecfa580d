#include "store/users.h"

#include <sodium.h>

#include <array>

#include "store/store.h"

namespace store {
namespace {

// Argon2id with 19 MiB and 2 passes, OWASP's recommended floor for Argon2id: a login costs
// a few tens of milliseconds, and the console (which checks one password at a time) stays
// within its memory budget, which libsodium's "interactive" 64 MiB would exceed alone. The
// parameters travel inside each hash, so raising them later keeps old passwords valid.
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u * 1024 * 1024;

// sodium_init() is idempotent and thread-safe; called here so that every caller (tests
// included) gets an initialised library.
bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::expected<std::string, Error> hash_password(std::string_view password) {
  if (!sodium_ready()) return std::unexpected(Error{Error::Code::sql, "libsodium cannot be initialised"});
  if (password.empty()) return std::unexpected(Error{Error::Code::invalid_state, "the password is empty"});
  std::array<char, crypto_pwhash_STRBYTES> hashed{};
  if (crypto_pwhash_str(hashed.data(), password.data(), password.size(), kOpsLimit, kMemLimit) != 0)
    return std::unexpected(Error{Error::Code::sql, "password hashing failed: out of memory"});
  return std::string{hashed.data()};
}

User read_user(const Statement& s) {
  return User{s.column_int(0), s.column_text(1), role_named(s.column_text(2)).value_or(Role::reviewer),
              s.column_text(3), s.column_text(4)};
}

constexpr const char* kUserColumns = "id, name, role, created_at, updated_at";

}  // namespace

std::string_view role_name(Role role) { return role == Role::admin ? "admin" : "reviewer"; }

std::optional<Role> role_named(std::string_view name) {
  if (name == "admin") return Role::admin;
  if (name == "reviewer") return Role::reviewer;
  return std::nullopt;
}

std::string invalid_user_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return "a user name has 1 to 64 characters";
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front())) return "a user name starts with a letter or a digit";
  for (char c : name)
    if (!alnum(c) && c != '.' && c != '_' && c != '-' && c != '@')
      return "a user name holds only letters, digits, '.', '_', '-' and '@'";
  return {};
}

std::expected<User, Error> add_user(Database& db, std::string_view name, Role role, std::string_view password) {
  if (auto why = invalid_user_name(name); !why.empty())
    return std::unexpected(Error{Error::Code::invalid_state, std::string{name} + ": " + why});
  auto hashed = hash_password(password);
  if (!hashed) return std::unexpected(hashed.error());
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto existing = find_user(db, name);
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return std::unexpected(Error{Error::Code::invalid_state, "user " + std::string{name} + " exists already"});
  auto insert = db.prepare(
      "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)");
  if (!insert) return std::unexpected(insert.error());
  std::string now = now_utc();
  if (auto r = insert->bind(1, name).bind(2, role_name(role)).bind(3, *hashed).bind(4, now).run(); !r)
    return std::unexpected(r.error());
  User user{db.last_insert_id(), std::string{name}, role, now, now};
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  return user;
}

std::expected<void, Error> set_password(Database& db, std::string_view name, std::string_view password) {
  auto hashed = hash_password(password);
  if (!hashed) return std::unexpected(hashed.error());
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto update = db.prepare("UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE name = ?1");
  if (!update) return std::unexpected(update.error());
  if (auto r = update->bind(1, name).bind(2, *hashed).bind(3, now_utc()).run(); !r) return r;
  if (db.changes() == 0) return std::unexpected(Error{Error::Code::not_found, "no user " + std::string{name}});
  // A new password ends the sessions opened with the old one (a stolen cookie among them).
  auto sessions = db.prepare("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?1)");
  if (!sessions) return std::unexpected(sessions.error());
  if (auto r = sessions->bind(1, name).run(); !r) return r;
  return tx->commit();
}

std::expected<void, Error> remove_user(Database& db, std::string_view name) {
  auto remove = db.prepare("DELETE FROM users WHERE name = ?1");
  if (!remove) return std::unexpected(remove.error());
  if (auto r = remove->bind(1, name).run(); !r) return r;
  if (db.changes() == 0) return std::unexpected(Error{Error::Code::not_found, "no user " + std::string{name}});
  return {};
}

std::expected<std::vector<User>, Error> list_users(Database& db) {
  auto stmt = db.prepare(std::string{"SELECT "} + kUserColumns + " FROM users ORDER BY name");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<User> users;
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    users.push_back(read_user(*stmt));
  }
  return users;
}

std::expected<std::optional<User>, Error> find_user(Database& db, std::string_view name) {
  auto stmt = db.prepare(std::string{"SELECT "} + kUserColumns + " FROM users WHERE name = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, name);
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<User>{};
  return std::optional<User>{read_user(*stmt)};
}

std::expected<std::optional<Credentials>, Error> find_credentials(Database& db, std::string_view name) {
  auto stmt = db.prepare(std::string{"SELECT "} + kUserColumns + ", password_hash FROM users WHERE name = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, name);
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Credentials>{};
  return std::optional<Credentials>{Credentials{read_user(*stmt), stmt->column_text(5)}};
}

bool password_matches(const std::optional<Credentials>& credentials, std::string_view password) {
  if (!sodium_ready()) return false;
  if (!credentials) {
    // Spend the work of a check on a throwaway hash: an unknown name must take as long as a
    // wrong password.
    static const std::string decoy = hash_password("not a password").value_or(std::string{});
    [[maybe_unused]] int ignored = crypto_pwhash_str_verify(decoy.c_str(), password.data(), password.size());
    return false;
  }
  return crypto_pwhash_str_verify(credentials->password_hash.c_str(), password.data(), password.size()) == 0;
}

std::expected<std::optional<User>, Error> check_password(Database& db, std::string_view name,
                                                         std::string_view password) {
  auto credentials = find_credentials(db, name);
  if (!credentials) return std::unexpected(credentials.error());
  if (!sodium_ready()) return std::unexpected(Error{Error::Code::sql, "libsodium cannot be initialised"});
  if (!password_matches(*credentials, password)) return std::optional<User>{};
  return std::optional<User>{(*credentials)->user};
}

}  // namespace store
