"""TF Playground's central view: the network's output over its input space, with the data on top.

2-D inputs: a heatmap of the output (or of the predicted class) with the decision boundary and a
colour bar; 1-D inputs: the fitted curve through the data.  Colours follow :mod:`gui.style`.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gui import style
from gui.i18n import lookup, tr_noop
from gui.plot_parts import DOT, RING, SOLID, LegendRow, make_plot, no_si_prefix, set_label, style_axis, style_plot
from gui.view import DIAGRAM_HZ

__all__ = ["OutputView"]

STRINGS = {
    "output_title": tr_noop("Network output"),
    "x1": tr_noop("x₁"),
    "x2": tr_noop("x₂"),
    "y": tr_noop("y"),
    "data": tr_noop("data"),
    "data_by_target": tr_noop("data, coloured by its target y"),
    "network": tr_noop("network output"),
    "class_n": tr_noop("class {c}"),
    "prob_class1": tr_noop("P(class 1)"),
    "score": tr_noop("score"),
    "prediction": tr_noop("prediction"),
    "highlight": tr_noop("selected sample"),
}

_t = lookup(STRINGS)


def _diverging(light: bool) -> pg.ColorMap:
    """Blue (low) … the background (middle) … orange (high); ``light``: towards the background, for a heatmap."""
    t = style.theme()
    ends = [style.toward_base(c) if light else style.colour(c) for c in (t.blue, t.orange)]
    middle = style.toward_base("#f7f7f7" if not t.dark else "#5a5a5a", 0.3)
    return pg.ColorMap([0.0, 0.5, 1.0], [ends[0], middle, ends[1]])


class OutputView(QtWidgets.QWidget):
    """TF Playground's central view: the network's output over the input space, with the data on top."""

    refresh_hz = DIAGRAM_HZ

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

        self.plot = make_plot(_t("output_title"), grid=False)  # no grid over a heatmap
        pi = self.plot.getPlotItem()
        pi.hideAxis("right")
        self.image = pg.ImageItem(axisOrder="row-major")  # one-column outputs, colour-mapped
        self.class_image = pg.ImageItem(axisOrder="row-major")  # several classes, RGBA
        self.boundary = pg.IsocurveItem(level=0.5, axisOrder="row-major")
        self.boundary.setParentItem(self.image)
        for item in (self.image, self.class_image):
            item.setZValue(-20)
            pi.addItem(item)
        self.curve = pg.PlotDataItem()
        self.points = pg.ScatterPlotItem(size=10, pxMode=True)
        self.ring = pg.ScatterPlotItem(pxMode=True, brush=None, symbol="o")
        for z, item in ((5, self.points), (10, self.curve), (15, self.ring)):
            item.setZValue(z)
            pi.addItem(item)
        pi.getViewBox().sigResized.connect(lambda *_: self.points.setSize(self._point_size()))
        self.colour_bar = pg.ColorBarItem(
            values=(0, 1), colorMap=_diverging(light=True), interactive=False, width=18, colorMapMenu=False
        )
        self.colour_bar.setImageItem(self.image)
        for side in ("left", "right", "top", "bottom"):
            no_si_prefix(self.colour_bar.getAxis(side))
            style_axis(self.colour_bar.getAxis(side))
        self.colour_bar.axis.setWidth(None)
        self.colour_bar.hide()
        self._bar_shown = False
        self._bar_label: str | None = None

        self.legend = LegendRow()

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self._surface = None  # the latest surface, drawn at the next refresh() while visible
        self._drawn_surface = None
        self._pens()
        self.clear()

    # View -----------------------------------------------------------------------
    def show(self, snapshot=None):
        """Take a full snapshot's data and output surface; without one, QWidget.show."""
        if snapshot is None:
            return super().show()
        s = snapshot
        if s.X is not None:
            self.set_data(s.X if s.X.shape[1] <= 2 else s.X[:, :2], s.Y, s.task)
        if s.surface is not None:
            self._surface = s.surface
        return None

    def refresh(self):
        """Draw the latest surface (only while visible: a hidden tab costs nothing)."""
        if self._surface is not None and self._surface is not self._drawn_surface and self.isVisible():
            self.set_surface(self._surface)

    def restyle(self):
        style_plot(self.plot)
        for side in ("left", "right", "top", "bottom"):
            style_axis(self.colour_bar.getAxis(side))
        self.colour_bar.setColorMap(_diverging(light=True))
        self._pens()
        self._label_bar()
        self.legend.restyle()
        self._draw_points()
        self._update_legend()
        if self._drawn_surface is not None:
            self.set_surface(self._drawn_surface)
        self.set_highlight(self._highlight_wanted)

    def _pens(self):
        t = style.theme()
        self.boundary.setPen(style.mkpen(t.text, 2))
        self.curve.setPen(style.mkpen(t.orange, 3))
        self.ring.setPen(style.mkpen(t.text, 3))
        self.ring.setSize(26 * style.zoom())

    def _label_bar(self):
        if self._bar_label is not None:
            self.colour_bar.getAxis("left").setLabel(
                self._bar_label, color=style.theme().text, **{"font-size": f"{style.plot_pt(style.TICK_PT):g}pt"}
            )

    def export_table(self):
        """The output drawn, for File → Export: ``x1,x2,<output>`` over the grid, or ``x,prediction`` in 1-D."""
        surface = self._surface
        if surface is None:
            return ["x", "prediction"], []
        if len(surface) == 3:
            xs, ys, grid = (np.asarray(a, dtype=float) for a in surface)
            finite = grid[np.isfinite(grid)]
            if self._task != "classification":
                name = "output"
            elif self._n_classes > 2:
                name = "class"
            else:  # as the colour bar says: a probability, or a raw score (hinge)
                name = "p_class1" if finite.size and finite.min() >= 0.0 and finite.max() <= 1.0 else "score"
            rows = [(x, y, grid[j, i]) for j, y in enumerate(ys.tolist()) for i, x in enumerate(xs.tolist())]
            return ["x1", "x2", name], rows
        xs, y_pred = (np.asarray(a, dtype=float) for a in surface)
        if y_pred.ndim == 2:
            y_pred = y_pred[:, 0]
        order = np.argsort(xs, kind="stable")
        return ["x", "prediction"], list(zip(xs[order].tolist(), y_pred[order].tolist()))

    # data ---------------------------------------------------------------------
    @property
    def two_d(self) -> bool:
        return self._X is not None and self._X.shape[1] >= 2

    def clear(self):
        """Show nothing."""
        self._X = self._Y = self._labels = None
        self._rect = None
        self._surface = self._drawn_surface = None
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
            set_label(pi, "bottom", _t("x1"))
            set_label(pi, "left", _t("x2") if self.two_d else _t("y"))
            pi.setAspectLocked(self.two_d)
            self._update_legend()
            pi.enableAutoRange()
        self.set_highlight(self._highlight_wanted)

    def _draw_points(self):
        if self._X is None:
            return
        t = style.theme()
        x = self._X[:, 0]
        y = self._X[:, 1] if self.two_d else self._Y[:, 0]
        if self._labels is not None:
            classes = t.classes
            brushes = [pg.mkBrush(classes[c % len(classes)]) for c in range(max(self._n_classes, 2))]
            brush = [brushes[c] for c in self._labels]
            pen = pg.mkPen(t.base, width=1.5)
        elif self.two_d:
            cmap = _diverging(light=False)
            lo, hi = self._levels
            where = np.clip((self._Y[:, 0] - lo) / ((hi - lo) or 1.0), 0.0, 1.0)
            brush = [pg.mkBrush(c) for c in cmap.map(where, mode=cmap.QCOLOR)]
            pen = pg.mkPen(t.text, width=1.2)
        else:
            c = style.colour(t.blue)
            c.setAlpha(150)
            brush = pg.mkBrush(c)  # see-through, so dense data does not hide the fit
            pen = pg.mkPen(None)
        # in 1-D the fitted curve runs through the points: smaller points keep it visible
        self.points.setData(x=x, y=y, brush=brush, pen=pen, size=self._point_size())

    def _point_size(self) -> float:
        """The data points' size in pixels: grown with the presentation zoom, but not beyond 1/14 of the
        plot's shorter side (a 1280×720 projector's small output plot was covered by its points)."""
        base = 10 if self.two_d else 7
        vb = self.plot.getPlotItem().getViewBox()
        side = min(vb.width(), vb.height())
        cap = max(base, side / 14) if side > 0 else math.inf
        return min(base * style.zoom(), cap)

    def set_surface(self, surface):
        """``(xs, ys, grid)`` over 2-D inputs, or ``(xs, y_pred)`` along a 1-D input."""
        if surface is None:
            return
        self._surface = self._drawn_surface = surface
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
        classes = style.theme().classes
        lut = np.array([style.toward_base(c).getRgb() for c in classes], dtype=np.ubyte)
        index = np.nan_to_num(grid, nan=0.0, posinf=0.0, neginf=0.0).astype(int) % len(classes)
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
            self._label_bar()

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
        t = style.theme()
        entries = []
        if self._labels is not None:
            for c in range(self._n_classes):
                entries.append((DOT, t.classes[c % len(t.classes)], _t("class_n", c=c)))
        elif not self.two_d:
            entries.append((DOT, t.blue, _t("data")))
        elif self._X is not None:
            entries.append((DOT, t.muted, _t("data_by_target")))
        if not self.two_d:
            entries.append((SOLID, t.orange, _t("network")))
        if self._highlight is not None:
            entries.append((RING, t.text, _t("highlight")))
        self.legend.set_entries(entries)
