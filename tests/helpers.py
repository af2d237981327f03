"""Helpers for reading what the app did: queued emails and the links in them."""

import re
import threading

from flask import current_app

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


def at_once(*calls):
    """Run the calls in threads started together, each in its own app context, as two workers would.

    Returns their results in order (or the exception a call raised).
    """
    app = current_app._get_current_object()
    results: list = [None] * len(calls)

    def run(index, call):
        with app.app_context():
            try:
                results[index] = call()
            except Exception as error:  # noqa: BLE001 (the caller asserts on it)
                results[index] = error
            db.session.remove()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def meet_at(monkeypatch, owner, name: str, parties: int):
    """Make the first call of `owner.name` in each thread wait until `parties` threads have reached it.

    Two requests then pass the same check before either writes: the race happens every time.
    """
    original = getattr(owner, name)
    barrier = threading.Barrier(parties, timeout=10)
    arrived = threading.local()

    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        if not getattr(arrived, "done", False):
            arrived.done = True
            barrier.wait()
        return result

    monkeypatch.setattr(owner, name, wrapper)


def referral_views(referral=None, user=None) -> list:
    """The audit trail's views of referrals' personal data, oldest first (optionally of one referral or user)."""
    from marketplace.audit.models import AuditEvent, AuditKind

    query = db.select(AuditEvent).where(AuditEvent.kind == AuditKind.REFERRAL_VIEWED).order_by(AuditEvent.id)
    if referral is not None:
        query = query.where(AuditEvent.object_id == str(referral.uuid))
    if user is not None:
        query = query.where(AuditEvent.user_id == user.id)
    return list(db.session.scalars(query))


def decode_qr(page: str) -> str:
    """Read the first QR code of a page as a phone would: draw segno's inline SVG path and decode the picture."""
    import zxingcpp
    from PIL import Image, ImageDraw

    svg = re.search(r'<svg width="(\d+)" height="(\d+)"[^>]*>.*?transform="scale\((\d+)\)".*? d="([^"]+)"', page, re.S)
    assert svg, "no QR code on the page"
    width, height, scale, path = int(svg[1]), int(svg[2]), int(svg[3]), svg[4]
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, number in re.findall(r"([Mmh])(-?[\d.]+(?: -?[\d.]+)?)", path):
        values = [float(v) for v in number.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:  # a run of dark modules on row y - 0.5
            draw.rectangle([x * scale, (y - 0.5) * scale, (x + values[0]) * scale - 1, (y + 0.5) * scale - 1], fill=0)
            x += values[0]
    results = zxingcpp.read_barcodes(image)
    assert results, "the QR code does not decode"
    return results[0].text
