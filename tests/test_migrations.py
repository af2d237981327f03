"""The committed migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import inspect

from marketplace import create_app
from marketplace.extensions import db


@pytest.fixture
def empty_app(app_config, tmp_path):
    """An app whose database has no tables at all (the migrations create them)."""
    app = create_app(app_config, instance_path=str(tmp_path / "instance"))
    with app.app_context():
        db.drop_all()
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        yield app
        db.session.remove()
        db.drop_all()
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.engine.dispose()


def test_migrations_match_the_models_and_downgrade_cleanly(empty_app):
    runner = empty_app.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert {"organisation", "user_account", "membership", "outbox_email"} <= set(inspect(db.engine).get_table_names())

    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output

    result = runner.invoke(args=["db", "downgrade", "base"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_the_upgrade_stores_typed_phone_numbers_in_international_form(empty_app):
    runner = empty_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", "f4cac690f3f1"]).exit_code == 0
    for n, phone in enumerate(["040 123 4567", "vaihde", ""]):
        db.session.execute(db.text(
            "INSERT INTO user_account (email, name, title, phone, password_hash, session_token, is_coordinator, active,"
            " created_at, password_changed_at) VALUES (:email, 'Nimi', '', :phone, 'x', :token, false, true,"
            " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"email": f"u{n}@example.fi", "phone": phone, "token": f"t{n}"})
    db.session.commit()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    phones = db.session.execute(db.text("SELECT phone FROM user_account ORDER BY email")).scalars().all()
    assert phones == ["+358401234567", "vaihde", ""]


def test_referrals_sent_before_the_status_page_get_one_unless_erased(app, runner, network, make_referral):
    from marketplace.referrals import service

    kept, erased = make_referral(), make_referral()
    service.erase_personal_data(erased, network.coach)
    kept_id, erased_id = kept.id, erased.id
    db.session.remove()
    for args in (["db", "stamp", "head"], ["db", "downgrade", "0866f5dbe340"], ["db", "upgrade"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    tokens = dict(db.session.execute(db.text("SELECT id, status_token FROM referral")).all())
    assert tokens[erased_id] is None and len(tokens[kept_id]) >= 20
