// The HTML reader (see html.h). libxml2 builds the tree; every walk over it is iterative (a
// page nested 100,000 elements deep must not overflow the stack, natively or in WebAssembly).
#include "core/ingest/html.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "core/text.h"

namespace loupe::ingest {
namespace {

// Elements that are never article text.
constexpr std::string_view kDroppedElements[] = {
    "script", "style",  "noscript", "nav",    "header", "footer", "aside",  "form",   "iframe", "svg",
    "template", "button", "select", "textarea", "input", "object", "embed", "canvas", "audio", "video",
    "map",    "img",    "picture",  "source", "head",   "title",  "meta",   "link",   "dialog", "frameset"};

// Elements that start and end a paragraph.
constexpr std::string_view kBlockElements[] = {
    "address", "article", "blockquote", "body",    "center", "dd",     "details", "dir",   "div",    "dl",
    "dt",      "fieldset", "figcaption", "figure", "h1",     "h2",     "h3",      "h4",    "h5",     "h6",
    "hgroup",  "hr",      "html",       "li",      "main",   "menu",   "ol",      "p",     "section", "summary",
    "table",   "tbody",   "thead",      "tfoot",   "tr",     "ul",     "caption", "legend", "option"};

// Roles of landmarks that are not the article.
constexpr std::string_view kDroppedRoles[] = {"navigation", "banner", "contentinfo", "complementary", "search",
                                              "dialog",     "alertdialog", "menu", "menubar", "toolbar"};

// Words in a class or id that name boilerplate, and the reason recorded for it.
struct BoilerplateClass {
  std::string_view word;
  std::string_view reason;
};
constexpr BoilerplateClass kBoilerplateClasses[] = {
    {"cookie", "cookie notice"},      {"cookies", "cookie notice"},     {"consent", "cookie notice"},
    {"gdpr", "cookie notice"},        {"newsletter", "newsletter sign-up"}, {"subscribe", "newsletter sign-up"},
    {"signup", "newsletter sign-up"}, {"share", "share links"},         {"sharing", "share links"},
    {"social", "share links"},        {"related", "list of links to other stories"},
    {"recommended", "list of links to other stories"}, {"recommendations", "list of links to other stories"},
    {"trending", "list of links to other stories"},    {"popular", "list of links to other stories"},
    {"outbrain", "list of links to other stories"},    {"taboola", "list of links to other stories"},
    {"ad", "advertisement"},          {"ads", "advertisement"},         {"advert", "advertisement"},
    {"advertisement", "advertisement"}, {"sponsored", "advertisement"}, {"promo", "advertisement"},
    {"breadcrumb", "breadcrumb"},     {"breadcrumbs", "breadcrumb"},    {"comments", "comments"},
    {"sidebar", "sidebar"},           {"popup", "pop-up"},
    {"modal", "pop-up"},              {"paywall", "pop-up"}};

// A boilerplate element is dropped only when it is small beside the content: a wrapper whose
// class happens to say "sidebar" must not take the article with it.
constexpr std::size_t kSmallBoilerplateBytes = 600;

template <std::size_t N>
bool is_one_of(std::string_view name, const std::string_view (&names)[N]) {
  for (const std::string_view candidate : names) {
    if (candidate == name) return true;
  }
  return false;
}

std::string_view name_of(const xmlNode* node) {
  return node->name ? std::string_view(reinterpret_cast<const char*>(node->name)) : std::string_view();
}

// An attribute's value (names compare without case; the parser lower-cases them already).
std::string attribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* property = node->properties; property; property = property->next) {
    if (!property->name || fold_ascii_case(reinterpret_cast<const char*>(property->name)) != name) continue;
    std::string value;
    for (const xmlNode* child = property->children; child; child = child->next) {
      if (child->content) value += reinterpret_cast<const char*>(child->content);
    }
    return value;
  }
  return {};
}

bool has_attribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* property = node->properties; property; property = property->next) {
    if (property->name && fold_ascii_case(reinterpret_cast<const char*>(property->name)) == name) return true;
  }
  return false;
}

// Visits the elements under `root` (not `root` itself) in document order, without recursion;
// `visit` returns whether to go into the element's children.
void for_each_element(const xmlNode* root, const std::function<bool(const xmlNode*)>& visit) {
  const xmlNode* node = root->children;
  while (node) {
    const bool descend = node->type == XML_ELEMENT_NODE && visit(node);
    if (descend && node->children) {
      node = node->children;
      continue;
    }
    while (node != root && !node->next) node = node->parent;
    if (node == root) break;
    node = node->next;
  }
}

bool is_hidden(const xmlNode* node) {
  if (has_attribute(node, "hidden")) return true;
  if (fold_ascii_case(attribute(node, "aria-hidden")) == "true") return true;
  std::string style = fold_ascii_case(attribute(node, "style"));
  std::erase(style, ' ');
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

// The words of a class list or an id: "c-share-bar__item" -> c, share, bar, item.
std::vector<std::string_view> name_words(std::string_view names) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < names.size()) {
    std::size_t end = names.find_first_of(" \t\n-_", start);
    if (end == std::string_view::npos) end = names.size();
    if (end > start) words.push_back(names.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::optional<std::string_view> boilerplate_reason_of_words(const std::vector<std::string_view>& words) {
  for (const std::string_view word : words) {
    for (const BoilerplateClass& entry : kBoilerplateClasses) {
      if (entry.word == word) return entry.reason;
    }
  }
  return std::nullopt;
}

// The reason an element's class or id names boilerplate, if it does: "share-bar" -> "share links".
// An id counts only when short: ids made from a heading's words ("_sharing_a_local_cache") say
// nothing about the element. Headings are never boilerplate by their class.
std::optional<std::string_view> boilerplate_class_reason(const xmlNode* node) {
  const std::string_view name = name_of(node);
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return std::nullopt;
  const std::string classes = fold_ascii_case(attribute(node, "class"));
  if (const auto reason = boilerplate_reason_of_words(name_words(classes))) return reason;
  const std::string id = fold_ascii_case(attribute(node, "id"));
  const std::vector<std::string_view> id_words = name_words(id);
  if (id_words.size() <= 3) return boilerplate_reason_of_words(id_words);
  return std::nullopt;
}

// Turns a subtree into paragraphs of text.
class TextExtractor {
 public:
  // `skip`: an element left out (the <h1> that became the title). `removed`: where to record
  // boilerplate dropped by class or id (nothing is recorded without it). `content_bytes`: the
  // size of the content's text, against which a boilerplate element must be small.
  TextExtractor(const xmlNode* skip, std::vector<RemovedText>* removed, std::size_t content_bytes)
      : skip_(skip), removed_(removed), content_bytes_(content_bytes) {}

  std::vector<std::string> extract(const xmlNode* root) {
    paragraphs_.clear();
    current_.clear();
    break_paragraph();  // the root itself is taken as it is: never skipped, never recorded
    const xmlNode* node = root->children;
    while (node) {
      const Visit visit = enter(node);
      if (visit == Visit::Descend && node->children) {
        node = node->children;
        continue;
      }
      if (visit != Visit::Skip) leave(node);
      while (node != root && !node->next) {
        node = node->parent;
        if (node != root) leave(node);
      }
      if (node == root) break;
      node = node->next;
    }
    leave(root);
    break_paragraph();
    return std::move(paragraphs_);
  }

 private:
  enum class Visit { Skip, Leaf, Descend };

  Visit enter(const xmlNode* node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) add_text(reinterpret_cast<const char*>(node->content));
      return Visit::Leaf;
    }
    if (node->type != XML_ELEMENT_NODE && node->type != XML_DOCUMENT_NODE && node->type != XML_HTML_DOCUMENT_NODE) {
      return Visit::Skip;  // comments, processing instructions, doctypes
    }
    if (node->type != XML_ELEMENT_NODE) return Visit::Descend;
    const std::string_view name = name_of(node);
    if (node == skip_ || is_one_of(name, kDroppedElements) || is_hidden(node) ||
        is_one_of(fold_ascii_case(attribute(node, "role")), kDroppedRoles)) {
      return Visit::Skip;
    }
    if (removed_) {
      if (const std::optional<std::string_view> reason = boilerplate_class_reason(node)) {
        std::string text;
        for (const std::string& paragraph : TextExtractor(nullptr, nullptr, 0).extract(node)) {
          text += (text.empty() ? "" : "\n") + paragraph;
        }
        if (text.size() <= std::max(kSmallBoilerplateBytes, content_bytes_ / 4)) {
          if (!text.empty()) removed_->push_back({std::move(text), std::string(*reason)});
          return Visit::Skip;
        }
      }
    }
    if (name == "br") {
      break_paragraph();
      return Visit::Leaf;
    }
    if (name == "td" || name == "th") {
      if (cells_in_row_ > 0) cell_separator_pending_ = true;
      ++cells_in_row_;
      return Visit::Descend;
    }
    if (name == "pre") {
      break_paragraph();
      ++preformatted_;
      return Visit::Descend;
    }
    if (is_one_of(name, kBlockElements)) {
      break_paragraph();
      if (name == "tr") cells_in_row_ = 0;
    }
    return Visit::Descend;
  }

  void leave(const xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE) return;
    const std::string_view name = name_of(node);
    if (name == "pre") {
      break_paragraph();
      if (preformatted_ > 0) --preformatted_;
    } else if (is_one_of(name, kBlockElements)) {
      break_paragraph();
    }
  }

  void add_text(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (preformatted_ > 0 && c == '\n') {
        break_paragraph();
        continue;
      }
      const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || nbsp) {
        if (nbsp) ++i;
        pending_space_ = true;
        continue;
      }
      if (cell_separator_pending_) {
        if (!current_.empty()) current_ += " | ";
        cell_separator_pending_ = false;
        pending_space_ = false;
      }
      if (pending_space_ && !current_.empty()) current_.push_back(' ');
      pending_space_ = false;
      current_.push_back(c);
    }
  }

  void break_paragraph() {
    const std::string_view paragraph = trim(current_);
    if (!paragraph.empty()) paragraphs_.emplace_back(paragraph);
    current_.clear();
    pending_space_ = false;
    cell_separator_pending_ = false;
  }

  const xmlNode* skip_;
  std::vector<RemovedText>* removed_;
  std::size_t content_bytes_;
  std::vector<std::string> paragraphs_;
  std::string current_;
  bool pending_space_ = false;
  bool cell_separator_pending_ = false;
  int cells_in_row_ = 0;
  int preformatted_ = 0;
};

std::size_t text_bytes(const xmlNode* node) {
  std::size_t bytes = 0;
  for (const std::string& paragraph : TextExtractor(nullptr, nullptr, 0).extract(node)) bytes += paragraph.size() + 1;
  return bytes;
}

std::string text_of(const xmlNode* node) {
  std::string text;
  for (const std::string& paragraph : TextExtractor(nullptr, nullptr, 0).extract(node)) {
    text += (text.empty() ? "" : " ") + paragraph;
  }
  return text;
}

// What the page's head says about it.
struct PageFacts {
  const xmlNode* body = nullptr;
  const xmlNode* main = nullptr;
  std::vector<const xmlNode*> articles;
  std::string title;  // <title>
  std::string og_title;
  std::string author;
  std::string date;
  std::string og_url;
  std::string canonical;
  std::string site_name;
};

PageFacts gather_facts(const xmlNode* root) {
  PageFacts facts;
  for_each_element(root, [&](const xmlNode* node) {
    const std::string_view name = name_of(node);
    if (name == "body" && !facts.body) facts.body = node;
    if (name == "article" && !is_hidden(node)) facts.articles.push_back(node);
    if ((name == "main" || fold_ascii_case(attribute(node, "role")) == "main") && !facts.main && !is_hidden(node)) facts.main = node;
    if (name == "title" && facts.title.empty()) {
      for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->content) facts.title += reinterpret_cast<const char*>(child->content);
      }
      facts.title = std::string(trim(facts.title));
    }
    if (name == "meta") {
      const std::string key = fold_ascii_case(attribute(node, "name").empty() ? attribute(node, "property") : attribute(node, "name"));
      const std::string itemprop = fold_ascii_case(attribute(node, "itemprop"));
      const std::string content(trim(attribute(node, "content")));
      if (content.empty()) return false;
      if (key == "author" && facts.author.empty()) facts.author = content;
      if ((key == "article:published_time" || itemprop == "datepublished") && facts.date.empty()) facts.date = content;
      if (key == "og:url" && facts.og_url.empty()) facts.og_url = content;
      if (key == "og:site_name" && facts.site_name.empty()) facts.site_name = content;
      if (key == "og:title" && facts.og_title.empty()) facts.og_title = content;
    }
    if (name == "link" && facts.canonical.empty()) {
      const std::string rel = fold_ascii_case(attribute(node, "rel"));
      if (rel == "canonical") facts.canonical = std::string(trim(attribute(node, "href")));
    }
    return name != "script" && name != "style" && name != "svg" && name != "template";
  });
  return facts;
}

// The content: the <article> with the most text, unless it holds little of the page's text
// (then the articles are teasers), else <main>, else <body>.
const xmlNode* content_root(const PageFacts& facts, const xmlNode* document_root) {
  const xmlNode* page = facts.main ? facts.main : facts.body ? facts.body : document_root;
  const xmlNode* best = nullptr;
  std::size_t best_bytes = 0;
  for (const xmlNode* article : facts.articles) {
    const std::size_t bytes = text_bytes(article);
    if (bytes > best_bytes) {
      best = article;
      best_bytes = bytes;
    }
  }
  if (best && best_bytes * 4 >= text_bytes(page)) return best;
  return page;
}

// The first <h1> of the content outside navigation and asides (a page header's h1 inside the
// article counts).
const xmlNode* title_heading(const xmlNode* content) {
  const xmlNode* found = nullptr;
  for_each_element(content, [&](const xmlNode* node) {
    if (found) return false;
    const std::string_view name = name_of(node);
    if (name == "h1" && !is_hidden(node) && !trim(text_of(node)).empty()) {
      found = node;
      return false;
    }
    return name != "nav" && name != "aside" && name != "footer" && name != "script" && name != "style" && name != "template" &&
           !is_hidden(node);
  });
  return found;
}

// "Headline | The Daily" -> "Headline" (the site's name, when known, or whatever follows " | ").
std::string title_without_site_name(std::string title, std::string_view site_name) {
  for (const std::string_view separator : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 "}) {
    const std::size_t at = title.rfind(separator);
    if (at == std::string::npos || at == 0) continue;
    const std::string_view after = trim(std::string_view(title).substr(at + separator.size()));
    if ((!site_name.empty() && fold_ascii_case(after) == fold_ascii_case(site_name)) || separator == " | ") {
      title.erase(at);
      return std::string(trim(title));
    }
  }
  return title;
}

void silence_libxml2_errors(void*, const char*, ...) {}

void initialise_libxml2() {
  static const bool initialised = [] {
    xmlInitParser();
    xmlSetGenericErrorFunc(nullptr, silence_libxml2_errors);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    return true;
  }();
  (void)initialised;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  for (const char c : trim(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

HtmlReadResult read_html(std::string_view utf8_text) {
  HtmlReadResult result;
  if (trim(utf8_text).empty()) {
    result.error = "no HTML in the file";
    return result;
  }
  if (utf8_text.size() > static_cast<std::size_t>(INT_MAX)) {
    result.error = "too large for the HTML parser";
    return result;
  }
  initialise_libxml2();
  // libxml2 is built without its thread support (its error state and dictionaries are global):
  // one page is parsed at a time, when the CLI reads files on several threads.
  static std::mutex libxml2_in_use;
  const std::lock_guard<std::mutex> one_page_at_a_time(libxml2_in_use);
  htmlParserCtxtPtr context = htmlNewParserCtxt();
  if (!context) {
    result.error = "the HTML parser could not start (out of memory?)";
    return result;
  }
  // XML_PARSE_HUGE lifts the parser's limit of 256 nested elements, past which it would stop
  // reading and drop the rest of the page: its stacks are on the heap, and every walk here is
  // iterative, so depth costs memory, not stack.
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
  htmlDocPtr page = htmlCtxtReadMemory(context, utf8_text.data(), static_cast<int>(utf8_text.size()), nullptr, "UTF-8", options);
  const bool stopped_early = context->disableSAX != 0;  // the parser gave up before the end (out of memory)
  htmlFreeParserCtxt(context);
  if (!page) {
    result.error = "not readable as HTML";
    return result;
  }
  const xmlNode* root = reinterpret_cast<const xmlNode*>(page);
  const PageFacts facts = gather_facts(root);
  const xmlNode* content = content_root(facts, root);
  const xmlNode* heading = title_heading(content);

  Document& document = result.document;
  if (stopped_early) document.warnings.push_back("the HTML parser stopped before the end of the page: the rest is not read");
  if (heading) {
    document.title = collapse_spaces(text_of(heading));
  } else if (!facts.og_title.empty()) {
    document.title = collapse_spaces(facts.og_title);
  } else {
    document.title = collapse_spaces(title_without_site_name(facts.title, facts.site_name));
  }
  document.author = collapse_spaces(facts.author);
  document.date = collapse_spaces(facts.date);
  document.url = facts.og_url.empty() ? facts.canonical : facts.og_url;
  document.source = collapse_spaces(facts.site_name);

  const std::size_t content_bytes = text_bytes(content);
  TextExtractor extractor(heading, &document.removed, content_bytes);
  for (const std::string& paragraph : extractor.extract(content)) {
    if (!document.text.empty()) document.text.push_back('\n');
    document.text += paragraph;
  }
  xmlFreeDoc(page);
  return result;
}

}  // namespace loupe::ingest
