"""The Chinese interface: complete, placeholder-safe translations, and a window that speaks the lecture's language."""

import ast
import os
import pathlib
import re
import string

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["BACKPROP_STUDIO_INPROCESS"] = "1"  # the worker on a thread: fast start-up for tests

import pytest  # noqa: E402

from gui import i18n  # noqa: E402
from gui.i18n import ZH, install_qt_translations, mnemonic, remove_qt_translations, set_language, tr  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

GUI = pathlib.Path(__file__).resolve().parents[2] / "gui"
TABLES = {"S", "TEXT", "STRINGS"}  # each gui module's table of user-visible strings
TIMEOUT = 10_000
CJK = re.compile(r"[\u4e00-\u9fff]")
MNEMONIC = re.compile(r"(?<!&)&([A-Za-z0-9])")


def _placeholders(text):
    """The replacement fields of a format string: (name, conversion, spec), sorted."""
    return sorted(
        (name, conv or "", spec or "") for _, name, spec, conv in string.Formatter().parse(text) if name is not None
    )


def _gui_strings():
    """{English text: "file:line"} for every table value and literal tr()/_action() argument in gui/."""
    found = {}
    for path in sorted(GUI.rglob("*.py")):  # (gui/training/ too)
        if path.name == "i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            texts = []
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                if any(isinstance(t, ast.Name) and t.id in TABLES for t in node.targets):
                    texts = [v for v in node.value.values if isinstance(v, ast.Constant)]
            elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                if name in ("tr", "_action"):
                    texts = [node.args[0]]
            for c in texts:
                if isinstance(c.value, str):
                    found.setdefault(c.value, f"{path.name}:{c.lineno}")
    return found


def _needs_translation(text):
    """Words, not just symbols and placeholders: "P(class 1)" does, "x₁", "H{n}" and "δ = ∂L/∂z" do not."""
    bare = re.sub(r"\{[^{}]*\}", "", text)
    return re.search(r"[A-Za-z]{2,}", bare) is not None


@pytest.fixture
def chinese(qapp):
    before = i18n.language()
    set_language("zh")
    yield
    remove_qt_translations(qapp)
    set_language(before)


def test_every_translation_keeps_the_placeholders_of_its_key():
    wrong = {k: v for k, v in ZH.items() if _placeholders(k) != _placeholders(v)}
    assert not wrong, f"placeholders differ: {wrong}"


def test_every_translation_is_chinese():
    english = [v for v in ZH.values() if not CJK.search(v)]
    assert not english


def test_every_user_visible_string_in_the_gui_has_a_translation():
    missing = {text: where for text, where in _gui_strings().items() if _needs_translation(text) and text not in ZH}
    assert not missing, "add these to gui/i18n.py ZH: " + "; ".join(f"{w} {t!r}" for t, w in missing.items())


def test_mnemonics_move_to_a_bracket_at_the_end():
    for key, value in ZH.items():
        letters = MNEMONIC.findall(key)
        if not letters:
            assert not MNEMONIC.search(value), (key, value)
            continue
        bracket = f"(&{letters[0].upper()})"
        assert value.rstrip("…:：").endswith(bracket), (key, value)
        assert len(MNEMONIC.findall(value)) == 1, (key, value)


def test_tr_follows_the_language(chinese):
    assert tr("Learning rate") == "学习率"
    assert tr("Backward") == "反向传播"
    assert tr("no such string") == "no such string"
    set_language("en")
    assert tr("Learning rate") == "Learning rate"
    set_language("zh_CN")
    assert i18n.language() == "zh"
    set_language("klingon")
    assert i18n.language() == "en"


def test_mnemonic_uses_the_letter_or_appends_it():
    assert mnemonic("Run", "u") == "R&un"
    assert mnemonic("运行", "u") == "运行(&U)"


def test_window_in_chinese_shows_the_lectures_terms(qtbot, chinese):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None, timeout=TIMEOUT)

    menus = [a.text() for a in win.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "训练(&T)", "视图(&V)", "帮助(&H)"]
    assert "运行" in win.controls.run_button.text()
    assert win.act_run.text() == "运行"
    title = win.loss_plot.plot.getPlotItem().titleLabel.text
    assert "损失" in title and "Loss" not in title
    assert "检查器" == win.inspector_dock.windowTitle()
    assert win.bottom_tabs.tabText(1) == "各层梯度"
    win.close()


def test_window_is_english_by_default(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None, timeout=TIMEOUT)
    assert [a.text() for a in win.menuBar().actions()][0] == "&File"
    assert not CJK.search(win.controls.run_button.text())
    win.close()


def test_qts_own_buttons_speak_chinese_too(qtbot, qapp, chinese):
    from PySide6.QtWidgets import QDialogButtonBox

    assert install_qt_translations(qapp)
    box = QDialogButtonBox(QDialogButtonBox.Close | QDialogButtonBox.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.Close).text() == "关闭"
    remove_qt_translations(qapp)
    set_language("en")
    assert not install_qt_translations(qapp)
    box = QDialogButtonBox(QDialogButtonBox.Close)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.Close).text() == "Close"


def test_phase_titles_follow_the_language():
    from gui import i18n
    from model import Session

    phases = Session.from_preset("xor-lecture").trainer.step_phases()
    english = [i18n.phase_title(p) for p in phases]
    assert english == [p.title for p in phases]  # the GUI's English titles are the model's
    previous = i18n.language()
    try:
        i18n.set_language("zh")
        chinese = [i18n.phase_title(p) for p in phases]
    finally:
        i18n.set_language(previous)
    assert chinese[0] == "前向传播：隐藏层 1 的 z(1) 与 a(1)"
    assert chinese[3] == "反向传播：输出层的 δ(2)"
    assert all(c != e for c, e in zip(chinese, english))
