"""Import HSDS 3.0 services (a JSON list, organisation nested, or a tabular data package) into organisations
and offerings.

Our own export comes back whole: every attribute of our taxonomies (vocabulary.py) finds its column again,
so exporting one instance and importing into another gives the same API output. Other systems' files are
read for what HSDS fields say, with the shared taxonomy's terms found by id or by code.

The file is read as a stream (ijson), so 100,000 services take flat memory, and written in one
transaction: a malformed file changes nothing. Services that break a rule are rejected one by one
with a reason; the rest are imported.
"""

import json
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO
from uuid import UUID

import ijson
from flask_babel import gettext as _
from sqlalchemy import delete, select, text
from stdnum.exceptions import ValidationError as InvalidNumber
from stdnum.fi import ytunnus
from wtforms.validators import ValidationError as FieldError

from marketplace.accounts import service as accounts
from marketplace.accounts.models import Organisation, OrganisationKind, User
from marketplace.accounts.permissions import can_moderate
from marketplace.api.hsds import foreign as foreign_terms
from marketplace.api.hsds import vocabulary as v
from marketplace.api.hsds.datapackage import BrokenPackage, PackageReader
from marketplace.api.models import ForeignTerm, HeldService
from marketplace.catalog import service as catalog
from marketplace.catalog.models import (
    ACCESSIBILITY_FEATURES,
    Accessible,
    DeliveryMode,
    FundingSource,
    Intake,
    OfferingStatus,
)
from marketplace.catalog.service import OfferingData, TranslationData
from marketplace.clock import day_start, today, utcnow
from marketplace.errors import DomainError, InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.learning import service as learning
from marketplace.reference import (
    CONTENT_LANGUAGES,
    OFFERING_TYPE,
    TARGET_GROUP,
    find_municipality,
    find_term,
    language_names,
)
from marketplace.validators import normalise_phone

BATCH = 500
_STOPWORDS = {
    "fi": {"ja", "on", "ovat", "sekä", "että", "tai", "myös", "kanssa", "voit", "jossa", "joka", "sinua", "ei", "kun"},
    "sv": {"och", "för", "med", "att", "är", "som", "på", "av", "ett", "du", "vi", "det", "till", "eller"},
    "en": {"and", "the", "for", "with", "to", "of", "is", "you", "we", "our", "in", "your", "are", "or"},
}
_FREE = re.compile(r"maksuton|ilmainen|avgiftsfri|kostnadsfri|gratis|free of charge|\bfree\b", re.IGNORECASE)
_MULTIPLE = {"start_date", "translation"}


class Rejected(Exception):
    """A service that cannot be imported; the reason is shown in the report."""


class NeedsMapping(Rejected):
    """No term of the service says what kind of offering it is, but a coordinator can map one of its own."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    held: int = 0  # kept until a coordinator maps one of their terms to an offering type
    organisations: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (position in file, id, reason)
    # what was imported without a part this site cannot hold: (position, id, note)
    notes: list[tuple[int, str, str]] = field(default_factory=list)


class _SeenIds:
    """The service ids read so far from one file, kept in a temporary table of the import's own transaction
    (SQLite and PostgreSQL alike): a file of any length is checked for repeated ids in flat memory."""

    def __init__(self):
        self.connection = db.session.connection()
        self.connection.execute(text("CREATE TEMPORARY TABLE IF NOT EXISTS import_seen (id CHAR(32) PRIMARY KEY)"))
        self.connection.execute(text("DELETE FROM import_seen"))

    def first_time(self, key: UUID) -> bool:
        inserted = self.connection.execute(text("INSERT INTO import_seen (id) VALUES (:id) ON CONFLICT DO NOTHING"),
                                           {"id": key.hex})
        return inserted.rowcount == 1

    def close(self) -> None:
        self.connection.execute(text("DROP TABLE IF EXISTS import_seen"))


def detect_language(text: str) -> str:
    """fi, sv or en, by the most frequent function words (Finnish when unsure)."""
    words = re.findall(r"\w+", text.lower())
    scores = {language: sum(word in stopwords for word in words) for language, stopwords in _STOPWORDS.items()}
    best = max(scores, key=lambda language: (scores[language], language == "fi"))
    return best if best in CONTENT_LANGUAGES else "fi"


def _summary(description: str, name: str) -> str:
    """The first sentence of the description, at most 300 characters."""
    first = re.split(r"(?<=[.!?])\s", description.strip(), maxsplit=1)[0] if description.strip() else name
    return first if len(first) <= 300 else first[:297].rsplit(" ", 1)[0] + "…"


def _uuid(value, what: str) -> UUID:
    try:
        return UUID(str(value))
    except (TypeError, ValueError):
        raise Rejected(_("%(what)s ei ole kelvollinen UUID: %(value)s", what=what, value=value)) from None


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


@dataclass
class _Attributes:
    """An object's attributes, sorted by what they are: our terms by taxonomy, detail values by name."""

    codes: dict[str, list[str]] = field(default_factory=dict)  # taxonomy → term codes
    details: dict[str, list[str]] = field(default_factory=dict)  # detail name → values
    units: dict[str, str] = field(default_factory=dict)  # unit code → tasks
    requirements: list[str] = field(default_factory=list)  # requirement codes
    foreign: list[foreign_terms.Found] = field(default_factory=list)  # terms of other systems' taxonomies

    def first(self, name: str) -> str | None:
        return next(iter(self.details.get(name, [])), None)


def _attributes(item: dict) -> _Attributes:
    found = _Attributes()
    for attribute in item.get("attributes") or []:
        if not isinstance(attribute, dict):
            continue
        nested = attribute.get("taxonomy_term") if isinstance(attribute.get("taxonomy_term"), dict) else {}
        term_id = str(attribute.get("taxonomy_term_id") or nested.get("id") or "")
        taxonomy, code = nested.get("taxonomy"), nested.get("code")
        term = v.fixed_term_by_id(term_id) or v.find_fixed_term(taxonomy, code)
        value = attribute.get("value")
        if term and term.taxonomy == v.DETAIL:
            found.details.setdefault(term.code, []).append("" if value is None else str(value))
        elif term:
            found.codes.setdefault(term.taxonomy, []).append(term.code)
        elif taxonomy == v.QUALIFICATION_UNIT and code:
            found.units[str(code)] = _text(value)
        elif taxonomy == v.COMPETENCE_REQUIREMENT and code:
            found.requirements.append(str(code))
        elif code or nested.get("name") or term_id:
            other = foreign_terms.Found(
                _text(taxonomy)[:200] or "?", str(code or nested.get("name") or term_id)[:200],
                _text(nested.get("name"))[:300], term_id[:100], "" if value is None else str(value))
            found.foreign.append(other)
            mapped = foreign_terms.mapping(other)
            if mapped:
                found.codes.setdefault(mapped[0], []).append(mapped[1])
    return found


def _integer(value: str | None, what: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise Rejected(_("%(what)s ei ole kokonaisluku: %(value)s", what=what, value=value)) from None


def _day(value: str | None, what: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise Rejected(_("%(what)s ei ole päivämäärä: %(value)s", what=what, value=value)) from None


def _moment(value) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def _choice(enum, value: str | None, default):
    try:
        return enum(value) if value else default
    except ValueError:
        raise Rejected(_("Tuntematon arvo %(value)s.", value=value)) from None


def _address(service: dict) -> dict:
    for item in service.get("service_at_locations") or []:
        located = item.get("location") if isinstance(item, dict) else None
        for address in (located or {}).get("addresses") or []:
            if isinstance(address, dict) and address.get("address_1"):
                return address
    return {}


_ICAL_DAY = re.compile(r"^(MO|TU|WE|TH|FR|SA|SU)$")
# A weekly schedule with any of these is not every week: it stays as text (its description)
_LIMITS = ("byweekno", "bymonthday", "byyearday", "count", "until", "valid_from", "valid_to")


def _weekly(schedule: dict) -> str | None:
    """"MO,TU 08:30-14:00" of a simple weekly schedule (every week, plain days, both times), else None."""
    days = [day.strip().upper() for day in str(schedule.get("byday") or "").split(",") if day.strip()]
    limited = any(schedule.get(name) not in (None, "") for name in _LIMITS)
    if str(schedule.get("freq") or "").upper() != "WEEKLY" or schedule.get("interval") not in (None, 1) \
            or limited or not days or not all(_ICAL_DAY.match(day) for day in days):
        return None
    opens, closes = (str(schedule.get(name) or "")[:5] for name in ("opens_at", "closes_at"))
    return f"{','.join(days)} {opens}-{closes}" if opens and closes else None


def _schedules(service: dict) -> tuple[str, str, str]:
    """The free text, the weekly hours and the breaks (canonical text; checked with the rest of the data).
    Breaks already over are left out."""
    texts, rules, breaks = [], [], []
    for schedule in (s for s in service.get("schedules") or [] if isinstance(s, dict)):
        weekly = _weekly(schedule)
        if "closed" in _attributes(schedule).details:
            last = _day(schedule.get("valid_to"), "valid_to")
            if last is None or last >= today():
                breaks.append(f"{schedule.get('valid_from')} to {schedule.get('valid_to')} "
                              f"{' '.join(_text(schedule.get('description')).split())}".rstrip())
        elif weekly:
            rules.append(weekly)
            if schedule.get("id") != v.child_id(service.get("id"), "schedule", weekly) \
                    and _text(schedule.get("description")):  # another system's words about its hours, kept
                texts.append(_text(schedule.get("description")))
        elif _text(schedule.get("description")):
            texts.append(_text(schedule.get("description")))
    return "\n".join(texts), "\n".join(rules), "\n".join(breaks)


def _accessibility(service: dict) -> dict:
    """The premises' features and notes, from the location's accessibility entries."""
    values = {}
    for item in service.get("service_at_locations") or []:
        located = item.get("location") if isinstance(item, dict) else None
        for entry in (located or {}).get("accessibility") or []:
            if not isinstance(entry, dict):
                continue
            details = _attributes(entry).details
            for name in ACCESSIBILITY_FEATURES:
                if name in details:
                    values[name] = _choice(Accessible, details[name][0], Accessible.UNKNOWN)
            if "accessibility_notes" in details:
                values["accessibility_notes"] = _text(entry.get("description"))
    return values


def _municipalities(service: dict) -> list[str]:
    codes = []
    for area in service.get("service_areas") or []:
        if not isinstance(area, dict):
            continue
        by_term = _attributes(area).codes.get(v.MUNICIPALITY, [])
        municipality = find_municipality(by_term[0]) if by_term else find_municipality(area.get("name"))
        if municipality:
            codes.append(municipality.code)
    return codes


def _costs(service: dict) -> dict:
    """free_for_jobseeker, jobseeker_cost and municipality_price from our cost options, else from fees."""
    values: dict = {}
    for option in service.get("cost_options") or []:
        kinds = _attributes(option).details if isinstance(option, dict) else {}
        if "jobseeker_cost" in kinds:
            values["free_for_jobseeker"] = option.get("amount") == 0
            values["jobseeker_cost"] = "" if option.get("amount") == 0 else _text(option.get("amount_description"))
        elif "municipality_price" in kinds:
            values["municipality_price"] = _text(option.get("amount_description"))[:300]
    if "free_for_jobseeker" not in values:
        fees = _text(service.get("fees_description"))
        values["free_for_jobseeker"] = not fees or bool(_FREE.search(fees))
        values["jobseeker_cost"] = "" if values["free_for_jobseeker"] else fees[:300]
    return values


def _funding(service: dict) -> dict:
    for item in service.get("funding") or []:
        if not isinstance(item, dict):
            continue
        found = _attributes(item)
        sources = found.codes.get(v.FUNDING_SOURCE, [])
        if sources or found.first("funding_ends_on"):
            return {"funding_source": FundingSource(sources[0]) if sources else FundingSource.OWN_FUNDS,
                    "funding_ends_on": _day(found.first("funding_ends_on"), "funding_ends_on")}
    return {}


def _translations(found: _Attributes) -> dict[str, dict]:
    versions = {}
    for raw in found.details.get("translation", []):
        try:
            texts = json.loads(raw)
        except ValueError:
            continue
        if isinstance(texts, dict) and texts.get("language") in CONTENT_LANGUAGES:
            versions[texts["language"]] = {name: _text(texts.get(name)) for name in
                                           ("name", "summary", "description", "plain_language_summary")}
    return versions


def _texts(service: dict, found: _Attributes) -> tuple[str, dict[str, str], dict[str, TranslationData] | None]:
    """The offering's own language, its own texts and its translations (None: the file has none to say)."""
    name = _text(service.get("name"))
    description = _text(service.get("description"))
    shown_language = service.get("language") if service.get("language") in CONTENT_LANGUAGES else None
    versions = _translations(found)
    own_language = found.first("content_language")
    if own_language not in CONTENT_LANGUAGES:
        own_language = shown_language or detect_language(f"{name} {description}")
    shown = {"name": name, "description": description,
             "summary": _text(found.first("summary")) or _summary(description, name),
             "plain_language_summary": _text(found.first("plain_language_summary"))}
    versions[shown_language or own_language] = shown
    own = versions.pop(own_language, shown)
    translations = {code: TranslationData(texts["name"][:200], texts["summary"][:300], texts["description"],
                                          texts["plain_language_summary"])
                    for code, texts in versions.items()} if found.details.get("translation") else None
    return own_language, own, translations


def _offering_data(service: dict, found: _Attributes) -> tuple[OfferingData, OfferingStatus]:
    content_language, own, translations = _texts(service, found)
    if not own["name"]:
        raise Rejected(_("Palvelulta puuttuu nimi."))
    if len(own["name"]) > 200:
        raise Rejected(_("Palvelun nimi on yli 200 merkkiä."))
    municipalities = _municipalities(service)
    if not municipalities:
        areas = [str(area.get("name")) for area in service.get("service_areas") or [] if isinstance(area, dict)]
        raise Rejected(_("Palvelun alueista yksikään ei ole Suomen kunta: %(areas)s", areas=", ".join(areas)))
    types = found.codes.get(OFFERING_TYPE, [])
    if not types and found.foreign:
        raise NeedsMapping(_("Palvelun tyyppiä ei tunneta. Se odottaa, että koordinaattori kertoo, mitä jokin sen "
                             "luokituksen termeistä tarkoittaa: %(terms)s", terms=_names(found.foreign)))
    if not types:
        raise Rejected(_("Palvelulla ei ole tunnettua palvelun tyyppiä (offering-type-luokitus)."))
    languages = [str(language.get("code", "")).lower() for language in service.get("languages") or []
                 if isinstance(language, dict)]
    languages = [code for code in dict.fromkeys(languages) if code in language_names()] or ["fi"]
    phone = next((p.get("number") for p in service.get("phones") or [] if isinstance(p, dict) and p.get("number")), "")
    contact = next((c for c in service.get("contacts") or [] if isinstance(c, dict)), {})
    address = _address(service)
    schedule, opening_hours, closures = _schedules(service)
    start_dates = sorted({_day(value, "start_date") for value in found.details.get("start_date", [])})
    data = OfferingData(
        title=own["name"],
        summary=own["summary"][:300],
        description=own["description"],
        plain_language_summary=own["plain_language_summary"],
        offering_type=types[0],
        target_groups=sorted(set(found.codes.get(TARGET_GROUP, []))) or ["all_jobseekers"],
        languages=languages,
        municipalities=municipalities,
        content_language=content_language,
        eligibility=_text(service.get("eligibility_description")),
        min_age=int(service["minimum_age"]) if service.get("minimum_age") is not None else None,
        max_age=int(service["maximum_age"]) if service.get("maximum_age") is not None else None,
        delivery_mode=_choice(DeliveryMode, found.first("delivery_mode"),
                              DeliveryMode.ON_SITE if address else DeliveryMode.REMOTE),
        street_address=_text(address.get("address_1"))[:200],
        postal_code=_text(address.get("postal_code"))[:5],
        post_office=_text(address.get("city"))[:100],
        schedule=schedule,
        opening_hours=opening_hours,
        closures=closures,
        **_accessibility(service),
        duration_weeks=_integer(found.first("duration_weeks"), "duration_weeks"),
        intake=_choice(Intake, found.first("intake"), Intake.START_DATES if start_dates else Intake.CONTINUOUS),
        start_dates=start_dates,
        how_to_apply=_text(service.get("application_process")),
        contact_name=_text(contact.get("name"))[:200],
        contact_email=(_text(service.get("email")) or _text(contact.get("email"))).lower()[:254],
        contact_phone=_phone(phone),
        capacity_total=_integer(found.first("capacity_total"), "capacity_total"),
        open_places=_integer(found.first("open_places"), "open_places"),
        translations=translations,
        **_costs(service),
        **_funding(service),
    )
    status = OfferingStatus.PUBLISHED if service.get("status", "active") == "active" else OfferingStatus.PAUSED
    return data, status


def _phone(number: str) -> str:
    """A phone number in E.164, or nothing if it is not a valid number (the service is still imported)."""
    try:
        return normalise_phone(number) if number else ""
    except FieldError:
        return ""


def _business_id(organisation: dict) -> str | None:
    """The Y-tunnus among the identifiers (any scheme naming it), or the tax_id, if it is a valid one."""
    candidates = [i.get("identifier") for i in organisation.get("organization_identifiers") or []
                  if isinstance(i, dict)] + [organisation.get("tax_id")]
    for candidate in candidates:
        try:
            return ytunnus.format(ytunnus.validate(str(candidate or "")))
        except InvalidNumber:
            continue
    return None


def _kind(name: str) -> OrganisationKind:
    """A guess from the name, for organisations whose file does not say (ours does: organisation-kind)."""
    lowered = name.lower()
    if "säätiö" in lowered or lowered.endswith(" sr") or "stiftelse" in lowered:
        return OrganisationKind.FOUNDATION
    if "opisto" in lowered or "koulutus" in lowered or "institut" in lowered:
        return OrganisationKind.EDUCATION_PROVIDER
    if lowered.endswith((" oy", " ab", " osuuskunta")) or lowered.startswith("osuuskunta"):
        return OrganisationKind.SOCIAL_ENTERPRISE if "osuuskunta" in lowered else OrganisationKind.COMPANY
    if "paja" in lowered or "verkstad" in lowered:
        return OrganisationKind.WORKSHOP
    return OrganisationKind.NGO


def _organisation(service: dict, cache: dict[UUID, int], fallback_municipality: str) -> Organisation:
    nested = service.get("organization") if isinstance(service.get("organization"), dict) else {}
    key = _uuid(nested.get("id") or service.get("organization_id"), _("Organisaation tunniste"))
    if key in cache:
        return db.session.get(Organisation, cache[key])
    name = _text(nested.get("name"))
    if not name:
        raise Rejected(_("Palvelun organisaatiolta puuttuu nimi."))
    found = _attributes(nested)
    kinds, homes = found.codes.get(v.ORGANISATION_KIND, []), found.codes.get(v.MUNICIPALITY, [])
    profile = accounts.OrganisationProfile(
        name=name[:200], kind=OrganisationKind(kinds[0]) if kinds else _kind(name), business_id=_business_id(nested),
        municipality_code=homes[0] if homes else fallback_municipality,
        email=_text(nested.get("email")), website=_text(nested.get("website")) or _text(nested.get("uri")) or None,
        description=_text(nested.get("description")) if nested.get("description") != name else "",
    )
    organisation = accounts.upsert_imported_organisation(key, profile)
    db.session.flush()
    cache[key] = organisation.id
    return organisation


def _units(found: _Attributes) -> list[learning.ImportedUnit]:
    units = []
    for code, tasks in found.units.items():
        try:
            key, version, reference = code.split("/", 2)
            positions = frozenset(int(r.rsplit("/", 1)[1]) for r in found.requirements if r.startswith(f"{code}/"))
            units.append(learning.ImportedUnit(key, int(version), reference, tasks, positions))
        except ValueError:
            continue
    return units


def _names(found: list[foreign_terms.Found]) -> str:
    return "; ".join(f"{item.taxonomy}: {item.name or item.code}" for item in found)


def _hold(key: UUID, service: dict, found: _Attributes) -> None:
    """Keep the service whole until a coordinator maps one of its terms (a later file replaces it)."""
    held = db.session.scalar(select(HeldService).where(HeldService.service_uuid == key)) or HeldService(
        service_uuid=key)
    held.name = _text(service.get("name"))[:300] or str(key)
    held.document = json.dumps(service, ensure_ascii=False)
    held.terms = [[item.taxonomy, item.code] for item in found.foreign]
    db.session.add(held)


def _import_one(service: dict, organisations: dict[UUID, int], seen: _SeenIds | None, report: ImportReport,
                position: int) -> None:
    """Import one service; `seen` checks the file for repeated ids (None: held services, one row per id)."""
    key = _uuid(service.get("id"), _("Palvelun tunniste"))
    if seen and not seen.first_time(key):
        raise Rejected(_("Sama palvelun tunniste on tiedostossa jo aiemmin."))
    found = _attributes(service)
    try:
        data, status = _offering_data(service, found)
    except NeedsMapping as reason:
        _hold(key, service, found)
        report.held += 1
        report.notes.append((position, str(key), reason.args[0]))
        return
    catalog.check_offering_data(data)  # before its organisation is written: a rejected service leaves nothing
    known = len(organisations)
    organisation = _organisation(service, organisations, data.municipalities[0])
    report.organisations += len(organisations) - known
    assured = _day(service.get("assured_date"), "assured_date")
    confirmed = _moment(found.first("confirmed_at")) or (day_start(assured) if assured else None)
    offering, outcome = catalog.upsert_offering(organisation, key, data, status, confirmed_at=confirmed,
                                                updated_at=_moment(service.get("last_modified")))
    units_changed, unknown_units = learning.set_imported_units(offering, _units(found))
    terms_changed = foreign_terms.keep_terms(offering, found.foreign)
    db.session.execute(delete(HeldService).where(HeldService.service_uuid == key))
    if outcome is None and not units_changed and not terms_changed:
        report.unchanged += 1
    elif outcome:
        report.created += 1
    else:
        report.updated += 1
    for item in unknown_units:
        code = "/".join((item.key, str(item.version), item.reference))
        report.notes.append((position, str(key), _("Tutkinnon osaa %(code)s ei ole tällä palvelimella.", code=code)))
    unmapped = [item for item in found.foreign if foreign_terms.mapping(item) is None]
    if unmapped:
        report.notes.append((position, str(key), _("Muiden luokitusten termit tallennettiin palvelun mukana, ja "
                                                   "koordinaattori voi kertoa, mitä ne tarkoittavat: %(terms)s",
                                                   terms=_names(unmapped))))


def services_in(stream: IO[bytes]) -> Iterator[dict]:
    """The services of a JSON list, one at a time."""
    return ijson.items(stream, "item", use_float=True)


def import_services(stream: IO[bytes], progress: Callable[[Iterator], Iterator] | None = None) -> ImportReport:
    """Import a JSON list of services in one transaction; raise InvalidInput if the file is not valid JSON."""
    return _import(services_in(stream), progress)


def import_package(folder: Path, progress: Callable[[Iterator], Iterator] | None = None) -> ImportReport:
    """Import an HSDS tabular data package (a folder with datapackage.json) in one transaction."""
    with tempfile.TemporaryDirectory() as scratch:
        try:
            reader = PackageReader(folder, Path(scratch) / "package.db")
        except BrokenPackage as error:
            raise InvalidInput(_("Datapaketti ei ole luettavissa: %(error)s", error=error)) from None
        try:
            return _import(reader.services(), progress)
        finally:
            reader.close()


def _import(services: Iterator, progress: Callable[[Iterator], Iterator] | None) -> ImportReport:
    report = ImportReport()
    organisations: dict[UUID, int] = {}
    try:
        seen = _SeenIds()
        for position, service in enumerate(progress(services) if progress else services, start=1):
            if not isinstance(service, dict):
                report.rejected.append((position, "", _("Kohde ei ole HSDS-palvelu (JSON-objekti).")))
                continue
            try:
                _import_one(service, organisations, seen, report, position)
            except (Rejected, DomainError) as reason:
                report.rejected.append((position, str(service.get("id", "")), getattr(reason, "message", str(reason))))
                continue
            if position % BATCH == 0:
                db.session.flush()
                db.session.expunge_all()
        seen.close()
        db.session.commit()
    except (ijson.JSONError, BrokenPackage) as error:
        db.session.rollback()
        raise InvalidInput(_("Tiedosto ei ole kelvollinen HSDS-tiedosto: %(error)s", error=error)) from None
    except BaseException:
        db.session.rollback()
        raise
    return report


def map_foreign_term(term_id: int, meaning: str, actor: User) -> ImportReport:
    """A coordinator says what another system's term means here ("offering-type:coaching", or "" for nothing
    yet); the held services it lets through are imported now, and later files read it so too."""
    if not can_moderate(actor):
        raise NotPermitted(_("Vain alueen koordinaattori voi kertoa, mitä tuodut termit tarkoittavat."))
    term = db.session.get(ForeignTerm, term_id)
    if term is None:
        raise NotFound(_("Termiä ei löytynyt."))
    taxonomy, _sep, code = meaning.partition(":")
    if meaning and (taxonomy not in foreign_terms.MAPPABLE or find_term(taxonomy, code) is None):
        raise InvalidInput(_("Valitse palvelun tyyppi tai kohderyhmä luettelosta."), "meaning")
    term.mapped_taxonomy, term.mapped_code = (taxonomy, code) if meaning else (None, None)
    term.mapped_at, term.mapped_by = utcnow(), actor
    report = ImportReport()
    organisations: dict[UUID, int] = {}
    for position, held in enumerate(foreign_terms.held_services(), start=1):
        if [term.taxonomy, term.code] in held.terms:
            try:
                _import_one(json.loads(held.document), organisations, None, report, position)
            except (Rejected, DomainError) as reason:
                report.rejected.append((position, str(held.service_uuid), getattr(reason, "message", str(reason))))
    db.session.commit()
    return report
