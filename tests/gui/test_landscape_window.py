"""The loss landscape over two weights, driven from the main window: L opens it, the centre is the
trainer's loss, the path is the training trajectory projected, nothing is computed while training runs."""

import dataclasses
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread: fast start-up for tests

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.landscape_window import SIDE_MAX, SIDE_MIN, grid_size
from gui.main_window import MainWindow
from gui.shortcuts import shortcut_rows
from model import Session
from model.landscape import largest_gradients

TIMEOUT = 10_000


@pytest.fixture
def window(qtbot):
    windows = []

    def make(preset="xor-lecture"):
        win = MainWindow(session=Session.from_preset(preset))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.values_snapshot is not None, timeout=TIMEOUT)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.landscape_window.close()
        win.close()


def _flat(values):
    return np.concatenate([np.r_[np.ravel(lv.W), lv.b] for lv in values])


def _steps(qtbot, win, n):
    target = win.latest_snapshot.step + n
    for _ in range(n):
        qtbot.keyClick(win, Qt.Key_Right)

    def arrived():
        s = win.values_snapshot
        return s.step == target and s.viewing_step is None

    qtbot.waitUntil(arrived, timeout=TIMEOUT)


def _open(qtbot, win):
    lw = win.landscape_window
    with qtbot.waitSignal(lw.computed, timeout=TIMEOUT) as done:
        qtbot.keyClick(win, Qt.Key_L)
    return lw, done.args[0]


def test_L_opens_the_landscape_and_its_centre_is_the_trainers_loss(qtbot, window):
    win = window()
    _steps(qtbot, win, 5)
    lw, land = _open(qtbot, win)
    assert lw.isVisible()
    s = win.values_snapshot
    assert land.step == s.step == 5
    assert land.centre == pytest.approx(s.train_loss, rel=1e-12)  # the trainer's loss on the whole data set
    flat = _flat(s.values)
    assert land.xs[len(land.xs) // 2] == flat[land.a] and land.ys[len(land.ys) // 2] == flat[land.b]
    assert SIDE_MIN <= len(land.xs) <= SIDE_MAX and len(land.xs) % 2 == 1
    # by default, the two weights with the largest gradients
    grads = np.concatenate([np.r_[np.ravel(lv.dW), lv.db] for lv in s.values])
    assert [land.a, land.b] == largest_gradients([2, 3, 1], grads)
    assert f"{s.train_loss:.6g}" in lw.status.text()
    rows = {(group, action, keys) for group, action, keys, _ in shortcut_rows(win)}
    assert ("Help", "Loss landscape…", "L") in rows


def test_the_path_is_the_training_trajectory_projected_onto_the_two_weights(qtbot, window):
    win = window()
    seen = {}

    def record(s):
        if s.values is not None and s.viewing_step is None:
            seen[s.step] = _flat(s.values)

    record(win.values_snapshot)
    win.snapshot_applied.connect(record)
    for _ in range(4):
        _steps(qtbot, win, 3)
    lw, land = _open(qtbot, win)
    a, b = land.a, land.b
    xs, ys = lw.path.getData()
    steps = sorted(seen)
    np.testing.assert_array_equal(xs, [seen[k][a] for k in steps])
    np.testing.assert_array_equal(ys, [seen[k][b] for k in steps])
    cx, cy = lw.current.getData()
    assert (cx[0], cy[0]) == (seen[steps[-1]][a], seen[steps[-1]][b])  # the current point, marked
    # other weights: the same path read at other coordinates
    lw.combo_a.setFocus()
    qtbot.keyClick(lw.combo_a, Qt.Key_Down)  # a user choosing the next weight in the list
    with qtbot.waitSignal(lw.computed, timeout=TIMEOUT) as again:
        lw.refresh_button.click()
    a2 = again.args[0].a
    assert a2 != a and a2 == lw.chosen()[0]
    xs, _ = lw.path.getData()
    np.testing.assert_array_equal(xs, [seen[k][a2] for k in steps])
    assert lw.plot.getPlotItem().getAxis("bottom").labelText == lw.combo_a.currentText()


def test_nothing_is_computed_while_training_runs_and_it_follows_a_pause(qtbot, window):
    win = window()
    lw, first = _open(qtbot, win)
    generation = lw._generation
    win.activateWindow()  # the lecturer goes back to the main window
    qtbot.waitUntil(win.isActiveWindow, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.running and win.latest_snapshot.step > 50, timeout=TIMEOUT)
    win.refresh_views()
    assert lw._generation == generation  # running: the landscape waits
    with qtbot.waitSignal(lw.computed, timeout=TIMEOUT) as paused:
        qtbot.keyClick(win, Qt.Key_Space)
    land = paused.args[0]
    assert land.step > first.step
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    assert land.centre == pytest.approx(win.values_snapshot.train_loss, rel=1e-12)


def test_the_same_weight_twice_is_one_line_and_keeps_the_landscape(qtbot, window):
    win = window()
    lw, land = _open(qtbot, win)
    lw.combo_b.setCurrentIndex(lw.combo_a.currentIndex())
    lw.refresh_button.click()
    assert lw.status.text() == "Choose two different weights."
    assert lw.landscape is land


def test_a_new_session_starts_a_new_path(qtbot, window):
    win = window()
    _steps(qtbot, win, 3)
    lw = win.landscape_window
    assert len(lw.trajectory) >= 2
    qtbot.keyClick(win, Qt.Key_R)  # reset: step 0 again, other weights
    qtbot.waitUntil(lambda: win.values_snapshot.step == 0, timeout=TIMEOUT)
    assert list(lw.trajectory.project(0, 1)[0]) == [0]


def test_the_grid_shrinks_for_a_costly_network_and_stays_odd():
    assert grid_size([2, 3, 1], 4, 1) == SIDE_MAX
    assert grid_size([2, 512, 512, 10], 5000, 1) == SIDE_MIN
    side = grid_size([2, 16, 16, 1], 200, 1)
    assert SIDE_MIN <= side <= SIDE_MAX and side % 2 == 1


def test_every_control_has_an_accessible_name(qtbot, window):
    lw = window().landscape_window
    for w in (lw.combo_a, lw.combo_b, lw.range_spin, lw.refresh_button, lw.auto_check, lw.plot):
        assert w.accessibleName(), w


def test_diverged_weights_are_one_line_and_nothing_is_drawn_from_them(qtbot, window):
    win = window()
    lw, land = _open(qtbot, win)
    s = win.values_snapshot
    W = np.array(s.values[0].W)
    W[0, 0] = np.inf  # what a diverged step would send
    bad = dataclasses.replace(s, step=s.step + 1, values=(dataclasses.replace(s.values[0], W=W), *s.values[1:]))
    lw.show(bad)  # the window hands every snapshot to its views
    lw.refresh_button.click()
    assert lw.status.text().startswith("⚠") and "\n" not in lw.status.text()
    assert lw.landscape is land  # the last good landscape stays
    lw.refresh()
    xs, ys = lw.path.getData()
    assert len(xs) >= 1 and np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))


def test_a_large_network_lists_its_largest_gradients_and_stays_quick(qtbot):
    from gui.landscape_window import MAX_LISTED, LandscapeWindow
    from model.losses import make_loss
    from model.network import Network
    from model.snapshot import Snapshot, frozen, network_values

    net = Network.from_sizes([2, 64, 64, 1], "tanh", seed=3)  # 4,417 parameters
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(50, 2)), rng.normal(size=(50, 1))
    values = network_values(net, X, Y, make_loss("mse"))
    empty = frozen(np.zeros(0))
    s = Snapshot(0, 7, 1, False, 0.0, 7, empty, empty, 1, empty, empty, values=values, X=frozen(X), Y=frozen(Y))
    s = dataclasses.replace(s, loss_name="mse")
    lw = LandscapeWindow()
    qtbot.addWidget(lw)
    lw.show(s)
    assert lw.combo_a.count() == MAX_LISTED < net.n_params
    grads = np.concatenate([np.r_[np.ravel(lv.dW), lv.db] for lv in values])
    listed = {lw.combo_a.itemData(i) for i in range(lw.combo_a.count())}
    assert set(np.argsort(-np.abs(grads))[:100].tolist()) <= listed  # the largest gradients are there
    assert lw.chosen() == tuple(largest_gradients(net.sizes, grads))
    lw.show()
    with qtbot.waitSignal(lw.computed, timeout=TIMEOUT) as done:
        lw.request()
    assert done.args[0].centre == pytest.approx(net.loss_value(X, Y, make_loss("mse")), rel=1e-12)
    lw.close()
