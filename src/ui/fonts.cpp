// The interface fonts (see fonts.h).
#include "ui/fonts.h"

#include <imgui.h>

#include <initializer_list>

// Generated at build time by scripts/cmake/embed_files.cmake.
extern const unsigned char font_inter_regular[];
extern const unsigned font_inter_regular_size;
extern const unsigned char font_inter_semibold[];
extern const unsigned font_inter_semibold_size;
extern const unsigned char font_mono_regular[];
extern const unsigned font_mono_regular_size;

namespace loupe::ui {
namespace {

Fonts current_fonts;

// Latin-1, Latin Extended-A, general punctuation (— “ ” ’ … •), currency signs (€ £ ¥ ₩),
// and U+FFFD, drawn for characters outside these ranges.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x0100, 0x017F,  // Latin Extended-A
    0x2000, 0x206F,  // General Punctuation
    0x20A0, 0x20CF,  // Currency Symbols
    0x2190, 0x2193,  // arrows used by the interface
    0xFFFD, 0xFFFD,  // replacement character
    0,
};

ImFont* add_font(const unsigned char* data, unsigned size, float pixel_size) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // static data: the atlas must not free it
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  // ImGui only reads the data; the cast is needed by its non-const signature.
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size),
                                                    pixel_size, &config, kGlyphRanges);
}

}  // namespace

Fonts build_fonts(float scale) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  current_fonts.body = add_font(font_inter_regular, font_inter_regular_size, kBodyFontSize * scale);
  current_fonts.heading = add_font(font_inter_semibold, font_inter_semibold_size, kHeadingFontSize * scale);
  current_fonts.strong = add_font(font_inter_semibold, font_inter_semibold_size, kBodyFontSize * scale);
  current_fonts.mono = add_font(font_mono_regular, font_mono_regular_size, kBodyFontSize * scale);
  for (ImFont* font : {current_fonts.body, current_fonts.heading, current_fonts.strong, current_fonts.mono}) {
    font->FallbackChar = static_cast<ImWchar>(0xFFFD);
  }
  atlas->Build();
  ImGui::GetIO().FontDefault = current_fonts.body;
  return current_fonts;
}

const Fonts& fonts() { return current_fonts; }

}  // namespace loupe::ui
