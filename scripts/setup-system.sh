#!/usr/bin/env bash
# Make sure the Debian 12 packages Seat Desk and its tests need are installed.
#   scripts/setup-system.sh [--no-postgres]
# Root: installs what is missing (one apt-get update + install).
# Not root: prints the missing names and the command to run, and carries on.
# A no-op in well under a second when everything is present.
set -euo pipefail

with_postgres=1
for arg in "$@"; do
  case $arg in
    --no-postgres) with_postgres=0 ;;
    *) echo "usage: $0 [--no-postgres]" >&2; exit 2 ;;
  esac
done

# Qt 6 (PySide6 wheels) runtime libraries for the offscreen and xcb platforms.
pkgs=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
)
pkgs+=(fonts-dejavu-core)  # without a font every glyph renders as a box
pkgs+=(poppler-utils)      # pdftoppm / pdftotext, used by the PDF tests
((with_postgres)) && pkgs+=(postgresql)  # server for the PostgreSQL tests

# `python3 -m venv` needs ensurepip, which Debian ships in python3-venv.
py=$(command -v python3.11 || command -v python3 || true)
if [[ -n $py ]] && ! "$py" -c 'import ensurepip, venv' 2>/dev/null; then
  pkgs+=(python3-venv)
fi

if ! command -v dpkg-query >/dev/null; then
  echo "setup-system: not a Debian system; make sure these are installed: ${pkgs[*]}" >&2
  exit 0
fi

# One dpkg-query call for all names; unknown names simply print nothing.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${pkgs[@]}" 2>/dev/null \
  | awk '$NF == "installed" {print $1}' || true)
missing=()
for p in "${pkgs[@]}"; do
  grep -qxF "$p" <<<"$installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

install_cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if ((EUID != 0)); then
  echo "setup-system: WARNING: missing Debian packages: ${missing[*]}" >&2
  echo "setup-system: install them as root with: $install_cmd" >&2
  exit 0
fi

echo "setup-system: installing ${missing[*]}" >&2
log=$(mktemp -t setup-system.XXXXXX.log)
if ! { apt-get update && DEBIAN_FRONTEND=noninteractive \
       apt-get install -y --no-install-recommends "${missing[@]}"; } >"$log" 2>&1 </dev/null; then
  tail -n 30 "$log" >&2
  echo "setup-system: apt-get failed (full log: $log)" >&2
  exit 1
fi
rm -f "$log"
