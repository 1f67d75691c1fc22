"""Run-until breakpoints: each one fires at the right step with a readable reason."""

import math

import numpy as np
import pytest

from model.breakpoints import Breakpoints
from model.session import Session


def test_epoch_breakpoint_stops_at_that_epoch():
    t = Session.from_preset("blobs-softmax").trainer  # mini-batches: several steps per epoch
    bp = Breakpoints(epoch=3)
    bp.arm(t)
    t.run_steps(10_000, after_step=bp.check)
    assert t.epoch == 3
    assert t.step == 3 * t.steps_per_epoch
    assert bp.last_reason == "Breakpoint: epoch 3 reached"


def test_loss_breakpoint_reports_the_loss_that_fell_below():
    t = Session.from_preset("xor-lecture").trainer
    bp = Breakpoints(loss_below=0.2)
    bp.arm(t)
    t.run_steps(100_000, after_step=bp.check)
    loss = t.history.report.view()[-1]
    assert loss < 0.2 <= t.history.report.view()[-2]
    reason = bp.last_reason
    assert reason.startswith("Breakpoint: loss ") and reason.endswith(" fell below 0.2")
    shown = float(reason.split()[2])
    assert shown < 0.2 and math.isclose(shown, loss, rel_tol=1e-3)


def test_vanishing_gradient_breakpoint_names_the_first_layer():
    t = Session.from_preset("vanishing-gradients").trainer
    bp = Breakpoints(grad_below=1e-4)
    bp.arm(t)
    n = t.run_steps(1000, after_step=bp.check)
    assert n == 1  # seven sigmoid layers: layer 1's gradient is tiny from the first step
    norm = float(np.linalg.norm(t.last_grads[0][0]))
    assert norm < 1e-4
    assert bp.last_reason == f"Breakpoint: ‖∂L/∂W(1)‖ = {norm:.3g} fell below 0.0001 (vanishing gradient)"


def test_exploding_gradient_breakpoint_fires_before_divergence():
    t = Session.from_preset("lr-too-large").trainer  # lr 1.6 on a linear regression: oscillates and grows
    bp = Breakpoints(grad_above=100)
    bp.arm(t)
    n = t.run_steps(1000, after_step=bp.check)
    assert t.diverged is None and 1 < n < 100
    assert bp.last_reason.startswith("Breakpoint: ‖∂L/∂W(1)‖ = ")
    assert bp.last_reason.endswith(" rose above 100 (exploding gradient)")
    assert np.linalg.norm(t.last_grads[0][0]) > 100


def test_divergence_is_reported_with_the_trainers_message():
    t = Session.from_preset("lr-too-large").trainer
    bp = Breakpoints()
    t.run_steps(10_000, after_step=bp.check)
    assert t.diverged is not None
    assert bp.check(t) == t.diverged.message
    assert "Try a smaller learning rate." in bp.last_reason


def test_a_condition_that_already_holds_waits_until_it_has_been_false():
    t = Session.from_preset("xor-lecture").trainer
    bp = Breakpoints(epoch=10)
    bp.arm(t)
    t.run_steps(100, after_step=bp.check)
    assert t.epoch == 10
    bp.arm(t)  # Run again: epoch 10 is behind us, so training goes on
    assert t.run_steps(50, after_step=bp.check) == 50


def test_no_breakpoints_never_stop():
    t = Session.from_preset("xor-lecture").trainer
    bp = Breakpoints()
    assert not bp.active
    assert t.run_steps(200, after_step=bp.check) == 200
    assert bp.last_reason is None


def test_round_trip_and_validation():
    bp = Breakpoints.from_dict({"epoch": 500, "loss_below": 0.01, "grad_below": "", "grad_above": None})
    assert bp.to_dict() == {"epoch": 500, "loss_below": 0.01, "grad_below": None, "grad_above": None}
    assert Breakpoints.from_dict(bp.to_dict()).to_dict() == bp.to_dict()
    for bad, words in [
        ({"epoch": 0}, "whole number of epochs"),
        ({"epoch": 2.5}, "whole number of epochs"),
        ({"epoch": True}, "whole number of epochs"),
        ({"loss_below": -1}, "positive"),
        ({"loss_below": float("nan")}, "positive finite"),
        ({"grad_above": "lots"}, "positive number"),
        ({"grad_below": 1.0, "grad_above": 0.5}, "must be below"),
        ({"steps": 10}, "unknown breakpoint 'steps'"),
    ]:
        with pytest.raises(ValueError, match=words):
            Breakpoints.from_dict(bad)
    with pytest.raises(ValueError, match="an object"):
        Breakpoints.from_dict([500])
