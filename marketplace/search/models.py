"""The search change log: written in the same transaction as every change that affects search results."""

import enum
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import utcnow
from marketplace.dbtypes import OPAQUE, str_enum
from marketplace.extensions import db


class ChangeKind(enum.StrEnum):
    OFFERING = "offering"  # key: the offering's UUID
    ORGANISATION = "organisation"  # key: the organisation's id; all its offerings are re-indexed


class SearchChange(db.Model):
    """One change to apply to the index; `id` is the increasing sequence number indexes keep track of."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ChangeKind] = mapped_column(str_enum(ChangeKind))
    key: Mapped[str] = mapped_column(String(36), info=OPAQUE)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<SearchChange {self.id} {self.kind} {self.key}>"
