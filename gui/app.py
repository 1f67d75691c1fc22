"""Start-up: the QApplication, the main window, and the --self-test / --screenshot modes."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import Qt

from model import __version__


def _quiet_platform_notes():
    """The offscreen platform reports, per window, that it cannot propagate size hints; not our warning."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(mode, context, message):
        if "does not support propagateSizeHints" in message:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)


#: Qt's own options from the command line (-style, -platform …; see gui.system_check), for QApplication.
QT_ARGS: list[str] = []


def _icon_file():
    """The app's icon: in the bundle's resources when frozen (PyInstaller), else in the repository's."""
    from pathlib import Path

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[1]))
    icon = base / "resources" / "backprop-studio.svg"
    return str(icon) if icon.is_file() else None


def _make_app():
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1] + QT_ARGS)
    app.setApplicationName("Backprop Studio")
    app.setDesktopFileName("backprop-studio")  # the .desktop entry (Linux), for the task bar's icon
    icon = _icon_file()
    if icon:
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(icon))
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Backprop Studio")
    font = QFont(app.font())
    if font.pointSizeF() < 10.5:
        font.setPointSizeF(10.5)  # readable from the back of a lecture hall
    app.setFont(font)
    if "-style" not in QT_ARGS and not os.environ.get("QT_STYLE_OVERRIDE"):
        app.setStyle("Fusion")
    _quiet_platform_notes()
    from gui import i18n

    if i18n.language() == "zh":
        i18n.install_qt_translations(app)  # self.tr() and Qt's own buttons (Close, Yes, Cancel) in Chinese too
    return app


def run_app(args) -> int:
    """Open the window (or run the self-test / screenshot) and return the exit code."""
    from gui import i18n

    QT_ARGS[:] = getattr(args, "qt_args", [])
    if getattr(args, "lang", None):
        i18n.set_language(args.lang)
    elif not (args.self_test or args.screenshot) and not os.environ.get("BACKPROP_STUDIO_LANG"):
        from gui.settings import LANGUAGE, Settings

        remembered = Settings().text(LANGUAGE)  # View → Language, as chosen last time
        i18n.set_language(remembered if remembered in i18n.LANGUAGES else i18n.system_language())
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen") if not os.environ.get("DISPLAY") else None
        return self_test(args)
    if args.screenshot:
        if not os.environ.get("DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return screenshot(args)
    app = _make_app()
    from gui import settings as keys
    from gui.main_window import MainWindow
    from gui.style import THEME_CHOICES

    settings = keys.Settings()
    session = _initial_session(args, settings=settings)
    theme = settings.text(keys.THEME, "system")
    win = MainWindow(session=session, theme=theme if theme in THEME_CHOICES else "system", settings=settings)
    win.theme_chosen.connect(lambda choice: settings.set(keys.THEME, choice))  # remembered
    windows = [win]  # the window on display (a language switch replaces it)

    def relaunch(code, d):
        new = switch_language(windows[-1], code, d)
        new.theme_chosen.connect(lambda choice: settings.set(keys.THEME, choice))
        new.relaunch = relaunch
        windows[:] = [new]

    win.relaunch = relaunch
    if args.session:
        win.files.set_path(args.session)
    if not win.restore_settings():
        _fit_to_screen(win)
    win.show()
    win.raise_()
    win.activateWindow()  # keyboard focus at once, so Space and the arrows work without a click
    if getattr(args, "data", None):
        win.files.open_path(args.data)  # a CSV from the command line: read off the GUI thread, as a drop is
    elif not args.session:
        win.files.offer_recovery()  # after a crash: the autosave, if there is one (a plain start)
    return app.exec()


def switch_language(old, code: str, session_dict: dict):
    """View → Language, live: a new window in language ``code`` with ``old``'s session (from ``copy_session``),
    file, geometry and dock layout; ``old`` closes without asking (its session lives on in the new one).

    Every text is made when a widget is built, so the window is built again rather than retranslated.
    """
    from gui import i18n
    from gui.main_window import MainWindow
    from model import Session

    i18n.set_language(code)
    new = MainWindow(session=Session.from_dict(session_dict), theme=old.theme_choice(), settings=old.settings)
    new.files.continue_from(old.files)
    new.restoreGeometry(old.saveGeometry())
    new.restoreState(old.saveState())
    if old.isMaximized():
        new.showMaximized()
    else:
        new.show()
    old.files.confirm = False  # (the session is not lost: the new window has it)
    old.close()
    new.raise_()
    new.activateWindow()
    return new


def _fit_to_screen(win):
    """Use the screen: maximised on small (projector) screens, else a generous window."""
    screen = win.screen().availableGeometry()
    if screen.width() <= 1440 or screen.height() <= 900:
        win.setWindowState(win.windowState() | Qt.WindowMaximized)
    else:
        win.resize(min(1600, screen.width()), min(1000, screen.height()))


def _initial_session(args, epochs=None, settings=None):
    from model import Session, load_session
    from model.presets import DEFAULT_PRESET, PRESETS

    if args.session:
        session = load_session(args.session)
    else:
        preset = args.preset
        if preset is None and settings is not None:
            from gui.settings import LAST_PRESET

            last = settings.text(LAST_PRESET)
            preset = last if last in PRESETS else None  # the preset chosen last time
        session = Session.from_preset(preset or DEFAULT_PRESET)
    if epochs:
        session.trainer.run_epochs(epochs)
    return session


def _wait(app, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if predicate():
            return True
        time.sleep(0.005)
    return False


def self_test(args) -> int:
    """Train xor-lecture through the real window and worker; one summary line; 0 if all is well."""
    app = _make_app()
    from gui.main_window import MainWindow

    session = _initial_session(args)
    win = MainWindow(session=session)
    win.resize(1280, 800)
    win.show()
    failures = []
    target = 3000
    ok = _wait(app, lambda: win.latest_snapshot is not None, 10)
    if not ok:
        failures.append("no snapshot from the worker")
    first_loss = win.latest_snapshot.loss if ok else float("nan")
    diagram_updates = win.diagram_panel.diagram.update_count
    win.controller.set_speed(0.0)
    win.controller.run()
    ok = _wait(app, lambda: win.latest_snapshot is not None and win.latest_snapshot.step >= target, 60)
    win.controller.pause()
    _wait(app, lambda: win.latest_snapshot is not None and not win.latest_snapshot.running, 5)
    _wait(app, lambda: False, 0.3)  # let the diagram and plot timers fire
    snap = win.latest_snapshot
    if not ok:
        failures.append(f"training reached only step {snap.step if snap else 0} of {target}")
    last_loss = snap.loss if snap else float("nan")
    if not (last_loss < first_loss):
        failures.append(f"the loss did not fall ({first_loss:.4f} → {last_loss:.4f})")
    win.loss_plot.refresh()
    xs = win.loss_plot.report_curve.xData
    n_points = 0 if xs is None else len(xs)
    if snap is not None and n_points != snap.step:
        failures.append(f"the loss curve has {n_points} points for {snap.step} steps")
    if win.diagram_panel.diagram.update_count <= diagram_updates:
        failures.append("the diagram received no updates")
    win.close()
    app.processEvents()
    status = "FAILED: " + "; ".join(failures) if failures else "OK"
    steps = snap.step if snap else 0
    print(
        f"self-test {status}: {steps} steps, loss {first_loss:.4f} → {last_loss:.4f}, "
        f"{n_points} points on the loss curve, {win.diagram_panel.diagram.update_count} diagram updates"
    )
    return 1 if failures else 0


def screenshot(args) -> int:
    """Train ``--epochs`` epochs, render the whole window to a PNG and exit."""
    app = _make_app()
    from gui.main_window import MainWindow

    session = _initial_session(args, epochs=args.epochs)
    win = MainWindow(session=session)
    win.resize(1600, 1000)
    win.show()
    _wait(app, lambda: win.latest_snapshot is not None and win.latest_snapshot.values is not None, 10)
    _wait(app, lambda: False, 0.6)  # two diagram frames
    pix = win.grab()
    try:
        from gui.file_io import save_image

        save_image(pix, args.screenshot)  # atomic, like every file the program writes
    except ValueError as e:
        print(f"backprop-studio: {e}", file=sys.stderr)
        win.close()
        return 2
    print(f"saved {args.screenshot} ({pix.width()}×{pix.height()}, step {win.latest_snapshot.step})")
    win.close()
    app.processEvents()
    return 0
