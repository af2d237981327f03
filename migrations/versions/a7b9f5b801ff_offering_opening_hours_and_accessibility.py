"""offering opening hours and accessibility

Revision ID: a7b9f5b801ff
Revises: f680e65eae5a
Create Date: 2026-12-03 22:21:41.486178

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a7b9f5b801ff'
down_revision = 'f680e65eae5a'
branch_labels = None
depends_on = None

FEATURES = ('step_free_access', 'accessible_toilet', 'induction_loop', 'public_transport')
TEXTS = ('accessibility_notes', 'opening_hours', 'closures')


def upgrade():
    with op.batch_alter_table('offering', schema=None) as batch_op:
        for name in FEATURES:
            batch_op.add_column(sa.Column(name, sa.Enum('yes', 'no', 'unknown', name=name, native_enum=False,
                                                        create_constraint=True, length=7),
                                          nullable=False, server_default='unknown'))
        for name in TEXTS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('offering', schema=None) as batch_op:
        for name in (*FEATURES, *TEXTS):
            batch_op.alter_column(name, server_default=None)


def downgrade():
    with op.batch_alter_table('offering', schema=None) as batch_op:
        for name in reversed(TEXTS):
            batch_op.drop_column(name)
        for name in reversed(FEATURES):
            batch_op.drop_constraint(batch_op.f(f'ck_offering_{name}'), type_='check')
            batch_op.drop_column(name)
