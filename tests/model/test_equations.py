"""Tests for model.equations: the inspector's numbers are the model's, in the lecture's notation.

δ is the lecture's per-sample δᵢ = c·∂L/∂zᵢ (c = m for a loss that averages over the m samples);
the reference below computes the batch's ∂L/∂Z, so the tests compare δ with c times it.
"""

import math
import re

import numpy as np
import pytest

from model import Session
from model.activations import get_activation
from model.equations import MAX_TERMS, equation_lines, explain, format_number
from model.optimizers import OPTIMIZER_CLASSES
from model.snapshot import network_values


def _reference(network, X, Y, loss):
    """Independent of the trainer: a plain forward and backward pass on the same weights (δ = ∂L/∂Z)."""
    Zs, As = network.forward(X)
    L = len(network.layers)
    deltas = [None] * L
    out_act = get_activation(network.layers[-1].activation)
    g = loss.gradient(Y, As[-1])
    if out_act.elementwise:
        deltas[-1] = g * out_act.derivative(Zs[-1], As[-1])
    else:  # softmax: the Jacobian row by row
        A = As[-1]
        deltas[-1] = np.stack([(np.diag(a) - np.outer(a, a)) @ gr for a, gr in zip(A, g)])
    for i in range(L - 2, -1, -1):
        act = get_activation(network.layers[i].activation)
        deltas[i] = (deltas[i + 1] @ network.layers[i + 1].W.T) * act.derivative(Zs[i], As[i + 1])
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
    # the chain rule with every factor's value: ∂L/∂a · ∂a/∂z · ∂z/∂w = δ · a_prev
    assert "∂L/∂W₁₁⁽²⁾ = ∂L/∂a₁⁽²⁾ · ∂a₁⁽²⁾/∂z₁⁽²⁾ · ∂z₁⁽²⁾/∂W₁₁⁽²⁾" in edge
    assert "= δ₁⁽²⁾ · a₁⁽¹⁾" in edge
    assert "= 0.74136507 × 0.186815602 × 0.593269992" in edge
    assert "= 0.138498562 × 0.593269992" in edge and "= 0.082167041" in edge
    assert "σ′(z₁⁽²⁾) = σ(z₁⁽²⁾)(1 − σ(z₁⁽²⁾))" in edge and "= 0.75136507 × (1 − 0.75136507)" in edge
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


def test_batch_numbers_are_per_sample_arrays_and_batch_means(xor):
    session, (Zs, As, deltas, dWs, dbs), before, phases = xor
    for j in range(3):
        n = _ex(session, ("neuron", 1, j), phases).numbers
        np.testing.assert_allclose(n["z"], Zs[0][:, j], atol=1e-15)
        np.testing.assert_allclose(n["delta"], 4 * deltas[0][:, j], atol=1e-14)  # per sample: m·∂L/∂z
        assert n["db"] == pytest.approx(dbs[0][j], abs=1e-15)
    e = _ex(session, ("edge", 2, 1, 0), phases)
    assert e.numbers["dW"] == pytest.approx(dWs[1][1, 0], abs=1e-15)
    assert e.m == 4 and e.sample is None
    assert "Batch of 4 samples" in e.scope
    assert "∂L/∂W₂₁⁽²⁾ = (1/m) Σ_samples a₂⁽¹⁾ · δ₁⁽²⁾" in e.text  # the 1/m is visible
    assert "= (1/4)[" in e.text
    assert e.text.count(" × ") >= 4  # the four samples' products are written out


def test_one_sample_of_a_batch(xor):
    session, (Zs, As, deltas, dWs, dbs), before, phases = xor
    for r in range(4):
        n = _ex(session, ("neuron", 2, 0), phases, sample=r).numbers
        assert n["z"] == pytest.approx(Zs[1][r, 0], abs=1e-15)
        assert n["delta"] == pytest.approx(4 * deltas[1][r, 0], abs=1e-14)
        # ½·MSE: the sample's own loss ℓ = ½(ŷ − y)², so ∂ℓ/∂ŷ = ŷ − y (the lecture's a2 − y)
        assert n["dA"] == pytest.approx(As[2][r, 0] - session.trainer.Y[r, 0], abs=1e-15)
        e = _ex(session, ("edge", 1, 0, 2), phases, sample=r)
        assert e.numbers["dW_term"] == pytest.approx(As[0][r, 0] * 4 * deltas[0][r, 2], abs=1e-14)
        assert e.numbers["dW"] == pytest.approx(dWs[0][0, 2], abs=1e-15)  # the update's batch mean
        assert e.sample == r and f"Sample {r + 1} of 4" in e.scope
    assert "the update uses their mean" in e.text


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
    assert e.numbers["delta"] == pytest.approx(4 * deltas[0][1, 2], abs=1e-14)
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
    assert "δ₂⁽²⁾ = (ŷ₂ − y₂)" in e.text  # per sample: the 1/m is in the gradient, not in δ
    assert e.numbers["delta"] == pytest.approx(A[3, 1] - Y[3, 1], abs=1e-14)
    assert e.numbers["fused"] is True
    assert m == 16 and "δᵢ = ∂ℓᵢ/∂zᵢ, where L = (1/m) Σ ℓᵢ (m = 16)" in e.text
    assert t.loss.name == "cross_entropy"


def test_sigmoid_bce_shows_the_fused_delta_per_sample():
    session, _, _, phases = _step("circles-relu", stop=("delta", 3))
    A = phases[2].values["a"]
    Y = phases[3].values["y_true"]
    assert A.shape[1] == 1  # one output: the per-sample δ is the error itself
    e = _ex(session, ("neuron", 3, 0), phases, sample=0)
    assert "Sigmoid + binary cross-entropy" in e.text and "δ₁⁽³⁾ = (ŷ₁ − y₁)" in e.text
    assert e.numbers["delta"] == pytest.approx(A[0, 0] - Y[0, 0], abs=1e-14)


def test_softmax_with_mse_uses_the_jacobian_vector_product():
    overrides = {"loss": {"name": "mse"}}
    session, (Zs, As, deltas, dWs, dbs), before, phases = _step("blobs-softmax", stop=("delta", 2), **overrides)
    e = _ex(session, ("neuron", 2, 0), phases, sample=2)
    assert "Jacobian–vector product" in e.text
    assert e.numbers["fused"] is False
    d = phases[-1].values["delta"]
    m = d.shape[0]
    assert e.numbers["delta"] == pytest.approx(m * d[2, 0], abs=1e-14)


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


# --- δ as the lecture defines it (issue 9.1) ---------------------------------------------------------
def test_xor_lecture_sample_1_shows_the_lectures_delta():
    """The lecture's d2 = (a2 − y) * σ′(z2) for sample 1 is 0.09931773; ∂L/∂z of the batch is a quarter of it."""
    session, (Zs, As, deltas, dWs, dbs), _, phases = _step("xor-lecture")
    e = _ex(session, ("neuron", 2, 0), phases, sample=0)
    assert e.numbers["delta"] == pytest.approx(0.09931773, abs=5e-9)
    assert "= 0.099317725" in e.text
    a, y = As[2][0, 0], session.trainer.Y[0, 0]
    assert e.numbers["delta"] == pytest.approx((a - y) * a * (1 - a), abs=1e-15)  # the lecture's own line
    assert deltas[1][0, 0] == pytest.approx(0.09931773 / 4, abs=5e-9)  # the trainer's ∂L/∂z is unchanged
    assert "∂ℓ/∂a₁⁽²⁾ = (ŷ − y)" in e.text
    # the gradient is the mean of the per-sample terms, with the 1/m written out
    b = _ex(session, ("neuron", 2, 0), phases)
    assert "∂L/∂b₁⁽²⁾ = (1/m) Σ_samples δ₁⁽²⁾" in b.text and "= (1/4)[0.099317725 + " in b.text
    assert b.numbers["db"] == pytest.approx(np.mean(4 * deltas[1][:, 0]), abs=1e-15)


def test_a_loss_that_is_not_a_sum_over_samples_shows_m_times_its_gradient():
    session, (Zs, As, deltas, dWs, dbs), _, phases = _step("sine-regression", loss={"name": "rmse"})
    m = phases[0].values["a_prev"].shape[0]
    L = len(session.trainer.network.layers)
    e = _ex(session, ("neuron", L, 0), phases, sample=2)
    assert e.numbers["delta"] == pytest.approx(m * deltas[-1][2, 0], rel=1e-12)
    assert f"δᵢ = m·∂L/∂zᵢ (m = {m})" in e.text and "m·∂L/∂a₁" in e.text
    assert e.numbers["dA"] == pytest.approx(m * session.trainer.loss.gradient(session.trainer.Y, As[-1])[2, 0])


def test_a_loss_summed_over_samples_needs_no_1_over_m():
    loss = {"name": "mse", "half": True, "reduction": "sum"}
    session, (Zs, As, deltas, dWs, dbs), _, phases = _step("xor-lecture", loss=loss)
    e = _ex(session, ("edge", 2, 0, 0), phases)
    np.testing.assert_allclose(e.numbers["delta"], deltas[1][:, 0], atol=1e-15)  # c = 1
    assert "∂L/∂W₁₁⁽²⁾ = Σ_samples a₁⁽¹⁾ · δ₁⁽²⁾" in e.text and "(1/m)" not in e.text
    assert "L sums the samples’ losses" in _ex(session, ("neuron", 2, 0), phases).text


def test_the_chain_rule_multiplies_out_for_every_sample():
    session, (Zs, As, deltas, dWs, dbs), _, phases = _step("xor-lecture")
    for r in range(4):
        e = _ex(session, ("edge", 1, 1, 2), phases, sample=r, precision=12)
        text = e.text
        assert "∂ℓ/∂W₂₃⁽¹⁾ = ∂ℓ/∂a₃⁽¹⁾ · ∂a₃⁽¹⁾/∂z₃⁽¹⁾ · ∂z₃⁽¹⁾/∂W₂₃⁽¹⁾" in text
        assert "∂ℓ/∂a₃⁽¹⁾ = Σₖ W₃ₖ⁽²⁾ δₖ⁽²⁾" in text  # where the hidden unit's ∂ℓ/∂a comes from
        W2 = phases[1].values["W"]  # the weights this step used (the network's are updated by now)
        upstream = 4 * deltas[1][r] @ W2.T
        fp = As[1][r, 2] * (1 - As[1][r, 2])
        x = As[0][r, 1]
        chain = f"= {_f(upstream[2])} × {_f(fp)} × {_f(x)}"
        assert chain in text, chain
        assert e.numbers["dW_term"] == pytest.approx(upstream[2] * fp * x, abs=1e-14)


def _f(x, precision=12):
    s = format_number(x, precision)
    return f"({s})" if s.startswith("−") else s


# --- the update equation multiplies out, for every optimizer -------------------------------------------
_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _evaluate(expr: str) -> float:
    """A right-hand side of numbers, as written, computed: ×, /, +, −, parentheses, √, powers, ×10ⁿ."""
    e = expr.replace("−", "-")
    e = re.sub(r"×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda mo: "e" + mo.group(1).translate(_SUP), e)
    e = re.sub(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda mo: "**" + mo.group(1).translate(_SUP), e)
    e = re.sub(r"√([\d.]+(?:e-?\d+)?)", r"sqrt(\1)", e).replace("√(", "sqrt(")
    e = e.replace("×", "*")
    assert re.fullmatch(r"[\d.e+\-*/() sqrt]+", e), f"not a plain expression: {expr!r}"
    return float(eval(e, {"__builtins__": {}}, {"sqrt": math.sqrt}))  # digits and operators only (checked above)


def _equations(lines):
    """[(lhs, [rhs, …])] from equation lines: "lhs = rhs" then "   = rhs" continuation lines."""
    out = []
    for line in lines:
        head, sep, rhs = line.partition(" = ")
        if not sep:
            continue
        if head.strip():
            out.append((head.strip(), [rhs.strip()]))
        elif out:
            out[-1][1].append(rhs.strip())
    return out


# every optimizer class of the registry, variants (Nesterov: momentum's switch on) included, and one non-default μ
OPTIMIZER_SETTINGS = [{"name": c.name, **({c.switch: True} if c.switch else {})} for c in OPTIMIZER_CLASSES]
OPTIMIZER_SETTINGS += [{"name": "momentum", "nesterov": True, "momentum": 0.8}]


@pytest.mark.parametrize("opt", OPTIMIZER_SETTINGS, ids=lambda o: "-".join(str(v) for v in o.values()))
def test_the_update_equation_multiplies_out_for_every_optimizer(opt):
    lr = {"sgd": 0.5, "momentum": 0.2}.get(opt["name"], 0.01)
    session = Session.from_preset("xor-lecture", optimizer={**opt, "learning_rate": lr})
    t = session.trainer
    t.run_steps(3)  # the optimizer has a running state by now
    phases = t.step_phases()
    net = t.network
    selections = [(("edge", 1, 1, 2), "w", net.layers[0].W[1, 2]), (("neuron", 2, 0), "b", net.layers[1].b[0])]
    for sel, prefix, new in selections:
        e = _ex(session, sel, phases, precision=17, sections=("update",))
        lines = equation_lines(sel, phases, "update", loss=t.loss, optimizer=t.optimizer, precision=17)
        eqs = _equations(lines)
        checked = 0
        for lhs, rhs in eqs:
            result = _evaluate(rhs[-1])
            for r in rhs[:-1]:
                try:
                    value = _evaluate(r)
                except AssertionError:
                    continue  # a formula in symbols
                assert value == pytest.approx(result, rel=1e-12, abs=1e-15), (lhs, r, rhs[-1])
                checked += 1
        assert checked >= 2, lines  # the numbers were written out, not only the result
        final_lhs, final_rhs = eqs[-1]
        assert final_lhs.endswith("′"), final_lhs  # the last equation gives the new weight …
        assert _evaluate(final_rhs[-1]) == pytest.approx(new, rel=1e-14, abs=1e-16)  # … which is the model's
        assert e.numbers[prefix + "_new"] == new
    assert t.optimizer.name == opt["name"]


def test_the_optimizers_state_comes_from_the_step_not_from_the_change():
    """Momentum's velocity is the optimizer's own, before and after, as the update phase recorded it."""
    session = Session.from_preset("xor-lecture", optimizer={"name": "momentum", "learning_rate": 0.1})
    t = session.trainer
    t.run_steps(2)
    before = t.optimizer.state["velocity"][2][1, 0]
    phases = t.step_phases()
    after = t.optimizer.state["velocity"][2][1, 0]
    e = _ex(session, ("edge", 2, 1, 0), phases)
    assert e.numbers["velocity_prev"] == before and e.numbers["velocity"] == after
    u = phases[-1].values
    assert u["opt_before"]["t"] == 2 and u["opt_after"]["t"] == 3


# --- scope, names ------------------------------------------------------------------------------------
def test_the_scope_says_what_the_numbers_are_when_updates_use_mini_batches():
    session = Session.from_preset("spiral-adam")
    t = session.trainer
    vals = network_values(t.network, t.X, t.Y, t.loss)
    m = t.X.shape[0]
    e = explain(("neuron", 1, 0), (), values=vals, loss=t.loss, X=t.X, Y=t.Y, batch_size=t.batch_size)
    assert t.batch_size < m
    assert f"All {m} samples" in e.scope and f"each update uses a mini-batch of {t.batch_size}" in e.scope
    assert "as the update uses" not in e.scope
    full = explain(("neuron", 1, 0), (), values=vals, loss=t.loss, X=t.X, Y=t.Y, batch_size=None)
    assert "the batch each update uses" in full.scope


def test_published_weight_names_are_used_when_given(worked):
    session, _, _, phases = worked
    names = {"W": [[["w1", "w3"], ["w2", "w4"]], [["w5", "w7"], ["w6", "w8"]]], "b": [["b1", "b1"], ["b2", "b2"]]}
    e = _ex(session, ("edge", 2, 0, 0), phases, weight_names=names)
    assert e.title.startswith("Weight w₅ = W₁₁⁽²⁾")
    assert "∂L/∂w₅ = ∂L/∂a₁⁽²⁾" in e.text and "w₅′" in e.text
    assert "b₂′" in _ex(session, ("neuron", 2, 1), phases, weight_names=names).text
    assert "W₁₁⁽²⁾′" in _ex(session, ("edge", 2, 0, 0), phases).text  # without names: the matrix entry


# --- the design: equations ask the members, never their names ------------------------------------------
def test_no_code_branches_on_a_family_members_name():
    """Outside the files that define the members (a loss may name the output activation it pairs with)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    members = {"activations.py", "losses.py", "schedules.py"}
    files = [p for p in sorted((root / "model").rglob("*.py")) if p.name not in members and "optimizers" not in p.parts]
    files += [*sorted((root / "gui").rglob("*.py")), root / "main.py"]
    names = (
        "sigmoid|tanh|relu|leaky_relu|linear|softmax|mse|mae|huber|log_cosh|quantile|rmse|mbe|bce|cross_entropy|"
        "label_smoothing_ce|focal|kl_div|hinge|sgd|momentum|adam|rmsprop|constant|exponential|cosine"
    )
    pattern = re.compile(
        rf"""((?<!session)\.name\s*(==|!=|in\b))|((==|!=)\s*["']({names})["'])"""
        rf"""|(\bin\s*[(\[{{]\s*["']({names})["'])|(["']({names})["']\s*(==|!=))"""
    )
    assert pattern.search('if act in ("relu", "tanh"):') and pattern.search('loss.name == "hinge"')
    found = [
        f"{path.name}:{k}: {line.strip()}"
        for path in files
        if path.exists()
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, found


def test_an_update_without_recorded_state_says_so_and_still_gives_the_new_weight():
    """Phases from before opt_before/opt_after existed: the rule, the change, never a guessed state."""
    session = Session.from_preset("xor-lecture", optimizer={"name": "momentum", "learning_rate": 0.1})
    t = session.trainer
    phases = t.step_phases()
    u = phases[-1]
    old = u._replace(values={k: v for k, v in u.values.items() if k not in ("opt_before", "opt_after")})
    e = _ex(session, ("edge", 2, 1, 0), [*phases[:-1], old])
    assert "its state was not recorded in this step" in e.text
    assert e.numbers["w_new"] == t.network.layers[1].W[1, 0] and "velocity" not in e.numbers


def test_biases_that_are_not_trained_are_shown_unchanged():
    session, _, _, phases = _step("worked-example")
    u = phases[-1]
    frozen = u._replace(values={**u.values, "train_biases": (False, False)})
    e = _ex(session, ("neuron", 2, 0), [*phases[:-1], frozen])
    assert "This layer’s biases are not trained" in e.text
    update = e.text.split("Update (")[1]
    assert "Δb₁⁽²⁾" not in update  # no optimizer step is written for a bias that does not move


@pytest.mark.parametrize("name", ["momentum", "adam", "rmsprop"])
def test_the_first_update_starts_from_zero_state(name):
    """At the first step the optimizer's buffers do not exist yet: they start at zero, as in torch."""
    session = Session.from_preset("xor-lecture", optimizer={"name": name, "learning_rate": 0.01})
    t = session.trainer
    phases = t.step_phases()
    e = _ex(session, ("edge", 2, 0, 0), phases, precision=17)
    assert "not recorded" not in e.text
    assert e.numbers["w_new"] == t.network.layers[1].W[0, 0]
    prev = {"momentum": "velocity_prev", "adam": "m_prev", "rmsprop": "square_avg_prev"}[name]
    assert e.numbers[prev] == 0.0
