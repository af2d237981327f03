#!/usr/bin/env python3
"""Served search against its PostgreSQL peer: latency, throughput, cold start and memory per worker, side by side.

  .venv/bin/python bench/serve_bench.py [--n 1000 --n 10000 --n 100000] [--queries 300] [--seconds 5]

For each N, ../shared/bench/make_corpus.py writes N services, `flask hsds import` loads them into a SQLite
instance and `flask search reindex` builds its index (both cached in bench/cache/ between runs, with their
time, CPU and memory), and bench/pg_peer.py loads the same services into PostgreSQL (tests/postgres-server.sh
starts the server). Both run under gunicorn with 2 sync workers on 127.0.0.1:
  api   our `GET /api/v1/services?search=…&per_page=10` (top 10 and the total)
  page  our results page `GET /search?q=…` (HTML with facets and snippets)
  peer  the peer's `GET /search?q=…` (top 10 by ts_rank and the total)
Measured, each target interleaved with the others query by query (so a busy machine slows all alike):
the first search on each fresh worker; p50/p95 of one client over the queries; requests per second of four
clients, in rounds that alternate the targets; RSS, PSS and USS of every worker after the load; then a
`flask search reindex` (its time and CPU: a new index generation) and the first search of each worker on the new
generation. With --baseline, an earlier checkout is served as api@base and page@base. Writes JSON to
bench/results/ and prints a table with each figure's ratio to the peer. Not a test: nothing is asserted.
"""

import argparse
import http.client
import json
import os
import re
import resource
import secrets
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import ijson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from pg_peer import load as load_peer  # noqa: E402
from search_bench import percentile, queries  # noqa: E402

GENERATOR = ROOT.parent / "shared" / "bench" / "make_corpus.py"
CACHE = ROOT / "bench" / "cache"
RESULTS = ROOT / "bench" / "results"
BIN = ROOT / ".venv" / "bin"
PORTS = {"ours": 8111, "peer": 8112, "base": 8113}
API, PAGE = "/api/v1/services?per_page=10&search=", "/search?q="
TARGETS = {"api": ("ours", API), "page": ("ours", PAGE), "peer": ("peer", PAGE)}
BASELINE_TARGETS = {"api@base": ("base", API), "page@base": ("base", PAGE)}


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict) -> dict:
    """Run a command; its wall time, CPU time (with its own children) and peak RSS (/usr/bin/time)."""
    cpu, started = children_cpu(), time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], env=env, cwd=ROOT, check=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return {"wall_s": round(time.perf_counter() - started, 1), "cpu_s": round(children_cpu() - cpu, 1),
            "peak_rss_mb": round(int(done.stderr.strip().splitlines()[-1]) / 1024)}


def instance(n: int) -> tuple[dict, dict]:
    """Our instance of N services (imported and indexed once, then reused): its environment and build figures."""
    folder = CACHE / f"ours-{n}"
    env = {**os.environ, "MARKETPLACE_SECRET_KEY": secrets.token_hex(32),
           "MARKETPLACE_INSTANCE_PATH": str(folder / "instance"),
           "MARKETPLACE_SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}",
           "MARKETPLACE_SEARCH_INDEX_DIR": str(folder / "index"), "MARKETPLACE_ALLOW_SQLITE": "true",
           "MARKETPLACE_RATELIMIT_ENABLED": "false", "MARKETPLACE_LOG_LEVEL": "warning"}
    built = folder / "built.json"
    if built.exists():
        return env, json.loads(built.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    flask = [str(BIN / "flask"), "--app", "marketplace"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    log(f"importing {n} services (cached afterwards)")
    figures = {"import": timed([*flask, "hsds", "import", str(corpus(n))], env)}
    log(f"indexing {n} services")
    figures["reindex"] = timed([*flask, "search", "reindex"], env)
    built.write_text(json.dumps(figures))
    return env, figures


def corpus(n: int) -> Path:
    path = CACHE / f"corpus-{n}.json"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        log(f"generating {n} services")
        with path.open("wb") as out:
            subprocess.run([sys.executable, str(GENERATOR), "--n", str(n), "--seed", "1"], stdout=out, check=True)
    return path


def peer_database(n: int) -> str:
    """The peer's database URL for N services: a schema of its own in the test server, loaded once."""
    server = subprocess.run([str(ROOT / "tests" / "postgres-server.sh")], check=True, capture_output=True,
                            text=True).stdout.strip().replace("+psycopg", "")
    schema = f"bench_{n}"
    url = f"{server}?options={quote(f'-csearch_path={schema}')}"
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        exists = connection.execute("SELECT to_regclass(%s)", (f"{schema}.service",)).fetchone()[0]
    if not exists:
        log(f"loading {n} services into PostgreSQL (cached afterwards)")
        with corpus(n).open("rb") as stream:
            load_peer(url, ijson.items(stream, "item"))
    return url


class Server:
    """gunicorn with 2 sync workers of one thread each, never recycled, as every side is served; ours with the
    hooks of its deploy/gunicorn.conf.py (whose threads would otherwise turn sync into gthread). Its log goes
    to bench/results/<name>.log."""

    def __init__(self, name: str, app: str, env: dict, code: Path = ROOT):
        self.name, self.port = name, PORTS[name]
        config = ["-c", str(code / "deploy" / "gunicorn.conf.py")] if app.startswith("marketplace") else []
        RESULTS.mkdir(exist_ok=True)
        self.log = (RESULTS / f"{name}.log").open("w")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), *config, "-w", "2", "-k", "sync", "--threads", "1", "-b", f"127.0.0.1:{self.port}",
             "--timeout", "120", "--max-requests", "0", "--max-requests-jitter", "0", "--log-level", "info", app],
            cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 300
        while len(self.workers()) < 2 or not self._listening() or not self._warm(config):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{name} did not start")
            time.sleep(0.2)
        time.sleep(1)  # both workers booted (the app is imported after the fork)

    def _listening(self) -> bool:
        try:
            http.client.HTTPConnection("127.0.0.1", self.port, timeout=1).connect()
            return True
        except OSError:
            return False

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def memory(self) -> list[dict]:
        """RSS, PSS and USS (private clean + dirty) of each worker, in MB."""
        found = []
        for pid in self.workers():
            fields = dict(re.findall(r"^(\w+):\s+(\d+) kB", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M))
            found.append({"rss": int(fields["Rss"]) // 1024, "pss": int(fields["Pss"]) // 1024,
                          "uss": (int(fields["Private_Clean"]) + int(fields["Private_Dirty"])) // 1024})
        return found

    def _warm(self, config: list[str]) -> bool:
        """Whether each worker has warmed up, when the configuration has a hook that does (a worker takes no
        request before; a first search sent earlier would wait in the socket and time the warm-up itself)."""
        if not config or "def post_worker_init" not in Path(config[1]).read_text():
            return True
        return (RESULTS / f"{self.name}.log").read_text().count("] warm: ") >= 2

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


class Client:
    """One keep-alive connection per target."""

    def __init__(self):
        self.connections = {}

    def get(self, target: str, query: str) -> float:
        server, path = TARGETS[target]
        connection = self.connections.get(target) or http.client.HTTPConnection("127.0.0.1", PORTS[server],
                                                                                 timeout=120)
        self.connections[target] = connection
        started = time.perf_counter()
        connection.request("GET", path + quote(query))
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{target} {query!r}: {response.status}")
        return (time.perf_counter() - started) * 1000


def cold_start(target: str, query: str) -> list[float]:
    """The first search of each fresh worker: two at once, so each worker gets one."""
    with ThreadPoolExecutor(2) as pool:
        return sorted(round(ms) for ms in pool.map(lambda _: Client().get(target, query), range(2)))


def latencies(sample: list[str]) -> dict[str, list[float]]:
    client, found = Client(), {target: [] for target in TARGETS}
    names = list(TARGETS)
    for i, query in enumerate(sample):
        for target in names[i % len(names):] + names[:i % len(names)]:  # a different target first each time
            found[target].append(client.get(target, query))
    return found


def _burst(target: str, sample: list[str], seconds: float, clients: int) -> tuple[int, float]:
    """Requests done by `clients` concurrent clients in `seconds`, and the time it took."""
    stop, counts = time.monotonic() + seconds, []

    def run(offset: int) -> None:
        client, n = Client(), 0
        while time.monotonic() < stop:
            client.get(target, sample[(offset + n * clients) % len(sample)])
            n += 1
        counts.append(n)

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(offset,)) for offset in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), time.perf_counter() - started


def throughput(sample: list[str], seconds: float, rounds: int = 3, clients: int = 4) -> dict[str, float]:
    """Requests per second of `clients` concurrent clients, each target for `seconds` in each of `rounds`."""
    done = {target: 0 for target in TARGETS}
    spent = {target: 0.0 for target in TARGETS}
    names = list(TARGETS)
    for round_number in range(rounds):
        for target in names[round_number % len(names):] + names[:round_number % len(names)]:
            count, took = _burst(target, sample, seconds, clients)
            done[target] += count
            spent[target] += took
    return {target: round(done[target] / spent[target], 1) for target in TARGETS}


def measure(n: int, args) -> dict:
    env, built = instance(n)
    peer_env = {**os.environ, "PEER_DATABASE_URL": peer_database(n)}
    sample = queries(args.queries, seed=11)
    figures: dict = {"services": n, "build": built}
    log(f"{n}: starting the servers")
    servers = {"ours": Server("ours", "marketplace.wsgi:app", env),
               "peer": Server("peer", "bench.pg_peer:app", peer_env)}
    if args.baseline:
        servers["base"] = Server("base", "marketplace.wsgi:app", env, code=Path(args.baseline).resolve())
    try:
        figures["boot_mb"] = {name: server.memory() for name, server in servers.items()}
        figures["cold_ms"] = {target: cold_start(target, sample[i % 2]) for i, target in enumerate(TARGETS)}
        log(f"{n}: latency over {len(sample)} queries")
        each = latencies(sample)
        figures["latency_ms"] = {target: {"p50": round(percentile(values, 50), 1),
                                          "p95": round(percentile(values, 95), 1)}
                                 for target, values in each.items()}
        log(f"{n}: throughput")
        figures["req_per_s"] = throughput(sample, args.seconds)
        figures["worker_mb"] = {name: server.memory() for name, server in servers.items()}
        log(f"{n}: a new index generation (search reindex), then the first search of each worker on it")
        figures["reindex"] = timed([str(BIN / "flask"), "--app", "marketplace", "search", "reindex"], env)
        figures["cold_after_reindex_ms"] = {target: cold_start(target, sample[2 + i % 2])
                                            for i, target in enumerate(TARGETS) if TARGETS[target][0] != "peer"}
    finally:
        for server in servers.values():
            server.stop()
    return figures


def table(runs: list[dict]) -> str:
    lines = ["| services | target | p50 ms | p95 ms | req/s | p50 / peer | p95 / peer | req/s / peer |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for run in runs:
        latency, rate = run["latency_ms"], run["req_per_s"]
        for target in TARGETS:
            lines.append(
                f"| {run['services']:,} | {target} | {latency[target]['p50']} | {latency[target]['p95']} | "
                f"{rate[target]} | {latency[target]['p50'] / latency['peer']['p50']:.1f}× | "
                f"{latency[target]['p95'] / latency['peer']['p95']:.1f}× | {rate[target] / rate['peer']:.2f}× |")
    ours = [target for target in TARGETS if TARGETS[target][0] != "peer"]
    lines += ["", f"| services | first search per worker: {' / '.join(TARGETS)} (ms) | first search per worker "
              f"after a new index generation: {' / '.join(ours)} (ms) | worker RSS / PSS / USS (MB): "
              f"{', '.join(runs[0]['worker_mb'])} | import s, peak MB | reindex s, CPU s |",
              "| --- | --- | --- | --- | --- | --- |"]
    for run in runs:
        cold = " / ".join(",".join(map(str, run["cold_ms"][t])) for t in TARGETS)
        regenerated = " / ".join(",".join(map(str, run["cold_after_reindex_ms"][t])) for t in ours)
        memory = "; ".join(" ".join(f"{w['rss']}/{w['pss']}/{w['uss']}" for w in run["worker_mb"][side])
                           for side in run["worker_mb"])
        build, reindex = run["build"], run["reindex"]
        lines.append(f"| {run['services']:,} | {cold} | {regenerated} | {memory} | {build['import']['wall_s']}, "
                     f"{build['import']['peak_rss_mb']} | {reindex['wall_s']}, {reindex['cpu_s']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="services (repeatable; default 1k, 10k and 100k)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=5.0, help="per target and round of the throughput")
    parser.add_argument("--baseline", help="a checkout of an earlier commit, served too on the same data "
                                           "(git worktree add /tmp/before <commit>): before and after in one run")
    args = parser.parse_args()
    if args.baseline:
        TARGETS.update(BASELINE_TARGETS)
    runs = [measure(n, args) for n in args.n or (1_000, 10_000, 100_000)]
    RESULTS.mkdir(exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    path = RESULTS / f"serve-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps({"commit": commit, "date": datetime.now().isoformat(timespec="seconds"),
                                "cores": os.cpu_count(), "runs": runs}, indent=1))
    print(table(runs))
    log(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
