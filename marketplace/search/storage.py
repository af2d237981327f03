"""Where the index lives: generations (gen-*/) under the index directory and a CURRENT file naming the live one.

A rebuild writes a new generation beside the live one and swaps the CURRENT file atomically
(os.replace), so searches keep working meanwhile. A generation holds a BUILDING file until it is swapped
in; one rebuild at a time holds the directory's lock, and removes what a crashed rebuild left behind.
CURRENT also records the analyzer version: an index
written by another version is treated as missing and rebuilt. Readers in every process notice a swap
on their next search.
"""

import fcntl
import gc
import json
import os
import shutil
import threading
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from marketplace.search.analysis import analyzer_key
from marketplace.search.schema import build_schema

POINTER = "CURRENT"
BUILDING = "BUILDING"  # inside a generation until it is activated: without it, a crash's leftover is unknowable
OLD_GENERATION_GRACE = 3600  # seconds an old generation is kept for searches still reading it


def _open(path: Path) -> tuple[whoosh_index.Index | None, str]:
    """Open an index, or say why it cannot be (a crashed or foreign index: rebuild, never fail). Whoosh leaves
    an unreadable table of contents open when it gives up: that file is closed here, quietly, not at some
    later garbage collection."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return whoosh_index.open_dir(str(path)), ""
        except Exception as error:  # noqa: BLE001
            problem = str(error)
        gc.collect()
    return None, problem


class IndexMissing(Exception):
    """No usable index: none built yet, another analyzer version, or unreadable after a crash."""


class IndexStore:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._opened: dict[str, whoosh_index.Index] = {}

    def pointer(self) -> dict | None:
        try:
            return json.loads((self.root / POINTER).read_text())
        except (FileNotFoundError, ValueError):
            return None

    def current_name(self) -> str:
        pointer = self.pointer()
        if not pointer or pointer.get("analyzer") != analyzer_key() or not (self.root / pointer["generation"]).is_dir():
            raise IndexMissing(f"no index for analyzer {analyzer_key()} in {self.root}")
        return pointer["generation"]

    def open_current(self) -> tuple[str, whoosh_index.Index]:
        """The live generation's name and its Index; raises IndexMissing when there is none that works."""
        name = self.current_name()
        with self._lock:
            index = self._opened.get(name)
            if index is None:
                index, problem = _open(self.root / name)
                if index is None:
                    raise IndexMissing(f"index {name} cannot be opened: {problem}")
                self._opened = {name: index}
            return name, index

    @contextmanager
    def rebuilding(self) -> Iterator[None]:
        """Hold this directory's rebuild lock (waiting for another rebuild); remove crashed rebuilds' leftovers.

        The lock is the kernel's (flock): a process killed with -9 releases it, so a leftover found while
        holding it belongs to nobody.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".rebuild.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            for path in self.root.glob("gen-*"):
                if (path / BUILDING).exists():
                    shutil.rmtree(path, ignore_errors=True)
            yield

    def create_generation(self) -> tuple[str, whoosh_index.Index]:
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"gen-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        path = self.root / name
        path.mkdir()
        (path / BUILDING).touch()
        return name, FileStorage(str(path)).create_index(build_schema())

    def activate(self, name: str) -> None:
        """Make `name` the live generation (atomically) and remove generations nobody should be reading."""
        (self.root / name / BUILDING).unlink()
        temporary = self.root / f".{POINTER}.{uuid.uuid4().hex}"
        temporary.write_text(json.dumps({"generation": name, "analyzer": analyzer_key()}))
        os.replace(temporary, self.root / POINTER)
        self.remove_old_generations(keep=name)

    def remove_old_generations(self, keep: str, grace: float = OLD_GENERATION_GRACE) -> None:
        for path in self.root.glob("gen-*"):
            if path.name != keep and time.time() - path.stat().st_mtime > grace:
                shutil.rmtree(path, ignore_errors=True)

    def discard(self, name: str) -> None:
        shutil.rmtree(self.root / name, ignore_errors=True)
