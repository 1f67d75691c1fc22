"""Gradient check: central finite differences against backprop, for every parameter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .losses import Loss
from .network import Network

__all__ = ["LayerCheck", "gradient_check", "relative_error"]

#: Below this, backprop and finite differences agree as well as float64 allows for these nets.
PASS_THRESHOLD = 1e-6


@dataclass(frozen=True)
class LayerCheck:
    layer: int  # 1 … L
    max_rel_error_W: float
    max_rel_error_b: float
    worst_index: tuple  # (i, j) of the worst weight

    @property
    def max_rel_error(self) -> float:
        return max(self.max_rel_error_W, self.max_rel_error_b)

    @property
    def passed(self) -> bool:
        return self.max_rel_error < PASS_THRESHOLD


def relative_error(a: ArrayLike, b: ArrayLike, floor: float = 1e-12) -> np.ndarray:
    """|a − b| / max(|a| + |b|, floor), element-wise."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), floor)


def gradient_check(
    network: Network,
    loss: Loss,
    X: ArrayLike,
    Y: ArrayLike,
    h: float = 1e-5,
    grads: list[np.ndarray] | None = None,
) -> list[LayerCheck]:
    """Compare ``grads`` (default: the network's own backprop) with central differences.

    Every parameter θ is nudged to θ ± h and ``(L(θ+h) − L(θ−h)) / 2h`` is compared with the
    analytic ∂L/∂θ.  The network's parameters are restored exactly afterwards.

    Returns one :class:`LayerCheck` per layer.
    """
    if grads is None:
        grads = network.gradients(X, Y, loss)
    params = network.params()
    numeric = []
    for p in params:
        g = np.zeros_like(p)
        flat = p.reshape(-1)
        gflat = g.reshape(-1)
        for k in range(flat.size):
            old = flat[k]
            flat[k] = old + h
            up = network.loss_value(X, Y, loss)
            flat[k] = old - h
            down = network.loss_value(X, Y, loss)
            flat[k] = old
            gflat[k] = (up - down) / (2 * h)
        numeric.append(g)
    out = []
    for i in range(len(network.layers)):
        eW = relative_error(grads[2 * i], numeric[2 * i])
        eb = relative_error(grads[2 * i + 1], numeric[2 * i + 1])
        worst = np.unravel_index(int(np.argmax(eW)), eW.shape) if eW.size else (0, 0)
        out.append(
            LayerCheck(i + 1, float(eW.max(initial=0.0)), float(eb.max(initial=0.0)), tuple(int(v) for v in worst))
        )
    return out
