"""Side by side (model.compare): each side is bit for bit its session trained alone; suggestions show their point."""

import copy

import numpy as np
import pytest

from model import Session
from model.compare import KINDS, Comparison, apply_setting, current_setting, kinds_for, setting_label
from model.presets import PRESETS, get_preset


def _alone(base: dict, kind: str, value, steps: int):
    """The same setting trained alone by its own Session and Trainer, with the comparison's initial weights."""
    d = copy.deepcopy(base)
    d["network"] = Session.from_dict(copy.deepcopy(base)).trainer.network.to_dict()
    s = Session.from_dict(apply_setting(d, kind, value))
    s.trainer.run_steps(steps)
    return s.trainer


@pytest.mark.parametrize(
    "preset, kind, a, b",
    [
        ("spiral-adam", "optimizer", "sgd", "adam"),
        ("outliers-huber", "loss", {"name": "mse"}, {"name": "huber", "delta": 1.0}),
        ("imbalanced-focal", "loss", {"name": "bce"}, {"name": "focal", "gamma": 2.0, "alpha": 0.75}),
        ("vanishing-gradients", "activation", "sigmoid", "relu"),
        ("xor-lecture", "learning_rate", 0.1, 1.0),
        ("circles-relu", "batch_size", 10, None),
    ],
)
def test_each_side_equals_its_session_trained_alone_bit_for_bit(preset, kind, a, b):
    base = get_preset(preset).session_dict()
    c = Comparison(base, kind, a, b)
    for n in (7, 13, 1, 40):  # in chunks, as the window runs it
        c.run_steps(n)
    assert c.steps() == (61, 61)
    for side, value in zip(c.trainers, (a, b)):
        alone = _alone(base, kind, value, 61)
        assert np.array_equal(side.network.flat, alone.network.flat)
        assert np.array_equal(np.asarray(side.history.loss.view()), np.asarray(alone.history.loss.view()))
        assert np.array_equal(np.asarray(side.history.report.view()), np.asarray(alone.history.report.view()))


def test_both_sides_start_from_the_same_weights_and_the_same_batches():
    c = Comparison(get_preset("spiral-adam").session_dict(), "learning_rate", 0.01, 0.1)
    ta, tb = c.trainers
    assert np.array_equal(ta.network.flat, tb.network.flat)
    c.run_steps(5)
    assert np.array_equal(ta.progress.order, tb.progress.order)  # the same shuffle: the seed is shared
    assert not np.array_equal(ta.network.flat, tb.network.flat)


def test_the_hidden_activation_keeps_the_weights_and_the_output_layer():
    c = Comparison(get_preset("vanishing-gradients").session_dict(), "activation", "sigmoid", "relu")
    ta, tb = c.trainers
    assert np.array_equal(ta.network.flat, tb.network.flat)
    assert tb.network.activations == ["relu"] * 6 + ["sigmoid"]
    assert ta.network.activations == ["sigmoid"] * 7


def test_changing_one_side_leaves_the_other_untouched():
    c = Comparison(get_preset("xor-lecture").session_dict(), "learning_rate", 0.1, 1.0)
    c.run_steps(20)
    kept = c.sessions[0]
    flat = kept.trainer.network.flat.copy()
    c.set_side(1, 0.5)
    assert c.sessions[0] is kept and kept.trainer.step == 20
    assert np.array_equal(kept.trainer.network.flat, flat)
    assert c.trainers[1].step == 0 and c.trainers[1].optimizer.learning_rate == 0.5
    assert np.array_equal(
        c.trainers[1].network.flat, Comparison(c.base, "learning_rate", 0.1, 1.0).trainers[1].network.flat
    )
    c.reset()
    assert c.steps() == (0, 0)


def test_bad_settings_are_one_line_and_change_nothing():
    c = Comparison(get_preset("spiral-adam").session_dict(), "optimizer", "sgd", "adam")
    c.run_steps(3)
    before = c.sessions[1]
    for kind, value in (("learning_rate", -1.0), ("optimizer", "lbfgs")):
        with pytest.raises(ValueError) as e:
            Comparison(c.base, kind, 0.1 if kind == "learning_rate" else "sgd", value)
        assert "\n" not in str(e.value)
    with pytest.raises(ValueError, match="unknown optimizer 'lbfgs'"):
        c.set_side(1, "lbfgs")
    assert c.sessions[1] is before and c.trainers[1].step == 3
    with pytest.raises(ValueError, match="softmax"):
        apply_setting(c.base, "loss", {"name": "cross_entropy"})  # needs a softmax output layer
    with pytest.raises(ValueError, match="cannot compare 'seed'"):
        Comparison(c.base, "seed", 1, 2)


def test_a_diverged_side_stops_and_the_other_goes_on():
    c = Comparison(get_preset("lr-too-large").session_dict(), "learning_rate", 1.6, 0.1)
    c.run_steps(600)
    assert c.stopped(0) and not c.stopped(1)
    assert c.trainers[0].step < 600 == c.trainers[1].step
    step = c.trainers[0].step
    c.run_steps(10)
    assert c.trainers[0].step == step and c.trainers[1].step == 610


def test_labels_and_kinds():
    assert setting_label("loss", {"name": "huber", "delta": 1.0}) == "Huber loss (δ = 1)"
    assert setting_label("loss", {"name": "focal", "gamma": 2.0, "alpha": 0.75}) == "Focal loss (γ = 2, α = 0.75)"
    assert setting_label("loss", {"name": "mse", "half": True}) == "MSE (½)"
    assert setting_label("optimizer", "adam") == "Adam"
    assert setting_label("learning_rate", 0.01) == "γ = 0.01"
    assert setting_label("activation", "relu") == "ReLU hidden layers"
    assert setting_label("batch_size", None) == "full batch"
    assert setting_label("batch_size", 32) == "batch of 32"
    lin = get_preset("linear-neuron").session_dict()
    assert "activation" not in kinds_for(lin) and kinds_for(get_preset("xor-lecture").session_dict()) == list(KINDS)
    assert current_setting(get_preset("spiral-adam").session_dict(), "learning_rate") == 0.01
    assert current_setting(get_preset("vanishing-gradients").session_dict(), "activation") == "sigmoid"


@pytest.mark.parametrize("name", [n for n, p in PRESETS.items() if p.compare])
def test_every_suggestion_builds_and_its_current_value_is_one_side(name):
    p = PRESETS[name]
    base = p.session_dict()
    for s in p.compare:
        c = Comparison(base, s.kind, s.a, s.b)
        assert len(s.notice) > 60 and s.kind in kinds_for(base)
        assert current_setting(base, s.kind) in (s.a, s.b) or s.kind == "loss" or s.kind == "optimizer"
        c.run_steps(2)


def test_every_preset_suggests_a_comparison():
    assert all(p.compare for p in PRESETS.values())


def _steps_to(preset, epochs):
    return epochs * Session.from_preset(preset).trainer.steps_per_epoch


def test_suggested_lessons_hold():
    def run(name, steps):
        p = get_preset(name)
        s = p.compare[0]
        c = Comparison(p.session_dict(), s.kind, s.a, s.b)
        c.run_steps(steps)
        return [np.asarray(t.history.report.view()) for t in c.trainers], c

    (sig, relu), _ = run("vanishing-gradients", 100)
    assert abs(sig[-1] - np.log(2)) < 0.01 and relu[-1] < 0.6  # ReLU leaves ln 2 within 100 steps
    (small, large), _ = run("xor-lecture", 10000)
    assert large[1000] <= small[9999] * 1.01  # γ = 1 reaches at 1,000 what γ = 0.1 does at 10,000
    (sgd, adam), _ = run("spiral-adam", _steps_to("spiral-adam", 500))
    assert sgd[-1] > 0.65 and adam[-1] < 0.3
    (_, _), c = run("imbalanced-focal", _steps_to("imbalanced-focal", 5))

    def positives(t):
        return t.network.predict(t.X)[t.Y[:, 0] > 0.5, 0]

    bce, focal = c.trainers
    assert np.all(positives(bce) < 0.5) and np.all(positives(focal) > 0.5)
    (sgd, mom), _ = run("blobs-softmax", 100)
    assert mom[99] * 5 < sgd[99]
    (slow, fast), _ = run("worked-example", 11)  # the loss of step 10 is E after 10 updates
    assert fast[10] < 0.02 < 0.2 < slow[10]
    _, c = run("linear-neuron", 0)
    good, over = c.trainers
    signs = []
    for _ in range(4):
        c.run_steps(1)
        signs.append([np.sign(t.network.predict(t.X)[0, 0] - 5.0) for t in (good, over)])
    assert [g for g, _ in signs] == [-1] * 4  # γ = 0.1 approaches the target from below
    assert [o for _, o in signs] == [1, -1, 1, -1]  # γ = 0.35 overshoots: the error changes sign every step
