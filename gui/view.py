"""The protocol every view of the main window follows, so the window wires views without knowing their insides.

A view takes every snapshot the worker sends in :meth:`View.show` (cheap: it keeps what it needs and
marks itself dirty) and draws in :meth:`View.refresh`, which the window calls from a timer at the
view's ``refresh_hz``; a view that is not visible may skip drawing until it is shown again.
:meth:`View.restyle` re-reads colours, fonts and the zoom from :mod:`gui.style`.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = ["View", "CURVES_HZ", "DIAGRAM_HZ"]

CURVES_HZ = 30  # curves: every step's loss, drawn smoothly
DIAGRAM_HZ = 10  # the diagram, the output surface and the inspector: heavier, 10 Hz is plenty


@runtime_checkable
class View(Protocol):
    """``show(snapshot)`` takes data, ``refresh()`` draws it, ``restyle()`` follows the theme."""

    refresh_hz: int

    def show(self, snapshot) -> None:
        """Take what this view draws from a worker snapshot (``model.snapshot.Snapshot``); never draws."""

    def refresh(self) -> None:
        """Draw what changed since the last call (the window's timer calls this)."""

    def restyle(self) -> None:
        """Re-read colours, fonts and the zoom from :mod:`gui.style`."""
