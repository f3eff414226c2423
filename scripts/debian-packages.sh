#!/usr/bin/env bash
# Installs the Debian packages R2P Desktop needs for one purpose, skipping those already present.
#   scripts/debian-packages.sh test   Qt offscreen libraries for the test run
#   scripts/debian-packages.sh run    the above plus what a real X window needs (and Xvfb, for screenshots)
set -euo pipefail

# fonts-dejavu-core is for Qt's own widgets; the briefing packs use the fonts in resources/fonts.
# appstream gives appstreamcli, which checks the AppStream metadata (tests/test_desktop_files.py).
packages=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core poppler-utils appstream)
if [ "${1:-test}" = run ]; then
  packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 xvfb xauth)
fi
python3 -c "import venv, ensurepip" 2>/dev/null || packages+=(python3-venv)

command -v dpkg-query >/dev/null || { echo "Not a Debian system: install the equivalents of: ${packages[*]}"; exit 0; }
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
