#!/usr/bin/env bash
# Fetches Dear ImGui's Debian source package (imgui 1.86) into .deps/imgui with `apt-get source`.
# It derives a private deb-src list from the system's own apt sources (same URIs, suites and
# components) and keeps apt's lists in a private state folder, both passed with -o options, so
# the system's apt configuration is left untouched and no archive address is written here.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
deps="$root/.deps"
target="$deps/imgui"
[ -f "$target/imgui.cpp" ] && exit 0

apt_dir="$deps/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$deps/src"
list="$apt_dir/sources.list"
: > "$list"

# One-line format: "deb [options] URI suite components..." -> the same line as deb-src.
one_line_sources() {
  sed -n 's/^[[:space:]]*deb[[:space:]]\+/deb-src /p' "$1"
}
# deb822 format (*.sources): a stanza per block; keep stanzas whose Types include deb.
deb822_sources() {
  awk '
    function flush() {
      if (types ~ /(^| )deb( |$)/ && uris != "" && suites != "") {
        n = split(uris, u, " "); m = split(suites, s, " ");
        opt = (signed != "") ? "[signed-by=" signed "] " : "";
        for (i = 1; i <= n; i++) for (j = 1; j <= m; j++)
          print "deb-src " opt u[i] " " s[j] " " comps;
      }
      types = uris = suites = comps = signed = "";
    }
    /^[[:space:]]*$/ { flush(); next }
    /^#/ { next }
    /^Types:/      { sub(/^Types:[[:space:]]*/, "");      types = $0 }
    /^URIs:/       { sub(/^URIs:[[:space:]]*/, "");       uris = $0 }
    /^Suites:/     { sub(/^Suites:[[:space:]]*/, "");     suites = $0 }
    /^Components:/ { sub(/^Components:[[:space:]]*/, ""); comps = $0 }
    /^Signed-By:/  { sub(/^Signed-By:[[:space:]]*/, "");  signed = $0 }
    END { flush() }
  ' "$1"
}
[ -f /etc/apt/sources.list ] && one_line_sources /etc/apt/sources.list >> "$list"
for f in /etc/apt/sources.list.d/*.list; do [ -f "$f" ] && one_line_sources "$f" >> "$list"; done
for f in /etc/apt/sources.list.d/*.sources; do [ -f "$f" ] && deb822_sources "$f" >> "$list"; done
if ! [ -s "$list" ]; then echo "fetch-imgui: found no apt sources to derive a deb-src list from" >&2; exit 1; fi

apt_opts=(-o "Dir::Etc::SourceList=$list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State=$apt_dir" -o "Dir::State::Lists=$apt_dir/lists"
          -o "Dir::Cache=$apt_dir/cache" -o "Debug::NoLocking=1"
          -o "APT::Sandbox::User=root")
echo "fetch-imgui: updating a private deb-src index in $apt_dir"
apt-get "${apt_opts[@]}" -qq update
echo "fetch-imgui: apt-get source imgui"
(cd "$deps/src" && apt-get "${apt_opts[@]}" -qq source --download-only imgui)
dsc=$(ls "$deps/src"/imgui_*.dsc | head -n 1)
rm -rf "$deps/src/unpacked"
dpkg-source --no-check -x "$dsc" "$deps/src/unpacked" >/dev/null
rm -rf "$target"
mv "$deps/src/unpacked" "$target"
echo "fetch-imgui: Dear ImGui $(sed -n 's/^#define IMGUI_VERSION *"\(.*\)"/\1/p' "$target/imgui.h") in $target"
