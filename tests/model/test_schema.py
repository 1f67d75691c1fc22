"""The session schema: the fuzzing report's examples, the memory budget, and families that declare their own checks."""

import copy
import json
import math

import numpy as np
import pytest

from model import Session, schema
from model.presets import PRESETS
from model.schema import check_family, memory_estimate, validate_session


def _preset(name="xor-lecture"):
    return copy.deepcopy(PRESETS[name].session_dict())


def _trained(name="blobs-softmax", steps=7):
    s = Session.from_preset(name)
    s.trainer.track_accuracy = True
    s.trainer.run_steps(steps)
    return json.loads(json.dumps(s.to_dict(), allow_nan=True))


def _refused(d) -> str:
    with pytest.raises(ValueError) as info:
        Session.from_dict(d)
    text = str(info.value)
    assert text and "\n" not in text
    return text


def _with(d, fn):
    d = copy.deepcopy(d)
    fn(d)
    return d


# -- the fuzzing report's examples: each was a traceback, a blow-up or invalid output --------------
WEIGHTS = _preset("worked-example")
TRAINED = _trained()

EXAMPLES = [
    (
        "architecture true beside network",
        _with(WEIGHTS, lambda d: d.update(architecture=True)),
        "'architecture' must be an object, got true",
    ),
    (
        "architecture without sizes beside network",
        _with(WEIGHTS, lambda d: d.update(architecture={"activations": ["sigmoid", "sigmoid"]})),
        "'architecture' needs 'sizes'",
    ),
    (
        "init_seed Infinity",
        _with(_preset(), lambda d: d["architecture"].update(init_seed=math.inf)),
        "'architecture.init_seed' must be a whole number, got Infinity",
    ),
    (
        "init_seed 2**32",
        _with(_preset(), lambda d: d["architecture"].update(init_seed=2**32)),
        "'architecture.init_seed' must be at most 4,294,967,295, got 4294967296",
    ),
    (
        "label 1e9",
        _with(
            WEIGHTS, lambda d: d.update(data={"inputs": [[0.05, 0.1]], "targets": [[1e9]], "task": "classification"})
        ),
        "'data.targets' holds the class label 1e+09, so 1,000,000,001 classes; at most 100 are allowed",
    ),
    (
        "huge integer weight",
        _with(WEIGHTS, lambda d: d["network"]["layers"][0]["weights"][1].__setitem__(0, 10**400)),
        "'network.layers[0].weights' row 2, column 1 is too large: a 401-digit number",
    ),
    (
        "huge integer learning rate",
        _with(WEIGHTS, lambda d: d["optimizer"].update(learning_rate=10**400)),
        "'optimizer.learning_rate' is too large: a 401-digit number",
    ),
    (
        "string weight",
        _with(WEIGHTS, lambda d: d["network"]["layers"][1]["weights"][0].__setitem__(1, "0.5")),
        "'network.layers[1].weights' row 1, column 2: expected a number, got '0.5'",
    ),
    (
        "boolean bias",
        _with(WEIGHTS, lambda d: d["network"]["layers"][0]["biases"].__setitem__(0, True)),
        "'network.layers[0].biases' value 1: expected a number, got true",
    ),
    (
        "boolean learning rate",
        _with(WEIGHTS, lambda d: d["optimizer"].update(learning_rate=True)),
        "'optimizer.learning_rate' must be a number, got true",
    ),
    (
        "step 2**31",
        _with(TRAINED, lambda d: d.update(step=2**31)),
        "'step' must be at most 1,000,000,000, got 2147483648",
    ),
    (
        "NaN in epoch_acc",
        _with(TRAINED, lambda d: d["epoch_acc"].__setitem__(0, math.nan)),
        "'epoch_acc' value 1 is not a finite number (NaN)",
    ),
    (
        "nested weights",
        _with(WEIGHTS, lambda d: d["network"]["layers"][0]["weights"][0].__setitem__(0, [[[0.1]]])),
        "expected a number, got a list of 1",
    ),
    ("epoch after step", _with(TRAINED, lambda d: d.update(epoch=d["step"] + 1)), "cannot be more than 'step'"),
    (
        "batch_pos without order",
        _with(TRAINED, lambda d: d.update(batch_pos=16, order=None)),
        "'batch_pos' is 16 but the session has no shuffling 'order'",
    ),
    (
        "rng with huge state",
        _with(TRAINED, lambda d: d["rng"]["state"].update(state=2**200)),
        "'rng.state.state' must be at most",
    ),
    (
        "optimizer state NaN",
        _with(TRAINED, lambda d: d["optimizer"]["state"]["velocity"][1].__setitem__(0, math.nan)),
        "'optimizer.state.velocity[1]' value 1 is not a finite number (NaN)",
    ),
    (
        "data params nested",
        _with(WEIGHTS, lambda d: d["data"].update(params={"path": {"deep": [1]}})),
        "'data.params.path' must be a number, a text or true/false",
    ),
    ("name not text", _with(WEIGHTS, lambda d: d.update(name=["x"])), "'name' must be a text, got a list of 1"),
    (
        "softmax hidden",
        _with(_preset(), lambda d: d["architecture"].update(activations=["softmax", "sigmoid"])),
        "'architecture.activations[0]' must be one of",
    ),
    (
        "n_samples huge",
        _with(_preset("circles-relu"), lambda d: d["data"].update(n_samples=10**12)),
        "'data': n_samples must be at most 1,000,000",
    ),
]


@pytest.mark.parametrize("case, d, message", EXAMPLES, ids=[c[0] for c in EXAMPLES])
def test_the_fuzzing_reports_examples_are_one_line_each(case, d, message):
    assert message in _refused(json.loads(json.dumps(d, allow_nan=True)))


def test_three_million_hidden_units_are_refused_by_the_budget_before_anything_is_allocated():
    d = _with(_preset(), lambda d: d["architecture"].update(sizes=[2, 3_000_000, 1]))
    text = _refused(d)
    assert text.startswith("'architecture.sizes[1]' must be at most 1,000,000")
    d = _with(_preset(), lambda d: d["architecture"].update(sizes=[2, 1_000_000, 1]))
    text = _refused(d)
    # what is too big, and by how much
    assert text.startswith("this session needs about 99.1 GB of memory, 97.1 GB more than the 2.0 GB allowed;")
    assert "the largest part is evaluating 4,096 rows through a layer of 1,000,000 units (98.3 GB)" in text


def test_the_budget_names_the_part_that_is_too_big():
    d = _with(_preset(), lambda d: d["architecture"].update(sizes=[2, 5000, 5000, 1], activations=["tanh"] * 3))
    assert "the largest part is 25,025,001 weights and biases" in _refused(d)
    d = _with(_preset("circles-relu"), lambda d: d.update(batch_size=None) or d["data"].update(n_samples=1_000_000))
    d["architecture"]["sizes"] = [2, 16, 16, 1]
    assert "the largest part is one training step: 1,000,000 rows × 35 units (3.4 GB)" in _refused(d)
    d["batch_size"] = 64  # mini-batches: the same data fits
    Session.from_dict(d)


def test_memory_estimate_counts_the_parts_largest_first():
    parts = memory_estimate([784, 128, 10], 10_000, 64)
    sizes = [b for _, b in parts]
    assert sizes == sorted(sizes, reverse=True)
    assert [what for what, _ in parts] == [
        "the data: 10,000 rows × 794 columns",
        "evaluating 10,000 rows through a layer of 784 units",
        "101,770 weights and biases with their gradients, optimiser state and copies",
        "one training step: 64 rows × 922 units",
    ]
    assert sum(sizes) < schema.MEMORY_BUDGET  # a 784-input network on 10,000 images fits


def test_the_budget_is_a_setting(monkeypatch):
    d = _preset()
    validate_session(d)
    with pytest.raises(ValueError, match="more than the 1.0 KB allowed"):
        validate_session(d, budget=1000)
    monkeypatch.setattr(schema, "MEMORY_BUDGET", 1000)
    with pytest.raises(ValueError, match="more than the 1.0 KB allowed"):
        Session.from_dict(d)


# -- which numbers may be NaN or Infinity ------------------------------------------------------------
def test_the_history_may_hold_non_finite_values_and_they_round_trip(tmp_path):
    d = copy.deepcopy(TRAINED)
    d["history"]["loss"][2] = math.nan
    d["history"]["epoch_report"] = [math.inf] * len(d["history"]["epoch_report"])
    s = Session.from_dict(d)
    assert math.isnan(s.trainer.history.loss.view()[2])
    s.save(tmp_path / "h.json")
    assert math.isnan(Session.load(tmp_path / "h.json").trainer.history.loss.view()[2])


@pytest.mark.parametrize(
    "path",
    [
        ("network", "layers", 0, "weights", 0, 0),
        ("network", "layers", 0, "biases", 0),
        ("optimizer", "learning_rate"),
        ("optimizer", "momentum"),
        ("loss",),
        ("epoch_acc", 1),
        ("data",),
        ("seed",),
    ],
)
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_everything_else_must_be_finite(path, value):
    d = copy.deepcopy(TRAINED)
    if path == ("loss",):
        d["loss"] = {"name": "label_smoothing_ce", "epsilon": value}
    elif path == ("data",):
        d["data"] = {"name": "blobs", "noise": value}
    else:
        node = d
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    _refused(d)


# -- the families drive their own sections ------------------------------------------------------------
class _Declared:
    """A new family member as a family declares one: a name and its parameters (tuples or ParamSpec)."""

    name = "newopt"
    PARAMS = (
        ("decay", 0.9, 0.0, 1.0, "decay"),
        ("nesterov", False, None, None, "Nesterov"),
        ("mode", "fast", None, None, "mode", ("fast", "slow")),
    )

    def __init__(self, **params):
        self.params = params


def test_a_new_member_and_its_parameters_need_no_new_check():
    registry = {"newopt": _Declared}
    build = lambda v: _Declared(**{k: x for k, x in v.items() if k != "name"})  # noqa: E731
    assert check_family(
        {"name": "newopt", "decay": 0.5, "nesterov": True, "mode": "slow"}, "x", registry, "optimizer", build
    ).params["nesterov"]
    for value, message in [
        ({"name": "newopt", "decay": 2}, "'x.decay' must be at most 1, got 2"),
        ({"name": "newopt", "nesterov": 1}, "'x.nesterov' must be true or false, got 1"),
        ({"name": "newopt", "mode": "medium"}, "'x.mode' must be one of fast, slow, got 'medium'"),
        (
            {"name": "newopt", "rate": 1},
            "'x': the optimizer newopt has no parameter 'rate'; it takes: decay, nesterov, mode",
        ),
        ({"name": "old"}, "'x.name': unknown optimizer 'old'; choose one of newopt"),
    ]:
        with pytest.raises(ValueError) as info:
            check_family(value, "x", registry, "optimizer", build)
        assert str(info.value) == message


def test_the_loss_and_optimizer_sections_read_the_families_declarations():
    from model.losses import LOSSES
    from model.optimizers import OPTIMIZERS

    d = copy.deepcopy(TRAINED)
    for name, cls in LOSSES.items():
        for spec in cls.PARAMS:
            if isinstance(spec.default, float) and spec.maximum is not None:
                d["loss"] = {"name": name, spec.name: spec.maximum * 2 + 1}
                assert f"'loss.{spec.name}' must be at most" in _refused(d)
    d = copy.deepcopy(TRAINED)
    opt = OPTIMIZERS[d["optimizer"]["name"]]
    pname = schema._spec(opt.PARAMS[0])[0]
    d["optimizer"][pname] = "high"
    assert f"'optimizer.{pname}' must be a number, got 'high'" in _refused(d)


# -- what is accepted ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_and_its_trained_file_pass(name):
    validate_session(PRESETS[name].session_dict())
    s = Session.from_preset(name)
    s.trainer.run_steps(3)
    s.trainer.step_phase()
    validate_session(json.loads(json.dumps(s.to_dict(), allow_nan=True)))
    validate_session(s.reset().to_dict())


def test_numbers_written_as_whole_floats_are_accepted_where_whole_numbers_belong():
    d = copy.deepcopy(TRAINED)
    d["step"], d["epoch"], d["seed"] = float(d["step"]), float(d["epoch"]), 6.0
    s = Session.from_dict(d)
    assert s.trainer.step == TRAINED["step"]
    assert np.array_equal(s.trainer.network.layers[0].W, np.array(TRAINED["network"]["layers"][0]["weights"]))


def test_a_session_dict_built_in_memory_may_hold_arrays_and_tuples():
    d = copy.deepcopy(TRAINED)
    d["network"]["layers"][0]["weights"] = np.array(d["network"]["layers"][0]["weights"])
    d["network"]["layers"][0]["biases"] = tuple(np.float64(x) for x in d["network"]["layers"][0]["biases"])
    d["epoch_acc"] = tuple(d["epoch_acc"])
    s = Session.from_dict(d)
    assert np.array_equal(s.trainer.network.layers[0].W, d["network"]["layers"][0]["weights"])


def test_per_layer_train_biases_and_weight_names_are_checked():
    d = _with(_preset(), lambda d: d["architecture"].update(train_biases=[True, "no"]))
    assert _refused(d) == "'architecture.train_biases[1]' must be true or false, got 'no'"
    d = _with(_preset(), lambda d: d["architecture"].update(train_biases=[True]))
    assert _refused(d) == "'architecture.train_biases' must have 2 true/false values, one per layer"
    names = {"W": [[["w1", "w2", "w3"], ["w4", "w5", "w6"]], [["w7"], ["w8"], ["w9"]]], "b": [["b1"] * 3, ["b2"]]}
    validate_session(_with(_preset(), lambda d: d.update(weight_names=names)))
    bad = copy.deepcopy(names)
    bad["W"][1][2] = ["w9", "w10"]
    d = _with(_preset(), lambda d: d.update(weight_names=bad))
    assert "'weight_names.W[1]' is not rectangular: row 3 has 2 values, row 1 has 1" in _refused(d)
    bad = copy.deepcopy(names)
    bad["b"][0][1] = 7
    d = _with(_preset(), lambda d: d.update(weight_names=bad))
    assert _refused(d) == "'weight_names.b[0][1]' must be a text, got 7"
