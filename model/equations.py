"""Equations with the numbers in: what the inspector shows and the trace prints for a selection.

:func:`explain` writes the lecture's equations for one neuron, weight or layer, first in symbols
and then with the step's actual numbers substituted, as HTML rich text (``<sub>``/``<sup>``, for
the GUI) and as plain Unicode text (for the command line and the clipboard)::

    z₁⁽¹⁾ = Σᵢ xᵢ Wᵢ₁⁽¹⁾ + b₁⁽¹⁾
          = (0.05 × 0.15 + 0.10 × 0.20) + 0.35
          = 0.3775

Notation (the lecture's): layer numbers are superscripts in parentheses, layer 0 is the input
``x``, layers 1 … L compute ``z⁽ˡ⁾ = a⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾`` and ``a⁽ˡ⁾ = f(z⁽ˡ⁾)``; ``W_ij⁽ˡ⁾`` is the
weight from unit i of layer l−1 to unit j of layer l (row-major: row i, column j of ``W``).
Units are numbered from 1 on screen; selections use 0-based array indices.

Selections
----------
* ``("neuron", l, j)``: unit j of layer l (l = 0 is the input layer);
* ``("edge", l, i, j)``: the weight ``W⁽ˡ⁾[i, j]``;
* ``("layer", l)``: the whole layer, in matrix form;
* ``None``: the general equation of the latest phase.

Numbers
-------
``precision`` is the number of digits after the decimal point (the published worked example
prints 9).  Trailing zeros are dropped down to two decimals (0.10, 0.3775); whole numbers
print without a point (1, 0).  A value too small to show three significant digits that way, or
of magnitude 10⁶ or more, is printed in scientific notation (4.39×10⁻⁷).  Negative numbers use
the minus sign − and are put in parentheses inside products: ``0.50 × (−0.0381)``.

Sample or batch
---------------
With ``sample = r`` the per-sample quantities (z, a, ∂L/∂a, δ) are row r of the batch, and a
gradient is shown as this sample's term together with the batch total the update uses.  With
``sample = None`` the per-sample lines are shown for every sample (up to 4) and gradients as
the sum over the batch.  δ is ∂L/∂z of the *batch* loss, so it already carries the loss's
1/m (or 1/N) factor; the text says so where it matters.
"""

from __future__ import annotations

import html as _html
import math
import re
from dataclasses import dataclass, field

import numpy as np

from .activations import get_activation
from .trainer import phase_plan, phase_title

__all__ = [
    "Explanation",
    "explain",
    "equation_lines",
    "format_number",
    "NEGATIVE_COLOUR",
    "POSITIVE_COLOUR",
    "ZERO_COLOUR",
    "MAX_TERMS",
    "MAX_SAMPLES",
]

#: The diagram's diverging palette (colour-blind safe): blue for negative, orange for positive.
NEGATIVE_COLOUR = "#2166ac"
POSITIVE_COLOUR = "#d95f02"
ZERO_COLOUR = "#666666"
#: Terms of a sum written out before "+ … (n more terms)".
MAX_TERMS = 8
#: Samples written out one per line in batch mode before "… (n more samples)".
MAX_SAMPLES = 4

KINDS = ("forward", "loss", "delta", "gradient", "update")


@dataclass(frozen=True)
class Explanation:
    """The equations of one selection.

    ``numbers`` holds the raw values used (floats, or arrays over the samples in batch mode), so a
    test can compare them with the model; ``scope`` says whether the numbers are one sample's or
    the batch's; ``pending`` lists the titles of the phases this step has not computed yet;
    ``m`` is the number of samples in the batch and ``sample`` the row shown (``None``: the batch).
    """

    title: str
    html: str
    text: str
    numbers: dict = field(default_factory=dict)
    scope: str = ""
    pending: tuple = ()
    m: int = 0
    sample: int | None = None


# --------------------------------------------------------------------------------------------
# A bit of math in both renderings
# --------------------------------------------------------------------------------------------
class _M:
    """HTML and plain text of the same bit of math.  ``_M(html)`` derives the text from the HTML."""

    __slots__ = ("html", "text")

    def __init__(self, html: str = "", text: str | None = None):
        self.html = html
        self.text = _html_to_text(html) if text is None else text

    def __add__(self, other):
        other = _m(other)
        return _M(self.html + other.html, self.text + other.text)

    def __radd__(self, other):
        return _m(other) + self


def _m(x) -> _M:
    """Plain text (escaped for the HTML), or an _M as it is."""
    if isinstance(x, _M):
        return x
    return _M(_html.escape(str(x), quote=False), str(x))


def _html_to_text(h: str) -> str:
    """The plain-text form of our small HTML: sub/superscripts as Unicode, tags dropped."""
    h = re.sub(r"<sub>(.*?)</sub>", lambda mo: _unicode(_strip(mo.group(1)), _SUB, "_"), h)
    h = re.sub(r"<sup>(.*?)</sup>", lambda mo: _unicode(_strip(mo.group(1)), _SUP, "^"), h)
    h = h.replace("<br/>", " ")
    return _html.unescape(_strip(h))


def _strip(h):
    return re.sub(r"<[^>]+>", "", h)


class _S(_M):
    """A right-hand side in symbols: written once for a batch, not for every sample."""


class _X(_M):
    """A detail step (e.g. 1 / (1 + e^(−z))): written for a single sample only."""


def S(x) -> _S:
    x = _m(x)
    return _S(x.html, x.text)


def X(x) -> _X:
    x = _m(x)
    return _X(x.html, x.text)


def _fm(formula: str) -> _M:
    """A formula from the registries (plain text) with its ``^(…)`` exponents as superscripts."""
    h = _html.escape(formula, quote=False)
    h = re.sub(r"\^\(([^()]*)\)", r"<sup>\1</sup>", h)
    return _M(h, formula)


def _join(parts, sep) -> _M:
    out = _M()
    for k, p in enumerate(parts):
        if k:
            out = out + sep
        out = out + p
    return out


_SUB = str.maketrans("0123456789+-−=()aehijklmnoprstuvx,", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ,")
_SUP = str.maketrans("0123456789+-−=()lLinT′", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ˡᴸⁱⁿᵀ′")


def _unicode(s: str, table, marker: str) -> str:
    t = s.translate(table)
    if all(ord(c) > 127 or c == "," for c in t):
        return t
    return f"{marker}{{{s}}}" if len(s) > 1 else f"{marker}{s}"


def _sym(base: str, sub=None, sup=None, italic=True) -> _M:
    """A symbol such as z₁⁽¹⁾: base, subscript, superscript (e.g. a layer in parentheses)."""
    h = f"<i>{_html.escape(base)}</i>" if italic else _html.escape(base)
    t = base
    if sub not in (None, ""):
        h += f"<sub>{_html.escape(str(sub))}</sub>"
        t += _unicode(str(sub), _SUB, "_")
    if sup not in (None, ""):
        h += f"<sup>{_html.escape(str(sup))}</sup>"
        t += _unicode(str(sup), _SUP, "^")
    return _M(h, t)


def _lay(l) -> str:
    return f"({l})"


def _idx(*units) -> str:
    """1-based unit numbers as a subscript: "12", or "10,3" when a number has two digits."""
    nums = [str(u + 1) for u in units]
    return ("," if any(len(n) > 1 for n in nums) else "").join(nums)


def _a(i, l) -> _M:
    """a_i⁽ˡ⁾, or x_i for the input layer."""
    return _sym("x", _idx(i)) if l == 0 else _sym("a", _idx(i), _lay(l))


def _z(j, l):
    return _sym("z", _idx(j), _lay(l))


def _W(i, j, l):
    return _sym("W", _idx(i, j), _lay(l))


def _b(j, l):
    return _sym("b", _idx(j), _lay(l))


def _delta(j, l):
    return _sym("δ", _idx(j), _lay(l))


def _d(num: _M, den: _M) -> _M:
    """∂num/∂den."""
    return _M("∂", "∂") + num + "/∂" + den


_L = _sym("L")
_GAMMA = _M("<i>γ</i>", "γ")


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------
_SUP_DIGITS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _format_parts(x, precision):
    """(mantissa text, exponent or None), with the minus sign −."""
    x = float(x)
    if math.isnan(x):
        return "NaN", None
    if math.isinf(x):
        return ("−∞" if x < 0 else "∞"), None
    if x == 0:
        return "0", None
    ax = abs(x)
    if ax < 1e6 and x.is_integer():
        return f"{int(x)}".replace("-", "−"), None
    precision = max(0, int(precision))
    if ax >= 1e6 or ax < 10.0 ** (2 - precision):
        digits = max(2, precision - 3)
        mant, exp = f"{x:.{digits}e}".split("e")
        mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
        return mant.replace("-", "−"), int(exp)
    s = f"{x:.{precision}f}"
    if "." in s:
        whole, frac = s.split(".")
        frac = frac.rstrip("0")
        frac = frac + "0" * (min(2, precision) - len(frac)) if len(frac) < 2 else frac
        s = whole + ("." + frac if frac else "")
    if s in ("-0", "-0.00", "-0.0"):
        s = s[1:]
    return s.replace("-", "−"), None


def format_number(x, precision=9) -> str:
    """``x`` as the equations print it, e.g. ``0.593269992``, ``−0.0381``, ``4.39×10⁻⁷``."""
    mant, exp = _format_parts(x, precision)
    if exp is None:
        return mant
    return f"{mant}×10{str(exp).translate(_SUP_DIGITS)}"


class _Fmt:
    def __init__(self, precision):
        self.precision = int(precision)

    def s(self, x) -> str:
        return format_number(x, self.precision)

    def n(self, x, paren=False, result=False, colour=None) -> _M:
        """A number; ``paren`` wraps a negative in parentheses; ``result`` makes it bold and coloured."""
        mant, exp = _format_parts(x, self.precision)
        text = mant if exp is None else f"{mant}×10{str(exp).translate(_SUP_DIGITS)}"
        h = mant if exp is None else f"{mant}×10<sup>{str(exp).replace('-', '−')}</sup>"
        neg = text.startswith("−")
        if paren and neg:
            text, h = f"({text})", f"({h})"
        if result or colour:
            v = float(x)
            c = NEGATIVE_COLOUR if v < 0 else POSITIVE_COLOUR if v > 0 else ZERO_COLOUR
            weight = "font-weight:600;" if result else ""
            h = f'<span style="color:{c};{weight}">{h}</span>'
        return _M(h, text)

    def r(self, x) -> _M:
        return self.n(x, result=True)


# --------------------------------------------------------------------------------------------
# Document structure
# --------------------------------------------------------------------------------------------
@dataclass
class _Eq:
    lhs: _M
    rhs: list
    nested: bool = False  # one sample's numbers under a "sample r:" label


@dataclass
class _Note:
    body: _M
    style: str = "note"  # note | pending | warn


@dataclass
class _Section:
    kind: str
    heading: str
    items: list = field(default_factory=list)
    current: bool = False

    mode: str = "full"  # full | symbolic (batch header) | numeric (per sample in a batch)

    def eq(self, lhs, *rhs):
        """lhs = rhs₁ = rhs₂ …; symbolic (_S) and detail (_X) steps are filtered by the mode."""
        rhs = [_m(r) for r in rhs if r is not None]
        if self.mode == "symbolic":
            rhs = [r for r in rhs if isinstance(r, _S)]
            if not rhs:
                return
        elif self.mode == "numeric":
            rhs = [r for r in rhs if not isinstance(r, (_S, _X))]
        self.items.append(_Eq(_m(lhs), rhs, self.mode == "numeric"))

    def note(self, body, style="note"):
        self.items.append(_Note(_m(body), style))


_NOTE_STYLE = {
    "note": "color:#555555; font-size:small;",
    "tag": "color:#333333; padding-top:6px;",
    "pending": "color:#8a6d00; font-style:italic;",
    "warn": "color:#b2182b;",
}


def _render_html(title, scope, sections) -> str:
    out = [f'<p style="font-size:large; font-weight:600; margin-bottom:2px;">{_html.escape(title)}</p>']
    if scope:
        out.append(f'<p style="color:#555555; margin-top:0px;">{_html.escape(scope)}</p>')
    for sec in sections:
        if sec.current:
            out.append(
                f'<p style="font-weight:600; color:#333333; background-color:#fdebd9; margin-top:12px; '
                f'margin-bottom:4px;">&nbsp;{_html.escape(sec.heading)} '
                f'<span style="color:#b34700; font-size:small;">◀ this phase</span></p>'
            )
        else:
            out.append(
                f'<p style="font-weight:600; color:#333333; margin-top:12px; margin-bottom:4px;">'
                f"{_html.escape(sec.heading)}</p>"
            )
        rows = []
        # Qt's rich text ignores nowrap, so the left column gets a width that fits its widest symbol
        lhs_px = max(
            [_html_width(i.lhs.html) + (18 if i.nested else 0) for i in sec.items if isinstance(i, _Eq)], default=0
        )
        for item in sec.items:
            if isinstance(item, _Eq):
                first = True
                pad = "padding-left:18px;" if item.nested else ""
                for r in item.rhs or [_M()]:
                    lhs = item.lhs.html if first else ""
                    eq = "=" if item.rhs else ""
                    rows.append(
                        f'<tr><td align="right" width="{lhs_px}" style="{pad}">{lhs}</td>'
                        f'<td align="center" width="22">{eq}</td><td>{r.html}</td></tr>'
                    )
                    first = False
            else:
                rows.append(f'<tr><td colspan="3" style="{_NOTE_STYLE[item.style]}">{item.body.html}</td></tr>')
        out.append('<table cellspacing="0" cellpadding="2" width="100%">' + "".join(rows) + "</table>")
    return "\n".join(out)


def _html_width(h: str) -> int:
    """A rough width in pixels of a symbol at the inspector's 13 pt: base characters and sub/superscripts."""
    small = sum(len(_strip(x)) for x in re.findall(r"<su[bp]>(.*?)</su[bp]>", h))
    total = len(_html.unescape(_strip(h)))
    return int(11 * (total - small) + 7 * small) + 8


def _render_lines(sections, headings=True, indent="", notes=True) -> list[str]:
    lines = []
    for sec in sections:
        if headings:
            if lines:
                lines.append("")
            lines.append(indent + sec.heading + ("   ◀ this phase" if sec.current else ""))
        pad = indent + ("  " if headings else "")
        for item in sec.items:
            if isinstance(item, _Eq):
                lhs = item.lhs.text
                p2 = pad + ("  " if item.nested else "")
                if not item.rhs:
                    lines.append(p2 + lhs)
                    continue
                for k, r in enumerate(item.rhs):
                    lines.append(p2 + (lhs if k == 0 else " " * len(lhs)) + " = " + r.text)
            elif notes or item.style != "note":
                lines.append(pad + item.body.text)
    return lines


# --------------------------------------------------------------------------------------------
# The values of the step (or of the current weights)
# --------------------------------------------------------------------------------------------
class _Data:
    """What is known: a step's phases so far, or a snapshot's values at the current weights."""

    def __init__(self, phases, values, X, Y, loss, activations):
        self.loss_obj = loss
        self.phases = {}
        self.mode = "none"
        self.values = None
        self.last = None
        self.X = None if X is None else np.asarray(X, dtype=float)
        self.Y = None if Y is None else np.asarray(Y, dtype=float)
        if values is not None and hasattr(values, "values") and hasattr(values, "X"):  # a Snapshot
            if self.X is None and values.X is not None:
                self.X = np.asarray(values.X, dtype=float)
            if self.Y is None and values.Y is not None:
                self.Y = np.asarray(values.Y, dtype=float)
            values = values.values
        self.values = tuple(values) if values else None
        phases = list(phases or ())
        if phases:
            self.mode = "step"
            for p in phases:
                self.phases[(p.kind, p.layer)] = p
            self.last = phases[-1]
            self.L = int(self.last.values.get("n_layers") or max(p.layer or 0 for p in phases))
            self.step = self.last.step
        elif self.values:
            self.mode = "values"
            self.L = len(self.values)
            self.step = None
        else:
            self.L = len(activations) if activations else 0
            self.step = None
        if activations:
            self.activations = list(activations)
        elif self.values:
            self.activations = [lv.activation for lv in self.values]
        else:
            self.activations = self._infer_activations()
        self.sizes = self._sizes()

    # structure ------------------------------------------------------------------------------
    def _infer_activations(self):
        """Activation names from the forward phases (a = f(z)), when nothing else says."""
        from .activations import ACTIVATIONS

        out = []
        for l in range(1, self.L + 1):
            p = self.phases.get(("forward", l))
            name = None
            if p is not None:
                z, a = p.values["z"], p.values["a"]
                for cand, act in ACTIVATIONS.items():
                    with np.errstate(all="ignore"):
                        if np.allclose(act.forward(np.array(z)), a, rtol=1e-12, atol=1e-15, equal_nan=True):
                            name = cand
                            break
            out.append(name or "")
        return out

    def _sizes(self):
        sizes = [None] * (self.L + 1)
        for l in range(1, self.L + 1):
            f = self.forward(l, any_mode=True)
            if f is not None:
                sizes[l - 1], sizes[l] = f["W"].shape
            elif self.values and l <= len(self.values):
                sizes[l - 1], sizes[l] = self.values[l - 1].W.shape
        return sizes

    def act(self, l):
        name = self.activations[l - 1] if 0 < l <= len(self.activations) else ""
        try:
            return get_activation(name)
        except ValueError:
            return None

    def act_name(self, l):
        return self.activations[l - 1] if 0 < l <= len(self.activations) else ""

    # availability -----------------------------------------------------------------------------
    def has(self, kind, layer=None):
        if self.mode == "step":
            return (kind, layer) in self.phases
        if self.mode == "values":
            if kind == "loss":
                return self.Y is not None and self.loss_obj is not None
            return kind != "update"
        return False

    def pending_title(self, kind, layer=None):
        return phase_title(kind, layer, self.L)

    # values ----------------------------------------------------------------------------------
    def forward(self, l, any_mode=False):
        if self.mode == "step":
            p = self.phases.get(("forward", l))
            if p is None:
                if any_mode:  # shapes from a later phase of the same step
                    u = self.phases.get(("update", None))
                    if u is not None:
                        return {"W": np.asarray(u.values["W_old"][l - 1]), "b": np.asarray(u.values["b_old"][l - 1])}
                    g = self.phases.get(("gradient", l))
                    if g is not None:
                        return {"W": g.values["dW"], "b": g.values["db"]}
                return None
            return p.values
        if self.mode == "values":
            lv = self.values[l - 1]
            a_prev = self.values[l - 2].A if l > 1 else self.X
            return {"a_prev": a_prev, "z": lv.Z, "a": lv.A, "W": lv.W, "b": lv.b}
        return None

    def loss(self):
        if self.mode == "step":
            p = self.phases.get(("loss", None))
            return None if p is None else p.values
        if self.mode == "values" and self.has("loss"):
            out = self.values[-1].A
            y = self.Y.reshape(out.shape) if self.Y.size == out.size else self.Y
            value = float(self.loss_obj.value(y, out))
            return {"loss": value, "report": value, "y_pred": out, "y_true": y}
        return None

    def delta(self, l):
        if self.mode == "step":
            p = self.phases.get(("delta", l))
            return None if p is None else p.values
        if self.mode == "values":
            lv = self.values[l - 1]
            act = self.act(l)
            d = {"delta": lv.delta, "z": lv.Z, "a": lv.A}
            if act is not None:
                with np.errstate(all="ignore"):
                    d["fprime"] = act.derivative(lv.Z, lv.A)
            if l == self.L:
                lossv = self.loss()
                if lossv is not None:
                    d["dA"] = self.loss_obj.gradient(lossv["y_true"], lossv["y_pred"])
                d["fused"] = bool(
                    self.loss_obj is not None and self.loss_obj.fused_formula(self.act_name(l)) is not None
                )
            else:
                nxt = self.values[l]
                d["W_next"] = nxt.W
                d["delta_next"] = nxt.delta
                d["back"] = nxt.delta @ nxt.W.T
            return d
        return None

    def gradient(self, l):
        if self.mode == "step":
            p = self.phases.get(("gradient", l))
            return None if p is None else p.values
        if self.mode == "values":
            lv = self.values[l - 1]
            a_prev = self.values[l - 2].A if l > 1 else self.X
            return {"dW": lv.dW, "db": lv.db, "a_prev": a_prev, "delta": lv.delta}
        return None

    def update(self):
        if self.mode == "step":
            p = self.phases.get(("update", None))
            return None if p is None else p.values
        return None

    def inputs(self):
        """The network's input rows: the step's batch, or the snapshot's X."""
        f = self.forward(1) if self.L else None
        if f is not None and f.get("a_prev") is not None:
            return np.asarray(f["a_prev"])
        return self.X

    def n_samples(self):
        for kind, layer in (("forward", 1), ("forward", self.L), ("loss", None), ("delta", self.L)):
            getter = {"forward": self.forward, "delta": self.delta}.get(kind)
            v = self.loss() if kind == "loss" else getter(layer) if self.L else None
            if v is None:
                continue
            arr = v.get("z", v.get("y_pred", v.get("delta")))
            if arr is not None:
                return int(np.asarray(arr).shape[0])
        if self.X is not None:
            return int(self.X.shape[0])
        return 0


# --------------------------------------------------------------------------------------------
# Activation pieces
# --------------------------------------------------------------------------------------------
_ACT_SYMBOL = {
    "sigmoid": "σ",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "LeakyReLU",
    "linear": "f",
    "softmax": "softmax",
}


def _fsym(name):
    s = _ACT_SYMBOL.get(name, "f")
    return _M(f"<i>{s}</i>" if len(s) == 1 else s, s)


def _activation_value(sec, F, name, j, l, z_row, a_row):
    """a_j = f(z_j) = f(number) = value."""
    z, a = float(z_row[j]), float(a_row[j])
    lhs = _a(j, l)
    f = _fsym(name)
    sym = f + "(" + _z(j, l) + ")"
    if name == "sigmoid":
        sec.eq(
            lhs,
            S(sym),
            f + "(" + F.n(z) + ")",
            X(_M("1 / (1 + e<sup>" + F.n(-z).html + "</sup>)", "1 / (1 + e^(" + F.n(-z).text + "))")),
            F.r(a),
        )
    elif name == "tanh":
        sec.eq(lhs, S(sym), _M("tanh(") + F.n(z) + ")", F.r(a))
    elif name == "relu":
        sec.eq(lhs, S(_M("max(0, ") + _z(j, l) + ")"), _M("max(0, ") + F.n(z) + ")", F.r(a))
    elif name == "leaky_relu":
        rhs = F.n(z) if z > 0 else _M("0.01 × ") + F.n(z, paren=True)
        sec.eq(lhs, S(f + "(" + _z(j, l) + ")"), rhs, F.r(a))
    elif name == "linear":
        sec.eq(lhs, S(_z(j, l)), F.r(a))
    elif name == "softmax":
        k = len(z_row)
        num = _M("e<sup>" + F.n(z).html + "</sup>", "e^(" + F.n(z).text + ")")
        terms = [
            _M("e<sup>" + F.n(float(v)).html + "</sup>", "e^(" + F.n(float(v)).text + ")") for v in z_row[:MAX_TERMS]
        ]
        den = _join(terms, " + ")
        if k > MAX_TERMS:
            den = den + f" + … ({k - MAX_TERMS} more terms)"
        general = _M(
            f"e<sup><i>z</i><sub>{_idx(j)}</sub></sup> / Σ<sub><i>k</i></sub> e<sup><i>z</i><sub><i>k</i></sub></sup>",
            f"e^(z{_idx(j).translate(_SUB)}) / Σₖ e^(zₖ)",
        )
        sec.eq(lhs, S(general), num + " / (" + den + ")", F.r(a))
    else:
        sec.eq(lhs, S(sym), F.r(a))


def _fprime_eq(sec, F, name, j, l, z, a, fp):
    """The activation's derivative with the numbers: σ′(z) = σ(z)(1 − σ(z)) = a × (1 − a) = …"""
    zs = _z(j, l)
    if name == "sigmoid":
        sec.eq(
            _M("<i>σ</i>′(") + zs + ")",
            S(_M("<i>σ</i>(") + zs + ")(1 − " + _M("<i>σ</i>(") + zs + "))"),
            F.n(a) + " × (1 − " + F.n(a) + ")",
            F.r(fp),
        )
    elif name == "tanh":
        sec.eq(_M("tanh′(") + zs + ")", S(_M("1 − tanh²(") + zs + ")"), _M("1 − ") + F.n(a, paren=True) + "²", F.r(fp))
    elif name == "relu":
        cond = "> 0" if z > 0 else "≤ 0"
        sec.eq(_M("ReLU′(") + zs + ")", S(_M("1 if ") + zs + " > 0 else 0"), _M("(") + F.n(z) + f" {cond})", F.r(fp))
    elif name == "leaky_relu":
        cond = "> 0" if z > 0 else "≤ 0"
        sec.eq(
            _M("LeakyReLU′(") + zs + ")",
            S(_M("1 if ") + zs + " > 0 else 0.01"),
            _M("(") + F.n(z) + f" {cond})",
            F.r(fp),
        )
    elif name == "linear":
        sec.eq(_M("<i>f</i>′(") + zs + ")", S("1"), F.r(1.0))
    elif name == "softmax":
        sec.eq(
            _M("∂") + _a(j, l) + "/∂" + zs,
            S(_a(j, l) + "(1 − " + _a(j, l) + ")"),
            F.n(a) + " × (1 − " + F.n(a) + ")",
            F.r(fp),
        )
    else:
        sec.eq(_M("<i>f</i>′(") + zs + ")", S("f′(z)"), F.r(fp))


# --------------------------------------------------------------------------------------------
# Loss pieces
# --------------------------------------------------------------------------------------------
def _elems(y, p):
    y = np.asarray(y, dtype=float).reshape(-1)
    p = np.asarray(p, dtype=float).reshape(-1)
    return y, p


def _sum_terms(terms, total):
    shown = _join(terms[:MAX_TERMS], " + ")
    if total > MAX_TERMS:
        shown = shown + f" + … ({total - MAX_TERMS} more terms)"
    return shown


def _loss_section(sec, F, loss, lv, numbers):
    """L = formula = numbers = value."""
    y_true, y_pred = np.asarray(lv["y_true"]), np.asarray(lv["y_pred"])
    value = float(lv["loss"])
    numbers["loss"] = value
    numbers["y_true"] = y_true
    numbers["y_pred"] = y_pred
    if loss is None:
        sec.eq(_L, F.r(value))
        return
    name = loss.name
    m = y_pred.shape[0]
    y, p = _elems(y_true, y_pred)
    N = p.size
    subst = None
    if name == "mse":
        half, red = loss.params["half"], loss.params["reduction"]
        pre = {(True, "sum"): "½", (False, "sum"): "", (True, "mean"): f"(1/{2 * N})", (False, "mean"): f"(1/{N})"}[
            (half, red)
        ]
        terms = [_M("(") + F.n(a) + " − " + F.n(b, paren=True) + ")²" for a, b in zip(y, p)]
        subst = _M(pre) + ("[" if pre else "") + _sum_terms(terms, N) + ("]" if pre else "")
    elif name == "mae":
        terms = [_M("|") + F.n(a) + " − " + F.n(b, paren=True) + "|" for a, b in zip(y, p)]
        subst = _M(f"(1/{N})[") + _sum_terms(terms, N) + "]"
    elif name == "bce":
        terms = []
        for a, b in zip(y, p):
            if a == 1:
                terms.append(_M("log ") + F.n(b))
            elif a == 0:
                terms.append(_M("log(1 − ") + F.n(b) + ")")
            else:
                terms.append(F.n(a) + " log " + F.n(b) + " + " + F.n(1 - a) + " log(1 − " + F.n(b) + ")")
        subst = _M(f"−(1/{N})[") + _sum_terms(terms, N) + "]"
    elif name in ("cross_entropy",) and y_true.ndim == 2:
        terms = []
        for r in range(m):
            for k in range(y_true.shape[1]):
                if y_true[r, k] == 1:
                    terms.append(_M("log ") + F.n(y_pred[r, k]))
                elif y_true[r, k] != 0:
                    terms.append(F.n(y_true[r, k]) + " log " + F.n(y_pred[r, k]))
        subst = _M(f"−(1/{m})[") + _sum_terms(terms, len(terms)) + "]"
    sec.eq(
        _L,
        _M(_html.escape(loss.formula.split("=", 1)[1].strip()), loss.formula.split("=", 1)[1].strip()),
        subst,
        F.r(value),
    )
    sec.note(f"{loss.label}: " + _scope_of_loss(loss, m, N))
    report = lv.get("report")
    if report is not None and not math.isclose(float(report), value, rel_tol=1e-12, abs_tol=0.0):
        sec.note(_M("Reported (the curve's “Loss”): ") + F.n(float(report)))
        numbers["report"] = float(report)


def _scope_of_loss(loss, m, N):
    name = loss.name
    if name == "mse" and loss.params["reduction"] == "sum":
        return f"summed over all {N} outputs of the batch, no 1/N."
    if name in ("cross_entropy", "label_smoothing_ce", "kl_div"):
        return f"summed over the classes, averaged over the m = {m} samples."
    return f"averaged over all N = {N} outputs (m = {m} samples)."


def _dA_eq(sec, F, loss, y, p, dA, j, l, m, N, K):
    """∂L/∂a_j for one sample, with the numbers."""
    lhs = _d(_L, _a(j, l))
    if loss is None:
        sec.eq(lhs, S(_M("∂<i>L</i>/∂<i>ŷ</i>")), F.r(dA))
        return
    name = loss.name
    yhat = _M("<i>ŷ</i>", "ŷ")
    ysym = _M("<i>y</i>", "y")
    if name == "mse":
        half, red = loss.params["half"], loss.params["reduction"]
        if half and red == "sum":
            sec.eq(
                lhs,
                S(_M("−(") + ysym + " − " + yhat + ")"),
                _M("−(") + F.n(y) + " − " + F.n(p, paren=True) + ")",
                F.r(dA),
            )
            return
        c = 1.0 if half else 2.0
        div = "" if red == "sum" else f"/{N}"
        cs = "" if c == 1 else "2"
        sec.eq(
            lhs,
            S(_M(f"{cs}(") + yhat + " − " + ysym + f"){div}"),
            _M(f"{cs}(") + F.n(p) + " − " + F.n(y, paren=True) + f"){div}",
            F.r(dA),
        )
    elif name == "mae":
        sec.eq(
            lhs,
            S(_M("sign(") + yhat + " − " + ysym + f")/{N}"),
            _M("sign(") + F.n(p) + " − " + F.n(y, paren=True) + f")/{N}",
            F.r(dA),
        )
    elif name == "huber":
        dlt = loss.params["delta"]
        sec.eq(
            lhs,
            S(_M("clip(") + yhat + " − " + ysym + f", −δ, δ)/{N}"),
            _M("clip(") + F.n(p) + " − " + F.n(y, paren=True) + ", " + F.n(-dlt) + ", " + F.n(dlt) + f")/{N}",
            F.r(dA),
        )
    elif name == "log_cosh":
        sec.eq(
            lhs,
            S(_M("tanh(") + yhat + " − " + ysym + f")/{N}"),
            _M("tanh(") + F.n(p) + " − " + F.n(y, paren=True) + f")/{N}",
            F.r(dA),
        )
    elif name == "bce":
        sec.eq(
            lhs,
            S(_M("(") + yhat + " − " + ysym + ") / (" + yhat + "(1 − " + yhat + f")·{N})"),
            _M("(") + F.n(p) + " − " + F.n(y, paren=True) + ") / (" + F.n(p) + " × (1 − " + F.n(p) + f") × {N})",
            F.r(dA),
        )
    elif name in ("cross_entropy", "kl_div"):
        sec.eq(
            lhs,
            S(_M("−") + ysym + " / (m·" + yhat + ")"),
            _M("−") + F.n(y, paren=True) + f" / ({m} × " + F.n(p) + ")",
            F.r(dA),
        )
    elif name == "label_smoothing_ce":
        eps = loss.params["epsilon"]
        yt = (1 - eps) * y + eps / K
        sec.eq(
            lhs,
            S(_M("−<i>ỹ</i>", "−ỹ") + " / (m·" + yhat + ")"),
            _M("−") + F.n(yt, paren=True) + f" / ({m} × " + F.n(p) + ")",
            F.r(dA),
        )
    else:
        formula = loss.gradient_formula.split("=", 1)[1].strip()
        sec.eq(lhs, S(formula), F.r(dA))


# --------------------------------------------------------------------------------------------
# Optimiser pieces
# --------------------------------------------------------------------------------------------
def _opt_info(optimizer, upd):
    """(name, learning rate, params) from an Optimizer, a dict, a name, or the update phase."""
    name, lr, params = "sgd", None, {}
    if optimizer is not None:
        if isinstance(optimizer, str):
            name = optimizer
        elif isinstance(optimizer, dict):
            name = optimizer.get("name", "sgd")
            lr = optimizer.get("learning_rate")
            params = {k: v for k, v in optimizer.items() if k not in ("name", "learning_rate", "state")}
        else:
            name = getattr(optimizer, "name", "sgd")
            lr = getattr(optimizer, "learning_rate", None)
            params = dict(getattr(optimizer, "params", {}))
    if upd is not None and upd.get("lr") is not None:
        lr = float(upd["lr"])
    return name, (None if lr is None else float(lr)), params


def _update_eqs(sec, F, wsym, w_old, w_new, g, opt, numbers, prefix):
    """The update of one parameter: Δw and w′ with the optimiser's numbers."""
    name, lr, params = opt
    dw = w_new - w_old
    wp = _M("") + wsym + "′"
    gsym = _d(_L, wsym)
    numbers[prefix + "_new"] = float(w_new)
    numbers["d" + prefix + "_update"] = float(dw)
    if name == "momentum" and lr:
        mu = float(params.get("momentum", 0.9))
        v = -dw / lr
        sec.eq(
            _sym("v"),
            _M("<i>μ</i>·<i>v</i><sub>prev</sub>", "μ·v_prev") + " + " + gsym,
            F.n(mu) + " × " + F.n((v - g) / mu if mu else 0.0, paren=True) + " + " + F.n(g, paren=True),
            F.r(v),
        )
        sec.eq(
            _M("Δ") + wsym, _M("−") + _GAMMA + "·" + _sym("v"), _M("−") + F.n(lr) + " × " + F.n(v, paren=True), F.r(dw)
        )
        numbers["velocity"] = float(v)
    elif name == "adam":
        sec.note(
            _M(
                "Adam: m ← β₁m + (1−β₁)g ;  v ← β₂v + (1−β₂)g² ;  Δw = −γ·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε), "
                "with its own running averages per weight, so |Δw| is about γ and not γ·|g|."
            )
        )
        sec.eq(_M("Δ") + wsym, wp + " − " + wsym, F.n(w_new) + " − " + F.n(w_old, paren=True), F.r(dw))
    else:
        if lr is None:
            lr = -dw / g if g else float("nan")
        sec.eq(_M("Δ") + wsym, _M("−") + _GAMMA + "·" + gsym, _M("−") + F.n(lr) + " × " + F.n(g, paren=True), F.r(dw))
    numbers["lr"] = lr
    sign = " − " if dw < 0 else " + "
    sec.eq(wp, wsym + " + Δ" + wsym, F.n(w_old) + sign + F.n(abs(dw)), F.r(w_new))


def _update_preview(sec, F, wsym, w, g, opt, numbers, prefix):
    """What plain gradient descent would do next, when no update has happened yet."""
    name, lr, _ = opt
    if lr is None:
        return
    dw = -lr * g
    numbers["d" + prefix + "_preview"] = dw
    what = "" if name == "sgd" else f" (plain gradient descent; {name} also uses its running state)"
    sec.note(_M("Next, ") + wsym + " would move by −γ·∂L/∂w" + what + ":")
    sec.eq(_M("Δ") + wsym, _M("−") + F.n(lr) + " × " + F.n(g, paren=True), F.r(dw))
    sign = " − " if dw < 0 else " + "
    sec.eq(wsym + "′", F.n(w) + sign + F.n(abs(dw)), F.r(w + dw))


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------
def _rows(sample, m):
    """(rows shown, single?): one row for a chosen sample or a batch of one, else every row."""
    if sample is not None and 0 <= int(sample) < m:
        return [int(sample)], True
    if m == 1:
        return [0], True
    return list(range(m)), False


def _sample_prefix(rows, single, m, r):
    if single or m == 1:
        return None
    return f"sample {r + 1}:"


def _layer_word(l, L):
    if l == 0:
        return "input layer"
    return "output layer" if l == L else f"hidden layer {l}"


def _the(l, L):
    """``the output layer``, ``the input layer``, ``hidden layer 2``."""
    w = _layer_word(l, L)
    return w if w.startswith("hidden") else "the " + w


class _Builder:
    def __init__(self, d: _Data, F: _Fmt, loss, optimizer, sample, sections):
        self.d, self.F, self.loss = d, F, loss
        self.upd = d.update()
        self.opt = _opt_info(optimizer, self.upd)
        self.m = d.n_samples()
        self.rows, self.single = _rows(sample, self.m)
        self.sample_ignored = sample is not None and not (0 <= int(sample) < self.m)
        self.want = set(sections) if sections else set(KINDS)
        self.sections: list[_Section] = []
        self.numbers: dict = {}
        self.pending: list[str] = []
        self.current = (d.last.kind, d.last.layer) if d.last is not None else None

    # helpers -----------------------------------------------------------------------------
    def section(self, kind, heading, layer=None):
        if kind not in self.want:
            return None
        sec = _Section(kind, heading, current=self.current == (kind, layer))
        self.sections.append(sec)
        return sec

    def pend(self, sec, kind, layer=None):
        title = self.d.pending_title(kind, layer)
        if self.d.mode == "none":
            sec.note("Nothing computed yet: step through a training step (or train) to see the numbers.", "pending")
        elif self.d.mode == "values" and kind == "update":
            sec.note("No update in this view: the values are at the current weights.", "pending")
        elif self.d.mode == "values" and kind == "loss":
            sec.note("The loss needs the targets and the loss function.", "pending")
        else:
            sec.note(f"not computed yet in this step (pending: {title})", "pending")
        if title not in self.pending:
            self.pending.append(title)

    def per_sample(self, arr, j):
        """Values of column j over the shown rows (a float in sample mode)."""
        arr = np.asarray(arr)
        v = arr[self.rows, j]
        return float(v[0]) if self.single else v.copy()

    def shown_rows(self):
        return self.rows if self.single else self.rows[:MAX_SAMPLES]

    def more_samples(self, sec):
        if not self.single and len(self.rows) > MAX_SAMPLES:
            sec.note(f"… ({len(self.rows) - MAX_SAMPLES} more samples)")

    def per_rows(self, sec, emit):
        """``emit(r)`` for the shown rows: in full for one sample; for a batch, the symbols once, then numbers."""
        rows = self.shown_rows()
        if self.single:
            emit(rows[0])
            return
        sec.mode = "symbolic"
        emit(rows[0])
        sec.mode = "numeric"
        for r in rows:
            self.tag(sec, r)
            emit(r)
        sec.mode = "full"
        self.more_samples(sec)

    def tag(self, sec, r):
        p = _sample_prefix(self.rows, self.single, self.m, r)
        if p:
            sec.note(_M(f"<b>{p}</b>", p), "tag")

    # neuron -----------------------------------------------------------------------------
    def neuron(self, l, j):
        d, F = self.d, self.F
        L = d.L
        if l == 0:
            sec = self.section("forward", "Input", 1)
            if sec is None:
                return
            X = d.inputs()
            if X is None:
                self.pend(sec, "forward", 1)
                return
            sec.note("The input layer computes nothing: it passes the sample's feature on.")
            if self.single:
                sec.eq(_a(j, 0), F.r(X[self.rows[0], j]))
            else:
                sec.eq(
                    _a(j, 0) + f" (samples 1 … {len(self.rows)})",
                    _matrix(F, X[self.rows, j][None, :], max_cols=MAX_TERMS),
                )
            self.numbers["x"] = self.per_sample(X, j)
            return
        self.forward_neuron(l, j)
        if l == L:
            self.loss_part()
        self.delta_neuron(l, j)
        self.bias_gradient(l, j)
        self.bias_update(l, j)

    def forward_neuron(self, l, j):
        d, F = self.d, self.F
        sec = self.section("forward", f"Forward pass ({_layer_word(l, d.L)}, unit {j + 1})", l)
        if sec is None:
            return
        if not d.has("forward", l):
            self.pend(sec, "forward", l)
            return
        f = d.forward(l)
        W, b, Z, A = np.asarray(f["W"]), np.asarray(f["b"]), np.asarray(f["z"]), np.asarray(f["a"])
        a_prev = None if f.get("a_prev") is None else np.asarray(f["a_prev"])
        n_in = W.shape[0]
        prev = _M("<i>x</i><sub><i>i</i></sub>") if l == 1 else _M(f"<i>a</i><sub><i>i</i></sub><sup>({l - 1})</sup>")
        wsym = _M(f"<i>W</i><sub><i>i</i>{_idx(j)}</sub><sup>({l})</sup>")
        general = _M("Σ<sub><i>i</i></sub> ") + prev + " " + wsym + " + " + _b(j, l)
        self.numbers["W_col"] = W[:, j].copy()
        self.numbers["b"] = float(b[j])
        self.numbers["z"] = self.per_sample(Z, j)
        self.numbers["a"] = self.per_sample(A, j)
        name = d.act_name(l)

        def emit(r):
            subst = None
            if a_prev is not None:
                terms = [
                    F.n(a_prev[r, i], paren=True) + " × " + F.n(W[i, j], paren=True)
                    for i in range(min(n_in, MAX_TERMS))
                ]
                s = _join(terms, " + ")
                if n_in > MAX_TERMS:
                    s = s + f" + … ({n_in - MAX_TERMS} more terms)"
                subst = _M("(") + s + ") + " + F.n(b[j], paren=True)
            sec.eq(_z(j, l), S(general), subst, F.r(Z[r, j]))
            _activation_value(sec, F, name, j, l, Z[r], A[r])

        self.per_rows(sec, emit)
        if a_prev is not None:
            self.numbers["a_prev"] = a_prev[self.rows[0]].copy() if self.single else a_prev.copy()
        else:
            sec.note("(the inputs x are not part of this view)")
        if name:
            act = get_activation(name)
            sec.note(_fm(f"{act.label}: {act.formula}"))

    def loss_part(self):
        d, F = self.d, self.F
        sec = self.section("loss", "Loss", None)
        if sec is None:
            return
        if not d.has("loss"):
            self.pend(sec, "loss")
            return
        lv = d.loss()
        if lv.get("diverged"):
            sec.note("The loss is not finite: the step stopped here.", "warn")
        _loss_section(sec, F, self.loss, lv, self.numbers)

    def delta_neuron(self, l, j):
        d = self.d
        sec = self.section("delta", "Backward: δ, the neuron's share of the blame (∂L/∂z)", l)
        if sec is None:
            return
        if not d.has("delta", l):
            self.pend(sec, "delta", l)
            return
        dv = d.delta(l)
        delta = np.asarray(dv["delta"])
        fp = None if dv.get("fprime") is None else np.asarray(dv["fprime"])
        Z, A = np.asarray(dv["z"]), np.asarray(dv["a"])
        name = d.act_name(l)
        self.numbers["delta"] = self.per_sample(delta, j)
        if fp is not None:
            self.numbers["fprime"] = self.per_sample(fp, j)
        if l == d.L:
            self.output_delta(sec, l, j, dv, delta, fp, Z, A, name)
        else:
            self.hidden_delta(sec, l, j, dv, delta, fp, Z, A, name)

    def output_delta(self, sec, l, j, dv, delta, fp, Z, A, name):
        d, F, loss = self.d, self.F, self.loss
        lv = d.loss()
        dA = None if dv.get("dA") is None else np.asarray(dv["dA"])
        m, K = A.shape
        N = A.size
        fused = bool(dv.get("fused"))
        if dA is not None:
            self.numbers["dA"] = self.per_sample(dA, j)
        Y = None if lv is None else np.asarray(lv["y_true"]).reshape(A.shape)
        lname = getattr(loss, "name", "")
        if fused:
            if name == "sigmoid":
                sec.note(
                    "Sigmoid + binary cross-entropy: σ′ = ŷ(1 − ŷ) cancels the ŷ(1 − ŷ) in ∂L/∂ŷ, leaving the "
                    f"error itself; the 1/N is the mean over the N = {N} outputs of the batch (m = {m})."
                )
                div, divsym = N, "N"
            else:
                extra = ", with ỹ = (1 − ε)·y + ε/K (label smoothing)" if lname == "label_smoothing_ce" else ""
                sec.note(
                    "Softmax + cross-entropy: the softmax Jacobian times ∂L/∂ŷ = −y/(m·ŷ) simplifies to the "
                    f"error itself{extra}; the 1/m is the mean over the m = {m} samples."
                )
                div, divsym = m, "m"
            ylet = "ỹ" if lname == "label_smoothing_ce" else "y"
            general = _M("(") + _sym("ŷ", _idx(j)) + " − " + _sym(ylet, _idx(j)) + f") / {divsym}"

            def emit(r):
                y = None if Y is None else float(Y[r, j])
                if lname == "label_smoothing_ce" and y is not None:
                    eps = loss.params["epsilon"]
                    y = (1 - eps) * y + eps / K
                subst = None if y is None else _M("(") + F.n(A[r, j]) + " − " + F.n(y, paren=True) + f") / {div}"
                sec.eq(_delta(j, l), S(general), subst, F.r(delta[r, j]))

            self.per_rows(sec, emit)
            self.numbers["fused"] = True
            return
        if name == "softmax":
            sec.note(
                "Softmax couples the outputs, so δ is the Jacobian–vector product δⱼ = aⱼ(gⱼ − Σₖ gₖaₖ) with g = ∂L/∂a."
            )

        def emit(r):
            if dA is not None and Y is not None:
                _dA_eq(sec, F, loss, float(Y[r, j]), float(A[r, j]), float(dA[r, j]), j, l, m, N, K)
            elif dA is not None:
                sec.eq(_d(_L, _a(j, l)), F.r(dA[r, j]))
            if name == "softmax" and dA is not None:
                k = A.shape[1]
                inner = _join(
                    [F.n(dA[r, q], paren=True) + " × " + F.n(A[r, q]) for q in range(min(k, MAX_TERMS))], " + "
                )
                if k > MAX_TERMS:
                    inner = inner + f" + … ({k - MAX_TERMS} more terms)"
                sec.eq(
                    _delta(j, l),
                    S(_a(j, l) + " · (" + _d(_L, _a(j, l)) + " − Σₖ (∂L/∂aₖ) aₖ)"),
                    F.n(A[r, j]) + " × (" + F.n(dA[r, j], paren=True) + " − (" + inner + "))",
                    F.r(delta[r, j]),
                )
                return
            rhs_num = None
            if dA is not None and fp is not None:
                rhs_num = F.n(dA[r, j], paren=True) + " × " + F.n(fp[r, j], paren=True)
            sec.eq(
                _delta(j, l),
                S(_d(_L, _a(j, l)) + " · " + _fsym(name) + "′(" + _z(j, l) + ")"),
                rhs_num,
                F.r(delta[r, j]),
            )
            if fp is not None:
                _fprime_eq(sec, F, name, j, l, float(Z[r, j]), float(A[r, j]), float(fp[r, j]))

        self.per_rows(sec, emit)
        self.numbers["fused"] = False

    def hidden_delta(self, sec, l, j, dv, delta, fp, Z, A, name):
        F = self.F
        Wn = None if dv.get("W_next") is None else np.asarray(dv["W_next"])
        dn = None if dv.get("delta_next") is None else np.asarray(dv["delta_next"])
        back = None if dv.get("back") is None else np.asarray(dv["back"])
        general = _M(
            f"(Σ<sub><i>k</i></sub> <i>W</i><sub>{_idx(j)}<i>k</i></sub><sup>({l + 1})</sup> "
            f"<i>δ</i><sub><i>k</i></sub><sup>({l + 1})</sup>)"
        )
        general = general + " · " + _fsym(name) + "′(" + _z(j, l) + ")"
        if back is not None:
            self.numbers["back"] = self.per_sample(back, j)
        if Wn is not None:
            self.numbers["W_next_row"] = Wn[j].copy()

        def emit(r):
            subst = short = None
            if Wn is not None and dn is not None and fp is not None:
                k = Wn.shape[1]
                terms = [
                    F.n(Wn[j, q], paren=True) + " × " + F.n(dn[r, q], paren=True) for q in range(min(k, MAX_TERMS))
                ]
                s = _join(terms, " + ")
                if k > MAX_TERMS:
                    s = s + f" + … ({k - MAX_TERMS} more terms)"
                subst = _M("(") + s + ") × " + F.n(fp[r, j], paren=True)
                if back is not None and k > 1:
                    short = F.n(back[r, j], paren=True) + " × " + F.n(fp[r, j], paren=True)
            sec.eq(_delta(j, l), S(general), subst, short, F.r(delta[r, j]))
            if fp is not None:
                _fprime_eq(sec, F, name, j, l, float(Z[r, j]), float(A[r, j]), float(fp[r, j]))

        self.per_rows(sec, emit)
        sec.note(
            _M(f"Row {j + 1} of ")
            + _sym("W", None, _lay(l + 1))
            + ": the weights leaving this neuron carry the next layer's δ back to it."
        )

    def bias_gradient(self, l, j):
        d, F = self.d, self.F
        sec = self.section("gradient", "Gradient of the bias", l)
        if sec is None:
            return
        if not d.has("gradient", l):
            self.pend(sec, "gradient", l)
            return
        g = d.gradient(l)
        delta, db = np.asarray(g["delta"]), np.asarray(g["db"])
        self.numbers["db"] = float(db[j])
        bsym = _b(j, l)
        if self.m == 1:
            sec.eq(_d(_L, bsym), _delta(j, l), F.r(db[j]))
            return
        terms = [F.n(delta[r, j], paren=True) for r in range(min(self.m, MAX_TERMS))]
        sec.eq(
            _d(_L, bsym), _M("Σ<sub>samples</sub> ", "Σ_samples ") + _delta(j, l), _sum_terms(terms, self.m), F.r(db[j])
        )
        if self.single:
            r = self.rows[0]
            sec.note(_M(f"Sample {r + 1}'s share: ") + F.n(delta[r, j]) + "; the update uses the sum over the batch.")
            self.numbers["db_term"] = float(delta[r, j])

    def bias_update(self, l, j):
        d, F = self.d, self.F
        sec = self.section("update", "Update of the bias", None)
        if sec is None:
            return
        bsym = _b(j, l)
        if not d.has("update"):
            self.pend(sec, "update")
            if d.has("gradient", l):
                f = d.forward(l, any_mode=True)
                if f is not None:
                    _update_preview(
                        sec,
                        F,
                        bsym,
                        float(np.asarray(f["b"])[j]),
                        float(np.asarray(d.gradient(l)["db"])[j]),
                        self.opt,
                        self.numbers,
                        "b",
                    )
            return
        u = self.upd
        b_old, b_new = float(np.asarray(u["b_old"][l - 1])[j]), float(np.asarray(u["b"][l - 1])[j])
        g = float(np.asarray(d.gradient(l)["db"])[j]) if d.has("gradient", l) else float("nan")
        self.numbers["b_old"] = b_old
        _update_eqs(sec, F, bsym, b_old, b_new, g, self.opt, self.numbers, "b")

    # edge -------------------------------------------------------------------------------
    def edge(self, l, i, j):
        d, F = self.d, self.F
        wsym = _W(i, j, l)
        sec = self.section(
            "forward", f"The weight from unit {i + 1} of {_the(l - 1, d.L)} to unit {j + 1} of {_the(l, d.L)}", l
        )
        if sec is not None:
            f = d.forward(l) if d.has("forward", l) else None
            if f is None:
                self.pend(sec, "forward", l)
            else:
                W = np.asarray(f["W"])
                self.numbers["w"] = float(W[i, j])
                sec.eq(wsym, F.r(W[i, j]))
                a_prev = f.get("a_prev")
                if a_prev is not None:
                    ap = np.asarray(a_prev)
                    sec.note(_M("Its share of ") + _z(j, l) + ":")
                    self.per_rows(
                        sec,
                        lambda r: sec.eq(
                            _a(i, l - 1) + " · " + wsym,
                            F.n(ap[r, i], paren=True) + " × " + F.n(W[i, j], paren=True),
                            F.r(ap[r, i] * W[i, j]),
                        ),
                    )
                    self.numbers["a_prev"] = self.per_sample(ap, i)
        self.edge_gradient(l, i, j, wsym)
        self.edge_update(l, i, j, wsym)

    def edge_gradient(self, l, i, j, wsym):
        d, F = self.d, self.F
        sec = self.section("gradient", "Gradient: which way, and how much, to move the weight", l)
        if sec is None:
            return
        if not d.has("gradient", l):
            self.pend(sec, "gradient", l)
            return
        g = d.gradient(l)
        ap, delta, dW = (
            np.asarray(g["a_prev"]) if g.get("a_prev") is not None else None,
            np.asarray(g["delta"]),
            np.asarray(g["dW"]),
        )
        self.numbers["dW"] = float(dW[i, j])
        general = _a(i, l - 1) + " · " + _delta(j, l)
        if ap is None:
            sec.eq(_d(_L, wsym), general, F.r(dW[i, j]))
            return
        self.numbers["delta"] = self.per_sample(delta, j)
        self.numbers["a_prev"] = self.per_sample(ap, i)
        if self.m == 1:
            sec.eq(
                _d(_L, wsym), general, F.n(ap[0, i], paren=True) + " × " + F.n(delta[0, j], paren=True), F.r(dW[i, j])
            )
        else:
            terms = [
                F.n(ap[r, i], paren=True) + " × " + F.n(delta[r, j], paren=True) for r in range(min(self.m, MAX_TERMS))
            ]
            sec.eq(
                _d(_L, wsym),
                _M("Σ<sub>samples</sub> ", "Σ_samples ") + general,
                _sum_terms(terms, self.m),
                F.r(dW[i, j]),
            )
            if self.single:
                r = self.rows[0]
                term = float(ap[r, i] * delta[r, j])
                self.numbers["dW_term"] = term
                sec.note(
                    _M(f"Sample {r + 1}'s term: ")
                    + F.n(ap[r, i], paren=True)
                    + " × "
                    + F.n(delta[r, j], paren=True)
                    + " = "
                    + F.n(term)
                    + f"; the update uses the sum over all {self.m} samples."
                )
            else:
                sec.note(
                    f"Summed over the batch of {self.m} samples, as the update uses (δ already carries the loss's 1/m)."
                )
        sec.note("w′ = w − γ·δ·a: a is how loud the input was, δ the neuron's share of the blame.")

    def edge_update(self, l, i, j, wsym):
        d, F = self.d, self.F
        heading = "Update: w′ = w − γ·∂L/∂w" if self.opt[0] == "sgd" else f"Update ({self.opt[0]})"
        sec = self.section("update", heading, None)
        if sec is None:
            return
        if not d.has("update"):
            self.pend(sec, "update")
            if d.has("gradient", l):
                f = d.forward(l, any_mode=True)
                if f is not None:
                    _update_preview(
                        sec,
                        F,
                        wsym,
                        float(np.asarray(f["W"])[i, j]),
                        float(np.asarray(d.gradient(l)["dW"])[i, j]),
                        self.opt,
                        self.numbers,
                        "w",
                    )
            return
        u = self.upd
        w_old, w_new = float(np.asarray(u["W_old"][l - 1])[i, j]), float(np.asarray(u["W"][l - 1])[i, j])
        g = float(np.asarray(d.gradient(l)["dW"])[i, j]) if d.has("gradient", l) else float("nan")
        self.numbers["w_old"] = w_old
        _update_eqs(sec, F, wsym, w_old, w_new, g, self.opt, self.numbers, "w")

    # layer ------------------------------------------------------------------------------
    def layer(self, l):
        d, F = self.d, self.F
        L = d.L
        if l == 0:
            sec = self.section("forward", "Input layer", 1)
            if sec is None:
                return
            X = d.inputs()
            if X is None:
                self.pend(sec, "forward", 1)
                return
            sec.eq(_sym("A", None, "(0)"), _sym("X"), _matrix(F, X))
            self.numbers["X"] = X.copy()
            return
        ZL, AL, WL, bL = (_sym(s, None, _lay(l)) for s in ("Z", "A", "W", "b"))
        Aprev = _sym("X") if l == 1 else _sym("A", None, _lay(l - 1))
        sec = self.section("forward", f"Forward pass of {_the(l, L)}", l)
        if sec is not None:
            sec.eq(ZL, Aprev + " " + WL + " + " + bL)
            if d.sizes[l] is not None:
                sec.note(
                    f"{Aprev.text} is m × {d.sizes[l - 1]} (one row per sample), {WL.text} is {d.sizes[l - 1]} × "
                    f"{d.sizes[l]}: W[i, j] connects unit i of layer {l - 1} to unit j of layer {l}."
                )
            name = d.act_name(l)
            sec.eq(AL, _fsym(name) + "(" + ZL + ")")
            if name:
                act = get_activation(name)
                sec.note(_fm(f"{act.label}: {act.formula}"))
            if d.has("forward", l):
                f = d.forward(l)
                Z, A = np.asarray(f["z"]), np.asarray(f["a"])
                self.numbers["Z"], self.numbers["A"] = Z[self.rows], A[self.rows]
                sec.eq(ZL, _matrix(F, Z[self.rows]))
                sec.eq(AL, _matrix(F, A[self.rows]))
            else:
                self.pend(sec, "forward", l)
        if l == L:
            self.loss_part()
        sec = self.section("delta", f"Backward: δ of {_the(l, L)}", l)
        if sec is not None:
            dsym = _sym("δ", None, _lay(l))
            if l == L:
                fused = self.loss is not None and self.loss.fused_formula(d.act_name(l))
                if fused:
                    sec.eq(dsym, _m(self.loss.fused_formula(d.act_name(l)).split("=", 1)[1].strip()))
                else:
                    sec.eq(dsym, _M("∂<i>L</i>/∂", "∂L/∂") + AL + " ⊙ " + _fsym(d.act_name(l)) + "′(" + ZL + ")")
            else:
                sec.eq(
                    dsym,
                    _M("(")
                    + _sym("δ", None, _lay(l + 1))
                    + " "
                    + _sym("W", None, _lay(l + 1))
                    + _M("<sup>T</sup>", "ᵀ")
                    + ") ⊙ "
                    + _fsym(d.act_name(l))
                    + "′("
                    + ZL
                    + ")",
                )
                sec.note(
                    _M("One row per sample: the lecture's (")
                    + _sym("W", None, _lay(l + 1))
                    + _M("<sup>T</sup>", "ᵀ")
                    + " "
                    + _sym("δ", None, _lay(l + 1))
                    + ") ⊙ f′("
                    + _sym("z", None, _lay(l))
                    + ") for a batch of row vectors."
                )
            if d.has("delta", l):
                delta = np.asarray(d.delta(l)["delta"])
                self.numbers["delta"] = delta[self.rows]
                sec.eq(dsym, _matrix(F, delta[self.rows]))
            else:
                self.pend(sec, "delta", l)
        sec = self.section("gradient", f"Gradients of {_the(l, L)}", l)
        if sec is not None:
            sec.eq(_M("∂<i>L</i>/∂", "∂L/∂") + WL, Aprev + _M("<sup>T</sup>", "ᵀ") + " " + _sym("δ", None, _lay(l)))
            sec.eq(_M("∂<i>L</i>/∂", "∂L/∂") + bL, _M("Σ<sub>samples</sub> ", "Σ_samples ") + _sym("δ", None, _lay(l)))
            if d.has("gradient", l):
                g = d.gradient(l)
                dW, db = np.asarray(g["dW"]), np.asarray(g["db"])
                self.numbers["dW"], self.numbers["db"] = dW, db
                sec.eq(_M("∂<i>L</i>/∂", "∂L/∂") + WL, _matrix(F, dW))
                sec.eq(_M("∂<i>L</i>/∂", "∂L/∂") + bL, _matrix(F, db[None, :]))
                sec.note(
                    _M("‖∂L/∂W‖ = ") + F.n(float(np.sqrt(np.sum(dW * dW)))) + f" (summed over the batch of {self.m})"
                )
            else:
                self.pend(sec, "gradient", l)
        sec = self.section("update", "Update", None)
        if sec is not None:
            name, lr, _ = self.opt
            from .optimizers import OPTIMIZERS

            formula = OPTIMIZERS[name].formula if name in OPTIMIZERS else "w ← w − γ·∂L/∂w"
            sec.note(formula)
            if lr is not None:
                sec.note(_M("γ = ") + F.n(lr))
            if d.has("update"):
                W_new = np.asarray(self.upd["W"][l - 1])
                self.numbers["W_new"] = W_new.copy()
                sec.eq(WL + "′", _matrix(F, W_new))
            else:
                self.pend(sec, "update")

    # nothing selected ---------------------------------------------------------------------
    def general(self):
        """The general equation of the latest phase (or the plan of a step)."""
        d = self.d
        if d.last is None:
            sec = self.section("forward", "One training step", None) or _Section("forward", "One training step")
            if sec not in self.sections:
                self.sections.append(sec)
            L = d.L
            if L:
                for kind, layer in phase_plan(L):
                    sec.note(phase_title(kind, layer, L))
            sec.note(
                "Forward: z⁽ˡ⁾ = a⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾); backward: δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾); "
                "update: w′ = w − γ·δ·a."
            )
            return "One training step"
        kind, l = d.last.kind, d.last.layer
        self.want = {kind}
        if kind == "loss":
            self.loss_part()
            return d.last.title
        if kind == "update":
            sec = self.section("update", "Update", None)
            name, lr, _ = self.opt
            from .optimizers import OPTIMIZERS

            sec.note(OPTIMIZERS[name].formula if name in OPTIMIZERS else "w ← w − γ·∂L/∂w")
            if lr is not None:
                sec.note(_M("γ = ") + self.F.n(lr))
            sec.note(
                "Every weight moves against its gradient: w′ = w − γ·δ·a (γ the speed of adjustment, "
                "δ the share of blame, a how loud the input was)."
            )
            return d.last.title
        # forward / delta / gradient of layer l: the layer's matrix form, that part only
        self.layer_general(kind, l)
        return d.last.title

    def layer_general(self, kind, l):
        self.want = {kind}
        self.layer(l)
        for sec in self.sections:
            sec.current = True


def _matrix(F, M, max_rows=6, max_cols=6) -> _M:
    """A small matrix as [[…], […]]; larger ones elided."""
    M = np.atleast_2d(np.asarray(M, dtype=float))
    rows = []
    for r in range(min(M.shape[0], max_rows)):
        cells = [F.n(M[r, c], colour=True) for c in range(min(M.shape[1], max_cols))]
        line = _join(cells, ", ")
        if M.shape[1] > max_cols:
            line = line + f", … ({M.shape[1] - max_cols} more)"
        rows.append(_M("[") + line + "]")
    body = _join(rows, _M("<br/>", ", "))
    if M.shape[0] > max_rows:
        body = body + _M("<br/>", ", ") + f"… ({M.shape[0] - max_rows} more rows)"
    return _M("[") + body + "]"


# --------------------------------------------------------------------------------------------
# Public
# --------------------------------------------------------------------------------------------
def _check_selection(selection, d: _Data):
    if selection is None:
        return None
    if not isinstance(selection, (tuple, list)) or not selection:
        raise ValueError(f"a selection is ('neuron', l, j), ('edge', l, i, j) or ('layer', l), got {selection!r}")
    kind = selection[0]
    L = d.L
    sizes = d.sizes
    try:
        if kind == "neuron":
            _, l, j = selection
            l, j = int(l), int(j)
            if not 0 <= l <= L:
                raise ValueError(f"there is no layer {l}; the network has layers 0 … {L}")
            if sizes[l] is not None and not 0 <= j < sizes[l]:
                raise ValueError(f"layer {l} has {sizes[l]} units, there is no unit {j + 1}")
            return ("neuron", l, j)
        if kind == "edge":
            _, l, i, j = selection
            l, i, j = int(l), int(i), int(j)
            if not 1 <= l <= L:
                raise ValueError(f"weights belong to layers 1 … {L}, not {l}")
            if sizes[l] is not None and not (0 <= i < sizes[l - 1] and 0 <= j < sizes[l]):
                raise ValueError(f"W({l}) is {sizes[l - 1]} × {sizes[l]}; there is no weight [{i}, {j}]")
            return ("edge", l, i, j)
        if kind == "layer":
            _, l = selection
            l = int(l)
            if not 0 <= l <= L:
                raise ValueError(f"there is no layer {l}; the network has layers 0 … {L}")
            return ("layer", l)
    except (TypeError, ValueError) as e:
        if isinstance(e, ValueError) and str(e).startswith(("there", "layer", "weights", "W(")):
            raise
        raise ValueError(
            f"a selection is ('neuron', l, j), ('edge', l, i, j) or ('layer', l), got {selection!r}"
        ) from None
    raise ValueError(f"unknown selection kind {kind!r}; use 'neuron', 'edge' or 'layer'")


def _scope_text(b: _Builder, d: _Data) -> str:
    m = b.m
    where = f"step {d.step + 1}" if d.mode == "step" else "the current weights" if d.mode == "values" else ""
    if m == 0:
        return ""
    if m == 1:
        s = "One sample (the whole batch)"
    elif b.single:
        s = f"Sample {b.rows[0] + 1} of {m}; gradients are the batch's sum, as the update uses"
    else:
        s = f"Batch of {m} samples: z, a, δ per sample; ∂L/∂w summed over the batch, as the update uses"
    if b.sample_ignored:
        s += " (the chosen sample is not in this batch)"
    return f"{s} · {where}" if where else s


def _build(selection, phases, values, loss, optimizer, sample, precision, sections, X, Y, activations):
    d = _Data(phases, values, X, Y, loss, activations)
    F = _Fmt(precision)
    sel = _check_selection(selection, d)
    b = _Builder(d, F, loss, optimizer, sample, sections)
    if sel is None:
        title = b.general()
    elif sel[0] == "neuron":
        _, l, j = sel
        title = (
            f"Input x{_idx(j).translate(_SUB)} (unit {j + 1} of the input layer)"
            if l == 0
            else f"Neuron {j + 1} of {_the(l, d.L)}: " + _z(j, l).text + ", " + _a(j, l).text
        )
        b.neuron(l, j)
    elif sel[0] == "edge":
        _, l, i, j = sel
        title = "Weight " + _W(i, j, l).text + f" (unit {i + 1} of layer {l - 1} → unit {j + 1} of layer {l})"
        b.edge(l, i, j)
    else:
        _, l = sel
        title = f"Layer {l}: {_the(l, d.L)}"
        b.layer(l)
    return d, b, title


def explain(
    selection,
    phases,
    *,
    values=None,
    loss=None,
    optimizer=None,
    sample=None,
    precision=9,
    sections=None,
    X=None,
    Y=None,
    activations=None,
) -> Explanation:
    """The equations of ``selection`` with the numbers of a step (or of the current weights).

    Parameters
    ----------
    selection : tuple or None
        ``("neuron", l, j)``, ``("edge", l, i, j)``, ``("layer", l)`` (0-based units, layers 0 … L),
        or ``None`` for the general equation of the latest phase.
    phases : list of model.trainer.Phase
        The phases of the current step so far (``Trainer.current_phases``); a quantity whose phase is
        not among them is shown as "not computed yet in this step (pending: …)".  Empty: use ``values``.
    values : tuple of LayerValues, or a Snapshot
        Values at the current weights, used when ``phases`` is empty; the activation names are read
        from them in any case.  A Snapshot also supplies the inputs ``X`` and targets ``Y``.
    loss, optimizer
        The loss object (for its formula and ∂L/∂a) and the optimiser (an Optimizer, its ``to_dict``,
        or a name; the update phase's learning rate wins).
    sample : int or None
        A row of the batch, or ``None`` for the batch (per-sample lines; gradients summed).
    precision : int
        Digits after the decimal point (see the module docstring).
    sections : iterable of str, optional
        Only these parts: ``forward``, ``loss``, ``delta``, ``gradient``, ``update``.
    X, Y, activations
        Inputs, targets and activation names when neither the phases nor ``values`` carry them.

    Raises ``ValueError`` for a malformed or out-of-range selection.
    """
    d, b, title = _build(selection, phases, values, loss, optimizer, sample, precision, sections, X, Y, activations)
    scope = _scope_text(b, d)
    html = _render_html(title, scope, b.sections)
    lines = [title]
    if scope:
        lines.append(scope)
    lines.append("")
    lines += _render_lines(b.sections)
    shown = b.rows[0] if b.single and b.m > 1 else None
    return Explanation(title, html, "\n".join(lines), b.numbers, scope, tuple(b.pending), b.m, shown)


def equation_lines(
    selection,
    phases,
    kind,
    *,
    values=None,
    loss=None,
    optimizer=None,
    sample=None,
    precision=9,
    X=None,
    Y=None,
    activations=None,
    indent="",
    notes=True,
) -> list[str]:
    """The plain-text equations of one part (``kind``) of ``selection``, without headings (for the trace).

    ``notes=False`` leaves out the explanatory sentences and keeps the equations (and sample labels).
    """
    _, b, _ = _build(selection, phases, values, loss, optimizer, sample, precision, (kind,), X, Y, activations)
    return _render_lines(b.sections, headings=False, indent=indent, notes=notes)
