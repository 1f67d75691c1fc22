"""What Backprop Studio remembers between runs (QSettings), and where it keeps its own files.

:class:`Settings` wraps one :class:`QSettings` store: the user's (``Settings()``, Qt's native
place for the organisation "Backprop Studio") or a folder of its own (``Settings(folder)``: an INI
file there, which is what tests and a portable install use, so they never touch the user's).
Its data folder (``QStandardPaths.AppDataLocation``, or ``folder/data``) holds the autosave.

Remembered: the window's geometry and dock layout, the language, the theme and the presentation
zoom, the last folder of a file dialog, the last preset and the recent files.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, QStandardPaths

__all__ = ["Settings", "MAX_RECENT"]

#: How many recent files File → Open Recent lists.
MAX_RECENT = 10

# keys (one place: the tests and the window read the same names)
GEOMETRY = "window/geometry"
STATE = "window/state"
COMPACT = "window/compact"  # the dock layout was saved in the small-screen arrangement
LANGUAGE = "view/language"
THEME = "view/theme"
ZOOM = "view/zoom"
LAST_FOLDER = "files/last_folder"
LAST_PRESET = "files/last_preset"
RECENT = "files/recent"


class Settings:
    """The program's preferences and data folder; ``folder`` keeps both there instead of the user's."""

    def __init__(self, folder: str | os.PathLike | None = None):
        if folder is None:
            self.store = QSettings("Backprop Studio", "Backprop Studio")
            self.data_folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
            if not self.data_folder:  # (no home folder at all)
                self.data_folder = os.path.join(os.path.expanduser("~"), ".backprop-studio")
        else:
            folder = os.fspath(folder)
            self.store = QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat)
            self.data_folder = os.path.join(folder, "data")

    # plain values ---------------------------------------------------------------------------
    def value(self, key: str, default=None):
        return self.store.value(key, default)

    def text(self, key: str, default: str = "") -> str:
        value = self.store.value(key, default)
        return value if isinstance(value, str) else default

    def number(self, key: str, default: float) -> float:
        """A float setting; ``default`` if it is missing or not a number (a hand-edited file)."""
        try:
            value = float(self.store.value(key, default))
        except (TypeError, ValueError):
            return default
        return value if value == value else default  # (NaN)

    def set(self, key: str, value) -> None:
        self.store.setValue(key, value)

    def remove(self, key: str) -> None:
        self.store.remove(key)

    def sync(self) -> None:
        """Write to disk now (QSettings also does so on its own, and when the program ends)."""
        self.store.sync()

    # files ------------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """The recent files, most recent first (at most :data:`MAX_RECENT`)."""
        value = self.store.value(RECENT, [])
        if isinstance(value, str):  # QSettings gives a one-element list back as a str
            value = [value]
        if not isinstance(value, (list, tuple)):
            return []
        return [str(p) for p in value if isinstance(p, str) and p][:MAX_RECENT]

    def add_recent(self, path: str) -> list[str]:
        """Put ``path`` (made absolute) first in the recent files; returns the new list."""
        path = os.path.abspath(os.fspath(path))
        files = [path] + [p for p in self.recent_files() if os.path.normcase(p) != os.path.normcase(path)]
        self.store.setValue(RECENT, files[:MAX_RECENT])
        self.store.setValue(LAST_FOLDER, os.path.dirname(path))
        return files[:MAX_RECENT]

    def remove_recent(self, path: str) -> list[str]:
        files = [p for p in self.recent_files() if p != path]
        self.store.setValue(RECENT, files)
        return files

    def clear_recent(self) -> None:
        self.store.setValue(RECENT, [])

    def last_folder(self) -> str:
        """The folder a file dialog opened or saved in last (if it still exists), else the home folder."""
        folder = self.text(LAST_FOLDER)
        return folder if folder and os.path.isdir(folder) else os.path.expanduser("~")

    def set_last_folder(self, path: str) -> None:
        path = os.fspath(path)
        self.store.setValue(LAST_FOLDER, path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path)))

    def autosave_folder(self) -> str:
        return os.path.join(self.data_folder, "autosave")
