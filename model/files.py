"""Writing files so that none is ever lost: one helper for every writer of the program.

:func:`write_atomic` writes a temporary file in the target's own folder, flushes and fsyncs it,
then renames it over the target with :func:`os.replace` (atomic on POSIX and Windows).  If
anything fails (disk full, a file-size limit, no permission, an interrupt), the old file is
left exactly as it was, the temporary file is removed, and the caller gets a ``ValueError``
with one line to show.  :func:`check_writable` answers, before a long run, whether a later
write can succeed at all.
"""

from __future__ import annotations

import os
import stat
import tempfile

from .text import msg

__all__ = ["write_atomic", "check_writable", "read_bytes"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: New files get the usual permissions (0666 less the umask), not mkstemp's private 0600.
_NEW_FILE_MODE = 0o666 & ~_umask()


def _reason(e: OSError) -> str:
    return e.strerror or str(e) or type(e).__name__


def _target(path) -> str:
    """``path`` as a str, following a symbolic link so the link keeps pointing at the new file."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    path = os.fspath(path)
    if not path:
        raise ValueError(msg("model.files", "no file name given"))
    if os.path.islink(path):
        path = os.path.realpath(path)
    if os.path.isdir(path):
        raise ValueError(msg("model.files", "{path} is a folder, not a file").format(path=path))
    return path


def check_writable(path: str | os.PathLike) -> str:
    """Raise ``ValueError`` (one line) unless a file can be written at ``path``; return the path.

    The folder must exist, and a temporary file is created and removed there, which is the
    only reliable test (permissions, read-only mounts, a full quota).
    """
    path = _target(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ValueError(
            msg("model.files", "cannot write {path}: the folder {folder} does not exist").format(
                path=path, folder=folder
            )
        )
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".backprop-studio-", suffix=".tmp")
    except OSError as e:
        raise ValueError(
            msg("model.files", "cannot write {path}: {reason}").format(path=path, reason=_reason(e))
        ) from None
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass
    return path


def write_atomic(path: str | os.PathLike, data: str | bytes, encoding: str = "utf-8") -> None:
    """Replace the file at ``path`` by ``data`` (text is encoded with ``encoding``), atomically.

    Either the whole new content is in place, or the old file (if any) is untouched; a failed
    write leaves no temporary file behind.  An existing file keeps its permissions.

    Raises
    ------
    ValueError
        One line: ``"cannot write out.json: No space left on device"``.
    """
    path = _target(path)
    payload = data.encode(encoding) if isinstance(data, str) else bytes(data)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    except OSError as e:
        raise ValueError(
            msg("model.files", "cannot write {path}: {reason}").format(path=path, reason=_reason(e))
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = _NEW_FILE_MODE
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise ValueError(
                msg("model.files", "cannot write {path}: {reason}").format(path=path, reason=_reason(e))
            ) from None
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_bytes(path: str | os.PathLike, limit: int, what: str = "file") -> bytes:
    """The content of ``path``, refusing (one line, before reading) a file larger than ``limit`` bytes."""
    path = os.fspath(path)
    if not path:
        raise ValueError(msg("model.files", "no file name given"))
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if stat.S_ISDIR(os.fstat(f.fileno()).st_mode):
                raise IsADirectoryError(21, "Is a directory")
            if size > limit:
                raise ValueError(
                    msg("model.files", "{path} is {size}; a {what} may be at most {limit}").format(
                        path=path, size=human_bytes(size), what=what, limit=human_bytes(limit)
                    )
                )
            return f.read(limit + 1)
    except OSError as e:
        raise ValueError(
            msg("model.files", "cannot read {path}: {reason}").format(path=path, reason=_reason(e))
        ) from None


def human_bytes(n: float) -> str:
    """``1536`` → ``"1.5 KB"``; decimal units, as file managers show them."""
    n = float(n)
    for unit in ("bytes", "KB", "MB", "GB", "TB", "PB"):
        if abs(n) < 1000:
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return "more than 1000 PB"
