"""View → Compare side by side: one initial network trained under two settings at once.

The window shows the two loss curves overlaid (one colour per side, the legend names each
setting) and the two output views side by side.  What differs (loss, optimizer, learning rate,
hidden activation, batch size) and each side's value are chosen at the top, or in one click from
the suggestions of the preset.  Run, Step and Reset act on both sides together; the training
runs on the worker's thread (:mod:`gui.compare_worker`), which sends coalesced frames.
"""

from __future__ import annotations

import copy
import math
import os
import time
from types import SimpleNamespace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.compare_worker import CompareThread
from gui.controls import SPEEDS
from gui.i18n import lookup, tr, tr_noop
from gui.output_view import OutputView
from gui.plot_parts import SOLID, LegendRow, StepHistory, make_plot, set_label, style_plot, tune
from gui.view import CURVES_HZ, DIAGRAM_HZ
from model.activations import activation_names
from model.compare import KIND_LABELS, apply_setting, current_setting, kinds_for, setting_label
from model.losses import LOSSES, loss_names
from model.optimizers import optimizer_names
from model.presets import PRESETS, get_preset

__all__ = ["CompareWindow"]

STRINGS = {
    "title": tr_noop("Compare side by side"),
    "preset": tr_noop("Preset"),
    "preset_tip": tr_noop("The network and data both sides start from"),
    "current_session": tr_noop("The main window's session"),
    "suggested": tr_noop("Suggested:"),
    "suggestion_tip": tr_noop("Compare {a} with {b}"),
    "differs": tr_noop("What differs"),
    "differs_tip": tr_noop("The one setting that differs between the two sides; everything else is the same"),
    "side_a": tr_noop("Side A"),
    "side_b": tr_noop("Side B"),
    "side_tip": tr_noop("The setting of side {side}; changing it restarts this side only"),
    "run": tr_noop("Run"),
    "pause": tr_noop("Pause"),
    "run_tip": tr_noop("Train both sides together; press again to pause (Space)"),
    "step": tr_noop("Step"),
    "step_tip": tr_noop("One training step on each side (→ or N)"),
    "reset": tr_noop("Reset"),
    "reset_tip": tr_noop("Both sides back to the same initial weights (R)"),
    "speed": tr_noop("Speed"),
    "speed_tip": tr_noop("Training steps per second on each side while running"),
    "as_fast": tr_noop("As fast as possible"),
    "steps_per_s": tr_noop("{} steps/s"),
    "step_per_s": tr_noop("{} step/s"),
    "loss_title": tr_noop("Loss of both sides"),
    "loss_axis": tr_noop("loss"),
    "step_axis": tr_noop("step"),
    "log_y": tr_noop("Log scale"),
    "log_y_tip": tr_noop("Logarithmic loss axis; zero, negative and non-finite losses are not drawn"),
    "full_batch": tr_noop("full batch"),
    "status": tr_noop("{label}: step {step:,}, loss {loss}"),
    "diverged": tr_noop("{label}: {message}"),
    "different_losses": tr_noop(
        "The two sides measure different losses: compare the shapes and the outputs, not the heights."
    ),
    "no_suggestion": tr_noop(
        "Choose what differs and the two values; both sides start from the same weights and data."
    ),
    "output_name": tr_noop("Output of side {side}: {label}"),
    "show_all": tr_noop("Show everything"),
    "save_png": tr_noop("Save the comparison as a PNG picture…"),
    "png_filter": tr_noop("PNG pictures (*.png)"),
    "saved": tr_noop("Saved the comparison to {path}"),
}
_t = lookup(STRINGS)

#: learning rates offered in the box's arrows (any value can be typed)
LR_MIN, LR_MAX = 1e-5, 10.0
ERROR_SECONDS = 10  # how long an error line stays above the numbers
BATCH_SIZES = (None, 1, 2, 4, 8, 10, 16, 32, 64, 128, 256)


def translated(m) -> str:
    """A model Message (or a table's text) in the interface language."""
    return str(tr(m)) if isinstance(m, str) else str(m)


def _fmt(v: float) -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    return f"{v:.4g}"


class RateBox(QDoubleSpinBox):
    """A learning rate as written: 0.1, 1.6, 0.00025 (no trailing zeros)."""

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"


class SideEditor(QWidget):
    """One side's value of the setting that differs: a choice box, or a number box for the learning rate."""

    changed = Signal(object)

    def __init__(self, side: str, parent=None):
        super().__init__(parent)
        self.side = side
        self.kind = None
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(10)
        self.spin = RateBox()
        self.spin.setDecimals(5)
        self.spin.setRange(LR_MIN, LR_MAX)
        self.spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.spin.setKeyboardTracking(False)  # a value when typing is done, not per key
        name = _t("side_tip", side=side)
        for w in (self.combo, self.spin):
            w.setToolTip(name)
            w.setAccessibleName(name)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.combo, 1)
        lay.addWidget(self.spin, 1)
        self.combo.activated.connect(lambda _i: self.changed.emit(copy.deepcopy(self.combo.currentData())))
        self.spin.valueChanged.connect(lambda v: self.changed.emit(float(v)))

    def set_kind(self, kind: str, value, task: str, extra=(), problem=None):
        """Offer the values of ``kind`` (and ``extra`` ones, e.g. a suggestion's) and show ``value``; no signal.

        ``problem(v)``: why ``v`` cannot be chosen (its item is greyed, the reason its tooltip), or None.
        """
        self.kind = kind
        self.combo.blockSignals(True)
        self.spin.blockSignals(True)
        self.combo.clear()
        numeric = kind == "learning_rate"
        self.combo.setVisible(not numeric)
        self.spin.setVisible(numeric)
        if numeric:
            self.spin.setValue(float(value))
        else:
            model = self.combo.model()
            for v in self._choices(kind, task, extra, value):
                self.combo.addItem(translated(setting_label(kind, v)), copy.deepcopy(v))
                why = problem(v) if problem is not None else None
                if why:
                    item = model.item(self.combo.count() - 1)
                    item.setEnabled(False)
                    item.setToolTip(why)
            self.combo.setCurrentIndex(self._index_of(value))
        self.combo.blockSignals(False)
        self.spin.blockSignals(False)

    def _index_of(self, value) -> int:
        for i in range(self.combo.count()):
            if self.combo.itemData(i) == value:
                return i
        return -1

    @staticmethod
    def _choices(kind, task, extra, value) -> list:
        if kind == "loss":
            kind_of = "classification" if task == "classification" else "regression"
            out = [{"name": n} for n in loss_names(kind=kind_of) if n in LOSSES]
        elif kind == "optimizer":
            out = list(optimizer_names())
        elif kind == "activation":
            out = list(activation_names(hidden=True))
        else:
            out = list(BATCH_SIZES)
        for v in (*extra, value):  # a suggestion's or the session's own value (e.g. Huber with its δ)
            if v not in out:
                out.append(copy.deepcopy(v))
        return out

    def value(self):
        return float(self.spin.value()) if self.kind == "learning_rate" else copy.deepcopy(self.combo.currentData())


class CompareWindow(QMainWindow):
    """Two trainings of one initial network, side by side; see the module docstring."""

    frame_applied = Signal(object)

    def __init__(self, session_dict: dict | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("title"))
        self.setAttribute(Qt.WA_DeleteOnClose)  # its worker stops on closing: the View menu opens a new one
        self.worker = CompareThread(self)
        try:
            self._setup(session_dict)
        except BaseException:
            self.worker.shutdown()  # never leave a running thread behind
            raise

    def _setup(self, session_dict):
        self._session_dict = session_dict  # the main window's session, if any
        self.base: dict | None = None
        self.kind = "learning_rate"
        self.values = [None, None]
        self.labels = ["", ""]
        self.latest_frame = None
        self.running = False
        self._histories = [StepHistory(), StepHistory()]
        self._dirty = False
        self._task = "regression"
        self._status_at = 0.0
        self._error: tuple[str, float] | None = None  # the latest one-line error and until when it shows
        self._speed_before_pace = None  # the user's speed while a preset's pace replaces it
        self._log_chosen = False  # the user has set the log scale: it is no longer switched on by itself

        self._build()
        self._build_actions()
        w = self.worker
        w.frame_ready.connect(self._on_frame)
        w.error_occurred.connect(self._on_error)
        w.running_changed.connect(self._on_running)
        self._curve_timer = QTimer(self)
        self._curve_timer.setInterval(1000 // CURVES_HZ)
        self._curve_timer.timeout.connect(self._refresh_curves)  # (draws only when a frame changed something)
        self._curve_timer.start()
        self._output_timer = QTimer(self)
        self._output_timer.setInterval(1000 // DIAGRAM_HZ)
        self._output_timer.timeout.connect(self._refresh_outputs)
        self._output_timer.start()
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(min(1100, screen.width()) if screen else 1100, min(760, screen.height() - 40) if screen else 760)
        self.set_speed(0.0)
        style.notifier.changed.connect(self.restyle)  # the main window's theme and presentation zoom
        name = (session_dict or {}).get("name")
        self.load(name if name in PRESETS else None)

    # layout ---------------------------------------------------------------------------------
    def _build(self):
        centre = QWidget()
        lay = QVBoxLayout(centre)
        lay.setContentsMargins(6, 6, 6, 6)

        top = QHBoxLayout()
        self.preset_combo = QComboBox()
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_combo.setMinimumContentsLength(14)
        if self._session_dict is not None:
            self.preset_combo.addItem(_t("current_session"), None)
        for name, p in PRESETS.items():
            self.preset_combo.addItem(translated(p.title), name)
        self.preset_combo.setToolTip(_t("preset_tip"))
        self.preset_combo.setAccessibleName(_t("preset"))
        self.preset_combo.activated.connect(lambda _i: self.load(self.preset_combo.currentData()))
        preset_label = QLabel(_t("preset"))
        preset_label.setBuddy(self.preset_combo)
        top.addWidget(preset_label)
        top.addWidget(self.preset_combo, 1)
        self.suggested_label = QLabel(_t("suggested"))
        top.addWidget(self.suggested_label)
        self.suggestion_row = QHBoxLayout()
        top.addLayout(self.suggestion_row)
        self.suggestion_buttons: list[QPushButton] = []
        lay.addLayout(top)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        style.tint(self.notice, "muted")
        lay.addWidget(self.notice)

        grid = QGridLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setToolTip(_t("differs_tip"))
        self.kind_combo.setAccessibleName(_t("differs"))
        self.kind_combo.activated.connect(lambda _i: self._kind_chosen(self.kind_combo.currentData()))
        self.editors = [SideEditor("A"), SideEditor("B")]
        self.side_labels = [QLabel(_t("side_a")), QLabel(_t("side_b"))]
        differs = QLabel(_t("differs"))
        differs.setBuddy(self.kind_combo)
        grid.addWidget(differs, 0, 0)
        grid.addWidget(self.kind_combo, 1, 0)
        for i, (label, editor) in enumerate(zip(self.side_labels, self.editors)):
            label.setBuddy(editor.combo)
            grid.addWidget(label, 0, 1 + i)
            grid.addWidget(editor, 1, 1 + i)
            editor.changed.connect(lambda v, i=i: self._side_chosen(i, v))
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)

        buttons = QHBoxLayout()
        self.reset_button = QPushButton(_t("reset"))
        self.reset_button.setToolTip(_t("reset_tip"))
        self.step_button = QPushButton(_t("step"))
        self.step_button.setToolTip(_t("step_tip"))
        self.run_button = QPushButton(_t("run"))
        self.run_button.setCheckable(True)
        self.run_button.setToolTip(_t("run_tip"))
        self.speed_combo = QComboBox()
        for speed in SPEEDS:
            text = _t("as_fast") if speed == 0 else _t("step_per_s" if speed == 1 else "steps_per_s", f"{speed:,}")
            self.speed_combo.addItem(text, float(speed))
        self.speed_combo.setToolTip(_t("speed_tip"))
        self.speed_combo.setAccessibleName(_t("speed"))
        for b in (self.reset_button, self.step_button, self.run_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(b)
        buttons.addWidget(self.speed_combo)
        self.reset_button.clicked.connect(self.reset)
        self.step_button.clicked.connect(self.step)
        self.run_button.clicked.connect(lambda on: self.run() if on else self.pause())
        self.speed_combo.activated.connect(lambda _i: self.worker.send("set_speed", self.speed_combo.currentData()))
        grid.addLayout(buttons, 1, 3)
        grid.setColumnStretch(3, 2)
        lay.addLayout(grid)

        split = QSplitter(Qt.Vertical)
        plot_box = QWidget()
        pl = QVBoxLayout(plot_box)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.setSpacing(2)
        self.plot = make_plot(_t("loss_title"))
        pi = self.plot.getPlotItem()
        set_label(pi, "left", _t("loss_axis"))
        set_label(pi, "bottom", _t("step_axis"))
        self.curves = [pg.PlotDataItem(), pg.PlotDataItem()]
        for c in self.curves:
            tune(c)
            pi.addItem(c)
        self.legend = LegendRow()
        self.log_box = QCheckBox(_t("log_y"))
        self.log_box.setToolTip(_t("log_y_tip"))
        self.log_box.toggled.connect(self._log_toggled)
        self.log_box.clicked.connect(lambda _on: setattr(self, "_log_chosen", True))  # (a user's click only)
        row = QHBoxLayout()
        row.addWidget(self.legend, 1)
        row.addWidget(self.log_box)
        pl.addWidget(self.plot, 1)
        pl.addLayout(row)
        split.addWidget(plot_box)

        outputs = QWidget()
        ol = QHBoxLayout(outputs)
        ol.setContentsMargins(0, 0, 0, 0)
        self.output_views = [OutputView(), OutputView()]
        self.output_titles = [QLabel(), QLabel()]
        for title, view in zip(self.output_titles, self.output_views):
            col = QVBoxLayout()
            title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            col.addWidget(title)
            col.addWidget(view, 1)
            ol.addLayout(col, 1)
        split.addWidget(outputs)
        split.setSizes([300, 360])
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)

        self.plot_box, self.outputs = plot_box, outputs
        self._install_plot_menus()

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.status)
        self.setCentralWidget(centre)

    def _install_plot_menus(self):
        """Right-click on a plot: show everything, or save the comparison as a picture (not pyqtgraph's menu)."""
        from gui.exports import install_plot_menu

        self.act_save_png = QAction(_t("save_png"), self)
        self.act_save_png.triggered.connect(self.ask_save_png)
        for plot in (self.plot, *(v.plot for v in self.output_views)):
            show_all = QAction(_t("show_all"), plot)
            show_all.triggered.connect(lambda _c=False, p=plot: p.getPlotItem().getViewBox().autoRange())
            install_plot_menu(plot, show_all, [self.act_save_png])

    def save_png(self, path: str) -> None:
        """The curves and both outputs as one PNG picture (written atomically); ``ValueError`` if it cannot be."""
        from gui.exports import picture_png
        from model.files import write_atomic

        write_atomic(path, picture_png([self.plot_box, self.outputs]))  # (a failure: ValueError, one line)

    def ask_save_png(self):
        path, _ = QFileDialog.getSaveFileName(self, _t("save_png"), "comparison.png", _t("png_filter"))
        if not path:
            return
        if not os.path.splitext(path)[1]:
            path += ".png"
        try:
            self.save_png(path)
        except ValueError as e:
            self._on_error(str(e))
            return
        self.status.setText(_t("saved", path=path))

    def _build_actions(self):
        def action(text, slot, keys):
            a = QAction(text, self)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.WindowShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.act_run = action(_t("run"), self._toggle_run, ["Space"])
        self.act_step = action(_t("step"), self.step, ["Right", "N"])
        self.act_reset = action(_t("reset"), self.reset, ["R"])
        self.act_close = action(tr("Close"), self.close, [QKeySequence.StandardKey.Close, "Esc"])

    # loading ---------------------------------------------------------------------------------
    def set_session_dict(self, d: dict):
        """The main window's session changed: "The main window's session" starts from it the next time it is chosen."""
        self._session_dict = d

    def load(self, preset: str | None, suggestion: int = 0):
        """Start from a preset (None: the main window's session) and its ``suggestion``-th comparison."""
        p = get_preset(preset) if preset is not None else None
        base = p.session_dict() if p is not None else copy.deepcopy(self._session_dict)
        if base is None:
            return
        self.base = base
        self._preset = p
        self._pace(p)
        self._select(self.preset_combo, preset)
        self._fill_suggestions(p)
        if p is not None and p.compare:
            s = p.compare[min(suggestion, len(p.compare) - 1)]
            self.compare(s.kind, s.a, s.b, translated(s.notice))
        else:
            lr = current_setting(base, "learning_rate")
            self.compare("learning_rate", lr, lr / 10, _t("no_suggestion"))

    def _pace(self, p):
        """A preset with a pace of its own trains at it (as in the main window); the next one gets the user's back."""
        speed = p.speed if p is not None else None
        if speed is not None:
            if self._speed_before_pace is None:
                self._speed_before_pace = float(self.speed_combo.currentData())
            self.set_speed(speed)
        elif self._speed_before_pace is not None:
            self.set_speed(self._speed_before_pace)
            self._speed_before_pace = None

    def _fill_suggestions(self, p):
        for b in self.suggestion_buttons:
            self.suggestion_row.removeWidget(b)
            b.deleteLater()
        self.suggestion_buttons = []
        for i, s in enumerate(p.compare if p is not None else ()):
            a, b = (translated(setting_label(s.kind, v)) for v in (s.a, s.b))
            button = QPushButton(f"{a} ↔ {b}")
            button.setToolTip(translated(s.notice))
            button.setAccessibleName(_t("suggestion_tip", a=a, b=b))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _c=False, i=i: self.load(self._preset.name, i))
            self.suggestion_row.addWidget(button)
            self.suggestion_buttons.append(button)
        self.suggested_label.setVisible(bool(self.suggestion_buttons))

    def compare(self, kind: str, a, b, notice: str = ""):
        """Compare ``a`` with ``b`` for setting ``kind``, both sides from step 0."""
        self.kind = kind
        self.values = [copy.deepcopy(a), copy.deepcopy(b)]
        self._task = "classification" if self._is_classification() else "regression"
        self.kind_combo.clear()
        for k in kinds_for(self.base):
            self.kind_combo.addItem(translated(KIND_LABELS[k]), k)
        self._select(self.kind_combo, kind)
        extra = (a, b)
        for editor, v in zip(self.editors, self.values):
            editor.set_kind(kind, v, self._task, extra, self._problem)
        self.notice.setText(translated(notice))
        self.notice.setVisible(bool(notice))
        self._set_labels()
        for h in self._histories:
            h.clear()
        self._dirty = True
        self.worker.send("load", self.base, kind, a, b)

    def _is_classification(self) -> bool:
        """The session's loss says the task (the data is made on the worker's thread, not here)."""
        loss = LOSSES.get((self.base.get("loss") or {}).get("name"))
        return loss is not None and loss.kind == "classification"

    def _problem(self, value) -> str | None:
        """Why ``value`` of the setting that differs cannot be used with this network, or None."""
        if self.kind != "loss":  # (the other kinds' lists hold only usable values)
            return None
        try:
            apply_setting(self.base, self.kind, value)
        except ValueError as e:
            return translated(e.args[0]) if e.args else str(e)
        return None

    def _kind_chosen(self, kind):
        if kind is None or kind == self.kind:
            return
        current = current_setting(self.base, kind)
        other = self._other_value(kind, current)
        self.compare(kind, current, other, _t("no_suggestion"))

    def _other_value(self, kind, current):
        """A second value that differs from ``current``: the next choice, or γ/10."""
        if kind == "learning_rate":
            return current / 10
        choices = SideEditor._choices(kind, self._task, (), current)
        for v in choices[choices.index(current) + 1 :] + choices:
            if v != current:
                try:
                    apply_setting(self.base, kind, v)
                except ValueError:
                    continue
                return v
        return current

    def _side_chosen(self, i: int, value):
        try:
            apply_setting(self.base, self.kind, value)
        except ValueError as e:
            self._on_error(str(e))
            self.editors[i].set_kind(self.kind, self.values[i], self._task, self.values, self._problem)
            return
        self.values[i] = copy.deepcopy(value)
        self._set_labels()
        self._histories[i].clear()
        self._dirty = True
        self.worker.send("set_side", i, value)

    def _set_labels(self):
        self.labels = [translated(setting_label(self.kind, v)) for v in self.values]
        t = style.theme()
        colours = (t.blue, t.orange)
        for i, c in enumerate(self.curves):
            c.opts["name"] = self.labels[i]
            c.setPen(style.mkpen(colours[i], 3 if i == 0 else 2.5))
        self.legend.set_entries([(SOLID, colours[i], self.labels[i]) for i in range(2)])
        for i, (title, view) in enumerate(zip(self.output_titles, self.output_views)):
            side = "AB"[i]
            title.setText(f"<b style='color:{style.colour(colours[i]).name()}'>{side}</b>: {self.labels[i]}")
            view.setAccessibleName(_t("output_name", side=side, label=self.labels[i]))
        self.side_labels[0].setText(f"{_t('side_a')} ━━")
        self.side_labels[1].setText(f"{_t('side_b')} ━━")
        for i, label in enumerate(self.side_labels):
            label.setStyleSheet(f"color: {style.colour(colours[i]).name()}; font-weight: bold")

    @staticmethod
    def _select(combo: QComboBox, data):
        for i in range(combo.count()):
            if combo.itemData(i) == data:
                combo.setCurrentIndex(i)
                return

    # commands ----------------------------------------------------------------------------------
    def run(self):
        self.worker.send("run")

    def pause(self):
        self.worker.send("pause")

    def _toggle_run(self):
        self.pause() if self.running else self.run()

    def step(self):
        self.worker.send("step")

    def reset(self):
        for h in self._histories:
            h.clear()
        self._dirty = True
        self.worker.send("reset")

    def set_speed(self, steps_per_second: float):
        """Choose the speed closest to ``steps_per_second`` and send it to the worker."""
        best = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - steps_per_second))
        self.speed_combo.setCurrentIndex(best)
        self.worker.send("set_speed", float(SPEEDS[best]))

    # from the worker ---------------------------------------------------------------------------
    def _on_frame(self, f):
        self.latest_frame = f
        if f.data is not None:
            X, Y, task = f.data
            for view in self.output_views:
                view.set_data(X if X.shape[1] <= 2 else X[:, :2], Y, task)
        for i, side in enumerate(f.sides):
            h = self._histories[i]
            if side.restarted:
                h.clear()
            h.extend(side.first_step, side.new_losses)
            if side.surface is not None:
                self.output_views[i].show(SimpleNamespace(X=None, surface=side.surface))
        self._dirty = True
        # a new text relayouts the window: 4 a second are all anyone can read while it runs
        now = time.perf_counter()
        if not f.running or now - self._status_at >= 0.25:
            self._status_at = now
            self._update_status(f)
        self.frame_applied.emit(f)

    def _on_running(self, running: bool):
        self.running = running
        # while both sides train, the drawing shares the GIL with them: the curves at half rate, the outputs at a third
        self._curve_timer.setInterval(1000 // (CURVES_HZ // 2 if running else CURVES_HZ))
        self._output_timer.setInterval(1000 * (3 if running else 1) // DIAGRAM_HZ)
        self.run_button.setChecked(running)
        self.run_button.setText(_t("pause") if running else _t("run"))

    def _on_error(self, message: str):
        """One line, kept above the sides' numbers for a while (the next frames do not wipe it)."""
        self._error = (f"⚠ {message}", time.perf_counter() + ERROR_SECONDS)
        self.status.setText(self._error[0])

    def _update_status(self, f):
        parts = []
        for label, side in zip(self.labels, f.sides):
            if side.diverged:
                parts.append(_t("diverged", label=label, message=side.diverged))
            else:
                parts.append(_t("status", label=label, step=side.step, loss=_fmt(side.loss)))
        text = "    ".join(parts)
        if self.kind == "loss":
            text += "\n" + _t("different_losses")
        if self._error is not None and time.perf_counter() < self._error[1]:
            text = self._error[0] + "\n" + text
        self.status.setText(text)

    # drawing ------------------------------------------------------------------------------------
    def _refresh_curves(self):
        if self._dirty:
            self.refresh_curves()

    def refresh_curves(self):
        """Draw both sides' losses as they have arrived (the ~30 Hz timer calls this when something changed)."""
        self._dirty = False
        for h, c in zip(self._histories, self.curves):
            x, y = h.xy()
            c.setData(x, y)
        if not self._log_chosen and not self.log_box.isChecked() and self._spans_decades():
            self.log_box.setChecked(True)  # a diverging side would flatten the other into the axis

    def _spans_decades(self, decades: float = 4.0) -> bool:
        """True when the positive finite losses drawn span more than ``decades`` powers of ten."""
        lo, hi = math.inf, 0.0
        for h in self._histories:
            _, y = h.xy()
            y = y[np.isfinite(y) & (y > 0)]
            if y.size:
                lo, hi = min(lo, float(y.min())), max(hi, float(y.max()))
        return hi > 0 and lo < math.inf and hi > lo * 10.0**decades

    def _refresh_outputs(self):
        for view in self.output_views:
            view.refresh()

    def _log_toggled(self, on: bool):
        self.plot.getPlotItem().setLogMode(y=on)

    def restyle(self):
        style_plot(self.plot)
        for view in self.output_views:
            view.restyle()
        self._set_labels()

    # closing -------------------------------------------------------------------------------------
    def closeEvent(self, event):
        try:
            style.notifier.changed.disconnect(self.restyle)
        except (RuntimeError, TypeError):
            pass  # (closed twice)
        self.worker.shutdown()
        self._curve_timer.stop()
        self._output_timer.stop()
        super().closeEvent(event)
