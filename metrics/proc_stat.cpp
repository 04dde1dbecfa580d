#include "metrics/proc_stat.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace metrics {
namespace {

Error unreadable(std::string message) { return Error{Error::Code::process_unreadable, std::move(message)}; }

std::optional<std::uint64_t> to_number(std::string_view text) {
  std::uint64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number;
}

std::vector<std::string_view> split_on_spaces(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    const auto start = text.find_first_not_of(" \n");
    if (start == std::string_view::npos) break;
    const auto end = std::min(text.find_first_of(" \n", start), text.size());
    words.push_back(text.substr(start, end - start));
    text.remove_prefix(end);
  }
  return words;
}

// /proc files report a size of 0, so they are read to the end rather than by their size.
std::expected<std::string, Error> read_proc_file(const char* path) {
  std::ifstream in{path, std::ios::binary};
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || text.str().empty()) return std::unexpected(unreadable(std::string("cannot read ") + path));
  return text.str();
}

}  // namespace

std::expected<ProcessStat, Error> parse_process_stat(std::string_view text) {
  // The command name is the only field that may hold spaces, and it may hold ')' too, so
  // the fields that follow begin after the last ')'.
  const auto name_end = text.rfind(')');
  if (name_end == std::string_view::npos) return std::unexpected(unreadable("process stat has no command name"));
  const auto fields = split_on_spaces(text.substr(name_end + 1));
  // fields[0] is field 3 of proc(5) (state); utime is field 14, stime 15, starttime 22,
  // rss 24.
  const auto field = [&](std::size_t number) -> std::optional<std::uint64_t> {
    if (number - 3 >= fields.size()) return std::nullopt;
    return to_number(fields[number - 3]);
  };
  const auto user = field(14), system = field(15), start = field(22), resident = field(24);
  if (!user || !system || !start || !resident)
    return std::unexpected(unreadable("process stat lacks utime, stime, starttime or rss"));
  return ProcessStat{*user, *system, *start, *resident};
}

std::expected<std::uint64_t, Error> parse_boot_time(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const auto end = std::min(text.find('\n', at), text.size());
    const auto words = split_on_spaces(text.substr(at, end - at));
    if (words.size() == 2 && words[0] == "btime")
      if (const auto seconds = to_number(words[1])) return *seconds;
    at = end + 1;
  }
  return std::unexpected(unreadable("/proc/stat has no btime line"));
}

std::expected<ProcessSample, Error> read_process_sample() {
  const auto self = read_proc_file("/proc/self/stat");
  if (!self) return std::unexpected(self.error());
  const auto stat = parse_process_stat(*self);
  if (!stat) return std::unexpected(stat.error());
  const auto system = read_proc_file("/proc/stat");
  if (!system) return std::unexpected(system.error());
  const auto boot = parse_boot_time(*system);
  if (!boot) return std::unexpected(boot.error());

  const auto ticks_per_second = static_cast<double>(sysconf(_SC_CLK_TCK));
  const auto page_size = static_cast<double>(sysconf(_SC_PAGESIZE));
  return ProcessSample{
      static_cast<double>(stat->resident_pages) * page_size,
      static_cast<double>(stat->user_ticks + stat->system_ticks) / ticks_per_second,
      static_cast<double>(*boot) + static_cast<double>(stat->start_ticks) / ticks_per_second,
  };
}

}  // namespace metrics
