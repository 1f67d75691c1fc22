"""Training-engine throughput: the trainer's two paths against plain numpy loops.

Not part of the test run (timing belongs here, not in tests/).  Run it single-threaded::

    OPENBLAS_NUM_THREADS=1 python tests/benchmarks/engine.py [--quick] [--no-process]

Every figure is a ratio against a baseline measured in the same run (contenders interleaved,
best of many rounds), printed with its target (issue 7.7):

* XOR 2-3-1 (``xor-lecture``): the fast path ÷ the lecture's numpy loop            ≥ 1.7×
* the whole ``main.py train --preset xor-lecture --epochs 100000`` process ÷ the
  lecture loop's whole process (start-up imports included)                         ≤ 0.67
* the phase-by-phase path (``step_phases()`` per step) ÷ the fast path             ≤ 3×
* 784-128-10, batches of 64 on 6,400 random samples, sigmoid + softmax/cross-entropy,
  SGD: the fast path ÷ a plain numpy loop doing the same arithmetic, the trainer
  built outside the timing                                                         ≥ 1.0×
  and the phase path ÷ the fast path                                               ≤ 3×
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402

from model import Session  # noqa: E402
from model.losses import make_loss  # noqa: E402
from model.network import Layer, Network  # noqa: E402
from model.optimizers import make_optimizer  # noqa: E402
from model.trainer import Trainer  # noqa: E402

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


# -- the lecture's loop, as written on the slides ----------------------------------------------
def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    return sigmoid(x) * (1 - sigmoid(x))


def lecture_loop(epochs, lr=0.1, seed=43):
    """The lecture's 2-3-1 XOR loop: full batch, σ′ recomputes σ, MSE every epoch."""
    np.random.seed(seed)
    X, y = XOR_X, XOR_Y
    m = X.shape[0]
    W1 = np.random.randn(2, 3)
    b1 = np.zeros((1, 3))
    W2 = np.random.randn(3, 1)
    b2 = np.zeros((1, 1))
    losses = []
    for _ in range(epochs):
        z1 = X @ W1 + b1
        a1 = sigmoid(z1)
        z2 = a1 @ W2 + b2
        a2 = sigmoid(z2)
        loss = np.mean((y - a2) ** 2)
        losses.append(loss)
        d2 = (a2 - y) * sigmoid_derivative(z2)
        d1 = d2 @ W2.T * sigmoid_derivative(z1)
        W2 -= lr * a1.T @ d2 / m
        b2 -= lr * np.sum(d2, axis=0, keepdims=True) / m
        W1 -= lr * X.T @ d1 / m
        b1 -= lr * np.sum(d1, axis=0, keepdims=True) / m
    return W1, W2, losses


# -- a plain loop for the 784-128-10 net ------------------------------------------------------
def _big_data(n=6400, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 784))
    labels = rng.integers(0, 10, n)
    Y = np.eye(10)[labels]
    return X, Y


def _big_params(seed=0):
    rng = np.random.default_rng(seed)
    r1 = np.sqrt(6 / (784 + 128))
    r2 = np.sqrt(6 / (128 + 10))
    return [rng.uniform(-r1, r1, (784, 128)), np.zeros(128), rng.uniform(-r2, r2, (128, 10)), np.zeros(10)]


def stable_sigmoid(x):
    """The model's sigmoid, ½ + ½·tanh(x/2): it cannot overflow (1/(1 + e^−x) does, for x < −709)."""
    return 0.5 + 0.5 * np.tanh(0.5 * x)


def plain_big_loop(steps, X, Y, params, lr=0.05, batch=64, seed=0):
    """sigmoid hidden layer, softmax + cross-entropy (δ = (A·ΣY − Y)/m), shuffled mini-batches, SGD.

    The same arithmetic as the trainer, written plainly: the same (overflow-free) sigmoid, the
    max-shifted softmax, the clipped cross-entropy computed every step; only the engine differs.
    """
    W1, b1, W2, b2 = (p.copy() for p in params)
    rng = np.random.default_rng(seed)
    m_all = X.shape[0]
    order = rng.permutation(m_all)
    pos = 0
    for _ in range(steps):
        if pos >= m_all:
            order = rng.permutation(m_all)
            pos = 0
        idx = order[pos : pos + batch]
        pos += batch
        x, y = X[idx], Y[idx]
        m = x.shape[0]
        a1 = stable_sigmoid(x @ W1 + b1)
        z2 = a1 @ W2 + b2
        e = np.exp(z2 - z2.max(axis=1, keepdims=True))
        a2 = e / e.sum(axis=1, keepdims=True)
        loss = -np.sum(y * np.log(np.clip(a2, 1e-12, 1.0 - 1e-12))) / m  # noqa: F841 - every step, as the trainer
        d2 = (a2 * y.sum(axis=1, keepdims=True) - y) / m  # the model's fused δ: exact for soft targets too
        d1 = d2 @ W2.T * a1 * (1 - a1)
        W2 -= lr * a1.T @ d2
        b2 -= lr * d2.sum(axis=0)
        W1 -= lr * x.T @ d1
        b1 -= lr * d1.sum(axis=0)
    return W1


def _big_trainer(X, Y, params, lr=0.05, batch=64, seed=0):
    net = Network(
        [Layer(params[0].copy(), params[1].copy(), "sigmoid"), Layer(params[2].copy(), params[3].copy(), "softmax")]
    )
    return Trainer(
        net, make_loss("cross_entropy"), make_optimizer("sgd", learning_rate=lr), X, Y, batch_size=batch, seed=seed
    )


# -- timing -----------------------------------------------------------------------------------
def _rates(contenders, rounds=15):
    """Best steps/s of each ``name: (fn, steps)``, the contenders interleaved round by round
    so that a busy moment on the machine hits them all alike; many short rounds, so that the
    best of them is each contender's own speed rather than the machine's mood (±20 % here)."""
    best = {name: float("inf") for name in contenders}
    for _ in range(rounds):
        for name, (fn, steps) in contenders.items():
            t0 = time.perf_counter()
            fn(steps)
            best[name] = min(best[name], (time.perf_counter() - t0) / steps)
    return {name: 1.0 / t for name, t in best.items()}


def _xor_trainer():
    return Session.from_preset("xor-lecture").trainer


def _phase_steps(trainer, n):
    for _ in range(n):
        trainer.step_phases()


def _built(make):
    """``fn(n)`` that times only the steps: a trainer is built, outside the timing, before each call."""
    state = {"t": make()}

    def run(n):
        t, state["t"] = state["t"], None
        t.run_steps(n)

    def prepare():
        state["t"] = make()

    return run, prepare


def _rates_built(contenders, rounds):
    """Like :func:`_rates`; ``contenders`` map a name to ``(fn, steps, prepare)``, ``prepare`` untimed."""
    best = {name: float("inf") for name in contenders}
    for _ in range(rounds):
        for name, (fn, steps, prepare) in contenders.items():
            if prepare is not None:
                prepare()
            t0 = time.perf_counter()
            fn(steps)
            best[name] = min(best[name], (time.perf_counter() - t0) / steps)
    return {name: 1.0 / t for name, t in best.items()}


LECTURE_PROGRAM = """
import numpy as np
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
def sigmoid_derivative(x):
    return sigmoid(x) * (1 - sigmoid(x))
np.random.seed(43)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])
m = X.shape[0]
W1 = np.random.randn(2, 3)
b1 = np.zeros((1, 3))
W2 = np.random.randn(3, 1)
b2 = np.zeros((1, 1))
lr = 0.1
for epoch in range(EPOCHS):
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    a2 = sigmoid(z2)
    loss = np.mean((y - a2) ** 2)
    d2 = (a2 - y) * sigmoid_derivative(z2)
    d1 = d2 @ W2.T * sigmoid_derivative(z1)
    W2 -= lr * a1.T @ d2 / m
    b2 -= lr * np.sum(d2, axis=0, keepdims=True) / m
    W1 -= lr * X.T @ d1 / m
    b1 -= lr * np.sum(d1, axis=0, keepdims=True) / m
    if epoch % 1000 == 0:
        print(f"Epoch {epoch}: Loss = {loss:.4f}")
"""


def _process_seconds(argv, rounds):
    """Best wall time of each command (interleaved), each a fresh Python process."""
    best = {name: float("inf") for name in argv}
    env = dict(os.environ)
    for _ in range(rounds):
        for name, cmd in argv.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    quick = "--quick" in argv
    n_xor = 1000 if quick else 3000
    n_xor_phase = 300 if quick else 1000
    n_big = 30 if quick else 100

    # sanity: the trainer reproduces the lecture's loop
    W1, W2, losses = lecture_loop(1001)
    t = _xor_trainer()
    t.run_steps(1001)
    assert np.allclose(t.network.layers[0].W, W1, rtol=1e-9, atol=1e-12), "trainer and lecture loop disagree"
    assert abs(t.history.report.view()[1000] - losses[1000]) < 1e-12

    results = []  # (what, value, target text, met)
    print(f"numpy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}")
    xor_fast, xor_fast_prepare = _built(_xor_trainer)
    xor_phase = {}

    def xor_phase_prepare():
        xor_phase["t"] = _xor_trainer()

    r = _rates_built(  # the trainers built outside the timing, as the 784 net's are
        {
            "lecture": (lecture_loop, n_xor, None),
            "fast": (xor_fast, n_xor, xor_fast_prepare),
            "phase": (lambda n: _phase_steps(xor_phase["t"], n), n_xor_phase, xor_phase_prepare),
        },
        rounds=8 if quick else 25,
    )
    lecture, fast, phase = r["lecture"], r["fast"], r["phase"]
    print("XOR 2-3-1 (xor-lecture: ½·MSE trained, MSE reported, accuracy not tracked), full batch")
    print(f"  lecture numpy loop      {lecture:10,.0f} steps/s  {1e6 / lecture:7.1f} µs/step")
    print(f"  trainer fast path       {fast:10,.0f} steps/s  {1e6 / fast:7.1f} µs/step")
    print(f"  trainer phase path      {phase:10,.0f} steps/s  {1e6 / phase:7.1f} µs/step")
    results.append(("XOR fast path ÷ lecture loop", fast / lecture, "≥ 1.7×", fast / lecture >= 1.7))
    results.append(("XOR phase path, times slower than fast", fast / phase, "≤ 3×", fast / phase <= 3))

    if "--no-process" not in argv:
        epochs = 20_000 if quick else 100_000
        lecture_cmd = [sys.executable, "-c", LECTURE_PROGRAM.replace("EPOCHS", str(epochs))]
        train_cmd = [sys.executable, os.path.join(ROOT, "main.py"), "train", "--preset", "xor-lecture"]
        sec = _process_seconds(
            {"lecture": lecture_cmd, "train": [*train_cmd, "--epochs", str(epochs), "--log-every", "1000"]},
            rounds=2 if quick else 3,
        )
        print(f"Whole processes, {epochs:,} epochs of XOR, logging every 1000")
        print(f"  python -c <the lecture's program>               {sec['lecture']:6.2f} s")
        print(f"  python main.py train --preset xor-lecture       {sec['train']:6.2f} s")
        ratio = sec["train"] / sec["lecture"]
        results.append(("train process ÷ lecture process", ratio, "≤ 0.67", ratio <= 0.67))

    X, Y = _big_data()
    params = _big_params()
    fast_run, fast_prepare = _built(lambda: _big_trainer(X, Y, params))
    phase_state = {}

    def phase_prepare():
        phase_state["t"] = _big_trainer(X, Y, params)

    r = _rates_built(
        {
            "plain": (lambda n: plain_big_loop(n, X, Y, params), n_big, None),
            "fast": (fast_run, n_big, fast_prepare),
            "phase": (lambda n: _phase_steps(phase_state["t"], n), n_big, phase_prepare),
        },
        rounds=4 if quick else 9,
    )
    plain, bfast, bphase = r["plain"], r["fast"], r["phase"]
    print("784-128-10 sigmoid/softmax + cross-entropy, batch 64 of 6,400 samples, SGD (trainers built untimed)")
    print(f"  plain numpy loop        {plain:10,.0f} steps/s  {1e6 / plain:7.1f} µs/step")
    print(f"  trainer fast path       {bfast:10,.0f} steps/s  {1e6 / bfast:7.1f} µs/step")
    print(f"  trainer phase path      {bphase:10,.0f} steps/s  {1e6 / bphase:7.1f} µs/step")
    results.append(("784-128-10 fast path ÷ plain loop", bfast / plain, "≥ 1.0×", bfast / plain >= 1.0))
    results.append(("784-128-10 phase path, times slower than fast", bfast / bphase, "≤ 3×", bfast / bphase <= 3))

    print()
    print(f"{'figure':<48} {'measured':>9}  target")
    for what, value, target, met in results:
        print(f"{what:<48} {value:9.2f}  {target:<7} {'met' if met else 'MISSED'}")
    ok = all(met for *_, met in results)
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
