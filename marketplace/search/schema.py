"""The index schema: texts in one field set per language, facets as keywords, sort keys as columns."""

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from marketplace.search.analysis import LANGUAGES, analyzer

# BM25F field weights: title > summary > type and target-group names > description > places > organisation
TEXT_FIELDS = {"title": 4.0, "summary": 2.5, "tags": 2.0, "body": 1.0, "places": 1.2, "organisation": 0.8}
LANGUAGE_FIELDS = ("title", "summary", "body")  # written by the provider, in the offering's own language
SHARED_FIELDS = ("tags", "places", "organisation")  # taxonomy names (fi, sv, en), municipalities, organisation
NO_MAX_AGE = 999
META_ID = "__meta__"  # the one document that is no offering: the index's position in the change log


def build_schema() -> Schema:
    fields = {
        "id": ID(stored=True, unique=True),
        "stamp": STORED(),  # what the document was built from, for `search verify`
        "organisation_id": ID(stored=True),
        "type": ID(stored=True),
        "groups": KEYWORD(stored=True, commas=True),
        "municipalities": KEYWORD(stored=True, commas=True),
        "languages": KEYWORD(stored=True, commas=True),
        "mode": ID(stored=True),
        "qualifications": KEYWORD(stored=True, commas=True),  # keys of qualifications taught (opinnollistaminen)
        "units": KEYWORD(stored=True, commas=True),  # codes of qualification units taught
        "open_on": KEYWORD(commas=True),  # days open (mo…su) and "evening" when open after 17
        "access": KEYWORD(commas=True),  # accessibility features the premises have (step_free_access…)
        "open": NUMERIC(sortable=True, stored=True),  # open places; a large number when not limited
        "confirmed": DATETIME(sortable=True),
        "ends": NUMERIC(stored=True),  # funding end as a day ordinal; 0 when none
        "min_age": NUMERIC(),  # 0 when the offering sets no lower age limit
        "max_age": NUMERIC(),  # NO_MAX_AGE when it sets no upper one
        "last_seq": STORED(),  # on the meta document only
        # The words of titles, summaries and types as written, never searched: the vocabulary for
        # "Tarkoititko: …" suggestions (descriptions are left out to keep indexing fast).
        "words": TEXT(analyzer=RegexTokenizer(r"\w{3,}") | LowercaseFilter(), phrase=False, spelling=True),
    }
    for name in LANGUAGE_FIELDS:
        for language in LANGUAGES:
            fields[f"{name}_{language}"] = TEXT(analyzer=analyzer(language), field_boost=TEXT_FIELDS[name])
    for name in SHARED_FIELDS:
        fields[name] = TEXT(analyzer=analyzer("fi"), field_boost=TEXT_FIELDS[name])
    return Schema(**fields)
