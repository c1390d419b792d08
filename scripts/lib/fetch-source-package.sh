#!/usr/bin/env bash
# Usage: scripts/lib/fetch-source-package.sh NAME [NAME...]
# Unpacks each named Debian source package (for example imgui, utf8proc, snowball, libxml2) into
# .deps/NAME with `apt-get source`, for the build to compile from. It derives a private deb-src
# list from the system's own apt sources (same URIs, suites and components) and keeps apt's lists
# in a private state folder (.deps/apt), both passed with -o options, so the system's apt
# configuration is left untouched and no archive address is written here. A package already
# unpacked (its debian/changelog is there) is skipped, so a second run does nothing and is fast.
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 NAME [NAME...]" >&2; exit 2; fi
root=$(cd "$(dirname "$0")/../.." && pwd)
deps="$root/.deps"

missing=()
for name in "$@"; do
  [ -f "$deps/$name/debian/changelog" ] || missing+=("$name")
done
[ ${#missing[@]} -eq 0 ] && exit 0

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
if ! [ -s "$list" ]; then echo "fetch-source-package: found no apt sources to derive a deb-src list from" >&2; exit 1; fi

apt_opts=(-o "Dir::Etc::SourceList=$list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State=$apt_dir" -o "Dir::State::Lists=$apt_dir/lists"
          -o "Dir::Cache=$apt_dir/cache" -o "Debug::NoLocking=1"
          -o "APT::Sandbox::User=root")
echo "fetch-source-package: updating a private deb-src index in $apt_dir"
apt-get "${apt_opts[@]}" -qq update

for name in "${missing[@]}"; do
  # Each package downloads into its own folder, emptied first, so exactly one .dsc is there.
  download_dir="$deps/src/$name"
  rm -rf "$download_dir"
  mkdir -p "$download_dir"
  echo "fetch-source-package: apt-get source $name"
  (cd "$download_dir" && apt-get "${apt_opts[@]}" -qq source --download-only "$name")
  dsc=$(ls "$download_dir"/*.dsc | head -n 1)
  # Unpack inside the download folder (dpkg-source looks for the tarballs beside the folder it
  # unpacks into) and move the tree into place only when complete.
  unpacked="$download_dir/unpacked"
  dpkg-source --no-check -x "$dsc" "$unpacked" >/dev/null
  rm -rf "${deps:?}/$name"
  mv "$unpacked" "$deps/$name"
  version=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' "$deps/$name/debian/changelog")
  echo "fetch-source-package: $name $version in $deps/$name"
done
