"""Real refusals of the lower layers read in Welsh: each message is put in the language in use
where it is raised, so ``str(exc)`` and ``describe`` read Welsh while Welsh is chosen and English
otherwise, and a refusal names what it refuses in the same language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from engager_desktop import i18n
from engager_desktop.crypto.errors import WrongPassphrase
from engager_desktop.domain.errors import UserError, describe
from engager_desktop.domain.validation import ValidationError, field_label
from engager_desktop.services import action_plan as plan
from engager_desktop.services import sync, typed_input, vault_access
from engager_desktop.services.common import NotFound
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.sync.errors import BundleRefused
from tests.services.test_action_plan import TODAY, add_man, goal_input

pytest_plugins = ["tests.vault_fixtures"]


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language(i18n.ENGLISH)


def refusal(work: object, kind: type[BaseException] = UserError) -> BaseException:
    with pytest.raises(kind) as caught:
        work()  # type: ignore[operator]
    return caught.value


def test_a_wrong_passphrase_in_welsh_and_in_english(
    vault_path: Path, options: VaultOptions
) -> None:
    with i18n.using("cy"):
        exc = refusal(lambda: vault_access.unlock(vault_path, "not it at all", options))
        assert isinstance(exc, WrongPassphrase)
        assert describe(exc) == "Nid yw'r cyfrinymadrodd yn gywir"
        assert describe(exc, capital=False) == "nid yw'r cyfrinymadrodd yn gywir"  # the CLI's
    exc = refusal(lambda: vault_access.unlock(vault_path, "not it at all", options))
    assert describe(exc) == "Wrong passphrase"


def test_a_bad_bundle_is_refused_in_welsh(vault: Vault, tmp_path: Path) -> None:
    bundle = tmp_path / "odd.engager"
    bundle.write_bytes(b"age-encryption.org/v1\n-> nothing here\n")
    with i18n.using("cy"):
        exc = refusal(lambda: sync.preview_import(vault, bundle), BundleRefused)
        text = describe(exc)
    assert text.startswith("Nid yw'r ffeil yn fwndel y gellir ei ddarllen"), text
    assert "bundle" not in text


def test_a_goal_with_no_title_and_a_goal_set_tomorrow(vault: Vault) -> None:
    man = add_man(vault)
    with i18n.using("cy"):
        no_title = refusal(lambda: plan.add_goal(vault, man, goal_input(title="")))
        tomorrow = TODAY + timedelta(days=1)
        ahead = refusal(lambda: plan.add_goal(vault, man, goal_input(set_on=tomorrow)))
        assert field_label("title") == "Teitl" and field_label("goal") == "Nod"
    assert isinstance(no_title, ValidationError) and no_title.field == "goal"
    assert str(no_title) == "Mae angen llenwi Nod."
    assert describe(ahead) == "Ni ellir gosod nod ar ddiwrnod sydd eto i ddod."
    english = refusal(lambda: plan.add_goal(vault, man, goal_input(title="")))
    assert str(english) == "Goal needs filling in."


def test_a_typed_date_and_a_missing_record(vault: Vault) -> None:
    with i18n.using("cy"):
        no_day = refusal(lambda: typed_input.parse_date("31/02/2026"))
        gone = refusal(lambda: plan.remove_goal(vault, "no-such-goal"), NotFound)
    assert str(no_day) == "Does dim dyddiad o'r fath. Gwiriwch y diwrnod a'r mis."
    assert describe(gone) == "Does dim nod o'r fath (efallai ei fod wedi'i ddileu)"
    assert isinstance(gone, NotFound) and gone.what == "goal"  # the kind stays a key


def test_an_unexpected_error_reads_as_the_welsh_apology() -> None:
    with i18n.using("cy"):
        text = describe(RuntimeError("not for people"))
    assert text.startswith("Aeth rhywbeth o'i le") and "people" not in text


def test_the_pseudo_language_marks_a_raised_message() -> None:
    with i18n.using(i18n.PSEUDO):
        text = describe(WrongPassphrase())
    assert text == "\u27e6Wrong passphrase\u27e7"  # the capital inside the mark
