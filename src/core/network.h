// The co-occurrence network of entities: who appears with whom. Nodes are the entities most
// mentioned in a set of documents; an edge joins two that are named in the same sentence,
// weighted by the number of such sentences. ForceLayout places the nodes with a force
// simulation (Fruchterman and Reingold's: nodes repel, edges pull, a cooling temperature caps
// each move) that settles in a few hundred steps and starts from the same places every time,
// so a layout is reproducible.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <tuple>
#include <vector>

#include "core/corpus.h"
#include "core/search/index.h"

namespace loupe::network {

struct Node {
  std::size_t entity = 0;    // position in the corpus's entities
  std::size_t mentions = 0;  // in the documents of the graph
};

struct Edge {
  std::size_t from = 0;       // node positions, from < to
  std::size_t to = 0;
  std::size_t sentences = 0;  // sentences naming both
};

struct Graph {
  std::vector<Node> nodes;  // most mentioned first
  std::vector<Edge> edges;  // heaviest first
  std::size_t entities_left_out = 0;  // mentioned in the documents but past the node limit

  // The nodes joined to one node by an edge.
  std::vector<std::size_t> neighbours(std::size_t node) const;
};

// The network of the entities mentioned in the marked documents (by document position): at
// most `node_limit` nodes, the most mentioned (ties by name). A drawing's worth: the pairs are
// counted in node_limit² numbers.
Graph cooccurrence_graph(const Corpus& corpus, const search::Index& index, const std::vector<bool>& documents,
                         std::size_t node_limit);

// The counting of cooccurrence_graph in slices, for an interface that must not wait for it: each
// advance() counts until a deadline and returns, to go on at the next call, given the same corpus
// and index each time (they are not kept, so that the owner may move).
class GraphCounting {
 public:
  GraphCounting(const Corpus& corpus, std::vector<bool> documents, std::size_t node_limit);
  // Counts until the deadline has passed (at least one slice, a fraction of a millisecond
  // natively) or the graph is complete; returns whether it is.
  bool advance(const Corpus& corpus, const search::Index& index, std::chrono::steady_clock::time_point deadline);
  bool complete() const { return phase_ == Phase::Complete; }
  double progress() const;  // the share of the counting done, 0 to 1
  Graph take_graph() { return std::move(graph_); }  // once complete

 private:
  // The phases, in order; each goes on where the last slice stopped.
  enum class Phase { CountMentions, ChooseNodes, CountNamings, PlaceNamings, CountPairs, ListEdges, Complete };
  struct Naming {
    std::uint32_t place = 0;  // the mention's byte offset, then its sentence
    std::uint32_t node = 0;
    auto key() const { return std::tie(place, node); }
    bool operator<(const Naming& other) const { return key() < other.key(); }
    bool operator==(const Naming& other) const { return key() == other.key(); }
  };
  // The next slice of the current node's mentions (the next node's once they are done).
  std::span<const TextSpan> next_mentions(const Corpus& corpus);
  bool in_documents(const TextSpan& mention) const { return mention.document < document_count_ && documents_[mention.document]; }

  std::vector<bool> documents_;
  std::size_t node_limit_ = 0;
  std::size_t document_count_ = 0;
  std::size_t entity_count_ = 0;
  bool every_document_ = false;
  Phase phase_;
  std::size_t cursor_ = 0;                  // the entity, node or document the phase goes on from
  std::size_t mention_cursor_ = 0;          // within the node's mentions
  std::vector<Node> mentioned_;             // entities mentioned in the documents, with their counts
  std::vector<std::size_t> document_starts_;  // where each document's namings begin in namings_
  std::vector<std::size_t> next_place_;
  std::vector<Naming> namings_;
  std::vector<std::size_t> sentences_by_pair_;  // [from * node_count + to], from < to
  Graph graph_;
};

struct Point {
  float x = 0.0f;
  float y = 0.0f;
};

class ForceLayout {
 public:
  // Nodes start on a spiral around the origin, the most mentioned at its centre; the layout
  // keeps them within about one unit of the origin.
  explicit ForceLayout(const Graph& graph);

  // One step of the simulation; returns whether the layout is still moving.
  bool step();
  bool settled() const { return settled_; }
  std::size_t steps() const { return steps_; }
  const std::vector<Point>& positions() const { return positions_; }

  // Puts a node somewhere (a drag): it stays there, and the others move again to fit around it.
  void place(std::size_t node, Point where);

 private:
  std::vector<Point> positions_;
  std::vector<bool> placed_;
  std::vector<Edge> edges_;
  std::vector<float> edge_strength_;
  float ideal_distance_ = 0.0f;
  float temperature_ = 0.0f;
  std::size_t steps_ = 0;
  bool settled_ = false;
};

}  // namespace loupe::network
