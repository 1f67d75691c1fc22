"""Activation functions, each travelling with its derivative.

Every activation maps a batch of pre-activations ``Z`` (m × n) to ``A = f(Z)`` and
knows ``f'(Z)``.  The derivative is written in terms of ``Z`` *and* ``A`` because
for sigmoid and tanh the cheap, exact form uses the output (``σ' = a(1 − a)``,
``tanh' = 1 − a²``): the lecture's loop recomputes σ(z) inside σ'(z), we do not.

Softmax is the exception: its Jacobian is not diagonal, so it offers a
vector–Jacobian product (``vjp``) instead of an element-wise derivative.

Each activation also carries what the program says about it: its notation (``symbol``,
:meth:`Activation.value_lines` and :meth:`Activation.derivative_lines`, the inspector's
``a = f(z)`` and ``f′(z)`` filled in with numbers) and its health test
(:meth:`Activation.saturation`: saturated sigmoid/tanh units, dead ReLUs).
"""

from __future__ import annotations

import numpy as np

from .notation import MAX_TERMS, Detail, Line, Math, Numbers, as_math, idx, join, more_terms, symbolic
from .scripts import ActivationSnippet
from .text import msg

__all__ = ["Activation", "ACTIVATIONS", "get_activation", "activation_names"]


class Activation:
    """Base class: ``forward(Z) -> A`` and ``derivative(Z, A) -> f'(Z)``, and its notation."""

    name = ""
    label = ""
    formula = ""
    derivative_formula = ""
    elementwise = True
    #: Output range, used to explain incompatible loss choices.
    output_range = (-np.inf, np.inf)
    #: The function's symbol in the inspector (σ, tanh, ReLU, …).
    symbol = "f"
    #: Its shortest name, for the diagram's layer labels.
    short = "f"
    #: What :meth:`saturation` measures: ``"saturated"`` units, ``"dead"`` units, or ``None``.
    saturation_kind: str | None = None
    #: What an exported script writes for it (:mod:`model.export`); ``None``: it cannot be exported yet.
    script: ActivationSnippet | None = None

    def forward(self, Z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        raise NotImplementedError

    def derivative(self, Z: np.ndarray, A: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        raise NotImplementedError

    # -- health ---------------------------------------------------------------------
    def saturation(self, Z: np.ndarray, A: np.ndarray) -> float:
        """The fraction of units that have stopped learning over these samples (0 if not measured).

        Saturated: f′ near 0 for a (sample, unit) pair (sigmoid, tanh); dead: a unit whose z is
        ≤ 0 for every sample (ReLU).
        """
        return 0.0

    # -- the inspector's notation ---------------------------------------------------
    def fsym(self) -> Math:
        """The function's symbol, italic when it is one letter."""
        s = self.symbol
        return Math(f"<i>{s}</i>" if len(s) == 1 else s, s)

    def prime(self, z: Math) -> Math:
        """f′(z) as a symbol, e.g. σ′(z₁⁽²⁾)."""
        return self.fsym() + "′(" + as_math(z) + ")"

    def value_lines(self, a: Math, z: Math, j: int, z_row: np.ndarray, a_row: np.ndarray, fmt: Numbers) -> list:
        """``a = f(z) = f(number) = value`` for unit j (``z_row``, ``a_row``: the sample's whole layer)."""
        zj, aj = float(z_row[j]), float(a_row[j])
        return [Line(a, symbolic(self.fsym() + "(" + z + ")"), self.fsym() + "(" + fmt.n(zj) + ")", fmt.r(aj))]

    def derivative_lines(self, a: Math, z: Math, zv: float, av: float, fp: float, fmt: Numbers) -> list:
        """``f′(z) = formula = numbers = value``: the derivative with its numbers."""
        return [Line(self.prime(z), symbolic(self.derivative_formula.split("=")[-1].strip()), fmt.r(fp))]

    def __call__(self, Z: np.ndarray) -> np.ndarray:
        return self.forward(np.asarray(Z, dtype=float))

    def __repr__(self):
        return f"<activation {self.name}>"


_SUB_DIGITS = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,")

# 0-d array constants: a ufunc with a Python float operand converts it on every call (~0.5 µs
# at the lecture's sizes); with a 0-d array it does not.  The results are bit-identical.
_HALF = np.array(0.5)
_ONE = np.array(1.0)


_NP_PRIME_ONES = """
def linear_prime(z, a):
    \"\"\"f′(z) = 1.\"\"\"
    return np.ones_like(z)
"""


class Sigmoid(Activation):
    """σ(z) = 1 / (1 + e^(−z)), computed as ½(1 + tanh(z/2)).

    The tanh form never overflows (no warning even at |z| = 1e4) and needs four
    in-place passes; it equals the textbook formula to within rounding.
    """

    name, label = "sigmoid", msg("model.activations", "Sigmoid")
    formula = "σ(z) = 1 / (1 + e^(−z))"
    derivative_formula = "σ′(z) = σ(z)(1 − σ(z))"
    output_range = (0.0, 1.0)
    symbol = short = "σ"
    saturation_kind = "saturated"
    script = ActivationSnippet(
        '''
def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), written with tanh so that it never overflows."""
    return 0.5 * np.tanh(0.5 * z) + 0.5


def sigmoid_prime(z, a):
    """σ′(z) = σ(z)(1 − σ(z)), from the output a = σ(z)."""
    return (1.0 - a) * a
''',
        "torch.sigmoid($x)",
    )

    def saturation(self, Z: np.ndarray, A: np.ndarray) -> float:
        return float(np.mean((A < 0.01) | (A > 0.99)))

    def value_lines(self, a: Math, z: Math, j: int, z_row: np.ndarray, a_row: np.ndarray, fmt: Numbers) -> list:
        zj, aj = float(z_row[j]), float(a_row[j])
        f = self.fsym()
        exp = Math("1 / (1 + e<sup>" + fmt.n(-zj).html + "</sup>)", "1 / (1 + e^(" + fmt.n(-zj).text + "))")
        return [Line(a, symbolic(f + "(" + z + ")"), f + "(" + fmt.n(zj) + ")", Detail(exp.html, exp.text), fmt.r(aj))]

    def derivative_lines(self, a: Math, z: Math, zv: float, av: float, fp: float, fmt: Numbers) -> list:
        s = self.fsym() + "(" + z + ")"
        return [
            Line(self.prime(z), symbolic(s + "(1 − " + s + ")"), fmt.n(av) + " × (1 − " + fmt.n(av) + ")", fmt.r(fp))
        ]

    def forward(self, Z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        out = np.multiply(Z, _HALF, out=out)
        np.tanh(out, out=out)
        out *= _HALF
        out += _HALF
        return out

    def derivative(self, Z: np.ndarray, A: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        out = np.subtract(_ONE, A, out=out)
        out *= A
        return out


class Tanh(Activation):
    name, label = "tanh", msg("model.activations", "Tanh")
    formula = "tanh(z)"
    derivative_formula = "tanh′(z) = 1 − tanh²(z)"
    output_range = (-1.0, 1.0)
    symbol = short = "tanh"
    saturation_kind = "saturated"
    script = ActivationSnippet(
        '''
def tanh(z):
    return np.tanh(z)


def tanh_prime(z, a):
    """tanh′(z) = 1 − tanh²(z), from the output a = tanh(z)."""
    return 1.0 - a * a
''',
        "torch.tanh($x)",
    )

    def saturation(self, Z: np.ndarray, A: np.ndarray) -> float:
        return float(np.mean(np.abs(A) > 0.99))

    def derivative_lines(self, a: Math, z: Math, zv: float, av: float, fp: float, fmt: Numbers) -> list:
        return [Line(self.prime(z), symbolic(Math("1 − tanh²(") + z + ")"), Math("1 − ") + fmt.p(av) + "²", fmt.r(fp))]

    def forward(self, Z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        return np.tanh(Z, out=out)

    def derivative(self, Z: np.ndarray, A: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        out = np.multiply(A, A, out=out)
        np.subtract(1.0, out, out=out)
        return out


class ReLU(Activation):
    name, label = "relu", msg("model.activations", "ReLU")
    formula = "max(0, z)"
    derivative_formula = "ReLU′(z) = 1 if z > 0 else 0"
    output_range = (0.0, np.inf)
    symbol = short = "ReLU"
    saturation_kind = "dead"
    script = ActivationSnippet(
        '''
def relu(z):
    return np.maximum(z, 0.0)


def relu_prime(z, a):
    """ReLU′(z) = 1 if z > 0 else 0."""
    return (z > 0.0).astype(float)
''',
        "torch.relu($x)",
    )

    def saturation(self, Z: np.ndarray, A: np.ndarray) -> float:
        return float(np.mean(np.all(Z <= 0, axis=0)))

    def value_lines(self, a: Math, z: Math, j: int, z_row: np.ndarray, a_row: np.ndarray, fmt: Numbers) -> list:
        zj, aj = float(z_row[j]), float(a_row[j])
        return [Line(a, symbolic(Math("max(0, ") + z + ")"), Math("max(0, ") + fmt.n(zj) + ")", fmt.r(aj))]

    def derivative_lines(self, a: Math, z: Math, zv: float, av: float, fp: float, fmt: Numbers) -> list:
        cond = "> 0" if zv > 0 else "≤ 0"
        return [
            Line(
                self.prime(z),
                symbolic(Math("1 if ") + z + " > 0 else 0"),
                Math("(") + fmt.n(zv) + f" {cond})",
                fmt.r(fp),
            )
        ]

    def forward(self, Z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        return np.maximum(Z, 0.0, out=out)

    def derivative(self, Z: np.ndarray, A: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        # The derivative at exactly 0 is taken as 0 (the usual convention).
        res = np.greater(Z, 0.0)
        if out is None:
            return res.astype(float)
        out[...] = res
        return out


class LeakyReLU(Activation):
    name, label = "leaky_relu", msg("model.activations", "Leaky ReLU")
    slope = 0.01
    formula = "z if z > 0 else 0.01·z"
    derivative_formula = "1 if z > 0 else 0.01"
    symbol = "LeakyReLU"
    short = "LReLU"
    saturation_kind = "dead"
    script = ActivationSnippet(
        '''
def leaky_relu(z):
    return np.where(z > 0, z, 0.01 * z)


def leaky_relu_prime(z, a):
    """1 if z > 0 else 0.01."""
    return np.where(z > 0, 1.0, 0.01)
''',
        "F.leaky_relu($x, 0.01)",
    )

    def saturation(self, Z: np.ndarray, A: np.ndarray) -> float:
        return float(np.mean(np.all(Z <= 0, axis=0)))

    def value_lines(self, a: Math, z: Math, j: int, z_row: np.ndarray, a_row: np.ndarray, fmt: Numbers) -> list:
        zj, aj = float(z_row[j]), float(a_row[j])
        rhs = fmt.n(zj) if zj > 0 else Math(f"{self.slope:g} × ") + fmt.p(zj)
        return [Line(a, symbolic(self.fsym() + "(" + z + ")"), rhs, fmt.r(aj))]

    def derivative_lines(self, a: Math, z: Math, zv: float, av: float, fp: float, fmt: Numbers) -> list:
        cond = "> 0" if zv > 0 else "≤ 0"
        return [
            Line(
                self.prime(z),
                symbolic(Math("1 if ") + z + f" > 0 else {self.slope:g}"),
                Math("(") + fmt.n(zv) + f" {cond})",
                fmt.r(fp),
            )
        ]

    def forward(self, Z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        res = np.where(Z > 0, Z, self.slope * Z)
        if out is None:
            return res
        out[...] = res
        return out

    def derivative(self, Z: np.ndarray, A: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        res = np.where(Z > 0, 1.0, self.slope)
        if out is None:
            return res
        out[...] = res
        return out


class Linear(Activation):
    name, label = "linear", msg("model.activations", "Linear")
    formula = "z"
    derivative_formula = "1"
    short = "lin"
    script = ActivationSnippet(
        '''
def linear(z):
    """f(z) = z."""
    return z
'''
        + _NP_PRIME_ONES,
        "$x",
    )

    def value_lines(self, a: Math, z: Math, j: int, z_row: np.ndarray, a_row: np.ndarray, fmt: Numbers) -> list:
        return [Line(a, symbolic(z), fmt.r(float(a_row[j])))]

    def derivative_lines(self, a: Math, z: Math, zv: float, av: float, fp: float, fmt: Numbers) -> list:
        return [Line(self.prime(z), fmt.r(1.0))]

    def forward(self, Z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        if out is None:
            return np.array(Z, dtype=float, copy=True)
        out[...] = Z
        return out

    def derivative(self, Z: np.ndarray, A: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        if out is None:
            return np.ones_like(Z, dtype=float)
        out.fill(1.0)
        return out


class Softmax(Activation):
    """Row-wise softmax, shifted by the row maximum so ``exp`` never overflows.

    Output layers only.  Its Jacobian is ``diag(a) − a aᵀ`` per row, so backprop
    uses :meth:`vjp`: ``δ = a ⊙ (g − Σ_k g_k a_k)`` for an upstream gradient ``g``.
    """

    name, label = "softmax", msg("model.activations", "Softmax")
    formula = "softmax(z)ᵢ = e^(zᵢ) / Σₖ e^(zₖ)"
    derivative_formula = "∂aᵢ/∂zⱼ = aᵢ(1[i=j] − aⱼ)"
    elementwise = False
    output_range = (0.0, 1.0)
    symbol = short = "softmax"
    script = ActivationSnippet(
        '''
def softmax(z):
    """softmax(z)ᵢ = e^(zᵢ) / Σₖ e^(zₖ), per row, shifted by the row's maximum so exp never overflows."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_vjp(a, g):
    """δ = ∂L/∂z from g = ∂L/∂a through the softmax's Jacobian diag(a) − a aᵀ, row by row."""
    return a * (g - np.sum(g * a, axis=1, keepdims=True))
''',
        "torch.softmax($x, dim=1)",
    )

    def value_lines(self, a: Math, z: Math, j: int, z_row: np.ndarray, a_row: np.ndarray, fmt: Numbers) -> list:
        k = len(z_row)

        def e(v: float) -> Math:
            return Math("e<sup>" + fmt.n(float(v)).html + "</sup>", "e^(" + fmt.n(float(v)).text + ")")

        den = join([e(v) for v in z_row[:MAX_TERMS]], " + ")
        if k > MAX_TERMS:
            den = den + " + " + more_terms(k - MAX_TERMS)
        general = Math(
            f"e<sup><i>z</i><sub>{idx(j)}</sub></sup> / Σ<sub><i>k</i></sub> e<sup><i>z</i><sub><i>k</i></sub></sup>",
            f"e^(z{idx(j).translate(_SUB_DIGITS)}) / Σₖ e^(zₖ)",
        )
        return [Line(a, symbolic(general), e(z_row[j]) + " / (" + den + ")", fmt.r(float(a_row[j])))]

    def prime(self, z: Math) -> Math:
        return Math("∂<i>a</i>/∂", "∂a/∂") + as_math(z)

    def derivative_lines(self, a: Math, z: Math, zv: float, av: float, fp: float, fmt: Numbers) -> list:
        # the Jacobian's diagonal, ∂aⱼ/∂zⱼ; backprop uses the whole Jacobian (see vjp)
        return [
            Line(
                Math("∂") + a + "/∂" + z,
                symbolic(a + "(1 − " + a + ")"),
                fmt.n(av) + " × (1 − " + fmt.n(av) + ")",
                fmt.r(fp),
            )
        ]

    def forward(self, Z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        out = np.subtract(Z, Z.max(axis=1, keepdims=True), out=out)
        with np.errstate(under="ignore"):  # e^(−800) is 0 for our purposes, not an error
            np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def derivative(self, Z: np.ndarray, A: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """The diagonal of the Jacobian, a(1 − a); shown in the inspector, not used by backprop."""
        out = np.subtract(1.0, A, out=out)
        out *= A
        return out

    def vjp(self, A: np.ndarray, G: np.ndarray) -> np.ndarray:
        """δ = ∂L/∂Z from G = ∂L/∂A through the softmax Jacobian, row by row."""
        with np.errstate(under="ignore"):
            return A * (G - np.sum(G * A, axis=1, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {cls.name: cls() for cls in (Sigmoid, Tanh, ReLU, LeakyReLU, Linear, Softmax)}


def activation_names(hidden: bool = False) -> list[str]:
    """Registry names; ``hidden=True`` leaves out output-only activations (softmax)."""
    return [n for n, a in ACTIVATIONS.items() if not hidden or a.elementwise]


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            msg("model.activations", "unknown activation {name}; choose one of: {names}").format(
                name=repr(name), names=", ".join(ACTIVATIONS)
            )
        ) from None
