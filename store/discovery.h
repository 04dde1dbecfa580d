#pragma once
// The first line of deduplication, when a source lists an article: is it new, the same page
// under another URL, the same outlet article under a changed slug, a translation of a known
// article, or a known article the source says has changed since it was fetched?
// Runs inside the caller's transaction (a feed's entries are recorded together).
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/failure.h"

namespace store {

struct DiscoveredItem {
  std::string outlet;
  std::string canonical_url;
  std::string source_url;
  std::string feed_title;
  std::optional<std::string> feed_published;  // ISO 8601
  // The newest date the source gives the entry (its update, else its publication), ISO 8601
  // UTC: newer than the one recorded means the article changed.
  std::optional<std::string> feed_updated;
  // "<id group>:<id>" from the outlet's article_id pattern, when it has one.
  std::optional<std::string> article_key;
  // The outlet and language edition of the URL ("Radio Habana Cuba/en"): the same article key
  // in another edition is a translation.
  std::string edition;
};

struct Discovery {
  enum class Kind {
    new_item,     // a new article
    translation,  // new, and linked to the same article in another edition
    known,        // nothing new
    other_url,    // a known page under another form of its URL (recorded, counted once)
    other_slug,   // a known outlet article id under another URL (recorded, checked again)
    changed,      // a known article whose source date moved on: it is checked again
  };
  Kind kind = Kind::known;
  std::int64_t item_id = 0;

  bool is_new() const { return kind == Kind::new_item || kind == Kind::translation; }
};

std::expected<Discovery, Error> add_discovered(Database& db, const DiscoveredItem& item);

// The item known under this canonical URL, any form of it, or as another URL of it; used when
// a fetched page names its own canonical URL.
std::expected<std::optional<std::int64_t>, Error> find_item_by_url(Database& db, const std::string& canonical_url);

// What one answer of a source listed, with the source's new validators.
struct SourceListing {
  std::string source_url;
  std::vector<DiscoveredItem> entries;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  // A source readable only in part: what was recovered is kept, and the source shows this
  // error instead of a success.
  std::optional<Failure> problem;
};

// Records a listing in one transaction: every entry (add_discovered), then the source's
// success or problem with the next check that `next_check` gives, asked once the entries are
// in so that they count towards the source's pace. A crash leaves either all of it (the next
// 304 is right) or none (the source is read again). Returns each entry's discovery, in order.
std::expected<std::vector<Discovery>, Error> record_listing(
    Database& db, const SourceListing& listing, const std::function<std::expected<std::string, Error>()>& next_check);

}  // namespace store
