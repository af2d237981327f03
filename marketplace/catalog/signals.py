"""What the catalogue tells other domains, which react without the catalogue knowing them (blinker).

Receivers run inside the sender's transaction: what they change is committed, or rolled back, with it.
"""

from blinker import Namespace

_signals = Namespace()

# sender: the Offering whose open places just grew (a referral ended, or the provider added places);
# `by`: the User who freed them, or None for the system
places_freed = _signals.signal("places-freed")
