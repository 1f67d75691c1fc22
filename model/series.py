"""A long numeric history in bounded memory: recent values exact, older ones as min/max per bucket.

A training run appends one loss per step, tens of thousands a second, for hours.  A
:class:`Series` keeps its most recent values exactly (at least ``recent`` of them) and folds
older ones into buckets of consecutive values that keep only their minimum, their maximum and
their first NaN (a diverged value), each with its position, the way pyqtgraph's peak mode draws a
curve: a spike survives, however old.
When the buckets grow too many, neighbours merge in pairs.  Memory is therefore bounded by
about ``2·recent + 8·max_buckets`` numbers whatever the length.

Positions are logical indices ``0 … n−1`` (a step or an epoch, less the series' ``offset``);
:meth:`xy` gives the points to draw, :meth:`since` the exact values a consumer has not seen.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["Series"]


class Series:
    """Float64 values ``0 … n−1``; the last ``recent`` or more exact, older ones decimated.

    Parameters
    ----------
    recent : int
        How many of the latest values are always kept exactly (``exact_start ≤ n − recent``
        never happens: between ``recent`` and ``2·recent`` are exact).
    max_buckets : int
        How many min/max buckets the older values may take before neighbours merge.
    offset : float
        The x of value 0 in :meth:`xy` (e.g. the step number of the first recorded loss).
    """

    __slots__ = ("_buf", "n", "recent", "max_buckets", "offset", "_exact_start", "_b_lo", "_b_hi", "_bx", "_by")

    def __init__(self, recent: int = 65536, max_buckets: int = 4096, offset: float = 0.0) -> None:
        if recent < 1 or max_buckets < 2:
            raise ValueError("a series needs recent ≥ 1 and max_buckets ≥ 2")
        self.recent = int(recent)
        self.max_buckets = int(max_buckets)
        self.offset = float(offset)
        self._buf = np.empty(min(1024, 2 * self.recent))
        self.n = 0  # logical length
        self._exact_start = 0  # logical index of _buf[0]
        # buckets, oldest first: index range [lo, hi) and two points (x ascending) per bucket
        self._b_lo = np.empty(0, dtype=np.int64)
        self._b_hi = np.empty(0, dtype=np.int64)
        self._bx = np.empty((0, 3))
        self._by = np.empty((0, 3))

    # growing -----------------------------------------------------------------------------------
    def append(self, x: float) -> None:
        """Add one value (the hot path: one store, and now and then a vectorised fold)."""
        k = self.n - self._exact_start
        if k == self._buf.size:
            self._make_room()
            k = self.n - self._exact_start
        self._buf[k] = x
        self.n += 1

    def extend(self, values: ArrayLike) -> None:
        """Add many values at once."""
        values = np.asarray(values, dtype=float).ravel()
        while values.size:
            k = self.n - self._exact_start
            if k == self._buf.size:
                self._make_room()
                k = self.n - self._exact_start
            take = min(values.size, self._buf.size - k)
            self._buf[k : k + take] = values[:take]
            self.n += take
            values = values[take:]

    def _make_room(self) -> None:
        size = self._buf.size
        if size < 2 * self.recent:  # still growing towards its full size: double
            buf = np.empty(min(2 * size, 2 * self.recent))
            buf[:size] = self._buf
            self._buf = buf
            return
        # full: fold the older half into buckets, keep the newer half exact
        fold = size - self.recent
        self._fold(self._buf[:fold], self._exact_start)
        self._buf[: self.recent] = self._buf[fold:]
        self._exact_start += fold

    def _fold(self, values: np.ndarray, start: int) -> None:
        """Turn the exact ``values`` (logical indices from ``start``) into buckets."""
        width = int(self._b_hi[-1] - self._b_lo[-1]) if self._b_lo.size else max(1, values.size // 256)
        width = max(1, min(width, values.size))
        nb = -(-values.size // width)
        pad = nb * width - values.size  # (padded with the last value: extremes stay where they are)
        v = (np.pad(values, (0, pad), mode="edge") if pad else values).reshape(nb, width)
        lo = start + np.arange(nb, dtype=np.int64) * width
        hi = np.minimum(lo + width, start + values.size)
        x = (lo[:, None] + np.arange(width)).astype(float)
        self._append_buckets(lo, hi, *_bucket_points(x, v))
        while self._b_lo.size > self.max_buckets:
            self._merge_pairs()

    def _append_buckets(self, lo, hi, bx, by) -> None:
        self._b_lo = np.concatenate([self._b_lo, lo])
        self._b_hi = np.concatenate([self._b_hi, hi])
        self._bx = np.concatenate([self._bx, bx])
        self._by = np.concatenate([self._by, by])

    def _merge_pairs(self) -> None:
        """Halve the number of buckets: each pair of neighbours keeps its overall min, max and first NaN."""
        n = self._b_lo.size
        m = n - n % 2  # an odd bucket out (the newest) stays as it is
        rest = slice(m, n)
        tail = self._b_lo[rest], self._b_hi[rest], self._bx[rest], self._by[rest]
        lo, hi = self._b_lo[:m:2], self._b_hi[1:m:2]
        bx, by = _bucket_points(self._bx[:m].reshape(m // 2, 6), self._by[:m].reshape(m // 2, 6))
        self._b_lo, self._b_hi, self._bx, self._by = lo, hi, bx, by
        self._append_buckets(*tail)

    # shrinking ---------------------------------------------------------------------------------
    def truncate(self, n: int) -> None:
        """Keep the first ``n`` values (exact where they were; a bucket reaching past ``n`` is dropped)."""
        n = max(0, int(n))
        if n >= self.n:
            return
        if n >= self._exact_start:
            self.n = n
            return
        keep = int(np.searchsorted(self._b_hi, n, side="right"))
        self._b_lo, self._b_hi = self._b_lo[:keep], self._b_hi[:keep]
        self._bx, self._by = self._bx[:keep], self._by[:keep]
        self.n = self._exact_start = int(self._b_hi[-1]) if keep else 0

    def clear(self) -> None:
        self.truncate(0)
        self._exact_start = self.n = 0

    # reading -----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.n

    @property
    def exact_start(self) -> int:
        """The logical index of the oldest value still kept exactly."""
        return self._exact_start

    @property
    def decimated(self) -> bool:
        return self._b_lo.size > 0

    def last(self) -> float:
        """The newest value (NaN if empty)."""
        return float(self._buf[self.n - self._exact_start - 1]) if self.n > self._exact_start else float("nan")

    def exact(self) -> np.ndarray:
        """The exact values, logical indices ``exact_start … n−1`` (a view: copy it to keep it)."""
        return self._buf[: self.n - self._exact_start]

    def since(self, i: int) -> tuple[int, np.ndarray]:
        """``(start, values)``: the exact values from logical index ``max(i, exact_start)`` on (a view)."""
        start = max(int(i), self._exact_start)
        return start, self._buf[start - self._exact_start : self.n - self._exact_start]

    def xy(self) -> tuple[np.ndarray, np.ndarray]:
        """Points to draw, oldest first: three per bucket (its min, max and first NaN), then every exact value.

        ``x`` is float64 (``offset`` + logical index), as pyqtgraph's clipping wants.
        """
        k = self.n - self._exact_start
        x = np.concatenate([self._bx.ravel(), np.arange(self._exact_start, self.n, dtype=float)])
        y = np.concatenate([self._by.ravel(), self._buf[:k]])
        if self.offset:
            x += self.offset
        return x, y

    def nbytes(self) -> int:
        return self._buf.nbytes + self._b_lo.nbytes + self._b_hi.nbytes + self._bx.nbytes + self._by.nbytes

    # files -------------------------------------------------------------------------------------
    def to_json(self) -> list | dict:
        """A plain list while nothing is decimated; else ``{"n", "buckets": [[x, y], …], "exact": […]}``."""
        exact = self.exact().tolist()
        if not self.decimated:
            return exact
        pts = [[x, y] for x, y in zip(self._bx.ravel().tolist(), self._by.ravel().tolist())]
        ranges = np.stack([self._b_lo, self._b_hi], 1).tolist()
        return {"n": self.n, "ranges": ranges, "buckets": pts, "exact": exact}

    @classmethod
    def from_json(cls, data: Any, recent: int = 65536, max_buckets: int = 4096, offset: float = 0.0) -> Series:
        """Inverse of :meth:`to_json` (raises ``ValueError`` on anything malformed)."""
        s = cls(recent, max_buckets, offset)
        if isinstance(data, dict):
            try:
                n = int(data["n"])
                ranges = np.asarray(data["ranges"], dtype=np.int64).reshape(-1, 2)
                pts = np.asarray(data["buckets"], dtype=float).reshape(-1, 3, 2)
                exact = np.asarray(data["exact"], dtype=float).ravel()
            except (KeyError, TypeError, ValueError) as e:
                raise ValueError(f"a decimated history needs n, ranges, buckets and exact ({e})") from None
            if ranges.shape[0] != pts.shape[0] or (ranges.size and int(ranges[-1, 1]) + exact.size != n):
                raise ValueError("a decimated history's ranges, buckets and exact values do not add up to n")
            if ranges.size and (np.any(ranges[:, 1] <= ranges[:, 0]) or np.any(ranges[1:, 0] != ranges[:-1, 1])):
                raise ValueError("a decimated history's ranges must follow each other without gaps")
            s._b_lo, s._b_hi = ranges[:, 0].copy(), ranges[:, 1].copy()
            s._bx, s._by = pts[:, :, 0].copy(), pts[:, :, 1].copy()
            s.n = s._exact_start = int(s._b_hi[-1]) if ranges.size else 0
            s.extend(exact)
            return s
        s.extend(data)
        return s


def _bucket_points(x: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``v`` (positions ``x``): three points in time order — its minimum, its maximum and its first NaN.

    A diverged loss (NaN) must stay visible in a decimated history without hiding the finite
    extremes, so a bucket keeps all three; without a NaN the third point repeats the maximum.
    """
    nan = np.isnan(v)
    i_min = np.argmin(np.where(nan, np.inf, v), axis=1)
    i_max = np.argmax(np.where(nan, -np.inf, v), axis=1)
    i_nan = np.where(nan.any(axis=1), np.argmax(nan, axis=1), i_max)
    rows = np.arange(v.shape[0])[:, None]
    cols = np.stack([i_min, i_max, i_nan], 1)
    px, py = x[rows, cols], v[rows, cols]
    order = np.argsort(px, axis=1, kind="stable")
    return np.take_along_axis(px, order, 1), np.take_along_axis(py, order, 1)
