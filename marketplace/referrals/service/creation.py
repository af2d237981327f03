"""Sending a referral: what it may carry, who may send it, and sending it only once."""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wtforms.validators import ValidationError as FieldError

from marketplace.accounts.models import Organisation, OrganisationKind, OrganisationRole, OrganisationStatus, User
from marketplace.accounts.service import require_verified
from marketplace.catalog import service as catalog
from marketplace.catalog.models import Offering
from marketplace.catalog.permissions import is_public
from marketplace.clock import today, utcnow
from marketplace.database import by_uuid, check_texts
from marketplace.errors import Conflict, InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.notifications.models import NotificationKind
from marketplace.notifications.service import absolute_url, send_email
from marketplace.reference import TARGET_GROUP, find_municipality, find_term, language_names
from marketplace.referrals.consent import CONSENT_TEXTS
from marketplace.referrals.models import (
    Channel,
    EventKind,
    Fit,
    JobseekerChannel,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from marketplace.referrals.permissions import acts_for, can_refer_from
from marketplace.referrals.service import eligibility
from marketplace.referrals.service.deadlines import answer_due_on
from marketplace.referrals.service.eligibility import Answers
from marketplace.referrals.service.jobseeker import check_channels, new_status_token, send_confirmation
from marketplace.referrals.service.queue import join_queue, must_queue
from marketplace.validators import normalise_phone

MAX_LENGTHS = {"jobseeker_name": 200, "case_reference": 100, "goal": 4000, "background": 8000, "jobseeker_email": 254,
               "fit_reason": 2000}
NEEDS_A_REASON = _l("Asiakas ei täytä kaikkia palvelun edellytyksiä. Kerro palveluntuottajalle, miksi ohjaat hänet "
                    "silti.")


@dataclass
class ReferralData:
    """What a referral carries about the jobseeker: the provider's needs, nothing more."""

    jobseeker_name: str
    goal: str
    consent_version: str
    consent_given: bool = False
    eligibility_confirmed: bool = False
    jobseeker_phone: str = ""
    jobseeker_email: str = ""
    jobseeker_language: str = "fi"
    case_reference: str = ""
    background: str = ""
    wished_start_on: date | None = None
    education_provider_uuid: str = ""  # suggested for recognising learning; optional
    # How the jobseeker hears of it: "email", "sms", "print" (JobseekerChannel), as agreed with them
    jobseeker_channels: tuple[str, ...] = ()
    # What the eligibility check needs (eligibility.py), and why it is sent anyway if it does not fit
    jobseeker_age: int | None = None
    home_municipality: str = ""
    jobseeker_target_groups: tuple[str, ...] = ()
    fit_reason: str = ""

    def answers(self) -> Answers:
        return Answers(self.jobseeker_age, self.home_municipality, self.jobseeker_target_groups,
                       self.jobseeker_language)

    def fingerprint(self, offering: Offering) -> str:
        """The same request sent again has the same fingerprint; a different one under the same key does not."""
        content = {**asdict(self), "wished_start_on": str(self.wished_start_on), "offering": str(offering.uuid)}
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def check_referral_data(data: ReferralData) -> None:
    """Normalise `data` in place, or raise InvalidInput with a Finnish message for every wrong field."""
    errors: dict[str, list[str]] = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(str(message))

    try:
        check_texts(Referral, data, MAX_LENGTHS)
    except InvalidInput as error:
        errors.update(error.errors)

    if not data.jobseeker_name:
        fail("jobseeker_name", _("Kirjoita asiakkaan nimi."))
    if not data.goal:
        fail("goal", _("Kerro ohjauksen tavoite."))
    if not data.jobseeker_phone and not data.jobseeker_email:
        fail("jobseeker_phone",
             _("Anna asiakkaan puhelinnumero tai sähköpostiosoite, jotta palveluntuottaja voi ottaa yhteyttä."))
    if data.jobseeker_phone and "jobseeker_phone" not in errors:
        try:
            data.jobseeker_phone = normalise_phone(data.jobseeker_phone)
        except FieldError as error:
            fail("jobseeker_phone", str(error))
    if data.jobseeker_email and "jobseeker_email" not in errors:
        try:
            data.jobseeker_email = validate_email(data.jobseeker_email, check_deliverability=False).normalized
        except EmailNotValidError:
            fail("jobseeker_email", _("Tarkista sähköpostiosoite, esimerkiksi etunimi.sukunimi@esimerkki.fi."))
    if data.jobseeker_language not in language_names():
        fail("jobseeker_language", _("Valitse asiointikieli luettelosta."))
    if data.wished_start_on is not None and data.wished_start_on < today():
        fail("wished_start_on", _("Toivottu aloituspäivä ei voi olla menneisyydessä."))
    elif data.wished_start_on is not None and data.wished_start_on > today() + timedelta(days=366):
        fail("wished_start_on", _("Toivottu aloituspäivä voi olla enintään vuoden päässä."))
    if not data.eligibility_confirmed:
        fail("eligibility_confirmed", _("Vahvista, että olet tarkistanut palvelun edellytykset."))
    if data.consent_version not in CONSENT_TEXTS:
        fail("consent_version", _("Tuntematon suostumustekstin versio."))
    elif not data.consent_given:
        fail("consent_given", _("Ohjauksen voi lähettää vain asiakkaan suostumuksella."))

    if data.jobseeker_age is not None and not 0 <= data.jobseeker_age <= 120:
        fail("jobseeker_age", _("Anna ikä vuosina väliltä 0–120."))
    if data.home_municipality:
        home = find_municipality(data.home_municipality)
        if home is None:
            fail("home_municipality", _("Valitse kotikunta luettelosta."))
        else:
            data.home_municipality = home.successor.code
    if any(find_term(TARGET_GROUP, code) is None for code in data.jobseeker_target_groups):
        fail("jobseeker_target_groups", _("Valitse kohderyhmät luettelosta."))
    if data.education_provider_uuid and education_provider_of(data) is None:
        fail("education_provider_uuid", _("Valitse oppilaitos luettelosta."))
    if any(value not in set(JobseekerChannel) for value in data.jobseeker_channels):
        fail("jobseeker_channels", _("Valitse vahvistuksen lähetystapa luettelosta."))
    else:
        channels = {JobseekerChannel(value) for value in data.jobseeker_channels}
        for field, messages in check_channels(channels, data.consent_version, data.jobseeker_email,
                                              data.jobseeker_phone).items():
            for message in messages:
                fail(field, message)

    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first if len(errors) == 1 else _("Tarkista ohjauksen tiedot."), errors=errors)


def education_provider_of(data: ReferralData) -> Organisation | None:
    """The suggested education provider: a verified education-provider organisation, or None."""
    organisation = by_uuid(Organisation, data.education_provider_uuid) if data.education_provider_uuid else None
    if organisation is None or organisation.role is not OrganisationRole.EDUCATION or not organisation.is_verified:
        return None
    return organisation


def education_providers() -> list[Organisation]:
    return list(db.session.scalars(
        select(Organisation).where(Organisation.kind == OrganisationKind.EDUCATION_PROVIDER,
                                   Organisation.status == OrganisationStatus.VERIFIED).order_by(Organisation.name)
    ))


def require_referrer(actor: User, organisation: Organisation | None) -> Organisation:
    """The organisation `actor` refers from: a verified employment-services organisation they belong to."""
    if organisation is None or not acts_for(actor, organisation):
        raise NotPermitted(_("Ohjauksia lähettävät työllisyyspalvelujen valmentajat."))
    if not can_refer_from(organisation):
        require_verified(organisation)
        raise NotPermitted(_("Ohjauksia lähettävät työllisyyspalvelujen valmentajat. "
                             "%(name)s ei ole työllisyyspalvelujen organisaatio.",
                             name=organisation.name))
    return organisation


def existing_for_key(organisation: Organisation, client_key: str) -> Referral | None:
    return db.session.scalar(
        select(Referral).where(Referral.referrer_id == organisation.id, Referral.client_key == client_key)
    )


def _replay(existing: Referral, fingerprint: str) -> Referral:
    if existing.request_fingerprint != fingerprint:
        raise Conflict(_("Tämä pyyntötunniste (Idempotency-Key) on jo käytetty toiseen ohjaukseen."), "Idempotency-Key")
    return existing


def create_referral(
    offering: Offering,
    data: ReferralData,
    actor: User,
    organisation: Organisation | None,
    client_key: str | None = None,
    channel: Channel = Channel.WEB,
) -> tuple[Referral, bool]:
    """Send a referral; with a `client_key` already used, return that referral instead. True if it is new."""
    referrer = require_referrer(actor, organisation)
    if not is_public(offering):
        raise NotFound(_("Palvelua ei löytynyt tai se ei ole enää haettavissa."))
    check_referral_data(data)
    fit = eligibility.overall(eligibility.check(offering, data.answers()))
    if fit is Fit.DOES_NOT_FIT and not data.fit_reason:
        raise InvalidInput(str(NEEDS_A_REASON), "fit_reason")
    fingerprint = data.fingerprint(offering)
    if client_key:
        existing = existing_for_key(referrer, client_key)
        if existing is not None:
            return _replay(existing, fingerprint), False

    catalog.lock_places(offering)  # joining the queue or not is decided against the places as they are now
    queued = must_queue(offering)
    now = utcnow()
    referral = Referral(
        offering=offering, provider=offering.organisation, referrer=referrer, coach=actor,
        jobseeker_name=data.jobseeker_name, jobseeker_phone=data.jobseeker_phone, jobseeker_email=data.jobseeker_email,
        jobseeker_language=data.jobseeker_language, case_reference=data.case_reference, goal=data.goal,
        background=data.background, wished_start_on=data.wished_start_on,
        education_provider=education_provider_of(data),
        eligibility_confirmed=True, consent_version=data.consent_version, consent_recorded_at=now,
        jobseeker_age=data.jobseeker_age, home_municipality=data.home_municipality,
        jobseeker_target_groups=",".join(data.jobseeker_target_groups), eligibility_fit=fit,
        fit_reason=data.fit_reason if fit is Fit.DOES_NOT_FIT else "",
        status=ReferralStatus.QUEUED if queued else ReferralStatus.SENT, sent_at=now, updated_at=now,
        due_on=answer_due_on(today()),
        client_key=client_key or None, request_fingerprint=fingerprint, status_token=new_status_token(),
        jobseeker_channels=",".join(sorted(set(data.jobseeker_channels) - {JobseekerChannel.PRINT})),
    )
    if queued:
        join_queue(referral)
    referral.events.append(ReferralEvent(kind=EventKind.CREATED, to_status=referral.status, actor=actor,
                                         organisation=referrer, channel=channel, created_at=now))
    try:
        db.session.add(referral)
        db.session.flush()  # the UUID for the link; a second request with the same key fails here or at commit
        send_email(
            offering.organisation.active_members,
            _l("Uusi ohjaus palveluun %(title)s", title=offering.title),
            "referrals/email/new_referral.txt",
            kind=NotificationKind.NEW_REFERRAL,
            referral=referral,
            link=absolute_url("referrals.referral", referral_uuid=referral.uuid),
        )
        send_confirmation(referral)
        db.session.commit()
    except IntegrityError:  # the same key sent twice at once: the other request won
        db.session.rollback()
        existing = existing_for_key(referrer, client_key) if client_key else None
        if existing is None:
            raise
        return _replay(existing, fingerprint), False
    return referral, True
