"""The FTS5 search index: safe prefix queries from typed text, and a fast rebuild of every man.

Typed text never reaches FTS5 as syntax: each space-separated chunk that holds a letter or digit
becomes one quoted string (inner quotes doubled) with a prefix star, and the chunks are ANDed. So
``"``, ``OR``, ``NEAR``, ``*``, ``-`` or brackets are searched for as plain words or dropped, and
search-as-you-type matches "Kam" to "Kaminski" and "A12" to "A1234BC".
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from engager_desktop.services.common import SEARCH_INDEX, search_rowid
from engager_desktop.services.records import not_deleted
from engager_desktop.store.orm import Goal, Meeting, Participant

MAX_TERMS = 12
MAX_QUERY_CHARS = 200
RANK_FROM = 3
_HAS_WORD = re.compile(r"[^\W_]")
_BATCH = 2_000


def _terms(typed: str) -> list[str]:
    # Hidden characters (NUL would end the query early, lone surrogates cannot be encoded)
    # separate words like spaces do.
    visible = "".join(ch if ch.isprintable() else " " for ch in typed[:MAX_QUERY_CHARS])
    chunks = [chunk for chunk in visible.split() if _HAS_WORD.search(chunk)]
    return chunks[:MAX_TERMS]


def match_query(typed: str) -> str | None:
    """An FTS5 MATCH expression for ``typed``, or None when it holds nothing to search for."""
    terms = ['"' + chunk.replace('"', '""') + '"*' for chunk in _terms(typed)]
    return " ".join(terms) or None


_RANKED = text(
    "SELECT participant_id FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :n"
)
_UNRANKED = text("SELECT participant_id FROM search_index WHERE search_index MATCH :q LIMIT :n")


def match_ids(session: Session, typed: str, limit: int) -> tuple[list[str], bool]:
    """Ids of the men whose index row matches ``typed``, and whether they are best first.

    While every word typed is still short (under ``RANK_FROM`` characters) nearly everyone
    matches and ranking them all is slow and meaningless, so the first ``limit`` found are
    returned unranked.
    """
    terms = _terms(typed)
    query = match_query(typed)
    if query is None or limit <= 0:
        return [], False
    ranked = min(len(term) for term in terms) >= RANK_FROM
    rows = session.execute(_RANKED if ranked else _UNRANKED, {"q": query, "n": limit})
    return [row[0] for row in rows], ranked


def rebuild_index(session: Session) -> int:
    """Rewrite the whole index with a few grouped queries; returns the number of men indexed.

    Each man's text holds what ``common.search_text`` gives: names, prison number, establishment,
    notes, goal titles and his words, and meeting notes.
    """
    session.execute(delete(SEARCH_INDEX))
    goals: defaultdict[str, list[str]] = defaultdict(list)
    for man_id, title, words in session.execute(
        select(Goal.participant_id, Goal.title, Goal.his_words).where(not_deleted(Goal.deleted))
    ):
        goals[man_id].append(f"{title} {words or ''}")
    notes: defaultdict[str, list[str]] = defaultdict(list)
    for man_id, note in session.execute(
        select(Meeting.participant_id, Meeting.notes).where(
            not_deleted(Meeting.deleted), Meeting.notes.is_not(None)
        )
    ):
        if note:
            notes[man_id].append(note)
    men = session.execute(
        select(
            Participant.id,
            Participant.given_name,
            Participant.family_name,
            Participant.preferred_name,
            Participant.prison_number,
            Participant.establishment,
            Participant.notes,
        ).where(not_deleted(Participant.deleted))
    ).all()
    batch: list[dict[str, object]] = []
    for man_id, *fields in men:
        parts = [*(f or "" for f in fields), *goals.get(man_id, ()), *notes.get(man_id, ())]
        body = "\n".join(p for p in parts if p)
        if body:
            batch.append({"rowid": search_rowid(man_id), "participant_id": man_id, "body": body})
        if len(batch) >= _BATCH:
            session.execute(insert(SEARCH_INDEX), batch)
            batch = []
    if batch:
        session.execute(insert(SEARCH_INDEX), batch)
    return len(men)
