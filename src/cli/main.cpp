// The `loupe` command-line tool: a thin layer over the core.
//   loupe build PATH... -o corpus.json [--name NAME]   read .txt files and folders into a bundle
//   loupe stats corpus.json                            print what a bundle holds
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "core/bundle.h"
#include "platform/files.h"

namespace {

constexpr const char* kUsage =
    "usage: loupe build PATH... -o corpus.json [--name NAME]\n"
    "       loupe stats corpus.json\n";

int usage_error(const std::string& message) {
  std::cerr << "loupe: " << message << "\n" << kUsage;
  return 2;
}

int run_build(const std::vector<std::string>& arguments) {
  std::vector<std::string> inputs;
  std::string output;
  std::string name;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "-o" || argument == "--output" || argument == "--name") {
      if (i + 1 >= arguments.size()) return usage_error(argument + " needs a value");
      (argument == "--name" ? name : output) = arguments[++i];
    } else if (!argument.empty() && argument[0] == '-') {
      return usage_error("unknown option " + argument);
    } else {
      inputs.push_back(argument);
    }
  }
  if (inputs.empty()) return usage_error("build needs at least one PATH");
  if (output.empty()) return usage_error("build needs -o corpus.json");
  if (name.empty()) name = std::filesystem::path(inputs.front()).filename().string();

  loupe::files::CorpusFromFiles read = loupe::files::read_corpus_from_paths(inputs, name);
  for (const std::string& line : read.report) (line.rfind("read ", 0) == 0 ? std::cout : std::cerr) << line << "\n";
  const loupe::Corpus& corpus = read.corpus;
  if (corpus.documents.empty()) {
    std::cerr << "loupe: no document could be read\n";
    return 1;
  }
  const std::string error = loupe::files::write_file(output, loupe::write_bundle(corpus));
  if (!error.empty()) {
    std::cerr << "loupe: " << error << "\n";
    return 1;
  }
  std::cout << "wrote " << output << ": " << corpus.documents.size() << " documents, " << corpus.total_words() << " words\n";
  return 0;
}

int run_stats(const std::vector<std::string>& arguments) {
  if (arguments.size() != 1) return usage_error("stats needs exactly one bundle");
  const loupe::files::ReadResult read = loupe::files::read_file(arguments[0]);
  if (!read.ok) {
    std::cerr << "loupe: " << arguments[0] << ": " << read.error << "\n";
    return 1;
  }
  const loupe::BundleReadResult bundle = loupe::read_bundle(read.bytes);
  if (!bundle.corpus) {
    std::cerr << "loupe: " << arguments[0] << ": " << bundle.error << "\n";
    return 1;
  }
  const loupe::Corpus& corpus = *bundle.corpus;
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
  if (argc < 2) return usage_error("no command given");
  const std::string command = argv[1];
  const std::vector<std::string> arguments(argv + 2, argv + argc);
  if (command == "build") return run_build(arguments);
  if (command == "stats") return run_stats(arguments);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  return usage_error("unknown command " + command);
}
