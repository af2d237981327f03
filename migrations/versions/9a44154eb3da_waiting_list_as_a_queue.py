"""waiting list as a queue

Revision ID: 9a44154eb3da
Revises: 23c0088ff301
Create Date: 2026-12-03 16:34:34.606887

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '9a44154eb3da'
down_revision = '23c0088ff301'
branch_labels = None
depends_on = None


OLD_STATUSES = ('sent', 'info_requested', 'accepted', 'started', 'completed', 'discontinued', 'declined', 'withdrawn')
NEW_STATUSES = ('sent', 'queued') + OLD_STATUSES[1:]
OLD_KINDS = ('created', 'transition', 'message', 'reminder', 'erased', 'learning', 'jobseeker_notified', 'jobseeker')
NEW_KINDS = OLD_KINDS + ('queue_moved',)


def _in(column, values):
    return f"{column} IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def _checks(statuses, kinds):
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_referral_referralstatus'), type_='check')
        batch_op.create_check_constraint('referralstatus', _in('status', statuses))
    with op.batch_alter_table('referral_event', schema=None) as batch_op:
        for column in ('from_status', 'to_status'):
            batch_op.drop_constraint(batch_op.f(f'ck_referral_event_event_{column}'), type_='check')
            batch_op.create_check_constraint(f'event_{column}', _in(column, statuses))
        batch_op.drop_constraint(batch_op.f('ck_referral_event_eventkind'), type_='check')
        batch_op.create_check_constraint('eventkind', _in('kind', kinds))


def upgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queued_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('queue_rank', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('queue_reminder_sent_at', sa.DateTime(), nullable=True))
    _checks(NEW_STATUSES, NEW_KINDS)
    # Referrals flagged "jonossa" and still unanswered join their offering's queue in the order they were sent.
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, sent_at FROM referral WHERE waiting_list AND status = 'sent' ORDER BY offering_id, sent_at, id"
    )).all()
    for rank, (referral_id, sent_at) in enumerate(rows, start=1):
        connection.execute(sa.text("UPDATE referral SET status = 'queued', queue_rank = :rank, queued_at = :at "
                                   "WHERE id = :id"), {"rank": rank, "at": sent_at, "id": referral_id})


def downgrade():
    op.execute("UPDATE referral SET status = 'sent' WHERE status = 'queued'")
    op.execute("UPDATE referral_event SET to_status = 'sent' WHERE to_status = 'queued'")
    op.execute("UPDATE referral_event SET from_status = 'sent' WHERE from_status = 'queued'")
    op.execute("DELETE FROM referral_event WHERE kind = 'queue_moved'")
    _checks(OLD_STATUSES, OLD_KINDS)
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_column('queue_reminder_sent_at')
        batch_op.drop_column('queue_rank')
        batch_op.drop_column('queued_at')
