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
    out.push_back(std::move(evidence));
  }
  return out;
}

}  // namespace store
