"""Tests for model.trace: the published worked example, record order, and dW against finite differences."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from model import Session
from model.network import Layer, Network
from model.trace import published_names, trace_records, trace_text
from model.trainer import phase_plan

ROOT = Path(__file__).resolve().parents[2]

# The classic worked example's published numbers (2-2-2 sigmoid, ½·Σ(t − o)², γ = 0.5).
# w1 = i1→h1 = W(1)[0,0], w2 = i2→h1 = W(1)[1,0], w3 = i1→h2 = W(1)[0,1], w4 = i2→h2 = W(1)[1,1];
# w5 = h1→o1 = W(2)[0,0], w6 = h2→o1 = W(2)[1,0], w7 = h1→o2 = W(2)[0,1], w8 = h2→o2 = W(2)[1,1].
PUBLISHED = [
    # name, (phase, layer, key, index), published text
    ("E_total", ("loss", None, "loss", ()), "0.298371109"),
    ("out_h1", ("forward", 1, "a", (0, 0)), "0.593269992"),
    ("out_h2", ("forward", 1, "a", (0, 1)), "0.596884378"),
    ("out_o1", ("forward", 2, "a", (0, 0)), "0.75136507"),
    ("out_o2", ("forward", 2, "a", (0, 1)), "0.772928465"),
    ("δ_o1", ("delta", 2, "delta", (0, 0)), "0.138498562"),
    ("δ_o2", ("delta", 2, "delta", (0, 1)), "-0.038098236"),
    ("∂E/∂w5", ("gradient", 2, "dW", (0, 0)), "0.082167041"),
    ("∂E/∂w6", ("gradient", 2, "dW", (1, 0)), "0.082667628"),
    ("∂E/∂w7", ("gradient", 2, "dW", (0, 1)), "-0.022602540"),
    ("∂E/∂w8", ("gradient", 2, "dW", (1, 1)), "-0.022740242"),
    ("w5′", ("update", None, "W", (1, 0, 0)), "0.35891648"),
    ("w6′", ("update", None, "W", (1, 1, 0)), "0.408666186"),
    ("w7′", ("update", None, "W", (1, 0, 1)), "0.511301270"),
    ("w8′", ("update", None, "W", (1, 1, 1)), "0.561370121"),
    ("∂E/∂w1", ("gradient", 1, "dW", (0, 0)), "0.000438568"),
    ("∂E/∂w2", ("gradient", 1, "dW", (1, 0)), "0.000877135"),
    ("∂E/∂w3", ("gradient", 1, "dW", (0, 1)), "0.000497713"),
    ("∂E/∂w4", ("gradient", 1, "dW", (1, 1)), "0.000995425"),
    ("w1′", ("update", None, "W", (0, 0, 0)), "0.149780716"),
    ("w2′", ("update", None, "W", (0, 1, 0)), "0.19956143"),
    ("w3′", ("update", None, "W", (0, 0, 1)), "0.24975114"),
    ("w4′", ("update", None, "W", (0, 1, 1)), "0.29950229"),
]


def _tolerance(published: str) -> float:
    """Half a unit in the last published digit; 1e-9 for 9 decimals (the source truncates some, e.g. δ_o2)."""
    decimals = len(published.split(".")[1])
    return 1e-9 if decimals >= 9 else 0.5 * 10.0**-decimals


def _lookup(records, phase, layer, key, index):
    rec = next(r for r in records if r["phase"] == phase and r["layer"] == layer)
    value = rec[key]
    for i in index:
        value = value[i]
    return value


@pytest.fixture(scope="module")
def worked_records():
    return list(trace_records(Session.from_preset("worked-example"), 1))


@pytest.fixture(scope="module")
def worked_text():
    return list(trace_text(Session.from_preset("worked-example"), 1, precision=9))


@pytest.mark.parametrize("name,where,published", PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_records_reproduce_the_published_numbers(worked_records, name, where, published):
    value = _lookup(worked_records, *where)
    assert value == pytest.approx(float(published), abs=_tolerance(published)), name


def _line_with(lines, *needles):
    hits = [line for line in lines if all(n in line for n in needles)]
    assert hits, f"no line contains {needles}"
    return hits[0]


def test_text_handout_labels_the_published_names(worked_text):
    text = "\n".join(worked_text)
    assert "E_total = 0.298371109" in text
    assert "out_h1 = 0.593269992" in text
    assert "out_h2 = 0.596884378" in text
    assert "out_o1 = 0.75136507" in text
    assert "δ_o1 = 0.138498562" in text
    # the weights carry their published names next to the result
    assert "0.082167041" in _line_with(worked_text, "[∂E/∂w5]")
    assert "0.082667628" in _line_with(worked_text, "[∂E/∂w6]")
    assert "−0.02260254" in _line_with(worked_text, "[∂E/∂w7]")
    assert "0.000438568" in _line_with(worked_text, "[∂E/∂w1]")
    assert "0.000995425" in _line_with(worked_text, "[∂E/∂w4]")
    assert "0.35891648" in _line_with(worked_text, "[w5′]")
    assert "0.561370121" in _line_with(worked_text, "[w8′]")
    assert "0.149780716" in _line_with(worked_text, "[w1′]")
    # the equations themselves, with the numbers substituted
    assert "(0.05 × 0.15 + 0.10 × 0.20) + 0.35" in text
    assert "0.138498562 × 0.593269992" in text  # δ · a_prev, the chain rule's last step
    assert "0.74136507 × 0.186815602 × 0.593269992" in text  # ∂L/∂a · ∂a/∂z · ∂z/∂w with every factor
    assert "(0.40 × 0.138498562 + 0.50 × (−0.038098237)) × 0.241300709" in text


def test_text_precision_changes_the_digits():
    lines = list(trace_text(Session.from_preset("worked-example"), 1, precision=4))
    text = "\n".join(lines)
    assert "E_total = 0.2984" in text
    assert "0.298371109" not in text


def test_published_names_follow_the_published_order():
    names = published_names([2, 2, 2])
    w = names["weights"]
    assert [w[(1, 0, 0)], w[(1, 1, 0)], w[(1, 0, 1)], w[(1, 1, 1)]] == ["w1", "w2", "w3", "w4"]
    assert [w[(2, 0, 0)], w[(2, 1, 0)], w[(2, 0, 1)], w[(2, 1, 1)]] == ["w5", "w6", "w7", "w8"]
    assert published_names([2, 3, 1])["units"][(1, 2)] == "h3"
    assert published_names([2, 8, 1]) is None
    assert published_names([2, 2, 2, 2]) is None


def test_main_trace_runs_in_a_subprocess():
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    res = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "trace", "--preset", "worked-example", "--steps", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert "E_total = 0.298371109" in res.stdout
    assert "0.082167041" in res.stdout and "[∂E/∂w5]" in res.stdout
    assert res.stderr == ""


def test_records_follow_the_phase_plan_over_several_steps():
    session = Session.from_preset("xor-lecture")
    records = list(trace_records(session, 3))
    plan = phase_plan(2)
    assert [(r["phase"], r["layer"]) for r in records] == plan * 3
    assert [r["step"] for r in records] == [s for s in range(3) for _ in plan]
    assert [r["index"] for r in records] == list(range(len(plan))) * 3
    for r in records:
        json.dumps(r, allow_nan=False)  # plain JSON
        if r["phase"] == "forward":
            assert np.array(r["z"]).shape == (4, [3, 1][r["layer"] - 1])
        if r["phase"] == "update":
            assert [np.array(W).shape for W in r["W"]] == [(2, 3), (3, 1)]
    assert session.trainer.step == 3


def test_record_layers_are_numbered_from_one():
    records = list(trace_records(Session.from_preset("vanishing-gradients"), 1))
    L = 7
    assert [r["layer"] for r in records if r["phase"] == "forward"] == list(range(1, L + 1))
    assert [r["layer"] for r in records if r["phase"] == "delta"] == list(range(L, 0, -1))
    assert [r["layer"] for r in records if r["phase"] == "gradient"] == list(range(L, 0, -1))


def test_records_of_a_diverging_run_stay_valid_json():
    session = Session.from_preset("lr-too-large")
    records = list(trace_records(session, 500))
    assert session.trainer.diverged is not None
    last = records[-1]
    assert last["phase"] == "loss" and last.get("diverged")
    for r in records:
        json.dumps(r, allow_nan=False)


def test_big_layers_are_summarised_not_spelled_out():
    lines = list(trace_text(Session.from_preset("spiral-adam"), 1, precision=4))
    text = "\n".join(lines)
    assert "z⁽¹⁾ (32 × 16): min" in text  # a 32-sample batch of 16 units: a summary
    assert "Unit 1:" not in text
    assert "∂L/∂W⁽³⁾ (16 × 1) =" in text  # a small array is written out


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        list(trace_records(Session.from_preset("xor-lecture"), 0))
    with pytest.raises(ValueError, match="precision"):
        list(trace_text(Session.from_preset("xor-lecture"), 1, precision=40))


# --- dW against central finite differences (an independent reference) -----------------------------
CASES = [
    ([3, 4, 2], ["tanh", "linear"], {"name": "mse"}, "regression"),
    ([2, 3, 1], ["sigmoid", "sigmoid"], {"name": "bce"}, "binary"),
    ([2, 4, 3], ["tanh", "softmax"], {"name": "cross_entropy"}, "classes"),
    ([2, 3, 3], ["leaky_relu", "softmax"], {"name": "label_smoothing_ce", "epsilon": 0.1}, "classes"),
    ([3, 5, 4, 1], ["relu", "tanh", "linear"], {"name": "huber", "delta": 0.3}, "regression"),
    ([2, 3, 2], ["sigmoid", "tanh"], {"name": "log_cosh"}, "regression"),
    ([2, 3, 1], ["tanh", "sigmoid"], {"name": "mse", "half": True, "reduction": "sum"}, "binary"),
    ([2, 4, 3], ["sigmoid", "softmax"], {"name": "mse"}, "classes"),  # softmax without the fused form
]


def _session(sizes, acts, loss, kind, seed):
    rng = np.random.default_rng(seed)
    m = 5
    X = rng.normal(size=(m, sizes[0]))
    if kind == "regression":
        Y = rng.normal(size=(m, sizes[-1]))
    elif kind == "binary":
        Y = rng.integers(0, 2, size=(m, sizes[-1])).astype(float)
    else:
        Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=m)]
    layers = [
        {
            "weights": rng.normal(scale=0.8, size=(a, b)).tolist(),
            "biases": rng.normal(scale=0.3, size=b).tolist(),
            "activation": act,
        }
        for a, b, act in zip(sizes[:-1], sizes[1:], acts)
    ]
    return Session.from_dict(
        {
            "network": {"layers": layers},
            "loss": loss,
            "optimizer": {"name": "sgd", "learning_rate": 0.1},
            "data": {"inputs": X.tolist(), "targets": Y.tolist()},
            "batch_size": None,
            "seed": seed,
        }
    )


def _numeric_gradients(net, loss, X, Y, h=1e-6):
    out = []
    for p in net.params():
        g = np.zeros_like(p)
        flat, gflat = p.reshape(-1), g.reshape(-1)
        for k in range(flat.size):
            old = flat[k]
            flat[k] = old + h
            up = loss.value(Y, net.predict(X))
            flat[k] = old - h
            down = loss.value(Y, net.predict(X))
            flat[k] = old
            gflat[k] = (up - down) / (2 * h)
        out.append(g)
    return out


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("sizes,acts,loss,kind", CASES, ids=[f"{'-'.join(a)}+{l['name']}" for _, a, l, _ in CASES])
def test_trace_gradients_equal_finite_differences(sizes, acts, loss, kind, seed):
    session = _session(sizes, acts, loss, kind, seed)
    t = session.trainer
    before = Network([Layer(l.W.copy(), l.b.copy(), l.activation) for l in t.network.layers])
    records = list(trace_records(session, 1))
    numeric = _numeric_gradients(before, t.loss, t.X, t.Y)
    for rec in records:
        if rec["phase"] != "gradient":
            continue
        i = rec["layer"] - 1
        np.testing.assert_allclose(rec["dW"], numeric[2 * i], rtol=1e-5, atol=1e-8)
        np.testing.assert_allclose(rec["db"], numeric[2 * i + 1], rtol=1e-5, atol=1e-8)


# --- δ per sample (issue 9.1) ------------------------------------------------------------------------
def test_records_and_text_show_the_lectures_per_sample_delta():
    """xor-lecture, sample 1: the lecture's d2 = (a2 − y)·σ′(z2) = 0.09931773; the trainer's ∂L/∂z is a quarter."""
    session = Session.from_preset("xor-lecture")
    records = list(trace_records(session, 1))
    d2 = next(r for r in records if r["phase"] == "delta" and r["layer"] == 2)
    assert d2["delta_is"] == "per_sample" and d2["delta_scale"] == 4.0
    assert d2["delta"][0][0] == pytest.approx(0.09931773, abs=5e-9)
    text = "\n".join(trace_text(Session.from_preset("xor-lecture"), 1, precision=9))
    assert "0.099317725" in text and "δ is per sample, as in the lecture" in text
    assert "= (1/4)[" in text  # the gradient's 1/m, written out
    # the weights and every trained number stay the trainer's
    g2 = next(r for r in records if r["phase"] == "gradient" and r["layer"] == 2)
    a1 = next(r for r in records if r["phase"] == "forward" and r["layer"] == 1)["a"]
    expected = np.array(a1).T @ (np.array(d2["delta"]) / d2["delta_scale"])
    np.testing.assert_allclose(g2["dW"], expected, rtol=1e-13)


def test_a_session_with_published_weight_names_is_written_with_them(monkeypatch):
    """One source for the names: ``Session.weight_names`` when the session has them."""
    session = Session.from_preset("worked-example")
    names = {"W": [[["p1", "p3"], ["p2", "p4"]], [["p5", "p7"], ["p6", "p8"]]]}
    monkeypatch.setattr(session, "weight_names", names, raising=False)
    text = "\n".join(trace_text(session, 1))
    assert "Published names: p1 = W⁽¹⁾[1,1]" in text
    assert "∂L/∂p₅ = " in text and "[∂E/∂p5]" in text and "[w5′]" not in text
