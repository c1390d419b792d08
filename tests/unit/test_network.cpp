// Tests of the co-occurrence network and its force layout (core/network.h), on the LeCun seed
// article with entities marked where their names occur.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "core/network.h"
#include "core/search/index.h"
#include "core/text/sentences.h"
#include "fixtures.h"

using namespace loupe;

namespace {

constexpr std::size_t kLeCunArticle = 1;

// Every place a name occurs in a document's text, as mentions.
std::vector<TextSpan> mentions_of(const Corpus& corpus, std::size_t document, const std::string& name) {
  std::vector<TextSpan> mentions;
  const std::string& text = corpus.documents[document].text;
  for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + name.size())) {
    mentions.push_back({document, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + name.size())});
  }
  return mentions;
}

struct Fixture {
  Corpus corpus;
  search::Index index;
  std::vector<bool> all_documents;
};

Fixture lecun_fixture() {
  Fixture fixture{test::seed_corpus(), {}, {}};
  Corpus& corpus = fixture.corpus;
  corpus.entities.push_back({"person:yann-lecun", "Yann LeCun", "person", {"LeCun"}, mentions_of(corpus, kLeCunArticle, "LeCun")});
  corpus.entities.push_back({"organization:meta", "Meta", "organization", {}, mentions_of(corpus, kLeCunArticle, "Meta")});
  corpus.entities.push_back({"organization:deepseek", "DeepSeek", "organization", {}, mentions_of(corpus, kLeCunArticle, "DeepSeek")});
  corpus.entities.push_back({"place:paris", "Paris", "place", {}, mentions_of(corpus, kLeCunArticle, "Paris")});
  corpus.entities.push_back({"place:nowhere", "Nowhere", "place", {}, {}});
  fixture.index = search::Index::build(corpus);
  fixture.all_documents.assign(corpus.documents.size(), true);
  return fixture;
}

// Sentences of the article naming both names, counted by reading the sentences' text: the
// expected weight of their edge.
std::size_t sentences_naming_both(const Corpus& corpus, const std::string& first, const std::string& second) {
  const std::string& text = corpus.documents[kLeCunArticle].text;
  std::size_t count = 0;
  for (const text::Sentence& sentence : text::split_sentences(text)) {
    const std::string words = text.substr(sentence.start, sentence.end - sentence.start);
    if (words.find(first) != std::string::npos && words.find(second) != std::string::npos) ++count;
  }
  return count;
}

const network::Edge* edge_between(const Fixture& fixture, const network::Graph& graph, const std::string& a, const std::string& b) {
  for (const network::Edge& edge : graph.edges) {
    const std::string& from = fixture.corpus.entities[graph.nodes[edge.from].entity].name;
    const std::string& to = fixture.corpus.entities[graph.nodes[edge.to].entity].name;
    if ((from == a && to == b) || (from == b && to == a)) return &edge;
  }
  return nullptr;
}

float distance(network::Point a, network::Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

TEST_CASE("entities named in the same sentence are joined, weighted by the sentences they share") {
  const Fixture fixture = lecun_fixture();
  const network::Graph graph = network::cooccurrence_graph(fixture.corpus, fixture.index, fixture.all_documents, 60);
  const network::Edge* lecun_meta = edge_between(fixture, graph, "Yann LeCun", "Meta");
  REQUIRE(lecun_meta != nullptr);
  CHECK(lecun_meta->sentences == sentences_naming_both(fixture.corpus, "LeCun", "Meta"));
  CHECK(lecun_meta->sentences >= 2);  // "Recently, Yann LeCun, Meta's chief AI scientist, ..." among them
  for (const network::Edge& edge : graph.edges) CHECK(edge.from < edge.to);
  for (std::size_t e = 1; e < graph.edges.size(); ++e) CHECK(graph.edges[e - 1].sentences >= graph.edges[e].sentences);
}

TEST_CASE("entities that never share a sentence are not joined") {
  const Fixture fixture = lecun_fixture();
  const network::Graph graph = network::cooccurrence_graph(fixture.corpus, fixture.index, fixture.all_documents, 60);
  for (const auto& pair : {std::pair<std::string, std::string>{"Paris", "DeepSeek"}, {"Paris", "Meta"}, {"DeepSeek", "Meta"}}) {
    const bool share = sentences_naming_both(fixture.corpus, pair.first, pair.second) > 0;
    CHECK_MESSAGE((edge_between(fixture, graph, pair.first, pair.second) != nullptr) == share, pair.first << " and " << pair.second);
  }
}

TEST_CASE("nodes are the entities mentioned in the marked documents, most mentioned first") {
  const Fixture fixture = lecun_fixture();
  const network::Graph graph = network::cooccurrence_graph(fixture.corpus, fixture.index, fixture.all_documents, 60);
  REQUIRE(graph.nodes.size() == 4);  // "Nowhere" has no mention
  CHECK(fixture.corpus.entities[graph.nodes[0].entity].name == "Yann LeCun");
  CHECK(graph.nodes[0].mentions == fixture.corpus.entities[0].mentions.size());
  for (std::size_t n = 1; n < graph.nodes.size(); ++n) CHECK(graph.nodes[n - 1].mentions >= graph.nodes[n].mentions);

  std::vector<bool> other_documents(fixture.corpus.documents.size(), true);
  other_documents[kLeCunArticle] = false;
  const network::Graph elsewhere = network::cooccurrence_graph(fixture.corpus, fixture.index, other_documents, 60);
  CHECK(elsewhere.nodes.empty());
  CHECK(elsewhere.edges.empty());
}

TEST_CASE("documents past the end of the marks are not in the graph") {
  const Fixture fixture = lecun_fixture();
  // Marks for the documents before the LeCun article only: the article is left out, as when marked false.
  const std::vector<bool> short_marks(kLeCunArticle, true);
  std::vector<bool> marked_false(fixture.corpus.documents.size(), false);
  for (std::size_t d = 0; d < kLeCunArticle; ++d) marked_false[d] = true;
  const network::Graph graph = network::cooccurrence_graph(fixture.corpus, fixture.index, short_marks, 60);
  const network::Graph expected = network::cooccurrence_graph(fixture.corpus, fixture.index, marked_false, 60);
  CHECK(graph.nodes.size() == expected.nodes.size());
  CHECK(graph.edges.size() == expected.edges.size());
  CHECK(network::cooccurrence_graph(fixture.corpus, fixture.index, {}, 60).nodes.empty());
}

TEST_CASE("a node limit keeps the most mentioned entities and counts those left out") {
  const Fixture fixture = lecun_fixture();
  const network::Graph graph = network::cooccurrence_graph(fixture.corpus, fixture.index, fixture.all_documents, 2);
  REQUIRE(graph.nodes.size() == 2);
  CHECK(graph.entities_left_out == 2);
  for (const network::Edge& edge : graph.edges) CHECK(edge.to < 2);
  CHECK(graph.neighbours(0) == std::vector<std::size_t>{1});
}

TEST_CASE("a graph counted a slice at a time is the graph counted at once, its progress rising to one") {
  const Fixture fixture = lecun_fixture();
  for (const std::size_t node_limit : {std::size_t{2}, std::size_t{60}}) {
    const network::Graph at_once = network::cooccurrence_graph(fixture.corpus, fixture.index, fixture.all_documents, node_limit);
    network::GraphCounting counting(fixture.corpus, fixture.all_documents, node_limit);
    CHECK(counting.progress() == 0.0);
    std::size_t slices = 1;
    double progress = 0.0;
    // A deadline already past: each call does one slice.
    while (!counting.advance(fixture.corpus, fixture.index, std::chrono::steady_clock::time_point{})) {
      CHECK(counting.progress() >= progress);
      progress = counting.progress();
      ++slices;
    }
    CHECK(counting.complete());
    CHECK(counting.progress() == 1.0);
    CHECK(slices > 3);  // the phases, and a slice per node's mentions
    const network::Graph sliced = counting.take_graph();
    REQUIRE(sliced.nodes.size() == at_once.nodes.size());
    REQUIRE(sliced.edges.size() == at_once.edges.size());
    CHECK(sliced.entities_left_out == at_once.entities_left_out);
    for (std::size_t n = 0; n < sliced.nodes.size(); ++n) {
      CHECK(sliced.nodes[n].entity == at_once.nodes[n].entity);
      CHECK(sliced.nodes[n].mentions == at_once.nodes[n].mentions);
    }
    for (std::size_t e = 0; e < sliced.edges.size(); ++e) {
      CHECK(sliced.edges[e].from == at_once.edges[e].from);
      CHECK(sliced.edges[e].to == at_once.edges[e].to);
      CHECK(sliced.edges[e].sentences == at_once.edges[e].sentences);
    }
  }
}

TEST_CASE("a graph of documents that mention no entity is complete after its slices, with no node") {
  const Fixture fixture = lecun_fixture();
  std::vector<bool> other_documents(fixture.corpus.documents.size(), true);
  other_documents[kLeCunArticle] = false;
  network::GraphCounting counting(fixture.corpus, other_documents, 60);
  while (!counting.advance(fixture.corpus, fixture.index, std::chrono::steady_clock::time_point{})) {
  }
  CHECK(counting.progress() == 1.0);
  CHECK(counting.take_graph().nodes.empty());
}

TEST_CASE("the force layout settles, the same every time, with every node in its own place") {
  const Fixture fixture = lecun_fixture();
  const network::Graph graph = network::cooccurrence_graph(fixture.corpus, fixture.index, fixture.all_documents, 60);
  network::ForceLayout layout(graph);
  network::ForceLayout again(graph);
  while (layout.step()) {
  }
  while (again.step()) {
  }
  CHECK(layout.settled());
  CHECK(layout.steps() < 600);
  const auto& positions = layout.positions();
  for (std::size_t n = 0; n < positions.size(); ++n) {
    CHECK(std::isfinite(positions[n].x));
    CHECK(std::abs(positions[n].x) < 3.0f);
    CHECK(std::abs(positions[n].y) < 3.0f);
    CHECK(positions[n].x == again.positions()[n].x);
    for (std::size_t m = n + 1; m < positions.size(); ++m) CHECK(distance(positions[n], positions[m]) > 0.05f);
  }
}

TEST_CASE("joined nodes end closer together than nodes with no edge") {
  // A chain a–b–c–d plus e alone, each named often enough to matter.
  network::Graph graph;
  for (std::size_t n = 0; n < 5; ++n) graph.nodes.push_back({n, 5});
  graph.edges = {{0, 1, 6}, {1, 2, 6}, {2, 3, 6}};
  network::ForceLayout layout(graph);
  while (layout.step()) {
  }
  const auto& at = layout.positions();
  const float joined = (distance(at[0], at[1]) + distance(at[1], at[2]) + distance(at[2], at[3])) / 3;
  CHECK(joined < distance(at[0], at[3]));
  CHECK(joined < distance(at[4], at[1]));
}

TEST_CASE("a placed node stays where it was put and the others move again") {
  const Fixture fixture = lecun_fixture();
  const network::Graph graph = network::cooccurrence_graph(fixture.corpus, fixture.index, fixture.all_documents, 60);
  network::ForceLayout layout(graph);
  while (layout.step()) {
  }
  const network::Point before = layout.positions()[1];
  layout.place(0, {1.5f, -1.5f});
  CHECK_FALSE(layout.settled());
  while (layout.step()) {
  }
  CHECK(layout.positions()[0].x == 1.5f);
  CHECK(layout.positions()[0].y == -1.5f);
  CHECK(distance(layout.positions()[1], before) > 0.0f);
}

TEST_CASE("a graph of no node or one node is settled from the start") {
  network::Graph empty;
  CHECK(network::ForceLayout(empty).settled());
  network::Graph one;
  one.nodes.push_back({0, 3});
  network::ForceLayout single(one);
  CHECK(single.settled());
  CHECK_FALSE(single.step());
  CHECK(single.positions().size() == 1);
}
