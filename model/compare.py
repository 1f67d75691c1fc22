"""Side by side: one initial network trained under two settings that differ in one thing.

A :class:`Comparison` builds two sessions from one session dict: the same initial weights, the
same data, the same seed (so the same order of mini-batches), and one setting ``kind`` set to
``a`` on one side and ``b`` on the other.  Each side is an ordinary
:class:`~model.session.Session` trained by its own :class:`~model.trainer.Trainer`, so a side's
numbers are bit for bit those of that session trained alone.

The settings that can differ (:data:`KINDS`):

* ``loss``: a loss dict, e.g. ``{"name": "huber", "delta": 1.0}``;
* ``optimizer``: a registry name (``"sgd"``, ``"adam"`` …), the learning rate kept, or a whole
  optimizer dict;
* ``learning_rate``: γ, a number > 0;
* ``activation``: the activation of every hidden layer (the output layer keeps its own);
* ``batch_size``: a whole number, or ``None`` for full-batch training.

No Qt here; :mod:`gui.compare_window` runs a comparison off the GUI thread.
"""

from __future__ import annotations

import copy
import math
from typing import Any

from .activations import ACTIVATIONS, get_activation
from .losses import LOSSES, loss_from_dict
from .optimizers import OPTIMIZERS, optimizer_from_dict
from .presets import Suggestion
from .session import Session
from .text import Message, msg, param_text, retranslate

__all__ = ["KINDS", "Comparison", "Suggestion", "apply_setting", "current_setting", "kinds_for", "setting_label"]

#: What may differ between the two sides, in the order the GUI offers them.
KINDS = ("loss", "optimizer", "learning_rate", "activation", "batch_size")

KIND_LABELS: dict[str, Message] = {
    "loss": msg("model.compare", "Loss function"),
    "optimizer": msg("model.compare", "Optimizer"),
    "learning_rate": msg("model.compare", "Learning rate"),
    "activation": msg("model.compare", "Hidden activation"),
    "batch_size": msg("model.compare", "Batch size"),
}


def _check_kind(kind) -> str:
    if kind not in KINDS:
        raise ValueError(
            msg("model.compare", "cannot compare {kind!r}; choose one of: {kinds}").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    return kind


def _layers(d: dict) -> list[dict]:
    return d["network"]["layers"]


def kinds_for(d: dict) -> list[str]:
    """The kinds that can differ for session dict ``d`` (a hidden activation needs a hidden layer)."""
    arch = d.get("architecture") or {}
    sizes = arch.get("sizes") or [None] * (len(d.get("network", {}).get("layers", [])) + 1)
    return [k for k in KINDS if k != "activation" or len(sizes) > 2]


def current_setting(d: dict, kind: str) -> Any:
    """The value of ``kind`` in session dict ``d`` (what a side shows before the user changes it)."""
    _check_kind(kind)
    if kind == "loss":
        return dict(d["loss"])
    if kind == "optimizer":
        return d["optimizer"]["name"]
    if kind == "learning_rate":
        return float(d["optimizer"].get("learning_rate", 0.1))
    if kind == "batch_size":
        return d.get("batch_size")
    if "network" in d:
        return _layers(d)[0]["activation"]
    return d["architecture"]["activations"][0]


def apply_setting(d: dict, kind: str, value: Any) -> dict:
    """A copy of session dict ``d`` with ``kind`` set to ``value``; ``ValueError`` (one line) if it cannot be."""
    _check_kind(kind)
    d = copy.deepcopy(d)
    if kind == "loss":
        if isinstance(value, str):
            value = {"name": value}
        loss = loss_from_dict(value)
        if "network" in d:
            output = _layers(d)[-1]
            activation, n_out = output["activation"], len(output["biases"])
        else:
            activation, n_out = d["architecture"]["activations"][-1], int(d["architecture"]["sizes"][-1])
        problem = loss.check_output(activation, n_out)
        if problem:
            raise ValueError(problem)
        d["loss"] = loss.to_dict()
        if not d.get("report"):
            d.pop("report", None)
    elif kind == "optimizer":
        old = d["optimizer"]
        if isinstance(value, str):
            value = {"name": value, "learning_rate": old.get("learning_rate", 0.1)}
        optimizer_from_dict(value)  # checks the name and the parameters
        new = dict(value)
        if "schedule" in old and "schedule" not in new:
            new["schedule"] = old["schedule"]
        d["optimizer"] = new
    elif kind == "learning_rate":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
            raise ValueError(
                msg("model.compare", "the learning rate must be a number > 0, got {value!r}").format(value=value)
            )
        d["optimizer"] = {**d["optimizer"], "learning_rate": float(value)}
    elif kind == "batch_size":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ValueError(
                msg("model.compare", "the batch size must be a whole number ≥ 1 or full batch, got {value!r}").format(
                    value=value
                )
            )
        d["batch_size"] = value
    else:
        act = get_activation(value)
        if not act.elementwise:
            raise ValueError(
                msg("model.compare", "{name} cannot be the activation of a hidden layer").format(name=act.label)
            )
        if "network" in d:
            layers = _layers(d)
            if len(layers) < 2:
                raise ValueError(msg("model.compare", "this network has no hidden layer"))
            for layer in layers[:-1]:
                layer["activation"] = value
        if d.get("architecture"):
            acts = list(d["architecture"]["activations"])
            d["architecture"] = {**d["architecture"], "activations": [value] * (len(acts) - 1) + acts[-1:]}
            d["architecture"].pop("initial_network", None)
    return d


def setting_label(kind: str, value: Any) -> Message:
    """The setting in a few words, for a legend: ``Huber loss (δ = 1)``, ``Adam``, ``γ = 0.1``, ``ReLU`` …"""
    _check_kind(kind)
    if kind == "loss":
        if isinstance(value, str):
            value = {"name": value}
        cls = LOSSES.get(value.get("name"))
        if cls is None:
            return msg("model.compare", "{text}").format(text=str(value.get("name")))
        symbols = {spec.name: spec.label.split(" ")[0] for spec in cls.PARAMS}
        params = [
            f"{symbols.get(k, k)} = {param_text(v)}"
            for k, v in value.items()
            if k in symbols and isinstance(v, (int, float)) and not isinstance(v, bool)
        ]
        if value.get("half"):
            params.insert(0, "½")
        if params:  # the loss's name with the values (its label's symbols give way to them)
            return msg("model.compare", "{name} ({params})").format(
                name=cls._title or cls.label, params=", ".join(params)
            )
        return msg("model.compare", "{text}").format(text=cls.label)  # (the loss's own label, translated with it)
    if kind == "optimizer":
        name = value if isinstance(value, str) else value.get("name")
        cls = OPTIMIZERS.get(name)
        return msg("model.compare", "{text}").format(text=str(retranslate(cls.label)) if cls is not None else str(name))
    if kind == "learning_rate":
        return msg("model.compare", "γ = {lr:g}").format(lr=value)
    if kind == "batch_size":
        if value is None:
            return msg("model.compare", "full batch")
        return msg("model.compare", "batch of {n}").format(n=value)
    act = ACTIVATIONS.get(value)
    return msg("model.compare", "{text} hidden layers").format(
        text=str(retranslate(act.label)) if act is not None else str(value)
    )


class Comparison:
    """Two sessions from one session dict: the same initial network and data, ``kind`` set to ``a`` and ``b``.

    ``base`` is a session dict (a preset's, or :meth:`Session.settings_dict`).  Its initial weights
    are made once and written into both sides, so a setting that would re-initialise the weights
    (a hidden activation) changes only what it names.  ``ValueError`` (one line) for a setting that
    cannot be built; nothing is changed then.
    """

    def __init__(self, base: dict, kind: str, a: Any, b: Any) -> None:
        _check_kind(kind)
        start = Session.from_dict(copy.deepcopy(base)).settings_dict()
        if "network" not in start:
            start["network"] = Session.from_dict(copy.deepcopy(start)).trainer.network.to_dict()
        self.base = start
        self.kind = kind
        self.values = [a, b]
        self.dicts = [apply_setting(start, kind, a), apply_setting(start, kind, b)]
        self.sessions = [Session.from_dict(copy.deepcopy(d)) for d in self.dicts]

    @property
    def trainers(self) -> list:
        return [s.trainer for s in self.sessions]

    def labels(self) -> list[Message]:
        return [setting_label(self.kind, v) for v in self.values]

    def set_side(self, i: int, value: Any) -> None:
        """Side ``i`` (0 or 1) gets ``value`` and starts again from the initial weights; the other is untouched."""
        d = apply_setting(self.base, self.kind, value)
        session = Session.from_dict(copy.deepcopy(d))
        self.values[i], self.dicts[i], self.sessions[i] = value, d, session

    def reset(self) -> None:
        """Both sides back to the initial weights and step 0."""
        self.sessions = [Session.from_dict(copy.deepcopy(d)) for d in self.dicts]

    def stopped(self, i: int) -> bool:
        """True once side ``i`` has diverged (it stays where the guard left it until reset)."""
        return self.sessions[i].trainer.diverged is not None

    def run_steps(self, n: int) -> int:
        """Up to ``n`` steps on each side that has not diverged; returns the most steps either side took."""
        done = 0
        for i, t in enumerate(self.trainers):
            if not self.stopped(i):
                done = max(done, t.run_steps(n))
        return done

    def steps(self) -> tuple[int, int]:
        return tuple(t.step for t in self.trainers)
