"""The printed recovery code: 8 groups of 6 digits (5 random + a Damm check digit), and its key.

40 random digits give 10^40 ≈ 2^132.9 codes, above 128 bits. The Damm check digit of each group
catches every single mistyped digit and every swap of two neighbouring digits in that group, so
a typo is reported (naming the group) before any key is derived.
"""

from __future__ import annotations

import re
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from engager_desktop.crypto.errors import RecoveryCodeFormatError
from engager_desktop.i18n import tr

GROUPS = 8
GROUP_LENGTH = 6
DIGITS = GROUPS * GROUP_LENGTH
HKDF_INFO = b"engager recovery v1"

# A totally anti-symmetric quasigroup of order 10 (Damm, 2004): row = interim digit, column = next.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

_SEPARATORS = re.compile("[\\s\\-_.\u2010-\u2015]+")  # spaces, dashes of any kind, _ and .


def damm_digit(digits: str) -> int:
    """The Damm interim digit of a string of ASCII digits (0 for a string that checks)."""
    interim = 0
    for char in digits:
        interim = _DAMM[interim][ord(char) - 48]
    return interim


def _group() -> str:
    body = f"{secrets.randbelow(10**5):05d}"
    return body + str(damm_digit(body))


def generate() -> str:
    """A new random recovery code, formatted ``123456-234567-…`` (8 groups)."""
    return format_code("".join(_group() for _ in range(GROUPS)))


def format_code(digits: str) -> str:
    """48 digits as 8 dash-separated groups of 6, for display and print."""
    return "-".join(digits[i : i + GROUP_LENGTH] for i in range(0, len(digits), GROUP_LENGTH))


def normalise(text: str) -> str:
    """The code's 48 digits with any spaces, dashes or grouping removed, after checking them.

    Raises ``RecoveryCodeFormatError`` for other characters, the wrong number of digits, or a
    group whose check digit fails (naming the group, 1-8). It is cheap and runs before any key is
    derived. Already-normalised input is returned unchanged.
    """
    compact = _SEPARATORS.sub("", text)
    if not all("0" <= char <= "9" for char in compact):
        raise RecoveryCodeFormatError(
            tr("Errors", "the recovery code should contain only digits, spaces and dashes")
        )
    if len(compact) != DIGITS:
        raise RecoveryCodeFormatError(
            tr(
                "Errors",
                (
                    "the recovery code has {compact} digits; it should have {digits} "
                    "({groups} groups of {group_length})"
                ),
            ).format(compact=len(compact), digits=DIGITS, groups=GROUPS, group_length=GROUP_LENGTH)
        )
    bad = [
        n + 1
        for n in range(GROUPS)
        if damm_digit(compact[n * GROUP_LENGTH : (n + 1) * GROUP_LENGTH]) != 0
    ]
    if bad:
        raise RecoveryCodeFormatError(_bad_groups_message(bad), bad)
    return compact


def _bad_groups_message(bad: list[int]) -> str:
    if len(bad) == 1:
        return f"group {bad[0]} of the recovery code has a mistyped digit: please check it"
    names = ", ".join(str(n) for n in bad[:-1]) + f" and {bad[-1]}"
    return f"groups {names} of the recovery code have mistyped digits: please check them"


def derive_recovery_key(code: str, salt: bytes) -> bytes:
    """The 32-byte key-encryption key of the recovery slot: HKDF-SHA256 over the 48 digits.

    No slow KDF is needed: the code carries about 133 random bits, far beyond any guessing attack,
    unlike a passphrase a person chose. The check digits add no secrecy and are included only
    because they are part of what is typed.
    """
    digits = normalise(code)
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=HKDF_INFO)
    return hkdf.derive(digits.encode("ascii"))
