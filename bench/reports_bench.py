#!/usr/bin/env python3
"""Reports benchmark: every report page over N offerings and M referrals, as a coordinator and a provider.

  .venv/bin/python bench/reports_bench.py [--offerings 100000] [--referrals 200000] [--runs 5]
                                          [--database postgresql+psycopg://…] [--keep DIR]

Writes a throwaway database directly (bulk inserts, no search index: reports never read it): 300
organisations, N published offerings across Finland's municipalities, M referrals over the last two years
in every state with realistic answer times, outcomes, declines and waiting lists, and learning records
with their units for one referral in twenty. Then times each report page through the test client
(rendering, charts and all), interleaved page by page, `--runs` rounds after one warm-up round, as the
coordinator (whole network, a year) and as one provider (its own figures and the network's beside
them). Prints JSON: p50 and max per page. Not a test: timings are never asserted.
"""

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "raportti-bench-salasana"
PAGES = ["/reports/referrals?period={year}", "/reports/outcomes?period={year}", "/reports/capacity",
         "/reports/capacity?area=area-39", "/reports/learning?period={year}", "/reports/searches?period={year}",
         "/reports/referrals?period={year}&area=area-34&offering_type=work_trial"]
BATCH = 5000


def _batches(rows, size=BATCH):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def build(db, offerings: int, referrals: int, rnd: random.Random) -> dict:
    """Bulk-insert the network; returns the ids the timing needs."""
    from marketplace.accounts import service as accounts
    from marketplace.accounts.models import MemberRole, Membership, Organisation, OrganisationKind
    from marketplace.catalog.models import (
        FundingSource,
        Offering,
        OfferingChange,
        OfferingMunicipality,
        OfferingTargetGroup,
    )
    from marketplace.learning import service as learning
    from marketplace.learning.models import LearningRecord, QualificationUnit, RecordEvent, RecordUnit
    from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, municipalities, terms_of
    from marketplace.referrals.models import DeclineReason, DiscontinueReason, Outcome, Referral
    from marketplace.search.models import SearchDemand

    now = datetime.now(UTC)
    codes = [m.code for m in municipalities()]
    types = [t.code for t in terms_of(OFFERING_TYPE)]
    groups = [t.code for t in terms_of(TARGET_GROUP)]
    kinds = [OrganisationKind.NGO, OrganisationKind.WORKSHOP, OrganisationKind.FOUNDATION,
             OrganisationKind.SOCIAL_ENTERPRISE]
    organisations = (
        [dict(name=f"Palveluntuottaja {i}", kind=rnd.choice(kinds), uuid=uuid.uuid4()) for i in range(250)]
        + [dict(name=f"Työllisyyspalvelut {i}", kind=OrganisationKind.EMPLOYMENT_SERVICES, uuid=uuid.uuid4())
           for i in range(45)]
        + [dict(name=f"Oppilaitos {i}", kind=OrganisationKind.EDUCATION_PROVIDER, uuid=uuid.uuid4())
           for i in range(5)])
    for org in organisations:
        org.update(status="verified", email="bench@example.fi", municipality_code=rnd.choice(codes),
                   created_at=now, updated_at=now, description="")
    db.session.execute(db.insert(Organisation), organisations)
    ids = dict(db.session.execute(db.select(Organisation.name, Organisation.id)).all())
    providers = [ids[f"Palveluntuottaja {i}"] for i in range(250)]
    coaches = [ids[f"Työllisyyspalvelut {i}"] for i in range(45)]
    schools = [ids[f"Oppilaitos {i}"] for i in range(5)]
    accounts.create_user("koordinaattori@bench.example", "Koordinaattori", PASSWORD, coordinator=True)
    provider_user = accounts.create_user("tuottaja@bench.example", "Tuottaja", PASSWORD)
    db.session.add(Membership(user_id=provider_user.id, organisation_id=providers[0], role=MemberRole.ADMIN))
    db.session.commit()

    offering_rows = []
    for i in range(offerings):
        capacity = rnd.choice([None, 5, 8, 10, 12, 20])
        offering_rows.append(dict(
            uuid=uuid.uuid4(), organisation_id=providers[i % len(providers)], status="published",
            title=f"Palvelu {i}", summary="Generoitu palvelu.", offering_type=rnd.choice(types),
            capacity_total=capacity, open_places=None if capacity is None else rnd.choice([0, 0, 1, 2, capacity]),
            funding_source=rnd.choice(list(FundingSource)).value,
            funding_ends_on=rnd.choice([None, None, None, date.today() + timedelta(days=rnd.randint(1, 400))]),
            confirmed_at=now - timedelta(days=rnd.randint(0, 400)), created_at=now - timedelta(days=500),
            updated_at=now, content_language="fi", version=1))
    for batch in _batches(offering_rows):
        db.session.execute(db.insert(Offering), batch)
    offering_ids = [(oid, org) for oid, org in db.session.execute(db.select(Offering.id, Offering.organisation_id))]
    links, targets, changes = [], [], []
    for oid, _org in offering_ids:
        for code in rnd.sample(codes, rnd.choice([1, 1, 2, 4])):
            links.append(dict(offering_id=oid, code=code))
        for code in rnd.sample(groups, rnd.randint(1, 2)):
            targets.append(dict(offering_id=oid, code=code))
        if rnd.random() < 0.3:
            changes.append(dict(offering_id=oid, field="open_places", old_value="1", new_value="0",
                                changed_at=now - timedelta(days=rnd.randint(1, 90))))
    for model, rows in ((OfferingMunicipality, links), (OfferingTargetGroup, targets), (OfferingChange, changes)):
        for batch in _batches(rows):
            db.session.execute(db.insert(model), batch)
    db.session.commit()

    outcomes = [o for o in Outcome if o is not Outcome.DISCONTINUED]
    referral_rows = []
    for _ in range(referrals):
        offering_id, provider_id = rnd.choice(offering_ids)
        sent = now - timedelta(days=rnd.uniform(0, 730))
        state = rnd.choices(["sent", "info_requested", "accepted", "started", "completed", "discontinued",
                             "declined", "withdrawn"], [3, 1, 4, 8, 40, 8, 12, 4])[0]
        answered = state not in ("sent", "withdrawn") or rnd.random() < 0.3
        days = rnd.choice([0, 1, 1, 2, 2, 3, 4, 5, 6, 8, 12]) if answered else None
        accepted = state in ("accepted", "started", "completed", "discontinued")
        closed = state in ("completed", "discontinued", "declined", "withdrawn")
        referral_rows.append(dict(
            uuid=uuid.uuid4(), version=1, status=state, offering_id=offering_id, provider_id=provider_id,
            referrer_id=rnd.choice(coaches), jobseeker_name="", consent_version="2026-1", consent_recorded_at=sent,
            waiting_list=rnd.random() < 0.1, sent_at=sent, due_on=(sent + timedelta(days=7)).date(),
            first_response_at=sent + timedelta(days=(days or 0) * 1.4) if answered else None,
            response_working_days=days, accepted_at=sent + timedelta(days=rnd.randint(1, 40)) if accepted else None,
            start_on=(sent + timedelta(days=14)).date() if accepted else None,
            decline_reason=rnd.choice(list(DeclineReason)).value if state == "declined" else None,
            outcome=(rnd.choice(outcomes).value if state == "completed" else
                     "discontinued" if state == "discontinued" else None),
            discontinue_reason=rnd.choice(list(DiscontinueReason)).value if state == "discontinued" else None,
            closed_at=sent + timedelta(days=rnd.randint(20, 120)) if closed else None, updated_at=sent,
            education_provider_id=rnd.choice(schools) if rnd.random() < 0.05 else None,
            jobseeker_language="fi", request_fingerprint=""))
    for batch in _batches(referral_rows):
        db.session.execute(db.insert(Referral), batch)
    db.session.commit()

    specs = learning.parse_json((ROOT.parent / "shared" / "reference" / "qualifications.json").read_text("utf-8"))
    learning.import_qualifications(specs)
    units = [(uid, qid) for uid, qid in db.session.execute(
        db.select(QualificationUnit.id, QualificationUnit.qualification_id).where(QualificationUnit.code.is_not(None)))]
    learned = db.session.execute(db.select(Referral.id, Referral.provider_id, Referral.education_provider_id,
                                           Referral.sent_at).where(Referral.education_provider_id.is_not(None))).all()
    records = []
    for referral_id, provider_id, school_id, sent in learned:
        status = rnd.choice(["submitted", "returned", "confirmed", "confirmed"])
        submitted = sent + timedelta(days=60)
        decided = submitted + timedelta(days=rnd.randint(2, 40)) if status == "confirmed" else None
        records.append(dict(
            uuid=uuid.uuid4(), version=1, status=status, referral_id=referral_id, provider_id=provider_id,
            education_provider_id=school_id, qualification_id=units[0][1], created_at=sent, updated_at=submitted,
            submitted_at=submitted, decided_at=decided,
            verification_code=secrets.token_hex(16) if decided else None,
            certificate={} if decided else None))
    for batch in _batches(records):
        db.session.execute(db.insert(LearningRecord), batch)
    record_rows = db.session.execute(db.select(LearningRecord.id, LearningRecord.status,
                                               LearningRecord.submitted_at, LearningRecord.decided_at)).all()
    record_units, events = [], []
    first_units = [uid for uid, qid in units if qid == units[0][1]]
    for record_id, status, submitted, decided in record_rows:
        for unit_id in rnd.sample(first_units, min(2, len(first_units))):
            record_units.append(dict(record_id=record_id, unit_id=unit_id, tasks="",
                                     decision="recognised" if decided else None, decided_at=decided))
        events.append(dict(record_id=record_id, action="submitted", created_at=submitted, message=""))
        if status == "returned":
            events.append(dict(record_id=record_id, action="returned", created_at=submitted + timedelta(days=5),
                               message=""))
        if decided:
            events.append(dict(record_id=record_id, action="confirmed", created_at=decided, message=""))
    for model, rows in ((RecordUnit, record_units), (RecordEvent, events)):
        for batch in _batches(rows):
            db.session.execute(db.insert(model), batch)
    month = date.today().replace(day=1)
    db.session.execute(db.insert(SearchDemand), [
        dict(month=month, kind="nothing", query=f"hakusana {i}", count=rnd.randint(1, 40)) for i in range(2000)])
    db.session.commit()
    return {"organisations": len(organisations), "offerings": len(offering_ids), "referrals": referrals,
            "learning records": len(records)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offerings", type=int, default=100_000)
    parser.add_argument("--referrals", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", help="an empty PostgreSQL database (default: SQLite in a temporary folder)")
    parser.add_argument("--keep", help="work in this directory and keep it")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="kumppanitori-reports-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.update({"MARKETPLACE_SECRET_KEY": secrets.token_hex(32),
                       "MARKETPLACE_INSTANCE_PATH": str(work / "instance"),
                       "MARKETPLACE_SQLALCHEMY_DATABASE_URI": args.database or f"sqlite:///{work / 'reports.db'}",
                       "MARKETPLACE_SEARCH_INDEX_DIR": str(work / "index")})
    from marketplace import create_app
    from marketplace.extensions import db

    app = create_app({"SERVER_NAME": None, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    figures = {"database": db_name(args.database)}
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        figures.update(build(db, args.offerings, args.referrals, random.Random(1)))
        figures["build (s)"] = round(time.perf_counter() - started, 1)
        db.session.remove()
    year = date.today().year
    readers = {"coordinator": "koordinaattori@bench.example", "provider": "tuottaja@bench.example"}
    clients = {}
    for reader, email in readers.items():
        clients[reader] = app.test_client()
        assert clients[reader].post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    timings: dict[str, list[float]] = {}
    for run in range(args.runs + 1):  # the first round warms up
        for page in PAGES:
            for reader, client in clients.items():
                path = page.format(year=year)
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code not in (200, 403):
                    raise SystemExit(f"{reader} {path}: {response.status_code}")
                if run and response.status_code == 200:
                    timings.setdefault(f"{reader} {path}", []).append(elapsed)
    figures["pages (ms: p50 / max)"] = {key: f"{statistics.median(v):.0f} / {max(v):.0f}"
                                        for key, v in timings.items()}
    print(json.dumps(figures, ensure_ascii=False, indent=1))


def db_name(url: str | None) -> str:
    return "PostgreSQL" if url else "SQLite"


if __name__ == "__main__":
    main()
