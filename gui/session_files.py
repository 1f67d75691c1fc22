"""Sessions as files, as a desktop program keeps them: New, Open, Open Recent, Save, Save As, drops.

:class:`SessionFiles` knows the file the window's session came from (or None), whether the session
has changed since it was loaded or saved ("modified": the window title's ``*``), and asks before
a modified session is closed or replaced (Save / Discard / Cancel).  Files are read and written by
the training worker (``load_session``, ``save_session``; atomically, :func:`model.files.write_atomic`).

Modified means: the session dict last sent by the worker (``session_changed``: any setting,
weight, reset or rebuild) or the step (training) is not the one of the last load or save.

The autosave: while the session is modified, every ``AUTOSAVE_MS`` a copy of it (``copy_session``,
with its history) is written atomically to the data folder (:meth:`gui.settings.Settings.autosave_folder`),
beside a lock file that this run holds (:class:`QLockFile`).  A clean exit removes both.  At the
next start, an autosave whose lock no running program holds was left by a crash, and
:meth:`offer_recovery` offers it back.
"""

from __future__ import annotations

import glob
import json
import os
import time
import uuid
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from gui import settings as keys
from gui.i18n import tr
from model.files import write_atomic
from model.presets import DEFAULT_PRESET, PRESETS

__all__ = ["SessionFiles", "SESSION_SUFFIXES", "DATA_SUFFIXES"]

SESSION_SUFFIXES = (".json",)
DATA_SUFFIXES = (".csv", ".tsv", ".txt")
#: Autosave interval while the session is modified.
AUTOSAVE_MS = 60_000
#: How long closing waits for the worker to save (a session of a million samples takes seconds).
SAVE_TIMEOUT_MS = 60_000


def _kind(path: str) -> str:
    """ "session" or "data", by the file name's suffix (anything else is read as a session)."""
    return "data" if os.path.splitext(path)[1].lower() in DATA_SUFFIXES else "session"


def _json_default(o):
    tolist = getattr(o, "tolist", None)
    if callable(tolist):
        return tolist()
    raise TypeError(f"cannot save {type(o).__name__}")


class SessionFiles(QObject):
    """The File menu's session half, the window title's name and ``*``, drops, and the autosave.

    ``settings`` (a :class:`gui.settings.Settings`) keeps the recent files and the last folder,
    and holds the autosave; without it (tests, ``--self-test``) nothing is kept or autosaved and
    nothing is asked before closing.
    """

    modified_changed = Signal(bool)
    csv_opened = Signal(str)  # a CSV (or TSV) to read as the session's data
    status = Signal(str)  # one line for the status bar

    def __init__(self, window, controller, settings=None):
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.settings = settings
        self.confirm = settings is not None  # ask before a modified session is closed or replaced
        self.path: str | None = None
        self._dict: dict | None = None  # the latest session_changed
        self._step = 0
        self._clean: tuple | None = None  # (dict, step) at the last load or save; None: never saved
        self._modified = False
        self._loading: dict | None = {"path": None}  # the load in flight (the window's first session)
        self._saving: str | None = None
        self._save_result: bool | None = None
        self._copies: dict[int, Callable[[dict], None]] = {}
        self._tag = 0
        self._autosave_path: str | None = None
        self._autosaved: tuple | None = None
        self._autosave_failed = False
        self._lock: QLockFile | None = None

        self._build_actions()
        c = controller
        c.session_changed.connect(self._on_session)
        c.snapshot_ready.connect(self._on_snapshot)
        c.session_saved.connect(self._on_saved)
        c.session_copied.connect(self._on_copied)
        c.error_occurred.connect(self._on_error)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        if settings is not None:
            self._start_autosave()

    # actions and menus ------------------------------------------------------------------------
    def _action(self, text, slot, shortcuts=(), tip=None):
        a = QAction(text, self.window)
        if shortcuts:
            keys = []
            for s in shortcuts:  # (a standard key and its spelled-out twin may be the same)
                k = QKeySequence(s)
                if not k.isEmpty() and k not in keys:
                    keys.append(k)
            a.setShortcuts(keys)
            a.setShortcutContext(Qt.WindowShortcut)
        if tip:
            a.setToolTip(tip)
            a.setStatusTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(a)
        return a

    def _build_actions(self):
        self.act_new = self._action(
            self.tr("&New session"),
            self.new_session,
            [QKeySequence.StandardKey.New],
            self.tr("A new session from the preset in use, with fresh weights"),
        )
        self.act_open = self._action(
            self.tr("&Open…"),
            self.open_dialog,
            [QKeySequence.StandardKey.Open],
            self.tr("Open a session (.json) or a data file (.csv)"),
        )
        self.act_save = self._action(
            self.tr("&Save"), self.save, [QKeySequence.StandardKey.Save], self.tr("Save the session with its history")
        )
        self.act_save_as = self._action(
            self.tr("Save &as…"),
            self.save_as,
            [QKeySequence.StandardKey.SaveAs, "Ctrl+Shift+S"],
            self.tr("Save the session to a new file"),
        )
        self.new_menu = QMenu(self.tr("New from &preset"), self.window)
        for name, preset in PRESETS.items():
            a = self.new_menu.addAction(tr(preset.title))
            a.setData(name)
            a.setToolTip(tr(preset.description))
            a.triggered.connect(lambda _checked=False, n=name: self.new_from_preset(n))
        self.new_menu.setToolTipsVisible(True)
        self.recent_menu = QMenu(self.tr("Open &recent"), self.window)
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()

    def fill_menu(self, menu: QMenu):
        """The session entries of the File menu."""
        menu.addAction(self.act_new)
        menu.addMenu(self.new_menu)
        menu.addAction(self.act_open)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.act_save)
        menu.addAction(self.act_save_as)

    def _fill_recent(self):
        m = self.recent_menu
        m.clear()
        files = self.settings.recent_files() if self.settings is not None else []
        for i, path in enumerate(files):
            label = os.path.basename(path)
            a = m.addAction(f"&{i + 1}  {label}" if i < 9 else f"{i + 1}  {label}")
            a.setToolTip(path)
            a.setStatusTip(path)
            a.setData(path)
            a.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
        if not files:
            empty = m.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
        else:
            m.addSeparator()
            m.addAction(self.tr("Clear the list"), self._clear_recent)

    def _clear_recent(self):
        if self.settings is not None:
            self.settings.clear_recent()
        self._fill_recent()

    def _remember(self, path: str):
        if self.settings is not None:
            self.settings.add_recent(path)
            self._fill_recent()

    # state ------------------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self._modified

    def name(self) -> str:
        """What the title bar calls the session: its file's name, else its own name."""
        if self.path:
            return os.path.basename(self.path)
        return (self._dict or {}).get("name") or self.tr("untitled")

    def set_path(self, path: str | None):
        """The session on display was read from ``path`` (the command line's file); Save writes there."""
        self.path = None if path is None else os.path.abspath(path)
        if self._loading is not None:
            self._loading["path"] = self.path
        if self.path:
            self._remember(self.path)
        self._update()

    def continue_from(self, other: SessionFiles):
        """This window carries on ``other``'s session (a language switch): its file, and unsaved if it was."""
        self._loading = {"path": other.path, "recovered": other.modified}
        self.path = other.path
        self._update()

    def _on_session(self, d):
        self._dict = d
        loading, self._loading = self._loading, None
        if loading is not None:
            self._step = int(d.get("step", 0) or 0)
            self.path = loading.get("path")
            if self.path:
                self._remember(self.path)
            elif d.get("name") in PRESETS and self.settings is not None and not loading.get("recovered"):
                self.settings.set(keys.LAST_PRESET, d["name"])  # the next start opens it
            # a recovered autosave is work not saved anywhere yet
            self._clean = None if loading.get("recovered") else (d, self._step)
            self._remove(loading.get("remove"))
        self._update()

    def _on_snapshot(self, s):
        if s.viewing_step is None and s.step != self._step:
            self._step = s.step
            self._update()

    def _update(self):
        clean = self._clean
        modified = clean is None or clean[0] is not self._dict or clean[1] != self._step
        if self._dict is None:
            modified = False  # (nothing loaded yet)
        self.window.setWindowTitle(self.name() + "[*] — " + tr("Backprop Studio"))
        if modified != self._modified:
            self._modified = modified
            self.window.setWindowModified(modified)
            if not modified:
                self._drop_autosave()
            self.modified_changed.emit(modified)

    def _mark_clean(self):
        self._clean = (self._dict, self._step)
        self._update()

    def _on_error(self, _message):
        # the load or save in flight failed (the window shows the message): nothing changes
        self._loading = None
        if self._saving is not None:
            self._saving = None
            self._save_result = False

    # asking ------------------------------------------------------------------------------------
    def _ask_save(self) -> str:
        """ "save", "discard" or "cancel": the user's answer to the unsaved changes."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Backprop Studio"))
        box.setText(self.tr("The session “{name}” has changes that are not saved.").format(name=self.name()))
        box.setInformativeText(self.tr("Save them first?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
            QMessageBox.StandardButton(answer), "cancel"
        )

    def maybe_save(self) -> bool:
        """Before the session is closed or replaced: True to go on (saved, discarded or unchanged)."""
        if not self.confirm or not self._modified:
            return True
        answer = self._ask_save()
        if answer == "discard":
            return True
        if answer == "save":
            return self.save(wait=True)
        return False

    # new, open ---------------------------------------------------------------------------------
    def _current_preset(self) -> str:
        name = (self._dict or {}).get("name")
        if name in PRESETS:
            return name
        last = self.settings.text(keys.LAST_PRESET) if self.settings is not None else ""
        return last if last in PRESETS else DEFAULT_PRESET

    def new_session(self) -> bool:
        """Ctrl+N: the preset in use again, with fresh weights and no history."""
        return self.new_from_preset(self._current_preset())

    def new_from_preset(self, name: str) -> bool:
        """Replace the session by the preset ``name`` (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self._loading = {"path": None}
        self.controller.load_preset(name)
        return True

    def _dialog_folder(self) -> str:
        if self.path:
            return os.path.dirname(self.path)
        return self.settings.last_folder() if self.settings is not None else ""

    def open_dialog(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open a session or data"),
            self._dialog_folder(),
            self.tr("Sessions and data (*.json *.csv *.tsv *.txt);;Sessions (*.json);;Data (*.csv *.tsv *.txt)")
            + ";;"
            + self.tr("All files (*)"),
        )
        return self.open_path(path) if path else False

    def open_recent(self, path: str) -> bool:
        if not os.path.isfile(path):
            self.status.emit(self.tr("{path} no longer exists; it is taken off the recent files.").format(path=path))
            if self.settings is not None:
                self.settings.remove_recent(path)
            self._fill_recent()
            return False
        return self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Open a session file, or read a CSV as the session's data; False if nothing was started."""
        path = os.path.abspath(os.fspath(path))
        if not os.path.isfile(path):
            self.status.emit(self.tr("Cannot open {path}: there is no such file.").format(path=path))
            return False
        if self.settings is not None:
            self.settings.set_last_folder(path)
        if _kind(path) == "data":
            # new data for this session: an edit (the session keeps its file), read off the GUI thread
            self.csv_opened.emit(path)
            return True
        if not self.maybe_save():
            return False
        self._loading = {"path": path}
        self.controller.load_session(path)
        return True

    # drops ---------------------------------------------------------------------------------------
    @staticmethod
    def dropped_file(mime) -> str | None:
        """The local session or data file in a drag's ``QMimeData``, or None."""
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                path = url.toLocalFile()
                if os.path.splitext(path)[1].lower() in SESSION_SUFFIXES + DATA_SUFFIXES:
                    return path
        return None

    # save ----------------------------------------------------------------------------------------
    def save(self, wait: bool = False) -> bool:
        """Ctrl+S: to the session's file, or ask for one.  ``wait``: until it is written (True if it was)."""
        if not self.path:
            return self.save_as(wait)
        return self.save_to(self.path, wait)

    def save_as(self, wait: bool = False) -> bool:
        suggested = self.path or os.path.join(self._dialog_folder(), f"{self.name()}.json")
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the session as"), suggested, self.tr("Sessions (*.json)")
        )
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += ".json"
        return self.save_to(path, wait)

    def save_to(self, path: str, wait: bool = False) -> bool:
        path = os.path.abspath(path)
        self._saving = path
        self._save_result = None
        self.controller.save_session(path)
        if not wait:
            return True
        loop = QEventLoop()
        done = lambda *_: loop.quit()  # noqa: E731
        self.controller.session_saved.connect(done)
        self.controller.error_occurred.connect(done)
        QTimer.singleShot(SAVE_TIMEOUT_MS, loop.quit)
        if self._save_result is None:
            loop.exec()
        self.controller.session_saved.disconnect(done)
        self.controller.error_occurred.disconnect(done)
        return bool(self._save_result)

    def _on_saved(self, path):
        if self.settings is not None:
            self.settings.set_last_folder(path)
        self._saving = None
        self._save_result = True
        self.path = os.path.abspath(path)
        self._remember(self.path)
        self._mark_clean()

    # copies (exports, autosave) ---------------------------------------------------------------
    def request_copy(self, callback: Callable[[dict], None]):
        """Ask the worker for the whole session (with its history); ``callback(dict)`` on the GUI thread."""
        self._tag += 1
        self._copies[self._tag] = callback
        self.controller.copy_session(self._tag)

    def _on_copied(self, tag, d):
        for old in [t for t in self._copies if t < tag]:  # (their copy failed: the error was shown)
            del self._copies[old]
        callback = self._copies.pop(tag, None)
        if callback is not None:
            callback(d)

    # autosave and recovery -------------------------------------------------------------------
    def _start_autosave(self):
        folder = self.settings.autosave_folder()
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError:
            return  # no data folder: no autosave (said once, when it is first needed)
        stem = os.path.join(folder, f"session-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        lock = QLockFile(stem + ".lock")
        if not lock.tryLock(0):
            return
        self._lock = lock
        self._autosave_path = stem + ".json"
        self.autosave_timer.start()

    def autosave_now(self):
        """Write the autosave if the session changed since the last one; remove it if nothing is unsaved."""
        if self._autosave_path is None:
            return
        if not self._modified:
            self._drop_autosave()
            return
        state = (self._dict, self._step)
        if self._autosaved is not None and self._autosaved[0] is state[0] and self._autosaved[1] == state[1]:
            return
        self._autosaved = state
        self.request_copy(self._write_autosave)

    def _write_autosave(self, d):
        if self._autosave_path is None or not self._modified:
            return
        info = {"path": self.path, "name": d.get("name"), "step": d.get("step"), "time": time.time()}
        try:
            write_atomic(self._autosave_path + ".info", json.dumps(info))
            write_atomic(self._autosave_path, json.dumps(d, default=_json_default, allow_nan=True))
        except (ValueError, TypeError) as e:
            if not self._autosave_failed:  # once: a full disk would say so every minute
                self._autosave_failed = True
                self.status.emit(self.tr("The autosave failed: {reason}").format(reason=e))

    def _drop_autosave(self):
        self._autosaved = None
        if self._autosave_path is not None:
            for path in (self._autosave_path, self._autosave_path + ".info"):
                try:
                    os.unlink(path)
                except OSError:
                    pass

    def shutdown(self):
        """A clean exit: the autosave and its lock go (and nothing is asked any more)."""
        self.confirm = False
        self.autosave_timer.stop()
        self._drop_autosave()
        self._autosave_path = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def recoverable(self) -> list[dict]:
        """Autosaves left by a program that ended without closing (newest first):
        ``{"file", "path", "name", "step", "time"}``."""
        if self.settings is None:
            return []
        found = []
        for file in glob.glob(os.path.join(glob.escape(self.settings.autosave_folder()), "session-*.json")):
            if file == self._autosave_path:
                continue
            lock = QLockFile(file[: -len(".json")] + ".lock")
            lock.setStaleLockTime(0)  # stale only if its program is gone, however old
            if not lock.tryLock(0):
                continue  # a running Backprop Studio's
            lock.unlock()
            try:
                with open(file + ".info", encoding="utf-8") as f:
                    info = json.load(f)
                if not isinstance(info, dict):
                    info = {}
            except (OSError, ValueError):
                info = {}
            try:
                mtime = os.path.getmtime(file)
            except OSError:
                continue
            found.append(
                {
                    "file": file,
                    "path": info.get("path") if isinstance(info.get("path"), str) else None,
                    "name": str(info.get("name") or os.path.basename(file)),
                    "step": info.get("step") if isinstance(info.get("step"), int) else None,
                    "time": mtime,
                }
            )
        found.sort(key=lambda r: r["time"], reverse=True)
        return found

    def _ask_recover(self, found: dict) -> bool:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(found["time"]))
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Backprop Studio"))
        box.setText(self.tr("Backprop Studio did not close normally last time."))
        step = found["step"]
        text = (
            self.tr("Restore the session “{name}” at step {step}, saved automatically at {time}?")
            if step is not None
            else self.tr("Restore the session “{name}”, saved automatically at {time}?")
        )
        box.setInformativeText(text.format(name=found["name"], step=step, time=when))
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Discard)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest autosave back; True if it is being restored."""
        found = self.recoverable()
        if not found:
            return False
        newest = found[0]
        if not self._ask_recover(newest):
            self._remove(newest["file"])
            return False
        # the file goes once the session it holds has arrived (the worker has read it by then)
        self._loading = {"path": newest["path"], "recovered": True, "remove": newest["file"]}
        self.controller.load_session(newest["file"])
        return True

    @staticmethod
    def _remove(file):
        if not file:
            return
        for path in (file, file + ".info", file[: -len(".json")] + ".lock"):
            try:
                os.unlink(path)
            except OSError:
                pass
