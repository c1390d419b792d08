// Tests of the view as a URL fragment (core/location.h): round trips through an explorer, and
// fragments that are garbage.
#include <doctest/doctest.h>

#include "core/location.h"
#include "fixtures.h"

using namespace loupe;

namespace {

Explorer seed_explorer() {
  Explorer explorer;
  explorer.load(test::seed_corpus());
  return explorer;
}

void apply_all(Explorer& explorer, const std::vector<Action>& actions) {
  for (const Action& action : actions) explorer.apply(action);
}

}  // namespace

TEST_CASE("percent-encoding keeps unreserved characters and round trips any bytes") {
  CHECK(percent_encode("entity:\"Mike Capone\"") == "entity%3A%22Mike%20Capone%22");
  CHECK(percent_encode("Z\xC3\xBCrich") == "Z%C3%BCrich");
  CHECK(percent_decode(percent_encode("a&b=c #d%")) == "a&b=c #d%");
  CHECK(percent_decode("open+source") == "open source");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%4") == "%zz%4");
}

TEST_CASE("a view's fragment, applied to a fresh explorer, gives the same view") {
  Explorer explorer = seed_explorer();
  explorer.apply(SetQuery{"summit \"open source\""});
  explorer.apply(AddFilter{"has:quote"});
  explorer.apply(SelectDocument{explorer.corpus().documents[2].id});
  explorer.apply(ShowView{"quotes"});
  const std::string fragment = location_of(explorer);
  CHECK(fragment == "q=summit%20%22open%20source%22&f=has%3Aquote&view=quotes&doc=002_cb61db7a76a34ded");

  Explorer restored = seed_explorer();
  apply_all(restored, actions_for_location("#" + fragment));
  CHECK(restored.state().query == explorer.state().query);
  CHECK(restored.state().filters == explorer.state().filters);
  CHECK(restored.state().view == "quotes");
  CHECK(restored.state().selected == explorer.state().selected);
  CHECK(location_of(restored) == fragment);
}

TEST_CASE("an empty fragment resets the view: no query, no filters, the documents view") {
  Explorer explorer = seed_explorer();
  explorer.apply(SetQuery{"lecun"});
  explorer.apply(AddFilter{"has:quote"});
  explorer.apply(ShowView{"money"});
  apply_all(explorer, actions_for_location(""));
  CHECK(explorer.state().query.empty());
  CHECK(explorer.state().filters.empty());
  CHECK(explorer.state().view == "documents");
}

TEST_CASE("a fragment of garbage changes nothing it can't and throws nothing") {
  Explorer explorer = seed_explorer();
  const std::string ten_thousand_ampersands(10000, '&');
  for (const std::string& garbage : {std::string("%%%&&==&q"), std::string("view=%FF%FE&doc=no-such-doc&entity=&x=1"), std::string("q=%E2%28%A1"),
                                     ten_thousand_ampersands, std::string("=&=&q=")}) {
    std::vector<std::string> problems;
    for (const Action& action : actions_for_location(garbage)) {
      const std::string problem = explorer.apply(action);
      if (!problem.empty()) problems.push_back(problem);
    }
    CHECK(explorer.loaded());
    CHECK(explorer.state().view == "documents");
  }
  std::vector<std::string> problems;
  for (const Action& action : actions_for_location("doc=no-such-doc")) {
    const std::string problem = explorer.apply(action);
    if (!problem.empty()) problems.push_back(problem);
  }
  CHECK(problems == std::vector<std::string>{"no document with id \"no-such-doc\""});
}
