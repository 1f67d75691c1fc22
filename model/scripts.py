"""What an exported script writes for each member of a family (see :mod:`model.export`).

Each activation, loss, optimizer and schedule carries its own snippet as its ``script`` class
attribute, beside its formula and its arithmetic, so that adding a member is one class in one
file.  Snippets are :class:`string.Template` texts: ``$name`` is a parameter of the member
(``$delta`` for Huber's δ) or one the generator fills in (``$fn``, the function's name; ``$lr``;
optimiser state as ``$velocity`` …).  A schedule's snippet is a plain expression of
``learning_rate`` and ``step``.  No Qt, no numpy: text only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["ActivationSnippet", "LossSnippet", "OptimizerSnippet"]


@dataclass(frozen=True)
class ActivationSnippet:
    """``numpy`` defines ``name(z)`` and ``name_prime(z, a)`` (softmax: ``softmax_vjp(a, g)``);
    ``torch`` is an expression of ``$x``."""

    numpy: str
    torch: str


@dataclass(frozen=True)
class LossSnippet:
    """Bodies of ``$fn(y, y_hat)``: the value (numpy and torch) and ``∂L/∂ŷ`` (numpy).

    ``gradient`` is ``None`` for a metric (not a training loss).  ``fused`` maps an output
    activation to the body of ``output_delta(y, a)`` where the loss gives δ(L) in closed form.
    ``prepare`` derives template values from the loss's parameters.
    """

    value: str
    gradient: str | None
    torch: str
    fused: dict[str, str] = field(default_factory=dict)
    prepare: Callable[[dict], dict] | None = None


@dataclass(frozen=True)
class OptimizerSnippet:
    """``numpy`` sets the hyper-parameters and state and defines ``update(params, grads)``;
    ``torch`` makes ``optimizer``.  ``state`` maps each per-parameter state key of the
    optimiser to its name in ``torch.optim``'s state; ``counts_steps``: torch's state also holds
    ``step`` (the optimiser's ``t``)."""

    numpy: str
    torch: str
    state: dict[str, str] = field(default_factory=dict)
    counts_steps: bool = False
