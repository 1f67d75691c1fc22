"""GUI responsiveness and training throughput, worker in a child process or on a thread.

Not part of the test run.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/gui.py [--seconds 2] [--repeats 3]
        [--preset xor-lecture] [--window-only]

Prints, for the preset trained as fast as possible (medians over ``--repeats`` runs, with the range):

* steps per second headless (``trainer.run_steps`` in this process, tracking gradient norms and
  accuracy as the worker does; plain for reference), with the timeline recording every step, and,
  for both worker modes (``process``: the default, a child process; ``thread``: a QThread of this
  process), the worker with a receiver doing what a GUI does and the whole ``MainWindow`` open
  offscreen (if gui.main_window exists)                    (target: window ≥ 70 % of headless)
* the worker's efficiency: steps per CPU-second of the worker (its thread, or the whole child
  process) ÷ headless steps per CPU-second (what the worker itself costs, apart from sharing the
  CPU and the GIL), and the GUI process's CPU share (all its threads: the relay's too)
* the GUI event loop's latency: the lateness of a chain of 10 ms single-shot QTimers on the GUI
  thread (median, 95th percentile, max), idle and while the worker trains  (target: p95 ≤ 30 ms)
* the child process's start-up (spawn and imports, until its worker listens; and until the first
  snapshot arrives), and how long shutdown takes during a run
* how much a CPU-bound Python thread slows a pyqtgraph repaint for several GIL switch intervals
  (why the thread mode sets ``GIL_SWITCH_INTERVAL``, and why the default is a process)
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
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal  # noqa: E402
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
    """A chain of 10 ms single-shot timers on the GUI thread; lateness = (time between shots) − 10 ms."""

    def __init__(self, interval_ms=10):
        self.interval_ms = interval_ms
        self.times = []
        self._on = False

    def _tick(self):
        self.times.append(time.perf_counter())
        if self._on:
            QTimer.singleShot(self.interval_ms, self._tick)

    def measure(self, app, seconds):
        self.times = [time.perf_counter()]
        self._on = True
        QTimer.singleShot(self.interval_ms, self._tick)
        loop_until(app, seconds)
        self._on = False
        loop_until(app, 2 * self.interval_ms / 1000)  # the last shot in flight
        t = np.array(self.times)
        late = np.maximum(np.diff(t) * 1000 - self.interval_ms, 0.0) if t.size > 1 else np.zeros(1)
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


def process_cpu(pid):
    """CPU seconds (user + system) of another process, from /proc (Linux)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_cpu(controller):
    """A function returning the CPU seconds of the controller's worker (its thread, or its process)."""
    if controller.in_process:
        ident = controller.worker.thread_ident
        return lambda: thread_cpu(ident)
    pid = controller.process.pid
    return lambda: process_cpu(pid)


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
    cpu = worker_cpu(controller)
    n0 = len(steps_log)
    w0, g0 = cpu(), time.process_time()
    p50, p95, mx = probe.measure(app, seconds)
    w1, g1 = cpu(), time.process_time()
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
    print(
        f"{label}: {med(rates)} steps/s = {med(ratio, '{:.0%}')} of headless; "
        f"worker efficiency {med(eff, '{:.0%}')} (steps per worker CPU-s ÷ headless per CPU-s); "
        f"GUI process CPU {statistics.median(gui):.0%}"
    )
    print(
        f"    GUI latency: median {med(p50, '{:.1f}')} ms, p95 {med(p95, '{:.1f}')} ms, "
        f"max {med(mx, '{:.0f}')} ms   (target p95 ≤ 30 ms)"
    )


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
    print(
        f"pyqtgraph repaint (50k points): alone {alone:.1f} ms; beside a busy Python thread: "
        + ", ".join(f"switch {sw * 1000:g} ms → {ms:.1f} ms ({ms / alone:.1f}×)" for sw, ms in out)
    )


class PaintLog:
    """Times every paintEvent of the pyqtgraph views and the diagram, per owning gui widget."""

    def __init__(self):
        import pyqtgraph as pg

        self.times = {}
        self.patched = [(pg.GraphicsView, pg.GraphicsView.paintEvent)]
        try:
            from gui.diagram import NetworkDiagram

            self.patched.append((NetworkDiagram, NetworkDiagram.paintEvent))
        except (ImportError, AttributeError):
            pass
        for cls, original in self.patched:
            cls.paintEvent = self._timed(original)  # (before the widgets exist: PySide caches overrides)

    def _timed(self, original):
        def paintEvent(widget, ev):
            t0 = time.perf_counter()
            original(widget, ev)
            self.times.setdefault(self._owner(widget), []).append(time.perf_counter() - t0)

        return paintEvent

    @staticmethod
    def _owner(widget):
        w = widget
        while w is not None and not type(w).__module__.startswith("gui."):
            w = w.parent()
        return type(w if w is not None else widget).__name__

    def report(self, seconds):
        for name, t in sorted(self.times.items(), key=lambda kv: -sum(kv[1])):
            ms = np.array(t) * 1000
            print(
                f"    paint {name}: {len(ms) / seconds:.0f}/s, median {np.median(ms):.1f} ms, "
                f"max {ms.max():.1f} ms = {ms.sum() / seconds / 10:.0f} % of the GUI thread"
            )

    def restore(self):
        for cls, original in self.patched:
            cls.paintEvent = original


def window_figures(app, args, probe, sec, reps):
    """The whole MainWindow open offscreen, training as fast as possible, in both worker modes."""
    try:
        from gui.main_window import MainWindow
    except ImportError as e:
        print(f"MainWindow: not measured ({e})")
        return
    paints = PaintLog()
    from gui.training import INPROCESS_ENV

    saved = os.environ.get(INPROCESS_ENV)
    for mode in ("process", "thread"):
        os.environ[INPROCESS_ENV] = "1" if mode == "thread" else "0"  # how MainWindow's controller is made
        win = MainWindow(preset=args.preset)
        win.resize(1280, 800)
        win.show()
        spin(app, 1.0)
        steps = []
        win.controller.snapshot_ready.connect(lambda s, steps=steps: steps.append((time.perf_counter(), s.step)))
        report_training(
            f"[{mode}] MainWindow open (1280×800, offscreen)",
            interleaved(app, win.controller, steps, probe, sec, args.preset, reps),
        )
        print("    target: window ≥ 70 % of headless")
        win.controller.run()
        loop_until(app, 0.3)
        paints.times.clear()
        loop_until(app, sec)
        print(f"    where the GUI thread's time goes while training ({sec:g} s):")
        paints.report(sec)
        t0 = time.perf_counter()
        win.close()
        c = win.controller
        print(
            f"[{mode}] window closed during a run: {(time.perf_counter() - t0) * 1000:.1f} ms; afterwards: "
            f"thread running {c.worker_thread.isRunning()}"
            + ("" if c.process is None else f", process alive {c.process.is_alive()}")
        )
        sys.setswitchinterval(0.005)
    paints.restore()
    if saved is None:
        os.environ.pop(INPROCESS_ENV, None)
    else:
        os.environ[INPROCESS_ENV] = saved


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--preset", default="xor-lecture")
    ap.add_argument("--window-only", action="store_true", help="only the MainWindow figures (both modes)")
    args = ap.parse_args()
    sec, reps = args.seconds, args.repeats
    app = QApplication.instance() or QApplication([])
    from gui.training.controller import GIL_SWITCH_INTERVAL, TrainingController

    print(
        f"preset {args.preset}; {reps} × {sec:g} s per figure; OPENBLAS_NUM_THREADS="
        f"{os.environ['OPENBLAS_NUM_THREADS']}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )

    probe = LatencyProbe()
    if args.window_only:
        window_figures(app, args, probe, sec, reps)
        return

    # -- headless, same process -------------------------------------------------------------
    heads, recs, plain = [], [], []
    for _ in range(max(reps, 5)):  # interleaved: the difference is a few per cent, the load is not
        plain.append(headless(args.preset, sec / 4, tracking=False))
        heads.append(headless(args.preset, sec / 4))
        recs.append(headless(args.preset, sec / 4, Timeline().record))
    print(
        f"headless run_steps: {med(h[0] for h in plain)} steps/s; with the worker's tracking "
        f"(‖∂L/∂W‖ per step, accuracy per epoch): {med(h[0] for h in heads)} steps/s = "
        f"{med((h[0] / p[0] for h, p in zip(heads, plain)), '{:.0%}')}  — the reference below"
    )
    print(
        f"headless + timeline.record every step: {med(r[0] for r in recs)} steps/s; "
        f"per CPU-s {med((r[1] / h[1] for r, h in zip(recs, heads)), '{:.0%}')} of headless"
    )

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
    print(
        f"timeline.record: {per * 1e6:.2f} µs per call; after 1,000,000 steps {tl.nbytes / 2**20:.2f} MiB "
        f"in {len(tl._tiers)} tiers of {tl.capacity} rows, {len(tl)} steps restorable"
    )

    # -- GIL switch interval ----------------------------------------------------------------------
    paint_slowdown(app)

    # -- latency idle -----------------------------------------------------------------------------
    p50, p95, mx = probe.measure(app, min(sec, 2))
    print(f"GUI latency, idle: median {p50:.1f} ms, p95 {p95:.1f} ms, max {mx:.1f} ms")

    # -- start-up of the training process --------------------------------------------------------
    ups, firsts = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        c = TrainingController(preset=args.preset, process=True)
        got = []
        c.snapshot_ready.connect(got.append)
        while not got and time.perf_counter() - t0 < 10:
            app.processEvents()
            time.sleep(0.001)
        firsts.append(time.perf_counter() - t0)
        ups.append(c.startup_seconds)
        c.shutdown()
    print(
        f"training process start-up (spawn + imports, until its worker listens): {med(ups, '{:.2f}')} s; "
        f"controller created → first snapshot: {med(firsts, '{:.2f}')} s"
    )

    # -- worker + receiver, both modes ------------------------------------------------------------
    for mode in ("process", "thread"):
        c = TrainingController(preset=args.preset, process=mode == "process")
        if mode == "thread":
            print(
                f"(thread mode: the controller set the GIL switch interval to "
                f"{sys.getswitchinterval() * 1000:g} ms; GIL_SWITCH_INTERVAL = {GIL_SWITCH_INTERVAL * 1000:g} ms)"
            )
        steps = []
        c.snapshot_ready.connect(lambda s, steps=steps: steps.append((time.perf_counter(), s.step)))
        spin(app, 0.6)
        report_training(f"[{mode}] worker, no receiver", interleaved(app, c, steps, probe, sec, args.preset, reps))
        rec = Receiver(c)
        report_training(
            f"[{mode}] worker + receiver (loss curve redrawn at 30 Hz)",
            interleaved(app, c, steps, probe, sec, args.preset, reps),
        )
        rec.close()
        c.run()
        loop_until(app, 0.3)
        t0 = time.perf_counter()
        c.shutdown()
        print(
            f"[{mode}] shutdown during a run: {(time.perf_counter() - t0) * 1000:.1f} ms; afterwards: "
            f"thread running {c.worker_thread.isRunning()}"
            + ("" if c.process is None else f", process alive {c.process.is_alive()}")
        )
        sys.setswitchinterval(0.005)  # the thread mode lowered it; measure the other mode with the default

    window_figures(app, args, probe, sec, reps)

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
