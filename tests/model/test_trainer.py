"""Trainer: phase path = fast path bit for bit, the phases and their values, the worked example,
the divergence guard, resuming, histories, and bad settings."""

import warnings

import numpy as np
import pytest

from model import Session
from model.losses import make_loss
from model.network import Layer, Network
from model.optimizers import make_optimizer
from model.trainer import Phase, Trainer, phase_plan, phase_title

IDENTITY_PRESETS = [
    "xor-lecture",
    "worked-example",
    "spiral-adam",
    "blobs-softmax",
    "imbalanced-focal",
    "circles-relu",
    "sine-regression",
    "vanishing-gradients",
]


def _trainer(name, **overrides):
    return Session.from_preset(name, **overrides).trainer


def _same_params(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a.network.params(), b.network.params()))


def _steps_for(t, epochs=2):
    return epochs * t.steps_per_epoch + 1  # ends part-way into an epoch


# -- two speeds, one arithmetic -----------------------------------------------------------------
@pytest.mark.parametrize("name", IDENTITY_PRESETS)
def test_phase_path_and_fast_path_are_bit_identical(name):
    fast, slow = _trainer(name), _trainer(name)
    n = min(_steps_for(fast), 40)
    assert fast.run_steps(n) == n
    for _ in range(n):
        phases = slow.step_phases()
        assert phases[-1].kind == "update"
    assert fast.step == slow.step == n
    assert fast.epoch == slow.epoch
    assert _same_params(fast, slow)
    assert fast.optimizer.t == slow.optimizer.t
    for key in fast.optimizer.state:
        assert all(np.array_equal(a, b) for a, b in zip(fast.optimizer.state[key], slow.optimizer.state[key]))
    assert np.array_equal(fast.history.loss.view(), slow.history.loss.view())
    assert np.array_equal(fast.history.report.view(), slow.history.report.view())
    assert np.array_equal(fast.history.epoch_report.view(), slow.history.epoch_report.view())
    assert fast.rng.bit_generator.state == slow.rng.bit_generator.state


def test_bit_identity_on_a_wider_network():
    """Layers wide enough for BLAS's blocked kernels, a short last batch, Adam, softmax + CE."""
    rng = np.random.default_rng(5)
    X = rng.normal(size=(90, 40))
    Y = np.eye(6)[rng.integers(0, 6, 90)]

    def make():
        net = Network.from_sizes([40, 64, 48, 6], ["tanh", "relu", "softmax"], init="he", seed=5)
        return Trainer(net, make_loss("cross_entropy"), make_optimizer("adam", 0.01), X, Y, batch_size=32, seed=5)

    fast, slow = make(), make()
    fast.run_steps(7)
    for _ in range(7):
        slow.step_phases()
    assert _same_params(fast, slow)
    assert np.array_equal(fast.history.loss.view(), slow.history.loss.view())


@pytest.mark.parametrize("name", ["spiral-adam", "blobs-softmax", "xor-lecture"])
def test_mixing_phases_and_whole_steps_is_bit_identical(name):
    straight, mixed = _trainer(name), _trainer(name)
    straight.run_steps(25)
    mixed.run_steps(3)
    mixed.step_phase()
    mixed.step_phase()
    assert mixed.in_step
    assert mixed.run_steps(5) == 5  # the step in progress is finished first and counts
    assert not mixed.in_step
    mixed.step_phases()
    for _ in range(3):
        mixed.step_phase()
    mixed.finish_step()
    mixed.run_steps(25 - mixed.step)
    assert mixed.step == straight.step == 25
    assert _same_params(straight, mixed)
    assert np.array_equal(straight.history.loss.view(), mixed.history.loss.view())


@pytest.mark.parametrize(
    "name, n_layers", [("xor-lecture", 2), ("vanishing-gradients", 7), ("blobs-softmax", 2), ("lr-too-large", 1)]
)
def test_phase_order_is_the_plan(name, n_layers):
    t = _trainer(name)
    phases = t.step_phases()
    plan = phase_plan(n_layers)
    assert [(p.kind, p.layer) for p in phases] == plan
    assert [p.index for p in phases] == list(range(len(plan)))
    assert all(p.step == 0 for p in phases)
    assert len(plan) == 3 * n_layers + 2
    assert [(p.kind, p.layer) for p in t.step_phases()] == plan
    assert t.current_phases[-1].step == 1


def test_phase_plan_and_titles():
    assert phase_plan(2) == [
        ("forward", 1),
        ("forward", 2),
        ("loss", None),
        ("delta", 2),
        ("delta", 1),
        ("gradient", 2),
        ("gradient", 1),
        ("update", None),
    ]
    assert phase_title("delta", 1, 2) == "Backward: δ(1) of hidden layer 1"
    assert phase_title("forward", 2, 2) == "Forward: z(2) and a(2) of the output layer"
    assert phase_title("update", None) == "Update: w ← w − γ·∂L/∂w"


def test_in_step_and_current_phases():
    t = _trainer("xor-lecture")
    assert not t.in_step and t.current_phases == []
    p = t.step_phase()
    assert isinstance(p, Phase) and p.kind == "forward" and p.layer == 1
    assert t.in_step
    assert t.step == 0
    rest = t.finish_step()
    assert [q.kind for q in rest][-1] == "update"
    assert not t.in_step
    assert t.step == 1
    assert len(t.current_phases) == 8
    assert t.finish_step() == []


def test_phase_values_are_read_only_copies():
    t = _trainer("xor-lecture")
    phases = t.step_phases()
    for p in phases:
        for key, v in p.values.items():
            arrays = v if isinstance(v, list) else [v]
            for a in arrays:
                if isinstance(a, np.ndarray):
                    assert not a.flags.writeable, (p.kind, key)
                    assert not np.shares_memory(a, t.network.layers[0].W)
                    assert not np.shares_memory(a, t.network.layers[1].W)
    update = phases[-1]
    W_after = [w.copy() for w in update.values["W"]]
    t.run_steps(50)
    assert all(np.array_equal(a, b) for a, b in zip(W_after, update.values["W"]))
    with pytest.raises(AttributeError):
        update.kind = "loss"  # a named tuple's fields cannot be set


def test_phase_values_hold_the_lectures_quantities():
    t = _trainer("xor-lecture")
    before = [p.copy() for p in t.network.params()]
    ph = {(p.kind, p.layer): p.values for p in t.step_phases()}
    f1, f2 = ph[("forward", 1)], ph[("forward", 2)]
    np.testing.assert_array_equal(f1["a_prev"], t.X)
    np.testing.assert_allclose(f1["z"], t.X @ before[0] + before[1], rtol=1e-15)
    np.testing.assert_array_equal(f2["a_prev"], f1["a"])
    loss = ph[("loss", None)]
    assert loss["loss"] == pytest.approx(0.3741 / 2, abs=1e-4)  # ½·MSE trains, MSE is reported
    assert loss["report"] == pytest.approx(0.3741, abs=5e-5)
    d2 = ph[("delta", 2)]
    assert d2["fused"] is False
    np.testing.assert_allclose(d2["dA"], (f2["a"] - t.Y) / 4, rtol=1e-15)
    np.testing.assert_allclose(d2["fprime"], f2["a"] * (1 - f2["a"]), rtol=1e-15)
    np.testing.assert_allclose(d2["delta"], d2["dA"] * d2["fprime"], rtol=1e-15)
    d1 = ph[("delta", 1)]
    np.testing.assert_allclose(d1["back"], d2["delta"] @ before[2].T, rtol=1e-15)
    np.testing.assert_allclose(d1["delta"], d1["back"] * d1["fprime"], rtol=1e-15)
    g1 = ph[("gradient", 1)]
    np.testing.assert_allclose(g1["dW"], t.X.T @ d1["delta"], rtol=1e-15)
    np.testing.assert_allclose(g1["db"], d1["delta"].sum(axis=0), rtol=1e-15)
    up = ph[("update", None)]
    assert up["lr"] == 0.1
    np.testing.assert_array_equal(up["W_old"][0], before[0])
    np.testing.assert_array_equal(up["W"][0], t.network.layers[0].W)
    np.testing.assert_allclose(up["W"][0], before[0] - 0.1 * g1["dW"], rtol=1e-15)


def test_fused_output_delta_is_flagged():
    t = _trainer("blobs-softmax")
    d = next(p for p in t.step_phases() if p.kind == "delta")
    assert d.values["fused"] is True
    y_pred = t.current_phases[2].values["y_pred"]
    y_true = t.current_phases[2].values["y_true"]
    np.testing.assert_allclose(d.values["delta"], (y_pred - y_true) / y_true.shape[0], rtol=1e-12)


# -- the published worked example ---------------------------------------------------------------
def test_worked_example_one_step_gives_the_published_weights():
    t = _trainer("worked-example")
    phases = t.step_phases()
    loss = phases[2].values
    assert loss["loss"] == pytest.approx(0.298371109, abs=1e-9)
    delta_out = phases[3].values["delta"]
    assert delta_out[0, 0] == pytest.approx(0.138498562, abs=1e-9)
    assert phases[5].values["dW"][0, 0] == pytest.approx(0.082167041, abs=1e-9)  # ∂E/∂w5
    W1, W2 = t.network.layers[0].W, t.network.layers[1].W
    published = [
        (W2, 0, 0, 0.35891648),
        (W2, 1, 0, 0.408666186),
        (W2, 0, 1, 0.511301270),
        (W2, 1, 1, 0.561370121),
        (W1, 0, 0, 0.149780716),
        (W1, 1, 0, 0.19956143),
        (W1, 0, 1, 0.24975114),
        (W1, 1, 1, 0.29950229),
    ]
    for W, i, j, value in published:
        assert W[i, j] == pytest.approx(value, abs=1e-8)


def test_worked_example_fast_path_gives_the_same_weights():
    a, b = _trainer("worked-example"), _trainer("worked-example")
    a.run_steps(1)
    b.step_phases()
    assert _same_params(a, b)
    assert a.history.loss.view()[0] == pytest.approx(0.298371109, abs=1e-9)


# -- the divergence guard -----------------------------------------------------------------------
def test_lr_too_large_stops_restores_finite_weights_and_reports_the_step():
    t = _trainer("lr-too-large")
    done = t.run_epochs(600)
    d = t.diverged
    assert d is not None
    assert done == t.step == d.step - 1
    assert f"step {d.step}" in d.message and "restored the weights of step" in d.message
    assert "\n" not in d.message
    assert all(np.all(np.isfinite(p)) for p in t.network.params())
    assert t.history.loss.n == t.step and t.history.epoch_report.n == t.epoch
    assert np.all(np.isfinite(t.history.loss.view()))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss, report, _ = t.evaluate()
    assert np.isfinite(loss) and loss > 1e100  # the restored weights are finite and very wrong


def test_divergence_is_deterministic_and_restores_the_state_of_the_step_before():
    a = _trainer("lr-too-large")
    a.run_epochs(600)
    s = a.diverged.step
    b = _trainer("lr-too-large")
    b.run_steps(s - 1)
    assert b.diverged is None
    assert _same_params(a, b)
    assert np.array_equal(a.history.loss.view(), b.history.loss.view())
    a.run_steps(10)  # tries again from there: diverges at the same step
    assert a.diverged.step == s


def test_divergence_with_mini_batches_rewinds_the_shuffle():
    overrides = {"batch_size": 50}
    a = _trainer("lr-too-large", **overrides)
    a.run_epochs(1000)
    s = a.diverged.step
    assert s % a.steps_per_epoch == 0, "pick settings that diverge on an epoch's first batch"
    b = _trainer("lr-too-large", **overrides)
    b.run_steps(s - 1)
    assert _same_params(a, b)
    assert a.rng.bit_generator.state == b.rng.bit_generator.state
    assert np.array_equal(a._order, b._order)
    assert a.optimizer.t == b.optimizer.t
    a.run_steps(3)
    b.run_steps(3)
    assert a.diverged.step == b.diverged.step == s


def test_divergence_on_the_phase_path_ends_the_step_at_the_loss():
    fast = _trainer("lr-too-large")
    fast.run_epochs(600)
    slow = _trainer("lr-too-large")
    slow.run_steps(fast.diverged.step)
    phases = slow.step_phases() if not slow.diverged else []
    if slow.diverged is None:
        assert phases[-1].kind == "loss" and phases[-1].values["diverged"] is True
    assert slow.diverged.step == fast.diverged.step
    assert _same_params(fast, slow)


def test_a_non_finite_weight_stops_training_even_when_the_loss_stays_finite():
    # Inputs are all positive, so an infinite first-layer weight saturates its sigmoid to 1 and
    # the loss stays finite: only the parameter check catches it.
    rng = np.random.default_rng(0)
    X = rng.uniform(0.5, 1.0, (8, 2))
    Y = rng.uniform(0.0, 1.0, (8, 1))
    net = Network.from_sizes([2, 3, 1], ["sigmoid", "sigmoid"], seed=0)
    t = Trainer(net, make_loss("mse"), make_optimizer("sgd", 0.1), X, Y)
    t.run_steps(3)
    start_of_step_2 = None
    t2 = Trainer(
        Network.from_sizes([2, 3, 1], ["sigmoid", "sigmoid"], seed=0),
        make_loss("mse"),
        make_optimizer("sgd", 0.1),
        X,
        Y,
    )
    t2.run_steps(2)
    start_of_step_2 = [p.copy() for p in t2.network.params()]
    net.layers[0].W[0, 0] = np.inf
    assert np.isfinite(net.loss_value(X, Y, make_loss("mse")))
    assert t.run_steps(5) == 0
    assert t.diverged.step == 3
    assert "non-finite" in t.diverged.message
    assert t.step == 2
    assert all(np.array_equal(a, b) for a, b in zip(t.network.params(), start_of_step_2))


def test_divergence_on_the_first_step_keeps_the_weights():
    net = Network([Layer([[1e200]], [0.0], "linear")])
    t = Trainer(net, make_loss("mse"), make_optimizer("sgd", 0.1), [[1e200]], [[0.0]])
    assert t.run_steps(3) == 0
    assert t.diverged.step == 0
    assert "restored" not in t.diverged.message
    assert t.step == 0 and t.history.loss.n == 0
    assert net.layers[0].W[0, 0] == 1e200


def test_run_steps_clears_a_previous_divergence():
    t = _trainer("xor-lecture")
    t.diverged = "something"
    t.run_steps(1)
    assert t.diverged is None


# -- resuming --------------------------------------------------------------------------------------
@pytest.mark.parametrize("split", [10, 11, 37])  # an epoch's end, mid-epoch, another mid-epoch
def test_state_dict_resumes_bit_for_bit(split):
    straight = _trainer("spiral-adam")
    straight.run_steps(60)
    t = _trainer("spiral-adam")
    t.run_steps(split)
    state = t.state_dict()
    t.run_steps(7)  # wander off, then come back
    t.load_state_dict(state)
    assert t.step == split and t.history.loss.n == split
    t.run_steps(60 - split)
    assert _same_params(straight, t)
    assert np.array_equal(straight.history.loss.view(), t.history.loss.view())


def test_state_dict_is_a_copy():
    t = _trainer("xor-lecture")
    state = t.state_dict()
    t.run_steps(5)
    assert not np.array_equal(state["params"][0], t.network.layers[0].W)


def test_load_state_dict_mid_phase_aborts_the_step():
    t = _trainer("xor-lecture")
    state = t.state_dict()
    t.step_phase()
    t.load_state_dict(state)
    assert not t.in_step
    t.run_steps(1)
    ref = _trainer("xor-lecture")
    ref.run_steps(1)
    assert _same_params(ref, t)


# -- epochs, batches and histories -------------------------------------------------------------------
def test_mini_batch_epochs_and_histories():
    t = _trainer("blobs-softmax")
    t.track_accuracy = True
    m, bs = t.X.shape[0], t.batch_size
    assert t.steps_per_epoch == -(-m // bs)
    steps = t.run_epochs(3)
    assert steps == 3 * t.steps_per_epoch
    assert t.epoch == 3 and t.step == steps
    h = t.history
    assert h.loss.n == h.report.n == steps
    assert h.epoch_report.n == h.epoch_loss.n == h.epoch_accuracy.n == 3
    # an epoch's loss is the sample-weighted mean of its batches' losses
    sizes = [min(bs, m - i) for i in range(0, m, bs)]
    first = h.report.view()[: t.steps_per_epoch]
    assert h.epoch_report.view()[0] == pytest.approx(np.dot(first, sizes) / m, rel=1e-12)
    assert 0.0 <= h.epoch_accuracy.view()[-1] <= 1.0


def test_run_epochs_counts_the_rest_of_the_current_epoch():
    t = _trainer("spiral-adam")
    t.run_steps(3)
    t.run_epochs(1)
    assert t.epoch == 1 and t._batch_pos == 0
    assert t.step == t.steps_per_epoch
    assert t.run_epochs(0) == 0


def test_full_batch_epoch_report_is_the_step_report():
    t = _trainer("xor-lecture")
    t.run_epochs(5)
    assert np.array_equal(t.history.epoch_report.view(), t.history.report.view())
    assert np.array_equal(t.history.epoch_loss.view(), t.history.loss.view())
    np.testing.assert_allclose(t.history.report.view(), 2 * t.history.loss.view(), rtol=1e-15)


def test_shuffling_is_seeded():
    a, b = _trainer("spiral-adam"), _trainer("spiral-adam")
    c = _trainer("spiral-adam", seed=99)
    for t in (a, b, c):
        t.run_steps(5)
    assert _same_params(a, b)
    assert not _same_params(a, c)


def test_after_step_can_stop_the_run():
    t = _trainer("xor-lecture")
    seen = []
    assert t.run_steps(100, after_step=lambda tr: seen.append(tr.step) or tr.step >= 7) == 7
    assert seen == list(range(1, 8))


def test_grad_norms_and_last_grads():
    t = _trainer("vanishing-gradients")
    t.track_grad_norms = True
    t.run_steps(3)
    norms = t.history.grad_norms
    assert len(norms) == 7 and all(g.n == 3 for g in norms)
    dWs, dbs, deltas = t.last_grads
    assert [g.view()[-1] for g in norms] == pytest.approx([np.linalg.norm(dW) for dW in dWs], rel=1e-12)
    assert len(dbs) == len(deltas) == 7


def test_last_grads_are_the_networks_gradients():
    t = _trainer("blobs-softmax", batch_size=None)
    expected = t.network.gradients(t.X, t.Y, t.loss)
    t.run_steps(1)
    dWs, dbs, _ = t.last_grads
    for got, want in zip([g for pair in zip(dWs, dbs) for g in pair], expected):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


def test_history_view_grows_past_its_buffer():
    t = _trainer("xor-lecture")
    t.run_steps(3000)
    v = t.history.loss.view()
    assert v.shape == (3000,) and np.all(np.isfinite(v))


def test_evaluate():
    t = _trainer("xor-lecture")
    loss, report, acc = t.evaluate()
    assert report == pytest.approx(0.3741, abs=5e-5) and loss == pytest.approx(report / 2)
    assert acc == 0.5  # the untrained net gets two of the four XOR rows right
    t.run_steps(3)
    assert t.evaluate()[0] < loss


# -- settings -------------------------------------------------------------------------------------
def test_settings_take_effect():
    t = _trainer("xor-lecture")
    t.set_learning_rate(0.5)
    assert t.optimizer.learning_rate == 0.5
    t.set_optimizer(make_optimizer("adam", 0.01))
    t.run_steps(2)
    assert t.optimizer.t == 2
    t.set_batch_size(2)
    assert not t.full_batch and t.steps_per_epoch == 2
    t.set_batch_size(None)
    assert t.full_batch


def test_a_step_aborted_after_its_loss_phase_leaves_no_loss_behind():
    t = _trainer("xor-lecture")
    t.run_steps(2)
    for _ in range(4):
        t.step_phase()  # forward, forward, loss, delta
    assert t.history.loss.n == 3
    t.set_loss(make_loss("mse"))  # aborts the step
    assert not t.in_step
    assert t.step == 2 and t.history.loss.n == t.history.report.n == 2
    t.run_steps(1)
    assert t.history.loss.n == 3


def test_changing_the_data_in_the_middle_of_a_phase_step_starts_over():
    t = _trainer("spiral-adam")
    t.step_phase()  # the epoch's permutation is drawn
    X, Y = t.X[:40], t.Y[:40]
    t.set_data(X, Y)
    assert not t.in_step
    t.run_steps(3)
    assert t.step == 3


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.set_learning_rate(-1), "positive finite"),
        (lambda t: t.set_learning_rate("x"), "must be a number"),
        (lambda t: t.set_batch_size(0), "at least 1, got 0"),
        (lambda t: t.set_loss(make_loss("accuracy")), "a metric, not a training loss"),
        (lambda t: t.set_loss(make_loss("cross_entropy")), "softmax"),
        (lambda t: t.set_data(np.zeros((3, 2)), np.zeros((4, 1))), "same number of rows"),
        (lambda t: t.set_data(np.zeros((3, 5)), np.zeros((3, 1))), "5 input columns but the network has 2"),
        (lambda t: t.set_data(np.zeros((3, 2)), np.zeros((3, 2))), "2 target columns but the network has 1"),
        (lambda t: t.set_data([[np.nan, 0.0]], [[0.0]]), "non-finite"),
    ],
)
def test_bad_settings_raise_and_change_nothing(change, message):
    t = _trainer("xor-lecture")
    t.run_steps(2)
    before = (t.optimizer.learning_rate, t.batch_size, t.loss, t.X, t.Y)
    with pytest.raises(ValueError, match=message):
        change(t)
    assert (t.optimizer.learning_rate, t.batch_size, t.loss, t.X, t.Y) == before
    t.run_steps(1)
    assert t.step == 3
