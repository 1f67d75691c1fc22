"""The whole window, driven the way a lecturer drives it: keys, clicks, the side panel."""

import math
import os

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread: fast start-up for tests

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


def _wait_step(qtbot, win, step):
    qtbot.waitUntil(lambda: win.latest_snapshot.step == step and win.values_snapshot.step == step, timeout=TIMEOUT)


def _output_delta(win):
    return np.array(win.values_snapshot.values[-1].delta)


def test_window_opens_on_the_default_preset_ready_to_run(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.session_dict is not None, timeout=TIMEOUT)
    assert win.session_dict["name"] == "xor-lecture"
    assert "xor-lecture" in win.windowTitle()
    assert win.latest_snapshot.step == 0
    assert not win.latest_snapshot.running
    win.close()


def test_right_arrow_takes_one_step_and_the_diagram_changes(qtbot, window):
    win = window()
    qtbot.waitUntil(lambda: win.values_drawn, timeout=TIMEOUT)
    before = win.diagram_panel.diagram.value_at("edge", 1, 0, 0)
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key_Right)
    _wait_step(qtbot, win, 1)
    qtbot.waitUntil(lambda: win.diagram_panel.diagram.value_at("edge", 1, 0, 0) != before, timeout=TIMEOUT)
    assert win.latest_snapshot.new_report.size + win.loss_plot.report_curve.xData.size >= 1


def test_space_runs_and_pauses(qtbot, window):
    win = window()
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.running and win.latest_snapshot.step > 50, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    stopped_at = win.latest_snapshot.step
    qtbot.wait(200)
    assert win.latest_snapshot.step == stopped_at


def test_learning_rate_changed_mid_run_reaches_the_worker_without_a_reset(qtbot, window):
    win = window()
    win.controls.set_speed(0.0)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.step > 100, timeout=TIMEOUT)
    reached = win.latest_snapshot.step
    win.controls.lr_spin.setValue(0.5)
    qtbot.waitUntil(lambda: win.latest_snapshot.learning_rate == pytest.approx(0.5), timeout=TIMEOUT)
    assert win.latest_snapshot.step >= reached  # training went on from where it was
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)


def test_switching_the_loss_changes_the_output_delta(qtbot, window):
    win = window()
    delta_mse = _output_delta(win)
    combo = win.controls.loss_combo
    combo.setCurrentIndex(combo.findData("mae"))
    qtbot.waitUntil(lambda: win.values_snapshot.loss_name == "mae", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not np.allclose(_output_delta(win), delta_mse), timeout=TIMEOUT)
    assert win.values_snapshot.step == 0  # the weights were not reset


def test_divergence_guard_pauses_and_says_what_to_try(qtbot, window):
    win = window("lr-too-large")
    with qtbot.waitSignal(win.controller.training_stopped, timeout=20_000) as stopped:
        qtbot.keyClick(win, Qt.Key_Space)
    reason = stopped.args[0]
    assert "diverged" in reason and "smaller learning rate" in reason
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    assert "diverged" in win.phase_label.text()
    qtbot.waitUntil(lambda: win.values_snapshot.step == win.latest_snapshot.step, timeout=TIMEOUT)
    assert all(np.all(np.isfinite(v.W)) for v in win.values_snapshot.values)


def test_shift_right_steps_one_phase_and_shift_left_goes_back(qtbot, window):
    win = window("worked-example")
    for _ in range(3):  # forward 1, forward 2, loss
        qtbot.keyClick(win, Qt.Key_Right, Qt.ShiftModifier)

    def shown():  # the phase the window shows
        return win.values_snapshot.phase

    qtbot.waitUntil(lambda: shown() is not None and shown().kind == "loss", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Loss" in win.phase_label.text(), timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Left, Qt.ShiftModifier)
    qtbot.waitUntil(lambda: shown().kind == "forward" and shown().layer == 2, timeout=TIMEOUT)
    assert win.latest_snapshot.step == 0  # looking back changes nothing


def _activate(qtbot, win):
    """After a modal dialog the window is active again (offscreen, that takes an explicit request)."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=TIMEOUT)


def _answer_next_dialog(callback):
    """Answer the modal dialog that the next action opens (QInputDialog / QMessageBox)."""

    def poll():
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, poll)
        else:
            callback(dlg)

    QTimer.singleShot(20, poll)


def test_a_typed_weight_is_applied_and_undone_exactly(qtbot, window):
    win = window("worked-example")
    diagram = win.diagram_panel.diagram
    qtbot.waitUntil(lambda: diagram.value_at("edge", 2, 0, 0) is not None, timeout=TIMEOUT)
    original = win.values_snapshot.values[1].W[0, 0]

    def type_value(dlg):
        dlg.setDoubleValue(-1.25)
        dlg.accept()

    _answer_next_dialog(type_value)
    diagram.weight_edit_requested.emit(2, 0, 0, float(original))  # what a double-click on w5 sends
    qtbot.waitUntil(lambda: win.values_snapshot.values[1].W[0, 0] == -1.25, timeout=TIMEOUT)
    assert win.undo_stack.count() == 1
    _activate(qtbot, win)
    diagram.setFocus()  # the user double-clicked the diagram: Ctrl+Z goes to the window's undo
    qtbot.keyClick(diagram, Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(lambda: win.values_snapshot.values[1].W[0, 0] == original, timeout=TIMEOUT)


def test_gradient_check_key_opens_a_passing_table(qtbot, window):
    win = window()
    with qtbot.waitSignal(win.controller.gradient_checked, timeout=TIMEOUT):
        qtbot.keyClick(win, Qt.Key_G)
    qtbot.waitUntil(lambda: getattr(win, "gradcheck_dialog", None) is not None, timeout=TIMEOUT)
    assert win.gradcheck_dialog.passed
    win.gradcheck_dialog.close()


def test_time_travel_shows_a_past_step_and_resumes_from_it_exactly(qtbot, window):
    win = window("spiral-adam")
    for _ in range(12):
        qtbot.keyClick(win, Qt.Key_Right)
    _wait_step(qtbot, win, 12)
    straight = Session.from_preset("spiral-adam").trainer
    straight.run_steps(5)
    win.timeline_slider.setValue(5)
    qtbot.waitUntil(lambda: win.values_snapshot.viewing_step == 5, timeout=TIMEOUT)
    assert np.array_equal(win.values_snapshot.values[0].W, straight.network.layers[0].W)
    assert win.resume_button.isEnabled()

    _answer_next_dialog(lambda dlg: dlg.button(QMessageBox.Yes).click())
    win.resume_button.click()
    qtbot.waitUntil(
        lambda: (
            win.latest_snapshot.step == 5 and win.values_snapshot.viewing_step is None and win.values_snapshot.step == 5
        ),
        timeout=TIMEOUT,
    )
    _activate(qtbot, win)
    qtbot.keyClick(win, Qt.Key_Right)
    _wait_step(qtbot, win, 6)
    straight.run_steps(1)
    assert np.array_equal(win.values_snapshot.values[0].W, straight.network.layers[0].W)


def test_closing_during_a_run_stops_the_thread(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None, timeout=TIMEOUT)
    win.controller.run()
    qtbot.waitUntil(lambda: win.latest_snapshot.running, timeout=TIMEOUT)
    win.close()
    assert not win.controller.is_alive()


def test_status_bar_shows_epoch_step_loss_and_rate(qtbot, window):
    win = window()
    qtbot.keyClick(win, Qt.Key_Right)
    _wait_step(qtbot, win, 1)
    qtbot.waitUntil(lambda: "Step 1" in win.status_progress.text(), timeout=TIMEOUT)
    text = win.status_progress.text()
    assert "Epoch 1" in text and "Loss" in text
    loss = float(text.split("Loss")[1].split()[0])
    assert math.isclose(loss, win.latest_snapshot.loss, rel_tol=1e-5)


def test_run_until_epoch_pauses_there_and_says_why(qtbot, window):
    win = window()
    c = win.controls
    c.bp_epoch_spin.setValue(300)
    with qtbot.waitSignal(win.controller.training_stopped, timeout=20_000) as stopped:
        c.bp_epoch_check.setChecked(True)  # the panel sends the breakpoints when the box is ticked
        qtbot.wait(50)
        qtbot.keyClick(win, Qt.Key_Space)
    assert "300" in stopped.args[0]
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    assert win.latest_snapshot.epoch == 300
    qtbot.waitUntil(lambda: "300" in win.statusBar().currentMessage(), timeout=TIMEOUT)


def test_help_menu_opens_the_loss_functions_gallery(qtbot, window):
    win = window()
    # (the menus themselves, not QAction.menu(): PySide6 6.7 returns a dead wrapper from it)
    help_menu = next(m for m in win.menuBar().findChildren(QMenu) if "Help" in m.title())
    entry = next(a for a in help_menu.actions() if a.text().startswith("Loss functions"))
    entry.trigger()
    qtbot.waitUntil(lambda: win.loss_gallery.isVisible(), timeout=TIMEOUT)
    assert win.loss_gallery.table.rowCount() >= 12
    win.loss_gallery.close()


def test_a_malformed_session_file_is_one_line_and_keeps_the_good_state(qtbot, window, tmp_path):
    win = window()
    qtbot.keyClick(win, Qt.Key_Right)
    _wait_step(qtbot, win, 1)
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "backprop-studio/1", "loss": {"name": "mse"}')  # cut short
    with qtbot.waitSignal(win.controller.error_occurred, timeout=TIMEOUT) as error:
        win.controller.load_session(str(bad))
    message = error.args[0]
    assert "broken.json" in message and "\n" not in message
    qtbot.waitUntil(lambda: "broken.json" in win.statusBar().currentMessage(), timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Right)  # the session that was good still trains on
    _wait_step(qtbot, win, 2)
    assert win.session_dict["name"] == "xor-lecture"


def test_a_bad_csv_file_names_the_line_and_changes_nothing(qtbot, window, tmp_path):
    win = window()
    bad = tmp_path / "data.csv"
    bad.write_text("x1,x2,y\n0,0,0\n0,abc,1\n")
    win.controls.csv_chosen.emit(str(bad))  # what "Load CSV…" sends after the file dialog
    qtbot.waitUntil(lambda: "line 3" in win.statusBar().currentMessage(), timeout=TIMEOUT)
    assert win.session_dict["data"]["name"] == "xor"


def test_adding_a_hidden_layer_rebuilds_and_the_window_says_the_weights_were_reset(qtbot, window):
    win = window()
    qtbot.keyClick(win, Qt.Key_Right)
    _wait_step(qtbot, win, 1)
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT) as changed:
        win.controls.add_layer_button.click()
    assert changed.args[0]["architecture"]["sizes"][0] == 2 and len(changed.args[0]["architecture"]["sizes"]) == 4
    qtbot.waitUntil(lambda: "re-initialised" in win.statusBar().currentMessage(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: win.latest_snapshot.step == 0 and len(win.values_snapshot.values) == 3, timeout=TIMEOUT)


def test_every_view_follows_the_view_protocol_and_a_new_view_is_fed_by_the_window(qtbot, window):
    from PySide6.QtWidgets import QWidget

    from gui.view import View

    win = window()
    assert all(isinstance(v, View) for v in win.views)

    class Counter(QWidget):
        refresh_hz = 10

        def __init__(self):
            super().__init__()
            self.shown, self.refreshed, self.restyled = [], 0, 0

        def show(self, snapshot=None):
            if snapshot is None:
                return super().show()
            self.shown.append(snapshot.step)

        def refresh(self):
            self.refreshed += 1

        def restyle(self):
            self.restyled += 1

    counter = Counter()
    win.bottom_tabs.addTab(counter, "counter")
    win.bottom_tabs.setCurrentWidget(counter)
    win.views.append(counter)  # one line: the window feeds, refreshes and restyles it like the others
    qtbot.keyClick(win, Qt.Key_Right)
    qtbot.waitUntil(lambda: 1 in counter.shown and counter.refreshed > 0, timeout=TIMEOUT)
    win.set_theme_choice("dark")
    win.set_theme_choice("light")
    assert counter.restyled >= 1


def test_the_tests_read_the_windows_public_state_only():
    """values_snapshot, values_drawn, session_dict, presentation_zoom: not the window's underscored names."""
    import re
    from pathlib import Path

    private = re.compile(r"\bwin\._[a-z]\w*")
    here = Path(__file__).resolve().parent
    found = [
        f"{path.name}:{k}"
        for path in sorted(here.glob("*.py"))
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if private.search(line) and "private.search" not in line
    ]
    assert not found, found
