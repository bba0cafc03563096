"""Child process for the kill -9 tests: creates or opens a vault and commits writes until killed.

It prints "ack N" only after transaction N has committed, so the parent knows which commits were
acknowledged. Each transaction writes one man with one goal and two steps (all or nothing).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import Goal, Participant, Step
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


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


def main() -> None:
    path, mode, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    options = test_options()
    if mode == "create":
        vault, _code = create_vault(path, TEST_PASSPHRASE, options)
    else:
        vault = unlock_vault(path, TEST_PASSPHRASE, options)
    print("ready", flush=True)
    i = start
    while True:
        write_one(vault, i)
        print(f"ack {i}", flush=True)
        i += 1


if __name__ == "__main__":
    main()
