"""Learning-rate schedules: the γ of each step, from the learning rate γ₀ and the step number t.

One registry maps a stable name to one class each, so the session file, the command line and a
GUI panel read the same table::

    constant      γ(t) = γ₀
    step          γ(t) = γ₀ · factor^⌊t / every⌋
    exponential   γ(t) = γ₀ · factor^t
    cosine        γ(t) = γ₀ · (m + (1 − m) · ½(1 + cos(π · min(t, period) / period)))     m = min_factor

A session stores one as ``optimizer.schedule``, e.g. ``{"name": "step", "every": 1000, "factor": 0.5}``.
The trainer asks :meth:`Schedule.rate` for the γ of every step; that γ is what the update uses and
what its phase records as ``lr``.  :meth:`Schedule.curve` gives the same numbers for many steps at
once, for drawing.  t counts updates (steps), from 0.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from .text import Message, msg

__all__ = ["Schedule", "SCHEDULES", "make_schedule", "schedule_from_dict", "schedule_names", "parse_schedule"]


class Schedule:
    """A learning-rate schedule: ``rate(γ₀, t)`` is the γ of step t.

    ``PARAMS`` lists ``(name, default, minimum, maximum, integer)``; ``formula`` is the rule in
    the lecture's notation; ``param_labels`` names each parameter for a form.
    """

    name: str = ""
    label: Message = msg("model.schedules", "Schedule")
    formula: str = ""
    PARAMS: tuple = ()
    #: False for a schedule that keeps γ as it is (nothing to save or to draw).
    varies = True
    param_labels: dict[str, Message] = {}
    #: What an exported script writes for it (:mod:`model.export`): the body of ``learning_rate_at(step)``.
    script: str | None = None

    def __init__(self, **params: float) -> None:
        names = [p[0] for p in self.PARAMS]
        for key in params:
            if key not in names:
                if names:
                    raise ValueError(
                        msg(
                            "model.schedules", "the {schedule} schedule has no parameter {key!r}; it takes: {names}"
                        ).format(schedule=self.name, key=key, names=", ".join(names))
                    )
                raise ValueError(
                    msg("model.schedules", "the {schedule} schedule takes no parameters, got {key!r}").format(
                        schedule=self.name, key=key
                    )
                )
        self.params: dict[str, float] = {}
        for pname, default, lo, hi, integer in self.PARAMS:
            self.params[pname] = _number(params.get(pname, default), pname, lo, hi, integer)

    def rate(self, base: float, step: int) -> float:
        """The γ of step ``step`` (0-based) for the learning rate ``base``."""
        raise NotImplementedError

    def curve(self, base: float, steps: ArrayLike) -> np.ndarray:
        """``rate(base, t)`` for every t of ``steps`` (for drawing the schedule)."""
        return np.array([self.rate(base, int(t)) for t in np.asarray(steps).ravel()], dtype=float)

    def to_dict(self) -> dict:
        return {"name": self.name, **self.params}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Schedule) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash((self.name, tuple(self.params.items())))

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v:g}" for k, v in self.params.items())
        return f"Schedule({self.name}{extra})"


class Constant(Schedule):
    name = "constant"
    label = msg("model.schedules", "Constant")
    formula = "γ(t) = γ₀"
    varies = False
    script = "learning_rate"

    def rate(self, base: float, step: int) -> float:
        return base

    def curve(self, base: float, steps: ArrayLike) -> np.ndarray:
        return np.full(np.asarray(steps).size, float(base))


class StepDecay(Schedule):
    name = "step"
    label = msg("model.schedules", "Step decay")
    formula = msg("model.schedules", "γ(t) = γ₀ · factor^⌊t / every⌋")
    PARAMS = (("every", 1000, 1, 10**12, True), ("factor", 0.5, 0.0, 1.0, False))
    param_labels = {"every": msg("model.schedules", "every (steps)"), "factor": msg("model.schedules", "factor")}
    script = "learning_rate * $factor ** (step // $every)"

    def rate(self, base: float, step: int) -> float:
        return base * self.params["factor"] ** (step // int(self.params["every"]))


class Exponential(Schedule):
    name = "exponential"
    label = msg("model.schedules", "Exponential decay")
    formula = msg("model.schedules", "γ(t) = γ₀ · factor^t")
    PARAMS = (("factor", 0.999, 0.0, 1.0, False),)
    param_labels = {"factor": msg("model.schedules", "factor per step")}
    script = "learning_rate * $factor**step"

    def rate(self, base: float, step: int) -> float:
        return base * self.params["factor"] ** step


class Cosine(Schedule):
    name = "cosine"
    label = msg("model.schedules", "Cosine")
    formula = "γ(t) = γ₀ · (m + (1 − m) · ½(1 + cos(π · min(t, T) / T)))"
    PARAMS = (("period", 1000, 1, 10**12, True), ("min_factor", 0.0, 0.0, 1.0, False))
    param_labels = {
        "period": msg("model.schedules", "period T (steps)"),
        "min_factor": msg("model.schedules", "minimum factor m"),
    }
    script = (
        "learning_rate * ($min_factor + (1.0 - $min_factor) * 0.5 * (1.0 + math.cos(math.pi * min(step, $period) "
        "/ $period)))"
    )

    def rate(self, base: float, step: int) -> float:
        period = self.params["period"]
        m = self.params["min_factor"]
        return base * (m + (1.0 - m) * 0.5 * (1.0 + math.cos(math.pi * min(step, period) / period)))


SCHEDULES: dict[str, type[Schedule]] = {c.name: c for c in (Constant, StepDecay, Exponential, Cosine)}


def schedule_names() -> list[str]:
    return list(SCHEDULES)


def make_schedule(name: str, **params: float) -> Schedule:
    """The schedule ``name`` with ``params`` (``ValueError`` naming the choices for an unknown one)."""
    cls = SCHEDULES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise ValueError(
            msg("model.schedules", "unknown learning-rate schedule {name!r}; choose one of: {names}").format(
                name=name, names=", ".join(SCHEDULES)
            )
        )
    return cls(**params)


def schedule_from_dict(d: dict | None) -> Schedule:
    """From ``{"name": "step", "every": 1000, "factor": 0.5}``; ``None`` is the constant schedule."""
    if d is None:
        return Constant()
    if not isinstance(d, dict):
        raise ValueError(
            msg("model.schedules", 'a learning-rate schedule must be an object such as {{"name": "cosine"}}')
        )
    d = dict(d)
    name = d.pop("name", None)
    if name is None:
        raise ValueError(msg("model.schedules", "the learning-rate schedule needs a 'name'"))
    return make_schedule(name, **d)


def parse_schedule(text: str) -> Schedule:
    """From the command line's ``NAME[:key=value,…]``, e.g. ``step:every=1000,factor=0.5``."""
    name, _, rest = str(text).partition(":")
    params: dict[str, float] = {}
    for item in filter(None, (s.strip() for s in rest.split(","))):
        key, eq, value = item.partition("=")
        if not eq:
            raise ValueError(
                msg("model.schedules", "schedule parameter {item!r} must look like key=value").format(item=item)
            )
        try:
            params[key.strip()] = float(value)
        except ValueError:
            raise ValueError(
                msg("model.schedules", "schedule parameter {key} must be a number, got {value!r}").format(
                    key=key.strip(), value=value.strip()
                )
            ) from None
    return make_schedule(name.strip(), **params)


def _number(v, what: str, lo: float, hi: float, integer: bool) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
        raise ValueError(msg("model.schedules", "{what} must be a number, got {value!r}").format(what=what, value=v))
    f = float(v)
    if not math.isfinite(f) or not lo <= f <= hi:
        raise ValueError(
            msg("model.schedules", "{what} must be between {lo:g} and {hi:g}, got {value!r}").format(
                what=what, lo=lo, hi=hi, value=v
            )
        )
    if integer:
        if not f.is_integer():
            raise ValueError(
                msg("model.schedules", "{what} must be a whole number, got {value!r}").format(what=what, value=v)
            )
        return int(f)
    return f
