"""Before Qt starts: can its platform plugin load, or is a system library missing?

Qt's Linux wheels (and our bundle) leave the X11/EGL libraries to the system, and a fresh
Debian or Ubuntu lacks some (``libxcb-cursor0``, ``libxkbcommon-x11-0``, ``libegl1`` …).
Without this check a missing one aborts the process with exit 134 and several lines of Qt's
log, or (libEGL, needed by QtGui itself) with a Python traceback.  Here the platform plugin
is loaded the way Qt will load it (``dlopen``, with its own run path) but before Qt does;
if that fails because a library is missing, the user gets one line naming it and the
command that installs it.

This module imports no Qt: it must run before anything loads Qt's libraries.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["QT_OPTIONS", "QT_FLAGS", "split_qt_args", "qt_platform", "missing_libraries", "startup_problem"]

#: Qt's own command-line options that take a value (``-style fusion`` or ``-style=fusion``),
#: passed through to QApplication.  (Qt's ``-session`` is not: ``--session FILE`` is ours.)
QT_OPTIONS = ("platform", "style", "stylesheet", "platformtheme", "platformpluginpath", "display", "qwindowgeometry")
#: Qt's own options without a value.
QT_FLAGS = ("reverse",)

#: Debian/Ubuntu package of each library Qt's platform plugins and QtGui load from the system.
#: A library not listed falls back to Debian's naming rule (see :func:`debian_package`).
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

_MISSING = re.compile(r"(\S+?\.so[.\d]*): cannot open shared object file")


def split_qt_args(argv):
    """``(ours, qt)``: the arguments for our parser, and Qt's own options for QApplication.

    Qt accepts ``-name value``, ``-name=value`` and the same with two dashes.
    """
    ours, qt = [], []
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.lstrip("-").partition("=")
        dashes = len(arg) - len(arg.lstrip("-"))
        if arg.startswith("-") and dashes in (1, 2) and name in QT_OPTIONS:
            if eq:
                qt += ["-" + name, value]
            elif i + 1 < len(argv):
                qt += ["-" + name, argv[i + 1]]
                i += 1
            else:
                ours.append(arg)  # no value: let our parser say so
        elif arg.startswith("-") and dashes in (1, 2) and name in QT_FLAGS and not eq:
            qt.append("-" + name)
        else:
            ours.append(arg)
        i += 1
    return ours, qt


def qt_platform(qt_args=(), environ=None) -> str:
    """The platform plugin Qt will load: ``-platform``, else ``QT_QPA_PLATFORM``, else Qt's default."""
    environ = os.environ if environ is None else environ
    name = ""
    for opt, value in zip(qt_args[:-1], qt_args[1:]):
        if opt == "-platform":
            name = value
    name = name or environ.get("QT_QPA_PLATFORM", "")
    if not name:
        if sys.platform == "darwin":
            return "cocoa"
        if sys.platform == "win32":
            return "windows"
        session_is_wayland = environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY")
        return "wayland" if session_is_wayland else "xcb"
    # "xcb:option=value" and "wayland;xcb" (a list Qt tries in order): the first one
    return name.split(";")[0].split(":")[0].strip()


def _plugin_dir() -> Path | None:
    """PySide6's ``Qt/plugins/platforms`` folder, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        d = Path(base) / "Qt" / "plugins" / "platforms"
        if d.is_dir():
            return d
    return None


def _dlopen(path) -> str | None:
    """Load ``path`` as Qt will (then unload it); the loader's error, or None if it loaded.

    ``_ctypes.dlopen`` rather than ``ctypes.CDLL``: in a PyInstaller bundle CDLL is wrapped,
    and its error no longer says which library is missing.
    """
    import _ctypes

    try:
        handle = _ctypes.dlopen(str(path), os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError as e:
        return str(e)
    _ctypes.dlclose(handle)
    return None


def _ldd(path) -> str:
    """``ldd``'s report on ``path`` (every missing library, not only the first), or ''."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return ""
    try:
        return subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def missing_libraries(plugin, dlopen=_dlopen, ldd=_ldd) -> list[str]:
    """The system libraries that keep the shared library ``plugin`` from loading (sonames).

    Empty when it loads, or when it fails for another reason than a missing library
    (Qt then reports that itself).
    """
    error = dlopen(plugin)
    if error is None:
        return []
    first = _MISSING.search(error)
    if first is None:
        return []
    missing = [m.group(1) for m in re.finditer(r"^\s*(\S+)\s+=>\s+not found", ldd(plugin), re.MULTILINE)]
    return list(dict.fromkeys(missing)) or [first.group(1)]


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname`` (``libxcb-cursor.so.0`` → ``libxcb-cursor0``)."""
    if soname in PACKAGES:
        return PACKAGES[soname]
    base, _, version = soname.partition(".so.")
    version = version.split(".")[0]
    base = base.lower().replace("_", "-")
    if not version:
        return base
    return f"{base}-{version}" if base[-1].isdigit() else f"{base}{version}"


def startup_problem(qt_args=(), environ=None, plugin_dir=None, dlopen=_dlopen, ldd=_ldd) -> str | None:
    """One line saying what keeps the window from opening on Linux, or None if nothing does.

    Checks the platform plugin Qt will load (``xcb`` on an X11 desktop; ``offscreen`` and
    the others need fewer libraries, and are checked the same way).
    """
    if not sys.platform.startswith("linux"):
        return None
    environ = os.environ if environ is None else environ
    platform = qt_platform(qt_args, environ)
    if platform == "xcb" and not environ.get("DISPLAY") and "-display" not in qt_args:
        return (
            "cannot open the window: no X display (DISPLAY is not set); run it in a desktop session "
            "(the command-line tools, --self-test and --screenshot need none)"
        )
    plugin_dir = _plugin_dir() if plugin_dir is None else Path(plugin_dir)
    if plugin_dir is None:
        return None
    plugin = plugin_dir / f"libq{platform}.so"
    if not plugin.is_file():
        return None  # an unknown platform name: Qt lists the ones it has
    missing = missing_libraries(plugin, dlopen, ldd)
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(debian_package(s) for s in missing))
    names = ", ".join(missing)
    what = "library" if len(missing) == 1 else "libraries"
    return (
        f"cannot open the window: Qt's {platform} platform needs the system {what} {names}, "
        f"missing here; on Debian or Ubuntu install with: sudo apt install {packages}"
    )
