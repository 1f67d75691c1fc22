"""Reading a CSV file off the GUI thread, with a progress bar that can cancel it.

:class:`CsvImport` runs :func:`model.datasets.load_csv` (and the dataset's ``to_dict``, which
for a million rows is itself work) on a thread of its own pool, drives a
:class:`QProgressDialog` from the model's ``progress`` callback, and hands the result back on the
GUI thread: ``loaded(dict)`` with the data set's session dict, ``failed(str)`` with one line, or
``cancelled()``.  The window stays responsive however large the file; a file over the model's
caps is refused with the model's message.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from model.datasets import LoadCancelled, load_csv

__all__ = ["CsvImport"]

#: Progress bar steps (the model reports a fraction of the file read).
_STEPS = 1000


class _Relay(QObject):
    """Carries the reader's signals from its pool thread to the GUI thread (queued)."""

    progressed = Signal(int)
    finished = Signal(str, object)  # "loaded" | "failed" | "cancelled", payload


class _Reader(QRunnable):
    def __init__(self, path: str, stop: threading.Event, relay: _Relay):
        super().__init__()
        self.path = path
        self.stop = stop
        self.relay = relay
        self._last = -1

    def _progress(self, fraction: float) -> bool:
        step = int(fraction * _STEPS)
        if step != self._last:
            self._last = step
            self.relay.progressed.emit(step)
        return not self.stop.is_set()

    def run(self):
        try:
            ds = load_csv(self.path, progress=self._progress)
            data = ds.to_dict()
        except LoadCancelled:
            self.relay.finished.emit("cancelled", None)
        except ValueError as e:
            self.relay.finished.emit("failed", str(e))
        except MemoryError:
            self.relay.finished.emit("failed", "memory")
        else:
            self.relay.finished.emit("loaded", data)


class CsvImport(QObject):
    """Loads CSV files for a window, one at a time, off the GUI thread."""

    loaded = Signal(object)  # the data set's session dict ({"name": "csv:…", "inputs": …, "targets": …})
    failed = Signal(str)  # one line
    cancelled = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._window = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._stop = threading.Event()
        self._relay: _Relay | None = None
        self._dialog: QProgressDialog | None = None
        self._path = ""

    @property
    def busy(self) -> bool:
        return self._relay is not None

    def start(self, path) -> bool:
        """Start reading ``path``; False (and nothing changes) while another file is being read."""
        if self.busy:
            self.failed.emit(self.tr("Still reading {name}: cancel it first.").format(name=Path(self._path).name))
            return False
        self._path = str(path)
        self._stop = stop = threading.Event()
        self.destroyed.connect(lambda *_: stop.set())  # a closing window stops the reader before its pool waits
        relay = self._relay = _Relay()  # created here: lives in the GUI thread, so its signals are queued to us
        relay.progressed.connect(self._on_progress)
        relay.finished.connect(self._on_finished)
        dialog = self._dialog = QProgressDialog(
            self.tr("Reading {name}…").format(name=Path(self._path).name), self.tr("Cancel"), 0, _STEPS, self._window
        )
        dialog.setWindowTitle(self.tr("Load CSV data"))
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(400)  # a small file never flashes a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(stop.set)
        self._pool.start(_Reader(self._path, stop, relay))
        return True

    def cancel(self):
        """Stop the read in progress (``cancelled`` follows)."""
        self._stop.set()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the reader thread (tests, shutdown)."""
        return self._pool.waitForDone(msecs)

    @Slot(int)
    def _on_progress(self, step: int):
        if self._dialog is not None and not self._stop.is_set():
            self._dialog.setValue(step)

    @Slot(str, object)
    def _on_finished(self, outcome: str, payload):
        name = Path(self._path).name
        if self._dialog is not None:
            self._dialog.canceled.disconnect()
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        if self._relay is not None:
            self._relay.deleteLater()
            self._relay = None
        if outcome == "loaded":
            self.loaded.emit(payload)
        elif outcome == "cancelled":
            self.cancelled.emit()
        elif payload == "memory":
            self.failed.emit(self.tr("Not enough memory to read {name}.").format(name=name))
        else:
            self.failed.emit(payload)
