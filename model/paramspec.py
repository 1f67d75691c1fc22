"""The tunable parameters of a family member (a loss, an optimizer): declared once, checked once.

A member lists its parameters as :class:`ParamSpec` values; the GUI builds its fields from them
(a check box for a bool, a combo box for choices, a spin box for a number), the command line and
the session file pass them by name, and :func:`check_param` is the one validator.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any, NamedTuple

import numpy as np

from .text import msg

__all__ = ["ParamSpec", "check_param", "check_params"]


class ParamSpec(NamedTuple):
    """One tunable parameter, for the GUI's fields and the command line.

    ``minimum`` and ``maximum`` are inclusive; ``None`` means unbounded.  ``choices``
    lists the allowed values of a str or bool parameter.
    """

    name: str
    default: object
    minimum: float | None
    maximum: float | None
    label: str
    choices: tuple = ()

    @property
    def is_bool(self) -> bool:
        """True for an on/off parameter (shown as a check box)."""
        return bool(self.choices) and isinstance(self.default, bool)


def check_param(spec: ParamSpec, value: Any) -> Any:
    """Return ``value`` normalised (numbers as float, numpy bools as bool), or raise ``ValueError``."""
    name = spec.name
    if spec.choices:
        if isinstance(spec.default, bool):
            ok = isinstance(value, (bool, np.bool_))
        else:
            ok = isinstance(value, str) and value in spec.choices
        if not ok:
            options = " or ".join(repr(c) for c in spec.choices)
            raise ValueError(
                msg("model.params", "{name} must be {options}, got {value}").format(
                    name=name, options=options, value=repr(value)
                )
            )
        return bool(value) if isinstance(value, np.bool_) else value
    if value is None:
        if spec.default is None:
            return None
        raise ValueError(msg("model.params", "{name} must be a number, got None").format(name=name))
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise ValueError(
            msg("model.params", "{name} must be a number, got {value}").format(name=name, value=repr(value))
        )
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(
            msg("model.params", "{name} must be a finite number, got {value}").format(name=name, value=value)
        )
    lo, hi = spec.minimum, spec.maximum
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        if lo is not None and hi is not None:
            rule = msg("model.params", "between {lo:g} and {hi:g}").format(lo=lo, hi=hi)
        elif lo is not None:
            rule = msg("model.params", "at least {lo:g}").format(lo=lo)
        else:
            rule = msg("model.params", "at most {hi:g}").format(hi=hi)
        raise ValueError(
            msg("model.params", "{name} must be {rule}, got {value:g}").format(name=name, rule=rule, value=value)
        )
    return value


def check_params(specs: tuple[ParamSpec, ...], params: dict, owner: str) -> dict:
    """Every spec's value from ``params`` (its default when missing), checked; unknown names raise.

    ``owner`` names the member in the message, e.g. ``"the huber loss"``.
    """
    by_name = {p.name: p for p in specs}
    for key in params:
        if key not in by_name:
            known = ", ".join(by_name) if by_name else msg("model.params", "none")
            raise ValueError(
                msg("model.params", "{owner} has no parameter {key}; its parameters are: {known}").format(
                    owner=owner, key=repr(key), known=known
                )
            )
    return {spec.name: check_param(spec, params.get(spec.name, spec.default)) for spec in specs}
