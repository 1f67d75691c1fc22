"""The main window: diagram, curves, output view, inspector, controls, timeline; wires them to the worker.

The views follow one protocol (:class:`gui.view.View`): the window hands every snapshot to each
view's ``show`` and calls ``refresh`` from a timer per refresh rate; it never routes a view's data
by hand.  The window itself keeps the headline, the status bar, the timeline, themes and
presentation mode (F5: secondary controls hidden, high contrast, zoom 100–250 %, Esc leaves).
"""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QStatusBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.controls import ControlPanel
from gui.diagram import DiagramPanel
from gui.gradcheck_dialog import GradientCheckDialog
from gui.gradient_plot import GradientPlot
from gui.i18n import phase_title, tr
from gui.inspector import Inspector
from gui.loss_plot import LossPlot
from gui.notice import NoticeBar
from gui.output_view import OutputView
from gui.training import TrainingController
from gui.view import View
from model import __version__
from model.losses import loss_from_dict
from model.presets import DEFAULT_PRESET, PRESETS

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
#: Drawing shares the GIL with the training thread: each view group may take at most this
#: fraction of the wall clock, so a frame that took t ms waits at least t / DRAW_SHARE ms.
DRAW_SHARE = 0.15
#: The window's first size on a large screen; on a smaller one, the available area.
PREFERRED_SIZE = QSize(1440, 900)
#: The zoom presentation mode starts at (1280×720 projectors, read from the back of a hall).
PRESENTATION_ZOOM = 1.5
HEADLINE_PT = 15


class EditValueCommand(QUndoCommand):
    """One weight or bias typed in by the user; undo puts the old value back exactly."""

    def __init__(self, window, kind, index, old, new):
        what = f"w({index[0]})[{index[1] + 1},{index[2] + 1}]" if kind == "weight" else f"b({index[0]})[{index[1] + 1}]"
        super().__init__(tr("Edit {what}: {old} → {new}").format(what=what, old=f"{old:.6g}", new=f"{new:.6g}"))
        self.window, self.kind, self.index, self.old, self.new = window, kind, index, old, new

    def _apply(self, value):
        if self.kind == "weight":
            self.window.controller.set_weight(*self.index, value)
        else:
            self.window.controller.set_bias(*self.index, value)

    def redo(self):
        self._apply(self.new)

    def undo(self):
        self._apply(self.old)


class MainWindow(QMainWindow):
    """One window: what a lecturer puts on the projector."""

    snapshot_applied = Signal(object)
    theme_chosen = Signal(str)  # the View menu's choice ("system", "light", "dark", "high_contrast")

    def __init__(self, session=None, preset=None, parent=None, theme: str = "system", settings=None):
        super().__init__(parent)
        #: gui.settings.Settings: what is remembered between runs (None: nothing, and nothing is asked on closing)
        self.settings = settings
        self.setWindowTitle(tr("Backprop Studio"))
        self.setAnimated(False)  # dock animations restart on every relayout and cost a full repaint
        self.latest_snapshot = None
        self._heavy = None  # the last snapshot that carried diagram values
        self._heavy_dirty = False
        self._session_dict = None
        self._viewing = None  # time-travel step being previewed, or None
        self._labels_at = 0.0  # when the counters and the timeline were last updated
        self._labels_stale = False
        self._theme_choice = "system"
        self._presenting = None  # while presenting: what to restore on leaving
        self._presentation_zoom = PRESENTATION_ZOOM
        self.undo_stack = QUndoStack(self)
        self._paced_name = None  # the session whose preset pace was last applied
        self._speed_before_pace = None  # the user's speed while a preset's pace replaces it
        self.compare_window = None

        if session is None:
            from model import Session

            session = Session.from_preset(preset or DEFAULT_PRESET)
        self.controller = TrainingController(session)

        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._connect()
        self._build_timers()
        self.set_theme_choice(theme)
        self.resize(self.initial_size())
        if self._available().width() < self.COMPACT_BELOW:
            self.set_compact(True)
        self.controller.request_snapshot()

    # layout -------------------------------------------------------------------
    def _build_widgets(self):
        self.controls = ControlPanel()
        self.diagram_panel = DiagramPanel()
        self.loss_plot = LossPlot()
        self.output_view = OutputView()
        self.gradient_plot = GradientPlot()
        self.inspector = Inspector()
        from gui.landscape_window import LandscapeWindow

        # a dialog, opened from Help; a view from the start, so the training path is there when it opens
        self.landscape_window = LandscapeWindow(self)
        #: Every view of a snapshot, in the order they are fed.
        self.views: list[View] = [
            self.diagram_panel,
            self.loss_plot,
            self.output_view,
            self.gradient_plot,
            self.inspector,
            self.landscape_window,
        ]

        # phase indicator: the phase in words, large, above the diagram
        self.phase_label = QLabel()
        self.phase_label.setObjectName("phaseLabel")
        self.phase_label.setWordWrap(True)
        self.phase_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)

        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.phase_label)
        self.notice = NoticeBar(self.controller)  # divergence and failures, until the user acts (training hook)
        cl.addWidget(self.notice)
        vsplit = QSplitter(Qt.Vertical)
        vsplit.addWidget(self.diagram_panel)
        bottom = QSplitter(Qt.Horizontal)
        bottom.addWidget(self.loss_plot)
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.setAccessibleName(self.tr("Output and gradients"))
        self.bottom_tabs.addTab(self.output_view, tr("Output", "the tab showing what the network outputs"))
        self.bottom_tabs.addTab(self.gradient_plot, tr("Gradients per layer"))
        bottom.addWidget(self.bottom_tabs)
        bottom.setSizes([500, 500])
        bottom.setChildrenCollapsible(False)
        vsplit.addWidget(bottom)
        vsplit.setSizes([450, 450])
        vsplit.setChildrenCollapsible(False)
        self.vsplit = vsplit
        cl.addWidget(vsplit, 1)
        self.timeline = self._build_timeline()
        cl.addWidget(self.timeline)
        self.setCentralWidget(centre)

        self.controls_dock = QDockWidget(tr("Controls"), self)
        self.controls_dock.setObjectName("controlsDock")
        self.controls_dock.setWidget(self.controls)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.controls_dock)
        self.inspector_dock = QDockWidget(tr("Inspector"), self)
        self.inspector_dock.setObjectName("inspectorDock")
        self.inspector_dock.setWidget(self.inspector)
        self.addDockWidget(Qt.RightDockWidgetArea, self.inspector_dock)
        self.resizeDocks([self.inspector_dock], [380], Qt.Horizontal)
        self._compact = False  # the inspector shares the left column with the controls (small screens)

        self.setStatusBar(QStatusBar())
        self.status_progress = QLabel()
        self.status_progress.setObjectName("statusProgress")
        # the counters change width as they grow: they take the room there is, never widen the window
        self.status_progress.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.status_progress.setMinimumWidth(120)
        self.statusBar().addPermanentWidget(self.status_progress, 1)

        # presentation mode says its zoom for a moment, over the diagram's corner
        self.zoom_badge = QLabel(self)
        self.zoom_badge.setObjectName("zoomBadge")
        self.zoom_badge.hide()
        self._zoom_badge_timer = QTimer(self)
        self._zoom_badge_timer.setSingleShot(True)
        self._zoom_badge_timer.setInterval(1500)
        self._zoom_badge_timer.timeout.connect(self.zoom_badge.hide)

    def _build_timeline(self):
        box = QWidget()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addWidget(QLabel(tr("Timeline:")))
        self.timeline_slider = QSlider(Qt.Horizontal)
        self.timeline_slider.setRange(0, 0)
        self.timeline_slider.setToolTip(tr("Drag to look at an earlier step; the diagram, inspector and plots follow."))
        self.timeline_slider.setAccessibleName(tr("Timeline"))
        self.timeline_slider.setMinimumWidth(80)
        lay.addWidget(self.timeline_slider, 1)
        self.timeline_label = QLabel()
        self.timeline_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.timeline_label.setMinimumWidth(110)
        lay.addWidget(self.timeline_label, 1)
        self.live_button = QPushButton(tr("Back to live"))
        self.live_button.setEnabled(False)
        lay.addWidget(self.live_button)
        self.resume_button = QPushButton(tr("Resume from here"))
        self.resume_button.setEnabled(False)
        lay.addWidget(self.resume_button)
        return box

    def _action(self, text, slot, shortcut=None, tip=None, checkable=False):
        """An action with a translated ``text`` and ``tip``."""
        a = QAction(text, self)
        if shortcut:
            a.setShortcuts([QKeySequence(s) for s in (shortcut if isinstance(shortcut, (list, tuple)) else [shortcut])])
            a.setShortcutContext(Qt.WindowShortcut)
        if tip:
            a.setToolTip(tip)
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _new_action(self, text, slot, shortcuts=(), checkable=False):
        """An action whose text is already translated (``self.tr``)."""
        a = QAction(text, self)
        if shortcuts:
            a.setShortcuts([QKeySequence(s) for s in shortcuts])
            a.setShortcutContext(Qt.WindowShortcut)
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self):
        self.act_run = self._action(
            tr("Run"), self._toggle_run, "Space", tr("Run or pause training (Space)"), checkable=True
        )
        self.act_step = self._action(
            tr("Step"), self.controller.step, ["Right", "N"], tr("One whole training step (→ or N)")
        )
        self.act_phase = self._action(
            tr("Step phase"),
            self.controller.step_phase,
            "Shift+Right",
            tr("One phase of the step: forward, loss, δ, gradients, update (Shift+→)"),
        )
        self.act_back = self._action(
            tr("Back a phase"),
            self.controller.step_phase_back,
            "Shift+Left",
            tr("Look at the previous phase of this step (Shift+←)"),
        )
        self.act_reset = self._action(tr("Reset"), self._reset, "R", tr("Re-initialise the weights (R)"))
        self.act_gradcheck = self._action(
            tr("Gradient check"),
            self.controller.gradient_check,
            "G",
            tr("Compare backprop with finite differences (G)"),
        )
        self.act_full = self._action(tr("Full screen"), self._toggle_full_screen, "F11", checkable=True)
        self.act_csv = self._action(tr("Load CSV data…"), self._load_csv)
        self.act_quit = self._action(tr("Quit"), self.close, QKeySequence.Quit)
        self.act_about = self._action(tr("About"), self._about)
        self.act_losses = self._action(tr("Loss functions…"), self._show_loss_gallery)
        self.act_descent = self._action(
            tr("Gradient descent on a curve…"),
            self._show_descent,
            "D",
            tr("x(n+1) = x(n) − γ∇F(x(n)) on a curve: learning rates that crawl, settle, oscillate, diverge (D)"),
        )
        self.act_compare = self._action(
            tr("Compare side by side…"),
            self.show_compare,
            "Ctrl+K",
            tr("Train the same initial network under two settings at once (Ctrl+K)"),
        )
        self.act_landscape = self._action(
            tr("Loss landscape…"),
            self._show_landscape,
            "L",
            tr("The loss over two weights of this network, with the training path and the current point (L)"),
        )
        self.act_loss_calculator = self._action(tr("Loss calculator…"), self._show_loss_calculator)
        self.act_undo = self.undo_stack.createUndoAction(self, tr("Undo"))
        self.act_undo.setShortcut(QKeySequence.Undo)
        self.act_redo = self.undo_stack.createRedoAction(self, tr("Redo"))
        self.act_redo.setShortcut(QKeySequence.Redo)
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)

        # presentation mode and its zoom
        self.act_present = self._new_action(
            self.tr("Presentation mode"), self.toggle_presentation, ["F5"], checkable=True
        )
        self.act_present.setToolTip(self.tr("Large, high-contrast view for a projector; Esc leaves (F5)"))
        self.act_leave = self._new_action(self.tr("Leave presentation mode"), self.leave_presentation, ["Esc"])
        self.act_zoom_in = self._new_action(self.tr("Zoom in"), lambda: self.zoom_by(+1), ["Ctrl++", "Ctrl+=", "+"])
        self.act_zoom_out = self._new_action(self.tr("Zoom out"), lambda: self.zoom_by(-1), ["Ctrl+-", "-"])
        self.act_zoom_reset = self._new_action(self.tr("Actual size"), lambda: self.zoom_by(0), ["Ctrl+0"])
        for a in (self.act_leave, self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            a.setEnabled(False)  # presentation mode only: Esc and +/− mean other things elsewhere

        # themes: the View menu's radio group
        names = {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
            "high_contrast": self.tr("High contrast"),
        }
        self.theme_group = QActionGroup(self)
        self.theme_actions = {}
        for choice in style.THEME_CHOICES:
            a = QAction(names[choice], self, checkable=True)
            a.setData(choice)
            a.triggered.connect(lambda _checked=False, c=choice: self.set_theme_choice(c))
            self.theme_group.addAction(a)
            self.theme_actions[choice] = a

        tb = QToolBar(tr("Training"))
        tb.setObjectName("trainingToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for a in (self.act_reset, self.act_step, self.act_phase, self.act_back, self.act_run, self.act_gradcheck):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_present)
        self.addToolBar(Qt.TopToolBarArea, tb)
        self.toolbar = tb

    def _build_menus(self):
        mb = self.menuBar()
        self._build_file_menu(mb)
        m = mb.addMenu(tr("&Edit"))
        m.addAction(self.act_undo)
        m.addAction(self.act_redo)
        m = mb.addMenu(tr("&Training"))
        for a in (self.act_run, self.act_step, self.act_phase, self.act_back, self.act_reset):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_gradcheck)
        m = mb.addMenu(tr("&View"))
        m.addAction(self.act_present)
        m.addAction(self.act_full)
        m.addAction(self.act_compare)
        themes = m.addMenu(self.tr("Theme"))
        for a in self.theme_actions.values():
            themes.addAction(a)
        self._build_language_menu(m)
        m.addSeparator()
        m.addAction(self.controls_dock.toggleViewAction())
        m.addAction(self.inspector_dock.toggleViewAction())
        self.view_menu = m
        m = mb.addMenu(tr("&Help"))
        m.addAction(self.act_losses)
        m.addAction(self.act_loss_calculator)
        m.addAction(self.act_descent)
        m.addAction(self.act_landscape)
        m.addAction(self.act_shortcuts)
        m.addSeparator()
        m.addAction(self.act_about)

    # files, exports, settings, shortcuts (sessions) ---------------------------------------------
    def _build_file_menu(self, mb):
        """File: sessions, data, Export, Quit; also the F1 shortcut list, the drops and the files' messages."""
        from gui.exports import Exports
        from gui.session_files import SessionFiles

        self.files = SessionFiles(self, self.controller, self.settings)
        self.files.status.connect(self._on_error)
        self.files.csv_opened.connect(self._load_csv_path)
        self.exports = Exports(self, self.files)
        self.act_open, self.act_save = self.files.act_open, self.files.act_save  # (the names tests use)
        self.act_shortcuts = self._new_action(self.tr("Keyboard shortcuts"), self.show_shortcuts, ["F1"])
        self.act_shortcuts.setToolTip(self.tr("Every keyboard shortcut of the window (F1)"))
        m = mb.addMenu(tr("&File"))
        self.files.fill_menu(m)
        m.addSeparator()
        m.addAction(self.act_csv)
        m.addMenu(self.exports.menu)
        m.addSeparator()
        m.addAction(self.act_quit)
        self.file_menu = m
        self.setAcceptDrops(True)

    def _build_language_menu(self, view_menu):
        """View → Language: remembered; the window is built again in that language (see ``relaunch``)."""
        from gui import i18n

        menu = view_menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        self.language_actions = {}
        for code in i18n.LANGUAGES:
            a = QAction(i18n.LANGUAGE_NAMES[code], self, checkable=True)  # each language in its own words
            a.setChecked(code == i18n.language())
            a.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(a)
            menu.addAction(a)
            self.language_actions[code] = a

    #: Set by the application (gui.app): ``relaunch(code)`` rebuilds the window in language ``code``
    #: with this session; without it (tests, scripts) the language changes at the next start.
    relaunch = None

    #: What choosing a language says, in the language chosen (its reader may not read the current one).
    RESTART_NOTE = {
        "en": "The interface changes to English when Backprop Studio starts again.",
        "zh": "界面将在反向传播工作室重新启动后切换为中文。",
    }

    def choose_language(self, code: str):
        """Remember ``code`` for the next start and say so, in that language and in the current one."""
        from gui import i18n
        from gui import settings as keys

        if self.settings is not None:
            self.settings.set(keys.LANGUAGE, code)
        if code != i18n.language() and self.relaunch is not None:
            self.controller.pause()
            # the whole session, then a new window (after this signal: the old one's controller shuts down)
            self.files.request_copy(lambda d, code=code: QTimer.singleShot(0, lambda: self.relaunch(code, d)))
            return
        note = self.RESTART_NOTE[code]
        if code != i18n.language():
            note += "  " + self.RESTART_NOTE[i18n.language()]
        self.statusBar().showMessage(note, 30000)

    def show_shortcuts(self):
        from gui.shortcuts import ShortcutsDialog

        dlg = ShortcutsDialog(self)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.show()
        self.shortcuts_dialog = dlg

    def dragEnterEvent(self, event):
        if self.files.dropped_file(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event):
        path = self.files.dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.files.open_path(path)

    def restore_settings(self) -> bool:
        """Geometry, dock layout and presentation zoom as last closed; True if a geometry was restored."""
        from gui import settings as keys

        st = self.settings
        if st is None:
            return False
        self._presentation_zoom = min(style.ZOOM_MAX, max(1.0, st.number(keys.ZOOM, PRESENTATION_ZOOM)))
        geometry, state = st.value(keys.GEOMETRY), st.value(keys.STATE)
        restored = isinstance(geometry, (QByteArray, bytes)) and bool(geometry) and self.restoreGeometry(geometry)
        if not isinstance(state, (QByteArray, bytes)):
            state = None  # (a hand-edited file)
        if state and str(st.value(keys.COMPACT, "false")).lower() == str(self._compact).lower():
            self.restoreState(state)  # (a layout saved on a small screen is not forced on a large one)
        return restored

    def save_settings(self):
        from gui import settings as keys

        st = self.settings
        if st is None:
            return
        st.set(keys.THEME, self._theme_choice)
        st.set(keys.ZOOM, float(self._presentation_zoom))
        if self._presenting is None and not self.isFullScreen():  # the window as it is normally used
            st.set(keys.GEOMETRY, self.saveGeometry())
            st.set(keys.STATE, self.saveState())
            st.set(keys.COMPACT, str(self._compact).lower())
        st.sync()

    def _build_timers(self):
        """One timer per refresh rate; each refreshes the visible views of that rate."""
        self._timers = {}
        for hz in sorted({v.refresh_hz for v in self.views}, reverse=True):
            timer = QTimer(self)
            timer.setInterval(1000 // hz)
            timer.timeout.connect(lambda hz=hz: self._refresh(hz))
            timer.start()
            self._timers[hz] = timer

    # wiring ---------------------------------------------------------------------
    def _connect(self):
        c = self.controller
        c.snapshot_ready.connect(self._on_snapshot)
        c.error_occurred.connect(self._on_error)
        c.training_stopped.connect(self._on_stopped)
        c.running_changed.connect(self._on_running)
        c.gradient_checked.connect(self._on_gradient_checked)
        c.session_changed.connect(self._on_session)
        c.session_saved.connect(lambda path: self.statusBar().showMessage(tr("Saved {path}").format(path=path), 5000))

        p = self.controls
        p.preset_chosen.connect(self._load_preset)
        p.rebuild_requested.connect(self._rebuild)
        p.csv_chosen.connect(self._load_csv_path)
        p.loss_changed.connect(c.set_loss)
        p.optimizer_changed.connect(c.set_optimizer)
        p.learning_rate_changed.connect(c.set_learning_rate)
        p.schedule_changed.connect(c.set_schedule)
        p.batch_size_changed.connect(c.set_batch_size)
        p.reset_requested.connect(self._reset)
        p.step_requested.connect(c.step)
        p.step_phase_requested.connect(c.step_phase)
        p.step_back_requested.connect(c.step_phase_back)
        p.run_toggled.connect(lambda on: c.run() if on else c.pause())
        p.speed_changed.connect(c.set_speed)
        p.breakpoints_changed.connect(c.set_breakpoints)

        d = self.diagram_panel.diagram
        d.neuron_selected.connect(lambda *_: self.inspector.set_selection(d.selection()))
        d.edge_selected.connect(lambda *_: self.inspector.set_selection(d.selection()))
        d.selection_cleared.connect(lambda: self.inspector.set_selection(None))
        d.neuron_selected.connect(self._show_inspector)
        d.edge_selected.connect(self._show_inspector)
        d.weight_edit_requested.connect(self._edit_weight)
        d.bias_edit_requested.connect(self._edit_bias)
        self.diagram_panel.sample_combo.currentIndexChanged.connect(self._sample_changed)

        self.loss_plot.step_clicked.connect(self._scrub_to)
        self.bottom_tabs.currentChanged.connect(self._tab_changed)
        self.timeline_slider.valueChanged.connect(self._timeline_moved)
        self.live_button.clicked.connect(self._back_to_live)
        self.resume_button.clicked.connect(self._resume_here)

        style.notifier.changed.connect(self.restyle)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.follow_system_scheme)

    # snapshots ------------------------------------------------------------------
    @property
    def values_snapshot(self):
        """The last snapshot that carried the network's values (what the diagram shows), or None."""
        return self._heavy

    @property
    def values_drawn(self) -> bool:
        """True once the views have been drawn from :attr:`values_snapshot` (False while it waits for a refresh)."""
        return self._heavy is not None and not self._heavy_dirty

    @property
    def session_dict(self):
        """The session the window shows: the worker's last ``session_changed`` dict (settings), or None."""
        return self._session_dict

    def _on_snapshot(self, s):
        for view in self.views:
            view.show(s)
        self.latest_snapshot = s
        if s.values is not None:
            self._heavy = s
            self._heavy_dirty = True
        # Text changes relayout their containers; while training runs, 4 updates a second are
        # all anyone can read, and more would keep the GUI thread busy relaying out.
        now = time.perf_counter()
        if s.running and now - self._labels_at < 0.25:
            self._labels_stale = True
        else:
            self._update_labels(s)
        if s.message:
            self.statusBar().showMessage(s.message, 8000)
        self.snapshot_applied.emit(s)

    def _refresh(self, hz):
        """Draw the visible views of one refresh rate, slowed so drawing keeps to DRAW_SHARE of the time."""
        started = time.perf_counter()
        if hz == max(self._timers):
            if self._labels_stale and self.latest_snapshot is not None and started - self._labels_at >= 0.25:
                self._update_labels(self.latest_snapshot)
        elif self._heavy_dirty and self._heavy is not None:
            self._heavy_dirty = False
            self._update_phase_label(self._heavy)
        for view in self.views:
            if view.refresh_hz == hz and view.isVisible():
                view.refresh()
        cost_ms = (time.perf_counter() - started) * 1000.0
        # while training runs the slow views go at half rate, to leave the GIL to the training thread
        rate = hz / 2 if hz != max(self._timers) and self._heavy is not None and self._heavy.running else hz
        self._timers[hz].setInterval(int(min(500.0, max(1000.0 / rate, cost_ms / DRAW_SHARE))))

    def refresh_views(self):
        """Draw every visible view and the counters now (a tab just shown, a theme just changed)."""
        if self._labels_stale and self.latest_snapshot is not None:
            self._update_labels(self.latest_snapshot)
        for hz in self._timers:
            self._refresh(hz)

    def _tab_changed(self, _index):
        """Hidden views are not drawn; bring the one just shown up to date at once."""
        self.refresh_views()

    def _update_labels(self, s):
        self._labels_at = time.perf_counter()
        self._labels_stale = False
        past = s.viewing_step is not None  # time travel: the numbers of the step shown, not of the live one
        epoch = s.viewing_epoch if past and s.viewing_epoch is not None else s.epoch
        self.controls.set_progress(epoch, s.viewing_step if past else s.step, s.loss, s.accuracy, s.steps_per_second)
        self.controls.set_running(s.running)
        self.controls.set_learning_rate_now(s.learning_rate, s.step)
        self.act_run.setChecked(s.running)
        self.act_run.setText(tr("Pause") if s.running else tr("Run"))
        self._update_status(s)
        self._update_timeline(s, s.viewing_step)

    def _phase_equation(self, phase):
        """The phase's equation in the lecture's notation, as the headline above the diagram.

        (Each word is translated by ``tr`` outside the f-string: lupdate does not read inside one.)
        """
        l = phase.layer

        def sup(k):
            return "⁽" + str(k).translate(_SUPERSCRIPTS) + "⁾"

        d = self._session_dict or {}
        word = {
            "forward": tr("Forward"),
            "loss": tr("Loss"),
            "delta": tr("Backward"),
            "gradient": tr("Gradients"),
            "update": tr("Update"),
        }.get(phase.kind, "")
        if phase.kind == "forward":
            return f"{word} · z{sup(l)} = a{sup(l - 1)}W{sup(l)} + b{sup(l)},   a{sup(l)} = f(z{sup(l)})"
        if phase.kind == "loss":
            try:
                formula = loss_from_dict(d["loss"]).formula
            except (KeyError, ValueError, TypeError):
                formula = "L(y, ŷ)"
            return f"{word} · {formula}"
        if phase.kind == "delta":
            if phase.values.get("fused"):
                return f"{word} · δ{sup(l)} = ŷ − y   " + tr("(the loss and the output activation simplify)")
            if l == phase.values.get("n_layers"):
                return f"{word} · δ{sup(l)} = ∂L/∂a{sup(l)} ⊙ f′(z{sup(l)})"
            return f"{word} · δ{sup(l)} = (δ{sup(l + 1)} W{sup(l + 1)}ᵀ) ⊙ f′(z{sup(l)})"
        if phase.kind == "gradient":
            return f"{word} · ∂L/∂W{sup(l)} = a{sup(l - 1)}ᵀ δ{sup(l)},   ∂L/∂b{sup(l)} = Σ δ{sup(l)}"
        if phase.kind == "update":
            lr = phase.values.get("lr")
            gamma = f"γ = {lr:g}" if isinstance(lr, float) else "γ"
            return f"{word} · W ← W − γ·∂L/∂W,   b ← b − γ·∂L/∂b   ({gamma})"
        return phase.title

    def _update_phase_label(self, s):
        if s.step_phases and s.phase is not None:
            n = len(s.step_phases)
            self.phase_label.setText(self._phase_equation(s.phase))
            self.phase_label.setToolTip(
                tr("{title} — phase {k} of step {step} ({n} taken so far)").format(
                    title=phase_title(s.phase), k=s.phase.index + 1, step=s.phase.step + 1, n=n
                )
            )
        else:
            viewing = getattr(s, "viewing_step", None)
            if viewing is not None:
                self.phase_label.setText(
                    tr("Viewing step {step} — drag the timeline or press “Back to live”").format(step=viewing)
                )
            elif s.diverged and not s.running:  # the headline keeps the divergence until training moves on
                self.phase_label.setText(f"⚠ {tr(s.diverged)}")
            elif s.running:
                self.phase_label.setText(tr("Training…  Space pauses; Shift+→ steps one phase at a time."))
            else:
                self.phase_label.setText(
                    tr("Ready.  Space runs, → takes one step, Shift+→ one phase (forward, loss, δ, gradients, update).")
                )

    def _update_status(self, s):
        loss = "—" if not math.isfinite(s.loss) else f"{s.loss:.6g}"
        if s.viewing_step is not None:  # time travel: the viewed step's numbers, said to be past (training hook)
            epoch = s.viewing_epoch if s.viewing_epoch is not None else "?"
            text = self.tr("Past step {step} (epoch {epoch}, live: step {live})   Loss {loss}").format(
                step=s.viewing_step, epoch=epoch, live=s.step, loss=loss
            )
        else:
            text = tr("Epoch {epoch}   Step {step}   Loss {loss}").format(epoch=s.epoch, step=s.step, loss=loss)
        if s.accuracy is not None:
            text += "   " + tr("accuracy {acc}").format(acc=f"{s.accuracy:.1%}")
        text += f"   γ = {s.learning_rate:.4g}"
        if s.running:
            text += "   " + tr("{rate} steps/s").format(rate=f"{s.steps_per_second:,.0f}")
        self.status_progress.setText(text)

    def _sample(self):
        idx = self.diagram_panel.sample_combo.currentIndex()
        return None if idx <= 0 else idx - 1

    def _sample_changed(self, *_):
        self.output_view.set_highlight(self._sample())
        self.inspector.set_sample(self._sample())

    def _on_session(self, d):
        self._session_dict = d
        self._pace_for(d.get("name"))
        if self.compare_window is not None:
            self.compare_window.set_session_dict(d)
        self.controls.set_session(d)
        self.inspector.set_session(d)
        self.diagram_panel.set_session(d)
        self.loss_plot.set_session(d)
        self.landscape_window.set_session(d)
        self.undo_stack.clear()  # (the title is the session files' business)

    def _pace_for(self, name):
        """A preset with a pace of its own (its lesson would be over in a moment at full speed) trains at it;
        the next session without one gets the speed the user had chosen back."""
        if name == self._paced_name:
            return
        preset = PRESETS.get(name)
        speed = preset.speed if preset is not None else None
        if speed is not None:
            if self._speed_before_pace is None:
                self._speed_before_pace = self.controls.speed()
            self._set_speed(speed)
        elif self._speed_before_pace is not None:
            self._set_speed(self._speed_before_pace)
            self._speed_before_pace = None
        self._paced_name = name

    def _set_speed(self, steps_per_second: float):
        self.controls.set_speed(steps_per_second)
        self.controller.set_speed(self.controls.speed())

    def _on_running(self, running):
        self.controls.set_running(running)
        self.act_run.setChecked(running)
        self.act_run.setText(tr("Pause") if running else tr("Run"))

    def _on_stopped(self, reason):
        if reason:
            self.statusBar().showMessage(reason, 15000)
            if "diverged" in reason or "发散" in reason:  # the trainer's divergence message, in either language
                self.phase_label.setText(f"⚠ {reason}")

    def _on_error(self, message):
        self.statusBar().showMessage(f"⚠ {message}", 12000)

    def _on_gradient_checked(self, checks):
        dlg = GradientCheckDialog(self)
        dlg.set_results(checks)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.show()
        self.gradcheck_dialog = dlg

    # keys -------------------------------------------------------------------------
    def keyPressEvent(self, event):
        """Enter in a number box (ignored by the box once it has taken the value) hands the keys back:
        focus goes to the diagram, so Space runs again instead of typing into the box."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            focus = QApplication.focusWidget()
            box = focus if isinstance(focus, QAbstractSpinBox) else None
            if box is None and focus is not None and isinstance(focus.parentWidget(), QAbstractSpinBox):
                box = focus.parentWidget()
            if box is not None and self.isAncestorOf(box):
                self.diagram_panel.diagram.setFocus(Qt.OtherFocusReason)
                event.accept()
                return
        super().keyPressEvent(event)

    # commands --------------------------------------------------------------------
    def _toggle_run(self):
        s = self.latest_snapshot
        if s is not None and s.running:
            self.controller.pause()
        else:
            self._back_to_live(quiet=True)
            self.controller.run()

    def _reset(self):
        self.controller.reset()

    def _load_preset(self, name):
        if not self.files.new_from_preset(name) and self._session_dict is not None:
            self.controls.set_session(self._session_dict)  # cancelled: the preset box shows the session again

    def _rebuild(self, changes):
        self.controller.rebuild(changes)

    def _toggle_full_screen(self):
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.act_full.setChecked(self.isFullScreen())

    def _load_csv(self):
        folder = self.settings.last_folder() if self.settings is not None else ""
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Load CSV data…"), folder, "CSV (*.csv *.tsv *.txt);;" + self.tr("All files (*)")
        )
        if path:
            if self.settings is not None:
                self.settings.set_last_folder(path)
            self._load_csv_path(path)

    def _on_csv_loaded(self, data):
        """The CSV's data replaces the session's; the session is named after the file, no longer after its
        preset, whose description (the lecture's XOR numbers …) would not hold for these data."""
        stem = Path(str(data.get("name", "")).removeprefix("csv:")).stem or "data"
        self.controller.rebuild({"data": data, "name": stem, "description": ""})

    def _load_csv_path(self, path):
        # read off the GUI thread with a cancellable progress bar (gui/csv_import.py, files)
        from gui.csv_import import CsvImport

        if getattr(self, "csv_import", None) is None:
            self.csv_import = CsvImport(self)
            self.csv_import.loaded.connect(self._on_csv_loaded)
            self.csv_import.failed.connect(self._on_error)
        self.csv_import.start(path)

    def show_compare(self):
        """View → Compare side by side: a window of its own, starting from this window's session."""
        from gui.compare_window import CompareWindow

        if self.compare_window is None:
            self.compare_window = CompareWindow(self._session_dict, self)
            self.compare_window.destroyed.connect(self._compare_closed)
        self.compare_window.show()
        self.compare_window.raise_()
        self.compare_window.activateWindow()

    def _compare_closed(self, *_):
        self.compare_window = None

    def _show_loss_gallery(self):
        from gui.loss_gallery import LossGallery

        if getattr(self, "loss_gallery", None) is None:
            self.loss_gallery = LossGallery(self)
        self.loss_gallery.show()
        self.loss_gallery.raise_()

    def _show_loss_calculator(self):
        """The loss gallery's calculator tab: the lecture's loss examples, typed in."""
        self._show_loss_gallery()
        self.loss_gallery.show_calculator()

    def _show_descent(self):
        from gui.descent_window import DescentExplorer

        if getattr(self, "descent_explorer", None) is None:
            self.descent_explorer = DescentExplorer(self)
        self.descent_explorer.show()
        self.descent_explorer.raise_()

    def _show_landscape(self):
        self.landscape_window.show()
        self.landscape_window.raise_()
        self.landscape_window.request()  # (nothing to do if it shows the current weights already)

    def _about(self):
        QMessageBox.about(
            self,
            tr("About"),
            "<h3>"
            + tr("Backprop Studio")
            + f" {__version__}</h3><p>"
            + tr(
                "Makes backpropagation visible: the forward pass, the loss, the error signal δ travelling "
                "backwards layer by layer, and the weight update — with every number."
            )
            + "</p><p>z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾); δ⁽ᴸ⁾ = ∇ₐL ⊙ f′(z⁽ᴸ⁾); "
            "δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾); ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾a⁽ˡ⁻¹⁾ᵀ; W ← W − γ∂L/∂W</p><p>"
            + tr("Python, PySide6, pyqtgraph and numpy.")
            + "</p>",
        )

    # editing values ---------------------------------------------------------------
    EDIT_DECIMALS = 6

    def _ask_value(self, title, label, current):
        """The value typed in a dialog showing ``current`` with 6 decimals; None if cancelled or left as shown.

        The dialog rounds what it shows: OK on the rounded number must not change the value.
        """
        shown = round(current, self.EDIT_DECIMALS)
        value, ok = QInputDialog.getDouble(self, title, label, shown, -1e6, 1e6, self.EDIT_DECIMALS)
        return value if ok and value != shown else None

    def _edit_weight(self, layer, i, j, current):
        prompt = tr("w({layer}) from unit {i} to unit {j}:").format(layer=layer, i=i + 1, j=j + 1)
        value = self._ask_value(tr("Edit weight"), prompt, current)
        if value is not None:
            self.undo_stack.push(EditValueCommand(self, "weight", (layer, i, j), current, value))

    def _edit_bias(self, layer, j, current):
        value = self._ask_value(tr("Edit bias"), tr("b({layer}) of unit {j}:").format(layer=layer, j=j + 1), current)
        if value is not None:
            self.undo_stack.push(EditValueCommand(self, "bias", (layer, j), current, value))

    # time travel -----------------------------------------------------------------
    def _update_timeline(self, s, viewing):
        sl = self.timeline_slider
        sl.blockSignals(True)
        sl.setMaximum(max(0, s.step if viewing is None else max(sl.maximum(), s.step)))
        sl.setValue(s.step if viewing is None else viewing)
        sl.blockSignals(False)
        self._viewing = viewing
        self.live_button.setEnabled(viewing is not None)
        self.resume_button.setEnabled(viewing is not None and not s.running)
        self.timeline_label.setText(
            tr("step {step}").format(step=s.step)
            if viewing is None
            else tr("viewing step {step} / {last}").format(step=viewing, last=s.step)
        )

    def _timeline_moved(self, value):
        s = self.latest_snapshot
        if s is None:
            return
        if s.running:
            self.controller.pause()
        if value >= s.step and self._viewing is not None:
            self._back_to_live()
        elif value < s.step:
            self.controller.preview_step(value)

    def _scrub_to(self, step):
        self.timeline_slider.setValue(int(step))

    def _back_to_live(self, quiet=False):
        if self._viewing is not None:
            s = self.latest_snapshot
            self.controller.preview_step(-1)
            if s is not None and not quiet:
                self.timeline_slider.blockSignals(True)
                self.timeline_slider.setValue(s.step)
                self.timeline_slider.blockSignals(False)

    def _resume_here(self):
        step = self._viewing
        if step is None:
            return
        s = self.latest_snapshot
        later = (s.step - step) if s is not None else 0
        answer = QMessageBox.question(
            self,
            tr("Resume from here"),
            tr("Resume training from step {step}? The {later} later step(s) of history will be discarded.").format(
                step=step, later=later
            ),
            QMessageBox.Yes | QMessageBox.Cancel,
            QMessageBox.Cancel,
        )
        if answer == QMessageBox.Yes:
            self.controller.resume_from(step)

    # themes ------------------------------------------------------------------------
    def set_theme_choice(self, choice: str):
        """ "system", "light", "dark" or "high_contrast" (the View menu); "system" follows the desktop."""
        theme = style.resolve(choice)
        if choice != self._theme_choice:
            self._theme_choice = choice
            self.theme_chosen.emit(choice)
        self.theme_actions[choice].setChecked(True)
        if self._presenting is not None:
            self._presenting["theme"] = choice  # applied when presentation mode ends
            return
        self._apply_theme(theme)

    def theme_choice(self) -> str:
        return self._theme_choice

    def follow_system_scheme(self, scheme):
        """The desktop switched between light and dark: follow it if the theme is "system"."""
        if self._theme_choice == "system" and self._presenting is None:
            self._apply_theme(style.resolve("system", "dark" if scheme == Qt.ColorScheme.Dark else "light"))

    def _apply_theme(self, theme):
        QApplication.setPalette(style.palette(theme))
        if not style.set_theme(theme):
            self.restyle()  # the palette may be new (a new window) even if the theme is not

    def restyle(self):
        """Colours, fonts and zoom from gui.style, for the window and every view."""
        t = style.theme()
        # the headline grows with the zoom up to 24 pt: larger, it would take the diagram's room
        headline = min(style.pt(HEADLINE_PT), max(HEADLINE_PT, 24.0))
        self.phase_label.setStyleSheet(
            f"QLabel#phaseLabel {{ font-size: {headline:g}pt; font-weight: 600; padding: 4px 8px; color: {t.text}; }}"
        )
        self.zoom_badge.setStyleSheet(
            f"QLabel#zoomBadge {{ background: {t.text}; color: {t.base}; border-radius: 8px; padding: 6px 14px;"
            f" font-size: {style.pt(14):g}pt; font-weight: 600; }}"
        )
        style.retint(self)
        for view in self.views:
            view.restyle()
        gallery = getattr(self, "loss_gallery", None)
        if gallery is not None and not gallery.isVisible():  # built again, in the new theme, when next opened
            gallery.deleteLater()
            self.loss_gallery = None
        self.refresh_views()

    # presentation mode ------------------------------------------------------------
    def presenting(self) -> bool:
        return self._presenting is not None

    def toggle_presentation(self):
        if self._presenting is None:
            self.enter_presentation()
        else:
            self.leave_presentation()

    def _secondary(self):
        """What presentation mode hides: everything but the headline, the diagram and the curves."""
        return [
            self.menuBar(),
            self.toolbar,
            self.statusBar(),
            self.controls_dock,
            self.inspector_dock,
            self.timeline,
            self.diagram_panel.toolbar,
            self.loss_plot.options,
            self.gradient_plot.options,
        ]

    def enter_presentation(self):
        """F5: secondary controls hidden, high contrast, fonts, lines and neurons zoomed; Esc leaves."""
        if self._presenting is not None:
            return
        self._presenting = {
            "visible": {w: w.isVisible() for w in self._secondary()},
            "theme": self._theme_choice,
            "full_screen": self.isFullScreen(),
            "font": QFont(self.font()),
            "split": self.vsplit.sizes(),
        }
        for w in self._secondary():
            w.hide()
        for a in (self.act_leave, self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            a.setEnabled(True)
        self.act_present.setChecked(True)
        self._apply_theme(style.THEMES["high_contrast"])
        self._set_zoom(self._presentation_zoom)
        if not self.isFullScreen():
            self.showFullScreen()
        total = sum(self.vsplit.sizes())
        self.vsplit.setSizes([round(total * 0.62), total - round(total * 0.62)])  # the diagram first

    def leave_presentation(self):
        """Esc (or F5 again): everything as it was before presentation mode."""
        saved, self._presenting = self._presenting, None
        if saved is None:
            return
        for a in (self.act_leave, self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            a.setEnabled(False)
        self.act_present.setChecked(False)
        self.setFont(saved["font"])
        style.set_zoom(1.0)
        self.set_theme_choice(saved["theme"])
        for w, visible in saved["visible"].items():
            w.setVisible(visible)
        self.vsplit.setSizes(saved["split"])
        if not saved["full_screen"]:
            self.showNormal()
        self.zoom_badge.hide()

    @property
    def presentation_zoom(self) -> float:
        """The zoom presentation mode opens at: the last one used there (remembered between runs)."""
        return self._presentation_zoom

    def zoom_by(self, steps: int):
        """Presentation zoom: +1 / −1 step of 25 % (100–250 %), 0 back to 100 %."""
        if self._presenting is None:
            return
        self._set_zoom(1.0 if steps == 0 else style.zoom() + steps * style.ZOOM_STEP)

    def _set_zoom(self, value):
        z = style.set_zoom(value)
        self._presentation_zoom = z
        font = QFont(self._presenting["font"] if self._presenting else self.font())
        font.setPointSizeF(max(style.BASE_PT, font.pointSizeF()) * z)
        self.setFont(font)
        self.restyle()
        self.zoom_badge.setText(self.tr("Zoom {percent} %").format(percent=round(z * 100)))
        self.zoom_badge.adjustSize()
        # bottom right, over the output's corner: at the top right it hid the headline's end
        bottom = self.statusBar().geometry().top() if self.statusBar().isVisible() else self.height()
        self.zoom_badge.move(self.width() - self.zoom_badge.width() - 16, bottom - self.zoom_badge.height() - 16)
        self.zoom_badge.raise_()
        self.zoom_badge.show()
        self._zoom_badge_timer.start()

    # size ---------------------------------------------------------------------------
    COMPACT_BELOW = 1360  # px: below this the inspector becomes a tab beside the controls

    def _available(self):
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def initial_size(self) -> QSize:
        """1440×900 where it fits; else the screen's available area (a 1024×768 projector)."""
        avail = self._available()
        return QSize(min(PREFERRED_SIZE.width(), avail.width()), min(PREFERRED_SIZE.height(), avail.height()))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        width = event.size().width()
        if not self._compact and width < self.COMPACT_BELOW:
            self.set_compact(True)
        elif self._compact and width > self.COMPACT_BELOW + 40:
            self.set_compact(False)

    def set_compact(self, compact):
        """1024×768 projectors: controls and inspector as tabs of one column, so the diagram keeps its room."""
        if compact == self._compact:
            return
        self._compact = compact
        if compact:
            self.tabifyDockWidget(self.controls_dock, self.inspector_dock)
            self.controls_dock.raise_()
        else:
            self.addDockWidget(Qt.RightDockWidgetArea, self.inspector_dock)
            self.resizeDocks([self.inspector_dock], [380], Qt.Horizontal)

    def _show_inspector(self, *_):
        if self._compact:
            self.inspector_dock.raise_()  # a click on the diagram asks for the inspector's equations

    # closing ----------------------------------------------------------------------
    def closeEvent(self, event):
        if not self.files.maybe_save():  # Save / Discard / Cancel when the session has unsaved changes
            event.ignore()
            return
        self.save_settings()
        self.files.shutdown()
        for timer in self._timers.values():
            timer.stop()
        try:
            style.notifier.changed.disconnect(self.restyle)
            QGuiApplication.styleHints().colorSchemeChanged.disconnect(self.follow_system_scheme)
        except (RuntimeError, TypeError):
            pass  # already disconnected (closed twice)
        if self._presenting is not None:
            style.set_zoom(1.0)
            self._presenting = None
        if self.compare_window is not None:
            self.compare_window.close()
        self.landscape_window.wait()
        self.controller.shutdown()
        super().closeEvent(event)
