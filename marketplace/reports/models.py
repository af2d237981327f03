"""A coordinator's own named groups of municipalities ("Salon seutu"), for reports beside the employment areas."""

from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.extensions import db


class MunicipalityGroup(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[UUID] = mapped_column(unique=True, default=uuid4)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list["MunicipalityGroupMember"]] = relationship(
        cascade="all, delete-orphan", order_by="MunicipalityGroupMember.code"
    )

    @property
    def municipality_codes(self) -> list[str]:
        return [member.code for member in self.members]

    def __repr__(self) -> str:
        return f"<MunicipalityGroup {self.id} {self.name!r}>"


class MunicipalityGroupMember(db.Model):
    group_id: Mapped[int] = mapped_column(ForeignKey("municipality_group.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
