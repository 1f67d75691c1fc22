"""The loss landscape over two weights of the current network, with the training trajectory on it.

A view of the main window (``show(snapshot)``, ``refresh()``, ``restyle()``): every live snapshot
with values adds the network's parameters to a bounded :class:`model.landscape.Trajectory`, from
the moment the window opens, so the path is there when the lecturer asks for the landscape.
The loss over a grid of the two chosen parameters (every other parameter at its current value:
a slice through the current point) is computed by ``model.landscape.loss_grid`` on a worker
thread, when the user presses Refresh or, if "when paused" is ticked, when training stands
still: it never runs while training runs and never blocks the window.  The grid's size follows
the network's cost (``grid_size``), 15 to 41 points a side.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from gui import style
from gui.i18n import lookup, tr_noop
from gui.plot_parts import make_plot, no_si_prefix, set_label, style_axis, style_plot
from gui.view import DIAGRAM_HZ
from model.landscape import Trajectory, largest_gradients, loss_grid, parameters
from model.losses import loss_from_dict, make_loss
from model.network import Layer, Network

__all__ = ["LandscapeWindow", "Landscape", "grid_size", "COST_BUDGET"]

TEXT = {
    "title": tr_noop("Loss landscape"),
    "first": tr_noop("Weight on x:"),
    "second": tr_noop("Weight on y:"),
    "first_a11y": tr_noop("Weight on the x axis"),
    "second_a11y": tr_noop("Weight on the y axis"),
    "range": tr_noop("Range ±"),
    "range_a11y": tr_noop("Range around the current point"),
    "range_tip": tr_noop("How far each axis reaches from the current weights; auto: far enough for the whole path."),
    "auto": tr_noop("auto"),
    "refresh": tr_noop("Refresh"),
    "refresh_tip": tr_noop("Compute the loss on the grid now, around the current weights"),
    "when_paused": tr_noop("Refresh when training pauses"),
    "when_paused_tip": tr_noop("Compute again whenever training stands still at a new point (never while it runs)"),
    "plot": tr_noop("Loss over two weights"),
    "plot_a11y": tr_noop("Contours of the loss over two weights, with the training path and the current point"),
    "colour": tr_noop("loss L"),
    "colour_log": tr_noop("log₁₀ L"),
    "waiting": tr_noop("Waiting for the network…"),
    "computing": tr_noop("Computing the loss on a {n}×{n} grid…"),
    "same": tr_noop("Choose two different weights."),
    "listed_tip": tr_noop("The {n} parameters with the largest gradients, of {total}"),
    "not_finite": tr_noop("The weights are not finite (training diverged): reset or go back on the timeline."),
    "done": tr_noop(
        "L over {a} and {b} on {m} samples, {n}×{n} grid, at step {step}: L = {loss} at the current "
        "point ★, the training loss that backprop differentiates ({ms:.0f} ms).  The other weights stay "
        "at their current values; the path ● is training's, projected onto these two."
    ),
    "failed": tr_noop("The landscape could not be computed: {error}"),
}
_t = lookup(TEXT)

#: Work per landscape, in multiply-adds (an activation counts as 40: tanh costs about that much more):
#: the grid shrinks, to 15×15 at least, to stay within it (~0.1 s on a loaded 2-core machine).
COST_BUDGET = 6e7
ACTIVATION_COST = 40
SIDE_MIN, SIDE_MAX = 15, 41
#: A larger network lists only this many parameters in each combo: those with the largest gradients.
MAX_LISTED = 500


def grid_size(sizes, m: int, first_layer: int) -> int:
    """Points per side (odd, so the current point is on the grid) for a network of layer ``sizes``
    on ``m`` samples, varying weights from layer ``first_layer`` (1 … L) on."""
    layers = zip(sizes[first_layer - 1 : -1], sizes[first_layer:])
    per_point = m * sum(fi * fo + ACTIVATION_COST * fo for fi, fo in layers)
    side = int(np.sqrt(COST_BUDGET / max(1, per_point)))
    side = min(SIDE_MAX, max(SIDE_MIN, side))
    return side if side % 2 else side - 1


@dataclass(frozen=True)
class Landscape:
    """One computed landscape: ``values[r, c]`` at ``(xs[c], ys[r])``; the current point is the centre."""

    a: int
    b: int
    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray
    step: int
    samples: int
    milliseconds: float

    @property
    def centre(self) -> float:
        return float(self.values[len(self.ys) // 2, len(self.xs) // 2])


class _Bridge(QObject):
    finished = Signal(object, int)  # (Landscape or error text, generation): queued to the GUI thread


def _network(values) -> Network:
    """A network with the weights of a snapshot's ``LayerValues``."""
    return Network([Layer(np.array(lv.W), np.array(lv.b), lv.activation) for lv in values])


def _flat(values, grads: bool = False) -> np.ndarray:
    parts = []
    for lv in values:
        parts += [np.ravel(lv.dW if grads else lv.W), np.ravel(lv.db if grads else lv.b)]
    return np.concatenate(parts)


class LandscapeWindow(QDialog):
    """Contours of the loss over two weights, the training path projected onto them, the current point."""

    refresh_hz = DIAGRAM_HZ
    computed = Signal(object)  # a Landscape, on the GUI thread

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("title"))
        self.setAccessibleName(_t("title"))
        self.trajectory = Trajectory()
        self.landscape: Landscape | None = None
        self._latest = None  # the latest live snapshot with values
        self._loss_spec = None  # the session's loss (dict), for a loss with parameters
        self._layout = None  # the network's sizes the combos were filled for
        self._params = []  # model.landscape.Parameter of each flat index, for that network
        self._path_dirty = False
        self._auto_due = False
        self._computed_at = None  # the parameters the last landscape was computed at
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._queued = False
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._finished)

        self.combo_a = QComboBox()
        self.combo_a.setAccessibleName(_t("first_a11y"))
        self.combo_b = QComboBox()
        self.combo_b.setAccessibleName(_t("second_a11y"))
        for combo in (self.combo_a, self.combo_b):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            combo.activated.connect(lambda _i: self.request())
        self.range_spin = QDoubleSpinBox()
        self.range_spin.setRange(0.0, 100.0)
        self.range_spin.setDecimals(2)
        self.range_spin.setSingleStep(0.25)
        self.range_spin.setSpecialValueText(_t("auto"))
        self.range_spin.setAccessibleName(_t("range_a11y"))
        self.range_spin.setToolTip(_t("range_tip"))
        self.range_spin.editingFinished.connect(self.request)
        self.refresh_button = QPushButton(_t("refresh"))
        self.refresh_button.setAccessibleName(_t("refresh"))
        self.refresh_button.setToolTip(_t("refresh_tip"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.request)
        self.auto_check = QCheckBox(_t("when_paused"))
        self.auto_check.setAccessibleName(_t("when_paused"))
        self.auto_check.setToolTip(_t("when_paused_tip"))
        self.auto_check.setChecked(True)

        row = QHBoxLayout()
        row.addWidget(QLabel(_t("first")))
        row.addWidget(self.combo_a)
        row.addWidget(QLabel(_t("second")))
        row.addWidget(self.combo_b)
        row.addWidget(QLabel(_t("range")))
        row.addWidget(self.range_spin)
        row.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.refresh_button)
        row2.addWidget(self.auto_check)
        row2.addStretch(1)

        self.plot = make_plot(_t("plot"), grid=False)
        self.plot.setAccessibleName(_t("plot_a11y"))
        pi = self.plot.getPlotItem()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-20)
        pi.addItem(self.image)
        self.isocurves = [pg.IsocurveItem(level=0.0, axisOrder="row-major") for _ in range(9)]
        for iso in self.isocurves:
            iso.setParentItem(self.image)
        self.path = pg.PlotDataItem([], [], symbol="o", symbolSize=4)
        self.path.setZValue(10)
        self.start_point = pg.ScatterPlotItem(symbol="o", size=11, pxMode=True)
        self.current = pg.ScatterPlotItem(symbol="star", size=22, pxMode=True)
        self.start_point.setZValue(11)
        self.current.setZValue(12)
        for item in (self.path, self.start_point, self.current):
            pi.addItem(item)
        self.colour_bar = pg.ColorBarItem(
            values=(0, 1), colorMap=pg.colormap.get("viridis"), interactive=False, width=18, colorMapMenu=False
        )
        self.colour_bar.setImageItem(self.image, insert_in=pi)
        for side in ("left", "right", "top", "bottom"):
            no_si_prefix(self.colour_bar.getAxis(side))
        self.colour_bar.axis.setWidth(None)

        self.status = QLabel(_t("waiting"))
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(row2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status)
        self.resize(760, 640)
        self.restyle()

    # View --------------------------------------------------------------------------------
    def show(self, snapshot=None):
        """Take a snapshot's weights for the path (cheap); without one, QWidget.show."""
        if snapshot is None:
            return super().show()
        s = snapshot
        if s.values is None or s.viewing_step is not None:
            return None  # a look at the past is not where training is
        self.trajectory.add(s.step, _flat(s.values))
        self._latest = s
        self._path_dirty = True
        sizes = [s.values[0].fan_in] + [lv.fan_out for lv in s.values]
        if sizes != self._layout:
            self._fill_combos(sizes, _flat(s.values, grads=True))
        if not s.running and self.auto_check.isChecked():
            self._auto_due = True
        return None

    def refresh(self):
        """Draw the path; start a computation that is due (training paused at a new point)."""
        if self._auto_due and self._latest is not None and not self._latest.running:
            self._auto_due = False
            if not self._at_computed_point():
                self.request()
        if self._path_dirty:
            self._path_dirty = False
            self._draw_path()

    def set_session(self, session: dict):
        """A new session (the main window's ``session_changed``): its loss; a new network clears the path."""
        self._loss_spec = session.get("loss") if isinstance(session, dict) else None
        self.trajectory.clear()
        self._layout = None
        self._path_dirty = True

    # choices -----------------------------------------------------------------------------
    def _fill_combos(self, sizes, grads):
        self._layout = sizes
        self._params = params = parameters(sizes)
        a, b = largest_gradients(sizes, grads)
        if len(params) > MAX_LISTED:  # a long list is slow to fill and useless to scroll: the largest gradients
            size = np.nan_to_num(np.abs(grads), nan=-1.0, posinf=-1.0)
            keep = set(np.argsort(-size, kind="stable")[:MAX_LISTED].tolist()) | {a, b}
            params = [p for p in params if p.index in keep]
        tip = _t("listed_tip", n=len(params), total=len(self._params)) if len(params) < len(self._params) else ""
        for combo, chosen in ((self.combo_a, a), (self.combo_b, b)):
            combo.blockSignals(True)
            combo.clear()
            for p in params:
                combo.addItem(p.label, p.index)
            combo.setCurrentIndex(combo.findData(chosen))
            combo.setToolTip(tip)
            combo.blockSignals(False)
        self.landscape = None
        self._computed_at = None

    def chosen(self) -> tuple[int, int]:
        return int(self.combo_a.currentData()), int(self.combo_b.currentData())

    def choose(self, a: int, b: int):
        """Pick the two weights by flat index (as choosing them in the combos does) and compute."""
        self.combo_a.setCurrentIndex(self.combo_a.findData(a))
        self.combo_b.setCurrentIndex(self.combo_b.findData(b))
        self.request()

    def _key(self, flat):
        return (self.chosen(), self.range_spin.value(), flat)

    def _at_computed_point(self) -> bool:
        """True if the landscape shown (or being computed) is for these weights, this pair and this range."""
        done = self._computed_at
        if done is None or self._latest is None:
            return False
        key = self._key(_flat(self._latest.values))
        return done[:2] == key[:2] and np.array_equal(done[2], key[2])

    # computing -----------------------------------------------------------------------------
    def _loss(self, s):
        if self._loss_spec is not None:
            try:
                return loss_from_dict(self._loss_spec)
            except (ValueError, TypeError, KeyError):
                pass
        return make_loss(s.loss_name)

    def _ranges(self, a, b, centre_a, centre_b):
        fixed = self.range_spin.value()
        if fixed > 0:
            return fixed, fixed
        _, pa, pb = self.trajectory.project(a, b)
        out = []
        for path, c in ((pa, centre_a), (pb, centre_b)):
            reach = np.max(np.abs(path - c)) if len(path) else 0.0
            reach = reach if np.isfinite(reach) else 0.0
            out.append(float(max(0.5, 0.25 * abs(c), 1.15 * reach)))
        return tuple(out)

    def request(self):
        """Compute the landscape around the latest weights (on a worker thread); the result arrives as ``computed``."""
        s = self._latest
        if s is None or self.combo_a.count() == 0:
            return
        a, b = self.chosen()
        if a == b:
            self.status.setText(_t("same"))
            return
        if self._at_computed_point():
            return  # shown already, or on its way
        if self._thread is not None and self._thread.is_alive():
            self._queued = True  # one at a time; the latest request runs next
            return
        flat = _flat(s.values)
        if not np.all(np.isfinite(flat)):
            self.status.setText("⚠ " + _t("not_finite"))
            return
        ra, rb = self._ranges(a, b, flat[a], flat[b])
        first = min(self._params[a].layer, self._params[b].layer)
        n = grid_size(self._layout, s.X.shape[0], first)
        xs = flat[a] + ra * np.linspace(-1.0, 1.0, n)
        ys = flat[b] + rb * np.linspace(-1.0, 1.0, n)
        xs[n // 2], ys[n // 2] = flat[a], flat[b]  # the current point exactly
        network, loss = _network(s.values), self._loss(s)
        X, Y, step = s.X, s.Y, s.step
        self._generation += 1
        generation = self._generation
        self._computed_at = self._key(flat)
        self.status.setText(_t("computing", n=n))
        bridge = self._bridge

        def work():
            started = time.perf_counter()
            try:
                values = loss_grid(network, X, Y, loss, a, b, xs, ys)
                result = Landscape(a, b, xs, ys, values, step, X.shape[0], (time.perf_counter() - started) * 1000)
            except (ValueError, FloatingPointError, MemoryError) as e:
                result = _t("failed", error=e)
            bridge.finished.emit(result, generation)

        self._thread = threading.Thread(target=work, name="landscape", daemon=True)
        self._thread.start()

    def _finished(self, result, generation):
        self._thread = None
        if generation == self._generation:
            if isinstance(result, Landscape):
                self.landscape = result
                self._draw_landscape(result)
                self.computed.emit(result)
            else:
                self._computed_at = None  # (asking again tries again)
                self.status.setText("⚠ " + str(result))
        if self._queued:
            self._queued = False
            self.request()

    def wait(self, timeout: float = 10.0):
        """Until a computation in progress has finished (closing, tests)."""
        t = self._thread
        if t is not None:
            t.join(timeout)

    # drawing -------------------------------------------------------------------------------
    def _draw_path(self):
        if self.combo_a.count() == 0:
            return
        a, b = self.chosen()
        _, pa, pb = self.trajectory.project(a, b)
        ok = np.isfinite(pa) & np.isfinite(pb)
        pa, pb = pa[ok], pb[ok]
        self.path.setData(pa, pb)
        self.start_point.setData(pa[:1], pb[:1])
        self.current.setData(pa[-1:], pb[-1:])

    def _draw_landscape(self, land: Landscape):
        v = land.values
        finite = np.isfinite(v)
        shown = np.where(finite, v, np.nan)
        lo = float(np.nanmin(shown)) if finite.any() else 0.0
        hi = float(np.nanmax(shown)) if finite.any() else 1.0
        log = lo > 0 and hi / lo > 50
        if log:
            shown = np.log10(shown)
            lo, hi = np.log10(lo), np.log10(hi)
        if not hi > lo:
            hi = lo + 1.0
        shown = np.where(np.isfinite(shown), shown, hi)  # a diverged corner shows as the top of the scale
        xs, ys = land.xs, land.ys
        dx, dy = (xs[-1] - xs[0]) / (len(xs) - 1), (ys[-1] - ys[0]) / (len(ys) - 1)
        self.image.setImage(shown, autoLevels=False, levels=(lo, hi))
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy))
        self.colour_bar.setLevels((lo, hi))
        self.colour_bar.getAxis("left").setLabel(_t("colour_log") if log else _t("colour"))
        for k, iso in enumerate(self.isocurves, start=1):
            iso.setData(shown)
            iso.setLevel(lo + (hi - lo) * k / (len(self.isocurves) + 1))
        pi = self.plot.getPlotItem()
        pa, pb = (
            self.combo_a.itemText(self.combo_a.findData(land.a)),
            self.combo_b.itemText(self.combo_b.findData(land.b)),
        )
        set_label(pi, "bottom", pa)
        set_label(pi, "left", pb)
        pi.vb.setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]), padding=0)
        self._draw_path()
        self.status.setText(
            _t(
                "done",
                a=pa,
                b=pb,
                m=land.samples,
                n=len(xs),
                step=land.step,
                loss=f"{land.centre:.6g}",
                ms=land.milliseconds,
            )
        )

    def restyle(self):
        t = style.theme()
        style_plot(self.plot)
        for side in ("left", "right", "top", "bottom"):
            style_axis(self.colour_bar.getAxis(side))
        for iso in self.isocurves:
            iso.setPen(pg.mkPen(t.base if t.dark else "#ffffff", width=1))
        self.path.setPen(style.mkpen(t.orange, 2))
        self.path.setSymbolBrush(pg.mkBrush(t.orange))
        self.path.setSymbolPen(pg.mkPen(t.orange))
        self.start_point.setPen(pg.mkPen(t.text, width=2))
        self.start_point.setBrush(pg.mkBrush(t.base))
        self.current.setPen(pg.mkPen(t.base, width=1.5))
        self.current.setBrush(pg.mkBrush(t.error))

    def closeEvent(self, event):
        self.wait()
        super().closeEvent(event)
