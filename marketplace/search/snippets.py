"""Snippets of a result: the parts of its text where the query's words appear, each matching word marked.

A word matches when one of the index terms it becomes (any inflected form, a compound's parts) is among the
terms the query matched. Each distinct word is analysed once per process and remembered, so a page of
snippets costs a scan of its texts with a regular expression, never a re-analysis of whole documents.
"""

import re
from functools import lru_cache

from markupsafe import Markup, escape

from marketplace.search.analysis import LANGUAGES, terms_of

SURROUND = 60  # characters of context on each side of the first and the last matching word of a fragment
MAX_CHARS = 200  # the longest a fragment grows to take in more matching words
BETWEEN = " … "
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=50_000)
def word_terms(word: str, language: str) -> frozenset[str]:
    """The index terms one lowercase word becomes."""
    return frozenset(terms_of(word, language))


def snippet(text: str, terms: frozenset, language: str = "fi", top: int = 2) -> Markup:
    """Up to `top` fragments of `text`, those with the most different matching terms, in the text's order."""
    if not text or not terms:
        return Markup("")
    language = language if language in LANGUAGES else "fi"
    hits = [(word.start(), word.end(), found) for word in _WORD.finditer(text)
            if (found := word_terms(word.group().lower(), language) & terms)]
    groups: list[list[tuple]] = []
    for hit in hits:
        if groups and hit[1] - groups[-1][0][0] <= MAX_CHARS - 2 * SURROUND:
            groups[-1].append(hit)
        else:
            groups.append([hit])
    best = sorted(groups, key=lambda group: -len(frozenset().union(*(found for _, _, found in group))))[:top]
    return Markup(BETWEEN).join(_fragment(text, group) for group in sorted(best))


def _fragment(text: str, hits: list[tuple]) -> Markup:
    """The hits with their context, cut at spaces (never inside a word), matching words in <mark>."""
    first, last = hits[0][0], hits[-1][1]
    start = max(0, first - SURROUND)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else first
    end = min(len(text), last + SURROUND)
    if end < len(text):
        space = text.rfind(" ", last, end)
        end = space if space != -1 else last
    parts, at = [], start
    for hit_start, hit_end, _ in hits:
        parts += [escape(text[at:hit_start]), Markup("<mark>%s</mark>") % text[hit_start:hit_end]]
        at = hit_end
    parts.append(escape(text[at:end]))
    return Markup("").join(parts)
