"""Read-only views of a network's state, for a view that must not touch the live trainer.

:func:`network_values` runs the trainer's own forward, backward and gradient phases over a set
of samples (without an update) and returns read-only arrays (``writeable = False``) of every W,
b, Z, A, δ, ∂L/∂W and ∂L/∂b.  The GUI's worker
builds one at a few hertz and sends it across threads; nothing in it aliases the trainer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .losses import Loss
from .network import Network
from .phases import backprop
from .trainer import _frozen

__all__ = ["LayerValues", "Snapshot", "network_values", "decision_surface", "saturation", "frozen"]


def frozen(a: ArrayLike) -> np.ndarray:
    """A read-only float64 copy."""
    return _frozen(a)


@dataclass(frozen=True)
class LayerValues:
    """Layer l (1 … L) for the m samples of a snapshot.

    ``W``: fan_in × fan_out, ``b``: fan_out, ``Z``/``A``/``delta``: m × fan_out,
    ``dW``: fan_in × fan_out, ``db``: fan_out.  ``delta`` is ∂L/∂Z of the loss over these
    m samples (it carries the loss's 1/m), so ``dW = A_prevᵀ δ`` is that loss's gradient.
    """

    index: int
    activation: str
    W: np.ndarray
    b: np.ndarray
    Z: np.ndarray
    A: np.ndarray
    delta: np.ndarray
    dW: np.ndarray
    db: np.ndarray

    @property
    def fan_in(self) -> int:
        return self.W.shape[0]

    @property
    def fan_out(self) -> int:
        return self.W.shape[1]


def network_values(network: Network, X: ArrayLike, Y: ArrayLike, loss: Loss) -> tuple[LayerValues, ...]:
    """The trainer's forward, backward and gradient phases over ``X, Y`` with ``loss`` (no update).

    Layer by layer: copies of W and b, and the step's own Z, A, δ, ∂L/∂W and ∂L/∂b (new arrays,
    made read-only).  A diverged network gives non-finite values, not warnings.
    """
    with np.errstate(all="ignore"):  # a diverged net still gets drawn (as non-finite)
        s = backprop(network, X, Y, loss)
    out = []
    for i, layer in enumerate(network.layers):
        out.append(
            LayerValues(
                i + 1,
                layer.activation,
                frozen(layer.W),
                frozen(layer.b),
                _read_only(s.Z[i]),
                _read_only(s.A[i + 1]),
                _read_only(s.delta[i]),
                _read_only(s.grads[2 * i]),
                _read_only(s.grads[2 * i + 1]),
            )
        )
    return tuple(out)


def _read_only(a: np.ndarray) -> np.ndarray:
    """``a`` (made by this module's caller alone, float64) marked read-only; anything else as a read-only copy."""
    if type(a) is not np.ndarray or a.dtype != np.float64 or not a.flags.c_contiguous:
        return frozen(a)
    a.setflags(write=False)
    return a


def decision_surface(
    network: Network,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    resolution: int = 64,
    column: int = 0,
    classes: bool | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The network's output over a ``resolution`` × ``resolution`` grid of 2-D inputs.

    Returns ``(xs, ys, values)`` with ``values[j, i]`` the output at ``(xs[i], ys[j])``.
    With several output columns and ``classes`` true (the default for more than one column)
    it is the predicted class index instead; a regression net shows output ``column``.
    """
    xs = np.linspace(x_range[0], x_range[1], resolution)
    ys = np.linspace(y_range[0], y_range[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    with np.errstate(all="ignore"):
        out = network.predict(grid)
    if classes is None:
        classes = out.shape[1] > 1
    if classes and out.shape[1] > 1:
        values = out.argmax(axis=1).astype(float)
    else:
        values = out[:, column]
    return frozen(xs), frozen(ys), frozen(values.reshape(resolution, resolution))


@dataclass(frozen=True)
class Snapshot:
    """What the GUI draws, copied out of the trainer by the worker (nothing aliases live state).

    Loss histories arrive as the values *since the previous snapshot*, so that every step's loss
    reaches the curves and none is dropped between frames; ``history_reset`` tells the view to
    clear its curves first (new session, reset, time travel).
    """

    serial: int
    step: int  # steps completed
    epoch: int  # epochs completed
    running: bool
    steps_per_second: float
    # histories since the previous snapshot
    first_step: int  # step number of new_report[0]
    new_report: np.ndarray  # reported loss per step ("Loss" in the log)
    new_loss: np.ndarray  # training loss per step (what backprop differentiates)
    first_epoch: int
    new_epoch_report: np.ndarray
    new_epoch_accuracy: np.ndarray
    new_grad_norms: tuple = ()  # per layer: ‖∂L/∂W(l)‖ per step since the previous snapshot
    history_reset: bool = False
    # the heavy part; None when this snapshot does not refresh it
    values: tuple | None = None  # tuple[LayerValues], over the samples X, Y below
    X: np.ndarray | None = None
    Y: np.ndarray | None = None
    surface: tuple | None = None  # (xs, ys, grid) for 2-D inputs, or (xs, ys_pred) curve for 1-D
    # scalars at the current weights
    loss: float = float("nan")  # reported loss on the whole data set
    train_loss: float = float("nan")
    accuracy: float | None = None
    learning_rate: float = float("nan")
    loss_name: str = ""
    optimizer_name: str = ""
    batch_size: int | None = None
    task: str = "regression"
    # phase-by-phase stepping
    phase: object | None = None  # the last Phase taken (model.trainer.Phase), if stepping by phase
    step_phases: tuple = ()  # the phases taken so far in the current (or just completed) step
    # per-layer health
    grad_norms: tuple = ()  # ‖∂L/∂W(l)‖ at the current weights
    delta_norms: tuple = ()  # ‖δ(l)‖ (Frobenius over the samples)
    saturation: tuple = ()  # fraction of saturated sigmoid/tanh units, or dead ReLUs, per layer
    diverged: str | None = None
    message: str | None = None  # one line for the status bar
    # stepping back (added for the worker; all optional)
    phase_cursor: int = -1  # index of ``phase`` in ``step_phases`` (step_phase_back moves it), -1: none
    viewing_step: int | None = None  # time travel: the recorded step whose values are shown; None = live
    timeline_first: int = 0  # the earliest step that can be revisited (the time slider's minimum)
    # (added by the training package; all optional)
    loss_step: int | None = None  # the step whose weights ``loss``/``train_loss``/``accuracy`` were measured at
    viewing_epoch: int | None = None  # time travel: the epoch of ``viewing_step``
    first_grad_step: int | None = None  # step number of new_grad_norms[l][0] (None: the same as first_step)
    #: per new epoch: the steps done when it ended (its last step is this − 1; NaN where the history does not say)
    new_epoch_step: np.ndarray | None = None


def saturation(layer_values: Iterable[LayerValues]) -> tuple:
    """Per layer: the fraction of units that have stopped learning, as the layer's activation measures it.

    sigmoid: a < 0.01 or a > 0.99, counted per (sample, unit) pair; tanh: |a| > 0.99;
    relu / leaky_relu: a unit that is ≤ 0 for every sample (dead); others 0
    (``Activation.saturation``).
    """
    from .activations import get_activation

    return tuple(get_activation(lv.activation).saturation(lv.Z, lv.A) for lv in layer_values)
