"""Backprop checked against an independent reference: a scalar reverse-mode autograd in micrograd's style.

The reference shares no code with ``model/``: the network and every training loss are rebuilt here
from their definitions (the docstrings of ``model/losses.py``) out of scalar ``Value`` nodes, and
∂L/∂θ comes from the chain rule applied node by node in reverse topological order.  numpy only
generates the random cases and compares arrays; the reference itself computes with Python floats.

Compared against it, for random 2–3-layer networks with 1–4 units per layer and batches of 1–5:

1. ``Network.forward`` / ``backward`` / ``gradients`` and ``Loss.value`` / ``gradient``;
2. every record of ``trace_records(session, steps=1)`` (z, a, loss, δ, dW, db, updated W and b);
3. three steps of momentum and Adam through ``Trainer.run_steps`` against hand-written PyTorch-convention
   updates of the reference gradients;
4. the published worked example and the lecture's loss values, computed by the reference alone,
   as a check of the reference itself (plus a finite-difference check of its gradients).

The reference does not clip probabilities to [1e-12, 1 − 1e-12] as the model does: the random cases
keep every probability far from 0 and 1, where the clip changes nothing.
"""

import json
import math
import zlib

import numpy as np
import pytest

from model import Session
from model.losses import make_loss
from model.network import Layer, Network
from model.trace import trace_records

RTOL = 1e-9
# z, δ and gradients are sums whose terms the model adds in another order (BLAS); a value near 0
# is then off by a few ulps of its terms, so a small absolute tolerance is needed too.
ATOL = 1e-12


# =====================================================================================================
# The reference: a scalar reverse-mode autograd (after karpathy/micrograd, micrograd/engine.py)
# =====================================================================================================
class Value:
    """A scalar node: its value ``data``, ``grad`` = ∂(output)/∂(this), and how to pass ``grad`` to its inputs."""

    __slots__ = ("data", "grad", "_backward", "_prev", "_op")

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, k):
        if not isinstance(k, (int, float)):
            raise TypeError("only constant int or float exponents are supported")
        if self.data == 0.0 and k < 1:
            raise ValueError(f"x**{k} has no derivative at x = 0")
        out = Value(self.data**k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad

        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self):
        if self.data <= 0.0:
            raise ValueError(f"log of a non-positive number ({self.data})")
        out = Value(math.log(self.data), (self,), "log")

        def _backward():
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1.0 - t * t) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0.0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0.0 else 0.0) * out.grad  # 0 at the kink

        out._backward = _backward
        return out

    def backward(self):
        """Fill ``grad`` of every node this one depends on (children before parents, then in reverse)."""
        topo, seen = [], set()
        stack = [(self, False)]
        while stack:  # iterative post-order DFS: long sums would overflow a recursive one
            v, expanded = stack.pop()
            if expanded:
                topo.append(v)
                continue
            if id(v) in seen:
                continue
            seen.add(id(v))
            stack.append((v, True))
            stack.extend((c, False) for c in v._prev if id(c) not in seen)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other**-1

    def __rtruediv__(self, other):
        return other * self**-1

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"


def vsum(values):
    return sum(values, Value(0.0))


def vabs(x):
    return x.relu() + (-x).relu()


# -- activations, each row a list of Values --------------------------------------------------------
def _sigmoid(z):
    return 1.0 / (1.0 + (-z).exp())


def _leaky_relu(z):
    return z.relu() - 0.01 * (-z).relu()


REF_ACTIVATIONS = {
    "sigmoid": lambda row: [_sigmoid(z) for z in row],
    "tanh": lambda row: [z.tanh() for z in row],
    "relu": lambda row: [z.relu() for z in row],
    "leaky_relu": lambda row: [_leaky_relu(z) for z in row],
    "linear": lambda row: list(row),
    "softmax": lambda row: (lambda e: [x / vsum(e) for x in e])([z.exp() for z in row]),
}


def ref_forward(W, b, activations, X):
    """``z_j = Σ_i a_i W_ij + b_j``, ``a = f(z)`` row by row; returns (Zs, As) as lists of m × n Value tables."""
    A = [[Value(x) for x in row] for row in X]
    Zs, As = [], []
    for Wl, bl, act in zip(W, b, activations):
        Z = [[bl[j] + vsum(a[i] * Wl[i][j] for i in range(len(a))) for j in range(len(bl))] for a in A]
        A = [REF_ACTIVATIONS[act](z) for z in Z]
        Zs.append(Z)
        As.append(A)
    return Zs, As


# -- losses, from the definitions in model/losses.py's docstrings ------------------------------------
def ref_loss(name, params, Y, P):
    """The reduced loss of targets ``Y`` (m × k floats) and predictions ``P`` (m × k Values)."""
    m, k = len(P), len(P[0])
    N = m * k
    pairs = [(y, p) for yrow, prow in zip(Y, P) for y, p in zip(yrow, prow)]
    if name == "mse":
        scale = (0.5 if params.get("half", False) else 1.0) / (N if params.get("reduction", "mean") == "mean" else 1)
        return scale * vsum((y - p) ** 2 for y, p in pairs)
    if name == "mae":
        return vsum(vabs(y - p) for y, p in pairs) / N
    if name == "huber":
        d = params.get("delta", 1.0)
        terms = [0.5 * (y - p) ** 2 if abs(y - p.data) <= d else d * (vabs(y - p) - 0.5 * d) for y, p in pairs]
        return vsum(terms) / N
    if name == "log_cosh":
        return vsum((((p - y).exp() + (y - p).exp()) / 2.0).log() for y, p in pairs) / N
    if name == "quantile":
        q = params.get("quantile", 0.5)
        return vsum(q * (y - p) if y - p.data > 0 else (q - 1.0) * (y - p) for y, p in pairs) / N
    if name == "rmse":
        return (vsum((y - p) ** 2 for y, p in pairs) / N) ** 0.5
    if name == "bce":
        return -vsum(y * p.log() + (1.0 - y) * (1.0 - p).log() for y, p in pairs) / N
    if name in ("cross_entropy", "label_smoothing_ce"):
        eps = params.get("epsilon", 0.1) if name == "label_smoothing_ce" else 0.0
        return -vsum(((1.0 - eps) * y + eps / k) * p.log() for y, p in pairs) / m
    if name == "focal":
        g, alpha = params.get("gamma", 2.0), params.get("alpha")
        a_pos, a_neg = (1.0, 1.0) if alpha is None else (alpha, 1.0 - alpha)
        return (
            -vsum(y * a_pos * (1.0 - p) ** g * p.log() + (1.0 - y) * a_neg * p**g * (1.0 - p).log() for y, p in pairs)
            / N
        )
    if name == "kl_div":  # 0·log 0 = 0: a zero target contributes nothing
        return vsum(y * (math.log(y) - p.log()) for y, p in pairs if y > 0) / m
    if name == "hinge":
        return vsum((1.0 - (-1.0 if y == 0 else y) * p).relu() for y, p in pairs) / N
    raise ValueError(f"the reference has no loss {name!r}")


def _data(table):
    return [[v.data for v in row] for row in table]


def _grad(table):
    return [[v.grad for v in row] for row in table]


def reference(Ws, bs, activations, X, Y, loss_name, loss_params):
    """Forward, loss and backward by the scalar autograd, as plain nested lists of floats.

    ``Ws``/``bs`` are nested lists (W fan_in × fan_out, row-major).  Returns a dict with ``loss``,
    per layer ``Z``, ``A``, ``delta`` (= ∂L/∂z), ``dW``, ``db``, and ``dA`` (∂L/∂ŷ of the output).
    """
    W = [[[Value(w) for w in row] for row in Wl] for Wl in Ws]
    b = [[Value(x) for x in bl] for bl in bs]
    Zs, As = ref_forward(W, b, activations, X)
    L = ref_loss(loss_name, loss_params, Y, As[-1])
    L.backward()
    return {
        "loss": L.data,
        "Z": [_data(Z) for Z in Zs],
        "A": [_data(A) for A in As],
        "delta": [_grad(Z) for Z in Zs],
        "dA": _grad(As[-1]),
        "dW": [_grad(Wl) for Wl in W],
        "db": [[v.grad for v in bl] for bl in b],
    }


# =====================================================================================================
# Random cases
# =====================================================================================================
LOSS_CASES = [
    ("mse", {}),
    ("mse", {"half": True}),
    ("mse", {"reduction": "sum"}),
    ("mse", {"half": True, "reduction": "sum"}),
    ("mae", {}),
    ("huber", {"delta": 0.7}),
    ("log_cosh", {}),
    ("quantile", {"quantile": 0.8}),
    ("rmse", {}),
    ("bce", {}),
    ("cross_entropy", {}),
    ("label_smoothing_ce", {"epsilon": 0.2}),
    ("focal", {"gamma": 2.0, "alpha": 0.25}),
    ("focal", {"gamma": 1.5}),
    ("kl_div", {}),
    ("hinge", {}),
]
LOSS_IDS = [name + "".join(f"-{k}={v}" for k, v in params.items()) for name, params in LOSS_CASES]
SEEDS = range(6)

HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
SOFTMAX_LOSSES = ("cross_entropy", "label_smoothing_ce", "kl_div")
SIGMOID_LOSSES = ("bce", "focal")


def make_case(loss_name, loss_params, seed):
    """A random network (2–3 layers, 1–4 units each), a batch of 1–5 rows and targets that suit the loss."""
    rng = np.random.default_rng([seed, zlib.crc32(f"{loss_name}{sorted(loss_params.items())}".encode())])
    n_layers = int(rng.integers(2, 4))
    sizes = [int(rng.integers(1, 5)) for _ in range(n_layers + 1)]
    if loss_name in SOFTMAX_LOSSES:
        sizes[-1] = max(sizes[-1], 2)
        out_act = "softmax"
    elif loss_name in SIGMOID_LOSSES:
        out_act = "sigmoid"
    elif loss_name == "hinge":
        out_act = str(rng.choice(["linear", "tanh"]))
    else:
        out_act = str(rng.choice(HIDDEN + (("softmax",) if sizes[-1] >= 2 else ())))
    activations = [str(rng.choice(HIDDEN)) for _ in range(n_layers - 1)] + [out_act]
    m, k = int(rng.integers(1, 6)), sizes[-1]
    Ws = [rng.normal(0.0, 0.9, (sizes[l], sizes[l + 1])) for l in range(n_layers)]
    bs = [rng.normal(0.0, 0.5, sizes[l + 1]) for l in range(n_layers)]
    X = rng.normal(0.0, 1.0, (m, sizes[0]))
    if loss_name in SOFTMAX_LOSSES:
        if rng.random() < 0.5:
            Y = np.eye(k)[rng.integers(0, k, m)]
        else:
            Y = rng.dirichlet(np.ones(k), m)
            Y[:, 0] = 0.0  # a zero target exercises KL's 0·log 0
            Y /= Y.sum(axis=1, keepdims=True)
    elif loss_name in SIGMOID_LOSSES:
        Y = rng.integers(0, 2, (m, k)).astype(float) if rng.random() < 0.5 else rng.uniform(0.0, 1.0, (m, k))
    elif loss_name == "hinge":
        Y = rng.integers(0, 2, (m, k)).astype(float)
        if rng.random() < 0.5:
            Y = 2.0 * Y - 1.0
    else:
        Y = rng.normal(0.0, 1.0, (m, k))
    return {"Ws": Ws, "bs": bs, "activations": activations, "X": X, "Y": Y}


def reference_of(case, loss_name, loss_params):
    return reference(
        [W.tolist() for W in case["Ws"]],
        [b.tolist() for b in case["bs"]],
        case["activations"],
        case["X"].tolist(),
        case["Y"].tolist(),
        loss_name,
        loss_params,
    )


def session_dict(case, loss_name, loss_params, optimizer):
    return {
        "network": {
            "layers": [
                {"weights": W.tolist(), "biases": b.tolist(), "activation": act}
                for W, b, act in zip(case["Ws"], case["bs"], case["activations"])
            ]
        },
        "loss": {"name": loss_name, **loss_params},
        "optimizer": optimizer,
        "data": {"inputs": case["X"].tolist(), "targets": case["Y"].tolist()},
    }


def assert_close(actual, expected, what, rtol=RTOL, atol=ATOL):
    np.testing.assert_allclose(
        np.asarray(actual, dtype=float), np.asarray(expected, dtype=float), rtol=rtol, atol=atol, err_msg=what
    )


def test_the_random_cases_cover_every_activation_size_and_branch():
    cases = [(n, p, make_case(n, p, s)) for n, p in LOSS_CASES for s in SEEDS]
    hidden = {a for _, _, c in cases for a in c["activations"][:-1]}
    output = {c["activations"][-1] for _, _, c in cases}
    assert hidden == set(HIDDEN)
    assert output == set(HIDDEN) | {"softmax"}
    assert {c["X"].shape[0] for _, _, c in cases} == {1, 2, 3, 4, 5}
    assert {len(c["Ws"]) for _, _, c in cases} == {2, 3}
    assert {W.shape[1] for _, _, c in cases for W in c["Ws"]} == {1, 2, 3, 4}
    # both sides of every kink the tests rely on: Huber's δ, the hinge margin, the quantile's e = 0
    huber, hinge, quantile = set(), set(), set()
    hinge_labels = {y for name, _, c in cases if name == "hinge" for y in c["Y"].ravel().tolist()}
    assert hinge_labels == {-1.0, 0.0, 1.0}
    for name, params, c in cases:
        if name in ("huber", "hinge", "quantile"):
            P = np.array(reference_of(c, name, params)["A"][-1])
            if name == "huber":
                huber |= set((np.abs(c["Y"] - P) <= params["delta"]).ravel().tolist())
            elif name == "hinge":
                hinge |= set((np.where(c["Y"] == 0, -1.0, c["Y"]) * P < 1.0).ravel().tolist())
            else:
                quantile |= set((c["Y"] - P > 0).ravel().tolist())
    assert huber == hinge == quantile == {True, False}


# =====================================================================================================
# 1. Network.forward / backward / gradients and the loss
# =====================================================================================================
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("loss_name, loss_params", LOSS_CASES, ids=LOSS_IDS)
def test_network_backward_matches_the_reference(loss_name, loss_params, seed):
    case = make_case(loss_name, loss_params, seed)
    ref = reference_of(case, loss_name, loss_params)
    net = Network([Layer(W, b, act) for W, b, act in zip(case["Ws"], case["bs"], case["activations"])])
    loss = make_loss(loss_name, **loss_params)
    X, Y = case["X"], case["Y"]
    Zs, As = net.forward(X)
    deltas, dWs, dbs = net.backward(Zs, As, Y, loss)
    info = f"{case['activations']}, m = {X.shape[0]}"
    assert_close(loss.value(Y, As[-1]), ref["loss"], f"loss value ({info})")
    assert_close(net.loss_value(X, Y, loss), ref["loss"], f"Network.loss_value ({info})")
    assert_close(loss.gradient(Y, As[-1]), ref["dA"], f"∂L/∂ŷ ({info})")
    for l in range(len(Zs)):
        assert_close(Zs[l], ref["Z"][l], f"z of layer {l + 1} ({info})")
        assert_close(As[l + 1], ref["A"][l], f"a of layer {l + 1} ({info})")
        assert_close(deltas[l], ref["delta"][l], f"δ of layer {l + 1} ({info})")
        assert_close(dWs[l], ref["dW"][l], f"∂L/∂W of layer {l + 1} ({info})")
        assert_close(dbs[l], ref["db"][l], f"∂L/∂b of layer {l + 1} ({info})")
    grads = net.gradients(X, Y, loss)
    expected = [g for l in range(len(Zs)) for g in (ref["dW"][l], ref["db"][l])]
    assert len(grads) == len(expected)
    for i, (g, e) in enumerate(zip(grads, expected)):
        assert_close(g, e, f"Network.gradients()[{i}] ({info})")


def test_cross_entropy_fused_delta_matches_the_reference_for_targets_not_summing_to_one():
    # The fused softmax δ is documented as the exact VJP (a·Σt − t)/m, not only a − t: check a soft,
    # unnormalised target row too.
    case = make_case("cross_entropy", {}, 99)
    case["Y"] = np.abs(case["Y"]) + 0.3
    ref = reference_of(case, "cross_entropy", {})
    net = Network([Layer(W, b, act) for W, b, act in zip(case["Ws"], case["bs"], case["activations"])])
    Zs, As = net.forward(case["X"])
    deltas, dWs, _ = net.backward(Zs, As, case["Y"], make_loss("cross_entropy"))
    assert_close(deltas[-1], ref["delta"][-1], "δ of the output layer")
    assert_close(dWs[0], ref["dW"][0], "∂L/∂W of layer 1")


# =====================================================================================================
# 2. trace_records: every phase's arrays
# =====================================================================================================
def _json(records):
    """What ``main.py trace --format jsonl`` writes, read back: strict JSON, floats round-trip exactly."""
    return [json.loads(json.dumps(r, allow_nan=False)) for r in records]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("loss_name, loss_params", LOSS_CASES, ids=LOSS_IDS)
def test_trace_records_match_the_reference(loss_name, loss_params, seed):
    case = make_case(loss_name, loss_params, seed)
    lr = 0.37
    session = Session.from_dict(session_dict(case, loss_name, loss_params, {"name": "sgd", "learning_rate": lr}))
    records = _json(trace_records(session, steps=1))
    ref = reference_of(case, loss_name, loss_params)
    L = len(case["Ws"])
    order = (
        [("forward", l) for l in range(1, L + 1)]
        + [("loss", None)]
        + [("delta", l) for l in range(L, 0, -1)]
        + [("gradient", l) for l in range(L, 0, -1)]
        + [("update", None)]
    )
    assert [(r["phase"], r["layer"]) for r in records] == order
    assert [r["step"] for r in records] == [0] * len(order)
    for r in records:
        l = r["layer"]
        where = f"{r['phase']} record, layer {l}, {case['activations']}"
        if r["phase"] == "forward":
            assert_close(r["z"], ref["Z"][l - 1], where + ": z")
            assert_close(r["a"], ref["A"][l - 1], where + ": a")
        elif r["phase"] == "loss":
            assert_close(r["loss"], ref["loss"], where + ": loss")
            assert_close(r["report"], ref["loss"], where + ": report (no report loss: the loss)")
            assert_close(r["y_pred"], ref["A"][-1], where + ": y_pred")
            assert r["y_true"] == case["Y"].tolist()
        elif r["phase"] == "delta":
            # the lecture's per-sample δᵢ = c·∂L/∂zᵢ: c = m unless the loss sums over the samples
            m = case["X"].shape[0]
            c = 1.0 if loss_params.get("reduction") == "sum" else float(m)
            assert r["delta_is"] == "per_sample" and r["delta_scale"] == c
            assert_close(r["delta"], c * np.asarray(ref["delta"][l - 1]), where + ": δ = c·∂L/∂z")
        elif r["phase"] == "gradient":
            assert_close(r["dW"], ref["dW"][l - 1], where + ": dW")
            assert_close(r["db"], ref["db"][l - 1], where + ": db")
        else:
            assert r["learning_rate"] == lr
            assert len(r["W"]) == len(r["b"]) == L
            for k in range(L):
                W_new = [[w - lr * g for w, g in zip(wr, gr)] for wr, gr in zip(case["Ws"][k].tolist(), ref["dW"][k])]
                b_new = [x - lr * g for x, g in zip(case["bs"][k].tolist(), ref["db"][k])]
                assert_close(r["W"][k], W_new, f"{where}: W of layer {k + 1} after the update")
                assert_close(r["b"][k], b_new, f"{where}: b of layer {k + 1} after the update")


def test_worked_example_preset_trace_matches_the_reference():
    session = Session.from_preset("worked-example")
    d = session.to_dict(with_history=False)
    layers = d["network"]["layers"]
    case = {
        "Ws": [np.array(ld["weights"]) for ld in layers],
        "bs": [np.array(ld["biases"]) for ld in layers],
        "activations": [ld["activation"] for ld in layers],
        "X": np.array(d["data"]["inputs"]),
        "Y": np.array(d["data"]["targets"]),
    }
    loss = dict(d["loss"])
    ref = reference_of(case, loss.pop("name"), loss)
    records = _json(trace_records(session, steps=1))
    by = {(r["phase"], r["layer"]): r for r in records}
    assert_close(by[("loss", None)]["loss"], ref["loss"], "E_total")
    for l in (1, 2):
        assert_close(by[("delta", l)]["delta"], ref["delta"][l - 1], f"δ of layer {l}")  # one sample: c = 1
        assert_close(by[("gradient", l)]["dW"], ref["dW"][l - 1], f"dW of layer {l}")
        assert_close(by[("gradient", l)]["db"], ref["db"][l - 1], f"db of layer {l}")


# =====================================================================================================
# 3. Momentum and Adam through the trainer, three steps
# =====================================================================================================
def _momentum(mu):
    def update(params, grads, state, lr):
        v = state.setdefault("v", [0.0] * len(params))
        for i, g in enumerate(grads):
            v[i] = mu * v[i] + g
            params[i] -= lr * v[i]

    return update


def _adam(beta1=0.9, beta2=0.999, eps=1e-8):
    def update(params, grads, state, lr):
        m = state.setdefault("m", [0.0] * len(params))
        v = state.setdefault("v", [0.0] * len(params))
        t = state["t"] = state.get("t", 0) + 1
        for i, g in enumerate(grads):
            m[i] = beta1 * m[i] + (1.0 - beta1) * g
            v[i] = beta2 * v[i] + (1.0 - beta2) * g * g
            m_hat = m[i] / (1.0 - beta1**t)
            v_hat = v[i] / (1.0 - beta2**t)
            params[i] -= lr * m_hat / (math.sqrt(v_hat) + eps)  # ε outside the square root (PyTorch)

    return update


OPTIMIZER_CASES = [
    ({"name": "momentum", "learning_rate": 0.2}, _momentum(0.9)),
    ({"name": "momentum", "learning_rate": 0.3, "momentum": 0.5}, _momentum(0.5)),
    ({"name": "adam", "learning_rate": 0.05}, _adam()),
    ({"name": "adam", "learning_rate": 0.1, "beta1": 0.8, "beta2": 0.99, "eps": 1e-3}, _adam(0.8, 0.99, 1e-3)),
]
OPTIMIZER_IDS = ["momentum-0.9", "momentum-0.5", "adam-default", "adam-eps1e-3"]


def _flatten(Ws, bs):
    """``[W1 (row-major), b1, W2, b2, …]`` as one list of floats, like the model's parameter vector."""
    out = []
    for W, b in zip(Ws, bs):
        out += [w for row in W for w in row] + list(b)
    return out


def _unflatten(flat, shapes):
    Ws, bs, i = [], [], 0
    for fan_in, fan_out in shapes:
        Ws.append([flat[i + r * fan_out : i + (r + 1) * fan_out] for r in range(fan_in)])
        i += fan_in * fan_out
        bs.append(flat[i : i + fan_out])
        i += fan_out
    return Ws, bs


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("optimizer, update", OPTIMIZER_CASES, ids=OPTIMIZER_IDS)
def test_momentum_and_adam_steps_match_the_reference(optimizer, update, seed):
    loss_name, loss_params = LOSS_CASES[(3 * seed + len(optimizer)) % len(LOSS_CASES)]
    case = make_case(loss_name, loss_params, 100 + seed)
    trainer = Session.from_dict(session_dict(case, loss_name, loss_params, optimizer)).trainer
    shapes = [W.shape for W in case["Ws"]]
    params = _flatten([W.tolist() for W in case["Ws"]], [b.tolist() for b in case["bs"]])
    state = {}
    for step in range(3):
        Ws, bs = _unflatten(params, shapes)
        ref = reference(Ws, bs, case["activations"], case["X"].tolist(), case["Y"].tolist(), loss_name, loss_params)
        update(params, _flatten(ref["dW"], ref["db"]), state, optimizer["learning_rate"])
        assert trainer.run_steps(1) == 1
        where = f"{optimizer['name']} step {step + 1}, {loss_name}, {case['activations']}"
        assert_close(trainer.history.loss.view()[step], ref["loss"], f"{where}: loss before the step")
        assert_close(trainer.network.flat, params, f"{where}: [W1, b1, W2, b2, …] after the step")
    assert trainer.optimizer.t == 3


# =====================================================================================================
# 4. The reference on its own: published numbers and finite differences
# =====================================================================================================
# The classic worked example (2-2-2 sigmoid, E = Σ ½(target − out)², one bias per layer shared by its
# units, learning rate 0.5; only w1 … w8 are updated), in its own notation.
WORKED = {
    "out_h1": "0.593269992",
    "out_h2": "0.596884378",
    "net_o1": "1.105905967",
    "out_o1": "0.75136507",
    "out_o2": "0.772928465",
    "E_total": "0.298371109",
    "δ_o1": "0.138498562",
    "δ_o2": "-0.038098236",
    "∂E/∂w5": "0.082167041",
    "∂E/∂w6": "0.082667628",
    "∂E/∂w7": "-0.022602540",
    "∂E/∂w8": "-0.022740242",
    "∂E/∂w1": "0.000438568",
    "∂E/∂w2": "0.000877135",
    "∂E/∂w3": "0.000497713",
    "∂E/∂w4": "0.000995425",
    "w5′": "0.35891648",
    "w6′": "0.408666186",
    "w7′": "0.511301270",
    "w8′": "0.561370121",
    "w1′": "0.149780716",
    "w2′": "0.19956143",
    "w3′": "0.24975114",
    "w4′": "0.29950229",
}
# The source also gives E_total = 0.291027924 after the update; the exact value at its published new
# weights (biases unchanged) is 0.2910277737, 1.5e-7 lower, and no variant (biases updated, shared or
# per unit; output weights only) gives its digits, so it is checked to 2e-7 only.
E_AFTER, E_AFTER_TOL = 0.291027924, 2e-7


def _worked_example():
    i1, i2, t1, t2, lr = 0.05, 0.10, 0.01, 0.99, 0.5
    w = [None] + [Value(x) for x in (0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55)]
    b1, b2 = Value(0.35), Value(0.60)

    def forward(w):
        net_h1, net_h2 = w[1] * i1 + w[2] * i2 + b1, w[3] * i1 + w[4] * i2 + b1
        out_h1, out_h2 = _sigmoid(net_h1), _sigmoid(net_h2)
        net_o1, net_o2 = w[5] * out_h1 + w[6] * out_h2 + b2, w[7] * out_h1 + w[8] * out_h2 + b2
        out_o1, out_o2 = _sigmoid(net_o1), _sigmoid(net_o2)
        E = 0.5 * (t1 - out_o1) ** 2 + 0.5 * (t2 - out_o2) ** 2
        return E, out_h1, out_h2, net_o1, net_o2, out_o1, out_o2

    E, out_h1, out_h2, net_o1, net_o2, out_o1, out_o2 = forward(w)
    E.backward()
    got = {
        "out_h1": out_h1.data,
        "out_h2": out_h2.data,
        "net_o1": net_o1.data,
        "out_o1": out_o1.data,
        "out_o2": out_o2.data,
        "E_total": E.data,
        "δ_o1": net_o1.grad,
        "δ_o2": net_o2.grad,
    }
    for k in range(1, 9):
        got[f"∂E/∂w{k}"] = w[k].grad
        got[f"w{k}′"] = w[k].data - lr * w[k].grad
    updated = [None] + [Value(got[f"w{k}′"]) for k in range(1, 9)]
    got["E_total′"] = forward(updated)[0].data
    return got


@pytest.mark.parametrize("name", list(WORKED))
def test_reference_reproduces_the_published_worked_example(name):
    published = WORKED[name]
    decimals = len(published.split(".")[1])
    # 9 decimals, some truncated rather than rounded (δ_o2); a few given to 8, half a unit of which is 5e-9
    tol = 1e-9 if decimals >= 9 else 0.5 * 10.0**-decimals
    assert _worked_example()[name] == pytest.approx(float(published), abs=tol)


def test_reference_loss_after_the_worked_example_update():
    assert _worked_example()["E_total′"] == pytest.approx(E_AFTER, abs=E_AFTER_TOL)


# The lecture's loss values (LECTURE.md §2): y_true = [3, 5, 7], y_pred = [2.5, 5, 8] for regression;
# Y = [[1,0],[0,1],[1,0]], P = [[.9,.1],[.2,.8],[.6,.4]] for classification (BCE and focal, γ = 2 without α,
# on the first column; label smoothing with ε = 0.1).
REGRESSION_Y, REGRESSION_P = [[3.0, 5.0, 7.0]], [[2.5, 5.0, 8.0]]
CLASS_Y, CLASS_P = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]], [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]
LECTURE_LOSSES = [
    ("mse", {}, REGRESSION_Y, REGRESSION_P, 0.4167),
    ("mae", {}, REGRESSION_Y, REGRESSION_P, 0.5),
    ("huber", {"delta": 1.0}, REGRESSION_Y, REGRESSION_P, 0.2083),
    ("log_cosh", {}, REGRESSION_Y, REGRESSION_P, 0.1846),
    ("quantile", {"quantile": 0.7}, REGRESSION_Y, REGRESSION_P, 0.2167),
    ("bce", {}, [[r[0]] for r in CLASS_Y], [[r[0]] for r in CLASS_P], 0.2798),
    ("cross_entropy", {}, CLASS_Y, CLASS_P, 0.2798),
    ("label_smoothing_ce", {"epsilon": 0.1}, CLASS_Y, CLASS_P, 0.3463),
    ("focal", {"gamma": 2.0}, [[r[0]] for r in CLASS_Y], [[r[0]] for r in CLASS_P], 0.0306),
    ("kl_div", {}, CLASS_Y, CLASS_P, 0.2798),
]


@pytest.mark.parametrize("name, params, Y, P, expected", LECTURE_LOSSES, ids=[c[0] for c in LECTURE_LOSSES])
def test_reference_losses_reproduce_the_lecture(name, params, Y, P, expected):
    value = ref_loss(name, params, Y, [[Value(p) for p in row] for row in P]).data
    assert value == pytest.approx(expected, abs=5e-5)
    # and the model agrees with the reference to full precision
    assert make_loss(name, **params).value(np.array(Y), np.array(P)) == pytest.approx(value, rel=RTOL, abs=ATOL)


@pytest.mark.parametrize("loss_name, loss_params", LOSS_CASES, ids=LOSS_IDS)
def test_reference_gradients_match_its_own_finite_differences(loss_name, loss_params):
    case = make_case(loss_name, loss_params, 7)
    ref = reference_of(case, loss_name, loss_params)
    X, Y, acts = case["X"].tolist(), case["Y"].tolist(), case["activations"]
    shapes = [W.shape for W in case["Ws"]]
    flat = _flatten([W.tolist() for W in case["Ws"]], [b.tolist() for b in case["bs"]])

    def loss_at(theta):
        Ws, bs = _unflatten(theta, shapes)
        W = [[[Value(x) for x in row] for row in Wl] for Wl in Ws]
        b = [[Value(x) for x in bl] for bl in bs]
        return ref_loss(loss_name, loss_params, Y, ref_forward(W, b, acts, X)[1][-1]).data

    h = 1e-6
    numeric = []
    for i in range(len(flat)):
        up, down = list(flat), list(flat)
        up[i] += h
        down[i] -= h
        numeric.append((loss_at(up) - loss_at(down)) / (2 * h))
    assert_close(_flatten(ref["dW"], ref["db"]), numeric, f"{loss_name} {acts}", rtol=1e-5, atol=1e-7)
