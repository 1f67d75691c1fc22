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
    assert s.trainer.progress.batch_pos != 0, "the split should fall inside an epoch"
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
    (
        "bad loss parameter",
        _mutated(lambda d: d.update(loss={"name": "huber", "delta": -1})),
        "'loss.delta' must be at least 0.001, got -1",
    ),
    ("loss not an object", _mutated(lambda d: d.update(loss="mse")), "'loss' must be an object"),
    ("metric as loss", _mutated(lambda d: d.update(loss={"name": "accuracy"})), "metric, not a training loss"),
    ("incompatible loss", _mutated(lambda d: d.update(loss={"name": "cross_entropy"})), "softmax"),
    ("unknown report", _mutated(lambda d: d.update(report={"name": "nope"})), "unknown loss 'nope'"),
    ("unknown optimizer", _mutated(lambda d: d.update(optimizer={"name": "adagrad"})), "unknown optimizer 'adagrad'"),
    ("optimizer without name", _mutated(lambda d: d.update(optimizer={"learning_rate": 0.1})), "needs a 'name'"),
    (
        "bad learning rate",
        _mutated(lambda d: d.update(optimizer={"name": "sgd", "learning_rate": "big"})),
        "'optimizer.learning_rate' must be a number, got 'big'",
    ),
    (
        "optimizer state shapes",
        _mutated(lambda d: d.update(optimizer={"name": "adam", "state": {"t": 2, "m": [[1.0]], "v": [[1.0]]}})),
        "'optimizer.state.m' must hold 4 arrays (one per weight matrix and bias vector), got 1",
    ),
    (
        "optimizer state not an object",
        _mutated(lambda d: d.update(optimizer={"name": "adam", "state": "x"})),
        "'optimizer.state' must be an object, got 'x'",
    ),
    (
        "optimizer state not arrays",
        _mutated(lambda d: d.update(optimizer={"name": "momentum", "state": {"t": 1, "velocity": "fast"}})),
        "'optimizer.state.velocity' must be a list, got 'fast'",
    ),
    (
        "optimizer step count",
        _mutated(lambda d: d.update(optimizer={"name": "adam", "state": {"t": -2}})),
        "'optimizer.state.t' must be at least 0, got -2",
    ),
    (
        "infinite step count",
        _mutated(lambda d: d.update(optimizer={"name": "adam", "state": {"t": float("inf")}})),
        "'optimizer.state.t' must be a whole number, got Infinity",
    ),
    (
        "unknown activation",
        _mutated(lambda d: d["network"]["layers"][0].update(activation="swish")),
        "'network.layers[0].activation' must be one of sigmoid, tanh, relu, leaky_relu, linear, got 'swish'",
    ),
    (
        "NaN weight",
        _mutated(lambda d: d["network"]["layers"][0]["weights"][0].__setitem__(0, NAN)),
        "'network.layers[0].weights' row 1, column 1 is not a finite number (NaN)",
    ),
    (
        "infinite bias",
        _mutated(lambda d: d["network"]["layers"][1].update(biases=[float("inf")])),
        "'network.layers[1].biases' value 1 is not a finite number (Infinity)",
    ),
    (
        "bias count",
        _mutated(lambda d: d["network"]["layers"][0].update(biases=[0, 0])),
        "'network.layers[0].biases' must have 3 values (one per unit), got 2",
    ),
    (
        "layer sizes",
        _mutated(lambda d: d["network"]["layers"][1].update(weights=[[1.0], [2.0]])),
        "'network.layers[1].weights' must have 3 rows, got 2",
    ),
    (
        "ragged weights",
        _mutated(lambda d: d["network"]["layers"][0].update(weights=[[0.1, 0.2], [0.4]])),
        "'network.layers[0].weights' is not rectangular: row 2 has 1 values, row 1 has 2",
    ),
    (
        "text weights",
        _mutated(lambda d: d["network"]["layers"][0].update(weights="abc")),
        "'network.layers[0].weights' must be a table (a list of rows), got 'abc'",
    ),
    ("layers not a list", _mutated(lambda d: d["network"].update(layers=5)), "'network.layers' must be a list, got 5"),
    (
        "layer not an object",
        _mutated(lambda d: d["network"].update(layers=[5])),
        "'network.layers[0]' must be an object, got 5",
    ),
    (
        "network not an object",
        _mutated(lambda d: d.update(network=[1])),
        "'network' must be an object, got a list of 1",
    ),
    (
        "data columns",
        _mutated(lambda d: d.update(data={"inputs": [[0, 0, 1]], "targets": [[0]]})),
        "'data.inputs' has 3 columns but the network has 2 inputs",
    ),
    ("data not an object", _mutated(lambda d: d.update(data="xor")), "'data' must be an object"),
    ("unknown data set", _mutated(lambda d: d.update(data={"name": "mnist"})), "unknown data set 'mnist'"),
    ("no targets", _mutated(lambda d: d.update(data={"inputs": [[0, 0]]})), "'data' has 'inputs' but no 'targets'"),
    ("batch size 0", _mutated(lambda d: d.update(batch_size=0)), "'batch_size' must be at least 1, got 0"),
    ("batch size text", _mutated(lambda d: d.update(batch_size="a")), "'batch_size' must be a whole number"),
    ("fractional seed", _mutated(lambda d: d.update(seed=1.5)), "'seed' must be a whole number"),
    ("negative step", _mutated(lambda d: d.update(step=-5)), "'step' must be at least 0"),
    ("bad rng", _mutated(lambda d: d.update(rng={"x": 1})), "'rng.bit_generator' must be \"PCG64\""),
    (
        "order out of range",
        _mutated(lambda d: d.update(order=[0, 1, 99, 2], batch_size=2)),
        "'order' must be a shuffled list of the sample indices 0 … 3",
    ),
    ("order text", _mutated(lambda d: d.update(order="abc")), "'order' must be a list, got 'abc'"),
    (
        "batch_pos past the data",
        _mutated(lambda d: d.update(order=[3, 2, 1, 0], batch_size=2, batch_pos=4)),
        "'batch_pos' must be at most 3, got 4",
    ),
    ("epoch_acc", _mutated(lambda d: d.update(epoch_acc=[1, 2])), "'epoch_acc' must have 4 values, got 2"),
    (
        "history values",
        _mutated(lambda d: d.update(history={"loss": ["a"]})),
        "'history.loss' value 1: expected a number, got 'a'",
    ),
    ("history not an object", _mutated(lambda d: d.update(history=[1])), "'history' must be an object"),
    (
        "architecture sizes",
        _arch({"sizes": [2, "x", 1], "activations": ["tanh", "sigmoid"]}),
        "'architecture.sizes[1]' must be a whole number, got 'x'",
    ),
    (
        "architecture activations",
        _arch({"sizes": [2, 3, 1], "activations": ["tanh"]}),
        "'architecture.activations' must name 2 activations (one per layer), got 1",
    ),
    ("architecture not an object", _arch([2, 3, 1]), "'architecture' must be an object, got a list of 3"),
    (
        "unknown initializer",
        _arch({"sizes": [2, 3, 1], "activations": "tanh", "init": "zero"}),
        "'architecture.init' must be one of lecture, xavier, he, got 'zero'",
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


# -- saving part-way through a phase-by-phase step ------------------------------------------------
@pytest.mark.parametrize("name", sorted(PRESETS))
def test_saving_past_the_loss_phase_keeps_one_loss_per_completed_step(tmp_path, name):
    """A step past its loss phase has recorded its loss but not advanced the step: the file must not
    keep that loss, or the step records it again after loading and the curve is off by one."""
    straight = Session.from_preset(name)
    straight.trainer.run_steps(4)
    s = Session.from_preset(name)
    s.trainer.run_steps(3)
    L = s.trainer.n_layers
    for _ in range(L + 1):  # forward 1 … L, loss
        s.trainer.step_phase()
    assert s.trainer.in_step and s.trainer.current_phases[-1].kind == "loss"
    assert s.trainer.history.loss.n == 4 and s.trainer.step == 3  # the loss is recorded, the step not taken
    s.save(tmp_path / "mid.json")
    d = json.loads((tmp_path / "mid.json").read_text(encoding="utf-8"))
    assert len(d["history"]["loss"]) == len(d["history"]["report"]) == d["step"] == 3
    r = Session.load(tmp_path / "mid.json")
    r.trainer.run_steps(1)
    assert np.array_equal(r.trainer.history.loss.view(), straight.trainer.history.loss.view())
    assert np.array_equal(r.trainer.history.report.view(), straight.trainer.history.report.view())
    assert _same_params(r.trainer, straight.trainer)
    # the session in the window goes on with its step as if nothing happened
    s.trainer.finish_step()
    assert np.array_equal(s.trainer.history.loss.view(), straight.trainer.history.loss.view())


def test_a_file_saved_mid_phase_by_an_older_version_loads_without_the_duplicate(tmp_path):
    s = Session.from_preset("xor-lecture")
    s.trainer.run_steps(5)
    d = s.to_dict()
    d["history"]["loss"].append(d["history"]["loss"][-1] * 0.5)  # the step in progress's loss
    d["history"]["report"].append(d["history"]["report"][-1] * 0.5)
    r = Session.from_dict(d)
    assert r.trainer.history.loss.n == r.trainer.step == 5
    d["history"]["loss"].append(1.0)  # two more than the steps is not that: kept as it is
    d["history"]["report"].append(1.0)
    assert Session.from_dict(d).trainer.history.loss.n == 7


# -- files that are not sessions -------------------------------------------------------------------
def test_deeply_nested_json_is_one_line_not_a_recursion_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"network": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(ValueError, match="deep.json is nested too deeply to be a session file"):
        load_session(path)


def test_a_huge_integer_in_the_file_is_one_line(tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"step": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(ValueError, match="big.json cannot be read"):
        load_session(path)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    import model.session as session_module

    path = tmp_path / "large.json"
    path.write_bytes(b" " * 2000)
    monkeypatch.setattr(session_module, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ValueError, match=r"large.json is 2.0 KB; a session file may be at most 1.0 KB"):
        load_session(path)


def test_a_folder_or_a_binary_file_is_one_line(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        load_session(tmp_path)
    (tmp_path / "b.json").write_bytes(b"\xff\xfe\x00{")
    with pytest.raises(ValueError, match="b.json is not a UTF-8 text file"):
        load_session(tmp_path / "b.json")


def test_what_cannot_be_loaded_is_not_saved(tmp_path):
    """Saving checks the file as loading will: a non-finite weight (a state the guard never leaves)
    is refused with one line, and the file on disk stays as it was."""
    path = tmp_path / "s.json"
    s = Session.from_preset("xor-lecture")
    s.save(path)
    before = path.read_bytes()
    s.trainer.network.layers[0].W[0, 0] = np.inf
    with pytest.raises(ValueError, match=r"cannot save this session: 'network.layers\[0\].weights' row 1, column 1"):
        s.save(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_saving_mid_phase_keeps_one_loss_per_step_on_every_preset(tmp_path, preset):
    """Issue 7 §5: a save after the loss phase of a step in progress used to add that loss to the history."""
    straight = Session.from_preset(preset)
    straight.trainer.run_steps(4)
    s = Session.from_preset(preset)
    s.trainer.run_steps(3)
    while s.trainer.step_phase().kind != "loss":  # forward …, the loss: the step in progress has a loss
        pass
    s.trainer.step_phase()  # and one phase past it
    assert len(s.trainer.history.loss) == 4 and s.trainer.step == 3
    s.save(tmp_path / "mid.json")
    r = Session.load(tmp_path / "mid.json")
    for key in ("loss", "report"):
        got = getattr(r.trainer.history, key)
        assert len(got) == r.trainer.step == 3, key
        np.testing.assert_array_equal(got.exact(), getattr(straight.trainer.history, key).exact()[:3])
    r.trainer.run_steps(1)  # the step again, in full: its loss goes in once
    for key in ("loss", "report"):
        np.testing.assert_array_equal(
            getattr(r.trainer.history, key).exact(), getattr(straight.trainer.history, key).exact()
        )
