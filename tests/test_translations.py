"""Every string a user can see exists in Swedish and English: marked in code and templates, translated, not fuzzy."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2 import Environment

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}  # as in the Makefile
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|\{\w*\}")
WORD = re.compile(r"[A-Za-zÅÄÖåäö]{2,}")
SAME_IN_EVERY_LANGUAGE = {"Kumppanitori", "Kumppani", "tori"}  # the product's name, and its two halves in the logo


@pytest.fixture(scope="module")
def marked() -> dict[str, tuple]:
    """msgid → (msgid, plural or None, where), extracted from the sources now, not from a file that may be old."""
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS):
        singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        if singular:
            found.setdefault(singular, (singular, plural, f"{filename}:{lineno}"))
    return found


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_marked_string_has_a_translation_that_is_not_fuzzy(marked, language):
    with open(ROOT / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    missing, fuzzy, broken = [], [], []
    for msgid, (_singular, plural, where) in marked.items():
        message = catalogue.get(msgid)
        texts = [] if message is None else list(message.string) if plural else [message.string]
        if not texts or not all(texts):
            missing.append(f"{where}: {msgid}")
        elif message.fuzzy:
            fuzzy.append(f"{where}: {msgid}")
        elif not all(_same_placeholders(msgid, plural, text) for text in texts):
            broken.append(f"{where}: {msgid} → {texts}")
    assert missing == [], f"{len(missing)} strings lack a {language} translation (make i18n-update, then translate)"
    assert fuzzy == [], f"{len(fuzzy)} {language} translations are fuzzy: check them and remove the flag"
    assert broken == [], f"{language} translations whose placeholders differ from the Finnish"


def _same_placeholders(msgid: str, plural: str | None, text: str) -> bool:
    """The translation fills in what the Finnish does; a plural's singular may leave out the count ("one place")."""
    expected = set(PLACEHOLDER.findall(msgid)) | set(PLACEHOLDER.findall(plural or ""))
    used = set(PLACEHOLDER.findall(text))
    return used <= expected and expected - used <= ({"%(num)s"} if plural else set())


class _VisibleText(HTMLParser):
    """Text nodes and attributes a person reads or hears, outside code samples and scripts."""

    READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
    NOT_PROSE = {"script", "style", "code", "pre"}
    ATTRIBUTE = re.compile(r'\b[\w-]+="[^"<>]*"')  # a macro that writes attributes, outside any tag

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._inside = 0

    def handle_starttag(self, tag, attrs):
        self._inside += tag in self.NOT_PROSE
        self.found += [(self.getpos()[0], f'{name}="{value}"') for name, value in attrs
                       if name in self.READ_ATTRIBUTES and value and WORD.search(value)]

    def handle_endtag(self, tag):
        self._inside -= tag in self.NOT_PROSE

    def handle_data(self, data):
        data = self.ATTRIBUTE.sub(" ", data)
        if not self._inside and WORD.search(data):
            self.found.append((self.getpos()[0], data.strip()))


def _literal_text(source: str) -> str:
    """The template with every {{ expression }} and {% tag %} replaced by a space: what no gettext call covers."""
    parts = []
    for _lineno, kind, value in Environment(extensions=["jinja2.ext.i18n"]).lex(source):
        parts.append(value if kind == "data" else " " if kind in ("variable_begin", "block_begin") else "")
    return "".join(parts)


def unmarked_text(path: Path) -> list[str]:
    """"line: text" for each piece of words in a template that no gettext call covers."""
    text = _literal_text(path.read_text())
    if path.suffix == ".txt":  # an email: every line with words
        found = [(number, line.strip()) for number, line in enumerate(text.split("\n"), 1) if WORD.search(line)]
    else:
        parser = _VisibleText()
        parser.feed(text)
        found = parser.found
    return [f"{line}: {words}" for line, words in found if set(WORD.findall(words)) - SAME_IN_EVERY_LANGUAGE]


def test_templates_have_no_text_outside_gettext():
    unmarked = [f"{path.relative_to(ROOT)}:{line}" for path in sorted((ROOT / "templates").rglob("*"))
                if path.suffix in (".html", ".txt") for line in unmarked_text(path)]
    assert unmarked == [], "wrap these in _() or ngettext() so they can be translated"


def test_the_check_finds_unmarked_text_in_a_page_an_attribute_and_an_email(tmp_path):
    page, email = tmp_path / "page.html", tmp_path / "mail.txt"
    page.write_text('<p>{{ _("Hei") }} maailma</p>\n<input placeholder="Hae palveluja"><code>GET /api</code>')
    email.write_text("{{ _('Hei,') }}\n\nTervetuloa {{ name }}\n{{ link }}\n")
    assert unmarked_text(page) == ["1: maailma", '2: placeholder="Hae palveluja"']
    assert unmarked_text(email) == ["3: Tervetuloa"]
