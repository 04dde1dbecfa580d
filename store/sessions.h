#pragma once
// Review console sessions and the brake on guessing passwords. A session is a random 256-bit
// token (the cookie) bound to a user and to its own CSRF token; the store keeps the token's
// SHA-256, never the token. Times are ISO 8601 UTC as the store writes them.
#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.h"
#include "store/users.h"

namespace store {

struct NewSession {
  std::string token;  // for the cookie: 64 hex digits
  std::string csrf;   // for every state-changing form: 64 hex digits
  std::string expires_at;
};

struct Session {
  User user;
  std::string csrf;
  std::string expires_at;
};

// Opens a session for the user, valid for `lifetime`.
std::expected<NewSession, Error> start_session(Database& db, std::int64_t user_id, std::chrono::seconds lifetime);
// The session a cookie's token names, if it exists and has not expired (an expired one is
// removed on the way).
std::expected<std::optional<Session>, Error> find_session(Database& db, std::string_view token);
// Logs out: the session is gone (nothing when it was gone already).
std::expected<void, Error> end_session(Database& db, std::string_view token);

// Failed logins in a row for a subject ("user:NAME", "address:ADDR").
std::expected<void, Error> record_login_failure(Database& db, std::string_view subject);
std::expected<void, Error> clear_login_failures(Database& db, std::string_view subject);
// How long the subject must wait before its next attempt counts: nothing for the first three
// failures, then 1 s doubling per failure up to 5 minutes, counted from the last failure.
std::expected<std::chrono::seconds, Error> login_wait(Database& db, std::string_view subject);

}  // namespace store
