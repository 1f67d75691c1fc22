"""Adam, as ``torch.optim.Adam``: bias-corrected first and second moments, ε outside the square root."""

from __future__ import annotations

import numpy as np

from ..notation import GAMMA, Line, Math, Numbers, sym
from ..paramspec import ParamSpec
from ..scripts import OptimizerSnippet
from ..text import msg
from .base import Optimizer, WeightUpdate, grad_of, prev

_M_HAT = Math("<i>m̂</i>", "m̂")
_V_HAT = Math("<i>v̂</i>", "v̂")


def _power(fmt: Numbers, base: float, t: int) -> Math:
    """base^t with t as a superscript."""
    return fmt.n(base) + Math(f"<sup>{t}</sup>", str(t).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")))


class Adam(Optimizer):
    """``m ← β₁m + (1−β₁)g``, ``v ← β₂v + (1−β₂)g²``, ``w ← w − γ·m̂/(√v̂ + ε)`` with
    ``m̂ = m/(1−β₁ᵗ)`` and ``v̂ = v/(1−β₂ᵗ)``: each weight gets its own step size, about γ."""

    name = "adam"
    label = msg("model.optimizers", "Adam")
    formula = "m ← β₁m + (1−β₁)g ;  v ← β₂v + (1−β₂)g² ;  w ← w − γ·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)"
    PARAMS = (
        ParamSpec("beta1", 0.9, 0.0, 0.999999, "β₁"),
        ParamSpec("beta2", 0.999, 0.0, 0.99999999, "β₂"),
        ParamSpec("eps", 1e-8, 1e-16, 1.0, "ε"),
    )
    STATE = ("m", "v")
    script = OptimizerSnippet(
        '''
beta1, beta2, eps = $beta1, $beta2, $eps
m = $m  # first moments, one per parameter array
v = $v  # second moments
t = $t  # steps taken


def update(params, grads, lr):
    """$formula"""
    global t
    t += 1
    c1 = 1.0 - beta1**t  # bias corrections
    c2 = 1.0 - beta2**t
    for p, g, m_p, v_p in zip(params, grads, m, v):
        m_p *= beta1
        m_p += (1.0 - beta1) * g
        v_p *= beta2
        v_p += (1.0 - beta2) * (g * g)
        p -= lr * (m_p / c1) / (np.sqrt(v_p / c2) + eps)
''',
        "optimizer = torch.optim.Adam($params, lr=$lr, betas=($beta1, $beta2), eps=$eps)",
        state={"m": "exp_avg", "v": "exp_avg_sq"},
        counts_steps=True,
    )

    def step(self, params: list[np.ndarray], grads: list[np.ndarray], flat: tuple | None = None) -> None:
        lr = self.learning_rate
        b1, b2, eps = self.params["beta1"], self.params["beta2"], self.params["eps"]
        triples = self.groups(params, grads, flat)  # (p, g, m, v)
        self.t += 1
        c1 = 1.0 - b1**self.t
        c2 = 1.0 - b2**self.t
        for p, g, m, v in triples:
            m *= b1
            m += (1.0 - b1) * g
            v *= b2
            v += (1.0 - b2) * (g * g)
            p -= lr * (m / c1) / (np.sqrt(v / c2) + eps)

    def update_lines(self, u: WeightUpdate) -> list:
        w, g, w_old, w_new, before, after, lr, fmt, numbers = u
        b1, b2, eps = self.params["beta1"], self.params["beta2"], self.params["eps"]
        t = int(after["t"])
        m, v = after["m"], after["v"]
        m_hat, v_hat = m / (1.0 - b1**t), v / (1.0 - b2**t)
        numbers.update(t=t, m=m, v=v, m_hat=m_hat, v_hat=v_hat, m_prev=before["m"], v_prev=before["v"])
        gw = grad_of(w)
        beta1, beta2, epsilon = (
            Math("<i>β</i><sub>1</sub>", "β₁"),
            Math("<i>β</i><sub>2</sub>", "β₂"),
            Math("<i>ε</i>", "ε"),
        )
        tsup = Math("<sup><i>t</i></sup>", "ᵗ")
        return [
            Line(sym("t"), fmt.r(t)),
            Line(
                sym("m"),
                beta1 + "·" + prev("m") + " + (1 − " + beta1 + ")·" + gw,
                fmt.n(b1) + " × " + fmt.p(before["m"]) + " + (1 − " + fmt.n(b1) + ") × " + fmt.p(g),
                fmt.r(m),
            ),
            Line(
                sym("v"),
                beta2 + "·" + prev("v") + " + (1 − " + beta2 + ")·(" + gw + ")²",
                fmt.n(b2) + " × " + fmt.p(before["v"]) + " + (1 − " + fmt.n(b2) + ") × " + fmt.p(g) + "²",
                fmt.r(v),
            ),
            Line(
                _M_HAT,
                sym("m") + " / (1 − " + beta1 + tsup + ")",
                fmt.n(m) + " / (1 − " + _power(fmt, b1, t) + ")",
                fmt.r(m_hat),
            ),
            Line(
                _V_HAT,
                sym("v") + " / (1 − " + beta2 + tsup + ")",
                fmt.n(v) + " / (1 − " + _power(fmt, b2, t) + ")",
                fmt.r(v_hat),
            ),
            Line(
                w + "′",
                w + " − " + GAMMA + "·" + _M_HAT + " / (√" + _V_HAT + " + " + epsilon + ")",
                fmt.n(w_old)
                + " − "
                + fmt.n(lr)
                + " × "
                + fmt.p(m_hat)
                + " / (√"
                + fmt.p(v_hat)
                + " + "
                + fmt.n(eps)
                + ")",
                fmt.r(w_new),
            ),
        ]
