"""Backprop Studio's numpy core: no Qt, no printing; usable from a script or a notebook.

>>> from model import Session
>>> s = Session.from_preset("xor-lecture")
>>> s.trainer.run_epochs(1000)
1000
"""

from .session import FORMAT, Session, load_session, save_session
from .trainer import Divergence, Phase, Trainer, phase_plan, phase_title

__all__ = [
    "FORMAT",
    "Session",
    "load_session",
    "save_session",
    "Divergence",
    "Phase",
    "Trainer",
    "phase_plan",
    "phase_title",
]
__version__ = "0.1.0"
