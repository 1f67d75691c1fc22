"""The control panel: it shows a session without emitting, and turns user actions into requests."""

import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog

from gui.controls import DEBOUNCE_MS, ControlPanel
from model import Session
from model.presets import PRESETS

SIGNALS = (
    "preset_chosen",
    "csv_chosen",
    "rebuild_requested",
    "loss_changed",
    "optimizer_changed",
    "learning_rate_changed",
    "batch_size_changed",
    "reset_requested",
    "step_requested",
    "step_phase_requested",
    "step_back_requested",
    "run_toggled",
    "speed_changed",
    "breakpoints_changed",
)


def session_dict(name):
    return Session.from_preset(name).to_dict(with_history=False)


@pytest.fixture
def panel(qtbot):
    p = ControlPanel()
    qtbot.addWidget(p)
    p.set_session(session_dict("xor-lecture"))
    p.resize(330, 900)
    p.show()
    return p


def record(panel, name):
    seen = []
    getattr(panel, name).connect(lambda *args: seen.append(args[0] if args else None))
    return seen


def choose(combo, data):
    """Pick the item whose data is ``data``, as a click in the popup list does."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def type_into(qtbot, spin, text):
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def test_set_session_emits_nothing_and_shows_the_session(qtbot, panel):
    d = session_dict("imbalanced-focal")
    with qtbot.assertNotEmitted(panel.rebuild_requested, wait=DEBOUNCE_MS + 100):
        signals = {name: record(panel, name) for name in SIGNALS}
        panel.set_session(d)
    assert not any(signals.values()), {k: v for k, v in signals.items() if v}
    assert panel.preset_combo.currentData() == "imbalanced-focal"
    assert panel.dataset_combo.currentData() == "imbalanced"
    assert [(r.neurons.value(), r.activation.currentData()) for r in panel.hidden_layer_rows()] == [
        (8, "relu"),
        (8, "relu"),
    ]
    assert panel.loss_combo.currentData() == "focal"
    assert panel.loss_param_widgets["alpha"].value() == pytest.approx(0.75)
    assert not panel.loss_param_none_boxes["alpha"].isChecked()
    assert panel.optimizer_combo.currentData() == "adam"
    assert panel.lr_spin.value() == pytest.approx(0.01)
    assert panel.batch_spin.value() == 32


def test_choosing_a_preset_emits_its_name(qtbot, panel):
    panel.preset_combo.setFocus()
    with qtbot.waitSignal(panel.preset_chosen) as blocker:
        qtbot.keyClick(panel.preset_combo, Qt.Key.Key_Down)
    assert blocker.args == [list(PRESETS)[1]]
    assert panel.preset_description.text().startswith(PRESETS[list(PRESETS)[1]].description)


def test_lr_slider_is_logarithmic_and_moves_the_box(qtbot, panel):
    seen = record(panel, "learning_rate_changed")
    assert panel.lr_spin.value() == pytest.approx(0.1)
    panel.lr_slider.setFocus()
    qtbot.keyClick(panel.lr_slider, Qt.Key.Key_PageDown)  # one decade down
    qtbot.keyClick(panel.lr_slider, Qt.Key.Key_Left)  # a tenth of a decade down
    assert seen[0] == pytest.approx(0.01)
    assert seen[1] == pytest.approx(10**-2.1, rel=1e-3)
    assert panel.lr_spin.value() == seen[1]


def test_typing_a_learning_rate_moves_the_slider(qtbot, panel):
    seen = record(panel, "learning_rate_changed")
    type_into(qtbot, panel.lr_spin, "0.003")
    assert seen == [0.003]
    assert panel.lr_slider.value() == round((math.log10(0.003) + 5) * 100)
    type_into(qtbot, panel.lr_spin, "3e-4")
    assert seen[-1] == pytest.approx(3e-4)
    assert panel.lr_spin.text() == "0.0003"


def test_huber_shows_delta_and_emits_its_value(qtbot, panel):
    seen = record(panel, "loss_changed")
    choose(panel.loss_combo, "huber")
    assert seen == [{"name": "huber", "delta": 1.0}]
    assert set(panel.loss_param_widgets) == {"delta"}
    qtbot.waitUntil(panel.loss_param_widgets["delta"].isVisible, timeout=1000)
    type_into(qtbot, panel.loss_param_widgets["delta"], "2.5")
    assert seen[-1] == {"name": "huber", "delta": 2.5}


def test_incompatible_loss_is_explained_and_not_emitted(qtbot, panel):
    with qtbot.assertNotEmitted(panel.loss_changed):
        choose(panel.loss_combo, "cross_entropy")
    assert panel.loss_message.isVisible()
    assert "softmax" in panel.loss_message.text() and "sigmoid" in panel.loss_message.text()


def test_cross_entropy_is_emitted_for_a_softmax_output(qtbot, panel):
    panel.set_session(session_dict("blobs-softmax"))
    choose(panel.loss_combo, "mse")
    with qtbot.waitSignal(panel.loss_changed) as blocker:
        choose(panel.loss_combo, "cross_entropy")
    assert blocker.args == [{"name": "cross_entropy"}]
    assert "ŷ − y" in panel.loss_message.text()  # the fused softmax + cross-entropy δ


def test_focal_alpha_can_be_switched_on_and_off(qtbot, panel):
    seen = record(panel, "loss_changed")
    choose(panel.loss_combo, "focal")
    assert seen[-1] == {"name": "focal", "gamma": 2.0, "alpha": None}
    off = panel.loss_param_none_boxes["alpha"]
    assert off.isChecked() and not panel.loss_param_widgets["alpha"].isEnabled()
    qtbot.waitUntil(off.isVisible, timeout=1000)
    qtbot.mouseClick(off, Qt.MouseButton.LeftButton)
    assert seen[-1] == {"name": "focal", "gamma": 2.0, "alpha": 0.5}
    assert panel.loss_param_widgets["alpha"].isEnabled()
    qtbot.mouseClick(off, Qt.MouseButton.LeftButton)
    assert seen[-1]["alpha"] is None


def test_add_and_remove_hidden_layers(qtbot, panel):
    seen = record(panel, "rebuild_requested")
    qtbot.mouseClick(panel.add_layer_button, Qt.MouseButton.LeftButton)
    assert seen[-1]["architecture"]["sizes"] == [2, 3, 3, 1]
    assert seen[-1]["architecture"]["activations"] == ["sigmoid", "sigmoid", "sigmoid"]
    assert len(panel.hidden_layer_rows()) == 2
    qtbot.mouseClick(panel.hidden_layer_rows()[0].remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.hidden_layer_rows()[0].remove, Qt.MouseButton.LeftButton)
    assert seen[-1]["architecture"]["sizes"] == [2, 1]
    assert seen[-1]["architecture"]["activations"] == ["sigmoid"]
    assert len(seen) == 3


def test_train_biases_has_a_box_per_layer_shown_from_the_session_and_sent_with_the_architecture(qtbot, panel):
    assert [b.isChecked() for b in panel.train_bias_boxes] == [True, True]
    seen = record(panel, "rebuild_requested")
    panel.set_session(session_dict("worked-example"))  # published: the biases are not trained
    assert [b.isChecked() for b in panel.train_bias_boxes] == [False, False]
    assert seen == []  # showing a session requests nothing
    box = panel.train_bias_boxes[1]
    qtbot.waitUntil(lambda: box.isVisible() and box.width() > 20)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert seen[-1]["architecture"]["train_biases"] == [False, True]
    qtbot.mouseClick(panel.add_layer_button, Qt.MouseButton.LeftButton)  # a new hidden layer trains its biases
    assert seen[-1]["architecture"]["train_biases"] == [False, True, True]
    assert len(panel.train_bias_boxes) == 3


def test_typing_neurons_rebuilds_once(qtbot, panel):
    seen = record(panel, "rebuild_requested")
    with qtbot.waitSignal(panel.rebuild_requested, timeout=3000):
        type_into(qtbot, panel.hidden_layer_rows()[0].neurons, "128")
    qtbot.wait(DEBOUNCE_MS + 100)
    assert [d["architecture"]["sizes"] for d in seen] == [[2, 128, 1]]


def test_output_activation_reexplains_the_loss(qtbot, panel):
    choose(panel.loss_combo, "hinge")  # needs a linear or tanh output; the output is sigmoid
    assert panel.loss_message.isVisible()
    with qtbot.waitSignal(panel.rebuild_requested) as blocker:
        choose(panel.output_activation_combo, "tanh")
    assert blocker.args[0]["architecture"]["activations"][-1] == "tanh"
    assert blocker.args[0]["loss"] == {"name": "hinge"}  # applied together with the new output
    assert not panel.loss_message.isVisible()


def test_dataset_change_requests_a_rebuild_with_its_params(qtbot, panel):
    with qtbot.waitSignal(panel.rebuild_requested) as blocker:
        choose(panel.dataset_combo, "blobs")
    assert blocker.args == [{"data": {"name": "blobs", "seed": 0, "n_samples": 200, "noise": 0.2, "classes": 3}}]
    with qtbot.waitSignal(panel.rebuild_requested, timeout=3000) as blocker:
        type_into(qtbot, panel.data_param_widgets["classes"], "4")
    assert blocker.args[0]["data"]["classes"] == 4


def test_load_csv_emits_the_chosen_path(qtbot, panel, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("/tmp/points.csv", ""))
    with qtbot.waitSignal(panel.csv_chosen) as blocker:
        qtbot.mouseClick(panel.csv_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["/tmp/points.csv"]


def test_optimizer_and_batch_size(qtbot, panel):
    with qtbot.waitSignal(panel.optimizer_changed) as blocker:
        choose(panel.optimizer_combo, "momentum")
    assert blocker.args == [{"name": "momentum", "learning_rate": 0.1, "momentum": 0.9, "nesterov": False}]
    with qtbot.waitSignal(panel.batch_size_changed) as blocker:
        type_into(qtbot, panel.batch_spin, "16")
    assert blocker.args == [16]
    with qtbot.waitSignal(panel.batch_size_changed) as blocker:
        type_into(qtbot, panel.batch_spin, "0")
    assert blocker.args == [None]
    assert panel.batch_spin.text() == "Full batch"


def test_run_button_toggles_and_set_running_is_silent(qtbot, panel):
    seen = record(panel, "run_toggled")
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert seen == [True, False]
    panel.set_running(True)
    assert seen == [True, False]
    assert "Pause" in panel.run_button.text().replace("&", "")


def test_training_buttons_and_speed(qtbot, panel):
    for button, name in (
        (panel.reset_button, "reset_requested"),
        (panel.step_button, "step_requested"),
        (panel.step_phase_button, "step_phase_requested"),
        (panel.back_button, "step_back_requested"),
    ):
        with qtbot.waitSignal(getattr(panel, name)):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.speed_changed) as blocker:
        choose(panel.speed_combo, 30.0)
    assert blocker.args == [30.0]


def test_breakpoints(qtbot, panel):
    seen = record(panel, "breakpoints_changed")
    qtbot.mouseClick(panel.bp_epoch_check, Qt.MouseButton.LeftButton)
    assert seen[-1] == {"epoch": 1000, "loss_below": None, "grad_below": None, "grad_above": None}
    qtbot.mouseClick(panel.bp_vanish_check, Qt.MouseButton.LeftButton)
    type_into(qtbot, panel.bp_vanish_spin, "1e-7")
    assert seen[-1] == {"epoch": 1000, "loss_below": None, "grad_below": 1e-7, "grad_above": None}
    qtbot.mouseClick(panel.bp_epoch_check, Qt.MouseButton.LeftButton)
    assert seen[-1]["epoch"] is None


def test_progress_label(panel):
    panel.set_progress(12, 340, 0.0487123, 0.975, 1234.0)
    assert "12" in panel.progress_label.text() and "0.048712" in panel.progress_label.text()
    panel.set_progress(13, 350, float("nan"), None, 0.0)
    assert "NaN" in panel.progress_label.text()
    assert panel.progress_label.font().pointSizeF() >= 14


def test_every_button_is_reachable_by_keyboard(panel):
    buttons = [w for w in panel.content.findChildren(QAbstractButton) if w.isVisibleTo(panel)]
    assert len(buttons) >= 15
    chain = panel.focus_chain()
    for b in buttons:
        assert b.focusPolicy() != Qt.FocusPolicy.NoFocus, b.text()
        assert b in chain, b.text()
        assert b.toolTip() or b.text(), b
    # Tab order runs from top to bottom, including hidden-layer rows added later.
    qtbot_rows = panel.hidden_layer_rows()
    order = [
        panel.preset_combo,
        panel.run_button,
        panel.lr_spin,
        panel.bp_epoch_check,
        panel.dataset_combo,
        qtbot_rows[0].neurons,
        qtbot_rows[0].remove,
        panel.add_layer_button,
        panel.loss_combo,
    ]
    positions = [chain.index(w) for w in order]
    assert positions == sorted(positions)


def test_added_layer_is_in_tab_order(qtbot, panel):
    qtbot.mouseClick(panel.add_layer_button, Qt.MouseButton.LeftButton)
    chain = panel.focus_chain()
    new_row = panel.hidden_layer_rows()[-1]
    assert (
        chain.index(panel.hidden_layer_rows()[0].remove)
        < chain.index(new_row.neurons)
        < chain.index(panel.add_layer_button)
    )


def test_wheel_over_an_unfocused_input_scrolls_instead_of_editing(qtbot, panel):
    spin = panel.hidden_layer_rows()[0].neurons
    panel.step_button.setFocus()
    before = spin.value()
    scrollbar = panel._scroll.verticalScrollBar()
    scrollbar.setValue(scrollbar.maximum() // 2)
    middle = scrollbar.value()
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(spin.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    with qtbot.assertNotEmitted(panel.rebuild_requested, wait=DEBOUNCE_MS + 100):
        QApplication.sendEvent(spin, wheel)
    assert spin.value() == before
    assert scrollbar.value() > middle


def test_section_header_folds_its_body(qtbot, panel):
    section = panel.sections["run_until"]
    assert panel.bp_epoch_check.isVisible()
    qtbot.mouseClick(section.header, Qt.MouseButton.LeftButton)
    assert not panel.bp_epoch_check.isVisible()
    qtbot.keyClick(section.header, Qt.Key.Key_Space)
    assert panel.bp_epoch_check.isVisible()
