"""A fully connected network in the lecture's notation, with row-major batches.

For a batch ``X`` of m rows, layer l = 1 … L computes::

    Z(l) = A(l−1) @ W(l) + b(l)        W(l): fan_in × fan_out,  b(l): fan_out
    A(l) = f(Z(l))                     A(0) = X

and backprop computes, for the batch loss L::

    δ(L) = ∂L/∂A(L) ⊙ f′(Z(L))         (softmax: its Jacobian–vector product, or a fused form)
    δ(l) = (δ(l+1) @ W(l+1)ᵀ) ⊙ f′(Z(l))
    ∂L/∂W(l) = A(l−1)ᵀ @ δ(l)          ∂L/∂b(l) = Σ_rows δ(l)

which is the lecture's ``δ(l) = (W(l+1)ᵀ δ(l+1)) ⊙ f′(z(l))`` and ``∂L/∂W(l) = δ(l) a(l−1)ᵀ``
written for a batch of row vectors.  δ is ∂L/∂Z of the *batch* loss, so it carries the
loss's reduction (1/m for a mean).  Backprop is written once, as the trainer's phases
(:mod:`model.phases`); :meth:`Network.backward` and :meth:`Network.gradients` run them.

A layer may keep its biases fixed (``train_bias=False``, as the published worked example
does); the trainer's update then leaves them as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from .activations import get_activation
from .initializers import initialize
from .losses import Loss
from .phases import backprop
from .text import msg

__all__ = ["Layer", "Network"]


# How many times any layer has been given new storage: while it stays the same, and a network
# keeps the same list of layers, its flat vector is still the one it built (a cheap test per step).
_binds = [0]


class Layer:
    """One layer: weights ``W`` (fan_in × fan_out), biases ``b`` (fan_out) and an activation name.

    ``W`` and ``b`` are views into one contiguous vector, ``[W.ravel(), b]``; in a
    :class:`Network` that vector is a slice of the network's single parameter vector, so
    editing ``layer.W[i, j]`` in place changes the network.  Assigning ``layer.W = array``
    copies the values into the storage when the shape matches, and otherwise gives the layer
    new storage (the network re-flattens on its next use).  ``train_bias`` False keeps the
    biases out of the update.
    """

    __slots__ = ("_W", "_b", "_storage", "activation", "act", "train_bias")

    def __init__(self, W: ArrayLike, b: ArrayLike, activation: str, train_bias: bool = True) -> None:
        try:
            W = np.array(W, dtype=float)
            b = np.array(b, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise ValueError(msg("model.network", "weights and biases must be rectangular tables of numbers")) from None
        if W.ndim != 2:
            raise ValueError(
                msg("model.network", "weights must be a 2-D fan_in × fan_out matrix, got shape {shape}").format(
                    shape=W.shape
                )
            )
        if b.shape != (W.shape[1],):
            raise ValueError(
                msg("model.network", "a layer with {n} units needs {n} biases, got {got}").format(
                    n=W.shape[1], got=b.size
                )
            )
        if not isinstance(train_bias, (bool, np.bool_)):
            raise ValueError(
                msg("model.network", "train_bias must be true or false, got {value!r}").format(value=train_bias)
            )
        self.activation = activation
        self.act = get_activation(activation)
        self.train_bias = bool(train_bias)
        self._W = W
        self._b = b
        self._bind(np.empty(W.size + b.size))

    def _bind(self, storage):
        """Move ``W`` and ``b`` into ``storage`` (a contiguous 1-D float64 vector of their total size)."""
        W, b = self._W, self._b
        k = W.size
        new_W = storage[:k].reshape(W.shape)
        new_b = storage[k:]
        np.copyto(new_W, W)
        np.copyto(new_b, b)
        self._W, self._b, self._storage = new_W, new_b, storage
        _binds[0] += 1

    @property
    def W(self) -> np.ndarray:
        return self._W

    @W.setter
    def W(self, value: ArrayLike) -> None:
        value = np.asarray(value, dtype=float)
        if value.shape == self._W.shape:
            np.copyto(self._W, value)
        else:
            self._W = np.array(value, dtype=float)
            self._bind(np.empty(self._W.size + self._b.size))

    @property
    def b(self) -> np.ndarray:
        return self._b

    @b.setter
    def b(self, value: ArrayLike) -> None:
        value = np.asarray(value, dtype=float)
        if value.shape == self._b.shape:
            np.copyto(self._b, value)
        else:
            self._b = np.array(value, dtype=float).reshape(-1)
            self._bind(np.empty(self._W.size + self._b.size))

    @property
    def fan_in(self) -> int:
        return self._W.shape[0]

    @property
    def fan_out(self) -> int:
        return self._W.shape[1]

    def __repr__(self) -> str:
        fixed = "" if self.train_bias else ", biases fixed"
        return f"Layer({self.fan_in}→{self.fan_out}, {self.activation}{fixed})"

    def __reduce__(self):  # copy, deepcopy and pickle rebuild the views instead of copying them apart
        return (Layer, (self._W, self._b, self.activation, self.train_bias))


class Network:
    """Layers of (W, b, activation).  ``layers[0]`` is layer 1 in the lecture's numbering."""

    def __init__(self, layers: Iterable[Layer]) -> None:
        self.layers = list(layers)
        if not self.layers:
            raise ValueError(msg("model.network", "a network needs at least one layer"))
        for i, (prev, nxt) in enumerate(zip(self.layers[:-1], self.layers[1:]), start=1):
            if prev.fan_out != nxt.fan_in:
                raise ValueError(
                    msg("model.network", "layer {i} has {units} units but layer {j} expects {inputs} inputs").format(
                        i=i, units=prev.fan_out, j=i + 1, inputs=nxt.fan_in
                    )
                )
        for i, layer in enumerate(self.layers[:-1], start=1):
            if not layer.act.elementwise:
                raise ValueError(
                    msg(
                        "model.network", "{activation} can only be used on the output layer (layer {i} is hidden)"
                    ).format(activation=layer.activation, i=i)
                )
        self._flat = None
        self._bound = ()
        self._stamp = None
        self._flatten()

    @classmethod
    def from_sizes(
        cls, sizes: Sequence[int], activations: str | Sequence[str], init: str = "xavier", seed: int = 0
    ) -> Network:
        """``sizes = [d0, …, dL]``; ``activations`` is one name per layer, or a single name for all."""
        if isinstance(activations, str):
            activations = [activations] * (len(sizes) - 1)
        if len(activations) != len(sizes) - 1:
            raise ValueError(
                msg("model.network", "{n} layers need {n} activations, got {got}").format(
                    n=len(sizes) - 1, got=len(activations)
                )
            )
        params = initialize(init, sizes, seed)
        return cls([Layer(W, b, act) for (W, b), act in zip(params, activations)])

    # structure --------------------------------------------------------------
    @property
    def sizes(self) -> list[int]:
        return [self.layers[0].fan_in] + [layer.fan_out for layer in self.layers]

    @property
    def activations(self) -> list[str]:
        return [layer.activation for layer in self.layers]

    @property
    def n_params(self) -> int:
        return sum(layer.W.size + layer.b.size for layer in self.layers)

    @property
    def flat(self) -> np.ndarray:
        """All parameters in one contiguous vector ``[W1.ravel(), b1, W2.ravel(), b2, …]``.

        Every ``layer.W`` and ``layer.b`` is a view into it.  If a layer was replaced or given
        new shapes since the last call, the vector is rebuilt (a new array, same values).
        """
        layers = self.layers
        stamp = (_binds[0], id(layers), len(layers))
        if stamp == self._stamp:
            return self._flat
        bound = self._bound
        if len(bound) != len(layers):
            return self._flatten()
        for layer, (was, storage) in zip(layers, bound):
            if layer is not was or layer._storage is not storage:
                return self._flatten()
        self._stamp = stamp
        return self._flat

    def _flatten(self):
        layers = self.layers
        flat = np.empty(sum(layer._W.size + layer._b.size for layer in layers))
        start = 0
        for layer in layers:
            n = layer._W.size + layer._b.size
            layer._bind(flat[start : start + n])
            start += n
        self._flat = flat
        self._bound = [(layer, layer._storage) for layer in layers]
        self._stamp = (_binds[0], id(layers), len(layers))
        return flat

    def params(self) -> list[np.ndarray]:
        """The live parameter arrays ``[W1, b1, W2, b2, …]`` (not copies): views into :attr:`flat`."""
        self.flat  # noqa: B018 - rebinds layers that were replaced or reshaped
        out = []
        for layer in self.layers:
            out += [layer.W, layer.b]
        return out

    def param_shapes(self) -> list[tuple[int, ...]]:
        return [p.shape for p in self.params()]

    def set_params(self, arrays: Iterable[ArrayLike]) -> None:
        """Copy values into the live arrays (keeps the array objects, so buffers stay valid)."""
        for p, a in zip(self.params(), arrays):
            np.copyto(p, a)

    def copy(self) -> Network:
        return Network([Layer(l.W.copy(), l.b.copy(), l.activation, l.train_bias) for l in self.layers])

    def __reduce__(self):  # (see Layer.__reduce__)
        return (Network, (self.layers,))

    # computation ------------------------------------------------------------
    def forward(self, X: ArrayLike) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Return ``(Zs, As)``: ``Zs[l-1] = Z(l)`` and ``As[l] = A(l)`` with ``As[0] = X``."""
        A = np.asarray(X, dtype=float)
        if A.ndim == 1:
            A = A.reshape(-1, 1) if self.layers[0].fan_in == 1 else A.reshape(1, -1)
        if A.shape[1] != self.layers[0].fan_in:
            raise ValueError(
                msg("model.network", "the network expects {n} inputs per sample, got {got}").format(
                    n=self.layers[0].fan_in, got=A.shape[1]
                )
            )
        Zs, As = [], [A]
        for layer in self.layers:
            Z = A @ layer.W + layer.b
            A = layer.act.forward(Z)
            Zs.append(Z)
            As.append(A)
        return Zs, As

    def predict(self, X: ArrayLike) -> np.ndarray:
        return self.forward(X)[1][-1]

    def backward(
        self, Zs: list[np.ndarray], As: list[np.ndarray], Y: ArrayLike, loss: Loss
    ) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
        """Deltas and gradients of ``loss`` for a forward pass: ``(deltas, dWs, dbs)``, lists by layer.

        Runs the trainer's backward and gradient phases (:func:`model.trainer.backward`,
        :func:`model.trainer.gradients`) on ``As[0]``, ``Y`` and the given ``Zs``, ``As``.
        """
        s = backprop(self, As[0], Y, loss, Zs, As)
        return list(s.delta), list(s.grads[0::2]), list(s.grads[1::2])

    def loss_value(self, X: ArrayLike, Y: ArrayLike, loss: Loss) -> float:
        return loss.value(Y, self.predict(X))

    def gradients(self, X: ArrayLike, Y: ArrayLike, loss: Loss) -> list[np.ndarray]:
        """``[dW1, db1, dW2, db2, …]`` at the current parameters (the trainer's phases, without an update)."""
        return list(backprop(self, X, Y, loss).grads)

    # serialisation ----------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "layers": [
                {
                    "weights": l.W.tolist(),
                    "biases": l.b.tolist(),
                    "activation": l.activation,
                    "train_biases": l.train_bias,
                }
                for l in self.layers
            ]
        }

    @classmethod
    def from_dict(cls, d: dict) -> Network:
        try:
            layers = d["layers"]
        except (KeyError, TypeError):
            raise ValueError(msg("model.network", "the network needs a 'layers' list")) from None
        if not isinstance(layers, list):
            raise ValueError(msg("model.network", "the network needs a 'layers' list"))
        out = []
        for i, ld in enumerate(layers, start=1):
            if not isinstance(ld, dict):
                raise ValueError(
                    msg(
                        "model.network", "layer {i} must be an object with 'weights', 'biases' and 'activation'"
                    ).format(i=i)
                )
            try:
                out.append(Layer(ld["weights"], ld["biases"], ld["activation"], ld.get("train_biases", True)))
            except KeyError as e:
                raise ValueError(msg("model.network", "layer {i} needs {key!r}").format(i=i, key=e.args[0])) from None
            except ValueError as e:
                raise ValueError(msg("model.network", "layer {i}: {error}").format(i=i, error=e)) from None
        net = cls(out)
        for i, p in enumerate(net.params()):
            if not np.all(np.isfinite(p)):
                text = msg("model.network", "layer {i} has a non-finite weight") if i % 2 == 0 else None
                text = text or msg("model.network", "layer {i} has a non-finite bias")
                raise ValueError(text.format(i=i // 2 + 1))
        return net
