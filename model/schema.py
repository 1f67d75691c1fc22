"""The session file's schema: every field checked for type, range and size before anything is built.

:func:`validate_session` runs before :meth:`Session.from_dict <model.session.Session.from_dict>`
allocates anything.  It refuses, with one line naming the field (``'optimizer.learning_rate'
must be a positive number, got "fast"``), whatever would otherwise end in a traceback, a
numpy warning, minutes of work or gigabytes of memory:

* types: a string, a boolean or ``null`` where a number belongs, a number where a list belongs,
  an integer too large for a float, nesting where a number belongs (never walked recursively);
* ranges: sizes ≥ 1, seeds that the random generators accept, steps below :data:`MAX_STEP`, class
  labels below :data:`~model.datasets.MAX_CLASSES`, learning rates and parameters as the families
  declare them;
* consistency: tables that are rectangular, layers whose widths chain, data whose columns match
  the network, optimiser state shaped like the parameters, a shuffling order that is a permutation;
* memory: :func:`memory_estimate` adds up what building and training the session will allocate
  (parameters and their copies, one step's activations, the output view's grid, the data) and
  :func:`validate_session` refuses a session over :data:`MEMORY_BUDGET`, saying what is too big
  and by how much.

Which numbers may be NaN or ±Infinity (Python's ``json`` reads both): only the recorded history
(``history``: a diverged loss is drawn as such).  Weights, biases, optimiser state, data,
hyperparameters and the epoch accumulators (``epoch_acc``) must be finite.

The families drive their own sections: a loss's, an optimiser's or a data set's parameters are
checked against the parameter declarations of that family member (``PARAMS`` of losses and
optimisers, ``defaults`` of data sets), so a new member or a new parameter needs no change here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from .files import human_bytes
from .text import Message, msg, show_value

__all__ = [
    "FORMAT",
    "MEMORY_BUDGET",
    "MAX_STEP",
    "MAX_LAYERS",
    "MAX_SEED",
    "validate_session",
    "memory_estimate",
    "check_family",
]


#: The session file format this program reads and writes.
FORMAT = "backprop-studio/1"

#: What building and training one session may allocate, in bytes (estimated by :func:`memory_estimate`).
MEMORY_BUDGET = 2_000_000_000
#: Steps and epochs stay below this (the window's 32-bit counters, and room to train on).
MAX_STEP = 1_000_000_000
#: Weight layers of a network.
MAX_LAYERS = 64
#: Units of one layer (and inputs).
MAX_UNITS = 1_000_000
#: Seeds of the lecture's ``RandomState`` initialiser: 0 … 2³² − 1.
MAX_SEED = 2**32 - 1
#: Longest name and description text.
MAX_NAME = 200
MAX_TEXT = 20_000
#: Values recorded in one history list.
MAX_HISTORY = 20_000_000
#: Rows of the output view's grid (2-D inputs: 64 × 64) and curve (1-D inputs).
_VIEW_ROWS = {1: 200, 2: 64 * 64}
_FLOAT = 8  # bytes

_HISTORY_KEYS = ("loss", "report", "epoch_loss", "epoch_report", "epoch_accuracy", "epoch_step")


# ---------------------------------------------------------------------------------------------
# One line per problem
# ---------------------------------------------------------------------------------------------
def _fail(message: Message, **params):
    """Refuse with one line: ``message`` (a ``msg("model.schema", …)``, so that lupdate finds it) filled in."""
    raise ValueError(message.format(**params))


def _join(names: Iterable) -> str:
    return ", ".join(str(n) for n in names)


# ---------------------------------------------------------------------------------------------
# Scalars
# ---------------------------------------------------------------------------------------------
def _is_real(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))


def _as_float(v, where: str) -> float:
    """``v`` (int or float) as a float; an int beyond float's range is an error, not an OverflowError."""
    try:
        return float(v)
    except OverflowError:
        _fail(msg("model.schema", "'{where}' is too large: {value}"), where=where, value=show_value(v))


def number(
    v: Any, where: str, lo: float | None = None, hi: float | None = None, *, lo_open: bool = False, finite: bool = True
) -> float:
    """A real number (not a boolean) in [lo, hi] (``lo_open``: above ``lo``); finite unless told."""
    if not _is_real(v):
        _fail(msg("model.schema", "'{where}' must be a number, got {value}"), where=where, value=show_value(v))
    x = _as_float(v, where)
    if finite and not math.isfinite(x):
        _fail(msg("model.schema", "'{where}' must be a finite number, got {value}"), where=where, value=show_value(x))
    if math.isnan(x):
        return x
    if lo is not None and (x <= lo if lo_open else x < lo):
        if lo_open:
            _fail(
                msg("model.schema", "'{where}' must be greater than {lo}, got {value}"),
                where=where,
                lo=f"{lo:g}",
                value=show_value(v),
            )
        _fail(
            msg("model.schema", "'{where}' must be at least {lo}, got {value}"),
            where=where,
            lo=f"{lo:g}",
            value=show_value(v),
        )
    if hi is not None and x > hi:
        _fail(
            msg("model.schema", "'{where}' must be at most {hi}, got {value}"),
            where=where,
            hi=f"{hi:g}",
            value=show_value(v),
        )
    return x


def whole(v: Any, where: str, lo: int | None = 0, hi: int | None = None) -> int:
    """A whole number (an int, or a float such as 3.0) in [lo, hi]."""
    if _is_real(v) and isinstance(v, (float, np.floating)):
        if not (math.isfinite(v) and float(v).is_integer()):
            _fail(
                msg("model.schema", "'{where}' must be a whole number, got {value}"),
                where=where,
                value=show_value(float(v)),
            )
        v = int(v)
    if not _is_real(v):
        _fail(msg("model.schema", "'{where}' must be a whole number, got {value}"), where=where, value=show_value(v))
    v = int(v)
    if lo is not None and v < lo:
        _fail(
            msg("model.schema", "'{where}' must be at least {lo}, got {value}"),
            where=where,
            lo=f"{lo:,}",
            value=show_value(v),
        )
    if hi is not None and v > hi:
        _fail(
            msg("model.schema", "'{where}' must be at most {hi}, got {value}"),
            where=where,
            hi=f"{hi:,}",
            value=show_value(v),
        )
    return v


def boolean(v: Any, where: str) -> bool:
    if not isinstance(v, (bool, np.bool_)):
        _fail(msg("model.schema", "'{where}' must be true or false, got {value}"), where=where, value=show_value(v))
    return bool(v)


def text(v: Any, where: str, max_len: int = MAX_NAME, choices: Iterable[str] | None = None) -> str:
    if not isinstance(v, str):
        _fail(msg("model.schema", "'{where}' must be a text, got {value}"), where=where, value=show_value(v))
    if choices is not None and v not in choices:
        _fail(
            msg("model.schema", "'{where}' must be one of {choices}, got {value}"),
            where=where,
            choices=_join(choices),
            value=show_value(v),
        )
    if len(v) > max_len:
        _fail(
            msg("model.schema", "'{where}' is too long: {n:,} characters, at most {max:,}"),
            where=where,
            n=len(v),
            max=max_len,
        )
    return v


def obj(v: Any, where: str) -> dict:
    if not isinstance(v, dict):
        _fail(msg("model.schema", "'{where}' must be an object, got {value}"), where=where, value=show_value(v))
    return v


def _len_list(v, where: str, lo: int = 0, hi: int | None = None, what: str = "values") -> int:
    if not isinstance(v, (list, tuple, np.ndarray)):
        _fail(msg("model.schema", "'{where}' must be a list, got {value}"), where=where, value=show_value(v))
    n = len(v)
    if n < lo:
        _fail(
            msg("model.schema", "'{where}' needs at least {lo:,} {what}, got {n:,}"), where=where, lo=lo, what=what, n=n
        )
    if hi is not None and n > hi:
        _fail(
            msg("model.schema", "'{where}' has {n:,} {what}, at most {hi:,} are allowed"),
            where=where,
            hi=hi,
            what=what,
            n=n,
        )
    return n


# ---------------------------------------------------------------------------------------------
# Tables of numbers: shapes first (cheap, before the memory check), then every element
# ---------------------------------------------------------------------------------------------
_NUMBER_TYPES = {int, float, np.float64, np.float32, np.int64, np.int32}


def _as_list(v):
    """A session built in memory may hold arrays or tuples where a file holds lists."""
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, tuple):
        return [list(x) if isinstance(x, tuple) else x for x in v]
    return v


def table_shape(
    v: Any, where: str, rows: int | None = None, cols: int | None = None, max_cells: int | None = None
) -> tuple[int, int]:
    """Rows × columns of a rectangular list of lists, checking only the lists (not the numbers)."""
    v = _as_list(v)
    if not isinstance(v, list):
        _fail(
            msg("model.schema", "'{where}' must be a table (a list of rows), got {value}"),
            where=where,
            value=show_value(v),
        )
    m = len(v)
    if m == 0:
        _fail(msg("model.schema", "'{where}' is empty: it needs at least one row"), where=where)
    if rows is not None and m != rows:
        _fail(msg("model.schema", "'{where}' must have {rows:,} rows, got {m:,}"), where=where, rows=rows, m=m)
    first = v[0]
    if not isinstance(first, list):
        _fail(
            msg("model.schema", "'{where}' row 1 must be a list of numbers, got {value}"),
            where=where,
            value=show_value(first),
        )
    n = len(first)
    if n == 0:
        _fail(msg("model.schema", "'{where}' row 1 is empty"), where=where)
    if cols is not None and n != cols:
        _fail(msg("model.schema", "'{where}' must have {cols:,} columns, got {n:,}"), where=where, cols=cols, n=n)
    if max_cells is not None and m * n > max_cells:
        _fail(
            msg("model.schema", "'{where}' has {cells:,} numbers ({m:,} × {n:,}), at most {max:,} are allowed"),
            where=where,
            cells=m * n,
            m=m,
            n=n,
            max=max_cells,
        )
    for i, row in enumerate(v):
        if type(row) is not list:
            _fail(
                msg("model.schema", "'{where}' row {i} must be a list of numbers, got {value}"),
                where=where,
                i=i + 1,
                value=show_value(row),
            )
        if len(row) != n:
            _fail(
                msg("model.schema", "'{where}' is not rectangular: row {i} has {k:,} values, row 1 has {n:,}"),
                where=where,
                i=i + 1,
                k=len(row),
                n=n,
            )
    return m, n


def table_values(v: Any, where: str, finite: bool = True) -> np.ndarray:
    """The numbers of a table already checked by :func:`table_shape`, as a float64 array."""
    v = _as_list(v)
    for i, row in enumerate(v):
        if not set(map(type, row)) <= _NUMBER_TYPES:
            j = next(j for j, x in enumerate(row) if type(x) not in _NUMBER_TYPES)
            _fail(
                msg("model.schema", "'{where}' row {i}, column {j}: expected a number, got {value}"),
                where=where,
                i=i + 1,
                j=j + 1,
                value=show_value(row[j]),
            )
    try:
        a = np.array(v, dtype=float)
    except OverflowError:
        i, j = _first(v, lambda x: _overflows(x))
        _fail(
            msg("model.schema", "'{where}' row {i}, column {j} is too large: {value}"),
            where=where,
            i=i,
            j=j,
            value=show_value(v[i - 1][j - 1]),
        )
    if finite and not np.isfinite(a).all():
        i, j = (int(k) + 1 for k in np.argwhere(~np.isfinite(a))[0])
        _fail(
            msg("model.schema", "'{where}' row {i}, column {j} is not a finite number ({value})"),
            where=where,
            i=i,
            j=j,
            value=show_value(a[i - 1, j - 1]),
        )
    return a


def _overflows(x) -> bool:
    try:
        float(x)
    except OverflowError:
        return True
    return False


def _first(v, bad: Callable) -> tuple[int, int]:
    for i, row in enumerate(v):
        for j, x in enumerate(row):
            if bad(x):
                return i + 1, j + 1
    return 0, 0  # pragma: no cover


def vector(v: Any, where: str, n: int | None = None, finite: bool = True, max_len: int | None = None) -> np.ndarray:
    """A list of numbers (of length ``n`` if given) as a float64 array."""
    v = _as_list(v)
    k = _len_list(v, where, hi=max_len)
    if n is not None and k != n:
        _fail(msg("model.schema", "'{where}' must have {n:,} values, got {k:,}"), where=where, n=n, k=k)
    if not set(map(type, v)) <= _NUMBER_TYPES:
        j = next(j for j, x in enumerate(v) if type(x) not in _NUMBER_TYPES)
        _fail(
            msg("model.schema", "'{where}' value {j}: expected a number, got {value}"),
            where=where,
            j=j + 1,
            value=show_value(v[j]),
        )
    try:
        a = np.array(v, dtype=float)
    except OverflowError:
        j = next(j for j, x in enumerate(v) if _overflows(x))
        _fail(
            msg("model.schema", "'{where}' value {j} is too large: {value}"),
            where=where,
            j=j + 1,
            value=show_value(v[j]),
        )
    if finite and not np.isfinite(a).all():
        j = int(np.argmax(~np.isfinite(a)))
        _fail(
            msg("model.schema", "'{where}' value {j} is not a finite number ({value})"),
            where=where,
            j=j + 1,
            value=show_value(a[j]),
        )
    return a


# ---------------------------------------------------------------------------------------------
# Families: their members declare their parameters
# ---------------------------------------------------------------------------------------------
def _spec(s):
    """``(name, default, minimum, maximum, choices)`` of a parameter declaration.

    Accepts the losses' ``ParamSpec`` (attributes) and the optimisers' tuples
    ``(name, default, minimum, maximum, label[, choices])``.
    """
    if hasattr(s, "name") and hasattr(s, "default"):
        return s.name, s.default, getattr(s, "minimum", None), getattr(s, "maximum", None), getattr(s, "choices", ())
    s = tuple(s)
    choices = s[5] if len(s) > 5 else ()
    return s[0], s[1], s[2] if len(s) > 2 else None, s[3] if len(s) > 3 else None, choices


def check_param(value: Any, where: str, spec: Any) -> None:
    """Check one value against one declaration: its type from the default, its range, its choices."""
    _name, default, lo, hi, choices = _spec(spec)
    if isinstance(default, bool):
        boolean(value, where)
    elif isinstance(default, str) or (choices and not _is_real(default)):
        text(value, where, choices=tuple(choices) or None)
    elif default is None and value is None:
        return
    else:
        number(value, where, lo, hi)


def check_family(
    value: Any, where: str, registry: Mapping, what: str, build: Callable | None = None, fixed: Mapping | None = None
) -> Any:
    """Check ``{"name": …, **params}`` against the registry member's declared ``PARAMS``; return ``build(value)``.

    ``fixed`` maps keys that every member takes (an optimiser's ``learning_rate``, its ``state``)
    to their own check, ``fixed[key](value, where)``.  ``build`` is the family's own factory: any
    error it still raises becomes one line naming ``where``.
    """
    obj(value, where)
    if "name" not in value:
        _fail(msg("model.schema", "'{where}' needs a 'name' (one of {names})"), where=where, names=_join(registry))
    name = value["name"]
    if not isinstance(name, str) or name not in registry:
        _fail(
            msg("model.schema", "'{where}.name': unknown {what} {value}; choose one of {names}"),
            where=where,
            what=what,
            value=show_value(name),
            names=_join(registry),
        )
    member = registry[name]
    specs = {_spec(s)[0]: s for s in getattr(member, "PARAMS", ())}
    fixed = fixed or {}
    for key, v in value.items():
        if key == "name":
            continue
        if key in fixed:
            fixed[key](v, f"{where}.{key}")
        elif key in specs:
            check_param(v, f"{where}.{key}", specs[key])
        else:
            known = _join([*fixed, *specs]) or "none"
            _fail(
                msg("model.schema", "'{where}': the {what} {name} has no parameter {key}; it takes: {known}"),
                where=where,
                what=what,
                name=name,
                key=show_value(key),
                known=known,
            )
    if build is None:
        return None
    try:
        return build(value)
    except (TypeError, ValueError, KeyError, OverflowError, ZeroDivisionError, IndexError) as e:
        _fail(
            msg("model.schema", "'{where}': {reason}"),
            where=where,
            reason=str(e).splitlines()[0] if str(e) else type(e).__name__,
        )


# ---------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------
def _network_shapes(net, where: str) -> list[tuple[int, int]]:
    """The (fan_in, fan_out) of each layer of a ``network`` object; lists only, no numbers yet."""
    from .activations import activation_names

    obj(net, where)
    if "layers" not in net:
        _fail(msg("model.schema", "'{where}' needs a 'layers' list"), where=where)
    layers = net["layers"]
    L = _len_list(layers, f"{where}.layers", 1, MAX_LAYERS, "layers")
    hidden_ok = activation_names(hidden=True)
    shapes = []
    for i, layer in enumerate(layers):
        lw = f"{where}.layers[{i}]"
        obj(layer, lw)
        for key in ("weights", "biases", "activation"):
            if key not in layer:
                _fail(msg("model.schema", "'{where}' needs '{key}'"), where=lw, key=key)
        act = layer["activation"]
        text(act, f"{lw}.activation", choices=activation_names() if i == L - 1 else hidden_ok)
        fan_in, fan_out = table_shape(layer["weights"], f"{lw}.weights", rows=shapes[-1][1] if shapes else None)
        _len_list(layer["biases"], f"{lw}.biases")
        if len(layer["biases"]) != fan_out:
            _fail(
                msg("model.schema", "'{where}.biases' must have {n:,} values (one per unit), got {k:,}"),
                where=lw,
                n=fan_out,
                k=len(layer["biases"]),
            )
        if "train_biases" in layer:
            boolean(layer["train_biases"], f"{lw}.train_biases")
        shapes.append((fan_in, fan_out))
    return shapes


def _network_values(net, where: str) -> None:
    for i, layer in enumerate(net["layers"]):
        table_values(layer["weights"], f"{where}.layers[{i}].weights")
        vector(layer["biases"], f"{where}.layers[{i}].biases")


def _sizes(shapes) -> list[int]:
    return [shapes[0][0]] + [fan_out for _, fan_out in shapes]


def _architecture(a, seed_default, has_network: bool) -> tuple[list[int], dict | None]:
    """The sizes of an ``architecture`` object, and its ``initial_network`` (checked) if any."""
    from .activations import activation_names
    from .initializers import INITIALIZERS

    obj(a, "architecture")
    if "sizes" not in a:
        _fail(msg("model.schema", "'architecture' needs 'sizes', the list of layer widths [inputs, …, outputs]"))
    n = _len_list(a["sizes"], "architecture.sizes", 2, MAX_LAYERS + 1, "sizes")
    sizes = [whole(s, f"architecture.sizes[{i}]", 1, MAX_UNITS) for i, s in enumerate(a["sizes"])]
    if "activations" not in a and not has_network:
        _fail(msg("model.schema", "'architecture' needs 'activations', one per layer"))
    if "activations" in a:
        acts = a["activations"]
        if isinstance(acts, str):
            acts = [acts] * (n - 1)
        elif _len_list(acts, "architecture.activations") != n - 1:
            _fail(
                msg("model.schema", "'architecture.activations' must name {n} activations (one per layer), got {k}"),
                n=n - 1,
                k=len(acts),
            )
        for i, act in enumerate(acts):
            text(
                act,
                f"architecture.activations[{i}]",
                choices=activation_names() if i == n - 2 else activation_names(hidden=True),
            )
    if "init" in a:
        text(a["init"], "architecture.init", choices=tuple(INITIALIZERS))
    if a.get("train_biases") is not None:  # per layer: are its biases trained
        if _len_list(a["train_biases"], "architecture.train_biases") != n - 1:
            _fail(
                msg("model.schema", "'architecture.train_biases' must have {n} true/false values, one per layer"),
                n=n - 1,
            )
        for i, flag in enumerate(a["train_biases"]):
            boolean(flag, f"architecture.train_biases[{i}]")
    whole(a.get("init_seed", seed_default), "architecture.init_seed", 0, MAX_SEED)
    init_net = a.get("initial_network")
    if init_net is not None:
        shapes = _network_shapes(init_net, "architecture.initial_network")
        if _sizes(shapes) != sizes:
            _fail(
                msg(
                    "model.schema",
                    "'architecture.initial_network' has layer sizes {net} but 'architecture.sizes' is {sizes}",
                ),
                net=_sizes(shapes),
                sizes=sizes,
            )
    return sizes, init_net


def _data(spec) -> dict:
    """Rows, input and target columns (``m``, ``d``, ``k``; None where a named set decides) of ``data``."""
    from .datasets import DATASETS, MAX_SAMPLES, check_dataset_params

    obj(spec, "data")
    if "inputs" in spec or "targets" in spec:
        for key in ("inputs", "targets"):
            if key not in spec:
                _fail(
                    msg("model.schema", "'data' has '{other}' but no '{key}'"),
                    key=key,
                    other="inputs" if key == "targets" else "targets",
                )
        for key in ("name", "description"):
            if key in spec:
                text(spec[key], f"data.{key}", MAX_NAME if key == "name" else MAX_TEXT)
        task = spec.get("task")
        if task is not None:
            text(task, "data.task", choices=("regression", "classification"))
        m, d = table_shape(spec["inputs"], "data.inputs", max_cells=MAX_SAMPLES * 100)
        if m > MAX_SAMPLES:
            _fail(
                msg("model.schema", "'data.inputs' has {m:,} rows, at most {max:,} are allowed"), m=m, max=MAX_SAMPLES
            )
        _, k = table_shape(spec["targets"], "data.targets", rows=m, max_cells=MAX_SAMPLES * 100)
        for key, n in (("feature_names", d), ("target_names", None)):
            names = spec.get(key)
            if names is not None:
                if _len_list(names, f"data.{key}") != (n if n is not None else len(names)):
                    _fail(
                        msg("model.schema", "'data.{key}' must name {n} columns, got {k}"), key=key, n=n, k=len(names)
                    )
                for i, s in enumerate(names):
                    text(s, f"data.{key}[{i}]")
        params = spec.get("params")
        if params is not None:
            _flat_params(params, "data.params")
        return {"m": m, "d": d, "k": k, "by_value": True}
    if "name" not in spec:
        _fail(
            msg("model.schema", "'data' needs a 'name' (one of {names}) or 'inputs' and 'targets'"),
            names=_join(DATASETS),
        )
    name = spec["name"]
    if not isinstance(name, str) or name not in DATASETS:
        _fail(
            msg("model.schema", "'data.name': unknown data set {value}; choose one of {names}"),
            value=show_value(name),
            names=_join(DATASETS),
        )
    params = {k: v for k, v in spec.items() if k != "name"}
    try:
        values = check_dataset_params(name, params)
    except ValueError as e:
        _fail(msg("model.schema", "'data': {reason}"), reason=str(e))
    return {"m": values.get("n_samples", 4), "d": None, "k": values.get("classes"), "by_value": False}


def _flat_params(p, where: str) -> None:
    """A flat object of scalars, texts, or lists of them (a CSV file's path, columns, delimiter …)."""
    obj(p, where)
    if len(p) > 100:
        _fail(msg("model.schema", "'{where}' has {n} entries, at most 100 are allowed"), where=where, n=len(p))
    for key, v in p.items():
        w = f"{where}.{key}"
        if isinstance(v, list):
            if len(v) > 1000:
                _fail(msg("model.schema", "'{where}' has {n:,} values, at most 1,000 are allowed"), where=w, n=len(v))
            items = v
        else:
            items = [v]
        for x in items:
            if isinstance(x, str):
                text(x, w, MAX_TEXT)
            elif x is not None and not isinstance(x, (bool, int, float)):
                _fail(
                    msg("model.schema", "'{where}' must be a number, a text or true/false, got {value}"),
                    where=w,
                    value=show_value(x),
                )
            elif isinstance(x, int) and not isinstance(x, bool):
                _as_float(x, w)


def _data_values(spec, dims, sizes) -> None:
    """Every number of data given by value, and its columns against the network's widths."""
    from .datasets import MAX_CLASSES

    X = table_values(spec["inputs"], "data.inputs")
    Y = table_values(spec["targets"], "data.targets")
    del X
    k = Y.shape[1]
    if spec.get("task") == "classification" and k == 1:
        y = Y[:, 0]
        if np.all(y == np.round(y)) and y.min() >= 0 and y.max() > 1:
            K = int(y.max()) + 1
            if K > MAX_CLASSES:
                _fail(
                    msg(
                        "model.schema",
                        "'data.targets' holds the class label {label:g}, so {K:,} classes; at most {max} are allowed",
                    ),
                    label=float(y.max()),
                    K=K,
                    max=MAX_CLASSES,
                )
            k = K
    if sizes is not None:
        if dims["d"] != sizes[0]:
            _fail(
                msg("model.schema", "'data.inputs' has {d} columns but the network has {n} inputs"),
                d=dims["d"],
                n=sizes[0],
            )
        if k != sizes[-1]:
            _fail(
                msg("model.schema", "'data.targets' has {k} columns but the network has {n} outputs"), k=k, n=sizes[-1]
            )


def _optimizer(value, shapes) -> None:
    from .optimizers import OPTIMIZERS

    def state(s, where):
        obj(s, where)
        whole(s.get("t", 0), f"{where}.t", 0, MAX_STEP)
        for key, arrays in s.items():
            if key == "t":
                continue
            w = f"{where}.{key}"
            if _len_list(arrays, w, what="arrays") != len(shapes):
                _fail(
                    msg(
                        "model.schema",
                        "'{where}' must hold {n} arrays (one per weight matrix and bias vector), got {k}",
                    ),
                    where=w,
                    n=len(shapes),
                    k=len(arrays),
                )
            for i, (a, shape) in enumerate(zip(arrays, shapes)):
                wi = f"{w}[{i}]"
                if len(shape) == 2:
                    table_shape(a, wi, rows=shape[0], cols=shape[1])
                    table_values(a, wi)
                else:
                    vector(a, wi, n=shape[0])

    def lr(v, where):
        number(v, where, 0, lo_open=True)

    fixed = {"learning_rate": lr, "state": state}
    for key, check in _OPTIMIZER_SECTIONS.items():
        fixed[key] = check
    check_family(value, "optimizer", OPTIMIZERS, "optimizer", build=_make_optimizer, fixed=fixed)


def _make_optimizer(p):
    from .optimizers import make_optimizer

    p = {k: v for k, v in p.items() if k not in ("state", *_OPTIMIZER_SECTIONS)}
    return make_optimizer(p.pop("name"), **p)


def _schedule(value, where: str) -> None:
    """The learning-rate schedule, checked by its family's declarations (``model.schedules``)."""
    if value is None:
        return
    try:
        from .schedules import SCHEDULES, schedule_from_dict
    except ImportError:  # pragma: no cover - before the schedules family is merged
        obj(value, where)
        return
    check_family(value, where, SCHEDULES, "schedule", build=schedule_from_dict)


#: Sub-objects of ``optimizer`` that are not parameters of the optimiser itself, with their check.
_OPTIMIZER_SECTIONS: dict[str, Callable] = {"schedule": _schedule}


def _weight_names(names, shapes) -> None:
    """``{"W": [per layer, fan_in × fan_out names], "b": [per layer, fan_out names]}``, shaped like the network."""
    obj(names, "weight_names")
    for key in names:
        if key not in ("W", "b"):
            _fail(msg("model.schema", "'weight_names' has an unknown key {key}; it takes W and b"), key=show_value(key))
    for key in ("W", "b"):
        if key not in names:
            _fail(msg("model.schema", "'weight_names' needs '{key}'"), key=key)
        if _len_list(names[key], f"weight_names.{key}", what="layers") != len(shapes):
            _fail(
                msg("model.schema", "'weight_names.{key}' must have {n} layers, got {k}"),
                key=key,
                n=len(shapes),
                k=len(names[key]),
            )
    for i, (fan_in, fan_out) in enumerate(shapes):
        w = f"weight_names.W[{i}]"
        table_shape(names["W"][i], w, rows=fan_in, cols=fan_out)
        for r, row in enumerate(names["W"][i]):
            for c, name in enumerate(row):
                text(name, f"{w}[{r}][{c}]", 40)
        b = f"weight_names.b[{i}]"
        if _len_list(names["b"][i], b) != fan_out:
            _fail(
                msg("model.schema", "'{where}' must have {n} names, got {k}"), where=b, n=fan_out, k=len(names["b"][i])
            )
        for c, name in enumerate(names["b"][i]):
            text(name, f"{b}[{c}]", 40)


def _rng(state) -> None:
    obj(state, "rng")
    if state.get("bit_generator") != "PCG64":
        _fail(
            msg("model.schema", "'rng.bit_generator' must be \"PCG64\", got {value}"),
            value=show_value(state.get("bit_generator")),
        )
    inner = obj(state.get("state"), "rng.state")
    for key in ("state", "inc"):
        whole(inner.get(key), f"rng.state.{key}", 0, 2**128 - 1)
    whole(state.get("has_uint32", 0), "rng.has_uint32", 0, 1)
    whole(state.get("uinteger", 0), "rng.uinteger", 0, 2**32 - 1)
    try:
        np.random.Generator(np.random.PCG64()).bit_generator.state = state
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        _fail(
            msg("model.schema", "the saved random generator state 'rng' is invalid: {reason}"),
            reason=str(e).splitlines()[0] if str(e) else type(e).__name__,
        )


def _history_count(h, where: str) -> int:
    """How many values a history list holds: a list of numbers, or a decimated ``Series`` object."""
    if isinstance(h, list):
        vector(h, where, finite=False, max_len=MAX_HISTORY)
        return len(h)
    obj(h, where)
    for key in ("n", "ranges", "buckets", "exact"):
        if key not in h:
            _fail(
                msg(
                    "model.schema",
                    "'{where}' must be a list of numbers, or a decimated history with n, ranges, buckets and exact",
                ),
                where=where,
            )
    n = whole(h["n"], f"{where}.n", 0, MAX_STEP)
    nr, _ = table_shape(h["ranges"], f"{where}.ranges", cols=2, max_cells=MAX_HISTORY) if h["ranges"] else (0, 2)
    if nr:
        r = table_values(h["ranges"], f"{where}.ranges")
        if not np.array_equal(r, np.round(r)) or (r < 0).any() or (r > MAX_STEP).any():
            _fail(
                msg("model.schema", "'{where}.ranges' must hold whole numbers from 0 to {max:,}"),
                where=where,
                max=MAX_STEP,
            )
    if h["buckets"] or nr:
        # (model.series.Series keeps three points per bucket: its minimum, maximum and first NaN)
        table_shape(h["buckets"], f"{where}.buckets", rows=3 * nr, cols=2)
        table_values(h["buckets"], f"{where}.buckets", finite=False)
    exact = vector(h["exact"], f"{where}.exact", finite=False, max_len=MAX_HISTORY)
    if nr and int(r[-1, 1]) + exact.size != n:
        _fail(
            msg("model.schema", "'{where}': its ranges and exact values do not add up to n = {n:,}"), where=where, n=n
        )
    return n


def _history(h) -> None:
    """The recorded curves: lists of numbers (NaN and ±Infinity allowed) or decimated series, each bounded."""
    obj(h, "history")
    for key in _HISTORY_KEYS:
        if key in h:
            _history_count(h[key], f"history.{key}")


# ---------------------------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------------------------
def memory_estimate(
    sizes: Sequence[int], rows: int, batch_size: int | None = None, data_cols: int | None = None
) -> list[tuple[str, int]]:
    """What building and training a session allocates, as ``[(what, bytes), …]``, largest first.

    Parameters
    ----------
    sizes : list of int
        Layer widths ``[d0, …, dL]``.
    rows : int
        Samples in the data set.
    batch_size : int or None
        Rows per step (``None``: all of them).
    data_cols : int or None
        Input and target columns of the data, after one-hot encoding (default ``d0 + dL``).

    Counted: the parameters with their gradients, the optimiser's state, the divergence guard's
    backups and the copies that phase-by-phase stepping and the window show (×12); one step's
    Z, A, f′, δ and the back-propagated products for every layer, for the fast and the phase path
    (×12 per row and unit); one pass of the widest layer over the whole data set and over the output
    view's grid (×3 per row); and the data (×4: its arrays, the trainer's and the file's copies).
    """
    sizes = [int(s) for s in sizes]
    P = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    units = sum(sizes)
    widest = max(sizes)
    step_rows = rows if batch_size is None else min(int(batch_size), rows)
    view_rows = _VIEW_ROWS.get(sizes[0], 0)
    cols = sizes[0] + sizes[-1] if data_cols is None else int(data_cols)
    parts = [
        (
            msg("model.schema", "{n:,} weights and biases with their gradients, optimiser state and copies").format(
                n=P
            ),
            P * 12 * _FLOAT,
        ),
        (
            msg("model.schema", "one training step: {rows:,} rows × {units:,} units").format(
                rows=step_rows, units=units
            ),
            step_rows * units * 12 * _FLOAT,
        ),
        (
            msg("model.schema", "evaluating {rows:,} rows through a layer of {w:,} units").format(
                rows=max(rows, view_rows), w=widest
            ),
            max(rows, view_rows) * widest * 3 * _FLOAT,
        ),
        (
            msg("model.schema", "the data: {rows:,} rows × {cols:,} columns").format(rows=rows, cols=cols),
            rows * cols * 4 * _FLOAT,
        ),
    ]
    return sorted(parts, key=lambda p: -p[1])


def _check_budget(sizes, rows, batch_size, data_cols, budget) -> None:
    parts = memory_estimate(sizes, rows, batch_size, data_cols)
    need = sum(b for _, b in parts)
    if need > budget:
        what, size = parts[0]
        _fail(
            msg(
                "model.schema",
                "this session needs about {need} of memory, {over} more than the {budget} allowed; "
                "the largest part is {what} ({size})",
            ),
            need=human_bytes(need),
            over=human_bytes(need - budget),
            budget=human_bytes(budget),
            what=what,
            size=human_bytes(size),
        )


# ---------------------------------------------------------------------------------------------
# The session
# ---------------------------------------------------------------------------------------------
def validate_session(d: Any, budget: int | None = None) -> None:
    """Refuse (``ValueError``, one line) a session dict that cannot be built, or is too big to build.

    Cheap checks and the memory estimate come first; the numbers of large tables are read last.
    Nothing is allocated beyond the arrays of the tables being checked.
    """
    from .losses import LOSSES, loss_from_dict

    budget = MEMORY_BUDGET if budget is None else budget
    if not isinstance(d, dict):
        _fail(msg("model.schema", "a session file must hold a JSON object, got {value}"), value=show_value(d))
    fmt = d.get("format", FORMAT)
    if fmt != FORMAT:
        _fail(
            msg("model.schema", "unsupported session format {value}; this program reads {fmt}"),
            value=show_value(fmt),
            fmt=repr(FORMAT),
        )
    for key in ("loss", "optimizer", "data"):
        if key not in d:
            _fail(msg("model.schema", "the session has no '{key}' section"), key=key)
    if "network" not in d and "architecture" not in d:
        _fail(msg("model.schema", "the session needs a 'network' (weights) or an 'architecture' (sizes)"))
    if "name" in d:
        text(d["name"], "name")
    if d.get("description") is not None:
        text(d["description"], "description", MAX_TEXT)
    seed = whole(d.get("seed", 0), "seed", 0, MAX_SEED)

    # structure and sizes -------------------------------------------------------------------
    shapes = None
    if "network" in d:
        shapes = _network_shapes(d["network"], "network")
        sizes = _sizes(shapes)
    if d.get("architecture") is not None or "network" not in d:
        arch_sizes, _ = _architecture(d.get("architecture"), seed, "network" in d)
        if shapes is None:
            sizes = arch_sizes
            shapes = list(zip(sizes[:-1], sizes[1:]))
        elif arch_sizes != sizes:
            _fail(
                msg("model.schema", "'architecture.sizes' is {arch} but the network's layers have sizes {net}"),
                arch=arch_sizes,
                net=sizes,
            )
    data = _data(d["data"])
    batch_size = d.get("batch_size")
    if batch_size is not None:
        batch_size = whole(batch_size, "batch_size", 1, MAX_STEP)
    step = whole(d.get("step", 0), "step", 0, MAX_STEP)
    epoch = whole(d.get("epoch", 0), "epoch", 0, MAX_STEP)
    if epoch > step:
        _fail(
            msg(
                "model.schema",
                "'epoch' ({epoch:,}) cannot be more than 'step' ({step:,}): every epoch takes at least one step",
            ),
            epoch=epoch,
            step=step,
        )

    # memory, before anything is built --------------------------------------------------------
    if data["by_value"]:
        cols = data["d"] + max(data["k"], sizes[-1])  # (integer labels become one-hot columns)
    else:
        cols = sizes[0] + max(sizes[-1], data["k"] or 0)
    _check_budget(sizes, data["m"], batch_size, cols, budget)

    # families ----------------------------------------------------------------------------------
    check_family(d["loss"], "loss", LOSSES, "loss", build=loss_from_dict)
    if d.get("report") is not None:
        check_family(d["report"], "report", LOSSES, "loss", build=loss_from_dict)
    param_shapes = [s for fan_in, fan_out in shapes for s in ((fan_in, fan_out), (fan_out,))]
    _optimizer(d["optimizer"], param_shapes)

    # numbers -----------------------------------------------------------------------------------
    if "network" in d:
        _network_values(d["network"], "network")
    arch = d.get("architecture")
    if isinstance(arch, dict) and arch.get("initial_network") is not None:
        _network_values(arch["initial_network"], "architecture.initial_network")
    if data["by_value"]:
        _data_values(d["data"], data, sizes)
    if d.get("weight_names") is not None:
        _weight_names(d["weight_names"], shapes)

    # progress ----------------------------------------------------------------------------------
    m = data["m"]
    if d.get("rng") is not None:
        _rng(d["rng"])
    order = d.get("order")
    if order is not None:
        o = vector(order, "order", max_len=m + 1)
        if o.size != m or not np.array_equal(np.sort(o), np.arange(m)):
            _fail(msg("model.schema", "'order' must be a shuffled list of the sample indices 0 … {last:,}"), last=m - 1)
    if "order_fresh" in d:
        boolean(d["order_fresh"], "order_fresh")
    batch_pos = whole(d.get("batch_pos", 0), "batch_pos", 0, max(0, m - 1))
    if batch_pos and order is None:
        _fail(msg("model.schema", "'batch_pos' is {pos} but the session has no shuffling 'order'"), pos=batch_pos)
    if "epoch_acc" in d:
        acc = d["epoch_acc"]
        vector(acc, "epoch_acc", n=4)
        whole(acc[3], "epoch_acc[3]", 0, m)  # rows counted so far in this epoch
    if d.get("history") is not None:
        _history(d["history"])
