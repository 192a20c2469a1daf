#!/usr/bin/env bash
# Installs the system libraries handoff builds against (libgit2, libfyaml, OpenSSL's libcrypto,
# zlib, pkg-config) and git, through apt-get, only when something is missing. Safe to run again and again.
# With --browser (what the tests need) it also installs Chromium, which renders the HTML
# report, man-db, which renders the man page, and python3-icalendar, which parses `due --format ics`.
set -euo pipefail
missing=()
if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  missing+=(chromium)
fi
# The tests render the man page with `man -l`.
if [ "${1:-}" = "--browser" ] && ! command -v man >/dev/null 2>&1; then
  missing+=(man-db)
fi
# The tests parse the iCalendar output of `due` with a real parser (Debian's python3-icalendar).
if [ "${1:-}" = "--browser" ] && ! /usr/bin/python3 -c "import icalendar" >/dev/null 2>&1; then
  missing+=(python3-icalendar)
fi
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v git >/dev/null 2>&1 || missing+=(git)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libgit2 || missing+=(libgit2-dev)
  pkg-config --exists libfyaml || missing+=(libfyaml-dev)
  # OpenSSL's SHA-1 for object ids (libgit2 already depends on the library itself).
  pkg-config --exists libcrypto || missing+=(libssl-dev)
  # zlib inflates pack objects for the history walk (libgit2-dev brings it along).
  pkg-config --exists zlib || missing+=(zlib1g-dev)
else
  missing+=(libgit2-dev libfyaml-dev libssl-dev zlib1g-dev)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "error: need root (or sudo) to install ${missing[*]}" >&2; exit 2; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
