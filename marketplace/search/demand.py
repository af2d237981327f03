"""Demand the network does not meet: searches that found nothing or only partial matches, counted per month.

Only a normalised form of the query is kept: words with a digit or an @ are dropped (so no henkilötunnus,
phone number or email address), no user and no time finer than the month. Reports show a query only once
enough searches share it.
"""

import re

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from marketplace.clock import today
from marketplace.extensions import db
from marketplace.search.models import DemandKind, SearchDemand

_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MAX_WORDS = 8
MAX_LENGTH = 100


def normalise_query(text: str) -> str:
    """Lower-case letter words of two letters or more, in order; "" when nothing is left."""
    kept = [word for word in (text or "").split() if "@" not in word and not any(c.isdigit() for c in word)]
    words = [word for word in _LETTERS.findall(" ".join(kept).lower()) if len(word) > 1]
    return " ".join(words[:MAX_WORDS])[:MAX_LENGTH].strip()


def record_unmet_search(text: str, total: int, full_matches: int, broadened: bool) -> None:
    """Count a search whose words were not all found together; two workers counting at once both count."""
    kind = DemandKind.NOTHING if total == 0 else DemandKind.PARTIAL if broadened and not full_matches else None
    query = normalise_query(text)
    if kind is None or not query:
        return
    month = today().replace(day=1)
    insert = postgresql_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    statement = insert(SearchDemand).values(month=month, kind=kind, query=query, count=1)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["month", "kind", "query"], set_={"count": SearchDemand.count + 1}))
    db.session.commit()


def unmet_searches(start, end, minimum: int, per_month: int = 20) -> list[tuple]:
    """(month, kind, query, count): each month's `per_month` most frequent from `start` to `end`, newest month
    first, each searched at least `minimum` times."""
    ranked = (
        select(SearchDemand.month, SearchDemand.kind, SearchDemand.query, SearchDemand.count,
               func.row_number().over(partition_by=SearchDemand.month,
                                      order_by=(SearchDemand.count.desc(), SearchDemand.query)).label("rank"))
        .where(SearchDemand.month >= start.replace(day=1), SearchDemand.month <= end,
               SearchDemand.count >= minimum)
        .subquery()
    )
    return db.session.execute(
        select(ranked.c.month, ranked.c.kind, ranked.c.query, ranked.c.count)
        .where(ranked.c.rank <= per_month)
        .order_by(ranked.c.month.desc(), ranked.c.count.desc(), ranked.c.query)
    ).all()
