"""Losses: the lecture's worked numbers, finite-difference gradients, fused deltas, extremes."""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from model.losses import LOSSES, Loss, ParamSpec, loss_from_dict, loss_names, make_loss

# The lecture's worked example (LECTURE.md, part 2).
Y_REG = np.array([3.0, 5.0, 7.0])
P_REG = np.array([2.5, 5.0, 8.0])
Y_CLS = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
P_CLS = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])

ACTIVATION_NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax")
FUSED_PAIRS = {("sigmoid", "bce"), ("softmax", "cross_entropy"), ("softmax", "label_smoothing_ce")}
WITH_GRADIENT = [n for n in LOSSES if n != "accuracy"]


# -- the lecture's numbers ---------------------------------------------------------------
def _e():
    return Y_REG - P_REG


REGRESSION_CASES = [
    ("mse", {}, 0.4166667, lambda e: np.mean(e**2)),
    ("mae", {}, 0.5, lambda e: np.mean(np.abs(e))),
    ("huber", {}, 0.2083333, lambda e: np.mean(np.where(np.abs(e) <= 1.0, 0.5 * e**2, np.abs(e) - 0.5))),
    ("log_cosh", {}, 0.1846318, lambda e: np.mean(np.log(np.cosh(e)))),
    ("quantile", {"quantile": 0.7}, 0.2166667, lambda e: np.mean(np.maximum(0.7 * e, -0.3 * e))),
]


@pytest.mark.parametrize("name, params, lecture, reference", REGRESSION_CASES, ids=[c[0] for c in REGRESSION_CASES])
def test_lecture_regression_values(name, params, lecture, reference):
    value = make_loss(name, **params).value(Y_REG, P_REG)
    assert isinstance(value, float)
    assert value == pytest.approx(reference(_e()), abs=1e-9)
    assert value == pytest.approx(lecture, abs=5e-8)


def _focal_reference(y, p, gamma=2.0):
    pt = np.where(y == 1.0, p, 1.0 - p)
    return np.mean(-((1.0 - pt) ** gamma) * np.log(pt))


CLASSIFICATION_CASES = [
    ("bce", {}, 0, 0.2797766, lambda y, p: -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))),
    ("cross_entropy", {}, None, 0.2797766, lambda y, p: -np.sum(y * np.log(p)) / len(y)),
    (
        "label_smoothing_ce",
        {"epsilon": 0.1},
        None,
        0.3462596,
        lambda y, p: -np.sum((0.9 * y + 0.05) * np.log(p)) / len(y),
    ),
    ("focal", {"gamma": 2.0}, 0, 0.0305705, _focal_reference),
    ("kl_div", {}, None, 0.2797766, lambda y, p: np.sum(y * np.log(np.where(y > 0, y / p, 1.0))) / len(y)),
]


@pytest.mark.parametrize(
    "name, params, column, lecture, reference", CLASSIFICATION_CASES, ids=[c[0] for c in CLASSIFICATION_CASES]
)
def test_lecture_classification_values(name, params, column, lecture, reference):
    y, p = (Y_CLS, P_CLS) if column is None else (Y_CLS[:, column], P_CLS[:, column])
    value = make_loss(name, **params).value(y, p)
    assert value == pytest.approx(reference(y, p), abs=1e-9)
    assert value == pytest.approx(lecture, abs=5e-8)


def test_rmse_mbe_and_mse_variants_on_the_lecture_example():
    e = _e()
    assert make_loss("rmse").value(Y_REG, P_REG) == pytest.approx(math.sqrt(np.mean(e**2)), abs=1e-12)
    # MBE is the mean of the lecture's signed error e = y − ŷ: here the model over-predicts.
    assert make_loss("mbe").value(Y_REG, P_REG) == pytest.approx(-1.0 / 6.0, abs=1e-12)
    assert make_loss("mse", half=True).value(Y_REG, P_REG) == pytest.approx(1.25 / 6.0, abs=1e-12)
    assert make_loss("mse", reduction="sum").value(Y_REG, P_REG) == pytest.approx(1.25, abs=1e-12)
    assert make_loss("mse", half=True, reduction="sum").value(Y_REG, P_REG) == pytest.approx(0.625)
    np.testing.assert_allclose(make_loss("mse", half=True, reduction="sum").gradient(Y_REG, P_REG), P_REG - Y_REG)


# -- finite differences -----------------------------------------------------------------
def numeric_gradient(loss, y, p, h=1e-6):
    g = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        up, down = p.copy(), p.copy()
        up[idx] += h
        down[idx] -= h
        g[idx] = (loss.value(y, up) - loss.value(y, down)) / (2.0 * h)
    return g


def assert_matches_finite_differences(loss, y, p):
    analytic = loss.gradient(y, p)
    assert analytic.shape == p.shape
    numeric = numeric_gradient(loss, y, p)
    # The difference quotient's round-off is about eps·|L|/h; the floor sits well above it.
    floor = 1e-7 * max(1.0, abs(loss.value(y, p)))
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=floor)


SHAPES = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=4)
ROW_SHAPES = st.one_of(
    st.tuples(st.integers(2, 4)),
    st.tuples(st.integers(1, 4), st.integers(2, 4)),
)


def _floats(lo, hi):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def _signed_away_from_zero(draw, shape, lo=2e-3, hi=10.0):
    """Values with |v| ≥ lo, so a kink at 0 stays more than 1e-3 away."""
    mag = draw(hnp.arrays(float, shape, elements=_floats(lo, hi)))
    sign = draw(hnp.arrays(float, shape, elements=st.sampled_from([-1.0, 1.0])))
    return sign * mag


def _row_distributions(draw, shape, lo):
    w = draw(hnp.arrays(float, shape, elements=_floats(lo, 1.0)))
    return w / w.sum(axis=-1, keepdims=True)


def _one_hot(draw, shape):
    k = shape[-1]
    rows = 1 if len(shape) == 1 else shape[0]
    idx = draw(st.lists(st.integers(0, k - 1), min_size=rows, max_size=rows))
    y = np.eye(k)[idx]
    return y.reshape(shape)


PARAMS = {
    "mse": st.fixed_dictionaries({"half": st.booleans(), "reduction": st.sampled_from(["mean", "sum"])}),
    "huber": st.fixed_dictionaries({"delta": st.sampled_from([0.3, 1.0, 2.5])}),
    "quantile": st.fixed_dictionaries({"quantile": st.sampled_from([0.1, 0.5, 0.7, 0.95])}),
    "label_smoothing_ce": st.fixed_dictionaries({"epsilon": st.sampled_from([0.0, 0.1, 0.3])}),
    "focal": st.fixed_dictionaries(
        {"gamma": st.sampled_from([0.0, 0.5, 2.0, 3.0]), "alpha": st.sampled_from([None, 0.25, 0.8])}
    ),
}


@st.composite
def loss_cases(draw, name):
    """(loss, y_true, y_pred) away from the loss's kinks and the clipping of probabilities."""
    loss = make_loss(name, **draw(PARAMS.get(name, st.just({}))))
    output = type(loss).output
    if output == "distribution":
        shape = draw(ROW_SHAPES)
        p = _row_distributions(draw, shape, 0.02)
        y = _one_hot(draw, shape) if draw(st.booleans()) else _row_distributions(draw, shape, 0.0 + 1e-3)
        return loss, y, p
    shape = draw(SHAPES)
    if output == "probability":
        p = draw(hnp.arrays(float, shape, elements=_floats(0.02, 0.98)))
        y = draw(hnp.arrays(float, shape, elements=_floats(0.0, 1.0)))
        if draw(st.booleans()):
            y = np.round(y)
        return loss, y, p
    if name == "hinge":
        labels = draw(hnp.arrays(float, shape, elements=st.sampled_from([-1.0, 1.0])))
        margin = 1.0 + _signed_away_from_zero(draw, shape, hi=5.0)
        scores = labels * margin
        if draw(st.booleans()):
            labels = np.where(labels < 0, 0.0, 1.0)  # 0/1 labels mean the same
        return loss, labels, scores
    y = draw(hnp.arrays(float, shape, elements=_floats(-10.0, 10.0)))
    if name in ("mae", "quantile", "rmse", "huber"):
        e = _signed_away_from_zero(draw, shape)
        if name == "huber":
            delta = loss.params["delta"]
            e = np.where(np.abs(np.abs(e) - delta) < 2e-3, e * 1.01, e)  # off the kink of L''
        return loss, y, y - e
    return loss, y, draw(hnp.arrays(float, shape, elements=_floats(-10.0, 10.0)))


@pytest.mark.parametrize("name", WITH_GRADIENT)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_gradient_matches_finite_differences(name, data):
    loss, y, p = data.draw(loss_cases(name))
    assert_matches_finite_differences(loss, y, p)


def test_finite_difference_check_catches_a_wrong_gradient():
    class Wrong(type(make_loss("mse"))):
        def _gradient(self, y, p):
            return super()._gradient(y, p) * 1.001

    with pytest.raises(AssertionError):
        assert_matches_finite_differences(Wrong(), Y_REG, P_REG)


# -- fused output deltas ------------------------------------------------------------------
def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _chain_rule_delta(activation, loss, y, a):
    g = loss.gradient(y, a)
    if activation == "sigmoid":
        return g * a * (1.0 - a)
    return a * (g - np.sum(g * a, axis=1, keepdims=True))


def _forward(activation, z):
    return _sigmoid(z) if activation == "sigmoid" else _softmax(z)


@st.composite
def fused_cases(draw, activation):
    shape = draw(st.tuples(st.integers(1, 4), st.integers(1 if activation == "sigmoid" else 2, 4)))
    z = draw(hnp.arrays(float, shape, elements=_floats(-5.0, 5.0)))
    if activation == "sigmoid":
        y = draw(hnp.arrays(float, shape, elements=_floats(0.0, 1.0)))
    else:
        style = draw(st.sampled_from(["one_hot", "soft", "unnormalised"]))
        if style == "one_hot":
            y = _one_hot(draw, shape)
        elif style == "soft":
            y = _row_distributions(draw, shape, 1e-3)
        else:  # the exact VJP form must hold even when target rows do not sum to 1
            y = draw(hnp.arrays(float, shape, elements=_floats(0.0, 2.0)))
    return z, y


@pytest.mark.parametrize("activation, name", sorted(FUSED_PAIRS))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_fused_delta_equals_chain_rule(activation, name, data):
    params = data.draw(PARAMS.get(name, st.just({})))
    loss = make_loss(name, **params)
    z, y = data.draw(fused_cases(activation))
    a = _forward(activation, z)
    fused = loss.fused_delta(activation, y, a)
    assert fused.shape == a.shape
    np.testing.assert_allclose(fused, _chain_rule_delta(activation, loss, y, a), rtol=1e-9, atol=1e-12)
    # And against finite differences of L(f(z)) in z, the quantity backprop calls δ.
    numeric = np.zeros_like(z)
    h = 1e-6
    for idx in np.ndindex(z.shape):
        up, down = z.copy(), z.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (loss.value(y, _forward(activation, up)) - loss.value(y, _forward(activation, down))) / (2 * h)
    np.testing.assert_allclose(fused, numeric, rtol=1e-5, atol=1e-7)


def test_fused_delta_is_prediction_minus_target_for_one_hot_rows():
    m = len(Y_CLS)
    ce = make_loss("cross_entropy")
    np.testing.assert_allclose(ce.fused_delta("softmax", Y_CLS, P_CLS), (P_CLS - Y_CLS) / m)
    ls = make_loss("label_smoothing_ce", epsilon=0.2)
    np.testing.assert_allclose(ls.fused_delta("softmax", Y_CLS, P_CLS), (P_CLS - (0.8 * Y_CLS + 0.1)) / m)
    bce = make_loss("bce")
    np.testing.assert_allclose(bce.fused_delta("sigmoid", Y_CLS, P_CLS), (P_CLS - Y_CLS) / Y_CLS.size)


@pytest.mark.parametrize("name", list(LOSSES))
@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_fused_delta_only_for_the_closed_form_pairs(activation, name):
    loss = make_loss(name)
    fused = loss.fused_delta(activation, Y_CLS, P_CLS)
    formula = loss.fused_formula(activation)
    if (activation, name) in FUSED_PAIRS:
        assert isinstance(fused, np.ndarray)
        assert formula.startswith("δ = ")
    else:
        assert fused is None
        assert formula is None


def test_fused_delta_accepts_an_activation_object():
    class Softmax:
        name = "softmax"

    ce = make_loss("cross_entropy")
    np.testing.assert_array_equal(ce.fused_delta(Softmax(), Y_CLS, P_CLS), ce.fused_delta("softmax", Y_CLS, P_CLS))


# -- extreme inputs ----------------------------------------------------------------------
REGRESSION_Y = np.array([[0.0, 1e4], [-1e4, 5.0], [3.0, 0.0]])
REGRESSION_P = np.array([[1e4, -1e4], [0.0, 5.0], [3.0, -1e4]])
PROB_Y = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [0.5, 0.5]])
PROB_P = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
DIST_Y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.5, 0.5], [0.0, 0.0, 1.0]])
DIST_P = np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
HINGE_Y = np.array([[1.0, -1.0], [0.0, 1.0]])
HINGE_P = np.array([[-1e4, 1e4], [-1e4, 1e4]])

EXTREME_LOSSES = [
    ("mse", {}),
    ("mse", {"half": True, "reduction": "sum"}),
    ("mae", {}),
    ("huber", {"delta": 1e-3}),
    ("huber", {"delta": 1e3}),
    ("log_cosh", {}),
    ("quantile", {"quantile": 0.0}),
    ("quantile", {"quantile": 1.0}),
    ("rmse", {}),
    ("mbe", {}),
    ("bce", {}),
    ("cross_entropy", {}),
    ("label_smoothing_ce", {"epsilon": 0.0}),
    ("label_smoothing_ce", {"epsilon": 1.0}),
    ("focal", {"gamma": 0.0}),
    ("focal", {"gamma": 0.5, "alpha": 0.25}),
    ("focal", {"gamma": 10.0, "alpha": 1.0}),
    ("kl_div", {}),
    ("hinge", {}),
    ("accuracy", {}),
]


def _extreme_inputs(loss):
    output = type(loss).output
    if output == "probability":
        return PROB_Y, PROB_P
    if output == "distribution":
        return DIST_Y, DIST_P
    if output == "score":
        return HINGE_Y, HINGE_P
    return REGRESSION_Y, REGRESSION_P


@pytest.mark.parametrize("name, params", EXTREME_LOSSES, ids=[f"{n}-{p}" if p else n for n, p in EXTREME_LOSSES])
def test_extreme_inputs_stay_finite_without_warnings(name, params):
    loss = make_loss(name, **params)
    y, p = _extreme_inputs(loss)
    with np.errstate(all="raise"):
        for yy, pp in ((y, p), (y[:, 0], p[:, 0])):
            assert math.isfinite(loss.value(yy, pp))
            if name == "accuracy":
                continue
            g = loss.gradient(yy, pp)
            assert g.shape == pp.shape
            assert np.all(np.isfinite(g))
        for activation in ("sigmoid", "softmax"):
            fused = loss.fused_delta(activation, y, p)
            assert fused is None or np.all(np.isfinite(fused))


def test_extreme_values_are_right_not_just_finite():
    with np.errstate(all="raise"):
        # cosh(1e4) overflows; log cosh(x) ≈ |x| − log 2 must not.
        assert make_loss("log_cosh").value([0.0, 0.0], [1e4, -1e4]) == pytest.approx(1e4 - math.log(2))
        assert make_loss("log_cosh").value([0.0], [1e-8]) == pytest.approx(0.5e-16, rel=1e-6)
        bce = make_loss("bce")
        assert bce.value([1.0, 0.0], [1.0, 0.0]) == pytest.approx(0.0, abs=1e-11)
        # Clipped to 1e-12 (and 1 − 1e-12, which rounds to 1 − 1.0000889e-12).
        assert bce.value([1.0, 0.0], [0.0, 1.0]) == pytest.approx(-math.log(1e-12), rel=1e-5)
        ce = make_loss("cross_entropy")
        assert ce.value([[0.0, 1.0]], [[1.0, 0.0]]) == pytest.approx(-math.log(1e-12), rel=1e-9)
        assert make_loss("kl_div").value(DIST_Y[:2], DIST_Y[:2]) == pytest.approx(0.0, abs=1e-11)
        assert make_loss("hinge").value([[1.0]], [[1e4]]) == 0.0
        assert make_loss("hinge").value([[0.0]], [[1e4]]) == pytest.approx(1e4 + 1)


# -- conventions --------------------------------------------------------------------------
def test_subgradients_at_kinks_are_zero():
    y = np.array([1.0, 2.0, 3.0])
    for name in ("mae", "quantile", "rmse"):
        np.testing.assert_array_equal(make_loss(name).gradient(y, y), np.zeros(3))
    assert make_loss("hinge").gradient([1.0, -1.0], [1.0, -1.0]).tolist() == [0.0, 0.0]


def test_quantile_one_half_is_half_the_mae_and_signs_follow_e():
    y, p = np.array([1.0, 2.0, 3.0, 4.0]), np.array([0.0, 2.0, 5.0, 4.5])
    q, mae = make_loss("quantile", quantile=0.5), make_loss("mae")
    assert q.value(y, p) == pytest.approx(0.5 * mae.value(y, p))
    np.testing.assert_allclose(q.gradient(y, p), 0.5 * mae.gradient(y, p))
    # e = y − ŷ > 0 is under-prediction, costing q per unit: raising ŷ lowers the loss.
    q9 = make_loss("quantile", quantile=0.9)
    np.testing.assert_allclose(q9.gradient([1.0, 0.0], [0.0, 1.0]), [-0.9 / 2, 0.1 / 2])


def test_hinge_reads_zero_labels_as_minus_one_and_rejects_others():
    hinge = make_loss("hinge")
    scores = np.array([[0.3], [-2.0], [0.9], [1.5]])
    pm = np.array([[1.0], [-1.0], [-1.0], [1.0]])
    assert hinge.value(pm, scores) == pytest.approx(np.mean(np.maximum(0, 1 - pm * scores)))
    assert hinge.value((pm + 1) / 2, scores) == hinge.value(pm, scores)
    np.testing.assert_array_equal(hinge.gradient((pm + 1) / 2, scores), hinge.gradient(pm, scores))
    with pytest.raises(ValueError, match="labels −1 and \\+1"):
        hinge.value([0.5], [1.0])


def test_focal_without_focus_or_weights_is_bce():
    rng = np.random.default_rng(0)
    y, p = rng.uniform(size=(5, 2)), rng.uniform(0.05, 0.95, size=(5, 2))
    focal, bce = make_loss("focal", gamma=0.0), make_loss("bce")
    assert focal.value(y, p) == pytest.approx(bce.value(y, p), rel=1e-12)
    np.testing.assert_allclose(focal.gradient(y, p), bce.gradient(y, p), rtol=1e-12)
    # α weights the positive class, 1 − α the negative one.
    weighted = make_loss("focal", gamma=0.0, alpha=0.25)
    assert weighted.value([1.0], [0.6]) == pytest.approx(-0.25 * math.log(0.6))
    assert weighted.value([0.0], [0.6]) == pytest.approx(-0.75 * math.log(0.4))


def test_kl_is_cross_entropy_minus_target_entropy_and_smoothing_zero_is_cross_entropy():
    y = np.array([[0.2, 0.8, 0.0], [0.5, 0.25, 0.25]])
    p = np.array([[0.3, 0.3, 0.4], [0.1, 0.6, 0.3]])
    entropy = -np.sum(y * np.log(np.where(y > 0, y, 1.0))) / 2
    ce = make_loss("cross_entropy")
    assert make_loss("kl_div").value(y, p) == pytest.approx(ce.value(y, p) - entropy, abs=1e-12)
    assert make_loss("label_smoothing_ce", epsilon=0.0).value(y, p) == pytest.approx(ce.value(y, p))
    # A 1-D input is one sample.
    assert ce.value(y[0], p[0]) == pytest.approx(ce.value(y[:1], p[:1]))
    assert ce.gradient(y[0], p[0]).shape == (3,)


def test_label_smoothing_spreads_epsilon_over_all_k_classes():
    y, p = np.array([[0.0, 0.0, 1.0]]), np.array([[0.2, 0.3, 0.5]])
    smoothed = np.array([[0.05, 0.05, 0.9]])  # ε = 0.15 over K = 3 classes
    ls = make_loss("label_smoothing_ce", epsilon=0.15)
    assert ls.value(y, p) == pytest.approx(-np.sum(smoothed * np.log(p)), abs=1e-12)
    np.testing.assert_allclose(ls.fused_delta("softmax", y, p), p - smoothed, atol=1e-15)


def test_accuracy_thresholds_one_column_and_argmaxes_several():
    acc = make_loss("accuracy")
    assert acc.value([1, 0, 1, 0], [0.7, 0.2, 0.4, 0.6]) == 0.5
    assert make_loss("accuracy", threshold=0.0).value([1, -1, -1], [0.3, -0.2, 0.1]) == pytest.approx(2 / 3)
    assert acc.value(Y_CLS, np.array([[0.9, 0.1], [0.6, 0.4], [0.6, 0.4]])) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="^accuracy is a metric and has no gradient$"):
        acc.gradient(Y_CLS, P_CLS)


def test_a_column_vector_target_matches_a_flat_one_and_other_shapes_are_refused():
    mse = make_loss("mse")
    y, p = np.array([1.0, 2.0, 3.0]), np.array([[1.5], [2.0], [2.0]])
    assert mse.value(y, p) == pytest.approx(mse.value(y[:, None], p))
    assert mse.gradient(y, p).shape == (3, 1)
    with pytest.raises(ValueError, match="shape"):
        mse.value(np.zeros((2, 3)), np.zeros((3, 2)))


# -- parameters, errors, registry ------------------------------------------------------------
@pytest.mark.parametrize(
    "name, params, message",
    [
        ("nope", {}, r"^unknown loss 'nope'; choose one of: mse, "),
        ("huber", {"delt": 1.0}, r"huber loss has no parameter 'delt'; its parameters are: delta$"),
        ("mae", {"delta": 1.0}, r"no parameter 'delta'; its parameters are: none$"),
        ("quantile", {"quantile": 1.5}, r"^quantile must be between 0 and 1, got 1\.5$"),
        ("quantile", {"quantile": -0.1}, r"^quantile must be between 0 and 1, got -0\.1$"),
        ("huber", {"delta": 0.0}, r"^delta must be between"),
        ("label_smoothing_ce", {"epsilon": 2.0}, r"^epsilon must be between 0 and 1, got 2$"),
        ("focal", {"gamma": -1.0}, r"^gamma must be between 0 and 10, got -1$"),
        ("focal", {"alpha": 1.5}, r"^alpha must be between 0 and 1, got 1\.5$"),
        ("huber", {"delta": float("nan")}, r"^delta must be a finite number, got nan$"),
        ("huber", {"delta": "2"}, r"^delta must be a number, got '2'$"),
        ("huber", {"delta": True}, r"^delta must be a number, got True$"),
        ("huber", {"delta": None}, r"^delta must be a number, got None$"),
        ("mse", {"half": "yes"}, r"^half must be False or True, got 'yes'$"),
        ("mse", {"reduction": "avg"}, r"^reduction must be 'mean' or 'sum', got 'avg'$"),
    ],
)
def test_make_loss_rejects_bad_input_with_a_sentence(name, params, message):
    with pytest.raises(ValueError, match=message):
        make_loss(name, **params)


def test_other_bad_input_raises_value_error():
    with pytest.raises(ValueError, match="'name'"):
        loss_from_dict({"delta": 1.0})
    with pytest.raises(ValueError, match="unknown kind"):
        loss_names(kind="ranking")
    with pytest.raises(ValueError, match="unknown loss"):
        make_loss(["mse"])


def test_parameters_are_normalised():
    huber = make_loss("huber", delta=2)
    assert huber.params == {"delta": 2.0} and isinstance(huber.params["delta"], float)
    assert make_loss("mse", half=np.bool_(True)).params["half"] is True
    assert make_loss("focal").params == {"gamma": 2.0, "alpha": None}
    assert "delta=2.0" in repr(huber) and "huber" in repr(huber)


NON_DEFAULT = {
    "mse": {"half": True, "reduction": "sum"},
    "huber": {"delta": 0.25},
    "quantile": {"quantile": 0.9},
    "label_smoothing_ce": {"epsilon": 0.2},
    "focal": {"gamma": 1.5, "alpha": 0.25},
    "accuracy": {"threshold": 0.0},
}


@pytest.mark.parametrize("name", list(LOSSES))
def test_to_dict_round_trips_through_json(name):
    loss = make_loss(name, **NON_DEFAULT.get(name, {}))
    d = loss.to_dict()
    assert d == {"name": name, **NON_DEFAULT.get(name, {})} | {
        k: v for k, v in loss.params.items() if k not in NON_DEFAULT.get(name, {})
    }
    again = loss_from_dict(json.loads(json.dumps(d)))
    assert type(again) is type(loss)
    assert again.params == loss.params
    assert again.to_dict() == d
    y, p = _extreme_inputs(loss)
    assert again.value(y, p) == loss.value(y, p)
    assert repr(again) == repr(loss)


def test_registry_follows_the_lecture():
    assert list(LOSSES) == [
        "mse",
        "mae",
        "huber",
        "log_cosh",
        "quantile",
        "rmse",
        "mbe",
        "bce",
        "cross_entropy",
        "label_smoothing_ce",
        "focal",
        "kl_div",
        "hinge",
        "accuracy",
    ]
    assert "mbe" not in loss_names() and "accuracy" not in loss_names()
    assert loss_names(training_only=False) == list(LOSSES)
    assert loss_names(kind="regression") == ["mse", "mae", "huber", "log_cosh", "quantile", "rmse"]
    assert loss_names(False, kind="classification")[-1] == "accuracy"
    assert all(LOSSES[n].name == n for n in LOSSES)


LECTURE_NOTES = {
    "mse": "most sensitive to large errors (grows fastest); the usual regression loss",
    "mae": "grows linearly; robust to outliers; easy to interpret",
    "huber": "MSE for small errors, MAE for large ones; balances the two",
    "log_cosh": "like MSE but smoother; insensitive to outliers; more expensive to compute",
    "quantile": "asymmetric; for quantile regression (e.g. the 90% quantile)",
    "rmse": "square root of MSE; in the units of the target",
    "mbe": "average signed bias; rarely used for training",
    "bce": "binary classification",
    "cross_entropy": "multi-class standard, used with softmax",
    "label_smoothing_ce": (
        "spreads ε of the probability uniformly over the classes; fights over-fitting and over-confidence"
    ),
    "focal": "down-weights easy examples; for class imbalance (object detection)",
    "kl_div": "the difference between two distributions; generative models",
    "hinge": "penalises wrong and unconfident predictions; SVMs",
}
LECTURE_TERMS = {
    "mse": "均方误差",
    "mae": "平均绝对误差",
    "bce": "二元交叉熵",
    "cross_entropy": "交叉熵",
    "label_smoothing_ce": "标签平滑",
    "focal": "焦点损失",
    "kl_div": "KL 散度",
}


@pytest.mark.parametrize("name", list(LOSSES))
def test_metadata_is_complete(name):
    cls = LOSSES[name]
    loss = cls()
    assert issubclass(cls, Loss)
    assert loss.kind in ("regression", "classification")
    assert loss.output in ("any", "probability", "distribution", "score")
    assert loss.training is (name not in ("mbe", "accuracy"))
    assert name not in LECTURE_NOTES or loss.note == LECTURE_NOTES[name]
    assert LECTURE_TERMS.get(name, "") in loss.label_zh
    for text in (
        loss.label,
        loss.label_zh,
        loss.note,
        loss.formula,
        loss.gradient_formula,
        cls.formula,
        cls.gradient_formula,
    ):
        assert isinstance(text, str) and text
    assert all(isinstance(s, ParamSpec) for s in cls.PARAMS)
    assert loss.formula.startswith(("L = ", "MBE = ", "acc = "))
    assert name == "accuracy" or loss.gradient_formula.startswith("∂L/∂ŷ = ")
    assert (cls.__doc__ or "").strip()


def test_mse_formulas_follow_its_parameters():
    assert make_loss("mse").formula == "L = (1/N) Σ (y − ŷ)²"
    assert make_loss("mse", half=True, reduction="sum").formula == "L = ½ Σ (y − ŷ)²"
    assert make_loss("mse", half=True, reduction="sum").gradient_formula == "∂L/∂ŷ = ŷ − y"


# -- output-layer compatibility ----------------------------------------------------------
def test_check_output_explains_incompatible_output_layers():
    ce = make_loss("cross_entropy")
    sentence = ce.check_output("sigmoid", 1)
    assert sentence.startswith("Cross-entropy needs a softmax output layer with at least 2 units")
    assert sentence.endswith(".") and "sigmoid" in sentence
    assert ce.check_output("softmax", 3) is None
    assert "always outputs 1" in ce.check_output("softmax", 1)
    assert make_loss("kl_div").check_output("linear", 3) is not None
    assert make_loss("label_smoothing_ce").check_output("softmax", 2) is None
    hinge = make_loss("hinge")
    assert "sigmoid" in hinge.check_output("sigmoid", 1)
    assert hinge.check_output("linear", 1) is None and hinge.check_output("tanh", 2) is None
    for name in ("bce", "focal"):
        assert make_loss(name).check_output("sigmoid", 1) is None
        assert make_loss(name).check_output("sigmoid", 4) is None
        assert "sigmoid" in make_loss(name).check_output("linear", 1)


@pytest.mark.parametrize("name", loss_names(training_only=False, kind="regression") + ["accuracy"])
def test_regression_losses_and_accuracy_accept_any_output_layer(name):
    loss = make_loss(name)
    assert all(loss.check_output(act, n) is None for act in ACTIVATION_NAMES for n in (1, 3))


# -- what the program says about a loss: notation, threshold, samples, gallery ------------------------------
def _batch_for(cls):
    if cls.output == "distribution":
        return np.array([[1.0, 0, 0], [0, 1, 0]]), np.array([[0.7, 0.2, 0.1], [0.3, 0.4, 0.3]])
    if cls.output == "probability":
        return np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[0.8, 0.4], [0.3, 0.9]])
    if cls.output == "score":
        return np.array([[1.0], [-1.0]]), np.array([[0.4], [-2.0]])
    return np.array([[3.0, 1.0], [5.0, 2.0]]), np.array([[2.5, 1.2], [5.5, 0.0]])


@pytest.mark.parametrize("name", loss_names())
def test_each_loss_writes_its_value_and_per_sample_gradient_with_numbers(name):
    from model.notation import Numbers, format_number, sym

    loss = make_loss(name)
    Y, P = _batch_for(type(loss))
    F = Numbers(9)
    value_line = loss.value_lines(Y, P, F)[0]
    assert value_line.rhs[-1].text == format_number(loss.value(Y, P), 9)
    assert len(value_line.rhs) == 3  # the formula, the numbers, the result
    m = Y.shape[0]
    g = loss.sample_scale(m) * loss.gradient(Y, P)
    lhs = loss.sample_gradient_symbol(sym("a", 1))
    assert lhs.text == ("∂ℓ/∂a₁" if loss.per_sample_terms else "m·∂L/∂a₁")
    for r in range(m):
        lines = loss.sample_gradient_lines(lhs, Y, P, r, 0, g[r, 0], F)
        assert lines[-1].lhs.text == lhs.text
        assert lines[-1].rhs[-1].text == format_number(g[r, 0], 9)
        assert len(lines[-1].rhs) == 3, name  # the formula, the numbers, the result


def test_the_per_sample_gradient_is_the_lectures_a_minus_y():
    """½·MSE (the lecture's loss): ℓᵢ = ½(ŷᵢ − yᵢ)², so ∂ℓ/∂ŷ = ŷ − y; the batch gradient carries 1/m."""
    from model.notation import Numbers, sym

    loss = make_loss("mse", half=True)
    Y, P = np.array([[0.0], [1.0], [1.0], [0.0]]), np.array([[0.87], [0.89], [0.8], [0.83]])
    assert loss.sample_scale(4) == 4.0 and loss.averages_samples
    g = loss.sample_scale(4) * loss.gradient(Y, P)
    np.testing.assert_allclose(g, P - Y, rtol=1e-15)
    (line,) = loss.sample_gradient_lines(sym("a"), Y, P, 0, 0, g[0, 0], Numbers(4))
    assert [r.text for r in line.rhs] == ["(ŷ − y)", "(0.87 − 0)", "0.87"]
    assert make_loss("mse", reduction="sum").sample_scale(4) == 1.0
    assert not make_loss("mse", reduction="sum").averages_samples
    assert make_loss("rmse").averages_samples and not make_loss("rmse").per_sample_terms


def test_the_decision_threshold_is_the_losss_own():
    assert make_loss("hinge").threshold == 0.0
    assert all(make_loss(n).threshold == 0.5 for n in loss_names() if n != "hinge")


@pytest.mark.parametrize("name", list(LOSSES))
def test_the_gallery_description_is_complete(name):
    cls = LOSSES[name]
    g = cls.gallery
    if not cls.training:
        assert g is None  # a metric is not drawn
        return
    assert g.plot in ("regression", "classification") and g.drawn
    assert (g.plot == "regression") == (cls.kind == "regression")
    make_loss(name, **g.params)  # the plotted instance is a valid one
    specs = {s.name: s for s in cls.PARAMS}
    if g.knob is not None:
        spec = specs[g.knob.param]
        assert g.knob.minimum <= g.knob.default <= g.knob.maximum and "&" in g.knob.label and g.knob.tip
        assert spec.minimum is None or g.knob.maximum >= spec.minimum
    if g.marks is not None:
        assert g.marks in specs
    if g.legend is not None:
        assert "{name}" in g.legend


@pytest.mark.parametrize(
    ("name", "act"), [("cross_entropy", "softmax"), ("label_smoothing_ce", "softmax"), ("bce", "sigmoid")]
)
def test_the_trainers_fused_kernel_gives_fused_deltas_numbers_bit_for_bit(name, act):
    rng = np.random.default_rng(3)
    loss = make_loss(name)
    a = rng.random((64, 10))
    a /= a.sum(axis=1, keepdims=True)
    y = np.eye(10)[rng.integers(0, 10, 64)]
    kernel = loss.fused_kernel(act)
    want = loss.fused_delta(act, y, a)
    out = np.empty_like(a)
    assert kernel(y, a, out) is out and out.tobytes() == want.tobytes()
    assert kernel(y, a).tobytes() == want.tobytes()
    assert loss.fused_kernel("tanh") is None and make_loss("mse").fused_kernel(act) is None


def test_cross_entropys_value_is_the_clipped_log_sum_bit_for_bit():
    rng = np.random.default_rng(4)
    p = rng.random((32, 5))
    p[0, 0], p[1, 1] = 0.0, 1.0  # clipped both ways
    y = np.eye(5)[rng.integers(0, 5, 32)]
    for loss in (make_loss("cross_entropy"), make_loss("label_smoothing_ce")):
        t = loss._targets(y)
        want = -np.sum(t * np.log(np.clip(p, 1e-12, 1 - 1e-12))) / 32
        assert loss.value(y, p) == want
