// Tests of CoNLL-2003 reading and span scoring (core/extract/conll.h).
#include <doctest/doctest.h>

#include "core/extract/conll.h"

using namespace loupe::extract;

namespace {

const char* const kSample =
    "-DOCSTART- -X- -X- O\n\n"
    "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n\n"
    "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n"
    "-DOCSTART- -X- -X- O\n\n"
    "BRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n";

}  // namespace

TEST_CASE("a CoNLL file is read into documents, sentences, words and tags") {
  const ConllFile file = read_conll(kSample);
  CHECK(file.error.empty());
  REQUIRE(file.documents.size() == 2);
  REQUIRE(file.documents[0].sentences.size() == 2);
  CHECK(file.documents[0].sentences[0].words == std::vector<std::string>{"EU", "rejects", "German", "call"});
  CHECK(file.documents[0].sentences[1].tags == std::vector<std::string>{"B-PER", "I-PER"});
  CHECK(file.documents[1].sentences[0].lines[0] == "BRUSSELS NNP B-NP B-LOC");
}

TEST_CASE("a file of bare tokens has words and no tags; CRLF line ends are fine") {
  const ConllFile file = read_conll("Peter\r\nBlackburn\r\n\r\nsaid\r\n");
  REQUIRE(file.documents.size() == 1);
  CHECK(file.documents[0].sentences.size() == 2);
  CHECK(file.documents[0].sentences[0].tags.empty());
  CHECK(file.documents[0].sentences[0].words[1] == "Blackburn");
}

TEST_CASE("a line with a different number of columns is an error naming the line") {
  CHECK(read_conll("EU NNP B-ORG\nrejects\n").error == "line 2: a different number of columns from the lines before it");
}

TEST_CASE("spans are read from IOB2 and IOB1 tags") {
  CHECK(spans_of({"B-PER", "I-PER", "O", "B-LOC"}) == std::vector<TaggedSpan>{{0, 1, "PER"}, {3, 3, "LOC"}});
  CHECK(spans_of({"I-ORG", "I-ORG", "I-LOC"}) == std::vector<TaggedSpan>{{0, 1, "ORG"}, {2, 2, "LOC"}});
  CHECK(spans_of({"B-PER", "B-PER"}) == std::vector<TaggedSpan>{{0, 0, "PER"}, {1, 1, "PER"}});
  CHECK(spans_of({"O", "O"}).empty());
}

TEST_CASE("scoring counts exact spans of the right type only") {
  SpanScore score;
  score.add({"B-PER", "I-PER", "O", "B-ORG"}, {"B-PER", "I-PER", "O", "B-LOC"});
  score.add({"B-LOC", "O"}, {"B-LOC", "B-MISC"});
  CHECK(score.overall.gold == 3);
  CHECK(score.overall.predicted == 4);
  CHECK(score.overall.correct == 2);
  CHECK(score.overall.precision() == doctest::Approx(0.5));
  CHECK(score.overall.recall() == doctest::Approx(2.0 / 3.0));
  CHECK(score.by_type["ORG"].recall() == 0.0);
  CHECK(score.by_type["PER"].f1() == doctest::Approx(1.0));
}
