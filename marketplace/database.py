"""Database helpers every domain uses: lookup by public UUID, committing with optimistic locking, and the
guard that keeps a henkilötunnus out of every text column."""

import dataclasses
from uuid import UUID

from sqlalchemy import Enum, String, event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from marketplace.errors import Conflict, InvalidInput
from marketplace.extensions import db
from marketplace.validators import IDENTITY_CODE_FOUND, UNSTORABLE, contains_identity_code, free_text, is_storable

TEXT_LIMIT = 20_000  # characters of a column without a length of its own


def commit_or_conflict(message: str) -> None:
    """Commit; if a versioned row was changed by another transaction meanwhile, roll back and raise Conflict."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(message) from None


def lock_row(obj) -> None:
    """Lock `obj`'s row until the commit and read it afresh: whoever comes next waits and sees this change.

    A no-op UPDATE takes PostgreSQL's row lock and SQLite's write lock alike.
    """
    table = obj.__table__
    key = table.primary_key.columns.values()[0]
    db.session.execute(table.update().where(key == inspect(obj).identity[0]).values({key.name: key}))
    db.session.refresh(obj)


def insert_or_update(model, values: dict, key: list[str], update: dict) -> None:
    """One atomic INSERT … ON CONFLICT DO UPDATE: two requests at once never both insert the same key."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    db.session.execute(dialect.insert(model).values(**values).on_conflict_do_update(index_elements=key, set_=update))


def by_uuid(model, value):
    """The row of `model` whose `uuid` is `value` (a UUID or its text); None also for malformed text."""
    try:
        key = value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None
    return db.session.scalar(select(model).where(model.uuid == key))


def check_texts(model, data, limits: dict[str, int] | None = None) -> None:
    """Check every text of `data` (a dataclass named like `model`'s columns) in place: stripped, within its
    column's length (or `limits`), never a henkilötunnus. Raises InvalidInput with every wrong field at once."""
    errors: dict[str, list[str]] = {}
    for field in dataclasses.fields(data):
        value = getattr(data, field.name)
        if not isinstance(value, str):
            continue
        column = model.__table__.columns.get(field.name)
        limit = (limits or {}).get(field.name) or (getattr(column.type, "length", None) if column is not None else None)
        try:
            setattr(data, field.name, free_text(value, field.name, limit or TEXT_LIMIT))
        except InvalidInput as error:
            errors.update(error.errors)
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)


def _user_text_attributes(mapper) -> list[str]:
    return [prop.key for prop in mapper.column_attrs
            if isinstance(prop.columns[0].type, String) and not isinstance(prop.columns[0].type, Enum)
            and not prop.columns[0].info.get("opaque")]


def _refuse_identity_codes(session: Session, flush_context, instances) -> None:
    """Refuse any flush that would store a henkilötunnus (or text no database keeps) in a text column.

    The services check every field first and answer beside it; this is the last line, for a path they missed.
    """
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for key in _user_text_attributes(state.mapper):
            values = [state.dict.get(key)] if state.key is None else state.attrs[key].history.added
            for value in values:
                if isinstance(value, str) and not is_storable(value):
                    raise InvalidInput(str(UNSTORABLE), key)
                if isinstance(value, str) and contains_identity_code(value):
                    raise InvalidInput(str(IDENTITY_CODE_FOUND), key)


def refuse_identity_codes() -> None:
    """Install the guard once per process, before every other flush listener."""
    if not event.contains(Session, "before_flush", _refuse_identity_codes):
        event.listen(Session, "before_flush", _refuse_identity_codes, insert=True)
