"""Live plots: loss curves, the network's output over its input space, per-layer gradient norms.

Every widget buffers what ``append`` hands it and redraws only in ``refresh()``, which the window
calls from its ~30 Hz timer; ``append`` never touches pyqtgraph.  Histories live in doubling
float64 buffers whose filled part goes to ``setData`` with clip-to-view and peak downsampling, so a
million-point curve stays interactive (float64 x keeps clip-to-view's bisection fast; the finite
check stays on because a diverged loss is NaN or inf).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gui.i18n import lookup

__all__ = ["LossPlot", "OutputView", "GradientPlot"]

# User-visible text, in one place for translation.  Mnemonics avoid the window's (F, E, T, V, H,
# N, S, L, C, U, A): a letter claimed twice activates nothing.
STRINGS = {
    "loss_title": "Loss",
    "step": "step",
    "epoch": "epoch",
    "loss": "loss",
    "accuracy": "accuracy",
    "report_name": "loss",
    "train_name": "training loss",
    "accuracy_name": "accuracy (right axis)",
    "per_epoch": "Per e&poch",
    "per_epoch_tip": "Plot one point per epoch (the epoch's mean) instead of one per step",
    "log_y": "L&og scale",
    "log_y_tip": "Logarithmic loss axis; zero, negative and non-finite losses are not drawn",
    "show_train": "Tra&ining loss",
    "show_train_tip": "Also draw the loss that backprop differentiates (e.g. ½·MSE) when it differs from "
    "the reported one",
    "show_train_epoch_tip": "The training loss is recorded per step only",
    "show_acc": "Accurac&y",
    "show_acc_tip": "Draw the accuracy per epoch on a 0–1 axis on the right",
    "fit": "Fit",
    "fit_tip": "Zoom to show the whole history and follow new values",
    "output_title": "Network output",
    "x1": "x₁",
    "x2": "x₂",
    "y": "y",
    "data": "data",
    "data_by_target": "data, coloured by its target y",
    "network": "network output",
    "class_n": "class {c}",
    "prob_class1": "P(class 1)",
    "score": "score",
    "prediction": "prediction",
    "highlight": "selected sample",
    "grad_title_dW": "‖∂L/∂W(l)‖ per layer",
    "grad_title_delta": "‖δ(l)‖ per layer",
    "grad_axis": "norm (log scale)",
    "show_dW": "‖∂L/∂W‖ per step",
    "show_dW_tip": "The norm of each layer's weight gradient at every training step",
    "show_delta": "‖δ‖ per snapshot",
    "show_delta_tip": "The norm of each layer's local error δ = ∂L/∂z, sampled when the view is refreshed",
    "layers": "layer",
    "layer_out": "{l} (output)",
    "sat_title": "Saturated / dead",
    "sat_tip": "Per layer, the fraction of sigmoid/tanh units that are saturated (f′ ≈ 0) "
    "or of ReLU units that are dead (z ≤ 0 for every sample). The output layer's bar is grey: "
    "a saturated output is a confident prediction, not a stuck unit.",
    "sat_name": "layer {l} · {act}",
    "sat_join": "{name} · {status}",
    "sat_saturated": "{pct}% saturated",
    "sat_dead": "{pct}% dead",
    "sat_none": "cannot saturate",
    "sat_unknown": "—",
}


def _nice_ceil(v: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k that is ≥ v (v > 0): at most a third empty."""
    if not math.isfinite(v) or v <= 0:
        return 1.0
    e = 10.0 ** math.floor(math.log10(v))
    for m in (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * e >= v * (1 - 1e-12):
            return m * e
    return 10.0 * e


_t = lookup(STRINGS)


# Style: dark ink on white, diverging blue ↔ orange like TF Playground, projector-sized text.
INK = "#222222"
BLUE = "#2166ac"
ORANGE = "#e66101"
GREEN = "#1b7837"
MARKER = "#555555"
GRID = "#e3e3e3"
TICK_PT = 11
LABEL_PT = 12
TITLE_PT = 13
LINE_PX = 2.5
# Further categorical classes after blue and orange (colour-blind-safe, Dark2-like).
CLASS_COLOURS = [BLUE, ORANGE, "#1b9e77", "#7570b3", "#e7298a", "#a6761d", "#666666", "#66a61e"]
# The heatmap behind the points is a pale version of the same hues so the points stand out.
SURFACE_LIGHTEN = 0.55


def _font(pt: float, bold: bool = False) -> QtGui.QFont:
    f = QtGui.QFont()
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


def _lighten(colour: str, amount: float = SURFACE_LIGHTEN) -> QtGui.QColor:
    c = QtGui.QColor(colour)
    r, g, b = (round(v + (255 - v) * amount) for v in (c.red(), c.green(), c.blue()))
    return QtGui.QColor(r, g, b)


def _diverging(light: bool) -> pg.ColorMap:
    """Blue (low) … near-white (middle) … orange (high)."""
    stops = [BLUE, "#f7f7f7", ORANGE]
    colours = [_lighten(c) if light else QtGui.QColor(c) for c in stops]
    colours[1] = QtGui.QColor("#f7f7f7")
    return pg.ColorMap([0.0, 0.5, 1.0], colours)


def _style_axis(axis: pg.AxisItem):
    axis.setPen(pg.mkPen(INK, width=1))
    axis.setTextPen(pg.mkPen(INK))
    axis.setTickFont(_font(TICK_PT))
    axis.enableAutoSIPrefix(False)  # "loss (x0.001)" confuses more than long tick labels do


def _set_label(plot_item: pg.PlotItem, side: str, text: str):
    plot_item.setLabel(side, text, color=INK, **{"font-size": f"{LABEL_PT}pt"})


class _Grid(QtWidgets.QGraphicsPathItem):
    """Light lines at the major ticks; pyqtgraph's own grid costs ~10× the curve's paint."""

    def __init__(self, plot_item: pg.PlotItem):
        super().__init__()
        pen = QtGui.QPen(QtGui.QColor(GRID))
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setZValue(-100)
        self._plot_item = plot_item
        plot_item.vb.addItem(self, ignoreBounds=True)
        plot_item.vb.sigRangeChanged.connect(self.update_lines)
        plot_item.vb.sigResized.connect(self.update_lines)

    def update_lines(self, *_):
        vb = self._plot_item.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        path = QtGui.QPainterPath()
        for x in self._major(self._plot_item.getAxis("bottom"), x0, x1, vb.width()):
            path.moveTo(x, y0)
            path.lineTo(x, y1)
        for y in self._major(self._plot_item.getAxis("left"), y0, y1, vb.height()):
            path.moveTo(x0, y)
            path.lineTo(x1, y)
        self.setPath(path)

    @staticmethod
    def _major(axis: pg.AxisItem, lo: float, hi: float, size: float):
        if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo or size <= 0:
            return []
        levels = axis.tickValues(lo, hi, size)
        return [v for v in levels[0][1] if lo <= v <= hi] if levels else []


def _make_plot(title: str, grid: bool = True) -> pg.PlotWidget:
    """A white plot with dark, projector-sized axes and title."""
    w = pg.PlotWidget(background="w")
    pi = w.getPlotItem()
    pi.setTitle(title, color=INK, size=f"{TITLE_PT}pt")
    for side in ("left", "bottom", "right", "top"):
        _style_axis(pi.getAxis(side))
    if grid:
        _Grid(pi)
    # The "Plot Options" menu would change log mode etc. behind the toolbar's back.
    pi.setMenuEnabled(False, enableViewBoxMenu=True)
    w.setMinimumSize(240, 160)
    return w


# Legend glyphs, drawn in the curve's colour.
SOLID, DASHED, DASH_DOT, DOT, RING = "━━", "━ ━", "━·━", "●", "○"


class _LegendRow(QtWidgets.QLabel):
    """A legend under the plot, so that it never hides a curve; wraps between entries only."""

    def __init__(self):
        super().__init__()
        self.setFont(_font(TICK_PT))
        self.setTextFormat(QtCore.Qt.RichText)
        self.setWordWrap(True)
        self.setContentsMargins(8, 0, 8, 2)
        self.entries: list[str] = []

    def set_entries(self, entries, prefix: str = "", sep: str = "&nbsp;&nbsp;&nbsp; "):
        """``entries``: ``(glyph, colour, text)`` triples."""
        self.entries = [text for _, _, text in entries]
        html = [
            f'<span style="color:{colour}; font-weight:bold">{glyph}</span>&nbsp;{_nbsp(text)}'
            for glyph, colour, text in entries
        ]
        text = (_nbsp(prefix) + "&nbsp;&nbsp;" if prefix and html else "") + sep.join(html)
        if text != self.text():  # called at the curve refresh rate; a new text means a relayout
            self.setText(text)


def _nbsp(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(" ", "&nbsp;")


def _toolbar(*widgets) -> QtWidgets.QHBoxLayout:
    row = QtWidgets.QHBoxLayout()
    row.setContentsMargins(4, 2, 4, 0)
    row.setSpacing(12)
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


def _check(key: str, tip: str, checked=False) -> QtWidgets.QCheckBox:
    box = QtWidgets.QCheckBox(_t(key))
    box.setToolTip(_t(tip))
    box.setChecked(checked)
    return box


class _Series:
    """A float64 (x, y) history in doubling buffers; ``x``/``y`` are the filled part (views)."""

    def __init__(self, capacity: int = 1024):
        self._x = np.empty(capacity)
        self._y = np.empty(capacity)
        self.n = 0

    def _reserve(self, n: int):
        if n > self._x.size:
            size = max(n, 2 * self._x.size)
            for name in ("_x", "_y"):
                buf = np.empty(size)
                buf[: self.n] = getattr(self, name)[: self.n]
                setattr(self, name, buf)

    def extend(self, x0: int, values) -> int:
        """Append ``values`` at x = x0, x0 + 1, …; an overlap replaces the old values from x0 on."""
        values = np.asarray(values, dtype=float).ravel()
        k = values.size
        if k == 0:
            return 0
        self.truncate(x0)  # keeps x increasing, which clip-to-view's bisection needs
        end = self.n + k
        self._reserve(end)
        self._x[self.n : end] = np.arange(k, dtype=float) + float(x0)
        self._y[self.n : end] = values
        self.n = end
        return k

    def add(self, x: float, y: float):
        self.truncate(x)
        self._reserve(self.n + 1)
        self._x[self.n] = x
        self._y[self.n] = y
        self.n += 1

    def truncate(self, x: float):
        """Drop the points at x and later."""
        if self.n and self._x[self.n - 1] >= x:
            self.n = int(np.searchsorted(self._x[: self.n], x, side="left"))

    def clear(self):
        self.n = 0

    @property
    def x(self) -> np.ndarray:
        return self._x[: self.n]

    @property
    def y(self) -> np.ndarray:
        return self._y[: self.n]

    @property
    def last_x(self) -> float | None:
        return float(self._x[self.n - 1]) if self.n else None

    def nearest(self, x: float) -> int | None:
        """Index of the point whose x is nearest to ``x``."""
        if not self.n or not math.isfinite(x):
            return None
        xs = self.x
        i = int(np.searchsorted(xs, x))
        if i == 0:
            return 0
        if i >= self.n:
            return self.n - 1
        return i if xs[i] - x < x - xs[i - 1] else i - 1


def _tune(curve: pg.PlotDataItem):
    """What keeps a long history cheap to draw."""
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")
    # Peak bins keep each pixel column's min and max, so two bins per (logical) pixel lose nothing
    # visible; pyqtgraph's default of five draws 2.5× the segments.  No public setter exists.
    curve.opts["autoDownsampleFactor"] = 2.0


class _Marker:
    """A dashed vertical line at a step plus a dot on the curve there."""

    def __init__(self, plot_item: pg.PlotItem, colour: str):
        self.line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(MARKER, width=2, style=QtCore.Qt.DashLine))
        self.dot = pg.PlotDataItem(
            [],
            [],
            pen=None,
            symbol="o",
            symbolSize=13,
            symbolBrush=pg.mkBrush(colour),
            symbolPen=pg.mkPen("w", width=2),
        )
        self.line.setZValue(20)
        self.dot.setZValue(21)
        plot_item.addItem(self.line, ignoreBounds=True)
        plot_item.addItem(self.dot, ignoreBounds=True)
        self.hide()

    def hide(self):
        self.line.hide()
        self.dot.setData([], [])

    def show(self, x: float, series: _Series | None, log_y: bool = False):
        self.line.setPos(x)
        self.line.show()
        i = None if series is None else series.nearest(x)
        y = math.nan if i is None else float(series.y[i])
        if math.isfinite(y) and (y > 0.0 or not log_y):
            self.dot.setData([series.x[i]], [y])
        else:  # nothing to sit on (a scatter of one NaN warns)
            self.dot.setData([], [])


class LossPlot(QtWidgets.QWidget):
    """Live loss curves per step or per epoch, with the accuracy on a right-hand 0–1 axis."""

    step_clicked = QtCore.Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._report = _Series()
        self._loss = _Series()
        self._epoch_report = _Series()
        self._epoch_accuracy = _Series()
        self._loss_differs = False
        self._steps_per_epoch: int | None = None  # set by the window; else estimated
        self._spe_estimate: int | None = None
        self._marker_step: int | None = None
        self._dirty = False

        self.epoch_box = _check("per_epoch", "per_epoch_tip")
        self.log_box = _check("log_y", "log_y_tip")
        self.train_box = _check("show_train", "show_train_tip")
        self.acc_box = _check("show_acc", "show_acc_tip", checked=True)
        self.fit_button = QtWidgets.QToolButton()
        self.fit_button.setText(_t("fit"))
        self.fit_button.setToolTip(_t("fit_tip"))
        self.train_box.hide()
        self.acc_box.hide()

        self.plot = _make_plot(_t("loss_title"))
        pi = self.plot.getPlotItem()
        _set_label(pi, "left", _t("loss"))
        _set_label(pi, "bottom", _t("step"))
        self.legend = _LegendRow()
        self.report_curve = pi.plot(pen=pg.mkPen(BLUE, width=LINE_PX))
        self.train_curve = pg.PlotDataItem(pen=pg.mkPen(ORANGE, width=LINE_PX, style=QtCore.Qt.DashLine))
        pi.addItem(self.train_curve)
        for c in (self.report_curve, self.train_curve):
            _tune(c)
        self.train_curve.hide()

        # Accuracy lives in its own view box (fixed 0–1) behind the loss view, x-linked to it.
        pi.showAxis("right")
        self._acc_axis = pi.getAxis("right")
        self._acc_view = pg.ViewBox(enableMenu=False)
        self._acc_view.setMouseEnabled(x=False, y=False)
        self._acc_view.setZValue(-10)
        pi.scene().addItem(self._acc_view)
        self._acc_axis.linkToView(self._acc_view)
        self._acc_view.setXLink(pi.vb)
        self._acc_view.setYRange(0.0, 1.0, padding=0.04)
        self._acc_view.enableAutoRange(y=False)
        self._acc_axis.setTicks([[(v, f"{v:g}") for v in (0.0, 0.5, 1.0)], [(v, f"{v:g}") for v in (0.25, 0.75)]])
        self.acc_curve = pg.PlotDataItem(pen=pg.mkPen(GREEN, width=LINE_PX, style=QtCore.Qt.DashDotLine))
        _tune(self.acc_curve)
        self._acc_view.addItem(self.acc_curve)
        self._acc_axis.hide()
        self.acc_curve.hide()
        pi.vb.sigResized.connect(self._sync_views)

        self._marker = _Marker(pi, BLUE)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(_toolbar(self.epoch_box, self.log_box, self.train_box, self.acc_box, self.fit_button))
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self._update_toggles()

        self.epoch_box.toggled.connect(self._mode_changed)
        self.log_box.toggled.connect(self._log_changed)
        self.train_box.toggled.connect(self._visibility_changed)
        self.acc_box.toggled.connect(self._visibility_changed)
        self.fit_button.clicked.connect(self.fit)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        # Follow the history with rounded ranges, set in refresh(): pyqtgraph's own
        # auto-range settles inside paint and re-ticks the axes every frame (2-3 paints per refresh).
        self._follow = True
        vb = self.plot.getPlotItem().getViewBox()
        vb.disableAutoRange()
        vb.sigRangeChangedManually.connect(self._stop_following)

    # data ---------------------------------------------------------------------
    def append(self, first_step: int, new_report, new_loss, first_epoch: int, new_epoch_report, new_epoch_accuracy):
        """Buffer the values since the previous snapshot; drawn at the next ``refresh()``."""
        new_report = np.asarray(new_report, dtype=float).ravel()
        new_loss = np.asarray(new_loss, dtype=float).ravel()
        if self._report.extend(first_step, new_report):
            self._dirty = True
        if self._loss.extend(first_step, new_loss):
            self._dirty = True
            if not self._loss_differs and new_loss.size == new_report.size:
                with np.errstate(invalid="ignore"):
                    same = (new_loss == new_report) | (np.isnan(new_loss) & np.isnan(new_report))
                self._loss_differs = not bool(np.all(same))
        n_epochs = self._epoch_report.extend(first_epoch, new_epoch_report)
        self._epoch_accuracy.extend(first_epoch, new_epoch_accuracy)
        if n_epochs:
            self._dirty = True
            self._estimate_steps_per_epoch()

    def _estimate_steps_per_epoch(self):
        # epochs = floor(steps / p), so steps // epochs ≥ p, with equality once epochs > p
        if self._report.n and self._epoch_report.n:
            steps = int(self._report.last_x) + 1
            epochs = int(self._epoch_report.last_x) + 1
            guess = max(1, steps // epochs)
            self._spe_estimate = guess if self._spe_estimate is None else min(guess, self._spe_estimate)

    def set_steps_per_epoch(self, n: int | None):
        """Steps per epoch, to place per-epoch values on the step axis (estimated when not given)."""
        self._steps_per_epoch = None if n is None else max(1, int(n))
        self._dirty = True

    @property
    def steps_per_epoch(self) -> int:
        return self._steps_per_epoch or self._spe_estimate or 1

    def clear(self):
        """Forget every curve (new session or reset)."""
        for s in (self._report, self._loss, self._epoch_report, self._epoch_accuracy):
            s.clear()
        self._loss_differs = False
        self._spe_estimate = None
        self._marker_step = None
        self._follow = True
        self._dirty = True
        self.refresh()

    def truncate(self, step: int, epoch: int | None = None):
        """Forget step ``step`` and later (time travel back to ``step`` steps done)."""
        if epoch is None:
            epoch = int(step) // self.steps_per_epoch
        self._report.truncate(step)
        self._loss.truncate(step)
        self._epoch_report.truncate(epoch)
        self._epoch_accuracy.truncate(epoch)
        self._dirty = True

    def set_marker(self, step: int | None):
        """Mark the current step (or the time-travel position); ``None`` removes the mark."""
        self._marker_step = None if step is None else int(step)
        self._place_marker()

    # drawing ------------------------------------------------------------------
    @property
    def per_epoch(self) -> bool:
        return self.epoch_box.isChecked()

    def refresh(self):
        """Hand the buffered history to the curves, if anything changed since the last call."""
        if not self._dirty:
            return
        self._dirty = False
        self._update_toggles()
        if self.per_epoch:
            self.report_curve.setData(self._epoch_report.x, self._epoch_report.y)
        else:
            self.report_curve.setData(self._report.x, self._report.y)
        if self.train_curve.isVisible():
            self.train_curve.setData(self._loss.x, self._loss.y)
        if self.acc_curve.isVisible():
            self.acc_curve.setData(self._accuracy_x(), self._epoch_accuracy.y)
        self._place_marker()
        if self._follow:
            series = self._epoch_report if self.per_epoch else self._report
            ys = [series.y] + ([self._loss.y] if self.train_curve.isVisible() and not self.per_epoch else [])
            self._set_follow_range(series.x, ys)

    def _set_follow_range(self, x, ys):
        """The whole history, with the ends rounded up (see _nice_ceil) so the axes rarely re-tick."""
        if x.size == 0:
            return
        log_y = self.log_box.isChecked()
        lo = hi = None
        for y in ys:
            y = y[np.isfinite(y)]
            if log_y:
                y = y[y > 0]
            if y.size:
                lo = float(y.min()) if lo is None else min(lo, float(y.min()))
                hi = float(y.max()) if hi is None else max(hi, float(y.max()))
        x_hi = _nice_ceil(max(float(x[-1]) - float(x[0]), 1.0)) + float(x[0])
        vb = self.plot.getPlotItem().getViewBox()
        if lo is None:
            vb.setRange(xRange=(float(x[0]), x_hi), padding=0.02)
            return
        if log_y:
            y_range = (math.floor(math.log10(lo)), math.ceil(math.log10(hi)) if hi > lo else math.log10(lo) + 1)
        else:
            bottom = 0.0 if lo >= 0 else -_nice_ceil(-lo)
            y_range = (bottom, _nice_ceil(hi) if hi > 0 else 1.0)
        vb.setRange(xRange=(float(x[0]), x_hi), yRange=y_range, padding=0.02)

    def _stop_following(self, *_):
        self._follow = False  # the user panned or zoomed: leave the view where they put it

    def _accuracy_x(self) -> np.ndarray:
        x = self._epoch_accuracy.x
        if self.per_epoch:
            return x
        return (x + 1.0) * self.steps_per_epoch - 1.0  # the last step of each epoch

    def _update_toggles(self):
        has_acc = self._epoch_accuracy.n > 0
        self.acc_box.setVisible(has_acc)
        self.train_box.setVisible(self._loss_differs)
        self.train_box.setEnabled(not self.per_epoch)
        self.train_box.setToolTip(_t("show_train_epoch_tip" if self.per_epoch else "show_train_tip"))
        show_train = self._loss_differs and not self.per_epoch and self.train_box.isChecked()
        show_acc = has_acc and self.acc_box.isChecked()
        self._show(self.train_curve, show_train)
        self._show(self.acc_curve, show_acc)
        if show_acc != self._acc_axis.isVisible():
            self._acc_axis.setVisible(show_acc)
            if show_acc:
                _set_label(self.plot.getPlotItem(), "right", _t("accuracy"))
        entries = [(SOLID, BLUE, _t("report_name"))]
        if show_train:
            entries.append((DASHED, ORANGE, _t("train_name")))
        if show_acc:
            entries.append((DASH_DOT, GREEN, _t("accuracy_name")))
        self.legend.set_entries(entries)

    @staticmethod
    def _show(curve, visible: bool):
        if visible != curve.isVisible():
            curve.setVisible(visible)
            if not visible:
                curve.setData([], [])  # a hidden curve need not hold a million points

    def _place_marker(self):
        if self._marker_step is None:
            self._marker.hide()
            return
        log_y = self.log_box.isChecked()
        if self.per_epoch:
            x = (self._marker_step + 1) / self.steps_per_epoch - 1.0
            self._marker.show(x, self._epoch_report, log_y)
        else:
            self._marker.show(self._marker_step, self._report, log_y)

    def _sync_views(self):
        vb = self.plot.getPlotItem().vb
        self._acc_view.setGeometry(vb.sceneBoundingRect())
        self._acc_view.linkedViewChanged(vb, self._acc_view.XAxis)

    # toggles ------------------------------------------------------------------
    def _mode_changed(self, per_epoch: bool):
        _set_label(self.plot.getPlotItem(), "bottom", _t("epoch" if per_epoch else "step"))
        self._dirty = True
        self.refresh()
        self.fit()

    def _log_changed(self, log_y: bool):
        pi = self.plot.getPlotItem()
        pi.setLogMode(x=False, y=log_y)
        self._acc_axis.setLogMode(False, False)  # accuracy stays linear 0–1
        self._dirty = True
        self.refresh()
        self.fit()

    def _visibility_changed(self, _checked=None):
        self._dirty = True
        self.refresh()

    def fit(self):
        """Show the whole history and follow new values again."""
        self._follow = True
        self._dirty = True
        self.refresh()

    def _clicked(self, event):
        if event.button() != QtCore.Qt.LeftButton or event.double():
            return
        vb = self.plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        x = vb.mapSceneToView(event.scenePos()).x()
        if self.per_epoch:
            i = self._epoch_report.nearest(x)
            if i is None:
                return
            step = int(round((self._epoch_report.x[i] + 1.0) * self.steps_per_epoch - 1.0))
        else:
            i = self._report.nearest(x)
            if i is None:
                return
            step = int(self._report.x[i])
        event.accept()
        self.step_clicked.emit(step)


class OutputView(QtWidgets.QWidget):
    """TF Playground's central view: the network's output over the input space, with the data on top."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._X: np.ndarray | None = None
        self._Y: np.ndarray | None = None
        self._task = "regression"
        self._labels: np.ndarray | None = None  # class index per sample, classification only
        self._n_classes = 0
        self._rect: QtCore.QRectF | None = None
        self._levels = (0.0, 1.0)
        self._highlight: int | None = None
        self._highlight_wanted: int | None = None

        self.plot = _make_plot(_t("output_title"), grid=False)  # no grid over a heatmap
        pi = self.plot.getPlotItem()
        pi.hideAxis("right")
        self.image = pg.ImageItem(axisOrder="row-major")  # one-column outputs, colour-mapped
        self.class_image = pg.ImageItem(axisOrder="row-major")  # several classes, RGBA
        self.boundary = pg.IsocurveItem(level=0.5, pen=pg.mkPen(INK, width=2), axisOrder="row-major")
        self.boundary.setParentItem(self.image)
        for item in (self.image, self.class_image):
            item.setZValue(-20)
            pi.addItem(item)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(ORANGE, width=3))
        self.points = pg.ScatterPlotItem(size=10, pxMode=True)
        self.ring = pg.ScatterPlotItem(size=26, pxMode=True, brush=None, pen=pg.mkPen(INK, width=3), symbol="o")
        for z, item in ((5, self.points), (10, self.curve), (15, self.ring)):
            item.setZValue(z)
            pi.addItem(item)
        self.colour_bar = pg.ColorBarItem(
            values=(0, 1), colorMap=_diverging(light=True), interactive=False, width=18, colorMapMenu=False
        )
        self.colour_bar.setImageItem(self.image)
        for side in ("left", "right", "top", "bottom"):
            _style_axis(self.colour_bar.getAxis(side))
        self.colour_bar.axis.setWidth(None)
        self.colour_bar.hide()
        self._bar_shown = False
        self._bar_label: str | None = None

        self.legend = _LegendRow()

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self.clear()

    # data ---------------------------------------------------------------------
    @property
    def two_d(self) -> bool:
        return self._X is not None and self._X.shape[1] >= 2

    def clear(self):
        """Show nothing."""
        self._X = self._Y = self._labels = None
        self._rect = None
        for item in (self.image, self.class_image):
            item.clear()
            item.hide()
        self.boundary.setData(None)
        self.curve.setData([], [])
        self.points.setData([], [])
        self.ring.setData([], [])
        self._show_bar(False)
        self.legend.set_entries([])

    def set_data(self, X, Y, task: str):
        """The training samples (m × d inputs, m × k targets) and the task; the same data again is a no-op."""
        X = np.asarray(X, dtype=float)
        Y = np.asarray(Y, dtype=float)
        if X.ndim == 1:
            X = X.reshape(-1, 1)
        if Y.ndim == 1:
            Y = Y.reshape(-1, 1)
        old_X, old_Y = self._X, self._Y
        # the window hands the data over with every diagram refresh: keep the surface and the zoom
        if (
            old_X is not None
            and task == self._task
            and X.shape == old_X.shape
            and Y.shape == old_Y.shape
            and np.array_equal(X, old_X)
            and np.array_equal(Y, old_Y)
        ):
            return
        new_kind = old_X is None or task != self._task or X.shape[1] != old_X.shape[1] or Y.shape[1] != old_Y.shape[1]
        if new_kind:
            self.clear()  # the old surface does not belong to this kind of data
        self._X, self._Y, self._task = X.copy(), Y.copy(), task
        if task == "classification":
            self._n_classes = 2 if Y.shape[1] == 1 else Y.shape[1]
            self._labels = (Y[:, 0] > 0.5).astype(int) if Y.shape[1] == 1 else Y.argmax(axis=1)
        else:
            self._n_classes = 0
            self._labels = None
        self._draw_points()
        if new_kind:
            pi = self.plot.getPlotItem()
            _set_label(pi, "bottom", _t("x1"))
            _set_label(pi, "left", _t("x2") if self.two_d else _t("y"))
            pi.setAspectLocked(self.two_d)
            self._update_legend()
            pi.enableAutoRange()
        self.set_highlight(self._highlight_wanted)

    def _draw_points(self):
        if self._X is None:
            return
        x = self._X[:, 0]
        y = self._X[:, 1] if self.two_d else self._Y[:, 0]
        if self._labels is not None:
            brushes = [pg.mkBrush(CLASS_COLOURS[c % len(CLASS_COLOURS)]) for c in range(max(self._n_classes, 2))]
            brush = [brushes[c] for c in self._labels]
            pen = pg.mkPen("w", width=1.5)
        elif self.two_d:
            cmap = _diverging(light=False)
            lo, hi = self._levels
            t = np.clip((self._Y[:, 0] - lo) / ((hi - lo) or 1.0), 0.0, 1.0)
            brush = [pg.mkBrush(c) for c in cmap.map(t, mode=cmap.QCOLOR)]
            pen = pg.mkPen(INK, width=1.2)
        else:
            brush = pg.mkBrush(33, 102, 172, 150)  # see-through, so dense data does not hide the fit
            pen = pg.mkPen(None)
        # in 1-D the fitted curve runs through the points: smaller points keep it visible
        self.points.setData(x=x, y=y, brush=brush, pen=pen, size=10 if self.two_d else 7)

    def set_surface(self, surface):
        """``(xs, ys, grid)`` over 2-D inputs, or ``(xs, y_pred)`` along a 1-D input."""
        if surface is None:
            return
        if len(surface) == 3:
            self._set_grid(*surface)
        elif len(surface) == 2:
            xs, y_pred = (np.asarray(a, dtype=float) for a in surface)
            if y_pred.ndim == 2:
                y_pred = y_pred[:, 0]
            order = np.argsort(xs, kind="stable")
            self.curve.setData(xs[order], y_pred[order])

    def _set_grid(self, xs, ys, grid):
        xs = np.asarray(xs, dtype=float)
        ys = np.asarray(ys, dtype=float)
        grid = np.asarray(grid, dtype=float)
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        # pixel centres sit on the grid points
        rect = QtCore.QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys))
        if self._task == "classification" and self._n_classes > 2:
            self._set_classes(grid, rect)
        else:
            self._set_scalar(grid, rect)
        if self._rect != rect:
            self._rect = rect
            self.plot.getPlotItem().vb.setRange(rect, padding=0.0)

    def _set_classes(self, grid, rect):
        lut = np.array([_lighten(c).getRgb() for c in CLASS_COLOURS], dtype=np.ubyte)
        index = np.nan_to_num(grid, nan=0.0, posinf=0.0, neginf=0.0).astype(int) % len(CLASS_COLOURS)
        self.image.hide()
        self.boundary.setData(None)
        self.class_image.setImage(lut[index], autoLevels=False, levels=(0, 255))
        self.class_image.setRect(rect)
        self.class_image.show()
        self._show_bar(False)

    def _set_scalar(self, grid, rect):
        finite = grid[np.isfinite(grid)]
        if self._task == "classification" and finite.size and finite.min() >= 0.0 and finite.max() <= 1.0:
            levels, centre, label = (0.0, 1.0), 0.5, _t("prob_class1")
        else:
            values = (
                finite if self._Y is None or self._task == "classification" else np.concatenate([finite, self._Y[:, 0]])
            )
            lo, hi = (float(values.min()), float(values.max())) if values.size else (-1.0, 1.0)
            if lo < 0.0 < hi or self._task == "classification":
                m = max(abs(lo), abs(hi)) or 1.0
                lo, hi = -m, m
            if hi - lo < 1e-12:
                lo, hi = lo - 0.5, hi + 0.5
            levels, centre = (lo, hi), 0.5 * (lo + hi)
            label = _t("score") if self._task == "classification" else _t("prediction")
        grid = np.where(np.isfinite(grid), grid, centre)  # a diverged net is drawn neutral
        self.class_image.hide()
        self.image.setImage(grid, autoLevels=False)
        self.image.setRect(rect)
        self.image.show()
        # decision boundary for classifiers; a level line at the middle for regression would mislead
        self.boundary.setLevel(centre)
        self.boundary.setData(grid if self._task == "classification" else None)
        if levels != self._levels:
            self._levels = levels
            if self._labels is None:
                self._draw_points()  # regression points share the colour scale
        self.colour_bar.setLevels(levels)
        self._show_bar(True)
        if label != self._bar_label:
            # after showing: a hidden axis measures its width as 0 and keeps it
            self._bar_label = label
            self.colour_bar.getAxis("left").setLabel(label, color=INK, **{"font-size": f"{TICK_PT}pt"})

    def _show_bar(self, show: bool):
        if show == self._bar_shown:
            return
        layout = self.plot.getPlotItem().layout
        if show:
            layout.addItem(self.colour_bar, 2, 5)
            layout.setColumnFixedWidth(4, 8)
            self.colour_bar.show()
        else:
            layout.removeItem(self.colour_bar)
            layout.setColumnFixedWidth(4, 0)
            self.colour_bar.hide()
            self._bar_label = None
        self._bar_shown = show

    def set_highlight(self, index: int | None):
        """Ring one sample (the one chosen in the diagram); ``None`` removes the ring."""
        self._highlight_wanted = index  # kept for data that arrives later
        if index is not None and (self._X is None or not 0 <= index < self._X.shape[0]):
            index = None
        if (index is None) != (self._highlight is None):
            self._highlight = index
            self._update_legend()
        self._highlight = index
        if index is None:
            self.ring.setData([], [])
            return
        x = self._X[index, 0]
        y = self._X[index, 1] if self.two_d else self._Y[index, 0]
        self.ring.setData([x], [y])

    def _update_legend(self):
        entries = []
        if self._labels is not None:
            for c in range(self._n_classes):
                entries.append((DOT, CLASS_COLOURS[c % len(CLASS_COLOURS)], _t("class_n", c=c)))
        elif not self.two_d:
            entries.append((DOT, BLUE, _t("data")))
        elif self._X is not None:
            entries.append((DOT, "#888888", _t("data_by_target")))
        if not self.two_d:
            entries.append((SOLID, ORANGE, _t("network")))
        if self._highlight is not None:
            entries.append((RING, INK, _t("highlight")))
        self.legend.set_entries(entries)


class _SaturationBars(QtWidgets.QWidget):
    """One labelled bar per layer: the fraction of saturated (sigmoid/tanh) or dead (ReLU) units."""

    def __init__(self):
        super().__init__()
        self.setFont(_font(TICK_PT))
        self._title_font = _font(TICK_PT + 0.5, bold=True)
        self.fractions: list[float] = []
        self.labels: list[str] = []
        self._parts: list[tuple[str, str]] = []
        self.setSizePolicy(QtWidgets.QSizePolicy.Expanding, QtWidgets.QSizePolicy.Expanding)
        self.setToolTip(_t("sat_tip"))

    def set_values(self, fractions, activations):
        """One bar per layer; the last layer is the output layer."""
        fracs, labels, parts = [], [], []
        for l, (f, act) in enumerate(zip(fractions, activations), start=1):
            f = float(f) if f is not None else math.nan
            name = _t("sat_name", l=l, act=act)
            status = _saturation_status(f, str(act))
            fracs.append(min(max(f, 0.0), 1.0) if math.isfinite(f) else 0.0)
            parts.append((name, status))
            labels.append(_t("sat_join", name=name, status=status))
        if (fracs, labels) == (self.fractions, self.labels):
            return  # the window sends these at the diagram rate
        if len(labels) != len(self.labels):
            self.updateGeometry()
        self.fractions, self.labels, self._parts = fracs, labels, parts
        self.update()

    def _title_height(self, width: int | None = None) -> int:
        fm = QtGui.QFontMetrics(self._title_font)
        if width is None:
            return fm.height() + 6
        box = fm.boundingRect(
            QtCore.QRect(0, 0, max(width - 8, 20), 1000),
            QtCore.Qt.TextWordWrap | QtCore.Qt.AlignCenter,
            _t("sat_title"),
        )
        return box.height() + 6

    def minimumSizeHint(self) -> QtCore.QSize:
        line = self.fontMetrics().height()
        return QtCore.QSize(160, self._title_height() + max(1, len(self.labels)) * (line + 4) + 4)

    def sizeHint(self) -> QtCore.QSize:
        line = self.fontMetrics().height()
        return QtCore.QSize(260, self._title_height() + max(1, len(self.labels)) * (2 * line + 8) + 4)

    def paintEvent(self, event):
        p = QtGui.QPainter(self)
        p.fillRect(self.rect(), QtGui.QColor("white"))
        p.setRenderHint(QtGui.QPainter.Antialiasing)
        ink = QtGui.QColor(INK)
        th = self._title_height(self.width())
        p.setFont(self._title_font)
        p.setPen(ink)
        p.drawText(
            QtCore.QRect(4, 0, self.width() - 8, th), QtCore.Qt.AlignCenter | QtCore.Qt.TextWordWrap, _t("sat_title")
        )
        if not self.labels:
            p.end()
            return
        p.setFont(self.font())
        fm = p.fontMetrics()
        line = fm.height()
        left, right = 6, self.width() - 6
        width = max(right - left, 1)
        row = int(min(2 * line + 8, (self.height() - th - 2) / len(self.labels)))
        bar_fill = _lighten(ORANGE, 0.35)
        output_fill = QtGui.QColor("#c4c4c4")  # see sat_tip
        text_width = width - 10
        two_lines = row - 3 >= 2 * line - 2 and any(fm.horizontalAdvance(t) > text_width for t in self.labels)
        for i, (f, label, (name, status)) in enumerate(zip(self.fractions, self.labels, self._parts)):
            top = th + i * row
            bar = QtCore.QRectF(left, top + 1, width, row - 3)
            p.setPen(QtCore.Qt.NoPen)
            p.setBrush(QtGui.QColor("#eeeeee"))
            p.drawRect(bar)
            p.setBrush(output_fill if i == len(self.labels) - 1 and i > 0 else bar_fill)
            p.drawRect(QtCore.QRectF(left, top + 1, width * f, row - 3))
            p.setPen(ink)
            text_rect = bar.adjusted(6, 0, -4, 0).toRect()
            if not two_lines:
                text = fm.elidedText(label, QtCore.Qt.ElideRight, text_rect.width())
            else:  # too narrow for one line, tall enough for two
                text = (
                    fm.elidedText(name, QtCore.Qt.ElideRight, text_rect.width())
                    + "\n"
                    + fm.elidedText(status, QtCore.Qt.ElideRight, text_rect.width())
                )
            p.drawText(text_rect, QtCore.Qt.AlignVCenter | QtCore.Qt.AlignLeft, text)
        p.end()


def _saturation_status(fraction: float, activation: str) -> str:
    if activation not in ("relu", "leaky_relu", "sigmoid", "tanh"):
        return _t("sat_none")
    if not math.isfinite(fraction):
        return _t("sat_unknown")
    pct = "<1" if 0.0 < fraction < 0.005 else f"{100.0 * fraction:.0f}"  # "0% dead" must mean none
    return _t("sat_dead" if activation in ("relu", "leaky_relu") else "sat_saturated", pct=pct)


class GradientPlot(QtWidgets.QWidget):
    """Per-layer ‖∂L/∂W(l)‖ per step (or ‖δ(l)‖ per snapshot) on a log axis, and saturation bars."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._norms: list[_Series] = []
        self._deltas: list[_Series] = []
        self._curves: list[pg.PlotDataItem] = []
        self._colours: list[str] = []
        self._marker_step: int | None = None
        self._dirty = False

        self.dW_button = QtWidgets.QRadioButton(_t("show_dW"))
        self.dW_button.setToolTip(_t("show_dW_tip"))
        self.delta_button = QtWidgets.QRadioButton(_t("show_delta"))
        self.delta_button.setToolTip(_t("show_delta_tip"))
        self.dW_button.setChecked(True)
        group = QtWidgets.QButtonGroup(self)
        group.addButton(self.dW_button)
        group.addButton(self.delta_button)

        self.plot = _make_plot(_t("grad_title_dW"))
        pi = self.plot.getPlotItem()
        pi.setLogMode(x=False, y=True)
        _set_label(pi, "left", _t("grad_axis"))
        _set_label(pi, "bottom", _t("step"))
        self._marker = _Marker(pi, MARKER)
        self.legend = _LegendRow()
        self.bars = _SaturationBars()

        top = QtWidgets.QWidget()
        top_layout = QtWidgets.QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(2)
        top_layout.addLayout(_toolbar(self.dW_button, self.delta_button))
        top_layout.addWidget(self.plot, 1)
        top_layout.addWidget(self.legend)
        # side by side unless the panel is tall: seven labelled bars under a plot need ~450 px
        self.splitter = QtWidgets.QSplitter(QtCore.Qt.Horizontal)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.bars)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._orientation = None

        self.dW_button.toggled.connect(self._mode_changed)

    def minimumSizeHint(self) -> QtCore.QSize:
        # as narrow as the bars-below layout allows: a narrow panel switches to it (resizeEvent)
        top, bars = self.splitter.widget(0).minimumSizeHint(), self.bars.minimumSizeHint()
        return QtCore.QSize(max(top.width(), bars.width()), max(top.height(), bars.height()))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        # bars beside the curves in a wide panel, below them in a tall or narrow one
        w, h = self.width(), self.height()
        narrow = w < self.splitter.widget(0).minimumSizeHint().width() + self.bars.minimumSizeHint().width() + 12
        orientation = QtCore.Qt.Vertical if narrow or (h >= 1.2 * w and h >= 440) else QtCore.Qt.Horizontal
        if orientation != self._orientation:
            self._orientation = orientation
            self.splitter.setOrientation(orientation)
            if orientation == QtCore.Qt.Horizontal:
                self.splitter.setSizes([round(w * 0.6), round(w * 0.4)])
            else:
                self.splitter.setSizes([round(h * 0.66), round(h * 0.34)])

    # data ---------------------------------------------------------------------
    @property
    def showing_deltas(self) -> bool:
        return self.delta_button.isChecked()

    def append(self, first_step: int, norms):
        """Per layer, ‖∂L/∂W(l)‖ of each step since the previous snapshot."""
        if not norms:
            return
        self._ensure_layers(len(norms))
        for series, values in zip(self._norms, norms):
            if series.extend(first_step, values):
                self._dirty = True

    def append_deltas(self, step: int, delta_norms):
        """Per layer, ‖δ(l)‖ at ``step`` (sampled at snapshots)."""
        if not delta_norms:
            return
        self._ensure_layers(len(delta_norms))
        for series, value in zip(self._deltas, delta_norms):
            series.add(float(step), float(value))
        self._dirty = True

    def _ensure_layers(self, L: int):
        if L == len(self._curves):
            return
        pi = self.plot.getPlotItem()
        for c in self._curves:
            pi.removeItem(c)
        cmap = pg.colormap.get("viridis")
        # viridis from dark purple (layer 1) to green; its yellow end is unreadable on white
        colours = cmap.map(np.linspace(0.0, 0.8, L) if L > 1 else [0.0], mode=cmap.QCOLOR)
        self._curves = []
        for colour in colours:
            curve = pg.PlotDataItem(pen=pg.mkPen(colour, width=LINE_PX))
            _tune(curve)
            pi.addItem(curve)
            self._curves.append(curve)
        pi.setLogMode(x=False, y=True)  # items added after setLogMode would be linear
        self._norms = [_Series() for _ in range(L)]
        self._deltas = [_Series() for _ in range(L)]
        self._colours = [c.name() for c in colours]
        # "layer ━ 1 ━ 2 … ━ L (output)": short enough for one line in a narrow panel
        self.legend.set_entries(
            [
                (SOLID, colour, _t("layer_out", l=l) if l == L else str(l))
                for l, colour in enumerate(self._colours, start=1)
            ],
            prefix=_t("layers"),
            sep="&nbsp; ",
        )
        self._dirty = True

    def clear(self):
        """Forget every curve and bar."""
        for s in self._norms + self._deltas:
            s.clear()
        self._marker_step = None
        self._dirty = True
        self.refresh()
        self.set_saturation((), ())

    def truncate(self, step: int):
        """Forget step ``step`` and later (time travel)."""
        for s in self._norms + self._deltas:
            s.truncate(step)
        self._dirty = True

    def set_marker(self, step: int | None):
        """Mark the current step; ``None`` removes the mark."""
        self._marker_step = None if step is None else int(step)
        self._place_marker()

    def refresh(self):
        """Hand the buffered history to the curves, if anything changed."""
        if not self._dirty:
            return
        self._dirty = False
        for curve, s in zip(self._curves, self._series):
            curve.setData(s.x, s.y)
        self._place_marker()

    @property
    def _series(self) -> list[_Series]:
        return self._deltas if self.showing_deltas else self._norms

    def _place_marker(self):
        if self._marker_step is None:
            self._marker.hide()
        else:
            self._marker.show(self._marker_step, None)

    def _mode_changed(self, _checked=None):
        self.plot.getPlotItem().setTitle(
            _t("grad_title_delta" if self.showing_deltas else "grad_title_dW"), color=INK, size=f"{TITLE_PT}pt"
        )
        self._dirty = True
        self.refresh()
        self.plot.getPlotItem().enableAutoRange()

    def set_saturation(self, fractions, activations):
        """Per layer: the fraction of saturated sigmoid/tanh units or dead ReLUs, as labelled bars."""
        self.bars.set_values(tuple(fractions), tuple(activations))

    @property
    def saturation_labels(self) -> list[str]:
        return list(self.bars.labels)
