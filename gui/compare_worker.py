"""The side-by-side worker: trains both sides of a :class:`model.compare.Comparison` off the GUI thread.

The window sends commands (``load``, ``set_side``, ``run``, ``pause``, ``step``, ``reset``,
``set_speed``) through :class:`CompareThread`: over a pipe to a process of its own (as the main
window's training does, :mod:`gui.training.process`), or as queued signals to a QThread.  The
worker answers with :class:`Frame` s, coalesced to at most ~30 a second (the output surfaces at
most ~10 a second), never one per step.  Both sides take the same number of steps in every chunk,
so the curves advance together.  Running is a QTimer in the worker's own event loop: a tick trains
for about ``CHUNK_SECONDS`` and returns, so pause and close act within milliseconds.  Bad input is
answered with one line (``error_occurred``) and changes nothing.
"""

from __future__ import annotations

import copy
import os
import sys
import time
from dataclasses import dataclass

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from gui.i18n import tr
from gui.training.controller import GIL_SWITCH_INTERVAL
from model.compare import Comparison
from model.snapshot import decision_surface, frozen

__all__ = ["CompareWorker", "CompareThread", "Frame", "Side", "compare_child_main"]

COMMANDS = ("load", "set_side", "run", "pause", "step", "reset", "set_speed")


@dataclass(frozen=True)
class Side:
    """One side of a frame: its step, the reported losses since the previous frame, its output surface."""

    step: int
    first_step: int  # step number of new_losses[0]
    new_losses: np.ndarray  # the reported loss of every step since the previous frame (read-only)
    restarted: bool  # the side started again (reset, a new setting): the curve starts afresh
    surface: tuple | None  # as OutputView.set_surface takes it; None when this frame does not refresh it
    loss: float  # the loss of the latest step, NaN before the first
    diverged: str | None  # the divergence guard's message, once this side has stopped


@dataclass(frozen=True)
class Frame:
    """What the window draws, copied out of the comparison (nothing aliases live state)."""

    serial: int
    running: bool
    kind: str
    values: tuple  # the setting of each side
    sides: tuple[Side, Side]
    data: tuple | None  # (X, Y, task) after a load, else None


def _bounds(X: np.ndarray):
    lo, hi = X.min(axis=0), X.max(axis=0)
    margin = np.where(hi - lo > 0, 0.1 * (hi - lo), 1.0)
    return lo - margin, hi + margin


def output_surface(network, bounds, classification: bool):
    """The network's output over its input space: a 2-D grid, or a curve along one input (None otherwise)."""
    lo, hi = bounds
    if lo.shape[0] == 2:
        return decision_surface(network, (lo[0], hi[0]), (lo[1], hi[1]), 48, classes=classification)
    if lo.shape[0] == 1:
        xs = np.linspace(lo[0], hi[0], 200)
        with np.errstate(all="ignore"):
            ys = network.predict(xs.reshape(-1, 1))
        return frozen(xs), frozen(ys[:, 0] if ys.shape[1] == 1 else ys)
    return None


class CompareWorker(QObject):
    """Owns the comparison and trains it on the thread it lives in; see the module docstring."""

    frame_ready = Signal(object)
    error_occurred = Signal(str)
    running_changed = Signal(bool)

    FRAME_INTERVAL = 1 / 30
    SURFACE_INTERVAL = 0.1
    CHUNK_SECONDS = 0.03

    def __init__(self, parent=None, clock=time.perf_counter):
        super().__init__(parent)
        self.clock = clock
        self.comparison: Comparison | None = None
        self.stop_requested = False  # set from the GUI thread when the window closes
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._running = False
        self._speed = 0.0
        self._carry = 0.0
        self._last_tick = 0.0
        self._sec_per_step: float | None = None
        self._serial = 0
        self._sent = [0, 0]  # steps whose losses have been sent, per side
        self._restarted = [True, True]
        self._sessions = [None, None]  # the sessions the frames describe (a new one restarts its curve)
        self._last_frame = 0.0
        self._last_surface = 0.0
        self._data_pending = False
        self._bounds = None
        self._classification = False

    # commands -------------------------------------------------------------------------------
    @Slot(str, object)
    def handle(self, name, args):
        if self.stop_requested or name not in COMMANDS:
            return
        try:
            getattr(self, "_" + name)(*args)
        except ValueError as e:
            self.error_occurred.emit(str(e).splitlines()[0] if str(e) else type(e).__name__)

    def _load(self, base: dict, kind: str, a, b):
        comparison = Comparison(copy.deepcopy(base), kind, a, b)  # (raises before anything changes)
        self.comparison = comparison
        X = comparison.trainers[0].X
        self._bounds = _bounds(X)
        self._classification = comparison.sessions[0].dataset.task == "classification"
        self._sec_per_step = None
        self._data_pending = True
        self._emit(surface=True)

    def _set_side(self, i: int, value):
        if self.comparison is None:
            return
        self.comparison.set_side(int(i), value)
        self._sec_per_step = None
        self._emit(surface=True)

    def _run(self):
        if self.comparison is None or self._running:
            return
        self._running = True
        self._carry = 0.0
        self._last_tick = self.clock()
        self._schedule()
        self._timer.start()
        self.running_changed.emit(True)
        self._emit(surface=True)

    def _pause(self):
        if not self._running:
            return
        self._stop_running()
        self._emit(surface=True)

    def _stop_running(self):
        self._timer.stop()
        self._running = False
        self.running_changed.emit(False)

    def _step(self):
        if self.comparison is None:
            return
        if self._running:
            self._stop_running()
        self.comparison.run_steps(1)
        self._emit(surface=True)

    def _reset(self):
        if self.comparison is None:
            return
        self.comparison.reset()
        self._emit(surface=True)

    def _set_speed(self, steps_per_second: float):
        speed = float(steps_per_second)
        if not speed >= 0.0:
            raise ValueError(
                tr("the speed must be a number of steps per second ≥ 0, got {value!r}").format(value=steps_per_second)
            )
        self._speed = speed
        self._carry = 0.0
        if self._running:
            self._schedule()

    def shutdown(self):
        """Stop training and leave the thread's event loop (called in the worker's thread)."""
        self.stop_requested = True
        self._timer.stop()
        self._running = False
        QThread.currentThread().quit()

    # running --------------------------------------------------------------------------------
    def _schedule(self):
        self._timer.setInterval(0 if self._speed <= 0 else int(min(50.0, max(2.0, 500.0 / self._speed))))

    def _due(self, now: float) -> int:
        """Steps for this tick: what the speed has made due, or about CHUNK_SECONDS' worth at full speed."""
        if self._speed > 0:
            due = self._carry + (now - self._last_tick) * self._speed
            n = int(due)
            self._carry = min(due - n, 1.0)
            return n
        if self._sec_per_step is None:
            return 1
        return max(1, int(self.CHUNK_SECONDS / max(self._sec_per_step, 1e-7)))

    def _tick(self):
        if self.stop_requested or self.comparison is None:
            return
        now = self.clock()
        n = self._due(now)
        self._last_tick = now
        c = self.comparison
        if n > 0:
            started = self.clock()
            done = 0
            while done < n and not self.stop_requested:  # in small pieces: close acts at once
                piece = min(n - done, 256)
                c.run_steps(piece)
                done += piece
                if self._speed <= 0 and self.clock() - started > 2 * self.CHUNK_SECONDS:
                    break
            self._sec_per_step = (self.clock() - started) / max(done, 1)
        if c.stopped(0) and c.stopped(1):
            self._stop_running()
            self._emit(surface=True)
            return
        now = self.clock()
        if now - self._last_frame >= self.FRAME_INTERVAL:
            self._emit(surface=now - self._last_surface >= self.SURFACE_INTERVAL)

    # frames ---------------------------------------------------------------------------------
    def _side(self, i: int, surface: bool) -> Side:
        session = self.comparison.sessions[i]
        t = session.trainer
        restarted = session is not self._sessions[i] or t.history.report.n < self._sent[i]
        if restarted:
            self._sessions[i] = session
            self._sent[i] = 0
        first, values = t.history.report.since(self._sent[i])
        values = frozen(values[: max(0, t.step - first)])
        self._sent[i] = first + values.size
        return Side(
            step=t.step,
            first_step=first,
            new_losses=values,
            restarted=restarted,
            surface=output_surface(t.network, self._bounds, self._classification) if surface else None,
            loss=t.history.report.last() if t.step else float("nan"),
            diverged=None if t.diverged is None else str(t.diverged.message),
        )

    def _emit(self, surface: bool = False):
        c = self.comparison
        if c is None:
            return
        now = self.clock()
        data = None
        if self._data_pending:
            s = c.sessions[0]
            data = (frozen(s.trainer.X), frozen(s.trainer.Y), s.dataset.task)
            self._data_pending = False
        sides = (self._side(0, surface), self._side(1, surface))
        self._serial += 1
        frame = Frame(self._serial, self._running, c.kind, tuple(copy.deepcopy(c.values)), sides, data)
        self._last_frame = now
        if surface:
            self._last_surface = now
        self.frame_ready.emit(frame)


#: the worker's signals, as they cross the process boundary by name
EVENTS = ("frame_ready", "error_occurred", "running_changed")


def compare_child_main(commands, events, language="en"):
    """The comparison's own process: a QCoreApplication running a CompareWorker, driven over the pipes.

    The same protocol as :func:`gui.training.process.child_main`: ``(name, args)`` commands in,
    ``(event, args)`` out, READY once listening; STOP (or a closed pipe) ends it.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from gui import i18n
    from gui.training import process as link

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0] if sys.argv else "backprop-compare"])
    i18n.set_language(language)
    worker = CompareWorker()

    def stop():
        worker.stop_requested = True
        worker._timer.stop()

    def connect(send):
        for name in EVENTS:
            getattr(worker, name).connect(lambda *args, name=name: send(name, args))

    link.serve(app, commands, events, connect=connect, handle=worker.handle, stop=stop)


class CompareThread(QObject):
    """The window's handle on the worker: commands in, frames out; ``shutdown()`` stops it.

    The worker runs in a process of its own (the GUI keeps its GIL, and the second core trains),
    or, with ``process=False`` or ``BACKPROP_STUDIO_INPROCESS=1`` (tests, a fallback), on a QThread.
    """

    frame_ready = Signal(object)
    error_occurred = Signal(str)
    running_changed = Signal(bool)
    _command = Signal(str, object)
    _shutdown = Signal()

    def __init__(self, parent=None, process: bool | None = None):
        super().__init__(parent)
        from gui.training import default_process_mode

        self._shut = False
        self.worker: CompareWorker | None = None  # thread mode
        self.thread: QThread | None = None  # the worker's thread, or the relay of the process's events
        self.link = None  # process mode: gui.training.process.ProcessLink
        self.in_process = not (default_process_mode() if process is None else bool(process))
        if not self.in_process:
            try:
                self._start_process()
            except Exception:  # noqa: BLE001 - no child process: train on a thread instead
                self.in_process = True
        if self.in_process:
            self._start_thread()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)  # never leave a running QThread or a child at exit

    def _start_thread(self):
        if sys.getswitchinterval() > GIL_SWITCH_INTERVAL:
            sys.setswitchinterval(GIL_SWITCH_INTERVAL)  # the GUI thread gets the GIL back quickly
        self.thread = QThread()
        self.thread.setObjectName("compare")
        self.worker = CompareWorker()
        self.worker.moveToThread(self.thread)
        q = Qt.QueuedConnection
        self._command.connect(self.worker.handle, q)
        self._shutdown.connect(self.worker.shutdown, q)
        self.worker.frame_ready.connect(self.frame_ready, q)
        self.worker.error_occurred.connect(self.error_occurred, q)
        self.worker.running_changed.connect(self.running_changed, q)
        self.thread.start()

    def _start_process(self):
        from gui import i18n
        from gui.training.process import ProcessLink

        self.link = ProcessLink(i18n.language(), target=compare_child_main)
        self.thread = self.link.relay
        self.thread.received.connect(self._on_event, Qt.QueuedConnection)
        self.thread.start()

    @property
    def process(self):
        """The child process (process mode), else None."""
        return None if self.link is None else self.link.process

    @Slot(str, object)
    def _on_event(self, name, args):
        if not self._shut and name in EVENTS:
            getattr(self, name).emit(*args)

    def send(self, name: str, *args):
        if self._shut:
            return
        if self.link is not None:
            self.link.send(name, *args)
        else:
            self._command.emit(name, args)

    def shutdown(self):
        """Stop training, the thread or the child process; returns within about a second."""
        if self._shut:
            return
        self._shut = True
        if self.link is not None:
            self.link.stop(timeout=1.0)
        else:
            self.worker.stop_requested = True
            self._shutdown.emit()
            if not self.thread.wait(1000):
                self.thread.quit()
                self.thread.wait(5000)
        app = QCoreApplication.instance()
        if app is not None:
            try:
                app.aboutToQuit.disconnect(self.shutdown)
            except (RuntimeError, TypeError):
                pass
