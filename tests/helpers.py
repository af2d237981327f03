"""Helpers for reading what the app did: queued emails and the links in them."""

import re

from marketplace.extensions import db
from marketplace.notifications.models import OutboxEmail

PASSWORD = "oikein-hyvä-salasana"


def outbox(to: str | None = None) -> list[OutboxEmail]:
    """The emails queued so far, oldest first, optionally only those to one address."""
    query = db.select(OutboxEmail).order_by(OutboxEmail.id)
    if to:
        query = query.where(OutboxEmail.recipient == to)
    return list(db.session.scalars(query))


def link_in(email: OutboxEmail) -> str:
    """The path of the first link in an email, relative to the site."""
    url = re.search(r"https://kumppanitori\.test(/\S+)", email.body)
    assert url, email.body
    return url.group(1)
