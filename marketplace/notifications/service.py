"""Send notifications: render an email template in each reader's language and queue it in the outbox.

Every domain sends through :func:`send_email`. The row is written in the caller's
transaction, so a notification exists exactly when the change it reports was committed.
With ``MAIL_SERVER`` configured, queued rows are delivered over SMTP after the request
(or by ``flask mail deliver``); without it they stay in the outbox, readable at /dev/outbox.
"""

import logging
import smtplib
from collections.abc import Callable, Iterable
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, g, has_request_context, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from marketplace.clock import utcnow
from marketplace.extensions import db
from marketplace.i18n import DEFAULT, LANGUAGES
from marketplace.i18n import language as current_language
from marketplace.notifications import preferences
from marketplace.notifications.models import (
    Delivery,
    DigestItem,
    EmailStatus,
    NotificationKind,
    OutboxEmail,
    OutboxSms,
)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5

Recipient = str | Any  # an address, or a user with `email` and `language` (notifications know no accounts)


def send_email(recipients: Recipient | Iterable[Recipient], subject: str, template: str, *,
               language: str | None = None, kind: NotificationKind | None = None,
               **context) -> list[OutboxEmail]:
    """Queue one email per recipient, each in its reader's language; the caller's commit makes them real.

    A recipient is a user (anything with `email` and `language`), written to in the language they chose, else in
    `language`, else in Finnish (not in the sender's: a coach's English browser must not decide for a workshop);
    or an address, written to in `language`, else in the language of the page that sent it (the address's owner
    asked there). The subject is a lazy string (`_l`), so each language's version is made under force_locale.
    With a `kind`, each user's choice for it applies: at once, in tomorrow's digest, or not at all.
    """
    if isinstance(recipients, str) or hasattr(recipients, "email"):
        recipients = [recipients]
    readers: dict[str, str] = {}
    user_ids: dict[str, int] = {}
    for recipient in recipients:
        is_user = hasattr(recipient, "email")
        chosen = [getattr(recipient, "language", None), language, DEFAULT if is_user else current_language()]
        address = recipient.email if is_user else recipient
        readers.setdefault(address, next(c for c in chosen if c in LANGUAGES))
        if is_user and kind is not None:
            user_ids[address] = recipient.id
    choices = preferences.route(user_ids, kind) if kind is not None else {}
    emails, batched = [], []
    for code in dict.fromkeys(readers.values()):
        with force_locale(code):
            subject_text, body = str(subject), render_template(template, **context)
        for address, reader_language in readers.items():
            if reader_language != code:
                continue
            delivery = choices.get(address, Delivery.IMMEDIATE)
            if delivery is Delivery.IMMEDIATE:
                emails.append(OutboxEmail(recipient=address, subject=subject_text, body=body, template=template))
            elif delivery is Delivery.DIGEST:
                batched.append(DigestItem(user_id=user_ids[address], recipient=address, language=code, kind=kind,
                                          subject=subject_text, link=context.get("link", ""), body=body))
    db.session.add_all(emails + batched)
    if emails and has_request_context():
        g.outbox_has_mail = True
    return emails


def send_daily_digests() -> int:
    """Send each user one email with what they chose to batch since the last; return how many were sent.

    Each user's items are taken with one DELETE … RETURNING, so two hosts running the job at once never send one
    item twice; the digest email is written in the same transaction.
    """
    sent = 0
    for user_id in _waiting_users():
        items = db.session.execute(
            delete(DigestItem).where(DigestItem.user_id == user_id)
            .returning(DigestItem.id, DigestItem.recipient, DigestItem.language, DigestItem.kind,
                       DigestItem.subject, DigestItem.link, DigestItem.body)
        ).all()
        if items:
            items = sorted(items, key=lambda item: item.id)
            latest = items[-1]
            with force_locale(latest.language):
                db.session.add(OutboxEmail(
                    recipient=latest.recipient,
                    subject=str(_l("Päivän kooste Kumppanitorilta: %(count)s ilmoitusta", count=len(items))),
                    body=render_template("notifications/email/digest.txt", items=items,
                                         settings_link=absolute_url("notifications.settings")),
                    template="notifications/email/digest.txt",
                ))
            sent += 1
        db.session.commit()
    return sent


def _waiting_users() -> list[int]:
    return list(db.session.scalars(select(DigestItem.user_id).distinct().order_by(DigestItem.user_id)))


def absolute_url(endpoint: str, **values) -> str:
    """Build a link for an email: from PUBLIC_BASE_URL when set (never from the request's Host header)."""
    base = current_app.config["PUBLIC_BASE_URL"]
    if not base:
        if has_request_context():
            return url_for(endpoint, _external=True, **values)
        base = "http://127.0.0.1:5000"
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)


def smtp_configured() -> bool:
    return bool(current_app.config["MAIL_SERVER"])


def deliver_queued(limit: int = 100) -> int:
    """Send queued and earlier failed emails over SMTP; return how many were sent."""
    if not smtp_configured():
        return 0
    return deliver(OutboxEmail, _send_smtp, (OSError, smtplib.SMTPException), limit)


def deliver(model, send: Callable, errors: tuple[type[Exception], ...], limit: int) -> int:
    """Hand queued and earlier failed rows of an outbox (emails, text messages) to `send`, each claimed first so
    two processes never send one twice; a failure is kept and tried again, at most MAX_ATTEMPTS times."""
    retry = [EmailStatus.QUEUED, EmailStatus.FAILED]
    ids = db.session.scalars(select(model.id).where(model.status.in_(retry), model.attempts < MAX_ATTEMPTS)
                             .order_by(model.id).limit(limit)).all()
    sent = 0
    for row_id in ids:
        claimed = db.session.execute(
            update(model).where(model.id == row_id, model.status.in_(retry))
            .values(status=EmailStatus.SENDING, attempts=model.attempts + 1)
        ).rowcount == 1
        db.session.commit()
        if not claimed:
            continue  # another process is sending it
        row = db.session.get(model, row_id)
        try:
            send(row)
        except errors as error:
            log.warning("sending %s %s failed: %s", model.__tablename__, row.id, error)
            row.status, row.error = EmailStatus.FAILED, str(error)
        else:
            row.status, row.sent_at, row.error = EmailStatus.SENT, utcnow(), ""
            sent += 1
        db.session.commit()
    return sent


def _send_smtp(email: OutboxEmail) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = email.recipient
    message["Subject"] = email.subject
    message["Message-ID"] = make_msgid(domain="kumppanitori")
    message.set_content(email.body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def purge_outbox() -> int:
    """Delete emails and text messages older than OUTBOX_RETENTION: the outbox is a queue, not an archive of who
    was told what (the timelines say that, without addresses). Return how many rows went."""
    cutoff = utcnow() - current_app.config["OUTBOX_RETENTION"]
    purged = sum(db.session.execute(delete(model).where(model.created_at < cutoff)).rowcount
                 for model in (OutboxEmail, OutboxSms))
    db.session.commit()
    return purged


def recent_emails(limit: int = 200) -> list[OutboxEmail]:
    return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id.desc()).limit(limit)))
