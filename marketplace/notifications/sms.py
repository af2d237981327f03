"""Text messages: queued in the outbox like email, handed to whichever SmsBackend SMS_BACKEND names.

No provider is configured by default: messages then stay in the outbox, readable at /dev/outbox. A provider is
added by writing a class with a `send(phone, text)` method that raises SmsError on failure, and setting
MARKETPLACE_SMS_BACKEND="package.module:ClassName"; `flask jobs run-due` and each request then deliver the queue.
"""

from typing import Protocol

from flask import current_app, g, has_request_context
from sqlalchemy import select
from werkzeug.utils import import_string

from marketplace.extensions import db
from marketplace.notifications.models import OutboxSms
from marketplace.notifications.service import deliver


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
    return deliver(OutboxSms, lambda message: sender.send(message.recipient, message.body), (SmsError,), limit)


def recent_messages(limit: int = 200) -> list[OutboxSms]:
    return list(db.session.scalars(select(OutboxSms).order_by(OutboxSms.id.desc()).limit(limit)))
