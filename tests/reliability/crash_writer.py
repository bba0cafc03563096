"""Child process for the kill -9 tests: creates or opens a vault and commits writes until killed.

It prints "ack N" only after transaction N has committed, so the parent knows which commits were
acknowledged. Each transaction writes one man with one goal and two steps (all or nothing).
Mode "passwd" changes the passphrase back and forth between two ("ack N WHICH" after change N);
mode "review" saves session reviews for one man ("ack N" after review N has committed).
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from engager_desktop.services.action_plan import StepInput
from engager_desktop.services.session_review import NewStep, ReviewInput, save_review
from engager_desktop.store.credentials import change_passphrase
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import Goal, Participant, Step
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

OTHER_PASSPHRASE = "copper-meadow-thistle-ninety-one"
PASSPHRASES = (TEST_PASSPHRASE, OTHER_PASSPHRASE)
REVIEW_MAN = 999999


def write_one(vault, i: int) -> None:  # type: ignore[no-untyped-def]
    with vault.write() as session:
        man = Participant(
            given_name=f"Man{i}",
            family_name="Crash",
            preferred_name=f"M{i}",
            prison_number=f"C{i:06d}",
        )
        session.add(man)
        session.flush()
        goal = Goal(
            participant_id=man.id,
            title=f"goal {i}",
            horizon="short_term_recovery",
            domain="housing",
            set_on=date(2026, 11, 2),
        )
        session.add(goal)
        session.flush()
        for n in range(2):
            session.add(
                Step(
                    participant_id=man.id,
                    goal_id=goal.id,
                    what=f"step {n}",
                    resource_kind="him",
                    responsible="him",
                )
            )


def review_man(vault) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The man the review mode reviews, with his goal: made once (atomically) if missing."""
    number = f"C{REVIEW_MAN:06d}"
    with vault.read() as session:
        man_id = session.scalar(select(Participant.id).where(Participant.prison_number == number))
    if man_id is None:
        write_one(vault, REVIEW_MAN)
        return review_man(vault)
    with vault.read() as session:
        goal_id = session.scalar(select(Goal.id).where(Goal.participant_id == man_id))
    return man_id, goal_id


def review_loop(vault, start: int) -> None:  # type: ignore[no-untyped-def]
    man_id, goal_id = review_man(vault)
    i = start
    while True:
        step = StepInput(what=f"rstep {i}", resource_kind="him", responsible="him")
        review = ReviewInput(
            starts_at=TEST_START - timedelta(days=30, minutes=i),
            place="prison",
            attended=True,
            distress=1 + i % 9,
            notes=f"review {i}",
            new_steps=[NewStep(goal_id, step)],
        )
        save_review(vault, man_id, review)
        print(f"ack {i}", flush=True)
        i += 1


def passwd_loop(path: Path, start: int) -> None:
    """Open with whichever passphrase works, then flip between the two until killed."""
    options = test_options()
    current = int(sys.argv[4])
    vault = unlock_vault(path, PASSPHRASES[current], options)
    print("ready", flush=True)
    i = start
    while True:
        new = 1 - current
        change_passphrase(vault, PASSPHRASES[current], PASSPHRASES[new])
        print(f"ack {i} {new}", flush=True)
        current = new
        i += 1


def main() -> None:
    path, mode, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    options = test_options()
    if mode == "passwd":
        passwd_loop(path, start)
        return
    if mode == "create":
        vault, _code = create_vault(path, TEST_PASSPHRASE, options)
    else:
        vault = unlock_vault(path, TEST_PASSPHRASE, options)
    print("ready", flush=True)
    if mode == "review":
        review_loop(vault, start)
        return
    i = start
    while True:
        write_one(vault, i)
        print(f"ack {i}", flush=True)
        i += 1


if __name__ == "__main__":
    main()
