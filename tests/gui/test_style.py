"""Themes and presentation mode: readable text in every theme, every view following it, F5 / Esc and zoom by keys."""

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread: fast start-up for tests

from gui import style
from gui.main_window import MainWindow
from model import Session

TIMEOUT = 10_000


@pytest.mark.parametrize("name", list(style.THEMES))
def test_every_text_colour_of_every_theme_has_a_contrast_of_at_least_4_5(name):
    t = style.THEMES[name]
    low = [(what, fg, bg, round(style.contrast(fg, bg), 2)) for what, fg, bg in style.text_pairs(t)]
    low = [x for x in low if x[3] < 4.5]
    assert not low, low


@pytest.mark.parametrize("name", list(style.THEMES))
def test_every_theme_palette_reads(qapp, name):
    p = style.palette(style.THEMES[name])
    for fg, bg in (
        (QPalette.WindowText, QPalette.Window),
        (QPalette.Text, QPalette.Base),
        (QPalette.ButtonText, QPalette.Button),
        (QPalette.HighlightedText, QPalette.Highlight),
        (QPalette.ToolTipText, QPalette.ToolTipBase),
        (QPalette.PlaceholderText, QPalette.Base),
    ):
        assert style.contrast(p.color(fg), p.color(bg)) >= 4.5, (name, fg, bg)


def test_the_old_dark_palette_failure_is_caught_by_the_contrast_check():
    # notes in #4d4d4d on a dark window: the 1.6:1 that issue 7 measured
    assert style.contrast("#4d4d4d", "#2b2b2b") < 2.0


def test_system_follows_the_desktop_scheme():
    assert style.resolve("system", "dark").name == "dark"
    assert style.resolve("system", "light").name == "light"
    assert style.resolve("high_contrast").name == "high_contrast"
    with pytest.raises(ValueError, match="unknown theme"):
        style.resolve("sepia")


def test_recolouring_the_models_html_swaps_known_colours_only():
    html = '<span style="color:#D95F02">1</span><span style="color:#123456">2</span>'
    out = style.recolour_html(html, style.THEMES["dark"])
    assert style.THEMES["dark"].html["#d95f02"] in out and "#123456" in out


@pytest.fixture
def window(qtbot):
    windows = []

    def make(preset="worked-example"):
        win = MainWindow(session=Session.from_preset(preset))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitUntil(lambda: win.values_drawn, timeout=TIMEOUT)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=TIMEOUT)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.close()
    style.set_theme("light")
    QApplication.setPalette(style.palette())


def _dark(colour: QColor) -> bool:
    return style.luminance(colour) < 0.1


def _theme_menu(win):
    return next(a.menu() for a in win.view_menu.actions() if a.menu() is not None)


def test_choosing_dark_in_the_view_menu_darkens_every_view(qtbot, window):
    win = window()
    win.diagram_panel.diagram.select_neuron(1, 0)
    dark = next(a for a in _theme_menu(win).actions() if a.data() == "dark")
    dark.trigger()
    assert win.theme_choice() == "dark" and style.theme().name == "dark"
    qtbot.waitUntil(lambda: win.values_drawn, timeout=TIMEOUT)
    corner = win.diagram_panel.diagram.grab().toImage().pixelColor(3, 3)
    assert _dark(corner)
    assert _dark(QColor(win.loss_plot.plot.backgroundBrush().color()))
    assert _dark(QColor(win.output_view.plot.backgroundBrush().color()))
    assert "background: #1e1e1e" in win.inspector.browser.styleSheet()
    assert _dark(QApplication.palette().color(QPalette.Window))
    note = win.controls.preset_description
    assert (
        style.contrast(note.palette().color(QPalette.WindowText), QApplication.palette().color(QPalette.Window)) > 4.5
    )
    html = win.inspector.browser.toHtml().lower()
    assert "#d95f02" not in html  # the model's orange for white paper, swapped for the theme's
    next(a for a in _theme_menu(win).actions() if a.data() == "light").trigger()
    assert not _dark(win.diagram_panel.diagram.grab().toImage().pixelColor(3, 3))


def test_the_system_theme_follows_a_desktop_switch(qtbot, window):
    win = window()
    assert win.theme_choice() == "system"
    QApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert style.theme().name == "dark"
    win.set_theme_choice("light")
    QApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert style.theme().name == "light"  # a chosen theme stays


def test_restyling_keeps_the_plot_axes_unscaled(qtbot, window):
    win = window()
    qtbot.keyClick(win, Qt.Key_Right)
    qtbot.waitUntil(lambda: win.values_snapshot.step == 1 and win.values_drawn, timeout=TIMEOUT)
    win.set_theme_choice("dark")
    win.set_theme_choice("light")
    axis = win.loss_plot.plot.getPlotItem().getAxis("left")
    assert axis.autoSIPrefixScale == 1.0 and axis.labelUnitPrefix == ""  # not "loss (×0.001)"


def test_f5_presents_and_esc_leaves(qtbot, window):
    win = window()
    base_pt = win.font().pointSizeF()
    radius = win.diagram_panel.diagram.neuron_radius()
    qtbot.keyClick(win, Qt.Key_F5)
    assert win.presenting()
    assert style.theme().name == "high_contrast" and style.zoom() == 1.5
    for hidden in (win.controls_dock, win.inspector_dock, win.toolbar, win.menuBar(), win.timeline):
        assert not hidden.isVisible()
    assert win.diagram_panel.diagram.isVisible() and win.loss_plot.isVisible()
    assert not win.diagram_panel.toolbar.isVisible()
    assert win.font().pointSizeF() == pytest.approx(max(style.BASE_PT, base_pt) * 1.5)
    assert win.zoom_badge.isVisible() and "150" in win.zoom_badge.text()
    qtbot.waitUntil(lambda: win.diagram_panel.diagram.neuron_radius() > radius, timeout=TIMEOUT)
    line = win.loss_plot.report_curve.opts["pen"].widthF()
    qtbot.keyClick(win, Qt.Key_Plus)
    assert style.zoom() == 1.75
    assert win.loss_plot.report_curve.opts["pen"].widthF() > line  # lines grow with the zoom
    for _ in range(5):
        qtbot.keyClick(win, Qt.Key_Plus, Qt.ControlModifier)
    assert style.zoom() == 2.5  # at most 250 %
    qtbot.keyClick(win, Qt.Key_Minus, Qt.ControlModifier)
    assert style.zoom() == 2.25
    qtbot.keyClick(win, Qt.Key_0, Qt.ControlModifier)
    assert style.zoom() == 1.0
    qtbot.keyClick(win, Qt.Key_Escape)
    assert not win.presenting()
    assert style.theme().name == "light" and style.zoom() == 1.0
    assert win.font().pointSizeF() == pytest.approx(base_pt)
    for shown in (win.controls_dock, win.toolbar, win.menuBar(), win.timeline, win.diagram_panel.toolbar):
        assert shown.isVisible()
    qtbot.keyClick(win, Qt.Key_Plus)  # outside presentation mode the zoom keys do nothing
    assert style.zoom() == 1.0


def test_presentation_mode_remembers_its_zoom_and_keeps_keys_working(qtbot, window):
    win = window()
    qtbot.keyClick(win, Qt.Key_F5)
    qtbot.keyClick(win, Qt.Key_Plus)
    qtbot.keyClick(win, Qt.Key_F5)  # F5 again leaves too
    assert not win.presenting() and style.zoom() == 1.0
    qtbot.keyClick(win, Qt.Key_F5)
    assert style.zoom() == 1.75
    qtbot.keyClick(win, Qt.Key_Right)  # the lecture's keys work while presenting
    qtbot.waitUntil(lambda: win.latest_snapshot.step == 1, timeout=TIMEOUT)
    qtbot.keyClick(win, Qt.Key_Escape)


def test_a_theme_chosen_while_presenting_applies_afterwards(qtbot, window):
    win = window()
    qtbot.keyClick(win, Qt.Key_F5)
    win.set_theme_choice("dark")
    assert style.theme().name == "high_contrast"
    qtbot.keyClick(win, Qt.Key_Escape)
    assert style.theme().name == "dark"


def test_numbers_inside_neurons_read_on_their_fill(qtbot, window):
    win = window()
    win.set_theme_choice("dark")
    scene = win.diagram_panel.diagram.scene
    win.diagram_panel.numbers_check.setChecked(True)
    assert scene.current()["numbers"]
    for code, brush in scene.colours.brushes.items():  # every colour bin, pending and non-finite included
        assert style.contrast(scene.colours.texts[code], brush.color()) >= 4.5, code


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_legend_texts_never_overlap_when_presenting_on_a_small_screen(qtbot, window, lang):
    """1024×768, F5, the δ phase: the neuron bar's "+0.099" is wider than the edge bar's "+2.01", and the
    "not computed yet" note beside the stacked bars starts right of both (it was drawn over "+0.099")."""
    from gui import i18n

    before = i18n.language()
    i18n.set_language(lang)
    try:
        _legend_never_overlaps(qtbot, window)
    finally:
        i18n.set_language(before)


def _legend_never_overlaps(qtbot, window):
    from gui.i18n import tr

    win = window("xor-lecture")
    win.resize(1024, 768)
    win.diagram_panel.sample_combo.setCurrentIndex(1)
    qtbot.keyClick(win, Qt.Key_F5)
    d = win.diagram_panel.diagram
    for _ in range(4):
        qtbot.keyClick(win, Qt.Key_Right, Qt.ShiftModifier)
    qtbot.waitUntil(lambda: d.scene.input.phase is not None and d.scene.input.phase.kind == "delta", timeout=TIMEOUT)
    for _ in range(5):  # 150 % … 250 %
        d.grab()  # paints the legend
        stacked, _ = d.scene.legend
        assert stacked and any(text == tr("not computed yet") for text, _ in d.legend_boxes)
        boxes = d.legend_boxes
        for k, (a, ra) in enumerate(boxes):
            for b, rb in boxes[k + 1 :]:
                assert not ra.intersects(rb), (a, b, style.zoom())
        qtbot.keyClick(win, Qt.Key_Plus)
    qtbot.keyClick(win, Qt.Key_Escape)


def test_presenting_keeps_room_above_the_plots_for_their_top_tick_label(qtbot, window):
    """F5 hides the plots' titles; the top tick label ("1.0") is centred on the axis's end and was cut in half."""
    from PySide6.QtGui import QFontMetricsF

    win = window()
    qtbot.keyClick(win, Qt.Key_F5)
    half = QFontMetricsF(style.plot_font(style.TICK_PT)).height() / 2
    for plot in (win.loss_plot.plot, win.output_view.plot, win.gradient_plot.plot):
        pi = plot.getPlotItem()
        assert not pi.titleLabel.isVisible()
        assert pi.layout.rowMinimumHeight(0) >= half
    qtbot.keyClick(win, Qt.Key_Escape)
    assert win.loss_plot.plot.getPlotItem().titleLabel.isVisible()


def test_presenting_grows_the_data_points_but_never_over_a_small_plot(qtbot, window):
    """F5 at 1280×720: 200 spiral points at 150 % covered the small output plot; they grow no bigger than
    1/14 of its shorter side (and never shrink below their normal size)."""
    win = window("spiral-adam")
    win.resize(1280, 720)
    view = win.output_view
    qtbot.waitUntil(lambda: len(view.points.data) == 200, timeout=TIMEOUT)
    assert view._point_size() == 10 and view.points.opts["size"] == 10  # normal size, as before
    qtbot.keyClick(win, Qt.Key_F5)
    vb = view.plot.getPlotItem().getViewBox()
    qtbot.waitUntil(lambda: view.points.opts["size"] == view._point_size(), timeout=TIMEOUT)
    side = min(vb.width(), vb.height())
    assert 10 <= view.points.opts["size"] <= max(10, side / 14) + 1e-9
    assert view.points.opts["size"] < 15 or side / 14 >= 15  # not simply 10 px × 150 %
    qtbot.keyClick(win, Qt.Key_Escape)
    qtbot.waitUntil(lambda: view.points.opts["size"] == 10, timeout=TIMEOUT)
