"""Referrals for case-management systems: send, list, read, act and write messages with a personal access token.

Documented for integrators at /developers/api (templates/api/docs.html).
"""

from datetime import date, datetime
from functools import wraps

from flask import g, jsonify, request, url_for
from flask_babel import gettext as _

from marketplace import inputs
from marketplace.accounts import service as accounts
from marketplace.api import bp
from marketplace.catalog import service as catalog
from marketplace.errors import DomainError, InvalidInput, NotFound
from marketplace.extensions import csrf
from marketplace.referrals import service
from marketplace.referrals.consent import CURRENT_CONSENT_VERSION
from marketplace.referrals.labels import STATUS_LABELS
from marketplace.referrals.models import (
    Channel,
    DeclineReason,
    DiscontinueReason,
    Outcome,
    Referral,
    ReferralStatus,
)
from marketplace.referrals.service import ReferralData, ReferralFilters, TransitionDetails

MAX_PER_PAGE = 100
STATUS_FILTERS = {"open", "closed", "overdue", *(status.value for status in ReferralStatus)}
# The API's names of the fields a referral's errors are reported on
API_FIELDS = {
    "jobseeker_name": "jobseeker.name", "jobseeker_phone": "jobseeker.phone", "jobseeker_email": "jobseeker.email",
    "jobseeker_language": "jobseeker.language", "wished_start_on": "wished_start_date",
    "consent_given": "consent.given", "consent_version": "consent.version", "start_on": "start_date",
    "education_provider_uuid": "education_provider_id",
    "decline_reason": "reason",
    "discontinue_reason": "reason",
}


def token_required(view):
    """Authenticate with `Authorization: Bearer <token>`; the session cookie never works here, so no CSRF."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        token = accounts.authenticate_token(request.headers.get("Authorization"))
        g.api_user, g.api_organisation = token.user, token.organisation
        return view(*args, **kwargs)

    return csrf.exempt(wrapper)


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise DomainError(_("Lähetä JSON-olio (Content-Type: application/json)."))  # 400
    return body


def _api_errors(error: InvalidInput) -> InvalidInput:
    error.errors = {API_FIELDS.get(field, field): messages for field, messages in error.errors.items()}
    error.field = API_FIELDS.get(error.field, error.field)
    return error


class _Reader:
    """Typed values out of a JSON object, collecting a Finnish message for every wrong one."""

    def __init__(self, body: dict):
        self.body, self.errors = body, {}

    def fail(self, name: str, message: str):
        self.errors.setdefault(name, []).append(str(message))

    def text(self, name: str, source: dict | None = None, key: str | None = None) -> str:
        value = (source if source is not None else self.body).get(key or name, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(name, _("Anna teksti."))
            return ""
        return value

    def flag(self, name: str, source: dict | None = None, key: str | None = None) -> bool:
        value = (source if source is not None else self.body).get(key or name, False)
        if not isinstance(value, bool):
            self.fail(name, _("Anna true tai false."))
            return False
        return value

    def day(self, name: str) -> date | None:
        value = self.body.get(name)
        if value in (None, ""):
            return None
        try:
            return inputs.day(value)
        except inputs.OutOfRange as error:
            self.fail(name, error.message)
            return None

    def choice(self, name: str, enum_class):
        value = self.body.get(name)
        if value in (None, ""):
            return None
        try:
            return enum_class(value)
        except ValueError:
            self.fail(name, _("Sallitut arvot: %(values)s.", values=", ".join(member.value for member in enum_class)))
            return None

    def nested(self, name: str) -> dict:
        value = self.body.get(name) or {}
        if not isinstance(value, dict):
            self.fail(name, _("Anna JSON-olio."))
            return {}
        return value

    def check(self) -> None:
        if self.errors:
            raise InvalidInput(_("Tarkista pyynnön tiedot."), errors=self.errors)


def _organisation(organisation) -> dict:
    return {"id": str(organisation.uuid), "name": organisation.name}


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def referral_json(referral: Referral) -> dict:
    """A referral's state, details (unless erased) and timeline."""
    erased = referral.is_erased
    return {
        "id": str(referral.uuid),
        "version": referral.version,
        "status": referral.status.value,
        "status_label": str(STATUS_LABELS[referral.status]),
        "overdue": service.is_overdue(referral),
        "offering": {"id": str(referral.offering.uuid), "name": referral.offering.title},
        "provider": _organisation(referral.provider),
        "referrer": _organisation(referral.referrer),
        "coach": {"name": referral.coach.name, "email": referral.coach.email} if referral.coach else None,
        "jobseeker": None if erased else {
            "name": referral.jobseeker_name, "phone": referral.jobseeker_phone or None,
            "email": referral.jobseeker_email or None, "language": referral.jobseeker_language,
        },
        "case_reference": None if erased else referral.case_reference,
        "goal": None if erased else referral.goal,
        "background": None if erased else referral.background,
        "wished_start_date": _day(referral.wished_start_on),
        "education_provider": _organisation(referral.education_provider) if referral.education_provider else None,
        "eligibility_confirmed": referral.eligibility_confirmed,
        "eligibility_fit": referral.eligibility_fit.value if referral.eligibility_fit else None,
        "fit_reason": None if erased else referral.fit_reason or None,
        "consent": {"version": referral.consent_version, "recorded_at": _time(referral.consent_recorded_at)},
        "waiting_list": referral.waiting_list,
        "queue_position": service.queue_position(referral),
        "estimated_start": _day(service.estimated_start(referral)),
        "start_date": _day(referral.start_on),
        "decline_reason": referral.decline_reason.value if referral.decline_reason else None,
        "discontinue_reason": referral.discontinue_reason.value if referral.discontinue_reason else None,
        "outcome": referral.outcome.value if referral.outcome else None,
        "closing_note": None if erased else referral.closing_note,
        "sent_at": _time(referral.sent_at),
        "due_date": _day(referral.due_on),
        "first_response_at": _time(referral.first_response_at),
        "closed_at": _time(referral.closed_at),
        "updated_at": _time(referral.updated_at),
        "personal_data_erased_at": _time(referral.personal_data_erased_at),
        "timeline": [
            {
                "at": _time(event.created_at),
                "kind": event.kind.value,
                "action": event.action or None,
                "from_status": event.from_status.value if event.from_status else None,
                "to_status": event.to_status.value if event.to_status else None,
                "message": event.body or None,
                "actor": event.actor.name if event.actor else None,
                "organisation": _organisation(event.organisation) if event.organisation else None,
                "channel": event.channel.value,
            }
            for event in referral.events
        ],
    }


def _get(referral_id: str) -> Referral:
    return service.get_referral(referral_id, g.api_user, acting_for=g.api_organisation)


def _read_referral(body: dict) -> tuple[str, ReferralData]:
    reader = _Reader(body)
    jobseeker, consent = reader.nested("jobseeker"), reader.nested("consent")
    data = ReferralData(
        jobseeker_name=reader.text("jobseeker.name", jobseeker, "name"),
        jobseeker_phone=reader.text("jobseeker.phone", jobseeker, "phone"),
        jobseeker_email=reader.text("jobseeker.email", jobseeker, "email"),
        jobseeker_language=reader.text("jobseeker.language", jobseeker, "language") or "fi",
        case_reference=reader.text("case_reference"),
        goal=reader.text("goal"),
        background=reader.text("background"),
        wished_start_on=reader.day("wished_start_date"),
        eligibility_confirmed=reader.flag("eligibility_confirmed"),
        consent_given=reader.flag("consent.given", consent, "given"),
        consent_version=reader.text("consent.version", consent, "version") or CURRENT_CONSENT_VERSION,
        education_provider_uuid=reader.text("education_provider_id"),
    )
    offering_id = reader.text("offering_id")
    if not offering_id:
        reader.fail("offering_id", _("Anna palvelun tunniste (offering_id)."))
    reader.check()
    return offering_id, data


@bp.post("/referrals")
@token_required
def create_referral():
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 100:
        raise DomainError(_("Anna pyynnölle yksilöllinen Idempotency-Key-otsake (enintään 100 merkkiä), "
                             "jotta uudelleen lähetetty pyyntö ei luo toista ohjausta."), "Idempotency-Key")
    offering_id, data = _read_referral(_json_body())
    try:
        offering = catalog.get_offering(offering_id, g.api_user)
    except NotFound:
        raise InvalidInput(_("Palvelua ei löytynyt, tai se ei ole julkaistu."), "offering_id") from None
    try:
        referral, created = service.create_referral(offering, data, g.api_user, g.api_organisation,
                                                    client_key=key, channel=Channel.API)
    except InvalidInput as error:
        raise _api_errors(error) from None
    location = url_for("api.referral", referral_id=referral.uuid)
    return jsonify(referral_json(referral)), 201 if created else 200, {"Location": location}


@bp.get("/referrals")
@token_required
def referrals():
    status = request.args.get("status", "")
    if status and status not in STATUS_FILTERS:
        raise InvalidInput(_("status: sallitut arvot ovat %(values)s.", values=", ".join(sorted(STATUS_FILTERS))),
                           "status")
    role = request.args.get("role", "")
    if role not in ("", "sent", "received"):
        raise InvalidInput(_("role: sallitut arvot ovat sent ja received."), "role")
    updated_since = request.args.get("updated_since", "")
    try:
        since = inputs.moment(updated_since) if updated_since else None
    except inputs.OutOfRange as error:
        raise InvalidInput(f"updated_since: {error.message}", "updated_since") from None
    per_page = inputs.query_integer("per_page", 20, 1, MAX_PER_PAGE)
    page = inputs.query_integer("page", 1, 1, inputs.MAX_PAGE)
    filters = ReferralFilters(status=status, case_reference=request.args.get("case_reference", ""), updated_since=since)
    query = service.referrals_for(g.api_organisation, g.api_user, role, filters, acting_for=g.api_organisation)
    result = service.page_of(query, page, per_page)
    service.record_access(result.items, g.api_user, Channel.API, acting_for=g.api_organisation)
    return jsonify({
        "total_items": result.total,
        "total_pages": result.pages,
        "page_number": page,
        "size": len(result.items),
        "contents": [referral_json(referral) for referral in result.items],
    })


@bp.get("/referrals/<referral_id>")
@token_required
def referral(referral_id: str):
    found = _get(referral_id)
    service.record_access([found], g.api_user, Channel.API, acting_for=g.api_organisation)
    return jsonify(referral_json(found))


@bp.post("/referrals/<referral_id>/transitions")
@token_required
def transition(referral_id: str):
    found = _get(referral_id)
    reader = _Reader(_json_body())
    action = reader.text("action")
    discontinuing = action == "discontinue"
    reason = reader.choice("reason", DiscontinueReason if discontinuing else DeclineReason)
    details = TransitionDetails(
        start_on=reader.day("start_date"), decline_reason=None if discontinuing else reason,
        discontinue_reason=reason if discontinuing else None,
        outcome=reader.choice("outcome", Outcome), message=reader.text("message"),
        confirm_full=reader.flag("confirm_full"),
    )
    version = reader.body.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        reader.fail("version", _("Anna kokonaisluku."))
    reader.check()
    try:
        service.transition(found, action, g.api_user, details, acting_for=g.api_organisation,
                           expected_version=version, channel=Channel.API)
    except InvalidInput as error:
        raise _api_errors(error) from None
    return jsonify(referral_json(found))


@bp.post("/referrals/<referral_id>/messages")
@token_required
def message(referral_id: str):
    found = _get(referral_id)
    reader = _Reader(_json_body())
    body = reader.text("body")
    reader.check()
    service.post_message(found, body, g.api_user, acting_for=g.api_organisation, channel=Channel.API)
    return jsonify(referral_json(found)), 201
