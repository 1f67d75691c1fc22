"""Training off the GUI thread, in one package.

* :mod:`~gui.training.protocol` — every command the window sends and every event the worker
  reports, each declared once (no Qt);
* :mod:`~gui.training.snapshots` — the snapshot builder (no Qt);
* :mod:`~gui.training.worker` — the worker: owns the session, runs the commands, trains in chunks;
* :mod:`~gui.training.process` — the child process the worker runs in, and its pipes;
* :mod:`~gui.training.controller` — :class:`TrainingController`, the GUI thread's handle.

``from gui.training import TrainingController`` loads the controller (and Qt) on first use, so the
Qt-free modules above can be imported on their own.
"""

__all__ = ["TrainingController", "INPROCESS_ENV", "default_process_mode"]


def __getattr__(name):
    if name in __all__:
        from gui.training import controller

        return getattr(controller, name)
    raise AttributeError(f"module 'gui.training' has no attribute {name!r}")
