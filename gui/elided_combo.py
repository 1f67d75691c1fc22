"""A combo box that elides its shown text ("The classic step-by-step exa…") instead of cutting it.

Qt's combo box clips a text longer than its box mid-letter ("(2-2-"): in a 330 px panel at
1024×768 the longer preset titles were cut that way.  The popup list still shows every item whole.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter

__all__ = ["ElidedComboBox"]


class ElidedComboBox(QComboBox):
    """A :class:`QComboBox` whose closed box shows its current text elided at the right."""

    def _option(self) -> tuple[QStyleOptionComboBox, int]:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = field.width() - (opt.iconSize.width() + 4 if not opt.currentIcon.isNull() else 0)
        return opt, max(room, 0)

    def shown_text(self) -> str:
        """The text as the closed box draws it (elided when it does not fit)."""
        opt, room = self._option()
        return self.fontMetrics().elidedText(opt.currentText, Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event):
        if self.isEditable():
            return super().paintEvent(event)
        painter = QStylePainter(self)
        opt, room = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        opt.currentText = self.fontMetrics().elidedText(opt.currentText, Qt.TextElideMode.ElideRight, room)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)
