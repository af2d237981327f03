"""Saved searches: a coach's query and filters, checked for offerings that are new, or have places again, since the
user last heard; one email per search with news, at once or weekly, unsubscribed from with one click."""

from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, func, or_, select, update
from werkzeug.datastructures import MultiDict

from marketplace.accounts.models import User
from marketplace.catalog import service as catalog
from marketplace.catalog.models import Offering
from marketplace.clock import utcnow
from marketplace.database import by_uuid
from marketplace.errors import InvalidInput, NotFound
from marketplace.extensions import db
from marketplace.notifications.models import NotificationKind
from marketplace.notifications.service import absolute_url, send_email
from marketplace.search.models import AlertFrequency, SavedSearch, SavedSearchSeen, SearchChange
from marketplace.search.params import FILTER_PARAMS, Params
from marketplace.search.query import SearchRequest, search
from marketplace.validators import free_text

SEARCH_PARAMS = ("q", "places", "spelling", *FILTER_PARAMS)  # what defines a search (not its page or order)
POOL = 200  # matches looked at per check: news beyond the first 200 of a search are too broad to be news
WEEK = timedelta(days=7)
MAX_PER_USER = 50
SALT = "saved-search-unsubscribe"
CHANGE_MARGIN = timedelta(minutes=10)


def clean_query_string(args) -> str:
    """The parameters of a results page that define its search, in a stable order; empty ones dropped."""
    pairs = [(name, value.strip()) for name in SEARCH_PARAMS for value in args.getlist(name) if value.strip()]
    return urlencode(pairs)


def search_url(saved: SavedSearch) -> str:
    return absolute_url("search.search") + ("?" + saved.query_string if saved.query_string else "")


def _params(saved: SavedSearch) -> Params:
    return Params.from_args(MultiDict(parse_qsl(saved.query_string)))


def matching_offerings(saved: SavedSearch) -> list[Offering]:
    """What the search finds now: its full matches (partial ones are not news), remote ones of a near search."""
    params = _params(saved)
    result = search(SearchRequest(text=params.q, filters=params.filters, page=1, per_page=POOL, with_facets=False,
                                  read_places=params.read_places, correct=params.correct))
    ids = result.ids[:result.full_matches] if result.broadened else result.ids
    return catalog.offerings_by_uuids(ids + result.remote_ids)


def _has_places(offering: Offering) -> bool:
    return offering.open_places != 0  # None: the provider does not count places


def _mark_seen(saved: SavedSearch, offerings: list[Offering]) -> None:
    db.session.execute(delete(SavedSearchSeen).where(SavedSearchSeen.saved_search_id == saved.id))
    db.session.add_all(SavedSearchSeen(saved_search_id=saved.id, offering_id=o.id, had_places=_has_places(o))
                       for o in offerings)


def news(saved: SavedSearch, current: list[Offering]) -> tuple[list[Offering], list[Offering]]:
    """(new, with places again) among `current` matches: those the user has not been shown, and those shown full
    that now have places."""
    seen = dict(db.session.execute(select(SavedSearchSeen.offering_id, SavedSearchSeen.had_places)
                                   .where(SavedSearchSeen.saved_search_id == saved.id)).all())
    new = [o for o in current if o.id not in seen]
    reopened = [o for o in current if o.id in seen and not seen[o.id] and _has_places(o)]
    return new, reopened


def saved_searches_of(user: User) -> list[SavedSearch]:
    return list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)
                                   .order_by(SavedSearch.created_at.desc())))


def get_saved_search(saved_uuid: str, user: User) -> SavedSearch:
    """The user's own saved search; anyone else's does not exist for them."""
    saved = by_uuid(SavedSearch, saved_uuid)
    if saved is None or not user.is_authenticated or saved.user_id != user.id:
        raise NotFound(_("Tallennettua hakua ei löytynyt."))
    return saved


def _frequency(value: str) -> AlertFrequency:
    if value not in set(AlertFrequency):
        raise InvalidInput(_("Valitse, kuinka usein haluat tiedon uusista palveluista."), "frequency")
    return AlertFrequency(value)


def save_search(user: User, name: str, args, frequency: str) -> SavedSearch:
    """Save the search of a results page; what it finds now is the baseline, so the first email brings news."""
    if not user.is_authenticated:
        raise NotFound(_("Tallennettua hakua ei löytynyt."))
    if len(saved_searches_of(user)) >= MAX_PER_USER:
        raise InvalidInput(_("Sinulla voi olla enintään %(count)s tallennettua hakua.", count=MAX_PER_USER), "name")
    query_string = clean_query_string(args)
    saved = SavedSearch(user_id=user.id, query_string=query_string, frequency=_frequency(frequency),
                        name=free_text(name, "name", max_chars=100) or _params_title(args))
    current = matching_offerings(saved)  # searched before this transaction writes anything
    db.session.add(saved)
    db.session.flush()
    _mark_seen(saved, current)
    db.session.commit()
    return saved


def _params_title(args) -> str:
    return (args.get("q", "").strip() or _("Kaikki palvelut"))[:100]


def set_frequency(saved_uuid: str, frequency: str, user: User) -> SavedSearch:
    saved = get_saved_search(saved_uuid, user)
    saved.frequency = _frequency(frequency)
    db.session.commit()
    return saved


def delete_saved_search(saved_uuid: str, user: User) -> None:
    db.session.delete(get_saved_search(saved_uuid, user))
    db.session.commit()


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def unsubscribe_token(saved: SavedSearch) -> str:
    return _serializer().dumps(str(saved.uuid))


def _from_token(token: str) -> SavedSearch:
    try:
        saved_uuid = _serializer().loads(token)
    except BadSignature:
        raise NotFound(_("Linkki ei ole voimassa.")) from None
    saved = by_uuid(SavedSearch, saved_uuid)
    if saved is None:
        raise NotFound(_("Tallennettua hakua ei löytynyt. Se on ehkä poistettu."))
    return saved


def unsubscribe(token: str) -> tuple[SavedSearch, AlertFrequency]:
    """One click from the email, no login: no more emails of this search. Returns what it was, for an undo."""
    saved = _from_token(token)
    before = saved.frequency
    saved.frequency = AlertFrequency.OFF
    db.session.commit()
    return saved, before


def resubscribe(token: str, frequency: str) -> SavedSearch:
    saved = _from_token(token)
    wanted = _frequency(frequency)
    saved.frequency = wanted if wanted is not AlertFrequency.OFF else AlertFrequency.WEEKLY
    db.session.commit()
    return saved


def _due(now: datetime):
    return or_(SavedSearch.frequency == AlertFrequency.IMMEDIATELY,
               (SavedSearch.frequency == AlertFrequency.WEEKLY) & (SavedSearch.checked_at <= now - WEEK))


def _claim(saved: SavedSearch, now: datetime) -> bool:
    """Take this check; another host that read the same `checked_at` finds it changed and skips."""
    claimed = db.session.execute(
        update(SavedSearch).where(SavedSearch.id == saved.id, SavedSearch.checked_at == saved.checked_at)
        .values(checked_at=now).execution_options(synchronize_session=False)).rowcount == 1
    db.session.commit()
    return claimed


def _changed_since(moment: datetime, last_change: datetime | None) -> bool:
    """Could the index have anything new since `moment`? The margin covers transactions that wrote their change
    row before `moment` but committed after it."""
    return last_change is not None and last_change > moment - CHANGE_MARGIN


def send_saved_search_alerts(now: datetime | None = None) -> int:
    """Email each due saved search's news to its owner; return how many emails went. A search is looked at only
    when the search change log has something newer than its last check: with nothing changed it has no news."""
    now = now or utcnow()
    last_change = db.session.scalar(select(func.max(SearchChange.created_at)))
    due = db.session.scalars(select(SavedSearch).where(_due(now)).order_by(SavedSearch.id)).all()
    sent = 0
    for saved in due:
        if not _changed_since(saved.checked_at, last_change):
            continue
        if not saved.user.is_active or not _claim(saved, now):
            continue
        current = matching_offerings(saved)
        new, reopened = news(saved, current)
        if new or reopened:
            send_email(saved.user, _l("Uutta tallennetussa haussasi: %(name)s", name=saved.name),
                       "search/email/saved_search.txt", kind=NotificationKind.SAVED_SEARCH, saved=saved,
                       new=new, reopened=reopened, offering_link=_offering_link, link=search_url(saved),
                       unsubscribe_link=absolute_url("search.unsubscribe", token=unsubscribe_token(saved)))
            saved.alerted_at = now
            sent += 1
        _mark_seen(saved, current)
        db.session.commit()
    return sent


def _offering_link(offering: Offering) -> str:
    return absolute_url("catalog.offering", offering_uuid=offering.uuid)
