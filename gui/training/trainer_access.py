"""The one place where the training package reads or changes the trainer's private state.

``model.trainer.Trainer`` and ``model.session.Session`` are getting a public ``Progress``,
``abort_step()``, ``current_batch()`` and ``Session.rebuild(changes)``; until they land, this
module reads what it must (``_batch()``, ``_abort_step()``, ``_threshold``) and rebuilds sessions
from their dicts.  Switching to the public API is a change to this file only.  No Qt here.
"""

from __future__ import annotations

import numpy as np

from model.datasets import dataset_from_arrays, dataset_from_dict
from model.session import Session

__all__ = [
    "abort_step",
    "current_batch",
    "decision_threshold",
    "evaluate",
    "history_length",
    "history_since",
    "rebuilt_session",
    "restorable_session",
]

#: session keys that describe progress: dropped when the network is rebuilt, or restarted afresh
PROGRESS_KEYS = ("network", "epoch", "step", "rng", "batch_pos", "order", "order_fresh", "epoch_acc", "history")


# -- the step in progress ---------------------------------------------------------------------------------
def current_batch(trainer) -> tuple[np.ndarray, np.ndarray]:
    """``(X, Y)`` of the step in progress (drawn already: no side effect), or of the next step."""
    public = getattr(trainer, "current_batch", None)
    if callable(public):
        return public()
    return trainer._batch()


def abort_step(trainer) -> None:
    """Drop a phase-by-phase step in progress (its update has not happened, so nothing changes)."""
    if not trainer.in_step:
        return
    public = getattr(trainer, "abort_step", None)
    if callable(public):
        public()
    else:
        trainer._abort_step()


def decision_threshold(trainer) -> float:
    """Where one output column splits the two classes: the loss's own threshold (½, or 0 for hinge scores)."""
    threshold = getattr(trainer.loss, "threshold", None)
    if isinstance(threshold, (int, float)):
        return float(threshold)
    return float(trainer._threshold)


def evaluate(trainer, network, out=None) -> tuple[float, float, float]:
    """``(loss, report, accuracy)`` of ``network`` on the trainer's whole data, by the trainer's own rule.

    ``out``: the network's output on the whole data, if the caller has it already (saves a forward pass).
    """
    if network is trainer.network and out is None:
        return trainer.evaluate()
    X, Y = trainer.X, trainer.Y
    with np.errstate(all="ignore"):
        if out is None:
            out = network.predict(X)
        loss = float(trainer.loss.value(Y, out))
        report = loss if trainer.report is None else float(trainer.report.value(Y, out))
        if Y.shape[1] == 1:
            correct = np.count_nonzero((out[:, 0] > decision_threshold(trainer)) == (Y[:, 0] > 0.5))
        else:
            correct = np.count_nonzero(out.argmax(axis=1) == Y.argmax(axis=1))
    return loss, report, correct / Y.shape[0]


# -- histories --------------------------------------------------------------------------------------------
def history_length(series) -> int:
    """How many values a per-step (or per-epoch) history holds, decimated ones included."""
    return int(series.n)


def history_since(series, start: int) -> tuple[int, np.ndarray]:
    """``(first, values)``: the values from index ``start`` on (a view; from ``first`` ≥ ``start`` if older
    ones were decimated, as ``model.series.Series.since`` does)."""
    since = getattr(series, "since", None)
    if callable(since):
        return since(start)
    start = max(0, int(start))
    return start, series.view()[start : series.n]


# -- sessions ---------------------------------------------------------------------------------------------
def rebuilt_session(session: Session, changes: dict) -> Session:
    """A new session without progress: ``session``'s settings with ``changes`` applied, fresh weights."""
    public = getattr(session, "rebuild", None)
    if callable(public):
        return public(changes)
    d = session.to_dict(with_history=False)
    for key in PROGRESS_KEYS:
        d.pop(key, None)
    opt = dict(d["optimizer"])
    opt.pop("state", None)
    d["optimizer"] = opt
    arch = dict(d["architecture"])
    if "architecture" in changes:
        arch.update(changes["architecture"])
        arch.pop("initial_network", None)
    if "data" in changes:
        data = changes["data"]  # (an object: protocol.changes checked it)
        if "sizes" not in changes.get("architecture", {}):
            # the new data decides the input and output widths unless the sizes are given
            ds = (
                dataset_from_arrays(data["inputs"], data.get("targets"))
                if "inputs" in data and "name" not in data
                else dataset_from_dict(data)
            )
            sizes = list(arch["sizes"])
            if sizes[0] != ds.X.shape[1] or sizes[-1] != ds.Y.shape[1]:
                sizes[0], sizes[-1] = ds.X.shape[1], ds.Y.shape[1]
                arch["sizes"] = sizes
                arch.pop("initial_network", None)
        d["data"] = data
    if arch.get("initial_network"):
        d["network"] = arch["initial_network"]  # explicit initial weights (e.g. worked-example)
    d["architecture"] = arch
    for key in ("loss", "report", "optimizer", "batch_size", "seed", "name", "description"):
        if key in changes:
            d[key] = changes[key]
    return Session.from_dict(d)


def restorable_session(session: dict, values, step: int, epoch: int) -> dict:
    """The session the window shows, for a restarted training process.

    ``session`` is the last ``session_changed`` dict (settings, and the weights when it was sent);
    ``values`` the ``LayerValues`` of the latest live snapshot, at ``step`` and ``epoch``.  The
    weights and settings are the latest the window has; the optimiser's state and the batch order
    start afresh (they never reach the window).
    """
    d = {k: v for k, v in session.items() if k not in PROGRESS_KEYS}
    opt = dict(d["optimizer"])
    opt.pop("state", None)
    d["optimizer"] = opt
    if values:
        d["network"] = {
            "layers": [
                {"weights": np.asarray(lv.W).tolist(), "biases": np.asarray(lv.b).tolist(), "activation": lv.activation}
                for lv in values
            ]
        }
    elif "network" in session:
        d["network"] = session["network"]
    d["step"] = int(step)
    d["epoch"] = int(epoch)
    return d
