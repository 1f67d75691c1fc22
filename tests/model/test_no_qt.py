"""`model/` never imports Qt and never prints: every module imported in a fresh process with Qt blocked."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(f"model.{p.stem}" for p in (ROOT / "model").glob("*.py") if p.stem != "__init__")

PROBE = r'''
import importlib, io, json, sys

BLOCKED = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")


class BlockQt:
    """A meta-path finder that refuses every Qt binding, so importing one fails loudly."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"model/ must not import {name}")
        return None


sys.meta_path.insert(0, BlockQt())
captured = io.StringIO()
real_stdout, sys.stdout = sys.stdout, captured
results = {}
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
        results[name] = "ok"
    except Exception as e:  # report every module, not just the first failure
        results[name] = f"{type(e).__name__}: {e}"
# exercise the core a little: it must not print either
from model import Session
s = Session.from_preset("xor-lecture")
s.trainer.run_epochs(5)
s.trainer.step_phases()
s.trainer.evaluate()
sys.stdout = real_stdout
loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
print(json.dumps({"results": results, "printed": captured.getvalue(), "qt_loaded": loaded}))
'''


def _probe():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(MODULES)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), proc.stderr


def test_every_model_module_imports_without_qt_and_prints_nothing():
    assert "model.trainer" in MODULES and "model.network" in MODULES and len(MODULES) >= 10
    report, stderr = _probe()
    failures = {name: r for name, r in report["results"].items() if r != "ok"}
    assert failures == {}
    assert report["qt_loaded"] == []
    assert report["printed"] == ""
    assert stderr == ""


def test_the_blocker_really_blocks():
    """The probe would catch a module that imports Qt: importing PySide6 through it fails."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = PROBE.split("captured = io.StringIO()")[0] + "import PySide6\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert proc.returncode != 0
    assert "model/ must not import PySide6" in proc.stderr
