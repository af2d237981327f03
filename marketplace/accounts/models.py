"""Organisations, their people, their logins and tokens, and the history of their verification."""

import enum
from datetime import datetime
from uuid import UUID, uuid4

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.dbtypes import OPAQUE, str_enum
from marketplace.extensions import db


class OrganisationKind(enum.StrEnum):
    EMPLOYMENT_SERVICES = "employment_services"
    NGO = "ngo"
    FOUNDATION = "foundation"
    WORKSHOP = "workshop"
    SOCIAL_ENTERPRISE = "social_enterprise"
    COMPANY = "company"
    EDUCATION_PROVIDER = "education_provider"

    @property
    def role(self) -> "OrganisationRole":
        if self is OrganisationKind.EMPLOYMENT_SERVICES:
            return OrganisationRole.COACH
        if self is OrganisationKind.EDUCATION_PROVIDER:
            return OrganisationRole.EDUCATION
        return OrganisationRole.PROVIDER


class OrganisationRole(enum.StrEnum):
    """What the members of an organisation do on the site; decides their navigation."""

    COACH = "coach"
    PROVIDER = "provider"
    EDUCATION = "education"


class OrganisationStatus(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    SUSPENDED = "suspended"


class MemberRole(enum.StrEnum):
    ADMIN = "admin"
    MEMBER = "member"


class Organisation(db.Model):
    """A partner in the network: employment services, a provider or an education provider."""

    __table_args__ = (UniqueConstraint("business_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[UUID] = mapped_column(unique=True, default=uuid4)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(str_enum(OrganisationKind))
    # Municipal units share their municipality's business ID, so it is not unique on its own.
    # Organisations imported from HSDS files may come without one (and without a home municipality).
    business_id: Mapped[str | None] = mapped_column(String(9), index=True)
    municipality_code: Mapped[str | None] = mapped_column(String(3))
    email: Mapped[str] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[OrganisationStatus] = mapped_column(
        str_enum(OrganisationStatus), default=OrganisationStatus.PENDING, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    status_changes: Mapped[list["OrganisationStatusChange"]] = relationship(
        back_populates="organisation",
        cascade="all, delete-orphan",
        order_by="OrganisationStatusChange.changed_at.desc()",
    )

    @property
    def is_verified(self) -> bool:
        return self.status is OrganisationStatus.VERIFIED

    @property
    def role(self) -> OrganisationRole:
        return self.kind.role

    @property
    def admins(self) -> list["User"]:
        return [m.user for m in self.memberships if m.role is MemberRole.ADMIN and m.user.is_active]

    @property
    def active_members(self) -> list["User"]:
        """Where the organisation's notifications go: every active member."""
        return [m.user for m in self.memberships if m.user.is_active]

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r} {self.status}>"


class User(UserMixin, db.Model):
    """A person who logs in; the email address is stored in lower case and is unique."""

    __tablename__ = "user_account"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    password_hash: Mapped[str] = mapped_column(String(255), info=OPAQUE)
    is_coordinator: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    reset_mailed_at: Mapped[datetime | None]  # the last reset link sent: one per PASSWORD_RESET_MAIL_INTERVAL
    language: Mapped[str | None] = mapped_column(String(2))  # the interface and emails; None: the browser's

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Membership.created_at"
    )

    # The token of the login this object was loaded for (not stored: see UserSession); Flask-Login's user id.
    session_token = None

    @property
    def is_active(self) -> bool:  # Flask-Login: inactive users cannot log in
        return self.active

    def get_id(self) -> str | None:
        return self.session_token

    def membership_in(self, organisation: Organisation) -> "Membership | None":
        return next((m for m in self.memberships if m.organisation_id == organisation.id), None)

    def is_admin_of(self, organisation: Organisation) -> bool:
        membership = self.membership_in(organisation)
        return membership is not None and membership.role is MemberRole.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class UserSession(db.Model):
    """One login on one browser. The browser keeps the token; the server keeps its hash and can end it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, info=OPAQUE)
    remember: Mapped[bool] = mapped_column(default=False)  # "muista minut": lasts REMEMBER_COOKIE_DURATION
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]  # logged out, password changed, or removed from an organisation

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<UserSession {self.id} user={self.user_id} ended={self.ended_at is not None}>"


class Membership(db.Model):
    """A user's place in an organisation; a user may belong to several."""

    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[MemberRole] = mapped_column(str_enum(MemberRole), default=MemberRole.MEMBER)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships", lazy="joined")  # shown with every member
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} org={self.organisation_id} {self.role}>"


class Invitation(db.Model):
    """An emailed link that makes its recipient a member; only a hash of the token is kept."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[MemberRole] = mapped_column(str_enum(MemberRole), default=MemberRole.MEMBER)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, info=OPAQUE)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])
    accepted_by: Mapped[User | None] = relationship(foreign_keys=[accepted_by_id])

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > utcnow()

    def __repr__(self) -> str:
        return f"<Invitation {self.id} {self.email} org={self.organisation_id}>"


class OrganisationStatusChange(db.Model):
    """One verification or suspension, with its reason; the organisation's status history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[OrganisationStatus | None] = mapped_column(
        str_enum(OrganisationStatus, name="from_status")
    )
    to_status: Mapped[OrganisationStatus] = mapped_column(
        str_enum(OrganisationStatus, name="to_status")
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="status_changes")
    changed_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<OrganisationStatusChange org={self.organisation_id} {self.from_status}->{self.to_status}>"


class PendingRegistration(db.Model):
    """An organisation registered by someone without an account, waiting until the address is confirmed.

    Nothing else exists until then, and the same answer is given whether or not the address has an account.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, info=OPAQUE)
    email: Mapped[str] = mapped_column(String(254))
    admin_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255), info=OPAQUE)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(str_enum(OrganisationKind))
    business_id: Mapped[str] = mapped_column(String(9))
    municipality_code: Mapped[str] = mapped_column(String(3))
    organisation_email: Mapped[str] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)

    def __repr__(self) -> str:
        return f"<PendingRegistration {self.id} {self.name!r}>"


class ApiToken(db.Model):
    """Only a SHA-256 of the token is stored; the token itself is shown once, when it is created."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, info=OPAQUE)
    prefix: Mapped[str] = mapped_column(String(12), info=OPAQUE)  # the token's first characters, to tell tokens apart
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.prefix}… user={self.user_id}>"
