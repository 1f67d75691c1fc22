"""The control side panel: preset, training buttons, optimiser, breakpoints, data, network and loss.

The panel only shows state and emits signals; the main window wires them to the worker.
It reads the model's registries for every choice it offers, so a new loss, optimiser,
data set or preset appears here without touching this file.
"""

from __future__ import annotations

import math
import re

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.elided_combo import ElidedComboBox
from gui.flow_layout import FlowLayout
from gui.i18n import lookup, mnemonic, tr, tr_noop
from model.activations import ACTIVATIONS, activation_names
from model.compare import setting_label
from model.datasets import DATASETS
from model.initializers import INITIALIZERS
from model.losses import LOSSES, loss_names, make_loss
from model.optimizers import OPTIMIZERS, make_optimizer
from model.presets import PRESETS
from model.schedules import SCHEDULES

__all__ = ["ControlPanel"]

# Every user-visible string of this file, in English; tr() translates at use.
S = {
    # sections
    "preset": tr_noop("Preset"),
    "training": tr_noop("Training"),
    "run_until": tr_noop("Run until (breakpoints)"),
    "optimizer": tr_noop("Optimizer"),
    "data": tr_noop("Data"),
    "network": tr_noop("Network"),
    "loss": tr_noop("Loss function"),
    # preset
    "custom_session": tr_noop("Custom session"),
    "preset_tip": tr_noop("Load a ready-made lecture example. Choosing the current preset again reloads it."),
    "compare_hint": tr_noop("Side by side (View → Compare, Ctrl+K): {pairs}"),
    # training
    "reset": tr_noop("Reset"),
    "step": tr_noop("Step"),
    "step_phase": tr_noop("Step phase"),
    "back_phase": tr_noop("Back a phase"),
    "phase_keys": tr_noop("Phase keys: Shift+← and Shift+→"),
    "run": tr_noop("Run"),
    "pause": tr_noop("Pause"),
    "reset_tip": tr_noop("Re-initialise the weights and start again (R)"),
    "step_tip": tr_noop("One whole training step: forward, loss, backward, update (N or →)"),
    "step_phase_tip": tr_noop(
        "Advance one phase of the training step: one layer forward, the loss, "
        "one layer's δ or gradient, or the update (Shift+→)"
    ),
    "back_tip": tr_noop("Go back one phase of the current step (Shift+←)"),
    "run_tip": tr_noop("Train continuously; press again to pause (Space)"),
    "speed": tr_noop("Speed"),
    "speed_tip": tr_noop("How many training steps per second while running"),
    "steps_per_s": tr_noop("{} steps/s"),
    "step_per_s": tr_noop("{} step/s"),
    "fastest": tr_noop("As fast as possible"),
    "progress_empty": tr_noop("Epoch 0 · Step 0\nLoss —"),
    "progress": tr_noop("Epoch {epoch:,} · Step {step:,}\nLoss {loss}"),
    "progress_acc": tr_noop("Accuracy {acc:.1f} %"),
    "progress_rate": tr_noop("{rate} steps/s"),
    # breakpoints
    "bp_epoch": tr_noop("Pause at epoch"),
    "bp_epoch_tip": tr_noop("Pause when this epoch is reached"),
    "bp_loss": tr_noop("Pause when loss <"),
    "bp_loss_tip": tr_noop("Pause as soon as the loss falls below this value"),
    "bp_vanish": tr_noop("Any layer's ‖∂L/∂W‖ <"),
    "bp_vanish_tip": tr_noop("Vanishing gradients (梯度消失): pause when the gradient norm of any layer falls below ε"),
    "bp_explode": tr_noop("Any layer's ‖∂L/∂W‖ >"),
    "bp_explode_tip": tr_noop("Exploding gradients (梯度爆炸): pause when the gradient norm of any layer exceeds G"),
    "bp_vanish_note": tr_noop("(vanishing)"),
    "bp_explode_note": tr_noop("(exploding)"),
    "bp_nan": tr_noop("Always pauses if the loss becomes NaN or infinite."),
    # optimizer
    "learning_rate": tr_noop("Learning rate γ"),
    "lr_tip": tr_noop(
        "Learning rate γ (学习率): the step size of w ← w − γ·∂L/∂w. "
        "The slider is logarithmic, from 0.00001 to 10; type an exact value in the box "
        "(e.g. 0.1 or 3e-4)."
    ),
    "schedule": tr_noop("Schedule"),
    "schedule_tip": tr_noop(
        "Learning-rate schedule: how γ changes from step to step, starting from the learning rate above "
        "(γ₀). The loss curve draws it along its bottom."
    ),
    "lr_now": tr_noop("γ now = {lr} (step {step:,})"),
    "lr_now_name": tr_noop("The learning rate of the next step"),
    "batch_size": tr_noop("Batch size"),
    "full_batch": tr_noop("Full batch"),
    "batch_tip": tr_noop("Samples per training step (批大小); Full batch uses every sample in each step"),
    # data
    "dataset": tr_noop("Data set"),
    "custom_data": tr_noop("Custom data"),
    "seed": tr_noop("Seed"),
    "seed_tip": tr_noop("Random seed: the same seed draws the same points"),
    "n_samples": tr_noop("Samples"),
    "n_samples_tip": tr_noop("Number of points"),
    "noise": tr_noop("Noise"),
    "noise_tip": tr_noop("Standard deviation of the Gaussian noise"),
    "classes": tr_noop("Classes"),
    "classes_tip": tr_noop("Number of classes"),
    "load_csv": tr_noop("Load &CSV…"),
    "load_csv_tip": tr_noop("Train on your own table: the last column is the target"),
    "csv_title": tr_noop("Load a CSV data set"),
    "csv_filter": tr_noop("CSV files (*.csv *.txt);;All files (*)"),
    "reinit_note": tr_noop("Changing the data or the architecture re-initialises the weights."),
    # network
    "io_sizes": tr_noop("Inputs: {n_in} · Outputs: {n_out} (fixed by the data)"),
    "hidden_layers": tr_noop("Hidden layers: neurons, activation"),
    "no_hidden": tr_noop("No hidden layer: the inputs feed the output layer directly."),
    "layer": tr_noop("H{}"),
    "neurons_tip": tr_noop("Neurons in hidden layer {} (1–1024)"),
    "neurons_name": tr_noop("Neurons in hidden layer {}"),  # (accessible names: what a screen reader says)
    "activation_tip": tr_noop("Activation function of hidden layer {}"),
    "remove_tip": tr_noop("Remove hidden layer {}"),
    "add_layer": tr_noop("Add hidden &layer"),
    "add_layer_tip": tr_noop("Append a hidden layer before the output layer (at most {})"),
    "output_activation": tr_noop("Output activation"),
    "output_activation_tip": tr_noop("Activation function of the output layer"),
    "init": tr_noop("Initializer"),
    "init_seed": tr_noop("Init seed"),
    "init_seed_tip": tr_noop("Seed of the weight initialiser"),
    # loss
    "loss_tip": tr_noop("{note}\n{formula}\n{zh}"),
    "param_off": tr_noop("{} off"),
    "loss_bad": tr_noop("Not applied: {}"),
    "loss_unknown": tr_noop("Unknown loss {!r}"),
}


def _mnemonic(text: str, letter: str) -> str:
    """``text`` with an Alt+``letter`` mnemonic: on that letter, or ``运行(&U)`` when the text has none."""
    return mnemonic(text, letter)


_t = lookup(S)

#: How the initializers and the parameters' choices are named in the combo boxes (their values are the keys).
INITIALIZER_NAMES = {"lecture": tr_noop("Lecture")}
CHOICE_NAMES = {"mean": tr_noop("mean"), "sum": tr_noop("sum")}


#: Learning-rate slider: 100 steps per decade over 10^LR_LOG_MIN … 10^LR_LOG_MAX.
LR_LOG_MIN, LR_LOG_MAX, LR_STEPS_PER_DECADE = -5, 1, 100
LR_MIN, LR_MAX = 10.0**LR_LOG_MIN, 10.0**LR_LOG_MAX
SPEEDS = (1, 2, 5, 10, 30, 100, 1000, 0)  # steps per second; 0 = as fast as possible
MAX_HIDDEN_LAYERS = 8
DEBOUNCE_MS = 400
PANEL_WIDTH = 330

# theme roles (gui.style): notes and errors follow the theme, dark or light
ERROR_COLOUR = "error"
NOTE_COLOUR = "muted"
DATA_PARAMS = ("seed", "n_samples", "noise", "classes")


def format_number(value: float, digits: int = 6) -> str:
    """A compact number: 0.1, 0.003, 3e-5, 1000; exponent without padding zeros."""
    if value is None:
        return "—"
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def _round_sig(value: float, digits: int = 3) -> float:
    return float(f"{value:.{digits - 1}e}")


def _lr_from_slider(position: int) -> float:
    return _round_sig(10.0 ** (LR_LOG_MIN + position / LR_STEPS_PER_DECADE))


def _slider_from_lr(lr: float) -> int:
    lr = min(max(lr, LR_MIN), LR_MAX)
    return round((math.log10(lr) - LR_LOG_MIN) * LR_STEPS_PER_DECADE)


_PARTIAL_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?")


class FloatSpinBox(QDoubleSpinBox):
    """A spin box that shows numbers compactly (0.1, 3e-4) and accepts scientific notation.

    With ``log_steps`` the arrows walk the 1-2-5 sequence (…, 0.01, 0.02, 0.05, 0.1, …),
    which suits learning rates and thresholds spanning several decades.
    """

    def __init__(self, minimum: float, maximum: float, value: float, log_steps=False, step=0.1, parent=None):
        super().__init__(parent)
        self._log_steps = log_steps
        self.setDecimals(20)  # rounding happens in textFromValue, not in the stored value
        self.setRange(minimum, maximum)
        self.setSingleStep(step)
        self.setValue(value)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)

    def textFromValue(self, value: float) -> str:
        return format_number(value)

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.strip().replace("−", "-"))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        s = text.strip().replace("−", "-")
        try:
            value = float(s)
        except ValueError:
            return QValidator.State.Intermediate if _PARTIAL_NUMBER.fullmatch(s) else QValidator.State.Invalid
        if self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable
        return QValidator.State.Intermediate

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value())

    def stepBy(self, steps: int):
        if not self._log_steps:
            return super().stepBy(steps)
        value = self.value()
        for _ in range(abs(steps)):
            value = _next_125(value, up=steps > 0)
        self.setValue(min(max(value, self.minimum()), self.maximum()))

    def stepEnabled(self):
        if not self._log_steps:
            return super().stepEnabled()
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.value() < self.maximum():
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.value() > self.minimum():
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags


def _next_125(value: float, up: bool) -> float:
    """The next value of the 1-2-5 sequence above (or below) ``value``."""
    if value <= 0:
        return 1e-12 if up else 0.0
    decade = math.floor(math.log10(value))
    candidates = sorted(m * 10.0**e for e in (decade - 1, decade, decade + 1) for m in (1, 2, 5))
    if up:
        return next(c for c in candidates if c > value * (1 + 1e-9))
    return next(c for c in reversed(candidates) if c < value * (1 - 1e-9))


class _WheelGuard(QObject):
    """Send wheel events over unfocused inputs to the scroll area, so scrolling never edits a value."""

    def __init__(self, scroll_area: QScrollArea):
        super().__init__(scroll_area)
        self._scroll = scroll_area

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Wheel and not obj.hasFocus():
            QApplication.sendEvent(self._scroll.verticalScrollBar(), event)
            return True
        return False


class _Section(QWidget):
    """A titled group whose body folds away under its header button."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.header = QToolButton(self)
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setAutoRaise(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() + 2)
        font.setBold(True)
        self.header.setFont(font)
        self.header.toggled.connect(self.set_expanded)

        self.body = QFrame(self)
        self.body.setFrameShape(QFrame.Shape.StyledPanel)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(8, 6, 8, 8)
        self.body_layout.setSpacing(6)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.body)

    def set_expanded(self, expanded: bool):
        """Show or fold the body."""
        with QSignalBlocker(self.header):
            self.header.setChecked(expanded)
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)


class _HiddenLayerRow(QWidget):
    """One hidden layer: neuron count, activation, remove button."""

    def __init__(self, index: int, neurons: int, activation: str, parent=None):
        super().__init__(parent)
        self.label = QLabel(_t("layer", index + 1), self)
        self.label.setMinimumWidth(28)
        self.neurons = QSpinBox(self)
        self.neurons.setRange(1, 1024)
        self.neurons.setValue(int(neurons))
        self.neurons.setKeyboardTracking(False)
        self.neurons.setAccelerated(True)
        self.neurons.setToolTip(_t("neurons_tip", index + 1))
        self.activation = QComboBox(self)
        _fill_activation_combo(self.activation, activation_names(hidden=True))
        _select_data(self.activation, activation)
        self.activation.setToolTip(_t("activation_tip", index + 1))
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.setToolTip(_t("remove_tip", index + 1))
        self.neurons.setAccessibleName(_t("neurons_name", index + 1))
        self.activation.setAccessibleName(_t("activation_tip", index + 1))
        self.remove.setAccessibleName(_t("remove_tip", index + 1))
        self.remove.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.neurons, 2)
        layout.addWidget(self.activation, 3)
        layout.addWidget(self.remove)


def _fill_activation_combo(combo: QComboBox, names):
    for name in names:
        act = ACTIVATIONS[name]
        combo.addItem(tr(act.label or name), name)
        combo.setItemData(combo.count() - 1, f"{act.formula}\n{act.derivative_formula}", Qt.ItemDataRole.ToolTipRole)


def _select_data(combo: QComboBox, value) -> bool:
    """Select the item whose data is ``value`` (no item: index −1, the placeholder); True if found."""
    index = combo.findData(value)
    combo.setCurrentIndex(index)
    return index >= 0


def _colour(widget: QWidget, role: str, bold: bool = False):
    """Text in a theme role ("muted", "error"), kept on theme changes (see gui.style.tint)."""
    style.tint(widget, role, bold)


def _clear_form(form: QFormLayout):
    """Empty a form; its widgets are deleted later, so nothing still holding them crashes."""
    while form.rowCount():
        row = form.takeRow(0)
        for item in (row.labelItem, row.fieldItem):
            if item is None:
                continue
            if item.widget() is not None:
                _discard(item.widget())
            elif item.layout() is not None:
                layout = item.layout()
                while layout.count():
                    child = layout.takeAt(0)
                    if child.widget() is not None:
                        _discard(child.widget())
                layout.deleteLater()


def _discard(widget: QWidget):
    """Hide now, delete once control returns to the event loop."""
    widget.hide()
    widget.deleteLater()


def _wrapped_label(text: str = "", colour: str | None = None, parent=None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    if colour:
        _colour(label, colour)
    return label


class ControlPanel(QWidget):
    """The side panel with every training control; emits requests, never touches the model."""

    preset_chosen = Signal(str)
    csv_chosen = Signal(str)
    rebuild_requested = Signal(object)  # {"data": {...}} or {"architecture": {...}[, "loss": {...}]}
    loss_changed = Signal(object)  # Loss.to_dict()
    optimizer_changed = Signal(object)  # {"name", "learning_rate", **params}
    schedule_changed = Signal(object)  # {"name", **params}: model.schedules' to_dict()
    learning_rate_changed = Signal(float)
    batch_size_changed = Signal(object)  # int, or None for full batch
    reset_requested = Signal()
    step_requested = Signal()
    step_phase_requested = Signal()
    step_back_requested = Signal()
    run_toggled = Signal(bool)
    speed_changed = Signal(float)  # steps per second, 0 = as fast as possible
    breakpoints_changed = Signal(object)  # {"epoch", "loss_below", "grad_below", "grad_above"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filling = False
        self._n_in, self._n_out = 2, 1
        self._applied_loss: dict | None = None
        self.loss_param_widgets: dict[str, QWidget] = {}
        self.loss_param_none_boxes: dict[str, QCheckBox] = {}
        self._rows: list[_HiddenLayerRow] = []

        font = self.font()
        if font.pointSizeF() < 11:
            font.setPointSizeF(11)
            self.setFont(font)

        self._scroll = QScrollArea(self)
        self._scroll.setAccessibleName(tr("Controls"))
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.content = QWidget()
        self._layout = QVBoxLayout(self.content)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.setSpacing(8)
        self._scroll.setWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self._wheel_guard = _WheelGuard(self._scroll)
        self._data_timer = self._debouncer(self._emit_data)
        self._arch_timer = self._debouncer(self._emit_architecture)

        # The controls used most during a lecture (run, step, learning rate) come first, so
        # they stay visible at 1024×768 without scrolling; the rebuild-the-network ones follow.
        self.sections: dict[str, _Section] = {}
        self._build_preset()
        self._build_training()
        self._build_optimizer()
        self._build_breakpoints()
        self._build_data()
        self._build_network()
        self._build_loss()
        self._layout.addStretch(1)

        self._guard_inputs(self.content)
        self._set_rows([4], ["tanh"])
        self._set_train_biases([True, True])
        self._refresh_io_label()
        self._refresh_loss_view()
        self._fix_tab_order()
        for combo in self.content.findChildren(QComboBox):  # long titles: the list is wider than the box
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        scrollbar = self._scroll.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(max(300, self.content.minimumSizeHint().width() + scrollbar + 2))

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setWidth(PANEL_WIDTH)
        return hint

    # -- building -------------------------------------------------------------------
    def _guard_inputs(self, parent: QWidget):
        """Let wheel events over unfocused inputs scroll the panel; Tab and clicks still focus them."""
        for w in parent.findChildren(QWidget):
            if isinstance(w, (QAbstractSpinBox, QComboBox, QSlider)):
                w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                w.installEventFilter(self._wheel_guard)

    def _section(self, key: str) -> QVBoxLayout:
        section = _Section(_t(key), self.content)
        self.sections[key] = section
        self._layout.addWidget(section)
        return section.body_layout

    def edits_pending(self) -> bool:
        """Whether a data or architecture edit is still waiting for its debounce before it is sent."""
        return self._data_timer.isActive() or self._arch_timer.isActive()

    def _debouncer(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(slot)
        return timer

    def _build_preset(self):
        box = self._section("preset")
        self.preset_combo = ElidedComboBox()  # a long title ends in "…", not cut mid-letter
        self.preset_combo.setPlaceholderText(_t("custom_session"))
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_combo.setMinimumContentsLength(12)
        for name, preset in PRESETS.items():
            self.preset_combo.addItem(tr(preset.title), name)
            self.preset_combo.setItemData(
                self.preset_combo.count() - 1, tr(preset.description), Qt.ItemDataRole.ToolTipRole
            )
        self.preset_combo.setToolTip(_t("preset_tip"))
        self.preset_combo.activated.connect(self._on_preset_activated)
        self.preset_combo.currentIndexChanged.connect(self._refresh_preset_description)
        self.preset_description = _wrapped_label(colour=NOTE_COLOUR)
        box.addWidget(self.preset_combo)
        box.addWidget(self.preset_description)

    def _build_training(self):
        box = self._section("training")

        def button(key, tip, signal):
            b = QPushButton(_t(key))
            b.setToolTip(_t(tip))
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            b.setAutoDefault(False)
            if signal is not None:
                b.clicked.connect(signal)
            return b

        self.reset_button = button("reset", "reset_tip", self.reset_requested)
        self.reset_button.setText("⟲ " + _mnemonic(_t("reset"), "r") + "  (R)")
        self.step_button = button("step", "step_tip", self.step_requested)
        self.step_button.setText(_mnemonic(_t("step"), "s") + "  (N, →)")
        self.back_button = button("back_phase", "back_tip", self.step_back_requested)
        self.back_button.setText("◀ " + _mnemonic(_t("back_phase"), "b"))
        self.step_phase_button = button("step_phase", "step_phase_tip", self.step_phase_requested)
        self.step_phase_button.setText(_mnemonic(_t("step_phase"), "p") + " ▶")
        self.run_button = button("run", "run_tip", None)
        self.run_button.setCheckable(True)
        self.run_button.toggled.connect(self._on_run_toggled)
        run_font = self.run_button.font()
        run_font.setPointSizeF(run_font.pointSizeF() + 2)
        run_font.setBold(True)
        self.run_button.setFont(run_font)
        self.run_button.setMinimumHeight(40)
        self._refresh_run_text()
        keys = _wrapped_label(_t("phase_keys"), NOTE_COLOUR)
        keys.setAlignment(Qt.AlignmentFlag.AlignCenter)

        grid = QGridLayout()
        grid.setSpacing(6)
        grid.addWidget(self.run_button, 0, 0, 1, 2)
        grid.addWidget(self.step_button, 1, 0)
        grid.addWidget(self.reset_button, 1, 1)
        grid.addWidget(self.back_button, 2, 0)
        grid.addWidget(self.step_phase_button, 2, 1)
        grid.addWidget(keys, 3, 0, 1, 2)
        box.addLayout(grid)

        form = QFormLayout()
        self.speed_combo = QComboBox()
        for speed in SPEEDS:
            if speed == 0:
                text = _t("fastest")
            else:
                text = _t("step_per_s" if speed == 1 else "steps_per_s", f"{speed:,}")
            self.speed_combo.addItem(text, float(speed))
        self.speed_combo.setCurrentIndex(len(SPEEDS) - 1)
        self.speed_combo.setToolTip(_t("speed_tip"))
        self.speed_combo.currentIndexChanged.connect(
            lambda _i: self._emit(self.speed_changed, float(self.speed_combo.currentData()))
        )
        form.addRow(_t("speed"), self.speed_combo)
        box.addLayout(form)

        self.progress_label = QLabel(_t("progress_empty"))
        font = self.progress_label.font()
        font.setPointSizeF(max(15.0, font.pointSizeF() + 4))
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        self.progress_label.setFont(font)
        self.progress_label.setWordWrap(True)  # big counts wrap at the "·" instead of clipping
        self.progress_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress_detail = QLabel(" ")
        detail_font = self.progress_detail.font()
        detail_font.setPointSizeF(max(12.0, detail_font.pointSizeF() + 1))
        self.progress_detail.setFont(detail_font)
        self.progress_detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        box.addWidget(self.progress_label)
        box.addWidget(self.progress_detail)

    def _build_breakpoints(self):
        box = self._section("run_until")
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self.bp_epoch_check = QCheckBox(_t("bp_epoch"))
        self.bp_epoch_spin = QSpinBox()
        self.bp_epoch_spin.setRange(1, 2_000_000_000)
        self.bp_epoch_spin.setValue(1000)
        self.bp_epoch_spin.setGroupSeparatorShown(True)
        self.bp_loss_check = QCheckBox(_t("bp_loss"))
        self.bp_loss_spin = FloatSpinBox(1e-12, 1e12, 0.01, log_steps=True)
        self.bp_vanish_check = QCheckBox(_t("bp_vanish"))
        self.bp_vanish_spin = FloatSpinBox(1e-30, 1e6, 1e-6, log_steps=True)
        self.bp_explode_check = QCheckBox(_t("bp_explode"))
        self.bp_explode_spin = FloatSpinBox(1e-12, 1e30, 1e3, log_steps=True)
        rows = [
            (self.bp_epoch_check, self.bp_epoch_spin, "bp_epoch_tip", None),
            (self.bp_loss_check, self.bp_loss_spin, "bp_loss_tip", None),
            (self.bp_vanish_check, self.bp_vanish_spin, "bp_vanish_tip", "bp_vanish_note"),
            (self.bp_explode_check, self.bp_explode_spin, "bp_explode_tip", "bp_explode_note"),
        ]
        r = 0
        for check, spin, tip, note in rows:
            check.setToolTip(_t(tip))
            spin.setToolTip(_t(tip))
            spin.setAccessibleName(check.text().replace("&", ""))
            spin.setKeyboardTracking(False)
            spin.setMinimumWidth(84)
            spin.setEnabled(False)
            check.toggled.connect(spin.setEnabled)
            check.toggled.connect(self._emit_breakpoints)
            spin.valueChanged.connect(self._emit_breakpoints)
            grid.addWidget(check, r, 0)
            grid.addWidget(spin, r, 1)
            r += 1
            if note:
                caption = QLabel(_t(note))
                _colour(caption, NOTE_COLOUR)
                caption.setIndent(26)  # under the check box's text
                caption.setToolTip(_t(tip))
                grid.addWidget(caption, r, 0, 1, 2)
                r += 1
        grid.setColumnStretch(0, 1)
        box.addLayout(grid)
        box.addWidget(_wrapped_label(_t("bp_nan"), NOTE_COLOUR))

    def _build_optimizer(self):
        box = self._section("optimizer")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.optimizer_combo = QComboBox()
        for name, cls in OPTIMIZERS.items():
            self.optimizer_combo.addItem(tr(cls.label or name), name)
            self.optimizer_combo.setItemData(self.optimizer_combo.count() - 1, cls.formula, Qt.ItemDataRole.ToolTipRole)
        self.optimizer_combo.currentIndexChanged.connect(self._on_optimizer_chosen)
        form.addRow(_t("optimizer"), self.optimizer_combo)
        box.addLayout(form)
        self.optimizer_formula = _wrapped_label(colour=NOTE_COLOUR)
        box.addWidget(self.optimizer_formula)
        self._optimizer_form = QFormLayout()
        self._optimizer_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        box.addLayout(self._optimizer_form)
        self.optimizer_param_widgets: dict[str, FloatSpinBox] = {}

        lr_label = QLabel(_t("learning_rate"))
        lr_label.setToolTip(_t("lr_tip"))
        self.lr_slider = QSlider(Qt.Orientation.Horizontal)
        self.lr_slider.setRange(0, (LR_LOG_MAX - LR_LOG_MIN) * LR_STEPS_PER_DECADE)
        self.lr_slider.setSingleStep(LR_STEPS_PER_DECADE // 10)
        self.lr_slider.setPageStep(LR_STEPS_PER_DECADE)
        self.lr_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.lr_slider.setTickInterval(LR_STEPS_PER_DECADE)
        self.lr_slider.setToolTip(_t("lr_tip"))
        self.lr_slider.setAccessibleName(_t("learning_rate"))
        self.lr_spin = FloatSpinBox(LR_MIN, LR_MAX, 0.1, log_steps=True)
        self.lr_spin.setToolTip(_t("lr_tip"))
        self.lr_spin.setMinimumWidth(80)
        lr_label.setBuddy(self.lr_spin)
        self.lr_slider.setValue(_slider_from_lr(0.1))
        self.lr_slider.valueChanged.connect(self._on_lr_slider)
        self.lr_spin.valueChanged.connect(self._on_lr_spin)
        scale = QHBoxLayout()  # decade labels under the slider: −5, −3, −1, 1 are evenly spaced
        for text in ("1e-5", "1e-3", "0.1", "10"):
            tick = QLabel(text)
            _colour(tick, NOTE_COLOUR)
            scale.addWidget(tick)
            scale.addStretch(1)
        scale.takeAt(scale.count() - 1)
        lr_grid = QGridLayout()
        lr_grid.setVerticalSpacing(0)
        lr_grid.addWidget(self.lr_slider, 0, 0)
        lr_grid.addWidget(self.lr_spin, 0, 1)
        lr_grid.addLayout(scale, 1, 0)
        lr_grid.setColumnStretch(0, 1)
        box.addWidget(lr_label)
        box.addLayout(lr_grid)
        self._build_schedule(box)

        form2 = QFormLayout()
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(0, 1_000_000)
        self.batch_spin.setSpecialValueText(_t("full_batch"))
        self.batch_spin.setKeyboardTracking(False)
        self.batch_spin.setAccelerated(True)
        self.batch_spin.setToolTip(_t("batch_tip"))
        self.batch_spin.valueChanged.connect(lambda v: self._emit(self.batch_size_changed, None if v == 0 else int(v)))
        form2.addRow(_t("batch_size"), self.batch_spin)
        box.addLayout(form2)
        self._set_optimizer_params(self.optimizer_combo.currentData(), {})

    def _build_schedule(self, box: QVBoxLayout):
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.schedule_combo = QComboBox()
        for name, cls in SCHEDULES.items():
            self.schedule_combo.addItem(tr(cls.label), name)
            self.schedule_combo.setItemData(
                self.schedule_combo.count() - 1, tr(cls.formula), Qt.ItemDataRole.ToolTipRole
            )
        self.schedule_combo.setToolTip(_t("schedule_tip"))
        self.schedule_combo.setAccessibleName(_t("schedule"))
        self.schedule_combo.currentIndexChanged.connect(self._on_schedule_chosen)
        form.addRow(_t("schedule"), self.schedule_combo)
        box.addLayout(form)
        self.schedule_formula = _wrapped_label(colour=NOTE_COLOUR)
        box.addWidget(self.schedule_formula)
        self._schedule_form = QFormLayout()
        self._schedule_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        box.addLayout(self._schedule_form)
        self.schedule_param_widgets: dict[str, QAbstractSpinBox] = {}
        self.lr_now_label = _wrapped_label(colour=NOTE_COLOUR)
        self.lr_now_label.setAccessibleName(_t("lr_now_name"))
        box.addWidget(self.lr_now_label)
        self._set_schedule_params("constant", {})

    def _build_data(self):
        box = self._section("data")
        self.dataset_combo = QComboBox()
        self.dataset_combo.setPlaceholderText(_t("custom_data"))
        for name, spec in DATASETS.items():
            self.dataset_combo.addItem(tr(spec.label), name)
            self.dataset_combo.setItemData(
                self.dataset_combo.count() - 1, tr(spec.description), Qt.ItemDataRole.ToolTipRole
            )
        self.dataset_combo.currentIndexChanged.connect(self._on_dataset_chosen)
        self.dataset_description = _wrapped_label(colour=NOTE_COLOUR)
        self.data_form = QFormLayout()
        self.data_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.data_form.addRow(_t("dataset"), self.dataset_combo)
        self.data_param_widgets: dict[str, QAbstractSpinBox] = {
            "seed": QSpinBox(),
            "n_samples": QSpinBox(),
            "noise": FloatSpinBox(0.0, 5.0, 0.1, step=0.01),
            "classes": QSpinBox(),
        }
        self.data_param_widgets["seed"].setRange(0, 2_147_483_647)
        self.data_param_widgets["n_samples"].setRange(1, 1_000_000)
        self.data_param_widgets["n_samples"].setSingleStep(50)
        self.data_param_widgets["n_samples"].setGroupSeparatorShown(True)
        self.data_param_widgets["classes"].setRange(2, 10)
        for key, widget in self.data_param_widgets.items():
            widget.setKeyboardTracking(False)
            widget.setToolTip(_t(f"{key}_tip"))
            widget.valueChanged.connect(self._on_data_param)
            self.data_form.addRow(_t(key), widget)
        box.addLayout(self.data_form)
        box.addWidget(self.dataset_description)
        self.csv_button = QPushButton(_t("load_csv"))
        self.csv_button.setToolTip(_t("load_csv_tip"))
        self.csv_button.setAutoDefault(False)
        self.csv_button.clicked.connect(self._on_load_csv)
        box.addWidget(self.csv_button)
        box.addWidget(_wrapped_label(_t("reinit_note"), NOTE_COLOUR))
        self._show_data_params(self.dataset_combo.currentData())

    def _build_network(self):
        box = self._section("network")
        self.io_label = _wrapped_label()
        box.addWidget(self.io_label)
        caption = QLabel(_t("hidden_layers"))
        _colour(caption, NOTE_COLOUR)
        box.addWidget(caption)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(4)
        box.addLayout(self._rows_box)
        self.no_hidden_label = _wrapped_label(_t("no_hidden"), NOTE_COLOUR)
        box.addWidget(self.no_hidden_label)
        self.add_layer_button = QPushButton(_t("add_layer"))
        self.add_layer_button.setToolTip(_t("add_layer_tip", MAX_HIDDEN_LAYERS))
        self.add_layer_button.setAutoDefault(False)
        self.add_layer_button.clicked.connect(self._on_add_layer)
        box.addWidget(self.add_layer_button)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.output_activation_combo = QComboBox()
        _fill_activation_combo(self.output_activation_combo, activation_names())
        _select_data(self.output_activation_combo, "sigmoid")
        self.output_activation_combo.setToolTip(_t("output_activation_tip"))
        self.output_activation_combo.currentIndexChanged.connect(self._on_output_activation)
        self.init_combo = QComboBox()
        for name, (_fn, description) in INITIALIZERS.items():
            self.init_combo.addItem(tr(INITIALIZER_NAMES.get(name, name.capitalize())), name)
            self.init_combo.setItemData(self.init_combo.count() - 1, tr(description), Qt.ItemDataRole.ToolTipRole)
        self.init_combo.currentIndexChanged.connect(self._emit_architecture)
        self.init_seed_spin = QSpinBox()
        self.init_seed_spin.setRange(0, 2_147_483_647)
        self.init_seed_spin.setKeyboardTracking(False)
        self.init_seed_spin.setToolTip(_t("init_seed_tip"))
        self.init_seed_spin.valueChanged.connect(self._arch_timer.start)
        form.addRow(_t("output_activation"), self.output_activation_combo)
        form.addRow(_t("init"), self.init_combo)
        form.addRow(_t("init_seed"), self.init_seed_spin)
        # per layer: does the update change its biases (the published worked example keeps them)
        # (a flow: a deep network's boxes wrap into more rows instead of widening the panel)
        self._bias_holder = QWidget()
        self._bias_row = FlowLayout(self._bias_holder, h_spacing=6, v_spacing=2)
        self._bias_row.setContentsMargins(0, 0, 0, 0)
        self.train_bias_boxes: list[QCheckBox] = []
        form.addRow(self.tr("Train biases"), self._bias_holder)
        box.addLayout(form)
        box.addWidget(_wrapped_label(_t("reinit_note"), NOTE_COLOUR))

    def _build_loss(self):
        box = self._section("loss")
        self.loss_combo = QComboBox()
        for name in loss_names(training_only=True):
            cls = LOSSES[name]
            self.loss_combo.addItem(tr(cls.label or name), name)
            tip = _t("loss_tip", note=tr(cls.note), formula=tr(cls.formula), zh=cls.label_zh)
            self.loss_combo.setItemData(self.loss_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.loss_combo.setPlaceholderText(_t("loss"))
        self.loss_combo.currentIndexChanged.connect(self._on_loss_chosen)
        self.loss_formula = _wrapped_label()
        self.loss_params_form = QFormLayout()
        self.loss_params_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.loss_message = _wrapped_label()
        box.addWidget(self.loss_combo)
        box.addWidget(self.loss_formula)
        box.addLayout(self.loss_params_form)
        box.addWidget(self.loss_message)
        self._set_loss_params(self.loss_combo.currentData(), {})

    # -- state in -----------------------------------------------------------------
    def set_session(self, d: dict):
        """Show a session dict (``Session.to_dict(with_history=False)``) without emitting anything."""
        self._filling = True
        inputs = (QAbstractSpinBox, QComboBox, QAbstractButton, QSlider)
        blocked = [w for w in self.content.findChildren(QWidget) if isinstance(w, inputs) and not w.signalsBlocked()]
        for w in blocked:
            w.blockSignals(True)
        try:
            self._fill(d)
        finally:
            for w in blocked:
                if shiboken6.isValid(w):
                    w.blockSignals(False)
            self._data_timer.stop()
            self._arch_timer.stop()
            self._filling = False
        self._fix_tab_order()

    def _fill(self, d: dict):
        name = d.get("name")
        _select_data(self.preset_combo, name if name in PRESETS else None)
        self._refresh_preset_description()

        data = dict(d.get("data") or {})
        if "inputs" in data and "targets" in data:
            self._n_in = len(data["inputs"][0]) if data["inputs"] else 0
            self._n_out = len(data["targets"][0]) if data["targets"] else 0
        arch = d.get("architecture") or {}
        sizes = [int(s) for s in arch.get("sizes", [])]
        acts = list(arch.get("activations", []))
        if len(sizes) >= 2:
            self._n_in, self._n_out = sizes[0], sizes[-1]
        self._fill_data(data)

        self._set_rows(sizes[1:-1], acts[:-1])
        self._set_train_biases(arch.get("train_biases") or [True] * max(0, len(sizes) - 1))
        if acts:
            _select_data(self.output_activation_combo, acts[-1])
        if "init" in arch:
            _select_data(self.init_combo, arch["init"])
        self.init_seed_spin.setValue(int(arch.get("init_seed", d.get("seed", 0))))
        self._refresh_io_label()

        loss = dict(d.get("loss") or {})
        self._applied_loss = dict(loss)
        loss_name = loss.pop("name", None)
        _select_data(self.loss_combo, loss_name)
        self._set_loss_params(loss_name, loss)

        opt = dict(d.get("optimizer") or {})
        opt.pop("state", None)
        schedule = dict(opt.pop("schedule", None) or {"name": "constant"})
        schedule_name = schedule.pop("name", "constant")
        _select_data(self.schedule_combo, schedule_name)
        self._set_schedule_params(schedule_name, schedule)
        opt_name = opt.pop("name", None)
        lr = opt.pop("learning_rate", None)
        _select_data(self.optimizer_combo, opt_name)
        self._set_optimizer_params(opt_name, opt)
        if lr is not None:
            self._show_lr(float(lr))
        batch = d.get("batch_size")
        self.batch_spin.setValue(0 if batch is None else int(batch))

    def _fill_data(self, data: dict):
        name = data.get("name")
        named = name in DATASETS and "inputs" not in data
        if named:
            _select_data(self.dataset_combo, name)
            self.dataset_description.setText(tr(DATASETS[name].description))
            for key, widget in self.data_param_widgets.items():
                value = data.get(key, DATASETS[name].defaults.get(key))
                if value is not None:
                    widget.setValue(value)
        else:
            self.dataset_combo.setCurrentIndex(-1)
            self.dataset_combo.setPlaceholderText(str(name) if name else _t("custom_data"))
            rows = len(data.get("inputs") or [])
            description = data.get("description") or ""
            self.dataset_description.setText(description or tr("{rows} rows").format(rows=rows))
        self._show_data_params(name if named else None)

    def set_progress(self, epoch: int, step: int, loss: float, accuracy: float | None, steps_per_second: float):
        """Show the epoch, step, loss, accuracy and speed."""
        self.progress_label.setText(
            _t("progress", epoch=int(epoch), step=int(step), loss=format_number(loss, 5) if loss is not None else "—")
        )
        parts = []
        if accuracy is not None and math.isfinite(accuracy):
            parts.append(_t("progress_acc", acc=100.0 * accuracy))
        if steps_per_second:
            rate = f"{steps_per_second:,.0f}" if steps_per_second >= 10 else f"{steps_per_second:.1f}"
            parts.append(_t("progress_rate", rate=rate))
        self.progress_detail.setText(" · ".join(parts) or " ")

    def set_running(self, running: bool):
        """Show Run or Pause without emitting run_toggled."""
        with QSignalBlocker(self.run_button):
            self.run_button.setChecked(bool(running))
        self._refresh_run_text()

    def set_speed(self, steps_per_second: float):
        """Select the speed closest to ``steps_per_second`` without emitting."""
        target = float(steps_per_second)
        if target <= 0 or not math.isfinite(target):
            best = SPEEDS.index(0)
        else:
            best = min((i for i, s in enumerate(SPEEDS) if s > 0), key=lambda i: abs(math.log(SPEEDS[i] / target)))
        with QSignalBlocker(self.speed_combo):
            self.speed_combo.setCurrentIndex(best)

    def speed(self) -> float:
        """Steps per second, 0 for as fast as possible."""
        return float(self.speed_combo.currentData())

    def breakpoints(self) -> dict:
        """``{"epoch", "loss_below", "grad_below", "grad_above"}``, None where unchecked."""

        def value(check, spin, cast):
            return cast(spin.value()) if check.isChecked() else None

        return {
            "epoch": value(self.bp_epoch_check, self.bp_epoch_spin, int),
            "loss_below": value(self.bp_loss_check, self.bp_loss_spin, float),
            "grad_below": value(self.bp_vanish_check, self.bp_vanish_spin, float),
            "grad_above": value(self.bp_explode_check, self.bp_explode_spin, float),
        }

    def set_breakpoints(self, d: dict):
        """Show breakpoints (same keys as :meth:`breakpoints`) without emitting."""
        pairs = {
            "epoch": (self.bp_epoch_check, self.bp_epoch_spin),
            "loss_below": (self.bp_loss_check, self.bp_loss_spin),
            "grad_below": (self.bp_vanish_check, self.bp_vanish_spin),
            "grad_above": (self.bp_explode_check, self.bp_explode_spin),
        }
        for key, (check, spin) in pairs.items():
            value = d.get(key)
            with QSignalBlocker(check), QSignalBlocker(spin):
                check.setChecked(value is not None)
                spin.setEnabled(value is not None)
                if value is not None:
                    spin.setValue(value)

    def hidden_layer_rows(self) -> list[_HiddenLayerRow]:
        """The hidden-layer rows (attributes ``neurons``, ``activation``, ``remove``), first layer first."""
        return list(self._rows)

    def architecture(self) -> dict:
        """The architecture the widgets show: sizes, activations, init, init_seed, train_biases."""
        hidden = [row.neurons.value() for row in self._rows]
        acts = [row.activation.currentData() for row in self._rows]
        flags = [box.isChecked() for box in self.train_bias_boxes][: len(hidden) + 1]
        return {
            "sizes": [self._n_in, *hidden, self._n_out],
            "activations": [*acts, self.output_activation_combo.currentData()],
            "init": self.init_combo.currentData(),
            "init_seed": self.init_seed_spin.value(),
            "train_biases": flags + [True] * (len(hidden) + 1 - len(flags)),
        }

    def _set_train_biases(self, flags: list[bool]):
        """One check box per layer (1 … L), ticked where the layer trains its biases."""
        while self._bias_row.count():
            item = self._bias_row.takeAt(0)
            if item.widget() is not None:
                _discard(item.widget())
        self.train_bias_boxes = []
        for l, flag in enumerate(flags, start=1):
            box = QCheckBox(str(l), self._bias_holder)
            box.setChecked(bool(flag))
            box.setToolTip(
                self.tr("Update the biases of layer {layer}; off, they keep their values (as published)").format(
                    layer=l
                )
            )
            box.toggled.connect(self._emit_architecture)
            self._bias_row.addWidget(box)
            self.train_bias_boxes.append(box)
        self._bias_row.invalidate()

    def expand_all(self, expanded: bool = True):
        """Unfold (or fold) every section."""
        for section in self.sections.values():
            section.set_expanded(expanded)

    # -- emitting -----------------------------------------------------------------
    def _emit(self, signal, *args):
        if not self._filling:
            signal.emit(*args)

    def _on_preset_activated(self, index: int):
        name = self.preset_combo.itemData(index)
        if name:
            self._emit(self.preset_chosen, name)

    def _refresh_preset_description(self, *_):
        name = self.preset_combo.currentData()
        text = ""
        if name in PRESETS:
            preset = PRESETS[name]
            text = tr(preset.description)
            if preset.compare:  # what to compare it with, one click away in the Compare window
                pairs = "; ".join(
                    f"{tr(setting_label(s.kind, s.a))} ↔ {tr(setting_label(s.kind, s.b))}" for s in preset.compare
                )
                text += "\n" + _t("compare_hint", pairs=pairs)
        self.preset_description.setText(text)
        self.preset_description.setVisible(bool(name))

    def _on_run_toggled(self, checked: bool):
        self._refresh_run_text()
        self._emit(self.run_toggled, bool(checked))

    def _refresh_run_text(self):
        if self.run_button.isChecked():
            self.run_button.setText("❚❚  " + _mnemonic(_t("pause"), "u") + "  (Space)")
        else:
            self.run_button.setText("▶  " + _mnemonic(_t("run"), "u") + "  (Space)")

    def _emit_breakpoints(self, *_):
        self._emit(self.breakpoints_changed, self.breakpoints())

    # learning rate: the slider and the box show the same value; each blocks the other's signal
    def _on_lr_slider(self, position: int):
        lr = _lr_from_slider(position)
        with QSignalBlocker(self.lr_spin):
            self.lr_spin.setValue(lr)
        self._emit(self.learning_rate_changed, lr)

    def _on_lr_spin(self, lr: float):
        with QSignalBlocker(self.lr_slider):
            self.lr_slider.setValue(_slider_from_lr(lr))
        self._emit(self.learning_rate_changed, float(lr))

    def _show_lr(self, lr: float):
        with QSignalBlocker(self.lr_spin), QSignalBlocker(self.lr_slider):
            self.lr_spin.setValue(lr)
            self.lr_slider.setValue(_slider_from_lr(lr))

    # optimizer
    def _on_optimizer_chosen(self, _index: int):
        self._set_optimizer_params(self.optimizer_combo.currentData(), {})
        self._fix_tab_order()
        self._emit_optimizer()

    def _set_optimizer_params(self, name, params: dict):
        """The fields of optimizer ``name``, built from the parameters it declares (a new optimizer needs no code)."""
        _clear_form(self._optimizer_form)
        self.optimizer_param_widgets = {}
        cls = OPTIMIZERS.get(name)
        for spec in cls.PARAMS if cls else ():
            value = params.get(spec.name, spec.default)
            if spec.is_bool:  # an on/off parameter (Nesterov)
                widget = QCheckBox(tr(spec.label))
                widget.setChecked(bool(value))
                widget.toggled.connect(self._on_optimizer_param)
                self._optimizer_form.addRow(widget)
            else:
                lo, hi = spec.minimum, spec.maximum
                log = lo > 0 and hi / lo >= 1e3
                widget = FloatSpinBox(lo, hi, float(value), log_steps=log, step=0.01)
                widget.valueChanged.connect(self._on_optimizer_param)
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                widget.installEventFilter(self._wheel_guard)
                self._optimizer_form.addRow(tr(spec.label), widget)
            widget.setToolTip(tr(spec.label))
            self.optimizer_param_widgets[spec.name] = widget
        self._show_optimizer_formula()

    def _optimizer_params(self) -> dict:
        return {
            k: w.isChecked() if isinstance(w, QCheckBox) else float(w.value())
            for k, w in self.optimizer_param_widgets.items()
        }

    def _show_optimizer_formula(self):
        """The chosen optimizer's update rule (a variant's own: Nesterov's when its box is ticked)."""
        name = self.optimizer_combo.currentData()
        cls = OPTIMIZERS.get(name)
        try:
            formula = make_optimizer(name, **self._optimizer_params()).formula if cls else ""
        except ValueError:
            formula = cls.formula
        self.optimizer_formula.setText(tr(formula))

    def _on_optimizer_param(self, *_):
        self._show_optimizer_formula()
        self._emit_optimizer()

    def _emit_optimizer(self, *_):
        name = self.optimizer_combo.currentData()
        if name is None:
            return
        d = {"name": name, "learning_rate": float(self.lr_spin.value())}
        d.update(self._optimizer_params())
        self._emit(self.optimizer_changed, d)

    # learning-rate schedule
    def _on_schedule_chosen(self, _index: int):
        self._set_schedule_params(self.schedule_combo.currentData(), {})
        self._fix_tab_order()
        self._emit_schedule()

    def _set_schedule_params(self, name, params: dict):
        """The fields of schedule ``name``, built from the parameters it declares."""
        _clear_form(self._schedule_form)
        self.schedule_param_widgets = {}
        cls = SCHEDULES.get(name) or SCHEDULES["constant"]
        for pname, default, lo, hi, integer in cls.PARAMS:
            value = params.get(pname, default)
            if integer:
                widget = QSpinBox()
                widget.setRange(int(lo), int(min(hi, 2**31 - 1)))
                widget.setValue(int(value))
                widget.setKeyboardTracking(False)
                widget.setAccelerated(True)
            else:
                widget = FloatSpinBox(lo, hi, float(value), step=0.001 if default > 0.9 else 0.05)
            widget.valueChanged.connect(self._emit_schedule)
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(self._wheel_guard)
            label = tr(cls.param_labels.get(pname, pname))
            widget.setToolTip(label)
            widget.setAccessibleName(label)
            self._schedule_form.addRow(label, widget)
            self.schedule_param_widgets[pname] = widget
        self.schedule_formula.setText(tr(cls.formula))
        self.lr_now_label.setVisible(cls.varies)

    def schedule(self) -> dict:
        """The chosen schedule as the session file writes it: ``{"name": "step", "every": 1000, "factor": 0.5}``."""
        d = {"name": self.schedule_combo.currentData()}
        for k, w in self.schedule_param_widgets.items():
            d[k] = int(w.value()) if isinstance(w, QSpinBox) else float(w.value())
        return d

    def _emit_schedule(self, *_):
        if self.schedule_combo.currentData() is not None:
            self._emit(self.schedule_changed, self.schedule())

    def set_learning_rate_now(self, lr: float, step: int):
        """Show the γ that the next step uses (after the schedule)."""
        if math.isfinite(lr):
            self.lr_now_label.setText(_t("lr_now", lr=format_number(lr, 4), step=int(step)))

    # data
    def _on_dataset_chosen(self, _index: int):
        name = self.dataset_combo.currentData()
        if name is None:
            return
        spec = DATASETS[name]
        self.dataset_description.setText(tr(spec.description))
        for key, value in spec.defaults.items():
            with QSignalBlocker(self.data_param_widgets[key]):
                self.data_param_widgets[key].setValue(value)
        self._show_data_params(name)
        self._data_timer.stop()
        self._emit_data()

    def _show_data_params(self, name):
        defaults = DATASETS[name].defaults if name in DATASETS else {}
        for key, widget in self.data_param_widgets.items():
            visible = key in defaults or (key == "seed" and bool(defaults))
            self.data_form.setRowVisible(widget, visible)

    def _on_data_param(self, *_):
        if not self._filling:
            self._data_timer.start()

    def _emit_data(self):
        name = self.dataset_combo.currentData()
        if name is None:
            return
        d = {"name": name, "seed": self.data_param_widgets["seed"].value()}
        for key in DATASETS[name].defaults:
            d[key] = self.data_param_widgets[key].value()
        self._emit(self.rebuild_requested, {"data": d})

    def _on_load_csv(self):
        path, _filter = QFileDialog.getOpenFileName(self, _t("csv_title"), "", _t("csv_filter"))
        if path:
            self._emit(self.csv_chosen, path)

    # network
    def _set_rows(self, hidden: list[int], activations: list[str]):
        for row in self._rows:
            self._rows_box.removeWidget(row)
            _discard(row)
        self._rows = []
        for i, (n, act) in enumerate(zip(hidden, activations)):
            row = _HiddenLayerRow(i, n, act, self.content)
            self._guard_inputs(row)
            row.neurons.valueChanged.connect(self._on_neurons_changed)
            row.activation.currentIndexChanged.connect(self._emit_architecture)
            row.remove.clicked.connect(lambda _checked=False, i=i: self._on_remove_layer(i))
            self._rows_box.addWidget(row)
            self._rows.append(row)
        self.add_layer_button.setEnabled(len(self._rows) < MAX_HIDDEN_LAYERS)
        self.no_hidden_label.setVisible(not self._rows)

    def _on_neurons_changed(self, *_):
        if not self._filling:
            self._arch_timer.start()

    def _on_add_layer(self):
        arch = self.architecture()
        if len(self._rows) >= MAX_HIDDEN_LAYERS:
            return
        hidden, acts = arch["sizes"][1:-1], arch["activations"][:-1]
        hidden.append(hidden[-1] if hidden else 4)
        acts.append(acts[-1] if acts else "tanh")
        self._set_rows(hidden, acts)
        self._set_train_biases([*arch["train_biases"][:-1], True, arch["train_biases"][-1]])
        self._fix_tab_order()
        self._rows[-1].neurons.setFocus()
        self._emit_architecture()

    def _on_remove_layer(self, index: int):
        arch = self.architecture()
        hidden, acts = arch["sizes"][1:-1], arch["activations"][:-1]
        del hidden[index], acts[index]
        self._set_rows(hidden, acts)
        self._set_train_biases([f for i, f in enumerate(arch["train_biases"]) if i != index])
        self._fix_tab_order()
        (self._rows[min(index, len(self._rows) - 1)].remove if self._rows else self.add_layer_button).setFocus()
        self._emit_architecture()

    def _on_output_activation(self, *_):
        self._refresh_loss_view()
        self._emit_architecture()

    def _emit_architecture(self, *_):
        self._arch_timer.stop()
        if self._filling:
            return
        request = {"architecture": self.architecture()}
        # A new output layer may need the loss chosen (but not yet applied) in the loss section.
        loss = self._chosen_loss()
        if loss is not None and loss.to_dict() != self._applied_loss and self._loss_problem(loss) is None:
            request["loss"] = loss.to_dict()
        self._emit(self.rebuild_requested, request)

    def _refresh_io_label(self):
        self.io_label.setText(_t("io_sizes", n_in=self._n_in, n_out=self._n_out))

    # loss
    def _on_loss_chosen(self, _index: int):
        self._set_loss_params(self.loss_combo.currentData(), {})
        self._fix_tab_order()
        self._emit_loss()

    def _set_loss_params(self, name, params: dict):
        """Rebuild the parameter widgets of loss ``name`` showing ``params`` (defaults elsewhere)."""
        _clear_form(self.loss_params_form)
        self.loss_param_widgets = {}
        self.loss_param_none_boxes = {}
        cls = LOSSES.get(name)
        for spec in cls.PARAMS if cls else ():
            value = params.get(spec.name, spec.default)
            label = tr(spec.label)
            short = re.split(r" \(|（", label)[0]
            if spec.choices and isinstance(spec.default, bool):
                widget = QCheckBox(short)
                widget.setChecked(bool(value))
                widget.toggled.connect(self._on_loss_param)
                self.loss_params_form.addRow(widget)
            elif spec.choices:
                widget = QComboBox()
                for choice in spec.choices:
                    widget.addItem(tr(CHOICE_NAMES.get(choice, str(choice))), choice)
                _select_data(widget, value)
                widget.currentIndexChanged.connect(self._on_loss_param)
                self.loss_params_form.addRow(short, widget)
            else:
                lo = -1e9 if spec.minimum is None else spec.minimum
                hi = 1e9 if spec.maximum is None else spec.maximum
                log = lo > 0 and hi / lo >= 1e3
                step = 0.05 if hi - lo <= 1 else 0.1
                if value is not None:
                    shown = value
                elif spec.default is not None:
                    shown = spec.default
                else:  # an optional parameter that is off: start from the middle of its range
                    shown = (lo + hi) / 2 if spec.minimum is not None and spec.maximum is not None else 0.0
                widget = FloatSpinBox(lo, hi, shown, log_steps=log, step=step)
                widget.valueChanged.connect(self._on_loss_param)
                if spec.default is None:
                    off = QCheckBox(_t("param_off", short))
                    off.setChecked(value is None)
                    widget.setEnabled(value is not None)
                    off.setToolTip(label)
                    off.toggled.connect(self._on_loss_param)
                    self.loss_param_none_boxes[spec.name] = off
                    row = QHBoxLayout()
                    row.addWidget(widget, 1)
                    row.addWidget(off)
                    caption = QLabel(short)
                    caption.setBuddy(widget)  # a screen reader names the box by its label (a row has no buddy)
                    self.loss_params_form.addRow(caption, row)
                else:
                    self.loss_params_form.addRow(short, widget)
            widget.setToolTip(label)
            self.loss_param_widgets[spec.name] = widget
        for widget in self.loss_param_widgets.values():
            if isinstance(widget, (QAbstractSpinBox, QComboBox)):
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                widget.installEventFilter(self._wheel_guard)
        self._refresh_loss_view()

    def _loss_params(self) -> dict:
        params = {}
        for name, widget in self.loss_param_widgets.items():
            if isinstance(widget, QCheckBox):
                params[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                params[name] = widget.currentData()
            else:
                off = self.loss_param_none_boxes.get(name)
                params[name] = None if (off is not None and off.isChecked()) else float(widget.value())
        return params

    def _chosen_loss(self):
        name = self.loss_combo.currentData()
        if name is None:
            return None
        try:
            return make_loss(name, **self._loss_params())
        except ValueError:
            return None

    def _loss_problem(self, loss) -> str | None:
        if loss is None:
            return _t("loss_unknown", self.loss_combo.currentData())
        return loss.check_output(self.output_activation_combo.currentData(), self._n_out)

    def _refresh_loss_view(self):
        """Show the chosen loss's formula and whether it fits the output layer; grey out misfits."""
        loss = self._chosen_loss()
        self.loss_formula.setText(tr(loss.formula) if loss is not None else "")
        self.loss_combo.setToolTip(self.loss_combo.currentData(Qt.ItemDataRole.ToolTipRole) or "")
        problem = self._loss_problem(loss) if self.loss_combo.currentIndex() >= 0 else None
        if problem:
            _colour(self.loss_message, ERROR_COLOUR, bold=True)
            applied = loss is not None and loss.to_dict() == self._applied_loss
            self.loss_message.setText(problem if applied else _t("loss_bad", problem))
        else:
            _colour(self.loss_message, NOTE_COLOUR)
            fused = loss.fused_formula(self.output_activation_combo.currentData()) if loss is not None else None
            self.loss_message.setText(fused or "")
        self.loss_message.setVisible(bool(self.loss_message.text()))
        out_act = self.output_activation_combo.currentData()
        for i in range(self.loss_combo.count()):
            fits = LOSSES[self.loss_combo.itemData(i)]().check_output(out_act, self._n_out) is None
            self.loss_combo.setItemData(
                i, None if fits else QColor(style.theme().disabled), Qt.ItemDataRole.ForegroundRole
            )
        return problem

    def _on_loss_param(self, *_):
        for name, off in self.loss_param_none_boxes.items():
            self.loss_param_widgets[name].setEnabled(not off.isChecked())
        self._emit_loss()

    def _emit_loss(self):
        problem = self._refresh_loss_view()
        loss = self._chosen_loss()
        if problem or loss is None or self._filling:
            return
        self._applied_loss = loss.to_dict()
        self._emit(self.loss_changed, loss.to_dict())

    # -- keyboard -------------------------------------------------------------------
    def _fix_tab_order(self):
        """Tab through the widgets in the order they appear, including rows added later."""
        chain = []

        def walk(layout):
            for i in range(layout.count()):
                item = layout.itemAt(i)
                w = item.widget()
                if w is not None:
                    if w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                        chain.append(w)
                    if w.layout() is not None:
                        walk(w.layout())
                elif item.layout() is not None:
                    walk(item.layout())

        walk(self._layout)
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def focus_chain(self) -> list[QWidget]:
        """The panel's focusable widgets in Tab order."""
        chain, w = [], self.content.nextInFocusChain()
        for _ in range(10_000):  # the chain is a ring; stop where it leaves the panel for good
            if w is None or w is self.content:
                break
            if self.content.isAncestorOf(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                chain.append(w)
            w = w.nextInFocusChain()
        return chain
