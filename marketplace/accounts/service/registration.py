"""Registering an organisation without an account: the address is confirmed before anything is created.

The form is answered the same way whether or not the address already has an account, so registering
never tells a stranger who uses the site; the owner of the address learns by email what happened.
"""

import hashlib
import secrets

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from marketplace.accounts.models import Organisation, PendingRegistration
from marketplace.accounts.service.auth import NewAccount, add_user, hash_password, normalise_email, user_by_email
from marketplace.accounts.service.organisations import OrganisationProfile, check_profile, register_organisation
from marketplace.clock import utcnow
from marketplace.errors import Conflict, Gone
from marketplace.extensions import db
from marketplace.notifications.service import absolute_url, send_email
from marketplace.validators import REQUIRED, free_text


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_registration(profile: OrganisationProfile, account: NewAccount) -> None:
    """Check the form, then email the address a confirmation link, or, if it has an account, how to go on."""
    check_profile(profile)
    name = free_text(account.name, "admin_name", 200, required_message=REQUIRED)
    password_hash = hash_password(account.password)  # hashed either way, so both answers take as long
    email = normalise_email(account.email)
    if user_by_email(email) is not None:
        send_email(email, _l("Rekisteröityminen Kumppanitorille"), "accounts/email/registration_existing.txt",
                   organisation_name=profile.name, link=absolute_url("accounts.login", next="/register"))
    else:
        token = secrets.token_urlsafe(32)
        pending = PendingRegistration(
            token_hash=_hash(token), email=email, admin_name=name, password_hash=password_hash, name=profile.name,
            kind=profile.kind, business_id=profile.business_id, municipality_code=profile.municipality_code,
            organisation_email=profile.email, website=profile.website, description=profile.description,
            expires_at=utcnow() + current_app.config["REGISTRATION_MAX_AGE"])
        db.session.add(pending)
        send_email(email, _l("Vahvista organisaation rekisteröinti"), "accounts/email/registration_confirm.txt",
                   pending=pending, link=absolute_url("accounts.confirm_registration", token=token))
    db.session.commit()


def pending_registration(token: str) -> PendingRegistration:
    """The registration a link confirms; Gone when it was used, never existed or has expired."""
    pending = db.session.scalar(select(PendingRegistration).where(PendingRegistration.token_hash == _hash(token)))
    if pending is None:
        raise Gone(
            _("Vahvistuslinkki on jo käytetty tai virheellinen. Jos rekisteröinti jäi kesken, täytä lomake uudelleen.")
        )
    if pending.expires_at <= utcnow():
        raise Gone(_("Vahvistuslinkki on vanhentunut. Täytä rekisteröintilomake uudelleen."))
    return pending


def confirm_registration(token: str) -> Organisation:
    """Create the account and the pending organisation the link stands for; the link then stops working."""
    pending = pending_registration(token)
    if user_by_email(pending.email) is not None:
        raise Conflict(_("Osoitteella %(email)s on nyt jo tili. "
                         "Kirjaudu sisään ja rekisteröi organisaatio sen jälkeen.",
                         email=pending.email))
    profile = OrganisationProfile(
        name=pending.name, kind=pending.kind, business_id=pending.business_id,
        municipality_code=pending.municipality_code, email=pending.organisation_email, website=pending.website,
        description=pending.description)
    admin = add_user(pending.email, pending.admin_name, pending.password_hash)
    db.session.delete(pending)
    return register_organisation(profile, admin)


def purge_registrations() -> int:
    """Delete registrations never confirmed in time (they hold a name and an address); return how many."""
    result = db.session.execute(delete(PendingRegistration).where(PendingRegistration.expires_at < utcnow()))
    db.session.commit()
    return result.rowcount
