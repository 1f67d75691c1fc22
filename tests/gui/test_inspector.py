"""Tests for the inspector dock and the gradient-check dialog, through what a user sees and does."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

from gui.gradcheck_dialog import FAIL_BACKGROUND, PASS_BACKGROUND, GradientCheckDialog
from gui.inspector import Inspector
from model import Session
from model.gradcheck import gradient_check
from model.snapshot import network_values


def _step(preset, stop=None):
    session = Session.from_preset(preset)
    t = session.trainer
    phases = []
    while True:
        p = t.step_phase()
        phases.append(p)
        if p.kind == "update" or (stop and (p.kind, p.layer) == stop):
            break
    return session, phases


@pytest.fixture
def inspector(qtbot):
    w = Inspector(precision=9)
    qtbot.addWidget(w)
    w.resize(520, 700)
    return w


def _show(w, session, phases, selection, sample=None):
    t = session.trainer
    vals = network_values(t.network, t.X, t.Y, t.loss)
    w.show_selection(selection, phases, vals, t.loss, t.optimizer, sample)


def test_showing_a_selection_renders_its_numbers(inspector):
    session, phases = _step("worked-example", stop=("delta", 1))
    _show(inspector, session, phases, ("neuron", 1, 0))
    shown = inspector.browser.toPlainText()
    assert "0.593269992" in shown  # a(1)
    assert "0.008771355" in shown  # δ(1), this phase
    assert "not computed yet in this step" in shown
    assert inspector.scope_label.text() == "One sample"
    assert inspector.explanation.numbers["delta"] == pytest.approx(0.008771354689, abs=1e-12)


def test_changing_the_precision_re_renders(inspector, qtbot):
    session, phases = _step("worked-example")
    _show(inspector, session, phases, ("edge", 2, 0, 0))
    assert "0.082167041" in inspector.browser.toPlainText()
    with qtbot.waitSignal(inspector.precision_changed) as blocker:
        inspector.precision_spin.setValue(4)
    assert blocker.args == [4]
    shown = inspector.browser.toPlainText()
    assert "0.0822" in shown and "0.082167041" not in shown
    assert "0.0822" in inspector.text()


def test_precision_spin_box_is_limited_to_2_to_12(inspector):
    assert (inspector.precision_spin.minimum(), inspector.precision_spin.maximum()) == (2, 12)


def test_copy_puts_the_plain_text_on_the_clipboard(inspector, qtbot):
    session, phases = _step("worked-example")
    _show(inspector, session, phases, ("neuron", 2, 0))
    QGuiApplication.clipboard().setText("")
    qtbot.mouseClick(inspector.copy_button, Qt.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == inspector.explanation.text
    assert "δ₁⁽²⁾ = ∂L/∂a₁⁽²⁾ · σ′(z₁⁽²⁾)" in copied  # plain Unicode, no HTML
    assert "<" not in copied


def test_nothing_selected_shows_what_to_click_and_the_phase_equation(inspector):
    session, phases = _step("worked-example", stop=("gradient", 2))
    _show(inspector, session, phases, None)
    shown = inspector.browser.toPlainText()
    assert "Click a neuron or a weight in the diagram" in shown
    assert "∂L/∂W(2)" in shown  # the browser's text has no superscripts…
    assert "∂L/∂W⁽²⁾ = A⁽¹⁾ᵀ δ⁽²⁾" in inspector.text()  # …the copyable text has them in Unicode
    assert inspector.explanation is None
    assert inspector.scope_label.text() == "Nothing selected"


def test_sample_and_batch_indicator(inspector):
    session, phases = _step("xor-lecture")
    _show(inspector, session, phases, ("neuron", 1, 1))
    assert inspector.scope_label.text() == "Batch of 4"
    _show(inspector, session, phases, ("neuron", 1, 1), sample=2)
    assert inspector.scope_label.text() == "Sample 3"
    assert "Sample 3 of 4" in inspector.browser.toPlainText()


def test_a_bad_selection_keeps_the_last_good_equations(inspector):
    session, phases = _step("worked-example")
    _show(inspector, session, phases, ("neuron", 2, 1))
    before = inspector.browser.toPlainText()
    _show(inspector, session, phases, ("neuron", 9, 0))
    assert inspector.browser.toPlainText() == before
    assert "there is no layer 9" in inspector.scope_label.text()


def test_clear_returns_to_the_hint(inspector):
    session, phases = _step("worked-example")
    _show(inspector, session, phases, ("neuron", 2, 1))
    inspector.clear()
    assert "Click a neuron" in inspector.browser.toPlainText()
    assert "Click a neuron" in inspector.text()


# --- gradient check dialog ----------------------------------------------------------------------
def _checks(corrupt):
    t = Session.from_preset("xor-lecture").trainer
    grads = t.network.gradients(t.X, t.Y, t.loss)
    if corrupt:
        grads[2] = grads[2].copy()
        grads[2][1, 0] *= 1.01  # one weight of layer 2 off by 1 %
    return gradient_check(t.network, t.loss, t.X, t.Y, grads=grads)


def _result_cell(dialog, row):
    return dialog.table.item(row, dialog.table.columnCount() - 1)


def test_a_correct_gradient_is_green(qtbot):
    d = GradientCheckDialog()
    qtbot.addWidget(d)
    d.set_results(_checks(False))
    assert d.table.rowCount() == 2
    for row in range(2):
        cell = _result_cell(d, row)
        assert cell.text() == "pass"
        assert cell.background().color() == QColor(PASS_BACKGROUND)
    assert d.passed
    assert d.summary().startswith("Backprop's gradients agree with central finite differences")
    assert "the chain rule was applied correctly" in d.summary()
    assert "e−" in d.table.item(0, 1).text()  # scientific notation


def test_a_corrupted_gradient_is_red(qtbot):
    d = GradientCheckDialog()
    qtbot.addWidget(d)
    d.set_results(_checks(True))
    assert _result_cell(d, 0).background().color() == QColor(PASS_BACKGROUND)  # layer 1 untouched
    bad = _result_cell(d, 1)
    assert bad.text() == "FAIL"
    assert bad.background().color() == QColor(FAIL_BACKGROUND)
    assert d.table.item(1, 3).text() == "W₂₁⁽²⁾"  # the worst weight, 1-based as on screen
    assert not d.passed
    assert "disagree" in d.summary() and "a gradient is wrong" in d.summary()
    assert "W₂₁⁽²⁾" in d.summary()


def test_no_results_says_so(qtbot):
    d = GradientCheckDialog()
    qtbot.addWidget(d)
    d.set_results([])
    assert d.table.rowCount() == 0 and not d.passed
    assert "did not run" in d.summary()


def test_inspector_png_renders(inspector, tmp_path):
    """The widget draws (the image is not blank white)."""
    session, phases = _step("worked-example", stop=("delta", 1))
    _show(inspector, session, phases, ("neuron", 1, 0))
    inspector.show()
    img = inspector.grab().toImage()
    pixels = np.array(
        [img.pixelColor(x, y).lightness() for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)]
    )
    assert (pixels < 128).sum() > 50


def _left_cells(doc):
    """The left column's (symbol) cells of every equation table in a rich-text document."""
    from PySide6.QtGui import QTextTable

    cells = []
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            for r in range(frame.rows()):
                c = frame.cellAt(r, 0)
                if c.columnSpan() > 1:  # a note across the table: it wraps as prose does
                    continue
                b = c.firstCursorPosition().block()
                if b.text().strip():
                    cells.append(b)
    return cells


@pytest.mark.parametrize("width", [260, 320, 520])
def test_a_symbol_is_never_broken_over_two_lines(inspector, qtbot, width):
    """The update's Δw₅ (worked-example, w1…w8 names) was split into "Δw" and "₅" in a narrow inspector:
    the left column's width is a guess at 13 pt, and Δ is wider than it guesses."""
    session, phases = _step("worked-example", stop=("gradient", 2))
    t = session.trainer
    names = session.to_dict(with_history=False)["weight_names"]  # the published names w1…w8
    values = network_values(t.network, t.X, t.Y, t.loss)
    inspector.show_selection(("edge", 2, 0, 0), phases, values, t.loss, t.optimizer, weight_names=names)
    assert "\nΔw5\n" in inspector.browser.toPlainText()  # (its subscript is a format: plain "w5")
    doc = inspector.browser.document()
    doc.setTextWidth(width)  # as the inspector dock narrowed by the user
    doc.documentLayout().documentSize()
    cells = _left_cells(doc)
    assert any(b.text().startswith("Δ") for b in cells)
    for b in cells:
        assert b.layout().lineCount() == 1, b.text()
