"""Fuzzing the session loader: every mutation of a valid session loads or is refused with one line.

Mutations of the presets' sessions and of sessions saved part-way through training: any node
replaced by a random JSON value (huge, negative and non-finite numbers, wrong types, deep
nesting), keys deleted or added.  The outcome is always a :class:`Session` or a ``ValueError``
whose message is one line; never another exception.  The memory budget is lowered so that the
heavy cases the budget must refuse stay cheap to try.
"""

from __future__ import annotations

import copy
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import Session, schema
from model.presets import PRESETS

SMALL_BUDGET = 300_000_000


def _trained(name, steps, phases=0):
    s = Session.from_preset(name)
    s.trainer.track_accuracy = True
    s.trainer.run_steps(steps)
    for _ in range(phases):
        s.trainer.step_phase()
    return json.loads(json.dumps(s.to_dict(), allow_nan=True))


BASES = [p.session_dict() for p in PRESETS.values()] + [
    _trained("spiral-adam", 9),
    _trained("blobs-softmax", 30, phases=3),
    _trained("worked-example", 2),
    _trained("xor-lecture", 5),
]

HUGE = [2**31, 2**32, 2**53 + 1, 2**63, 10**20, 10**400, -(10**400), 3_000_000, 1e9]
ODD_FLOATS = [math.nan, math.inf, -math.inf, 1e308, -1e308, 1e-320, -0.0, 0.5, -1.5, 1e9]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from(HUGE),
    st.integers(),
    st.sampled_from(ODD_FLOATS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(["mse", "adam", "softmax", "xor", "sizes", "lecture", "PCG64", ""]),
)


def _nested(depth: int):
    v = 0.5
    for _ in range(depth):
        v = [v]
    return v


json_values = st.one_of(
    scalars,
    st.lists(scalars, max_size=4),
    st.lists(st.lists(scalars, max_size=3), max_size=3),
    st.dictionaries(st.sampled_from(["name", "sizes", "layers", "t", "x", "state"]), scalars, max_size=3),
    st.integers(10, 2000).map(_nested),
)


def _nodes(tree):
    """Every (container, key) pair of the tree, iteratively (paths into dicts and lists)."""
    out = []
    stack = [tree]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            out.append((node, k))
            if isinstance(v, (dict, list)):
                stack.append(v)
    return out


KEYS = [
    "network",
    "architecture",
    "sizes",
    "activations",
    "init_seed",
    "initial_network",
    "history",
    "rng",
    "order",
    "batch_pos",
    "epoch_acc",
    "step",
    "epoch",
    "state",
    "train_biases",
    "weight_names",
    "schedule",
    "inputs",
    "targets",
    "n_samples",
    "classes",
    "task",
    "zzz",
]


@st.composite
def mutated_sessions(draw):
    d = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        nodes = _nodes(d)
        op = draw(st.sampled_from(["replace", "replace", "scale", "delete", "add"]))
        if op == "add":
            dicts = [d] + [c[k] for c, k in nodes if isinstance(c[k], dict)]
            target = draw(st.sampled_from(dicts))
            target[draw(st.sampled_from(KEYS))] = draw(json_values)
            continue
        if not nodes:
            continue
        container, key = draw(st.sampled_from(nodes))
        if op == "delete" and isinstance(container, dict):
            del container[key]
        elif op == "scale" and isinstance(container[key], (int, float)) and not isinstance(container[key], bool):
            factor = draw(st.sampled_from([-1, 10**6, 10**30, 2**32, 1e300, math.inf]))
            try:
                container[key] = container[key] * factor
            except OverflowError:  # a huge int times a float
                container[key] = math.inf
        else:
            container[key] = draw(json_values)
    return d


def _load(d):
    try:
        return Session.from_dict(d)
    except ValueError as e:
        return e


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_sessions())
def test_every_mutated_session_loads_or_is_refused_in_one_line(monkeypatch_budget, d):
    outcome = _load(d)
    if isinstance(outcome, ValueError):
        text = str(outcome)
        assert text and "\n" not in text, repr(text)
        assert len(text) < 400, text
        assert "Traceback" not in text
    else:
        assert isinstance(outcome, Session)
        # what was accepted is within the budget, and saves as a file that loads again
        arch = outcome.architecture
        t = outcome.trainer
        parts = schema.memory_estimate(arch["sizes"], t.X.shape[0], t.batch_size)
        assert sum(b for _, b in parts) <= SMALL_BUDGET * 1.5
        again = Session.from_dict(json.loads(json.dumps(outcome.to_dict(), allow_nan=True)))
        assert again.trainer.step == t.step


@pytest.fixture(scope="module")
def monkeypatch_budget():
    mp = pytest.MonkeyPatch()
    mp.setattr(schema, "MEMORY_BUDGET", SMALL_BUDGET)
    yield
    mp.undo()
