"""A training step, phase by phase, as records or as a readable handout (``main.py trace``).

Both functions drive the session's trainer with :meth:`Trainer.step_phase`, so what they print is
what the trainer computed, in the lecture's order: forward 1 … L, loss, δ⁽ᴸ⁾ … δ⁽¹⁾, gradients,
update.  A step already in progress is finished first (unrecorded), so every trace starts at the
beginning of a step.

Published names
---------------
For a network of exactly two layers with at most 4 units in every layer, the handout also names
things the way the classic worked example does: inputs i1, i2 …, hidden units h1 …, outputs o1 …;
``net_h1`` (= z), ``out_h1`` (= a), ``δ_o1``, ``E_total`` (the loss), and weights w1, w2, … in the
published order: for each unit of the next layer in turn, the weights coming into it from each unit
of the previous layer (w1 = i1→h1 = W⁽¹⁾[0,0], w2 = i2→h1 = W⁽¹⁾[1,0], w3 = i1→h2 = W⁽¹⁾[0,1], …,
then w5 = h1→o1 = W⁽²⁾[0,0] …).  These names appear only when the batch is a single sample, as in
the worked example.  A session that publishes its own names (``Session.weight_names``, e.g. the
``worked-example`` preset) is written with those: one source for the weights' names.

δ, per sample
-------------
δ is the lecture's per-sample δᵢ = ∂ℓᵢ/∂zᵢ (m·∂L/∂zᵢ for RMSE), as :mod:`model.stepview` defines
it: the trainer's ∂L/∂Z times ``c`` (m for a loss that averages over the m samples, else 1).  The
gradients are the batch loss's, ∂L/∂W = (1/c) Σᵢ a_prev,ᵢ δᵢᵀ.  Each δ record says so
(``delta_is``, ``delta_scale``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from .equations import equation_lines, format_number
from .text import msg, param_text

__all__ = ["trace_records", "trace_text", "published_names"]

#: A layer with at most this many units, inputs and samples is spelled out neuron by neuron.
SPELL_UNITS = 8
SPELL_SAMPLES = 4


def _finish_pending(trainer):
    if trainer.in_step:
        trainer.finish_step()


def _steps(session, steps):
    """Yield ``(phase, phases so far in its step)`` for ``steps`` whole steps (fewer if training diverges)."""
    steps = int(steps)
    if steps < 1:
        raise ValueError(f"the number of steps must be at least 1, got {steps}")
    t = session.trainer
    _finish_pending(t)
    t.diverged = None
    for _ in range(steps):
        so_far = []
        while True:
            p = t.step_phase()
            so_far.append(p)
            yield p, list(so_far)
            if p.kind == "update" or p.values.get("diverged"):
                break
        if t.diverged is not None:
            return


def _list(a):
    """Nested lists with non-finite numbers as None, so every record is valid JSON."""
    arr = np.asarray(a, dtype=float)
    if np.all(np.isfinite(arr)):
        return arr.tolist()
    obj = arr.astype(object)
    obj[~np.isfinite(arr)] = None
    return obj.tolist()


def _scalar(x):
    x = float(x)
    return x if math.isfinite(x) else None


def _delta_scale(trainer, m: int) -> float:
    """c of the per-sample δᵢ = c·∂L/∂zᵢ for a batch of m (see the module docstring)."""
    return float(trainer.loss.sample_scale(m))


def _record(p, scale: float = 1.0) -> dict:
    v = p.values
    rec = {"step": p.step, "index": p.index, "phase": p.kind, "layer": p.layer, "title": p.title}
    if p.kind == "forward":
        rec["z"] = _list(v["z"])
        rec["a"] = _list(v["a"])
    elif p.kind == "loss":
        rec["loss"] = _scalar(v["loss"])
        rec["report"] = _scalar(v["report"])
        rec["y_pred"] = _list(v["y_pred"])
        rec["y_true"] = _list(v["y_true"])
        if v.get("diverged"):
            rec["diverged"] = True
    elif p.kind == "delta":
        with np.errstate(all="ignore"):
            rec["delta"] = _list(np.asarray(v["delta"]) * scale)
        rec["delta_is"] = "per_sample"  # δᵢ = ∂ℓᵢ/∂zᵢ = delta_scale · ∂L/∂zᵢ
        rec["delta_scale"] = scale
    elif p.kind == "gradient":
        rec["dW"] = _list(v["dW"])
        rec["db"] = _list(v["db"])
    elif p.kind == "update":
        rec["W"] = [_list(W) for W in v["W"]]
        rec["b"] = [_list(b) for b in v["b"]]
        rec["learning_rate"] = _scalar(v["lr"])
    return rec


def trace_records(session: Any, steps: int) -> Iterator[dict]:
    """One JSON-ready dict per phase of ``steps`` training steps.

    Every record has ``step`` (the trainer's 0-based step number), ``index`` (the phase's position
    in the step), ``phase`` (``forward``, ``loss``, ``delta``, ``gradient``, ``update``), ``layer``
    (1 … L, or ``None``) and ``title``; then that phase's arrays as nested lists (m rows per batch):
    forward ``z``, ``a``; loss ``loss``, ``report``, ``y_pred``, ``y_true``; delta ``delta``, the
    per-sample δᵢ = ∂ℓᵢ/∂zᵢ, with ``delta_is`` = ``"per_sample"`` and ``delta_scale`` = c, so that
    ∂L/∂Z = delta / delta_scale (see the module docstring); gradient ``dW``, ``db``; update ``W``,
    ``b`` (one list per layer, after the update) and ``learning_rate``.  Non-finite numbers are
    written as ``None``.
    """
    t = session.trainer
    for p, so_far in _steps(session, steps):
        m = int(np.shape(so_far[0].values["z"])[0])
        yield _record(p, _delta_scale(t, m))


# --------------------------------------------------------------------------------------------
# The handout
# --------------------------------------------------------------------------------------------
def published_names(sizes: Sequence[int]) -> dict | None:
    """The worked example's names for a 2-layer net with ≤ 4 units per layer, else ``None``.

    Returns ``{"units": {(l, j): "h1", …}, "weights": {(l, i, j): "w1", …}}``.
    """
    sizes = list(sizes)
    if len(sizes) != 3 or max(sizes) > 4:
        return None
    letters = {0: "i", 1: "h", 2: "o"}
    units = {(l, j): f"{letters[l]}{j + 1}" for l in range(3) for j in range(sizes[l])}
    weights = {}
    k = 1
    for l in (1, 2):
        for j in range(sizes[l]):
            for i in range(sizes[l - 1]):
                weights[(l, i, j)] = f"w{k}"
                k += 1
    return {"units": units, "weights": weights}


def _array_lines(name, arr, precision, indent="  "):
    """An array spelled out row by row if small, summarised otherwise."""
    arr = np.atleast_2d(np.asarray(arr, dtype=float))
    fmt = lambda x: format_number(x, precision)  # noqa: E731
    shape = " × ".join(str(s) for s in arr.shape)
    if arr.size <= 64:
        out = [f"{indent}{name} ({shape}) ="]
        cells = [[fmt(x) for x in row] for row in arr]
        width = max(len(c) for row in cells for c in row)
        for row in cells:
            out.append(f"{indent}    [ " + "  ".join(c.rjust(width) for c in row) + " ]")
        return out
    finite = arr[np.isfinite(arr)]
    if finite.size:
        stats = (
            f"min {fmt(finite.min())}, max {fmt(finite.max())}, mean {fmt(finite.mean())}, "
            f"‖·‖ {fmt(float(np.sqrt(np.sum(finite * finite))))}"
        )
    else:
        stats = "no finite values"
    first = ", ".join(fmt(x) for x in arr[0, :6]) + (", …" if arr.shape[1] > 6 else "")
    return [f"{indent}{name} ({shape}): {stats}", f"{indent}    first row: [{first}]"]


def _sup(l):
    return "⁽" + str(l).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")) + "⁾"


def _header(session, precision, names, weight_names):
    t = session.trainer
    net = t.network
    sizes = net.sizes
    title = session.name
    try:
        from .presets import PRESETS

        if session.name in PRESETS:
            title = f"{session.name}: {PRESETS[session.name].title}"
    except ImportError:  # pragma: no cover
        pass
    opt = t.optimizer
    extra = "".join(f", {k} = {param_text(v)}" for k, v in opt.params.items())
    m = t.X.shape[0]
    batch = (
        msg("model.trace", "full batch")
        if t.full_batch
        else msg("model.trace", "mini-batches of {b}").format(b=t.batch_size)
    )
    samples = msg("model.trace", "1 sample") if m == 1 else msg("model.trace", "{m} samples").format(m=m)
    loss_line = msg("model.trace", "Loss: {label}, {formula}").format(label=t.loss.label, formula=t.loss.formula)
    if t.report is not None:
        loss_line += msg("model.trace", "   (reported as {label})").format(label=t.report.label)
    lines = [
        msg("model.trace", "Backprop Studio trace — {title}").format(title=title),
        msg("model.trace", "Network {sizes} ({activations}); {samples}, {batch}").format(
            sizes="-".join(str(s) for s in sizes), activations=", ".join(net.activations), samples=samples, batch=batch
        ),
        loss_line,
        msg("model.trace", "Optimizer: {label}, γ = {lr:g}{extra}:  {formula}").format(
            label=opt.label, lr=opt.learning_rate, extra=extra, formula=opt.formula
        ),
        msg(
            "model.trace", "Numbers rounded to {d} digits after the point; the arithmetic is in full double precision."
        ).format(d=precision),
        msg(
            "model.trace",
            "Units are numbered from 1; Wᵢⱼ⁽ˡ⁾ is the weight from unit i of layer l−1 to unit j of layer l "
            "(row i, column j of W⁽ˡ⁾).",
        ),
        _delta_line(t.loss),
    ]
    if weight_names:
        legend = []
        for l, W in enumerate(weight_names.get("W") or (), start=1):
            for i, row in enumerate(W):
                for j, n in enumerate(row):
                    where = f"W{_sup(l)}[{i + 1},{j + 1}]"
                    if names:
                        where += f" ({names['units'][(l - 1, i)]}→{names['units'][(l, j)]})"
                    legend.append(f"{n} = {where}")
        legend.sort(key=lambda x: (len(x.split(" ")[0]), x))
        lines.append(msg("model.trace", "Published names: {legend}").format(legend=", ".join(legend)))
    return lines


def _delta_line(loss) -> str:
    """Which δ the handout shows, for this loss (see the module docstring)."""
    if not loss.averages_samples:
        return msg(
            "model.trace",
            "δ is per sample: the loss sums the samples' losses, so δᵢ = ∂L/∂zᵢ and ∂L/∂W = Σᵢ a_prev,ᵢ δᵢ.",
        )
    if not loss.per_sample_terms:
        return msg(
            "model.trace",
            "δ is per sample: δᵢ = m·∂L/∂zᵢ ({label} is not a sum of per-sample losses); ∂L/∂W = (1/m) Σᵢ a_prev,ᵢ δᵢ.",
        ).format(label=loss.label)
    return msg(
        "model.trace",
        "δ is per sample, as in the lecture: δᵢ = ∂ℓᵢ/∂zᵢ (ℓᵢ the loss of sample i); "
        "∂L/∂W = (1/m) Σᵢ a_prev,ᵢ δᵢ carries the batch's 1/m.",
    )


def _spell(p, sizes):
    """Spell this layer out neuron by neuron?"""
    m = (
        np.asarray(next(v for k, v in p.values.items() if k in ("z", "delta", "dW", "y_pred"))).shape[0]
        if p.kind != "update"
        else 0
    )
    l = p.layer
    small = lambda k: sizes[k] <= SPELL_UNITS  # noqa: E731
    if p.kind == "update":
        return all(s <= SPELL_UNITS for s in sizes)
    if p.kind == "gradient":
        return small(l) and small(l - 1)
    if p.kind == "loss":
        return m <= SPELL_SAMPLES and sizes[-1] <= SPELL_UNITS
    return m <= SPELL_SAMPLES and small(l) and small(l - 1)


def _weight_names(session, names) -> dict | None:
    """The session's published names (``Session.weight_names``), else the worked example's order, else None."""
    own = getattr(session, "weight_names", None)
    if own:
        return own
    if not names:
        return None
    sizes = session.trainer.network.sizes
    W = [
        [[names["weights"][(l, i, j)] for j in range(sizes[l])] for i in range(sizes[l - 1])]
        for l in range(1, len(sizes))
    ]
    return {"W": W}


def _wname(weight_names, l, i, j) -> str | None:
    try:
        return str(weight_names["W"][l - 1][i][j])
    except (TypeError, KeyError, IndexError):
        return None


def trace_text(session: Any, steps: int, precision: int = 9) -> Iterator[str]:
    """The lines of a readable handout of ``steps`` training steps, phase by phase.

    Small layers (≤ 8 units, ≤ 8 inputs, ≤ 4 samples) are written neuron by neuron with the
    equation and its numbers (from :mod:`model.equations`); larger ones as arrays or summaries.
    """
    precision = int(precision)
    if not 0 <= precision <= 17:
        raise ValueError(
            msg("model.trace", "the precision must be between 0 and 17 digits, got {d}").format(d=precision)
        )
    t = session.trainer
    net = t.network
    sizes = net.sizes
    acts = net.activations
    L = len(acts)
    fmt = lambda x: format_number(x, precision)  # noqa: E731
    names = published_names(sizes)
    m_batch = t.X.shape[0] if t.full_batch else min(t.batch_size, t.X.shape[0])
    if m_batch != 1:
        names = None
    weight_names = _weight_names(session, names)
    yield from _header(session, precision, names, weight_names)
    kw = dict(
        loss=t.loss,
        optimizer=t.optimizer,
        precision=precision,
        activations=acts,
        notes=False,
        weight_names=weight_names,
    )
    unit = (lambda l, j: names["units"][(l, j)]) if names else None

    for p, so_far in _steps(session, steps):
        v = p.values
        m = int(np.shape(so_far[0].values["z"])[0])
        scale = _delta_scale(t, m)
        if p.index == 0:
            yield ""
            yield msg("model.trace", "══ Step {n} ").format(n=p.step + 1) + "═" * 60
        yield ""
        yield f"▸ {p.title}"
        l = p.layer
        spell = _spell(p, sizes)

        if p.kind == "forward":
            yield f"  a = {acts[l - 1]}(z):  " + _act_formula(acts[l - 1])
            if spell:
                for j in range(sizes[l]):
                    yield "  " + _unit(j, unit and unit(l, j))
                    yield from equation_lines(("neuron", l, j), so_far, "forward", indent="    ", **kw)
                    if unit:
                        yield (f"    ⇒ net_{unit(l, j)} = {fmt(v['z'][0, j])},  out_{unit(l, j)} = {fmt(v['a'][0, j])}")
            else:
                yield from _array_lines(f"z{_sup(l)}", v["z"], precision)
                yield from _array_lines(f"a{_sup(l)}", v["a"], precision)

        elif p.kind == "loss":
            if v.get("diverged"):
                yield "  " + msg(
                    "model.trace", "L = {L}: the loss is not finite; training diverged and the step stops here."
                ).format(L=fmt(v["loss"]))
                continue
            if spell:
                yield from equation_lines(("layer", L), so_far, "loss", indent="  ", **kw)
            else:
                yield f"  L = {t.loss.formula.split('=', 1)[1].strip()} = {fmt(v['loss'])}"
            if names:
                yield f"  ⇒ E_total = {fmt(v['loss'])}"
            if t.report is not None:
                yield "  " + msg("model.trace", "Reported as {label}: {value}").format(
                    label=t.report.label, value=fmt(v["report"])
                )

        elif p.kind == "delta":
            with np.errstate(all="ignore"):
                delta = np.asarray(v["delta"]) * scale
            if spell:
                for j in range(sizes[l]):
                    yield "  " + _unit(j, unit and unit(l, j))
                    yield from equation_lines(("neuron", l, j), so_far, "delta", indent="    ", **kw)
                    if unit:
                        u = unit(l, j)
                        extra = ""
                        if l == L and v.get("dA") is not None:
                            dA = float(v["dA"][0, j]) * scale
                            extra = f"∂E/∂out_{u} = {fmt(dA)},  ∂out_{u}/∂net_{u} = {fmt(v['fprime'][0, j])},  "
                        yield f"    ⇒ {extra}δ_{u} = {fmt(delta[0, j])}"
            else:
                yield from _array_lines(msg("model.trace", "δ{sup} per sample").format(sup=_sup(l)), delta, precision)

        elif p.kind == "gradient":
            if spell:
                yield "  " + msg(
                    "model.trace",
                    "∂L/∂W = (1/m) Σ over the samples of δ · a_prev (the chain rule per sample);  "
                    "∂L/∂b = (1/m) Σ over the samples of δ",
                )
                for j in range(sizes[l]):
                    for i in range(sizes[l - 1]):
                        lines = equation_lines(("edge", l, i, j), so_far, "gradient", indent="  ", **kw)
                        n = _wname(weight_names, l, i, j)
                        yield from _tag(lines, n and f"∂E/∂{n}")
                for j in range(sizes[l]):
                    yield from equation_lines(("neuron", l, j), so_far, "gradient", indent="  ", **kw)
            else:
                yield from _array_lines(f"∂L/∂W{_sup(l)}", v["dW"], precision)
                yield from _array_lines(f"∂L/∂b{_sup(l)}", v["db"], precision)

        elif p.kind == "update":
            for k in range(1, L + 1):
                yield "  " + msg("model.trace", "Layer {l}:").format(l=k)
                if spell:
                    for j in range(sizes[k]):
                        for i in range(sizes[k - 1]):
                            lines = equation_lines(("edge", k, i, j), so_far, "update", indent="    ", **kw)
                            n = _wname(weight_names, k, i, j)
                            yield from _tag(lines, n and n + "′")
                    for j in range(sizes[k]):
                        yield from equation_lines(("neuron", k, j), so_far, "update", indent="    ", **kw)
                else:
                    yield from _array_lines(f"W{_sup(k)}′", v["W"][k - 1], precision, indent="    ")
                    yield from _array_lines(f"b{_sup(k)}′", v["b"][k - 1], precision, indent="    ")
            loss_after = t.evaluate()[0]
            name = "E_total" if names else "L"
            yield ""
            yield "  " + msg("model.trace", "{name} at the updated weights (whole data set): {value}").format(
                name=name, value=fmt(loss_after)
            )
            if names:
                if all(v.get("train_biases") or (True,)):
                    yield "  " + msg(
                        "model.trace",
                        "(The published example updates only the weights w1 … w8, not the biases, and reports "
                        "0.291027924 after the update; here the biases are updated too, as in the lecture's code.)",
                    )
                else:
                    yield "  " + msg(
                        "model.trace",
                        "(As published, only the weights are updated, not the biases; the published 0.291027924 "
                        "was computed from rounded intermediate values.)",
                    )
    if t.diverged is not None:
        yield ""
        yield t.diverged.message


def _unit(j: int, name: str | None) -> str:
    if name:
        return msg("model.trace", "Unit {n} ({name}):").format(n=j + 1, name=name)
    return msg("model.trace", "Unit {n}:").format(n=j + 1)


def _tag(lines, name):
    """Append the published name to the last line (the result)."""
    lines = list(lines)
    if name and lines:
        lines[-1] = f"{lines[-1]}      [{name}]"
    return lines


def _act_formula(name):
    from .activations import get_activation

    act = get_activation(name)
    return act.formula
