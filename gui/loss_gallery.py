"""The lecture's loss-function comparison: a table of every registered loss beside its two comparison plots.

Every curve is computed by ``model.losses`` itself, one sample at a time (``Loss.value`` and
``Loss.gradient``), so what the lecturer shows is exactly what the trainer differentiates.  What
is drawn for a loss, and what is said about it, is the loss's own ``gallery`` (which plot, the
plotted parameters, the parameter offered as a spin box, the legend and the caption); this dialog
only gives each curve a colour and a dash pattern, in the registry's order.
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.i18n import lookup, tr, tr_noop
from gui.loss_calculator_panel import LossCalculatorPanel
from gui.plot_parts import install_plot_menu
from model.losses import LOSSES, make_loss

__all__ = ["LossGallery", "regression_curve", "classification_curve", "ERRORS", "PROBABILITIES"]

# User-visible strings, in one place for the translation.
TEXT = {
    "title": tr_noop("Loss functions"),
    "a11y_regression": tr_noop("Regression losses against the error"),
    "a11y_classification": tr_noop("Classification losses against the predicted probability of the true class"),
    "a11y_table": tr_noop("The losses, their formulas and values"),
    "col_name": tr_noop("Loss"),
    "col_zh": tr_noop("Chinese"),
    "col_kind": tr_noop("Task"),
    "col_note": tr_noop("Lecture's note"),
    "col_formula": tr_noop("Formula"),
    "col_gradient": tr_noop("Gradient ∂L/∂ŷ"),
    "regression": tr_noop("regression"),
    "classification": tr_noop("classification"),
    "metric": tr_noop("{kind} · metric"),
    "metric_tip": tr_noop("A metric: reported during training but never differentiated, so it is not drawn."),
    "reg_title": tr_noop("Regression"),
    "reg_x": tr_noop("error e = y − ŷ   (one sample, y = 0)"),
    "reg_y": tr_noop("loss L"),
    "reg_y_grad": tr_noop("gradient ∂L/∂ŷ"),
    "cls_title": tr_noop("Classification"),
    "cls_x": tr_noop("p = predicted probability of the true class (y = 1)"),
    "cls_y": tr_noop("loss L"),
    "cls_top": tr_noop("hinge only: score s = ln(p / (1 − p))"),
    "gradient": tr_noop("&Gradient ∂L/∂ŷ"),
    "gradient_tip": tr_noop(
        "Draw ∂L/∂ŷ, what backprop sends back, instead of L: MSE's grows with the error while "
        "MAE's stays ±1, so one outlier cannot dominate an MAE or Huber fit."
    ),
    "log": tr_noop("&Log scale"),
    "log_tip": tr_noop("Logarithmic loss axis (10⁻³ to 10); zeros are not drawn"),
    "select_hint": tr_noop(
        "Every curve is computed by the program's own loss code, one sample at a time. "
        "Select a loss to see its formulas and highlight its curve; change δ, q, γ or ε to watch "
        "the curves move."
    ),
    "drawn_none": tr_noop("A metric, reported but never trained on: not drawn."),
    "not_applied": tr_noop("Not applied: {msg}"),
    "tab_curves": tr_noop("C&urves and formulas"),
    "tab_calculator": tr_noop("Calculato&r: the lecture's examples"),
    "a11y_tabs": tr_noop("Loss functions: curves and formulas, or the calculator"),
}

_t = lookup(TEXT)

#: The regression plot's errors: exact multiples of 0.02 from −4 to 4, so e = 2 is a grid point.
ERRORS = np.arange(-200, 201) / 50.0
#: The classification plot's probabilities of the true class: 0.001, 0.002, …, 0.999.
PROBABILITIES = np.arange(1, 1000) / 1000.0

# Okabe–Ito colours (distinct under the common colour-vision deficiencies), each curve with its own dash
# pattern as well so curves that coincide (RMSE on MAE, CE and KL on BCE) stay visible on a projector.
VERMILION, BLUE, GREEN, PURPLE, ORANGE, BLACK = "#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#222222"
LONG_DASH = (6.0, 2.5)  # in pen widths
LINE_PX = 2.5
EMPHASIS_PX = 5.5
TICK_PT, LABEL_PT, TITLE_PT = style.TICK_PT, style.LABEL_PT, style.TITLE_PT
BASE_PT = 11.0

# The pens of each plot's curves, given in the registry's order (later curves are drawn on top); each has its own
# dash pattern as well, so curves that coincide (RMSE on MAE, CE and KL on BCE) stay visible on a projector.
REGRESSION_PENS = (
    (VERMILION, Qt.DashLine),
    (BLUE, Qt.SolidLine),
    (GREEN, Qt.DashDotLine),
    (PURPLE, Qt.DashDotDotLine),
    (ORANGE, LONG_DASH),
    (BLACK, Qt.DotLine),
)
CLASSIFICATION_PENS = (
    (VERMILION, Qt.SolidLine),
    (BLUE, Qt.DashLine),
    (GREEN, Qt.DashDotLine),
    (PURPLE, Qt.DashDotDotLine),
    (BLACK, Qt.DotLine),
    (ORANGE, LONG_DASH),
)
#: The losses each plot draws, in the registry's order: every loss whose ``gallery`` names that plot.
REGRESSION_LOSSES = tuple(n for n, c in LOSSES.items() if c.gallery is not None and c.gallery.plot == "regression")
CLASSIFICATION_LOSSES = tuple(
    n for n, c in LOSSES.items() if c.gallery is not None and c.gallery.plot == "classification"
)
#: Parameter spin boxes' display ranges, as the losses declare them: (loss name, Knob) per plot.
REGRESSION_KNOBS = tuple((n, LOSSES[n].gallery.knob) for n in REGRESSION_LOSSES if LOSSES[n].gallery.knob)
CLASSIFICATION_KNOBS = tuple((n, LOSSES[n].gallery.knob) for n in CLASSIFICATION_LOSSES if LOSSES[n].gallery.knob)


def _pens(names, pens):
    """(name, colour, style) for each drawn loss: the plot's pens in turn (cycling if there are more losses)."""
    return tuple((name, *pens[k % len(pens)]) for k, name in enumerate(names))


REGRESSION_RANGE = (-0.2, 5.0)
GRADIENT_RANGE = (-4.5, 4.5)
CLASSIFICATION_RANGE = (-0.3, 5.0)
LOG_RANGE = (-3.0, 1.0)  # log10
SCORE_TICKS = (-4, -2, -1, 0, 1, 2, 4)


def regression_curve(loss, errors=ERRORS, gradient: bool = False) -> np.ndarray:
    """``L`` (or ``∂L/∂ŷ``) of one sample with ``y_true = [0]``, ``y_pred = [−e]`` for each error ``e``."""
    if gradient:
        return np.array([loss.gradient([0.0], [-e])[0] for e in errors], dtype=float)
    return np.array([loss.value([0.0], [-e]) for e in errors], dtype=float)


def classification_sample(loss, p: float):
    """One sample whose true class gets probability ``p``: ``(y_true, y_pred)`` in the loss's own terms."""
    if loss.output == "distribution":  # a softmax row over two classes
        return [[1.0, 0.0]], [[p, 1.0 - p]]
    if loss.output == "score":  # the raw score a sigmoid would turn into p
        return [1.0], [math.log(p / (1.0 - p))]
    return [1.0], [p]


def classification_curve(loss, probabilities=PROBABILITIES) -> np.ndarray:
    """``L`` of one sample of the true class (y = 1) for each predicted probability ``p``."""
    return np.array([loss.value(*classification_sample(loss, p)) for p in probabilities], dtype=float)


@functools.lru_cache(maxsize=256)
def _cached_curve(name: str, params: tuple, gradient: bool) -> np.ndarray:
    """One plotted curve, read-only: reopening the dialog or revisiting a δ costs nothing."""
    loss = make_loss(name, **dict(params))
    if loss.gallery.plot == "regression":
        y = regression_curve(loss, ERRORS, gradient=gradient)
    else:
        y = classification_curve(loss, PROBABILITIES)
    y.flags.writeable = False
    return y


def _font(pt: float, bold: bool = False) -> QFont:
    return style.font(pt, bold)


def _ink(colour: str) -> str:
    """The curves' black is the theme's ink (white on a dark background)."""
    return style.theme().text if colour == BLACK else colour


def _pen(colour: str, dash, width: float) -> QPen:
    pen = pg.mkPen(_ink(colour), width=width)
    if isinstance(dash, tuple):
        pen.setDashPattern(list(dash))
    else:
        pen.setStyle(dash)
    pen.setCapStyle(Qt.FlatCap)
    return pen


def _curve_label(loss) -> str:
    """The legend text: the registry's label with the plotted parameter values, and any coincidence."""
    label = tr(loss.label)
    shown = {k: v for k, v in loss.params.items() if isinstance(v, float)}
    if shown:
        base = re.split(r" \(|（", label)[0]
        symbols = {spec.name: spec.label.split(" ")[0] for spec in loss.PARAMS}  # "α (empty: …)" → "α"
        label = base + " (" + ", ".join(f"{symbols[k]} = {v:g}" for k, v in shown.items()) + ")"
    legend = loss.gallery.legend if loss.gallery is not None else None
    if legend:
        label = tr(legend).format(name=label)
    return label


def _make_plot() -> pg.PlotWidget:
    """A white plot with dark, projector-sized axes."""
    w = pg.PlotWidget(background=style.theme().base)
    pi = w.getPlotItem()
    for side in ("left", "bottom", "top"):
        axis = pi.getAxis(side)
        axis.setPen(pg.mkPen(style.theme().text, width=1))
        axis.setTextPen(pg.mkPen(style.theme().text))
        axis.setTickFont(_font(TICK_PT))
        axis.enableAutoSIPrefix(False)
    pi.showGrid(x=True, y=True, alpha=0.18)
    pi.setMenuEnabled(False, enableViewBoxMenu=True)  # its log-mode entries would bypass our toggle
    pi.hideButtons()
    w.setMinimumSize(300, 170)
    return w


def _set_label(pi: pg.PlotItem, side: str, text: str):
    pi.setLabel(side, text, color=style.theme().text, **{"font-size": f"{style.pt(LABEL_PT):g}pt"})


class _LegendEntry(QAbstractButton):
    """A line sample in the curve's own pen and its name; clicking it selects the loss."""

    SAMPLE_PX = 44

    def __init__(self, name: str, text: str, pen: QPen, parent=None):
        super().__init__(parent)
        self.name = name
        self.pen = QPen(pen)
        self.setText(text)
        self.emphasised = False
        self.setCursor(Qt.PointingHandCursor)
        self.setFont(_font(TICK_PT))

    def sizeHint(self) -> QSize:
        bold = QFont(self.font())
        bold.setBold(True)
        fm = QFontMetrics(bold)
        return QSize(self.SAMPLE_PX + 10 + fm.horizontalAdvance(self.text()) + 6, fm.height() + 2)

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        y = self.height() / 2
        pen = QPen(self.pen)
        pen.setWidthF(EMPHASIS_PX if self.emphasised else LINE_PX)
        p.setPen(pen)
        p.drawLine(2, int(y), self.SAMPLE_PX, int(y))
        font = QFont(self.font())
        font.setBold(self.emphasised)
        p.setFont(font)
        p.setPen(QColor(style.theme().text))
        rect = self.rect().adjusted(self.SAMPLE_PX + 10, 0, 0, 0)
        p.drawText(rect, Qt.AlignVCenter | Qt.AlignLeft, self.text())
        p.end()


class _Legend(QWidget):
    """A legend under a plot, so that it never hides a curve: as many columns as its width holds."""

    SPACING = 14

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: dict[str, _LegendEntry] = {}
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(8, 0, 8, 2)
        self._grid.setHorizontalSpacing(self.SPACING)
        self._grid.setVerticalSpacing(0)

    def add(self, entry: _LegendEntry):
        self.entries[entry.name] = entry
        self._grid.addWidget(entry, len(self.entries) - 1, 0)
        self.relayout(force=True)

    def relayout(self, force: bool = False):
        """Re-grid the entries for the current width (entry texts change with the parameters)."""
        if force:
            self._columns = 0
        if not self.entries:
            return
        entries = list(self.entries.values())
        room = max(1, self.width() - 16)
        # an entry wider than half the room takes a whole row of its own, after the others, so that one
        # long entry (Chinese "Hinge 损失（横轴为得分 s，见上方坐标轴）") does not make every row one entry
        # and steal the plot's height
        wide = [e for e in entries if e.sizeHint().width() > (room - self.SPACING) / 2]
        narrow = [e for e in entries if e not in wide]
        widths = [e.sizeHint().width() for e in narrow]
        columns = 1
        for c in range(len(widths), 1, -1):  # the most columns whose widest entries fit side by side
            need = sum(max(widths[col::c]) for col in range(c)) + self.SPACING * (c - 1)
            if need <= room:
                columns = c
                break
        layout = (columns, tuple(e.name for e in wide))
        if layout == self._columns:
            return
        self._columns = layout
        for entry in entries:
            self._grid.removeWidget(entry)
        for k, entry in enumerate(narrow):
            self._grid.addWidget(entry, k // columns, k % columns)
        first = (len(narrow) + columns - 1) // columns
        for k, entry in enumerate(wide):
            self._grid.addWidget(entry, first + k, 0, 1, columns)
        for col in range(len(entries)):
            self._grid.setColumnStretch(col, 1 if col == columns - 1 else 0)

    def rows(self) -> list[list[str]]:
        """The entries' names row by row, as laid out."""
        out: dict[int, list[tuple[int, str]]] = {}
        for entry in self.entries.values():
            index = self._grid.indexOf(entry)
            if index >= 0:
                row, col, _, _ = self._grid.getItemPosition(index)
                out.setdefault(row, []).append((col, entry.name))
        return [[name for _, name in sorted(out[r])] for r in sorted(out)]

    def minimumSizeHint(self) -> QSize:
        widest = max((e.sizeHint().width() for e in self.entries.values()), default=0)
        return QSize(widest + 16, super().minimumSizeHint().height())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.relayout()


class LossGallery(QDialog):
    """Every loss in ``model.losses.LOSSES`` in a table, and the lecture's two comparison plots."""

    loss_selected = Signal(str)  # registry name of the selected loss ("" when none)

    COLUMNS = ("col_name", "col_zh", "col_kind", "col_note", "col_formula", "col_gradient")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("title"))
        self.setSizeGripEnabled(True)
        font = QFont(self.font())
        if font.pointSizeF() < BASE_PT:
            font.setPointSizeF(BASE_PT)  # readable from the back of a lecture hall
            self.setFont(font)

        self.losses = {
            name: make_loss(name, **LOSSES[name].gallery.params) for name in REGRESSION_LOSSES + CLASSIFICATION_LOSSES
        }
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._pens: dict[str, QPen] = {}
        self._selected = ""

        # -- left: the table and the selected loss's details ----------------------------------
        self.table = self._make_table()
        self.detail_label = QLabel(_t("select_hint"))
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.RichText)
        self.detail_label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.detail_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.detail_label.setFont(_font(max(12.0, font.pointSizeF() + 1)))
        self.detail_label.setMinimumHeight(150)
        left = QSplitter(Qt.Vertical)
        left.addWidget(self.table)
        left.addWidget(self.detail_label)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)

        # -- right: the two plots, each with its parameters above and its legend below ---------
        self.spins: dict[str, QDoubleSpinBox] = {}  # by parameter name, as the losses declare their knobs
        for loss_name, knob in REGRESSION_KNOBS + CLASSIFICATION_KNOBS:
            self.spins[knob.param] = self._make_spin(loss_name, knob)
            setattr(self, f"{knob.param}_spin", self.spins[knob.param])  # e.g. delta_spin
        self.gradient_check = QCheckBox(_t("gradient"))
        self.gradient_check.setToolTip(_t("gradient_tip"))
        self.log_check = QCheckBox(_t("log"))
        self.log_check.setToolTip(_t("log_tip"))

        self.regression_plot = _make_plot()
        self.regression_plot.setAccessibleName(_t("a11y_regression"))
        self.regression_legend = _Legend()
        self.classification_plot = _make_plot()
        self.classification_plot.setAccessibleName(_t("a11y_classification"))
        self.classification_legend = _Legend()
        self._build_regression()
        self._build_classification()
        # right-click: "Show everything" (the lecture's ranges again), not pyqtgraph's English menu and its
        # Export dialog with a "Matplotlib Window" entry that fails
        for plot, home in ((self.regression_plot, self._home_regression), (self.classification_plot, self._home_cls)):
            show_all = QAction(tr("Show everything"), plot)
            show_all.triggered.connect(home)
            install_plot_menu(plot, show_all, [])

        right = QSplitter(Qt.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(
            self._plot_box(
                _t("reg_title"),
                self.regression_plot,
                self.regression_legend,
                tuple(k.param for _, k in REGRESSION_KNOBS),
                self.gradient_check,
            )
        )
        right.addWidget(
            self._plot_box(
                _t("cls_title"),
                self.classification_plot,
                self.classification_legend,
                tuple(k.param for _, k in CLASSIFICATION_KNOBS),
                self.log_check,
            )
        )

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 700])

        self.message_label = QLabel("")
        style.tint(self.message_label, "error")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message_label, 1)
        bottom.addWidget(buttons)

        # beside the curves: the lecture's loss examples, typed in
        self.calculator = LossCalculatorPanel()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_t("a11y_tabs"))
        self.tabs.addTab(self.splitter, _t("tab_curves"))
        self.tabs.addTab(self.calculator, _t("tab_calculator"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.gradient_check.toggled.connect(self._redraw_regression)
        self.log_check.toggled.connect(self._log_toggled)
        for entry in list(self.regression_legend.entries.values()) + list(self.classification_legend.entries.values()):
            entry.clicked.connect(lambda _checked=False, name=entry.name: self.select_loss(name))

        self._fit_to_screen(1100, 700)

    # -- public API -------------------------------------------------------------------------------
    def select_loss(self, name: str) -> None:
        """Select ``name``'s row (a registry name) and highlight its curve; ``""`` clears the selection."""
        if not name:
            self.table.clearSelection()
            return
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.UserRole) == name:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))
                return
        raise ValueError(f"unknown loss {name!r}; choose one of: {', '.join(LOSSES)}")

    def selected_loss(self) -> str:
        """The registry name of the selected loss, or ``""``."""
        return self._selected

    def show_calculator(self, example: str | None = None) -> None:
        """The calculator's tab in front, with the lecture's ``"regression"`` or ``"classification"`` example."""
        self.tabs.setCurrentWidget(self.calculator)
        if example is not None:
            self.calculator.show_example(example)

    def set_parameter(self, key: str, value: float) -> None:
        """Set a plotted parameter (a loss's knob: ``"delta"``, ``"quantile"``, ``"gamma"``, ``"epsilon"``) as its
        spin box does."""
        self.spins[key].setValue(value)

    # -- building ---------------------------------------------------------------------------------
    def _make_table(self) -> QTableWidget:
        table = QTableWidget(len(LOSSES), len(self.COLUMNS))
        table.setAccessibleName(_t("a11y_table"))
        table.setHorizontalHeaderLabels([_t(c) for c in self.COLUMNS])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.setWordWrap(False)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setFont(_font(BASE_PT, bold=True))
        table.setFont(_font(BASE_PT))
        metric_ink = QBrush(QColor(style.theme().muted))
        for row, (name, cls) in enumerate(LOSSES.items()):
            loss = cls()  # defaults: its formula text
            kind = _t(cls.kind)
            if not cls.training:
                kind = _t("metric", kind=kind)
            cells = (tr(cls.label), cls.label_zh, kind, tr(cls.note), tr(loss.formula), tr(loss.gradient_formula))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(_t("metric_tip") if not cls.training and col == 2 else text)
                if col == 0:
                    item.setData(Qt.UserRole, name)
                    item.setFont(_font(BASE_PT, bold=True))
                if not cls.training:
                    item.setForeground(metric_ink)
                    f = item.font()
                    f.setItalic(True)
                    item.setFont(f)
                table.setItem(row, col, item)
        table.setMinimumWidth(260)
        return table

    def _make_spin(self, loss_name, knob) -> QDoubleSpinBox:
        spec = {s.name: s for s in LOSSES[loss_name].PARAMS}[knob.param]
        lo, hi = knob.minimum, knob.maximum
        spin = QDoubleSpinBox()
        # The model's own bounds, narrowed to what the plot can show.
        spin.setRange(
            max(lo, spec.minimum if spec.minimum is not None else lo),
            min(hi, spec.maximum if spec.maximum is not None else hi),
        )
        spin.setDecimals(knob.decimals)
        spin.setSingleStep(knob.step)
        spin.setValue(knob.default)
        spin.setAccelerated(True)
        spin.setToolTip(tr(knob.tip))
        spin.setMinimumWidth(80)
        spin.setProperty("knob_label", tr(knob.label))
        spin.valueChanged.connect(lambda value, n=loss_name, p=knob.param: self._parameter_changed(n, p, value))
        return spin

    def _plot_box(self, title, plot, legend, spin_keys, check) -> QWidget:
        box = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(4, 2, 4, 0)
        row.setSpacing(6)
        heading = QLabel(title)
        heading.setFont(_font(TITLE_PT, bold=True))
        row.addWidget(heading)
        row.addSpacing(16)
        for key in spin_keys:
            label = QLabel(self.spins[key].property("knob_label"))
            label.setBuddy(self.spins[key])
            label.setToolTip(self.spins[key].toolTip())
            row.addWidget(label)
            row.addWidget(self.spins[key])
            row.addSpacing(12)
        row.addWidget(check)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(plot, 1)
        layout.addWidget(legend)
        return box

    def _add_curves(self, plot, legend, specs):
        pi = plot.getPlotItem()
        for z, (name, colour, dash) in enumerate(specs):
            pen = _pen(colour, dash, LINE_PX)
            curve = pg.PlotDataItem(pen=pen)
            curve.setZValue(z)
            pi.addItem(curve)
            self.curves[name] = curve
            self._pens[name] = pen
            legend.add(_LegendEntry(name, _curve_label(self.losses[name]), pen))

    def _build_regression(self):
        pi = self.regression_plot.getPlotItem()
        _set_label(pi, "bottom", _t("reg_x"))
        pi.addItem(
            pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen(style.theme().pending_line, width=1)), ignoreBounds=True
        )
        # Where a loss changes its nature, as it declares (Huber: quadratic to linear at ±δ), in its curve's colour.
        self._mark_lines = []
        for name, colour, _dash in _pens(REGRESSION_LOSSES, REGRESSION_PENS):
            param = self.losses[name].gallery.marks
            if not param:
                continue
            symbol = {s.name: s for s in LOSSES[name].PARAMS}[param].label.split(" ")[0]
            for sign in (-1, 1):
                line = pg.InfiniteLine(
                    angle=90,
                    pen=pg.mkPen(_ink(colour), width=1.5, style=Qt.DotLine),
                    label=("−" if sign < 0 else "") + symbol,
                    labelOpts={"position": 0.96, "color": _ink(colour), "anchors": [(0.5, 0), (0.5, 0)]},
                )
                line.label.setFont(_font(TICK_PT))
                line.setZValue(-5)
                pi.addItem(line, ignoreBounds=True)
                self._mark_lines.append((name, param, sign, line))
        self._add_curves(self.regression_plot, self.regression_legend, _pens(REGRESSION_LOSSES, REGRESSION_PENS))
        pi.setXRange(ERRORS[0], ERRORS[-1], padding=0.01)
        self._redraw_regression()

    def _build_classification(self):
        pi = self.classification_plot.getPlotItem()
        _set_label(pi, "bottom", _t("cls_x"))
        _set_label(pi, "left", _t("cls_y"))
        pi.showAxis("top")
        top = pi.getAxis("top")
        top.setTicks([[(1.0 / (1.0 + math.exp(-s)), f"{s:g}".replace("-", "−")) for s in SCORE_TICKS]])
        _set_label(pi, "top", _t("cls_top"))
        self._add_curves(
            self.classification_plot, self.classification_legend, _pens(CLASSIFICATION_LOSSES, CLASSIFICATION_PENS)
        )
        pi.setXRange(0.0, 1.0, padding=0.01)
        for name in CLASSIFICATION_LOSSES:
            self._redraw_curve(name)
        self._log_toggled(False)

    def _fit_to_screen(self, width: int, height: int):
        screen = self.screen()
        if screen is not None:
            avail = screen.availableGeometry()
            width, height = min(width, avail.width()), min(height, avail.height())
        self.resize(width, height)

    # -- drawing ----------------------------------------------------------------------------------
    def _redraw_curve(self, name: str):
        loss = self.losses[name]
        regression = loss.gallery.plot == "regression"
        gradient = regression and self.gradient_check.isChecked()
        x = ERRORS if regression else PROBABILITIES
        self.curves[name].setData(x, _cached_curve(name, tuple(sorted(loss.params.items())), gradient))

    def _redraw_regression(self, *_):
        gradient = self.gradient_check.isChecked()
        pi = self.regression_plot.getPlotItem()
        _set_label(pi, "left", _t("reg_y_grad" if gradient else "reg_y"))
        for name in REGRESSION_LOSSES:
            self._redraw_curve(name)
        pi.setYRange(*(GRADIENT_RANGE if gradient else REGRESSION_RANGE), padding=0.0)
        self._place_mark_lines()

    def _home_regression(self):
        self.regression_plot.getPlotItem().setXRange(ERRORS[0], ERRORS[-1], padding=0.01)
        self._redraw_regression()

    def _home_cls(self):
        self.classification_plot.getPlotItem().setXRange(0.0, 1.0, padding=0.01)
        self._log_toggled(self.log_check.isChecked())

    def _place_mark_lines(self):
        for name, param, sign, line in self._mark_lines:
            line.setPos(sign * self.losses[name].params[param])

    def _log_toggled(self, log: bool):
        pi = self.classification_plot.getPlotItem()
        pi.setLogMode(x=False, y=bool(log))
        pi.setYRange(*(LOG_RANGE if log else CLASSIFICATION_RANGE), padding=0.0)

    def _parameter_changed(self, loss_name: str, param: str, value: float):
        try:
            loss = make_loss(loss_name, **{**self.losses[loss_name].params, param: float(value)})
        except ValueError as exc:  # the spin box's bounds should prevent it; keep the last good curve
            self.message_label.setText(_t("not_applied", msg=exc))
            return
        self.message_label.setText("")
        self.losses[loss_name] = loss
        self._redraw_curve(loss_name)
        entry = self._legend_entry(loss_name)
        entry.setText(_curve_label(loss))
        entry.updateGeometry()
        entry.parentWidget().relayout(force=True)
        self._place_mark_lines()
        if self._selected == loss_name:
            self._show_details(loss_name)

    def _legend_entry(self, name: str) -> _LegendEntry:
        return self.regression_legend.entries.get(name) or self.classification_legend.entries[name]

    # -- selection --------------------------------------------------------------------------------
    def _selection_changed(self):
        rows = {index.row() for index in self.table.selectedIndexes()}
        name = self.table.item(rows.pop(), 0).data(Qt.UserRole) if rows else ""
        self._selected = name
        self._emphasise(name)
        self._show_details(name)
        self.loss_selected.emit(name)

    def _emphasise(self, name: str):
        for curve_name, curve in self.curves.items():
            chosen = curve_name == name
            pen = QPen(self._pens[curve_name])
            pen.setWidthF(EMPHASIS_PX if chosen else LINE_PX)
            curve.setPen(pen)
            curve.setZValue(100 if chosen else self._base_z(curve_name))
            entry = self._legend_entry(curve_name)
            if entry.emphasised != chosen:
                entry.emphasised = chosen
                entry.update()

    @staticmethod
    def _base_z(name: str) -> int:
        for names in (REGRESSION_LOSSES, CLASSIFICATION_LOSSES):
            if name in names:
                return names.index(name)
        return 0

    def _show_details(self, name: str):
        if not name:
            self.detail_label.setText(_t("select_hint"))
            return
        cls = LOSSES[name]
        loss = self.losses.get(name) or cls()
        kind = _t(cls.kind) if cls.training else _t("metric", kind=_t(cls.kind))
        where = tr(cls.gallery.drawn) if cls.gallery is not None else _t("drawn_none")
        esc = _html
        self.detail_label.setText(
            f'<p style="font-size:14pt"><b>{esc(tr(cls.label))}</b> · {esc(cls.label_zh)} · {esc(kind)}</p>'
            f"<p>{esc(tr(cls.note))}</p>"
            f"<p>{esc(tr(loss.formula))}<br>{esc(tr(loss.gradient_formula))}</p>"
            f'<p style="color:{style.theme().muted}">{esc(where)}</p>'
        )


def _html(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
