"""The loss calculator: the lecture's two examples typed in; each L and ∂L/∂ŷ as model/loss_calculator gives it."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.loss_calculator_panel import CALCULATED_LOSSES, EXAMPLES, LossCalculatorPanel, format_gradient
from gui.loss_gallery import LossGallery
from model.loss_calculator import applicable_losses, evaluate, parse_loss, parse_values, spec_of


@pytest.fixture
def panel(qtbot):
    p = LossCalculatorPanel()
    qtbot.addWidget(p)
    p.resize(900, 600)
    p.show()
    return p


def retype(qtbot, edit, text):
    """Select the field's text and type over it, as a user does."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def shown(panel):
    """{loss: (L as shown, ∂L/∂ŷ as shown)} for the rows that show a value."""
    return {n: (float(panel.value_text(n)), panel.gradient_text(n)) for n in CALCULATED_LOSSES if n in panel.results}


def test_opens_on_the_lectures_regression_example_with_its_numbers(panel):
    assert panel.y_true_edit.text() == "[3, 5, 7]" and panel.y_pred_edit.text() == "[2.5, 5, 8]"
    assert panel.regression_button.isChecked()
    values = {n: v for n, (v, _) in shown(panel).items()}
    # the lecture: MSE 0.4167, MAE 0.5, Huber 0.2083, Log-Cosh 0.1846, Quantile(0.7) 0.2167
    assert values["mse"] == pytest.approx(0.4167, abs=5e-5)
    assert values["mae"] == 0.5
    assert values["huber"] == pytest.approx(0.2083, abs=5e-5)
    assert values["log_cosh"] == pytest.approx(0.1846, abs=5e-5)
    assert values["quantile"] == pytest.approx(0.2167, abs=5e-5)
    assert panel.param_editors["quantile"].values() == {"quantile": 0.7}


def test_every_shown_value_is_the_models_own_for_both_examples(qtbot, panel):
    for key in ("regression", "classification"):
        if key == "classification":
            qtbot.mouseClick(panel.classification_button, Qt.MouseButton.LeftButton)
        y, p = (parse_values(t) for t in EXAMPLES[key])
        expected = {}
        for loss in applicable_losses(y, p):
            loss = panel.loss(loss.name)  # with the row's parameters (the lecture's q = 0.7)
            expected[loss.name] = evaluate(loss, y, p)
        got = shown(panel)
        assert set(got) == set(expected), key
        for name, r in expected.items():
            assert got[name][0] == r.value, name  # full precision: repr round-trips
            assert got[name][1].replace("\n", "") == format_gradient(r.gradient), name


def test_the_classification_example_matches_the_lecture(qtbot, panel):
    qtbot.mouseClick(panel.classification_button, Qt.MouseButton.LeftButton)
    assert panel.y_true_edit.text() == "[[1, 0], [0, 1], [1, 0]]"
    values = {n: v for n, (v, _) in shown(panel).items()}
    # the lecture: BCE 0.2798, CE 0.2798, label-smoothing CE 0.3463, focal 0.0306, KL 0.2798
    for name, lecture in (
        ("bce", 0.2798),
        ("cross_entropy", 0.2798),
        ("label_smoothing_ce", 0.3463),
        ("focal", 0.0306),
        ("kl_div", 0.2798),
    ):
        assert values[name] == pytest.approx(lecture, abs=5e-5), name
    assert panel.gradient_text("cross_entropy") == "[[-0.3704, 0],\n [0, -0.4167],\n [-0.5556, 0]]"
    # the regression losses say in one line why they are not listed
    assert "regression loss" in panel.value_text("mse")
    assert "mse" not in panel.results


def test_typing_new_values_recomputes_live(qtbot, panel):
    retype(qtbot, panel.y_pred_edit, "3, 5, 9")
    assert float(panel.value_text("mse")) == pytest.approx(4 / 3)
    assert float(panel.value_text("mae")) == pytest.approx(2 / 3)
    assert panel.gradient_text("mse") == "[0, 0, 1.333]"


def test_bad_input_is_one_line_and_the_previous_results_stay(qtbot, panel):
    before = panel.value_text("mse")
    retype(qtbot, panel.y_pred_edit, "2.5, x, 8")
    message = panel.message_label.text()
    assert "'x' is not a number" in message and "\n" not in message
    assert panel.value_text("mse") == before
    retype(qtbot, panel.y_pred_edit, "2.5, 5")  # a shape that does not match
    assert "3 values" in panel.message_label.text() and "2 values" in panel.message_label.text()
    assert panel.value_text("mse") == before
    retype(qtbot, panel.y_pred_edit, "2.5, 5, 8")
    assert panel.message_label.text().strip() == ""


def test_a_parameter_typed_in_changes_its_loss_only(qtbot, panel):
    mse = panel.value_text("mse")
    spin = panel.param_editors["huber"].widgets["delta"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "0.5")
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    y, p = (parse_values(t) for t in EXAMPLES["regression"])
    assert float(panel.value_text("huber")) == evaluate(parse_loss("huber:delta=0.5"), y, p).value
    assert spec_of(panel.results["huber"].loss) == "huber:delta=0.5"
    assert panel.value_text("mse") == mse


def test_focal_alpha_can_be_switched_on(qtbot, panel):
    qtbot.mouseClick(panel.classification_button, Qt.MouseButton.LeftButton)
    assert panel.param_editors["focal"].values()["alpha"] is None
    panel.param_editors["focal"].widgets["alpha"].setValue(0.25)
    y, p = (parse_values(t) for t in EXAMPLES["classification"])
    assert float(panel.value_text("focal")) == evaluate(parse_loss("focal:alpha=0.25"), y, p).value


def test_the_gallery_shows_the_calculator_beside_its_curves(qtbot):
    gallery = LossGallery()
    qtbot.addWidget(gallery)
    gallery.show()
    gallery.show_calculator("classification")
    assert gallery.tabs.currentWidget() is gallery.calculator and gallery.calculator.isVisible()
    assert np.isclose(float(gallery.calculator.value_text("bce")), 0.2797765635793423)
    gallery.close()


def test_every_control_of_the_calculator_has_a_name_in_both_examples(qtbot, panel):
    from gui.accessibility import unnamed_controls

    assert not unnamed_controls(panel, visible_only=False)
    qtbot.mouseClick(panel.classification_button, Qt.MouseButton.LeftButton)
    assert not unnamed_controls(panel, visible_only=False)


def test_help_menu_opens_the_calculator(qtbot):
    os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")
    from gui.main_window import MainWindow
    from model import Session

    win = MainWindow(session=Session.from_preset("xor-lecture"))
    qtbot.addWidget(win)
    win.show()
    win.act_loss_calculator.trigger()
    qtbot.waitUntil(lambda: win.loss_gallery.isVisible(), timeout=10_000)
    assert win.loss_gallery.tabs.currentWidget() is win.loss_gallery.calculator
    assert win.loss_gallery.calculator.value_text("mae") == "0.5"
    win.loss_gallery.close()
    win.close()


def test_in_chinese_the_losses_and_the_reasons_speak_the_lectures_terms(qtbot, chinese):
    p = LossCalculatorPanel()
    qtbot.addWidget(p)
    items = [p.table.item(r, 0) for r in range(p.table.rowCount())]
    rows = {item.data(Qt.ItemDataRole.UserRole): item.text() for item in items}
    assert rows["mse"] == "均方误差" and rows["bce"] == "二元交叉熵"
    assert p.value_text("bce").startswith("二元交叉熵") and "真实值" in p.value_text("bce")
    assert float(p.value_text("mse")) == pytest.approx(0.4167, abs=5e-5)  # the numbers are the same
    retype(qtbot, p.y_pred_edit, "2.5, x, 8")
    assert "不是" in p.message_label.text() and "上一次有效的输入" in p.message_label.text()
