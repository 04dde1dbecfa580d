#include "store/manifest.h"

#include <boost/json.hpp>

#include <algorithm>

#include "fault/point.h"
#include "normalize/seed_format.h"
#include "normalize/text.h"
#include "store/corpus.h"

namespace store {
namespace json = boost::json;
namespace {

constexpr CrashPoints kManifestPoints{"manifest.temp_written", "manifest.temp_synced", "manifest.linked",
                                      "manifest.renamed", "manifest.written"};

std::optional<std::string> unless_empty(std::string text) {
  if (text.empty()) return std::nullopt;
  return text;
}

// Fills what the store does not know about a file from its own text. A file that cannot be
// read or parsed still belongs in the manifest, with what is known: its name and number.
void fill_from_text(const Folder& folder, ManifestEntry& entry) {
  auto text = folder.read(entry.file);
  if (!text) return;
  auto article = normalize::parse_seed(*text);
  if (!article) return;
  if (!entry.url) entry.url = unless_empty(article->canonical_url);
  if (!entry.title) entry.title = unless_empty(article->title);
  if (!entry.outlet) entry.outlet = unless_empty(article->outlet);
  if (!entry.published && article->published) entry.published = normalize::format_iso8601(*article->published);
  if (!entry.body_hash) entry.body_hash = body_hash(normalize::plain_text(article->blocks));
}

json::value nullable(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return json::string{*text};
}

std::expected<std::optional<std::string>, std::string> optional_text(const json::object& line, const char* key) {
  const json::value* value = line.if_contains(key);
  if (value == nullptr) return std::unexpected(std::string{"no \""} + key + "\"");
  if (value->is_null()) return std::nullopt;
  if (!value->is_string()) return std::unexpected(std::string{"\""} + key + "\" is not a string");
  return std::string{value->get_string()};
}

std::expected<ManifestEntry, std::string> entry_of(const json::object& line) {
  ManifestEntry entry;
  const json::value* file = line.if_contains("file");
  const json::value* number = line.if_contains("number");
  const json::value* id = line.if_contains("id");
  if (file == nullptr || !file->is_string()) return std::unexpected("\"file\" is not a string");
  if (number == nullptr || !number->is_int64()) return std::unexpected("\"number\" is not an integer");
  if (id == nullptr || !(id->is_null() || id->is_int64())) return std::unexpected("\"id\" is not an integer or null");
  entry.file = file->get_string();
  entry.number = static_cast<int>(number->get_int64());
  if (id->is_int64()) entry.id = id->get_int64();
  struct Field {
    const char* key;
    std::optional<std::string> ManifestEntry::*member;
  };
  for (auto [key, member] : {Field{"url", &ManifestEntry::url}, Field{"outlet", &ManifestEntry::outlet},
                             Field{"title", &ManifestEntry::title}, Field{"published", &ManifestEntry::published},
                             Field{"fetched", &ManifestEntry::fetched}, Field{"body_hash", &ManifestEntry::body_hash}}) {
    auto value = optional_text(line, key);
    if (!value) return std::unexpected(value.error());
    entry.*member = std::move(*value);
  }
  return entry;
}

}  // namespace

std::expected<std::vector<ManifestEntry>, Error> manifest_entries(Database& db, const Folder& folder) {
  auto names = folder.names();
  if (!names) return std::unexpected(names.error());
  std::vector<ManifestEntry> entries;
  for (auto& name : *names) {
    int number = normalize::seed_file_number(name);
    if (number < 0 || !folder.is_regular_file(name)) continue;
    ManifestEntry& entry = entries.emplace_back();
    entry.file = std::move(name);
    entry.number = number;
  }
  std::sort(entries.begin(), entries.end(),
            [](const ManifestEntry& a, const ManifestEntry& b) { return std::tie(a.number, a.file) < std::tie(b.number, b.file); });

  for (auto& entry : entries) {
    auto stmt = db.prepare_cached(
        "SELECT c.canonical_url, c.title, c.body_hash, c.item_id, i.outlet, "
        "COALESCE(i.published, i.feed_published), i.fetched_at "
        "FROM corpus_files c LEFT JOIN items i ON i.id = c.item_id WHERE c.file_name = ?1");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, entry.file);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (*row) {
      entry.url = unless_empty(stmt->column_text(0));
      entry.title = unless_empty(stmt->column_text(1));
      entry.body_hash = unless_empty(stmt->column_text(2));
      if (!stmt->column_is_null(3)) {
        entry.id = stmt->column_int(3);
        entry.outlet = stmt->column_optional_text(4);
        entry.published = stmt->column_optional_text(5);
        entry.fetched = stmt->column_optional_text(6);
      }
    }
    // Only the files no item stands behind are read: the seeds and hand-copied files, few,
    // while the exported ones, which grow with every run, come from the store alone.
    if (!entry.id) fill_from_text(folder, entry);
  }
  return entries;
}

std::string render_manifest(const std::vector<ManifestEntry>& entries) {
  std::string text;
  for (const auto& entry : entries) {
    // json::object keeps insertion order: every line lists the keys in the order documented.
    json::object line;
    line["file"] = entry.file;
    line["number"] = entry.number;
    line["id"] = entry.id ? json::value(*entry.id) : json::value(nullptr);
    line["url"] = nullable(entry.url);
    line["outlet"] = nullable(entry.outlet);
    line["title"] = nullable(entry.title);
    line["published"] = nullable(entry.published);
    line["fetched"] = nullable(entry.fetched);
    line["body_hash"] = nullable(entry.body_hash);
    text += json::serialize(line);
    text += '\n';
  }
  return text;
}

std::expected<std::vector<ManifestEntry>, Error> parse_manifest(std::string_view text) {
  std::vector<ManifestEntry> entries;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    auto fail = [&](const std::string& why) {
      return std::unexpected(Error{Error::Code::io, std::string{kManifestName} + ":" +
                                                        std::to_string(line_number) + ": " + why});
    };
    std::error_code ec;
    json::value value = json::parse(line, ec);
    if (ec) return fail(ec.message());
    if (!value.is_object()) return fail("not a JSON object");
    auto entry = entry_of(value.get_object());
    if (!entry) return fail(entry.error());
    entries.push_back(std::move(*entry));
  }
  return entries;
}

std::expected<bool, Error> update_manifest(Database& db, const Folder& folder) {
  auto entries = manifest_entries(db, folder);
  if (!entries) return std::unexpected(entries.error());
  std::string text = render_manifest(*entries);
  const std::string name{kManifestName};
  if (folder.is_regular_file(name))
    if (auto current = folder.read(name); current && *current == text) return false;
  fault::point("manifest.before_write");
  auto placed = write_durably(folder, name, text, Placement::replace, kManifestPoints);
  if (!placed) return std::unexpected(placed.error());
  return true;
}

}  // namespace store
