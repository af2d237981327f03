from sqlalchemy import func, select

from marketplace.accounts.models import MemberRole, Membership, Organisation, OrganisationStatus, User
from marketplace.extensions import db


def create_org(runner, *extra, name="Komentoriviyhdistys ry", business_id="3282114-5"):
    return runner.invoke(args=["orgs", "create", "--name", name, "--kind", "ngo", "--business-id", business_id,
                               "--municipality", "Savonlinna", *extra])


def test_orgs_create_pending_and_verified(runner):
    result = create_org(runner)
    assert result.exit_code == 0, result.output
    assert "pending" in result.output
    result = create_org(runner, "--verified", name="Vahvistettu ry")
    assert result.exit_code == 0 and "verified" in result.output
    rows = dict(db.session.execute(select(Organisation.name, Organisation.status)).all())
    assert rows == {"Komentoriviyhdistys ry": OrganisationStatus.PENDING, "Vahvistettu ry": OrganisationStatus.VERIFIED}
    assert db.session.scalar(select(Organisation.municipality_code).limit(1)) == "740"


def test_orgs_create_refuses_bad_input(runner):
    result = create_org(runner, business_id="1234567-8")
    assert result.exit_code == 2 and "business ID" in result.output
    result = runner.invoke(args=["orgs", "create", "--name", "X", "--kind", "ngo", "--business-id", "3282114-5",
                                 "--municipality", "Atlantis"])
    assert result.exit_code == 2 and "no municipality" in result.output
    result = runner.invoke(args=["orgs", "create", "--name", "X", "--kind", "pirate", "--business-id", "3282114-5",
                                 "--municipality", "Salo"])
    assert result.exit_code == 2
    assert create_org(runner).exit_code == 0
    duplicate = create_org(runner)
    assert duplicate.exit_code == 1 and "Samalla nimellä ja Y-tunnuksella" in duplicate.output
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 1


def test_orgs_list(runner, make_org):
    make_org(name="Listattava ry", verified=False)
    result = runner.invoke(args=["orgs", "list", "--status", "pending"])
    assert result.exit_code == 0 and "Listattava ry" in result.output


def test_users_create_with_organisation_by_name_id_or_uuid(runner, make_org):
    org = make_org(name="Jäsenyhdistys ry")
    for email, ref in [("a@example.fi", "jäsenyhdistys ry"), ("b@example.fi", str(org.id)),
                       ("c@example.fi", str(org.uuid))]:
        result = runner.invoke(args=["users", "create", "--email", email, "--password", "pitkä-salasana-1",
                                     "--org", ref,
                                     "--role", "admin"])
        assert result.exit_code == 0, result.output
    roles = db.session.execute(select(Membership.role).where(Membership.organisation_id == org.id)).scalars().all()
    assert roles == [MemberRole.ADMIN] * 3


def test_users_create_without_organisation_and_errors(runner, make_org):
    assert runner.invoke(args=["users", "create", "--email", "Yksin@Example.fi",
                               "--password", "pitkä-salasana-1"]).exit_code == 0
    assert db.session.scalar(select(User.email)) == "yksin@example.fi"

    again = runner.invoke(args=["users", "create", "--email", "yksin@example.fi", "--password", "pitkä-salasana-1"])
    assert again.exit_code == 1 and "on jo tili" in again.output
    short = runner.invoke(args=["users", "create", "--email", "x@example.fi", "--password", "lyhyt"])
    assert short.exit_code == 1 and "vähintään 12 merkkiä" in short.output
    missing = runner.invoke(args=["users", "create", "--email", "y@example.fi", "--password", "pitkä-salasana-1",
                                  "--org", "Ei ole"])
    assert missing.exit_code == 1 and "No organisation" in missing.output

    make_org(name="Kaksoisnimi ry", business_id="3282114-5")
    make_org(name="Kaksoisnimi ry", business_id="3282121-7")
    ambiguous = runner.invoke(args=["users", "create", "--email", "z@example.fi", "--password", "pitkä-salasana-1",
                                    "--org", "Kaksoisnimi ry"])
    assert ambiguous.exit_code == 1 and "matches several" in ambiguous.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_make_coordinator(runner, make_user):
    user = make_user(email="tuleva@example.fi")
    result = runner.invoke(args=["users", "make-coordinator", "TULEVA@example.fi"])
    assert result.exit_code == 0
    assert db.session.get(User, user.id).is_coordinator
    assert runner.invoke(args=["users", "make-coordinator", "ei@example.fi"]).exit_code == 1


def test_demo_load_is_idempotent(runner):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    counts = [db.session.scalar(select(func.count()).select_from(model)) for model in (Organisation, User, Membership)]
    assert counts[0] >= 10 and counts[1] >= 12
    assert "koordinaattori@kumppanitori.example" in first.output

    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0
    assert [db.session.scalar(select(func.count()).select_from(model))
            for model in (Organisation, User, Membership)] == counts

    skipped = runner.invoke(args=["demo", "load", "--if-empty"])
    assert "already has data" in skipped.output


def test_demo_data_covers_every_role(runner):
    runner.invoke(args=["demo", "load"])
    organisations = db.session.scalars(select(Organisation)).all()
    roles = {org.role for org in organisations if org.is_verified}
    assert {"coach", "provider", "education"} <= roles
    assert sum(org.kind == "education_provider" for org in organisations) == 2
    assert [org.name for org in organisations
            if org.status is OrganisationStatus.PENDING] == ["Vammalan Seudun Työnhakijat ry"]
    assert all(org.admins for org in organisations)


def test_demo_data_has_a_realistic_catalogue(runner):
    from marketplace.catalog.models import Offering, OfferingStatus
    from marketplace.catalog.service import is_stale
    from marketplace.reference import OFFERING_TYPE, terms_of

    runner.invoke(args=["demo", "load"])
    offerings = db.session.scalars(select(Offering)).all()
    assert len(offerings) >= 55
    assert {o.offering_type for o in offerings} == {term.code for term in terms_of(OFFERING_TYPE)}
    assert {o.content_language for o in offerings} == {"fi", "sv", "en"}
    assert {o.status for o in offerings} == set(OfferingStatus)
    assert any(is_stale(o) for o in offerings) and any(o.open_places == 0 for o in offerings)
    assert len({code for o in offerings for code in o.municipality_codes}) >= 15
    runner.invoke(args=["demo", "load"])
    assert db.session.scalar(select(func.count()).select_from(Offering)) == len(offerings)


def test_demo_data_has_referrals_in_every_state(runner):
    from marketplace.referrals.models import Referral, ReferralStatus
    from marketplace.referrals.service import is_overdue

    runner.invoke(args=["demo", "load"])
    referrals = db.session.scalars(select(Referral)).all()
    assert {r.status for r in referrals} == set(ReferralStatus)
    assert any(is_overdue(r) for r in referrals) and any(r.waiting_list for r in referrals)
    assert all(len(r.events) >= 1 and r.events[0].created_at == r.sent_at for r in referrals)
    assert all(r.first_response_at is None or r.first_response_at > r.sent_at for r in referrals)
    runner.invoke(args=["demo", "load"])
    assert db.session.scalar(select(func.count()).select_from(Referral)) == len(referrals)


def test_demo_data_has_learning_records_in_every_stage(runner):
    from marketplace.learning.models import LearningRecord, OfferingUnit, RecordStatus
    from marketplace.learning.service import verify

    runner.invoke(args=["demo", "load"])
    records = db.session.scalars(select(LearningRecord)).all()
    assert {r.status for r in records} == {RecordStatus.CONFIRMED, RecordStatus.SUBMITTED, RecordStatus.RETURNED}
    confirmed = next(r for r in records if r.status is RecordStatus.CONFIRMED)
    assert verify(confirmed.verification_code).unchanged
    assert {u.decision.value for u in confirmed.units} == {"recognised", "partial"}
    assert db.session.scalar(select(func.count()).select_from(OfferingUnit)) >= 3
    runner.invoke(args=["demo", "load"])
    assert db.session.scalar(select(func.count()).select_from(LearningRecord)) == len(records)
