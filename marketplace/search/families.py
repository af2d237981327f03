"""Word families: the words a coach means by one word (kuntoutus ~ kuntouttava ~ kuntoutuja), searched for
with a lower weight than the word itself.

The shipped, reviewed families are search/word_families.json; coordinators add their own, change the shipped
ones or switch them off (WordFamily rows). A change applies to the next search in every worker and host, with
no reindex: the families are read from the database whenever its rows have changed.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from threading import Lock

from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.accounts.permissions import can_moderate
from marketplace.errors import InvalidInput, NotFound, NotPermitted
from marketplace.extensions import db
from marketplace.search.analysis import FinnishLemmaFilter
from marketplace.search.models import WordFamily

MAX_WORDS = 12
_WORD = re.compile(r"\w+")
_finnish = FinnishLemmaFilter()
_lock = Lock()
_loaded: tuple[tuple, dict[str, tuple[str, ...]]] | None = None  # (version, lemma -> family members)


@dataclass(frozen=True)
class Family:
    words: tuple[str, ...]
    shipped_key: str | None = None  # a shipped family's key (changed by a coordinator when `changed`)
    id: int | None = None  # the coordinator's row, if any
    active: bool = True
    changed: bool = False


@cache
def shipped() -> tuple[Family, ...]:
    data = json.loads(files(__package__).joinpath("word_families.json").read_text("utf-8"))
    return tuple(Family(tuple(item["words"]), item["key"]) for item in data["families"])


def all_families() -> list[Family]:
    """The shipped families as coordinators left them, then theirs."""
    rows = {row.shipped_key: row for row in db.session.scalars(select(WordFamily).order_by(WordFamily.id))}
    found = []
    for family in shipped():
        row = rows.pop(family.shipped_key, None)
        found.append(family if row is None else Family(_members(row.words), family.shipped_key, row.id, row.active,
                                                       changed=True))
    found += [Family(_members(row.words), None, row.id, row.active) for row in rows.values()]
    return found


def _members(text: str) -> tuple[str, ...]:
    return tuple(word for word in text.split(",") if word)


def _lemmas(word: str) -> set[str]:
    return {word, *_finnish.lemmas(word)}


def _version() -> tuple:
    return tuple(db.session.execute(select(func.count(WordFamily.id), func.max(WordFamily.updated_at))).one())


def current() -> "Families":
    """The families in use now: read again only when coordinators have changed them (any worker, any host)."""
    global _loaded
    version = _version()
    with _lock:
        loaded = _loaded
    if loaded is None or loaded[0] != version:
        index: dict[str, tuple[str, ...]] = {}
        for family in all_families():
            if family.active:
                for member in family.words:
                    for lemma in _lemmas(member):
                        index[lemma] = tuple(dict.fromkeys((*index.get(lemma, ()), *family.words)))
        loaded = (version, index)
        with _lock:
            _loaded = loaded
    return Families(loaded[1])


@dataclass(frozen=True)
class Families:
    by_lemma: dict[str, tuple[str, ...]]

    def related_words(self, word: str) -> tuple[str, ...]:
        """The other members of the families a query word belongs to (by its lemmas, or as written)."""
        own = _lemmas(word)
        related = (member for lemma in own for member in self.by_lemma.get(lemma, ()))
        return tuple(member for member in dict.fromkeys(related) if not _lemmas(member) & own)


def parse_words(text: str) -> str:
    """Members as typed (commas, spaces or lines between them) to stored form; 422 unless 2–12 single words."""
    words = list(dict.fromkeys(word.lower() for word in _WORD.findall(text or "")))
    if len(words) < 2:
        raise InvalidInput(_("Anna vähintään kaksi sanaa, jotka tarkoittavat haussa samaa."), "words")
    if len(words) > MAX_WORDS:
        raise InvalidInput(_("Enintään %(num)s sanaa yhdessä perheessä.", num=MAX_WORDS), "words")
    return ",".join(words)


def _check(actor) -> None:
    if not can_moderate(actor):
        raise NotPermitted(_("Vain alueen koordinaattori voi muuttaa haun sanaperheitä."))


def _row(actor, family_id: int | None, shipped_key: str | None) -> WordFamily:
    _check(actor)
    if family_id is not None:
        row = db.session.get(WordFamily, family_id)
        if row is None:
            raise NotFound(_("Sanaperhettä ei löytynyt."))
        return row
    if shipped_key is not None:
        if shipped_key not in {family.shipped_key for family in shipped()}:
            raise NotFound(_("Sanaperhettä ei löytynyt."))
        row = db.session.scalar(select(WordFamily).where(WordFamily.shipped_key == shipped_key))
        return row or WordFamily(shipped_key=shipped_key)
    return WordFamily()


def save_family(actor, words_text: str, family_id: int | None = None, shipped_key: str | None = None) -> WordFamily:
    """Add a family, or change one (a shipped one becomes the coordinators' version of it)."""
    _check(actor)
    words = parse_words(words_text)
    row = _row(actor, family_id, shipped_key)
    row.words, row.active, row.updated_by_id = words, True, actor.id
    db.session.add(row)
    db.session.commit()
    return row


def switch_family(actor, active: bool, family_id: int | None = None, shipped_key: str | None = None) -> None:
    """Switch a family off (or on again); a shipped one keeps its words."""
    _check(actor)
    if family_id is None and shipped_key is None:
        raise NotFound(_("Sanaperhettä ei löytynyt."))
    row = _row(actor, family_id, shipped_key)
    if row.id is None:
        row.words = ",".join(next(f.words for f in shipped() if f.shipped_key == shipped_key))
    row.active, row.updated_by_id = active, actor.id
    db.session.add(row)
    db.session.commit()


def restore_shipped(actor, shipped_key: str) -> None:
    """Forget the coordinators' version of a shipped family: it applies as shipped again."""
    row = _row(actor, None, shipped_key)
    if row.id is not None:
        db.session.delete(row)
        db.session.commit()
