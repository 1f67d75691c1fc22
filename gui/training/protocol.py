"""What the window and the training worker say to each other, each command and event declared once.

A :class:`Command` is a request from the GUI to the worker: its name (the worker method that
carries it out), its arguments with their checks, and its doc.  From :data:`COMMANDS` come the
controller's forwarding methods, the one queued signal of thread mode, the messages of process
mode and the :class:`Dispatcher` that both modes use.  An :class:`Event` is what the worker
reports back; from :data:`EVENTS` come the controller's signals of the same names.

The checks here are the ones that need no training state (is this a number, a whole number, an
object with a ``name``); a check that needs the network (is layer 3 there?) is the worker's.
Either way a bad argument is a ``ValueError`` with one sentence, shown as ``error_occurred``.
No Qt here: the module is plain data and functions.
"""

from __future__ import annotations

import math
import numbers
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gui.i18n import lookup, tr_noop
from model.breakpoints import Breakpoints
from model.session import REBUILD_KEYS, Session  # rebuild(): the keys a change may replace

__all__ = [
    "Arg",
    "Command",
    "COMMANDS",
    "Event",
    "EVENTS",
    "Dispatcher",
    "Failure",
    "DivergenceNotice",
    "one_line",
    "failure_of",
]

# user-visible text, in one place for translation
TEXT = {
    "bad_value": tr_noop("the value must be a finite number, got {value!r}"),
    "bad_whole": tr_noop("{what} must be a whole number, got {value!r}"),
    "bad_speed": tr_noop("the speed must be a number of steps per second ≥ 0 (0 = as fast as possible), got {value!r}"),
    "bad_batch": tr_noop("the batch size must be a whole number ≥ 1 (or 0 / empty for full batch), got {value!r}"),
    "bad_session": tr_noop("load_session needs a session or a file path, got {kind}"),
    "bad_changes": tr_noop('the changes must be an object such as {{"architecture": {{...}}}}, got {kind}'),
    "unknown_change": tr_noop("cannot rebuild with {key!r}; the keys are: {keys}"),
    "bad_spec": tr_noop("the {what} must be an object with a 'name', got {kind}"),
    "bad_text": tr_noop("{what} must be text, got {kind}"),
    "unknown_command": tr_noop("the training worker has no command {name!r}"),
    "bad_arity": tr_noop("{name} takes {n} argument(s), got {k}"),
    "failed": tr_noop("{what} failed: {error}"),
}
_t = lookup(TEXT)


def one_line(e: BaseException) -> str:
    """An exception as one line: a ValueError's sentence, anything else with its type."""
    text = str(e) if isinstance(e, ValueError) else f"{type(e).__name__}: {e}"
    return " ".join(text.split()) or type(e).__name__


@dataclass(frozen=True)
class Failure:
    """An unexpected exception in the worker: one line to show, and the traceback to copy."""

    summary: str
    details: str
    where: str  # the command, or "run" for the training loop


def failure_of(e: BaseException, where: str) -> Failure:
    """The :class:`Failure` for ``e``, caught while doing ``where``."""
    details = "".join(traceback.format_exception(type(e), e, e.__traceback__))
    return Failure(_t("failed", what=where, error=one_line(e)), details, where)


@dataclass(frozen=True)
class DivergenceNotice:
    """Training stopped on a non-finite loss or weight: where, why, and a learning rate to try."""

    step: int
    epoch: int
    message: str
    learning_rate: float
    suggested_learning_rate: float


def suggest_learning_rate(lr: float) -> float:
    """A tenth of ``lr``, to one significant figure (0.37 → 0.04; 10 → 1)."""
    if not (isinstance(lr, (int, float)) and math.isfinite(lr) and lr > 0):
        return 0.01
    return float(f"{lr / 10:.1g}")


# -- argument checks: each returns the value to use or raises ValueError with one sentence ---------------
def finite(value) -> float:
    """A finite number (not a bool)."""
    if isinstance(value, bool):
        raise ValueError(_t("bad_value", value=value))
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise ValueError(_t("bad_value", value=value)) from None
    if not math.isfinite(f):
        raise ValueError(_t("bad_value", value=value))
    return f


def whole(what: str) -> Callable[[Any], int]:
    """A whole number (an int, or a float without a fraction; not a bool)."""

    def check(value) -> int:
        if isinstance(value, bool):
            raise ValueError(_t("bad_whole", what=what, value=value))
        if isinstance(value, numbers.Integral):  # int and numpy's integers
            return int(value)
        try:
            f = float(value)
        except (TypeError, ValueError):
            raise ValueError(_t("bad_whole", what=what, value=value)) from None
        if not f.is_integer():
            raise ValueError(_t("bad_whole", what=what, value=value))
        return int(f)

    return check


def text(what: str) -> Callable[[Any], str]:
    def check(value) -> str:
        if not isinstance(value, str):
            raise ValueError(_t("bad_text", what=what, kind=type(value).__name__))
        return value

    return check


def path(value) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise ValueError(_t("bad_text", what="the path", kind=type(value).__name__))
    return os.fspath(value)


def speed(value) -> float:
    if isinstance(value, bool):
        raise ValueError(_t("bad_speed", value=value))
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(_t("bad_speed", value=value)) from None
    if not math.isfinite(v) or v < 0:
        raise ValueError(_t("bad_speed", value=value))
    return v


def batch_size(value) -> int | None:
    """None (full batch) for None, "" or 0; else a whole number ≥ 1."""
    if value is None or value == "" or (not isinstance(value, bool) and isinstance(value, (int, float)) and value == 0):
        return None
    if isinstance(value, bool):
        raise ValueError(_t("bad_batch", value=value))
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise ValueError(_t("bad_batch", value=value)) from None
    if not f.is_integer() or f < 1:
        raise ValueError(_t("bad_batch", value=value))
    return int(f)


def spec(what: str) -> Callable[[Any], dict]:
    """An object with a 'name' (a loss or an optimizer); a copy, so the caller's stays as it was."""

    def check(value) -> dict:
        if not isinstance(value, dict):
            raise ValueError(_t("bad_spec", what=what, kind=type(value).__name__))
        return dict(value)

    return check


def changes(value) -> dict:
    if not isinstance(value, dict):
        raise ValueError(_t("bad_changes", kind=type(value).__name__))
    for key in value:
        if key not in REBUILD_KEYS:
            raise ValueError(_t("unknown_change", key=key, keys=", ".join(REBUILD_KEYS)))
    if "data" in value and not isinstance(value["data"], dict):
        raise ValueError(_t("bad_spec", what="data", kind=type(value["data"]).__name__))
    return value


def session_source(value):
    """A Session, a file path or a session dict (what crosses to the training process)."""
    if isinstance(value, (str, os.PathLike, dict, Session)):
        return value
    raise ValueError(_t("bad_session", kind=type(value).__name__))


def session_dict(value) -> dict:
    if not isinstance(value, dict):
        raise ValueError(_t("bad_session", kind=type(value).__name__))
    return value


def session_wire(value):
    """A Session crosses to the training process as its dict (with its history); the rest as they are."""
    return value.to_dict() if isinstance(value, Session) else value


def breakpoints_wire(value):
    return value.to_dict() if isinstance(value, Breakpoints) else value


# -- the declarations -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Arg:
    """One argument of a command: its name, its check, and how it crosses to the training process."""

    name: str
    check: Callable[[Any], Any] | None = None
    wire: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Command:
    """A request from the GUI to the worker; ``name`` is the worker's method that carries it out."""

    name: str
    doc: str
    args: tuple[Arg, ...] = ()

    def check(self, args: tuple) -> tuple:
        """The checked arguments (ValueError with one sentence if the count or a value is wrong)."""
        if len(args) != len(self.args):
            raise ValueError(_t("bad_arity", name=self.name, n=len(self.args), k=len(args)))
        return tuple(a.check(v) if a.check else v for a, v in zip(self.args, args))

    def wire(self, args: tuple) -> tuple:
        """The arguments as they are sent to the training process."""
        return tuple(a.wire(v) if a.wire else v for a, v in zip(self.args, args))


@dataclass(frozen=True)
class Event:
    """What the worker reports; the controller has a signal of the same name and argument types."""

    name: str
    types: tuple
    doc: str


def _declare(*commands: Command) -> dict[str, Command]:
    return {c.name: c for c in commands}


COMMANDS: dict[str, Command] = _declare(
    # sessions
    Command("load_preset", "Load a built-in preset by name.", (Arg("name", text("the preset name")),)),
    Command(
        "load_session",
        "Load a Session object, a session file or a session dict.",
        (Arg("source", session_source, session_wire),),
    ),
    Command(
        "restore_session",
        "Continue the session the window shows (after the training process was restarted): the curves are kept.",
        (Arg("session", session_dict),),
    ),
    Command(
        "save_session",
        "Save the session (with its history) to ``path``; session_saved(path) when done.",
        (Arg("path", path),),
    ),
    Command(
        "copy_session",
        "Send the whole session (with its history) as a dict: session_copied(tag, dict); for exports and autosave.",
        (Arg("tag", whole("the tag")),),
    ),
    Command("reset", "Re-initialise the weights, keeping the settings."),
    Command(
        "rebuild",
        'Rebuild with a new architecture / data / settings: ``{"architecture": {...}, "data": {...}}``.',
        (Arg("changes", changes),),
    ),
    # stepping and running
    Command("step", "One whole training step (finishes a phase-by-phase step in progress)."),
    Command("step_phase", "One phase of the current step."),
    Command("step_phase_back", "Show the previous phase of the current step (view only)."),
    Command("run", "Train continuously at the set speed."),
    Command("pause", "Stop training after the current chunk (a few milliseconds)."),
    Command("set_speed", "Steps per second; 0 = as fast as possible.", (Arg("steps_per_second", speed),)),
    # settings
    Command("set_learning_rate", "The optimiser's learning rate, from the next step on.", (Arg("lr"),)),
    Command(
        "set_loss",
        'A loss as ``{"name": ..., params}`` (optionally ``"report": {...}``).',
        (Arg("spec", spec("loss")),),
    ),
    Command(
        "set_optimizer",
        'An optimiser as ``{"name": ..., params}``; keeps the learning rate unless given.',
        (Arg("spec", spec("optimizer")),),
    ),
    Command(
        "set_schedule",
        'A learning-rate schedule as ``{"name": "step", "every": 100, "factor": 0.5}``; from the next step on.',
        (Arg("spec", spec("learning-rate schedule")),),
    ),
    Command("set_batch_size", "Mini-batch size; None or 0 = full batch.", (Arg("size", batch_size),)),
    Command(
        "set_weight",
        "W(layer)[i, j] = value (layer 1 … L).",
        (
            Arg("layer", whole("the layer")),
            Arg("i", whole("the row")),
            Arg("j", whole("the column")),
            Arg("value", finite),
        ),
    ),
    Command(
        "set_bias",
        "b(layer)[j] = value (layer 1 … L).",
        (Arg("layer", whole("the layer")), Arg("j", whole("the unit")), Arg("value", finite)),
    ),
    Command(
        "set_breakpoints",
        'Run-until conditions: ``{"epoch", "loss_below", "grad_below", "grad_above"}``.',
        (Arg("spec", None, breakpoints_wire),),
    ),
    # inspection and time travel
    Command(
        "gradient_check",
        "Finite differences against backprop at the current weights; gradient_checked(list) when done.",
    ),
    Command(
        "preview_step",
        "Show the recorded state at ``step`` without changing training; a negative step returns to live.",
        (Arg("step", whole("the step")),),
    ),
    Command(
        "resume_from",
        "Restore the trainer to the recorded ``step`` (or the nearest before it) and discard later history.",
        (Arg("step", whole("the step")),),
    ),
    Command("request_snapshot", "Ask for a full snapshot now."),
)

EVENTS: tuple[Event, ...] = (
    Event("snapshot_ready", (object,), "A model.snapshot.Snapshot: what the window draws."),
    Event("error_occurred", (str,), "One line: a command was refused (bad input); nothing changed."),
    Event("training_stopped", (str,), "Running stopped, and why (paused, a breakpoint, divergence, a failure)."),
    Event("running_changed", (bool,), "Running started or stopped."),
    Event("gradient_checked", (object,), "The gradient check's results, one per layer."),
    Event("session_changed", (object,), "The session's settings and weights as a dict (no history)."),
    Event("session_saved", (str,), "The path the session was saved to."),
    Event("session_copied", (int, object), "copy_session's tag and the whole session as a dict, with its history."),
    Event("worker_failed", (object,), "A Failure: an unexpected exception, with its traceback; reported once."),
    Event("diverged", (object,), "A DivergenceNotice: training stopped on a non-finite loss or weight."),
)
EVENT_NAMES = frozenset(e.name for e in EVENTS)


class Dispatcher:
    """Runs commands on a target (the worker) by name; the same in thread and process mode.

    Arguments are checked against the declaration first.  A ``ValueError`` (bad input, in the
    model's words) becomes ``error_occurred`` with one line and changes nothing; any other
    exception goes to ``target.fail(exception, command)``, which reports it once with its
    traceback.  Nothing escapes to the event loop.
    """

    def __init__(self, target, emit: Callable[[str, tuple], None]):
        self.target = target
        self.emit = emit

    def __call__(self, name: str, args: tuple = ()) -> None:
        cmd = COMMANDS.get(name)
        try:
            if cmd is None:
                raise ValueError(_t("unknown_command", name=name))
            getattr(self.target, name)(*cmd.check(tuple(args)))
        except ValueError as e:
            self.emit("error_occurred", (one_line(e),))
        except Exception as e:  # noqa: BLE001 - reported with its traceback; the worker lives on
            self.target.fail(e, name)
