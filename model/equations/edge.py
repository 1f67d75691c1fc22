"""A weight's equations: its value and share of z, its gradient by the chain rule with numbers, its update."""

from __future__ import annotations

import numpy as np

from ..notation import Math, deriv, idx, symbolic
from ..text import msg
from .base import L_SYM, Builder, a_sym, delta_sym, the, z_sym

__all__ = ["EdgeParts"]


class EdgeParts(Builder):
    """``("edge", l, i, j)``: the weight W⁽ˡ⁾[i, j] from unit i of layer l−1 to unit j of layer l."""

    def edge(self, l: int, i: int, j: int) -> None:
        view, F = self.view, self.F
        wsym = self.w(i, j, l)
        heading = msg("model.equations", "The weight from unit {i} of {src} to unit {j} of {dst}").format(
            i=i + 1, src=the(l - 1, view.L), j=j + 1, dst=the(l, view.L)
        )
        sec = self.section("forward", heading, l)
        if sec is not None:
            if not view.has("forward", l):
                self.pend(sec, "forward", l)
            else:
                s = view.layer(l)
                W = np.asarray(s.W)
                self.numbers["w"] = float(W[i, j])
                sec.eq(wsym, F.r(W[i, j]))
                if s.a_prev is not None:
                    ap = np.asarray(s.a_prev)
                    sec.note(Math(msg("model.equations", "Its share of ")) + z_sym(j, l) + ":")
                    self.per_rows(
                        sec,
                        lambda r: sec.eq(
                            a_sym(i, l - 1) + " · " + wsym,
                            F.p(ap[r, i]) + " × " + F.p(W[i, j]),
                            F.r(ap[r, i] * W[i, j]),
                        ),
                    )
                    self.numbers["a_prev"] = self.per_sample(ap, i)
        self.edge_gradient(l, i, j, wsym)
        sec = self.section("update", self.update_heading(), None)
        if sec is not None:
            self.update_one(sec, l, "W", (i, j), wsym, "dW", "w")

    def edge_gradient(self, l: int, i: int, j: int, wsym: Math) -> None:
        """The chain rule per sample with every factor's value, then the batch's mean, as the update uses."""
        view, F = self.view, self.F
        sec = self.section(
            "gradient", msg("model.equations", "Gradient: which way, and how much, to move the weight"), l
        )
        if sec is None:
            return
        if not view.has("gradient", l):
            self.pend(sec, "gradient", l)
            return
        s = view.layer(l)
        dW = np.asarray(s.dW)
        self.numbers["dW"] = float(dW[i, j])
        general = delta_sym(j, l) + " · " + a_sym(i, l - 1)
        if s.a_prev is None or s.delta is None:
            sec.eq(deriv(self.sample_loss(), wsym), general, F.r(dW[i, j]))
            return
        ap, delta = np.asarray(s.a_prev), np.asarray(s.delta)
        self.numbers["delta"] = self.per_sample(delta, j)
        self.numbers["a_prev"] = self.per_sample(ap, i)
        act = view.activation(l)
        elementwise = act is None or act.elementwise
        output = l == view.L
        upstream = s.dA if output else s.back  # ∂ℓ/∂a_j, per sample
        fp = s.fprime
        ell = self.sample_loss()
        lhs = deriv(ell, wsym) if self.loss is None or self.m == 1 else self.loss.sample_gradient_symbol(wsym)
        a_j, z_j = a_sym(j, l), z_sym(j, l)
        if elementwise:
            chain = deriv(ell, a_j) + " · " + deriv(a_j, z_j) + " · " + deriv(z_j, wsym)
        else:
            chain = deriv(ell, z_j) + " · " + deriv(z_j, wsym)
        sum_next = Math(
            f"Σ<sub><i>k</i></sub> <i>W</i><sub>{idx(j)}<i>k</i></sub><sup>({l + 1})</sup> "
            f"<i>δ</i><sub><i>k</i></sub><sup>({l + 1})</sup>"
        )

        def emit(r: int) -> None:
            # the factors first (f′(z), and ∂ℓ/∂a for a hidden unit), then the chain that multiplies them
            if elementwise and fp is not None and act is not None:
                sec.add(act.derivative_lines(a_j, z_j, float(s.z[r, j]), float(s.a[r, j]), float(fp[r, j]), F))
            if elementwise and upstream is not None and not output:
                sec.eq(deriv(ell, a_j), symbolic(sum_next), F.r(upstream[r, j]))
            term = float(ap[r, i] * delta[r, j])
            factors = None
            if elementwise and upstream is not None and fp is not None:
                factors = F.p(upstream[r, j]) + " × " + F.p(fp[r, j]) + " × " + F.p(ap[r, i])
            sec.eq(
                lhs,
                symbolic(chain),
                symbolic(general),
                factors,
                F.p(delta[r, j]) + " × " + F.p(ap[r, i]),
                F.r(term),
            )

        self.per_rows(sec, emit)
        if elementwise:
            sec.note(
                Math(msg("model.equations", "Chain rule: "))
                + deriv(z_j, wsym)
                + " = "
                + a_sym(i, l - 1)
                + msg("model.equations", ", and ∂ℓ/∂a · ∂a/∂z = δ, the neuron’s share of the blame.")
            )
        if self.m > 1:
            terms = [F.p(ap[r, i]) + " × " + F.p(delta[r, j]) for r in range(self.m)]
            sec.eq(
                deriv(L_SYM, wsym),
                self.mean_prefix() + a_sym(i, l - 1) + " · " + delta_sym(j, l),
                self.mean_numbers(F.sum_terms(terms, self.m)),
                F.r(dW[i, j]),
            )
            if self.single:
                r = self.rows[0]
                self.numbers["dW_term"] = float(ap[r, i] * delta[r, j])
                sec.note(
                    msg("model.equations", "Sample {n}’s term is one of the {m}; the update uses their mean.").format(
                        n=r + 1, m=self.m
                    )
                    if self.view.scale != 1.0
                    else msg(
                        "model.equations", "Sample {n}’s term is one of the {m}; the update uses their sum."
                    ).format(n=r + 1, m=self.m)
                )
        sec.note(
            msg("model.equations", "w′ = w − γ·δ·a: a is how loud the input was, δ the neuron’s share of the blame.")
        )
