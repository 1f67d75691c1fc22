"""Accessibility basics: every control has a name a screen reader can say, the diagram has a text
alternative that follows the selection and the values, and F1 lists the shortcuts of the actions."""

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDoubleSpinBox

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")

from gui.accessibility import accessible_name, is_control, unnamed_controls
from gui.main_window import MainWindow
from gui.shortcuts import ShortcutsDialog, shortcut_rows
from model import Session

TIMEOUT = 10_000


@pytest.fixture
def window(qtbot):
    def make(preset="xor-lecture"):
        win = MainWindow(session=Session.from_preset(preset))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.values_snapshot is not None, timeout=TIMEOUT)
        return win

    return make


def _names(widgets):
    return [f"{type(w).__name__} in {type(w.parentWidget()).__name__}" for w in widgets]


@pytest.mark.parametrize("preset", ["xor-lecture", "spiral-adam"])
def test_every_control_of_the_window_has_an_accessible_name(qtbot, window, preset):
    win = window(preset)
    for tab in range(win.bottom_tabs.count()):
        win.bottom_tabs.setCurrentIndex(tab)
        qtbot.waitUntil(lambda t=tab: win.bottom_tabs.currentWidget().isVisible(), timeout=TIMEOUT)
        controls = [w for w in win.findChildren(type(win.controls).__mro__[-3]) if w.isVisible() and is_control(w)]
        assert len(controls) > 50
        assert not unnamed_controls(win), _names(unnamed_controls(win))


def test_the_dialogs_controls_have_names_too(qtbot, window):
    win = window()
    win.act_losses.trigger()  # Help → Loss functions…
    qtbot.waitUntil(win.loss_gallery.isVisible, timeout=TIMEOUT)
    assert not unnamed_controls(win.loss_gallery), _names(unnamed_controls(win.loss_gallery))
    win.loss_gallery.close()
    win.show_shortcuts()
    assert not unnamed_controls(win.shortcuts_dialog)
    win.shortcuts_dialog.close()


def test_a_control_without_a_name_is_found(qtbot, window):
    win = window()
    spin = QDoubleSpinBox(win.controls.content)  # as a new control added without a label would be
    win.controls.content.layout().addWidget(spin)
    spin.show()
    qtbot.waitUntil(spin.isVisible, timeout=TIMEOUT)
    assert unnamed_controls(win) == [spin]
    spin.setAccessibleName("Momentum")
    assert accessible_name(spin) == "Momentum" and not unnamed_controls(win)


def test_the_diagram_says_the_selected_neurons_values(qtbot, window):
    win = window()
    d = win.diagram_panel.diagram
    assert accessible_name(d) == "Network diagram"
    assert "arrow keys" in d.accessibleDescription()
    qtbot.waitUntil(lambda: bool(d.scene.sizes), timeout=TIMEOUT)  # (drawn at the diagram's refresh)
    d.setFocus()
    qtbot.keyClick(d, Qt.Key_Right, Qt.ControlModifier)  # the keyboard walks the neurons
    qtbot.keyClick(d, Qt.Key_Right, Qt.ControlModifier)
    assert d.selection() == ("neuron", 1, 0)
    text = d.accessibleDescription()
    a = d.value_at("neuron", 1, 0, quantity="a")
    assert text.startswith("Hidden 1 · neuron 1") and f"a = {a:.6g}" in text and "δ = " in text
    assert "\n" not in text
    before = text
    for _ in range(5):
        win.controller.step()
    qtbot.waitUntil(lambda: d.accessibleDescription() != before, timeout=TIMEOUT)  # the values follow training
    d.select_edge(2, 1, 0)
    assert d.accessibleDescription().startswith(d.scene.tooltip_text(("edge", 2, 1, 0)).splitlines()[0])
    assert "w = " in d.accessibleDescription()
    d.clear_selection()
    assert "arrow keys" in d.accessibleDescription()


def test_f1_lists_every_shortcut_from_the_actions_themselves(qtbot, window):
    win = window()
    rows = shortcut_rows(win)
    keys = {(action, spelled) for _, action, spelled, _ in rows}
    assert ("Run", "Space") in keys and ("Presentation mode", "F5") in keys and ("Keyboard shortcuts", "F1") in keys
    assert ("Save", QKeySequence("Ctrl+S").toString(QKeySequence.NativeText)) in keys
    groups = {action: group for group, action, _, _ in rows}
    assert groups["Run"] == "Training" and groups["Save as…"] == "File"
    # an action added tomorrow is listed tomorrow
    extra = QAction("Jump to the end", win)
    extra.setShortcut(QKeySequence("Ctrl+E"))
    win.addAction(extra)
    assert ("Jump to the end", QKeySequence("Ctrl+E").toString(QKeySequence.NativeText)) in {
        (a, k) for _, a, k, _ in shortcut_rows(win)
    }
    qtbot.keyClick(win, Qt.Key_F1)
    dlg = win.shortcuts_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=TIMEOUT)
    assert isinstance(dlg, ShortcutsDialog) and dlg.table.rowCount() == len(shortcut_rows(win))
    assert {dlg.table.item(r, 1).text() for r in range(dlg.table.rowCount())} >= {"Run", "Step", "Reset"}
    dlg.close()


def test_every_loss_and_optimizer_parameter_box_has_a_name(qtbot, window):
    """Each loss and optimizer shows its own parameter boxes; focal's α (with its "off" box beside it) had none."""
    win = window("imbalanced-focal")
    c = win.controls
    seen = set()
    for combo in (c.loss_combo, c.optimizer_combo):
        for i in range(combo.count()):
            combo.setCurrentIndex(i)
            qtbot.waitUntil(lambda: all(w.isVisible() for w in c.loss_param_widgets.values()), timeout=TIMEOUT)
            assert not unnamed_controls(c), (combo.currentData(), _names(unnamed_controls(c)))
            seen.add(combo.currentData())
    assert {"focal", "huber", "adam", "momentum"} <= seen
    c.loss_combo.setCurrentIndex(c.loss_combo.findData("focal"))
    assert accessible_name(c.loss_param_widgets["alpha"]).startswith("α")


def test_the_divergence_notice_has_names_for_its_buttons(qtbot, window):
    win = window("lr-too-large")
    with qtbot.waitSignal(win.controller.diverged, timeout=60_000):
        win.controller.run()
    qtbot.waitUntil(win.notice.isVisible, timeout=TIMEOUT)
    assert not unnamed_controls(win), _names(unnamed_controls(win))


def test_f1_lists_the_keys_the_diagram_handles_itself_and_they_work(qtbot, window, monkeypatch):
    """Ctrl+arrows, Enter/F2 and Esc are the diagram's own (not actions): F1 lists them under its name."""
    from PySide6.QtWidgets import QInputDialog

    asked_for = []
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (asked_for.append(a[1:3]), (0.0, False))[1])
    win = window()
    rows = {(g, a): k for g, a, k, _ in shortcut_rows(win)}
    spelled = lambda *keys: ", ".join(QKeySequence(k).toString(QKeySequence.NativeText) for k in keys)  # noqa: E731
    assert rows[("Network diagram", "Walk the neurons")] == spelled(
        Qt.ControlModifier | Qt.Key_Up, Qt.ControlModifier | Qt.Key_Down,
        Qt.ControlModifier | Qt.Key_Left, Qt.ControlModifier | Qt.Key_Right,
    )  # fmt: skip
    assert "F2" in rows[("Network diagram", "Edit the selected weight or bias")]
    assert rows[("Network diagram", "Clear the selection")] == spelled(Qt.Key_Escape)
    d = win.diagram_panel.diagram
    qtbot.waitUntil(lambda: bool(d.scene.sizes), timeout=TIMEOUT)
    d.setFocus()
    qtbot.keyClick(d, Qt.Key_Right, Qt.ControlModifier)
    qtbot.keyClick(d, Qt.Key_Down, Qt.ControlModifier)
    assert d.selection() == ("neuron", 0, 1)
    with qtbot.waitSignal(d.bias_edit_requested, timeout=TIMEOUT) as asked:
        qtbot.keyClick(d, Qt.Key_Right, Qt.ControlModifier)
        qtbot.keyClick(d, Qt.Key_F2)  # the edit box opens (answered "Cancel" here)
    assert asked.args[:2] == [1, 1] and len(asked_for) == 1
    qtbot.keyClick(d, Qt.Key_Escape)
    assert d.selection() is None
    win.show_shortcuts()
    table = win.shortcuts_dialog.table
    assert "Walk the neurons" in {table.item(r, 1).text() for r in range(table.rowCount())}
    win.shortcuts_dialog.close()


def test_presenting_on_a_small_screen_leaves_no_control_unnamed(qtbot, window):
    """1024×768: the controls and the inspector are tabbed docks; F5 hides them (their tab bar stays, empty)."""
    win = window()
    win.resize(1024, 768)
    qtbot.keyClick(win, Qt.Key_F5)
    assert win.presenting()
    assert not unnamed_controls(win), _names(unnamed_controls(win))
    qtbot.keyClick(win, Qt.Key_Escape)
    assert not unnamed_controls(win), _names(unnamed_controls(win))
