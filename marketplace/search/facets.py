"""How a facet value reads on the results page: one lookup for every dimension, from the domains' own labels."""

from flask_babel import lazy_gettext as _l

from marketplace.catalog.labels import DELIVERY_LABELS, FEATURE_LABELS, OPEN_ON_LABELS
from marketplace.catalog.models import DeliveryMode
from marketplace.learning.service import qualification_name, unit_name
from marketplace.reference import OFFERING_TYPE, TARGET_GROUP, language_name, municipality_name, term_name

_LABELS = {
    "type": lambda code: term_name(OFFERING_TYPE, code),
    "groups": lambda code: term_name(TARGET_GROUP, code),
    "municipalities": municipality_name,
    "languages": language_name,
    "mode": lambda value: str(DELIVERY_LABELS[DeliveryMode(value)]) if value in set(DeliveryMode) else value,
    "qualifications": lambda key: qualification_name(key) or key,
    "units": lambda code: unit_name(code) or code,
    "open_on": lambda value: str(OPEN_ON_LABELS.get(value.upper(), value)),
    "access": lambda name: str(FEATURE_LABELS.get(name, name)),
}


FACET_TITLES = {
    "type": _l("Palvelun tyyppi"),
    "municipalities": _l("Kunta"),
    "groups": _l("Kohderyhmä"),
    "languages": _l("Kieli"),
    "mode": _l("Toteutustapa"),
    "qualifications": _l("Opinnollistaminen: tutkinto"),
    "units": _l("Tutkinnon osa"),
    "open_on": _l("Avoinna"),
    "access": _l("Saavutettavuus"),
}


def facet_label(dimension: str, value: str) -> str:
    return _LABELS[dimension](value)
