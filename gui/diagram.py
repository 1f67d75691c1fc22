"""The network diagram: paints a :class:`gui.diagram_scene.DiagramScene` and turns mouse and keys into selections.

What is shown, where and in which colour is the scene's business; this file only paints it, with
its caches (neuron sprites, the legend as a pixmap, flow arrows), and handles events.
:class:`DiagramPanel` adds the toolbar (quantities, sample, numbers, scale) and is the window's view.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QKeyCombination, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QColor,
    QFontMetricsF,
    QKeySequence,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.diagram_scene import (
    EDGE_QUANTITIES,
    HEAD,
    MAX_INPUTS_IN_LABELS,
    NA,
    NEURON_QUANTITIES,
    PENDING,
    TAIL,
    DiagramScene,
    diagram_input,
    minus,
    short,
    visible_units_for,
)
from gui.diagram_scene import TEXT as SCENE_TEXT
from gui.flow_layout import FlowLayout
from gui.i18n import lookup, tr_noop
from gui.view import DIAGRAM_HZ
from model.losses import loss_from_dict

__all__ = ["NetworkDiagram", "DiagramPanel", "NEURON_QUANTITIES", "EDGE_QUANTITIES", "visible_units_for"]

# The toolbar's user-visible strings, in one place for the translation table.
TEXT = {
    "q_auto": tr_noop("Auto (a / δ)"),
    "q_a": tr_noop("a  activation"),
    "q_z": tr_noop("z  weighted input"),
    "q_delta": tr_noop("δ  error ∂L/∂z"),
    "q_w": tr_noop("w  weight"),
    "q_grad": tr_noop("∂L/∂w  gradient"),
    # Alt+N, D, M, W, A: letters the menus (F, E, T, V, H) and the control panel (R, S, B, P, U, L, C) leave free
    "tb_neurons": tr_noop("&Neurons:"),
    "tb_edges": tr_noop("E&dges:"),
    "tb_sample": tr_noop("Sa&mple:"),
    "tb_numbers": tr_noop("Sho&w numbers"),
    "tb_scale": tr_noop("Sc&ale:"),
    "auto": tr_noop("Auto"),
    "fixed_mode": tr_noop("Fixed ±"),
    "tip_auto": tr_noop("a while computing forward, δ while going backward"),
    "tip_a": tr_noop("activation a = f(z), the neuron's output"),
    "tip_z": tr_noop("weighted input z = Σ w·a_prev + b"),
    "tip_delta": tr_noop("error δ = ∂L/∂z: how much this neuron is to blame"),
    "tip_w": tr_noop("the weights"),
    "tip_grad": tr_noop("the gradients ∂L/∂w (and ∂L/∂b on the bias tabs) of the batch loss"),
    "tip_neurons": tr_noop("What colours the neurons: activation a, weighted input z, or error δ = ∂L/∂z"),
    "tip_edges": tr_noop("What colours the connections: the weight w or its gradient ∂L/∂w"),
    "tip_sample": tr_noop("Show one sample's values, or their mean over the batch"),
    "tip_numbers": tr_noop("Print the values on the diagram (small networks only)"),
    "tip_scale": tr_noop("Auto: the colour scale follows the largest value shown; Fixed: ± the number on the right"),
    # what a screen reader says (accessible names and the diagram's text alternative)
    "a11y_diagram": tr_noop("Network diagram"),
    "a11y_nothing": (
        tr_noop("No neuron or weight selected. Ctrl + the arrow keys walk the neurons; Enter edits the selected value.")
    ),
    "a11y_scale": tr_noop("Fixed colour scale, ±"),
    # the keys the diagram handles itself (Help → Keyboard shortcuts lists them from DIAGRAM_KEYS)
    "key_walk": tr_noop("Walk the neurons"),
    "key_walk_tip": tr_noop(
        "Up and down within a layer, left and right across layers; a screen reader reads the values"
    ),
    "key_edit": tr_noop("Edit the selected weight or bias"),
    "key_edit_tip": tr_noop("As a double-click does; Ctrl+Z undoes it"),
    "key_clear": tr_noop("Clear the selection"),
}

_ARROWS = (Qt.Key_Up, Qt.Key_Down, Qt.Key_Left, Qt.Key_Right)
#: The keys the diagram handles in keyPressEvent (with the focus), and what F1 says of them.
DIAGRAM_KEYS = (
    ("key_walk", "key_walk_tip", tuple(Qt.ControlModifier | k for k in _ARROWS)),
    ("key_edit", "key_edit_tip", tuple(QKeyCombination(k) for k in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_F2))),
    ("key_clear", None, (QKeyCombination(Qt.Key_Escape),)),
)

_t = lookup({**SCENE_TEXT, **TEXT})


class NetworkDiagram(QWidget):
    """Neurons in layer columns, edges coloured and sized by weight or gradient; phase-aware."""

    neuron_selected = Signal(int, int)
    edge_selected = Signal(int, int, int)
    selection_cleared = Signal()
    weight_edit_requested = Signal(int, int, int, float)
    bias_edit_requested = Signal(int, int, float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.setMinimumSize(240, 180)
        self.scene = DiagramScene(on_change=self.update, size_of=lambda: (self.width(), self.height()))
        self.scene.set_font(self.font())
        self._values: tuple = ()
        self._X = self._Y = None
        self._phase = None
        self._step_phases: tuple = ()
        self._loss = None  # the session's loss: the scale of the per-sample δ
        self._tip_pos: QPoint | None = None
        self._caches_for = None  # the scene's geometry version the caches below were made for
        self._sprites: dict = {}
        self._arrow_cache: dict = {}
        self._legend_cache = (None, None)
        self.legend_boxes: list = []  # the legend's texts and bars as last painted (text, QRectF)
        self.update_count = 0  # data updates received (set_values / set_phase)
        self._exporting = False  # painting for File → Export: vectors only, no hover or focus frame
        self.setAccessibleName(_t("a11y_diagram"))
        self.setAccessibleDescription(_t("a11y_nothing"))

    # ------------------------------------------------------------------ data
    def set_values(self, values, X, Y, smooth: bool = True):
        """Show a snapshot's LayerValues over its samples X, Y (``values`` None or empty clears).

        ``smooth``: a shrinking colour scale eases towards its new range (while training runs).
        """
        self._values = tuple(values or ())
        self._X, self._Y = X, Y
        self._rebuild(smooth)

    def set_phase(self, phase, step_phases=(), smooth: bool = True):
        """Show the values of a training step part-way through (``phase`` None: the snapshot values)."""
        self._phase = phase
        self._step_phases = tuple(step_phases or ())
        self._rebuild(smooth)

    def set_loss(self, loss):
        """The session's loss (``model.losses.Loss`` or None), whose reduction sets the scale of the per-sample δ."""
        if loss is self._loss:
            return
        self._loss = loss
        if self._values:
            self._rebuild(False)

    def _rebuild(self, smooth):
        self.update_count += 1
        inp = diagram_input(self._values, self._X, self._Y, self._phase, self._step_phases, self._loss)
        if self.scene.set_input(inp, smooth):
            sel = self.scene.selection
            if sel is not None and not self.scene.selection_valid(sel):
                self.scene.selection = None
                self.selection_cleared.emit()
            self.scene.hover = None
        self._refresh_tooltip()
        self._update_description()

    def reset_ranges(self):
        """Let the colour scales start afresh (after a reset or on a new session)."""
        self.scene.reset_ranges()

    def set_sample(self, index):
        """Show one sample's values (0-based), or the batch mean for None."""
        self.scene.sample_wanted = None if index is None else int(index)
        self.scene.invalidate(False)
        self._refresh_tooltip()

    def set_neuron_quantity(self, quantity: str):
        """Colour neurons by "auto", "a", "z" or "delta"."""
        self.scene.set_neuron_quantity(quantity)

    def set_edge_quantity(self, quantity: str):
        """Colour edges by "w" (weight) or "grad" (∂L/∂w)."""
        self.scene.set_edge_quantity(quantity)

    def set_show_numbers(self, show: bool):
        """Print values on the diagram (when the network is small enough to read them)."""
        self.scene.show_numbers = bool(show)
        self.scene.invalidate(False)

    def set_scale(self, fixed: bool, neuron_range: float = 1.0, edge_range: float = 1.0):
        """Auto colour scales (fixed False) or fixed ones: neurons ±neuron_range, edges ±edge_range."""
        self.scene.set_scale(fixed, neuron_range, edge_range)

    def restyle(self):
        """Follow the theme and the zoom."""
        self.scene.set_font(self.font())
        self.scene.restyle()

    # ------------------------------------------------------------------ queries (the scene's)
    def neuron_quantity(self) -> str:
        """The neuron quantity in effect ("a", "z" or "delta"; "auto" resolved for the phase)."""
        return self.scene.neuron_quantity()

    def edge_quantity(self) -> str:
        return self.scene.edge_q

    def sample(self):
        """The sample shown (0-based), or None for the batch mean."""
        return self.scene.effective_sample()

    def inputs(self):
        """The inputs whose values are shown: the step's batch while stepping, else the snapshot's X."""
        return self.scene.input.X

    def ranges(self) -> tuple[float, float]:
        """The colour scales in effect: neurons ±r, edges ±r."""
        return self.scene.ranges()

    def select_neuron(self, layer: int, unit: int):
        """Select a neuron (layer 0 = input); emits neuron_selected if the selection changed."""
        self.scene.check_unit(layer, unit)
        self._set_selection(("neuron", int(layer), int(unit)))

    def select_edge(self, layer: int, i: int, j: int):
        """Select the weight from unit i of layer−1 to unit j of layer; emits edge_selected if changed."""
        self.scene.check_edge(layer, i, j)
        self._set_selection(("edge", int(layer), int(i), int(j)))

    def clear_selection(self):
        """Clear the selection; emits selection_cleared if there was one."""
        self._set_selection(None)

    def selection(self):
        """("neuron", layer, unit), ("edge", layer, i, j) or None."""
        return self.scene.selection

    def visible_units(self, layer: int) -> list[int]:
        """The units of a neuron layer that are drawn (≤ 16; large layers are collapsed)."""
        return visible_units_for(self.scene.sizes[layer]).tolist()

    def is_collapsed(self, layer: int) -> bool:
        return self.scene.sizes[layer] > len(visible_units_for(self.scene.sizes[layer]))

    def neuron_center(self, layer: int, unit: int):
        """Centre of a drawn neuron in widget coordinates, or None if it is not drawn."""
        return self.scene.neuron_center(layer, unit)

    def neuron_radius(self) -> float:
        self.scene.ensure_layout()
        return self.scene.r

    def edge_midpoint(self, layer: int, i: int, j: int):
        """A point on a drawn edge that hits this edge alone (where its number is printed), or None."""
        return self.scene.edge_midpoint(layer, i, j)

    def numbers_drawn(self) -> bool:
        """True when "Show numbers" is on and the network is small enough for the numbers to be printed."""
        return self.scene.numbers_drawn()

    def value_at(self, kind: str, *index, quantity: str | None = None):
        """The shown value of a "neuron" (layer, unit), "edge" (layer, i, j) or "bias" (layer, unit); see the scene."""
        return self.scene.value_at(kind, *index, quantity=quantity)

    def is_pending(self, kind: str, layer: int, quantity: str | None = None) -> bool:
        """True when a layer's value is drawn as "not computed yet" in the current step."""
        return self.scene.is_pending(kind, layer, quantity)

    def emphasised(self):
        """What the current phase just computed: ("neurons" | "edges", layers), or None."""
        return self.scene.emphasised()

    def item_at(self, pos):
        """The item under a widget position: ("neuron", l, u), ("edge", l, i, j), ("more", l) or None."""
        return self.scene.item_at(float(pos.x()), float(pos.y()))

    def tooltip_text_at(self, pos) -> str:
        """The hover text for a widget position ("" over empty space)."""
        return self.scene.tooltip_text(self.item_at(pos))

    def render_for_export(self, painter):
        """Paint the diagram onto ``painter`` (an SVG, a PDF page, an image) as vectors: neurons and
        legend drawn, not copied from cached pixmaps; no hover ring, no focus frame."""
        hover, self.scene.hover = self.scene.hover, None
        self._exporting = True
        try:
            self.render(painter, QPoint(0, 0))
        finally:
            self._exporting = False
            self.scene.hover = hover

    def sizeHint(self):
        return QSize(600, 450)

    def minimumSizeHint(self):
        return QSize(240, 180)

    # ------------------------------------------------------------------ selection
    def describe(self) -> str:
        """The diagram as text, for a screen reader: the selected neuron's or weight's values."""
        sel = self.scene.selection
        if sel is None or not self.scene.sizes:
            return _t("a11y_nothing")
        return self.scene.tooltip_text(sel).replace("\n", "; ")

    def _update_description(self):
        """Keep the accessible description (what a screen reader reads) on the selection's current values."""
        text = self.describe()
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)
            if QAccessible.isActive():
                QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))

    def _set_selection(self, sel):
        if sel == self.scene.selection:
            return
        self.scene.selection = sel
        self._update_description()
        self.update()
        if sel is None:
            self.selection_cleared.emit()
        elif sel[0] == "neuron":
            self.neuron_selected.emit(sel[1], sel[2])
        else:
            self.edge_selected.emit(sel[1], sel[2], sel[3])

    def _refresh_tooltip(self):
        """Keep a visible tooltip in step with values that change under a still mouse."""
        if self._tip_pos is None or not QToolTip.isVisible():
            return
        text = self.tooltip_text_at(self._tip_pos)
        if text:
            QToolTip.showText(self.mapToGlobal(self._tip_pos), text, self)
        else:
            QToolTip.hideText()

    # ------------------------------------------------------------------ events
    def changeEvent(self, e):
        if e.type() == QEvent.FontChange:
            self.scene.set_font(self.font())
        super().changeEvent(e)

    def event(self, e):
        if e.type() == QEvent.ToolTip:
            pos = e.pos()
            text = self.tooltip_text_at(pos)
            if text:
                self._tip_pos = QPoint(pos)
                QToolTip.showText(e.globalPos(), text, self)
            else:
                self._tip_pos = None
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    def mouseMoveEvent(self, e):
        pos = e.position().toPoint()
        item = self.item_at(pos)
        if item != self.scene.hover:
            self.scene.hover = item
            self.update()
            if QToolTip.isVisible():
                self._tip_pos = pos
                self._refresh_tooltip()
        super().mouseMoveEvent(e)

    def leaveEvent(self, e):
        self._tip_pos = None
        if self.scene.hover is not None:
            self.scene.hover = None
            self.update()
        super().leaveEvent(e)

    def mousePressEvent(self, e):
        if e.button() != Qt.LeftButton:
            return super().mousePressEvent(e)
        self.setFocus(Qt.MouseFocusReason)
        item = self.item_at(e.position().toPoint())
        if item is None or item[0] == "more":
            self.clear_selection()
        else:
            self._set_selection(item)
        e.accept()

    def mouseDoubleClickEvent(self, e):
        if e.button() != Qt.LeftButton:
            return super().mouseDoubleClickEvent(e)
        item = self.item_at(e.position().toPoint())
        if item is not None and item[0] in ("neuron", "edge"):
            self._set_selection(item)
            self._request_edit(item)
        e.accept()

    def _request_edit(self, item):
        if item[0] == "edge":
            _, l, i, j = item
            w = self.value_at("edge", l, i, j, quantity="w")
            if w is not None:
                self.weight_edit_requested.emit(l, i, j, w)
        elif item[1] > 0:
            _, l, u = item
            b = self.value_at("bias", l, u, quantity="w")
            if b is not None:
                self.bias_edit_requested.emit(l, u, b)

    def keyboard_help(self) -> list[tuple[str, str, str]]:
        """``(action, keys, description)`` for the keys this widget handles itself (:data:`DIAGRAM_KEYS`)."""
        rows = []
        for name, tip, keys in DIAGRAM_KEYS:
            spelled = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            rows.append((_t(name), spelled, _t(tip) if tip else ""))
        return rows

    def keyPressEvent(self, e):
        key = e.key()
        sel = self.scene.selection
        walk, edit, clear = (keys for _, _, keys in DIAGRAM_KEYS)
        if key in [k.key() for k in clear] and sel is not None:
            self.clear_selection()
            return
        if key in [k.key() for k in edit] and sel is not None:
            self._request_edit(sel)
            return
        # Shift/Alt + arrows belong to the window (phase stepping); plain or Ctrl + arrows walk the neurons
        plain = not (e.modifiers() & ~(Qt.ControlModifier | Qt.KeypadModifier))
        if key in [k.key() for k in walk] and self.scene.sizes and plain:
            self._move_selection(key)
            return
        super().keyPressEvent(e)

    def _move_selection(self, key):
        """Arrow keys walk the drawn neurons: up/down within a layer, left/right across layers."""
        sel = self.scene.selection
        if sel is None or sel[0] != "neuron":
            l, pos = (sel[1], 0) if sel is not None else (0, 0)
        else:
            l = sel[1]
            units = self.visible_units(l)
            pos = units.index(sel[2]) if sel[2] in units else 0
            if key == Qt.Key_Up:
                pos -= 1
            elif key == Qt.Key_Down:
                pos += 1
            elif key == Qt.Key_Left:
                l -= 1
            else:
                l += 1
        l = min(max(l, 0), len(self.scene.sizes) - 1)
        units = self.visible_units(l)
        pos = min(max(pos, 0), len(units) - 1)
        self.select_neuron(l, units[pos])

    def focusInEvent(self, e):
        self.update()
        super().focusInEvent(e)

    def focusOutEvent(self, e):
        self.update()
        super().focusOutEvent(e)

    # ------------------------------------------------------------------ painting
    def _caches(self, sc):
        key = (sc.geometry_version, sc.colours.key, self.devicePixelRatioF())
        if key != self._caches_for:
            self._caches_for = key
            self._sprites, self._arrow_cache, self._legend_cache = {}, {}, (None, None)

    def paintEvent(self, event):
        sc = self.scene
        t = style.theme()
        d = sc.current()
        self._caches(sc)
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t.base))
        if d is None:
            p.setFont(sc.f_title)
            p.setPen(QColor(t.muted))
            p.drawText(self.rect(), Qt.AlignCenter, _t("no_network"))
            p.end()
            return
        p.setRenderHint(QPainter.Antialiasing, True)
        r = sc.r
        band_top, band_bottom = sc.band
        if d["band"] is not None:
            x = sc.xs[d["band"]]
            half = min(sc.col_gap * 0.42, r * 2.8 + 12)
            p.fillRect(QRectF(x - half, band_top, 2 * half, band_bottom - band_top), style.colour(t.band))
        self._paint_caption(p, d)
        p.setPen(QColor(t.text))
        p.setFont(sc.f_title)
        for pt, st in sc.titles:
            p.drawStaticText(pt, st)
        # bundles stand for the edges of hidden units
        if sc.bundles:
            p.setPen(Qt.NoPen)
            bundle = style.colour(t.muted)
            bundle.setAlpha(40)
            p.setBrush(bundle)
            for poly in sc.bundles:
                p.drawPolygon(poly)
        emph = d["emphasis"]
        if emph is not None and emph[0] == "edges":
            halo = QPen(style.colour(t.glow), style.px(8.0))
            halo.setCapStyle(Qt.FlatCap)
            p.setPen(halo)
            for l in emph[1]:
                a, b = sc.edge_slices[l]
                p.drawLines(sc.lines[a:b])
        if d["flow"] is not None:
            l, _ = d["flow"]
            a, b = sc.edge_slices[l]
            flow = style.colour(t.glow)
            flow.setAlpha(90)
            flow_pen = QPen(flow, style.px(5.0))
            flow_pen.setCapStyle(Qt.FlatCap)  # round caps cost 25× more to antialias
            p.setPen(flow_pen)
            p.drawLines(sc.lines[a:b])
        for pen, lines in d["edge_groups"]:
            p.setPen(pen)
            p.drawLines(lines)
        hover_col = style.colour(t.text)
        hover_col.setAlpha(90)
        for item, colour, extra in ((sc.hover, hover_col, 3.0), (sc.selection, QColor(t.select), 4.0)):
            if item is not None and item[0] == "edge":
                k = sc.edge_index.get(tuple(item[1:]))
                if k is not None:
                    pen = sc.colours.pens[int(d["ecode"][k])]
                    outline = QPen(colour, pen.widthF() + style.px(extra))
                    outline.setCapStyle(Qt.FlatCap)
                    p.setPen(outline)
                    p.drawLine(sc.lines[k])
                    p.setPen(pen)
                    p.drawLine(sc.lines[k])
        if d["flow"] is not None:
            p.fillPath(self._arrows(*d["flow"]), style.colour(t.arrow))
        self._paint_neurons(p, d)
        self._paint_numbers(p, d)
        self._paint_cached_legend(p, d)
        if self.hasFocus() and not self._exporting:
            p.setPen(QPen(QColor(t.highlight), 2.0))
            p.setBrush(Qt.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        p.end()

    def _arrows(self, l, direction):
        """Arrowheads along the edges of layer l, pointing the way the values flow (cached per layout)."""
        key = (l, direction)
        path = self._arrow_cache.get(key)
        if path is not None:
            return path
        sc = self.scene
        path = QPainterPath()
        a, b = sc.edge_slices[l]
        size = max(5.0, min(9.0 * style.zoom(), sc.r * 0.5))
        t = 0.62 if direction > 0 else 0.38
        for k in range(a, b):
            dx, dy = sc.edx[k] * direction, sc.edy[k] * direction
            n = math.hypot(dx, dy) or 1.0
            ux, uy = dx / n, dy / n
            cx = sc.ex1[k] + t * sc.edx[k]
            cy = sc.ey1[k] + t * sc.edy[k]
            tip = QPointF(cx + ux * size, cy + uy * size)
            left = QPointF(cx - uy * size * 0.6, cy + ux * size * 0.6)
            right = QPointF(cx + uy * size * 0.6, cy - ux * size * 0.6)
            path.addPolygon(QPolygonF([tip, left, right, tip]))
        self._arrow_cache[key] = path
        return path

    def _paint_caption(self, p, d):
        sc, t = self.scene, style.theme()
        title, right = d["caption"]
        rect = sc.caption_rect
        stepping = sc.phase is not None
        if stepping:
            p.setPen(Qt.NoPen)
            p.setBrush(style.colour(t.caption))
            p.drawRoundedRect(rect, 6, 6)
        p.setFont(sc.f_caption)
        p.setPen(QColor(t.text if stepping else t.muted))
        fm = QFontMetricsF(sc.f_caption)
        inner = rect.adjusted(8, 0, -8, 0)
        if right:
            p.setFont(sc.f_legend)
            rw = QFontMetricsF(sc.f_legend).horizontalAdvance(right) + 4
            p.drawText(inner, Qt.AlignVCenter | Qt.AlignRight, right)
            p.setFont(sc.f_caption)
            inner = inner.adjusted(0, 0, -rw - 8, 0)
        p.drawText(inner, Qt.AlignVCenter | Qt.AlignLeft, fm.elidedText(title, Qt.ElideRight, inner.width()))

    def _sprite(self, code):
        """A neuron of one colour, rendered once per layout: an antialiased circle costs ~40 µs a paint."""
        sprite = self._sprites.get(code)
        if sprite is not None:
            return sprite
        sc, t = self.scene, style.theme()
        r, half = sc.r, sc.sprite_half
        ratio = self.devicePixelRatioF()
        sprite = QPixmap(round(2 * half * ratio), round(2 * half * ratio))
        sprite.setDevicePixelRatio(ratio)
        sprite.fill(Qt.transparent)
        q = QPainter(sprite)
        q.setRenderHint(QPainter.Antialiasing, True)
        if code == PENDING:
            q.setPen(QPen(QColor(t.pending_line), 1.3, Qt.DashLine))
        elif code == NA:
            q.setPen(QPen(QColor(t.pending_line), 1.0))
        else:
            q.setPen(QPen(QColor(t.outline), min(style.px(1.3), half - r)))
        q.setBrush(sc.colours.brushes[code])
        q.drawEllipse(QPointF(half, half), r, r)
        q.end()
        self._sprites[code] = sprite
        return sprite

    def _paint_neuron_vectors(self, p, code, centers):
        sc, t = self.scene, style.theme()
        if code == PENDING:
            p.setPen(QPen(QColor(t.pending_line), 1.3, Qt.DashLine))
        elif code == NA:
            p.setPen(QPen(QColor(t.pending_line), 1.0))
        else:
            p.setPen(QPen(QColor(t.outline), min(style.px(1.3), sc.sprite_half - sc.r)))
        p.setBrush(sc.colours.brushes[code])
        for c in centers:
            p.drawEllipse(c, sc.r, sc.r)

    def _paint_neurons(self, p, d):
        sc, t = self.scene, style.theme()
        r = sc.r
        emph = d["emphasis"]
        glow = style.colour(t.glow)
        if emph is not None and emph[0] == "neurons":
            p.setPen(Qt.NoPen)
            p.setBrush(glow)  # a filled disc under the neuron: cheaper than a wide antialiased stroke
            for k in range(len(sc.centers)):
                if sc.nl[k] in emph[1]:
                    p.drawEllipse(sc.centers[k], r + 6, r + 6)
        half = sc.sprite_half
        for code, centers in d["neuron_groups"].items():
            if self._exporting:  # (the same circle as the sprite's, as a vector)
                self._paint_neuron_vectors(p, code, centers)
                continue
            sprite = self._sprite(code)
            for c in centers:
                p.drawPixmap(QPointF(c.x() - half, c.y() - half), sprite)
        if emph is not None and emph[0] == "neurons":
            p.setPen(QPen(QColor(t.text), style.px(2.6)))
            p.setBrush(Qt.NoBrush)
            for k in range(len(sc.centers)):
                if sc.nl[k] in emph[1]:
                    p.drawEllipse(sc.centers[k], r, r)
        # bias tabs, coloured on the edge scale
        p.setPen(QPen(QColor(t.outline), 1.0))
        for code, rects in d["bias_groups"].items():
            p.setBrush(sc.colours.pens[code].color() if code != PENDING else QColor(t.pending_fill))
            p.drawRects(rects)
        if emph is not None and emph[0] == "edges":
            p.setPen(QPen(QColor(t.text), style.px(2.0)))
            p.setBrush(Qt.NoBrush)
            p.drawRects([rect for k, rect in sc.bias_rects if sc.nl[k] in emph[1]])
        # the ellipsis node of a collapsed layer
        p.setFont(sc.f_label)
        fm = QFontMetricsF(sc.f_label)
        dot = max(2.0, min(3.5, r * 0.25))
        box_bg = style.colour(t.base)
        box_bg.setAlpha(230)
        for l, c in sc.more:
            p.setPen(Qt.NoPen)
            p.setBrush(QColor(t.muted))
            for k in (-1, 0, 1):
                p.drawEllipse(QPointF(c.x(), c.y() + k * dot * 3), dot, dot)
            text = _t("more", n=sc.sizes[l] - HEAD - TAIL)
            tw = fm.horizontalAdvance(text)
            box = QRectF(c.x() + dot * 2 + 4, c.y() - fm.height() / 2 - 1, tw + 8, fm.height() + 2)
            p.setBrush(box_bg)
            p.drawRoundedRect(box, 4, 4)
            p.setPen(QColor(t.muted))
            p.drawText(box, Qt.AlignCenter, text)
        # side labels
        p.setPen(QColor(t.text))
        p.setFont(sc.f_side)
        for pt, st in sc.side:
            p.drawStaticText(pt, st)
        # hover and selection rings
        p.setBrush(Qt.NoBrush)
        hover = style.colour(t.text)
        hover.setAlpha(110)
        for item, pen in ((sc.hover, QPen(hover, 2.0)), (sc.selection, QPen(QColor(t.select), style.px(3.0)))):
            if item is not None and item[0] == "neuron":
                k = sc.neuron_index.get((item[1], item[2]))
                if k is not None:
                    p.setPen(pen)
                    p.drawEllipse(sc.centers[k], r + 4, r + 4)

    def _paint_numbers(self, p, d):
        if not d["numbers"]:
            return
        p.setFont(self.scene.f_label)
        label_bg = style.colour(style.theme().base)
        label_bg.setAlpha(230)
        for rect, text, colour, frame in d["numbers"]:
            if frame is not None:
                p.setPen(QPen(frame, 1.2) if frame.alpha() == 255 else Qt.NoPen)
                p.setBrush(label_bg)
                p.drawRoundedRect(rect, 4, 4)
            p.setPen(colour)
            p.drawText(rect, Qt.AlignCenter, text)

    def _paint_cached_legend(self, p, d):
        """The legend changes with the ranges, not with hover or selection: paint it from a pixmap."""
        sc = self.scene
        if self._exporting:
            self._paint_legend(p, d)
            return
        rect = sc.legend_rect
        key = (d["nq"], d["eq"], d["ranges"], sc.fixed, sc.phase is not None, d["any_nan"], d["note"])
        cached_key, pix = self._legend_cache
        if key != cached_key:
            ratio = self.devicePixelRatioF()
            pix = QPixmap(math.ceil(rect.width() * ratio) + 2, math.ceil(rect.height() * ratio) + 2)
            pix.setDevicePixelRatio(ratio)
            pix.fill(QColor(style.theme().base))
            q = QPainter(pix)
            q.setRenderHint(QPainter.Antialiasing, True)
            q.translate(-rect.left(), -rect.top())
            self._paint_legend(q, d)
            q.end()
            self._legend_cache = (key, pix)
        p.drawPixmap(rect.topLeft(), pix)

    def _paint_legend(self, p, d):
        sc, t = self.scene, style.theme()
        ink, muted = QColor(t.text), QColor(t.muted)
        rect = sc.legend_rect
        fm = QFontMetricsF(sc.f_legend)
        lh = fm.height()
        stacked, bar_w = sc.legend
        self.legend_boxes = boxes = []  # (text, where it was drawn): what a test checks for overlaps
        p.setPen(QPen(QColor(t.rule), 1.0))
        p.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top()))
        n_name, e_name = sc.legend_names(d["nq"], d["eq"], True)
        name_col = max(fm.horizontalAdvance(n_name), fm.horizontalAdvance(e_name))
        blocks = [(n_name, d["ranges"][0], t.neuron_stops, False), (e_name, d["ranges"][1], t.edge_stops, True)]
        y = rect.top() + 6
        x = rect.left()
        note_x = x
        p.setFont(sc.f_legend)
        for name, rng, stops, wedge in blocks:
            lo, hi = "−" + short(rng).lstrip("−"), "+" + short(rng).lstrip("−")
            p.setPen(ink)
            nw = name_col if stacked else fm.horizontalAdvance(name)
            p.drawText(QRectF(x, y, nw + 2, lh), Qt.AlignVCenter | Qt.AlignLeft, name)
            boxes.append((name, QRectF(x, y, fm.horizontalAdvance(name), lh)))
            x += nw + 10
            lw = fm.horizontalAdvance(lo)
            p.drawText(QRectF(x, y, lw + 2, lh), Qt.AlignVCenter | Qt.AlignLeft, lo)
            boxes.append((lo, QRectF(x, y, lw, lh)))
            boxes.append(("bar", QRectF(x + lw + 6, y, bar_w, lh)))
            x += lw + 6
            grad = QLinearGradient(x, 0, x + bar_w, 0)
            for pos, c in stops:
                grad.setColorAt((pos + 1) / 2, QColor(c))
            cy = y + lh / 2
            p.setPen(QPen(QColor(t.pending_line), 0.8))
            p.setBrush(QBrush(grad))
            if wedge:  # the edge bar is thin at 0 and thick at ±r, like the edges
                poly = QPolygonF(
                    [
                        QPointF(x, cy - 6),
                        QPointF(x + bar_w / 2, cy - 1.5),
                        QPointF(x + bar_w, cy - 6),
                        QPointF(x + bar_w, cy + 6),
                        QPointF(x + bar_w / 2, cy + 1.5),
                        QPointF(x, cy + 6),
                    ]
                )
                p.drawPolygon(poly)
            else:
                p.drawRect(QRectF(x, cy - 6, bar_w, 12))
            p.setPen(QPen(ink, 1.0))
            p.drawLine(QPointF(x + bar_w / 2, cy + 6), QPointF(x + bar_w / 2, cy + 9))
            x += bar_w + 6
            p.setPen(ink)
            hw = fm.horizontalAdvance(hi)
            p.drawText(QRectF(x, y, hw + 2, lh), Qt.AlignVCenter | Qt.AlignLeft, hi)
            boxes.append((hi, QRectF(x, y, hw, lh)))
            x += hw + 28
            if stacked:
                note_x = max(note_x, x)  # right of the longer row: "+0.099" is wider than "+2.01"
                x, y = rect.left(), y + lh + 6
        # notes on what the special marks mean: the second row, or right of the stacked bars
        notes = []
        if sc.phase is not None:
            notes.append(("pending", _t("legend_pending")))
        if d["any_nan"]:
            notes.append(("nan", _t("legend_nan")))
        if d["note"]:
            notes.append(("text", d["note"]))
        if stacked:
            slots = [(note_x, rect.top() + 6), (note_x, rect.top() + lh + 12)]
            if len(notes) > 2:  # the marks are explained first; the rest shares the last row
                notes = notes[:1] + [("text", " · ".join(text for _, text in notes[1:]))]
        else:
            slots = [(rect.left(), y + lh + 6)]
        row_x, row_y = slots[0]
        slot = 0
        for kind, text in notes:
            if stacked:
                row_x, row_y = slots[min(slot, 1)]
                slot += 1
            cy = row_y + lh / 2
            start = row_x
            if kind in ("pending", "nan"):
                if kind == "pending":
                    p.setPen(QPen(QColor(t.pending_line), 1.2, Qt.DashLine))
                    p.setBrush(QColor(t.pending_fill))
                else:
                    p.setPen(QPen(QColor(t.outline), 1.0))
                    p.setBrush(QColor(t.nan))
                p.drawEllipse(QPointF(row_x + 7, cy), 6, 6)
                row_x += 18
            p.setPen(muted)
            room = max(0.0, rect.right() - row_x)
            p.drawText(
                QRectF(row_x, row_y, room, lh), Qt.AlignVCenter | Qt.AlignLeft, fm.elidedText(text, Qt.ElideRight, room)
            )
            boxes.append((text, QRectF(start, row_y, row_x - start + min(room, fm.horizontalAdvance(text)), lh)))
            row_x += fm.horizontalAdvance(text) + 20


class DiagramPanel(QWidget):
    """The diagram with its toolbar (neuron and edge quantity, sample, numbers, colour scale); a window view."""

    refresh_hz = DIAGRAM_HZ

    def __init__(self, parent=None):
        super().__init__(parent)
        self.diagram = NetworkDiagram(self)
        self.neuron_combo = QComboBox()
        for key in NEURON_QUANTITIES:
            self.neuron_combo.addItem(_t("q_" + key), key)
            self.neuron_combo.setItemData(self.neuron_combo.count() - 1, _t("tip_" + key), Qt.ToolTipRole)
        self.neuron_combo.setToolTip(_t("tip_neurons"))
        self.edge_combo = QComboBox()
        for key in EDGE_QUANTITIES:
            self.edge_combo.addItem(_t("q_" + key), key)
            self.edge_combo.setItemData(self.edge_combo.count() - 1, _t("tip_" + key), Qt.ToolTipRole)
        self.edge_combo.setToolTip(_t("tip_edges"))
        self.sample_combo = QComboBox()
        self.sample_combo.addItem(_t("batch_mean"), None)
        self.sample_combo.setToolTip(_t("tip_sample"))
        self.sample_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.sample_combo.setMinimumContentsLength(12)  # "#12  x = (0, 1)" without eliding much
        self.numbers_check = QCheckBox(_t("tb_numbers"))
        self.numbers_check.setToolTip(_t("tip_numbers"))
        self.scale_combo = QComboBox()
        self.scale_combo.addItem(_t("auto"), False)
        self.scale_combo.addItem(_t("fixed_mode"), True)
        self.scale_combo.setToolTip(_t("tip_scale"))
        self.scale_spin = QDoubleSpinBox()
        self.scale_spin.setRange(0.001, 1000.0)
        self.scale_spin.setDecimals(3)
        self.scale_spin.setStepType(QDoubleSpinBox.AdaptiveDecimalStepType)
        self.scale_spin.setValue(1.0)
        self.scale_spin.setEnabled(False)
        self.scale_spin.setToolTip(_t("tip_scale"))
        self.scale_spin.setAccessibleName(_t("a11y_scale"))
        self._sample_X = None
        self._pending = None  # the latest full snapshot, drawn at the next refresh()
        self._reset_ranges = False

        # groups of controls flow into as many rows as the panel's width needs
        self.toolbar = QWidget()
        flow = FlowLayout(self.toolbar, h_spacing=14, v_spacing=2)
        flow.setContentsMargins(4, 1, 4, 1)
        for group in (
            self._group(("tb_neurons", self.neuron_combo), ("tb_edges", self.edge_combo)),
            self._group(("tb_sample", self.sample_combo)),
            self._group((None, self.numbers_check)),
            self._group(("tb_scale", self.scale_combo), (None, self.scale_spin)),
        ):
            flow.addWidget(group)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.toolbar)
        lay.addWidget(self.diagram, 1)
        for w in (
            self.neuron_combo,
            self.edge_combo,
            self.sample_combo,
            self.numbers_check,
            self.scale_combo,
            self.scale_spin,
        ):
            w.setFocusPolicy(Qt.StrongFocus)
        self.setTabOrder(self.neuron_combo, self.edge_combo)
        self.setTabOrder(self.edge_combo, self.sample_combo)
        self.setTabOrder(self.sample_combo, self.numbers_check)
        self.setTabOrder(self.numbers_check, self.scale_combo)
        self.setTabOrder(self.scale_combo, self.scale_spin)
        self.setTabOrder(self.scale_spin, self.diagram)

        self.neuron_combo.currentIndexChanged.connect(
            lambda _: self.diagram.set_neuron_quantity(self.neuron_combo.currentData())
        )
        self.edge_combo.currentIndexChanged.connect(
            lambda _: self.diagram.set_edge_quantity(self.edge_combo.currentData())
        )
        self.sample_combo.currentIndexChanged.connect(
            lambda _: self.diagram.set_sample(self.sample_combo.currentData())
        )
        self.numbers_check.toggled.connect(self.diagram.set_show_numbers)
        self.scale_combo.currentIndexChanged.connect(self._scale_changed)
        self.scale_spin.valueChanged.connect(self._scale_changed)

    @staticmethod
    def _group(*items):
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for text, w in items:
            if text is not None:
                label = QLabel(_t(text))
                label.setBuddy(w)
                row.addWidget(label)
            row.addWidget(w)
        return box

    # View -----------------------------------------------------------------------
    def show(self, snapshot=None):
        """Keep a full snapshot for the next refresh(); a reset starts the colour scales afresh.

        Without a snapshot: QWidget.show.
        """
        if snapshot is None:
            return super().show()
        if snapshot.history_reset:
            self._reset_ranges = True
        if snapshot.values is not None:
            self._pending = snapshot
        return None

    def refresh(self):
        """Draw the latest full snapshot, if one arrived since the last call."""
        s, self._pending = self._pending, None
        if s is None:
            return
        if self._reset_ranges:
            self._reset_ranges = False
            self.diagram.reset_ranges()
        smooth = bool(s.running)  # eased colour scales while training runs, exact ones when stepping
        self.diagram.set_values(s.values, s.X, s.Y, smooth=smooth)
        self.diagram.set_phase(s.phase if s.step_phases else None, s.step_phases, smooth=smooth)
        self._sync_samples()

    def restyle(self):
        self.diagram.restyle()

    def set_session(self, d: dict):
        """The session's loss, which says how δ is per sample (as the inspector reads it)."""
        try:
            loss = loss_from_dict(d["loss"])
        except (KeyError, TypeError, ValueError):
            loss = None
        self.diagram.set_loss(loss)

    def set_values(self, values, X, Y):
        """Forwarded to the diagram; the sample list follows the inputs."""
        self.diagram.set_values(values, X, Y)
        self._sync_samples()

    def set_phase(self, phase, step_phases=()):
        """Forwarded to the diagram; while stepping, the samples are the step's batch."""
        self.diagram.set_phase(phase, step_phases)
        self._sync_samples()

    def _scale_changed(self, *_):
        fixed = bool(self.scale_combo.currentData())
        self.scale_spin.setEnabled(fixed)
        r = self.scale_spin.value()
        self.diagram.set_scale(fixed, r, r)

    def _sync_samples(self):
        X = self.diagram.inputs()
        old = self._sample_X
        if X is old or (X is not None and old is not None and X.shape == old.shape and np.array_equal(X, old)):
            return
        self._sample_X = X
        keep = self.sample_combo.currentData()
        combo = self.sample_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_t("batch_mean"), None)
        m = 0 if X is None else min(X.shape[0], 1000)  # a longer list is no use in a combo box
        for s in range(m):
            if X.shape[1] <= MAX_INPUTS_IN_LABELS:
                xs = ", ".join(minus(f"{v:.3g}") for v in X[s])
                combo.addItem(_t("sample_x", s=s + 1, x=xs), s)
            else:
                combo.addItem(_t("sample", s=s + 1), s)
        index = 0 if keep is None or keep >= m else keep + 1
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        self.diagram.set_sample(combo.currentData())
