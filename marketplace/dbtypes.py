"""Column types shared by every domain's models."""

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, event, types


class UTCDateTime(types.TypeDecorator):
    """Store naive UTC, hand back aware UTC: the same behaviour on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def str_enum(enum_class: type[enum.StrEnum], name: str | None = None) -> Enum:
    """Store a StrEnum as its values in a VARCHAR with a CHECK constraint.

    Give `name` when one table has two columns of the same enum: it names the constraint.
    """
    return Enum(
        enum_class,
        name=name or enum_class.__name__.lower(),
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_class),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


TYPE_ANNOTATION_MAP = {datetime: UTCDateTime()}

# `info` of text columns that hold only generated values (hashes, tokens, codes): not user text, so the
# henkilötunnus guard (database.refuse_identity_codes) does not read them.
OPAQUE = {"opaque": True}


def enable_sqlite_foreign_keys(engine) -> None:
    """Make SQLite enforce foreign keys, as PostgreSQL does, and let readers run beside a writer."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def render_migration_item(type_, obj, autogen_context):
    """Alembic autogenerate: write UTCDateTime as a plain DateTime, so migrations never import app code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False
