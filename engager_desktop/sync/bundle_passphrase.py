"""Bundle passphrases: generated ones, the strength rule a chosen one must meet, forgiving typing.

A generated passphrase is 24 characters from an alphabet without look-alikes (about 119 bits),
shown in six groups of four. A chosen one (``ENGAGER_BUNDLE_PASSPHRASE``) must reach the top score
of the vault passphrase policy (about 10^14 guesses), which every generated one reaches easily.
Typing one in: anything that reads as a generated passphrase once spaces and dashes are dropped
and capitals lowered is put back in its generated form, at export and at import alike, so
"ABCD EFGH ..." opens a bundle locked with "abcd-efgh-...". Anything else is used exactly.
"""

from __future__ import annotations

import re
import secrets

from engager_desktop.crypto import passphrase_strength
from engager_desktop.domain import passphrase_policy
from engager_desktop.i18n import tr
from engager_desktop.sync.errors import SyncError

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i to misread
LENGTH = 24
GROUP = 4
REQUIRED_SCORE = 4
_GENERATED = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")


def generate() -> str:
    """A bundle passphrase to show once, in groups of four."""
    return _grouped("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def _grouped(chars: str) -> str:
    return "-".join(chars[i : i + GROUP] for i in range(0, len(chars), GROUP))


def normalise(typed: str) -> str:
    """A generated passphrase typed with spaces, dashes or capitals, in its generated form."""
    squeezed = re.sub(r"[\s\-]", "", typed).lower()
    return _grouped(squeezed) if _GENERATED.fullmatch(squeezed) else typed


def require_strong(passphrase: str) -> None:
    """Refuse a chosen bundle passphrase weaker than the generated ones (never quoting it)."""
    result = passphrase_strength.assess(normalise(passphrase))
    if result.score < REQUIRED_SCORE or not result.acceptable:
        reason = result.reasons[0] if result.reasons else passphrase_policy.REASON_GUESSABLE
        raise SyncError(
            "weak_passphrase",
            tr(
                "Errors",
                "the bundle passphrase is too weak ({reason}); use a generated one instead",
            ).format(reason=reason),
        )
