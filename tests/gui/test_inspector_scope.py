"""The inspector in the window: it says what its numbers are (issue 7 §1) and shows the lecture's per-sample δ."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from gui.main_window import MainWindow
from model import Session

TIMEOUT = 10_000


@pytest.fixture
def window(qtbot):
    windows = []

    def make(preset):
        win = MainWindow(session=Session.from_preset(preset))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitUntil(lambda: win.values_drawn, timeout=TIMEOUT)  # drawn
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.close()


def test_the_scope_names_the_mini_batch_each_update_uses(qtbot, window):
    """spiral-adam: the values are over every sample, while each update uses a mini-batch."""
    win = window("spiral-adam")
    session = Session.from_preset("spiral-adam")
    m, b = session.trainer.X.shape[0], session.trainer.batch_size
    assert b < m
    win.diagram_panel.diagram.select_neuron(1, 0)
    qtbot.waitUntil(lambda: win.inspector.explanation is not None, timeout=TIMEOUT)
    scope = win.inspector.explanation.scope
    assert f"All {m} samples" in scope and f"each update uses a mini-batch of {b}" in scope
    assert f"Batch of {m}" not in scope and "as the update uses" not in scope
    assert scope == win.inspector.scope_label.toolTip()


def test_the_inspector_shows_the_lectures_delta_on_xor(qtbot, window):
    win = window("xor-lecture")
    win.diagram_panel.diagram.select_neuron(2, 0)
    qtbot.waitUntil(lambda: win.inspector.explanation is not None, timeout=TIMEOUT)
    deltas = win.inspector.explanation.numbers["delta"]
    assert deltas[0] == pytest.approx(0.09931773, abs=5e-9)  # the lecture's d2 of sample 1
    assert "δ is per sample, as in the lecture" in win.inspector.browser.toPlainText()
