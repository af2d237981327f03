"""Writing a learning record: the provider opens it for a referral, documents units and evidence, submits it."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from marketplace.accounts.models import Organisation, User
from marketplace.clock import local_date
from marketplace.database import by_uuid, commit_or_conflict
from marketplace.errors import Conflict, InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.i18n import show_date
from marketplace.learning.models import (
    CompetenceRequirement,
    LearningRecord,
    Qualification,
    QualificationUnit,
    RecordRequirement,
    RecordStatus,
    RecordUnit,
)
from marketplace.learning.permissions import (
    can_edit_record,
    can_open_record,
    can_view_record,
    is_education_provider,
    is_record_writer,
)
from marketplace.learning.service.workflow import RecordAction, log_event, transition
from marketplace.notifications.models import NotificationKind
from marketplace.notifications.service import absolute_url, send_email
from marketplace.referrals import service as referrals
from marketplace.referrals.models import Referral
from marketplace.referrals.signals import referral_erased
from marketplace.validators import free_text


def edited_meanwhile() -> str:
    return _("Joku muu ehti muuttaa osaamisen kuvausta. Lataa sivu uudelleen ja tarkista tiedot.")


def get_record(record_uuid, actor: User) -> LearningRecord:
    record = by_uuid(LearningRecord, record_uuid)
    if record is None or not can_view_record(actor, record):
        raise NotFound(_("Osaamisen kuvausta ei löytynyt."))
    return record


def require_editor(record: LearningRecord, actor: User) -> None:
    if not is_record_writer(actor, record):
        raise NotPermitted(_("Osaamisen kuvausta muokkaa palveluntuottaja, jonka palvelussa asiakas on."))
    if not can_edit_record(actor, record):
        if record.status is RecordStatus.CONFIRMED:
            raise Conflict(_("Vahvistettua osaamisen kuvausta ei voi muuttaa. Tee tarvittaessa korjattu versio."))
        if record.status is RecordStatus.SUBMITTED:
            raise Conflict(_("Kuvaus on oppilaitoksen käsittelyssä. Sitä voi muuttaa, jos oppilaitos palauttaa sen."))
        raise NotPermitted(_("Osaamisen kuvausta muokkaa palveluntuottaja, jonka palvelussa asiakas on."))


def _education_provider(organisation: Organisation | None) -> Organisation | None:
    if organisation is not None and not is_education_provider(organisation):
        raise InvalidInput(_("Valitse vahvistettu oppilaitos."), "education_provider")
    return organisation


def open_record(referral: Referral, qualification: Qualification, actor: User,
                education_provider: Organisation | None = None) -> LearningRecord:
    """Start a record for a referral; units the offering teaches in this qualification are filled in."""
    if not can_open_record(actor, referral):
        if actor.membership_in(referral.provider):
            raise Conflict(_("Osaamisen kuvauksen voi aloittaa, kun asiakas on hyväksytty palveluun."))
        raise NotPermitted(_("Osaamisen kuvauksen kirjoittaa palveluntuottaja, jonka palvelussa asiakas on."))
    if not qualification.is_current:
        raise InvalidInput(_("Tutkinnosta on uudempi versio. Valitse voimassa oleva versio."), "qualification")
    record = LearningRecord(
        referral=referral, provider=referral.provider, qualification=qualification, created_by=actor,
        education_provider=_education_provider(education_provider or referral.education_provider),
        period_start=referral.start_on,
    )
    for offered in referral.offering.learning_units:
        if offered.unit.qualification_id == qualification.id:
            record.units.append(RecordUnit(unit=offered.unit, tasks=offered.tasks))
    log_event(record, "created", actor, referral.provider)
    db.session.add(record)
    db.session.commit()
    return record


@dataclass
class RecordDetails:
    period_start: date | None
    period_end: date | None
    hours: int | None
    instructor_name: str
    instructor_assessment: str
    education_provider: Organisation | None


MAX_HOURS_A_DAY = 12  # more cannot be true of a learning period
USUAL_HOURS_A_DAY = 8  # more is possible, but worth a second look


def period_days(start: date | None, end: date | None) -> int | None:
    """Calendar days of a learning period, both ends included."""
    return (end - start).days + 1 if start and end and end >= start else None


def hours_a_day(record: LearningRecord) -> float | None:
    """The record's hours spread over its period's days; shown as a warning above USUAL_HOURS_A_DAY."""
    days = period_days(record.period_start, record.period_end)
    return record.hours / days if record.hours and days else None


def update_record(record: LearningRecord, details: RecordDetails, actor: User,
                  expected_version: int | None = None) -> None:
    require_editor(record, actor)
    if expected_version is not None and expected_version != record.version:
        raise Conflict(edited_meanwhile())
    if details.period_start and details.period_end and details.period_end < details.period_start:
        raise InvalidInput(_("Jakso ei voi päättyä ennen kuin se alkaa."), "period_end")
    referred_on = local_date(record.referral.sent_at)
    if details.period_start and details.period_start < referred_on:
        raise InvalidInput(_("Jakso ei voi alkaa ennen kuin asiakas ohjattiin palveluun (%(date)s).",
                             date=show_date(referred_on)), "period_start")
    if details.hours is not None and not 0 <= details.hours <= 5000:
        raise InvalidInput(_("Anna tunnit väliltä 0–5000."), "hours")
    days = period_days(details.period_start, details.period_end)
    if details.hours and days and details.hours > MAX_HOURS_A_DAY * days:
        raise InvalidInput(ngettext(
            "%(hours)s tuntia on enemmän kuin %(max)s tuntia päivässä %(num)s päivän jaksolle. Tarkista tunnit ja "
            "jakson päivät.",
            "%(hours)s tuntia on enemmän kuin %(max)s tuntia päivässä %(num)s päivän jaksolle. Tarkista tunnit ja "
            "jakson päivät.", days, hours=details.hours, max=MAX_HOURS_A_DAY), "hours")
    record.instructor_name = free_text(details.instructor_name, "instructor_name")[:200]
    record.instructor_assessment = free_text(details.instructor_assessment, "instructor_assessment")
    record.period_start, record.period_end, record.hours = details.period_start, details.period_end, details.hours
    record.education_provider = _education_provider(details.education_provider)
    commit_or_conflict(edited_meanwhile())


def add_unit(record: LearningRecord, unit: QualificationUnit, actor: User) -> RecordUnit:
    """Add a unit of the record's own qualification version; never one of another version."""
    require_editor(record, actor)
    if unit.qualification_id != record.qualification_id:
        raise InvalidInput(_("Tutkinnon osa kuuluu toiseen tutkintoon tai tutkinnon versioon."), "unit")
    existing = next((ru for ru in record.units if ru.unit_id == unit.id), None)
    if existing:
        return existing
    record_unit = RecordUnit(unit=unit)
    record.units.append(record_unit)
    commit_or_conflict(edited_meanwhile())
    return record_unit


def get_record_unit(record: LearningRecord, record_unit_id: int) -> RecordUnit:
    record_unit = next((ru for ru in record.units if ru.id == record_unit_id), None)
    if record_unit is None:
        raise NotFound(_("Tutkinnon osaa ei ole tässä kuvauksessa."))
    return record_unit


def remove_unit(record: LearningRecord, record_unit: RecordUnit, actor: User) -> None:
    require_editor(record, actor)
    record.units.remove(record_unit)
    commit_or_conflict(edited_meanwhile())


@dataclass
class Evidence:
    shown: bool
    text: str


def save_evidence(record: LearningRecord, record_unit: RecordUnit, tasks: str, evidence: dict[int, Evidence],
                  actor: User) -> None:
    """The tasks done for a unit, and per competence requirement whether and how it was shown."""
    require_editor(record, actor)
    allowed = {requirement.id for requirement in record_unit.unit.requirements}
    if set(evidence) - allowed:
        raise InvalidInput(_("Ammattitaitovaatimus ei kuulu tähän tutkinnon osaan."), "evidence")
    record_unit.tasks = free_text(tasks, "tasks")
    rows = {row.requirement_id: row for row in record_unit.requirements}
    for requirement_id, item in evidence.items():
        text = free_text(item.text, f"evidence-{requirement_id}",
                         required_message=_("Kerro, miten vaatimus osoitettiin.") if item.shown else None)
        row = rows.get(requirement_id)
        if row is None:
            row = RecordRequirement(requirement=db.session.get(CompetenceRequirement, requirement_id))
            record_unit.requirements.append(row)
        row.shown, row.evidence = item.shown, text
    commit_or_conflict(edited_meanwhile())


def missing_for_submission(record: LearningRecord) -> list[str]:
    """What must be filled in before the education provider gets the record; empty when ready."""
    missing = []
    if record.education_provider is None:
        missing.append(_("Valitse oppilaitos, joka tunnustaa osaamisen."))
    if not (record.period_start and record.period_end):
        missing.append(_("Anna jakson alku- ja loppupäivä."))
    if not record.hours:
        missing.append(_("Anna jakson tunnit."))
    if not record.instructor_name or not record.instructor_assessment:
        missing.append(_("Kirjoita työpaikkaohjaajan nimi ja arvio."))
    if not record.units:
        missing.append(_("Lisää vähintään yksi tutkinnon osa."))
    for record_unit in record.units:
        shown = any(row.shown for row in record_unit.requirements)
        if not shown and not (not record_unit.unit.requirements and record_unit.tasks):
            missing.append(_("%(unit)s: merkitse vähintään yksi osoitettu ammattitaitovaatimus.",
                             unit=record_unit.unit.name_fi))
    return missing


def submit_record(record: LearningRecord, actor: User) -> None:
    """Send the record to the education provider's queue (the jobseeker's consent on the referral covers this)."""
    require_editor(record, actor)
    missing = missing_for_submission(record)
    if missing:
        raise InvalidInput(missing[0] if len(missing) == 1 else _("Kuvaus ei ole vielä valmis lähetettäväksi."),
                           errors={"submit": missing})
    transition(record, RecordAction.SUBMIT, actor)
    record.submitted_at = record.updated_at
    referrals.note_learning(record.referral, _("Osaamisen kuvaus lähetettiin tunnustettavaksi: %(school)s.",
                                        school=record.education_provider.name), actor, record.provider)
    send_email(
        record.education_provider.active_members,
        _l("Osaamisen kuvaus tunnustettavaksi: %(qualification)s", qualification=record.qualification.name_fi),
        "learning/email/submitted.txt", kind=NotificationKind.LEARNING, record=record,
        link=absolute_url("learning.review", record_uuid=record.uuid),
    )
    commit_or_conflict(edited_meanwhile())


def records_of_referral(referral: Referral) -> list[LearningRecord]:
    return list(db.session.scalars(
        select(LearningRecord).where(LearningRecord.referral_id == referral.id).order_by(LearningRecord.id)
    ))


@referral_erased.connect
def discard_unconfirmed_records(referral: Referral, **_signal) -> int:
    """The jobseeker's details are being erased: drop records not yet confirmed (confirmed ones are theirs to keep).

    Only corrections point at other records, and only at confirmed ones, so nothing points at what is dropped.
    """
    unconfirmed = [r for r in records_of_referral(referral) if r.status is not RecordStatus.CONFIRMED]
    for record in unconfirmed:
        db.session.delete(record)
    return len(unconfirmed)
