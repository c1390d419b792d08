// Tests of money extraction (core/extract/money.h) on sentences of the seeds and BBC articles,
// one form per case, and of the rate table.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/extract/money.h"

using namespace loupe::extract;

namespace {

Amount only_amount(std::string_view text) {
  const std::vector<Amount> amounts = find_amounts(text);
  REQUIRE(amounts.size() == 1);
  return amounts[0];
}

std::string covered(std::string_view text, const Amount& amount) { return std::string(text.substr(amount.start, amount.end - amount.start)); }

}  // namespace

TEST_CASE("a currency sign, a number and a magnitude word") {
  const std::string text = "The training expenses reached $5.6 million, leading to speculation.";
  const Amount amount = only_amount(text);
  CHECK(covered(text, amount) == "$5.6 million");
  CHECK(amount.currency == "USD");
  CHECK(amount.minimum == doctest::Approx(5.6e6));
  CHECK(amount.maximum == doctest::Approx(5.6e6));
}

TEST_CASE("attached magnitudes: bn and m") {
  CHECK(only_amount("Profits jumped to $1.13bn for the quarter").maximum == doctest::Approx(1.13e9));
  CHECK(only_amount("from $639m year-earlier").maximum == doctest::Approx(639e6));
  CHECK(only_amount("a \xC2\xA3" "75m deal").currency == "GBP");
}

TEST_CASE("a hyphenated amount: 109-billion-euro") {
  const std::string text = "announcing a staggering 109-billion-euro investment in AI";
  const Amount amount = only_amount(text);
  CHECK(covered(text, amount) == "109-billion-euro");
  CHECK(amount.currency == "EUR");
  CHECK(amount.minimum == doctest::Approx(109e9));
}

TEST_CASE("a currency word after the number: euros and won") {
  CHECK(only_amount("Iliad, pledging 3 billion euros towards AI").currency == "EUR");
  const Amount won = only_amount("Annual Crypto Gains Over 2.5 Million Won to Be Taxed");
  CHECK(won.currency == "KRW");
  CHECK(won.maximum == doctest::Approx(2.5e6));
}

TEST_CASE("a range written with between and and, the currency at the end") {
  const std::string text = "intentions to invest between 30 billion and 50 billion euros in a data center";
  const Amount amount = only_amount(text);
  CHECK(covered(text, amount) == "between 30 billion and 50 billion euros");
  CHECK(amount.currency == "EUR");
  CHECK(amount.minimum == doctest::Approx(30e9));
  CHECK(amount.maximum == doctest::Approx(50e9));
}

TEST_CASE("a range with a hyphen and a shared magnitude: $2-3bn") {
  const Amount amount = only_amount("worth $2-3bn a year");
  CHECK(amount.minimum == doctest::Approx(2e9));
  CHECK(amount.maximum == doctest::Approx(3e9));
}

TEST_CASE("up to: the minimum is zero and the qualifier is kept") {
  const std::string text = "promises to invest up to $500 billion in AI infrastructure";
  const Amount amount = only_amount(text);
  CHECK(covered(text, amount) == "up to $500 billion");
  CHECK(amount.qualifier == "up to");
  CHECK(amount.minimum == 0.0);
  CHECK(amount.maximum == doctest::Approx(500e9));
}

TEST_CASE("a conversion in parentheses is one amount in two currencies") {
  const std::string text = "jumped 76% to $1.13bn (\xC2\xA3" "600m) for the three months";
  const Amount amount = only_amount(text);
  CHECK(covered(text, amount) == "$1.13bn (\xC2\xA3" "600m)");
  CHECK(amount.currency == "USD");
  CHECK(amount.other_currency == "GBP");
  CHECK(amount.other_maximum == doctest::Approx(600e6));
}

TEST_CASE("numbers without a currency are not money") {
  CHECK(find_amounts("MS is running 1,600 AI models, of which 1,500 are open source").empty());
  CHECK(find_amounts("between 2010 and 2020").empty());
  CHECK(find_amounts("technology73 min read").empty());
  CHECK(find_amounts("").empty());
}

TEST_CASE("every amount of a seed article is found") {
  std::ifstream stream(std::string(LOUPE_SOURCE_DIR) + "/seeds/002_cb61db7a76a34ded.txt", std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  const std::string text = buffer.str();
  std::vector<std::string> found;
  for (const Amount& amount : find_amounts(text)) found.push_back(covered(text, amount));
  CHECK(found == std::vector<std::string>{"109-billion-euro", "up to $500 billion", "$5.6 million", "$500 million",
                                         "3 billion euros", "between 30 billion and 50 billion euros"});
}

TEST_CASE("the rate table in assets converts to US dollars and names its date") {
  std::ifstream stream(std::string(LOUPE_SOURCE_DIR) + "/assets/exchange_rates.json", std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  std::string error;
  const RateTable table = read_rate_table(buffer.str(), error);
  CHECK(error.empty());
  CHECK(table.date == "2025-01-31");
  CHECK(table.to_usd("USD", 5.0) == doctest::Approx(5.0));
  CHECK(*table.to_usd("EUR", 109e9) > 109e9);
  CHECK_FALSE(table.to_usd("XYZ", 1.0).has_value());
}

TEST_CASE("a malformed rate table is an error") {
  std::string error;
  read_rate_table(R"({"date":"2025-01-31","source":"x","usd_per_unit":{"EUR":-1}})", error);
  CHECK(error.find("usd_per_unit.EUR") != std::string::npos);
  read_rate_table("{", error);
  CHECK_FALSE(error.empty());
}

TEST_CASE("dollar values are written for people: magnitudes in words, thousands with commas") {
  CHECK(format_dollars(6.2e9) == "$6.2 billion");
  CHECK(format_dollars(13e9) == "$13 billion");
  CHECK(format_dollars(109e9) == "$109 billion");
  CHECK(format_dollars(5.6e6) == "$5.6 million");
  CHECK(format_dollars(1.25e12) == "$1.25 trillion");
  CHECK(format_dollars(13500) == "$13,500");
  CHECK(format_dollars(339) == "$339");
  CHECK(format_dollars(0.5) == "$0.50");
}
