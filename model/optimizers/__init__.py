"""Optimizers in PyTorch's conventions and spelling, one class per file; each updates the parameter arrays in place.

* ``sgd``:      w ← w − γ·g
* ``momentum``: v ← μ·v + g ;  w ← w − γ·v   (``nesterov``: w ← w − γ·(g + μ·v))
* ``adam``:     m ← β₁m + (1−β₁)g ;  v ← β₂v + (1−β₂)g² ;  w ← w − γ · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
* ``rmsprop``:  v ← αv + (1−α)g² ;  w ← w − γ·g / (√v + ε)

The state (velocities, moments, t) is part of a saved session.  Each optimizer also writes its own
update of one weight with the numbers, for the inspector (:meth:`Optimizer.update_lines`).

Adding an optimizer: one class in one file (subclass :class:`Optimizer`), and its name in
``_CLASSES`` below; the GUI's optimizer choice and fields, the command line and session files
read the registry.
"""

from __future__ import annotations

from typing import Any

from ..text import msg
from .adam import Adam
from .base import Optimizer, WeightUpdate, check_lr
from .momentum import Momentum
from .nesterov import Nesterov
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = [
    "Optimizer",
    "WeightUpdate",
    "OPTIMIZERS",
    "OPTIMIZER_CLASSES",
    "make_optimizer",
    "optimizer_from_dict",
    "optimizer_names",
    "SGD",
    "Momentum",
    "Nesterov",
    "Adam",
    "RMSprop",
]

#: Every optimizer class, variants included (Nesterov is ``momentum`` with ``nesterov=True``).
_CLASSES: tuple[type[Optimizer], ...] = (SGD, Momentum, Nesterov, Adam, RMSprop)
OPTIMIZER_CLASSES = _CLASSES
#: Registry name → class, in the order the GUI offers them; a variant is reached through its base.
OPTIMIZERS: dict[str, type[Optimizer]] = {c.name: c for c in _CLASSES if c.switch is None}

_check_lr = check_lr  # (the trainer's name for it)


def optimizer_names() -> list[str]:
    """Registry names, in the GUI's order."""
    return list(OPTIMIZERS)


def make_optimizer(name: str, learning_rate: float = 0.1, **params: Any) -> Optimizer:
    """The optimizer registered as ``name`` (a variant if its switch is on); ``ValueError`` for bad input."""
    if not isinstance(name, str) or name not in OPTIMIZERS:
        raise ValueError(
            msg("model.optimizers", "unknown optimizer {name}; choose one of: {names}").format(
                name=repr(name), names=", ".join(OPTIMIZERS)
            )
        )
    return OPTIMIZERS[name](learning_rate, **params)


def optimizer_from_dict(d: dict, shapes: list | None = None) -> Optimizer:
    """Rebuild an optimizer from :meth:`Optimizer.to_dict` output (with its state when present)."""
    if not isinstance(d, dict):
        raise ValueError(msg("model.optimizers", "the optimizer must be an object with a 'name'"))
    d = dict(d)
    try:
        name = d.pop("name")
    except KeyError:
        raise ValueError(msg("model.optimizers", "the optimizer needs a 'name'")) from None
    state = d.pop("state", None)
    opt = make_optimizer(name, **d)
    if state:
        opt.set_state(state, shapes)
    return opt
