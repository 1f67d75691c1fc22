"""The training worker: the model trains in a process (or thread) of its own, the GUI thread only draws.

``TrainingWorker`` owns the :class:`model.session.Session` and lives in an event loop of its own.
Commands arrive as queued calls; running is a QTimer in that loop whose every tick runs a chunk
of fast-path steps (sized to ~8 ms) and then returns to the event loop, so commands are handled
between chunks.  Results leave as immutable :class:`model.snapshot.Snapshot` objects, coalesced
to at most ~30 per second (the heavy part, the network's values and the decision surface, at
most ~10 per second); every step's loss is in some snapshot.

``TrainingController`` lives in the GUI thread and is the GUI's only handle on the worker.  By
default the worker runs in a child process (:mod:`gui.training_process`): a worker thread of
this process would share the GIL with the GUI thread and make every repaint wait for it.  With
``process=False`` (or ``BACKPROP_STUDIO_INPROCESS=1``) it runs on a QThread of this process, as
the tests of its logic and a fallback do.  Either way the controller turns method calls into
commands, re-emits the worker's signals in the GUI thread and stops everything on :meth:`shutdown`.
"""

from __future__ import annotations

import atexit
import functools
import math
import os
import sys
import threading
import time
import weakref

# Small matrices are slower with several BLAS threads (main.py sets the same before numpy loads).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from gui import training_process
from gui.i18n import lookup
from model.breakpoints import Breakpoints
from model.datasets import dataset_from_arrays, dataset_from_dict
from model.gradcheck import gradient_check
from model.losses import loss_from_dict
from model.optimizers import optimizer_from_dict
from model.session import Session
from model.snapshot import Snapshot, decision_surface, frozen, network_values, saturation
from model.timeline import Timeline

__all__ = ["TrainingWorker", "TrainingController"]

# user-visible text, in one place for translation
TEXT = {
    "paused": "Paused",
    "paused_preview": "Paused to look back in time",
    "paused_load": "Stopped: another session was loaded",
    "no_session": "No session is loaded",
    "loaded_preset": "Loaded the preset {name}",
    "loaded_session": "Loaded the session {name}",
    "reset": "The weights were re-initialised; the settings are kept",
    "rebuilt": "The network was rebuilt for the new {what}: the weights were re-initialised",
    "what_architecture": "architecture",
    "what_data": "data",
    "what_settings": "settings",
    "resumed": "Resumed from step {step}; the later steps were discarded",
    "not_recorded": "No recorded step at or before step {step}",
    "viewing": "Viewing step {step} (recorded); training is unchanged",
    "first_phase": "Already at the first phase of this step",
    "lr_set": "Learning rate set to {lr:g}",
    "loss_set": "Loss set to {name}",
    "optimizer_set": "Optimizer set to {name}",
    "batch_set": "Batch size set to {size}",
    "full_batch": "full batch",
    "weight_set": "W({layer})[{i},{j}] set to {value:g}",
    "bias_set": "b({layer})[{j}] set to {value:g}",
    "breakpoints_set": "Breakpoints: {what}",
    "breakpoints_none": "none",
    "saved": "Saved the session to {path}",
    "bad_layer": "layer must be between 1 and {L}, got {layer}",
    "bad_index": "{what} index {k} is out of range (0 … {n})",
    "bad_value": "the value must be a finite number, got {value!r}",
    "bad_speed": "the speed must be a number of steps per second ≥ 0 (0 = as fast as possible), got {value!r}",
    "bad_batch": "the batch size must be a whole number ≥ 1 (or 0 / empty for full batch), got {value!r}",
    "bad_session": "load_session needs a session or a file path, got {kind}",
    "bad_changes": 'the changes must be an object such as {{"architecture": {{...}}}}, got {kind}',
    "unknown_change": "cannot rebuild with {key!r}; the keys are: {keys}",
    "bad_spec": "the {what} must be an object with a 'name', got {kind}",
    "process_died": "the training process stopped unexpectedly (exit code {code}); "
    "load a preset or a session to start it again",
    "process_failed": "could not start the training process ({reason}); training runs in this process",
    "unsendable": "cannot send {what} to the training process: {reason}",
}

# rebuild(): the session keys a change may replace
_REBUILD_KEYS = ("architecture", "data", "loss", "report", "optimizer", "batch_size", "seed", "name", "description")
# session keys that describe progress, dropped when the network is rebuilt
_PROGRESS_KEYS = ("network", "epoch", "step", "rng", "batch_pos", "order", "order_fresh", "epoch_acc", "history")


_t = lookup(TEXT)


def _one_line(e: BaseException) -> str:
    """An exception as one line: a ValueError's sentence, anything else with its type."""
    text = str(e) if isinstance(e, ValueError) else f"{type(e).__name__}: {e}"
    return " ".join(text.split()) or type(e).__name__


def _command(fn):
    """Run a worker command; any exception becomes error_occurred(one line), the thread lives on."""

    @functools.wraps(fn)
    def wrapper(self, *args):
        if self._shut_down:
            return
        try:
            fn(self, *args)
        except Exception as e:  # noqa: BLE001 - a command must never kill the thread
            self.error_occurred.emit(_one_line(e))

    return wrapper


def _finite(value, what="value"):
    if isinstance(value, bool):
        raise ValueError(_t("bad_value", value=value))
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise ValueError(_t("bad_value", value=value)) from None
    if not math.isfinite(f):
        raise ValueError(_t("bad_value", value=value))
    return f


def _index(value, n, what):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= int(value) < n:
        raise ValueError(_t("bad_index", what=what, k=value, n=n - 1))
    return int(value)


def _evaluate(trainer, network):
    """``(loss, report, accuracy)`` of ``network`` on the trainer's data (the trainer's own rule)."""
    if network is trainer.network:
        return trainer.evaluate()
    X, Y = trainer.X, trainer.Y
    with np.errstate(all="ignore"):
        out = network.predict(X)
        loss = float(trainer.loss.value(Y, out))
        report = loss if trainer.report is None else float(trainer.report.value(Y, out))
        if Y.shape[1] == 1:
            threshold = trainer.loss.threshold  # as Trainer: the loss's decision threshold
            correct = np.count_nonzero((out[:, 0] > threshold) == (Y[:, 0] > 0.5))
        else:
            correct = np.count_nonzero(out.argmax(axis=1) == Y.argmax(axis=1))
    return loss, report, correct / Y.shape[0]


def _norm(a) -> float:
    with np.errstate(all="ignore"):
        return float(np.sqrt(np.sum(a * a)))


class TrainingWorker(QObject):
    """Owns the session and trains it on the thread it lives in; see the module docstring."""

    snapshot_ready = Signal(object)
    error_occurred = Signal(str)
    training_stopped = Signal(str)
    running_changed = Signal(bool)
    gradient_checked = Signal(object)
    session_changed = Signal(object)
    session_saved = Signal(str)

    SNAPSHOT_INTERVAL = 1 / 30  # at most ~30 snapshots per second
    HEAVY_INTERVAL = 0.1  # values and surface at most ~10 per second
    CHUNK_SECONDS = 0.008  # one timer tick trains for about this long
    MAX_CHUNK = 1_000_000

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self.timeline = Timeline()
        self.record_every = 1  # timeline records (every step: see the report in tests/benchmarks/gui.py)
        self.stop_requested = False  # set from the GUI thread by the controller's shutdown()
        self._shut_down = False
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._running = False
        self._speed = 0.0
        self._sec_per_step = 5e-5
        self._carry = 0.0
        self._last_tick = 0.0
        self._breakpoints: Breakpoints | None = None
        self._stop_reason: str | None = None
        self._serial = 0
        self._last_emit = 0.0
        self._emitted_step = -1
        self._last_heavy = 0.0
        self._rate = 0.0
        self._rate_t = time.perf_counter()
        self._rate_step = 0
        self._phase_mode = False
        self._phase_cursor = -1
        self._viewing: tuple | None = None  # (step, network) while previewing a recorded step
        self.thread_ident: int | None = None
        self._reset_cursors()

    # helpers ---------------------------------------------------------------------
    @property
    def trainer(self):
        if self.session is None:
            raise ValueError(_t("no_session"))
        return self.session.trainer

    @property
    def running(self) -> bool:
        return self._running

    def _reset_cursors(self):
        self._hist_cursor = 0
        self._grad_cursor = 0
        self._epoch_cursor = 0
        self._acc_cursor = 0
        self._history_reset = True

    def _install(self, session: Session, message: str):
        """Make ``session`` the current one (after it was built without error)."""
        if self._running:
            self._stop_running(_t("paused_load"))
        t = session.trainer
        t.track_grad_norms = True
        t.track_accuracy = session.dataset.task == "classification"
        self.session = session
        self.timeline = Timeline()
        self.timeline.record(t)
        self._phase_mode = False
        self._phase_cursor = -1
        self._viewing = None
        self._reset_cursors()
        self._bounds = self._data_bounds(t.X)
        if self._breakpoints is not None:
            self._breakpoints.arm(t)
        self.session_changed.emit(session.to_dict(with_history=False))
        self._emit(heavy=True, message=message)

    @staticmethod
    def _data_bounds(X):
        lo = X.min(axis=0)
        hi = X.max(axis=0)
        span = hi - lo
        margin = np.where(span > 0, 0.1 * span, 1.0)
        return lo - margin, hi + margin

    def _end_preview(self):
        self._viewing = None

    def _settings_changed(self, message):
        self.session_changed.emit(self.session.to_dict(with_history=False))
        self._emit(heavy=True, message=message)

    def _leave_phase_mode(self):
        self._phase_mode = False
        self._phase_cursor = -1

    def _abort_step(self):
        """Drop a phase-by-phase step in progress (its update has not happened, so nothing changes)."""
        t = self.trainer
        if t.in_step:
            t._abort_step()  # (private: the trainer has no public way to drop a step in progress)
        self._leave_phase_mode()

    # commands: sessions -------------------------------------------------------------
    @Slot(str)
    @_command
    def load_preset(self, name):
        session = Session.from_preset(str(name))
        self._install(session, _t("loaded_preset", name=name))

    @Slot(object)
    @_command
    def load_session(self, source):
        if isinstance(source, Session):
            session = source
        elif isinstance(source, (str, os.PathLike)):
            session = Session.load(os.fspath(source))
        else:
            raise ValueError(_t("bad_session", kind=type(source).__name__))
        self._install(session, _t("loaded_session", name=session.name))

    @Slot(object)
    @_command
    def load_session_dict(self, d):
        session = Session.from_dict(d)
        self._install(session, _t("loaded_session", name=session.name))

    @Slot(str)
    @_command
    def save_session(self, path):
        self._session().save(path)
        self.session_saved.emit(str(path))
        self._emit(heavy=False, message=_t("saved", path=path))

    @Slot()
    @_command
    def reset(self):
        session = self._session().reset()
        self._install(session, _t("reset"))

    def _session(self) -> Session:
        """The current session; ValueError (shown as a one-line error) if none is loaded."""
        if self.session is None:
            raise ValueError(_t("no_session"))
        return self.session

    @Slot(object)
    @_command
    def rebuild(self, changes):
        session = self._session()
        if not isinstance(changes, dict):
            raise ValueError(_t("bad_changes", kind=type(changes).__name__))
        for key in changes:
            if key not in _REBUILD_KEYS:
                raise ValueError(_t("unknown_change", key=key, keys=", ".join(_REBUILD_KEYS)))
        d = session.to_dict(with_history=False)
        for key in _PROGRESS_KEYS:
            d.pop(key, None)
        opt = dict(d["optimizer"])
        opt.pop("state", None)
        d["optimizer"] = opt
        arch = dict(d["architecture"])
        if "architecture" in changes:
            arch.update(changes["architecture"])
            arch.pop("initial_network", None)
        if "data" in changes:
            data = changes["data"]
            if not isinstance(data, dict):
                raise ValueError(_t("bad_spec", what="data", kind=type(data).__name__))
            if "sizes" not in changes.get("architecture", {}):
                # the new data decides the input and output widths unless the sizes are given
                ds = (
                    dataset_from_arrays(data["inputs"], data.get("targets"))
                    if "inputs" in data and "name" not in data
                    else dataset_from_dict(data)
                )
                sizes = list(arch["sizes"])
                if sizes[0] != ds.X.shape[1] or sizes[-1] != ds.Y.shape[1]:
                    sizes[0], sizes[-1] = ds.X.shape[1], ds.Y.shape[1]
                    arch["sizes"] = sizes
                    arch.pop("initial_network", None)
            d["data"] = data
        if arch.get("initial_network"):
            d["network"] = arch["initial_network"]  # explicit initial weights (e.g. worked-example)
        d["architecture"] = arch
        for key in ("loss", "report", "optimizer", "batch_size", "seed", "name", "description"):
            if key in changes:
                d[key] = changes[key]
        new = Session.from_dict(d)
        what = "architecture" if "architecture" in changes else "data" if "data" in changes else "settings"
        self._install(new, _t("rebuilt", what=_t("what_" + what)))

    # commands: stepping -----------------------------------------------------------------
    @Slot()
    @_command
    def step(self):
        t = self.trainer
        if self._running:
            self._stop_running(_t("paused"))
        self._end_preview()
        self._leave_phase_mode()
        t.run_steps(1)
        self._after_trainer_moved()

    @Slot()
    @_command
    def step_phase(self):
        t = self.trainer
        if self._running:
            self._stop_running(_t("paused"))
        self._end_preview()
        phases = t.current_phases
        if self._phase_mode and 0 <= self._phase_cursor < len(phases) - 1:
            self._phase_cursor += 1  # re-advance through phases already computed
        else:
            p = t.step_phase()
            self._phase_mode = True
            self._phase_cursor = len(t.current_phases) - 1
            if p.kind == "update" or t.diverged is not None:
                self._after_trainer_moved()
                return
        self._emit(heavy=True)

    @Slot()
    @_command
    def step_phase_back(self):
        self._session()
        if self._phase_mode and self._phase_cursor > 0:
            self._phase_cursor -= 1
            self._emit(heavy=True)
        else:
            self._emit(heavy=False, message=_t("first_phase"))

    def _after_trainer_moved(self):
        """After a step outside a run: record it, send the snapshot, and report a divergence."""
        t = self.trainer
        self.timeline.record(t)  # (after a divergence, the step the guard restored)
        self._emit(heavy=True)
        if t.diverged is not None:
            self.training_stopped.emit(t.diverged.message)

    # commands: running ---------------------------------------------------------------------
    @Slot()
    @_command
    def run(self):
        t = self.trainer
        if self._running:
            return
        self._end_preview()
        self._leave_phase_mode()
        self.stop_requested = False
        self._stop_reason = None
        if self._breakpoints is not None:
            self._breakpoints.arm(t)
        self.thread_ident = threading.get_ident()  # for benchmarks: the worker thread's CPU clock
        self._running = True
        self._carry = 0.0
        self._last_tick = time.perf_counter()
        self._rate_t, self._rate_step = self._last_tick, t.step
        self._start_timer()
        self.running_changed.emit(True)
        self._emit(heavy=False)

    @Slot()
    @_command
    def pause(self):
        if self._running:
            self._stop_running(_t("paused"))

    @Slot(object)
    @_command
    def set_speed(self, steps_per_second):
        if isinstance(steps_per_second, bool):
            raise ValueError(_t("bad_speed", value=steps_per_second))
        try:
            v = float(steps_per_second)
        except (TypeError, ValueError):
            raise ValueError(_t("bad_speed", value=steps_per_second)) from None
        if not math.isfinite(v) or v < 0:
            raise ValueError(_t("bad_speed", value=steps_per_second))
        self._speed = v
        self._carry = 0.0
        self._last_tick = time.perf_counter()
        if self._running:
            self._start_timer()

    def _start_timer(self):
        # as fast as possible: fire whenever the event loop is idle; else a few ticks per step, ≤ 50 ms apart
        interval = 0 if self._speed <= 0 else int(min(50.0, max(2.0, 1000.0 / self._speed / 2)))
        self._timer.start(interval)

    def _tick(self):
        if not self._running or self.stop_requested:
            self._timer.stop()
            return
        t = self.session.trainer
        now = time.perf_counter()
        budget = max(1, min(self.MAX_CHUNK, int(self.CHUNK_SECONDS / self._sec_per_step)))
        if self._speed > 0:
            due = self._carry + (now - self._last_tick) * self._speed
            self._last_tick = now
            n = int(due)
            if n > budget:  # cannot keep up: do not build a backlog
                n, due = budget, budget
            self._carry = due - n
        else:
            n = budget
        if n:
            t0 = time.perf_counter()
            done = t.run_steps(n, self._after_step)
            dt = time.perf_counter() - t0
            if done:
                self._sec_per_step = 0.7 * self._sec_per_step + 0.3 * max(dt / done, 1e-7)
        if t.diverged is not None:
            self.timeline.record(t)  # the guard may have restored an earlier step
            self._stop_running(t.diverged.message)
        elif self._stop_reason is not None:
            self._stop_running(self._stop_reason)
        elif self.stop_requested:
            self._timer.stop()
        else:
            now = time.perf_counter()
            if t.step != self._emitted_step and now - self._last_emit >= self.SNAPSHOT_INTERVAL:
                self._emit(heavy=now - self._last_heavy >= self.HEAVY_INTERVAL)

    def _after_step(self, trainer):
        """After every step of a run: record it, and stop for shutdown or a breakpoint."""
        if self.record_every == 1 or trainer.step % self.record_every == 0:
            self.timeline.record(trainer)
        if self.stop_requested:
            return True
        bp = self._breakpoints
        if bp is not None:
            reason = bp.check(trainer)
            if reason is not None:
                self._stop_reason = reason
                return True
        return False

    def _stop_running(self, reason):
        self._timer.stop()
        self._running = False
        self._stop_reason = None
        t = self.session.trainer
        if self.timeline.last_step != t.step:
            self.timeline.record(t)
        self._emit(heavy=True, message=reason)  # first, so the final state is there when the stop arrives
        self.running_changed.emit(False)
        self.training_stopped.emit(reason)

    # commands: settings -----------------------------------------------------------------------
    @Slot(object)
    @_command
    def set_learning_rate(self, lr):
        t = self.trainer
        t.set_learning_rate(lr)
        self._settings_changed(_t("lr_set", lr=t.optimizer.learning_rate))

    @Slot(object)
    @_command
    def set_loss(self, spec):
        t = self.trainer
        if not isinstance(spec, dict):
            raise ValueError(_t("bad_spec", what="loss", kind=type(spec).__name__))
        spec = dict(spec)
        report_spec = spec.pop("report", None)
        loss = loss_from_dict(spec)
        report = loss_from_dict(report_spec) if report_spec else None
        t.set_loss(loss, report)  # checks the output layer first; raises before changing anything
        self._end_preview()
        self._leave_phase_mode()
        self._settings_changed(_t("loss_set", name=loss.name))

    @Slot(object)
    @_command
    def set_optimizer(self, spec):
        t = self.trainer
        if not isinstance(spec, dict):
            raise ValueError(_t("bad_spec", what="optimizer", kind=type(spec).__name__))
        spec = dict(spec)
        spec.pop("state", None)
        spec.setdefault("learning_rate", t.optimizer.learning_rate)
        opt = optimizer_from_dict(spec, t.network.param_shapes())
        t.set_optimizer(opt)
        self.timeline.record(t)  # the current step now has the new optimiser's (empty) state
        self._settings_changed(_t("optimizer_set", name=opt.name))

    @Slot(object)
    @_command
    def set_batch_size(self, size):
        t = self.trainer
        if size is None or size == "" or (not isinstance(size, bool) and isinstance(size, (int, float)) and size == 0):
            value = None
        else:
            if isinstance(size, bool):
                raise ValueError(_t("bad_batch", value=size))
            try:
                f = float(size)
            except (TypeError, ValueError):
                raise ValueError(_t("bad_batch", value=size)) from None
            if not f.is_integer() or f < 1:
                raise ValueError(_t("bad_batch", value=size))
            value = int(f)
        t.set_batch_size(value)
        self._leave_phase_mode()
        self._settings_changed(_t("batch_set", size=_t("full_batch") if value is None else value))

    @Slot(object, object, object, object)
    @_command
    def set_weight(self, layer, i, j, value):
        t = self.trainer
        L = t.n_layers
        if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 1 <= layer <= L:
            raise ValueError(_t("bad_layer", L=L, layer=layer))
        W = t.network.layers[layer - 1].W
        i = _index(i, W.shape[0], "row")
        j = _index(j, W.shape[1], "column")
        v = _finite(value)
        self._edit(lambda: W.__setitem__((i, j), v), _t("weight_set", layer=layer, i=i, j=j, value=v))

    @Slot(object, object, object)
    @_command
    def set_bias(self, layer, j, value):
        t = self.trainer
        L = t.n_layers
        if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 1 <= layer <= L:
            raise ValueError(_t("bad_layer", L=L, layer=layer))
        b = t.network.layers[layer - 1].b
        j = _index(j, b.shape[0], "unit")
        v = _finite(value)
        self._edit(lambda: b.__setitem__(j, v), _t("bias_set", layer=layer, j=j, value=v))

    def _edit(self, change, message):
        self._abort_step()  # a half-done step would mix old and new weights
        self._end_preview()
        change()
        self.timeline.record(self.trainer)  # the record of this step now has the edited weight
        self._emit(heavy=True, message=message)

    @Slot(object)
    @_command
    def set_breakpoints(self, spec):
        bp = spec if isinstance(spec, Breakpoints) else Breakpoints.from_dict(spec)
        self._breakpoints = bp if bp.active else None
        if self._breakpoints is not None and self.session is not None:
            self._breakpoints.arm(self.session.trainer)
        what = ", ".join(f"{k} {v:g}" for k, v in bp.to_dict().items() if v is not None) or _t("breakpoints_none")
        if self.session is not None:
            self._emit(heavy=False, message=_t("breakpoints_set", what=what))

    # commands: inspection and time travel --------------------------------------------------------
    @Slot()
    @_command
    def gradient_check(self):
        t = self.trainer
        checks = gradient_check(t.network, t.loss, t.X, t.Y)
        self.gradient_checked.emit(list(checks))

    @Slot(object)
    @_command
    def preview_step(self, step):
        t = self.trainer
        step = int(step)
        if self._running:
            self._stop_running(_t("paused_preview"))
        s = self.timeline.nearest(step) if step >= 0 else None
        if step < 0 or step >= t.step or s is None or s == t.step:
            self._viewing = None
            self._emit(heavy=True)
            return
        net = t.network.copy()
        net.set_params(self.timeline.params_at(s))
        self._viewing = (s, net)
        self._leave_phase_mode()
        self._emit(heavy=True, message=_t("viewing", step=s))

    @Slot(object)
    @_command
    def resume_from(self, step):
        t = self.trainer
        step = int(step)
        if self._running:
            self._stop_running(_t("paused"))
        s = self.timeline.nearest(step)
        if s is None:
            raise ValueError(_t("not_recorded", step=step))
        state = self.timeline.state_at(s)
        t.load_state_dict(state)  # truncates the loss history to that step
        self.timeline.truncate_after(s)
        self._viewing = None
        self._leave_phase_mode()
        self._reset_cursors()
        self._emit(heavy=True, message=_t("resumed", step=s))

    @Slot()
    @_command
    def request_snapshot(self):
        self._session()
        self._emit(heavy=True)

    @Slot()
    def shutdown(self):
        """Stop the timer and end the thread (runs in the worker thread, queued by the controller)."""
        self._shut_down = True
        self.stop_requested = True
        self._timer.stop()
        self._running = False
        app = QCoreApplication.instance()
        thread = QThread.currentThread()
        if app is not None and thread is not app.thread():
            # hand the worker (and its stopped timer) back, so it is destroyed in the GUI thread
            self.moveToThread(app.thread())
        if app is None or thread is not app.thread():
            thread.quit()
        # (in the training process the worker lives in the main thread; child_main quits the app)

    # snapshots -----------------------------------------------------------------------------------
    def _emit(self, heavy: bool, message: str | None = None):
        if self.session is None:
            return
        snap = self._snapshot(heavy, message)
        self._emitted_step = snap.step
        self._last_emit = time.perf_counter()
        if heavy:
            self._last_heavy = self._last_emit
        self.snapshot_ready.emit(snap)

    def _view_data(self):
        """The samples the values are computed on: the step's batch while stepping by phase, else all."""
        t = self.session.trainer
        if self._phase_mode:
            if t.in_step:
                return t._batch()  # the batch of the step in progress (drawn already; no side effect)
            phases = t.current_phases
            if phases:
                X = phases[0].values.get("a_prev")
                Y = next((p.values["y_true"] for p in phases if p.kind == "loss"), None)
                if X is not None and Y is not None:
                    return X, Y
        return t.X, t.Y

    def _surface(self, network):
        lo, hi = self._bounds
        d = lo.shape[0]
        if d == 2:
            n = network.n_params
            res = 64 if n <= 2_000 else 48 if n <= 20_000 else 32
            return decision_surface(
                network, (lo[0], hi[0]), (lo[1], hi[1]), res, classes=self.session.dataset.task == "classification"
            )
        if d == 1:
            xs = np.linspace(lo[0], hi[0], 200)
            with np.errstate(all="ignore"):
                ys = network.predict(xs.reshape(-1, 1))
            return frozen(xs), frozen(ys[:, 0] if ys.shape[1] == 1 else ys)
        return None

    def _snapshot(self, heavy: bool, message: str | None) -> Snapshot:
        t = self.session.trainer
        h = t.history
        now = time.perf_counter()
        if now - self._rate_t >= 0.5:
            self._rate = max(0.0, (t.step - self._rate_step) / (now - self._rate_t)) if self._running else 0.0
            self._rate_t, self._rate_step = now, t.step
        if not self._running:
            self._rate = 0.0

        # the histories since the previous snapshot
        n = h.report.n
        ne = h.epoch_report.n
        na = h.epoch_accuracy.n
        gn = h.grad_norms[0].n if h.grad_norms else 0
        reset = (
            self._history_reset
            or n < self._hist_cursor
            or ne < self._epoch_cursor
            or na < self._acc_cursor
            or gn < self._grad_cursor
        )
        if reset:
            self._hist_cursor = self._epoch_cursor = self._acc_cursor = self._grad_cursor = 0
            self._history_reset = False
        c, ce, ca, cg = self._hist_cursor, self._epoch_cursor, self._acc_cursor, self._grad_cursor
        # step number of the history's first entry (0 unless a file had none); a phase-by-phase step
        # past its loss phase has already appended its loss, before the step counter moves on
        in_flight = int(t.in_step and any(p.kind == "loss" and not p.values.get("diverged") for p in t.current_phases))
        offset = t.step + in_flight - n
        new_report = frozen(h.report.view()[c:n])
        new_loss = frozen(h.loss.view()[c:n])
        new_epoch_report = frozen(h.epoch_report.view()[ce:ne])
        new_epoch_accuracy = frozen(h.epoch_accuracy.view()[ca:na])
        new_grad_norms = tuple(frozen(g.view()[cg : g.n]) for g in h.grad_norms)
        self._hist_cursor, self._epoch_cursor, self._acc_cursor, self._grad_cursor = n, ne, na, gn

        opt = t.optimizer
        kw = dict(
            serial=self._serial,
            step=t.step,
            epoch=t.epoch,
            running=self._running,
            steps_per_second=self._rate,
            first_step=c + offset,
            new_report=new_report,
            new_loss=new_loss,
            first_epoch=ce,
            new_epoch_report=new_epoch_report,
            new_epoch_accuracy=new_epoch_accuracy,
            new_grad_norms=new_grad_norms,
            history_reset=reset,
            learning_rate=opt.learning_rate,
            loss_name=t.loss.name,
            optimizer_name=opt.name,
            batch_size=t.batch_size,
            task=self.session.dataset.task,
            diverged=None if t.diverged is None else t.diverged.message,
            message=message,
            timeline_first=self.timeline.first_step or 0,
        )
        self._serial += 1
        if self._phase_mode:
            phases = tuple(t.current_phases)
            if phases:
                cursor = min(max(self._phase_cursor, 0), len(phases) - 1)
                kw.update(phase=phases[cursor], step_phases=phases, phase_cursor=cursor)
        if heavy:
            network = t.network if self._viewing is None else self._viewing[1]
            X, Y = (t.X, t.Y) if self._viewing is not None else self._view_data()
            values = network_values(network, X, Y, t.loss)
            loss, report, acc = _evaluate(t, network)
            kw.update(
                values=values,
                X=frozen(X),
                Y=frozen(Y),
                surface=self._surface(network),
                loss=report,
                train_loss=loss,
                accuracy=acc if self.session.dataset.task == "classification" else None,
                grad_norms=tuple(_norm(lv.dW) for lv in values),
                delta_norms=tuple(_norm(lv.delta) for lv in values),
                saturation=saturation(values),
                viewing_step=None if self._viewing is None else self._viewing[0],
            )
        elif self._viewing is not None:
            kw.update(viewing_step=self._viewing[0])
        return Snapshot(**kw)


_blas_limited = False

#: The GIL switch interval while an in-process worker exists.  That worker is CPU-bound Python;
#: the GUI thread waits up to one interval for the GIL at every entry into Python (slot, paint
#: override).  With the default 5 ms a pyqtgraph paint took 2.1× as long as alone, with 1 ms 1.6×,
#: 0.2 ms 1.4× (tests/benchmarks/gui.py).  (The process mode needs none of this.)
GIL_SWITCH_INTERVAL = 0.0005
#: Set to 1 to train on a thread of the GUI process instead of a child process.
INPROCESS_ENV = "BACKPROP_STUDIO_INPROCESS"
_controllers: weakref.WeakSet[TrainingController] = weakref.WeakSet()


@atexit.register
def _shutdown_all():
    """A script that exits without shutdown() must not destroy a running QThread or leave a child."""
    for controller in list(_controllers):
        controller.shutdown()


def _limit_blas_threads():
    """One BLAS thread: the matrices are small, and the GUI thread needs the other core."""
    global _blas_limited
    if _blas_limited:
        return
    _blas_limited = True
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # not a dependency; the environment variable is set above
        return
    try:
        threadpool_limits(limits=1, user_api="blas")
    except Exception:  # noqa: BLE001 - a best-effort speed setting, never fatal
        pass


def default_process_mode() -> bool:
    """True unless ``BACKPROP_STUDIO_INPROCESS=1`` asks for the worker on a thread of this process."""
    return os.environ.get(INPROCESS_ENV, "").strip().lower() not in ("1", "true", "yes", "on")


def _language() -> str:
    try:
        from gui.i18n import language
    except ImportError:  # pragma: no cover
        return "en"
    return language()


class TrainingController(QObject):
    """The GUI thread's handle on the worker: methods become commands, the worker's signals are re-emitted here.

    ``TrainingController(session=None, preset=None, parent=None, process=None)`` starts the worker
    (in a child process unless ``process`` is False, or None and ``BACKPROP_STUDIO_INPROCESS=1``)
    and loads ``session`` (a Session or a file path) or ``preset``; call :meth:`shutdown` before
    the application exits (it is also connected to ``QCoreApplication.aboutToQuit``).
    """

    snapshot_ready = Signal(object)
    error_occurred = Signal(str)
    training_stopped = Signal(str)
    running_changed = Signal(bool)
    gradient_checked = Signal(object)
    session_changed = Signal(object)
    session_saved = Signal(str)

    # in-process mode: commands to the worker (queued)
    _load_preset_requested = Signal(str)
    _load_session_requested = Signal(object)
    _save_session_requested = Signal(str)
    _reset_requested = Signal()
    _rebuild_requested = Signal(object)
    _step_requested = Signal()
    _step_phase_requested = Signal()
    _step_phase_back_requested = Signal()
    _run_requested = Signal()
    _pause_requested = Signal()
    _speed_requested = Signal(object)
    _learning_rate_requested = Signal(object)
    _loss_requested = Signal(object)
    _optimizer_requested = Signal(object)
    _batch_size_requested = Signal(object)
    _weight_requested = Signal(object, object, object, object)
    _bias_requested = Signal(object, object, object)
    _gradient_check_requested = Signal()
    _preview_requested = Signal(object)
    _resume_requested = Signal(object)
    _breakpoints_requested = Signal(object)
    _snapshot_requested = Signal()
    _shutdown_requested = Signal()

    # command name (the worker's slot) → the in-process signal that requests it
    _REQUESTS = {
        "load_preset": "_load_preset_requested",
        "load_session": "_load_session_requested",
        "save_session": "_save_session_requested",
        "reset": "_reset_requested",
        "rebuild": "_rebuild_requested",
        "step": "_step_requested",
        "step_phase": "_step_phase_requested",
        "step_phase_back": "_step_phase_back_requested",
        "run": "_run_requested",
        "pause": "_pause_requested",
        "set_speed": "_speed_requested",
        "set_learning_rate": "_learning_rate_requested",
        "set_loss": "_loss_requested",
        "set_optimizer": "_optimizer_requested",
        "set_batch_size": "_batch_size_requested",
        "set_weight": "_weight_requested",
        "set_bias": "_bias_requested",
        "gradient_check": "_gradient_check_requested",
        "preview_step": "_preview_requested",
        "resume_from": "_resume_requested",
        "set_breakpoints": "_breakpoints_requested",
        "request_snapshot": "_snapshot_requested",
    }

    def __init__(self, session=None, preset=None, parent=None, process=None):
        super().__init__(parent)
        _limit_blas_threads()
        self.running = False
        self._shut = False
        self._died = False
        self.worker: TrainingWorker | None = None  # in-process mode only
        self.worker_thread: QThread | None = None  # the thread this controller owns (the relay, in process mode)
        self.process = None  # process mode: the multiprocessing.Process
        self._link: training_process.ProcessLink | None = None
        self.in_process = not (default_process_mode() if process is None else bool(process))
        if not self.in_process:
            try:
                self._start_process()
            except Exception as e:  # noqa: BLE001 - no child process: train on a thread instead
                self.in_process = True
                msg = _t("process_failed", reason=_one_line(e))
                QTimer.singleShot(0, lambda: self.error_occurred.emit(msg))
        if self.in_process:
            self._start_thread()
        self.running_changed.connect(self._on_running)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        _controllers.add(self)
        if session is not None:
            self.load_session(session)
        elif preset is not None:
            self.load_preset(preset)

    # starting ---------------------------------------------------------------------------
    def _start_thread(self):
        if sys.getswitchinterval() > GIL_SWITCH_INTERVAL:
            sys.setswitchinterval(GIL_SWITCH_INTERVAL)
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("training")
        self.worker = TrainingWorker()
        self.worker.moveToThread(self.worker_thread)
        q = Qt.QueuedConnection
        w = self.worker
        for name, request in self._REQUESTS.items():
            getattr(self, request).connect(getattr(w, name), q)
        self._shutdown_requested.connect(w.shutdown, q)
        for signal in training_process.SIGNALS:
            getattr(w, signal).connect(getattr(self, signal), q)
        self.worker_thread.start()

    def _start_process(self):
        self._link = training_process.ProcessLink(_language())
        self.process = self._link.process
        self.worker_thread = self._link.relay
        self._died = False
        self.worker_thread.received.connect(self._on_message, Qt.QueuedConnection)
        self.worker_thread.start()

    @property
    def startup_seconds(self) -> float | None:
        """Process mode: seconds from spawning the child to its worker listening (None until then)."""
        return None if self._link is None else self._link.relay.startup_seconds

    @Slot(str, object)
    def _on_message(self, name, args):
        """A message from the child, in the GUI thread: re-emit it as this controller's signal."""
        if self._shut or self.sender() is not self.worker_thread:  # (a previous child's relay)
            return
        if name == training_process.ENDED:
            self._child_ended()
        elif name in training_process.SIGNALS:
            getattr(self, name).emit(*args)

    def _child_ended(self):
        """The child's pipe closed without a shutdown: report it once; the GUI keeps its last state."""
        if self._died:
            return
        self._died = True
        self.process.join(0.2)  # it has closed its end; collect the exit code
        code = self.process.exitcode
        if self.running:
            self.running_changed.emit(False)
        self.error_occurred.emit(_t("process_died", code="?" if code is None else code))

    def _restart_process(self):
        """After a crash: a new child (the next load command gives it a session)."""
        old = self._link
        old.stop(0.2)
        self.worker_thread.received.disconnect(self._on_message)
        self._start_process()

    def _on_running(self, running):
        self.running = bool(running)

    def _command(self, name, *args):
        if self._shut:
            return
        if self.in_process:
            getattr(self, self._REQUESTS[name]).emit(*args)
            return
        if self._died:
            if name not in ("load_preset", "load_session"):
                return  # reported once already; a load starts a new process
            self._restart_process()
        if name == "load_session" and isinstance(args[0], Session):
            name, args = "load_session_dict", (args[0].to_dict(),)
        try:
            self._link.send(name, *args)
        except Exception as e:  # noqa: BLE001 - an argument that cannot be pickled: one line, nothing sent
            self.error_occurred.emit(_t("unsendable", what=name, reason=_one_line(e)))

    # commands -----------------------------------------------------------------------
    def load_preset(self, name):
        """Load a built-in preset by name."""
        self._command("load_preset", str(name))

    def load_session(self, session_or_path):
        """Load a Session object or a session file."""
        self._command("load_session", session_or_path)

    def save_session(self, path):
        """Save the session (with its history) to ``path``; session_saved(path) when done."""
        self._command("save_session", str(path))

    def reset(self):
        """Re-initialise the weights, keeping the settings."""
        self._command("reset")

    def rebuild(self, changes):
        """Rebuild with a new architecture / data / settings: ``{"architecture": {...}, "data": {...}}``."""
        self._command("rebuild", changes)

    def step(self):
        """One whole training step (finishes a phase-by-phase step in progress)."""
        self._command("step")

    def step_phase(self):
        """One phase of the current step."""
        self._command("step_phase")

    def step_phase_back(self):
        """Show the previous phase of the current step (view only)."""
        self._command("step_phase_back")

    def run(self):
        """Train continuously at the set speed."""
        self._command("run")

    def pause(self):
        """Stop training after the current chunk."""
        self._command("pause")

    def set_speed(self, steps_per_second):
        """Steps per second; 0 = as fast as possible."""
        self._command("set_speed", steps_per_second)

    def set_learning_rate(self, lr):
        """The optimiser's learning rate, from the next step on."""
        self._command("set_learning_rate", lr)

    def set_loss(self, spec):
        """A loss as ``{"name": ..., params}`` (optionally ``"report": {...}``)."""
        self._command("set_loss", spec)

    def set_optimizer(self, spec):
        """An optimiser as ``{"name": ..., params}``; keeps the learning rate unless given."""
        self._command("set_optimizer", spec)

    def set_batch_size(self, size):
        """Mini-batch size; None or 0 = full batch."""
        self._command("set_batch_size", size)

    def set_weight(self, layer, i, j, value):
        """W(layer)[i, j] = value (layer 1 … L)."""
        self._command("set_weight", layer, i, j, value)

    def set_bias(self, layer, j, value):
        """b(layer)[j] = value (layer 1 … L)."""
        self._command("set_bias", layer, j, value)

    def gradient_check(self):
        """Finite differences against backprop at the current weights; gradient_checked(list) when done."""
        self._command("gradient_check")

    def preview_step(self, step):
        """Show the recorded state at ``step`` without changing training; a negative step returns to live."""
        self._command("preview_step", step)

    def resume_from(self, step):
        """Restore the trainer to the recorded ``step`` (or the nearest before it) and discard later history."""
        self._command("resume_from", step)

    def set_breakpoints(self, spec):
        """Run-until conditions: ``{"epoch", "loss_below", "grad_below", "grad_above"}``."""
        self._command("set_breakpoints", spec)

    def request_snapshot(self):
        """Ask for a full snapshot now."""
        self._command("request_snapshot")

    def is_alive(self) -> bool:
        """True while the worker (its process, or its thread) can take commands."""
        if self.in_process:
            return self.worker_thread.isRunning()
        return not self._shut and not self._died and self.process.is_alive()

    def shutdown(self):
        """Stop training, the worker and the thread; returns within about a second."""
        if self._shut:
            return
        self._shut = True
        if self.in_process:
            self.worker.stop_requested = True  # the worker checks it after every step of a chunk
            self._shutdown_requested.emit()
            if not self.worker_thread.wait(1000):
                self.worker_thread.quit()
                self.worker_thread.wait(5000)  # never destroy a running QThread
        else:
            self._link.stop(timeout=1.0)
        self.running = False
        app = QCoreApplication.instance()
        if app is not None:
            try:
                app.aboutToQuit.disconnect(self.shutdown)  # so the controller can be freed
            except (RuntimeError, TypeError):
                pass
