"""The trainer's histories live in bounded memory (model.series.Series); a long one is saved decimated and
the session still resumes bit for bit."""

import json
import math

import numpy as np
import pytest

from model import Session, load_session
from model.series import Series
from model.trainer import History


def _long(h: History, n: int, epochs: int) -> None:
    rng = np.random.default_rng(0)
    h.loss.extend(rng.random(n))
    h.report.extend(rng.random(n))
    h.epoch_report.extend(rng.random(epochs))
    h.epoch_loss.extend(rng.random(epochs))


def test_every_history_is_a_bounded_series():
    h = History()
    for key in History.KEYS:
        assert isinstance(getattr(h, key), Series)
    _long(h, 100_000, 100_000)
    small = h.nbytes()
    _long(h, 800_000, 800_000)
    assert h.nbytes() <= small + 1_000_000  # 8× the steps, no more memory to speak of
    assert h.nbytes() < 8 * 2**20


def test_grad_norms_are_bounded_series_too():
    t = Session.from_preset("vanishing-gradients").trainer
    t.track_grad_norms = True
    t.run_steps(3)
    assert all(isinstance(g, Series) and g.n == 3 for g in t.history.grad_norms)


def test_view_answers_by_position_once_decimated():
    h = History()
    h.loss.extend(np.arange(200_000, dtype=float))
    assert h.loss.decimated
    v = h.loss.view()
    assert len(v) == v.size == 200_000 and v.shape == (200_000,)
    assert v[-1] == 199_999.0 and v[199_990] == 199_990.0
    np.testing.assert_array_equal(v[199_000:199_005], [199_000.0, 199_001.0, 199_002.0, 199_003.0, 199_004.0])
    assert math.isnan(v[0])  # folded into a bucket: no longer known one by one
    assert np.asarray(v).shape == (200_000,)
    assert h.loss.last() == 199_999.0


def test_long_history_saves_decimated_and_the_session_resumes_bit_for_bit(tmp_path):
    s = Session.from_preset("xor-lecture")
    t = s.trainer
    t.run_steps(5)
    _long(t.history, 150_000, 150_000)  # as if it had trained that long
    path = tmp_path / "long.json"
    s.save(path)
    d = json.loads(path.read_text())
    assert isinstance(d["history"]["loss"], dict) and len(path.read_bytes()) < 20 * 2**20
    r = load_session(path)
    assert r.trainer.history.loss.n == t.history.loss.n
    assert r.trainer.history.loss.last() == t.history.loss.last()
    x, y = t.history.loss.xy()
    rx, ry = r.trainer.history.loss.xy()
    np.testing.assert_array_equal(x, rx)
    np.testing.assert_array_equal(y, ry)
    t.run_steps(50)
    r.trainer.run_steps(50)
    assert all(np.array_equal(a, b) for a, b in zip(t.network.params(), r.trainer.network.params()))
    assert t.rng.bit_generator.state == r.trainer.rng.bit_generator.state


def test_a_malformed_decimated_history_is_one_line():
    d = Session.from_preset("xor-lecture").to_dict()
    d["history"] = {"loss": {"n": 10, "ranges": [[0, 5]], "buckets": [], "exact": [1.0]}}
    with pytest.raises(ValueError, match="history.loss") as info:
        Session.from_dict(d)
    assert "\n" not in str(info.value)


def test_cutting_back_into_the_decimated_part_keeps_positions():
    s = Session.from_preset("xor-lecture")
    t = s.trainer
    t.history.loss.extend(np.arange(300_000, dtype=float))
    t.history.loss.cut(200_000)
    assert t.history.loss.n == 200_000
    t.history.loss.append(-1.0)
    assert t.history.loss.view()[200_000] == -1.0


def test_each_epoch_records_the_step_it_ended_at_across_a_batch_size_change(tmp_path):
    """The accuracy curve is placed from this record (issue 7 §1): exact even for an epoch cut in two."""
    s = Session.from_preset("circles-relu")  # 200 samples, batch 10
    t = s.trainer
    ended = []  # the step count whenever the epoch counter moved, watched step by step
    for n_steps, batch in ((25, None), (40, 100), (30, None)):
        if batch is not None:
            t.set_batch_size(batch)
        for _ in range(n_steps):
            epoch = t.epoch
            t.run_steps(1)
            if t.epoch != epoch:
                ended.append(t.step)
    assert t.history.epoch_step.n == t.epoch == len(ended)
    np.testing.assert_array_equal(t.history.epoch_step.exact(), ended)
    assert ended[:2] == [20, 27]  # the second epoch: 5 batches of 10, then 100 and the last 50 samples
    fast = Session.from_preset("circles-relu").trainer  # the same record from whole runs
    fast.run_steps(25)
    fast.set_batch_size(100)
    fast.run_steps(70)
    np.testing.assert_array_equal(fast.history.epoch_step.exact(), ended)
    s.save(tmp_path / "s.json")  # saved, and back
    np.testing.assert_array_equal(load_session(tmp_path / "s.json").trainer.history.epoch_step.exact(), ended)
