// Tests of the HTML reader (core/ingest/html.h) on a news page as sites serve them: head
// metadata, navigation, a cookie banner, a share bar and related stories around the article,
// scripts, comments and entities; and on pages that are malformed or hostile.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/ingest/html.h"
#include "fixtures.h"
#include "core/text.h"

using namespace loupe;
using namespace loupe::ingest;
using loupe::test::has_line;
using loupe::test::lines_of;

namespace {

// A news article page with the furniture real pages carry.
constexpr std::string_view kNewsPage = R"(<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="windows-1252">
  <title>Meta&rsquo;s AI chief urges Europe to keep models open | Tech Daily</title>
  <meta name="author" content="Sophie Laurent">
  <meta property="article:published_time" content="2025-02-11T09:30:00Z">
  <meta property="og:url" content="https://techdaily.example/2025/02/lecun-open-source">
  <meta property="og:site_name" content="Tech Daily">
  <link rel="canonical" href="https://techdaily.example/lecun-open-source">
  <style>body { font-family: serif; } .hidden { display: none }</style>
  <script>window.dataLayer = []; document.write("<p>Injected by script</p>");</script>
</head>
<body>
  <div id="cookie-banner" role="dialog">
    <p>We use cookies to improve your experience. <button>Accept all</button></p>
  </div>
  <header class="site-header">
    <a href="/">Tech Daily</a>
    <nav><ul><li><a href="/ai">AI</a></li><li><a href="/startups">Startups</a></li></ul></nav>
  </header>
  <main>
    <article>
      <h1>Meta&rsquo;s AI chief urges Europe to keep models open</h1>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
      <p>Meta&rsquo;s chief AI scientist, Yann LeCun, told the AI Action Summit in Paris that
         Europe risks falling behind if it restricts open-source models.</p>
      <!-- editor: check quote with desk -->
      <figure><img src="lecun.jpg" alt="Yann LeCun speaking in Paris"><figcaption>Yann LeCun at the summit</figcaption></figure>
      <p>&ldquo;Open research is how the field moves fast,&rdquo; he said.<br>The remark drew applause.</p>
      <h2>What the rules say</h2>
      <ul><li>The AI Act was approved in 2024.</li><li>It covers foundation models.</li></ul>
      <p>Companies such as Mistral &amp; Aleph&nbsp;Alpha back a self-regulatory approach.</p>
      <p hidden>Hidden paragraph for screen readers only</p>
      <aside class="related"><h3>Related</h3><a href="/a">DeepSeek shakes up the market</a></aside>
    </article>
  </main>
  <div class="newsletter-signup"><p>Sign up for our daily newsletter</p></div>
  <footer><p>&copy; 2025 Tech Daily. All rights reserved.</p></footer>
  <script src="/app.js"></script>
</body>
</html>
)";

}  // namespace

TEST_CASE("the article's h1 is the title and leaves the text") {
  const HtmlReadResult page = read_html(kNewsPage);
  CHECK(page.error.empty());
  CHECK(page.document.title == "Meta\xE2\x80\x99s AI chief urges Europe to keep models open");
  CHECK(page.document.text.find("urges Europe") == std::string::npos);
}

TEST_CASE("author, date, address and site name come from the head's meta tags") {
  const Document document = read_html(kNewsPage).document;
  CHECK(document.author == "Sophie Laurent");
  CHECK(document.date == "2025-02-11T09:30:00Z");
  CHECK(document.url == "https://techdaily.example/2025/02/lecun-open-source");
  CHECK(document.source == "Tech Daily");
}

TEST_CASE("the canonical link is the address when there is no og:url") {
  const Document document =
      read_html(R"(<html><head><link rel="canonical" href="https://news.example/a"></head><body><p>Shares rose.</p></body></html>)").document;
  CHECK(document.url == "https://news.example/a");
}

TEST_CASE("each paragraph, list item and heading is a line of its own, a wrapped paragraph one line") {
  const std::string text = read_html(kNewsPage).document.text;
  CHECK(has_line(text, "Meta\xE2\x80\x99s chief AI scientist, Yann LeCun, told the AI Action Summit in Paris that Europe risks "
                       "falling behind if it restricts open-source models."));
  CHECK(has_line(text, "What the rules say"));
  CHECK(has_line(text, "The AI Act was approved in 2024."));
  CHECK(has_line(text, "It covers foundation models."));
  CHECK(has_line(text, "Yann LeCun at the summit"));
}

TEST_CASE("a line break tag ends a line") {
  const std::string text = read_html(kNewsPage).document.text;
  CHECK(has_line(text, "\xE2\x80\x9COpen research is how the field moves fast,\xE2\x80\x9D he said."));
  CHECK(has_line(text, "The remark drew applause."));
}

TEST_CASE("entities are decoded and a no-break space is a space") {
  CHECK(has_line(read_html(kNewsPage).document.text, "Companies such as Mistral & Aleph Alpha back a self-regulatory approach."));
}

TEST_CASE("scripts, styles, navigation, header, footer, comments, images and hidden elements give no text") {
  const std::string text = read_html(kNewsPage).document.text;
  for (const char* absent : {"Injected by script", "dataLayer", "font-family", "Startups", "editor: check", "Yann LeCun speaking",
                             "Hidden paragraph", "All rights reserved", "Tech Daily"}) {
    CHECK_MESSAGE(text.find(absent) == std::string::npos, absent);
  }
}

TEST_CASE("a cookie banner and a newsletter box outside the article give no text") {
  const std::string text = read_html(kNewsPage).document.text;
  CHECK(text.find("cookies") == std::string::npos);
  CHECK(text.find("newsletter") == std::string::npos);
}

TEST_CASE("a share bar and related stories inside the article are removed and recorded with their reason") {
  const Document document = read_html(kNewsPage).document;
  CHECK(document.text.find("Share on") == std::string::npos);
  CHECK(document.text.find("DeepSeek shakes up") == std::string::npos);
  REQUIRE(document.removed.size() == 1);  // the aside is dropped as an aside; the share bar is recorded
  CHECK(document.removed[0].reason == "share links");
  CHECK(document.removed[0].text == "Share on Facebook Share on X");
}

TEST_CASE("a cookie banner inside the content is removed and recorded as a cookie notice") {
  const HtmlReadResult page = read_html(
      R"(<html><body><div class="consent-overlay"><p>We value your privacy. Accept all</p></div>
         <p>Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December.</p></body></html>)");
  REQUIRE(page.document.removed.size() == 1);
  CHECK(page.document.removed[0].reason == "cookie notice");
  CHECK(page.document.text == "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December.");
}

TEST_CASE("a wrapper whose class names boilerplate is kept when it holds most of the page") {
  std::string page = "<html><body><div class=\"layout-with-sidebar\">";
  for (int i = 0; i < 20; ++i) page += "<p>Paragraph " + std::to_string(i) + " of the article, long enough to be the content of the page.</p>";
  page += "</div></body></html>";
  const HtmlReadResult result = read_html(page);
  CHECK(result.document.removed.empty());
  CHECK(result.document.text.find("Paragraph 19 of the article") != std::string::npos);
}

TEST_CASE("the article is preferred to the rest of the page") {
  const HtmlReadResult page = read_html(R"(<html><body><div class="promo-strip">Subscribe today</div>
      <div>Trending: markets, football, weather</div>
      <article><p>Ad sales boost Time Warner profit. Quarterly profits at US media giant TimeWarner jumped 76%.</p></article>
      </body></html>)");
  CHECK(page.document.text == "Ad sales boost Time Warner profit. Quarterly profits at US media giant TimeWarner jumped 76%.");
}

TEST_CASE("teaser articles that hold little of the page do not replace the page's content") {
  std::string body = "<main>";
  for (int i = 0; i < 10; ++i) body += "<p>The main story goes on in paragraph " + std::to_string(i) + " with enough words to count.</p>";
  body += "<article><p>Teaser</p></article></main>";
  const HtmlReadResult page = read_html("<html><body>" + body + "</body></html>");
  CHECK(page.document.text.find("paragraph 9") != std::string::npos);
}

TEST_CASE("without an h1 the title is <title> without the site's name") {
  const HtmlReadResult page = read_html(R"(<html><head><title>Ad sales boost Time Warner profit - BBC News</title>
      <meta property="og:site_name" content="BBC News"></head><body><p>Quarterly profits jumped 76%.</p></body></html>)");
  CHECK(page.document.title == "Ad sales boost Time Warner profit");
}

TEST_CASE("table cells are separated and each row is a line") {
  const HtmlReadResult page = read_html(
      "<table><tr><th>Company</th><th>Stake</th></tr><tr><td>Microsoft</td><td>\xE2\x82\xAC" "15m</td></tr></table>");
  CHECK(page.document.text == "Company | Stake\nMicrosoft | \xE2\x82\xAC" "15m");
}

TEST_CASE("preformatted text keeps its lines") {
  const HtmlReadResult page = read_html("<body><pre>line one\nline two</pre></body>");
  CHECK(page.document.text == "line one\nline two");
}

TEST_CASE("malformed HTML with unclosed tags still gives its text") {
  const HtmlReadResult page = read_html("<html><body><p>First paragraph<p>Second <b>bold <i>paragraph</body>");
  CHECK(page.error.empty());
  CHECK(page.document.text == "First paragraph\nSecond bold paragraph");
}

TEST_CASE("markup inside text is only ever text") {
  const HtmlReadResult page = read_html("<p>Use &lt;script&gt;alert(1)&lt;/script&gt; to test.</p>");
  CHECK(page.document.text == "Use <script>alert(1)</script> to test.");
}

TEST_CASE("a page nested 100,000 elements deep does not overflow the stack") {
  std::string page;
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "<p>Deep inside.</p>";
  for (int i = 0; i < 100000; ++i) page += "</div>";
  const HtmlReadResult result = read_html(page);
  CHECK(result.error.empty());
  CHECK(result.document.text == "Deep inside.");
}

TEST_CASE("an empty page is an error, not a crash") {
  CHECK_FALSE(read_html("").error.empty());
  CHECK_FALSE(read_html("   \n").error.empty());
}
