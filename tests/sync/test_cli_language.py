"""The command line in Welsh: ``--language``, else ENGAGER_LANGUAGE, else the system's locale;
messages, headings and refusals in the language chosen; JSON keys never translated; the language
goes back to what it was once the command ends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engager_desktop import i18n
from engager_desktop.cli import main
from engager_desktop.cli.common import chosen_language
from engager_desktop.store.vault import VaultOptions
from tests.vault_fixtures import TEST_PASSPHRASE

LOCALE = ("ENGAGER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    for name in LOCALE:
        monkeypatch.delenv(name, raising=False)


def run(
    capsys: pytest.CaptureFixture[str], options: VaultOptions, *argv: str
) -> tuple[int, str, str]:
    code = main(list(argv), options=options)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("given", "environ", "chosen"),
    [
        ("cy", {"ENGAGER_LANGUAGE": "en", "LANG": "en_GB.UTF-8"}, "cy"),
        (None, {"ENGAGER_LANGUAGE": "cy", "LANG": "en_GB.UTF-8"}, "cy"),
        (None, {"ENGAGER_LANGUAGE": "fr"}, "en"),
        (None, {"LANG": "cy_GB.UTF-8"}, "cy"),
        (None, {"LC_ALL": "cy_GB.utf8@euro", "LANG": "en_GB.UTF-8"}, "cy"),
        (None, {"LANGUAGE": "fr:cy:en", "LANG": "en_GB.UTF-8"}, "cy"),
        (None, {"LC_MESSAGES": "C", "LANG": "cy_GB.UTF-8"}, "en"),  # the first one set decides
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_is_chosen_in_order(
    given: str | None, environ: dict[str, str], chosen: str
) -> None:
    assert chosen_language(given, environ) == chosen


def test_devices_in_welsh_with_the_option_and_english_after(
    capsys: pytest.CaptureFixture[str], vault_path: Path, options: VaultOptions
) -> None:
    code, out, _err = run(
        capsys, options, "--language", "cy", "devices", "--vault", str(vault_path)
    )
    assert code == 0
    assert "(y gliniadur hwn)" in out and "  ôl bys: " in out and "cofrestrwyd" in out
    assert "fingerprint" not in out and "enrolled" not in out
    assert i18n.language() == i18n.ENGLISH  # the command's language ends with it
    code, out, _err = run(capsys, options, "devices", "--vault", str(vault_path))
    assert "(this laptop)" in out and "  fingerprint: " in out


def test_a_refusal_in_welsh_from_the_locale(
    capsys: pytest.CaptureFixture[str],
    vault_path: Path,
    options: VaultOptions,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    monkeypatch.setenv("ENGAGER_PASSPHRASE", "not the passphrase at all")
    code, out, err = run(capsys, options, "devices", "--vault", str(vault_path))
    assert (code, out) == (1, "")
    assert err == "engager-desktop: gwall: nid yw'r cyfrinymadrodd yn gywir\n"


def test_json_keys_stay_as_they_are_in_welsh(
    capsys: pytest.CaptureFixture[str],
    vault_path: Path,
    options: VaultOptions,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENGAGER_LANGUAGE", "cy")
    code, out, _err = run(capsys, options, "devices", "--vault", str(vault_path), "--json")
    assert code == 0
    (own,) = json.loads(out)["devices"]
    assert set(own) >= {"device_id", "name", "fingerprint", "is_self", "enrolled_at"}
    code, out, _err = run(capsys, options, "conflicts", "--vault", str(vault_path))
    assert (code, out) == (0, "dim gwrthdaro i'w adolygu\n")
    code, out, _err = run(capsys, options, "retention", "--vault", str(vault_path))
    assert out.startswith("Cyfnodau cadw (misoedd): ") and "does dim dynion" in out


def test_the_vault_check_and_the_team_in_welsh(
    capsys: pytest.CaptureFixture[str], vault_path: Path, options: VaultOptions
) -> None:
    code, out, _err = run(capsys, options, "--language", "cy", "check", "--vault", str(vault_path))
    assert code == 0 and out.endswith("gwiriad yn iawn\n") and "check ok" not in out
    code, out, _err = run(capsys, options, "--language", "cy", "team", "--vault", str(vault_path))
    assert code == 0 and out.splitlines()[0] == "ymarferydd: heb ei osod"


def test_the_caseload_headings_in_welsh(
    capsys: pytest.CaptureFixture[str], demo_path: Path, options: VaultOptions
) -> None:
    code, out, _err = run(
        capsys, options, "--language", "cy", "caseload", "--vault", str(demo_path)
    )
    assert code == 0
    heading = out.splitlines()[0].split()
    assert heading[:3] == ["ENW", "RHIF", "CARCHAR"] and "DYDDIAU" in heading and "ID" in heading


def test_a_commands_language_holds_on_every_thread_and_a_window_can_change_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A command's language is the process's, not one thread's: work on a thread sees it, and a
    window the command opens (screenshots, demo) can switch it from Settings. Put back after."""
    import argparse
    import threading

    from engager_desktop.cli import common

    seen: dict[str, str] = {}

    def handler(_args: argparse.Namespace, _options: VaultOptions) -> int:
        worker = threading.Thread(target=lambda: seen.update(thread=i18n.language()))
        worker.start()
        worker.join()
        i18n.set_language("en")  # as Settings does, on the main thread
        seen["after switch"] = i18n.language()
        return 0

    monkeypatch.setattr(common, "run_handler", handler)
    assert main(["--language", "cy", "devices", "--vault", "nowhere"]) == 0
    assert seen == {"thread": "cy", "after switch": "en"}
    assert i18n.global_language() == i18n.ENGLISH
