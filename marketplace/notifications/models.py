"""The outbox: every email the site sends, kept whether or not SMTP is configured."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
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


class Delivery(enum.StrEnum):
    """How a user hears about one kind of event."""

    IMMEDIATE = "immediate"
    DIGEST = "digest"  # collected into one email a day
    OFF = "off"


class NotificationSetting(db.Model):
    """A user's choice for one kind of event; without a row, the user hears at once."""

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[NotificationKind] = mapped_column(str_enum(NotificationKind), primary_key=True)
    delivery: Mapped[Delivery] = mapped_column(str_enum(Delivery))

    def __repr__(self) -> str:
        return f"<NotificationSetting user={self.user_id} {self.kind}={self.delivery}>"


class DigestItem(db.Model):
    """One email a user chose to batch, already written in their language, waiting for the daily digest."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(2))
    kind: Mapped[NotificationKind] = mapped_column(str_enum(NotificationKind))
    subject: Mapped[str] = mapped_column(String(300))
    link: Mapped[str] = mapped_column(String(500), default="")  # the page to act on; without one, the body is shown
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<DigestItem {self.id} user={self.user_id} {self.kind}>"


class EmailStatus(enum.StrEnum):
    """The states of a row in the outbox, email or text message."""

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


class OutboxSms(db.Model):
    """One text message to one phone number, written in the same transaction as the change it reports."""

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(40))  # E.164
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[EmailStatus] = mapped_column(
        str_enum(EmailStatus, name="smsstatus"), default=EmailStatus.QUEUED, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<OutboxSms {self.id} {self.status}>"
