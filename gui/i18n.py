"""Interface language through Qt's translation system: English, or the lecture's Chinese.

The Simplified Chinese text lives in ``resources/i18n/backprop_studio_zh_CN.ts`` (edit it with Qt
Linguist, ``pyside6-linguist``) and is compiled to ``backprop_studio_zh_CN.qm``, which a
:class:`QTranslator` loads; the README gives the two commands that update and compile it.

Writing a user-visible string in ``gui/``:

- ``tr("Learning rate")`` — the project's helper, extracted by ``pyside6-lupdate`` like Qt's own
  ``tr()``.  A second argument tells apart two meanings of the same English text:
  ``tr("Output", "tab")`` and ``tr("Output", "layer")`` are translated apart.
- ``self.tr("…")`` in a QObject subclass: the class name is the context.
- ``tr_noop("…")`` marks a string kept in a table and translated later with ``tr(table[key])``
  (or ``lookup(table)``).
- Translate the template, then format: ``tr("Step {step}").format(step=3)``.  Never ``tr(f"…")``:
  lupdate would record the f-string's text, which never matches at run time (a test refuses it).

Text that ``model/`` makes is a :class:`model.text.Message` whose context is its module
(``model.presets`` …); :func:`set_language` gives ``model.text`` Qt's translator, so a message made
afterwards speaks the language, and ``tr(message)`` translates one made earlier.
Mnemonics follow the usual Chinese Qt style: ``&File`` becomes ``文件(&F)``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from model import text as model_text
from model.text import Message

LANGUAGES = ("en", "zh")
#: The language names in the menu, each in its own language.
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
#: The translation file's name without its ending (``.ts`` the source, ``.qm`` compiled).
CATALOGUE = "backprop_studio_zh_CN"
#: The context of :func:`tr`'s strings (lupdate gives a plain ``tr()`` call the empty context).
CONTEXT = ""


def _normalise(lang) -> str:
    """``"zh"``, ``"zh_CN"``, ``"zh-Hans"`` … → ``"zh"``; anything else → ``"en"``."""
    lang = str(lang or "").strip().lower().replace("-", "_")
    return "zh" if lang == "zh" or lang.startswith("zh_") else "en"


def system_language() -> str:
    """The system locale's language if the interface speaks it (``"zh"`` or ``"en"``)."""
    try:
        from PySide6.QtCore import QLocale

        name = QLocale.system().name()
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        name = os.environ.get("LANG", "")
    return _normalise(name)


_language = _normalise(os.environ.get("BACKPROP_STUDIO_LANG", "en"))
_translator = None  # the project's QTranslator while the language is Chinese
_qt_translator = None  # Qt's own texts (Close, Cancel, the file dialog)
_installed_on = None  # the application both are installed on


def catalogue_dirs() -> list[Path]:
    """Where the compiled ``.qm`` may be: a PyInstaller bundle, the source tree, an installed wheel's data."""
    here = Path(__file__).resolve().parents[1]
    dirs = []
    if getattr(sys, "_MEIPASS", None):
        dirs.append(Path(sys._MEIPASS) / "resources" / "i18n")
    dirs.append(here / "resources" / "i18n")
    dirs.append(Path(sys.prefix) / "share" / "backprop-studio" / "i18n")
    return dirs


def catalogue_path() -> Path | None:
    """The compiled Chinese translation (``backprop_studio_zh_CN.qm``), or None if none is found."""
    for d in catalogue_dirs():
        path = d / f"{CATALOGUE}.qm"
        if path.is_file():
            return path
    return None


def _load_translator():
    from PySide6.QtCore import QTranslator

    path = catalogue_path()
    translator = QTranslator()
    if path is None or not translator.load(str(path)):
        return None
    return translator


def _model_translator(context: str, template: str) -> str | None:
    if _translator is None:
        return None
    return _translator.translate(context, template) or None


def set_language(lang: str) -> None:
    """Choose the interface language: ``"en"`` or ``"zh"`` (``"zh_CN"`` etc. count as ``"zh"``).

    Loads the translation, installs it on the running application (if any, for ``self.tr()`` and
    Qt's own texts) and hands it to ``model.text``.  Widgets made afterwards speak the language.
    """
    global _language, _translator
    _language = _normalise(lang)
    app = _application()
    if app is not None:
        remove_qt_translations(app)
    _translator = _load_translator() if _language == "zh" else None
    model_text.set_translator(_model_translator if _translator is not None else None)
    if app is not None and _language == "zh":
        install_qt_translations(app)


def _application():
    try:
        from PySide6.QtCore import QCoreApplication
    except ImportError:  # pragma: no cover
        return None
    return QCoreApplication.instance()


def language() -> str:
    """The current interface language, ``"en"`` or ``"zh"``."""
    return _language


def tr(text, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the current language: a literal (with an optional disambiguation) or a model Message."""
    if isinstance(text, Message):
        return model_text.retranslate(text)
    if _translator is None or not text:
        return text
    return _translator.translate(CONTEXT, text, disambiguation, n) or text


def tr_noop(text: str, disambiguation: str | None = None) -> str:
    """Mark ``text`` for translation where it is written (a table); :func:`tr` translates it where it is shown."""
    return text


def lookup(table: dict):
    """A module's ``_t(key, *args, **fields)``: the current language's template for ``key``, formatted.

    The template is translated first and formatted after, so a translation can reorder fields.
    """

    def _t(key, /, *args, **fields):
        text = tr(table[key])
        return text.format(*args, **fields) if (args or fields) else text

    return _t


def phase_title(phase) -> str:
    """A training phase in words, in the current language (``model.trainer.Phase``)."""
    return tr(phase.title)


def mnemonic(text: str, letter: str) -> str:
    """``text`` with an Alt+``letter`` mnemonic: on that letter if it has one, else ``text(&L)`` as Chinese UIs do.

    Text that already has a mnemonic (a translation such as ``文件(&F)``) keeps it.
    """
    if _has_mnemonic(text):
        return text
    i = text.lower().find(letter.lower())
    if i >= 0:
        return text[:i] + "&" + text[i:]
    end = len(text.rstrip("…:："))
    return f"{text[:end]}(&{letter.upper()}){text[end:]}"


def _has_mnemonic(text: str) -> bool:
    i = text.find("&")
    while i >= 0:
        if i + 1 < len(text) and text[i + 1] != "&":
            return True
        i = text.find("&", i + 2)
    return False


def install_qt_translations(app) -> bool:
    """In Chinese, install the project's and Qt's own translations (Close, OK, Cancel …); True if installed."""
    global _qt_translator, _installed_on
    if _language != "zh" or _translator is None:
        return False
    if _installed_on is app:
        return True
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt = QTranslator()
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load("qtbase_zh_CN", path):
        app.installTranslator(qt)
        _qt_translator = qt  # installTranslator() does not take ownership: keep a reference
    app.installTranslator(_translator)
    _installed_on = app
    return True


def remove_qt_translations(app) -> None:
    """Undo :func:`install_qt_translations` (switching back to English, and tests)."""
    global _qt_translator, _installed_on
    for translator in (_qt_translator, _translator):
        if translator is not None:
            app.removeTranslator(translator)
    _qt_translator = None
    _installed_on = None


# the language chosen by the environment, loaded at import (``--lang`` and the menu call set_language)
if _language != "en":
    set_language(_language)
