"""Template filters and the values every page needs (navigation, labels)."""

import re
from itertools import groupby

import segno
from flask import Flask, has_request_context
from flask_login import current_user
from markupsafe import Markup

from marketplace.accounts.labels import KIND_LABELS, ORGANISATION_ROLE_LABELS, ROLE_LABELS, STATUS_LABELS
from marketplace.accounts.permissions import can_moderate
from marketplace.accounts.session import active_membership
from marketplace.i18n import LANGUAGES, language, show_clock, show_date, show_datetime, show_week
from marketplace.reference import municipality_name
from marketplace.validators import format_phone, phone_href

_BULLET = re.compile(r"^\s*[-*•–]\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


def paragraphs(text: str | None) -> Markup:
    """Plain text as safe HTML: blank lines separate paragraphs, lines starting with - or 1. become lists.

    Everything the user wrote is escaped; no HTML from users ever reaches the page.
    """
    html = []
    for block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for kind, group in groupby(lines, key=_line_kind):
            group = list(group)
            if kind == "p":
                html.append(Markup("<p>{}</p>").format(Markup("<br>").join(group)))
            else:
                pattern = _BULLET if kind == "ul" else _NUMBERED
                items = Markup("").join(Markup("<li>{}</li>").format(pattern.sub("", line)) for line in group)
                html.append(Markup("<{0}>{1}</{0}>").format(Markup(kind), items))
    return Markup("").join(html)


def phone_link(stored: str | None) -> Markup | str:
    """A stored phone number as a tel: link, or as plain text when no phone could call it."""
    href = phone_href(stored)
    return Markup('<a href="{}">{}</a>').format(href, format_phone(stored)) if href else format_phone(stored)


def qr_code(url: str, title: str = "") -> Markup:
    """A QR code of `url` as inline SVG (scales sharply on paper; no image request), titled for screen readers."""
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, title=title or url, svgclass="qr-code")
    return Markup(svg)  # segno escapes `url` and `title`


def _line_kind(line: str) -> str:
    if _BULLET.match(line):
        return "ul"
    if _NUMBERED.match(line):
        return "ol"
    return "p"


def init_app(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        clock=show_clock,
        date=show_date,
        datetime=show_datetime,
        municipality=municipality_name,
        paragraphs=paragraphs,
        phone=format_phone,
        phone_link=phone_link,
        qr_code=qr_code,
        week=show_week,
    )

    app.jinja_env.globals.update(
        KIND_LABELS=KIND_LABELS,
        STATUS_LABELS=STATUS_LABELS,
        ROLE_LABELS=ROLE_LABELS,
        ROLE_NAMES=ORGANISATION_ROLE_LABELS,
        LANGUAGES=LANGUAGES,
        language=language,
    )

    @app.context_processor
    def page_context():
        if not has_request_context():  # emails rendered by commands
            return {}
        return {"active_membership": active_membership(), "is_coordinator": can_moderate(current_user)}
