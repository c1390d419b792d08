// The explorer's state in one place, and the actions that change it. The panels, the page's
// `window.loupe` API and (later) the URL hash all go through `apply`, so a click, a test and a
// deep link do the same thing. No UI code here: all of it is unit-tested.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/corpus.h"

namespace loupe {

struct ExplorerState {
  std::string query;                    // the search box's text
  std::vector<std::size_t> results;     // positions of the matching documents, in corpus order
  std::optional<std::size_t> selected;  // the document shown in the reader
  std::string view = "documents";       // the panel in front
};

// Actions a panel or the page can send.
struct SetQuery {
  std::string text;
};
struct SelectDocument {
  std::string id;
};
using Action = std::variant<SetQuery, SelectDocument>;

class Explorer {
 public:
  // Replaces the corpus; the query is kept and re-run, the first result is selected.
  void load(Corpus corpus);
  // Applies an action; returns an error message for an action that can't be carried out
  // (an unknown document id), or an empty string.
  std::string apply(const Action& action);

  const Corpus& corpus() const { return corpus_; }
  const ExplorerState& state() const { return state_; }
  bool loaded() const { return loaded_; }

  // The state as the page's `loupe.state()` returns it:
  // {"documents": [{"id","title","words"}], "query", "results": [ids], "view", "selected": id|null}
  std::string state_json() const;

 private:
  Corpus corpus_;
  ExplorerState state_;
  bool loaded_ = false;
};

}  // namespace loupe
