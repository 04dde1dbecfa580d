#include "store/corpus_folder.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "fault/point.h"

namespace store {
namespace fs = std::filesystem;
namespace {

Error io_error(const fs::path& path, const char* what, int error_number) {
  return Error{Error::Code::io, path.string() + ": " + what + ": " + std::strerror(error_number)};
}

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

// Removes the temporary on every way out of write_durably that did not place it.
class TemporaryGuard {
 public:
  TemporaryGuard(const Folder& folder, const std::string& name) : folder_(folder), name_(name) {}
  TemporaryGuard(const TemporaryGuard&) = delete;
  TemporaryGuard& operator=(const TemporaryGuard&) = delete;
  ~TemporaryGuard() {
    if (armed_) ::unlinkat(folder_.descriptor(), name_.c_str(), 0);
  }
  void disarm() { armed_ = false; }

 private:
  const Folder& folder_;
  const std::string& name_;
  bool armed_ = true;
};

std::expected<void, Error> write_all(int fd, std::string_view contents, const fs::path& path) {
  std::size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(io_error(path, "write failed", errno));
    }
    written += static_cast<std::size_t>(n);
  }
  return {};
}

// Filesystems without RENAME_NOREPLACE say so with one of these; any other errno is a real
// failure of the rename.
bool refuses_noreplace(int error_number) {
  return error_number == EINVAL || error_number == ENOSYS || error_number == ENOTSUP ||
         error_number == EOPNOTSUPP;
}

}  // namespace

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

int FileDescriptor::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

std::expected<void, Error> FileDescriptor::close() {
  // The descriptor is gone after close(2) even when it fails, so it is never closed twice.
  if (::close(release()) != 0) return std::unexpected(Error{Error::Code::io, std::strerror(errno)});
  return {};
}

std::expected<Folder, Error> Folder::open(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return std::unexpected(Error{Error::Code::io, path.string() + ": " + ec.message()});
  FileDescriptor fd{::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (!fd.valid()) return std::unexpected(io_error(path, "cannot open folder", errno));
  return Folder{path, std::move(fd)};
}

std::expected<void, Error> Folder::lock() {
  if (::flock(fd_.get(), LOCK_EX | LOCK_NB) == 0) return {};
  if (errno == EWOULDBLOCK)
    return std::unexpected(Error{Error::Code::io, path_.string() + ": another export is writing to this folder"});
  return std::unexpected(io_error(path_, "cannot lock folder", errno));
}

std::expected<void, Error> Folder::sync() const {
  if (::fsync(fd_.get()) != 0) return std::unexpected(io_error(path_, "fsync of folder failed", errno));
  return {};
}

std::expected<std::vector<std::string>, Error> Folder::names() const {
  // fdopendir takes the descriptor over, so it gets a duplicate: ours stays open for *at().
  FileDescriptor copy{::dup(fd_.get())};
  if (!copy.valid()) return std::unexpected(io_error(path_, "cannot list folder", errno));
  std::unique_ptr<DIR, DirCloser> dir{::fdopendir(copy.get())};
  if (!dir) return std::unexpected(io_error(path_, "cannot list folder", errno));
  copy.release();
  // A duplicate shares the read position with the original, which an earlier listing left at
  // the end.
  ::rewinddir(dir.get());
  std::vector<std::string> names;
  errno = 0;
  while (const dirent* entry = ::readdir(dir.get())) {
    std::string_view name{entry->d_name};
    if (name != "." && name != "..") names.emplace_back(name);
    errno = 0;
  }
  if (errno != 0) return std::unexpected(io_error(path_, "cannot list folder", errno));
  return names;
}

bool Folder::is_regular_file(const std::string& name) const {
  struct stat status {};
  return ::fstatat(fd_.get(), name.c_str(), &status, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(status.st_mode);
}

std::expected<std::string, Error> Folder::read(const std::string& name) const {
  FileDescriptor fd{::openat(fd_.get(), name.c_str(), O_RDONLY | O_CLOEXEC)};
  if (!fd.valid()) return std::unexpected(io_error(path_ / name, "cannot open", errno));
  std::string contents;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(io_error(path_ / name, "cannot read", errno));
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<std::size_t>(n));
  }
  return contents;
}

std::string temporary_name(std::string_view name) { return "." + std::string{name} + ".tmp"; }

std::expected<Placed, Error> link_into_place(const Folder& folder, const std::string& temporary,
                                             const std::string& name, const CrashPoints& points) {
  if (::linkat(folder.descriptor(), temporary.c_str(), folder.descriptor(), name.c_str(), 0) != 0) {
    int error_number = errno;
    ::unlinkat(folder.descriptor(), temporary.c_str(), 0);
    if (error_number == EEXIST) return Placed::target_exists;
    return std::unexpected(io_error(folder.path() / name, "link failed", error_number));
  }
  fault::point(points.linked);
  // A crash here leaves both names on one file; the next run removes the temporary one.
  if (::unlinkat(folder.descriptor(), temporary.c_str(), 0) != 0)
    return std::unexpected(io_error(folder.path() / temporary, "unlink failed", errno));
  return Placed::placed;
}

std::expected<Placed, Error> write_durably(const Folder& folder, const std::string& name,
                                           std::string_view contents, Placement placement,
                                           const CrashPoints& points) {
  const std::string temporary = temporary_name(name);
  const fs::path temporary_path = folder.path() / temporary;
  // O_EXCL: a temporary of that name would belong to another writer (the lock should make
  // that impossible); better to stop than to write into its file.
  FileDescriptor fd{::openat(folder.descriptor(), temporary.c_str(),
                             O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)};
  if (!fd.valid()) return std::unexpected(io_error(temporary_path, "cannot create", errno));
  TemporaryGuard guard{folder, temporary};
  if (auto r = write_all(fd.get(), contents, temporary_path); !r) return std::unexpected(r.error());
  fault::point(points.temp_written);
  if (::fsync(fd.get()) != 0) return std::unexpected(io_error(temporary_path, "fsync failed", errno));
  if (auto r = fd.close(); !r)
    return std::unexpected(Error{Error::Code::io, temporary_path.string() + ": close failed: " + r.error().message});
  fault::point(points.temp_synced);

  if (placement == Placement::replace) {
    if (::renameat(folder.descriptor(), temporary.c_str(), folder.descriptor(), name.c_str()) != 0)
      return std::unexpected(io_error(folder.path() / name, "rename failed", errno));
  } else if (::renameat2(folder.descriptor(), temporary.c_str(), folder.descriptor(), name.c_str(),
                         RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST) return Placed::target_exists;
    if (!refuses_noreplace(errno)) return std::unexpected(io_error(folder.path() / name, "rename failed", errno));
    guard.disarm();  // link_into_place removes the temporary itself, on every path
    auto linked = link_into_place(folder, temporary, name, points);
    if (!linked || *linked == Placed::target_exists) return linked;
  }
  guard.disarm();
  fault::point(points.renamed);
  if (auto r = folder.sync(); !r) return std::unexpected(r.error());
  fault::point(points.folder_synced);
  return Placed::placed;
}

std::expected<std::vector<std::string>, Error> remove_temporaries(
    const Folder& folder, const std::function<bool(std::string_view name)>& ours) {
  auto names = folder.names();
  if (!names) return std::unexpected(names.error());
  std::vector<std::string> removed;
  for (const auto& entry : *names) {
    std::string_view view{entry};
    if (view.size() <= 5 || !view.starts_with('.') || !view.ends_with(".tmp")) continue;
    if (!ours(view.substr(1, view.size() - 5))) continue;
    if (::unlinkat(folder.descriptor(), entry.c_str(), 0) != 0 && errno != ENOENT)
      return std::unexpected(io_error(folder.path() / entry, "cannot remove leftover temporary", errno));
    removed.push_back(entry);
  }
  if (!removed.empty())
    if (auto r = folder.sync(); !r) return std::unexpected(r.error());
  return removed;
}

}  // namespace store
