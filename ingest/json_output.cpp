#include "ingest/json_output.h"

#include "normalize/timestamp.h"

namespace ingest {
namespace json = boost::json;
namespace {

json::value optional_string(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

json::value utc_or_null(const std::optional<normalize::Timestamp>& t) {
  return t ? json::value(normalize::format_iso8601_utc(*t)) : json::value(nullptr);
}

json::array evidence_sentences(const std::vector<flag::Evidence>& evidence) {
  json::array out;
  for (const auto& e : evidence) out.emplace_back(e.sentence);
  return out;
}

}  // namespace

json::object article_json(const std::string& file, const normalize::Article& article) {
  return json::object{
      {"file", file},
      {"url", article.canonical_url.empty() ? json::value(nullptr) : json::value(article.canonical_url)},
      {"title", article.title},
      {"authors", strings(article.authors)},
      {"published", article.published ? json::value(normalize::format_iso8601(*article.published))
                                      : json::value(nullptr)},
      {"language", article.language.empty() ? json::value(nullptr) : json::value(article.language)},
      {"body", normalize::plain_text(article.blocks)},
  };
}

json::object entry_json(const FeedEntry& entry) {
  return json::object{
      {"link", entry.link},
      {"id", entry.id},
      {"title", entry.title},
      {"published", utc_or_null(entry.published)},
      {"updated", utc_or_null(entry.updated)},
      {"authors", strings(entry.authors)},
  };
}

json::object verdict_json(const std::string& file, const flag::Verdict& verdict) {
  json::array detail;
  for (const auto& e : verdict.evidence)
    detail.push_back(json::object{{"sentence", e.sentence}, {"terms", strings(e.terms)}, {"weight", e.weight}});
  return json::object{
      {"file", file},
      {"flagged", verdict.flagged},
      {"score", verdict.score},
      {"evidence", evidence_sentences(verdict.evidence)},
      {"matches", std::move(detail)},
      {"rules", verdict.rules_version},
  };
}

json::object queue_entry_json(const store::ItemRecord& item) {
  return json::object{
      {"id", item.id},
      {"outlet", item.outlet},
      {"title", item.title},
      {"url", item.canonical_url},
      {"published", optional_string(item.published)},
      {"score", item.score},
      {"evidence", evidence_sentences(item.evidence)},
  };
}

json::object item_json(const store::ItemRecord& item) {
  json::object out = queue_entry_json(item);
  out["state"] = item.state;
  out["authors"] = strings(item.authors);
  out["language"] = optional_string(item.language);
  out["flagged"] = item.flagged;
  out["rules"] = optional_string(item.rules_version);
  out["seed_text"] = optional_string(item.seed_text);
  json::object duplicate;
  if (item.duplicate_of) duplicate["item"] = *item.duplicate_of;
  if (item.duplicate_file) duplicate["corpus_file"] = *item.duplicate_file;
  if (item.duplicate_kind) duplicate["kind"] = *item.duplicate_kind;
  if (item.similarity) duplicate["similarity"] = *item.similarity;
  out["duplicate_of"] = duplicate.empty() ? json::value(nullptr) : json::value(std::move(duplicate));
  out["translation_of"] = item.translation_of ? json::value(*item.translation_of) : json::value(nullptr);
  json::array translations;
  for (auto id : item.translations) translations.push_back(id);
  out["translations"] = std::move(translations);
  json::array other_urls;
  for (const auto& u : item.other_urls)
    other_urls.push_back(json::object{{"url", u.url}, {"kind", u.kind}, {"seen_at", u.seen_at}});
  out["other_urls"] = std::move(other_urls);
  json::array revisions;
  for (const auto& r : item.revisions)
    revisions.push_back(json::object{{"number", r.number},
                                     {"title", r.title},
                                     {"flagged", r.flagged},
                                     {"score", r.score},
                                     {"fetched_at", optional_string(r.fetched_at)},
                                     {"replaced_at", r.replaced_at}});
  out["revisions"] = std::move(revisions);
  out["fetched_at"] = optional_string(item.fetched_at);
  out["attempts"] = item.attempts;
  out["last_error"] = optional_string(item.last_error);
  out["corpus_file"] = optional_string(item.corpus_file);
  json::array decisions;
  for (const auto& d : item.decisions)
    decisions.push_back(json::object{{"decision", d.decision}, {"note", optional_string(d.note)},
                                     {"at", d.decided_at}});
  out["decisions"] = std::move(decisions);
  out["discovered_at"] = item.discovered_at;
  return out;
}

json::object source_json(const store::SourceState& s) {
  return json::object{
      {"outlet", s.outlet},
      {"url", s.url},
      {"kind", s.kind},
      {"last_ok", optional_string(s.last_ok)},
      {"last_error", optional_string(s.last_error)},
      {"error_kind", optional_string(s.error_kind)},
      {"error_count", s.error_count},
      {"error_since", optional_string(s.error_since)},
      {"next_check", optional_string(s.next_check)},
  };
}

}  // namespace ingest
