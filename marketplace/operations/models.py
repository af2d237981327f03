"""One row per scheduled job: when it last ran and how it went."""

from datetime import date, datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import utcnow
from marketplace.extensions import db


class JobRun(db.Model):
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # the first `jobs run-due` on this database
    claimed_on: Mapped[date | None]  # the Finnish day a daily job last ran on: it runs once per day
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]  # None while running (or if the host died: reclaimed after STALE_AFTER)
    succeeded: Mapped[bool | None]
    summary: Mapped[str] = mapped_column(String(500), default="")  # what it did, or the error

    def __repr__(self) -> str:
        return f"<JobRun {self.name} {self.claimed_on} ok={self.succeeded}>"
