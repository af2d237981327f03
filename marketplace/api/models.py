"""What an HSDS import brought from another system's taxonomies: their terms, which of our offerings carry
them, and the services held until a coordinator says what one of their terms means here."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.catalog.models import Offering
from marketplace.clock import utcnow
from marketplace.extensions import db


class ForeignTerm(db.Model):
    """A term of another system's taxonomy, as its files name it; `mapped_*` is our term it means, if said."""

    __table_args__ = (UniqueConstraint("taxonomy", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    taxonomy: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300), default="")
    source_id: Mapped[str] = mapped_column(String(100), default="")  # the term's id in the other system
    mapped_taxonomy: Mapped[str | None] = mapped_column(String(40))  # offering-type or target-group
    mapped_code: Mapped[str | None] = mapped_column(String(40))
    mapped_at: Mapped[datetime | None]
    mapped_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    mapped_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ForeignTerm {self.taxonomy}:{self.code} → {self.mapped_code}>"


class OfferingForeignTerm(db.Model):
    """An imported offering carries a foreign term (exported again as the attribute it came as)."""

    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("foreign_term.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")

    term: Mapped[ForeignTerm] = relationship(lazy="joined")
    # The catalogue knows nothing of imports: the offering's side of this relationship is declared here.
    offering: Mapped[Offering] = relationship(backref=backref(
        "foreign_terms", cascade="all, delete-orphan", passive_deletes=True, order_by="OfferingForeignTerm.term_id"))


class HeldService(db.Model):
    """An imported service none of whose terms says what kind of offering it is: kept whole until a
    coordinator maps one of its terms to an offering type, then imported."""

    id: Mapped[int] = mapped_column(primary_key=True)
    service_uuid: Mapped[UUID] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(300))
    document: Mapped[str] = mapped_column(Text)  # the service as the file gave it (JSON)
    terms: Mapped[list] = mapped_column(JSON, default=list)  # [taxonomy, code] of each foreign term it names
    held_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<HeldService {self.service_uuid} {self.name!r}>"
