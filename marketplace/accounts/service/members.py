"""Members of an organisation: invitations, roles, removal. An organisation always keeps an admin."""

import hashlib
import secrets

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from marketplace.accounts.models import Invitation, MemberRole, Membership, Organisation, User
from marketplace.accounts.permissions import can_manage_members, can_remove_member
from marketplace.accounts.service.auth import new_user, normalise_email
from marketplace.accounts.service.sessions import end_sessions
from marketplace.audit import service as audit
from marketplace.audit.service import AuditKind
from marketplace.clock import utcnow
from marketplace.errors import Conflict, Gone, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.notifications.service import absolute_url, send_email


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_admin(organisation: Organisation, actor: User) -> None:
    if not can_manage_members(actor, organisation):
        raise NotPermitted(_("Vain organisaation ylläpitäjä voi hallita jäseniä."))


def open_invitations(organisation: Organisation) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(
                Invitation.organisation_id == organisation.id,
                Invitation.accepted_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.created_at.desc())
        )
    )


def invite_member(organisation: Organisation, email: str, role: MemberRole, actor: User) -> Invitation:
    """Email an invitation link valid for INVITATION_MAX_AGE; inviting the same address again replaces the old link."""
    _require_admin(organisation, actor)
    email = normalise_email(email)
    if any(m.user.email == email for m in organisation.memberships):
        raise Conflict(_("%(email)s on jo organisaation jäsen.", email=email), "email")
    now = utcnow()
    for earlier in open_invitations(organisation):
        if earlier.email == email:
            earlier.revoked_at = now
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=_hash_token(token),
        invited_by=actor,
        created_at=now,
        expires_at=now + current_app.config["INVITATION_MAX_AGE"],
    )
    db.session.add(invitation)
    db.session.flush()
    audit.record(AuditKind.INVITATION_SENT, user=actor, organisation=organisation, object_type="invitation",
                 object_id=invitation.id, detail=f"{email} ({role.value})")
    send_email(
        email,
        _l("Kutsu Kumppanitorille: %(organisation)s", organisation=organisation.name),
        "accounts/email/invitation.txt",
        invitation=invitation,
        link=absolute_url("accounts.invitation", token=token),
    )
    db.session.commit()
    return invitation


def find_invitation(token: str) -> Invitation:
    """Return the open invitation for a token; explain why a link no longer works."""
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == _hash_token(token)))
    if invitation is None:
        raise NotFound(_("Kutsua ei löytynyt. Tarkista, että kopioit koko linkin."))
    if invitation.accepted_at is not None:
        raise Conflict(_("Tämä kutsu on jo käytetty. Kirjaudu sisään tililläsi."))
    if invitation.revoked_at is not None:
        raise Gone(_("Tämä kutsu on peruttu tai korvattu uudella. Pyydä ylläpitäjältä uusi kutsu."))
    if invitation.expires_at <= utcnow():
        raise Gone(_("Kutsu on vanhentunut. Pyydä organisaation ylläpitäjältä uusi kutsu."))
    return invitation


def accept_invitation(token: str, user: User | None = None, *, name: str = "", password: str = "") -> Membership:
    """Join the organisation: as the logged-in `user`, or as a new account for the invited address."""
    invitation = find_invitation(token)
    if user is None:
        user = new_user(invitation.email, name, password)
    elif user.email != invitation.email:
        raise NotPermitted(
            _("Kutsu on lähetetty osoitteeseen %(email)s. Kirjaudu ulos ja avaa linkki uudelleen "
              "tai kirjaudu sillä tilillä.",
              email=invitation.email)
        )
    organisation = invitation.organisation
    if user.membership_in(organisation) is not None:
        raise Conflict(_("Olet jo organisaation %(name)s jäsen.", name=organisation.name))
    membership = Membership(user=user, organisation=organisation, role=invitation.role)
    db.session.add(membership)
    invitation.accepted_at = utcnow()
    invitation.accepted_by = user
    db.session.flush()
    audit.record(AuditKind.MEMBER_JOINED, user=user, organisation=organisation, object_type="user", object_id=user.id,
                 detail=invitation.role.value)
    db.session.commit()
    return membership


def revoke_invitation(organisation: Organisation, invitation_id: int, actor: User) -> None:
    _require_admin(organisation, actor)
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation.id:
        raise NotFound(_("Kutsua ei löytynyt."))
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise Conflict(_("Kutsu on jo käytetty tai peruttu."))
    invitation.revoked_at = utcnow()
    audit.record(AuditKind.INVITATION_REVOKED, user=actor, organisation=organisation, object_type="invitation",
                 object_id=invitation.id, detail=invitation.email)
    db.session.commit()


def add_member(organisation: Organisation, user: User, role: MemberRole = MemberRole.MEMBER) -> Membership:
    """Add a member directly, without an invitation (command line, demo data)."""
    if user.membership_in(organisation) is not None:
        raise Conflict(_("Olet jo organisaation %(name)s jäsen.", name=organisation.name))
    membership = Membership(user=user, organisation=organisation, role=role)
    db.session.add(membership)
    db.session.commit()
    return membership


def _admin_count(organisation: Organisation) -> int:
    # Lock the organisation row (PostgreSQL) so two admins cannot demote each other at once.
    db.session.execute(select(Organisation.id).where(Organisation.id == organisation.id).with_for_update())
    return db.session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.organisation_id == organisation.id, Membership.role == MemberRole.ADMIN)
    )


def change_member_role(membership: Membership, role: MemberRole, actor: User) -> None:
    """Make a member an admin or an admin a member; the last admin stays an admin."""
    _require_admin(membership.organisation, actor)
    if membership.role is role:
        return
    if membership.role is MemberRole.ADMIN and _admin_count(membership.organisation) <= 1:
        raise Conflict(_("Organisaatiolla on oltava vähintään yksi ylläpitäjä. Nimeä ensin toinen ylläpitäjä."))
    audit.record(AuditKind.MEMBER_ROLE_CHANGED, user=actor, organisation=membership.organisation,
                 object_type="user", object_id=membership.user_id, detail=f"{membership.role.value} → {role.value}")
    membership.role = role
    db.session.commit()


def remove_member(membership: Membership, actor: User) -> None:
    """Remove a member (admins) or leave (oneself); the last admin cannot leave."""
    if not can_remove_member(actor, membership):
        raise NotPermitted(_("Vain organisaation ylläpitäjä voi poistaa jäseniä."))
    organisation = membership.organisation
    if membership.role is MemberRole.ADMIN and _admin_count(organisation) <= 1:
        raise Conflict(_("Et voi poistaa organisaation ainoaa ylläpitäjää. Nimeä ensin toinen ylläpitäjä."))
    user = membership.user
    audit.record(AuditKind.MEMBER_REMOVED, user=actor, organisation=organisation, object_type="user",
                 object_id=user.id, detail=user.email)
    db.session.delete(membership)
    if user.id != actor.id:
        end_sessions(user)  # whatever they had open for the organisation closes now
        send_email(
            user,
            _l("Sinut on poistettu organisaatiosta %(name)s", name=organisation.name),
            "accounts/email/member_removed.txt",
            organisation=organisation,
            user=user,
        )
    db.session.commit()
