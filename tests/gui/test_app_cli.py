"""The whole program as a user starts it: `main.py --self-test` and `--screenshot`, in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, timeout=120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("BACKPROP_STUDIO_INPROCESS", None)  # as a user runs it: training in its own process
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )


def test_self_test_trains_through_the_window_and_reports_one_line():
    r = _run("--self-test")
    assert r.returncode == 0, r.stdout + r.stderr
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("self-test OK"), r.stdout
    assert "Traceback" not in r.stderr and "QThread" not in r.stderr


def test_screenshot_renders_the_window_after_training(tmp_path):
    out = tmp_path / "window.png"
    r = _run("--screenshot", str(out), "--preset", "circles-relu", "--epochs", "20")
    assert r.returncode == 0, r.stdout + r.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    assert "step 400" in r.stdout  # 20 epochs of 20 mini-batches
    colours = {image.pixel(x, y) for x in range(0, 1600, 40) for y in range(0, 1000, 40)}
    assert len(colours) > 20  # a drawn window, not a blank one


def test_bad_preset_is_one_line_and_exit_2():
    r = _run("--preset", "no-such-preset", "--self-test")
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "unknown preset" in r.stderr
