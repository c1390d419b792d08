// Tests of the sentence splitter (core/text/sentences.h) on sentences from the seeds and BBC.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/text/sentences.h"

using namespace loupe::text;

namespace {

std::vector<std::string> sentences_of(std::string_view text) {
  std::vector<std::string> sentences;
  for (const Sentence& sentence : split_sentences(text)) sentences.emplace_back(text.substr(sentence.start, sentence.end - sentence.start));
  return sentences;
}

}  // namespace

TEST_CASE("sentences end at full stops, question and exclamation marks") {
  CHECK(sentences_of("He predicts a significant impact. Countries must act! Will Europe seize it?") ==
        std::vector<std::string>{"He predicts a significant impact.", "Countries must act!", "Will Europe seize it?"});
}

TEST_CASE("abbreviations and initials do not end a sentence") {
  CHECK(sentences_of("Attendees include U.S. Vice President JD Vance and Dr. Smith of Acme Inc. in Paris.").size() == 1);
  CHECK(sentences_of("Figures for Jan. 2005 rose, e.g. in retail. Then they fell.") ==
        std::vector<std::string>{"Figures for Jan. 2005 rose, e.g. in retail.", "Then they fell."});
  CHECK(sentences_of("J. R. R. Tolkien wrote it.").size() == 1);
}

TEST_CASE("closing quotation marks stay with the sentence they end") {
  CHECK(sentences_of("\"When you do research in secret, you fall behind,\" LeCun stated. \"The rest of the world will go open source.\"") ==
        std::vector<std::string>{"\"When you do research in secret, you fall behind,\" LeCun stated.",
                                 "\"The rest of the world will go open source.\""});
  CHECK(sentences_of("He said \xE2\x80\x9CIt is too early.\xE2\x80\x9D Then he left.") ==
        std::vector<std::string>{"He said \xE2\x80\x9CIt is too early.\xE2\x80\x9D", "Then he left."});
}

TEST_CASE("decimal numbers and lower-case continuations do not end a sentence") {
  CHECK(sentences_of("The training cost $5.6 million. It was cheap.") == std::vector<std::string>{"The training cost $5.6 million.", "It was cheap."});
  CHECK(sentences_of("Profits rose 76% to $1.13bn. Its shares rose.").size() == 2);
  CHECK(sentences_of("It was exaggerated... a little bit.").size() == 1);
}

TEST_CASE("a line break always ends a sentence") {
  CHECK(sentences_of("Hot Picks Today\nStocks Are Not Taxed") == std::vector<std::string>{"Hot Picks Today", "Stocks Are Not Taxed"});
}

TEST_CASE("offsets point into the text and cover no surrounding space") {
  const std::string text = "  First one.   Second one.  ";
  const std::vector<Sentence> sentences = split_sentences(text);
  REQUIRE(sentences.size() == 2);
  CHECK(sentences[0].start == 2);
  CHECK(text.substr(sentences[1].start, sentences[1].end - sentences[1].start) == "Second one.");
  CHECK(split_sentences("").empty());
}
