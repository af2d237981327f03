"""Referrals: a coach refers a jobseeker to an offering, the provider answers, every step is on a timeline."""

import enum
from datetime import date, datetime
from uuid import UUID, uuid4

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import Organisation, User
from marketplace.catalog.models import Offering
from marketplace.clock import utcnow
from marketplace.dbtypes import OPAQUE, str_enum
from marketplace.extensions import db


class ReferralStatus(enum.StrEnum):
    SENT = "sent"  # waiting for the provider's answer
    QUEUED = "queued"  # on the full offering's waiting list, in order (queue_rank)
    INFO_REQUESTED = "info_requested"  # waiting for the coach
    ACCEPTED = "accepted"
    STARTED = "started"
    COMPLETED = "completed"
    DISCONTINUED = "discontinued"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def is_closed(self) -> bool:
        return self in CLOSED_STATUSES


CLOSED_ORDER = (ReferralStatus.COMPLETED, ReferralStatus.DISCONTINUED, ReferralStatus.DECLINED,
                ReferralStatus.WITHDRAWN)
CLOSED_STATUSES = frozenset(CLOSED_ORDER)


def _sql_set(*members: enum.StrEnum) -> str:
    """('a', 'b') for a CHECK constraint, from the enum itself: a renamed state cannot leave a stale constraint."""
    return "(" + ", ".join(f"'{member.value}'" for member in members) + ")"
OPEN_STATUSES = frozenset(ReferralStatus) - CLOSED_STATUSES


class ReferralAction(enum.StrEnum):
    """What the two sides can do to a referral: the names of its state machine's transitions (workflow.ACTIONS)."""

    ACCEPT = "accept"
    QUEUE = "queue"
    REQUEST_INFO = "request_info"
    DECLINE = "decline"
    ANSWER = "answer"
    START = "start"
    COMPLETE = "complete"
    DISCONTINUE = "discontinue"
    WITHDRAW = "withdraw"


class DeclineReason(enum.StrEnum):
    FULL = "full"
    NOT_ELIGIBLE = "not_eligible"
    NOT_REACHABLE = "not_reachable"
    OTHER = "other"


class DiscontinueReason(enum.StrEnum):
    """Why a service the jobseeker had started ended early (counted in the outcomes report)."""

    HEALTH = "health"
    ABSENCES = "absences"
    OWN_DECISION = "own_decision"
    NOT_SUITABLE = "not_suitable"
    WORK_OR_STUDIES = "work_or_studies"
    OTHER = "other"


class Outcome(enum.StrEnum):
    """Where the jobseeker went when the service ended; DISCONTINUED only by discontinuing."""

    OPEN_LABOUR_MARKET = "open_labour_market"
    PAY_SUBSIDISED_WORK = "pay_subsidised_work"
    EDUCATION = "education"
    OTHER_SERVICE = "other_service"
    GOAL_REACHED = "goal_reached"
    NOT_CONTACTED = "not_contacted"
    DISCONTINUED = "discontinued"


class EventKind(enum.StrEnum):
    CREATED = "created"
    TRANSITION = "transition"
    MESSAGE = "message"
    REMINDER = "reminder"
    ERASED = "erased"
    LEARNING = "learning"  # a learning record was submitted, returned or confirmed
    JOBSEEKER_NOTIFIED = "jobseeker_notified"  # a confirmation or news sent to the jobseeker (never its address)
    JOBSEEKER = "jobseeker"  # the jobseeker said something on their status page (`action`: a JobseekerAction)
    QUEUE_MOVED = "queue_moved"  # the provider moved it in the queue (`action`: the new position, `body`: why)


class Fit(enum.StrEnum):
    """How a jobseeker fits an offering's criteria, as checked before sending (service/eligibility.py)."""

    FITS = "fits"
    DOES_NOT_FIT = "does_not_fit"
    CHECK = "check"  # with the provider: not told, or not a rule a check can read


class JobseekerChannel(enum.StrEnum):
    """How the jobseeker hears of their referral: only as the coach chose with them, under a consent that says so."""

    EMAIL = "email"
    SMS = "sms"
    PRINT = "print"  # a sheet the coach prints at the meeting; sends nothing


class JobseekerAction(enum.StrEnum):
    """What the jobseeker can say on their status page; each is a timeline row both sides see."""

    CANNOT_COME = "cannot_come"
    CONTACT_ME = "contact_me"
    WITHDRAW_CONSENT = "withdraw_consent"


class Channel(enum.StrEnum):
    """How something happened: on the site, through the API, or by the system itself."""

    WEB = "web"
    API = "api"
    LIST = "list"
    CSV = "csv"
    SYSTEM = "system"


class Referral(db.Model):
    """One jobseeker referred to one offering by one employment-services organisation."""

    __table_args__ = (
        UniqueConstraint("referrer_id", "client_key"),
        CheckConstraint(f"status != '{ReferralStatus.DECLINED}' OR decline_reason IS NOT NULL",
                        name="declined_has_reason"),
        CheckConstraint(f"status NOT IN {_sql_set(ReferralStatus.COMPLETED, ReferralStatus.DISCONTINUED)} "
                        "OR outcome IS NOT NULL", name="ended_has_outcome"),
        CheckConstraint("status NOT IN "
                        f"{_sql_set(ReferralStatus.ACCEPTED, ReferralStatus.STARTED, ReferralStatus.COMPLETED)}"
                        " OR start_on IS NOT NULL", name="accepted_has_start"),
        CheckConstraint(f"status NOT IN {_sql_set(*CLOSED_ORDER)} OR closed_at IS NOT NULL", name="closed_has_time"),
        CheckConstraint(f"status != '{ReferralStatus.DISCONTINUED}' OR discontinue_reason IS NOT NULL",
                        name="discontinued_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[UUID] = mapped_column(unique=True, default=uuid4)
    # Bumped on every change: of two people acting at once, the second gets a conflict, not a silent overwrite.
    version: Mapped[int] = mapped_column(default=1)
    status: Mapped[ReferralStatus] = mapped_column(
        str_enum(ReferralStatus), default=ReferralStatus.SENT, index=True
    )

    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    referrer_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)

    # The jobseeker: only what the provider needs, erased when no longer needed (see personal_data_erased_at).
    jobseeker_name: Mapped[str] = mapped_column(String(200), default="")
    jobseeker_phone: Mapped[str] = mapped_column(String(40), default="")  # E.164
    jobseeker_email: Mapped[str] = mapped_column(String(254), default="")
    jobseeker_language: Mapped[str] = mapped_column(String(2), default="fi")
    case_reference: Mapped[str] = mapped_column(String(100), default="")  # the coach's own case number
    goal: Mapped[str] = mapped_column(Text, default="")
    background: Mapped[str] = mapped_column(Text, default="")
    wished_start_on: Mapped[date | None]
    eligibility_confirmed: Mapped[bool] = mapped_column(default=False)
    # What the eligibility check needed, and its answer when sent; never a date of birth or a henkilötunnus.
    jobseeker_age: Mapped[int | None]
    home_municipality: Mapped[str] = mapped_column(String(3), default="")
    jobseeker_target_groups: Mapped[str] = mapped_column(String(400), default="")  # codes, comma-separated
    eligibility_fit: Mapped[Fit | None] = mapped_column(str_enum(Fit))  # None: sent before the check existed
    fit_reason: Mapped[str] = mapped_column(Text, default="")  # why it is sent though it does not fit
    consent_version: Mapped[str] = mapped_column(String(20))
    consent_recorded_at: Mapped[datetime]
    # It waited in the offering's queue (sent to a full offering, or queued by the provider); kept for reports.
    waiting_list: Mapped[bool] = mapped_column(default=False)
    queued_at: Mapped[datetime | None]
    # Its place in the queue while QUEUED: lowest first, ties by id; None otherwise.
    queue_rank: Mapped[int | None]
    queue_reminder_sent_at: Mapped[datetime | None]  # the coach was asked to reconsider a long wait
    # The education provider the coach suggests for recognising what is learnt (opinnollistaminen)
    education_provider_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))

    # The provider's answers
    start_on: Mapped[date | None]
    decline_reason: Mapped[DeclineReason | None] = mapped_column(str_enum(DeclineReason))
    discontinue_reason: Mapped[DiscontinueReason | None] = mapped_column(str_enum(DiscontinueReason))
    outcome: Mapped[Outcome | None] = mapped_column(str_enum(Outcome))
    closing_note: Mapped[str] = mapped_column(Text, default="")
    # Acceptance took one of the offering's open places; it is given back when the referral ends.
    holds_place: Mapped[bool] = mapped_column(default=False)

    # Deadlines and the facts reports are built from
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    due_on: Mapped[date] = mapped_column(index=True)  # the provider answers by this day
    first_response_at: Mapped[datetime | None]
    # Finnish working days from the day it was sent to the provider's first answer (stamped with it)
    response_working_days: Mapped[int | None]
    accepted_at: Mapped[datetime | None]  # a waiting-list referral waited until this
    overdue_reminder_sent_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None] = mapped_column(index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    personal_data_erased_at: Mapped[datetime | None]
    # The jobseeker's own page (/status/<token>): unguessable, dropped with the personal data.
    status_token: Mapped[str | None] = mapped_column(String(32), unique=True, info=OPAQUE)
    # Where news of the referral goes: "email", "sms" or both, as agreed with the jobseeker; "" for none.
    jobseeker_channels: Mapped[str] = mapped_column(String(20), default="")
    consent_withdrawn_at: Mapped[datetime | None]  # the jobseeker asked, on their page, to be erased

    # A retried API call or a double-clicked form carries the same key and finds this referral.
    client_key: Mapped[str | None] = mapped_column(String(100))
    request_fingerprint: Mapped[str] = mapped_column(String(64), default="", info=OPAQUE)

    offering: Mapped[Offering] = relationship()
    provider: Mapped[Organisation] = relationship(foreign_keys=[provider_id])
    referrer: Mapped[Organisation] = relationship(foreign_keys=[referrer_id])
    education_provider: Mapped[Organisation | None] = relationship(foreign_keys=[education_provider_id])
    coach: Mapped[User | None] = relationship()
    events: Mapped[list["ReferralEvent"]] = relationship(
        back_populates="referral", cascade="all, delete-orphan",
        order_by=lambda: (ReferralEvent.created_at, ReferralEvent.id),
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_erased(self) -> bool:
        return self.personal_data_erased_at is not None

    @property
    def target_groups_told(self) -> tuple[str, ...]:
        return tuple(code for code in self.jobseeker_target_groups.split(",") if code)

    @property
    def channels(self) -> set["JobseekerChannel"]:
        return {JobseekerChannel(value) for value in self.jobseeker_channels.split(",") if value}

    def __repr__(self) -> str:
        return f"<Referral {self.id} {self.status} offering={self.offering_id}>"


class ReferralEvent(db.Model):
    """One step on a referral's timeline: its creation, a change of state, a message or a reminder."""

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    action: Mapped[str] = mapped_column(String(20), default="")
    from_status: Mapped[ReferralStatus | None] = mapped_column(str_enum(ReferralStatus, name="event_from_status"))
    to_status: Mapped[ReferralStatus | None] = mapped_column(str_enum(ReferralStatus, name="event_to_status"))
    body: Mapped[str] = mapped_column(Text, default="")  # a message, or the reason given; erased with personal data
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel), default=Channel.WEB)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship(lazy="selectin")  # shown on every timeline row
    organisation: Mapped[Organisation | None] = relationship(lazy="selectin")

    def __repr__(self) -> str:
        return f"<ReferralEvent referral={self.referral_id} {self.kind} {self.action}>"
