#!/bin/sh
# Add Backprop Studio to this user's application menu (Linux), from the unpacked one-folder bundle:
#     ./install-desktop-entry.sh            (run it again after moving the folder; --remove takes it out)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$apps/backprop-studio.desktop" "$icons/backprop-studio.png"
    echo "removed Backprop Studio from the application menu"
    exit 0
fi
mkdir -p "$apps" "$icons"
cp "$here/backprop-studio.png" "$icons/backprop-studio.png"
tmp="$apps/.backprop-studio.desktop.tmp"
sed "s|^Exec=backprop-studio|Exec=\"$here/backprop-studio\"|" "$here/backprop-studio.desktop" > "$tmp"
mv "$tmp" "$apps/backprop-studio.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
echo "added Backprop Studio to the application menu ($apps/backprop-studio.desktop)"
