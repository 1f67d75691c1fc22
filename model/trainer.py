"""Training loop with two speeds that give bit-identical weights.

One training step is a sequence of named phases, in the lecture's order::

    forward 1 … L  →  loss  →  δ(L) … δ(1)  →  ∂L/∂W(L), ∂L/∂b(L) … (1)  →  update

:meth:`Trainer.step_phase` advances one phase and returns a read-only :class:`Phase`
holding that phase's values; :meth:`Trainer.run_steps` runs whole steps on the fast path
(no phase records, every array preallocated).  Both drive the same generator,
:meth:`Trainer._step`, so the arithmetic is the same operation for operation and the
weights are bit-identical whichever way, or mixture of ways, a run was stepped.

Divergence guard: a step whose loss (or reported loss) is not finite, or that starts from
a non-finite weight or bias, is not taken.  Training stops (:attr:`Trainer.diverged`
says at which step and why) and the trainer goes back to the start of the step before,
the last whose loss was finite: weights, optimiser state, counters, shuffling and
histories, exactly as a run that stopped there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .losses import MSE, Loss
from .network import Network
from .optimizers import OPTIMIZER_CLASSES

__all__ = ["Phase", "Divergence", "History", "Trainer", "phase_plan", "phase_title"]


_F64 = np.dtype(np.float64)


def _frozen(a):
    a = a.copy() if type(a) is np.ndarray and a.dtype is _F64 else np.array(a, dtype=float, copy=True)
    a.setflags(write=False)
    return a


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
                ``lr``, ``opt_before``, ``opt_after`` (the optimizer's state before and after the
                update: ``{"t": t, key: [read-only arrays, one per parameter array]}``)

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


def phase_plan(n_layers: int):
    """The ``(kind, layer)`` sequence of one step for a network of ``n_layers`` layers."""
    L = n_layers
    plan = [("forward", l) for l in range(1, L + 1)]
    plan.append(("loss", None))
    plan += [("delta", l) for l in range(L, 0, -1)]
    plan += [("gradient", l) for l in range(L, 0, -1)]
    plan.append(("update", None))
    return plan


def _layer_name(layer, n_layers):
    if n_layers and layer == n_layers:
        return "the output layer"
    return f"hidden layer {layer}"


def phase_title(kind, layer, n_layers=0) -> str:
    """The phase in words, e.g. ``Backward: δ of hidden layer 1``."""
    if kind == "forward":
        return f"Forward: z({layer}) and a({layer}) of {_layer_name(layer, n_layers)}"
    if kind == "loss":
        return "Loss: compare the prediction with the target"
    if kind == "delta":
        return f"Backward: δ({layer}) of {_layer_name(layer, n_layers)}"
    if kind == "gradient":
        return f"Gradients: ∂L/∂W({layer}) and ∂L/∂b({layer})"
    if kind == "update":
        return "Update: w ← w − γ·∂L/∂w"
    return kind


@dataclass(frozen=True)
class Divergence:
    """Where training stopped: the step that met a non-finite loss or parameter, its epoch, one line to show."""

    step: int
    epoch: int
    message: str


class _Growing:
    """A float64 array that doubles its buffer as it grows; ``view()`` is the filled part."""

    def __init__(self, capacity=1024):
        self._buf = np.empty(capacity)
        self.n = 0

    def append(self, x):
        if self.n == self._buf.size:
            self._buf = np.concatenate([self._buf, np.empty(self._buf.size)])
        self._buf[self.n] = x
        self.n += 1

    def truncate(self, n):
        self.n = min(self.n, n)

    def view(self):
        return self._buf[: self.n]

    def extend(self, values):
        for v in values:
            self.append(v)


class History:
    """Per-step training loss and reported loss; per-epoch reported loss (and accuracy if tracked)."""

    def __init__(self):
        self.loss = _Growing()
        self.report = _Growing()
        self.epoch_report = _Growing()
        self.epoch_loss = _Growing()
        self.epoch_accuracy = _Growing()
        self.grad_norms: list[_Growing] = []

    def to_dict(self):
        return {
            "loss": self.loss.view().tolist(),
            "report": self.report.view().tolist(),
            "epoch_loss": self.epoch_loss.view().tolist(),
            "epoch_report": self.epoch_report.view().tolist(),
            "epoch_accuracy": self.epoch_accuracy.view().tolist(),
        }

    @classmethod
    def from_dict(cls, d):
        h = cls()
        for key in ("loss", "report", "epoch_loss", "epoch_report", "epoch_accuracy"):
            getattr(h, key).extend(float(v) for v in d.get(key, []))
        if h.report.n == 0 and h.loss.n:
            h.report.extend(h.loss.view())
        return h


def _read_only(a):
    a.setflags(write=False)
    return a


def _make_phase(kind, layer, index, step, n_layers, values, shared):
    """A :class:`Phase` holding read-only ``values`` (arrays and lists of arrays).

    Arrays whose id is in ``shared`` (the data) live on and are copied, once per step
    (``shared`` maps their id to the copy, made on first use); the others were made by this
    step alone and are never written again, so they are only marked read-only, not copied.
    """
    ndarray = np.ndarray
    for k, v in values.items():  # (``values`` is the caller's fresh ** dict: updated in place)
        t = type(v)
        if t is ndarray:
            i = id(v)
            if i in shared:
                c = shared[i]
                if c is None:
                    c = shared[i] = v.copy() if v.dtype is _F64 else np.array(v, dtype=float)
                    c.setflags(write=False)
                values[k] = c
            elif v.flags.writeable:  # (an array shown again, e.g. z, is read-only already)
                v.setflags(write=False)
        elif t is list and v and type(v[0]) is ndarray:
            for a in v:
                if a.flags.writeable:  # (parameter copies are made read-only as they are made)
                    a.setflags(write=False)
    values["n_layers"] = n_layers
    return Phase(kind, layer, index, step, values)


def _views(vec, shapes):
    """Views of the contiguous vector ``vec``, one per shape, laid end to end."""
    out = []
    start = 0
    for shape in shapes:
        n = math.prod(shape)
        out.append(vec[start : start + n].reshape(shape))
        start += n
    return out


class _Cache:
    """What a step needs of the network while its flat parameter vector stays the same object.

    ``params`` are the views ``[W1, b1, …]``; ``layers`` holds ``(W, b, activation)`` per
    layer; ``grads`` are views ``[dW1, db1, …]`` into ``gflat``, laid out like ``flat``.
    """

    __slots__ = ("flat", "params", "shapes", "slices", "layers", "gflat", "grads", "per_m")

    def __init__(self, network, flat):
        self.flat = flat
        self.params = network.params()
        self.shapes = [p.shape for p in self.params]
        ends = np.cumsum([p.size for p in self.params]).tolist()
        self.slices = [(end - p.size, end, p.shape) for end, p in zip(ends, self.params)]
        self.layers = tuple((layer.W, layer.b, layer.act) for layer in network.layers)
        self.gflat = np.empty(flat.size)
        self.grads = _views(self.gflat, self.shapes)
        self.per_m = {}

    def frozen_copy(self):
        """``([W1, W2, …], [b1, b2, …])``: read-only views of one copy of the parameters."""
        copy = self.flat.copy()
        copy.setflags(write=False)  # (its views are read-only too)
        views = [copy[start:stop].reshape(shape) for start, stop, shape in self.slices]
        return views[0::2], views[1::2]


class _Buffers:
    """Per-layer arrays of one step: Z, A (``A[0]`` is the batch), f′(Z), δ(l+1) W(l+1)ᵀ, δ, ∂L/∂ŷ, and the gradients.

    ``grads`` is ``[dW1, db1, dW2, db2, …]``, views into the flat vector ``gflat`` laid out
    like the network's parameters.  Entries of ``None`` make numpy allocate.
    """

    __slots__ = ("Z", "A", "fp", "back", "delta", "dA", "grads", "gflat", "last")

    def __init__(self, m, fan_out, grads, gflat):
        self.Z = [np.empty((m, n)) for n in fan_out]
        self.A = [None] + [np.empty((m, n)) for n in fan_out]
        self.fp = [np.empty((m, n)) for n in fan_out]
        self.back = [np.empty((m, n)) for n in fan_out]
        self.delta = [np.empty((m, n)) for n in fan_out]
        self.dA = np.empty((m, fan_out[-1]))
        self.grads = grads
        self.gflat = gflat
        self.last = (grads[0::2], grads[1::2], self.delta)  # what last_grads shows after a fast step

    @classmethod
    def fresh(cls, n_layers, slices):
        """Buffers for one phase-by-phase step: numpy allocates, the gradients get a vector of their own."""
        b = cls.__new__(cls)
        b.Z, b.fp, b.back, b.delta = ([None] * n_layers for _ in range(4))
        b.A = [None] * (n_layers + 1)
        b.dA = None
        b.gflat = g = np.empty(slices[-1][1])
        b.grads = [g[start:stop].reshape(shape) for start, stop, shape in slices]
        b.last = None
        return b


class _Backup:
    """One slot of the divergence guard: parameters (views of one flat array), optimiser state, counters."""

    def __init__(self, params):
        self.flat = np.empty(sum(p.size for p in params))
        self.params = _views(self.flat, [p.shape for p in params])
        self.opt = {}
        self.opt_vecs = {}  # key: the vector self.opt[key] views, for optimiser state kept flat
        self.opt_t = 0
        self.step = -1
        self.counters = ()
        self.lengths = ()

    def save_opt_state(self, opt):
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


#: The optimisers whose ``step`` takes ``flat=(params, grads)`` vectors.
_FLAT_STEPS = frozenset(cls.step for cls in OPTIMIZER_CLASSES)


def _direct(loss, public, private):
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
    """

    def __init__(self, network: Network, loss, optimizer, X, Y, batch_size=None, seed=0, report=None):
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
        self._order = None
        self._order_fresh = False
        self._batch_pos = 0
        self._epoch_sum = 0.0
        self._epoch_loss_sum = 0.0
        self._epoch_correct = 0.0
        self._epoch_count = 0
        self._gen = None
        self._appended = None
        self._gen_phases: list[Phase] = []
        self._backups = [None, None]
        self._pre_draw = None
        self._bufs = None
        self._idx = None
        self.set_data(X, Y)
        self.set_loss(loss, report)
        self.set_batch_size(batch_size)

    # configuration -----------------------------------------------------------
    def set_data(self, X, Y):
        X = np.array(X, dtype=float)
        Y = np.array(Y, dtype=float)
        if Y.ndim == 1:
            Y = Y.reshape(-1, 1)
        if X.ndim == 1:
            X = X.reshape(-1, 1)
        if X.shape[0] != Y.shape[0] or X.shape[0] == 0:
            raise ValueError(
                f"inputs and targets need the same number of rows (≥ 1), got {X.shape[0]} and {Y.shape[0]}"
            )
        if X.shape[1] != self.network.sizes[0]:
            raise ValueError(
                f"the data has {X.shape[1]} input columns but the network has {self.network.sizes[0]} inputs"
            )
        if Y.shape[1] != self.network.sizes[-1]:
            raise ValueError(
                f"the data has {Y.shape[1]} target columns but the network has {self.network.sizes[-1]} outputs"
            )
        if not (np.all(np.isfinite(X)) and np.all(np.isfinite(Y))):
            raise ValueError("the data contains a non-finite number")
        self.X, self.Y = X, Y
        self._m = X.shape[0]
        # what _count_correct compares, worked out once: the target class of each row
        self._labels = Y[:, 0] > 0.5 if Y.shape[1] == 1 else Y.argmax(axis=1)
        self._abort_step()
        self._order = None
        self._order_fresh = False
        self._batch_pos = 0
        self._bufs = None
        self._drop_backups()

    def set_loss(self, loss, report=None):
        if not getattr(loss, "training", True):
            raise ValueError(f"{loss.name} is a metric, not a training loss")
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
        self._abort_step()

    def set_batch_size(self, batch_size):
        if batch_size is not None:
            batch_size = int(batch_size)
            if batch_size < 1:
                raise ValueError(f"the batch size must be at least 1, got {batch_size}")
        self.batch_size = batch_size
        self._abort_step()
        self._drop_backups()

    def set_learning_rate(self, lr):
        from .optimizers import _check_lr

        self.optimizer.learning_rate = _check_lr(lr)

    def set_optimizer(self, optimizer):
        self.optimizer = optimizer
        self._drop_backups()

    @property
    def full_batch(self):
        return self.batch_size is None or self.batch_size >= self.X.shape[0]

    @property
    def steps_per_epoch(self):
        m = self.X.shape[0]
        return 1 if self.full_batch else -(-m // self.batch_size)

    @property
    def n_layers(self):
        return len(self.network.layers)

    # batches ----------------------------------------------------------------
    def _batch(self):
        """The next batch, without advancing (that happens when the step completes)."""
        if self.full_batch:
            return self.X, self.Y
        if self._batch_pos == 0 and not self._order_fresh:
            # remembered so the divergence guard can rewind a draw made by the step it undoes
            self._pre_draw = (self.step, self.rng.bit_generator.state)
            self._order = self.rng.permutation(self.X.shape[0])
            self._order_fresh = True
        idx = self._idx = self._order[self._batch_pos : self._batch_pos + self.batch_size]
        return self.X[idx], self.Y[idx]

    def _advance(self, batch_loss, batch_report, correct, m, full):
        self._order_fresh = False
        self._epoch_sum += batch_report * m
        self._epoch_loss_sum += batch_loss * m
        self._epoch_correct += correct
        self._epoch_count += m
        self.step += 1
        if full:
            self._batch_pos = 0
            end = True
        else:
            self._batch_pos += self.batch_size
            end = self._batch_pos >= self.X.shape[0]
            if end:
                self._batch_pos = 0
        if end:
            h = self.history
            h.epoch_report.append(self._epoch_sum / self._epoch_count)
            h.epoch_loss.append(self._epoch_loss_sum / self._epoch_count)
            if self.track_accuracy:
                h.epoch_accuracy.append(self._epoch_correct / self._epoch_count)
            self._epoch_sum = self._epoch_loss_sum = self._epoch_correct = 0.0
            self._epoch_count = 0
            self.epoch += 1

    def _buffers(self, m, record):
        """The arrays a step on ``m`` rows writes Z, A, f′, δ and the gradients into.

        The fast path's are reused step after step (large layers would otherwise cost an
        allocation and page faults per array per step); rebuilt when the network's parameter
        vector changes (new shapes or layers), which also drops the divergence guard's backups.
        The phase path (``record``) gets fresh arrays instead, so stepping phase by phase never
        overwrites the fast path's :attr:`last_grads`.

        Returns ``(buffers, cache)``; ``cache`` is a :class:`_Cache` of the network's flat
        parameter vector and its views.
        """
        net = self.network
        flat = net.flat
        cache = self._bufs
        if cache is None or cache.flat is not flat:
            cache = self._bufs = _Cache(net, flat)
            self._drop_backups()
        if record:
            return _Buffers.fresh(len(cache.layers), cache.slices), cache
        b = cache.per_m.get(m)
        if b is None:
            if len(cache.per_m) > 4:  # batch sizes come and go; keep the memory bounded
                cache.per_m.clear()
            b = cache.per_m[m] = _Buffers(m, [s[1] for s in cache.shapes[0::2]], cache.grads, cache.gflat)
        return b, cache

    # the step ---------------------------------------------------------------
    def _step(self, record):
        """One training step as a generator.

        With ``record`` it yields a :class:`Phase` after each phase; without, it yields nothing
        and runs the same arithmetic in preallocated arrays (the fast path).  Both paths run
        every numpy operation below in the same order, so their numbers are bit-identical.
        """
        batch_size = self.batch_size
        full = batch_size is None or batch_size >= self._m
        if full:
            X, Y = self.X, self.Y
        else:
            X, Y = self._batch()
        m = X.shape[0]
        step = self.step
        loss = self.loss
        bufs, cache = self._buffers(m, record)
        layers = cache.layers  # (W, b, activation) per layer: views into the flat parameters
        L = len(layers)
        params = cache.params
        if record:
            idx = 0
            shared = dict.fromkeys((id(X), id(Y), id(self.X), id(self.Y)))  # id → its copy

            def phase(kind, layer, **values):
                nonlocal idx
                p = _make_phase(kind, layer, idx, step, L, values, shared)
                idx += 1
                return p

        params_finite = self._save_backup(cache)
        if record:
            # one read-only copy of the step's parameters, shown by the forward, δ and update phases
            W_old, b_old = cache.frozen_copy()

        # forward: Z(l) = A(l−1) W(l) + b(l), A(l) = f(Z(l))
        Zs = bufs.Z
        As = bufs.A
        As[0] = A = X
        i = 0
        for W, b, act in layers:
            Z = np.matmul(A, W, out=Zs[i])
            Z += b
            Zs[i] = Z
            As[i + 1] = A = act.forward(Z, out=As[i + 1])
            if record:
                yield phase("forward", i + 1, a_prev=As[i], z=Z, a=A, W=W_old[i], b=b_old[i])
            i += 1

        # loss
        out = A
        dA = None
        if self._mse:  # value and ∂L/∂ŷ from one residual (MSE has no fused δ)
            loss_value, dA, squares = loss._value_and_gradient(Y, out, bufs.dA)
            if self._report_mse:
                report_value = self.report._value_from_squares(squares, dA.size)
            else:
                report_value = loss_value if self.report is None else float(self._report_value(Y, out))
        else:
            loss_value = float(self._loss_value(Y, out))
            report_value = loss_value if self.report is None else float(self._report_value(Y, out))
        if not (params_finite and math.isfinite(loss_value) and math.isfinite(report_value)):
            self._diverge(step, loss_value, report_value, params_finite)
            if record:
                yield phase("loss", None, loss=loss_value, report=report_value, y_pred=out, y_true=Y, diverged=True)
            return
        h = self.history
        h.loss.append(loss_value)
        h.report.append(report_value)
        if record:
            self._appended = step  # an abort before the update takes these back
            yield phase("loss", None, loss=loss_value, report=report_value, y_pred=out, y_true=Y)

        # backward: δ(L) … δ(1)
        deltas = bufs.delta
        act = layers[-1][2]
        delta = None if dA is not None else loss.fused_delta(act.name, Y, out)
        if delta is not None:
            deltas[-1] = delta
            if record:
                dA = self._loss_gradient(Y, out)
                fp = act.derivative(Zs[-1], out)
                yield phase("delta", L, delta=delta, dA=dA, fprime=fp, z=Zs[-1], a=out, fused=True)
        else:
            if dA is None:
                dA = self._loss_gradient(Y, out)
            fp = act.derivative(Zs[-1], out, out=bufs.fp[-1])
            if act.elementwise:
                delta = deltas[-1] = np.multiply(dA, fp, out=deltas[-1])
            else:
                delta = deltas[-1] = act.vjp(out, dA)
            if record:
                yield phase("delta", L, delta=delta, dA=dA, fprime=fp, z=Zs[-1], a=out, fused=False)
        for i in range(L - 2, -1, -1):
            W_next = layers[i + 1][0]
            fp = layers[i][2].derivative(Zs[i], As[i + 1], out=bufs.fp[i])
            back = np.matmul(deltas[i + 1], W_next.T, out=bufs.back[i])
            delta = deltas[i] = np.multiply(back, fp, out=deltas[i])
            if record:
                yield phase(
                    "delta",
                    i + 1,
                    delta=delta,
                    back=back,
                    fprime=fp,
                    z=Zs[i],
                    a=As[i + 1],
                    W_next=W_old[i + 1],
                    delta_next=deltas[i + 1],
                )

        # gradients, output layer first: ∂L/∂W(l) = A(l−1)ᵀ δ(l), ∂L/∂b(l) = Σ_rows δ(l)
        # (written into views of one vector, so the update runs over it in one pass)
        grads = bufs.grads
        for i in range(L - 1, -1, -1):
            dW = np.matmul(As[i].T, deltas[i], out=grads[2 * i])
            db = np.add.reduce(deltas[i], axis=0, out=grads[2 * i + 1])
            if record:
                yield phase("gradient", i + 1, dW=dW, db=db, a_prev=As[i], delta=deltas[i])

        # update
        opt = self.optimizer
        # the inspector writes the update with the optimizer's own state before and after it
        opt_before = getattr(opt, "state_snapshot", dict)() if record else None
        if type(opt).step in _FLAT_STEPS:
            opt.step(params, grads, flat=(cache.flat, bufs.gflat))
        else:  # an optimiser from elsewhere: the per-array signature
            opt.step(params, grads)
        self.last_grads = bufs.last or (grads[0::2], grads[1::2], deltas)
        if self.track_grad_norms:
            self._record_grad_norms(self.last_grads[0])
        correct = 0.0
        if self.track_accuracy:
            labels = self._labels if full else self._labels[self._idx]
            correct = _count_correct_labels(labels, out, self._threshold)
        self._advance(loss_value, report_value, correct, m, full)
        if record:
            W_new, b_new = cache.frozen_copy()
            yield phase(
                "update",
                None,
                W=W_new,
                b=b_new,
                W_old=W_old,
                b_old=b_old,
                lr=opt.learning_rate,
                opt_before=opt_before,
                opt_after=getattr(opt, "state_snapshot", dict)(),
            )

    # divergence guard ---------------------------------------------------------
    def _save_backup(self, cache) -> bool:
        """Copy the parameters, optimiser state and counters at the start of a step; True if all finite.

        Two slots alternate, so when step s finds a non-finite loss or parameter, the slot of
        step s − 1 (whose loss was finite) is still intact to restore.
        """
        step = self.step
        slots = self._backups
        b = slots[step & 1]
        if b is None:  # (the slots are dropped whenever the network's shapes change)
            b = slots[step & 1] = _Backup(cache.params)
        flat = b.flat
        np.copyto(flat, cache.flat)
        # θ·θ is NaN or inf if any θ is (one BLAS pass, the cheapest test); it also overflows
        # for finite |θ| above ~1e154, so only then is the exact, slower test run.
        finite = math.isfinite(np.dot(flat, flat)) or bool(np.isfinite(flat).all())
        opt = self.optimizer
        b.opt_t = opt.t
        if opt.state or b.opt:
            b.save_opt_state(opt)
        b.step = step
        h = self.history
        b.counters = (
            self.epoch,
            self._batch_pos,
            self._order,
            self._order_fresh,
            self._epoch_sum,
            self._epoch_loss_sum,
            self._epoch_correct,
            self._epoch_count,
        )
        b.lengths = (
            h.loss.n,
            h.report.n,
            h.epoch_report.n,
            h.epoch_loss.n,
            h.epoch_accuracy.n,
            [g.n for g in h.grad_norms] if h.grad_norms else (),
        )
        return finite

    def _drop_backups(self):
        self._backups = [None, None]

    def _diverge(self, step, loss_value, report_value, params_finite):
        epoch = self.epoch
        b = self._backups[(step - 1) & 1]
        restored = ""
        if step > 0 and b is not None and b.step == step - 1:
            self.network.set_params(b.params)
            self.optimizer.t = b.opt_t
            self.optimizer.state = {k: [a.copy() for a in v] for k, v in b.opt.items()}
            self.step = b.step
            (
                self.epoch,
                self._batch_pos,
                self._order,
                self._order_fresh,
                self._epoch_sum,
                self._epoch_loss_sum,
                self._epoch_correct,
                self._epoch_count,
            ) = b.counters
            if self._pre_draw is not None and self._pre_draw[0] == step:
                self.rng.bit_generator.state = self._pre_draw[1]  # undo the permutation drawn by step s
            self._pre_draw = None
            h = self.history
            n_loss, n_report, n_epoch_report, n_epoch_loss, n_epoch_acc, n_norms = b.lengths
            h.loss.truncate(n_loss)
            h.report.truncate(n_report)
            h.epoch_report.truncate(n_epoch_report)
            h.epoch_loss.truncate(n_epoch_loss)
            h.epoch_accuracy.truncate(n_epoch_acc)
            for g, n in zip(h.grad_norms, n_norms):
                g.truncate(n)
            restored = f"; restored the weights of step {self.step}"
        self._drop_backups()
        if not params_finite:
            what = "a weight or bias became non-finite"
        else:
            bad = loss_value if not math.isfinite(loss_value) else report_value
            what = "the loss became " + ("NaN" if math.isnan(bad) else "infinite")
        self.diverged = Divergence(
            step,
            epoch,
            f"training diverged at step {step} (epoch {epoch}): {what}{restored}. Try a smaller learning rate.",
        )

    def _record_grad_norms(self, dWs):
        h = self.history
        while len(h.grad_norms) < len(dWs):
            g = _Growing()
            # aligned with the loss history (whose last value is this step's), not with step 0:
            # a session loaded at step 10⁹ without its history must not allocate 10⁹ NaNs (files)
            g.extend([math.nan] * max(0, h.loss.n - 1))
            h.grad_norms.append(g)
        for g, dW in zip(h.grad_norms, dWs):
            g.append(float(np.sqrt(np.sum(dW * dW))))

    # public stepping ----------------------------------------------------------
    def run_steps(self, n, after_step=None) -> int:
        """Run up to ``n`` whole steps on the fast path; returns how many completed.

        Stops early on divergence (see :attr:`diverged`; a step undone by the guard does not
        count) or when ``after_step(self)`` returns a true value.  A phase-by-phase step in
        progress is finished first and counts as one.
        """
        done = 0
        self.diverged = None
        if self._gen is not None:
            self.finish_step()
            if self.diverged:
                return 0
            done = 1
            if after_step is not None and after_step(self):
                return done
        step = self._step
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is caught by the guard, not warned
            while done < n:
                for _ in step(False):
                    pass
                if self.diverged is not None:
                    if self.step < self.diverged.step and done > 0:
                        done -= 1  # the guard undid the step before the one that diverged
                    break
                done += 1
                if after_step is not None and after_step(self):
                    break
        return done

    def run_epochs(self, n, after_step=None) -> int:
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
        with np.errstate(over="ignore", invalid="ignore"):
            return self._next_phase()

    def _next_phase(self) -> Phase:
        if self._gen is None:
            self.diverged = None
            self._gen = self._step(True)
            self._gen_phases = []
        try:
            p = next(self._gen)
        except StopIteration:  # pragma: no cover - the generator always yields its update
            self._gen = None
            raise
        self._gen_phases.append(p)
        if p.kind == "update" or p.values.get("diverged"):
            self._gen.close()
            self._gen = None
        return p

    def finish_step(self) -> list[Phase]:
        """Run the rest of the step in progress phase by phase; returns the phases taken."""
        out = []
        with np.errstate(over="ignore", invalid="ignore"):
            while self._gen is not None:
                out.append(self._next_phase())
        return out

    def step_phases(self) -> list[Phase]:
        """One whole step, phase by phase (finishing any step in progress first)."""
        if self._gen is not None:
            return self.finish_step()
        with np.errstate(over="ignore", invalid="ignore"):
            out = [self._next_phase()]
            while self._gen is not None:
                out.append(self._next_phase())
        return out

    def _abort_step(self):
        """Drop a phase-by-phase step in progress; the next step starts over (with the same batch)."""
        if getattr(self, "_gen", None) is not None:
            self._gen.close()
            if self._appended == self.step:  # it got past its loss phase: forget that loss
                h = self.history
                h.loss.truncate(h.loss.n - 1)
                h.report.truncate(h.report.n - 1)
        self._gen = None
        self._appended = None

    # evaluation ---------------------------------------------------------------
    def evaluate(self):
        """``(loss, report, accuracy)`` on the whole data set at the current weights."""
        with np.errstate(all="ignore"):  # a diverged network evaluates to inf/NaN, not a warning
            out = self.network.predict(self.X)
            loss = float(self.loss.value(self.Y, out))
            report = loss if self.report is None else float(self.report.value(self.Y, out))
            acc = _count_correct(self.Y, out, self._threshold) / self.Y.shape[0]
        return loss, report, acc

    # state for sessions and time travel -----------------------------------------
    def state_dict(self) -> dict:
        """Everything needed to resume bit-for-bit (arrays are copies)."""
        return {
            "params": [p.copy() for p in self.network.params()],
            "optimizer": self.optimizer.get_state(),
            "step": self.step,
            "epoch": self.epoch,
            "rng": self.rng.bit_generator.state,
            "batch_pos": self._batch_pos,
            "order": None if self._order is None else self._order.copy(),
            "order_fresh": self._order_fresh,
            "epoch_acc": (self._epoch_sum, self._epoch_loss_sum, self._epoch_correct, self._epoch_count),
        }

    def load_state_dict(self, s: dict, truncate_history=True):
        self._abort_step()
        self.network.set_params(s["params"])
        self.optimizer.set_state(s["optimizer"], self.network.param_shapes())
        self.step = int(s["step"])
        self.epoch = int(s["epoch"])
        self.rng.bit_generator.state = s["rng"]
        self._batch_pos = int(s["batch_pos"])
        self._order = None if s["order"] is None else np.array(s["order"], dtype=np.int64)
        self._order_fresh = bool(s["order_fresh"])
        (self._epoch_sum, self._epoch_loss_sum, self._epoch_correct, self._epoch_count) = s["epoch_acc"]
        self._drop_backups()
        self._pre_draw = None
        self.diverged = None
        if truncate_history:
            h = self.history
            h.loss.truncate(self.step)
            h.report.truncate(self.step)
            h.epoch_report.truncate(self.epoch)
            h.epoch_loss.truncate(self.epoch)
            h.epoch_accuracy.truncate(self.epoch)
            for g in h.grad_norms:
                g.truncate(self.step)


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
