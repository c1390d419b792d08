// Tests that the C libraries built from Debian's source packages (scripts/cmake/third_party.cmake)
// work when called through the core's link line, in the native and the Emscripten build alike:
// utf8proc, Snowball's libstemmer and libxml2's HTML parser.
#include <doctest/doctest.h>

#include <libstemmer.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <utf8proc.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace {

// NFKD, case folding and dropping combining marks: the folding used for matching.
std::string fold(std::string_view text) {
  utf8proc_uint8_t* folded = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                                      UTF8PROC_STRIPMARK);
  const utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                               static_cast<utf8proc_ssize_t>(text.size()), &folded, options);
  if (length < 0) return "<error: " + std::string(utf8proc_errmsg(length)) + ">";
  std::string result(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(length));
  std::free(folded);
  return result;
}

std::string stem(sb_stemmer* stemmer, std::string_view word) {
  const sb_symbol* stemmed =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!stemmed) return "<error>";
  return std::string(reinterpret_cast<const char*>(stemmed), static_cast<std::size_t>(sb_stemmer_length(stemmer)));
}

// The first element with this name, depth first.
xmlNode* find_element(xmlNode* node, std::string_view name) {
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(node->name)) return node;
    if (xmlNode* found = find_element(node->children, name)) return found;
  }
  return nullptr;
}

std::string text_of(xmlNode* node) {
  if (node == nullptr) return "<missing>";
  xmlChar* content = xmlNodeGetContent(node);
  std::string result = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return result;
}

}  // namespace

TEST_CASE("utf8proc folds case and strips accents") {
  CHECK(fold("Zürich") == "zurich");
  CHECK(fold("ＡＢＣ") == "abc");  // full-width letters decompose to ASCII
  CHECK(utf8proc_category(U'é') == UTF8PROC_CATEGORY_LL);
}

TEST_CASE("libstemmer stems English words") {
  sb_stemmer* english = sb_stemmer_new("english", "UTF_8");
  REQUIRE(english != nullptr);
  CHECK(stem(english, "investments") == "invest");
  CHECK(stem(english, "running") == "run");
  sb_stemmer_delete(english);

  sb_stemmer* porter = sb_stemmer_new("porter", "UTF_8");
  REQUIRE(porter != nullptr);
  CHECK(stem(porter, "running") == "run");
  sb_stemmer_delete(porter);

  CHECK(sb_stemmer_new("english", "ISO_8859_1") == nullptr);  // only UTF-8 is built
}

TEST_CASE("libxml2 parses HTML into a tree") {
  const std::string_view html =
      "<html><head><title>T</title></head><body><p>Hi &amp; bye</p><script>x()</script></body></html>";
  htmlDocPtr document = htmlReadMemory(html.data(), static_cast<int>(html.size()), "test.html", "UTF-8",
                                       HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  REQUIRE(document != nullptr);
  xmlNode* root = xmlDocGetRootElement(document);
  CHECK(text_of(find_element(root, "title")) == "T");
  CHECK(text_of(find_element(root, "p")) == "Hi & bye");
  CHECK(text_of(find_element(root, "script")) == "x()");
  xmlFreeDoc(document);
}

TEST_CASE("libxml2 reads UTF-8 and repairs broken HTML") {
  const std::string_view html = "<p>Zürich <b>bold<p>next";
  htmlDocPtr document = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                       HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  REQUIRE(document != nullptr);
  xmlNode* body = find_element(xmlDocGetRootElement(document), "body");
  CHECK(text_of(body) == "Zürich boldnext");
  xmlFreeDoc(document);
}
