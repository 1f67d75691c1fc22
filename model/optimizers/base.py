"""The optimizer base class: parameters, state, saving; each optimizer is one subclass in one file."""

from __future__ import annotations

import math
from typing import Any, ClassVar, NamedTuple

import numpy as np

from ..notation import GAMMA, Line, Math, Note, Numbers, as_math, deriv, sym
from ..paramspec import ParamSpec, check_params
from ..scripts import OptimizerSnippet
from ..text import msg

__all__ = ["Optimizer", "WeightUpdate", "check_lr", "as_0d"]


class WeightUpdate(NamedTuple):
    """One weight's update as the step recorded it: what :meth:`Optimizer.update_lines` writes out.

    ``w`` is the weight's symbol and ``g`` its ∂L/∂w; ``w_old``/``w_new`` its value before and after
    the update; ``before``/``after`` this weight's state (one float per name in the optimizer's
    ``STATE``) and the step count ``t``, before and after (empty when the step did not record them);
    ``lr`` the step's γ; ``fmt`` writes the numbers; ``numbers`` receives the raw values shown.
    """

    w: Math
    g: float
    w_old: float
    w_new: float
    before: dict
    after: dict
    lr: float
    fmt: Numbers
    numbers: dict


class Optimizer:
    """An optimizer in PyTorch's conventions: ``step`` updates the parameter arrays in place.

    A subclass sets ``name`` (its registry name, as torch spells it), ``label``, ``formula`` (its
    update rule in the lecture's notation), ``PARAMS`` (its :class:`ParamSpec` values) and
    ``STATE`` (the names of its running buffers, one array per parameter array), and implements
    :meth:`step` and :meth:`update_lines`, which writes its update of one weight with the numbers.

    A *variant* (Nesterov momentum) is a subclass that sets ``switch`` to the name of the on/off
    parameter that selects it: ``Momentum(0.1, nesterov=True)`` returns a ``Nesterov``, and it is
    saved as ``{"name": "momentum", "nesterov": true}``, as torch spells it.

    Parameters
    ----------
    learning_rate : float
        γ > 0.
    **params
        Values for the names in ``PARAMS``; missing ones take their defaults.  A bad name or
        value raises ``ValueError`` with one sentence.
    """

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    formula: ClassVar[str] = ""
    PARAMS: ClassVar[tuple[ParamSpec, ...]] = ()
    #: The running buffers, e.g. ``("velocity",)``; empty for a stateless optimizer (SGD).
    STATE: ClassVar[tuple[str, ...]] = ()
    #: For a variant: the bool parameter that selects it (see the class docstring).
    switch: ClassVar[str | None] = None
    #: What an exported script writes for it (:mod:`model.export`); ``None``: it cannot be exported yet.
    script: ClassVar[OptimizerSnippet | None] = None
    _variants: ClassVar[tuple[type[Optimizer], ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._variants = ()
        if cls.__dict__.get("switch"):
            base = next(b for b in cls.__mro__[1:] if issubclass(b, Optimizer))
            base._variants = base._variants + (cls,)

    def __new__(cls, learning_rate: float = 0.1, **params: Any) -> Optimizer:
        for variant in cls._variants:
            if params.get(variant.switch) is True:
                cls = variant
        return super().__new__(cls)

    def __init__(self, learning_rate: float = 0.1, **params: Any):
        self.learning_rate = check_lr(learning_rate)
        owner = msg("model.optimizers", "optimizer {name}").format(name=repr(self.name))
        if self.switch is not None:
            params = {**params, self.switch: params.get(self.switch, True)}
        self.params: dict[str, Any] = check_params(self.PARAMS, params, owner)
        if self.switch is not None and self.params[self.switch] is not True:
            raise ValueError(
                msg("model.optimizers", "{label} needs {switch} = true").format(label=self.label, switch=self.switch)
            )
        self.state: dict[str, list[np.ndarray]] = {}
        self._flat: dict[str, tuple] = {}  # key: (vector, the list of its views that state[key] holds, params)
        self.t = 0

    @property
    def stateless(self) -> bool:
        """True when the update depends on the gradient alone (no running buffers)."""
        return not self.STATE

    def step(self, params: list[np.ndarray], grads: list[np.ndarray], flat: tuple | None = None) -> None:
        """Update every array of ``params`` in place from the matching ``grads``; t += 1.

        ``flat = (p, g)``, when given, are contiguous vectors of which ``params`` and ``grads``
        are views, in the same order: the update then runs once over the whole vectors, which
        gives the same numbers (every operation is element-wise) in far fewer numpy calls.
        """
        raise NotImplementedError

    def update_formula(self) -> str:
        return self.formula

    # the inspector -----------------------------------------------------------------------------
    def explain_update(self, u: WeightUpdate) -> list:
        """The inspector's update of one weight: :meth:`update_lines`, or, when the step did not
        record this optimizer's state (``STATE`` and ``t``), its rule and the change it made."""
        if self.STATE and not ("t" in u.after and all(k in u.before and k in u.after for k in self.STATE)):
            return self._unrecorded(u)
        return self.update_lines(u)

    def update_lines(self, u: WeightUpdate) -> list:
        """This optimizer's update of one weight, with the numbers: a list of Line and Note.

        Called with the state recorded (see :class:`WeightUpdate`).  The numbers written, combined
        as written, give each result, and the last line's result is ``u.w_new``.  Raw values go
        into ``u.numbers``.
        """
        raise NotImplementedError

    def _unrecorded(self, u: WeightUpdate) -> list:
        """When the step did not record this optimizer's state: the rule, and the change it made."""
        w, fmt = u.w, u.fmt
        return [
            Note(
                msg("model.optimizers", "{label}: {formula} (its state was not recorded in this step)").format(
                    label=self.label, formula=self.formula
                )
            ),
            Line(w + "′", fmt.r(u.w_new)),
            Line(Math("Δ") + w, w + "′ − " + w, fmt.n(u.w_new) + " − " + fmt.p(u.w_old), fmt.r(u.w_new - u.w_old)),
        ]

    # state ------------------------------------------------------------------------------------
    def get_state(self) -> dict:
        """``{"t": t, key: [copies of the buffers]}``."""
        return {"t": self.t, **{k: [a.copy() for a in v] for k, v in self.state.items()}}

    def state_snapshot(self) -> dict:
        """:meth:`get_state` with read-only arrays (a phase record's ``opt_before``/``opt_after``)."""
        state = self.get_state()
        for key, arrays in state.items():
            if key != "t":
                for a in arrays:
                    a.setflags(write=False)
        return state

    def set_state(self, state: dict, shapes: list | None = None) -> None:
        """Replace ``t`` and the buffers (copies).

        Raises ``ValueError`` and changes nothing if ``state`` is malformed.
        """
        if not isinstance(state, dict):
            raise ValueError(
                msg("model.optimizers", "the optimizer state must be an object with 't' and lists of arrays")
            )
        t = state.get("t", 0)
        if (
            isinstance(t, bool)
            or not isinstance(t, (int, float, np.integer))
            or not math.isfinite(t)
            or t != int(t)
            or t < 0
        ):
            raise ValueError(
                msg(
                    "model.optimizers", "the optimizer state's step count 't' must be a whole number ≥ 0, got {t}"
                ).format(t=repr(t))
            )
        new = {}
        for key, arrays in state.items():
            if key == "t":
                continue
            try:
                if not isinstance(arrays, (list, tuple)):
                    raise TypeError
                arrs = [np.array(a, dtype=float) for a in arrays]
            except (TypeError, ValueError):
                raise ValueError(
                    msg("model.optimizers", "optimizer state {key} must be a list of number arrays").format(
                        key=repr(key)
                    )
                ) from None
            if shapes is not None:
                if len(arrs) != len(shapes) or any(a.shape != tuple(s) for a, s in zip(arrs, shapes)):
                    raise ValueError(
                        msg("model.optimizers", "optimizer state {key} does not match the network's shapes").format(
                            key=repr(key)
                        )
                    )
            new[key] = arrs
        self.t = int(t)
        self.state = new

    def to_dict(self, with_state: bool = True) -> dict:
        """``{"name", "learning_rate", **params, "state"}``, JSON-ready; ``optimizer_from_dict`` reverses it."""
        d = {"name": self.name, "learning_rate": self.learning_rate, **self.params}
        if with_state:
            d["state"] = {"t": self.t, **{k: [a.tolist() for a in v] for k, v in self.state.items()}}
        return d

    def groups(self, params: list[np.ndarray], grads: list[np.ndarray], flat: tuple | None = None) -> Any:
        """What :meth:`step` loops over: ``(p, g, *buffers)`` per parameter array, one buffer per name
        in ``STATE``; with ``flat`` a single group of the whole vectors and the state's flat vectors."""
        if flat is not None:
            p, g = flat
            return ((p, g, *(self._flat_buffer(k, params, p.size) for k in self.STATE)),)
        return zip(params, grads, *(self._buffers(k, params) for k in self.STATE))

    def _buffers(self, key: str, params: list[np.ndarray]) -> list[np.ndarray]:
        bufs = self.state.get(key)
        if bufs is None or len(bufs) != len(params) or any(b.shape != p.shape for b, p in zip(bufs, params)):
            bufs = [np.zeros_like(p, dtype=float) for p in params]
            self.state[key] = bufs
        return bufs

    def _flat_buffer(self, key: str, params: list[np.ndarray], size: int) -> np.ndarray:
        """State ``key`` as one vector of ``size`` whose views (shaped like ``params``) are ``state[key]``.

        Built once and reused while ``state[key]`` is the list it made; a state replaced by
        :meth:`set_state` (or grown for new shapes) is copied in once and becomes views again.
        """
        cached = self._flat.get(key)
        bufs = self.state.get(key)
        if cached is not None and bufs is cached[1] and params is cached[2]:
            return cached[0]
        bufs = self._buffers(key, params)  # (zeros if missing or of other shapes)
        if cached is not None and bufs is cached[1] and cached[0].size == size:
            self._flat[key] = (cached[0], bufs, params)
            return cached[0]
        vec = np.empty(size)
        views = []
        start = 0
        for b in bufs:
            v = vec[start : start + b.size].reshape(b.shape)
            np.copyto(v, b)
            views.append(v)
            start += b.size
        if start != size:
            raise ValueError("the flat parameter vector does not match the parameter arrays")
        self.state[key] = views
        self._flat[key] = (vec, views, params)
        return vec

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v:g}" if isinstance(v, float) else f", {k}={v!r}" for k, v in self.params.items())
        return f"{self.name}(lr={self.learning_rate:g}{extra})"


def check_lr(lr: Any) -> float:
    """``lr`` as a positive finite float, or ``ValueError``."""
    try:
        lr = float(lr)
    except (TypeError, ValueError):
        raise ValueError(
            msg("model.optimizers", "the learning rate must be a number, got {lr}").format(lr=repr(lr))
        ) from None
    if not math.isfinite(lr) or lr <= 0:
        raise ValueError(
            msg("model.optimizers", "the learning rate must be a positive finite number, got {lr:g}").format(lr=lr)
        )
    return lr


def as_0d(opt: Optimizer, x: float) -> np.ndarray:
    """``x`` as a 0-d float64 array (cached): it multiplies exactly like the float, but skips
    numpy's Python-scalar handling, which costs more than the arithmetic on small vectors."""
    cached = opt.__dict__.get("_0d")
    if cached is None or cached[0] != x:
        cached = opt._0d = (x, np.array(x, dtype=float))
    return cached[1]


# Symbols shared by the optimizers' equations.
def grad_of(w: Math) -> Math:
    """∂L/∂w."""
    return deriv(sym("L"), w)


def prev(name: str) -> Math:
    """A buffer's value before this step, e.g. v_prev."""
    return Math(f"<i>{name}</i><sub>prev</sub>", f"{name}_prev")


def new_weight(w: Math, w_old: float, rhs_symbols: Math, rhs_numbers: Math, w_new: float, fmt: Numbers) -> Line:
    """``w′ = <rule> = <numbers> = w_new``."""
    return Line(w + "′", rhs_symbols, rhs_numbers, fmt.r(w_new))


__all__ += ["grad_of", "prev", "new_weight", "GAMMA", "as_math"]
