"""Sections of equations and notes, and their two renderings: HTML for the inspector, plain lines for the trace."""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from typing import Any

from ..notation import Detail, Line, Math, Note, Symbolic, as_math, strip_tags
from ..text import msg

__all__ = ["Section", "render_html", "render_lines"]


@dataclass
class _Eq:
    lhs: Math
    rhs: list
    nested: bool = False  # one sample's numbers under a "sample r:" label


@dataclass
class Section:
    """One part of an explanation (forward, loss, delta, gradient or update) under a heading.

    ``mode`` filters the right-hand sides of the equations added: ``full`` keeps them all;
    ``symbolic`` (a batch's header) keeps only the formulas in symbols; ``numeric`` (each sample
    of a batch) drops the symbols and details and indents the line under its sample's label.
    """

    kind: str
    heading: str
    items: list = field(default_factory=list)
    current: bool = False
    mode: str = "full"

    def eq(self, lhs: Any, *rhs: Any) -> None:
        """lhs = rhs₁ = rhs₂ …, filtered by the mode (``None`` entries are dropped)."""
        rhs = [as_math(r) for r in rhs if r is not None]
        if self.mode == "symbolic":
            rhs = [r for r in rhs if isinstance(r, Symbolic)]
            if not rhs:
                return
        elif self.mode == "numeric":
            rhs = [r for r in rhs if not isinstance(r, (Symbolic, Detail))]
        self.items.append(_Eq(as_math(lhs), rhs, self.mode == "numeric"))

    def note(self, body: Any, style: str = "note") -> None:
        if self.mode == "numeric" and style == "note":
            return  # said once, in the batch's header
        self.items.append(Note(body, style))

    def add(self, items: list) -> None:
        """Lines and Notes from a family member (a loss, an activation, an optimizer)."""
        for item in items:
            if isinstance(item, Line):
                self.eq(item.lhs, *item.rhs)
            elif isinstance(item, Note):
                self.note(item.body, item.style)


_NOTE_STYLE = {
    "note": "color:#555555; font-size:small;",
    "tag": "color:#333333; padding-top:6px;",
    "pending": "color:#8a6d00; font-style:italic;",
    "warn": "color:#b2182b;",
}


def render_html(title: str, scope: str, sections: list[Section]) -> str:
    """The explanation as Qt rich text: a title, the scope line, then each section's table."""
    this_phase = _html.escape(msg("model.equations", "◀ this phase"))
    out = [f'<p style="font-size:large; font-weight:600; margin-bottom:2px;">{_html.escape(title)}</p>']
    if scope:
        out.append(f'<p style="color:#555555; margin-top:0px;">{_html.escape(scope)}</p>')
    for sec in sections:
        if sec.current:
            out.append(
                f'<p style="font-weight:600; color:#333333; background-color:#fdebd9; margin-top:12px; '
                f'margin-bottom:4px;">&nbsp;{_html.escape(sec.heading)} '
                f'<span style="color:#b34700; font-size:small;">{this_phase}</span></p>'
            )
        else:
            out.append(
                f'<p style="font-weight:600; color:#333333; margin-top:12px; margin-bottom:4px;">'
                f"{_html.escape(sec.heading)}</p>"
            )
        rows = []
        # the left column: a width that fits its widest symbol at 13 pt, and nowrap (Qt honours the style,
        # not the attribute) so a larger font or a wide glyph (Δ) widens it instead of breaking Δw₅ in two
        lhs_px = max(
            [_html_width(i.lhs.html) + (18 if i.nested else 0) for i in sec.items if isinstance(i, _Eq)], default=0
        )
        for item in sec.items:
            if isinstance(item, _Eq):
                first = True
                pad = "padding-left:18px;" if item.nested else ""
                for r in item.rhs or [Math()]:
                    lhs = item.lhs.html if first else ""
                    eq = "=" if item.rhs else ""
                    rows.append(
                        f'<tr><td align="right" width="{lhs_px}" style="white-space:nowrap;{pad}">{lhs}</td>'
                        f'<td align="center" width="22">{eq}</td><td>{r.html}</td></tr>'
                    )
                    first = False
            else:
                rows.append(f'<tr><td colspan="3" style="{_NOTE_STYLE[item.style]}">{item.body.html}</td></tr>')
        out.append('<table cellspacing="0" cellpadding="2" width="100%">' + "".join(rows) + "</table>")
    return "\n".join(out)


def _html_width(h: str) -> int:
    """A rough width in pixels of a symbol at the inspector's 13 pt: base characters and sub/superscripts."""
    small = sum(len(strip_tags(x)) for x in re.findall(r"<su[bp]>(.*?)</su[bp]>", h))
    total = len(_html.unescape(strip_tags(h)))
    return int(11 * (total - small) + 7 * small) + 8


def render_lines(sections: list[Section], headings: bool = True, indent: str = "", notes: bool = True) -> list[str]:
    """The explanation as plain text lines (``notes=False`` keeps the equations and sample labels only)."""
    this_phase = msg("model.equations", "◀ this phase")
    lines: list[str] = []
    for sec in sections:
        if headings:
            if lines:
                lines.append("")
            lines.append(indent + sec.heading + (f"   {this_phase}" if sec.current else ""))
        pad = indent + ("  " if headings else "")
        for item in sec.items:
            if isinstance(item, _Eq):
                lhs = item.lhs.text
                p2 = pad + ("  " if item.nested else "")
                if not item.rhs:
                    lines.append(p2 + lhs)
                    continue
                for k, r in enumerate(item.rhs):
                    lines.append(p2 + (lhs if k == 0 else " " * len(lhs)) + " = " + r.text)
            elif notes or item.style != "note":
                lines.append(pad + item.body.text)
    return lines
