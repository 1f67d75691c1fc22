"""The start-up check: a missing system library is one line naming it and the command that installs it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui import system_check
from gui.system_check import debian_package, missing_libraries, split_qt_args, startup_problem

ROOT = Path(__file__).resolve().parents[2]
X11 = {"DISPLAY": ":0"}


def _missing(soname):
    return lambda path: f"{soname}: cannot open shared object file: No such file or directory"


def _no_ldd(path):
    return ""


def test_the_real_plugins_load_here():
    d = system_check._plugin_dir()
    assert d is not None and (d / "libqxcb.so").is_file()
    assert startup_problem([], X11) is None
    assert startup_problem(["-platform", "offscreen"], {}) is None


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libEGL.so.1", "libegl1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ],
)
def test_a_missing_library_is_named_with_its_install_command(soname, package):
    line = startup_problem([], X11, dlopen=_missing(soname), ldd=_no_ldd)
    assert "\n" not in line
    assert soname in line and line.endswith(f"sudo apt install {package}")


def test_every_missing_library_that_ldd_reports_is_named_once():
    report = (
        "\tlibQt6Gui.so.6 => /x/libQt6Gui.so.6 (0x1)\n"
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibEGL.so.1 => not found\n"
        "\tlibxcb-cursor.so.0 => not found\n"
    )
    line = startup_problem([], X11, dlopen=_missing("libxcb-cursor.so.0"), ldd=lambda p: report)
    assert "libraries libxcb-cursor.so.0, libEGL.so.1," in line
    assert line.endswith("sudo apt install libxcb-cursor0 libegl1")


def test_the_platform_checked_is_the_one_qt_will_load():
    checked = []

    def dlopen(path):
        checked.append(Path(path).name)
        return None

    startup_problem([], X11, dlopen=dlopen)
    startup_problem(["-platform", "offscreen"], {}, dlopen=dlopen)
    startup_problem([], {"QT_QPA_PLATFORM": "minimal"}, dlopen=dlopen)
    startup_problem([], {"QT_QPA_PLATFORM": "no-such-platform"}, dlopen=dlopen)
    assert checked == ["libqxcb.so", "libqoffscreen.so", "libqminimal.so"]


def test_other_loader_errors_are_left_to_qt():
    assert missing_libraries("x.so", dlopen=lambda p: "x.so: undefined symbol: foo", ldd=_no_ldd) == []


def test_no_display_is_one_line():
    line = startup_problem([], {})
    assert "DISPLAY is not set" in line and "\n" not in line
    assert startup_problem(["-display", ":1"], {}) is None


def test_debian_names_for_libraries_not_in_the_table():
    assert debian_package("libfoo.so.3") == "libfoo3"
    assert debian_package("libbar2.so.1") == "libbar2-1"


def test_qt_options_are_passed_through_and_ours_kept():
    ours, qt = split_qt_args(["-style", "windows", "--preset", "x", "-platform=offscreen", "--reverse", "train"])
    assert ours == ["--preset", "x", "train"]
    assert qt == ["-style", "windows", "-platform", "offscreen", "-reverse"]
    assert split_qt_args(["--session", "s.json"]) == (["--session", "s.json"], [])  # ours, not Qt's -session


def _patched_qt(tmp_path, qt_dir):
    """A copy of Qt's xcb plugin whose libQt6XcbQpa asks for ``libxcb-cursxr.so.0``, a library no system has."""
    plugins = tmp_path / "plugins" / "platforms"
    lib = tmp_path / "lib"
    plugins.mkdir(parents=True)
    lib.mkdir()
    (plugins / "libqxcb.so").write_bytes((qt_dir / "plugins" / "platforms" / "libqxcb.so").read_bytes())
    for f in (qt_dir / "lib").iterdir():  # the plugin finds Qt's libraries at $ORIGIN/../../lib
        if f.name.startswith("libQt6XcbQpa.so"):
            data = f.read_bytes()
            assert b"libxcb-cursor.so.0\0" in data
            (lib / f.name).write_bytes(data.replace(b"libxcb-cursor.so.0\0", b"libxcb-cursxr.so.0\0"))
        else:
            (lib / f.name).symlink_to(f)
    return plugins


def test_a_really_missing_library_stops_the_program_before_qt(tmp_path):
    """The whole program, with the xcb plugin needing a library this system lacks: one line, exit 2, no Qt."""
    qt_dir = system_check._plugin_dir().parents[1]
    plugins = _patched_qt(tmp_path, qt_dir)
    assert missing_libraries(plugins / "libqxcb.so") == ["libxcb-cursxr.so.0"]
    code = (
        "import sys; from pathlib import Path; import main; from gui import system_check;"
        f"system_check._plugin_dir = lambda: Path({str(plugins)!r});"
        "rc = main.main([]);"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')));"
        "sys.exit(rc)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":0"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert r.returncode == 2, r.stderr
    assert r.stdout.strip() == "[]"  # Qt was never loaded
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "libxcb-cursxr.so.0" in r.stderr and "sudo apt install libxcb-cursxr0" in r.stderr


def test_qt_style_and_platform_options_reach_qapplication(tmp_path):
    """`main.py -platform offscreen -style windows …` opens with Qt's Windows style instead of being rejected."""
    out = tmp_path / "w.png"
    code = (
        "import sys, main; from PySide6.QtWidgets import QApplication;"
        f"rc = main.main(['-platform', 'offscreen', '-style=windows', '--screenshot', {str(out)!r}]);"
        "print(QApplication.instance().platformName(), QApplication.instance().style().name());"
        "sys.exit(rc)"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["BACKPROP_STUDIO_INPROCESS"] = "1"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1].lower() == "offscreen windows"


def test_the_window_has_the_app_icon():
    code = (
        "from gui.app import _make_app; app = _make_app();"
        "print(app.windowIcon().pixmap(32).isNull(), app.desktopFileName())"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["False", "backprop-studio"]  # an icon that drew, and the .desktop entry
