// The C functions behind the page's `window.loupe` API (web/page.js calls them with cwrap).
// Strings cross as UTF-8; returned strings stay valid until the next call.
#include <string>

#include "core/bundle.h"
#include "platform/app.h"

namespace {
std::string last_result;
}

extern "C" {

// Loads a bundle's bytes; returns "" on success or the error message.
const char* loupe_load_bundle(const char* bytes, int length) {
  const loupe::BundleReadResult bundle = loupe::read_bundle(std::string_view(bytes, static_cast<std::size_t>(length)));
  if (!bundle.corpus) {
    last_result = "the corpus could not be loaded: " + bundle.error;
    return last_result.c_str();
  }
  loupe::app::explorer().load(*bundle.corpus);
  last_result.clear();
  return last_result.c_str();
}

const char* loupe_state_json() {
  last_result = loupe::app::explorer().state_json();
  return last_result.c_str();
}

void loupe_search(const char* text) { loupe::app::explorer().apply(loupe::SetQuery{text}); }

// Returns "" on success or the error message.
const char* loupe_select(const char* document_id) {
  last_result = loupe::app::explorer().apply(loupe::SelectDocument{document_id});
  return last_result.c_str();
}

// Brings a view to the front; returns "" on success or the error message.
const char* loupe_show(const char* view) {
  last_result = loupe::app::explorer().apply(loupe::ShowView{view});
  return last_result.c_str();
}

}  // extern "C"
