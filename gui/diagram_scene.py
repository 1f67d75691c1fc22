"""The diagram's scene: what the network diagram shows, where, and in which colour — without painting.

:class:`DiagramInput` is everything the diagram reads about a step: per neuron layer a, z, δ (per
sample; ``None`` while not computed yet), per weight layer W, b, ∂L/∂W, ∂L/∂b (and the weights
before the update once it is shown), the batch and the phase.  :func:`diagram_input` builds it
from a :class:`model.stepview.StepView` of a snapshot's ``LayerValues`` or of the step's phases, the
view the inspector reads too.

:class:`DiagramScene` turns an input, a size and a font into geometry (neuron centres, edges,
titles, legend), colour codes and draw lists, hit tests and hover texts.  It is plain state and
arithmetic (Qt's value types only), so it is tested without a widget; ``gui.diagram`` paints it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen, QPolygonF, QStaticText

from gui import style
from gui.i18n import lookup, phase_title, tr_noop
from model.activations import ACTIVATIONS
from model.stepview import StepView
from model.trainer import phase_plan

__all__ = [
    "DiagramInput",
    "DiagramScene",
    "diagram_input",
    "visible_units_for",
    "NEURON_QUANTITIES",
    "EDGE_QUANTITIES",
    "TEXT",
]

# Every user-visible string, in one place for the translation table.
TEXT = {
    "input": tr_noop("Input"),
    "hidden": tr_noop("Hidden {n}"),
    "output": tr_noop("Output"),
    "input_short": tr_noop("In"),
    "hidden_short": tr_noop("H{n}"),
    "output_short": tr_noop("Out"),
    "more": tr_noop("+{n} more"),
    "neuron_name": tr_noop("{layer} · neuron {unit}"),
    "input_name": tr_noop("Input x{sub}"),
    "hidden_units": tr_noop("{n} more neurons not drawn (units {first}–{last})"),
    "weight_name": tr_noop("Weight w({layer}): {src} → {dst}"),
    "unit_of": tr_noop("{layer} neuron {unit}"),
    "input_of": tr_noop("input x{sub}"),
    "batch_mean": tr_noop("Batch mean"),
    "batch_mean_of": tr_noop("batch mean over {m} samples"),
    "one_sample": tr_noop("one sample"),
    "sample_of": tr_noop("sample {s} of {m}"),
    "sample": tr_noop("#{s}"),
    "sample_x": tr_noop("#{s}  x = ({x})"),
    "pending": tr_noop("not computed yet"),
    "non_finite": tr_noop("{v} (non-finite)"),
    "was": tr_noop("{v} (was {old})"),
    "target": tr_noop("target y = {v}"),
    "share": tr_noop("this sample's share a·δ = {v}"),
    "share_of": tr_noop("this sample's share a·δ/{m} = {v}"),
    "caption_values": tr_noop("Current values · {what}"),
    "caption_step": tr_noop("step {step} · phase {k} of {n}"),
    "neurons": tr_noop("Neurons: {q}"),
    "edges": tr_noop("Edges: {q}"),
    "fixed": tr_noop(" (fixed)"),
    "legend_pending": tr_noop("not computed yet"),
    "legend_nan": tr_noop("non-finite (diverged)"),
    "legend_numbers_hidden": tr_noop("Numbers hidden: {n} edges > {max}"),
    "legend_neuron_numbers_hidden": tr_noop("Neuron numbers hidden: the circles are too small"),
    "long_a": tr_noop("a (activation)"),
    "long_z": tr_noop("z (weighted input)"),
    "long_delta": tr_noop("δ = ∂L/∂z"),
    "long_w": tr_noop("w (weight)"),
    "long_grad": tr_noop("∂L/∂w (gradient)"),
    "no_network": tr_noop("No network yet"),
    "bad_quantity": tr_noop("unknown {what} quantity {q!r}; choose one of: {choices}"),
    "bad_index": tr_noop("there is no {what} {index} in this network"),
}

_t = lookup(TEXT)

NEURON_QUANTITIES = ("auto", "a", "z", "delta")
EDGE_QUANTITIES = ("w", "grad")
SYMBOL = {"a": "a", "z": "z", "delta": "δ", "w": "w", "grad": "∂L/∂w", "b": "b", "db": "∂L/∂b"}

MAX_UNITS = 16  # larger layers are drawn collapsed:
HEAD, TAIL = 8, 7  # the first 8 and last 7 units, an ellipsis node between
MAX_NUMBERED_EDGES = 60
MAX_INPUTS_IN_LABELS = 3  # a sample's x values go into its label up to this many inputs
NB = 16  # colour bins per sign
NAN, PENDING, NA = 2 * NB + 1, 2 * NB + 2, 2 * NB + 3


# -- the input -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DiagramInput:
    """What the diagram shows of one step.  Neuron lists run over layers 0 … L (0 = input), weight
    lists over 1 … L (index 0 unused); ``None`` marks a value not computed yet in this step."""

    sizes: tuple = ()
    activations: tuple = ()
    a: tuple = ()
    z: tuple = ()
    delta: tuple = ()
    W: tuple = ()
    b: tuple = ()
    dW: tuple = ()
    db: tuple = ()
    W_old: tuple | None = None  # the weights before the update, once the update is shown
    b_old: tuple | None = None
    X: np.ndarray | None = None  # the inputs whose values are shown (the step's batch while stepping)
    Y: np.ndarray | None = None
    phase: object = None  # the phase shown (model.trainer.Phase), or None for the current values
    n_phases: int = 0  # phases in a whole step ("phase k of n")
    scale: float = 1.0  # c of the per-sample δ = c·∂L/∂z: ∂L/∂W = (1/c) Σ a_prev δᵀ

    @property
    def n_layers(self) -> int:
        return len(self.sizes) - 1 if self.sizes else 0


EMPTY_INPUT = DiagramInput()


def diagram_input(values, X, Y, phase=None, step_phases=(), loss=None) -> DiagramInput:
    """The diagram's input from a snapshot's ``LayerValues`` and, while stepping, the step's phases.

    It reads a :class:`model.stepview.StepView`, as the inspector does: δ is the lecture's per-sample
    δ (``loss`` gives its scale; without one, a mean over the samples is assumed).  Only the phases
    up to the one shown count (stepping back shows exactly that phase's values); the weights are
    those the step's forward pass used until the update is shown.
    """
    values = tuple(values or ())
    L = len(values)
    if not L:
        return EMPTY_INPUT
    sizes = (values[0].fan_in,) + tuple(lv.fan_out for lv in values)
    acts = tuple(lv.activation for lv in values)
    X = None if X is None else np.asarray(X, dtype=float)
    Y = None if Y is None else np.asarray(Y, dtype=float)
    phases = tuple(step_phases or ())
    if phase is not None and not any(q is phase for q in phases):  # == would compare their arrays
        phases = phases + (phase,)
    if phase is None or not _phases_fit(phases, sizes):
        A0 = X if X is not None and X.ndim == 2 and X.shape[1] == sizes[0] else None
        view = StepView.from_values(values, X=A0, Y=Y, loss=loss, activations=acts)
        layers = [view.layer(l) for l in range(1, L + 1)]
        return DiagramInput(
            sizes, acts, (A0, *(s.a for s in layers)), (A0, *(s.z for s in layers)),
            (None, *(s.delta for s in layers)), (None, *(s.W for s in layers)), (None, *(s.b for s in layers)),
            (None, *(s.dW for s in layers)), (None, *(s.db for s in layers)), X=A0, Y=Y, scale=view.scale,
        )  # fmt: skip
    shown = [p for p in phases if p.index <= phase.index]  # after the phase shown: not computed yet
    view = StepView.from_phases(shown, loss=loss, activations=acts)
    whole = StepView.from_phases(phases, loss=loss, activations=acts)  # the weights the forward pass used
    layers = [view.layer(l) for l in range(1, L + 1)]
    W, b = [None], [None]
    for l, (lv, s) in enumerate(zip(values, layers), start=1):
        used = whole.layer(l)
        if s.W_new is not None:  # the update is shown
            W.append(s.W_new), b.append(s.b_new)
        elif used.W is not None:
            W.append(used.W), b.append(used.b)
        else:  # no phase of this step has read them yet: the snapshot's, not updated yet either
            W.append(lv.W), b.append(lv.b)
    update = view.update
    W_old = b_old = None
    if update is not None:
        W_old, b_old = (None, *update.W_old), (None, *update.b_old)
    A0 = view.X if view.has("forward", 1) else None
    loss_step = view.loss
    return DiagramInput(
        sizes, acts, (A0, *(s.a for s in layers)), (A0, *(s.z for s in layers)), (None, *(s.delta for s in layers)),
        tuple(W), tuple(b), (None, *(s.dW for s in layers)), (None, *(s.db for s in layers)),
        W_old=W_old, b_old=b_old, X=A0, Y=None if loss_step is None else loss_step.y_true, phase=phase,
        n_phases=len(phase_plan(L)), scale=view.scale,
    )  # fmt: skip


def _phases_fit(phases, sizes) -> bool:
    """Whether a step's phases belong to a network of these ``sizes`` (not a network rebuilt since)."""
    L = len(sizes) - 1
    for p in phases:
        v = p.values
        if p.kind in ("forward", "delta", "gradient") and (p.layer is None or not 1 <= p.layer <= L):
            return False
        if p.kind == "forward" and np.shape(v["W"]) != (sizes[p.layer - 1], sizes[p.layer]):
            return False
        if p.kind == "update" and len(v["W"]) != L:
            return False
    return True


# -- numbers as text -----------------------------------------------------------------------------
def subscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def minus(s: str) -> str:
    return s.replace("-", "−")


def _short_name(activation: str) -> str:
    """The activation's shortest name (σ, ReLU, lin …), as the activation gives it."""
    act = ACTIVATIONS.get(activation)
    return act.short if act is not None else activation


def fmt(v) -> str:
    """A value for a tooltip: 6 significant digits, non-finite said in words."""
    if v is None:
        return _t("pending")
    v = float(v)
    if not math.isfinite(v):
        return _t("non_finite", v="NaN" if math.isnan(v) else ("+∞" if v > 0 else "−∞"))
    return minus(f"{v:.6g}")


def short(v) -> str:
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
    return minus(s)


def codes(values, r):
    """Colour bin per value: 0 … 2·NB for −r … r (clipped), NAN for a non-finite value."""
    with np.errstate(all="ignore"):
        v = np.asarray(values, dtype=float)
        fin = np.isfinite(v)
        t = np.clip(np.where(fin, v, 0.0) / r, -1.0, 1.0)
        k = np.rint(t * NB).astype(np.int64) + NB
    k[~fin] = NAN
    return k


def auto_range(parts):
    m = 0.0
    with np.errstate(all="ignore"):
        for p in parts:
            if p is None or p.size == 0:
                continue
            a = np.abs(p[np.isfinite(p)])
            if a.size:
                m = max(m, float(a.max()))
    return m if m > 0 else 1.0


def visible_units_for(n: int) -> np.ndarray:
    """The units drawn for a layer of ``n`` units: all, or the first 8 and the last 7."""
    if n <= MAX_UNITS:
        return np.arange(n)
    return np.concatenate([np.arange(HEAD), np.arange(n - TAIL, n)])


@dataclass
class Colours:
    """The scene's colours for the current theme and zoom: per colour bin a pen (edges), a brush
    (neurons) and a text colour that reads on that brush."""

    pens: dict
    brushes: dict
    texts: dict
    key: tuple

    @classmethod
    def make(cls) -> Colours:
        t = style.theme()
        pens, brushes, texts = {}, {}, {}
        for k in range(2 * NB + 1):
            v = (k - NB) / NB
            pen = QPen(style.interp(t.edge_stops, v), style.px(1.0 + 5.0 * abs(v)))
            pen.setCapStyle(Qt.FlatCap)
            pens[k] = pen
            c = style.interp(t.neuron_stops, v)
            brushes[k] = QBrush(c)
            texts[k] = style.readable_on(c, t)
        pens[NAN] = QPen(QColor(t.nan), style.px(2.5), Qt.DashLine)
        pens[PENDING] = QPen(QColor(t.pending_line), style.px(1.2), Qt.DashLine)
        brushes[NAN] = QBrush(QColor(t.nan))
        texts[NAN] = style.readable_on(QColor(t.nan), t)
        brushes[PENDING] = QBrush(QColor(t.pending_fill))
        texts[PENDING] = QColor(t.muted)
        brushes[NA] = QBrush(QColor(t.base))
        texts[NA] = QColor(t.muted)
        return cls(pens, brushes, texts, (t.name, style.zoom()))


class DiagramScene:
    """State, geometry and colours of the network diagram; ``gui.diagram.NetworkDiagram`` paints it.

    ``on_change`` is called whenever something visible changed (the painter schedules a repaint);
    ``size_of`` gives the current size in pixels (a painter's widget size; else :meth:`set_size`).
    """

    def __init__(self, on_change=None, size_of=None):
        self._on_change = on_change or (lambda: None)
        self._size_of = size_of
        self.input = EMPTY_INPUT
        self.sample_wanted: int | None = None
        self.neuron_q = "auto"
        self.edge_q = "w"
        self.show_numbers = False
        self.fixed = False
        self.fixed_ranges = (1.0, 1.0)
        self._ranges = [None, None]  # smoothed auto ranges (neurons, edges)
        self._range_key = None
        self.selection = None
        self.hover = None
        self.size = (600, 450)
        self.font = QFont()
        self.colours = Colours.make()
        self.geometry_version = 0
        self._geom_dirty = True
        self._draw = None
        self._stale = True  # colours and draw lists are recomputed lazily, once per paint
        self._stale_smooth = False

    # -- input -------------------------------------------------------------------------------
    def set_input(self, inp: DiagramInput, smooth: bool = True) -> bool:
        """Show ``inp``; True when the architecture changed (geometry and ranges start afresh)."""
        new_arch = inp.sizes != self.input.sizes
        self.input = inp
        if new_arch:
            self._geom_dirty = True
            self._ranges = [None, None]
        self.invalidate(smooth)
        return new_arch

    def reset_ranges(self):
        """Forget the smoothed colour scales (a reset or a new session: the old range means nothing)."""
        self._ranges = [None, None]
        self.invalidate(False)

    def set_size(self, width: int, height: int):
        if (width, height) != self.size:
            self.size = (width, height)
            self._geom_dirty = True
            self._on_change()

    def set_font(self, font: QFont):
        self.font = QFont(font)
        self._geom_dirty = True
        self._on_change()

    def restyle(self):
        """The theme or the zoom changed: new colours, and a new layout for the new sizes."""
        self.colours = Colours.make()
        self._geom_dirty = True
        self.invalidate(False)

    def invalidate(self, smooth: bool):
        """Mark the colours stale; several changes before the next paint cost one recomputation."""
        self._stale_smooth = smooth if not self._stale else (self._stale_smooth and smooth)
        self._stale = True
        self._on_change()

    # -- what is shown -----------------------------------------------------------------------
    @property
    def sizes(self) -> tuple:
        return self.input.sizes

    @property
    def phase(self):
        return self.input.phase

    def neuron_quantity(self) -> str:
        """The neuron quantity in effect ("a", "z" or "delta"; "auto" resolved for the phase)."""
        q = self.neuron_q
        if q != "auto":
            return q
        p = self.input.phase
        return "delta" if p is not None and p.kind in ("delta", "gradient") else "a"

    def set_neuron_quantity(self, quantity: str):
        if quantity not in NEURON_QUANTITIES:
            raise ValueError(_t("bad_quantity", what="neuron", q=quantity, choices=", ".join(NEURON_QUANTITIES)))
        self.neuron_q = quantity
        self.invalidate(False)

    def set_edge_quantity(self, quantity: str):
        if quantity not in EDGE_QUANTITIES:
            raise ValueError(_t("bad_quantity", what="edge", q=quantity, choices=", ".join(EDGE_QUANTITIES)))
        self.edge_q = quantity
        self.invalidate(False)

    def set_scale(self, fixed: bool, neuron_range: float = 1.0, edge_range: float = 1.0):
        ranges = []
        for r in (neuron_range, edge_range):
            r = float(r)
            ranges.append(r if math.isfinite(r) and r > 0 else 1.0)
        self.fixed = bool(fixed)
        self.fixed_ranges = tuple(ranges)
        self.invalidate(False)

    def effective_sample(self):
        """The sample shown (0-based), or None for the batch mean."""
        s, X = self.sample_wanted, self.input.X
        if s is None or X is None or not 0 <= s < X.shape[0]:
            return None
        return s

    def reduce(self, M):
        if M is None:
            return None
        s = self.effective_sample()
        if s is not None and s < M.shape[0]:
            return M[s]
        with np.errstate(all="ignore"):
            return M.mean(axis=0)

    def _neuron_source(self, q, layer):
        return getattr(self.input, q)[layer]

    def neuron_vector(self, layer, q):
        if q == "delta" and layer == 0:
            return None
        return self.reduce(self._neuron_source(q, layer))

    def _edge_source(self, q, layer):
        src = self.input.W if q == "w" else self.input.dW
        return src[layer] if 1 <= layer < len(src) else None

    def _bias_source(self, q, layer):
        src = self.input.b if q == "w" else self.input.db
        return src[layer] if 1 <= layer < len(src) else None

    def value_at(self, kind: str, *index, quantity: str | None = None):
        """The shown value of a "neuron" (layer, unit), "edge" (layer, i, j) or "bias" (layer, unit);
        None when it is not computed yet in this step or does not exist (δ of an input)."""
        if kind == "neuron":
            layer, unit = index
            vec = self.neuron_vector(layer, quantity or self.neuron_quantity())
            return None if vec is None else float(vec[unit])
        if kind == "edge":
            layer, i, j = index
            M = self._edge_source(quantity or self.edge_q, layer)
            return None if M is None else float(M[i, j])
        if kind == "bias":
            layer, unit = index
            v = self._bias_source(quantity or self.edge_q, layer)
            return None if v is None else float(v[unit])
        raise ValueError(f"unknown kind {kind!r}; use 'neuron', 'edge' or 'bias'")

    def is_pending(self, kind: str, layer: int, quantity: str | None = None) -> bool:
        """True when a layer's value is drawn as "not computed yet" in the current step."""
        if kind == "neuron":
            q = quantity or self.neuron_quantity()
            if q == "delta" and layer == 0:
                return False  # an input has no δ: not applicable rather than pending
            return self._neuron_source(q, layer) is None
        q = quantity or self.edge_q
        src = self._edge_source(q, layer) if kind == "edge" else self._bias_source(q, layer)
        return src is None

    # -- selection -----------------------------------------------------------------------------
    def check_unit(self, layer, unit):
        if not (0 <= layer < len(self.sizes) and 0 <= unit < self.sizes[layer]):
            raise ValueError(_t("bad_index", what="neuron", index=(layer, unit)))

    def check_edge(self, layer, i, j):
        s = self.sizes
        if not (1 <= layer < len(s) and 0 <= i < s[layer - 1] and 0 <= j < s[layer]):
            raise ValueError(_t("bad_index", what="weight", index=(layer, i, j)))

    def selection_valid(self, sel) -> bool:
        try:
            if sel[0] == "neuron":
                self.check_unit(*sel[1:])
            else:
                self.check_edge(*sel[1:])
        except ValueError:
            return False
        return True

    # -- geometry ------------------------------------------------------------------------------
    def ensure_layout(self):
        if self._size_of is not None:
            size = tuple(self._size_of())
            if size != self.size:
                self.size = size
                self._geom_dirty = True
        if self._geom_dirty:
            self._relayout()

    def _font(self, points, bold=False):
        f = QFont(self.font)
        f.setPointSizeF(points)
        f.setBold(bold)
        return f

    def _relayout(self):
        """Positions of everything that depends only on the size, the font and the architecture."""
        self._geom_dirty = False
        self.geometry_version += 1
        self._stale, self._stale_smooth = True, False
        w, h = float(max(self.size[0], 50)), float(max(self.size[1], 50))
        # the application's font, never below 10 pt, larger in a large widget (a projector's full
        # screen), and zoomed in presentation mode
        z = style.zoom()
        base = max(10.0 * z, self.font.pointSizeF())  # (the window's font is zoomed already)
        s = min(max(min(w / 640.0, h / 480.0), 1.0), 1.6)
        s = max(1.0, s / z)  # a large widget grows the fonts, up to 1.6×, zoom included

        self.f_label = self._font(base * s)
        self.f_title = self._font((base + z) * s, bold=True)
        self.f_caption = self._font((base + 2 * z) * s, bold=True)
        self.f_legend = self._font(base * s)
        fm_l = QFontMetricsF(self.f_label)
        fm_t = QFontMetricsF(self.f_title)
        fm_c = QFontMetricsF(self.f_caption)
        pad = 8.0
        self.caption_rect = QRectF(pad, 4, w - 2 * pad, fm_c.height() + 8)
        sizes = self.sizes
        self.lines = []
        self.r = 10.0
        self.sprite_half = 12
        self.more = []
        self.bias_rects = []
        self.neuron_index, self.edge_index = {}, {}
        self.nx = self.ny = np.zeros(0)
        self.nl = self.nu = np.zeros(0, dtype=np.int64)
        self.centers = []
        self.titles = []
        self.side = []
        self.side_rects: list[QRectF] = []  # where each drawn side label is (for tests and hit checks)
        self.f_side = QFont(self.f_label)
        self.bundles = []
        self.edge_slices = [None]
        self.ax = self.ay = np.zeros(0)
        self._layout_legend(w, h, pad)
        if not sizes:
            return
        L = len(sizes) - 1
        acts = self.input.activations
        vis = [visible_units_for(n) for n in sizes]
        # side labels: x₁ … left of the inputs, ŷ₁ … right of the outputs
        left = [f"x{subscript(u + 1)}" for u in vis[0]]
        right = [f"ŷ{subscript(u + 1)}" for u in vis[L]]
        left_w = max(fm_l.horizontalAdvance(t) for t in left)
        right_w = max(fm_l.horizontalAdvance(t) for t in right)
        ml, mr = pad + left_w + 8, pad + right_w + 8
        ncols = L + 1
        col_gap = (w - ml - mr) / ncols
        xs = [ml + (k + 0.5) * col_gap for k in range(ncols)]
        self.xs, self.col_gap = xs, col_gap
        # column titles: one line if it fits, else two, else abbreviated, else the short name only
        names = []
        for l in range(ncols):
            if l == 0:
                full, sh, act = _t("input"), _t("input_short"), ""
            elif l == L:
                full, sh, act = _t("output"), _t("output_short"), acts[l - 1]
            else:
                full, sh, act = _t("hidden", n=l), _t("hidden_short", n=l), acts[l - 1]
            names.append((full, sh, str(sizes[l]), act))
        # two spaces between neighbours: "8 · sigmoid 8 · sigmoid" read as one title
        room = col_gap - max(6.0, fm_t.horizontalAdvance("  "))

        def fits(candidate):
            return all(fm_t.horizontalAdvance(t) <= room for ls in candidate for t in ls)

        one = [[" · ".join(x for x in (f, n, a) if x)] for f, _, n, a in names]
        two = [[f, " · ".join(x for x in (n, a) if x)] for f, _, n, a in names]
        abbreviated = [[sh, " · ".join(x for x in (n, _short_name(a)) if x)] for _, sh, n, a in names]
        lines = next((c for c in (one, two, abbreviated) if fits(c)), None)
        if lines is None:  # very narrow: the short names, and the tooltips keep the rest
            lines = [[sh] for _, sh, _, _ in names]
            if not fits(lines):  # even those collide (CJK at 1024 px): a smaller font
                widest = max(fm_t.horizontalAdvance(ls[0]) for ls in lines)
                self.f_title = self._font(max(6.0, self.f_title.pointSizeF() * room / widest), bold=True)
                fm_t = QFontMetricsF(self.f_title)
        n_lines = max(len(ls) for ls in lines)
        top0 = self.caption_rect.bottom() + 4
        # a CJK title is drawn in a fallback font taller than the title font's own line height
        lh_t = max(fm_t.boundingRect(t).height() for ls in lines for t in ls)
        for x, ls in zip(xs, lines):
            for k, text in enumerate(ls):
                st = QStaticText(text)
                st.prepare(font=self.f_title)
                tw = fm_t.horizontalAdvance(text)
                self.titles.append((QPointF(x - tw / 2, top0 + k * lh_t), st))
        top = top0 + n_lines * lh_t + 10
        bottom = self.legend_rect.top() - 8
        avail = max(bottom - top, 40.0)
        nslots = [len(v) + (1 if n > MAX_UNITS else 0) for v, n in zip(vis, sizes)]
        slot = avail / max(nslots)
        r_cap = 26.0 * s * z
        r = max(3.0, min(0.36 * slot, 0.16 * col_gap, r_cap))
        spacing = min(slot, 3.4 * r)
        self.r = r
        self.sprite_half = math.ceil(r + 2)
        ymid = (top + bottom) / 2
        self.band = (top - 6, bottom + 4)
        nx, ny, nl, nu = [], [], [], []
        col_y = []  # per layer: y of each visible unit
        # the input and output columns carry labels (x₁ …, ŷ₁ …): when a wide hidden layer makes the
        # common spacing smaller than a label's height, those columns spread out to a label's height
        # as far as there is room (2 inputs beside 16 hidden units at 1024×768)
        label_h = fm_l.height() + 2
        col_spacing = [
            max(spacing, min(label_h, avail / max(ns - 1, 1))) if l in (0, L) and n <= MAX_UNITS else spacing
            for l, (n, ns) in enumerate(zip(sizes, nslots))
        ]
        for l, (v, n, ns) in enumerate(zip(vis, sizes, nslots)):
            sp = col_spacing[l]
            slots = np.arange(ns, dtype=float)
            if n > MAX_UNITS:
                slots = np.concatenate([np.arange(HEAD), np.arange(HEAD + 1, ns)]).astype(float)
                self.more.append((l, QPointF(xs[l], ymid + (HEAD - (ns - 1) / 2) * sp)))
            ys = ymid + (slots - (ns - 1) / 2) * sp
            col_y.append(ys)
            for u, y in zip(v, ys):
                self.neuron_index[(l, int(u))] = len(nx)
                nx.append(xs[l])
                ny.append(y)
                nl.append(l)
                nu.append(int(u))
        self.nx, self.ny = np.array(nx), np.array(ny)
        self.nl, self.nu = np.array(nl, dtype=np.int64), np.array(nu, dtype=np.int64)
        self.centers = [QPointF(x, y) for x, y in zip(nx, ny)]
        # bias tabs: a small square on each non-input neuron's lower left
        bs = max(5.0, 0.55 * r)
        off = r * 0.70710678
        self.bias_rects = (
            [(k, QRectF(nx[k] - off - bs / 2, ny[k] + off - bs / 2, bs, bs)) for k in range(len(nx)) if nl[k] > 0]
            if r >= 9
            else []
        )  # on tiny neurons a tab would look like a second neuron; the tooltip still has b
        # side labels: a smaller font where the units are closer than a label is tall (never below
        # 6 pt); if even that collides, every second label (the tooltips name every unit)
        self.f_side = QFont(self.f_label)
        gap = min(col_spacing[0], col_spacing[L]) if max(len(vis[0]), len(vis[L])) > 1 else label_h
        if gap < label_h:
            self.f_side = self._font(max(6.0, self.f_label.pointSizeF() * gap / label_h))
        fm_s = QFontMetricsF(self.f_side)
        self.side_rects = []
        for l, texts, ys in ((0, left, col_y[0]), (L, right, col_y[L])):
            every = 1 if len(ys) < 2 else max(1, math.ceil((fm_s.height() + 1) / max(ys[1] - ys[0], 1e-9)))
            kept = [k for k in range(0, len(ys), every)]
            if kept[-1] != len(ys) - 1 and ys[-1] - ys[kept[-1]] >= fm_s.height() + 1:
                kept.append(len(ys) - 1)  # the last unit's label too, where it has room
            for k in kept:
                text, y = texts[k], ys[k]
                st = QStaticText(text)
                st.prepare(font=self.f_side)
                tw = fm_s.horizontalAdvance(text)
                x = xs[0] - r - 6 - tw if l == 0 else xs[L] + r + 6
                point = QPointF(x, y - fm_s.height() / 2)
                self.side.append((point, st))
                self.side_rects.append(QRectF(point.x(), point.y(), tw, fm_s.height()))
        # edges between drawn units, layer by layer, i major
        ex1, ey1, ex2, ey2, el, ei, ej = [], [], [], [], [], [], []
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
            self.edge_slices.append((start, len(ex1)))
            # a faint bundle stands for the edges of the units that are not drawn
            for src, dst in ((l - 1, l), (l, l - 1)):
                if sizes[src] > MAX_UNITS:
                    p = next(q for ll, q in self.more if ll == src)
                    poly = QPolygonF([p, QPointF(xs[dst], col_y[dst][0]), QPointF(xs[dst], col_y[dst][-1])])
                    self.bundles.append(poly)
        self.ex1, self.ey1 = np.array(ex1), np.array(ey1)
        self.edx, self.edy = np.array(ex2) - self.ex1, np.array(ey2) - self.ey1
        self.elen2 = np.maximum(self.edx**2 + self.edy**2, 1e-9)
        self.el, self.ei, self.ej = (np.array(a, dtype=np.int64) for a in (el, ei, ej))
        self.lines = [QLineF(a, b, c, d) for a, b, c, d in zip(ex1, ey1, ex2, ey2)]
        for k, key in enumerate(zip(el, ei, ej)):
            self.edge_index[key] = k
        self._place_edge_anchors()
        # a neuron's number goes inside when it fits, else below if there is room, else beside
        self.num_h = fm_l.height() + 2
        self.num_below = spacing - 2 * r >= self.num_h + 2

    def _place_edge_anchors(self):
        """A point on each edge away from the other edges (for its number and for clicking)."""
        n = len(self.lines)
        self.ax = np.zeros(n)
        self.ay = np.zeros(n)
        fm = QFontMetricsF(self.f_label)
        bw, bh = fm.horizontalAdvance("−0.00") + 8, fm.height() + 2
        cands = np.array([0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75])
        r = self.r
        placed = []
        for l in range(1, len(self.edge_slices)):
            a, b = self.edge_slices[l]
            x1, y1 = self.ex1[a:b], self.ey1[a:b]
            dx, dy, len2 = self.edx[a:b], self.edy[a:b], self.elen2[a:b]
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
                self.ax[a + e], self.ay[a + e] = px[e, best], py[e, best]
                if n <= MAX_NUMBERED_EDGES:
                    placed.append(QRectF(px[e, best] - bw / 2, py[e, best] - bh / 2, bw, bh))

    def legend_names(self, nq, eq, long, fixed=None):
        fixed = self.fixed if fixed is None else fixed
        tail = _t("fixed") if fixed else ""
        if long:
            return (_t("neurons", q=_t("long_" + nq)) + tail, _t("edges", q=_t("long_" + eq)) + tail)
        return (_t("neurons", q=SYMBOL[nq]) + tail, _t("edges", q=SYMBOL[eq]) + tail)

    def _layout_legend(self, w, h, pad):
        """Two rows: both colour bars in the first and notes in the second if they fit, else a bar per row
        with the notes on their right."""
        fm = QFontMetricsF(self.f_legend)
        lh = fm.height()
        room = w - 2 * pad
        num = fm.horizontalAdvance("+8.8e−3")
        names = [self.legend_names(nq, eq, True, fixed=True) for nq in ("a", "z", "delta") for eq in EDGE_QUANTITIES]
        name_w = (max(fm.horizontalAdvance(n[0]) for n in names), max(fm.horizontalAdvance(n[1]) for n in names))
        per_bar = 10 + num + 6 + 6 + num
        if sum(name_w) + 2 * per_bar + 28 + 2 * 100 <= room:
            stacked = False
            bar_w = min(180.0, (room - sum(name_w) - 2 * per_bar - 28) / 2)
        else:
            stacked = True
            bar_w = max(60.0, min(160.0, room - max(name_w) - per_bar - 200))
        self.legend = (stacked, bar_w)
        legend_h = 2 * (lh + 6) + 10
        self.legend_rect = QRectF(pad, h - legend_h, room, legend_h - 4)

    # -- hit tests and texts ---------------------------------------------------------------------
    def neuron_center(self, layer: int, unit: int):
        self.ensure_layout()
        k = self.neuron_index.get((layer, unit))
        return None if k is None else QPointF(self.nx[k], self.ny[k])

    def edge_midpoint(self, layer: int, i: int, j: int):
        self.ensure_layout()
        k = self.edge_index.get((layer, i, j))
        return None if k is None else QPointF(self.ax[k], self.ay[k])

    def numbers_drawn(self) -> bool:
        self.ensure_layout()
        return self.show_numbers and len(self.lines) <= MAX_NUMBERED_EDGES

    def item_at(self, x: float, y: float):
        """The item at a point: ("neuron", l, u), ("edge", l, i, j), ("more", l) or None."""
        self.ensure_layout()
        if not self.sizes:
            return None
        r = self.r
        if self.nx.size:
            d2 = (self.nx - x) ** 2 + (self.ny - y) ** 2
            k = int(np.argmin(d2))
            if d2[k] <= (r + 3) ** 2:
                return ("neuron", int(self.nl[k]), int(self.nu[k]))
            for kk, rect in self.bias_rects:
                if rect.adjusted(-2, -2, 2, 2).contains(QPointF(x, y)):
                    return ("neuron", int(self.nl[kk]), int(self.nu[kk]))
        for l, p in self.more:
            if abs(p.x() - x) <= max(r, 10) and abs(p.y() - y) <= max(r, 10):
                return ("more", l)
        if self.lines:
            x1, y1, dx, dy = self.ex1, self.ey1, self.edx, self.edy
            with np.errstate(all="ignore"):
                t = np.clip(((x - x1) * dx + (y - y1) * dy) / self.elen2, 0.0, 1.0)
            d2 = (x1 + t * dx - x) ** 2 + (y1 + t * dy - y) ** 2
            k = int(np.argmin(d2))
            if d2[k] <= 25.0:
                return ("edge", int(self.el[k]), int(self.ei[k]), int(self.ej[k]))
        return None

    def tooltip_text(self, item) -> str:
        """The hover text for an item ("" for none)."""
        if item is None:
            return ""
        if item[0] == "neuron":
            return self._neuron_tooltip(item[1], item[2])
        if item[0] == "edge":
            return self._edge_tooltip(*item[1:])
        n = self.sizes[item[1]]
        return _t("hidden_units", n=n - HEAD - TAIL, first=HEAD + 1, last=n - TAIL)

    def layer_name(self, l):
        L = len(self.sizes) - 1
        if l == 0:
            return _t("input")
        return _t("output") if l == L else _t("hidden", n=l)

    def what_shown(self):
        X = self.input.X
        s = self.effective_sample()
        m = 0 if X is None else X.shape[0]
        if s is None:
            return _t("one_sample") if m == 1 else _t("batch_mean_of", m=m)
        text = _t("sample_of", s=s + 1, m=m)
        if X.shape[1] <= MAX_INPUTS_IN_LABELS:
            text += ": x = (" + ", ".join(minus(f"{v:.3g}") for v in X[s]) + ")"
        return text

    def _neuron_tooltip(self, l, u):
        what = self.what_shown()
        if l == 0:
            lines = [_t("input_name", sub=subscript(u + 1)) + " · " + what]
            lines.append(f"x = {fmt(self.value_at('neuron', 0, u, quantity='a'))}")
            return "\n".join(lines)
        act = self.input.activations[l - 1]
        lines = [_t("neuron_name", layer=self.layer_name(l), unit=u + 1) + f" · {act} · " + what]
        for q in ("z", "a", "delta"):
            lines.append(f"{SYMBOL[q]} = {fmt(self.value_at('neuron', l, u, quantity=q))}")
        b = self.value_at("bias", l, u, quantity="w")
        if self.input.b_old is not None and b is not None:
            lines.append("b = " + _t("was", v=fmt(b), old=fmt(self.input.b_old[l][u])))
        else:
            lines.append(f"b = {fmt(b)}")
        lines.append(f"∂L/∂b = {fmt(self.value_at('bias', l, u, quantity='grad'))}")
        Y = self.input.Y
        if l == len(self.sizes) - 1 and Y is not None and Y.ndim == 2 and Y.shape[1] == self.sizes[l]:
            lines.append(_t("target", v=fmt(self.reduce(Y)[u])))
        return "\n".join(lines)

    def _edge_tooltip(self, l, i, j):
        src = (
            _t("input_of", sub=subscript(i + 1))
            if l == 1
            else _t("unit_of", layer=self.layer_name(l - 1).lower(), unit=i + 1)
        )
        dst = _t("unit_of", layer=self.layer_name(l).lower(), unit=j + 1)
        lines = [_t("weight_name", layer=l, src=src, dst=dst)]
        w = self.value_at("edge", l, i, j, quantity="w")
        if self.input.W_old is not None and w is not None:
            lines.append("w = " + _t("was", v=fmt(w), old=fmt(self.input.W_old[l][i, j])))
        else:
            lines.append(f"w = {fmt(w)}")
        lines.append(f"∂L/∂w = {fmt(self.value_at('edge', l, i, j, quantity='grad'))}")
        s = self.effective_sample()
        A, D = self.input.a[l - 1], self.input.delta[l]
        if s is not None and A is not None and D is not None and s < A.shape[0] and s < D.shape[0]:
            with np.errstate(all="ignore"):
                c = self.input.scale
                if c == 1:
                    lines.append(_t("share", v=fmt(A[s, i] * D[s, j])))
                else:  # δ is per sample; its share of ∂L/∂w carries the batch's 1/m
                    lines.append(_t("share_of", m=f"{c:g}", v=fmt(A[s, i] * D[s, j] / c)))
        lines.append(self.what_shown())
        return "\n".join(lines)

    def caption(self):
        p = self.input.phase
        if p is not None:
            return phase_title(p), _t("caption_step", step=p.step + 1, k=p.index + 1, n=self.input.n_phases)
        return _t("caption_values", what=self.what_shown()), ""

    # -- colours and draw lists -----------------------------------------------------------------
    def ranges(self) -> tuple[float, float]:
        d = self.current()
        return tuple(d["ranges"]) if d else (1.0, 1.0)

    def emphasised(self):
        d = self.current()
        return d["emphasis"] if d else None

    def current(self):
        """The draw lists for the current values and geometry (None without a network)."""
        self.ensure_layout()
        if self._stale:
            self._stale = False
            self._recompute(self._stale_smooth)
        return self._draw

    def _recompute(self, smooth):
        """Colours and draw lists from the values: once per change, not per paint."""
        self._draw = None
        if not self.sizes:
            return
        t = style.theme()
        cols = self.colours
        sizes = self.sizes
        L = len(sizes) - 1
        nq, eq = self.neuron_quantity(), self.edge_q
        vis = [visible_units_for(n) for n in sizes]
        nvals, nstate = [], []
        for l in range(L + 1):
            vec = self.neuron_vector(l, nq)
            if vec is None:
                nstate.append(NA if (nq == "delta" and l == 0) else PENDING)
                nvals.append(None)
            else:
                nstate.append(None)
                nvals.append(np.asarray(vec, dtype=float)[vis[l]])
        evals = []
        for l in range(1, L + 1):
            M = self._edge_source(eq, l)
            evals.append(None if M is None else np.asarray(M, dtype=float)[np.ix_(vis[l - 1], vis[l])].ravel())
        bsrc = [None] + [self._bias_source(eq, l) for l in range(1, L + 1)]
        bvals = [None] + [None if v is None else np.asarray(v, float)[vis[l]] for l, v in enumerate(bsrc) if l]
        # colour scales
        key = (nq, eq, sizes, self.fixed)
        if key != self._range_key:
            self._ranges = [None, None]
            self._range_key = key
        if self.fixed:
            ranges = list(self.fixed_ranges)
        else:
            raw = [auto_range(nvals), auto_range(evals + bvals[1:])]
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
        ncode = np.empty(len(self.nx), dtype=np.int64)
        nval_flat = np.full(len(self.nx), np.nan)
        pos = 0
        for l in range(L + 1):
            k = len(vis[l])
            if nvals[l] is None:
                ncode[pos : pos + k] = nstate[l]
            else:
                ncode[pos : pos + k] = codes(nvals[l], rn)
                nval_flat[pos : pos + k] = nvals[l]
            pos += k
        neuron_groups = {}
        for idx, c in enumerate(ncode.tolist()):
            neuron_groups.setdefault(c, []).append(self.centers[idx])
        # biases (on the edge scale: they are parameters like the weights)
        bias_groups = {}
        bcode = {}
        layer_codes = [None] + [None if v is None else codes(v, re_) for v in bsrc[1:]]
        for kk, rect in self.bias_rects:
            l, u = int(self.nl[kk]), int(self.nu[kk])
            c = PENDING if layer_codes[l] is None else int(layer_codes[l][u])
            bcode[kk] = c
            bias_groups.setdefault(c, []).append(rect)
        # edges: grouped by colour bin, weak first so strong edges lie on top
        n_e = len(self.lines)
        ecode = np.empty(n_e, dtype=np.int64)
        evals_flat = np.full(n_e, np.nan)
        for l in range(1, L + 1):
            a, b = self.edge_slices[l]
            if evals[l - 1] is None:
                ecode[a:b] = PENDING
            else:
                ecode[a:b] = codes(evals[l - 1], re_)
                evals_flat[a:b] = evals[l - 1]
        prio = np.where(ecode == PENDING, -1, np.where(ecode == NAN, NB + 1, np.abs(ecode - NB)))
        groups = {}  # insertion order follows the priority order
        lines = self.lines
        for k in np.argsort(prio, kind="stable").tolist():
            groups.setdefault(int(ecode[k]), []).append(lines[k])
        edge_groups = [(cols.pens[c], ls) for c, ls in groups.items()]
        # phase: band, emphasis, flow
        band, emphasis, flow = None, None, None
        p = self.input.phase
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
        if self.show_numbers:
            fm = QFontMetricsF(self.f_label)
            r = self.r
            small = n_e <= MAX_NUMBERED_EDGES
            ink = QColor(t.text)
            label_bg = style.colour(t.base)
            label_bg.setAlpha(225)
            for idx in range(len(self.nx)):
                c = int(ncode[idx])
                if c in (PENDING, NA):
                    continue
                text = short(nval_flat[idx])
                tw = fm.horizontalAdvance(text)
                x, y = self.nx[idx], self.ny[idx]
                if tw <= 2 * r - 8:
                    numbers.append((QRectF(x - r, y - r, 2 * r, 2 * r), text, cols.texts[c], None))
                elif not small:
                    note = _t("legend_neuron_numbers_hidden")  # beside the circle they would hide the edges
                elif self.num_below:
                    numbers.append((QRectF(x - tw / 2 - 3, y + r + 1, tw + 6, self.num_h), text, ink, None))
                else:
                    rect = QRectF(x + r * 0.55, y - r * 0.55 - self.num_h, tw + 6, self.num_h)
                    numbers.append((rect, text, ink, label_bg))
            if small:
                for k in range(n_e):
                    c = int(ecode[k])
                    if c == PENDING:
                        continue
                    text = short(evals_flat[k])
                    tw = fm.horizontalAdvance(text)
                    rect = QRectF(self.ax[k] - tw / 2 - 4, self.ay[k] - self.num_h / 2, tw + 8, self.num_h)
                    numbers.append((rect, text, ink, cols.pens[c].color()))
            else:
                note = _t("legend_numbers_hidden", n=n_e, max=MAX_NUMBERED_EDGES)
        any_nan = bool(np.any(ncode == NAN) or np.any(ecode == NAN) or any(c == NAN for c in bcode.values()))
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
            "caption": self.caption(),
            "nq": nq,
            "eq": eq,
        }
