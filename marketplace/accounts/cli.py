"""`flask orgs ...` and `flask users ...`: set up any situation without the browser."""

from contextlib import suppress
from uuid import UUID

import click
from flask.cli import AppGroup
from sqlalchemy import func, or_, select
from stdnum.exceptions import ValidationError
from stdnum.fi import ytunnus

from marketplace.accounts import service
from marketplace.accounts.models import MemberRole, Organisation, OrganisationKind, OrganisationStatus
from marketplace.errors import DomainError
from marketplace.extensions import db
from marketplace.reference import find_municipality

orgs_cli = AppGroup("orgs", help="Organisations.")
users_cli = AppGroup("users", help="User accounts.")


def find_organisation(name_or_id: str) -> Organisation:
    """Find an organisation by its id, UUID or exact name (ignoring case)."""
    conditions = [func.lower(Organisation.name) == name_or_id.strip().lower()]
    if name_or_id.isdigit():
        conditions.append(Organisation.id == int(name_or_id))
    with suppress(ValueError):
        conditions.append(Organisation.uuid == UUID(name_or_id))
    matches = list(db.session.scalars(select(Organisation).where(or_(*conditions))))
    if not matches:
        raise click.ClickException(f"No organisation {name_or_id!r}.")
    if len(matches) > 1:
        listing = ", ".join(f"{m.id} ({m.name})" for m in matches)
        raise click.ClickException(f"{name_or_id!r} matches several organisations: {listing}. Give the id.")
    return matches[0]


def _business_id(ctx, param, value: str) -> str:
    try:
        return ytunnus.format(ytunnus.validate(value))
    except ValidationError as error:
        raise click.BadParameter(f"not a valid Finnish business ID (Y-tunnus): {error}") from None


def _municipality(ctx, param, value: str) -> str:
    municipality = find_municipality(value)
    if municipality is None:
        raise click.BadParameter(f"no municipality {value!r} (give a Finnish or Swedish name or a code)")
    if not municipality.is_current:
        raise click.BadParameter(f"{municipality.name_fi} merged into {municipality.successor.name_fi}: use that")
    return municipality.code


@orgs_cli.command("create")
@click.option("--name", required=True)
@click.option("--kind", required=True, type=click.Choice([k.value for k in OrganisationKind]))
@click.option("--business-id", required=True, callback=_business_id, help="Y-tunnus, e.g. 1234567-8.")
@click.option("--municipality", required=True, callback=_municipality, help="Home municipality: name or code.")
@click.option("--email", default="", help="Contact email.")
@click.option("--website", default=None)
@click.option("--description", default="")
@click.option("--verified", is_flag=True, help="Create it verified, as a coordinator would.")
def create_org_command(name, kind, business_id, municipality, email, website, description, verified):
    """Create an organisation (pending unless --verified)."""
    profile = service.OrganisationProfile(
        name=name,
        kind=OrganisationKind(kind),
        business_id=business_id,
        municipality_code=municipality,
        email=email,
        website=website,
        description=description,
    )
    try:
        organisation = service.create_organisation(profile, verified=verified)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created organisation {organisation.id} {organisation.uuid} {organisation.name!r} "
               f"({organisation.status}).")


@orgs_cli.command("list")
@click.option("--status", type=click.Choice([s.value for s in OrganisationStatus]))
def list_orgs_command(status):
    """List organisations: id, status, kind, business ID, name."""
    for org in service.organisations_by_status(OrganisationStatus(status) if status else None):
        click.echo(f"{org.id}\t{org.status}\t{org.kind}\t{org.business_id}\t{org.name}")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True, help="At least 12 characters.")
@click.option("--name", default=None, help="Display name (defaults to the part before @).")
@click.option("--org", "org", default=None, help="Organisation name, id or UUID to join.")
@click.option("--role", type=click.Choice([r.value for r in MemberRole]), default=MemberRole.MEMBER.value)
def create_user_command(email, password, name, org, role):
    """Create a user, optionally as a member of an organisation."""
    organisation = find_organisation(org) if org else None
    try:
        user = service.create_user(email, name or email.split("@")[0], password)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    if organisation is not None:
        service.add_member(organisation, user, MemberRole(role))
    where = f" in {organisation.name!r} as {role}" if organisation else ""
    click.echo(f"Created user {user.id} {user.email}{where}.")


@users_cli.command("make-coordinator")
@click.argument("email")
def make_coordinator_command(email):
    """Make a user a regional coordinator (platform admin)."""
    user = service.user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user {email!r}.")
    service.make_coordinator(user)
    click.echo(f"{user.email} is now a regional coordinator.")


tokens_cli = AppGroup("tokens", help="Personal access tokens for the referral API.")


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="What the token is for, e.g. the case-management system's name.")
@click.option("--organisation", "organisation_uuid", default=None,
              help="UUID of the organisation the token acts for (needed when the user belongs to several).")
def create_token_command(email, name, organisation_uuid):
    """Create a token for the user with EMAIL and print it (it is shown only this once)."""
    user = service.user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with email {email}.")
    memberships = [m for m in user.memberships if organisation_uuid in (None, str(m.organisation.uuid))]
    if not memberships:
        raise click.ClickException(f"{email} is not a member of that organisation." if organisation_uuid
                                   else f"{email} belongs to no organisation.")
    if len(memberships) > 1:
        choices = ", ".join(f"{m.organisation.uuid} ({m.organisation.name})" for m in memberships)
        raise click.ClickException(f"{email} belongs to several organisations; "
                                   f"choose one with --organisation: {choices}")
    try:
        token, plain = service.create_token(user, memberships[0].organisation, name)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Token {token.name!r} for {user.email} acting for {token.organisation.name}:")
    click.echo(plain)
