"""Every ``tr("…")`` literal reaches the Chinese catalogue: lupdate reads a call, never one inside an f-string."""

import io
import os
import re
import tokenize
from pathlib import Path

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")

from gui.main_window import MainWindow
from model import Session

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 10_000
#: ``tr("…")`` or ``self.tr('…')`` inside an f-string's replacement field
_TR_IN_FIELD = re.compile(r"\{[^{}]*\btr\(\s*['\"]")


def _f_strings_with_tr(path: Path) -> list[str]:
    found = []
    with open(path, encoding="utf-8") as f:
        for tok in tokenize.generate_tokens(io.StringIO(f.read()).readline):
            if tok.type != tokenize.STRING:
                continue
            prefix = re.match(r"[A-Za-z]*", tok.string).group(0).lower()
            if "f" in prefix and _TR_IN_FIELD.search(tok.string):
                found.append(f"{path.relative_to(ROOT)}:{tok.start[0]}: {tok.string[:60]}")
    return found


def test_no_translated_literal_hides_in_an_f_string():
    """lupdate skips f-strings: the headline's Forward/Backward/… and the handout's heading stayed English."""
    files = [ROOT / "main.py", *sorted((ROOT / "gui").rglob("*.py"))]
    hidden = [hit for f in files for hit in _f_strings_with_tr(f)]
    assert not hidden, hidden


def test_the_scan_finds_one():
    assert _TR_IN_FIELD.search("f\"{tr('Forward')} · z\"") and not _TR_IN_FIELD.search('tr("Forward") + f" · {z}"')


def test_the_headline_of_every_phase_is_in_chinese(qtbot, chinese):
    """xor-lecture in Chinese, stepped phase by phase: the headline above the diagram names each phase in the
    lecture's terms (前向传播, 反向传播, 梯度, 权重更新), not in English."""
    win = MainWindow(session=Session.from_preset("xor-lecture"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None, timeout=TIMEOUT)
    seen = {}
    for k in range(8):  # forward 1, 2, loss, δ(2), δ(1), ∂L/∂W(2), ∂L/∂W(1), update
        win.controller.step_phase()
        qtbot.waitUntil(
            lambda k=k: win.latest_snapshot.phase is not None and win.latest_snapshot.phase.index == k,
            timeout=TIMEOUT,
        )
        win.refresh_views()
        seen[win.latest_snapshot.phase.kind] = win.phase_label.text()
    assert set(seen) == {"forward", "loss", "delta", "gradient", "update"}
    for kind, word in (("forward", "前向传播"), ("delta", "反向传播"), ("gradient", "梯度"), ("update", "权重更新")):
        assert seen[kind].startswith(word + " · "), seen[kind]
    for text in seen.values():
        assert not re.search(r"\b(Forward|Backward|Gradients|Update|Loss)\b", text), text
    win.close()


def test_a_csvs_data_is_described_in_chinese(qtbot, chinese):
    """The Data section's line under a CSV's data said "5 rows" in Chinese too."""
    from gui.controls import ControlPanel

    panel = ControlPanel()
    qtbot.addWidget(panel)
    d = Session.from_preset("xor-lecture").to_dict(with_history=False)
    d["data"] = {"name": "csv:points.csv", "inputs": [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5]],
                 "targets": [[0], [1], [1], [0], [1]]}  # fmt: skip
    panel.set_session(d)
    assert panel.dataset_description.text() == "5 行"
