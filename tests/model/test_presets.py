"""Presets: each builds and trains, and each demonstrates the point its description makes."""

import numpy as np
import pytest

from model import Session
from model.presets import DEFAULT_PRESET, PRESETS, get_preset, preset_names


def _trained(name, epochs=None, **overrides):
    s = Session.from_preset(name, **overrides)
    s.trainer.run_epochs(PRESETS[name].epochs if epochs is None else epochs)
    return s.trainer


def test_registry():
    assert DEFAULT_PRESET == "xor-lecture" == preset_names()[0]
    assert len(PRESETS) >= 10
    for name, p in PRESETS.items():
        assert p.name == name and p.title and len(p.description) > 40
        assert p.epochs >= 1 and 1 <= p.log_every <= p.epochs
    with pytest.raises(ValueError, match="unknown preset 'mnist'; choose one of: xor-lecture, worked-example"):
        get_preset("mnist")


def test_session_dict_is_a_copy():
    d = get_preset("xor-lecture").session_dict()
    d["optimizer"]["learning_rate"] = 99
    assert get_preset("xor-lecture").session_dict()["optimizer"]["learning_rate"] == 0.1
    assert d["format"] == "backprop-studio/1" and d["name"] == "xor-lecture"


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_builds_and_trains_a_few_epochs(name):
    s = Session.from_preset(name)
    t = s.trainer
    assert s.name == name and s.description == PRESETS[name].description
    assert t.network.sizes[0] == t.X.shape[1] and t.network.sizes[-1] == t.Y.shape[1]
    steps = t.run_epochs(3)
    assert t.epoch == 3 and steps == 3 * t.steps_per_epoch
    assert t.diverged is None
    assert np.all(np.isfinite(t.history.loss.view()))
    # accuracy costs numpy calls per step: off unless a caller shows it (the GUI worker, train --jsonl)
    assert t.track_accuracy is False


@pytest.mark.parametrize("name, accuracy", [("spiral-adam", 0.9), ("blobs-softmax", 0.95), ("circles-relu", 0.95)])
def test_classification_presets_learn_their_data(name, accuracy):
    t = _trained(name)
    assert t.diverged is None
    assert t.evaluate()[2] >= accuracy


def test_sine_regression_fits_the_curve():
    t = _trained("sine-regression", epochs=600)
    assert t.evaluate()[0] < 0.1


def _relu_instead(name="vanishing-gradients"):
    arch = dict(get_preset(name).session["architecture"])
    arch["activations"] = ["relu"] * (len(arch["sizes"]) - 2) + ["sigmoid"]
    return Session.from_preset(name, architecture=arch).trainer


def test_vanishing_gradients_first_layer_is_orders_of_magnitude_below_the_last():
    t = Session.from_preset("vanishing-gradients").trainer
    t.track_grad_norms = True
    t.run_steps(1)
    norms = [g.view()[0] for g in t.history.grad_norms]
    assert len(norms) == 7
    assert norms[-1] >= 1000 * norms[0]
    assert norms == sorted(norms)  # every layer further back gets less
    relu = _relu_instead()
    relu.track_grad_norms = True
    relu.run_steps(1)
    r = [g.view()[0] for g in relu.history.grad_norms]
    assert r[-1] < 10 * r[0]  # the same net with ReLU hidden layers does not vanish


def test_vanishing_gradients_delta_of_the_first_layer_stays_far_below_the_last():
    from model.snapshot import network_values

    t = _trained("vanishing-gradients")
    norms = [np.linalg.norm(v.delta) for v in network_values(t.network, t.X, t.Y, t.loss)]
    assert norms == sorted(norms)
    assert norms[-1] >= 1000 * norms[0]  # the preset's description says about 5,000×


def test_vanishing_gradients_stalls_and_relu_learns():
    t = _trained("vanishing-gradients")
    assert abs(t.evaluate()[0] - np.log(2)) < 0.01
    relu = _relu_instead()
    relu.run_epochs(PRESETS["vanishing-gradients"].epochs)
    loss, _, accuracy = relu.evaluate()
    assert loss < 0.5 and accuracy > 0.85


def test_lr_too_large_diverges_and_a_smaller_rate_does_not():
    t = _trained("lr-too-large")
    assert t.diverged is not None
    assert 1 <= t.diverged.step <= PRESETS["lr-too-large"].epochs
    growing = t.history.loss.view()
    assert growing[-1] > 1e6 * growing[0]
    calm = _trained("lr-too-large", optimizer={"name": "sgd", "learning_rate": 0.1})
    assert calm.diverged is None
    assert calm.history.loss.view()[-1] < calm.history.loss.view()[0]


def _line_fit(trainer):
    """Slope and intercept of the trained network's predictions over x ∈ [−1, 1]."""
    x = np.linspace(-1.0, 1.0, 101)
    y = trainer.network.predict(x[:, None])[:, 0]
    slope, intercept = np.polyfit(x, y, 1)
    return slope, intercept, np.sqrt(np.mean((y - (2 * x + 1)) ** 2))


def test_outliers_huber_fits_the_true_line_better_than_mse():
    huber = _line_fit(_trained("outliers-huber"))
    mse = _line_fit(_trained("outliers-huber", loss={"name": "mse"}))
    assert huber[2] < 0.5 * mse[2]
    assert abs(huber[0] - 2) < abs(mse[0] - 2)
    assert abs(huber[1] - 1) < abs(mse[1] - 1)
    assert abs(huber[1] - 1) < 0.2 and abs(huber[0] - 2) < 0.3
    assert mse[1] > 1.3  # the outliers, all pushed upwards, lift the MSE fit


def test_imbalanced_focal_still_learns_the_few_positives():
    focal = _trained("imbalanced-focal")
    bce = _trained("imbalanced-focal", loss={"name": "bce"})

    def positives(t):
        return t.network.predict(t.X)[t.Y[:, 0] > 0.5, 0]

    assert 0.0 < (focal.Y > 0.5).mean() <= 0.1
    assert np.all(positives(focal) > 0.5)
    assert positives(focal).min() > positives(bce).min() + 0.1


def test_xor_lecture_is_the_lectures_setup():
    s = Session.from_preset("xor-lecture")
    t = s.trainer
    assert t.network.sizes == [2, 3, 1] and t.network.activations == ["sigmoid", "sigmoid"]
    assert t.full_batch and t.optimizer.name == "sgd" and t.optimizer.learning_rate == 0.1
    rs = np.random.RandomState(43)
    assert np.array_equal(t.network.layers[0].W, rs.randn(2, 3))
    assert np.array_equal(t.network.layers[1].W, rs.randn(3, 1))
    assert t.loss.params == {"half": True, "reduction": "mean"} and t.report.name == "mse"
