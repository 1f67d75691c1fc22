"""The builder's common ground: the lecture's symbols, the step's options, samples, pending phases, loss and update."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from ..notation import GAMMA, Line, Math, Note, Numbers, deriv, idx, layer_sup, sym
from ..optimizers import Optimizer, WeightUpdate, make_optimizer, optimizer_from_dict
from ..stepview import KINDS, StepView
from ..text import msg
from .layout import Section

__all__ = ["Builder", "MAX_SAMPLES", "a_sym", "z_sym", "W_sym", "b_sym", "delta_sym", "L_SYM", "layer_word", "the"]

#: Samples written out one per line in batch mode before "… (n more samples)".
MAX_SAMPLES = 4

L_SYM = sym("L")
ELL = Math("<i>ℓ</i>", "ℓ")


def a_sym(i: int, l: int) -> Math:
    """a_i⁽ˡ⁾, or x_i for the input layer."""
    return sym("x", idx(i)) if l == 0 else sym("a", idx(i), layer_sup(l))


def z_sym(j: int, l: int) -> Math:
    return sym("z", idx(j), layer_sup(l))


def W_sym(i: int, j: int, l: int) -> Math:
    return sym("W", idx(i, j), layer_sup(l))


def b_sym(j: int, l: int) -> Math:
    return sym("b", idx(j), layer_sup(l))


def delta_sym(j: int, l: int) -> Math:
    return sym("δ", idx(j), layer_sup(l))


def _samples() -> str:
    """The word under a sum over the samples (Σ_samples), in the interface's language."""
    return msg("model.equations", "samples")


def layer_word(l: int, L: int) -> str:
    if l == 0:
        return msg("model.equations", "input layer")
    if l == L:
        return msg("model.equations", "output layer")
    return msg("model.equations", "hidden layer {l}").format(l=l)


def the(l: int, L: int) -> str:
    """``the output layer``, ``the input layer``, ``hidden layer 2``."""
    if l == 0:
        return msg("model.equations", "the input layer")
    if l == L:
        return msg("model.equations", "the output layer")
    return layer_word(l, L)


def _named(name: str) -> Math:
    """A published name such as ``w5`` as a symbol: w₅."""
    mo = re.fullmatch(r"([A-Za-z]+)(\d+)", name)
    return sym(mo.group(1), mo.group(2)) if mo else Math(name)


def optimizer_object(optimizer: Any, lr: float | None) -> Optimizer:
    """An Optimizer from an Optimizer, its ``to_dict``, a name or None (plain SGD), for its equations."""
    if isinstance(optimizer, Optimizer):
        return optimizer
    if isinstance(optimizer, dict):
        return optimizer_from_dict({k: v for k, v in optimizer.items() if k != "state"})
    return make_optimizer(optimizer if isinstance(optimizer, str) else "sgd", lr if lr else 0.1)


class Builder:
    """Collects the sections of one explanation from a :class:`StepView` and the family members."""

    def __init__(
        self,
        view: StepView,
        fmt: Numbers,
        loss: Any,
        optimizer: Any,
        sample: int | None,
        sections: Any,
        weight_names: dict | None = None,
    ):
        self.view, self.F, self.loss = view, fmt, loss
        self.upd = view.update
        lr = self.upd.lr if self.upd is not None else None
        self.optimizer = optimizer_object(optimizer, lr)
        self.lr = lr if lr is not None else (self.optimizer.learning_rate if optimizer is not None else None)
        self.m = view.m
        self.rows, self.single = self._rows(sample, self.m)
        self.sample_ignored = sample is not None and not (0 <= int(sample) < self.m)
        self.want = set(sections) if sections else set(KINDS)
        self.sections: list[Section] = []
        self.numbers: dict = {}
        self.pending: list[str] = []
        self.current = view.current
        self.names = weight_names

    @staticmethod
    def _rows(sample: int | None, m: int) -> tuple[list[int], bool]:
        """(rows shown, single?): one row for a chosen sample or a batch of one, else every row."""
        if sample is not None and 0 <= int(sample) < m:
            return [int(sample)], True
        if m == 1:
            return [0], True
        return list(range(m)), False

    # -- names ----------------------------------------------------------------------------------
    def w(self, i: int, j: int, l: int) -> Math:
        """The weight's symbol: its published name when the session has one, else W_ij⁽ˡ⁾."""
        name = self._name("W", l, (i, j))
        return _named(name) if name else W_sym(i, j, l)

    def bias(self, j: int, l: int) -> Math:
        name = self._name("b", l, (j,))
        return _named(name) if name else b_sym(j, l)

    def _name(self, which: str, l: int, index: tuple) -> str | None:
        try:
            v = self.names[which][l - 1]
            for k in index:
                v = v[k]
            return str(v) if v else None
        except (TypeError, KeyError, IndexError):
            return None

    # -- sections -------------------------------------------------------------------------------
    def section(self, kind: str, heading: str, layer: int | None = None) -> Section | None:
        if kind not in self.want:
            return None
        sec = Section(kind, heading, current=self.current == (kind, layer))
        self.sections.append(sec)
        return sec

    def pend(self, sec: Section, kind: str, layer: int | None = None) -> None:
        view = self.view
        title = view.pending_title(kind, layer)
        if view.mode == "none":
            sec.note(
                msg(
                    "model.equations",
                    "Nothing computed yet: step through a training step (or train) to see the numbers.",
                ),
                "pending",
            )
        elif view.mode == "values" and kind == "update":
            sec.note(
                msg("model.equations", "No update in this view: the values are at the current weights."), "pending"
            )
        elif view.mode == "values" and kind == "loss":
            sec.note(msg("model.equations", "The loss needs the targets and the loss function."), "pending")
        else:
            sec.note(
                msg("model.equations", "not computed yet in this step (pending: {title})").format(title=title),
                "pending",
            )
        if title not in self.pending:
            self.pending.append(title)

    # -- samples --------------------------------------------------------------------------------
    def per_sample(self, arr: Any, j: int) -> Any:
        """Values of column j over the shown rows (a float in sample mode)."""
        v = np.asarray(arr)[self.rows, j]
        return float(v[0]) if self.single else v.copy()

    def shown_rows(self) -> list[int]:
        return self.rows if self.single else self.rows[:MAX_SAMPLES]

    def per_rows(self, sec: Section, emit: Any) -> None:
        """``emit(r)`` for the shown rows: in full for one sample; for a batch, the symbols once, then numbers."""
        rows = self.shown_rows()
        if self.single:
            emit(rows[0])
            return
        sec.mode = "symbolic"
        emit(rows[0])
        sec.mode = "numeric"
        for r in rows:
            label = msg("model.equations", "sample {n}:").format(n=r + 1)
            sec.note(Math(f"<b>{label}</b>", label), "tag")
            emit(r)
        sec.mode = "full"
        if len(self.rows) > MAX_SAMPLES:
            sec.note(msg("model.equations", "… ({n} more samples)").format(n=len(self.rows) - MAX_SAMPLES))

    def mean_prefix(self) -> Math:
        """``(1/m) Σ_samples `` (or ``Σ_samples `` for a loss that sums over the samples)."""
        if self.view.scale == 1.0 and self.m != 1:
            return Math(f"Σ<sub>{_samples()}</sub> ", f"Σ_{_samples()} ")
        return Math(f"(1/<i>m</i>) Σ<sub>{_samples()}</sub> ", f"(1/m) Σ_{_samples()} ")

    def mean_numbers(self, body: Math) -> Math:
        c = self.view.scale
        if c == 1.0:
            return body
        return Math(f"(1/{self.F.s(c)})[") + body + "]"

    def sample_loss(self) -> Math:
        """ℓ, the loss of one sample (L itself for a batch of one)."""
        return L_SYM if self.m == 1 else ELL

    # -- the loss ------------------------------------------------------------------------------
    def loss_part(self) -> None:
        view, F = self.view, self.F
        sec = self.section("loss", msg("model.equations", "Loss"), None)
        if sec is None:
            return
        if not view.has("loss"):
            self.pend(sec, "loss")
            return
        lv = view.loss
        if lv.diverged:
            sec.note(msg("model.equations", "The loss is not finite: the step stopped here."), "warn")
        self.numbers.update(loss=lv.value, y_true=np.asarray(lv.y_true), y_pred=np.asarray(lv.y_pred))
        if self.loss is None:
            sec.eq(L_SYM, F.r(lv.value))
        else:
            sec.add(self.loss.value_lines(lv.y_true, lv.y_pred, F, value=lv.value))
        if not math.isclose(lv.report, lv.value, rel_tol=1e-12, abs_tol=0.0) and math.isfinite(lv.report):
            sec.note(Math(msg("model.equations", "Reported (the curve’s “Loss”): ")) + F.n(lv.report))
            self.numbers["report"] = lv.report

    # -- the update ------------------------------------------------------------------------------
    def update_heading(self) -> str:
        return msg("model.equations", "Update ({label})").format(label=self.optimizer.label)

    def update_one(
        self, sec: Section, l: int, which: str, index: tuple, wsym: Math, grad_key: str, prefix: str
    ) -> None:
        """The update of one weight or bias, by the optimizer's own equations; a preview while pending."""
        view, F = self.view, self.F
        step = view.layer(l)
        if not view.has("update"):
            self.pend(sec, "update")
            g_arr = getattr(step, grad_key)
            w_arr = step.W if which == "W" else step.b
            if g_arr is not None and w_arr is not None:
                self.update_preview(sec, wsym, float(np.asarray(w_arr)[index]), float(np.asarray(g_arr)[index]), prefix)
            return
        u = self.upd
        w_old = float(np.asarray((u.W_old if which == "W" else u.b_old)[l - 1])[index])
        w_new = float(np.asarray((u.W if which == "W" else u.b)[l - 1])[index])
        g_arr = getattr(step, grad_key)
        g = float(np.asarray(g_arr)[index]) if g_arr is not None else float("nan")
        self.numbers[prefix + "_old"] = w_old
        self.numbers[prefix + "_new"] = w_new
        self.numbers["d" + prefix + "_update"] = w_new - w_old
        self.numbers["lr"] = u.lr
        if which == "b" and not u.trains_bias(l):
            sec.note(msg("model.equations", "This layer’s biases are not trained: b stays as it is."))
            sec.eq(wsym + "′", wsym, F.r(w_new))
            return
        sec.note(Math(f"{self.optimizer.label}: ") + self.optimizer.formula)
        before, after = u.state_of(l, which, index)
        lr = u.lr if u.lr is not None else self.optimizer.learning_rate
        sec.add(self.optimizer.explain_update(WeightUpdate(wsym, g, w_old, w_new, before, after, lr, F, self.numbers)))

    def update_preview(self, sec: Section, wsym: Math, w: float, g: float, prefix: str) -> None:
        """What the update will do, when it has not happened yet: exact for a stateless optimizer."""
        lr = self.lr
        if lr is None:
            return
        dw = -lr * g
        self.numbers["d" + prefix + "_preview"] = dw
        if self.optimizer.stateless:
            sec.note(Math(msg("model.equations", "Next, {w} will move by −γ·∂L/∂w:").format(w=wsym.text)))
        else:
            sec.note(
                msg(
                    "model.equations",
                    "Next, with plain gradient descent, {w} would move by −γ·∂L/∂w; "
                    "{label} also uses its running state:",
                ).format(w=wsym.text, label=self.optimizer.label)
            )
        F = self.F
        sec.eq(
            Math("Δ") + wsym,
            Math("−") + GAMMA + "·" + deriv(L_SYM, wsym),
            Math("−") + F.n(lr) + " × " + F.p(g),
            F.r(dw),
        )
        sign = " − " if dw < 0 else " + "
        sec.eq(wsym + "′", F.n(w) + sign + F.n(abs(dw)), F.r(w + dw))


__all__ += ["ELL", "Line", "Note", "optimizer_object"]
