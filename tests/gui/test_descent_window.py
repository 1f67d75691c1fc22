"""The 1-D gradient-descent explorer, through what a user does: buttons, slider, number boxes, dragging A."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread: fast start-up for tests

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gui.descent_window import DescentExplorer
from model.descent import BEHAVIOURS, CURVES, behaviour, descend


@pytest.fixture
def explorer(qtbot):
    w = DescentExplorer()
    qtbot.addWidget(w)
    w.resize(1000, 650)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.LeftButton)


@pytest.mark.parametrize("curve", list(CURVES))
def test_the_four_buttons_crawl_settle_oscillate_and_diverge(qtbot, explorer, curve):
    explorer.set_curve(curve)
    c = CURVES[curve]
    for case in BEHAVIOURS:
        _click(qtbot, explorer.buttons[case])
        run = explorer.run
        assert explorer.lr_spin.value() == pytest.approx(c.rates[case])
        assert explorer.x0_spin.value() == pytest.approx(c.start)
        assert behaviour(run) == case
        xs, ys = explorer.path_item.getData()
        assert np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))  # no inf/NaN reaches the axes
        np.testing.assert_allclose(xs, run.x)
        if case == "diverges":
            assert f"n = {run.diverged_at}" in explorer.note.text()
            assert explorer.table.rowCount() == run.diverged_at
        else:
            assert "n = " not in explorer.note.text()
            assert explorer.table.rowCount() == explorer.steps_spin.value() + 1


def test_the_table_reads_x_F_and_the_gradient_with_the_lectures_direction(qtbot, explorer):
    explorer.set_curve("quadratic")
    _click(qtbot, explorer.buttons["oscillates"])
    run = descend("quadratic", 2.5, 0.9, 30)
    for n in range(4):
        cells = [explorer.table.item(n, c).text() for c in range(5)]
        assert cells[:4] == [str(n), f"{run.x[n]:.6g}", f"{run.F[n]:.6g}", f"{run.grad[n]:.6g}"]
    # 2.5 → −2 → 1.6: ∇F > 0 steps left, then ∇F < 0 steps right
    assert explorer.table.item(0, 4).text() == "∇F > 0 → left ←"
    assert explorer.table.item(1, 4).text() == "∇F < 0 → right →"
    labels = [lab.toPlainText() for lab in explorer.step_labels if lab.isVisible()]
    assert labels[:3] == ["∇F>0  ←", "∇F<0  →", "∇F>0  ←"]


def test_the_slider_and_the_number_box_set_the_same_learning_rate(qtbot, explorer):
    explorer.set_curve("quadratic")
    explorer.lr_slider.setFocus()
    before = explorer.lr_spin.value()
    QTest.keyClick(explorer.lr_slider, Qt.Key_PageUp)
    after = explorer.lr_spin.value()
    assert after > before
    assert explorer.run.lr == pytest.approx(after)
    explorer.lr_spin.clear()
    QTest.keyClicks(explorer.lr_spin, "1.2")
    QTest.keyClick(explorer.lr_spin, Qt.Key_Return)
    assert explorer.run.lr == pytest.approx(1.2)
    assert explorer.lr_slider.value() > 900  # 1.2 sits near the slider's top (2)
    assert behaviour(explorer.run) == "oscillates"  # 1 − 2γ = −1.4: growing, but not past 10⁶ in 30 steps
    explorer.steps_spin.setValue(60)
    assert behaviour(explorer.run) == "diverges"


def _viewport_point(explorer, x, y):
    vb = explorer.plot.getPlotItem().vb
    scene = vb.mapViewToScene(QPointF(x, y))
    return explorer.plot.mapFromScene(scene)


def _drag(widget, start: QPoint, end: QPoint, steps=8):
    """Press, move with the button held, release: a real drag (QTest's mouseMove holds no button)."""

    def send(kind, pos, buttons):
        g = widget.mapToGlobal(pos)
        ev = QMouseEvent(kind, QPointF(pos), QPointF(g), Qt.LeftButton, buttons, Qt.NoModifier)
        QApplication.sendEvent(widget, ev)

    send(QEvent.MouseButtonPress, start, Qt.LeftButton)
    for k in range(1, steps + 1):
        p = start + (end - start) * (k / steps)
        send(QEvent.MouseMove, p, Qt.LeftButton)
    send(QEvent.MouseButtonRelease, end, Qt.NoButton)


def test_dragging_A_moves_the_start_point_along_the_curve(qtbot, explorer):
    explorer.set_curve("double_well")
    c = CURVES["double_well"]
    start = _viewport_point(explorer, c.start, float(c.F(c.start)))
    end = _viewport_point(explorer, -1.5, float(c.F(c.start)))
    _drag(explorer.plot.viewport(), start, end)
    x0 = explorer.x0_spin.value()
    assert x0 == pytest.approx(-1.5, abs=0.05)
    assert explorer.run.x[0] == pytest.approx(x0)
    pos = explorer.start_item.pos()
    assert pos.x() == pytest.approx(x0) and pos.y() == pytest.approx(float(c.F(x0)))  # A sits on the curve
    assert explorer.run.x[-1] == pytest.approx(c.minima[0], abs=1e-3)  # from the left, into the left well


def test_the_start_point_stays_on_the_drawn_range(qtbot, explorer):
    explorer.set_curve("quadratic")
    explorer.x0_spin.setValue(99.0)
    assert explorer.run.x[0] == CURVES["quadratic"].x_range[1]


def test_switching_the_curve_redraws_it(qtbot, explorer):
    explorer.curve_combo.setFocus()
    QTest.keyClick(explorer.curve_combo, Qt.Key_Down)
    assert explorer.curve().name == "double_well"
    xs, ys = explorer.curve_item.getData()
    np.testing.assert_allclose(ys, CURVES["double_well"].F(xs))
    assert "(x² − 1)²" in explorer.formula_label.text()
    assert behaviour(explorer.run) == "good"


def test_every_control_has_an_accessible_name(explorer):
    for w in (
        explorer.curve_combo,
        explorer.lr_slider,
        explorer.lr_spin,
        explorer.x0_spin,
        explorer.steps_spin,
        explorer.plot,
        explorer.table,
        *explorer.buttons.values(),
    ):
        assert w.accessibleName(), w


def test_the_window_opens_the_explorer_with_D_and_lists_it_under_F1(qtbot):
    from gui.main_window import MainWindow
    from gui.shortcuts import shortcut_rows
    from model import Session

    win = MainWindow(session=Session.from_preset("xor-lecture"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.values_snapshot is not None, timeout=10_000)
    try:
        rows = {(group, action, keys) for group, action, keys, _ in shortcut_rows(win)}
        assert ("Help", "Gradient descent on a curve…", "D") in rows
        qtbot.keyClick(win, Qt.Key_D)
        qtbot.waitUntil(lambda: getattr(win, "descent_explorer", None) is not None and win.descent_explorer.isVisible())
        qtbot.mouseClick(win.descent_explorer.buttons["diverges"], Qt.LeftButton)
        assert "n = " in win.descent_explorer.note.text()
        win.descent_explorer.close()
    finally:
        win.close()
