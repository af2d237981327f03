#!/usr/bin/env python3
"""Our full reindex against a bare Whoosh writer with the same schema and analyzer, in CPU seconds.

  .venv/bin/python bench/reindex_bench.py [--n 10000 --n 100000] [--rounds 2]

Uses the instances bench/serve_bench.py builds and caches in bench/cache/ (it builds them when missing).
The bare writer gets the very documents our indexer writes (each offering's `document()`, read once from
the database and pickled before timing) and writes them with the same writer settings (processes, memory
limit, non-compound segments), so the difference is what `flask search reindex` adds: reading and loading
the offerings, building their documents, the sets saved with the generation and the swap. The two run in
alternation, each in its own process; CPU is the process's and its children's, user plus system.
"""

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from serve_bench import BIN, RESULTS, instance, log  # noqa: E402

BARE = """
import os, pickle, sys
from whoosh.filedb.filestore import FileStorage
from marketplace.search.schema import build_schema
documents = pickle.load(open(sys.argv[1], "rb"))
procs = int(sys.argv[3])
index = FileStorage(sys.argv[2]).create_index(build_schema())
writer = index.writer(limitmb=256, procs=procs, multisegment=procs > 1, compound=False,
                      subargs={"limitmb": 256, "compound": False})
for fields in documents:
    writer.add_document(**fields)
writer.commit()
"""

DUMP = """
import pickle, sys
from marketplace import create_app
from marketplace.search import indexer
from marketplace.search.documents import document
from marketplace.catalog.service import offering_parts
app = create_app()
with app.app_context(), indexer._reading_session() as session:
    rows = session.scalars(indexer._indexable_query().order_by(indexer.Offering.id).options(*offering_parts()))
    pickle.dump([document(offering) for offering in rows], open(sys.argv[1], "wb"))
"""


def cpu_of(command: list[str], env: dict) -> dict:
    """Wall and CPU seconds of a command and everything it started."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(time.perf_counter() - started, 1), "cpu_s": round(cpu, 1)}


def measure(n: int, rounds: int) -> dict:
    env, _ = instance(n)
    procs = str(min(os.cpu_count() or 1, 4) if n > 5000 else 1)  # as indexer.reindex chooses
    with tempfile.TemporaryDirectory(prefix="reindex-bench-") as scratch:
        documents = Path(scratch) / "documents.pickle"
        subprocess.run([str(BIN / "python"), "-c", DUMP, str(documents)], env=env, cwd=ROOT, check=True)
        count = len(pickle.loads(documents.read_bytes()))
        runs: dict[str, list[dict]] = {"ours": [], "bare": []}
        for round_number in range(rounds):
            for side in (("ours", "bare") if round_number % 2 == 0 else ("bare", "ours")):
                log(f"{n}: round {round_number + 1}, {side}")
                if side == "ours":
                    runs[side].append(cpu_of([str(BIN / "flask"), "--app", "marketplace", "search", "reindex"], env))
                else:
                    folder = Path(scratch) / f"bare-{round_number}"
                    folder.mkdir()
                    runs[side].append(cpu_of([str(BIN / "python"), "-c", BARE, str(documents), str(folder), procs],
                                             env))
    best = {side: min(found, key=lambda run: run["cpu_s"]) for side, found in runs.items()}
    return {"services": n, "documents": count, "runs": runs, "best": best,
            "cpu_ratio": round(best["ours"]["cpu_s"] / best["bare"]["cpu_s"], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="services (repeatable; default 10k and 100k)")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    results = [measure(n, args.rounds) for n in args.n or (10_000, 100_000)]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"reindex-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    print("| services | ours: wall s, CPU s | bare Whoosh writer: wall s, CPU s | CPU ratio |")
    print("| --- | --- | --- | --- |")
    for result in results:
        ours, bare = result["best"]["ours"], result["best"]["bare"]
        print(f"| {result['services']:,} | {ours['wall_s']}, {ours['cpu_s']} | {bare['wall_s']}, {bare['cpu_s']} | "
              f"{result['cpu_ratio']}× |")
    print(f"\n{path}")


if __name__ == "__main__":
    main()
