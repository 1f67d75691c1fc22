"""The network diagram: neurons and weights coloured by value, and a training step phase by phase."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QStaticText,
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

from gui.i18n import lookup, phase_title

__all__ = ["NetworkDiagram", "DiagramPanel", "NEURON_QUANTITIES", "EDGE_QUANTITIES"]

# Every user-visible string, in one place for the translation table.
TEXT = {
    "input": "Input",
    "hidden": "Hidden {n}",
    "output": "Output",
    "input_short": "In",
    "hidden_short": "H{n}",
    "output_short": "Out",
    "title_size": "{size}",
    "title_act": "{act}",
    "more": "+{n} more",
    "neuron_name": "{layer} · neuron {unit}",
    "input_name": "Input x{sub}",
    "hidden_units": "{n} more neurons not drawn (units {first}–{last})",
    "weight_name": "Weight w({layer}): {src} → {dst}",
    "unit_of": "{layer} neuron {unit}",
    "input_of": "input x{sub}",
    "batch_mean": "Batch mean",
    "batch_mean_of": "batch mean over {m} samples",
    "one_sample": "one sample",
    "sample_of": "sample {s} of {m}",
    "sample": "#{s}",
    "sample_x": "#{s}  x = ({x})",
    "pending": "not computed yet",
    "na": "—",
    "non_finite": "{v} (non-finite)",
    "was": "{v} (was {old})",
    "target": "target y = {v}",
    "share": "this sample's share a·δ = {v}",
    "caption_values": "Current values · {what}",
    "caption_step": "step {step} · phase {k} of {n}",
    "neurons": "Neurons: {q}",
    "edges": "Edges: {q}",
    "fixed": " (fixed)",
    "legend_pending": "not computed yet",
    "legend_nan": "non-finite (diverged)",
    "legend_numbers_hidden": "Numbers hidden: {n} edges > {max}",
    "legend_neuron_numbers_hidden": "Neuron numbers hidden: the circles are too small",
    "long_a": "a (activation)",
    "long_z": "z (weighted input)",
    "long_delta": "δ = ∂L/∂z",
    "long_w": "w (weight)",
    "long_grad": "∂L/∂w (gradient)",
    "no_network": "No network yet",
    "q_auto": "Auto (a / δ)",
    "q_a": "a  activation",
    "q_z": "z  weighted input",
    "q_delta": "δ  error ∂L/∂z",
    "q_w": "w  weight",
    "q_grad": "∂L/∂w  gradient",
    # Alt+N, D, M, W, A: letters the menus (F, E, T, V, H) and the control panel (R, S, B, P, U, L, C) leave free
    "tb_neurons": "&Neurons:",
    "tb_edges": "E&dges:",
    "tb_sample": "Sa&mple:",
    "tb_numbers": "Sho&w numbers",
    "tb_scale": "Sc&ale:",
    "auto": "Auto",
    "fixed_mode": "Fixed ±",
    "tip_auto": "a while computing forward, δ while going backward",
    "tip_a": "activation a = f(z), the neuron's output",
    "tip_z": "weighted input z = Σ w·a_prev + b",
    "tip_delta": "error δ = ∂L/∂z: how much this neuron is to blame",
    "tip_w": "the weights",
    "tip_grad": "the gradients ∂L/∂w (and ∂L/∂b on the bias tabs) of the batch loss",
    "tip_neurons": "What colours the neurons: activation a, weighted input z, or error δ = ∂L/∂z",
    "tip_edges": "What colours the connections: the weight w or its gradient ∂L/∂w",
    "tip_sample": "Show one sample's values, or their mean over the batch",
    "tip_numbers": "Print the values on the diagram (small networks only)",
    "tip_scale": "Auto: the colour scale follows the largest value shown; Fixed: ± the number on the right",
    "bad_quantity": "unknown {what} quantity {q!r}; choose one of: {choices}",
    "bad_index": "there is no {what} {index} in this network",
}


_t = lookup(TEXT)


NEURON_QUANTITIES = ("auto", "a", "z", "delta")
EDGE_QUANTITIES = ("w", "grad")
_ACT_SHORT = {
    "sigmoid": "σ",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "LReLU",
    "linear": "lin",
    "softmax": "softmax",
}
_SYMBOL = {"a": "a", "z": "z", "delta": "δ", "w": "w", "grad": "∂L/∂w", "b": "b", "db": "∂L/∂b"}

MAX_UNITS = 16  # larger layers are drawn collapsed:
HEAD, TAIL = 8, 7  # the first 8 and last 7 units, an ellipsis node between
MAX_NUMBERED_EDGES = 60
MAX_INPUTS_IN_LABELS = 3  # a sample's x values go into its label up to this many inputs
NB = 16  # colour bins per sign
_NAN, _PENDING, _NA = 2 * NB + 1, 2 * NB + 2, 2 * NB + 3

# Diverging, colour-blind safe: blue negative, orange positive (PuOr / RdBu family).
_NEURON_STOPS = [
    (-1.0, "#2166ac"),
    (-0.5, "#67a9cf"),
    (-0.15, "#d1e5f0"),
    (0.0, "#f7f7f7"),
    (0.15, "#fee0b6"),
    (0.5, "#fdb863"),
    (1.0, "#e66101"),
]
# Edges near 0 are light grey rather than white, so they stay visible on the white background.
_EDGE_STOPS = [(-1.0, "#2166ac"), (-0.5, "#5b9bd0"), (0.0, "#cfcfcf"), (0.5, "#f5a55c"), (1.0, "#e66101")]
_NAN_COLOR = QColor("#d01cb0")
_PENDING_FILL = QColor("#e3e3e3")
_PENDING_LINE = QColor("#9a9a9a")
_OUTLINE = QColor("#4d4d4d")
_TEXT = QColor("#1a1a1a")
_MUTED = QColor("#5f5f5f")
_GLOW = QColor(255, 190, 0, 150)
_BAND = QColor(255, 226, 130, 80)
_SELECT = QColor("#111111")
_ARROW = QColor(40, 40, 40, 210)


def _interp(stops, t):
    t = max(-1.0, min(1.0, t))
    for (t0, c0), (t1, c1) in zip(stops[:-1], stops[1:]):
        if t <= t1:
            f = (t - t0) / (t1 - t0)
            a, b = QColor(c0), QColor(c1)
            return QColor.fromRgbF(
                a.redF() + f * (b.redF() - a.redF()),
                a.greenF() + f * (b.greenF() - a.greenF()),
                a.blueF() + f * (b.blueF() - a.blueF()),
            )
    return QColor(stops[-1][1])


def _subscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _minus(s: str) -> str:
    return s.replace("-", "−")


def _fmt(v) -> str:
    """A value for a tooltip: 6 significant digits, non-finite said in words."""
    if v is None:
        return _t("pending")
    v = float(v)
    if not math.isfinite(v):
        return _t("non_finite", v="NaN" if math.isnan(v) else ("+∞" if v > 0 else "−∞"))
    return _minus(f"{v:.6g}")


def _short(v) -> str:
    """A value printed on the diagram: at most 5 or 6 characters."""
    if not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("+∞" if v > 0 else "−∞")
    a = abs(v)
    if a == 0:
        return "0"
    if 0.1 <= a < 100:
        s = f"{v:.2f}"
    elif 0.001 <= a < 0.1:  # two significant digits, so that small gradients still differ
        s = f"{v:.{1 - math.floor(math.log10(a))}f}"
    elif 100 <= a < 1000:
        s = f"{v:.0f}"
    else:
        m, e = f"{v:.1e}".split("e")
        s = f"{m}e{int(e)}"
    return _minus(s)


def _codes(values, r):
    """Colour bin per value: 0 … 2·NB for −r … r (clipped), _NAN for a non-finite value."""
    with np.errstate(all="ignore"):
        v = np.asarray(values, dtype=float)
        fin = np.isfinite(v)
        t = np.clip(np.where(fin, v, 0.0) / r, -1.0, 1.0)
        k = np.rint(t * NB).astype(np.int64) + NB
    k[~fin] = _NAN
    return k


def _auto_range(parts):
    m = 0.0
    with np.errstate(all="ignore"):
        for p in parts:
            if p is None or p.size == 0:
                continue
            a = np.abs(p[np.isfinite(p)])
            if a.size:
                m = max(m, float(a.max()))
    return m if m > 0 else 1.0


def _luminance(c: QColor) -> float:
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()


def visible_units_for(n: int) -> np.ndarray:
    """The units drawn for a layer of ``n`` units: all, or the first 8 and the last 7."""
    if n <= MAX_UNITS:
        return np.arange(n)
    return np.concatenate([np.arange(HEAD), np.arange(n - TAIL, n)])


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
        self.setMinimumSize(320, 240)
        # what is shown
        self._values: tuple = ()
        self._X = None
        self._Y = None
        self._phase = None
        self._step_phases: tuple = ()
        self._sample: int | None = None
        self._neuron_quantity = "auto"
        self._edge_quantity = "w"
        self._show_numbers = False
        self._fixed = False
        self._fixed_ranges = (1.0, 1.0)
        self._ranges = [None, None]  # smoothed auto ranges (neurons, edges)
        self._range_key = None
        self._selection = None
        self._hover = None
        self._tip_pos: QPoint | None = None
        # sources rebuilt on every data change: per neuron layer 0 … L, per edge layer 1 … L (index 0 unused)
        self._sizes: tuple = ()
        self._acts: tuple = ()
        self._src_n = {"a": [], "z": [], "delta": []}
        self._src_e = {"w": [], "grad": []}
        self._src_b = {"w": [], "grad": []}
        self._old_W = None
        self._old_b = None
        self._batch_X = None
        self._batch_Y = None
        self._phase_ok = False
        # geometry, rebuilt on resize / architecture change
        self._geom_dirty = True
        self._geom_size = None
        self._arrow_cache: dict = {}
        self._pens, self._brushes, self._text_colors = self._make_palette()
        self._draw = None
        self._stale = True  # colours and draw lists are recomputed lazily, once per paint
        self._stale_smooth = False
        self.update_count = 0  # data updates received (set_values / set_phase)

    # ------------------------------------------------------------------ public API
    def set_values(self, values, X, Y):
        """Show a snapshot's LayerValues over its samples X, Y (``values`` None or empty clears)."""
        self._values = tuple(values or ())
        self._X = None if X is None else np.asarray(X, dtype=float)
        self._Y = None if Y is None else np.asarray(Y, dtype=float)
        self._data_changed(smooth=True)

    def set_phase(self, phase, step_phases=()):
        """Show the values of a training step part-way through (``phase`` None: the snapshot values)."""
        phases = tuple(step_phases or ())
        if phase is not None and not any(q is phase for q in phases):  # == would compare their arrays
            phases = phases + (phase,)
        self._phase = phase
        self._step_phases = phases
        self._data_changed(smooth=True)

    def set_sample(self, index):
        """Show one sample's values (0-based), or the batch mean for None."""
        self._sample = None if index is None else int(index)
        self._data_changed(smooth=False)

    def set_neuron_quantity(self, quantity: str):
        """Colour neurons by "auto", "a", "z" or "delta"."""
        if quantity not in NEURON_QUANTITIES:
            raise ValueError(_t("bad_quantity", what="neuron", q=quantity, choices=", ".join(NEURON_QUANTITIES)))
        self._neuron_quantity = quantity
        self._invalidate(smooth=False)

    def set_edge_quantity(self, quantity: str):
        """Colour edges by "w" (weight) or "grad" (∂L/∂w)."""
        if quantity not in EDGE_QUANTITIES:
            raise ValueError(_t("bad_quantity", what="edge", q=quantity, choices=", ".join(EDGE_QUANTITIES)))
        self._edge_quantity = quantity
        self._invalidate(smooth=False)

    def set_show_numbers(self, show: bool):
        """Print values on the diagram (when the network is small enough to read them)."""
        self._show_numbers = bool(show)
        self._invalidate(smooth=False)

    def set_scale(self, fixed: bool, neuron_range: float = 1.0, edge_range: float = 1.0):
        """Auto colour scales (fixed False) or fixed ones: neurons ±neuron_range, edges ±edge_range."""
        ranges = []
        for r in (neuron_range, edge_range):
            r = float(r)
            ranges.append(r if math.isfinite(r) and r > 0 else 1.0)
        self._fixed = bool(fixed)
        self._fixed_ranges = tuple(ranges)
        self._invalidate(smooth=False)

    def neuron_quantity(self) -> str:
        """The neuron quantity in effect ("a", "z" or "delta"; "auto" resolved for the phase)."""
        q = self._neuron_quantity
        if q != "auto":
            return q
        p = self._phase if self._phase_ok else None
        return "delta" if p is not None and p.kind in ("delta", "gradient") else "a"

    def edge_quantity(self) -> str:
        return self._edge_quantity

    def sample(self):
        """The sample shown (0-based), or None for the batch mean."""
        return self._effective_sample()

    def inputs(self):
        """The inputs whose values are shown: the step's batch while stepping, else the snapshot's X."""
        return self._batch_X

    def ranges(self) -> tuple[float, float]:
        """The colour scales in effect: neurons ±r, edges ±r."""
        d = self._current()
        return tuple(d["ranges"]) if d else (1.0, 1.0)

    def select_neuron(self, layer: int, unit: int):
        """Select a neuron (layer 0 = input); emits neuron_selected if the selection changed."""
        self._check_unit(layer, unit)
        self._set_selection(("neuron", int(layer), int(unit)))

    def select_edge(self, layer: int, i: int, j: int):
        """Select the weight from unit i of layer−1 to unit j of layer; emits edge_selected if changed."""
        self._check_edge(layer, i, j)
        self._set_selection(("edge", int(layer), int(i), int(j)))

    def clear_selection(self):
        """Clear the selection; emits selection_cleared if there was one."""
        self._set_selection(None)

    def selection(self):
        """("neuron", layer, unit), ("edge", layer, i, j) or None."""
        return self._selection

    def visible_units(self, layer: int) -> list[int]:
        """The units of a neuron layer that are drawn (≤ 16; large layers are collapsed)."""
        return visible_units_for(self._sizes[layer]).tolist()

    def is_collapsed(self, layer: int) -> bool:
        return self._sizes[layer] > MAX_UNITS

    def neuron_center(self, layer: int, unit: int):
        """Centre of a drawn neuron in widget coordinates, or None if it is not drawn."""
        self._ensure_layout()
        k = self._g_neuron_index.get((layer, unit))
        return None if k is None else QPointF(self._g_nx[k], self._g_ny[k])

    def neuron_radius(self) -> float:
        self._ensure_layout()
        return self._g_r

    def edge_midpoint(self, layer: int, i: int, j: int):
        """A point on a drawn edge that hits this edge alone (where its number is printed), or None."""
        self._ensure_layout()
        k = self._g_edge_index.get((layer, i, j))
        return None if k is None else QPointF(self._g_ax[k], self._g_ay[k])

    def numbers_drawn(self) -> bool:
        """True when "Show numbers" is on and the network is small enough for the numbers to be printed."""
        self._ensure_layout()
        return self._show_numbers and len(self._g_lines) <= MAX_NUMBERED_EDGES

    def value_at(self, kind: str, *index, quantity: str | None = None):
        """The shown value of a "neuron" (layer, unit), "edge" (layer, i, j) or "bias" (layer, unit).

        ``quantity`` defaults to what colours it now (neurons: a / z / delta; edges and biases: w / grad).
        Returns a float (possibly non-finite), or None when it is not computed yet in this step
        or does not exist (δ of an input).
        """
        if kind == "neuron":
            layer, unit = index
            q = quantity or self.neuron_quantity()
            vec = self._neuron_vector(layer, q)
            return None if vec is None else float(vec[unit])
        if kind == "edge":
            layer, i, j = index
            q = quantity or self._edge_quantity
            M = self._src_e[q][layer] if 1 <= layer < len(self._src_e[q]) else None
            return None if M is None else float(M[i, j])
        if kind == "bias":
            layer, unit = index
            q = quantity or self._edge_quantity
            v = self._src_b[q][layer] if 1 <= layer < len(self._src_b[q]) else None
            return None if v is None else float(v[unit])
        raise ValueError(f"unknown kind {kind!r}; use 'neuron', 'edge' or 'bias'")

    def is_pending(self, kind: str, layer: int, quantity: str | None = None) -> bool:
        """True when a layer's value is drawn as "not computed yet" in the current step."""
        if kind == "neuron":
            q = quantity or self.neuron_quantity()
            if q == "delta" and layer == 0:
                return False  # an input has no δ: not applicable rather than pending
            return self._src_n[q][layer] is None
        src = self._src_e if kind == "edge" else self._src_b
        q = quantity or self._edge_quantity
        return src[q][layer] is None

    def emphasised(self):
        """What the current phase just computed: ("neurons" | "edges", layers), or None."""
        d = self._current()
        return d["emphasis"] if d else None

    def item_at(self, pos):
        """The item under a widget position: ("neuron", l, u), ("edge", l, i, j), ("more", l) or None."""
        self._ensure_layout()
        if not self._sizes:
            return None
        x, y = float(pos.x()), float(pos.y())
        r = self._g_r
        if self._g_nx.size:
            d2 = (self._g_nx - x) ** 2 + (self._g_ny - y) ** 2
            k = int(np.argmin(d2))
            if d2[k] <= (r + 3) ** 2:
                return ("neuron", int(self._g_nl[k]), int(self._g_nu[k]))
            if self._g_bias_rects:
                for kk, rect in self._g_bias_rects:
                    if rect.adjusted(-2, -2, 2, 2).contains(QPointF(x, y)):
                        return ("neuron", int(self._g_nl[kk]), int(self._g_nu[kk]))
        for l, p in self._g_more:
            if abs(p.x() - x) <= max(r, 10) and abs(p.y() - y) <= max(r, 10):
                return ("more", l)
        if self._g_lines:
            x1, y1, dx, dy = self._g_ex1, self._g_ey1, self._g_edx, self._g_edy
            with np.errstate(all="ignore"):
                t = np.clip(((x - x1) * dx + (y - y1) * dy) / self._g_elen2, 0.0, 1.0)
            d2 = (x1 + t * dx - x) ** 2 + (y1 + t * dy - y) ** 2
            k = int(np.argmin(d2))
            if d2[k] <= 25.0:
                return ("edge", int(self._g_el[k]), int(self._g_ei[k]), int(self._g_ej[k]))
        return None

    def tooltip_text_at(self, pos) -> str:
        """The hover text for a widget position ("" over empty space)."""
        item = self.item_at(pos)
        if item is None:
            return ""
        if item[0] == "neuron":
            return self._neuron_tooltip(item[1], item[2])
        if item[0] == "edge":
            return self._edge_tooltip(*item[1:])
        l = item[1]
        n = self._sizes[l]
        return _t("hidden_units", n=n - HEAD - TAIL, first=HEAD + 1, last=n - TAIL)

    def sizeHint(self):
        return QSize(600, 450)

    def minimumSizeHint(self):
        return QSize(320, 240)

    # ------------------------------------------------------------------ sources
    def _data_changed(self, smooth):
        self.update_count += 1
        sizes_before = self._sizes
        self._rebuild_sources()
        if self._sizes != sizes_before:
            self._geom_dirty = True
            self._ranges = [None, None]
            if self._selection is not None and not self._selection_valid(self._selection):
                self._selection = None
                self.selection_cleared.emit()
            self._hover = None
        self._invalidate(smooth)
        self._refresh_tooltip()

    def _rebuild_sources(self):
        values = self._values
        L = len(values)
        sizes = (values[0].fan_in,) + tuple(lv.fan_out for lv in values) if L else ()
        acts = tuple(lv.activation for lv in values)
        self._sizes, self._acts = sizes, acts
        n = {q: [None] * (L + 1) for q in ("a", "z", "delta")}
        e = {q: [None] * (L + 1) for q in ("w", "grad")}
        b = {q: [None] * (L + 1) for q in ("w", "grad")}
        self._old_W = self._old_b = None
        self._phase_ok = False
        X, Y = self._X, self._Y
        phases = self._collect_phases(sizes) if self._phase is not None and L else None
        if phases is None:
            if L:
                A0 = X if X is not None and X.ndim == 2 and X.shape[1] == sizes[0] else None
                n["a"][0] = n["z"][0] = A0
                for l, lv in enumerate(values, start=1):
                    n["a"][l], n["z"][l], n["delta"][l] = lv.A, lv.Z, lv.delta
                    e["w"][l], e["grad"][l] = lv.W, lv.dW
                    b["w"][l], b["grad"][l] = lv.b, lv.db
            self._batch_X, self._batch_Y = (n["a"][0] if L else None), Y
        else:
            self._phase_ok = True
            fwd, dlt, grd, upd, loss = phases
            for l, lv in enumerate(values, start=1):
                e["w"][l], b["w"][l] = lv.W, lv.b
            if 1 in fwd:
                n["a"][0] = n["z"][0] = fwd[1]["a_prev"]
            for l, v in fwd.items():
                n["a"][l], n["z"][l] = v["a"], v["z"]
                e["w"][l], b["w"][l] = v["W"], v["b"]
            for l, v in dlt.items():
                n["delta"][l] = v["delta"]
            for l, v in grd.items():
                e["grad"][l], b["grad"][l] = v["dW"], v["db"]
            if upd is not None:
                self._old_W = [None] + list(upd["W_old"])
                self._old_b = [None] + list(upd["b_old"])
                for l in range(1, L + 1):
                    e["w"][l], b["w"][l] = upd["W"][l - 1], upd["b"][l - 1]
            self._batch_X = n["a"][0]
            self._batch_Y = loss["y_true"] if loss is not None else None
        self._src_n, self._src_e, self._src_b = n, e, b

    def _collect_phases(self, sizes):
        """The step's phases by kind and layer, or None if they do not fit this architecture."""
        fwd, dlt, grd = {}, {}, {}
        upd = loss = None
        L = len(sizes) - 1
        for p in self._step_phases:
            v = p.values
            if p.kind == "forward":
                if p.layer is None or not 1 <= p.layer <= L or np.shape(v["W"]) != (sizes[p.layer - 1], sizes[p.layer]):
                    return None
                fwd[p.layer] = v
            elif p.kind == "delta" and p.layer is not None and 1 <= p.layer <= L:
                dlt[p.layer] = v
            elif p.kind == "gradient" and p.layer is not None and 1 <= p.layer <= L:
                grd[p.layer] = v
            elif p.kind == "update":
                if len(v["W"]) != L:
                    return None
                upd = v
            elif p.kind == "loss":
                loss = v
        return fwd, dlt, grd, upd, loss

    def _effective_sample(self):
        s = self._sample
        X = self._batch_X
        if s is None or X is None or not 0 <= s < X.shape[0]:
            return None
        return s

    def _reduce(self, M):
        if M is None:
            return None
        s = self._effective_sample()
        if s is not None and s < M.shape[0]:
            return M[s]
        with np.errstate(all="ignore"):
            return M.mean(axis=0)

    def _neuron_vector(self, layer, q):
        if q == "delta" and layer == 0:
            return None
        return self._reduce(self._src_n[q][layer])

    # ------------------------------------------------------------------ selection & checks
    def _check_unit(self, layer, unit):
        if not (0 <= layer < len(self._sizes) and 0 <= unit < self._sizes[layer]):
            raise ValueError(_t("bad_index", what="neuron", index=(layer, unit)))

    def _check_edge(self, layer, i, j):
        if not (1 <= layer < len(self._sizes) and 0 <= i < self._sizes[layer - 1] and 0 <= j < self._sizes[layer]):
            raise ValueError(_t("bad_index", what="weight", index=(layer, i, j)))

    def _selection_valid(self, sel):
        try:
            if sel[0] == "neuron":
                self._check_unit(*sel[1:])
            else:
                self._check_edge(*sel[1:])
        except ValueError:
            return False
        return True

    def _set_selection(self, sel):
        if sel == self._selection:
            return
        self._selection = sel
        self.update()
        if sel is None:
            self.selection_cleared.emit()
        elif sel[0] == "neuron":
            self.neuron_selected.emit(sel[1], sel[2])
        else:
            self.edge_selected.emit(sel[1], sel[2], sel[3])

    # ------------------------------------------------------------------ palette
    def _make_palette(self):
        pens, brushes, texts = {}, {}, {}
        for k in range(2 * NB + 1):
            t = (k - NB) / NB
            pen = QPen(_interp(_EDGE_STOPS, t), 1.0 + 5.0 * abs(t))
            pen.setCapStyle(Qt.FlatCap)
            pens[k] = pen
            c = _interp(_NEURON_STOPS, t)
            brushes[k] = QBrush(c)
            texts[k] = QColor("#ffffff") if _luminance(c) < 0.45 else _TEXT
        nan_pen = QPen(_NAN_COLOR, 2.5, Qt.DashLine)
        pens[_NAN] = nan_pen
        pend = QPen(_PENDING_LINE, 1.2, Qt.DashLine)
        pens[_PENDING] = pend
        brushes[_NAN] = QBrush(_NAN_COLOR)
        texts[_NAN] = QColor("#ffffff")
        brushes[_PENDING] = QBrush(_PENDING_FILL)
        texts[_PENDING] = _MUTED
        brushes[_NA] = QBrush(QColor("#ffffff"))
        texts[_NA] = _MUTED
        return pens, brushes, texts

    # ------------------------------------------------------------------ geometry
    def _ensure_layout(self):
        if self._geom_dirty or self._geom_size != (self.width(), self.height()):
            self._relayout()

    def resizeEvent(self, event):
        self._geom_dirty = True
        super().resizeEvent(event)

    def _font(self, pt, bold=False):
        f = QFont(self.font())
        f.setPointSizeF(pt)
        f.setBold(bold)
        return f

    def _relayout(self):
        """Positions of everything that depends only on the size and the architecture."""
        self._geom_dirty = False
        self._stale, self._stale_smooth = True, False
        w, h = float(max(self.width(), 50)), float(max(self.height(), 50))
        self._geom_size = (self.width(), self.height())
        self._arrow_cache = {}
        self._sprites = {}
        self._legend_cache = (None, None)
        # the application's font, never below 10 pt, and larger in a large widget (a projector's full screen)
        base = max(10.0, self.font().pointSizeF())
        s = min(max(min(w / 640.0, h / 480.0), 1.0), 1.6)
        self._f_label = self._font(base * s)
        self._f_title = self._font((base + 1) * s, bold=True)
        self._f_caption = self._font((base + 2) * s, bold=True)
        self._f_legend = self._font(base * s)
        fm_l = QFontMetricsF(self._f_label)
        fm_t = QFontMetricsF(self._f_title)
        fm_c = QFontMetricsF(self._f_caption)
        pad = 8.0
        self._g_caption_rect = QRectF(pad, 4, w - 2 * pad, fm_c.height() + 8)
        sizes = self._sizes
        self._g_lines = []
        self._g_r = 10.0
        self._g_more = []
        self._g_bias_rects = []
        self._g_neuron_index, self._g_edge_index = {}, {}
        self._g_nx = self._g_ny = np.zeros(0)
        self._g_nl = self._g_nu = np.zeros(0, dtype=np.int64)
        self._g_titles = []
        self._g_side = []
        self._g_bundles = []
        self._layout_legend(w, h, pad)
        if not sizes:
            return
        L = len(sizes) - 1
        vis = [visible_units_for(n) for n in sizes]
        # side labels: x₁ … left of the inputs, ŷ₁ … right of the outputs
        left = [f"x{_subscript(u + 1)}" for u in vis[0]]
        right = [f"ŷ{_subscript(u + 1)}" for u in vis[L]]
        left_w = max(fm_l.horizontalAdvance(t) for t in left)
        right_w = max(fm_l.horizontalAdvance(t) for t in right)
        ml, mr = pad + left_w + 8, pad + right_w + 8
        ncols = L + 1
        col_gap = (w - ml - mr) / ncols
        xs = [ml + (k + 0.5) * col_gap for k in range(ncols)]
        self._g_xs, self._g_col_gap = xs, col_gap
        # column titles: one line if it fits, else two, else abbreviated
        names = []
        for l in range(ncols):
            if l == 0:
                full, short, act = _t("input"), _t("input_short"), ""
            elif l == L:
                full, short, act = _t("output"), _t("output_short"), self._acts[l - 1]
            else:
                full, short, act = _t("hidden", n=l), _t("hidden_short", n=l), self._acts[l - 1]
            names.append((full, short, str(sizes[l]), act))
        room = col_gap - 6
        one = [" · ".join(x for x in (f, n, a) if x) for f, _, n, a in names]
        if all(fm_t.horizontalAdvance(t) <= room for t in one):
            lines = [[t] for t in one]
        else:
            two = [[f, " · ".join(x for x in (n, a) if x)] for f, _, n, a in names]
            if all(fm_t.horizontalAdvance(t) <= room for ls in two for t in ls):
                lines = two
            else:
                lines = [[sh, " · ".join(x for x in (n, _ACT_SHORT.get(a, a)) if x)] for _, sh, n, a in names]
                if not all(fm_t.horizontalAdvance(t) <= room for ls in lines for t in ls):
                    lines = [[sh] for _, sh, _, _ in names]  # very narrow: the tooltips keep the rest
        n_lines = max(len(ls) for ls in lines)
        top0 = self._g_caption_rect.bottom() + 4
        lh_t = fm_t.height()
        for x, ls in zip(xs, lines):
            for k, text in enumerate(ls):
                st = QStaticText(text)
                st.prepare(font=self._f_title)
                tw = fm_t.horizontalAdvance(text)
                self._g_titles.append((QPointF(x - tw / 2, top0 + k * lh_t), st))
        top = top0 + n_lines * lh_t + 10
        bottom = self._g_legend_rect.top() - 8
        avail = max(bottom - top, 40.0)
        nslots = [len(v) + (1 if n > MAX_UNITS else 0) for v, n in zip(vis, sizes)]
        slot = avail / max(nslots)
        r_cap = 26.0 * s
        r = max(3.0, min(0.36 * slot, 0.16 * col_gap, r_cap))
        spacing = min(slot, 3.4 * r)
        self._g_r = r
        self._sprite_half = math.ceil(r + 2)
        ymid = (top + bottom) / 2
        self._g_band = (top - 6, bottom + 4)
        nx, ny, nl, nu = [], [], [], []
        col_y = []  # per layer: y of each visible unit
        for l, (v, n, ns) in enumerate(zip(vis, sizes, nslots)):
            slots = np.arange(ns, dtype=float)
            if n > MAX_UNITS:
                slots = np.concatenate([np.arange(HEAD), np.arange(HEAD + 1, ns)]).astype(float)
                self._g_more.append((l, QPointF(xs[l], ymid + (HEAD - (ns - 1) / 2) * spacing)))
            ys = ymid + (slots - (ns - 1) / 2) * spacing
            col_y.append(ys)
            for u, y in zip(v, ys):
                self._g_neuron_index[(l, int(u))] = len(nx)
                nx.append(xs[l])
                ny.append(y)
                nl.append(l)
                nu.append(int(u))
        self._g_nx, self._g_ny = np.array(nx), np.array(ny)
        self._g_nl, self._g_nu = np.array(nl, dtype=np.int64), np.array(nu, dtype=np.int64)
        self._g_centers = [QPointF(x, y) for x, y in zip(nx, ny)]
        # bias tabs: a small square on each non-input neuron's lower left
        bs = max(5.0, 0.55 * r)
        off = r * 0.70710678
        self._g_bias_rects = (
            [(k, QRectF(nx[k] - off - bs / 2, ny[k] + off - bs / 2, bs, bs)) for k in range(len(nx)) if nl[k] > 0]
            if r >= 9
            else []
        )  # on tiny neurons a tab would look like a second neuron; the tooltip still has b
        self._g_side = []
        for text, y in zip(left, col_y[0]):
            st = QStaticText(text)
            st.prepare(font=self._f_label)
            tw = fm_l.horizontalAdvance(text)
            self._g_side.append((QPointF(xs[0] - r - 6 - tw, y - fm_l.height() / 2), st))
        for text, y in zip(right, col_y[L]):
            st = QStaticText(text)
            st.prepare(font=self._f_label)
            self._g_side.append((QPointF(xs[L] + r + 6, y - fm_l.height() / 2), st))
        # edges between drawn units, layer by layer, i major
        ex1, ey1, ex2, ey2, el, ei, ej = [], [], [], [], [], [], []
        self._g_edge_slices = [None]
        for l in range(1, L + 1):
            yi, yj = col_y[l - 1], col_y[l]
            I, J = np.meshgrid(np.arange(len(yi)), np.arange(len(yj)), indexing="ij")
            start = len(ex1)
            ex1 += [xs[l - 1]] * I.size
            ex2 += [xs[l]] * I.size
            ey1 += yi[I.ravel()].tolist()
            ey2 += yj[J.ravel()].tolist()
            el += [l] * I.size
            ei += vis[l - 1][I.ravel()].tolist()
            ej += vis[l][J.ravel()].tolist()
            self._g_edge_slices.append((start, len(ex1)))
            # a faint bundle stands for the edges of the units that are not drawn
            for src, dst in ((l - 1, l), (l, l - 1)):
                if sizes[src] > MAX_UNITS:
                    p = next(q for ll, q in self._g_more if ll == src)
                    poly = QPolygonF([p, QPointF(xs[dst], col_y[dst][0]), QPointF(xs[dst], col_y[dst][-1])])
                    self._g_bundles.append(poly)
        self._g_ex1, self._g_ey1 = np.array(ex1), np.array(ey1)
        self._g_edx, self._g_edy = np.array(ex2) - self._g_ex1, np.array(ey2) - self._g_ey1
        self._g_elen2 = np.maximum(self._g_edx**2 + self._g_edy**2, 1e-9)
        self._g_el, self._g_ei, self._g_ej = (np.array(a, dtype=np.int64) for a in (el, ei, ej))
        self._g_lines = [QLineF(a, b, c, d) for a, b, c, d in zip(ex1, ey1, ex2, ey2)]
        for k, key in enumerate(zip(el, ei, ej)):
            self._g_edge_index[key] = k
        self._place_edge_anchors()
        # a neuron's number goes inside when it fits, else below if there is room, else beside
        self._g_num_h = fm_l.height() + 2
        self._g_num_below = spacing - 2 * r >= self._g_num_h + 2

    def _place_edge_anchors(self):
        """A point on each edge away from the other edges (for its number and for clicking)."""
        n = len(self._g_lines)
        self._g_ax = np.zeros(n)
        self._g_ay = np.zeros(n)
        fm = QFontMetricsF(self._f_label)
        bw, bh = fm.horizontalAdvance("−0.00") + 8, fm.height() + 2
        cands = np.array([0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75])
        r = self._g_r
        placed = []
        for l in range(1, len(self._g_edge_slices)):
            a, b = self._g_edge_slices[l]
            x1, y1 = self._g_ex1[a:b], self._g_ey1[a:b]
            dx, dy, len2 = self._g_edx[a:b], self._g_edy[a:b], self._g_elen2[a:b]
            length = np.sqrt(len2)
            # candidate points: E edges × C candidates
            px = x1[:, None] + cands[None, :] * dx[:, None]
            py = y1[:, None] + cands[None, :] * dy[:, None]
            # distance from every candidate point to every other edge of the layer
            qx, qy = px[:, :, None], py[:, :, None]
            t = np.clip(((qx - x1) * dx + (qy - y1) * dy) / len2, 0, 1)
            d = np.hypot(x1 + t * dx - qx, y1 + t * dy - qy)
            E = b - a
            d[np.arange(E), :, np.arange(E)] = np.inf
            clear = d.min(axis=2) if E > 1 else np.full(px.shape, 50.0)
            # keep labels off the circles
            inside = (cands[None, :] * length[:, None] < r + bw / 2 + 2) | (
                (1 - cands[None, :]) * length[:, None] < r + bw / 2 + 2
            )
            score = np.minimum(clear, bh) - 3.0 * np.abs(cands[None, :] - 0.5) - 100.0 * inside
            for e in range(E):
                best, best_s = 0, -np.inf
                for c in np.argsort(-score[e]):
                    s_ = score[e, c]
                    if s_ <= best_s:
                        break
                    rect = QRectF(px[e, c] - bw / 2, py[e, c] - bh / 2, bw, bh)
                    if n <= MAX_NUMBERED_EDGES and any(rect.intersects(p) for p in placed):
                        s_ -= 50.0
                    if s_ > best_s:
                        best, best_s = c, s_
                self._g_ax[a + e], self._g_ay[a + e] = px[e, best], py[e, best]
                if n <= MAX_NUMBERED_EDGES:
                    placed.append(QRectF(px[e, best] - bw / 2, py[e, best] - bh / 2, bw, bh))

    # ------------------------------------------------------------------ per data change
    def _invalidate(self, smooth):
        """Mark the colours stale; several changes before the next paint cost one recomputation."""
        self._stale_smooth = smooth if not self._stale else (self._stale_smooth and smooth)
        self._stale = True
        self.update()

    def _current(self):
        """The draw lists for the current values and geometry (None without a network)."""
        self._ensure_layout()
        if self._stale:
            self._stale = False
            self._recompute(self._stale_smooth)
        return self._draw

    def _recompute(self, smooth):
        """Colours and draw lists from the values: once per change, not per paint."""
        self._draw = None
        if not self._sizes:
            return
        sizes = self._sizes
        L = len(sizes) - 1
        nq, eq = self.neuron_quantity(), self._edge_quantity
        vis = [visible_units_for(n) for n in sizes]
        nvals, nstate = [], []
        for l in range(L + 1):
            vec = self._neuron_vector(l, nq)
            if vec is None:
                nstate.append(_NA if (nq == "delta" and l == 0) else _PENDING)
                nvals.append(None)
            else:
                nstate.append(None)
                nvals.append(np.asarray(vec, dtype=float)[vis[l]])
        evals = []
        for l in range(1, L + 1):
            M = self._src_e[eq][l]
            evals.append(None if M is None else np.asarray(M, dtype=float)[np.ix_(vis[l - 1], vis[l])].ravel())
        bvals = [None] + [
            None if self._src_b[eq][l] is None else np.asarray(self._src_b[eq][l], float)[vis[l]]
            for l in range(1, L + 1)
        ]
        # colour scales
        key = (nq, eq, sizes, self._fixed)
        if key != self._range_key:
            self._ranges = [None, None]
            self._range_key = key
        if self._fixed:
            ranges = list(self._fixed_ranges)
        else:
            raw = [_auto_range(nvals), _auto_range(evals + bvals[1:])]
            ranges = []
            for k in range(2):
                old = self._ranges[k]
                if not smooth or old is None or raw[k] >= old:
                    ranges.append(raw[k])  # grow at once, so nothing saturates
                else:
                    ranges.append(old + 0.35 * (raw[k] - old))  # shrink gently, so colours do not flicker
            self._ranges = list(ranges)
        rn, re_ = ranges
        # neurons
        ncode = np.empty(len(self._g_nx), dtype=np.int64)
        nval_flat = np.full(len(self._g_nx), np.nan)
        pos = 0
        for l in range(L + 1):
            k = len(vis[l])
            if nvals[l] is None:
                ncode[pos : pos + k] = nstate[l]
            else:
                ncode[pos : pos + k] = _codes(nvals[l], rn)
                nval_flat[pos : pos + k] = nvals[l]
            pos += k
        neuron_groups = {}
        for idx, c in enumerate(ncode.tolist()):
            neuron_groups.setdefault(c, []).append(self._g_centers[idx])
        # biases (on the edge scale: they are parameters like the weights)
        bias_groups = {}
        bcode = {}
        layer_codes = [None] + [None if b is None else _codes(b, re_) for b in self._src_b[eq][1:]]
        for kk, rect in self._g_bias_rects:
            l, u = int(self._g_nl[kk]), int(self._g_nu[kk])
            c = _PENDING if layer_codes[l] is None else int(layer_codes[l][u])
            bcode[kk] = c
            bias_groups.setdefault(c, []).append(rect)
        # edges: grouped by colour bin, weak first so strong edges lie on top
        n_e = len(self._g_lines)
        ecode = np.empty(n_e, dtype=np.int64)
        evals_flat = np.full(n_e, np.nan)
        for l in range(1, L + 1):
            a, b = self._g_edge_slices[l]
            if evals[l - 1] is None:
                ecode[a:b] = _PENDING
            else:
                ecode[a:b] = _codes(evals[l - 1], re_)
                evals_flat[a:b] = evals[l - 1]
        prio = np.where(ecode == _PENDING, -1, np.where(ecode == _NAN, NB + 1, np.abs(ecode - NB)))
        groups = {}  # insertion order follows the priority order
        lines = self._g_lines
        for k in np.argsort(prio, kind="stable").tolist():
            groups.setdefault(int(ecode[k]), []).append(lines[k])
        edge_groups = [(self._pens[c], ls) for c, ls in groups.items()]
        # phase: band, emphasis, flow
        band, emphasis, flow = None, None, None
        p = self._phase if self._phase_ok else None
        if p is not None:
            if p.kind == "forward":
                band, emphasis, flow = p.layer, ("neurons", (p.layer,)), (p.layer, +1)
            elif p.kind == "loss":
                band, emphasis = L, ("neurons", (L,))
            elif p.kind == "delta":
                band, emphasis = p.layer, ("neurons", (p.layer,))
                if p.layer < L:
                    flow = (p.layer + 1, -1)
            elif p.kind == "gradient":
                band, emphasis = p.layer, ("edges", (p.layer,))
            elif p.kind == "update":
                emphasis = ("edges", tuple(range(1, L + 1)))
        # numbers
        numbers = []
        note = None
        if self._show_numbers:
            fm = QFontMetricsF(self._f_label)
            r = self._g_r
            small = n_e <= MAX_NUMBERED_EDGES
            for idx in range(len(self._g_nx)):
                c = int(ncode[idx])
                if c in (_PENDING, _NA):
                    continue
                text = _short(nval_flat[idx])
                tw = fm.horizontalAdvance(text)
                x, y = self._g_nx[idx], self._g_ny[idx]
                if tw <= 2 * r - 8:
                    numbers.append((QRectF(x - r, y - r, 2 * r, 2 * r), text, self._text_colors[c], None))
                elif not small:
                    note = _t("legend_neuron_numbers_hidden")  # beside the circle they would hide the edges
                elif self._g_num_below:
                    numbers.append((QRectF(x - tw / 2 - 3, y + r + 1, tw + 6, self._g_num_h), text, _TEXT, None))
                else:
                    numbers.append(
                        (
                            QRectF(x + r * 0.55, y - r * 0.55 - self._g_num_h, tw + 6, self._g_num_h),
                            text,
                            _TEXT,
                            QColor(255, 255, 255, 225),
                        )
                    )
            if n_e <= MAX_NUMBERED_EDGES:
                for k in range(n_e):
                    c = int(ecode[k])
                    if c == _PENDING:
                        continue
                    text = _short(evals_flat[k])
                    tw = fm.horizontalAdvance(text)
                    rect = QRectF(self._g_ax[k] - tw / 2 - 4, self._g_ay[k] - self._g_num_h / 2, tw + 8, self._g_num_h)
                    edge_col = self._pens[c].color()
                    numbers.append((rect, text, _TEXT, edge_col))
            else:
                note = _t("legend_numbers_hidden", n=n_e, max=MAX_NUMBERED_EDGES)
        any_nan = bool(np.any(ncode == _NAN) or np.any(ecode == _NAN) or any(c == _NAN for c in bcode.values()))
        self._draw = {
            "ranges": (rn, re_),
            "neuron_groups": neuron_groups,
            "bias_groups": bias_groups,
            "edge_groups": edge_groups,
            "ecode": ecode,
            "band": band,
            "emphasis": emphasis,
            "flow": flow,
            "numbers": numbers,
            "note": note,
            "any_nan": any_nan,
            "caption": self._caption(),
            "nq": nq,
            "eq": eq,
        }

    def _caption(self):
        p = self._phase if self._phase_ok else None
        if p is not None:
            from model.trainer import phase_plan  # the plan's length gives "phase k of n"

            n = len(phase_plan(len(self._sizes) - 1))
            return phase_title(p), _t("caption_step", step=p.step + 1, k=p.index + 1, n=n)
        return _t("caption_values", what=self._what_shown()), ""

    def _what_shown(self):
        X = self._batch_X
        s = self._effective_sample()
        m = 0 if X is None else X.shape[0]
        if s is None:
            return _t("one_sample") if m == 1 else _t("batch_mean_of", m=m)
        text = _t("sample_of", s=s + 1, m=m)
        if X.shape[1] <= MAX_INPUTS_IN_LABELS:
            text += ": x = (" + ", ".join(_minus(f"{v:.3g}") for v in X[s]) + ")"
        return text

    # ------------------------------------------------------------------ tooltips
    def _layer_name(self, l):
        L = len(self._sizes) - 1
        if l == 0:
            return _t("input")
        return _t("output") if l == L else _t("hidden", n=l)

    def _neuron_tooltip(self, l, u):
        what = self._what_shown()
        if l == 0:
            lines = [_t("input_name", sub=_subscript(u + 1)) + " · " + what]
            lines.append(f"x = {_fmt(self.value_at('neuron', 0, u, quantity='a'))}")
            return "\n".join(lines)
        lines = [_t("neuron_name", layer=self._layer_name(l), unit=u + 1) + f" · {self._acts[l - 1]} · " + what]
        for q in ("z", "a", "delta"):
            lines.append(f"{_SYMBOL[q]} = {_fmt(self.value_at('neuron', l, u, quantity=q))}")
        b = self.value_at("bias", l, u, quantity="w")
        if self._old_b is not None and b is not None:
            lines.append("b = " + _t("was", v=_fmt(b), old=_fmt(self._old_b[l][u])))
        else:
            lines.append(f"b = {_fmt(b)}")
        lines.append(f"∂L/∂b = {_fmt(self.value_at('bias', l, u, quantity='grad'))}")
        Y = self._batch_Y
        if l == len(self._sizes) - 1 and Y is not None and Y.ndim == 2 and Y.shape[1] == self._sizes[l]:
            y = self._reduce(Y)
            lines.append(_t("target", v=_fmt(y[u])))
        return "\n".join(lines)

    def _edge_tooltip(self, l, i, j):
        src = (
            _t("input_of", sub=_subscript(i + 1))
            if l == 1
            else _t("unit_of", layer=self._layer_name(l - 1).lower(), unit=i + 1)
        )
        dst = _t("unit_of", layer=self._layer_name(l).lower(), unit=j + 1)
        lines = [_t("weight_name", layer=l, src=src, dst=dst)]
        w = self.value_at("edge", l, i, j, quantity="w")
        if self._old_W is not None and w is not None:
            lines.append("w = " + _t("was", v=_fmt(w), old=_fmt(self._old_W[l][i, j])))
        else:
            lines.append(f"w = {_fmt(w)}")
        lines.append(f"∂L/∂w = {_fmt(self.value_at('edge', l, i, j, quantity='grad'))}")
        s = self._effective_sample()
        A, D = self._src_n["a"][l - 1], self._src_n["delta"][l]
        if s is not None and A is not None and D is not None and s < A.shape[0] and s < D.shape[0]:
            with np.errstate(all="ignore"):
                lines.append(_t("share", v=_fmt(A[s, i] * D[s, j])))
        lines.append(self._what_shown())
        return "\n".join(lines)

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
        if item != self._hover:
            self._hover = item
            self.update()
            if QToolTip.isVisible():
                self._tip_pos = pos
                self._refresh_tooltip()
        super().mouseMoveEvent(e)

    def leaveEvent(self, e):
        self._tip_pos = None
        if self._hover is not None:
            self._hover = None
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

    def keyPressEvent(self, e):
        key = e.key()
        if key == Qt.Key_Escape and self._selection is not None:
            self.clear_selection()
            return
        if key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_F2) and self._selection is not None:
            self._request_edit(self._selection)
            return
        # Shift/Alt + arrows belong to the window (phase stepping); plain or Ctrl + arrows walk the neurons
        plain = not (e.modifiers() & ~(Qt.ControlModifier | Qt.KeypadModifier))
        if key in (Qt.Key_Up, Qt.Key_Down, Qt.Key_Left, Qt.Key_Right) and self._sizes and plain:
            self._move_selection(key)
            return
        super().keyPressEvent(e)

    def _move_selection(self, key):
        """Arrow keys walk the drawn neurons: up/down within a layer, left/right across layers."""
        sel = self._selection
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
        l = min(max(l, 0), len(self._sizes) - 1)
        units = self.visible_units(l)
        pos = min(max(pos, 0), len(units) - 1)
        self.select_neuron(l, units[pos])

    def changeEvent(self, e):
        if e.type() == QEvent.FontChange:
            self._geom_dirty = True
            self.update()
        super().changeEvent(e)

    def focusInEvent(self, e):
        self.update()
        super().focusInEvent(e)

    def focusOutEvent(self, e):
        self.update()
        super().focusOutEvent(e)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event):
        self._ensure_layout()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#ffffff"))
        d = self._current()
        if d is None:
            p.setFont(self._f_title)
            p.setPen(_MUTED)
            p.drawText(self.rect(), Qt.AlignCenter, _t("no_network"))
            p.end()
            return
        p.setRenderHint(QPainter.Antialiasing, True)
        r = self._g_r
        band_top, band_bottom = self._g_band
        if d["band"] is not None:
            x = self._g_xs[d["band"]]
            half = min(self._g_col_gap * 0.42, r * 2.8 + 12)
            p.fillRect(QRectF(x - half, band_top, 2 * half, band_bottom - band_top), _BAND)
        self._paint_caption(p, d)
        p.setPen(_TEXT)
        p.setFont(self._f_title)
        for pt, st in self._g_titles:
            p.drawStaticText(pt, st)
        # bundles stand for the edges of hidden units
        if self._g_bundles:
            p.setPen(Qt.NoPen)
            p.setBrush(QColor(150, 150, 150, 28))
            for poly in self._g_bundles:
                p.drawPolygon(poly)
        emph = d["emphasis"]
        if emph is not None and emph[0] == "edges":
            halo = QPen(_GLOW, 8.0)
            halo.setCapStyle(Qt.FlatCap)
            p.setPen(halo)
            for l in emph[1]:
                a, b = self._g_edge_slices[l]
                p.drawLines(self._g_lines[a:b])
        if d["flow"] is not None:
            l, _ = d["flow"]
            a, b = self._g_edge_slices[l]
            flow_pen = QPen(QColor(255, 190, 0, 90), 5.0)
            flow_pen.setCapStyle(Qt.FlatCap)  # round caps cost 25× more to antialias
            p.setPen(flow_pen)
            p.drawLines(self._g_lines[a:b])
        for pen, lines in d["edge_groups"]:
            p.setPen(pen)
            p.drawLines(lines)
        sel, hov = self._selection, self._hover
        for item, color, extra in ((hov, QColor(0, 0, 0, 90), 3.0), (sel, _SELECT, 4.0)):
            if item is not None and item[0] == "edge":
                k = self._g_edge_index.get(tuple(item[1:]))
                if k is not None:
                    c = int(d["ecode"][k])
                    pen = self._pens[c]
                    outline = QPen(color, pen.widthF() + extra)
                    outline.setCapStyle(Qt.FlatCap)
                    p.setPen(outline)
                    p.drawLine(self._g_lines[k])
                    p.setPen(pen)
                    p.drawLine(self._g_lines[k])
        if d["flow"] is not None:
            p.fillPath(self._arrows(*d["flow"]), _ARROW)
        self._paint_neurons(p, d)
        self._paint_numbers(p, d)
        self._paint_cached_legend(p, d)
        if self.hasFocus():
            p.setPen(QPen(QColor("#2166ac"), 2.0))
            p.setBrush(Qt.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        p.end()

    def _arrows(self, l, direction):
        """Arrowheads along the edges of layer l, pointing the way the values flow (cached per layout)."""
        key = (l, direction)
        path = self._arrow_cache.get(key)
        if path is not None:
            return path
        path = QPainterPath()
        a, b = self._g_edge_slices[l]
        size = max(5.0, min(9.0, self._g_r * 0.5))
        t = 0.62 if direction > 0 else 0.38
        for k in range(a, b):
            dx, dy = self._g_edx[k] * direction, self._g_edy[k] * direction
            n = math.hypot(dx, dy) or 1.0
            ux, uy = dx / n, dy / n
            cx = self._g_ex1[k] + t * self._g_edx[k]
            cy = self._g_ey1[k] + t * self._g_edy[k]
            tip = QPointF(cx + ux * size, cy + uy * size)
            left = QPointF(cx - uy * size * 0.6, cy + ux * size * 0.6)
            right = QPointF(cx + uy * size * 0.6, cy - ux * size * 0.6)
            path.addPolygon(QPolygonF([tip, left, right, tip]))
        self._arrow_cache[key] = path
        return path

    def _paint_caption(self, p, d):
        title, right = d["caption"]
        rect = self._g_caption_rect
        if self._phase_ok:
            p.setPen(Qt.NoPen)
            p.setBrush(QColor(255, 226, 130, 140))
            p.drawRoundedRect(rect, 6, 6)
        p.setFont(self._f_caption)
        p.setPen(_TEXT if self._phase_ok else _MUTED)
        fm = QFontMetricsF(self._f_caption)
        inner = rect.adjusted(8, 0, -8, 0)
        if right:
            p.setFont(self._f_legend)
            rw = QFontMetricsF(self._f_legend).horizontalAdvance(right) + 4
            p.drawText(inner, Qt.AlignVCenter | Qt.AlignRight, right)
            p.setFont(self._f_caption)
            inner = inner.adjusted(0, 0, -rw - 8, 0)
        p.drawText(inner, Qt.AlignVCenter | Qt.AlignLeft, fm.elidedText(title, Qt.ElideRight, inner.width()))

    def _sprite(self, code):
        """A neuron of one colour, rendered once per layout: an antialiased circle costs ~40 µs a paint."""
        sprite = self._sprites.get(code)
        if sprite is not None:
            return sprite
        r, half = self._g_r, self._sprite_half
        ratio = self.devicePixelRatioF()
        sprite = QPixmap(round(2 * half * ratio), round(2 * half * ratio))
        sprite.setDevicePixelRatio(ratio)
        sprite.fill(Qt.transparent)
        q = QPainter(sprite)
        q.setRenderHint(QPainter.Antialiasing, True)
        if code == _PENDING:
            q.setPen(QPen(_PENDING_LINE, 1.3, Qt.DashLine))
        elif code == _NA:
            q.setPen(QPen(QColor("#b0b0b0"), 1.0))
        else:
            q.setPen(QPen(_OUTLINE, 1.3))
        q.setBrush(self._brushes[code])
        q.drawEllipse(QPointF(half, half), r, r)
        q.end()
        self._sprites[code] = sprite
        return sprite

    def _paint_neurons(self, p, d):
        r = self._g_r
        emph = d["emphasis"]
        if emph is not None and emph[0] == "neurons":
            p.setPen(Qt.NoPen)
            p.setBrush(_GLOW)  # a filled disc under the neuron: cheaper than a wide antialiased stroke
            for k in range(len(self._g_centers)):
                if self._g_nl[k] in emph[1]:
                    p.drawEllipse(self._g_centers[k], r + 6, r + 6)
        half = self._sprite_half
        for code, centers in d["neuron_groups"].items():
            sprite = self._sprite(code)
            for c in centers:
                p.drawPixmap(QPointF(c.x() - half, c.y() - half), sprite)
        if emph is not None and emph[0] == "neurons":
            p.setPen(QPen(_TEXT, 2.6))
            p.setBrush(Qt.NoBrush)
            for k in range(len(self._g_centers)):
                if self._g_nl[k] in emph[1]:
                    p.drawEllipse(self._g_centers[k], r, r)
        # bias tabs, coloured on the edge scale
        p.setPen(QPen(_OUTLINE, 1.0))
        bias_emph = emph is not None and emph[0] == "edges"
        for code, rects in d["bias_groups"].items():
            p.setBrush(self._pens[code].color() if code != _PENDING else _PENDING_FILL)
            p.drawRects(rects)
        if bias_emph:
            p.setPen(QPen(_TEXT, 2.0))
            p.setBrush(Qt.NoBrush)
            p.drawRects([rect for k, rect in self._g_bias_rects if self._g_nl[k] in emph[1]])
        # the ellipsis node of a collapsed layer
        p.setFont(self._f_label)
        fm = QFontMetricsF(self._f_label)
        dot = max(2.0, min(3.5, r * 0.25))
        for l, c in self._g_more:
            p.setPen(Qt.NoPen)
            p.setBrush(_MUTED)
            for k in (-1, 0, 1):
                p.drawEllipse(QPointF(c.x(), c.y() + k * dot * 3), dot, dot)
            text = _t("more", n=self._sizes[l] - HEAD - TAIL)
            tw = fm.horizontalAdvance(text)
            box = QRectF(c.x() + dot * 2 + 4, c.y() - fm.height() / 2 - 1, tw + 8, fm.height() + 2)
            p.setBrush(QColor(255, 255, 255, 230))
            p.drawRoundedRect(box, 4, 4)
            p.setPen(_MUTED)
            p.drawText(box, Qt.AlignCenter, text)
        # side labels
        p.setPen(_TEXT)
        p.setFont(self._f_label)
        for pt, st in self._g_side:
            p.drawStaticText(pt, st)
        # hover and selection rings
        p.setBrush(Qt.NoBrush)
        for item, pen in ((self._hover, QPen(QColor(0, 0, 0, 110), 2.0)), (self._selection, QPen(_SELECT, 3.0))):
            if item is not None and item[0] == "neuron":
                k = self._g_neuron_index.get((item[1], item[2]))
                if k is not None:
                    p.setPen(pen)
                    p.drawEllipse(self._g_centers[k], r + 4, r + 4)

    def _paint_numbers(self, p, d):
        if not d["numbers"]:
            return
        p.setFont(self._f_label)
        for rect, text, color, bg in d["numbers"]:
            if bg is not None:
                p.setPen(QPen(bg, 1.2) if bg.alpha() == 255 else Qt.NoPen)
                p.setBrush(QColor(255, 255, 255, 230))
                p.drawRoundedRect(rect, 4, 4)
            p.setPen(color)
            p.drawText(rect, Qt.AlignCenter, text)

    def _legend_names(self, nq, eq, long):
        fixed = _t("fixed") if self._fixed else ""
        if long:
            return (_t("neurons", q=_t("long_" + nq)) + fixed, _t("edges", q=_t("long_" + eq)) + fixed)
        return (_t("neurons", q=_SYMBOL[nq]) + fixed, _t("edges", q=_SYMBOL[eq]) + fixed)

    def _layout_legend(self, w, h, pad):
        """Two rows: both colour bars in the first and notes in the second if they fit, else a bar per row
        with the notes on their right."""
        fm = QFontMetricsF(self._f_legend)
        lh = fm.height()
        room = w - 2 * pad
        num = fm.horizontalAdvance("+8.8e−3")
        saved = self._fixed
        self._fixed = True  # reserve room for " (fixed)"
        names = [self._legend_names(nq, eq, True) for nq in ("a", "z", "delta") for eq in EDGE_QUANTITIES]
        self._fixed = saved
        name_w = (max(fm.horizontalAdvance(n[0]) for n in names), max(fm.horizontalAdvance(n[1]) for n in names))
        per_bar = 10 + num + 6 + 6 + num
        if sum(name_w) + 2 * per_bar + 28 + 2 * 100 <= room:
            stacked = False
            bar_w = min(180.0, (room - sum(name_w) - 2 * per_bar - 28) / 2)
        else:
            stacked = True
            bar_w = max(60.0, min(160.0, room - max(name_w) - per_bar - 200))
        self._g_legend = (stacked, bar_w)
        legend_h = 2 * (lh + 6) + 10
        self._g_legend_rect = QRectF(pad, h - legend_h, room, legend_h - 4)

    def _paint_cached_legend(self, p, d):
        """The legend changes with the ranges, not with hover or selection: paint it from a pixmap."""
        rect = self._g_legend_rect
        key = (d["nq"], d["eq"], d["ranges"], self._fixed, self._phase_ok, d["any_nan"], d["note"])
        cached_key, pix = self._legend_cache
        if key != cached_key:
            ratio = self.devicePixelRatioF()
            pix = QPixmap(math.ceil(rect.width() * ratio) + 2, math.ceil(rect.height() * ratio) + 2)
            pix.setDevicePixelRatio(ratio)
            pix.fill(QColor("#ffffff"))
            q = QPainter(pix)
            q.setRenderHint(QPainter.Antialiasing, True)
            q.translate(-rect.left(), -rect.top())
            self._paint_legend(q, d)
            q.end()
            self._legend_cache = (key, pix)
        p.drawPixmap(rect.topLeft(), pix)

    def _paint_legend(self, p, d):
        rect = self._g_legend_rect
        fm = QFontMetricsF(self._f_legend)
        lh = fm.height()
        stacked, bar_w = self._g_legend
        p.setPen(QPen(QColor("#dddddd"), 1.0))
        p.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top()))
        n_name, e_name = self._legend_names(d["nq"], d["eq"], True)
        name_col = max(fm.horizontalAdvance(n_name), fm.horizontalAdvance(e_name))
        blocks = [(n_name, d["ranges"][0], _NEURON_STOPS, False), (e_name, d["ranges"][1], _EDGE_STOPS, True)]
        y = rect.top() + 6
        x = rect.left()
        p.setFont(self._f_legend)
        for name, rng, stops, wedge in blocks:
            lo, hi = "−" + _short(rng).lstrip("−"), "+" + _short(rng).lstrip("−")
            p.setPen(_TEXT)
            nw = name_col if stacked else fm.horizontalAdvance(name)
            p.drawText(QRectF(x, y, nw + 2, lh), Qt.AlignVCenter | Qt.AlignLeft, name)
            x += nw + 10
            lw = fm.horizontalAdvance(lo)
            p.drawText(QRectF(x, y, lw + 2, lh), Qt.AlignVCenter | Qt.AlignLeft, lo)
            x += lw + 6
            grad = QLinearGradient(x, 0, x + bar_w, 0)
            for t, c in stops:
                grad.setColorAt((t + 1) / 2, QColor(c))
            cy = y + lh / 2
            p.setPen(QPen(QColor("#888888"), 0.8))
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
            p.setPen(QPen(_TEXT, 1.0))
            p.drawLine(QPointF(x + bar_w / 2, cy + 6), QPointF(x + bar_w / 2, cy + 9))
            x += bar_w + 6
            p.setPen(_TEXT)
            hw = fm.horizontalAdvance(hi)
            p.drawText(QRectF(x, y, hw + 2, lh), Qt.AlignVCenter | Qt.AlignLeft, hi)
            x += hw + 28
            if stacked:
                note_x = x
                x, y = rect.left(), y + lh + 6
        # notes on what the special marks mean: the second row, or right of the stacked bars
        notes = []
        if self._phase_ok:
            notes.append(("pending", _t("legend_pending")))
        if d["any_nan"]:
            notes.append(("nan", _t("legend_nan")))
        if d["note"]:
            notes.append(("text", d["note"]))
        if stacked:
            slots = [(note_x, rect.top() + 6), (note_x, rect.top() + lh + 12)]
            if len(notes) > 2:  # the marks are explained first; the rest shares the last row
                notes = notes[:1] + [("text", " · ".join(t for _, t in notes[1:]))]
        else:
            slots = [(rect.left(), y + lh + 6)]
        row_x, row_y = slots[0]
        slot = 0
        for kind, text in notes:
            if stacked:
                row_x, row_y = slots[min(slot, 1)]
                slot += 1
            cy = row_y + lh / 2
            if kind in ("pending", "nan"):
                if kind == "pending":
                    p.setPen(QPen(_PENDING_LINE, 1.2, Qt.DashLine))
                    p.setBrush(_PENDING_FILL)
                else:
                    p.setPen(QPen(_OUTLINE, 1.0))
                    p.setBrush(_NAN_COLOR)
                p.drawEllipse(QPointF(row_x + 7, cy), 6, 6)
                row_x += 18
            p.setPen(_MUTED)
            room = max(0.0, rect.right() - row_x)
            p.drawText(
                QRectF(row_x, row_y, room, lh), Qt.AlignVCenter | Qt.AlignLeft, fm.elidedText(text, Qt.ElideRight, room)
            )
            row_x += fm.horizontalAdvance(text) + 20


class DiagramPanel(QWidget):
    """The diagram with its toolbar: neuron and edge quantity, sample, numbers, colour scale."""

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
        self.sample_combo.setMinimumContentsLength(15)  # "#12  x = (0, 1)" without eliding
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
        self._sample_X = None

        # groups of controls flow into as many rows as the panel's width needs
        self._groups = [
            self._group(("tb_neurons", self.neuron_combo), ("tb_edges", self.edge_combo)),
            self._group(("tb_sample", self.sample_combo)),
            self._group((None, self.numbers_check)),
            self._group(("tb_scale", self.scale_combo), (None, self.scale_spin)),
        ]
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.setSizeConstraint(QVBoxLayout.SetNoConstraint)  # the rows wrap: the one-row width is no minimum
        self._rows = []
        for _ in self._groups:
            row = QHBoxLayout()
            row.setContentsMargins(4, 1, 4, 1)
            row.setSpacing(14)
            row.addStretch(1)
            lay.addLayout(row)
            self._rows.append(row)
        lay.addWidget(self.diagram, 1)
        self._arrangement = None
        self._arrange(10**6)
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

    def _arrange(self, width):
        """Put the groups in rows, greedily, each row as full as the width allows."""
        rows, used = [[]], 0
        for g in self._groups:
            w = g.sizeHint().width()
            if rows[-1] and used + 14 + w > width - 8:
                rows.append([])
                used = 0
            rows[-1].append(g)
            used += (14 if used else 0) + w
        key = tuple(len(r) for r in rows)
        if key == self._arrangement:
            return
        self._arrangement = key
        for row in self._rows:
            for g in self._groups:
                row.removeWidget(g)
        for row, groups in zip(self._rows, rows):
            for k, g in enumerate(groups):
                row.insertWidget(k, g)

    def resizeEvent(self, event):
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def minimumSizeHint(self):
        wide = max(g.minimumSizeHint().width() for g in self._groups) + 8
        rows = sum(g.sizeHint().height() + 2 for g in self._groups)
        return QSize(max(wide, self.diagram.minimumSizeHint().width()), rows + self.diagram.minimumSizeHint().height())

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
                xs = ", ".join(_minus(f"{v:.3g}") for v in X[s])
                combo.addItem(_t("sample_x", s=s + 1, x=xs), s)
            else:
                combo.addItem(_t("sample", s=s + 1), s)
        index = 0 if keep is None or keep >= m else keep + 1
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        self.diagram.set_sample(combo.currentData())
