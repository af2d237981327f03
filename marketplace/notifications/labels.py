"""Finnish names of the kinds of event and of the ways to hear about them."""

from flask_babel import lazy_gettext as _l

from marketplace.notifications.models import Delivery, NotificationKind

KIND_LABELS = {
    NotificationKind.NEW_REFERRAL: _l("Uusi ohjaus organisaatiosi palveluun"),
    NotificationKind.REFERRAL_UPDATE: _l("Vastaus tai muu muutos ohjauksessa"),
    NotificationKind.MESSAGE: _l("Uusi viesti ohjauksessa"),
    NotificationKind.OVERDUE: _l("Ohjaus odottaa vastausta yli määräajan"),
    NotificationKind.LEARNING: _l("Osaamisen kirjaus ja oppilaitoksen päätös"),
    NotificationKind.STALE_OFFERING: _l("Palvelun tiedot pitää tarkistaa"),
    NotificationKind.SAVED_SEARCH: _l("Tallennetun haun uudet osumat"),
}

DELIVERY_LABELS = {
    Delivery.IMMEDIATE: _l("Heti"),
    Delivery.DIGEST: _l("Päivän koosteessa"),
    Delivery.OFF: _l("Ei sähköpostia"),
}
