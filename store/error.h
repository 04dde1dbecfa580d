#pragma once
#include <string>

namespace store {

struct Error {
  enum class Code {
    open_failed,       // the database file cannot be opened or created
    no_database,       // no file at the path, and the command may not create one
    not_ours,          // an SQLite file of another program: refused, left as it was
    migration_failed,  // a schema migration failed; the database was left as it was
    sql,               // a statement failed (constraint, busy past the timeout, I/O)
    not_found,         // no item with that id
    invalid_state,     // the item is not in a state that allows the operation
    io,                // a corpus file could not be read or written
    already_decided,   // the item was decided by someone else meanwhile (decide_undecided)
    forbidden,         // the user may not do this (undo another reviewer's decision)
  };
  Code code;
  std::string message;
};

}  // namespace store
