"""Reference data shipped with the app: the 309 municipalities of Finland."""

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Municipality:
    code: str
    name_fi: str
    name_sv: str
    region_fi: str

    @property
    def label(self) -> str:
        """The Finnish name, with the Swedish one where it differs ("Raasepori – Raseborg")."""
        if self.name_sv == self.name_fi:
            return self.name_fi
        return f"{self.name_fi} – {self.name_sv}"


@cache
def municipalities() -> tuple[Municipality, ...]:
    """All municipalities in Finnish alphabetical order."""
    data = json.loads(files(__package__).joinpath("municipalities.json").read_text("utf-8"))
    return tuple(Municipality(**item) for item in data)


_ADMINISTRATIVE_SUFFIXES = (" kunta", " kaupunki", " stad", " kommun")


@cache
def _by_key() -> dict[str, Municipality]:
    index: dict[str, Municipality] = {}
    for municipality in municipalities():
        index[municipality.code] = municipality
        for name in (municipality.name_fi, municipality.name_sv, municipality.label):
            index[name.casefold()] = municipality
    return index


def find_municipality(text: str | None) -> Municipality | None:
    """Find a municipality by its code or its Finnish or Swedish name, ignoring case."""
    if not text:
        return None
    key = " ".join(text.split()).replace(" - ", " – ").casefold()
    for suffix in _ADMINISTRATIVE_SUFFIXES:  # "Pedersören kunta", "Salon kaupunki"
        if key.endswith(suffix):
            key = key.removesuffix(suffix)
            return _by_key().get(key) or _by_key().get(key.removesuffix("n"))
    return _by_key().get(key)


def municipality_name(code: str) -> str:
    municipality = _by_key().get(code)
    return municipality.name_fi if municipality else code
