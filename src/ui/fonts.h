// The interface fonts: Inter for text and headings, JetBrains Mono for fixed-width text, packed
// into the binary at build time from Debian's font packages and rasterised for the display's
// pixel ratio so that text stays sharp on HiDPI screens.
#pragma once

struct ImFont;

namespace loupe::ui {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  ImFont* strong = nullptr;  // Inter SemiBold at the body size: names in tables
  ImFont* mono = nullptr;
};

// Point sizes before scaling.
inline constexpr float kBodyFontSize = 16.0f;
inline constexpr float kHeadingFontSize = 22.0f;

// Clears the current context's font atlas and adds the fonts rasterised at `scale` (the
// display's pixels per interface unit: 1 on a standard screen, 2 or 3 on HiDPI). The renderer
// must upload the atlas again afterwards.
Fonts build_fonts(float scale);

// The fonts built last.
const Fonts& fonts();

}  // namespace loupe::ui
