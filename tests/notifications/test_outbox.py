import smtplib
from datetime import timedelta

import pytest

from marketplace.clock import utcnow
from marketplace.extensions import db
from marketplace.notifications import service
from marketplace.notifications.models import EmailStatus, OutboxSms
from marketplace.notifications.sms import SmsError, deliver_queued_sms, send_sms
from tests.helpers import link_in, outbox


class FakeSMTP:
    """Stands in for smtplib.SMTP: records what would have been sent, or fails on demand."""

    sent: list = []
    fail = False

    def __init__(self, host, port, timeout):
        self.host = host

    def __enter__(self):
        if FakeSMTP.fail:
            raise smtplib.SMTPConnectError(421, "palvelin ei vastaa")
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        FakeSMTP.sent.append(message)


@pytest.fixture
def smtp(app, monkeypatch):
    app.config["MAIL_SERVER"] = "smtp.example.fi"
    FakeSMTP.sent, FakeSMTP.fail = [], False
    monkeypatch.setattr(service.smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


def test_without_smtp_emails_stay_in_the_outbox(client, make_user):
    make_user(email="aino@example.fi")
    client.post("/password/forgot", data={"email": "aino@example.fi"})
    [email] = outbox()
    assert email.status is EmailStatus.QUEUED and email.recipient == "aino@example.fi"


def test_one_email_per_recipient_without_duplicates(app):
    with app.test_request_context():
        service.send_email(["a@example.fi", "b@example.fi", "a@example.fi"], "Aihe", "accounts/email/_signature.txt")
    assert [e.recipient for e in outbox()] == ["a@example.fi", "b@example.fi"]


def test_with_smtp_emails_are_sent_after_the_request(client, make_user, smtp):
    make_user(email="aino@example.fi")
    client.post("/password/forgot", data={"email": "aino@example.fi"})
    [message] = smtp.sent
    assert message["To"] == "aino@example.fi" and message["Subject"] == "Salasanan vaihtaminen"
    assert "https://kumppanitori.test/password/reset/" in message.get_content()
    [email] = outbox()
    assert email.status is EmailStatus.SENT and email.sent_at is not None


def test_failed_delivery_is_kept_and_retried_by_command(client, runner, make_user, smtp):
    make_user(email="aino@example.fi")
    smtp.fail = True
    # the user is not bothered
    assert client.post("/password/forgot", data={"email": "aino@example.fi"}).status_code == 302
    [email] = outbox()
    assert email.status is EmailStatus.FAILED and "palvelin ei vastaa" in email.error

    smtp.fail = False
    result = runner.invoke(args=["mail", "deliver"])
    assert result.exit_code == 0 and "Sent 1 emails." in result.output
    assert outbox()[0].status is EmailStatus.SENT and len(smtp.sent) == 1


def test_deliver_command_needs_smtp(runner):
    result = runner.invoke(args=["mail", "deliver"])
    assert result.exit_code == 1 and "MAIL_SERVER is not configured" in result.output


def test_outbox_page_exists_only_in_debug_mode_for_coordinators(app, client, login, make_user, make_org):
    coordinator = make_user(coordinator=True)
    member = make_user(org=make_org())
    login(coordinator)
    assert client.get("/dev/outbox").status_code == 404
    app.debug = True
    page = client.get("/dev/outbox")
    assert page.status_code == 200 and "Lähetetyt viestit" in page.get_data(as_text=True)
    client.post("/logout")
    login(member)
    assert client.get("/dev/outbox").status_code == 403


def test_outbox_page_shows_the_email_with_a_clickable_link(app, client, login, make_user):
    coordinator = make_user(email="k@example.fi", coordinator=True)
    client.post("/password/forgot", data={"email": "k@example.fi"})
    app.debug = True
    login(coordinator)
    link = link_in(outbox("k@example.fi")[0])
    page = client.get("/dev/outbox").get_data(as_text=True)
    assert "Salasanan vaihtaminen" in page and "https://kumppanitori.test/password/reset/…" in page
    assert link not in page and "Näytä linkit" in page  # masked: a shared screen shows nobody's key
    shown = client.get("/dev/outbox?links=show").get_data(as_text=True)
    assert f'<a href="https://kumppanitori.test{link}"' in shown


def test_email_links_come_from_the_configured_base_url_not_the_host_header(client, make_user):
    make_user(email="aino@example.fi")
    client.post("/password/forgot", data={"email": "aino@example.fi"}, headers={"Host": "evil.example"})
    assert "https://kumppanitori.test/password/reset/" in outbox()[0].body
    assert "evil.example" not in outbox()[0].body



def test_the_outbox_forgets_messages_after_its_retention(app):
    old = send_sms("+358401234567", "Vanha")
    send_sms("+358401234567", "Uusi")
    [old_email] = service.send_email("matti@example.fi", "Vanha", "notifications/email/digest.txt", items=[])
    db.session.commit()
    old.created_at = old_email.created_at = utcnow() - app.config["OUTBOX_RETENTION"] - timedelta(minutes=1)
    db.session.commit()
    assert service.purge_outbox() == 2
    assert [m.body for m in db.session.scalars(db.select(OutboxSms))] == ["Uusi"]
    assert not outbox("matti@example.fi")


class RecordingSms:
    """An SMS provider as SMS_BACKEND names one: sends, or fails like an unreachable gateway."""

    sent: list = []
    fail = False

    def send(self, phone: str, text: str) -> None:
        if RecordingSms.fail:
            raise SmsError("yhdyskäytävä ei vastaa")
        RecordingSms.sent.append((phone, text))


def test_a_configured_sms_backend_delivers_the_queue_and_retries_failures(app):
    app.config["SMS_BACKEND"] = f"{__name__}:RecordingSms"
    RecordingSms.sent, RecordingSms.fail = [], True
    message = send_sms("+358401234567", "Tervetuloa")
    db.session.commit()
    assert deliver_queued_sms() == 0
    assert message.status is EmailStatus.FAILED and "ei vastaa" in message.error
    RecordingSms.fail = False
    assert deliver_queued_sms() == 1
    assert RecordingSms.sent == [("+358401234567", "Tervetuloa")] and message.status is EmailStatus.SENT
    assert deliver_queued_sms() == 0  # sent once


def test_without_a_backend_text_messages_wait_at_the_outbox(app, client, login, make_user):
    send_sms("+358401234567", "Linkki: https://kumppanitori.test/status/salainen-avain")
    db.session.commit()
    assert deliver_queued_sms() == 0
    app.debug = True
    login(make_user(coordinator=True))
    page = client.get("/dev/outbox").get_data(as_text=True)
    assert "+358401234567" in page and "/status/…" in page and "salainen-avain" not in page
