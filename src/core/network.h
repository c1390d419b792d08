// The co-occurrence network of entities: who appears with whom. Nodes are the entities most
// mentioned in a set of documents; an edge joins two that are named in the same sentence,
// weighted by the number of such sentences. ForceLayout places the nodes with a force
// simulation (Fruchterman and Reingold's: nodes repel, edges pull, a cooling temperature caps
// each move) that settles in a few hundred steps and starts from the same places every time,
// so a layout is reproducible.
#pragma once

#include <cstddef>
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
