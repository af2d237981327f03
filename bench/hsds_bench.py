#!/usr/bin/env python3
"""HSDS exchange benchmark: import, export and re-import of N generated services, time and peak memory.

  .venv/bin/python bench/hsds_bench.py [--n 10000 --n 100000] [--keep DIR]

For each N: ../shared/bench/make_corpus.py writes N services; `flask hsds import` loads them into an empty
SQLite instance A; `flask hsds export` writes A as a data package and as a JSON list; each is imported into
an empty instance B. Every step runs as its own `flask` process under /usr/bin/time, so its peak RSS is its
own (sampled every 0.2 s) and /usr/bin/time gives the largest of its processes. Flat memory shows as a
peak that does not grow with N. Prints JSON. Not a test.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT.parent / "shared" / "bench" / "make_corpus.py"
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "marketplace"]


def instance(folder: Path) -> dict:
    """The environment of a fresh instance in `folder` (SQLite and index inside it), migrated."""
    folder.mkdir(parents=True)
    (folder / "config.py").write_text(f"SECRET_KEY = {secrets.token_hex(32)!r}\n")
    env = {**os.environ, "MARKETPLACE_INSTANCE_PATH": str(folder), "MARKETPLACE_SEARCH_INDEX_DIR": str(folder / "ix")}
    subprocess.run([*FLASK, "db", "upgrade"], env=env, check=True, capture_output=True)
    qualifications = ROOT / "marketplace" / "reference" / "qualifications.json"
    subprocess.run([*FLASK, "qualifications", "import", str(qualifications)], env=env, check=True,
                   capture_output=True)
    return env


def _peak_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def step(env: dict, *args: str) -> dict:
    """Run one flask command: its wall time, the peak RSS of the command's own process (MB), and of the largest
    process it ran (/usr/bin/time: the index rebuild's workers after a large import)."""
    started = time.perf_counter()
    timed = subprocess.Popen(["/usr/bin/time", "-f", "%M", *FLASK, *args], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    command_pid, main_kb = None, 0
    while timed.poll() is None:
        if command_pid is None:
            children = Path(f"/proc/{timed.pid}/task/{timed.pid}/children")
            command_pid = int(children.read_text().split()[0]) if children.exists() and children.read_text() else None
        main_kb = max(main_kb, _peak_kb(command_pid) if command_pid else 0)
        time.sleep(0.2)
    out, err = timed.communicate()
    if timed.returncode:
        raise SystemExit(out + err)
    largest_kb = int(err.strip().splitlines()[-1])
    return {"seconds": round(time.perf_counter() - started, 1), "command_rss_mb": round(main_kb / 1024),
            "largest_process_rss_mb": round(largest_kb / 1024)}


def run(n: int, work: Path) -> dict:
    corpus = work / f"corpus-{n}.json"
    with corpus.open("w") as out:
        subprocess.run([sys.executable, str(GENERATOR), "--n", str(n), "--seed", "1"], stdout=out, check=True)
    a = instance(work / f"a-{n}")
    result = {"services": n, "import_json": step(a, "hsds", "import", str(corpus))}
    result["export_datapackage"] = step(a, "hsds", "export", str(work / f"package-{n}"))
    result["export_json"] = step(a, "hsds", "export", "--format", "json", str(work / f"json-{n}"))
    result["reimport_datapackage"] = step(instance(work / f"b-{n}"), "hsds", "import", str(work / f"package-{n}"))
    result["reimport_json"] = step(instance(work / f"c-{n}"), "hsds", "import",
                                   str(work / f"json-{n}" / "services.json"))
    result["package_mb"] = round(sum(f.stat().st_size for f in (work / f"package-{n}").iterdir()) / 2**20)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="services (repeatable; default 10000 and 100000)")
    parser.add_argument("--keep", type=Path, help="work in DIR and keep it")
    options = parser.parse_args()
    sizes = options.n or [10_000, 100_000]
    with tempfile.TemporaryDirectory() as scratch:
        work = options.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        print(json.dumps([run(n, work) for n in sizes], indent=1))


if __name__ == "__main__":
    main()
