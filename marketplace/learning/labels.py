"""Finnish names of learning records' states and of recognition decisions."""

from flask_babel import lazy_gettext as _l

from marketplace.learning.models import Decision, RecordStatus

DECISION_LABELS = {
    Decision.RECOGNISED: _l("Tunnustetaan"),
    Decision.PARTIAL: _l("Tunnustetaan osittain"),
    Decision.NOT_RECOGNISED: _l("Ei tunnusteta"),
}
STATUS_LABELS = {
    RecordStatus.DRAFT: _l("Luonnos"),
    RecordStatus.SUBMITTED: _l("Oppilaitoksen käsittelyssä"),
    RecordStatus.RETURNED: _l("Palautettu täydennettäväksi"),
    RecordStatus.CONFIRMED: _l("Vahvistettu"),
}
