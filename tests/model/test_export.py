"""`main.py export`: standalone numpy and PyTorch scripts that print what `main.py train` prints.

Each case writes a session file, exports it, runs the script with plain `python` in a folder of
its own, and compares its output (and exit code) with `main.py train` on the same file.
"""

import ast
import copy
import io
import json
import subprocess
import sys

import numpy as np
import pytest

import main
from model import Session, optimizers
from model.activations import ACTIVATIONS
from model.export import (
    ACTIVATION_SNIPPETS,
    LOSS_SNIPPETS,
    OPTIMIZER_SNIPPETS,
    SCHEDULE_SNIPPETS,
    export_script,
    optimizer_key,
)
from model.losses import LOSSES
from model.presets import PRESETS

try:  # (learning-rate schedules and per-layer train_biases come with the trainer's wave-1 work)
    from model.schedules import SCHEDULES
except ImportError:  # pragma: no cover
    SCHEDULES = {}
#: Every optimizer class, variants (Nesterov) included.
OPTIMIZER_CLASSES = getattr(optimizers, "OPTIMIZER_CLASSES", tuple(optimizers.OPTIMIZERS.values()))


# --- every member has its snippet ------------------------------------------------------------------
def test_every_activation_has_a_snippet():
    missing = [n for n in ACTIVATIONS if n not in ACTIVATION_SNIPPETS]
    assert not missing, f"activations without an export snippet (the class's `script`, model/activations.py): {missing}"


def test_every_loss_has_a_snippet_with_a_gradient_and_its_fused_deltas():
    missing = [n for n in LOSSES if n not in LOSS_SNIPPETS]
    assert not missing, f"losses without an export snippet (the class's `script`, model/losses.py): {missing}"
    no_gradient = [n for n, cls in LOSSES.items() if cls.training and LOSS_SNIPPETS[n].gradient is None]
    assert not no_gradient, f"training losses whose export snippet has no gradient: {no_gradient}"
    no_fused = [
        (n, a)
        for n, cls in LOSSES.items()
        for a in ACTIVATIONS
        if cls().fused_formula(a) is not None and a not in LOSS_SNIPPETS[n].fused
    ]
    assert not no_fused, f"fused δ(L) (loss, activation) without an export snippet: {no_fused}"


def test_every_optimizer_has_a_snippet_for_all_of_its_state():
    instances = [cls(0.1) for cls in OPTIMIZER_CLASSES]
    missing = [optimizer_key(o) for o in instances if optimizer_key(o) not in OPTIMIZER_SNIPPETS]
    assert not missing, f"optimizers without an export snippet (the class's `script`, model/optimizers/): {missing}"
    for opt in instances:
        params, grads = [np.ones((2, 3)), np.ones(3)], [np.full((2, 3), 0.5), np.full(3, 0.5)]
        opt.step(params, grads)
        unknown = set(opt.get_state()) - {"t"} - set(OPTIMIZER_SNIPPETS[optimizer_key(opt)].state)
        assert not unknown, f"{optimizer_key(opt)}: state {sorted(unknown)} is not written by its export snippet"


def test_every_schedule_has_a_snippet():
    missing = [n for n in SCHEDULES if n not in SCHEDULE_SNIPPETS]
    assert not missing, f"schedules without an export snippet (the class's `script`, model/schedules.py): {missing}"


def test_a_member_without_a_snippet_is_one_clear_error(monkeypatch):
    monkeypatch.delitem(LOSS_SNIPPETS, "huber")
    with pytest.raises(ValueError, match="cannot export the loss 'huber' yet"):
        export_script(Session.from_preset("outliers-huber"), "numpy", 1, 1)
    with pytest.raises(ValueError, match="unknown export target"):
        export_script(Session.from_preset("xor-lecture"), "jax", 1, 1)


# --- the scripts, run -------------------------------------------------------------------------------
def _session(preset, **changes):
    """The preset's session file with ``changes`` (top-level keys; ``activations`` sets the architecture's)."""
    d = PRESETS[preset].session_dict()
    acts = changes.pop("activations", None)
    if acts is not None:
        d["architecture"] = dict(d["architecture"], activations=acts)
    d.update(copy.deepcopy(changes))
    return d


def _trained_with(preset, steps, **changes):
    """A variant of the preset after ``steps`` steps, as a session file."""
    s = Session.from_dict(_session(preset, **changes))
    s.trainer.run_steps(steps)
    return s.to_dict()


def _trained(preset, steps, phases=0):
    """The preset after ``steps`` steps (and ``phases`` phases of the next), as a session file."""
    s = Session.from_preset(preset)
    s.trainer.run_steps(steps)
    for _ in range(phases):
        s.trainer.step_phase()
    return s.to_dict()


CASES = {
    # every preset as it ships
    "xor-lecture": (_session("xor-lecture"), 40, 10),
    "worked-example": (_session("worked-example"), 30, 10),
    "vanishing-gradients": (_session("vanishing-gradients"), 12, 4),
    "outliers-huber": (_session("outliers-huber"), 30, 10),
    "imbalanced-focal": (_session("imbalanced-focal"), 6, 2),
    "spiral-adam": (_session("spiral-adam"), 5, 2),
    "lr-too-large (diverges)": (_session("lr-too-large"), 600, 50),
    "blobs-softmax": (_session("blobs-softmax"), 8, 3),
    "sine-regression": (_session("sine-regression"), 30, 10),
    "circles-relu": (_session("circles-relu"), 5, 2),
    # every loss, optimiser and activation, the fused and the unfused output δ, reports, batch sizes
    "mse sum, half": (
        _session(
            "sine-regression",
            loss={"name": "mse", "half": True, "reduction": "sum"},
            optimizer={"name": "sgd", "learning_rate": 0.002},
        ),
        20,
        5,
    ),
    "mae, momentum, report mse": (
        _session(
            "sine-regression",
            loss={"name": "mae"},
            report={"name": "mse"},
            optimizer={"name": "momentum", "learning_rate": 0.05, "momentum": 0.8},
        ),
        20,
        5,
    ),
    "log-cosh, adam, batches of 16": (
        _session("outliers-huber", loss={"name": "log_cosh"}, batch_size=16),
        6,
        2,
    ),
    "quantile 0.9, batches of 7": (
        _session("sine-regression", loss={"name": "quantile", "quantile": 0.9}, batch_size=7),
        4,
        1,
    ),
    "rmse, report huber": (
        _session("sine-regression", loss={"name": "rmse"}, report={"name": "huber", "delta": 0.3}),
        20,
        5,
    ),
    "huber 0.3, leaky relu": (
        _session("outliers-huber", loss={"name": "huber", "delta": 0.3}, activations=["leaky_relu", "linear"]),
        20,
        5,
    ),
    "bce, momentum, report accuracy": (
        _session("circles-relu", optimizer={"name": "momentum", "learning_rate": 0.05}, report={"name": "accuracy"}),
        4,
        1,
    ),
    "focal without alpha, report mbe": (
        _session("circles-relu", loss={"name": "focal", "gamma": 0.5, "alpha": None}, report={"name": "mbe"}),
        4,
        1,
    ),
    "hinge on tanh scores, adam": (
        _session(
            "circles-relu",
            loss={"name": "hinge"},
            activations=["relu", "relu", "tanh"],
            optimizer={"name": "adam", "learning_rate": 0.01},
        ),
        4,
        1,
    ),
    "label smoothing, adam": (
        _session(
            "blobs-softmax",
            loss={"name": "label_smoothing_ce", "epsilon": 0.2},
            optimizer={"name": "adam", "learning_rate": 0.01, "beta1": 0.8},
        ),
        6,
        2,
    ),
    "kl divergence (softmax VJP)": (_session("blobs-softmax", loss={"name": "kl_div"}), 6, 2),
    "mse after softmax, report cross-entropy": (
        _session("blobs-softmax", loss={"name": "mse"}, report={"name": "cross_entropy"}),
        6,
        2,
    ),
    "bce on xor with tanh hidden": (
        _session("xor-lecture", loss={"name": "bce"}, report=None, activations=["tanh", "sigmoid"]),
        40,
        10,
    ),
    # sessions part-way: optimiser state, the shuffling generator, an epoch under way, a drawn order
    "momentum session, part-way through an epoch": (_trained("blobs-softmax", 7), 5, 2),
    "adam session after 30 steps": (_trained("spiral-adam", 30), 3, 1),
    "a phase-by-phase step begun": (_trained("circles-relu", 20, phases=2), 3, 1),
    "full-batch session after 500 epochs": (_trained("xor-lecture", 500), 100, 25),
}

if "rmsprop" in optimizers.OPTIMIZERS:
    CASES["rmsprop"] = (_session("sine-regression", optimizer={"name": "rmsprop", "learning_rate": 0.003}), 20, 5)
    CASES["nesterov, batches of 50"] = (
        _session(
            "circles-relu", optimizer={"name": "momentum", "learning_rate": 0.05, "nesterov": True}, batch_size=50
        ),
        5,
        1,
    )
    CASES["rmsprop session after 25 steps"] = (
        _trained_with("blobs-softmax", 25, optimizer={"name": "rmsprop", "learning_rate": 0.01, "alpha": 0.9}),
        4,
        1,
    )
if SCHEDULES:
    CASES["step decay"] = (
        _session(
            "xor-lecture",
            optimizer={"name": "sgd", "learning_rate": 0.5, "schedule": {"name": "step", "every": 7, "factor": 0.5}},
        ),
        40,
        5,
    )
    CASES["cosine, adam, mini-batches"] = (
        _session(
            "spiral-adam",
            optimizer={
                "name": "adam",
                "learning_rate": 0.02,
                "schedule": {"name": "cosine", "period": 20, "min_factor": 0.1},
            },
        ),
        5,
        1,
    )
    CASES["exponential, momentum session part-way"] = (
        _trained_with(
            "blobs-softmax",
            9,
            optimizer={"name": "momentum", "learning_rate": 0.1, "schedule": {"name": "exponential", "factor": 0.97}},
        ),
        4,
        1,
    )
    CASES["biases of layer 1 not trained"] = (
        _session(
            "circles-relu",
            architecture=dict(PRESETS["circles-relu"].session["architecture"], train_biases=[False, True, True]),
        ),
        4,
        1,
    )

TORCH_CASES = [
    "xor-lecture",
    "worked-example",
    "outliers-huber",
    "imbalanced-focal",
    "spiral-adam",
    "blobs-softmax",
    "sine-regression",
    "hinge on tanh scores, adam",
    "kl divergence (softmax VJP)",
    "label smoothing, adam",
    "log-cosh, adam, batches of 16",
    "focal without alpha, report mbe",
    "momentum session, part-way through an epoch",
    "adam session after 30 steps",
    *[
        c
        for c in (
            "rmsprop session after 25 steps",
            "nesterov, batches of 50",
            "cosine, adam, mini-batches",
            "exponential, momentum session part-way",
            "biases of layer 1 not trained",
        )
        if c in CASES
    ],
]


def _train_output(session_file, epochs, log_every):
    args = main._build_parser().parse_args(
        ["train", "--session", str(session_file), "--epochs", str(epochs), "--log-every", str(log_every)]
    )
    out = io.StringIO()
    code = main.cmd_train(args, out=out)
    return code, out.getvalue()


def _export(folder, case, target):
    d, epochs, log_every = CASES[case]
    folder.mkdir(parents=True, exist_ok=True)
    session_file = folder / "session.json"
    session_file.write_text(json.dumps(d))
    script = folder / f"exported_{target}.py"
    args = main._build_parser().parse_args(
        [
            "export",
            "--session",
            str(session_file),
            "--to",
            target,
            "--epochs",
            str(epochs),
            "--log-every",
            str(log_every),
            "-o",
            str(script),
        ]
    )
    assert main.cmd_export(args, out=io.StringIO()) == 0
    return session_file, script, epochs, log_every


def _run_script(script):
    """``python FILE`` in the script's folder, isolated (-I): nothing of this project on the path."""
    r = subprocess.run(
        [sys.executable, "-I", script.name], capture_output=True, text=True, cwd=script.parent, timeout=300
    )
    return r.returncode, r.stdout, r.stderr


# Runs each script as `python FILE` would (its own globals, as __main__, stdout and stderr and exit code of
# its own), all in one isolated process: importing torch takes seconds, and each script would pay for it.
_DRIVER = """
import contextlib, io, json, runpy, sys, traceback
results = {}
for path in sys.argv[1:]:
    out, err, code = io.StringIO(), io.StringIO(), 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            runpy.run_path(path, run_name="__main__")
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 1
    results[path] = [code, out.getvalue(), err.getvalue()]
print(json.dumps(results))
"""


def _run_all(folder, cases, target):
    exported = {case: _export(folder / f"case{i}", case, target) for i, case in enumerate(cases)}
    scripts = [str(e[1]) for e in exported.values()]
    r = subprocess.run(
        [sys.executable, "-I", "-c", _DRIVER, *scripts], capture_output=True, text=True, cwd=folder, timeout=900
    )
    assert r.returncode == 0, r.stderr[-3000:]
    results = json.loads(r.stdout)
    return {case: (e, results[str(e[1])]) for case, e in exported.items()}


@pytest.fixture(scope="module")
def numpy_runs(tmp_path_factory):
    return _run_all(tmp_path_factory.mktemp("numpy"), list(CASES), "numpy")


@pytest.fixture(scope="module")
def torch_runs(tmp_path_factory):
    pytest.importorskip("torch")
    return _run_all(tmp_path_factory.mktemp("torch"), TORCH_CASES, "pytorch")


def _imports(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("case", list(CASES))
def test_the_numpy_script_prints_what_train_prints(numpy_runs, case):
    (session_file, script, epochs, log_every), (code, out, err) = numpy_runs[case]
    assert _imports(script) <= {"math", "sys", "numpy"}
    want_code, want = _train_output(session_file, epochs, log_every)
    assert (code, out) == (want_code, want), err
    assert out.count("Epoch") >= 1
    if want_code == 3:
        assert "diverged" in err and "Traceback" not in err


@pytest.mark.parametrize("case", TORCH_CASES)
def test_the_pytorch_script_prints_what_train_prints(torch_runs, case):
    (session_file, script, epochs, log_every), (code, out, err) = torch_runs[case]
    assert _imports(script) <= {"math", "sys", "numpy", "torch"}
    want_code, want = _train_output(session_file, epochs, log_every)
    assert (code, out) == (want_code, want), err


def test_lecture_run_exported_from_the_preset_prints_the_lecture_log(tmp_path, capsys):
    script = tmp_path / "xor.py"
    assert main.main(["export", "--preset", "xor-lecture", "--to", "numpy", "-o", str(script)]) == 0
    code, out, _ = _run_script(script)
    assert code == 0
    assert out.splitlines()[0] == "Epoch 0: Loss = 0.3741" and out.splitlines()[-1] == "Epoch 9000: Loss = 0.0487"


def test_export_prints_the_script_without_o(capsys):
    args = main._build_parser().parse_args(["export", "--preset", "worked-example", "--to", "pytorch"])
    out = io.StringIO()
    assert main.cmd_export(args, out=out) == 0
    text = out.getvalue()
    ast.parse(text)
    assert "class Network(nn.Module)" in text and "loss.backward()" in text and "torch.optim.SGD" in text
    assert "--preset worked-example --epochs 10000 --log-every 1000" in text  # the preset's defaults, as train's


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--preset", "no-such"], "unknown preset"),
        (["--preset", "xor-lecture", "--epochs", "-1"], "at least 0"),
        (["--preset", "xor-lecture", "--log-every", "0"], "at least 1"),
        (["--preset", "xor-lecture", "-o", "/no/such/folder/x.py"], "cannot write"),
    ],
)
def test_bad_export_input_is_one_line_and_exit_2(tmp_path, args, words):
    r = subprocess.run(
        [sys.executable, "main.py", "export", "--to", "numpy", *args],
        capture_output=True,
        text=True,
        cwd=main.__file__.rsplit("/", 1)[0],
        timeout=60,
    )
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and words in r.stderr


def test_a_failed_write_keeps_the_file_that_was_there(tmp_path, monkeypatch):
    from model import export

    target = tmp_path / "kept.py"
    target.write_text("print('the good one')\n")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", broken_fsync)
    with pytest.raises(ValueError, match="No space left"):
        export.save_script(target, "new text")
    assert target.read_text() == "print('the good one')\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.py"]  # no temporary file left behind
