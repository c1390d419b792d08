// Tests of the reader's notebook (core/notebook.h): edits, the canonical file and its round trip,
// refusing files that are not notebooks, and tag: searches through the explorer.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/explorer.h"
#include "core/notebook.h"
#include "fixtures.h"

using namespace loupe;

namespace {

// A notebook as a reader of the seed articles would keep it.
Notebook seed_notebook() {
  Notebook notebook;
  CHECK(apply_edit(notebook, AddTag{"002_cb61db7a76a34ded", "summit"}).empty());
  CHECK(apply_edit(notebook, AddTag{"002_cb61db7a76a34ded", "money"}).empty());
  CHECK(apply_edit(notebook, AddTag{"000_9aa3858245310ff1", "sovereignty"}).empty());
  CHECK(apply_edit(notebook, SetNote{"002_cb61db7a76a34ded", 0, 0, "", "Check the 109 billion against the Élysée's release."}).empty());
  CHECK(apply_edit(notebook, SetNote{"001_a5ab434f381efdb2", 120, 188, "open source is the way forward", "LeCun's line — \"quoted\" often"}).empty());
  CHECK(apply_edit(notebook, SaveSearch{"Mistral's money", "q=mistral&f=has%3Amoney&view=money"}).empty());
  return notebook;
}

}  // namespace

TEST_CASE("a notebook written, read and written again gives the same bytes") {
  const std::string written = write_notebook(seed_notebook());
  const NotebookReadResult read = read_notebook(written);
  REQUIRE_MESSAGE(read.notebook, read.error);
  CHECK(write_notebook(*read.notebook) == written);
  CHECK(read.notebook->tags.at("002_cb61db7a76a34ded") == std::set<std::string>{"money", "summit"});
  CHECK(read.notebook->find_note("001_a5ab434f381efdb2", 120, 188)->text == "LeCun's line — \"quoted\" often");
  CHECK(read.notebook->saved_searches.at(0).location == "q=mistral&f=has%3Amoney&view=money");
}

TEST_CASE("the notebook file is the same whatever order the edits came in") {
  Notebook reversed;
  apply_edit(reversed, SaveSearch{"Mistral's money", "q=mistral&f=has%3Amoney&view=money"});
  apply_edit(reversed, SetNote{"001_a5ab434f381efdb2", 120, 188, "open source is the way forward", "LeCun's line — \"quoted\" often"});
  apply_edit(reversed, SetNote{"002_cb61db7a76a34ded", 0, 0, "", "Check the 109 billion against the Élysée's release."});
  apply_edit(reversed, AddTag{"000_9aa3858245310ff1", "sovereignty"});
  apply_edit(reversed, AddTag{"002_cb61db7a76a34ded", "money"});
  apply_edit(reversed, AddTag{"002_cb61db7a76a34ded", "summit"});
  CHECK(write_notebook(reversed) == write_notebook(seed_notebook()));
}

TEST_CASE("an empty note text removes the note, and a note on the same place replaces it") {
  Notebook notebook = seed_notebook();
  CHECK(apply_edit(notebook, SetNote{"002_cb61db7a76a34ded", 0, 0, "", "Second thoughts."}).empty());
  CHECK(notebook.notes.size() == 2);
  CHECK(notebook.find_note("002_cb61db7a76a34ded", 0, 0)->text == "Second thoughts.");
  CHECK(apply_edit(notebook, SetNote{"002_cb61db7a76a34ded", 0, 0, "", "  \n"}).empty());
  CHECK(notebook.find_note("002_cb61db7a76a34ded", 0, 0) == nullptr);
  CHECK(notebook.notes.size() == 1);
}

TEST_CASE("tags are trimmed, counted, and removing the last one forgets the document") {
  Notebook notebook = seed_notebook();
  CHECK(apply_edit(notebook, AddTag{"000_9aa3858245310ff1", "  summit "}).empty());
  CHECK(notebook.tag_counts().at("summit") == 2);
  CHECK(notebook.documents_tagged("summit") == std::vector<std::string>{"000_9aa3858245310ff1", "002_cb61db7a76a34ded"});
  CHECK_FALSE(apply_edit(notebook, AddTag{"000_9aa3858245310ff1", "   "}).empty());
  CHECK(apply_edit(notebook, RemoveTag{"000_9aa3858245310ff1", "summit"}).empty());
  CHECK(apply_edit(notebook, RemoveTag{"000_9aa3858245310ff1", "sovereignty"}).empty());
  CHECK(notebook.tags.count("000_9aa3858245310ff1") == 0);
  CHECK(apply_edit(notebook, RemoveTag{"000_9aa3858245310ff1", "sovereignty"}).find("no tag") != std::string::npos);
}

TEST_CASE("saving a search under a name it already has replaces it; removing one out of range says so") {
  Notebook notebook = seed_notebook();
  CHECK(apply_edit(notebook, SaveSearch{"Mistral's money", "q=mistral&view=money"}).empty());
  CHECK(notebook.saved_searches.size() == 1);
  CHECK(notebook.saved_searches[0].location == "q=mistral&view=money");
  CHECK(apply_edit(notebook, RemoveSavedSearch{3}).find("no saved search") != std::string::npos);
  CHECK(apply_edit(notebook, RemoveSavedSearch{0}).empty());
  CHECK(notebook.empty() == false);
}

TEST_CASE("files that are not notebooks of this version are refused with the reason") {
  CHECK(read_notebook("").error == "not a JSON object");
  CHECK(read_notebook("[1, 2]").error == "not a JSON object");
  CHECK(read_notebook(R"({"format": "loupe-corpus", "version": 2})").error.find("not a Loupe notebook") != std::string::npos);
  CHECK(read_notebook(R"({"format": "loupe-notebook", "version": 7})").error.find("another version") != std::string::npos);
  CHECK(read_notebook(R"({"format": "loupe-notebook", "version": 1, "notes": [{"doc": "a", "start": 9, "end": 2, "text": "x"}]})")
            .error.find("notes[0]") != std::string::npos);
  CHECK(read_notebook(R"({"format": "loupe-notebook", "version": 1, "tags": {"a": [""]}})").error.find("tags.a") != std::string::npos);
  CHECK(read_notebook(R"({"format": "loupe-notebook", "version": 1, "searches": [{"name": 3}]})").error.find("searches[0]") != std::string::npos);
}

TEST_CASE("a notebook file is told apart from a corpus file by its first bytes") {
  CHECK(looks_like_notebook(write_notebook(seed_notebook())));
  CHECK_FALSE(looks_like_notebook(R"({"format": "loupe-corpus", "version": 2, "documents": []})"));
  CHECK_FALSE(looks_like_notebook("The advent of artificial intelligence is set to redefine global economies."));
}

TEST_CASE("tag: finds the documents the reader tagged, and follows new tags") {
  Explorer explorer;
  explorer.load(test::seed_corpus());
  explorer.set_notebook(seed_notebook());
  CHECK(explorer.apply(AddFilter{"tag:summit"}).empty());
  REQUIRE(explorer.state().results.size() == 1);
  CHECK(explorer.corpus().documents[explorer.state().results[0]].id == "002_cb61db7a76a34ded");
  CHECK(explorer.apply(EditNotebook{AddTag{"003_897f894024ca4c72", "summit"}}).empty());
  CHECK(explorer.state().results.size() == 2);
  CHECK(explorer.notebook_revision() == 1);
  CHECK(explorer.apply(SetQuery{"tag:nothing-like-this"}).empty());
  CHECK(explorer.state().results.empty());
  const auto state = nlohmann::json::parse(explorer.state_json());
  CHECK(state["notebook"]["tags"] == 3);
  CHECK(state["notebook"]["notes"] == 2);
}

TEST_CASE("a notebook file the explorer refuses leaves its notebook as it was; one it takes counts as an edit") {
  Explorer explorer;
  explorer.load(test::seed_corpus());
  explorer.set_notebook(seed_notebook());
  const std::string before = write_notebook(explorer.notebook());
  CHECK(explorer.load_notebook(R"({"format": "loupe-notebook", "version": 7})", Explorer::NotebookSource::Imported).find("another version") !=
        std::string::npos);
  CHECK(write_notebook(explorer.notebook()) == before);
  CHECK(explorer.notebook_revision() == 0);
  CHECK(explorer.load_notebook(R"({"format": "loupe-notebook", "version": 1})", Explorer::NotebookSource::Imported).empty());
  CHECK(explorer.notebook().empty());
  CHECK(explorer.notebook_revision() == 1);
  CHECK(explorer.load_notebook(before, Explorer::NotebookSource::Kept).empty());
  CHECK(write_notebook(explorer.notebook()) == before);
  CHECK(explorer.notebook_revision() == 1);
}
