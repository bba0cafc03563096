"""His preferred language for the papers he keeps (English or Welsh).

Revision ID: 0012
Revises: 0011

Bundle format 1.3 (sync/field_lists.py): ``participants.document_language``, a language code of
``i18n.LANGUAGES`` ("en", "cy"); empty reads as English. Printing for him uses it by default.
Values kept from newer laptops (``sync_passed_on``) move into the new column.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Copied from sync.passed_on.adopt_field_sql (a released migration must not change with it).
_ADOPT_FIELDS = (
    'UPDATE "participants" SET "document_language" = (SELECT json_extract(p.fields, '
    "'$.document_language') FROM sync_passed_on p WHERE p.table_name = 'participants' "
    'AND p.record_id = "participants".id) '
    "WHERE id IN (SELECT record_id FROM sync_passed_on WHERE table_name = 'participants' "
    "AND json_type(fields, '$.document_language') IS NOT NULL)",
    "UPDATE sync_passed_on SET fields = json_remove(fields, '$.document_language') "
    "WHERE table_name = 'participants'",
    "DELETE FROM sync_passed_on WHERE fields = '{}'",
)


def upgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_language", sa.String(length=8), nullable=True))
    for statement in _ADOPT_FIELDS:
        op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("document_language")
