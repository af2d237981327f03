"""Write a SearchChange row, in the same transaction, for every change that affects search results.

Listening to the ORM's flushes means no service can forget to: a new or changed offering, or an
organisation renamed, verified or suspended, always reaches the change log. After the transaction
commits, the request's end (or the command) applies the log to the index.
"""

from uuid import uuid4

from flask import g, has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from marketplace.accounts.models import Organisation
from marketplace.catalog.models import Offering
from marketplace.search.models import ChangeKind, SearchChange

_ORGANISATION_FIELDS = ("name", "status")


def _organisation_changed(organisation: Organisation) -> bool:
    state = inspect(organisation)
    return any(state.attrs[name].history.has_changes() for name in _ORGANISATION_FIELDS)


def _record(session: Session, flush_context, instances) -> None:
    keys = session.info.setdefault("search_keys", set())
    changes = []
    dirty = [obj for obj in session.dirty if session.is_modified(obj)]
    for obj in (*session.new, *dirty, *session.deleted):
        if isinstance(obj, Offering):
            if obj.uuid is None:
                obj.uuid = uuid4()
            key = (ChangeKind.OFFERING, str(obj.uuid))
        elif isinstance(obj, Organisation) and obj.id is not None and _organisation_changed(obj):
            key = (ChangeKind.ORGANISATION, str(obj.id))
        else:
            continue
        if key not in keys:
            keys.add(key)
            changes.append(SearchChange(kind=key[0], key=key[1]))
    if changes:
        session.add_all(changes)
        session.info["search_pending"] = True


def _forget(session: Session) -> None:
    session.info.pop("search_keys", None)


def _committed(session: Session) -> None:
    _forget(session)
    if session.info.pop("search_pending", False) and has_request_context():
        g.search_sync_due = True


def _rolled_back(session: Session) -> None:
    _forget(session)
    session.info.pop("search_pending", None)


def listen() -> None:
    """Install the listeners once per process (they apply to every session)."""
    if not event.contains(Session, "before_flush", _record):
        event.listen(Session, "before_flush", _record)
        event.listen(Session, "after_commit", _committed)
        event.listen(Session, "after_rollback", _rolled_back)
