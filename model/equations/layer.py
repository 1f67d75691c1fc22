"""A layer's equations in matrix form, and the general equation of the latest phase (nothing selected)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ..notation import Math, Numbers, as_math, formula, join, sym
from ..text import msg
from ..trainer import phase_plan, phase_title
from .base import Builder, _samples, the
from .layout import Section

__all__ = ["LayerParts", "matrix"]


def matrix(F: Numbers, M: ArrayLike, max_rows: int = 6, max_cols: int = 6) -> Math:
    """A small matrix as [[…], […]]; larger ones elided."""
    M = np.atleast_2d(np.asarray(M, dtype=float))
    rows = []
    for r in range(min(M.shape[0], max_rows)):
        cells = [F.n(M[r, c], colour=True) for c in range(min(M.shape[1], max_cols))]
        line = join(cells, ", ")
        if M.shape[1] > max_cols:
            line = line + ", " + msg("model.equations", "… ({n} more)").format(n=M.shape[1] - max_cols)
        rows.append(Math("[") + line + "]")
    body = join(rows, Math("<br/>", ", "))
    if M.shape[0] > max_rows:
        body = body + Math("<br/>", ", ") + msg("model.equations", "… ({n} more rows)").format(n=M.shape[0] - max_rows)
    return Math("[") + body + "]"


_T = Math("<sup>T</sup>", "ᵀ")


def _dL(x: Math) -> Math:
    return Math("∂<i>L</i>/∂", "∂L/∂") + x


class LayerParts(Builder):
    """``("layer", l)``: the whole layer, in matrix form; and ``None``: the latest phase's general equation."""

    def layer(self, l: int) -> None:
        view, F = self.view, self.F
        L = view.L
        if l == 0:
            sec = self.section("forward", msg("model.equations", "Input layer"), 1)
            if sec is None:
                return
            X = view.inputs
            if X is None:
                self.pend(sec, "forward", 1)
                return
            sec.eq(sym("A", None, "(0)"), sym("X"), matrix(F, X))
            self.numbers["X"] = np.array(X)
            return
        ZL, AL, WL, bL = (sym(s, None, f"({l})") for s in ("Z", "A", "W", "b"))
        Aprev = sym("X") if l == 1 else sym("A", None, f"({l - 1})")
        act = view.activation(l)
        fsym = act.fsym() if act is not None else Math("<i>f</i>", "f")
        s = view.layer(l)
        sec = self.section("forward", msg("model.equations", "Forward pass of {layer}").format(layer=the(l, L)), l)
        if sec is not None:
            sec.eq(ZL, Aprev + " " + WL + " + " + bL)
            if view.sizes[l] is not None:
                sec.note(
                    msg(
                        "model.equations",
                        "{A} is m × {n_in} (one row per sample), {W} is {n_in} × {n_out}: W[i, j] connects unit i "
                        "of layer {prev} to unit j of layer {l}.",
                    ).format(A=Aprev.text, n_in=view.sizes[l - 1], W=WL.text, n_out=view.sizes[l], prev=l - 1, l=l)
                )
            sec.eq(AL, fsym + "(" + ZL + ")")
            if act is not None:
                sec.note(formula(f"{act.label}: {act.formula}"))
            if view.has("forward", l):
                Z, A = np.asarray(s.z), np.asarray(s.a)
                self.numbers["Z"], self.numbers["A"] = Z[self.rows], A[self.rows]
                sec.eq(ZL, matrix(F, Z[self.rows]))
                sec.eq(AL, matrix(F, A[self.rows]))
            else:
                self.pend(sec, "forward", l)
        if l == L:
            self.loss_part()
        sec = self.section("delta", msg("model.equations", "Backward: δ of {layer}").format(layer=the(l, L)), l)
        if sec is not None:
            self._layer_delta(sec, l, ZL, AL, fsym)
        sec = self.section("gradient", msg("model.equations", "Gradients of {layer}").format(layer=the(l, L)), l)
        if sec is not None:
            mean = Math("(1/<i>m</i>) ", "(1/m) ") if view.scale != 1.0 and self.m > 1 else Math()
            dsym = sym("δ", None, f"({l})")
            sec.eq(_dL(WL), mean + Aprev + _T + " " + dsym)
            sec.eq(_dL(bL), mean + Math(f"Σ<sub>{_samples()}</sub> ", f"Σ_{_samples()} ") + dsym)
            if view.has("gradient", l):
                dW, db = np.asarray(s.dW), np.asarray(s.db)
                self.numbers["dW"], self.numbers["db"] = dW, db
                sec.eq(_dL(WL), matrix(F, dW))
                sec.eq(_dL(bL), matrix(F, db[None, :]))
                sec.note(
                    Math("‖∂L/∂W‖ = ")
                    + F.n(float(np.sqrt(np.sum(dW * dW))))
                    + msg("model.equations", " (over the batch of {m})").format(m=self.m)
                )
            else:
                self.pend(sec, "gradient", l)
        sec = self.section("update", msg("model.equations", "Update"), None)
        if sec is not None:
            self._update_rule(sec)
            if view.has("update"):
                W_new = np.asarray(self.upd.W[l - 1])
                self.numbers["W_new"] = W_new.copy()
                sec.eq(WL + "′", matrix(F, W_new))
            else:
                self.pend(sec, "update")

    def _layer_delta(self, sec: Section, l: int, ZL: Math, AL: Math, fsym: Math) -> None:
        view, F = self.view, self.F
        dsym = sym("δ", None, f"({l})")
        if l == view.L:
            fused = self.loss.fused_formula(view.activation_name(l)) if self.loss is not None else None
            if fused:
                rhs = fused.split("=", 1)[1].strip()
                sec.eq(dsym, as_math(rhs))
            else:
                ell = Math("∂<i>ℓ</i>/∂", "∂ℓ/∂") if self.m > 1 else Math("∂<i>L</i>/∂", "∂L/∂")
                sec.eq(dsym, ell + AL + " ⊙ " + fsym + "′(" + ZL + ")")
        else:
            prime = fsym + "′(" + ZL + ")"
            sec.eq(
                dsym,
                Math("(") + sym("δ", None, f"({l + 1})") + " " + sym("W", None, f"({l + 1})") + _T + ") ⊙ " + prime,
            )
            sec.note(
                Math(msg("model.equations", "One row per sample: the lecture’s ("))
                + sym("W", None, f"({l + 1})")
                + _T
                + " "
                + sym("δ", None, f"({l + 1})")
                + ") ⊙ f′("
                + sym("z", None, f"({l})")
                + msg("model.equations", ") for a batch of row vectors.")
            )
        if view.has("delta", l):
            delta = np.asarray(view.layer(l).delta)
            self.numbers["delta"] = delta[self.rows]
            sec.eq(dsym, matrix(F, delta[self.rows]))
            if self.m > 1:
                sec.note(msg("model.equations", "δ per sample, as in the lecture; the 1/m is in the gradient."))
        else:
            self.pend(sec, "delta", l)

    def _update_rule(self, sec: Section) -> None:
        sec.note(Math(f"{self.optimizer.label}: ") + self.optimizer.formula)
        if self.lr is not None:
            sec.note(Math("γ = ") + self.F.n(self.lr))

    # -- nothing selected ---------------------------------------------------------------------------
    def general(self) -> str:
        """The general equation of the latest phase (or the plan of a step); returns the title."""
        view = self.view
        if view.last is None:
            title = msg("model.equations", "One training step")
            sec = Section("forward", title)
            self.sections.append(sec)
            if view.L:
                for kind, layer in phase_plan(view.L):
                    sec.note(phase_title(kind, layer, view.L))
            sec.note(
                msg(
                    "model.equations",
                    "Forward: z⁽ˡ⁾ = a⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾); backward: δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾); "
                    "update: w′ = w − γ·δ·a.",
                )
            )
            return title
        kind, l = view.last.kind, view.last.layer
        self.want = {kind}
        if kind == "loss":
            self.loss_part()
            return view.last.title
        if kind == "update":
            sec = self.section("update", msg("model.equations", "Update"), None)
            self._update_rule(sec)
            sec.note(
                msg(
                    "model.equations",
                    "Every weight moves against its gradient: w′ = w − γ·δ·a (γ the speed of adjustment, "
                    "δ the share of blame, a how loud the input was).",
                )
            )
            return view.last.title
        # forward / delta / gradient of layer l: the layer's matrix form, that part only
        self.layer(l)
        for sec in self.sections:
            sec.current = True
        return view.last.title
