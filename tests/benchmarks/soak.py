"""Soak: 1,000,000 training steps with the whole window open (not part of the test run).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/soak.py [--steps 1000000] [--preset xor-lecture]
        [--mode process|thread]

The window trains as fast as possible, as a lecturer leaves it running.  Every tenth of the run it
prints the step, the steps per second over that interval, and the resident memory (RSS) of the window's
process and of the training process.  The first tenth is the warm-up; after it, memory may grow by at
most 50 MB in all (issue 7 §6), and the rate should stay steady: the later half of the intervals as fast
as the earlier half (median ÷ median ≥ 0.8; a shared machine moves single intervals by far more).
Exit status 0 when the memory target is met.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

MEMORY_TARGET_MB = 50.0


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process (this one by default), in MB."""
    with open(f"/proc/{pid or 'self'}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def soak(steps: int = 1_000_000, preset: str = "xor-lecture", mode: str = "process", report=print) -> dict:
    """Train ``steps`` steps with the window open; returns the memory and rate figures."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from gui.training import INPROCESS_ENV

    os.environ[INPROCESS_ENV] = "1" if mode == "thread" else "0"
    from gui.main_window import MainWindow
    from model import Session

    _app = QApplication.instance() or QApplication([])  # (kept alive while the window is)
    win = MainWindow(session=Session.from_preset(preset))
    win.files.confirm = False
    win.resize(1280, 800)
    win.show()
    c = win.controller

    def wait_until(cond, seconds=600.0):
        end = time.perf_counter() + seconds
        while not cond():
            if time.perf_counter() > end:
                raise TimeoutError("the window did not get there in time")
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()

    wait_until(lambda: win.latest_snapshot is not None)

    def memory():
        child = c.process.pid if c.process is not None else None
        return rss_mb(), (rss_mb(child) if child else 0.0)

    c.set_speed(0)
    c.run()
    marks = [steps * k // 10 for k in range(1, 11)]
    rows = []
    t_prev, s_prev = time.perf_counter(), win.latest_snapshot.step
    report(f"{preset}, {mode} mode, window 1280×800 offscreen, {steps:,} steps as fast as possible")
    report(f"{'step':>10} {'steps/s':>9} {'window MB':>10} {'training MB':>12}")
    for mark in marks:
        wait_until(lambda m=mark: win.latest_snapshot.step >= m)
        now, step = time.perf_counter(), win.latest_snapshot.step
        rate = (step - s_prev) / (now - t_prev)
        gui_mb, child_mb = memory()
        rows.append((step, rate, gui_mb, child_mb))
        report(f"{step:>10,} {rate:>9,.0f} {gui_mb:>10.1f} {child_mb:>12.1f}")
        t_prev, s_prev = now, step
    c.pause()
    wait_until(lambda: not win.latest_snapshot.running)
    win.close()
    warm = rows[0][2] + rows[0][3]
    final = rows[-1][2] + rows[-1][3]
    rates = [r[1] for r in rows[1:]]
    med = statistics.median(rates)
    spread = max(abs(r - med) / med for r in rates)
    # steady: the later intervals as fast as the earlier ones (no slowing down as the histories grow)
    half = len(rates) // 2
    trend = statistics.median(rates[half:]) / statistics.median(rates[:half])
    out = {
        "warm_mb": warm,
        "final_mb": final,
        "growth_mb": final - warm,
        "rates": rates,
        "median_rate": med,
        "spread": spread,
        "trend": trend,
        "steps": rows[-1][0],
    }
    report(
        f"memory after warm-up {warm:.1f} MB → after {rows[-1][0]:,} steps {final:.1f} MB: "
        f"{final - warm:+.1f} MB (target ≤ +{MEMORY_TARGET_MB:g} MB) "
        f"{'met' if final - warm <= MEMORY_TARGET_MB else 'MISSED'}"
    )
    report(
        f"steps/s after warm-up: median {med:,.0f}, largest deviation {spread:.0%}; "
        f"later half ÷ earlier half {trend:.2f} (steady: ≥ 0.8)"
    )
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=1_000_000)
    p.add_argument("--preset", default="xor-lecture")
    p.add_argument("--mode", choices=("process", "thread"), default="process")
    args = p.parse_args(argv)
    out = soak(args.steps, args.preset, args.mode)
    return 0 if out["growth_mb"] <= MEMORY_TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
