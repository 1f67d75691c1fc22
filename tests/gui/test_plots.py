"""LossPlot, OutputView and GradientPlot driven the way the window and a user drive them."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from gui.plots import GradientPlot, LossPlot, OutputView
from model import Session
from model.snapshot import decision_surface

EMPTY = np.empty(0)


@pytest.fixture
def loss_plot(qtbot):
    w = LossPlot()
    qtbot.addWidget(w)
    w.resize(600, 400)
    w.show()
    qtbot.waitExposed(w)
    return w


def _data(curve):
    x, y = curve.getData()
    return (np.empty(0), np.empty(0)) if x is None else (x, y)


def _chunks(values, sizes):
    start = 0
    for n in sizes:
        yield start, values[start : start + n]
        start += n


# LossPlot -----------------------------------------------------------------------------------
def test_every_appended_step_reaches_the_curve_in_order(loss_plot):
    report = np.linspace(1.0, 0.1, 257)
    for first, chunk in _chunks(report, [1, 100, 56, 100]):
        loss_plot.append(first, chunk, chunk / 2, 0, EMPTY, EMPTY)
    assert _data(loss_plot.report_curve)[0].size == 0  # append alone draws nothing
    loss_plot.refresh()
    x, y = _data(loss_plot.report_curve)
    assert x.dtype == np.float64
    np.testing.assert_array_equal(x, np.arange(257.0))
    np.testing.assert_array_equal(y, report)


def test_refresh_hands_data_to_the_curve_only_when_something_arrived(loss_plot, monkeypatch):
    calls = []
    original = loss_plot.report_curve.setData
    monkeypatch.setattr(loss_plot.report_curve, "setData", lambda *a, **k: (calls.append(1), original(*a, **k)))
    loss_plot.append(0, np.ones(5), np.ones(5), 0, EMPTY, EMPTY)
    loss_plot.refresh()
    loss_plot.refresh()
    loss_plot.refresh()
    assert len(calls) == 1
    loss_plot.append(5, np.ones(3), np.ones(3), 0, EMPTY, EMPTY)
    loss_plot.refresh()
    assert len(calls) == 2


def test_per_epoch_toggle_switches_to_the_epoch_means(qtbot, loss_plot):
    steps = np.linspace(1.0, 0.5, 40)
    epochs = np.array([0.9, 0.7, 0.6, 0.55])
    loss_plot.append(0, steps, steps, 0, epochs, EMPTY)
    loss_plot.refresh()
    loss_plot.epoch_box.setFocus()
    qtbot.keyClick(loss_plot.epoch_box, QtCore.Qt.Key_Space)  # keyboard reachable
    assert loss_plot.per_epoch
    x, y = _data(loss_plot.report_curve)
    np.testing.assert_array_equal(x, [0.0, 1.0, 2.0, 3.0])
    np.testing.assert_array_equal(y, epochs)
    assert "epoch" in loss_plot.plot.getPlotItem().getAxis("bottom").labelText
    qtbot.mouseClick(loss_plot.epoch_box, QtCore.Qt.LeftButton)
    assert _data(loss_plot.report_curve)[0].size == 40


def test_log_scale_draws_only_positive_losses_and_survives_nan_and_inf(qtbot, loss_plot, recwarn):
    values = np.array([1.0, 0.0, -1.0, np.nan, np.inf, 1e-3, 1e300, 0.5])
    loss_plot.append(0, values, values * 0.5, 0, values[:2], np.array([0.5, np.nan]))
    loss_plot.refresh()
    qtbot.mouseClick(loss_plot.log_box, QtCore.Qt.LeftButton)
    assert loss_plot.log_box.isChecked()
    loss_plot.set_marker(3)  # on the NaN
    loss_plot.grab()  # paints with the non-finite values in view
    assert _data(loss_plot.step_marker.dot)[0].size == 0
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
    x, y = _data(loss_plot.report_curve)
    drawn = x[np.isfinite(y)]
    np.testing.assert_array_equal(drawn, [0.0, 5.0, 6.0, 7.0])
    np.testing.assert_allclose(y[np.isfinite(y)], np.log10([1.0, 1e-3, 1e300, 0.5]))


def test_truncate_forgets_later_steps_and_history_continues(loss_plot):
    loss_plot.append(0, np.arange(300.0), np.arange(300.0), 0, np.arange(3.0), EMPTY)  # 100 steps per epoch
    loss_plot.truncate(150)
    loss_plot.refresh()
    x, _ = _data(loss_plot.report_curve)
    assert x[-1] == 149.0 and x.size == 150
    loss_plot.append(150, np.full(10, -1.0), np.full(10, -1.0), 1, np.array([7.0]), EMPTY)
    loss_plot.refresh()
    x, y = _data(loss_plot.report_curve)
    np.testing.assert_array_equal(x, np.arange(160.0))
    assert np.all(y[150:] == -1.0)
    loss_plot.epoch_box.setChecked(True)
    np.testing.assert_array_equal(_data(loss_plot.report_curve)[1], [0.0, 7.0])


def test_a_snapshot_that_restarts_earlier_replaces_the_overlap(loss_plot):
    loss_plot.append(0, np.ones(20), np.ones(20), 0, EMPTY, EMPTY)
    loss_plot.append(10, np.zeros(5), np.zeros(5), 0, EMPTY, EMPTY)
    loss_plot.refresh()
    x, y = _data(loss_plot.report_curve)
    np.testing.assert_array_equal(x, np.arange(15.0))
    np.testing.assert_array_equal(y, [1.0] * 10 + [0.0] * 5)


def test_clicking_the_plot_emits_the_nearest_recorded_step(qtbot, loss_plot):
    y = np.linspace(1.0, 0.0, 100)
    loss_plot.append(0, y, y, 0, EMPTY, EMPTY)
    loss_plot.refresh()
    vb = loss_plot.plot.getPlotItem().vb
    vb.setRange(xRange=(0, 99), yRange=(0, 1), padding=0)
    scene_pos = vb.mapViewToScene(QtCore.QPointF(40.2, 0.5))
    pos = loss_plot.plot.mapFromScene(scene_pos)
    with qtbot.waitSignal(loss_plot.step_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(loss_plot.plot.viewport(), QtCore.Qt.LeftButton, pos=pos)
    assert blocker.args == [40]


def test_training_loss_toggle_appears_only_when_it_differs_from_the_report(qtbot, loss_plot):
    same = np.linspace(1, 0, 50)
    loss_plot.append(0, same, same, 0, EMPTY, EMPTY)
    loss_plot.refresh()
    assert loss_plot.train_box.isHidden()
    # the lecture's network trains on ½·MSE and reports MSE
    s = Session.from_preset("xor-lecture")
    s.trainer.run_steps(50)
    h = s.trainer.history
    loss_plot.clear()
    loss_plot.append(0, h.report.view(), h.loss.view(), 0, h.epoch_report.view(), EMPTY)
    loss_plot.refresh()
    assert not loss_plot.train_box.isHidden()
    assert _data(loss_plot.train_curve)[0].size == 0
    qtbot.mouseClick(loss_plot.train_box, QtCore.Qt.LeftButton)
    np.testing.assert_array_equal(_data(loss_plot.train_curve)[1], h.loss.view())
    assert "training loss" in loss_plot.legend.entries


def test_epochs_sit_where_the_trainer_says_they_ended_and_elsewhere_on_the_batch_grid(loss_plot):
    """Epochs of uneven length (a batch size changed) at their recorded ends; unknown ones (an older file) spread."""
    y = np.linspace(1, 0, 40)
    acc = np.array([0.5, 0.6, 0.7, 0.8])
    loss_plot.append(0, y, y, 0, y[:4], acc, epoch_steps=np.array([np.nan, 20.0, 27.0, 40.0]))
    loss_plot.refresh()
    x, _ = _data(loss_plot.acc_curve)
    assert x[1:].tolist() == [19.0, 26.0, 39.0]  # exactly their last steps
    assert 0.0 <= x[0] < 19.0  # not recorded: placed before the next one
    loss_plot.append(40, y[:6], y[:6], 4, y[:3], acc[:3], epoch_steps=np.array([42.0, 44.0, 46.0]))
    loss_plot.refresh()
    assert _data(loss_plot.acc_curve)[0][-3:].tolist() == [41.0, 43.0, 45.0]


def test_accuracy_gets_a_right_axis_only_when_it_exists(loss_plot):
    y = np.linspace(1, 0, 40)
    loss_plot.append(0, y, y, 0, y[:4], EMPTY)
    loss_plot.refresh()
    assert loss_plot.acc_box.isHidden() and not loss_plot.acc_curve.isVisible()
    acc = np.array([0.5, 0.7, 0.9, 1.0])
    loss_plot.clear()
    loss_plot.append(0, y, y, 0, y[:4], acc)  # 10 steps per epoch
    loss_plot.refresh()
    assert not loss_plot.acc_box.isHidden() and loss_plot.acc_curve.isVisible()
    loss_plot.grab()  # the accuracy view follows the loss view's x range when painted
    x, a = _data(loss_plot.acc_curve)
    np.testing.assert_array_equal(a, acc)
    np.testing.assert_array_equal(x, [9.0, 19.0, 29.0, 39.0])  # the last step of each epoch
    assert loss_plot.accuracy_range[0] <= 0.0 and loss_plot.accuracy_range[1] >= 1.0


def test_marker_sits_on_the_curve_at_the_step(loss_plot):
    y = np.linspace(1, 0, 11)
    loss_plot.append(0, y, y, 0, EMPTY, EMPTY)
    loss_plot.refresh()
    loss_plot.set_marker(4)
    assert loss_plot.step_marker.line.isVisible() and loss_plot.step_marker.line.value() == 4
    np.testing.assert_allclose(loss_plot.step_marker.dot.getData()[1], [y[4]])
    loss_plot.set_marker(None)
    assert not loss_plot.step_marker.line.isVisible()


# OutputView ---------------------------------------------------------------------------------
@pytest.fixture
def output_view(qtbot):
    w = OutputView()
    qtbot.addWidget(w)
    w.resize(500, 300)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_decision_surface_of_circles_sets_a_heatmap_with_a_colour_bar(output_view):
    s = Session.from_preset("circles-relu")
    X, Y = s.dataset.X, s.dataset.Y
    output_view.set_data(X, Y, s.dataset.task)
    surface = decision_surface(s.trainer.network, (-1.5, 1.5), (-1.5, 1.5), resolution=48)
    output_view.set_surface(surface)
    output_view.grab()
    assert output_view.image.image.shape == (48, 48)
    np.testing.assert_array_equal(output_view.image.image, surface[2])
    assert output_view.image.isVisible() and not output_view.class_image.isVisible()
    assert output_view.colour_bar.isVisible() and output_view.colour_bar.levels() == (0.0, 1.0)
    assert output_view.colour_bar.getAxis("left").width() > 0  # room for its label "P(class 1)"
    assert len(output_view.points.data) == X.shape[0]
    rect = output_view.image.mapRectToView(output_view.image.boundingRect())
    assert rect.left() < -1.5 < rect.right() and rect.top() < 1.5 < rect.bottom()


def test_several_classes_are_drawn_in_categorical_colours_without_a_colour_bar(output_view):
    s = Session.from_preset("blobs-softmax")
    output_view.set_data(s.dataset.X, s.dataset.Y, s.dataset.task)
    output_view.set_surface(decision_surface(s.trainer.network, (-2, 2), (-2, 2), resolution=32))
    assert output_view.class_image.image.shape == (32, 32, 4)
    assert not output_view.image.isVisible() and not output_view.colour_bar.isVisible()
    assert output_view.legend.entries[:3] == ["class 0", "class 1", "class 2"]


def test_sine_regression_shows_the_fitted_curve_over_the_data(output_view):
    s = Session.from_preset("sine-regression")
    X, Y = s.dataset.X, s.dataset.Y
    output_view.set_data(X, Y, s.dataset.task)
    xs = np.linspace(X.min(), X.max(), 123)
    output_view.set_surface((xs, s.trainer.network.predict(xs[:, None])))
    x, y = output_view.curve.getData()
    assert len(x) == 123 and np.all(np.diff(x) > 0)
    assert not output_view.colour_bar.isVisible() and not output_view.image.isVisible()
    assert "network output" in output_view.legend.entries


def test_highlight_rings_the_chosen_sample(output_view):
    X = np.array([[0.0, 0.0], [1.0, -1.0], [0.5, 0.5]])
    output_view.set_data(X, np.array([[0.0], [1.0], [1.0]]), "classification")
    output_view.set_highlight(1)
    np.testing.assert_array_equal(output_view.ring.getData()[0], [1.0])
    np.testing.assert_array_equal(output_view.ring.getData()[1], [-1.0])
    output_view.set_highlight(None)
    assert len(output_view.ring.data) == 0
    output_view.set_highlight(99)  # out of range: nothing, no exception
    assert len(output_view.ring.data) == 0


def test_a_highlight_chosen_before_the_data_arrives_is_applied_with_it(output_view):
    output_view.set_highlight(2)
    output_view.set_data(np.array([[0.0, 0.0], [1.0, -1.0], [0.5, 0.25]]), np.array([0.0, 1.0, 1.0]), "classification")
    np.testing.assert_array_equal(output_view.ring.getData()[1], [0.25])
    assert "selected sample" in output_view.legend.entries


def test_a_diverged_surface_and_two_d_regression_are_drawn(output_view):
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    output_view.set_data(X, np.array([[-2.0], [3.0]]), "regression")
    grid = np.full((8, 8), 0.5)
    grid[2, 3] = np.nan
    grid[4, 4] = np.inf
    output_view.set_surface((np.linspace(0, 1, 8), np.linspace(0, 1, 8), grid))
    output_view.grab()
    assert np.all(np.isfinite(output_view.image.image))
    lo, hi = output_view.colour_bar.levels()
    assert lo <= -2.0 and hi >= 3.0  # the scale covers targets and predictions


# GradientPlot -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def vanishing():
    s = Session.from_preset("vanishing-gradients")
    t = s.trainer
    t.track_grad_norms = True
    t.run_steps(200)
    return [g.view().copy() for g in t.history.grad_norms]


@pytest.fixture
def gradient_plot(qtbot):
    w = GradientPlot()
    qtbot.addWidget(w)
    w.resize(500, 300)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_vanishing_gradients_show_one_curve_per_layer_the_first_below_the_last(gradient_plot, vanishing):
    L = len(vanishing)
    for first in range(0, 200, 50):
        gradient_plot.append(first, tuple(g[first : first + 50] for g in vanishing))
    gradient_plot.refresh()
    assert len(gradient_plot.curves) == L == 7
    assert len(gradient_plot.legend.entries) == L and "(output)" in gradient_plot.legend.entries[-1]
    curves = [c.getData() for c in gradient_plot.curves]
    assert all(len(x) == 200 and x.dtype == np.float64 for x, _ in curves)
    # log axis: the data are log10 of the norms
    np.testing.assert_allclose(curves[0][1], np.log10(vanishing[0]))
    assert curves[0][1][-1] < curves[-1][1][-1]
    assert curves[-1][1][0] - curves[0][1][0] > 2  # at the start, > two orders of magnitude apart


def test_delta_toggle_shows_the_sampled_local_errors(qtbot, gradient_plot, vanishing):
    gradient_plot.append(0, tuple(g[:10] for g in vanishing))
    for step in (5, 10):
        gradient_plot.append_deltas(step, tuple(10.0**-l for l in range(7, 0, -1)))
    gradient_plot.append_deltas(10, tuple([0.0] * 7))  # a repeat at the same step replaces it
    gradient_plot.refresh()
    assert len(gradient_plot.curves[0].getData()[0]) == 10
    qtbot.mouseClick(gradient_plot.delta_button, QtCore.Qt.LeftButton)
    assert gradient_plot.showing_deltas
    x, y = gradient_plot.curves[0].getData()
    np.testing.assert_array_equal(x, [5.0, 10.0])
    assert y[0] == pytest.approx(-7.0) and not np.isfinite(y[1])  # log of 0 is not drawn
    gradient_plot.grab()


def test_gradient_truncate_and_clear(gradient_plot, vanishing):
    gradient_plot.append(0, tuple(g[:100] for g in vanishing))
    gradient_plot.truncate(40)
    gradient_plot.refresh()
    assert gradient_plot.curves[3].getData()[0][-1] == 39.0
    gradient_plot.clear()
    assert all(c.getData()[0] is None or len(c.getData()[0]) == 0 for c in gradient_plot.curves)


def test_saturation_bars_are_labelled_per_layer(gradient_plot):
    gradient_plot.set_saturation((0.4, 0.12, 0.001, 0.0), ("sigmoid", "relu", "tanh", "linear"))
    assert gradient_plot.saturation_labels == [
        "layer 1 · sigmoid · 40% saturated",
        "layer 2 · relu · 12% dead",
        "layer 3 · tanh · <1% saturated",
        "layer 4 · linear · cannot saturate",
    ]
    assert gradient_plot.bars.fractions == [0.4, 0.12, 0.001, 0.0]
    gradient_plot.grab()  # paints without error at 500 × 300
    gradient_plot.set_saturation((), ())
    assert gradient_plot.saturation_labels == []


def test_a_new_activation_says_how_it_saturates_from_its_own_class(gradient_plot, monkeypatch):
    """The bars ask the activation (its ``saturation_kind``), never a list of names in the GUI."""
    from model import activations

    class HardSigmoid(activations.Activation):
        name = "hard_sigmoid_for_test"
        saturation_kind = "saturated"

    class Swishy(activations.Activation):
        name = "swishy_for_test"
        saturation_kind = "dead"

    monkeypatch.setitem(activations.ACTIVATIONS, HardSigmoid.name, HardSigmoid())
    monkeypatch.setitem(activations.ACTIVATIONS, Swishy.name, Swishy())
    gradient_plot.set_saturation((0.25, 0.5), (HardSigmoid.name, Swishy.name))
    assert gradient_plot.saturation_labels == [
        "layer 1 · hard_sigmoid_for_test · 25% saturated",
        "layer 2 · swishy_for_test · 50% dead",
    ]
    assert gradient_plot.bars._pcts == ["25%", "50%"]


def test_the_same_data_again_keeps_the_surface_and_the_zoom(output_view):
    s = Session.from_preset("circles-relu")
    output_view.set_data(s.dataset.X, s.dataset.Y, s.dataset.task)
    output_view.set_surface(decision_surface(s.trainer.network, (-1.5, 1.5), (-1.5, 1.5), resolution=16))
    vb = output_view.plot.getPlotItem().vb
    vb.setRange(xRange=(0, 0.5), yRange=(0, 0.5), padding=0)  # the user zoomed in
    zoomed = vb.viewRange()
    output_view.set_data(s.dataset.X, s.dataset.Y, s.dataset.task)
    output_view.grab()
    assert output_view.image.isVisible() and output_view.image.image.shape == (16, 16)
    assert vb.viewRange() == zoomed
    Y = 1.0 - s.dataset.Y  # new targets of the same kind: points recoloured, surface kept
    output_view.set_data(s.dataset.X, Y, s.dataset.task)
    assert output_view.image.isVisible()
    np.testing.assert_array_equal(output_view._labels, 1 - s.dataset.Y[:, 0])


def test_a_long_run_keeps_the_plots_memory_bounded_and_every_spike(loss_plot, gradient_plot):
    rng = np.random.default_rng(0)
    n, chunk = 400_000, 20_000
    for first in range(0, n, chunk):
        y = 1.0 + rng.random(chunk)
        if first == 100_000:
            y[7] = 50.0  # one spike, long ago
        loss_plot.append(first, y, y, first, y, y / 2)  # an epoch per step, with accuracy
        gradient_plot.append(first, (y, y))
    loss_plot.refresh()
    gradient_plot.refresh()
    histories = [loss_plot._report, loss_plot._loss, loss_plot._epoch_report, loss_plot._epoch_accuracy]
    histories += [loss_plot._epoch_end] + gradient_plot._norms
    assert all(len(h) == n for h in histories)  # every step counted …
    assert sum(h.series.nbytes() for h in histories) < 12e6  # … in bounded memory (not 6.4 MB per history)
    x, y = loss_plot.report_curve.xData, loss_plot.report_curve.yData  # all it holds (getData: what it draws)
    assert x.size < 200_000 and x[-1] == n - 1
    assert y.max() == 50.0  # the old spike survives decimation
    np.testing.assert_array_equal(x[-1000:], np.arange(n - 1000, n))  # recent steps exact


@pytest.mark.parametrize("width", [300, 420, 700])
def test_the_plot_options_wrap_instead_of_being_cut_off(qtbot, loss_plot, width):
    y = np.linspace(1, 0, 40)
    loss_plot.append(0, y, y / 2, 0, y[:4], y[:4])  # training loss differs, accuracy exists: five options
    loss_plot.refresh()
    loss_plot.resize(width, 400)
    qtbot.waitUntil(lambda: loss_plot.options.width() <= width)
    shown = [w for w in loss_plot.options.findChildren(QtWidgets.QAbstractButton) if w.isVisible()]
    assert len(shown) == 5
    for w in shown:
        assert w.geometry().right() < loss_plot.options.width(), w.text()
        assert w.geometry().bottom() < loss_plot.options.height(), w.text()
