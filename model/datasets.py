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
import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

__all__ = [
    "Dataset",
    "DatasetSpec",
    "DATASETS",
    "dataset_names",
    "make_dataset",
    "dataset_from_arrays",
    "load_csv",
    "dataset_from_dict",
]

TASKS = ("regression", "classification")

#: Upper bound on ``n_samples`` so a typo gives a sentence, not a MemoryError.
MAX_SAMPLES = 1_000_000


# ---------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------


def _table(values, what: str) -> np.ndarray:
    """``values`` as a fresh, read-only, C-contiguous m × n float64 array (1-D → column)."""
    try:
        a = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a rectangular table of numbers") from None
    if a.ndim == 1:
        a = a.reshape(-1, 1)
    if a.ndim != 2:
        raise ValueError(f"{what} must be a table (rows × columns), not a {a.ndim}-D array")
    if a.size == 0:
        raise ValueError(f"{what} are empty: need at least one row and one column")
    bad = ~np.isfinite(a)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ValueError(f"{what} row {i + 1}, column {j + 1} is not a finite number ({a[i, j]})")
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
        raise ValueError(f"expected {count} {what}, got {len(names)}")
    return names


def _whole(value, key: str, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{key} must be a whole number, not {value!r}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{key} must be at least {minimum}, not {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{key} must be at most {maximum:,}, not {value:,}")
    return value


def _non_negative(value, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{key} must be a number, not {value!r}")
    value = float(value)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{key} must be a finite number ≥ 0, not {value}")
    return value


_CHECKS: dict[str, Callable] = {
    "n_samples": lambda v: _whole(v, "n_samples", 1, MAX_SAMPLES),
    "noise": lambda v: _non_negative(v, "noise"),
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
                f"inputs have {X.shape[0]} rows but targets have {Y.shape[0]}; they need one target row per input row"
            )
        if self.task not in TASKS:
            raise ValueError(f"task must be 'regression' or 'classification', not {self.task!r}")
        if self.task == "classification":
            if not np.isin(Y, (0.0, 1.0)).all():
                i, j = np.argwhere(~np.isin(Y, (0.0, 1.0)))[0]
                raise ValueError(
                    f"classification targets must be 0 or 1, but row {i + 1}, column {j + 1} is {Y[i, j]:g}"
                )
            if Y.shape[1] > 1 and not _is_one_hot(Y):
                i = int(np.argmax(Y.sum(axis=1) != 1.0))
                raise ValueError(
                    f"classification targets with {Y.shape[1]} columns must be one-hot "
                    f"(exactly one 1 per row), but row {i + 1} is not"
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
            "XOR",
            "classification",
            "The lecture's XOR: the four corners of the unit square, 1 where exactly one "
            "input is 1. Not linearly separable.",
            {},
            _truth_table([0, 1, 1, 0]),
        ),
        DatasetSpec(
            "and",
            "AND",
            "classification",
            "Logical AND on the four corners of the unit square: one straight line separates it.",
            {},
            _truth_table([0, 0, 0, 1]),
        ),
        DatasetSpec(
            "or",
            "OR",
            "classification",
            "Logical OR on the four corners of the unit square: one straight line separates it.",
            {},
            _truth_table([0, 1, 1, 1]),
        ),
        DatasetSpec(
            "circles",
            "Circles",
            "classification",
            "A disc (class 1) inside a ring (class 0): needs a closed, curved boundary.",
            {**_POINTS, "noise": 0.05},
            _circles,
        ),
        DatasetSpec(
            "moons",
            "Moons",
            "classification",
            "Two interleaving half-moons: a gently curved boundary.",
            {**_POINTS, "noise": 0.1},
            _moons,
        ),
        DatasetSpec(
            "spirals",
            "Spirals",
            "classification",
            "Interleaved spiral arms, one per class: the hardest 2-D problem here.",
            {**_POINTS, "noise": 0.05, "classes": 2},
            _spirals,
        ),
        DatasetSpec(
            "blobs",
            "Blobs",
            "classification",
            "Gaussian blobs, one per class, around a circle; one-hot targets for 3 or more classes.",
            {**_POINTS, "noise": 0.2, "classes": 3},
            _blobs,
        ),
        DatasetSpec(
            "imbalanced",
            "Imbalanced",
            "classification",
            "Two overlapping clouds with only 5 % positives: accuracy flatters a model that always says 0.",
            {**_POINTS, "noise": 0.05},
            _imbalanced,
        ),
        DatasetSpec(
            "sine",
            "Sine",
            "regression",
            "y = sin(x) + noise for x in [−π, π]: one input, one real-valued output.",
            {**_POINTS, "noise": 0.1},
            _sine,
        ),
        DatasetSpec(
            "outliers",
            "Outliers",
            "regression",
            "y = 2x + 1 + noise with 10 % gross outliers: compare MSE with Huber or MAE.",
            {**_POINTS, "noise": 0.1},
            _outliers,
        ),
    )
}


def dataset_names() -> list[str]:
    """Registry names in display order."""
    return list(DATASETS)


def make_dataset(name: str, seed: int = 0, **params) -> Dataset:
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
    spec = DATASETS.get(name)
    if spec is None:
        raise ValueError(f"unknown dataset {name!r}; choose one of: {', '.join(DATASETS)}")
    for key in params:
        if key not in spec.defaults:
            takes = f"its parameters are: seed, {', '.join(spec.defaults)}" if spec.defaults else "it only takes a seed"
            raise ValueError(f"dataset {name!r} has no parameter {key!r}; {takes}")
    seed = _whole(seed, "seed", 0)
    values = {key: _CHECKS[key](value) for key, value in {**spec.defaults, **params}.items()}
    X, Y = spec.make(np.random.default_rng(seed), **values)

    summary = [f"{len(X)} points"]
    if "noise" in values:
        summary.append(f"noise {values['noise']:g}")
    if "classes" in values:
        summary.append(f"{values['classes']} classes")
    if values:
        summary.append(f"seed {seed}")
    return Dataset(
        name=name,
        X=X,
        Y=Y,
        task=spec.task,
        feature_names=_default_feature_names(X.shape[1]),
        target_names=_default_target_names(spec.task, Y.shape[1]),
        params={"seed": seed, **values},
        description=f"{spec.label}: {', '.join(summary)}",
    )


# ---------------------------------------------------------------------------
# Custom data
# ---------------------------------------------------------------------------


def dataset_from_arrays(
    inputs,
    targets,
    name: str = "custom",
    task: str | None = None,
    *,
    feature_names=None,
    target_names=None,
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
        raise ValueError(f"task must be 'regression' or 'classification', not {task!r}")
    if task == "classification":
        K = _label_count(Y, all_present=False)
        if K is not None:
            base = "class" if target_names is None else _names(target_names, 1, "target names")[0]
            sep = " " if target_names is None else "="
            Y = np.eye(K)[Y[:, 0].astype(int)]
            target_names = tuple(f"{base}{sep}{c}" for c in range(K))
    m, d = X.shape
    if description is None:
        description = f"{name}: {m} rows, {d} inputs, {Y.shape[1]} targets"
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
            raise ValueError(f"target column {t!r} is given by name, but {fname} has no header row")
        hits = [j for j, n in enumerate(names) if n == t]
        if not hits:
            raise ValueError(f"target column {t!r} not found in header (columns: {', '.join(names)})")
        if len(hits) > 1:
            raise ValueError(f"target column {t!r} is ambiguous: the header names it {len(hits)} times")
        return hits[0]
    if isinstance(t, bool) or not isinstance(t, numbers.Integral):
        raise ValueError(f"target columns must be column indices or header names, not {t!r}")
    j = int(t)
    if not -ncols <= j < ncols:
        raise ValueError(
            f"target column index {j} is out of range: {fname} has {ncols} columns "
            f"(use 0..{ncols - 1}, or −{ncols}..−1 from the end)"
        )
    return j % ncols


def load_csv(path, target_columns=(-1,), header=None, delimiter=",", *, task=None) -> Dataset:
    """Read a numeric CSV file into a dataset.

    Parameters
    ----------
    path : str or PathLike
    target_columns : int, str or sequence of them
        Python-style column indices (0-based, negative from the end) or header names;
        these columns, in this order, become ``Y``; the others, in file order, ``X``.
    header : bool or None
        ``None`` detects it: a first row with any non-numeric field is a header.
    delimiter : str
        One character.
    task : {"regression", "classification"} or None
        ``None`` infers it as :func:`dataset_from_arrays` does, and additionally treats a
        single target column whose values are exactly the integers 0..K−1 (all present,
        K > 2) as class labels: it is one-hot encoded and the task is classification.
        Pass ``task="regression"`` to keep such a column as numbers.

    Blank lines are skipped; fields may be padded with spaces.  Line and column numbers
    in messages count from 1, as an editor shows them.

    Raises
    ------
    ValueError
        ``"data.csv line 7, column 3: 'abc' is not a number"``,
        ``"data.csv line 4: expected 3 columns, found 2"``, ``"data.csv: no data rows"``,
        ``"target column 'price' not found in header (columns: a, b, c)"``,
        ``"cannot read data.csv: No such file or directory"``.
    """
    path = Path(path)
    fname = path.name
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise ValueError(f"the delimiter must be a single character, not {delimiter!r}")
    if task is not None and task not in TASKS:
        raise ValueError(f"task must be 'regression' or 'classification', not {task!r}")
    rows: list[tuple[int, list[str]]] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f, delimiter=delimiter, skipinitialspace=True)
            try:
                for row in reader:
                    if row and not (len(row) == 1 and not row[0].strip()):
                        rows.append((reader.line_num, [field.strip() for field in row]))
            except csv.Error as e:
                raise ValueError(f"{fname} line {reader.line_num}: {e}") from None
    except OSError as e:
        raise ValueError(f"cannot read {fname}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ValueError(f"cannot read {fname}: it is not a UTF-8 text file") from None

    if not rows:
        raise ValueError(f"{fname}: no data rows")
    if header is None:
        header = not all(_is_number(field) for field in rows[0][1])
    header = bool(header)
    ncols = len(rows[0][1])
    names = rows[0][1] if header else None
    data = rows[1:] if header else rows
    if not data:
        raise ValueError(f"{fname}: no data rows")

    if isinstance(target_columns, (str, numbers.Integral)):
        target_columns = (target_columns,)
    targets: list[int] = []
    for t in target_columns:
        j = _target_index(t, names, ncols, fname)
        if j in targets:
            raise ValueError(f"target column {t!r} is listed twice")
        targets.append(j)
    if not targets:
        raise ValueError("choose at least one target column")
    features = [j for j in range(ncols) if j not in targets]
    if not features:
        raise ValueError(f"no input columns left: every column of {fname} is a target")

    table = np.empty((len(data), ncols))
    for i, (line, row) in enumerate(data):
        if len(row) != ncols:
            raise ValueError(f"{fname} line {line}: expected {ncols} columns, found {len(row)}")
        for j, field in enumerate(row):
            try:
                value = float(field)
            except ValueError:
                raise ValueError(f"{fname} line {line}, column {j + 1}: {field!r} is not a number") from None
            if not math.isfinite(value):
                raise ValueError(f"{fname} line {line}, column {j + 1}: {field!r} is not a finite number")
            table[i, j] = value

    if names is None:
        names = [f"column {j + 1}" for j in range(ncols)]
    Y = table[:, targets]
    if task is None:
        task = "classification" if _label_count(Y, all_present=True) else _infer_task(Y)
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
        description=f"{fname}: {len(data)} rows, {len(features)} inputs, {len(targets)} targets",
    )


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
        raise ValueError(f"a dataset entry must be a mapping, not {type(d).__name__}")
    d = dict(d)
    if "inputs" in d or "targets" in d:
        for key in ("inputs", "targets"):
            if key not in d:
                raise ValueError(f"the dataset entry has no {key!r}")
        unknown = sorted(set(d) - _STORED_KEYS)
        if unknown:
            raise ValueError(f"the dataset entry has an unknown key {unknown[0]!r}")
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
        raise ValueError("a dataset entry needs a 'name', or 'inputs' and 'targets'")
    name = d.pop("name")
    return make_dataset(name, **d)
