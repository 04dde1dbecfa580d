#include "store/item_fields.h"

#include <boost/json.hpp>

namespace store {
namespace json = boost::json;

std::string authors_json(const std::vector<std::string>& authors) {
  json::array array;
  for (const auto& a : authors) array.emplace_back(a);
  return json::serialize(array);
}

std::vector<std::string> parse_authors(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_array()) return out;
  for (const auto& a : value.as_array())
    if (a.is_string()) out.emplace_back(a.as_string());
  return out;
}

std::string evidence_json(const std::vector<flag::Evidence>& evidence) {
  json::array array;
  for (const auto& e : evidence) {
    json::array terms;
    for (const auto& t : e.terms) terms.emplace_back(t);
    json::object object{{"sentence", e.sentence}, {"terms", terms}, {"weight", e.weight}};
    // Only when there are some, so evidence stored before rules version 4 reads the same.
    if (!e.not_parties.empty()) {
      json::array set_aside;
      for (const auto& n : e.not_parties) set_aside.emplace_back(n);
      object["not_parties"] = std::move(set_aside);
    }
    // The frame (rules version 5 on): the agreement's words and who filled each party's slot.
    if (!e.agreement.empty() || !e.parties.empty()) {
      json::array parties;
      for (const auto& party : e.parties) {
        json::array words;
        for (const auto& w : party.words) words.emplace_back(w);
        parties.push_back(json::object{{"name", party.name}, {"words", std::move(words)}});
      }
      json::array agreement;
      for (const auto& a : e.agreement) agreement.emplace_back(a);
      object["frame"] = json::object{{"agreement", std::move(agreement)}, {"parties", std::move(parties)}};
    }
    array.push_back(std::move(object));
  }
  return json::serialize(array);
}

std::vector<flag::Evidence> parse_evidence(const std::string& text) {
  std::vector<flag::Evidence> out;
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_array()) return out;
  for (const auto& e : value.as_array()) {
    if (!e.is_object()) continue;
    flag::Evidence evidence;
    const auto& o = e.as_object();
    if (auto* s = o.if_contains("sentence"); s && s->is_string()) evidence.sentence = s->as_string();
    if (auto* w = o.if_contains("weight"); w && w->is_number()) evidence.weight = w->to_number<double>();
    if (auto* terms = o.if_contains("terms"); terms && terms->is_array())
      for (const auto& t : terms->as_array())
        if (t.is_string()) evidence.terms.emplace_back(t.as_string());
    if (auto* set_aside = o.if_contains("not_parties"); set_aside && set_aside->is_array())
      for (const auto& n : set_aside->as_array())
        if (n.is_string()) evidence.not_parties.emplace_back(n.as_string());
    if (auto* frame = o.if_contains("frame"); frame && frame->is_object()) {
      if (auto* agreement = frame->as_object().if_contains("agreement"); agreement && agreement->is_array())
        for (const auto& a : agreement->as_array())
          if (a.is_string()) evidence.agreement.emplace_back(a.as_string());
      if (auto* parties = frame->as_object().if_contains("parties"); parties && parties->is_array())
        for (const auto& p : parties->as_array()) {
          if (!p.is_object()) continue;
          flag::Evidence::Party party;
          if (auto* name = p.as_object().if_contains("name"); name && name->is_string()) party.name = name->as_string();
          if (auto* words = p.as_object().if_contains("words"); words && words->is_array())
            for (const auto& w : words->as_array())
              if (w.is_string()) party.words.emplace_back(w.as_string());
          evidence.parties.push_back(std::move(party));
        }
    }
    out.push_back(std::move(evidence));
  }
  return out;
}

}  // namespace store
