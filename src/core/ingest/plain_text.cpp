// The plain-text reader (see plain_text.h).
#include "core/ingest/plain_text.h"

#include "core/text.h"

namespace loupe::ingest {

Document read_plain_text(std::string_view utf8_text) {
  Document document;
  document.text = std::string(trim(utf8_text));
  return document;
}

}  // namespace loupe::ingest
