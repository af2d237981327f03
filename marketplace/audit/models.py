"""Audit events: who did what, for which organisation, to which object, from where. Never passwords, tokens
or a jobseeker's personal data: an event names a referral by its UUID, not by whom it is about."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import Organisation, User
from marketplace.clock import utcnow
from marketplace.dbtypes import OPAQUE, str_enum
from marketplace.extensions import db


class AuditKind(enum.StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_LIMITED = "login_limited"  # too many failures from one client: it must wait
    LOGOUT_EVERYWHERE = "logout_everywhere"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET_REQUESTED = "password_reset_requested"
    PASSWORD_RESET = "password_reset"
    INVITATION_SENT = "invitation_sent"
    INVITATION_REVOKED = "invitation_revoked"
    MEMBER_JOINED = "member_joined"
    MEMBER_ROLE_CHANGED = "member_role_changed"
    MEMBER_REMOVED = "member_removed"
    ORGANISATION_REGISTERED = "organisation_registered"
    ORGANISATION_STATUS_CHANGED = "organisation_status_changed"  # verified, suspended, rejected
    TOKEN_CREATED = "token_created"
    TOKEN_REVOKED = "token_revoked"
    REFERRAL_VIEWED = "referral_viewed"  # a referral's personal data on a page, in a list, a CSV or the API
    REFERRALS_EXPORTED = "referrals_exported"  # a CSV of referral lists
    REFERRAL_ERASED = "referral_erased"
    PRIVACY_PURGED = "privacy_purged"
    QUALIFICATIONS_IMPORTED = "qualifications_imported"
    OFFERING_TAKEN_DOWN = "offering_taken_down"  # a coordinator hid an offering


class AuditEvent(db.Model):
    __table_args__ = (
        Index("ix_audit_event_organisation_id_occurred_at", "organisation_id", "occurred_at"),
        Index("ix_audit_event_object", "object_type", "object_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    kind: Mapped[AuditKind] = mapped_column(str_enum(AuditKind), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    object_type: Mapped[str] = mapped_column(String(30), default="")  # "referral", "organisation", "user", …
    object_id: Mapped[str] = mapped_column(String(64), default="", info=OPAQUE)  # a UUID or an id
    detail: Mapped[str] = mapped_column(String(300), default="")  # e.g. "jäsen → ylläpitäjä", "sivu", "42 riviä"
    ip_address: Mapped[str] = mapped_column(String(45), default="", info=OPAQUE)  # shortened after a while

    user: Mapped[User | None] = relationship(lazy="selectin")
    organisation: Mapped[Organisation | None] = relationship(lazy="selectin")

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.kind} user={self.user_id} {self.object_type}:{self.object_id}>"
