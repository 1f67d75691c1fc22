"""File → Export: pictures, data, a printable handout and Python scripts, every file written atomically.

- The diagram as PNG (twice the screen's resolution) or SVG (vectors, for slides).
- Each plot (loss curve, network output, gradients per layer) as PNG, SVG or CSV with real column
  names; the plots' right-click menu offers the same (pyqtgraph's own export dialog is gone).
- The model's loss history (per step, per epoch) as CSV; the step trace (``model.trace``) as JSONL
  or CSV; the window as a screenshot.
- A handout (PDF through Qt's print support): the network, one training step phase by phase with
  its equations and numbers as the inspector shows them, and the loss curve, in the interface
  language, on white paper whatever the theme on screen.
- The session as a standalone numpy or PyTorch script (``model.export``).

What needs the model's own state (histories, the trace, the handout's step, the scripts) works on
a copy of the session the worker sends (``copy_session``), so training is never disturbed.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import time

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QObject, QPoint, QRectF, QSize, QSizeF, Signal
from PySide6.QtGui import QAction, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QFileDialog, QGraphicsView, QInputDialog, QMenu, QWidget

from gui import style
from gui.i18n import phase_title, tr
from gui.plot_parts import install_plot_menu
from gui.tables import csv_text, epoch_table, history_table, jsonl_text, trace_table
from model.files import write_atomic

__all__ = [
    "Exports",
    "picture_png",
    "picture_svg",
    "handout_pdf",
    "install_plot_menu",
]

#: PNG exports are drawn at this multiple of the screen size (sharp on a projector or a slide).
PNG_SCALE = 2.0
#: The handout spells out at most this many units (and weights) per layer and phase.
#: A network this small is spelled out whole (the lecture's 2-3-1, the 2-2-2 worked example); a larger
#: one through its first units and weights per layer, so that the handout stays a handout.
HANDOUT_SMALL = (6, 16)  # at most 6 units in a layer and 16 weights in all
HANDOUT_UNITS = 3  # forward, δ: units per layer
HANDOUT_WEIGHTS = {"gradient": (3, 1), "update": (2, 1)}  # weights and biases per layer
#: A batch larger than this is shown through one of its samples (every sample of 32 would fill 60 pages).
HANDOUT_SAMPLES = 4
#: Most steps a trace export writes.
MAX_TRACE_STEPS = 100


# -- pictures ----------------------------------------------------------------------------------------------
def _parts(widgets) -> list:
    return [w for w in widgets if w is not None and w.width() > 0 and w.height() > 0]


def _stack_size(widgets) -> QSize:
    """Widgets one under the other: the width of the widest, the sum of the heights."""
    return QSize(max(w.width() for w in widgets), sum(w.height() for w in widgets))


@contextlib.contextmanager
def _vector_symbols(widgets):
    """Scatter points drawn as shapes, not as fragments of a cached pixmap (which SVG cannot cut out)."""
    items = []
    for w in widgets:
        if isinstance(w, QGraphicsView) and w.scene() is not None:
            items += [i for i in w.scene().items() if isinstance(i, pg.ScatterPlotItem) and i.opts.get("useCache")]
    for item in items:
        item.opts["useCache"] = False
    try:
        yield
    finally:
        for item in items:
            item.opts["useCache"] = True


def _paint_stack(painter: QPainter, widgets):
    """Paint each widget (and its children) under the previous one, vectors where the widget has them."""
    with _vector_symbols(widgets):
        _paint_each(painter, widgets)


def _paint_each(painter: QPainter, widgets):
    y = 0
    for w in widgets:
        painter.save()
        try:
            painter.translate(0, y)
            export = getattr(w, "render_for_export", None)
            if callable(export):
                export(painter)
            elif isinstance(w, QGraphicsView):  # a plot: its scene as vectors (the view caches its background)
                w.render(painter, QRectF(0, 0, w.width(), w.height()), w.viewport().rect())
            else:
                QWidget.render(w, painter, QPoint(0, 0))  # (QGraphicsView.render is another function)
        finally:
            painter.restore()
        y += w.height()


def picture_png(widgets, scale: float = PNG_SCALE) -> bytes:
    """The widgets, stacked, as a PNG at ``scale`` × their size on screen."""
    widgets = _parts(widgets)
    if not widgets:
        raise ValueError(tr("There is nothing to draw yet."))
    size = _stack_size(widgets)
    image = QImage(round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(style.colour(style.theme().base))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        _paint_stack(painter, widgets)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, "PNG")
    buffer.close()
    if not ok:
        raise ValueError(tr("Cannot encode the picture as PNG."))
    return bytes(data.data())


def picture_svg(widgets, title: str = "", description: str = "") -> bytes:
    """The widgets, stacked, as an SVG document: lines, shapes and text stay vectors."""
    widgets = _parts(widgets)
    if not widgets:
        raise ValueError(tr("There is nothing to draw yet."))
    size = _stack_size(widgets)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # SVG Tiny 1.2: Qt's SVG 1.1 clip paths are written in the wrong coordinates and hide the legends
    gen = QSvgGenerator()
    gen.setResolution(widgets[0].logicalDpiX())  # fonts the size they are on screen (the default is 72 dpi)
    gen.setOutputDevice(buffer)
    gen.setSize(size)
    gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
    gen.setTitle(title)
    gen.setDescription(description)
    painter = QPainter(gen)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        _paint_stack(painter, widgets)
    finally:
        painter.end()
    buffer.close()
    return flatten_svg(bytes(data.data()))


_SVG_NS = "http://www.w3.org/2000/svg"
_MATRIX = re.compile(r"matrix\(([^)]*)\)")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _map_points(text: str, m) -> str:
    a, b, c, d, e, f = m
    nums = [float(x) for x in _NUMBER.findall(text)]
    out = []
    for x, y in zip(nums[0::2], nums[1::2]):
        out.append(f"{a * x + c * y + e:.6g},{b * x + d * y + f:.6g}")
    return " ".join(out)


def _map_path(d: str, m) -> str:
    """An absolute path (M, L, C, Q, Z: what QSvgGenerator writes) mapped by the matrix ``m``."""
    parts = re.findall(r"[MLCQZmlcqz]|[^MLCQZmlcqz]+", d)
    out = []
    for part in parts:
        if part.strip() in ("M", "L", "C", "Q", "Z"):
            out.append(part.strip())
        elif part.strip():
            out.append(_map_points(part, m))
    return " ".join(out)


def flatten_svg(data: bytes) -> bytes:
    """Apply a group's transform to the lines inside it that keep their width (``non-scaling-stroke``).

    pyqtgraph draws a curve in data coordinates with a cosmetic pen; Qt writes that as a scaled group
    whose lines say ``vector-effect="non-scaling-stroke"``, which not every program honours (librsvg,
    office suites draw a loss curve as a solid band).  Coordinates mapped, the group needs no scale.
    """
    import xml.etree.ElementTree as ET

    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return data
    shapes = {f"{{{_SVG_NS}}}{t}" for t in ("path", "polyline", "polygon", "rect")}
    for g in root.iter(f"{{{_SVG_NS}}}g"):
        match = _MATRIX.fullmatch(g.get("transform", "").strip())
        children = list(g)
        if not match or not children:
            continue
        if not all(c.tag in shapes and c.get("vector-effect") == "non-scaling-stroke" for c in children):
            continue
        m = [float(x) for x in match.group(1).replace(",", " ").split()]
        if len(m) != 6 or m[:4] == [1.0, 0.0, 0.0, 1.0]:
            continue  # (a translation changes no width)
        for c in children:
            if c.tag.endswith("rect"):  # a rect mapped by a matrix is a quadrilateral
                x, y = float(c.get("x", 0)), float(c.get("y", 0))
                w, h = float(c.get("width", 0)), float(c.get("height", 0))
                for key in ("x", "y", "width", "height", "rx", "ry"):
                    c.attrib.pop(key, None)
                c.tag = f"{{{_SVG_NS}}}path"
                c.set("d", _map_path(f"M{x},{y} L{x + w},{y} L{x + w},{y + h} L{x},{y + h} Z", m))
            elif c.tag.endswith("path"):
                c.set("d", _map_path(c.get("d", ""), m))
            else:
                c.set("points", _map_points(c.get("points", ""), m))
        del g.attrib["transform"]
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + ET.tostring(root, encoding="utf-8")


# -- the handout ------------------------------------------------------------------------------------------
def _esc(text) -> str:
    return html.escape(str(text), quote=False)


def _explanations(session, phases, sample, precision):
    """HTML per phase: its title and, unit by unit, the inspector's equations with the step's numbers."""
    from model.equations import explain

    t = session.trainer
    sizes = t.network.sizes
    L = len(sizes) - 1
    kw = dict(loss=t.loss, optimizer=t.optimizer, sample=sample, precision=precision)
    out = []
    small = max(sizes[1:]) <= HANDOUT_SMALL[0] and sum(a * b for a, b in zip(sizes, sizes[1:])) <= HANDOUT_SMALL[1]
    for k, p in enumerate(phases):
        so_far = phases[: k + 1]
        sections = [p.kind]
        selections = []
        more = 0
        if p.kind == "loss":
            selections = [("layer", L)]
        elif p.kind in ("forward", "delta"):
            n = sizes[p.layer]
            selections = [("neuron", p.layer, j) for j in range(n if small else min(n, HANDOUT_UNITS))]
            more = n - len(selections)
        elif p.kind in ("gradient", "update"):
            layers = [p.layer] if p.kind == "gradient" else list(range(1, L + 1))
            for l in layers:
                edges = [("edge", l, i, j) for j in range(sizes[l]) for i in range(sizes[l - 1])]
                units = [("neuron", l, j) for j in range(sizes[l])]
                n_w, n_b = (len(edges), len(units)) if small else HANDOUT_WEIGHTS[p.kind]
                shown = edges[:n_w] + units[:n_b]
                more += len(edges) + len(units) - len(shown)
                selections += shown
        parts = [f"<h2>{_esc(phase_title(p))}</h2>"]
        for sel in selections:
            exp = explain(sel, so_far, sections=sections, **kw)
            parts.append(exp.html)
        if more:
            parts.append(
                "<p><i>"
                + _esc(tr("… and {n} more: select them in the inspector to see their equations.").format(n=more))
                + "</i></p>"
            )
        out.append("\n".join(parts))
    return out


def _summary(session) -> list[str]:
    t = session.trainer
    net = t.network
    sizes = "-".join(str(n) for n in net.sizes)
    acts = ", ".join(net.activations)
    lr = getattr(t.optimizer, "lr", None)
    optimizer = tr(t.optimizer.label) + (f", γ = {lr:g}" if isinstance(lr, float) else "")
    m = t.X.shape[0]
    batch = tr("full batch of {m}").format(m=m) if t.full_batch else tr("mini-batches of {b}").format(b=t.batch_size)
    loss, report, accuracy = t.evaluate() if hasattr(t, "evaluate") else (float("nan"),) * 3
    lines = [
        tr("Network {sizes} ({activations})").format(sizes=sizes, activations=acts),
        tr("Loss: {loss} · Optimizer: {optimizer} · {batch}").format(
            loss=tr(t.loss.label), optimizer=optimizer, batch=batch
        ),
        tr("After {step} steps ({epoch} epochs): loss {value}").format(
            step=t.step, epoch=t.epoch, value=f"{report:.6g}"
        ),
    ]
    if session.dataset.task == "classification" and accuracy == accuracy:
        lines[-1] += " · " + tr("accuracy {acc}").format(acc=f"{accuracy:.1%}")
    return lines


def _handout_font(pt: int) -> QFont:
    """The handout's font: the window's, then Simplified Chinese glyphs (Qt's own fallback may pick the
    Japanese CJK face, whose shapes differ for some characters)."""
    font = QFont(QApplication.font().family(), pt)
    font.setFamilies(
        [QApplication.font().family(), "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC"]
    )
    return font


def _draw_handout(painter, pdf, w, h, title, description, summary, intro, sections, diagram, curve) -> int:
    """Draw the handout's pages on ``painter`` (a ``w`` × ``h`` paint rect per page); the number of pages."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    # page 1: what the session is, the network and the loss curve
    head = QTextDocument()
    head.documentLayout().setPaintDevice(pdf)
    head.setPageSize(QSizeF(w, h))
    head.setDefaultFont(_handout_font(10))
    head.setHtml(
        f'<p style="font-size:18pt; font-weight:600;">{_esc(title)}</p>'
        + (f"<p>{_esc(description)}</p>" if description else "")
        + "".join(f"<p style='margin:2px 0;'>{_esc(line)}</p>" for line in summary)
        + f"<p style='color:#555555;'>{_esc(time.strftime('%Y-%m-%d %H:%M'))}</p>"
    )
    head.drawContents(painter, QRectF(0, 0, w, h))
    y = head.size().height() + 12
    for widgets, share in (([diagram] if diagram is not None else [], 0.48), (list(curve), 1.0)):
        widgets = _parts(widgets)
        if not widgets or y >= h - 40:
            continue
        size = _stack_size(widgets)
        room = QRectF(0, y, w, min(h - y, h * share))
        scale = min(room.width() / size.width(), room.height() / size.height())
        painter.save()
        painter.translate(room.left() + (room.width() - size.width() * scale) / 2, room.top())
        painter.scale(scale, scale)
        painter.setClipRect(QRectF(0, 0, size.width(), size.height()))
        _paint_stack(painter, widgets)
        painter.restore()
        y += size.height() * scale + 12

    # then the step, phase by phase
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(pdf)
    doc.setPageSize(QSizeF(w, h))
    doc.setDefaultFont(_handout_font(9))
    doc.setHtml(
        '<p style="font-size:15pt; font-weight:600;">'
        + _esc(tr("One training step"))
        + f"</p><p>{_esc(intro)}</p>"
        + "<hr/>".join(sections)
    )
    pages = doc.pageCount()
    for i in range(pages):
        pdf.newPage()
        painter.save()
        painter.translate(0, -i * h)
        doc.drawContents(painter, QRectF(0, i * h, w, h))
        painter.restore()
    return 1 + pages


def handout_pdf(session, diagram=None, curve=(), sample=None, precision=4) -> tuple[bytes, int]:
    """A printable handout of ``session`` (a copy: its next step is taken here): ``(pdf bytes, pages)``.

    Page 1: the title, the settings, ``diagram`` (a widget) and ``curve`` (widgets, stacked); then
    the next training step phase by phase, as the inspector shows it (``sample``: None for the
    batch, or a row), with ``precision`` digits.
    """
    title = tr("Backprop Studio handout: {name}").format(name=session.name or tr("untitled"))
    summary = _summary(session)
    t = session.trainer
    m = t.X.shape[0] if t.full_batch else min(t.batch_size, t.X.shape[0])
    if sample is None and m > HANDOUT_SAMPLES:
        sample = 0
    intro = tr(
        "One training step, phase by phase: step {step} from the weights above, with the numbers "
        "as the inspector shows them."
    ).format(step=t.step + 1)
    if sample is not None and m > 1:
        intro += " " + tr("Sample {n} of the batch of {m} is shown, as when the inspector shows that sample.").format(
            n=sample + 1, m=m
        )
    phases = t.step_phases()
    sections = _explanations(session, phases, sample, precision)

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pdf = QPdfWriter(buffer)
    pdf.setResolution(96)  # 1 unit = 1 screen pixel: widgets draw at their size on screen, then scaled
    pdf.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    pdf.setTitle(title)
    pdf.setCreator("Backprop Studio")
    page = QRectF(pdf.pageLayout().paintRectPixels(pdf.resolution()))
    w, h = page.width(), page.height()

    painter = QPainter(pdf)
    try:
        pages = _draw_handout(
            painter, pdf, w, h, title, tr(session.description), summary, intro, sections, diagram, curve
        )
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), pages


# -- the menu ---------------------------------------------------------------------------------------------
class Exports(QObject):
    """The File → Export menu and the plots' right-click exports; ``exported(path)`` after each file."""

    exported = Signal(str)
    failed = Signal(str)

    def __init__(self, window, files):
        super().__init__(window)
        self.window = window
        self.files = files  # gui.session_files.SessionFiles: the settings, and copies of the session
        self.menu = QMenu(self.tr("&Export"), window)
        self.menu.setToolTipsVisible(True)
        self._plots = {
            "loss": (window.loss_plot, self.tr("Loss curve"), "loss"),
            "output": (window.output_view, self.tr("Network output"), "output"),
            "gradients": (window.gradient_plot, self.tr("Gradients per layer"), "gradients"),
        }
        self.actions: dict[str, QAction] = {}
        self._build()

    def _add(self, menu, key, text, slot):
        a = menu.addAction(text)
        a.triggered.connect(lambda _checked=False: slot())
        self.actions[key] = a
        return a

    def _build(self):
        m = self.menu
        d = m.addMenu(self.tr("&Diagram"))
        self._add(d, "diagram_png", self.tr("As PNG picture…"), lambda: self.ask_picture("diagram", "png"))
        svg = self.tr("As SVG (vectors, for slides)…")
        self._add(d, "diagram_svg", svg, lambda: self.ask_picture("diagram", "svg"))
        for key, (view, title, _stem) in self._plots.items():
            sub = m.addMenu(title)
            entries = self._plot_actions(sub, key)
            install_plot_menu(view.plot, self._view_all_action(view), entries)
        m.addSeparator()
        self._add(m, "history_csv", self.tr("Loss history per step (CSV)…"), lambda: self.ask_data("history"))
        self._add(m, "epochs_csv", self.tr("Loss per epoch (CSV)…"), lambda: self.ask_data("epochs"))
        self._add(m, "trace_jsonl", self.tr("Step trace (JSONL)…"), lambda: self.ask_data("trace_jsonl"))
        self._add(m, "trace_csv", self.tr("Step trace (CSV)…"), lambda: self.ask_data("trace_csv"))
        m.addSeparator()
        self._add(m, "handout", self.tr("Handout (PDF)…"), lambda: self.ask_data("handout"))
        self._add(m, "numpy", self.tr("Python script (numpy)…"), lambda: self.ask_data("numpy"))
        self._add(m, "pytorch", self.tr("Python script (PyTorch)…"), lambda: self.ask_data("pytorch"))
        m.addSeparator()
        self._add(m, "screenshot", self.tr("Window screenshot (PNG)…"), self.ask_screenshot)

    def _plot_actions(self, menu, key):
        out = []
        for fmt, text in (
            ("png", self.tr("As PNG picture…")),
            ("svg", self.tr("As SVG (vectors, for slides)…")),
            ("csv", self.tr("As CSV table…")),
        ):
            out.append(self._add(menu, f"{key}_{fmt}", text, lambda f=fmt: self.ask_picture(key, f)))
        return out

    def _view_all_action(self, view):
        a = QAction(self.tr("Show everything"), view)
        fit = getattr(view, "fit", None)
        a.triggered.connect(fit if callable(fit) else (lambda: view.plot.getPlotItem().getViewBox().autoRange()))
        return a

    # asking for a file name ----------------------------------------------------------------------
    def _ask_path(self, title, name, filters, suffix) -> str | None:
        settings = self.files.settings
        folder = settings.last_folder() if settings is not None else ""
        path, _ = QFileDialog.getSaveFileName(self.window, title, os.path.join(folder, name), filters)
        if not path:
            return None
        if not os.path.splitext(path)[1]:
            path += suffix
        if settings is not None:
            settings.set_last_folder(path)
        return path

    def _stem(self) -> str:
        stem = os.path.splitext(self.files.name())[0]
        return "".join(c if c.isalnum() or c in "-_." else "-" for c in stem) or "session"

    _FILTERS = {
        "png": ("PNG (*.png)", ".png"),
        "svg": ("SVG (*.svg)", ".svg"),
        "csv": ("CSV (*.csv)", ".csv"),
        "jsonl": ("JSON Lines (*.jsonl)", ".jsonl"),
        "pdf": ("PDF (*.pdf)", ".pdf"),
        "py": ("Python (*.py)", ".py"),
    }

    def _ask(self, fmt, name):
        filters, suffix = self._FILTERS[fmt]
        return self._ask_path(self.tr("Export"), name + suffix, filters, suffix)

    def ask_picture(self, what, fmt):
        stem = self._stem() + "-" + (what if what == "diagram" else self._plots[what][2])
        path = self._ask(fmt, stem)
        if path:
            self.write_picture(what, fmt, path)

    def ask_screenshot(self):
        path = self._ask("png", self._stem() + "-window")
        if path:
            self._write(path, lambda: picture_png([self.window], scale=1.0))

    _DATA = {
        "history": ("csv", "-loss"),
        "epochs": ("csv", "-loss-per-epoch"),
        "trace_jsonl": ("jsonl", "-trace"),
        "trace_csv": ("csv", "-trace"),
        "handout": ("pdf", "-handout"),
        "numpy": ("py", "_numpy"),
        "pytorch": ("py", "_pytorch"),
    }

    def ask_data(self, what):
        steps = 1
        if what.startswith("trace"):
            steps, ok = QInputDialog.getInt(
                self.window, self.tr("Step trace"), self.tr("Training steps to trace:"), 1, 1, MAX_TRACE_STEPS
            )
            if not ok:
                return
        fmt, suffix = self._DATA[what]
        stem = self._stem()
        if fmt == "py":
            stem = stem.replace("-", "_").replace(".", "_")  # a module name
        path = self._ask(fmt, stem + suffix)
        if path:
            self.write_data(what, path, steps=steps)

    # writing ---------------------------------------------------------------------------------------------
    def _write(self, path, make) -> bool:
        """``make()`` the file's content and write it atomically; one line in the status bar either way."""
        try:
            write_atomic(path, make())
        except (ValueError, TypeError, OSError) as e:
            message = self.tr("Export failed: {reason}").format(reason=str(e).splitlines()[0] if str(e) else e)
            self.window.statusBar().showMessage("⚠ " + message, 12000)
            self.failed.emit(message)
            return False
        self.window.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 6000)
        self.exported.emit(path)
        return True

    def _picture_widgets(self, what):
        if what == "diagram":
            return [self.window.diagram_panel.diagram]
        view = self._plots[what][0]
        tabs = self.window.bottom_tabs
        if tabs.indexOf(view) >= 0 and tabs.currentWidget() is not view:
            tabs.setCurrentWidget(view)  # what is exported is shown (and drawn: hidden views are not)
        view.refresh()
        parts = [view.plot, view.legend]
        bars = getattr(view, "bars", None)
        if bars is not None and bars.isVisible():
            parts.append(bars)
        return parts

    def write_picture(self, what, fmt, path) -> bool:
        """``what``: "diagram", "loss", "output" or "gradients"; ``fmt``: "png", "svg" or "csv"."""
        if fmt == "csv":
            view = self._plots[what][0]
            return self._write(path, lambda: csv_text(*view.export_table()))
        widgets = self._picture_widgets(what)
        title = self.tr("Network diagram") if what == "diagram" else self._plots[what][1]
        if fmt == "svg":
            return self._write(path, lambda: picture_svg(widgets, title, self.files.name()))
        return self._write(path, lambda: picture_png(widgets))

    def write_data(self, what, path, steps=1):
        """Start an export that needs the model's state; ``exported(path)`` (or ``failed``) when written."""
        self.files.request_copy(lambda d: self._write(path, lambda: self._make(what, d, path, steps)))

    def _make(self, what, d, path, steps):
        from model.session import Session

        session = Session.from_dict(d)
        t = session.trainer
        if what == "history":
            first = t.step - t.history.loss.n
            return csv_text(*history_table(t.history, first_step=max(0, first)))
        if what == "epochs":
            first = t.epoch - t.history.epoch_report.n
            return csv_text(*epoch_table(t.history, first_epoch=max(0, first)))
        if what in ("trace_jsonl", "trace_csv"):
            from model.trace import trace_records

            records = list(trace_records(session, steps))
            return jsonl_text(records) if what == "trace_jsonl" else csv_text(*trace_table(records))
        if what == "handout":
            return self._handout(session)
        if what in ("numpy", "pytorch"):
            return self._script(session, what, path)
        raise ValueError(f"unknown export {what!r}")

    def _handout(self, session) -> bytes:
        w = self.window
        old_theme, old_palette = style.theme(), QApplication.palette()
        light = style.THEMES["light"]
        try:
            if old_theme is not light:  # on paper: the light theme, whatever the screen shows
                QApplication.setPalette(style.palette(light))
                style.set_theme(light)
            w.loss_plot.refresh()
            data, _pages = handout_pdf(
                session,
                diagram=w.diagram_panel.diagram,
                curve=[w.loss_plot.plot, w.loss_plot.legend],
                sample=w.diagram_panel.diagram.sample(),
                precision=w.inspector.precision(),
            )
        finally:
            if old_theme is not light:
                QApplication.setPalette(old_palette)
                style.set_theme(old_theme)
        return data

    @staticmethod
    def _script(session, target, path) -> str:
        from model.export import export_script
        from model.presets import PRESETS

        preset = PRESETS.get(session.name)
        epochs = preset.epochs if preset else 1000
        log_every = preset.log_every if preset else max(1, epochs // 10)
        return export_script(session, target, epochs, log_every, source=f"--session {session.name}.json", filename=path)
