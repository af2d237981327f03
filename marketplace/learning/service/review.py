"""Recognition: the education provider returns or confirms a record; a confirmed record gets a certificate.

A confirmed record never changes. A correction is a new record that points at the one it replaces;
both stay, and the old certificate's verification says it was replaced.
"""

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import Organisation, User
from marketplace.clock import today, utcnow
from marketplace.database import by_uuid, commit_or_conflict
from marketplace.errors import Conflict, InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.i18n import show_date
from marketplace.learning.models import (
    Decision,
    LearningRecord,
    Qualification,
    RecordRequirement,
    RecordStatus,
    RecordUnit,
)
from marketplace.learning.permissions import (
    can_review_record,
    can_view_certificate,
    is_record_reviewer,
    is_record_writer,
)
from marketplace.learning.service.records import edited_meanwhile
from marketplace.learning.service.workflow import RecordAction, log_event, transition
from marketplace.notifications.models import NotificationKind
from marketplace.notifications.service import absolute_url, send_email
from marketplace.referrals import service as referrals
from marketplace.referrals.models import Referral
from marketplace.sorting import Sort, order_by
from marketplace.validators import REQUIRED, free_text

DECISION_WORDS = {Decision.RECOGNISED: "tunnustettu", Decision.PARTIAL: "osittain tunnustettu",
                  Decision.NOT_RECOGNISED: "ei tunnustettu"}


def require_reviewer(record: LearningRecord, actor: User) -> None:
    if not can_review_record(actor, record):
        if is_record_reviewer(actor, record):
            raise Conflict(_("Kuvaus ei ole enää käsiteltävänä: se on jo vahvistettu tai palautettu."))
        raise NotPermitted(_("Osaamisen tunnustaa kuvaukseen valittu oppilaitos."))


def return_record(record: LearningRecord, message: str, actor: User, expected_version: int | None = None) -> None:
    """Send the record back to the provider with questions; it can be edited and submitted again."""
    require_reviewer(record, actor)
    if expected_version is not None and expected_version != record.version:
        raise Conflict(edited_meanwhile())
    message = free_text(message, "message", required_message=REQUIRED)
    transition(record, RecordAction.RETURN, actor, message)
    referrals.note_learning(record.referral, _("Oppilaitos palautti osaamisen kuvauksen täydennettäväksi."), actor,
                     record.education_provider)
    send_email(
        record.provider.active_members,
        _l("Oppilaitos pyytää täydentämään osaamisen kuvausta"), "learning/email/returned.txt",
        kind=NotificationKind.LEARNING, record=record, link=absolute_url("learning.record", record_uuid=record.uuid),
    )
    commit_or_conflict(edited_meanwhile())


@dataclass
class UnitDecision:
    decision: Decision | None
    comment: str = ""
    remaining: frozenset[int] = frozenset()  # requirement ids still to be shown (partial recognition)


def confirm_record(record: LearningRecord, decisions: dict[int, UnitDecision], teacher_name: str,
                   teacher_title: str, actor: User, expected_version: int | None = None) -> None:
    """Decide every unit, with the responsible teacher's name and title; the record is then final."""
    require_reviewer(record, actor)
    if expected_version is not None and expected_version != record.version:
        raise Conflict(edited_meanwhile())
    teacher_name = free_text(teacher_name, "teacher_name", 200, REQUIRED)
    teacher_title = free_text(teacher_title, "teacher_title", 200, REQUIRED)
    if not can_decide_yet(record):
        raise InvalidInput(_("Osaamisen voi tunnustaa aikaisintaan oppimisjakson viimeisenä päivänä (%(date)s). "
                             "Todistuksen päätöspäivä ei voi olla ennen jakson päättymistä.",
                             date=show_date(record.period_end)))
    for record_unit in record.units:
        _check_decision(record_unit, decisions.get(record_unit.id))
    now = utcnow()
    with db.session.no_autoflush:  # the record becomes confirmed only with its certificate, in one flush
        for record_unit in record.units:
            _decide(record_unit, decisions[record_unit.id], now)
        record.decided_at = record.updated_at = now
        record.decided_by = actor
        record.teacher_name, record.teacher_title = teacher_name, teacher_title
        record.certificate = certificate_content(record)
        record.certificate_hash = content_hash(record.certificate)
        record.verification_code = new_verification_code()
        transition(record, RecordAction.CONFIRM, actor)
    summary = recognition_summary(record)
    referrals.note_learning(record.referral, _("%(school)s tunnusti osaamista: "
                                        "%(units)s tutkinnon osaa, %(points)s osp; "
                                        "osittain %(partial)s.", school=record.education_provider.name,
                                        units=len(summary["recognised"]), points=summary["points"],
                                        partial=len(summary["partial"])), actor, record.education_provider)
    recipients = record.provider.active_members
    if record.referral.coach and record.referral.coach.is_active:
        recipients.append(record.referral.coach)
    send_email(recipients,
               _l("Osaaminen on tunnustettu: %(qualification)s", qualification=record.qualification.name_fi),
               "learning/email/confirmed.txt", kind=NotificationKind.LEARNING, record=record,
               link=absolute_url("referrals.referral", referral_uuid=record.referral.uuid))
    commit_or_conflict(edited_meanwhile())


def can_decide_yet(record: LearningRecord) -> bool:
    """A decision is dated today, so it waits until the learning period has ended (its last day counts)."""
    return record.period_end is None or record.period_end <= today()


def _check_decision(record_unit: RecordUnit, decided: UnitDecision | None) -> None:
    if decided is None or decided.decision is None:
        raise InvalidInput(_("%(unit)s: valitse päätös.", unit=record_unit.unit.name_fi), f"decision-{record_unit.id}")
    requirement_ids = {requirement.id for requirement in record_unit.unit.requirements}
    if decided.remaining - requirement_ids:
        raise InvalidInput(_("Ammattitaitovaatimus ei kuulu tähän tutkinnon osaan."), f"remaining-{record_unit.id}")
    if decided.decision is Decision.PARTIAL and requirement_ids and not decided.remaining:
        raise InvalidInput(_("%(unit)s: merkitse, mitkä vaatimukset jäävät osoitettaviksi.",
                             unit=record_unit.unit.name_fi), f"remaining-{record_unit.id}")


def _decide(record_unit: RecordUnit, decided: UnitDecision, now) -> None:
    record_unit.decision = decided.decision
    record_unit.decision_comment = free_text(decided.comment, f"comment-{record_unit.id}")
    record_unit.decided_at = now
    remaining = decided.remaining if decided.decision is Decision.PARTIAL else frozenset()
    rows = {row.requirement_id: row for row in record_unit.requirements}
    for requirement in record_unit.unit.requirements:
        row = rows.get(requirement.id)
        if row is None and requirement.id in remaining:
            row = RecordRequirement(requirement=requirement)
            record_unit.requirements.append(row)
        if row is not None:
            row.remains = requirement.id in remaining


def new_verification_code() -> str:
    """160 random bits in groups of four letters and digits: unguessable, yet readable off paper."""
    letters = base64.b32encode(secrets.token_bytes(20)).decode()
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


def content_hash(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def certificate_content(record: LearningRecord) -> dict:
    """Exactly what the certificate shows; frozen at confirmation and checked by its hash."""
    referral, qualification = record.referral, record.qualification
    units = []
    for record_unit in record.units:
        unit = record_unit.unit
        units.append({
            "code": unit.code, "name": unit.name_fi, "points": unit.points,
            "decision": record_unit.decision.value, "comment": record_unit.decision_comment,
            "remaining": [row.requirement.text for row in record_unit.requirements if row.remains],
            "shown": [row.requirement.text for row in record_unit.requirements if row.shown],
        })
    return {
        "jobseeker": referral.jobseeker_name,
        "offering": referral.offering.title,
        "provider": record.provider.name,
        "education_provider": record.education_provider.name,
        "qualification": {"name": qualification.name_fi, "code": qualification.code,
                          "diaarinumero": qualification.diaarinumero, "version": qualification.version},
        "period_start": record.period_start.isoformat() if record.period_start else None,
        "period_end": record.period_end.isoformat() if record.period_end else None,
        "hours": record.hours,
        "instructor": record.instructor_name,
        "units": units,
        "teacher": {"name": record.teacher_name, "title": record.teacher_title},
        "decided_on": today().isoformat(),
        "replaces": record.supersedes.verification_code if record.supersedes else None,
    }


def recognition_summary(record: LearningRecord) -> dict:
    """Recognised units and their credits, partially recognised and not recognised units."""
    recognised = [ru for ru in record.units if ru.decision is Decision.RECOGNISED]
    return {
        "recognised": recognised,
        "partial": [ru for ru in record.units if ru.decision is Decision.PARTIAL],
        "not_recognised": [ru for ru in record.units if ru.decision is Decision.NOT_RECOGNISED],
        "points": sum(ru.unit.points or 0 for ru in recognised),
    }


def replacement_of(record: LearningRecord) -> LearningRecord | None:
    """The newest record that corrects this one, if any (confirmed or still being written)."""
    return db.session.scalar(
        select(LearningRecord).where(LearningRecord.supersedes_id == record.id).order_by(LearningRecord.id.desc())
    )


def start_correction(record: LearningRecord, actor: User) -> LearningRecord:
    """A new draft that copies a confirmed record and points at it; the confirmed one stays as it was."""
    if not is_record_writer(actor, record):
        raise NotPermitted(_("Korjatun version tekee palveluntuottaja."))
    if record.status is not RecordStatus.CONFIRMED:
        raise Conflict(_("Vain vahvistetusta kuvauksesta tehdään korjattu versio; muokkaa tätä suoraan."))
    if replacement_of(record) is not None:
        raise Conflict(_("Tästä kuvauksesta on jo korjattu versio."))
    copy = LearningRecord(
        referral=record.referral, provider=record.provider, education_provider=record.education_provider,
        qualification=record.qualification, supersedes=record, created_by=actor,
        period_start=record.period_start, period_end=record.period_end, hours=record.hours,
        instructor_name=record.instructor_name, instructor_assessment=record.instructor_assessment,
    )
    for record_unit in record.units:
        copy.units.append(RecordUnit(unit=record_unit.unit, tasks=record_unit.tasks, requirements=[
            RecordRequirement(requirement_id=row.requirement_id, shown=row.shown, evidence=row.evidence)
            for row in record_unit.requirements
        ]))
    log_event(copy, "correction", actor, record.provider)
    db.session.add(copy)
    db.session.commit()
    return copy


@dataclass
class Verification:
    record: LearningRecord
    unchanged: bool
    replaced: bool


def verify(code: str) -> Verification:
    """Look up a certificate by its code (case and dashes as typed do not matter)."""
    normalised = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(normalised) != 32:
        raise NotFound(_("Tällä koodilla ei löytynyt todistusta. Tarkista koodi."))
    formatted = "-".join(normalised[i:i + 4] for i in range(0, 32, 4))
    record = db.session.scalar(select(LearningRecord).where(LearningRecord.verification_code == formatted))
    if record is None:
        raise NotFound(_("Tällä koodilla ei löytynyt todistusta. Tarkista koodi."))
    replacement = replacement_of(record)
    return Verification(
        record=record,
        unchanged=content_hash(record.certificate) == record.certificate_hash,
        replaced=replacement is not None and replacement.status is RecordStatus.CONFIRMED,
    )


QUEUE_STATUSES = {"submitted": RecordStatus.SUBMITTED, "returned": RecordStatus.RETURNED,
                  "confirmed": RecordStatus.CONFIRMED}
# The school's queue sorts by these; the learner's name is the school's to see (the record was sent to it).
QUEUE_COLUMNS = {
    "learner": func.lower(Referral.jobseeker_name), "qualification": func.lower(Qualification.name_fi),
    "workshop": func.lower(Organisation.name), "period": LearningRecord.period_end,
    "submitted": LearningRecord.submitted_at, "updated": LearningRecord.updated_at,
}
QUEUE_DEFAULT_SORT = {"submitted": "submitted", "returned": "-updated", "confirmed": "-updated"}


def _require_school_member(organisation: Organisation, actor: User) -> None:
    if not actor.membership_in(organisation):
        raise NotPermitted(_("Vain oppilaitoksen jäsenet näkevät sen tunnustettavat kuvaukset."))


def review_queue(organisation: Organisation, actor: User, view: str = "submitted",
                 sort: Sort | None = None) -> list[LearningRecord]:
    """An education provider's records: waiting for a decision (the longest waiting first), returned to the
    provider, or confirmed; in the order `sort` chose."""
    _require_school_member(organisation, actor)
    status = QUEUE_STATUSES.get(view, RecordStatus.SUBMITTED)
    sort = sort or Sort("submitted")
    return list(db.session.scalars(
        select(LearningRecord)
        .join(Referral, Referral.id == LearningRecord.referral_id)
        .join(Qualification, Qualification.id == LearningRecord.qualification_id)
        .join(Organisation, Organisation.id == LearningRecord.provider_id)
        .where(LearningRecord.education_provider_id == organisation.id, LearningRecord.status == status)
        .order_by(*order_by(sort, QUEUE_COLUMNS, LearningRecord.id))
        .options(selectinload(LearningRecord.units), selectinload(LearningRecord.referral))
    ))


def queue_counts(organisation: Organisation, actor: User) -> dict[str, int]:
    """How many records each tab of the school's queue holds."""
    _require_school_member(organisation, actor)
    counted = dict(db.session.execute(
        select(LearningRecord.status, func.count()).where(LearningRecord.education_provider_id == organisation.id)
        .group_by(LearningRecord.status)).all())
    return {view: counted.get(status, 0) for view, status in QUEUE_STATUSES.items()}


def get_record_for_certificate(record_uuid, actor: User) -> LearningRecord:
    record = by_uuid(LearningRecord, record_uuid)
    if record is None or not can_view_certificate(actor, record):
        raise NotFound(_("Todistusta ei löytynyt."))
    return record
