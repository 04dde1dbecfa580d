#include "ingest/pipeline.h"

#include <chrono>
#include <map>

#include "flag/flagger.h"
#include "ingest/feed.h"
#include "ingest/log.h"
#include "normalize/html_extractor.h"
#include "normalize/seed_format.h"
#include "normalize/url.h"
#include "store/corpus.h"
#include "store/items.h"
#include "store/sources.h"

namespace ingest {
namespace {

using std::chrono::system_clock;

std::string iso_in(std::chrono::seconds from_now) {
  auto when = std::chrono::time_point_cast<std::chrono::seconds>(system_clock::now()) + from_now;
  return normalize::format_iso8601_utc(normalize::Timestamp{when, {}, true});
}

// Retries of one article back off: 10 min, 20, 40, ... capped at a day.
std::chrono::seconds retry_delay(std::int64_t attempts) {
  auto minutes = std::min<std::int64_t>(10LL << std::min<std::int64_t>(attempts, 10), 24 * 60);
  return std::chrono::minutes{minutes};
}

bool is_html(const FetchResponse& response) {
  const std::string& type = response.content_type;
  return type.empty() || type == "text/html" || type == "application/xhtml+xml";
}

class Pass {
 public:
  Pass(const Config& config, const flag::Rules& rules, store::Database& db, HttpFetcher& fetcher)
      : config_(config), rules_(rules), db_(db), fetcher_(fetcher), log_(logger("pipeline")) {
    for (const auto& outlet : config_.outlets) outlets_[outlet.name] = &outlet;
  }

  std::expected<PassReport, store::Error> run() {
    for (const auto& outlet : config_.outlets) {
      for (const auto& url : outlet.feeds)
        if (auto r = poll_source(outlet, url, "feed"); !r) return std::unexpected(r.error());
      for (const auto& url : outlet.sitemaps)
        if (auto r = poll_source(outlet, url, "sitemap"); !r) return std::unexpected(r.error());
      if (!outlet.sections.empty())
        log_->warn("sections not read yet outlet=\"{}\" count={}", outlet.name, outlet.sections.size());
    }
    while (true) {
      auto due = store::due_items(db_, 100);
      if (!due) return std::unexpected(due.error());
      if (due->empty()) break;
      for (const auto& item : *due)
        if (auto r = process_item(item); !r) return std::unexpected(r.error());
      // Items that failed stay discovered with a later next_attempt, so the loop ends.
    }
    return report_;
  }

 private:
  std::expected<void, store::Error> poll_source(const Outlet& outlet, const std::string& url,
                                                const std::string& kind) {
    if (auto r = store::register_source(db_, outlet.name, url, kind); !r) return r;
    auto state = store::find_source(db_, url);
    if (!state) return std::unexpected(state.error());
    FetchRequest request{url, std::nullopt, std::nullopt, outlet.min_delay};
    if (*state) {
      request.etag = (*state)->etag;
      request.last_modified = (*state)->last_modified;
    }
    std::string next_check = iso_in(outlet.interval);
    auto response = fetcher_.fetch(request);
    if (!response) {
      ++report_.sources_failed;
      log_->error("source failed outlet=\"{}\" url={} kind={} error=\"{}\"", outlet.name, url,
                  kind_name(response.error().kind), response.error().message);
      return store::record_source_failure(db_, url, std::string{kind_name(response.error().kind)},
                                          response.error().message, next_check);
    }
    if (response->not_modified) {
      ++report_.sources_not_modified;
      log_->info("source not modified outlet=\"{}\" url={}", outlet.name, url);
      return store::record_source_success(db_, url, response->etag ? response->etag : request.etag,
                                          response->last_modified ? response->last_modified : request.last_modified,
                                          next_check);
    }
    auto feed = parse_feed(response->body, response->final_url, response->charset);
    if (!feed) {
      ++report_.sources_failed;
      log_->error("source unreadable outlet=\"{}\" url={} error=\"{}\"", outlet.name, url, feed.error().message);
      return store::record_source_failure(db_, url, "parse", feed.error().message, next_check);
    }
    for (const auto& warning : feed->warnings)
      if (warning != feed->malformed)
        log_->warn("source problem outlet=\"{}\" url={} problem=\"{}\"", outlet.name, url, warning);
    for (const auto& entry : feed->entries) {
      if (entry.link.empty()) continue;
      ++report_.entries_seen;
      auto canonical = normalize::canonical_url(entry.link);
      if (!canonical) continue;
      store::DiscoveredItem discovered{outlet.name, *canonical, url, entry.title, std::nullopt};
      if (entry.published) discovered.feed_published = normalize::format_iso8601(*entry.published);
      auto id = store::add_discovered(db_, discovered);
      if (!id) return std::unexpected(id.error());
      if (*id) ++report_.items_new;
    }
    if (!feed->malformed.empty()) {
      // What could be recovered is kept, but the source shows its error in `ingest status`.
      ++report_.sources_failed;
      log_->error("source malformed outlet=\"{}\" url={} error=\"{}\" recovered_entries={}",
                  outlet.name, url, feed->malformed, feed->entries.size());
      return store::record_source_failure(db_, url, "malformed", feed->malformed, next_check);
    }
    ++report_.sources_ok;
    // Validators are stored only once the entries are, so a crash in between re-reads the feed.
    return store::record_source_success(db_, url, response->etag, response->last_modified, next_check);
  }

  std::expected<void, store::Error> fail_item(const store::PendingItem& item, const std::string& reason,
                                              bool permanent) {
    ++report_.items_failed;
    std::int64_t max_attempts = permanent ? item.attempts + 1 : config_.fetch.max_attempts;
    bool last = item.attempts + 1 >= max_attempts;
    log_->error("article failed outlet=\"{}\" url={} error=\"{}\" attempt={} {}", item.outlet,
                item.canonical_url, reason, item.attempts + 1, last ? "final=yes" : "retry=later");
    return store::record_item_failure(db_, item.id, reason, max_attempts,
                                      iso_in(retry_delay(item.attempts)));
  }

  std::expected<void, store::Error> process_item(const store::PendingItem& item) {
    const Outlet* outlet = outlets_.contains(item.outlet) ? outlets_.at(item.outlet) : nullptr;
    FetchRequest request{item.canonical_url, std::nullopt, std::nullopt,
                         outlet ? outlet->min_delay : std::nullopt};
    auto response = fetcher_.fetch(request);
    if (!response) {
      bool permanent = response.error().kind == FetchError::Kind::bad_scheme;
      return fail_item(item, std::string{kind_name(response.error().kind)} + ": " + response.error().message, permanent);
    }
    if (!is_html(*response))
      return fail_item(item, "not HTML: Content-Type " + response->content_type, true);

    normalize::ExtractOptions options{response->final_url, response->charset,
                                      outlet ? outlet->language : std::string{}};
    auto article = normalize::extract_article(response->body, options);
    if (!article) return fail_item(item, "extraction: " + article.error().message, true);
    article->outlet = item.outlet;
    // What the page does not say, the feed may have said.
    if (article->title.empty()) article->title = item.feed_title;
    if (!article->published && item.feed_published)
      article->published = normalize::parse_iso8601(*item.feed_published);
    // The item keeps the URL it was discovered under; the page's own canonical link is what
    // the seed footer shows.
    store::ProcessedItem processed;
    processed.title = article->title;
    processed.authors = article->authors;
    if (article->published) processed.published = normalize::format_iso8601(*article->published);
    processed.language = article->language;
    processed.seed_text = normalize::render_seed(*article);
    std::string text = normalize::plain_text(article->blocks);
    processed.body_hash = store::body_hash(text);
    processed.verdict = flag::evaluate(rules_, article->title, text);

    auto duplicate = store::find_exact_duplicate(db_, processed.body_hash, item.id);
    if (!duplicate) return std::unexpected(duplicate.error());
    if (*duplicate) {
      ++report_.items_duplicate;
      log_->info("article duplicate outlet=\"{}\" url={} of={}", item.outlet, item.canonical_url,
                 (*duplicate)->corpus_file ? *(*duplicate)->corpus_file
                                            : "item " + std::to_string(*(*duplicate)->item_id));
      return store::record_item_duplicate(db_, item.id, processed, **duplicate);
    }
    ++report_.items_stored;
    if (processed.verdict.flagged) ++report_.items_flagged;
    log_->info("article stored outlet=\"{}\" url={} flagged={} score={}", item.outlet,
               item.canonical_url, processed.verdict.flagged, processed.verdict.score);
    return store::record_item_stored(db_, item.id, processed);
  }

  const Config& config_;
  const flag::Rules& rules_;
  store::Database& db_;
  HttpFetcher& fetcher_;
  std::shared_ptr<spdlog::logger> log_;
  std::map<std::string, const Outlet*> outlets_;
  PassReport report_;
};

}  // namespace

std::expected<PassReport, store::Error> run_pass(const Config& config, const flag::Rules& rules,
                                                 store::Database& db, HttpFetcher& fetcher) {
  return Pass{config, rules, db, fetcher}.run();
}

std::string describe(const PassReport& r) {
  return "pass done sources_ok=" + std::to_string(r.sources_ok) +
         " not_modified=" + std::to_string(r.sources_not_modified) +
         " sources_failed=" + std::to_string(r.sources_failed) +
         " entries=" + std::to_string(r.entries_seen) + " new=" + std::to_string(r.items_new) +
         " stored=" + std::to_string(r.items_stored) + " flagged=" + std::to_string(r.items_flagged) +
         " duplicates=" + std::to_string(r.items_duplicate) +
         " failed=" + std::to_string(r.items_failed);
}

}  // namespace ingest
