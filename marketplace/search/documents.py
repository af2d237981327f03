"""What an offering looks like in the index."""

from datetime import timedelta

from marketplace.accounts.models import OrganisationStatus
from marketplace.catalog import hours
from marketplace.catalog.models import Offering, OfferingStatus
from marketplace.clock import utcnow
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, find_municipality, find_term
from marketplace.search.analysis import LANGUAGES
from marketplace.search.schema import NO_MAX_AGE

UNLIMITED_PLACES = 1_000_000  # sorts "not limited" above any number of open places
FRESH_FOR = timedelta(days=90)


def indexable(offering: Offering) -> bool:
    """Published offerings of verified organisations; funding end dates are checked when searching."""
    return offering.status is OfferingStatus.PUBLISHED and offering.organisation.status is OrganisationStatus.VERIFIED


def stamp(offering: Offering) -> str:
    """Changes whenever the document would change: `search verify` compares it with the database."""
    organisation = offering.organisation
    units = ",".join(sorted(str(ou.unit_id) for ou in offering.learning_units))
    return f"{offering.version}:{organisation.name}:{organisation.status}:{units}"


def _tags(offering: Offering) -> str:
    terms = [find_term(OFFERING_TYPE, offering.offering_type)] + [
        find_term(TARGET_GROUP, code) for code in offering.target_group_codes
    ]
    return " ".join(" ".join(term.names) for term in terms if term)


def _places(offering: Offering) -> str:
    names = [offering.post_office]
    for code in offering.municipality_codes:
        municipality = find_municipality(code)
        if municipality:
            names += [municipality.name_fi, municipality.name_sv, municipality.region_fi]
    return " ".join(dict.fromkeys(name for name in names if name))


def _translations(offering: Offering, own_language: str) -> dict:
    """The provider's versions in other languages, each in its language's fields (and so with its stemmer)."""
    fields = {}
    for translation in offering.translations:
        if translation.language in LANGUAGES and translation.language != own_language:
            body = "\n".join(part for part in (translation.description, translation.plain_language_summary) if part)
            fields.update({f"title_{translation.language}": translation.title,
                           f"summary_{translation.language}": translation.summary,
                           f"body_{translation.language}": body})
    return fields


EVENING = "evening"


def _open_on(offering: Offering) -> str:
    rules = offering.weekly_hours
    evening = [EVENING] if hours.open_in_evening(rules) else []
    return ",".join([day.lower() for day in hours.open_days(rules)] + evening)


def document(offering: Offering) -> dict:
    language = offering.content_language if offering.content_language in LANGUAGES else "fi"
    body = "\n".join(part for part in (offering.description, offering.plain_language_summary,
                                       offering.eligibility, offering.schedule) if part)
    open_places = UNLIMITED_PLACES if offering.open_places is None else offering.open_places
    boost = 1.0 + (0.05 if open_places > 0 else 0.0) + (0.05 if utcnow() - offering.confirmed_at < FRESH_FOR else 0.0)
    fields = {
        "id": str(offering.uuid),
        "stamp": stamp(offering),
        "organisation_id": str(offering.organisation.uuid),
        "type": offering.offering_type,
        "groups": ",".join(offering.target_group_codes),
        "municipalities": ",".join(offering.municipality_codes),
        "languages": ",".join(offering.language_codes),
        "mode": offering.delivery_mode.value,
        "qualifications": ",".join(sorted({ou.unit.qualification.key for ou in offering.learning_units})),
        "units": ",".join(sorted({ou.unit.code for ou in offering.learning_units if ou.unit.code})),
        "open": open_places,
        "confirmed": offering.confirmed_at.replace(tzinfo=None),
        "ends": offering.funding_ends_on.toordinal() if offering.funding_ends_on else 0,
        "open_on": _open_on(offering),
        "access": ",".join(offering.features_present()),
        "min_age": offering.min_age or 0,
        "max_age": NO_MAX_AGE if offering.max_age is None else offering.max_age,
        f"title_{language}": offering.title,
        f"summary_{language}": offering.summary,
        f"body_{language}": body,
        **_translations(offering, language),
        "tags": _tags(offering),
        "places": _places(offering),
        "organisation": offering.organisation.name,
        "words": " ".join((offering.title, offering.summary, _tags(offering))),
        "_boost": boost,
    }
    return fields
