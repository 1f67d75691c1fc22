"""Activations: values, stability at extreme inputs, derivatives against finite differences."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from model.activations import ACTIVATIONS, activation_names, get_activation

ELEMENTWISE = activation_names(hidden=True)
finite_z = hnp.arrays(
    np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=5), elements=st.floats(-30, 30)
)


def test_registry():
    assert list(ACTIVATIONS) == ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"]
    assert ELEMENTWISE == ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
    for name, act in ACTIVATIONS.items():
        assert act.name == name and act.label and act.formula and act.derivative_formula
    with pytest.raises(ValueError, match="unknown activation 'gelu'; choose one of: sigmoid, tanh"):
        get_activation("gelu")


# -- sigmoid --------------------------------------------------------------------------------
def test_sigmoid_values():
    z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]])
    np.testing.assert_allclose(ACTIVATIONS["sigmoid"](z), 1 / (1 + np.exp(-z)), rtol=1e-15)
    assert ACTIVATIONS["sigmoid"](np.zeros((1, 1)))[0, 0] == 0.5


def test_sigmoid_is_stable_up_to_1e4_without_warnings():
    z = np.array([[-1e4, -745.0, -710.0, -50.0, 0.0, 50.0, 710.0, 1e4, 1e300, -1e300]])
    sig = ACTIVATIONS["sigmoid"]
    with np.errstate(all="raise"):
        a = sig(z)
        d = sig.derivative(z, a)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d))
    assert a[0, 0] == 0.0 and a[0, 7] == 1.0
    assert a[0, 4] == 0.5
    assert np.all((a >= 0) & (a <= 1))
    assert np.all(np.diff(a[0, :8]) >= 0)  # monotone
    assert d[0, 0] == 0.0 and d[0, 7] == 0.0


def test_sigmoid_matches_textbook_formula_where_it_does_not_overflow():
    z = np.linspace(-30, 30, 601).reshape(1, -1)
    np.testing.assert_allclose(ACTIVATIONS["sigmoid"](z), 1 / (1 + np.exp(-z)), rtol=1e-13, atol=1e-16)


# -- relu, leaky relu, tanh, linear -------------------------------------------------------------
def test_relu_derivative_is_zero_at_zero():
    relu = ACTIVATIONS["relu"]
    z = np.array([[-1.0, -0.0, 0.0, 1e-300, 2.0]])
    a = relu(z)
    np.testing.assert_array_equal(a, [[0.0, 0.0, 0.0, 1e-300, 2.0]])
    np.testing.assert_array_equal(relu.derivative(z, a), [[0.0, 0.0, 0.0, 1.0, 1.0]])


def test_leaky_relu_slope_is_0_01():
    leaky = ACTIVATIONS["leaky_relu"]
    z = np.array([[-100.0, -1.0, 0.0, 3.0]])
    np.testing.assert_array_equal(leaky(z), [[-1.0, -0.01, 0.0, 3.0]])
    np.testing.assert_array_equal(leaky.derivative(z, leaky(z)), [[0.01, 0.01, 0.01, 1.0]])


def test_tanh_and_linear():
    z = np.array([[-3.0, 0.0, 0.7]])
    np.testing.assert_array_equal(ACTIVATIONS["tanh"](z), np.tanh(z))
    np.testing.assert_allclose(ACTIVATIONS["tanh"].derivative(z, np.tanh(z)), 1 - np.tanh(z) ** 2)
    lin = ACTIVATIONS["linear"]
    a = lin(z)
    assert np.array_equal(a, z) and a is not z
    np.testing.assert_array_equal(lin.derivative(z, a), np.ones_like(z))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_out_argument_writes_in_place_and_matches(name):
    act = ACTIVATIONS[name]
    z = np.array([[-2.0, -0.1, 0.0, 0.3, 4.0]])
    buf, dbuf = np.empty_like(z), np.empty_like(z)
    a = act.forward(z, out=buf)
    assert a is buf
    assert np.array_equal(a, act(z))
    d = act.derivative(z, a, out=dbuf)
    assert d is dbuf
    assert np.array_equal(d, act.derivative(z, act(z)))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_extreme_inputs_raise_no_fp_error(name):
    act = ACTIVATIONS[name]
    z = np.array([[-1e300, -1e4, -1.0, 0.0, 1.0, 1e4, 1e300]])
    with np.errstate(all="raise"):
        a = act(z)
        d = act.derivative(z, a)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d))


@settings(max_examples=60, deadline=None)
@given(z=finite_z, name=st.sampled_from(ELEMENTWISE))
def test_elementwise_derivative_matches_central_differences(z, name):
    act = ACTIVATIONS[name]
    if name in ("relu", "leaky_relu"):
        z = np.where(np.abs(z) < 1e-3, 0.5, z)  # the kink has no two-sided derivative
    h = 1e-6
    numeric = (act(z + h) - act(z - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(z, act(z)), numeric, rtol=1e-6, atol=1e-8)


# -- softmax ----------------------------------------------------------------------------------
def test_softmax_rows_sum_to_one_and_are_shift_invariant():
    sm = ACTIVATIONS["softmax"]
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-5.0, 10.0, 0.5]])
    a = sm(z)
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-15)
    e = np.exp(z)
    np.testing.assert_allclose(a, e / e.sum(axis=1, keepdims=True), rtol=1e-14)
    np.testing.assert_allclose(sm(z + 1000.0), a, rtol=1e-12)
    np.testing.assert_allclose(a[1], [1 / 3] * 3, rtol=1e-15)


def test_softmax_is_row_wise():
    sm = ACTIVATIONS["softmax"]
    z = np.array([[1.0, 2.0], [100.0, -100.0]])
    np.testing.assert_array_equal(sm(z)[0], sm(z[:1])[0])
    assert not sm.elementwise
    assert "softmax" not in activation_names(hidden=True)


def test_softmax_huge_logits_do_not_overflow():
    sm = ACTIVATIONS["softmax"]
    z = np.array([[1e4, 0.0, -1e4], [1e300, 1e300, 0.0], [-1e300, -1e300, -1e300]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        a = sm(z)
    np.testing.assert_allclose(a, [[1, 0, 0], [0.5, 0.5, 0], [1 / 3, 1 / 3, 1 / 3]], rtol=1e-15)


def test_softmax_raises_no_fp_error_at_all():
    with np.errstate(all="raise"):
        a = ACTIVATIONS["softmax"](np.array([[1e4, 0.0, -1e4]]))
        d = ACTIVATIONS["softmax"].vjp(a, np.array([[1.0, -2.0, 3.0]]))
    assert a.tolist() == [[1.0, 0.0, 0.0]]
    assert np.all(np.isfinite(d))


@settings(max_examples=40, deadline=None)
@given(z=finite_z, g_seed=st.integers(0, 1000))
def test_softmax_vjp_matches_finite_differences(z, g_seed):
    """δ = J(z)ᵀ g with J the softmax Jacobian, checked through the scalar g·softmax(z)."""
    if z.shape[1] < 2:
        z = np.hstack([z, -z])
    sm = ACTIVATIONS["softmax"]
    g = np.random.default_rng(g_seed).normal(size=z.shape)
    h = 1e-6
    numeric = np.zeros_like(z)
    for idx in np.ndindex(*z.shape):
        up, down = z.copy(), z.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (np.sum(g * sm(up)) - np.sum(g * sm(down))) / (2 * h)
    np.testing.assert_allclose(sm.vjp(sm(z), g), numeric, rtol=1e-5, atol=1e-8)


def test_softmax_derivative_is_the_jacobian_diagonal():
    sm = ACTIVATIONS["softmax"]
    z = np.array([[0.2, -1.0, 3.0]])
    a = sm(z)
    np.testing.assert_allclose(sm.derivative(z, a), a * (1 - a))


# --- notation and health: what the inspector and the gradient plot ask an activation ---------------------
def _notation_numbers():
    from model.notation import Numbers

    return Numbers(9)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_each_activation_writes_a_and_f_prime_with_its_numbers(name):
    from model.notation import format_number, sym

    act = ACTIVATIONS[name]
    z_row = np.array([[-0.7, 0.3, 1.2]])
    a_row = act.forward(z_row.copy())
    fp = act.derivative(z_row, a_row)
    F = _notation_numbers()
    for j in range(3):
        (line,) = act.value_lines(sym("a", j + 1, "(1)"), sym("z", j + 1, "(1)"), j, z_row[0], a_row[0], F)
        assert line.rhs[-1].text == format_number(a_row[0, j], 9)
        lines = act.derivative_lines(sym("a", j + 1), sym("z", j + 1), z_row[0, j], a_row[0, j], fp[0, j], F)
        assert lines[-1].rhs[-1].text == format_number(fp[0, j], 9)
        assert "′" in lines[-1].lhs.text or "∂" in lines[-1].lhs.text


def test_sigmoid_derivative_is_written_as_the_lecture_does():
    from model.notation import Numbers, sym

    act = ACTIVATIONS["sigmoid"]
    a = 0.59
    (line,) = act.derivative_lines(sym("a", 1), sym("z", 1), 0.3637, a, a * (1 - a), Numbers(4))
    assert line.lhs.text == "σ′(z₁)"
    assert [r.text for r in line.rhs] == ["σ(z₁)(1 − σ(z₁))", "0.59 × (1 − 0.59)", "0.2419"]


def test_saturation_is_each_activations_own_test():
    Z = np.array([[-10.0, 0.0, 10.0, -1.0], [-8.0, 0.5, 9.0, -2.0]])
    for name, expected_kind in (("sigmoid", "saturated"), ("tanh", "saturated"), ("relu", "dead"), ("linear", None)):
        act = ACTIVATIONS[name]
        A = act.forward(Z.copy())
        assert act.saturation_kind == expected_kind
        if name == "sigmoid":
            assert act.saturation(Z, A) == np.mean((A < 0.01) | (A > 0.99)) == 0.5
        elif name == "tanh":
            assert act.saturation(Z, A) == pytest.approx(np.mean(np.abs(A) > 0.99))
        elif name == "relu":
            assert act.saturation(Z, A) == 0.5  # units 1 and 4 are ≤ 0 for every sample: dead
        else:
            assert act.saturation(Z, A) == 0.0


def test_each_activation_gives_its_short_name_for_the_diagram():
    shorts = {name: act.short for name, act in ACTIVATIONS.items()}
    assert shorts["sigmoid"] == "σ" and shorts["leaky_relu"] == "LReLU" and shorts["linear"] == "lin"
    assert all(shorts.values()) and len(set(shorts.values())) == len(shorts)
