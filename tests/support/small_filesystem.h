#pragma once
// A real file system of a few megabytes for fault tests: a tmpfs that can be filled to the
// last byte (the kernel answers ENOSPC, as a full disk does) and remounted read-only (EROFS).
// Header-only.
//
// It is mounted in a mount namespace of this test process's own, made once and private, so
// that nothing of it is seen outside the process and a crashed test leaves no mount behind:
// the namespace ends with the process. Programs the test starts inherit it. That needs
// CAP_SYS_ADMIN (root, as on the CI machines); elsewhere unavailable() says why, for a skip.
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

namespace test_support {

class SmallFilesystem {
 public:
  // Why this process cannot mount one, or nullopt when it can. The first call moves the
  // process into its own private mount namespace.
  static std::optional<std::string> unavailable() {
    static const std::optional<std::string> reason = []() -> std::optional<std::string> {
      if (::unshare(CLONE_NEWNS) != 0)
        return std::string{"cannot make a mount namespace (needs CAP_SYS_ADMIN): "} + std::strerror(errno);
      // Without this, mounts would propagate back to the parent namespace's shared mounts.
      if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return std::string{"cannot make / private in the new namespace: "} + std::strerror(errno);
      return std::nullopt;
    }();
    return reason;
  }

  // Mounts a tmpfs of `bytes` (rounded up to whole pages) on `folder`, creating it.
  SmallFilesystem(std::filesystem::path folder, std::size_t bytes) : folder_(std::move(folder)) {
    if (auto reason = unavailable()) throw std::runtime_error(*reason);
    std::filesystem::create_directories(folder_);
    std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
    if (::mount("tmpfs", folder_.c_str(), "tmpfs", 0, options.c_str()) != 0)
      throw std::runtime_error("cannot mount a tmpfs on " + folder_.string() + ": " + std::strerror(errno));
  }
  ~SmallFilesystem() {
    // Lazy: a program the test failed to reap may still hold a file open.
    ::umount2(folder_.c_str(), MNT_DETACH);
  }
  SmallFilesystem(const SmallFilesystem&) = delete;
  SmallFilesystem& operator=(const SmallFilesystem&) = delete;

  const std::filesystem::path& path() const { return folder_; }

  std::size_t free_bytes() const {
    struct statvfs stats {};
    if (::statvfs(folder_.c_str(), &stats) != 0) throw std::runtime_error("statvfs " + folder_.string());
    return static_cast<std::size_t>(stats.f_bavail) * stats.f_frsize;
  }

  // Takes all but `bytes` of the free space with a filler file (replacing an earlier one).
  void fill_leaving(std::size_t bytes) {
    release_filler();
    std::size_t free = free_bytes();
    if (free <= bytes) return;
    std::ofstream filler{folder_ / kFiller, std::ios::binary};
    const std::string block(4096, 'x');
    for (std::size_t left = free - bytes; left > 0;) {
      std::size_t n = std::min(left, block.size());
      filler.write(block.data(), static_cast<std::streamsize>(n));
      left -= n;
    }
    filler.close();
    // tmpfs counts whole pages: the free space left may be a little under `bytes`.
  }
  // Gives the filler's space back, as an operator deleting old logs does.
  void release_filler() {
    std::error_code ignored;
    std::filesystem::remove(folder_ / kFiller, ignored);
  }

  // Remounts read-only: every later open for writing fails with EROFS. The kernel refuses
  // (EBUSY, thrown) while a file is open for writing on it, as SQLite holds its database.
  void make_read_only() { remount(MS_RDONLY); }
  void make_writable() { remount(0); }

 private:
  static constexpr const char* kFiller = "filler";

  void remount(unsigned long flags) {
    if (::mount(nullptr, folder_.c_str(), nullptr, MS_REMOUNT | flags, nullptr) != 0)
      throw std::runtime_error("cannot remount " + folder_.string() + ": " + std::strerror(errno));
  }

  std::filesystem::path folder_;
};

}  // namespace test_support
