"""Datasets: a registry of seeded toy problems, plus custom arrays and CSV files.

A :class:`Dataset` holds ``X`` (m × d inputs) and ``Y`` (m × k targets) as read-only
float64 arrays.  Targets follow one convention everywhere:

* regression — real values, any ``k``;
* binary classification — ``k = 1`` column of 0/1 labels;
* multi-class classification — one-hot rows, ``k = K`` columns.

Every named dataset is drawn from ``np.random.default_rng(seed)``, so a name, a seed and
the parameters reproduce the arrays exactly; that triple is what :meth:`Dataset.to_dict`
stores in a session file.  The 2-D classification sets live in about [−1, 1]², so the
default networks and learning rates train on them without rescaling; ``sine`` uses
x ∈ [−π, π] and ``outliers`` x ∈ [−1, 1].  Rows are shuffled (except the lecture's
4-point tables), so a mini-batch is never all one class.

Rounding of class counts is "half up": ``imbalanced`` has ``(m + 10) // 20`` positives
(round(0.05·m)) and ``outliers`` has ``(m + 5) // 10`` outliers (round(0.1·m)).
"""

from __future__ import annotations

import copy
import csv
import io
import itertools
import math
import numbers
import os
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from .files import human_bytes
from .text import msg
from .text import show_value as _show

__all__ = [
    "Dataset",
    "DatasetSpec",
    "DATASETS",
    "dataset_names",
    "make_dataset",
    "dataset_from_arrays",
    "load_csv",
    "dataset_from_dict",
    "check_dataset_params",
    "LoadCancelled",
    "MAX_SAMPLES",
    "MAX_CLASSES",
]


TASKS = ("regression", "classification")

#: Upper bound on ``n_samples`` and on the rows of a CSV file, so a typo gives a sentence, not a MemoryError.
MAX_SAMPLES = 1_000_000
#: Upper bound on the classes of integer labels (each becomes a one-hot target column).
MAX_CLASSES = 100
#: Upper bound on the numbers of one CSV file (rows × columns): 160 MB as float64.
MAX_CELLS = 20_000_000


# ---------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------


def _table(values, what: str) -> np.ndarray:
    """``values`` as a fresh, read-only, C-contiguous m × n float64 array (1-D → column)."""
    try:
        a = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(
            msg("model.datasets", "{what} must be a rectangular table of numbers").format(what=what)
        ) from None
    if a.ndim == 1:
        a = a.reshape(-1, 1)
    if a.ndim != 2:
        raise ValueError(
            msg("model.datasets", "{what} must be a table (rows × columns), not a {n}-D array").format(
                what=what, n=a.ndim
            )
        )
    if a.size == 0:
        raise ValueError(
            msg("model.datasets", "{what} are empty: need at least one row and one column").format(what=what)
        )
    bad = ~np.isfinite(a)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ValueError(
            msg("model.datasets", "{what} row {i}, column {j} is not a finite number ({value})").format(
                what=what, i=i + 1, j=j + 1, value=a[i, j]
            )
        )
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a


def _is_one_hot(Y: np.ndarray) -> bool:
    return bool(np.isin(Y, (0.0, 1.0)).all() and (Y.sum(axis=1) == 1.0).all())


def _infer_task(Y: np.ndarray) -> str:
    """0/1 labels (one column) or one-hot rows → classification, anything else → regression."""
    if Y.shape[1] == 1:
        return "classification" if np.isin(Y, (0.0, 1.0)).all() else "regression"
    return "classification" if _is_one_hot(Y) else "regression"


def _label_count(Y: np.ndarray, all_present: bool) -> int | None:
    """K if the single column ``Y`` holds integer labels 0..K−1 with K > 2, else None.

    ``all_present`` also requires every label 0..K−1 to occur (used when guessing).
    """
    if Y.shape[1] != 1:
        return None
    y = Y[:, 0]
    if not (np.all(y == np.round(y)) and y.min() >= 0):
        return None
    K = int(y.max()) + 1
    if K <= 2:
        return None
    if all_present and np.unique(y).size != K:
        return None
    return K


def _default_feature_names(d: int) -> tuple[str, ...]:
    return ("x",) if d == 1 else tuple(f"x{j + 1}" for j in range(d))


def _default_target_names(task: str, k: int) -> tuple[str, ...]:
    if k == 1:
        return ("y",)
    if task == "classification":
        return tuple(f"class {c}" for c in range(k))
    return tuple(f"y{j + 1}" for j in range(k))


def _names(names, count: int, what: str) -> tuple[str, ...]:
    names = tuple(str(n) for n in names)
    if len(names) != count:
        raise ValueError(
            msg("model.datasets", "expected {count} {what}, got {n}").format(count=count, what=what, n=len(names))
        )
    return names


def _whole(value, key: str, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(
            msg("model.datasets", "{key} must be a whole number, not {value}").format(key=key, value=_show(value))
        )
    value = int(value)
    if value < minimum:
        raise ValueError(
            msg("model.datasets", "{key} must be at least {minimum}, not {value}").format(
                key=key, minimum=minimum, value=_show(value)
            )
        )
    if maximum is not None and value > maximum:
        raise ValueError(
            msg("model.datasets", "{key} must be at most {maximum:,}, not {value}").format(
                key=key, maximum=maximum, value=_show(value)
            )
        )
    return value


def _non_negative(value, key: str, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(
            msg("model.datasets", "{key} must be a number, not {value}").format(key=key, value=_show(value))
        )
    try:
        value = float(value)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value) or not 0 <= value <= maximum:
        raise ValueError(
            msg("model.datasets", "{key} must be a number from 0 to {maximum:g}, not {value:g}").format(
                key=key, maximum=maximum, value=value
            )
        )
    return value


_CHECKS: dict[str, Callable] = {
    "n_samples": lambda v: _whole(v, "n_samples", 1, MAX_SAMPLES),
    "noise": lambda v: _non_negative(v, "noise", 100.0),
    "classes": lambda v: _whole(v, "classes", 2, 10),
}


# ---------------------------------------------------------------------------
# Dataset
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class Dataset:
    """Inputs and targets of one learning problem, immutable.

    Attributes
    ----------
    name : str
        Registry name (``"xor"``), ``"csv:<filename>"`` or ``"custom"``.
    X : ndarray, shape (m, d)
        Inputs, float64, read-only.
    Y : ndarray, shape (m, k)
        Targets, float64, read-only: real values (regression), one 0/1 column
        (binary classification) or one-hot rows (K classes, k = K).
    task : {"regression", "classification"}
    feature_names, target_names : tuple of str
        One name per column of ``X`` / ``Y``.
    params : dict
        What made it: ``{"seed", "n_samples", "noise", ...}`` for a named dataset,
        ``{"path", "target_columns", "header", "delimiter"}`` for a CSV file.
    description : str
        One line for the GUI.

    Construction copies the arrays (1-D becomes a column) and checks shapes, finiteness
    and, for classification, that targets are 0/1 or one-hot; errors are ``ValueError``.
    """

    name: str
    X: np.ndarray
    Y: np.ndarray
    task: str
    feature_names: tuple[str, ...]
    target_names: tuple[str, ...]
    params: dict
    description: str

    def __post_init__(self):
        X = _table(self.X, "inputs")
        Y = _table(self.Y, "targets")
        if X.shape[0] != Y.shape[0]:
            raise ValueError(
                msg(
                    "model.datasets",
                    "inputs have {m} rows but targets have {n}; they need one target row per input row",
                ).format(m=X.shape[0], n=Y.shape[0])
            )
        if self.task not in TASKS:
            raise ValueError(
                msg("model.datasets", "task must be 'regression' or 'classification', not {t}").format(
                    t=_show(self.task)
                )
            )
        if self.task == "classification":
            if not np.isin(Y, (0.0, 1.0)).all():
                i, j = np.argwhere(~np.isin(Y, (0.0, 1.0)))[0]
                raise ValueError(
                    msg(
                        "model.datasets", "classification targets must be 0 or 1, but row {i}, column {j} is {value:g}"
                    ).format(i=i + 1, j=j + 1, value=Y[i, j])
                )
            if Y.shape[1] > 1 and not _is_one_hot(Y):
                i = int(np.argmax(Y.sum(axis=1) != 1.0))
                raise ValueError(
                    msg(
                        "model.datasets",
                        "classification targets with {k} columns must be one-hot (exactly one 1 per row), "
                        "but row {i} is not",
                    ).format(k=Y.shape[1], i=i + 1)
                )
        set_ = object.__setattr__  # frozen: normalise once, here
        set_(self, "X", X)
        set_(self, "Y", Y)
        set_(self, "feature_names", _names(self.feature_names, X.shape[1], "feature names"))
        set_(self, "target_names", _names(self.target_names, Y.shape[1], "target names"))
        set_(self, "params", copy.deepcopy(dict(self.params)))
        set_(self, "name", str(self.name))
        set_(self, "description", str(self.description))

    @property
    def n_classes(self) -> int:
        """0 for regression, 2 for a single 0/1 column, K for one-hot targets."""
        if self.task != "classification":
            return 0
        return 2 if self.Y.shape[1] == 1 else self.Y.shape[1]

    def to_dict(self) -> dict:
        """A JSON-ready dict that :func:`dataset_from_dict` turns back into this dataset.

        A named dataset is stored by recipe, ``{"name": ..., "seed": ..., **params}``;
        anything else (CSV, custom) by value, ``{"inputs": [[...]], "targets": [[...]],
        ...}`` together with its name, task, column names, params and description.
        """
        spec = DATASETS.get(self.name)
        if spec is not None and set(self.params) == {"seed", *spec.defaults}:
            return {"name": self.name, **copy.deepcopy(self.params)}
        return {
            "name": self.name,
            "task": self.task,
            "inputs": self.X.tolist(),
            "targets": self.Y.tolist(),
            "feature_names": list(self.feature_names),
            "target_names": list(self.target_names),
            "params": copy.deepcopy(self.params),
            "description": self.description,
        }

    def __repr__(self):
        (m, d), k = self.X.shape, self.Y.shape[1]
        return f"<Dataset {self.name!r}: {m} rows, {d} inputs → {k} targets, {self.task}>"


# ---------------------------------------------------------------------------
# Generators: make(rng, **params) -> (X, Y)
# ---------------------------------------------------------------------------

_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _truth_table(outputs):
    Y = np.array(outputs, dtype=float).reshape(4, 1)
    return lambda rng: (_CORNERS.copy(), Y.copy())


def _split(n: int, K: int) -> list[int]:
    """n points over K classes as evenly as possible (the first classes get the spare)."""
    return [n // K + (c < n % K) for c in range(K)]


def _labelled(rng, parts, noise: float):
    """Stack per-class point clouds, add N(0, noise²) jitter, shuffle; K=2 → 0/1, else one-hot."""
    K = len(parts)
    X = np.concatenate(parts)
    labels = np.repeat(np.arange(K), [len(p) for p in parts])
    X = X + rng.normal(0.0, noise, X.shape)
    order = rng.permutation(len(X))
    X, labels = X[order], labels[order]
    Y = labels[:, None].astype(float) if K == 2 else np.eye(K)[labels]
    return X, Y


def _polar(r, t):
    return np.column_stack([r * np.cos(t), r * np.sin(t)])


def _circles(rng, n_samples, noise):
    # Class 1: disc r ≤ 0.5; class 0: ring 0.7 ≤ r ≤ 1 (TF Playground's shape, radius 1).
    n_outer, n_inner = _split(n_samples, 2)
    outer = _polar(rng.uniform(0.7, 1.0, n_outer), rng.uniform(0, 2 * np.pi, n_outer))
    inner = _polar(rng.uniform(0.0, 0.5, n_inner), rng.uniform(0, 2 * np.pi, n_inner))
    return _labelled(rng, [outer, inner], noise)


def _moons(rng, n_samples, noise):
    # scikit-learn's moons (x ∈ [−1, 2], y ∈ [−0.5, 1]) centred and scaled by 1/1.5.
    n_upper, n_lower = _split(n_samples, 2)
    t0 = rng.uniform(0, np.pi, n_upper)
    t1 = rng.uniform(0, np.pi, n_lower)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    shift = np.array([0.5, 0.25])
    return _labelled(rng, [(upper - shift) / 1.5, (lower - shift) / 1.5], noise)


def _spirals(rng, n_samples, noise, classes):
    # Arm c: radius r ∈ [0, 1], angle 1.75 turns · r, rotated by c/K of a turn.
    parts = []
    for c, count in enumerate(_split(n_samples, classes)):
        r = rng.uniform(0.0, 1.0, count)
        t = 1.75 * 2 * np.pi * r + 2 * np.pi * c / classes
        parts.append(_polar(r, t))
    return _labelled(rng, parts, noise)


def _blobs(rng, n_samples, noise, classes):
    # Centres evenly on a circle of radius 0.6; noise is each blob's standard deviation.
    parts = []
    for c, count in enumerate(_split(n_samples, classes)):
        angle = np.pi / 2 + 2 * np.pi * c / classes
        parts.append(np.tile([0.6 * np.cos(angle), 0.6 * np.sin(angle)], (count, 1)))
    return _labelled(rng, parts, noise)


def _imbalanced(rng, n_samples, noise):
    n_pos = (n_samples + 10) // 20  # round(0.05·m), half up
    negatives = rng.normal((-0.25, -0.25), 0.35, (n_samples - n_pos, 2))
    positives = rng.normal((0.5, 0.5), 0.15, (n_pos, 2))
    return _labelled(rng, [negatives, positives], noise)


def _sine(rng, n_samples, noise):
    x = rng.uniform(-np.pi, np.pi, n_samples)
    y = np.sin(x) + rng.normal(0.0, noise, n_samples)
    return x[:, None], y[:, None]


def _outliers(rng, n_samples, noise):
    x = rng.uniform(-1.0, 1.0, n_samples)
    y = 2 * x + 1 + rng.normal(0.0, noise, n_samples)
    n_out = (n_samples + 5) // 10  # round(0.1·m), half up
    # All pushed the same way, by 4..8, so the MSE fit visibly shifts and Huber/MAE do not.
    idx = rng.choice(n_samples, n_out, replace=False)
    y[idx] += rng.uniform(4.0, 8.0, n_out)
    return x[:, None], y[:, None]


class DatasetSpec(NamedTuple):
    """A registry entry: ``make(rng, **defaults) -> (X, Y)`` draws the raw arrays."""

    name: str
    label: str
    task: str
    description: str
    defaults: dict
    make: Callable


_POINTS = {"n_samples": 200}

DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        DatasetSpec(
            "xor",
            msg("model.datasets", "XOR"),
            "classification",
            msg(
                "model.datasets",
                "The lecture's XOR: the four corners of the unit square, 1 where exactly one "
                "input is 1. Not linearly separable.",
            ),
            {},
            _truth_table([0, 1, 1, 0]),
        ),
        DatasetSpec(
            "and",
            msg("model.datasets", "AND"),
            "classification",
            msg(
                "model.datasets", "Logical AND on the four corners of the unit square: one straight line separates it."
            ),
            {},
            _truth_table([0, 0, 0, 1]),
        ),
        DatasetSpec(
            "or",
            msg("model.datasets", "OR"),
            "classification",
            msg("model.datasets", "Logical OR on the four corners of the unit square: one straight line separates it."),
            {},
            _truth_table([0, 1, 1, 1]),
        ),
        DatasetSpec(
            "circles",
            msg("model.datasets", "Circles"),
            "classification",
            msg("model.datasets", "A disc (class 1) inside a ring (class 0): needs a closed, curved boundary."),
            {**_POINTS, "noise": 0.05},
            _circles,
        ),
        DatasetSpec(
            "moons",
            msg("model.datasets", "Moons"),
            "classification",
            msg("model.datasets", "Two interleaving half-moons: a gently curved boundary."),
            {**_POINTS, "noise": 0.1},
            _moons,
        ),
        DatasetSpec(
            "spirals",
            msg("model.datasets", "Spirals"),
            "classification",
            msg("model.datasets", "Interleaved spiral arms, one per class: the hardest 2-D problem here."),
            {**_POINTS, "noise": 0.05, "classes": 2},
            _spirals,
        ),
        DatasetSpec(
            "blobs",
            msg("model.datasets", "Blobs"),
            "classification",
            msg(
                "model.datasets",
                "Gaussian blobs, one per class, around a circle; one-hot targets for 3 or more classes.",
            ),
            {**_POINTS, "noise": 0.2, "classes": 3},
            _blobs,
        ),
        DatasetSpec(
            "imbalanced",
            msg("model.datasets", "Imbalanced"),
            "classification",
            msg(
                "model.datasets",
                "Two overlapping clouds with only 5 % positives: accuracy flatters a model that always says 0.",
            ),
            {**_POINTS, "noise": 0.05},
            _imbalanced,
        ),
        DatasetSpec(
            "sine",
            msg("model.datasets", "Sine"),
            "regression",
            msg("model.datasets", "y = sin(x) + noise for x in [−π, π]: one input, one real-valued output."),
            {**_POINTS, "noise": 0.1},
            _sine,
        ),
        DatasetSpec(
            "outliers",
            msg("model.datasets", "Outliers"),
            "regression",
            msg("model.datasets", "y = 2x + 1 + noise with 10 % gross outliers: compare MSE with Huber or MAE."),
            {**_POINTS, "noise": 0.1},
            _outliers,
        ),
    )
}


def dataset_names() -> list[str]:
    """Registry names in display order."""
    return list(DATASETS)


def check_dataset_params(name: Any, params: Mapping) -> dict:
    """The parameters of the named data set, checked and completed with defaults (``seed`` included).

    Draws nothing: this is what a session file's ``data`` section is checked with before anything
    is built.  Raises ``ValueError`` for an unknown name or parameter, or a value out of range.
    """
    spec = DATASETS.get(name) if isinstance(name, str) else None
    if spec is None:
        raise ValueError(
            msg("model.datasets", "unknown dataset {name}; choose one of: {names}").format(
                name=_show(name), names=", ".join(DATASETS)
            )
        )
    for key in params:
        if key != "seed" and key not in spec.defaults:
            if spec.defaults:
                raise ValueError(
                    msg(
                        "model.datasets", "dataset {name!r} has no parameter {key}; its parameters are: seed, {keys}"
                    ).format(name=name, key=_show(key), keys=", ".join(spec.defaults))
                )
            raise ValueError(
                msg("model.datasets", "dataset {name!r} has no parameter {key}; it only takes a seed").format(
                    name=name, key=_show(key)
                )
            )
    values = {key: _CHECKS[key](value) for key, value in {**spec.defaults, **params}.items() if key != "seed"}
    return {"seed": _whole(params.get("seed", 0), "seed", 0, 2**64 - 1), **values}


def make_dataset(name: str, seed: int = 0, **params: Any) -> Dataset:
    """Draw the named dataset from ``np.random.default_rng(seed)``.

    Parameters
    ----------
    name : str
        A key of :data:`DATASETS`.
    seed : int
        Whole number ≥ 0; the same seed and params give the same arrays.
    **params
        Overrides of the spec's ``defaults``: ``n_samples`` (1..1,000,000),
        ``noise`` (≥ 0, standard deviation of the Gaussian jitter added to each input
        coordinate, or of the target for ``sine``/``outliers``) and, for ``spirals``
        and ``blobs``, ``classes`` (2..10).

    Raises
    ------
    ValueError
        Unknown name, unknown keyword or out-of-range value, with a readable sentence.
    """
    values = check_dataset_params(name, {"seed": seed, **params})
    spec = DATASETS[name]
    seed = values.pop("seed")
    X, Y = spec.make(np.random.default_rng(seed), **values)

    summary = [msg("model.datasets", "{n} points").format(n=len(X))]
    if "noise" in values:
        summary.append(msg("model.datasets", "noise {noise:g}").format(noise=values["noise"]))
    if "classes" in values:
        summary.append(msg("model.datasets", "{n} classes").format(n=values["classes"]))
    if values:
        summary.append(msg("model.datasets", "seed {seed}").format(seed=seed))
    return Dataset(
        name=name,
        X=X,
        Y=Y,
        task=spec.task,
        feature_names=_default_feature_names(X.shape[1]),
        target_names=_default_target_names(spec.task, Y.shape[1]),
        params={"seed": seed, **values},
        description=msg("model.datasets", "{label}: {summary}").format(label=spec.label, summary=", ".join(summary)),
    )


# ---------------------------------------------------------------------------
# Custom data
# ---------------------------------------------------------------------------


def dataset_from_arrays(
    inputs: ArrayLike,
    targets: ArrayLike,
    name: str = "custom",
    task: str | None = None,
    *,
    feature_names: Sequence[str] | None = None,
    target_names: Sequence[str] | None = None,
    params: dict | None = None,
    description: str | None = None,
) -> Dataset:
    """A dataset from an input table (m × d) and a target table (m × k).

    1-D inputs or targets become one column.  Both must be non-empty, finite and have
    the same number of rows.  With ``task=None`` the task is inferred: targets that are
    all 0/1 in one column, or one-hot rows, mean classification; anything else means
    regression.  With ``task="classification"`` a single column of integer labels
    0..K−1 (K > 2) is one-hot encoded; its target names become ``"<name>=<label>"``.

    Raises
    ------
    ValueError
        With a sentence naming the problem (shape, row count, first non-finite cell).
    """
    X = _table(inputs, "inputs")
    Y = _table(targets, "targets")
    if task is None:
        task = _infer_task(Y)
    elif task not in TASKS:
        raise ValueError(
            msg("model.datasets", "task must be 'regression' or 'classification', not {t}").format(t=_show(task))
        )
    if task == "classification":
        K = _label_count(Y, all_present=False)
        if K is not None and K > MAX_CLASSES:
            raise ValueError(
                msg(
                    "model.datasets",
                    "the targets hold the class label {label:g}, so {K:,} classes; at most {max} are allowed",
                ).format(label=float(Y.max()), K=K, max=MAX_CLASSES)
            )
        if Y.shape[1] > MAX_CLASSES:
            raise ValueError(
                msg("model.datasets", "the targets have {k:,} class columns; at most {max} classes are allowed").format(
                    k=Y.shape[1], max=MAX_CLASSES
                )
            )
        if K is not None:
            base = "class" if target_names is None else _names(target_names, 1, "target names")[0]
            sep = " " if target_names is None else "="
            Y = np.eye(K)[Y[:, 0].astype(int)]
            target_names = tuple(f"{base}{sep}{c}" for c in range(K))
    m, d = X.shape
    if description is None:
        description = msg("model.datasets", "{name}: {m:,} rows, {d} inputs, {k} targets").format(
            name=name, m=m, d=d, k=Y.shape[1]
        )
    return Dataset(
        name=name,
        X=X,
        Y=Y,
        task=task,
        feature_names=_default_feature_names(d) if feature_names is None else feature_names,
        target_names=(_default_target_names(task, Y.shape[1]) if target_names is None else target_names),
        params={} if params is None else params,
        description=description,
    )


def _is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def _target_index(t, names, ncols: int, fname: str) -> int:
    if isinstance(t, str):
        if names is None:
            raise ValueError(
                msg("model.datasets", "target column {t} is given by name, but {fname} has no header row").format(
                    t=_show(t), fname=fname
                )
            )
        hits = [j for j, n in enumerate(names) if n == t]
        if not hits:
            raise ValueError(
                msg("model.datasets", "target column {t} not found in header (columns: {names})").format(
                    t=_show(t), names=", ".join(names)
                )
            )
        if len(hits) > 1:
            raise ValueError(
                msg("model.datasets", "target column {t} is ambiguous: the header names it {n} times").format(
                    t=_show(t), n=len(hits)
                )
            )
        return hits[0]
    if isinstance(t, bool) or not isinstance(t, numbers.Integral):
        raise ValueError(
            msg("model.datasets", "target columns must be column indices or header names, not {t}").format(t=_show(t))
        )
    j = int(t)
    if not -ncols <= j < ncols:
        raise ValueError(
            msg(
                "model.datasets",
                "target column index {j} is out of range: {fname} has {n} columns "
                "(use 0..{last}, or −{n}..−1 from the end)",
            ).format(j=j, fname=fname, n=ncols, last=ncols - 1)
        )
    return j % ncols


class LoadCancelled(Exception):
    """:func:`load_csv` stopped because its ``progress`` callback returned ``False``."""


#: A CSV file larger than this is refused before reading (bytes).
MAX_CSV_BYTES = 1_000_000_000
#: A longer physical line is refused (bytes): it cannot be a row of a table we could train on.
_MAX_LINE = 1_000_000
#: Bytes read to detect the delimiter.
_SNIFF_BYTES = 64 * 1024
#: Rows between two calls of ``progress``.
_PROGRESS_ROWS = 10_000
#: Characters decoded at a time.
_CHUNK = 1 << 20
_DELIMITERS = ",;\t|"


def sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample: ``,``, ``;``, tab or ``|`` (``,`` if nothing is clear).

    :class:`csv.Sniffer` decides; where both ``,`` and ``;`` split every line consistently
    (``1,5;2,5`` with decimal commas), the semicolon wins, as in the spreadsheets that write it.
    """
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may cut its last line short
    if not lines:
        return ","
    try:
        found = csv.Sniffer().sniff("\n".join(lines), delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = None
    counts = {c: {line.count(c) for line in lines} for c in ";,\t|"}
    consistent = [c for c, n in counts.items() if len(n) == 1 and next(iter(n)) > 0]
    if ";" in consistent and found in (None, ","):
        return ";"
    if found is None:
        return consistent[0] if consistent else ","
    return found


def load_csv(
    path: str | os.PathLike,
    target_columns: int | str | Sequence[int | str] = (-1,),
    header: bool | None = None,
    delimiter: str | None = None,
    *,
    task: str | None = None,
    progress: Callable[[float], object] | None = None,
) -> Dataset:
    """Read a numeric CSV file into a dataset.

    Parameters
    ----------
    path : str or PathLike
    target_columns : int, str or sequence of them
        Python-style column indices (0-based, negative from the end) or header names;
        these columns, in this order, become ``Y``; the others, in file order, ``X``.
    header : bool or None
        ``None`` detects it: a first row with any non-numeric field is a header.
    delimiter : str or None
        One character; ``None`` detects it (:func:`sniff_delimiter`: comma, semicolon, tab, bar).
    task : {"regression", "classification"} or None
        ``None`` infers it as :func:`dataset_from_arrays` does, and additionally treats a
        single target column whose values are exactly the integers 0..K−1 (all present,
        2 < K ≤ :data:`MAX_CLASSES`) as class labels: it is one-hot encoded and the task is
        classification.  More distinct integers than that are numbers (regression), and the
        description says so.  Pass ``task="regression"`` to keep labels as numbers.
    progress : callable or None
        Called with the fraction of the file read (0 … 1) every few thousand rows and at the
        end; if it returns ``False`` the load stops with :class:`LoadCancelled`.  The GUI reads
        files off its thread and drives a progress bar with it.

    Blank lines are skipped; fields may be padded with spaces.  Line and column numbers
    in messages count from 1, as an editor shows them.  At most :data:`MAX_SAMPLES` data
    rows and :data:`MAX_CELLS` numbers are read; a larger file is refused as soon as it is
    seen to be one.

    Raises
    ------
    ValueError
        ``"data.csv line 7, column 3: 'abc' is not a number"``,
        ``"data.csv line 4: expected 3 columns, found 2"``, ``"data.csv: no data rows"``,
        ``"target column 'price' not found in header (columns: a, b, c)"``,
        ``"cannot read data.csv: No such file or directory"``,
        ``"data.csv has more than 1,000,000 data rows; at most 1,000,000 can be loaded"``.
    LoadCancelled
        ``progress`` returned ``False``.
    """
    path = Path(path)
    fname = path.name
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        raise ValueError(
            msg("model.datasets", "the delimiter must be a single character, not {d}").format(d=_show(delimiter))
        )
    if task is not None and task not in TASKS:
        raise ValueError(
            msg("model.datasets", "task must be 'regression' or 'classification', not {t}").format(t=_show(task))
        )
    try:
        with open(path, "rb") as fb:
            size = os.fstat(fb.fileno()).st_size
            if size > MAX_CSV_BYTES:
                raise ValueError(
                    msg("model.datasets", "{fname} is {size}; a CSV file may be at most {limit}").format(
                        fname=fname, size=human_bytes(size), limit=human_bytes(MAX_CSV_BYTES)
                    )
                )
            if delimiter is None:
                delimiter = sniff_delimiter(fb.read(_SNIFF_BYTES).decode("utf-8-sig", errors="ignore"))
                fb.seek(0)
            parsed = _parse_csv(fb, fname, size, delimiter, header, target_columns, progress)
    except OSError as e:
        raise ValueError(
            msg("model.datasets", "cannot read {fname}: {reason}").format(fname=fname, reason=e.strerror or e)
        ) from None
    except UnicodeDecodeError:
        raise ValueError(
            msg("model.datasets", "cannot read {fname}: it is not a UTF-8 text file").format(fname=fname)
        ) from None
    table, lines, header, names, targets, features = parsed
    bad = ~np.isfinite(table)
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        raise ValueError(
            msg("model.datasets", "{fname} line {line}, column {col}: {value} is not a finite number").format(
                fname=fname, line=lines[i], col=j + 1, value=repr(str(table[i, j]))
            )
        )
    if progress is not None and progress(1.0) is False:
        raise LoadCancelled(fname)

    m = table.shape[0]
    Y = table[:, targets]
    note = ""
    if task is None:
        K = _label_count(Y, all_present=True)
        if K is not None and K > MAX_CLASSES:
            note = msg(
                "model.datasets", "; {K:,} integer labels are more than {max} classes, so they are read as numbers"
            ).format(K=K, max=MAX_CLASSES)
            task = "regression"
        else:
            task = "classification" if K else _infer_task(Y)
    return dataset_from_arrays(
        table[:, features],
        Y,
        name=f"csv:{fname}",
        task=task,
        feature_names=[names[j] for j in features],
        target_names=[names[j] for j in targets],
        params={
            "path": str(path),
            "target_columns": [t if isinstance(t, str) else int(t) for t in target_columns],
            "header": header,
            "delimiter": delimiter,
        },
        description=msg("model.datasets", "{fname}: {m:,} rows, {d} inputs, {k} targets{note}").format(
            fname=fname, m=m, d=len(features), k=len(targets), note=note
        ),
    )


def _parse_csv(fb, fname, size, delimiter, header, target_columns, progress):
    """Stream the rows of an open binary file into one float64 buffer (see :func:`load_csv`).

    The text is decoded in chunks of about a megabyte and handed to :mod:`csv` line by line;
    each row goes straight into an ``array('d')``, so memory stays at 8 bytes per number.
    """
    text = io.TextIOWrapper(fb, encoding="utf-8-sig", newline="")
    too_long = msg("model.datasets", "{fname} line {line} is longer than {limit}: not a table of numbers")
    consumed = [0]  # characters handed to the csv reader: the progress (the file is read ahead of it)

    def physical_lines():
        carry = ""
        count = 0
        while True:
            chunk = text.read(_CHUNK)
            if not chunk:
                if carry:
                    yield carry
                return
            parts = (carry + chunk).splitlines(keepends=True)
            carry = "" if parts[-1].endswith("\n") else parts.pop()
            if len(carry) > _MAX_LINE or (parts and max(map(len, parts)) > _MAX_LINE):
                at = next((i for i, p in enumerate(parts) if len(p) > _MAX_LINE), len(parts))
                raise ValueError(too_long.format(fname=fname, line=count + at + 1, limit=human_bytes(_MAX_LINE)))
            count += len(parts)
            for line in parts:
                consumed[0] += len(line)
                yield line

    reader = csv.reader(physical_lines(), delimiter=delimiter, skipinitialspace=True)
    values = array("d")
    lines = array("q")
    rows = 0
    try:
        for row in reader:  # the first row that is not blank: a header or not, and the columns
            if row and not (len(row) == 1 and not row[0].strip()):
                break
        else:
            raise ValueError(msg("model.datasets", "{fname}: no data rows").format(fname=fname))
        row = [field.strip() for field in row]
        if header is None:
            header = not all(_is_number(field) for field in row)
        header = bool(header)
        ncols = len(row)
        names = row if header else [f"column {j + 1}" for j in range(ncols)]
        targets, features = _columns(target_columns, row if header else None, ncols, fname)
        first = [] if header else [row]
        for row in itertools.chain(first, reader):
            if len(row) != ncols:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue  # a blank line
                raise ValueError(
                    msg("model.datasets", "{fname} line {line}: expected {n} columns, found {k}").format(
                        fname=fname, line=reader.line_num, n=ncols, k=len(row)
                    )
                )
            try:
                values.extend(map(float, row))
            except ValueError:
                raise ValueError(_bad_field(row, fname, reader.line_num, delimiter)) from None
            lines.append(reader.line_num)
            rows += 1
            if rows % _PROGRESS_ROWS == 0:
                _check_caps(rows, ncols, fname, done=False)
                if progress is not None and progress(min(1.0, consumed[0] / max(size, 1))) is False:
                    raise LoadCancelled(fname)
    except csv.Error as e:
        raise ValueError(
            msg("model.datasets", "{fname} line {line}: {reason}").format(fname=fname, line=reader.line_num, reason=e)
        ) from None
    finally:
        text.detach()  # the caller closes the file
    _check_caps(rows, ncols, fname, done=True)
    if rows == 0:
        raise ValueError(msg("model.datasets", "{fname}: no data rows").format(fname=fname))
    table = np.frombuffer(values, dtype=np.float64).reshape(rows, ncols)
    return table, lines, header, names, targets, features


def _check_caps(rows: int, ncols: int, fname: str, done: bool) -> None:
    if rows > MAX_SAMPLES:
        raise ValueError(
            msg("model.datasets", "{fname} has more than {max:,} data rows; at most {max:,} can be loaded").format(
                fname=fname, max=MAX_SAMPLES
            )
        )
    if rows * ncols > MAX_CELLS:
        template = (
            msg(
                "model.datasets",
                "{fname} has {n:,} numbers ({rows:,} rows × {cols:,} columns); at most {max:,} can be loaded",
            )
            if done
            else msg(
                "model.datasets", "{fname} has more than {max:,} numbers ({rows:,} rows × {cols:,} columns so far)"
            )
        )
        raise ValueError(template.format(fname=fname, n=rows * ncols, rows=rows, cols=ncols, max=MAX_CELLS))


def _columns(target_columns, names, ncols, fname) -> tuple[list[int], list[int]]:
    """Target and feature column indices."""
    if isinstance(target_columns, (str, numbers.Integral)):
        target_columns = (target_columns,)
    targets: list[int] = []
    for t in target_columns:
        j = _target_index(t, names, ncols, fname)
        if j in targets:
            raise ValueError(msg("model.datasets", "target column {t} is listed twice").format(t=_show(t)))
        targets.append(j)
    if not targets:
        raise ValueError(msg("model.datasets", "choose at least one target column"))
    features = [j for j in range(ncols) if j not in targets]
    if not features:
        raise ValueError(
            msg("model.datasets", "no input columns left: every column of {fname} is a target").format(fname=fname)
        )
    return targets, features


def _bad_field(row, fname, line, delimiter) -> str:
    j = next(j for j, field in enumerate(row) if not _is_number(field))
    field = row[j].strip()
    text = msg("model.datasets", "{fname} line {line}, column {col}: {field} is not a number").format(
        fname=fname, line=line, col=j + 1, field=_show(field)
    )
    if delimiter != "," and field.replace(",", "", 1).replace("-", "", 1).isdigit():
        text += msg("model.datasets", " (write decimals with a point: {fixed})").format(fixed=field.replace(",", "."))
    return text


_STORED_KEYS = {
    "name",
    "task",
    "inputs",
    "targets",
    "feature_names",
    "target_names",
    "params",
    "description",
}


def dataset_from_dict(d: Mapping) -> Dataset:
    """Inverse of :meth:`Dataset.to_dict`.

    Accepts ``{"name": <registry name>, "seed": ..., **params}`` (drawn again by
    :func:`make_dataset`) or ``{"inputs": [[...]], "targets": [[...]]}`` with optional
    ``name``, ``task``, ``feature_names``, ``target_names``, ``params``, ``description``.
    """
    if not isinstance(d, Mapping):
        raise ValueError(
            msg("model.datasets", "a dataset entry must be a mapping, not {kind}").format(kind=type(d).__name__)
        )
    d = dict(d)
    if "inputs" in d or "targets" in d:
        for key in ("inputs", "targets"):
            if key not in d:
                raise ValueError(msg("model.datasets", "the dataset entry has no {key!r}").format(key=key))
        unknown = sorted(set(d) - _STORED_KEYS)
        if unknown:
            raise ValueError(
                msg("model.datasets", "the dataset entry has an unknown key {key}").format(key=_show(unknown[0]))
            )
        return dataset_from_arrays(
            d["inputs"],
            d["targets"],
            name=d.get("name", "custom"),
            task=d.get("task"),
            feature_names=d.get("feature_names"),
            target_names=d.get("target_names"),
            params=d.get("params"),
            description=d.get("description"),
        )
    if "name" not in d:
        raise ValueError(msg("model.datasets", "a dataset entry needs a 'name', or 'inputs' and 'targets'"))
    name = d.pop("name")
    return make_dataset(name, **d)
