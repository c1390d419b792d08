// Tests of the explorer's state and actions (core/explorer.h).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/explorer.h"
#include "core/ingest/ingest.h"
#include "fixtures.h"

using namespace loupe;

namespace {

Explorer seed_explorer() {
  Explorer explorer;
  explorer.load(test::seed_corpus());
  return explorer;
}

}  // namespace

TEST_CASE("before a corpus is loaded the explorer is empty and says so") {
  const Explorer explorer;
  CHECK_FALSE(explorer.loaded());
  const auto state = nlohmann::json::parse(explorer.state_json());
  CHECK(state["documents"].empty());
  CHECK(state["selected"].is_null());
}

TEST_CASE("loading a corpus lists every document and selects the first") {
  const Explorer explorer = seed_explorer();
  CHECK(explorer.loaded());
  CHECK(explorer.state().results.size() == 4);
  CHECK(explorer.state().selected == std::optional<std::size_t>(0));
}

TEST_CASE("a query narrows the results and an empty one restores them") {
  Explorer explorer = seed_explorer();
  CHECK(explorer.apply(SetQuery{"LeCun"}).empty());
  CHECK(explorer.search_result().hits.size() == 1);
  CHECK(explorer.state().results == std::vector<std::size_t>{1});
  explorer.apply(SetQuery{""});
  CHECK(explorer.state().results.size() == 4);
}

TEST_CASE("selecting by id works, and an unknown id is an error that changes nothing") {
  Explorer explorer = seed_explorer();
  CHECK(explorer.apply(SelectDocument{"002_cb61db7a76a34ded"}).empty());
  CHECK(explorer.state().selected == std::optional<std::size_t>(2));
  CHECK(explorer.apply(SelectDocument{"nope"}) == "no document with id \"nope\"");
  CHECK(explorer.state().selected == std::optional<std::size_t>(2));
}

TEST_CASE("the state as JSON carries documents, query, results, view and selection") {
  Explorer explorer = seed_explorer();
  explorer.apply(SetQuery{"Qlik"});
  explorer.apply(SelectDocument{"003_897f894024ca4c72"});
  const auto state = nlohmann::json::parse(explorer.state_json());
  REQUIRE(state["documents"].size() == 4);
  CHECK(state["documents"][3]["title"] == "OpenAI Investor Microsoft Accelerates AI Investment");
  CHECK(state["documents"][3]["words"].get<std::size_t>() == explorer.corpus().documents[3].word_count);
  CHECK(state["query"] == "Qlik");
  CHECK(state["results"] == nlohmann::json::array({"002_cb61db7a76a34ded"}));
  CHECK(state["total"] == 1);
  CHECK(state["sort"] == "relevance");
  CHECK(state["view"] == "documents");
  CHECK(state["selected"] == "003_897f894024ca4c72");
}

TEST_CASE("results are ranked, and document order can be asked for") {
  Explorer explorer = seed_explorer();
  explorer.apply(SetQuery{"investment"});
  CHECK(explorer.state().results.front() == 3);  // "Investment" is in 003's title
  explorer.apply(SetSort{search::SortOrder::DocumentOrder});
  CHECK(std::is_sorted(explorer.state().results.begin(), explorer.state().results.end()));
  CHECK(explorer.state().results.size() == explorer.search_result().hits.size());
}

TEST_CASE("passages past the first hits are computed on demand") {
  Explorer explorer = seed_explorer();
  explorer.apply(SetQuery{"summit"});
  REQUIRE_FALSE(explorer.state().results.empty());
  CHECK_FALSE(explorer.passages_of_hit(0).empty());
  CHECK(explorer.passages_of_hit(99).empty());
}

TEST_CASE("a new query selects its best result when the document shown no longer matches") {
  Explorer explorer = seed_explorer();
  explorer.apply(SelectDocument{"000_9aa3858245310ff1"});
  explorer.apply(SetQuery{"Qlik"});
  CHECK(explorer.state().selected == std::optional<std::size_t>(2));
  explorer.apply(SetQuery{"summit"});  // 002 still matches: it stays
  CHECK(explorer.state().selected == std::optional<std::size_t>(2));
  explorer.apply(SetQuery{"zzzzzzzz"});  // nothing matches: the reader keeps its document
  CHECK(explorer.state().selected == std::optional<std::size_t>(2));
}
