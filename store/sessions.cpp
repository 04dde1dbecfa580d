#include "store/sessions.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "normalize/timestamp.h"
#include "store/store.h"

namespace store {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

// 256 random bits, as hex.
std::string random_token() {
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return hex(bytes.data(), bytes.size());
}

std::string token_hash(std::string_view token) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return hex(digest.data(), digest.size());
}

}  // namespace

std::expected<NewSession, Error> start_session(Database& db, std::int64_t user_id, std::chrono::seconds lifetime) {
  if (sodium_init() < 0) return std::unexpected(Error{Error::Code::sql, "libsodium cannot be initialised"});
  NewSession session{random_token(), random_token(), utc_after(lifetime)};
  auto insert = db.prepare(
      "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert) return std::unexpected(insert.error());
  if (auto r = insert->bind(1, token_hash(session.token))
                   .bind(2, user_id)
                   .bind(3, session.csrf)
                   .bind(4, now_utc())
                   .bind(5, session.expires_at)
                   .run();
      !r)
    return std::unexpected(r.error());
  return session;
}

std::expected<std::optional<Session>, Error> find_session(Database& db, std::string_view token) {
  if (sodium_init() < 0) return std::unexpected(Error{Error::Code::sql, "libsodium cannot be initialised"});
  std::string hashed = token_hash(token);
  auto stmt = db.prepare(
      "SELECT u.id, u.name, u.role, u.created_at, u.updated_at, s.csrf, s.expires_at FROM sessions s "
      "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, hashed);
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Session>{};
  Session session{User{stmt->column_int(0), stmt->column_text(1), role_named(stmt->column_text(2)).value_or(Role::reviewer),
                       stmt->column_text(3), stmt->column_text(4)},
                  stmt->column_text(5), stmt->column_text(6)};
  if (session.expires_at > now_utc()) return std::optional<Session>{std::move(session)};
  auto expired = db.prepare("DELETE FROM sessions WHERE token_hash = ?1");
  if (!expired) return std::unexpected(expired.error());
  if (auto r = expired->bind(1, hashed).run(); !r) return std::unexpected(r.error());
  return std::optional<Session>{};
}

std::expected<void, Error> end_session(Database& db, std::string_view token) {
  if (sodium_init() < 0) return std::unexpected(Error{Error::Code::sql, "libsodium cannot be initialised"});
  auto remove = db.prepare("DELETE FROM sessions WHERE token_hash = ?1");
  if (!remove) return std::unexpected(remove.error());
  return remove->bind(1, token_hash(token)).run();
}

std::expected<void, Error> record_login_failure(Database& db, std::string_view subject) {
  auto upsert = db.prepare(
      "INSERT INTO login_failures (subject, failures, last_failed) VALUES (?1, 1, ?2) "
      "ON CONFLICT (subject) DO UPDATE SET failures = failures + 1, last_failed = excluded.last_failed");
  if (!upsert) return std::unexpected(upsert.error());
  return upsert->bind(1, subject).bind(2, now_utc()).run();
}

std::expected<void, Error> clear_login_failures(Database& db, std::string_view subject) {
  auto remove = db.prepare("DELETE FROM login_failures WHERE subject = ?1");
  if (!remove) return std::unexpected(remove.error());
  return remove->bind(1, subject).run();
}

std::expected<std::chrono::seconds, Error> login_wait(Database& db, std::string_view subject) {
  auto stmt = db.prepare("SELECT failures, last_failed FROM login_failures WHERE subject = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, subject);
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::chrono::seconds{0};
  std::int64_t failures = stmt->column_int(0);
  if (failures <= 3) return std::chrono::seconds{0};
  auto brake = std::chrono::seconds{std::min<std::int64_t>(std::int64_t{1} << std::min<std::int64_t>(failures - 4, 9), 300)};
  auto last = normalize::parse_iso8601(stmt->column_text(1));
  if (!last) return brake;
  auto since = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - last->utc);
  return std::max(brake - since, std::chrono::seconds{0});
}

}  // namespace store
