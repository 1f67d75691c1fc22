"""Memory of a long headless run: the trainer plus a timeline record per step, as the GUI's worker does.

Not part of the test run.  Each length runs in a fresh process (peak RSS is per process)::

    python tests/benchmarks/engine_memory.py [--epochs 100000,800000] [--preset xor-lecture]

It prints the peak resident memory of each run, the size of the histories and the timeline, and
the growth from the shortest to the longest run against the target (≤ 25 MB, issue 7.4).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET_MB = 25.0


def _child(preset: str, epochs: int) -> dict:
    sys.path.insert(0, ROOT)
    from model import Session
    from model.timeline import Timeline

    s = Session.from_preset(preset)
    t = s.trainer
    t.track_grad_norms = True  # as the worker does
    t.track_accuracy = s.dataset.task == "classification"
    timeline = Timeline()
    timeline.record(t)
    t0 = time.perf_counter()
    done = 0
    steps = epochs * t.steps_per_epoch
    while done < steps and t.diverged is None:
        done += t.run_steps(min(20_000, steps - done), timeline.record)
    seconds = time.perf_counter() - t0
    return {
        "epochs": t.epoch,
        "steps": t.step,
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "history_mb": t.history.nbytes() / 2**20,
        "timeline_mb": timeline.nbytes / 2**20,
        "recorded": len(timeline),
    }


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        print(json.dumps(_child(argv[1], int(argv[2]))))
        return 0
    epochs = [100_000, 800_000]
    preset = "xor-lecture"
    for i, a in enumerate(argv):
        if a == "--epochs":
            epochs = [int(x) for x in argv[i + 1].split(",")]
        if a == "--preset":
            preset = argv[i + 1]
    rows = []
    for n in epochs:
        out = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", preset, str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(out.stdout))
    print(f"{preset}: trainer + Timeline.record after every step (grad norms tracked, as in the window)")
    print(f"{'epochs':>10} {'steps':>10} {'seconds':>8} {'peak RSS':>10} {'histories':>10} {'timeline':>9} {'rows':>6}")
    for r in rows:
        print(
            f"{r['epochs']:>10,} {r['steps']:>10,} {r['seconds']:>8.1f} {r['peak_mb']:>8.1f}MB "
            f"{r['history_mb']:>8.2f}MB {r['timeline_mb']:>7.2f}MB {r['recorded']:>6}"
        )
    growth = rows[-1]["peak_mb"] - rows[0]["peak_mb"]
    ok = growth <= TARGET_MB
    print(f"growth {rows[0]['epochs']:,} → {rows[-1]['epochs']:,} epochs: {growth:+.1f} MB (target ≤ {TARGET_MB:g} MB)")
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
