"""Activation functions, each travelling with its derivative.

Every activation maps a batch of pre-activations ``Z`` (m × n) to ``A = f(Z)`` and
knows ``f'(Z)``.  The derivative is written in terms of ``Z`` *and* ``A`` because
for sigmoid and tanh the cheap, exact form uses the output (``σ' = a(1 − a)``,
``tanh' = 1 − a²``): the lecture's loop recomputes σ(z) inside σ'(z), we do not.

Softmax is the exception: its Jacobian is not diagonal, so it offers a
vector–Jacobian product (``vjp``) instead of an element-wise derivative.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Activation", "ACTIVATIONS", "get_activation", "activation_names"]


class Activation:
    """Base class: ``forward(Z) -> A`` and ``derivative(Z, A) -> f'(Z)``."""

    name = ""
    label = ""
    formula = ""
    derivative_formula = ""
    elementwise = True
    #: Output range, used to explain incompatible loss choices.
    output_range = (-np.inf, np.inf)

    def forward(self, Z, out=None):
        raise NotImplementedError

    def derivative(self, Z, A, out=None):
        raise NotImplementedError

    def __call__(self, Z):
        return self.forward(np.asarray(Z, dtype=float))

    def __repr__(self):
        return f"<activation {self.name}>"


# 0-d array constants: a ufunc with a Python float operand converts it on every call (~0.5 µs
# at the lecture's sizes); with a 0-d array it does not.  The results are bit-identical.
_HALF = np.array(0.5)
_ONE = np.array(1.0)


class Sigmoid(Activation):
    """σ(z) = 1 / (1 + e^(−z)), computed as ½(1 + tanh(z/2)).

    The tanh form never overflows (no warning even at |z| = 1e4) and needs four
    in-place passes; it equals the textbook formula to within rounding.
    """

    name, label = "sigmoid", "Sigmoid"
    formula = "σ(z) = 1 / (1 + e^(−z))"
    derivative_formula = "σ′(z) = σ(z)(1 − σ(z))"
    output_range = (0.0, 1.0)

    def forward(self, Z, out=None):
        out = np.multiply(Z, _HALF, out=out)
        np.tanh(out, out=out)
        out *= _HALF
        out += _HALF
        return out

    def derivative(self, Z, A, out=None):
        out = np.subtract(_ONE, A, out=out)
        out *= A
        return out


class Tanh(Activation):
    name, label = "tanh", "Tanh"
    formula = "tanh(z)"
    derivative_formula = "tanh′(z) = 1 − tanh²(z)"
    output_range = (-1.0, 1.0)

    def forward(self, Z, out=None):
        return np.tanh(Z, out=out)

    def derivative(self, Z, A, out=None):
        out = np.multiply(A, A, out=out)
        np.subtract(1.0, out, out=out)
        return out


class ReLU(Activation):
    name, label = "relu", "ReLU"
    formula = "max(0, z)"
    derivative_formula = "ReLU′(z) = 1 if z > 0 else 0"
    output_range = (0.0, np.inf)

    def forward(self, Z, out=None):
        return np.maximum(Z, 0.0, out=out)

    def derivative(self, Z, A, out=None):
        # The derivative at exactly 0 is taken as 0 (the usual convention).
        res = np.greater(Z, 0.0)
        if out is None:
            return res.astype(float)
        out[...] = res
        return out


class LeakyReLU(Activation):
    name, label = "leaky_relu", "Leaky ReLU"
    slope = 0.01
    formula = "z if z > 0 else 0.01·z"
    derivative_formula = "1 if z > 0 else 0.01"

    def forward(self, Z, out=None):
        res = np.where(Z > 0, Z, self.slope * Z)
        if out is None:
            return res
        out[...] = res
        return out

    def derivative(self, Z, A, out=None):
        res = np.where(Z > 0, 1.0, self.slope)
        if out is None:
            return res
        out[...] = res
        return out


class Linear(Activation):
    name, label = "linear", "Linear"
    formula = "z"
    derivative_formula = "1"

    def forward(self, Z, out=None):
        if out is None:
            return np.array(Z, dtype=float, copy=True)
        out[...] = Z
        return out

    def derivative(self, Z, A, out=None):
        if out is None:
            return np.ones_like(Z, dtype=float)
        out.fill(1.0)
        return out


class Softmax(Activation):
    """Row-wise softmax, shifted by the row maximum so ``exp`` never overflows.

    Output layers only.  Its Jacobian is ``diag(a) − a aᵀ`` per row, so backprop
    uses :meth:`vjp`: ``δ = a ⊙ (g − Σ_k g_k a_k)`` for an upstream gradient ``g``.
    """

    name, label = "softmax", "Softmax"
    formula = "softmax(z)ᵢ = e^(zᵢ) / Σₖ e^(zₖ)"
    derivative_formula = "∂aᵢ/∂zⱼ = aᵢ(1[i=j] − aⱼ)"
    elementwise = False
    output_range = (0.0, 1.0)

    def forward(self, Z, out=None):
        out = np.subtract(Z, Z.max(axis=1, keepdims=True), out=out)
        with np.errstate(under="ignore"):  # e^(−800) is 0 for our purposes, not an error
            np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def derivative(self, Z, A, out=None):
        """The diagonal of the Jacobian, a(1 − a); shown in the inspector, not used by backprop."""
        out = np.subtract(1.0, A, out=out)
        out *= A
        return out

    def vjp(self, A, G):
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
        raise ValueError(f"unknown activation {name!r}; choose one of: {', '.join(ACTIVATIONS)}") from None
