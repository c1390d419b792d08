// Tests of the explorer's state and actions (core/explorer.h).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

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

TEST_CASE("the state with its lists apart is the whole state less documents and results, which come on their own") {
  Explorer explorer = seed_explorer();
  explorer.apply(SetQuery{"Mistral"});
  nlohmann::json whole = nlohmann::json::parse(explorer.state_json());
  const nlohmann::json apart = nlohmann::json::parse(explorer.state_json(Explorer::StateLists::Apart));
  CHECK_FALSE(apart.contains("documents"));
  CHECK_FALSE(apart.contains("results"));
  CHECK(nlohmann::json::parse(explorer.documents_json()) == whole["documents"]);
  CHECK(nlohmann::json::parse(explorer.results_json()) == whole["results"]);
  CHECK(whole["documents"].size() == 4);
  CHECK(whole["results"].size() < 4);
  whole.erase("documents");
  whole.erase("results");
  CHECK(apart == whole);
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

namespace {

// The seeds with a few extracted records by hand: two quotes, two amounts, one entity.
Explorer seed_explorer_with_records() {
  Corpus corpus = test::seed_corpus();
  corpus.entities.push_back({"person:yann-lecun", "Yann LeCun", "person", {"LeCun"}, {{1, 40, 45}, {1, 10, 20}}});
  corpus.quotes.push_back({{1, 100, 140}, "person:yann-lecun", "LeCun", ""});
  corpus.quotes.push_back({{2, 50, 90}, "", "Mike Capone", "CEO of Qlik"});
  corpus.amounts.push_back({{2, 10, 20}, "USD", 5e6, 5e6, 5e6, 5e6, ""});
  corpus.amounts.push_back({{3, 10, 20}, "EUR", 2e9, 2e9, 2.08e9, 2.08e9, "person:yann-lecun"});
  Explorer explorer;
  explorer.load(std::move(corpus));
  return explorer;
}

}  // namespace

TEST_CASE("showing a view changes the view in front, and an unknown view is refused") {
  Explorer explorer = seed_explorer();
  CHECK(explorer.apply(ShowView{"money"}).empty());
  CHECK(explorer.state().view == "money");
  CHECK(explorer.apply(ShowView{"nowhere"}) == "no view \"nowhere\" (views: documents, entities, quotes, money, network, concordance, terms, notebook)");
  CHECK(explorer.state().view == "money");
  const auto state = nlohmann::json::parse(explorer.state_json());
  CHECK(state["views"] == nlohmann::json::array({"documents", "entities", "quotes", "money", "network", "concordance", "terms", "notebook"}));
}

TEST_CASE("the quotes and amounts listed are those of the documents in the results, amounts largest first") {
  Explorer explorer = seed_explorer_with_records();
  CHECK(explorer.quotes_in_results() == std::vector<std::size_t>{0, 1});
  CHECK(explorer.amounts_in_results() == std::vector<std::size_t>{1, 0});
  explorer.apply(SetQuery{"doc:" + explorer.corpus().documents[2].id});
  CHECK(explorer.quotes_in_results() == std::vector<std::size_t>{1});
  CHECK(explorer.amounts_in_results() == std::vector<std::size_t>{0});
  CHECK(explorer.entity_name("person:yann-lecun") == "Yann LeCun");
  CHECK(explorer.entity_name("person:nobody").empty());
}

TEST_CASE("a document's entity mentions are indexed in text order when the corpus loads") {
  const Explorer explorer = seed_explorer_with_records();
  const std::vector<MentionInDocument>& mentions = explorer.mentions_of_document(1);
  REQUIRE(mentions.size() == 2);
  CHECK(mentions[0].start == 10);
  CHECK(mentions[1].start == 40);
  CHECK(explorer.mentions_of_document(0).empty());
  CHECK(explorer.mentions_of_document(99).empty());
  const auto state = nlohmann::json::parse(explorer.state_json());
  CHECK(state["counts"]["quotes"] == 2);
}

TEST_CASE("a document's quotes and amounts are indexed when the corpus loads, and a reload replaces them") {
  Explorer explorer = seed_explorer_with_records();
  CHECK(explorer.quotes_of_document(1) == std::vector<std::size_t>{0});
  CHECK(explorer.quotes_of_document(2) == std::vector<std::size_t>{1});
  CHECK(explorer.quotes_of_document(0).empty());
  CHECK(explorer.amounts_of_document(2) == std::vector<std::size_t>{0});
  CHECK(explorer.amounts_of_document(3) == std::vector<std::size_t>{1});
  CHECK(explorer.amounts_of_document(1).empty());
  CHECK(explorer.quotes_of_document(99).empty());
  CHECK(explorer.amounts_of_document(99).empty());
  explorer.load(test::seed_corpus());  // no records
  for (std::size_t document = 0; document < 4; ++document) {
    CHECK(explorer.quotes_of_document(document).empty());
    CHECK(explorer.amounts_of_document(document).empty());
  }
}

TEST_CASE("selecting an entity shows its card: quotes by it, amounts tied to it, entities in the same sentences") {
  Corpus corpus = test::seed_corpus();
  const std::string& text = corpus.documents[1].text;
  const auto at = [&](std::string_view word) { return static_cast<std::uint32_t>(text.find(word)); };
  const std::uint32_t lecun = at("Yann LeCun");
  const std::uint32_t meta = at("Meta");
  corpus.entities.push_back({"person:yann-lecun", "Yann LeCun", "person", {}, {{1, lecun, lecun + 10}}});
  corpus.entities.push_back({"organization:meta", "Meta", "organization", {}, {{1, meta, meta + 4}}});
  corpus.quotes.push_back({{1, 100, 140}, "person:yann-lecun", "LeCun", ""});
  Explorer explorer;
  explorer.load(std::move(corpus));
  CHECK(explorer.apply(SelectEntity{"person:nobody"}) == "no entity with id \"person:nobody\"");
  CHECK_FALSE(explorer.entity_card());
  CHECK(explorer.apply(SelectEntity{"person:yann-lecun"}).empty());
  CHECK(explorer.state().view == "entities");
  REQUIRE(explorer.entity_card());
  CHECK(explorer.entity_card()->quotes == std::vector<std::size_t>{0});
  // "Meta's chief AI scientist, Yann LeCun, ..." is one sentence: they appear together once.
  REQUIRE(explorer.entity_card()->appears_with.size() == 1);
  CHECK(explorer.entity_card()->appears_with[0] == std::pair<std::size_t, std::size_t>{1, 1});
  const auto rows = explorer.entity_rows(EntityColumn::Name, true);
  REQUIRE(rows.size() == 2);
  CHECK(explorer.corpus().entities[rows[0].entity].name == "Meta");
  CHECK(rows[1].documents == 1);
  const auto state = nlohmann::json::parse(explorer.state_json());
  CHECK(state["selected_entity"] == "person:yann-lecun");
}

TEST_CASE("the network and the entities a panel waits for are counted between frames, as at once, and a search starts them again") {
  Corpus corpus = test::seed_corpus();
  const std::string& text = corpus.documents[1].text;
  const auto mentions_of = [&](const std::string& name) {
    std::vector<TextSpan> mentions;
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + name.size())) {
      mentions.push_back({1, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + name.size())});
    }
    return mentions;
  };
  corpus.entities.push_back({"person:yann-lecun", "Yann LeCun", "person", {}, mentions_of("LeCun")});
  corpus.entities.push_back({"organization:meta", "Meta", "organization", {}, mentions_of("Meta")});
  Explorer explorer;
  explorer.load(std::move(corpus));
  const auto past = std::chrono::steady_clock::time_point{};
  CHECK_FALSE(explorer.do_pending_work(past));  // nothing asked for yet

  double progress = -1.0;
  const network::Graph* graph = explorer.network_of_results_if_ready(&progress);
  CHECK(progress >= 0.0);
  while (explorer.do_pending_work(past)) {
  }
  graph = explorer.network_of_results_if_ready(&progress);
  REQUIRE(graph != nullptr);
  CHECK(progress == 1.0);
  REQUIRE(graph->nodes.size() == 2);
  REQUIRE(graph->edges.size() == 1);
  const std::size_t sentences = graph->edges[0].sentences;
  CHECK(&explorer.network_of_results() == graph);  // the same, not counted again

  // A search whose results leave out the article: the next counting finds no one.
  CHECK(explorer.apply(SetQuery{"DeepSeek -LeCun"}).empty());
  explorer.network_of_results_if_ready();
  while (explorer.do_pending_work(past)) {
  }
  REQUIRE(explorer.network_of_results_if_ready() != nullptr);
  CHECK(explorer.network_of_results_if_ready()->nodes.empty());
  // And back: network_of_results finishes a counting under way at once.
  CHECK(explorer.apply(SetQuery{""}).empty());
  explorer.network_of_results_if_ready();
  CHECK(explorer.network_of_results().edges.at(0).sentences == sentences);
  CHECK_FALSE(explorer.do_pending_work(past));

  // The entities' rows the same way; once counted, another order is sorted at once.
  CHECK(explorer.apply(SetQuery{"LeCun"}).empty());
  explorer.entity_rows_if_ready(EntityColumn::Mentions, false, &progress);
  while (explorer.do_pending_work(past)) {
  }
  const std::vector<EntityRow>* rows = explorer.entity_rows_if_ready(EntityColumn::Mentions, false, &progress);
  REQUIRE(rows != nullptr);
  CHECK(progress == 1.0);
  REQUIRE(rows->size() == 2);
  CHECK(explorer.corpus().entities[(*rows)[0].entity].name == "Yann LeCun");  // more mentions than Meta
  CHECK((*rows)[0].mentions > (*rows)[1].mentions);
  const std::vector<EntityRow>* by_name = explorer.entity_rows_if_ready(EntityColumn::Name, true);
  REQUIRE(by_name != nullptr);
  CHECK(explorer.corpus().entities[(*by_name)[0].entity].name == "Meta");
  CHECK(by_name->size() == explorer.entity_rows(EntityColumn::Mentions, false).size());
}

TEST_CASE("the terms a panel waits for are counted between frames, and are those counted at once") {
  Explorer explorer = seed_explorer();
  const auto past = std::chrono::steady_clock::time_point{};
  CHECK(explorer.apply(SetQuery{"Mistral"}).empty());
  double progress = -1.0;
  explorer.terms_of_results_if_ready(&progress);
  CHECK(progress >= 0.0);
  while (explorer.do_pending_work(past)) {
  }
  const TermsOverview* terms = explorer.terms_of_results_if_ready(&progress);
  REQUIRE(terms != nullptr);
  CHECK(progress == 1.0);
  CHECK(&explorer.terms_of_results() == terms);  // not counted again
  std::vector<search::DocumentId> documents(explorer.state().results.begin(), explorer.state().results.end());
  std::sort(documents.begin(), documents.end());
  const std::vector<search::TermScore> frequent = search::frequent_terms(explorer.index(), documents, terms->frequent.size());
  REQUIRE(frequent.size() == terms->frequent.size());
  REQUIRE_FALSE(frequent.empty());
  for (std::size_t i = 0; i < frequent.size(); ++i) CHECK(frequent[i].word == terms->frequent[i].word);
  // A new search drops the counting under way; terms_of_results counts at once.
  explorer.apply(SetQuery{"LeCun"});
  explorer.terms_of_results_if_ready();
  explorer.apply(SetQuery{""});
  CHECK(explorer.terms_of_results().distinctive.empty());  // every document: nothing stands out
  CHECK_FALSE(explorer.terms_of_results().frequent.empty());
  CHECK_FALSE(explorer.do_pending_work(past));
}

TEST_CASE("filter chips combine with the query, and can be removed one by one or all at once") {
  Explorer explorer = seed_explorer();
  explorer.apply(SetQuery{"summit"});
  const std::size_t with_query = explorer.state().results.size();
  REQUIRE(with_query >= 2);
  CHECK(explorer.apply(AddFilter{"doc:" + explorer.corpus().documents[2].id}).empty());
  CHECK(explorer.state().results == std::vector<std::size_t>{2});
  CHECK(explorer.state().selected == std::optional<std::size_t>(2));  // the reader follows the results
  explorer.apply(AddFilter{"doc:" + explorer.corpus().documents[2].id});  // the same chip twice is one chip
  CHECK(explorer.state().filters.size() == 1);
  CHECK(explorer.apply(RemoveFilter{5}) == "no filter number 5");
  CHECK(explorer.apply(RemoveFilter{0}).empty());
  CHECK(explorer.state().results.size() == with_query);
  explorer.apply(AddFilter{"has:quote"});
  explorer.apply(AddFilter{"-lecun"});
  explorer.apply(ClearFilters{});
  CHECK(explorer.state().filters.empty());
  CHECK(explorer.state().results.size() == with_query);
  const auto state = nlohmann::json::parse(explorer.state_json());
  CHECK(state["filters"].empty());
  CHECK(state["query"] == "summit");
}

TEST_CASE("a facet's value becomes the filter term that keeps it") {
  CHECK(facet_filter("person", "Arthur Mensch") == "entity:\"Arthur Mensch\"");
  CHECK(facet_filter("organization", "The \"Big\" Co") == "entity:\"The Big Co\"");
  CHECK(facet_filter("has", "quote") == "has:quote");
  CHECK(facet_filter("folder", "sport") == "doc:sport");
  CHECK(facet_filter("folder", "(top level)").empty());
}

TEST_CASE("moving the selection steps through the results and stops at their ends") {
  Explorer explorer = seed_explorer();
  explorer.apply(SetSort{search::SortOrder::DocumentOrder});
  explorer.apply(SelectDocument{explorer.corpus().documents[0].id});
  explorer.apply(MoveSelection{1});
  CHECK(explorer.state().selected == std::optional<std::size_t>(1));
  explorer.apply(MoveSelection{5});
  CHECK(explorer.state().selected == std::optional<std::size_t>(3));
  explorer.apply(MoveSelection{-1});
  CHECK(explorer.state().selected == std::optional<std::size_t>(2));
  explorer.apply(MoveSelection{-10});
  CHECK(explorer.state().selected == std::optional<std::size_t>(0));
}

TEST_CASE("the entity table's orders are a stable sort's in every column and direction, ties kept in the corpus's order") {
  Corpus corpus = test::seed_corpus();
  // Names that repeat (Meta the company and Meta a region of Colombia), counts that tie, and an
  // entity with no mention, which has no row.
  const std::vector<std::tuple<std::string, std::string, std::vector<std::uint32_t>>> made = {
      {"Meta", "organization", {0, 1, 1}}, {"Mistral", "organization", {0, 0, 2}}, {"Meta", "place", {3}},
      {"Yann LeCun", "person", {1, 1}},    {"Paris", "place", {2, 3}},             {"Arthur Mensch", "person", {0}},
      {"DeepSeek", "organization", {2, 2, 2}}, {"Europe", "place", {0, 1, 2, 3}}, {"Microsoft", "organization", {3, 3}},
      {"AI Act", "law", {2}},              {"Mistral", "product", {1}},            {"Qlik", "organization", {}}};
  std::vector<EntityRow> expected_in_corpus_order;
  std::uint32_t offset = 0;
  for (std::size_t e = 0; e < made.size(); ++e) {
    const auto& [name, type, documents] = made[e];
    EntityRecord entity{type + ":" + std::to_string(e), name, type, {}, {}};
    for (const std::uint32_t document : documents) entity.mentions.push_back({document, offset, offset + 4}), offset += 10;
    std::vector<std::uint32_t> distinct = documents;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (!documents.empty()) expected_in_corpus_order.push_back({e, documents.size(), distinct.size()});
    corpus.entities.push_back(std::move(entity));
  }
  Explorer explorer;
  explorer.load(std::move(corpus));
  const auto& entities = explorer.corpus().entities;
  for (const EntityColumn column : {EntityColumn::Name, EntityColumn::Type, EntityColumn::Mentions, EntityColumn::Documents}) {
    for (const bool ascending : {true, false}) {
      auto less = [&](const EntityRow& a, const EntityRow& b) {
        switch (column) {
          case EntityColumn::Name: return entities[a.entity].name < entities[b.entity].name;
          case EntityColumn::Type: return entities[a.entity].type < entities[b.entity].type;
          case EntityColumn::Mentions: return a.mentions < b.mentions;
          case EntityColumn::Documents: return a.documents < b.documents;
        }
        return false;
      };
      std::vector<EntityRow> expected = expected_in_corpus_order;
      std::stable_sort(expected.begin(), expected.end(), [&](const EntityRow& a, const EntityRow& b) { return ascending ? less(a, b) : less(b, a); });
      const std::vector<EntityRow>& rows = explorer.entity_rows(column, ascending);
      CAPTURE(static_cast<int>(column));
      CAPTURE(ascending);
      REQUIRE(rows.size() == expected.size());
      for (std::size_t r = 0; r < rows.size(); ++r) {
        CHECK(rows[r].entity == expected[r].entity);
        CHECK(rows[r].mentions == expected[r].mentions);
        CHECK(rows[r].documents == expected[r].documents);
      }
    }
  }
}

TEST_CASE("every counting a panel waits for goes on at each call, even past its deadline, none waiting behind another") {
  Corpus corpus = test::seed_corpus();
  // A million mentions (250 entities named 1,000 times in each seed article): no counting ends in
  // the first slice that asking for it gives, on any machine.
  for (std::size_t e = 0; e < 250; ++e) {
    EntityRecord entity{"organization:" + std::to_string(e), "Entity " + std::to_string(e), "organization", {}, {}};
    for (std::uint32_t document = 0; document < corpus.documents.size(); ++document) {
      const auto length = static_cast<std::uint32_t>(corpus.documents[document].text.size());
      for (std::uint32_t k = 0; k < 1000; ++k) {
        const std::uint32_t start = k * (length - 8) / 1000;
        entity.mentions.push_back({document, start, start + 4});
      }
    }
    corpus.entities.push_back(std::move(entity));
  }
  Explorer explorer;
  explorer.load(std::move(corpus));
  double entities_progress = -1.0;
  double network_progress = -1.0;
  CHECK(explorer.entity_rows_if_ready(EntityColumn::Mentions, false, &entities_progress) == nullptr);
  CHECK(explorer.network_of_results_if_ready(&network_progress) == nullptr);
  CHECK(entities_progress < 1.0);
  CHECK(network_progress < 1.0);
  // Every call past its deadline, as in frames whose interface took all their budget.
  const auto past = std::chrono::steady_clock::time_point{};
  std::size_t calls = 0;
  while (explorer.do_pending_work(past) && calls < 1'000'000) ++calls;
  CHECK_FALSE(explorer.do_pending_work(past));
  const network::Graph* graph = explorer.network_of_results_if_ready(&network_progress);
  REQUIRE(graph != nullptr);
  CHECK(network_progress == 1.0);
  CHECK_FALSE(graph->nodes.empty());
  REQUIRE(explorer.entity_rows_if_ready(EntityColumn::Mentions, false) != nullptr);
  CHECK(explorer.entity_rows_if_ready(EntityColumn::Mentions, false)->size() == 250);
}
