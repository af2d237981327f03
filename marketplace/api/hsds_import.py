"""Import HSDS 3.0 services (a JSON list, organisation nested) into organisations and offerings.

The file is read as a stream (ijson), so 100,000 services take flat memory, and written in one
transaction: a malformed file changes nothing. Services that break a rule are rejected one by one
with a reason; the rest are imported.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO
from uuid import UUID

import ijson
from flask_babel import gettext as _
from wtforms.validators import ValidationError as FieldError

from marketplace.accounts import service as accounts
from marketplace.accounts.models import Organisation, OrganisationKind
from marketplace.catalog import service as catalog
from marketplace.catalog.models import OfferingStatus
from marketplace.catalog.service import OfferingData, TranslationData
from marketplace.errors import DomainError, InvalidInput
from marketplace.extensions import db
from marketplace.reference import (
    CONTENT_LANGUAGES,
    OFFERING_TYPE,
    TARGET_GROUP,
    find_municipality,
    language_names,
    taxonomy_terms,
)
from marketplace.validators import normalise_phone

BATCH = 500
_STOPWORDS = {
    "fi": {"ja", "on", "ovat", "sekä", "että", "tai", "myös", "kanssa", "voit", "jossa", "joka", "sinua", "ei", "kun"},
    "sv": {"och", "för", "med", "att", "är", "som", "på", "av", "ett", "du", "vi", "det", "till", "eller"},
    "en": {"and", "the", "for", "with", "to", "of", "is", "you", "we", "our", "in", "your", "are", "or"},
}
_FREE = re.compile(r"maksuton|ilmainen|avgiftsfri|kostnadsfri|gratis|free of charge|\bfree\b", re.IGNORECASE)


class Rejected(Exception):
    """A service that cannot be imported; the reason is shown in the report."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    organisations: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (position in file, id, reason)


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


def _terms(service: dict) -> dict[str, list[str]]:
    """Offering-type and target-group codes from the service's attributes (by HSDS id, or by code)."""
    by_id = {term.id: term for term in taxonomy_terms()}
    by_code = {(term.taxonomy, term.code): term for term in taxonomy_terms()}
    found: dict[str, list[str]] = {OFFERING_TYPE: [], TARGET_GROUP: []}
    for attribute in service.get("attributes") or []:
        nested = attribute.get("taxonomy_term") or {}
        term = by_id.get(str(attribute.get("taxonomy_term_id") or nested.get("id"))) or by_code.get(
            (nested.get("taxonomy"), nested.get("code")))
        if term and term.code not in found[term.taxonomy]:
            found[term.taxonomy].append(term.code)
    return found


def _kind(name: str) -> OrganisationKind:
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


def _offering_data(service: dict) -> tuple[OfferingData, OfferingStatus]:
    name = (service.get("name") or "").strip()
    if not name:
        raise Rejected(_("Palvelulta puuttuu nimi."))
    if len(name) > 200:
        raise Rejected(_("Palvelun nimi on yli 200 merkkiä."))
    terms = _terms(service)
    if not terms[OFFERING_TYPE]:
        raise Rejected(_("Palvelulla ei ole tunnettua palvelun tyyppiä (offering-type-luokitus)."))
    areas = [area.get("name") for area in service.get("service_areas") or []]
    municipalities = [m.code for m in map(find_municipality, areas) if m]
    if not municipalities:
        raise Rejected(_("Palvelun alueista yksikään ei ole Suomen kunta: %(areas)s", areas=", ".join(map(str, areas))))
    languages = [str(language.get("code", "")).lower() for language in service.get("languages") or []]
    languages = [code for code in dict.fromkeys(languages) if code in language_names()] or ["fi"]
    description = (service.get("description") or "").strip()
    fees = (service.get("fees_description") or "").strip()
    phone = next((p.get("number") for p in service.get("phones") or [] if p.get("number")), "")
    contact = next(iter(service.get("contacts") or []), {})
    data = OfferingData(
        title=name,
        summary=_summary(description, name),
        description=description,
        offering_type=terms[OFFERING_TYPE][0],
        target_groups=terms[TARGET_GROUP] or ["all_jobseekers"],
        languages=languages,
        municipalities=municipalities,
        content_language=service["language"] if service.get("language") in CONTENT_LANGUAGES
        else detect_language(f"{name} {description}"),
        eligibility=(service.get("eligibility_description") or "").strip(),
        min_age=int(service["minimum_age"]) if service.get("minimum_age") is not None else None,
        max_age=int(service["maximum_age"]) if service.get("maximum_age") is not None else None,
        how_to_apply=(service.get("application_process") or "").strip(),
        free_for_jobseeker=not fees or bool(_FREE.search(fees)),
        jobseeker_cost="" if not fees or _FREE.search(fees) else fees[:300],
        contact_name=(contact.get("name") or "")[:200],
        contact_email=(service.get("email") or contact.get("email") or "").strip().lower()[:254],
        contact_phone=_phone(phone),
        translations=_translations(service, name),
    )
    status = OfferingStatus.PUBLISHED if service.get("status", "active") == "active" else OfferingStatus.PAUSED
    return data, status


def _translations(service: dict, name: str) -> dict[str, TranslationData] | None:
    """The other language versions our own export lists (`translations`); None, and so unchanged, without it."""
    versions = service.get("translations")
    if not isinstance(versions, dict):
        return None
    return {code: TranslationData(title=str(texts.get("name") or name)[:200],
                                  summary=_summary(str(texts.get("description") or ""), str(texts.get("name") or name)),
                                  description=str(texts.get("description") or ""))
            for code, texts in versions.items() if isinstance(texts, dict) and code in CONTENT_LANGUAGES}


def _phone(number: str) -> str:
    """A phone number in E.164, or nothing if it is not a valid number (the service is still imported)."""
    try:
        return normalise_phone(number) if number else ""
    except FieldError:
        return ""


def _organisation(service: dict, cache: dict[UUID, int], municipality_code: str) -> Organisation:
    nested = service.get("organization") or {}
    key = _uuid(nested.get("id") or service.get("organization_id"), _("Organisaation tunniste"))
    if key in cache:
        return db.session.get(Organisation, cache[key])
    name = (nested.get("name") or "").strip()
    if not name:
        raise Rejected(_("Palvelun organisaatiolta puuttuu nimi."))
    profile = accounts.OrganisationProfile(
        name=name[:200], kind=_kind(name), business_id=None, municipality_code=municipality_code,
        email=nested.get("email") or "", website=nested.get("website") or nested.get("url"),
        description=nested.get("description") or "",
    )
    organisation = accounts.upsert_imported_organisation(key, profile)
    db.session.flush()
    cache[key] = organisation.id
    return organisation


def services_in(stream: IO[bytes]) -> Iterator[dict]:
    """The services of a JSON list, one at a time."""
    return ijson.items(stream, "item", use_float=True)


def import_services(stream: IO[bytes], progress: Callable[[Iterator], Iterator] | None = None) -> ImportReport:
    """Import every service of the file in one transaction; raise InvalidInput if the file is not valid JSON."""
    report = ImportReport()
    organisations: dict[UUID, int] = {}
    seen: set[UUID] = set()
    services = services_in(stream)
    try:
        for position, service in enumerate(progress(services) if progress else services, start=1):
            if not isinstance(service, dict):
                report.rejected.append((position, "", _("Kohde ei ole HSDS-palvelu (JSON-objekti).")))
                continue
            try:
                key = _uuid(service.get("id"), _("Palvelun tunniste"))
                if key in seen:
                    raise Rejected(_("Sama palvelun tunniste on tiedostossa jo aiemmin."))
                data, status = _offering_data(service)
                known = len(organisations)
                organisation = _organisation(service, organisations, data.municipalities[0])
                report.organisations += len(organisations) - known
                created = catalog.upsert_offering(organisation, key, data, status)
                seen.add(key)
            except (Rejected, DomainError) as reason:
                report.rejected.append((position, str(service.get("id", "")), getattr(reason, "message", str(reason))))
                continue
            report.created += created
            report.updated += not created
            if position % BATCH == 0:
                db.session.flush()
                db.session.expunge_all()
        db.session.commit()
    except ijson.JSONError as error:
        db.session.rollback()
        raise InvalidInput(_("Tiedosto ei ole kelvollinen JSON-luettelo: %(error)s", error=error)) from None
    except BaseException:
        db.session.rollback()
        raise
    return report
