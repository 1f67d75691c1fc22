"""Network: forward values, backprop against central finite differences for every activation ×
loss × optimizer combination, the lecture's worked example, extreme inputs, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.activations import ACTIVATIONS, activation_names
from model.gradcheck import PASS_THRESHOLD, gradient_check, relative_error
from model.losses import LOSSES, make_loss
from model.network import Layer, Network
from model.optimizers import make_optimizer
from model.trainer import Trainer

HIDDEN = activation_names(hidden=True)  # sigmoid, tanh, relu, leaky_relu, linear
N_IN, N_HIDDEN, N_OUT, M = 3, 4, 2, 5
TRAINING_LOSSES = [name for name, cls in LOSSES.items() if cls.training]
# every (output activation, training loss) pair the loss accepts for N_OUT output units
PAIRS = [
    (act, loss) for loss in TRAINING_LOSSES for act in ACTIVATIONS if LOSSES[loss]().check_output(act, N_OUT) is None
]
OPTIMIZERS = [("sgd", 0.1, {}), ("momentum", 0.1, {"momentum": 0.9}), ("adam", 0.01, {})]
H = 1e-6


def test_every_training_loss_has_a_compatible_output():
    assert {loss for _, loss in PAIRS} == set(TRAINING_LOSSES)
    assert len(PAIRS) >= 40


def _targets(loss_name, rng, m=M, k=N_OUT):
    kind = LOSSES[loss_name].kind
    if loss_name in ("cross_entropy", "label_smoothing_ce", "kl_div"):
        return np.eye(k)[rng.integers(0, k, m)]
    if kind == "classification":  # bce, focal, hinge: 0/1 labels
        return rng.integers(0, 2, (m, k)).astype(float)
    return rng.normal(0.0, 1.0, (m, k))


def _net(hidden, out, seed):
    return Network.from_sizes([N_IN, N_HIDDEN, N_OUT], [hidden, out], init="xavier", seed=seed)


def _numeric_gradients(net, loss, X, Y, h=H):
    """Central differences (L(θ+h) − L(θ−h)) / 2h for every parameter, restoring θ exactly."""
    out = []
    for p in net.params():
        g = np.zeros_like(p)
        flat, gflat = p.reshape(-1), g.reshape(-1)
        for k in range(flat.size):
            old = flat[k]
            flat[k] = old + h
            up = net.loss_value(X, Y, loss)
            flat[k] = old - h
            down = net.loss_value(X, Y, loss)
            flat[k] = old
            gflat[k] = (up - down) / (2 * h)
        out.append(g)
    return out


def _away_from_kinks(net, loss_name, X, Y, margin=1e-3):
    """No pre-activation at a ReLU kink and no error at a loss kink, where differences are one-sided."""
    Zs, As = net.forward(X)
    for layer, Z in zip(net.layers, Zs):
        if layer.activation in ("relu", "leaky_relu") and np.min(np.abs(Z)) < margin:
            return False
    e = Y - As[-1]
    if loss_name in ("mae", "quantile") and np.min(np.abs(e)) < margin:
        return False
    if loss_name == "huber" and np.min(np.abs(np.abs(e) - 1.0)) < margin:
        return False
    if loss_name == "hinge" and np.min(np.abs(1.0 - np.where(Y == 0, -1.0, Y) * As[-1])) < margin:
        return False
    return True


def _case(hidden, out, loss_name):
    """A small network and batch whose loss is smooth around the current parameters."""
    for seed in range(50):
        rng = np.random.default_rng(seed)
        net = _net(hidden, out, seed)
        X = rng.normal(0.0, 1.0, (M, N_IN))
        Y = _targets(loss_name, rng)
        if _away_from_kinks(net, loss_name, X, Y):
            return net, X, Y
    raise AssertionError("no smooth case found")  # pragma: no cover


def _assert_grad_close(analytic, numeric):
    for a, n in zip(analytic, numeric):
        np.testing.assert_allclose(a, n, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("out, loss_name", PAIRS, ids=[f"{a}-{l}" for a, l in PAIRS])
def test_backprop_and_one_optimizer_step_match_finite_differences(hidden, out, loss_name):
    loss = make_loss(loss_name)
    net, X, Y = _case(hidden, out, loss_name)
    numeric = _numeric_gradients(net, loss, X, Y)
    _assert_grad_close(net.gradients(X, Y, loss), numeric)

    for opt_name, lr, params in OPTIMIZERS:
        trainer = Trainer(net.copy(), loss, make_optimizer(opt_name, lr, **params), X, Y)
        before = [p.copy() for p in trainer.network.params()]
        assert trainer.run_steps(1) == 1
        dWs, dbs, _ = trainer.last_grads
        backprop = [g for pair in zip(dWs, dbs) for g in pair]
        _assert_grad_close(backprop, numeric)
        for p0, p1, g_bp, g_fd in zip(before, trainer.network.params(), backprop, numeric):
            step = p0 - p1
            if opt_name in ("sgd", "momentum"):  # v = 0 before the first step, so v ← g
                np.testing.assert_allclose(step, lr * g_fd, rtol=1e-5, atol=lr * 1e-8)
            else:
                # Adam's first step: m̂ = g, v̂ = g², so the step is lr·g / (|g| + ε); it is
                # ill-conditioned where |g| ≈ ε, so there the backprop gradient is used exactly.
                np.testing.assert_allclose(step, lr * g_bp / (np.abs(g_bp) + 1e-8), rtol=1e-12, atol=1e-15)
                well = np.abs(g_fd) > 1e-4
                np.testing.assert_allclose(step[well], (lr * g_fd / (np.abs(g_fd) + 1e-8))[well], rtol=1e-5)


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh"])
def test_gradcheck_module_passes_per_layer_and_restores_parameters(hidden):
    rng = np.random.default_rng(3)
    net = Network.from_sizes([2, 5, 4, 3], [hidden, hidden, "softmax"], seed=3)
    X = rng.normal(size=(6, 2))
    Y = np.eye(3)[rng.integers(0, 3, 6)]
    before = [p.copy() for p in net.params()]
    checks = gradient_check(net, make_loss("cross_entropy"), X, Y)
    assert [c.layer for c in checks] == [1, 2, 3]
    for c in checks:
        assert c.passed, c
        assert c.max_rel_error < PASS_THRESHOLD
    assert all(np.array_equal(a, b) for a, b in zip(before, net.params()))


def test_gradcheck_catches_a_wrong_gradient():
    rng = np.random.default_rng(4)
    net = Network.from_sizes([2, 3, 1], ["tanh", "sigmoid"], seed=4)
    X, Y = rng.normal(size=(4, 2)), rng.integers(0, 2, (4, 1)).astype(float)
    loss = make_loss("bce")
    grads = net.gradients(X, Y, loss)
    grads[0] = grads[0].copy()
    grads[0][1, 2] *= 1.5
    checks = gradient_check(net, loss, X, Y, grads=grads)
    assert not checks[0].passed
    assert checks[0].worst_index == (1, 2)
    assert checks[1].passed


def test_relative_error_is_symmetric_and_floored():
    assert relative_error(1.0, 1.0) == 0.0
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(1.0, 3.0) == pytest.approx(0.5)
    assert relative_error(3.0, 1.0) == pytest.approx(0.5)


@settings(max_examples=30, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
    hidden=st.sampled_from(["sigmoid", "tanh", "linear"]),
    seed=st.integers(0, 10_000),
    m=st.integers(1, 4),
)
def test_any_shape_backprop_matches_finite_differences(sizes, hidden, seed, m):
    rng = np.random.default_rng(seed)
    acts = [hidden] * (len(sizes) - 2) + ["linear"]
    net = Network.from_sizes(sizes, acts, init="xavier", seed=seed)
    X = rng.normal(size=(m, sizes[0]))
    Y = rng.normal(size=(m, sizes[-1]))
    loss = make_loss("mse")
    _assert_grad_close(net.gradients(X, Y, loss), _numeric_gradients(net, loss, X, Y))


# -- forward and the lecture's equations --------------------------------------------------
def test_forward_keeps_every_z_and_a_row_major():
    net = Network.from_sizes([2, 3, 1], ["sigmoid", "sigmoid"], init="lecture", seed=43)
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Zs, As = net.forward(X)
    assert [z.shape for z in Zs] == [(4, 3), (4, 1)]
    assert [a.shape for a in As] == [(4, 2), (4, 3), (4, 1)]
    assert As[0] is X or np.array_equal(As[0], X)
    W1, b1, W2, b2 = net.params()
    np.testing.assert_allclose(Zs[0], X @ W1 + b1, rtol=0, atol=1e-15)
    np.testing.assert_allclose(As[1], 1 / (1 + np.exp(-Zs[0])), rtol=1e-15, atol=1e-16)
    np.testing.assert_allclose(Zs[1], As[1] @ W2 + b2, rtol=0, atol=1e-15)
    np.testing.assert_allclose(net.predict(X), As[2])


def test_backward_is_the_lectures_equations():
    """δ(L) = (a − y)/m ⊙ σ′(z), δ(l) = δ(l+1) W(l+1)ᵀ ⊙ σ′(z(l)), dW = A(l−1)ᵀ δ, db = Σ δ."""
    net = Network.from_sizes([2, 3, 1], ["sigmoid", "sigmoid"], init="lecture", seed=43)
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    Zs, As = net.forward(X)
    deltas, dWs, dbs = net.backward(Zs, As, Y, make_loss("mse", half=True))
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    d2 = (As[2] - Y) / 4 * sig(Zs[1]) * (1 - sig(Zs[1]))
    d1 = d2 @ net.layers[1].W.T * sig(Zs[0]) * (1 - sig(Zs[0]))
    np.testing.assert_allclose(deltas[1], d2, rtol=1e-12)
    np.testing.assert_allclose(deltas[0], d1, rtol=1e-12)
    np.testing.assert_allclose(dWs[1], As[1].T @ d2, rtol=1e-12)
    np.testing.assert_allclose(dWs[0], X.T @ d1, rtol=1e-12)
    np.testing.assert_allclose(dbs[1], d2.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(dbs[0], d1.sum(axis=0), rtol=1e-12)


def test_worked_example_forward_values():
    """The published numbers: net_h1 = 0.3775, out_h1 = 0.593269992, out_o1 = 0.75136507, E = 0.298371109."""
    net = Network(
        [
            Layer([[0.15, 0.25], [0.20, 0.30]], [0.35, 0.35], "sigmoid"),
            Layer([[0.40, 0.50], [0.45, 0.55]], [0.60, 0.60], "sigmoid"),
        ]
    )
    X, Y = np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]])
    Zs, As = net.forward(X)
    assert Zs[0][0, 0] == pytest.approx(0.3775, abs=1e-12)
    assert As[1][0, 0] == pytest.approx(0.593269992, abs=1e-9)
    assert As[1][0, 1] == pytest.approx(0.596884378, abs=1e-9)
    assert As[2][0, 0] == pytest.approx(0.75136507, abs=1e-8)
    assert As[2][0, 1] == pytest.approx(0.772928465, abs=1e-9)
    assert net.loss_value(X, Y, make_loss("mse", half=True, reduction="sum")) == pytest.approx(0.298371109, abs=1e-9)


def test_1d_input_is_one_sample_or_one_feature():
    net = Network.from_sizes([2, 1], ["linear"], seed=0)
    assert net.predict(np.array([1.0, 2.0])).shape == (1, 1)
    net1 = Network.from_sizes([1, 1], ["linear"], seed=0)
    assert net1.predict(np.array([1.0, 2.0, 3.0])).shape == (3, 1)


# -- extreme inputs: no floating-point error from activations or the network ----------------
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize(
    "out, loss_name",
    [
        ("sigmoid", "bce"),
        ("sigmoid", "mse"),
        ("tanh", "hinge"),
        ("sigmoid", "focal"),
        ("linear", "huber"),
        ("relu", "log_cosh"),
        ("softmax", "cross_entropy"),
        ("softmax", "mse"),
    ],
)
def test_saturated_network_forward_backward_raises_no_fp_error(hidden, out, loss_name):
    rng = np.random.default_rng(0)
    net = _net(hidden, out, 0)
    for p in net.params():
        p *= 300.0  # |z| in the hundreds to thousands: every sigmoid/tanh/softmax saturates
    X = rng.normal(0.0, 10.0, (M, N_IN))
    Y = _targets(loss_name, rng)
    loss = make_loss(loss_name)
    with np.errstate(all="raise"):
        Zs, As = net.forward(X)
        assert np.max(np.abs(Zs[0])) > 100
        _, dWs, dbs = net.backward(Zs, As, Y, loss)
        value = loss.value(Y, As[-1])
    assert np.isfinite(value)
    assert all(np.all(np.isfinite(g)) for g in dWs + dbs)


def test_huge_inputs_to_a_sigmoid_net_stay_finite_under_raise():
    net = Network.from_sizes([2, 3, 1], ["sigmoid", "sigmoid"], init="lecture", seed=43)
    X = np.array([[1e4, -1e4], [-1e4, 1e4], [1e300, 0.0]])
    with np.errstate(all="raise"):
        A = net.predict(X[:2])
    assert np.all((A >= 0) & (A <= 1))


# -- structure and bad input --------------------------------------------------------------
def test_structure_properties():
    net = Network.from_sizes([2, 8, 8, 1], ["relu", "relu", "sigmoid"], init="he", seed=1)
    assert net.sizes == [2, 8, 8, 1]
    assert net.activations == ["relu", "relu", "sigmoid"]
    assert net.n_params == 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1
    assert net.param_shapes() == [(2, 8), (8,), (8, 8), (8,), (8, 1), (1,)]
    assert [l.fan_in for l in net.layers] == [2, 8, 8]


def test_params_are_live_and_set_params_keeps_the_arrays():
    net = Network.from_sizes([2, 2], ["linear"], seed=0)
    W = net.layers[0].W
    net.set_params([np.ones((2, 2)), np.full(2, 3.0)])
    assert net.layers[0].W is W
    assert np.array_equal(W, np.ones((2, 2)))
    assert net.params()[0] is W


def test_copy_is_independent():
    net = Network.from_sizes([2, 2], ["linear"], seed=0)
    other = net.copy()
    other.layers[0].W += 1.0
    assert not np.array_equal(net.layers[0].W, other.layers[0].W)


def test_dict_round_trip():
    net = Network.from_sizes([2, 3, 2], ["tanh", "softmax"], seed=5)
    back = Network.from_dict(net.to_dict())
    assert back.activations == net.activations
    assert all(np.array_equal(a, b) for a, b in zip(net.params(), back.params()))


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: Layer(np.zeros(3), np.zeros(3), "linear"), "2-D"),
        (lambda: Layer(np.zeros((2, 3)), np.zeros(2), "linear"), "needs 3 biases"),
        (lambda: Layer(np.zeros((2, 3)), np.zeros(3), "swish"), "unknown activation 'swish'"),
        (lambda: Network([]), "at least one layer"),
        (
            lambda: Network(
                [Layer(np.zeros((2, 3)), np.zeros(3), "tanh"), Layer(np.zeros((2, 1)), np.zeros(1), "tanh")]
            ),
            "layer 1 has 3 units but layer 2 expects 2 inputs",
        ),
        (lambda: Network.from_sizes([2, 3, 1], ["softmax", "sigmoid"]), "only be used on the output layer"),
        (lambda: Network.from_sizes([2, 3, 1], ["tanh"]), "2 layers need 2 activations"),
        (lambda: Network.from_sizes([2, 3, 1], "tanh", init="orthogonal"), "unknown initializer"),
        (lambda: Network.from_sizes([2, 0, 1], "tanh"), "size ≥ 1"),
        (lambda: Network.from_dict({}), "'layers'"),
        (
            lambda: Network.from_dict({"layers": [{"weights": [[1.0]], "activation": "linear"}]}),
            "layer 1 needs 'biases'",
        ),
        (
            lambda: Network.from_dict(
                {"layers": [{"weights": [[float("nan")]], "biases": [0.0], "activation": "linear"}]}
            ),
            "layer 1 has a non-finite weight",
        ),
        (
            lambda: Network.from_dict(
                {"layers": [{"weights": [[1.0]], "biases": [float("inf")], "activation": "linear"}]}
            ),
            "layer 1 has a non-finite bias",
        ),
        (lambda: Network.from_sizes([2, 1], "linear").forward(np.zeros((3, 5))), "expects 2 inputs per sample, got 5"),
    ],
)
def test_bad_structure_is_a_readable_value_error(build, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        build()


# -- initializers ---------------------------------------------------------------------------
def test_lecture_initializer_is_legacy_randn_in_order():
    net = Network.from_sizes([2, 3, 1], "sigmoid", init="lecture", seed=43)
    rs = np.random.RandomState(43)
    assert np.array_equal(net.layers[0].W, rs.randn(2, 3))
    assert np.array_equal(net.layers[1].W, rs.randn(3, 1))
    assert not np.any(net.layers[0].b) and not np.any(net.layers[1].b)


def test_xavier_and_he_are_seeded_with_the_right_scale():
    big = [200, 300, 100]
    x1 = Network.from_sizes(big, "tanh", init="xavier", seed=1)
    x2 = Network.from_sizes(big, "tanh", init="xavier", seed=1)
    x3 = Network.from_sizes(big, "tanh", init="xavier", seed=2)
    assert np.array_equal(x1.layers[0].W, x2.layers[0].W)
    assert not np.array_equal(x1.layers[0].W, x3.layers[0].W)
    r = np.sqrt(6 / (200 + 300))
    assert np.max(np.abs(x1.layers[0].W)) <= r
    assert np.std(x1.layers[0].W) == pytest.approx(r / np.sqrt(3), rel=0.05)
    he = Network.from_sizes(big, "relu", init="he", seed=1)
    assert np.std(he.layers[0].W) == pytest.approx(np.sqrt(2 / 200), rel=0.05)
    assert abs(np.mean(he.layers[0].W)) < 0.01
