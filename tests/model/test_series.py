"""model.series: recent values exact, older ones min/max per bucket, memory bounded."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from model.series import Series


def _filled(values, recent=8, max_buckets=6):
    s = Series(recent=recent, max_buckets=max_buckets)
    for v in values:
        s.append(v)
    return s


@settings(max_examples=60, deadline=None)
@example([0.0, 1.0, float("nan"), 0.0, 0.0, 0.0], 1, 2, False)  # a NaN once hid a bucket's finite max
@given(
    st.lists(st.floats(allow_nan=True, allow_infinity=False, width=32), min_size=0, max_size=400),
    st.integers(1, 12),
    st.integers(2, 9),
    st.booleans(),
)
def test_every_point_drawn_is_a_real_value_and_the_extremes_survive(values, recent, max_buckets, bulk):
    s = Series(recent=recent, max_buckets=max_buckets)
    if bulk:
        s.extend(values)
    else:
        for v in values:
            s.append(v)
    v = np.asarray(values, dtype=float)
    assert len(s) == v.size
    x, y = s.xy()
    assert x.dtype == np.float64 and np.all(np.diff(x) >= 0)
    idx = x.astype(int)
    np.testing.assert_array_equal(y, v[idx])  # each point is the value at its position (NaN too)
    assert v.size - s.exact_start >= min(v.size, recent)  # the latest `recent` are exact
    np.testing.assert_array_equal(s.exact(), v[s.exact_start :])
    finite = v[~np.isnan(v)]
    if finite.size:
        assert np.nanmin(y) == finite.min() and np.nanmax(y) == finite.max()
    assert np.isnan(y).any() == np.isnan(v).any()  # a diverged step stays visible
    assert s._b_lo.size <= max_buckets  # bounded, however long


def test_a_million_steps_take_bounded_memory_and_keep_a_spike():
    s = Series(recent=1000, max_buckets=64)
    losses = np.exp(-np.arange(1_000_000) / 2e5)
    losses[123_456] = 50.0
    for chunk in np.array_split(losses, 997):
        s.extend(chunk)
    assert s.nbytes() < 100_000
    x, y = s.xy()
    assert y.max() == 50.0 and x[y.argmax()] == 123_456
    assert y[-1] == losses[-1] and s.last() == losses[-1]


def test_since_gives_the_unseen_exact_values():
    s = _filled(range(30), recent=8)
    start, new = s.since(25)
    assert start == 25 and new.tolist() == [25, 26, 27, 28, 29]
    start, new = s.since(0)  # older than what is exact: from the oldest exact value on
    assert start == s.exact_start and new[-1] == 29


def test_truncate_within_and_before_the_exact_part():
    s = _filled(range(100), recent=8, max_buckets=4)
    s.truncate(97)
    assert len(s) == 97 and s.last() == 96
    s.truncate(40)  # inside the buckets: whole buckets up to 40 are kept
    assert len(s) <= 40
    x, _ = s.xy()
    assert x.size == 0 or x.max() < len(s)
    s.append(7.0)
    assert s.last() == 7.0


def test_json_round_trip_plain_and_decimated():
    small = _filled([1.0, 2.0, 3.0], recent=8)
    assert small.to_json() == [1.0, 2.0, 3.0]
    big = _filled(np.sin(np.arange(500)), recent=16, max_buckets=8)
    back = Series.from_json(big.to_json(), recent=16, max_buckets=8)
    for a, b in zip(big.xy(), back.xy()):
        np.testing.assert_array_equal(a, b)
    assert len(back) == 500


def test_offset_moves_x():
    s = Series(recent=4, offset=10)
    s.extend([5.0, 6.0])
    assert s.xy()[0].tolist() == [10.0, 11.0]
