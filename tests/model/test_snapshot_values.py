"""Snapshot values come from the trainer's own phases: one backprop, not two."""

import numpy as np
import pytest

import model.network
from model import Session
from model.snapshot import network_values


@pytest.mark.parametrize("name", ["xor-lecture", "blobs-softmax", "vanishing-gradients", "sine-regression"])
def test_network_values_are_the_phase_values_of_a_step_on_the_same_samples(name):
    t = Session.from_preset(name, batch_size=None).trainer
    values = network_values(t.network, t.X, t.Y, t.loss)
    phases = {(p.kind, p.layer): p.values for p in t.step_phases()}
    for lv in values:
        l = lv.index
        np.testing.assert_array_equal(lv.Z, phases[("forward", l)]["z"])
        np.testing.assert_array_equal(lv.A, phases[("forward", l)]["a"])
        np.testing.assert_array_equal(lv.delta, phases[("delta", l)]["delta"])
        np.testing.assert_array_equal(lv.dW, phases[("gradient", l)]["dW"])
        np.testing.assert_array_equal(lv.db, phases[("gradient", l)]["db"])
        np.testing.assert_array_equal(lv.W, phases[("forward", l)]["W"])
        for a in (lv.W, lv.b, lv.Z, lv.A, lv.delta, lv.dW, lv.db):
            assert not a.flags.writeable
    assert not np.shares_memory(values[0].W, t.network.layers[0].W)


def test_there_is_no_second_backprop():
    assert not hasattr(model.network, "backward_deltas")
    assert not hasattr(model.network, "output_delta")


def test_network_values_of_a_diverged_net_warn_nowhere():
    t = Session.from_preset("xor-lecture").trainer
    t.network.layers[0].W[...] = 1e308
    with np.errstate(all="raise"):
        values = network_values(t.network, t.X, t.Y, t.loss)
    assert len(values) == 2
