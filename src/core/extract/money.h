// Amounts of money in a text: "$5.6 million", "109-billion-euro", "3 billion euros", "£155bn",
// "$2-3bn", "between 30 billion and 50 billion euros", "up to $500 billion", and a conversion in
// parentheses ("$280bn (£155bn)") read as one amount in two currencies. Each with its offsets,
// ISO 4217 currency, minimum and maximum, and its value in US dollars from a dated rate table.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loupe::extract {

struct Amount {
  std::uint32_t start = 0;  // byte offsets into the text, covering the whole expression
  std::uint32_t end = 0;
  std::string currency;     // ISO 4217: USD, EUR, GBP, JPY, CNY, KRW, ...
  double minimum = 0.0;     // in units of the currency; equal to maximum unless a range
  double maximum = 0.0;
  std::string qualifier;    // "up to", "more than", "about", ... or empty
  std::string other_currency;  // the parenthesised conversion's currency, if any
  double other_minimum = 0.0;
  double other_maximum = 0.0;
};

std::vector<Amount> find_amounts(std::string_view text);

// Reference rates: US dollars per unit of each currency, as of a date.
struct RateTable {
  std::string date;
  std::string source;
  std::map<std::string, double> usd_per_unit;
  // The amount in US dollars, if its currency is in the table.
  std::optional<double> to_usd(const std::string& currency, double value) const;
};
// A dollar value for people: "$6.2 billion", "$500 million", "$13,500", "$0.50".
std::string format_dollars(double dollars);

// From the JSON of assets/exchange_rates.json; sets error on a malformed table.
RateTable read_rate_table(std::string_view json_text, std::string& error);

}  // namespace loupe::extract
