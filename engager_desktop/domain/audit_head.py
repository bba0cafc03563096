"""The audit chain head as printed on paper and typed back: ``COUNT:hash in groups of four``."""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_PREFIX = 16  # hex digits: 64 bits, far past what anyone can match by rewriting the log
_HASH = re.compile(r"[0-9a-f]{16,64}")


@dataclass(frozen=True)
class TypedHead:
    count: int
    hash_prefix: str  # the whole hash, or at least its first MIN_PREFIX hex digits


def format_head(count: int, digest: str) -> str:
    """``1234:9f2c 01ab …``: the count, then the hash in groups of four, easy to read back."""
    groups = " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))
    return f"{count}:{groups}"


def parse_head(text: str) -> TypedHead:
    """Read a head typed from a printout; ValueError saying what is wrong."""
    count_text, sep, hash_text = text.strip().partition(":")
    if not sep or not count_text.strip().isdigit():
        raise ValueError("expected COUNT:HASH, as printed on the supervision summary")
    digest = re.sub(r"[\s-]", "", hash_text).lower()
    if not _HASH.fullmatch(digest):
        raise ValueError(f"the hash needs at least {MIN_PREFIX} of its hex digits (0-9, a-f)")
    return TypedHead(int(count_text), digest)
