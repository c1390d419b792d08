// The `loupe` command-line tool: a thin layer over the core.
//   loupe build PATH... -o corpus.json [--name NAME] [--model entities.model --rates exchange_rates.json] [--format json|binary]
//   loupe stats corpus.json [--timing [--queries FILE] [--runs N]]   what a bundle holds (either format), or how long it
//                                                      takes to load and, with a query list, to search as the explorer does
//   loupe convert BUNDLE -o OUT --format json|binary  the same corpus in the other format
//   loupe query corpus.json "QUERY" [--limit N] [--json] [--sort relevance|document]
//   loupe train-entities TRAIN.conll --iso-codes DIR -o entities.model [--epochs N]
//   loupe tag --conll FILE --model entities.model        the file with one more column: the predicted tag
//   loupe score-conll TAGGED                            span P/R/F1 of the last column against the one before
//   loupe score-extraction GOLD.json --root DIR --model M --rates R [--mistakes 1]   extraction against a hand annotation
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#ifdef LOUPE_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include "core/bundle.h"
#include "core/bundle_binary.h"
#include "core/explorer.h"
#include "core/extract/annotate.h"
#include "core/extract/conll.h"
#include "core/extract/evaluation.h"
#include "core/ingest/ingest.h"
#include "core/extract/ner.h"
#include "core/parallel.h"
#include "core/search/index.h"
#include "core/search/searcher.h"
#include "platform/files.h"

namespace {

constexpr const char* kUsage =
    "usage: loupe build PATH... -o corpus.json [--name NAME] [--model entities.model --rates exchange_rates.json] [--format json|binary]\n"
    "       loupe stats corpus.json [--timing [--queries FILE] [--runs N]]\n"
    "       loupe convert BUNDLE -o OUT --format json|binary\n"
    "       loupe query corpus.json \"QUERY\" [--limit N] [--json] [--sort relevance|document]\n"
    "       loupe train-entities TRAIN.conll --iso-codes DIR -o entities.model [--epochs N]\n"
    "       loupe tag --conll FILE --model entities.model\n"
    "       loupe score-conll TAGGED\n"
    "       loupe score-extraction GOLD.json --root DIR --model entities.model --rates exchange_rates.json [--mistakes 1]\n";

int usage_error(const std::string& message) {
  std::cerr << "loupe: " << message << "\n" << kUsage;
  return 2;
}

// The extractors read from files (platform/files.h), or nothing after saying why.
std::optional<loupe::files::Extractors> load_extractors(const std::string& model_path, const std::string& rates_path) {
  loupe::files::Extractors extractors = loupe::files::load_extractors(model_path, rates_path);
  if (!extractors.error.empty()) {
    std::cerr << "loupe: " << extractors.error << "\n";
    return std::nullopt;
  }
  return extractors;
}

// Writes the corpus to `path` as a bundle of the format given ("json" or "binary"); returns the
// bundle's size in bytes, or nothing after saying why it could not. `encoded_index`: for the
// binary format, the index of the corpus's text already encoded, if it is. A binary bundle goes
// to the file piece by piece, its texts never copied into one string of its size.
std::optional<std::uint64_t> write_bundle_file(const loupe::Corpus& corpus, const std::string& format, const std::string& path,
                                               const std::optional<std::string>& encoded_index = std::nullopt) {
  std::uint64_t size = 0;
  std::string error;
  if (format != "binary") {
    const std::string bytes = loupe::write_bundle(corpus);
    size = bytes.size();
    error = loupe::files::write_file(path, bytes);
  } else {
    const std::string index_encoded_here = encoded_index ? std::string() : loupe::encoded_index_to_store(corpus);
    const loupe::BinaryBundlePieces bundle = loupe::binary_bundle_pieces(corpus, encoded_index ? *encoded_index : index_encoded_here);
    size = bundle.size;
    error = bundle.error.empty() ? loupe::files::write_file(path, bundle.pieces) : bundle.error;
  }
  if (!error.empty()) {
    std::cerr << "loupe: " << error << "\n";
    return std::nullopt;
  }
  return size;
}

int run_build(const std::vector<std::string>& arguments) {
  std::vector<std::string> inputs;
  std::string output;
  std::string name;
  std::string model_path;
  std::string rates_path;
  std::string format = "json";
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "-o" || argument == "--output" || argument == "--name" || argument == "--model" || argument == "--rates" ||
        argument == "--format") {
      if (i + 1 >= arguments.size()) return usage_error(argument + " needs a value");
      std::string& target = argument == "--name"     ? name
                            : argument == "--model"  ? model_path
                            : argument == "--rates"  ? rates_path
                            : argument == "--format" ? format
                                                     : output;
      target = arguments[++i];
    } else if (!argument.empty() && argument[0] == '-') {
      return usage_error("unknown option " + argument);
    } else {
      inputs.push_back(argument);
    }
  }
  if (inputs.empty()) return usage_error("build needs at least one PATH");
  if (output.empty()) return usage_error("build needs -o corpus.json");
  if (format != "json" && format != "binary") return usage_error("--format is json or binary");
  if (name.empty()) name = std::filesystem::path(inputs.front()).filename().string();

  loupe::files::CorpusFromFiles read = loupe::files::read_corpus_from_paths(inputs, name);
  // What was skipped goes to stderr; what was read, and the summary, to stdout.
  for (const std::string& line : read.report) (line.rfind("skipped ", 0) == 0 ? std::cerr : std::cout) << line << "\n";
  loupe::Corpus& corpus = read.corpus;
  if (corpus.documents.empty()) {
    std::cerr << "loupe: no document could be read\n";
    return 1;
  }
  if (model_path.empty() != rates_path.empty()) return usage_error("--model and --rates go together");
  std::optional<std::string> encoded_index;  // the index of the text, encoded beside the extraction
  if (!model_path.empty()) {
    const std::optional<loupe::files::Extractors> extractors = load_extractors(model_path, rates_path);
    if (!extractors) return 1;
    // A binary bundle stores the search index, which needs only the text: built and encoded
    // meanwhile, beside the extraction (on every thread, as the extraction is).
    std::future<std::string> text_index;
    if (format == "binary") {
      text_index = std::async(std::launch::async, [&corpus] { return loupe::search::Index::of_text_to_store(corpus, loupe::available_threads()).encode(); });
    }
    loupe::extract::annotate_corpus(corpus, *extractors->tagger, extractors->rates, loupe::available_threads());
    if (text_index.valid()) encoded_index = text_index.get();
    std::cout << "extracted " << corpus.entities.size() << " entities, " << corpus.quotes.size() << " quotes, "
              << corpus.amounts.size() << " amounts of money (rates of " << extractors->rates.date << ")\n";
  } else {
    std::cout << "no --model given: entities, quotes and amounts are not extracted\n";
  }
  if (!write_bundle_file(corpus, format, output, encoded_index)) return 1;
  std::cout << "wrote " << output << ": " << corpus.documents.size() << " documents, " << corpus.total_words() << " words\n";
  return 0;
}

// Reads and validates a bundle (JSON or binary), or prints why it can't and returns nothing.
std::optional<loupe::Corpus> load_bundle(const std::string& path) {
  const loupe::files::ReadResult read = loupe::files::read_file(path);
  if (!read.ok) {
    std::cerr << "loupe: " << path << ": " << read.error << "\n";
    return std::nullopt;
  }
  loupe::BundleReadResult bundle = loupe::read_any_bundle(read.bytes);
  if (!bundle.corpus) std::cerr << "loupe: " << path << ": " << bundle.error << "\n";
  return std::move(bundle.corpus);
}

// A hit's passages joined into one snippet, with highlight offsets into the snippet.
struct Snippet {
  std::string text;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> highlights;
};

Snippet make_snippet(const std::string& document_text, const std::vector<loupe::search::Passage>& passages) {
  Snippet snippet;
  for (const loupe::search::Passage& passage : passages) {
    if (!snippet.text.empty()) snippet.text += " ";
    if (passage.cut_before || !snippet.text.empty()) snippet.text += "\xE2\x80\xA6 ";
    const auto base = static_cast<std::uint32_t>(snippet.text.size());
    snippet.text += document_text.substr(passage.start, passage.end - passage.start);
    for (const loupe::search::Highlight& highlight : passage.highlights) {
      snippet.highlights.emplace_back(base + highlight.start - passage.start, base + highlight.end - passage.start);
    }
    if (passage.cut_after) snippet.text += " \xE2\x80\xA6";
  }
  return snippet;
}

int run_query(const std::vector<std::string>& arguments) {
  std::vector<std::string> positional;
  std::size_t limit = 10;
  bool as_json = false;
  loupe::search::SearchOptions options;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--json") {
      as_json = true;
    } else if (argument == "--limit" || argument == "--sort") {
      if (i + 1 >= arguments.size()) return usage_error(argument + " needs a value");
      const std::string& value = arguments[++i];
      if (argument == "--sort") {
        if (value != "relevance" && value != "document") return usage_error("--sort is relevance or document");
        options.sort = value == "relevance" ? loupe::search::SortOrder::Relevance : loupe::search::SortOrder::DocumentOrder;
      } else {
        char* end = nullptr;
        const unsigned long long parsed = std::strtoull(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0') return usage_error("--limit needs a whole number");
        limit = static_cast<std::size_t>(parsed);
      }
    } else {
      positional.push_back(argument);
    }
  }
  if (positional.size() != 2) return usage_error("query needs a bundle and a query");
  const std::optional<loupe::Corpus> corpus = load_bundle(positional[0]);
  if (!corpus) return 1;
  const loupe::search::Index index = loupe::search::Index::build(*corpus, loupe::available_threads());
  options.hits_with_passages = limit;
  const loupe::search::SearchResult result = loupe::search::run_query(index, *corpus, positional[1], options);
  const std::size_t shown = std::min(limit, result.hits.size());

  if (as_json) {
    using nlohmann::json;
    json hits = json::array();
    for (std::size_t i = 0; i < shown; ++i) {
      const loupe::search::Hit& hit = result.hits[i];
      const loupe::Document& document = corpus->documents[hit.document];
      const Snippet snippet = make_snippet(document.text, hit.passages);
      hits.push_back({{"doc", document.id}, {"title", document.title}, {"score", hit.score}, {"snippet", snippet.text},
                      {"highlights", snippet.highlights}});
    }
    json facets = json::object();
    for (const loupe::search::Facet& facet : result.facets) {
      json values = json::array();
      for (const loupe::search::FacetValue& value : facet.values) values.push_back({{"value", value.value}, {"count", value.count}});
      facets[facet.name] = values;
    }
    const json output = {{"total", result.hits.size()}, {"took_ms", result.took_ms}, {"hits", hits}, {"facets", facets},
                         {"notes", result.notes}};
    std::cout << output.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return 0;
  }
  for (const std::string& note : result.notes) std::cout << "note: " << note << "\n";
  std::cout << result.hits.size() << " documents match (" << result.took_ms << " ms)\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const loupe::search::Hit& hit = result.hits[i];
    const loupe::Document& document = corpus->documents[hit.document];
    const Snippet snippet = make_snippet(document.text, hit.passages);
    // Highlights shown as [[...]] in the terminal.
    std::string marked;
    std::size_t copied = 0;
    for (const auto& [start, end] : snippet.highlights) {
      marked += snippet.text.substr(copied, start - copied) + "[[" + snippet.text.substr(start, end - start) + "]]";
      copied = end;
    }
    marked += snippet.text.substr(copied);
    std::cout << "\n" << i + 1 << ". " << document.title << "  (" << document.id << ", score " << hit.score << ")\n   " << marked << "\n";
  }
  return 0;
}

// Options of the form --name VALUE, and the other arguments in order; false on a missing value.
bool split_options(const std::vector<std::string>& arguments, std::map<std::string, std::string>& options,
                   std::vector<std::string>& positional) {
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    if (arguments[i].rfind("-", 0) == 0 && arguments[i].size() > 1) {
      if (i + 1 >= arguments.size()) return false;
      options[arguments[i]] = arguments[i + 1];
      ++i;
    } else {
      positional.push_back(arguments[i]);
    }
  }
  return true;
}

int run_train_entities(const std::vector<std::string>& arguments) {
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  if (!split_options(arguments, options, positional) || positional.size() != 1 || !options.count("-o") ||
      !options.count("--iso-codes")) {
    return usage_error("train-entities needs TRAIN.conll, --iso-codes DIR and -o MODEL");
  }
  loupe::extract::TrainingOptions training;
  if (options.count("--epochs")) training.epochs = std::max(1, std::atoi(options["--epochs"].c_str()));
  const loupe::files::ReadResult train = loupe::files::read_file(positional[0]);
  const loupe::files::ReadResult countries = loupe::files::read_file(options["--iso-codes"] + "/iso_3166-1.json");
  const loupe::files::ReadResult subdivisions = loupe::files::read_file(options["--iso-codes"] + "/iso_3166-2.json");
  for (const auto* read : {&train, &countries, &subdivisions}) {
    if (!read->ok) {
      std::cerr << "loupe: training data: " << read->error << " (" << positional[0] << ", " << options["--iso-codes"] << ")\n";
      return 1;
    }
  }
  const loupe::extract::ConllFile conll = loupe::extract::read_conll(train.bytes);
  if (!conll.error.empty()) {
    std::cerr << "loupe: " << positional[0] << ": " << conll.error << "\n";
    return 1;
  }
  std::string error;
  loupe::extract::Gazetteer gazetteer = loupe::extract::gazetteer_from_iso_codes(countries.bytes, subdivisions.bytes, error);
  if (!error.empty()) {
    std::cerr << "loupe: " << error << "\n";
    return 1;
  }
  std::cout << "training on " << conll.documents.size() << " documents, " << gazetteer.place_names.size() << " place names\n";
  const loupe::extract::EntityTagger tagger = loupe::extract::EntityTagger::train(
      conll.documents, std::move(gazetteer), training,
      [](int epoch, double accuracy) { std::cout << "epoch " << epoch << ": training accuracy " << accuracy << "\n"; });
  const std::string model = tagger.save();
  const std::string written = loupe::files::write_file(options["-o"], model);
  if (!written.empty()) {
    std::cerr << "loupe: " << written << "\n";
    return 1;
  }
  std::cout << "wrote " << options["-o"] << ": " << tagger.feature_count() << " features, " << model.size() << " bytes\n";
  return 0;
}

int run_tag(const std::vector<std::string>& arguments) {
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  if (!split_options(arguments, options, positional) || !positional.empty() || !options.count("--conll") || !options.count("--model")) {
    return usage_error("tag needs --conll FILE and --model MODEL");
  }
  const loupe::files::ReadResult model_bytes = loupe::files::read_file(options["--model"]);
  const loupe::files::ReadResult input = loupe::files::read_file(options["--conll"]);
  if (!model_bytes.ok || !input.ok) {
    std::cerr << "loupe: " << (model_bytes.ok ? options["--conll"] + ": " + input.error : options["--model"] + ": " + model_bytes.error) << "\n";
    return 1;
  }
  std::string error;
  const std::optional<loupe::extract::EntityTagger> tagger = loupe::extract::EntityTagger::load(model_bytes.bytes, error);
  if (!tagger) {
    std::cerr << "loupe: " << options["--model"] << ": " << error << "\n";
    return 1;
  }
  const loupe::extract::ConllFile conll = loupe::extract::read_conll(input.bytes);
  if (!conll.error.empty()) {
    std::cerr << "loupe: " << options["--conll"] << ": " << conll.error << "\n";
    return 1;
  }
  std::string out;
  for (const loupe::extract::ConllDocument& document : conll.documents) {
    out += "-DOCSTART- -X- -X- O O\n\n";
    std::vector<std::vector<std::string>> sentences;
    for (const loupe::extract::ConllSentence& sentence : document.sentences) sentences.push_back(sentence.words);
    const std::vector<std::vector<std::uint8_t>> tags = tagger->tag_document(sentences);
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      for (std::size_t i = 0; i < sentences[s].size(); ++i) {
        out += document.sentences[s].lines[i] + " " + std::string(loupe::extract::kEntityTags[tags[s][i]]) + "\n";
      }
      out += "\n";
    }
  }
  std::cout << out;
  return 0;
}

int run_score_conll(const std::vector<std::string>& arguments) {
  if (arguments.size() != 1) return usage_error("score-conll needs one tagged file");
  const loupe::files::ReadResult input = loupe::files::read_file(arguments[0]);
  if (!input.ok) {
    std::cerr << "loupe: " << arguments[0] << ": " << input.error << "\n";
    return 1;
  }
  // Gold tags are the second-to-last column, predicted ones the last.
  const loupe::extract::ConllFile file = loupe::extract::read_conll(input.bytes);
  if (!file.error.empty()) {
    std::cerr << "loupe: " << arguments[0] << ": " << file.error << "\n";
    return 1;
  }
  loupe::extract::SpanScore score;
  for (const loupe::extract::ConllDocument& document : file.documents) {
    for (const loupe::extract::ConllSentence& sentence : document.sentences) {
      std::vector<std::string> gold;
      for (const std::string& line : sentence.lines) {
        const std::size_t last = line.find_last_not_of(" \t");
        const std::size_t last_start = line.find_last_of(" \t", last);
        const std::size_t gold_end = line.find_last_not_of(" \t", last_start);
        const std::size_t gold_start = line.find_last_of(" \t", gold_end);
        gold.push_back(line.substr(gold_start == std::string::npos ? 0 : gold_start + 1,
                                   gold_end - (gold_start == std::string::npos ? 0 : gold_start + 1) + 1));
      }
      score.add(gold, sentence.tags);
    }
  }
  std::printf("%-6s %9s %9s %9s %7s %9s\n", "type", "precision", "recall", "F1", "gold", "predicted");
  auto row = [](const std::string& name, const loupe::extract::SpanCounts& counts) {
    std::printf("%-6s %9.2f %9.2f %9.2f %7zu %9zu\n", name.c_str(), 100 * counts.precision(), 100 * counts.recall(),
                100 * counts.f1(), counts.gold, counts.predicted);
  };
  for (const auto& [type, counts] : score.by_type) row(type, counts);
  row("all", score.overall);
  return 0;
}

// Extraction against a hand annotation: reads the annotated files from --root, extracts, scores.
int run_score_extraction(const std::vector<std::string>& arguments) {
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  if (!split_options(arguments, options, positional) || positional.size() != 1 || !options.count("--root") ||
      !options.count("--model") || !options.count("--rates")) {
    return usage_error("score-extraction needs GOLD.json, --root DIR, --model MODEL and --rates RATES");
  }
  const loupe::files::ReadResult gold_file = loupe::files::read_file(positional[0]);
  if (!gold_file.ok) {
    std::cerr << "loupe: " << positional[0] << ": " << gold_file.error << "\n";
    return 1;
  }
  std::string error;
  const std::optional<loupe::extract::GoldAnnotations> gold = loupe::extract::read_gold_annotations(gold_file.bytes, error);
  if (!gold) {
    std::cerr << "loupe: " << positional[0] << ": " << error << "\n";
    return 1;
  }
  const std::optional<loupe::files::Extractors> extractors = load_extractors(options["--model"], options["--rates"]);
  if (!extractors) return 1;
  loupe::Corpus corpus;
  for (const loupe::extract::GoldDocument& document : gold->documents) {
    const std::string path = (std::filesystem::path(options["--root"]) / document.file).string();
    const loupe::files::ReadResult read = loupe::files::read_file(path);
    loupe::ingest::IngestResult ingested = loupe::ingest::ingest_file(document.file, read.bytes);
    if (!read.ok || ingested.documents.empty()) {
      std::cerr << "loupe: " << path << ": " << (read.ok ? ingested.error : read.error) << "\n";
      continue;
    }
    for (loupe::Document& read_document : ingested.documents) corpus.documents.push_back(std::move(read_document));
  }
  loupe::extract::annotate_corpus(corpus, *extractors->tagger, extractors->rates);
  const loupe::extract::ExtractionScore score = loupe::extract::score_extraction(corpus, *gold);
  if (options.count("--mistakes")) {
    for (const std::string& mistake : score.mistakes) std::cout << mistake << "\n";
    std::cout << "\n";
  }
  std::printf("%-28s %6s %9s %7s %9s %7s %6s\n", "", "gold", "predicted", "correct", "precision", "recall", "F1");
  auto row = [](const std::string& name, const loupe::extract::SpanCounts& counts) {
    std::printf("%-28s %6zu %9zu %7zu %9.1f %7.1f %6.1f\n", name.c_str(), counts.gold, counts.predicted, counts.correct,
                100 * counts.precision(), 100 * counts.recall(), 100 * counts.f1());
  };
  row("entities (any type)", score.entities);
  row("entities (right type)", score.typed_entities);
  for (const auto& [type, counts] : score.entities_by_type) row("  " + type, counts);
  row("quotes (found)", score.quotes);
  row("quotes (right speaker)", score.quotes_with_speaker);
  row("money (found)", score.amounts);
  row("money (amount and currency)", score.exact_amounts);
  row("money subjects (when found)", score.subjects);
  return 0;
}

// How long each step of loading a bundle into the explorer takes, as the page does it: reading the
// file, decoding the bundle (JSON parsing, or the binary bundle's checks and copies), then the
// explorer's load (the search index, built from the text, and the first search). With a query
// list (one a line, '#' starts a comment), each query is set `runs` times as the page's search box
// does (the explorer's SetQuery: ranking, facets, passages of the first hits) and the latency's
// percentiles are printed.
int run_load_timing(const std::string& path, const std::string& queries_path, int runs) {
  using Clock = std::chrono::steady_clock;
  const auto milliseconds = [](Clock::time_point from, Clock::time_point to) { return std::chrono::duration<double, std::milli>(to - from).count(); };
  const Clock::time_point started = Clock::now();
  const loupe::files::ReadResult read = loupe::files::read_file(path);
  if (!read.ok) {
    std::cerr << "loupe: " << path << ": " << read.error << "\n";
    return 1;
  }
  const Clock::time_point file_read = Clock::now();
  loupe::BundleReadResult bundle = loupe::read_any_bundle(read.bytes);
  if (!bundle.corpus) {
    std::cerr << "loupe: " << path << ": " << bundle.error << "\n";
    return 1;
  }
  const Clock::time_point decoded = Clock::now();
  loupe::Explorer explorer;
  explorer.load(std::move(*bundle.corpus));
  const Clock::time_point loaded = Clock::now();
  const loupe::Corpus& corpus = explorer.corpus();
  std::cout << "corpus:    " << corpus.name << "\n"
            << "documents: " << corpus.documents.size() << "\n"
            << "words:     " << corpus.total_words() << "\n"
            << "format:    " << (loupe::is_binary_bundle(read.bytes) ? "binary" : "json") << ", " << read.bytes.size() << " bytes\n";
  std::printf("read file %.1f ms, decode %.1f ms, index %.1f ms, explorer load %.1f ms, total %.1f ms\n", milliseconds(started, file_read),
              milliseconds(file_read, decoded), explorer.index_build_ms(), milliseconds(decoded, loaded), milliseconds(started, loaded));
  if (queries_path.empty()) return 0;
  const loupe::files::ReadResult list = loupe::files::read_file(queries_path);
  if (!list.ok) {
    std::cerr << "loupe: " << queries_path << ": " << list.error << "\n";
    return 1;
  }
  std::vector<std::string> queries;
  std::size_t line_start = 0;
  while (line_start < list.bytes.size()) {
    std::size_t line_end = list.bytes.find('\n', line_start);
    if (line_end == std::string::npos) line_end = list.bytes.size();
    const std::string line = list.bytes.substr(line_start, line_end - line_start);
    if (!line.empty() && line[0] != '#' && line.find_first_not_of(" \t\r") != std::string::npos) queries.push_back(line);
    line_start = line_end + 1;
  }
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    for (const std::string& query : queries) {
      const Clock::time_point before = Clock::now();
      explorer.apply(loupe::SetQuery{query});
      times.push_back(milliseconds(before, Clock::now()));
    }
  }
  std::sort(times.begin(), times.end());
  const auto percentile = [&](double fraction) {
    return times.empty() ? 0.0 : times[std::min(times.size() - 1, static_cast<std::size_t>(fraction * static_cast<double>(times.size())))];
  };
  std::printf("search: %zu queries x %d runs, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", queries.size(), runs, percentile(0.5),
              percentile(0.95), percentile(0.99), times.empty() ? 0.0 : times.back());
  return 0;
}

// The bundle in the other format (or the same, rewritten), with no extraction rerun.
int run_convert(const std::vector<std::string>& arguments) {
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  if (!split_options(arguments, options, positional) || positional.size() != 1 || !options.count("-o") || !options.count("--format")) {
    return usage_error("convert needs BUNDLE, -o OUT and --format json|binary");
  }
  const std::string& format = options["--format"];
  if (format != "json" && format != "binary") return usage_error("--format is json or binary");
  const std::optional<loupe::Corpus> corpus = load_bundle(positional[0]);
  if (!corpus) return 1;
  const std::optional<std::uint64_t> size = write_bundle_file(*corpus, format, options["-o"]);
  if (!size) return 1;
  std::cout << "wrote " << options["-o"] << ": " << *size << " bytes (" << format << ")\n";
  return 0;
}

int run_stats(const std::vector<std::string>& arguments) {
  if (arguments.size() >= 2 && arguments[1] == "--timing") {
    std::map<std::string, std::string> options;
    std::vector<std::string> positional;
    const std::vector<std::string> rest(arguments.begin() + 2, arguments.end());
    if (!split_options(rest, options, positional) || !positional.empty()) return usage_error("stats BUNDLE --timing [--queries FILE] [--runs N]");
    const int runs = options.count("--runs") ? std::max(1, std::atoi(options["--runs"].c_str())) : 5;
    return run_load_timing(arguments[0], options.count("--queries") ? options["--queries"] : "", runs);
  }
  if (arguments.size() != 1) return usage_error("stats needs exactly one bundle");
  const std::optional<loupe::Corpus> loaded = load_bundle(arguments[0]);
  if (!loaded) return 1;
  const loupe::Corpus& corpus = *loaded;
  std::cout << "corpus:    " << corpus.name << "\n"
            << "documents: " << corpus.documents.size() << "\n"
            << "words:     " << corpus.total_words() << "\n";
  for (const loupe::Document& document : corpus.documents) {
    std::cout << "  " << document.id << "  " << document.word_count << " words  " << document.title << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef LOUPE_WITH_MIMALLOC
  // A command runs once, then the process ends: memory freed stays with it for the next
  // allocation rather than going back to the system and coming again as fresh pages, which cost
  // a fault each (more in a virtual machine that hands freed memory back to its host). loupe
  // build at 100 MB: 17% fewer page faults, 2% faster (5 alternating pairs), 150 MB more at peak.
#if MI_MALLOC_VERSION < 210
  mi_option_disable(mi_option_allow_decommit);
#else
  mi_option_set(mi_option_purge_delay, -1);  // (mimalloc 2.1 calls giving memory back purging)
#endif
#endif
  if (argc < 2) return usage_error("no command given");
  const std::string command = argv[1];
  const std::vector<std::string> arguments(argv + 2, argv + argc);
  if (command == "build") return run_build(arguments);
  if (command == "stats") return run_stats(arguments);
  if (command == "convert") return run_convert(arguments);
  if (command == "query") return run_query(arguments);
  if (command == "train-entities") return run_train_entities(arguments);
  if (command == "tag") return run_tag(arguments);
  if (command == "score-conll") return run_score_conll(arguments);
  if (command == "score-extraction") return run_score_extraction(arguments);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  return usage_error("unknown command " + command);
}
