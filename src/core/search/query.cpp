// The query parser (see query.h): a lexer into words, phrases and operators, then a recursive
// descent over  or := and ("OR" and)* ;  and := unary+ ;  unary := "-" primary | primary ;
// primary := "(" or ")" | phrase | field | word.
#include "core/search/query.h"

#include <algorithm>
#include <array>

#include "core/text/tokenizer.h"

namespace loupe::search {
namespace {

constexpr std::array<std::string_view, 5> kFields = {"doc", "entity", "type", "has", "tag"};

struct Lexeme {
  enum class Kind { Word, Phrase, Open, Close, Or, Not, End };
  Kind kind = Kind::End;
  std::string text;  // Word and Phrase
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<Lexeme> lex(std::string_view query, std::vector<std::string>& problems) {
  std::vector<Lexeme> lexemes;
  std::size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (is_space(c)) {
      ++i;
    } else if (c == '(' || c == ')') {
      lexemes.push_back({c == '(' ? Lexeme::Kind::Open : Lexeme::Kind::Close, {}});
      ++i;
    } else if (c == '|') {
      lexemes.push_back({Lexeme::Kind::Or, {}});
      ++i;
    } else if (c == '-' && (i + 1 < query.size() && !is_space(query[i + 1]) && query[i + 1] != '-')) {
      lexemes.push_back({Lexeme::Kind::Not, {}});
      ++i;
    } else if (c == '"' || query.substr(i, 3) == "\xE2\x80\x9C") {  // " or “
      const std::size_t open_length = c == '"' ? 1 : 3;
      std::size_t close = query.find('"', i + open_length);
      const std::size_t curly_close = query.find("\xE2\x80\x9D", i + open_length);  // ”
      std::size_t close_length = 1;
      if (curly_close != std::string_view::npos && (close == std::string_view::npos || curly_close < close)) {
        close = curly_close;
        close_length = 3;
      }
      if (close == std::string_view::npos) {
        problems.push_back("a quotation mark is not closed: the phrase runs to the end of the query");
        close = query.size();
        close_length = 0;
      }
      lexemes.push_back({Lexeme::Kind::Phrase, std::string(query.substr(i + open_length, close - i - open_length))});
      i = close + close_length;
    } else {
      std::size_t end = i;
      while (end < query.size() && !is_space(query[end]) && query[end] != '(' && query[end] != ')' && query[end] != '"' &&
             query[end] != '|') {
        ++end;
      }
      if (end == i) {  // a lone '-' followed by space, or "--"
        ++i;
        continue;
      }
      std::string word(query.substr(i, end - i));
      // A field with a quoted value: entity:"Arthur Mensch"
      if (word.back() == ':' && end < query.size() && query[end] == '"') {
        const std::size_t close = query.find('"', end + 1);
        const std::size_t stop = close == std::string_view::npos ? query.size() : close;
        if (close == std::string_view::npos) problems.push_back("a quotation mark is not closed: the phrase runs to the end of the query");
        word += std::string(query.substr(end + 1, stop - end - 1));
        end = close == std::string_view::npos ? query.size() : close + 1;
      }
      lexemes.push_back({word == "OR" ? Lexeme::Kind::Or : Lexeme::Kind::Word, word == "OR" ? std::string() : word});
      if (word == "AND") lexemes.pop_back();  // AND is implied
      i = end;
    }
  }
  lexemes.push_back({Lexeme::Kind::End, {}});
  return lexemes;
}

class Parser {
 public:
  Parser(std::vector<Lexeme> lexemes, std::vector<std::string>& problems) : lexemes_(std::move(lexemes)), problems_(problems) {}

  QueryNode parse() {
    QueryNode root = parse_or(0);
    while (peek().kind != Lexeme::Kind::End) {
      // Only an unmatched ')' stops parse_or at depth 0.
      problem("a closing parenthesis has no opening one: it was ignored");
      ++position_;
      QueryNode rest = parse_or(0);
      root = combine(QueryNode::Kind::And, std::move(root), std::move(rest));
    }
    return root;
  }

 private:
  const Lexeme& peek() const { return lexemes_[position_]; }

  void problem(const std::string& message) {
    if (std::find(problems_.begin(), problems_.end(), message) == problems_.end()) problems_.push_back(message);
  }

  static QueryNode combine(QueryNode::Kind kind, QueryNode left, QueryNode right) {
    if (left.kind == QueryNode::Kind::Everything) return right;
    if (right.kind == QueryNode::Kind::Everything) return left;
    QueryNode node;
    node.kind = kind;
    for (QueryNode* side : {&left, &right}) {
      if (side->kind == kind) {
        for (QueryNode& child : side->children) node.children.push_back(std::move(child));
      } else {
        node.children.push_back(std::move(*side));
      }
    }
    return node;
  }

  QueryNode parse_or(int depth) {
    QueryNode left = parse_and(depth);
    while (peek().kind == Lexeme::Kind::Or) {
      ++position_;
      QueryNode right = parse_and(depth);
      if (left.kind == QueryNode::Kind::Everything || right.kind == QueryNode::Kind::Everything) {
        problem("OR needs a term on each side: the lone OR was ignored");
      }
      left = combine(QueryNode::Kind::Or, std::move(left), std::move(right));
    }
    return left;
  }

  QueryNode parse_and(int depth) {
    QueryNode result;
    for (;;) {
      const Lexeme::Kind kind = peek().kind;
      if (kind == Lexeme::Kind::Close && ignored_opens_ > 0) {  // closes a parenthesis that was ignored
        --ignored_opens_;
        ++position_;
        continue;
      }
      // A ')' ends this group; at depth 0 it is unmatched, and parse() reports it.
      if (kind == Lexeme::Kind::End || kind == Lexeme::Kind::Or || kind == Lexeme::Kind::Close) break;
      result = combine(QueryNode::Kind::And, std::move(result), parse_unary(depth));
    }
    return result;
  }

  QueryNode parse_unary(int depth) {
    if (peek().kind != Lexeme::Kind::Not) return parse_primary(depth);
    ++position_;
    QueryNode operand = parse_primary(depth);
    if (operand.kind == QueryNode::Kind::Everything) {
      problem("a minus sign is not followed by a term: it was ignored");
      return operand;
    }
    QueryNode node;
    node.kind = QueryNode::Kind::Not;
    node.children.push_back(std::move(operand));
    return node;
  }

  QueryNode parse_primary(int depth) {
    const Lexeme lexeme = peek();
    // Only a term or a '(' is taken here. After a minus sign comes anything: the end (which must
    // never be stepped past), a ')' or an OR, left for the callers to see.
    if (lexeme.kind != Lexeme::Kind::Open && lexeme.kind != Lexeme::Kind::Phrase && lexeme.kind != Lexeme::Kind::Word) return {};
    ++position_;
    switch (lexeme.kind) {
      case Lexeme::Kind::Open: {
        if (depth >= kDeepestNesting) {
          problem("parentheses nested deeper than " + std::to_string(kDeepestNesting) + " levels were ignored");
          ++ignored_opens_;
          return {};
        }
        QueryNode inner = parse_or(depth + 1);
        if (peek().kind == Lexeme::Kind::Close) {
          ++position_;
        } else {
          problem("a parenthesis is not closed: it was closed at the end of the query");
        }
        return inner;
      }
      case Lexeme::Kind::Phrase:
        return phrase_node(lexeme.text);
      case Lexeme::Kind::Word:
        return word_node(lexeme.text);
      default:
        return {};
    }
  }

  bool count_term() {
    if (++terms_ <= kMostQueryTerms) return true;
    problem("only the first " + std::to_string(kMostQueryTerms) + " terms of the query were used");
    return false;
  }

  // A phrase's words, split as the index splits text.
  QueryNode phrase_node(std::string_view phrase) {
    QueryNode node;
    for (const text::Token& token : text::tokenize(phrase)) node.words.emplace_back(phrase.substr(token.start, token.end - token.start));
    if (node.words.empty()) {
      if (!phrase.empty()) problem("a phrase has no words: it was ignored");
      return {};
    }
    if (!count_term()) return {};
    node.kind = node.words.size() == 1 ? QueryNode::Kind::Word : QueryNode::Kind::Phrase;
    return node;
  }

  QueryNode word_node(std::string_view word) {
    const std::size_t colon = word.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      const std::string_view name = word.substr(0, colon);
      if (std::find(kFields.begin(), kFields.end(), name) != kFields.end()) {
        if (colon + 1 == word.size()) {
          problem("the filter " + std::string(name) + ": has no value: it was ignored");
          return {};
        }
        if (!count_term()) return {};
        QueryNode node;
        node.kind = QueryNode::Kind::Field;
        node.field = std::string(name);
        node.value = std::string(word.substr(colon + 1));
        return node;
      }
    }
    bool exact = false;
    bool prefix = false;
    if (!word.empty() && word.front() == '=') {
      exact = true;
      word.remove_prefix(1);
    }
    while (!word.empty() && word.back() == '*') {
      prefix = true;
      word.remove_suffix(1);
    }
    QueryNode node = phrase_node(word);  // "open-source" and "U.S." become phrases
    if (node.kind == QueryNode::Kind::Word) {
      node.exact = exact;
      node.prefix = prefix;
    } else if (node.kind == QueryNode::Kind::Everything && prefix && word.empty()) {
      problem("a lone * was ignored");
    }
    return node;
  }

  std::vector<Lexeme> lexemes_;
  std::size_t position_ = 0;
  std::vector<std::string>& problems_;
  std::size_t terms_ = 0;
  int ignored_opens_ = 0;
};

}  // namespace

ParsedQuery parse_query(std::string_view query) {
  ParsedQuery parsed;
  if (query.size() > kLongestQuery) {
    std::size_t cut = kLongestQuery;
    while (cut > 0 && (static_cast<unsigned char>(query[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    query = query.substr(0, cut);
    parsed.problems.push_back("the query is longer than " + std::to_string(kLongestQuery) + " bytes: the rest was ignored");
  }
  Parser parser(lex(query, parsed.problems), parsed.problems);
  parsed.root = parser.parse();
  return parsed;
}

std::string to_string(const QueryNode& node) {
  switch (node.kind) {
    case QueryNode::Kind::Everything:
      return "*";
    case QueryNode::Kind::Word:
      return (node.exact ? "=" : "") + node.words.front() + (node.prefix ? "*" : "");
    case QueryNode::Kind::Phrase: {
      std::string text = "\"";
      for (std::size_t i = 0; i < node.words.size(); ++i) text += (i ? " " : "") + node.words[i];
      return text + "\"";
    }
    case QueryNode::Kind::Field:
      return node.field + ":" + node.value;
    case QueryNode::Kind::Not:
      return "-" + to_string(node.children.front());
    case QueryNode::Kind::And:
    case QueryNode::Kind::Or: {
      std::string text = "(";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i) text += node.kind == QueryNode::Kind::And ? " " : " OR ";
        text += to_string(node.children[i]);
      }
      return text + ")";
    }
  }
  return {};
}

}  // namespace loupe::search
