"""Gradients per layer: ‖∂L/∂W(l)‖ per step (or ‖δ(l)‖ per snapshot) on a log axis, and saturation bars.

The bars (the fraction of saturated sigmoid/tanh units or dead ReLUs per layer) sit beside the
curves when the panel is wide enough, else under them, never taking more than about a third of the
height: a deep network at 1024×768 keeps a readable plot.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gui import style
from gui.i18n import lookup
from gui.plot_parts import (
    SOLID,
    LegendRow,
    Marker,
    SampledHistory,
    StepHistory,
    make_plot,
    set_label,
    set_title,
    style_plot,
    toolbar,
    tune,
)
from gui.view import CURVES_HZ

__all__ = ["GradientPlot", "SaturationBars"]

STRINGS = {
    "step": "step",
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

_t = lookup(STRINGS)

#: The bars take at most this share of the panel's height when they sit under the curves.
BARS_BELOW_SHARE = 0.34


class SaturationBars(QtWidgets.QWidget):
    """One labelled bar per layer: the fraction of saturated (sigmoid/tanh) or dead (ReLU) units."""

    def __init__(self):
        super().__init__()
        self.fractions: list[float] = []
        self.labels: list[str] = []
        self._parts: list[tuple[str, str]] = []
        self.setSizePolicy(QtWidgets.QSizePolicy.Expanding, QtWidgets.QSizePolicy.Expanding)
        self.setToolTip(_t("sat_tip"))
        self.restyle()

    def restyle(self):
        self.setFont(style.font(style.TICK_PT))
        self._title_font = style.font(style.TICK_PT + 0.5, bold=True)
        self.updateGeometry()
        self.update()

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
            return fm.height() + 4
        box = fm.boundingRect(
            QtCore.QRect(0, 0, max(width - 8, 20), 1000),
            QtCore.Qt.TextWordWrap | QtCore.Qt.AlignCenter,
            _t("sat_title"),
        )
        return box.height() + 4

    def minimumSizeHint(self) -> QtCore.QSize:
        line = self.fontMetrics().height()
        return QtCore.QSize(140, self._title_height() + max(1, len(self.labels)) * (line + 2) + 2)

    def sizeHint(self) -> QtCore.QSize:
        line = self.fontMetrics().height()
        return QtCore.QSize(260, self._title_height() + max(1, len(self.labels)) * (line + 8) + 4)

    def paintEvent(self, event):
        t = style.theme()
        p = QtGui.QPainter(self)
        p.fillRect(self.rect(), QtGui.QColor(t.base))
        p.setRenderHint(QtGui.QPainter.Antialiasing)
        ink = QtGui.QColor(t.text)
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
        bar_fill = style.toward_base(t.orange, 0.55)
        output_fill = style.toward_base(t.muted, 0.55)  # see sat_tip
        track = style.toward_base(t.text, 0.9)
        text_width = width - 10
        two_lines = row - 3 >= 2 * line - 2 and any(fm.horizontalAdvance(s) > text_width for s in self.labels)
        for i, (f, label, (name, status)) in enumerate(zip(self.fractions, self.labels, self._parts)):
            top = th + i * row
            bar = QtCore.QRectF(left, top + 1, width, row - 3)
            p.setPen(QtCore.Qt.NoPen)
            p.setBrush(track)
            p.drawRect(bar)
            fill = output_fill if i == len(self.labels) - 1 and i > 0 else bar_fill
            p.setBrush(fill)
            p.drawRect(QtCore.QRectF(left, top + 1, width * f, row - 3))
            p.setPen(style.readable_on(track if f < 0.5 else fill, t))
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

    refresh_hz = CURVES_HZ

    def __init__(self, parent=None):
        super().__init__(parent)
        self._norms: list[StepHistory] = []
        self._deltas: list[SampledHistory] = []
        self._curves: list[pg.PlotDataItem] = []
        self._colours: list[str] = []
        self._marker_step: int | None = None
        self._dirty = False
        self._saturation = None  # (fractions, activations) waiting for the next refresh

        self.dW_button = QtWidgets.QRadioButton(_t("show_dW"))
        self.dW_button.setToolTip(_t("show_dW_tip"))
        self.delta_button = QtWidgets.QRadioButton(_t("show_delta"))
        self.delta_button.setToolTip(_t("show_delta_tip"))
        self.dW_button.setChecked(True)
        group = QtWidgets.QButtonGroup(self)
        group.addButton(self.dW_button)
        group.addButton(self.delta_button)

        self.plot = make_plot(_t("grad_title_dW"))
        pi = self.plot.getPlotItem()
        pi.setLogMode(x=False, y=True)
        set_label(pi, "left", _t("grad_axis"))
        set_label(pi, "bottom", _t("step"))
        self._marker = Marker(pi, "marker")
        self.legend = LegendRow()
        self.bars = SaturationBars()

        top = QtWidgets.QWidget()
        top_layout = QtWidgets.QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(2)
        self.options = toolbar(self.dW_button, self.delta_button)
        top_layout.addLayout(self.options)
        top_layout.addWidget(self.plot, 1)
        top_layout.addWidget(self.legend)
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

    # View -----------------------------------------------------------------------
    def show(self, snapshot=None):
        """Take a snapshot's new gradient norms (and δ norms, saturation from a full one); else QWidget.show."""
        if snapshot is None:
            return super().show()
        s = snapshot
        if s.history_reset:
            self.clear()
        if s.new_grad_norms:
            self.append(s.first_step, s.new_grad_norms)
        if s.values is not None:
            if s.delta_norms:
                self.append_deltas(s.step, s.delta_norms)
            if s.saturation:
                self._saturation = (s.saturation, tuple(v.activation for v in s.values))
            self.set_marker(s.viewing_step if s.viewing_step is not None else s.step)
        return None

    def restyle(self):
        style_plot(self.plot)
        self._marker.restyle()
        self.legend.restyle()
        self.bars.restyle()
        self._set_title()
        for curve, colour in zip(self._curves, self._colours):
            curve.setPen(style.mkpen(colour))
        self._orientation = None
        self._arrange()

    # layout ---------------------------------------------------------------------
    def minimumSizeHint(self) -> QtCore.QSize:
        # as narrow as the bars-below layout allows: a narrow panel switches to it (resizeEvent)
        top, bars = self.splitter.widget(0).minimumSizeHint(), self.bars.minimumSizeHint()
        return QtCore.QSize(max(top.width(), bars.width()), max(top.height(), bars.height()))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self):
        """Bars beside the curves unless the panel is too narrow for both; below, they get at most a third."""
        w, h = self.width(), self.height()
        plot_w = max(self.splitter.widget(0).minimumSizeHint().width(), 240)
        narrow = w < plot_w + self.bars.minimumSizeHint().width() + 12
        orientation = QtCore.Qt.Vertical if narrow else QtCore.Qt.Horizontal
        if orientation != self._orientation:
            self._orientation = orientation
            self.splitter.setOrientation(orientation)
        if orientation == QtCore.Qt.Horizontal:
            bars_w = min(max(self.bars.minimumSizeHint().width(), round(w * 0.32)), 320)
            self.splitter.setSizes([w - bars_w, bars_w])
        else:
            bars_h = min(self.bars.sizeHint().height(), round(h * BARS_BELOW_SHARE))
            bars_h = max(bars_h, min(self.bars.minimumSizeHint().height(), round(h * 0.45)))
            self.splitter.setSizes([h - bars_h, bars_h])

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
        lo, hi = (0.25, 1.0) if style.theme().dark else (0.0, 0.8)
        colours = cmap.map(np.linspace(lo, hi, L) if L > 1 else [lo], mode=cmap.QCOLOR)
        self._curves = []
        self._colours = [c.name() for c in colours]
        for colour in self._colours:
            curve = pg.PlotDataItem(pen=style.mkpen(colour))
            tune(curve)
            pi.addItem(curve)
            self._curves.append(curve)
        pi.setLogMode(x=False, y=True)  # items added after setLogMode would be linear
        self._norms = [StepHistory(recent=16384, max_buckets=2048) for _ in range(L)]
        self._deltas = [SampledHistory() for _ in range(L)]
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
        self._saturation = None
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
        """Hand the buffered history to the curves and the bars, if anything changed."""
        if self._saturation is not None and self.isVisible():
            self.set_saturation(*self._saturation)
            self._saturation = None
        if not self._dirty:
            return
        self._dirty = False
        for curve, s in zip(self._curves, self._series):
            curve.setData(*s.xy())
        self._place_marker()

    @property
    def _series(self):
        return self._deltas if self.showing_deltas else self._norms

    def _place_marker(self):
        if self._marker_step is None:
            self._marker.hide()
        else:
            self._marker.show(self._marker_step, None)

    def _set_title(self):
        title = _t("grad_title_delta" if self.showing_deltas else "grad_title_dW")
        self.plot.setProperty("plotTitle", title)
        set_title(self.plot.getPlotItem(), title)

    def _mode_changed(self, _checked=None):
        self._set_title()
        self._dirty = True
        self.refresh()
        self.plot.getPlotItem().enableAutoRange()

    def set_saturation(self, fractions, activations):
        """Per layer: the fraction of saturated sigmoid/tanh units or dead ReLUs, as labelled bars."""
        self.bars.set_values(tuple(fractions), tuple(activations))

    @property
    def saturation_labels(self) -> list[str]:
        return list(self.bars.labels)
