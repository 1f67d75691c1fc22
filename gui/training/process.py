"""Training in a child process: the GUI process keeps its GIL to itself.

The worker is CPU-bound Python.  On a thread of the GUI process it shares the GIL with the GUI
thread, and every re-entry of Qt's painting into Python (a pyqtgraph item's ``paint``, our
``paintEvent`` overrides, slots) waits for it: with the whole window open the GUI thread's 10 ms
timer ran 160 ms late at the median (tests/benchmarks/gui.py).  So the worker runs in a process of
its own, started with ``spawn`` (never ``fork`` after Qt is initialised):

* the child (:func:`child_main`) runs a ``QCoreApplication`` with a
  :class:`gui.training.worker.TrainingWorker`; commands ``(name, args)`` arrive on a pipe, watched
  by a ``QSocketNotifier`` (a 5 ms poll timer where pipes are not sockets, i.e. Windows), and go
  to the worker's dispatcher, as in thread mode; every worker event goes back on another pipe;
* the GUI process (:class:`ProcessLink`) sends commands under a lock, and a :class:`Relay` thread
  blocks on the event pipe (``recv`` releases the GIL) and hands each event to the GUI thread as
  one queued signal.

Arrays cross pickled by :func:`dumps` as raw bytes and are rebuilt read-only over those bytes
(no copy, ``writeable`` False), so a Snapshot, a Phase's values and a gradient check arrive as
immutable as they left.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import threading
import time

from PySide6.QtCore import QThread, Signal

__all__ = ["ProcessLink", "Relay", "child_main", "dumps", "serve", "STOP", "READY", "ENDED"]

STOP = "__stop__"  # parent → child: stop training and exit
READY = "__ready__"  # child → parent: the worker is listening
ENDED = "__ended__"  # relay → controller: the event pipe closed (the child exited)

POLL_MS = 5  # the command poll where a QSocketNotifier cannot watch the pipe


def _readonly_array(buffer, dtype, shape):
    """An array over the pickled bytes: no copy, and read-only because bytes are immutable."""
    import numpy as np

    return np.frombuffer(buffer, dtype=dtype).reshape(shape)


class _Pickler(pickle.Pickler):
    """Pickles numpy arrays as raw bytes, so they unpickle read-only (see :func:`_readonly_array`)."""

    def reducer_override(self, obj):
        np = sys.modules.get("numpy")
        if np is not None and type(obj) is np.ndarray and not obj.dtype.hasobject:
            return _readonly_array, (obj.tobytes(), obj.dtype.str, obj.shape)
        return NotImplemented


def dumps(obj) -> bytes:
    f = io.BytesIO()
    _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return f.getvalue()


# -- the child ---------------------------------------------------------------------------------------
def child_main(commands, events, language="en"):
    """The child process: a QCoreApplication running the TrainingWorker, driven over the pipes."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads (spawn inherits it anyway)
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0] if sys.argv else "backprop-training"])
    from gui import i18n

    i18n.set_language(language)
    from gui.training.protocol import failure_of
    from gui.training.worker import TrainingWorker, limit_blas_threads

    limit_blas_threads()
    worker = TrainingWorker()
    serve(
        app,
        commands,
        events,
        connect=worker.event.connect,
        handle=worker.handle,  # the dispatcher catches and reports every error
        stop=worker.shutdown,  # stops the timer; in this process's main thread it quits nothing
        crash_event=lambda e: ("worker_failed", (failure_of(e, "training process"),)),
    )


def serve(app, commands, events, connect, handle, stop, crash_event=None) -> None:
    """Run a child process's ``app`` over the pipes, then end the process.

    ``connect(send)`` hooks the worker's events to ``send(name, args)``; each command ``(name, args)``
    goes to ``handle(name, args)``; STOP or a closed pipe calls ``stop()`` and quits.  READY is sent
    once listening.  ``crash_event(exception)`` gives the event that reports an exception escaping
    to Qt's loop (None: Python's own hook).  Used by the training process and the comparison's.
    """
    from PySide6.QtCore import QSocketNotifier, QTimer

    from gui.training.protocol import one_line

    closing = False

    def quit_():
        nonlocal closing
        if not closing:
            closing = True
            stop()
            app.quit()

    def send(name, args):
        if closing:
            return
        try:
            data = dumps((name, args))
        except Exception as e:  # noqa: BLE001 - an unpicklable result is reported, not fatal
            data = dumps(("error_occurred", (one_line(e),)))
        try:
            events.send_bytes(data)
        except OSError:  # the GUI process is gone
            quit_()

    connect(send)

    if crash_event is not None:

        def excepthook(kind, value, tb):  # anything that escapes to Qt's loop: reported, never printed
            send(*crash_event(value.with_traceback(tb)))

        sys.excepthook = excepthook

    def on_readable(*_):
        while not closing:
            try:
                if not commands.poll():
                    return
                name, args = commands.recv()
            except (EOFError, OSError):  # the GUI process closed the pipe or died
                quit_()
                return
            except Exception as e:  # noqa: BLE001 - an argument that does not unpickle: one line, go on
                send("error_occurred", (one_line(e),))
                continue
            if name == STOP:
                quit_()
            else:
                handle(name, args)

    if sys.platform == "win32":  # pipes are not sockets there
        watcher = QTimer()
        watcher.timeout.connect(on_readable)
        watcher.start(POLL_MS)
    else:
        watcher = QSocketNotifier(commands.fileno(), QSocketNotifier.Type.Read)
        watcher.activated.connect(on_readable)
    send(READY, ())
    on_readable()  # commands sent before the notifier existed
    if not closing:
        app.exec()
    for conn in (events, commands):
        try:
            conn.close()
        except OSError:
            pass
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip the interpreter's teardown of Qt and numpy: nothing is left to save, and it takes time.
    os._exit(0)


# -- the GUI process -------------------------------------------------------------------------------------
class Relay(QThread):
    """Blocks on the child's event pipe and emits each message; ``received(ENDED, ())`` when it closes."""

    received = Signal(str, object)

    def __init__(self, conn, started_at):
        super().__init__()
        self.setObjectName("training-relay")
        self._conn = conn
        self._started_at = started_at
        self.startup_seconds: float | None = None  # spawn → the worker listening
        self.abandon = False  # set if the child cannot be stopped: stop waiting for it

    def run(self):
        conn = self._conn
        while not self.abandon:
            try:
                if not conn.poll(0.25):  # releases the GIL while it waits
                    continue
                data = conn.recv_bytes()
            except (EOFError, OSError):
                break
            try:
                name, args = pickle.loads(data)
            except Exception as e:  # noqa: BLE001 - cannot happen between equal code; reported, the relay goes on
                name, args = "error_occurred", (f"{type(e).__name__}: {e}",)
            if name == READY:
                self.startup_seconds = time.perf_counter() - self._started_at
            self.received.emit(name, args)
        self.received.emit(ENDED, ())


class ProcessLink:
    """The child process and its two pipes, seen from the GUI process."""

    def __init__(self, language="en", target=None):
        """Start the child: ``target(commands, events, language)``, :func:`child_main` unless given."""
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        cmd_r, self._cmd_w = ctx.Pipe(duplex=False)
        self._evt_r, evt_w = ctx.Pipe(duplex=False)
        self._lock = threading.Lock()
        self.process = ctx.Process(
            target=target or child_main, args=(cmd_r, evt_w, language), name="backprop-training", daemon=True
        )
        started_at = time.perf_counter()
        try:
            self.process.start()
        finally:
            # the child has its own copies; closing ours makes a dead child show as end-of-file
            cmd_r.close()
            evt_w.close()
        self.relay = Relay(self._evt_r, started_at)

    def send(self, name, *args) -> bool:
        """Send one command; False if the child is gone."""
        with self._lock:
            try:
                self._cmd_w.send((name, args))
            except (OSError, ValueError):  # broken pipe, or closed
                return False
        return True

    def is_alive(self) -> bool:
        return self.process.is_alive()

    def stop(self, timeout=1.0):
        """Ask the child to exit, wait up to ``timeout`` s, then terminate it; wait for the relay."""
        self.send(STOP)
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(0.5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(0.5)
        if not self.relay.wait(1000):  # end-of-file reaches it within its poll interval
            self.relay.abandon = True
            self.relay.wait(1000)
        with self._lock:
            for conn in (self._cmd_w, self._evt_r):
                try:
                    conn.close()
                except OSError:
                    pass
