"""Training as the window shows it: stuck states, failures, divergence, and the numbers in the status bar."""

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread unless a test asks otherwise

import gui.main_window as main_window
from gui.main_window import MainWindow
from model import Session

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
        win.close()


@pytest.fixture(params=["thread", "process"])
def mode(request, monkeypatch):
    """Both ways the window trains: on a thread of this process, and in a training process."""
    monkeypatch.setenv("BACKPROP_STUDIO_INPROCESS", "1" if request.param == "thread" else "0")
    return request.param


def _texts(win):
    """Every loss text the window shows, recorded after each snapshot."""
    seen = []

    def record(_s):
        seen.append((win.controls.progress_label.text(), win.status_progress.text()))

    win.snapshot_applied.connect(record)
    return seen


def _no_blank_loss(seen):
    bad = [(a, b) for a, b in seen if "NaN" in a or "Loss —" in b or "Loss nan" in b]
    assert seen and not bad, bad[:3]


def test_the_loss_never_shows_nan_while_running_nor_after_save_open_and_back(
    qtbot, mode, window, tmp_path, monkeypatch
):
    win = window("xor-lecture")
    seen = _texts(win)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.running and len(seen) > 30, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    path = str(tmp_path / "run.json")
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName", lambda *a, **k: (path, ""))
    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileName", lambda *a, **k: (path, ""))
    with qtbot.waitSignal(win.controller.session_saved, timeout=TIMEOUT):
        win.act_save.trigger()
    qtbot.waitUntil(lambda: (win.latest_snapshot.message or "").startswith("Saved"), timeout=TIMEOUT)
    win.act_open.trigger()
    qtbot.waitUntil(lambda: (win.latest_snapshot.message or "").startswith("Loaded the session"), timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Left, Qt.ShiftModifier)  # at the first phase already
    qtbot.waitUntil(lambda: "first phase" in (win.latest_snapshot.message or ""), timeout=TIMEOUT)
    _no_blank_loss(seen)
    assert "NaN" not in win.controls.progress_label.text() and "Loss —" not in win.status_progress.text()


def test_a_past_step_shows_its_own_epoch_step_and_loss_and_says_it_is_past(qtbot, mode, window):
    win = window("xor-lecture")
    for _ in range(10):
        qtbot.keyClick(win, Qt.Key_Right)
    qtbot.waitUntil(lambda: win.latest_snapshot.step == 10 and win.values_snapshot.step == 10, timeout=TIMEOUT)
    win.timeline_slider.setValue(5)
    qtbot.waitUntil(lambda: win.latest_snapshot.viewing_step == 5, timeout=TIMEOUT)
    straight = Session.from_preset("xor-lecture").trainer
    straight.run_steps(5)
    loss = f"{straight.evaluate()[1]:.6g}"
    status = win.status_progress.text()
    assert "Past step 5" in status and "epoch 5" in status and f"Loss {loss}" in status and "live: step 10" in status
    assert "Step 10" not in status and "Epoch 10" not in status
    assert "Step 5" in win.controls.progress_label.text() and loss[:5] in win.controls.progress_label.text()
    win.live_button.click()
    qtbot.waitUntil(lambda: win.latest_snapshot.viewing_step is None, timeout=TIMEOUT)
    assert "Step 10" in win.status_progress.text()


def test_hinge_on_a_regression_while_running_is_refused_and_space_still_pauses(qtbot, mode, window):
    win = window("sine-regression")
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.running, timeout=TIMEOUT)
    combo = win.controls.loss_combo
    with qtbot.waitSignal(win.controller.error_occurred, timeout=TIMEOUT) as err:
        combo.setCurrentIndex(combo.findData("hinge"))
    assert "hinge" in err.args[0]
    qtbot.waitUntil(lambda: "hinge" in win.statusBar().currentMessage(), timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    assert win.act_run.text() == "Run" and not win.controls.run_button.isChecked()
    assert win.latest_snapshot.loss_name == "mse" and not win.notice.isVisible()


def test_a_failure_in_the_worker_is_shown_once_with_details_to_copy_and_the_window_goes_on(qtbot, window, monkeypatch):
    from model.trainer import Trainer

    original = Trainer.run_steps

    def run_steps(self, n, after_step=None):
        if after_step is not None:
            raise RuntimeError("a bug in the engine")
        return original(self, n, after_step)

    monkeypatch.setattr(Trainer, "run_steps", run_steps)
    win = window("xor-lecture")
    failures = []
    win.controller.worker_failed.connect(failures.append)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.notice.isVisible(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running and win.act_run.text() == "Run", timeout=TIMEOUT)
    assert len(failures) == 1 and "a bug in the engine" in win.notice.text()
    win.notice.details_button.click()
    dlg = win.notice.details_dialog
    assert "Traceback" in dlg.text.toPlainText() and "RuntimeError: a bug in the engine" in dlg.text.toPlainText()
    dlg.copy_button.click()
    assert "RuntimeError: a bug in the engine" in QGuiApplication.clipboard().text()
    dlg.close()
    win.activateWindow()  # (a window manager does this when the dialog closes)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Right)  # the window is usable
    qtbot.waitUntil(lambda: win.latest_snapshot.step == 1, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Space)  # the same failure again: counted, not stacked
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=TIMEOUT)
    assert "×2" in win.notice.text()
    win.notice.close_button.click()
    assert not win.notice.isVisible()


def test_divergence_stays_announced_until_the_user_takes_the_suggested_rate(qtbot, mode, window):
    win = window("lr-too-large")
    lr = win.latest_snapshot.learning_rate
    with qtbot.waitSignal(win.controller.diverged, timeout=20_000) as diverged:
        qtbot.keyClick(win, Qt.Key_Space)
    d = diverged.args[0]
    qtbot.waitUntil(lambda: win.notice.isVisible(), timeout=TIMEOUT)
    assert f"step {d.step}" in win.notice.text()
    for _ in range(3):  # snapshots keep coming; the notice and the headline stay
        serial = win.latest_snapshot.serial
        win.controller.request_snapshot()
        qtbot.waitUntil(lambda s=serial: win.latest_snapshot.serial > s and win.values_drawn, timeout=TIMEOUT)
    assert win.notice.isVisible() and "diverged" in win.phase_label.text()
    button = win.notice.action_button
    assert button.isVisible() and f"{d.suggested_learning_rate:g}" in button.text() and d.suggested_learning_rate < lr
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        button.click()
    qtbot.waitUntil(lambda: win.latest_snapshot.learning_rate == d.suggested_learning_rate, timeout=TIMEOUT)
    assert not win.notice.isVisible()


def test_a_killed_training_process_is_announced_and_restarted_and_the_keys_work(qtbot, window, monkeypatch):
    monkeypatch.setenv("BACKPROP_STUDIO_INPROCESS", "0")  # the child process, as the app runs
    win = window("xor-lecture")
    c = win.controller
    assert c.process is not None
    qtbot.keyClick(win, Qt.Key_Space)
    # a snapshot with values past step 100: the restart continues from the values the window has shown
    # (a fast engine reaches step 100 before the first such snapshot of the run)
    qtbot.waitUntil(
        lambda: (
            win.latest_snapshot.running and win.latest_snapshot.step > 100 and win.latest_snapshot.values is not None
        ),
        timeout=TIMEOUT,
    )
    first = c.process
    first.kill()
    qtbot.waitUntil(lambda: win.notice.isVisible() and "stopped unexpectedly" in win.notice.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: win.act_run.text() == "Run", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: c.process is not first and "new training process" in (win.latest_snapshot.message or ""))
    step = win.latest_snapshot.step
    assert step > 100 and not win.latest_snapshot.running
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.running and win.latest_snapshot.step > step + 100, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_R)
    qtbot.waitUntil(lambda: win.latest_snapshot.step == 0, timeout=TIMEOUT)
