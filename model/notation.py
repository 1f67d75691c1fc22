"""The inspector's notation: bits of math in two renderings, and numbers as the equations print them.

Every loss, activation and optimizer writes its own equations with these pieces (see
``Loss.value_lines``, ``Activation.value_lines``, ``Optimizer.update_lines``), and
:mod:`model.equations` lays them out.  A piece of math is a :class:`Math`: the same text as
HTML rich text (``<sub>``/``<sup>``, for the GUI) and as plain Unicode (for the command line and
the clipboard)::

    Math("<i>z</i><sub>1</sub><sup>(1)</sup>").text == "z₁⁽¹⁾"

An equation is a :class:`Line`, ``lhs = rhs₁ = rhs₂ = …``, whose right-hand sides are, in order,
the formula in symbols (a :class:`Symbolic`, written once for a batch), intermediate details (a
:class:`Detail`, written only for a single sample), the numbers substituted (plain :class:`Math`)
and the result (``Numbers.r``).  A :class:`Note` is a sentence between equations.

Numbers
-------
``precision`` is the number of digits after the decimal point (the published worked example
prints 9).  Trailing zeros are dropped down to two decimals (0.10, 0.3775); whole numbers print
without a point (1, 0).  A value too small to show three significant digits that way, or of
magnitude 10⁶ or more, is printed in scientific notation (4.39×10⁻⁷).  Negative numbers use the
minus sign − and are put in parentheses inside products: ``0.50 × (−0.0381)``.

This module imports nothing from the rest of the model, so every family member can use it.
"""

from __future__ import annotations

import html as _html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .text import msg

__all__ = [
    "Math",
    "Symbolic",
    "Detail",
    "Line",
    "Note",
    "Numbers",
    "as_math",
    "symbolic",
    "detail",
    "formula",
    "join",
    "sym",
    "idx",
    "layer_sup",
    "deriv",
    "format_number",
    "more_terms",
    "strip_tags",
    "NEGATIVE_COLOUR",
    "POSITIVE_COLOUR",
    "ZERO_COLOUR",
    "MAX_TERMS",
    "Y_HAT",
    "Y",
    "GAMMA",
]

#: The diagram's diverging palette (colour-blind safe): blue for negative, orange for positive.
NEGATIVE_COLOUR = "#2166ac"
POSITIVE_COLOUR = "#d95f02"
ZERO_COLOUR = "#666666"
#: Terms of a sum written out before "+ … (n more terms)".
MAX_TERMS = 8


class Math:
    """HTML and plain text of the same bit of math.  ``Math(html)`` derives the text from the HTML."""

    __slots__ = ("html", "text")

    def __init__(self, html: str = "", text: str | None = None):
        self.html = html
        self.text = _html_to_text(html) if text is None else text

    def __add__(self, other: Any) -> Math:
        other = as_math(other)
        return Math(self.html + other.html, self.text + other.text)

    def __radd__(self, other: Any) -> Math:
        return as_math(other) + self

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.text!r})"


class Symbolic(Math):
    """A right-hand side in symbols: written once for a batch, not for every sample."""


class Detail(Math):
    """An intermediate step (e.g. 1 / (1 + e^(−z))): written for a single sample only."""


@dataclass(frozen=True)
class Line:
    """One equation: ``lhs = rhs[0] = rhs[1] …`` (``None`` entries are dropped)."""

    lhs: Math
    rhs: tuple

    def __init__(self, lhs: Any, *rhs: Any):
        object.__setattr__(self, "lhs", as_math(lhs))
        object.__setattr__(self, "rhs", tuple(as_math(r) for r in rhs if r is not None))


@dataclass(frozen=True)
class Note:
    """A sentence between equations; ``style`` is ``note``, ``tag``, ``pending`` or ``warn``."""

    body: Math
    style: str = "note"

    def __init__(self, body: Any, style: str = "note"):
        object.__setattr__(self, "body", as_math(body))
        object.__setattr__(self, "style", style)


def as_math(x: Any) -> Math:
    """Plain text (escaped for the HTML), or a Math as it is."""
    if isinstance(x, Math):
        return x
    return Math(_html.escape(str(x), quote=False), str(x))


def symbolic(x: Any) -> Symbolic:
    x = as_math(x)
    return Symbolic(x.html, x.text)


def detail(x: Any) -> Detail:
    x = as_math(x)
    return Detail(x.html, x.text)


def formula(text: str) -> Math:
    """A formula written as plain text, with its ``^(…)`` exponents as superscripts in the HTML."""
    h = _html.escape(text, quote=False)
    h = re.sub(r"\^\(([^()]*)\)", r"<sup>\1</sup>", h)
    return Math(h, text)


def join(parts: Iterable[Any], sep: Any) -> Math:
    out = Math()
    for k, p in enumerate(parts):
        if k:
            out = out + sep
        out = out + p
    return out


def strip_tags(h: str) -> str:
    return re.sub(r"<[^>]+>", "", h)


_SUB = str.maketrans("0123456789+-−=()aehijklmnoprstuvx,", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ,")
_SUP = str.maketrans("0123456789+-−=()lLinT′t", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ˡᴸⁱⁿᵀ′ᵗ")


def _unicode(s: str, table: dict, marker: str) -> str:
    t = s.translate(table)
    if all(ord(c) > 127 or c == "," for c in t):
        return t
    return f"{marker}{{{s}}}" if len(s) > 1 else f"{marker}{s}"


def _html_to_text(h: str) -> str:
    """The plain-text form of our small HTML: sub/superscripts as Unicode, tags dropped."""
    h = re.sub(r"<sub>(.*?)</sub>", lambda mo: _unicode(strip_tags(mo.group(1)), _SUB, "_"), h)
    h = re.sub(r"<sup>(.*?)</sup>", lambda mo: _unicode(strip_tags(mo.group(1)), _SUP, "^"), h)
    h = h.replace("<br/>", " ")
    return _html.unescape(strip_tags(h))


def sym(base: str, sub: Any = None, sup: Any = None, italic: bool = True) -> Math:
    """A symbol such as z₁⁽¹⁾: base, subscript, superscript (e.g. a layer in parentheses)."""
    h = f"<i>{_html.escape(base)}</i>" if italic else _html.escape(base)
    t = base
    if sub not in (None, ""):
        h += f"<sub>{_html.escape(str(sub))}</sub>"
        t += _unicode(str(sub), _SUB, "_")
    if sup not in (None, ""):
        h += f"<sup>{_html.escape(str(sup))}</sup>"
        t += _unicode(str(sup), _SUP, "^")
    return Math(h, t)


def idx(*units: int) -> str:
    """1-based unit numbers as a subscript: "12", or "10,3" when a number has two digits."""
    nums = [str(u + 1) for u in units]
    return ("," if any(len(n) > 1 for n in nums) else "").join(nums)


def layer_sup(l: int) -> str:
    """A layer number as the lecture writes it, in parentheses: ``(2)``."""
    return f"({l})"


def deriv(num: Any, den: Any) -> Math:
    """∂num/∂den."""
    return Math("∂", "∂") + as_math(num) + "/∂" + as_math(den)


Y_HAT = Math("<i>ŷ</i>", "ŷ")
Y = Math("<i>y</i>", "y")
GAMMA = Math("<i>γ</i>", "γ")


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------
_SUP_DIGITS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _format_parts(x: float, precision: int) -> tuple[str, int | None]:
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


def format_number(x: float, precision: int = 9) -> str:
    """``x`` as the equations print it, e.g. ``0.593269992``, ``−0.0381``, ``4.39×10⁻⁷``."""
    mant, exp = _format_parts(x, precision)
    if exp is None:
        return mant
    return f"{mant}×10{str(exp).translate(_SUP_DIGITS)}"


class Numbers:
    """Numbers at one precision, as Math: ``n`` for a number in an expression, ``r`` for a result."""

    def __init__(self, precision: int = 9):
        self.precision = int(precision)

    def s(self, x: float) -> str:
        """The plain text of ``x``."""
        return format_number(x, self.precision)

    def n(self, x: float, paren: bool = False, result: bool = False, colour: bool = False) -> Math:
        """A number; ``paren`` wraps a negative in parentheses; ``result`` makes it bold and coloured."""
        mant, exp = _format_parts(x, self.precision)
        text = mant if exp is None else f"{mant}×10{str(exp).translate(_SUP_DIGITS)}"
        h = mant if exp is None else f"{mant}×10<sup>{str(exp).replace('-', '−')}</sup>"
        if paren and (text.startswith("−") or exp is not None):
            text, h = f"({text})", f"({h})"
        if result or colour:
            v = float(x)
            c = NEGATIVE_COLOUR if v < 0 else POSITIVE_COLOUR if v > 0 else ZERO_COLOUR
            weight = "font-weight:600;" if result else ""
            h = f'<span style="color:{c};{weight}">{h}</span>'
        return Math(h, text)

    def p(self, x: float) -> Math:
        """A number inside a product: negatives and powers of ten in parentheses."""
        return self.n(x, paren=True)

    def r(self, x: float) -> Math:
        """The result of an equation: bold, coloured by its sign."""
        return self.n(x, result=True)

    def sum_terms(self, terms: list, total: int) -> Math:
        """``t₁ + t₂ + …`` with at most :data:`MAX_TERMS` written out."""
        shown = join(terms[:MAX_TERMS], " + ")
        if total > MAX_TERMS:
            shown = shown + " + " + more_terms(total - MAX_TERMS)
        return shown


def more_terms(n: int) -> str:
    """``… (n more terms)``, for a sum cut short."""
    return msg("model.notation", "… ({n} more terms)").format(n=n)
