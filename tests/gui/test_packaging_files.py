"""The files the bundles are made of: icons that decode at every size, the desktop entry, one version."""

import configparser
import re
import struct
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import model

ROOT = Path(__file__).resolve().parents[2]
RES = ROOT / "resources"
sys.path.insert(0, str(RES))
import make_icons  # noqa: E402


def _pyproject_version():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version\s*=\s*"([^"]+)"', text.split("[project]", 1)[1], re.M).group(1)


def test_one_version_for_the_package_the_app_and_the_bundle():
    assert _pyproject_version() == model.__version__


def _ico_entries(data):
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    out = {}
    for i in range(count):
        w, h, _, _, planes, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        out[w or 256] = data[offset : offset + size]
    return out


def test_the_windows_icon_holds_every_size_from_16_to_256():
    entries = _ico_entries((RES / "backprop-studio.ico").read_bytes())
    assert sorted(entries) == list(make_icons.ICO_SIZES)
    for size, png in entries.items():
        image = QImage.fromData(png)
        assert (image.width(), image.height()) == (size, size)
    assert not QImage(str(RES / "backprop-studio.ico")).isNull()  # and Qt's own ICO reader takes it


def test_the_macos_icon_holds_png_elements_of_the_sizes_their_types_promise():
    data = (RES / "backprop-studio.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    pos, seen = 8, {}
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        seen[kind] = QImage.fromData(data[pos + 8 : pos + length])
        pos += length
    assert pos == len(data)
    for kind, size in make_icons.ICNS_TYPES:
        assert (seen[kind].width(), seen[kind].height()) == (size, size), kind


def test_the_icon_is_drawn_not_empty_at_16_pixels():
    image = QImage.fromData(_ico_entries((RES / "backprop-studio.ico").read_bytes())[16])
    colours = {image.pixel(x, y) for x in range(16) for y in range(16)}
    assert len(colours) >= 8  # background, nodes and edges in several colours


def test_the_icon_writers_round_trip():
    pngs = {16: make_icons.render_png(make_icons.SVG_SMALL, 16), 256: make_icons.render_png(make_icons.SVG, 256)}
    assert _ico_entries(make_icons.ico_bytes(pngs)) == pngs


def test_the_desktop_entry():
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str
    entry.read(RES / "backprop-studio.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Name"] == "Backprop Studio"
    assert d["Exec"].split()[0] == "backprop-studio" and d["Icon"] == "backprop-studio"
    assert d["Terminal"] == "false" and d["Categories"].endswith(";")


@pytest.mark.parametrize("name", ["backprop-studio.svg", "backprop-studio-small.svg"])
def test_the_svgs_render(name):
    image = QImage.fromData(make_icons.render_png(RES / name, 64))
    assert image.width() == 64 and image.pixel(32, 32) != 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the desktop entry is for Linux")
def test_install_desktop_entry_adds_and_removes_the_menu_entry(tmp_path):
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(tmp_path)
    script = RES / "install-desktop-entry.sh"
    r = subprocess.run([str(script)], capture_output=True, text=True, env=env, timeout=30)
    assert r.returncode == 0, r.stderr
    entry = (tmp_path / ".local/share/applications/backprop-studio.desktop").read_text(encoding="utf-8")
    assert f'Exec="{RES / "backprop-studio"}" %f' in entry  # the folder it was run from, absolute
    assert (tmp_path / ".local/share/icons/hicolor/256x256/apps/backprop-studio.png").is_file()
    r = subprocess.run([str(script), "--remove"], capture_output=True, text=True, env=env, timeout=30)
    assert r.returncode == 0 and not (tmp_path / ".local/share/applications/backprop-studio.desktop").exists()
