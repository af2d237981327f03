"""gunicorn settings for `make serve` and deploy/kumppanitori.service, all from MARKETPLACE_* variables.

Defaults suit a 2-core host behind a reverse proxy: 2 worker processes with 2 threads each. More threads only
add waiting on this CPU-bound app (bench/referral_load.py: 4 threads gave a higher p99 and fewer requests per
second); a second one lets a worker answer while the other waits for the database or SMTP. Each worker holds
its own search index readers, so memory grows per worker, not per thread (README: Production).
"""

import os

bind = os.environ.get("MARKETPLACE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("MARKETPLACE_WORKERS", "2"))
threads = int(os.environ.get("MARKETPLACE_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("MARKETPLACE_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("MARKETPLACE_MAX_REQUESTS", "5000"))  # recycle workers now and then
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("MARKETPLACE_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None  # the app writes one structured line per request (marketplace/requestlog.py)
errorlog = "-"
loglevel = os.environ.get("MARKETPLACE_LOG_LEVEL", "info")
limit_request_line = 8190


def post_worker_init(worker):
    """Warm this worker before it accepts its first request (README: Performance): the search caches, then a
    results page and an API search through the whole app, so that templates are compiled and translations read.
    The page has no words, so nothing is counted as a search without results."""
    from marketplace.search.query import warm_up

    with worker.wsgi.app_context():
        offerings = warm_up()
    client = worker.wsgi.test_client()
    for path in ("/search", "/api/v1/services?per_page=10&search=ty%C3%B6paja"):
        client.get(path)
    worker.log.info("warm: %s offerings", offerings)
