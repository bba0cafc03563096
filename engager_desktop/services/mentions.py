"""Where his name or prison number turns up in records that are not filed under him.

Free text in another man's records (a session note naming his cellmate) or in a supervision note
can be about him without being linked to him. A subject access copy and an erasure cover the
records filed under him; this finds the others, so the practitioner can read them and decide (copy
the relevant part for him, or edit his name out). Nothing here changes a record, and what it
returns names only the kind of record, its date and whose file it is in, never the text.

Matching is on his full name and his prison number (not "Mr Pryce": every Mr Pryce would match);
case is ignored, and a match must not run into letters or digits on either side ("Ian Rees" is
not found in "Brian Reese"). It reads every record (about 1 s at 10,000 men): run it off the UI
thread, and on demand rather than inside other actions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import String, Table, Text, or_, select
from sqlalchemy.orm import Session

from engager_desktop.domain.record_kinds import kind_words
from engager_desktop.services.common import NotFound
from engager_desktop.services.records import not_deleted
from engager_desktop.store.orm import SYNCED_MODELS, OwnedByMan, Participant
from engager_desktop.store.orm.base import Synced
from engager_desktop.store.vault import Vault

_MIN_TERM = 4  # shorter terms ("Al") would match too much to be useful


@dataclass(frozen=True)
class Mention:
    table: str
    record_id: str
    kind: str  # in words: "session", "supervision note"…
    man_id: str | None  # whose file the record is in (None: the directory, supervision)
    man_name: str | None
    field: str
    when: date | None  # the record's own date, else the day it was last changed

    def as_json(self) -> dict[str, object]:
        return {
            "table": self.table,
            "record_id": self.record_id,
            "kind": self.kind,
            "man_id": self.man_id,
            "field": self.field,
            "date": self.when.isoformat() if self.when else None,
        }

    def line(self) -> str:
        where = f"in {self.man_name}'s file" if self.man_name else "not filed under a man"
        day = f", {self.when:%d %b %Y}" if self.when else ""
        return f"{self.kind}{day} ({where}), field '{self.field.replace('_', ' ')}'"


def _kind(table: str) -> str:
    if table == "participants":
        return "another man's details"
    return kind_words(table).lower()


def terms_for(man: Participant) -> tuple[str, ...]:
    """What to look for: his full name and his prison number."""
    found = [f"{man.given_name.strip()} {man.family_name.strip()}"]
    if man.prison_number:
        found.append(man.prison_number.strip())
    return tuple(dict.fromkeys(t for t in found if len(t) >= _MIN_TERM))


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(t) for t in terms)
    return re.compile(rf"(?<![\w])(?:{words})(?![\w])", re.IGNORECASE)


_NOT_TEXT = frozenset({"id", "created_at", "updated_at", "updated_by"})  # ids and stamps


def _text_columns(table: Table) -> list[str]:
    return [
        c.name
        for c in table.columns
        if isinstance(c.type, String | Text)
        and c.name not in _NOT_TEXT
        and not c.name.endswith("_id")
    ]


def _day(record: object) -> date | None:
    for name in ("starts_at", "held_on", "at", "set_on", "recorded_on", "changed_on"):
        value = getattr(record, name, None)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
    return None


def mentions_of(vault: Vault, man_id: str) -> tuple[Mention, ...]:
    """``find_mentions`` in a read transaction of its own."""
    with vault.read() as session:
        return find_mentions(session, man_id)


def find_mentions(session: Session, man_id: str) -> tuple[Mention, ...]:
    """Records not filed under him whose text names him (live records only)."""
    man = session.get(Participant, man_id)
    if man is None:
        raise NotFound("man")
    terms = terms_for(man)
    if not terms:
        return ()
    pattern = _pattern(terms)
    found = [
        mention
        for model in SYNCED_MODELS
        for mention in _in_model(session, model, man_id, terms, pattern)
    ]
    owners = {m.man_id for m in found if m.man_id}
    names = {
        pid: f"{given} {family}"
        for pid, given, family in session.execute(
            select(Participant.id, Participant.given_name, Participant.family_name).where(
                Participant.id.in_(owners)
            )
        )
    }
    return tuple(replace(m, man_name=names.get(m.man_id or "")) for m in found)


def _in_model(
    session: Session,
    model: type[Synced],
    man_id: str,
    terms: tuple[str, ...],
    pattern: re.Pattern[str],
) -> list[Mention]:
    table = model.__table__  # type: ignore[attr-defined]
    columns = _text_columns(table)
    if not columns:
        return []
    # SQLite's LIKE narrows the rows (it ignores ASCII case by itself); the pattern then decides.
    like = [getattr(model, column).like(f"%{term}%") for column in columns for term in terms]
    query = select(model).where(not_deleted(model.deleted), or_(*like))
    if model is Participant:
        query = query.where(Participant.id != man_id)
    elif issubclass(model, OwnedByMan):
        query = query.where(model.participant_id != man_id)
    found = []
    for record in session.scalars(query):
        owner = record.id if model is Participant else getattr(record, "participant_id", None)
        for column in columns:
            value = getattr(record, column)
            if isinstance(value, str) and pattern.search(value):
                found.append(
                    Mention(
                        table.name,
                        record.id,
                        _kind(table.name),
                        owner,
                        None,  # his name, filled in once for all the mentions found
                        column,
                        _day(record),
                    )
                )
    return found
