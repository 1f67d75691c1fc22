"""Screenshots are written like every other file: atomically, and a failure is one line."""

import pytest
from PySide6.QtGui import QColor, QImage, QPixmap

import model.files as files
from gui.file_io import save_image


def test_a_screenshot_is_a_png_written_atomically(qapp, tmp_path, monkeypatch):
    pix = QPixmap(40, 30)
    pix.fill(QColor("orange"))
    path = tmp_path / "shot.png"
    save_image(pix, path)
    assert QImage(str(path)).size().width() == 40
    before = path.read_bytes()

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(ValueError, match="cannot write .*shot.png: No space left on device"):
        save_image(QPixmap(80, 80), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shot.png"]


def test_an_unwritable_screenshot_path_is_one_line(qapp, tmp_path):
    with pytest.raises(ValueError, match="is a folder, not a file"):
        save_image(QPixmap(4, 4), tmp_path)
