"""What the index tells the rest of search, which reacts without the indexer knowing it (blinker)."""

from blinker import Namespace

_signals = Namespace()

# sender: a Whoosh searcher of a generation just written and not yet live; `folder`: the generation's directory.
# A receiver may write files there: they are swapped in with the index.
generation_built = _signals.signal("generation-built")
