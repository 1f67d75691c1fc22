"""Learning-rate schedules: one registry, the γ of each step is what the update uses and records, in the
session file and on the command line."""

import math

import numpy as np
import pytest

from main import main
from model import Session, load_session
from model.schedules import SCHEDULES, make_schedule, parse_schedule, schedule_from_dict, schedule_names


def test_registry_and_formulas():
    assert schedule_names() == ["constant", "step", "exponential", "cosine"] == list(SCHEDULES)
    assert make_schedule("constant").rate(0.3, 10**6) == 0.3
    step = make_schedule("step", every=1000, factor=0.5)
    assert [step.rate(0.1, t) for t in (0, 999, 1000, 2999, 3000)] == [0.1, 0.1, 0.05, 0.025, 0.0125]
    exp = make_schedule("exponential", factor=0.99)
    assert exp.rate(0.1, 0) == 0.1 and exp.rate(0.1, 100) == pytest.approx(0.1 * 0.99**100, rel=1e-15)
    cos = make_schedule("cosine", period=100, min_factor=0.1)
    assert cos.rate(1.0, 0) == 1.0
    assert cos.rate(1.0, 50) == pytest.approx(0.55, rel=1e-15)
    assert cos.rate(1.0, 100) == pytest.approx(0.1) and cos.rate(1.0, 5000) == pytest.approx(0.1)
    for s in (step, exp, cos, make_schedule("constant")):
        steps = np.arange(0, 3500, 7)
        assert s.curve(0.2, steps).tolist() == [s.rate(0.2, int(t)) for t in steps]  # what a GUI draws
        assert schedule_from_dict(s.to_dict()) == s
        assert all(isinstance(f, str) and f for f in (s.formula, s.label))


@pytest.mark.parametrize(
    "spec, words",
    [
        ({"name": "linear"}, "unknown learning-rate schedule 'linear'; choose one of: constant, step"),
        ({"name": "step", "every": 0}, "every must be between 1"),
        ({"name": "step", "every": 2.5}, "every must be a whole number"),
        ({"name": "step", "factor": 1.5}, "factor must be between 0 and 1"),
        ({"name": "exponential", "factor": "x"}, "factor must be a number"),
        ({"name": "cosine", "warmup": 3}, "has no parameter 'warmup'; it takes: period, min_factor"),
        ({"name": "constant", "factor": 0.5}, "takes no parameters"),
        ({"every": 3}, "needs a 'name'"),
        ("step", "must be an object"),
    ],
)
def test_bad_schedules_are_one_line(spec, words):
    with pytest.raises(ValueError, match=words):
        schedule_from_dict(spec)


def test_parse_the_command_lines_form():
    assert parse_schedule("step:every=2000,factor=0.25") == make_schedule("step", every=2000, factor=0.25)
    assert parse_schedule("cosine") == make_schedule("cosine")
    with pytest.raises(ValueError, match="must look like key=value"):
        parse_schedule("step:every")
    with pytest.raises(ValueError, match="every must be a number"):
        parse_schedule("step:every=often")


def test_the_update_uses_and_records_the_gamma_of_its_step():
    schedule = {"name": "step", "every": 2, "factor": 0.5}
    s = Session.from_preset("xor-lecture", optimizer={"name": "sgd", "learning_rate": 0.4, "schedule": schedule})
    t = s.trainer
    for step, gamma in enumerate([0.4, 0.4, 0.2, 0.2, 0.1]):
        before = [p.copy() for p in t.network.params()]
        phases = t.step_phases()
        update = phases[-1].values
        assert update["lr"] == gamma == t.learning_rate_at(step)
        dW = [p.values["dW"] for p in phases if p.kind == "gradient"][::-1]  # layer 1 first
        for l, W in enumerate(t.network.layers):
            np.testing.assert_array_equal(W.W, before[2 * l] - gamma * dW[l])
    assert t.optimizer.learning_rate == 0.4  # the setting is γ₀; the schedule is applied per step
    fast = Session.from_preset("xor-lecture", optimizer={"name": "sgd", "learning_rate": 0.4, "schedule": schedule})
    fast.trainer.run_steps(5)
    assert all(np.array_equal(a, b) for a, b in zip(fast.trainer.network.params(), t.network.params()))


def test_a_schedule_changes_training_and_survives_save_and_load(tmp_path):
    spec = {"name": "cosine", "period": 500, "min_factor": 0.0}
    s = Session.from_preset("xor-lecture", optimizer={"name": "sgd", "learning_rate": 0.1, "schedule": spec})
    plain = Session.from_preset("xor-lecture")
    s.trainer.run_steps(200)
    plain.trainer.run_steps(200)
    assert not np.array_equal(s.trainer.network.layers[0].W, plain.trainer.network.layers[0].W)
    path = tmp_path / "s.json"
    s.save(path)
    r = load_session(path)
    assert r.to_dict()["optimizer"]["schedule"] == spec
    assert "schedule" not in plain.to_dict()["optimizer"]
    s.trainer.run_steps(400)
    r.trainer.run_steps(400)  # past the period: γ stays at its minimum, 0
    assert all(np.array_equal(a, b) for a, b in zip(s.trainer.network.params(), r.trainer.network.params()))
    assert s.trainer.learning_rate_at(600) == 0.0


def test_cli_schedule_option(capsys, tmp_path):
    path = tmp_path / "s.json"
    args = ["train", "--preset", "xor-lecture", "--epochs", "300", "--log-every", "300"]
    assert main([*args, "--schedule", "exponential:factor=0.99", "--save", str(path)]) == 0
    assert load_session(path).trainer.schedule == make_schedule("exponential", factor=0.99)
    assert main([*args, "--schedule", "sometimes"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown learning-rate schedule 'sometimes'" in err[0]
    assert math.isfinite(load_session(path).trainer.evaluate()[0])
