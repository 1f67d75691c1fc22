"""`main.py train`: the lecture's log, options, saving, divergence and bad input (exit codes, one line)."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import main
from model import Session, load_session

ROOT = Path(__file__).resolve().parents[2]
LECTURE_LOSSES = [0.3741, 0.2462, 0.2399, 0.2296, 0.2139, 0.1918, 0.1599, 0.1168, 0.0758, 0.0487]
LECTURE_LOG = [f"Epoch {1000 * i}: Loss = {v:.4f}" for i, v in enumerate(LECTURE_LOSSES)]
LECTURE_ARGS = ["train", "--preset", "xor-lecture", "--epochs", "10000", "--log-every", "1000"]


def run(capsys, *args):
    # main.py's commands take ``out=sys.stdout`` as a default bound at import, before capsys
    # replaces sys.stdout; point them at the current one.
    saved = {}
    for name in ("cmd_train", "cmd_trace", "cmd_presets", "cmd_loss"):
        fn = getattr(main, name, None)
        if fn is not None and fn.__defaults__:
            saved[fn] = fn.__defaults__
            fn.__defaults__ = (sys.stdout,)
    try:
        code = main.main(list(args))
    finally:
        for fn, defaults in saved.items():
            fn.__defaults__ = defaults
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_lecture_log_as_a_whole_process():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *LECTURE_ARGS],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == LECTURE_LOG
    assert proc.stderr == ""


def test_lecture_log_in_process(capsys):
    code, out, err = run(capsys, *LECTURE_ARGS)
    assert code == 0
    assert out == LECTURE_LOG
    assert err == []


def test_default_preset_and_epochs_come_from_the_preset(capsys):
    code, out, _ = run(capsys, "train", "--epochs", "3000")
    assert code == 0
    assert out == LECTURE_LOG[:3]


def test_log_every_and_a_last_partial_interval(capsys):
    code, out, _ = run(capsys, "train", "--preset", "xor-lecture", "--epochs", "5", "--log-every", "2")
    assert code == 0
    assert [line.split(":")[0] for line in out] == ["Epoch 0", "Epoch 2", "Epoch 4"]


def test_jsonl_records(capsys):
    code, out, _ = run(capsys, *LECTURE_ARGS[:-2], "--log-every", "2500", "--jsonl")
    assert code == 0
    records = [json.loads(line) for line in out]
    assert [r["epoch"] for r in records] == [0, 2500, 5000, 7500]
    assert records[0]["loss"] == pytest.approx(0.3741, abs=5e-5)
    assert records[0]["train_loss"] == pytest.approx(records[0]["loss"] / 2)
    assert 0.0 <= records[-1]["accuracy"] <= 1.0


def _final_weights(capsys, tmp_path, *args):
    path = tmp_path / "out.json"
    code, out, err = run(capsys, "train", *args, "--save", str(path))
    assert code == 0, err
    return load_session(path), out


def test_save_writes_a_session_that_resumes(capsys, tmp_path):
    s, _ = _final_weights(capsys, tmp_path, "--preset", "spiral-adam", "--epochs", "4")
    ref = Session.from_preset("spiral-adam")
    ref.trainer.run_epochs(4)
    assert s.trainer.epoch == 4
    assert all(np.array_equal(a, b) for a, b in zip(s.trainer.network.params(), ref.trainer.network.params()))


def test_session_file_continues_from_its_epoch(capsys, tmp_path):
    first = tmp_path / "first.json"
    assert run(capsys, "train", "--preset", "xor-lecture", "--epochs", "2000", "--save", str(first))[0] == 0
    code, out, _ = run(capsys, "train", "--session", str(first), "--epochs", "3000", "--log-every", "1000")
    assert code == 0
    assert out == LECTURE_LOG[2:5]


def test_lr_option(capsys, tmp_path):
    s, out = _final_weights(capsys, tmp_path, "--preset", "xor-lecture", "--epochs", "10", "--lr", "0.5")
    assert s.trainer.optimizer.learning_rate == 0.5
    ref = Session.from_preset("xor-lecture")
    ref.trainer.set_learning_rate(0.5)
    ref.trainer.run_epochs(10)
    assert np.array_equal(s.trainer.network.layers[0].W, ref.trainer.network.layers[0].W)


def test_loss_option_with_a_parameter(capsys, tmp_path):
    s, out = _final_weights(
        capsys, tmp_path, "--preset", "outliers-huber", "--epochs", "3", "--loss", "huber:delta=0.5"
    )
    assert s.trainer.loss.name == "huber" and s.trainer.loss.params["delta"] == 0.5
    s2, _ = _final_weights(capsys, tmp_path, "--preset", "xor-lecture", "--epochs", "3", "--loss", "mse:half=true")
    assert s2.trainer.loss.params["half"] is True


def test_optimizer_option(capsys, tmp_path):
    s, _ = _final_weights(capsys, tmp_path, "--preset", "xor-lecture", "--epochs", "7", "--optimizer", "adam")
    assert s.trainer.optimizer.name == "adam" and s.trainer.optimizer.t == 7
    assert s.trainer.optimizer.learning_rate == 0.1  # keeps the preset's rate


def test_batch_size_option(capsys, tmp_path):
    s, _ = _final_weights(capsys, tmp_path, "--preset", "circles-relu", "--epochs", "2", "--batch-size", "50")
    assert s.trainer.batch_size == 50
    assert s.trainer.step == 2 * s.trainer.steps_per_epoch
    s0, _ = _final_weights(capsys, tmp_path, "--preset", "circles-relu", "--epochs", "2", "--batch-size", "0")
    assert s0.trainer.full_batch and s0.trainer.step == 2


def test_seed_option_changes_initialisation_and_shuffling(capsys, tmp_path):
    a, _ = _final_weights(capsys, tmp_path, "--preset", "spiral-adam", "--epochs", "1", "--seed", "11")
    b, _ = _final_weights(capsys, tmp_path, "--preset", "spiral-adam", "--epochs", "1", "--seed", "11")
    c, _ = _final_weights(capsys, tmp_path, "--preset", "spiral-adam", "--epochs", "1", "--seed", "12")
    assert a.trainer.seed == 11
    assert np.array_equal(a.trainer.network.layers[0].W, b.trainer.network.layers[0].W)
    assert not np.array_equal(a.trainer.network.layers[0].W, c.trainer.network.layers[0].W)


# -- divergence -------------------------------------------------------------------------------------
def test_lr_too_large_exits_3_naming_the_step(capsys):
    code, out, err = run(capsys, "train", "--preset", "lr-too-large")
    assert code == 3
    assert len(err) == 1
    assert "diverged at step" in err[0] and "Traceback" not in err[0]
    assert out and out[0].startswith("Epoch 0: Loss = ")


def test_lr_too_large_with_save_keeps_finite_weights(capsys, tmp_path):
    path = tmp_path / "diverged.json"
    code, _, err = run(capsys, "train", "--preset", "lr-too-large", "--save", str(path))
    assert code == 3 and len(err) == 1
    s = load_session(path)  # would raise on a non-finite weight
    assert all(np.all(np.isfinite(p)) for p in s.trainer.network.params())
    step = int(err[0].split("diverged at step ")[1].split()[0])
    assert s.trainer.step == step - 1
    assert math.isfinite(s.trainer.evaluate()[0])


# -- bad input: exit 2, one line, no traceback ---------------------------------------------------------
@pytest.mark.parametrize(
    "args, words",
    [
        (["train", "--preset", "nope"], "unknown preset 'nope'"),
        (["train", "--epochs", "-1"], "--epochs must be at least 0"),
        (["train", "--log-every", "0"], "--log-every must be at least 1"),
        (["train", "--epochs", "many"], "invalid int value"),
        (["train", "--loss", "huber:delta"], "must look like key=value"),
        (["train", "--loss", "huber:delta=abc"], "delta must be a number"),
        (["train", "--loss", "huber:width=2"], "has no parameter 'width'"),
        (["train", "--loss", "l3"], "unknown loss 'l3'"),
        (["train", "--loss", "cross_entropy"], "softmax"),
        (["train", "--loss", "accuracy"], "metric"),
        (["train", "--optimizer", "adagrad"], "unknown optimizer 'adagrad'"),
        (["train", "--lr", "-0.1"], "positive finite number"),
        (["train", "--lr", "nan"], "positive finite number"),
        (["train", "--batch-size", "-4"], "batch size must be at least 1"),
        (["train", "--preset", "xor-lecture", "--session", "x.json"], "not allowed with argument"),
        (["train", "--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, words):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert len(err) == 1, err
    assert words in err[0]
    assert "Traceback" not in err[0]


def test_unwritable_save_path_exits_2_with_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "train", "--epochs", "1", "--save", str(tmp_path / "no" / "such" / "dir.json"))
    assert code == 2 and len(err) == 1
    assert "cannot write" in err[0] and "Traceback" not in err[0]


def test_bad_session_file_exits_2_with_one_line(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "train", "--session", str(bad))
    assert code == 2 and out == [] and len(err) == 1
    assert "is not valid JSON" in err[0]
    missing = tmp_path / "missing.json"
    code, _, err = run(capsys, "train", "--session", str(missing))
    assert code == 2 and len(err) == 1 and "cannot read" in err[0]


def test_bad_session_file_as_a_whole_process(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "backprop-studio/1",
                "loss": {"name": "mse"},
                "optimizer": {"name": "sgd", "learning_rate": 0.1},
                "data": {"name": "xor"},
                "network": {"layers": [{"weights": [[1.0, 2.0]], "biases": [0.0], "activation": "linear"}]},
            }
        ),
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "train", "--session", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "bias" in lines[0]


# -- paths: checked before training, never empty ------------------------------------------------------------
def test_the_save_path_is_checked_before_training(capsys, tmp_path, monkeypatch):
    from model.trainer import Trainer

    def no_training(*args, **kwargs):
        raise AssertionError("training ran before the --save path was checked")

    monkeypatch.setattr(Trainer, "run_epochs", no_training)
    monkeypatch.setattr(Trainer, "run_steps", no_training)
    for path, words in [
        (tmp_path / "missing" / "x.json", "the folder"),
        (tmp_path, "is a folder, not a file"),
    ]:
        code, out, err = run(capsys, "train", "--epochs", "100000", "--save", str(path))
        assert code == 2 and out == [] and len(err) == 1, err
        assert words in err[0]


@pytest.mark.parametrize(
    "args",
    [
        ["train", "--save", ""],
        ["train", "--session", ""],
        ["train", "--preset", ""],
        ["trace", "--preset", " "],
        ["trace", "--session", ""],
        ["--preset", ""],
        ["--session", ""],
        ["--screenshot", ""],
    ],
)
def test_empty_file_and_preset_names_are_errors(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == [] and len(err) == 1
    assert "needs a" in err[0] and "got an empty one" in err[0]


def test_trace_precision_is_checked(capsys):
    code, _, err = run(capsys, "trace", "--precision", "1000000000")
    assert code == 2 and err == ["backprop-studio: --precision must be from 0 to 17 digits, got 1000000000"]


# -- the loss command (issue 9.3) --------------------------------------------------------------------------
def test_loss_lists_every_regression_loss_that_applies(capsys):
    code, out, err = run(capsys, "loss", "--y-true", "3,5,7", "--y-pred", "2.5,5,8")
    assert code == 0 and err == []
    assert out == [
        "mse       0.41666666666666663",
        "mae       0.5",
        "huber     0.20833333333333334",
        "log_cosh  0.18463177914710158",
        "quantile  0.25",
        "rmse      0.6454972243679028",
    ]


def test_loss_lists_every_classification_loss_that_applies(capsys):
    code, out, err = run(capsys, "loss", "--y-true", "1,0;0,1;1,0", "--y-pred", "0.9,0.1;0.2,0.8;0.6,0.4")
    assert code == 0 and err == []
    values = {line.split()[0]: float(line.split()[1]) for line in out}
    assert list(values) == ["bce", "cross_entropy", "label_smoothing_ce", "focal", "kl_div"]
    assert [round(v, 4) for v in values.values()] == [0.2798, 0.2798, 0.3463, 0.0306, 0.2798]


def test_loss_with_chosen_losses_and_parameters_prints_full_precision(capsys):
    code, out, _ = run(
        capsys, "loss", "--y-true", "3,5,7", "--y-pred", "2.5,5,8", "--loss", "quantile:quantile=0.7", "--loss", "mse"
    )
    assert code == 0
    assert out == ["quantile:quantile=0.7  0.21666666666666667", "mse                    0.41666666666666663"]
    assert float(out[0].split()[1]) == 0.65 / 3  # repr: the full float, not 0.2167


def test_loss_reads_negative_numbers_as_values(capsys):
    code, out, err = run(capsys, "loss", "--y-true", "-1,1,-1", "--y-pred", "-0.5,2,0.3")
    assert code == 0 and err == [] and out == ["hinge  0.6"]


@pytest.mark.parametrize(
    "args, words",
    [
        (["--y-true", "3,5,7", "--y-pred", "2.5,5"], "y_true has 3 values but y_pred has 2 values"),
        (["--y-true", "3,x", "--y-pred", "1,2"], "--y-true: 'x' is not a number"),
        (["--y-true", "3,nan", "--y-pred", "1,2"], "'nan' is not a finite number"),
        (["--y-true", "", "--y-pred", "1,2"], "--y-true is empty"),
        (["--y-true", "1,0;1", "--y-pred", "1,2"], "--y-true row 2 has 1 values but row 1 has 2"),
        (["--y-true", "3,5", "--y-pred", "1,2", "--loss", "nope"], "unknown loss 'nope'"),
        (["--y-true", "3,5", "--y-pred", "1,2", "--loss", "huber:delta=-1"], "delta must be between"),
        (["--y-true", "3,5", "--y-pred", "1,2", "--loss", "bce"], "bce does not apply here"),
        (["--y-true", "3,5"], "the following arguments are required: --y-pred"),
    ],
)
def test_loss_bad_input_exits_2_with_one_line(capsys, args, words):
    code, out, err = run(capsys, "loss", *args)
    assert code == 2 and out == [] and len(err) == 1, err
    assert words in err[0]


def test_loss_as_a_whole_process():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "loss", "--y-true", "3,5,7", "--y-pred", "2.5,5,8", "--loss", "huber"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout == "huber  0.20833333333333334\n"


# -- no warning ever reaches the terminal ------------------------------------------------------------------
def _main(*args, timeout=120):
    return subprocess.run(
        [sys.executable, "-W", "default", str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )


def _strict_json(line):
    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(line, parse_constant=refuse)


@pytest.fixture(scope="module")
def extreme_sessions(tmp_path_factory):
    """Legal but extreme sessions: ±1e308 weights on a softmax and a regression network."""
    folder = tmp_path_factory.mktemp("extreme")
    paths = {}
    for name in ("blobs-softmax", "sine-regression"):
        d = Session.from_preset(name).to_dict()
        d["network"]["layers"][0]["weights"][0][0] = 1e308
        d["network"]["layers"][-1]["weights"][0][0] = -1e308
        paths[name] = folder / f"{name}.json"
        paths[name].write_text(json.dumps(d), encoding="utf-8")
    return paths


@pytest.mark.parametrize("name", ["blobs-softmax", "sine-regression"])
@pytest.mark.parametrize(
    "command",
    [["trace", "--steps", "2"], ["trace", "--format", "jsonl"], ["train", "--epochs", "3", "--jsonl"]],
    ids=["trace", "trace-jsonl", "train-jsonl"],
)
def test_extreme_weights_print_no_warning_and_valid_json(extreme_sessions, name, command):
    proc = _main(*command, "--session", str(extreme_sessions[name]))
    assert proc.returncode in (0, 3), proc.stderr
    assert "Warning" not in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) <= 1  # at most the divergence line
    if "--jsonl" in command or "jsonl" in command:
        for line in proc.stdout.splitlines():
            _strict_json(line)


def test_a_huge_learning_rate_diverges_without_a_warning(tmp_path):
    proc = _main("train", "--preset", "lr-too-large", "--lr", "1e308", "--epochs", "2", "--jsonl")
    assert proc.returncode == 3
    assert len(proc.stderr.splitlines()) == 1 and "diverged" in proc.stderr and "Warning" not in proc.stderr
    for line in proc.stdout.splitlines():
        _strict_json(line)


def test_loss_of_huge_values_is_inf_without_a_warning():
    proc = _main("loss", "--y-true", "1e300,2", "--y-pred", "-1e300,2", "--loss", "mse", "--loss", "rmse")
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.split() == ["mse", "inf", "rmse", "inf"]


BAD_SESSIONS = {
    "architecture true": lambda d: d.update(architecture=True),
    "three million units": lambda d: d.update(architecture={"sizes": [2, 3_000_000, 1], "activations": "tanh"}),
    "step 2**31": lambda d: d.update(step=2**31),
    "NaN in epoch_acc": lambda d: d.update(epoch_acc=[float("nan"), 0, 0, 0]),
    "label 1e9": lambda d: d.update(data={"inputs": [[0.0, 1.0]], "targets": [[1e9]], "task": "classification"}),
    "learning rate 10**400": lambda d: d["optimizer"].update(learning_rate=10**400),
}


@pytest.mark.parametrize("case", list(BAD_SESSIONS))
def test_bad_session_files_exit_2_with_one_line_and_no_warning(tmp_path, case):
    d = Session.from_preset("xor-lecture").to_dict()
    d.pop("architecture")
    BAD_SESSIONS[case](d)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(d, allow_nan=True), encoding="utf-8")
    proc = _main("train", "--session", str(path), "--epochs", "1", "--jsonl")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("backprop-studio: "), proc.stderr
    assert "Traceback" not in proc.stderr and "Warning" not in proc.stderr
    assert proc.stdout == ""


def test_a_json_line_is_strict_json_with_non_finite_values_as_null():
    rec = {"epoch": 3, "loss": float("nan"), "values": [[1.0, float("inf")], [-float("inf"), 2.0]]}
    line = main._json_line(rec)
    assert _strict_json(line) == {"epoch": 3, "loss": None, "values": [[1.0, None], [None, 2.0]]}
