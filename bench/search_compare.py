#!/usr/bin/env python3
"""Search speed of this checkout beside another commit's, interleaved query by query on the same data.

  .venv/bin/python bench/search_compare.py --baseline COMMIT [--n 100000] [--queries 500] [--keep DIR]

The other commit is checked out with `git worktree` (it shares this checkout's .venv). Each side runs in its
own worker process: it imports the same generated services into its own SQLite database, rebuilds its index,
then answers queries from stdin, timing each in-process (the API through the test client, and the results
page's search with facet counts). The queries alternate between the two workers, so a busy moment of the
machine falls on both. Prints JSON for the README. Not a test: timings are never asserted.
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import percentile, queries  # noqa: E402

WORKER = r"""
import json, os, resource, sys, time
sys.path.insert(0, os.getcwd())
from marketplace import create_app
from marketplace.api.hsds.importer import import_services
from marketplace.extensions import db
from marketplace.search import indexer
from marketplace.search.query import SearchRequest, search

app = create_app({"SERVER_NAME": None})
with app.app_context():
    db.drop_all()
    db.create_all()
    with open(sys.argv[1], "rb") as stream:
        import_services(stream)
    started = time.perf_counter()
    indexer.reindex()
    print(json.dumps({"reindex_s": round(time.perf_counter() - started, 1)}), flush=True)
    client = app.test_client()
    for line in sys.stdin:
        query = json.loads(line)
        started = time.perf_counter()
        total = client.get("/api/v1/services", query_string={"search": query, "per_page": 10}).get_json()["total_items"]
        api = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        search(SearchRequest(text=query, per_page=20, with_facets=True))
        page = (time.perf_counter() - started) * 1000
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps({"api": api, "page": page, "total": total, "rss": rss}), flush=True)
"""


def worker(tree: Path, work: Path, corpus: Path) -> subprocess.Popen:
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MARKETPLACE_SECRET_KEY": secrets.token_hex(32), "MARKETPLACE_INSTANCE_PATH": str(work),
           "MARKETPLACE_SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'bench.db'}",
           "MARKETPLACE_SEARCH_INDEX_DIR": str(work / "index")}
    return subprocess.Popen([sys.executable, "-c", WORKER, str(corpus)], cwd=tree, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def ask(process: subprocess.Popen, query: str) -> dict:
    process.stdin.write(json.dumps(query) + "\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


def summary(rows: list[dict], reindex: dict) -> dict:
    api, page = [r["api"] for r in rows], [r["page"] for r in rows]
    return {**reindex, "API p50 (ms)": round(statistics.median(api), 1), "API p95 (ms)": round(percentile(api, 95), 1),
            "search+facets p50 (ms)": round(statistics.median(page), 1),
            "search+facets p95 (ms)": round(percentile(page, 95), 1),
            "median hits": int(statistics.median(r["total"] for r in rows)), "peak RSS (MB)": rows[-1]["rss"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="the commit to compare with")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--generator", default=str(ROOT.parent / "shared" / "bench" / "make_corpus.py"))
    parser.add_argument("--keep", help="work in this directory and keep it (default: a temporary one)")
    args = parser.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="kumppanitori-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{args.n}.json"
    if not corpus.exists():
        with corpus.open("wb") as out:
            subprocess.run([sys.executable, args.generator, "--n", str(args.n), "--seed", "1"], stdout=out, check=True)
    baseline = work / "baseline-tree"
    if not baseline.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(baseline), args.baseline],
                       check=True, capture_output=True)
        for catalogue in (ROOT / "translations").glob("*/LC_MESSAGES/messages.mo"):
            target = baseline / catalogue.relative_to(ROOT)
            target.write_bytes(catalogue.read_bytes())  # the .mo files are built, not committed
    sides = {"baseline": baseline, "this checkout": ROOT}
    workers = {}
    reindex = {}
    for name, tree in sides.items():  # one at a time: building an index takes both cores
        workers[name] = worker(tree, work / name.replace(" ", "-"), corpus)
        reindex[name] = json.loads(workers[name].stdout.readline())
    sample = queries(args.queries)
    rows = {name: [] for name in sides}
    for query in sample[:20]:  # warm the caches a running server has
        for process in workers.values():
            ask(process, query)
    for query in sample:
        for name, process in workers.items():
            rows[name].append(ask(process, query))
    for process in workers.values():
        process.stdin.close()
        process.wait()
    print(json.dumps({"services": args.n, "baseline": args.baseline,
                      **{name: summary(rows[name], reindex[name]) for name in sides}}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
