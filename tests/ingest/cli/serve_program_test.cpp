// ingest serve, the program: it opens an existing store only, listens where --listen or the
// config says, says so on stdout and to systemd, answers, and stops on SIGTERM.
#include <gtest/gtest.h>

#include <csignal>

#include "store/store.h"
#include "tests/ingest/daemon/notify_socket.h"
#include "tests/ingest/web/http_client.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace {

using namespace std::chrono_literals;
using test_support::ingest_binary;
using test_support::run_ingest;
using test_support::StartedProgram;
using test_support::TempDir;

TEST(ServeProgram, ListensWhereToldAnswersAndStopsOnTerm) {
  TempDir dir;
  ASSERT_TRUE(store::open_store(dir / "ingest.db"));
  test_support::NotifySocket notify(dir / "notify.sock");
  StartedProgram serve({ingest_binary(), "serve", "--db", (dir / "ingest.db").string(), "--listen", "127.0.0.1:0"},
                       dir.path(), {{"NOTIFY_SOCKET", (dir / "notify.sock").string()}});
  ASSERT_TRUE(notify.wait_for("READY=1", 30s));
  const std::string out = test_support::read_file(dir / "stdout");
  const std::string marker = "review console on http://127.0.0.1:";
  auto at = out.find(marker);
  ASSERT_NE(at, std::string::npos) << out;
  auto port = static_cast<unsigned short>(std::stoi(out.substr(at + marker.size())));
  auto login = web_test::send({boost::asio::ip::make_address("127.0.0.1"), port}, "GET", "/login");
  EXPECT_EQ(login.status, 200);
  serve.terminate();
  auto run = serve.wait();
  EXPECT_EQ(run.exit_status, 0) << run.err;
}

TEST(ServeProgram, RefusesABadListenValueAndAMissingStore) {
  TempDir dir;
  auto bad = run_ingest({"serve", "--db", (dir / "ingest.db").string(), "--listen", "8080"}, dir.path());
  EXPECT_EQ(bad.exit_status, 2);
  EXPECT_NE(bad.err.find("--listen 8080: expected HOST:PORT"), std::string::npos) << bad.err;
  auto missing = run_ingest({"serve", "--db", (dir / "none.db").string(), "--listen", "127.0.0.1:0"}, dir.path());
  EXPECT_NE(missing.exit_status, 0);
  EXPECT_NE(missing.err.find("none.db"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
}

}  // namespace
