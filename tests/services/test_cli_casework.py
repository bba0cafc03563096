"""The caseload and search commands, run in process on a real demo vault."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.cli import casework_commands
from engager_desktop.cli.common import run_handler
from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import demo
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import AuditEvent, Participant
from engager_desktop.store.vault import VaultOptions
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

TODAY = date(2026, 11, 2)
KEYS = {"id", "preferred_name", "prison_number", "phase", "days_to_release", "open_steps",
        "overdue_steps", "last_contact"}  # fmt: skip


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo"
    vault, _code = create_vault(path, TEST_PASSPHRASE, options(), demo=True)
    demo.populate(vault, men=30, seed=5, today=TODAY)
    vault.lock()
    return path


def options() -> VaultOptions:
    return test_options(FakeClock(datetime.combine(TODAY, time(9), tzinfo=UTC)))


pytestmark = pytest.mark.usefixtures("passphrase")


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="engager-desktop")
    casework_commands.register(parser.add_subparsers(dest="command"))
    return run_handler(parser.parse_args(argv), options())


def exports(path: Path) -> list[str | None]:
    with unlock_vault(path, TEST_PASSPHRASE, options()) as vault, vault.read() as session:
        return list(
            session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "export_cli"))
        )


def test_caseload_json_lists_every_man(demo_path: Path, capsys: pytest.CaptureFixture[str]):
    assert run(["caseload", "--vault", str(demo_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 30 and KEYS <= set(rows[0])
    assert "closed" in {r["phase"] for r in rows}
    released = [r for r in rows if r["phase"] in {"in_community", "ending", "closed"}]
    assert released and all(r["days_to_release"] is None for r in released)
    for r in rows:
        assert r["last_contact"] is None or date.fromisoformat(r["last_contact"])


def test_filters_all_apply(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["caseload", "--vault", str(demo_path), "--json"]
    assert run([*args, "--filter", "phase:in_community"]) == 0
    community = json.loads(capsys.readouterr().out)
    assert community and {r["phase"] for r in community} == {"in_community"}
    assert run([*args, "--filter", "phase:in_community", "--filter", "overdue"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in both} <= {r["id"] for r in community}
    assert all(r["overdue_steps"] > 0 for r in both)
    assert run([*args, "--filter", "release-within:28", "--filter", "no-contact:1"]) == 0
    for r in json.loads(capsys.readouterr().out):
        assert 0 <= r["days_to_release"] <= 28


@pytest.mark.parametrize("bad", ["overdue:2", "phase:limbo", "release-within:soon", "nobody"])
def test_bad_filter_is_a_usage_error_naming_the_forms(
    demo_path: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        run(["caseload", "--vault", str(demo_path), "--filter", bad])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "release-within:N" in err or "whole number" in err


def test_text_table_is_aligned(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["caseload", "--vault", str(demo_path), "--filter", "phase:in_prison"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("NAME") and "DAYS TO RELEASE" in lines[0]
    start = lines[0].index("PHASE")
    assert {line[start:].split()[0] for line in lines[1:]} == {"in_prison"}


def test_search_by_prison_number_and_odd_text(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with unlock_vault(demo_path, TEST_PASSPHRASE, options()) as vault, vault.read() as s:
        man_id, number = s.execute(select(Participant.id, Participant.prison_number)).first()  # type: ignore[misc]
    assert run(["search", "--vault", str(demo_path), number[:5], "--json"]) == 0
    assert man_id in {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert run(["search", "--vault", str(demo_path), '" OR *']) == 0
    assert capsys.readouterr().out.strip() == "no men match"


def test_every_run_is_audited_as_an_export_without_his_data(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = exports(demo_path)
    assert run(["caseload", "--vault", str(demo_path), "--filter", "overdue"]) == 0
    assert run(["search", "--vault", str(demo_path), "Secret Name"]) == 0
    after = exports(demo_path)
    new = after[len(before) :]
    assert len(new) == 2 and new[0].startswith("caseload") and new[1].startswith("search")  # type: ignore[union-attr]
    assert all("Secret" not in (d or "") for d in after)


def test_wrong_passphrase_fails_in_one_line(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", "not-the-right-one-at-all")
    assert run(["caseload", "--vault", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "passphrase" in err


def test_held_by_filter_as_in_the_caseload(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import update

    from engager_desktop.services import team

    path = tmp_path / "team"
    vault, _code = create_vault(path, TEST_PASSPHRASE, options(), demo=True)
    demo.populate(vault, men=12, seed=5, today=TODAY)
    team.save_team_settings(vault, "Sam Okafor", team.SUPERVISOR)
    with vault.read() as session:
        men = list(session.scalars(select(Participant.id).order_by(Participant.id)))
    other = "6b0f5f3e-0000-4000-8000-000000000002"  # a laptop not enrolled here
    with vault.write() as session:
        session.execute(
            update(Participant).where(Participant.id.in_(men[:5])).values(held_by=other)
        )
    vault.lock()
    args = ["caseload", "--vault", str(path), "--json", "--filter"]

    def ids(who: str) -> set[str]:
        assert run([*args, f"held-by:{who}"]) == 0
        return {r["id"] for r in json.loads(capsys.readouterr().out)}

    assert ids("me") == ids("sam okafor") == set(men[5:])
    assert ids(other) == ids(other.upper()) == set(men[:5])
    assert run([*args, "held-by:Nobody Known"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "held-by:me" in err
    assert run([*args, "held-by:me", "--filter", "held-by:me"]) == 2
    assert "once" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        run([*args, "held-by:"])
    assert caught.value.code == 2
