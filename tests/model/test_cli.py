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
    for name in ("cmd_train", "cmd_trace", "cmd_presets"):
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
