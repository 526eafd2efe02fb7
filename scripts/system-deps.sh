#!/usr/bin/env bash
# Debian/Ubuntu packages that Qt needs to run (offscreen and on a desktop), and the tools the tests use.
# Idempotent; uses sudo when not run as root.
set -euo pipefail
packages=(
  python3-venv
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0          # Qt offscreen
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 # Qt on X11
  libxcb-shape0 libxkbcommon-x11-0
  xvfb xauth poppler-utils                                                        # screenshots, PDF pages
  postgresql                                                                      # HQ tests (scripts/test-postgres.sh)
)
command -v apt-get >/dev/null || { echo "system-deps: not a Debian/Ubuntu system; install Qt's libraries yourself" >&2; exit 0; }
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  run apt-get update -qq
  run apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
