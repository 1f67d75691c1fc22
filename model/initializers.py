"""Seeded weight initialisers.  Each returns a list of (W, b) pairs, W of shape fan_in × fan_out."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .text import msg

__all__ = ["INITIALIZERS", "initialize", "initializer_names"]


def _lecture(sizes, seed):
    """The lecture's code: one legacy ``RandomState(seed)``, ``randn(fan_in, fan_out)`` per layer in order,
    zero biases."""
    rs = np.random.RandomState(seed)
    return [(rs.randn(n_in, n_out), np.zeros(n_out)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def _xavier(sizes, seed):
    """Glorot uniform: U(−r, r) with r = √(6 / (fan_in + fan_out)), zero biases."""
    rng = np.random.default_rng(seed)
    out = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        r = np.sqrt(6.0 / (n_in + n_out))
        out.append((rng.uniform(-r, r, size=(n_in, n_out)), np.zeros(n_out)))
    return out


def _he(sizes, seed):
    """He normal: N(0, 2 / fan_in), zero biases."""
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


INITIALIZERS = {
    "lecture": (
        _lecture,
        msg("model.initializers", "Lecture: randn(fan_in, fan_out) from RandomState(seed), zero biases"),
    ),
    "xavier": (_xavier, msg("model.initializers", "Xavier/Glorot uniform, for sigmoid and tanh")),
    "he": (_he, msg("model.initializers", "He normal, for ReLU")),
}


def initializer_names() -> list[str]:
    """The initialiser names, in registry order."""
    return list(INITIALIZERS)


def initialize(name: str, sizes: Sequence[int], seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Weights and biases for layer sizes ``[d0, d1, …, dL]``."""
    if name not in INITIALIZERS:
        raise ValueError(
            msg("model.initializers", "unknown initializer {name!r}; choose one of: {names}").format(
                name=name, names=", ".join(INITIALIZERS)
            )
        )
    sizes = [int(s) for s in sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(
            msg("model.initializers", "a network needs an input and an output layer of size ≥ 1, got {sizes}").format(
                sizes=sizes
            )
        )
    return INITIALIZERS[name][0](sizes, int(seed))
