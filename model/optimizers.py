"""Optimisers, in PyTorch's conventions.  Each updates the parameter arrays in place.

* ``sgd``:      w ← w − lr·g
* ``momentum``: v ← μ·v + g ;  w ← w − lr·v
* ``adam``:     m ← β₁m + (1−β₁)g ;  v ← β₂v + (1−β₂)g² ;
                w ← w − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)

The state (velocities, moments, t) is part of a saved session.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["Optimizer", "OPTIMIZERS", "make_optimizer", "optimizer_from_dict", "optimizer_names"]


class Optimizer:
    name = ""
    label = ""
    formula = ""
    #: (param name, default, minimum, maximum, label)
    PARAMS: tuple = ()

    def __init__(self, learning_rate=0.1, **params):
        self.learning_rate = _check_lr(learning_rate)
        names = {p[0] for p in self.PARAMS}
        for key in params:
            if key not in names:
                raise ValueError(
                    f"optimizer {self.name!r} has no parameter {key!r}"
                    + (f"; it takes: {', '.join(sorted(names))}" if names else "")
                )
        self.params = {}
        for pname, default, lo, hi, _label in self.PARAMS:
            value = float(params.get(pname, default))
            if not (lo <= value <= hi) or not math.isfinite(value):
                raise ValueError(f"{pname} must be between {lo} and {hi}, got {value}")
            self.params[pname] = value
        self.state: dict[str, list[np.ndarray]] = {}
        self._flat: dict[str, tuple] = {}  # key: (vector, the list of its views that state[key] holds, params)
        self.t = 0

    def step(self, params, grads, flat=None):
        """Update every array of ``params`` in place from the matching ``grads``; t += 1.

        ``flat = (p, g)``, when given, are contiguous vectors of which ``params`` and ``grads``
        are views, in the same order: the update then runs once over the whole vectors, which
        gives the same numbers (every operation is element-wise) in far fewer numpy calls.
        """
        raise NotImplementedError

    def update_formula(self) -> str:
        return self.formula

    # state ------------------------------------------------------------------
    def get_state(self) -> dict:
        return {"t": self.t, **{k: [a.copy() for a in v] for k, v in self.state.items()}}

    def set_state(self, state: dict, shapes=None):
        """Replace ``t`` and the buffers (copies).

        Raises ``ValueError`` and changes nothing if ``state`` is malformed.
        """
        if not isinstance(state, dict):
            raise ValueError("the optimizer state must be an object with 't' and lists of arrays")
        t = state.get("t", 0)
        if (
            isinstance(t, bool)
            or not isinstance(t, (int, float, np.integer))
            or not math.isfinite(t)
            or t != int(t)
            or t < 0
        ):
            raise ValueError(f"the optimizer state's step count 't' must be a whole number ≥ 0, got {t!r}")
        new = {}
        for key, arrays in state.items():
            if key == "t":
                continue
            try:
                if not isinstance(arrays, (list, tuple)):
                    raise TypeError
                arrs = [np.array(a, dtype=float) for a in arrays]
            except (TypeError, ValueError):
                raise ValueError(f"optimizer state {key!r} must be a list of number arrays") from None
            if shapes is not None:
                if len(arrs) != len(shapes) or any(a.shape != tuple(s) for a, s in zip(arrs, shapes)):
                    raise ValueError(f"optimizer state {key!r} does not match the network's shapes")
            new[key] = arrs
        self.t = int(t)
        self.state = new

    def to_dict(self, with_state=True) -> dict:
        d = {"name": self.name, "learning_rate": self.learning_rate, **self.params}
        if with_state:
            d["state"] = {"t": self.t, **{k: [a.tolist() for a in v] for k, v in self.state.items()}}
        return d

    def _buffers(self, key, params):
        bufs = self.state.get(key)
        if bufs is None or len(bufs) != len(params) or any(b.shape != p.shape for b, p in zip(bufs, params)):
            bufs = [np.zeros_like(p, dtype=float) for p in params]
            self.state[key] = bufs
        return bufs

    def _flat_buffer(self, key, params, size):
        """State ``key`` as one vector of ``size`` whose views (shaped like ``params``) are ``state[key]``.

        Built once and reused while ``state[key]`` is the list it made; a state replaced by
        :meth:`set_state` (or grown for new shapes) is copied in once and becomes views again.
        """
        cached = self._flat.get(key)
        bufs = self.state.get(key)
        if cached is not None and bufs is cached[1] and params is cached[2]:
            return cached[0]
        bufs = self._buffers(key, params)  # (zeros if missing or of other shapes)
        if cached is not None and bufs is cached[1] and cached[0].size == size:
            self._flat[key] = (cached[0], bufs, params)
            return cached[0]
        vec = np.empty(size)
        views = []
        start = 0
        for b in bufs:
            v = vec[start : start + b.size].reshape(b.shape)
            np.copyto(v, b)
            views.append(v)
            start += b.size
        if start != size:
            raise ValueError("the flat parameter vector does not match the parameter arrays")
        self.state[key] = views
        self._flat[key] = (vec, views, params)
        return vec

    def __repr__(self):
        extra = "".join(f", {k}={v:g}" for k, v in self.params.items())
        return f"{self.name}(lr={self.learning_rate:g}{extra})"


def _check_lr(lr):
    try:
        lr = float(lr)
    except (TypeError, ValueError):
        raise ValueError(f"the learning rate must be a number, got {lr!r}") from None
    if not math.isfinite(lr) or lr <= 0:
        raise ValueError(f"the learning rate must be a positive finite number, got {lr:g}")
    return lr


def _as_0d(opt, x):
    """``x`` as a 0-d float64 array (cached): it multiplies exactly like the float, but skips
    numpy's Python-scalar handling, which costs more than the arithmetic on small vectors."""
    cached = opt.__dict__.get("_0d")
    if cached is None or cached[0] != x:
        cached = opt._0d = (x, np.array(x, dtype=float))
    return cached[1]


class SGD(Optimizer):
    name, label = "sgd", "SGD"
    formula = "w ← w − γ·∂L/∂w"

    def step(self, params, grads, flat=None):
        lr = self.learning_rate
        if flat is not None:
            p, g = flat
            p -= _as_0d(self, lr) * g
        else:
            for p, g in zip(params, grads):
                p -= lr * g
        self.t += 1


class Momentum(Optimizer):
    name, label = "momentum", "SGD + momentum"
    formula = "v ← μ·v + ∂L/∂w ;  w ← w − γ·v"
    PARAMS = (("momentum", 0.9, 0.0, 0.999999, "momentum μ"),)

    def step(self, params, grads, flat=None):
        lr, mu = self.learning_rate, self.params["momentum"]
        if flat is not None:
            p, g = flat
            v = self._flat_buffer("velocity", params, p.size)
            v *= mu
            v += g
            p -= lr * v
        else:
            vel = self._buffers("velocity", params)
            for p, g, v in zip(params, grads, vel):
                v *= mu
                v += g
                p -= lr * v
        self.t += 1


class Adam(Optimizer):
    name, label = "adam", "Adam"
    formula = "m ← β₁m + (1−β₁)g ;  v ← β₂v + (1−β₂)g² ;  w ← w − γ·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)"
    PARAMS = (
        ("beta1", 0.9, 0.0, 0.999999, "β₁"),
        ("beta2", 0.999, 0.0, 0.99999999, "β₂"),
        ("eps", 1e-8, 1e-16, 1.0, "ε"),
    )

    def step(self, params, grads, flat=None):
        lr = self.learning_rate
        b1, b2, eps = self.params["beta1"], self.params["beta2"], self.params["eps"]
        if flat is not None:
            p, g = flat
            n = p.size
            triples = ((p, g, self._flat_buffer("m", params, n), self._flat_buffer("v", params, n)),)
        else:
            triples = zip(params, grads, self._buffers("m", params), self._buffers("v", params))
        self.t += 1
        c1 = 1.0 - b1**self.t
        c2 = 1.0 - b2**self.t
        for p, g, m, v in triples:
            m *= b1
            m += (1.0 - b1) * g
            v *= b2
            v += (1.0 - b2) * (g * g)
            p -= lr * (m / c1) / (np.sqrt(v / c2) + eps)


OPTIMIZERS: dict[str, type[Optimizer]] = {c.name: c for c in (SGD, Momentum, Adam)}


def optimizer_names() -> list[str]:
    return list(OPTIMIZERS)


def make_optimizer(name: str, learning_rate=0.1, **params) -> Optimizer:
    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of: {', '.join(OPTIMIZERS)}")
    return OPTIMIZERS[name](learning_rate, **params)


def optimizer_from_dict(d: dict, shapes=None) -> Optimizer:
    d = dict(d)
    try:
        name = d.pop("name")
    except KeyError:
        raise ValueError("the optimizer needs a 'name'") from None
    state = d.pop("state", None)
    opt = make_optimizer(name, **d)
    if state:
        opt.set_state(state, shapes)
    return opt
