"""``engager-desktop handover`` and ``team`` as a script runs them: exit codes, one-line errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.services import sync
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import Vault
from engager_desktop.sync.identity import renew_for_tests
from tests.sync.test_cli import _run, _vault
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


@pytest.fixture(autouse=True)
def _secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)


@contextmanager
def _open(path: Path) -> Iterator[Vault]:
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options())
    try:
        yield vault
    finally:
        vault.lock()


@pytest.fixture
def laptops(template_vault: tuple[Path, str], tmp_path: Path) -> dict[str, object]:
    """An old laptop with two men, a new one and a stranger; old and new enrolled both ways."""
    old = _vault(template_vault[0], tmp_path / "old", men=2)
    new = _vault(template_vault[0], tmp_path / "new")
    stranger = _vault(template_vault[0], tmp_path / "stranger")
    with _open(old) as a, _open(new) as b:
        card_a, card_b = sync.device_card(a), sync.device_card(b)
        sync.enrol(a, card_b.data, card_b.fingerprint)
        sync.enrol(b, card_a.data, card_a.fingerprint)
        with a.read() as session:
            men = list(session.scalars(select(Participant.id).order_by(Participant.id)))
        ids = (card_a.device_id, card_b.device_id)
    with _open(stranger) as c:
        renew_for_tests(c)
        stranger_id = c.device_id
    stick = tmp_path / "stick"
    stick.mkdir()
    return {
        "old": old, "new": new, "men": men, "old_id": ids[0], "new_id": ids[1],
        "stranger_id": stranger_id, "stick": stick,
    }  # fmt: skip


def _handover(capsys, laptops, men: str, to: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    return _run(
        capsys, test_options(), "handover", "--vault", str(laptops["old"]), "--men", men,
        "--to", to, "--to-dir", str(laptops["stick"]),
    )  # fmt: skip


def test_handover_writes_a_bundle_the_new_laptop_imports(
    laptops: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    men = laptops["men"]
    assert isinstance(men, list)
    code, text = _handover(capsys, laptops, men[0].upper(), str(laptops["new_id"]))
    assert code == 0, text
    assert "1 man handed over" in text and "safe to remove the stick" in text
    bundle = Path(text.split("bundle written: ")[1].splitlines()[0])
    code, text = _run(capsys, test_options(), "import", "--vault", str(laptops["new"]), str(bundle))
    assert code == 0, text
    with _open(Path(str(laptops["new"]))) as vault, vault.read() as session:
        held = session.execute(select(Participant.id, Participant.held_by)).all()
    assert held == [(men[0], laptops["new_id"])]


@pytest.mark.parametrize(
    ("who", "to", "message"),
    [
        ("unknown_man", "new_id", "no such man"),
        ("man", "unknown_device", "is enrolled here; enrol its card first"),
        ("man", "stranger_id", "is enrolled here; enrol its card first"),
        ("man", "old_id", "that is this laptop"),
    ],
)
def test_handover_refusals_are_one_line_and_exit_1(
    laptops: dict[str, object], capsys: pytest.CaptureFixture[str], who: str, to: str, message: str
) -> None:
    men = laptops["men"]
    assert isinstance(men, list)
    man = men[0] if who == "man" else "00000000-0000-4000-8000-000000000000"
    device = str(laptops[to]) if to in laptops else "11111111-1111-4111-8111-111111111111"
    code, text = _handover(capsys, laptops, man, device)
    assert code == 1
    assert message in text
    assert len(text.strip().splitlines()) == 1 and "Traceback" not in text
    assert not list(Path(str(laptops["stick"])).iterdir())


def test_handover_without_its_choices_is_a_usage_error(
    laptops: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        _run(capsys, test_options(), "handover", "--vault", str(laptops["old"]), "--men", "x")
    assert exited.value.code == 2


def test_team_sets_the_name_and_role_the_device_card_carries(
    laptops: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    old = str(laptops["old"])
    code, text = _run(capsys, test_options(), "team", "--vault", old)
    assert code == 0 and "practitioner: not set" in text and "role: practitioner" in text
    code, text = _run(
        capsys, test_options(), "team", "--vault", old, "--name", "Sam Okafor", "--role",
        "supervisor",
    )  # fmt: skip
    assert code == 0 and "practitioner: Sam Okafor" in text and "role: supervisor" in text
    code, text = _run(capsys, test_options(), "team", "--vault", old, "--name", "Sam\x1b[2J")
    assert code == 1 and "control characters" in text
    with _open(Path(old)) as vault:
        card = sync.read_card(sync.device_card(vault).data)
    assert (card.practitioner, card.role) == ("Sam Okafor", "supervisor")
    data = _card_of(old)
    with _open(Path(str(laptops["new"]))) as vault:
        sync.enrol(vault, data, card.fingerprint)  # the same keys again: now with the practitioner
    code, text = _run(capsys, test_options(), "devices", "--vault", str(laptops["new"]))
    assert code == 0 and "used by Sam Okafor (supervisor)" in text


def _card_of(path: str) -> bytes:
    with _open(Path(path)) as vault:
        return sync.device_card(vault).data
