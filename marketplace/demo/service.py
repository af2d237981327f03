"""Load the demo network through the same services the site uses; running it again adds only what is missing."""

from dataclasses import dataclass

from sqlalchemy import exists, select

from marketplace.accounts import service as accounts
from marketplace.accounts.models import Organisation, User
from marketplace.demo.data import COORDINATOR, DEMO_PASSWORD, ORGANISATIONS
from marketplace.extensions import db
from marketplace.reference import find_municipality


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


def _user(email: str, name: str, title: str, *, coordinator: bool = False) -> User:
    user = accounts.user_by_email(email)
    if user is None:
        user = accounts.create_user(email, name, DEMO_PASSWORD, coordinator=coordinator)
        accounts.update_profile(user, name=name, title=title, phone="")
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


def load_demo() -> None:
    """Create the coordinator, the organisations and their people where missing."""
    _user(COORDINATOR["email"], COORDINATOR["name"], COORDINATOR["title"], coordinator=True)
    for spec in ORGANISATIONS:
        organisation = _organisation(spec)
        for email, name, title, role in spec["people"]:
            user = _user(email, name, title)
            if user.membership_in(organisation) is None:
                accounts.add_member(organisation, user, role)


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
