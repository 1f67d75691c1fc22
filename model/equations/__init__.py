"""Equations with the numbers in: what the inspector shows and the trace prints for a selection.

:func:`explain` writes the lecture's equations for one neuron, weight or layer, first in symbols
and then with the step's actual numbers substituted, as HTML rich text (``<sub>``/``<sup>``, for
the GUI) and as plain Unicode text (for the command line and the clipboard)::

    z₁⁽¹⁾ = Σᵢ xᵢ Wᵢ₁⁽¹⁾ + b₁⁽¹⁾
          = (0.05 × 0.15 + 0.10 × 0.20) + 0.35
          = 0.3775

Notation (the lecture's): layer numbers are superscripts in parentheses, layer 0 is the input
``x``, layers 1 … L compute ``z⁽ˡ⁾ = a⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾`` and ``a⁽ˡ⁾ = f(z⁽ˡ⁾)``; ``W_ij⁽ˡ⁾`` is the
weight from unit i of layer l−1 to unit j of layer l (row-major: row i, column j of ``W``).
Units are numbered from 1 on screen; selections use 0-based array indices.  Numbers are
printed as :func:`model.notation.format_number` describes.

This package lays out what the family members give it and never asks their names: each
activation writes ``a = f(z)`` and ``f′(z)`` (:meth:`Activation.value_lines`,
:meth:`Activation.derivative_lines`), each loss its value, per-sample gradient and closed-form δ
(:meth:`Loss.value_lines`, :meth:`Loss.sample_gradient_lines`, :meth:`Loss.fused_lines`), each
optimizer its update with its own state (:meth:`Optimizer.update_lines`).  What the step knows so
far comes from a :class:`model.stepview.StepView`.

* ``layout``: sections and their HTML and text renderings;
* ``base``: symbols, samples, pending phases, the loss and the update;
* ``neuron``, ``edge``, ``layer``: the builders per selection kind.

Selections
----------
* ``("neuron", l, j)``: unit j of layer l (l = 0 is the input layer);
* ``("edge", l, i, j)``: the weight ``W⁽ˡ⁾[i, j]``;
* ``("layer", l)``: the whole layer, in matrix form;
* ``None``: the general equation of the latest phase.

Sample or batch, and δ
----------------------
δ is the lecture's per-sample δᵢ = ∂ℓᵢ/∂zᵢ (m·∂L/∂zᵢ for a loss that is not a sum of per-sample
losses, like RMSE; see :mod:`model.stepview`), and the gradient is its mean over the batch:
∂L/∂W = (1/m) Σᵢ a_prev,ᵢ δᵢᵀ, with the 1/m written out.  With ``sample = r`` the per-sample
quantities (z, a, ∂ℓ/∂a, δ, the chain rule) are row r's, and a gradient is shown as this sample's
term together with the batch mean the update uses.  With ``sample = None`` the per-sample lines are
shown for every sample (up to 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..notation import (
    MAX_TERMS,
    NEGATIVE_COLOUR,
    POSITIVE_COLOUR,
    ZERO_COLOUR,
    Numbers,
    format_number,
)
from ..stepview import KINDS, StepView
from ..text import msg
from .base import MAX_SAMPLES, W_sym, a_sym, the, z_sym
from .edge import EdgeParts
from .layer import LayerParts
from .layout import render_html, render_lines
from .neuron import NeuronParts

__all__ = [
    "Explanation",
    "explain",
    "equation_lines",
    "format_number",
    "NEGATIVE_COLOUR",
    "POSITIVE_COLOUR",
    "ZERO_COLOUR",
    "MAX_TERMS",
    "MAX_SAMPLES",
    "KINDS",
]


@dataclass(frozen=True)
class Explanation:
    """The equations of one selection.

    ``numbers`` holds the raw values used (floats, or arrays over the samples in batch mode), so a
    test can compare them with the model; ``scope`` says whether the numbers are one sample's or
    the batch's; ``pending`` lists the titles of the phases this step has not computed yet;
    ``m`` is the number of samples in the batch and ``sample`` the row shown (``None``: the batch).
    """

    title: str
    html: str
    text: str
    numbers: dict = field(default_factory=dict)
    scope: str = ""
    pending: tuple = ()
    m: int = 0
    sample: int | None = None


class _Builder(NeuronParts, EdgeParts, LayerParts):
    """All the selection kinds on one builder."""


def _bad_selection(selection: Any) -> ValueError:
    return ValueError(
        msg("model.equations", "a selection is ('neuron', l, j), ('edge', l, i, j) or ('layer', l), got {s}").format(
            s=repr(selection)
        )
    )


def _check_selection(selection: Any, view: StepView) -> tuple | None:
    if selection is None:
        return None
    if not isinstance(selection, (tuple, list)) or not selection:
        raise _bad_selection(selection)
    kind, L, sizes = selection[0], view.L, view.sizes
    if kind not in ("neuron", "edge", "layer"):
        raise ValueError(
            msg("model.equations", "unknown selection kind {kind}; use 'neuron', 'edge' or 'layer'").format(
                kind=repr(kind)
            )
        )
    try:
        numbers = [int(x) for x in selection[1:]]
    except (TypeError, ValueError):
        raise _bad_selection(selection) from None
    if len(numbers) != {"neuron": 2, "edge": 3, "layer": 1}[kind]:
        raise _bad_selection(selection)
    no_layer = msg("model.equations", "there is no layer {l}; the network has layers 0 … {L}")
    if kind == "neuron":
        l, j = numbers
        if not 0 <= l <= L:
            raise ValueError(no_layer.format(l=l, L=L))
        if sizes[l] is not None and not 0 <= j < sizes[l]:
            raise ValueError(
                msg("model.equations", "layer {l} has {n} units, there is no unit {j}").format(l=l, n=sizes[l], j=j + 1)
            )
        return ("neuron", l, j)
    if kind == "edge":
        l, i, j = numbers
        if not 1 <= l <= L:
            raise ValueError(msg("model.equations", "weights belong to layers 1 … {L}, not {l}").format(L=L, l=l))
        if sizes[l] is not None and not (0 <= i < sizes[l - 1] and 0 <= j < sizes[l]):
            raise ValueError(
                msg("model.equations", "W({l}) is {n_in} × {n_out}; there is no weight [{i}, {j}]").format(
                    l=l, n_in=sizes[l - 1], n_out=sizes[l], i=i, j=j
                )
            )
        return ("edge", l, i, j)
    (l,) = numbers
    if not 0 <= l <= L:
        raise ValueError(no_layer.format(l=l, L=L))
    return ("layer", l)


def _how(view: StepView) -> str:
    """How the gradient is made of the samples' terms."""
    if view.scale == 1.0:
        return msg("model.equations", "their sum Σ")
    return msg("model.equations", "their mean (1/m) Σ")


def _scope_text(b: _Builder, view: StepView, batch_size: int | None) -> str:
    """What the numbers are: which samples, at which weights, and what the update uses."""
    m = b.m
    if m == 0:
        return ""
    if view.mode == "values":
        where = msg("model.equations", "the current weights")
        if batch_size is not None and 0 < batch_size < m:
            uses = msg("model.equations", "each update uses a mini-batch of {b}").format(b=batch_size)
        else:
            uses = msg("model.equations", "the batch each update uses")
        if m == 1:
            s = msg("model.equations", "One sample, {uses}").format(uses=uses)
        elif b.single:
            s = msg("model.equations", "Sample {n} of all {m} samples; {uses}").format(n=b.rows[0] + 1, m=m, uses=uses)
        else:
            s = msg("model.equations", "All {m} samples: z, a, δ per sample, ∂L/∂w {how}; {uses}").format(
                m=m, how=_how(view), uses=uses
            )
    else:
        where = msg("model.equations", "step {n}").format(n=view.step + 1) if view.mode == "step" else ""
        if m == 1:
            s = msg("model.equations", "One sample (the whole batch)")
        elif b.single:
            s = msg("model.equations", "Sample {n} of {m}; ∂L/∂w is {how}, as the update uses").format(
                n=b.rows[0] + 1, m=m, how=_how(view)
            )
        else:
            s = msg(
                "model.equations", "Batch of {m} samples: z, a, δ per sample; ∂L/∂w {how}, as the update uses"
            ).format(m=m, how=_how(view))
    if b.sample_ignored:
        s += msg("model.equations", " (the chosen sample is not in this batch)")
    return f"{s} · {where}" if where else s


def _build(selection, phases, values, loss, optimizer, sample, precision, sections, X, Y, activations, weight_names):
    view = StepView.build(phases, values, loss=loss, activations=activations, X=X, Y=Y)
    sel = _check_selection(selection, view)
    b = _Builder(view, Numbers(precision), loss, optimizer, sample, sections, weight_names)
    L = view.L
    if sel is None:
        title = b.general()
    elif sel[0] == "neuron":
        _, l, j = sel
        if l == 0:
            title = msg("model.equations", "Input {x} (unit {j} of the input layer)").format(
                x=a_sym(j, 0).text, j=j + 1
            )
        else:
            title = msg("model.equations", "Neuron {j} of {layer}: {z}, {a}").format(
                j=j + 1, layer=the(l, L), z=z_sym(j, l).text, a=a_sym(j, l).text
            )
        b.neuron(l, j)
    elif sel[0] == "edge":
        _, l, i, j = sel
        w = b.w(i, j, l)
        position = W_sym(i, j, l).text
        name = position if w.text == position else f"{w.text} = {position}"
        title = msg("model.equations", "Weight {w} (unit {i} of layer {src} → unit {j} of layer {l})").format(
            w=name, i=i + 1, src=l - 1, j=j + 1, l=l
        )
        b.edge(l, i, j)
    else:
        _, l = sel
        title = msg("model.equations", "Layer {l}: {layer}").format(l=l, layer=the(l, L))
        b.layer(l)
    return view, b, title


def explain(
    selection: Any,
    phases: Any,
    *,
    values: Any = None,
    loss: Any = None,
    optimizer: Any = None,
    sample: int | None = None,
    precision: int = 9,
    sections: Any = None,
    X: Any = None,
    Y: Any = None,
    activations: Any = None,
    batch_size: int | None = None,
    weight_names: dict | None = None,
) -> Explanation:
    """The equations of ``selection`` with the numbers of a step (or of the current weights).

    Parameters
    ----------
    selection : tuple or None
        ``("neuron", l, j)``, ``("edge", l, i, j)``, ``("layer", l)`` (0-based units, layers 0 … L),
        or ``None`` for the general equation of the latest phase.
    phases : list of model.trainer.Phase
        The phases of the current step so far (``Trainer.current_phases``); a quantity whose phase is
        not among them is shown as "not computed yet in this step (pending: …)".  Empty: use ``values``.
    values : tuple of LayerValues, or a Snapshot
        Values at the current weights, used when ``phases`` is empty; the activation names are read
        from them in any case.  A Snapshot also supplies the inputs ``X`` and targets ``Y``.
    loss, optimizer
        The loss object (its formulas, per-sample gradient and reduction) and the optimizer (an
        Optimizer, its ``to_dict``, or a name; the update phase's learning rate wins).
    sample : int or None
        A row of the batch, or ``None`` for the batch (per-sample lines; gradients as the mean).
    precision : int
        Digits after the decimal point (see :func:`model.notation.format_number`).
    sections : iterable of str, optional
        Only these parts: ``forward``, ``loss``, ``delta``, ``gradient``, ``update``.
    X, Y, activations
        Inputs, targets and activation names when neither the phases nor ``values`` carry them.
    batch_size : int or None
        The samples each update uses (``None``: all); the scope line says so when the values are
        over more samples than an update uses.
    weight_names : dict or None
        Published names, ``{"W": [per layer, fan_in × fan_out nested lists of str], "b": [per layer,
        lists of str]}`` (``Session.weight_names``): a weight is then written by its name (w₅).

    Raises ``ValueError`` for a malformed or out-of-range selection.
    """
    view, b, title = _build(
        selection, phases, values, loss, optimizer, sample, precision, sections, X, Y, activations, weight_names
    )
    scope = _scope_text(b, view, batch_size)
    html = render_html(title, scope, b.sections)
    lines = [title]
    if scope:
        lines.append(scope)
    lines.append("")
    lines += render_lines(b.sections)
    shown = b.rows[0] if b.single and b.m > 1 else None
    return Explanation(title, html, "\n".join(lines), b.numbers, scope, tuple(b.pending), b.m, shown)


def equation_lines(
    selection: Any,
    phases: Any,
    kind: str,
    *,
    values: Any = None,
    loss: Any = None,
    optimizer: Any = None,
    sample: int | None = None,
    precision: int = 9,
    X: Any = None,
    Y: Any = None,
    activations: Any = None,
    weight_names: dict | None = None,
    indent: str = "",
    notes: bool = True,
) -> list[str]:
    """The plain-text equations of one part (``kind``) of ``selection``, without headings (for the trace).

    ``notes=False`` leaves out the explanatory sentences and keeps the equations (and sample labels).
    """
    _, b, _ = _build(
        selection, phases, values, loss, optimizer, sample, precision, (kind,), X, Y, activations, weight_names
    )
    return render_lines(b.sections, headings=False, indent=indent, notes=notes)
