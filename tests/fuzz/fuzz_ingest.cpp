// Fuzz target: one file of arbitrary bytes through ingest, under each format it reads. The first
// byte picks the extension (.txt .md .json .jsonl .html .htm), the rest are the file's bytes.
// Checks the promises ingest and the bundle make about what comes out: an error or documents,
// never both or neither; ids non-empty; titles and texts well-formed UTF-8 with LF line ends and
// one-line titles; and a corpus built from the file (CorpusBuilder when it holds several
// records), annotated by a tiny tagger, must write as a bundle that reads back, and index.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bundle.h"
#include "core/extract/annotate.h"
#include "core/ingest/corpus_builder.h"
#include "core/ingest/ingest.h"
#include "core/search/index.h"
#include "core/search/terms.h"
#include "fuzz_common.h"

using namespace loupe;

namespace {

void check_document(const Document& document) {
  if (document.id.empty()) fuzz::finding("a document with an empty id");
  if (!fuzz::valid_utf8(document.title)) fuzz::finding("a title that is not UTF-8", document.title);
  if (!fuzz::valid_utf8(document.text)) fuzz::finding("a text that is not UTF-8", document.id);
  if (document.title.find_first_of("\r\n") != std::string::npos) fuzz::finding("a title of more than one line", document.title);
  if (document.text.find('\r') != std::string::npos) fuzz::finding("a CR left in a text", document.id);
  for (const RemovedText& removed : document.removed) {
    if (!fuzz::valid_utf8(removed.text)) fuzz::finding("removed text that is not UTF-8", removed.reason);
  }
  for (const std::string& warning : document.warnings) {
    if (!fuzz::valid_utf8(warning)) fuzz::finding("a warning that is not UTF-8", warning);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::tiny_tagger();
  fuzz::rate_table();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view extension = ingest::kSupportedExtensions[data[0] % ingest::kSupportedExtensions.size()];
  const std::string path = "fuzz/input" + std::string(extension);
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);

  const ingest::IngestResult result = ingest::ingest_file(path, bytes);
  if (result.error.empty() == result.documents.empty()) {
    fuzz::finding(result.error.empty() ? "no documents and no error" : "documents and an error", result.error);
  }
  for (const Document& document : result.documents) check_document(document);

  if (result.documents.empty()) return 0;
  // A file of several records goes through the corpus builder, which drops ids already taken (a
  // bundle refuses duplicates); a single document (most inputs) is taken as it is, to save
  // reading the file a second time.
  Corpus corpus;
  if (result.documents.size() > 1) {
    ingest::CorpusBuilder builder("fuzz");
    builder.add_file(path, path, bytes);
    std::vector<std::string> report;
    corpus = builder.finish(report);
    if (corpus.documents.empty()) fuzz::finding("the corpus builder kept none of the documents ingest read");
  } else {
    corpus.name = "fuzz";
    corpus.documents = result.documents;
  }

  extract::annotate_corpus(corpus, fuzz::tiny_tagger(), fuzz::rate_table());
  const std::string bundle = write_bundle(corpus);
  const BundleReadResult read = read_bundle(bundle);
  if (!read.corpus) fuzz::finding("a corpus read from a file does not read back as a bundle", read.error);
  if (read.corpus->documents.size() != corpus.documents.size()) fuzz::finding("the bundle lost documents");

  const search::Index index = search::Index::build(*read.corpus);
  if (index.document_count() != corpus.documents.size()) fuzz::finding("the index lost documents");
  if (search::Index::build_from_text(*read.corpus, 3).encode() != index.encode()) {
    fuzz::finding("the index built on three threads is not the one built on one");
  }
  // The page's way: a document at a time (search::IndexBuilder), taken by the explorer's index.
  search::IndexBuilder in_steps(*read.corpus);
  while (in_steps.documents_read() < read.corpus->documents.size()) in_steps.read_next(1);
  Corpus with_stored_index = *read.corpus;
  with_stored_index.stored_index = std::make_shared<search::Index>(in_steps.finish());
  if (search::Index::build(with_stored_index).encode() != index.encode()) {
    fuzz::finding("the index built a document at a time is not the one built at once");
  }

  // The Terms view's counts: with the corpus's counts given (a large set counted as the corpus
  // less the rest), the same terms as counted from the documents.
  const search::TermCounts corpus_counts = search::corpus_term_counts(index);
  std::vector<search::DocumentId> all_but_first;
  for (search::DocumentId document = 1; document < index.document_count(); ++document) all_but_first.push_back(document);
  const auto same = [](const std::vector<search::TermScore>& a, const std::vector<search::TermScore>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].word != b[i].word || a[i].count != b[i].count || a[i].score != b[i].score) return false;
    }
    return true;
  };
  for (const std::vector<search::DocumentId>& documents : {std::vector<search::DocumentId>{0}, all_but_first}) {
    if (!same(search::frequent_terms(index, documents, 10, &corpus_counts), search::frequent_terms(index, documents, 10)) ||
        !same(search::distinctive_terms(index, documents, 10, &corpus_counts), search::distinctive_terms(index, documents, 10))) {
      fuzz::finding("the terms counted with the corpus's counts differ from those counted from the documents");
    }
  }
  return 0;
}
