"""Keeping the index consistent with the database: apply the change log, rebuild, verify and repair.

The database is the truth. Every change that affects search writes a SearchChange row in its own
transaction (see changes.py); `sync()` applies the rows an index has not seen yet, in any process or
host, and records its position in the log inside the index itself (a meta document, committed
atomically with the documents). Applying a change re-reads the offering, so applying one twice is harmless.

Work is bounded where a person waits: a web request applies at most REQUEST_BATCH changes and answers
from the index as it is; `flask search sync` (and imports) apply the rest in batches, each committed, so
a crash loses at most one batch of work and never a change.
"""

import ctypes
import logging
import multiprocessing.util
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from uuid import UUID

from flask import current_app, has_request_context
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from whoosh.index import LockError

from marketplace.accounts.models import Organisation, OrganisationStatus
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.catalog.service import offering_parts
from marketplace.errors import DomainError
from marketplace.extensions import db
from marketplace.search import changes, docsets
from marketplace.search.changes import Position
from marketplace.search.documents import document, indexable, stamp
from marketplace.search.models import ChangeKind
from marketplace.search.schema import META_ID
from marketplace.search.signals import generation_built
from marketplace.search.storage import IndexMissing, IndexStore

log = logging.getLogger(__name__)

WRITE_LOCK_WAIT = 2.0  # seconds a command waits for another process's writer before leaving the changes to it
REQUEST_LOCK_WAIT = 0.2  # a request waits less: the other writer applies the same changes
REQUEST_BATCH = 200  # changes one web request applies at most
REQUEST_REBUILD_MAX = 2000  # offerings a web request may index when there is no index at all
CHUNK = 500
_stores: dict[str, IndexStore] = {}


class SearchUnavailable(DomainError):
    """No index yet and too much to build while someone waits: `flask search sync` builds it."""

    status_code = 503


def store() -> IndexStore:
    """The index store of this app's SEARCH_INDEX_DIR (one per directory and process)."""
    root = current_app.config["SEARCH_INDEX_DIR"]
    if root not in _stores:
        _stores[root] = IndexStore(root)
    return _stores[root]


def _indexable_query():
    return (
        select(Offering)
        .join(Offering.organisation)
        .where(Offering.status == OfferingStatus.PUBLISHED, Organisation.status == OrganisationStatus.VERIFIED)
    )


def _reading_session() -> Session:
    """A session of the indexer's own: reading in chunks never touches the caller's objects."""
    return Session(db.engine)


def read_position(index) -> Position:
    with index.searcher() as searcher:
        fields = searcher.document(id=META_ID) or {}
    return Position.from_meta(fields.get("last_seq"))


@dataclass
class SyncReport:
    applied: int = 0
    rebuilt: bool = False
    busy: bool = False


def _open_or_build():
    """The live index; built first when there is none (in a request only if it is small)."""
    try:
        return store().open_current()[1], False
    except IndexMissing as reason:
        if has_request_context() and _indexable_count() > REQUEST_REBUILD_MAX:
            raise SearchUnavailable(_("Hakua rakennetaan parhaillaan. Yritä hetken kuluttua uudelleen.")) from None
        log.info("building the search index: %s", reason)
        reindex(if_missing=True)
        return store().open_current()[1], True


def sync(limit: int | None = None, progress: Callable[[int], None] | None = None) -> SyncReport:
    """Apply pending changes in committed batches: at most `limit` (a web request), or all of them."""
    index, rebuilt = _open_or_build()
    report = SyncReport(rebuilt=rebuilt)
    wait = REQUEST_LOCK_WAIT if has_request_context() else WRITE_LOCK_WAIT
    while limit is None or report.applied < limit:
        batch = CHUNK if limit is None else min(CHUNK, limit - report.applied)
        with _reading_session() as session:
            if not changes.has_unapplied(session, read_position(index)):
                break
            try:
                writer = index.writer(timeout=wait)
            except LockError:  # another process is applying the same changes right now
                report.busy = True
                break
            try:  # the position is read again under the lock: the other writer may have moved it
                rows, after = changes.unapplied(session, read_position(index), batch)
                _apply(session, writer, rows)
                writer.update_document(id=META_ID, last_seq=after.as_meta())
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        report.applied += len(rows)
        if progress:
            progress(len(rows))
        if len(rows) < batch:
            break
    return report


def _apply(session: Session, writer, rows) -> int:
    uuids = {row.key for row in rows if row.kind is ChangeKind.OFFERING}
    organisation_ids = [int(row.key) for row in rows if row.kind is ChangeKind.ORGANISATION]
    if organisation_ids:
        uuids.update(str(u) for u in session.scalars(
            select(Offering.uuid).where(Offering.organisation_id.in_(organisation_ids))))
    _write_documents(session, writer, sorted(uuids))
    return len(uuids)


def _write_documents(session: Session, writer, keys: list[str]) -> None:
    """Write the current document of each offering key, or delete it when the offering is not searchable."""
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        found = session.scalars(select(Offering).where(Offering.uuid.in_([UUID(k) for k in chunk]))
                                .options(*offering_parts())).all()
        by_uuid = {str(offering.uuid): offering for offering in found}
        for key in chunk:
            offering = by_uuid.get(key)
            if offering is not None and indexable(offering):
                writer.update_document(**document(offering))
            else:
                writer.delete_by_term("id", key)
        session.expunge_all()  # flat memory on large syncs


def _indexable_count() -> int:
    with _reading_session() as session:
        return session.scalar(select(func.count()).select_from(_indexable_query().subquery()))


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class _ParentWatch:
    """While one lives, every process multiprocessing forks asks Linux to kill it when its parent dies."""

    def __init__(self):
        self.pid = os.getpid()


def _die_with_parent(watch: _ParentWatch) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):  # not Linux: the workers are ended by cancel() only
        return
    if os.getppid() != watch.pid:  # the parent died before the request took effect
        os._exit(1)


def _exit(signum, frame):
    sys.exit(128 + signum)


@contextmanager
def _workers_end_with_this_process():
    """Whoosh's indexing workers die with this process, even on kill -9; SIGTERM cleans up as an error does."""
    watch = _ParentWatch()
    multiprocessing.util.register_after_fork(watch, _die_with_parent)  # held weakly: ends with `watch`
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _exit) if in_main else None
    try:
        yield
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
        del watch


def _cancel(writer) -> None:
    writer.cancel()
    for task in getattr(writer, "tasks", []):  # Whoosh's cancel() only flags the parent's copy of each task
        task.terminate()
        task.join(5)


def reindex(progress: Callable[[Iterable, int], Iterable] | None = None, if_missing: bool = False) -> int:
    """Rebuild the whole index from the database into a new generation and swap it in atomically.

    One rebuild at a time per directory; with `if_missing`, a rebuild that another process finished while
    this one waited for the lock is not repeated.
    """
    index_store = store()
    with index_store.rebuilding():
        if if_missing:
            try:
                index_store.open_current()
                return 0
            except IndexMissing:
                pass
        with _reading_session() as session:
            position = changes.start_position(session)  # before reading: what changes later is applied later
            total = session.scalar(select(func.count()).select_from(_indexable_query().subquery()))
        name, index = index_store.create_generation()
        # Large rebuilds analyse in parallel (one process per core); small ones are quicker in-process.
        procs = min(os.cpu_count() or 1, 4) if total > current_app.config["SEARCH_PARALLEL_ABOVE"] else 1
        count = 0
        with _workers_end_with_this_process():
            # Not compound: Whoosh would read a compound segment whole into memory in every process.
            writer = index.writer(limitmb=256, procs=procs, multisegment=procs > 1, compound=False,
                                  subargs={"limitmb": 256, "compound": False})
            try:
                with _reading_session() as session:
                    offerings = session.scalars(_indexable_query().order_by(Offering.id).options(*offering_parts())
                                                .execution_options(yield_per=CHUNK))
                    for offering in progress(offerings, total) if progress else offerings:
                        writer.add_document(**document(offering))
                        count += 1
                writer.add_document(id=META_ID, last_seq=position.as_meta())
                writer.commit()
            except BaseException:
                _cancel(writer)
                index_store.discard(name)
                raise
        with index.searcher() as searcher:
            generation_built.send(searcher, folder=index_store.root / name)
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


def repair(drift: Drift) -> int:
    """Rewrite the documents `verify` found missing, extra or stale; return how many."""
    keys = sorted({*drift.missing, *drift.extra, *drift.stale})
    if keys:
        _, index = store().open_current()
        with _reading_session() as session, index.writer(timeout=WRITE_LOCK_WAIT) as writer:
            _write_documents(session, writer, keys)
    return len(keys)


@dataclass
class Status:
    directory: str
    generation: str | None
    documents: int
    pending: int  # changes in the log this index has not applied


def status() -> Status:
    index_store = store()
    try:
        name, index = index_store.open_current()
    except IndexMissing:
        with _reading_session() as session:
            return Status(str(index_store.root), None, 0, changes.count_unapplied(session, Position()))
    with index.searcher() as searcher:
        documents = searcher.doc_count() - (1 if searcher.document(id=META_ID) else 0)
    with _reading_session() as session:
        pending = changes.count_unapplied(session, read_position(index))
    return Status(str(index_store.root), name, documents, pending)


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

    Any process, and any host with its own index directory on the same database, catches up here: a
    web request by at most REQUEST_BATCH changes, so a backlog never keeps a visitor waiting.
    """
    index, _rebuilt = _open_or_build()
    generation = store().current_name()
    docsets.load(store().root / generation)
    pool = _pool()
    searcher = pool.take(generation, index)
    try:
        with _reading_session() as session:
            behind = changes.has_unapplied(
                session, Position.from_meta((searcher.document(id=META_ID) or {}).get("last_seq"))
            )
    except BaseException:
        searcher.close()  # not back to the pool, and not left open for the garbage collector
        raise
    if behind:
        searcher.close()
        sync(limit=REQUEST_BATCH if has_request_context() else None)
        generation, index = store().open_current()
        searcher = pool.take(generation, index)
    try:
        yield searcher
    finally:
        pool.give_back(generation, searcher)
