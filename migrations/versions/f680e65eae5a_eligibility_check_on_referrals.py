"""eligibility check on referrals

Revision ID: f680e65eae5a
Revises: 9a44154eb3da
Create Date: 2026-12-03 17:39:03.602627

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f680e65eae5a'
down_revision = '9a44154eb3da'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('jobseeker_age', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('home_municipality', sa.String(length=3), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('jobseeker_target_groups', sa.String(length=400), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('eligibility_fit', sa.Enum('fits', 'does_not_fit', 'check', name='fit',
                                                                 native_enum=False, create_constraint=True,
                                                                 length=12), nullable=True))
        batch_op.add_column(sa.Column('fit_reason', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('referral', schema=None) as batch_op:
        for column in ('home_municipality', 'jobseeker_target_groups', 'fit_reason'):
            batch_op.alter_column(column, server_default=None)


def downgrade():
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_column('fit_reason')
        batch_op.drop_constraint(batch_op.f('ck_referral_fit'), type_='check')
        batch_op.drop_column('eligibility_fit')
        batch_op.drop_column('jobseeker_target_groups')
        batch_op.drop_column('home_municipality')
        batch_op.drop_column('jobseeker_age')
