"""Gradient descent on a curve (model/descent.py): the closed form, the four behaviours, divergence."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.descent import BEHAVIOURS, CURVES, behaviour, descend


@given(
    x0=st.floats(-3, 3, allow_nan=False),
    lr=st.floats(0, 0.99, allow_nan=False),
    n=st.integers(0, 40),
)
def test_quadratic_iterates_match_the_closed_form(x0, lr, n):
    # F = x², ∇F = 2x: x(n) = x(0)(1 − 2γ)ⁿ
    d = descend("quadratic", x0, lr, steps=n)
    assert d.diverged_at is None
    expected = x0 * (1 - 2 * lr) ** np.arange(n + 1)
    np.testing.assert_allclose(d.x, expected, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(d.F, expected**2, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(d.grad, 2 * expected, rtol=1e-12, atol=1e-300)


def test_each_step_goes_against_the_gradient():
    # the lecture: ∇F > 0 → the step goes left; ∇F < 0 → right; size γ|∇F|
    for name in CURVES:
        d = descend(name, CURVES[name].start, CURVES[name].rates["oscillates"], steps=10)
        np.testing.assert_allclose(d.steps, -d.lr * d.grad[:-1], rtol=1e-12)
        assert np.all(np.sign(d.steps) == -np.sign(d.grad[:-1]))


def test_double_well_gradient_is_the_derivative_and_its_minima_are_stationary():
    c = CURVES["double_well"]
    x = np.linspace(-2, 2, 41)
    h = 1e-6
    np.testing.assert_allclose(c.dF(x), (c.F(x + h) - c.F(x - h)) / (2 * h), atol=1e-6)
    assert len(c.minima) == 2 and c.F(c.minima[0]) < c.F(c.minima[1])
    np.testing.assert_allclose(c.dF(np.array(c.minima)), 0, atol=1e-12)


@pytest.mark.parametrize("name", list(CURVES))
def test_the_four_rates_show_the_four_behaviours(name):
    c = CURVES[name]
    runs = {b: descend(c, c.start, c.rates[b]) for b in BEHAVIOURS}
    assert {b: behaviour(d) for b, d in runs.items()} == {b: b for b in BEHAVIOURS}
    near = np.asarray(c.minima)

    def distance(x):
        return np.min(np.abs(near - x))

    crawl = runs["crawls"]
    assert np.all(np.sign(crawl.steps) == np.sign(crawl.steps[0]))  # one way, never across
    assert distance(crawl.x[-1]) > 0.1  # still far after every step
    assert distance(runs["good"].x[-1]) < 1e-6
    s = runs["oscillates"].steps
    assert np.mean(np.sign(s[1:]) != np.sign(s[:-1])) > 0.5  # it jumps across the minimum, back and forth
    div = runs["diverges"]
    assert div.diverged_at is not None and len(div.x) == div.diverged_at
    assert np.all(np.isfinite(div.x)) and np.all(np.isfinite(div.F)) and np.all(np.isfinite(div.grad))
    assert np.all(np.abs(div.x) <= 1e6)


def test_divergence_stops_at_the_limit_and_says_where():
    # 2.5 · 2ⁿ first exceeds 1000 at n = 9
    d = descend("quadratic", 2.5, 1.5, steps=50, limit=1000)
    assert d.diverged_at == 9
    np.testing.assert_allclose(d.x, 2.5 * (-2.0) ** np.arange(9))


def test_overflow_in_F_counts_as_divergence():
    d = descend("double_well", 1e300, 0.0, steps=3, limit=np.inf)
    assert d.diverged_at == 0 and d.x.size == 0


@pytest.mark.parametrize(
    "kw",
    [dict(x0=float("nan")), dict(lr=float("inf")), dict(lr=-0.1), dict(steps=-1), dict(steps=2.5), dict(x0=True)],
)
def test_bad_input_is_one_sentence(kw):
    args = dict(curve="quadratic", x0=1.0, lr=0.1, steps=5) | kw
    with pytest.raises(ValueError) as e:
        descend(**args)
    assert "\n" not in str(e.value)


def test_unknown_curve():
    with pytest.raises(ValueError, match="quadratic"):
        descend("cubic", 1.0, 0.1)
