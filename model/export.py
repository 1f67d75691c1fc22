"""Export a session as one standalone Python script, in numpy or in PyTorch: the bridge onwards.

:func:`export_script` writes a readable script in the lecture's style that holds everything the
session trains with: the network's current weights, the data, the loss (and the reported loss),
the optimiser with its state, the batch order and the shuffling generator's state.  Run with
plain ``python FILE`` (numpy, or torch for ``pytorch``; nothing of this project), it prints
exactly the lines ``main.py train`` prints for the same session, epochs and log interval::

    Epoch 0: Loss = 0.3741
    Epoch 1000: Loss = 0.2462

The numpy script repeats the trainer's arithmetic operation for operation, so its numbers are
the trainer's.  The PyTorch script is what a student would write next: an ``nn.Module``, a loss
function of tensors that autograd differentiates, a ``torch.optim`` optimiser; in float64 its
numbers agree with the trainer's to about 1e-12, far below the 4 printed decimals.

Every loss, activation, optimiser and schedule carries its own snippet (its class's ``script``,
see :mod:`model.scripts`); :data:`LOSS_SNIPPETS`, :data:`ACTIVATION_SNIPPETS`,
:data:`OPTIMIZER_SNIPPETS` and :data:`SCHEDULE_SNIPPETS` collect them from the registries (a test
fails for a member without one, and exporting it is one clear error).  Snippets are
:class:`string.Template` texts: ``$name`` is a parameter of the member (``$delta`` for Huber's δ)
or one the generator fills in (``$fn``, the function's name; ``$lr``; optimiser state as
``$velocity`` …).
"""

from __future__ import annotations

import math
import os
import pprint
import textwrap
from string import Template
from typing import TYPE_CHECKING

import numpy as np

from .activations import ACTIVATIONS
from .files import write_atomic
from .losses import LOSSES
from .optimizers import OPTIMIZER_CLASSES
from .schedules import SCHEDULES
from .scripts import ActivationSnippet, LossSnippet, OptimizerSnippet
from .text import msg

if TYPE_CHECKING:  # (the session imports nothing from here; annotations only)
    from .optimizers import Optimizer
    from .session import Session

__all__ = [
    "TARGETS",
    "ActivationSnippet",
    "LossSnippet",
    "OptimizerSnippet",
    "ACTIVATION_SNIPPETS",
    "LOSS_SNIPPETS",
    "OPTIMIZER_SNIPPETS",
    "export_script",
    "save_script",
]

TARGETS = ("numpy", "pytorch")


# ---------------------------------------------------------------------------------------------
# Snippets: each member carries its own (``script``); these registries collect them
# ---------------------------------------------------------------------------------------------
ACTIVATION_SNIPPETS: dict[str, ActivationSnippet] = {n: a.script for n, a in ACTIVATIONS.items() if a.script}
LOSS_SNIPPETS: dict[str, LossSnippet] = {n: c.script for n, c in LOSSES.items() if c.script}
#: Keyed by :func:`optimizer_key`: the registry name, or ``name+switch`` for a variant (Nesterov).
OPTIMIZER_SNIPPETS: dict[str, OptimizerSnippet] = {
    f"{c.name}+{c.switch}" if c.switch else c.name: c.script for c in OPTIMIZER_CLASSES if c.script
}
#: The learning-rate schedules (``optimizer.schedule`` of a session): the body of ``learning_rate_at(step)``,
#: an expression of ``learning_rate`` (γ₀) and ``step`` (t), the same Python arithmetic as the schedule's.
SCHEDULE_SNIPPETS: dict[str, str] = {n: c.script for n, c in SCHEDULES.items() if c.script}


def optimizer_key(optimizer: Optimizer) -> str:
    """The snippet key of ``optimizer``: its registry name, or ``name+switch`` for a variant (Nesterov)."""
    switch = getattr(type(optimizer), "switch", None)
    if switch and optimizer.params.get(switch) is True:
        return f"{optimizer.name}+{switch}"
    return optimizer.name


# ---------------------------------------------------------------------------------------------
# Writing literals
# ---------------------------------------------------------------------------------------------
_WIDTH = 110


def _num(x) -> str:
    """A float written so that it reads back bit for bit."""
    x = float(x)
    if math.isfinite(x):
        return repr(x)
    return "float('nan')" if math.isnan(x) else ("float('inf')" if x > 0 else "-float('inf')")


def _wrap(items, indent, prefix=""):
    """``[a, b, …]`` on one line if it fits after ``prefix`` at ``indent``, else items on lines of their own
    (as many to a line as fit) at ``indent + 4`` and the ``]`` back at ``indent``."""
    one = "[" + ", ".join(items) + "]"
    if indent + len(prefix) + len(one) <= _WIDTH:
        return one
    pad = " " * (indent + 4)
    lines, line = ["["], ""
    for it in items:
        piece = it + ","
        if line and len(pad) + len(line) + 1 + len(piece) > _WIDTH:
            lines.append(pad + line)
            line = ""
        line += (" " if line else "") + piece
    lines.append(pad + line)
    lines.append(" " * indent + "]")
    return "\n".join(lines)


def _array(a, indent=0, ctor="np.array", prefix="") -> str:
    """``np.array([...])`` (or ``torch.tensor``) holding ``a`` exactly, rows on lines of their own.

    ``indent`` is the indentation of the line it goes on, ``prefix`` what precedes it there.
    """
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:
        return f"{ctor}(" + _wrap([_num(v) for v in a], indent, prefix + ctor + "()") + ")"
    rows = [_wrap([_num(v) for v in r], indent + 4) for r in a]
    one = f"{ctor}([" + ", ".join(rows) + "])"
    if indent + len(prefix) + len(one) <= _WIDTH and "\n" not in one:
        return one
    body = "".join(f"\n{' ' * (indent + 4)}{r}," for r in rows)
    return f"{ctor}([{body}\n{' ' * indent}])"


def _arrays(arrays, indent=0, ctor="np.array", transpose_weights=False) -> str:
    """A list literal of arrays (``[W1, b1, W2, b2]``-shaped optimiser state)."""
    parts = []
    for a in arrays:
        a = np.asarray(a, dtype=float)
        parts.append(_array(a.T if transpose_weights and a.ndim == 2 else a, indent + 4, ctor))
    return "[\n" + "".join(f"{' ' * (indent + 4)}{p},\n" for p in parts) + " " * indent + "]"


def _section(title: str) -> str:
    """``# --- title -----…``, a section heading of the script."""
    head = f"# --- {title} "
    return head + "-" * max(3, 100 - len(head))


def _template(text: str, values: dict) -> str:
    try:
        return Template(text).substitute(values)
    except KeyError as e:  # pragma: no cover - a snippet naming a value nobody fills in
        raise ValueError(f"export snippet needs ${e.args[0]}") from None


def _fmt_value(v) -> str:
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return repr(v)
    return _num(v)


# ---------------------------------------------------------------------------------------------
# The script
# ---------------------------------------------------------------------------------------------
class _Spec:
    """What a script needs of a session, read through its public file format."""

    def __init__(self, session, epochs, log_every, source, filename):
        t = session.trainer
        d = session.to_dict(with_history=False)
        self.name = session.name
        self.description = session.description
        self.source = source
        self.filename = filename
        self.epochs, self.log_every = int(epochs), int(log_every)
        if self.epochs < 0:
            raise ValueError(msg("model.export", "epochs must be at least 0, got {n}").format(n=self.epochs))
        if self.log_every < 1:
            raise ValueError(
                msg("model.export", "the log interval must be at least 1, got {n}").format(n=self.log_every)
            )
        self.layers = t.network.layers
        self.sizes = t.network.sizes
        self.X, self.Y = t.X, t.Y
        self.loss, self.report, self.optimizer = t.loss, t.report, t.optimizer
        self.batch_size = None if t.full_batch else int(t.batch_size)
        self.seed = int(d["seed"])
        self.epoch, self.step = int(d["epoch"]), int(d["step"])
        self.rng_state = d["rng"]
        self.fresh_rng = self.rng_state == np.random.default_rng(self.seed).bit_generator.state
        self.batch_pos = int(d.get("batch_pos", 0))
        self.order = d.get("order")
        self.order_fresh = bool(d.get("order_fresh", False))
        acc = d.get("epoch_acc", [0.0, 0.0, 0.0, 0])
        self.epoch_sum, self.epoch_count = acc[0], acc[3]
        self.resume_order = self.batch_size is not None and (self.batch_pos > 0 or self.order_fresh)
        schedule = getattr(t, "schedule", None)  # (learning-rate schedules; constant if there are none)
        self.schedule = schedule if schedule is not None and schedule.varies else None
        self.train_bias = [getattr(layer, "train_bias", True) for layer in self.layers]
        self._check_members()

    def _check_members(self):
        for layer in self.layers:
            if layer.activation not in ACTIVATION_SNIPPETS:
                raise ValueError(
                    msg("model.export", "cannot export the activation {name!r} yet: it has no export snippet").format(
                        name=layer.activation
                    )
                )
        for loss in (self.loss, self.report):
            if loss is not None and loss.name not in LOSS_SNIPPETS:
                raise ValueError(
                    msg("model.export", "cannot export the loss {name!r} yet: it has no export snippet").format(
                        name=loss.name
                    )
                )
        out = self.layers[-1].activation
        if self.loss.fused_formula(out) is not None and out not in LOSS_SNIPPETS[self.loss.name].fused:
            raise ValueError(
                msg("model.export", "cannot export {loss} after {act} yet: its fused δ has no snippet").format(
                    loss=self.loss.name, act=out
                )
            )
        if optimizer_key(self.optimizer) not in OPTIMIZER_SNIPPETS:
            raise ValueError(
                msg("model.export", "cannot export the optimizer {name!r} yet: it has no export snippet").format(
                    name=optimizer_key(self.optimizer)
                )
            )
        if self.schedule is not None and self.schedule.name not in SCHEDULE_SNIPPETS:
            raise ValueError(
                msg("model.export", "cannot export the schedule {name!r} yet: it has no export snippet").format(
                    name=self.schedule.name
                )
            )

    def trainable(self, items):
        """``items`` laid out like ``[W1, b1, W2, b2, …]``, without the biases the session does not train."""
        return [x for i, x in enumerate(items) if i % 2 == 0 or self.train_bias[i // 2]]

    @property
    def L(self):
        return len(self.layers)

    def command(self):
        return f"python main.py train {self.source} --epochs {self.epochs} --log-every {self.log_every}"


def _loss_title(spec) -> str:
    if spec.report is None:
        return f"loss: {spec.loss.label}, what backprop differentiates and the log prints"
    return f"loss: {spec.loss.label} for backprop; the log prints {spec.report.label}"


def _loss_values(loss) -> dict:
    snippet = LOSS_SNIPPETS[loss.name]
    values = {k: _fmt_value(v) for k, v in loss.params.items()}
    if snippet.prepare is not None:
        values.update(snippet.prepare(loss.params))
    return values


def _loss_functions(loss, fn, target, with_gradient, fused_act=None) -> str:
    """``def fn(y, y_hat)`` (and ``fn_gradient``, ``output_delta``) for ``loss``, in numpy or torch."""
    snippet = LOSS_SNIPPETS[loss.name]
    values = _loss_values(loss)
    params = ", ".join(f"{k}={_fmt_value(v)}" for k, v in loss.params.items())
    title = f"{loss.label}" + (f" ({params})" if params else "")
    body = snippet.torch if target == "pytorch" else snippet.value
    out = [f'def {fn}(y, y_hat):\n    """{title}: {loss.formula}"""' + _template(body, values).rstrip()]
    if target == "numpy" and with_gradient:
        if fused_act is not None:  # δ(L) in closed form: ∂L/∂ŷ is not needed
            out.append(
                f'def output_delta(y, a):\n    """{loss.fused_formula(fused_act)}"""'
                + _template(snippet.fused[fused_act], values).rstrip()
            )
        else:
            out.append(
                f'def {fn}_gradient(y, y_hat):\n    """{loss.gradient_formula}"""'
                + _template(snippet.gradient, values).rstrip()
            )
    return "\n\n\n".join(out)


def _header(spec, target, filename) -> str:
    from . import __version__

    what = "numpy" if target == "numpy" else "PyTorch"
    where = (
        "at the start"
        if spec.step == 0
        else f"after {spec.step} steps (epoch {spec.epoch}{', part-way' if spec.batch_pos else ''})"
    )
    title = f"{spec.name}: {spec.description}" if spec.description else spec.name
    lines = [
        f'"""{what} export from Backprop Studio {__version__} — {spec.name}.',
        "",
        *textwrap.wrap(title, 100),
        "",
        *textwrap.wrap(
            f"Everything the session trains with, {where}: the network's weights, the data, the loss, the "
            f"optimiser with its state, the batch order and the shuffling seed. `python {filename}` trains "
            f"{spec.epochs} epochs and prints the loss every {spec.log_every} epochs, the same lines as",
            100,
        ),
        "",
        f"    {spec.command()}",
        "",
        _needs(spec, target),
        '"""',
    ]
    return "\n".join(lines)


def _needs(spec, target) -> str:
    if target == "numpy":
        return "It needs only numpy."
    if spec.batch_size is None:
        return "It needs only PyTorch."
    return "It needs PyTorch, and numpy for the shuffling generator (so the batches are Backprop Studio's)."


def _data_section(spec, ctor) -> list[str]:
    m, d = spec.X.shape
    k = spec.Y.shape[1]
    return [
        _section(f"data: {m} samples, {d} input{'s' if d != 1 else ''} → {k} target{'s' if k != 1 else ''}"),
        f"X = {_array(spec.X, 0, ctor, 'X = ')}",
        f"Y = {_array(spec.Y, 0, ctor, 'Y = ')}",
    ]


def _batching_section(spec) -> list[str]:
    if spec.batch_size is None:
        return []  # the full batch, in data order, every step
    lines = ["", "", _section("mini-batches")]
    lines.append(f"BATCH_SIZE = {spec.batch_size}  # rows per step, from a fresh permutation of the samples each epoch")
    if spec.fresh_rng:
        lines.append(f"rng = np.random.default_rng({spec.seed})  # the shuffling generator")
    else:
        lines += [
            f"rng = np.random.default_rng({spec.seed})  # the shuffling generator, where the session left it:",
            "rng.bit_generator.state = " + pprint.pformat(spec.rng_state, width=_WIDTH - 4, sort_dicts=False),
        ]
    if spec.resume_order:
        done = spec.batch_pos // spec.batch_size
        lines += [
            f"# epoch {spec.epoch} is under way: its permutation, of which the first {done} batches are done",
            f"RESUME_ORDER = {_int_list(spec.order, 'RESUME_ORDER = ')}",
            f"RESUME_AT = {spec.batch_pos}",
        ]
    return lines


def _int_list(values, prefix) -> str:
    return "np.array(" + _wrap([str(int(v)) for v in values], 0, prefix + "np.array()") + ")"


def _loop_section(spec, target) -> list[str]:
    """The epochs loop, shared by both targets; ``train_step`` differs."""
    first = spec.epoch
    lines = [
        "",
        "",
        "def diverged(step, epoch, what):",
        '    """Stop as `main.py train` does when the divergence guard ends training (exit code 3)."""',
        '    print(f"training diverged at step {step} (epoch {epoch}): {what}. Try a smaller learning rate.",'
        " file=sys.stderr)",
        "    sys.exit(3)",
        "",
        "",
        "def log(epoch, value):",
        '    """The line `main.py train` prints for an epoch."""',
        '    text = f"{value:.4f}" if abs(value) < 1e6 else f"{value:.4e}"',
        '    print(f"Epoch {epoch}: Loss = {text}")',
        "",
        "",
        "def batches(epoch):",
    ]
    index = "torch.from_numpy(idx)" if target == "pytorch" else "idx"
    if spec.batch_size is None:
        lines += ['    """The whole data set, every step."""', "    yield X, Y"]
    else:
        lines.append('    """This epoch\'s mini-batches: BATCH_SIZE rows at a time of a random permutation."""')
        if spec.resume_order:
            lines += [
                f"    if epoch == {first}:",
                "        order, start = RESUME_ORDER, RESUME_AT",
                "    else:",
                "        order, start = rng.permutation(len(X)), 0",
            ]
            lines.append("    for i in range(start, len(X), BATCH_SIZE):")
        else:
            lines += ["    order = rng.permutation(len(X))", "    for i in range(0, len(X), BATCH_SIZE):"]
        lines += [
            "        idx = order[i : i + BATCH_SIZE]",
            f"        yield X[{index}], Y[{index}]",
        ]
    lr_arg = f", {_lr_expression(spec)}" if target == "numpy" or spec.schedule is not None else ""
    params_finite = (
        "all(torch.isfinite(p).all() for p in model.parameters())"
        if target == "pytorch"
        else "all(np.isfinite(p).all() for p in params)"
    )
    lines += [
        "",
        "",
        f"step = {spec.step}",
        f"epoch_sum, epoch_count = {_num(spec.epoch_sum)}, {spec.epoch_count!r}"
        + ("  # the epoch under way so far" if spec.epoch_count else ""),
        f"for epoch in range({first}, {first} + EPOCHS):" if first else "for epoch in range(EPOCHS):",
        "    for X_batch, Y_batch in batches(epoch):",
        f"        if not {params_finite}:",
        '            diverged(step, epoch, "a weight or bias became non-finite")',
        f"        loss_value, report_value = train_step(X_batch, Y_batch{lr_arg})",
        "        if not (math.isfinite(loss_value) and math.isfinite(report_value)):",
        "            bad = loss_value if not math.isfinite(loss_value) else report_value",
        '            diverged(step, epoch, "the loss became " + ("NaN" if math.isnan(bad) else "infinite"))',
        "        step += 1",
        "        epoch_sum += report_value * len(X_batch)",
        "        epoch_count += len(X_batch)",
        f"    if (epoch - {first}) % LOG_EVERY == 0:" if first else "    if epoch % LOG_EVERY == 0:",
        "        log(epoch, epoch_sum / epoch_count)  # the mean loss of the epoch's samples, before their updates",
        "    epoch_sum, epoch_count = 0.0, 0",
    ]
    return lines


def _numpy_script(spec) -> str:
    L = spec.L
    acts = [layer.activation for layer in spec.layers]
    out_act = acts[-1]
    fused = spec.loss.fused_formula(out_act) is not None
    sizes = "-".join(str(s) for s in spec.sizes)
    lines = [
        _header(spec, "numpy", spec.filename),
        "",
        "import math",
        "import sys",
        "",
        "import numpy as np",
        "",
        'np.seterr(over="ignore", invalid="ignore")  # a diverging run is caught below, not warned about',
        "",
        f"EPOCHS = {spec.epochs}",
        f"LOG_EVERY = {spec.log_every}",
        "",
        *_data_section(spec, "np.array"),
        "",
        "",
        _section(f"network {sizes}: z(l) = a(l−1) W(l) + b(l), a(l) = f(z(l)); W(l) is fan_in × fan_out"),
    ]
    for i, layer in enumerate(spec.layers, start=1):
        lines.append(f"W{i} = {_array(layer.W, 0, prefix=f'W{i} = ')}")
        lines.append(f"b{i} = {_array(layer.b, 0, prefix=f'b{i} = ')}")
    names = spec.trainable([f"{x}{i}" for i in range(1, L + 1) for x in ("W", "b")])
    fixed = [f"b{i}" for i in range(1, L + 1) if not spec.train_bias[i - 1]]
    note = f"  # {', '.join(fixed)}: not trained, kept as they are" if fixed else ""
    lines.append("params = [" + ", ".join(names) + "]" + note)
    lines += ["", "", _section("activations")]
    lines.append("\n\n\n".join(ACTIVATION_SNIPPETS[a].numpy.strip("\n") for a in dict.fromkeys(acts)))
    lines += ["", "", _section(_loss_title(spec))]
    lines.append(_loss_functions(spec.loss, "loss", "numpy", True, out_act if fused else None))
    if spec.report is not None:
        lines += ["", "", _loss_functions(spec.report, "report", "numpy", False)]
    lines += ["", "", _section(f"optimiser: {spec.optimizer.label}")]
    lines += _learning_rate_lines(spec)
    lines.append(_optimizer_numpy(spec).strip("\n"))
    lines += _batching_section(spec)
    lines += ["", "", *_numpy_step(spec, acts, fused)]
    lines += _loop_section(spec, "numpy")
    return "\n".join(lines) + "\n"


def _learning_rate_lines(spec) -> list[str]:
    """``learning_rate = γ`` and, with a schedule, ``learning_rate_at(step)``."""
    lines = [f"learning_rate = {_num(spec.optimizer.learning_rate)}  # γ"]
    if spec.schedule is not None:
        sch = spec.schedule
        values = {k: _fmt_value(v) for k, v in sch.params.items()}
        lines += [
            "",
            "",
            "def learning_rate_at(step):",
            f'    """The γ of each step: {sch.label}, {sch.formula}."""',
            "    return " + _template(SCHEDULE_SNIPPETS[sch.name], values),
            "",
        ]
    return lines


def _lr_expression(spec) -> str:
    return "learning_rate_at(step)" if spec.schedule is not None else "learning_rate"


def _optimizer_values(spec) -> dict:
    opt = spec.optimizer
    values = {k: _fmt_value(v) for k, v in opt.params.items()}
    values["lr"] = _num(opt.learning_rate)
    values["formula"] = opt.update_formula()
    values["t"] = str(int(opt.t))
    return values


def _optimizer_numpy(spec) -> str:
    opt = spec.optimizer
    snippet = OPTIMIZER_SNIPPETS[optimizer_key(opt)]
    values = _optimizer_values(spec)
    for key in snippet.state:
        saved = opt.state.get(key)
        values[key] = (
            "[np.zeros_like(p) for p in params]" if saved is None else _arrays(spec.trainable(saved), 0, "np.array")
        )
    return _template(snippet.numpy, values)


def _numpy_step(spec, acts, fused) -> list[str]:
    L = spec.L
    lines = [
        "def train_step(X_batch, Y_batch, lr):",
        '    """One training step with learning rate lr: forward, loss, δ backwards, gradients, update."""',
        "    # forward: z(l) = a(l−1) W(l) + b(l), a(l) = f(z(l))",
    ]
    for i in range(1, L + 1):
        prev = "X_batch" if i == 1 else f"a{i - 1}"
        lines.append(f"    z{i} = {prev} @ W{i} + b{i}")
        lines.append(f"    a{i} = {acts[i - 1]}(z{i})")
    report = f"report(Y_batch, a{L})" if spec.report is not None else "loss_value"
    lines += [
        "    # loss",
        f"    loss_value = float(loss(Y_batch, a{L}))",
        f"    report_value = float({report})" if spec.report is not None else "    report_value = loss_value",
        "    if not (math.isfinite(loss_value) and math.isfinite(report_value)):",
        "        return loss_value, report_value  # diverged: no update",
        "    # backward: δ(L) from the loss, then δ(l) = (δ(l+1) W(l+1)ᵀ) ⊙ f′(z(l))",
    ]
    out = acts[-1]
    if fused:
        lines.append(f"    delta{L} = output_delta(Y_batch, a{L})")
    elif not spec.layers[-1].act.elementwise:  # (softmax) its Jacobian is not diagonal
        lines.append(f"    delta{L} = {out}_vjp(a{L}, loss_gradient(Y_batch, a{L}))")
    else:
        lines.append(f"    delta{L} = loss_gradient(Y_batch, a{L}) * {out}_prime(z{L}, a{L})")
    for i in range(L - 1, 0, -1):
        lines.append(f"    delta{i} = (delta{i + 1} @ W{i + 1}.T) * {acts[i - 1]}_prime(z{i}, a{i})")
    lines.append("    # gradients: ∂L/∂W(l) = a(l−1)ᵀ δ(l), ∂L/∂b(l) = Σ over the batch of δ(l)")
    for i in range(L, 0, -1):
        prev = "X_batch" if i == 1 else f"a{i - 1}"
        lines.append(f"    dW{i} = {prev}.T @ delta{i}")
        if spec.train_bias[i - 1]:
            lines.append(f"    db{i} = delta{i}.sum(axis=0)")
    grads = spec.trainable([f"d{x}{i}" for i in range(1, L + 1) for x in ("W", "b")])
    lines += [
        "    # update",
        "    update(params, [" + ", ".join(grads) + "], lr)",
        "    return loss_value, report_value",
    ]
    return lines


def _torch_script(spec) -> str:
    L = spec.L
    acts = [layer.activation for layer in spec.layers]
    sizes = "-".join(str(s) for s in spec.sizes)
    uses_f = any("F." in ACTIVATION_SNIPPETS[a].torch for a in acts) or any(
        "F." in LOSS_SNIPPETS[loss.name].torch for loss in (spec.loss, spec.report) if loss is not None
    )
    lines = [
        _header(spec, "pytorch", spec.filename),
        "",
        "import math",
        "import sys",
        "",
        *(
            ["import numpy as np  # the shuffling generator, so the batches are Backprop Studio's"]
            if spec.batch_size
            else []
        ),
        "import torch",
        "from torch import nn",
    ]
    if uses_f:
        lines.append("from torch.nn import functional as F")
    lines += [
        "",
        "torch.set_default_dtype(torch.float64)  # numpy's precision, so the numbers agree with Backprop Studio's",
        "torch.set_num_threads(1)  # small matrices: one thread is fastest",
        "",
        f"EPOCHS = {spec.epochs}",
        f"LOG_EVERY = {spec.log_every}",
        "",
        *_data_section(spec, "torch.tensor"),
        "",
        "",
        _section(f"network {sizes}"),
        "class Network(nn.Module):",
        '    """z(l) = a(l−1) W(l) + b(l), a(l) = f(z(l)); nn.Linear keeps W(l) as fan_out × fan_in, i.e. W(l)ᵀ."""',
        "",
        "    def __init__(self):",
        "        super().__init__()",
    ]
    for i, layer in enumerate(spec.layers, start=1):
        lines.append(f"        self.layer{i} = nn.Linear({layer.fan_in}, {layer.fan_out})")
    lines += ["", "    def forward(self, x):"]
    for i, a in enumerate(acts, start=1):
        prev = "x" if i == 1 else f"a{i - 1}"
        expr = _template(ACTIVATION_SNIPPETS[a].torch, {"x": f"self.layer{i}({prev})"})
        lines.append(f"        a{i} = {expr}")
    lines += [f"        return a{L}", "", "", "model = Network()"]
    lines.append("with torch.no_grad():  # the session's weights, written as the lecture does (fan_in × fan_out)")
    for i, layer in enumerate(spec.layers, start=1):
        lines.append(f"    W{i} = {_array(layer.W, 4, 'torch.tensor', f'W{i} = ')}")
        lines.append(f"    b{i} = {_array(layer.b, 4, 'torch.tensor', f'b{i} = ')}")
        lines.append(f"    model.layer{i}.weight.copy_(W{i}.T)")
        lines.append(f"    model.layer{i}.bias.copy_(b{i})")
    for i in range(1, L + 1):
        if not spec.train_bias[i - 1]:
            lines.append(f"model.layer{i}.bias.requires_grad_(False)  # b{i} is not trained: it stays as it is")
    if not all(spec.train_bias):
        lines.append("params = [p for p in model.parameters() if p.requires_grad]")
    lines += ["", "", _section(_loss_title(spec))]
    lines.append(_loss_functions(spec.loss, "loss_fn", "pytorch", False))
    if spec.report is not None:
        lines += ["", "", _loss_functions(spec.report, "report", "pytorch", False)]
    lines += ["", "", _section(f"optimiser: {spec.optimizer.label}, {spec.optimizer.update_formula()}")]
    lines += _learning_rate_lines(spec)
    lines += _optimizer_torch(spec)
    lines += _batching_section(spec)
    values = (
        "loss_value, report_value = loss.item(), float(report(Y_batch, y_hat))"
        if spec.report is not None
        else "loss_value = report_value = loss.item()"
    )
    lines += [
        "",
        "",
        *(
            [
                "def train_step(X_batch, Y_batch, lr):",
                '    """One training step with learning rate lr: forward, loss, backward (autograd), update."""',
            ]
            if spec.schedule is not None
            else [
                "def train_step(X_batch, Y_batch):",
                '    """One training step: forward, loss, backward (autograd), update; returns the losses."""',
            ]
        ),
        "    y_hat = model(X_batch)",
        "    loss = loss_fn(Y_batch, y_hat)",
        "    with torch.no_grad():",
        f"        {values}",
        "    if not (math.isfinite(loss_value) and math.isfinite(report_value)):",
        "        return loss_value, report_value  # diverged: no update",
        "    optimizer.zero_grad()",
        "    loss.backward()",
        *(_SET_LR if spec.schedule is not None else []),
        "    optimizer.step()",
        "    return loss_value, report_value",
    ]
    lines += _loop_section(spec, "pytorch")
    return "\n".join(lines) + "\n"


_SET_LR = ["    for group in optimizer.param_groups:", '        group["lr"] = lr  # this step\'s γ, from the schedule']


def _optimizer_torch(spec) -> list[str]:
    opt = spec.optimizer
    snippet = OPTIMIZER_SNIPPETS[optimizer_key(opt)]
    params = "model.parameters()" if all(spec.train_bias) else "params"
    values = dict(_optimizer_values(spec), params=params, lr="learning_rate")
    lines = [_template(snippet.torch, values)]
    saved = {key: spec.trainable(opt.state[key]) for key in snippet.state if opt.state.get(key) is not None}
    if saved or (snippet.counts_steps and opt.t):
        lines.append(f"# its state as Backprop Studio left it, after {opt.t} steps (weights transposed as above)")
        lines.append("state = {")
        for key, arrays in saved.items():
            lines.append(f'    "{snippet.state[key]}": {_arrays(arrays, 4, "torch.tensor", transpose_weights=True)},')
        lines.append("}")
        lines.append(f"for i, p in enumerate({params}):")
        if snippet.counts_steps:
            lines.append(f'    optimizer.state[p]["step"] = torch.tensor({float(opt.t)!r})')
        lines.append("    for key, values in state.items():")
        lines.append("        optimizer.state[p][key] = values[i].contiguous()")
    return lines


def export_script(
    session: Session,
    target: str = "numpy",
    epochs: int = 1000,
    log_every: int = 100,
    source: str | None = None,
    filename: str | None = None,
) -> str:
    """One standalone script that trains ``session`` for ``epochs`` and logs every ``log_every``.

    Parameters
    ----------
    session : Session
        Exported as it is now (its weights, optimiser state and position in the batch order).
    target : {"numpy", "pytorch"}
    epochs, log_every : int
        What ``main.py train --epochs N --log-every K`` would run and print.
    source : str, optional
        How the session was opened on the command line (``--preset xor-lecture``), for the
        script's docstring; ``filename``, where it will be saved, likewise.

    Raises ``ValueError`` (one sentence) for an unknown target or a member without a snippet.
    """
    if target not in TARGETS:
        raise ValueError(
            msg("model.export", "unknown export target {target!r}; choose one of: {choices}").format(
                target=target, choices=", ".join(TARGETS)
            )
        )
    name = os.path.basename(filename) if filename else f"{session.name}.py"
    spec = _Spec(session, epochs, log_every, source or f"--session {session.name}.json", name)
    return _numpy_script(spec) if target == "numpy" else _torch_script(spec)


def save_script(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` atomically (:func:`model.files.write_atomic`); ``ValueError`` (one line) if not."""
    write_atomic(path, text)
