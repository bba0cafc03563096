"""The registry the CLI and GUI print through."""

from __future__ import annotations

import dataclasses

from engager_desktop.worksheets.kinds import KINDS, build_pdf
from engager_desktop.worksheets.options import PrintOptions

CLI_KINDS = [
    "understanding", "action-plan", "workbook", "pledge", "release-plan", "services-card",
    "family-sheet", "ending", "links-map", "supervision", "explainer", "recovery-sheet",
    "device-card",
]  # fmt: skip


def test_the_kinds_are_those_the_cli_offers() -> None:
    assert list(KINDS) == CLI_KINDS


def test_which_kinds_need_a_man_have_a_blank_or_are_for_others() -> None:
    assert {name for name, kind in KINDS.items() if not kind.needs_man} == {
        "supervision",
        "explainer",
        "recovery-sheet",
        "device-card",
    }
    assert {name for name, kind in KINDS.items() if kind.has_blank} == {
        "workbook",
        "pledge",
        "links-map",
    }
    assert {name for name, kind in KINDS.items() if kind.for_others} == {
        "family-sheet",
        "explainer",
    }


def test_every_input_is_frozen_and_builds_with_no_arguments() -> None:
    for name, kind in KINDS.items():
        blank = kind.blank()
        assert dataclasses.is_dataclass(blank)
        assert getattr(type(blank), "__dataclass_params__").frozen  # noqa: B009
        assert build_pdf(name, blank, PrintOptions()).startswith(b"%PDF-")


def test_a_blank_version_has_no_name_filled_in() -> None:
    for name in ("workbook", "pledge", "links-map"):
        pdf = build_pdf(name, None, PrintOptions(large_print=True))
        assert pdf == build_pdf(name, KINDS[name].blank(), PrintOptions(large_print=True))
