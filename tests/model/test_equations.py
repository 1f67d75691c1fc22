"""Tests for model.equations: the inspector's numbers are the model's, in the lecture's notation."""

import math

import numpy as np
import pytest

from model import Session
from model.equations import MAX_TERMS, explain, format_number
from model.snapshot import network_values


def _backward_deltas(net, Zs, As, Y, loss):
    """δ(l) for every layer, written out plainly (the trainer's phases are what is under test)."""
    layers = net.layers
    out = layers[-1]
    delta = loss.fused_delta(out.activation, Y, As[-1])
    if delta is None:
        dA = loss.gradient(Y, As[-1])
        delta = dA * out.act.derivative(Zs[-1], As[-1]) if out.act.elementwise else out.act.vjp(As[-1], dA)
    deltas = [delta]
    for i in range(len(layers) - 2, -1, -1):
        deltas.insert(0, (deltas[0] @ layers[i + 1].W.T) * layers[i].act.derivative(Zs[i], As[i + 1]))
    return deltas


def _reference(network, X, Y, loss):
    """Independent of the trainer: a plain forward + backward on the same weights."""
    Zs, As = network.forward(X)
    deltas = _backward_deltas(network, Zs, As, Y, loss)
    dWs = [As[i].T @ d for i, d in enumerate(deltas)]
    dbs = [d.sum(axis=0) for d in deltas]
    return Zs, As, deltas, dWs, dbs


def _step(preset, stop=None, **overrides):
    """A session, the reference values at its initial weights, and the phases of one step (up to ``stop``)."""
    session = Session.from_preset(preset, **overrides)
    t = session.trainer
    ref = _reference(t.network.copy(), t.X, t.Y, t.loss)
    before = [(l.W.copy(), l.b.copy()) for l in t.network.layers]
    phases = []
    while True:
        p = t.step_phase()
        phases.append(p)
        if p.kind == "update" or (stop and (p.kind, p.layer) == stop):
            break
    return session, ref, before, phases


def _ex(session, sel, phases, **kw):
    t = session.trainer
    return explain(sel, phases, loss=t.loss, optimizer=t.optimizer, activations=t.network.activations, **kw)


# --- formatting ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "x,precision,expected",
    [
        (0.3775, 9, "0.3775"),
        (0.1, 9, "0.10"),
        (0.593269992107, 9, "0.593269992"),
        (-0.0380982365, 4, "−0.0381"),
        (0.000438567734, 9, "0.000438568"),
        (4.3856e-7, 4, "4.39×10⁻⁷"),
        (1.0, 6, "1"),
        (0.0, 6, "0"),
        (-3.0, 6, "−3"),
        (2.5e7, 6, "2.5×10⁷"),
        (float("nan"), 6, "NaN"),
        (float("-inf"), 6, "−∞"),
    ],
)
def test_format_number(x, precision, expected):
    assert format_number(x, precision) == expected


# --- the worked example, every selection ---------------------------------------------------------
@pytest.fixture(scope="module")
def worked():
    return _step("worked-example")


def test_neuron_numbers_equal_the_model(worked):
    session, (Zs, As, deltas, dWs, dbs), before, phases = worked
    net = session.trainer.network  # updated
    for l in (1, 2):
        for j in range(2):
            n = _ex(session, ("neuron", l, j), phases).numbers
            assert n["z"] == pytest.approx(Zs[l - 1][0, j], abs=1e-15)
            assert n["a"] == pytest.approx(As[l][0, j], abs=1e-15)
            assert n["delta"] == pytest.approx(deltas[l - 1][0, j], abs=1e-15)
            assert n["db"] == pytest.approx(dbs[l - 1][j], abs=1e-15)
            assert n["b_new"] == pytest.approx(net.layers[l - 1].b[j], abs=1e-15)
            assert n["fprime"] == pytest.approx(As[l][0, j] * (1 - As[l][0, j]), abs=1e-15)
            np.testing.assert_allclose(n["W_col"], before[l - 1][0][:, j])
    out = _ex(session, ("neuron", 2, 0), phases).numbers
    assert out["loss"] == pytest.approx(0.298371109, abs=1e-9)
    assert out["dA"] == pytest.approx(As[2][0, 0] - 0.01, abs=1e-15)  # ½Σ(t − o)²: ∂E/∂o = o − t
    assert out["fused"] is False


def test_edge_numbers_equal_the_model(worked):
    session, (Zs, As, deltas, dWs, dbs), before, phases = worked
    net = session.trainer.network
    for l in (1, 2):
        for i in range(2):
            for j in range(2):
                n = _ex(session, ("edge", l, i, j), phases).numbers
                assert n["w"] == before[l - 1][0][i, j]
                assert n["dW"] == pytest.approx(dWs[l - 1][i, j], abs=1e-15)
                assert n["a_prev"] == pytest.approx(As[l - 1][0, i], abs=1e-15)
                assert n["delta"] == pytest.approx(deltas[l - 1][0, j], abs=1e-15)
                assert n["w_new"] == pytest.approx(net.layers[l - 1].W[i, j], abs=1e-15)
                assert n["dw_update"] == pytest.approx(-0.5 * dWs[l - 1][i, j], abs=1e-15)


def test_layer_and_input_numbers_equal_the_model(worked):
    session, (Zs, As, deltas, dWs, dbs), before, phases = worked
    for l in (1, 2):
        n = _ex(session, ("layer", l), phases).numbers
        np.testing.assert_allclose(n["Z"], Zs[l - 1])
        np.testing.assert_allclose(n["delta"], deltas[l - 1])
        np.testing.assert_allclose(n["dW"], dWs[l - 1])
        np.testing.assert_allclose(n["W_new"], session.trainer.network.layers[l - 1].W)
    assert _ex(session, ("neuron", 0, 1), phases).numbers["x"] == 0.10
    np.testing.assert_allclose(_ex(session, ("layer", 0), phases).numbers["X"], [[0.05, 0.10]])


def test_worked_example_text_in_the_lecture_notation(worked):
    session, _, _, phases = worked
    text = _ex(session, ("neuron", 1, 0), phases).text
    assert "z₁⁽¹⁾ = Σᵢ xᵢ Wᵢ₁⁽¹⁾ + b₁⁽¹⁾" in text
    assert "= (0.05 × 0.15 + 0.10 × 0.20) + 0.35" in text
    assert "= 0.593269992" in text
    assert "σ′(z₁⁽¹⁾) = σ(z₁⁽¹⁾)(1 − σ(z₁⁽¹⁾))" in text
    # hidden δ: row j of W(l+1) against δ(l+1), negatives in parentheses
    assert "(0.40 × 0.138498562 + 0.50 × (−0.038098237)) × 0.241300709" in text
    out = _ex(session, ("neuron", 2, 0), phases).text
    assert "∂L/∂a₁⁽²⁾ = −(y − ŷ)" in out and "= −(0.01 − 0.75136507)" in out and "= 0.74136507" in out
    assert "0.74136507 × 0.186815602" in out and "= 0.138498562" in out
    edge = _ex(session, ("edge", 2, 0, 0), phases).text
    assert "∂L/∂W₁₁⁽²⁾ = a₁⁽¹⁾ · δ₁⁽²⁾" in edge
    assert "= 0.593269992 × 0.138498562" in edge and "= 0.082167041" in edge
    assert "ΔW₁₁⁽²⁾ = −γ·∂L/∂W₁₁⁽²⁾" in edge and "= −0.50 × 0.082167041" in edge
    assert "= 0.40 − 0.04108352" in edge and "= 0.35891648" in edge


def test_html_has_sub_and_superscripts_and_sign_colours(worked):
    session, _, _, phases = worked
    html = _ex(session, ("neuron", 2, 1), phases).html
    assert "<i>z</i><sub>2</sub><sup>(2)</sup>" in html
    assert "color:#2166ac" in html  # δ_o2 is negative: blue
    assert "color:#d95f02" in html  # positive results: orange


def test_precision_is_digits_after_the_point(worked):
    session, _, _, phases = worked
    e = _ex(session, ("edge", 2, 0, 0), phases, precision=4)
    assert "= 0.0822" in e.text and "0.082167041" not in e.text
    assert e.numbers["dW"] == pytest.approx(0.082167041, abs=1e-9)  # raw numbers keep full precision


# --- pending values --------------------------------------------------------------------------------
def test_values_not_yet_computed_are_marked_pending():
    session, ref, _, phases = _step("worked-example", stop=("forward", 2))
    e = _ex(session, ("neuron", 1, 0), phases)
    assert "not computed yet in this step (pending: Backward: δ(1) of hidden layer 1)" in e.text
    assert "Backward: δ(1) of hidden layer 1" in e.pending
    assert "Update: w ← w − γ·∂L/∂w" in e.pending
    assert "delta" not in e.numbers and e.numbers["a"] == pytest.approx(0.593269992, abs=1e-9)
    edge = _ex(session, ("edge", 1, 0, 0), phases)
    assert "pending: Gradients: ∂L/∂W(1) and ∂L/∂b(1)" in edge.text
    assert "dW" not in edge.numbers
    # the selection's current phase is marked
    assert "◀ this phase" not in e.text  # forward 2 is the last phase; this neuron is in layer 1
    assert "◀ this phase" in _ex(session, ("neuron", 2, 0), phases).text


def test_after_gradients_the_update_is_previewed_but_pending():
    session, (Zs, As, deltas, dWs, dbs), before, phases = _step("worked-example", stop=("gradient", 1))
    e = _ex(session, ("edge", 2, 0, 0), phases)
    assert "pending: Update" in e.text
    assert e.numbers["dw_preview"] == pytest.approx(-0.5 * dWs[1][0, 0], abs=1e-15)
    assert "w_new" not in e.numbers


def test_nothing_selected_gives_the_phase_general_equation():
    session, _, _, phases = _step("worked-example", stop=("delta", 1))
    e = _ex(session, None, phases)
    assert e.title == "Backward: δ(1) of hidden layer 1"
    assert "δ⁽¹⁾ = (δ⁽²⁾ W⁽²⁾ᵀ) ⊙ σ′(Z⁽¹⁾)" in e.text


# --- a batch: 2-3-1 XOR ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def xor():
    return _step("xor-lecture")


def test_batch_numbers_are_per_sample_arrays_and_batch_sums(xor):
    session, (Zs, As, deltas, dWs, dbs), before, phases = xor
    for j in range(3):
        n = _ex(session, ("neuron", 1, j), phases).numbers
        np.testing.assert_allclose(n["z"], Zs[0][:, j], atol=1e-15)
        np.testing.assert_allclose(n["delta"], deltas[0][:, j], atol=1e-15)
        assert n["db"] == pytest.approx(dbs[0][j], abs=1e-15)
    e = _ex(session, ("edge", 2, 1, 0), phases)
    assert e.numbers["dW"] == pytest.approx(dWs[1][1, 0], abs=1e-15)
    assert e.m == 4 and e.sample is None
    assert "Batch of 4 samples" in e.scope
    assert "Σ_samples a₂⁽¹⁾ · δ₁⁽²⁾" in e.text
    assert e.text.count(" × ") >= 4  # the four samples' products are written out


def test_one_sample_of_a_batch(xor):
    session, (Zs, As, deltas, dWs, dbs), before, phases = xor
    for r in range(4):
        n = _ex(session, ("neuron", 2, 0), phases, sample=r).numbers
        assert n["z"] == pytest.approx(Zs[1][r, 0], abs=1e-15)
        assert n["delta"] == pytest.approx(deltas[1][r, 0], abs=1e-15)
        # ½·MSE over N = 4 outputs: ∂L/∂ŷ = (ŷ − y)/4
        assert n["dA"] == pytest.approx((As[2][r, 0] - session.trainer.Y[r, 0]) / 4, abs=1e-15)
        e = _ex(session, ("edge", 1, 0, 2), phases, sample=r)
        assert e.numbers["dW_term"] == pytest.approx(As[0][r, 0] * deltas[0][r, 2], abs=1e-15)
        assert e.numbers["dW"] == pytest.approx(dWs[0][0, 2], abs=1e-15)  # the update's batch total
        assert e.sample == r and f"Sample {r + 1} of 4" in e.scope
    assert "the update uses the sum over all 4 samples" in e.text


def test_a_sample_outside_the_batch_falls_back_to_the_batch(xor):
    session, _, _, phases = xor
    e = _ex(session, ("neuron", 1, 0), phases, sample=9)
    assert e.sample is None and "not in this batch" in e.scope


def test_values_mode_uses_the_snapshot_values():
    session = Session.from_preset("xor-lecture")
    t = session.trainer
    t.run_steps(5)
    vals = network_values(t.network, t.X, t.Y, t.loss)
    Zs, As, deltas, dWs, dbs = _reference(t.network, t.X, t.Y, t.loss)
    e = explain(("neuron", 1, 2), (), values=vals, loss=t.loss, optimizer=t.optimizer, sample=1, X=t.X, Y=t.Y)
    assert e.numbers["z"] == pytest.approx(Zs[0][1, 2], abs=1e-15)
    assert e.numbers["delta"] == pytest.approx(deltas[0][1, 2], abs=1e-15)
    assert "the current weights" in e.scope
    assert "No update in this view" in e.text
    out = explain(("neuron", 2, 0), (), values=vals, loss=t.loss, optimizer=t.optimizer, X=t.X, Y=t.Y)
    assert out.numbers["loss"] == pytest.approx(t.loss.value(t.Y, As[2]), abs=1e-15)
    # without targets the loss is explained as unavailable, the rest still works
    no_y = explain(("neuron", 2, 0), (), values=vals, loss=t.loss)
    assert "The loss needs the targets" in no_y.text and "delta" in no_y.numbers


# --- fused output δ ----------------------------------------------------------------------------------
def test_softmax_cross_entropy_shows_the_fused_delta():
    session, (Zs, As, deltas, dWs, dbs), before, phases = _step("blobs-softmax", stop=("delta", 2))
    t = session.trainer
    m = phases[0].values["a_prev"].shape[0]
    Y = phases[2].values["y_true"]
    A = phases[1].values["a"]
    e = _ex(session, ("neuron", 2, 1), phases, sample=3)
    assert "Softmax + cross-entropy" in e.text
    assert "δ₂⁽²⁾ = (ŷ₂ − y₂) / m" in e.text
    assert f") / {m}" in e.text
    assert e.numbers["delta"] == pytest.approx((A[3, 1] - Y[3, 1]) / m, abs=1e-15)
    assert e.numbers["fused"] is True
    assert "1/m is the mean over the m = 16 samples" in e.text
    assert t.loss.name == "cross_entropy"


def test_sigmoid_bce_shows_the_fused_delta_with_its_1_over_n():
    session, _, _, phases = _step("circles-relu", stop=("delta", 3))
    A = phases[2].values["a"]
    Y = phases[3].values["y_true"]
    N = A.size
    e = _ex(session, ("neuron", 3, 0), phases, sample=0)
    assert "Sigmoid + binary cross-entropy" in e.text and "/ N" in e.text
    assert e.numbers["delta"] == pytest.approx((A[0, 0] - Y[0, 0]) / N, abs=1e-15)


def test_softmax_with_mse_uses_the_jacobian_vector_product():
    overrides = {"loss": {"name": "mse"}}
    session, (Zs, As, deltas, dWs, dbs), before, phases = _step("blobs-softmax", stop=("delta", 2), **overrides)
    e = _ex(session, ("neuron", 2, 0), phases, sample=2)
    assert "Jacobian–vector product" in e.text
    assert e.numbers["fused"] is False
    d = phases[-1].values["delta"]
    assert e.numbers["delta"] == pytest.approx(d[2, 0], abs=1e-15)


# --- optimisers ------------------------------------------------------------------------------------
def test_momentum_update_shows_the_velocity():
    session = Session.from_preset("xor-lecture", optimizer={"name": "momentum", "learning_rate": 0.1, "momentum": 0.9})
    t = session.trainer
    t.run_steps(3)
    phases = t.step_phases()
    e = _ex(session, ("edge", 2, 1, 0), phases)
    vel = t.optimizer.state["velocity"][2][1, 0]  # params are [W1, b1, W2, b2]
    assert e.numbers["velocity"] == pytest.approx(vel, rel=1e-9)
    assert "v = μ·v_prev + ∂L/∂W₂₁⁽²⁾" in e.text


def test_adam_update_states_its_formula_and_the_result():
    session = Session.from_preset("xor-lecture", optimizer={"name": "adam", "learning_rate": 0.01})
    t = session.trainer
    W_before = t.network.layers[0].W[0, 1]
    phases = t.step_phases()
    e = _ex(session, ("edge", 1, 0, 1), phases)
    assert "Adam" in e.text and "m/(1−β₁ᵗ)" in e.text
    assert e.numbers["dw_update"] == pytest.approx(t.network.layers[0].W[0, 1] - W_before, abs=1e-15)


# --- wide layers and bad input -----------------------------------------------------------------------
def test_wide_sums_are_cut_after_a_few_terms():
    session, _, _, phases = _step("spiral-adam")
    e = _ex(session, ("neuron", 2, 0), phases, sample=0)  # 16 inputs
    assert f"+ … ({16 - MAX_TERMS} more terms)" in e.text
    batch = _ex(session, ("edge", 2, 0, 0), phases)  # 32 samples in the sum
    assert f"+ … ({32 - MAX_TERMS} more terms)" in batch.text
    assert "… (28 more samples)" in _ex(session, ("neuron", 1, 0), phases).text


@pytest.mark.parametrize(
    "selection,message",
    [
        (("neuron", 5, 0), "there is no layer 5"),
        (("neuron", 1, 7), "has 2 units"),
        (("edge", 0, 0, 0), "weights belong to layers 1"),
        (("edge", 2, 3, 0), "W(2) is 2 × 2"),
        (("layer",), "a selection is"),
        (("bias", 1), "unknown selection kind"),
        ("neuron", "a selection is"),
    ],
)
def test_bad_selections_raise_a_clear_value_error(worked, selection, message):
    session, _, _, phases = worked
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _ex(session, selection, phases)


def test_every_selection_of_a_small_net_explains_without_error():
    """All activations and a few losses: nothing crashes and every result is finite."""
    for preset in ("worked-example", "xor-lecture", "blobs-softmax", "outliers-huber", "imbalanced-focal"):
        session, _, _, phases = _step(preset)
        net = session.trainer.network
        sizes = net.sizes
        sels = [("layer", l) for l in range(len(sizes))]
        sels += [("neuron", l, j) for l in range(len(sizes)) for j in range(min(sizes[l], 3))]
        sels += [
            ("edge", l, i, j)
            for l in range(1, len(sizes))
            for i in range(min(sizes[l - 1], 2))
            for j in range(min(sizes[l], 2))
        ]
        for cut in (1, len(phases) // 2, len(phases)):
            for sel in sels + [None]:
                e = _ex(session, sel, phases[:cut], sample=0)
                assert e.text and e.html
                for v in e.numbers.values():
                    if isinstance(v, float):
                        assert math.isfinite(v)
