"""model.stepview: what a step knows so far, from its phases (up to a cursor) or from a snapshot's values."""

import numpy as np
import pytest

from model import Session
from model.snapshot import Snapshot, network_values
from model.stepview import StepView


def _phases(preset, **overrides):
    session = Session.from_preset(preset, **overrides)
    t = session.trainer
    return session, t.step_phases()


def test_phase_by_phase_a_layer_is_pending_until_its_phase():
    session, phases = _phases("xor-lecture")
    loss = session.trainer.loss
    view = StepView.from_phases(phases[:2], loss=loss)  # forward 1 and 2
    assert view.mode == "step" and view.L == 2 and view.sizes == (2, 3, 1) and view.m == 4
    assert view.current == ("forward", 2)
    s = view.layer(2)
    assert s.a is not None and s.z is not None and s.W is not None
    assert s.delta is None and s.dW is None and s.W_new is None
    assert s.pending == {"delta", "gradient", "update"}
    assert view.loss is None and view.update is None
    assert view.pending_phases()[0] == ("loss", None)
    full = StepView.from_phases(phases, loss=loss)
    assert full.layer(1).pending == frozenset() and full.update is not None
    assert full.pending_phases() == []


def test_a_cursor_shows_the_step_as_it_was_at_that_phase():
    session, phases = _phases("xor-lecture")
    view = StepView.from_phases(phases, cursor=3, loss=session.trainer.loss)  # forward 1, 2, loss, δ(2)
    assert view.current == ("delta", 2)
    assert view.layer(2).delta is not None and view.layer(1).delta is None
    assert view.update is None


def test_delta_is_per_sample_and_the_batch_delta_is_kept():
    session, phases = _phases("xor-lecture")
    view = StepView.from_phases(phases, loss=session.trainer.loss)
    d = phases[3].values["delta"]  # ∂L/∂Z of the output layer
    assert view.scale == 4.0
    np.testing.assert_allclose(view.layer(2).delta, 4 * d, rtol=1e-15)
    np.testing.assert_array_equal(view.layer(2).delta_batch, d)
    assert view.layer(2).delta[0, 0] == pytest.approx(0.09931773, abs=5e-9)  # the lecture's d2, sample 1
    # ∂L/∂W = (1/c) Σ a_prev δᵢ: the gradient is the trainer's
    s = view.layer(2)
    np.testing.assert_allclose(s.a_prev.T @ s.delta / view.scale, s.dW, rtol=1e-12)
    assert not s.delta.flags.writeable


def test_a_summed_loss_has_scale_one_and_rmse_scale_m():
    session, phases = _phases("xor-lecture", loss={"name": "mse", "reduction": "sum"})
    assert StepView.from_phases(phases, loss=session.trainer.loss).scale == 1.0
    session, phases = _phases("sine-regression", loss={"name": "rmse"})
    m = phases[0].values["a_prev"].shape[0]
    assert StepView.from_phases(phases, loss=session.trainer.loss).scale == float(m)


def test_values_mode_knows_everything_but_the_update():
    session = Session.from_preset("xor-lecture")
    t = session.trainer
    vals = network_values(t.network, t.X, t.Y, t.loss)
    view = StepView.from_values(vals, X=t.X, Y=t.Y, loss=t.loss)
    assert view.mode == "values" and view.m == 4 and view.scale == 4.0
    s = view.layer(1)
    assert s.pending == {"update"} and s.W_new is None
    np.testing.assert_allclose(s.delta, 4 * vals[0].delta)
    np.testing.assert_allclose(s.back, 4 * (vals[1].delta @ vals[1].W.T))
    out = view.layer(2)
    np.testing.assert_allclose(out.dA, 4 * t.loss.gradient(t.Y, vals[1].A))
    assert view.loss.value == pytest.approx(t.loss.value(t.Y, vals[1].A))
    assert view.has("forward", 1) and not view.has("update")


def test_from_snapshot_reads_the_phases_up_to_the_cursor_else_the_values():
    session, phases = _phases("xor-lecture")
    t = session.trainer
    vals = network_values(t.network, t.X, t.Y, t.loss)
    empty = np.zeros(0)
    base = dict(
        serial=1,
        step=1,
        epoch=1,
        running=False,
        steps_per_second=0.0,
        first_step=0,
        new_report=empty,
        new_loss=empty,
        first_epoch=0,
        new_epoch_report=empty,
        new_epoch_accuracy=empty,
        values=vals,
        X=t.X,
        Y=t.Y,
    )
    stepping = StepView.from_snapshot(Snapshot(**base, step_phases=tuple(phases), phase_cursor=2), t.loss)
    assert stepping.mode == "step" and stepping.current == ("loss", None)
    assert StepView.from_snapshot(Snapshot(**base), t.loss).mode == "values"


def test_the_update_gives_each_weights_optimizer_state_before_and_after():
    session = Session.from_preset("xor-lecture", optimizer={"name": "adam", "learning_rate": 0.01})
    t = session.trainer
    t.run_steps(2)
    m_before = t.optimizer.state["m"][2][1, 0]  # params are [W1, b1, W2, b2]
    phases = t.step_phases()
    u = StepView.from_phases(phases, loss=t.loss).update
    before, after = u.state_of(2, "W", (1, 0))
    assert before["t"] == 2 and after["t"] == 3
    assert before["m"] == m_before and after["m"] == t.optimizer.state["m"][2][1, 0]
    b_before, b_after = u.state_of(1, "b", (2,))
    assert b_after["v"] == t.optimizer.state["v"][1][2]
    assert u.trains_bias(1) and u.lr == 0.01


def test_an_empty_view_has_nothing_and_a_bad_layer_is_a_value_error():
    view = StepView.build((), None, activations=("tanh", "sigmoid"))
    assert view.mode == "none" and view.L == 2 and view.m == 0
    assert not view.has("forward", 1)
    with pytest.raises(ValueError, match="there is no layer 3"):
        view.layer(3)
