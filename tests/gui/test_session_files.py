"""Sessions as a desktop program keeps them: modified, Save / Save as, asking before replacing or closing,
recent files, drops, the autosave and its recovery after a crash.  Settings live in a temporary folder."""

import json
import os

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

os.environ.setdefault("BACKPROP_STUDIO_INPROCESS", "1")  # the worker on a thread: fast start-up for tests

from gui import settings as keys
from gui.main_window import MainWindow
from gui.settings import Settings
from model import Session

TIMEOUT = 10_000


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "config")


@pytest.fixture
def window(qtbot, settings):
    windows = []

    def make(preset="xor-lecture", with_settings=True, settings_=None):
        win = MainWindow(
            session=Session.from_preset(preset), settings=(settings_ or settings) if with_settings else None
        )
        win.resize(1280, 800)  # (not qtbot.addWidget: its close would come before confirm is turned off)
        win.show()
        qtbot.waitUntil(lambda: win.latest_snapshot is not None and win.session_dict is not None, timeout=TIMEOUT)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.files.confirm = False  # (a test that left a session modified)
        win.close()


def _step(qtbot, win, n=1):
    target = win.latest_snapshot.step + n
    for _ in range(n):
        win.controller.step()
    qtbot.waitUntil(lambda: win.latest_snapshot.step == target, timeout=TIMEOUT)


def _answer(monkeypatch, win, answer):
    asked = []

    def ask():
        asked.append(answer)
        return answer

    monkeypatch.setattr(win.files, "_ask_save", ask)
    return asked


def test_a_step_marks_the_session_modified_and_saving_makes_it_clean(qtbot, window, tmp_path, monkeypatch):
    win = window()
    assert not win.files.modified and not win.isWindowModified()
    assert win.windowTitle().startswith("xor-lecture")
    _step(qtbot, win, 3)
    qtbot.waitUntil(lambda: win.files.modified, timeout=TIMEOUT)
    assert win.isWindowModified()
    path = str(tmp_path / "lesson")  # no suffix: Save as adds .json
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (path, ""))
    with qtbot.waitSignal(win.controller.session_saved, timeout=TIMEOUT):
        win.act_save.trigger()  # no file yet: Save asks where (Save as)
    assert not win.files.modified and not win.isWindowModified()
    assert win.files.path == path + ".json"
    assert win.windowTitle().startswith("lesson.json")
    assert Session.load(path + ".json").trainer.step == 3
    assert win.settings.recent_files()[0] == path + ".json"
    # Ctrl+S again writes to the same file without asking
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("Save asked for a file"))
    _step(qtbot, win)
    qtbot.waitUntil(lambda: win.files.modified, timeout=TIMEOUT)
    with qtbot.waitSignal(win.controller.session_saved, timeout=TIMEOUT):
        win.act_save.trigger()
    assert Session.load(path + ".json").trainer.step == 4


def test_a_setting_changed_is_a_modification_too(qtbot, window):
    win = window()
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        win.controller.set_learning_rate(0.05)
    assert win.files.modified


def test_a_modified_session_asks_before_a_preset_replaces_it(qtbot, window, monkeypatch):
    win = window()
    _step(qtbot, win)
    qtbot.waitUntil(lambda: win.files.modified, timeout=TIMEOUT)
    asked = _answer(monkeypatch, win, "cancel")
    combo = win.controls.preset_combo
    combo.setCurrentIndex(combo.findData("spiral-adam"))
    combo.activated.emit(combo.currentIndex())  # as a user's choice in the box
    assert asked == ["cancel"]
    assert combo.currentData() == "xor-lecture"  # the box shows the session it still is
    assert not win.files.new_from_preset("spiral-adam")
    assert win.session_dict["name"] == "xor-lecture" and win.latest_snapshot.step == 1
    _answer(monkeypatch, win, "discard")
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        assert win.files.new_from_preset("spiral-adam")
    assert win.session_dict["name"] == "spiral-adam" and not win.files.modified


def test_save_in_the_question_saves_before_opening_the_other_file(qtbot, window, tmp_path, monkeypatch):
    other = tmp_path / "other.json"
    Session.from_preset("sine-regression").save(other)
    win = window()
    mine = str(tmp_path / "mine.json")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (mine, ""))
    _step(qtbot, win, 2)
    qtbot.waitUntil(lambda: win.files.modified, timeout=TIMEOUT)
    asked = _answer(monkeypatch, win, "save")
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        assert win.files.open_path(str(other))
    assert asked == ["save"]
    assert Session.load(mine).trainer.step == 2  # saved (and waited for) before the other file replaced it
    qtbot.waitUntil(lambda: win.files.path == str(other), timeout=TIMEOUT)
    assert win.session_dict["name"] == "sine-regression" and not win.files.modified


def test_closing_a_modified_session_can_be_cancelled(qtbot, window, monkeypatch):
    win = window()
    _step(qtbot, win)
    qtbot.waitUntil(lambda: win.files.modified, timeout=TIMEOUT)
    _answer(monkeypatch, win, "cancel")
    win.close()
    assert win.isVisible() and win.controller.is_alive()
    _answer(monkeypatch, win, "discard")
    win.close()
    assert not win.isVisible()


def test_without_settings_nothing_is_asked(qtbot, window, monkeypatch):
    win = window(with_settings=False)
    _step(qtbot, win)
    qtbot.waitUntil(lambda: win.files.modified, timeout=TIMEOUT)
    monkeypatch.setattr(win.files, "_ask_save", lambda: pytest.fail("asked"))
    win.close()
    assert not win.isVisible()


def test_open_recent_takes_a_missing_file_off_the_list(qtbot, window, settings, tmp_path):
    gone = str(tmp_path / "gone.json")
    here = tmp_path / "here.json"
    Session.from_preset("xor-lecture").save(here)
    settings.add_recent(gone)
    settings.add_recent(str(here))
    win = window()
    win.files.recent_menu.aboutToShow.emit()
    entries = [a.data() for a in win.files.recent_menu.actions() if a.data()]
    assert entries == [str(here), gone]
    with qtbot.waitSignal(win.files.status, timeout=TIMEOUT) as said:
        assert not win.files.open_recent(gone)
    assert "gone.json" in said.args[0]
    assert settings.recent_files() == [str(here)]


def _drop(win, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    win.dropEvent(event)
    return event


def test_dropping_a_session_file_opens_it_and_a_picture_is_refused(qtbot, window, tmp_path):
    path = tmp_path / "dropped.json"
    Session.from_preset("sine-regression").save(path)
    win = window()
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        assert _drop(win, path).isAccepted()
    qtbot.waitUntil(lambda: win.windowTitle().startswith("dropped.json"), timeout=TIMEOUT)
    assert win.session_dict["name"] == "sine-regression"
    picture = QMimeData()
    picture.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.png"))])
    assert win.files.dropped_file(picture) is None


def test_dropping_a_csv_reads_it_as_the_sessions_data(qtbot, window, tmp_path):
    csv = tmp_path / "points.csv"
    csv.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.5,0.5,1\n", encoding="utf-8")
    win = window()
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        _drop(win, csv)
    qtbot.waitUntil(lambda: win.latest_snapshot.X is not None and win.latest_snapshot.X.shape[0] == 5, timeout=TIMEOUT)


def test_the_autosave_holds_the_unsaved_session_and_goes_when_it_is_saved(qtbot, window, tmp_path, monkeypatch):
    win = window()
    folder = win.settings.autosave_folder()
    autosave = win.files._autosave_path
    assert autosave and os.path.dirname(autosave) == folder and win.files.autosave_timer.isActive()
    win.files.autosave_now()
    assert not os.path.exists(autosave)  # nothing unsaved: nothing to keep
    _step(qtbot, win, 2)
    qtbot.waitUntil(lambda: win.files.modified, timeout=TIMEOUT)
    with qtbot.waitSignal(win.controller.session_copied, timeout=TIMEOUT):
        win.files.autosave_now()
    assert Session.load(autosave).trainer.step == 2
    info = json.loads(open(autosave + ".info", encoding="utf-8").read())
    assert info["step"] == 2 and info["name"] == "xor-lecture"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "kept.json"), ""))
    with qtbot.waitSignal(win.controller.session_saved, timeout=TIMEOUT):
        win.files.save()
    assert not os.path.exists(autosave) and not os.path.exists(autosave + ".info")
    lock = autosave[: -len(".json")] + ".lock"
    assert os.path.exists(lock)
    win.close()  # a clean exit: the lock goes too
    assert not os.path.exists(lock)


def test_an_autosave_left_by_a_crash_is_offered_back(qtbot, window, settings, tmp_path, monkeypatch):
    crashed = Session.from_preset("sine-regression")
    crashed.trainer.run_steps(7)
    folder = settings.autosave_folder()
    os.makedirs(folder)
    file = os.path.join(folder, "session-99999999-deadbeef.json")  # no lock: its program is gone
    crashed.save(file)
    with open(file + ".info", "w", encoding="utf-8") as f:
        json.dump({"path": str(tmp_path / "lesson.json"), "name": "sine-regression", "step": 7}, f)
    win = window()
    found = win.files.recoverable()
    assert [r["file"] for r in found] == [file] and found[0]["step"] == 7
    offered = []
    monkeypatch.setattr(win.files, "_ask_recover", lambda r: offered.append(r) or True)
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        assert win.files.offer_recovery()
    qtbot.waitUntil(lambda: win.latest_snapshot.step == 7, timeout=TIMEOUT)
    assert win.session_dict["name"] == "sine-regression"
    assert win.files.modified  # restored work is not saved anywhere yet
    assert win.files.path == str(tmp_path / "lesson.json")  # Save writes where it came from
    assert not os.path.exists(file) and win.files.recoverable() == []


def test_a_running_programs_autosave_is_not_offered_and_discard_removes_a_crashed_one(
    qtbot, window, settings, monkeypatch
):
    first = window()
    _step(qtbot, first)
    qtbot.waitUntil(lambda: first.files.modified, timeout=TIMEOUT)
    with qtbot.waitSignal(first.controller.session_copied, timeout=TIMEOUT):
        first.files.autosave_now()
    assert os.path.exists(first.files._autosave_path)
    second = window()
    assert second.files.recoverable() == []  # the first window still runs (it holds the lock)
    stale = os.path.join(settings.autosave_folder(), "session-1-0.json")
    Session.from_preset("xor-lecture").save(stale)
    monkeypatch.setattr(second.files, "_ask_recover", lambda r: False)
    assert not second.files.offer_recovery()
    assert not os.path.exists(stale)


def test_the_last_folder_and_preset_are_remembered(qtbot, window, settings, tmp_path):
    win = window()
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        win.files.new_from_preset("spiral-adam")
    assert settings.text(keys.LAST_PRESET) == "spiral-adam"
    from gui.app import _initial_session

    class Args:
        session = None
        preset = None

    assert _initial_session(Args(), settings=settings).name == "spiral-adam"
    path = tmp_path / "deep" / "x.json"
    path.parent.mkdir()
    Session.from_preset("xor-lecture").save(path)
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        win.files.open_path(str(path))
    assert settings.last_folder() == str(path.parent)


def test_a_csvs_data_names_the_session_after_the_file_not_the_preset(qtbot, window, tmp_path):
    """The preset's description (xor-lecture: "the loss falls from 0.3741 to 0.0487") would not hold for the
    CSV's data: the session is named after the file, the preset box says "Custom session"."""
    csv = tmp_path / "points.csv"
    csv.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.5,0.5,1\n", encoding="utf-8")
    win = window()
    with qtbot.waitSignal(win.controller.session_changed, timeout=TIMEOUT):
        _drop(win, csv)
    qtbot.waitUntil(lambda: win.files.name() == "points", timeout=TIMEOUT)
    assert win.controls.preset_combo.currentIndex() == -1 and not win.controls.preset_description.isVisible()
    assert win.windowTitle().startswith("points")
