// Amounts of money in a text (see money.h).
//
// The scanner reads, from each currency sign or digit: an optional currency before the number
// ("$", "US$", "€", "£", "¥", "USD"), the number, an optional second number of a range ("-3",
// " to 3"), a magnitude (attached "bn"/"m"/"k" or a word), and an optional currency word after
// ("euros", "-euro", "won"). A number is money only with a currency on one side. Then ranges
// written as "between X and Y" and conversions in parentheses are joined.
#include "core/extract/money.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace loupe::extract {
namespace {

struct CurrencyName {
  std::string_view text;
  std::string_view code;
};

// Written before the number (longest first).
constexpr std::array<CurrencyName, 12> kCurrencyPrefixes = {{
    {"US$", "USD"}, {"USD ", "USD"}, {"EUR ", "EUR"}, {"GBP ", "GBP"}, {"A$", "AUD"}, {"C$", "CAD"},
    {"$", "USD"}, {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"}, {"\xC2\xA5", "JPY"}, {"\xE2\x82\xA9", "KRW"}, {"Rs ", "INR"},
}};

// Written after the number (lower case; matched case-insensitively, as whole words).
constexpr std::array<CurrencyName, 22> kCurrencyWords = {{
    {"us dollars", "USD"}, {"dollars", "USD"}, {"dollar", "USD"}, {"euros", "EUR"}, {"euro", "EUR"}, {"pounds sterling", "GBP"},
    {"pounds", "GBP"}, {"pound", "GBP"}, {"sterling", "GBP"}, {"yen", "JPY"}, {"yuan", "CNY"}, {"renminbi", "CNY"},
    {"won", "KRW"}, {"rupees", "INR"}, {"francs", "CHF"}, {"usd", "USD"}, {"eur", "EUR"}, {"gbp", "GBP"},
    {"jpy", "JPY"}, {"cny", "CNY"}, {"krw", "KRW"}, {"chf", "CHF"},
}};

struct Magnitude {
  std::string_view text;
  double factor;
};
constexpr std::array<Magnitude, 10> kMagnitudeWords = {{
    {"trillion", 1e12}, {"billion", 1e9}, {"million", 1e6}, {"thousand", 1e3}, {"tn", 1e12},
    {"trn", 1e12}, {"bn", 1e9}, {"mn", 1e6}, {"m", 1e6}, {"k", 1e3},
}};

constexpr std::array<std::string_view, 9> kQualifiers = {"up to", "more than", "less than", "over", "under", "about", "around",
                                                         "nearly", "almost"};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Does text at position start with word (case-insensitive), not followed by a letter?
bool starts_with_word(std::string_view text, std::size_t position, std::string_view word) {
  if (position + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(text[position + i]) != word[i]) return false;
  }
  const std::size_t after = position + word.size();
  return after == text.size() || !is_letter(text[after]);
}

// A number with optional thousands separators and decimals: "1,600", "5.6".
bool read_number(std::string_view text, std::size_t& position, double& value) {
  std::size_t i = position;
  if (i >= text.size() || !is_digit(text[i])) return false;
  std::string digits;
  while (i < text.size()) {
    if (is_digit(text[i])) {
      digits.push_back(text[i++]);
    } else if (text[i] == ',' && i + 3 < text.size() && is_digit(text[i + 1]) && is_digit(text[i + 2]) && is_digit(text[i + 3]) &&
               (i + 4 >= text.size() || !is_digit(text[i + 4]))) {
      ++i;  // thousands separator
    } else if (text[i] == '.' && i + 1 < text.size() && is_digit(text[i + 1]) && digits.find('.') == std::string::npos) {
      digits.push_back(text[i++]);
    } else {
      break;
    }
  }
  value = std::strtod(digits.c_str(), nullptr);
  position = i;
  return true;
}

// A magnitude right after a number: attached ("5bn", "639m") or after a space or hyphen ("5 billion", "109-billion").
bool read_magnitude(std::string_view text, std::size_t& position, double& factor) {
  for (std::size_t skip : {std::size_t{0}, std::size_t{1}}) {
    const std::size_t at = position + skip;
    if (skip == 1 && (at > text.size() || (text[position] != ' ' && text[position] != '-'))) continue;
    for (const Magnitude& magnitude : kMagnitudeWords) {
      // Short forms only attached ("5m", not "5 m").
      if (skip == 1 && magnitude.text.size() <= 3 && magnitude.text != "bn" && magnitude.text != "mn" && magnitude.text != "trn") continue;
      if (starts_with_word(text, at, magnitude.text)) {
        factor = magnitude.factor;
        position = at + magnitude.text.size();
        return true;
      }
    }
  }
  return false;
}

bool read_currency_prefix(std::string_view text, std::size_t& position, std::string& code) {
  for (const CurrencyName& currency : kCurrencyPrefixes) {
    if (text.substr(position, currency.text.size()) == currency.text) {
      code = currency.code;
      position += currency.text.size();
      return true;
    }
  }
  return false;
}

bool read_currency_word(std::string_view text, std::size_t& position, std::string& code) {
  if (position >= text.size() || (text[position] != ' ' && text[position] != '-')) return false;
  for (const CurrencyName& currency : kCurrencyWords) {
    if (starts_with_word(text, position + 1, currency.text)) {
      code = currency.code;
      position += 1 + currency.text.size();
      return true;
    }
  }
  return false;
}

// One amount starting at `start` (a currency sign or a digit); partial amounts (no currency)
// are kept too, for "between 30 billion and 50 billion euros".
struct Candidate {
  Amount amount;
  bool has_currency = false;
  bool has_magnitude = false;
};

bool read_candidate(std::string_view text, std::size_t start, Candidate& candidate) {
  std::size_t position = start;
  std::string currency;
  const bool prefixed = read_currency_prefix(text, position, currency);
  double low = 0;
  if (!read_number(text, position, low)) return false;
  double low_factor = 1.0;
  bool magnitude = read_magnitude(text, position, low_factor);
  double high = low;
  double high_factor = low_factor;
  // A range: "$2-3bn", "$2bn-$3bn", "2 to 3 billion".
  std::size_t range_position = position;
  if (range_position < text.size() && (text[range_position] == '-' || text.substr(range_position, 4) == " to ")) {
    range_position += text[range_position] == '-' ? 1 : 4;
    std::string second_currency;
    read_currency_prefix(text, range_position, second_currency);
    double second = 0;
    if (read_number(text, range_position, second)) {
      double second_factor = 1.0;
      const bool second_magnitude = read_magnitude(text, range_position, second_factor);
      high = second;
      high_factor = second_magnitude ? second_factor : low_factor;
      if (!magnitude && second_magnitude) low_factor = second_factor;  // "$2-3bn": the magnitude is shared
      magnitude = magnitude || second_magnitude;
      position = range_position;
    }
  }
  low *= low_factor;
  high *= high_factor;
  if (high < low) std::swap(high, low);
  std::string word_currency;
  const bool suffixed = read_currency_word(text, position, word_currency);
  candidate.amount.start = static_cast<std::uint32_t>(start);
  candidate.amount.end = static_cast<std::uint32_t>(position);
  candidate.amount.currency = prefixed ? currency : word_currency;
  candidate.amount.minimum = low;
  candidate.amount.maximum = high;
  candidate.has_currency = prefixed || suffixed;
  candidate.has_magnitude = magnitude;
  return true;
}

// A qualifier written just before an amount ("up to $500 billion").
void attach_qualifier(std::string_view text, Amount& amount) {
  for (std::string_view qualifier : kQualifiers) {
    const std::size_t length = qualifier.size() + 1;
    if (amount.start < length) continue;
    const std::size_t at = amount.start - length;
    if (text[amount.start - 1] == ' ' && starts_with_word(text, at, qualifier) && (at == 0 || !is_letter(text[at - 1]))) {
      amount.qualifier = std::string(qualifier);
      if (qualifier == "up to" || qualifier == "under" || qualifier == "less than") amount.minimum = 0.0;
      return;
    }
  }
}

}  // namespace

// Whether an amount can begin with this byte: a digit or the first byte of a currency prefix.
constexpr std::array<bool, 256> kAmountFirstBytes = [] {
  std::array<bool, 256> first{};
  for (char digit = '0'; digit <= '9'; ++digit) first[static_cast<unsigned char>(digit)] = true;
  for (const CurrencyName& currency : kCurrencyPrefixes) first[static_cast<unsigned char>(currency.text[0])] = true;
  return first;
}();

std::vector<Amount> find_amounts(std::string_view text) {
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < text.size();) {
    if (!kAmountFirstBytes[static_cast<unsigned char>(text[i])]) {
      ++i;
      continue;
    }
    const bool boundary = i == 0 || !(is_letter(text[i - 1]) || is_digit(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == ',');
    Candidate candidate;
    if (boundary && read_candidate(text, i, candidate) && (candidate.has_currency || candidate.has_magnitude)) {
      i = candidate.amount.end;
      candidates.push_back(std::move(candidate));
    } else {
      ++i;
    }
  }

  std::vector<Amount> amounts;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    Candidate& candidate = candidates[c];
    // "between 30 billion and 50 billion euros", "from $2bn to $3bn": the range takes the second's currency.
    if (c + 1 < candidates.size()) {
      const Candidate& next = candidates[c + 1];
      const std::string_view gap = text.substr(candidate.amount.end, next.amount.start - candidate.amount.end);
      const bool between = candidate.amount.start >= 8 && text.substr(candidate.amount.start - 8, 8) == "between ";
      const bool from = candidate.amount.start >= 5 && text.substr(candidate.amount.start - 5, 5) == "from ";
      if (((between && gap == " and ") || (from && gap == " to ")) && next.has_currency) {
        Amount range = next.amount;
        range.start = candidate.amount.start - (between ? 8 : 5);
        range.minimum = candidate.amount.minimum;
        range.maximum = next.amount.maximum;
        amounts.push_back(range);
        ++c;
        continue;
      }
    }
    if (!candidate.has_currency) continue;
    attach_qualifier(text, candidate.amount);
    if (!candidate.amount.qualifier.empty()) candidate.amount.start -= static_cast<std::uint32_t>(candidate.amount.qualifier.size() + 1);
    // "$280bn (£155bn)": one amount in two currencies.
    if (c + 1 < candidates.size() && candidates[c + 1].has_currency) {
      const Amount& next = candidates[c + 1].amount;
      if (text.substr(candidate.amount.end, 2) == " (" && next.start == candidate.amount.end + 2 && next.end < text.size() && text[next.end] == ')') {
        candidate.amount.other_currency = next.currency;
        candidate.amount.other_minimum = next.minimum;
        candidate.amount.other_maximum = next.maximum;
        candidate.amount.end = next.end + 1;
        ++c;
      }
    }
    amounts.push_back(candidate.amount);
  }
  return amounts;
}

std::optional<double> RateTable::to_usd(const std::string& currency, double value) const {
  const auto found = usd_per_unit.find(currency);
  if (found == usd_per_unit.end()) return std::nullopt;
  return value * found->second;
}

RateTable read_rate_table(std::string_view json_text, std::string& error) {
  RateTable table;
  try {
    const nlohmann::json root = nlohmann::json::parse(json_text);
    table.date = root.at("date").get<std::string>();
    table.source = root.at("source").get<std::string>();
    for (const auto& [code, rate] : root.at("usd_per_unit").items()) {
      if (!rate.is_number() || rate.get<double>() <= 0) throw std::runtime_error("usd_per_unit." + code + ": expected a positive number");
      table.usd_per_unit[code] = rate.get<double>();
    }
  } catch (const std::exception& exception) {
    error = std::string("the rate table could not be read: ") + exception.what();
  }
  return table;
}

std::string format_dollars(double dollars) {
  struct Magnitude {
    double size;
    const char* name;
  };
  constexpr Magnitude kMagnitudes[] = {{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
  char buffer[64];
  for (const Magnitude& magnitude : kMagnitudes) {
    if (dollars >= magnitude.size) {
      const double scaled = dollars / magnitude.size;
      // Three significant figures at most, no trailing zeros: "$6.2 billion", "$13 billion", "$109 billion".
      std::snprintf(buffer, sizeof buffer, scaled >= 100 ? "$%.0f %s" : scaled >= 10 ? "$%.3g %s" : "$%.3g %s", scaled, magnitude.name);
      return buffer;
    }
  }
  if (dollars >= 1000) {
    const long long whole = static_cast<long long>(dollars + 0.5);
    std::string digits = std::to_string(whole);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return "$" + digits;
  }
  std::snprintf(buffer, sizeof buffer, dollars == static_cast<double>(static_cast<long long>(dollars)) ? "$%.0f" : "$%.2f", dollars);
  return buffer;
}

}  // namespace loupe::extract
