"""The rules of shortlists: who keeps them, what they hold, and the public link that expires."""

import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from marketplace.accounts.models import Organisation, User
from marketplace.catalog.permissions import is_public
from marketplace.clock import utcnow
from marketplace.coaching.models import Shortlist, ShortlistItem
from marketplace.coaching.permissions import can_edit_shortlist, can_keep_shortlists, can_view_shortlist
from marketplace.database import by_uuid, commit_or_conflict
from marketplace.errors import Conflict, InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.notifications.service import absolute_url
from marketplace.validators import format_phone, free_text

MAX_ITEMS = 30  # a handout is one or two pages
CHANGED_MEANWHILE = _("Lista muuttui sillä välin toisessa ikkunassa. Lataa sivu uudelleen.")


def _require_coach(actor: User, organisation: Organisation | None) -> Organisation:
    if not can_keep_shortlists(actor, organisation):
        raise NotPermitted(_("Listoja kokoavat työllisyyspalvelujen valmentajat."))
    return organisation


def _name(name: str) -> str:
    name = free_text(name, "name", max_chars=100, required_message=_("Anna listalle nimi, esimerkiksi asianumero."))
    return name


def get_shortlist(shortlist_uuid: str, viewer: User) -> Shortlist:
    """The list, if the viewer may see it; others' lists do not exist for them."""
    shortlist = by_uuid(Shortlist, shortlist_uuid)
    if shortlist is None or not can_view_shortlist(viewer, shortlist):
        raise NotFound(_("Listaa ei löytynyt."))
    return shortlist


def _editable(shortlist_uuid: str, actor: User) -> Shortlist:
    shortlist = get_shortlist(shortlist_uuid, actor)
    if not can_edit_shortlist(actor, shortlist):
        raise NotPermitted(_("Listaa muuttaa vain sen tekijä. Kopioi lista, niin voit muokata omaasi."))
    return shortlist


def own_shortlists(user: User, organisation: Organisation | None) -> list[Shortlist]:
    if not can_keep_shortlists(user, organisation):
        return []
    return list(db.session.scalars(select(Shortlist).where(
        Shortlist.owner_id == user.id, Shortlist.organisation_id == organisation.id).order_by(
        Shortlist.updated_at.desc())))


def team_shortlists(user: User, organisation: Organisation | None) -> list[Shortlist]:
    """Colleagues' lists shared with the team."""
    if not can_keep_shortlists(user, organisation):
        return []
    return list(db.session.scalars(select(Shortlist).where(
        Shortlist.organisation_id == organisation.id, Shortlist.owner_id != user.id,
        Shortlist.shared_with_team.is_(True)).order_by(Shortlist.updated_at.desc())))


def create_shortlist(actor: User, organisation: Organisation | None, name: str) -> Shortlist:
    organisation = _require_coach(actor, organisation)
    shortlist = Shortlist(owner=actor, organisation=organisation, name=_name(name))
    db.session.add(shortlist)
    db.session.commit()
    return shortlist


def _touch(shortlist: Shortlist) -> None:
    shortlist.updated_at = utcnow()  # and the version: a concurrent change of the same list is a conflict


def _check_version(shortlist: Shortlist, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != shortlist.version:
        raise Conflict(CHANGED_MEANWHILE)


def add_offering(actor: User, organisation: Organisation | None, offering, shortlist_uuid: str = "",
                 new_name: str = "") -> tuple[Shortlist, bool]:
    """Add a public offering to one of the actor's lists, or to a new one; True if it was not there already."""
    _require_coach(actor, organisation)
    if not is_public(offering):
        raise NotFound(_("Palvelua ei löytynyt tai se ei ole enää haettavissa."))
    shortlist = _editable(shortlist_uuid, actor) if shortlist_uuid else create_shortlist(actor, organisation, new_name)
    for _attempt in range(3):  # another tab changed the list meanwhile: look again
        if any(item.offering_id == offering.id for item in shortlist.items):
            return shortlist, False
        if len(shortlist.items) >= MAX_ITEMS:
            raise InvalidInput(_("Listalla voi olla enintään %(count)s palvelua.", count=MAX_ITEMS), "shortlist")
        position = max((item.position for item in shortlist.items), default=0) + 1
        db.session.add(ShortlistItem(shortlist=shortlist, offering=offering, position=position))
        _touch(shortlist)
        try:
            db.session.commit()
        except (IntegrityError, StaleDataError):
            db.session.rollback()
            db.session.refresh(shortlist)
        else:
            return shortlist, True
    raise Conflict(CHANGED_MEANWHILE)


def _item(shortlist: Shortlist, item_id: int) -> ShortlistItem:
    item = next((item for item in shortlist.items if item.id == item_id), None)
    if item is None:
        raise NotFound(_("Palvelu ei ole tällä listalla."))
    return item


def move_item(shortlist_uuid: str, item_id: int, direction: str, actor: User,
              expected_version: int | None = None) -> Shortlist:
    """Swap an offering with its neighbour above ("up") or below ("down")."""
    shortlist = _editable(shortlist_uuid, actor)
    _check_version(shortlist, expected_version)
    items = list(shortlist.items)
    index = items.index(_item(shortlist, item_id))
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        for position, item in enumerate(items, start=1):
            item.position = position
        _touch(shortlist)
    commit_or_conflict(CHANGED_MEANWHILE)
    return shortlist


def set_note(shortlist_uuid: str, item_id: int, note: str, actor: User,
             expected_version: int | None = None) -> Shortlist:
    shortlist = _editable(shortlist_uuid, actor)
    _check_version(shortlist, expected_version)
    _item(shortlist, item_id).note = free_text(note, "note", max_chars=500)
    _touch(shortlist)
    commit_or_conflict(CHANGED_MEANWHILE)
    return shortlist


def remove_item(shortlist_uuid: str, item_id: int, actor: User, expected_version: int | None = None) -> Shortlist:
    shortlist = _editable(shortlist_uuid, actor)
    _check_version(shortlist, expected_version)
    shortlist.items.remove(_item(shortlist, item_id))
    _touch(shortlist)
    commit_or_conflict(CHANGED_MEANWHILE)
    return shortlist


def update_shortlist(shortlist_uuid: str, name: str, shared_with_team: bool, actor: User,
                     expected_version: int | None = None) -> Shortlist:
    shortlist = _editable(shortlist_uuid, actor)
    _check_version(shortlist, expected_version)
    shortlist.name, shortlist.shared_with_team = _name(name), shared_with_team
    _touch(shortlist)
    commit_or_conflict(CHANGED_MEANWHILE)
    return shortlist


def copy_shortlist(shortlist_uuid: str, actor: User, organisation: Organisation | None) -> Shortlist:
    """A colleague's (or one's own) list as a new list of the actor's, notes and order included."""
    source = get_shortlist(shortlist_uuid, actor)
    organisation = _require_coach(actor, organisation)
    copy = Shortlist(owner=actor, organisation=organisation, name=_("%(name)s (kopio)", name=source.name)[:100])
    copy.items = [ShortlistItem(offering_id=item.offering_id, position=item.position, note=item.note)
                  for item in source.items]
    db.session.add(copy)
    db.session.commit()
    return copy


def delete_shortlist(shortlist_uuid: str, actor: User) -> None:
    db.session.delete(_editable(shortlist_uuid, actor))
    db.session.commit()


def share_shortlist(shortlist_uuid: str, days: int, actor: User) -> Shortlist:
    """Open (or renew) the public read-only link for `days`; an old link stops working."""
    if days not in current_app.config["SHORTLIST_LINK_CHOICES"]:
        raise InvalidInput(_("Valitse, kuinka kauan linkki toimii."), "days")
    shortlist = _editable(shortlist_uuid, actor)
    shortlist.share_token = secrets.token_urlsafe(16)
    shortlist.share_expires_at = utcnow() + timedelta(days=days)
    _touch(shortlist)
    commit_or_conflict(CHANGED_MEANWHILE)
    return shortlist


def stop_sharing(shortlist_uuid: str, actor: User) -> Shortlist:
    shortlist = _editable(shortlist_uuid, actor)
    shortlist.share_token = shortlist.share_expires_at = None
    _touch(shortlist)
    commit_or_conflict(CHANGED_MEANWHILE)
    return shortlist


def is_shared(shortlist: Shortlist) -> bool:
    return shortlist.share_token is not None and shortlist.share_expires_at > utcnow()


def shared_shortlist(token: str) -> Shortlist:
    """The list behind a public link; NotFound when unknown, stopped or expired."""
    shortlist = db.session.scalar(select(Shortlist).where(Shortlist.share_token == token)) if token else None
    if shortlist is None or not is_shared(shortlist):
        raise NotFound(_("Linkki ei ole voimassa."))
    return shortlist


def public_items(shortlist: Shortlist) -> list[ShortlistItem]:
    """What the jobseeker sees: only offerings that are still public."""
    return [item for item in shortlist.items if is_public(item.offering)]


def public_link(shortlist: Shortlist) -> str | None:
    return absolute_url("coaching.shared", token=shortlist.share_token) if is_shared(shortlist) else None


def offering_link(item: ShortlistItem) -> str:
    return absolute_url("catalog.offering", offering_uuid=item.offering.uuid)


def paste_text(shortlist: Shortlist, language: str) -> str:
    """The list as plain text for a text message or the case-management system: names, contacts, links."""
    lines = []
    for number, item in enumerate(public_items(shortlist), start=1):
        offering = item.offering
        contact = ", ".join(part for part in (
            offering.organisation.name, format_phone(offering.contact_phone), offering.contact_email) if part)
        lines += [f"{number}. {offering.texts_in(language).title}", contact]
        if item.note:
            lines.append(item.note)
        lines += [offering_link(item), ""]
    return "\n".join(lines).strip()
