// Tests of the query parser (core/search/query.h): every construct, and malformed queries.
#include <doctest/doctest.h>

#include <string>

#include "core/search/query.h"

using namespace loupe::search;

namespace {

std::string canonical(std::string_view query) { return to_string(parse_query(query).root); }

}  // namespace

TEST_CASE("words are all required") {
  CHECK(canonical("mistral meta") == "(mistral meta)");
  CHECK(canonical("mistral AND meta") == "(mistral meta)");
  CHECK(parse_query("mistral meta").problems.empty());
}

TEST_CASE("phrases, prefixes, exact forms and exclusions") {
  CHECK(canonical("\"open source\"") == "\"open source\"");
  CHECK(canonical("\xE2\x80\x9Copen source\xE2\x80\x9D") == "\"open source\"");
  CHECK(canonical("invest*") == "invest*");
  CHECK(canonical("=investing") == "=investing");
  CHECK(canonical("mistral -openai") == "(mistral -openai)");
}

TEST_CASE("OR binds looser than the implied AND, and parentheses group") {
  CHECK(canonical("mistral OR deepseek") == "(mistral OR deepseek)");
  CHECK(canonical("a b OR c") == "((a b) OR c)");
  CHECK(canonical("(mistral OR meta) -openai") == "((mistral OR meta) -openai)");
  CHECK(canonical("mistral | meta") == "(mistral OR meta)");
  CHECK(canonical("-(openai OR google)") == "-(openai OR google)");
}

TEST_CASE("a hyphenated or dotted word becomes a phrase of its parts") {
  CHECK(canonical("open-source") == "\"open source\"");
  CHECK(canonical("U.S.") == "\"U S\"");
}

TEST_CASE("field filters keep their values, quoted or not") {
  CHECK(canonical("doc:sport/199") == "doc:sport/199");
  CHECK(canonical("entity:\"Arthur Mensch\" has:quote") == "(entity:Arthur Mensch has:quote)");
  CHECK(canonical("note:thing") == "\"note thing\"");  // not a field: its words
}

TEST_CASE("an empty or blank query matches everything") {
  CHECK(parse_query("").root.kind == QueryNode::Kind::Everything);
  CHECK(parse_query("   ").root.kind == QueryNode::Kind::Everything);
}

TEST_CASE("malformed queries give a best-effort tree and say what was ignored") {
  ParsedQuery unclosed_quote = parse_query("\"open source");
  CHECK(to_string(unclosed_quote.root) == "\"open source\"");
  CHECK(unclosed_quote.problems.size() == 1);

  ParsedQuery unclosed_group = parse_query("(mistral OR meta");
  CHECK(to_string(unclosed_group.root) == "(mistral OR meta)");
  CHECK(unclosed_group.problems.front().find("not closed") != std::string::npos);

  ParsedQuery stray_close = parse_query("mistral) meta");
  CHECK(to_string(stray_close.root) == "(mistral meta)");
  CHECK(stray_close.problems.front().find("no opening one") != std::string::npos);

  ParsedQuery lone_operators = parse_query("OR - | ( ) *");
  CHECK(lone_operators.root.kind == QueryNode::Kind::Everything);
  CHECK_FALSE(lone_operators.problems.empty());

  CHECK(parse_query("doc:").problems.front().find("has no value") != std::string::npos);
}

TEST_CASE("a minus sign with nothing after it is ignored, and a parenthesis or OR after it still counts") {
  // Found by the fuzz_query target (tests/fuzz/regressions/query): " -AND" left a minus sign before
  // the end, and the parser read past its list of lexemes.
  const ParsedQuery trailing_minus = parse_query("mistral -AND");
  CHECK(to_string(trailing_minus.root) == "mistral");
  CHECK(trailing_minus.problems == std::vector<std::string>{"a minus sign is not followed by a term: it was ignored"});
  CHECK(parse_query(" -AND").root.kind == QueryNode::Kind::Everything);
  CHECK(canonical("(mistral -) meta") == "(mistral meta)");
  CHECK(parse_query("(mistral -) meta").problems == std::vector<std::string>{"a minus sign is not followed by a term: it was ignored"});
  CHECK(canonical("mistral -| meta") == "(mistral OR meta)");
}

TEST_CASE("two thousand nested parentheses are parsed without deep recursion") {
  const std::string query = std::string(2000, '(') + "mistral" + std::string(2000, ')');
  const ParsedQuery parsed = parse_query(query);
  CHECK(to_string(parsed.root) == "mistral");
  CHECK_FALSE(parsed.problems.empty());
}

TEST_CASE("a query longer than the limit is cut, with a message") {
  std::string query;
  while (query.size() < 100 * 1024) query += "mistral ";
  const ParsedQuery parsed = parse_query(query);
  CHECK(parsed.problems.size() == 2);  // too long, too many terms
  CHECK(parsed.root.children.size() == kMostQueryTerms);
}

TEST_CASE("ten thousand opening parentheses are cut at the length limit and match everything") {
  const ParsedQuery parsed = parse_query(std::string(10000, '('));
  CHECK(parsed.root.kind == QueryNode::Kind::Everything);
  CHECK(parsed.problems.size() >= 2);
}
