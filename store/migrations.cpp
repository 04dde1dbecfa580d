#include "store/migrations.h"

#include <array>
#include <string>

namespace store {
namespace {

struct Migration {
  int version;
  const char* sql;
};

// Append only: a released migration is never edited, a change is a new number.
constexpr std::array<Migration, 8> kMigrations = {{
    {1, R"sql(
CREATE TABLE sources (
  id            INTEGER PRIMARY KEY,
  outlet        TEXT NOT NULL,
  url           TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'section')),
  etag          TEXT,
  last_modified TEXT,
  last_ok       TEXT,
  last_error    TEXT,
  error_kind    TEXT,
  error_count   INTEGER NOT NULL DEFAULT 0,
  error_since   TEXT,
  next_check    TEXT
);

CREATE TABLE items (
  id             INTEGER PRIMARY KEY,
  canonical_url  TEXT NOT NULL UNIQUE,
  outlet         TEXT NOT NULL,
  source_url     TEXT,
  state          TEXT NOT NULL CHECK (state IN ('discovered', 'fetched', 'extracted',
                   'duplicate', 'stored', 'flagged', 'approved', 'rejected', 'exported',
                   'failed')),
  feed_title     TEXT,
  feed_published TEXT,
  title          TEXT,
  authors        TEXT,             -- JSON array of names
  published      TEXT,             -- ISO 8601 with the publisher's offset
  language       TEXT,
  seed_text      TEXT,
  body_hash      TEXT,
  flagged        INTEGER,
  score          REAL,
  evidence       TEXT,             -- JSON array of {sentence, terms}
  rules_version  TEXT,
  duplicate_of   INTEGER REFERENCES items(id),
  duplicate_kind TEXT,
  duplicate_file TEXT,             -- a corpus file this item duplicates
  attempts       INTEGER NOT NULL DEFAULT 0,
  last_error     TEXT,
  next_attempt   TEXT,
  corpus_file    TEXT,
  discovered_at  TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX items_state ON items(state);
CREATE INDEX items_body_hash ON items(body_hash);

CREATE TABLE decisions (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES items(id),
  decision   TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  note       TEXT,
  decided_at TEXT NOT NULL
);

CREATE TABLE corpus_files (
  id            INTEGER PRIMARY KEY,
  file_name     TEXT NOT NULL UNIQUE,
  number        INTEGER NOT NULL,
  title         TEXT,
  canonical_url TEXT,
  body_hash     TEXT NOT NULL,
  item_id       INTEGER REFERENCES items(id),
  registered_at TEXT NOT NULL
);
CREATE INDEX corpus_files_body_hash ON corpus_files(body_hash);
CREATE INDEX corpus_files_url ON corpus_files(canonical_url);
)sql"},
    {2, R"sql(
-- robots.txt per origin (scheme://host:port), so that separate runs (ingest --once from cron)
-- share one copy a day.
CREATE TABLE robots (
  origin     TEXT PRIMARY KEY,
  outcome    TEXT NOT NULL CHECK (outcome IN ('rules', 'allow_all', 'unreachable')),
  body       TEXT,             -- the file, for 'rules'
  error_kind TEXT,             -- for 'unreachable'
  message    TEXT,
  expires_at TEXT NOT NULL     -- ISO 8601 UTC
);
)sql"},
    {3, R"sql(
-- Deduplication beyond the URL and the exact body hash (docs/operations.md, "Duplicates").
ALTER TABLE items ADD COLUMN url_key TEXT;          -- normalize::url_key: www., slash, AMP host aside
ALTER TABLE items ADD COLUMN article_key TEXT;      -- "<id group>:<the outlet's article id>"
ALTER TABLE items ADD COLUMN edition TEXT;          -- outlet and language edition of the URL
ALTER TABLE items ADD COLUMN translation_of INTEGER REFERENCES items(id);
ALTER TABLE items ADD COLUMN similarity REAL;       -- near duplicates: estimated resemblance
ALTER TABLE items ADD COLUMN feed_updated TEXT;     -- the newest date a source gave the entry
ALTER TABLE items ADD COLUMN fetch_url TEXT;        -- a newer URL (changed slug); NULL: canonical_url
ALTER TABLE items ADD COLUMN recheck INTEGER NOT NULL DEFAULT 0;  -- fetch again for a revision
ALTER TABLE items ADD COLUMN fetched_at TEXT;
CREATE INDEX items_url_key ON items(url_key);
CREATE INDEX items_article_key ON items(article_key);
CREATE INDEX items_recheck ON items(recheck) WHERE recheck = 1;

-- Other URLs of a known item, each counted once: the same page under another form of its URL,
-- or the same outlet article id under another slug.
CREATE TABLE item_urls (
  url_key TEXT PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  kind    TEXT NOT NULL CHECK (kind IN ('url', 'outlet_id')),
  url     TEXT NOT NULL,
  seen_at TEXT NOT NULL
);

-- MinHash fingerprints of stored items and corpus files, and their band keys: a lookup reads
-- the fingerprints sharing one of its 16 keys.
CREATE TABLE fingerprints (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER UNIQUE REFERENCES items(id),
  corpus_file TEXT UNIQUE,
  shingles    INTEGER NOT NULL,
  minima      BLOB NOT NULL,
  CHECK ((item_id IS NULL) != (corpus_file IS NULL))
);
CREATE TABLE fingerprint_bands (
  key            INTEGER NOT NULL,
  fingerprint_id INTEGER NOT NULL REFERENCES fingerprints(id),
  PRIMARY KEY (key, fingerprint_id)
) WITHOUT ROWID;

-- Earlier versions of an item whose text changed when it was fetched again; the item holds
-- the newest.
CREATE TABLE revisions (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES items(id),
  number     INTEGER NOT NULL,  -- 1 is the first version fetched
  title      TEXT,
  seed_text  TEXT,
  body_hash  TEXT,
  flagged    INTEGER,
  score      REAL,
  fetched_at TEXT,
  replaced_at TEXT NOT NULL,
  UNIQUE (item_id, number)
);
)sql"},
    {4, R"sql(
-- Who made each review decision: the operating-system user who ran the command (the one
-- behind sudo), or the name given with --user. Decisions recorded before this migration keep
-- NULL: their author was never recorded, and guessing one would falsify the record.
ALTER TABLE decisions ADD COLUMN user TEXT;
CREATE INDEX decisions_item ON decisions(item_id);

-- When the item's current text was stored. fetched_at moves on every recheck, even one that
-- found nothing new, so it cannot date the version in an item's history. Older items get the
-- best known time: when their last revision was replaced, else when they were last fetched.
ALTER TABLE items ADD COLUMN stored_at TEXT;
UPDATE items SET stored_at = COALESCE(
  (SELECT MAX(replaced_at) FROM revisions WHERE revisions.item_id = items.id), fetched_at)
WHERE fetched_at IS NOT NULL;

-- An item's corpus file, for its history (when it was exported).
CREATE INDEX corpus_files_item ON corpus_files(item_id);
)sql"},
    {5, R"sql(
-- An item's error as a kind (store/failure.h) and a message, in two columns; until now
-- last_error held "kind: message". The few older shapes are split the same way.
ALTER TABLE items ADD COLUMN error_kind TEXT;
UPDATE items SET error_kind = 'not_html', last_error = substr(last_error, 11)
WHERE last_error LIKE 'not HTML: %';
UPDATE items SET error_kind = substr(last_error, 1, instr(last_error, ': ') - 1),
                 last_error = substr(last_error, instr(last_error, ': ') + 2)
WHERE error_kind IS NULL AND instr(COALESCE(last_error, ''), ': ') > 0
  AND substr(last_error, 1, instr(last_error, ': ') - 1) IN
      ('dns', 'connect', 'tls', 'timeout', 'too_slow', 'too_large', 'too_many_redirects', 'bad_scheme',
       'http_4xx', 'http_5xx', 'robots_disallowed', 'network', 'other', 'extraction');
UPDATE items SET error_kind = 'other' WHERE error_kind IS NULL AND last_error IS NOT NULL;

-- Attempts started and never finished in a row: counted before the work on a page starts and
-- cleared when its outcome is recorded, so that a page whose processing throws or kills the
-- process is tried after the others and given up after its attempts (ingest/pipeline).
ALTER TABLE items ADD COLUMN unfinished INTEGER NOT NULL DEFAULT 0;
)sql"},
    {6, R"sql(
-- The people who review (store/users.h): a name, a role, and the password's Argon2id hash
-- as libsodium writes it (its parameters and salt included).
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
)sql"},
    {7, R"sql(
-- Console sessions (store/sessions.h). The cookie's token is never stored: its SHA-256 is,
-- so a copy of the database opens no session. A removed user's sessions go with it.
CREATE TABLE sessions (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins in a row, per account ("user:NAME") and per address ("address:ADDR"): each
-- makes the next attempt wait longer, and a success clears them.
CREATE TABLE login_failures (
  subject     TEXT PRIMARY KEY,
  failures    INTEGER NOT NULL,
  last_failed TEXT NOT NULL
);
)sql"},
    {8, R"sql(
-- The console (ingest/web): a decision can be undone until its item is exported, by the
-- person who made it or an admin; the row stays, marked, and the item goes back to awaiting
-- a decision (flagged or stored, as its verdict says).
ALTER TABLE decisions ADD COLUMN undone_at TEXT;
ALTER TABLE decisions ADD COLUMN undone_by TEXT;
CREATE INDEX decisions_user ON decisions(user, id);
-- The console lists one state at a time, in one of three orders, and offers the outlets and
-- languages present: each from an index, so a page never reads the other items' rows.
CREATE INDEX items_state_arrival ON items(state, discovered_at, id);
CREATE INDEX items_state_published ON items(state, julianday(COALESCE(published, feed_published)));
CREATE INDEX items_state_score ON items(state, score);
CREATE INDEX items_state_outlet ON items(state, outlet);
CREATE INDEX items_state_language ON items(state, language);
-- Items by state, kept by triggers: every page shows these counts, and counting 100,000
-- index entries each time would cost more than the page.
CREATE TABLE state_counts (
  state TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO state_counts (state, count) SELECT state, COUNT(*) FROM items GROUP BY state;
CREATE TRIGGER state_counts_insert AFTER INSERT ON items BEGIN
  INSERT INTO state_counts (state, count) VALUES (NEW.state, 1)
    ON CONFLICT (state) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER state_counts_delete AFTER DELETE ON items BEGIN
  UPDATE state_counts SET count = count - 1 WHERE state = OLD.state;
END;
CREATE TRIGGER state_counts_update AFTER UPDATE OF state ON items WHEN OLD.state IS NOT NEW.state BEGIN
  UPDATE state_counts SET count = count - 1 WHERE state = OLD.state;
  INSERT INTO state_counts (state, count) VALUES (NEW.state, 1)
    ON CONFLICT (state) DO UPDATE SET count = count + 1;
END;
-- An item's page lists what repeats it and its translations.
CREATE INDEX items_duplicate_of ON items(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX items_translation_of ON items(translation_of) WHERE translation_of IS NOT NULL;
)sql"},
}};

std::expected<int, Error> current_version(Database& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  return static_cast<int>(stmt->column_int(0));
}

}  // namespace

int latest_schema_version() { return kMigrations.back().version; }

std::expected<int, Error> schema_version(Database& db) { return current_version(db); }

std::expected<void, Error> migrate(Database& db) { return migrate(db, latest_schema_version()); }

std::expected<void, Error> migrate(Database& db, int up_to) {
  auto version = current_version(db);
  if (!version)
    return std::unexpected(Error{Error::Code::migration_failed, version.error().message});
  if (*version > latest_schema_version())
    return std::unexpected(Error{Error::Code::migration_failed,
                                 "database schema version " + std::to_string(*version) +
                                     " is newer than this program's " +
                                     std::to_string(latest_schema_version())});
  for (const auto& migration : kMigrations) {
    if (migration.version <= *version || migration.version > up_to) continue;
    // Under the write lock, the version is read again: another process opening the same new
    // database at the same moment may have applied this migration while we waited.
    auto tx = Transaction::begin(db);
    if (!tx) return std::unexpected(Error{Error::Code::migration_failed, tx.error().message});
    auto now = current_version(db);
    if (!now) return std::unexpected(Error{Error::Code::migration_failed, now.error().message});
    if (*now >= migration.version) continue;
    auto fail = [&](const Error& e) {
      return std::unexpected(Error{Error::Code::migration_failed,
                                   "migration " + std::to_string(migration.version) + ": " + e.message});
    };
    if (auto r = db.execute(migration.sql); !r) return fail(r.error());
    // PRAGMA takes no bound parameters; the version is a compile-time integer.
    if (auto r = db.execute("PRAGMA user_version = " + std::to_string(migration.version)); !r)
      return fail(r.error());
    if (auto r = tx->commit(); !r) return fail(r.error());
  }
  return {};
}

}  // namespace store
