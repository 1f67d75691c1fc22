"""A notice above the diagram that stays until the user acts: divergence, or a failure with its details.

:class:`NoticeBar` listens to a :class:`gui.training.TrainingController`:

* ``diverged`` — names the step, says why, and offers "Use γ = …" (a tenth of the rate that
  diverged); it goes when that button or ✕ is pressed, or the learning rate or the session changes;
* ``worker_failed`` — an unexpected exception in training (or a training process that had to be
  restarted): one line, "Details…" with the traceback and a Copy button; it goes with ✕.

A failure that repeats while shown is counted ("×2"), not stacked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

__all__ = ["NoticeBar", "DetailsDialog"]

# (the text keeps its dark ink on these light backgrounds in every theme: gui/style.py's dark one too)
_STYLE = {
    "divergence": "QFrame#notice { background: #fff4d6; border: 1px solid #d9a400; border-radius: 4px; }"
    " QFrame#notice QLabel { color: #1a1a1a; }",
    "failure": "QFrame#notice { background: #fde2e1; border: 1px solid #c9302c; border-radius: 4px; }"
    " QFrame#notice QLabel { color: #1a1a1a; }",
}


class DetailsDialog(QDialog):
    """The details of a failure (its traceback), read-only, with a button that copies them."""

    def __init__(self, title: str, details: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 420)
        lay = QVBoxLayout(self)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.NoWrap)
        lay.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.copy_button = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def copy(self):
        QGuiApplication.clipboard().setText(self.text.toPlainText())


class NoticeBar(QFrame):
    """One notice at a time; hidden when there is none."""

    learning_rate_chosen = Signal(float)

    def __init__(self, controller=None, parent=None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.kind: str | None = None  # "divergence" or "failure" while shown
        self.repeats = 0
        self._suggested: float | None = None
        self._lr: float | None = None
        self._summary = ""
        self._details = ""
        self.details_dialog: DetailsDialog | None = None

        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.icon = QLabel("⚠")
        self.icon.setStyleSheet("font-size: 16pt;")
        lay.addWidget(self.icon)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label.setStyleSheet("font-size: 12pt;")
        lay.addWidget(self.label, 1)
        self.action_button = QPushButton()
        self.action_button.clicked.connect(self._use_suggestion)
        lay.addWidget(self.action_button)
        self.details_button = QPushButton(self.tr("Details…"))
        self.details_button.setToolTip(self.tr("Show what went wrong in full, to copy into a bug report"))
        self.details_button.clicked.connect(self.show_details)
        lay.addWidget(self.details_button)
        self.close_button = QPushButton("✕")
        self.close_button.setFlat(True)
        self.close_button.setToolTip(self.tr("Dismiss this notice"))
        self.close_button.setAccessibleName(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.dismiss)
        lay.addWidget(self.close_button)
        for button in (self.action_button, self.details_button, self.close_button):
            button.setFocusPolicy(Qt.TabFocus)  # a click leaves the focus where it was: Space still runs
        self.hide()
        if controller is not None:
            self.attach(controller)

    def attach(self, controller):
        """Show the controller's divergences and failures; "Use γ" sets its learning rate."""
        controller.diverged.connect(self.show_divergence)
        controller.worker_failed.connect(self.show_failure)
        controller.session_changed.connect(self._on_session)
        controller.snapshot_ready.connect(self._on_snapshot)
        self.learning_rate_chosen.connect(controller.set_learning_rate)

    # showing -----------------------------------------------------------------------------
    def show_divergence(self, notice):
        """``notice``: a :class:`gui.training.protocol.DivergenceNotice`."""
        self._show("divergence")
        self._lr = notice.learning_rate
        self._suggested = notice.suggested_learning_rate
        self._summary = notice.message
        # short: the headline above says it in full (and the tooltip here does)
        self.label.setText(
            self.tr("Training diverged at step {step}: a smaller learning rate should help.").format(step=notice.step)
        )
        self.label.setToolTip(notice.message)
        self.action_button.setText(self.tr("Use γ = {lr}").format(lr=f"{self._suggested:g}"))
        self.action_button.setToolTip(
            self.tr("Set the learning rate to {new} (it was {old}); the weights stay as they are").format(
                new=f"{self._suggested:g}", old=f"{self._lr:g}"
            )
        )
        self.action_button.show()
        self.details_button.hide()

    def show_failure(self, failure):
        """``failure``: a :class:`gui.training.protocol.Failure` (summary, details)."""
        if self.kind == "failure" and failure.summary == self._summary and self.isVisible():
            self.repeats += 1
        else:
            self._show("failure")
            self._summary = failure.summary
        self._details = failure.details
        text = self._summary if self.repeats <= 1 else f"{self._summary}  (×{self.repeats})"
        self.label.setText(text)
        self.label.setToolTip("")
        self.action_button.hide()
        self.details_button.setVisible(bool(self._details))

    def _show(self, kind):
        self.kind = kind
        self.repeats = 1
        self.setStyleSheet(_STYLE[kind])
        self.show()

    def text(self) -> str:
        return self.label.text()

    # acting ------------------------------------------------------------------------------
    def dismiss(self):
        self.kind = None
        self.repeats = 0
        self.hide()

    def _use_suggestion(self):
        if self._suggested is not None:
            self.learning_rate_chosen.emit(self._suggested)
        self.dismiss()

    def show_details(self):
        dlg = DetailsDialog(self.tr("What went wrong"), f"{self._summary}\n\n{self._details}", self.window())
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.show()
        self.details_dialog = dlg

    def _on_session(self, d):
        """A divergence notice goes once the learning rate it was about has changed."""
        if self.kind != "divergence":
            return
        try:
            lr = float(d["optimizer"]["learning_rate"])
        except (KeyError, TypeError, ValueError):
            return
        if lr != self._lr:
            self.dismiss()

    def _on_snapshot(self, s):
        """…or once another session, a reset or a resume has replaced the one that diverged."""
        if self.kind == "divergence" and s.history_reset and s.diverged is None:
            self.dismiss()
