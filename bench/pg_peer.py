"""The peer of bench/serve_bench.py: PostgreSQL `finnish` full-text search over the same generated services.

  gunicorn -w 2 -k sync -b 127.0.0.1:8101 bench.pg_peer:app      (PEER_DATABASE_URL=postgresql://…)

One table of the active services (name weighted A, description B, a stored tsvector with a GIN index), and
one endpoint, `GET /search?q=…`: the top 10 by `ts_rank` of `websearch_to_tsquery('finnish', q)` and the
total count, as JSON. What a team would build in an afternoon on PostgreSQL alone: the speed to beat, not
the relevance (no compounds, no lemmas beyond Snowball's stems).
"""

import os

import psycopg
from flask import Flask, jsonify, request

SCHEMA = """
DROP TABLE IF EXISTS service;
CREATE TABLE service (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    description text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('finnish', name), 'A') || setweight(to_tsvector('finnish', description), 'B')
    ) STORED
);
"""
INDEX = "CREATE INDEX service_tsv ON service USING gin (tsv); ANALYZE service;"
QUERY = """
SELECT id, name, ts_rank(tsv, query) AS rank, count(*) OVER () AS total
FROM service, websearch_to_tsquery('finnish', %s) AS query
WHERE tsv @@ query
ORDER BY rank DESC, id
LIMIT 10
"""


def load(url: str, services) -> int:
    """Replace the table with the active services of an HSDS list (an iterable of dicts)."""
    count = 0
    with psycopg.connect(url) as connection:
        connection.execute(SCHEMA)
        with connection.cursor().copy("COPY service (id, name, description) FROM STDIN") as copy:
            for service in services:
                if service.get("status", "active") == "active":
                    copy.write_row((service["id"], service["name"], service.get("description") or ""))
                    count += 1
        connection.execute(INDEX)
    return count


app = Flask(__name__)
_connection = None  # one per worker process: a sync worker answers one request at a time


def _cursor():
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["PEER_DATABASE_URL"], autocommit=True)
    return _connection.cursor()


@app.get("/search")
def search():
    rows = _cursor().execute(QUERY, (request.args.get("q", ""),)).fetchall()
    return jsonify(total=rows[0][3] if rows else 0,
                   items=[{"id": str(row[0]), "name": row[1], "rank": row[2]} for row in rows])
