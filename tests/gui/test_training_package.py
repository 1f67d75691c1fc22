"""The training package's structure and its Qt-free parts: protocol, snapshot builder, trainer adapter."""

import ast
import inspect
import pathlib
import pickle
import re
import subprocess
import sys

import numpy as np
import pytest

from gui.training import protocol
from gui.training.protocol import COMMANDS, EVENTS, Dispatcher, DivergenceNotice, Failure, failure_of
from gui.training.snapshots import SnapshotBuilder, View
from model.series import Series
from model.session import Session
from model.timeline import Timeline

ROOT = pathlib.Path(__file__).resolve().parents[2]


# -- structure --------------------------------------------------------------------------------------------
def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _import_graph(packages=("gui", "model")) -> dict[str, set[str]]:
    """module → the modules of ``packages`` it imports (anywhere in it, function bodies included)."""
    files = {_module_name(p): p for pkg in packages for p in (ROOT / pkg).rglob("*.py")}
    graph = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: from the module's package
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # "from package import submodule" depends on the submodule
                targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in files else module for a in node.names]
            else:
                continue
            deps.update(t for t in targets if t in files and t != name)
        graph[name] = deps
    return graph


def _cycles(graph):
    """Every strongly connected component of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_among_gui_and_model_modules():
    graph = _import_graph()
    assert "gui.training.controller" in graph and "gui.training.process" in graph["gui.training.controller"]
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_model_never_imports_gui():
    graph = _import_graph()
    assert not [(m, d) for m, deps in graph.items() if m.startswith("model") for d in deps if d.startswith("gui")]


def test_nothing_outside_the_trainer_reads_its_private_state():
    """The GUI, sessions and the timeline use the trainer's public Progress, abort_step(), current_batch()."""
    private = re.compile(r"\b(?:t|trainer|self\.trainer|session\.trainer)\._[a-z]\w*")
    assert private.search("x = t._batch_pos") and not private.search("t.__class__")  # (the pattern finds them)
    offenders = []
    for path in [*(ROOT / "gui").rglob("*.py"), *(ROOT / "model").glob("*.py"), ROOT / "main.py"]:
        if path.name != "trainer.py":
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.relative_to(ROOT)}: {m.group()}" for m in private.finditer(text)]
    assert not offenders


@pytest.mark.parametrize("module", sorted(p.stem for p in (ROOT / "gui" / "training").glob("*.py")))
def test_each_training_module_imports_alone(module):
    """An import circle shows as an ImportError when one of its modules is the first one imported."""
    name = "gui.training" if module == "__init__" else f"gui.training.{module}"
    run = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_the_qt_free_modules_import_without_qt():
    code = (
        "import sys; import gui.training.protocol, gui.training.snapshots; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken', 'pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the protocol -----------------------------------------------------------------------------------------
def test_each_command_is_a_worker_method_and_a_controller_method_with_its_declared_arguments():
    from gui.training.controller import TrainingController
    from gui.training.worker import TrainingWorker

    for cmd in COMMANDS.values():
        names = [a.name for a in cmd.args]
        method = getattr(TrainingController, cmd.name)
        assert list(inspect.signature(method).parameters)[1:] == names and method.__doc__ == cmd.doc
        worker_params = list(inspect.signature(getattr(TrainingWorker, cmd.name)).parameters)[1:]
        assert len(worker_params) == len(names), cmd.name
    for event in EVENTS:
        assert hasattr(TrainingController, event.name), event.name


class _Target:
    def __init__(self):
        self.calls, self.failures = [], []

    def set_speed(self, v):
        self.calls.append(("set_speed", v))

    def gradient_check(self):
        raise ZeroDivisionError("oops")

    def fail(self, e, where):
        self.failures.append(failure_of(e, where))


def test_the_dispatcher_checks_arguments_and_reports_each_error_once():
    target, sent = _Target(), []
    dispatch = Dispatcher(target, lambda name, args: sent.append((name, args)))
    dispatch("set_speed", ("12.5",))
    assert target.calls == [("set_speed", 12.5)] and not sent
    for name, args in [("set_speed", (-1,)), ("set_speed", ()), ("set_speed", (True,)), ("no_such", ())]:
        dispatch(name, args)
    assert [n for n, _ in sent] == ["error_occurred"] * 4 and all("\n" not in a[0] for _, a in sent)
    assert "no_such" in sent[-1][1][0] and len(target.calls) == 1
    dispatch("gradient_check", ())
    (f,) = target.failures
    assert f.where == "gradient_check" and "ZeroDivisionError: oops" in f.summary
    assert "Traceback" in f.details and "ZeroDivisionError" in f.details


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (protocol.finite, [(1, 1.0), ("2.5", 2.5)], [float("nan"), "x", True, None]),
        (protocol.whole("the step"), [(3, 3), (4.0, 4), (np.int64(5), 5)], [2.5, "x", True]),
        (protocol.batch_size, [(None, None), (0, None), ("", None), (16, 16), (8.0, 8)], [-1, 2.5, "x", True]),
        (protocol.speed, [(0, 0.0), (30, 30.0)], [-1, float("inf"), "x", False]),
        (protocol.changes, [({"seed": 1}, {"seed": 1})], [[1], {"weights": 1}, {"data": 3}]),
    ],
)
def test_argument_checks(check, good, bad):
    for value, expected in good:
        assert check(value) == expected
    for value in bad:
        with pytest.raises(ValueError):
            check(value)


def test_failures_and_divergence_notices_cross_the_process_pipe():
    from gui.training.process import dumps

    try:
        raise RuntimeError("deep down")
    except RuntimeError as e:
        f = failure_of(e, "run")
    d = DivergenceNotice(7, 2, "training diverged at step 7", 10.0, protocol.suggest_learning_rate(10.0))
    assert pickle.loads(dumps((f, d))) == (f, d) and isinstance(f, Failure)
    assert d.suggested_learning_rate == 1.0 and protocol.suggest_learning_rate(0.37) == 0.04


# -- the snapshot builder ---------------------------------------------------------------------------------
def _build(builder, session, heavy=False, view=None):
    return builder.build(session, Timeline(), heavy=heavy, running=False, now=0.0, view=view)


def test_a_light_snapshot_repeats_the_latest_measured_loss():
    session = Session.from_preset("xor-lecture")
    b = SnapshotBuilder()
    b.start(session)
    first = _build(b, session, heavy=True)
    session.trainer.run_steps(5)
    light = _build(b, session)
    assert light.values is None and light.loss == first.loss and light.loss_step == 0 and light.step == 5
    heavy = _build(b, session, heavy=True)
    assert heavy.loss_step == 5 and heavy.loss == pytest.approx(session.trainer.evaluate()[1])


def _use_series(trainer, recent):
    """The trainer's histories on model.series.Series (as the trainer will keep them), with a small ``recent``."""
    h = trainer.history
    for key in ("loss", "report", "epoch_report", "epoch_loss", "epoch_accuracy"):
        setattr(h, key, Series(recent=recent, max_buckets=16))
    h.grad_norms = [Series(recent=recent, max_buckets=16) for _ in trainer.network.layers]


@pytest.mark.parametrize("series", [False, True])
def test_every_steps_loss_reaches_the_snapshots_once_in_order(series):
    session = Session.from_preset("spiral-adam")
    t = session.trainer
    t.track_grad_norms = t.track_accuracy = True
    if series:
        _use_series(t, recent=64)
    b = SnapshotBuilder()
    b.start(session)
    snaps = [_build(b, session)]
    for k in range(40):
        t.run_steps(k % 7)  # sometimes none, never more than the Series keeps exactly
        snaps.append(_build(b, session, heavy=k % 5 == 0))
    straight = Session.from_preset("spiral-adam").trainer
    straight.track_grad_norms = True
    straight.run_steps(t.step)
    steps = np.concatenate([np.arange(s.first_step, s.first_step + s.new_report.size) for s in snaps])
    assert np.array_equal(steps, np.arange(t.step))
    assert np.array_equal(np.concatenate([s.new_report for s in snaps]), straight.history.report.view())
    grads = np.concatenate([s.new_grad_norms[0] for s in snaps if s.new_grad_norms])
    assert np.array_equal(grads, straight.history.grad_norms[0].view())
    epochs = np.concatenate([np.arange(s.first_epoch, s.first_epoch + s.new_epoch_report.size) for s in snaps])
    assert np.array_equal(epochs, np.arange(t.epoch))


def test_a_reset_snapshot_sends_what_a_bounded_history_keeps_at_its_own_step_numbers():
    session = Session.from_preset("xor-lecture")
    t = session.trainer
    _use_series(t, recent=100)
    t.run_steps(1000)
    b = SnapshotBuilder()
    b.start(session)
    s = _build(b, session)
    assert s.history_reset and 100 <= s.new_report.size <= 200
    assert s.first_step + s.new_report.size == 1000
    assert s.new_report[-1] == t.history.report.last()


def test_a_restored_session_continues_the_curves_from_its_own_step():
    session = Session.from_preset("xor-lecture")
    d = session.to_dict(with_history=False)
    d.update(step=500, epoch=500)
    restored = Session.from_dict(d)
    restored.trainer.track_grad_norms = True
    b = SnapshotBuilder()
    b.start(restored)
    b.continue_history(restored)
    restored.trainer.run_steps(3)
    s = _build(b, restored)
    assert not s.history_reset and s.first_step == 500 and s.new_report.size == 3
    assert s.first_epoch == 500 and s.new_epoch_report.size == 3
    assert s.first_grad_step == 500 and s.new_grad_norms[0].size == 3 and np.all(np.isfinite(s.new_grad_norms[0]))


def test_stepping_by_phase_sends_the_loss_at_its_phase_and_the_gradient_norm_at_the_update():
    session = Session.from_preset("xor-lecture")
    t = session.trainer
    t.track_grad_norms = True
    b = SnapshotBuilder()
    b.start(session)
    _build(b, session)
    view = View(phase_mode=True)
    while True:
        p = t.step_phase()
        s = _build(b, session, view=view)
        if p.kind == "loss":
            assert s.first_step == 0 and s.new_report.size == 1 and not s.new_grad_norms  # none recorded yet
        if p.kind == "update":
            assert s.new_report.size == 0 and s.first_grad_step == 0 and s.new_grad_norms[0].size == 1
            break


def test_the_whole_data_set_is_copied_once_not_at_every_snapshot():
    session = Session.from_preset("spiral-adam")
    b = SnapshotBuilder()
    b.start(session)
    first = _build(b, session, heavy=True)
    session.trainer.run_steps(3)
    second = _build(b, session, heavy=True)
    assert second.X is first.X and second.Y is first.Y and not second.X.flags.writeable
    assert np.array_equal(first.X, session.trainer.X)
