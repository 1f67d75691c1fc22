"""Gradient descent on a curve: the lecture's ``x(n+1) = x(n) − γ ∇F(x(n))`` on one variable.

Two curves from the learning-rate slides: a quadratic ``F(x) = a x²`` (one minimum; the iterates
have the closed form ``x(n) = x(0) (1 − 2aγ)ⁿ``) and a tilted double well
``F(x) = (x² − 1)² + c x`` (two minima, the left one lower).  :func:`descend` computes the
iterates with their ``F`` and ``∇F``; it stops at the first iterate that is not finite or beyond
``limit`` and says where (``diverged_at``), so nothing infinite reaches a plot.  Each curve names
four learning rates that show the lecture's four behaviours (:data:`BEHAVIOURS`): too small
(crawls), good, too large (oscillates) and divergent; :func:`behaviour` tells them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .text import msg

__all__ = ["Curve", "CURVES", "BEHAVIOURS", "Descent", "descend", "behaviour", "get_curve"]


#: The lecture's four learning-rate behaviours, in the order the buttons show them.
BEHAVIOURS = ("crawls", "good", "oscillates", "diverges")


@dataclass(frozen=True)
class Curve:
    """A function of one variable with its derivative, the range to draw and four telling γ.

    ``F`` and ``dF`` take and return float64 arrays (or floats); ``minima`` are the x where
    ``dF`` is 0 and ``F`` is lowest locally; ``rates`` maps each of :data:`BEHAVIOURS` to a γ
    that shows it from ``start``.
    """

    name: str
    title: str
    formula: str
    gradient_formula: str
    F: Callable
    dF: Callable
    x_range: tuple[float, float]
    start: float
    minima: tuple[float, ...]
    rates: dict = field(default_factory=dict)


_A = 1.0  # the quadratic's curvature: F = a x², ∇F = 2a x, stable for γ < 1/a
_C = 0.25  # the double well's tilt


def _double_well_minima() -> tuple[float, ...]:
    """The roots of ∇F = 4x³ − 4x + c where F″ = 12x² − 4 > 0."""
    roots = np.roots([4.0, 0.0, -4.0, _C])
    real = sorted(float(r.real) for r in roots if abs(r.imag) < 1e-12)
    return tuple(r for r in real if 12 * r * r - 4 > 0)


CURVES: dict[str, Curve] = {
    "quadratic": Curve(
        name="quadratic",
        title=msg("model.descent", "Quadratic"),
        formula="F(x) = x²",
        gradient_formula="∇F(x) = 2x",
        F=lambda x: _A * np.square(x),
        dF=lambda x: 2.0 * _A * np.asarray(x, dtype=float),
        x_range=(-3.0, 3.0),
        start=2.5,
        minima=(0.0,),
        # 1 − 2aγ: 0.96 (crawls), 0.4 (good), −0.8 (oscillates), −2 (diverges)
        rates={"crawls": 0.02, "good": 0.3, "oscillates": 0.9, "diverges": 1.5},
    ),
    "double_well": Curve(
        name="double_well",
        title=msg("model.descent", "Double well"),
        formula=f"F(x) = (x² − 1)² + {_C:g}x",
        gradient_formula=f"∇F(x) = 4x(x² − 1) + {_C:g}",
        F=lambda x: np.square(np.square(x) - 1.0) + _C * np.asarray(x, dtype=float),
        dF=lambda x: 4.0 * np.asarray(x, dtype=float) * (np.square(x) - 1.0) + _C,
        x_range=(-2.0, 2.0),
        start=1.2,
        minima=_double_well_minima(),
        # F″ ≈ 7.3 at the right minimum: 1 − γF″ is 0.99, 0.64, −0.75; γ = 0.6 throws x into the far walls
        rates={"crawls": 0.002, "good": 0.05, "oscillates": 0.24, "diverges": 0.6},
    ),
}


def get_curve(name: str) -> Curve:
    try:
        return CURVES[name]
    except KeyError:
        raise ValueError(
            msg("model.descent", "unknown curve {name!r}; the curves are: {names}").format(
                name=name, names=", ".join(CURVES)
            )
        ) from None


@dataclass(frozen=True)
class Descent:
    """The iterates of one run: ``x[n]``, ``F[n] = F(x[n])``, ``grad[n] = ∇F(x[n])`` for n = 0 … N.

    All finite.  ``diverged_at`` is the first n whose iterate was not finite or beyond the limit
    (that iterate is not in ``x``); None if all ``steps`` were taken.
    """

    curve: str
    lr: float
    x: np.ndarray
    F: np.ndarray
    grad: np.ndarray
    diverged_at: int | None

    @property
    def steps(self) -> np.ndarray:
        """``x[n+1] − x[n]`` = ``−γ ∇F(x[n])``: negative where the gradient is positive (a step left)."""
        return np.diff(self.x)


def descend(curve: Curve | str, x0: float, lr: float, steps: int = 30, limit: float = 1e6) -> Descent:
    """Gradient descent ``x(n+1) = x(n) − γ ∇F(x(n))`` from ``x0`` with ``γ = lr`` for ``steps`` steps.

    Stops early at the first iterate that is not finite or has ``|x| > limit`` (``diverged_at``).
    """
    curve = get_curve(curve) if isinstance(curve, str) else curve
    bad = {
        "x0": msg("model.descent", "the start point must be a finite number, got {value!r}"),
        "lr": msg("model.descent", "the learning rate must be a finite number, got {value!r}"),
    }
    for what, v in (("x0", x0), ("lr", lr)):
        if not (isinstance(v, (int, float, np.floating)) and not isinstance(v, bool) and np.isfinite(v)):
            raise ValueError(bad[what].format(value=v))
    if lr < 0:
        raise ValueError(msg("model.descent", "the learning rate must be ≥ 0, got {value}").format(value=lr))
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        text = msg("model.descent", "the number of steps must be a whole number ≥ 0, got {value!r}")
        raise ValueError(text.format(value=steps))
    xs = [float(x0)]
    diverged = None
    with np.errstate(all="ignore"):
        for n in range(1, steps + 1):
            x = xs[-1] - lr * float(curve.dF(xs[-1]))
            if not np.isfinite(x) or abs(x) > limit:
                diverged = n
                break
            xs.append(x)
        x = np.array(xs)
        F = np.asarray(curve.F(x), dtype=float)
        grad = np.asarray(curve.dF(x), dtype=float)
    if not (np.all(np.isfinite(F)) and np.all(np.isfinite(grad))):  # (a huge x whose F overflows)
        keep = int(np.argmin(np.isfinite(F) & np.isfinite(grad)))
        x, F, grad, diverged = x[:keep], F[:keep], grad[:keep], keep
    return Descent(curve.name, float(lr), x, F, grad, diverged)


def behaviour(d: Descent, tol: float = 1e-3) -> str:
    """Which of :data:`BEHAVIOURS` a run shows.

    ``diverges``: it stopped early.  ``oscillates``: most steps change direction (the iterates
    jump across the minimum).  ``good``: it ends within ``tol`` of a minimum.  ``crawls``: it is
    still on its way after every step.
    """
    if d.diverged_at is not None:
        return "diverges"
    s = d.steps
    s = s[s != 0]
    if len(s) >= 2 and np.mean(np.sign(s[1:]) != np.sign(s[:-1])) > 0.5:
        return "oscillates"
    minima = np.asarray(get_curve(d.curve).minima)
    if len(d.x) and np.min(np.abs(minima - d.x[-1])) < tol:
        return "good"
    return "crawls"
