"""The diagram's scene on its own: input from a step, layout, colour scales and hit tests, with no widget."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtGui import QFontMetricsF

from gui import i18n
from gui.diagram_scene import DiagramScene, diagram_input
from model import Session
from model.snapshot import network_values


@pytest.fixture
def worked(qapp):
    t = Session.from_preset("worked-example").trainer
    values = network_values(t.network, t.X, t.Y, t.loss)
    phases = t.step_phases()  # forward 1, forward 2, loss, δ2, δ1, ∇2, ∇1, update
    after = network_values(t.network, t.X, t.Y, t.loss)  # the network after the step's update
    return t, values, phases, after


def test_the_input_without_phases_is_the_snapshot(worked):
    t, values, _, _ = worked
    inp = diagram_input(values, t.X, t.Y)
    assert inp.sizes == (2, 2, 2) and inp.phase is None
    assert inp.a[0] is not None and np.array_equal(inp.a[2], values[1].A)
    assert np.array_equal(inp.dW[1], values[0].dW)


def test_a_phase_shown_before_the_last_one_taken_hides_what_came_after(worked):
    t, values, phases, after = worked
    inp = diagram_input(after, t.X, t.Y, phases[0], phases)  # all 8 phases taken, the first one shown
    assert inp.a[1] is not None and inp.a[2] is None  # forward 2 has not happened yet, as shown
    assert all(d is None for d in inp.delta) and all(g is None for g in inp.dW)
    assert inp.W_old is None  # no update shown
    assert inp.W[2][0, 0] == pytest.approx(0.40)  # the weights the step used, not the updated 0.3589
    assert after[1].W[0, 0] != pytest.approx(0.40)
    shown = diagram_input(after, t.X, t.Y, phases[-1], phases)
    assert shown.W[2][0, 0] == pytest.approx(0.358916, abs=1e-6) and shown.W_old[2][0, 0] == pytest.approx(0.40)


def test_the_scene_lays_out_and_hits_without_a_widget(worked):
    t, values, _, _ = worked
    scene = DiagramScene()
    scene.set_size(600, 450)
    scene.set_input(diagram_input(values, t.X, t.Y))
    c = scene.neuron_center(1, 0)
    assert 0 < c.x() < 600 and 0 < c.y() < 450
    assert scene.item_at(c.x(), c.y()) == ("neuron", 1, 0)
    m = scene.edge_midpoint(2, 0, 0)
    assert scene.item_at(m.x(), m.y()) == ("edge", 2, 0, 0)
    assert "w = 0.4\n" in scene.tooltip_text(("edge", 2, 0, 0))
    assert scene.item_at(2, 2) is None


def test_a_shrinking_scale_eases_only_while_smoothing_and_a_reset_starts_afresh(worked):
    t, values, _, _ = worked
    scene = DiagramScene()
    big = [v.__class__(**{**v.__dict__, "W": v.W * 10}) for v in values]
    scene.set_input(diagram_input(big, t.X, t.Y))
    wide = scene.ranges()[1]
    scene.set_input(diagram_input(values, t.X, t.Y), smooth=True)
    eased = scene.ranges()[1]
    exact = max(max(np.abs(v.W).max(), np.abs(v.b).max()) for v in values)
    assert exact < eased < wide  # while training runs the colours do not jump
    scene.set_input(diagram_input(values, t.X, t.Y), smooth=False)
    assert scene.ranges()[1] == pytest.approx(exact)
    scene.set_input(diagram_input(big, t.X, t.Y))
    scene.reset_ranges()
    scene.set_input(diagram_input(values, t.X, t.Y), smooth=True)
    assert scene.ranges()[1] == pytest.approx(exact)  # after a reset, no memory of the old range


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_layer_titles_never_collide_in_a_narrow_diagram(qapp, lang):
    t = Session.from_preset("vanishing-gradients").trainer
    values = network_values(t.network, t.X, t.Y, t.loss)
    before = i18n.language()
    i18n.set_language(lang)
    try:
        for width in (360, 500, 700):
            scene = DiagramScene()
            scene.set_size(width, 400)
            scene.set_input(diagram_input(values, t.X, t.Y))
            scene.ensure_layout()
            fm = QFontMetricsF(scene.f_title)
            assert len(scene.titles) >= 8  # a title per column (input, 6 hidden, output)
            rows = {}
            for p, st in scene.titles:
                rows.setdefault(round(p.y()), []).append((p.x(), p.x() + fm.horizontalAdvance(st.text())))
            for row in rows.values():
                row.sort()
                assert all(a[1] <= b[0] for a, b in zip(row, row[1:])), (lang, width, row)
    finally:
        i18n.set_language(before)


def test_abbreviated_titles_use_each_activations_short_name(qapp):
    t = Session.from_preset("vanishing-gradients").trainer  # sigmoid layers: "Hidden 1 · 8 · sigmoid" is too wide
    scene = DiagramScene()
    scene.set_size(600, 400)
    scene.set_input(diagram_input(network_values(t.network, t.X, t.Y, t.loss), t.X, t.Y))
    scene.ensure_layout()
    texts = [st.text() for _, st in scene.titles]
    assert "H1" in texts and "8 · σ" in texts and not any("sigmoid" in x for x in texts)


def test_two_line_chinese_titles_do_not_overlap(qapp):
    t = Session.from_preset("circles-relu").trainer
    values = network_values(t.network, t.X, t.Y, t.loss)
    before = i18n.language()
    i18n.set_language("zh")
    try:
        scene = DiagramScene()
        scene.set_size(640, 300)
        scene.set_input(diagram_input(values, t.X, t.Y))
        scene.ensure_layout()
    finally:
        i18n.set_language(before)
    fm = QFontMetricsF(scene.f_title)
    columns = {}
    for p, st in scene.titles:
        columns.setdefault(round(p.x() + fm.horizontalAdvance(st.text()) / 2), []).append((p.y(), st.text()))
    two = [sorted(c) for c in columns.values() if len(c) == 2]
    assert two, "the titles take two lines at this width"
    for (y1, first), (y2, _) in two:
        assert y2 - y1 >= fm.boundingRect(first).height(), first  # the second line starts below the first
