"""Files the window writes (screenshots), written atomically like every other file of the program."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QPixmap

from model.files import write_atomic

__all__ = ["save_image"]


def save_image(image: QPixmap | QImage, path, fmt: str = "PNG") -> None:
    """Encode ``image`` in memory, then write it with :func:`model.files.write_atomic`.

    Raises ``ValueError`` (one line) if it cannot be encoded or written; an existing file is then
    left as it was.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    ok = image.save(buffer, fmt)
    buffer.close()
    if not ok or data.isEmpty():
        raise ValueError(f"cannot encode the image as {fmt}")
    write_atomic(path, bytes(data.data()))
