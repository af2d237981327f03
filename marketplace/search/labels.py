"""Finnish names of the search domain's choices."""

from flask_babel import lazy_gettext as _l

from marketplace.search.models import AlertFrequency

FREQUENCY_LABELS = {
    AlertFrequency.IMMEDIATELY: _l("Heti"),
    AlertFrequency.WEEKLY: _l("Viikoittain"),
    AlertFrequency.OFF: _l("Ei sähköpostia"),
}
