"""The plan, meetings, release and ending parts of one man's record, as read-only rows.

``caseload.load_man`` puts these beside the views of his details, consent and understanding.
Each row is a read-only mapping of the record's column values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import Table, literal_column, select
from sqlalchemy.orm import Session

from engager_desktop.services.records import not_deleted
from engager_desktop.store.orm import (
    Appointment,
    ContactLog,
    EndingPlan,
    Goal,
    Meeting,
    ReleasePlan,
    Step,
    StepReview,
    SupportPerson,
    Synced,
)

Row = Mapping[str, Any]


@dataclass(frozen=True)
class PlanRows:
    """Everything of his that another part of the services layer shapes, as plain rows."""

    goals: tuple[Row, ...]  # oldest first
    steps: tuple[Row, ...]
    step_reviews: tuple[Row, ...]
    meetings: tuple[Row, ...]  # by start time
    contact_logs: tuple[Row, ...]
    appointments: tuple[Row, ...]
    support_people: tuple[Row, ...]
    release_plan: Row | None
    ending_plan: Row | None


# (model, ordering column name) read for every man.
_LISTS: tuple[tuple[str, type[Synced], str], ...] = (
    ("goals", Goal, "set_on"),
    ("steps", Step, "created_at"),
    ("step_reviews", StepReview, "created_at"),
    ("meetings", Meeting, "starts_at"),
    ("contact_logs", ContactLog, "at"),
    ("appointments", Appointment, "starts_at"),
    ("support_people", SupportPerson, "created_at"),
)


def _table(model: type[Synced]) -> Table:
    table = model.__dict__["__table__"]
    assert isinstance(table, Table)
    return table


def _rows(session: Session, model: type[Synced], man_id: str, order: str) -> tuple[Row, ...]:
    table = _table(model)
    query = (
        select(table)
        .where(table.c.participant_id == man_id, not_deleted(table.c.deleted))
        .order_by(table.c[order], literal_column(f"{table.name}.rowid"))
    )
    return tuple(MappingProxyType(dict(row._mapping)) for row in session.execute(query))


def _latest(session: Session, model: type[Synced], man_id: str) -> Row | None:
    table = _table(model)
    query = (
        select(table)
        .where(table.c.participant_id == man_id, not_deleted(table.c.deleted))
        .order_by(table.c.updated_at.desc())
        .limit(1)
    )
    row = session.execute(query).first()
    return MappingProxyType(dict(row._mapping)) if row else None


def read_plan_rows(session: Session, man_id: str) -> PlanRows:
    lists = {name: _rows(session, model, man_id, order) for name, model, order in _LISTS}
    return PlanRows(
        **lists,
        release_plan=_latest(session, ReleasePlan, man_id),
        ending_plan=_latest(session, EndingPlan, man_id),
    )
