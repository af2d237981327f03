"""the jobseeker's status page and messages

Revision ID: be0126f50216
Revises: 0866f5dbe340
Create Date: 2026-12-03 13:11:36.525672

"""
import secrets

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'be0126f50216'
down_revision = '0866f5dbe340'
branch_labels = None
depends_on = None


OLD_KINDS = ('created', 'transition', 'message', 'reminder', 'erased', 'learning')
NEW_KINDS = OLD_KINDS + ('jobseeker_notified', 'jobseeker')


def _kinds(kinds):
    return "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


def upgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status_token', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('jobseeker_channels', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('consent_withdrawn_at', sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_referral_status_token'), ['status_token'])
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.alter_column('jobseeker_channels', server_default=None)
    # Referrals sent before this still get a status page the coach can print (until erased).
    connection = op.get_bind()
    ids = connection.execute(sa.text("SELECT id FROM referral WHERE personal_data_erased_at IS NULL")).scalars().all()
    for referral_id in ids:
        connection.execute(sa.text("UPDATE referral SET status_token = :token WHERE id = :id"),
                           {"token": secrets.token_urlsafe(16), "id": referral_id})

    # The timeline's kinds: a wider column and a CHECK that admits the two new ones.
    with op.batch_alter_table('referral_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_referral_event_eventkind'), type_='check')
        batch_op.alter_column('kind', existing_type=sa.VARCHAR(length=10), type_=sa.String(length=18),
                              existing_nullable=False)
        batch_op.create_check_constraint('eventkind', _kinds(NEW_KINDS))


def downgrade():
    op.execute("DELETE FROM referral_event WHERE kind IN ('jobseeker_notified', 'jobseeker')")
    with op.batch_alter_table('referral_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_referral_event_eventkind'), type_='check')
        batch_op.alter_column('kind', existing_type=sa.String(length=18), type_=sa.VARCHAR(length=10),
                              existing_nullable=False)
        batch_op.create_check_constraint('eventkind', _kinds(OLD_KINDS))

    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_referral_status_token'), type_='unique')
        batch_op.drop_column('consent_withdrawn_at')
        batch_op.drop_column('jobseeker_channels')
        batch_op.drop_column('status_token')
