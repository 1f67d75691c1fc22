"""The lecture's loss examples, typed in: y_true and y_pred, and every applicable loss's L and ∂L/∂ŷ, live.

The numbers come from ``model.loss_calculator`` (the same code as ``python main.py loss``): which
losses apply is asked of each loss, and the values are the losses' own.  Each loss row carries the
parameters it declares (Huber's δ, the quantile q, focal's γ and α, label smoothing's ε, MSE's ½
and reduction) as editable fields.  A loss that does not apply says why in one line.  Bad input is
one line under the fields; the last good results stay in the table.
"""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.i18n import language, lookup, tr, tr_noop
from model.loss_calculator import check_shapes, evaluate, parse_values, spec_of, targets_kind, why_not_applicable
from model.losses import LOSSES, make_loss
from model.text import Message

__all__ = ["LossCalculatorPanel", "EXAMPLES", "CALCULATED_LOSSES"]

# User-visible strings, in one place for the translation.
TEXT = {
    "title": tr_noop("Calculator"),
    "intro": tr_noop(
        "Type targets and predictions, or start from one of the lecture's examples: every loss that "
        "applies is computed by the program's own loss code."
    ),
    "example": tr_noop("Lecture's example:"),
    "regression": tr_noop("&Regression"),
    "regression_tip": tr_noop("y_true = [3, 5, 7], y_pred = [2.5, 5, 8]"),
    "classification": tr_noop("C&lassification"),
    "classification_tip": tr_noop(
        "Y = one-hot rows [[1, 0], [0, 1], [1, 0]], P = [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]"
    ),
    "y_true": tr_noop("y_&true (targets):"),
    "y_pred": tr_noop("y_&pred (predictions ŷ):"),
    "y_true_a11y": tr_noop("y_true, the targets"),
    "y_pred_a11y": tr_noop("y_pred, the predictions"),
    "format_tip": tr_noop(
        "Numbers separated by commas or spaces; the rows of a matrix separated by ‘;’ "
        "(1, 0; 0, 1) or written as a list of lists ([[1, 0], [0, 1]])."
    ),
    "results_a11y": tr_noop("Each loss's value L and gradient ∂L/∂ŷ for these targets and predictions"),
    "col_loss": tr_noop("Loss"),
    "col_params": tr_noop("Parameters"),
    "col_value": tr_noop("L"),
    "col_gradient": tr_noop("∂L/∂ŷ"),
    "col_value_tip": tr_noop("The loss's value, with full precision (as “python main.py loss” prints it)"),
    "col_gradient_tip": tr_noop(
        "The gradient ∂L/∂ŷ, shaped like y_pred: what backprop sends back into the output layer"
    ),
    "no_params": tr_noop("—"),
    "alpha_off": tr_noop("off"),
    "param_name": tr_noop("{name}: {label}"),
    "not_applied": tr_noop("Not applied: {reason}"),
    "kept": tr_noop("{error}  (the results below are for the last valid input)"),
    "regression_loss": tr_noop("not listed: a regression loss, and these targets are class labels"),
    "classification_loss": tr_noop("not listed: a classification loss, and these targets are real values"),
    "cli_tip": tr_noop("On the command line: “python main.py loss --y-true … --y-pred … --loss {spec}”"),
    "summary": tr_noop("{n} losses apply to these {kind} targets ({shape})."),
    "kind_regression": tr_noop("regression"),
    "kind_classification": tr_noop("classification"),
    "shape_vector": tr_noop("{n} values"),
    "shape_matrix": tr_noop("{m} rows × {k} columns"),
}

_t = lookup(TEXT)
#: How a parameter's choices are named in its combo box (their values are the command line's keys).
CHOICE_TEXT = {"mean": tr_noop("mean"), "sum": tr_noop("sum")}

#: The lecture's two examples: (key, y_true, y_pred) as the fields show them.
EXAMPLES = {
    "regression": ("[3, 5, 7]", "[2.5, 5, 8]"),
    "classification": ("[[1, 0], [0, 1], [1, 0]]", "[[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]"),
}
#: The losses the calculator lists: every training loss, in the registry's order (as the command line's list).
CALCULATED_LOSSES = tuple(name for name, cls in LOSSES.items() if cls.training)
#: Where the calculator's parameters start when they differ from the loss's default: the lecture's Quantile(0.7).
LECTURE_PARAMS = {"quantile": {"quantile": 0.7}}

COL_LOSS, COL_PARAMS, COL_VALUE, COL_GRADIENT = range(4)


def translate(text) -> str:
    """A model message (or an exception's) in the current language, with its parameters translated too."""
    if isinstance(text, BaseException):
        text = text.args[0] if len(text.args) == 1 else str(text)
    return str(tr(text)) if isinstance(text, Message) else tr(str(text))


def format_gradient(g: np.ndarray, rows: str = ", ") -> str:
    """``[-0.3333, 0, 0.3333]`` or ``[[…], […]]`` (the rows joined by ``rows``): each entry to 4 significant digits."""

    def row(r):
        return "[" + ", ".join(f"{float(v) + 0.0:.4g}" for v in r) + "]"

    g = np.asarray(g, dtype=float)
    if g.ndim <= 1:
        return row(np.atleast_1d(g))
    return "[" + rows.join(row(r) for r in g) + "]"


def loss_name(name: str) -> str:
    """The loss as the interface names it: the lecture's Chinese term in Chinese, else the registry's label."""
    cls = LOSSES[name]
    return cls.label_zh if language() == "zh" and cls.label_zh else tr(cls.label)


def _symbol(label: str) -> str:
    """A parameter's symbol: ``"α (empty: …)"`` → ``"α"``."""
    return re.split(r" \(|（", str(tr(label)))[0]


class _ParamEditor(QWidget):
    """One loss's parameters as fields (a check box, a choice or a number), built from what the loss declares.

    A number that may be ``None`` (focal's α) reads "off" at the lowest position of its spin box.
    """

    changed = Signal()

    def __init__(self, name: str, values: dict, parent=None):
        super().__init__(parent)
        self.specs = LOSSES[name].PARAMS
        self.widgets: dict[str, QWidget] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(4)
        for spec in self.specs:
            value = values.get(spec.name, spec.default)
            if spec.is_bool:
                w = QCheckBox(tr(spec.label))
                w.setChecked(bool(value))
                w.toggled.connect(self.changed)
            elif spec.choices:
                w = QComboBox()
                for choice in spec.choices:
                    w.addItem(tr(CHOICE_TEXT.get(choice, str(choice))), choice)
                w.setCurrentIndex(max(0, w.findData(value)))
                w.currentIndexChanged.connect(self.changed)
            else:
                w = QDoubleSpinBox()
                lo = -1e6 if spec.minimum is None else spec.minimum
                hi = 1e6 if spec.maximum is None else spec.maximum
                step = 0.1 if hi - lo > 2 else 0.05
                if spec.default is None:
                    w.setRange(lo - step, hi)
                    w.setSpecialValueText(_t("alpha_off"))
                else:
                    w.setRange(lo, hi)
                w.setDecimals(3)
                w.setSingleStep(step)
                w.setValue(w.minimum() if value is None else float(value))
                w.valueChanged.connect(self.changed)
            if not spec.is_bool:
                label = QLabel(_symbol(spec.label))
                label.setBuddy(w)
                row.addWidget(label)
            w.setToolTip(tr(spec.label))
            w.setAccessibleName(_t("param_name", name=loss_name(name), label=tr(_symbol(spec.label))))
            row.addWidget(w)
            self.widgets[spec.name] = w
        row.addStretch(1)

    def values(self) -> dict:
        out = {}
        for spec in self.specs:
            w = self.widgets[spec.name]
            if isinstance(w, QCheckBox):
                out[spec.name] = w.isChecked()
            elif isinstance(w, QComboBox):
                out[spec.name] = w.currentData()
            elif spec.default is None and w.value() == w.minimum():
                out[spec.name] = None
            else:
                out[spec.name] = float(w.value())
        return out


class LossCalculatorPanel(QWidget):
    """Fields for y_true and y_pred, the lecture's two examples, and a table of each loss's L and ∂L/∂ŷ."""

    results_changed = Signal()  # the table shows new values

    def __init__(self, parent=None):
        super().__init__(parent)
        self._y: np.ndarray | None = None
        self._p: np.ndarray | None = None
        self.results: dict = {}  # registry name → LossResult of the losses that apply (the table's numbers)
        self.reasons: dict[str, str] = {}  # registry name → why it does not apply

        intro = QLabel(_t("intro"))
        intro.setWordWrap(True)

        self.regression_button = QRadioButton(_t("regression"))
        self.regression_button.setToolTip(_t("regression_tip"))
        self.classification_button = QRadioButton(_t("classification"))
        self.classification_button.setToolTip(_t("classification_tip"))
        self.example_group = QButtonGroup(self)
        self.example_group.addButton(self.regression_button)
        self.example_group.addButton(self.classification_button)
        examples = QHBoxLayout()
        examples.addWidget(QLabel(_t("example")))
        examples.addWidget(self.regression_button)
        examples.addWidget(self.classification_button)
        examples.addStretch(1)

        self.y_true_edit = QLineEdit()
        self.y_true_edit.setAccessibleName(_t("y_true_a11y"))
        self.y_true_edit.setToolTip(_t("format_tip"))
        self.y_pred_edit = QLineEdit()
        self.y_pred_edit.setAccessibleName(_t("y_pred_a11y"))
        self.y_pred_edit.setToolTip(_t("format_tip"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, edit in (("y_true", self.y_true_edit), ("y_pred", self.y_pred_edit)):
            label = QLabel(_t(key))
            label.setBuddy(edit)
            form.addRow(label, edit)

        self.message_label = QLabel(" ")
        self.message_label.setWordWrap(True)
        style.tint(self.message_label, "error")
        self.summary_label = QLabel(" ")
        style.tint(self.summary_label, "muted")

        self.table = QTableWidget(len(CALCULATED_LOSSES), 4)
        self.table.setAccessibleName(_t("results_a11y"))
        self.table.setHorizontalHeaderLabels([_t(k) for k in ("col_loss", "col_params", "col_value", "col_gradient")])
        self.table.horizontalHeaderItem(COL_VALUE).setToolTip(_t("col_value_tip"))
        self.table.horizontalHeaderItem(COL_GRADIENT).setToolTip(_t("col_gradient_tip"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_VALUE, QHeaderView.ResizeMode.Interactive)  # a reason spans it: see _fit
        header.setSectionResizeMode(COL_GRADIENT, QHeaderView.ResizeMode.Stretch)
        self.param_editors: dict[str, _ParamEditor] = {}
        for row, name in enumerate(CALCULATED_LOSSES):
            item = QTableWidgetItem(loss_name(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.table.setItem(row, COL_LOSS, item)
            if LOSSES[name].PARAMS:
                editor = _ParamEditor(name, LECTURE_PARAMS.get(name, {}))
                editor.changed.connect(lambda n=name: self._parameter_changed(n))
                self.param_editors[name] = editor
                self.table.setCellWidget(row, COL_PARAMS, editor)
            else:
                self.table.setItem(row, COL_PARAMS, QTableWidgetItem(_t("no_params")))
            for col in (COL_VALUE, COL_GRADIENT):
                self.table.setItem(row, col, QTableWidgetItem(""))
        self.table.resizeRowsToContents()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(examples)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)

        self.example_group.buttonClicked.connect(self._example_chosen)
        self.y_true_edit.textChanged.connect(self._inputs_changed)
        self.y_pred_edit.textChanged.connect(self._inputs_changed)
        self.regression_button.setChecked(True)
        self.show_example("regression")

    # -- public API -------------------------------------------------------------------------------
    def show_example(self, key: str) -> None:
        """Fill the fields with the lecture's ``"regression"`` or ``"classification"`` example."""
        y_true, y_pred = EXAMPLES[key]
        button = self.regression_button if key == "regression" else self.classification_button
        with QSignalBlocker(self.example_group):
            button.setChecked(True)
        with QSignalBlocker(self.y_true_edit), QSignalBlocker(self.y_pred_edit):
            self.y_true_edit.setText(y_true)
            self.y_pred_edit.setText(y_pred)
        self._inputs_changed()

    def loss(self, name: str):
        """The loss ``name`` with the parameters its row shows (``ValueError`` if they are out of range)."""
        editor = self.param_editors.get(name)
        return make_loss(name, **(editor.values() if editor else {}))

    def row_of(self, name: str) -> int:
        return CALCULATED_LOSSES.index(name)

    def value_text(self, name: str) -> str:
        return self.table.item(self.row_of(name), COL_VALUE).text()

    def gradient_text(self, name: str) -> str:
        return self.table.item(self.row_of(name), COL_GRADIENT).text()

    # -- reacting ---------------------------------------------------------------------------------
    def _example_chosen(self, button):
        self.show_example("regression" if button is self.regression_button else "classification")

    def _inputs_changed(self, *_):
        try:
            y = parse_values(self.y_true_edit.text(), "y_true")
            p = parse_values(self.y_pred_edit.text(), "y_pred")
            check_shapes(y, p)  # what every loss needs; whether each one applies, the table says
        except ValueError as exc:
            self._show_error(exc)
            return
        self._y, self._p = y, p
        self.message_label.setText(" ")
        self._compute()

    def _parameter_changed(self, name: str):
        if self._y is None:
            return
        try:
            self.loss(name)
        except ValueError as exc:
            self.message_label.setText(_t("not_applied", reason=translate(exc)))
            return
        self.message_label.setText(" ")
        self._compute()

    def _show_error(self, exc: ValueError):
        line = " ".join(translate(exc).split())
        self.message_label.setText(_t("kept", error=line) if self.results else line)

    def _compute(self):
        y, p = self._y, self._p
        kind = targets_kind(y)
        results, reasons = {}, {}
        for name in CALCULATED_LOSSES:
            try:
                loss = self.loss(name)
            except ValueError as exc:
                reasons[name] = translate(exc)
                continue
            reason = why_not_applicable(loss, y, p)
            if reason is None and loss.kind != kind:
                reason = _t(f"{loss.kind}_loss")
            elif reason is None:
                reason = why_not_applicable(loss, y, p, listing=True)
            if reason is not None:
                if isinstance(reason, Message) and reason.params.get("name") == name:
                    reason = reason.format(name=loss_name(name))  # the row's own name, as the interface says it
                reasons[name] = translate(reason)
                continue
            results[name] = evaluate(loss, y, p)
        self.results, self.reasons = results, reasons
        self._fill_table()
        shape = _t("shape_vector", n=y.shape[0]) if y.ndim == 1 else _t("shape_matrix", m=y.shape[0], k=y.shape[1])
        self.summary_label.setText(_t("summary", n=len(results), kind=_t(f"kind_{kind}"), shape=shape))
        self.results_changed.emit()

    def _fill_table(self):
        muted = QBrush(QColor(style.theme().muted))
        ink = QBrush(QColor(style.theme().text))
        self.table.clearSpans()
        for row, name in enumerate(CALCULATED_LOSSES):
            value_item = self.table.item(row, COL_VALUE)
            gradient_item = self.table.item(row, COL_GRADIENT)
            name_item = self.table.item(row, COL_LOSS)
            r = self.results.get(name)
            if r is not None:
                value_item.setText(repr(r.value))
                value_item.setToolTip(repr(r.value))
                gradient_item.setText(format_gradient(r.gradient, rows=",\n "))  # a matrix: one row per line
                gradient_item.setToolTip(format_gradient(r.gradient))
                for item in (name_item, value_item, gradient_item):
                    item.setForeground(ink)
                name_item.setToolTip(_t("cli_tip", spec=spec_of(r.loss)))
            else:
                reason = self.reasons.get(name, "")
                value_item.setText(reason)
                value_item.setToolTip(reason)
                gradient_item.setText("")
                gradient_item.setToolTip("")
                self.table.setSpan(row, COL_VALUE, 1, 2)
                for item in (name_item, value_item):
                    item.setForeground(muted)
                name_item.setToolTip(reason)
        self._fit_value_column()
        self.table.resizeRowsToContents()

    def _fit_value_column(self):
        """As wide as the widest value (not the reasons, which span the gradient's column too)."""
        fm = self.table.fontMetrics()
        texts = [repr(r.value) for r in self.results.values()] + [self.table.horizontalHeaderItem(COL_VALUE).text()]
        self.table.setColumnWidth(COL_VALUE, max(fm.horizontalAdvance(t) for t in texts) + 24)
