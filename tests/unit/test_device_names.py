"""Laptop names: the rule, the file-name form and the first suggestion."""

from __future__ import annotations

import pytest

from engager_desktop.domain import device_names as names
from engager_desktop.domain.validation import ValidationError


def test_a_good_name_is_kept_with_outer_spaces_dropped() -> None:
    assert names.check("  Sam – HMP Example interview room ") == "Sam – HMP Example interview room"


@pytest.mark.parametrize(
    "bad", ["", " ", "a\tb", "a\nb", "a\x1bb", "a\u202eb", "a\u200bb", "x" * 61]
)
def test_bad_names_are_refused_without_being_quoted(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        names.check(bad)
    assert bad.strip() == "" or bad not in str(caught.value)


def test_names_from_elsewhere_are_read_with_the_longer_limit() -> None:
    assert names.is_clean("x" * 100) and not names.is_clean("x" * 101)
    assert not names.is_clean(" padded") and not names.is_clean("a\x00b") and not names.is_clean(3)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sam – HMP Example interview room", "sam-hmp-example-interview-room"),
        ("Zoë's laptop / room 2", "zoe-s-laptop-room-2"),
        ("../../etc/passwd", "etc-passwd"),
        ("———", "laptop"),
        ("a" * 80, "a" * 40),
    ],
)
def test_file_names_keep_only_safe_characters(name: str, slug: str) -> None:
    assert names.file_slug(name) == slug


def test_the_first_suggestion_uses_the_computers_name_when_it_can() -> None:
    assert names.suggested("LT-0423") == "Engager laptop (LT-0423)"
    assert names.suggested("") == "Engager laptop"
    assert names.suggested("x" * 60) == "Engager laptop"
    assert names.suggested("bad\x1bname") == "Engager laptop (badname)"
