"""The packaged executable: build it with PyInstaller from resources/backprop-studio.spec and run it.

Slow (the build takes one to two minutes on two cores), so it runs only where PyInstaller is
installed: `.ci/run` installs it (`pip install -e ".[test,package]"`); a plain `.[test]` venv skips it.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PyInstaller")

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 160  # the Linux bundle (issue 10.5)
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle test runs on Linux")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    work = tmp_path_factory.mktemp("bundle")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "resources" / "backprop-studio.spec"),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        cwd=work,
    )
    assert r.returncode == 0, r.stderr[-4000:]
    return work / "dist" / "backprop-studio"


def _run(exe, *args, timeout=180):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "BACKPROP_STUDIO"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=exe.parent)


def test_the_bundle_is_small_and_complete(bundle):
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 2**20
    assert size_mb <= LIMIT_MB, f"the bundle is {size_mb:.0f} MB"
    dangling = [p.name for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling
    names = {p.name for p in files}
    assert {"backprop-studio", "backprop-studio.desktop", "backprop-studio.png", "install-desktop-entry.sh"} <= names
    assert "libqxcb.so" in names and "backprop-studio.svg" in names
    for left_out in ("libQt6Network.so.6", "libqgtk3.so", "libqwayland.so", "QtNetwork.abi3.so", "qtbase_de.qm"):
        assert left_out not in names
    assert "qtbase_zh_CN.qm" in names and "backprop_studio_zh_CN.qm" in names
    libpython = next(p for p in files if p.name.startswith("libpython"))
    assert libpython.stat().st_size < 10 * 2**20  # stripped (Python ships it with ~17 MB of symbols)


def test_the_bundle_trains_like_the_source(bundle):
    args = ["train", "--preset", "blobs-softmax", "--epochs", "30", "--log-every", "10"]
    r = _run(bundle / "backprop-studio", *args)
    assert r.returncode == 0, r.stderr
    source = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout == source.stdout and r.stdout.count("Epoch") == 3


def test_the_bundle_passes_its_self_test(bundle):
    r = _run(bundle / "backprop-studio", "--self-test")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("self-test OK"), r.stdout
    assert "Traceback" not in r.stderr


def test_the_bundle_names_its_version_and_rejects_bad_input_in_one_line(bundle):
    from model import __version__

    r = _run(bundle / "backprop-studio", "--version")
    assert r.stdout.strip() == f"Backprop Studio {__version__}"
    r = _run(bundle / "backprop-studio", "train", "--preset", "no-such-preset")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "unknown preset" in r.stderr


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def test_the_bundle_names_a_missing_system_library_in_one_line(bundle, tmp_path):
    """The bundle with Qt's xcb support asking for a library no system has: one line and exit 2, not Qt's abort."""
    copy = tmp_path / "bundle"
    shutil.copytree(bundle, copy, symlinks=True, copy_function=_link_or_copy)
    lib = copy / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6XcbQpa.so.6"
    data = lib.read_bytes()
    assert b"libxcb-cursor.so.0\0" in data
    lib.unlink()  # (a hard link: the original bundle keeps its file)
    lib.write_bytes(data.replace(b"libxcb-cursor.so.0\0", b"libxcb-cursxr.so.0\0"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "WAYLAND"))}
    env["DISPLAY"] = ":0"
    r = subprocess.run([str(copy / "backprop-studio")], capture_output=True, text=True, timeout=60, env=env)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "libxcb-cursxr.so.0" in r.stderr and "sudo apt install" in r.stderr
