"""The worked example as published (biases not trained, w1…w8), the train-biases switch, the update
phase's record, and the lecture's one-neuron example."""

import json

import numpy as np
import pytest

from main import main
from model import Session, load_session
from model.network import Layer, Network
from model.presets import get_preset


def test_worked_example_trains_as_published():
    t = Session.from_preset("worked-example").trainer
    assert t.train_biases == (False, False)
    b = [layer.b.copy() for layer in t.network.layers]
    t.run_steps(1)
    assert t.evaluate()[0] == pytest.approx(0.29102777, abs=5e-9)
    t.run_steps(9999)
    assert t.evaluate()[0] == pytest.approx(3.5102e-05, abs=5e-10)
    assert all(np.array_equal(layer.b, old) for layer, old in zip(t.network.layers, b))
    text = get_preset("worked-example").description
    assert "0.291027924" in text and "0.0000351085" in text and "rounded" in text


def test_worked_example_names_its_weights_as_published():
    s = Session.from_preset("worked-example")
    names, W = s.weight_names, [layer.W for layer in s.trainer.network.layers]
    published = {"w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30, "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55}
    for l, layer_names in enumerate(names["W"]):
        for i, row in enumerate(layer_names):
            for j, name in enumerate(row):
                assert W[l][i, j] == published[name]
    assert names["b"] == [["b1", "b1"], ["b2", "b2"]]
    assert Session.from_preset("xor-lecture").weight_names is None


def test_train_biases_off_keeps_them_with_any_optimizer_and_shows_the_gradient():
    for opt in ({"name": "sgd", "learning_rate": 0.5}, {"name": "momentum", "learning_rate": 0.5}, {"name": "adam"}):
        s = Session.from_preset("xor-lecture", optimizer=opt)
        t = s.trainer
        t.set_train_biases([True, False])
        b1, b2 = t.network.layers[0].b.copy(), t.network.layers[1].b.copy()
        phases = t.step_phases()
        t.run_steps(20)
        assert np.array_equal(t.network.layers[1].b, b2)
        assert not np.array_equal(t.network.layers[0].b, b1)
        grad2 = next(p for p in phases if p.kind == "gradient" and p.layer == 2)
        assert np.any(grad2.values["db"] != 0)  # ∂L/∂b is computed and shown, only not applied
        assert phases[-1].values["train_biases"] == (True, False)


def test_train_biases_fast_and_phase_paths_are_bit_identical():
    a = Session.from_preset("spiral-adam").trainer
    b = Session.from_preset("spiral-adam").trainer
    for t in (a, b):
        t.set_train_biases([False, True, False])
    a.run_steps(12)
    for _ in range(12):
        b.step_phases()
    assert all(np.array_equal(x, y) for x, y in zip(a.network.params(), b.network.params()))


def test_train_biases_in_the_session_file_and_refused_when_malformed(tmp_path):
    s = Session.from_preset("xor-lecture")
    s.trainer.set_train_biases([False, True])
    s.trainer.run_steps(5)
    path = tmp_path / "s.json"
    s.save(path)
    d = json.loads(path.read_text())
    assert d["architecture"]["train_biases"] == [False, True]
    assert [layer["train_biases"] for layer in d["network"]["layers"]] == [False, True]
    r = load_session(path)
    assert r.trainer.train_biases == (False, True)
    assert Session.from_dict(r.reset().to_dict()).trainer.train_biases == (False, True)
    d["architecture"]["train_biases"] = [True]
    with pytest.raises(ValueError, match="train_biases' must have 2 true/false values"):
        Session.from_dict(d)
    d["architecture"].pop("train_biases")
    d["network"]["layers"][0]["train_biases"] = "no"
    with pytest.raises(ValueError, match="train_biases"):
        Session.from_dict(d)
    with pytest.raises(ValueError, match="one yes/no per layer"):
        s.trainer.set_train_biases([True])


def test_layers_keep_the_flag_through_copies():
    net = Network([Layer([[1.0]], [0.5], "linear", train_bias=False)])
    assert net.copy().layers[0].train_bias is False
    assert Network.from_dict(net.to_dict()).layers[0].train_bias is False


def test_the_update_phase_records_the_optimizer_state_before_and_after():
    t = Session.from_preset("blobs-softmax").trainer  # momentum
    t.run_steps(2)
    update = t.step_phases()[-1].values
    before, after = update["opt_before"], update["opt_after"]
    assert before["t"] == 2 and after["t"] == 3
    mu = t.optimizer.params["momentum"]
    grads = [g for g in t.current_phases if g.kind == "gradient"][::-1]
    for l, g in enumerate(grads):
        np.testing.assert_allclose(
            after["velocity"][2 * l], mu * before["velocity"][2 * l] + g.values["dW"], rtol=1e-14
        )
    assert update["lr"] == t.optimizer.learning_rate and update["train_biases"] == (True, True)


def test_linear_neuron_is_the_lectures_example():
    s = Session.from_preset("linear-neuron")
    t = s.trainer
    phases = t.step_phases()
    grad = next(p for p in phases if p.kind == "gradient").values
    assert grad["dW"][0, 0] == -8.0 and grad["db"][0] == -4.0  # (wx + b − y)·x and wx + b − y
    assert t.network.layers[0].W[0, 0] == pytest.approx(1.3) and t.network.layers[0].b[0] == pytest.approx(0.4)
    errors = []
    for _ in range(5):
        errors.append(abs(float(t.network.predict([[2.0]])[0, 0]) - 5.0))
        t.run_steps(1)
    assert errors == pytest.approx([2.0, 1.0, 0.5, 0.25, 0.125])  # each step halves the error
    assert s.weight_names == {"W": [[["w"]]], "b": [["b"]]}
    assert "∂L/∂w = (wx + b − y)·x" in get_preset("linear-neuron").description


def test_cli_train_biases(capsys, tmp_path):
    path = tmp_path / "w.json"
    assert (
        main(["train", "--preset", "worked-example", "--train-biases", "yes", "--epochs", "1", "--save", str(path)])
        == 0
    )
    assert load_session(path).trainer.train_biases == (True, True)
    assert (
        main(["train", "--preset", "xor-lecture", "--train-biases", "n,y", "--epochs", "1", "--save", str(path)]) == 0
    )
    assert load_session(path).trainer.train_biases == (False, True)
    assert main(["trace", "--preset", "worked-example", "--train-biases", "y"]) == 0
    capsys.readouterr()
    assert main(["train", "--preset", "xor-lecture", "--train-biases", "y,n,y"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "one of them per layer (2)" in err[0]
