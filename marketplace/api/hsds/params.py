"""The query parameters of the HSDS endpoints, as openapi.json names them, read strictly.

A parameter the endpoint does not know is a 422 naming it, never silently ignored: a client that misspells
`per_page` must hear about it.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from uuid import UUID

from flask import request
from flask_babel import gettext as _

from marketplace.clock import FINLAND, day_start
from marketplace.errors import InvalidInput
from marketplace.inputs import MAX_PAGE, query_integer
from marketplace.reference import postcode_municipality

MAX_PER_PAGE = 100
MAX_PROXIMITY = 1_000_000  # metres: all of Finland
FORMATS = ("json", "ndjson")
_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no")


@dataclass
class Params:
    search: str = ""
    page: int = 1
    per_page: int = 20
    format: str = "json"
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    parent_id: str = ""
    modified_after: datetime | None = None
    minimal: bool = False
    full: bool = False
    full_service: bool = False
    top_only: bool = False
    postcode: str = ""  # the municipality code of the postcode given
    proximity: int | None = None  # metres from the postcode's municipality centre


def _boolean(name: str) -> bool:
    raw = request.args.get(name, "").strip().lower()
    if raw in ("", *_FALSE):
        return False
    if raw in _TRUE:
        return True
    raise InvalidInput(_("%(name)s: anna true tai false.", name=name), name)


def _uuid(name: str) -> str:
    raw = request.args.get(name, "").strip()
    if not raw:
        return ""
    try:
        return str(UUID(raw))
    except ValueError:
        raise InvalidInput(_("%(name)s: ei kelvollinen UUID.", name=name), name) from None


def _moment(name: str) -> datetime | None:
    """An ISO 8601 date or date-time; without a zone it is Finnish time, a bare date the start of that day."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        if len(raw) == 10:
            return day_start(date.fromisoformat(raw)).astimezone(UTC)
        moment = datetime.fromisoformat(raw.replace(" ", "+"))  # a "+" left unencoded in the URL arrives as " "
    except ValueError:
        raise InvalidInput(_("%(name)s: anna päivämäärä tai aika ISO 8601 -muodossa, esimerkiksi "
                             "2026-11-01T08:00:00Z.", name=name), name) from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=FINLAND)).astimezone(UTC)


def _postcode(name: str) -> str:
    raw = request.args.get(name, "").strip()
    if not raw:
        return ""
    code = postcode_municipality(raw) if raw.isdigit() and len(raw) == 5 else None
    if code is None:
        raise InvalidInput(_("%(name)s: tuntematon postinumero (anna viisinumeroinen suomalainen postinumero).",
                             name=name), name)
    return code


def _proximity(name: str) -> int | None:
    if not request.args.get(name, "").strip():
        return None
    if not request.args.get("postcode", "").strip():
        raise InvalidInput(_("proximity tarvitsee postinumeron (postcode), jonka keskipisteestä etäisyys lasketaan."),
                           name)
    return query_integer(name, None, 1, MAX_PROXIMITY)


_READERS = {
    "search": lambda name: request.args.get(name, "").strip(),
    "page": lambda name: query_integer(name, 1, 1, MAX_PAGE),
    "per_page": lambda name: query_integer(name, 20, 1, MAX_PER_PAGE),
    "taxonomy_term_id": _uuid,
    "taxonomy_id": lambda name: request.args.get(name, "").strip(),  # a UUID or a taxonomy's name
    "organization_id": _uuid,
    "parent_id": _uuid,
    "modified_after": _moment,
    "minimal": _boolean,
    "full": _boolean,
    "full_service": _boolean,
    "top_only": _boolean,
    "postcode": _postcode,
    "proximity": _proximity,
}


def read_params(*names: str) -> Params:
    """The endpoint's parameters `names` (and `format`); 422 for any other, or for a value out of range."""
    allowed = {*names, "format"}
    unknown = sorted(set(request.args) - allowed)
    errors = {name: [_("Tuntematon parametri. Sallitut: %(names)s.", names=", ".join(sorted(allowed)))]
              for name in unknown}
    if errors:
        first = next(iter(errors))
        raise InvalidInput(errors[first][0] if len(errors) == 1 else _("Tuntemattomia parametreja: %(names)s.",
                                                                       names=", ".join(errors)),
                           errors=errors)
    params = Params(**{name: _READERS[name](name) for name in names})
    params.format = request.args.get("format", "json").strip().lower() or "json"
    if params.format not in FORMATS:
        raise InvalidInput(_("format: json tai ndjson."), "format")
    if params.format == "ndjson" and ({"page", "per_page"} & set(request.args)):
        raise InvalidInput(_("ndjson palauttaa kaikki osumat kerralla: jätä page ja per_page pois."), "format")
    return params
