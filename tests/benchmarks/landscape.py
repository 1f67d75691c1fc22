"""How long the loss landscape takes per preset, and the batched grid against one forward pass per point.

Run: ``python tests/benchmarks/landscape.py``.  For every preset, at its fresh weights, the window's
default pair (the two largest gradients) and the pair costliest to vary (the first two weights):
the grid side the window picks (``gui.landscape_window.grid_size``), the median time of
``model.landscape.loss_grid`` over that grid, and the ratio to the plain reading (copy the network,
set the two weights, ``loss_value`` per point) on the same grid.  Not part of the test suite.
"""

from __future__ import annotations

import functools
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np

from gui.landscape_window import grid_size
from model import Session
from model.landscape import largest_gradients, loss_grid, parameters
from model.presets import PRESETS

REPEATS = 3


def _naive(net, X, Y, loss, a, b, xs, ys):
    net = net.copy()
    theta = net.flat
    out = np.empty((len(ys), len(xs)))
    for r, y in enumerate(ys):
        for c, x in enumerate(xs):
            theta[a], theta[b] = x, y
            out[r, c] = net.loss_value(X, Y, loss)
    return out


def _median_ms(f) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    print(f"{'preset':22s} {'pair':8s} {'side':>4s} {'batched ms':>11s} {'per point ms':>13s} {'ratio':>6s}")
    for name in PRESETS:
        t = Session.from_preset(name).trainer
        net = t.network
        grads = np.concatenate([g.ravel() for g in net.gradients(t.X, t.Y, t.loss)])
        for tag, (a, b) in (("default", largest_gradients(net.sizes, grads)), ("first", (0, 1))):
            first = min(p.layer for p in parameters(net.sizes) if p.index in (a, b))
            n = grid_size(net.sizes, t.X.shape[0], first)
            xs = net.flat[a] + np.linspace(-1, 1, n)
            ys = net.flat[b] + np.linspace(-1, 1, n)
            args = (net, t.X, t.Y, t.loss, a, b, xs, ys)
            fast = _median_ms(functools.partial(loss_grid, *args))
            slow = _median_ms(functools.partial(_naive, *args))
            print(f"{name:22s} {tag:8s} {n:4d} {fast:11.1f} {slow:13.1f} {slow / fast:6.1f}")


if __name__ == "__main__":
    main()
