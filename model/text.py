"""Text that ``model/`` produces, kept translatable without importing Qt.

``model/`` speaks English, but every sentence it shows a user (an error, a preset's description,
an equation's caption) is a :class:`Message`: a ``str`` whose value is the English text, which
also remembers its translation context, its template and its parameters.  ``gui/`` looks the
template up in Qt's translations and formats it again with the same parameters; a script, a test
or the command line just uses it as the string it is.

Write a message as ``msg(context, template)``, with the template as a plain string literal, and
fill in the parameters with :meth:`Message.format`::

    raise ValueError(msg("model.trainer", "the batch size must be at least 1, got {size}").format(size=b))

``pyside6-lupdate -tr-function-alias QT_TRANSLATE_NOOP+=msg`` finds every such template (an
f-string would hide the template from it, and the translation would never match).

``gui/`` translates: it gives :func:`set_translator` a function ``(context, template) → text`` (Qt's
``QTranslator.translate``), and from then on a message's text is the translated template filled in
with its parameters, while ``template`` and ``context`` stay the English key.  :func:`retranslate`
makes a message made earlier (a preset's description, made at import) speak the current language.
Without a translator, as in scripts, tests and the command line, the text is English.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Message", "msg", "param_text", "retranslate", "set_translator", "show_value"]

_translator: Callable[[str, str], str | None] | None = None


def set_translator(translator: Callable[[str, str], str | None] | None) -> None:
    """Translate every message made from now on with ``translator(context, template)``; ``None``: English.

    The translator returns the template in the interface's language, or ``None`` / ``""`` when it has none.
    """
    global _translator
    _translator = translator


def _text(context: str, template: str, params: Mapping[str, Any]) -> str:
    """The message's text: the translated template if there is one that formats, else the English one."""
    if _translator is not None:
        try:
            shown = _translator(context, template)
            if shown:
                # a parameter that is itself a message made earlier (a loss's label) speaks the language too
                params = {k: retranslate(v) for k, v in params.items()}
                return shown.format(**params) if params else shown
        except (KeyError, IndexError, ValueError, TypeError):
            pass  # a translation that does not fit its parameters: English rather than nothing
    return template.format(**params) if params else template


class Message(str):
    """English text plus what is needed to translate it: ``context``, ``template``, ``params``."""

    __slots__ = ("context", "template", "params")

    context: str
    template: str
    params: Mapping[str, Any]

    def __new__(cls, context: str, template: str, params: Mapping[str, Any] | None = None) -> Message:
        params = dict(params or {})
        self = super().__new__(cls, _text(context, template, params))
        self.context = context
        self.template = template
        self.params = params
        return self

    def format(self, *args: Any, **params: Any) -> Message:  # type: ignore[override]
        """The same template with ``params`` filled in (keyword arguments only)."""
        if args:
            raise TypeError("Message.format takes keyword arguments only")
        return Message(self.context, self.template, {**self.params, **params})

    def __reduce__(self):  # pickled across the training process's pipe as itself
        return (Message, (self.context, self.template, dict(self.params)))

    def __repr__(self) -> str:
        return f"Message({self.context!r}, {str(self)!r})"


def msg(context: str, template: str) -> Message:
    """A translatable message; see the module docstring for how to write one."""
    return Message(context, template)


def retranslate(m: Any) -> Any:
    """A :class:`Message` again in the current language, with its message parameters too; other values as they are."""
    if not isinstance(m, Message):
        return m
    return Message(m.context, m.template, {k: retranslate(v) for k, v in m.params.items()})


def param_text(v: Any) -> str:
    """A member's parameter as the command line spells it: ``0.9``, ``true``, ``mean``."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def show_value(v: Any) -> str:
    """A bad value as a message shows it: short, in JSON's words (``null``, ``true``, ``NaN``), never huge.

    A 5,000-digit integer is "a 5000-digit number" (``str`` of it would raise), a long text is cut.
    """
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, numbers.Integral):
        v = int(v)
        if abs(v) >= 10**15:
            digits = len(str(abs(v))) if v.bit_length() < 10_000 else int(v.bit_length() * 0.30103) + 1
            return msg("model.text", "a {n}-digit number").format(n=digits)
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if isinstance(v, str):
        return repr(v) if len(v) <= 40 else repr(v[:37]) + "…"
    if isinstance(v, list):
        return msg("model.text", "a list of {n}").format(n=len(v))
    if isinstance(v, dict):
        return msg("model.text", "an object")
    return type(v).__name__
