"""How LossPlot scales with history length: a 1,000,000-point curve against a 1,000-point one.

Run: ``python tests/benchmarks/plots_speed.py [--png DIR]`` (offscreen unless QT_QPA_PLATFORM says
otherwise).  Prints, for each length, the median time of ``refresh()`` + a repaint after appending
1000 steps (as one ~30 Hz frame of a fast run would) and the frames per second while panning a
zoomed-in view and the fully zoomed-out one; then the ratios.  With ``--png`` it also renders each
widget with realistic data so the result can be looked at.  Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from PySide6 import QtWidgets

from gui.plots import GradientPlot, LossPlot, OutputView

SIZE = (800, 450)
CHUNK = 1000
REPEATS = 30
PAN_FRAMES = 60


def _loss_curve(n: int, start: int = 0) -> np.ndarray:
    steps = np.arange(start, start + n, dtype=float)
    rng = np.random.default_rng(start)
    return 0.7 * np.exp(-steps / 2e5) + 0.05 + 0.02 * rng.standard_normal(n) ** 2


def _frame(app, plot: LossPlot) -> float:
    """One timer tick: refresh() + a synchronous repaint; returns its time in seconds."""
    t0 = time.perf_counter()
    plot.refresh()
    plot.plot.viewport().repaint()
    elapsed = time.perf_counter() - t0
    app.processEvents()  # drain what the benchmark's back-to-back frames left queued (untimed)
    return elapsed


def measure(app, n: int, log_y: bool) -> dict:
    plot = LossPlot()
    plot.resize(*SIZE)
    plot.show()
    plot.log_box.setChecked(log_y)
    y = _loss_curve(n)
    plot.append(0, y, y, 0, np.empty(0), np.empty(0))
    _frame(app, plot)
    _frame(app, plot)

    times = []
    step = n
    for _ in range(REPEATS):
        y = _loss_curve(CHUNK, step)
        plot.append(step, y, y, 0, np.empty(0), np.empty(0))
        step += CHUNK
        times.append(_frame(app, plot))

    def pan_fps(width: float) -> float:
        vb = plot.plot.getPlotItem().vb
        x0 = 0.0
        vb.setXRange(x0, x0 + width, padding=0)
        _frame(app, plot)
        t0 = time.perf_counter()
        for _ in range(PAN_FRAMES):
            vb.translateBy(x=width / 50)  # what a mouse drag does per move event
            plot.plot.viewport().repaint()
        return PAN_FRAMES / (time.perf_counter() - t0)

    total = float(step)
    zoomed = pan_fps(total / 20)
    whole = pan_fps(total)
    plot.close()
    plot.deleteLater()
    app.processEvents()
    return {"frame_ms": 1e3 * statistics.median(times), "pan_zoomed_fps": zoomed, "pan_whole_fps": whole}


def render_pngs(app, out: Path):
    """Each widget at 500 × 300 with real training data."""
    from model import Session
    from model.snapshot import decision_surface, network_values, saturation

    out.mkdir(parents=True, exist_ok=True)
    s = Session.from_preset("circles-relu")
    t = s.trainer
    t.run_steps(2000)
    h = t.history
    lp = LossPlot()
    lp.resize(500, 300)
    lp.show()
    lp.append(0, h.report.view(), h.loss.view(), 0, h.epoch_report.view(), h.epoch_accuracy.view())
    lp.set_marker(1500)
    lp.refresh()
    for _ in range(2):  # axis widths settle after the first paint
        app.processEvents()
        lp.grab()
    lp.grab().save(str(out / "loss_plot.png"))

    ov = OutputView()
    ov.resize(500, 300)
    ov.show()
    X = s.dataset.X
    ov.set_data(X, s.dataset.Y, s.dataset.task)
    lo, hi = X.min(axis=0) - 0.2, X.max(axis=0) + 0.2
    ov.set_surface(decision_surface(t.network, (lo[0], hi[0]), (lo[1], hi[1])))
    ov.set_highlight(0)
    app.processEvents()
    ov.grab().save(str(out / "output_view.png"))

    s = Session.from_preset("vanishing-gradients")
    t = s.trainer
    t.track_grad_norms = True
    gp = GradientPlot()
    gp.resize(500, 300)
    gp.show()
    for _ in range(20):
        first = t.step
        t.run_steps(10)
        gp.append(first, tuple(g.view()[first:] for g in t.history.grad_norms))
        values = network_values(t.network, s.dataset.X, s.dataset.Y, t.loss)
        gp.append_deltas(t.step, tuple(float(np.linalg.norm(v.delta)) for v in values))
    gp.set_saturation(saturation(values), tuple(v.activation for v in values))
    gp.set_marker(t.step)
    gp.refresh()
    for _ in range(2):
        app.processEvents()
        gp.grab()
    gp.grab().save(str(out / "gradient_plot.png"))
    gp.delta_button.setChecked(True)
    app.processEvents()
    gp.grab().save(str(out / "gradient_plot_delta.png"))
    print(f"PNGs written to {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", type=Path, help="also render each widget into this directory")
    args = parser.parse_args()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    for log_y in (False, True):
        small = measure(app, 1_000, log_y)
        big = measure(app, 1_000_000, log_y)
        print(f"log-y {'on ' if log_y else 'off'}      {'1,000 points':>14} {'1,000,000 points':>18} {'ratio':>7}")
        for key, label in (
            ("frame_ms", "refresh+repaint ms"),
            ("pan_zoomed_fps", "pan 1/20 view fps"),
            ("pan_whole_fps", "pan whole fps"),
        ):
            print(f"  {label:<19} {small[key]:>12.2f} {big[key]:>18.2f} {big[key] / small[key]:>7.2f}")
    if args.png:
        render_pngs(app, args.png)


if __name__ == "__main__":
    main()
