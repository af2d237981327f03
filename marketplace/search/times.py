"""Words of opening times in a query ("avoinna perjantaisin", "iltaisin") read as the open_on filter.

A coach types "kuntouttava työtoiminta iltaisin": no offering's text says "iltaisin", but its hours do. The
words are taken out of the text and become filters, which the page shows as removable chips.
"""

_DAYS = {
    "mo": ("maanantaisin", "maanantaina", "maanantai", "måndagar", "måndag", "mondays", "monday"),
    "tu": ("tiistaisin", "tiistaina", "tiistai", "tisdagar", "tisdag", "tuesdays", "tuesday"),
    "we": ("keskiviikkoisin", "keskiviikkona", "keskiviikko", "onsdagar", "onsdag", "wednesdays", "wednesday"),
    "th": ("torstaisin", "torstaina", "torstai", "torsdagar", "torsdag", "thursdays", "thursday"),
    "fr": ("perjantaisin", "perjantaina", "perjantai", "fredagar", "fredag", "fridays", "friday"),
    "sa": ("lauantaisin", "lauantaina", "lauantai", "lördagar", "lördag", "saturdays", "saturday"),
    "su": ("sunnuntaisin", "sunnuntaina", "sunnuntai", "söndagar", "söndag", "sundays", "sunday"),
    "evening": ("iltaisin", "illalla", "illoin", "kvällar", "kvällstid", "kvällen", "evenings",
                "evening"),
}
WORDS = {word: value for value, words in _DAYS.items() for word in words}
OPEN_WORDS = frozenset({"avoinna", "auki", "öppet", "öppen", "open"})  # dropped with a time word, meaningless alone


def split_times(words: list[str]) -> tuple[list[str], list[str]]:
    """(open_on values, the other words) of a query's words (lower case)."""
    values = list(dict.fromkeys(WORDS[word] for word in words if word in WORDS))
    if not values:
        return [], words
    return values, [word for word in words if word not in WORDS and word not in OPEN_WORDS]
