"""Atomic writes: a failed save (disk full, a file-size limit) keeps the old file and leaves no temporary."""

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import model.files as files
from model import Session, load_session
from model.files import check_writable, write_atomic

ROOT = Path(__file__).resolve().parents[2]


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_atomic_creates_and_replaces(tmp_path):
    path = tmp_path / "a.txt"
    write_atomic(path, "first")
    write_atomic(path, b"second")
    assert path.read_bytes() == b"second"
    assert _only(tmp_path) == ["a.txt"]


def test_write_atomic_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old")
    os.chmod(path, 0o640)
    write_atomic(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_write_atomic_through_a_symbolic_link_replaces_the_target(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


class _DiskFull:
    """A file object that writes half of what it is given, then fails as a full disk does."""

    def __init__(self, f):
        self.f = f

    def write(self, data):
        self.f.write(data[: len(data) // 2])
        self.f.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()

    def __getattr__(self, name):
        return getattr(self.f, name)


def test_a_save_that_fails_half_way_keeps_the_old_session(tmp_path, monkeypatch):
    path = tmp_path / "session.json"
    s = Session.from_preset("spiral-adam")
    s.trainer.run_steps(20)
    s.save(path)
    before = path.read_bytes()
    s.trainer.run_steps(20)
    real_fdopen = os.fdopen
    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: _DiskFull(real_fdopen(fd, mode)))
    with pytest.raises(ValueError) as info:
        s.save(path)
    assert str(info.value) == f"cannot write {path}: No space left on device"
    assert path.read_bytes() == before  # still the whole old file
    assert load_session(path).trainer.step == 20
    assert _only(tmp_path) == ["session.json"]  # no temporary left behind


def test_an_interrupted_save_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    path = tmp_path / "x.json"
    path.write_text("{}")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "[1, 2, 3]")
    assert path.read_text() == "{}" and _only(tmp_path) == ["x.json"]


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGXFSZ"), reason="POSIX file-size limits")
def test_a_save_over_the_file_size_limit_keeps_the_old_session(tmp_path):
    """``ulimit -f``: the kernel refuses writes past the limit (SIGXFSZ ignored, so write fails with EFBIG)."""
    path = tmp_path / "session.json"
    script = textwrap.dedent(
        """
        import resource, signal, sys
        from model import Session
        s = Session.from_preset("spiral-adam")
        s.trainer.run_steps(20)
        s.save(sys.argv[1])
        size = len(open(sys.argv[1], "rb").read())
        s.trainer.run_steps(20)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, size // 2))
        try:
            s.save(sys.argv[1])
        except ValueError as e:
            print(e)
            sys.exit(2)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout.strip() == f"cannot write {path}: File too large"
    assert proc.stderr == ""
    assert json.loads(path.read_text())["step"] == 20  # the old file, whole and valid
    assert _only(tmp_path) == ["session.json"]


def test_check_writable_refuses_what_a_later_save_could_not_do(tmp_path):
    assert check_writable(tmp_path / "new.json") == str(tmp_path / "new.json")
    assert _only(tmp_path) == []  # the probe is gone
    for path, message in [
        ("", "no file name given"),
        (tmp_path, "is a folder, not a file"),
        (tmp_path / "missing" / "x.json", "the folder"),
    ]:
        with pytest.raises(ValueError, match=message):
            check_writable(path)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes anywhere")
def test_check_writable_refuses_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ValueError, match="Permission denied"):
            check_writable(folder / "x.json")
    finally:
        folder.chmod(0o700)


def test_an_exported_script_is_written_as_every_file_is(tmp_path):
    """save_script is write_atomic: an existing script keeps its permissions (mkstemp's 0600 is not left)."""
    from model.export import save_script

    target = tmp_path / "train.py"
    target.write_text("old\n")
    os.chmod(target, 0o754)
    save_script(target, "new\n")
    assert target.read_text() == "new\n" and stat.S_IMODE(os.stat(target).st_mode) == 0o754
