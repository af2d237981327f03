"""The search change log: written in the same transaction as every change that affects search, read in order.

Writing. Listening to the ORM's flushes means no service can forget to: a new or changed offering, or an
organisation renamed, verified or suspended, always reaches the change log. After the transaction
commits, the request's end (or the command) applies the log to the index.

Reading. Each index keeps a Position: every change up to (txid, id) is applied, and so are the ids in
`seen` after it. The position only moves over changes whose transaction, and every older one, has ended
(below the *horizon*); a change committed late by a slow transaction is therefore still ahead of it,
however many later changes were applied meanwhile. Changes above the horizon that are already visible
are applied at once and remembered in `seen`, so nobody waits for a slow transaction elsewhere.
"""

from dataclasses import dataclass, field
from uuid import uuid4

from flask import g, has_request_context
from sqlalchemy import event, func, inspect, select, text, tuple_
from sqlalchemy.orm import Session

from marketplace.accounts.models import Organisation
from marketplace.catalog.models import Offering
from marketplace.search.models import ChangeKind, SearchChange

_LAST = 2**63 - 1
# Keys a transaction remembers so that an offering changed in several flushes is logged once. A bulk import
# changes 100,000 in one transaction: past this many the memory is started afresh, and an offering changed
# again after that is logged twice, which applying the log does not mind (it writes each key's current document).
_KEYS_REMEMBERED = 5_000

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
            if len(keys) >= _KEYS_REMEMBERED:
                keys.clear()
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


@dataclass(frozen=True)
class Position:
    """Where an index is in the change log (stored inside the index, committed with its documents)."""

    txid: int = 0
    id: int = 0
    seen: frozenset[int] = field(default_factory=frozenset)

    def as_meta(self) -> dict:
        return {"txid": self.txid, "id": self.id, "seen": sorted(self.seen)}

    @classmethod
    def from_meta(cls, meta: dict | None) -> "Position":
        meta = meta or {}
        if "seq" in meta:  # written before transaction ids: everything up to the oldest gap was applied
            gaps = [int(seq) for seq in meta.get("gaps", {})]
            return cls(0, min(gaps) - 1 if gaps else meta["seq"])
        return cls(meta.get("txid", 0), meta.get("id", 0), frozenset(meta.get("seen", ())))


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def horizon(session: Session) -> int:
    """Every transaction with an id below this has ended: its changes are visible or never will be.

    SQLite lets one writer at a time commit, and every row's txid is 0, so all that is visible is final.
    """
    if _is_postgres(session):
        return session.scalar(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
    return 1


def start_position(session: Session) -> Position:
    """The position of an index built from what the database holds now (read before building it)."""
    if _is_postgres(session):
        return Position(horizon(session) - 1, _LAST)
    return Position(0, session.scalar(select(func.max(SearchChange.id))) or 0)


def _after(position: Position):
    return tuple_(SearchChange.txid, SearchChange.id) > tuple_(position.txid, position.id)


def unapplied(session: Session, position: Position, limit: int) -> tuple[list, Position]:
    """At most `limit` changes the index at `position` has not applied, and its position once they are."""
    final_below = horizon(session)  # read first: what is final now is visible to the query that follows
    rows = session.execute(
        select(SearchChange.id, SearchChange.txid, SearchChange.kind, SearchChange.key).where(_after(position))
        .order_by(SearchChange.txid, SearchChange.id).limit(limit + len(position.seen))
    ).all()
    todo = [row for row in rows if row.id not in position.seen][:limit]
    applied = position.seen | {row.id for row in todo}
    txid, last_id = position.txid, position.id
    for row in rows:  # move over the applied changes that can no longer have anything before them
        if row.id not in applied or row.txid >= final_below:
            break
        txid, last_id = row.txid, row.id
    order = {row.id: (row.txid, row.id) for row in rows}  # a seen id not among rows lies further ahead
    seen = frozenset(i for i in applied if order.get(i, (_LAST, i)) > (txid, last_id))
    return todo, Position(txid, last_id, seen)


def has_unapplied(session: Session, position: Position) -> bool:
    """Whether the index at `position` is behind (one cheap query, for every search)."""
    ids = session.scalars(select(SearchChange.id).where(_after(position)).limit(len(position.seen) + 1)).all()
    return any(change_id not in position.seen for change_id in ids)


def count_unapplied(session: Session, position: Position) -> int:
    total = session.scalar(select(func.count()).select_from(SearchChange).where(_after(position)))
    return total - len(position.seen)
