// The co-occurrence network and its force layout (see network.h).
#include "core/network.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>
#include <span>
#include <utility>

namespace loupe::network {

// [SECTION] Graph

std::vector<std::size_t> Graph::neighbours(std::size_t node) const {
  std::vector<std::size_t> found;
  for (const Edge& edge : edges) {
    if (edge.from == node) found.push_back(edge.to);
    if (edge.to == node) found.push_back(edge.from);
  }
  return found;
}

Graph cooccurrence_graph(const Corpus& corpus, const search::Index& index, const std::vector<bool>& documents,
                         std::size_t node_limit) {
  const std::size_t document_count = std::min(corpus.documents.size(), documents.size());
  const auto in_documents = [&](const TextSpan& mention) { return mention.document < document_count && documents[mention.document]; };
  // Every document (the empty query, the heaviest case): each entity's mentions all count.
  const bool every_document = document_count == corpus.documents.size() && std::find(documents.begin(), documents.begin() + static_cast<std::ptrdiff_t>(document_count), false) == documents.begin() + static_cast<std::ptrdiff_t>(document_count);
  std::vector<Node> mentioned;
  for (std::size_t e = 0; e < corpus.entities.size(); ++e) {
    const std::vector<TextSpan>& mentions = corpus.entities[e].mentions;
    const std::size_t count = every_document ? mentions.size() : static_cast<std::size_t>(std::count_if(mentions.begin(), mentions.end(), in_documents));
    if (count > 0) mentioned.push_back({e, count});
  }
  // The most mentioned `node_limit` (ties by name, then in the corpus's order), sorted.
  const std::size_t kept = std::min(mentioned.size(), node_limit);
  std::partial_sort(mentioned.begin(), mentioned.begin() + static_cast<std::ptrdiff_t>(kept), mentioned.end(), [&](const Node& a, const Node& b) {
    if (a.mentions != b.mentions) return a.mentions > b.mentions;
    const int by_name = corpus.entities[a.entity].name.compare(corpus.entities[b.entity].name);
    return by_name != 0 ? by_name < 0 : a.entity < b.entity;
  });
  Graph graph;
  graph.entities_left_out = mentioned.size() - kept;
  mentioned.resize(kept);
  graph.nodes = std::move(mentioned);

  // The nodes' mentions put in their documents' places by counting (documents are many, a
  // document's mentions few); then, per document, sorted by offset and walked beside its
  // sentences to find each one's sentence (a merge, where a search per mention missed the cache),
  // and each sentence's nodes counted once per pair.
  struct Naming {
    std::uint32_t place = 0;  // the byte offset, then the sentence
    std::uint32_t node = 0;
    auto key() const { return std::tie(place, node); }
    bool operator<(const Naming& other) const { return key() < other.key(); }
    bool operator==(const Naming& other) const { return key() == other.key(); }
  };
  std::vector<std::size_t> document_starts(document_count + 1, 0);
  for (const Node& node : graph.nodes) {
    for (const TextSpan& mention : corpus.entities[node.entity].mentions) {
      if (in_documents(mention)) ++document_starts[mention.document + 1];
    }
  }
  for (std::size_t d = 0; d < document_count; ++d) document_starts[d + 1] += document_starts[d];
  std::vector<Naming> namings(document_starts[document_count]);
  std::vector<std::size_t> next_place(document_starts.begin(), document_starts.end() - 1);
  for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
    for (const TextSpan& mention : corpus.entities[graph.nodes[n].entity].mentions) {
      if (in_documents(mention)) namings[next_place[mention.document]++] = {mention.start, static_cast<std::uint32_t>(n)};
    }
  }
  const std::size_t node_count = graph.nodes.size();
  std::vector<std::size_t> sentences_by_pair(node_count * node_count, 0);  // [from * node_count + to], from < to
  for (std::size_t d = 0; d < document_count; ++d) {
    const auto first = namings.begin() + static_cast<std::ptrdiff_t>(document_starts[d]);
    const auto last = namings.begin() + static_cast<std::ptrdiff_t>(document_starts[d + 1]);
    if (last - first < 2) continue;  // no pair
    std::sort(first, last);
    // A mention's sentence is the last that starts at or before it (the first when none does).
    const std::span<const text::Sentence> sentences = index.tokens(static_cast<search::DocumentId>(d)).sentences;
    std::size_t sentence = 0;
    for (auto naming = first; naming != last; ++naming) {
      if (sentence + 1 < sentences.size() && sentences[sentence + 1].start <= naming->place) {
        const auto after = std::upper_bound(sentences.begin() + static_cast<std::ptrdiff_t>(sentence) + 1, sentences.end(), naming->place,
                                            [](std::uint32_t offset, const text::Sentence& next) { return offset < next.start; });
        sentence = static_cast<std::size_t>(after - sentences.begin()) - 1;
      }
      naming->place = static_cast<std::uint32_t>(sentence);
    }
    std::sort(first, last);  // by sentence, then node: runs of a few
    const auto end = std::unique(first, last);
    for (auto group = first; group != end;) {
      auto group_end = group;
      while (group_end != end && group_end->place == group->place) ++group_end;
      for (auto i = group; i != group_end; ++i) {
        for (auto j = i + 1; j != group_end; ++j) ++sentences_by_pair[i->node * node_count + j->node];
      }
      group = group_end;
    }
  }
  for (std::size_t from = 0; from < node_count; ++from) {
    for (std::size_t to = from + 1; to < node_count; ++to) {
      if (const std::size_t count = sentences_by_pair[from * node_count + to]; count > 0) graph.edges.push_back({from, to, count});
    }
  }
  std::stable_sort(graph.edges.begin(), graph.edges.end(), [](const Edge& a, const Edge& b) { return a.sentences > b.sentences; });
  return graph;
}

// [SECTION] Force layout

namespace {

constexpr float kStartTemperature = 0.12f;
constexpr float kCooling = 0.97f;
constexpr float kSettledTemperature = 0.002f;
constexpr float kSettledMove = 0.0005f;
constexpr float kGravity = 0.6f;        // pull towards the origin, keeping separate groups in view
constexpr float kDragTemperature = 0.04f;  // how much the others move again after a drag
constexpr std::size_t kMostSteps = 600;

}  // namespace

ForceLayout::ForceLayout(const Graph& graph) : edges_(graph.edges) {
  const std::size_t count = graph.nodes.size();
  positions_.resize(count);
  placed_.assign(count, false);
  // A golden-angle spiral: evenly spread, no two nodes on the same spot.
  constexpr float kGoldenAngle = 2.39996323f;
  for (std::size_t n = 0; n < count; ++n) {
    const float radius = 0.8f * std::sqrt((static_cast<float>(n) + 0.5f) / static_cast<float>(count));
    positions_[n] = {radius * std::cos(kGoldenAngle * static_cast<float>(n)), radius * std::sin(kGoldenAngle * static_cast<float>(n))};
  }
  // Heavier edges pull harder, by the logarithm so that one pair named together often does not
  // collapse onto itself.
  for (const Edge& edge : edges_) edge_strength_.push_back(1.0f + std::log(static_cast<float>(edge.sentences)));
  ideal_distance_ = count > 0 ? 0.9f * std::sqrt(2.0f / static_cast<float>(count)) : 1.0f;
  temperature_ = kStartTemperature;
  settled_ = count < 2;
}

bool ForceLayout::step() {
  if (settled_) return false;
  const std::size_t count = positions_.size();
  std::vector<Point> force(count);
  const float k = ideal_distance_;
  for (std::size_t a = 0; a < count; ++a) {
    for (std::size_t b = a + 1; b < count; ++b) {
      float dx = positions_[a].x - positions_[b].x;
      float dy = positions_[a].y - positions_[b].y;
      float distance = std::sqrt(dx * dx + dy * dy);
      if (distance < 1e-4f) {  // on the same spot: push apart along a fixed direction
        dx = 1e-4f * static_cast<float>(a + 1);
        dy = 1e-4f * static_cast<float>(b + 1);
        distance = std::sqrt(dx * dx + dy * dy);
      }
      const float push = k * k / distance;
      force[a].x += dx / distance * push;
      force[a].y += dy / distance * push;
      force[b].x -= dx / distance * push;
      force[b].y -= dy / distance * push;
    }
  }
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    const Point& from = positions_[edges_[e].from];
    const Point& to = positions_[edges_[e].to];
    const float dx = to.x - from.x;
    const float dy = to.y - from.y;
    const float distance = std::sqrt(dx * dx + dy * dy);
    if (distance < 1e-6f) continue;
    const float pull = distance * distance / k * edge_strength_[e];
    force[edges_[e].from].x += dx / distance * pull;
    force[edges_[e].from].y += dy / distance * pull;
    force[edges_[e].to].x -= dx / distance * pull;
    force[edges_[e].to].y -= dy / distance * pull;
  }
  float largest_move = 0.0f;
  for (std::size_t n = 0; n < count; ++n) {
    if (placed_[n]) continue;
    Point& at = positions_[n];
    const float distance_to_origin = std::sqrt(at.x * at.x + at.y * at.y);
    force[n].x -= kGravity * at.x * distance_to_origin / k;
    force[n].y -= kGravity * at.y * distance_to_origin / k;
    const float strength = std::sqrt(force[n].x * force[n].x + force[n].y * force[n].y);
    if (strength < 1e-9f) continue;
    const float move = std::min(strength, temperature_);
    at.x += force[n].x / strength * move;
    at.y += force[n].y / strength * move;
    largest_move = std::max(largest_move, move);
  }
  temperature_ *= kCooling;
  ++steps_;
  settled_ = temperature_ < kSettledTemperature || largest_move < kSettledMove || steps_ >= kMostSteps;
  return !settled_;
}

void ForceLayout::place(std::size_t node, Point where) {
  if (node >= positions_.size()) return;
  positions_[node] = where;
  placed_[node] = true;
  temperature_ = std::max(temperature_, kDragTemperature);
  settled_ = positions_.size() < 2;
  steps_ = std::min(steps_, kMostSteps / 2);  // room to settle again
}

}  // namespace loupe::network
