#pragma once
// Reading a statement's rows into values: shared by the store's files, not part of its
// interface.
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "store/database.h"

namespace store {

// Every row of `stmt`, each made a value by `read`.
template <typename Row>
std::expected<std::vector<Row>, Error> read_rows(Statement& stmt, Row (*read)(const Statement&)) {
  std::vector<Row> out;
  while (true) {
    auto row = stmt.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(read(stmt));
  }
  return out;
}

inline std::int64_t read_id(const Statement& s) { return s.column_int(0); }
inline std::string read_text(const Statement& s) { return s.column_text(0); }

}  // namespace store
