"""CSV import off the GUI thread: the result arrives by signal, a progress dialog can cancel it, errors are one line."""

import os

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

import model.datasets as datasets
from gui.csv_import import CsvImport
from gui.main_window import MainWindow
from model import Session

TIMEOUT = 10_000


@pytest.fixture
def importer(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    imp = CsvImport(parent)
    yield imp
    imp.cancel()
    imp.wait()


def _write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_file_is_read_off_the_gui_thread_and_arrives_as_a_session_data_dict(qtbot, importer, tmp_path):
    path = _write(tmp_path, "x1;x2;label\n" + "".join(f"{i % 5};{i % 3};{i % 4}\n" for i in range(200)))
    with qtbot.waitSignal(importer.loaded, timeout=TIMEOUT) as got:
        assert importer.start(path)
        assert importer.busy
    data = got.args[0]
    assert data["name"] == "csv:data.csv" and data["task"] == "classification"
    assert len(data["inputs"]) == 200 and len(data["targets"][0]) == 4  # labels 0…3, one-hot
    assert not importer.busy


def test_a_bad_file_is_one_line(qtbot, importer, tmp_path):
    path = _write(tmp_path, "a,b\n1,2\n3,x\n")
    with qtbot.waitSignal(importer.failed, timeout=TIMEOUT) as got:
        importer.start(path)
    assert got.args[0] == "data.csv line 3, column 2: 'x' is not a number"


def test_the_row_cap_is_one_line(qtbot, importer, tmp_path, monkeypatch):
    monkeypatch.setattr(datasets, "MAX_SAMPLES", 100)
    monkeypatch.setattr(datasets, "_PROGRESS_ROWS", 10)
    path = _write(tmp_path, "".join(f"{i},{i % 2}\n" for i in range(300)))
    with qtbot.waitSignal(importer.failed, timeout=TIMEOUT) as got:
        importer.start(path)
    assert got.args[0] == "data.csv has more than 100 data rows; at most 100 can be loaded"


def test_cancel_stops_the_reader(qtbot, importer, tmp_path, monkeypatch):
    import gui.csv_import as csv_import

    def endless(path, progress):  # a file that never ends: only Cancel stops it
        for _ in range(10**8):
            if progress(0.5) is False:
                raise datasets.LoadCancelled(path)
        raise AssertionError("the reader never saw the cancel")

    monkeypatch.setattr(csv_import, "load_csv", endless)
    with qtbot.waitSignal(importer.cancelled, timeout=TIMEOUT):
        importer.start(tmp_path / "endless.csv")
        importer._dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert not importer.busy


def test_a_second_file_while_reading_is_refused_politely(qtbot, importer, tmp_path, monkeypatch):
    import gui.csv_import as csv_import

    def endless(path, progress):
        while progress(0.5) is not False:
            pass
        raise datasets.LoadCancelled(path)

    monkeypatch.setattr(csv_import, "load_csv", endless)
    with qtbot.waitSignal(importer.failed, timeout=TIMEOUT) as got:
        importer.start(tmp_path / "data.csv")
        assert not importer.start(tmp_path / "other.csv")
    assert got.args[0] == "Still reading data.csv: cancel it first."
    with qtbot.waitSignal(importer.cancelled, timeout=TIMEOUT):
        importer.cancel()
    assert not importer.busy


def test_the_window_loads_a_csv_through_the_import_and_rebuilds(qtbot, tmp_path):
    win = MainWindow(session=Session.from_preset("xor-lecture"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.session_dict is not None, timeout=TIMEOUT)
    try:
        path = _write(tmp_path, "a;b;y\n" + "".join(f"{i * 0.1};{i * 0.2};{i % 2}\n" for i in range(50)))
        win.controls.csv_chosen.emit(str(path))  # what "Load CSV…" sends after the file dialog
        qtbot.waitUntil(lambda: win.session_dict["data"]["name"] == "csv:data.csv", timeout=TIMEOUT)
        assert len(win.session_dict["data"]["inputs"]) == 50
    finally:
        win.close()
