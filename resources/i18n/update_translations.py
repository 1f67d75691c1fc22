"""Update the Chinese translation source from the code, then compile it (run from anywhere).

    python resources/i18n/update_translations.py          # lupdate, then lrelease
    python resources/i18n/update_translations.py --check  # exit 1 if a message is unfinished or missing

It runs, with the project's Python files listed out (lupdate reads Python only when named):

    pyside6-lupdate main.py gui/*.py gui/*/*.py model/*.py model/*/*.py \\
        -tr-function-alias QT_TRANSLATE_NOOP+=msg,QT_TR_NOOP+=tr_noop -locations none -no-obsolete \\
        -target-language zh_CN -ts resources/i18n/backprop_studio_zh_CN.ts
    pyside6-lrelease resources/i18n/backprop_studio_zh_CN.ts -qm resources/i18n/backprop_studio_zh_CN.qm

Translate the new (unfinished) messages in between with ``pyside6-linguist`` (Qt Linguist).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "resources" / "i18n"
TS = HERE / "backprop_studio_zh_CN.ts"
QM = HERE / "backprop_studio_zh_CN.qm"
ALIASES = "QT_TRANSLATE_NOOP+=msg,QT_TR_NOOP+=tr_noop"


def tool(name: str) -> str:
    """The path of a PySide6 tool (``pyside6-lupdate``), next to this Python if it is not on PATH."""
    beside = Path(sys.executable).parent / name
    found = shutil.which(name) or (str(beside) if beside.exists() else None)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def sources(root: Path = ROOT) -> list[str]:
    """Every Python file whose strings are shown, relative to ``root``, in a stable order."""
    files = [root / "main.py"] + sorted((root / "gui").rglob("*.py")) + sorted((root / "model").rglob("*.py"))
    return [str(f.relative_to(root)) for f in files]


def lupdate(ts: Path, root: Path = ROOT) -> str:
    """Bring ``ts`` up to date with the sources (new messages unfinished, gone ones dropped); lupdate's report."""
    cmd = [tool("pyside6-lupdate"), *sources(root), "-tr-function-alias", ALIASES, "-locations", "none"]
    cmd += ["-no-obsolete", "-target-language", "zh_CN", "-ts", str(ts)]
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True, text=True, check=True)


def problems(ts: Path) -> list[str]:
    """Every message of ``ts`` that is unfinished or has an empty translation, as "context: source"."""
    found = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            t = m.find("translation")
            if t is None or t.get("type") in ("unfinished", "vanished", "obsolete") or not (t.text or "").strip():
                found.append(f"{name or '(tr)'}: {m.findtext('source')!r}")
    return found


def main(argv: list[str]) -> int:
    if "--check" in argv:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / TS.name
            shutil.copy2(TS, copy)
            lupdate(copy)
            left = problems(copy)
        for line in left:
            print(line)
        return 1 if left else 0
    print(lupdate(TS).strip())
    left = problems(TS)
    if left:
        print(f"{len(left)} messages to translate (pyside6-linguist {TS.relative_to(ROOT)})")
    lrelease(TS, QM)
    print(f"compiled {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
