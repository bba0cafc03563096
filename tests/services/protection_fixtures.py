"""Helpers for the data-protection tests: a man seeded with canaries, and decrypted vault pages.

SQLCipher encrypts every page, so a scan of the raw files finds nothing whatever they hold. To
prove that erased bytes are really gone, ``plaintext_pages`` decrypts every page of vault.db and
every frame of vault.db-wal with the vault's data key (SQLCipher 4 defaults: 4096-byte pages,
AES-256-CBC, a 16-byte IV at the start of the 80 reserved bytes at the end of each page; page 1
begins with the 16-byte salt) and the scan runs over that plaintext, free pages included.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from engager_desktop.services.common import refresh_search
from engager_desktop.store.orm import (
    Appointment,
    Background,
    Conflict,
    Consent,
    ContactLog,
    DistressRating,
    Draft,
    EndingPlan,
    Goal,
    Handover,
    LinksMapEntry,
    Meeting,
    Participant,
    PhaseChange,
    Pledge,
    PracticeNote,
    PriorityProblem,
    QuickWin,
    ReadinessRating,
    ReleasePlan,
    ServiceContact,
    Step,
    StepReview,
    Strength,
    SupportPerson,
    Understanding,
)
from engager_desktop.store.vault import Vault

PAGE = 4096
RESERVE = 80
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(page: bytes, number: int, key: bytes) -> bytes:
    start = SALT if number == 1 else 0
    body = page[start : PAGE - RESERVE]
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def plaintext_pages(folder: Path, key: bytes) -> dict[str, bytes]:
    """Decrypted content of every page of vault.db and every frame of vault.db-wal."""
    out: dict[str, bytes] = {}
    db = (folder / "vault.db").read_bytes()
    pages = [db[i : i + PAGE] for i in range(0, len(db) - PAGE + 1, PAGE)]
    out["vault.db"] = b"".join(_decrypt_page(p, n + 1, key) for n, p in enumerate(pages))
    wal_path = folder / "vault.db-wal"
    wal = wal_path.read_bytes() if wal_path.exists() else b""
    frames = []
    at = WAL_HEADER
    while at + FRAME_HEADER + PAGE <= len(wal):
        number = int.from_bytes(wal[at : at + 4], "big")
        frames.append(_decrypt_page(wal[at + FRAME_HEADER : at + FRAME_HEADER + PAGE], number, key))
        at += FRAME_HEADER + PAGE
    out["vault.db-wal"] = b"".join(frames)
    return out


def forms(canary: str) -> list[bytes]:
    """The canary as raw UTF-8, UTF-16 (both byte orders) and base64 at each of three offsets,
    as typed and in lower case (the full-text index keeps words in lower case)."""
    found: list[bytes] = []
    for text in (canary, canary.lower()):
        raw = text.encode()
        found += [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
        for shift in range(3):
            encoded = base64.b64encode(b"\0" * shift + raw)[4 if shift else 0 :]
            found.append(encoded[: len(encoded) - 4])
    return found


def hits(folder: Path, key: bytes, canary: str) -> dict[str, int]:
    """How many times each form of ``canary`` appears in each decrypted file."""
    pages = plaintext_pages(folder, key)
    return {
        f"{name}:{i}": data.count(form)
        for name, data in pages.items()
        for i, form in enumerate(forms(canary))
        if data.count(form)
    }


def seed_man(vault: Vault, canary: str, *, meetings: int = 2, goals: int = 2) -> tuple[str, dict]:
    """A man with records of every kind, each holding ``canary``: (his id, count per kind)."""
    day = date(2026, 10, 1)
    with vault.write() as session:
        man = Participant(
            given_name=f"{canary}given",
            family_name=f"{canary}family",
            preferred_name=f"Mr {canary}",
            prison_number="A1234BC",
            phase="in_prison",
            notes=f"notes {canary}",
            risk_notes=f"risk {canary}",
        )
        session.add(man)
        session.flush()
        mid = man.id
        person = SupportPerson(participant_id=mid, name=f"{canary}sister", role="family")
        session.add(person)
        session.add(Background(participant_id=mid, trauma=f"trauma {canary}", life_story=canary))
        session.add(ServiceContact(participant_id=mid, service_name=f"svc {canary}"))
        session.add(
            Consent(
                participant_id=mid,
                kind="contact_services",
                given=True,
                recorded_on=day,
                note=canary,
            )
        )
        session.add(
            PhaseChange(
                participant_id=mid,
                from_phase="engagement",
                to_phase="in_prison",
                changed_on=day,
                reason=f"moved {canary}",
            )
        )
        session.add(Understanding(participant_id=mid, hopes_for_ending=canary))
        session.add(PriorityProblem(participant_id=mid, his_words=f"problem {canary}"))
        session.add(LinksMapEntry(participant_id=mid, situation=canary, recorded_on=day))
        session.add(Strength(participant_id=mid, text=f"strong {canary}"))
        session.add(DistressRating(participant_id=mid, rated_on=day, score=6, note=canary))
        session.add(QuickWin(participant_id=mid, text=f"win {canary}"))
        goal_rows = [
            Goal(
                participant_id=mid,
                title=f"goal {n} {canary}",
                horizon="short_term_recovery",
                domain="housing",
                set_on=day,
            )
            for n in range(goals)
        ]
        session.add_all(goal_rows)
        session.flush()
        step = Step(
            participant_id=mid,
            goal_id=goal_rows[0].id,
            what=f"step {canary}",
            resource_kind="him",
            responsible="him",
            support_person_id=person.id,
        )
        session.add(step)
        meeting_rows = [
            Meeting(
                participant_id=mid,
                starts_at=datetime(2026, 10, 1, 10),
                place="prison",
                attended=True,
                notes=f"meeting {n} {canary}",
            )
            for n in range(meetings)
        ]
        session.add_all(meeting_rows)
        session.flush()
        session.add(
            StepReview(
                participant_id=mid,
                meeting_id=meeting_rows[0].id,
                step_id=step.id,
                outcome="done",
                why=canary,
            )
        )
        session.add(
            ContactLog(participant_id=mid, at=datetime(2026, 10, 2, 9), method="phone", note=canary)
        )
        session.add(
            Appointment(
                participant_id=mid, with_whom=f"GP {canary}", starts_at=datetime(2026, 12, 1, 9)
            )
        )
        session.add(Pledge(participant_id=mid, his_commitments=canary))
        session.add(
            ReleasePlan(participant_id=mid, going_to=f"hostel {canary}", phone_number="07700900123")
        )
        session.add(EndingPlan(participant_id=mid, what_helps=canary))
        session.add(
            ReadinessRating(participant_id=mid, rated_on=day, readiness="ready", note=canary)
        )
        session.add(
            PracticeNote(
                participant_id=mid, kind="family_support", noted_on=day, what=f"family {canary}"
            )
        )
        session.add(
            Handover(
                participant_id=mid,
                from_device="0" * 8 + "-0000-4000-8000-" + "0" * 12,
                to_device=vault.device_id,
                made_at=datetime(2026, 11, 1, 9),
                acknowledged_at=datetime(2026, 11, 1, 10),
            )
        )
        session.add(
            Draft(
                key=f"understanding:{mid}",
                participant_id=mid,
                saved_at=datetime(2026, 11, 1),
                content=f'{{"x": "{canary}"}}',
            )
        )
        session.add(
            Conflict(
                table_name="participants",
                record_id=mid,
                participant_id=mid,
                losing_version=f'{{"line": "{canary}"}}',
                from_device="x" * 36,
                detected_at=datetime(2026, 11, 1),
            )
        )
        session.flush()
        refresh_search(session, mid)
    counts = {
        "participants": 1,
        "support_people": 1,
        "backgrounds": 1,
        "service_contacts": 1,
        "consents": 1,
        "phase_changes": 1,
        "understandings": 1,
        "priority_problems": 1,
        "links_map_entries": 1,
        "strengths": 1,
        "distress_ratings": 1,
        "quick_wins": 1,
        "goals": goals,
        "steps": 1,
        "meetings": meetings,
        "step_reviews": 1,
        "contact_logs": 1,
        "appointments": 1,
        "pledges": 1,
        "release_plans": 1,
        "ending_plans": 1,
        "readiness_ratings": 1,
        "practice_notes": 1,
        "handovers": 1,
    }
    return mid, counts
