#include "ingest/pipeline.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <random>

#include "dedup/minhash.h"
#include "fault/point.h"
#include "flag/flagger.h"
#include "ingest/article_identity.h"
#include "ingest/feed.h"
#include "ingest/log.h"
#include "ingest/schedule.h"
#include "ingest/section_page.h"
#include "ingest/store_robots_cache.h"
#include "normalize/html_extractor.h"
#include "normalize/seed_format.h"
#include "normalize/url.h"
#include "store/corpus.h"
#include "store/discovery.h"
#include "store/fingerprints.h"
#include "store/items.h"
#include "store/sources.h"
#include "store/store.h"

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

// Sitemap indexes: how deep they may nest, and how many of an index's sitemaps are read.
constexpr int kMaxSitemapDepth = 2;
constexpr std::size_t kSitemapChildren = 3;

std::string similarity_text(double similarity) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", similarity);
  return buffer;
}

bool is_html(const FetchResponse& response) {
  const std::string& type = response.content_type;
  return type.empty() || type == "text/html" || type == "application/xhtml+xml";
}

class Pass : public std::enable_shared_from_this<Pass> {
 public:
  Pass(const Config& config, const flag::Rules& rules, store::Database& db, FetchEngine& engine,
       PassOptions options, std::function<void(PassResult)> done)
      : config_(config), rules_(rules), db_(db), engine_(engine), options_(options),
        done_(std::move(done)), log_(logger("pipeline")) {
    for (const auto& outlet : config_.outlets) outlets_[outlet.name] = &outlet;
  }

  void start() {
    ++outstanding_;  // held until every source fetch is queued
    for (const auto& outlet : config_.outlets) {
      for (const auto& url : outlet.feeds) poll_source(outlet, url, "feed");
      for (const auto& url : outlet.sitemaps) poll_source(outlet, url, "sitemap");
      for (const auto& url : outlet.sections) poll_source(outlet, url, "section");
    }
    one_done();
  }

 private:
  // Every fetch callback ends here; when nothing is in flight the pass moves on.
  void one_done() {
    if (options_.progress) options_.progress(report_);
    if (--outstanding_ > 0) return;
    next_items();
  }

  void fail_store(const store::Error& error) {
    if (!error_) error_ = error;
  }

  void next_items() {
    if (!error_ && !draining_) {
      auto due = store::due_items(db_, 100);
      if (!due) {
        fail_store(due.error());
      } else if (!due->empty()) {
        outstanding_ += static_cast<int>(due->size());
        for (auto& item : *due) fetch_item(std::move(item));
        return;
      }
    }
    // Nothing more is due (items that failed wait for their next attempt): the pass is over.
    auto done = std::move(done_);
    if (error_) done(std::unexpected(*error_));
    else done(report_);
  }

  std::string next_check_after_failure(const Outlet& outlet, std::int64_t error_count,
                                       const std::optional<std::chrono::seconds>& retry_after) {
    // A failing source slows down, up to 32 intervals, but is always tried again.
    auto wait = outlet.interval * (std::int64_t{1} << std::min<std::int64_t>(error_count, 5));
    if (retry_after) wait = std::max(wait, std::min(*retry_after, std::chrono::seconds{24 * 3600}));
    return iso_in(std::chrono::duration_cast<std::chrono::seconds>(wait));
  }

  // When a source that answered is checked next: at the pace it publishes, never sooner than
  // it asks (ingest/schedule.h).
  std::expected<std::string, store::Error> next_check_after_success(const Outlet& outlet, const std::string& url,
                                                                    const ServerHints& hints) {
    auto counts = store::source_activity(db_, url, store::now_utc());
    if (!counts) return std::unexpected(counts.error());
    ScheduleBounds bounds{outlet.interval, outlet.min_interval, outlet.max_interval};
    SourceActivity activity{counts->new_entries, std::chrono::seconds{counts->observed_seconds}};
    return iso_in(next_check_delay(bounds, activity, hints, jitter_(random_)));
  }

  // `depth` counts the sitemap indexes above a sitemap; a child is polled whenever its index
  // is, so only configured sources wait until they are due.
  void poll_source(const Outlet& outlet, const std::string& url, const std::string& kind, int depth = 0) {
    if (error_) return;
    if (auto r = store::register_source(db_, outlet.name, url, kind); !r) return fail_store(r.error());
    auto state = store::find_source(db_, url);
    if (!state) return fail_store(state.error());
    if (depth == 0 && options_.only_due_sources && *state && (*state)->next_check &&
        *(*state)->next_check > iso_in({})) {
      ++report_.sources_skipped;
      return;
    }
    FetchRequest request;
    request.url = url;
    request.min_delay = outlet.min_delay;
    std::int64_t error_count = 0;
    if (*state) {
      request.etag = (*state)->etag;
      request.last_modified = (*state)->last_modified;
      error_count = (*state)->error_count;
    }
    ++outstanding_;
    engine_.fetch(request, [self = shared_from_this(), &outlet, url, kind, depth, request, error_count](FetchResult result) {
      self->count_fetch(outlet.name, result);
      // Crash points (fault/point.h) between the steps of a pass, where the kill and fault
      // tests stop the program: before anything of the answer is written, and after.
      fault::point("pass.source_fetched");
      if (!self->error_) {
        if (auto r = self->on_source(outlet, url, kind, depth, request, error_count, std::move(result)); !r)
          self->fail_store(r.error());
        else
          fault::point("pass.source_recorded");
      }
      self->one_done();
    });
  }

  std::expected<ParsedFeed, FeedError> parse_source(const Outlet& outlet, const std::string& kind,
                                                    const FetchResponse& response) {
    if (kind == "section") {
      if (!outlet.article_links_regex) return std::unexpected(FeedError{"no article_links for a section page"});
      return parse_section_page(response.body, response.final_url, response.charset, *outlet.article_links_regex);
    }
    return parse_feed(response.body, response.final_url, response.charset);
  }

  // The sitemaps of an index worth reading: the most recently modified few (an outlet's index
  // lists every month back to its first; only the current ones hold new articles).
  void follow_sitemap_index(const Outlet& outlet, const std::string& url, int depth, const ParsedFeed& index) {
    if (depth + 1 > kMaxSitemapDepth) {
      log_->warn("sitemap index too deep outlet=\"{}\" url={} depth={}", outlet.name, url, depth + 1);
      return;
    }
    std::vector<const FeedEntry*> children;
    for (const auto& entry : index.entries)
      if (!entry.link.empty()) children.push_back(&entry);
    // Newest first; undated ones after, later in the document first (indexes are usually
    // written oldest first).
    std::reverse(children.begin(), children.end());
    std::stable_sort(children.begin(), children.end(), [](const FeedEntry* a, const FeedEntry* b) {
      if (a->updated && b->updated) return a->updated->utc > b->updated->utc;
      return a->updated.has_value() && !b->updated.has_value();
    });
    if (children.size() > kSitemapChildren) children.resize(kSitemapChildren);
    for (const FeedEntry* child : children) poll_source(outlet, child->link, "sitemap", depth + 1);
  }

  std::expected<void, store::Error> on_source(const Outlet& outlet, const std::string& url,
                                              const std::string& kind, int depth,
                                              const FetchRequest& request,
                                              std::int64_t error_count, FetchResult response) {
    if (!response && response.error().kind == FetchError::Kind::cancelled) {
      // Stopping: the source was not asked, so it stays due as it was.
      draining_ = true;
      ++report_.left_for_next_pass;
      return {};
    }
    if (!response) {
      ++report_.sources_failed;
      log_->error("source failed outlet=\"{}\" url={} kind={} error=\"{}\"", outlet.name, url,
                  kind_name(response.error().kind), response.error().message);
      return store::record_source_failure(db_, url, std::string{kind_name(response.error().kind)},
                                          response.error().message,
                                          next_check_after_failure(outlet, error_count + 1, response.error().retry_after));
    }
    if (response->not_modified) {
      ++report_.sources_not_modified;
      log_->info("source not modified outlet=\"{}\" url={}", outlet.name, url);
      auto next_check = next_check_after_success(outlet, url, ServerHints{std::nullopt, response->max_age, std::nullopt});
      if (!next_check) return std::unexpected(next_check.error());
      return store::record_source_success(db_, url, response->etag ? response->etag : request.etag,
                                          response->last_modified ? response->last_modified : request.last_modified,
                                          *next_check);
    }
    auto feed = parse_source(outlet, kind, *response);
    if (!feed) {
      ++report_.sources_failed;
      log_->error("source unreadable outlet=\"{}\" url={} error=\"{}\"", outlet.name, url, feed.error().message);
      return store::record_source_failure(db_, url, "parse", feed.error().message,
                                          next_check_after_failure(outlet, error_count + 1, std::nullopt));
    }
    for (const auto& warning : feed->warnings)
      if (warning != feed->malformed)
        log_->warn("source problem outlet=\"{}\" url={} problem=\"{}\"", outlet.name, url, warning);
    // A feed's new entries and its new validators are stored together: a crash leaves either
    // all of them (the next 304 is right) or none (the feed is read again).
    if (feed->format == "sitemapindex") follow_sitemap_index(outlet, url, depth, *feed);
    auto tx = store::Transaction::begin(db_);
    if (!tx) return std::unexpected(tx.error());
    auto oldest = std::chrono::system_clock::now() - outlet.max_age.value_or(std::chrono::milliseconds::zero());
    for (const auto& entry : feed->entries) {
      if (entry.link.empty() || feed->format == "sitemapindex") continue;
      ++report_.entries_seen;
      const auto& dated = entry.published ? entry.published : entry.updated;
      if (outlet.max_age && dated && dated->utc < oldest) {
        ++report_.entries_too_old;
        continue;
      }
      auto canonical = normalize::canonical_url(entry.link);
      if (!canonical) continue;
      auto identity = identify_article(outlet, *canonical);
      store::DiscoveredItem discovered{outlet.name, *canonical, url, entry.title, std::nullopt,
                                       std::nullopt, identity.article_key, identity.edition};
      // A feed that dates entries only with dc:date has them as `updated`.
      if (const auto& date = entry.published ? entry.published : entry.updated)
        discovered.feed_published = normalize::format_iso8601(*date);
      if (const auto& date = entry.updated ? entry.updated : entry.published)
        discovered.feed_updated = normalize::format_iso8601_utc(*date);
      auto found = store::add_discovered(db_, discovered);
      if (!found) return std::unexpected(found.error());
      count_discovery(*found, *canonical);
    }
    // Counted after this source's new entries are in, so that they count towards its pace.
    auto next_check = next_check_after_success(outlet, url, ServerHints{feed->ttl, response->max_age, std::nullopt});
    if (!next_check) return std::unexpected(next_check.error());
    if (!feed->malformed.empty()) {
      // What could be recovered is kept, but the source shows its error in `ingest status`.
      ++report_.sources_failed;
      log_->error("source malformed outlet=\"{}\" url={} error=\"{}\" recovered_entries={}",
                  outlet.name, url, feed->malformed, feed->entries.size());
      if (auto r = store::record_source_failure(db_, url, "malformed", feed->malformed, *next_check); !r) return r;
      return tx->commit();
    }
    ++report_.sources_ok;
    if (auto r = store::record_source_success(db_, url, response->etag, response->last_modified, *next_check); !r)
      return r;
    return tx->commit();
  }

  void count_discovery(const store::Discovery& found, const std::string& url) {
    using Kind = store::Discovery::Kind;
    switch (found.kind) {
      case Kind::new_item: ++report_.items_new; break;
      case Kind::translation:
        ++report_.items_new;
        ++report_.translations;
        log_->info("article is a translation url={} of=item {}", url, found.item_id);
        break;
      case Kind::other_url:
        ++report_.other_urls;
        log_->info("article known under another url url={} item={}", url, found.item_id);
        break;
      case Kind::other_slug:
        ++report_.other_urls;
        log_->info("article known by its outlet id url={} item={} recheck=yes", url, found.item_id);
        break;
      case Kind::changed:
        log_->info("article changed at its source url={} item={} recheck=yes", url, found.item_id);
        break;
      case Kind::known: break;
    }
  }

  void count_fetch(std::string_view outlet, const FetchResult& result) {
    if (!options_.fetched) return;
    if (!result && result.error().kind == FetchError::Kind::cancelled) return;  // never asked
    options_.fetched(outlet, result ? (result->not_modified ? "not_modified" : "ok") : kind_name(result.error().kind));
  }

  void fetch_item(store::PendingItem item) {
    const Outlet* outlet = outlets_.contains(item.outlet) ? outlets_.at(item.outlet) : nullptr;
    FetchRequest request;
    request.url = item.recheck ? item.fetch_url : item.canonical_url;
    if (outlet) request.min_delay = outlet->min_delay;
    engine_.fetch(request, [self = shared_from_this(), item = std::move(item), outlet](FetchResult result) {
      self->count_fetch(item.outlet, result);
      fault::point("pass.item_fetched");
      if (!self->error_) {
        if (auto r = self->on_item(item, outlet, std::move(result)); !r)
          self->fail_store(r.error());
        else
          fault::point("pass.item_recorded");
      }
      self->one_done();
    });
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

  // A check for a revision that could not be made: the text already held stands, and the
  // next change its source announces asks again.
  std::expected<void, store::Error> abandon_recheck(const store::PendingItem& item, const std::string& reason) {
    log_->warn("article recheck failed outlet=\"{}\" url={} item={} error=\"{}\"", item.outlet, item.fetch_url,
               item.id, reason);
    return store::finish_recheck(db_, item.id);
  }

  std::expected<void, store::Error> on_item(const store::PendingItem& item, const Outlet* outlet,
                                            FetchResult response) {
    if (!response && response.error().kind == FetchError::Kind::cancelled) {
      // Stopping: the article was not requested and stays due, its attempts untouched.
      draining_ = true;
      ++report_.left_for_next_pass;
      return {};
    }
    if (item.recheck && !response) return abandon_recheck(item, std::string{kind_name(response.error().kind)} + ": " + response.error().message);
    if (item.recheck && !is_html(*response)) return abandon_recheck(item, "not HTML: Content-Type " + response->content_type);
    if (!response) {
      const FetchError& e = response.error();
      // Retrying cannot change a refused scheme; everything else (a robots.txt rule included,
      // which may be lifted) is tried again with backoff.
      bool permanent = e.kind == FetchError::Kind::bad_scheme;
      return fail_item(item, std::string{kind_name(e.kind)} + ": " + e.message, permanent);
    }
    if (!is_html(*response))
      return fail_item(item, "not HTML: Content-Type " + response->content_type, true);

    normalize::ExtractOptions options{response->final_url, response->charset,
                                      outlet ? outlet->language : std::string{},
                                      outlet ? outlet->extraction : normalize::PageOverrides{}};
    auto article = normalize::extract_article(response->body, options);
    if (!article && item.recheck) return abandon_recheck(item, "extraction: " + article.error().message);
    if (!article) return fail_item(item, "extraction: " + article.error().message, true);
    article->outlet = item.outlet;
    // What the page does not say, the feed may have said.
    if (article->title.empty()) article->title = item.feed_title;
    if (!article->published && item.feed_published)
      article->published = normalize::parse_iso8601(*item.feed_published);
    store::ProcessedItem processed;
    processed.title = article->title;
    processed.authors = article->authors;
    if (article->published) processed.published = normalize::format_iso8601(*article->published);
    processed.language = article->language;
    processed.seed_text = normalize::render_seed(*article);
    std::string text = normalize::plain_text(article->blocks);
    processed.body_hash = store::body_hash(text);
    processed.verdict = flag::evaluate(rules_, article->title, text);
    processed.fingerprint = dedup::fingerprint(text);

    if (item.recheck) return on_recheck(item, processed);
    auto duplicate = find_duplicate(item, article->canonical_url, processed);
    if (!duplicate) return std::unexpected(duplicate.error());
    if (*duplicate) {
      ++report_.items_duplicate;
      if ((*duplicate)->kind == "near") ++report_.items_near_duplicate;
      log_->info("article duplicate outlet=\"{}\" url={} of={} kind={}{}", item.outlet, item.canonical_url,
                 (*duplicate)->corpus_file ? *(*duplicate)->corpus_file
                                            : "item " + std::to_string(*(*duplicate)->item_id),
                 (*duplicate)->kind,
                 (*duplicate)->similarity ? " similarity=" + similarity_text(*(*duplicate)->similarity) : "");
      return store::record_item_duplicate(db_, item.id, processed, **duplicate);
    }
    ++report_.items_stored;
    if (processed.verdict.flagged) ++report_.items_flagged;
    log_->info("article stored outlet=\"{}\" url={} flagged={} score={}", item.outlet,
               item.canonical_url, processed.verdict.flagged, processed.verdict.score);
    return store::record_item_stored(db_, item.id, processed);
  }

  // A page whose own canonical URL is another known item's is that item; then the same text
  // (exact body hash), then nearly the same (the MinHash index), against stored items and
  // the corpus.
  std::expected<std::optional<store::Duplicate>, store::Error> find_duplicate(const store::PendingItem& item,
                                                                             const std::string& page_canonical,
                                                                             const store::ProcessedItem& processed) {
    if (!page_canonical.empty() && page_canonical != item.canonical_url) {
      auto named = store::find_item_by_url(db_, page_canonical);
      if (!named) return std::unexpected(named.error());
      if (*named && **named != item.id)
        return std::optional<store::Duplicate>{store::Duplicate{**named, std::nullopt, "canonical", std::nullopt}};
    }
    auto exact = store::find_exact_duplicate(db_, processed.body_hash, item.id);
    if (!exact || *exact) return exact;
    auto near = store::find_near_duplicate(db_, processed.fingerprint, item.id);
    if (!near) return std::unexpected(near.error());
    if (!*near) return std::optional<store::Duplicate>{};
    return std::optional<store::Duplicate>{store::Duplicate{(*near)->owner.item_id, (*near)->owner.corpus_file,
                                                           "near", (*near)->similarity.resemblance}};
  }

  // An article fetched again: the same text is nothing new; other text is a revision of the
  // item, never a new queue entry.
  std::expected<void, store::Error> on_recheck(const store::PendingItem& item, const store::ProcessedItem& processed) {
    ++report_.rechecked;
    if (item.body_hash && *item.body_hash == processed.body_hash) {
      log_->info("article unchanged outlet=\"{}\" url={} item={}", item.outlet, item.fetch_url, item.id);
      return store::finish_recheck(db_, item.id);
    }
    ++report_.revisions;
    if (processed.verdict.flagged) ++report_.items_flagged;
    log_->info("article revised outlet=\"{}\" url={} item={} flagged={} score={}", item.outlet, item.fetch_url,
               item.id, processed.verdict.flagged, processed.verdict.score);
    return store::record_revision(db_, item.id, processed);
  }

  const Config& config_;
  const flag::Rules& rules_;
  store::Database& db_;
  FetchEngine& engine_;
  PassOptions options_;
  std::function<void(PassResult)> done_;
  std::shared_ptr<spdlog::logger> log_;
  std::map<std::string, const Outlet*> outlets_;
  PassReport report_;
  int outstanding_ = 0;
  bool draining_ = false;  // the engine is draining: no more items are asked for
  std::optional<store::Error> error_;
  std::mt19937 random_{std::random_device{}()};
  std::uniform_real_distribution<double> jitter_{-1.0, 1.0};
};

}  // namespace

void start_pass(const Config& config, const flag::Rules& rules, store::Database& db,
                FetchEngine& engine, PassOptions options, std::function<void(PassResult)> done) {
  std::make_shared<Pass>(config, rules, db, engine, options, std::move(done))->start();
}

PassResult run_pass(const Config& config, const flag::Rules& rules, store::Database& db,
                    PassOptions options) {
  boost::asio::io_context io;
  StoreRobotsCache robots{db};
  FetchEngine engine{io, config.fetch, &robots};
  std::optional<PassResult> result;
  start_pass(config, rules, db, engine, options, [&result](PassResult r) { result = std::move(r); });
  io.run();
  if (!result) return std::unexpected(store::Error{store::Error::Code::sql, "pass did not finish"});
  return std::move(*result);
}

std::string describe(const PassReport& r) {
  return "pass done sources_ok=" + std::to_string(r.sources_ok) +
         " not_modified=" + std::to_string(r.sources_not_modified) +
         " sources_failed=" + std::to_string(r.sources_failed) +
         (r.sources_skipped ? " not_due=" + std::to_string(r.sources_skipped) : std::string{}) +
         " entries=" + std::to_string(r.entries_seen) +
         (r.entries_too_old ? " too_old=" + std::to_string(r.entries_too_old) : std::string{}) +
         " new=" + std::to_string(r.items_new) +
         " stored=" + std::to_string(r.items_stored) + " flagged=" + std::to_string(r.items_flagged) +
         " duplicates=" + std::to_string(r.items_duplicate) +
         (r.items_near_duplicate ? " near=" + std::to_string(r.items_near_duplicate) : std::string{}) +
         (r.other_urls ? " other_urls=" + std::to_string(r.other_urls) : std::string{}) +
         (r.translations ? " translations=" + std::to_string(r.translations) : std::string{}) +
         (r.rechecked ? " rechecked=" + std::to_string(r.rechecked) : std::string{}) +
         (r.revisions ? " revisions=" + std::to_string(r.revisions) : std::string{}) +
         " failed=" + std::to_string(r.items_failed) +
         (r.left_for_next_pass ? " left_for_next_pass=" + std::to_string(r.left_for_next_pass) : std::string{});
}

}  // namespace ingest
