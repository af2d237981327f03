"""The consent a coach records before sharing a jobseeker's details. Versioned: a referral stores the version shown.

Never change a published text; add a new version and make it CURRENT_CONSENT_VERSION. The texts are literal in
every language, not in the translation catalogues, so that editing a catalogue cannot change what a version said.
"""

from marketplace.i18n import DEFAULT, LANGUAGES, language

CONSENT_TEXTS = {
    "2026-11": {
        "fi": "Asiakas on antanut suostumuksensa siihen, että hänen nimensä, yhteystietonsa, toivomansa asiointikieli "
              "sekä ohjauksen tavoite ja taustatiedot annetaan tämän palvelun järjestäjälle palveluun ohjaamista "
              "varten. Palveluntuottaja saa myös kirjata ja jakaa palvelun aikana osoitetun osaamisen "
              "oppilaitokselle tunnustamista varten. Asiakas voi perua suostumuksensa milloin tahansa; silloin "
              "tiedot poistetaan. Tiedot poistetaan joka tapauksessa, kun ohjauksen päättymisestä on kulunut "
              "säilytysaika.",
        "sv": "Klienten har samtyckt till att hens namn, kontaktuppgifter, önskade kontaktspråk samt hänvisningens "
              "mål och bakgrundsuppgifter lämnas ut till anordnaren av den här tjänsten för hänvisning till "
              "tjänsten. Tjänsteproducenten får också registrera det kunnande som visats under tjänsten och dela "
              "det med en läroanstalt för erkännande. Klienten kan när som helst återkalla sitt samtycke; då "
              "raderas uppgifterna. Uppgifterna raderas i vilket fall som helst när lagringstiden har löpt ut "
              "efter att hänvisningen avslutades.",
        "en": "The client has consented to their name, contact details, preferred language, and the goal and "
              "background of the referral being given to the organiser of this service for the purpose of the "
              "referral. The service provider may also record the competence the client shows during the service "
              "and share it with an education provider for recognition. The client can withdraw their consent at "
              "any time; their information is then erased. In any case, the information is erased when the "
              "retention period after the end of the referral has passed.",
    },
    "2026-12": {
        "fi": "Asiakas on antanut suostumuksensa siihen, että hänen nimensä, yhteystietonsa, toivomansa asiointikieli "
              "sekä ohjauksen tavoite ja taustatiedot annetaan tämän palvelun järjestäjälle palveluun ohjaamista "
              "varten. Palveluntuottaja saa myös kirjata ja jakaa palvelun aikana osoitetun osaamisen "
              "oppilaitokselle tunnustamista varten. Asiakkaan sähköpostiosoitteeseen tai puhelinnumeroon voidaan "
              "lähettää vahvistus ohjauksesta ja tieto sen etenemisestä sekä linkki sivulle, jolta hän näkee "
              "ohjauksen tilan; yhteystietoja ei käytetä muuhun, ja jokainen viesti kirjataan ohjauksen "
              "tapahtumiin. Asiakas voi perua suostumuksensa milloin tahansa; silloin tiedot poistetaan. Tiedot "
              "poistetaan joka tapauksessa, kun ohjauksen päättymisestä on kulunut säilytysaika.",
        "sv": "Klienten har samtyckt till att hens namn, kontaktuppgifter, önskade kontaktspråk samt hänvisningens "
              "mål och bakgrundsuppgifter lämnas ut till anordnaren av den här tjänsten för hänvisning till "
              "tjänsten. Tjänsteproducenten får också registrera det kunnande som visats under tjänsten och dela "
              "det med en läroanstalt för erkännande. Till klientens e-postadress eller telefonnummer kan en "
              "bekräftelse på hänvisningen och besked om hur den framskrider skickas, med en länk till en sida där "
              "hen ser hänvisningens status; kontaktuppgifterna används inte till något annat, och varje "
              "meddelande registreras bland hänvisningens händelser. Klienten kan när som helst återkalla sitt "
              "samtycke; då raderas uppgifterna. Uppgifterna raderas i vilket fall som helst när lagringstiden har "
              "löpt ut efter att hänvisningen avslutades.",
        "en": "The client has consented to their name, contact details, preferred language, and the goal and "
              "background of the referral being given to the organiser of this service for the purpose of the "
              "referral. The service provider may also record the competence the client shows during the service "
              "and share it with an education provider for recognition. A confirmation of the referral, news of "
              "how it progresses and a link to a page showing its status may be sent to the client's email "
              "address or phone number; the contact details are used for nothing else, and every message is "
              "recorded among the referral's events. The client can withdraw their consent at any time; their "
              "information is then erased. In any case, the information is erased when the retention period "
              "after the end of the referral has passed.",
    },
}
CURRENT_CONSENT_VERSION = "2026-12"
# The versions under which the jobseeker agreed to be sent messages; referrals under older ones get none.
MESSAGE_CONSENT_VERSIONS = frozenset({"2026-12"})


def consent_translations(version: str | None = CURRENT_CONSENT_VERSION) -> dict[str, str]:
    """The version's text in each language of the site; the current one for a version that does not exist."""
    texts = CONSENT_TEXTS.get(version or "", CONSENT_TEXTS[CURRENT_CONSENT_VERSION])
    return {code: texts.get(code, texts[DEFAULT]) for code in LANGUAGES}


def consent_text(version: str | None = CURRENT_CONSENT_VERSION) -> str:
    """The text of a consent version in the language of the page (or email) being rendered."""
    return consent_translations(version)[language()]
