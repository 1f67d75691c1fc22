"""Fault tests (issue 7 §6): divergence with every optimizer on every preset, and extreme legal settings.

Driven through the window as a user (keys, combo boxes, spin boxes, buttons); a learning rate of 10³,
beyond the slider's range, is what a session file can carry, so it goes in as the controls send it.
Afterwards no colour scale, plot axis or label shows a NaN or an infinity.
"""

import math
import os
import re
import sys

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLabel

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread unless a test asks otherwise

from gui.main_window import MainWindow  # noqa: E402
from model import Session  # noqa: E402
from model.presets import PRESETS  # noqa: E402

TIMEOUT = 15_000
#: a number shown as NaN or infinite: "nan", "NaN", "inf", "-inf", "∞" as a word of its own
NOT_FINITE = re.compile(r"(?i)(?<![a-z])(nan|inf|infinity)(?![a-z])|∞")


@pytest.fixture
def window(qtbot):
    windows = []

    def make(session=None, preset="xor-lecture"):
        win = MainWindow(session=session if session is not None else Session.from_preset(preset))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitUntil(lambda: win.latest_snapshot is not None and win._heavy is not None, timeout=TIMEOUT)
        # explanations that name NaN in words ("Always pauses if the loss becomes NaN …") are not numbers
        win.words_naming_nan = {t for t in _shown_texts(win) if NOT_FINITE.search(t)}
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.close()


@pytest.fixture
def failures(monkeypatch):
    """Exceptions that reach the event loop (Qt slots report them to sys.excepthook)."""
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: seen.append(e))
    return seen


def _settle(qtbot, win):
    """A fresh snapshot, with values, applied, and every view drawn from it."""
    serial = win.latest_snapshot.serial
    win.controller.request_snapshot()
    qtbot.waitUntil(lambda: win.latest_snapshot.serial > serial and win._heavy is win.latest_snapshot, timeout=TIMEOUT)
    win._update_labels(win.latest_snapshot)
    win.refresh_views()


def _shown_texts(win):
    """Every label, spin box, status and title text the window shows, but the notice's explanation
    (which may say, in words, that "the loss became NaN")."""
    notice = set(win.notice.findChildren(QLabel))
    texts = [w.text() for w in win.findChildren(QLabel) if w not in notice and w.isVisibleTo(win)]
    texts += [w.text() for w in win.findChildren(QAbstractSpinBox) if w.isVisibleTo(win)]
    texts += [win.statusBar().currentMessage(), win.windowTitle(), win.diagram_panel.diagram.describe()]
    return texts


def assert_all_finite(win):
    """No colour scale, plot axis or label of the window shows a NaN or an infinity."""
    d = win.diagram_panel.diagram
    ranges = d.ranges()
    assert all(math.isfinite(r) and r > 0 for r in ranges), ranges
    for plot in win.findChildren(pg.PlotWidget):
        pi = plot.getPlotItem()
        for vb in [pi.getViewBox(), *(item for item in pi.scene().items() if isinstance(item, pg.ViewBox))]:
            (x0, x1), (y0, y1) = vb.viewRange()
            assert all(map(math.isfinite, (x0, x1, y0, y1))), (plot, vb.viewRange())
        for name in ("left", "bottom", "right"):
            axis = pi.getAxis(name)
            assert all(map(math.isfinite, axis.range)), (name, axis.range)
    bad = [t for t in _shown_texts(win) if NOT_FINITE.search(t) and t not in win.words_naming_nan]
    assert not bad, bad


def _diverge(qtbot, win, optimizer, steps=150):
    """Train at γ = 10³ until the guard stops the run or ``steps`` steps have passed."""
    c = win.controller
    with qtbot.waitSignal(c.session_changed, timeout=TIMEOUT):
        c.set_optimizer({"name": optimizer, "learning_rate": 1e3})
    start = win.latest_snapshot.step
    diverged = []
    c.diverged.connect(diverged.append)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: bool(diverged) or win.latest_snapshot.step >= start + steps, timeout=TIMEOUT)
    if not diverged:
        qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running and win.act_run.text() == "Run", timeout=TIMEOUT)
    c.diverged.disconnect(diverged.append)
    return diverged


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_divergence_at_lr_1e3_on_every_preset_shows_no_nan_anywhere(qtbot, window, failures, optimizer):
    win = window()
    combo = win.controls.preset_combo
    worker_failures = []
    win.controller.worker_failed.connect(worker_failures.append)
    outcomes = {}
    for name in PRESETS:
        with qtbot.waitSignal(
            win.controller.session_changed, timeout=TIMEOUT, check_params_cb=lambda d, n=name: d["name"] == n
        ):
            combo.setCurrentIndex(combo.findData(name))
            combo.activated.emit(combo.currentIndex())
        speed = win.controls.speed_combo
        speed.setCurrentIndex(speed.findData(0.0))  # as fast as possible (a preset brings its own speed)
        diverged = _diverge(qtbot, win, optimizer)
        outcomes[name] = bool(diverged)
        _settle(qtbot, win)
        assert_all_finite(win)
        if diverged:  # announced with its step and a finite, smaller rate to try
            d = diverged[0]
            assert win.notice.isVisible() and f"step {d.step}" in win.notice.text(), name
            assert math.isfinite(d.suggested_learning_rate) and 0 < d.suggested_learning_rate < 1e3, name
        weights = [np.array(layer["weights"], dtype=float) for layer in win._session_dict["network"]["layers"]]
        assert all(np.isfinite(w).all() for w in weights), name
    assert not failures and not worker_failures
    if optimizer != "adam":  # (Adam moves each weight by about γ per step: huge, finite weights, no overflow)
        assert sum(outcomes.values()) >= 3, outcomes  # the guard had work to do, not only saturated sigmoids
