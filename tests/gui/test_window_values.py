"""Right values on screen (issue 7 §1, §2), each driven through keys and clicks as a lecturer would."""

import os

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread: fast start-up for tests

import gui.main_window as main_window
from gui.main_window import MainWindow
from model import Session, load_session
from model.stepview import StepView

TIMEOUT = 10_000


@pytest.fixture
def window(qtbot):
    windows = []

    def make(preset="xor-lecture"):
        win = MainWindow(session=Session.from_preset(preset))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitUntil(lambda: win.values_drawn, timeout=TIMEOUT)  # drawn
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=TIMEOUT)
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


def _phase_keys(qtbot, win, forward=0, back=0):
    """Shift+→ ``forward`` times, then Shift+← ``back`` times; wait until the window shows the result."""
    s = win.values_snapshot
    index = (s.phase.index if s.step_phases else -1) + forward - back
    for _ in range(forward):
        qtbot.keyClick(win, Qt.Key_Right, Qt.ShiftModifier)
    for _ in range(back):
        qtbot.keyClick(win, Qt.Key_Left, Qt.ShiftModifier)

    def shown():
        s = win.values_snapshot
        return bool(s.step_phases) and s.phase.index == index

    qtbot.waitUntil(lambda: shown() and win.values_drawn, timeout=TIMEOUT)


def _drawn_numbers(diagram):
    return [text for _, text, _, _ in diagram.scene.current()["numbers"]]


def test_stepping_back_shows_the_weights_of_the_phase_shown(qtbot, mode, window):
    win = window("worked-example")
    diagram = win.diagram_panel.diagram
    qtbot.mouseClick(win.diagram_panel.numbers_check, Qt.LeftButton)  # Show numbers
    _phase_keys(qtbot, win, forward=8, back=7)  # the whole step, then back to phase 1
    w2 = [diagram.value_at("edge", 2, i, j) for i in range(2) for j in range(2)]
    assert w2 == pytest.approx([0.40, 0.50, 0.45, 0.55])  # w5, w7, w6, w8 before the update
    assert "phase 1 of 8" in diagram.scene.caption()[1]
    numbers = _drawn_numbers(diagram)
    assert {"0.40", "0.45", "0.50", "0.55"} <= set(numbers)
    assert not {"0.36", "0.51", "0.41", "0.56"} & set(numbers)  # the updated weights
    assert diagram.is_pending("neuron", 2, "a")  # the output is not computed yet at phase 1


def test_every_phase_shown_while_stepping_back_has_exactly_that_phases_values(qtbot, window):
    """Each phase shown is compared with the model's StepView of the same step up to that phase."""
    win = window("worked-example")
    diagram = win.diagram_panel.diagram
    reference = Session.from_preset("worked-example").trainer
    phases = reference.step_phases()  # the same step, computed independently
    full = StepView.from_phases(phases, loss=reference.loss)  # the weights the forward pass used
    _phase_keys(qtbot, win, forward=8)
    for k in range(6, -1, -1):
        _phase_keys(qtbot, win, back=1)
        view = StepView.from_phases(phases, cursor=k, loss=reference.loss)
        for layer in (1, 2):
            s = view.layer(layer)
            for q, got in (("a", s.a), ("z", s.z), ("delta", s.delta)):
                for unit in (0, 1):
                    want = None if got is None else float(got.mean(axis=0)[unit])  # the batch mean of one sample
                    assert diagram.value_at("neuron", layer, unit, quantity=q) == want, (k, q, layer, unit)
            W = s.W_new if s.W_new is not None else full.layer(layer).W
            for i in range(2):
                for j in range(2):
                    assert diagram.value_at("edge", layer, i, j, quantity="w") == W[i, j], (k, layer, i, j)
                    want = None if s.dW is None else float(s.dW[i, j])
                    assert diagram.value_at("edge", layer, i, j, quantity="grad") == want, (k, layer, i, j)
        # and before the update the weights are the step's old ones, whatever is shown
        if phases[k].kind != "update":
            assert diagram.value_at("edge", 2, 0, 0, quantity="w") == pytest.approx(0.40)


def test_the_diagram_shows_the_lectures_per_sample_delta_as_the_inspector_does(qtbot, window):
    """xor-lecture, sample 1: δ of the output is the lecture's d2 = (a2 − y)·σ′(z2), not d2/4."""
    win = window("xor-lecture")
    diagram, combo = win.diagram_panel.diagram, win.diagram_panel.sample_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)  # from "batch mean" to sample 1
    assert combo.currentData() == 0
    lecture_d2 = 0.09931773  # the lecture's d2 of sample 1 at the initial weights
    assert diagram.value_at("neuron", 2, 0, quantity="delta") == pytest.approx(lecture_d2, abs=5e-9)
    tip = diagram.scene.tooltip_text(("neuron", 2, 0))
    assert "δ = 0.0993177" in tip
    # the sample's share of ∂L/∂w is a·δ/m, so the four shares add up to ∂L/∂w
    grad = diagram.value_at("edge", 2, 0, 0, quantity="grad")
    shares = []
    for s in range(4):
        diagram.set_sample(s)
        line = [x for x in diagram.scene.tooltip_text(("edge", 2, 0, 0)).splitlines() if "share" in x][0]
        shares.append(float(line.rsplit("=", 1)[1].replace("−", "-")))
    assert sum(shares) == pytest.approx(grad, rel=1e-4)
    # stepping into the step: the δ phase shows the same per-sample δ
    diagram.set_sample(0)
    _phase_keys(qtbot, win, forward=4)  # forward 1, forward 2, loss, δ(2)
    assert win.values_snapshot.phase.kind == "delta"
    assert diagram.value_at("neuron", 2, 0, quantity="delta") == pytest.approx(lecture_d2, abs=5e-9)


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_the_diagrams_delta_is_the_inspectors_whatever_the_losss_reduction(qtbot, reduction):
    """The loss says how its δ is per sample (a sum needs no factor m): the diagram asks it, as the inspector does."""
    d = Session.from_preset("xor-lecture").to_dict()
    d["loss"] = {"name": "mse", "half": True, "reduction": reduction}
    win = MainWindow(session=Session.from_dict(d))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.values_drawn, timeout=TIMEOUT)
        diagram = win.diagram_panel.diagram
        diagram.select_neuron(2, 0)
        qtbot.waitUntil(lambda: win.inspector.explanation is not None, timeout=TIMEOUT)
        inspector = win.inspector.explanation.numbers["delta"]
        for s in range(4):
            diagram.set_sample(s)
            assert diagram.value_at("neuron", 2, 0, quantity="delta") == pytest.approx(inspector[s], rel=1e-12)
        if reduction == "sum":  # ½Σ(ŷ − y)²: δ is the lecture's d2 without any 1/m
            assert inspector[0] == pytest.approx(0.09931773, abs=5e-9)
    finally:
        win.close()


def _this_phase(text):
    return [line for line in text.splitlines() if "◀ this phase" in line]


def test_the_inspector_follows_shift_left(qtbot, window):
    win = window("worked-example")
    diagram = win.diagram_panel.diagram
    _phase_keys(qtbot, win, forward=5, back=2)
    assert win.values_snapshot.phase.kind == "loss" and win.values_snapshot.phase.index == 2  # "Loss, phase 3 of 8"
    qtbot.mouseClick(diagram, Qt.LeftButton, pos=diagram.neuron_center(1, 0).toPoint())  # hidden neuron 1
    qtbot.waitUntil(lambda: win.inspector.explanation is not None, timeout=TIMEOUT)
    marked = _this_phase(win.inspector.text())
    assert not any("Backward" in line for line in marked), marked  # δ comes after the loss phase
    # a whole step, then one phase back: the mark leaves "Update"
    _phase_keys(qtbot, win, forward=5)  # on to the step's 8th phase: the update
    assert win.values_snapshot.phase.kind == "update"
    qtbot.waitUntil(lambda: any("Update" in line for line in _this_phase(win.inspector.text())), timeout=TIMEOUT)
    _phase_keys(qtbot, win, back=1)  # ∂L/∂W(1) and ∂L/∂b(1)
    marked = _this_phase(win.inspector.text())
    assert marked and all("Gradient" in line for line in marked), marked


def test_the_accuracy_curve_keeps_its_place_when_the_batch_size_changes(qtbot, mode, window, tmp_path, monkeypatch):
    win = window("circles-relu")  # 200 samples, batch 10: 20 steps per epoch
    plot = win.loss_plot
    win.controls.set_speed(0.0)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.epoch >= 5, timeout=TIMEOUT)
    plot.refresh()
    drawn = plot.acc_curve.getData()[0].copy()  # what the class sees when the batch size changes
    # epochs ended every 20 steps: at step 19, 39, …
    np.testing.assert_array_equal(drawn, 20.0 * np.arange(1, drawn.size + 1) - 1.0)
    win.controls.batch_spin.setValue(100)  # 2 steps per epoch from now on
    qtbot.waitUntil(lambda: win.latest_snapshot.batch_size == 100, timeout=TIMEOUT)
    changed_at = win.latest_snapshot.step
    qtbot.waitUntil(lambda: win.latest_snapshot.step >= changed_at + 200, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    plot.refresh()
    x, _ = plot.acc_curve.getData()
    np.testing.assert_array_equal(x[: drawn.size], drawn)  # nothing drawn moved
    assert np.all(np.diff(x[-50:]) == 2.0)  # two steps per epoch after the change
    assert x[-1] <= win.latest_snapshot.step - 1
    # every epoch, the one the change cut in two too, sits exactly at its last step, as the trainer recorded it
    path = tmp_path / "run.json"
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    with qtbot.waitSignal(win.controller.session_saved, timeout=TIMEOUT):
        win.act_save.trigger()
    saved = load_session(path).trainer
    assert saved.epoch == x.size and saved.step == win.latest_snapshot.step
    np.testing.assert_array_equal(x, saved.history.epoch_step.exact() - 1.0)
    cut = int(np.argmax(np.diff(x) != 20.0)) + 1  # the epoch in progress when the batch size changed
    assert 2.0 <= x[cut] - x[cut - 1] <= 20.0


def _answer_next_dialog(callback):
    def poll():
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, poll)
        else:
            callback(dlg)

    QTimer.singleShot(20, poll)


def test_ok_on_an_unchanged_weight_changes_nothing(qtbot, window):
    win = window("worked-example")
    diagram = win.diagram_panel.diagram
    exact = 9.712345678901234
    win.controller.set_weight(1, 0, 0, exact)
    qtbot.waitUntil(lambda: win.values_snapshot.values[0].W[0, 0] == exact and win.values_drawn, timeout=TIMEOUT)
    pos = diagram.edge_midpoint(1, 0, 0).toPoint()
    seen = []
    _answer_next_dialog(lambda dlg: (seen.append(dlg.textValue()), dlg.accept()))
    qtbot.mouseDClick(diagram, Qt.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    qtbot.wait(100)  # let a weight command, if any was sent, reach the worker and come back
    win.controller.request_snapshot()
    qtbot.waitUntil(lambda: win.values_drawn, timeout=TIMEOUT)
    assert win.undo_stack.count() == 0
    assert win.values_snapshot.values[0].W[0, 0] == exact  # not rounded to 9.712346


def test_the_colour_scale_starts_afresh_after_reset(qtbot, window):
    win = window("xor-lecture")
    diagram = win.diagram_panel.diagram
    fresh = max(max(np.abs(v.W).max(), np.abs(v.b).max()) for v in win.values_snapshot.values)  # ±2.01
    assert diagram.ranges()[1] == pytest.approx(fresh)
    win.controls.set_speed(0.0)
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: diagram.ranges()[1] > 2 * fresh, timeout=30_000)  # the run grows the weights
    qtbot.keyClick(win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running and win.values_drawn, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_R)
    qtbot.waitUntil(lambda: win.values_snapshot.step == 0 and win.values_drawn, timeout=TIMEOUT)
    largest = max(max(np.abs(v.W).max(), np.abs(v.b).max()) for v in win.values_snapshot.values)
    assert diagram.ranges()[1] == pytest.approx(largest) == pytest.approx(fresh)


def test_space_after_enter_in_a_number_box_runs_instead_of_typing(qtbot, window):
    win = window("xor-lecture")
    box = win.controls.lr_spin
    qtbot.mouseClick(box.lineEdit(), Qt.LeftButton)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "0.5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.waitUntil(lambda: win.latest_snapshot.learning_rate == pytest.approx(0.5), timeout=TIMEOUT)
    assert not box.hasFocus() and not box.lineEdit().hasFocus()
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key_Space)
    qtbot.waitUntil(lambda: win.latest_snapshot.running, timeout=TIMEOUT)
    assert box.text() == "0.5"
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key_Space)
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)


def test_space_types_into_a_box_being_edited(qtbot, window):
    win = window("xor-lecture")
    field = win.controls.bp_epoch_spin
    win.controls.bp_epoch_check.setChecked(True)
    qtbot.mouseClick(field.lineEdit(), Qt.LeftButton, pos=QPoint(2, 2))
    field.lineEdit().selectAll()
    qtbot.keyClick(field.lineEdit(), Qt.Key_Space)
    qtbot.wait(100)
    assert not win.latest_snapshot.running  # the key went to the text being edited
