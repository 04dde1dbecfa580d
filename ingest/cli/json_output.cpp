#include "ingest/cli/json_output.h"

#include <charconv>
#include <cmath>

#include "flag/term_spans.h"
#include "normalize/timestamp.h"

namespace ingest::cli {
namespace json = boost::json;

namespace {

void write_json(const json::value& value, std::string& out) {
  switch (value.kind()) {
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(json::string_view{key});
        out += ':';
        write_json(member, out);
      }
      out += '}';
      return;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        write_json(element, out);
      }
      out += ']';
      return;
    }
    case json::kind::double_: {
      double number = value.get_double();
      if (!std::isfinite(number)) {
        out += "null";
        return;
      }
      // The shortest digits that read back as the same double, without an exponent.
      char buffer[400];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
      if (ec != std::errc{}) {
        out += json::serialize(value);
        return;
      }
      out.append(buffer, end);
      return;
    }
    default:
      out += json::serialize(value);
  }
}

}  // namespace

std::string json_text(const json::value& value) {
  std::string out;
  write_json(value, out);
  return out;
}
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

// Each evidence sentence with the terms matched in it, those its neighbours matched within
// the rules' window, the party words near it that were set aside and why, and its weight:
// the contract's "evidence" lists the sentences alone.
json::array evidence_detail(const std::vector<flag::Evidence>& evidence) {
  flag::WordFolder folder;
  json::array out;
  for (const auto& e : evidence) {
    auto split = flag::split_terms(e.sentence, e.terms, folder);
    json::array parties;
    for (const auto& party : e.parties) parties.push_back(json::object{{"name", party.name}, {"words", strings(party.words)}});
    out.push_back(json::object{{"sentence", e.sentence},
                               {"terms", strings(split.here)},
                               {"nearby_terms", strings(split.nearby)},
                               {"not_parties", strings(e.not_parties)},
                               {"agreement", strings(e.agreement)},
                               {"parties", std::move(parties)},
                               {"weight", e.weight}});
  }
  return out;
}

json::array evidence_sentences(const std::vector<flag::Evidence>& evidence) {
  json::array out;
  for (const auto& e : evidence) out.emplace_back(e.sentence);
  return out;
}

json::object decision_fields(const store::Decision& d) {
  return json::object{{"decision", d.decision}, {"note", optional_string(d.note)}, {"at", d.decided_at},
                      {"user", optional_string(d.user)}, {"undone_at", optional_string(d.undone_at)},
                      {"undone_by", optional_string(d.undone_by)}};
}

json::value duplicate_json(const std::optional<store::Duplicate>& duplicate) {
  if (!duplicate) return nullptr;
  json::object out;
  if (duplicate->item_id) out["item"] = *duplicate->item_id;
  if (duplicate->corpus_file) out["corpus_file"] = *duplicate->corpus_file;
  out["kind"] = store::duplicate_kind_name(duplicate->kind);
  if (duplicate->similarity) out["similarity"] = *duplicate->similarity;
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
      {"truncated", article.truncated},
  };
}

json::object entry_json(const sources::FeedEntry& entry) {
  return json::object{
      {"link", entry.link},
      {"id", entry.id},
      {"title", entry.title},
      {"published", utc_or_null(entry.published)},
      {"updated", utc_or_null(entry.updated)},
      {"authors", strings(entry.authors)},
  };
}

json::object verdict_json(const std::string& file, const flag::TopicVerdict& verdict) {
  json::array detail;
  for (const auto& e : verdict.evidence)
    detail.push_back(json::object{{"sentence", e.sentence}, {"terms", strings(e.terms)}, {"weight", e.weight}});
  return json::object{
      {"file", file},
      {"flagged", verdict.flagged},
      {"score", verdict.score},
      {"evidence", evidence_sentences(verdict.evidence)},
      {"evidence_detail", evidence_detail(verdict.evidence)},
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
      // Beyond the contract's fields: a listing may hold any state.
      {"flagged", item.flagged},
      {"state", store::state_name(item.state)},
      {"fetched_at", item.discovered_at},
      {"error_kind", item.error_kind ? json::value(store::failure_kind_name(*item.error_kind)) : json::value(nullptr)},
  };
}

json::object item_json(const store::ItemRecord& item) {
  json::object out = queue_entry_json(item);
  out["evidence_detail"] = evidence_detail(item.evidence);
  out["authors"] = strings(item.authors);
  out["language"] = optional_string(item.language);
  out["rules"] = optional_string(item.rules_version);
  out["seed_text"] = optional_string(item.seed_text);
  std::optional<store::Duplicate> duplicate;
  if (item.duplicate_of || item.duplicate_file)
    duplicate = store::Duplicate{item.duplicate_of, item.duplicate_file, item.duplicate_kind.value_or(store::DuplicateKind::exact),
                                 item.similarity};
  out["duplicate_of"] = duplicate_json(duplicate);
  out["translation_of"] = item.translation_of ? json::value(*item.translation_of) : json::value(nullptr);
  json::array translations;
  for (auto id : item.translations) translations.push_back(id);
  out["translations"] = std::move(translations);
  json::array other_urls;
  for (const auto& u : item.other_urls)
    other_urls.push_back(json::object{{"url", u.url}, {"kind", store::duplicate_kind_name(u.kind)}, {"seen_at", u.seen_at}});
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
  out["error_kind"] = item.error_kind ? json::value(store::failure_kind_name(*item.error_kind)) : json::value(nullptr);
  out["last_error"] = optional_string(item.last_error);
  out["corpus_file"] = optional_string(item.corpus_file);
  json::array decisions;
  for (const auto& d : item.decisions) decisions.push_back(decision_fields(d));
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
      {"error_kind", s.error_kind ? json::value(store::failure_kind_name(*s.error_kind)) : json::value(nullptr)},
      {"error_count", s.error_count},
      {"error_since", optional_string(s.error_since)},
      {"next_check", optional_string(s.next_check)},
  };
}

json::object decision_json(std::int64_t id, const std::string& decision,
                           const std::expected<store::DecisionOutcome, store::Error>& outcome) {
  json::object out{{"id", id}, {"decision", decision}};
  if (!outcome) {
    out["ok"] = false;
    out["error"] = outcome.error().message;
    return out;
  }
  out["ok"] = true;
  out["previous_state"] = outcome->previous_state;
  out["state"] = outcome->decision;
  out["note"] = optional_string(outcome->note);
  out["user"] = optional_string(outcome->user);
  out["at"] = outcome->decided_at;
  out["error"] = nullptr;
  return out;
}

json::object history_json(const store::ItemHistory& history) {
  const store::ItemRecord& item = history.item;
  json::array events;
  for (const auto& e : history.events) {
    json::object event{{"at", e.at}, {"event", store::history_event_name(e)}};
    if (e.kind == store::HistoryEvent::Kind::discovered) event["source"] = optional_string(e.source);
    if (e.version) {
      event["version"] = e.version->number;
      event["title"] = e.version->title;
      event["flagged"] = e.version->flagged;
      event["score"] = e.version->score;
      event["rules"] = optional_string(e.version->rules_version);
      event["duplicate_of"] = duplicate_json(e.version->duplicate);
    }
    if (e.decision) {
      event["user"] = optional_string(e.decision->user);
      event["note"] = optional_string(e.decision->note);
      event["undone_at"] = optional_string(e.decision->undone_at);
      event["undone_by"] = optional_string(e.decision->undone_by);
    }
    if (e.corpus_file) event["file"] = *e.corpus_file;
    if (e.kind == store::HistoryEvent::Kind::failed) {
      event["error_kind"] = e.error_kind ? json::value(store::failure_kind_name(*e.error_kind)) : json::value(nullptr);
      event["error"] = optional_string(e.error);
      event["attempts"] = e.attempts;
      event["final"] = e.final;
    }
    events.push_back(std::move(event));
  }
  return json::object{{"id", item.id},       {"outlet", item.outlet}, {"title", item.title},
                      {"url", item.canonical_url}, {"state", store::state_name(item.state)}, {"events", std::move(events)}};
}

}  // namespace ingest::cli
