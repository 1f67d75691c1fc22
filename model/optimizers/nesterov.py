"""Nesterov momentum, as torch's ``SGD(momentum=μ, nesterov=True)``: v ← μ·v + g ; w ← w − γ·(g + μ·v)."""

from __future__ import annotations

import numpy as np

from ..notation import GAMMA, Line, Math, sym
from ..scripts import OptimizerSnippet
from ..text import msg
from .base import WeightUpdate, grad_of
from .momentum import Momentum


class Nesterov(Momentum):
    """Nesterov's accelerated gradient in torch's form: ``v ← μv + g``, then ``w ← w − γ(g + μv)``.

    It looks ahead along the velocity: the step uses the gradient plus μ times the new velocity.
    Saved as ``{"name": "momentum", "nesterov": true}``.
    """

    label = msg("model.optimizers", "Nesterov momentum")
    formula = "v ← μ·v + ∂L/∂w ;  w ← w − γ·(∂L/∂w + μ·v)"
    switch = "nesterov"
    script = OptimizerSnippet(
        '''
momentum = $momentum
velocity = $velocity  # v, one per parameter array


def update(params, grads, lr):
    """$formula"""
    for p, g, v in zip(params, grads, velocity):
        v *= momentum
        v += g
        p -= lr * (g + momentum * v)
''',
        "optimizer = torch.optim.SGD($params, lr=$lr, momentum=$momentum, nesterov=True)",
        state={"velocity": "momentum_buffer"},
    )

    def step(self, params: list[np.ndarray], grads: list[np.ndarray], flat: tuple | None = None) -> None:
        lr, mu = self.learning_rate, self.params["momentum"]
        for p, g, v in self.groups(params, grads, flat):
            v *= mu
            v += g
            p -= lr * (g + mu * v)
        self.t += 1

    def update_lines(self, u: WeightUpdate) -> list:
        w, g, fmt = u.w, u.g, u.fmt
        mu, v = self.params["momentum"], u.after["velocity"]
        return [
            self.velocity_line(u),
            Line(
                w + "′",
                w + " − " + GAMMA + "·(" + grad_of(w) + Math(" + <i>μ</i>·", " + μ·") + sym("v") + ")",
                fmt.n(u.w_old) + " − " + fmt.n(u.lr) + " × (" + fmt.n(g) + " + " + fmt.n(mu) + " × " + fmt.p(v) + ")",
                fmt.r(u.w_new),
            ),
        ]
