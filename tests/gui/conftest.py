"""GUI tests run offscreen with pytest-qt; no test may leave a top-level widget or a thread behind."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest


@pytest.fixture(autouse=True)
def _no_leaked_windows(qapp):
    """Fail a test that leaves a visible top-level widget open."""
    before = {id(w) for w in qapp.topLevelWidgets() if w.isVisible()}
    yield
    qapp.processEvents()
    leaked = [
        w
        for w in qapp.topLevelWidgets()
        if w.isVisible() and id(w) not in before and w.metaObject().className() not in ("QMenu",)
    ]
    for w in leaked:
        w.close()
    assert not leaked, f"test left top-level widgets open: {[type(w).__name__ for w in leaked]}"


@pytest.fixture
def chinese(qapp):
    """The interface in Chinese for one test, then back to the language before it."""
    from gui import i18n

    before = i18n.language()
    i18n.set_language("zh")
    yield
    i18n.remove_qt_translations(qapp)
    i18n.set_language(before)
