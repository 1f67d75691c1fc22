"""The trainer's progress is public (Progress, abort_step, current_batch) and a session is rebuilt in
one place (Session.rebuild, Session.settings_dict)."""

import numpy as np
import pytest

from model import Session
from model.session import PROGRESS_KEYS, REBUILD_KEYS
from model.trainer import Progress


def _trainer(name, **overrides):
    return Session.from_preset(name, **overrides).trainer


# -- Progress -----------------------------------------------------------------------------------------
def test_progress_is_a_frozen_value_of_how_far_training_got():
    t = _trainer("spiral-adam")
    t.run_steps(t.steps_per_epoch + 3)
    p = t.progress
    assert isinstance(p, Progress)
    assert (p.step, p.epoch, p.batch_pos) == (t.steps_per_epoch + 3, 1, 3 * t.batch_size)
    assert p.epoch_count == 3 * t.batch_size and p.epoch_sum > 0 and not p.order_fresh
    with pytest.raises(AttributeError):
        p.step = 0
    assert not p.order.flags.writeable  # shared, never written: the timeline keeps it by identity
    with pytest.raises(ValueError):
        p.order[0] = 1
    t.run_steps(1)
    assert p.step == t.steps_per_epoch + 3  # a value: it does not follow the trainer
    s = t.state_dict()
    q = t.progress
    assert (q.step, q.epoch, q.batch_pos, q.order_fresh) == (s["step"], s["epoch"], s["batch_pos"], s["order_fresh"])
    assert (q.epoch_sum, q.epoch_loss_sum, q.epoch_correct, q.epoch_count) == tuple(s["epoch_acc"])


def test_set_progress_continues_bit_for_bit_and_refuses_what_does_not_fit():
    a, b = _trainer("spiral-adam"), _trainer("spiral-adam")
    a.run_steps(17)
    b.network.set_params(a.network.params())
    b.optimizer.set_state(a.optimizer.get_state(), b.network.param_shapes())
    b.rng.bit_generator.state = a.rng.bit_generator.state
    b.set_progress(a.progress)
    a.run_steps(30)
    b.run_steps(30)
    assert all(np.array_equal(x, y) for x, y in zip(a.network.params(), b.network.params()))
    before = b.progress
    m = b.X.shape[0]
    for bad, words in [
        (before._replace(order=np.arange(m - 1)), "shuffled list"),
        (before._replace(order=np.zeros(m, dtype=int)), "shuffled list"),
        (before._replace(batch_pos=m), "start of a batch"),
        (before._replace(order=None, batch_pos=32), "start of a batch"),
        (before._replace(step=-1), "at least 0"),
    ]:
        with pytest.raises(ValueError, match=words):
            b.set_progress(bad)
        assert b.progress == before or b.progress._replace(order=None) == before._replace(order=None)


# -- abort_step and current_batch ------------------------------------------------------------------------
def test_abort_step_is_public_and_takes_back_the_steps_loss():
    t = _trainer("xor-lecture")
    for _ in range(3):
        t.step_phase()  # forward, forward, loss
    assert t.in_step and t.history.loss.n == 1
    t.abort_step()
    assert not t.in_step and t.history.loss.n == 0 and t.step == 0
    t.abort_step()  # nothing in progress: nothing happens
    assert t.run_steps(1) == 1


def test_current_batch_is_the_next_steps_batch_and_changes_nothing():
    t = _trainer("spiral-adam")
    t.run_steps(t.steps_per_epoch)  # the next step starts an epoch: its permutation is not drawn yet
    rng = t.rng.bit_generator.state
    X, Y = t.current_batch()
    assert t.rng.bit_generator.state == rng and t.progress.order_fresh is False
    first = t.step_phase()
    np.testing.assert_array_equal(first.values["a_prev"], X)
    np.testing.assert_array_equal(t.current_batch()[0], X)  # the step in progress: its own batch
    np.testing.assert_array_equal(t.current_batch()[1], Y)
    t.finish_step()
    X2, _ = t.current_batch()
    assert X2.shape == X.shape and not np.array_equal(X2, X)
    full = _trainer("xor-lecture")
    assert full.current_batch()[0] is full.X


# -- one home for "a new session without progress" ----------------------------------------------------------
def test_settings_dict_is_the_session_without_progress():
    s = Session.from_preset("blobs-softmax")
    s.trainer.run_steps(40)
    d = s.settings_dict()
    assert not set(d) & (set(PROGRESS_KEYS) - {"network"})
    assert "network" not in d  # weights come from the architecture's seed
    assert "state" not in d["optimizer"]
    fresh = Session.from_dict(d)
    assert fresh.trainer.step == 0
    ref = Session.from_preset("blobs-softmax")
    assert all(np.array_equal(a, b) for a, b in zip(fresh.trainer.network.params(), ref.trainer.network.params()))
    explicit = Session.from_preset("worked-example")
    explicit.trainer.run_steps(3)
    assert explicit.settings_dict()["network"]["layers"][0]["weights"] == [[0.15, 0.25], [0.20, 0.30]]


def test_rebuild_replaces_settings_and_starts_over():
    s = Session.from_preset("xor-lecture")
    s.trainer.run_steps(10)
    r = s.rebuild({"architecture": {"sizes": [2, 5, 1], "activations": ["tanh", "sigmoid"]}, "seed": 7})
    assert r.trainer.network.sizes == [2, 5, 1] and r.trainer.step == 0 and r.trainer.seed == 7
    assert r.trainer.history.loss.n == 0
    assert s.trainer.step == 10  # the old session is left as it was
    moons = s.rebuild({"data": {"name": "blobs", "seed": 0, "classes": 3}})
    assert moons.trainer.network.sizes == [2, 3, 3]  # the data decides the input and output widths
    lr = s.rebuild({"optimizer": {"name": "sgd", "learning_rate": 0.5}})
    assert lr.trainer.optimizer.learning_rate == 0.5 and lr.trainer.network.sizes == [2, 3, 1]


def test_rebuilding_the_train_biases_keeps_explicit_weights_and_names():
    s = Session.from_preset("worked-example")
    r = s.rebuild({"architecture": {"train_biases": [True, True]}})
    assert r.trainer.train_biases == (True, True)
    assert r.trainer.network.layers[1].W.tolist() == [[0.40, 0.50], [0.45, 0.55]]
    assert r.weight_names == s.weight_names
    resized = s.rebuild({"architecture": {"sizes": [2, 3, 2]}})
    assert resized.weight_names is None and resized.trainer.train_biases == (True, True)


@pytest.mark.parametrize(
    "changes, words",
    [
        ([1], "must be an object"),
        ({"epoch": 3}, "cannot rebuild with 'epoch'; the keys are: " + ", ".join(REBUILD_KEYS)),
        ({"architecture": 5}, "must be an object"),
        ({"data": "xor"}, "must be an object"),
        ({"architecture": {"sizes": [2, 0, 1]}}, "at least 1"),
        ({"architecture": {"train_biases": [True]}}, "one per layer"),
    ],
)
def test_a_bad_rebuild_is_one_line_and_changes_nothing(changes, words):
    s = Session.from_preset("xor-lecture")
    s.trainer.run_steps(5)
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        s.rebuild(changes)
    assert s.trainer.step == 5


def test_reset_is_a_new_session_from_the_settings():
    s = Session.from_preset("spiral-adam")
    s.trainer.run_steps(20)
    r = s.reset()
    ref = Session.from_preset("spiral-adam")
    assert r.trainer.step == 0
    assert all(np.array_equal(a, b) for a, b in zip(r.trainer.network.params(), ref.trainer.network.params()))
