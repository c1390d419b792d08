#!/usr/bin/env bash
# Fetches Dear ImGui's Debian source package (imgui 1.86) into .deps/imgui: a thin wrapper over
# fetch-source-package.sh, which explains how (a private deb-src list, the system's apt untouched).
set -euo pipefail
exec "$(dirname "$0")/fetch-source-package.sh" imgui
