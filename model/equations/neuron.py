"""A neuron's equations: its forward pass, the loss (output layer), its δ, its bias's gradient and update."""

from __future__ import annotations

import numpy as np

from ..notation import Math, deriv, formula, idx, layer_sup, sym, symbolic
from ..text import msg
from .base import MAX_SAMPLES, Builder, a_sym, delta_sym, layer_word, z_sym
from .layout import Section

__all__ = ["NeuronParts"]


def _matrix_row(F, values) -> Math:
    from .layer import matrix

    return matrix(F, values, max_cols=MAX_SAMPLES * 2)


class NeuronParts(Builder):
    """``("neuron", l, j)``: unit j of layer l."""

    def neuron(self, l: int, j: int) -> None:
        view, F = self.view, self.F
        if l == 0:
            sec = self.section("forward", msg("model.equations", "Input"), 1)
            if sec is None:
                return
            X = view.inputs
            if X is None:
                self.pend(sec, "forward", 1)
                return
            sec.note(msg("model.equations", "The input layer computes nothing: it passes the sample’s feature on."))
            if self.single:
                sec.eq(a_sym(j, 0), F.r(X[self.rows[0], j]))
            else:
                label = msg("model.equations", " (samples 1 … {n})").format(n=len(self.rows))
                sec.eq(a_sym(j, 0) + label, _matrix_row(F, X[self.rows, j][None, :]))
            self.numbers["x"] = self.per_sample(X, j)
            return
        self.forward_neuron(l, j)
        if l == view.L:
            self.loss_part()
        self.delta_neuron(l, j)
        self.bias_gradient(l, j)
        self.bias_update(l, j)

    # -- forward ---------------------------------------------------------------------------------
    def forward_neuron(self, l: int, j: int) -> None:
        view, F = self.view, self.F
        heading = msg("model.equations", "Forward pass ({layer}, unit {j})").format(
            layer=layer_word(l, view.L), j=j + 1
        )
        sec = self.section("forward", heading, l)
        if sec is None:
            return
        if not view.has("forward", l):
            self.pend(sec, "forward", l)
            return
        s = view.layer(l)
        W, b, Z, A = np.asarray(s.W), np.asarray(s.b), np.asarray(s.z), np.asarray(s.a)
        a_prev = None if s.a_prev is None else np.asarray(s.a_prev)
        n_in = W.shape[0]
        prev = (
            Math("<i>x</i><sub><i>i</i></sub>") if l == 1 else Math(f"<i>a</i><sub><i>i</i></sub><sup>({l - 1})</sup>")
        )
        wsym = Math(f"<i>W</i><sub><i>i</i>{idx(j)}</sub><sup>({l})</sup>")
        general = Math("Σ<sub><i>i</i></sub> ") + prev + " " + wsym + " + " + self.bias(j, l)
        self.numbers["W_col"] = W[:, j].copy()
        self.numbers["b"] = float(b[j])
        self.numbers["z"] = self.per_sample(Z, j)
        self.numbers["a"] = self.per_sample(A, j)
        act = view.activation(l)

        def emit(r: int) -> None:
            subst = None
            if a_prev is not None:
                terms = [F.p(a_prev[r, i]) + " × " + F.p(W[i, j]) for i in range(n_in)]
                subst = Math("(") + F.sum_terms(terms, n_in) + ") + " + F.p(b[j])
            sec.eq(z_sym(j, l), symbolic(general), subst, F.r(Z[r, j]))
            if act is not None:
                sec.add(act.value_lines(a_sym(j, l), z_sym(j, l), j, Z[r], A[r], F))

        self.per_rows(sec, emit)
        if a_prev is not None:
            self.numbers["a_prev"] = a_prev[self.rows[0]].copy() if self.single else a_prev.copy()
        else:
            sec.note(msg("model.equations", "(the inputs x are not part of this view)"))
        if act is not None:
            sec.note(formula(f"{act.label}: {act.formula}"))

    # -- δ -----------------------------------------------------------------------------------------
    def delta_neuron(self, l: int, j: int) -> None:
        view = self.view
        heading = msg("model.equations", "Backward: δ, the neuron’s share of the blame (∂ℓ/∂z, per sample)")
        sec = self.section("delta", heading, l)
        if sec is None:
            return
        if not view.has("delta", l):
            self.pend(sec, "delta", l)
            return
        s = view.layer(l)
        self.numbers["delta"] = self.per_sample(s.delta, j)
        if s.fprime is not None:
            self.numbers["fprime"] = self.per_sample(s.fprime, j)
        if l == view.L:
            self.output_delta(sec, l, j)
        else:
            self.hidden_delta(sec, l, j)
        self.per_sample_note(sec)

    def per_sample_note(self, sec: Section) -> None:
        """Which δ this is: the lecture's per-sample δ, and how it relates to the batch loss."""
        if self.m == 1:
            return
        if self.view.scale == 1.0:
            text = msg("model.equations", "δ is per sample: L sums the samples’ losses, so δᵢ = ∂ℓᵢ/∂zᵢ = ∂L/∂zᵢ.")
        elif self.loss is not None and not self.loss.per_sample_terms:
            text = msg(
                "model.equations",
                "δ is per sample, δᵢ = m·∂L/∂zᵢ (m = {m}): {label} is not a sum of per-sample losses.",
            ).format(m=self.m, label=self.loss.label)
        else:
            text = msg(
                "model.equations",
                "δ is per sample, as in the lecture: δᵢ = ∂ℓᵢ/∂zᵢ, where L = (1/m) Σ ℓᵢ (m = {m}); "
                "the 1/m is in the gradient.",
            ).format(m=self.m)
        sec.note(text)

    def output_delta(self, sec: Section, l: int, j: int) -> None:
        view, F, loss = self.view, self.F, self.loss
        s = view.layer(l)
        delta, A, Z = np.asarray(s.delta), np.asarray(s.a), np.asarray(s.z)
        fp = None if s.fprime is None else np.asarray(s.fprime)
        dA = None if s.dA is None else np.asarray(s.dA)
        lv = view.loss
        Y = None if lv is None else np.asarray(lv.y_true).reshape(A.shape)
        act = view.activation(l)
        if dA is not None:
            self.numbers["dA"] = self.per_sample(dA, j)
        if s.fused and loss is not None and Y is not None:
            self.numbers["fused"] = True
            self.per_rows(
                sec,
                lambda r: sec.add(
                    loss.fused_lines(view.activation_name(l), delta_sym(j, l), Y, A, r, j, float(delta[r, j]), F)
                ),
            )
            return
        self.numbers["fused"] = False
        a_j = a_sym(j, l)
        dl_da = loss.sample_gradient_symbol(a_j) if loss is not None else deriv(self.sample_loss(), a_j)
        if self.m == 1:
            dl_da = deriv(sym("L"), a_j)
        elementwise = act is None or act.elementwise
        if not elementwise:
            sec.note(
                msg(
                    "model.equations",
                    "{name} couples the outputs, so δ is the Jacobian–vector product δⱼ = aⱼ(gⱼ − Σₖ gₖaₖ) with "
                    "g = ∂ℓ/∂a.",
                ).format(name=act.label)
            )

        def emit(r: int) -> None:
            if dA is not None and Y is not None and loss is not None:
                sec.add(loss.sample_gradient_lines(dl_da, Y, A, r, j, float(dA[r, j]), F))
            elif dA is not None:
                sec.eq(dl_da, F.r(dA[r, j]))
            if not elementwise and dA is not None:
                k = A.shape[1]
                inner = F.sum_terms([F.p(dA[r, q]) + " × " + F.n(A[r, q]) for q in range(k)], k)
                sec.eq(
                    delta_sym(j, l),
                    symbolic(a_j + " · (" + dl_da + " − Σₖ (∂ℓ/∂aₖ) aₖ)"),
                    F.n(A[r, j]) + " × (" + F.p(dA[r, j]) + " − (" + inner + "))",
                    F.r(delta[r, j]),
                )
                return
            numbers = None
            if dA is not None and fp is not None:
                numbers = F.p(dA[r, j]) + " × " + F.p(fp[r, j])
            prime = act.prime(z_sym(j, l)) if act is not None else Math("f′(") + z_sym(j, l) + ")"
            sec.eq(delta_sym(j, l), symbolic(dl_da + " · " + prime), numbers, F.r(delta[r, j]))
            if fp is not None and act is not None:
                sec.add(act.derivative_lines(a_j, z_sym(j, l), float(Z[r, j]), float(A[r, j]), float(fp[r, j]), F))

        self.per_rows(sec, emit)

    def hidden_delta(self, sec: Section, l: int, j: int) -> None:
        view, F = self.view, self.F
        s = view.layer(l)
        delta, A, Z = np.asarray(s.delta), np.asarray(s.a), np.asarray(s.z)
        fp = None if s.fprime is None else np.asarray(s.fprime)
        Wn = None if s.W_next is None else np.asarray(s.W_next)
        dn = None if s.delta_next is None else np.asarray(s.delta_next)
        back = None if s.back is None else np.asarray(s.back)
        act = view.activation(l)
        general = Math(
            f"(Σ<sub><i>k</i></sub> <i>W</i><sub>{idx(j)}<i>k</i></sub><sup>({l + 1})</sup> "
            f"<i>δ</i><sub><i>k</i></sub><sup>({l + 1})</sup>)"
        )
        prime = act.prime(z_sym(j, l)) if act is not None else Math("f′(") + z_sym(j, l) + ")"
        general = general + " · " + prime
        if back is not None:
            self.numbers["back"] = self.per_sample(back, j)
        if Wn is not None:
            self.numbers["W_next_row"] = Wn[j].copy()

        def emit(r: int) -> None:
            subst = short = None
            if Wn is not None and dn is not None and fp is not None:
                k = Wn.shape[1]
                terms = [F.p(Wn[j, q]) + " × " + F.p(dn[r, q]) for q in range(k)]
                subst = Math("(") + F.sum_terms(terms, k) + ") × " + F.p(fp[r, j])
                if back is not None and k > 1:
                    short = F.p(back[r, j]) + " × " + F.p(fp[r, j])
            sec.eq(delta_sym(j, l), symbolic(general), subst, short, F.r(delta[r, j]))
            if fp is not None and act is not None:
                sec.add(
                    act.derivative_lines(a_sym(j, l), z_sym(j, l), float(Z[r, j]), float(A[r, j]), float(fp[r, j]), F)
                )

        self.per_rows(sec, emit)
        sec.note(
            Math(msg("model.equations", "Row {j} of ").format(j=j + 1))
            + sym("W", None, layer_sup(l + 1))
            + msg("model.equations", ": the weights leaving this neuron carry the next layer’s δ back to it.")
        )

    # -- the bias ------------------------------------------------------------------------------
    def bias_gradient(self, l: int, j: int) -> None:
        view, F = self.view, self.F
        sec = self.section("gradient", msg("model.equations", "Gradient of the bias"), l)
        if sec is None:
            return
        if not view.has("gradient", l):
            self.pend(sec, "gradient", l)
            return
        s = view.layer(l)
        db = np.asarray(s.db)
        delta = np.asarray(s.delta) if s.delta is not None else None
        self.numbers["db"] = float(db[j])
        bsym = self.bias(j, l)
        if self.m == 1 or delta is None:
            sec.eq(deriv(sym("L"), bsym), delta_sym(j, l), F.r(db[j]))
            return
        terms = [F.p(delta[r, j]) for r in range(self.m)]
        sec.eq(
            deriv(sym("L"), bsym),
            self.mean_prefix() + delta_sym(j, l),
            self.mean_numbers(F.sum_terms(terms, self.m)),
            F.r(db[j]),
        )
        if self.single:
            r = self.rows[0]
            sec.note(
                Math(msg("model.equations", "Sample {n}’s δ: ").format(n=r + 1))
                + F.n(delta[r, j])
                + msg("model.equations", "; the update uses the mean over the batch.")
            )
            self.numbers["db_term"] = float(delta[r, j])

    def bias_update(self, l: int, j: int) -> None:
        sec = self.section("update", self.update_heading(), None)
        if sec is None:
            return
        self.update_one(sec, l, "b", (j,), self.bias(j, l), "db", "b")
