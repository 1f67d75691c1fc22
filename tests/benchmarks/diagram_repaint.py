"""Time NetworkDiagram.repaint() offscreen at 1000×600 against an empty widget (not part of the test run).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/diagram_repaint.py

Prints the median repaint time of a 2-8-8-8-1 and a 784-64-10 network, plain and with a phase
highlighted, and each as a ratio to painting an empty widget of the same size in the same run.
Targets: ≤ 8 ms (small net), ≤ 25 ms (784 inputs).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

from gui.diagram import NetworkDiagram
from model.losses import make_loss
from model.network import Network
from model.optimizers import optimizer_from_dict
from model.snapshot import network_values
from model.trainer import Trainer

SIZE = (1000, 600)
WARMUP, RUNS = 10, 50


class Empty(QWidget):
    """The baseline: a widget that only fills its background."""

    def paintEvent(self, event):
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().window())
        p.end()


def median_repaint_ms(widget, app, change=None):
    widget.resize(*SIZE)
    widget.show()
    app.processEvents()
    times = []
    for k in range(WARMUP + RUNS):
        if change is not None:
            change(k)
        t0 = time.perf_counter()
        widget.repaint()
        t1 = time.perf_counter()
        if k >= WARMUP:
            times.append((t1 - t0) * 1000)
    return statistics.median(times)


def build(sizes, activations, loss_name, m, seed=0):
    net = Network.from_sizes(sizes, activations, "xavier", seed)
    rng = np.random.default_rng(seed)
    X = rng.random((m, sizes[0]))
    k = sizes[-1]
    Y = np.eye(k)[rng.integers(0, k, m)] if k > 1 else (X[:, :1] > 0.5).astype(float)
    loss = make_loss(loss_name)
    values = network_values(net, X, Y, loss)
    trainer = Trainer(net, loss, optimizer_from_dict({"name": "sgd", "learning_rate": 0.1}, net.param_shapes()), X, Y)
    phases = []
    for _ in range(len(sizes) + 1):  # forward …, loss, and the first δ
        phases.append(trainer.step_phase())
    return values, X, Y, phases


def main():
    app = QApplication.instance() or QApplication([])
    empty = Empty()
    print(
        f"median of {RUNS} repaints at {SIZE[0]}×{SIZE[1]}, after {WARMUP} warm-up; the empty widget is "
        "measured again before each line, so that a busy machine slows both sides of the ratio"
    )
    cases = [
        ("2-8-8-8-1", ([2, 8, 8, 8, 1], ["tanh", "tanh", "tanh", "sigmoid"], "bce", 64), 8.0),
        ("784-64-10", ([784, 64, 10], ["relu", "softmax"], "cross_entropy", 64), 25.0),
    ]
    worst = []
    for name, args, target in cases:
        values, X, Y, phases = build(*args)
        d = NetworkDiagram()
        d.set_values(values, X, Y)

        def phase_and_numbers(d=d, phases=phases):
            d.set_show_numbers(True)
            d.set_phase(phases[-1], phases)

        runs = [
            ("repaint", None, None),
            # a new snapshot before every repaint: the colours are recomputed each time (10 Hz in the app)
            ("new values + repaint", None, lambda k, d=d, v=(values, X, Y): d.set_values(*v)),
            ("phase + numbers + repaint", phase_and_numbers, lambda k, d=d, p=phases: d.set_phase(p[-1], p)),
        ]
        for label, setup, change in runs:
            if setup is not None:
                setup()
            base = median_repaint_ms(empty, app)
            ms = median_repaint_ms(d, app, change)
            print(
                f"{name:10s} {label:26s} {ms:7.3f} ms  (empty {base:.3f} ms, ×{ms / base:5.0f})  "
                f"target ≤ {target:g} ms{'' if ms <= target else '   OVER'}"
            )
            worst.append(ms <= target)
        d.close()
    print("all within target" if all(worst) else "SOME OVER TARGET")


if __name__ == "__main__":
    main()
