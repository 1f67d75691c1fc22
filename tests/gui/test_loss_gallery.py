"""The loss gallery: every registered loss listed, curves drawn by the model's own losses, live parameters."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.loss_gallery import ERRORS, PROBABILITIES, LossGallery
from model.losses import LOSSES, make_loss

REGRESSION = ("mse", "mae", "huber", "log_cosh", "quantile", "rmse")
CLASSIFICATION = ("bce", "cross_entropy", "kl_div", "label_smoothing_ce", "focal", "hinge")


@pytest.fixture
def gallery(qtbot):
    dialog = LossGallery()
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dialog.close()


def _table_names(dialog):
    return [dialog.table.item(r, 0).data(Qt.UserRole) for r in range(dialog.table.rowCount())]


def _y_at(curve, x):
    xs, ys = curve.getData()
    i = int(np.argmin(np.abs(xs - x)))
    assert xs[i] == pytest.approx(x)
    return float(ys[i])


def test_the_table_lists_every_loss_with_its_registry_texts(gallery):
    assert _table_names(gallery) == list(LOSSES)
    for row, (name, cls) in enumerate(LOSSES.items()):
        texts = [gallery.table.item(row, c).text() for c in range(gallery.table.columnCount())]
        assert texts[0] == cls.label
        assert texts[1] == cls.label_zh
        assert texts[3] == cls.note
        assert texts[4] == cls().formula and texts[5] == cls().gradient_formula
        assert ("metric" in texts[2]) == (not cls.training), name
        assert cls.kind in texts[2]


def test_both_plots_draw_the_lectures_losses(gallery):
    for name in REGRESSION:
        xs, ys = gallery.curves[name].getData()
        assert np.array_equal(xs, ERRORS) and np.isfinite(ys).all(), name
        assert gallery.curves[name].getViewBox() is gallery.regression_plot.getPlotItem().vb
    for name in CLASSIFICATION:
        xs, ys = gallery.curves[name].getData()
        assert np.array_equal(xs, PROBABILITIES) and np.isfinite(ys).all(), name
        assert gallery.curves[name].getViewBox() is gallery.classification_plot.getPlotItem().vb


def test_the_mse_curve_is_the_models_own_value(gallery):
    assert _y_at(gallery.curves["mse"], 2.0) == make_loss("mse").value([0], [-2]) == 4.0
    assert _y_at(gallery.curves["quantile"], 2.0) == pytest.approx(1.4)  # q = 0.7: under-prediction costs 0.7
    assert _y_at(gallery.curves["quantile"], -2.0) == pytest.approx(0.6)
    # BCE at p = 0.9 is −ln 0.9, the lecture's first worked row.
    assert _y_at(gallery.curves["bce"], 0.9) == pytest.approx(-np.log(0.9))
    assert _y_at(gallery.curves["hinge"], 0.5) == pytest.approx(1.0)  # score 0: margin 1 short
    # Softmax losses: one two-class row whose true class (the first) gets p.
    assert _y_at(gallery.curves["cross_entropy"], 0.9) == pytest.approx(-np.log(0.9))
    assert _y_at(gallery.curves["label_smoothing_ce"], 0.9) == pytest.approx(
        make_loss("label_smoothing_ce", epsilon=0.1).value([[1, 0]], [[0.9, 0.1]])
    )


def test_the_gradient_toggle_shows_maes_constant_gradient(qtbot, gallery):
    _, loss_y = gallery.curves["mae"].getData()
    assert loss_y.max() == pytest.approx(4.0)
    qtbot.mouseClick(gallery.gradient_check, Qt.LeftButton)
    assert gallery.gradient_check.isChecked()
    xs, g = gallery.curves["mae"].getData()
    off_zero = xs != 0.0
    assert np.all(np.abs(g[off_zero]) == 1.0)
    assert np.all(g[xs > 0] == -1.0)  # ∂L/∂ŷ = sign(ŷ − y) = −sign(e)
    assert _y_at(gallery.curves["mse"], 2.0) == pytest.approx(-4.0)  # 2(ŷ − y) grows with the error
    qtbot.mouseClick(gallery.gradient_check, Qt.LeftButton)
    assert _y_at(gallery.curves["mae"], 3.0) == pytest.approx(3.0)


def test_changing_huber_delta_redraws_its_curve_only(qtbot, gallery):
    before = gallery.curves["huber"].getData()[1].copy()
    mse_before = gallery.curves["mse"].getData()[1].copy()
    gallery.delta_spin.setValue(0.3)
    after = gallery.curves["huber"].getData()[1]
    assert not np.allclose(before, after)
    assert _y_at(gallery.curves["huber"], 2.0) == pytest.approx(make_loss("huber", delta=0.3).value([0], [-2]))
    assert np.array_equal(gallery.curves["mse"].getData()[1], mse_before)
    assert "0.3" in gallery.regression_legend.entries["huber"].text()


def test_focal_gamma_and_smoothing_epsilon_redraw_live(gallery):
    gallery.set_parameter("gamma", 0.0)  # γ = 0 is binary cross-entropy
    np.testing.assert_allclose(gallery.curves["focal"].getData()[1], gallery.curves["bce"].getData()[1])
    gallery.set_parameter("epsilon", 0.0)  # no smoothing: plain cross-entropy
    np.testing.assert_allclose(
        gallery.curves["label_smoothing_ce"].getData()[1], gallery.curves["cross_entropy"].getData()[1]
    )


def test_selecting_a_row_emphasises_that_curve(qtbot, gallery):
    row = _table_names(gallery).index("huber")
    rect = gallery.table.visualRect(gallery.table.model().index(row, 0))
    qtbot.mouseClick(gallery.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert gallery.selected_loss() == "huber"
    widths = {name: curve.opts["pen"].widthF() for name, curve in gallery.curves.items()}
    assert widths["huber"] > 2 * widths["mse"]
    assert all(w == widths["mse"] for n, w in widths.items() if n != "huber")
    assert "Huber" in gallery.detail_label.text()

    with qtbot.waitSignal(gallery.loss_selected) as blocker:
        gallery.select_loss("mbe")  # a metric: nothing drawn, nothing emphasised
    assert blocker.args == ["mbe"]
    assert len({curve.opts["pen"].widthF() for curve in gallery.curves.values()}) == 1


def test_clicking_a_legend_entry_selects_its_loss(qtbot, gallery):
    entry = gallery.classification_legend.entries["focal"]
    qtbot.mouseClick(entry, Qt.LeftButton)
    assert gallery.selected_loss() == "focal"
    assert entry.emphasised
    assert gallery.curves["focal"].opts["pen"].widthF() > gallery.curves["bce"].opts["pen"].widthF()
    qtbot.mouseClick(entry, Qt.LeftButton)  # clicking it again keeps it selected
    assert entry.emphasised and gallery.selected_loss() == "focal"
    qtbot.mouseClick(gallery.classification_legend.entries["hinge"], Qt.LeftButton)
    assert not entry.emphasised and gallery.selected_loss() == "hinge"


def test_log_scale_is_off_by_default_and_toggles(qtbot, gallery):
    pi = gallery.classification_plot.getPlotItem()
    assert not gallery.log_check.isChecked()
    assert pi.vb.viewRange()[1][1] == pytest.approx(5.0)
    qtbot.mouseClick(gallery.log_check, Qt.LeftButton)
    # the curve is now drawn at log10 L: −ln 0.1 = 2.303 sits at 0.362
    assert _y_at(gallery.curves["bce"], 0.1) == pytest.approx(np.log10(-np.log(0.1)))
    assert pi.vb.viewRange()[1] == pytest.approx([-3.0, 1.0])


def test_an_unknown_loss_name_is_refused_with_a_sentence(gallery):
    with pytest.raises(ValueError, match="unknown loss"):
        gallery.select_loss("no-such-loss")


def test_the_dialog_fits_a_small_projector_and_closes_cleanly(qtbot):
    dialog = LossGallery()
    qtbot.addWidget(dialog)
    dialog.show()
    hint = dialog.minimumSizeHint()  # fits a 1024 × 768 projector
    assert hint.width() <= 1024 and hint.height() <= 700
    dialog.close()
    assert not dialog.isVisible()


def test_right_click_offers_show_everything_and_no_pyqtgraph_export(gallery):
    """pyqtgraph's English ViewBox menu and its Export dialog (with a failing "Matplotlib Window") are gone."""
    for plot in (gallery.regression_plot, gallery.classification_plot):
        vb = plot.getPlotItem().getViewBox()
        assert [a.text() for a in vb.menu.actions()] == ["Show everything"]
        assert not [a for a in plot.scene().contextMenu if "Export" in a.text()]
    pi = gallery.regression_plot.getPlotItem()
    home = pi.viewRange()
    pi.getViewBox().translateBy(x=3.0, y=2.0)  # the user dragged the plot away
    assert pi.viewRange() != home
    gallery.regression_plot.getPlotItem().getViewBox().menu.actions()[0].trigger()
    assert np.allclose(pi.viewRange(), home)
