"""What this step knows so far: one read-only view of a training step, shared by the inspector and the trace.

A :class:`StepView` is built in one of two ways:

* **phase by phase** — :meth:`StepView.from_phases` takes the :class:`~model.trainer.Phase` records
  of one step (``Trainer.current_phases``, ``Snapshot.step_phases``), up to a cursor when the user
  steps back (``Snapshot.phase_cursor``): what a phase has not computed yet is *pending*;
* **at the current weights** — :meth:`StepView.from_values` takes a snapshot's
  :class:`~model.snapshot.LayerValues` (a forward and a backward pass over X, Y): everything but
  the update is known.

:meth:`StepView.from_snapshot` picks one of the two for a :class:`~model.snapshot.Snapshot`.

What it gives
-------------
For the batch: ``X`` (m × n₀ inputs), ``Y`` (m × k targets), ``m``, ``scale`` (the ``c`` of the
per-sample δ below), ``L`` (number of layers), ``sizes`` (units per layer, 0 … L),
``activations`` (names per layer 1 … L), ``step``, ``mode`` (``"step"``, ``"values"`` or ``"none"``)
and ``current`` (the ``(kind, layer)`` of the latest phase, or ``None``).

Per layer, :meth:`StepView.layer` gives a :class:`LayerStep` that a diagram can read directly::

    view = StepView.from_snapshot(snapshot, loss)
    for l in range(1, view.L + 1):
        s = view.layer(l)
        s.a, s.z                   # m × n, None while the forward phase of l is pending
        s.delta                    # m × n, the per-sample δ (None while pending)
        s.W, s.b, s.dW, s.db       # the weights this step uses, and their gradients
        s.W_new, s.b_new           # after the update (None before it)
        s.pending                  # frozenset of the phase kinds of l not computed yet

and :attr:`StepView.loss` and :attr:`StepView.update` give the loss and update phases
(:class:`LossStep`, :class:`UpdateStep`, or ``None`` while pending).

δ, per sample
-------------
The trainer computes δ = ∂L/∂Z of the batch loss, which carries the loss's 1/m.  The lecture's δ
is per sample: ``d2 = (a2 − y) * σ′(z2)`` for each sample, with the 1/m only in the gradient.
This view shows the lecture's δ (contract 2):

    δᵢ = c · ∂L/∂zᵢ,   c = m when L averages over the m samples (``Loss.averages_samples``), else 1,

so δᵢ = ∂ℓᵢ/∂zᵢ for a loss that is a mean of per-sample losses ℓᵢ (m·∂L/∂zᵢ for RMSE), and the
gradient is ∂L/∂W = (1/c) Σᵢ a_prev,ᵢ δᵢᵀ.  ``LayerStep.delta_batch`` keeps ∂L/∂Z.  ``dA`` (the
output layer's ∂ℓ/∂a) and ``back`` (a hidden layer's δ(l+1) W(l+1)ᵀ) are per sample as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .activations import ACTIVATIONS, Activation, get_activation
from .text import msg
from .trainer import phase_plan, phase_title

__all__ = ["StepView", "LayerStep", "LossStep", "UpdateStep", "KINDS"]

#: The phase kinds of a step, in order.
KINDS = ("forward", "loss", "delta", "gradient", "update")


def _ro(a: Any) -> np.ndarray | None:
    """A read-only float array (a copy only when ``a`` is not one already)."""
    if a is None:
        return None
    arr = np.asarray(a, dtype=float)
    if arr.flags.writeable:
        arr = arr.copy()
        arr.setflags(write=False)
    return arr


def _scaled(a: Any, c: float) -> np.ndarray | None:
    if a is None:
        return None
    with np.errstate(all="ignore"):
        out = np.asarray(a, dtype=float) * c
    out.setflags(write=False)
    return out


@dataclass(frozen=True)
class LayerStep:
    """Layer l (1 … L) of a step: every value known so far (``None`` while its phase is pending).

    Forward: ``a_prev`` (m × n_{l−1}; the inputs for l = 1), ``z``, ``a`` (m × n_l), ``W``
    (n_{l−1} × n_l) and ``b`` (n_l), the weights this step uses.  Backward: ``delta`` (m × n_l,
    per sample, see the module docstring), ``delta_batch`` (∂L/∂Z), ``fprime`` (f′(z)); for the
    output layer ``dA`` (per-sample ∂ℓ/∂a) and ``fused`` (the loss gives δ in closed form); for a
    hidden layer ``back`` (per-sample δ(l+1) W(l+1)ᵀ), ``W_next`` and ``delta_next`` (per sample).
    Gradients: ``dW``, ``db`` (of the batch loss L).  Update: ``W_new``, ``b_new``.
    """

    index: int
    activation: str
    pending: frozenset = frozenset()
    a_prev: np.ndarray | None = None
    z: np.ndarray | None = None
    a: np.ndarray | None = None
    W: np.ndarray | None = None
    b: np.ndarray | None = None
    delta: np.ndarray | None = None
    delta_batch: np.ndarray | None = None
    fprime: np.ndarray | None = None
    dA: np.ndarray | None = None
    fused: bool = False
    back: np.ndarray | None = None
    W_next: np.ndarray | None = None
    delta_next: np.ndarray | None = None
    dW: np.ndarray | None = None
    db: np.ndarray | None = None
    W_new: np.ndarray | None = None
    b_new: np.ndarray | None = None


@dataclass(frozen=True)
class LossStep:
    """The loss phase: ``value`` (L), ``report`` (what the curve calls Loss), ``y_pred``, ``y_true``."""

    value: float
    report: float
    y_pred: np.ndarray
    y_true: np.ndarray
    diverged: bool = False


@dataclass(frozen=True)
class UpdateStep:
    """The update phase: weights before and after (lists per layer), γ, and the optimizer's state.

    ``opt_before``/``opt_after`` are ``Optimizer.get_state()`` before and after the update
    (``{}`` when the phase did not record them); ``train_biases`` says per layer whether the
    biases were updated.
    """

    lr: float | None
    W: tuple
    b: tuple
    W_old: tuple
    b_old: tuple
    opt_before: dict = field(default_factory=dict)
    opt_after: dict = field(default_factory=dict)
    train_biases: tuple = ()

    def trains_bias(self, l: int) -> bool:
        """Whether layer l's biases were updated (True unless the phase says otherwise)."""
        return bool(self.train_biases[l - 1]) if 0 < l <= len(self.train_biases) else True

    def state_of(self, l: int, param: str, index: tuple) -> tuple[dict, dict]:
        """The optimizer's state of one weight, ``(before, after)``: ``{key: float, "t": int}``.

        ``param`` is ``"W"`` or ``"b"`` of layer l; ``index`` the element, e.g. ``(i, j)`` or
        ``(j,)``.  The state lists follow the network's parameters ``[W1, b1, W2, b2, …]``.  A buffer
        that exists only after the update (the optimizer's first step) was zero before it.
        """
        k = 2 * (l - 1) + (0 if param == "W" else 1)
        out = []
        for state in (self.opt_before, self.opt_after):
            scalars = {}
            for key, arrays in (state or {}).items():
                if key == "t":
                    scalars["t"] = int(arrays)
                    continue
                try:
                    scalars[key] = float(np.asarray(arrays[k])[index])
                except (IndexError, TypeError, ValueError):
                    continue
            out.append(scalars)
        before, after = out
        if self.opt_before is not None and "t" in before:
            for key in after.keys() - before.keys():
                before[key] = 0.0  # a buffer the optimizer had not made yet starts at zero (its first step)
        return before, after


class StepView:
    """What a training step knows so far; see the module docstring.  Build it with the ``from_*`` methods."""

    def __init__(
        self,
        *,
        mode: str,
        phases: dict,
        last: Any,
        values: tuple | None,
        X: np.ndarray | None,
        Y: np.ndarray | None,
        loss: Any,
        activations: Sequence[str] | None,
        n_layers: int,
        step: int | None,
    ):
        self.mode = mode
        self.loss_fn = loss
        self._phases = phases
        self._values = values
        self.last = last
        self.step = step
        self.L = int(n_layers)
        self.current = (last.kind, last.layer) if last is not None else None
        if activations:
            self.activations = tuple(activations)
        elif values:
            self.activations = tuple(lv.activation for lv in values)
        else:
            self.activations = self._infer_activations()
        f1 = phases.get(("forward", 1))
        self.X = _ro(f1.values["a_prev"]) if f1 is not None else _ro(X)
        lp = phases.get(("loss", None))
        self.Y = _ro(lp.values["y_true"]) if lp is not None else _ro(Y)
        self.m = self._n_samples()
        self.scale = float(loss.sample_scale(self.m)) if loss is not None and self.m else float(self.m or 1)
        self.sizes = self._sizes()
        self._layers: dict[int, LayerStep] = {}

    # -- building ---------------------------------------------------------------------------------
    @classmethod
    def from_phases(
        cls,
        phases: Sequence,
        *,
        cursor: int | None = None,
        loss: Any = None,
        activations: Sequence[str] | None = None,
        X: Any = None,
        Y: Any = None,
    ) -> StepView:
        """The step as its phases so far tell it (up to ``phases[cursor]`` when a cursor is given)."""
        phases = list(phases or ())
        if cursor is not None and cursor >= 0:
            phases = phases[: cursor + 1]
        if not phases:
            return cls.empty(loss=loss, activations=activations, X=X, Y=Y)
        by_key = {(p.kind, p.layer): p for p in phases}
        last = phases[-1]
        L = int(last.values.get("n_layers") or max(p.layer or 0 for p in phases))
        return cls(
            mode="step",
            phases=by_key,
            last=last,
            values=None,
            X=X,
            Y=Y,
            loss=loss,
            activations=activations,
            n_layers=L,
            step=last.step,
        )

    @classmethod
    def from_values(
        cls,
        values: Sequence,
        *,
        X: Any = None,
        Y: Any = None,
        loss: Any = None,
        activations: Sequence[str] | None = None,
    ) -> StepView:
        """The values at the current weights (a snapshot's ``LayerValues`` over ``X``, ``Y``): no update."""
        values = tuple(values or ())
        if not values:
            return cls.empty(loss=loss, activations=activations, X=X, Y=Y)
        return cls(
            mode="values",
            phases={},
            last=None,
            values=values,
            X=X,
            Y=Y,
            loss=loss,
            activations=activations,
            n_layers=len(values),
            step=None,
        )

    @classmethod
    def from_snapshot(cls, snapshot: Any, loss: Any = None, *, use_cursor: bool = True) -> StepView:
        """The snapshot's step in progress (up to its phase cursor), else its values at the current weights."""
        phases = tuple(getattr(snapshot, "step_phases", ()) or ())
        if phases:
            cursor = getattr(snapshot, "phase_cursor", -1) if use_cursor else None
            return cls.from_phases(phases, cursor=cursor, loss=loss, X=snapshot.X, Y=snapshot.Y)
        return cls.from_values(snapshot.values or (), X=snapshot.X, Y=snapshot.Y, loss=loss)

    @classmethod
    def empty(
        cls, *, loss: Any = None, activations: Sequence[str] | None = None, X: Any = None, Y: Any = None
    ) -> StepView:
        """Nothing computed yet (``mode == "none"``)."""
        return cls(
            mode="none",
            phases={},
            last=None,
            values=None,
            X=X,
            Y=Y,
            loss=loss,
            activations=activations,
            n_layers=len(activations or ()),
            step=None,
        )

    @classmethod
    def build(
        cls,
        phases: Sequence = (),
        values: Any = None,
        *,
        loss: Any = None,
        activations: Sequence[str] | None = None,
        X: Any = None,
        Y: Any = None,
        cursor: int | None = None,
    ) -> StepView:
        """Phases when there are any, else ``values`` (a tuple of LayerValues, or a Snapshot), else empty."""
        if values is not None and hasattr(values, "values") and hasattr(values, "X"):  # a Snapshot
            X = values.X if X is None else X
            Y = values.Y if Y is None else Y
            values = values.values
        acts = activations or (tuple(lv.activation for lv in values) if values else None)
        if phases:
            return cls.from_phases(phases, cursor=cursor, loss=loss, activations=acts, X=X, Y=Y)
        if values:
            return cls.from_values(values, X=X, Y=Y, loss=loss, activations=acts)
        return cls.empty(loss=loss, activations=acts, X=X, Y=Y)

    # -- structure ------------------------------------------------------------------------------
    def _infer_activations(self) -> tuple:
        """Activation names from the forward phases (a = f(z)), when nothing else says."""
        out = []
        for l in range(1, self.L + 1):
            p = self._phases.get(("forward", l))
            name = ""
            if p is not None:
                z, a = p.values["z"], p.values["a"]
                for cand, act in ACTIVATIONS.items():
                    with np.errstate(all="ignore"):
                        if np.allclose(act.forward(np.array(z)), a, rtol=1e-12, atol=1e-15, equal_nan=True):
                            name = cand
                            break
            out.append(name)
        return tuple(out)

    def _shape_of(self, l: int) -> tuple | None:
        """W(l)'s shape from whatever phase knows it."""
        for key, field_name in ((("forward", l), "W"), (("gradient", l), "dW")):
            p = self._phases.get(key)
            if p is not None:
                return np.shape(p.values[field_name])
        u = self._phases.get(("update", None))
        if u is not None:
            return np.shape(u.values["W_old"][l - 1])
        if self._values and l <= len(self._values):
            return self._values[l - 1].W.shape
        return None

    def _sizes(self) -> tuple:
        sizes = [None] * (self.L + 1)
        for l in range(1, self.L + 1):
            shape = self._shape_of(l)
            if shape is not None:
                sizes[l - 1], sizes[l] = int(shape[0]), int(shape[1])
        return tuple(sizes)

    def _n_samples(self) -> int:
        for key, name in ((("forward", self.L), "z"), (("loss", None), "y_pred"), (("delta", self.L), "delta")):
            p = self._phases.get(key)
            if p is not None:
                return int(np.shape(p.values[name])[0])
        if self._values:
            return int(self._values[0].Z.shape[0])
        if self.X is not None:
            return int(self.X.shape[0])
        return 0

    def activation(self, l: int) -> Activation | None:
        """Layer l's activation object (None when unknown)."""
        name = self.activations[l - 1] if 0 < l <= len(self.activations) else ""
        try:
            return get_activation(name)
        except ValueError:
            return None

    def activation_name(self, l: int) -> str:
        return self.activations[l - 1] if 0 < l <= len(self.activations) else ""

    # -- availability ---------------------------------------------------------------------------
    def has(self, kind: str, layer: int | None = None) -> bool:
        """Whether the phase ``(kind, layer)`` is known in this view."""
        if self.mode == "step":
            return (kind, layer) in self._phases
        if self.mode == "values":
            if kind == "loss":
                return self.Y is not None and self.loss_fn is not None
            return kind != "update"
        return False

    def pending_phases(self) -> list[tuple]:
        """The ``(kind, layer)`` of every phase this step has not computed yet, in order."""
        return [(k, l) for k, l in phase_plan(self.L) if not self.has(k, l)]

    def pending_title(self, kind: str, layer: int | None = None) -> str:
        return phase_title(kind, layer, self.L)

    @property
    def inputs(self) -> np.ndarray | None:
        """The batch's inputs (the step's batch, or the snapshot's X)."""
        return self.X

    # -- values ---------------------------------------------------------------------------------
    @property
    def loss(self) -> LossStep | None:
        """The loss phase, or ``None`` while pending (or without targets or loss function)."""
        p = self._phases.get(("loss", None))
        if p is not None:
            v = p.values
            return LossStep(
                float(v["loss"]), float(v["report"]), v["y_pred"], v["y_true"], bool(v.get("diverged", False))
            )
        if self.mode == "values" and self.has("loss"):
            out = self._values[-1].A
            y = self.Y.reshape(out.shape) if self.Y.size == out.size else self.Y
            with np.errstate(all="ignore"):
                value = float(self.loss_fn.value(y, out))
            return LossStep(value, value, out, _ro(y))
        return None

    @property
    def update(self) -> UpdateStep | None:
        """The update phase, or ``None`` while pending (always in values mode)."""
        p = self._phases.get(("update", None))
        if p is None:
            return None
        v = p.values
        L = len(v["W"])
        return UpdateStep(
            None if v.get("lr") is None else float(v["lr"]),
            tuple(v["W"]),
            tuple(v["b"]),
            tuple(v["W_old"]),
            tuple(v["b_old"]),
            dict(v.get("opt_before") or {}),
            dict(v.get("opt_after") or {}),
            tuple(v.get("train_biases") or (True,) * L),
        )

    def layer(self, l: int) -> LayerStep:
        """Everything known about layer l (1 … L)."""
        if not 1 <= l <= self.L:
            raise ValueError(
                msg("model.stepview", "there is no layer {l}; the network has layers 1 … {L}").format(l=l, L=self.L)
            )
        got = self._layers.get(l)
        if got is None:
            got = self._layers[l] = self._step_layer(l) if self.mode == "step" else self._values_layer(l)
        return got

    def _pending_kinds(self, l: int) -> frozenset:
        return frozenset(k for k in ("forward", "delta", "gradient") if not self.has(k, l)) | (
            frozenset() if self.has("update") else frozenset({"update"})
        )

    def _step_layer(self, l: int) -> LayerStep:
        c = self.scale
        kw: dict[str, Any] = {}
        f = self._phases.get(("forward", l))
        if f is not None:
            v = f.values
            kw.update(a_prev=v.get("a_prev"), z=v["z"], a=v["a"], W=v["W"], b=v["b"])
        d = self._phases.get(("delta", l))
        if d is not None:
            v = d.values
            kw.update(
                delta=_scaled(v["delta"], c),
                delta_batch=v["delta"],
                fprime=v.get("fprime"),
                dA=_scaled(v.get("dA"), c),
                fused=bool(v.get("fused", False)),
                back=_scaled(v.get("back"), c),
                W_next=v.get("W_next"),
                delta_next=_scaled(v.get("delta_next"), c),
            )
            kw.setdefault("z", v.get("z"))
            kw.setdefault("a", v.get("a"))
        g = self._phases.get(("gradient", l))
        if g is not None:
            kw.update(dW=g.values["dW"], db=g.values["db"])
            kw.setdefault("a_prev", g.values.get("a_prev"))
        u = self._phases.get(("update", None))
        if u is not None:
            kw.update(W_new=u.values["W"][l - 1], b_new=u.values["b"][l - 1])
            kw.setdefault("W", u.values["W_old"][l - 1])
            kw.setdefault("b", u.values["b_old"][l - 1])
        return LayerStep(l, self.activation_name(l), self._pending_kinds(l), **kw)

    def _values_layer(self, l: int) -> LayerStep:
        c = self.scale
        lv = self._values[l - 1]
        a_prev = self._values[l - 2].A if l > 1 else self.X
        act = self.activation(l)
        fprime = None
        if act is not None:
            with np.errstate(all="ignore"):
                fprime = _ro(act.derivative(lv.Z, lv.A))
        kw: dict[str, Any] = dict(
            a_prev=a_prev,
            z=lv.Z,
            a=lv.A,
            W=lv.W,
            b=lv.b,
            delta=_scaled(lv.delta, c),
            delta_batch=lv.delta,
            fprime=fprime,
            dW=lv.dW,
            db=lv.db,
        )
        if l == self.L:
            loss = self.loss
            if loss is not None:
                with np.errstate(all="ignore"):
                    kw["dA"] = _scaled(self.loss_fn.gradient(loss.y_true, loss.y_pred), c)
            kw["fused"] = bool(self.loss_fn is not None and self.loss_fn.fused_formula(self.activation_name(l)))
        else:
            nxt = self._values[l]
            with np.errstate(all="ignore"):
                kw["back"] = _scaled(nxt.delta @ nxt.W.T, c)
            kw.update(W_next=nxt.W, delta_next=_scaled(nxt.delta, c))
        return LayerStep(l, self.activation_name(l), frozenset({"update"}), **kw)
