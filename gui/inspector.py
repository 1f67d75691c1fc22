"""The inspector dock: the selected neuron's or weight's equations, with the step's real numbers.

As a window view it takes every full snapshot (``show``) and renders at the next ``refresh`` —
the phases up to the one on display, so stepping back (Shift+←) moves the "◀ this phase" mark
too.  The selection, the sample and the session (loss, optimizer) arrive through their setters.
"""

from __future__ import annotations

import math

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

from gui import style
from gui.i18n import lookup, tr, tr_noop
from gui.view import DIAGRAM_HZ
from model.equations import explain
from model.losses import loss_from_dict
from model.optimizers import optimizer_from_dict

# User-visible strings, in one place for the translation.
TEXT = {
    "digits": tr_noop("Digits"),
    "digits_tip": tr_noop("Digits after the decimal point (2–12)"),
    "copy": tr_noop("Copy"),
    "copy_tip": tr_noop("Copy the equations as plain text"),
    "copied": tr_noop("Copied"),
    "sample": tr_noop("Sample {n}"),
    "batch": tr_noop("Batch of {m}"),
    "batch1": tr_noop("One sample"),
    "nothing": tr_noop("Nothing selected"),
    "hint_title": tr_noop("Inspector"),
    "a11y_equations": tr_noop("Equations of the selected neuron or weight"),
    "hint": tr_noop("Click a neuron or a weight in the diagram to see its equations with the real numbers."),
    "hint_more": tr_noop(
        "Step one phase at a time (Shift+→) to watch each number appear: forward, loss, δ, gradients, update."
    ),
    "hint_sample": tr_noop(
        "Pick a sample above the diagram to follow one sample; otherwise the inspector shows the batch."
    ),
    "error": tr_noop("Cannot show this selection: {msg}"),
}

#: Font for the equations: a serif like a printed handout, large enough for the back row.
EQUATION_FONT = style.EQUATION_FONT
EQUATION_POINT_SIZE = style.EQUATION_PT

_SCOPE_STYLE = "QLabel {{ background: {bg}; color: {fg}; border-radius: 9px; padding: 2px 10px; font-weight: 600; }}"


_t = lookup(TEXT)


class Inspector(QWidget):
    """Shows :func:`model.equations.explain` for a selection as a lecture handout, with copy and precision."""

    precision_changed = Signal(int)
    refresh_hz = DIAGRAM_HZ

    def __init__(self, parent=None, precision=6):
        super().__init__(parent)
        self._args = None  # the last show_selection arguments, to re-render on a precision change
        self._explanation = None
        self._hint_explanation = None
        self._html = None
        # what the window tells it: the latest full snapshot, the selection, the sample, the session
        self._snapshot = None
        self._selection = None
        self._sample = None
        self._loss = self._optimizer = None
        self._weight_names = None  # the session's published names (w1 … w8), if any
        self._dirty = False
        self._shown_serial = None

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
        self.browser.setAccessibleName(_t("a11y_equations"))
        self.browser.setOpenLinks(False)
        self.browser.setReadOnly(True)
        self.browser.document().setDocumentMargin(10)
        self._style_browser()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        self._show_hint(None)

    # View ----------------------------------------------------------------------------------------
    def show(self, snapshot=None):
        """Keep a full snapshot for the next refresh(); without one, QWidget.show."""
        if snapshot is None:
            return super().show()
        if snapshot.values is not None:
            self._snapshot = snapshot
            # while training runs with nothing selected the page is the static hint: no need to redraw
            if not snapshot.running or self._selection is not None or self._shown_serial is None:
                self._dirty = True
        return None

    def refresh(self):
        """Render the selection with the latest snapshot, if anything changed."""
        s = self._snapshot
        if not self._dirty or s is None:
            return
        self._dirty = False
        shown = s.phase if s.step_phases else None
        # the phases up to the one on display: stepping back moves "this phase" back too
        phases = tuple(p for p in s.step_phases if p.index <= shown.index) if shown is not None else ()
        optimizer = self._optimizer
        if optimizer is not None and math.isfinite(s.learning_rate):
            optimizer.learning_rate = s.learning_rate
        self.show_selection(
            self._selection,
            phases,
            s.values,
            self._loss,
            optimizer,
            self._sample,
            X=s.X,
            Y=s.Y,
            batch_size=s.batch_size,
            weight_names=self._weight_names,
        )  # (batch_size: the scope says what the numbers are when updates use mini-batches)
        self._shown_serial = s.serial

    def restyle(self):
        self._style_browser()
        self._set_scope_style(self._scope_kind)
        self._html = None
        if self._args is not None:
            self._render()
        else:
            self._show_hint(self._hint_explanation)

    def set_selection(self, selection):
        """("neuron", l, u), ("edge", l, i, j) or None (the hint); shown at once."""
        self._selection = selection
        self._render_now()

    def set_sample(self, sample):
        """A sample of the batch (0-based) or None for the batch; shown at once."""
        self._sample = sample
        self._render_now()

    def set_session(self, d: dict):
        """The session's loss and optimizer, whose formulas the equations write out."""
        try:
            self._loss = loss_from_dict(d["loss"])
            self._optimizer = optimizer_from_dict(
                {k: v for k, v in d["optimizer"].items() if k not in ("state", "schedule")}
            )
        except (KeyError, TypeError, ValueError):
            self._loss = self._optimizer = None
        self._weight_names = d.get("weight_names") if isinstance(d, dict) else None
        self._render_now()

    def _render_now(self):
        self._dirty = True
        self.refresh()

    def _style_browser(self):
        t = style.theme()
        font = QFont()
        font.setFamilies(list(EQUATION_FONT))
        font.setPointSizeF(style.pt(EQUATION_POINT_SIZE))
        self.browser.setFont(font)
        self.browser.document().setDefaultFont(font)
        self.browser.setStyleSheet(f"QTextBrowser {{ background: {t.base}; color: {t.text}; }}")

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
        html = style.recolour_html(html)
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
        self._scope_kind = kind
        bg, fg = style.theme().scope.get(kind, style.theme().scope[None])
        self.scope_label.setStyleSheet(_SCOPE_STYLE.format(bg=bg, fg=fg))

    def _show_hint(self, exp):
        parts = [
            f'<p style="font-size:large; font-weight:600;">{tr(TEXT["hint_title"])}</p>',
            f'<p style="font-size:large;">{tr(TEXT["hint"])}</p>',
            f'<p style="color:{style.theme().muted};">{tr(TEXT["hint_more"])}</p>',
            f'<p style="color:{style.theme().muted};">{tr(TEXT["hint_sample"])}</p>',
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
        return f'<html><body style="font-size:{style.pt(EQUATION_POINT_SIZE):g}pt;">{body}</body></html>'


__all__ = ["Inspector", "TEXT"]
