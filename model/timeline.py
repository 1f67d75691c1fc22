"""Time travel: a bounded record of a trainer's past states, dense near the present.

A :class:`Timeline` keeps every step for the most recent ``recent`` steps, every 10th step
for the ``10·recent`` before that, every 100th for the ``100·recent`` before that, and so
on: tier k is a ring of ``recent`` rows holding the steps that are multiples of ``10ᵏ``,
the row of step s sitting in slot ``(s // 10ᵏ) mod recent``.  A million steps therefore
take five tiers of 1,000 rows.  The first state recorded (the *origin*) is always kept.

A row is one flat float64 vector::

    [step, epoch, batch_pos, order_fresh, optimizer t, Σ report, Σ loss, Σ correct, count,
     version, layout,  W1 b1 W2 b2 …,  optimizer state arrays (m, v, velocity …)]

written with one ``np.concatenate(..., out=row)``; counters and sums are exact in float64.
The shuffling generator's state and the epoch's permutation change only when a new
permutation is drawn, so they are kept once per *version*, not per row.  A permutation
that the generator reproduces from the previous version's state is not stored at all
(it is redrawn, and checked, when needed), so a large data set costs no more than a small one.

:meth:`Timeline.state_at` returns a dict for :meth:`model.trainer.Trainer.load_state_dict`
that restores the trainer bit for bit; the settings (learning rate, loss, batch size) are
the trainer's current ones, not part of the record.  :meth:`Timeline.record` reads the trainer's
:attr:`~model.trainer.Trainer.progress` (no copies: its ``order`` is shared and read-only); the
tests compare every restored state with ``state_dict()`` key by key.  Memory is bounded by
``max_bytes``: the tiers thin out the past logarithmically, and permutations and generator
states no row refers to any more are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .text import msg

if TYPE_CHECKING:
    from .trainer import Trainer

__all__ = ["Timeline"]

# header columns
_STEP, _EPOCH, _BATCH_POS, _FRESH, _T, _ESUM, _ELSUM, _ECORRECT, _ECOUNT, _VERSION, _LAYOUT = range(11)
_HEADER = 11
_VERSION_BYTES = 600  # a generator state dict (two 128-bit ints) and its bookkeeping, roughly
_MAX_REDRAWS = 64  # permutations drawn while trying to reproduce an epoch's order


class _Tier:
    __slots__ = ("stride", "steps", "rows")

    def __init__(self, stride, capacity, width):
        self.stride = stride
        self.steps = np.full(capacity, -1, dtype=np.int64)
        self.rows = np.zeros((capacity, width))

    @property
    def nbytes(self):
        return self.steps.nbytes + self.rows.nbytes


class _Layout:
    """How a row's tail splits into parameter and optimiser-state arrays."""

    __slots__ = ("param_shapes", "state_keys", "sizes", "width")

    def __init__(self, param_shapes, state_keys):
        self.param_shapes = tuple(tuple(s) for s in param_shapes)
        self.state_keys = tuple(state_keys)
        n = [int(np.prod(s)) for s in self.param_shapes]
        self.sizes = n
        self.width = _HEADER + sum(n) * (1 + len(self.state_keys))

    def key(self):
        return (self.param_shapes, self.state_keys)

    def split(self, row):
        """``(params, {key: arrays})`` as new arrays, from a row."""
        pos = _HEADER
        groups = []
        for _ in range(1 + len(self.state_keys)):
            arrays = []
            for shape, size in zip(self.param_shapes, self.sizes):
                arrays.append(row[pos : pos + size].reshape(shape).copy())
                pos += size
            groups.append(arrays)
        return groups[0], dict(zip(self.state_keys, groups[1:]))


class _Version:
    """The generator state and the epoch's permutation, shared by the rows recorded under them."""

    __slots__ = ("rng", "order", "before", "draws", "m", "bitgen")

    def __init__(self, rng, order, before=None, draws=0, m=0, bitgen=None):
        self.rng = rng  # the generator's state dict (after drawing ``order``)
        self.order = order  # the permutation, or None (full batch, or redrawn from ``before``)
        self.before = before  # generator state from which ``draws`` permutations end with ``order``
        self.draws = draws
        self.m = m
        self.bitgen = bitgen

    @property
    def nbytes(self):
        return _VERSION_BYTES + (0 if self.order is None else self.order.nbytes)


class Timeline:
    """Recorded trainer states for scrubbing back in time, within ``max_bytes`` of memory.

    Parameters
    ----------
    max_bytes : int
        Bound on the memory held (rows, step indices, generator states, permutations).
    recent : int
        Rows per tier: every step of the last ``recent`` steps is kept (fewer if a row is so
        large that eight tiers of ``recent`` rows would not fit in ``max_bytes``).
    factor : int
        Each tier keeps every ``factor``-th step of the tier below it.
    """

    def __init__(self, max_bytes: int = 200 * 2**20, recent: int = 1000, factor: int = 10) -> None:
        self.max_bytes = int(max_bytes)
        self.recent = int(recent)
        self.factor = int(factor)
        if self.recent < 2 or self.factor < 2:
            raise ValueError(
                msg("model.timeline", "a timeline needs at least 2 rows per tier and a thinning factor of at least 2")
            )
        self.capacity = 0
        self._tiers: list[_Tier] = []
        self._width = 0
        self._layouts: list[_Layout] = []
        self._layout_ids: dict = {}
        self._layout_id = -1
        self._watch = (None, -1, None)  # (optimizer, number of state keys, network) the layout was made for
        self._flat: list[np.ndarray] = []
        self._state_lists: list = []
        self._hdr = np.zeros(_HEADER)
        self._versions: dict[int, _Version] = {}
        self._next_version = 0
        self._version_id = -1
        self._last_order = _UNSET
        self._prev_rng = None
        self._scratch = None
        self._gc_at = 256
        self._origin = None  # (step, state dict)
        self._last_step = -1

    # recording ----------------------------------------------------------------
    def record(self, trainer: Trainer) -> None:
        """Record the trainer's state at ``trainer.step``, replacing any record at or after it.

        Cheap enough to call after every step: one ``concatenate`` into a preallocated row,
        plus one more row copy per tier on multiples of ``factor``.
        """
        step = trainer.step
        if step <= self._last_step:
            self.truncate_after(step - 1)
        opt = trainer.optimizer
        state = opt.state
        w_opt, w_nkeys, w_net = self._watch
        if opt is not w_opt or len(state) != w_nkeys or trainer.network is not w_net or not self._lists_ok(state):
            self._set_layout(trainer)
        p = trainer.progress
        if p.order is not self._last_order:
            self._new_version(trainer, p.order)
        if self._origin is None:
            self._origin = (step, trainer.state_dict())

        hdr = self._hdr
        hdr[_STEP] = step
        hdr[_EPOCH] = p.epoch
        hdr[_BATCH_POS] = p.batch_pos
        hdr[_FRESH] = p.order_fresh
        hdr[_T] = opt.t
        hdr[_ESUM] = p.epoch_sum
        hdr[_ELSUM] = p.epoch_loss_sum
        hdr[_ECORRECT] = p.epoch_correct
        hdr[_ECOUNT] = p.epoch_count
        hdr[_VERSION] = self._version_id

        w = self._layouts[self._layout_id].width
        tiers = self._tiers
        cap = self.capacity
        row = None
        k = 0
        while True:
            t = tiers[k]
            s = (step // t.stride) % cap
            old = t.steps[s]
            if old >= 0 and old != step and k == len(tiers) - 1:
                self._grow()  # the top tier would wrap: keep its coarse rows in a new tier
                tiers = self._tiers
                t = tiers[k]
                if step % t.stride:
                    break
                s = (step // t.stride) % cap
            if row is None:
                row = t.rows[s, :w]
                np.concatenate(self._flat, out=row)
            else:
                t.rows[s, :w] = row
            t.steps[s] = step
            k += 1
            if k == len(tiers) or step % tiers[k].stride:
                break
        self._last_step = step
        if len(self._versions) > self._gc_at:
            self._collect()

    def _lists_ok(self, state):
        return all(state.get(k) is lst for k, lst in self._state_lists)

    def _set_layout(self, trainer):
        opt = trainer.optimizer
        params = trainer.network.params()
        keys = tuple(k for k, v in opt.state.items() if isinstance(v, list))
        layout = _Layout([p.shape for p in params], keys)
        lid = self._layout_ids.get(layout.key())
        if lid is None:
            lid = len(self._layouts)
            self._layouts.append(layout)
            self._layout_ids[layout.key()] = lid
        self._layout_id = lid
        self._hdr[_LAYOUT] = lid
        self._watch = (opt, len(opt.state), trainer.network)
        self._state_lists = [(k, opt.state[k]) for k in keys]
        flat = [self._hdr] + [p.reshape(-1) for p in params]
        for k in keys:
            arrays = opt.state[k]
            if len(arrays) != len(params) or any(a.shape != p.shape for a, p in zip(arrays, params)):
                raise ValueError(
                    msg("model.timeline", "optimizer state {key!r} does not match the network's shapes").format(key=k)
                )
            flat += [a.reshape(-1) for a in arrays]
        if any(not np.shares_memory(f, p) for f, p in zip(flat[1:], params + [a for k in keys for a in opt.state[k]])):
            raise ValueError(msg("model.timeline", "the timeline needs contiguous parameter arrays"))
        self._flat = flat
        if layout.width > self._width:
            self._allocate(layout.width)

    def _allocate(self, width):
        """(Re)allocate the tiers for rows of ``width`` floats, keeping what fits."""
        row_bytes = width * 8 + 8
        capacity = min(self.recent, max(2, self.max_bytes // (row_bytes * 8)))
        old = self._tiers
        self._width = width
        if not old:
            self.capacity = capacity
            self._tiers = [_Tier(1, capacity, width)]
            return
        new = []
        for t in old:
            nt = _Tier(t.stride, capacity, width)
            valid = np.flatnonzero(t.steps >= 0)
            steps = t.steps[valid]
            if valid.size > capacity:  # keep the most recent
                keep = np.argsort(steps)[-capacity:]
                valid, steps = valid[keep], steps[keep]
            slots = (steps // t.stride) % capacity
            nt.steps[slots] = steps
            nt.rows[slots, : t.rows.shape[1]] = t.rows[valid]
            new.append(nt)
        self.capacity = capacity
        self._tiers = new

    def _grow(self):
        """Add a tier with ``factor`` times the top tier's stride, or thin the top tier if memory is short."""
        top = self._tiers[-1]
        stride = top.stride * self.factor
        tier_bytes = top.nbytes
        if len(self._tiers) == 1 or self._rows_bytes() + tier_bytes <= self.max_bytes * 0.75:
            nt = _Tier(stride, self.capacity, self._width)
            self._tiers.append(nt)
            self._copy_multiples(top, nt)
        else:  # re-stride the top tier in place: every factor-th of its rows stays
            nt = _Tier(stride, self.capacity, self._width)
            self._copy_multiples(top, nt)
            self._tiers[-1] = nt

    def _copy_multiples(self, src, dst):
        valid = np.flatnonzero((src.steps >= 0) & (src.steps % dst.stride == 0))
        steps = src.steps[valid]
        slots = (steps // dst.stride) % self.capacity
        dst.steps[slots] = steps
        dst.rows[slots] = src.rows[valid]

    def _new_version(self, trainer, order):
        rng_state = trainer.rng.bit_generator.state
        v = None
        if order is None:
            v = _Version(rng_state, None)
        elif self._prev_rng is not None:
            draws = self._redraws(trainer, self._prev_rng, rng_state, order)
            if draws:
                v = _Version(rng_state, None, self._prev_rng, draws, order.shape[0], type(trainer.rng.bit_generator))
        if v is None:
            v = _Version(rng_state, None if order is None else np.array(order, dtype=np.int64, copy=True))
        self._version_id = self._next_version
        self._next_version += 1
        self._versions[self._version_id] = v
        self._last_order = order
        self._prev_rng = rng_state

    def _redraws(self, trainer, before, after, order):
        """How many permutations drawn from ``before`` end in ``after`` with ``order`` last; 0 if none."""
        cls = type(trainer.rng.bit_generator)
        if self._scratch is None or type(self._scratch.bit_generator) is not cls:
            self._scratch = np.random.Generator(cls())
        g = self._scratch
        g.bit_generator.state = before
        m = order.shape[0]
        for n in range(1, _MAX_REDRAWS + 1):
            perm = g.permutation(m)
            if g.bit_generator.state == after:
                return n if np.array_equal(perm, order) else 0
        return 0

    def _order_of(self, v: _Version):
        if v.order is not None:
            return v.order.copy()
        if v.before is None:
            return None
        g = np.random.Generator(v.bitgen())
        g.bit_generator.state = v.before
        for _ in range(v.draws):
            perm = g.permutation(v.m)
        return perm

    def _collect(self):
        """Drop the versions no row refers to any more."""
        live = {self._version_id}
        for t in self._tiers:
            valid = t.steps >= 0
            live.update(int(x) for x in np.unique(t.rows[valid, _VERSION]))
        self._versions = {k: v for k, v in self._versions.items() if k in live}
        self._gc_at = max(256, 2 * len(self._versions))

    # reading ----------------------------------------------------------------------
    def recorded_steps(self) -> np.ndarray:
        """The steps that can be restored, sorted (int64)."""
        parts = [t.steps[t.steps >= 0] for t in self._tiers]
        if self._origin is not None:
            parts.append(np.array([self._origin[0]], dtype=np.int64))
        if not parts:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(parts))

    def __len__(self) -> int:
        return int(self.recorded_steps().size)

    @property
    def first_step(self) -> int | None:
        """The earliest recorded step, or None."""
        if self._origin is not None:  # the origin is kept, and records are only added after it
            return int(self._origin[0])
        steps = self.recorded_steps()
        return int(steps[0]) if steps.size else None

    @property
    def last_step(self) -> int | None:
        """The latest recorded step, or None."""
        return None if self._last_step < 0 else int(self._last_step)

    def nearest(self, step: int) -> int | None:
        """The latest recorded step ≤ ``step``, or None if there is none."""
        steps = self.recorded_steps()
        i = int(np.searchsorted(steps, int(step), side="right")) - 1
        return None if i < 0 else int(steps[i])

    def _row(self, step):
        step = int(step)
        for t in self._tiers:
            if step % t.stride == 0:
                s = (step // t.stride) % self.capacity
                if t.steps[s] == step:
                    return t.rows[s]
        return None

    def _missing(self, step):
        near = self.nearest(step)
        if near is None:
            return ValueError(msg("model.timeline", "step {step} is not recorded").format(step=step))
        return ValueError(
            msg("model.timeline", "step {step} is not recorded; the nearest recorded step before it is {near}").format(
                step=step, near=near
            )
        )

    def state_at(self, step: int) -> dict:
        """The trainer's state at a recorded ``step``, for :meth:`Trainer.load_state_dict`.

        Raises ``ValueError`` for a step that is not recorded (see :meth:`nearest`).
        """
        row = self._row(step)
        if row is None:
            if self._origin is not None and self._origin[0] == int(step):
                return _copy_state(self._origin[1])
            raise self._missing(step)
        layout = self._layouts[int(row[_LAYOUT])]
        params, opt_state = layout.split(row)
        v = self._versions[int(row[_VERSION])]
        return {
            "params": params,
            "optimizer": {"t": int(row[_T]), **opt_state},
            "step": int(row[_STEP]),
            "epoch": int(row[_EPOCH]),
            "rng": _copy_rng(v.rng),
            "batch_pos": int(row[_BATCH_POS]),
            "order": self._order_of(v),
            "order_fresh": bool(row[_FRESH]),
            "epoch_acc": (float(row[_ESUM]), float(row[_ELSUM]), float(row[_ECORRECT]), int(row[_ECOUNT])),
        }

    def params_at(self, step: int) -> list[np.ndarray]:
        """Copies of ``[W1, b1, W2, b2, …]`` at a recorded ``step`` (cheaper than :meth:`state_at`)."""
        row = self._row(step)
        if row is None:
            if self._origin is not None and self._origin[0] == int(step):
                return [p.copy() for p in self._origin[1]["params"]]
            raise self._missing(step)
        layout = self._layouts[int(row[_LAYOUT])]
        out = []
        pos = _HEADER
        for shape, size in zip(layout.param_shapes, layout.sizes):
            out.append(row[pos : pos + size].reshape(shape).copy())
            pos += size
        return out

    # editing ----------------------------------------------------------------------
    def truncate_after(self, step: int) -> None:
        """Forget every record after ``step`` (when training resumes from an earlier step)."""
        step = int(step)
        for t in self._tiers:
            t.steps[t.steps > step] = -1
        if self._origin is not None and self._origin[0] > step:
            self._origin = None
        steps = self.recorded_steps()
        self._last_step = int(steps[-1]) if steps.size else -1
        # the next record re-reads the generator: the trainer's may have been restored
        self._last_order = _UNSET
        self._prev_rng = None

    def clear(self) -> None:
        """Forget everything."""
        self.truncate_after(-1)

    # memory -------------------------------------------------------------------------
    def _rows_bytes(self):
        return sum(t.nbytes for t in self._tiers)

    @property
    def nbytes(self) -> int:
        """Memory held: rows, step indices, generator states and stored permutations."""
        total = self._rows_bytes() + sum(v.nbytes for v in self._versions.values())
        if self._origin is not None:
            total += sum(p.nbytes for p in self._origin[1]["params"]) * 4 + _VERSION_BYTES
        return total


class _Unset:
    pass


_UNSET = _Unset()


def _copy_rng(state):
    return {k: (dict(v) if isinstance(v, dict) else v) for k, v in state.items()}


def _copy_state(s):
    out = dict(s)
    out["params"] = [p.copy() for p in s["params"]]
    out["optimizer"] = {k: ([a.copy() for a in v] if isinstance(v, list) else v) for k, v in s["optimizer"].items()}
    out["rng"] = _copy_rng(s["rng"])
    out["order"] = None if s["order"] is None else s["order"].copy()
    return out
