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
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLabel

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread unless a test asks otherwise

from gui.main_window import MainWindow
from model import Session
from model.presets import PRESETS

TIMEOUT = 15_000
#: a number shown as NaN or infinite: "nan", "NaN", "inf", "-inf", "∞" as a word of its own
NOT_FINITE = re.compile(r"(?i)(?<![a-z])(nan|inf|infinity)(?![a-z])|∞")


@pytest.fixture
def window(qtbot):
    windows = []

    def make(what="xor-lecture"):
        """A window on a preset (its name) or on a Session."""
        win = MainWindow(session=Session.from_preset(what) if isinstance(what, str) else what)
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.values_snapshot is not None, timeout=TIMEOUT)
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


def _press(qtbot, win, key, modifier=Qt.NoModifier):
    """A key pressed in the window, as the active window (its shortcuts act only then)."""
    focus = QApplication.focusWidget()
    if isinstance(focus, QComboBox):  # a combo box keeps the arrows for itself: the user clicks elsewhere first
        focus.clearFocus()
    if QApplication.activeWindow() is not win:
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=TIMEOUT)
    qtbot.keyClick(win, key, modifier)  # (the one place keys are sent)


def _settle(qtbot, win):
    """A fresh snapshot, with values, applied, and every view drawn from it."""
    serial = win.latest_snapshot.serial
    win.controller.request_snapshot()
    qtbot.waitUntil(
        lambda: win.latest_snapshot.serial > serial and win.values_snapshot is win.latest_snapshot, timeout=TIMEOUT
    )
    win.refresh_views()  # (the counters too, which the timers update at most 4 times a second)


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


def _diverge(qtbot, win, optimizer, steps=100):
    """Train at γ = 10³ until the guard stops the run or ``steps`` steps have passed."""
    c = win.controller
    with qtbot.waitSignal(c.session_changed, timeout=TIMEOUT):
        c.set_optimizer({"name": optimizer, "learning_rate": 1e3})
    start = win.latest_snapshot.step
    diverged = []
    c.diverged.connect(diverged.append)
    _press(qtbot, win, Qt.Key_Space)
    qtbot.waitUntil(lambda: bool(diverged) or win.latest_snapshot.step >= start + steps, timeout=TIMEOUT)
    if not diverged:
        _press(qtbot, win, Qt.Key_Space)
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
        weights = [np.array(layer["weights"], dtype=float) for layer in win.session_dict["network"]["layers"]]
        assert all(np.isfinite(w).all() for w in weights), name
    assert not failures and not worker_failures
    if optimizer != "adam":  # (Adam moves each weight by about γ per step: huge, finite weights, no overflow)
        assert sum(outcomes.values()) >= 3, outcomes  # the guard had work to do, not only saturated sigmoids


def _rebuilt(qtbot, win, sizes, act):
    """Do ``act()`` (a user's clicks), then wait until the worker runs a network of ``sizes`` (or of
    sizes that ``sizes(them)`` accepts)."""
    fits = sizes if callable(sizes) else sizes.__eq__
    with qtbot.waitSignal(
        win.controller.session_changed, timeout=TIMEOUT, check_params_cb=lambda d: fits(d["architecture"]["sizes"])
    ) as blocker:
        act()
    n = len(blocker.args[0]["architecture"]["sizes"]) - 1
    qtbot.waitUntil(lambda: win.values_snapshot is not None and len(win.values_snapshot.values) == n, timeout=TIMEOUT)


def _train_a_little(qtbot, win, steps=30, phases=None):
    """Every way of stepping: phase by phase (a whole step, or ``phases`` phases and → finishes the
    step), one step with →, then a short run with Space."""
    step = win.latest_snapshot.step
    n = (
        3 * len(win.values_snapshot.values) + 2 if phases is None else phases
    )  # forward, δ, ∂L/∂W per layer; loss; update
    for _ in range(n):
        _press(qtbot, win, Qt.Key_Right, Qt.ShiftModifier)
    qtbot.waitUntil(lambda: len(win.latest_snapshot.step_phases) == n or win.latest_snapshot.step == step + 1)
    _press(qtbot, win, Qt.Key_Right)
    done = step + 1 if phases is not None else step + 2
    qtbot.waitUntil(lambda: win.latest_snapshot.step == done, timeout=TIMEOUT)
    _press(qtbot, win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.step >= done + steps, timeout=TIMEOUT)
    _press(qtbot, win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    _settle(qtbot, win)
    assert_all_finite(win)


def test_extreme_legal_networks_and_settings_train_and_show_finite_values(qtbot, window, failures):
    win = window("xor-lecture")
    panel = win.controls
    worker_failures, errors = [], []
    win.controller.worker_failed.connect(worker_failures.append)
    win.controller.error_occurred.connect(errors.append)
    panel.speed_combo.setCurrentIndex(panel.speed_combo.findData(0.0))

    # no hidden layer: the output layer alone
    _rebuilt(qtbot, win, [2, 1], lambda: panel.hidden_layer_rows()[0].remove.click())
    _train_a_little(qtbot, win)
    # one neuron (each change waits for the worker: a rebuild refills the controls from the session)
    _rebuilt(qtbot, win, [2, 4, 1], panel.add_layer_button.click)
    _rebuilt(qtbot, win, [2, 1, 1], lambda: panel.hidden_layer_rows()[0].neurons.setValue(1))
    _train_a_little(qtbot, win)

    # twelve hidden layers of 64 units (more than the controls' 8): from a session file
    deep = Session.from_preset("xor-lecture").to_dict()
    for key in ("network", "epoch", "step", "rng", "batch_pos", "order", "order_fresh", "epoch_acc", "history"):
        deep.pop(key, None)
    deep["architecture"] = dict(
        deep["architecture"], sizes=[2, *[64] * 12, 1], activations=["tanh"] * 12 + ["sigmoid"], init="xavier"
    )
    deep["architecture"].pop("train_biases", None)
    _rebuilt(qtbot, win, [2, *[64] * 12, 1], lambda: win.controller.load_session(deep))
    _train_a_little(qtbot, win, phases=4)

    # a batch larger than the data (4 rows): full batch
    panel.batch_spin.setValue(64)
    qtbot.waitUntil(lambda: win.latest_snapshot.batch_size == 64 or win.controller.request_snapshot(), timeout=TIMEOUT)
    _train_a_little(qtbot, win, phases=4)

    # γ = 0 cannot be set: the spin box stops at its minimum, the command is refused in one line
    lr = win.latest_snapshot.learning_rate
    with qtbot.waitSignal(win.controller.error_occurred, timeout=TIMEOUT) as refused:
        win.controller.set_learning_rate(0.0)
    assert "\n" not in refused.args[0] and "learning rate" in refused.args[0]
    assert win.latest_snapshot.learning_rate == lr
    panel.lr_spin.setFocus()
    panel.lr_spin.selectAll()
    qtbot.keyClicks(panel.lr_spin, "0")
    qtbot.keyClick(panel.lr_spin, Qt.Key_Return)
    _train_a_little(qtbot, win, phases=4)  # (with whatever positive rate the box settled on)
    assert panel.lr_spin.value() > 0 and win.latest_snapshot.learning_rate > 0
    assert not failures and not worker_failures


def test_a_784_input_network_steps_phase_by_phase_and_runs(qtbot, window, failures):
    rng = np.random.default_rng(0)
    d = Session.from_preset("blobs-softmax").to_dict()
    for key in ("network", "epoch", "step", "rng", "batch_pos", "order", "order_fresh", "epoch_acc", "history"):
        d.pop(key, None)
    d["data"] = {"inputs": rng.random((96, 784)).tolist(), "targets": np.eye(10)[rng.integers(0, 10, 96)].tolist()}
    d["architecture"] = dict(d["architecture"], sizes=[784, 32, 10], activations=["relu", "softmax"])
    d["batch_size"] = 32
    win = window(Session.from_dict(d))
    win.controls.speed_combo.setCurrentIndex(win.controls.speed_combo.findData(0.0))
    worker_failures = []
    win.controller.worker_failed.connect(worker_failures.append)
    _train_a_little(qtbot, win)
    assert win.diagram_panel.diagram.is_collapsed(0)  # 784 inputs drawn as their first and last few
    assert not failures and not worker_failures


def test_every_loss_with_every_output_activation_is_applied_or_refused_in_one_line(qtbot, window, failures):
    win = window("blobs-softmax")  # 3 classes: every activation and loss has a case to make
    panel = win.controls
    worker_failures = []
    win.controller.worker_failed.connect(worker_failures.append)
    acts, losses = panel.output_activation_combo, panel.loss_combo
    refusals = []
    win.controller.error_occurred.connect(refusals.append)  # (a loss the controls let through is trained)

    def choose_loss(name):
        losses.setCurrentIndex(losses.findData(name))
        qtbot.waitUntil(lambda: win.session_dict["loss"]["name"] == name, timeout=TIMEOUT)

    refused = applied = 0
    for a in range(acts.count()):
        act = acts.itemData(a)
        if acts.currentIndex() != a:
            choose_loss("mse")  # fits every output layer
            _rebuilt(qtbot, win, [2, 6, 3], lambda a=a: acts.setCurrentIndex(a))
            assert win.session_dict["architecture"]["activations"][-1] == act
        for i in range(losses.count()):
            name = losses.itemData(i)
            before = win.session_dict["loss"]["name"]
            losses.setCurrentIndex(i)
            if panel._loss_problem(panel._chosen_loss()):  # explained in one line; the loss in effect stays
                message = panel.loss_message.text()
                assert panel.loss_message.isVisible() and message and "\n" not in message, (act, name)
                assert win.session_dict["loss"]["name"] == before
                refused += 1
            else:
                qtbot.waitUntil(lambda n=name: win.session_dict["loss"]["name"] == n, timeout=TIMEOUT)
                applied += 1
            step = win.latest_snapshot.step

            def stepped(s=step):
                """→ until a step is taken: whatever loss is in effect trains.  (A → pressed while a
                rebuild of the output layer is still on its way is undone by it: pressed again.)"""
                if win.latest_snapshot.step > s:
                    return True
                _press(qtbot, win, Qt.Key_Right)
                return False

            qtbot.waitUntil(stepped, timeout=TIMEOUT)
            assert not refusals, refusals
    assert refused and applied
    assert not failures and not worker_failures
