"""Database helpers every domain uses: lookup by public UUID, and committing with optimistic locking."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from marketplace.errors import Conflict
from marketplace.extensions import db


def commit_or_conflict(message: str) -> None:
    """Commit; if a versioned row was changed by another transaction meanwhile, roll back and raise Conflict."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(message) from None


def by_uuid(model, value):
    """The row of `model` whose `uuid` is `value` (a UUID or its text); None also for malformed text."""
    try:
        key = value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None
    return db.session.scalar(select(model).where(model.uuid == key))
