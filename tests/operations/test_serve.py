"""`make serve`: gunicorn with two workers, configured only by MARKETPLACE_* variables; limits shared by both."""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.helpers import PASSWORD

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETPLACE_")}
    env.update(MARKETPLACE_INSTANCE_PATH=str(folder / "instance"), MARKETPLACE_SEARCH_INDEX_DIR=str(folder / "index"),
               MARKETPLACE_SECRET_KEY=secrets.token_hex(32), MARKETPLACE_PASSWORD_HASH_METHOD="pbkdf2:sha256:1000")
    flask = [sys.executable, "-m", "flask", "--app", "marketplace"]
    for args in (["db", "upgrade"], ["users", "create", "--email", "aino@example.fi", "--password", PASSWORD]):
        subprocess.run([*flask, *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    return env


def serve(env: dict, **settings) -> tuple[subprocess.Popen, int]:
    port = free_port()
    extra = {f"MARKETPLACE_{key}": value for key, value in settings.items()}
    process = subprocess.Popen(["make", "--no-print-directory", "serve"], cwd=ROOT,
                               env={**env, "MARKETPLACE_BIND": f"127.0.0.1:{port}", **extra},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    return process, port


def stop(process: subprocess.Popen) -> str:
    os.killpg(process.pid, 15)
    _out, err = process.communicate(timeout=30)
    return err


def wait_until_up(port: int, process: subprocess.Popen) -> dict:
    for _ in range(300):
        if process.poll() is not None:
            raise AssertionError(process.communicate()[1])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
                return json.load(response)
        except OSError:  # not listening yet, or still booting
            time.sleep(0.1)
    raise AssertionError("the server did not answer")


def test_serve_refuses_sqlite_unless_told(environment):
    process, _port = serve(environment)
    _out, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "runs on PostgreSQL" in err and "MARKETPLACE_ALLOW_SQLITE=true" in err


def test_serve_answers_with_two_workers_that_share_the_limits(environment):
    process, port = serve(environment, ALLOW_SQLITE="true", WORKERS="2", RATELIMIT_STORAGE_URI="database://")
    try:
        health = wait_until_up(port, process)
        assert health["database"] == "ok"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        with opener.open(f"http://127.0.0.1:{port}/login") as page:
            assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)
        statuses = []
        for _ in range(7):  # each request may reach either worker
            data = urlencode({"email": "aino@example.fi", "password": "väärin-väärin-väärin",
                              "csrf_token": token}).encode()
            try:
                with opener.open(f"http://127.0.0.1:{port}/login", data=data) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
        assert statuses == [422] * 5 + [429] * 2
    finally:
        log = stop(process)
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    posts = [line for line in lines if line.get("logger") == "marketplace.request" and line["method"] == "POST"]
    assert [line["status"] for line in posts] == statuses
    assert "väärin" not in log and "aino@example.fi" not in log
