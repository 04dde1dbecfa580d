#pragma once
// Running a program from a test without a shell: posix_spawn, so that a program killed by a
// signal is reported as killed (a shell would turn it into an exit status), and arguments need
// no quoting. Header-only; nothing here sleeps.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/test_files.h"

extern char** environ;

namespace test_support {

struct ProgramRun {
  int exit_status = -1;  // when it exited
  int signal = 0;        // when a signal killed it
  std::string out, err;
};

// A program started from a test: runs `args` (args[0] is the program's path) in `folder`,
// with stdin from /dev/null and stdout and stderr captured through the files "stdout" and
// "stderr" there. The environment is this process's, with `env` added or overridden; an empty
// value removes a variable. A program that cannot be started fails the test. The destructor
// kills and reaps a program not yet waited for, so a failed assertion leaves no process.
class StartedProgram {
 public:
  StartedProgram(std::vector<std::string> args, const std::filesystem::path& folder,
                 const std::map<std::string, std::string>& env = {})
      : out_(folder / "stdout"), err_(folder / "stderr") {
    std::vector<std::string> environment;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string entry = *e;
      if (!env.contains(entry.substr(0, entry.find('=')))) environment.push_back(std::move(entry));
    }
    for (const auto& [name, value] : env)
      if (!value.empty()) environment.push_back(name + "=" + value);
    std::vector<char*> argv, envp;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    for (auto& entry : environment) envp.push_back(entry.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addchdir_np(&actions, folder.c_str());
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    // Nothing else of the test's: an inherited copy of the fixture server's listening socket
    // would keep its port accepting connections after the server is gone.
    posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      ADD_FAILURE() << "cannot run " << args[0] << ": " << std::strerror(spawned);
      pid_ = -1;
    }
  }
  ~StartedProgram() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  StartedProgram(const StartedProgram&) = delete;
  StartedProgram& operator=(const StartedProgram&) = delete;

  // Waits until the program stops itself (fault/point.h, INGEST_FAULT_PAUSE_AT) or ends;
  // true when it stopped. After an end, wait() gives the result.
  bool wait_until_stopped() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WUNTRACED) != pid_) return false;
    if (WIFSTOPPED(status)) return true;
    finish(status);
    return false;
  }
  void resume() const {
    if (pid_ > 0) ::kill(pid_, SIGCONT);
  }
  // kill -9, wherever the program is; wait() then reports the signal.
  void kill() const {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::kill(pid_, SIGCONT);  // a stopped process dies only once it runs
    }
  }
  // SIGTERM: asks the program to stop.
  void terminate() const {
    if (pid_ > 0) ::kill(pid_, SIGTERM);
  }
  // Waits for the program to end and returns how it ended and what it wrote.
  ProgramRun wait() {
    if (pid_ > 0) {
      int status = 0;
      if (::waitpid(pid_, &status, 0) == pid_) finish(status);
    }
    run_.out = read_file(out_);
    run_.err = read_file(err_);
    return run_;
  }

 private:
  void finish(int status) {
    if (WIFEXITED(status)) run_.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) run_.signal = WTERMSIG(status);
    pid_ = -1;
  }

  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  ProgramRun run_;
};

// Runs the program as StartedProgram does and waits for it to end.
inline ProgramRun run_program(std::vector<std::string> args, const std::filesystem::path& folder,
                              const std::map<std::string, std::string>& env = {}) {
  return StartedProgram{std::move(args), folder, env}.wait();
}

#ifdef INGEST_BINARY_DIR
// The `ingest` program of this build (every test suite is given INGEST_BINARY_DIR).
inline std::string ingest_binary() { return std::string{INGEST_BINARY_DIR} + "/ingest/ingest"; }

// `ingest ARGS...` run in `folder`, as run_program runs a program.
inline ProgramRun run_ingest(std::vector<std::string> args, const std::filesystem::path& folder,
                             const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), ingest_binary());
  return run_program(std::move(args), folder, env);
}
#endif

}  // namespace test_support
