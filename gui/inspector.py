"""The inspector dock: the selected neuron's or weight's equations, with the step's real numbers."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import lookup, tr
from model.equations import explain

# User-visible strings, in one place for the translation.
TEXT = {
    "digits": "Digits",
    "digits_tip": "Digits after the decimal point (2–12)",
    "copy": "Copy",
    "copy_tip": "Copy the equations as plain text",
    "copied": "Copied",
    "sample": "Sample {n}",
    "batch": "Batch of {m}",
    "batch1": "One sample",
    "nothing": "Nothing selected",
    "hint_title": "Inspector",
    "hint": "Click a neuron or a weight in the diagram to see its equations with the real numbers.",
    "hint_more": "Step one phase at a time (Shift+→) to watch each number appear: forward, loss, δ, gradients, update.",
    "hint_sample": "Pick a sample above the diagram to follow one sample; otherwise the inspector shows the batch.",
    "error": "Cannot show this selection: {msg}",
}

#: Font for the equations: a serif like a printed handout, large enough for the back row.
EQUATION_FONT = ("DejaVu Serif", "Cambria", "Times New Roman", "serif")
EQUATION_POINT_SIZE = 13

_SCOPE_STYLE = "QLabel {{ background: {bg}; color: {fg}; border-radius: 9px; padding: 2px 10px; font-weight: 600; }}"


_t = lookup(TEXT)


class Inspector(QWidget):
    """Shows :func:`model.equations.explain` for a selection as a lecture handout, with copy and precision."""

    precision_changed = Signal(int)

    def __init__(self, parent=None, precision=6):
        super().__init__(parent)
        self._args = None  # the last show_selection arguments, to re-render on a precision change
        self._explanation = None
        self._hint_explanation = None
        self._html = None

        self.scope_label = QLabel(_t("nothing"))
        self.scope_label.setObjectName("inspectorScope")
        self._set_scope_style(None)

        self.precision_spin = QSpinBox()
        self.precision_spin.setRange(2, 12)
        self.precision_spin.setValue(int(min(12, max(2, precision))))
        self.precision_spin.setToolTip(_t("digits_tip"))
        self.precision_spin.setAccessibleName(_t("digits"))
        self.precision_spin.valueChanged.connect(self._on_precision)

        self.copy_button = QPushButton(_t("copy"))
        self.copy_button.setToolTip(_t("copy_tip"))
        self.copy_button.clicked.connect(self.copy_text)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.scope_label)
        top.addStretch(1)
        top.addWidget(QLabel(_t("digits")))
        top.addWidget(self.precision_spin)
        top.addWidget(self.copy_button)

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setReadOnly(True)
        font = QFont()
        font.setFamilies(list(EQUATION_FONT))
        font.setPointSize(EQUATION_POINT_SIZE)
        self.browser.setFont(font)
        self.browser.document().setDefaultFont(font)
        self.browser.document().setDocumentMargin(10)
        self.browser.setStyleSheet("QTextBrowser { background: white; color: #1a1a1a; }")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        self._show_hint(None)

    # public --------------------------------------------------------------------------------------
    @property
    def explanation(self):
        """The Explanation on display (``None`` when showing the hint)."""
        return self._explanation

    def precision(self) -> int:
        return self.precision_spin.value()

    def set_precision(self, digits: int):
        self.precision_spin.setValue(int(digits))

    def text(self) -> str:
        """The plain text on display (what Copy puts on the clipboard)."""
        if self._explanation is not None:
            return self._explanation.text
        lines = [tr(TEXT[k]) for k in ("hint", "hint_more", "hint_sample")]
        if self._hint_explanation is not None:
            lines += ["", self._hint_explanation.text]
        return "\n".join(lines)

    def show_selection(self, selection, phases, values, loss=None, optimizer=None, sample=None, **more):
        """Render ``selection``'s equations; ``more`` may give ``X``, ``Y`` or ``activations`` (see explain)."""
        self._args = (selection, tuple(phases or ()), values, loss, optimizer, sample, more)
        self._render()

    def clear(self):
        """Back to the hint, with no numbers."""
        self._args = None
        self._explanation = None
        self._show_hint(None)

    def copy_text(self):
        """Copy the plain-text equations to the clipboard."""
        QGuiApplication.clipboard().setText(self.text())

    # internals ------------------------------------------------------------------------------------
    def _on_precision(self, digits):
        self._render()
        self.precision_changed.emit(digits)

    def _render(self):
        if self._args is None:
            return
        selection, phases, values, loss, optimizer, sample, more = self._args
        try:
            exp = explain(
                selection,
                phases,
                values=values,
                loss=loss,
                optimizer=optimizer,
                sample=sample,
                precision=self.precision(),
                **more,
            )
        except (ValueError, IndexError, KeyError, TypeError) as e:
            # keep what was good on screen; say in one line what is wrong
            self.scope_label.setText(_t("error", msg=str(e)))
            self._set_scope_style("error")
            return
        if selection is None:
            self._explanation = None
            self._show_hint(exp)
            return
        self._explanation = exp
        self._hint_explanation = None
        self._set_html(self._page(exp.html))
        self._update_scope(exp, sample)

    def _set_html(self, html):
        """Replace the page, keeping the reader's scroll position (it refreshes while training runs)."""
        if html == self._html:
            return
        bar = self.browser.verticalScrollBar()
        pos = bar.value()
        self.browser.setHtml(html)
        self._html = html
        bar.setValue(min(pos, bar.maximum()))

    def _update_scope(self, exp, sample):
        if exp.m == 1:
            self.scope_label.setText(_t("batch1"))
            self._set_scope_style("sample")
        elif exp.sample is not None:
            self.scope_label.setText(_t("sample", n=exp.sample + 1))
            self._set_scope_style("sample")
        elif exp.m:
            self.scope_label.setText(_t("batch", m=exp.m))
            self._set_scope_style("batch")
        else:
            self.scope_label.setText(_t("nothing"))
            self._set_scope_style(None)
        self.scope_label.setToolTip(exp.scope)

    def _set_scope_style(self, kind):
        bg, fg = {
            "sample": ("#fde0c5", "#7f3b08"),
            "batch": ("#d1e5f0", "#053061"),
            "error": ("#f4cccc", "#67001f"),
        }.get(kind, ("#eeeeee", "#444444"))
        self.scope_label.setStyleSheet(_SCOPE_STYLE.format(bg=bg, fg=fg))

    def _show_hint(self, exp):
        parts = [
            f'<p style="font-size:large; font-weight:600;">{tr(TEXT["hint_title"])}</p>',
            f'<p style="font-size:large;">{tr(TEXT["hint"])}</p>',
            f'<p style="color:#555555;">{tr(TEXT["hint_more"])}</p>',
            f'<p style="color:#555555;">{tr(TEXT["hint_sample"])}</p>',
        ]
        self._hint_explanation = exp
        if exp is not None:
            parts.append("<hr/>")
            parts.append(exp.html)
        self._set_html(self._page("\n".join(parts)))
        self.scope_label.setText(_t("nothing"))
        self.scope_label.setToolTip("")
        self._set_scope_style(None)

    @staticmethod
    def _page(body):
        return f'<html><body style="font-size:{EQUATION_POINT_SIZE}pt;">{body}</body></html>'


__all__ = ["Inspector", "TEXT"]
