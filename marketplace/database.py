"""Committing with optimistic locking: a row changed by someone else meanwhile is a conflict, not an error."""

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
