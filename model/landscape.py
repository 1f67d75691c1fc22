"""The loss landscape over two parameters of a network, and the training trajectory projected onto them.

A network's parameters are one flat vector ``[W1.ravel(), b1, W2.ravel(), b2, …]``
(:attr:`model.network.Network.flat`); :func:`parameters` names each entry the lecture's way
(``w(l)[i,j]`` from unit i of layer l−1 to unit j of layer l, ``b(l)[j]``).
:func:`loss_grid` evaluates the loss ``L(θ)`` with every parameter at its current value except
two, which run over a grid::

    values[r, c] = L(θ with θ[a] = xs[c], θ[b] = ys[r])

It is the trainer's forward pass and loss (``Network.predict``, ``Loss.value``), batched over the
grid: the layers before the first varied one are computed once, the rest for a chunk of grid
points at a time.  :class:`Trajectory` keeps the parameter vectors training passed through,
bounded in memory; :meth:`Trajectory.project` reads the two coordinates of a pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .text import msg

__all__ = ["Parameter", "parameters", "loss_grid", "largest_gradients", "Trajectory", "CHUNK_BYTES"]


#: The batched forward pass works on this many bytes of activations at a time.
CHUNK_BYTES = 32 * 2**20


@dataclass(frozen=True)
class Parameter:
    """Entry ``index`` of the flat parameter vector: ``kind`` "w" (``W(layer)[i, j]``) or "b" (``b(layer)[j]``).

    ``i`` and ``j`` count from 0; :attr:`label` counts from 1 as the diagram does.
    """

    index: int
    layer: int  # 1 … L
    kind: str
    i: int
    j: int

    @property
    def label(self) -> str:
        if self.kind == "w":
            return f"w({self.layer})[{self.i + 1},{self.j + 1}]"
        return f"b({self.layer})[{self.j + 1}]"


def parameters(sizes: Sequence[int]) -> list[Parameter]:
    """Every entry of the flat parameter vector of a network with layer ``sizes = [d0, …, dL]``, in order."""
    out, k = [], 0
    for layer, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        for i in range(fan_in):
            for j in range(fan_out):
                out.append(Parameter(k, layer, "w", i, j))
                k += 1
        for j in range(fan_out):
            out.append(Parameter(k, layer, "b", 0, j))
            k += 1
    return out


def largest_gradients(sizes: Sequence[int], grads: Sequence[np.ndarray], n: int = 2) -> list[int]:
    """The flat indices of the ``n`` weights with the largest ``|∂L/∂w|``, largest first.

    ``grads`` is the flat gradient (same layout as the parameters).  Ties and non-finite
    gradients fall back to the parameter order, so the first weights are the default; biases
    come after every weight (a one-weight network gets its weight and a bias).
    """
    grads = np.asarray(grads, dtype=float)
    size = np.abs(grads)
    size = np.where(np.isfinite(size), size, -1.0)
    order = sorted(parameters(sizes), key=lambda p: (p.kind != "w", -size[p.index], p.index))
    return [p.index for p in order[:n]]


def loss_grid(
    network: Any, X: np.ndarray, Y: np.ndarray, loss: Any, a: int, b: int, xs: ArrayLike, ys: ArrayLike
) -> np.ndarray:
    """``values[r, c]``: the loss on ``X, Y`` with parameter ``a`` set to ``xs[c]`` and ``b`` to ``ys[r]``.

    Every other parameter keeps its value; ``network`` is not changed.  Shapes: ``xs`` (nx,),
    ``ys`` (ny,), result (ny, nx).  A point where the loss is not finite is NaN or inf, never a warning.
    """
    params = parameters(network.sizes)
    n = len(params)
    for k in (a, b):
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < n:
            text = msg("model.landscape", "parameter {index!r} does not exist; the network has {n} parameters")
            raise ValueError(text.format(index=k, n=n))
    if a == b:
        raise ValueError(msg("model.landscape", "choose two different parameters"))
    xs = np.asarray(xs, dtype=float).reshape(-1)
    ys = np.asarray(ys, dtype=float).reshape(-1)
    X = np.asarray(X, dtype=float)
    gx, gy = np.meshgrid(xs, ys)  # (ny, nx)
    values = {a: gx.ravel(), b: gy.ravel()}
    G = gx.size
    layers = network.layers
    varied = {params[k].layer - 1: [] for k in (a, b)}
    for k in (a, b):
        varied[params[k].layer - 1].append(params[k])
    first = min(varied)
    out = np.empty(G)
    with np.errstate(all="ignore"):
        A = X
        for layer in layers[:first]:  # the layers before the first varied one: once
            A = layer.act.forward(A @ layer.W + layer.b)
        m = A.shape[0]
        widest = max(layer.fan_out for layer in layers[first:])
        chunk = max(1, min(G, CHUNK_BYTES // (8 * m * max(widest, A.shape[1]) * 2)))
        for start in range(0, G, chunk):
            g = min(chunk, G - start)
            Ac = A[np.newaxis]  # (1, m, fan_in): shared by the chunk until a varied layer
            for li in range(first, len(layers)):
                layer = layers[li]
                W, bias = layer.W[np.newaxis], layer.b[np.newaxis, np.newaxis]
                if li in varied:
                    W = np.repeat(W, g, axis=0)
                    bias = np.repeat(bias, g, axis=0)
                    for p in varied[li]:
                        v = values[p.index][start : start + g]
                        if p.kind == "w":
                            W[:, p.i, p.j] = v
                        else:
                            bias[:, 0, p.j] = v
                Z = Ac @ W + bias
                Ac = layer.act.forward(Z.reshape(-1, Z.shape[-1])).reshape(Z.shape)
            for k in range(g):
                out[start + k] = loss.value(Y, Ac[k])
    return out.reshape(gx.shape)


class Trajectory:
    """The parameter vectors training passed through, by step, in at most ``max_points`` rows.

    :meth:`add` records a step's vector; a step at or before the last one recorded (a reset, a
    resume from an earlier step) first drops the rows from that step on.  Steps closer than
    ``stride`` to the last row kept are not kept, except the latest, which is always there.  When
    the record is full every second row is dropped (the first stays) and ``stride`` doubles:
    memory stays bounded however long training runs.
    """

    def __init__(self, max_points: int = 2000, max_bytes: int = 16 * 2**20):
        self.max_points = int(max_points)
        self.max_bytes = int(max_bytes)
        self.clear()

    def clear(self) -> None:
        self.steps = np.zeros(0, dtype=np.int64)
        self._rows = np.zeros((0, 0))
        self._n = 0
        self._latest = None  # (step, vector) of the latest step, if it is not a kept row
        self.stride = 1

    def __len__(self) -> int:
        return self._n + (self._latest is not None)

    @property
    def capacity(self) -> int:
        width = max(1, self._rows.shape[1])
        return max(8, min(self.max_points, self.max_bytes // (8 * width)))

    def add(self, step: int, flat: ArrayLike) -> None:
        flat = np.array(flat, dtype=float).reshape(-1)
        step = int(step)
        if self._rows.shape[1] != flat.size:
            self.clear()  # another network: another parameter space
            self._rows = np.zeros((0, flat.size))
        n = self._n
        if n and step <= self.steps[n - 1]:
            self._n = n = int(np.searchsorted(self.steps[:n], step, side="left"))
        if n == 0:
            self.stride = 1
        self._latest = None
        if n and step - self.steps[n - 1] < self.stride:
            self._latest = (step, flat)
            return
        if n == self.capacity:
            keep = np.arange(0, n, 2)
            self._rows[: len(keep)] = self._rows[keep]
            self.steps[: len(keep)] = self.steps[keep]
            self._n = n = len(keep)
            self.stride *= 2
        if n == len(self.steps):
            size = min(self.capacity, max(16, 2 * n))
            rows = np.zeros((size, flat.size))
            rows[:n] = self._rows[:n]
            steps = np.zeros(size, dtype=np.int64)
            steps[:n] = self.steps[:n]
            self._rows, self.steps = rows, steps
        self._rows[n] = flat
        self.steps[n] = step
        self._n = n + 1

    def project(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(steps, θ[a], θ[b])`` of every recorded step, oldest first (new arrays)."""
        n = self._n
        steps, pa, pb = self.steps[:n], self._rows[:n, a], self._rows[:n, b]
        if self._latest is not None:
            step, flat = self._latest
            return np.r_[steps, step], np.r_[pa, flat[a]], np.r_[pb, flat[b]]
        return steps.copy(), pa.copy(), pb.copy()

    def latest(self) -> np.ndarray | None:
        """The vector of the latest step recorded (a copy), or None."""
        if self._latest is not None:
            return self._latest[1].copy()
        return None if self._n == 0 else self._rows[self._n - 1].copy()
