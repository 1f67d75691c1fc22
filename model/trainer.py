"""Training: one step is five phases, read as the lecture writes them; two speeds, one arithmetic.

One training step, in the lecture's order::

    forward 1 … L  →  loss  →  δ(L) … δ(1)  →  ∂L/∂W(L), ∂L/∂b(L) … (1)  →  update

Each phase is a small generator that opens with its formula, computes into the step's arrays
and yields ``(kind, layer)`` when a phase is done: :func:`~model.phases.forward`,
:meth:`Trainer._loss`, :func:`~model.phases.backward`, :func:`~model.phases.gradients` and
:meth:`Trainer._update`, joined with ``yield from`` in :meth:`Trainer._step`.
:meth:`Trainer.step_phase` turns each yield into a read-only :class:`Phase` holding that
phase's values; :meth:`Trainer.run_steps` (the fast path) ignores
the yields and reuses preallocated arrays.  It is the same code either way, so the weights are
bit-identical whichever way, or mixture of ways, a run was stepped.
:func:`model.snapshot.network_values` runs the same forward, backward and gradient phases on
any samples, without an update.

Divergence guard: a step whose loss (or reported loss) is not finite, or that starts from a
non-finite weight or bias (an update that overflowed, or an edit), is not taken.  Training
stops (:attr:`Trainer.diverged` says at which step and why) and the trainer goes back to the
start of the step before, the last whose loss was finite: weights, optimiser state,
counters, shuffling and histories, exactly as a run that stopped there.  The parameters are
not copied every step for this: the whole state is kept at a checkpoint every
``CHECKPOINT_EVERY`` steps and at the start of every call, and the steps from the checkpoint
to the step to go back to are replayed (training is deterministic, so the replay is the
original, bit for bit).  The parameters are checked at every checkpoint and whenever a call
returns, so no call ever leaves a non-finite weight behind.

:attr:`Trainer.progress` (a :class:`Progress`) is how far training has got, and
:attr:`Trainer.history` (a :class:`History` of :class:`~model.series.Series`) what it has
seen, in bounded memory however long the run.
"""

from __future__ import annotations

import math
from collections import deque as _consume
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from .losses import MSE, Loss
from .network import Network
from .optimizers import OPTIMIZER_CLASSES, Optimizer
from .phases import _fans, _stacked, _Step, _views, _wb_slices, _with_ones, backprop, backward, forward, gradients
from .schedules import Constant, Schedule
from .series import Series
from .text import Message, msg

__all__ = [
    "CHECKPOINT_EVERY",
    "Divergence",
    "History",
    "Phase",
    "Progress",
    "Trainer",
    "backprop",
    "backward",
    "forward",
    "gradients",
    "phase_plan",
    "phase_title",
]

_F64 = np.dtype(np.float64)

#: Steps between two checkpoints of the divergence guard on the fast path.
CHECKPOINT_EVERY = 64


def _frozen(a) -> np.ndarray:
    a = a.copy() if type(a) is np.ndarray and a.dtype is _F64 else np.array(a, dtype=float, copy=True)
    a.setflags(write=False)
    return a


# -- what a phase shows ---------------------------------------------------------------------------
class Phase(NamedTuple):
    """One phase of one training step (immutable; a named tuple because the phase-by-phase
    path makes several per step, and a frozen dataclass costs three times as much to build).

    ``kind`` is ``forward``, ``loss``, ``delta``, ``gradient`` or ``update``; ``layer`` is
    1 … L (``None`` for loss and update); ``step`` is the number of the step (0-based);
    ``index`` the phase's position in the step.  ``values`` holds read-only arrays that
    nothing writes to again (copies of the live weights and data, the step's own results):

    * forward:  ``a_prev``, ``z``, ``a``, ``W``, ``b``
    * loss:     ``loss``, ``report`` (floats), ``y_pred``, ``y_true``; ``diverged`` (True) when
                the divergence guard ended the step here
    * delta:    ``delta``, ``fprime`` (f′(z)), ``z``, ``a``; for the output layer ``dA`` (∂L/∂a)
                and ``fused`` (True when the loss gives δ(L) directly); for a hidden layer
                ``back`` (δ(l+1) W(l+1)ᵀ), ``W_next`` and ``delta_next``
    * gradient: ``dW``, ``db``, ``a_prev``, ``delta``
    * update:   ``W``, ``b`` (lists, per layer, after the update), ``W_old``, ``b_old`` (before),
                ``lr`` (the γ this step used, after its schedule), ``opt_before`` and ``opt_after``
                (the optimizer's state before and after the update: ``{"t": t, key: [read-only
                arrays, one per parameter array]}``), ``train_biases`` (per layer, whether the
                update changed its biases); ``diverged`` (True) when the update made a parameter
                non-finite and the guard undid it

    and every phase has ``n_layers``.
    """

    kind: str
    layer: int | None
    index: int
    step: int
    values: dict

    @property
    def title(self) -> str:
        return phase_title(self.kind, self.layer, self.values.get("n_layers", 0))


def phase_plan(n_layers: int) -> list[tuple[str, int | None]]:
    """The ``(kind, layer)`` sequence of one step for a network of ``n_layers`` layers."""
    L = n_layers
    plan: list[tuple[str, int | None]] = [("forward", l) for l in range(1, L + 1)]
    plan.append(("loss", None))
    plan += [("delta", l) for l in range(L, 0, -1)]
    plan += [("gradient", l) for l in range(L, 0, -1)]
    plan.append(("update", None))
    return plan


def _layer_name(layer: int | None, n_layers: int) -> Message:
    if n_layers and layer == n_layers:
        return msg("model.trainer", "the output layer")
    return msg("model.trainer", "hidden layer {layer}").format(layer=layer)


def phase_title(kind: str, layer: int | None, n_layers: int = 0) -> str:
    """The phase in words, e.g. ``Backward: δ of hidden layer 1``."""
    if kind == "forward":
        return msg("model.trainer", "Forward: z({layer}) and a({layer}) of {name}").format(
            layer=layer, name=_layer_name(layer, n_layers)
        )
    if kind == "loss":
        return msg("model.trainer", "Loss: compare the prediction with the target")
    if kind == "delta":
        return msg("model.trainer", "Backward: δ({layer}) of {name}").format(
            layer=layer, name=_layer_name(layer, n_layers)
        )
    if kind == "gradient":
        return msg("model.trainer", "Gradients: ∂L/∂W({layer}) and ∂L/∂b({layer})").format(layer=layer)
    if kind == "update":
        return msg("model.trainer", "Update: w ← w − γ·∂L/∂w")
    return kind


@dataclass(frozen=True)
class Divergence:
    """Where training stopped: the step that met a non-finite loss or parameter, its epoch, one line to show."""

    step: int
    epoch: int
    message: str


class Progress(NamedTuple):
    """How far training has got (immutable): what a session file saves and the timeline records.

    ``step`` and ``epoch`` count the steps and epochs completed.  ``order`` is the epoch's
    permutation of the samples (read-only; ``None`` before the first one is drawn, and in
    full-batch training), ``batch_pos`` where the next batch starts in it, and ``order_fresh``
    True when it was drawn for a step that has not completed yet.  ``epoch_sum``,
    ``epoch_loss_sum``, ``epoch_correct`` and ``epoch_count`` add up the epoch so far: the
    reported loss × rows, the training loss × rows, the correct predictions and the rows.
    """

    step: int
    epoch: int
    batch_pos: int
    order: np.ndarray | None
    order_fresh: bool
    epoch_sum: float
    epoch_loss_sum: float
    epoch_correct: float
    epoch_count: int


# a named tuple from its fields, without its argument handling (Progress and Phase on hot paths)
_new_tuple = _new_progress = tuple.__new__


# -- histories ----------------------------------------------------------------------------------
class _LogicalView:
    """A decimated series' values by position ``0 … n−1``: only the exact tail (from ``start``) is there.

    What :meth:`_Track.view` returns once older values have been folded into min/max buckets:
    slices from ``start`` on are the exact values (a view), earlier positions read as NaN.
    """

    __slots__ = ("start", "values", "n")

    def __init__(self, start: int, values: np.ndarray) -> None:
        self.start = start
        self.values = values
        self.n = start + values.size

    def __len__(self) -> int:
        return self.n

    @property
    def size(self) -> int:
        return self.n

    @property
    def shape(self) -> tuple[int]:
        return (self.n,)

    def __getitem__(self, key):
        if isinstance(key, slice):
            a, b, stride = key.indices(self.n)
            a = max(a, self.start)
            return self.values[a - self.start : max(a, b) - self.start : stride]
        i = int(key)
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.values[i - self.start] if i >= self.start else math.nan

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        out = np.full(self.n, math.nan)
        out[self.start :] = self.values
        return out if dtype is None else out.astype(dtype)

    def tolist(self) -> list[float]:
        return np.asarray(self).tolist()


class _Track(Series):
    """A :class:`~model.series.Series` that also answers ``view()``, the values by position.

    ``view()`` is an ndarray (a view of the exact values) while nothing is decimated; after
    that a :class:`_LogicalView`.  New code reads :meth:`~model.series.Series.since`,
    :meth:`~model.series.Series.last` or :meth:`~model.series.Series.xy` instead.
    """

    # (no __slots__: while a run stages its values, the instance's ``append`` is a plain list's)

    def stage(self) -> list:
        """From now on ``append`` adds to a plain list (fast) until :meth:`unstage` adds them all."""
        staged: list[float] = []
        self.append = staged.append
        return staged

    def unstage(self, staged: list) -> None:
        """Add the staged values and append directly again."""
        del self.append
        if staged:
            self.extend(staged)

    def view(self) -> np.ndarray | _LogicalView:
        if self.exact_start == 0:
            return self.exact()
        return _LogicalView(self.exact_start, self.exact())

    def cut(self, n: int) -> None:
        """Keep the first ``n`` values, position for position (NaN where only a bucket knew them)."""
        _cut(self, n)


def _cut(series: Series, n: int) -> None:
    """``series`` back to its first ``n`` values, position for position (NaN where only a bucket knew them)."""
    series.truncate(n)
    if series.n < n:
        series.extend(np.full(n - series.n, math.nan))


class History:
    """What training has seen, in bounded memory (each a :class:`~model.series.Series`).

    Per step: ``loss`` (the training loss, what backprop differentiates), ``report`` (the
    reported loss, "Loss" in the log) and, if tracked, ``grad_norms`` (per layer ‖∂L/∂W(l)‖).
    Per epoch: ``epoch_loss``, ``epoch_report``, ``epoch_step`` (the steps done when the epoch
    ended, so its last step is ``epoch_step − 1`` whatever batch sizes it had) and, if tracked,
    ``epoch_accuracy``.  The most recent values are exact, older ones are kept as the min and max
    of their bucket.
    """

    KEYS = ("loss", "report", "epoch_loss", "epoch_report", "epoch_accuracy", "epoch_step")

    def __init__(self) -> None:
        self.loss = _Track()
        self.report = _Track()
        self.epoch_report = _Track()
        self.epoch_loss = _Track()
        self.epoch_accuracy = _Track()
        self.epoch_step = _Track()
        self.grad_norms: list[_Track] = []
        self._staged: list | None = None

    def to_dict(self) -> dict:
        """Each series as :meth:`~model.series.Series.to_json`: a list, or the decimated form once it is long."""
        self._settle()
        return {key: getattr(self, key).to_json() for key in self.KEYS}

    @classmethod
    def from_dict(cls, d: dict) -> History:
        """Inverse of :meth:`to_dict` (plain lists or decimated series; ``ValueError`` if malformed)."""
        h = cls()
        for key in cls.KEYS:
            setattr(h, key, _track(d.get(key, [])))
        if h.report.n == 0 and h.loss.n:
            h.report = _track(h.loss.to_json())
        return h

    def stage(self) -> None:
        """Per-step values go to plain lists until :meth:`unstage` (a run that no one watches step by step)."""
        if self._staged is None:
            tracks = (self.loss, self.report, self.epoch_report, self.epoch_loss, self.epoch_step)
            self._staged = [(t, t.stage()) for t in tracks if isinstance(t, _Track)]

    def unstage(self) -> None:
        """Add the staged values to their series."""
        staged, self._staged = self._staged, None
        for t, values in staged or ():
            t.unstage(values)

    def _settle(self) -> None:
        """Staged values into their series, staging on (lengths and cuts count them)."""
        if self._staged is not None:
            self.unstage()
            self.stage()

    def lengths(self) -> tuple:
        self._settle()
        return (
            self.loss.n,
            self.report.n,
            self.epoch_report.n,
            self.epoch_loss.n,
            self.epoch_accuracy.n,
            self.epoch_step.n,
            tuple([g.n for g in self.grad_norms]) if self.grad_norms else (),
        )

    def cut(self, lengths: tuple) -> None:
        """Back to ``lengths`` (from :meth:`lengths`)."""
        self._settle()
        n_loss, n_report, n_epoch_report, n_epoch_loss, n_epoch_acc, n_epoch_step, n_norms = lengths
        _cut(self.loss, n_loss)
        _cut(self.report, n_report)
        _cut(self.epoch_report, n_epoch_report)
        _cut(self.epoch_loss, n_epoch_loss)
        _cut(self.epoch_accuracy, n_epoch_acc)
        _cut(self.epoch_step, n_epoch_step)
        for g, n in zip(self.grad_norms, n_norms):
            _cut(g, n)

    def nbytes(self) -> int:
        return sum(getattr(self, k).nbytes() for k in self.KEYS) + sum(g.nbytes() for g in self.grad_norms)


def _track(data) -> _Track:
    """A :class:`_Track` from :meth:`~model.series.Series.to_json`'s list or decimated form."""
    if not isinstance(data, (list, tuple, dict)):
        raise ValueError(msg("model.trainer", "a history must be a list of numbers or a decimated history"))
    try:
        return _Track.from_json(data)
    except (TypeError, ValueError) as e:
        raise ValueError(msg("model.trainer", "a history must hold numbers ({error})").format(error=e)) from None


# -- one step's arrays -------------------------------------------------------------------------
class _Cache:
    """What a step needs of the network while its flat parameter vector stays the same object.

    ``params`` are the views ``[W1, b1, …]``; ``layers`` holds ``(W, b, Wb, activation, Wᵀ)`` per
    layer, ``Wb`` the (fan_in + 1) × fan_out matrix ``[W; b]`` (b is stored right after W, so it
    is a view too); ``grads`` are views ``[dW1, db1, …]`` into ``gflat``, laid out like ``flat``,
    and ``gWb`` the views ``[∂L/∂W; ∂L/∂b]`` per layer; ``per_m`` the fast path's step arrays per
    batch size.
    """

    __slots__ = (
        "flat",
        "params",
        "shapes",
        "slices",
        "layer_slices",
        "wb_slices",
        "layers",
        "gflat",
        "grads",
        "gWb",
        "per_m",
        "fans",
        "last_copy",
    )

    def __init__(self, network: Network, flat: np.ndarray) -> None:
        self.flat = flat
        self.params = network.params()
        self.shapes = [p.shape for p in self.params]
        ends = np.cumsum([p.size for p in self.params]).tolist()
        self.slices = [(end - p.size, end, p.shape) for end, p in zip(ends, self.params)]
        self.layer_slices = list(zip(self.slices[0::2], self.slices[1::2]))
        self.layers = _stacked(network, flat)
        self.gflat = np.empty(flat.size)
        self.grads = _views(self.gflat, self.shapes)
        self.wb_slices = _wb_slices(network)
        self.gWb = [self.gflat[start:stop].reshape(shape) for start, stop, shape in self.wb_slices]
        self.per_m: dict[int, _Step] = {}
        self.fans = _fans(self.layers)
        self.last_copy: tuple | None = None  # (flat copy, Ws, bs) of the last frozen_copy

    def frozen_copy(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """``([W1, W2, …], [b1, b2, …])``: read-only views of one copy of the parameters.

        A small network whose parameters are bit for bit those of the last copy gets that copy
        again (a step's new weights are the next step's old ones; the comparison costs less
        than a copy there).
        """
        last = self.last_copy
        flat = self.flat
        if last is not None and flat.size <= 4096 and last[0].tobytes() == flat.tobytes():
            return last[1], last[2]
        copy = flat.copy()
        copy.setflags(write=False)  # (its views are read-only too)
        Ws, bs = [], []
        for (start, stop, shape), (b_start, b_stop, _) in self.layer_slices:
            Ws.append(copy[start:stop].reshape(shape))
            bs.append(copy[b_start:b_stop])
        self.last_copy = (copy, Ws, bs)
        return Ws, bs


# -- recording a step's phases ------------------------------------------------------------------------
class _RecordedStep(_Step):
    """A step taken phase by phase: fresh arrays, and a :class:`Phase` for each yield."""

    __slots__ = ("trainer", "cache", "index", "X_copy", "Y_copy", "W_old", "b_old", "opt_before")

    def __init__(self, trainer: Trainer, cache: _Cache) -> None:
        gflat = np.empty(cache.flat.size)
        gWb = [gflat[start:stop].reshape(shape) for start, stop, shape in cache.wb_slices]
        grads = [part for g in gWb for part in (g[:-1], g[-1])]
        super().__init__(cache.layers, cache.params, cache.flat, grads, gflat, gWb, None)
        self.fans = cache.fans
        self.trainer = trainer
        self.cache = cache
        self.index = 0
        self.opt_before = None
        # one read-only copy of the step's parameters, shown by the forward, δ and update phases
        self.W_old, self.b_old = cache.frozen_copy()

    def begin(self, step, X1, Y, loss, loss_gradient) -> None:
        super().begin(step, X1, Y, loss, loss_gradient)
        self.X_copy = self.Y_copy = None  # the batch, copied when first shown (it may be the live data)

    def _data(self) -> tuple[np.ndarray, np.ndarray]:
        """The step's inputs and targets, read-only, without a copy: either the trainer's own data
        (read-only since :meth:`Trainer.set_data`) or the batch drawn for this step (never written)."""
        if self.X_copy is None:
            X, Y = self.X, self.Y
            self.X_copy = _ro(X) if X.flags.writeable else X
            self.Y_copy = _ro(Y) if Y.flags.writeable else Y
        return self.X_copy, self.Y_copy

    def before_update(self, optimizer: Optimizer) -> None:
        # the inspector writes the update with the optimizer's own state before and after it
        self.opt_before = getattr(optimizer, "state_snapshot", dict)()

    def phase(self, kind: str, layer: int | None) -> Phase:
        """The :class:`Phase` for the yield ``(kind, layer)``: what the step knows at this point.

        The arrays this phase made are marked read-only here (nothing writes them again); the
        others were marked by an earlier phase, or are read-only copies (parameters, data).
        """
        L = len(self.layers)
        i = (layer or 0) - 1
        if kind == "forward":
            a_prev = self.A[i] if i else self._data()[0]
            z, a = self.Z[i], self.A[layer]
            z.setflags(write=False)
            a.setflags(write=False)
            v = {"a_prev": a_prev, "z": z, "a": a, "W": self.W_old[i], "b": self.b_old[i]}
        elif kind == "loss":
            v = {"loss": self.loss_value, "report": self.report_value, "y_pred": self.A[L], "y_true": self._data()[1]}
            if self.diverged:
                v["diverged"] = True
        elif kind == "delta" and layer == L:
            out, act = self.A[L], self.layers[-1][3]
            if self.fused:  # shown beside the fused δ(L), though backprop did not need them
                dA, fp = self.loss_gradient(self.Y, out), act.derivative(self.Z[-1], out)
            else:
                dA, fp = self.dA, self.fp[-1]
            delta = _ro(self.delta[-1])
            v = {"delta": delta, "dA": _ro(dA), "fprime": _ro(fp), "z": self.Z[-1], "a": out, "fused": self.fused}
        elif kind == "delta":
            v = {
                "delta": _ro(self.delta[i]),
                "back": _ro(self.back[i]),
                "fprime": _ro(self.fp[i]),
                "z": self.Z[i],
                "a": self.A[layer],
                "W_next": self.W_old[layer],
                "delta_next": self.delta[layer],
            }
        elif kind == "gradient":
            a_prev = self.A[i] if i else self._data()[0]
            dW, db = self.grads[2 * i], self.grads[2 * i + 1]
            dW.setflags(write=False)
            db.setflags(write=False)
            v = {"dW": dW, "db": db, "a_prev": a_prev, "delta": self.delta[i]}
        else:
            W_new, b_new = self.cache.frozen_copy()
            v = {
                "W": W_new,
                "b": b_new,
                "W_old": self.W_old,
                "b_old": self.b_old,
                "lr": self.lr,
                "opt_before": self.opt_before,
                "opt_after": getattr(self.trainer.optimizer, "state_snapshot", dict)(),
                "train_biases": self.trainer.train_biases,
            }
        v["n_layers"] = L
        p = _new_tuple(Phase, (kind, layer, self.index, self.step, v))
        self.index += 1
        return p


def _ro(a: np.ndarray) -> np.ndarray:
    """``a``, marked read-only (it was made by this step and is never written again)."""
    a.setflags(write=False)
    return a


# -- the divergence guard's checkpoints --------------------------------------------------------------
class _Checkpoint:
    """The whole state at the start of a step, before its batch is drawn: enough to go back to it exactly."""

    __slots__ = ("step", "flat", "opt_t", "opt", "opt_vecs", "progress", "rng", "lengths", "replayable")

    def __init__(self, size: int) -> None:
        self.flat = np.empty(size)
        self.opt: dict[str, list[np.ndarray]] = {}
        self.opt_vecs: dict[str, np.ndarray] = {}  # key: the vector self.opt[key] views, for state kept flat
        self.step = -1
        self.opt_t = 0
        self.progress: Progress | None = None
        self.rng: dict | None = None
        self.lengths: tuple = ()
        self.replayable = True

    def save_opt_state(self, opt: Optimizer) -> None:
        state = opt.state
        if not state:
            if self.opt:
                self.opt = {}
                self.opt_vecs = {}
            return
        flat = getattr(opt, "_flat", {})
        for key, arrays in state.items():
            saved = self.opt.get(key)
            live = flat.get(key)
            if live is not None and live[1] is arrays:  # one copy of the whole vector
                vec = self.opt_vecs.get(key)
                if vec is None or vec.shape != live[0].shape or saved is None:
                    vec = self.opt_vecs[key] = live[0].copy()
                    self.opt[key] = _views(vec, [a.shape for a in arrays])
                else:
                    np.copyto(vec, live[0])
            elif saved is None or len(saved) != len(arrays) or any(s.shape != a.shape for s, a in zip(saved, arrays)):
                self.opt[key] = [a.copy() for a in arrays]
                self.opt_vecs.pop(key, None)
            else:
                for s, a in zip(saved, arrays):
                    np.copyto(s, a)
        if len(self.opt) != len(state):
            self.opt = {k: v for k, v in self.opt.items() if k in state}
            self.opt_vecs = {k: v for k, v in self.opt_vecs.items() if k in state}


def _all_finite(flat: np.ndarray) -> bool:
    # θ·θ is NaN or inf if any θ is (one BLAS pass, the cheapest test); it also overflows for
    # finite |θ| above ~1e154, so only then is the exact, slower test run.
    return math.isfinite(np.dot(flat, flat)) or bool(np.isfinite(flat).all())


#: The optimisers whose ``step`` takes ``flat=(params, grads)`` vectors.
_FLAT_STEPS = frozenset(cls.step for cls in OPTIMIZER_CLASSES)


def _direct(loss: Loss | None, public: str, private: str) -> Callable | None:
    """``loss._value``/``loss._gradient`` when the public method is :class:`Loss`'s own.

    The public one only checks and aligns shapes, which the trainer's Y and A already
    satisfy; skipping it saves two array conversions per call on the fast path.
    """
    if loss is None:
        return None
    if getattr(type(loss), public, None) is getattr(Loss, public) and hasattr(loss, private):
        return getattr(loss, private)
    return getattr(loss, public)


class Trainer:
    """Trains a :class:`Network` on ``(X, Y)`` with a loss and an optimiser.

    Parameters
    ----------
    network, loss, optimizer
        The model objects; ``loss`` is what backprop differentiates.
    X, Y : ndarray, m × d and m × k
    batch_size : int or None
        ``None`` (or ≥ m) is full batch, in data order.  Mini-batches are drawn from a
        permutation per epoch from ``np.random.default_rng(seed)``.
    report : Loss or None
        What the log and the main curve call "Loss".  ``None`` reports the training loss.
        The lecture trains on ½·MSE and prints MSE: loss = mse(half), report = mse.
    schedule : Schedule or None
        The learning rate of each step, from the optimiser's ``learning_rate`` (``None``: constant).
    """

    def __init__(
        self,
        network: Network,
        loss: Loss,
        optimizer: Optimizer,
        X: ArrayLike,
        Y: ArrayLike,
        batch_size: int | None = None,
        seed: int = 0,
        report: Loss | None = None,
        schedule: Schedule | None = None,
    ) -> None:
        self.network = network
        self.optimizer = optimizer
        self.seed = int(seed)
        self.rng = np.random.default_rng(self.seed)
        self.history = History()
        self.step = 0
        self.epoch = 0
        self.diverged: Divergence | None = None
        self.track_accuracy = False
        self.track_grad_norms = False
        # (dWs, dbs, deltas) of the last completed step; after a fast-path step these are its
        # reused buffers, overwritten by the next fast-path step
        self.last_grads = None
        # progress (the fields of Progress; read them through ``progress``)
        self._order: np.ndarray | None = None
        self._order_fresh = False
        self._batch_pos = 0
        self._epoch_sum = 0.0
        self._epoch_loss_sum = 0.0
        self._epoch_correct = 0.0
        self._epoch_count = 0
        # phase-by-phase stepping
        self._gen: Iterator | None = None
        self._gen_step: _RecordedStep | None = None
        self._appended: int | None = None
        self._gen_phases: list[Phase] = []
        # the divergence guard
        self._ckpts: list[_Checkpoint | None] = [None, None]  # [older, newer]
        self._next_ck = -1
        self._every = CHECKPOINT_EVERY
        self._params_bad = False
        self._failure: tuple[int, Message] | None = None
        self._key: tuple | None = None
        self._end_print: tuple | None = None  # the state when the last phase-by-phase step ended
        self._cache: _Cache | None = None
        self._idx = None
        self._frozen_biases: tuple[int, ...] = ()
        self._rng_seen: tuple | None = None  # (order, the generator's state after drawing it)
        self.schedule: Schedule = Constant()
        self._scheduled = False
        self.set_data(X, Y)
        self.set_loss(loss, report)
        self.set_batch_size(batch_size)
        self.set_schedule(schedule)

    # configuration -----------------------------------------------------------
    def set_data(self, X: ArrayLike, Y: ArrayLike) -> None:
        X = np.array(X, dtype=float)
        Y = np.array(Y, dtype=float)
        if Y.ndim == 1:
            Y = Y.reshape(-1, 1)
        if X.ndim == 1:
            X = X.reshape(-1, 1)
        if X.shape[0] != Y.shape[0] or X.shape[0] == 0:
            raise ValueError(
                msg("model.trainer", "inputs and targets need the same number of rows (≥ 1), got {x} and {y}").format(
                    x=X.shape[0], y=Y.shape[0]
                )
            )
        if X.shape[1] != self.network.sizes[0]:
            raise ValueError(
                msg("model.trainer", "the data has {cols} input columns but the network has {n} inputs").format(
                    cols=X.shape[1], n=self.network.sizes[0]
                )
            )
        if Y.shape[1] != self.network.sizes[-1]:
            raise ValueError(
                msg("model.trainer", "the data has {cols} target columns but the network has {n} outputs").format(
                    cols=Y.shape[1], n=self.network.sizes[-1]
                )
            )
        if not (np.all(np.isfinite(X)) and np.all(np.isfinite(Y))):
            raise ValueError(msg("model.trainer", "the data contains a non-finite number"))
        self._X1 = _with_ones(X)  # [X 1]: the bias multiplies a constant input 1
        for a in (X, Y, self._X1):  # never written: a phase shows them (and its batches' rows) without a copy
            a.setflags(write=False)
        self.X, self.Y = X, Y
        self._m = X.shape[0]
        # what _count_correct compares, worked out once: the target class of each row
        self._labels = Y[:, 0] > 0.5 if Y.shape[1] == 1 else Y.argmax(axis=1)
        self.abort_step()
        self._order = None
        self._order_fresh = False
        self._batch_pos = 0
        self._cache = None
        self._drop_checkpoints()

    def set_loss(self, loss: Loss, report: Loss | None = None) -> None:
        if not getattr(loss, "training", True):
            raise ValueError(msg("model.trainer", "{loss} is a metric, not a training loss").format(loss=loss.name))
        problem = loss.check_output(self.network.layers[-1].activation, self.network.sizes[-1])
        if problem:
            raise ValueError(problem)
        self.loss = loss
        self.report = report
        self._loss_value = _direct(loss, "value", "_value")
        self._loss_gradient = _direct(loss, "gradient", "_gradient")
        self._report_value = _direct(report, "value", "_value")
        # MSE gives its value and gradient from one residual, and an MSE report reuses its Σe²
        self._mse = type(loss) is MSE
        self._report_mse = self._mse and type(report) is MSE
        self._threshold = loss.threshold  # the loss's decision threshold (hinge scores are ±: 0)
        self.abort_step()
        self._settings_changed()

    def set_batch_size(self, batch_size: int | None) -> None:
        if batch_size is not None:
            batch_size = int(batch_size)
            if batch_size < 1:
                raise ValueError(
                    msg("model.trainer", "the batch size must be at least 1, got {size}").format(size=batch_size)
                )
        self.batch_size = batch_size
        self.abort_step()
        self._drop_checkpoints()

    def set_learning_rate(self, lr: float) -> None:
        from .optimizers import _check_lr

        self.optimizer.learning_rate = _check_lr(lr)
        self._settings_changed()

    def set_optimizer(self, optimizer: Optimizer) -> None:
        self.optimizer = optimizer
        self._drop_checkpoints()

    def set_schedule(self, schedule: Schedule | None) -> None:
        """The learning rate of each step from now on (``None``: constant, the optimiser's own)."""
        if schedule is not None and not isinstance(schedule, Schedule):
            raise ValueError(
                msg("model.trainer", "a learning-rate schedule is needed, got {kind}").format(kind=type(schedule))
            )
        self.schedule = Constant() if schedule is None else schedule
        self._scheduled = type(self.schedule) is not Constant
        self._settings_changed()

    def learning_rate_at(self, step: int) -> float:
        """The γ that the update of step ``step`` uses: the optimiser's learning rate after the schedule."""
        base = self.optimizer.learning_rate
        return self.schedule.rate(base, step) if self._scheduled else base

    @property
    def train_biases(self) -> tuple[bool, ...]:
        """Per layer: whether the update changes that layer's biases (the layers' ``train_bias``)."""
        return tuple([layer.train_bias for layer in self.network.layers])

    def set_train_biases(self, flags: bool | Sequence[bool]) -> None:
        """Train (True) or keep (False) each layer's biases; one flag for all, or one per layer."""
        layers = self.network.layers
        if isinstance(flags, (bool, np.bool_)):
            flags = [bool(flags)] * len(layers)
        flags = list(flags)
        if len(flags) != len(layers) or not all(isinstance(f, (bool, np.bool_)) for f in flags):
            raise ValueError(
                msg("model.trainer", "train biases needs one yes/no per layer ({n}), got {flags}").format(
                    n=len(layers), flags=flags
                )
            )
        for layer, f in zip(layers, flags):
            layer.train_bias = bool(f)
        self._settings_changed()

    @property
    def full_batch(self) -> bool:
        return self.batch_size is None or self.batch_size >= self.X.shape[0]

    @property
    def steps_per_epoch(self) -> int:
        m = self.X.shape[0]
        return 1 if self.full_batch else -(-m // self.batch_size)

    @property
    def n_layers(self) -> int:
        return len(self.network.layers)

    # progress -----------------------------------------------------------------------
    @property
    def progress(self) -> Progress:
        """How far training has got (see :class:`Progress`); ``order`` is shared, read-only."""
        return _new_progress(
            Progress,
            (
                self.step,
                self.epoch,
                self._batch_pos,
                self._order,
                self._order_fresh,
                self._epoch_sum,
                self._epoch_loss_sum,
                self._epoch_correct,
                self._epoch_count,
            ),
        )

    def set_progress(self, p: Progress) -> None:
        """Continue from ``p`` (e.g. read from a file); ``ValueError``, changing nothing, if it does not fit."""
        m = self._m
        order = p.order
        if order is not None:
            order = np.array(order, dtype=np.int64)
            if order.shape != (m,) or not np.array_equal(np.sort(order), np.arange(m)):
                raise ValueError(
                    msg("model.trainer", "the order must be a shuffled list of the sample indices 0 … {last}").format(
                        last=m - 1
                    )
                )
        if not (0 <= int(p.batch_pos) < m) or (p.batch_pos and order is None):
            raise ValueError(
                msg(
                    "model.trainer", "the batch position must be the start of a batch within the {m} samples, got {pos}"
                ).format(m=m, pos=p.batch_pos)
            )
        if int(p.step) < 0 or int(p.epoch) < 0 or int(p.epoch_count) < 0:
            raise ValueError(msg("model.trainer", "steps, epochs and counts must be at least 0"))
        self.abort_step()
        self._set_progress(p._replace(order=order))

    def _set_progress(self, p: Progress) -> None:
        order = p.order
        if order is not None and order.flags.writeable:
            order = np.array(order, dtype=np.int64)
            order.setflags(write=False)  # shared with Progress and the timeline, never written
        self.step = int(p.step)
        self.epoch = int(p.epoch)
        self._batch_pos = int(p.batch_pos)
        self._order = order
        self._order_fresh = bool(p.order_fresh) and order is not None
        self._epoch_sum = float(p.epoch_sum)
        self._epoch_loss_sum = float(p.epoch_loss_sum)
        self._epoch_correct = float(p.epoch_correct)
        self._epoch_count = int(p.epoch_count)
        self._rng_seen = None  # (the generator may have been set with the progress)
        self._drop_checkpoints()

    # batches ----------------------------------------------------------------
    def _batch_rows(self) -> np.ndarray:
        """The rows of the next batch, drawing the epoch's permutation at its first (the step advances the position)."""
        if self._batch_pos == 0 and not self._order_fresh:
            order = self.rng.permutation(self.X.shape[0])
            order.setflags(write=False)  # shared with Progress and the timeline, never written
            self._order = order
            self._order_fresh = True
        idx = self._idx = self._order[self._batch_pos : self._batch_pos + self.batch_size]
        return idx

    def _batch(self) -> tuple[np.ndarray, np.ndarray]:
        """``(X, Y)`` of the next batch, drawn as the step draws it (see :meth:`current_batch`)."""
        if self.full_batch:
            return self.X, self.Y
        idx = self._batch_rows()
        return self.X[idx], self.Y[idx]

    def current_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """``(X, Y)`` of the step in progress, or of the next step; changes nothing.

        At the start of an epoch the next step's permutation is drawn from a copy of the
        shuffling generator, so it is the one the step will draw.
        """
        if self.full_batch:
            return self.X, self.Y
        order = self._order
        if self._batch_pos == 0 and not self._order_fresh:
            g = np.random.Generator(type(self.rng.bit_generator)())
            g.bit_generator.state = self.rng.bit_generator.state
            order = g.permutation(self.X.shape[0])
        idx = order[self._batch_pos : self._batch_pos + self.batch_size]
        return self.X[idx], self.Y[idx]

    def _advance(self, batch_loss: float, batch_report: float, correct: float, m: int, full: bool) -> None:
        """The step is done: add it to the epoch's sums; at the epoch's end, record its means and start the next."""
        if full and not self._epoch_count:  # a whole epoch in one step: its means are the step's own values
            self._order_fresh = False
            self._batch_pos = 0
            self.step += 1
            self.epoch += 1
            h = self.history
            h.epoch_report.append(batch_report)
            h.epoch_loss.append(batch_loss)
            h.epoch_step.append(self.step)
            if self.track_accuracy:
                h.epoch_accuracy.append(correct / m)
            return
        self._order_fresh = False
        self._epoch_sum += batch_report * m
        self._epoch_loss_sum += batch_loss * m
        self._epoch_correct += correct
        self._epoch_count += m
        self.step += 1
        if full:
            self._batch_pos = 0
        else:
            self._batch_pos += self.batch_size
            if self._batch_pos < self._m:
                return
            self._batch_pos = 0
        count = self._epoch_count
        h = self.history
        h.epoch_report.append(self._epoch_sum / count)
        h.epoch_loss.append(self._epoch_loss_sum / count)
        h.epoch_step.append(self.step)
        if self.track_accuracy:
            h.epoch_accuracy.append(self._epoch_correct / count)
        self._epoch_sum = self._epoch_loss_sum = self._epoch_correct = 0.0
        self._epoch_count = 0
        self.epoch += 1

    def _prepare(self, record: bool, same_network: bool = False) -> _Step:
        """The arrays of the next step, a checkpoint if one is due, and the step's batch.

        ``same_network``: the caller knows the network's layers and shapes have not changed
        since the last step (a run that no one watches), so that check is skipped.
        """
        cache = self._cache
        if not same_network or cache is None:
            net = self.network
            flat = net.flat
            if cache is None or cache.flat is not flat:  # new shapes or layers: new buffers, old checkpoints void
                cache = self._cache = _Cache(net, flat)
                self._drop_checkpoints()
        if self.step >= self._next_ck:
            self._checkpoint(cache)
        full = self.batch_size is None or self.batch_size >= self._m
        if record:
            s = _RecordedStep(self, cache)
        else:
            m = self._m if full else min(self.batch_size, self._m - self._batch_pos)
            s = cache.per_m.get(m)
            if s is None:
                if len(cache.per_m) > 4:  # batch sizes come and go; keep the memory bounded
                    cache.per_m.clear()
                s = _Step(cache.layers, cache.params, cache.flat, cache.grads, cache.gflat, cache.gWb, m)
                cache.per_m[m] = s
        if full:
            s.begin(self.step, self._X1, self.Y, self.loss, self._loss_gradient)
        else:
            idx = self._batch_rows()
            s.begin(self.step, self._X1[idx], self.Y[idx], self.loss, self._loss_gradient)
        return s

    # the step ---------------------------------------------------------------
    def _step(self, s: _Step) -> Iterator[tuple[str, int | None]]:
        """One training step, phase by phase; a step whose loss is not finite ends at its loss."""
        yield from forward(s)
        if not (yield from self._loss(s)):
            return
        yield from backward(s)
        yield from gradients(s)
        yield from self._update(s)

    def _loss(self, s: _Step):
        """Loss:  L = ℓ(ŷ, y) over the batch (what backprop differentiates), and the reported loss.

        The lecture trains on ½·MSE, ``L = (1/2m) Σ (ŷ − y)²``, and reports MSE; MSE gives its
        value and ∂L/∂ŷ from one residual.  A loss that is not finite, or a step that started
        from a non-finite parameter, ends the step here (the divergence guard).
        """
        Y, out = s.Y, s.A[-1]
        if self._mse:
            s.loss_value, s.dA, squares = self.loss._value_and_gradient(Y, out, s.dA_buf)
            if self._report_mse:
                s.report_value = self.report._value_from_squares(squares, s.dA.size)
            else:
                s.report_value = s.loss_value if self.report is None else float(self._report_value(Y, out))
        else:
            s.loss_value = float(self._loss_value(Y, out))
            s.report_value = s.loss_value if self.report is None else float(self._report_value(Y, out))
        if self._params_bad or not (math.isfinite(s.loss_value) and math.isfinite(s.report_value)):
            s.diverged = True
            self._failure = (s.step, self._reason(s))
            yield "loss", None
            return False
        h = self.history
        h.loss.append(s.loss_value)
        h.report.append(s.report_value)
        self._appended = s.step  # an abort before the update takes these back
        yield "loss", None
        return True

    def _update(self, s: _Step) -> Iterator[tuple[str, None]]:
        """Update:  w ← w − γ·∂L/∂w  for every weight and bias (the optimiser's rule).

        γ is this step's learning rate (the optimiser's, after the schedule); a layer that does
        not train its biases keeps them as they are (its ∂L/∂b is shown, not applied).
        """
        opt = self.optimizer
        base = opt.learning_rate
        s.lr = lr = self.schedule.rate(base, s.step) if self._scheduled else base
        s.before_update(opt)
        params, grads, gflat = s.params, s.grads, s.gflat
        frozen = self._frozen_biases
        if frozen:  # the update sees ∂L/∂b = 0 for them (and the biases are put back, whatever its state)
            gflat = gflat.copy()
            grads = _views(gflat, [p.shape for p in params])
            kept = [params[2 * i + 1].copy() for i in frozen]
            for i in frozen:
                grads[2 * i + 1][...] = 0.0
        if lr is not base:  # the schedule's γ for this step; the setting is put back after
            opt.learning_rate = lr
        try:
            if type(opt).step in _FLAT_STEPS:
                opt.step(params, grads, flat=(s.flat, gflat))
            else:  # an optimiser from elsewhere: the per-array signature
                opt.step(params, grads)
        finally:
            opt.learning_rate = base
        if frozen:
            for i, b in zip(frozen, kept):
                np.copyto(params[2 * i + 1], b)
        self.last_grads = s.last or (s.grads[0::2], s.grads[1::2], s.delta)
        if self.track_grad_norms:
            self._record_grad_norms(self.last_grads[0])
        full = s.A1[0] is self._X1
        correct = 0.0
        if self.track_accuracy:
            labels = self._labels if full else self._labels[self._idx]
            correct = _count_correct_labels(labels, s.A[-1], self._threshold)
        self._advance(s.loss_value, s.report_value, correct, s.A[-1].shape[0], full)
        yield "update", None

    # divergence guard ---------------------------------------------------------
    def _settings_key(self) -> tuple:
        """What the arithmetic of a step depends on besides the state: a replay needs it unchanged."""
        opt = self.optimizer
        return (
            id(opt),
            opt.learning_rate,
            dict(getattr(opt, "params", {})),
            id(self.loss),
            id(self.report),
            self.batch_size,
            id(self.X),
            id(self.schedule),
            self.train_biases,
            self.track_accuracy,
            self.track_grad_norms,
        )

    def _begin_call(self, untouched: bool = False) -> None:
        """A call (run, or a step taken phase by phase) starts: settings may have changed since the last.

        ``untouched``: the caller has checked that nothing was changed since the last call ended
        (see :meth:`_untouched`), so the checkpoints keep their cadence instead of one being taken now.
        """
        key = self._settings_key()
        if key != self._key:
            self._settings_changed()
            self._key = key
            untouched = False
        flags = key[8]
        self._frozen_biases = () if all(flags) else tuple(i for i, f in enumerate(flags) if not f)
        if not untouched:
            self._next_ck = self.step  # a checkpoint at the first step: the weights may have been edited

    def _fingerprint(self) -> tuple | None:
        """What a change between two calls would change (the parameters bit for bit, of a small network only)."""
        flat = self.network.flat
        if flat.size > 4096:
            return None
        return (self.step, self.epoch, self._order, self._batch_pos, self.optimizer.t, flat.tobytes(), id(flat))

    def _untouched(self) -> bool:
        """Nothing (weights, progress, optimizer) changed since the last phase-by-phase step ended."""
        last = self._end_print
        return last is not None and last == self._fingerprint() and last[2] is self._order

    def _settings_changed(self) -> None:
        """Steps before now were taken with other settings: a checkpoint from then may be restored, not replayed."""
        for c in self._ckpts:
            if c is not None:
                c.replayable = False
        self._key = None

    def _drop_checkpoints(self) -> None:
        self._ckpts = [None, None]
        self._next_ck = -1

    def _checkpoint(self, cache: _Cache) -> None:
        """Keep the whole state at the start of this step, and check that its parameters are finite."""
        older, newer = self._ckpts
        step = self.step
        if newer is not None and newer.step == step:
            c = newer
        else:
            c = older if older is not None and older.flat.size == cache.flat.size else _Checkpoint(cache.flat.size)
            self._ckpts = [newer, c]
        np.copyto(c.flat, cache.flat)
        opt = self.optimizer
        c.opt_t = opt.t
        if opt.state or c.opt:
            c.save_opt_state(opt)
        c.step = step
        c.progress = self.progress
        c.rng = self._rng_state()
        c.lengths = self.history.lengths()
        c.replayable = True
        self._next_ck = step + self._every
        self._params_bad = not _all_finite(c.flat)

    def _rng_state(self) -> dict:
        """The shuffling generator's state; read again only after a draw (which makes a new ``order``)."""
        seen = self._rng_seen
        if seen is None or seen[0] is not self._order:
            seen = self._rng_seen = (self._order, self.rng.bit_generator.state)
        return seen[1]

    def _restore(self, c: _Checkpoint) -> None:
        """Back to checkpoint ``c``, exactly; checkpoints after it are dropped."""
        np.copyto(self._cache.flat, c.flat)
        self.optimizer.t = c.opt_t
        self.optimizer.state = {k: [a.copy() for a in v] for k, v in c.opt.items()}
        progress = c.progress
        self.step = progress.step
        self.epoch = progress.epoch
        self._batch_pos = progress.batch_pos
        self._order = progress.order
        self._order_fresh = progress.order_fresh
        self._epoch_sum = progress.epoch_sum
        self._epoch_loss_sum = progress.epoch_loss_sum
        self._epoch_correct = progress.epoch_correct
        self._epoch_count = progress.epoch_count
        self.rng.bit_generator.state = c.rng
        self._rng_seen = (progress.order, c.rng)
        self.history.cut(c.lengths)
        self._ckpts = [k if k is not None and k.step <= c.step else None for k in self._ckpts]
        self._next_ck = c.step + self._every
        self._params_bad = False

    def _reason(self, s: _Step) -> Message:
        """Why step ``s`` ends at its loss: a non-finite parameter (checked now, the rare case) or loss."""
        if self._params_bad or not _all_finite(s.flat):
            return msg("model.trainer", "a weight or bias became non-finite")
        bad = s.loss_value if not math.isfinite(s.loss_value) else s.report_value
        if math.isnan(bad):
            return msg("model.trainer", "the loss became NaN")
        return msg("model.trainer", "the loss became infinite")

    def _fail(self, step: int, reason: Message) -> None:
        """Step ``step`` cannot be taken: go back to the start of the step before it, exactly, and say so."""
        epoch = self.epoch
        self.abort_step()
        restored = self._rewind(step - 1) if step > 0 else None
        if self.diverged is not None:  # the replay met an earlier failure and has said so
            return
        if restored is None:
            text = msg(
                "model.trainer",
                "training diverged at step {step} (epoch {epoch}): {reason}. Try a smaller learning rate.",
            )
        else:
            text = msg(
                "model.trainer",
                "training diverged at step {step} (epoch {epoch}): {reason}; restored the weights of step "
                "{restored}. Try a smaller learning rate.",
            )
        self.diverged = Divergence(step, epoch, text.format(step=step, epoch=epoch, reason=reason, restored=restored))

    def _rewind(self, target: int) -> int | None:
        """Back to the start of step ``target`` (or the latest state before it that can be had); its step, or None."""
        c = None
        for k in self._ckpts:
            if k is not None and k.step <= target and (c is None or k.step > c.step):
                c = k
        if c is None:
            return None
        self._restore(c)
        if c.step < target and c.replayable:
            every, self._every = self._every, 1  # the replay keeps every step, so a failure in it is exact
            self._next_ck = self.step
            try:
                self._run(target - c.step, None)
                if self.diverged is None:
                    self._checkpoint(self._cache)
                    if self._params_bad:
                        self._fail(self.step, msg("model.trainer", "a weight or bias became non-finite"))
            finally:
                self._every = every
                self._next_ck = self.step + every
        return self.step

    def _check_params(self) -> None:
        """At the end of a call: a non-finite parameter (an update overflowed) is divergence at this step."""
        flat = self.network.flat
        if not _all_finite(flat):
            self._fail(self.step, msg("model.trainer", "a weight or bias became non-finite"))

    def _record_grad_norms(self, dWs) -> None:
        h = self.history
        while len(h.grad_norms) < len(dWs):
            g = _Track()
            # aligned with the loss history (whose last value is this step's), not with step 0:
            # a session loaded at step 10⁹ without its history must not allocate 10⁹ NaNs (files)
            g.extend(np.full(max(0, h.lengths()[0] - 1), math.nan))
            h.grad_norms.append(g)
        for g, dW in zip(h.grad_norms, dWs):
            g.append(float(np.sqrt(np.sum(dW * dW))))

    # public stepping ----------------------------------------------------------
    def _run(self, n: int, after_step: Callable | None) -> int:
        """Up to ``n`` whole steps on the fast path; stops on divergence or when ``after_step`` says so."""
        done = 0
        prepare, step, h = self._prepare, self._step, self.history
        watched = after_step is not None
        if not watched:
            h.stage()  # nobody reads the histories until the run returns: append to plain lists
        try:
            while done < n:
                # (the yields are for the phase path; here they pass; unwatched, the network cannot change)
                _consume(step(prepare(False, done and not watched)), maxlen=0)
                if self._failure is not None:
                    failure, self._failure = self._failure, None
                    h.unstage()
                    self._fail(*failure)
                    break
                done += 1
                if watched and after_step(self):
                    break
        finally:
            h.unstage()
        return done

    def run_steps(self, n: int, after_step: Callable[[Trainer], Any] | None = None) -> int:
        """Run up to ``n`` whole steps on the fast path; returns how many completed.

        Stops early on divergence (see :attr:`diverged`; steps undone by the guard do not
        count) or when ``after_step(self)`` returns a true value.  A phase-by-phase step in
        progress is finished first and counts as one.
        """
        self.diverged = None
        start = self.step
        with np.errstate(all="ignore"):  # divergence is caught by the guard, not warned
            if self._gen is not None:
                self.finish_step()
                if self.diverged is not None or n <= 1 or (after_step is not None and after_step(self)):
                    return max(0, self.step - start)
                n -= 1
            self._begin_call()
            self._run(int(n), after_step)
            if self.diverged is None:
                self._check_params()
        return max(0, self.step - start)

    def run_epochs(self, n: int, after_step: Callable[[Trainer], Any] | None = None) -> int:
        """Run whole epochs (the rest of the current one counts as the first); returns steps run."""
        n = int(n)
        if n <= 0:
            return 0
        pending = 0 if self.full_batch else self._batch_pos // self.batch_size
        return self.run_steps(n * self.steps_per_epoch - pending, after_step)

    @property
    def in_step(self) -> bool:
        """True while a phase-by-phase step is part-way through."""
        return self._gen is not None

    @property
    def current_phases(self) -> list[Phase]:
        """The phases already taken in the step in progress (or the last completed step)."""
        return list(self._gen_phases)

    def step_phase(self) -> Phase:
        """Advance one phase and return it; the step's last phase is the update."""
        with np.errstate(all="ignore"):
            return self._next_phase()

    def _begin_phase_step(self) -> _RecordedStep:
        """A step taken phase by phase starts: it is a call of its own (a checkpoint at its start,
        unless the last phase-by-phase step ended here and nothing has changed since)."""
        self.diverged = None
        self._begin_call(self._untouched())
        self._end_print = None
        s = self._gen_step = self._prepare(True)
        self._gen = self._step(s)
        self._gen_phases = []
        return s

    def _end_phase_step(self, s: _RecordedStep, last: Phase) -> None:
        """The step's last phase (its update, or a diverged loss) is taken: the guard has its say."""
        self._gen = self._gen_step = None
        self._appended = None
        if s.diverged:
            failure, self._failure = self._failure, None
            self._fail(*failure)
        else:
            self._check_params()
            if self.diverged is not None:
                last.values["diverged"] = True
            else:
                self._end_print = self._fingerprint()

    def _next_phase(self) -> Phase:
        s = self._gen_step if self._gen is not None else self._begin_phase_step()
        kind, layer = next(self._gen)
        p = s.phase(kind, layer)
        self._gen_phases.append(p)
        if kind == "update" or s.diverged:
            self._gen.close()
            self._end_phase_step(s, p)
        return p

    def finish_step(self) -> list[Phase]:
        """Run the rest of the step in progress phase by phase; returns the phases taken."""
        out = []
        with np.errstate(all="ignore"):
            while self._gen is not None:
                out.append(self._next_phase())
        return out

    def step_phases(self) -> list[Phase]:
        """One whole step, phase by phase (finishing any step in progress first)."""
        if self._gen is not None:
            return self.finish_step()
        with np.errstate(all="ignore"):
            s = self._begin_phase_step()
            phases = self._gen_phases
            for kind, layer in self._gen:  # (ends after the update, or after a diverged loss)
                phases.append(s.phase(kind, layer))
            self._end_phase_step(s, phases[-1])
        return list(phases)

    def abort_step(self) -> None:
        """Drop a phase-by-phase step in progress; the next step starts over (with the same batch)."""
        if getattr(self, "_gen", None) is not None:
            self._gen.close()
            if self._appended == self.step:  # it got past its loss phase: forget that loss
                h = self.history
                _cut(h.loss, h.loss.n - 1)
                _cut(h.report, h.report.n - 1)
        self._gen = None
        self._gen_step = None
        self._appended = None

    # evaluation ---------------------------------------------------------------
    def evaluate(self, network: Network | None = None, out: np.ndarray | None = None) -> tuple[float, float, float]:
        """``(loss, report, accuracy)`` on the whole data set, by this trainer's loss, report and threshold.

        ``network``: another network of the same shape (a recorded step's), else the trainer's own;
        ``out``: that network's output on the whole data, when the caller has it already.
        """
        with np.errstate(all="ignore"):  # a diverged network evaluates to inf/NaN, not a warning
            if out is None:
                out = (self.network if network is None else network).predict(self.X)
            loss = float(self.loss.value(self.Y, out))
            report = loss if self.report is None else float(self.report.value(self.Y, out))
            acc = _count_correct(self.Y, out, self._threshold) / self.Y.shape[0]
        return loss, report, acc

    # state for sessions and time travel -----------------------------------------
    def state_dict(self) -> dict:
        """Everything needed to resume bit-for-bit (arrays are copies)."""
        p = self.progress
        return {
            "params": [a.copy() for a in self.network.params()],
            "optimizer": self.optimizer.get_state(),
            "step": p.step,
            "epoch": p.epoch,
            "rng": self.rng.bit_generator.state,
            "batch_pos": p.batch_pos,
            "order": None if p.order is None else p.order.copy(),
            "order_fresh": p.order_fresh,
            "epoch_acc": (p.epoch_sum, p.epoch_loss_sum, p.epoch_correct, p.epoch_count),
        }

    def load_state_dict(self, s: dict, truncate_history: bool = True) -> None:
        self.abort_step()
        self.network.set_params(s["params"])
        self.optimizer.set_state(s["optimizer"], self.network.param_shapes())
        self.rng.bit_generator.state = s["rng"]
        order = s["order"]
        self._set_progress(
            Progress(
                int(s["step"]),
                int(s["epoch"]),
                int(s["batch_pos"]),
                None if order is None else np.array(order, dtype=np.int64),
                bool(s["order_fresh"]),
                *s["epoch_acc"],
            )
        )
        self.diverged = None
        if truncate_history:
            h = self.history
            for series, n in ((h.loss, self.step), (h.report, self.step), (h.epoch_report, self.epoch)):
                _cut(series, min(series.n, n))
            for series, n in ((h.epoch_loss, self.epoch), (h.epoch_accuracy, self.epoch), (h.epoch_step, self.epoch)):
                _cut(series, min(series.n, n))
            for g in h.grad_norms:
                _cut(g, min(g.n, self.step))


def _count_correct_labels(labels, out, threshold=0.5) -> float:
    """Like :func:`_count_correct`, against the precomputed target classes ``labels``."""
    if out.shape[1] == 1:
        return float(np.count_nonzero(np.greater(out[:, 0], threshold) == labels))
    return float(np.count_nonzero(out.argmax(axis=1) == labels))


def _count_correct(Y, out, threshold=0.5) -> float:
    """Correct predictions: one column thresholds the output, several compare argmaxes."""
    if Y.shape[1] == 1:
        return float(np.count_nonzero((out[:, 0] > threshold) == (Y[:, 0] > 0.5)))
    return float(np.count_nonzero(out.argmax(axis=1) == Y.argmax(axis=1)))
