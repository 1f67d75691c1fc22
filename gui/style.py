"""One home for how the window looks: themes (colours), fonts, pens and the presentation zoom.

Every view reads its colours from :func:`theme` and its sizes through :func:`pt` and :func:`px`, and
re-reads them in ``restyle()`` when :data:`notifier` says the theme or the zoom changed.  A theme is
plain data, so a test can check every text/background pair it uses for a contrast of at least 4.5:1
(WCAG 2.1, :func:`contrast`).

Themes: ``light`` (the default), ``dark`` (chosen by ``system`` when Qt's
``QStyleHints.colorScheme`` says the desktop is dark) and ``high_contrast`` (black on white, heavier
lines; what presentation mode uses on a washed-out projector).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette, QPen

__all__ = [
    "Theme",
    "THEMES",
    "THEME_CHOICES",
    "ZOOM_MIN",
    "ZOOM_MAX",
    "ZOOM_STEP",
    "theme",
    "zoom",
    "set_theme",
    "set_zoom",
    "resolve",
    "system_scheme",
    "pt",
    "plot_pt",
    "plot_font",
    "px",
    "font",
    "pen",
    "mkpen",
    "colour",
    "contrast",
    "luminance",
    "readable_on",
    "interp",
    "toward_base",
    "recolour_html",
    "palette",
    "text_pairs",
    "tint",
    "retint",
    "notifier",
]

# -- sizes ------------------------------------------------------------------------------------------
BASE_PT = 10.5  # the application's font, never smaller: readable from the back of a lecture hall
TICK_PT = 11
LABEL_PT = 12
TITLE_PT = 13
LINE_PX = 2.5
EQUATION_FONT = ("DejaVu Serif", "Cambria", "Times New Roman", "serif")
EQUATION_PT = 13

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 1.0, 2.5, 0.25


@dataclass(frozen=True)
class Theme:
    """The colours of one theme, as ``#rrggbb`` strings (``rgba`` tuples where alpha matters)."""

    name: str
    label: str
    dark: bool
    window: str  # panels, docks, dialogs
    base: str  # what views draw on: diagram, plots, inspector
    text: str  # ink: text, axes, outlines of marks
    muted: str  # notes and secondary text
    grid: str
    rule: str  # thin separator lines
    outline: str  # the neurons' rims
    select: str  # the selection ring
    marker: str  # the plots' "current step" line
    blue: str  # negative values, the loss curve
    orange: str  # positive values
    green: str  # accuracy
    error: str  # error text
    nan: str  # a non-finite value
    pending_fill: str  # "not computed yet in this step"
    pending_line: str
    disabled: str  # an item that cannot be chosen (e.g. a loss that does not fit)
    highlight: str  # selected text / list items
    glow: tuple  # rgba: what the current phase just computed
    band: tuple  # rgba: the column of the current phase
    caption: tuple  # rgba: the caption's background while stepping
    arrow: tuple  # rgba: the flow arrows
    neuron_stops: tuple  # diverging scale for a, z, δ
    edge_stops: tuple  # diverging scale for w, ∂L/∂w
    classes: tuple  # categorical colours for data classes
    scope: dict  # inspector badge kind -> (background, foreground)
    html: dict  # colours in model-made HTML (inspector) -> this theme's
    tooltip: tuple = ("#ffffdc", "#000000")  # (background, text)
    line_scale: float = 1.0  # lines heavier than the light theme's (high contrast)
    surface_mix: float = 0.55  # how far the output heatmap's colours move towards the background
    extra_pairs: tuple = field(default=())  # more (what, fg, bg) that this theme shows as text


LIGHT = Theme(
    name="light",
    label="Light",
    dark=False,
    window="#efefef",
    base="#ffffff",
    text="#1a1a1a",
    muted="#555555",
    grid="#e3e3e3",
    rule="#dddddd",
    outline="#4d4d4d",
    select="#111111",
    marker="#555555",
    blue="#2166ac",
    orange="#e66101",
    green="#1b7837",
    error="#b2182b",
    nan="#d01cb0",
    pending_fill="#e3e3e3",
    pending_line="#9a9a9a",
    disabled="#8c8c8c",
    highlight="#2166ac",
    glow=(255, 190, 0, 150),
    band=(255, 226, 130, 80),
    caption=(255, 226, 130, 140),
    arrow=(40, 40, 40, 210),
    # Diverging, colour-blind safe: blue negative, orange positive (PuOr / RdBu family).
    neuron_stops=(
        (-1.0, "#2166ac"),
        (-0.5, "#67a9cf"),
        (-0.15, "#d1e5f0"),
        (0.0, "#f7f7f7"),
        (0.15, "#fee0b6"),
        (0.5, "#fdb863"),
        (1.0, "#e66101"),
    ),
    # Edges near 0 are light grey rather than white, so they stay visible on the white background.
    edge_stops=((-1.0, "#2166ac"), (-0.5, "#5b9bd0"), (0.0, "#cfcfcf"), (0.5, "#f5a55c"), (1.0, "#e66101")),
    classes=("#2166ac", "#e66101", "#1b9e77", "#7570b3", "#e7298a", "#a6761d", "#666666", "#66a61e"),
    scope={
        "sample": ("#fde0c5", "#7f3b08"),
        "batch": ("#d1e5f0", "#053061"),
        "error": ("#f4cccc", "#67001f"),
        None: ("#eeeeee", "#444444"),
    },
    # the inspector's positive numbers (#d95f02) are 3.7:1 on white: a darker orange reads
    html={"#d95f02": "#a84300"},
)

DARK = Theme(
    name="dark",
    label="Dark",
    dark=True,
    window="#2b2b2b",
    base="#1e1e1e",
    text="#ececec",
    muted="#b8b8b8",
    grid="#3a3a3a",
    rule="#4a4a4a",
    outline="#cfcfcf",
    select="#ffffff",
    marker="#c8c8c8",
    blue="#6aaee8",
    orange="#f59a45",
    green="#6cc282",
    error="#ff8a80",
    nan="#ff6ad5",
    pending_fill="#3a3a3a",
    pending_line="#9a9a9a",
    disabled="#8a8a8a",
    highlight="#2f6aa3",
    glow=(255, 196, 40, 120),
    band=(255, 210, 90, 40),
    caption=(255, 210, 90, 60),
    arrow=(235, 235, 235, 210),
    # the middle is dark like the background: a bright neuron is a large value
    neuron_stops=(
        (-1.0, "#6aaee8"),
        (-0.5, "#3b78b0"),
        (-0.15, "#2f4252"),
        (0.0, "#3c3c3c"),
        (0.15, "#55402c"),
        (0.5, "#b8661f"),
        (1.0, "#f59a45"),
    ),
    edge_stops=((-1.0, "#6aaee8"), (-0.5, "#3e7bb3"), (0.0, "#4d4d4d"), (0.5, "#b86b2a"), (1.0, "#f59a45")),
    classes=("#6aaee8", "#f59a45", "#4fc3a1", "#a59ce0", "#f06bb0", "#d9a441", "#bdbdbd", "#8fd14f"),
    scope={
        "sample": ("#5a3412", "#ffdcb8"),
        "batch": ("#1d3f5c", "#d4e9ff"),
        "error": ("#5c1a22", "#ffd0d0"),
        None: ("#3a3a3a", "#dadada"),
    },
    html={
        "#2166ac": "#8cc4f0",
        "#d95f02": "#f7a85e",
        "#666666": "#b4b4b4",
        "#555555": "#b8b8b8",
        "#333333": "#e4e4e4",
        "#8a6d00": "#e3c55a",
        "#b2182b": "#ff8a80",
        "#b34700": "#ffb577",
        "#fdebd9": "#4a3620",
        "#1b7837": "#7fd492",
    },
    tooltip=("#3a3a3a", "#f0f0f0"),
    surface_mix=0.62,
)

HIGH_CONTRAST = Theme(
    name="high_contrast",
    label="High contrast",
    dark=False,
    window="#ffffff",
    base="#ffffff",
    text="#000000",
    muted="#262626",
    grid="#b8b8b8",
    rule="#7a7a7a",
    outline="#000000",
    select="#000000",
    marker="#000000",
    blue="#0046ad",
    orange="#c24100",
    green="#006b1f",
    error="#a00000",
    nan="#b000a0",
    pending_fill="#e0e0e0",
    pending_line="#555555",
    disabled="#6e6e6e",
    highlight="#0046ad",
    glow=(255, 180, 0, 190),
    band=(255, 214, 90, 110),
    caption=(255, 214, 90, 170),
    arrow=(0, 0, 0, 230),
    neuron_stops=(
        (-1.0, "#0046ad"),
        (-0.5, "#4f8fe0"),
        (-0.15, "#cfe0f7"),
        (0.0, "#ffffff"),
        (0.15, "#ffd9b8"),
        (0.5, "#f0913c"),
        (1.0, "#c24100"),
    ),
    edge_stops=((-1.0, "#0046ad"), (-0.5, "#3f7fd6"), (0.0, "#a0a0a0"), (0.5, "#e5823a"), (1.0, "#c24100")),
    classes=("#0046ad", "#c24100", "#007a5a", "#5b4fb0", "#c2177a", "#7a5200", "#4d4d4d", "#3f7a00"),
    scope={
        "sample": ("#ffe2c4", "#4d1f00"),
        "batch": ("#d6e6fa", "#001f4d"),
        "error": ("#ffd6d6", "#5c0000"),
        None: ("#ececec", "#000000"),
    },
    html={
        "#2166ac": "#0046ad",
        "#d95f02": "#a33600",
        "#666666": "#333333",
        "#555555": "#262626",
        "#333333": "#000000",
        "#8a6d00": "#5c4800",
        "#b2182b": "#a00000",
        "#b34700": "#8a3000",
    },
    tooltip=("#ffffff", "#000000"),
    line_scale=1.5,
    surface_mix=0.6,
)

THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}
#: The View menu's choices: the system's light or dark, or a theme by name.
THEME_CHOICES = ("system", "light", "dark", "high_contrast")


class _Notifier(QObject):
    """Says when the theme or the zoom changed: views connect ``changed`` to their ``restyle``."""

    changed = Signal()


notifier = _Notifier()
_state = {"theme": LIGHT, "zoom": 1.0}


def theme() -> Theme:
    """The theme in effect."""
    return _state["theme"]


def zoom() -> float:
    """The presentation zoom in effect (1.0 … 2.5)."""
    return _state["zoom"]


def system_scheme() -> str:
    """``"dark"`` when the desktop asks for dark colours (Qt's ``QStyleHints.colorScheme``), else ``"light"``."""
    app = QGuiApplication.instance()
    if app is None:
        return "light"
    return "dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def resolve(choice: str, scheme: str | None = None) -> Theme:
    """The theme for a View-menu ``choice``; ``"system"`` follows ``scheme`` (default: the desktop's)."""
    if choice == "system":
        return DARK if (scheme or system_scheme()) == "dark" else LIGHT
    if choice not in THEMES:
        raise ValueError(f"unknown theme {choice!r}; choose one of: {', '.join(THEME_CHOICES)}")
    return THEMES[choice]


def set_theme(new: Theme | str) -> bool:
    """Make ``new`` (a Theme or a name) the theme in effect; True (and ``notifier.changed``) if it changed."""
    new = THEMES[new] if isinstance(new, str) else new
    if new is _state["theme"]:
        return False
    _state["theme"] = new
    notifier.changed.emit()
    return True


def set_zoom(value: float) -> float:
    """Set the zoom, clamped to 1.0 … 2.5 in steps of 0.25; returns the zoom in effect."""
    value = min(ZOOM_MAX, max(ZOOM_MIN, round(float(value) / ZOOM_STEP) * ZOOM_STEP))
    if value != _state["zoom"]:
        _state["zoom"] = value
        notifier.changed.emit()
    return value


def pt(points: float) -> float:
    """A font size in points, zoomed."""
    return points * _state["zoom"]


def plot_pt(points: float) -> float:
    """A plot's font size, zoomed gently (by the square root): a plot's room does not grow with the zoom."""
    return points * _state["zoom"] ** 0.5


def plot_font(points: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(plot_pt(points))
    f.setBold(bold)
    return f


def px(width: float) -> float:
    """A line width in pixels, zoomed and made heavier by the theme."""
    return width * _state["zoom"] * _state["theme"].line_scale


def font(points: float, bold: bool = False, base: QFont | None = None) -> QFont:
    """``base`` (default: the application's font) at ``pt(points)``."""
    f = QFont(base) if base is not None else QFont()
    f.setPointSizeF(pt(points))
    f.setBold(bold)
    return f


def colour(c) -> QColor:
    """A QColor from ``#rrggbb``, an ``(r, g, b[, a])`` tuple or a QColor."""
    if isinstance(c, QColor):
        return QColor(c)
    if isinstance(c, tuple):
        return QColor(*c)
    return QColor(c)


def pen(c, width: float = 1.0, style=Qt.SolidLine, cosmetic: bool = False) -> QPen:
    """A QPen of a theme colour; ``width`` in unzoomed pixels (see :func:`px`)."""
    p = QPen(colour(c), px(width), style)
    p.setCosmetic(cosmetic)
    return p


def mkpen(c, width: float = LINE_PX, **kw):
    """A pyqtgraph pen, zoomed like :func:`pen`."""
    return pg.mkPen(colour(c), width=px(width), **kw)


# -- colour arithmetic ------------------------------------------------------------------------------
def luminance(c) -> float:
    """Relative luminance (WCAG 2.1): 0 for black, 1 for white."""
    q = colour(c)

    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(q.redF()) + 0.7152 * lin(q.greenF()) + 0.0722 * lin(q.blueF())


def contrast(fg, bg) -> float:
    """The contrast ratio of two colours, 1 … 21 (text needs 4.5)."""
    a, b = luminance(fg), luminance(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def readable_on(fill, t: Theme | None = None) -> QColor:
    """The theme's ink, white or black, whichever reads best on ``fill``."""
    t = t or theme()
    return max((colour(t.text), QColor("#ffffff"), QColor("#000000")), key=lambda c: contrast(c, fill))


def interp(stops, t: float) -> QColor:
    """The colour at ``t`` (−1 … 1) of a scale given as ``(position, colour)`` stops."""
    t = max(-1.0, min(1.0, t))
    for (t0, c0), (t1, c1) in zip(stops[:-1], stops[1:]):
        if t <= t1:
            f = (t - t0) / (t1 - t0)
            a, b = QColor(c0), QColor(c1)
            return QColor.fromRgbF(
                a.redF() + f * (b.redF() - a.redF()),
                a.greenF() + f * (b.greenF() - a.greenF()),
                a.blueF() + f * (b.blueF() - a.blueF()),
            )
    return QColor(stops[-1][1])


def toward_base(c, amount: float | None = None, t: Theme | None = None) -> QColor:
    """``c`` moved ``amount`` of the way to the theme's background (a pale or a dim version of it)."""
    t = t or theme()
    amount = t.surface_mix if amount is None else amount
    a, b = colour(c), colour(t.base)
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def recolour_html(html: str, t: Theme | None = None) -> str:
    """HTML made for white paper (the model's equations), with its colours swapped for the theme's."""
    t = t or theme()
    if not t.html:
        return html
    return _HEX.sub(lambda m: t.html.get(m.group(0).lower(), m.group(0)), html)


def palette(t: Theme | None = None) -> QPalette:
    """The application palette of a theme (Fusion draws every widget from it)."""
    t = t or theme()
    p = QPalette()
    roles = {
        QPalette.Window: t.window,
        QPalette.WindowText: t.text,
        QPalette.Base: t.base,
        QPalette.AlternateBase: t.window,
        QPalette.Text: t.text,
        QPalette.Button: t.window,
        QPalette.ButtonText: t.text,
        QPalette.BrightText: "#ffffff",
        QPalette.Highlight: t.highlight,
        QPalette.HighlightedText: "#ffffff",
        QPalette.Link: t.html.get("#2166ac", t.blue),
        QPalette.PlaceholderText: t.muted,
        QPalette.ToolTipBase: t.tooltip[0],
        QPalette.ToolTipText: t.tooltip[1],
        QPalette.Light: toward_base("#ffffff", 0.0, t).name() if not t.dark else "#4a4a4a",
        QPalette.Midlight: "#e3e3e3" if not t.dark else "#3e3e3e",
        QPalette.Mid: "#b8b8b8" if not t.dark else "#2f2f2f",
        QPalette.Dark: "#9f9f9f" if not t.dark else "#191919",
        QPalette.Shadow: "#767676" if not t.dark else "#000000",
    }
    for role, c in roles.items():
        p.setColor(QPalette.All, role, QColor(c))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor(t.disabled))
    p.setColor(QPalette.Disabled, QPalette.Base, QColor(t.window))
    return p


def text_pairs(t: Theme) -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) that the theme shows as text, for a contrast test."""
    pairs = [
        ("text on views", t.text, t.base),
        ("text on panels", t.text, t.window),
        ("notes on views", t.muted, t.base),
        ("notes on panels", t.muted, t.window),
        ("errors on panels", t.error, t.window),
        ("errors on views", t.error, t.base),
        ("selected text", "#ffffff", t.highlight),
        ("tooltips", t.tooltip[1], t.tooltip[0]),
        ("loss curve name", t.blue, t.base),
    ]
    for kind, (bg, fg) in t.scope.items():
        pairs.append((f"inspector badge {kind}", fg, bg))
    # the model's HTML: each text colour on the view's background, the current phase's on its band
    band = t.html.get("#fdebd9", "#fdebd9")
    for light, mapped in [(k, t.html.get(k, k)) for k in _MODEL_TEXT_COLOURS]:
        pairs.append((f"equations {light}", mapped, t.base))
    pairs.append(("equations, current phase", t.html.get("#b34700", "#b34700"), band))
    pairs.append(("equations, current phase heading", t.html.get("#333333", "#333333"), band))
    # a number printed inside a neuron, on every colour of the neuron scale
    for k in range(-16, 17):
        fill = interp(t.neuron_stops, k / 16)
        pairs.append((f"number on neuron colour {fill.name()}", readable_on(fill, t).name(), fill.name()))
    return pairs + list(t.extra_pairs)


#: Text colours that model/equations.py writes into its HTML (made for a white page).
_MODEL_TEXT_COLOURS = ("#2166ac", "#d95f02", "#666666", "#555555", "#333333", "#8a6d00", "#b2182b")


# -- widgets that take a theme colour -----------------------------------------------------------------
_ROLE = "themeRole"


def tint(widget, role: str, bold: bool | None = None):
    """Colour a widget's text with a theme role ("text", "muted", "error" …) and keep it on theme changes.

    Through the palette, not a style sheet: a style sheet would cut the widget off from the panel's font.
    """
    widget.setProperty(_ROLE, role)
    p = widget.palette()
    p.setColor(QPalette.WindowText, QColor(getattr(theme(), role)))
    p.setColor(QPalette.Text, QColor(getattr(theme(), role)))
    widget.setPalette(p)
    if bold is not None:
        f = widget.font()
        if f.bold() != bold:
            f.setBold(bold)
            widget.setFont(f)


def retint(root):
    """Apply the current theme to every widget under ``root`` that :func:`tint` coloured."""
    from PySide6.QtWidgets import QWidget

    for w in [root, *root.findChildren(QWidget)]:
        role = w.property(_ROLE)
        if role:
            tint(w, role)
