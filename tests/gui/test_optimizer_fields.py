"""The control panel's optimizer fields come from each optimizer's declared parameters (RMSprop, Nesterov)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from gui.controls import ControlPanel
from model import Session
from model.optimizers import OPTIMIZERS


@pytest.fixture
def panel(qtbot):
    p = ControlPanel()
    qtbot.addWidget(p)
    p.set_session(Session.from_preset("xor-lecture").to_dict(with_history=False))
    p.resize(330, 900)
    p.show()
    return p


def choose(combo, data):
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_every_registered_optimizer_is_offered_with_its_parameters(qtbot, panel):
    offered = [panel.optimizer_combo.itemData(k) for k in range(panel.optimizer_combo.count())]
    assert offered == list(OPTIMIZERS) and "rmsprop" in offered
    for name, cls in OPTIMIZERS.items():
        choose(panel.optimizer_combo, name)
        assert list(panel.optimizer_param_widgets) == [spec.name for spec in cls.PARAMS]


def test_rmsprop_fields_emit_torchs_spelling(qtbot, panel):
    with qtbot.waitSignal(panel.optimizer_changed) as blocker:
        choose(panel.optimizer_combo, "rmsprop")
    assert blocker.args == [{"name": "rmsprop", "learning_rate": 0.1, "alpha": 0.99, "eps": 1e-8}]
    assert "√v" in panel.optimizer_formula.text()


def test_the_nesterov_box_turns_momentum_into_nesterov(qtbot, panel):
    choose(panel.optimizer_combo, "momentum")
    box = panel.optimizer_param_widgets["nesterov"]
    assert isinstance(box, QCheckBox) and not box.isChecked()
    qtbot.waitUntil(box.isVisible)  # (a new field is shown once the event loop runs)
    plain = panel.optimizer_formula.text()
    with qtbot.waitSignal(panel.optimizer_changed) as blocker:
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)  # a user ticking the box from the keyboard
    assert blocker.args[0]["nesterov"] is True and blocker.args[0]["name"] == "momentum"
    assert panel.optimizer_formula.text() != plain and "μ·v)" in panel.optimizer_formula.text()


def test_a_session_with_nesterov_shows_the_box_ticked(qtbot, panel):
    d = Session.from_preset(
        "xor-lecture", optimizer={"name": "momentum", "learning_rate": 0.05, "nesterov": True}
    ).to_dict(with_history=False)
    panel.set_session(d)
    assert panel.optimizer_combo.currentData() == "momentum"
    assert panel.optimizer_param_widgets["nesterov"].isChecked()
