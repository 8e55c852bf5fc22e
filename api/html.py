"""HTML made safe by construction: text is escaped unless it is already :class:`Html`.

A handful of helpers instead of a template engine: the pages are small, server-made and have no
inline script or style (they run under the strict policy of :data:`api.assets.CSP`).

>>> el("p", "Fish & chips", class_="note")
'<p class="note">Fish &amp; chips</p>'
>>> el("a", "<b>", href="/la/E10000012?asOf=2024-06-01&x=1")
'<a href="/la/E10000012?asOf=2024-06-01&amp;x=1">&lt;b&gt;</a>'
>>> el("input", type="date", required=True, disabled=None)
'<input type="date" required>'
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

VOID = frozenset({"br", "hr", "img", "input", "link", "meta"})


class Html(str):
    """Text that is HTML already: never escaped again."""


def esc(value: object) -> Html:
    """``value`` as HTML text (None as nothing)."""
    if isinstance(value, Html):
        return value
    return Html("" if value is None else escape(str(value), quote=True))


def join(children: Iterable[object]) -> Html:
    """The children one after the other (lists are flattened, None dropped)."""
    out = []
    for child in children:
        if child is None:
            continue
        if isinstance(child, list | tuple):
            out.append(join(child))
        else:
            out.append(esc(child))
    return Html("".join(out))


def el(tag: str, *children: object, **attrs: object) -> Html:
    """An element: ``class_`` is ``class``, ``data_x`` is ``data-x``; True is a bare attribute."""
    parts = [tag]
    for key, value in attrs.items():
        name = key.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        parts.append(name if value is True else f'{name}="{esc(value)}"')
    head = "<" + " ".join(parts) + ">"
    if tag in VOID:
        return Html(head)
    return Html(f"{head}{join(children)}</{tag}>")


def document(
    title: str, body: object, scripts: Iterable[str] = (), styles: Iterable[str] = ()
) -> Html:
    """A whole page: its title, stylesheets, deferred scripts (files of the app) and body."""
    head = [
        el("meta", charset="utf-8"),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("title", title),
        el("link", rel="icon", href="data:,"),  # no request for /favicon.ico
        [el("link", rel="stylesheet", href=href) for href in styles],
        [el("script", defer=True, src=src) for src in scripts],
    ]
    return Html("<!doctype html>\n" + el("html", el("head", head), el("body", body), lang="en"))
