"""/healthz: whether this host can serve, for load balancers and monitoring. Nothing in it is anyone's data."""

from flask import Blueprint, jsonify
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from marketplace.extensions import db
from marketplace.operations import jobs

bp = Blueprint("operations", __name__)


@bp.get("/healthz")
def healthz():
    """200 while the database answers ("degraded" if the index lags or a job is late), else 503."""
    from marketplace.search import indexer

    try:
        db.session.execute(select(1))
        job_states = jobs.statuses()
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503, {"Cache-Control": "no-store"}
    search = indexer.status()
    body = {
        "status": "degraded" if any(s.late for s in job_states) or not search.generation else "ok",
        "database": "ok",
        "search": {"generation": search.generation, "pending_changes": search.pending},
        "jobs": {s.job.name: {
            "last_finished": s.run.finished_at.isoformat() if s.run and s.run.finished_at else None,
            "succeeded": s.run.succeeded if s.run else None,
            "late": s.late,
        } for s in job_states},
    }
    return jsonify(body), 200, {"Cache-Control": "no-store"}
