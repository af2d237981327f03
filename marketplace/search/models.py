"""The search change log (written in the same transaction as every change that affects search results), unmet
searches, word families and coaches' saved searches."""

import enum
from datetime import date, datetime
from uuid import UUID, uuid4

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.functions import FunctionElement

from marketplace.accounts.models import User
from marketplace.clock import utcnow
from marketplace.dbtypes import OPAQUE, str_enum
from marketplace.extensions import db


class ChangeKind(enum.StrEnum):
    OFFERING = "offering"  # key: the offering's UUID
    ORGANISATION = "organisation"  # key: the organisation's id; all its offerings are re-indexed


class current_transaction(FunctionElement):  # noqa: N801 (a SQL function, named like one)
    """The writing transaction's id on PostgreSQL (assigning one if needed); 0 on SQLite, where writers take turns."""

    type = BigInteger()
    inherit_cache = True


@compiles(current_transaction)
def _serial(element, compiler, **kw) -> str:
    return "0"


@compiles(current_transaction, "postgresql")
def _transaction_id(element, compiler, **kw) -> str:
    return "pg_current_xact_id()::text::bigint"


class SearchChange(db.Model):
    """One change to apply to the index, ordered by (txid, id).

    Ids are handed out when rows are written, but transactions commit in any order, so an index cannot
    trust "every id below the highest seen is seen". It trusts the transaction id instead: once every
    transaction older than a change's has ended, nothing can appear before it any more (see changes.py).
    """

    __table_args__ = (Index("ix_search_change_txid_id", "txid", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    txid: Mapped[int] = mapped_column(BigInteger, default=current_transaction(), server_default="0")
    kind: Mapped[ChangeKind] = mapped_column(str_enum(ChangeKind))
    key: Mapped[str] = mapped_column(String(36), info=OPAQUE)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<SearchChange {self.id} {self.kind} {self.key}>"


class DemandKind(enum.StrEnum):
    NOTHING = "nothing"  # the search found no offering
    PARTIAL = "partial"  # only offerings matching some of the words


class SearchDemand(db.Model):
    """How often in one month a query found nothing or only partial matches: counts only, no user, no digits."""

    __table_args__ = (UniqueConstraint("month", "kind", "query"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(index=True)  # the first day of the Finnish calendar month
    kind: Mapped[DemandKind] = mapped_column(str_enum(DemandKind))
    query: Mapped[str] = mapped_column(String(100))
    count: Mapped[int] = mapped_column(default=1)

    def __repr__(self) -> str:
        return f"<SearchDemand {self.month:%Y-%m} {self.kind} {self.query!r} {self.count}>"


class WordFamily(db.Model):
    """A coordinator's word family: a new one, or their version of a shipped one (`shipped_key`), which may be
    switched off. Shipped families without a row apply as shipped (search/word_families.json)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    shipped_key: Mapped[str | None] = mapped_column(String(60), unique=True)
    words: Mapped[str] = mapped_column(String(1000), default="")  # members, comma-separated, lower case
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"<WordFamily {self.id} {self.shipped_key or ''} {self.words!r}>"


class AlertFrequency(enum.StrEnum):
    IMMEDIATELY = "immediately"  # checked on every run of the due jobs (every few minutes)
    WEEKLY = "weekly"
    OFF = "off"


class SavedSearch(db.Model):
    """A coach's search (the page's GET parameters) and how often they hear of what is new in it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[UUID] = mapped_column(unique=True, default=uuid4)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    query_string: Mapped[str] = mapped_column(String(2000))  # only the parameters that define the search
    frequency: Mapped[AlertFrequency] = mapped_column(str_enum(AlertFrequency), default=AlertFrequency.WEEKLY)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # news are what appeared since
    alerted_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<SavedSearch {self.id} {self.name!r} {self.frequency}>"


class SavedSearchSeen(db.Model):
    """An offering the user has been shown in a saved search, and whether it then had places."""

    saved_search_id: Mapped[int] = mapped_column(ForeignKey("saved_search.id", ondelete="CASCADE"), primary_key=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), primary_key=True)
    had_places: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f"<SavedSearchSeen {self.saved_search_id} {self.offering_id} places={self.had_places}>"
