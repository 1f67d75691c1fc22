"""Optimisers in PyTorch's conventions, against hand-written reference loops over several steps, and against
torch.optim itself (training a small network) when torch happens to be installed."""

import json
import math

import numpy as np
import pytest

from model import Session
from model.optimizers import OPTIMIZERS, Nesterov, Optimizer, make_optimizer, optimizer_from_dict, optimizer_names

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


def ref_nesterov(params, grads_seq, lr, mu):
    """torch.optim.SGD(momentum=μ, nesterov=True), one float at a time: b ← μb + g, w ← w − lr·(g + μb)."""
    out = []
    for i, p in enumerate(params):
        flat = []
        for k, w in enumerate(p.ravel().tolist()):
            b = 0.0
            for grads in grads_seq:
                g = grads[i].ravel()[k]
                b = mu * b + g
                w = w - lr * (g + mu * b)
            flat.append(w)
        out.append(np.array(flat).reshape(p.shape))
    return out


def ref_rmsprop(params, grads_seq, lr, alpha, eps):
    """torch.optim.RMSprop (centered=False, momentum=0), one float at a time:
    v ← αv + (1−α)g², w ← w − lr·g/(√v + ε)."""
    out = []
    for i, p in enumerate(params):
        flat = []
        for k, w in enumerate(p.ravel().tolist()):
            v = 0.0
            for grads in grads_seq:
                g = grads[i].ravel()[k]
                v = alpha * v + (1 - alpha) * g * g
                w = w - lr * g / (math.sqrt(v) + eps)
            flat.append(w)
        out.append(np.array(flat).reshape(p.shape))
    return out


def _close(a, b):
    for x, y in zip(a, b):
        np.testing.assert_allclose(x, y, rtol=1e-13, atol=1e-15)


def test_registry_and_defaults():
    assert optimizer_names() == ["sgd", "momentum", "adam", "rmsprop"]
    assert make_optimizer("momentum").params == {"momentum": 0.9, "nesterov": False}
    assert make_optimizer("adam").params == {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert make_optimizer("rmsprop").params == {"alpha": 0.99, "eps": 1e-8}  # torch's defaults
    for name, cls in OPTIMIZERS.items():
        assert cls.name == name and cls.label and cls.formula
        assert issubclass(cls, Optimizer) and (cls.__doc__ or "").strip()


def test_nesterov_is_momentum_with_its_switch_on_as_torch_spells_it():
    opt = make_optimizer("momentum", 0.05, momentum=0.8, nesterov=True)
    assert type(opt) is Nesterov and opt.name == "momentum"
    d = opt.to_dict(with_state=False)
    assert d == {"name": "momentum", "learning_rate": 0.05, "momentum": 0.8, "nesterov": True}
    assert type(optimizer_from_dict(d)) is Nesterov
    assert type(make_optimizer("momentum", 0.05, nesterov=False)) is OPTIMIZERS["momentum"]
    assert "μ·v" in opt.formula and opt.formula != OPTIMIZERS["momentum"].formula
    with pytest.raises(ValueError, match="nesterov must be False or True, got 'yes'"):
        make_optimizer("momentum", 0.1, nesterov="yes")
    with pytest.raises(ValueError, match="needs nesterov = true"):
        Nesterov(0.1, nesterov=False)


@pytest.mark.parametrize("mu", [0.9, 0.5, 0.0])
def test_nesterov_matches_a_plain_python_reference(mu):
    grads = _grad_sequence()
    opt = make_optimizer("momentum", 0.05, momentum=mu, nesterov=True)
    _close(_run(opt, _params(), grads), ref_nesterov(_params(), grads, 0.05, mu))
    assert opt.t == len(grads)


@pytest.mark.parametrize("alpha, eps", [(0.99, 1e-8), (0.9, 1e-3), (0.0, 1e-6)])
def test_rmsprop_matches_a_plain_python_reference(alpha, eps):
    grads = _grad_sequence()
    opt = make_optimizer("rmsprop", 0.01, alpha=alpha, eps=eps)
    _close(_run(opt, _params(), grads), ref_rmsprop(_params(), grads, 0.01, alpha, eps))
    assert opt.t == len(grads)


def test_nesterov_and_rmsprop_by_hand_on_one_weight():
    """w = 1, g = 0.5 then −0.25, γ = 0.1, worked out on paper in torch's conventions.

    Nesterov (μ = 0.9): v₁ = 0.5, w₁ = 1 − 0.1·(0.5 + 0.9·0.5) = 0.905; v₂ = 0.45 − 0.25 = 0.2,
    w₂ = 0.905 − 0.1·(−0.25 + 0.18) = 0.912.
    RMSprop (α = 0.9, ε = 1e-16): v₁ = 0.1·0.25 = 0.025, w₁ = 1 − 0.05/√0.025 = 1 − 1/√10;
    v₂ = 0.0225 + 0.00625 = 0.02875, w₂ = w₁ + 0.025/√0.02875.
    """

    def two_steps(opt):
        w = [np.array([1.0])]
        seen = []
        for g in (0.5, -0.25):
            opt.step(w, [np.array([g])])
            seen.append(float(w[0][0]))
        return seen

    nesterov = make_optimizer("momentum", 0.1, momentum=0.9, nesterov=True)
    assert two_steps(nesterov) == pytest.approx([0.905, 0.912], abs=1e-15)
    assert float(nesterov.state["velocity"][0][0]) == pytest.approx(0.2, abs=1e-15)
    rmsprop = make_optimizer("rmsprop", 0.1, alpha=0.9, eps=1e-16)
    w1 = 1 - 1 / math.sqrt(10)
    assert two_steps(rmsprop) == pytest.approx([w1, w1 + 0.025 / math.sqrt(0.02875)], abs=1e-14)
    assert float(rmsprop.state["square_avg"][0][0]) == pytest.approx(0.02875, abs=1e-16)


def test_rmsprop_first_step_divides_by_the_root_of_one_minus_alpha():
    """v₁ = (1 − α)g², no bias correction (torch): the first step is γ·g/(√(1−α)|g| + ε) ≈ 10γ·sign(g) at α = 0.99."""
    grads = _grad_sequence(1)
    before = _params()
    after = _run(make_optimizer("rmsprop", 0.001), before, grads)
    for p0, p1, g in zip(before, after, grads[0]):
        np.testing.assert_allclose(p0 - p1, 0.001 * g / (np.sqrt(0.01) * np.abs(g) + 1e-8), rtol=1e-12)


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


@pytest.mark.parametrize(
    "name, params",
    [
        ("sgd", {}),
        ("momentum", {"momentum": 0.8}),
        ("momentum", {"momentum": 0.8, "nesterov": True}),
        ("adam", {"beta1": 0.8}),
        ("rmsprop", {"alpha": 0.9}),
    ],
)
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
        (lambda: make_optimizer("adagrad"), "unknown optimizer 'adagrad'; choose one of: sgd, momentum, adam, rmsprop"),
        (lambda: make_optimizer("rmsprop", 0.1, alpha=1.5), "alpha must be between"),
        (lambda: make_optimizer("rmsprop", 0.1, momentum=0.9), "has no parameter 'momentum'"),
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


# --- the flat path (one vector) and the per-array path agree ---------------------------------------
@pytest.mark.parametrize(
    "name, params", [("momentum", {"nesterov": True}), ("rmsprop", {}), ("adam", {}), ("momentum", {}), ("sgd", {})]
)
def test_the_flat_vector_path_equals_the_per_array_path(name, params):
    grads_seq = _grad_sequence(5)
    per_array = _run(make_optimizer(name, 0.03, **params), _params(), grads_seq)
    opt = make_optimizer(name, 0.03, **params)
    flat_p = np.concatenate([p.ravel() for p in _params()])
    views, start = [], 0
    for shape in SHAPES:
        n = int(np.prod(shape))
        views.append(flat_p[start : start + n].reshape(shape))
        start += n
    for grads in grads_seq:
        flat_g = np.concatenate([g.ravel() for g in grads])
        opt.step(views, None, flat=(flat_p, flat_g))
    for a, b in zip(views, per_array):
        np.testing.assert_allclose(a, b, rtol=1e-15, atol=1e-16)


# --- against torch.optim: train the lecture's XOR network both ways ----------------------------------
TORCH_CASES = [
    ({"name": "sgd", "learning_rate": 0.5}, lambda torch, ps: torch.optim.SGD(ps, lr=0.5)),
    (
        {"name": "momentum", "learning_rate": 0.2, "momentum": 0.9},
        lambda torch, ps: torch.optim.SGD(ps, lr=0.2, momentum=0.9),
    ),
    (
        {"name": "momentum", "learning_rate": 0.2, "momentum": 0.9, "nesterov": True},
        lambda torch, ps: torch.optim.SGD(ps, lr=0.2, momentum=0.9, nesterov=True),
    ),
    ({"name": "adam", "learning_rate": 0.01}, lambda torch, ps: torch.optim.Adam(ps, lr=0.01)),
    ({"name": "rmsprop", "learning_rate": 0.01}, lambda torch, ps: torch.optim.RMSprop(ps, lr=0.01)),
    (
        {"name": "rmsprop", "learning_rate": 0.003, "alpha": 0.9, "eps": 1e-6},
        lambda torch, ps: torch.optim.RMSprop(ps, lr=0.003, alpha=0.9, eps=1e-6),
    ),
]


@pytest.mark.parametrize(
    "opt_dict, make_torch", TORCH_CASES, ids=["sgd", "momentum", "nesterov", "adam", "rmsprop", "rmsprop-alpha-eps"]
)
def test_training_matches_torch_optim(opt_dict, make_torch):
    torch = pytest.importorskip("torch")
    session = Session.from_preset("xor-lecture", optimizer=opt_dict)
    t = session.trainer
    X, Y = t.X.copy(), t.Y.copy()
    params = [torch.tensor(p.copy(), dtype=torch.float64, requires_grad=True) for p in t.network.params()]
    opt = make_torch(torch, params)
    steps = 300
    t.run_steps(steps)
    Xt, Yt = torch.tensor(X), torch.tensor(Y)
    for _ in range(steps):
        opt.zero_grad()
        A = Xt
        for k in range(0, len(params), 2):
            A = torch.sigmoid(A @ params[k] + params[k + 1])
        loss = 0.5 * torch.mean((A - Yt) ** 2)  # the lecture's ½·MSE
        loss.backward()
        opt.step()
    for ours, theirs in zip(t.network.params(), params):
        np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=0, atol=1e-9)


@pytest.mark.parametrize(
    "opt",
    [
        {"name": "rmsprop", "learning_rate": 0.01, "alpha": 0.9},
        {"name": "momentum", "learning_rate": 0.1, "nesterov": True},
    ],
    ids=["rmsprop", "nesterov"],
)
def test_a_session_file_keeps_the_new_optimizers_and_resumes_bit_for_bit(opt):
    straight = Session.from_preset("xor-lecture", optimizer=opt)
    straight.trainer.run_steps(40)
    first = Session.from_preset("xor-lecture", optimizer=opt)
    first.trainer.run_steps(25)
    saved = json.loads(json.dumps(first.to_dict()))
    assert {k: saved["optimizer"][k] for k in opt} == opt
    resumed = Session.from_dict(saved)
    assert type(resumed.trainer.optimizer) is type(straight.trainer.optimizer)
    resumed.trainer.run_steps(15)
    for a, b in zip(resumed.trainer.network.params(), straight.trainer.network.params()):
        assert np.array_equal(a, b)
