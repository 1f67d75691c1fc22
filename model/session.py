"""Session files (format ``"backprop-studio/1"``, JSON) and the :class:`Session` that binds a
trainer to its data set and architecture.

A session holds what is trained (``network`` or ``architecture``), on what (``data``), how
(``loss``, ``report``, ``optimizer``, ``batch_size``, ``seed``) and how far it got (``epoch``,
``step``, the shuffling generator's state, ``history``).  Only ``network`` (or
``architecture``), ``loss``, ``optimizer`` and ``data`` are required; the rest has defaults.
Floats are written with ``repr``, so save + load resumes training bit for bit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from .datasets import Dataset, dataset_from_arrays, dataset_from_dict
from .losses import loss_from_dict
from .network import Network
from .optimizers import optimizer_from_dict
from .trainer import History, Trainer

__all__ = ["FORMAT", "Session", "load_session", "save_session"]

FORMAT = "backprop-studio/1"


@dataclass
class Session:
    """A trainer plus what it was built from: its data set and its architecture."""

    trainer: Trainer
    dataset: Dataset
    architecture: dict
    name: str = "custom"
    description: str = ""
    extra: dict = field(default_factory=dict)

    # building -----------------------------------------------------------------
    @classmethod
    def from_dict(cls, d: dict) -> Session:
        if not isinstance(d, dict):
            raise ValueError("a session file must hold a JSON object")
        fmt = d.get("format", FORMAT)
        if fmt != FORMAT:
            raise ValueError(f"unsupported session format {fmt!r}; this program reads {FORMAT!r}")
        for key in ("loss", "optimizer", "data"):
            if key not in d:
                raise ValueError(f"the session has no {key!r} section")
        if "network" not in d and "architecture" not in d:
            raise ValueError("the session needs a 'network' (weights) or an 'architecture' (sizes)")

        dataset = _dataset(d["data"])
        seed = _int(d.get("seed", 0), "seed")
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

        loss = _section(loss_from_dict, d["loss"], "loss")
        report = _section(loss_from_dict, d["report"], "report") if d.get("report") else None
        optimizer = _section(lambda x: optimizer_from_dict(x, network.param_shapes()), d["optimizer"], "optimizer")
        batch_size = d.get("batch_size")
        trainer = Trainer(
            network,
            loss,
            optimizer,
            dataset.X,
            dataset.Y,
            batch_size=None if batch_size is None else _int(batch_size, "batch_size"),
            seed=seed,
            report=report,
        )
        m = dataset.X.shape[0]
        trainer.step = _int(d.get("step", 0), "step", 0)
        trainer.epoch = _int(d.get("epoch", 0), "epoch", 0)
        if "rng" in d:
            try:
                trainer.rng.bit_generator.state = d["rng"]
            except (TypeError, ValueError, KeyError) as e:
                raise ValueError(f"the saved random generator state is invalid: {e}") from None
        if d.get("order") is not None:
            order = d["order"]
            if not (isinstance(order, list) and all(_is_int(i) for i in order) and sorted(order) == list(range(m))):
                raise ValueError(f"'order' must be a shuffled list of the sample indices 0 … {m - 1}")
            trainer._order = np.array(order, dtype=np.int64)
        trainer._order_fresh = bool(d.get("order_fresh", False)) and trainer._order is not None
        trainer._batch_pos = _int(d.get("batch_pos", 0), "batch_pos", 0)
        if trainer._batch_pos >= m or (trainer._batch_pos and trainer._order is None):
            raise ValueError(
                f"'batch_pos' must be the start of a batch within the {m} samples, got {trainer._batch_pos}"
            )
        if "epoch_acc" in d:
            acc = d["epoch_acc"]
            if not (isinstance(acc, list) and len(acc) == 4 and all(_is_number(v) for v in acc)):
                raise ValueError("'epoch_acc' must be a list of 4 numbers")
            trainer._epoch_sum, trainer._epoch_loss_sum, trainer._epoch_correct, trainer._epoch_count = (
                float(v) for v in acc
            )
        if "history" in d:
            trainer.history = _history(d["history"])
        return cls(trainer, dataset, arch, d.get("name", "custom"), d.get("description", ""))

    @classmethod
    def from_preset(cls, name: str, **overrides) -> Session:
        from .presets import get_preset

        d = get_preset(name).session_dict()
        d.update(overrides)
        return cls.from_dict(d)

    def to_dict(self, with_history=True) -> dict:
        t = self.trainer
        arch = {k: v for k, v in self.architecture.items()}
        d = {
            "format": FORMAT,
            "name": self.name,
            "description": self.description,
            "architecture": arch,
            "network": t.network.to_dict(),
            "loss": t.loss.to_dict(),
            "report": None if t.report is None else t.report.to_dict(),
            "optimizer": t.optimizer.to_dict(with_state=True),
            "data": self.dataset.to_dict(),
            "batch_size": t.batch_size,
            "seed": t.seed,
            "epoch": t.epoch,
            "step": t.step,
            "rng": t.rng.bit_generator.state,
            "batch_pos": t._batch_pos,
            "order": None if t._order is None else t._order.tolist(),
            "order_fresh": t._order_fresh,
            "epoch_acc": [t._epoch_sum, t._epoch_loss_sum, t._epoch_correct, t._epoch_count],
        }
        if with_history:
            d["history"] = t.history.to_dict()
        return d

    def save(self, path, with_history=True):
        save_session(path, self, with_history)

    @classmethod
    def load(cls, path) -> Session:
        return load_session(path)

    def reset(self) -> Session:
        """A fresh session: the same architecture, data, loss and optimiser settings, re-initialised weights."""
        d = self.to_dict(with_history=False)
        for key in ("network", "epoch", "step", "rng", "batch_pos", "order", "order_fresh", "epoch_acc"):
            d.pop(key, None)
        opt = dict(d["optimizer"])
        opt.pop("state", None)
        d["optimizer"] = opt
        if self.architecture.get("initial_network"):
            d["network"] = self.architecture["initial_network"]
        return Session.from_dict(d)


def _dataset(spec) -> Dataset:
    if not isinstance(spec, dict):
        raise ValueError("'data' must be an object: a named data set or inputs and targets")
    if "inputs" in spec and "name" not in spec:
        return dataset_from_arrays(spec["inputs"], spec["targets"] if "targets" in spec else _missing("data.targets"))
    return dataset_from_dict(spec)


def _missing(what):
    raise ValueError(f"the session has no {what!r}")


def _architecture(a, seed):
    try:
        sizes = [int(s) for s in a["sizes"]]
        acts = a["activations"]
    except (KeyError, TypeError, ValueError):
        raise ValueError("'architecture' needs 'sizes' (a list of layer sizes) and 'activations'") from None
    return {
        "sizes": sizes,
        "activations": acts,
        "init": a.get("init", "xavier"),
        "init_seed": int(a.get("init_seed", seed)),
    }


def _section(fn, value, what):
    if not isinstance(value, dict):
        raise ValueError(f"'{what}' must be an object with a 'name'")
    try:
        return fn(value)
    except (TypeError, KeyError) as e:
        raise ValueError(f"'{what}' is malformed: {e}") from None


def _int(v, what, minimum=None):
    if not _is_int(v):
        raise ValueError(f"'{what}' must be a whole number, got {v!r}")
    if minimum is not None and v < minimum:
        raise ValueError(f"'{what}' must be at least {minimum}, got {int(v)}")
    return int(v)


def _is_int(v):
    return not isinstance(v, bool) and (isinstance(v, int) or (isinstance(v, float) and v.is_integer()))


def _is_number(v):
    return not isinstance(v, bool) and isinstance(v, (int, float))


def _history(h) -> History:
    keys = ("loss", "report", "epoch_loss", "epoch_report", "epoch_accuracy")
    if not isinstance(h, dict) or not all(
        isinstance(h.get(k, []), list) and all(_is_number(v) for v in h.get(k, [])) for k in keys
    ):
        raise ValueError("'history' must be an object of number lists (loss, report, epoch_loss, …)")
    return History.from_dict(h)


def _json_default(o):
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    raise TypeError(f"cannot save {type(o).__name__}")


def save_session(path, session: Session, with_history=True):
    d = session.to_dict(with_history)
    text = json.dumps(d, default=_json_default, allow_nan=True)
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise ValueError(f"cannot write {path}: {e.strerror or e}") from None


def load_session(path) -> Session:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise ValueError(f"cannot read {path}: {e.strerror or e}") from None
    try:
        d = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"{path} is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    return Session.from_dict(d)
