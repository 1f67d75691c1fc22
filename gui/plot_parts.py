"""What the plot widgets share: a themed pyqtgraph plot, its grid, legend row, step marker and histories.

Histories live in :class:`model.series.Series` (recent values exact, older ones as min/max per bucket),
so a curve's memory is bounded however long training runs; pyqtgraph's peak-mode downsampling and
clip-to-view draw them (float64 x keeps clip-to-view's bisection fast; the finite check stays on
because a diverged loss is NaN or inf).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gui import style
from gui.i18n import tr
from model.series import Series

__all__ = [
    "StepHistory",
    "SampledHistory",
    "Grid",
    "LegendRow",
    "Marker",
    "make_plot",
    "style_plot",
    "style_axis",
    "no_si_prefix",
    "set_label",
    "set_title",
    "tune",
    "toolbar",
    "nice_ceil",
    "SOLID",
    "DASHED",
    "DASH_DOT",
    "DOT",
    "RING",
]

# Legend glyphs, drawn in the curve's colour.
SOLID, DASHED, DASH_DOT, DOT, RING = "━━", "━ ━", "━·━", "●", "○"


def nice_ceil(v: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k that is ≥ v (v > 0): at most a third empty."""
    if not math.isfinite(v) or v <= 0:
        return 1.0
    e = 10.0 ** math.floor(math.log10(v))
    for m in (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * e >= v * (1 - 1e-12):
            return m * e
    return 10.0 * e


# -- histories --------------------------------------------------------------------------------------
class StepHistory:
    """Values at consecutive integer x (steps or epochs) from ``start`` on, in a bounded :class:`Series`."""

    def __init__(self, recent: int = 65536, max_buckets: int = 4096):
        self.series = Series(recent, max_buckets)
        self._xy = None

    def __len__(self) -> int:
        return self.series.n

    @property
    def start(self) -> int:
        return int(self.series.offset)

    @property
    def end(self) -> int:
        """The x after the last value."""
        return self.start + self.series.n

    def extend(self, x0: int, values) -> int:
        """Append ``values`` at x = x0, x0 + 1, …; an overlap replaces the old values from x0 on.

        A history that does not reach ``x0`` (a gap) or starts after it begins again at ``x0``.
        """
        values = np.asarray(values, dtype=float).ravel()
        if values.size == 0:
            return 0
        s, x0 = self.series, int(x0)
        if s.n == 0 or x0 < self.start or x0 > self.end:
            s.clear()
            s.offset = float(x0)
        else:
            s.truncate(x0 - self.start)
        s.extend(values)
        self._xy = None
        return values.size

    def truncate(self, x: float):
        """Drop the values at x and later."""
        if self.series.n and x < self.end:
            self.series.truncate(max(0, math.ceil(x) - self.start))
            self._xy = None

    def clear(self):
        self.series.clear()
        self._xy = None

    def xy(self) -> tuple[np.ndarray, np.ndarray]:
        """The points to draw (float64 x ascending); cached until the history changes."""
        if self._xy is None:
            self._xy = self.series.xy()
        return self._xy

    def last(self) -> float:
        return self.series.last()

    def nearest(self, x: float) -> tuple[float, float] | None:
        """The drawn point whose x is nearest to ``x``."""
        xs, ys = self.xy()
        return _nearest(xs, ys, x)


class SampledHistory:
    """Values at increasing, irregular x (a snapshot's step), both kept in bounded Series."""

    def __init__(self, recent: int = 16384, max_buckets: int = 2048):
        self._x = Series(recent, max_buckets)
        self._y = Series(recent, max_buckets)
        self._xy = None

    def __len__(self) -> int:
        return self._y.n

    def add(self, x: float, y: float):
        """Add a point; one at or before the last x replaces the later ones."""
        self.truncate(x)
        self._x.append(float(x))
        self._y.append(float(y))
        self._xy = None

    def truncate(self, x: float):
        """Drop the points at x and later."""
        if not self._y.n or not self._x.last() >= x:
            return
        xi, xv = self._x.xy()
        k = int(np.searchsorted(xv, x, side="left"))
        keep = int(xi[k]) if k < xi.size else self._y.n
        self._x.truncate(keep)
        self._y.truncate(keep)
        self._xy = None

    def clear(self):
        self._x.clear()
        self._y.clear()
        self._xy = None

    def xy(self) -> tuple[np.ndarray, np.ndarray]:
        """The points to draw: the y Series' points at the x of their sample (interpolated in a bucket)."""
        if self._xy is None:
            yi, yv = self._y.xy()
            xi, xv = self._x.xy()
            self._xy = (np.interp(yi, xi, xv) if yi.size else np.empty(0), yv)
        return self._xy


def _nearest(xs: np.ndarray, ys: np.ndarray, x: float):
    if not xs.size or not math.isfinite(x):
        return None
    i = int(np.searchsorted(xs, x))
    if i >= xs.size or (i > 0 and x - xs[i - 1] <= xs[i] - x):
        i -= 1
    return float(xs[i]), float(ys[i])


# -- plots --------------------------------------------------------------------------------------------
def style_axis(axis: pg.AxisItem):
    t = style.theme()
    axis.setPen(pg.mkPen(t.text, width=1))
    axis.setTextPen(pg.mkPen(t.text))
    axis.setTickFont(style.plot_font(style.TICK_PT))


def no_si_prefix(axis: pg.AxisItem):
    """At creation only: "loss (x0.001)" confuses more than long tick labels do.  (Called again while
    the label shows, pyqtgraph would compute a prefix scale regardless.)"""
    axis.enableAutoSIPrefix(False)


def set_label(plot_item: pg.PlotItem, side: str, text: str):
    plot_item.setLabel(side, text, color=style.theme().text, **{"font-size": f"{style.plot_pt(style.LABEL_PT):g}pt"})


def set_title(plot_item: pg.PlotItem, text: str | None):
    """The plot's title; None hides it, keeping half a tick label's height above the axes (the top tick's
    label is centred on the axis' end: with no room it is cut in half, as in presentation mode it was)."""
    if text is None:
        plot_item.setTitle(None)
        room = math.ceil(QtGui.QFontMetricsF(style.plot_font(style.TICK_PT)).height() / 2) + 2
        plot_item.layout.setRowFixedHeight(0, room)
        return
    plot_item.setTitle(text, color=style.theme().text, size=f"{style.plot_pt(style.TITLE_PT):g}pt")


class Grid(QtWidgets.QGraphicsPathItem):
    """Light lines at the major ticks; pyqtgraph's own grid costs ~10× the curve's paint."""

    def __init__(self, plot_item: pg.PlotItem):
        super().__init__()
        self.restyle()
        self.setZValue(-100)
        self._plot_item = plot_item
        plot_item.vb.addItem(self, ignoreBounds=True)
        plot_item.vb.sigRangeChanged.connect(self.update_lines)
        plot_item.vb.sigResized.connect(self.update_lines)

    def restyle(self):
        pen = QtGui.QPen(QtGui.QColor(style.theme().grid))
        pen.setCosmetic(True)
        self.setPen(pen)

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


class _PlotMenu(QtWidgets.QMenu):
    """A plot's right-click menu in our words (pyqtgraph's ViewBox calls ``setViewList`` on its menu)."""

    def setViewList(self, _views):  # pyqtgraph's name
        pass


def install_plot_menu(plot, view_all, actions):
    """Right-click on ``plot`` (a pyqtgraph PlotWidget) offers ``view_all`` and then ``actions``.

    Replaces pyqtgraph's ViewBox menu (English, with axis settings behind the plot's own toggles)
    and its scene's "Export..." (an English dialog whose "Matplotlib Window" entry fails).
    """
    vb = plot.getPlotItem().getViewBox()
    menu = _PlotMenu(plot)
    menu.addAction(view_all)
    vb.menu = menu
    vb.setMenuEnabled(True)
    plot.scene().contextMenu = list(actions)
    return menu


def make_plot(title: str, grid: bool = True) -> pg.PlotWidget:
    """A plot on the theme's background with projector-sized axes and title."""
    w = pg.PlotWidget(background=style.theme().base)
    pi = w.getPlotItem()
    w.setProperty("plotTitle", title)
    w.setAccessibleName(title)
    if grid:
        w.grid = Grid(pi)
    for side in ("left", "bottom", "right", "top"):
        no_si_prefix(pi.getAxis(side))
    style_plot(w)
    # The "Plot Options" menu would change log mode etc. behind the toolbar's back.
    pi.setMenuEnabled(False, enableViewBoxMenu=True)
    # right-click: "Show everything" in the interface's language, not pyqtgraph's English menu and its
    # Export dialog (a window that offers more installs its own with install_plot_menu)
    show_all = QtGui.QAction(tr("Show everything"), w)
    show_all.triggered.connect(lambda: pi.getViewBox().autoRange())
    install_plot_menu(w, show_all, [])
    w.setMinimumSize(160, 80)
    return w


def style_plot(w: pg.PlotWidget):
    """(Re)apply the theme and the zoom to a plot made by :func:`make_plot`."""
    pi = w.getPlotItem()
    w.setBackground(style.theme().base)
    # zoomed (presentation mode), the room goes to the data: the axes and the legend say what is drawn
    set_title(pi, w.property("plotTitle") if style.zoom() == 1.0 else None)
    for side in ("left", "bottom", "right", "top"):
        style_axis(pi.getAxis(side))
        label = pi.getAxis(side).labelText
        if label:
            set_label(pi, side, label)
    grid = getattr(w, "grid", None)
    if grid is not None:
        grid.restyle()


class LegendRow(QtWidgets.QLabel):
    """A legend under the plot, so that it never hides a curve; wraps between entries only."""

    def __init__(self):
        super().__init__()
        self.setTextFormat(QtCore.Qt.RichText)
        self.setWordWrap(True)
        self.setContentsMargins(8, 0, 8, 2)
        # no minimum width of its own (the entries wrap), and its height follows its width
        policy = QtWidgets.QSizePolicy(QtWidgets.QSizePolicy.Ignored, QtWidgets.QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.entries: list[str] = []
        self._args = ([], "", "")
        self.restyle()

    def set_entries(self, entries, prefix: str = "", sep: str = "&nbsp;&nbsp;&nbsp; "):
        """``entries``: ``(glyph, colour, text)`` triples."""
        self._args = (list(entries), prefix, sep)
        self.entries = [text for _, _, text in entries]
        html = [
            f'<span style="color:{style.colour(c).name()}; font-weight:bold">{glyph}</span>&nbsp;{_nbsp(text)}'
            for glyph, c, text in entries
        ]
        text = (_nbsp(prefix) + "&nbsp;&nbsp;" if prefix and html else "") + sep.join(html)
        if text != self.text():  # called at the curve refresh rate; a new text means a relayout
            self.setText(text)

    def restyle(self):
        self.setFont(style.plot_font(style.TICK_PT))
        entries, prefix, sep = self._args
        if entries:
            self.set_entries(entries, prefix, sep)


_HTML = {"&": "&amp;", "<": "&lt;", " ": "&nbsp;"}
WORD_JOINER = "\u2060"


def _nbsp(text: str) -> str:
    """One legend entry as HTML that never breaks inside: no-break spaces, and word joiners between
    characters where a line could break (Chinese breaks between any two: "7（输出层）" wrapped as
    "7（输" / "出层）"; "Log-Cosh" after its hyphen).  A Latin word keeps its letters together."""
    out = []
    for k, ch in enumerate(text):
        if k and not (_latin(text[k - 1]) and _latin(ch)):
            out.append(WORD_JOINER)
        out.append(_HTML.get(ch, ch))
    return "".join(out)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def toolbar(*widgets) -> QtWidgets.QLayout:
    """A row of plot options that wraps into more rows when the plot is narrow (1024×768, Chinese)."""
    from gui.flow_layout import FlowLayout

    row = FlowLayout(h_spacing=12, v_spacing=2)
    row.setContentsMargins(4, 2, 4, 0)
    for w in widgets:
        row.addWidget(w)
    return row


def tune(curve: pg.PlotDataItem):
    """What keeps a long history cheap to draw."""
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")
    # Peak bins keep each pixel column's min and max, so two bins per (logical) pixel lose nothing
    # visible; pyqtgraph's default of five draws 2.5× the segments.  No public setter exists.
    curve.opts["autoDownsampleFactor"] = 2.0


class Marker:
    """A dashed vertical line at a step plus a dot on the curve there."""

    def __init__(self, plot_item: pg.PlotItem, role: str = "blue"):
        self._role = role
        self.line = pg.InfiniteLine(angle=90, movable=False)
        self.dot = pg.PlotDataItem([], [], pen=None, symbol="o")
        self.line.setZValue(20)
        self.dot.setZValue(21)
        plot_item.addItem(self.line, ignoreBounds=True)
        plot_item.addItem(self.dot, ignoreBounds=True)
        self.restyle()
        self.hide()

    def restyle(self):
        t = style.theme()
        self.line.setPen(style.mkpen(t.marker, 2, style=QtCore.Qt.DashLine))
        self.dot.setSymbolSize(13 * style.zoom())
        self.dot.setSymbolBrush(pg.mkBrush(getattr(t, self._role)))
        self.dot.setSymbolPen(pg.mkPen(t.base, width=2))

    def hide(self):
        self.line.hide()
        self.dot.setData([], [])

    def show(self, x: float, history=None, log_y: bool = False):
        self.line.setPos(x)
        self.line.show()
        point = None if history is None else history.nearest(x)
        y = math.nan if point is None else point[1]
        if math.isfinite(y) and (y > 0.0 or not log_y):
            self.dot.setData([point[0]], [y])
        else:  # nothing to sit on (a scatter of one NaN warns)
            self.dot.setData([], [])
