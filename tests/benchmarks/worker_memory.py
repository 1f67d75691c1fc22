"""The training worker's memory over a long headless run (not part of the test run).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/worker_memory.py [--steps 3000000]
        [--preset xor-lecture] [--history both|growing|series]

Runs the worker as the training process does (its QTimer in this process's event loop), as fast
as possible, with every snapshot consumed (the latest kept, as the window does), and prints the
resident memory (RSS) every ``--steps / 10`` steps: the growth after a warm-up of 10 % of the run,
and what the trainer's history and the worker's timeline hold.  ``--history series`` keeps the
trainer's per-step histories on ``model.series.Series`` (what the trainer does from wave 1 on);
``growing`` on whatever ``model.trainer.History`` uses today; ``both`` runs each in turn.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def history_bytes(h) -> int:
    def size(s):
        return s.nbytes() if callable(getattr(s, "nbytes", None)) else s._buf.nbytes

    parts = [h.loss, h.report, h.epoch_report, h.epoch_loss, h.epoch_accuracy, *h.grad_norms]
    return sum(size(s) for s in parts)


def use_series(trainer):
    from model.series import Series

    h = trainer.history
    for key in ("loss", "report", "epoch_report", "epoch_loss", "epoch_accuracy"):
        s = Series()
        s.extend(getattr(h, key).view())
        setattr(h, key, s)
    h.grad_norms = [Series() for _ in trainer.network.layers]


def run(app, preset, steps, series):
    from gui.training.worker import TrainingWorker

    worker = TrainingWorker()
    latest = []
    counts = {"snapshots": 0, "values": 0}

    def consume(name, args):
        if name == "snapshot_ready":
            counts["snapshots"] += 1
            counts["values"] += args[0].new_report.size
            latest[:] = [args[0]]  # the window keeps the latest one

    worker.event.connect(consume)
    worker.handle("load_preset", (preset,))
    t = worker.session.trainer
    if series:
        t.step_phase()  # creates the gradient-norm histories (replaced next)
        worker.handle("reset", ())
        t = worker.session.trainer
        use_series(t)
    worker.handle("run", ())
    marks = []
    every = max(1, steps // 10)
    next_mark = 0
    t0 = time.perf_counter()
    while t.step < steps:
        app.processEvents()
        if t.step >= next_mark:
            marks.append((t.step, rss_mb(), history_bytes(t.history), worker.timeline.nbytes))
            next_mark += every
    worker.handle("pause", ())
    app.processEvents()
    seconds = time.perf_counter() - t0
    marks.append((t.step, rss_mb(), history_bytes(t.history), worker.timeline.nbytes))
    worker.shutdown()
    label = "Series" if series else "History as it is"
    print(f"\n{preset}, trainer history on {label}: {t.step:,} steps in {seconds:.0f} s ({t.step / seconds:,.0f}/s)")
    print(f"  snapshots consumed {counts['snapshots']:,}; losses received {counts['values']:,}")
    print("       step    RSS MB   history MB   timeline MB")
    for step, rss, hist, tl in marks:
        print(f"  {step:>9,}  {rss:8.1f}   {hist / 2**20:10.1f}   {tl / 2**20:11.2f}")
    warm = next((m for m in marks if m[0] >= steps // 10), marks[0])
    end = marks[-1]
    print(
        f"  growth after warm-up (step {warm[0]:,} → {end[0]:,}): RSS {end[1] - warm[1]:+.1f} MB, "
        f"history {(end[2] - warm[2]) / 2**20:+.1f} MB, timeline {(end[3] - warm[3]) / 2**20:+.2f} MB"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=3_000_000)
    ap.add_argument("--preset", default="xor-lecture")
    ap.add_argument("--history", choices=("both", "growing", "series"), default="both")
    args = ap.parse_args()
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication([])
    modes = {"both": (False, True), "growing": (False,), "series": (True,)}[args.history]
    print(f"RSS at start {rss_mb():.1f} MB")
    for series in modes:
        run(app, args.preset, args.steps, series)


if __name__ == "__main__":
    main()
