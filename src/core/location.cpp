// The explorer's view as a URL fragment (see location.h).
#include "core/location.h"

#include <algorithm>

namespace loupe {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                            byte == '-' || byte == '.' || byte == '_' || byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string location_of(const Explorer& explorer) {
  const ExplorerState& state = explorer.state();
  const Corpus& corpus = explorer.corpus();
  std::vector<std::string> parts;
  if (!state.query.empty()) parts.push_back("q=" + percent_encode(state.query));
  for (const std::string& filter : state.filters) parts.push_back("f=" + percent_encode(filter));
  if (state.view != kViews[0]) parts.push_back("view=" + percent_encode(state.view));
  if (state.selected && *state.selected < corpus.documents.size()) {
    parts.push_back("doc=" + percent_encode(corpus.documents[*state.selected].id));
  }
  if (state.selected_entity && *state.selected_entity < corpus.entities.size()) {
    parts.push_back("entity=" + percent_encode(corpus.entities[*state.selected_entity].id));
  }
  std::string fragment;
  for (const std::string& part : parts) fragment += (fragment.empty() ? "" : "&") + part;
  return fragment;
}

std::vector<Action> actions_for_location(std::string_view fragment) {
  if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
  std::string query;
  std::vector<std::string> filters;
  std::string view = kViews[0];
  std::string document;
  std::string entity;
  while (!fragment.empty()) {
    const std::size_t end = fragment.find('&');
    const std::string_view part = fragment.substr(0, end);
    fragment = end == std::string_view::npos ? std::string_view() : fragment.substr(end + 1);
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view key = part.substr(0, equals);
    const std::string value = percent_decode(part.substr(equals + 1));
    if (key == "q") query = value;
    if (key == "f" && !value.empty() && filters.size() < kMostFragmentFilters &&
        std::find(filters.begin(), filters.end(), value) == filters.end()) {
      filters.push_back(value);
    }
    if (key == "view") view = value;
    if (key == "doc") document = value;
    if (key == "entity") entity = value;
  }
  // The entity first: selecting one brings its view forward, and the view named comes last.
  std::vector<Action> actions{SetQuery{query}, ClearFilters{}};
  for (const std::string& filter : filters) actions.emplace_back(std::in_place_type<AddFilter>, AddFilter{filter});
  if (!document.empty()) actions.emplace_back(std::in_place_type<SelectDocument>, SelectDocument{document});
  if (!entity.empty()) actions.emplace_back(std::in_place_type<SelectEntity>, SelectEntity{entity});
  actions.emplace_back(std::in_place_type<ShowView>, ShowView{view});
  return actions;
}

}  // namespace loupe
