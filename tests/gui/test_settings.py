"""Settings that persist (QSettings in a temporary folder, never the user's): the window's geometry and
docks, theme, presentation zoom, language, recent files, last folder."""

import os

import pytest
from PySide6.QtCore import QSettings, Qt

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")

from gui import settings as keys
from gui.main_window import MainWindow
from gui.settings import MAX_RECENT, Settings
from model import Session

TIMEOUT = 10_000


def _open(qtbot, settings, size=(827, 780)):  # (the offscreen screen: 800 × 800; the window is ≥ 827 wide)
    theme = settings.text(keys.THEME, "system")
    win = MainWindow(session=Session.from_preset("xor-lecture"), settings=settings, theme=theme)
    restored = win.restore_settings()
    if not restored:
        win.resize(*size)
    win.show()
    qtbot.waitUntil(lambda: win.latest_snapshot is not None, timeout=TIMEOUT)
    return win, restored


def test_a_temporary_settings_folder_keeps_everything_there(tmp_path):
    s = Settings(tmp_path)
    s.set(keys.THEME, "dark")
    s.sync()
    assert (tmp_path / "settings.ini").is_file()
    assert s.store.fileName() == str(tmp_path / "settings.ini")
    assert s.autosave_folder().startswith(str(tmp_path))
    assert QSettings("Backprop Studio", "Backprop Studio").fileName() != s.store.fileName()


def test_the_window_comes_back_as_it_was_closed(qtbot, tmp_path):
    settings = Settings(tmp_path)
    win, restored = _open(qtbot, settings)
    assert not restored  # first run: nothing to restore
    win.act_present.trigger()  # F5, + twice, Esc: presentation mode at 200 %
    win.act_zoom_in.trigger()
    win.act_zoom_in.trigger()
    win.act_leave.trigger()
    assert win.presentation_zoom == 2.0
    win.resize(827, 610)
    win.inspector_dock.hide()
    win.set_theme_choice("dark")
    qtbot.waitUntil(lambda: win.height() == 610, timeout=TIMEOUT)
    win.close()

    again, restored = _open(qtbot, Settings(tmp_path))
    try:
        assert restored
        assert again.height() == 610
        assert not again.inspector_dock.isVisible()  # the dock layout
        assert again.theme_choice() == "dark" and again.theme_actions["dark"].isChecked()
        assert again.presentation_zoom == 2.0
    finally:
        again.set_theme_choice("system")
        again.close()


def test_a_broken_settings_file_is_ignored(qtbot, tmp_path):
    (tmp_path / "settings.ini").write_text(
        "[window]\ngeometry=not a geometry\nstate=@ByteArray(xyz)\n[view]\nzoom=loud\n", encoding="utf-8"
    )
    win, restored = _open(qtbot, Settings(tmp_path))
    try:
        assert not restored and win.presentation_zoom == 1.5
    finally:
        win.close()


def _language_at_start(monkeypatch, settings) -> str:
    """The interface language ``run_app`` chooses with these settings and no ``--lang`` (it stops
    before making the application)."""
    from gui import app, i18n

    monkeypatch.delenv("BACKPROP_STUDIO_LANG", raising=False)
    monkeypatch.setattr(keys, "Settings", lambda *a: settings)
    monkeypatch.setattr(app, "_make_app", lambda: (_ for _ in ()).throw(RuntimeError("stop")))

    class Args:
        lang = None
        self_test = False
        screenshot = None
        qt_args = []

    before = i18n.language()
    try:
        with pytest.raises(RuntimeError):
            app.run_app(Args())
        return i18n.language()
    finally:
        i18n.set_language(before)


def test_the_language_chosen_is_used_at_the_next_start(qtbot, tmp_path, monkeypatch):
    settings = Settings(tmp_path)
    win, _ = _open(qtbot, settings)
    win.language_actions["zh"].trigger()
    assert settings.text(keys.LANGUAGE) == "zh"
    assert "next" in win.statusBar().currentMessage() or "starts again" in win.statusBar().currentMessage()
    win.close()

    assert _language_at_start(monkeypatch, settings) == "zh"


@pytest.mark.parametrize(("system", "expected"), [("zh_CN", "zh"), ("de_DE", "en")])
def test_the_first_start_speaks_the_systems_language(tmp_path, monkeypatch, system, expected):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(system)))
    assert _language_at_start(monkeypatch, Settings(tmp_path)) == expected  # nothing chosen yet


def test_recent_files_are_capped_most_recent_first_without_duplicates(tmp_path):
    s = Settings(tmp_path)
    for i in range(MAX_RECENT + 3):
        s.add_recent(str(tmp_path / f"{i}.json"))
    s.add_recent(str(tmp_path / "5.json"))
    files = s.recent_files()
    assert len(files) == MAX_RECENT
    assert files[0] == str(tmp_path / "5.json") and files.count(str(tmp_path / "5.json")) == 1
    assert files[1] == str(tmp_path / f"{MAX_RECENT + 2}.json")
    assert s.last_folder() == str(tmp_path)
    s.set(keys.LAST_FOLDER, str(tmp_path / "no such folder"))
    assert s.last_folder() == os.path.expanduser("~")


def test_a_full_screen_close_keeps_the_normal_geometry(qtbot, tmp_path):
    settings = Settings(tmp_path)
    win, _ = _open(qtbot, settings)
    win.resize(827, 560)
    qtbot.waitUntil(lambda: win.height() == 560, timeout=TIMEOUT)
    win.save_settings()
    win.setWindowState(win.windowState() | Qt.WindowFullScreen)
    qtbot.waitUntil(win.isFullScreen, timeout=TIMEOUT)
    win.close()
    again, restored = _open(qtbot, Settings(tmp_path))
    try:
        assert restored and again.height() == 560
    finally:
        again.close()
