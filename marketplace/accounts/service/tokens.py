"""Personal access tokens: how a case-management system acts for one user in one organisation through the API."""

import hashlib
import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import ApiToken, Organisation, User
from marketplace.accounts.permissions import is_member
from marketplace.audit import service as audit
from marketplace.audit.service import AuditKind
from marketplace.clock import utcnow
from marketplace.errors import InvalidInput, NotAuthenticated, NotFound, NotPermitted
from marketplace.extensions import db

TOKEN_PREFIX = "kt_"
LAST_USED_PRECISION = timedelta(minutes=5)  # don't write on every request


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, organisation: Organisation, name: str) -> tuple[ApiToken, str]:
    """A new token for `user` acting for `organisation`; the plain token is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("Anna avaimelle nimi, esimerkiksi järjestelmän nimi."), "name")
    if len(name) > 100:
        raise InvalidInput(_("Teksti on liian pitkä (enintään %(max)s merkkiä).", max=100), "name")
    if not is_member(user, organisation):
        raise NotPermitted(_("Voit luoda avaimen vain organisaatioon, jonka jäsen olet."))
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, organisation=organisation, name=name, token_hash=_hash(plain), prefix=plain[:10])
    db.session.add(token)
    db.session.flush()
    audit.record(AuditKind.TOKEN_CREATED, user=user, organisation=organisation, object_type="token",
                 object_id=token.id, detail=f"{token.prefix}… {name}")
    db.session.commit()
    return token, plain


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.revoked_at.isnot(None),
                                                                     ApiToken.created_at.desc())
    ))


def revoke_token(token_id: int, actor: User) -> ApiToken:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != actor.id:
        raise NotFound(_("Avainta ei löytynyt."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(AuditKind.TOKEN_REVOKED, user=actor, organisation=token.organisation, object_type="token",
                     object_id=token.id, detail=f"{token.prefix}… {token.name}")
        db.session.commit()
    return token


def authenticate_token(authorization: str | None) -> ApiToken:
    """The token of an `Authorization: Bearer …` header, if it is valid and its user still in its organisation."""
    scheme, _space, plain = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not plain.strip():
        raise NotAuthenticated(_("Tunnistaudu henkilökohtaisella avaimella: Authorization: Bearer <avain>."))
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash(plain.strip())))
    if (token is None or not token.is_active or not token.user.is_active
            or not is_member(token.user, token.organisation)):
        raise NotAuthenticated(_("Avain on virheellinen tai se on peruttu."))
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        token.last_used_at = now
        db.session.commit()
    return token
