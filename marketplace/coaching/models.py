"""Shortlists: a coach's named selection of offerings, with a note on each, to print, paste or share by link.

A shortlist holds no personal data: the coach names it by a case number or a nickname, and its public page
shows neither the name nor the coach.
"""

from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import Organisation, User
from marketplace.catalog.models import Offering
from marketplace.clock import utcnow
from marketplace.dbtypes import OPAQUE
from marketplace.extensions import db


class Shortlist(db.Model):
    """One coach's list; colleagues of the same organisation see it when it is shared with the team."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[UUID] = mapped_column(unique=True, default=uuid4)
    version: Mapped[int] = mapped_column(default=1)  # two tabs reordering at once: the second gets 409
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    shared_with_team: Mapped[bool] = mapped_column(default=False)
    share_token: Mapped[str | None] = mapped_column(String(32), unique=True, info=OPAQUE)  # the public link's key
    share_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()
    items: Mapped[list["ShortlistItem"]] = relationship(
        back_populates="shortlist", cascade="all, delete-orphan",
        order_by=lambda: (ShortlistItem.position, ShortlistItem.id),
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Shortlist {self.id} {self.name!r} owner={self.owner_id}>"


class ShortlistItem(db.Model):
    """One offering on a list, in its place, with the coach's note for the jobseeker."""

    __table_args__ = (UniqueConstraint("shortlist_id", "offering_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shortlist_id: Mapped[int] = mapped_column(ForeignKey("shortlist.id", ondelete="CASCADE"), index=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offering.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    shortlist: Mapped[Shortlist] = relationship(back_populates="items")
    offering: Mapped[Offering] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<ShortlistItem {self.id} list={self.shortlist_id} offering={self.offering_id}>"
