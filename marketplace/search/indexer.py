"""Keeping the index consistent with the database: apply the change log, rebuild, and verify.

The database is the truth. Every change that affects search writes a SearchChange row in its own
transaction (see changes.py); `sync()` applies the rows an index has not seen yet, in any process or
host, and records the last sequence number it applied inside the index itself (a meta document, so it
is committed atomically with the documents). Applying a change re-reads the offering, so applying one
twice is harmless.
"""

import logging
import os
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from time import time
from uuid import UUID

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload
from whoosh.index import LockError

from marketplace.accounts.models import Organisation, OrganisationStatus
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.extensions import db
from marketplace.search.documents import document, indexable, stamp
from marketplace.search.models import ChangeKind, SearchChange
from marketplace.search.storage import IndexMissing, IndexStore

log = logging.getLogger(__name__)

META_ID = "__meta__"
WRITE_LOCK_WAIT = 2.0  # seconds to wait for another process's writer before leaving the changes to it
GAP_PATIENCE = 600  # seconds to wait for a missing sequence number (a transaction still open elsewhere)
CHUNK = 500
PARALLEL_ABOVE = 5000
_stores: dict[str, IndexStore] = {}


def store() -> IndexStore:
    """The index store of this app's SEARCH_INDEX_DIR (one per directory and process)."""
    root = current_app.config["SEARCH_INDEX_DIR"]
    if root not in _stores:
        _stores[root] = IndexStore(root)
    return _stores[root]


def _eager():
    return (
        selectinload(Offering.organisation),
        selectinload(Offering.target_groups),
        selectinload(Offering.languages),
        selectinload(Offering.municipalities),
        selectinload(Offering.learning_units),
    )


def _indexable_query():
    return (
        select(Offering)
        .join(Offering.organisation)
        .where(Offering.status == OfferingStatus.PUBLISHED, Organisation.status == OrganisationStatus.VERIFIED)
    )


def _reading_session() -> Session:
    """A session of the indexer's own: reading in chunks never touches the caller's objects."""
    return Session(db.engine)


def _latest_sequence() -> int:
    with _reading_session() as session:
        return session.scalar(select(func.max(SearchChange.id))) or 0


def read_meta(index) -> dict:
    with index.searcher() as searcher:
        fields = searcher.document(id=META_ID) or {}
    return fields.get("last_seq") or {"seq": 0, "gaps": {}}


@dataclass
class SyncReport:
    applied: int = 0
    rebuilt: bool = False
    busy: bool = False


def sync() -> SyncReport:
    """Apply pending changes to the live index (building it first when there is none)."""
    try:
        _, index = store().open_current()
    except IndexMissing as reason:
        log.info("building the search index: %s", reason)
        reindex()
        return SyncReport(rebuilt=True)
    meta = read_meta(index)
    gaps = {int(k): v for k, v in meta["gaps"].items()}
    with _reading_session() as session:
        rows = session.execute(
            select(SearchChange.id, SearchChange.kind, SearchChange.key)
            .where(or_(SearchChange.id > meta["seq"], SearchChange.id.in_(gaps)))
            .order_by(SearchChange.id)
        ).all()
        if not rows:
            return SyncReport()
        try:
            writer = index.writer(timeout=WRITE_LOCK_WAIT)
        except LockError:  # another process is applying the same changes right now
            return SyncReport(busy=True)
        try:
            applied = _apply(session, writer, rows)
            writer.update_document(id=META_ID, last_seq=_next_meta(meta, gaps, rows))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
    return SyncReport(applied=applied)


def _next_meta(meta: dict, gaps: dict[int, float], rows) -> dict:
    """Advance the sequence; remember numbers skipped over, since their transactions may commit later."""
    seen = {row.id for row in rows}
    now = time()
    pending = {seq: noticed for seq, noticed in gaps.items() if seq not in seen and now - noticed < GAP_PATIENCE}
    highest = max(meta["seq"], max(seen))
    pending.update({seq: now for seq in range(meta["seq"] + 1, highest) if seq not in seen})
    return {"seq": highest, "gaps": {str(seq): noticed for seq, noticed in pending.items()}}


def _apply(session: Session, writer, rows) -> int:
    uuids = {row.key for row in rows if row.kind is ChangeKind.OFFERING}
    organisation_ids = [int(row.key) for row in rows if row.kind is ChangeKind.ORGANISATION]
    if organisation_ids:
        uuids.update(str(u) for u in session.scalars(
            select(Offering.uuid).where(Offering.organisation_id.in_(organisation_ids))))
    keys = sorted(uuids)
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        found = session.scalars(select(Offering).where(Offering.uuid.in_([UUID(k) for k in chunk]))
                                .options(*_eager())).all()
        by_uuid = {str(offering.uuid): offering for offering in found}
        for key in chunk:
            offering = by_uuid.get(key)
            if offering is not None and indexable(offering):
                writer.update_document(**document(offering))
            else:
                writer.delete_by_term("id", key)
        session.expunge_all()  # flat memory on large syncs
    return len(keys)


def reindex(progress: Callable[[Iterable], Iterable] | None = None) -> int:
    """Rebuild the whole index from the database into a new generation and swap it in atomically."""
    index_store = store()
    latest = _latest_sequence()  # changes after this are applied by the next sync
    name, index = index_store.create_generation()
    with _reading_session() as session:
        total = session.scalar(select(func.count()).select_from(_indexable_query().subquery()))
    # Large rebuilds analyse in parallel (one process per core); small ones are quicker in-process.
    procs = min(os.cpu_count() or 1, 4) if total > PARALLEL_ABOVE else 1
    # Not compound: Whoosh would read a compound segment whole into memory in every process.
    writer = index.writer(limitmb=256, procs=procs, multisegment=procs > 1, compound=False,
                          subargs={"limitmb": 256, "compound": False})
    count = 0
    try:
        with _reading_session() as session:
            offerings = session.scalars(_indexable_query().order_by(Offering.id).options(*_eager())
                                        .execution_options(yield_per=CHUNK))
            for offering in progress(offerings, total) if progress else offerings:
                writer.add_document(**document(offering))
                count += 1
        writer.add_document(id=META_ID, last_seq={"seq": latest, "gaps": {}})
        writer.commit()
    except BaseException:
        writer.cancel()
        index_store.discard(name)
        raise
    index_store.activate(name)
    return count


@dataclass
class Drift:
    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    extra: list[str] = field(default_factory=list)  # in the index, not searchable in the database
    stale: list[str] = field(default_factory=list)  # in both, but the index has an older version

    @property
    def any(self) -> bool:
        return bool(self.missing or self.extra or self.stale)


def verify() -> Drift:
    """Compare the database's searchable offerings with the index's documents."""
    _, index = store().open_current()
    with _reading_session() as session:
        expected = {str(o.uuid): stamp(o) for o in session.scalars(
            _indexable_query().options(selectinload(Offering.organisation), selectinload(Offering.learning_units))
            .execution_options(yield_per=CHUNK))}
    with index.searcher() as searcher:
        indexed = {fields["id"]: fields.get("stamp") for fields in searcher.all_stored_fields()
                   if fields.get("id") != META_ID}
    return Drift(
        missing=sorted(expected.keys() - indexed.keys()),
        extra=sorted(indexed.keys() - expected.keys()),
        stale=sorted(key for key in expected.keys() & indexed.keys() if expected[key] != indexed[key]),
    )


@dataclass
class Status:
    directory: str
    generation: str | None
    documents: int
    applied_sequence: int
    latest_sequence: int


def status() -> Status:
    index_store = store()
    latest = _latest_sequence()
    try:
        name, index = index_store.open_current()
    except IndexMissing:
        return Status(str(index_store.root), None, 0, 0, latest)
    with index.searcher() as searcher:
        documents = searcher.doc_count() - (1 if searcher.document(id=META_ID) else 0)
    return Status(str(index_store.root), name, documents, read_meta(index)["seq"], latest)



class _SearcherPool:
    """Open searchers of the live index, lent to one search at a time (a searcher is not thread-safe,
    and opening one costs more than a search). Searchers of an older index version are closed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._free: list[tuple[str, object]] = []

    def take(self, generation: str, index):
        with self._lock:
            while self._free:
                name, searcher = self._free.pop()
                if name == generation and searcher.up_to_date():
                    return searcher
                searcher.close()
        # A fresh searcher, not Searcher.refresh(): refresh reuses segment readers by segment id and so
        # misses documents deleted from an existing segment since.
        return index.searcher()

    def give_back(self, generation: str, searcher) -> None:
        with self._lock:
            if len(self._free) < 4:
                self._free.append((generation, searcher))
                return
        searcher.close()

    def close(self) -> None:
        with self._lock:
            while self._free:
                self._free.pop()[1].close()


_pools: dict[str, _SearcherPool] = {}


def _pool() -> _SearcherPool:
    root = current_app.config["SEARCH_INDEX_DIR"]
    return _pools.setdefault(root, _SearcherPool())


def close_searchers() -> None:
    """Close this app's pooled searchers (their files), e.g. when a test's app goes away."""
    pool = _pools.pop(current_app.config["SEARCH_INDEX_DIR"], None)
    if pool:
        pool.close()


@contextmanager
def live_searcher():
    """A searcher of the live index, caught up with the change log; built first if there is none.

    Any process, and any host with its own index directory on the same database, catches up here.
    """
    try:
        generation, index = store().open_current()
    except IndexMissing:
        reindex()
        generation, index = store().open_current()
    pool = _pool()
    searcher = pool.take(generation, index)
    meta = (searcher.document(id=META_ID) or {}).get("last_seq") or {"seq": 0}
    if _latest_sequence() > meta["seq"]:
        searcher.close()
        sync()
        generation, index = store().open_current()
        searcher = pool.take(generation, index)
    try:
        yield searcher
    finally:
        pool.give_back(generation, searcher)
