"""What a projector shows (issue 7 §3, issue 9 "nothing cut off"): labels that do not collide, panels whose
contents fit their width, texts that are elided rather than cut mid-character."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from gui.diagram_scene import DiagramScene, diagram_input
from model import Session
from model.snapshot import network_values


def _scene(preset, width, height, sizes=None):
    session = Session.from_preset(preset)
    if sizes is not None:
        acts = ["tanh"] * (len(sizes) - 2) + [session.to_dict(with_history=False)["architecture"]["activations"][-1]]
        session = session.rebuild({"architecture": {"sizes": sizes, "activations": acts}})
    t = session.trainer
    scene = DiagramScene()
    scene.set_size(width, height)
    scene.set_input(diagram_input(network_values(t.network, t.X, t.Y, t.loss), t.X, t.Y))
    scene.ensure_layout()
    return scene


@pytest.mark.parametrize(
    ("preset", "sizes"),
    [
        ("spiral-adam", None),  # 2-16-16-1: x₁ and x₂ overlapped at 1024×768
        ("vanishing-gradients", None),  # 2-8-…-8-1
        ("blobs-softmax", [2, 16, 3]),  # three outputs beside 16 hidden units
        ("blobs-softmax", [2, 16, 16, 16, 3]),
    ],
)
@pytest.mark.parametrize(("width", "height"), [(620, 190), (640, 240), (1200, 420)])
def test_the_input_and_output_labels_never_overlap(qapp, preset, sizes, width, height):
    scene = _scene(preset, width, height, sizes)
    rects = scene.side_rects
    n_in, n_out = scene.sizes[0], scene.sizes[-1]
    assert len(rects) >= min(n_in, 2) + min(n_out, 2)  # at least the first and the last of each side
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b), (preset, sizes, width, height, a, b)
        assert 0 <= a.left() and a.right() <= width and 0 <= a.top() and a.bottom() <= height
    assert scene.f_side.pointSizeF() >= 6.0


def test_a_few_inputs_beside_a_wide_layer_keep_the_full_label_size(qapp):
    scene = _scene("spiral-adam", 620, 190)  # 16 hidden units leave 2 inputs too little room at the common spacing
    assert scene.f_side.pointSizeF() == pytest.approx(scene.f_label.pointSizeF())
    assert len(scene.side_rects) == 3  # x₁, x₂, ŷ₁
    y1, y2 = (scene.neuron_center(0, u).y() for u in (0, 1))
    assert y2 - y1 >= scene.side_rects[0].height()


@pytest.fixture(params=["en", "zh"])
def language(request):
    from gui import i18n

    before = i18n.language()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


def _fits_its_panel(panel):
    """Every shown control lies inside the scroll area's viewport horizontally (nothing cut at the right)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QWidget

    view = panel._scroll.viewport()
    assert panel.content.minimumSizeHint().width() <= view.width(), (panel.content.minimumSizeHint(), view.width())
    for w in panel.content.findChildren(QWidget):
        if w.isVisibleTo(panel.content) and w.width() > 0:
            right = w.mapTo(view, QPoint(w.width() - 1, 0)).x()
            assert right < view.width(), (type(w).__name__, getattr(w, "text", lambda: "")(), right, view.width())


@pytest.mark.parametrize("preset", ["vanishing-gradients", "worked-example"])
def test_the_controls_fit_their_panel_with_many_hidden_layers(qtbot, language, preset):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gui.controls import MAX_HIDDEN_LAYERS, ControlPanel

    panel = ControlPanel()
    qtbot.addWidget(panel)
    panel.set_session(Session.from_preset(preset).to_dict(with_history=False))
    panel.resize(panel.minimumWidth(), 900)  # the panel as narrow as the window lets it be at 1024×768
    panel.show()
    qtbot.waitUntil(lambda: panel.content.width() > 0)
    _fits_its_panel(panel)
    while panel.add_layer_button.isEnabled() and len(panel._rows) < MAX_HIDDEN_LAYERS:
        qtbot.mouseClick(panel.add_layer_button, Qt.MouseButton.LeftButton)  # up to the most hidden layers
    assert len(panel.train_bias_boxes) == MAX_HIDDEN_LAYERS + 1
    QApplication.processEvents()  # (layouts settle in the event loop)
    panel.content.layout().activate()
    _fits_its_panel(panel)


@pytest.mark.parametrize("zoom", [1.0, 1.5, 2.5])
def test_a_plot_keeps_room_for_its_top_tick_label_with_or_without_its_title(qtbot, zoom):
    """Presentation mode hides the plot titles; the "1.0" at the top of the loss axis and of the output's
    colour bar was then cut in half."""
    from PySide6.QtGui import QFontMetricsF

    from gui import style
    from gui.plot_parts import make_plot

    before = style.zoom()
    style.set_zoom(zoom)
    try:
        w = make_plot("Loss")
        qtbot.addWidget(w)
        w.getPlotItem().setYRange(0.0, 1.0, padding=0)
        w.resize(420, 260)
        w.show()
        qtbot.waitExposed(w)
        vb = w.getPlotItem().vb
        top = w.mapFromScene(vb.sceneBoundingRect().topLeft()).y()
        half_label = QFontMetricsF(style.plot_font(style.TICK_PT)).height() / 2
        assert top >= half_label, (zoom, top, half_label)
    finally:
        style.set_zoom(before)


@pytest.mark.parametrize("points", [10.5, 12.0])  # the application's font (gui.app), and a larger one
def test_the_descent_table_shows_every_column_whole(qtbot, language, points):
    """At its opening size (and on a 1024×768 screen) the table cut its last header, "direction of the step"."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont

    from gui.descent_window import DescentExplorer

    w = DescentExplorer()
    qtbot.addWidget(w)
    font = QFont(w.font())
    font.setPointSizeF(points)
    w.setFont(font)
    w.resize(1000, 640)
    w.show()
    qtbot.waitExposed(w)
    for button in w.buttons.values():  # crawl, good, oscillate, diverge: each fills the table anew
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        table, header = w.table, w.table.horizontalHeader()
        for c in range(table.columnCount()):
            need = max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
            assert header.sectionSize(c) >= need, (c, header.model().headerData(c, Qt.Horizontal), need)
        assert header.length() <= table.viewport().width()
        assert w.plot.width() >= 300  # the plot keeps a readable width
    w.close()


SEVEN_LAYERS = ((0.4, 0.9, 1.0, 0.35, 0.0, 0.02, 0.5), ("sigmoid",) * 7)


@pytest.mark.parametrize("size", [(320, 290), (330, 240), (270, 200)])  # the tab at 1024×768, shorter, narrower
def test_the_compact_saturation_strip_shows_every_layers_percentage(qtbot, language, size):
    """At 1024×768 a deep network's strip drew seven cells that read "…" beside its title."""
    from gui.gradient_plot import GradientPlot

    w = GradientPlot()
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.set_saturation(*SEVEN_LAYERS)
    w.resize(size[0], size[1] + 1)  # (a resize arranges the strip for the new rows)
    w.resize(*size)
    bars = w.bars
    assert bars.compact
    cells = bars.compact_cells()
    assert [text.split(": ")[-1] for _, text in cells] == ["40%", "90%", "100%", "35%", "0%", "2%", "50%"]
    for rect, _ in cells:
        assert 0 <= rect.left() and rect.right() <= bars.width() and 0 <= rect.top() and rect.bottom() <= bars.height()
    assert w.plot.height() >= 100, w.plot.height()  # the curves keep most of the tab
    w.grab()


@pytest.mark.parametrize("zoom", [1.0, 1.5])
def test_the_gradient_axis_label_is_shown_only_whole(qtbot, zoom):
    """In presentation mode at 1280×720 "norm (log scale)" stood taller than its plot, cut at both ends."""
    from PySide6.QtGui import QFontMetrics

    from gui import style
    from gui.gradient_plot import GradientPlot

    before = style.zoom()
    style.set_zoom(zoom)
    try:
        w = GradientPlot()
        qtbot.addWidget(w)
        w.set_saturation(*SEVEN_LAYERS)
        for height in (230, 420):
            w.resize(640, height)
            w.show()
            qtbot.waitExposed(w)
            pi = w.plot.getPlotItem()
            label = pi.getAxis("left").label
            width = QFontMetrics(style.plot_font(style.LABEL_PT)).horizontalAdvance(label.toPlainText())
            if label.isVisible():
                assert pi.vb.height() >= width * 0.9, (zoom, height, pi.vb.height(), width)
            if height == 420 and zoom == 1.0:
                assert label.isVisible()
    finally:
        style.set_zoom(before)


def _lines(label):
    """The lines a rich-text label wraps into at its width, as plain text (word joiners removed)."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setHtml(label.text())
    doc.setTextWidth(label.contentsRect().width())
    doc.size()  # (lays it out)
    out, block = [], doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            out.append(text[line.textStart() : line.textStart() + line.textLength()].replace("\u2060", ""))
        block = block.next()
    return out


@pytest.mark.parametrize("width", range(120, 330, 15))
def test_a_legend_wraps_between_entries_never_inside_one(qtbot, width):
    from gui.plot_parts import LegendRow

    legend = LegendRow()
    qtbot.addWidget(legend)
    entries = [("━", "#333333", str(k)) for k in range(1, 7)] + [("━", "#333333", "7（输出层）")]
    entries += [("╌", "#333333", "Huber 损失（δ = 1）")]
    legend.set_entries(entries, prefix="层", sep="&nbsp; ")
    legend.resize(width, legend.heightForWidth(width))
    lines = _lines(legend)
    assert "".join(lines).replace("\xa0", " ").count("7（输出层）") == 1
    fm = legend.fontMetrics()
    for entry in ("7（输出层）", "Huber 损失（δ = 1）"):
        if fm.horizontalAdvance(f"╌ {entry}") * 1.1 > legend.contentsRect().width():
            continue  # wider than the line itself: it has to break somewhere
        assert any(entry in line.replace("\xa0", " ") for line in lines), (width, lines)


def test_a_legend_keeps_latin_words_whole_in_its_text(qtbot):
    """(The Chinese walk reads the legend's text for English words: the joiners go between Chinese
    characters and around punctuation, never inside a Latin word.)"""
    from gui.plot_parts import LegendRow

    legend = LegendRow()
    qtbot.addWidget(legend)
    legend.set_entries([("━", "#333333", "Huber 损失（δ = 1）"), ("╌", "#333333", "Log-Cosh loss")])
    assert "Huber" in legend.text() and "Log" in legend.text() and "Cosh" in legend.text()
    assert "loss" in legend.text()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("zoom", "width"), [(1.0, 640), (1.5, 1270), (1.5, 1000), (2.0, 1270)])
def test_neighbouring_layer_titles_keep_a_visible_gap(qapp, lang, zoom, width):
    """In presentation mode at 1280×720, "8 · sigmoid 8 · sigmoid 8 · sigmoid" ran together."""
    from PySide6.QtGui import QFontMetricsF

    from gui import i18n, style

    before, before_zoom = i18n.language(), style.zoom()
    i18n.set_language(lang)
    style.set_zoom(zoom)
    try:
        scene = _scene("vanishing-gradients", width, 400)
    finally:
        i18n.set_language(before)
        style.set_zoom(before_zoom)
    fm = QFontMetricsF(scene.f_title)
    rows = {}
    for p, st in scene.titles:
        rows.setdefault(round(p.y()), []).append((p.x(), p.x() + fm.horizontalAdvance(st.text())))
    for row in rows.values():
        row.sort()
        gaps = [b[0] - a[1] for a, b in zip(row, row[1:])]
        assert min(gaps, default=99) >= fm.horizontalAdvance("  ") - 0.5, (lang, zoom, width, gaps)


def test_a_long_preset_title_is_elided_not_cut(qtbot, language):
    """At 1024×768 "The classic step-by-step example (2-2-2)" showed as "… example (2-2-", cut mid-text."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    from gui.controls import ControlPanel

    panel = ControlPanel()
    qtbot.addWidget(panel)
    panel.set_session(Session.from_preset("worked-example").to_dict(with_history=False))
    panel.resize(panel.minimumWidth(), 700)
    panel.show()
    qtbot.waitExposed(panel)
    combo = panel.preset_combo
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(QStyle.CC_ComboBox, opt, QStyle.SC_ComboBoxEditField, combo)
    full, shown = combo.currentText(), combo.shown_text()
    too_long = combo.fontMetrics().horizontalAdvance(full) > field.width()
    assert too_long or language == "zh"  # the English title is the case (the Chinese one is short)
    if too_long:
        assert shown.endswith("…") and full.startswith(shown[:-1])
    else:
        assert shown == full
    assert combo.fontMetrics().horizontalAdvance(shown) <= field.width()
    combo.grab()  # paints
    panel.resize(900, 700)
    qtbot.waitUntil(lambda: combo.width() > 600)
    assert combo.shown_text() == full  # room enough: the whole title


def test_a_narrow_saturation_bar_keeps_its_percentage(qtbot, language):
    """In presentation mode the bars beside the curves read "layer 1 · sigmoid ·…": the percentage was lost."""
    from gui.gradient_plot import SaturationBars

    bars = SaturationBars()
    qtbot.addWidget(bars)
    bars.set_values(*SEVEN_LAYERS)
    fm = bars.fontMetrics()
    narrow = fm.horizontalAdvance(bars.labels[0]) * 2 // 3
    for i, status in enumerate(["40%", "90%", "100%", "35%", "0%", "2%", "50%"]):
        assert bars.bar_text(i, fm, 10_000) == bars.labels[i]  # room enough: the whole label
        text = bars.bar_text(i, fm, narrow)
        assert status in text and fm.horizontalAdvance(text) <= narrow, (text, narrow)


def test_one_long_legend_entry_takes_its_own_row_and_the_others_share_rows(qtbot, language):
    """In Chinese at 1024×768 the hinge entry's long text made the classification legend one entry per
    row (six rows), and the plot above it about 80 px tall."""
    from PySide6.QtGui import QFont

    from gui.loss_gallery import LossGallery

    dialog = LossGallery()
    qtbot.addWidget(dialog)
    font = QFont(dialog.font())
    font.setPointSizeF(10.5)  # the application's font (gui.app)
    dialog.setFont(font)
    dialog.resize(1000, 640)
    dialog.show()
    qtbot.waitExposed(dialog)
    legend = dialog.classification_legend
    legend.relayout(force=True)
    rows = legend.rows()
    assert sorted(n for r in rows for n in r) == sorted(legend.entries)  # every entry, once
    assert len(rows) <= 4, rows
    for row in rows:
        if len(row) == 1 and legend.entries[row[0]].sizeHint().width() > legend.width() / 2:
            continue  # a long entry alone on its row
        assert sum(legend.entries[n].sizeHint().width() for n in row) <= legend.width()
    assert dialog.classification_plot.height() >= 140, dialog.classification_plot.height()
    dialog.close()


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_the_zoom_badge_leaves_the_headline_readable(qtbot, size):
    """F5's "Zoom 150 %" badge sat over the end of the headline ("Shift+→ one phase") for 1.5 s."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QApplication

    from gui import style
    from gui.main_window import MainWindow

    os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")
    win = MainWindow(session=Session.from_preset("xor-lecture"))
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitUntil(lambda: win.values_drawn, timeout=10_000)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=10_000)
    try:
        qtbot.keyClick(win, Qt.Key_F5)
        assert win.presenting() and win.zoom_badge.isVisible()
        badge = win.zoom_badge.geometry()
        head = win.phase_label
        headline = QRect(head.mapTo(win, head.rect().topLeft()), head.size())
        assert not badge.intersects(headline), (badge, headline)
        assert win.rect().contains(badge)
        qtbot.keyClick(win, Qt.Key_Escape)
        assert not win.presenting()
    finally:
        win.close()
        style.set_zoom(1.0)
        style.set_theme("light")
        QApplication.setPalette(style.palette())


def test_the_current_point_stays_inside_the_loss_plot_between_refreshes(qtbot):
    """While training ran, the marker (placed per snapshot) stood past the plot's right edge, half drawn,
    until the next curve refresh widened the range."""
    import numpy as np

    from gui.loss_plot import LossPlot

    w = LossPlot()
    qtbot.addWidget(w)
    w.resize(600, 400)
    w.show()
    qtbot.waitExposed(w)
    empty = np.empty(0)
    w.append(0, np.linspace(1.0, 0.5, 1000), np.linspace(1.0, 0.5, 1000), 0, empty, empty)
    w.refresh()
    w.set_marker(999)
    first_right = w.plot.getPlotItem().getViewBox().viewRange()[0][1]
    assert first_right >= 999
    more = int(first_right) + 500 - 1000
    w.append(1000, np.full(more, 0.4), np.full(more, 0.4), 0, empty, empty)  # a snapshot, no refresh yet
    w.set_marker(999 + more)
    right = w.plot.getPlotItem().getViewBox().viewRange()[0][1]
    assert right > 999 + more, (right, 999 + more)
