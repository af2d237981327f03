"""Text messages: queued in the outbox like email, handed to whichever SmsBackend SMS_BACKEND names.

No provider is configured by default: messages then stay in the outbox, readable at /dev/outbox. A provider is
added by writing a class with a `send(phone, text)` method that raises SmsError on failure, and setting
MARKETPLACE_SMS_BACKEND="package.module:ClassName"; `flask jobs run-due` and each request then deliver the queue.
"""

import logging
from typing import Protocol

from flask import current_app, g, has_request_context
from sqlalchemy import select, update
from werkzeug.utils import import_string

from marketplace.clock import utcnow
from marketplace.extensions import db
from marketplace.notifications.models import EmailStatus, OutboxSms

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class SmsError(Exception):
    """The provider refused or could not be reached; the message is tried again later."""


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


def send_sms(phone: str, text: str) -> OutboxSms:
    """Queue a text message to an E.164 number; the caller's commit makes it real."""
    message = OutboxSms(recipient=phone, body=text)
    db.session.add(message)
    if has_request_context():
        g.outbox_has_sms = True
    return message


def sms_configured() -> bool:
    return bool(current_app.config["SMS_BACKEND"])


def backend() -> SmsBackend:
    return import_string(current_app.config["SMS_BACKEND"].replace(":", "."))()


def deliver_queued_sms(limit: int = 100) -> int:
    """Hand queued and earlier failed messages to the backend; return how many were sent."""
    if not sms_configured():
        return 0
    sender = backend()
    ids = db.session.scalars(
        select(OutboxSms.id).where(OutboxSms.status.in_([EmailStatus.QUEUED, EmailStatus.FAILED]))
        .where(OutboxSms.attempts < MAX_ATTEMPTS).order_by(OutboxSms.id).limit(limit)
    ).all()
    sent = 0
    for message_id in ids:
        claimed = db.session.execute(
            update(OutboxSms).where(OutboxSms.id == message_id)
            .where(OutboxSms.status.in_([EmailStatus.QUEUED, EmailStatus.FAILED]))
            .values(status=EmailStatus.SENDING, attempts=OutboxSms.attempts + 1)
        ).rowcount == 1
        db.session.commit()
        if not claimed:
            continue  # another process is sending it
        message = db.session.get(OutboxSms, message_id)
        try:
            sender.send(message.recipient, message.body)
        except SmsError as error:
            log.warning("sending text message %s failed: %s", message.id, error)
            message.status, message.error = EmailStatus.FAILED, str(error)
        else:
            message.status, message.sent_at, message.error = EmailStatus.SENT, utcnow(), ""
            sent += 1
        db.session.commit()
    return sent


def recent_messages(limit: int = 200) -> list[OutboxSms]:
    return list(db.session.scalars(select(OutboxSms).order_by(OutboxSms.id.desc()).limit(limit)))
