"""Accessibility checks: which controls a screen reader could not name.

Every control a user can reach (a button, box, slider, spin box, tab bar, or any widget that takes
the keyboard focus) needs an accessible name: its text, its buddy label's, or one set with
``setAccessibleName``.  :func:`unnamed_controls` lists those without one, as a test and a
developer's check (``python -c "…"``) see them; Qt's own inner parts (scroll bars, a spin box's
line edit, a combo box's popup, a scroll area's viewport) are left out: they are named by their owner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QScrollBar,
    QTabBar,
    QWidget,
)

__all__ = ["unnamed_controls", "is_control", "accessible_name"]

_CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QLineEdit, QTabBar)


def _qt_internal(w: QWidget) -> bool:
    if isinstance(w, QScrollBar) or w.objectName().startswith("qt_"):
        return True
    parent = w.parentWidget()
    if isinstance(parent, QAbstractScrollArea) and parent.viewport() is w:
        return True
    while parent is not None:  # a combo box's popup list
        if isinstance(parent, QComboBox) and w is not parent:
            return True
        parent = parent.parentWidget()
    return False


def is_control(w: QWidget) -> bool:
    """A widget a user operates (or reaches with Tab), not one of Qt's inner parts."""
    if _qt_internal(w):
        return False
    if isinstance(w, QTabBar) and w.count() == 0:  # the dock tabs' bar while its docks are hidden (F5)
        return False
    return isinstance(w, _CONTROLS) or w.focusPolicy() != Qt.FocusPolicy.NoFocus


def accessible_name(w: QWidget) -> str:
    """What a screen reader announces as the widget's name."""
    iface = QAccessible.queryAccessibleInterface(w)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def unnamed_controls(root: QWidget, visible_only: bool = True) -> list[QWidget]:
    """The controls under ``root`` (shown ones, with ``visible_only``) that have no accessible name."""
    widgets = [root] + root.findChildren(QWidget)
    out = []
    for w in widgets:
        if visible_only and not w.isVisible():
            continue
        if is_control(w) and not accessible_name(w):
            out.append(w)
    return out
