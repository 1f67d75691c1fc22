"""Plain gradient descent: w ← w − γ·∂L/∂w."""

from __future__ import annotations

import numpy as np

from ..notation import GAMMA, Line, Math
from ..scripts import OptimizerSnippet
from ..text import msg
from .base import Optimizer, WeightUpdate, as_0d, grad_of


class SGD(Optimizer):
    """Gradient descent, ``torch.optim.SGD`` without momentum: ``w ← w − γ·g``."""

    name = "sgd"
    label = msg("model.optimizers", "SGD")
    formula = "w ← w − γ·∂L/∂w"
    script = OptimizerSnippet(
        '''
def update(params, grads, lr):
    """$formula"""
    for p, g in zip(params, grads):
        p -= lr * g
''',
        "optimizer = torch.optim.SGD($params, lr=$lr)",
    )

    def step(self, params: list[np.ndarray], grads: list[np.ndarray], flat: tuple | None = None) -> None:
        lr = self.learning_rate
        if flat is not None:
            p, g = flat
            p -= as_0d(self, lr) * g
        else:
            for p, g in zip(params, grads):
                p -= lr * g
        self.t += 1

    def update_lines(self, u: WeightUpdate) -> list:
        w, g, lr, fmt = u.w, u.g, u.lr, u.fmt
        dw = -lr * g
        u.numbers["dw_rule"] = dw
        sign = " − " if dw < 0 else " + "
        return [
            Line(
                Math("Δ") + w, Math("−") + GAMMA + "·" + grad_of(w), Math("−") + fmt.n(lr) + " × " + fmt.p(g), fmt.r(dw)
            ),
            Line(w + "′", w + " + Δ" + w, fmt.n(u.w_old) + sign + fmt.n(abs(dw)), fmt.r(u.w_new)),
        ]
