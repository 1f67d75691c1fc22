"""The loss curves: every step's loss (or each epoch's mean) and the accuracy on a right-hand 0–1 axis.

With a learning-rate schedule, a thin curve along the bottom of the plot shows the γ of every
step over the steps in view (past and coming), on its own right-hand axis "γ (learning rate)"
that marks 0 and γ₀: the schedule read along the loss curve's x axis.

``show(snapshot)`` (or ``append``) only buffers; ``refresh()`` hands the histories to pyqtgraph,
from the window's ~30 Hz timer.  Each epoch's accuracy is placed at the step where that epoch
ended, fixed when it arrives, so a batch size changed mid-run moves no point already drawn.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gui import style
from gui.i18n import lookup, tr_noop
from gui.plot_parts import (
    DASH_DOT,
    DASHED,
    SOLID,
    LegendRow,
    Marker,
    StepHistory,
    make_plot,
    nice_ceil,
    no_si_prefix,
    set_label,
    style_axis,
    style_plot,
    toolbar,
    tune,
)
from gui.view import CURVES_HZ
from model.schedules import schedule_from_dict

__all__ = ["LossPlot"]

# User-visible text, in one place for translation.  Mnemonics avoid the window's (F, E, T, V, H,
# N, S, L, C, U, A): a letter claimed twice activates nothing.
STRINGS = {
    "loss_title": tr_noop("Loss"),
    "step": tr_noop("step"),
    "epoch": tr_noop("epoch"),
    "loss": tr_noop("loss"),
    "accuracy": tr_noop("accuracy"),
    "report_name": tr_noop("loss"),
    "train_name": tr_noop("training loss"),
    "accuracy_name": tr_noop("accuracy (right axis)"),
    "per_epoch": tr_noop("Per e&poch"),
    "per_epoch_tip": tr_noop("Plot one point per epoch (the epoch's mean) instead of one per step"),
    "log_y": tr_noop("L&og scale"),
    "log_y_tip": tr_noop("Logarithmic loss axis; zero, negative and non-finite losses are not drawn"),
    "show_train": tr_noop("Tra&ining loss"),
    "show_train_tip": tr_noop(
        "Also draw the loss that backprop differentiates (e.g. ½·MSE) when it differs from the reported one"
    ),
    "show_train_epoch_tip": tr_noop("The training loss is recorded per step only"),
    "show_acc": tr_noop("Accurac&y"),
    "show_acc_tip": tr_noop("Draw the accuracy per epoch on a 0–1 axis on the right"),
    "fit": tr_noop("Fit"),
    "fit_tip": tr_noop("Zoom to show the whole history and follow new values"),
    "lr_axis": tr_noop("γ (learning rate)"),
}

#: The learning-rate curve's band: γ₀ sits at this fraction of the plot's height.
LR_BAND = 0.22
#: Points of the learning-rate curve across the steps in view.
LR_POINTS = 600

_t = lookup(STRINGS)


def _check(key: str, tip: str, checked=False) -> QtWidgets.QCheckBox:
    box = QtWidgets.QCheckBox(_t(key))
    box.setToolTip(_t(tip))
    box.setChecked(checked)
    return box


class LossPlot(QtWidgets.QWidget):
    """Live loss curves per step or per epoch, with the accuracy on a right-hand 0–1 axis."""

    step_clicked = QtCore.Signal(int)
    refresh_hz = CURVES_HZ

    def __init__(self, parent=None):
        super().__init__(parent)
        self._report = StepHistory()
        self._loss = StepHistory()
        self._epoch_report = StepHistory()
        self._epoch_accuracy = StepHistory()
        self._epoch_end = StepHistory()  # per epoch: the step it ended at
        self._loss_differs = False
        self._marker_step: int | None = None
        self._dirty = False
        self._samples: int | None = None  # training samples, from a full snapshot (for steps per epoch)
        self._batch_size: int | None | str = "unknown"  # None: full batch
        self._schedule = None  # model.schedules.Schedule; None while γ is constant
        self._base_lr = float("nan")

        self.epoch_box = _check("per_epoch", "per_epoch_tip")
        self.log_box = _check("log_y", "log_y_tip")
        self.train_box = _check("show_train", "show_train_tip")
        self.acc_box = _check("show_acc", "show_acc_tip", checked=True)
        self.fit_button = QtWidgets.QToolButton()
        self.fit_button.setText(_t("fit"))
        self.fit_button.setToolTip(_t("fit_tip"))
        self.train_box.hide()
        self.acc_box.hide()

        self.plot = make_plot(_t("loss_title"))
        pi = self.plot.getPlotItem()
        set_label(pi, "left", _t("loss"))
        set_label(pi, "bottom", _t("step"))
        self.legend = LegendRow()
        self.report_curve = pi.plot()
        self.train_curve = pg.PlotDataItem()
        pi.addItem(self.train_curve)
        for c in (self.report_curve, self.train_curve):
            tune(c)
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
        self.acc_curve = pg.PlotDataItem()
        tune(self.acc_curve)
        self._acc_view.addItem(self.acc_curve)
        self._acc_axis.hide()
        self.acc_curve.hide()
        # The learning-rate schedule: its own view box along the bottom, x-linked, with its own axis.
        self._lr_axis = pg.AxisItem("right")
        style_axis(self._lr_axis)
        no_si_prefix(self._lr_axis)
        pi.layout.addItem(self._lr_axis, 2, 3)
        self._lr_view = pg.ViewBox(enableMenu=False)
        self._lr_view.setMouseEnabled(x=False, y=False)
        self._lr_view.setZValue(-5)
        pi.scene().addItem(self._lr_view)
        self._lr_axis.linkToView(self._lr_view)
        self._lr_view.setXLink(pi.vb)
        self._lr_view.enableAutoRange(y=False)
        self.lr_curve = pg.PlotDataItem()
        tune(self.lr_curve)
        self._lr_view.addItem(self.lr_curve)
        self.lr_dot = pg.PlotDataItem([], [], pen=None, symbol="o")  # the γ of the marked step
        self._lr_view.addItem(self.lr_dot)
        self._lr_axis.hide()
        self._lr_view.hide()
        pi.vb.sigResized.connect(self._sync_views)
        pi.vb.sigXRangeChanged.connect(self._draw_schedule)

        self._marker = Marker(pi, "blue")

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.options = QtWidgets.QWidget()  # the plot's option boxes (presentation mode hides them)
        self.options.setLayout(toolbar(self.epoch_box, self.log_box, self.train_box, self.acc_box, self.fit_button))
        layout.addWidget(self.options)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self._pens()
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

    # View -----------------------------------------------------------------------
    def show(self, snapshot=None):
        """Take a snapshot's new losses (and, from a full snapshot, the step to mark); without one, QWidget.show."""
        if snapshot is None:
            return super().show()
        s = snapshot
        if s.history_reset:
            self.clear()
        if s.X is not None and not s.step_phases:  # (while stepping by phase X is the step's batch)
            self._samples = int(s.X.shape[0])
        self._batch_size = s.batch_size
        self.append(
            s.first_step, s.new_report, s.new_loss, s.first_epoch, s.new_epoch_report, s.new_epoch_accuracy,
            epoch_steps=s.new_epoch_step,
        )  # fmt: skip
        if s.values is not None:
            self.set_marker(s.viewing_step if s.viewing_step is not None else s.step)
        return None

    def restyle(self):
        style_plot(self.plot)
        style_axis(self._acc_axis)
        style_axis(self._lr_axis)
        self._marker.restyle()
        self.legend.restyle()
        self._pens()
        self._update_toggles()

    def _pens(self):
        t = style.theme()
        self.report_curve.setPen(style.mkpen(t.blue))
        self.train_curve.setPen(style.mkpen(t.orange, style=QtCore.Qt.DashLine))
        self.acc_curve.setPen(style.mkpen(t.green, style=QtCore.Qt.DashDotLine))
        self.lr_curve.setPen(style.mkpen(t.muted, width=1.5))
        self.lr_dot.setSymbolSize(9 * style.zoom())
        self.lr_dot.setSymbolBrush(pg.mkBrush(t.muted))
        self.lr_dot.setSymbolPen(pg.mkPen(t.base, width=1.5))

    def set_session(self, d: dict):
        """Take the session's learning rate and schedule (``optimizer.schedule``) from its dict."""
        opt = d.get("optimizer") or {}
        try:
            schedule = schedule_from_dict(opt.get("schedule"))
            base = float(opt.get("learning_rate"))
        except (TypeError, ValueError):
            schedule, base = None, float("nan")
        if schedule is not None and not schedule.varies:
            schedule = None
        self._schedule, self._base_lr = schedule, base
        shown = schedule is not None and math.isfinite(base) and base > 0
        self._lr_axis.setVisible(shown)
        self._lr_view.setVisible(shown)
        if shown:
            self._lr_view.setYRange(0.0, base / LR_BAND, padding=0.0)
            self._lr_axis.setTicks([[(0.0, "0"), (base, f"{base:g}")], []])
            self._lr_axis.setLabel(
                _t("lr_axis"), color=style.theme().text, **{"font-size": f"{style.plot_pt(style.LABEL_PT):g}pt"}
            )
        self._sync_views()
        self._draw_schedule()
        self._place_lr_dot()
        self._update_toggles()

    def schedule_xy(self):
        """The learning-rate curve as drawn: (x, γ) over the steps (or epochs) in view; empty without a schedule."""
        x, y = self.lr_curve.getData()
        return (np.zeros(0), np.zeros(0)) if x is None else (x, y)

    def _draw_schedule(self, *_):
        if self._schedule is None or not self._lr_view.isVisible():
            if self.lr_curve.xData is not None and len(self.lr_curve.xData):
                self.lr_curve.setData([], [])
            return
        x0, x1 = self.plot.getPlotItem().vb.viewRange()[0]
        x0, x1 = max(0.0, x0), max(1.0, x1)
        x = np.unique(np.round(np.linspace(x0, x1, LR_POINTS)))
        per_step = 1 if not self.per_epoch else (self.steps_per_epoch() or 1)
        steps = x * per_step  # an epoch's γ: that of its first step
        self.lr_curve.setData(x, self._schedule.curve(self._base_lr, steps))

    # data ---------------------------------------------------------------------
    def append(
        self, first_step: int, new_report, new_loss, first_epoch: int, new_epoch_report, new_epoch_accuracy,
        epoch_steps=None,
    ):  # fmt: skip
        """Buffer the values since the previous snapshot; drawn at the next ``refresh()``.

        ``epoch_steps``: per new epoch, the steps done when it ended (the trainer's record; NaN or
        None where it is not known, and the epoch is placed from the batch size).
        """
        new_report = np.asarray(new_report, dtype=float).ravel()
        new_loss = np.asarray(new_loss, dtype=float).ravel()
        new_epoch_report = np.asarray(new_epoch_report, dtype=float).ravel()
        new_epoch_accuracy = np.asarray(new_epoch_accuracy, dtype=float).ravel()
        if self._report.extend(first_step, new_report):
            self._dirty = True
        if self._loss.extend(first_step, new_loss):
            self._dirty = True
            if not self._loss_differs and new_loss.size == new_report.size:
                with np.errstate(invalid="ignore"):
                    same = (new_loss == new_report) | (np.isnan(new_loss) & np.isnan(new_report))
                self._loss_differs = not bool(np.all(same))
        n_epochs = max(new_epoch_report.size, new_epoch_accuracy.size)
        if n_epochs:
            self._place_epochs(int(first_epoch), n_epochs, int(first_step) + new_report.size - 1, epoch_steps)
            self._epoch_report.extend(first_epoch, new_epoch_report)
            self._epoch_accuracy.extend(first_epoch, new_epoch_accuracy)
            self._dirty = True

    def steps_per_epoch(self) -> int | None:
        """Steps per epoch at the current batch size, once a snapshot said how many samples there are."""
        m, b = self._samples, self._batch_size
        if b is None:
            return 1
        return None if m is None or b == "unknown" else max(1, -(-m // b))

    def _place_epochs(self, first_epoch: int, n: int, last_step: int, epoch_steps=None):
        """The step each new epoch ended at, fixed once placed: a later batch size moves nothing.

        Where the trainer recorded it (``epoch_steps``), exactly there.  Otherwise each epoch ends
        ``steps_per_epoch`` steps after the one before, and the newest one within the last epoch's
        worth of steps (an epoch that a batch size change cut in two is placed within one epoch of its
        end); without the number of samples, the new epochs are spread evenly up to the newest step.
        """
        self._epoch_end.truncate(first_epoch)
        prev = self._epoch_end.last() if len(self._epoch_end) and self._epoch_end.end == first_epoch else -1.0
        last_step = max(float(last_step), prev)
        P = self.steps_per_epoch()
        j = np.arange(1, n + 1, dtype=float)
        if P is None:
            ends = np.round(prev + (last_step - prev) * j / n)
        else:
            ends = prev + P * j
            # the newest epoch ended in the last P steps (a batch size change can break the grid)
            ends += min(0.0, last_step - ends[-1]) + max(0.0, last_step - P + 1 - ends[-1])
            ends = np.maximum(ends, prev + j)  # strictly after the previous epoch's end
        known = None if epoch_steps is None else np.asarray(epoch_steps, dtype=float).ravel()
        if known is not None and known.size == n:
            with np.errstate(invalid="ignore"):
                ends = np.where(np.isfinite(known), known - 1.0, ends)
        self._epoch_end.extend(first_epoch, ends)

    def clear(self):
        """Forget every curve (new session or reset)."""
        for s in (self._report, self._loss, self._epoch_report, self._epoch_accuracy, self._epoch_end):
            s.clear()
        self._loss_differs = False
        self._marker_step = None
        self._follow = True
        self._dirty = True
        self.refresh()

    def truncate(self, step: int):
        """Forget step ``step`` and later (time travel back to ``step`` steps done)."""
        epoch = self._epoch_of(step - 0.5)
        self._report.truncate(step)
        self._loss.truncate(step)
        for s in (self._epoch_report, self._epoch_accuracy, self._epoch_end):
            s.truncate(epoch)
        self._dirty = True

    def _epoch_of(self, step: float) -> float:
        """The epoch (fractional) at ``step``: the first epoch whose end is at or after it, interpolated."""
        ei, ee = self._epoch_end.xy()
        if not ee.size:
            return 0.0
        return float(np.interp(step, ee, ei, left=ei[0], right=ei[-1] + 1.0))

    def _step_of(self, epoch: float) -> float:
        ei, ee = self._epoch_end.xy()
        return float(np.interp(epoch, ei, ee)) if ee.size else float(epoch)

    def set_marker(self, step: int | None):
        """Mark the current step (or the time-travel position); ``None`` removes the mark."""
        self._marker_step = None if step is None else int(step)
        self._place_marker()

    @property
    def step_marker(self):
        """The mark of :meth:`set_marker`: a dashed ``line`` at the step and a ``dot`` on the curve."""
        return self._marker

    @property
    def accuracy_range(self) -> tuple[float, float]:
        """The accuracy axis's shown range (the right-hand axis, 0 … 1 at least)."""
        lo, hi = self._acc_view.viewRange()[1]
        return float(lo), float(hi)

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
            self.report_curve.setData(*self._epoch_report.xy())
        else:
            self.report_curve.setData(*self._report.xy())
        if self.train_curve.isVisible():
            self.train_curve.setData(*self._loss.xy())
        if self.acc_curve.isVisible():
            self.acc_curve.setData(*self._accuracy_xy())
        self._place_marker()
        if self._follow:
            series = self._epoch_report if self.per_epoch else self._report
            x, y = series.xy()
            ys = [y] + ([self._loss.xy()[1]] if self.train_curve.isVisible() and not self.per_epoch else [])
            self._set_follow_range(x, ys)

    def _set_follow_range(self, x, ys):
        """The whole history, with the ends rounded up (see nice_ceil) so the axes rarely re-tick."""
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
        x_hi = nice_ceil(max(float(x[-1]) - float(x[0]), 1.0)) + float(x[0])
        vb = self.plot.getPlotItem().getViewBox()
        if lo is None:
            vb.setRange(xRange=(float(x[0]), x_hi), padding=0.02)
            return
        if log_y:
            y_range = (math.floor(math.log10(lo)), math.ceil(math.log10(hi)) if hi > lo else math.log10(lo) + 1)
        else:
            bottom = 0.0 if lo >= 0 else -nice_ceil(-lo)
            y_range = (bottom, nice_ceil(hi) if hi > 0 else 1.0)
        vb.setRange(xRange=(float(x[0]), x_hi), yRange=y_range, padding=0.02)

    def _stop_following(self, *_):
        self._follow = False  # the user panned or zoomed: leave the view where they put it

    def export_table(self):
        """``step,loss,report,accuracy`` for File → Export (each epoch's accuracy at the step it ended)."""
        from gui.tables import merge_series

        ax, ay = self._epoch_accuracy.xy()
        if ax.size:
            ei, ee = self._epoch_end.xy()
            ax = np.interp(ax, ei, ee)
        return merge_series("step", [("loss", *self._loss.xy()), ("report", *self._report.xy()), ("accuracy", ax, ay)])

    def _accuracy_xy(self):
        x, y = self._epoch_accuracy.xy()
        if self.per_epoch or not x.size:
            return x, y
        ei, ee = self._epoch_end.xy()
        return np.interp(x, ei, ee), y  # the step each epoch ended at

    def _update_toggles(self):
        t = style.theme()
        has_acc = len(self._epoch_accuracy) > 0
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
                set_label(self.plot.getPlotItem(), "right", _t("accuracy"))
        entries = [(SOLID, t.blue, _t("report_name"))]
        if show_train:
            entries.append((DASHED, t.orange, _t("train_name")))
        if show_acc:
            entries.append((DASH_DOT, t.green, _t("accuracy_name")))
        if self._schedule is not None:
            entries.append((SOLID, t.muted, _t("lr_axis")))
        self.legend.set_entries(entries)

    @staticmethod
    def _show(curve, visible: bool):
        if visible != curve.isVisible():
            curve.setVisible(visible)
            if not visible:
                curve.setData([], [])  # a hidden curve need not hold its points

    def _place_marker(self):
        self._place_lr_dot()
        if self._marker_step is None:
            self._marker.hide()
            return
        log_y = self.log_box.isChecked()
        if self.per_epoch:
            x = self._epoch_of(self._marker_step)
            self._marker.show(x, self._epoch_report, log_y)
        else:
            x = self._marker_step
            self._marker.show(x, self._report, log_y)
        if self._follow and x > self.plot.getPlotItem().getViewBox().viewRange()[0][1]:
            # the marker is placed per snapshot, the range per curve refresh: while training ran the
            # current point stood past the right edge, half drawn, until the next refresh
            series = self._epoch_report if self.per_epoch else self._report
            xs, ys = series.xy()
            self._set_follow_range(xs, [ys])

    def _place_lr_dot(self):
        """A dot on the learning-rate curve at the marked step: the γ its next update uses."""
        if self._schedule is None or self._marker_step is None:
            self.lr_dot.setData([], [])
            return
        step = self._marker_step
        x = self._epoch_of(step) if self.per_epoch else step
        self.lr_dot.setData([float(x)], [self._schedule.rate(self._base_lr, step)])

    def lr_dot_xy(self):
        """Where the dot on the learning-rate curve is: (x, γ), or None."""
        x, y = self.lr_dot.getData()
        return None if x is None or not len(x) else (float(x[0]), float(y[0]))

    def _sync_views(self):
        vb = self.plot.getPlotItem().vb
        self._acc_view.setGeometry(vb.sceneBoundingRect())
        self._acc_view.linkedViewChanged(vb, self._acc_view.XAxis)
        self._lr_view.setGeometry(vb.sceneBoundingRect())
        self._lr_view.linkedViewChanged(vb, self._lr_view.XAxis)

    # toggles ------------------------------------------------------------------
    def _mode_changed(self, per_epoch: bool):
        set_label(self.plot.getPlotItem(), "bottom", _t("epoch" if per_epoch else "step"))
        self._draw_schedule()
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
            point = self._epoch_report.nearest(x)
            if point is None:
                return
            step = int(round(self._step_of(point[0])))
        else:
            point = self._report.nearest(x)
            if point is None:
                return
            step = int(point[0])
        event.accept()
        self.step_clicked.emit(step)
