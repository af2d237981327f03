"""The notification settings form: one choice per kind of event."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from marketplace.notifications.labels import DELIVERY_LABELS, KIND_LABELS
from marketplace.notifications.models import Delivery, NotificationKind


class NotificationSettingsForm(FlaskForm):
    """A radio group per kind the user can receive, named by the kind's value."""

    kinds: tuple[NotificationKind, ...] = ()

    def choices(self) -> dict[NotificationKind, Delivery]:
        return {kind: Delivery(self[kind.value].data) for kind in self.kinds}


def settings_form(kinds: tuple[NotificationKind, ...], **kwargs) -> NotificationSettingsForm:
    """The form for these kinds (a provider sees new referrals, a coach saved searches)."""
    fields = {kind.value: RadioField(
        KIND_LABELS[kind],
        choices=[SelectChoice(delivery.value, label) for delivery, label in DELIVERY_LABELS.items()],
        validators=[InputRequired(_l("Valitse, miten haluat kuulla tästä."))],
        default=Delivery.IMMEDIATE.value,
    ) for kind in kinds}
    form_class = type("NotificationSettingsForm", (NotificationSettingsForm,), {"kinds": kinds, **fields})
    return form_class(**kwargs)
