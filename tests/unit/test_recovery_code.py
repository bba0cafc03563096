"""Recovery codes: format, Damm check digits, typo reports by group, and the derived key."""

from __future__ import annotations

import re

import pytest

from engager_desktop.crypto import recovery_code
from engager_desktop.crypto.errors import RecoveryCodeFormatError
from engager_desktop.crypto.recovery_code import (
    _DAMM,
    damm_digit,
    derive_recovery_key,
    format_code,
    generate,
    normalise,
)

SALT = b"0123456789abcdef"
# A fixed valid code: parametrised test ids must be the same in every collection (xdist).
CODE = "-".join(
    g + str(damm_digit(g))
    for g in ("31415", "92653", "58979", "32384", "62643", "38327", "95028", "84197")
)


def test_format_and_entropy() -> None:
    assert re.fullmatch(r"\d{6}(-\d{6}){7}", CODE)
    assert 40 * 3.3219 >= 128  # 40 random digits: about 132.9 bits
    codes = {generate() for _ in range(200)}
    assert len(codes) == 200


def test_every_group_checks() -> None:
    for group in CODE.split("-"):
        assert damm_digit(group) == 0


def test_damm_table_is_a_totally_antisymmetric_quasigroup() -> None:
    """The property behind the guarantee: single errors and adjacent swaps always change it."""
    for row in _DAMM:
        assert sorted(row) == list(range(10))
    for col in range(10):
        assert sorted(row[col] for row in _DAMM) == list(range(10))
    for c in range(10):
        for x in range(10):
            for y in range(10):
                if x != y:
                    assert _DAMM[_DAMM[c][x]][y] != _DAMM[_DAMM[c][y]][x]


@pytest.mark.parametrize("text", [
    CODE,
    CODE.replace("-", ""),
    CODE.replace("-", " "),
    " " + CODE.replace("-", "  \n") + " ",
    CODE.replace("-", "\u2013"),
    "-".join(re.findall(r"\d{4}", CODE.replace("-", ""))),
])  # fmt: skip
def test_normalise_accepts_any_grouping(text: str) -> None:
    assert normalise(text) == CODE.replace("-", "")
    assert format_code(normalise(text)) == CODE


def test_normalise_is_idempotent() -> None:
    assert normalise(normalise(CODE)) == normalise(CODE)


def test_every_single_digit_error_names_its_group() -> None:
    digits = normalise(CODE)
    for position in range(48):
        for replacement in "0123456789":
            if replacement == digits[position]:
                continue
            typo = digits[:position] + replacement + digits[position + 1 :]
            with pytest.raises(RecoveryCodeFormatError) as caught:
                normalise(typo)
            assert caught.value.groups == (position // 6 + 1,)
            assert f"group {position // 6 + 1} " in str(caught.value)


def test_every_adjacent_swap_within_a_group_is_caught() -> None:
    for _ in range(20):
        digits = normalise(generate())
        for position in range(47):
            if position % 6 == 5 or digits[position] == digits[position + 1]:
                continue
            a, b = digits[position], digits[position + 1]
            swapped = digits[:position] + b + a + digits[position + 2 :]
            with pytest.raises(RecoveryCodeFormatError) as caught:
                normalise(swapped)
            assert caught.value.groups == (position // 6 + 1,)


def test_several_bad_groups_are_all_named() -> None:
    groups = CODE.split("-")
    for n in (1, 4):
        groups[n] = groups[n][:-1] + str((int(groups[n][-1]) + 1) % 10)
    with pytest.raises(RecoveryCodeFormatError, match="groups 2 and 5") as caught:
        normalise("-".join(groups))
    assert caught.value.groups == (2, 5)


@pytest.mark.parametrize("text", ["", CODE[:-1], CODE + "1", CODE.replace("-", "")[:42]])
def test_wrong_length(text: str) -> None:
    with pytest.raises(RecoveryCodeFormatError, match="should have 48") as caught:
        normalise(text)
    assert caught.value.groups == ()


@pytest.mark.parametrize("text", ["l" + CODE[1:], CODE + "x", "\u0660" * 48, CODE + "+"])
def test_other_characters(text: str) -> None:
    with pytest.raises(RecoveryCodeFormatError, match="only digits"):
        normalise(text)


def test_derived_key() -> None:
    key = derive_recovery_key(CODE, SALT)
    assert len(key) == 32
    assert derive_recovery_key(CODE.replace("-", " "), SALT) == key
    assert derive_recovery_key(CODE, SALT[::-1]) != key
    assert derive_recovery_key(generate(), SALT) != key


def test_format_error_comes_before_derivation() -> None:
    with pytest.raises(RecoveryCodeFormatError):
        derive_recovery_key(CODE[:-1] + str((int(CODE[-1]) + 1) % 10), SALT)


def test_messages_never_contain_the_code() -> None:
    broken = CODE[:-1] + str((int(CODE[-1]) + 1) % 10)
    with pytest.raises(RecoveryCodeFormatError) as caught:
        normalise(broken)
    for group in broken.split("-"):
        assert group not in str(caught.value)
    assert recovery_code.HKDF_INFO == b"engager recovery v1"
