"""The loss landscape over two parameters (model/landscape.py): the grid is the trainer's loss, the
trajectory projection reads the right coordinates, and memory stays bounded."""

import numpy as np
import pytest

from model import Session
from model.landscape import Trajectory, largest_gradients, loss_grid, parameters


def _naive(network, X, Y, loss, a, b, xs, ys):
    """The same grid, one full forward pass per point through a copy of the network."""
    net = network.copy()
    theta = net.flat
    out = np.empty((len(ys), len(xs)))
    for r, y in enumerate(ys):
        for c, x in enumerate(xs):
            theta[a], theta[b] = x, y
            out[r, c] = net.loss_value(X, Y, loss)
    return out


@pytest.mark.parametrize("preset", ["xor-lecture", "blobs-softmax", "sine-regression", "worked-example"])
def test_the_grid_is_the_loss_of_the_network_with_the_two_parameters_moved(preset):
    t = Session.from_preset(preset).trainer
    t.run_steps(20)
    net, params = t.network, parameters(t.network.sizes)
    before = net.flat.copy()
    rng = np.random.default_rng(1)
    pairs = [(0, 1), (len(params) - 1, 0)]  # same layer; the last bias with the first weight
    pairs.append(tuple(int(k) for k in rng.choice(len(params), 2, replace=False)))
    for a, b in pairs:
        xs = net.flat[a] + np.linspace(-1.5, 1.5, 5)
        ys = net.flat[b] + np.linspace(-1.0, 1.0, 4)
        got = loss_grid(net, t.X, t.Y, t.loss, a, b, xs, ys)
        np.testing.assert_allclose(got, _naive(net, t.X, t.Y, t.loss, a, b, xs, ys), rtol=1e-12, atol=1e-15)
    assert np.array_equal(net.flat, before)  # the network itself is untouched


def test_the_centre_of_the_grid_is_the_trainers_loss():
    t = Session.from_preset("xor-lecture").trainer
    t.run_steps(300)
    theta = t.network.flat
    grads = np.concatenate([g.ravel() for g in t.network.gradients(t.X, t.Y, t.loss)])
    a, b = largest_gradients(t.network.sizes, grads)
    xs = theta[a] + np.linspace(-1, 1, 7)
    ys = theta[b] + np.linspace(-2, 2, 9)
    grid = loss_grid(t.network, t.X, t.Y, t.loss, a, b, xs, ys)
    assert grid[4, 3] == pytest.approx(t.evaluate()[0], rel=1e-12)
    assert grid.shape == (9, 7)


def test_a_small_chunk_gives_the_same_grid(monkeypatch):
    import model.landscape as landscape

    t = Session.from_preset("spiral-adam").trainer
    xs, ys = np.linspace(-1, 1, 6), np.linspace(-1, 1, 5)
    whole = loss_grid(t.network, t.X, t.Y, t.loss, 3, 40, xs, ys)
    monkeypatch.setattr(landscape, "CHUNK_BYTES", 1)  # one grid point at a time
    np.testing.assert_allclose(loss_grid(t.network, t.X, t.Y, t.loss, 3, 40, xs, ys), whole, rtol=1e-12)


def test_parameters_follow_the_flat_layout_and_the_diagrams_names():
    t = Session.from_preset("xor-lecture").trainer
    net = t.network
    params = parameters(net.sizes)
    assert len(params) == net.n_params
    for p in params:
        layer = net.layers[p.layer - 1]
        value = layer.W[p.i, p.j] if p.kind == "w" else layer.b[p.j]
        assert net.flat[p.index] == value
    assert params[0].label == "w(1)[1,1]" and params[1].label == "w(1)[1,2]"
    assert params[net.layers[0].W.size].label == "b(1)[1]"


def test_largest_gradients_picks_weights_by_size_and_falls_back_to_the_first_two():
    sizes = [2, 2, 1]  # w(1): 0-3, b(1): 4-5, w(2): 6-7, b(2): 8
    g = np.zeros(9)
    g[[1, 4, 7]] = [0.5, 9.0, -2.0]  # the bias is larger but is not a weight
    assert largest_gradients(sizes, g) == [7, 1]
    assert largest_gradients(sizes, np.zeros(9)) == [0, 1]
    assert largest_gradients(sizes, np.full(9, np.nan)) == [0, 1]
    assert largest_gradients([1, 1], [5.0, 9.0]) == [0, 1]  # ŷ = wx + b: w, then b


def test_bad_parameters_are_one_sentence():
    t = Session.from_preset("xor-lecture").trainer
    for a, b in [(0, 0), (0, 99), (-1, 2), (True, 2)]:
        with pytest.raises(ValueError) as e:
            loss_grid(t.network, t.X, t.Y, t.loss, a, b, [0.0], [0.0])
        assert "\n" not in str(e.value)


def test_a_diverged_point_is_not_finite_and_warns_nothing():
    t = Session.from_preset("xor-lecture").trainer
    with np.errstate(all="raise"):
        grid = loss_grid(t.network, t.X, t.Y, t.loss, 0, 1, [0.0, 1e308], [0.0, -1e308])
    assert np.isfinite(grid[0, 0])


# -- the trajectory -------------------------------------------------------------------------------------
def test_the_projection_reads_the_two_coordinates_of_every_step():
    tr = Trajectory()
    t = Session.from_preset("xor-lecture").trainer
    seen = []
    for _ in range(12):
        t.run_steps(5)
        tr.add(t.step, t.network.flat)
        seen.append((t.step, t.network.flat.copy()))
    steps, pa, pb = tr.project(2, 7)
    assert list(steps) == [s for s, _ in seen]
    np.testing.assert_array_equal(pa, [f[2] for _, f in seen])
    np.testing.assert_array_equal(pb, [f[7] for _, f in seen])
    np.testing.assert_array_equal(tr.latest(), seen[-1][1])


def test_a_reset_or_a_resume_drops_the_later_steps():
    tr = Trajectory()
    for s in range(10):
        tr.add(s, np.full(3, float(s)))
    tr.add(4, np.full(3, 40.0))  # resumed from step 4 with other weights
    steps, pa, _ = tr.project(0, 1)
    assert list(steps) == [0, 1, 2, 3, 4] and pa[-1] == 40.0
    tr.add(0, np.full(3, -1.0))  # reset
    steps, pa, _ = tr.project(0, 1)
    assert list(steps) == [0] and pa[0] == -1.0
    tr.add(1, np.zeros(5))  # another network
    assert len(tr) == 1


def test_memory_is_bounded_and_the_first_and_latest_steps_stay():
    tr = Trajectory(max_points=64)
    for s in range(0, 100_000, 7):
        tr.add(s, np.array([s, -s, 1.0]))
    steps, pa, pb = tr.project(0, 1)
    assert len(steps) <= 65 and tr._rows.shape[0] <= 64
    assert steps[0] == 0 and steps[-1] == 99_995
    assert np.all(np.diff(steps) > 0)
    np.testing.assert_array_equal(pa, steps)  # each row is still its own step's vector
    np.testing.assert_array_equal(pb, -steps)
    wide = Trajectory(max_points=2000, max_bytes=8 * 1000 * 50)
    for s in range(500):
        wide.add(s, np.zeros(1000))
    assert wide._rows.nbytes <= 8 * 1000 * 50
