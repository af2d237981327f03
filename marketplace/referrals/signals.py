"""What referrals tell other domains, which react without referrals knowing them (blinker, as Flask ships it).

Receivers run inside the sender's transaction: what they change is committed, or rolled back, with it.
"""

from blinker import Namespace

_signals = Namespace()

# sender: the Referral whose jobseeker's details are about to be erased (consent withdrawn, or retention over)
referral_erased = _signals.signal("referral-erased")
