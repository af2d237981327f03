"""Load the demo network through the same services the site uses; running it again adds only what is missing."""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import exists, select

from marketplace import reference
from marketplace.accounts import service as accounts
from marketplace.accounts.models import Organisation, User
from marketplace.catalog import service as catalog
from marketplace.catalog.models import Accessible, DeliveryMode, FundingSource, Intake, Offering
from marketplace.catalog.service import OfferingData
from marketplace.clock import local_date, today, utcnow
from marketplace.demo.data import COORDINATOR, DEMO_PASSWORD, ORGANISATIONS
from marketplace.demo.history import history_referrals
from marketplace.demo.learning import ENVIRONMENTS, PROVIDER_EMAIL, QUALIFICATIONS_FILE, RECORDS, SCHOOL_EMAIL
from marketplace.demo.offerings import ADDRESSES, CONTACTS, OFFERINGS
from marketplace.demo.referrals import REFERRALS
from marketplace.extensions import db
from marketplace.learning import service as learning
from marketplace.learning.models import Decision
from marketplace.reference import find_municipality
from marketplace.referrals import service as referrals
from marketplace.referrals.consent import CURRENT_CONSENT_VERSION
from marketplace.validators import normalise_phone


@dataclass
class DemoLogin:
    email: str
    name: str
    role: str
    organisation: str


def database_is_empty() -> bool:
    return not db.session.scalar(select(exists().where(User.id.isnot(None)))) and not db.session.scalar(
        select(exists().where(Organisation.id.isnot(None)))
    )


def _user(email: str, name: str, title: str, language: str | None = None, *, coordinator: bool = False) -> User:
    user = accounts.user_by_email(email)
    if user is None:
        user = accounts.create_user(email, name, DEMO_PASSWORD, coordinator=coordinator)
        accounts.update_profile(user, name=name, title=title, phone="", language=language)
    return user


def _organisation(spec: dict) -> Organisation:
    existing = db.session.scalar(
        select(Organisation).where(Organisation.business_id == spec["business_id"], Organisation.name == spec["name"])
    )
    if existing:
        return existing
    profile = accounts.OrganisationProfile(
        name=spec["name"],
        kind=spec["kind"],
        business_id=spec["business_id"],
        municipality_code=find_municipality(spec["municipality"]).code,
        email=spec["email"],
        website=spec["website"],
        description=spec["description"],
    )
    return accounts.create_organisation(profile, verified=not spec.get("pending", False))


def _break(days: tuple[int, int, str]) -> str:
    """A break some days from now (the demo is loaded on any day): (first in, last in, reason)."""
    first, last, reason = days
    return f"{(today() + timedelta(days=first)).isoformat()} to {(today() + timedelta(days=last)).isoformat()} {reason}"


def _offering_data(spec: dict) -> OfferingData:
    remote = spec.get("delivery_mode") == "remote"
    street, postcode, town = ("", "", "") if remote else ADDRESSES[spec["org"]]
    contact_name, contact_email, contact_phone = CONTACTS[spec["org"]]
    return OfferingData(
        title=spec["title"],
        summary=spec["summary"],
        description=spec["description"],
        offering_type=spec["offering_type"],
        target_groups=spec["target_groups"],
        languages=spec.get("languages", ["fi"]),
        municipalities=[find_municipality(name).code for name in spec["municipalities"]],
        plain_language_summary=spec.get("plain_language_summary", ""),
        content_language=spec.get("languages", ["fi"])[0],
        eligibility=spec.get("eligibility", ""),
        min_age=spec.get("min_age"),
        max_age=spec.get("max_age"),
        delivery_mode=DeliveryMode(spec.get("delivery_mode", "on_site")),
        street_address=spec.get("street_address", street),
        postal_code=spec.get("postal_code", postcode),
        post_office=spec.get("post_office", town),
        schedule=spec.get("schedule", ""),
        opening_hours=spec.get("opening_hours", ""),
        closures=_break(spec["break_in"]) if "break_in" in spec else "",
        **{name: Accessible(value) for name, value in spec.get("access", {}).items()},
        accessibility_notes=spec.get("accessibility_notes", ""),
        duration_weeks=spec.get("duration_weeks"),
        intake=Intake(spec.get("intake", "continuous")),
        start_dates=[today() + timedelta(days=days) for days in spec.get("starts_in", [])],
        how_to_apply=spec.get("how_to_apply", "Ohjaus OMA-valmentajan kautta, tai ota yhteyttä yhteyshenkilöön."),
        municipality_price=spec.get("municipality_price", ""),
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=normalise_phone(contact_phone),
        capacity_total=spec.get("capacity_total"),
        open_places=spec.get("open_places"),
        funding_source=FundingSource(spec.get("funding_source", "own_funds")),
        funding_ends_on=today() + timedelta(days=spec["funding_ends_in"]) if "funding_ends_in" in spec else None,
    )


def _offering(spec: dict, organisation: Organisation) -> None:
    exists_already = db.session.scalar(
        select(Offering.id).where(Offering.organisation_id == organisation.id, Offering.title == spec["title"])
    )
    if exists_already:
        return
    author = organisation.memberships[0].user
    offering = catalog.create_offering(organisation, _offering_data(spec), author)
    status = spec.get("status", "published")
    if status in ("published", "paused"):
        catalog.publish_offering(offering, author)
    if status == "paused":
        catalog.pause_offering(offering, author)
    if status == "archived":
        catalog.archive_offering(offering, author)
    if "confirmed_days_ago" in spec:  # the demo shows offerings that need checking
        offering.confirmed_at = utcnow() - timedelta(days=spec["confirmed_days_ago"])
        db.session.commit()


def load_demo() -> None:
    """Create the coordinator, the organisations, their people, their offerings and referrals where missing."""
    _user(COORDINATOR["email"], COORDINATOR["name"], COORDINATOR["title"], coordinator=True)
    organisations = {}
    for spec in ORGANISATIONS:
        organisation = organisations[spec["name"]] = _organisation(spec)
        for email, name, title, role, *language in spec["people"]:
            user = _user(email, name, title, *language)
            if user.membership_in(organisation) is None:
                accounts.add_member(organisation, user, role)
    for spec in OFFERINGS:
        _offering(spec, organisations[spec["org"]])
    for spec in REFERRALS + history_referrals():
        _referral(spec)
    _learning()


def _learning() -> None:
    """Qualifications from the shipped file, units taught by offerings, and records in every stage."""
    if learning.current_version("351741") is None:
        shipped = Path(reference.__file__).parent / QUALIFICATIONS_FILE
        learning.import_qualifications(learning.parse_json(shipped.read_text(encoding="utf-8")))
    for spec in ENVIRONMENTS:
        offering = db.session.scalar(select(Offering).where(Offering.title == spec["offering"]))
        unit = _unit(spec["unit"])
        if any(ou.unit_id == unit.id for ou in offering.learning_units):
            continue
        requirement_ids = {unit.requirements[n].id for n in spec["requirements"]}
        learning.describe_unit(offering, unit, spec["tasks"], requirement_ids,
                               offering.organisation.memberships[0].user)
    for spec in RECORDS:
        _record(spec)


def _unit(code: str):
    return next(unit for qualification in learning.current_qualifications() for unit in qualification.units
                if unit.code == code)


def _record(spec: dict) -> None:
    """A referral to the puutyöjakso, accepted and started, with a learning record at `stage`."""
    coach = accounts.user_by_email(spec["coach"])
    organisation = coach.memberships[0].organisation
    if referrals.existing_for_key(organisation, spec["key"]):
        return
    school = accounts.user_by_email(SCHOOL_EMAIL)
    school_org = school.memberships[0].organisation
    provider = accounts.user_by_email(PROVIDER_EMAIL)
    _referral({
        "key": spec["key"], "coach": spec["coach"], "offering": "Opinnollistettu puutyöjakso",
        "days_ago": spec["days_ago"], "jobseeker": spec["jobseeker"], "case": spec["case"], "goal": spec["goal"],
        "background": "", "steps": [("provider", "accept", {"start_in_days": -spec["days_ago"] + 10}),
                                    ("provider", "start", {"start_in_days": -spec["days_ago"] + 10})],
    })
    referral = referrals.existing_for_key(organisation, spec["key"])
    record = learning.open_record(referral, _unit("105444").qualification, provider, school_org)
    for record_unit in [ru for ru in record.units if ru.unit.code not in spec["evidence"]]:
        learning.remove_unit(record, record_unit, provider)
    learning.update_record(record, learning.RecordDetails(
        period_start=referral.start_on, period_end=min(today(), referral.start_on + timedelta(days=70)),
        hours=spec["hours"], instructor_name="Tiina Nieminen",
        instructor_assessment="Työskenteli täsmällisesti ja oppi nopeasti uusia työtapoja. Pyysi apua tarvittaessa.",
        education_provider=school_org,
    ), provider)
    for code, items in spec["evidence"].items():
        record_unit = learning.add_unit(record, _unit(code), provider)
        requirements = record_unit.unit.requirements
        learning.save_evidence(record, record_unit, record_unit.tasks or "Tilaustyöt puusepänverstaalla.", {
            requirements[n].id: learning.Evidence(shown=True, text=text) for n, text in items}, provider)
    learning.submit_record(record, provider)
    if spec["stage"] == "returned":
        learning.return_record(record, spec["question"], school)
    elif spec["stage"] == "confirmed":
        decisions = {}
        for record_unit in record.units:
            decision, remaining, comment = spec["decisions"][record_unit.unit.code]
            decisions[record_unit.id] = learning.UnitDecision(
                decision=Decision(decision), comment=comment,
                remaining=frozenset(record_unit.unit.requirements[n].id for n in remaining))
        learning.confirm_record(record, decisions, school.name, school.title, school)


def _referral(spec: dict) -> None:
    """Send a demo referral as if `days_ago`, then take its steps, on `step_days` after sending or spread up to
    now."""
    coach = accounts.user_by_email(spec["coach"])
    organisation = coach.memberships[0].organisation
    if referrals.existing_for_key(organisation, spec["key"]):
        return
    offering = db.session.scalar(select(Offering).where(Offering.title == spec["offering"]))
    name, phone, email, language = spec["jobseeker"]
    data = referrals.ReferralData(
        jobseeker_name=name, jobseeker_phone=phone, jobseeker_email=email, jobseeker_language=language,
        case_reference=spec["case"], goal=spec["goal"], background=spec["background"],
        eligibility_confirmed=True, consent_given=True, consent_version=CURRENT_CONSENT_VERSION,
        jobseeker_channels=spec.get("channels", ()),
    )
    referral, _ = referrals.create_referral(offering, data, coach, organisation, client_key=spec["key"])
    sent_at = utcnow() - timedelta(days=spec["days_ago"], hours=3)
    referral.sent_at = referral.consent_recorded_at = referral.updated_at = referral.events[0].created_at = sent_at
    if referral.queued_at:  # sent to a full offering: it has waited since then
        referral.queued_at = sent_at
    referral.due_on = referrals.add_working_days(local_date(sent_at), 5)
    db.session.commit()
    provider_member = offering.organisation.memberships[-1].user
    for side, action, details in spec["steps"]:
        actor = provider_member if side == "provider" else coach
        if action == "message":
            referrals.post_message(referral, details["message"], actor)
            continue
        start = details.get("start_in_days")
        referrals.transition(referral, action, actor, referrals.TransitionDetails(
            start_on=today() + timedelta(days=start) if start is not None else None,
            decline_reason=details.get("decline_reason"), outcome=details.get("outcome"),
            discontinue_reason=details.get("discontinue_reason"),
            message=details.get("message", ""), confirm_full=True,
        ))
    steps = referral.events[1:]
    for number, event in enumerate(steps, 1):
        if "step_days" in spec:
            event.created_at = sent_at + timedelta(days=spec["step_days"][number - 1], hours=2)
        else:
            event.created_at = sent_at + (utcnow() - sent_at) * number / (len(steps) + 1)
        if event.organisation_id == offering.organisation_id and referral.first_response_at:
            referrals.stamp_first_response(referral, min(referral.first_response_at, event.created_at))
        if event.action == "accept":
            referral.accepted_at = event.created_at
    if steps:
        referral.updated_at = steps[-1].created_at
        if referral.closed_at:
            referral.closed_at = steps[-1].created_at
    db.session.commit()


def demo_logins() -> list[DemoLogin]:
    """The demo accounts present in the database, for printing."""
    logins = []
    coordinator = accounts.user_by_email(COORDINATOR["email"])
    if coordinator:
        logins.append(DemoLogin(coordinator.email, coordinator.name, "coordinator", "-"))
    for spec in ORGANISATIONS:
        for email, *_ in spec["people"]:
            user = accounts.user_by_email(email)
            for membership in user.memberships if user else []:
                role = f"{membership.organisation.role} {membership.role}"
                logins.append(DemoLogin(user.email, user.name, role, membership.organisation.name))
    return logins
