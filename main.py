"""Backprop Studio: open the window, or run a command-line tool.

    python main.py                          open the window on the default preset
    python main.py --preset NAME            open it on another preset (or --session FILE)
    python main.py FILE.json | FILE.csv     open a session file, or the default preset with a CSV's data
    python main.py train --preset xor-lecture --epochs 10000 --log-every 1000
    python main.py trace --preset worked-example --steps 1 --format text
    python main.py export --preset spiral-adam --to pytorch -o spiral.py
    python main.py presets                  list the presets
    python main.py loss --y-true 3,5,7 --y-pred 2.5,5,8 [--loss NAME[:key=value,…]]…

Exit codes: 0 success, 2 bad input (one line on stderr), 3 training diverged.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys

# Small matrices are slower with several BLAS threads; the trainer is single-threaded by design.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

EXIT_OK, EXIT_BAD_INPUT, EXIT_DIVERGED = 0, 2, 3


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _session_args(p, required=True):
    g = p.add_mutually_exclusive_group(required=False)
    g.add_argument("--preset", help="a built-in preset (see `main.py presets`)")
    g.add_argument("--session", help="a session file (backprop-studio/1 JSON)")


def _step_args(p):
    p.add_argument("--train-biases", metavar="yes|no|y,n,…", help="train the biases: for all layers, or per layer")
    p.add_argument("--schedule", metavar="NAME[:key=value,…]", help="learning-rate schedule: constant, step, …")


def _apply_step_args(trainer, args):
    """``--train-biases`` and ``--schedule`` (train and trace)."""
    if args.train_biases is not None:
        trainer.set_train_biases(_parse_yes_no(args.train_biases, trainer.n_layers))
    if args.schedule is not None:
        from model.schedules import parse_schedule

        trainer.set_schedule(parse_schedule(args.schedule))


def _parse_yes_no(text, n):
    """``yes``/``no`` for all ``n`` layers, or one per layer: ``y,n``."""
    words = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}
    items = [w.strip().lower() for w in text.split(",")]
    if any(w not in words for w in items) or len(items) not in (1, n):
        raise ValueError(f"--train-biases takes yes or no, or one of them per layer ({n}), got {text!r}")
    flags = [words[w] for w in items]
    return flags * n if len(flags) == 1 else flags


def _build_parser():
    p = _Parser(prog="backprop-studio", description="Backprop Studio: see backpropagation step by step.")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    _session_args(p)
    p.add_argument("--self-test", action="store_true", help="open the window offscreen, train, check, exit")
    p.add_argument("--screenshot", metavar="FILE.png", help="train, render the window to a PNG and exit")
    p.add_argument("--epochs", type=int, default=None, help="with --screenshot: epochs to train first")
    p.add_argument("--lang", choices=("en", "zh"), default=None, help="interface language")
    p.add_argument("--data", metavar="FILE.csv", help="open the window with the data of a CSV file")
    sub = p.add_subparsers(dest="command")

    t = sub.add_parser("train", help="train headless and log the loss")
    _session_args(t)
    t.add_argument("--epochs", type=int, default=None, help="epochs to train (default: the preset's)")
    t.add_argument("--log-every", type=int, default=None, help="print the loss every K epochs")
    t.add_argument("--lr", type=float, help="learning rate")
    t.add_argument("--loss", help="loss name, optionally with parameters: huber:delta=0.5")
    t.add_argument(
        "--optimizer",
        help="sgd, momentum, adam or rmsprop, optionally with parameters: momentum:momentum=0.9,nesterov=true",
    )
    t.add_argument("--batch-size", type=int, help="mini-batch size (0 = full batch)")
    t.add_argument("--seed", type=int, help="seed for shuffling (and initialisation of presets)")
    t.add_argument("--save", metavar="FILE", help="save the session after training")
    t.add_argument("--jsonl", action="store_true", help="one JSON record per logged epoch")
    _step_args(t)

    r = sub.add_parser("trace", help="print every phase of N training steps")
    _session_args(r)
    r.add_argument("--steps", type=int, default=1)
    r.add_argument("--format", choices=("text", "jsonl"), default="text")
    r.add_argument("--precision", type=int, default=9, help="digits after the point in text")
    _step_args(r)

    x = sub.add_parser("export", help="write a standalone numpy or PyTorch script that trains the session")
    _session_args(x)
    x.add_argument("--to", required=True, choices=("numpy", "pytorch"), help="what the script uses")
    x.add_argument("--epochs", type=int, default=None, help="epochs the script trains (default: the preset's)")
    x.add_argument("--log-every", type=int, default=None, help="print the loss every K epochs")
    x.add_argument("-o", "--output", metavar="FILE", help="write the script to FILE (default: print it)")

    sub.add_parser("presets", help="list the presets")

    lo = sub.add_parser("loss", help="evaluate losses on typed-in targets and predictions")
    lo.add_argument("--y-true", required=True, metavar="VALUES", help="targets: 3,5,7 or rows 1,0;0,1;1,0")
    lo.add_argument("--y-pred", required=True, metavar="VALUES", help="predictions, shaped like the targets")
    lo.add_argument(
        "--loss",
        action="append",
        metavar="NAME[:key=value,…]",
        help="a loss to evaluate, e.g. quantile:quantile=0.7 (repeatable; default: every loss that applies)",
    )
    return p


#: Options whose value may start with "-" (a negative number: --y-true -1,2,3).
_VALUE_OPTIONS = ("--y-true", "--y-pred", "--loss")


def _join_values(argv):
    """``--y-true -1,2`` → ``--y-true=-1,2``, so argparse does not read ``-1,2`` as an option."""
    out = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in _VALUE_OPTIONS and i + 1 < len(argv):
            out.append(f"{a}={argv[i + 1]}")
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _parse_loss(text):
    """``name`` or ``name:key=value,key=value``."""
    from model.loss_calculator import parse_loss

    return parse_loss(text)


#: The top-level options that take a value (what follows them is not the file to open).
_TOP_VALUE_OPTIONS = ("--preset", "--session", "--screenshot", "--epochs", "--lang", "--data")
_COMMANDS = ("train", "trace", "export", "presets", "loss")


def _file_argument(argv):
    """``main.py FILE.json`` → ``--session FILE.json``; ``main.py FILE.csv`` → ``--data FILE.csv``."""
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in _TOP_VALUE_OPTIONS:
            i += 2
            continue
        if a.startswith("-") and a != "-":
            i += 1
            continue
        if a in _COMMANDS:
            return argv
        if not os.path.isfile(a):
            raise UsageError(f"cannot open {a}: there is no such file")
        option = "--data" if os.path.splitext(a)[1].lower() in (".csv", ".tsv", ".txt") else "--session"
        if option in argv or (option == "--session" and "--preset" in argv):
            raise UsageError(f"open either {a} or {option}/--preset, not both")
        return argv[:i] + [option, a] + argv[i + 1 :]
    return argv


def _check_paths(args):
    """Empty file and preset names are errors; the --save file must be writable before training starts."""
    for option in ("preset", "session", "save", "screenshot", "data"):
        value = getattr(args, option, None)
        if value is not None and not value.strip():
            raise UsageError(f"--{option} needs a {'name' if option == 'preset' else 'file name'}, got an empty one")
    if getattr(args, "save", None):
        from model.files import check_writable

        check_writable(args.save)


def _parse_member(text, what):
    """``(name, params)`` from ``name`` or ``name:key=value,key=value`` (a loss or an optimizer)."""
    name, _, rest = text.partition(":")
    params = {}
    for item in filter(None, rest.split(",")):
        key, eq, value = item.partition("=")
        if not eq:
            raise ValueError(f"{what} parameter {item!r} must look like key=value")
        value = value.strip()
        if value.lower() in ("true", "false"):
            params[key.strip()] = value.lower() == "true"
        else:
            try:
                params[key.strip()] = float(value)
            except ValueError:
                params[key.strip()] = value
    return name.strip(), params


def _load(args):
    from model import Session, load_session
    from model.presets import DEFAULT_PRESET, get_preset

    if getattr(args, "session", None) is not None:
        return load_session(args.session), None
    name = args.preset if args.preset is not None else DEFAULT_PRESET
    preset = get_preset(name)
    return Session.from_preset(name), preset


def cmd_train(args, out=sys.stdout):
    from model.optimizers import make_optimizer

    session, preset = _load(args)
    if args.seed is not None:  # start over with this seed: shuffling, and the initial weights unless given
        changes = {"seed": args.seed}
        if not session.architecture.get("initial_network"):
            changes["architecture"] = {"init_seed": args.seed}
        session = session.rebuild(changes)
    t = session.trainer
    # accuracy costs numpy calls per step: tracked only where it is printed (--jsonl) or saved
    t.track_accuracy = session.dataset.task == "classification" and bool(args.jsonl or args.save)
    if args.optimizer:
        name, params = _parse_member(args.optimizer, "optimizer")
        t.set_optimizer(make_optimizer(name, learning_rate=t.optimizer.learning_rate, **params))
    if args.lr is not None:
        t.set_learning_rate(args.lr)
    if args.loss:
        t.set_loss(_parse_loss(args.loss), None)
    if args.batch_size is not None:
        if args.batch_size < 0:
            raise ValueError(f"the batch size must be at least 1 (or 0 for full batch), got {args.batch_size}")
        t.set_batch_size(None if args.batch_size == 0 else args.batch_size)
    _apply_step_args(t, args)
    epochs = args.epochs if args.epochs is not None else (preset.epochs if preset else 1000)
    log_every = args.log_every if args.log_every is not None else (preset.log_every if preset else max(1, epochs // 10))
    if epochs < 0:
        raise ValueError(f"--epochs must be at least 0, got {epochs}")
    if log_every < 1:
        raise ValueError(f"--log-every must be at least 1, got {log_every}")

    start = t.epoch
    for e in range(start, start + epochs, log_every):
        if t.epoch <= e:
            t.run_epochs(e + 1 - t.epoch)
        if t.diverged:
            break
        _log(t, e, out, args.jsonl)
    if not t.diverged and t.epoch < start + epochs:
        t.run_epochs(start + epochs - t.epoch)
    if args.save:
        session.save(args.save)
    if t.diverged:
        print(t.diverged.message, file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def _log(t, epoch, out, jsonl):
    """Print the loss of ``epoch`` (its forward pass, before its update), if it has one."""
    offset = t.epoch - t.history.epoch_report.n  # a session saved without its history
    er = t.history.epoch_report.view()
    if not 0 <= epoch - offset < er.size:
        return
    epoch_index = epoch - offset
    value = float(er[epoch_index])
    if jsonl:
        rec = {"epoch": epoch, "loss": value}
        el = t.history.epoch_loss.view()
        if epoch_index < el.size:
            rec["train_loss"] = float(el[epoch_index])
        ea = t.history.epoch_accuracy.view()
        if epoch_index < ea.size:
            rec["accuracy"] = float(ea[epoch_index])
        print(_json_line(rec), file=out)
    else:
        text = f"{value:.4f}" if abs(value) < 1e6 else f"{value:.4e}"  # a diverging loss stays one short line
        print(f"Epoch {epoch}: Loss = {text}", file=out)


def cmd_trace(args, out=sys.stdout):
    from model import trace

    session, _ = _load(args)
    if args.steps < 1:
        raise ValueError(f"--steps must be at least 1, got {args.steps}")
    if not 0 <= args.precision <= 17:
        raise ValueError(f"--precision must be from 0 to 17 digits, got {args.precision}")
    _apply_step_args(session.trainer, args)
    if args.format == "jsonl":
        for rec in trace.trace_records(session, args.steps):
            print(_json_line(rec), file=out)
    else:
        for line in trace.trace_text(session, args.steps, precision=args.precision):
            print(line, file=out)
    if session.trainer.diverged:
        print(session.trainer.diverged.message, file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def _json_line(rec) -> str:
    """One record as strict JSON: a non-finite number (a diverged value) is written as null."""
    try:
        return json.dumps(rec, allow_nan=False)
    except ValueError:
        return json.dumps(_finite_or_none(rec), allow_nan=False)


def _finite_or_none(v):
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dict):
        return {k: _finite_or_none(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_finite_or_none(x) for x in v]
    return v


def cmd_loss(args, out=sys.stdout):
    """One line per loss: its name (with the parameters that differ from the defaults) and its value (repr)."""
    from model.loss_calculator import applicable_losses, evaluate, parse_loss, parse_values, spec_of

    y = parse_values(args.y_true, "--y-true")
    p = parse_values(args.y_pred, "--y-pred")
    losses = [parse_loss(text) for text in args.loss] if args.loss else applicable_losses(y, p)
    if not losses:
        raise ValueError("no loss applies to these targets and predictions; name one with --loss")
    results = [evaluate(loss, y, p) for loss in losses]
    names = [spec_of(r.loss) for r in results]
    width = max(len(n) for n in names)
    for name, r in zip(names, results):
        print(f"{name:<{width}}  {r.value!r}", file=out)
    return EXIT_OK


def cmd_export(args, out=sys.stdout):
    """The script that `python FILE` runs to print what `train` prints for the same session, epochs and interval."""
    from model.export import export_script, save_script

    session, preset = _load(args)
    # the same defaults as `train`
    epochs = args.epochs if args.epochs is not None else (preset.epochs if preset else 1000)
    log_every = args.log_every if args.log_every is not None else (preset.log_every if preset else max(1, epochs // 10))
    source = f"--session {args.session}" if args.session else f"--preset {args.preset or session.name}"
    text = export_script(session, args.to, epochs, log_every, source=source, filename=args.output)
    if args.output:
        save_script(args.output, text)
        print(f"wrote {args.output}: run `python {args.output}` ({args.to})", file=out)
    else:
        out.write(text)
    return EXIT_OK


def cmd_presets(args, out=sys.stdout):
    from model.presets import PRESETS

    width = max(len(n) for n in PRESETS)
    for name, p in PRESETS.items():
        print(f"{name:<{width}}  {p.title}", file=out)
    return EXIT_OK


def _window_problem(args):
    """One line if the window cannot open here (a missing system library, no display), else None."""
    from gui.system_check import startup_problem

    if (args.self_test or args.screenshot) and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # as gui.app does for these modes
    return startup_problem(args.qt_args)


def main(argv=None):
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: let a spawned training process start
        import multiprocessing

        multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else argv
    from gui.system_check import split_qt_args

    argv, qt_args = split_qt_args(argv)  # Qt's own -style, -platform … go to QApplication
    try:
        args = _build_parser().parse_args(_join_values(_file_argument(list(argv))))
        args.qt_args = qt_args
        if args.version:
            from model import __version__

            print(f"Backprop Studio {__version__}")
            return EXIT_OK
        _check_paths(args)
        commands = {
            "train": cmd_train,
            "trace": cmd_trace,
            "presets": cmd_presets,
            "loss": cmd_loss,
            "export": cmd_export,
        }
        if args.command in commands:
            with _quiet_numpy():
                return commands[args.command](args)
        if True:  # no sub-command: the window
            # the window is only imported here, so the command-line tools never load Qt
            if args.session is None and args.preset is not None:
                from model.presets import get_preset

                get_preset(args.preset)
            problem = _window_problem(args)
            if problem:
                print(f"backprop-studio: {problem}", file=sys.stderr)
                return EXIT_BAD_INPUT
            from gui.app import run_app

            return run_app(args)
    except UsageError as e:
        print(f"backprop-studio: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as e:
        print(f"backprop-studio: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `main.py train | head`
        sys.stderr.close()
        return EXIT_OK


@contextlib.contextmanager
def _quiet_numpy():
    """No floating-point warning reaches the terminal from a command: every command handles a
    non-finite result itself (divergence exits 3 with one line; values print as inf, nan or null)."""
    import numpy as np

    with np.errstate(all="ignore"):
        yield


if __name__ == "__main__":
    sys.exit(main())
