"""View → Compare side by side, driven as a lecturer drives it: a suggestion, Run/Step/Reset, a side's value."""

import copy

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import Qt, QThread

from gui.compare_window import CompareWindow
from model import Session
from model.compare import Comparison, apply_setting
from model.presets import get_preset

TIMEOUT = 10_000


@pytest.fixture(autouse=True)
def _worker_on_a_thread(monkeypatch):
    """The comparison's worker on a thread of this process, where the tests can look at it (one test: a process)."""
    monkeypatch.setenv("BACKPROP_STUDIO_INPROCESS", "1")


@pytest.fixture
def compare(qtbot):
    windows = []

    def make(preset="spiral-adam", session=None):
        d = session or get_preset(preset).session_dict()
        win = CompareWindow(d)
        win.show()
        qtbot.waitUntil(lambda: win.latest_frame is not None, timeout=TIMEOUT)
        windows.append(win)
        return win

    yield make
    for win in windows:
        if shiboken6.isValid(win):  # (closing deletes it)
            win.close()


def _wait_steps(qtbot, win, steps):
    qtbot.waitUntil(
        lambda: win.latest_frame is not None and tuple(s.step for s in win.latest_frame.sides) == steps,
        timeout=TIMEOUT,
    )


def _curve_y(win, i):
    win.refresh_curves()
    y = win.curves[i].yData
    return np.zeros(0) if y is None else np.asarray(y, dtype=float)


def test_opens_on_the_presets_suggestion_with_two_named_curves(qtbot, compare):
    win = compare("spiral-adam")
    assert win.kind == "optimizer" and win.values == ["sgd", "adam"]
    names = [c.name() for c in win.plot.getPlotItem().listDataItems()]
    assert names == ["SGD", "Adam"]
    assert win.legend.entries == ["SGD", "Adam"]
    assert "SGD" in win.output_titles[0].text() and "Adam" in win.output_titles[1].text()
    assert "Adam" in win.notice.text()
    assert [b.text() for b in win.suggestion_buttons] == ["SGD ↔ Adam"]


def test_stepping_both_sides_equals_two_separate_trainer_runs_bit_for_bit(qtbot, compare):
    win = compare("outliers-huber")
    for _ in range(3):
        qtbot.keyClick(win, Qt.Key_Right)
    _wait_steps(qtbot, win, (3, 3))
    win.run_button.click()
    qtbot.waitUntil(lambda: min(s.step for s in win.latest_frame.sides) >= 40, timeout=TIMEOUT)
    win.run_button.click()
    qtbot.waitUntil(lambda: not win.running, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not win.latest_frame.running, timeout=TIMEOUT)
    steps = [s.step for s in win.latest_frame.sides]
    assert steps[0] == steps[1]  # the sides advance together
    base = Comparison(get_preset("outliers-huber").session_dict(), "loss", *win.values).base
    for i, value in enumerate(win.values):
        alone = Session.from_dict(apply_setting(base, "loss", value)).trainer
        alone.run_steps(steps[i])
        assert np.array_equal(_curve_y(win, i), np.asarray(alone.history.report.view()))
        live = win.worker.worker.comparison.trainers[i]
        assert np.array_equal(live.network.flat, alone.network.flat)


def test_changing_one_sides_setting_leaves_the_other_untouched(qtbot, compare):
    win = compare("xor-lecture")
    assert win.kind == "learning_rate"
    for _ in range(5):
        win.step_button.click()
    _wait_steps(qtbot, win, (5, 5))
    before = _curve_y(win, 0).copy()
    kept = win.worker.worker.comparison.sessions[0]
    win.editors[1].spin.setValue(0.5)  # (keyboard tracking off: the value arrives when typing is done)
    _wait_steps(qtbot, win, (5, 0))
    assert win.worker.worker.comparison.sessions[0] is kept
    assert np.array_equal(_curve_y(win, 0), before)
    assert _curve_y(win, 1).size == 0
    assert [c.name() for c in win.curves] == ["γ = 0.1", "γ = 0.5"]
    win.reset_button.click()
    _wait_steps(qtbot, win, (0, 0))


def test_a_suggestion_is_one_click_and_a_bad_value_is_one_line(qtbot, compare):
    win = compare("vanishing-gradients")
    assert win.speed_combo.currentData() == 100.0  # the preset's pace: the sigmoid plateau lasts over a minute
    assert [b.text() for b in win.suggestion_buttons] == ["Sigmoid hidden layers ↔ ReLU hidden layers"]
    index = win.kind_combo.findData("learning_rate")
    win.kind_combo.setCurrentIndex(index)
    win.kind_combo.activated.emit(index)
    assert win.kind == "learning_rate" and win.values == [0.5, 0.05]
    qtbot.waitUntil(lambda: win.latest_frame.kind == "learning_rate", timeout=TIMEOUT)
    win.suggestion_buttons[0].click()
    assert win.kind == "activation" and win.values == ["sigmoid", "relu"]
    qtbot.waitUntil(lambda: win.latest_frame.kind == "activation", timeout=TIMEOUT)
    index = win.preset_combo.findData("spiral-adam")
    win.preset_combo.setCurrentIndex(index)
    win.preset_combo.activated.emit(index)
    assert win.speed_combo.currentData() == 0.0 and win.kind == "optimizer"  # the speed before the pace
    win.worker.send("set_speed", -3)
    qtbot.waitUntil(lambda: win.status.text().startswith("⚠"), timeout=TIMEOUT)
    assert "\n" not in win.status.text()


def test_the_main_windows_session_is_compared_from_its_initial_weights(qtbot, compare):
    s = Session.from_preset("circles-relu")
    s.trainer.run_steps(3)
    d = s.to_dict()
    d["name"] = "custom"
    win = compare(session=copy.deepcopy(d))
    assert win.preset_combo.currentData() is None and win.kind == "learning_rate"
    assert win.values == [0.1, pytest.approx(0.01)]
    assert [s.step for s in win.latest_frame.sides] == [0, 0]
    fresh = Session.from_preset("circles-relu").trainer.network.flat
    assert np.array_equal(win.worker.worker.comparison.trainers[0].network.flat, fresh)


def test_closing_during_a_run_leaves_no_thread(qtbot, compare):
    win = compare("vanishing-gradients")
    thread = win.worker.thread
    win.run_button.click()
    qtbot.waitUntil(lambda: win.running and win.latest_frame.sides[0].step > 0, timeout=TIMEOUT)
    win.close()
    assert not thread.isRunning()
    assert all(t.objectName() != "compare" or not t.isRunning() for t in win.findChildren(QThread))


def test_view_menu_opens_it_with_a_shortcut_listed_in_f1(qtbot):
    from gui.main_window import MainWindow
    from gui.shortcuts import shortcut_rows

    main = MainWindow(session=Session.from_preset("imbalanced-focal"))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.session_dict is not None, timeout=TIMEOUT)
    rows = [r for r in shortcut_rows(main) if r[1] == "Compare side by side…"]
    assert rows and rows[0][0] == "View" and rows[0][2] == "Ctrl+K"
    main.act_compare.trigger()
    win = main.compare_window
    assert win is not None and win.isVisible()
    qtbot.waitUntil(lambda: win.latest_frame is not None, timeout=TIMEOUT)
    assert win.kind == "loss" and win.labels == ["Binary cross-entropy", "Focal loss (γ = 2, α = 0.75)"]
    # the main window loads another session: "The main window's session" now starts from it
    main.controller.load_preset("sine-regression")
    qtbot.waitUntil(lambda: main.session_dict is not None and main.session_dict.get("name") == "sine-regression")
    index = win.preset_combo.findData(None)
    win.preset_combo.setCurrentIndex(index)
    win.preset_combo.activated.emit(index)
    assert win.base["name"] == "sine-regression" and win.kind == "learning_rate"
    thread = win.worker.thread
    main.close()  # closes the comparison too, and stops its thread
    assert not thread.isRunning()


def test_vanishing_gradients_trains_at_its_own_pace_and_the_users_speed_comes_back(qtbot):
    from gui.main_window import MainWindow

    main = MainWindow(session=Session.from_preset("xor-lecture"))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.session_dict is not None, timeout=TIMEOUT)
    assert main.controls.speed() == 0.0
    main.controls.set_speed(30)
    main.controller.load_preset("vanishing-gradients")
    qtbot.waitUntil(lambda: main.session_dict.get("name") == "vanishing-gradients", timeout=TIMEOUT)
    assert main.controls.speed() == 100.0
    main.controller.load_preset("spiral-adam")
    qtbot.waitUntil(lambda: main.session_dict.get("name") == "spiral-adam", timeout=TIMEOUT)
    assert main.controls.speed() == 30.0
    main.close()


def test_in_chinese_the_window_speaks_the_lectures_terms(qtbot, compare, chinese):
    win = compare("spiral-adam")
    assert win.windowTitle() == "并排比较"
    assert win.kind_combo.itemText(win.kind_combo.currentIndex()) == "优化器"
    assert win.run_button.text() == "运行" and win.reset_button.text() == "重置"
    assert win.notice.text().startswith("普通 SGD 对比 Adam")
    assert win.side_labels[0].text().startswith("A 侧")
    index = win.kind_combo.findData("activation")
    win.kind_combo.setCurrentIndex(index)
    win.kind_combo.activated.emit(index)
    assert win.editors[0].combo.currentText().endswith("隐藏层")
    assert win.output_views[0].accessibleName().startswith("A 侧的输出")


def test_every_control_has_an_accessible_name_and_a_theme_change_recolours_it(qtbot, compare):
    from gui import style
    from gui.accessibility import unnamed_controls

    win = compare("outliers-huber")
    assert not [type(w).__name__ + ":" + w.objectName() for w in unnamed_controls(win)]
    assert win.output_views[1].accessibleName() == "Output of side B: Huber loss (δ = 1)"
    before = style.theme().name
    try:
        style.set_theme("dark")
        assert win.plot.backgroundBrush().color().name() == style.colour(style.theme().base).name()
    finally:
        style.set_theme(before)


def test_a_diverging_side_turns_the_log_scale_on_unless_the_user_chose(qtbot, compare):
    win = compare("lr-too-large")
    assert win.values == [1.6, 0.1] and not win.log_box.isChecked()
    win.run_button.click()
    qtbot.waitUntil(lambda: win.latest_frame.sides[0].diverged is not None, timeout=TIMEOUT)
    win.run_button.click()
    qtbot.waitUntil(lambda: win.log_box.isChecked() and not win.latest_frame.running, timeout=TIMEOUT)
    assert "diverged" in win.status.text() and "γ = 1.6" in win.status.text()
    win.log_box.click()  # the user's choice stands from now on
    win.refresh_curves()
    assert not win.log_box.isChecked()


def test_the_worker_sends_one_frame_per_interval_not_one_per_step(qtbot):
    from gui.compare_worker import CompareWorker

    now = [0.0]
    worker = CompareWorker(clock=lambda: now[0])
    frames = []
    worker.frame_ready.connect(frames.append)
    worker.handle("load", (get_preset("xor-lecture").session_dict(), "learning_rate", 0.1, 1.0))
    worker.handle("set_speed", (1000,))
    worker.handle("run", ())
    sent = len(frames)
    now[0] += 0.5  # half a second at 1,000 steps/s: 500 steps on each side, in one tick
    worker._tick()
    assert len(frames) == sent + 1
    f = frames[-1]
    assert [s.step for s in f.sides] == [500, 500]
    losses = [np.concatenate([fr.sides[i].new_losses for fr in frames]) for i in range(2)]
    assert [x.size for x in losses] == [500, 500]  # every step's loss arrives, none twice
    now[0] += 0.01  # before the next frame is due: steps, but no frame
    worker._tick()
    assert len(frames) == sent + 1
    worker.handle("pause", ())
    assert [s.step for s in frames[-1].sides] == [510, 510] and not frames[-1].running


def test_the_side_panel_names_the_presets_comparisons(qtbot):
    from gui.controls import ControlPanel

    panel = ControlPanel()
    qtbot.addWidget(panel)
    panel.set_session(get_preset("vanishing-gradients").session_dict())
    text = panel.preset_description.text()
    assert text.startswith("Seven sigmoid layers")
    assert text.endswith("Side by side (View → Compare, Ctrl+K): Sigmoid hidden layers ↔ ReLU hidden layers")


def test_a_loss_that_does_not_fit_the_output_layer_is_one_line_and_the_side_keeps_its_value(qtbot, compare):
    win = compare("imbalanced-focal")
    for _ in range(2):
        win.step_button.click()
    _wait_steps(qtbot, win, (2, 2))
    editor = win.editors[1]
    index = editor.combo.findData({"name": "cross_entropy"})  # needs a softmax output layer; this one is sigmoid
    item = editor.combo.model().item(index)
    assert not item.isEnabled() and "softmax" in item.toolTip()  # greyed, with the reason
    assert editor.combo.model().item(editor.combo.findData({"name": "bce"})).isEnabled()
    editor.combo.setCurrentIndex(index)  # (a program, or an old list, could still send it)
    editor.combo.activated.emit(index)
    error = win.status.text().splitlines()[0]
    assert error.startswith("⚠") and "softmax" in error
    assert editor.combo.currentData() == {"name": "focal", "gamma": 2.0, "alpha": 0.75}
    assert win.values[1] == {"name": "focal", "gamma": 2.0, "alpha": 0.75}
    win.step_button.click()
    _wait_steps(qtbot, win, (3, 3))  # nothing was restarted


def test_no_english_is_left_in_chinese_for_any_preset_or_setting(qtbot, compare, chinese):
    from test_i18n_walk import Walk, _plot_menus, _report

    from model.compare import kinds_for
    from model.presets import PRESETS

    win = compare("spiral-adam")
    win.step_button.click()
    _wait_steps(qtbot, win, (1, 1))

    class _Walk(Walk):
        def add(self, where, text):  # (a legend row keeps its words together with no-break spaces)
            super().add(where, str(text or "").replace("\xa0", " ").replace("&nbsp;", " "))

    walk = _Walk()
    for name in PRESETS:
        index = win.preset_combo.findData(name)
        win.preset_combo.setCurrentIndex(index)
        win.preset_combo.activated.emit(index)
        for kind in kinds_for(win.base):
            k = win.kind_combo.findData(kind)
            win.kind_combo.setCurrentIndex(k)
            win.kind_combo.activated.emit(k)
            walk.widget_tree(win, f"compare {name} {kind}")
    qtbot.waitUntil(lambda: win.latest_frame.kind == win.kind, timeout=TIMEOUT)
    walk.widget_tree(win, "compare after a frame")
    for a in win.actions():
        walk.action(a, "compare actions")
    _plot_menus(win, walk)
    english = walk.english()
    assert len(walk.found) > 500
    assert not english, _report(english)


def test_a_plots_menu_shows_everything_and_saves_the_comparison_as_a_picture(qtbot, compare, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    win = compare("sine-regression")
    win.step_button.click()
    _wait_steps(qtbot, win, (1, 1))
    menu = win.plot.getPlotItem().getViewBox().menu
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Show everything"
    assert [a.text() for a in win.plot.scene().contextMenu] == ["Save the comparison as a PNG picture…"]
    path = tmp_path / "side by side"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    win.act_save_png.trigger()
    saved = tmp_path / "side by side.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert win.status.text() == f"Saved the comparison to {saved}"
    with pytest.raises(ValueError, match="cannot write"):
        win.save_png(str(tmp_path / "no such folder" / "x.png"))


def test_in_its_own_process_the_runs_are_the_same_and_closing_leaves_no_process(qtbot, compare, monkeypatch):
    monkeypatch.setenv("BACKPROP_STUDIO_INPROCESS", "0")
    win = compare("spiral-adam")
    assert win.worker.process is not None and win.worker.process.is_alive()
    for _ in range(4):
        win.step_button.click()
    _wait_steps(qtbot, win, (4, 4))
    win.run_button.click()
    qtbot.waitUntil(lambda: min(s.step for s in win.latest_frame.sides) >= 30, timeout=TIMEOUT)
    win.run_button.click()
    qtbot.waitUntil(lambda: not win.latest_frame.running, timeout=TIMEOUT)
    steps = [s.step for s in win.latest_frame.sides]
    base = Comparison(get_preset("spiral-adam").session_dict(), "optimizer", "sgd", "adam").base
    for i, value in enumerate(("sgd", "adam")):
        alone = Session.from_dict(apply_setting(base, "optimizer", value)).trainer
        alone.run_steps(steps[i])
        assert np.array_equal(_curve_y(win, i), np.asarray(alone.history.report.view()))
    process, relay = win.worker.process, win.worker.thread
    win.close()
    assert not process.is_alive() and not relay.isRunning()
