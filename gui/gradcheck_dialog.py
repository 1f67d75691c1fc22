"""The gradient check's result: backprop against central finite differences, layer by layer."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from gui.i18n import lookup, tr_noop
from model.gradcheck import PASS_THRESHOLD

# User-visible strings, in one place for the translation.
TEXT = {
    "title": tr_noop("Gradient check"),
    "intro": tr_noop(
        "Every parameter θ is nudged to θ ± h and the loss's slope (L(θ+h) − L(θ−h)) / 2h is compared with "
        "the gradient backprop computed. Relative error = |backprop − numeric| / (|backprop| + |numeric|)."
    ),
    "layer": tr_noop("Layer"),
    "err_W": tr_noop("Max rel. error W"),
    "err_b": tr_noop("Max rel. error b"),
    "worst": tr_noop("Worst weight"),
    "result": tr_noop("Result"),
    "pass": tr_noop("pass"),
    "fail": tr_noop("FAIL"),
    "empty": tr_noop("No results: the check did not run."),
    "passed": tr_noop(
        "Backprop's gradients agree with central finite differences (L(θ+h) − L(θ−h)) / 2h for every "
        "parameter to within a relative error of {worst} (pass below {threshold}): the chain rule was "
        "applied correctly at this point."
    ),
    "failed": tr_noop(
        "Backprop's gradients disagree with central finite differences (L(θ+h) − L(θ−h)) / 2h: "
        "{where} is off by a relative error of {worst} (pass below {threshold}), so a gradient is wrong."
    ),
    "where_W": tr_noop("the weight {w}"),
    "where_b": tr_noop("a bias of layer {layer}"),
}

PASS_BACKGROUND = "#d9f0d3"
PASS_FOREGROUND = "#1b7837"
FAIL_BACKGROUND = "#f4c7c3"
FAIL_FOREGROUND = "#b2182b"

_SUB = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,")
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


_t = lookup(TEXT)


def _sci(x) -> str:
    """Scientific notation with the minus sign: 3.2e−11."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if x == 0:
        return "0"
    return f"{x:.1e}".replace("e-0", "e−").replace("e+0", "e").replace("e-", "e−").replace("e+", "e")


def weight_name(layer, index) -> str:
    """W₁₂⁽²⁾ for 0-based ``index`` (1, 1)... shown 1-based, as in the inspector."""
    i, j = (int(v) + 1 for v in index)
    sub = f"{i},{j}" if i > 9 or j > 9 else f"{i}{j}"
    return "W" + sub.translate(_SUB) + f"({layer})".translate(_SUP)


class GradientCheckDialog(QDialog):
    """A table of the gradient check per layer (green pass / red fail) and a sentence on what it proves."""

    COLUMNS = ("layer", "err_W", "err_b", "worst", "result")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("title"))
        self.checks = []

        intro = QLabel(_t("intro"))
        intro.setWordWrap(True)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([_t(c) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.setFocusPolicy(Qt.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.summary_label = QLabel(_t("empty"))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = QFont(self.summary_label.font())
        font.setPointSizeF(max(font.pointSizeF(), 11.0) + 1)
        self.summary_label.setFont(font)

        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(buttons)
        self.resize(640, 360)

    @property
    def passed(self) -> bool:
        """True when every layer passed (and there was at least one)."""
        return bool(self.checks) and all(c.passed for c in self.checks)

    def summary(self) -> str:
        return self.summary_label.text()

    def set_results(self, checks):
        """Fill the table from ``model.gradcheck.gradient_check``'s list of LayerCheck."""
        self.checks = list(checks)
        self.table.setRowCount(len(self.checks))
        for row, c in enumerate(self.checks):
            ok = c.passed
            bg = QBrush(QColor(PASS_BACKGROUND if ok else FAIL_BACKGROUND))
            fg = QBrush(QColor(PASS_FOREGROUND if ok else FAIL_FOREGROUND))
            cells = (
                str(c.layer),
                _sci(c.max_rel_error_W),
                _sci(c.max_rel_error_b),
                weight_name(c.layer, c.worst_index),
                _t("pass") if ok else _t("fail"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignCenter)
                if col == len(cells) - 1:
                    item.setBackground(bg)
                    item.setForeground(fg)
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                elif col in (1, 2):
                    bad = (c.max_rel_error_W if col == 1 else c.max_rel_error_b) >= PASS_THRESHOLD
                    if bad or not math.isfinite(c.max_rel_error_W if col == 1 else c.max_rel_error_b):
                        item.setForeground(QBrush(QColor(FAIL_FOREGROUND)))
                self.table.setItem(row, col, item)
        self.summary_label.setText(self._sentence())
        colour = PASS_FOREGROUND if self.passed else FAIL_FOREGROUND
        self.summary_label.setStyleSheet(f"QLabel {{ color: {colour}; }}")

    def _sentence(self) -> str:
        if not self.checks:
            return _t("empty")
        threshold = _sci(PASS_THRESHOLD)
        worst = max(self.checks, key=lambda c: (not math.isfinite(c.max_rel_error), c.max_rel_error))
        if self.passed:
            return _t("passed", worst=_sci(worst.max_rel_error), threshold=threshold)
        if worst.max_rel_error_W >= worst.max_rel_error_b:
            where = _t("where_W", w=weight_name(worst.layer, worst.worst_index), layer=worst.layer)
        else:
            where = _t("where_b", layer=worst.layer)
        return _t("failed", where=where, worst=_sci(worst.max_rel_error), threshold=threshold)


__all__ = ["GradientCheckDialog", "TEXT", "weight_name"]
