"""The Chinese interface through Qt's translation system: complete by lupdate, compiled, placeholder-safe."""

import ast
import importlib.util
import os
import pathlib
import re
import shutil
import string
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from gui import i18n
from gui.i18n import install_qt_translations, mnemonic, remove_qt_translations, set_language, tr
from gui.training import INPROCESS_ENV

ROOT = pathlib.Path(__file__).resolve().parents[2]
TIMEOUT = 10_000
CJK = re.compile(r"[\u4e00-\u9fff]")
MNEMONIC = re.compile(r"(?<!&)&([A-Za-z0-9])")
TRANSLATING = {"tr", "tr_noop", "translate", "msg", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"}


def _tool():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "resources/i18n/update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


def _messages(ts):
    """[(context, source, comment, translation element)] of a .ts file."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            out.append((name, m.findtext("source"), m.findtext("comment"), m.find("translation")))
    return out


def _placeholders(text):
    """The replacement fields of a format string: (name, conversion, spec), sorted."""
    return sorted(
        (name, conv or "", spec or "") for _, name, spec, conv in string.Formatter().parse(text) if name is not None
    )


def _needs_translation(text):
    """Words, not just symbols and placeholders: "P(class 1)" does, "x₁", "H{n}" and "δ = ∂L/∂z" do not."""
    return re.search(r"[A-Za-z]{2,}", re.sub(r"\{[^{}]*\}", "", text)) is not None


@pytest.fixture(autouse=True)
def _training_on_a_thread(monkeypatch):
    """The worker on a thread for these tests only (fast start-up), not for the tests after them."""
    monkeypatch.setenv(INPROCESS_ENV, "1")


def test_lupdate_finds_every_message_translated(tmp_path):
    """lupdate over the sources, into a copy of the committed .ts: nothing unfinished, missing or empty."""
    copy = tmp_path / TOOL.TS.name
    shutil.copy2(TOOL.TS, copy)
    report = TOOL.lupdate(copy)
    assert "Found" in report, report
    left = TOOL.problems(copy)
    assert not left, f"{len(left)} messages to translate in {TOOL.TS.name}:\n" + "\n".join(left)
    assert len(_messages(copy)) > 500


def test_the_compiled_translation_is_the_committed_source(tmp_path):
    qm = tmp_path / "fresh.qm"
    TOOL.lrelease(TOOL.TS, qm)
    assert qm.read_bytes() == TOOL.QM.read_bytes(), "run: python resources/i18n/update_translations.py"


def test_every_translation_keeps_the_placeholders_and_is_chinese():
    wrong, english = [], []
    for ctx, source, _comment, t in _messages(TOOL.TS):
        text = t.text or ""
        if _placeholders(source) != _placeholders(text):
            wrong.append((ctx, source, text))
        if _needs_translation(source) and english_words(text):
            english.append((ctx, source, text, english_words(text)))
    assert not wrong, f"placeholders differ: {wrong}"
    assert not english, f"not translated: {english}"


#: English words a Chinese text may keep: proper names, formats, keys and notation (the lecture keeps them too).
ALLOWED_WORDS = set(
    """
    Adam ReLU Leaky Huber Softmax Sigmoid Tanh SGD RMSprop Nesterov Xavier Glorot He Log Cosh Hinge Focal
    KL MSE MAE RMSE MBE CE BCE XOR TF TensorFlow Playground Backprop Studio numpy NumPy PyTorch torch Python
    CSV TSV PNG SVG PDF JSON JSONL UTF NaN Inf None PCG64 Qt Linguist PySide6 pyqtgraph English
    Space Shift Ctrl Alt Esc Enter Tab Del Backspace Home End PgUp PgDown Up Down Left Right
    randn RandomState fan_in fan_out seed sin cos tanh exp ln log max min argmax sgn sign ReLU
    AND OR else clip SVM ranges buckets exact mse huber delta y_true y_pred
    true false null yes no key value name inputs targets
    """.split()
)


def english_words(text):
    """The English words of ``text`` outside placeholders, quotes, file patterns and allowed names; [] if none.

    Symbols such as w1, a_prev, F5 and wx (with a digit, an underscore, or two letters) are notation.
    """
    bare = re.sub(r"\{[^{}]*\}", "", text)
    bare = re.sub(r"'[^']*'|“[^”]*”|\"[^\"]*\"", "", bare)  # keys and names quoted as they are written
    bare = re.sub(r"python main\.py[^，。；、（）()]*", "", bare)  # a command line, as typed
    bare = re.sub(r"\*?\.[a-z]+\b", "", bare).replace("Focal Loss", "")  # *.csv; the lecture's own term
    bare = re.sub(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b", "", bare)  # names as typed on the command line: xor-lecture
    bare = re.sub(r"\b[a-z_]+=", "", bare)  # a parameter as typed: quantile=0.7
    words = re.findall(r"[A-Za-z_][A-Za-z_0-9]*", bare)
    return [
        w
        for w in words
        if len(w) > 2 and not re.search(r"[\d_]", w) and w not in ALLOWED_WORDS and w.capitalize() not in ALLOWED_WORDS
    ]


def test_mnemonics_move_to_a_bracket_at_the_end():
    for _ctx, source, _comment, t in _messages(TOOL.TS):
        letters, value = MNEMONIC.findall(source), t.text or ""
        if not letters:
            assert not MNEMONIC.search(value), (source, value)
            continue
        assert value.rstrip("…:：").endswith(f"(&{letters[0].upper()})"), (source, value)
        assert len(MNEMONIC.findall(value)) == 1, (source, value)


def _calls(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
            if name == "translate" and isinstance(f, ast.Attribute):  # only QCoreApplication's, not a painter's
                if not (isinstance(f.value, ast.Name) and f.value.id in ("QCoreApplication", "QApplication")):
                    continue
            if name in TRANSLATING:
                yield name, node


def test_no_translated_string_is_an_f_string_or_a_computed_context():
    """lupdate records an f-string's text with its {expressions}, which never matches at run time."""
    bad = []
    for rel in TOOL.sources():
        if rel.endswith("i18n.py"):  # (it defines the helpers)
            continue
        path = ROOT / rel
        for name, node in _calls(path):
            args = node.args
            if any(isinstance(a, ast.JoinedStr) for a in args):
                bad.append(f"{rel}:{node.lineno} {name}(f'…')")
            if name in ("msg", "QT_TRANSLATE_NOOP", "translate") and len(args) >= 2:
                if not all(isinstance(a, ast.Constant) for a in args[:2]):
                    bad.append(f"{rel}:{node.lineno} {name}() without a literal context and text")
            if name == "tr_noop" and not (args and isinstance(args[0], ast.Constant)):
                bad.append(f"{rel}:{node.lineno} tr_noop() of a computed value")
    assert not bad, "\n".join(bad)


def test_no_translation_is_called_inside_an_f_string():
    """lupdate does not look inside an f-string's {…}: f"{tr('Backward')} · δ" is never extracted."""
    bad = []
    for rel in TOOL.sources():
        if rel.endswith("i18n.py"):
            continue
        for node in ast.walk(ast.parse((ROOT / rel).read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call):
                        f = inner.func
                        name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                        if name in ("tr", "tr_noop", "msg") and inner.args and isinstance(inner.args[0], ast.Constant):
                            bad.append(f"{rel}:{inner.lineno} {name}({inner.args[0].value!r}) inside an f-string")
    assert not bad, "\n".join(bad)


def test_the_lint_catches_an_f_string(tmp_path):
    path = tmp_path / "x.py"
    path.write_text('def f(n):\n    return tr(f"{n} steps"), msg(CTX, "x")\n', encoding="utf-8")
    names = [name for name, node in _calls(path) if any(isinstance(a, (ast.JoinedStr, ast.Name)) for a in node.args)]
    assert names == ["tr", "msg"]


def test_tr_follows_the_language(chinese):
    assert tr("Inspector") == "检查器"
    assert tr("no such string") == "no such string"
    set_language("en")
    assert tr("Inspector") == "Inspector"
    set_language("zh_CN")
    assert i18n.language() == "zh"
    set_language("klingon")
    assert i18n.language() == "en"


def test_the_tab_and_the_layer_called_output_are_translated_apart(chinese):
    assert tr("Output", "the tab showing what the network outputs") == "输出"
    assert tr("Output") == "输出层"


def test_model_messages_are_translated_with_their_context(chinese):
    from model.presets import PRESETS
    from model.text import msg

    made_now = msg("model.trainer", "hidden layer {layer}").format(layer=2)
    assert made_now == "隐藏层 2" and made_now.template == "hidden layer {layer}"
    set_language("en")
    made_in_english = msg("model.trainer", "hidden layer {layer}").format(layer=2)
    assert made_in_english == "hidden layer 2"
    set_language("zh")
    assert tr(made_in_english) == "隐藏层 2"  # made before the switch, shown after it
    assert CJK.search(tr(PRESETS["xor-lecture"].title))


def test_mnemonic_uses_the_letter_or_appends_it_and_keeps_a_translated_one():
    assert mnemonic("Run", "u") == "R&un"
    assert mnemonic("运行", "u") == "运行(&U)"
    assert mnemonic("文件(&F)", "f") == "文件(&F)"
    assert mnemonic("打开…", "o") == "打开(&O)…"
    assert mnemonic("Tom && Jerry", "j") == "Tom && &Jerry"


def test_the_system_locale_chooses_the_default(monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    assert i18n.system_language() == "zh"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert i18n.system_language() == "en"


def test_the_catalogue_is_found_beside_a_bundle(monkeypatch, tmp_path):
    bundle = tmp_path / "resources" / "i18n"
    bundle.mkdir(parents=True)
    shutil.copy2(TOOL.QM, bundle / TOOL.QM.name)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert i18n.catalogue_path() == bundle / TOOL.QM.name


def test_window_in_chinese_shows_the_lectures_terms(qtbot, chinese):
    from gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None, timeout=TIMEOUT)

    menus = [a.text() for a in win.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "训练(&T)", "视图(&V)", "帮助(&H)"]
    assert "运行" in win.controls.run_button.text()
    assert win.act_run.text() == "运行"
    # the Alt shortcuts survive in Chinese, as 运行(&U)
    assert "运行(&U)" in win.controls.run_button.text()
    assert "(&R)" in win.controls.reset_button.text() and "(&S)" in win.controls.step_button.text()
    title = win.loss_plot.plot.getPlotItem().titleLabel.text
    assert "损失" in title and "Loss" not in title
    assert "检查器" == win.inspector_dock.windowTitle()
    assert win.bottom_tabs.tabText(0) == "输出"
    assert win.bottom_tabs.tabText(1) == "各层梯度"
    win.close()


def test_window_is_english_by_default(qtbot):
    from gui.main_window import MainWindow

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
    set_language("en")
    assert not install_qt_translations(qapp)
    box = QDialogButtonBox(QDialogButtonBox.Close)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.Close).text() == "Close"


def test_phase_titles_follow_the_language():
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
    assert chinese[0] == "前向传播：隐藏层 1的 z(1) 与 a(1)"
    assert chinese[3] == "反向传播：输出层的 δ(2)"
    assert all(c != e for c, e in zip(chinese, english))


@pytest.mark.parametrize("in_process", [True, False], ids=["thread", "process"])
def test_the_language_menu_switches_live_and_keeps_the_session(qtbot, qapp, monkeypatch, in_process):
    """View → Language rebuilds the window in the language chosen, with the session as it was."""
    from gui.app import switch_language
    from gui.main_window import MainWindow

    if not in_process:
        monkeypatch.delenv(INPROCESS_ENV)

    before = i18n.language()
    set_language("en")
    old = MainWindow(preset="xor-lecture")
    qtbot.addWidget(old)
    old.show()
    qtbot.waitUntil(lambda: old.latest_snapshot is not None, timeout=TIMEOUT)
    old.controls.step_button.click()
    old.controls.step_button.click()
    qtbot.waitUntil(lambda: old.latest_snapshot.step == 2, timeout=TIMEOUT)
    windows = []
    old.relaunch = lambda code, d: windows.append(switch_language(old, code, d))
    try:
        old.language_actions["zh"].trigger()
        qtbot.waitUntil(lambda: bool(windows), timeout=TIMEOUT)
        new = windows[0]
        qtbot.addWidget(new)
        qtbot.waitUntil(lambda: new.latest_snapshot is not None, timeout=TIMEOUT)
        assert i18n.language() == "zh" and not old.isVisible() and new.isVisible()
        assert [a.text() for a in new.menuBar().actions()][0] == "文件(&F)"
        assert new.latest_snapshot.step == 2  # the same session, not a fresh one
        assert new.language_actions["zh"].isChecked()
        assert new.controller.in_process == in_process
        new.close()
    finally:
        remove_qt_translations(qapp)
        set_language(before)
