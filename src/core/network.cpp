// The co-occurrence network and its force layout (see network.h).
#include "core/network.h"

#include <algorithm>
#include <chrono>
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

// [SECTION] Counting, in slices

GraphCounting::GraphCounting(const Corpus& corpus, std::vector<bool> documents, std::size_t node_limit)
    : documents_(std::move(documents)), node_limit_(node_limit), phase_(Phase::CountMentions) {
  document_count_ = std::min(corpus.documents.size(), documents_.size());
  entity_count_ = corpus.entities.size();
  // Every document (the empty query, the heaviest case): each entity's mentions all count.
  every_document_ = document_count_ == corpus.documents.size() &&
                    std::find(documents_.begin(), documents_.begin() + static_cast<std::ptrdiff_t>(document_count_), false) ==
                        documents_.begin() + static_cast<std::ptrdiff_t>(document_count_);
}

double GraphCounting::progress() const {
  constexpr double kPhases = 6.0;
  const double phase = static_cast<double>(static_cast<int>(phase_));
  double within = 0.0;
  if (phase_ == Phase::CountMentions && entity_count_ > 0) within = static_cast<double>(cursor_) / static_cast<double>(entity_count_);
  if ((phase_ == Phase::CountNamings || phase_ == Phase::PlaceNamings) && !graph_.nodes.empty()) within = static_cast<double>(cursor_) / static_cast<double>(graph_.nodes.size());
  if (phase_ == Phase::CountPairs && document_count_ > 0) within = static_cast<double>(cursor_) / static_cast<double>(document_count_);
  return std::min(1.0, (phase + within) / kPhases);
}

std::span<const TextSpan> GraphCounting::next_mentions(const Corpus& corpus) {
  constexpr std::size_t kMentionsPerSlice = 4096;
  const std::vector<TextSpan>& mentions = corpus.entities[graph_.nodes[cursor_].entity].mentions;
  const std::size_t count = std::min(kMentionsPerSlice, mentions.size() - mention_cursor_);
  const std::span<const TextSpan> slice(mentions.data() + mention_cursor_, count);
  mention_cursor_ += count;
  if (mention_cursor_ == mentions.size()) ++cursor_, mention_cursor_ = 0;
  return slice;
}

bool GraphCounting::advance(const Corpus& corpus, const search::Index& index, std::chrono::steady_clock::time_point deadline) {
  // Slices small enough to stop near the deadline: a few thousand mentions, or the documents
  // holding about five hundred of the nodes' mentions, with the clock read in between.
  const auto time_is_up = [&] { return std::chrono::steady_clock::now() >= deadline; };
  while (phase_ != Phase::Complete) {
    switch (phase_) {
      case Phase::CountMentions: {
        std::size_t visited = 0;
        std::size_t entity = cursor_;
        for (; entity < corpus.entities.size() && visited < 2048; ++entity) {
          const std::vector<TextSpan>& mentions = corpus.entities[entity].mentions;
          visited += mentions.size() + 1;
          const std::size_t count = every_document_ ? mentions.size()
                                                    : static_cast<std::size_t>(std::count_if(mentions.begin(), mentions.end(),
                                                                                             [&](const TextSpan& mention) { return in_documents(mention); }));
          if (count > 0) mentioned_.push_back({entity, count});
        }
        cursor_ = entity;
        if (cursor_ == corpus.entities.size()) phase_ = Phase::ChooseNodes, cursor_ = 0;
        break;
      }
      case Phase::ChooseNodes: {
        // The most mentioned `node_limit` (ties by name, then in the corpus's order), sorted.
        const std::size_t kept = std::min(mentioned_.size(), node_limit_);
        std::partial_sort(mentioned_.begin(), mentioned_.begin() + static_cast<std::ptrdiff_t>(kept), mentioned_.end(), [&](const Node& a, const Node& b) {
          if (a.mentions != b.mentions) return a.mentions > b.mentions;
          const int by_name = corpus.entities[a.entity].name.compare(corpus.entities[b.entity].name);
          return by_name != 0 ? by_name < 0 : a.entity < b.entity;
        });
        graph_.entities_left_out = mentioned_.size() - kept;
        mentioned_.resize(kept);
        graph_.nodes = std::move(mentioned_);
        mentioned_ = {};
        document_starts_.assign(document_count_ + 1, 0);
        phase_ = graph_.nodes.empty() ? Phase::ListEdges : Phase::CountNamings;
        break;
      }
      // The nodes' mentions put in their documents' places by counting (documents are many, a
      // document's mentions few): first how many each document has, then each in its place.
      case Phase::CountNamings: {
        std::size_t* const starts = document_starts_.data();
        const std::span<const TextSpan> mentions = next_mentions(corpus);
        for (const TextSpan& mention : mentions) {
          if (in_documents(mention)) ++starts[mention.document + 1];
        }
        if (cursor_ == graph_.nodes.size()) {
          for (std::size_t d = 0; d < document_count_; ++d) document_starts_[d + 1] += document_starts_[d];
          namings_.resize(document_starts_[document_count_]);
          next_place_.assign(document_starts_.begin(), document_starts_.end() - 1);
          phase_ = Phase::PlaceNamings;
          cursor_ = 0;
        }
        break;
      }
      case Phase::PlaceNamings: {
        const auto node = static_cast<std::uint32_t>(cursor_);
        Naming* const namings = namings_.data();
        std::size_t* const next_place = next_place_.data();
        const std::span<const TextSpan> mentions = next_mentions(corpus);
        for (const TextSpan& mention : mentions) {
          if (in_documents(mention)) namings[next_place[mention.document]++] = {mention.start, node};
        }
        if (cursor_ == graph_.nodes.size()) {
          next_place_ = {};
          sentences_by_pair_.assign(graph_.nodes.size() * graph_.nodes.size(), 0);
          phase_ = Phase::CountPairs;
          cursor_ = 0;
        }
        break;
      }
      // Per document, its namings sorted by offset and walked beside its sentences to find each
      // one's sentence (a merge, where a search per mention missed the cache); then each
      // sentence's nodes counted once per pair.
      case Phase::CountPairs: {
        // (Locals, not members, in the loops: the counts' stores could alias a member's value.)
        const std::size_t node_count = graph_.nodes.size();
        std::size_t* const pair_counts = sentences_by_pair_.data();
        std::size_t document = cursor_;
        const std::size_t slice_end = std::min(namings_.size(), document_starts_[document] + 512);  // namings, about
        for (; document < document_count_ && (document == cursor_ || document_starts_[document] < slice_end); ++document) {
          const auto first = namings_.begin() + static_cast<std::ptrdiff_t>(document_starts_[document]);
          const auto last = namings_.begin() + static_cast<std::ptrdiff_t>(document_starts_[document + 1]);
          if (last - first < 2) continue;  // no pair
          std::sort(first, last);
          // A mention's sentence is the last that starts at or before it (the first when none does).
          const std::span<const text::Sentence> sentences = index.tokens(static_cast<search::DocumentId>(document)).sentences;
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
              for (auto j = i + 1; j != group_end; ++j) ++pair_counts[i->node * node_count + j->node];
            }
            group = group_end;
          }
        }
        cursor_ = document;
        if (cursor_ == document_count_) phase_ = Phase::ListEdges, cursor_ = 0;
        break;
      }
      case Phase::ListEdges: {
        const std::size_t node_count = graph_.nodes.size();
        for (std::size_t from = 0; from < node_count; ++from) {
          for (std::size_t to = from + 1; to < node_count; ++to) {
            if (const std::size_t count = sentences_by_pair_[from * node_count + to]; count > 0) graph_.edges.push_back({from, to, count});
          }
        }
        std::stable_sort(graph_.edges.begin(), graph_.edges.end(), [](const Edge& a, const Edge& b) { return a.sentences > b.sentences; });
        namings_ = {};
        document_starts_ = {};
        sentences_by_pair_ = {};
        phase_ = Phase::Complete;
        break;
      }
      case Phase::Complete:
        break;
    }
    if (phase_ != Phase::Complete && time_is_up()) return false;
  }
  return true;
}

Graph cooccurrence_graph(const Corpus& corpus, const search::Index& index, const std::vector<bool>& documents, std::size_t node_limit) {
  GraphCounting counting(corpus, documents, node_limit);
  counting.advance(corpus, index, std::chrono::steady_clock::time_point::max());
  return counting.take_graph();
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
