"""The training worker: owns the session and trains it in an event loop of its own.

Commands arrive through :class:`gui.training.protocol.Dispatcher` (a queued call in thread mode,
a pipe message in process mode; the same dispatcher either way).  Running is a QTimer in the
worker's loop whose every tick trains one chunk of fast-path steps and then returns to the loop,
so commands are handled between chunks.  A chunk ends after ``CHUNK_SECONDS`` whatever the
network (the clock is read after every step), so pause and close act within milliseconds.
Results leave as :data:`event` ``(name, args)`` for the events of :data:`protocol.EVENTS`;
snapshots are built by :class:`gui.training.snapshots.SnapshotBuilder`, coalesced to ~30 per
second (the heavy part ~10 per second).  An exception in a run stops the run and is reported
once, with its traceback (``worker_failed``); the worker stays usable.
"""

from __future__ import annotations

import os
import threading
import time

# Small matrices are slower with several BLAS threads (main.py sets the same before numpy loads).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from gui.i18n import lookup, tr_noop
from gui.training.protocol import Dispatcher, DivergenceNotice, failure_of, one_line, suggest_learning_rate
from gui.training.snapshots import SnapshotBuilder, View
from model.breakpoints import Breakpoints
from model.gradcheck import gradient_check
from model.losses import loss_from_dict
from model.optimizers import optimizer_from_dict
from model.schedules import schedule_from_dict
from model.session import Session
from model.timeline import Timeline

__all__ = ["TrainingWorker", "limit_blas_threads"]

# user-visible text, in one place for translation
TEXT = {
    "paused": tr_noop("Paused"),
    "paused_preview": tr_noop("Paused to look back in time"),
    "paused_load": tr_noop("Stopped: another session was loaded"),
    "no_session": tr_noop("No session is loaded"),
    "loaded_preset": tr_noop("Loaded the preset {name}"),
    "loaded_session": tr_noop("Loaded the session {name}"),
    "restored": tr_noop("Training continues from step {step} in a new training process"),
    "reset": tr_noop("The weights were re-initialised; the settings are kept"),
    "rebuilt": tr_noop("The network was rebuilt for the new {what}: the weights were re-initialised"),
    "what_architecture": tr_noop("architecture"),
    "what_data": tr_noop("data"),
    "what_settings": tr_noop("settings"),
    "resumed": tr_noop("Resumed from step {step}; the later steps were discarded"),
    "not_recorded": tr_noop("No recorded step at or before step {step}"),
    "viewing": tr_noop("Viewing step {step} (recorded); training is unchanged"),
    "first_phase": tr_noop("Already at the first phase of this step"),
    "lr_set": tr_noop("Learning rate set to {lr:g}"),
    "loss_set": tr_noop("Loss set to {name}"),
    "loss_refused": tr_noop("{name} cannot be used here: {reason}"),
    "optimizer_set": tr_noop("Optimizer set to {name}"),
    "schedule_set": tr_noop("Learning-rate schedule set to {name}"),
    "batch_set": tr_noop("Batch size set to {size}"),
    "full_batch": tr_noop("full batch"),
    "weight_set": tr_noop("W({layer})[{i},{j}] set to {value:g}"),
    "bias_set": tr_noop("b({layer})[{j}] set to {value:g}"),
    "breakpoints_set": tr_noop("Breakpoints: {what}"),
    "breakpoints_none": tr_noop("none"),
    "saved": tr_noop("Saved the session to {path}"),
    "bad_layer": tr_noop("layer must be between 1 and {L}, got {layer}"),
    "bad_index": tr_noop("{what} index {k} is out of range (0 … {n})"),
}
_t = lookup(TEXT)


_blas_limited = False


def limit_blas_threads():
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


class TrainingWorker(QObject):
    """Owns the session and trains it on the thread it lives in; see the module docstring."""

    #: (event name, args): one of protocol.EVENTS; the controller re-emits it as its signal
    event = Signal(str, object)

    SNAPSHOT_INTERVAL = 1 / 30  # at most ~30 snapshots per second
    HEAVY_INTERVAL = 0.1  # values and surface at most ~10 per second
    HEAVY_SHARE = 0.25  # …and, on big data, in at most this share of a run's time
    CHUNK_SECONDS = 0.008  # one timer tick trains for about this long
    MAX_CHUNK = 1_000_000

    def __init__(self, parent=None, clock=time.perf_counter):
        super().__init__(parent)
        self.dispatch = Dispatcher(self, self._send)
        self.builder = SnapshotBuilder()
        self.clock = clock
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
        self._sec_per_step: float | None = None  # None: unknown for this network; the next chunk is one step
        self._deadline = float("inf")
        self._carry = 0.0
        self._last_tick = 0.0
        self._breakpoints: Breakpoints | None = None
        self._stop_reason: str | None = None
        self._last_emit = 0.0
        self._emitted_step = -1
        self._last_heavy = 0.0
        self._heavy_interval = self.HEAVY_INTERVAL
        self._heavy_pending = False  # the next tick of a run builds a heavy snapshot instead of training
        self._heavy_cost = 0.0  # seconds the latest heavy snapshot took
        self._view = View()
        self.thread_ident: int | None = None

    # the way in and out ---------------------------------------------------------------------
    @Slot(str, object)
    def handle(self, name, args):
        """One command (thread mode's queued entry; the training process calls it too)."""
        if not self._shut_down:
            self.dispatch(name, args)

    def _send(self, name, args):
        self.event.emit(name, tuple(args))

    def fail(self, e: BaseException, where: str):
        """An unexpected exception: stop any run, report it once with its traceback; the worker lives on."""
        failure = failure_of(e, where)
        if self._running:
            self._timer.stop()
            self._running = False
            try:
                self._emit(heavy=True, message=failure.summary)
            except Exception:  # noqa: BLE001 - the snapshot itself may be what fails
                pass
            self._send("running_changed", (False,))
            self._send("training_stopped", (failure.summary,))
        self._send("worker_failed", (failure,))

    # helpers --------------------------------------------------------------------------------
    @property
    def trainer(self):
        return self._session().trainer

    @property
    def running(self) -> bool:
        return self._running

    def _session(self) -> Session:
        """The current session; ValueError (shown as a one-line error) if none is loaded."""
        if self.session is None:
            raise ValueError(_t("no_session"))
        return self.session

    def _install(self, session: Session, message: str, continued=False):
        """Make ``session`` the current one (after it was built, and checked, without error)."""
        t = session.trainer
        self._check_loss_applies(t, t.loss, t.report)
        if self._running:
            self._stop_running(_t("paused_load"))
        t.track_grad_norms = True
        t.track_accuracy = session.dataset.task == "classification"
        self.session = session
        self.timeline = Timeline()
        self.timeline.record(t)
        self._view = View()
        self._sec_per_step = None  # a new network: measure its speed before sizing a chunk
        self.builder.start(session)
        if continued:
            self.builder.continue_history(session)
        if self._breakpoints is not None:
            self._breakpoints.arm(t)
        self._send("session_changed", (session.to_dict(with_history=False),))
        self._emit(heavy=True, message=message)

    @staticmethod
    def _check_loss_applies(t, loss, report):
        """Refuse a loss that cannot be computed on this data (e.g. hinge on real-valued targets)."""
        with np.errstate(all="ignore"):
            out = t.network.predict(t.X)
            try:
                loss.value(t.Y, out)
                loss.gradient(t.Y, out)
                if report is not None:
                    report.value(t.Y, out)
            except ValueError as e:
                raise ValueError(_t("loss_refused", name=loss.name, reason=one_line(e))) from None

    def _settings_changed(self, message):
        self._send("session_changed", (self.session.to_dict(with_history=False),))
        self._emit(heavy=True, message=message)

    def _leave_phase_mode(self):
        self._view.phase_mode = False
        self._view.phase_cursor = -1

    def _end_preview(self):
        self._view.viewing = None

    def _drop_step_in_progress(self):
        """Drop a phase-by-phase step in progress (its update has not happened, so nothing changes)."""
        self.trainer.abort_step()
        self._leave_phase_mode()

    # commands: sessions ---------------------------------------------------------------------
    def load_preset(self, name):
        self._install(Session.from_preset(name), _t("loaded_preset", name=name))

    def load_session(self, source):
        if isinstance(source, Session):
            session = source
        elif isinstance(source, dict):
            session = Session.from_dict(source)
        else:
            session = Session.load(os.fspath(source))
        self._install(session, _t("loaded_session", name=session.name))

    def restore_session(self, d):
        session = Session.from_dict(d)
        self._install(session, _t("restored", step=session.trainer.step), continued=True)

    def save_session(self, path):
        self._session().save(path)
        self._send("session_saved", (str(path),))
        self._emit(heavy=False, message=_t("saved", path=path))

    def copy_session(self, tag):
        self._send("session_copied", (tag, self._session().to_dict(with_history=True)))

    def reset(self):
        self._install(self._session().reset(), _t("reset"))

    def rebuild(self, changes):
        new = self._session().rebuild(changes)
        what = "architecture" if "architecture" in changes else "data" if "data" in changes else "settings"
        self._install(new, _t("rebuilt", what=_t("what_" + what)))

    # commands: stepping ---------------------------------------------------------------------
    def step(self):
        t = self.trainer
        if self._running:
            self._stop_running(_t("paused"))
        self._end_preview()
        self._leave_phase_mode()
        t.run_steps(1)
        self._after_trainer_moved()

    def step_phase(self):
        t = self.trainer
        if self._running:
            self._stop_running(_t("paused"))
        self._end_preview()
        phases = t.current_phases
        view = self._view
        if view.phase_mode and 0 <= view.phase_cursor < len(phases) - 1:
            view.phase_cursor += 1  # re-advance through phases already computed
        else:
            p = t.step_phase()
            view.phase_mode = True
            view.phase_cursor = len(t.current_phases) - 1
            if p.kind == "update" or t.diverged is not None:
                self._after_trainer_moved()
                return
        self._emit(heavy=True)

    def step_phase_back(self):
        self._session()
        view = self._view
        if view.phase_mode and view.phase_cursor > 0:
            view.phase_cursor -= 1
            self._emit(heavy=True)
        else:
            self._emit(heavy=False, message=_t("first_phase"))

    def _after_trainer_moved(self):
        """After a step outside a run: record it, send the snapshot, and report a divergence."""
        t = self.trainer
        self.timeline.record(t)  # (after a divergence, the step the guard restored)
        self._emit(heavy=True)
        if t.diverged is not None:
            self._send("training_stopped", (t.diverged.message,))
            self._report_divergence()

    def _report_divergence(self):
        t = self.trainer
        d = t.diverged
        lr = float(t.optimizer.learning_rate)
        self._send("diverged", (DivergenceNotice(d.step, d.epoch, d.message, lr, suggest_learning_rate(lr)),))

    # commands: running ----------------------------------------------------------------------
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
        self._last_tick = self.clock()
        self.builder.restart_rate(t.step, self._last_tick)
        self._start_timer()
        self._send("running_changed", (True,))
        self._emit(heavy=False)

    def pause(self):
        if self._running:
            self._stop_running(_t("paused"))

    def set_speed(self, steps_per_second):
        self._speed = steps_per_second
        self._carry = 0.0
        self._last_tick = self.clock()
        if self._running:
            self._start_timer()

    def _start_timer(self):
        # as fast as possible: fire whenever the event loop is idle; else a few ticks per step, ≤ 50 ms apart
        interval = 0 if self._speed <= 0 else int(min(50.0, max(2.0, 1000.0 / self._speed / 2)))
        self._timer.start(interval)

    @property
    def seconds_per_step(self) -> float | None:
        """The measured time of one step of a run on this network (None until a chunk has run)."""
        return self._sec_per_step

    def chunk_budget(self) -> int:
        """Steps for the next chunk: one while the network's speed is unknown, else ~CHUNK_SECONDS' worth."""
        return 1 if self._sec_per_step is None else self.chunk_budget_for(self._sec_per_step)

    def chunk_budget_for(self, seconds_per_step: float) -> int:
        return max(1, min(self.MAX_CHUNK, int(self.CHUNK_SECONDS / seconds_per_step)))

    @Slot()
    def _tick(self):
        try:
            self._run_chunk()
        except Exception as e:  # noqa: BLE001 - a run that raises stops, and says so once
            self.fail(e, "run")

    def _run_chunk(self):
        if not self._running or self.stop_requested:
            self._timer.stop()
            return
        if self._heavy_pending:  # a tick of its own: a command that came meanwhile (pause) goes first
            self._heavy_pending = False
            self._emit(heavy=True)
            return
        t = self.session.trainer
        now = self.clock()
        budget = self.chunk_budget()
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
            self._deadline = now + self.CHUNK_SECONDS
            done = t.run_steps(n, self._after_step)
            dt = self.clock() - now
            if done:
                per_step = max(dt / done, 1e-7)
                old = self._sec_per_step
                self._sec_per_step = per_step if old is None else 0.7 * old + 0.3 * per_step
        if t.diverged is not None:
            self.timeline.record(t)  # the guard may have restored an earlier step
            self._stop_running(t.diverged.message)
            self._report_divergence()
        elif self._stop_reason is not None:
            self._stop_running(self._stop_reason)
        elif self.stop_requested:
            self._timer.stop()
        else:
            now = self.clock()
            if t.step != self._emitted_step and now - self._last_emit >= self.SNAPSHOT_INTERVAL:
                # at a slow speed every step gets its values when they take at most half of a step's time slot
                slow = 0 < self._speed and self._heavy_cost * self._speed <= 0.5
                heavy = slow or now - self._last_heavy >= self._heavy_interval
                # otherwise an expensive heavy snapshot waits for a tick of its own, so a pause is not kept waiting
                self._heavy_pending = heavy and not slow and self._heavy_cost > self.CHUNK_SECONDS
                self._emit(heavy=heavy and not self._heavy_pending)

    def _after_step(self, trainer):
        """After every step of a run: record it; end the chunk on time, for shutdown or at a breakpoint."""
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
        return self.clock() >= self._deadline

    def _stop_running(self, reason):
        self._timer.stop()
        self._running = False
        self._heavy_pending = False
        self._stop_reason = None
        t = self.session.trainer
        if self.timeline.last_step != t.step:
            self.timeline.record(t)
        # the final state first, so it is there when the stop arrives; but when its values take long
        # (a big network), a light snapshot goes first, so that the window knows at once
        quick = self._heavy_cost <= self.CHUNK_SECONDS
        self._emit(heavy=quick, message=reason)
        self._send("running_changed", (False,))
        self._send("training_stopped", (reason,))
        if not quick:
            self._emit(heavy=True)

    # commands: settings ---------------------------------------------------------------------
    def set_learning_rate(self, lr):
        t = self.trainer
        t.set_learning_rate(lr)
        self._settings_changed(_t("lr_set", lr=t.optimizer.learning_rate))

    def set_loss(self, spec):
        t = self.trainer
        report_spec = spec.pop("report", None)
        loss = loss_from_dict(spec)
        report = loss_from_dict(report_spec) if report_spec else None
        self._check_loss_applies(t, loss, report)
        t.set_loss(loss, report)  # checks the output layer first; raises before changing anything
        self._end_preview()
        self._leave_phase_mode()
        self._settings_changed(_t("loss_set", name=loss.name))

    def set_optimizer(self, spec):
        t = self.trainer
        spec.pop("state", None)
        spec.setdefault("learning_rate", t.optimizer.learning_rate)
        opt = optimizer_from_dict(spec, t.network.param_shapes())
        t.set_optimizer(opt)
        self.timeline.record(t)  # the current step now has the new optimiser's (empty) state
        self._settings_changed(_t("optimizer_set", name=opt.name))

    def set_schedule(self, spec):
        t = self.trainer
        schedule = schedule_from_dict(spec)
        t.set_schedule(schedule)
        self._settings_changed(_t("schedule_set", name=schedule.name))

    def set_batch_size(self, size):
        t = self.trainer
        t.set_batch_size(size)
        self._sec_per_step = None  # a step's cost depends on the batch
        self._leave_phase_mode()
        self._settings_changed(_t("batch_set", size=_t("full_batch") if size is None else size))

    def _layer(self, layer):
        L = self.trainer.n_layers
        if not 1 <= layer <= L:
            raise ValueError(_t("bad_layer", L=L, layer=layer))
        return self.trainer.network.layers[layer - 1]

    @staticmethod
    def _index(k, n, what):
        if not 0 <= k < n:
            raise ValueError(_t("bad_index", what=what, k=k, n=n - 1))
        return k

    def set_weight(self, layer, i, j, value):
        W = self._layer(layer).W
        i = self._index(i, W.shape[0], "row")
        j = self._index(j, W.shape[1], "column")
        self._edit(lambda: W.__setitem__((i, j), value), _t("weight_set", layer=layer, i=i, j=j, value=value))

    def set_bias(self, layer, j, value):
        b = self._layer(layer).b
        j = self._index(j, b.shape[0], "unit")
        self._edit(lambda: b.__setitem__(j, value), _t("bias_set", layer=layer, j=j, value=value))

    def _edit(self, change, message):
        self._drop_step_in_progress()  # a half-done step would mix old and new weights
        self._end_preview()
        change()
        self.timeline.record(self.trainer)  # the record of this step now has the edited weight
        self._emit(heavy=True, message=message)

    def set_breakpoints(self, spec):
        bp = spec if isinstance(spec, Breakpoints) else Breakpoints.from_dict(spec)
        self._breakpoints = bp if bp.active else None
        if self._breakpoints is not None and self.session is not None:
            self._breakpoints.arm(self.session.trainer)
        what = ", ".join(f"{k} {v:g}" for k, v in bp.to_dict().items() if v is not None) or _t("breakpoints_none")
        if self.session is not None:
            self._emit(heavy=False, message=_t("breakpoints_set", what=what))

    # commands: inspection and time travel ---------------------------------------------------------
    def gradient_check(self):
        t = self.trainer
        checks = gradient_check(t.network, t.loss, t.X, t.Y)
        self._send("gradient_checked", (list(checks),))

    def preview_step(self, step):
        t = self.trainer
        if self._running:
            self._stop_running(_t("paused_preview"))
        s = self.timeline.nearest(step) if step >= 0 else None
        if step < 0 or step >= t.step or s is None or s == t.step:
            self._end_preview()
            self._emit(heavy=True)
            return
        state = self.timeline.state_at(s)
        net = t.network.copy()
        net.set_params(state["params"])
        self._view.viewing = (s, state["epoch"], net)
        self._leave_phase_mode()
        self._emit(heavy=True, message=_t("viewing", step=s))

    def resume_from(self, step):
        t = self.trainer
        if self._running:
            self._stop_running(_t("paused"))
        s = self.timeline.nearest(step)
        if s is None:
            raise ValueError(_t("not_recorded", step=step))
        t.load_state_dict(self.timeline.state_at(s))  # truncates the loss history to that step
        self.timeline.truncate_after(s)
        self._end_preview()
        self._leave_phase_mode()
        self.builder.reset_history()
        self._emit(heavy=True, message=_t("resumed", step=s))

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

    # snapshots ------------------------------------------------------------------------------
    def _emit(self, heavy: bool, message: str | None = None):
        if self.session is None:
            return
        now = self.clock()
        snap = self.builder.build(
            self.session, self.timeline, heavy=heavy, running=self._running, now=now, view=self._view, message=message
        )
        self._emitted_step = snap.step
        self._last_emit = now
        if heavy:
            self._last_heavy = now
            cost = self._heavy_cost = self.clock() - now  # the values and the full-data loss: seconds on big data
            self._heavy_interval = max(self.HEAVY_INTERVAL, cost / self.HEAVY_SHARE)
        self._send("snapshot_ready", (snap,))
