"""The GUI thread's handle on the training worker.

:class:`TrainingController` starts the worker, by default in a child process
(:mod:`gui.training.process`): a worker thread of this process would share the GIL with the GUI
thread and make every repaint wait for it.  With ``process=False`` (or
``BACKPROP_STUDIO_INPROCESS=1``) it runs on a QThread of this process, as the tests of its logic
and a fallback do.  Its command methods (``run()``, ``set_loss(spec)`` …) are made from
:data:`gui.training.protocol.COMMANDS` and its signals from :data:`~gui.training.protocol.EVENTS`,
so a command is declared once: either mode sends ``(name, args)`` to the same dispatcher.

If the training process dies, the controller says so once (``worker_failed``) and starts a new
one with the session the window shows: the latest weights and settings it has received.
"""

from __future__ import annotations

import atexit
import inspect
import os
import sys
import weakref

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from gui.i18n import lookup, tr_noop
from gui.training import process as training_process
from gui.training.protocol import COMMANDS, EVENT_NAMES, EVENTS, Failure, one_line
from gui.training.worker import TrainingWorker, limit_blas_threads
from model.session import without_progress

__all__ = ["TrainingController", "INPROCESS_ENV", "GIL_SWITCH_INTERVAL", "default_process_mode"]

# user-visible text, in one place for translation
TEXT = {
    "process_died": tr_noop(
        "the training process stopped unexpectedly (exit code {code}); load a preset or a session to start it again"
    ),
    "process_restarted": tr_noop(
        "The training process stopped unexpectedly (exit code {code}); "
        "a new one continues from step {step} with the latest weights and settings"
    ),
    "process_restarted_details": tr_noop(
        "The training process ended with exit code {code} (a negative code is the "
        "signal that ended it). A new training process was started with the session the window shows: "
        "the weights of step {step} and the current settings. The optimizer's state (momentum, Adam's "
        "moments) and the order of the mini-batches start afresh."
    ),
    "process_failed": tr_noop("could not start the training process ({reason}); training runs in this process"),
    "unsendable": tr_noop("cannot send {what} to the training process: {reason}"),
}
_t = lookup(TEXT)

#: The GIL switch interval while an in-process worker exists.  That worker is CPU-bound Python;
#: the GUI thread waits up to one interval for the GIL at every entry into Python (slot, paint
#: override).  With the default 5 ms a pyqtgraph paint took 2.1× as long as alone, with 1 ms 1.6×,
#: 0.2 ms 1.4× (tests/benchmarks/gui.py).  (The process mode needs none of this.)
GIL_SWITCH_INTERVAL = 0.0005
#: Set to 1 to train on a thread of the GUI process instead of a child process.
INPROCESS_ENV = "BACKPROP_STUDIO_INPROCESS"
#: A training process that dies again before sending anything is not restarted again.
MAX_RESTARTS = 2
_controllers: weakref.WeakSet[TrainingController] = weakref.WeakSet()


@atexit.register
def _shutdown_all():
    """A script that exits without shutdown() must not destroy a running QThread or leave a child."""
    for controller in list(_controllers):
        controller.shutdown()


def default_process_mode() -> bool:
    """True unless ``BACKPROP_STUDIO_INPROCESS=1`` asks for the worker on a thread of this process."""
    return os.environ.get(INPROCESS_ENV, "").strip().lower() not in ("1", "true", "yes", "on")


def _language() -> str:
    from gui.i18n import language

    return language()


# the controller's signals: one per protocol event, same name and argument types
_EventSignals = type(QObject)("_EventSignals", (QObject,), {e.name: Signal(*e.types) for e in EVENTS})


class TrainingController(_EventSignals):
    """The GUI thread's handle on the worker: methods become commands, the worker's events become signals.

    ``TrainingController(session=None, preset=None, parent=None, process=None)`` starts the worker
    (in a child process unless ``process`` is False, or None and ``BACKPROP_STUDIO_INPROCESS=1``)
    and loads ``session`` (a Session or a file path) or ``preset``; call :meth:`shutdown` before
    the application exits (it is also connected to ``QCoreApplication.aboutToQuit``).

    Signals (see :data:`gui.training.protocol.EVENTS`): ``snapshot_ready(Snapshot)``,
    ``error_occurred(str)``, ``training_stopped(str)``, ``running_changed(bool)``,
    ``gradient_checked(list)``, ``session_changed(dict)``, ``session_saved(str)``,
    ``worker_failed(Failure)``, ``diverged(DivergenceNotice)``.
    """

    # thread mode: every command goes to the worker through this one queued signal
    _command_requested = Signal(str, object)
    _shutdown_requested = Signal()

    def __init__(self, session=None, preset=None, parent=None, process=None):
        super().__init__(parent)
        limit_blas_threads()
        self.running = False
        self._shut = False
        self._died = False
        self._restarts = 0  # restarts since the training process last sent something
        self._session_dict: dict | None = None  # the latest session_changed
        self._live: tuple | None = None  # (values, step, epoch) of the latest live heavy snapshot
        self._last_load: tuple | None = None  # the latest load command, to replay if no session arrived
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
                message = _t("process_failed", reason=one_line(e))
                QTimer.singleShot(0, lambda: self.error_occurred.emit(message))
        if self.in_process:
            self._start_thread()
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
        self._command_requested.connect(self.worker.handle, q)
        self._shutdown_requested.connect(self.worker.shutdown, q)
        self.worker.event.connect(self._on_event, q)
        self.worker_thread.start()

    def _start_process(self):
        self._link = training_process.ProcessLink(_language())
        self.process = self._link.process
        self.worker_thread = self._link.relay
        self._died = False
        self.worker_thread.received.connect(self._on_event, Qt.QueuedConnection)
        self.worker_thread.start()

    @property
    def startup_seconds(self) -> float | None:
        """Process mode: seconds from spawning the child to its worker listening (None until then)."""
        return None if self._link is None else self._link.relay.startup_seconds

    # events ---------------------------------------------------------------------------
    @Slot(str, object)
    def _on_event(self, name, args):
        """An event from the worker, in the GUI thread: remember what a restart needs, then re-emit it."""
        if self._shut or self.sender() not in (self.worker, self.worker_thread):  # (a previous child's relay)
            return
        if name == training_process.ENDED:
            self._child_ended()
            return
        if name not in EVENT_NAMES:
            return
        if name == "snapshot_ready":
            s = args[0]
            self._restarts = 0
            if s.values is not None and s.viewing_step is None:
                self._live = (s.values, s.step, s.epoch)
        elif name == "session_changed":
            self._session_dict = args[0]  # (with the weights of this moment; a later snapshot has newer ones)
            self._live = None
        elif name == "running_changed":
            self.running = bool(args[0])
        getattr(self, name).emit(*args)

    def _child_ended(self):
        """The child's pipe closed without a shutdown: say so once, and start a new one with the shown session."""
        if self._died:
            return
        self._died = True
        self.process.join(0.2)  # it has closed its end; collect the exit code
        code = "?" if self.process.exitcode is None else self.process.exitcode
        if self.running:
            self.running = False
            self.running_changed.emit(False)
        if self._restarts >= MAX_RESTARTS or (self._session_dict is None and self._last_load is None):
            self.error_occurred.emit(_t("process_died", code=code))
            return
        self._restarts += 1
        if self._session_dict is not None:
            values, step, epoch = self._live or (
                None,
                self._session_dict.get("step", 0),
                self._session_dict.get("epoch", 0),
            )
            command = ("restore_session", (restorable_session(self._session_dict, values, step, epoch),))
        else:
            step = 0
            command = self._last_load
        self._restart_process()
        self._send(*command)
        summary = _t("process_restarted", code=code, step=step)
        self.worker_failed.emit(Failure(summary, _t("process_restarted_details", code=code, step=step), "process"))

    def _restart_process(self):
        """After a crash: a new child (the caller sends it a session)."""
        old = self._link
        old.stop(0.2)
        self.worker_thread.received.disconnect(self._on_event)
        self._start_process()

    # commands -------------------------------------------------------------------------
    def _command(self, name, args):
        """Send one command, declared in protocol.COMMANDS, to the worker."""
        if self._shut:
            return
        if name in ("load_preset", "load_session"):
            self._last_load = (name, args)
        if self.in_process:
            self._command_requested.emit(name, args)
            return
        if self._died:
            if name not in ("load_preset", "load_session"):
                return  # reported once already; a load starts a new process
            self._restarts = 0
            self._restart_process()
        self._send(name, args)

    def _send(self, name, args):
        try:
            self._link.send(name, *COMMANDS[name].wire(args))
        except Exception as e:  # noqa: BLE001 - an argument that cannot be pickled: one line, nothing sent
            self.error_occurred.emit(_t("unsendable", what=name, reason=one_line(e)))

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


def _forwarder(command):
    """The controller method for ``command``: its signature and doc come from the declaration."""
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    params += [inspect.Parameter(a.name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for a in command.args]
    signature = inspect.Signature(params)
    name = command.name

    def forward(self, *args, **kwargs):
        bound = signature.bind(self, *args, **kwargs)
        self._command(name, tuple(bound.arguments.values())[1:])

    forward.__name__ = name
    forward.__qualname__ = f"TrainingController.{name}"
    forward.__doc__ = command.doc
    forward.__signature__ = signature
    return forward


for _command in COMMANDS.values():
    setattr(TrainingController, _command.name, _forwarder(_command))
del _command


def restorable_session(session: dict, values, step: int, epoch: int) -> dict:
    """The session the window shows, for a restarted training process.

    ``session`` is the last ``session_changed`` dict (settings, and the weights when it was sent);
    ``values`` the ``LayerValues`` of the latest live snapshot, at ``step`` and ``epoch``.  The
    weights and settings are the latest the window has; the optimiser's state and the batch order
    start afresh (they never reach the window).
    """
    d = without_progress(session)
    if values:
        d["network"] = {
            "layers": [
                {"weights": np.asarray(lv.W).tolist(), "biases": np.asarray(lv.b).tolist(), "activation": lv.activation}
                for lv in values
            ]
        }
    elif "network" in session:
        d["network"] = session["network"]
    d["step"] = int(step)
    d["epoch"] = int(epoch)
    return d
