"""The training worker, driven through the controller as the GUI drives it.

Most tests run the worker on a thread of this process (fast to start); the ones marked with the
``mode`` parameter run in both modes, the child process (the default) included.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc

import numpy as np
import pytest

from gui.training import INPROCESS_ENV, TrainingController
from model.session import Session

WAIT = 5000  # ms; generous, the work itself takes milliseconds


class Recorder:
    """Collects what the controller emits."""

    def __init__(self, controller):
        self.snapshots = []
        self.errors = []
        self.stops = []
        self.sessions = []
        controller.snapshot_ready.connect(self.snapshots.append)
        controller.error_occurred.connect(self.errors.append)
        controller.training_stopped.connect(self.stops.append)
        controller.session_changed.connect(self.sessions.append)

    @property
    def last(self):
        return self.snapshots[-1]

    def since_reset(self):
        """The snapshots from the last history_reset on."""
        i = max(k for k, s in enumerate(self.snapshots) if s.history_reset)
        return self.snapshots[i:]


@pytest.fixture
def make(qtbot, monkeypatch):
    made = []

    def _make(preset="xor-lecture", mode="thread"):
        if mode == "process":
            monkeypatch.delenv(INPROCESS_ENV, raising=False)
            c = TrainingController(preset=preset)  # the default is a child process
            assert c.process is not None and c.worker is None
        else:
            c = TrainingController(preset=preset, process=False)
            assert c.process is None and c.worker is not None
        made.append(c)
        rec = Recorder(c)
        qtbot.waitUntil(lambda: bool(rec.snapshots) and rec.last.values is not None, timeout=WAIT)
        return c, rec

    yield _make
    for c in made:
        c.shutdown()
        assert not c.worker_thread.isRunning()
        assert c.process is None or not c.process.is_alive()


both_modes = pytest.mark.parametrize("mode", ["thread", "process"])


def _wait_snapshot(qtbot, rec, predicate):
    qtbot.waitUntil(lambda: bool(rec.snapshots) and predicate(rec.last), timeout=WAIT)
    return rec.last


def _straight(preset, steps):
    t = Session.from_preset(preset).trainer
    t.run_steps(steps)
    return t


@both_modes
def test_step_advances_one_step_and_the_values_change(make, qtbot, mode):
    c, rec = make(mode=mode)
    before = rec.last
    assert before.step == 0
    c.step()
    after = _wait_snapshot(qtbot, rec, lambda s: s.step == 1 and s.values is not None)
    assert not np.array_equal(after.values[0].W, before.values[0].W)
    assert np.array_equal(after.values[0].W, _straight("xor-lecture", 1).network.layers[0].W)
    assert len(after.new_report) == 1 and after.first_step == 0
    assert not after.values[0].W.flags.writeable and not after.X.flags.writeable
    assert not after.surface[2].flags.writeable and not after.new_report.flags.writeable


@both_modes
def test_run_then_pause(make, qtbot, mode):
    c, rec = make(mode=mode)
    with qtbot.waitSignal(c.running_changed, timeout=WAIT, check_params_cb=lambda on: on):
        c.run()
    _wait_snapshot(qtbot, rec, lambda s: s.step > 200)
    with qtbot.waitSignal(c.training_stopped, timeout=WAIT) as stopped:
        c.pause()
    assert stopped.args == ["Paused"]
    final = _wait_snapshot(qtbot, rec, lambda s: not s.running)
    assert not c.running
    c.request_snapshot()
    _wait_snapshot(qtbot, rec, lambda s: s.serial > final.serial)
    assert rec.last.step == final.step  # nothing trains while paused


@both_modes
def test_every_steps_loss_arrives(make, qtbot, mode):
    c, rec = make(mode=mode)
    c.run()
    _wait_snapshot(qtbot, rec, lambda s: s.step > 3000)
    with qtbot.waitSignal(c.training_stopped, timeout=WAIT):
        c.pause()
    snaps = rec.since_reset()
    steps = rec.last.step
    assert sum(len(s.new_report) for s in snaps) == steps
    assert sum(len(s.new_loss) for s in snaps) == steps
    for layer in range(2):  # ‖∂L/∂W(l)‖ of every step, per layer
        assert sum(len(s.new_grad_norms[layer]) for s in snaps if s.new_grad_norms) == steps
    # in order, none twice: they are the trainer's history
    got = np.concatenate([s.new_report for s in snaps])
    assert np.array_equal(got, _straight("xor-lecture", steps).history.report.view())
    assert len(snaps) < steps / 10  # coalesced, not one per step


@both_modes
def test_learning_rate_change_mid_run_keeps_the_weights(make, qtbot, mode):
    c, rec = make(mode=mode)
    c.run()
    at_change = _wait_snapshot(qtbot, rec, lambda s: s.step > 500).step
    c.set_learning_rate(0.5)
    _wait_snapshot(qtbot, rec, lambda s: s.learning_rate == 0.5 and s.running and s.step > at_change + 100)
    with qtbot.waitSignal(c.training_stopped, timeout=WAIT):
        c.pause()
    final = _wait_snapshot(qtbot, rec, lambda s: not s.running)
    later = [s for s in rec.snapshots if s.step >= at_change]
    assert not any(s.history_reset for s in later)  # no reset: training went on from where it was
    # the command's own snapshot shows the step at which the new rate took over
    changed_at = next(s.step for s in rec.snapshots if s.learning_rate == 0.5)
    assert at_change <= changed_at < final.step
    straight = _straight("xor-lecture", changed_at)
    straight.set_learning_rate(0.5)
    straight.run_steps(final.step - changed_at)
    for lv, layer in zip(final.values, straight.network.layers):
        assert np.array_equal(lv.W, layer.W) and np.array_equal(lv.b, layer.b)


def test_set_loss_switches_the_output_delta_and_refuses_an_incompatible_one(make, qtbot):
    c, rec = make()
    s = rec.last
    A, Y = s.values[-1].A, s.Y
    N = Y.size
    # ½·MSE: δ = (a − y)/N · σ′(z)
    assert np.allclose(s.values[-1].delta, (A - Y) / N * A * (1 - A))
    c.set_loss({"name": "bce"})
    s = _wait_snapshot(qtbot, rec, lambda s: s.loss_name == "bce" and s.values is not None)
    # BCE after a sigmoid: the fused δ = (a − y)/N, no σ′
    assert np.allclose(s.values[-1].delta, (A - Y) / N)
    with qtbot.waitSignal(c.error_occurred, timeout=WAIT) as err:
        c.set_loss({"name": "cross_entropy"})
    assert "softmax" in err.args[0] and "\n" not in err.args[0]
    c.request_snapshot()
    s = _wait_snapshot(qtbot, rec, lambda x: x.serial > s.serial)
    assert s.loss_name == "bce"


@both_modes
def test_divergence_stops_training_with_the_models_message(make, qtbot, mode):
    c, rec = make("lr-too-large", mode)
    with qtbot.waitSignal(c.training_stopped, timeout=WAIT) as stopped:
        c.run()
        notice = qtbot.waitSignal(c.diverged, timeout=WAIT)
    assert "Try a smaller learning rate." in stopped.args[0]
    s = _wait_snapshot(qtbot, rec, lambda s: not s.running and s.values is not None)
    assert s.diverged == stopped.args[0]
    notice.wait()
    d = notice.args[0]
    assert d.message == stopped.args[0] and f"step {d.step}" in d.message
    assert d.learning_rate == s.learning_rate and 0 < d.suggested_learning_rate <= d.learning_rate / 5
    assert all(np.all(np.isfinite(lv.W)) and np.all(np.isfinite(lv.b)) for lv in s.values)
    assert not c.running


def test_set_weight_and_bias_show_in_the_next_snapshot(make, qtbot):
    c, rec = make()
    c.set_weight(2, 1, 0, 1.25)
    s = _wait_snapshot(qtbot, rec, lambda s: s.values is not None and s.values[1].W[1, 0] == 1.25)
    c.set_bias(1, 2, -0.5)
    s = _wait_snapshot(qtbot, rec, lambda s: s.values is not None and s.values[0].b[2] == -0.5)
    assert s.values[1].W[1, 0] == 1.25
    with qtbot.waitSignal(c.error_occurred, timeout=WAIT) as err:
        c.set_weight(3, 0, 0, 1.0)
    assert err.args[0] == "layer must be between 1 and 2, got 3"
    with qtbot.waitSignal(c.error_occurred, timeout=WAIT) as err:
        c.set_bias(1, 0, float("nan"))
    assert "finite" in err.args[0]


def test_preview_and_resume_from_a_recorded_step(make, qtbot):
    c, rec = make()
    c.set_breakpoints({"epoch": 60})
    with qtbot.waitSignal(c.training_stopped, timeout=WAIT) as stopped:
        c.run()
    assert stopped.args == ["Breakpoint: epoch 60 reached"]
    assert _wait_snapshot(qtbot, rec, lambda s: not s.running).step == 60

    c.preview_step(20)
    s = _wait_snapshot(qtbot, rec, lambda s: s.viewing_step == 20)
    assert s.step == 60  # training is unchanged
    assert np.array_equal(s.values[0].W, _straight("xor-lecture", 20).network.layers[0].W)

    c.preview_step(-1)
    s = _wait_snapshot(qtbot, rec, lambda s: s.viewing_step is None and s.values is not None)
    assert np.array_equal(s.values[0].W, _straight("xor-lecture", 60).network.layers[0].W)

    c.resume_from(20)
    s = _wait_snapshot(qtbot, rec, lambda s: s.step == 20)
    assert s.history_reset and len(s.new_report) == 20
    c.step()
    s = _wait_snapshot(qtbot, rec, lambda s: s.step == 21)
    straight = _straight("xor-lecture", 21)
    for lv, layer in zip(s.values, straight.network.layers):
        assert np.array_equal(lv.W, layer.W) and np.array_equal(lv.b, layer.b)


@both_modes
def test_phase_stepping_forward_and_back(make, qtbot, mode):
    c, rec = make(mode=mode)
    for _ in range(4):
        c.step_phase()  # forward 1, forward 2, loss, δ(2)
    s = _wait_snapshot(qtbot, rec, lambda s: len(s.step_phases) == 4)
    assert [p.kind for p in s.step_phases] == ["forward", "forward", "loss", "delta"]
    assert s.phase is s.step_phases[-1] and s.phase_cursor == 3
    c.step_phase_back()
    c.step_phase_back()
    s = _wait_snapshot(qtbot, rec, lambda s: s.phase_cursor == 1)
    assert s.phase.kind == "forward" and s.phase.layer == 2 and len(s.step_phases) == 4
    assert not s.phase.values["z"].flags.writeable
    c.step_phase()  # re-advances the cursor, computes nothing new
    s = _wait_snapshot(qtbot, rec, lambda s: s.phase_cursor == 2)
    assert len(s.step_phases) == 4 and s.step == 0
    c.step()  # finishes the step in progress
    s = _wait_snapshot(qtbot, rec, lambda s: s.step == 1)
    assert s.phase is None
    assert np.array_equal(s.values[0].W, _straight("xor-lecture", 1).network.layers[0].W)


def test_bad_input_is_one_line_and_changes_nothing(make, qtbot):
    c, rec = make()
    for command, arg, words in [
        (c.load_preset, "no-such-preset", "unknown preset"),
        (c.set_batch_size, "many", "batch size"),
        (c.set_learning_rate, -1, "positive"),
        (c.set_speed, "fast", "steps per second"),
        (c.set_breakpoints, {"epoch": 0}, "whole number"),
        (c.load_session, "/nonexistent/session.json", "cannot read"),
    ]:
        with qtbot.waitSignal(c.error_occurred, timeout=WAIT) as err:
            command(arg)
        assert words in err.args[0] and "\n" not in err.args[0]
    c.step()
    s = _wait_snapshot(qtbot, rec, lambda s: s.step == 1)
    assert s.learning_rate == 0.1 and s.batch_size is None


def test_rebuild_resets_the_weights_and_says_so(make, qtbot):
    c, rec = make()
    c.step()
    _wait_snapshot(qtbot, rec, lambda s: s.step == 1)
    c.rebuild({"architecture": {"sizes": [2, 5, 1], "activations": ["tanh", "sigmoid"], "init": "xavier"}})
    s = _wait_snapshot(qtbot, rec, lambda s: s.values is not None and s.values[0].W.shape == (2, 5))
    assert s.step == 0 and s.history_reset and "re-initialised" in s.message
    assert rec.sessions[-1]["architecture"]["sizes"] == [2, 5, 1]


def test_gradient_check_reports_every_layer(make, qtbot):
    c, rec = make()
    with qtbot.waitSignal(c.gradient_checked, timeout=WAIT) as done:
        c.gradient_check()
    checks = done.args[0]
    assert [k.layer for k in checks] == [1, 2] and all(k.passed for k in checks)


def test_shutdown_during_a_run_stops_the_thread(qtbot, qtlog):
    c = TrainingController(preset="spiral-adam", process=False)
    rec = Recorder(c)
    c.run()
    _wait_snapshot(qtbot, rec, lambda s: s.running and s.step > 20)
    c.shutdown()  # waits at most a second for the thread
    assert not c.worker_thread.isRunning()
    c.step()  # ignored after shutdown, no error
    assert not c.worker._timer.isActive()
    assert c.worker.thread() is c.thread()  # back in the GUI thread, so it is freed there
    del c, rec
    import gc

    gc.collect()
    qtbot.wait(50)
    warnings = [r.message for r in qtlog.records]
    assert not [m for m in warnings if "QThread" in m or "Timer" in m or "thread" in m], warnings


def test_speed_limit_trains_step_by_step(make, qtbot):
    c, rec = make()
    c.set_speed(5)  # steps per second
    c.run()
    _wait_snapshot(qtbot, rec, lambda s: s.step >= 2)
    with qtbot.waitSignal(c.training_stopped, timeout=WAIT):
        c.pause()
    final = _wait_snapshot(qtbot, rec, lambda s: not s.running)
    assert final.step < 50  # as fast as possible would be thousands by now
    running = [s for s in rec.snapshots if s.running and len(s.new_report)]
    assert running and all(s.values is not None for s in running)  # slow steps each get the full values


def test_rebuild_for_new_data_fits_the_input_and_output_widths(make, qtbot):
    c, rec = make()
    c.rebuild({"data": {"name": "sine", "seed": 0}})
    s = _wait_snapshot(qtbot, rec, lambda s: s.values is not None and s.values[0].W.shape[0] == 1)
    assert s.task == "regression" and s.accuracy is None
    xs, ys = s.surface  # a 1-D input: the prediction curve
    assert xs.shape == ys.shape == (200,)
    assert xs[0] < s.X.min() and xs[-1] > s.X.max()  # the data's range plus a margin
    assert "data" in s.message


# -- the child process -----------------------------------------------------------------------------------
def test_shutdown_during_a_run_ends_the_child_process(qtbot, qtlog):
    c = TrainingController(preset="spiral-adam", process=True)
    rec = Recorder(c)
    c.run()
    _wait_snapshot(qtbot, rec, lambda s: s.running and s.step > 20)
    assert c.is_alive() and c.process.is_alive()
    c.shutdown()  # at most a second for the child, then it is terminated
    assert not c.process.is_alive() and c.process.exitcode == 0  # it exited by itself
    assert not c.worker_thread.isRunning() and not c.is_alive()
    c.step()  # ignored after shutdown, no error
    n = len(rec.snapshots)
    qtbot.wait(50)
    assert len(rec.snapshots) == n and not rec.errors
    del c, rec
    gc.collect()
    qtbot.wait(50)
    warnings = [r.message for r in qtlog.records]
    assert not [m for m in warnings if "QThread" in m or "Timer" in m or "thread" in m], warnings


def test_a_killed_child_is_restarted_with_the_latest_weights_and_settings(make, qtbot):
    c, rec = make(mode="process")
    failures = []
    c.worker_failed.connect(failures.append)
    c.set_learning_rate(0.5)
    with qtbot.waitSignal(c.running_changed, timeout=WAIT, check_params_cb=lambda on: on):
        c.run()
    _wait_snapshot(qtbot, rec, lambda s: s.running and s.step > 50 and s.values is not None)
    first = c.process
    with qtbot.waitSignal(c.running_changed, timeout=WAIT, check_params_cb=lambda on: not on):
        first.kill()
    assert not c.running
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=WAIT)
    live = max((s for s in rec.snapshots if s.values is not None and s.viewing_step is None), key=lambda s: s.serial)
    assert "stopped unexpectedly" in failures[0].summary and f"step {live.step}" in failures[0].summary
    assert "\n" not in failures[0].summary and "exit code -9" in failures[0].details
    # a new child continues the session the window showed: its weights, its step, its settings, its curves
    s = _wait_snapshot(qtbot, rec, lambda s: s.message and "new training process" in s.message)
    assert c.process is not first and c.is_alive()
    assert s.step == live.step and not s.history_reset and s.learning_rate == 0.5
    for a, b in zip(s.values, live.values):
        assert np.array_equal(a.W, b.W) and np.array_equal(a.b, b.b)
    # and the keys work again: run, pause, step
    with qtbot.waitSignal(c.running_changed, timeout=WAIT, check_params_cb=lambda on: on):
        c.run()
    with qtbot.waitSignal(c.running_changed, timeout=WAIT, check_params_cb=lambda on: not on):
        c.pause()
    n = rec.last.step
    c.step()
    _wait_snapshot(qtbot, rec, lambda s: s.step == n + 1)
    assert len(failures) == 1 and not rec.errors  # said once


def test_a_child_that_keeps_dying_is_reported_and_a_load_starts_a_new_one(make, qtbot, monkeypatch):
    monkeypatch.setattr("gui.training.controller.MAX_RESTARTS", 0)  # as if it had died right after each restart
    c, rec = make(mode="process")
    with qtbot.waitSignal(c.running_changed, timeout=WAIT, check_params_cb=lambda on: on):
        c.run()
    with qtbot.waitSignal(c.error_occurred, timeout=WAIT) as err:
        c.process.kill()
    assert "training process stopped unexpectedly" in err.args[0] and "\n" not in err.args[0]
    assert not c.is_alive() and not c.running
    c.step()
    c.run()
    qtbot.wait(100)
    assert rec.errors == [err.args[0]]  # once; the commands in between are ignored
    first = c.process
    c.load_preset("xor-lecture")
    s = _wait_snapshot(qtbot, rec, lambda s: s.message == "Loaded the preset xor-lecture")
    assert c.process is not first and c.is_alive() and s.step == 0
    c.step()
    _wait_snapshot(qtbot, rec, lambda s: s.step == 1)
    assert rec.errors == [err.args[0]]


def test_a_session_object_crosses_to_the_child_exactly(make, qtbot):
    c, rec = make(mode="process")
    session = Session.from_preset("xor-lecture")
    session.trainer.run_steps(7)
    c.load_session(session)
    s = _wait_snapshot(qtbot, rec, lambda s: s.step == 7 and s.values is not None)
    assert s.history_reset and len(s.new_report) == 7  # with its history
    c.step()
    s = _wait_snapshot(qtbot, rec, lambda s: s.step == 8)
    straight = _straight("xor-lecture", 8)
    for lv, layer in zip(s.values, straight.network.layers):
        assert np.array_equal(lv.W, layer.W) and np.array_equal(lv.b, layer.b)


def test_an_argument_that_cannot_cross_is_one_line_and_changes_nothing(make, qtbot):
    c, rec = make(mode="process")
    with qtbot.waitSignal(c.error_occurred, timeout=WAIT) as err:
        c.set_loss({"name": "mse", "scale": lambda x: x})
    assert "cannot send set_loss" in err.args[0] and "\n" not in err.args[0]
    c.step()
    s = _wait_snapshot(qtbot, rec, lambda s: s.step == 1)
    assert s.loss_name == "mse" and c.is_alive()


def test_the_environment_variable_keeps_training_in_this_process(qtbot, monkeypatch):
    monkeypatch.setenv(INPROCESS_ENV, "1")
    c = TrainingController(preset="xor-lecture")
    try:
        assert c.in_process and c.process is None and c.worker_thread.isRunning()
    finally:
        c.shutdown()


def test_without_a_child_process_training_falls_back_to_a_thread(qtbot, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no processes allowed here")

    monkeypatch.setattr("gui.training.controller.training_process.ProcessLink", refuse)
    c = TrainingController(process=True)
    rec = Recorder(c)
    try:
        with qtbot.waitSignal(c.error_occurred, timeout=WAIT) as err:
            pass
        assert "could not start the training process" in err.args[0] and "no processes allowed" in err.args[0]
        assert c.in_process and c.process is None
        c.load_preset("xor-lecture")
        c.step()
        _wait_snapshot(qtbot, rec, lambda s: s.step == 1)  # it trains all the same
    finally:
        c.shutdown()


# -- stuck or unclear states ----------------------------------------------------------------------------
@both_modes
def test_a_loss_that_cannot_apply_is_refused_while_running_and_pause_still_works(make, qtbot, mode):
    c, rec = make("sine-regression", mode)
    with qtbot.waitSignal(c.running_changed, timeout=WAIT, check_params_cb=lambda on: on):
        c.run()
    with qtbot.waitSignal(c.error_occurred, timeout=WAIT) as err:
        c.set_loss({"name": "hinge"})
    assert "hinge" in err.args[0] and "labels" in err.args[0] and "\n" not in err.args[0]
    _wait_snapshot(qtbot, rec, lambda s: s.running and s.step > 10)
    with qtbot.waitSignal(c.running_changed, timeout=WAIT, check_params_cb=lambda on: not on):
        c.pause()
    s = _wait_snapshot(qtbot, rec, lambda s: not s.running)
    assert s.loss_name == "mse" and np.isfinite(s.loss) and rec.errors == [err.args[0]]


def _break_runs(monkeypatch):
    """Every run chunk raises (as a bug in the engine would); single steps still work."""
    from model.trainer import Trainer

    original = Trainer.run_steps

    def run_steps(self, n, after_step=None):
        if after_step is not None:
            raise RuntimeError("a bug in the engine")
        return original(self, n, after_step)

    monkeypatch.setattr(Trainer, "run_steps", run_steps)


def _child_whose_runs_fail(commands, events, language="en"):
    """A training process whose run chunks raise (see _break_runs)."""
    import pytest as _pytest

    from gui.training.process import child_main

    with _pytest.MonkeyPatch.context() as mp:
        _break_runs(mp)
        child_main(commands, events, language)


@both_modes
def test_an_exception_in_a_run_stops_it_and_is_reported_once_with_its_traceback(make, qtbot, monkeypatch, mode):
    if mode == "process":
        import functools

        from gui.training import process

        link = functools.partial(process.ProcessLink, target=_child_whose_runs_fail)
        monkeypatch.setattr("gui.training.controller.training_process.ProcessLink", link)
    else:
        _break_runs(monkeypatch)
    c, rec = make("xor-lecture", mode)
    failures, running = [], []
    c.worker_failed.connect(failures.append)
    c.running_changed.connect(running.append)
    with qtbot.waitSignal(c.worker_failed, timeout=WAIT):
        c.run()
    qtbot.waitUntil(lambda: running == [True, False], timeout=WAIT)
    qtbot.wait(200)  # had the run gone on, it would have failed again by now
    assert len(failures) == 1 and running == [True, False] and not c.running
    f = failures[0]
    assert f.where == "run" and "a bug in the engine" in f.summary and "\n" not in f.summary
    assert "Traceback" in f.details and "RuntimeError: a bug in the engine" in f.details
    assert not rec.last.running
    c.step()  # the worker lives on
    _wait_snapshot(qtbot, rec, lambda s: s.step == 1)


def test_an_unexpected_exception_in_a_command_is_reported_with_its_traceback(make, qtbot, monkeypatch):
    c, rec = make()

    def broken(*args, **kwargs):
        raise KeyError("no such thing")

    monkeypatch.setattr("gui.training.worker.gradient_check", broken)
    with qtbot.waitSignal(c.worker_failed, timeout=WAIT) as failed:
        c.gradient_check()
    f = failed.args[0]
    assert f.where == "gradient_check" and "KeyError" in f.summary and "broken" in f.details
    c.step()
    _wait_snapshot(qtbot, rec, lambda s: s.step == 1)
    assert not rec.errors


def test_a_new_network_trains_one_step_before_its_chunks_are_sized(qtbot):
    from gui.training.worker import TrainingWorker

    def measured():
        return w.seconds_per_step is not None

    w = TrainingWorker()
    try:
        w.handle("load_preset", ("xor-lecture",))
        assert w.seconds_per_step is None and w.chunk_budget() == 1  # unknown speed: one step
        w.handle("run", ())
        qtbot.waitUntil(measured, timeout=WAIT)
        big = {"sizes": [2, 256, 256, 1], "activations": ["tanh", "tanh", "sigmoid"]}
        w.handle("rebuild", ({"architecture": big},))
        assert not w.running and w.session.trainer.network.sizes == [2, 256, 256, 1]
        assert w.seconds_per_step is None and w.chunk_budget() == 1  # the bigger network is measured afresh
        w.handle("run", ())
        qtbot.waitUntil(measured, timeout=WAIT)
        w.handle("set_batch_size", (1,))
        assert w.seconds_per_step is None and w.chunk_budget() == 1  # a step's cost depends on the batch
        w.handle("load_preset", ("xor-lecture",))
        assert w.seconds_per_step is None and w.chunk_budget() == 1
    finally:
        w.handle("pause", ())
        w.shutdown()


def test_a_chunk_ends_at_its_deadline_whatever_its_size(qtbot):
    """A chunk sized from a faster network's speed still ends on time: the clock is read after every step."""
    from gui.training.worker import TrainingWorker

    now = [0.0]

    def clock():  # each reading is a millisecond later
        now[0] += 0.001
        return now[0]

    w = TrainingWorker(clock=clock)
    try:
        w.handle("load_preset", ("xor-lecture",))
        w._sec_per_step = 1e-9  # as if measured on a tiny network: a budget of a million steps
        assert w.chunk_budget() == w.MAX_CHUNK
        w._running = True
        w._run_chunk()
        steps = w.session.trainer.step
        assert 1 <= steps <= w.CHUNK_SECONDS / 0.001 + 1
    finally:
        w.shutdown()


# -- right numbers ---------------------------------------------------------------------------------------
@both_modes
def test_every_snapshot_carries_a_measured_loss_while_running(make, qtbot, mode):
    c, rec = make("xor-lecture", mode)
    c.run()
    qtbot.waitUntil(lambda: sum(s.running and s.values is None for s in rec.snapshots) >= 5, timeout=WAIT)
    c.pause()
    _wait_snapshot(qtbot, rec, lambda s: not s.running)
    c.step_phase_back()  # already at the first phase: a light snapshot with a message
    s = _wait_snapshot(qtbot, rec, lambda s: s.message == "Already at the first phase of this step")
    assert s.values is None and np.isfinite(s.loss) and s.loss_step == s.step
    light = [s for s in rec.snapshots if s.values is None]
    assert len(light) > 3
    assert all(np.isfinite(s.loss) and s.loss_step is not None and s.loss_step <= s.step for s in light)


def test_a_past_step_shows_its_own_epoch_and_loss(make, qtbot):
    c, rec = make("spiral-adam")  # mini-batches: several steps per epoch
    for _ in range(30):
        c.step()
    _wait_snapshot(qtbot, rec, lambda s: s.step == 30 and s.values is not None)
    c.preview_step(12)
    s = _wait_snapshot(qtbot, rec, lambda s: s.viewing_step == 12 and s.values is not None)
    straight = _straight("spiral-adam", 12)
    _, report, _ = straight.evaluate()
    assert s.step == 30 and s.viewing_epoch == straight.epoch and s.epoch > straight.epoch
    assert s.loss == pytest.approx(report) and s.loss_step == 12


def test_heavy_snapshots_that_take_long_come_less_often(qtbot):
    """On big data the network's values take long to compute: they may take a quarter of a run's time, no more."""
    from gui.training.worker import TrainingWorker

    now = [0.0]
    w = TrainingWorker(clock=lambda: now[0])
    build = w.builder.build

    def slow_build(*args, heavy, **kwargs):
        if heavy:
            now[0] += 2.0  # two seconds for a heavy snapshot
        return build(*args, heavy=heavy, **kwargs)

    w.builder.build = slow_build
    try:
        w.handle("load_preset", ("xor-lecture",))
        assert w._heavy_interval == pytest.approx(2.0 / w.HEAVY_SHARE)
        w.builder.build = build
        w.handle("request_snapshot", ())
        assert w._heavy_interval == w.HEAVY_INTERVAL  # fast again: ten a second
    finally:
        w.shutdown()


def test_a_slow_heavy_snapshot_never_keeps_a_pause_waiting(qtbot):
    """When a network's values take long, they are built in a tick of their own, and a stop is told before them."""
    from gui.training.worker import TrainingWorker

    now = [0.0]
    w = TrainingWorker(clock=lambda: now[0])
    build = w.builder.build
    heavy_builds = []

    def slow_build(*args, heavy, **kwargs):
        if heavy:
            heavy_builds.append(now[0])
            now[0] += 1.0  # a second for the values of a big network
        now[0] += 0.001
        return build(*args, heavy=heavy, **kwargs)

    w.builder.build = slow_build
    events = []
    w.event.connect(lambda name, args: events.append((name, name == "snapshot_ready" and args[0].values is not None)))
    try:
        w.handle("load_preset", ("xor-lecture",))
        w.handle("run", ())
        now[0] += 5.0  # later: the values are due again (at most a quarter of the time goes to them)
        w._run_chunk()  # trains, then sends a light snapshot; the values wait for the next tick
        assert len(heavy_builds) == 1 and w._heavy_pending
        events.clear()
        w.handle("pause", ())  # came in before that tick
        names = [n for n, _ in events]
        assert names[:3] == ["snapshot_ready", "running_changed", "training_stopped"]
        assert events[0][1] is False  # light: the stop is known before the values are built
        assert events[3] == ("snapshot_ready", True) and len(heavy_builds) == 2
        w._run_chunk()  # the pending tick does nothing once paused
        assert len(heavy_builds) == 2
    finally:
        w.shutdown()
