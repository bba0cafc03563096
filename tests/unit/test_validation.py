"""Tests for the shared input checks: refusals name the field and never repeat the value."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from engager_desktop.domain.enums import Phase
from engager_desktop.domain.validation import (
    ValidationError,
    check_due_date,
    check_length,
    check_release_date,
    check_score,
    field_label,
    optional_text,
    require_text,
)

TODAY = date(2026, 11, 2)
SECRET = "Gwilym ap Rhys A1234BC"


def refused(call: object, *args: object) -> ValidationError:
    assert callable(call)
    with pytest.raises(ValidationError) as info:
        call(*args)
    return info.value


def test_validation_error_is_a_value_error_with_field_and_message() -> None:
    err = ValidationError("given_name", "Given name needs filling in.")
    assert isinstance(err, ValueError)
    assert err.field == "given_name"
    assert str(err) == err.message == "Given name needs filling in."


def test_field_label() -> None:
    assert field_label("given_name") == "Given name"
    assert field_label("") == "This field"


def test_require_text_strips_and_returns() -> None:
    assert require_text("  Dai  ", "preferred_name", 100) == "Dai"
    assert require_text("Siôn Ŵyn\nline two", "notes", 100) == "Siôn Ŵyn\nline two"


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"])
def test_require_text_refuses_empty(value: str | None) -> None:
    err = refused(require_text, value, "given_name", 100)
    assert err.field == "given_name"
    assert "Given name" in err.message


def test_too_long_is_refused_without_echoing_the_value() -> None:
    value = SECRET * 10
    err = refused(require_text, value, "notes", 50)
    assert err.field == "notes"
    assert "50" in err.message
    assert SECRET not in str(err) and "Gwilym" not in repr(err.args)
    check_length("x" * 50, "notes", 50)  # the limit itself is allowed


def test_hidden_control_characters_are_refused() -> None:
    err = refused(check_length, "abc\x00def", "notes", 100)
    assert "hidden character" in err.message
    check_length("tabs\tand\r\nnewlines", "notes", 100)
    check_length(None, "notes", 1)


def test_optional_text() -> None:
    assert optional_text("   ", "going_to", 10) is None
    assert optional_text(None, "going_to", 10) is None
    assert optional_text(" Cardiff ", "going_to", 10) == "Cardiff"
    refused(optional_text, "x" * 11, "going_to", 10)


@pytest.mark.parametrize("score", [0, 5, 10])
def test_check_score_accepts_the_range(score: int) -> None:
    assert check_score(score) == score


@pytest.mark.parametrize("score", [-1, 11, 3.5, "4", None, True, False])
def test_check_score_refuses_the_rest(score: object) -> None:
    err = refused(check_score, score)
    assert err.field == "distress"
    assert err.message in {
        "Distress must be a whole number.",
        "Distress must be between 0 and 10.",
    }


def test_check_score_other_range_and_field() -> None:
    assert check_score(3, "readiness", 1, 4) == 3
    err = refused(check_score, 5, "readiness", 1, 4)
    assert err.field == "readiness" and "between 1 and 4" in err.message


def test_due_date_checks() -> None:
    set_on = date(2026, 9, 1)
    check_due_date(None, set_on)
    check_due_date(set_on, set_on)
    check_due_date(set_on + timedelta(days=5 * 365), set_on)
    assert refused(check_due_date, date(2026, 8, 31), set_on).field == "due"
    far = refused(check_due_date, date(2062, 9, 1), set_on)
    assert "year" in far.message


def test_release_date_in_the_past_refused_while_still_inside() -> None:
    yesterday = TODAY - timedelta(days=1)
    for phase in (Phase.ENGAGEMENT, Phase.IN_PRISON, "in_prison"):
        err = refused(check_release_date, yesterday, TODAY, phase)
        assert err.field == "expected_release"
        assert "still in prison" in err.message
    check_release_date(TODAY, TODAY, Phase.IN_PRISON)
    check_release_date(yesterday, TODAY, Phase.THROUGH_THE_GATE)
    check_release_date(yesterday, TODAY, Phase.IN_COMMUNITY)
    check_release_date(None, TODAY, Phase.IN_PRISON)


def test_future_release_date_refused_once_out() -> None:
    tomorrow = TODAY + timedelta(days=1)
    for phase in (Phase.IN_COMMUNITY, Phase.ENDING):
        assert "out of prison" in refused(check_release_date, tomorrow, TODAY, phase).message
    check_release_date(tomorrow, TODAY, Phase.THROUGH_THE_GATE)
    check_release_date(tomorrow, TODAY, Phase.CLOSED)


def test_release_date_far_ahead_is_a_slip() -> None:
    check_release_date(TODAY + timedelta(days=3650), TODAY, Phase.IN_PRISON)
    err = refused(check_release_date, date(2062, 11, 2), TODAY, Phase.IN_PRISON)
    assert "ten years" in err.message


def test_unknown_phase_is_refused() -> None:
    err = refused(check_release_date, TODAY, TODAY, "on_the_moon")
    assert err.field == "phase"
    assert "on_the_moon" not in err.message
