#pragma once
// gzip files served as they are (a sitemap.xml.gz with Content-Type application/gzip, not a
// Content-Encoding that libcurl would undo), inflated with a cap on the decoded size.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

namespace ingest::sources {

// Whether the bytes start with gzip's magic number.
bool is_gzip(std::string_view bytes);

// The decoded bytes of one or more concatenated gzip members; an error for a corrupt or
// truncated stream, or one that decodes to more than `max_bytes` (checked as it inflates,
// so a bomb stops early).
std::expected<std::string, std::string> gunzip(std::string_view bytes, std::size_t max_bytes);

}  // namespace ingest::sources
