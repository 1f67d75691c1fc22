"""Training loop with two speeds that give bit-identical weights.

One training step is a sequence of named phases, in the lecture's order::

    forward 1 … L  →  loss  →  δ(L) … δ(1)  →  ∂L/∂W(L), ∂L/∂b(L) … (1)  →  update

:meth:`Trainer.step_phase` advances one phase and returns a read-only :class:`Phase`
holding that phase's values; :meth:`Trainer.run_steps` runs whole steps with no
bookkeeping.  Both drive the same generator, :meth:`Trainer._step`, so the arithmetic
is the same operation for operation.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .network import Network

__all__ = ["Phase", "Divergence", "History", "Trainer", "phase_plan", "phase_title"]


def _frozen(a):
    a = np.array(a, dtype=float, copy=True)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Phase:
    """One phase of one training step.

    ``kind`` is ``forward``, ``loss``, ``delta``, ``gradient`` or ``update``; ``layer`` is
    1 … L (``None`` for loss and update); ``step`` is the number of the step (0-based);
    ``index`` the phase's position in the step.  ``values`` holds read-only copies:

    * forward:  ``a_prev``, ``z``, ``a``, ``W``, ``b``
    * loss:     ``loss``, ``report`` (floats), ``y_pred``, ``y_true``
    * delta:    ``delta``, ``fprime`` (f′(z)), and for the output layer ``dA`` (∂L/∂a) and
                ``fused`` (True when the loss gives δ(L) directly)
    * gradient: ``dW``, ``db``, ``a_prev``, ``delta``
    * update:   ``W``, ``b`` (lists, per layer, after the update), ``W_old``, ``b_old``
    """

    kind: str
    layer: int | None
    index: int
    step: int
    values: dict = field(default_factory=dict)

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
        self.last_grads = None  # (dWs, dbs) of the last completed step, live buffers
        self._order = None
        self._order_fresh = False
        self._batch_pos = 0
        self._epoch_sum = 0.0
        self._epoch_loss_sum = 0.0
        self._epoch_correct = 0.0
        self._epoch_count = 0
        self._gen = None
        self._gen_phases: list[Phase] = []
        self._backup = None
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
            raise ValueError(f"inputs and targets need the same number of rows (≥ 1), got {X.shape[0]} and {Y.shape[0]}")
        if X.shape[1] != self.network.sizes[0]:
            raise ValueError(f"the data has {X.shape[1]} input columns but the network has {self.network.sizes[0]} inputs")
        if Y.shape[1] != self.network.sizes[-1]:
            raise ValueError(f"the data has {Y.shape[1]} target columns but the network has {self.network.sizes[-1]} outputs")
        if not (np.all(np.isfinite(X)) and np.all(np.isfinite(Y))):
            raise ValueError("the data contains a non-finite number")
        self.X, self.Y = X, Y
        self._abort_step()
        self._order = None
        self._batch_pos = 0

    def set_loss(self, loss, report=None):
        if not getattr(loss, "training", True):
            raise ValueError(f"{loss.name} is a metric, not a training loss")
        problem = loss.check_output(self.network.layers[-1].activation, self.network.sizes[-1])
        if problem:
            raise ValueError(problem)
        self.loss = loss
        self.report = report
        # hinge scores are ±; every other loss here thresholds a probability-like output at ½
        self._threshold = 0.0 if loss.name == "hinge" else 0.5
        self._abort_step()

    def set_batch_size(self, batch_size):
        if batch_size is not None:
            batch_size = int(batch_size)
            if batch_size < 1:
                raise ValueError(f"the batch size must be at least 1, got {batch_size}")
        self.batch_size = batch_size
        self._abort_step()

    def set_learning_rate(self, lr):
        from .optimizers import _check_lr

        self.optimizer.learning_rate = _check_lr(lr)

    def set_optimizer(self, optimizer):
        self.optimizer = optimizer

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
            self._order = self.rng.permutation(self.X.shape[0])
            self._order_fresh = True
        idx = self._order[self._batch_pos : self._batch_pos + self.batch_size]
        return self.X[idx], self.Y[idx]

    def _advance(self, batch_loss, batch_report, correct, m):
        self._order_fresh = False
        self._epoch_sum += batch_report * m
        self._epoch_loss_sum += batch_loss * m
        self._epoch_correct += correct
        self._epoch_count += m
        self.step += 1
        if self.full_batch:
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

    # the step ---------------------------------------------------------------
    def _step(self, record):
        """One training step as a generator of phases (``None`` when not recording)."""
        net = self.network
        layers = net.layers
        L = len(layers)
        X, Y = self._batch()
        step = self.step
        idx = 0

        def phase(kind, layer, **values):
            nonlocal idx
            values = {k: (_frozen(v) if isinstance(v, np.ndarray) else v) for k, v in values.items()}
            values["n_layers"] = L
            p = Phase(kind, layer, idx, step, values)
            idx += 1
            return p

        # forward
        Zs, As = [], [X]
        A = X
        for i, layer in enumerate(layers):
            Z = A @ layer.W
            Z += layer.b
            A = layer.act.forward(Z)
            Zs.append(Z)
            As.append(A)
            yield phase("forward", i + 1, a_prev=As[i], z=Z, a=A, W=layer.W, b=layer.b) if record else None

        # loss
        out = As[-1]
        loss_value = float(self.loss.value(Y, out))
        report_value = loss_value if self.report is None else float(self.report.value(Y, out))
        if not (math.isfinite(loss_value) and math.isfinite(report_value)):
            self._diverge(step, loss_value)
            yield phase("loss", None, loss=loss_value, report=report_value, y_pred=out, y_true=Y, diverged=True) if record else None
            return
        self.history.loss.append(loss_value)
        self.history.report.append(report_value)
        yield phase("loss", None, loss=loss_value, report=report_value, y_pred=out, y_true=Y) if record else None

        # backward: δ(L) … δ(1)
        deltas = [None] * L
        last = layers[-1]
        delta = self.loss.fused_delta(last.activation, Y, out)
        if delta is not None:
            if record:
                dA = self.loss.gradient(Y, out)
                fp = last.act.derivative(Zs[-1], out)
                yield phase("delta", L, delta=delta, dA=dA, fprime=fp, z=Zs[-1], a=out, fused=True)
            else:
                yield None
        else:
            dA = self.loss.gradient(Y, out)
            if last.act.elementwise:
                fp = last.act.derivative(Zs[-1], out)
                delta = dA * fp
            else:
                fp = last.act.derivative(Zs[-1], out)
                delta = last.act.vjp(out, dA)
            yield phase("delta", L, delta=delta, dA=dA, fprime=fp, z=Zs[-1], a=out, fused=False) if record else None
        deltas[-1] = delta
        for i in range(L - 2, -1, -1):
            layer = layers[i]
            fp = layer.act.derivative(Zs[i], As[i + 1])
            back = deltas[i + 1] @ layers[i + 1].W.T
            delta = back * fp
            deltas[i] = delta
            yield phase("delta", i + 1, delta=delta, back=back, fprime=fp, z=Zs[i], a=As[i + 1],
                        W_next=layers[i + 1].W, delta_next=deltas[i + 1]) if record else None

        # gradients, output layer first
        dWs = [None] * L
        dbs = [None] * L
        for i in range(L - 1, -1, -1):
            dWs[i] = As[i].T @ deltas[i]
            dbs[i] = deltas[i].sum(axis=0)
            yield phase("gradient", i + 1, dW=dWs[i], db=dbs[i], a_prev=As[i], delta=deltas[i]) if record else None

        # update
        params = net.params()
        grads = []
        for dW, db in zip(dWs, dbs):
            grads += [dW, db]
        self._save_backup(params)
        if record:
            W_old = [l.W.copy() for l in layers]
            b_old = [l.b.copy() for l in layers]
        self.optimizer.step(params, grads)
        self.last_grads = (dWs, dbs, deltas)
        if self.track_grad_norms:
            self._record_grad_norms(dWs)
        correct = 0.0
        if self.track_accuracy:
            correct = _count_correct(Y, out, self._threshold)
        self._advance(loss_value, report_value, correct, X.shape[0])
        if record:
            yield phase("update", None, W=[l.W for l in layers], b=[l.b for l in layers],
                        W_old=W_old, b_old=b_old, lr=self.optimizer.learning_rate)
        else:
            yield None

    # divergence guard ---------------------------------------------------------
    def _save_backup(self, params):
        b = self._backup
        if b is None or len(b["params"]) != len(params) or any(x.shape != p.shape for x, p in zip(b["params"], params)):
            b = self._backup = {"params": [p.copy() for p in params]}
        else:
            for x, p in zip(b["params"], params):
                np.copyto(x, p)
        if self.optimizer.state:
            b["opt"] = self.optimizer.get_state()
        else:
            b["opt"] = None
        b["counters"] = (self.step, self.epoch, self._batch_pos, self._order, self._epoch_sum,
                         self._epoch_loss_sum, self._epoch_correct, self._epoch_count,
                         self.history.epoch_report.n, self.history.epoch_accuracy.n)

    def _diverge(self, step, loss_value):
        params = self.network.params()
        finite = all(np.all(np.isfinite(p)) for p in params)
        restored = ""
        if not finite and self._backup is not None:
            b = self._backup
            self.network.set_params(b["params"])
            if b["opt"] is not None:
                self.optimizer.set_state(b["opt"])
            else:
                self.optimizer.t = max(0, self.optimizer.t - 1)
            (self.step, self.epoch, self._batch_pos, self._order, self._epoch_sum, self._epoch_loss_sum,
             self._epoch_correct, self._epoch_count, ne, na) = b["counters"]
            self._order_fresh = self._order is not None and self._batch_pos == 0 and not self.full_batch
            h = self.history
            h.loss.truncate(self.step)
            h.report.truncate(self.step)
            h.epoch_report.truncate(ne)
            h.epoch_loss.truncate(ne)
            h.epoch_accuracy.truncate(na)
            for g in h.grad_norms:
                g.truncate(self.step)
            restored = f"; restored the weights of step {self.step}"
            self._backup = None
        what = "NaN" if math.isnan(loss_value) else "infinite"
        self.diverged = Divergence(
            step, self.epoch,
            f"training diverged at step {step} (epoch {self.epoch}): the loss became {what}{restored}. "
            "Try a smaller learning rate.",
        )

    def _record_grad_norms(self, dWs):
        h = self.history
        while len(h.grad_norms) < len(dWs):
            g = _Growing()
            g.extend([math.nan] * self.step)
            h.grad_norms.append(g)
        for g, dW in zip(h.grad_norms, dWs):
            g.append(float(np.sqrt(np.sum(dW * dW))))

    # public stepping ----------------------------------------------------------
    def run_steps(self, n, after_step=None) -> int:
        """Run up to ``n`` whole steps on the fast path; returns how many completed.

        Stops early on divergence (see :attr:`diverged`) or when ``after_step(self)``
        returns a true value.  A phase-by-phase step in progress is finished first.
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
        if self._gen is None:
            self.diverged = None
            self._gen = self._step(True)
            self._gen_phases = []
        try:
            with np.errstate(over="ignore", invalid="ignore"):
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
        if self._gen is None:
            return out
        while self._gen is not None:
            out.append(self.step_phase())
        return out

    def step_phases(self) -> list[Phase]:
        """One whole step, phase by phase (finishing any step in progress first)."""
        if self._gen is not None:
            return self.finish_step()
        out = [self.step_phase()]
        out += self.finish_step()
        return out

    def _abort_step(self):
        if getattr(self, "_gen", None) is not None:
            self._gen.close()
        self._gen = None

    # evaluation ---------------------------------------------------------------
    def evaluate(self):
        """``(loss, report, accuracy)`` on the whole data set at the current weights."""
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
        self._backup = None
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


def _count_correct(Y, out, threshold=0.5) -> float:
    """Correct predictions: one column thresholds the output, several compare argmaxes."""
    if Y.shape[1] == 1:
        return float(np.count_nonzero((out[:, 0] > threshold) == (Y[:, 0] > 0.5)))
    return float(np.count_nonzero(out.argmax(axis=1) == Y.argmax(axis=1)))
