"""The inspector in the window: it says what its numbers are (issue 7 §1) and shows the lecture's per-sample δ."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from gui.main_window import MainWindow
from model import Session

TIMEOUT = 10_000


@pytest.fixture
def window(qtbot):
    windows = []

    def make(preset):
        win = MainWindow(session=Session.from_preset(preset))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitUntil(lambda: win.values_drawn, timeout=TIMEOUT)  # drawn
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.close()


def test_the_scope_names_the_mini_batch_each_update_uses(qtbot, window):
    """spiral-adam: the values are over every sample, while each update uses a mini-batch."""
    win = window("spiral-adam")
    session = Session.from_preset("spiral-adam")
    m, b = session.trainer.X.shape[0], session.trainer.batch_size
    assert b < m
    win.diagram_panel.diagram.select_neuron(1, 0)
    qtbot.waitUntil(lambda: win.inspector.explanation is not None, timeout=TIMEOUT)
    scope = win.inspector.explanation.scope
    assert f"All {m} samples" in scope and f"each update uses a mini-batch of {b}" in scope
    assert f"Batch of {m}" not in scope and "as the update uses" not in scope
    assert scope == win.inspector.scope_label.toolTip()


def test_the_inspector_shows_the_lectures_delta_on_xor(qtbot, window):
    win = window("xor-lecture")
    win.diagram_panel.diagram.select_neuron(2, 0)
    qtbot.waitUntil(lambda: win.inspector.explanation is not None, timeout=TIMEOUT)
    deltas = win.inspector.explanation.numbers["delta"]
    assert deltas[0] == pytest.approx(0.09931773, abs=5e-9)  # the lecture's d2 of sample 1
    assert "δ is per sample, as in the lecture" in win.inspector.browser.toPlainText()


def _step_phases(qtbot, win, n):
    d = win.diagram_panel.diagram
    for _ in range(n):
        win.controller.step_phase()
    qtbot.waitUntil(lambda: d.scene.input.phase is not None and d.scene.input.phase.index == n - 1, timeout=TIMEOUT)


def test_the_diagram_shows_the_lectures_per_sample_delta_as_the_inspector_does(qtbot, window):
    """xor-lecture, sample 1, phase δ(2): the diagram's δ, its colour scale and its screen-reader text say
    0.0993177 (the lecture's d2), not the batch's ∂L/∂z (a quarter of it)."""
    win = window("xor-lecture")
    d = win.diagram_panel.diagram
    win.diagram_panel.sample_combo.setCurrentIndex(1)  # sample 1: x = (0, 0)
    _step_phases(qtbot, win, 4)  # forward 1, forward 2, loss, δ(2)
    assert d.scene.input.phase.kind == "delta" and d.neuron_quantity() == "delta"
    assert d.scene.value_at("neuron", 2, 0, quantity="delta") == pytest.approx(0.09931773, abs=5e-9)
    assert d.ranges()[0] == pytest.approx(0.09931773, abs=5e-9)  # the colour scale spans the per-sample δ
    d.select_neuron(2, 0)
    assert "δ = 0.0993177" in d.accessibleDescription()
    qtbot.waitUntil(lambda: win.inspector.explanation is not None, timeout=TIMEOUT)
    assert win.inspector.explanation.numbers["delta"] == pytest.approx(0.09931773, abs=5e-9)  # sample 1's
    win.diagram_panel.sample_combo.setCurrentIndex(2)  # sample 2: x = (0, 1)
    assert d.scene.value_at("neuron", 2, 0, quantity="delta") == pytest.approx(-0.0106293, abs=5e-8)


def test_the_diagrams_current_values_have_the_per_sample_delta_too(qtbot, window):
    """No step under way: the snapshot's values over all 4 samples, δ per sample all the same."""
    win = window("xor-lecture")
    d = win.diagram_panel.diagram
    assert d.scene.input.phase is None
    win.diagram_panel.sample_combo.setCurrentIndex(1)
    assert d.scene.value_at("neuron", 2, 0, quantity="delta") == pytest.approx(0.09931773, abs=5e-9)


def test_a_summed_loss_has_no_1_over_m_to_take_out_of_the_diagrams_delta(qtbot, window):
    """With reduction "sum", L = Σ ℓᵢ: δᵢ = ∂L/∂zᵢ as the trainer computes it (c = 1)."""
    win = window("xor-lecture")
    d = win.diagram_panel.diagram
    reduction = win.controls.loss_param_widgets["reduction"]
    reduction.setCurrentIndex(reduction.findData("sum"))  # the user picks "sum" in the loss's parameters
    qtbot.waitUntil(lambda: getattr(d._loss, "averages_samples", True) is False, timeout=TIMEOUT)
    win.diagram_panel.sample_combo.setCurrentIndex(1)
    _step_phases(qtbot, win, 4)
    assert d.scene.value_at("neuron", 2, 0, quantity="delta") == pytest.approx(0.09931773, abs=5e-9)
    raw = next(p for p in d._step_phases if p.kind == "delta").values["delta"]
    assert raw[0, 0] == pytest.approx(0.09931773, abs=5e-9)  # ½Σ(y−ŷ)²: the trainer's ∂L/∂z is δ itself
