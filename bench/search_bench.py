#!/usr/bin/env python3
"""Search benchmark: import N generated HSDS services, rebuild the index, time 500 coach-like queries.

  .venv/bin/python bench/search_bench.py --n 10000 [--generator ../shared/bench/make_corpus.py] [--keep DIR]

Runs against a throwaway SQLite database and index (in a temporary directory), in-process through the
Flask test client, so the figures are the application's own time without network. Prints a table for
the README. Not a test: timings are never asserted.
"""

import argparse
import json
import os
import random
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = {
    "need": ["työkokeilu", "työkokeiluun", "valmennusta", "kuntouttava työtoiminta", "työpaja", "pajalle",
             "opinnollistaminen", "koulutus", "palkkatuettu työ", "yrittäjyys", "vertaistuki", "kielikoulutus",
             "työnvälitys", "uraohjaus", "työhönvalmennus"],
    "field": ["puutyö", "kiinteistöhuolto", "kiinteistöhuollon", "siivous", "ravintola", "keittiössä", "logistiikka",
              "varastossa", "kaupan alan", "metallityö", "hoiva-ala", "tietotekniikka", "ompelimo", "viherrakentaminen",
              "media", "IT-paja"],
    "group": ["nuorille", "nuorten", "maahanmuuttajille", "osatyökykyisille", "pitkäaikaistyöttömille", "alle 30"],
    "place": ["Salossa", "Tampereella", "Oulussa", "Helsingissä", "Turussa", "Porissa", "Kuopiossa", "Lahdessa",
              "Jyväskylässä", "Vaasa", "Savonlinna", "Rovaniemellä", "Espoossa", "Kouvolassa"],
}


def queries(count: int, seed: int = 7) -> list[str]:
    """One to four words, the way coaches type: a need, a field, a group, a place, in any mix."""
    rnd = random.Random(seed)
    result = []
    for _ in range(count):
        kinds = rnd.sample(list(WORDS), rnd.randint(1, 4))
        result.append(" ".join(rnd.choice(WORDS[kind]) for kind in kinds))
    return result


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--generator", default=str(ROOT.parent / "shared" / "bench" / "make_corpus.py"))
    parser.add_argument("--keep", help="work in this directory and keep it (default: a temporary one)")
    args = parser.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="kumppanitori-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{args.n}.json"
    if not corpus.exists():
        with corpus.open("wb") as out:
            subprocess.run([sys.executable, args.generator, "--n", str(args.n), "--seed", "1"], stdout=out, check=True)

    os.environ.update({"MARKETPLACE_SECRET_KEY": secrets.token_hex(32),
                       "MARKETPLACE_INSTANCE_PATH": str(work / "instance"),
                       "MARKETPLACE_SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'bench.db'}",
                       "MARKETPLACE_SEARCH_INDEX_DIR": str(work / "index")})
    from marketplace import create_app
    from marketplace.api.hsds.importer import import_services
    from marketplace.extensions import db
    from marketplace.search import indexer
    from marketplace.search.analysis import voikko_available
    from marketplace.search.query import SearchRequest, search

    app = create_app({"SERVER_NAME": None})
    figures = {"services": args.n, "finnish analysis": "Voikko" if voikko_available() else "Snowball"}
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        with corpus.open("rb") as stream:
            report = import_services(stream)
        figures["import (s)"] = round(time.perf_counter() - started, 1)
        figures["imported"] = report.created
        figures["RSS after import (MB)"] = rss_mb()
        started = time.perf_counter()
        figures["indexed"] = indexer.reindex()
        figures["reindex (s)"] = round(time.perf_counter() - started, 1)
        generation = indexer.store().current_name()
        figures["index size (MB)"] = round(
            sum(f.stat().st_size for f in (work / "index" / generation).iterdir()) / 2**20, 1
        )

        client = app.test_client()
        sample = queries(args.queries)
        for query in sample[:20]:  # warm the caches a running server has
            client.get("/api/v1/services", query_string={"search": query, "per_page": 10})
        api, page, totals = [], [], []
        for query in sample:
            started = time.perf_counter()
            response = client.get("/api/v1/services", query_string={"search": query, "per_page": 10})
            api.append((time.perf_counter() - started) * 1000)
            totals.append(response.get_json()["total_items"])
            started = time.perf_counter()
            search(SearchRequest(text=query, per_page=20, with_facets=True))
            page.append((time.perf_counter() - started) * 1000)
        figures["API p50 (ms)"] = round(statistics.median(api), 1)
        figures["API p95 (ms)"] = round(percentile(api, 95), 1)
        figures["search+facets p50 (ms)"] = round(statistics.median(page), 1)
        figures["search+facets p95 (ms)"] = round(percentile(page, 95), 1)
        figures["median hits"] = int(statistics.median(totals))
        figures["peak RSS (MB)"] = rss_mb()
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
