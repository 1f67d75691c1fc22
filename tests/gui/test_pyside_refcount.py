"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call that returns None or a
bool, and a live plot aborts with "Fatal Python error: none_dealloc".  This guards the pin."""

import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem


class _Emitter(QObject):
    fired = Signal(int)


def test_pyside_version_is_pinned_below_6_12():
    major, minor = (int(x) for x in pyside_version.split(".")[:2])
    assert (major, minor) < (6, 12), f"PySide6 {pyside_version}: 6.12.0 crashes (none_dealloc); see pyproject.toml"


def test_qt_calls_do_not_leak_references_to_none(qapp):
    item = QGraphicsLineItem(0, 0, 1, 1)
    pen = QPen()
    obj = QObject()
    em = _Emitter()
    em.fired.connect(lambda v: None)
    before = sys.getrefcount(None)
    for i in range(25_000):
        item.setPen(pen)  # returns None
        obj.setObjectName("x")  # returns None
        em.fired.emit(i)  # returns None
        obj.signalsBlocked()  # returns a bool
    after = sys.getrefcount(None)
    assert after >= before, f"sys.getrefcount(None) fell by {before - after} over 100,000 Qt calls"
