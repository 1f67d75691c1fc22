"""The divergence guard: checkpoints and replay instead of a copy per step, exact wherever it stops;
an update that overflows is divergence; no warning from the engine reaches the terminal."""

import json
import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from model import Session, load_session
from model.losses import make_loss
from model.network import Layer, Network
from model.optimizers import make_optimizer
from model.schedules import Schedule
from model.trainer import CHECKPOINT_EVERY, Trainer

ROOT = Path(__file__).resolve().parents[2]


def _trainer(name, **overrides):
    return Session.from_preset(name, **overrides).trainer


def _same_state(a, b):
    assert a.step == b.step and a.epoch == b.epoch
    assert all(np.array_equal(x, y) for x, y in zip(a.network.params(), b.network.params()))
    assert a.optimizer.t == b.optimizer.t
    for key in set(a.optimizer.state) | set(b.optimizer.state):
        assert all(np.array_equal(x, y) for x, y in zip(a.optimizer.state[key], b.optimizer.state[key]))
    assert a.rng.bit_generator.state == b.rng.bit_generator.state
    pa, pb = a.progress, b.progress
    assert pa._replace(order=None) == pb._replace(order=None)
    assert (pa.order is None and pb.order is None) or np.array_equal(pa.order, pb.order)
    assert np.array_equal(a.history.loss.view(), b.history.loss.view())
    assert np.array_equal(a.history.epoch_report.view(), b.history.epoch_report.view())


def _diverging(optimizer="sgd", lr=1.7, batch_size=50):
    """Linear regression that diverges after a few hundred steps, on mini-batches (so the shuffle is rewound)."""
    return _trainer("lr-too-large", batch_size=batch_size, optimizer={"name": optimizer, "learning_rate": lr})


def test_the_guard_does_not_copy_the_parameters_every_step(monkeypatch):
    copies = []
    real = Trainer._checkpoint
    monkeypatch.setattr(Trainer, "_checkpoint", lambda self, cache: copies.append(self.step) or real(self, cache))
    t = _trainer("xor-lecture")
    assert t.run_steps(1000) == 1000
    assert len(copies) == math.ceil(1000 / CHECKPOINT_EVERY)  # one at the call's start, then one per interval
    assert copies[:3] == [0, CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY]


@pytest.mark.parametrize("optimizer, lr, batch_size", [("sgd", 1.7, 50), ("momentum", 2.0, 30), ("sgd", 3.0, None)])
def test_divergence_far_from_a_checkpoint_restores_exactly_the_step_before(optimizer, lr, batch_size):
    a = _diverging(optimizer, lr, batch_size)
    a.run_steps(5000)
    d = a.diverged
    assert d is not None and d.step % CHECKPOINT_EVERY not in (0, 1), "pick settings that fail between checkpoints"
    assert a.step == d.step - 1
    b = _diverging(optimizer, lr, batch_size)  # one step per call: every call keeps its own start, no replay
    for _ in range(d.step - 1):
        assert b.run_steps(1) == 1
    _same_state(a, b)
    a.run_steps(10)  # and again from there: the same step fails, the same state is kept
    assert a.diverged.step == d.step
    _same_state(a, b)


def test_divergence_at_the_first_step_of_a_call_goes_back_across_the_call():
    probe = _diverging()
    probe.run_steps(5000)
    s = probe.diverged.step
    a = _diverging()
    a.run_steps(s)  # ends at the start of step s: the next call fails at once
    assert a.diverged is None and a.step == s
    assert a.run_steps(5) == 0
    assert a.diverged.step == s and a.step == s - 1
    b = _diverging()
    b.run_steps(s - 1)
    _same_state(a, b)


def test_a_divergence_right_after_a_settings_change_goes_back_to_the_weights_before_it():
    t = _diverging(lr=0.01)
    t.run_steps(30)
    ref = [p.copy() for p in t.network.params()]
    t.set_learning_rate(1e308)  # the next update sends the weights far away
    t.run_steps(5)
    assert t.diverged is not None and t.diverged.step == 31
    assert t.step == 30  # the last weights with a finite loss: before the update with the new rate
    assert all(np.array_equal(x, y) for x, y in zip(t.network.params(), ref))


def test_an_update_that_overflows_is_divergence_and_keeps_the_last_finite_weights():
    t = _trainer("lr-too-large")
    start = [p.copy() for p in t.network.params()]
    t.set_learning_rate(1e308)
    assert t.run_steps(1) == 0
    assert t.diverged is not None and "non-finite" in t.diverged.message
    assert t.step == 0 and t.history.loss.n == 0
    assert all(np.array_equal(p, q) for p, q in zip(t.network.params(), start))


class _JumpAt(Schedule):
    """γ = 1e-12 until step ``at``, then 1e308: that update overflows."""

    name = "jump"

    def __init__(self, at):
        super().__init__()
        self.at = at

    def rate(self, base, step):
        return 1e-12 if step < self.at else 1e308


def test_an_overflow_between_checkpoints_is_found_at_its_step():
    # Hidden units 1 and 2 get gradients of ±3.7 at step `at`: their weights overflow to ±inf and the
    # units saturate to 1 and 0, the output's stay finite and it saturates too, so the loss stays finite
    # and every later gradient is 0. Only a parameter check sees it: the next checkpoint's, and the
    # replay from the checkpoint before finds the step.
    at = CHECKPOINT_EVERY + 37
    rng = np.random.default_rng(1)
    X = rng.uniform(0.5, 1.0, (6, 2))
    Y = np.full((6, 1), 0.9)

    def make():
        hidden = Layer([[1.0, 1.0, 0.5], [1.0, 1.0, 0.5]], [0.0, 0.0, 0.0], "sigmoid")
        net = Network([hidden, Layer([[100.0], [-100.0], [0.0]], [0.0], "sigmoid")])
        return Trainer(net, make_loss("mse"), make_optimizer("sgd", 0.5), X, Y, schedule=_JumpAt(at))

    a, b = make(), make()
    a.run_steps(1000)
    for _ in range(1000):
        if not b.run_steps(1):
            break
    assert a.diverged is not None and b.diverged is not None
    assert a.diverged.step == b.diverged.step == at + 1
    assert "non-finite" in a.diverged.message
    assert a.step == at and all(np.all(np.isfinite(p)) for p in a.network.params())
    _same_state(a, b)


def test_an_overflow_on_the_phase_path_flags_the_update_and_undoes_it():
    t = _trainer("lr-too-large")
    t.set_learning_rate(1e308)
    start = [p.copy() for p in t.network.params()]
    phases = t.step_phases()
    assert phases[-1].kind == "update" and phases[-1].values["diverged"] is True
    assert t.diverged is not None and t.step == 0
    assert all(np.array_equal(p, q) for p, q in zip(t.network.params(), start))


def test_cli_lr_1e308_exits_3_and_saves_a_file_that_loads(tmp_path):
    path = tmp_path / "x.json"
    args = ["train", "--preset", "lr-too-large", "--lr", "1e308", "--epochs", "1", "--save", str(path)]
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 3, r.stderr
    assert "diverged" in r.stderr and "Traceback" not in r.stderr and "Warning" not in r.stderr
    s = load_session(path)
    assert all(np.all(np.isfinite(p)) for p in s.trainer.network.params())
    assert "Infinity" not in path.read_text()


def test_a_huge_weight_warns_nowhere():
    d = Session.from_preset("worked-example").to_dict()
    d["network"]["layers"][0]["weights"][0][0] = 1e308
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = Session.from_dict(d).trainer
        t.step_phases()
        t.run_steps(3)
        t.step_phase()
        t.finish_step()
    assert t.diverged is None or "non-finite" in t.diverged.message


def test_trace_of_a_huge_weight_prints_no_warning(tmp_path):
    d = Session.from_preset("worked-example").to_dict()
    d["network"]["layers"][0]["weights"][0][0] = 1e308
    path = tmp_path / "big.json"
    path.write_text(json.dumps(d))
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "trace", "--session", str(path), "--steps", "2"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "Warning" not in r.stderr, r.stderr


def _phase_steps_until_diverged(trainer, edit_at=None, limit=1000):
    for k in range(limit):
        if k == edit_at:
            trainer.network.layers[0].W[0, 0] *= 1e130  # an edit between two steps: 6 steps later, overflow
        trainer.step_phases()
        if trainer.diverged is not None:
            return k
    return None


@pytest.mark.parametrize(("preset", "edit_at"), [("lr-too-large", None), ("lr-too-large", 70)])
def test_phase_steps_that_skip_the_checkpoint_when_nothing_changed_recover_exactly_as_with_it(preset, edit_at):
    fast = Session.from_preset(preset).trainer
    forced = Session.from_preset(preset).trainer
    forced._untouched = lambda: False  # a checkpoint at every phase-by-phase step, as before
    k1 = _phase_steps_until_diverged(fast, edit_at)
    k2 = _phase_steps_until_diverged(forced, edit_at)
    assert k1 == k2 is not None
    assert fast.diverged.message == forced.diverged.message and fast.step == forced.step
    assert fast.network.flat.tobytes() == forced.network.flat.tobytes()
    assert fast.history.loss.view().tolist() == forced.history.loss.view().tolist()
