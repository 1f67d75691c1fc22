"""Training off the GUI thread, in one package.

* :mod:`~gui.training.protocol` — every command the window sends and every event the worker
  reports, each declared once (no Qt);
* :mod:`~gui.training.snapshots` — the snapshot builder (no Qt);
* :mod:`~gui.training.trainer_access` — the one place that reads the trainer's private state;
* :mod:`~gui.training.worker` — the worker: owns the session, runs the commands, trains in chunks;
* :mod:`~gui.training.process` — the child process the worker runs in, and its pipes;
* :mod:`~gui.training.controller` — :class:`TrainingController`, the GUI thread's handle.
"""

from gui.training.controller import INPROCESS_ENV, TrainingController, default_process_mode

__all__ = ["TrainingController", "INPROCESS_ENV", "default_process_mode"]
