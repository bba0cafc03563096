"""The sync commands end to end, as a script runs them: never a prompt, exit codes as documented."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engager_desktop.cli import build_parser, main, sync_commands
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.vault import VaultOptions
from engager_desktop.sync.identity import renew_for_tests
from tests.sync.conftest import records_digest
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sync commands are registered in the real CLI; secrets come from the environment."""
    from engager_desktop import cli

    assert sync_commands.__name__.rsplit(".", 1)[1] in cli.COMMAND_MODULES
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.delenv("ENGAGER_BUNDLE_PASSPHRASE", raising=False)


def _vault(template: Path, target: Path, men: int = 0) -> Path:
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("vault.lock"))
    vault = unlock_vault(target, TEST_PASSPHRASE, test_options())
    renew_for_tests(vault)
    if men:
        from tests.sync.conftest import Laptop, add_man

        laptop = Laptop("x", target, vault, vault.options.clock, target)  # type: ignore[arg-type]
        for _ in range(men):
            add_man(laptop)
    vault.lock()
    return target


def _digest(path: Path) -> str:
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options())
    try:
        return records_digest(vault)
    finally:
        vault.lock()


def _run(capsys: pytest.CaptureFixture[str], options: VaultOptions, *argv: str) -> tuple[int, str]:
    code = main(list(argv), options=options)
    out = capsys.readouterr()
    return code, out.out + out.err


def _card(capsys, options, vault: Path, out: Path) -> str:
    code, text = _run(capsys, options, "device-card", "--vault", str(vault), "-o", str(out))
    assert code == 0, text
    (line,) = [ln for ln in text.splitlines() if ln.startswith("fingerprint: ")]
    return line.removeprefix("fingerprint: ")


def test_cli_round_trip(
    template_vault: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = test_options()
    prison = _vault(template_vault[0], tmp_path / "prison", men=2)
    community = _vault(template_vault[0], tmp_path / "community")
    stick = tmp_path / "stick"
    stick.mkdir()
    fp_prison = _card(capsys, options, prison, tmp_path / "prison.card")
    fp_community = _card(capsys, options, community, tmp_path / "community.card")

    wrong = "0000-" + fp_prison[5:]
    code, text = _run(
        capsys,
        options,
        "enrol",
        "--vault",
        str(community),
        str(tmp_path / "prison.card"),
        "--yes-fingerprint",
        wrong,
    )
    assert code == 1 and "does not match" in text
    typed = fp_prison.upper().replace("-", " ")
    code, text = _run(
        capsys,
        options,
        "enrol",
        "--vault",
        str(community),
        str(tmp_path / "prison.card"),
        "--yes-fingerprint",
        typed,
    )
    assert code == 0, text
    code, text = _run(
        capsys,
        options,
        "enrol",
        "--vault",
        str(prison),
        str(tmp_path / "community.card"),
        "--yes-fingerprint",
        fp_community,
    )
    assert code == 0, text

    code, text = _run(
        capsys,
        options,
        "export",
        "--vault",
        str(prison),
        "--to",
        str(stick),
        "--recipient",
        str(tmp_path / "community.card"),
    )
    assert code == 0, text
    assert "safe to remove the stick" in text
    bundle = Path(text.split("bundle written: ")[1].splitlines()[0])
    assert bundle.is_file() and bundle.suffix == ".engager"

    before = _digest(community)
    code, text = _run(
        capsys, options, "import", "--vault", str(community), str(bundle), "--dry-run"
    )
    assert code == 0 and "would import" in text and "2 new" in text
    assert _digest(community) == before
    code, text = _run(capsys, options, "verify-bundle", "--vault", str(community), str(bundle))
    assert code == 0 and "valid" in text
    code, text = _run(capsys, options, "import", "--vault", str(community), str(bundle))
    assert code == 0 and "imported" in text
    assert _digest(community) == _digest(prison)
    code, text = _run(capsys, options, "import", "--vault", str(community), str(bundle))
    assert code == 0 and "already imported" in text

    code, text = _run(capsys, options, "conflicts", "--vault", str(community), "--json")
    assert code == 0 and json.loads(text) == {"conflicts": []}

    code, text = _run(capsys, options, "revoke", "--vault", str(community), text_id(prison))
    assert code == 0, text
    code, text = _run(
        capsys,
        options,
        "export",
        "--vault",
        str(prison),
        "--to",
        str(stick),
        "--recipient",
        str(tmp_path / "community.card"),
        "--since-ack",
    )
    assert code == 0, text
    newer = Path(text.split("bundle written: ")[1].splitlines()[0])
    code, text = _run(capsys, options, "import", "--vault", str(community), str(newer))
    assert code == 1 and "revoked" in text


def text_id(vault: Path) -> str:
    opened = unlock_vault(vault, TEST_PASSPHRASE, test_options())
    try:
        return opened.device_id
    finally:
        opened.lock()


def test_both_recipient_kinds_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    for argv in (
        ["export", "--vault", "v", "--to", "d", "--recipient", "c", "--passphrase-recipient"],
        ["export", "--vault", "v", "--to", "d"],
        [
            "export",
            "--vault",
            "v",
            "--to",
            "d",
            "--passphrase-recipient",
            "--since-ack",
            "--men",
            "x",
        ],
        ["enrol", "--vault", "v", "card"],
    ):
        with pytest.raises(SystemExit) as caught:
            parser.parse_args(argv)
        assert caught.value.code == 2
    capsys.readouterr()


def test_passphrase_export_from_the_environment_is_not_printed(
    template_vault: tuple[Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Stand-in for the scrypt envelope: the real one costs seconds; test_passphrase.py runs it.
    import pyrage

    import engager_desktop.sync.bundle_format as fmt

    sealed: dict[bytes, bytes] = {}

    def encrypt(plain: bytes, passphrase: str) -> bytes:
        real = pyrage.encrypt(plain, [pyrage.x25519.Identity.generate().to_public()])
        fake = b"age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 10\n" + b"A" * 43
        fake += b"\n--- " + b"B" * 43 + b"\n" + real[-32:]
        sealed[fake] = plain
        return fake

    monkeypatch.setattr(fmt.pyrage.passphrase, "encrypt", encrypt)
    monkeypatch.setattr(fmt.pyrage.passphrase, "decrypt", lambda data, _p: sealed[bytes(data)])
    options = test_options()
    prison = _vault(template_vault[0], tmp_path / "prison", men=1)
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setenv("ENGAGER_BUNDLE_PASSPHRASE", "river-lamp-quiet-seven-oak")
    code, text = _run(
        capsys,
        options,
        "export",
        "--vault",
        str(prison),
        "--to",
        str(stick),
        "--passphrase-recipient",
    )
    assert code == 0, text
    assert "river-lamp" not in text and "shown once" not in text
    monkeypatch.delenv("ENGAGER_BUNDLE_PASSPHRASE")
    code, text = _run(
        capsys,
        options,
        "export",
        "--vault",
        str(prison),
        "--to",
        str(stick),
        "--passphrase-recipient",
    )
    assert code == 0 and "shown once" in text
