"""The consent a coach records before sharing a jobseeker's details. Versioned: a referral stores the version shown.

Never change a published text; add a new version and make it CURRENT_CONSENT_VERSION.
"""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from marketplace.i18n import LANGUAGES

CONSENT_TEXTS = {
    "2026-11": _l(
        "Asiakas on antanut suostumuksensa siihen, että hänen nimensä, yhteystietonsa, toivomansa asiointikieli "
        "sekä ohjauksen tavoite ja taustatiedot annetaan tämän palvelun järjestäjälle palveluun ohjaamista "
        "varten. Palveluntuottaja saa myös kirjata ja jakaa palvelun aikana osoitetun osaamisen "
        "oppilaitokselle tunnustamista varten. Asiakas voi perua suostumuksensa milloin tahansa; silloin "
        "tiedot poistetaan. Tiedot poistetaan joka tapauksessa, kun ohjauksen päättymisestä on kulunut "
        "säilytysaika."
    ),
}
CURRENT_CONSENT_VERSION = "2026-11"


def consent_text(version: str | None = CURRENT_CONSENT_VERSION) -> str:
    """The text of a consent version; the current one for a version that does not exist (a tampered form)."""
    return str(CONSENT_TEXTS.get(version or "", CONSENT_TEXTS[CURRENT_CONSENT_VERSION]))


def consent_translations(version: str | None = CURRENT_CONSENT_VERSION) -> dict[str, str]:
    """The text in each language of the site, for the coach to read to a jobseeker in theirs."""
    texts = {}
    for code in LANGUAGES:
        with force_locale(code):
            texts[code] = consent_text(version)
    return texts
