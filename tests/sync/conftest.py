"""Helpers for sync tests: "laptops" (real vaults, each with its own identity and clock). The
``make_laptop`` and ``pair`` fixtures are in tests/sync/laptop_fixtures.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import sync
from engager_desktop.store.orm import Goal, Participant, Step
from engager_desktop.store.vault import Vault
from engager_desktop.sync import canonical


@dataclass
class Laptop:
    name: str
    path: Path
    vault: Vault
    clock: FakeClock
    stick: Path

    @property
    def device_id(self) -> str:
        return self.vault.device_id

    def card(self) -> bytes:
        return sync.device_card(self.vault).data

    def fingerprint(self) -> str:
        return sync.device_card(self.vault).fingerprint

    def enrol(self, other: Laptop) -> None:
        sync.enrol(self.vault, other.card(), other.fingerprint())

    def export(self, *to: Laptop, since_ack: bool = False) -> Path:
        ids = tuple(t.device_id for t in to)
        return sync.export(self.vault, self.stick, recipients=ids, since_ack=since_ack).path

    def take(self, bundle: Path) -> sync.ImportSummary:
        return sync.commit_import(self.vault, bundle)

    def digest(self) -> str:
        return records_digest(self.vault)

    def tick(self, seconds: float = 60) -> None:
        self.clock.advance(seconds)


def records_digest(vault: Vault) -> str:
    """One hash over every synced record's content (conflict rows are local, not included)."""
    with vault.read() as session:
        return canonical.content_digest(session.connection())


def add_man(laptop: Laptop, **fields: object) -> str:
    values: dict[str, object] = {
        "given_name": "Dafydd",
        "family_name": "Rees",
        "preferred_name": "Mr Rees",
    }
    values.update(fields)
    with laptop.vault.write() as session:
        man = Participant(**values)
        session.add(man)
        session.flush()
        man_id = man.id
    laptop.tick()
    return man_id


def add_goal_and_step(laptop: Laptop, man: str) -> tuple[str, str]:
    """A goal and a step for him (records that point at other records): their ids."""
    with laptop.vault.write() as session:
        goal = Goal(
            participant_id=man,
            title="Somewhere to live",
            horizon="short_term",
            domain="housing",
            set_on=date(2026, 11, 2),
        )
        session.add(goal)
        session.flush()
        step = Step(
            participant_id=man,
            goal_id=goal.id,
            what="Call the housing team",
            resource_kind="him",
            responsible="him",
        )
        session.add(step)
        session.flush()
        ids = goal.id, step.id
    laptop.tick()
    return ids


def edit_man(laptop: Laptop, man_id: str, **fields: object) -> None:
    with laptop.vault.write() as session:
        man = session.get(Participant, man_id)
        assert man is not None
        for key, value in fields.items():
            setattr(man, key, value)
    laptop.tick()


def store_unchecked(laptop: Laptop, man_id: str, field: str, text: str) -> None:
    """Write a text straight into his row, past the services' checks and the stamping hook: what
    a vault from before a check was added may hold."""
    assert field.isidentifier()
    with laptop.vault.write() as session:
        session.connection().exec_driver_sql(
            f'UPDATE participants SET "{field}" = ? WHERE id = ?', (text, man_id)
        )
    laptop.tick()


def man_field(laptop: Laptop, man_id: str, field: str) -> object:
    with laptop.vault.read() as session:
        return session.execute(
            select(getattr(Participant, field)).where(Participant.id == man_id)
        ).scalar_one()


def conflict_on(prison: Laptop, community: Laptop, later: Laptop) -> str:
    """Both laptops change one man's notes; ``later`` edits last; the prison laptop imports."""
    man = add_man(prison, notes="start")
    community.take(prison.export(community))
    first = community if later is prison else prison
    edit_man(first, man, notes=f"{first.name}'s note")
    later.tick(600)
    edit_man(later, man, notes=f"{later.name}'s note")
    prison.take(community.export(prison, since_ack=True))
    return man
