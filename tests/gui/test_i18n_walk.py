"""In Chinese, no English is left: every window, dock, dialog and menu, walked widget by widget.

The window is opened in Chinese with a training step in progress (some phases taken) and a neuron
selected; then every widget's text that a user reads — labels, buttons, combo items, tabs, headers,
tooltips, the inspector, the status bar, the plots' titles and axes, the diagram's captions, every
menu entry — is collected, and any English word outside a short list of names and symbols fails the
test with where it was found.  A string that ``tr()`` never saw is caught this way too.
"""

import html
import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QTextEdit,
    QWidget,
)
from test_i18n import english_words

from gui.training import INPROCESS_ENV

TIMEOUT = 10_000
#: Texts a Chinese interface shows as they are: the language's own name in the Language menu.
AS_IS = {"English"}


@pytest.fixture(autouse=True)
def _training_on_a_thread(monkeypatch):
    monkeypatch.setenv(INPROCESS_ENV, "1")


def _clean(text) -> str:
    """Text as read: without HTML tags, entities, mnemonic ampersands and invisible word joiners (U+2060)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", str(text or ""))).replace("\u2060", "")
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class Walk:
    """Collects (where, text) pairs and reports the ones with English words."""

    def __init__(self):
        self.found = []

    def add(self, where, text):
        text = _clean(text)
        if text.strip() and text.strip() not in AS_IS:
            self.found.append((where, text))

    def english(self):
        out = {}
        for where, text in self.found:
            words = english_words(text)
            if words:
                out.setdefault(text, (where, words))
        return out

    # widgets ---------------------------------------------------------------------------------
    def widget_tree(self, root: QWidget, name: str):
        for w in [root, *root.findChildren(QWidget)]:
            self.widget(w, f"{name}/{type(w).__name__}#{w.objectName()}")

    def widget(self, w, where):
        if w.objectName().startswith("qt_"):  # Qt's own parts (scroll areas, the calendar …)
            return
        self.add(where + " tooltip", w.toolTip())
        self.add(where + " whatsThis", w.whatsThis())
        if isinstance(w, (QMainWindow, QDialog, QDockWidget)):
            self.add(where + " title", w.windowTitle())
        if isinstance(w, QLabel):
            self.add(where, w.text())
        elif isinstance(w, QAbstractButton):
            self.add(where, w.text())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                self.add(f"{where} item {i}", w.itemText(i))
                self.add(f"{where} item {i} tooltip", w.itemData(i, Qt.ItemDataRole.ToolTipRole))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                self.add(f"{where} tab {i}", w.tabText(i))
                self.add(f"{where} tab {i} tooltip", w.tabToolTip(i))
        elif isinstance(w, QGroupBox):
            self.add(where, w.title())
        elif isinstance(w, QTextEdit):
            self.add(where, w.toPlainText())
        elif isinstance(w, QLineEdit):
            self.add(where + " placeholder", w.placeholderText())
        elif isinstance(w, QAbstractSpinBox):
            self.add(where + " special", getattr(w, "specialValueText", lambda: "")())
            self.add(where + " suffix", getattr(w, "suffix", lambda: "")())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            self.item_view(w, where)
        if isinstance(w, QGraphicsView) and w.scene() is not None:
            self.scene(w.scene(), where)
        for a in w.actions():
            self.action(a, where)

    def item_view(self, view, where):
        model = view.model()
        for section in range(model.columnCount()):
            self.add(f"{where} header {section}", model.headerData(section, Qt.Orientation.Horizontal))
        for row in range(min(model.rowCount(), 200)):
            for col in range(model.columnCount()):
                index = model.index(row, col)
                self.add(f"{where} [{row}, {col}]", model.data(index))
                self.add(f"{where} [{row}, {col}] tooltip", model.data(index, Qt.ItemDataRole.ToolTipRole))

    def scene(self, scene, where):
        for item in scene.items():
            for getter in ("toPlainText", "text"):
                value = getattr(item, getter, None)
                if callable(value):
                    self.add(f"{where} {type(item).__name__}", value())
                    break
            else:
                if isinstance(getattr(item, "text", None), str):  # pyqtgraph's LabelItem (plot titles)
                    self.add(f"{where} {type(item).__name__}", item.text)
            label = getattr(item, "labelText", None)  # pyqtgraph's AxisItem
            if isinstance(label, str):
                self.add(f"{where} axis", label)
            if hasattr(item, "toolTip"):
                self.add(f"{where} {type(item).__name__} tooltip", item.toolTip())

    def action(self, a, where):
        self.add(f"{where} action", a.text())
        self.add(f"{where} action tooltip", a.toolTip() if a.toolTip() != a.text().replace("&", "") else "")
        self.add(f"{where} action status tip", a.statusTip())
        menu = a.menu()
        if menu is not None:
            self.menu(menu, f"{where} › {_clean(a.text())}")

    def menu(self, menu: QMenu, where):
        menu.aboutToShow.emit()  # menus filled when they open (Open recent)
        self.add(where + " title", menu.title())
        for a in menu.actions():
            self.action(a, where)


def _modal(qtbot, trigger, walk, name):
    """Run ``trigger`` (which opens a modal dialog), walk the dialog while it is open, then close it."""
    seen = []

    def look():
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(20, look)
            return
        seen.append(w)
        walk.widget_tree(w, name)
        if isinstance(w, QMessageBox):
            w.done(QMessageBox.StandardButton.Cancel)
        else:
            w.reject()

    QTimer.singleShot(0, look)
    trigger()
    assert seen, f"{name} did not open"


def _report(english) -> str:
    lines = [f"  {where}: {text[:60]!r}…{text[-200:]!r} {words}" for text, (where, words) in english.items()]
    return f"{len(english)} texts with English words:\n" + "\n".join(lines)


def _open(qtbot, preset=None):
    from gui.main_window import MainWindow

    win = MainWindow(preset=preset)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None, timeout=TIMEOUT)
    return win


def _phase_index(win):
    phase = win.latest_snapshot.phase
    return -1 if phase is None else phase.index


def _inspector(qtbot, win, walk, name, select):
    select()
    qtbot.waitUntil(lambda: win.inspector.explanation is not None, timeout=TIMEOUT)
    walk.add(f"inspector ({name})", win.inspector.browser.toPlainText())
    walk.add(f"inspector scope ({name})", win.inspector.scope_label.text())
    walk.add(f"inspector scope tip ({name})", win.inspector.scope_label.toolTip())


def _plot_menus(root, walk):
    """The right-click menus of the plots (they replace pyqtgraph's English ones)."""
    from pyqtgraph import PlotWidget

    for plot in root.findChildren(PlotWidget):
        vb = plot.getPlotItem().getViewBox()
        if vb.menu is not None:
            walk.menu(vb.menu, f"plot menu {type(plot.parent()).__name__}")
        for a in getattr(plot.scene(), "contextMenu", []) or []:
            walk.action(a, f"plot menu {type(plot.parent()).__name__}")


def _other_windows(qtbot, win, walk):
    """The comparison (every kind, a step taken), the gradient-descent explorer (every button), the landscape."""
    from PySide6.QtWidgets import QPushButton

    win.show_compare()
    cw = win.compare_window
    for i in range(cw.kind_combo.count()):
        cw.kind_combo.setCurrentIndex(i)
        walk.widget_tree(cw, f"compare, {cw.kind_combo.itemData(i)}")
    before = cw.status.text()
    cw.step()
    qtbot.waitUntil(lambda: cw.status.text() != before, timeout=TIMEOUT)  # both sides took their step
    walk.widget_tree(cw, "compare after a step")
    _plot_menus(cw, walk)
    cw.close()
    win.act_descent.trigger()
    de = win.descent_explorer
    for i in range(de.curve_combo.count()):
        de.curve_combo.setCurrentIndex(i)
        for button in de.findChildren(QPushButton):
            button.click()
            walk.widget_tree(de, f"descent explorer, {_clean(button.text())}")
    _plot_menus(de, walk)
    de.close()
    win.act_landscape.trigger()
    lw = win.landscape_window
    lw.request()
    lw.wait()  # the landscape computed on its worker thread …
    qtbot.waitUntil(lambda: lw.landscape is not None, timeout=TIMEOUT)  # … and drawn
    walk.widget_tree(lw, "landscape")
    _plot_menus(lw, walk)
    lw.close()


def test_no_english_is_left_anywhere_in_chinese(qtbot, chinese):
    win = _open(qtbot)
    # a step in progress: three phases taken (forward, forward, loss); a neuron selected
    for _ in range(3):
        win.controller.step_phase()
    qtbot.waitUntil(lambda: _phase_index(win) >= 2, timeout=TIMEOUT)
    walk = Walk()
    diagram = win.diagram_panel.diagram
    _inspector(qtbot, win, walk, "output neuron", lambda: diagram.select_neuron(2, 0))
    _inspector(qtbot, win, walk, "input neuron", lambda: diagram.select_neuron(0, 0))
    _inspector(qtbot, win, walk, "weight", lambda: diagram.select_edge(2, 0, 0))
    _inspector(qtbot, win, walk, "hidden neuron", lambda: diagram.select_neuron(1, 0))
    win.refresh_views()  # the counters and the headline up to date

    walk.widget_tree(win, "window")
    walk.add("status bar", win.statusBar().currentMessage())
    for a in win.menuBar().actions():
        walk.action(a, "menu")
    _plot_menus(win, walk)

    # the rest of the step: δ, gradients and the update, each phase's inspector and headline
    while _phase_index(win) < len(win.latest_snapshot.step_phases) - 1:
        k, before = _phase_index(win), win.phase_label.text()
        win.controller.step_phase()
        qtbot.waitUntil(lambda k=k: _phase_index(win) > k, timeout=TIMEOUT)
        qtbot.waitUntil(lambda before=before: win.phase_label.text() != before, timeout=TIMEOUT)  # (on a timer)
        walk.add(f"headline, phase {k + 1}", win.phase_label.text())
        walk.add(f"headline tip, phase {k + 1}", win.phase_label.toolTip())
        _inspector(qtbot, win, walk, f"phase {k + 1}", lambda: diagram.select_neuron(1, 0))
    _inspector(qtbot, win, walk, "weight after the update", lambda: diagram.select_edge(1, 0, 0))

    # every loss's and optimizer's parameter fields, with their labels and choices
    for combo in (win.controls.loss_combo, win.controls.optimizer_combo):
        for i in range(combo.count()):
            combo.setCurrentIndex(i)
            walk.widget_tree(win.controls, f"controls with {combo.itemData(i)}")

    # the dialogs and windows the menus open
    win.act_losses.trigger()
    walk.widget_tree(win.loss_gallery, "loss gallery")
    win.loss_gallery.close()
    win.show_shortcuts()
    for dlg in win.findChildren(QDialog):
        if dlg.isVisible():
            walk.widget_tree(dlg, type(dlg).__name__)
            dlg.close()
    win.controller.gradient_check()
    qtbot.waitUntil(lambda: getattr(win, "gradcheck_dialog", None) is not None, timeout=TIMEOUT)
    walk.widget_tree(win.gradcheck_dialog, "gradient check")
    win.gradcheck_dialog.close()
    _other_windows(qtbot, win, walk)
    _modal(qtbot, win.act_about.trigger, walk, "about")
    _modal(qtbot, lambda: diagram.weight_edit_requested.emit(1, 0, 0, 0.5), walk, "edit weight")
    _modal(qtbot, lambda: diagram.bias_edit_requested.emit(1, 0, 0.5), walk, "edit bias")

    # training: the status bar while running, then the timeline looking back
    win.controls.run_button.click()
    qtbot.waitUntil(lambda: win.latest_snapshot.running and win.latest_snapshot.step > 3, timeout=TIMEOUT)
    walk.add("status while running", win.status_progress.text())
    walk.add("headline while running", win.phase_label.text())
    win.controls.run_button.click()
    qtbot.waitUntil(lambda: not win.latest_snapshot.running, timeout=TIMEOUT)
    win.timeline_slider.setValue(1)
    qtbot.waitUntil(lambda: win.latest_snapshot.viewing_step is not None, timeout=TIMEOUT)
    walk.widget_tree(win, "window looking back")
    walk.add("status looking back", win.status_progress.text())
    _modal(qtbot, win.resume_button.click, walk, "resume from here")

    english = walk.english()
    assert len(walk.found) > 300  # the walk saw the window
    win.close()
    assert not english, _report(english)


def test_divergence_speaks_chinese(qtbot, chinese):
    win = _open(qtbot, preset="lr-too-large")
    win.controls.run_button.click()
    qtbot.waitUntil(lambda: bool(win.latest_snapshot.diverged) and not win.latest_snapshot.running, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: win.notice.isVisible(), timeout=TIMEOUT)
    walk = Walk()
    walk.widget_tree(win, "window after divergence")
    walk.add("status bar", win.statusBar().currentMessage())
    walk.add("headline", win.phase_label.text())
    for dlg_button in win.notice.findChildren(QAbstractButton):
        walk.add("notice button", dlg_button.text())
    english = walk.english()
    assert "发散" in win.phase_label.text() + win.notice.text()
    win.close()
    assert not english, _report(english)


def test_the_training_process_speaks_chinese_too(qtbot, chinese, monkeypatch):
    """In a child process (the default), the worker's own messages come back in Chinese."""
    monkeypatch.delenv(INPROCESS_ENV, raising=False)
    win = _open(qtbot, preset="lr-too-large")
    assert not win.controller.in_process
    win.controls.run_button.click()
    qtbot.waitUntil(lambda: bool(win.latest_snapshot.diverged) and not win.latest_snapshot.running, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: win.notice.isVisible(), timeout=TIMEOUT)
    diverged = str(win.latest_snapshot.diverged)
    win.close()
    assert "发散" in diverged and not english_words(diverged), diverged
