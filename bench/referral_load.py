#!/usr/bin/env python3
"""Referral load: gunicorn workers, concurrent API clients, retried idempotency keys, then concurrent accepts.

  .venv/bin/python bench/referral_load.py [--database postgresql+psycopg://…] [--workers 2] [--clients 20]
                                          [--referrals 2000] [--retry-share 0.33] [--accepts 200]

A throwaway database (SQLite in a temporary directory unless --database names an empty PostgreSQL
database) gets a coach organisation, a provider with an offering of 50 places and one API token per side.
gunicorn serves the app on 127.0.0.1 as `make serve` does (deploy/gunicorn.conf.py);
--clients threads send --referrals referrals, each with its own
Idempotency-Key, and a share of them is sent a second time at the same moment by another client (a
retry racing the original). Then the provider's clients accept referrals concurrently (more than there
are places). Prints JSON: throughput, latency percentiles, status counts, and the checks: exactly one
referral per key, no 5xx, every retry answered with its original's referral, open places never below
zero and equal to the places not held. Not a test: timings are never asserted.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_world(env: dict) -> dict:
    """The network the load runs against, created through the services; returns tokens and ids."""
    os.environ.update(env)
    from marketplace import create_app
    from marketplace.accounts import service as accounts
    from marketplace.accounts.models import MemberRole, OrganisationKind
    from marketplace.accounts.service import create_token
    from marketplace.catalog import service as catalog
    from marketplace.catalog.models import OfferingStatus
    from marketplace.catalog.service import OfferingData
    from marketplace.extensions import db

    app = create_app()
    with app.app_context():
        def org(name, kind, business_id):
            return accounts.create_organisation(accounts.OrganisationProfile(
                name=name, kind=kind, business_id=business_id, municipality_code="734", email="org@example.fi"),
                verified=True)

        coach_org = org("Kuormitustesti työllisyyspalvelut", OrganisationKind.EMPLOYMENT_SERVICES, "0204819-8")
        provider_org = org("Kuormitustesti paja ry", OrganisationKind.WORKSHOP, "0201256-6")
        coach = accounts.create_user("coach@example.fi", "Valmentaja", "kuormitus-salasana-1")
        provider = accounts.create_user("provider@example.fi", "Ohjaaja", "kuormitus-salasana-2")
        accounts.add_member(coach_org, coach, MemberRole.ADMIN)
        accounts.add_member(provider_org, provider, MemberRole.ADMIN)
        offering = catalog.create_offering(provider_org, OfferingData(
            title="Kuormituspaja", summary="Testi.", offering_type="workshop", target_groups=["under_30"],
            languages=["fi"], municipalities=["734"], contact_name="Ohjaaja", contact_email="o@example.fi",
            capacity_total=50, open_places=50), provider)
        catalog.publish_offering(offering, provider)
        assert offering.status is OfferingStatus.PUBLISHED
        world = {"offering": str(offering.uuid), "offering_id": offering.id,
                 "coach_token": create_token(coach, coach_org, "kuorma")[1],
                 "provider_token": create_token(provider, provider_org, "kuorma")[1]}
        db.session.remove()
        db.engine.dispose()
    return world


class Client:
    """One keep-alive HTTP connection per thread."""

    local = threading.local()

    def __init__(self, port: int):
        self.port = port

    def send(self, method: str, path: str, body: dict | None, headers: dict) -> tuple[int, dict, float]:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        payload = json.dumps(body).encode() if body is not None else None
        started = time.perf_counter()
        try:
            connection.request(method, path, body=payload, headers={"Content-Type": "application/json", **headers})
            response = connection.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.local.connection = None
            return 0, {}, time.perf_counter() - started
        elapsed = time.perf_counter() - started
        try:
            parsed = json.loads(data) if data else {}
        except ValueError:
            parsed = {}
        return response.status, parsed, elapsed


def percentiles(values: list[float]) -> dict:
    cuts = statistics.quantiles(values, n=100)
    return {"p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1)}


def run(args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="referral-load-"))
    database = args.database or f"sqlite:///{workdir / 'load.db'}"
    env = {"MARKETPLACE_SECRET_KEY": secrets.token_hex(32), "MARKETPLACE_INSTANCE_PATH": str(workdir),
           "MARKETPLACE_SQLALCHEMY_DATABASE_URI": database, "MARKETPLACE_SEARCH_INDEX_DIR": str(workdir / "index"),
           "MARKETPLACE_PUBLIC_BASE_URL": "http://127.0.0.1", "MARKETPLACE_ALLOW_SQLITE": "true",
           # The production server as `make serve` runs it; the limits are shared through the database (so
           # their cost is measured) but set above this load, which one integration would not reach.
           "MARKETPLACE_BIND": f"127.0.0.1:{args.port}", "MARKETPLACE_WORKERS": str(args.workers),
           "MARKETPLACE_RATELIMIT_STORAGE_URI": args.ratelimit_storage,
           "MARKETPLACE_API_LIMIT_PER_CALLER": "1000 per second", "MARKETPLACE_API_LIMIT_PER_CLIENT": "1000 per second"}
    flask = [sys.executable, "-m", "flask", "--app", "marketplace"]
    subprocess.run([*flask, "db", "upgrade"], env={**os.environ, **env}, check=True, capture_output=True)
    world = build_world(env)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "marketplace.wsgi:app"],
        env={**os.environ, **env}, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(workdir / "gunicorn.log", "w"))
    client = Client(args.port)
    try:
        for _ in range(100):
            if client.send("GET", "/api/v1/services", None, {})[0] == 200:
                break
            time.sleep(0.1)
        return _load(args, client, world, database, env)
    finally:
        server.terminate()
        server.wait(10)


def _load(args, client: Client, world: dict, database: str, env: dict) -> dict:
    rnd = random.Random(11)
    coach = {"Authorization": f"Bearer {world['coach_token']}"}
    provider = {"Authorization": f"Bearer {world['provider_token']}"}
    requests = []
    for n in range(args.referrals):
        key = str(uuid.uuid4())
        body = {"offering_id": world["offering"], "jobseeker": {"name": f"Asiakas {n}", "phone": "040 123 4567"},
                "goal": "Kuormitustesti.", "eligibility_confirmed": True,
                "consent": {"given": True, "version": "2026-11"}}
        requests.append((key, body))
        if rnd.random() < args.retry_share:
            requests.append((key, body))  # the retry, next in the queue: another client sends it at once
    results: list[tuple[str, int, str | None, float]] = []
    lock = threading.Lock()

    def send(item):
        key, body = item
        status, answer, elapsed = client.send("POST", "/api/v1/referrals", body, {**coach, "Idempotency-Key": key})
        with lock:
            results.append((key, status, answer.get("id"), elapsed))

    started = time.perf_counter()
    with ThreadPoolExecutor(args.clients) as pool:
        list(pool.map(send, requests))
    creating = time.perf_counter() - started

    ids_by_key: dict[str, set] = {}
    for key, status, referral_id, _ in results:
        if status in (200, 201):
            ids_by_key.setdefault(key, set()).add(referral_id)
    created_ids = [next(iter(ids)) for ids in ids_by_key.values()]

    accepts = rnd.sample(created_ids, min(args.accepts, len(created_ids)))
    accept_results: list[tuple[int, float]] = []

    def accept(referral_id):
        status, _, elapsed = client.send("POST", f"/api/v1/referrals/{referral_id}/transitions",
                                         {"action": "accept", "start_date": date.today().isoformat(),
                                          "confirm_full": True}, provider)
        with lock:
            accept_results.append((status, elapsed))

    started = time.perf_counter()
    with ThreadPoolExecutor(args.clients) as pool:
        list(pool.map(accept, accepts))
    accepting = time.perf_counter() - started

    os.environ.update(env)
    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM referral")).scalar()
        holding = connection.execute(text("SELECT count(*) FROM referral WHERE holds_place")).scalar()
        places = connection.execute(text("SELECT open_places FROM offering WHERE id = :id"),
                                    {"id": world["offering_id"]}).scalar()
    engine.dispose()
    statuses = Counter(status for _, status, _, _ in results)
    latencies = [elapsed for *_, elapsed in results]
    return {
        "database": database.split(":")[0], "workers": args.workers, "clients": args.clients,
        "ratelimit_storage": args.ratelimit_storage,
        "referrals": args.referrals, "requests": len(requests), "retries": len(requests) - args.referrals,
        "create": {"seconds": round(creating, 1), "requests_per_second": round(len(requests) / creating, 1),
                   **percentiles(latencies), "statuses": dict(sorted(statuses.items()))},
        "accept": {"seconds": round(accepting, 1), **percentiles([e for _, e in accept_results]),
                   "statuses": dict(sorted(Counter(s for s, _ in accept_results).items()))},
        "checks": {
            "referral_rows": rows, "exactly_one_per_key": rows == args.referrals and all(
                len(ids) == 1 for ids in ids_by_key.values()) and len(ids_by_key) == args.referrals,
            "server_errors": sum(count for status, count in statuses.items() if status >= 500 or status == 0)
            + sum(1 for s, _ in accept_results if s >= 500 or s == 0),
            "open_places": places, "places_held": holding, "places_consistent": places == max(0, 50 - holding)
            and places >= 0,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="an empty PostgreSQL database URL (default: SQLite in a temporary dir)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ratelimit-storage", default="database://", help="memory:// to leave the limits' cost out")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--referrals", type=int, default=2000)
    parser.add_argument("--retry-share", type=float, default=1 / 3)
    parser.add_argument("--accepts", type=int, default=200)
    parser.add_argument("--port", type=int, default=5077)
    print(json.dumps(run(parser.parse_args()), indent=2))


if __name__ == "__main__":
    main()
