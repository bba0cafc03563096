"""Sensitive parts only when asked for; copies for others say what they hold and keep his
contact details and whereabouts off unless he agreed (P35)."""

from __future__ import annotations

import dataclasses

import pytest

from engager_desktop.worksheets.kinds import KINDS
from engager_desktop.worksheets.options import PrintOptions
from tests.worksheets import samples as s
from tests.worksheets.pdfcheck import sample_pdf, text_of

SENSITIVE = {
    "understanding": [s.TRAUMA, s.SUBSTANCES, s.FAMILY_LIMITS, s.RISK],
    "release-plan": [s.FAMILY_LIMITS],
    "supervision": [s.RISK],
}
CONTACT = [s.HIS_PHONE, s.OTHER_WAYS]
WHEREABOUTS = [s.GOING_TO, s.STAYING, s.GATE_PLACE, s.APPOINTMENT_PLACE, s.ESTABLISHMENT]
MAN_KINDS = [name for name, kind in KINDS.items() if kind.needs_man]


def _absent(text: str, markers: list[str]) -> list[str]:
    return [marker for marker in markers if marker in text]


@pytest.mark.parametrize("kind", list(KINDS))
def test_sensitive_text_is_left_out_by_default(kind: str) -> None:
    text = text_of(sample_pdf(kind))
    every = [marker for markers in SENSITIVE.values() for marker in markers]
    assert not _absent(text, every)


@pytest.mark.parametrize("kind", list(SENSITIVE))
def test_sensitive_text_prints_when_ticked_in(kind: str) -> None:
    text = text_of(sample_pdf(kind, PrintOptions(include_sensitive=True)))
    for marker in SENSITIVE[kind]:
        assert marker in text


def test_his_own_release_plan_carries_his_contact_details_and_whereabouts() -> None:
    text = text_of(sample_pdf("release-plan"))
    for marker in [*CONTACT, s.GOING_TO, s.STAYING, s.GATE_PLACE, s.APPOINTMENT_PLACE]:
        assert marker in text
    assert "It leaves out" not in text


@pytest.mark.parametrize("kind", MAN_KINDS)
def test_a_copy_for_others_without_consent_holds_no_contact_or_whereabouts(kind: str) -> None:
    text = text_of(sample_pdf(kind, PrintOptions(for_others=True, include_sensitive=True)))
    assert not _absent(text, CONTACT + WHEREABOUTS)
    assert "This sheet is for other people to read." in text
    assert "It includes:" in text


def test_the_family_sheet_is_always_for_others() -> None:
    assert KINDS["family-sheet"].for_others
    text = text_of(sample_pdf("family-sheet"))
    assert "This sheet is for other people to read." in text
    assert not _absent(text, CONTACT + WHEREABOUTS)
    assert "He has not agreed to share" in text


def test_the_family_sheet_shows_what_he_agreed_to_share() -> None:
    contact_only = text_of(sample_pdf("family-sheet", PrintOptions(consented_contact=True)))
    assert s.HIS_PHONE in contact_only
    assert s.GOING_TO not in contact_only
    both = PrintOptions(consented_contact=True, consented_whereabouts=True)
    text = text_of(sample_pdf("family-sheet", both))
    assert s.HIS_PHONE in text and s.GOING_TO in text
    assert "He has agreed to share" in text
    assert "It leaves out" not in text


def test_a_release_plan_for_a_service_shows_only_what_he_agreed_to() -> None:
    where = PrintOptions(for_others=True, consented_whereabouts=True)
    text = text_of(sample_pdf("release-plan", where))
    assert s.GOING_TO in text and s.APPOINTMENT_PLACE in text and s.ESTABLISHMENT in text
    assert not _absent(text, CONTACT)
    contact = PrintOptions(for_others=True, consented_contact=True)
    text = text_of(sample_pdf("release-plan", contact))
    assert s.HIS_PHONE in text and s.OTHER_WAYS in text
    assert not _absent(text, WHEREABOUTS)


def test_a_copy_for_others_lists_the_private_parts_it_left_out() -> None:
    text = text_of(sample_pdf("understanding", PrintOptions(for_others=True)))
    assert "Private matters he has talked about." in text
    assert s.TRAUMA not in text


def test_options_default_to_the_safe_choices() -> None:
    options = PrintOptions()
    assert not any(dataclasses.asdict(options).values())
    assert options.shows_contact(False) and options.shows_whereabouts(False)
    assert not options.shows_contact(True) and not options.shows_whereabouts(True)
