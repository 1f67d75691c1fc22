"""Help → Keyboard shortcuts (F1): a table made from the window's actions themselves, never kept by hand.

Every action with a shortcut that the window (or a widget in it) holds is listed once, by the menu
it sits in, with its text (mnemonic ``&`` removed), its keys in the platform's notation and its
tooltip.  An action added tomorrow with a shortcut is in the list tomorrow.  A widget that handles
keys itself (the diagram's Ctrl+arrows) lists them through a ``keyboard_help()`` method, under its
accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import tr

__all__ = ["shortcut_rows", "ShortcutsDialog"]


def _plain(text: str) -> str:
    """Menu text as read: ``&File`` → ``File``, ``&&`` → ``&``, no trailing "…" or tab part."""
    text = text.split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&")
    # Chinese mnemonics: 文件(&F) → 文件
    if text.endswith(")") and "(" in text and len(text) - text.rindex("(") == 3:
        text = text[: text.rindex("(")]
    return text.strip()


def _menu_paths(window) -> dict[int, str]:
    """id(action) → the menu path it is in ("File › Export"), from the menu bar."""
    paths: dict[int, str] = {}

    def walk(menu: QMenu, trail: str):
        for a in menu.actions():
            if a.menu() is not None:
                walk(a.menu(), f"{trail} › {_plain(a.menu().title())}")
            elif not a.isSeparator():
                paths.setdefault(id(a), trail)

    bar = window.menuBar() if hasattr(window, "menuBar") else None
    if bar is not None:
        for a in bar.actions():
            if a.menu() is not None:
                walk(a.menu(), _plain(a.menu().title()))
    return paths


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str, str]]:
    """``(group, action, keys, description)`` for every action with a shortcut in ``window``, sorted by group."""
    paths = _menu_paths(window)
    seen: set[int] = set()
    rows = []
    actions = list(window.actions()) + [a for w in window.findChildren(QWidget) for a in w.actions()]
    actions += window.findChildren(QAction)
    for a in actions:
        if id(a) in seen or a.isSeparator():
            continue
        seen.add(id(a))
        keys = [k for k in a.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        text = _plain(a.text()) or _plain(a.iconText())
        tip = a.toolTip()
        description = "" if _plain(tip) == text else tip
        group = paths.get(id(a), tr("Other"))
        spelled = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows.append((group, text, spelled, description))
    # keys a widget handles itself (the diagram's Ctrl+arrows …): it declares them in keyboard_help()
    for w in window.findChildren(QWidget):
        helper = getattr(w, "keyboard_help", None)
        if callable(helper):
            group = w.accessibleName() or tr("Other")
            rows += [(group, text, spelled, description) for text, spelled, description in helper()]
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


class ShortcutsDialog(QDialog):
    """The shortcut table: menu, action, keys, what it does."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.rows = shortcut_rows(window)
        table = QTableWidget(len(self.rows), 4, self)
        table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Action"), self.tr("Keys"), self.tr("What it does")])
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                table.setItem(r, c, item)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        for c in range(3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(860, 560)
