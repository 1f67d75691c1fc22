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
from numbers import Real
from typing import NamedTuple

import numpy as np

__all__ = [
    "ParamSpec",
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


class ParamSpec(NamedTuple):
    """One tunable parameter of a loss, for the GUI's spin boxes and the command line.

    ``minimum`` and ``maximum`` are inclusive; ``None`` means unbounded.  ``choices``
    lists the allowed values of a str or bool parameter.
    """

    name: str
    default: object
    minimum: float | None
    maximum: float | None
    label: str
    choices: tuple = ()


def _act_name(activation) -> str:
    """Accept an activation name or an object with a ``name`` (``model.activations``)."""
    return str(getattr(activation, "name", activation))


def _units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"


class Loss:
    """Base class: ``value``, ``gradient`` and the output-layer ``fused_delta`` of one loss.

    Subclasses set the class attributes and implement ``_value`` and ``_gradient`` on
    float arrays whose shapes already agree.

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

    def __init__(self, **params):
        specs = {p.name: p for p in self.PARAMS}
        for key in params:
            if key not in specs:
                known = ", ".join(specs) if specs else "none"
                raise ValueError(f"the {self.name} loss has no parameter {key!r}; its parameters are: {known}")
        self.params = {spec.name: _check_param(spec, params.get(spec.name, spec.default)) for spec in self.PARAMS}

    # -- public API ---------------------------------------------------------------
    def value(self, y_true, y_pred) -> float:
        """The reduced loss ``L`` as a Python float."""
        y, p = self._prepare(y_true, y_pred)
        return float(self._value(y, p))

    def gradient(self, y_true, y_pred) -> np.ndarray:
        """``∂L/∂ŷ``, shaped like ``y_pred``, including the reduction factor."""
        y, p = self._prepare(y_true, y_pred)
        return self._gradient(y, p)

    def fused_delta(self, activation, y_true, a) -> np.ndarray | None:
        """``δ = ∂L/∂z`` of an output layer with this activation, or ``None`` if no closed form.

        Only softmax + cross-entropy, softmax + label-smoothing cross-entropy and
        sigmoid + binary cross-entropy have one; otherwise backprop multiplies
        ``gradient`` by ``f′(z)`` (or uses the softmax vector–Jacobian product).
        """
        return None

    def fused_formula(self, activation) -> str | None:
        """The closed form of ``fused_delta`` for this activation as text, or ``None``."""
        return None

    def check_output(self, activation, n_outputs: int) -> str | None:
        """A sentence saying why this loss cannot follow this output layer, or ``None`` if it can."""
        return None

    def to_dict(self) -> dict:
        """``{"name": ..., **params}``, JSON-ready; :func:`loss_from_dict` reverses it."""
        return {"name": self.name, **self.params}

    def __repr__(self):
        args = "".join(f" {k}={v!r}" for k, v in self.params.items())
        return f"<loss {self.name}{args}>"

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
                    f"the targets have shape {y.shape} but the predictions have shape {p.shape}; "
                    f"the {self.label} loss needs them to match"
                )
        if p.size == 0:
            raise ValueError(f"the {self.label} loss needs at least one prediction")
        return y, p

    def _value(self, y, p):
        raise NotImplementedError

    def _gradient(self, y, p):
        raise NotImplementedError


def _check_param(spec: ParamSpec, value):
    """Return ``value`` normalised (floats as float), or raise ``ValueError`` saying what is wrong."""
    name = spec.name
    if spec.choices:
        if isinstance(spec.default, bool):
            ok = isinstance(value, (bool, np.bool_))
        else:
            ok = isinstance(value, str) and value in spec.choices
        if not ok:
            options = " or ".join(repr(c) for c in spec.choices)
            raise ValueError(f"{name} must be {options}, got {value!r}")
        return bool(value) if isinstance(value, np.bool_) else value
    if value is None:
        if spec.default is None:
            return None
        raise ValueError(f"{name} must be a number, got None")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    lo, hi = spec.minimum, spec.maximum
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        if lo is not None and hi is not None:
            rule = f"between {lo:g} and {hi:g}"
        elif lo is not None:
            rule = f"at least {lo:g}"
        else:
            rule = f"at most {hi:g}"
        raise ValueError(f"{name} must be {rule}, got {value:g}")
    return value


def _clip_prob(p):
    return np.clip(p, EPS, 1.0 - EPS)


def _rows(y, p):
    """View 1-D inputs as one row (one sample) for the row losses."""
    if p.ndim == 1:
        return y[None, :], p[None, :]
    if p.ndim != 2:
        raise ValueError(f"expected a 1-D or 2-D array of probabilities, got {p.ndim} dimensions")
    return y, p


# ---------------------------------------------------------------------------------
# Regression losses
# ---------------------------------------------------------------------------------
class _Regression(Loss):
    kind = "regression"
    output = "any"


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

    name, label, label_zh = "mse", "MSE", "均方误差"
    note = "most sensitive to large errors (grows fastest); the usual regression loss"
    # The defaults; an instance rewrites both for its own half / reduction.
    formula = "L = (1/N) Σ (y − ŷ)²"
    gradient_formula = "∂L/∂ŷ = 2(ŷ − y)/N"
    PARAMS = (
        ParamSpec("half", False, None, None, "× ½", (False, True)),
        ParamSpec("reduction", "mean", None, None, "reduction", ("mean", "sum")),
    )

    def __init__(self, **params):
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

    name, label, label_zh = "mae", "MAE (L1)", "平均绝对误差"
    note = "grows linearly; robust to outliers; easy to interpret"
    formula = "L = (1/N) Σ |y − ŷ|"
    gradient_formula = "∂L/∂ŷ = sign(ŷ − y)/N   (0 where ŷ = y)"

    def _value(self, y, p):
        return np.mean(np.abs(p - y))

    def _gradient(self, y, p):
        return np.sign(p - y) / p.size


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

    name, label, label_zh = "huber", "Huber (δ)", "Huber 损失"
    note = "MSE for small errors, MAE for large ones; balances the two"
    formula = "L = (1/N) Σ { ½e² if |e| ≤ δ;  δ(|e| − ½δ) otherwise },  e = y − ŷ"
    gradient_formula = "∂L/∂ŷ = clip(ŷ − y, −δ, δ)/N"
    PARAMS = (ParamSpec("delta", 1.0, 1e-3, 1e3, "δ"),)

    def _value(self, y, p):
        delta = self.params["delta"]
        a = np.abs(p - y)
        quad = np.minimum(a, delta)
        # ½q² + δ(|e| − q) equals ½e² inside δ and δ(|e| − ½δ) outside.
        return np.mean(0.5 * quad * quad + delta * (a - quad))

    def _gradient(self, y, p):
        delta = self.params["delta"]
        return np.clip(p - y, -delta, delta) / p.size


class LogCosh(_Regression):
    """Log-cosh loss.

    ``L = (1/N) Σ log cosh(ŷ − y)`` over all N elements; ``∂L/∂ŷ = tanh(ŷ − y)/N``.
    Evaluated as ``log1p(2 sinh²(x/2))`` for small ``|x|`` (accurate near 0) and as
    ``|x| + log1p(e^(−2|x|)) − log 2`` otherwise (no overflow: ``cosh`` would overflow
    past |x| ≈ 710).
    """

    name, label, label_zh = "log_cosh", "Log-Cosh", "Log-Cosh 损失"
    note = "like MSE but smoother; insensitive to outliers; more expensive to compute"
    formula = "L = (1/N) Σ log cosh(ŷ − y)"
    gradient_formula = "∂L/∂ŷ = tanh(ŷ − y)/N"

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

    name, label, label_zh = "quantile", "Quantile (q)", "分位数损失"
    note = "asymmetric; for quantile regression (e.g. the 90% quantile)"
    formula = "L = (1/N) Σ max(q·e, (q − 1)·e),  e = y − ŷ"
    gradient_formula = "∂L/∂ŷ = −q/N if e > 0;  (1 − q)/N if e < 0;  0 if e = 0"
    PARAMS = (ParamSpec("quantile", 0.5, 0.0, 1.0, "q"),)

    def _value(self, y, p):
        q = self.params["quantile"]
        e = y - p
        return np.mean(np.maximum(q * e, (q - 1.0) * e))

    def _gradient(self, y, p):
        q = self.params["quantile"]
        e = y - p
        return np.where(e > 0, -q, np.where(e < 0, 1.0 - q, 0.0)) / p.size


class RMSE(_Regression):
    """Root mean squared error.

    ``L = √((1/N) Σ (y − ŷ)²)`` over all N elements; ``∂L/∂ŷ = (ŷ − y)/(N·L)``,
    taken as 0 when ``L = 0`` (where the square root has no derivative).
    """

    name, label, label_zh = "rmse", "RMSE", "均方根误差"
    note = "square root of MSE; in the units of the target"
    formula = "L = √((1/N) Σ (y − ŷ)²)"
    gradient_formula = "∂L/∂ŷ = (ŷ − y)/(N·L)   (0 when L = 0)"

    def _value(self, y, p):
        d = p - y
        return math.sqrt(np.sum(d * d) / d.size)

    def _gradient(self, y, p):
        d = p - y
        rmse = math.sqrt(np.sum(d * d) / d.size)
        if rmse == 0.0:
            return np.zeros_like(d)
        return d / (d.size * rmse)


class MBE(_Regression):
    """Mean bias error, a metric.

    ``MBE = (1/N) Σ (y − ŷ)``: the mean of the lecture's signed error ``e = y − ŷ``, so a
    positive MBE means the model predicts too low on average.  ``∂L/∂ŷ = −1/N``.  Not a
    training loss: it is unbounded below and errors of opposite sign cancel.
    """

    name, label, label_zh = "mbe", "MBE", "平均偏差误差"
    note = "average signed bias; rarely used for training"
    formula = "MBE = (1/N) Σ (y − ŷ)"
    gradient_formula = "∂L/∂ŷ = −1/N"
    training = False

    def _value(self, y, p):
        return np.mean(y - p)

    def _gradient(self, y, p):
        return np.full_like(p, -1.0 / p.size)


# ---------------------------------------------------------------------------------
# Classification losses
# ---------------------------------------------------------------------------------
class _Classification(Loss):
    kind = "classification"


class _SigmoidOutput(_Classification):
    output = "probability"

    def check_output(self, activation, n_outputs):
        act = _act_name(activation)
        if act != "sigmoid":
            return (
                f"{self._title} needs a sigmoid output layer, whose units are probabilities in "
                f"(0, 1), but the output layer is {act} with {_units(n_outputs)}."
            )
        return None


class BCE(_SigmoidOutput):
    """Binary cross-entropy.

    ``L = −(1/N) Σ [y log ŷ + (1 − y) log(1 − ŷ)]`` averaged over all N elements, so a
    (m, k) batch is k independent yes/no questions per sample.  ``ŷ`` are probabilities,
    clipped to ``[1e-12, 1 − 1e-12]``; ``y`` in [0, 1] (0/1 labels or soft targets).
    ``∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)·N)``; after a sigmoid, ``δ = (ŷ − y)/N``.
    """

    name, label, label_zh = "bce", "Binary cross-entropy", "二元交叉熵"
    _title = "Binary cross-entropy"
    note = "binary classification"
    formula = "L = −(1/N) Σ [y log ŷ + (1 − y) log(1 − ŷ)]"
    gradient_formula = "∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)·N)"

    def _value(self, y, p):
        p = _clip_prob(p)
        return -np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p))

    def _gradient(self, y, p):
        p = _clip_prob(p)
        return (p - y) / (p * (1.0 - p) * p.size)

    def fused_delta(self, activation, y_true, a):
        if _act_name(activation) != "sigmoid":
            return None
        y, a = self._prepare(y_true, a)
        return (a - y) / a.size

    def fused_formula(self, activation):
        if _act_name(activation) != "sigmoid":
            return None
        return "δ = (ŷ − y)/N (sigmoid + binary cross-entropy, averaged over all outputs)"


class _SoftmaxOutput(_Classification):
    """Row losses on distributions: sum over the k classes of a row, mean over the m rows."""

    output = "distribution"

    def check_output(self, activation, n_outputs):
        act = _act_name(activation)
        if act != "softmax" or n_outputs < 2:
            have = f"{act} with {_units(n_outputs)}"
            if act == "softmax":
                have += ", which always outputs 1"
            if n_outputs == 1:
                have += "; for a single yes/no output use a sigmoid layer with binary cross-entropy"
            return (
                f"{self._title} needs a softmax output layer with at least 2 units, so that each "
                f"row is a probability distribution, but the output layer is {have}."
            )
        return None

    def _targets(self, y):
        return y

    def _value(self, y, p):
        y, p = _rows(y, p)
        t = self._targets(y)
        return -np.sum(t * np.log(_clip_prob(p))) / p.shape[0]

    def _gradient(self, y, p):
        y2, p2 = _rows(y, p)
        t = self._targets(y2)
        return (-t / (_clip_prob(p2) * p2.shape[0])).reshape(p.shape)

    def fused_delta(self, activation, y_true, a):
        # Offered only where the subclass documents the closed form (not for KL).
        if self.fused_formula(activation) is None:
            return None
        y, a = self._prepare(y_true, a)
        y2, a2 = _rows(y, a)
        t = self._targets(y2)
        # a·Σt − t is the exact softmax VJP of −t/a; it is a − t when the target rows sum to 1.
        delta = (a2 * t.sum(axis=1, keepdims=True) - t) / a2.shape[0]
        return delta.reshape(a.shape)


class CrossEntropy(_SoftmaxOutput):
    """Categorical cross-entropy.

    ``L = −(1/m) Σᵢ Σₖ yᵢₖ log ŷᵢₖ``: summed over the k classes, averaged over the m rows of
    a (m, k) batch (a 1-D input is one row).  Rows of ``y`` are one-hot or soft targets;
    ``ŷ`` rows are probabilities (softmax), clipped to ``[1e-12, 1 − 1e-12]``.
    ``∂L/∂ŷ = −y/(m·ŷ)``; after a softmax, ``δ = (ŷ − y)/m`` for target rows summing to 1.
    """

    name, label, label_zh = "cross_entropy", "Cross-entropy", "交叉熵"
    _title = "Cross-entropy"
    note = "multi-class standard, used with softmax"
    formula = "L = −(1/m) Σᵢ Σₖ yᵢₖ log ŷᵢₖ"
    gradient_formula = "∂L/∂ŷ = −y / (m·ŷ)"

    def fused_formula(self, activation):
        if _act_name(activation) != "softmax":
            return None
        return "δ = (ŷ − y)/m (softmax + cross-entropy, averaged over the batch)"


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

    name, label, label_zh = "label_smoothing_ce", "Label-smoothing CE (ε)", "标签平滑交叉熵"
    _title = "Label-smoothing cross-entropy"
    note = "spreads ε of the probability uniformly over the classes; fights over-fitting and over-confidence"
    formula = "L = −(1/m) Σᵢ Σₖ ỹᵢₖ log ŷᵢₖ,  ỹ = (1 − ε)·y + ε/K"
    gradient_formula = "∂L/∂ŷ = −ỹ / (m·ŷ)"
    PARAMS = (ParamSpec("epsilon", 0.1, 0.0, 1.0, "ε"),)

    def _targets(self, y):
        eps = self.params["epsilon"]
        return (1.0 - eps) * y + eps / y.shape[1]

    def fused_formula(self, activation):
        if _act_name(activation) != "softmax":
            return None
        return "δ = (ŷ − ỹ)/m, ỹ = (1 − ε)·y + ε/K (softmax + label-smoothing cross-entropy, averaged over the batch)"


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

    name, label, label_zh = "focal", "Focal (γ, α)", "焦点损失"
    _title = "Focal loss"
    note = "down-weights easy examples; for class imbalance (object detection)"
    formula = "L = −(1/N) Σ α_t (1 − p_t)^γ log p_t,  p_t = ŷ, α_t = α if y = 1;  p_t = 1 − ŷ, α_t = 1 − α if y = 0"
    gradient_formula = (
        "∂L/∂ŷ = (1/N)[ −y·α(1 − ŷ)^(γ−1)(1 − ŷ − γŷ log ŷ)/ŷ "
        "+ (1 − y)(1 − α)ŷ^(γ−1)(ŷ − γ(1 − ŷ) log(1 − ŷ))/(1 − ŷ) ]"
    )
    PARAMS = (
        ParamSpec("gamma", 2.0, 0.0, 10.0, "γ"),
        ParamSpec("alpha", None, 0.0, 1.0, "α (empty: no class weighting)"),
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


class KLDivergence(_SoftmaxOutput):
    """Kullback–Leibler divergence KL(y ‖ ŷ).

    ``L = (1/m) Σᵢ Σₖ yᵢₖ log(yᵢₖ/ŷᵢₖ)`` with ``0·log 0 = 0``: summed over the classes,
    averaged over the m rows (a 1-D input is one row).  It differs from cross-entropy only
    by the targets' entropy, a constant, so the gradient is the same: ``∂L/∂ŷ = −y/(m·ŷ)``.
    """

    name, label, label_zh = "kl_div", "KL divergence", "KL 散度"
    _title = "KL divergence"
    note = "the difference between two distributions; generative models"
    formula = "L = (1/m) Σᵢ Σₖ yᵢₖ log(yᵢₖ / ŷᵢₖ)   (0·log 0 = 0)"
    gradient_formula = "∂L/∂ŷ = −y / (m·ŷ)"

    def _value(self, y, p):
        y, p = _rows(y, p)
        log_y = np.log(np.where(y > 0, y, 1.0))
        return np.sum(y * (log_y - np.log(_clip_prob(p)))) / p.shape[0]


class Hinge(_Classification):
    """Hinge loss on raw scores.

    ``L = (1/N) Σ max(0, 1 − y·ŷ)`` over all N elements, for labels ``y ∈ {−1, +1}``; labels
    0/1 are accepted too, 0 being read as −1.  ``ŷ`` is a raw score (linear or tanh output),
    positive for the +1 class.  ``∂L/∂ŷ = −y/N`` where the margin ``y·ŷ < 1``, else 0
    (0 at a margin of exactly 1).
    """

    name, label, label_zh = "hinge", "Hinge", "合页损失"
    note = "penalises wrong and unconfident predictions; SVMs"
    formula = "L = (1/N) Σ max(0, 1 − y·ŷ),  y ∈ {−1, +1} (0 is read as −1)"
    gradient_formula = "∂L/∂ŷ = −y/N where y·ŷ < 1, else 0"
    output = "score"

    def _labels(self, y):
        bad = (y != 1.0) & (y != -1.0) & (y != 0.0)
        if bad.any():
            raise ValueError(f"hinge loss needs labels −1 and +1 (or 0 and 1, 0 meaning −1), got {y[bad][0]:g}")
        return np.where(y == 0.0, -1.0, y)

    def _value(self, y, p):
        y = self._labels(y)
        return np.mean(np.maximum(0.0, 1.0 - y * p))

    def _gradient(self, y, p):
        y = self._labels(y)
        return np.where(y * p < 1.0, -y, 0.0) / p.size

    def check_output(self, activation, n_outputs):
        act = _act_name(activation)
        if act in ("linear", "tanh"):
            return None
        why = ", whose outputs are never negative" if act in ("sigmoid", "softmax", "relu") else ""
        return (
            f"Hinge loss needs a raw score output (a linear or tanh layer) that is positive for "
            f"the +1 class and negative for the −1 class, but the output layer is {act}{why}."
        )


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

    name, label, label_zh = "accuracy", "Accuracy", "准确率"
    note = "fraction of samples classified correctly; a metric, not a training loss"
    formula = "acc = (1/m) Σᵢ 1[class(ŷᵢ) = class(yᵢ)]"
    gradient_formula = "none: accuracy is piecewise constant"
    output = "any"
    training = False
    PARAMS = (ParamSpec("threshold", 0.5, None, None, "threshold"),)

    def _value(self, y, p):
        if p.ndim == 2 and p.shape[1] >= 2:
            return np.mean(np.argmax(p, axis=1) == np.argmax(y, axis=1))
        t = self.params["threshold"]
        return np.mean((p > t) == (y > t))

    def _gradient(self, y, p):
        raise ValueError("accuracy is a metric and has no gradient")


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


def make_loss(name: str, **params) -> Loss:
    """The loss registered as ``name`` with ``params``; ``ValueError`` for a bad name or value."""
    try:
        cls = LOSSES[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown loss {name!r}; choose one of: {', '.join(LOSSES)}") from None
    return cls(**params)


def loss_from_dict(d: dict) -> Loss:
    """Rebuild a loss from :meth:`Loss.to_dict` output (e.g. read from a session file)."""
    if not isinstance(d, dict) or "name" not in d:
        raise ValueError(f"a loss must be given as a mapping with a 'name', got {d!r}")
    params = dict(d)
    name = params.pop("name")
    return make_loss(name, **params)


def loss_names(training_only: bool = True, kind: str | None = None) -> list[str]:
    """Registry names in the lecture's order, optionally only training losses of one kind."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of: {', '.join(KINDS)}")
    return [
        n for n, cls in LOSSES.items() if (cls.training or not training_only) and (kind is None or cls.kind == kind)
    ]
