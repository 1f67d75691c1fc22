"""The lecture's loss examples, typed in: parse y_true and y_pred, pick the losses that apply, evaluate them.

Shared by ``python main.py loss`` and the window's loss calculator::

    >>> y, p = parse_values("3,5,7", "y_true"), parse_values("2.5,5,8", "y_pred")
    >>> [(spec_of(r.loss), round(r.value, 4)) for r in evaluate_all(applicable_losses(y, p), y, p)][:2]
    [('mse', 0.4167), ('mae', 0.5)]

Values are written as numbers separated by commas (or spaces); rows of a matrix are separated by
``;``: ``"1,0;0,1;1,0"`` is a 3 × 2 matrix.  Python or JSON lists (``[3, 5, 7]``,
``[[1, 0], [0, 1]]``) are read too.

Which losses apply is asked of each loss, never decided by its name: its ``kind`` (a
regression loss applies to any real targets; a classification loss needs labels), its
``output`` (what its targets and predictions must look like: a probability, a distribution
over classes, a ±score) and :meth:`~model.losses.Loss.check_output`, given the activation that
could have produced the predictions (softmax for rows that sum to 1, sigmoid for values in
[0, 1], linear otherwise: probabilities are not listed as hinge scores unless hinge is asked for).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

from .losses import LOSSES, Loss, make_loss
from .text import msg, param_text

__all__ = [
    "parse_values",
    "parse_loss",
    "spec_of",
    "targets_kind",
    "applicable_losses",
    "check_shapes",
    "why_not_applicable",
    "LossResult",
    "evaluate",
    "evaluate_all",
]

#: Values in one y_true or y_pred.
MAX_VALUES = 1_000_000


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------
def parse_values(text: str, what: str = "values") -> np.ndarray:
    """A vector (``"3,5,7"``) or a matrix (``"1,0;0,1"``, rows separated by ``;``) as float64.

    Raises ``ValueError`` with one line for an empty, ragged, non-numeric or non-finite input.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(msg("model.loss_calculator", "{what} is empty: give numbers such as 3,5,7").format(what=what))
    text = text.strip()
    if text.startswith("["):
        rows = _parse_list(text, what)
    else:
        rows = [_split_row(r, what, i) for i, r in enumerate(text.split(";"))]
        if len(rows) > 1 and not rows[-1]:  # a trailing ";"
            rows.pop()
        if len(rows) == 1:
            rows = rows[0]
    a = _to_array(rows, what)
    if a.size > MAX_VALUES:
        raise ValueError(
            msg("model.loss_calculator", "{what} has {n:,} values, at most {max:,}").format(
                what=what, n=a.size, max=MAX_VALUES
            )
        )
    return a


def _split_row(row: str, what: str, i: int) -> list[str]:
    fields = row.replace(",", " ").split()
    if "," in row and any(not f.strip() for f in row.split(",")):
        raise ValueError(
            msg("model.loss_calculator", "{what} row {i} has an empty value: {row}").format(
                what=what, i=i + 1, row=row.strip()
            )
        )
    return fields


def _parse_list(text: str, what: str):
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise ValueError(
            msg(
                "model.loss_calculator", "{what} is not a list of numbers such as [3, 5, 7] or [[1, 0], [0, 1]]"
            ).format(what=what)
        ) from None
    if isinstance(value, list) and value and all(isinstance(r, list) for r in value):
        return [[_field(x, what) for x in r] for r in value]
    if isinstance(value, list):
        return [_field(x, what) for x in value]
    raise ValueError(msg("model.loss_calculator", "{what} must be a list of numbers").format(what=what))


def _field(x, what):
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise ValueError(msg("model.loss_calculator", "{what}: {x!r} is not a number").format(what=what, x=x))
    return str(x)


def _number(field: str, what: str) -> float:
    try:
        x = float(field)
    except (ValueError, OverflowError):
        raise ValueError(
            msg("model.loss_calculator", "{what}: {field!r} is not a number").format(what=what, field=field)
        ) from None
    if not math.isfinite(x):
        raise ValueError(
            msg("model.loss_calculator", "{what}: {field!r} is not a finite number").format(what=what, field=field)
        )
    return x


def _to_array(rows, what: str) -> np.ndarray:
    if rows and isinstance(rows[0], list):
        if not all(rows):
            raise ValueError(msg("model.loss_calculator", "{what} has an empty row").format(what=what))
        n = len(rows[0])
        for i, r in enumerate(rows):
            if len(r) != n:
                raise ValueError(
                    msg(
                        "model.loss_calculator",
                        "{what} row {i} has {k} values but row 1 has {n}: every row needs the same count",
                    ).format(what=what, i=i + 1, k=len(r), n=n)
                )
        return np.array([[_number(f, what) for f in r] for r in rows], dtype=float)
    if not rows:
        raise ValueError(msg("model.loss_calculator", "{what} is empty: give numbers such as 3,5,7").format(what=what))
    return np.array([_number(f, what) for f in rows], dtype=float)


def parse_loss(text: str) -> Loss:
    """``name`` or ``name:key=value,key=value`` (``huber:delta=0.5``), checked by the loss itself."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(msg("model.loss_calculator", "a loss needs a name, such as mse or huber:delta=0.5"))
    name, _, rest = text.partition(":")
    params: dict = {}
    for item in filter(None, (s.strip() for s in rest.split(","))):
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise ValueError(
                msg("model.loss_calculator", "loss parameter {item!r} must look like key=value").format(item=item)
            )
        value = value.strip()
        if value.lower() in ("true", "false"):
            params[key.strip()] = value.lower() == "true"
        elif value.lower() in ("none", "null"):
            params[key.strip()] = None
        else:
            try:
                params[key.strip()] = float(value)
            except ValueError:
                params[key.strip()] = value
    return make_loss(name.strip(), **params)


def spec_of(loss: Loss) -> str:
    """The loss as :func:`parse_loss` reads it, naming only the parameters that differ from the defaults."""
    changed = [
        (p.name, loss.params[p.name]) for p in getattr(loss, "PARAMS", ()) if loss.params.get(p.name) != p.default
    ]
    if not changed:
        return loss.name
    return loss.name + ":" + ",".join(f"{k}={param_text(v)}" for k, v in changed)


# ---------------------------------------------------------------------------------------------
# Which losses apply
# ---------------------------------------------------------------------------------------------
def _shapes_agree(y: np.ndarray, p: np.ndarray) -> bool:
    return y.shape == p.shape or (y.size == p.size and np.squeeze(y).shape == np.squeeze(p).shape)


def check_shapes(y: np.ndarray, p: np.ndarray) -> None:
    """``ValueError`` with a sentence unless ``y_true`` and ``y_pred`` have the same shape (any loss needs that)."""
    if not _shapes_agree(y, p):
        raise ValueError(
            msg("model.loss_calculator", "y_true has {a} but y_pred has {b}: they must match").format(
                a=_shape_text(y), b=_shape_text(p)
            )
        )


def _shape_text(a: np.ndarray) -> str:
    if a.ndim == 1:
        return msg("model.loss_calculator", "{n} values").format(n=a.shape[0])
    return msg("model.loss_calculator", "{m} rows × {k} columns").format(m=a.shape[0], k=a.shape[1])


def _is_distribution(a: np.ndarray) -> bool:
    """Rows of values in [0, 1] that sum to 1 (a 1-D vector is one row), with at least 2 classes."""
    rows = a if a.ndim == 2 else a[None, :]
    return rows.shape[1] >= 2 and bool(((rows >= 0) & (rows <= 1)).all()) and np.allclose(rows.sum(axis=1), 1.0)


def _in_unit(a: np.ndarray) -> bool:
    return bool(((a >= 0) & (a <= 1)).all())


#: What the targets must look like for each kind of output a loss declares (``Loss.output``).
_TARGETS_FIT = {
    "any": lambda y: True,
    "probability": _in_unit,
    "distribution": _is_distribution,
    "score": lambda y: bool(np.isin(y, (-1.0, 0.0, 1.0)).all()),
}
_KIND_WORDS = {
    "regression": msg("model.loss_calculator", "regression"),
    "classification": msg("model.loss_calculator", "classification"),
}
_TARGETS_NEED = {
    "probability": msg("model.loss_calculator", "labels or probabilities in [0, 1]"),
    "distribution": msg("model.loss_calculator", "rows of class probabilities that sum to 1 (one-hot labels)"),
    "score": msg("model.loss_calculator", "labels −1/+1 (or 0/1)"),
}


def targets_kind(y: np.ndarray) -> str:
    """``"classification"`` for 0/1 or ±1 labels (or one-hot rows), else ``"regression"``."""
    if np.isin(y, (0.0, 1.0)).all() or np.isin(y, (-1.0, 1.0)).all():
        return "classification"
    return "regression"


def _output_candidates(p: np.ndarray, listing: bool) -> list[tuple[str, int]]:
    """(activation, output units) pairs that could have produced ``p``.

    Softmax for rows that sum to 1, sigmoid for values in [0, 1]; a linear layer (raw scores)
    otherwise, and always for a loss asked for by name: any real numbers can be scores.
    """
    units = p.shape[1] if p.ndim == 2 else 1
    out = []
    if _is_distribution(p):
        out.append(("softmax", p.shape[-1]))
    if _in_unit(p):
        out.append(("sigmoid", units))
    if not out or not listing:
        out.append(("linear", units))
    return out


def why_not_applicable(loss: Loss, y: np.ndarray, p: np.ndarray, listing: bool = False) -> str | None:
    """A sentence saying why ``loss`` does not apply to ``y_true = y``, ``y_pred = p``; ``None`` if it does.

    ``listing`` (choosing losses to show unasked) also requires the loss's ``kind`` to be the
    targets' kind and leaves out metrics; a loss asked for by name needs only to fit.
    """
    if not _shapes_agree(y, p):
        return msg("model.loss_calculator", "y_true has {a} but y_pred has {b}").format(
            a=_shape_text(y), b=_shape_text(p)
        )
    if listing and (loss.kind != targets_kind(y) or not getattr(loss, "training", True)):
        kind = _KIND_WORDS.get(loss.kind, loss.kind)
        return msg("model.loss_calculator", "{name} is a {kind} loss").format(name=loss.name, kind=kind)
    output = getattr(loss, "output", "any")
    fit = _TARGETS_FIT.get(output, _TARGETS_FIT["any"])
    if loss.kind == "classification" and not fit(y):
        need = _TARGETS_NEED.get(output) or msg("model.loss_calculator", "class labels")
        return msg("model.loss_calculator", "{name} needs targets that are {need}").format(name=loss.name, need=need)
    if loss.kind == "classification" and output == "any" and targets_kind(y) != "classification":
        return msg("model.loss_calculator", "{name} needs class labels as targets").format(name=loss.name)
    reasons = [loss.check_output(act, n) for act, n in _output_candidates(p, listing)]
    if all(reasons):
        return reasons[0]
    return None


def applicable_losses(y: np.ndarray, p: np.ndarray) -> list[Loss]:
    """Every training loss, with its default parameters, that applies to these targets and predictions."""
    check_shapes(y, p)
    losses = [cls() for cls in LOSSES.values()]
    return [loss for loss in losses if why_not_applicable(loss, y, p, listing=True) is None]


# ---------------------------------------------------------------------------------------------
# Evaluating
# ---------------------------------------------------------------------------------------------
class LossResult(NamedTuple):
    """One loss on one example: its value ``L`` and gradient ``∂L/∂ŷ`` (shaped like y_pred)."""

    loss: Loss
    value: float
    gradient: np.ndarray


def evaluate(loss: Loss, y: np.ndarray, p: np.ndarray) -> LossResult:
    """``L`` and ``∂L/∂ŷ``; ``ValueError`` (one line) if the loss does not apply.

    A value too large for a float is ``inf``, shown as such (the arithmetic does not warn).
    """
    check_shapes(y, p)
    reason = why_not_applicable(loss, y, p)
    if reason:
        raise ValueError(
            msg("model.loss_calculator", "{name} does not apply here: {reason}").format(
                name=spec_of(loss), reason=reason
            )
        )
    with np.errstate(all="ignore"):
        value = float(loss.value(y, p))
        gradient = np.asarray(loss.gradient(y, p), dtype=float)
    return LossResult(loss, value, gradient)


def evaluate_all(losses: Iterable[Loss], y: np.ndarray, p: np.ndarray) -> list[LossResult]:
    return [evaluate(loss, y, p) for loss in losses]
