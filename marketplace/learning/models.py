"""Opinnollistaminen (work_based_learning): qualifications, what an offering teaches, and learning records.

Qualifications are versioned: an import that changes one adds a new version, and records keep
pointing at the version they were written against.
"""

import enum
from datetime import date, datetime
from uuid import UUID, uuid4

from flask_babel import gettext as _
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from marketplace.accounts.models import Organisation, User
from marketplace.catalog.models import Offering
from marketplace.clock import utcnow
from marketplace.dbtypes import OPAQUE, str_enum
from marketplace.errors import Conflict
from marketplace.extensions import db
from marketplace.i18n import language
from marketplace.referrals.models import Referral


class Qualification(db.Model):
    """One version of a vocational qualification (tutkinto) as imported from the national requirements."""

    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The koulutuskoodi, or the diaarinumero for sets without one (the common units of 2022)
    key: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(default=1)
    is_current: Mapped[bool] = mapped_column(default=True, index=True)
    code: Mapped[str | None] = mapped_column(String(20))
    name_fi: Mapped[str] = mapped_column(String(300))
    name_sv: Mapped[str] = mapped_column(String(300), default="")
    diaarinumero: Mapped[str] = mapped_column(String(60), default="")
    valid_from: Mapped[date | None]
    eperusteet_id: Mapped[int | None]
    competence_areas: Mapped[list] = mapped_column(JSON, default=list)  # osaamisalat
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[dict] = mapped_column(JSON, default=dict)  # where the data came from
    # an import with the same content changes nothing
    content_hash: Mapped[str] = mapped_column(String(64), info=OPAQUE)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    units: Mapped[list["QualificationUnit"]] = relationship(
        back_populates="qualification", cascade="all, delete-orphan", order_by="QualificationUnit.position"
    )

    @property
    def name(self) -> str:
        """The Swedish name on Swedish pages where ePerusteet gives one, else the Finnish."""
        return self.name_sv if language() == "sv" and self.name_sv else self.name_fi

    def __repr__(self) -> str:
        return f"<Qualification {self.key} v{self.version} {self.name_fi!r}>"


class QualificationUnit(db.Model):
    """A unit (tutkinnon osa) of one qualification version; some sources give no code."""

    id: Mapped[int] = mapped_column(primary_key=True)
    qualification_id: Mapped[int] = mapped_column(ForeignKey("qualification.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    code: Mapped[str | None] = mapped_column(String(20), index=True)
    name_fi: Mapped[str] = mapped_column(String(300))
    name_sv: Mapped[str] = mapped_column(String(300), default="")
    points: Mapped[int | None]  # osaamispisteet
    mandatory: Mapped[bool] = mapped_column(default=False)
    mandatory_in: Mapped[list] = mapped_column(JSON, default=list)  # competence areas where it is mandatory
    common: Mapped[bool] = mapped_column(default=False)  # yhteinen tutkinnon osa
    requirements_intro: Mapped[str] = mapped_column(String(200), default="")  # "Opiskelija osaa"

    qualification: Mapped[Qualification] = relationship(back_populates="units")
    requirements: Mapped[list["CompetenceRequirement"]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="CompetenceRequirement.position"
    )

    @property
    def name(self) -> str:
        """The Swedish name on Swedish pages where ePerusteet gives one, else the Finnish."""
        return self.name_sv if language() == "sv" and self.name_sv else self.name_fi

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name

    def __repr__(self) -> str:
        return f"<QualificationUnit {self.code} {self.name_fi!r}>"


class CompetenceRequirement(db.Model):
    """One ammattitaitovaatimus: a line completing the unit's intro ("Opiskelija osaa" + "valmistaa …")."""

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("qualification_unit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    area: Mapped[str] = mapped_column(String(300), default="")  # kohdealue, in the 2019 structured format
    text: Mapped[str] = mapped_column(Text)

    unit: Mapped[QualificationUnit] = relationship(back_populates="requirements")

    def __repr__(self) -> str:
        return f"<CompetenceRequirement {self.id} {self.text[:30]!r}>"


class OfferingUnit(db.Model):
    """A unit that can be learnt and shown in an offering, through which tasks: its learning environment."""

    __table_args__ = (UniqueConstraint("offering_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("qualification_unit.id"), index=True)
    tasks: Mapped[str] = mapped_column(Text, default="")  # "puusepänverstaan tilaustyöt"

    offering: Mapped[Offering] = relationship(back_populates="learning_units")
    unit: Mapped[QualificationUnit] = relationship(lazy="joined")
    requirements: Mapped[list["OfferingUnitRequirement"]] = relationship(cascade="all, delete-orphan")

    @property
    def requirement_ids(self) -> set[int]:
        return {row.requirement_id for row in self.requirements}


class OfferingUnitRequirement(db.Model):
    offering_unit_id: Mapped[int] = mapped_column(ForeignKey("offering_unit.id", ondelete="CASCADE"), primary_key=True)
    requirement_id: Mapped[int] = mapped_column(ForeignKey("competence_requirement.id"), primary_key=True)


class RecordStatus(enum.StrEnum):
    DRAFT = "draft"  # the provider is writing it
    SUBMITTED = "submitted"  # in the education provider's queue
    RETURNED = "returned"  # sent back with questions; the provider edits and submits again
    CONFIRMED = "confirmed"  # decided by the education provider; never changes again


class Decision(enum.StrEnum):
    RECOGNISED = "recognised"
    PARTIAL = "partial"
    NOT_RECOGNISED = "not_recognised"


class LearningRecord(db.Model):
    """What a jobseeker learnt during a referral, documented by the provider against one qualification version."""

    __table_args__ = (
        CheckConstraint(f"status != '{RecordStatus.CONFIRMED}' "
                        "OR (verification_code IS NOT NULL AND certificate IS NOT NULL)",
                        name="confirmed_has_certificate"),
        CheckConstraint("hours IS NULL OR hours >= 0", name="hours_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[UUID] = mapped_column(unique=True, default=uuid4)
    version: Mapped[int] = mapped_column(default=1)  # optimistic locking
    status: Mapped[RecordStatus] = mapped_column(str_enum(RecordStatus), default=RecordStatus.DRAFT, index=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    education_provider_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    qualification_id: Mapped[int] = mapped_column(ForeignKey("qualification.id"))
    # A correction of a confirmed record points at the one it replaces
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("learning_record.id"), index=True)

    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    hours: Mapped[int | None]
    instructor_name: Mapped[str] = mapped_column(String(200), default="")  # työpaikkaohjaaja
    instructor_assessment: Mapped[str] = mapped_column(Text, default="")

    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    teacher_name: Mapped[str] = mapped_column(String(200), default="")
    teacher_title: Mapped[str] = mapped_column(String(200), default="")

    # Set once, at confirmation: the certificate's content and the long code that verifies it
    verification_code: Mapped[str | None] = mapped_column(String(64), unique=True, info=OPAQUE)
    certificate: Mapped[dict | None] = mapped_column(JSON)
    certificate_hash: Mapped[str | None] = mapped_column(String(64), info=OPAQUE)

    referral: Mapped[Referral] = relationship()
    provider: Mapped[Organisation] = relationship(foreign_keys=[provider_id])
    education_provider: Mapped[Organisation | None] = relationship(foreign_keys=[education_provider_id])
    qualification: Mapped[Qualification] = relationship()
    supersedes: Mapped["LearningRecord | None"] = relationship(remote_side=[id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    units: Mapped[list["RecordUnit"]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="RecordUnit.id"
    )
    events: Mapped[list["RecordEvent"]] = relationship(
        back_populates="record", cascade="all, delete-orphan",
        order_by=lambda: (RecordEvent.created_at, RecordEvent.id),
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_editable(self) -> bool:
        return self.status in (RecordStatus.DRAFT, RecordStatus.RETURNED)

    def __repr__(self) -> str:
        return f"<LearningRecord {self.id} {self.status} referral={self.referral_id}>"


class RecordUnit(db.Model):
    """One unit worked on, with the provider's account and the education provider's decision."""

    __table_args__ = (
        UniqueConstraint("record_id", "unit_id"),
        CheckConstraint("decision IS NULL OR decided_at IS NOT NULL", name="decision_has_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("learning_record.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("qualification_unit.id"))
    tasks: Mapped[str] = mapped_column(Text, default="")  # the work done, in the provider's words
    decision: Mapped[Decision | None] = mapped_column(str_enum(Decision))
    decision_comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None]

    record: Mapped[LearningRecord] = relationship(back_populates="units")
    unit: Mapped[QualificationUnit] = relationship(lazy="joined")
    requirements: Mapped[list["RecordRequirement"]] = relationship(
        back_populates="record_unit", cascade="all, delete-orphan", order_by="RecordRequirement.requirement_id"
    )

    def evidence_for(self, requirement_id: int) -> "RecordRequirement | None":
        return next((row for row in self.requirements if row.requirement_id == requirement_id), None)


class RecordRequirement(db.Model):
    """Whether one competence requirement was shown, how, and (for a partial decision) whether it remains."""

    record_unit_id: Mapped[int] = mapped_column(ForeignKey("record_unit.id", ondelete="CASCADE"), primary_key=True)
    requirement_id: Mapped[int] = mapped_column(ForeignKey("competence_requirement.id"), primary_key=True)
    shown: Mapped[bool] = mapped_column(default=False)
    evidence: Mapped[str] = mapped_column(Text, default="")
    remains: Mapped[bool] = mapped_column(default=False)  # still to be shown (partial recognition)

    record_unit: Mapped[RecordUnit] = relationship(back_populates="requirements")
    requirement: Mapped[CompetenceRequirement] = relationship(lazy="joined")


class RecordEvent(db.Model):
    """Who did what to a record and when: created, submitted, returned, confirmed, corrected."""

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("learning_record.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    record: Mapped[LearningRecord] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship(lazy="selectin")
    organisation: Mapped[Organisation | None] = relationship(lazy="selectin")


def _record_of(obj) -> LearningRecord | None:
    if isinstance(obj, LearningRecord):
        return obj
    if isinstance(obj, RecordUnit):
        return obj.record
    if isinstance(obj, RecordRequirement):
        return obj.record_unit.record if obj.record_unit else None
    return None


def _committed_status(record: LearningRecord) -> RecordStatus | None:
    history = inspect(record).attrs.status.history
    if history.deleted:
        return history.deleted[0]
    return None if inspect(record).pending else record.status


@event.listens_for(Session, "before_flush")
def _confirmed_records_never_change(session, flush_context, instances) -> None:
    """The last line of defence: whatever the code path, a confirmed record's rows are not updated or deleted."""
    for obj in (*session.new, *session.dirty, *session.deleted):
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        record = _record_of(obj)
        if record is not None and _committed_status(record) is RecordStatus.CONFIRMED:
            raise Conflict(_("Vahvistettua osaamisen kuvausta ei voi muuttaa. Tee tarvittaessa korjattu versio."))
