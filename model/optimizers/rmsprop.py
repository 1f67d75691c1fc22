"""RMSprop, as ``torch.optim.RMSprop`` (centered=False, momentum=0): v ← αv + (1−α)g² ; w ← w − γ·g/(√v + ε)."""

from __future__ import annotations

import numpy as np

from ..notation import GAMMA, Line, Math, Numbers, sym
from ..paramspec import ParamSpec
from ..scripts import OptimizerSnippet
from ..text import msg
from .base import Optimizer, as_0d, grad_of, prev


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
        if flat is not None:
            triples = ((flat[0], flat[1], self._flat_buffer("square_avg", params, flat[0].size)),)
        else:
            triples = zip(params, grads, self._buffers("square_avg", params))
        one_minus = as_0d(self, 1.0 - alpha)
        for p, g, v in triples:
            v *= alpha
            v += one_minus * (g * g)
            p -= lr * g / (np.sqrt(v) + eps)
        self.t += 1

    def update_lines(
        self,
        w: Math,
        g: float,
        w_old: float,
        w_new: float,
        before: dict,
        after: dict,
        lr: float,
        fmt: Numbers,
        numbers: dict,
    ) -> list:
        if "square_avg" not in before or "square_avg" not in after:
            return self._unrecorded(w, w_old, w_new, fmt)
        alpha, eps = self.params["alpha"], self.params["eps"]
        v_prev, v = before["square_avg"], after["square_avg"]
        numbers.update(square_avg_prev=v_prev, square_avg=v)
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
                fmt.n(w_old) + " − " + fmt.n(lr) + " × " + fmt.p(g) + " / (√" + fmt.p(v) + " + " + fmt.n(eps) + ")",
                fmt.r(w_new),
            ),
        ]
