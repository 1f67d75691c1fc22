"""RMSprop, as ``torch.optim.RMSprop`` (centered=False, momentum=0): v ← αv + (1−α)g² ; w ← w − γ·g/(√v + ε)."""

from __future__ import annotations

import numpy as np

from ..notation import GAMMA, Line, Math, sym
from ..paramspec import ParamSpec
from ..scripts import OptimizerSnippet
from ..text import msg
from .base import Optimizer, WeightUpdate, as_0d, grad_of, prev


class RMSprop(Optimizer):
    """A running mean of g² per weight divides the step: ``v ← αv + (1−α)g²``, ``w ← w − γ·g/(√v + ε)``.

    torch's defaults and spelling: ``alpha = 0.99``, ``eps = 1e-8``; no bias correction, so the
    first steps are large (v starts at 0).
    """

    name = "rmsprop"
    label = msg("model.optimizers", "RMSprop")
    formula = "v ← α·v + (1−α)·g² ;  w ← w − γ·g / (√v + ε)"
    PARAMS = (
        ParamSpec("alpha", 0.99, 0.0, 0.99999999, "α"),
        ParamSpec("eps", 1e-8, 1e-16, 1.0, "ε"),
    )
    STATE = ("square_avg",)
    script = OptimizerSnippet(
        '''
alpha, eps = $alpha, $eps
square_avg = $square_avg  # v, the running mean of g², one per parameter array


def update(params, grads, lr):
    """$formula"""
    for p, g, v in zip(params, grads, square_avg):
        v *= alpha
        v += (1.0 - alpha) * (g * g)
        p -= lr * g / (np.sqrt(v) + eps)
''',
        "optimizer = torch.optim.RMSprop($params, lr=$lr, alpha=$alpha, eps=$eps)",
        state={"square_avg": "square_avg"},
        counts_steps=True,  # (torch keeps a step count for RMSprop too; its update does not use it)
    )

    def step(self, params: list[np.ndarray], grads: list[np.ndarray], flat: tuple | None = None) -> None:
        lr, alpha, eps = self.learning_rate, self.params["alpha"], self.params["eps"]
        one_minus = as_0d(self, 1.0 - alpha)
        for p, g, v in self.groups(params, grads, flat):
            v *= alpha
            v += one_minus * (g * g)
            p -= lr * g / (np.sqrt(v) + eps)
        self.t += 1

    def update_lines(self, u: WeightUpdate) -> list:
        w, g, fmt = u.w, u.g, u.fmt
        alpha, eps = self.params["alpha"], self.params["eps"]
        v_prev, v = u.before["square_avg"], u.after["square_avg"]
        u.numbers.update(square_avg_prev=v_prev, square_avg=v)
        gw = grad_of(w)
        a, e = Math("<i>α</i>", "α"), Math("<i>ε</i>", "ε")
        return [
            Line(
                sym("v"),
                a + "·" + prev("v") + " + (1 − " + a + ")·(" + gw + ")²",
                fmt.n(alpha) + " × " + fmt.p(v_prev) + " + (1 − " + fmt.n(alpha) + ") × " + fmt.p(g) + "²",
                fmt.r(v),
            ),
            Line(
                w + "′",
                w + " − " + GAMMA + "·" + gw + " / (√" + sym("v") + " + " + e + ")",
                fmt.n(u.w_old) + " − " + fmt.n(u.lr) + " × " + fmt.p(g) + " / (√" + fmt.p(v) + " + " + fmt.n(eps) + ")",
                fmt.r(u.w_new),
            ),
        ]
