#pragma once
// The corpus folder on disk: held open and locked, listed, read, and written so that a crash
// at any moment leaves either no file or the whole file, never a half-written one, and so that
// an existing document is never replaced.
//
// A durable write goes: the contents to a temporary name (".<name>.tmp"), fsync, move to the
// final name, fsync the folder. A crash leaves at most a temporary behind, which
// remove_temporaries deletes on the next run.
#include <expected>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/error.h"

namespace store {

// An open file descriptor, closed on destruction. Move-only.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.release()) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Gives up ownership without closing.
  int release();
  // Closes now, so that the error close(2) may report (a deferred write failure) is seen.
  std::expected<void, Error> close();

 private:
  int fd_;
};

// A folder held open. Names are resolved against its descriptor (openat, renameat2, ...), and
// fsync on it makes a rename durable. Move-only; use from one thread at a time.
class Folder {
 public:
  // Opens `path`, creating it and its parents when missing. io when it cannot be created or
  // is not a folder.
  static std::expected<Folder, Error> open(const std::filesystem::path& path);

  // Takes an exclusive advisory lock (flock) on the folder, held until this Folder is
  // destroyed or the process dies (kill -9 included). io at once, without waiting, when
  // another Folder (in any process) holds it.
  std::expected<void, Error> lock();
  // fsync(2) of the folder: the entries added, renamed or removed in it are on disk.
  std::expected<void, Error> sync() const;
  // The names of the entries (files, folders, anything), unsorted, without "." and "..".
  std::expected<std::vector<std::string>, Error> names() const;
  bool is_regular_file(const std::string& name) const;
  // The whole contents of the file `name`; io naming the file when it cannot be read.
  std::expected<std::string, Error> read(const std::string& name) const;

  const std::filesystem::path& path() const { return path_; }
  int descriptor() const { return fd_.get(); }

 private:
  Folder(std::filesystem::path path, FileDescriptor fd) : path_(std::move(path)), fd_(std::move(fd)) {}
  std::filesystem::path path_;
  FileDescriptor fd_;
};

// What a durable write may do to an existing file of the same name.
enum class Placement {
  replace,        // an index regenerated whole (the manifest)
  keep_existing,  // a corpus document: an existing file is never replaced
};

enum class Placed {
  placed,         // the file is in place and durable
  target_exists,  // keep_existing found the name taken: nothing changed, the temporary is gone
};

// The names of the fault:: crash points one durable write passes (fault/point.h), as
// constants so that a point costs no string building when no test asks for it.
struct CrashPoints {
  const char* temp_written;   // the temporary holds the contents, not yet flushed
  const char* temp_synced;    // the temporary is flushed and closed
  const char* linked;         // link() fallback only: both names hold the file
  const char* renamed;        // the final name holds the file, the folder not yet flushed
  const char* folder_synced;  // the final name is durable
};

// ".<name>.tmp": hidden, and never of the NNN_<id>.txt form, so a leftover is never taken for
// a document.
std::string temporary_name(std::string_view name);

// Writes `contents` to `name` in `folder` through temporary_name(name) (created exclusively),
// passing `points` in order. keep_existing moves it into place with renameat2's
// RENAME_NOREPLACE, or link()+unlink() where the filesystem refuses that flag; a taken name
// gives Placed::target_exists. io on any other failure; the temporary is removed whenever the
// function returns without placing it.
std::expected<Placed, Error> write_durably(const Folder& folder, const std::string& name,
                                           std::string_view contents, Placement placement,
                                           const CrashPoints& points);

// The fallback of keep_existing: link(temporary, name), then unlink(temporary). Declared for
// the tests, which cannot make a filesystem refuse RENAME_NOREPLACE.
std::expected<Placed, Error> link_into_place(const Folder& folder, const std::string& temporary,
                                             const std::string& name, const CrashPoints& points);

// Deletes every temporary_name(n) in the folder for which `ours(n)` holds, and fsyncs the
// folder when it deleted any. Returns the temporaries' names. Call it with the folder locked,
// or it may delete a temporary another process is about to rename.
std::expected<std::vector<std::string>, Error> remove_temporaries(
    const Folder& folder, const std::function<bool(std::string_view name)>& ours);

}  // namespace store
