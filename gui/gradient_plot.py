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
from gui.i18n import lookup, tr_noop
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
from model.activations import get_activation

__all__ = ["GradientPlot", "SaturationBars"]

STRINGS = {
    "step": tr_noop("step"),
    "grad_title_dW": tr_noop("‖∂L/∂W(l)‖ per layer"),
    "grad_title_delta": tr_noop("‖δ(l)‖ per layer"),
    "grad_axis": tr_noop("norm (log scale)"),
    "show_dW": tr_noop("‖∂L/∂W‖ per step"),
    "show_dW_tip": tr_noop("The norm of each layer's weight gradient at every training step"),
    "show_delta": tr_noop("‖δ‖ per snapshot"),
    "show_delta_tip": tr_noop("The norm of each layer's local error δ = ∂L/∂z, sampled when the view is refreshed"),
    "layers": tr_noop("layer"),
    "layer_out": tr_noop("{l} (output)"),
    "sat_title": tr_noop("Saturated / dead"),
    "sat_tip": tr_noop(
        "Per layer, the fraction of sigmoid/tanh units that are saturated (f′ ≈ 0) "
        "or of ReLU units that are dead (z ≤ 0 for every sample). The output layer's bar is grey: "
        "a saturated output is a confident prediction, not a stuck unit."
    ),
    "sat_name": tr_noop("layer {l} · {act}"),
    "sat_join": tr_noop("{name} · {status}"),
    "sat_saturated": tr_noop("{pct}% saturated"),
    "sat_dead": tr_noop("{pct}% dead"),
    "sat_none": tr_noop("cannot saturate"),
    "sat_unknown": tr_noop("—"),
}

_t = lookup(STRINGS)

#: The bars take at most this share of the panel's height when they sit under the curves.
BARS_BELOW_SHARE = 0.34


class SaturationBars(QtWidgets.QWidget):
    """One labelled bar per layer: the fraction of saturated (sigmoid/tanh) or dead (ReLU) units.

    ``compact``: one strip of cells instead (a short panel: 1024×768 with a deep network).
    """

    def __init__(self):
        super().__init__()
        self.fractions: list[float] = []
        self.labels: list[str] = []
        self._parts: list[tuple[str, str]] = []
        self._pcts: list[str] = []
        self.compact = False
        self.setSizePolicy(QtWidgets.QSizePolicy.Expanding, QtWidgets.QSizePolicy.Expanding)
        self.setToolTip(_t("sat_tip"))
        self.restyle()

    def restyle(self):
        self.setFont(style.plot_font(style.TICK_PT))
        self._title_font = style.plot_font(style.TICK_PT + 0.5, bold=True)
        self.updateGeometry()
        self.update()

    def set_values(self, fractions, activations):
        """One bar per layer; the last layer is the output layer."""
        fracs, labels, parts, pcts = [], [], [], []
        for l, (f, act) in enumerate(zip(fractions, activations), start=1):
            f = float(f) if f is not None else math.nan
            name = _t("sat_name", l=l, act=act)
            kind = _saturation_kind(str(act))
            status = _saturation_status(f, kind)
            fracs.append(min(max(f, 0.0), 1.0) if math.isfinite(f) else 0.0)
            parts.append((name, status))
            labels.append(_t("sat_join", name=name, status=status))
            can = kind is not None and math.isfinite(f)
            pcts.append(("<1" if 0.0 < f < 0.005 else f"{100.0 * f:.0f}") + "%" if can else "—")
        if (fracs, labels) == (self.fractions, self.labels):
            return  # the window sends these at the diagram rate
        if len(labels) != len(self.labels):
            self.updateGeometry()
        self.fractions, self.labels, self._parts, self._pcts = fracs, labels, parts, pcts
        self.setToolTip(_t("sat_tip") + "\n\n" + "\n".join(labels) if labels else _t("sat_tip"))
        self.update()

    def set_compact(self, compact: bool):
        if compact != self.compact:
            self.compact = compact
            self.updateGeometry()
            self.update()

    def strip_height(self, width: int | None = None) -> int:
        """The height of the compact strip: the title and a row of cells on one line, or (too narrow
        for both) the title above the row."""
        line, title = self.fontMetrics().height(), QtGui.QFontMetrics(self._title_font).height()
        if self._stacked(self.width() if width is None else width):
            return title + 2 + line + 6 + 4
        return max(line, title) + 10

    def _title_width(self) -> int:
        return QtGui.QFontMetrics(self._title_font).horizontalAdvance(_t("sat_title")) + 12

    def _cell_width(self) -> int:
        """A cell wide enough for "7: 100%"."""
        fm = self.fontMetrics()
        return fm.horizontalAdvance(f"{max(len(self.labels), 1)}: 100%") + 8

    def _stacked(self, width: int) -> bool:
        """The compact strip puts its title above the cells when one line cannot hold both readably."""
        return self._title_width() + max(1, len(self.labels)) * self._cell_width() > width - 12

    def cell_font(self) -> QtGui.QFont:
        """The compact cells' font: the bars' own, smaller (not below 7.5 pt) where a cell is too narrow
        for "100%"."""
        font = QtGui.QFont(self.font())
        n = max(1, len(self.labels))
        room = (self.width() - 12 - (0 if self._stacked(self.width()) else self._title_width())) / n - 6
        need = QtGui.QFontMetricsF(font).horizontalAdvance("100%")
        if need > room > 0:
            font.setPointSizeF(max(7.5, font.pointSizeF() * room / need))
        return font

    def compact_cells(self) -> list[tuple[QtCore.QRectF, str]]:
        """The compact strip's cells, each ``(rect, text)`` as drawn (in :meth:`cell_font`): "1: 40%",
        or "40%" when narrow."""
        if not self.labels:
            return []
        fm = QtGui.QFontMetrics(self.cell_font())
        line = fm.height()
        left, right = 6, self.width() - 6
        if self._stacked(self.width()):
            top = QtGui.QFontMetrics(self._title_font).height() + 2
        else:
            left += self._title_width()
            top = (self.height() - line - 6) / 2
        n = len(self.labels)
        cell = max(1.0, right - left) / n
        cells = []
        for i, pct in enumerate(self._pcts):
            box = QtCore.QRectF(left + i * cell + 1, top, cell - 2, line + 6)
            text = f"{i + 1}: {pct}" if fm.horizontalAdvance(f"{i + 1}: {pct}") <= box.width() - 4 else pct
            cells.append((box, fm.elidedText(text, QtCore.Qt.ElideRight, int(box.width()))))
        return cells

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
        if self.compact:
            return QtCore.QSize(140, self.strip_height(140))
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
        p.setFont(self._title_font)
        p.setPen(ink)
        if self.compact:  # the title left of the strip on the same line, or above it when narrow
            if self._stacked(self.width()):
                title_h = QtGui.QFontMetrics(self._title_font).height() + 2
                p.drawText(QtCore.QRect(6, 0, self.width() - 12, title_h), QtCore.Qt.AlignVCenter, _t("sat_title"))
            else:
                p.drawText(
                    QtCore.QRect(6, 0, self._title_width(), self.height()), QtCore.Qt.AlignVCenter, _t("sat_title")
                )
            th = 0
        else:
            th = self._title_height(self.width())
            p.drawText(
                QtCore.QRect(4, 0, self.width() - 8, th),
                QtCore.Qt.AlignCenter | QtCore.Qt.TextWordWrap,
                _t("sat_title"),
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
        if self.compact:  # one cell per layer, left to right: "1: 40%"
            n = len(self.labels)
            p.setFont(self.cell_font())
            for i, (f, (box, text)) in enumerate(zip(self.fractions, self.compact_cells())):
                fill = output_fill if i == n - 1 and i > 0 else bar_fill
                p.setPen(QtCore.Qt.NoPen)
                p.setBrush(track)
                p.drawRect(box)
                p.setBrush(fill)
                p.drawRect(QtCore.QRectF(box.left(), box.top(), box.width() * f, box.height()))
                p.setPen(style.readable_on(track if f < 0.5 else fill, t))
                p.drawText(box, QtCore.Qt.AlignCenter, text)
            p.end()
            return
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


def _saturation_kind(activation: str) -> str | None:
    """What the activation's saturation measures ("saturated", "dead"), or None: the member says."""
    try:
        return get_activation(activation).saturation_kind
    except ValueError:
        return None


def _saturation_status(fraction: float, kind: str | None) -> str:
    if kind not in ("saturated", "dead"):
        return _t("sat_none")
    if not math.isfinite(fraction):
        return _t("sat_unknown")
    pct = "<1" if 0.0 < fraction < 0.005 else f"{100.0 * fraction:.0f}"  # "0% dead" must mean none
    return _t("sat_dead" if kind == "dead" else "sat_saturated", pct=pct)


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
        self.options = QtWidgets.QWidget()  # the plot's option boxes (presentation mode hides them)
        self.options.setLayout(toolbar(self.dW_button, self.delta_button))
        top_layout.addWidget(self.options)
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
        self._tall = None
        self._label_shown = None
        self.plot.installEventFilter(self)

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
            first = s.first_step if getattr(s, "first_grad_step", None) is None else s.first_grad_step
            self.append(first, s.new_grad_norms)
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
        for curve, colour in zip(self._curves, self._colours):
            curve.setPen(style.mkpen(colour))
        self._orientation = self._tall = None
        self._arrange()

    # layout ---------------------------------------------------------------------
    def minimumSizeHint(self) -> QtCore.QSize:
        # as narrow as the bars-below layout allows: a narrow panel switches to it (resizeEvent)
        top, bars = self.splitter.widget(0).minimumSizeHint(), self.bars.minimumSizeHint()
        return QtCore.QSize(max(top.width(), bars.width()), max(top.height(), bars.height()))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._arrange()

    def eventFilter(self, obj, event):
        if obj is self.plot and event.type() == QtCore.QEvent.Type.Resize:
            self._fit_axis_label()
        return False

    def _fit_axis_label(self):
        """The vertical axis label only where the plot is tall enough to hold it whole (the radio buttons
        and the title say what is drawn); "norm (log scale)" was cut at both ends in presentation mode."""
        pi = self.plot.getPlotItem()
        fm = QtGui.QFontMetrics(style.plot_font(style.LABEL_PT))
        bottom_axis = QtGui.QFontMetrics(style.plot_font(style.TICK_PT)).height() + fm.height() + 16
        fits = self.plot.height() - bottom_axis >= fm.horizontalAdvance(_t("grad_axis")) + 8
        if fits != pi.getAxis("left").label.isVisible() or fits != self._label_shown:
            self._label_shown = fits
            pi.showLabel("left", fits)

    def _arrange(self):
        """Bars beside the curves when the panel is wide enough for both; else below, as labelled bars
        in at most a third of the height or, shorter still, as one strip.  A short panel drops the
        plot's title and axis label (the radio buttons say what is drawn)."""
        w, h = self.width(), self.height()
        pi = self.plot.getPlotItem()
        tall = h >= 380 and style.zoom() == 1.0
        if tall != self._tall:
            self._tall = tall
            if tall:
                self._set_title()
            else:
                set_title(pi, None)
        self._fit_axis_label()
        narrow = w < 560
        orientation = QtCore.Qt.Vertical if narrow else QtCore.Qt.Horizontal
        if orientation != self._orientation:
            self._orientation = orientation
            self.splitter.setOrientation(orientation)
        if orientation == QtCore.Qt.Horizontal:
            self.bars.set_compact(False)
            bars_w = min(max(self.bars.minimumSizeHint().width(), round(w * 0.32)), 320)
            self.splitter.setSizes([w - bars_w, bars_w])
            return
        room = round(h * BARS_BELOW_SHARE)
        line = self.bars.fontMetrics().height()
        rows = self.bars._title_height() + max(1, len(self.bars.labels)) * (line + 2) + 2
        self.bars.set_compact(rows > room)
        bars_h = self.bars.strip_height(w) if rows > room else min(self.bars.sizeHint().height(), room)
        self.splitter.setSizes([h - bars_h, bars_h])

    # data ---------------------------------------------------------------------
    @property
    def showing_deltas(self) -> bool:
        return self.delta_button.isChecked()

    @property
    def curves(self) -> tuple:
        """The drawn curves, one per layer (``getData()`` gives what is on screen)."""
        return tuple(self._curves)

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

    def export_table(self):
        """``step,grad_norm_layer1,…`` (or ``delta_norm_layer1,…``): the curves shown, for File → Export."""
        from gui.tables import merge_series

        name = "delta_norm_layer{l}" if self.showing_deltas else "grad_norm_layer{l}"
        return merge_series("step", [(name.format(l=l + 1), *s.xy()) for l, s in enumerate(self._series)])

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
        if self._tall is not False:
            set_title(self.plot.getPlotItem(), title)

    def _mode_changed(self, _checked=None):
        self._set_title()
        self._dirty = True
        self.refresh()
        self.plot.getPlotItem().enableAutoRange()

    def set_saturation(self, fractions, activations):
        """Per layer: the fraction of saturated sigmoid/tanh units or dead ReLUs, as labelled bars."""
        before = len(self.bars.labels)
        self.bars.set_values(tuple(fractions), tuple(activations))
        if len(self.bars.labels) != before:
            self._arrange()  # more or fewer layers: the bars may fit below as rows, or only as a strip

    @property
    def saturation_labels(self) -> list[str]:
        return list(self.bars.labels)
