"""Time travel: recorded states restore the trainer bit for bit, within bounded memory."""

import numpy as np
import pytest

from model.session import Session
from model.timeline import Timeline


def _session(preset, **overrides):
    return Session.from_preset(preset, **overrides)


def _assert_same_state(a, b):
    """Two Trainer.state_dict()-style dicts are identical, array for array and bit for bit."""
    assert set(a) == set(b)
    assert len(a["params"]) == len(b["params"])
    for x, y in zip(a["params"], b["params"]):
        assert x.shape == y.shape and np.array_equal(x, y)
    assert set(a["optimizer"]) == set(b["optimizer"])
    for key, value in a["optimizer"].items():
        if key == "t":
            assert value == b["optimizer"][key]
        else:
            for x, y in zip(value, b["optimizer"][key]):
                assert np.array_equal(x, y)
    for key in ("step", "epoch", "rng", "batch_pos", "order_fresh", "epoch_acc"):
        assert a[key] == b[key], key
    assert (a["order"] is None) == (b["order"] is None)
    if a["order"] is not None:
        assert np.array_equal(a["order"], b["order"])


def _record_run(session, steps, timeline):
    """Run ``steps`` steps recording each one; returns {step: state_dict} taken straight from the trainer."""
    t = session.trainer
    truth = {t.step: t.state_dict()}
    timeline.record(t)
    for _ in range(steps):
        t.run_steps(1)
        timeline.record(t)
        truth[t.step] = t.state_dict()
    return truth


@pytest.mark.parametrize("preset", ["spiral-adam", "blobs-softmax", "xor-lecture"])
def test_every_recorded_step_restores_the_exact_state(preset):
    # spiral-adam: Adam + shuffled mini-batches of 32; blobs-softmax: momentum + batches of 16
    session = _session(preset)
    tl = Timeline(recent=40)
    truth = _record_run(session, 700, tl)
    steps = tl.recorded_steps()
    assert steps.size > 40
    for s in steps:
        _assert_same_state(tl.state_at(s), truth[int(s)])
        for x, y in zip(tl.params_at(s), truth[int(s)]["params"]):
            assert np.array_equal(x, y)


@pytest.mark.parametrize("preset", ["spiral-adam", "imbalanced-focal"])
def test_restored_weights_equal_a_second_run_straight_to_that_step(preset):
    session = _session(preset)
    tl = Timeline(recent=30)
    _record_run(session, 400, tl)
    target = int(tl.recorded_steps()[len(tl.recorded_steps()) // 2])
    assert 0 < target < 400

    straight = _session(preset).trainer
    straight.run_steps(target)
    restored = _session(preset).trainer
    restored.load_state_dict(tl.state_at(target))
    for x, y in zip(restored.network.params(), straight.network.params()):
        assert np.array_equal(x, y)


def test_resuming_from_a_restored_step_trains_on_exactly_like_the_straight_run():
    preset = "spiral-adam"  # Adam moments, t, and the epoch's permutation all have to come back
    session = _session(preset)
    tl = Timeline(recent=25)
    _record_run(session, 300, tl)
    back = tl.nearest(137)
    assert back is not None and back <= 137

    t = session.trainer
    t.load_state_dict(tl.state_at(back))
    tl.truncate_after(back)
    assert tl.last_step == back
    t.run_steps(300 - back, after_step=tl.record)

    straight = _session(preset).trainer
    straight.run_steps(300)
    for x, y in zip(t.network.params(), straight.network.params()):
        assert np.array_equal(x, y)
    assert t.rng.bit_generator.state == straight.rng.bit_generator.state
    # and the re-recorded later steps are the new (identical) ones
    _assert_same_state(tl.state_at(300), straight.state_dict())


def test_thinning_keeps_every_recent_step_and_sparser_ones_further_back():
    session = _session("xor-lecture")
    tl = Timeline(recent=50, factor=10)
    tl.record(session.trainer)
    session.trainer.run_steps(5000, after_step=tl.record)
    steps = tl.recorded_steps()
    assert np.array_equal(steps[-50:], np.arange(4951, 5001))  # every step of the last 50
    assert set(range(4500, 5001, 10)) <= set(steps.tolist())  # every 10th of the last 500
    assert set(range(0, 5001, 100)) <= set(steps.tolist())  # every 100th back to the start
    assert 4001 not in steps and 4010 not in steps  # thinned further back
    assert steps[0] == 0 and tl.first_step == 0
    assert tl.nearest(4003) == 4000
    assert tl.nearest(4960) == 4960


def test_memory_is_bounded_for_a_million_steps():
    """A 2-3-1 net: the thinning arithmetic bounds the rows; a cheap fake path checks the structure."""
    session = _session("xor-lecture", optimizer={"name": "adam", "learning_rate": 0.01})
    t = session.trainer
    t.run_steps(1)  # Adam's moments exist from here on
    tl = Timeline(recent=100)
    start = t.step
    n = 200_000
    for _ in range(n):  # the trainer's state is what is recorded; stepping numbers is enough here
        tl.record(t)
        t.step += 1
    # tiers of strides 1, 10, 100, 1000, 10000 cover 100 · 10⁴ = 10⁶ steps back; 200,000 need five
    assert [tier.stride for tier in tl._tiers] == [1, 10, 100, 1000, 10000]
    width = 11 + 13 * 3  # header + W, b + Adam's m and v
    rows_bytes = 5 * 100 * (width * 8 + 8)
    assert tl.nbytes <= rows_bytes + 4096
    assert tl.recorded_steps()[0] == start
    # the real default (1,000 rows per tier) for a million steps: five tiers of such rows
    assert 5 * 1000 * (width * 8 + 8) < 200 * 2**20 / 50


def test_truncate_after_forgets_later_steps_and_state_at_rejects_them():
    session = _session("xor-lecture")
    tl = Timeline(recent=20)
    _record_run(session, 60, tl)
    tl.truncate_after(30)
    assert tl.recorded_steps().max() == 30
    with pytest.raises(ValueError, match="not recorded"):
        tl.state_at(45)
    with pytest.raises(ValueError, match="nearest recorded step before it is 30"):
        tl.params_at(31)


def test_rerecording_a_step_replaces_it():
    # editing a weight re-records the current step; the timeline keeps the edited state
    session = _session("xor-lecture")
    t = session.trainer
    tl = Timeline(recent=20)
    _record_run(session, 10, tl)
    t.network.layers[0].W[0, 0] = 7.0
    tl.record(t)
    assert tl.params_at(10)[0][0, 0] == 7.0
    assert tl.last_step == 10


def test_optimizer_switch_mid_run_keeps_both_layouts():
    from model.optimizers import make_optimizer

    session = _session("xor-lecture")
    t = session.trainer
    tl = Timeline(recent=20)
    truth = _record_run(session, 5, tl)
    t.set_optimizer(make_optimizer("adam", 0.01))
    truth.update({k: v for k, v in _record_run(session, 5, tl).items()})
    _assert_same_state(tl.state_at(3), truth[3])  # SGD: no optimiser arrays
    _assert_same_state(tl.state_at(10), truth[10])  # Adam: m and v


def test_a_state_recorded_part_way_through_a_phase_step_resumes_exactly():
    # mid-step the epoch's permutation is drawn but not yet used up ("order_fresh")
    session = _session("spiral-adam")
    t = session.trainer
    t.run_steps(t.steps_per_epoch)  # at an epoch boundary: the next step draws a new permutation
    tl = Timeline(recent=20)
    t.step_phase()  # forward 1 of the first step of the epoch
    tl.record(t)
    state = tl.state_at(t.step)
    assert state["order_fresh"] is True

    resumed = _session("spiral-adam").trainer
    resumed.load_state_dict(state)
    resumed.run_steps(5)
    straight = _straight_trainer("spiral-adam", t.steps_per_epoch + 5)
    for x, y in zip(resumed.network.params(), straight.network.params()):
        assert np.array_equal(x, y)


def test_an_order_the_generator_did_not_draw_is_kept_as_it_was():
    session = _session("blobs-softmax")
    t = session.trainer
    tl = Timeline(recent=20)
    _record_run(session, 3, tl)
    m = t.X.shape[0]
    order = np.roll(t.rng.permutation(m), 1)  # the generator moved on by one draw, but this is not its draw
    t.set_progress(t.progress._replace(order=order, step=t.step + 1))
    tl.record(t)
    assert np.array_equal(tl.state_at(t.step)["order"], order)


def _straight_trainer(preset, steps):
    t = _session(preset).trainer
    t.run_steps(steps)
    return t
