"""The notification settings form: one choice per kind of event."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from marketplace.notifications.labels import DELIVERY_LABELS, KIND_LABELS
from marketplace.notifications.models import Delivery, NotificationKind


class NotificationSettingsForm(FlaskForm):
    """A radio group per kind, named by the kind's value; only the kinds the user can receive are kept."""

    def __init__(self, kinds: tuple[NotificationKind, ...], **kwargs):
        super().__init__(**kwargs)
        self.kinds = kinds
        for kind in NotificationKind:
            if kind not in kinds:
                del self[kind.value]

    def choices(self) -> dict[NotificationKind, Delivery]:
        return {kind: Delivery(self[kind.value].data) for kind in self.kinds}


for _kind in NotificationKind:
    setattr(NotificationSettingsForm, _kind.value, RadioField(
        KIND_LABELS[_kind],
        choices=[SelectChoice(delivery.value, label) for delivery, label in DELIVERY_LABELS.items()],
        validators=[InputRequired(_l("Valitse, miten haluat kuulla tästä."))],
        default=Delivery.IMMEDIATE.value,
    ))
