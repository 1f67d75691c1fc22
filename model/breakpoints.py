"""Run-until conditions: stop training when an epoch is reached, the loss falls below a
threshold, or a layer's gradient vanishes or explodes.

:meth:`Breakpoints.check` is an ``after_step`` callback for :meth:`model.trainer.Trainer.run_steps`::

    bp = Breakpoints(epoch=500, loss_below=0.01)
    trainer.run_steps(10**6, after_step=bp.check)
    print(bp.last_reason)     # e.g. "Breakpoint: loss 0.0099 fell below 0.01"

A condition fires when it *becomes* true: one that already holds when :meth:`Breakpoints.arm`
is called (at the start of a run) waits until it has been false once, so pressing Run again
after a breakpoint keeps training instead of stopping after one step.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .text import msg

if TYPE_CHECKING:
    from .trainer import Trainer

__all__ = ["Breakpoints"]


_FIELDS = ("epoch", "loss_below", "grad_below", "grad_above")


class Breakpoints:
    """Conditions checked after every step; ``None`` disables one.

    Parameters
    ----------
    epoch : int or None
        Stop when this many epochs are complete.
    loss_below : float or None
        Stop when the step's reported loss (the "Loss" of the curves) is below this.
    grad_below : float or None
        Stop when some layer's ‖∂L/∂W(l)‖ (Frobenius norm, of the last step's batch) is below
        this: a vanishing gradient.
    grad_above : float or None
        Stop when some layer's ‖∂L/∂W(l)‖ is above this: an exploding gradient.

    A non-finite loss always stops training; that is the trainer's divergence guard, and
    :meth:`check` returns its message.
    """

    def __init__(
        self,
        epoch: int | None = None,
        loss_below: float | None = None,
        grad_below: float | None = None,
        grad_above: float | None = None,
    ) -> None:
        self.epoch = _epoch(epoch)
        self.loss_below = _positive(loss_below, msg("model.breakpoints", "the loss threshold"))
        self.grad_below = _positive(grad_below, msg("model.breakpoints", "the vanishing-gradient threshold"))
        self.grad_above = _positive(grad_above, msg("model.breakpoints", "the exploding-gradient threshold"))
        if self.grad_below is not None and self.grad_above is not None and self.grad_below >= self.grad_above:
            raise ValueError(
                msg(
                    "model.breakpoints",
                    "the vanishing-gradient threshold ({below:g}) must be below the exploding-gradient threshold "
                    "({above:g})",
                ).format(below=self.grad_below, above=self.grad_above)
            )
        self.active = any(getattr(self, f) is not None for f in _FIELDS)
        self._waiting: set[str] = set()  # conditions that held when armed, until they stop holding
        self.last_reason: str | None = None

    # serialisation ---------------------------------------------------------------
    def to_dict(self) -> dict:
        return {f: getattr(self, f) for f in _FIELDS}

    @classmethod
    def from_dict(cls, d: dict | None) -> Breakpoints:
        """From ``{"epoch": 500, "loss_below": 0.01, ...}``; missing, ``None`` or ``""`` disables one."""
        if d is None:
            return cls()
        if not isinstance(d, dict):
            raise ValueError(
                msg("model.breakpoints", 'breakpoints must be given as an object such as {{"epoch": 500}}')
            )
        unknown = sorted(set(d) - set(_FIELDS))
        if unknown:
            raise ValueError(
                msg("model.breakpoints", "unknown breakpoint {name!r}; the breakpoints are: {names}").format(
                    name=unknown[0], names=", ".join(_FIELDS)
                )
            )
        return cls(**{k: (None if v == "" else v) for k, v in d.items()})

    def __repr__(self):
        set_ = ", ".join(f"{f}={getattr(self, f)!r}" for f in _FIELDS if getattr(self, f) is not None)
        return f"Breakpoints({set_})"

    # checking --------------------------------------------------------------------
    def arm(self, trainer: Trainer) -> None:
        """Start a run: conditions that already hold wait until they have been false once."""
        self._waiting = {name for name, _ in self._holding(trainer)}
        self.last_reason = None

    def check(self, trainer: Trainer) -> str | None:
        """The reason to stop after this step, or ``None``; cheap when no breakpoint is set."""
        if trainer.diverged is not None:
            self.last_reason = trainer.diverged.message
            return self.last_reason
        if not self.active:
            return None
        holding = self._holding(trainer)
        names = {name for name, _ in holding}
        self._waiting &= names
        for name, reason in holding:
            if name not in self._waiting:
                self._waiting.add(name)
                self.last_reason = reason
                return reason
        return None

    __call__ = check

    def _holding(self, trainer):
        """``[(name, reason)]`` for the conditions that hold now."""
        out = []
        if self.epoch is not None and trainer.epoch >= self.epoch:
            out.append(
                ("epoch", msg("model.breakpoints", "Breakpoint: epoch {epoch} reached").format(epoch=self.epoch))
            )
        if self.loss_below is not None:
            loss = trainer.history.report.last()  # (NaN, never below, when there is none)
            if loss < self.loss_below:
                text = msg("model.breakpoints", "Breakpoint: loss {loss} fell below {threshold:g}")
                out.append(("loss_below", text.format(loss=_below(loss, self.loss_below), threshold=self.loss_below)))
        if (self.grad_below is not None or self.grad_above is not None) and trainer.last_grads is not None:
            norms = [math.sqrt(float(np.vdot(dW, dW))) for dW in trainer.last_grads[0]]
            if self.grad_below is not None:
                l = int(np.argmin(norms))
                if norms[l] < self.grad_below:
                    text = msg(
                        "model.breakpoints",
                        "Breakpoint: ‖∂L/∂W({layer})‖ = {norm:.3g} fell below {threshold:g} (vanishing gradient)",
                    )
                    out.append(("grad_below", text.format(layer=l + 1, norm=norms[l], threshold=self.grad_below)))
            if self.grad_above is not None:
                big = [math.inf if math.isnan(n) else n for n in norms]  # NaN counts as exploded
                l = int(np.argmax(big))
                if big[l] > self.grad_above:
                    text = msg(
                        "model.breakpoints",
                        "Breakpoint: ‖∂L/∂W({layer})‖ = {norm:.3g} rose above {threshold:g} (exploding gradient)",
                    )
                    out.append(("grad_above", text.format(layer=l + 1, norm=norms[l], threshold=self.grad_above)))
        return out


def _below(x, threshold):
    """``x`` with 4 significant digits, or more if 4 would round it up to the threshold."""
    for p in range(4, 18):
        text = f"{x:.{p}g}"
        if float(text) < threshold:
            return text
    return repr(x)


def _epoch(v):
    if v is None:
        return None
    bad = msg("model.breakpoints", "the epoch breakpoint must be a whole number of epochs (1 or more), got {value!r}")
    if isinstance(v, bool):
        raise ValueError(bad.format(value=v))
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise ValueError(bad.format(value=v)) from None
    if not math.isfinite(f) or not f.is_integer() or f < 1:
        raise ValueError(bad.format(value=v))
    return int(f)


def _positive(v, what):
    if v is None:
        return None
    bad = msg("model.breakpoints", "{what} must be a positive finite number, got {value!r}")
    not_number = msg("model.breakpoints", "{what} must be a positive number, got {value!r}")
    if isinstance(v, bool):
        raise ValueError(not_number.format(what=what, value=v))
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise ValueError(not_number.format(what=what, value=v)) from None
    if not math.isfinite(f) or f <= 0:
        raise ValueError(bad.format(what=what, value=v))
    return f
