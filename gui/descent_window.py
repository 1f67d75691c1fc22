"""Gradient descent on a curve: the lecture's ``x(n+1) = x(n) − γ ∇F(x(n))`` and its learning-rate slides.

A quadratic or a double well (``model.descent``), the iterates drawn as steps down the curve from
the start point A to the last iterate B; γ from a slider or a number box, the start point from a
number box or dragged along the curve.  Four buttons show the lecture's four cases from the
curve's start point: too small (crawls), good, too large (oscillates) and divergent.  Each step is
labelled as the lecture does (∇F > 0 → step left, ∇F < 0 → step right) and the table reads
xₙ, F(xₙ), ∇F(xₙ).  A run that diverges stops at the first iterate beyond 10⁶ and says so in one
line; nothing infinite reaches the plot.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.i18n import lookup, tr, tr_noop
from gui.plot_parts import make_plot, set_label, style_plot
from model.descent import BEHAVIOURS, CURVES, behaviour, descend

__all__ = ["DescentExplorer", "LR_MIN", "LR_MAX"]

TEXT = {
    "title": tr_noop("Gradient descent on a curve"),
    "curve": tr_noop("Curve:"),
    "curve_a11y": tr_noop("Curve"),
    "lr": tr_noop("Learning rate γ:"),
    "lr_a11y": tr_noop("Learning rate γ"),
    "lr_slider_a11y": tr_noop("Learning rate γ (logarithmic slider)"),
    "start": tr_noop("Start x₀ (A):"),
    "start_a11y": tr_noop("Start point x₀"),
    "start_tip": tr_noop("Where descent starts (A); you can also drag A along the curve."),
    "steps": tr_noop("Steps:"),
    "steps_a11y": tr_noop("Number of steps"),
    "crawls": tr_noop("Too small (crawls)"),
    "good": tr_noop("Good"),
    "oscillates": tr_noop("Too large (oscillates)"),
    "diverges": tr_noop("Divergent"),
    "button_tip": tr_noop("γ = {lr:g} from x₀ = {x0:g}"),
    "plot": tr_noop("F(x) and the iterates xₙ"),
    "plot_a11y": tr_noop("The curve F(x) with the iterates of gradient descent drawn as steps"),
    "table_a11y": tr_noop("The iterates: n, xₙ, F(xₙ), ∇F(xₙ) and the step"),
    "col_step": tr_noop("direction of the step"),
    "left": tr_noop("∇F > 0 → left ←"),
    "right": tr_noop("∇F < 0 → right →"),
    "flat": tr_noop("∇F = 0 → stay"),
    "rule": tr_noop(
        "x(n+1) = x(n) − γ∇F(x(n)):  downhill from A to B, against the gradient "
        "(∇F > 0 → step left, ∇F < 0 → step right)."
    ),
    "diverged": tr_noop("Diverged at n = {n}: |x| passed 10⁶ (γ = {lr:g} is too large); the table stops there."),
    "note_crawls": tr_noop("Crawls: after {n} steps B is still far from the minimum (γ = {lr:g} is too small)."),
    "note_good": tr_noop("Good: B reached the minimum x* ≈ {x:.4g} in {k} step(s) (|Δx| < 10⁻³ from then on)."),
    "note_oscillates": tr_noop(
        "Oscillates: the steps jump across the minimum, back and forth (γ = {lr:g} is too large)."
    ),
}
_t = lookup(TEXT)

#: The learning-rate slider is logarithmic from LR_MIN to LR_MAX.
LR_MIN, LR_MAX = 1e-4, 2.0
_SLIDER_STEPS = 1000
LIMIT = 1e6
LABELLED_STEPS = 6  # the first steps get their "∇F > 0 → step left" label on the plot


def _to_slider(lr: float) -> int:
    lr = min(LR_MAX, max(LR_MIN, lr))
    return round(_SLIDER_STEPS * math.log(lr / LR_MIN) / math.log(LR_MAX / LR_MIN))


def _from_slider(v: int) -> float:
    return float(f"{LR_MIN * (LR_MAX / LR_MIN) ** (v / _SLIDER_STEPS):.3g}")


def direction_text(grad: float) -> str:
    """The lecture's reading of one step: which way the gradient points and so which way x moves."""
    if grad > 0:
        return _t("left")
    if grad < 0:
        return _t("right")
    return _t("flat")


class DescentExplorer(QDialog):
    """The 1-D explorer: a curve, γ, a start point, and the iterates with their numbers."""

    run_changed = Signal(object)  # the new model.descent.Descent, after every change

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("title"))
        self.setAccessibleName(_t("title"))
        self.run = None
        self._updating = False

        # controls --------------------------------------------------------------------------
        self.curve_combo = QComboBox()
        for name, curve in CURVES.items():
            self.curve_combo.addItem(tr(curve.title), name)  # the curve's own name (model.descent)
        self.curve_combo.setAccessibleName(_t("curve_a11y"))
        self.formula_label = QLabel()
        self.formula_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.lr_slider = QSlider(Qt.Horizontal)
        self.lr_slider.setRange(0, _SLIDER_STEPS)
        self.lr_slider.setAccessibleName(_t("lr_slider_a11y"))
        self.lr_slider.setMinimumWidth(120)
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setDecimals(4)
        self.lr_spin.setRange(0.0, 5.0)
        self.lr_spin.setSingleStep(0.01)
        self.lr_spin.setAccessibleName(_t("lr_a11y"))
        self.x0_spin = QDoubleSpinBox()
        self.x0_spin.setDecimals(3)
        self.x0_spin.setSingleStep(0.1)
        self.x0_spin.setAccessibleName(_t("start_a11y"))
        self.x0_spin.setToolTip(_t("start_tip"))
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 200)
        self.steps_spin.setValue(30)
        self.steps_spin.setAccessibleName(_t("steps_a11y"))

        self.buttons = {}
        for b in BEHAVIOURS:
            button = QPushButton(_t(b))
            button.setAccessibleName(_t(b))
            button.setAutoDefault(False)  # Enter in a number box takes the number; it must not press a case
            button.clicked.connect(lambda _checked=False, b=b: self.show_case(b))
            self.buttons[b] = button

        grid = QGridLayout()
        grid.addWidget(QLabel(_t("curve")), 0, 0)
        grid.addWidget(self.curve_combo, 0, 1)
        grid.addWidget(self.formula_label, 0, 2, 1, 4)
        grid.addWidget(QLabel(_t("lr")), 1, 0)
        grid.addWidget(self.lr_spin, 1, 1)
        grid.addWidget(self.lr_slider, 1, 2, 1, 4)
        grid.addWidget(QLabel(_t("start")), 2, 0)
        grid.addWidget(self.x0_spin, 2, 1)
        grid.addWidget(QLabel(_t("steps")), 2, 2)
        grid.addWidget(self.steps_spin, 2, 3)
        grid.setColumnStretch(5, 1)
        cases = QHBoxLayout()
        for button in self.buttons.values():
            cases.addWidget(button)
        cases.addStretch(1)

        self.rule_label = QLabel(_t("rule"))
        self.rule_label.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("descentNote")
        self.note.setWordWrap(True)
        self.note.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)

        # plot ------------------------------------------------------------------------------
        self.plot = make_plot(_t("plot"))
        self.plot.setAccessibleName(_t("plot_a11y"))
        pi = self.plot.getPlotItem()
        set_label(pi, "bottom", "x")
        set_label(pi, "left", "F(x)")
        self.curve_item = pg.PlotDataItem([], [])
        self.path_item = pg.PlotDataItem([], [], symbol="o")
        self.end_item = pg.TextItem("B", anchor=(0.5, 1.2))
        self.start_item = pg.TargetItem(
            pos=(0.0, 0.0), size=16, movable=True, label="A", labelOpts={"offset": (8, -22)}
        )
        for item in (self.curve_item, self.path_item, self.end_item):
            pi.addItem(item)
        pi.addItem(self.start_item)
        pi.vb.setMouseEnabled(x=False, y=False)  # dragging moves A, not the view
        self.step_labels: list[pg.TextItem] = []
        for _ in range(LABELLED_STEPS):
            label = pg.TextItem("", anchor=(1.0, 0.0))  # below left of its point, clear of A
            pi.addItem(label, ignoreBounds=True)
            self.step_labels.append(label)

        # table -----------------------------------------------------------------------------
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["n", "xₙ", "F(xₙ)", "∇F(xₙ)", _t("col_step")])
        self.table.setAccessibleName(_t("table_a11y"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        header = self.table.horizontalHeader()
        for c in range(5):
            header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)  # the direction column takes what is left, never less than its header

        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.plot)
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([500, 500])
        split.setChildrenCollapsible(False)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(grid)
        tl.addLayout(cases)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.rule_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)

        self.curve_combo.currentIndexChanged.connect(self._curve_changed)
        self.lr_slider.valueChanged.connect(self._slider_moved)
        self.lr_spin.valueChanged.connect(self._lr_typed)
        self.x0_spin.valueChanged.connect(lambda _v: self.recompute())
        self.steps_spin.valueChanged.connect(lambda _v: self.recompute())
        self.start_item.sigPositionChanged.connect(self._start_dragged)
        style.notifier.changed.connect(self.restyle)

        self.resize(1000, 640)
        self._curve_changed()
        self.restyle()

    # choices -------------------------------------------------------------------------------
    def curve(self):
        return CURVES[self.curve_combo.currentData()]

    def set_curve(self, name: str):
        self.curve_combo.setCurrentIndex(self.curve_combo.findData(name))

    def show_case(self, case: str):
        """One of the four buttons: the curve's γ for ``case`` from the curve's own start point."""
        c = self.curve()
        self._set_values(lr=c.rates[case], x0=c.start)

    def _curve_changed(self, *_):
        c = self.curve()
        self.formula_label.setText(f"{c.formula},   {c.gradient_formula}")
        lo, hi = c.x_range
        self.x0_spin.blockSignals(True)
        self.x0_spin.setRange(lo, hi)
        self.x0_spin.blockSignals(False)
        for b, button in self.buttons.items():
            button.setToolTip(_t("button_tip", lr=c.rates[b], x0=c.start))
        xs = np.linspace(lo, hi, 401)
        ys = c.F(xs)
        self.curve_item.setData(xs, ys)
        pad = 0.08 * (ys.max() - ys.min())
        self.plot.getPlotItem().vb.setRange(xRange=(lo, hi), yRange=(ys.min() - pad, ys.max() + pad), padding=0)
        self._set_values(lr=c.rates["good"], x0=c.start)

    def _set_values(self, lr=None, x0=None):
        self._updating = True
        try:
            if lr is not None:
                self.lr_spin.setValue(lr)
                self.lr_slider.setValue(_to_slider(lr))
            if x0 is not None:
                self.x0_spin.setValue(x0)
        finally:
            self._updating = False
        self.recompute()

    def _slider_moved(self, v):
        if not self._updating:
            self._updating = True
            self.lr_spin.setValue(_from_slider(v))
            self._updating = False
            self.recompute()

    def _lr_typed(self, lr):
        if not self._updating:
            self._updating = True
            self.lr_slider.setValue(_to_slider(lr))
            self._updating = False
            self.recompute()

    def _start_dragged(self, *_):
        if self._updating:
            return
        lo, hi = self.curve().x_range
        x = min(hi, max(lo, float(self.start_item.pos().x())))
        self._set_values(x0=x)

    # computing and drawing ---------------------------------------------------------------------------
    def recompute(self):
        if self._updating:
            return
        c = self.curve()
        self.run = descend(c, self.x0_spin.value(), self.lr_spin.value(), self.steps_spin.value(), limit=LIMIT)
        self._draw()
        self.run_changed.emit(self.run)

    def _draw(self):
        d, c = self.run, self.curve()
        self._updating = True
        self.start_item.setPos(d.x[0] if len(d.x) else self.x0_spin.value(), d.F[0] if len(d.F) else 0.0)
        self._updating = False
        self.path_item.setData(d.x, d.F)
        if len(d.x):
            self.end_item.setPos(float(d.x[-1]), float(d.F[-1]))
        self.end_item.setVisible(len(d.x) > 1)
        (x0, x1), (y0, y1) = self.plot.getPlotItem().vb.viewRange()
        placed = [(float(d.x[0]), float(d.F[0]))] if len(d.x) else []  # A has its own label
        for label in self.step_labels:
            label.setVisible(False)
        k = 0
        for n in range(min(len(d.x) - 1, 4 * LABELLED_STEPS)):
            if k == len(self.step_labels):
                break
            x, y, g = float(d.x[n]), float(d.F[n]), d.grad[n]
            if not (x0 <= x <= x1 and y0 <= y <= y1):
                continue
            # a label where it can be read: not on top of one already placed (converging steps crowd)
            if n and any(abs(x - px) < 0.12 * (x1 - x0) and abs(y - py) < 0.08 * (y1 - y0) for px, py in placed):
                continue
            label = self.step_labels[k]
            label.setText("∇F>0  ←" if g > 0 else "∇F<0  →" if g < 0 else "∇F=0")
            label.setAnchor((0.0, 0.0) if x < x0 + 0.25 * (x1 - x0) else (1.0, 0.0))  # inside the plot
            label.setPos(x, y)
            label.setVisible(True)
            placed.append((x, y))
            k += 1
        self._fill_table(d)
        self.note.setText(self._note(d, c))

    def _note(self, d, c) -> str:
        kind = behaviour(d)
        if kind == "diverges":
            return "⚠ " + _t("diverged", n=d.diverged_at, lr=d.lr)
        if kind == "crawls":
            return _t("note_crawls", n=len(d.x) - 1, lr=d.lr)
        if kind == "oscillates":
            return _t("note_oscillates", lr=d.lr)
        settled = np.abs(np.diff(d.x)) < 1e-3
        k = len(settled)
        while k > 0 and settled[k - 1]:
            k -= 1
        minimum = min(c.minima, key=lambda m: abs(m - d.x[-1]))
        return _t("note_good", x=minimum, k=k)

    def _fill_table(self, d):
        rows = len(d.x)
        self.table.setRowCount(rows)
        for n in range(rows):
            cells = [str(n), f"{d.x[n]:.6g}", f"{d.F[n]:.6g}", f"{d.grad[n]:.6g}"]
            cells.append(direction_text(d.grad[n]) if n + 1 < rows or d.diverged_at else "")
            for col, text in enumerate(cells):
                item = self.table.item(n, col)
                if item is None:
                    item = QTableWidgetItem()
                    align = Qt.AlignRight if col < 4 else Qt.AlignLeft
                    item.setTextAlignment(align | Qt.AlignVCenter)
                    self.table.setItem(n, col, item)
                item.setText(text)
        self._fit_table_width()

    def _fit_table_width(self):
        """The table asks for the width of every column's header and cells: at 1000 px the splitter's
        half cut "direction of the step" and the direction it names; the plot gives up the room."""
        t, header = self.table, self.table.horizontalHeader()
        columns = sum(max(t.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(t.columnCount()))
        scrollbar = t.verticalScrollBar().sizeHint().width()
        t.setMinimumWidth(columns + scrollbar + 2 * t.frameWidth() + 2)

    # theme -----------------------------------------------------------------------------------
    def restyle(self):
        t = style.theme()
        style_plot(self.plot)
        self.curve_item.setPen(style.mkpen(t.text, 2))
        self.path_item.setPen(style.mkpen(t.orange, 2))
        self.path_item.setSymbolBrush(pg.mkBrush(t.orange))
        self.path_item.setSymbolPen(pg.mkPen(t.base, width=1))
        self.path_item.setSymbolSize(9 * style.zoom())
        self.start_item.setPen(pg.mkPen(t.blue, width=2))
        self.start_item.setBrush(pg.mkBrush(t.blue))
        self.start_item.label().setColor(t.blue)
        self.start_item.label().setFont(style.plot_font(style.LABEL_PT, bold=True))
        self.end_item.setColor(t.orange)
        self.end_item.setFont(style.plot_font(style.LABEL_PT, bold=True))
        for label in self.step_labels:
            label.setColor(t.text)
            label.setFont(style.plot_font(style.TICK_PT))
        self.note.setStyleSheet(f"QLabel#descentNote {{ color: {t.text}; font-weight: 600; }}")
        self._fit_table_width()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # (presentation mode's zoom, a larger system font)
            self._fit_table_width()
