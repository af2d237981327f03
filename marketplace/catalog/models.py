"""Offerings: what providers publish and coaches refer jobseekers to."""

import enum
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID, uuid4

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import Organisation, User
from marketplace.catalog import hours
from marketplace.clock import utcnow
from marketplace.dbtypes import str_enum
from marketplace.extensions import db


class OfferingStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    PAUSED = "paused"
    ARCHIVED = "archived"


class DeliveryMode(enum.StrEnum):
    ON_SITE = "on_site"
    REMOTE = "remote"
    HYBRID = "hybrid"


class Intake(enum.StrEnum):
    CONTINUOUS = "continuous"
    START_DATES = "start_dates"


class FundingSource(enum.StrEnum):
    MUNICIPAL_PURCHASE = "municipal_purchase"
    STEA = "stea"
    ESR_PLUS = "esr_plus"
    OTHER_PROJECT = "other_project"
    OWN_FUNDS = "own_funds"


class Accessible(enum.StrEnum):
    """Whether the premises have one accessibility feature (HSDS location accessibility); unknown until told."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


# The features a provider says yes or no to, in the order pages list them
ACCESSIBILITY_FEATURES = ("step_free_access", "accessible_toilet", "induction_loop", "public_transport")


class PlaceReason(enum.StrEnum):
    """Why a referral took or gave back one of an offering's open places (shown in the offering's history)."""

    REFERRAL_ACCEPTED = "referral_accepted"
    REFERRAL_ENDED = "referral_ended"


class Offering(db.Model):
    """One offering of one organisation; its UUID is its HSDS service id and its public URL."""

    __table_args__ = (
        CheckConstraint("capacity_total IS NULL OR capacity_total >= 0", name="capacity_not_negative"),
        CheckConstraint(
            "open_places IS NULL OR (open_places >= 0 AND (capacity_total IS NULL OR open_places <= capacity_total))",
            name="open_places_within_capacity",
        ),
        CheckConstraint("min_age IS NULL OR max_age IS NULL OR min_age <= max_age", name="age_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[UUID] = mapped_column(unique=True, default=uuid4)
    # Bumped on every update: two people saving the same offering cannot overwrite each other unseen.
    version: Mapped[int] = mapped_column(default=1)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    status: Mapped[OfferingStatus] = mapped_column(str_enum(OfferingStatus), default=OfferingStatus.DRAFT, index=True)

    # What
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    plain_language_summary: Mapped[str] = mapped_column(Text, default="")  # selkokieli
    offering_type: Mapped[str] = mapped_column(String(40), index=True)  # offering-type taxonomy code
    # The language the texts are written in (ISO 639-1): marks them for screen readers and chooses the stemmer.
    content_language: Mapped[str] = mapped_column(String(2), default="fi")

    # For whom
    eligibility: Mapped[str] = mapped_column(Text, default="")
    min_age: Mapped[int | None]
    max_age: Mapped[int | None]

    # Where
    delivery_mode: Mapped[DeliveryMode] = mapped_column(str_enum(DeliveryMode), default=DeliveryMode.ON_SITE)
    street_address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    post_office: Mapped[str] = mapped_column(String(100), default="")

    # The premises' accessibility (on-site and hybrid offerings)
    step_free_access: Mapped[Accessible] = mapped_column(str_enum(Accessible, "step_free_access"),
                                                         default=Accessible.UNKNOWN)
    accessible_toilet: Mapped[Accessible] = mapped_column(str_enum(Accessible, "accessible_toilet"),
                                                          default=Accessible.UNKNOWN)
    induction_loop: Mapped[Accessible] = mapped_column(str_enum(Accessible, "induction_loop"),
                                                       default=Accessible.UNKNOWN)
    public_transport: Mapped[Accessible] = mapped_column(str_enum(Accessible, "public_transport"),
                                                         default=Accessible.UNKNOWN)
    accessibility_notes: Mapped[str] = mapped_column(Text, default="")

    # When: free text, and the weekly hours and breaks as canonical text (marketplace.catalog.hours)
    schedule: Mapped[str] = mapped_column(Text, default="")
    opening_hours: Mapped[str] = mapped_column(Text, default="")
    closures: Mapped[str] = mapped_column(Text, default="")
    duration_weeks: Mapped[int | None]
    intake: Mapped[Intake] = mapped_column(str_enum(Intake), default=Intake.CONTINUOUS)

    # How to apply, and cost
    how_to_apply: Mapped[str] = mapped_column(Text, default="")
    free_for_jobseeker: Mapped[bool] = mapped_column(default=True)
    jobseeker_cost: Mapped[str] = mapped_column(String(300), default="")
    municipality_price: Mapped[str] = mapped_column(String(300), default="")

    # Contact person
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")  # E.164

    # Places: None means not limited / not reported
    capacity_total: Mapped[int | None]
    open_places: Mapped[int | None]

    # Funding: offerings stop being public when project funding ends
    funding_source: Mapped[FundingSource] = mapped_column(str_enum(FundingSource), default=FundingSource.OWN_FUNDS)
    funding_ends_on: Mapped[date | None] = mapped_column(index=True)
    funding_notice_sent_at: Mapped[datetime | None]

    # Moderation: a coordinator's reason for unpublishing, shown to the provider
    moderation_reason: Mapped[str] = mapped_column(Text, default="")

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # the open data's modified_after
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # Last edit or "still current" confirmation: what freshness is measured from
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    stale_reminder_sent_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    target_groups: Mapped[list["OfferingTargetGroup"]] = relationship(
        cascade="all, delete-orphan", order_by="OfferingTargetGroup.code"
    )
    languages: Mapped[list["OfferingLanguage"]] = relationship(
        cascade="all, delete-orphan", order_by="OfferingLanguage.code"
    )
    municipalities: Mapped[list["OfferingMunicipality"]] = relationship(
        cascade="all, delete-orphan", order_by="OfferingMunicipality.code"
    )
    start_dates: Mapped[list["OfferingStartDate"]] = relationship(
        cascade="all, delete-orphan", order_by="OfferingStartDate.starts_on"
    )
    translations: Mapped[list["OfferingTranslation"]] = relationship(
        cascade="all, delete-orphan", order_by="OfferingTranslation.language"
    )
    # Opinnollistaminen: units that can be learnt here (marketplace.learning.models.OfferingUnit)
    learning_units: Mapped[list["OfferingUnit"]] = relationship(  # noqa: F821
        back_populates="offering", cascade="all, delete-orphan", order_by="OfferingUnit.id"
    )
    changes: Mapped[list["OfferingChange"]] = relationship(
        back_populates="offering", cascade="all, delete-orphan",
        order_by=lambda: (OfferingChange.changed_at.desc(), OfferingChange.id.desc()),
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def target_group_codes(self) -> list[str]:
        return [row.code for row in self.target_groups]

    @property
    def language_codes(self) -> list[str]:
        return [row.code for row in self.languages]

    @property
    def municipality_codes(self) -> list[str]:
        return [row.code for row in self.municipalities]

    @property
    def start_date_values(self) -> list[date]:
        return [row.starts_on for row in self.start_dates]

    @property
    def weekly_hours(self) -> list["hours.WeeklyHours"]:
        return hours.parse_hours(self.opening_hours)

    @property
    def breaks(self) -> list["hours.Break"]:
        return hours.parse_breaks(self.closures)

    def accessibility(self) -> dict[str, Accessible]:
        """Each feature and what the provider said of it."""
        return {name: getattr(self, name) for name in ACCESSIBILITY_FEATURES}

    def features_present(self) -> list[str]:
        """The accessibility features the provider says the premises have (none for a remote offering)."""
        if self.delivery_mode == DeliveryMode.REMOTE:
            return []
        return [name for name, value in self.accessibility().items() if value == Accessible.YES]

    def all_texts(self) -> list["OfferingTexts"]:
        """The offering's own texts first, then each translation as written."""
        return [self.texts_in(self.content_language)] + [
            OfferingTexts.of(t, t.language) for t in self.translations if t.language != self.content_language]

    def texts_in(self, language: str) -> "OfferingTexts":
        """The texts a reader of `language` sees: the provider's version in it, else the offering's own texts.

        A version without a description (or plain-language summary) shows the offering's own one.
        """
        own = OfferingTexts.of(self, self.content_language)
        translation = next((t for t in self.translations if t.language == language != self.content_language), None)
        if translation is None:
            return own
        texts = OfferingTexts.of(translation, language)
        return OfferingTexts(
            language, texts.title, texts.summary,
            texts.description or own.description, texts.plain_language_summary or own.plain_language_summary,
            language if texts.description else own.language,
            language if texts.plain_language_summary else own.language,
        )

    def __repr__(self) -> str:
        return f"<Offering {self.id} {self.title!r} {self.status}>"


TRANSLATED_TEXTS = ("title", "summary", "description", "plain_language_summary")


@dataclass(frozen=True)
class OfferingTexts:
    """Title and summary in `language`; the longer texts may be in the offering's own language."""

    language: str
    title: str
    summary: str
    description: str
    plain_language_summary: str
    description_language: str
    plain_language_summary_language: str

    @classmethod
    def of(cls, source, language: str) -> "OfferingTexts":
        """The texts of an offering or of one of its translations, all in `language`."""
        return cls(language, *(getattr(source, name) for name in TRANSLATED_TEXTS), language, language)


class OfferingTranslation(db.Model):
    """The offering's texts in a language other than its own (content_language), written by the provider."""

    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(2), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    plain_language_summary: Mapped[str] = mapped_column(Text, default="")


class OfferingTargetGroup(db.Model):
    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class OfferingLanguage(db.Model):
    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)


class OfferingMunicipality(db.Model):
    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(3), primary_key=True, index=True)


class OfferingStartDate(db.Model):
    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), primary_key=True)
    starts_on: Mapped[date] = mapped_column(primary_key=True)


class OfferingChange(db.Model):
    """One field of one offering changed by someone: the offering's history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Places taken or given back by a referral: why, and which referral (the provider follows the link)
    reason: Mapped[PlaceReason | None] = mapped_column(str_enum(PlaceReason))
    referral_uuid: Mapped[UUID | None]

    offering: Mapped[Offering] = relationship(back_populates="changes")
    changed_by: Mapped[User | None] = relationship(lazy="selectin")  # shown on every history row

    def __repr__(self) -> str:
        return f"<OfferingChange offering={self.offering_id} {self.field}>"
