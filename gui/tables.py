"""Tables for CSV and JSONL exports: plain Python and numpy, no Qt (File → Export writes them).

A table is ``(header, rows)``: column names (ASCII, as a spreadsheet or pandas reads them) and
rows of numbers, ``None`` for an empty cell.  :func:`csv_text` writes one, with full precision
(``repr`` of a float), non-finite values as ``nan``/``inf`` as numpy and pandas read them.
"""

from __future__ import annotations

import csv
import io
import json
import math

import numpy as np

__all__ = [
    "merge_series",
    "csv_text",
    "history_table",
    "epoch_table",
    "trace_table",
    "jsonl_text",
]


def merge_series(x_name: str, series) -> tuple[list[str], list[tuple]]:
    """One row per x that any series has: ``series`` is ``[(name, xs, ys), …]``; a missing value is ``None``.

    Decimated histories (min and max per bucket) keep their own x, so every drawn point is a row.
    """
    columns: dict[str, dict[float, float]] = {}
    xs_all: set[float] = set()
    for name, xs, ys in series:
        xs = np.asarray(xs, dtype=float).ravel()
        ys = np.asarray(ys, dtype=float).ravel()
        col = dict(zip(xs.tolist(), ys.tolist()))
        columns[name] = col
        xs_all.update(col)
    header = [x_name] + [name for name, _, _ in series]
    rows = []
    for x in sorted(xs_all):
        key = int(x) if float(x).is_integer() else x
        rows.append((key,) + tuple(columns[name].get(x) for name, _, _ in series))
    return header, rows


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    return str(v)


def csv_text(header, rows) -> str:
    """The table as CSV text (comma-separated, a header line, ``\\n`` line ends)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([_cell(v) for v in row])
    return out.getvalue()


def _track_xy(track) -> tuple[np.ndarray, np.ndarray]:
    """A history's ``(index, value)`` points: a :class:`model.series.Series` (``xy``) or a plain growing array."""
    xy = getattr(track, "xy", None)
    if callable(xy):
        return xy()
    values = np.asarray(track.view(), dtype=float)
    return np.arange(values.size, dtype=float), values


def history_table(history, first_step: int = 0) -> tuple[list[str], list[tuple]]:
    """``step,loss,report``: the model's per-step history (``model.trainer.History``).

    ``loss`` is what backprop differentiates, ``report`` the reported loss ("Loss" in the log);
    ``first_step`` is the step of the first value kept (a session saved without its early history).
    """
    lx, ly = _track_xy(history.loss)
    rx, ry = _track_xy(history.report)
    return merge_series("step", [("loss", lx + first_step, ly), ("report", rx + first_step, ry)])


def epoch_table(history, first_epoch: int = 0) -> tuple[list[str], list[tuple]]:
    """``epoch,loss,report,accuracy``: each epoch's mean losses and its accuracy (if tracked)."""
    series = []
    for name, key in (("loss", "epoch_loss"), ("report", "epoch_report"), ("accuracy", "epoch_accuracy")):
        x, y = _track_xy(getattr(history, key))
        series.append((name, x + first_epoch, y))
    return merge_series("epoch", series)


#: The columns of the step trace as CSV: one row per number.
TRACE_COLUMNS = ["step", "phase_index", "phase", "layer", "quantity", "param_layer", "row", "column", "value"]

#: The arrays of each phase kind in a trace record (``model.trace.trace_records``).
_TRACE_ARRAYS = {
    "forward": ("z", "a"),
    "loss": ("loss", "report", "y_pred", "y_true"),
    "delta": ("delta",),
    "gradient": ("dW", "db"),
    "update": ("W", "b", "learning_rate"),
}


def _flatten(value):
    """``(row, column, number)`` for a scalar, a vector or a matrix given as nested lists."""
    if not isinstance(value, list):
        yield None, None, value
        return
    for i, row in enumerate(value):
        if isinstance(row, list):
            for j, v in enumerate(row):
                yield i + 1, j + 1, v
        else:
            yield i + 1, None, row


def trace_table(records) -> tuple[list[str], list[tuple]]:
    """The step trace in long form: one row per number of every phase (rows and columns from 1).

    ``step`` is 1-based as the trace's text says it; ``layer`` is the phase's layer (1 … L) and
    ``param_layer`` the layer of a W or b in the update phase (which lists every layer).
    """
    rows = []
    for rec in records:
        base = (rec["step"] + 1, rec["index"] + 1, rec["phase"], rec.get("layer"))
        for key in _TRACE_ARRAYS.get(rec["phase"], ()):
            if key not in rec:
                continue
            value = rec[key]
            if rec["phase"] == "update" and key in ("W", "b"):
                for k, arr in enumerate(value):
                    for i, j, v in _flatten(arr):
                        rows.append(base + (key, k + 1, i, j, v))
            else:
                for i, j, v in _flatten(value):
                    rows.append(base + (key, None, i, j, v))
    return list(TRACE_COLUMNS), rows


def jsonl_text(records) -> str:
    """One JSON object per line (non-finite numbers are ``null`` in the records already)."""
    return "".join(json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n" for rec in records)
