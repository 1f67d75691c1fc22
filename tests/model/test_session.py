"""Session files: bit-exact resume through a file, minimal files, and malformed files as readable errors."""

import copy
import json

import numpy as np
import pytest

from model import FORMAT, Session, load_session, save_session
from model.presets import PRESETS


def _same_params(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a.network.params(), b.network.params()))


def _same_optimizer_state(a, b):
    sa, sb = a.optimizer.state, b.optimizer.state
    return (
        a.optimizer.t == b.optimizer.t
        and sa.keys() == sb.keys()
        and all(np.array_equal(x, y) for k in sa for x, y in zip(sa[k], sb[k]))
    )


# -- resume bit for bit ---------------------------------------------------------------------------
def test_100_epochs_save_load_100_epochs_equals_200_straight(tmp_path):
    straight = Session.from_preset("spiral-adam")
    straight.trainer.track_accuracy = True
    straight.trainer.run_epochs(200)

    first = Session.from_preset("spiral-adam")
    first.trainer.track_accuracy = True
    first.trainer.run_epochs(100)
    path = tmp_path / "spiral.json"
    first.save(path)
    resumed = Session.load(path)
    resumed.trainer.track_accuracy = True
    assert resumed.trainer.epoch == 100 and resumed.trainer.step == first.trainer.step
    resumed.trainer.run_epochs(100)

    a, b = straight.trainer, resumed.trainer
    assert a.step == b.step and a.epoch == b.epoch == 200
    assert _same_params(a, b)
    assert _same_optimizer_state(a, b)
    assert a.rng.bit_generator.state == b.rng.bit_generator.state
    assert np.array_equal(a.history.loss.view(), b.history.loss.view())
    assert np.array_equal(a.history.epoch_report.view(), b.history.epoch_report.view())
    assert np.array_equal(a.history.epoch_accuracy.view(), b.history.epoch_accuracy.view())


@pytest.mark.parametrize("preset, steps", [("spiral-adam", 23), ("blobs-softmax", 9), ("circles-relu", 31)])
def test_mid_epoch_save_resumes_bit_for_bit(tmp_path, preset, steps):
    straight = Session.from_preset(preset)
    straight.trainer.run_steps(3 * steps)
    s = Session.from_preset(preset)
    s.trainer.run_steps(steps)
    assert s.trainer._batch_pos != 0, "the split should fall inside an epoch"
    save_session(tmp_path / "mid.json", s)
    r = load_session(tmp_path / "mid.json")
    r.trainer.run_steps(2 * steps)
    assert _same_params(straight.trainer, r.trainer)
    assert _same_optimizer_state(straight.trainer, r.trainer)
    assert np.array_equal(straight.trainer.history.report.view(), r.trainer.history.report.view())
    assert np.array_equal(straight.trainer.history.epoch_report.view(), r.trainer.history.epoch_report.view())


def test_save_in_the_middle_of_a_phase_step_resumes_bit_for_bit(tmp_path):
    straight = Session.from_preset("spiral-adam")
    straight.trainer.run_steps(30)
    s = Session.from_preset("spiral-adam")
    s.trainer.run_steps(14)  # the next step starts a new epoch and draws its permutation
    s.trainer.step_phase()
    s.trainer.step_phase()
    s.save(tmp_path / "phase.json")
    r = Session.load(tmp_path / "phase.json")
    assert r.trainer.step == 14
    r.trainer.run_steps(16)
    assert _same_params(straight.trainer, r.trainer)


def test_saved_file_is_json_with_the_format_and_reads_back_the_same(tmp_path):
    s = Session.from_preset("blobs-softmax")
    s.trainer.run_steps(5)
    path = tmp_path / "s.json"
    s.save(path)
    d = json.loads(path.read_text(encoding="utf-8"))
    assert d["format"] == FORMAT == "backprop-studio/1"
    for key in ("network", "loss", "optimizer", "data", "history", "rng", "epoch", "step"):
        assert key in d
    assert d["optimizer"]["name"] == "momentum" and len(d["optimizer"]["state"]["velocity"]) == 4
    again = Session.from_dict(d).to_dict()
    assert again == Session.from_dict(json.loads(json.dumps(d))).to_dict()


def test_without_history_the_session_still_resumes(tmp_path):
    s = Session.from_preset("xor-lecture")
    s.trainer.run_epochs(50)
    s.save(tmp_path / "x.json", with_history=False)
    r = Session.load(tmp_path / "x.json")
    assert r.trainer.history.loss.n == 0 and r.trainer.epoch == 50
    r.trainer.run_epochs(50)
    ref = Session.from_preset("xor-lecture")
    ref.trainer.run_epochs(100)
    assert _same_params(ref.trainer, r.trainer)


# -- minimal files and defaults ---------------------------------------------------------------------
MINIMAL = {
    "network": {
        "layers": [
            {"weights": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "biases": [0.0, 0.1, 0.0], "activation": "tanh"},
            {"weights": [[1.0], [-2.0], [0.5]], "biases": [0.5], "activation": "sigmoid"},
        ]
    },
    "loss": {"name": "mse"},
    "optimizer": {"name": "sgd", "learning_rate": 0.1},
    "data": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]},
}


def test_a_file_with_only_network_loss_optimizer_and_data_loads_with_defaults(tmp_path):
    path = tmp_path / "min.json"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    s = load_session(path)
    t = s.trainer
    assert t.step == 0 and t.epoch == 0 and t.seed == 0
    assert t.batch_size is None and t.full_batch
    assert t.report is None and t.loss.name == "mse"
    assert t.optimizer.name == "sgd" and t.optimizer.learning_rate == 0.1 and t.optimizer.t == 0
    assert np.array_equal(t.network.layers[0].W, MINIMAL["network"]["layers"][0]["weights"])
    assert s.name == "custom"
    assert t.run_epochs(3) == 3
    # reset goes back to exactly the file's weights
    fresh = s.reset()
    assert np.array_equal(fresh.trainer.network.layers[1].W, MINIMAL["network"]["layers"][1]["weights"])
    assert fresh.trainer.step == 0


def test_an_architecture_instead_of_weights_is_initialised_from_its_seed():
    d = {k: v for k, v in MINIMAL.items() if k != "network"}
    d["architecture"] = {"sizes": [2, 4, 1], "activations": ["relu", "sigmoid"], "init": "he", "init_seed": 7}
    a, b = Session.from_dict(copy.deepcopy(d)), Session.from_dict(copy.deepcopy(d))
    assert a.trainer.network.sizes == [2, 4, 1]
    assert _same_params(a.trainer, b.trainer)


@pytest.mark.parametrize("name", list(PRESETS))
def test_reset_reinitialises_to_the_same_start(name):
    s = Session.from_preset(name)
    start = [p.copy() for p in s.trainer.network.params()]
    s.trainer.run_steps(3)
    r = s.reset()
    assert r.trainer.step == 0 and r.trainer.history.loss.n == 0
    assert all(np.array_equal(a, b) for a, b in zip(start, r.trainer.network.params()))
    assert r.trainer.optimizer.t == 0 and not r.trainer.optimizer.state


# -- malformed files: one readable sentence each -------------------------------------------------------
def _mutated(fn):
    d = copy.deepcopy(MINIMAL)
    fn(d)
    return d


def _arch(arch):
    d = {k: v for k, v in copy.deepcopy(MINIMAL).items() if k != "network"}
    d["architecture"] = arch
    return d


NAN = float("nan")
MALFORMED = [
    ("format", _mutated(lambda d: d.update(format="backprop-studio/9")), "unsupported session format"),
    ("not an object", [1, 2], "must hold a JSON object"),
    ("no loss", _mutated(lambda d: d.pop("loss")), "no 'loss' section"),
    ("no optimizer", _mutated(lambda d: d.pop("optimizer")), "no 'optimizer' section"),
    ("no data", _mutated(lambda d: d.pop("data")), "no 'data' section"),
    ("no network", _mutated(lambda d: d.pop("network")), "needs a 'network'"),
    ("unknown loss", _mutated(lambda d: d.update(loss={"name": "l3"})), "unknown loss 'l3'"),
    ("bad loss parameter", _mutated(lambda d: d.update(loss={"name": "huber", "delta": -1})), "delta must be"),
    ("loss not an object", _mutated(lambda d: d.update(loss="mse")), "'loss' must be an object"),
    ("metric as loss", _mutated(lambda d: d.update(loss={"name": "accuracy"})), "metric, not a training loss"),
    ("incompatible loss", _mutated(lambda d: d.update(loss={"name": "cross_entropy"})), "softmax"),
    ("unknown report", _mutated(lambda d: d.update(report={"name": "nope"})), "unknown loss 'nope'"),
    ("unknown optimizer", _mutated(lambda d: d.update(optimizer={"name": "adagrad"})), "unknown optimizer 'adagrad'"),
    ("optimizer without name", _mutated(lambda d: d.update(optimizer={"learning_rate": 0.1})), "needs a 'name'"),
    (
        "bad learning rate",
        _mutated(lambda d: d.update(optimizer={"name": "sgd", "learning_rate": "big"})),
        "learning rate must be a number",
    ),
    (
        "optimizer state shapes",
        _mutated(lambda d: d.update(optimizer={"name": "adam", "state": {"t": 2, "m": [[1.0]], "v": [[1.0]]}})),
        "does not match the network",
    ),
    (
        "optimizer state not an object",
        _mutated(lambda d: d.update(optimizer={"name": "adam", "state": "x"})),
        "optimizer state must be an object",
    ),
    (
        "optimizer state not arrays",
        _mutated(lambda d: d.update(optimizer={"name": "momentum", "state": {"t": 1, "velocity": "fast"}})),
        "'velocity' must be a list of number arrays",
    ),
    (
        "optimizer step count",
        _mutated(lambda d: d.update(optimizer={"name": "adam", "state": {"t": -2}})),
        "'t' must be a whole number ≥ 0",
    ),
    (
        "infinite step count",
        _mutated(lambda d: d.update(optimizer={"name": "adam", "state": {"t": float("inf")}})),
        "'t' must be a whole number ≥ 0",
    ),
    (
        "unknown activation",
        _mutated(lambda d: d["network"]["layers"][0].update(activation="swish")),
        "layer 1: unknown activation 'swish'",
    ),
    (
        "NaN weight",
        _mutated(lambda d: d["network"]["layers"][0]["weights"][0].__setitem__(0, NAN)),
        "layer 1 has a non-finite weight",
    ),
    (
        "infinite bias",
        _mutated(lambda d: d["network"]["layers"][1].update(biases=[float("inf")])),
        "layer 2 has a non-finite bias",
    ),
    ("bias count", _mutated(lambda d: d["network"]["layers"][0].update(biases=[0, 0])), "needs 3 biases, got 2"),
    (
        "layer sizes",
        _mutated(lambda d: d["network"]["layers"][1].update(weights=[[1.0], [2.0]])),
        "layer 1 has 3 units but layer 2 expects 2 inputs",
    ),
    (
        "ragged weights",
        _mutated(lambda d: d["network"]["layers"][0].update(weights=[[0.1, 0.2], [0.4]])),
        "rectangular tables of numbers",
    ),
    (
        "text weights",
        _mutated(lambda d: d["network"]["layers"][0].update(weights="abc")),
        "rectangular tables of numbers",
    ),
    ("layers not a list", _mutated(lambda d: d["network"].update(layers=5)), "needs a 'layers' list"),
    ("layer not an object", _mutated(lambda d: d["network"].update(layers=[5])), "layer 1 must be an object"),
    ("network not an object", _mutated(lambda d: d.update(network=[1])), "needs a 'layers' list"),
    (
        "data columns",
        _mutated(lambda d: d.update(data={"inputs": [[0, 0, 1]], "targets": [[0]]})),
        "3 input columns but the network has 2",
    ),
    ("data not an object", _mutated(lambda d: d.update(data="xor")), "'data' must be an object"),
    ("unknown data set", _mutated(lambda d: d.update(data={"name": "mnist"})), "unknown dataset 'mnist'"),
    ("no targets", _mutated(lambda d: d.update(data={"inputs": [[0, 0]]})), "'data.targets'"),
    ("batch size 0", _mutated(lambda d: d.update(batch_size=0)), "batch size must be at least 1"),
    ("batch size text", _mutated(lambda d: d.update(batch_size="a")), "'batch_size' must be a whole number"),
    ("fractional seed", _mutated(lambda d: d.update(seed=1.5)), "'seed' must be a whole number"),
    ("negative step", _mutated(lambda d: d.update(step=-5)), "'step' must be at least 0"),
    ("bad rng", _mutated(lambda d: d.update(rng={"x": 1})), "random generator state is invalid"),
    (
        "order out of range",
        _mutated(lambda d: d.update(order=[0, 1, 99, 2], batch_size=2)),
        "'order' must be a shuffled list of the sample indices 0 … 3",
    ),
    ("order text", _mutated(lambda d: d.update(order="abc")), "'order' must be a shuffled list"),
    (
        "batch_pos past the data",
        _mutated(lambda d: d.update(order=[3, 2, 1, 0], batch_size=2, batch_pos=4)),
        "'batch_pos' must be the start of a batch",
    ),
    ("epoch_acc", _mutated(lambda d: d.update(epoch_acc=[1, 2])), "'epoch_acc' must be a list of 4 numbers"),
    ("history values", _mutated(lambda d: d.update(history={"loss": ["a"]})), "'history' must be an object"),
    ("history not an object", _mutated(lambda d: d.update(history=[1])), "'history' must be an object"),
    ("architecture sizes", _arch({"sizes": [2, "x", 1], "activations": ["tanh", "sigmoid"]}), "'architecture' needs"),
    ("architecture activations", _arch({"sizes": [2, 3, 1], "activations": ["tanh"]}), "2 layers need 2 activations"),
    ("architecture not an object", _arch([2, 3, 1]), "'architecture' needs"),
    (
        "unknown initializer",
        _arch({"sizes": [2, 3, 1], "activations": "tanh", "init": "zero"}),
        "unknown initializer 'zero'",
    ),
]


@pytest.mark.parametrize("case, d, message", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_session_is_a_readable_value_error(tmp_path, case, d, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(d, allow_nan=True), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_session(path)
    text = str(info.value)
    assert message in text
    assert "\n" not in text and len(text) < 300
    assert "Traceback" not in text


def test_bad_json_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"loss": {"name": "mse"},\n "data": [1, 2,, 3]}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.json is not valid JSON \(line 2, column"):
        load_session(path)


def test_missing_file_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        load_session(tmp_path / "nope.json")


def test_unknown_preset():
    with pytest.raises(ValueError, match="unknown preset 'xor'; choose one of: xor-lecture"):
        Session.from_preset("xor")
