"""The network diagram through what a user does: hover texts, clicks, double-clicks, toolbar, phases."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from gui.diagram import DiagramPanel, NetworkDiagram
from model.losses import make_loss
from model.network import Network
from model.session import Session
from model.snapshot import network_values


def session_values(preset):
    t = Session.from_preset(preset).trainer
    return t, network_values(t.network, t.X, t.Y, t.loss)


@pytest.fixture
def worked(qtbot):
    """A diagram showing the published worked example (2-2-2, w5 = 0.40 …)."""
    t, values = session_values("worked-example")
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(600, 450)
    d.set_values(values, t.X, t.Y)
    d.show()
    return d, t, values


@pytest.fixture
def panel(qtbot):
    t, values = session_values("xor-lecture")
    p = DiagramPanel()
    qtbot.addWidget(p)
    p.resize(600, 500)
    p.set_values(values, t.X, t.Y)
    p.show()
    return p, t, values


def at(point):
    return QPoint(round(point.x()), round(point.y()))


def pixel(widget, point):
    return widget.grab().toImage().pixelColor(at(point))


def test_hover_text_shows_the_worked_example_numbers(worked):
    d, _, values = worked
    edge = d.tooltip_text_at(at(d.edge_midpoint(2, 0, 0)))  # w5: hidden 1 → output 1
    assert "w = 0.4\n" in edge
    assert "∂L/∂w = 0.082167" in edge  # 0.08216704 in the published example
    neuron = d.tooltip_text_at(at(d.neuron_center(1, 0)))
    assert "z = 0.3775" in neuron and "a = 0.59327" in neuron and "b = 0.35" in neuron
    output = d.tooltip_text_at(at(d.neuron_center(2, 1)))
    assert "a = 0.772928" in output and "target y = 0.99" in output
    assert d.tooltip_text_at(QPoint(2, 2)) == ""


def test_hover_text_follows_new_values(worked):
    d, t, _ = worked
    pos = at(d.edge_midpoint(2, 0, 0))
    t.run_steps(1)
    d.set_values(network_values(t.network, t.X, t.Y, t.loss), t.X, t.Y)
    assert "w = 0.358916" in d.tooltip_text_at(pos)  # w5⁺ of the worked example


def test_a_visible_tooltip_updates_live(worked, qtbot):
    d, t, _ = worked
    pos = at(d.edge_midpoint(2, 0, 0))
    QApplication.sendEvent(d, QHelpEvent(QEvent.ToolTip, pos, d.mapToGlobal(pos)))
    try:
        assert QToolTip.isVisible() and "w = 0.4\n" in QToolTip.text()
        t.run_steps(1)
        d.set_values(network_values(t.network, t.X, t.Y, t.loss), t.X, t.Y)  # the mouse has not moved
        assert "w = 0.358916" in QToolTip.text()
    finally:
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_choosing_a_sample_changes_the_values_shown(panel):
    p, _, _ = panel
    d = p.diagram
    pos = at(d.neuron_center(0, 1))
    assert p.sample_combo.count() == 5  # batch mean + 4 XOR samples
    assert "x = 0.5" in d.tooltip_text_at(pos)  # mean of x₂ over (0, 1, 0, 1)
    p.sample_combo.setCurrentIndex(2)  # sample 2: x = (0, 1)
    assert d.sample() == 1
    assert "x = 1" in d.tooltip_text_at(pos)
    hidden_mean = d.value_at("neuron", 1, 0, quantity="a")
    p.sample_combo.setCurrentIndex(0)
    assert d.sample() is None
    assert d.value_at("neuron", 1, 0, quantity="a") != hidden_mean


def test_gradient_mode_recolours_the_edges_from_dW(worked, qtbot):
    d, _, values = worked
    # every weight of the example is positive; ∂L/∂w into output 2 is negative
    pos = d.edge_midpoint(2, 0, 1)
    before = pixel(d, pos)
    assert before.red() > before.blue()
    d.set_edge_quantity("grad")
    assert d.value_at("edge", 2, 0, 1) == pytest.approx(values[1].dW[0, 1])
    # the edge scale covers what it colours: every ∂L/∂w and the bias tabs' ∂L/∂b
    assert d.ranges()[1] == pytest.approx(max(np.abs(np.r_[lv.dW.ravel(), lv.db]).max() for lv in values))
    after = pixel(d, pos)
    assert after.blue() > after.red()
    assert "∂L/∂w = −0.0226025" in d.tooltip_text_at(at(pos))


def test_positive_and_negative_weights_differ_in_colour(qtbot):
    net = Network.from_dict(
        {
            "layers": [
                {"weights": [[1.0, -1.0]], "biases": [0.0, 0.0], "activation": "tanh"},
                {"weights": [[0.5], [0.5]], "biases": [0.0], "activation": "linear"},
            ]
        }
    )
    X, Y = np.array([[1.0]]), np.array([[0.0]])
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(500, 400)
    d.set_values(network_values(net, X, Y, make_loss("mse")), X, Y)
    d.show()
    image = d.grab().toImage()
    pos, neg = image.pixelColor(at(d.edge_midpoint(1, 0, 0))), image.pixelColor(at(d.edge_midpoint(1, 0, 1)))
    assert pos.red() > pos.blue() + 80  # orange
    assert neg.blue() > neg.red() + 80  # blue
    # neuron fill: tanh(1) > 0 and tanh(−1) < 0 on the neuron scale
    up, down = image.pixelColor(at(d.neuron_center(1, 0))), image.pixelColor(at(d.neuron_center(1, 1)))
    assert up.red() > up.blue() and down.blue() > down.red()


def test_clicking_selects_and_escape_clears(worked, qtbot):
    d, _, _ = worked
    with qtbot.waitSignal(d.edge_selected) as sig:
        qtbot.mouseClick(d, Qt.LeftButton, pos=at(d.edge_midpoint(2, 1, 0)))
    assert sig.args == [2, 1, 0]
    assert d.selection() == ("edge", 2, 1, 0)
    with qtbot.waitSignal(d.neuron_selected) as sig:
        qtbot.mouseClick(d, Qt.LeftButton, pos=at(d.neuron_center(1, 1)))
    assert sig.args == [1, 1]
    with qtbot.waitSignal(d.selection_cleared):
        qtbot.keyClick(d, Qt.Key_Escape)
    assert d.selection() is None


def test_arrow_keys_walk_the_neurons(worked, qtbot):
    d, _, _ = worked
    d.select_neuron(0, 0)
    qtbot.keyClick(d, Qt.Key_Down)
    assert d.selection() == ("neuron", 0, 1)
    qtbot.keyClick(d, Qt.Key_Right)
    assert d.selection() == ("neuron", 1, 1)
    qtbot.keyClick(d, Qt.Key_Right, Qt.ShiftModifier)  # Shift+→ steps a phase in the window: not ours
    assert d.selection() == ("neuron", 1, 1)
    with qtbot.waitSignal(d.bias_edit_requested) as sig:
        qtbot.keyClick(d, Qt.Key_Return)
    assert sig.args == [1, 1, 0.35]


def test_double_click_asks_to_edit_a_weight_or_a_bias(worked, qtbot):
    d, _, _ = worked
    with qtbot.waitSignal(d.weight_edit_requested) as sig:
        qtbot.mouseDClick(d, Qt.LeftButton, pos=at(d.edge_midpoint(2, 0, 0)))
    assert sig.args[:3] == [2, 0, 0] and sig.args[3] == pytest.approx(0.40)
    with qtbot.waitSignal(d.bias_edit_requested) as sig:
        qtbot.mouseDClick(d, Qt.LeftButton, pos=at(d.neuron_center(2, 1)))
    assert sig.args[:2] == [2, 1] and sig.args[2] == pytest.approx(0.60)
    with qtbot.assertNotEmitted(d.bias_edit_requested):
        qtbot.mouseDClick(d, Qt.LeftButton, pos=at(d.neuron_center(0, 0)))  # an input has no bias


def test_a_784_input_network_is_drawn_collapsed(qtbot):
    net = Network.from_sizes([784, 64, 10], ["relu", "softmax"], "he", 0)
    X = np.random.default_rng(0).random((8, 784))
    Y = np.eye(10)[np.arange(8)]
    p = DiagramPanel()
    qtbot.addWidget(p)
    p.resize(600, 450)
    p.set_values(network_values(net, X, Y, make_loss("cross_entropy")), X, Y)
    p.numbers_check.setChecked(True)
    p.show()
    d = p.diagram
    assert d.visible_units(0) == list(range(8)) + list(range(777, 784))
    assert len(d.visible_units(1)) == 15 and d.visible_units(2) == list(range(10))
    assert d.neuron_center(0, 100) is None and d.neuron_center(0, 783) is not None
    assert not d.numbers_drawn()  # 375 edges: too many to print
    assert not d.grab().isNull()
    assert "769 more neurons" in d.tooltip_text_at(at(d.scene.more[0][1]))


def test_numbers_are_printed_on_a_small_net(worked):
    d, _, _ = worked
    pos = d.edge_midpoint(1, 0, 0)
    plain = pixel(d, pos)
    d.set_show_numbers(True)
    assert d.numbers_drawn()
    image = d.grab().toImage()
    # the label box is white behind dark text: the edge colour is gone at its anchor
    box = image.pixelColor(at(pos) + QPoint(0, round(d.scene.num_h / 2) - 2))
    assert box != plain and box.lightness() > 200


def test_non_finite_values_paint_and_say_so(qtbot):
    t, _ = session_values("worked-example")
    t.network.layers[0].W[0, 0] = np.nan
    values = network_values(t.network, t.X, t.Y, t.loss)
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(600, 450)
    d.set_values(values, t.X, t.Y)
    d.set_show_numbers(True)
    d.show()
    image = d.grab().toImage()  # must not raise
    fill = image.pixelColor(at(d.neuron_center(1, 0)) + QPoint(0, -3))
    assert abs(fill.red() - QColor("#d01cb0").red()) < 30 and fill.green() < 80  # magenta
    assert "non-finite" in d.tooltip_text_at(at(d.edge_midpoint(1, 0, 0)))
    assert "non-finite" in d.tooltip_text_at(at(d.neuron_center(2, 0)))
    d.set_edge_quantity("grad")
    d.set_scale(True, 1.0, 1.0)
    assert not d.grab().isNull()


def test_phases_mark_what_is_not_computed_yet(worked):
    d, t, _ = worked
    phases = t.step_phases()  # forward 1, forward 2, loss, δ2, δ1, ∇2, ∇1, update
    d.set_phase(phases[0], phases[:1])
    assert not d.is_pending("neuron", 1, "a")
    assert d.is_pending("neuron", 2, "a") and d.is_pending("neuron", 2, "delta")
    assert d.is_pending("edge", 1, "grad") and not d.is_pending("edge", 1, "w")
    assert d.emphasised() == ("neurons", (1,))
    assert "not computed yet" in d.tooltip_text_at(at(d.neuron_center(2, 0)))

    d.set_phase(phases[4], phases[:5])  # δ(1): auto shows δ
    assert d.neuron_quantity() == "delta"
    assert not d.is_pending("neuron", 1) and d.is_pending("edge", 2, "grad")
    assert d.value_at("neuron", 2, 0) == pytest.approx(0.138498562)  # δ for o1 in the example

    d.set_phase(phases[5], phases[:6])  # ∂L/∂W(2)
    assert d.emphasised() == ("edges", (2,))
    assert not d.is_pending("edge", 2, "grad") and d.is_pending("edge", 1, "grad")

    d.set_phase(phases[-1], phases)  # update: the new weights, and what they were
    assert d.neuron_quantity() == "a"
    assert d.value_at("edge", 2, 0, 0) == pytest.approx(0.35891648)
    assert "was 0.4" in d.tooltip_text_at(at(d.edge_midpoint(2, 0, 0)))

    d.set_phase(None, ())
    assert not d.is_pending("neuron", 2, "delta") and d.emphasised() is None
    assert not d.grab().isNull()


def test_pending_values_are_drawn_grey(worked):
    d, t, _ = worked
    phases = t.step_phases()
    d.set_neuron_quantity("a")
    d.set_phase(phases[0], phases[:1])
    grey = pixel(d, d.neuron_center(2, 0))
    assert grey.red() == grey.green() == grey.blue()
    d.set_phase(phases[1], phases[:2])
    done = pixel(d, d.neuron_center(2, 0))
    assert done.red() > done.blue() + 40  # a ≈ 0.75: orange


def test_toolbar_drives_the_diagram(panel, qtbot):
    p, _, _ = panel
    d = p.diagram
    p.neuron_combo.setCurrentIndex(p.neuron_combo.findData("z"))
    assert d.neuron_quantity() == "z"
    p.edge_combo.setCurrentIndex(p.edge_combo.findData("grad"))
    assert d.edge_quantity() == "grad"
    p.scale_combo.setCurrentIndex(1)
    assert p.scale_spin.isEnabled()
    p.scale_spin.setValue(2.5)
    assert d.ranges() == (2.5, 2.5)
    p.scale_combo.setCurrentIndex(0)
    assert d.ranges() != (2.5, 2.5) and not p.scale_spin.isEnabled()
    qtbot.mouseClick(p.numbers_check, Qt.LeftButton)
    assert d.numbers_drawn()
    # every control is reachable by Tab and has an Alt mnemonic through its label or its own text
    mnemonic = {lab.buddy() for lab in p.findChildren(QLabel) if "&" in lab.text()}
    assert {p.neuron_combo, p.edge_combo, p.sample_combo, p.scale_combo} <= mnemonic
    assert "&" in p.numbers_check.text()
    for w in (p.neuron_combo, p.edge_combo, p.sample_combo, p.numbers_check, p.scale_combo, p.scale_spin, d):
        assert w.focusPolicy() & Qt.TabFocus


def test_auto_scale_shrinks_gently_and_grows_at_once(worked):
    d, t, values = worked
    r0 = d.ranges()[0]
    X2 = t.X * 100  # larger inputs: the neuron scale grows at once
    d.set_values(values, X2, t.Y)
    assert d.ranges()[0] == pytest.approx(10.0)
    d.set_values(values, t.X, t.Y)  # back: it shrinks, but not all the way in one frame
    assert r0 < d.ranges()[0] < 10.0


def test_bad_requests_are_refused_with_a_sentence(worked):
    d, _, _ = worked
    with pytest.raises(ValueError, match="no neuron"):
        d.select_neuron(3, 0)
    with pytest.raises(ValueError, match="unknown neuron quantity"):
        d.set_neuron_quantity("q")
    assert d.selection() is None
