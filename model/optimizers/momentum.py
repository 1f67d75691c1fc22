"""Momentum, as torch's ``SGD(momentum=μ)``: v ← μ·v + ∂L/∂w ; w ← w − γ·v."""

from __future__ import annotations

import numpy as np

from ..notation import GAMMA, Line, Math, sym
from ..paramspec import ParamSpec
from ..scripts import OptimizerSnippet
from ..text import msg
from .base import Optimizer, WeightUpdate, grad_of, prev


class Momentum(Optimizer):
    """Heavy-ball momentum in torch's convention (dampening 0): ``v ← μv + g`` (so v₁ = g), ``w ← w − γv``.

    ``nesterov=True`` gives :class:`~model.optimizers.nesterov.Nesterov`.
    """

    name = "momentum"
    label = msg("model.optimizers", "SGD + momentum")
    formula = "v ← μ·v + ∂L/∂w ;  w ← w − γ·v"
    PARAMS = (
        ParamSpec("momentum", 0.9, 0.0, 0.999999, msg("model.optimizers", "momentum μ")),
        ParamSpec("nesterov", False, None, None, "Nesterov", (False, True)),
    )
    STATE = ("velocity",)
    script = OptimizerSnippet(
        '''
momentum = $momentum
velocity = $velocity  # v, one per parameter array


def update(params, grads, lr):
    """$formula"""
    for p, g, v in zip(params, grads, velocity):
        v *= momentum
        v += g
        p -= lr * v
''',
        "optimizer = torch.optim.SGD($params, lr=$lr, momentum=$momentum)",
        state={"velocity": "momentum_buffer"},
    )

    def step(self, params: list[np.ndarray], grads: list[np.ndarray], flat: tuple | None = None) -> None:
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

    def velocity_line(self, u: WeightUpdate) -> Line:
        """v = μ·v_prev + ∂L/∂w, with the numbers."""
        w, g, fmt = u.w, u.g, u.fmt
        mu = self.params["momentum"]
        v_prev, v = u.before["velocity"], u.after["velocity"]
        u.numbers["velocity_prev"], u.numbers["velocity"] = v_prev, v
        return Line(
            sym("v"),
            Math("<i>μ</i>·", "μ·") + prev("v") + " + " + grad_of(w),
            fmt.n(mu) + " × " + fmt.p(v_prev) + " + " + fmt.p(g),
            fmt.r(v),
        )

    def update_lines(self, u: WeightUpdate) -> list:
        w, fmt, v = u.w, u.fmt, u.after["velocity"]
        return [
            self.velocity_line(u),
            Line(
                w + "′",
                w + " − " + GAMMA + "·" + sym("v"),
                fmt.n(u.w_old) + " − " + fmt.n(u.lr) + " × " + fmt.p(v),
                fmt.r(u.w_new),
            ),
        ]
