// store/database.cpp: the SQLite connection, statements and transactions.
#include "store/database.h"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "tests/support/test_files.h"

namespace {

using store::Database;
using store::Error;
using store::Transaction;
using test_support::TempDir;

Database open_fresh(const TempDir& dir) {
  auto db = Database::open(dir / "plain.db");
  if (!db) throw std::runtime_error(db.error().message);
  if (auto r = db->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value REAL)"); !r)
    throw std::runtime_error(r.error().message);
  return std::move(*db);
}

std::int64_t count(Database& db) {
  auto stmt = db.prepare("SELECT COUNT(*) FROM t");
  if (!stmt) throw std::runtime_error(stmt.error().message);
  auto row = stmt->step();
  if (!row || !*row) throw std::runtime_error("no row");
  return stmt->column_int(0);
}

TEST(Database, OpensWithWalJournalingAndForeignKeysOn) {
  TempDir dir;
  auto db = Database::open(dir / "a.db");
  ASSERT_TRUE(db.has_value()) << db.error().message;
  auto journal = db->prepare("PRAGMA journal_mode");
  ASSERT_TRUE(journal.has_value());
  ASSERT_TRUE(journal->step().value_or(false));
  EXPECT_EQ(journal->column_text(0), "wal");
  auto keys = db->prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(keys.has_value());
  ASSERT_TRUE(keys->step().value_or(false));
  EXPECT_EQ(keys->column_int(0), 1);
}

TEST(Database, OpeningADirectoryFailsWithOpenFailed) {
  TempDir dir;
  auto db = Database::open(dir.path());
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code, Error::Code::open_failed);
  EXPECT_NE(db.error().message.find(dir.path().string()), std::string::npos) << db.error().message;
}

TEST(Database, BindsAndReadsBackEveryValueKind) {
  TempDir dir;
  Database db = open_fresh(dir);
  auto insert = db.prepare("INSERT INTO t (id, name, value) VALUES (?1, ?2, ?3)");
  ASSERT_TRUE(insert.has_value());
  ASSERT_TRUE(insert->bind(1, std::int64_t{7}).bind(2, std::string{"it's \"quoted\"; DROP TABLE t"}).bind(3, 2.5).run());
  EXPECT_EQ(db.last_insert_id(), 7);
  EXPECT_EQ(db.changes(), 1);
  auto insert_null = db.prepare("INSERT INTO t (id, name, value) VALUES (?1, ?2, ?3)");
  ASSERT_TRUE(insert_null.has_value());
  ASSERT_TRUE(insert_null->bind(1, std::int64_t{8}).bind(2, std::optional<std::string>{}).bind_null(3).run());

  auto select = db.prepare("SELECT id, name, value FROM t ORDER BY id");
  ASSERT_TRUE(select.has_value());
  ASSERT_TRUE(select->step().value_or(false));
  EXPECT_EQ(select->column_int(0), 7);
  EXPECT_EQ(select->column_text(1), "it's \"quoted\"; DROP TABLE t");
  EXPECT_DOUBLE_EQ(select->column_double(2), 2.5);
  ASSERT_TRUE(select->step().value_or(false));
  EXPECT_TRUE(select->column_is_null(1));
  EXPECT_EQ(select->column_optional_text(1), std::nullopt);
  EXPECT_EQ(select->column_text(1), "");
  auto done = select->step();
  ASSERT_TRUE(done.has_value());
  EXPECT_FALSE(*done);
}

TEST(Database, PreparingInvalidSqlFailsWithSqlError) {
  TempDir dir;
  Database db = open_fresh(dir);
  auto stmt = db.prepare("SELEKT nothing");
  ASSERT_FALSE(stmt.has_value());
  EXPECT_EQ(stmt.error().code, Error::Code::sql);
  auto executed = db.execute("INSERT INTO missing_table VALUES (1)");
  ASSERT_FALSE(executed.has_value());
  EXPECT_EQ(executed.error().code, Error::Code::sql);
}

TEST(Database, AConstraintViolationIsReportedByStep) {
  TempDir dir;
  Database db = open_fresh(dir);
  ASSERT_TRUE(db.execute("INSERT INTO t (id) VALUES (1)"));
  auto insert = db.prepare("INSERT INTO t (id) VALUES (?1)");
  ASSERT_TRUE(insert.has_value());
  auto r = insert->bind(1, std::int64_t{1}).run();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Error::Code::sql);
}

TEST(Transaction, ThatIsNotCommittedRollsBack) {
  TempDir dir;
  Database db = open_fresh(dir);
  {
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx.has_value()) << tx.error().message;
    ASSERT_TRUE(db.execute("INSERT INTO t (id, name) VALUES (1, 'lost')"));
    EXPECT_EQ(count(db), 1);
  }
  EXPECT_EQ(count(db), 0);
  // The connection is usable again: no transaction is left open.
  auto again = Transaction::begin(db);
  ASSERT_TRUE(again.has_value()) << again.error().message;
}

TEST(Transaction, ThatIsCommittedPersistsAcrossConnections) {
  TempDir dir;
  {
    Database db = open_fresh(dir);
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE(db.execute("INSERT INTO t (id, name) VALUES (1, 'kept')"));
    ASSERT_TRUE(tx->commit().has_value());
  }
  auto reopened = Database::open(dir / "plain.db");
  ASSERT_TRUE(reopened.has_value());
  EXPECT_EQ(count(*reopened), 1);
}

TEST(Transaction, MovedFromDoesNotRollBackTheTransactionItHandedOver) {
  TempDir dir;
  Database db = open_fresh(dir);
  std::optional<Transaction> holder;
  {
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE(db.execute("INSERT INTO t (id) VALUES (1)"));
    holder.emplace(std::move(*tx));
  }  // the moved-from transaction is destroyed here
  ASSERT_TRUE(db.execute("INSERT INTO t (id) VALUES (2)"));
  auto committed = holder->commit();
  ASSERT_TRUE(committed.has_value()) << committed.error().message;
  holder.reset();
  EXPECT_EQ(count(db), 2);
}

TEST(Transaction, BeginningInsideAnOpenTransactionFails) {
  TempDir dir;
  Database db = open_fresh(dir);
  auto outer = Transaction::begin(db);
  ASSERT_TRUE(outer.has_value());
  auto inner = Transaction::begin(db);
  ASSERT_FALSE(inner.has_value());
  EXPECT_EQ(inner.error().code, Error::Code::sql);
}

}  // namespace
