"""Optimisers in PyTorch's conventions, against hand-written reference loops over several steps."""

import json
import math

import numpy as np
import pytest

from model.optimizers import OPTIMIZERS, make_optimizer, optimizer_from_dict, optimizer_names

SHAPES = [(3, 2), (2,), (2, 1), (1,)]


def _grad_sequence(n=6, seed=0):
    rng = np.random.default_rng(seed)
    return [[rng.normal(size=s) for s in SHAPES] for _ in range(n)]


def _params(seed=1):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=s) for s in SHAPES]


def _run(opt, params, grads_seq):
    params = [p.copy() for p in params]
    for grads in grads_seq:
        opt.step(params, grads)
    return params


def ref_sgd(params, grads_seq, lr):
    out = []
    for i, p in enumerate(params):
        w = p.copy()
        for grads in grads_seq:
            w = w - lr * grads[i]
        out.append(w)
    return out


def ref_momentum(params, grads_seq, lr, mu):
    """torch.optim.SGD(momentum=μ, dampening=0): v ← μv + g (v₁ = g), w ← w − lr·v."""
    out = []
    for i, p in enumerate(params):
        w, v = p.copy(), np.zeros_like(p)
        for grads in grads_seq:
            v = mu * v + grads[i]
            w = w - lr * v
        out.append(w)
    return out


def ref_adam(params, grads_seq, lr, b1, b2, eps):
    """torch.optim.Adam: bias-corrected moments, ε added outside the square root."""
    out = []
    for i, p in enumerate(params):
        w, m, v = p.copy(), np.zeros_like(p), np.zeros_like(p)
        for t, grads in enumerate(grads_seq, start=1):
            g = grads[i]
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            m_hat = m / (1 - b1**t)
            v_hat = v / (1 - b2**t)
            w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
        out.append(w)
    return out


def _close(a, b):
    for x, y in zip(a, b):
        np.testing.assert_allclose(x, y, rtol=1e-13, atol=1e-15)


def test_registry_and_defaults():
    assert optimizer_names() == ["sgd", "momentum", "adam"]
    assert make_optimizer("momentum").params == {"momentum": 0.9}
    assert make_optimizer("adam").params == {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    for name, cls in OPTIMIZERS.items():
        assert cls.name == name and cls.label and cls.formula


def test_sgd_matches_reference():
    grads = _grad_sequence()
    opt = make_optimizer("sgd", 0.3)
    _close(_run(opt, _params(), grads), ref_sgd(_params(), grads, 0.3))
    assert opt.t == len(grads)
    assert opt.state == {}


@pytest.mark.parametrize("mu", [0.9, 0.5, 0.0])
def test_momentum_matches_pytorch_convention(mu):
    grads = _grad_sequence()
    opt = make_optimizer("momentum", 0.05, momentum=mu)
    _close(_run(opt, _params(), grads), ref_momentum(_params(), grads, 0.05, mu))


def test_momentum_first_step_is_plain_sgd():
    """PyTorch's v₁ = g (not (1 − μ)g): the first step equals SGD's."""
    grads = _grad_sequence(1)
    _close(_run(make_optimizer("momentum", 0.1), _params(), grads), ref_sgd(_params(), grads, 0.1))


@pytest.mark.parametrize("b1, b2, eps", [(0.9, 0.999, 1e-8), (0.5, 0.9, 1e-3)])
def test_adam_matches_pytorch_convention(b1, b2, eps):
    grads = _grad_sequence(8)
    opt = make_optimizer("adam", 0.01, beta1=b1, beta2=b2, eps=eps)
    _close(_run(opt, _params(), grads), ref_adam(_params(), grads, 0.01, b1, b2, eps))
    assert opt.t == 8


def test_adam_first_step_moves_every_weight_by_about_lr():
    grads = _grad_sequence(1)
    before = _params()
    after = _run(make_optimizer("adam", 0.01), before, grads)
    for p0, p1, g in zip(before, after, grads[0]):
        np.testing.assert_allclose(p0 - p1, 0.01 * np.sign(g), rtol=1e-6)


def test_eps_is_outside_the_square_root():
    """With g = 0 after a step of g = 1e-6, eps inside the root would give a different step."""
    opt = make_optimizer("adam", 1.0, eps=1e-4)
    p = [np.zeros(1)]
    opt.step(p, [np.full(1, 1e-6)])
    # m̂ = g, v̂ = g² → step = g / (|g| + eps)
    assert p[0][0] == pytest.approx(-1e-6 / (1e-6 + 1e-4), rel=1e-12)


@pytest.mark.parametrize("name, params", [("sgd", {}), ("momentum", {"momentum": 0.8}), ("adam", {"beta1": 0.8})])
def test_state_round_trip_resumes_bit_for_bit(name, params):
    grads = _grad_sequence(6)
    straight = make_optimizer(name, 0.02, **params)
    p_straight = _run(straight, _params(), grads)

    first = make_optimizer(name, 0.02, **params)
    p = _run(first, _params(), grads[:3])
    saved = json.loads(json.dumps(first.to_dict()))
    resumed = optimizer_from_dict(saved, shapes=SHAPES)
    assert resumed.t == 3
    p = _run(resumed, p, grads[3:])
    for a, b in zip(p, p_straight):
        assert np.array_equal(a, b)


def test_get_state_is_a_copy():
    opt = make_optimizer("momentum", 0.1)
    p = _params()
    opt.step(p, _grad_sequence(1)[0])
    state = opt.get_state()
    state["velocity"][0][...] = 99.0
    assert not np.any(opt.state["velocity"][0] == 99.0)


def test_set_state_checks_shapes():
    opt = make_optimizer("adam")
    with pytest.raises(ValueError, match="optimizer state 'm' does not match the network's shapes"):
        opt.set_state({"t": 1, "m": [np.zeros((2, 2))], "v": [np.zeros((2, 2))]}, shapes=SHAPES)


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: make_optimizer("rmsprop"), "unknown optimizer 'rmsprop'; choose one of: sgd, momentum, adam"),
        (lambda: make_optimizer("sgd", 0.0), "positive finite number"),
        (lambda: make_optimizer("sgd", -1), "positive finite number"),
        (lambda: make_optimizer("sgd", math.inf), "positive finite number"),
        (lambda: make_optimizer("sgd", "fast"), "must be a number, got 'fast'"),
        (lambda: make_optimizer("momentum", 0.1, momentum=1.5), "momentum must be between"),
        (lambda: make_optimizer("adam", 0.1, beta3=0.1), "has no parameter 'beta3'"),
        (lambda: make_optimizer("sgd", 0.1, momentum=0.9), "has no parameter 'momentum'"),
        (lambda: optimizer_from_dict({"learning_rate": 0.1}), "needs a 'name'"),
    ],
)
def test_bad_settings_are_readable_value_errors(build, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        build()
