"""A wizard's commit is one transaction: a refusal part-way leaves nothing of it saved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from engager_desktop.services.commit_problems import CommitFailed
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.services.release_commit import commit_release
from engager_desktop.store.orm import Appointment, AuditEvent, ReleasePlan
from engager_desktop.store.vault import Vault


def _counts(vault: Vault) -> tuple[int, int, int]:
    with vault.read() as session:
        return (
            session.scalar(select(func.count()).select_from(ReleasePlan)) or 0,
            session.scalar(select(func.count()).select_from(Appointment)) or 0,
            session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        )


def test_release_commit_all_or_nothing(vault: Vault) -> None:
    man = create_participant(
        vault,
        ParticipantForm(
            given_name="Dai",
            family_name="Wŷn",
            preferred_name="Dai",
            expected_release=date(2026, 12, 20),
        ),
    ).id
    before = _counts(vault)
    values = {
        "release_date": "20/12/2026",
        "going_to": "A hostel in Ormsworth",
        "new_appointments": [
            {"with_whom": "Probation", "on": "21/12/2026", "at": "10:00", "location": "Office"},
            {"with_whom": "", "on": "22/12/2026", "at": "11:00"},  # refused: with whom?
        ],
    }
    with pytest.raises(CommitFailed) as failed:
        commit_release(vault, man, values)
    assert _counts(vault) == before  # neither the plan nor the first appointment was kept
    assert "id" not in failed.value.values["new_appointments"][0]
    values["new_appointments"][1]["with_whom"] = "Doctor (GP)"
    saved = commit_release(
        vault, man, failed.value.values | {"new_appointments": values["new_appointments"]}
    )
    plans, appointments, _ = _counts(vault)
    assert (plans, appointments) == (before[0] + 1, before[1] + 2)
    assert all(item.get("id") for item in saved["new_appointments"])
