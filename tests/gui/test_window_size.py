"""1024×768, the common projector (issue 7 §3): the window fits the screen, never grows, in both languages."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread: fast start-up for tests

from gui import i18n
from gui.main_window import MainWindow
from model import Session

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 10_000


@pytest.fixture(params=["en", "zh"])
def language(request):
    before = i18n.language()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


@pytest.mark.parametrize("preset", ["xor-lecture", "vanishing-gradients"])
def test_the_minimum_size_fits_a_1024x768_projector(qtbot, language, preset):
    win = MainWindow(session=Session.from_preset(preset))
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitUntil(lambda: win.values_drawn, timeout=TIMEOUT)
    hint = win.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 768, (language, hint)
    assert win.width() <= 1024 and win.height() <= 768
    win.close()


# A real start-up on a 1024×768 screen (Qt's offscreen platform with a screen of that size), as
# ``python main.py`` does it; then a training run, which must not widen the window.
_SCRIPT = r"""
import json, sys, time
from gui import i18n
i18n.set_language(sys.argv[1])
from gui.app import _make_app, _fit_to_screen
app = _make_app()
from gui.main_window import MainWindow
from model import Session
win = MainWindow(session=Session.from_preset(sys.argv[2]))
_fit_to_screen(win)
win.show()
def wait(pred, t):
    end = time.monotonic() + t
    while time.monotonic() < end:
        app.processEvents()
        if pred():
            return True
        time.sleep(0.005)
    return False
wait(lambda: win.values_snapshot is not None, 10)
wait(lambda: False, 0.3)
avail = win.screen().availableGeometry()
opened = win.frameGeometry()
win.controller.set_speed(0.0)
win.controller.run()
wait(lambda: win.latest_snapshot.step >= 500 and win.latest_snapshot.running, 30)
wait(lambda: False, 0.5)  # counters, status bar and plots have been redrawn while running
running = win.frameGeometry()
win.controller.pause()
wait(lambda: not win.latest_snapshot.running, 10)
wait(lambda: False, 0.3)
after = win.frameGeometry()
rect = lambda r: [r.x(), r.y(), r.width(), r.height()]
print(json.dumps({
    "available": rect(avail), "opened": rect(opened), "running": rect(running), "after": rect(after),
    "steps": win.latest_snapshot.step,
}))
win.close()
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_on_a_1024x768_screen_the_window_opens_inside_it_and_never_grows(tmp_path, lang):
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1024, "height": 768, "dpr": 1}]})
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", BACKPROP_STUDIO_INPROCESS="1")
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT, lang, "vanishing-gradients"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    r = json.loads(out.stdout.strip().splitlines()[-1])
    ax, ay, aw, ah = r["available"]
    assert (aw, ah) == (1024, 768)
    for when in ("opened", "running", "after"):
        x, y, w, h = r[when]
        assert w <= aw and h <= ah, (when, r)
    assert r["running"][2:] == r["opened"][2:] and r["after"][2:] == r["opened"][2:], r  # never grew
    assert r["steps"] >= 500
