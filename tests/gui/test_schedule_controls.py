"""Learning-rate schedules in the optimizer panel: chosen, sent to training, saved, and drawn on the loss curve."""

import json
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread: fast start-up for tests

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.controls import ControlPanel
from gui.main_window import MainWindow
from model import Session
from model.schedules import SCHEDULES, make_schedule

TIMEOUT = 10_000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def panel(qtbot):
    p = ControlPanel()
    qtbot.addWidget(p)
    p.set_session(Session.from_preset("xor-lecture").to_dict(with_history=False))
    p.resize(330, 900)
    p.show()
    return p


@pytest.fixture
def window(qtbot):
    win = MainWindow(session=Session.from_preset("xor-lecture"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.values_snapshot is not None, timeout=TIMEOUT)
    yield win
    win.close()


def choose(qtbot, combo, data):
    """Pick an item from the keyboard, as a user does: focus the box and press Down until it is chosen."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, data
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def type_into(qtbot, spin, text):
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_every_schedule_is_offered_with_its_parameters(qtbot, panel):
    offered = [panel.schedule_combo.itemData(k) for k in range(panel.schedule_combo.count())]
    assert offered == list(SCHEDULES) == ["constant", "step", "exponential", "cosine"]
    assert panel.schedule_combo.currentData() == "constant" and not panel.schedule_param_widgets
    for name, cls in SCHEDULES.items():
        choose(qtbot, panel.schedule_combo, name)
        assert list(panel.schedule_param_widgets) == [p[0] for p in cls.PARAMS]
        assert panel.schedule_formula.text() == cls.formula
        for w in panel.schedule_param_widgets.values():
            assert w.accessibleName()


def test_choosing_step_decay_and_typing_its_parameters_emits_the_schedule(qtbot, panel):
    with qtbot.waitSignal(panel.schedule_changed) as blocker:
        choose(qtbot, panel.schedule_combo, "step")
    assert blocker.args == [{"name": "step", "every": 1000, "factor": 0.5}]
    qtbot.waitUntil(panel.schedule_param_widgets["every"].isVisible)
    with qtbot.waitSignal(panel.schedule_changed) as blocker:
        type_into(qtbot, panel.schedule_param_widgets["every"], "25")
    assert blocker.args == [{"name": "step", "every": 25, "factor": 0.5}]
    with qtbot.waitSignal(panel.schedule_changed) as blocker:
        type_into(qtbot, panel.schedule_param_widgets["factor"], "0.3")
    assert blocker.args == [{"name": "step", "every": 25, "factor": 0.3}]
    make_schedule(**blocker.args[0])  # what the panel sends, the model accepts


def test_a_session_with_a_schedule_shows_it_without_emitting(qtbot, panel):
    s = Session.from_preset("xor-lecture")
    s.trainer.set_schedule(make_schedule("cosine", period=500, min_factor=0.1))
    with qtbot.assertNotEmitted(panel.schedule_changed):
        panel.set_session(s.to_dict(with_history=False))
    assert panel.schedule_combo.currentData() == "cosine"
    assert panel.schedule() == {"name": "cosine", "period": 500, "min_factor": 0.1}
    panel.set_session(Session.from_preset("xor-lecture").to_dict(with_history=False))
    assert panel.schedule() == {"name": "constant"}


def _cli_loss_after(steps: int, schedule: str) -> float:
    """The loss after ``steps`` full-batch steps, as `main.py train --schedule` logs it (epoch ``steps``)."""
    out = subprocess.run(
        [sys.executable, "main.py", "train", "--preset", "xor-lecture", "--epochs", str(steps + 1)]
        + ["--log-every", str(steps), "--jsonl", "--schedule", schedule],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert records[-1]["epoch"] == steps
    return records[-1]["loss"]


def test_a_schedule_chosen_in_the_window_trains_like_the_command_line(qtbot, window, tmp_path):
    win, n = window, 30
    controls = win.controls
    choose(qtbot, controls.schedule_combo, "step")
    qtbot.waitUntil(lambda: controls.schedule_param_widgets["every"].isVisible(), timeout=TIMEOUT)
    type_into(qtbot, controls.schedule_param_widgets["every"], "10")
    type_into(qtbot, controls.schedule_param_widgets["factor"], "0.2")
    qtbot.waitUntil(
        lambda: win.session_dict["optimizer"].get("schedule") == {"name": "step", "every": 10, "factor": 0.2},
        timeout=TIMEOUT,
    )
    win.activateWindow()
    for _ in range(n):
        qtbot.keyClick(win, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: win.latest_snapshot.step == n and win.values_snapshot.step == n, timeout=TIMEOUT)

    scheduled = _cli_loss_after(n, "step:every=10,factor=0.2")
    assert win.latest_snapshot.loss == pytest.approx(scheduled, rel=1e-12, abs=1e-15)
    assert abs(scheduled - _cli_loss_after(n, "constant")) > 1e-4  # the schedule made a difference
    # the current γ: 0.1 · 0.2³ for step 30
    assert win.latest_snapshot.learning_rate == pytest.approx(0.1 * 0.2**3)
    qtbot.waitUntil(lambda: "0.0008" in controls.lr_now_label.text(), timeout=TIMEOUT)
    assert controls.lr_now_label.isVisible()
    # the loss plot draws the schedule along its x axis
    win.loss_plot.fit()
    x, y = win.loss_plot.schedule_xy()
    assert x.size > 1 and y[0] == pytest.approx(0.1) and np.all(np.diff(y) <= 0)
    assert y[np.searchsorted(x, 20)] == pytest.approx(0.1 * 0.2**2)
    qtbot.waitUntil(lambda: win.loss_plot.lr_dot_xy() is not None, timeout=TIMEOUT)
    assert win.loss_plot.lr_dot_xy() == pytest.approx((30.0, 0.1 * 0.2**3))  # the current step's γ, marked

    # saved and opened again: the schedule comes back, in the file and in the panel
    path = tmp_path / "scheduled.json"
    with qtbot.waitSignal(win.controller.session_saved, timeout=TIMEOUT):
        win.controller.save_session(str(path))
    saved = json.loads(path.read_text())
    assert saved["optimizer"]["schedule"] == {"name": "step", "every": 10, "factor": 0.2}
    win.controller.load_preset("xor-lecture")
    qtbot.waitUntil(lambda: controls.schedule_combo.currentData() == "constant", timeout=TIMEOUT)
    assert not win.loss_plot.schedule_xy()[0].size
    win.controller.load_session(str(path))
    qtbot.waitUntil(lambda: controls.schedule_combo.currentData() == "step", timeout=TIMEOUT)
    assert controls.schedule() == {"name": "step", "every": 10, "factor": 0.2}
    assert Session.load(str(path)).trainer.schedule == make_schedule("step", every=10, factor=0.2)
    # a bad schedule is refused in one line and changes nothing
    with qtbot.waitSignal(win.controller.error_occurred, timeout=TIMEOUT) as blocker:
        win.controller.set_schedule({"name": "step", "every": 0})
    assert "every" in blocker.args[0] and "\n" not in blocker.args[0]
    with qtbot.waitSignal(win.controller.error_occurred, timeout=TIMEOUT) as blocker:
        win.controller.set_schedule("cosine")
    assert "\n" not in blocker.args[0]
    win.controller.request_snapshot()
    qtbot.waitUntil(lambda: win.latest_snapshot.learning_rate == pytest.approx(0.1 * 0.2**3), timeout=TIMEOUT)
    assert controls.schedule() == {"name": "step", "every": 10, "factor": 0.2}
