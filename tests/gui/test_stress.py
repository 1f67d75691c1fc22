"""Stress test (issue 7 §6): 2,000 seeded random user actions while training runs, the worker on a
thread and in its own process.  No exception, no deadlock, no Qt warning; afterwards the diagram
shows exactly the weights of the worker's network."""

import os
import random
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")

import gui.main_window as main_window
from gui.main_window import MainWindow
from model import Session

ACTIONS = 2000
SEED = 20261202
TIMEOUT = 20_000
#: what the offscreen platform itself says about any top-level window (not the application's doing)
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)


@pytest.fixture
def qt_warnings():
    """Every Qt warning, critical or fatal message while the test runs."""
    seen = []

    def handler(kind, _context, text):
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and text not in PLATFORM_NOISE:
            seen.append(text)

    previous = qInstallMessageHandler(handler)
    yield seen
    qInstallMessageHandler(previous)


def _actions(win, tmp_path, rng):
    """``(name, do)`` pairs: what a user does with keys, clicks, combo boxes and the file menu."""
    panel, d = win.controls, win.diagram_panel.diagram

    def key(k, mod=Qt.NoModifier):
        return lambda: QTest.keyClick(win, k, mod)

    def pick(combo):
        def do():
            if combo.count() and combo.isEnabled():
                combo.setCurrentIndex(rng.randrange(combo.count()))

        return do

    def spin(box, values):
        return lambda: box.setValue(rng.choice(values))

    def edit_weight():
        sizes = d.scene.sizes
        if len(sizes) < 2:
            return
        layer = rng.randrange(1, len(sizes))
        i, j = rng.randrange(min(sizes[layer - 1], 8)), rng.randrange(min(sizes[layer], 8))
        if i in d.visible_units(layer - 1) and j in d.visible_units(layer):
            pos = d.edge_midpoint(layer, i, j)
            if pos is not None:
                _double_click(d, pos)

    def time_travel():
        s = win.timeline_slider
        if s.isEnabled() and s.maximum() > s.minimum():
            s.setValue(rng.randint(s.minimum(), s.maximum()))

    def save():
        win.act_save.trigger()

    def open_():
        if (tmp_path / "stress.json").exists():
            win.act_open.trigger()

    def hidden_size():
        rows = panel.hidden_layer_rows()
        if rows:
            rng.choice(rows).neurons.setValue(rng.randint(1, 8))

    return [
        ("space", 6, key(Qt.Key_Space)),
        ("step", 6, key(Qt.Key_Right)),
        ("phase", 10, key(Qt.Key_Right, Qt.ShiftModifier)),
        ("phase back", 6, key(Qt.Key_Left, Qt.ShiftModifier)),
        ("reset", 1, key(Qt.Key_R)),
        ("gradient check", 1, key(Qt.Key_G)),
        ("undo", 2, key(Qt.Key_Z, Qt.ControlModifier)),
        ("redo", 1, key(Qt.Key_Y, Qt.ControlModifier)),
        ("loss", 3, pick(panel.loss_combo)),
        ("optimizer", 3, pick(panel.optimizer_combo)),
        ("speed", 3, pick(panel.speed_combo)),
        ("sample", 2, pick(win.diagram_panel.sample_combo)),
        ("output activation", 1, pick(panel.output_activation_combo)),
        ("hidden units", 1, hidden_size),
        ("learning rate", 3, spin(panel.lr_spin, [1e-4, 1e-3, 0.01, 0.1, 0.5, 1.0, 5.0])),
        ("batch size", 2, spin(panel.batch_spin, [0, 1, 2, 3, 4, 16, 500])),
        ("edit weight", 3, edit_weight),
        ("time travel", 3, time_travel),
        ("back to live", 2, lambda: win.live_button.isEnabled() and win.live_button.click()),
        ("resume here", 1, lambda: win.resume_button.isEnabled() and win.resume_button.click()),
        ("save", 1, save),
        ("open", 1, open_),
    ]


def _close_dialogs(win):
    """Close what an action opened beside the window (the gradient check's results), as a user would,
    and come back to the window: its keys act only while it is the active window."""
    others = [w for w in QApplication.topLevelWidgets() if w is not win and w.isVisible() and w.isWindow()]
    for w in others:
        if w.metaObject().className() not in ("QMenu",):
            w.close()
    if QApplication.activeWindow() is not win:
        win.activateWindow()
        QApplication.processEvents()


def _double_click(widget, pos):
    QTest.mouseDClick(widget, Qt.LeftButton, Qt.NoModifier, pos.toPoint())


def _shown_weights(win):
    """The weights the diagram draws, layer by layer (the edge colours' numbers)."""
    d = win.diagram_panel.diagram
    sizes = d.scene.sizes
    return [
        np.array([[d.value_at("edge", l, i, j, quantity="w") for j in range(sizes[l])] for i in range(sizes[l - 1])])
        for l in range(1, len(sizes))
    ]


@pytest.mark.parametrize("mode", ["thread", "process"])
def test_2000_random_actions_while_training(qtbot, tmp_path, monkeypatch, qt_warnings, mode):
    monkeypatch.setenv("BACKPROP_STUDIO_INPROCESS", "1" if mode == "thread" else "0")
    errors = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: errors.append(e))
    rng = random.Random(SEED)
    path = str(tmp_path / "stress.json")
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName", lambda *a, **k: (path, ""))
    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileName", lambda *a, **k: (path, ""))
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (round(rng.uniform(-3, 3), 3), True))
    monkeypatch.setattr(main_window.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    win = MainWindow(session=Session.from_preset("blobs-softmax"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.values_snapshot is not None, timeout=TIMEOUT)
    win.files.confirm = False  # Open replaces the session without asking about unsaved changes
    assert (win.controller.process is None) == (mode == "thread")
    failures = []
    win.controller.worker_failed.connect(failures.append)

    def unexpected():
        """Failures other than the kills' own notices ("the training process stopped unexpectedly")."""
        return [f for f in failures if not (f.where == "process" and "stopped unexpectedly" in f.summary)]

    win.controls.speed_combo.setCurrentIndex(win.controls.speed_combo.findData(0.0))
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.running, timeout=TIMEOUT)

    actions = _actions(win, tmp_path, rng)
    names, weights = [a[0] for a in actions], [a[1] for a in actions]
    do = {a[0]: a[2] for a in actions}
    done = []
    kills = (700, 1400) if mode == "process" else ()  # the training process dies twice, mid-stream
    for n in range(ACTIONS):
        name = rng.choices(names, weights)[0]
        done.append(name)
        do[name]()
        if n in kills:
            win.controller.process.kill()
        if n % 8 == 7:  # a quick user: a few actions between two turns of the event loop
            QApplication.processEvents()
            _close_dialogs(win)
        if n % 50 == 49:  # the worker answers: no deadlock (a fresh snapshot within the timeout)
            last = win.latest_snapshot  # (a new training process numbers its snapshots afresh)
            win.controller.request_snapshot()
            qtbot.waitUntil(lambda last=last: win.latest_snapshot is not last, timeout=TIMEOUT)
        assert not errors and not unexpected(), (n, done[-5:], errors, unexpected())

    # settle: live, paused, the step in progress finished; then the diagram against the worker
    QApplication.processEvents()
    _close_dialogs(win)
    if QApplication.focusWidget() is not None:  # (a combo box or the diagram keeps the arrows for itself)
        QApplication.focusWidget().clearFocus()
    # a debounced data or architecture edit still on its way would rebuild the network after the check
    qtbot.waitUntil(lambda: not win.controls.edits_pending(), timeout=TIMEOUT)
    if win.live_button.isEnabled():
        win.live_button.click()
    qtbot.waitUntil(lambda: win.latest_snapshot.viewing_step is None, timeout=TIMEOUT)
    if win.latest_snapshot.running:
        qtbot.keyClick(win, Qt.Key_Space)

    def paused():
        """(A snapshot may have said "running" after the run had stopped, so that Space started it again.)"""
        if win.latest_snapshot.running:
            win.controller.pause()  # what Space, the Run button and the menu ask for
            return False
        return True

    qtbot.waitUntil(paused, timeout=TIMEOUT)
    step = win.latest_snapshot.step

    def stepped():
        """→ until a step is taken (one pressed while a rebuild is still on its way is undone by it)."""
        if win.latest_snapshot.step > step:
            return True
        qtbot.keyClick(win, Qt.Key_Right)
        return False

    qtbot.waitUntil(stepped, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: win.values_snapshot is win.latest_snapshot and win.values_drawn, timeout=TIMEOUT)
    with qtbot.waitSignal(win.controller.session_copied, timeout=TIMEOUT) as copied:
        win.controller.copy_session(7)
    worker = [np.array(layer["weights"], dtype=float) for layer in copied.args[1]["network"]["layers"]]
    shown = _shown_weights(win)
    assert [w.shape for w in shown] == [w.shape for w in worker]
    assert all(np.array_equal(a, b) for a, b in zip(shown, worker)), (win.latest_snapshot.step, done[-10:])
    assert not errors and not unexpected() and not qt_warnings, (errors, unexpected(), qt_warnings[:5])
    assert len(failures) == len(kills)  # each death told once, and a new process took over
    assert len(set(done)) == len(names)  # every kind of action was taken
    win.close()
