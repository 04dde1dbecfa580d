// store/corpus_folder.cpp: durable writes that never replace a document, on both ways of
// refusing (RENAME_NOREPLACE and the link() fallback), the folder lock, leftover temporaries.
#include "store/corpus_folder.h"

#include <gtest/gtest.h>

#include "tests/store/corpus_test_support.h"

namespace {

namespace fs = std::filesystem;
using corpus_test::files_in;
using test_support::read_file;
using test_support::TempDir;
using test_support::write_file;

const std::string kName = "005_0123456789abcdef.txt";
const std::string kTemporary = ".005_0123456789abcdef.txt.tmp";
constexpr store::CrashPoints kTestPoints{"test.temp_written", "test.temp_synced", "test.linked", "test.renamed",
                                         "test.folder_synced"};

class CorpusFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Folder::open(dir_ / "corpus");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    folder_.emplace(std::move(*opened));
  }
  const store::Folder& folder() const { return *folder_; }
  fs::path path(const std::string& name) const { return dir_ / "corpus" / name; }

  // The outcome of a durable write; nullopt, failing the test, on an error.
  std::optional<store::Placed> write(const std::string& name, std::string_view contents, store::Placement placement) {
    auto placed = store::write_durably(folder(), name, contents, placement, kTestPoints);
    EXPECT_TRUE(placed.has_value()) << placed.error().message;
    return placed ? std::optional{*placed} : std::nullopt;
  }

  // kTemporary moved to kName by the link() fallback.
  std::optional<store::Placed> link() {
    auto placed = store::link_into_place(folder(), kTemporary, kName, kTestPoints);
    EXPECT_TRUE(placed.has_value()) << placed.error().message;
    return placed ? std::optional{*placed} : std::nullopt;
  }

  // The folder holds `name` and nothing else (no temporary), with `contents`.
  void expect_only(const std::string& name, const std::string& contents) const {
    EXPECT_EQ(files_in(dir_ / "corpus"), std::set<std::string>{name});
    EXPECT_EQ(read_file(path(name)), contents);
  }

  TempDir dir_;
  std::optional<store::Folder> folder_;
};

TEST_F(CorpusFolder, WritesANewFileAndLeavesNoTemporary) {
  EXPECT_EQ(write(kName, "# T\n\nText.\n", store::Placement::keep_existing), store::Placed::placed);
  expect_only(kName, "# T\n\nText.\n");
}

TEST_F(CorpusFolder, KeepExistingNeverReplacesAFile) {
  write_file(path(kName), "the original");
  EXPECT_EQ(write(kName, "a newcomer", store::Placement::keep_existing), store::Placed::target_exists);
  expect_only(kName, "the original");
}

TEST_F(CorpusFolder, TheLinkFallbackNeverReplacesAFileEither) {
  write_file(path(kName), "the original");
  write_file(path(kTemporary), "a newcomer");
  EXPECT_EQ(link(), store::Placed::target_exists);
  expect_only(kName, "the original");
}

TEST_F(CorpusFolder, TheLinkFallbackPlacesANewFileUnderOneName) {
  write_file(path(kTemporary), "new");
  EXPECT_EQ(link(), store::Placed::placed);
  expect_only(kName, "new");
}

TEST_F(CorpusFolder, ReplaceOverwritesAnIndex) {
  write_file(path("manifest.jsonl"), "old\n");
  EXPECT_EQ(write("manifest.jsonl", "new\n", store::Placement::replace), store::Placed::placed);
  expect_only("manifest.jsonl", "new\n");
}

TEST_F(CorpusFolder, RefusesToWriteIntoAnotherWritersTemporary) {
  write_file(path(kTemporary), "someone's half-written file");
  auto placed = store::write_durably(folder(), kName, "text", store::Placement::keep_existing, kTestPoints);
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, store::Error::Code::io);
  EXPECT_FALSE(fs::exists(path(kName)));
}

TEST_F(CorpusFolder, RemovesOnlyTheTemporariesItIsToldAreItsOwn) {
  write_file(path(kTemporary), "half");
  write_file(path(".notes.tmp"), "someone's");
  write_file(path("005_0123456789abcdef.txt.tmp"), "not hidden: not a temporary of ours");
  auto removed = store::remove_temporaries(folder(), [](std::string_view name) { return name.ends_with(".txt"); });
  ASSERT_TRUE(removed.has_value()) << removed.error().message;
  EXPECT_EQ(*removed, std::vector<std::string>{kTemporary});
  EXPECT_EQ(files_in(dir_ / "corpus"), (std::set<std::string>{".notes.tmp", "005_0123456789abcdef.txt.tmp"}));
}

TEST_F(CorpusFolder, OneLockAtATimeReleasedWithTheFolder) {
  ASSERT_TRUE(folder_->lock());
  {
    auto other = store::Folder::open(dir_ / "corpus");
    ASSERT_TRUE(other.has_value());
    auto locked = other->lock();
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().code, store::Error::Code::io);
  }
  folder_.reset();
  auto again = store::Folder::open(dir_ / "corpus");
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->lock());
}

TEST_F(CorpusFolder, ListsTheSameNamesEveryTime) {
  write_file(path("a"), "1");
  write_file(path("b"), "2");
  auto first = folder().names();
  auto second = folder().names();
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(first->size(), 2u);
  EXPECT_EQ(std::set<std::string>(first->begin(), first->end()), std::set<std::string>(second->begin(), second->end()));
}

TEST(CorpusFolderOpen, FailsWithIoOnAFile) {
  TempDir dir;
  write_file(dir / "a-file", "x");
  auto opened = store::Folder::open(dir / "a-file");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, store::Error::Code::io);
}

}  // namespace
