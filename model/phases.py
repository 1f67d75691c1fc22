"""The phases of a training step that every backprop here runs: forward, backward, gradients.

One training step is, in the lecture's order::

    forward 1 … L  →  loss  →  δ(L) … δ(1)  →  ∂L/∂W(L), ∂L/∂b(L) … (1)  →  update

The loss and the update belong to the trainer (:mod:`model.trainer`: its histories, its
divergence guard, its optimiser); the three phases here are the network's arithmetic, written
once: the trainer's fast and phase-by-phase paths run them, and so do
:func:`model.snapshot.network_values` and :meth:`model.network.Network.backward`, through
:func:`backprop`.  Each phase is a generator that opens with its formula, computes into a
:class:`_Step`'s arrays and yields ``(kind, layer)`` when a layer is done.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from .losses import Loss

__all__ = ["backprop", "backward", "forward", "gradients"]


# -- one step's arrays --------------------------------------------------------------------------
def _views(vec: np.ndarray, shapes) -> list[np.ndarray]:
    """Views of the contiguous vector ``vec``, one per shape, laid end to end."""
    out = []
    start = 0
    for shape in shapes:
        n = math.prod(shape)
        out.append(vec[start : start + n].reshape(shape))
        start += n
    return out


def _stacked(network: Any, vec: np.ndarray) -> tuple:
    """Per layer ``(W, b, [W; b], activation, Wᵀ)`` as views of ``vec``, laid out like the network's parameters."""
    out = []
    start = 0
    for layer in network.layers:
        n_in, n_out = layer.W.shape
        Wb = vec[start : start + (n_in + 1) * n_out].reshape(n_in + 1, n_out)
        out.append((Wb[:n_in], Wb[n_in], Wb, layer.act, Wb[:n_in].T))
        start += (n_in + 1) * n_out
    return tuple(out)


def _wb_slices(network: Any) -> list[tuple[int, int, tuple[int, int]]]:
    """Per layer, where ``[W; b]`` lies in the flat parameter vector: ``(start, stop, (fan_in + 1, fan_out))``."""
    out = []
    start = 0
    for layer in network.layers:
        n_in, n_out = layer.W.shape
        out.append((start, start + (n_in + 1) * n_out, (n_in + 1, n_out)))
        start += (n_in + 1) * n_out
    return out


def _product(n_out: int):
    """The matrix product for an ``n_out``-element result: both call the same BLAS routine, but
    ``np.dot`` costs less per call and clears its output first, which costs more for large ones."""
    return np.dot if n_out <= 2048 else np.matmul


@functools.lru_cache(maxsize=64)
def _products(m: int, fan_in: tuple[int, ...], fan_out: tuple[int, ...]) -> tuple:
    """Per layer: the products of its forward, backward (into the layer below) and gradient phases."""
    return tuple((_product(m * k), _product(m * n), _product((n + 1) * k)) for n, k in zip(fan_in, fan_out))


def _fans(layers: tuple) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """``(fan_in per layer, fan_out per layer)`` of ``(W, …)`` tuples."""
    return tuple(layer[0].shape[0] for layer in layers), tuple(layer[0].shape[1] for layer in layers)


def _with_ones(A: np.ndarray) -> np.ndarray:
    """``[A 1]``: A with a column of ones after it (the input that multiplies the biases)."""
    out = np.empty((A.shape[0], A.shape[1] + 1))
    out[:, :-1] = A
    out[:, -1] = 1.0
    return out


class _Step:
    """What one step knows so far: its batch, each layer's Z, A, f′(Z), δ(l+1) W(l+1)ᵀ and δ,
    ∂L/∂ŷ, the gradients (views into one vector laid out like the parameters), the loss and γ.

    ``A1[l]`` is ``[A(l) 1]``, the input of layer l + 1 with a column of ones, and ``A[l]`` its
    first columns (a view): the bias is the weight of a constant input 1, so a layer's
    ``A W + b`` is one product ``[A 1] [W; b]`` and its ``[∂L/∂W; ∂L/∂b]`` one product too.

    The fast path keeps one per batch size and writes into the same arrays step after step
    (large layers would otherwise cost an allocation and page faults per array per step).
    A recorded step (:class:`_RecordedStep`) gets new arrays, so nothing a phase has shown is
    ever written again.
    """

    __slots__ = (
        "step",
        "X",
        "Y",
        "layers",
        "params",
        "flat",
        "Z",
        "A",
        "A1",
        "A1T",
        "into_A1",
        "products",
        "fp",
        "back",
        "delta",
        "dA",
        "dA_buf",
        "grads",
        "gflat",
        "gWb",
        "loss",
        "loss_gradient",
        "fused",
        "loss_value",
        "report_value",
        "lr",
        "diverged",
        "last",
        "fresh",
        "fans",
        "kernel",
    )

    def __init__(self, layers, params, flat, grads, gflat, gWb, m: int | None) -> None:
        n = len(layers)
        self.layers = layers
        self.params = params
        self.flat = flat
        self.grads = grads
        self.gflat = gflat
        self.gWb = gWb
        self.fresh = m is None  # new arrays for every step (allocated by begin)
        self.fans = None  # (fan_in, fan_out) per layer, worked out once (a recorded step is given them)
        self.kernel = None  # (loss, activation, the loss's fused_kernel for it), asked once
        self.Z, self.fp, self.back, self.delta = [None] * n, [None] * n, [None] * n, [None] * n
        self.A = [None] * (n + 1)
        self.A1 = [None] * n
        self.A1T = [None] * n  # their transposes (views), made once per array
        self.into_A1 = [None] * n  # per layer: where its output is copied into the next [A 1], if anywhere
        self.products = ()
        self.dA_buf = None
        self.last = None
        if m is not None:
            self._allocate(m)
            self.last = (grads[0::2], grads[1::2], self.delta)  # what last_grads shows after a fast step
        self.step = 0
        self.dA = None
        self.fused = False
        self.diverged = False
        self.loss_value = self.report_value = self.lr = math.nan

    def _allocate(self, m: int) -> None:
        """The step's arrays for ``m`` rows: ``[A 1]`` per hidden layer and the output; on the fast path
        also Z, f′, δ(l+1) W(l+1)ᵀ, δ and ∂L/∂ŷ (a recorded step lets numpy make those as it goes)."""
        fans = self.fans
        if fans is None:
            fans = self.fans = _fans(self.layers)
        fan_in, fan_out = fans
        self.products = _products(m, fan_in, fan_out)
        into_A1 = self.into_A1 = [None] * len(fan_out)
        A, A1, A1T = self.A, self.A1, self.A1T
        for i, k in enumerate(fan_out[:-1]):  # hidden layers: [A 1], the ones set once
            a1 = A1[i + 1] = np.empty((m, k + 1))
            a1[:, k] = 1.0
            A1T[i + 1] = a1.T
            if m * k <= 2048:  # small: the activation writes straight into [A 1]
                A[i + 1] = a1[:, :k]
            else:  # large: into a contiguous A (elementwise work runs faster), then copied into [A 1]
                A[i + 1] = np.empty((m, k))
                into_A1[i] = a1[:, :k]
        A[-1] = np.empty((m, fan_out[-1]))
        if not self.fresh:
            self.Z = [np.empty((m, k)) for k in fan_out]
            self.fp = [np.empty((m, k)) for k in fan_out]
            self.back = [np.empty((m, k)) for k in fan_out]
            self.delta = [np.empty((m, k)) for k in fan_out]
            self.dA_buf = np.empty((m, fan_out[-1]))

    def begin(self, step: int, X1: np.ndarray, Y: np.ndarray, loss: Loss, loss_gradient: Callable) -> None:
        """Start step ``step`` on the batch ``X1`` (its inputs with a column of ones) and targets ``Y``."""
        if self.A1[0] is not X1:
            self.A1[0] = X1
            self.A1T[0] = X1.T
            self.A[0] = X1[:, :-1]
        self.X = self.A[0]
        if self.fresh:
            self._allocate(X1.shape[0])
        self.step = step
        self.Y = Y
        self.loss = loss
        self.loss_gradient = loss_gradient
        self.dA = None
        self.diverged = False

    def before_update(self, optimizer: Any) -> None:
        """Called just before the optimiser changes anything (a recorded step keeps its state)."""


# -- the phases -------------------------------------------------------------------------------
def forward(s: _Step) -> Iterator[tuple[str, int]]:
    """Forward, layer by layer:  z(l) = W(l) a(l−1) + b(l),  a(l) = f(z(l)),  a(0) = x.

    For a batch of row vectors: ``Z(l) = A(l−1) W(l) + b(l)``, ``A(l) = f(Z(l))``, computed as one
    product ``[A(l−1) 1] [W(l); b(l)]`` (the bias is the weight of a constant input 1).
    """
    Z, A, A1, products, into_A1 = s.Z, s.A, s.A1, s.products, s.into_A1
    i = 0
    for _, _, Wb, act, _ in s.layers:
        Z[i] = products[i][0](A1[i], Wb, out=Z[i])  # (np.dot or np.matmul, the same product)
        A[i + 1] = act.forward(Z[i], out=A[i + 1])
        if into_A1[i] is not None:
            np.copyto(into_A1[i], A[i + 1])
        i += 1
        yield "forward", i


def backward(s: _Step) -> Iterator[tuple[str, int]]:
    """Backward, output layer first:  δ(L) = ∇a L ⊙ f′(z(L)),  δ(l) = (W(l+1)ᵀ δ(l+1)) ⊙ f′(z(l)).

    For a batch: ``δ(l) = (δ(l+1) W(l+1)ᵀ) ⊙ f′(Z(l))``; δ(L) is the loss's fused form where
    it has one (softmax + cross-entropy: ``(ŷ − y)/m``), and softmax's Jacobian–vector product
    instead of ⊙ f′.  δ = ∂L/∂Z of the batch loss, so it carries the loss's reduction (1/m).
    """
    layers, Z, A, fp, delta = s.layers, s.Z, s.A, s.fp, s.delta
    L = len(layers)
    out, act = A[L], layers[-1][3]
    fused = None
    if s.dA is None:
        k = s.kernel
        if k is None or k[0] is not s.loss or k[1] is not act:
            k = s.kernel = (s.loss, act, s.loss.fused_kernel(act.name))
        if k[2] is not None:
            fused = k[2](s.Y, out, None if s.fresh else delta[-1])
    s.fused = fused is not None
    if fused is not None:
        delta[-1] = fused
    else:
        dA = s.dA
        if dA is None:
            dA = s.dA = s.loss_gradient(s.Y, out)
        fp[-1] = act.derivative(Z[-1], out, out=fp[-1])
        if act.elementwise:
            delta[-1] = np.multiply(dA, fp[-1], out=delta[-1])
        else:
            delta[-1] = act.vjp(out, dA)
    yield "delta", L
    for i in range(L - 2, -1, -1):
        fp[i] = layers[i][3].derivative(Z[i], A[i + 1], out=fp[i])
        Wt = layers[i + 1][4]
        back = s.back[i] = s.products[i + 1][1](delta[i + 1], Wt, out=s.back[i])
        delta[i] = np.multiply(back, fp[i], out=delta[i])
        yield "delta", i + 1


def gradients(s: _Step) -> Iterator[tuple[str, int]]:
    """Gradients, output layer first:  ∂L/∂W(l) = δ(l) a(l−1)ᵀ,  ∂L/∂b(l) = δ(l).

    For a batch: ``∂L/∂W(l) = A(l−1)ᵀ δ(l)`` (fan_in × fan_out, like W) and
    ``∂L/∂b(l) = Σ_rows δ(l)``, as one product ``[A(l−1) 1]ᵀ δ(l)``, written into views of one
    vector laid out like the parameters, so that the update runs over it in one pass.
    """
    A1T, delta, gWb, products = s.A1T, s.delta, s.gWb, s.products
    for i in range(len(delta) - 1, -1, -1):
        products[i][2](A1T[i], delta[i], out=gWb[i])  # [A(l−1) 1]ᵀ δ(l)
        yield "gradient", i + 1


def backprop(
    network: Any,
    X: np.ndarray,
    Y: np.ndarray,
    loss: Loss,
    Zs: list[np.ndarray] | None = None,
    As: list[np.ndarray] | None = None,
) -> _Step:
    """The trainer's forward, backward and gradient phases over ``X``, ``Y``: no loss value, no update.

    Returns the step's arrays, all new: ``Z``, ``A`` (``A[0]`` is ``X``), ``delta`` and ``grads``
    (``[dW1, db1, dW2, db2, …]``, views of one vector).  Given ``Zs`` and ``As`` (a forward pass
    already made, ``As[0]`` the inputs) only the backward and gradient phases run.
    """
    flat = network.flat
    params = network.params()
    gflat = np.empty(flat.size)
    grads = _views(gflat, [p.shape for p in params])
    gWb = [stacked[2] for stacked in _stacked(network, gflat)]
    s = _Step(_stacked(network, flat), params, flat, grads, gflat, gWb, None)
    X = np.asarray(X if As is None else As[0], dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1) if network.layers[0].fan_in == 1 else X.reshape(1, -1)
    Y = np.asarray(Y, dtype=float)
    if Y.ndim == 1:
        Y = Y.reshape(-1, 1) if network.layers[-1].fan_out == 1 else Y.reshape(1, -1)
    s.begin(0, _with_ones(X), Y, loss, loss.gradient)
    if Zs is None:
        for _ in forward(s):
            pass
    else:
        s.Z = list(Zs)
        s.A1 = [_with_ones(a) for a in As[:-1]]
        s.A1T = [a.T for a in s.A1]
        s.A = [a[:, :-1] for a in s.A1] + [np.asarray(As[-1], dtype=float)]
    for _ in backward(s):
        pass
    for _ in gradients(s):
        pass
    return s
