"""The outbox: every email the site sends, kept whether or not SMTP is configured."""

import enum
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import utcnow
from marketplace.dbtypes import str_enum
from marketplace.extensions import db


class NotificationKind(enum.StrEnum):
    """The kinds of event a user chooses how to hear about (at /account/notifications)."""

    NEW_REFERRAL = "new_referral"
    REFERRAL_UPDATE = "referral_update"  # an answer or another step in a referral
    MESSAGE = "message"
    OVERDUE = "overdue"
    LEARNING = "learning"
    STALE_OFFERING = "stale_offering"
    SAVED_SEARCH = "saved_search"


class EmailStatus(enum.StrEnum):
    QUEUED = "queued"  # waiting for SMTP, or kept for reading at /dev/outbox
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboxEmail(db.Model):
    """One email to one recipient, written in the same transaction as the change it reports."""

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(200))
    status: Mapped[EmailStatus] = mapped_column(
        str_enum(EmailStatus), default=EmailStatus.QUEUED, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<OutboxEmail {self.id} to={self.recipient} {self.template} {self.status}>"
