// The query language, parsed into a tree. The same language everywhere: the page's search box,
// `loupe query` and `loupe.search()`.
//
//   mistral meta          both words (stemmed: "invest" also finds "investments")
//   "open source"         an exact phrase (case and accents still folded)
//   invest*               any word starting with "invest"
//   =investing            this exact word form, not its stem
//   -openai               documents without the word (or phrase, or group)
//   mistral OR deepseek   either side ("|" works too); AND is implied between terms
//   (mistral OR meta) -openai
//   doc:ID  entity:NAME  type:TYPE  has:quote  has:money  tag:NAME (the reader's tags)   field filters
//
// Parsing never fails: a malformed query (an unclosed quote or parenthesis, a stray operator,
// an unknown field) yields a best-effort tree and messages that say what was ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace loupe::search {

struct QueryNode {
  enum class Kind { Word, Phrase, Field, And, Or, Not, Everything };
  Kind kind = Kind::Everything;
  std::vector<std::string> words;  // Word: one word; Phrase: its words (as typed)
  bool prefix = false;             // Word: ends with *
  bool exact = false;              // Word: starts with =
  std::string field;               // Field: doc, entity, type, has
  std::string value;               // Field: its value
  std::vector<QueryNode> children;  // And, Or: two or more; Not: one
};

struct ParsedQuery {
  QueryNode root;                     // Everything for an empty query
  std::vector<std::string> problems;  // what was ignored or repaired, for the reader
};

inline constexpr std::size_t kLongestQuery = 4096;     // bytes; the rest is ignored, with a message
inline constexpr int kDeepestNesting = 32;             // parentheses deeper than this are ignored
inline constexpr std::size_t kMostQueryTerms = 256;    // words, phrases and filters

ParsedQuery parse_query(std::string_view query);

// The tree written back as query text (a canonical form, for tests and messages).
std::string to_string(const QueryNode& node);

}  // namespace loupe::search
