# Sourced by scripts/test and scripts/explore: configures and builds one CMake preset.
# ccache keys on paths relative to the checkout, so a fresh clone reuses earlier compilations.
export CCACHE_BASEDIR="$root"
export NODE_PATH=/usr/share/nodejs  # this Emscripten's optimizer needs acorn from there

# build_preset PRESET [cmake --build arguments, e.g. --target NAME...]
build_preset() {
  local preset=$1
  shift
  echo "== building preset $preset"
  cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset" "$@"
}
