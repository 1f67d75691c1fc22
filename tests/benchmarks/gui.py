"""GUI responsiveness and training throughput with the worker thread (not part of the test run).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/gui.py [--seconds 2] [--repeats 3] [--preset xor-lecture]

Prints, for the preset trained as fast as possible (medians over ``--repeats`` runs, with the range):

* steps per second headless (``trainer.run_steps`` in this process, tracking gradient norms and
  accuracy as the worker does; plain for reference), with the timeline recording
  every step, the worker with a receiver doing what a GUI does, and the whole ``MainWindow`` open
  offscreen (if gui.main_window exists)                              (target: window ≥ 70 % of headless)
* the worker's efficiency: steps per CPU-second of the worker thread ÷ headless steps per CPU-second
  (what the worker itself costs, apart from sharing the CPU and the GIL), and the GUI thread's CPU share
* the GUI event loop's latency: the lateness of a 10 ms QTimer on the GUI thread (median, 95th
  percentile, max), idle and while the worker trains                  (target: p95 ≤ 30 ms)
* how much a CPU-bound Python thread slows a pyqtgraph repaint for several GIL switch intervals
  (why gui.worker sets ``GIL_SWITCH_INTERVAL``)
* the timeline's cost per ``record`` and its memory after a million (fake) steps
* ``NetworkDiagram.set_values`` + ``repaint`` per snapshot (if gui.diagram exists).

The machine is shared: when another process takes a core, wall-clock figures move by ±30 %;
the CPU-time ratio moves much less.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
# this file is tests/benchmarks/gui.py: put the repository first so `gui` is the package, not this file
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QTimer, Qt, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from model.session import Session  # noqa: E402
from model.timeline import Timeline  # noqa: E402


def spin(app, seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def loop_until(app, seconds):
    """Run a real event loop for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


class LatencyProbe:
    """A 10 ms timer on the GUI thread; lateness = (time between timeouts) − 10 ms."""

    def __init__(self, interval_ms=10):
        self.interval = interval_ms / 1000
        self.timer = QTimer()
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.times = []

    def _tick(self):
        self.times.append(self.clock.nsecsElapsed() / 1e9)

    def measure(self, app, seconds):
        self.times = []
        self.clock.start()
        self.timer.start()
        loop_until(app, seconds)
        self.timer.stop()
        t = np.array(self.times)
        late = np.maximum(np.diff(t) - self.interval, 0.0) * 1000 if t.size > 1 else np.zeros(1)
        return float(np.median(late)), float(np.percentile(late, 95)), float(late.max())


class Receiver:
    """What a GUI does with snapshots: keep the loss curve's array, redraw it at ~30 Hz."""

    def __init__(self, source):
        import pyqtgraph as pg

        self.loss = np.empty(1 << 16)
        self.n = 0
        self.last = None
        source.snapshot_ready.connect(self.on_snapshot)
        self.widget = pg.PlotWidget()
        self.widget.resize(800, 400)
        self.widget.show()
        self.widget.getPlotItem().setClipToView(True)
        self.curve = self.widget.plot()
        self.curve.setDownsampling(auto=True, method="peak")
        self.timer = QTimer()
        self.timer.setInterval(33)
        self.timer.timeout.connect(self.redraw)
        self.timer.start()
        self.dirty = False

    def on_snapshot(self, s):
        if s.history_reset:
            self.n = 0
        k = len(s.new_report)
        while self.n + k > self.loss.size:
            self.loss = np.concatenate([self.loss, np.empty(self.loss.size)])
        self.loss[self.n : self.n + k] = s.new_report
        self.n += k
        self.last = s
        self.dirty = True

    def redraw(self):
        if self.dirty:
            self.dirty = False
            self.curve.setData(np.arange(self.n, dtype=float), self.loss[: self.n])

    def close(self):
        self.timer.stop()
        self.widget.close()


def thread_cpu(ident):
    return time.clock_gettime(time.pthread_getcpuclockid(ident))


def headless(preset, seconds, after_step=None, tracking=True):
    """``(steps per wall second, steps per CPU second)`` of run_steps on this thread.

    ``tracking``: record per-step gradient norms and per-epoch accuracy, as the worker does.
    """
    session = Session.from_preset(preset)
    t = session.trainer
    t.track_grad_norms = tracking
    t.track_accuracy = tracking and session.dataset.task == "classification"
    t.run_steps(500, after_step)
    n = 0
    c0, t0 = time.thread_time(), time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        n += t.run_steps(500, after_step)
    return n / (time.perf_counter() - t0), n / (time.thread_time() - c0)


def training_run(app, controller, steps_log, probe, seconds):
    """Run as fast as possible for ``seconds``: wall steps/s, worker steps per CPU-s, GUI CPU share, latency."""
    controller.set_speed(0)
    controller.run()
    loop_until(app, 0.4)  # chunk sizes settle
    ident = controller.worker.thread_ident
    n0 = len(steps_log)
    w0, g0 = thread_cpu(ident), time.thread_time()
    p50, p95, mx = probe.measure(app, seconds)
    w1, g1 = thread_cpu(ident), time.thread_time()
    (ta, sa), (tb, sb) = steps_log[n0], steps_log[-1]
    controller.pause()
    spin(app, 0.15)
    return (sb - sa) / (tb - ta), (sb - sa) / max(w1 - w0, 1e-9), (g1 - g0) / seconds, p50, p95, mx


def med(values, fmt="{:.0f}"):
    values = list(values)
    return f"{fmt.format(statistics.median(values))} [{fmt.format(min(values))}–{fmt.format(max(values))}]"


def interleaved(app, controller, steps_log, probe, seconds, preset, repeats):
    """Training runs, each right after a headless run of its own, so that load from other processes
    affects both sides of each ratio alike; returns (run figures, headless wall, headless CPU) per repeat."""
    out = []
    for _ in range(repeats):
        hw, hc = headless(preset, seconds / 2)
        out.append((training_run(app, controller, steps_log, probe, seconds), hw, hc))
    return out


def report_training(label, results):
    runs = [r for r, _, _ in results]
    rates, effs, gui, p50, p95, mx = zip(*runs)
    ratio = [r[0] / hw for r, hw, _ in results]
    eff = [r[1] / hc for r, _, hc in results]
    print(f"{label}: {med(rates)} steps/s = {med(ratio, '{:.0%}')} of headless; "
          f"worker efficiency {med(eff, '{:.0%}')} (steps per worker CPU-s ÷ headless per CPU-s); "
          f"GUI thread CPU {statistics.median(gui):.0%}")
    print(f"    GUI latency: median {med(p50, '{:.1f}')} ms, p95 {med(p95, '{:.1f}')} ms, "
          f"max {med(mx, '{:.0f}')} ms   (target p95 ≤ 30 ms)")


def paint_slowdown(app):
    """Median repaint time of a 50k-point pyqtgraph curve, alone and beside a CPU-bound Python thread."""
    from types import SimpleNamespace

    import pyqtgraph as pg

    class Source(QObject):
        snapshot_ready = Signal(object)

    rec = Receiver(Source())
    rec.timer.stop()
    rec.on_snapshot(SimpleNamespace(history_reset=True, new_report=np.random.rand(50_000)))
    times = []
    original = pg.GraphicsView.paintEvent

    def timed(self, ev):
        t0 = time.perf_counter()
        original(self, ev)
        times.append(time.perf_counter() - t0)

    pg.GraphicsView.paintEvent = timed

    def frames(n=25):
        times.clear()
        for _ in range(n):
            rec.on_snapshot(SimpleNamespace(history_reset=False, new_report=np.random.rand(100)))
            rec.redraw()
            rec.widget.viewport().update()
            loop_until(app, 0.03)
        return statistics.median(times) * 1000

    stop = False

    def busy():  # what the worker does to the GIL: small numpy operations, back to back
        a = np.zeros(3)
        while not stop:
            a += 1

    saved = sys.getswitchinterval()
    alone = frames()
    out = []
    for sw in (0.005, 0.001, 0.0005, 0.0002):
        sys.setswitchinterval(sw)
        stop = False
        th = threading.Thread(target=busy)
        th.start()
        out.append((sw, frames()))
        stop = True
        th.join()
    sys.setswitchinterval(saved)
    pg.GraphicsView.paintEvent = original
    rec.close()
    print(f"pyqtgraph repaint (50k points): alone {alone:.1f} ms; beside a busy Python thread: "
          + ", ".join(f"switch {sw * 1000:g} ms → {ms:.1f} ms ({ms / alone:.1f}×)" for sw, ms in out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--preset", default="xor-lecture")
    args = ap.parse_args()
    sec, reps = args.seconds, args.repeats
    app = QApplication.instance() or QApplication([])
    from gui.worker import GIL_SWITCH_INTERVAL, TrainingController

    print(f"preset {args.preset}; {reps} × {sec:g} s per figure; OPENBLAS_NUM_THREADS="
          f"{os.environ['OPENBLAS_NUM_THREADS']}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    # -- headless, same process -------------------------------------------------------------
    heads, recs, plain = [], [], []
    for _ in range(max(reps, 5)):  # interleaved: the difference is a few per cent, the load is not
        plain.append(headless(args.preset, sec / 4, tracking=False))
        heads.append(headless(args.preset, sec / 4))
        recs.append(headless(args.preset, sec / 4, Timeline().record))
    print(f"headless run_steps: {med(h[0] for h in plain)} steps/s; with the worker's tracking "
          f"(‖∂L/∂W‖ per step, accuracy per epoch): {med(h[0] for h in heads)} steps/s = "
          f"{med((h[0] / p[0] for h, p in zip(heads, plain)), '{:.0%}')}  — the reference below")
    print(f"headless + timeline.record every step: {med(r[0] for r in recs)} steps/s; "
          f"per CPU-s {med((r[1] / h[1] for r, h in zip(recs, heads)), '{:.0%}')} of headless")

    # -- the timeline alone -------------------------------------------------------------------
    t = Session.from_preset(args.preset).trainer
    t.run_steps(10)
    tl = Timeline()
    tl.record(t)
    n = 200_000
    t0 = time.perf_counter()
    for _ in range(n):
        t.step += 1
        tl.record(t)
    per = (time.perf_counter() - t0) / n
    for _ in range(1_000_000 - n):
        t.step += 1
        tl.record(t)
    print(f"timeline.record: {per * 1e6:.2f} µs per call; after 1,000,000 steps {tl.nbytes / 2**20:.2f} MiB "
          f"in {len(tl._tiers)} tiers of {tl.capacity} rows, {len(tl)} steps restorable")

    # -- GIL switch interval ----------------------------------------------------------------------
    paint_slowdown(app)

    # -- latency idle -----------------------------------------------------------------------------
    probe = LatencyProbe()
    p50, p95, mx = probe.measure(app, min(sec, 2))
    print(f"GUI latency, idle: median {p50:.1f} ms, p95 {p95:.1f} ms, max {mx:.1f} ms")

    # -- worker + receiver ------------------------------------------------------------------------
    c = TrainingController(preset=args.preset)
    print(f"(the controller set the GIL switch interval to {sys.getswitchinterval() * 1000:g} ms; "
          f"GIL_SWITCH_INTERVAL = {GIL_SWITCH_INTERVAL * 1000:g} ms)")
    steps = []
    c.snapshot_ready.connect(lambda s: steps.append((time.perf_counter(), s.step)))
    spin(app, 0.3)
    report_training("worker, no receiver", interleaved(app, c, steps, probe, sec, args.preset, reps))
    rec = Receiver(c)
    report_training("worker + receiver (loss curve redrawn at 30 Hz)",
                    interleaved(app, c, steps, probe, sec, args.preset, reps))
    rec.close()
    c.run()
    loop_until(app, 0.3)
    t0 = time.perf_counter()
    c.shutdown()
    print(f"shutdown during a run: {(time.perf_counter() - t0) * 1000:.1f} ms; "
          f"thread running afterwards: {c.worker_thread.isRunning()}")

    # -- the whole window -------------------------------------------------------------------------
    try:
        from gui.main_window import MainWindow
    except ImportError as e:
        print(f"MainWindow: not measured ({e})")
        MainWindow = None
    if MainWindow is not None:
        win = MainWindow(preset=args.preset)
        win.resize(1280, 800)
        win.show()
        spin(app, 1.0)
        steps = []
        win.controller.snapshot_ready.connect(lambda s: steps.append((time.perf_counter(), s.step)))
        report_training("MainWindow open (1280×800, offscreen)",
                        interleaved(app, win.controller, steps, probe, sec, args.preset, reps))
        print("    target: window ≥ 70 % of headless")
        win.controller.run()
        loop_until(app, 0.2)
        t0 = time.perf_counter()
        win.close()
        print(f"window closed during a run: {(time.perf_counter() - t0) * 1000:.1f} ms; "
              f"thread running afterwards: {win.controller.worker_thread.isRunning()}")

    # -- the diagram ------------------------------------------------------------------------------
    try:
        from gui.diagram import NetworkDiagram
    except ImportError as e:
        print(f"NetworkDiagram: not measured ({e})")
        return
    from model.snapshot import network_values

    d = NetworkDiagram()
    d.resize(1000, 600)
    d.show()
    app.processEvents()
    t = Session.from_preset(args.preset).trainer
    times = []
    for k in range(60):
        t.run_steps(10)
        values = network_values(t.network, t.X, t.Y, t.loss)
        t0 = time.perf_counter()
        d.set_values(values, t.X, t.Y)
        d.repaint()
        if k >= 10:
            times.append((time.perf_counter() - t0) * 1000)
    print(f"NetworkDiagram set_values + repaint (1000×600): median {statistics.median(times):.2f} ms")
    d.close()


if __name__ == "__main__":
    main()
