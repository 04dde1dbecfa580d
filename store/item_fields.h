#pragma once
// The item columns stored as JSON text (authors, flag evidence): written and read back here,
// for every store file that touches them.
#include <string>
#include <vector>

#include "flag/flagger.h"

namespace store {

std::string authors_json(const std::vector<std::string>& authors);
std::vector<std::string> parse_authors(const std::string& text);  // [] for anything unreadable
std::string evidence_json(const std::vector<flag::Evidence>& evidence);
std::vector<flag::Evidence> parse_evidence(const std::string& text);  // [] for anything unreadable

}  // namespace store
