"""Render the icon SVGs (16-24 px: backprop-studio-small.svg) into the icons the bundles need.

    python resources/make_icons.py          (run after editing an SVG)

writes, next to the SVG:

* ``backprop-studio.ico``  (Windows: 16 … 256 px, PNG-compressed entries, Vista and later)
* ``backprop-studio.icns`` (macOS: 16 … 1024 px, the PNG element types)
* ``backprop-studio.png``  (Linux: 256 px, for the .desktop file)

Qt renders the SVG; the ICO and ICNS containers are written here, because Qt's image
plugins write only one image per file.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "backprop-studio.svg"
#: The motif reduced to a 2-2-1 network on a 16-pixel grid, drawn for the sizes up to SMALL.
SVG_SMALL = HERE / "backprop-studio-small.svg"
SMALL = 24
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
#: ICNS element types that hold a PNG of the given pixel size (the @2x ones are retina variants).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` × ``size`` pixels (antialiased, transparent corners), as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding one PNG per size (ICONDIR, then ICONDIRENTRYs, then the images)."""
    sizes = sorted(pngs)
    out = [struct.pack("<HHH", 0, 1, len(sizes))]
    offset = 6 + 16 * len(sizes)
    for s in sizes:
        n = len(pngs[s])
        dim = 0 if s >= 256 else s  # 0 means 256
        out.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, n, offset))
        offset += n
    out += [pngs[s] for s in sizes]
    return b"".join(out)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: ``icns`` + total length, then one (type, length, PNG) element per entry."""
    elements = [kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES]
    body = b"".join(elements)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def _write(path: Path, data: bytes):
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage fonts need one)
    sizes = sorted(set(ICO_SIZES) | {s for _, s in ICNS_TYPES})
    pngs = {s: render_png(SVG_SMALL if s <= SMALL else SVG, s) for s in sizes}
    _write(HERE / "backprop-studio.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    _write(HERE / "backprop-studio.icns", icns_bytes(pngs))
    _write(HERE / "backprop-studio.png", pngs[256])
    for name in ("backprop-studio.ico", "backprop-studio.icns", "backprop-studio.png"):
        print(f"wrote resources/{name} ({(HERE / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
