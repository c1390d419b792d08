// Tests of cleaning (core/ingest/clean.h): the boilerplate of the seed articles (a reading-time
// line, a repeated headline, a "Hot Picks Today" link list, a copyright line), the general rules
// on the kinds of lines news sites add, and BBC articles, which have almost none and must lose
// nothing.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/ingest/clean.h"
#include "core/ingest/encoding.h"
#include "core/ingest/plain_text.h"
#include "core/text.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::ingest;

namespace {

// A plain-text file decoded and cleaned, as ingest does it.
Document cleaned(std::string_view bytes) {
  Document document = read_plain_text(decode_to_utf8(bytes).text);
  clean_document(document);
  return document;
}

Document cleaned_seed(int n) { return cleaned(test::read_repo_file(test::kSeedFiles[n])); }

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::size_t occurrences(std::string_view text, std::string_view part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

std::vector<std::string> reasons_of(const Document& document) {
  std::vector<std::string> reasons;
  for (const RemovedText& removed : document.removed) reasons.push_back(removed.reason);
  return reasons;
}

}  // namespace

TEST_CASE("seed 001's reading-time line is removed and recorded") {
  const std::string source = test::read_repo_file(test::kSeedFiles[1]);
  REQUIRE(source.rfind("technology73 min read\n", 0) == 0);
  const Document document = cleaned_seed(1);
  CHECK(document.text.find("min read") == std::string::npos);
  REQUIRE_FALSE(document.removed.empty());
  CHECK(document.removed[0].text == "technology73 min read");
  CHECK(document.removed[0].reason == "reading-time line");
}

TEST_CASE("seed 001's headline becomes the title and its repeat leaves the text") {
  const std::string headline = "Meta's AI Chief Advocates for Open-Source Models in Europe";
  REQUIRE(occurrences(test::read_repo_file(test::kSeedFiles[1]), headline) == 2);
  const Document document = cleaned_seed(1);
  CHECK(document.title == headline);
  CHECK(occurrences(document.text, headline) == 0);
  CHECK(reasons_of(document) == std::vector<std::string>{"reading-time line", "repeated title"});
  // The teaser under the headline is content, and stays first.
  CHECK(document.text.rfind("Meta's chief AI scientist, Yann LeCun, emphasizes", 0) == 0);
}

TEST_CASE("seed 003's Hot Picks Today block goes as one removal: the heading and the five headlines under it") {
  const Document document = cleaned_seed(3);
  CHECK(document.text.find("Hot Picks Today") == std::string::npos);
  CHECK(document.text.find("Virtual Shaman") == std::string::npos);
  CHECK(document.text.find("Bundibugyo") == std::string::npos);
  REQUIRE(document.removed.size() == 2);
  CHECK(document.removed[0].reason == "list of links to other stories");
  const std::vector<std::string> block = lines_of(document.removed[0].text);
  REQUIRE(block.size() == 6);
  CHECK(block[0] == "Hot Picks Today");
  CHECK(block[1].rfind("\"Stocks Are Not Taxed", 0) == 0);
  CHECK(block[5].rfind("- \"It Has Now Crossed Borders\"", 0) == 0);
}

TEST_CASE("seed 003 keeps the paragraph after the link list") {
  const Document document = cleaned_seed(3);
  CHECK(document.text.find("\nIn this context, Brad Smith, President of MS, emphasized") != std::string::npos);
}

TEST_CASE("seed 003's copyright line is removed and recorded") {
  const Document document = cleaned_seed(3);
  CHECK(document.text.find("All rights reserved") == std::string::npos);
  REQUIRE(document.removed.size() == 2);
  CHECK(document.removed[1].text == "\xC2\xA9 The Asia Business Daily(www.asiae.co.kr). All rights reserved.");
  CHECK(document.removed[1].reason == "copyright line");
}

TEST_CASE("seed 003's title is its first line and its subtitle stays in the text") {
  const Document document = cleaned_seed(3);
  CHECK(document.title == "OpenAI Investor Microsoft Accelerates AI Investment");
  CHECK(document.text.rfind("Partnering with French Startup MistralAI\n", 0) == 0);
}

TEST_CASE("seed 000, which opens with a long paragraph, takes its title from the first sentence and keeps the paragraph") {
  const std::string source = test::read_repo_file(test::kSeedFiles[0]);
  const Document document = cleaned_seed(0);
  CHECK(document.title == "The advent of artificial intelligence is set to redefine global economies, according to Arthur Mensch, CEO of Mistral.");
  CHECK(document.text == trim(source));
  CHECK(document.removed.empty());
}

TEST_CASE("seed 002, which has no boilerplate, loses nothing") {
  const std::string source = test::read_repo_file(test::kSeedFiles[2]);
  const Document document = cleaned_seed(2);
  CHECK(document.removed.empty());
  CHECK(document.text == trim(source));
}

TEST_CASE("a first sentence longer than a title line is cut at a word boundary with an ellipsis") {
  std::string paragraph;
  for (int i = 0; i < 60; ++i) paragraph += "word ";
  const std::string title = title_from_first_sentence(paragraph + "end.");
  CHECK(title.size() <= kLongestTitleLine + 3);
  CHECK(title.substr(title.size() - 3) == "\xE2\x80\xA6");
  CHECK(title.find("wor\xE2\x80\xA6") == std::string::npos);
}

TEST_CASE("the first sentence stops at a sentence end, not at an abbreviation") {
  CHECK(title_from_first_sentence("Attendees include U.S. Vice President JD Vance and Google CEO Sundar Pichai. The summit highlights France's plans.") ==
        "Attendees include U.S. Vice President JD Vance and Google CEO Sundar Pichai.");
}

TEST_CASE("reading-time lines of other sites are recognised") {
  for (const char* line : {"5 min read", "Politics \xC2\xB7 3 min read", "3-minute read", "Reading time: 4 minutes", "Business | 12 mins read"}) {
    CHECK_MESSAGE(boilerplate_line_reason(line) == std::optional<std::string>("reading-time line"), line);
  }
}

TEST_CASE("boilerplate lines are recognised whatever their runs of spaces and tabs and their capitals") {
  CHECK(boilerplate_line_reason("5  min \t read") == std::optional<std::string>("reading-time line"));
  CHECK(boilerplate_line_reason("READING TIME:\t\t4 MINUTES") == std::optional<std::string>("reading-time line"));
  CHECK(boilerplate_line_reason("   Read  more:   Another story  ") == std::optional<std::string>("link to another story"));
}

TEST_CASE("a sentence that mentions reading time is not a reading-time line") {
  CHECK_FALSE(boilerplate_line_reason("The report, a 40 min read, says profits rose. Analysts were not surprised by the 5 min read").has_value());
}

TEST_CASE("copyright lines of other sites are recognised") {
  for (const char* line : {"Copyright 2005 Reuters. All rights reserved.", "\xC2\xA9 2024 The Guardian", "Copyright \xC2\xA9 Agence France-Presse",
                           "(c) Associated Press"}) {
    CHECK_MESSAGE(boilerplate_line_reason(line) == std::optional<std::string>("copyright line"), line);
  }
}

TEST_CASE("a sentence about copyright law is not a copyright line") {
  CHECK_FALSE(boilerplate_line_reason("Copyright law in the UK protects music for 50 years after release.").has_value());
}

TEST_CASE("share and social lines are recognised") {
  for (const char* line : {"Share this article", "Share on Facebook", "Facebook Twitter LinkedIn Email", "Share: X | Facebook | WhatsApp",
                           "Follow us on Instagram"}) {
    CHECK_MESSAGE(boilerplate_line_reason(line) == std::optional<std::string>("share links"), line);
  }
}

TEST_CASE("newsletter sign-up lines are recognised") {
  for (const char* line : {"Sign up to our daily newsletter", "Subscribe to our newsletter for the latest tech news",
                           "Get the latest business news delivered to your inbox"}) {
    CHECK_MESSAGE(boilerplate_line_reason(line) == std::optional<std::string>("newsletter sign-up"), line);
  }
}

TEST_CASE("a BBC sentence about signing up to broadband is content") {
  if (!test::bbc_available()) {
    MESSAGE("skipped: no BBC corpus at " << test::bbc_folder());
    return;
  }
  const std::vector<std::string> lines = lines_of(decode_to_utf8(test::read_bbc_file("tech/136.txt")).text);
  REQUIRE(lines.size() > 2);
  REQUIRE(lines[2].find("sign up to broadband") != std::string::npos);
  CHECK_FALSE(boilerplate_line_reason(lines[2]).has_value());
}

TEST_CASE("cookie notices are recognised") {
  CHECK(boilerplate_line_reason("We use cookies to give you the best experience on our website. Accept all") ==
        std::optional<std::string>("cookie notice"));
}

TEST_CASE("a single link to another story is recognised") {
  CHECK(boilerplate_line_reason("Read more: Mistral unveils its first reasoning model") == std::optional<std::string>("link to another story"));
}

TEST_CASE("headings of link lists are recognised and headlines are not") {
  for (const char* heading : {"Related", "Related stories", "Most popular", "More from Business", "Read more", "You may also like",
                              "Editor's Picks", "Top Stories:", "  Related stories :\t", "More from Business::"}) {
    CHECK_MESSAGE(is_link_list_heading(heading), heading);
  }
  for (const char* headline : {"Chelsea sack Mutu", "Ad sales boost Time Warner profit", "Partnering with French Startup MistralAI",
                               "Why the most popular phones are also the most returned, says a new survey of buyers.",
                               "Related talks between the two firms, which began in March, stalled over the price :"}) {
    CHECK_MESSAGE(!is_link_list_heading(headline), headline);
  }
}

TEST_CASE("a Related list of quoted headlines ends where the prose resumes") {
  const Document document = cleaned(
      "Ad sales boost Time Warner profit\n\n"
      "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December.\n\n"
      "Related\n\n"
      "\"Dollar gains on Greenspan speech\"\n\n"
      "\"Yukos unit buyer faces loan claim\"\n\n"
      "\"High fuel prices hit BA's profits\"\n\n"
      "Time Warner said on Friday that it now owns 8% of search-engine Google. But its own internet business, AOL, had mixed "
      "fortunes. It lost 464,000 subscribers in the fourth quarter profits were lower than in the preceding three quarters.\n");
  REQUIRE(document.removed.size() == 1);
  CHECK(lines_of(document.removed[0].text).size() == 4);
  CHECK(document.text.find("Greenspan") == std::string::npos);
  CHECK(document.text.find("Time Warner said on Friday") != std::string::npos);
}

TEST_CASE("a heading followed by one short line is not a link list") {
  const Document document = cleaned(
      "Mobile games draw crowds\n\nDevelopers met in San Jose for the conference on Tuesday and Wednesday this week.\n"
      "Most popular\nPuzzle games, by far.\n"
      "Action titles came second in the survey of players and developers held at the conference.\n");
  CHECK(document.removed.empty());
}

TEST_CASE("a paragraph of ten words or more repeated later is removed; the first is kept") {
  const std::string teaser = "Meta's chief AI scientist urges Europe to keep AI models open to foster innovation.";
  const Document document = cleaned("Meta's AI chief on open models\n" + teaser + "\nLeCun spoke in Paris.\n" + teaser + "\n");
  CHECK(occurrences(document.text, teaser) == 1);
  CHECK(document.text.rfind(teaser, 0) == 0);
  CHECK(reasons_of(document) == std::vector<std::string>{"repeated paragraph"});
}

TEST_CASE("a paragraph repeated with other punctuation, case, spacing and accents is still a repeat") {
  // The comparison ignores what lies around and between the words: quotes, dashes, runs of
  // spaces, capitals and diacritics.
  const std::string first = "Arthur Mensch, chief executive of Mistral, said Europe can still lead in open AI models.";
  const std::string again = "\"ARTHUR  MENSCH -- chief executive of Mistral -- said Europe can still lead in open AI models\"";
  const Document document = cleaned("Mistral's chief on Europe\n" + first + "\nHe spoke in Paris.\n" + again + "\n");
  CHECK(occurrences(document.text, first) == 1);
  CHECK(document.text.find("ARTHUR") == std::string::npos);
  CHECK(reasons_of(document) == std::vector<std::string>{"repeated paragraph"});
  // Accents differ: the same words once folded.
  const Document accented = cleaned("Z\xC3\xBCrich report\nThe bank in Z\xC3\xBCrich said the caf\xC3\xA9 chain will open ten new shops next year.\nMore.\n"
                                    "The bank in Zurich said the cafe chain will open ten new shops next year!\n");
  CHECK(reasons_of(accented) == std::vector<std::string>{"repeated paragraph"});
  // Characters whose folded form is longer than their bytes (a vulgar fraction folds to 1⁄4, a
  // ligature to two letters): the comparison makes room for them.
  const std::string fractions = "\xC2\xBC\xC2\xBC\xC2\xBC\xC2\xBC\xC2\xBC\xC2\xBC\xC2\xBC\xC2\xBC\xC2\xBC\xC2\xBC\xC2\xBC\xC2\xBC of the \xEF\xAC\x81nal shares went to ten funds in Z\xC3\xBCrich last year";
  const Document folded = cleaned("Shares\n" + fractions + "\nMore.\n" + fractions + "\n");
  CHECK(occurrences(folded.text, fractions) == 1);
  CHECK(reasons_of(folded) == std::vector<std::string>{"repeated paragraph"});
}

TEST_CASE("a repeat of the title in quotes or with a dash before it leaves the text") {
  Document document;
  document.title = "Chelsea sack Mutu";
  document.text = "\xE2\x80\x9C" "Chelsea sack Mutu\xE2\x80\x9D\nChelsea have sacked Adrian Mutu after he failed a drugs test.";
  clean_document(document);
  CHECK(document.text == "Chelsea have sacked Adrian Mutu after he failed a drugs test.");
  CHECK(reasons_of(document) == std::vector<std::string>{"repeated title"});
  Document dashed;
  dashed.title = "Chelsea sack Mutu";
  dashed.text = "- Chelsea sack Mutu -\nChelsea have sacked Adrian Mutu after he failed a drugs test.";
  clean_document(dashed);
  CHECK(reasons_of(dashed) == std::vector<std::string>{"repeated title"});
}

TEST_CASE("short lines that repeat, like fixtures in a sports report, are kept") {
  if (!test::bbc_available()) {
    MESSAGE("skipped: no BBC corpus at " << test::bbc_folder());
    return;
  }
  const std::string bytes = test::read_bbc_file("sport/190.txt");
  REQUIRE(occurrences(bytes, "Winners meet in final match") >= 2);
  const Document document = cleaned(bytes);
  CHECK(document.removed.empty());
  CHECK(occurrences(document.text, "Winners meet in final match") == occurrences(bytes, "Winners meet in final match"));
}

TEST_CASE("a title that arrives from the reader is kept and its repeat in the text removed") {
  Document document;
  document.title = "Chelsea sack Mutu";
  document.text = "Chelsea sack Mutu\nChelsea have sacked Adrian Mutu after he failed a drugs test.";
  clean_document(document);
  CHECK(document.title == "Chelsea sack Mutu");
  CHECK(document.text == "Chelsea have sacked Adrian Mutu after he failed a drugs test.");
  CHECK(reasons_of(document) == std::vector<std::string>{"repeated title"});
}

TEST_CASE("a document of one short line is a title with no text") {
  const Document document = cleaned("Chelsea sack Mutu\n");
  CHECK(document.title == "Chelsea sack Mutu");
  CHECK(document.text.empty());
}

TEST_CASE("fifty BBC articles lose nothing to cleaning") {
  if (!test::bbc_available()) {
    MESSAGE("skipped: no BBC corpus at " << test::bbc_folder());
    return;
  }
  int checked = 0;
  for (const char* category : {"business", "entertainment", "politics", "sport", "tech"}) {
    for (int n = 1; n <= 10; ++n) {
      const std::string name = std::string(category) + "/" + (n < 10 ? "00" : "0") + std::to_string(n) + ".txt";
      const std::string source = decode_to_utf8(test::read_bbc_file(name)).text;
      const Document document = cleaned(source);
      CHECK_MESSAGE(document.removed.empty(), name << ": removed \"" << (document.removed.empty() ? "" : document.removed[0].text) << "\"");
      CHECK_MESSAGE(count_words(document.title) + count_words(document.text) == count_words(source), name);
      CHECK_MESSAGE(document.title == trim(source.substr(0, source.find('\n'))), name);
      ++checked;
    }
  }
  CHECK(checked == 50);
}

TEST_CASE("BBC articles with lists, repeated lines and short paragraphs lose nothing to cleaning") {
  if (!test::bbc_available()) {
    MESSAGE("skipped: no BBC corpus at " << test::bbc_folder());
    return;
  }
  for (const char* name : {"business/159.txt", "business/291.txt", "entertainment/070.txt", "entertainment/201.txt",
                           "entertainment/253.txt", "entertainment/258.txt", "tech/136.txt", "tech/151.txt", "business/443.txt"}) {
    const std::string source = decode_to_utf8(test::read_bbc_file(name)).text;
    const Document document = cleaned(source);
    CHECK_MESSAGE(document.removed.empty(), name << ": removed \"" << (document.removed.empty() ? "" : document.removed[0].text) << "\"");
    CHECK_MESSAGE(count_words(document.title) + count_words(document.text) == count_words(source), name);
  }
}
