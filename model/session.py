"""Session files (format ``"backprop-studio/1"``, JSON) and the :class:`Session` that binds a
trainer to its data set and architecture.

A session holds what is trained (``network`` or ``architecture``), on what (``data``), how
(``loss``, ``report``, ``optimizer`` with its learning-rate ``schedule``, ``batch_size``,
``seed``, and per layer whether its biases train) and how far it got (``epoch``, ``step``, the
shuffling generator's state, ``history``).  Only ``network`` (or ``architecture``), ``loss``,
``optimizer`` and ``data`` are required; the rest has defaults.  Floats are written with
``repr``, so save + load resumes training bit for bit: weights, optimiser state, generator
state and progress are exact.  The ``history`` (the loss curves) is exact for its recent part;
a long one is saved decimated, older values as the min and max of their bucket
(:meth:`model.series.Series.to_json`).

A session may carry the published names of its weights (``weight_names``: ``{"W": [per layer,
fan_in × fan_out nested lists of str], "b": [per layer, lists of str]}``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .datasets import Dataset, dataset_from_arrays, dataset_from_dict
from .files import read_bytes, write_atomic
from .losses import loss_from_dict
from .network import Network
from .optimizers import optimizer_from_dict
from .schedules import schedule_from_dict
from .schema import FORMAT, validate_session
from .text import msg
from .trainer import History, Progress, Trainer

__all__ = ["FORMAT", "PROGRESS_KEYS", "REBUILD_KEYS", "Session", "load_session", "save_session", "without_progress"]

#: A session file larger than this is refused before it is read (bytes).
MAX_FILE_BYTES = 200_000_000


#: The session keys that :meth:`Session.rebuild` may replace.
REBUILD_KEYS = ("architecture", "data", "loss", "report", "optimizer", "batch_size", "seed", "name", "description")
#: The session keys that say how far training got (dropped by a new session without progress).
PROGRESS_KEYS = ("network", "epoch", "step", "rng", "batch_pos", "order", "order_fresh", "epoch_acc", "history")


@dataclass
class Session:
    """A trainer plus what it was built from: its data set and its architecture."""

    trainer: Trainer
    dataset: Dataset
    architecture: dict
    name: str = "custom"
    description: str = ""
    extra: dict = field(default_factory=dict)
    #: the published names of the weights (see the module docstring), or None
    weight_names: dict | None = None

    # building -----------------------------------------------------------------
    @classmethod
    def from_dict(cls, d: dict) -> Session:
        """Build a session from a session dict; ``ValueError`` (one line) if :mod:`model.schema` refuses it.

        The schema checks every key, type and range first (one place for the rules of a session
        file), so what follows only builds.
        """
        validate_session(d)
        dataset = _dataset(d["data"])
        seed = int(d.get("seed", 0))
        if "network" in d:
            network = Network.from_dict(d["network"])
            arch = d.get("architecture") or {
                "sizes": network.sizes,
                "activations": network.activations,
                "init": "xavier",
                "init_seed": seed,
            }
        else:
            arch = _architecture(d["architecture"], seed)
            network = Network.from_sizes(arch["sizes"], arch["activations"], arch["init"], arch["init_seed"])
        arch = dict(arch)
        arch["sizes"] = [int(s) for s in arch["sizes"]]
        if arch.get("initial_network") is None and "network" in d and "architecture" not in d:
            # a file with explicit weights resets to exactly those weights
            arch["initial_network"] = network.to_dict()
        if "train_biases" in arch:
            _set_train_biases(network, arch["train_biases"])
        arch["train_biases"] = [layer.train_bias for layer in network.layers]

        loss = _section(loss_from_dict, d["loss"], "loss")
        report = _section(loss_from_dict, d["report"], "report") if d.get("report") else None
        opt_spec = d["optimizer"]
        schedule = None
        if isinstance(opt_spec, dict) and "schedule" in opt_spec:
            opt_spec = dict(opt_spec)
            schedule = _section(schedule_from_dict, opt_spec.pop("schedule") or {"name": "constant"}, "schedule")
        optimizer = _section(lambda x: optimizer_from_dict(x, network.param_shapes()), opt_spec, "optimizer")
        batch_size = d.get("batch_size")
        trainer = Trainer(
            network,
            loss,
            optimizer,
            dataset.X,
            dataset.Y,
            batch_size=None if batch_size is None else int(batch_size),
            seed=seed,
            report=report,
            schedule=schedule,
        )
        step = int(d.get("step", 0))
        epoch = int(d.get("epoch", 0))
        if "rng" in d:
            try:
                trainer.rng.bit_generator.state = d["rng"]
            except (TypeError, ValueError, KeyError) as e:
                raise ValueError(f"the saved random generator state is invalid: {e}") from None
        order = d.get("order")  # (a list, or a tuple or an array in a session dict built in memory)
        acc = d.get("epoch_acc", (0.0, 0.0, 0.0, 0))
        trainer.set_progress(
            Progress(
                step,
                epoch,
                int(d.get("batch_pos", 0)),
                None if order is None else np.array(order, dtype=np.int64),
                bool(d.get("order_fresh", False)) and order is not None,
                float(acc[0]),
                float(acc[1]),
                float(acc[2]),
                int(acc[3]),
            )
        )
        if "history" in d:
            trainer.history = _history(d["history"], trainer.step)
        names = _weight_names(d.get("weight_names"))
        return cls(trainer, dataset, arch, d.get("name", "custom"), d.get("description", ""), weight_names=names)

    @classmethod
    def from_preset(cls, name: str, **overrides: Any) -> Session:
        from .presets import get_preset

        d = get_preset(name).session_dict()
        d.update(overrides)
        return cls.from_dict(d)

    def to_dict(self, with_history: bool = True) -> dict:
        t = self.trainer
        arch = {k: v for k, v in self.architecture.items()}
        arch["train_biases"] = list(t.train_biases)
        optimizer = t.optimizer.to_dict(with_state=True)
        if t.schedule.varies:
            optimizer["schedule"] = t.schedule.to_dict()
        p = t.progress
        d = {
            "format": FORMAT,
            "name": self.name,
            "description": self.description,
            "architecture": arch,
            "network": t.network.to_dict(),
            "loss": t.loss.to_dict(),
            "report": None if t.report is None else t.report.to_dict(),
            "optimizer": optimizer,
            "data": self.dataset.to_dict(),
            "batch_size": t.batch_size,
            "seed": t.seed,
            "epoch": p.epoch,
            "step": p.step,
            "rng": t.rng.bit_generator.state,
            "batch_pos": p.batch_pos,
            "order": None if p.order is None else p.order.tolist(),
            "order_fresh": p.order_fresh,
            "epoch_acc": [p.epoch_sum, p.epoch_loss_sum, p.epoch_correct, p.epoch_count],
        }
        if self.weight_names is not None:
            d["weight_names"] = self.weight_names
        if with_history:
            d["history"] = _completed_steps(t.history.to_dict(), _pending_losses(t))
        return d

    def save(self, path: str | os.PathLike, with_history: bool = True) -> None:
        save_session(path, self, with_history)

    @classmethod
    def load(cls, path: str | os.PathLike) -> Session:
        return load_session(path)

    def settings_dict(self) -> dict:
        """This session without its progress: a new session starts from it.

        What is trained, on what and how, with the initial weights (the explicit ones a file
        gave, or none: the architecture's seed makes them) and a fresh optimiser; no counters,
        generator state or history.
        """
        d = without_progress(self.to_dict(with_history=False))
        if self.architecture.get("initial_network"):
            d["network"] = self.architecture["initial_network"]  # explicit initial weights (e.g. worked-example)
        return d

    def reset(self) -> Session:
        """A fresh session: the same architecture, data, loss and optimiser settings, re-initialised weights."""
        return Session.from_dict(self.settings_dict())

    def rebuild(self, changes: dict) -> Session:
        """A new session without progress, with some settings replaced.

        ``changes`` maps keys of :data:`REBUILD_KEYS` to new values; ``architecture`` is merged
        into the current one (new sizes or activations re-initialise the weights from its
        seed).  New ``data`` sets the input and output widths unless the sizes are given too.
        ``ValueError`` (and nothing changes) for anything that cannot be built.
        """
        if not isinstance(changes, dict):
            raise ValueError(
                msg(
                    "model.session", 'the changes must be an object such as {{"architecture": {{...}}}}, got {kind}'
                ).format(kind=type(changes).__name__)
            )
        for key in changes:
            if key not in REBUILD_KEYS:
                raise ValueError(
                    msg("model.session", "cannot rebuild with {key!r}; the keys are: {keys}").format(
                        key=key, keys=", ".join(REBUILD_KEYS)
                    )
                )
        d = self.settings_dict()
        d.pop("network", None)
        arch = dict(d["architecture"])
        if "architecture" in changes:
            new = changes["architecture"]
            if not isinstance(new, dict):
                raise ValueError(
                    msg("model.session", "the {what} must be an object, got {kind}").format(
                        what="architecture", kind=type(new).__name__
                    )
                )
            if any(k in new for k in ("sizes", "activations", "init", "init_seed")):
                arch.pop("initial_network", None)
                d.pop("weight_names", None)
            if "sizes" in new and "train_biases" not in new:
                arch.pop("train_biases", None)
            arch.update(new)
        if "data" in changes:
            data = changes["data"]
            if not isinstance(data, dict):
                raise ValueError(
                    msg("model.session", "the {what} must be an object with a 'name', got {kind}").format(
                        what="data", kind=type(data).__name__
                    )
                )
            if "sizes" not in changes.get("architecture", {}):
                # the new data decides the input and output widths unless the sizes are given
                ds = _dataset(data)
                sizes = list(arch["sizes"])
                if sizes[0] != ds.X.shape[1] or sizes[-1] != ds.Y.shape[1]:
                    sizes[0], sizes[-1] = ds.X.shape[1], ds.Y.shape[1]
                    arch["sizes"] = sizes
                    arch.pop("initial_network", None)
                    d.pop("weight_names", None)
            d["data"] = data
        if arch.get("initial_network"):
            d["network"] = arch["initial_network"]
        d["architecture"] = arch
        for key in ("loss", "report", "optimizer", "batch_size", "seed", "name", "description"):
            if key in changes:
                d[key] = changes[key]
        return Session.from_dict(d)


def without_progress(d: dict) -> dict:
    """A session dict without its progress (the keys of :data:`PROGRESS_KEYS`) and with a fresh optimiser.

    The one place that says what a new session without progress keeps; ``d`` is not changed.
    """
    out = {k: v for k, v in d.items() if k not in PROGRESS_KEYS}
    opt = dict(out["optimizer"])
    opt.pop("state", None)
    out["optimizer"] = opt
    return out


def _dataset(spec) -> Dataset:
    if not isinstance(spec, dict):
        raise ValueError("'data' must be an object: a named data set or inputs and targets")
    if "inputs" in spec and "name" not in spec:
        return dataset_from_arrays(spec["inputs"], spec["targets"] if "targets" in spec else _missing("data.targets"))
    return dataset_from_dict(spec)


def _missing(what):
    raise ValueError(f"the session has no {what!r}")


def _architecture(a, seed):
    out = {
        "sizes": [int(s) for s in a["sizes"]],
        "activations": a["activations"],
        "init": a.get("init", "xavier"),
        "init_seed": int(a.get("init_seed", seed)),
    }
    if "train_biases" in a:
        out["train_biases"] = a["train_biases"]
    return out


def _section(fn, value, what):
    try:
        return fn(value)
    except (TypeError, KeyError) as e:
        raise ValueError(f"'{what}' is malformed: {e}") from None


def _history(h, step: int) -> History:
    """The history of a file: plain lists of numbers, or a long series saved decimated (see
    :meth:`model.series.Series.to_json`).  A loss recorded for the step in progress (a file saved
    mid-phase by an older version) is dropped: that step runs again after loading and records it again."""
    pending = int(_count(h.get("loss", [])) == step + 1)  # (a history may be longer: one kept from elsewhere)
    try:
        return History.from_dict(_completed_steps(h, pending))
    except ValueError as e:
        raise ValueError(msg("model.session", "'history' is malformed: {error}").format(error=e)) from None


def _set_train_biases(network: Network, flags) -> None:
    for layer, f in zip(network.layers, flags):
        layer.train_bias = bool(f)


def _weight_names(names) -> dict | None:
    """``{"W": [...], "b": [...]}`` (copies; the schema checked them against the network's shapes), or None."""
    if names is None:
        return None
    return {"W": [[list(row) for row in wl] for wl in names["W"]], "b": [list(bl) for bl in names["b"]]}


def _count(values) -> int:
    """Values in a history list: a plain list, or a decimated series' ``n``."""
    return values.get("n", 0) if isinstance(values, dict) else len(values)


def _pending_losses(t: Trainer) -> int:
    """1 while a phase-by-phase step has passed its loss phase: its loss is recorded, its step not counted."""
    return int(t.in_step and any(p.kind == "loss" and not p.values.get("diverged") for p in t.current_phases))


def _completed_steps(h: dict, pending: int) -> dict:
    """``h`` without the last ``pending`` per-step values (``loss``, ``report``): only completed steps.

    A step saved part-way through is saved as not taken (its weights are not updated yet), so the
    loss of its loss phase must not be saved either: the step runs again after loading.
    """
    if not pending:
        return h
    h = dict(h)
    for key in ("loss", "report"):
        values = h.get(key)
        if isinstance(values, list):
            h[key] = values[: max(0, len(values) - pending)]
        elif isinstance(values, dict) and isinstance(values.get("exact"), list):  # a decimated Series
            exact = values["exact"]
            cut = min(pending, len(exact))
            h[key] = {**values, "n": values["n"] - cut, "exact": exact[: len(exact) - cut]}
    return h


def _json_default(o):
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    raise TypeError(f"cannot save {type(o).__name__}")


def save_session(path: str | os.PathLike, session: Session, with_history: bool = True) -> None:
    """Write the session as JSON, atomically (:func:`model.files.write_atomic`).

    What is written is first checked as a file being loaded would be, so a saved file always
    loads; a failure (one line, ``ValueError``) leaves any existing file untouched.
    """
    d = session.to_dict(with_history)
    try:
        validate_session(d)
    except ValueError as e:
        raise ValueError(msg("model.session", "cannot save this session: {reason}").format(reason=e)) from None
    text = json.dumps(d, default=_json_default, allow_nan=True)
    write_atomic(path, text)


def load_session(path: str | os.PathLike) -> Session:
    """Read a session file; ``ValueError`` with one line for anything unreadable, malformed or too big."""
    data = read_bytes(path, MAX_FILE_BYTES, msg("model.session", "session file"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(msg("model.session", "{path} is not a UTF-8 text file").format(path=path)) from None
    del data
    try:
        d = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(
            msg("model.session", "{path} is not valid JSON (line {line}, column {col}: {reason})").format(
                path=path, line=e.lineno, col=e.colno, reason=e.msg
            )
        ) from None
    except RecursionError:
        raise ValueError(
            msg("model.session", "{path} is nested too deeply to be a session file").format(path=path)
        ) from None
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        raise ValueError(msg("model.session", "{path} cannot be read: {reason}").format(path=path, reason=e)) from None
    return Session.from_dict(d)
