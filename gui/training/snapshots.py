"""The snapshot builder: what the window draws, copied out of a session (no Qt here).

:class:`SnapshotBuilder` turns the live :class:`model.session.Session` into immutable
:class:`model.snapshot.Snapshot` objects.  Each carries the histories *since the previous one*
(every step's loss reaches the window, none twice), the scalars of the latest evaluation on the
whole data, and, when ``heavy``, the network's values, the data and the decision surface.
A light snapshot repeats the latest evaluation (and says at which step it was made, ``loss_step``)
rather than leaving the loss blank: the window must never show "NaN" for "not measured now".
"""

from __future__ import annotations

import numpy as np

from model.snapshot import Snapshot, decision_surface, frozen, network_values, saturation

__all__ = ["SnapshotBuilder", "View"]

_ALL = -(2**62)  # "from the first value kept"


def _norm(a) -> float:
    with np.errstate(all="ignore"):
        return float(np.sqrt(np.sum(a * a)))


def _tail(series, end: int, first: int) -> np.ndarray:
    """Values numbered ``first … end−1`` of a history whose last value is number ``end − 1``.

    Numbers the history does not hold exactly (before its start, or decimated) are NaN at the front.
    """
    offset = end - series.n  # the number of value 0
    start, values = series.since(max(0, first - offset))
    lead = min(start + offset - first, max(0, end - first))
    if lead > 0:
        values = np.concatenate([np.full(lead, np.nan), values])
    return frozen(values)


def _first(series, end: int, wanted: int) -> int:
    """The number of the first value at or after ``wanted`` that the history still holds exactly."""
    offset = end - series.n  # the number of value 0
    start, _ = series.since(max(0, wanted - offset))
    return min(start + offset, end)


class View:
    """What the worker is showing besides the live state: a step in progress, or a recorded step."""

    __slots__ = ("phase_mode", "phase_cursor", "viewing")

    def __init__(self, phase_mode=False, phase_cursor=-1, viewing=None):
        self.phase_mode = phase_mode
        self.phase_cursor = phase_cursor
        self.viewing = viewing  # (step, epoch, network) of a recorded step, or None


class SnapshotBuilder:
    """Builds the snapshots of one worker; keeps the history cursors and the latest evaluation."""

    RATE_SECONDS = 0.5  # steps/s is measured over at least this long

    def __init__(self):
        self.serial = 0
        self._next_step = 0  # the next step / epoch number whose values have not been sent
        self._next_epoch = 0
        self._next_grad = 0
        self._reset = True
        self._evaluated: tuple | None = None  # (loss, train_loss, accuracy, step) at the latest heavy snapshot
        self._bounds = None
        self._data = None  # (X, Y, frozen X, frozen Y): the data set's read-only copy, made once
        self._rate = 0.0
        self._rate_t = 0.0
        self._rate_step = 0

    # state -----------------------------------------------------------------------------------------
    def start(self, session) -> None:
        """A new session: its data's bounds; the next snapshot clears the curves."""
        X = session.trainer.X
        lo, hi = X.min(axis=0), X.max(axis=0)
        span = hi - lo
        margin = np.where(span > 0, 0.1 * span, 1.0)
        self._bounds = (lo - margin, hi + margin)
        self._evaluated = None
        self.reset_history()

    def reset_history(self) -> None:
        """The next snapshot clears the curves and sends every history from its start."""
        self._reset = True
        self._next_step = self._next_epoch = self._next_grad = 0

    def continue_history(self, session) -> None:
        """A restored session without history: its curves continue the window's, from its step on."""
        self._reset = False
        t = session.trainer
        self._next_step = self._next_grad = t.step
        self._next_epoch = t.epoch

    def restart_rate(self, step: int, now: float) -> None:
        self._rate_t, self._rate_step = now, step

    # building --------------------------------------------------------------------------------------
    def build(
        self,
        session,
        timeline,
        *,
        heavy: bool,
        running: bool,
        now: float,
        view: View | None = None,
        message: str | None = None,
    ) -> Snapshot:
        t = session.trainer
        view = view or View()
        if running and now - self._rate_t >= self.RATE_SECONDS:
            self._rate = max(0.0, (t.step - self._rate_step) / (now - self._rate_t))
            self._rate_t, self._rate_step = now, t.step
        if not running:
            self._rate = 0.0

        kw = self._histories(t)
        opt = t.optimizer
        kw.update(
            serial=self.serial,
            step=t.step,
            epoch=t.epoch,
            running=running,
            steps_per_second=self._rate,
            learning_rate=t.learning_rate_at(t.step),  # the γ of the next step, after the schedule
            loss_name=t.loss.name,
            optimizer_name=opt.name,
            batch_size=t.batch_size,
            task=session.dataset.task,
            diverged=None if t.diverged is None else t.diverged.message,
            message=message,
            timeline_first=timeline.first_step or 0,
        )
        self.serial += 1
        if view.phase_mode:
            phases = tuple(t.current_phases)
            if phases:
                cursor = min(max(view.phase_cursor, 0), len(phases) - 1)
                kw.update(phase=phases[cursor], step_phases=phases, phase_cursor=cursor)
        if view.viewing is not None:
            kw.update(viewing_step=view.viewing[0], viewing_epoch=view.viewing[1])
        if heavy:
            kw.update(self._heavy(session, view))
        if self._evaluated is not None:
            loss, train_loss, accuracy, at = self._evaluated
            kw.update(loss=loss, train_loss=train_loss, accuracy=accuracy, loss_step=at)
        return Snapshot(**kw)

    def _histories(self, t) -> dict:
        """Every history's values since the previous snapshot."""
        h = t.history
        # a phase-by-phase step past its loss phase has appended its loss before the step counter moves on
        in_flight = int(t.in_step and any(p.kind == "loss" and not p.values.get("diverged") for p in t.current_phases))
        end = t.step + in_flight
        if end < self._next_step or t.epoch < self._next_epoch or t.step < self._next_grad:
            self.reset_history()  # the history went back (a step dropped, a state restored)
        reset, self._reset = self._reset, False

        wanted = (_ALL, _ALL, _ALL) if reset else (self._next_step, self._next_epoch, self._next_grad)
        first_step = _first(h.report, end, wanted[0])
        first_epoch = _first(h.epoch_report, t.epoch, wanted[1])
        first_grad = _first(h.grad_norms[0], t.step, wanted[2]) if h.grad_norms else t.step
        out = dict(
            history_reset=reset,
            first_step=first_step,
            new_report=_tail(h.report, end, first_step),
            new_loss=_tail(h.loss, end, first_step),
            first_epoch=first_epoch,
            new_epoch_report=_tail(h.epoch_report, t.epoch, first_epoch),
            new_epoch_accuracy=_tail(h.epoch_accuracy, t.epoch, first_epoch)
            if h.epoch_accuracy.n
            else frozen(np.zeros(0)),
            new_epoch_step=_tail(h.epoch_step, t.epoch, first_epoch),
            new_grad_norms=tuple(_tail(g, t.step, first_grad) for g in h.grad_norms),
            first_grad_step=first_grad,
        )
        self._next_step, self._next_epoch, self._next_grad = end, t.epoch, t.step
        return out

    def _view_data(self, t, view: View):
        """The samples the values are computed on: the step's batch while stepping by phase, else all."""
        if view.phase_mode and view.viewing is None:
            if t.in_step:
                return t.current_batch()
            phases = t.current_phases
            if phases:
                X = phases[0].values.get("a_prev")
                Y = next((p.values["y_true"] for p in phases if p.kind == "loss"), None)
                if X is not None and Y is not None:
                    return X, Y
        return t.X, t.Y

    def _whole_data(self, t):
        """Read-only copies of the whole data set, made once per data set rather than at every snapshot."""
        d = self._data
        if d is None or d[0] is not t.X or d[1] is not t.Y:
            d = self._data = (t.X, t.Y, frozen(t.X), frozen(t.Y))
        return d[2], d[3]

    def _surface(self, network, classification: bool):
        lo, hi = self._bounds
        d = lo.shape[0]
        if d == 2:
            n = network.n_params
            res = 64 if n <= 2_000 else 48 if n <= 20_000 else 32 if n <= 200_000 else 20
            return decision_surface(network, (lo[0], hi[0]), (lo[1], hi[1]), res, classes=classification)
        if d == 1:
            xs = np.linspace(lo[0], hi[0], 200)
            with np.errstate(all="ignore"):
                ys = network.predict(xs.reshape(-1, 1))
            return frozen(xs), frozen(ys[:, 0] if ys.shape[1] == 1 else ys)
        return None

    def _heavy(self, session, view: View) -> dict:
        t = session.trainer
        classification = session.dataset.task == "classification"
        network = t.network if view.viewing is None else view.viewing[2]
        X, Y = self._view_data(t, view)
        values = network_values(network, X, Y, t.loss)
        whole = X is t.X and Y is t.Y
        X, Y = self._whole_data(t) if whole else (frozen(X), frozen(Y))
        # the loss on the whole data, from the output just computed when the values are over the whole data
        loss, report, acc = t.evaluate(network, values[-1].A if whole else None)
        self._evaluated = (
            report,
            loss,
            acc if classification else None,
            t.step if view.viewing is None else view.viewing[0],
        )
        return dict(
            values=values,
            X=X,
            Y=Y,
            surface=self._surface(network, classification),
            grad_norms=tuple(_norm(lv.dW) for lv in values),
            delta_norms=tuple(_norm(lv.delta) for lv in values),
            saturation=saturation(values),
        )
