"""Loss functions, each travelling with its gradient: one registry, in the lecture's order.

Every loss takes ``y_true`` and ``y_pred`` of the same shape, either 1-D (N,) or the
network's 2-D batch (m × k), and returns

* ``value(y_true, y_pred)``: a Python float, already reduced (averaged) as the lecture does;
* ``gradient(y_true, y_pred)``: ``∂L/∂ŷ``, an array shaped like ``y_pred`` that *includes*
  the reduction factor (the ``1/N`` or ``1/m``), so backprop never divides again;
* ``fused_delta(activation, y_true, A)``: ``δ = ∂L/∂Z`` of the output layer in closed form
  for the three pairs that have one (softmax + cross-entropy, softmax + label smoothing,
  sigmoid + binary cross-entropy), else ``None``.

Conventions shared by every loss
--------------------------------
* The error is the lecture's ``e = y − ŷ`` (``y_true − y_pred``); formulas are written with it.
* ``N`` is the number of elements, ``m`` the number of rows (samples).  Element-wise losses
  average over all ``N`` elements.  The row losses (cross-entropy, label smoothing, KL) sum over
  the classes of a row and average over the ``m`` rows; a 1-D input is one row (one sample).
* Probabilities are clipped to ``[1e-12, 1 − 1e-12]`` inside ``log`` and in the gradients, so an
  output of exactly 0 or 1 gives a large but finite loss and gradient, never ``inf``/``nan``
  and never a floating-point warning.
* Subgradients at kinks are 0 (MAE and quantile at ``e = 0``, hinge at margin exactly 1,
  RMSE when every error is 0); 0 is in the subdifferential in each case.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from .activations import get_activation
from .notation import Y_HAT, Line, Math, Note, Numbers, as_math, deriv, formula, sym, symbolic
from .notation import Y as Y_SYM
from .paramspec import ParamSpec, check_params
from .scripts import LossSnippet
from .text import msg

__all__ = [
    "ParamSpec",
    "GalleryCurve",
    "Knob",
    "Loss",
    "LOSSES",
    "make_loss",
    "loss_from_dict",
    "loss_names",
]

#: Probabilities are clipped to [EPS, 1 − EPS] before ``log`` and divisions.
EPS = 1e-12
#: Beyond this |x|, e^(−2|x|) no longer changes log cosh(x) in double precision.
_LOGCOSH_TAIL = 30.0

KINDS = ("regression", "classification")
OUTPUTS = ("any", "probability", "distribution", "score")


class Knob(NamedTuple):
    """A parameter the loss gallery lets the lecturer turn: its spin box's range, step and texts."""

    param: str
    default: float
    minimum: float
    maximum: float
    step: float
    decimals: int
    label: str  # with an & mnemonic
    tip: str


class GalleryCurve(NamedTuple):
    """How the loss gallery draws a loss: which plot, the plotted instance, and what to say about it.

    ``plot`` is ``"regression"`` (L against the error e, for one sample with y = 0) or
    ``"classification"`` (L against the probability p of the true class); ``params`` are the
    plotted instance's parameters; ``drawn`` says how it is drawn; ``legend`` (with ``{name}``)
    marks a curve that coincides with another one; ``knob`` is the parameter the gallery offers.
    """

    plot: str
    drawn: str
    params: dict = {}
    legend: str | None = None
    knob: Knob | None = None
    #: A parameter whose ±value the regression plot marks with vertical lines (Huber's δ).
    marks: str | None = None


DRAWN_REGRESSION = msg("model.losses", "Drawn in the upper plot, for one sample with y = 0 and ŷ = −e.")
DRAWN_PROBABILITY = msg("model.losses", "Drawn in the lower plot, for one sample of the true class: y = 1, ŷ = p.")
DRAWN_DISTRIBUTION = msg(
    "model.losses", "Drawn in the lower plot, for one sample over two classes: y = (1, 0), ŷ = (p, 1 − p)."
)


def _act_name(activation) -> str:
    """Accept an activation name or an object with a ``name`` (``model.activations``)."""
    return str(getattr(activation, "name", activation))


def _units(n: int) -> str:
    if n == 1:
        return msg("model.losses", "{n} unit").format(n=n)
    return msg("model.losses", "{n} units").format(n=n)


def _k(P: np.ndarray) -> int:
    """Outputs per sample of a 2-D batch (m × k)."""
    return int(P.shape[1]) if P.ndim == 2 else int(P.size)


_L = sym("L")


class Loss:
    """Base class: ``value``, ``gradient`` and the output-layer ``fused_delta`` of one loss, and all
    that the program says about it.

    Subclasses set the class attributes and implement ``_value`` and ``_gradient`` on float
    arrays whose shapes already agree.  What the loss carries besides its math:

    * ``formula``, ``gradient_formula``, ``note``, ``label``: its text;
    * :meth:`value_lines`, :meth:`sample_gradient_lines`, :meth:`fused_lines`: its equations in
      the inspector's notation, filled in with numbers;
    * ``threshold``: where a single output column is split into the two classes (accuracy);
    * ``averages_samples`` and ``per_sample_terms``: how L is made of the samples' losses, which
      gives the lecture's per-sample δᵢ = c·∂L/∂zᵢ (see :meth:`sample_scale`);
    * :meth:`check_output`: which output layers it can follow;
    * ``gallery``: how the loss gallery draws it (``None``: not drawn, e.g. a metric).

    Parameters
    ----------
    **params
        Values for the names in ``PARAMS``; missing ones take their defaults.  Each value
        is checked against its ``ParamSpec``; a bad one raises ``ValueError``.
    """

    name = ""
    label = ""
    _title = ""  # the name at the start of a sentence, for check_output
    label_zh = ""
    kind = "regression"
    note = ""
    formula = ""
    gradient_formula = ""
    output = "any"
    training = True
    PARAMS: tuple[ParamSpec, ...] = ()
    #: A single output column above this is the positive class (scores of ±: 0; probabilities: ½).
    threshold = 0.5
    #: True when L is a sum (or mean) of per-sample losses ℓᵢ; False for RMSE, whose root spans the batch.
    per_sample_terms = True
    gallery: GalleryCurve | None = None
    #: What an exported script writes for it (:mod:`model.export`); ``None``: it cannot be exported yet.
    script: LossSnippet | None = None

    def __init__(self, **params: Any):
        owner = msg("model.losses", "the {name} loss").format(name=self.name)
        self.params = check_params(self.PARAMS, params, owner)

    # -- public API ---------------------------------------------------------------
    def value(self, y_true: ArrayLike, y_pred: ArrayLike) -> float:
        """The reduced loss ``L`` as a Python float."""
        y, p = self._prepare(y_true, y_pred)
        return float(self._value(y, p))

    def gradient(self, y_true: ArrayLike, y_pred: ArrayLike) -> np.ndarray:
        """``∂L/∂ŷ``, shaped like ``y_pred``, including the reduction factor."""
        y, p = self._prepare(y_true, y_pred)
        return self._gradient(y, p)

    def fused_delta(self, activation: Any, y_true: ArrayLike, a: ArrayLike) -> np.ndarray | None:
        """``δ = ∂L/∂z`` of an output layer with this activation, or ``None`` if no closed form.

        Only softmax + cross-entropy, softmax + label-smoothing cross-entropy and
        sigmoid + binary cross-entropy have one; otherwise backprop multiplies
        ``gradient`` by ``f′(z)`` (or uses the softmax vector–Jacobian product).
        """
        return None

    def fused_formula(self, activation: Any) -> str | None:
        """The closed form of the per-sample δᵢ for this output activation as text, or ``None``."""
        return None

    def fused_kernel(self, activation: Any) -> Callable | None:
        """``kernel(y, a, out)``: :meth:`fused_delta` for the trainer, or ``None`` if there is no closed form.

        Asked once per step's arrays, not per step: ``y`` and ``a`` are 2-D float arrays of one
        shape (no checks), ``out`` an array of that shape to write δ into, or ``None``.  The
        numbers are bit for bit :meth:`fused_delta`'s.  The base class calls :meth:`fused_delta`
        if a subclass overrides it (and may then return ``None`` per call).
        """
        if type(self).fused_delta is Loss.fused_delta:
            return None
        return lambda y, a, out=None: self.fused_delta(activation, y, a)

    def check_output(self, activation: Any, n_outputs: int) -> str | None:
        """A sentence saying why this loss cannot follow this output layer, or ``None`` if it can."""
        return None

    def to_dict(self) -> dict:
        """``{"name": ..., **params}``, JSON-ready; :func:`loss_from_dict` reverses it."""
        return {"name": self.name, **self.params}

    def __repr__(self):
        args = "".join(f" {k}={v!r}" for k, v in self.params.items())
        return f"<loss {self.name}{args}>"

    # -- samples --------------------------------------------------------------------
    @property
    def averages_samples(self) -> bool:
        """True when L averages over the m samples (or is not a sum of per-sample terms, like RMSE);
        False when it sums them (``reduction="sum"``)."""
        return True

    def sample_scale(self, m: int) -> float:
        """``c`` of the per-sample δᵢ = c·∂L/∂zᵢ: ``m`` when L averages over the m samples, else 1.

        Then ∂L/∂W = (1/c) Σᵢ a_prev,ᵢ δᵢᵀ.  For a mean of per-sample losses, δᵢ = ∂ℓᵢ/∂zᵢ, the
        lecture's ``d2 = (a2 − y) * σ′(z2)``; for RMSE it is m·∂L/∂zᵢ.
        """
        return float(m) if self.averages_samples else 1.0

    # -- the inspector's notation ---------------------------------------------------
    def value_lines(self, y_true: ArrayLike, y_pred: ArrayLike, fmt: Numbers, value: float | None = None) -> list:
        """``L = formula = numbers = value`` and a note on the reduction (a list of Line and Note)."""
        Yt, P = self._prepare(y_true, y_pred)
        Yt, P = np.atleast_2d(Yt), np.atleast_2d(P)
        value = self.value(Yt, P) if value is None else float(value)
        lhs, rhs = (part.strip() for part in self.formula.split("=", 1))
        # "formula,  where …" or "formula   (remark)": the definitions go into the note
        for sep in (",  ", "   ("):
            if sep in rhs:
                rhs, rest = rhs.split(sep, 1)
                where = ("(" if sep.endswith("(") else "") + rest
                break
        else:
            where = ""
        subst = self.substitution(Yt, P, fmt)
        m, N = P.shape[0], P.size
        note = msg("model.losses", "{label}: {how}").format(label=self.label, how=self.reduction_note(m, N))
        if where:
            note = note + " " + where
        return [
            Line(sym(lhs) if len(lhs) == 1 else as_math(lhs), symbolic(formula(rhs)), subst, fmt.r(value)),
            Note(note),
        ]

    def reduction_note(self, m: int, N: int) -> str:
        """How L is reduced over the batch, in words."""
        return msg("model.losses", "averaged over all N = {N} outputs (m = {m} samples).").format(N=N, m=m)

    def substitution(self, Y: np.ndarray, P: np.ndarray, fmt: Numbers) -> Math | None:
        """The formula's right-hand side with the numbers of the (m × k) batch, or ``None``."""
        terms = [self._term(float(y), float(p), fmt) for y, p in zip(Y.ravel(), P.ravel())]
        if not terms or terms[0] is None:
            return None
        return Math(f"(1/{P.size})[") + fmt.sum_terms(terms, len(terms)) + "]"

    def _term(self, y: float, p: float, fmt: Numbers) -> Math | None:
        """One element's term of the sum, with numbers (element-wise losses)."""
        return None

    def sample_gradient_symbol(self, a: Math) -> Math:
        """The left-hand side of the per-sample gradient: ∂ℓ/∂a (sample i's own loss), or m·∂L/∂a."""
        if self.per_sample_terms:
            return deriv(Math("<i>ℓ</i>", "ℓ"), a)
        return Math("<i>m</i>·", "m·") + deriv(_L, a)

    def sample_gradient_lines(
        self, lhs: Math, Y: np.ndarray, P: np.ndarray, r: int, j: int, g: float, fmt: Numbers
    ) -> list:
        """The per-sample gradient of output j of sample r, ``lhs = formula = numbers = g`` (Lines).

        ``Y``, ``P`` are the batch's targets and outputs (m × k); ``g`` is the value to show,
        ``sample_scale(m)·∂L/∂ŷ[r, j]``.
        """
        k = _k(P)
        per_k = self.averages_samples and k > 1
        pre, symbols, numbers = self._sample_gradient(Y, P, r, j, fmt)
        if symbols is None:  # no per-sample formula given: say how it relates to the batch's ∂L/∂ŷ
            c = Math("<i>m</i>·", "m·") if self.averages_samples else Math()
            return [Line(lhs, symbolic(c + deriv(_L, Y_HAT)), fmt.r(g))]
        if per_k and self._per_k:
            symbols, numbers = symbols + "/k", numbers + f"/{k}"
        return [*pre, Line(lhs, symbolic(symbols), numbers, fmt.r(g))]

    #: True for element-wise losses: the per-sample gradient carries 1/k for k outputs per sample.
    _per_k = True

    def _sample_gradient(self, Y: np.ndarray, P: np.ndarray, r: int, j: int, fmt: Numbers) -> tuple:
        """(lines before, symbols, numbers) of ∂ℓ/∂ŷ for one element, without the 1/k; (…, None, None) if unknown."""
        y, p = float(Y[r, j]), float(P[r, j])
        return (), *self._elem_gradient(y, p, fmt)

    def _elem_gradient(self, y: float, p: float, fmt: Numbers) -> tuple:
        return None, None

    def fused_lines(
        self, activation: Any, delta: Math, Y: np.ndarray, A: np.ndarray, r: int, j: int, value: float, fmt: Numbers
    ) -> list | None:
        """The closed-form per-sample δ of output j of sample r (a Note and a Line), or ``None``."""
        return None

    # -- for subclasses -----------------------------------------------------------
    def _prepare(self, y_true, y_pred):
        y = np.asarray(y_true, dtype=float)
        p = np.asarray(y_pred, dtype=float)
        if y.shape != p.shape:
            # (m,) against (m, 1) or (1, m): the same vector, so align it instead of broadcasting
            # to an m × m matrix.
            if y.size == p.size and np.squeeze(y).shape == np.squeeze(p).shape:
                y = y.reshape(p.shape)
            else:
                raise ValueError(
                    msg(
                        "model.losses",
                        "the targets have shape {y} but the predictions have shape {p}; "
                        "the {label} loss needs them to match",
                    ).format(y=y.shape, p=p.shape, label=self.label)
                )
        if p.size == 0:
            raise ValueError(
                msg("model.losses", "the {label} loss needs at least one prediction").format(label=self.label)
            )
        return y, p

    def _value(self, y, p):
        raise NotImplementedError

    def _gradient(self, y, p):
        raise NotImplementedError


def _diff(fmt: Numbers, a: float, b: float) -> Math:
    """``a − b`` with numbers, b in parentheses if negative."""
    return fmt.n(a) + " − " + fmt.p(b)


def _power(base: Math, exponent: Math) -> Math:
    """base^exponent with a superscript."""
    return Math(base.html + "<sup>" + exponent.html + "</sup>")


def _clip_prob(p):
    return np.clip(p, EPS, 1.0 - EPS)


def _rows(y, p):
    """View 1-D inputs as one row (one sample) for the row losses."""
    if p.ndim == 1:
        return y[None, :], p[None, :]
    if p.ndim != 2:
        raise ValueError(
            msg("model.losses", "expected a 1-D or 2-D array of probabilities, got {n} dimensions").format(n=p.ndim)
        )
    return y, p


# ---------------------------------------------------------------------------------
# Regression losses
# ---------------------------------------------------------------------------------
# the exported scripts' pieces (see the losses' ``script``)
def _mse(params):
    half, mean = params["half"], params["reduction"] == "mean"
    scale = "0.5" if half else "1.0"
    torch = {
        (False, True): "mean()",
        (True, True): "mean() * 0.5",
        (False, False): "sum()",
        (True, False): "sum() * 0.5",
    }
    return {
        "scale_e": f"({scale} / e.size)" if mean else scale,
        "scale_y": f"({scale} / y_hat.size)" if mean else scale,
        "torch_reduce": torch[half, mean],
    }


_CLIP = "np.clip(y_hat, 1e-12, 1.0 - 1e-12)"
_TCLIP = "y_hat.clamp(1e-12, 1.0 - 1e-12)"


class _Regression(Loss):
    kind = "regression"
    output = "any"
    gallery = GalleryCurve("regression", DRAWN_REGRESSION)


class MSE(_Regression):
    """Mean squared error.

    ``L = (1/N) Σ (y − ŷ)²``, with ``half=True`` multiplied by ½ and with
    ``reduction="sum"`` summed instead of averaged over all N elements.

    Parameters
    ----------
    half : bool
        Multiply by ½, the lecture's ``L = ½(ŷ − y)²`` whose gradient is just ``ŷ − y``.
    reduction : {"mean", "sum"}
        Average or sum over all elements of ``y_pred`` (shape (N,) or (m, k)).

    Returns ``∂L/∂ŷ = 2(ŷ − y)/N`` (times ½ if ``half``; without ``/N`` if summed).
    """

    name, label, label_zh = "mse", msg("model.losses", "MSE"), "均方误差"
    note = msg("model.losses", "most sensitive to large errors (grows fastest); the usual regression loss")
    # The defaults; an instance rewrites both for its own half / reduction.
    formula = "L = (1/N) Σ (y − ŷ)²"
    gradient_formula = "∂L/∂ŷ = 2(ŷ − y)/N"
    PARAMS = (
        ParamSpec("half", False, None, None, "× ½", (False, True)),
        ParamSpec("reduction", "mean", None, None, msg("model.losses", "reduction"), ("mean", "sum")),
    )
    script = LossSnippet(
        """
    e = (y_hat - y).ravel()
    return $scale_e * np.dot(e, e)
""",
        """
    return (2.0 * $scale_y) * (y_hat - y)
""",
        """
    return ((y_hat - y) ** 2).$torch_reduce
""",
        prepare=_mse,
    )

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        key = (self.params["half"], self.params["reduction"])
        self.formula = (
            "L = "
            + {
                (False, "mean"): "(1/N) ",
                (True, "mean"): "(1/2N) ",
                (False, "sum"): "",
                (True, "sum"): "½ ",
            }[key]
            + "Σ (y − ŷ)²"
        )
        self.gradient_formula = (
            "∂L/∂ŷ = "
            + {
                (False, "mean"): "2(ŷ − y)/N",
                (True, "mean"): "(ŷ − y)/N",
                (False, "sum"): "2(ŷ − y)",
                (True, "sum"): "ŷ − y",
            }[key]
        )

    def _scale(self, n):
        scale = 0.5 if self.params["half"] else 1.0
        return scale / n if self.params["reduction"] == "mean" else scale

    @property
    def averages_samples(self) -> bool:
        return self.params["reduction"] == "mean"

    def reduction_note(self, m: int, N: int) -> str:
        if self.params["reduction"] == "sum":
            return msg("model.losses", "summed over all {N} outputs of the batch, no 1/N.").format(N=N)
        return super().reduction_note(m, N)

    def substitution(self, Y: np.ndarray, P: np.ndarray, fmt: Numbers) -> Math | None:
        half, red = self.params["half"], self.params["reduction"]
        N = P.size
        pre = {(True, "sum"): "½", (False, "sum"): "", (True, "mean"): f"(1/{2 * N})", (False, "mean"): f"(1/{N})"}[
            (half, red)
        ]
        terms = [Math("(") + _diff(fmt, y, p) + ")²" for y, p in zip(Y.ravel(), P.ravel())]
        body = fmt.sum_terms(terms, N)
        return Math(pre) + "[" + body + "]" if pre else body

    def _elem_gradient(self, y, p, fmt):
        if self.params["half"] and self.params["reduction"] == "sum":  # the worked example's −(target − out)
            return Math("−(") + Y_SYM + " − " + Y_HAT + ")", Math("−(") + _diff(fmt, y, p) + ")"
        two = "" if self.params["half"] else "2"
        return Math(two + "(") + Y_HAT + " − " + Y_SYM + ")", Math(two + "(") + _diff(fmt, p, y) + ")"

    def _value(self, y, p):
        d = np.subtract(p, y).ravel()
        return self._scale(d.size) * np.dot(d, d)

    def _gradient(self, y, p):
        return (2.0 * self._scale(p.size)) * (p - y)

    def _value_and_gradient(self, y, p, out=None):
        """``(L, ∂L/∂ŷ, Σ(ŷ − y)²)`` from one residual: the same numbers as ``_value`` and ``_gradient``.

        ``y`` and ``p`` must have the same shape; ``out`` (shaped like ``p``, or None)
        receives the gradient.  The trainer uses it to save numpy calls per step.
        """
        d = np.subtract(p, y, out=out)
        flat = d.reshape(-1)
        ss = np.dot(flat, flat)
        n = d.size
        factors = self.__dict__.setdefault("_factors", {})
        f = factors.get(n)
        if f is None:
            scale = self._scale(n)
            # a 0-d array multiplies like the float but skips numpy's Python-scalar handling
            f = factors[n] = (scale, np.array(2.0 * scale))
        d *= f[1]
        return float(f[0] * ss), d, ss

    def _value_from_squares(self, ss, n) -> float:
        """``L`` from ``ss = Σ(ŷ − y)²`` over ``n`` elements (bit-identical to ``_value``)."""
        return float(self._scale(n) * ss)


class MAE(_Regression):
    """Mean absolute error (L1).

    ``L = (1/N) Σ |y − ŷ|`` over all N elements; ``∂L/∂ŷ = sign(ŷ − y)/N``, taken as 0
    where ``ŷ = y`` (a valid subgradient).
    """

    name, label, label_zh = "mae", msg("model.losses", "MAE (L1)"), "平均绝对误差"
    note = msg("model.losses", "grows linearly; robust to outliers; easy to interpret")
    formula = "L = (1/N) Σ |y − ŷ|"
    gradient_formula = msg("model.losses", "∂L/∂ŷ = sign(ŷ − y)/N   (0 where ŷ = y)")
    script = LossSnippet(
        """
    return np.mean(np.abs(y_hat - y))
""",
        """
    return np.sign(y_hat - y) / y_hat.size
""",
        """
    return (y_hat - y).abs().mean()
""",
    )

    def _value(self, y, p):
        return np.mean(np.abs(p - y))

    def _gradient(self, y, p):
        return np.sign(p - y) / p.size

    def _term(self, y, p, fmt):
        return Math("|") + _diff(fmt, y, p) + "|"

    def _elem_gradient(self, y, p, fmt):
        return Math("sign(") + Y_HAT + " − " + Y_SYM + ")", Math("sign(") + _diff(fmt, p, y) + ")"


class Huber(_Regression):
    """Huber loss: squared for small errors, linear for large ones.

    ``L = (1/N) Σ h(e)`` with ``e = y − ŷ``, ``h(e) = ½e²`` if ``|e| ≤ δ`` else
    ``δ(|e| − ½δ)``; averaged over all N elements.  Its gradient is continuous:
    ``∂L/∂ŷ = clip(ŷ − y, −δ, δ)/N``.

    Parameters
    ----------
    delta : float
        The error size δ > 0 where the loss turns from quadratic to linear.
    """

    name, label, label_zh = "huber", msg("model.losses", "Huber (δ)"), "Huber 损失"
    _title = msg("model.losses", "Huber loss")
    note = msg("model.losses", "MSE for small errors, MAE for large ones; balances the two")
    formula = "L = (1/N) Σ { ½e² if |e| ≤ δ;  δ(|e| − ½δ) otherwise },  e = y − ŷ"
    gradient_formula = "∂L/∂ŷ = clip(ŷ − y, −δ, δ)/N"
    PARAMS = (ParamSpec("delta", 1.0, 1e-3, 1e3, "δ"),)
    gallery = GalleryCurve(
        "regression",
        DRAWN_REGRESSION,
        {"delta": 1.0},
        knob=Knob(
            "delta",
            1.0,
            0.05,
            5.0,
            0.1,
            2,
            msg("model.losses", "&Huber δ"),
            msg(
                "model.losses",
                "Huber's δ: quadratic (MSE-like) for |e| ≤ δ, linear (MAE-like) beyond. Shrink it to watch "
                "Huber turn from MSE-like to MAE-like.",
            ),
        ),
        marks="delta",
    )
    script = LossSnippet(
        """
    delta = $delta
    a = np.abs(y_hat - y)
    quad = np.minimum(a, delta)
    return np.mean(0.5 * quad * quad + delta * (a - quad))
""",
        """
    delta = $delta
    return np.clip(y_hat - y, -delta, delta) / y_hat.size
""",
        """
    return F.huber_loss(y_hat, y, delta=$delta)
""",
    )

    def _value(self, y, p):
        delta = self.params["delta"]
        a = np.abs(p - y)
        quad = np.minimum(a, delta)
        # ½q² + δ(|e| − q) equals ½e² inside δ and δ(|e| − ½δ) outside.
        return np.mean(0.5 * quad * quad + delta * (a - quad))

    def _gradient(self, y, p):
        delta = self.params["delta"]
        return np.clip(p - y, -delta, delta) / p.size

    def _term(self, y, p, fmt):
        delta = self.params["delta"]
        if abs(y - p) <= delta:
            return Math("½(") + _diff(fmt, y, p) + ")²"
        return fmt.n(delta) + " × (|" + _diff(fmt, y, p) + "| − ½ × " + fmt.n(delta) + ")"

    def _elem_gradient(self, y, p, fmt):
        d = self.params["delta"]
        return (
            Math("clip(") + Y_HAT + " − " + Y_SYM + ", −δ, δ)",
            Math("clip(") + _diff(fmt, p, y) + ", " + fmt.n(-d) + ", " + fmt.n(d) + ")",
        )


class LogCosh(_Regression):
    """Log-cosh loss.

    ``L = (1/N) Σ log cosh(ŷ − y)`` over all N elements; ``∂L/∂ŷ = tanh(ŷ − y)/N``.
    Evaluated as ``log1p(2 sinh²(x/2))`` for small ``|x|`` (accurate near 0) and as
    ``|x| + log1p(e^(−2|x|)) − log 2`` otherwise (no overflow: ``cosh`` would overflow
    past |x| ≈ 710).
    """

    name, label, label_zh = "log_cosh", msg("model.losses", "Log-Cosh"), "Log-Cosh 损失"
    note = msg("model.losses", "like MSE but smoother; insensitive to outliers; more expensive to compute")
    formula = "L = (1/N) Σ log cosh(ŷ − y)"
    gradient_formula = "∂L/∂ŷ = tanh(ŷ − y)/N"
    script = LossSnippet(
        """
    a = np.abs(y_hat - y)
    s = np.sinh(0.5 * np.minimum(a, 1.0))
    near = np.log1p(2.0 * s * s)  # log cosh(x) = log(1 + 2 sinh²(x/2)), accurate near 0
    far = a + np.log1p(np.exp(-2.0 * np.clip(a, 1.0, 30.0))) - math.log(2.0)  # never overflows
    return np.mean(np.where(a < 1.0, near, far))
""",
        """
    return np.tanh(y_hat - y) / y_hat.size
""",
        """
    a = (y_hat - y).abs()
    s = torch.sinh(0.5 * a.clamp(max=1.0))
    near = torch.log1p(2.0 * s * s)
    far = a + torch.log1p(torch.exp(-2.0 * a.clamp(1.0, 30.0))) - math.log(2.0)
    return torch.where(a < 1.0, near, far).mean()
""",
    )

    def _value(self, y, p):
        a = np.abs(p - y)
        small = np.minimum(a, 1.0)
        s = np.sinh(0.5 * small)
        near = np.log1p(2.0 * s * s)
        # Clipping the exponent keeps exp from underflowing; past 30 the term is below rounding.
        big = np.clip(a, 1.0, _LOGCOSH_TAIL)
        far = a + np.log1p(np.exp(-2.0 * big)) - math.log(2.0)
        return np.mean(np.where(a < 1.0, near, far))

    def _gradient(self, y, p):
        return np.tanh(p - y) / p.size

    def _term(self, y, p, fmt):
        return Math("log cosh(") + _diff(fmt, p, y) + ")"

    def _elem_gradient(self, y, p, fmt):
        return Math("tanh(") + Y_HAT + " − " + Y_SYM + ")", Math("tanh(") + _diff(fmt, p, y) + ")"


class Quantile(_Regression):
    """Quantile (pinball) loss.

    ``L = (1/N) Σ max(q·e, (q − 1)·e)`` with ``e = y − ŷ``, over all N elements.
    Under-prediction (``e > 0``) costs ``q`` per unit, over-prediction ``1 − q``, so the
    minimiser is the q-quantile.  ``∂L/∂ŷ = −q/N`` where ``e > 0``, ``(1 − q)/N`` where
    ``e < 0`` and 0 where ``e = 0`` (a valid subgradient; with q = ½ this is MAE/2 exactly).

    Parameters
    ----------
    quantile : float
        q in [0, 1], e.g. 0.9 for the 90% quantile.
    """

    name, label, label_zh = "quantile", msg("model.losses", "Quantile (q)"), "分位数损失"
    _title = msg("model.losses", "Quantile loss")
    note = msg("model.losses", "asymmetric; for quantile regression (e.g. the 90% quantile)")
    formula = "L = (1/N) Σ max(q·e, (q − 1)·e),  e = y − ŷ"
    gradient_formula = "∂L/∂ŷ = −q/N if e > 0;  (1 − q)/N if e < 0;  0 if e = 0"
    PARAMS = (ParamSpec("quantile", 0.5, 0.0, 1.0, "q"),)
    gallery = GalleryCurve(
        "regression",
        DRAWN_REGRESSION,
        {"quantile": 0.7},
        knob=Knob(
            "quantile",
            0.7,
            0.0,
            1.0,
            0.05,
            2,
            msg("model.losses", "&Quantile q"),
            msg(
                "model.losses", "Under-prediction (e > 0) costs q per unit, over-prediction 1 − q; q = 0.5 is MAE / 2."
            ),
        ),
    )
    script = LossSnippet(
        """
    q = $quantile
    e = y - y_hat
    return np.mean(np.maximum(q * e, (q - 1.0) * e))
""",
        """
    q = $quantile
    e = y - y_hat
    return np.where(e > 0, -q, np.where(e < 0, 1.0 - q, 0.0)) / y_hat.size
""",
        """
    q = $quantile
    e = y - y_hat
    return torch.maximum(q * e, (q - 1.0) * e).mean()
""",
    )

    def _value(self, y, p):
        q = self.params["quantile"]
        e = y - p
        return np.mean(np.maximum(q * e, (q - 1.0) * e))

    def _gradient(self, y, p):
        q = self.params["quantile"]
        e = y - p
        return np.where(e > 0, -q, np.where(e < 0, 1.0 - q, 0.0)) / p.size

    def _term(self, y, p, fmt):
        q, e = self.params["quantile"], y - p
        return Math("max(") + fmt.n(q) + " × " + fmt.p(e) + ", " + fmt.p(q - 1.0) + " × " + fmt.p(e) + ")"

    def _sample_gradient(self, Y, P, r, j, fmt):
        q = self.params["quantile"]
        y, p = float(Y[r, j]), float(P[r, j])
        e = y - p
        e_line = Line(sym("e"), symbolic(Y_SYM + " − " + Y_HAT), _diff(fmt, y, p), fmt.r(e))
        symbols = Math(
            "{−<i>q</i> if <i>e</i> &gt; 0;  1 − <i>q</i> if <i>e</i> &lt; 0;  0}", "{−q if e > 0;  1 − q if e < 0;  0}"
        )
        numbers = (Math("−") + fmt.n(q)) if e > 0 else (Math("1 − ") + fmt.n(q)) if e < 0 else Math("0")
        return (e_line,), symbols, numbers


class RMSE(_Regression):
    """Root mean squared error.

    ``L = √((1/N) Σ (y − ŷ)²)`` over all N elements; ``∂L/∂ŷ = (ŷ − y)/(N·L)``,
    taken as 0 when ``L = 0`` (where the square root has no derivative).
    """

    name, label, label_zh = "rmse", msg("model.losses", "RMSE"), "均方根误差"
    note = msg("model.losses", "square root of MSE; in the units of the target")
    per_sample_terms = False
    gallery = GalleryCurve(
        "regression",
        msg("model.losses", "Drawn in the upper plot: for one sample RMSE = √(e²) = |e|, the same curve as MAE."),
        legend=msg("model.losses", "{name} (= MAE here)"),
    )
    formula = "L = √((1/N) Σ (y − ŷ)²)"
    gradient_formula = msg("model.losses", "∂L/∂ŷ = (ŷ − y)/(N·L)   (0 when L = 0)")
    script = LossSnippet(
        """
    e = y_hat - y
    return math.sqrt(np.sum(e * e) / e.size)
""",
        """
    e = y_hat - y
    rmse = math.sqrt(np.sum(e * e) / e.size)
    return np.zeros_like(e) if rmse == 0.0 else e / (e.size * rmse)
""",
        """
    return ((y_hat - y) ** 2).mean().sqrt()
""",
    )

    def _value(self, y, p):
        d = p - y
        return math.sqrt(np.sum(d * d) / d.size)

    def _gradient(self, y, p):
        d = p - y
        rmse = math.sqrt(np.sum(d * d) / d.size)
        if rmse == 0.0:
            return np.zeros_like(d)
        return d / (d.size * rmse)

    def substitution(self, Y: np.ndarray, P: np.ndarray, fmt: Numbers) -> Math | None:
        terms = [Math("(") + _diff(fmt, y, p) + ")²" for y, p in zip(Y.ravel(), P.ravel())]
        return Math(f"√((1/{P.size})[") + fmt.sum_terms(terms, P.size) + "])"

    _per_k = False

    def _sample_gradient(self, Y, P, r, j, fmt):
        # m·∂L/∂ŷ = m(ŷ − y)/(N·L) = (ŷ − y)/(k·L): RMSE is not a sum of per-sample losses
        k = _k(P)
        value = self._value(Y, P)
        y, p = float(Y[r, j]), float(P[r, j])
        kl = "" if k == 1 else "k·"
        kn = "" if k == 1 else f"{k} × "
        return (
            (),
            Math("(") + Y_HAT + " − " + Y_SYM + f") / ({kl}" + _L + ")",
            Math("(") + _diff(fmt, p, y) + f") / ({kn}" + fmt.n(value) + ")",
        )


class MBE(_Regression):
    """Mean bias error, a metric.

    ``MBE = (1/N) Σ (y − ŷ)``: the mean of the lecture's signed error ``e = y − ŷ``, so a
    positive MBE means the model predicts too low on average.  ``∂L/∂ŷ = −1/N``.  Not a
    training loss: it is unbounded below and errors of opposite sign cancel.
    """

    name, label, label_zh = "mbe", msg("model.losses", "MBE"), "平均偏差误差"
    note = msg("model.losses", "average signed bias; rarely used for training")
    gallery = None
    formula = "MBE = (1/N) Σ (y − ŷ)"
    gradient_formula = "∂L/∂ŷ = −1/N"
    training = False
    script = LossSnippet(
        """
    return np.mean(y - y_hat)
""",
        None,
        """
    return (y - y_hat).mean()
""",
    )

    def _value(self, y, p):
        return np.mean(y - p)

    def _gradient(self, y, p):
        return np.full_like(p, -1.0 / p.size)

    def _term(self, y, p, fmt):
        return Math("(") + _diff(fmt, y, p) + ")"

    def _elem_gradient(self, y, p, fmt):
        return Math("−1"), Math("−1")


# ---------------------------------------------------------------------------------
# Classification losses
# ---------------------------------------------------------------------------------
class _Classification(Loss):
    kind = "classification"


class _SigmoidOutput(_Classification):
    output = "probability"
    gallery = GalleryCurve("classification", DRAWN_PROBABILITY)

    def check_output(self, activation: Any, n_outputs: int) -> str | None:
        act = _act_name(activation)
        if act != "sigmoid":
            return msg(
                "model.losses",
                "{title} needs a sigmoid output layer, whose units are probabilities in "
                "(0, 1), but the output layer is {act} with {units}.",
            ).format(title=self._title, act=act, units=_units(n_outputs))
        return None


class BCE(_SigmoidOutput):
    """Binary cross-entropy.

    ``L = −(1/N) Σ [y log ŷ + (1 − y) log(1 − ŷ)]`` averaged over all N elements, so a
    (m, k) batch is k independent yes/no questions per sample.  ``ŷ`` are probabilities,
    clipped to ``[1e-12, 1 − 1e-12]``; ``y`` in [0, 1] (0/1 labels or soft targets).
    ``∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)·N)``; after a sigmoid, ``δ = (ŷ − y)/N``.
    """

    name, label, label_zh = "bce", msg("model.losses", "Binary cross-entropy"), "二元交叉熵"
    _title = msg("model.losses", "Binary cross-entropy")
    note = msg("model.losses", "binary classification")
    formula = "L = −(1/N) Σ [y log ŷ + (1 − y) log(1 − ŷ)]"
    gradient_formula = "∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)·N)"
    script = LossSnippet(
        f"""
    p = {_CLIP}
    return -np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p))
""",
        f"""
    p = {_CLIP}
    return (p - y) / (p * (1.0 - p) * p.size)
""",
        f"""
    p = {_TCLIP}
    return -(y * torch.log(p) + (1.0 - y) * torch.log1p(-p)).mean()
""",
        fused={
            "sigmoid": """
    # sigmoid + binary cross-entropy: σ′ cancels the loss's denominator
    return (a - y) / a.size
"""
        },
    )

    def _value(self, y, p):
        p = _clip_prob(p)
        return -np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p))

    def _gradient(self, y, p):
        p = _clip_prob(p)
        return (p - y) / (p * (1.0 - p) * p.size)

    def fused_delta(self, activation: Any, y_true: ArrayLike, a: ArrayLike) -> np.ndarray | None:
        if _act_name(activation) != "sigmoid":
            return None
        y, a = self._prepare(y_true, a)
        return (a - y) / a.size

    def fused_kernel(self, activation: Any) -> Callable | None:
        if _act_name(activation) != "sigmoid":
            return None

        def kernel(y, a, out=None):
            out = np.subtract(a, y, out=out)
            out /= a.size
            return out

        return kernel

    def fused_formula(self, activation: Any) -> str | None:
        if _act_name(activation) != "sigmoid":
            return None
        return msg("model.losses", "δ = (ŷ − y)/k per sample, k outputs each (sigmoid + binary cross-entropy)")

    def fused_lines(
        self, activation: Any, delta: Math, Y: np.ndarray, A: np.ndarray, r: int, j: int, value: float, fmt: Numbers
    ) -> list | None:
        if _act_name(activation) != "sigmoid":
            return None
        k = A.shape[1]
        note = msg(
            "model.losses",
            "Sigmoid + binary cross-entropy: σ′ = ŷ(1 − ŷ) cancels the ŷ(1 − ŷ) in ∂ℓ/∂ŷ, leaving the error itself.",
        )
        if k > 1:
            note = (
                note
                + " "
                + msg("model.losses", "The 1/k is the mean over the k = {k} outputs of a sample.").format(k=k)
            )
        yhat, y = sym("ŷ", f"{j + 1}"), sym("y", f"{j + 1}")
        general = Math("(") + yhat + " − " + y + ")" + ("/k" if k > 1 else "")
        numbers = Math("(") + _diff(fmt, float(A[r, j]), float(Y[r, j])) + ")" + (f"/{k}" if k > 1 else "")
        return [Note(note), Line(delta, symbolic(general), numbers, fmt.r(value))]

    def _term(self, y, p, fmt):
        if y == 1:
            return Math("log ") + fmt.n(p)
        if y == 0:
            return Math("log(1 − ") + fmt.n(p) + ")"
        return fmt.n(y) + " log " + fmt.n(p) + " + " + fmt.n(1 - y) + " log(1 − " + fmt.n(p) + ")"

    def substitution(self, Y: np.ndarray, P: np.ndarray, fmt: Numbers) -> Math | None:
        body = super().substitution(Y, P, fmt)
        return Math("−") + body

    def _elem_gradient(self, y, p, fmt):
        return (
            Math("(") + Y_HAT + " − " + Y_SYM + ") / (" + Y_HAT + "(1 − " + Y_HAT + "))",
            Math("(") + _diff(fmt, p, y) + ") / (" + fmt.n(p) + " × (1 − " + fmt.n(p) + "))",
        )


class _SoftmaxOutput(_Classification):
    """Row losses on distributions: sum over the k classes of a row, mean over the m rows."""

    output = "distribution"
    gallery = GalleryCurve("classification", DRAWN_DISTRIBUTION)
    _per_k = False

    def check_output(self, activation: Any, n_outputs: int) -> str | None:
        act = _act_name(activation)
        if act != "softmax" or n_outputs < 2:
            have = msg("model.losses", "{act} with {units}").format(act=act, units=_units(n_outputs))
            if act == "softmax":
                have += msg("model.losses", ", which always outputs 1")
            if n_outputs == 1:
                have += msg(
                    "model.losses", "; for a single yes/no output use a sigmoid layer with binary cross-entropy"
                )
            return msg(
                "model.losses",
                "{title} needs a softmax output layer with at least 2 units, so that each "
                "row is a probability distribution, but the output layer is {have}.",
            ).format(title=self._title, have=have)
        return None

    def reduction_note(self, m: int, N: int) -> str:
        return msg("model.losses", "summed over the classes, averaged over the m = {m} samples.").format(m=m)

    def substitution(self, Y: np.ndarray, P: np.ndarray, fmt: Numbers) -> Math | None:
        t = self._targets(Y)
        terms = [
            (Math("log ") + fmt.n(P[r, k])) if t[r, k] == 1 else (fmt.n(t[r, k]) + " log " + fmt.n(P[r, k]))
            for r in range(P.shape[0])
            for k in range(P.shape[1])
            if t[r, k] != 0
        ]
        if not terms:
            return None
        return Math(f"−(1/{P.shape[0]})[") + fmt.sum_terms(terms, len(terms)) + "]"

    _target_symbol = Y_SYM

    def _elem_gradient(self, y, p, fmt):
        return Math("−") + self._target_symbol + " / " + Y_HAT, Math("−") + fmt.p(y) + " / " + fmt.n(p)

    def _sample_gradient(self, Y, P, r, j, fmt):
        t = self._targets(np.atleast_2d(Y))
        return (), *self._elem_gradient(float(t[r, j]), float(P[r, j]), fmt)

    def fused_lines(
        self, activation: Any, delta: Math, Y: np.ndarray, A: np.ndarray, r: int, j: int, value: float, fmt: Numbers
    ) -> list | None:
        if self.fused_formula(activation) is None:
            return None
        t = float(self._targets(np.atleast_2d(Y))[r, j])
        ylet = self._target_symbol.text
        note = msg(
            "model.losses",
            "Softmax + cross-entropy: the softmax Jacobian times ∂ℓ/∂ŷ = −{y}/ŷ simplifies to the error itself.",
        ).format(y=ylet)
        general = Math("(") + sym("ŷ", f"{j + 1}") + " − " + sym(ylet, f"{j + 1}") + ")"
        numbers = Math("(") + _diff(fmt, float(A[r, j]), t) + ")"
        return [Note(note), Line(delta, symbolic(general), numbers, fmt.r(value))]

    def _targets(self, y):
        return y

    def _value(self, y, p):
        y, p = _rows(y, p)
        t = self._targets(y)
        # −Σ t·log(clip(p)) / m, in one new array (clip written as max then min: the same numbers)
        q = np.maximum(p, EPS)
        np.minimum(q, 1.0 - EPS, out=q)
        np.log(q, out=q)
        q *= t
        return -np.add.reduce(q, axis=None) / p.shape[0]

    def _gradient(self, y, p):
        y2, p2 = _rows(y, p)
        t = self._targets(y2)
        return (-t / (_clip_prob(p2) * p2.shape[0])).reshape(p.shape)

    def fused_delta(self, activation: Any, y_true: ArrayLike, a: ArrayLike) -> np.ndarray | None:
        # Offered only where the subclass documents the closed form (not for KL).
        if self.fused_formula(activation) is None:
            return None
        y, a = self._prepare(y_true, a)
        y2, a2 = _rows(y, a)
        t = self._targets(y2)
        # a·Σt − t is the exact softmax VJP of −t/a; it is a − t when the target rows sum to 1.
        delta = (a2 * t.sum(axis=1, keepdims=True) - t) / a2.shape[0]
        return delta.reshape(a.shape)

    def fused_kernel(self, activation: Any) -> Callable | None:
        if self.fused_formula(activation) is None:  # (asked once: the text is built once)
            return None
        targets = self._targets

        def kernel(y, a, out=None):
            t = targets(y)
            out = np.multiply(a, np.add.reduce(t, axis=1, keepdims=True), out=out)
            out -= t
            out /= a.shape[0]
            return out

        return kernel


class CrossEntropy(_SoftmaxOutput):
    """Categorical cross-entropy.

    ``L = −(1/m) Σᵢ Σₖ yᵢₖ log ŷᵢₖ``: summed over the k classes, averaged over the m rows of
    a (m, k) batch (a 1-D input is one row).  Rows of ``y`` are one-hot or soft targets;
    ``ŷ`` rows are probabilities (softmax), clipped to ``[1e-12, 1 − 1e-12]``.
    ``∂L/∂ŷ = −y/(m·ŷ)``; after a softmax, ``δ = (ŷ − y)/m`` for target rows summing to 1.
    """

    name, label, label_zh = "cross_entropy", msg("model.losses", "Cross-entropy"), "交叉熵"
    _title = msg("model.losses", "Cross-entropy")
    note = msg("model.losses", "multi-class standard, used with softmax")
    gallery = GalleryCurve("classification", DRAWN_DISTRIBUTION, legend=msg("model.losses", "{name} (= BCE here)"))
    formula = "L = −(1/m) Σᵢ Σₖ yᵢₖ log ŷᵢₖ"
    gradient_formula = "∂L/∂ŷ = −y / (m·ŷ)"
    script = LossSnippet(
        f"""
    return -np.sum(y * np.log({_CLIP})) / y_hat.shape[0]
""",
        f"""
    return -y / ({_CLIP} * y_hat.shape[0])
""",
        f"""
    return -(y * torch.log({_TCLIP})).sum() / y_hat.shape[0]
""",
        fused={
            "softmax": """
    # softmax + cross-entropy: δ = (ŷ − y)/m (written a·Σy − y, exact for soft targets too)
    return (a * y.sum(axis=1, keepdims=True) - y) / a.shape[0]
"""
        },
    )

    def fused_formula(self, activation: Any) -> str | None:
        if _act_name(activation) != "softmax":
            return None
        return msg("model.losses", "δ = ŷ − y per sample (softmax + cross-entropy)")


class LabelSmoothingCE(_SoftmaxOutput):
    """Cross-entropy against smoothed targets.

    ``L = −(1/m) Σᵢ Σₖ ỹᵢₖ log ŷᵢₖ`` with ``ỹ = (1 − ε)·y + ε/K`` for K classes: summed over
    the classes, averaged over the m rows (a 1-D input is one row).
    ``∂L/∂ŷ = −ỹ/(m·ŷ)``; after a softmax, ``δ = (ŷ − ỹ)/m``.

    Parameters
    ----------
    epsilon : float
        ε in [0, 1], the probability mass spread uniformly over the K classes.
    """

    name, label, label_zh = "label_smoothing_ce", msg("model.losses", "Label-smoothing CE (ε)"), "标签平滑交叉熵"
    _title = msg("model.losses", "Label-smoothing cross-entropy")
    note = msg(
        "model.losses",
        "spreads ε of the probability uniformly over the classes; fights over-fitting and over-confidence",
    )
    _target_symbol = Math("<i>ỹ</i>", "ỹ")
    formula = "L = −(1/m) Σᵢ Σₖ ỹᵢₖ log ŷᵢₖ,  ỹ = (1 − ε)·y + ε/K"
    gradient_formula = "∂L/∂ŷ = −ỹ / (m·ŷ)"
    PARAMS = (ParamSpec("epsilon", 0.1, 0.0, 1.0, "ε"),)
    gallery = GalleryCurve(
        "classification",
        DRAWN_DISTRIBUTION,
        {"epsilon": 0.1},
        knob=Knob(
            "epsilon",
            0.1,
            0.0,
            1.0,
            0.05,
            2,
            msg("model.losses", "&Smoothing ε"),
            msg(
                "model.losses",
                "Label smoothing's ε: the target becomes (1 − ε/2, ε/2) for two classes, so the loss is "
                "smallest before p = 1: it discourages over-confidence.",
            ),
        ),
    )
    script = LossSnippet(
        f"""
    epsilon = $epsilon
    t = (1.0 - epsilon) * y + epsilon / y.shape[1]  # the smoothed targets ỹ
    return -np.sum(t * np.log({_CLIP})) / y_hat.shape[0]
""",
        f"""
    epsilon = $epsilon
    t = (1.0 - epsilon) * y + epsilon / y.shape[1]
    return -t / ({_CLIP} * y_hat.shape[0])
""",
        f"""
    epsilon = $epsilon
    t = (1.0 - epsilon) * y + epsilon / y.shape[1]
    return -(t * torch.log({_TCLIP})).sum() / y_hat.shape[0]
""",
        fused={
            "softmax": """
    # softmax + label-smoothing cross-entropy: δ = (ŷ − ỹ)/m
    epsilon = $epsilon
    t = (1.0 - epsilon) * y + epsilon / y.shape[1]
    return (a * t.sum(axis=1, keepdims=True) - t) / a.shape[0]
"""
        },
    )

    def _targets(self, y):
        eps = self.params["epsilon"]
        return (1.0 - eps) * y + eps / y.shape[1]

    def fused_formula(self, activation: Any) -> str | None:
        if _act_name(activation) != "softmax":
            return None
        return msg(
            "model.losses", "δ = ŷ − ỹ per sample, ỹ = (1 − ε)·y + ε/K (softmax + label-smoothing cross-entropy)"
        )


class Focal(_SigmoidOutput):
    """Binary focal loss.

    ``L = −(1/N) Σ α_t (1 − p_t)^γ log p_t`` over all N elements, with ``p_t = ŷ`` and
    ``α_t = α`` where ``y = 1``, ``p_t = 1 − ŷ`` and ``α_t = 1 − α`` where ``y = 0``
    (``α_t = 1`` when ``alpha`` is None).  A soft target ``y`` in [0, 1] mixes the two
    cases with weights ``y`` and ``1 − y``, so the loss stays differentiable.  ``ŷ`` is
    clipped to ``[1e-12, 1 − 1e-12]``.  With γ = 0 and no α it is binary cross-entropy.

    Parameters
    ----------
    gamma : float
        Focusing exponent γ ≥ 0; larger values down-weight easy, confident examples more.
    alpha : float or None
        Weight α in [0, 1] of the positive class, or None for no class weighting.
    """

    name, label, label_zh = "focal", msg("model.losses", "Focal (γ, α)"), "焦点损失"
    _title = msg("model.losses", "Focal loss")
    note = msg("model.losses", "down-weights easy examples; for class imbalance (object detection)")
    formula = "L = −(1/N) Σ α_t (1 − p_t)^γ log p_t,  p_t = ŷ, α_t = α if y = 1;  p_t = 1 − ŷ, α_t = 1 − α if y = 0"
    gradient_formula = (
        "∂L/∂ŷ = (1/N)[ −y·α(1 − ŷ)^(γ−1)(1 − ŷ − γŷ log ŷ)/ŷ "
        "+ (1 − y)(1 − α)ŷ^(γ−1)(ŷ − γ(1 − ŷ) log(1 − ŷ))/(1 − ŷ) ]"
    )
    PARAMS = (
        ParamSpec("gamma", 2.0, 0.0, 10.0, "γ"),
        ParamSpec("alpha", None, 0.0, 1.0, msg("model.losses", "α (empty: no class weighting)")),
    )
    gallery = GalleryCurve(
        "classification",
        DRAWN_PROBABILITY,
        {"gamma": 2.0},
        knob=Knob(
            "gamma",
            2.0,
            0.0,
            10.0,
            0.5,
            1,
            msg("model.losses", "&Focal γ"),
            msg(
                "model.losses",
                "Focal loss's γ: the larger, the less an already well-classified sample (p near 1) counts; "
                "γ = 0 is binary cross-entropy.",
            ),
        ),
    )
    script = LossSnippet(
        f"""
    gamma, a_pos, a_neg = $gamma, $a_pos, $a_neg
    p = {_CLIP}
    q = 1.0 - p
    pos = a_pos * q**gamma * np.log(p)
    neg = a_neg * p**gamma * np.log(q)
    return -np.mean(y * pos + (1.0 - y) * neg)
""",
        f"""
    gamma, a_pos, a_neg = $gamma, $a_pos, $a_neg
    p = {_CLIP}
    q = 1.0 - p
    d_pos = -a_pos * q ** (gamma - 1.0) * (q - gamma * p * np.log(p)) / p
    d_neg = a_neg * p ** (gamma - 1.0) * (p - gamma * q * np.log(q)) / q
    return (y * d_pos + (1.0 - y) * d_neg) / p.size
""",
        f"""
    gamma, a_pos, a_neg = $gamma, $a_pos, $a_neg
    p = {_TCLIP}
    q = 1.0 - p
    pos = a_pos * q**gamma * torch.log(p)
    neg = a_neg * p**gamma * torch.log(q)
    return -(y * pos + (1.0 - y) * neg).mean()
""",
        prepare=lambda p: {
            "a_pos": repr(1.0 if p["alpha"] is None else p["alpha"]),
            "a_neg": repr(1.0 if p["alpha"] is None else 1.0 - p["alpha"]),
        },
    )

    def _weights(self):
        alpha = self.params["alpha"]
        return (1.0, 1.0) if alpha is None else (alpha, 1.0 - alpha)

    def _value(self, y, p):
        g = self.params["gamma"]
        a_pos, a_neg = self._weights()
        p = _clip_prob(p)
        q = 1.0 - p
        pos = a_pos * q**g * np.log(p)
        neg = a_neg * p**g * np.log(q)
        return -np.mean(y * pos + (1.0 - y) * neg)

    def _gradient(self, y, p):
        g = self.params["gamma"]
        a_pos, a_neg = self._weights()
        p = _clip_prob(p)
        q = 1.0 - p
        d_pos = -a_pos * q ** (g - 1.0) * (q - g * p * np.log(p)) / p
        d_neg = a_neg * p ** (g - 1.0) * (p - g * q * np.log(q)) / q
        return (y * d_pos + (1.0 - y) * d_neg) / p.size

    def _term(self, y, p, fmt):
        g = self.params["gamma"]
        a_pos, a_neg = self._weights()
        weighted = self.params["alpha"] is not None
        pos = (fmt.n(a_pos) + " × " if weighted else Math()) + _power(Math("(1 − ") + fmt.n(p) + ")", fmt.n(g))
        pos = pos + " log " + fmt.n(p)
        neg = (fmt.n(a_neg) + " × " if weighted else Math()) + _power(fmt.p(p), fmt.n(g)) + " log(1 − " + fmt.n(p) + ")"
        if y == 1:
            return pos
        if y == 0:
            return neg
        return fmt.n(y) + " × " + pos + " + " + fmt.n(1 - y) + " × " + neg

    def substitution(self, Y: np.ndarray, P: np.ndarray, fmt: Numbers) -> Math | None:
        return Math("−") + super().substitution(Y, P, fmt)

    def _elem_gradient(self, y, p, fmt):
        g = self.params["gamma"]
        a_pos, a_neg = self._weights()
        weighted = self.params["alpha"] is not None
        yh = Y_HAT
        pos_s = (Math("−<i>α</i>", "−α") if weighted else Math("−")) + _power(Math("(1 − ") + yh + ")", Math("γ−1"))
        pos_s = pos_s + "(1 − " + yh + " − γ" + yh + " log " + yh + ") / " + yh
        neg_s = (Math("(1 − <i>α</i>)", "(1 − α)") if weighted else Math()) + _power(yh, Math("γ−1"))
        neg_s = neg_s + "(" + yh + " − γ(1 − " + yh + ") log(1 − " + yh + ")) / (1 − " + yh + ")"
        pos_n = (
            Math("−")
            + (fmt.n(a_pos) + " × " if weighted else Math())
            + _power(Math("(1 − ") + fmt.n(p) + ")", fmt.n(g - 1))
        )
        pos_n = (
            pos_n
            + " × (1 − "
            + fmt.n(p)
            + " − "
            + fmt.n(g)
            + " × "
            + fmt.n(p)
            + " × log "
            + fmt.n(p)
            + ") / "
            + fmt.n(p)
        )
        neg_n = (fmt.n(a_neg) + " × " if weighted else Math()) + _power(fmt.p(p), fmt.n(g - 1))
        neg_n = (
            neg_n
            + " × ("
            + fmt.n(p)
            + " − "
            + fmt.n(g)
            + " × (1 − "
            + fmt.n(p)
            + ") × log(1 − "
            + fmt.n(p)
            + ")) / (1 − "
        )
        neg_n = neg_n + fmt.n(p) + ")"
        if y == 1:
            return pos_s, pos_n
        if y == 0:
            return neg_s, neg_n
        symbols = Y_SYM + "·[" + pos_s + "] + (1 − " + Y_SYM + ")·[" + neg_s + "]"
        return symbols, fmt.n(y) + " × [" + pos_n + "] + " + fmt.n(1 - y) + " × [" + neg_n + "]"


class KLDivergence(_SoftmaxOutput):
    """Kullback–Leibler divergence KL(y ‖ ŷ).

    ``L = (1/m) Σᵢ Σₖ yᵢₖ log(yᵢₖ/ŷᵢₖ)`` with ``0·log 0 = 0``: summed over the classes,
    averaged over the m rows (a 1-D input is one row).  It differs from cross-entropy only
    by the targets' entropy, a constant, so the gradient is the same: ``∂L/∂ŷ = −y/(m·ŷ)``.
    """

    name, label, label_zh = "kl_div", msg("model.losses", "KL divergence"), "KL 散度"
    _title = msg("model.losses", "KL divergence")
    note = msg("model.losses", "the difference between two distributions; generative models")
    gallery = GalleryCurve(
        "classification",
        msg(
            "model.losses",
            "Drawn in the lower plot, for y = (1, 0), ŷ = (p, 1 − p): with a one-hot y, KL equals "
            "cross-entropy, since the entropy of y is 0.",
        ),
        legend=msg("model.losses", "{name} (= CE here)"),
    )
    formula = "L = (1/m) Σᵢ Σₖ yᵢₖ log(yᵢₖ / ŷᵢₖ)   (0·log 0 = 0)"
    gradient_formula = "∂L/∂ŷ = −y / (m·ŷ)"
    script = LossSnippet(
        f"""
    log_y = np.log(np.where(y > 0, y, 1.0))  # 0·log 0 = 0
    return np.sum(y * (log_y - np.log({_CLIP}))) / y_hat.shape[0]
""",
        f"""
    return -y / ({_CLIP} * y_hat.shape[0])
""",
        f"""
    log_y = torch.log(torch.where(y > 0, y, torch.ones_like(y)))
    return (y * (log_y - torch.log({_TCLIP}))).sum() / y_hat.shape[0]
""",
    )

    def _value(self, y, p):
        y, p = _rows(y, p)
        log_y = np.log(np.where(y > 0, y, 1.0))
        return np.sum(y * (log_y - np.log(_clip_prob(p)))) / p.shape[0]

    def substitution(self, Y: np.ndarray, P: np.ndarray, fmt: Numbers) -> Math | None:
        terms = [
            fmt.n(Y[r, k]) + " log(" + fmt.n(Y[r, k]) + " / " + fmt.n(P[r, k]) + ")"
            for r in range(P.shape[0])
            for k in range(P.shape[1])
            if Y[r, k] != 0
        ]
        if not terms:
            return None
        return Math(f"(1/{P.shape[0]})[") + fmt.sum_terms(terms, len(terms)) + "]"


class Hinge(_Classification):
    """Hinge loss on raw scores.

    ``L = (1/N) Σ max(0, 1 − y·ŷ)`` over all N elements, for labels ``y ∈ {−1, +1}``; labels
    0/1 are accepted too, 0 being read as −1.  ``ŷ`` is a raw score (linear or tanh output),
    positive for the +1 class.  ``∂L/∂ŷ = −y/N`` where the margin ``y·ŷ < 1``, else 0
    (0 at a margin of exactly 1).
    """

    name, label, label_zh = "hinge", msg("model.losses", "Hinge"), "Hinge 损失"
    note = msg("model.losses", "penalises wrong and unconfident predictions; SVMs")
    threshold = 0.0  # scores: positive for the +1 class
    gallery = GalleryCurve(
        "classification",
        msg(
            "model.losses",
            "Drawn in the lower plot against the score s = ln(p / (1 − p)) of the top axis, "
            "the raw output that a sigmoid would turn into p, with y = +1.",
        ),
        legend=msg("model.losses", "{name} (vs score s, top axis)"),
    )
    formula = msg("model.losses", "L = (1/N) Σ max(0, 1 − y·ŷ),  y ∈ {−1, +1} (0 is read as −1)")
    gradient_formula = msg("model.losses", "∂L/∂ŷ = −y/N where y·ŷ < 1, else 0")
    output = "score"
    script = LossSnippet(
        """
    y = np.where(y == 0.0, -1.0, y)  # labels ±1 (0 is read as −1)
    return np.mean(np.maximum(0.0, 1.0 - y * y_hat))
""",
        """
    y = np.where(y == 0.0, -1.0, y)
    return np.where(y * y_hat < 1.0, -y, 0.0) / y_hat.size
""",
        """
    y = torch.where(y == 0.0, -torch.ones_like(y), y)
    return torch.relu(1.0 - y * y_hat).mean()
""",
    )

    def _labels(self, y):
        bad = (y != 1.0) & (y != -1.0) & (y != 0.0)
        if bad.any():
            raise ValueError(
                msg("model.losses", "hinge loss needs labels −1 and +1 (or 0 and 1, 0 meaning −1), got {y:g}").format(
                    y=y[bad][0]
                )
            )
        return np.where(y == 0.0, -1.0, y)

    def _value(self, y, p):
        y = self._labels(y)
        return np.mean(np.maximum(0.0, 1.0 - y * p))

    def _gradient(self, y, p):
        y = self._labels(y)
        return np.where(y * p < 1.0, -y, 0.0) / p.size

    def _term(self, y, p, fmt):
        label = -1.0 if y == 0 else y
        return Math("max(0, 1 − ") + fmt.p(label) + " × " + fmt.p(p) + ")"

    def _sample_gradient(self, Y, P, r, j, fmt):
        y, p = float(Y[r, j]), float(P[r, j])
        label = -1.0 if y == 0 else y
        margin = label * p
        m_line = Line(Y_SYM + "·" + Y_HAT, fmt.p(label) + " × " + fmt.p(p), fmt.r(margin))
        symbols = Math("−") + Y_SYM + " if " + Y_SYM + "·" + Y_HAT + Math(" &lt; 1, else 0", " < 1, else 0")
        numbers = (Math("−") + fmt.p(label)) if margin < 1.0 else Math("0")
        return (m_line,), symbols, numbers

    def check_output(self, activation: Any, n_outputs: int) -> str | None:
        act = _act_name(activation)
        if act in ("linear", "tanh"):
            return None
        try:
            never_negative = get_activation(act).output_range[0] >= 0
        except ValueError:
            never_negative = False
        why = msg("model.losses", ", whose outputs are never negative") if never_negative else ""
        return msg(
            "model.losses",
            "Hinge loss needs a raw score output (a linear or tanh layer) that is positive for "
            "the +1 class and negative for the −1 class, but the output layer is {act}{why}.",
        ).format(act=act, why=why)


class Accuracy(_Classification):
    """Accuracy, a metric: the fraction of samples classified correctly.

    With one column (shape (N,) or (m, 1)) a prediction is positive when ``ŷ > threshold``
    and a target when ``y > threshold`` (0/1 labels with threshold 0.5, ±1 labels with
    threshold 0).  With k ≥ 2 columns a row is correct when ``argmax ŷ = argmax y``.
    It is piecewise constant, so it has no gradient.

    Parameters
    ----------
    threshold : float
        Decision threshold for a single output column.
    """

    name, label, label_zh = "accuracy", msg("model.losses", "Accuracy"), "准确率"
    note = msg("model.losses", "fraction of samples classified correctly; a metric, not a training loss")
    gallery = None
    formula = msg("model.losses", "acc = (1/m) Σᵢ 1[class(ŷᵢ) = class(yᵢ)]")
    gradient_formula = msg("model.losses", "none: accuracy is piecewise constant")
    output = "any"
    training = False
    PARAMS = (ParamSpec("threshold", 0.5, None, None, msg("model.losses", "threshold")),)
    script = LossSnippet(
        """
    if y_hat.shape[1] >= 2:
        return np.mean(np.argmax(y_hat, axis=1) == np.argmax(y, axis=1))
    return np.mean((y_hat > $threshold) == (y > $threshold))
""",
        None,
        """
    if y_hat.shape[1] >= 2:
        return (y_hat.argmax(dim=1) == y.argmax(dim=1)).double().mean()
    return ((y_hat > $threshold) == (y > $threshold)).double().mean()
""",
    )

    def _value(self, y, p):
        if p.ndim == 2 and p.shape[1] >= 2:
            return np.mean(np.argmax(p, axis=1) == np.argmax(y, axis=1))
        t = self.params["threshold"]
        return np.mean((p > t) == (y > t))

    def _gradient(self, y, p):
        raise ValueError(msg("model.losses", "accuracy is a metric and has no gradient"))


# ---------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------
LOSSES: dict[str, type[Loss]] = {
    cls.name: cls
    for cls in (
        MSE,
        MAE,
        Huber,
        LogCosh,
        Quantile,
        RMSE,
        MBE,
        BCE,
        CrossEntropy,
        LabelSmoothingCE,
        Focal,
        KLDivergence,
        Hinge,
        Accuracy,
    )
}


def make_loss(name: str, **params: Any) -> Loss:
    """The loss registered as ``name`` with ``params``; ``ValueError`` for a bad name or value."""
    try:
        cls = LOSSES[name]
    except (KeyError, TypeError):
        raise ValueError(
            msg("model.losses", "unknown loss {name}; choose one of: {names}").format(
                name=repr(name), names=", ".join(LOSSES)
            )
        ) from None
    return cls(**params)


def loss_from_dict(d: dict) -> Loss:
    """Rebuild a loss from :meth:`Loss.to_dict` output (e.g. read from a session file)."""
    if not isinstance(d, dict) or "name" not in d:
        raise ValueError(
            msg("model.losses", "a loss must be given as a mapping with a 'name', got {d}").format(d=repr(d))
        )
    params = dict(d)
    name = params.pop("name")
    return make_loss(name, **params)


def loss_names(training_only: bool = True, kind: str | None = None) -> list[str]:
    """Registry names in the lecture's order, optionally only training losses of one kind."""
    if kind is not None and kind not in KINDS:
        raise ValueError(
            msg("model.losses", "unknown kind {kind}; choose one of: {kinds}").format(
                kind=repr(kind), kinds=", ".join(KINDS)
            )
        )
    return [
        n for n, cls in LOSSES.items() if (cls.training or not training_only) and (kind is None or cls.kind == kind)
    ]
