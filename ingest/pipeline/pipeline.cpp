#include "ingest/pipeline/pipeline.h"

#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <random>

#include "dedup/minhash.h"
#include "fault/point.h"
#include "flag/flagger.h"
#include "ingest/log/log.h"
#include "ingest/pipeline/entries.h"
#include "ingest/pipeline/schedule.h"
#include "ingest/pipeline/store_robots_cache.h"
#include "ingest/sources/feed.h"
#include "ingest/sources/section_page.h"
#include "ingest/sources/sitemap_index.h"
#include "normalize/html_extractor.h"
#include "normalize/seed_format.h"
#include "store/corpus.h"
#include "store/discovery.h"
#include "store/items.h"
#include "store/sources.h"
#include "store/store.h"

namespace ingest::pipeline {
namespace {

using fetch::FetchError;
using fetch::FetchResponse;
using fetch::FetchResult;
using store::FailureKind;
using StoreResult = std::expected<void, store::Error>;

bool is_html(const FetchResponse& response) {
  const std::string& type = response.content_type;
  return type.empty() || type == "text/html" || type == "application/xhtml+xml";
}

// A fetch error as the store and the metrics name it (the kinds share their names).
store::Failure failure_of(const FetchError& error) {
  return {store::failure_kind_named(fetch::kind_name(error.kind)).value_or(FailureKind::other), error.message};
}

bool cancelled(const FetchResult& result) { return !result && result.error().kind == FetchError::Kind::cancelled; }

// One pass: every configured source, then every item that is due. Each fetch's answer is one
// job; what a job does wrong is recorded against its source or item, never the pass.
class Pass : public std::enable_shared_from_this<Pass> {
 public:
  Pass(const Config& config, const flag::Rules& rules, store::Database& db, fetch::FetchEngine& engine,
       PassOptions options, std::function<void(PassResult)> done)
      : config_(config), rules_(rules), db_(db), engine_(engine), options_(std::move(options)),
        done_(std::move(done)), log_(log::logger("pipeline")) {
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
  struct Source {
    const Outlet& outlet;
    std::string url;
    std::string kind;  // feed | sitemap | section
    int depth = 0;     // sitemap indexes above it
    fetch::FetchRequest request;
    std::int64_t error_count = 0;
  };

  // ---- sources: conditional GET -> parse -> entries -> store ---------------------------

  void poll_source(const Outlet& outlet, const std::string& url, const std::string& kind, int depth = 0) {
    if (error_) return;
    if (auto r = store::register_source(db_, outlet.name, url, kind); !r) return fail_store(r.error());
    auto state = store::find_source(db_, url);
    if (!state) return fail_store(state.error());
    // A sitemap below an index is polled whenever its index is: only configured sources wait.
    if (depth == 0 && options_.only_due_sources && *state && (*state)->next_check &&
        *(*state)->next_check > store::now_utc()) {
      ++report_.sources_skipped;
      return;
    }
    Source source{outlet, url, kind, depth, {}, 0};
    source.request.url = url;
    source.request.min_delay = outlet.min_delay;
    if (*state) {
      source.request.etag = (*state)->etag;
      source.request.last_modified = (*state)->last_modified;
      source.error_count = (*state)->error_count;
    }
    ++outstanding_;
    engine_.fetch(source.request, [self = shared_from_this(), source](FetchResult result) {
      self->count_fetch(source.outlet.name, result);
      // Crash points (fault/point.h) where the kill and fault tests stop the program: before
      // anything of the answer is written, and after.
      fault::point("pass.source_fetched");
      if (self->job("source", source.url, [&] { return self->on_source(source, std::move(result)); },
                    [&](const store::Failure& failure) { return self->source_failed(source, failure, std::nullopt); }))
        fault::point("pass.source_recorded");
      self->one_done();
    });
  }

  StoreResult on_source(const Source& source, FetchResult response) {
    if (cancelled(response)) return left_for_next_pass();  // never asked: stays due as it was
    if (!response) {
      // An HTTP error is an answer: the network and the host work, the address or the server not.
      auto kind = response.error().kind;
      if (kind == FetchError::Kind::http_4xx || kind == FetchError::Kind::http_5xx ||
          kind == FetchError::Kind::robots_disallowed)
        ++report_.sources_answered;
      return source_failed(source, failure_of(response.error()), response.error().retry_after);
    }
    ++report_.sources_answered;
    if (response->not_modified) {
      ++report_.sources_not_modified;
      log_->info("source not modified outlet=\"{}\" url={}", source.outlet.name, log::bounded(source.url));
      auto next_check = next_check_after_success(source, ServerHints{std::nullopt, response->max_age, std::nullopt});
      if (!next_check) return std::unexpected(next_check.error());
      return store::record_source_success(db_, source.url, response->etag ? response->etag : source.request.etag,
                                          response->last_modified ? response->last_modified : source.request.last_modified,
                                          *next_check);
    }
    auto feed = parse_source(source, *response);
    if (!feed) return source_failed(source, {FailureKind::parse, feed.error().message}, std::nullopt);
    for (const auto& warning : feed->warnings)
      if (warning != feed->malformed)
        log_->warn("source problem outlet=\"{}\" url={} problem=\"{}\"", source.outlet.name, log::bounded(source.url),
                   log::bounded(warning));
    if (feed->format == "sitemapindex") follow_sitemap_index(source, *feed);

    store::SourceListing listing{source.url, listed_items(source.outlet, source.url, *feed, report_), response->etag,
                                 response->last_modified, std::nullopt};
    if (!feed->malformed.empty()) listing.problem = store::Failure{FailureKind::malformed, feed->malformed};
    ServerHints hints{feed->ttl, response->max_age, std::nullopt};
    auto found = store::record_listing(db_, listing, [&] { return next_check_after_success(source, hints); });
    if (!found) return std::unexpected(found.error());
    for (std::size_t i = 0; i < found->size(); ++i) count_discovery(report_, *log_, (*found)[i], listing.entries[i].canonical_url);
    if (listing.problem) {
      // What could be recovered is kept, but the source shows its error in `ingest status`.
      ++report_.sources_failed;
      log_->error("source malformed outlet=\"{}\" url={} error=\"{}\" recovered_entries={}", source.outlet.name,
                  log::bounded(source.url), log::bounded(feed->malformed), feed->entries.size());
    } else {
      ++report_.sources_ok;
    }
    return {};
  }

  std::expected<sources::ParsedFeed, sources::FeedError> parse_source(const Source& source,
                                                                      const FetchResponse& response) {
    if (source.kind == "section") {
      if (!source.outlet.article_links_regex)
        return std::unexpected(sources::FeedError{"no article_links for a section page"});
      return sources::parse_section_page(response.body, response.final_url, response.charset,
                                         *source.outlet.article_links_regex);
    }
    return sources::parse_feed(response.body, response.final_url, response.charset);
  }

  void follow_sitemap_index(const Source& index, const sources::ParsedFeed& feed) {
    if (index.depth + 1 > sources::kMaxSitemapDepth) {
      log_->warn("sitemap index too deep outlet=\"{}\" url={} depth={}", index.outlet.name, log::bounded(index.url),
                 index.depth + 1);
      return;
    }
    for (const auto& child : sources::sitemaps_to_follow(feed)) poll_source(index.outlet, child, "sitemap", index.depth + 1);
  }

  StoreResult source_failed(const Source& source, const store::Failure& failure,
                            const std::optional<std::chrono::seconds>& retry_after) {
    ++report_.sources_failed;
    log_->error("source failed outlet=\"{}\" url={} kind={} error=\"{}\"", source.outlet.name, log::bounded(source.url),
                store::failure_kind_name(failure.kind), log::bounded(failure.message));
    auto delay = source_retry_delay(source.outlet.interval, source.error_count + 1, retry_after);
    return store::record_source_failure(db_, source.url, failure, store::utc_after(delay));
  }

  // At the pace the source publishes, never sooner than it asks (schedule.h).
  std::expected<std::string, store::Error> next_check_after_success(const Source& source, const ServerHints& hints) {
    auto counts = store::source_activity(db_, source.url, store::now_utc());
    if (!counts) return std::unexpected(counts.error());
    ScheduleBounds bounds{source.outlet.interval, source.outlet.min_interval, source.outlet.max_interval};
    SourceActivity activity{counts->new_entries, std::chrono::seconds{counts->observed_seconds}};
    return store::utc_after(next_check_delay(bounds, activity, hints, jitter_(random_)));
  }

  // ---- items: fetch -> extract -> render -> flag -> dedup -> store ---------------------

  void fetch_item(store::PendingItem item) {
    const Outlet* outlet = outlets_.contains(item.outlet) ? outlets_.at(item.outlet) : nullptr;
    fetch::FetchRequest request;
    request.url = item.recheck ? item.fetch_url : item.canonical_url;
    if (outlet) request.min_delay = outlet->min_delay;
    engine_.fetch(request, [self = shared_from_this(), item = std::move(item), outlet](FetchResult result) {
      self->count_fetch(item.outlet, result);
      fault::point("pass.item_fetched");
      if (self->job("article", item.canonical_url, [&] { return self->on_item(item, outlet, std::move(result)); },
                    [&](const store::Failure& failure) { return self->item_failed(item, failure, false); }))
        fault::point("pass.item_recorded");
      self->one_done();
    });
  }

  StoreResult on_item(const store::PendingItem& item, const Outlet* outlet, FetchResult response) {
    if (cancelled(response)) return left_for_next_pass();  // not requested: stays due, attempts untouched
    // Counted before the work starts: a page whose processing throws or kills the process is
    // tried after the others next time, and given up after its attempts.
    if (auto begun = store::begin_attempt(db_, item.id); !begun) return begun;
    if (item.unfinished >= config_.fetch.max_attempts)
      return item_failed(item, {FailureKind::interrupted, std::to_string(item.unfinished) +
                                                             " attempts in a row never finished"}, true);
    if (!response) {
      // Retrying cannot change a refused scheme; everything else (a robots.txt rule included,
      // which may be lifted) is tried again with backoff.
      return item_failed(item, failure_of(response.error()), response.error().kind == FetchError::Kind::bad_scheme);
    }
    if (!is_html(*response))
      return item_failed(item, {FailureKind::not_html, "Content-Type " + response->content_type}, true);

    fault::point("pass.extracting", item.canonical_url);
    normalize::ExtractOptions options{response->final_url, response->charset,
                                      outlet ? outlet->language : std::string{},
                                      outlet ? outlet->extraction : normalize::PageOverrides{}};
    auto article = normalize::extract_article(response->body, options);
    if (!article) return item_failed(item, {FailureKind::extraction, article.error().message}, true);
    article->outlet = item.outlet;
    if (article->truncated)
      log_->warn("article text cut short outlet=\"{}\" url={} reason=\"the HTML parser's size limit\"", item.outlet,
                 log::bounded(item.canonical_url));
    // What the page does not say, the feed may have said.
    if (article->title.empty()) article->title = item.feed_title;
    if (!article->published && item.feed_published) article->published = normalize::parse_iso8601(*item.feed_published);

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
    auto duplicate = store::find_duplicate(db_, item.id, item.canonical_url, article->canonical_url, processed);
    if (!duplicate) return std::unexpected(duplicate.error());
    if (*duplicate) {
      count_duplicate(report_, *log_, item, **duplicate);
      return store::record_item_duplicate(db_, item.id, processed, **duplicate);
    }
    ++report_.items_stored;
    if (processed.verdict.flagged) ++report_.items_flagged;
    log_->info("article stored outlet=\"{}\" url={} flagged={} score={}", item.outlet, log::bounded(item.canonical_url),
               processed.verdict.flagged, processed.verdict.score);
    return store::record_item_stored(db_, item.id, processed);
  }

  // An article fetched again: the same text is nothing new; other text is a revision of the
  // item, never a new queue entry.
  StoreResult on_recheck(const store::PendingItem& item, const store::ProcessedItem& processed) {
    ++report_.rechecked;
    if (item.body_hash && *item.body_hash == processed.body_hash) {
      log_->info("article unchanged outlet=\"{}\" url={} item={}", item.outlet, log::bounded(item.fetch_url), item.id);
      return store::finish_recheck(db_, item.id);
    }
    ++report_.revisions;
    if (processed.verdict.flagged) ++report_.items_flagged;
    log_->info("article revised outlet=\"{}\" url={} item={} flagged={} score={}", item.outlet,
               log::bounded(item.fetch_url), item.id, processed.verdict.flagged, processed.verdict.score);
    return store::record_revision(db_, item.id, processed);
  }

  // A failed attempt. A recheck that fails leaves the text already held standing, and the next
  // change its source announces asks again.
  StoreResult item_failed(const store::PendingItem& item, const store::Failure& failure, bool permanent) {
    if (item.recheck) {
      log_->warn("article recheck failed outlet=\"{}\" url={} item={} kind={} error=\"{}\"", item.outlet,
                 log::bounded(item.fetch_url), item.id, store::failure_kind_name(failure.kind),
                 log::bounded(failure.message));
      return store::finish_recheck(db_, item.id);
    }
    ++report_.items_failed;
    std::int64_t attempts = item.attempts + 1;  // this one included
    std::int64_t max_attempts = permanent ? attempts : config_.fetch.max_attempts;
    log_->error("article failed outlet=\"{}\" url={} kind={} error=\"{}\" attempt={} {}", item.outlet,
                log::bounded(item.canonical_url), store::failure_kind_name(failure.kind), log::bounded(failure.message),
                attempts, attempts >= max_attempts ? "final=yes" : "retry=later");
    return store::record_item_failure(db_, item.id, failure, max_attempts, store::utc_after(item_retry_delay(item.attempts)));
  }

  // ---- the edge of a job, and the pass's own bookkeeping ----------------------------------

  // Runs one source's or item's job; whether it ended with its outcome recorded. A store
  // error ends the pass; an exception escaping the job (a bug, memory exhausted) is logged
  // once and recorded as the job's failure, and the pass goes on.
  template <typename Work, typename Failed>
  bool job(std::string_view what, const std::string& url, Work work, Failed failed) {
    if (error_) return false;
    std::optional<std::string> thrown;
    try {
      auto r = work();
      if (!r) fail_store(r.error());
      return r.has_value();
    } catch (const std::exception& e) {
      thrown = e.what();
    } catch (...) {
      thrown = "an exception that is not a std::exception";
    }
    log_->error("{} job threw url={} error=\"{}\"", what, log::bounded(url), log::bounded(*thrown));
    try {
      auto r = failed(store::Failure{FailureKind::exception, *thrown});
      if (!r) fail_store(r.error());
      return r.has_value();
    } catch (const std::exception& e) {
      fail_store(store::Error{store::Error::Code::sql, std::string{"recording a failed job: "} + e.what()});
      return false;
    }
  }

  StoreResult left_for_next_pass() {
    draining_ = true;  // the engine is stopping: no more items are asked for
    ++report_.left_for_next_pass;
    return {};
  }

  void fail_store(const store::Error& error) {
    if (!error_) error_ = error;
  }

  // Every fetch callback ends here; when nothing is in flight the pass moves on.
  void one_done() {
    if (options_.progress) options_.progress(report_);
    if (--outstanding_ > 0) return;
    next_items();
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

  void count_fetch(std::string_view outlet, const FetchResult& result) {
    if (!options_.fetched || cancelled(result)) return;  // a cancelled fetch was never asked
    options_.fetched(outlet, result ? (result->not_modified ? "not_modified" : "ok") : fetch::kind_name(result.error().kind));
  }


  const Config& config_;
  const flag::Rules& rules_;
  store::Database& db_;
  fetch::FetchEngine& engine_;
  PassOptions options_;
  std::function<void(PassResult)> done_;
  std::shared_ptr<spdlog::logger> log_;
  std::map<std::string, const Outlet*> outlets_;
  PassReport report_;
  int outstanding_ = 0;
  bool draining_ = false;
  std::optional<store::Error> error_;
  std::mt19937 random_{std::random_device{}()};
  std::uniform_real_distribution<double> jitter_{-1.0, 1.0};
};

}  // namespace

void start_pass(const Config& config, const flag::Rules& rules, store::Database& db, fetch::FetchEngine& engine,
                PassOptions options, std::function<void(PassResult)> done) {
  std::make_shared<Pass>(config, rules, db, engine, std::move(options), std::move(done))->start();
}

PassResult run_pass(const Config& config, const flag::Rules& rules, store::Database& db, PassOptions options) {
  boost::asio::io_context io;
  StoreRobotsCache robots{db};
  fetch::FetchEngine engine{io, config.fetch, &robots};
  std::optional<PassResult> result;
  start_pass(config, rules, db, engine, std::move(options), [&result](PassResult r) { result = std::move(r); });
  io.run();
  if (!result) return std::unexpected(store::Error{store::Error::Code::sql, "pass did not finish"});
  return std::move(*result);
}

}  // namespace ingest::pipeline
