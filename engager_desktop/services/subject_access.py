"""A subject access response: everything held about one man, as a readable PDF and as JSON.

``sar`` reads every synced record of his (deleted ones included: they are still held), his
unsaved drafts and any conflict rows about him, and writes two files into the chosen folder, each
atomically: a PDF in plain English (one section per kind of record, sensitive sections included,
since it is his own data) and a JSON file of the same data with every field as stored. The file
names carry the date and the first part of his random id, never his name. The export is audited.
"""

from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from engager_desktop import i18n
from engager_desktop.fsutil import atomic_write_bytes
from engager_desktop.i18n import tr
from engager_desktop.services.common import NotFound
from engager_desktop.services.subject_access_text import (
    ENUM_COLUMNS,
    ENUM_WORDS,
    HIDDEN,
    LABELS,
    SECTIONS,
    extra_sections,
)
from engager_desktop.store.backup import list_backups
from engager_desktop.store.orm import SYNCED_MODELS, Conflict, Draft, OwnedByMan, Participant
from engager_desktop.store.orm.base import Synced
from engager_desktop.store.orm.directory import Service
from engager_desktop.store.vault import Vault
from engager_desktop.worksheets import subject_access as document
from engager_desktop.worksheets.labels import (
    DOMAIN,
    HORIZON,
    PHASE,
    READINESS,
    RESOURCE_KIND,
    day_text,
    label,
    when_text,
)
from engager_desktop.worksheets.options import PrintOptions

FORMAT = "engager-subject-access-1"


@dataclass(frozen=True)
class SarResult:
    pdf: Path
    json: Path
    records: dict[str, int]  # per kind (table name), drafts and conflicts included
    seconds: float


def sar(vault: Vault, man_id: str, folder: Path, large_print: bool = False) -> SarResult:
    """Write his subject access PDF and JSON into ``folder`` (which must exist)."""
    started = time.perf_counter()
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(0, tr("Errors", "the folder does not exist"), str(folder))
    today = vault.clock.today()
    with vault.read() as session:
        data = collect(session, man_id)
        man = session.get(Participant, man_id)
        language = (man.document_language if man else None) or i18n.ENGLISH
    data["produced_on"] = today.isoformat()
    with i18n.using(language):  # written to him: in the language of his papers
        pdf = _pdf(data, today, vault, large_print)
    stem = f"subject-access-{today.isoformat()}-{man_id[:8]}"
    pdf_path, json_path = folder / f"{stem}.pdf", folder / f"{stem}.json"
    atomic_write_bytes(json_path, _json_bytes(data))
    try:
        atomic_write_bytes(pdf_path, pdf)
    except BaseException:
        json_path.unlink(missing_ok=True)  # both files or neither
        raise
    counts = {section["kind"]: len(section["records"]) for section in data["sections"]}
    detail = f"{sum(counts.values())} records; language {language}"
    vault.audit("export_sar", "participants", man_id, detail)
    return SarResult(pdf_path, json_path, counts, time.perf_counter() - started)


def collect(session: Session, man_id: str) -> dict[str, Any]:
    """Every record held about him as plain JSON values, grouped by kind."""
    if session.get(Participant, man_id) is None:
        raise NotFound("man")
    sections = []
    for model in _models():
        table = _table(model)
        key = table.c.id if model is Participant else table.c.participant_id
        order = [table.c.created_at, table.c.id]
        rows = session.execute(select(table).where(key == man_id).order_by(*order)).mappings()
        sections.append({"kind": table.name, "records": [_plain(dict(r)) for r in rows]})
    drafts = session.execute(
        select(Draft.key, Draft.saved_at, Draft.content).where(Draft.participant_id == man_id)
    ).all()
    sections.append(
        {
            "kind": "drafts",
            "records": [
                {"form": key, "saved_at": _value(at), "content": _loads(text)}
                for key, at, text in drafts
            ],
        }
    )
    conflicts = session.execute(
        select(Conflict).where(Conflict.participant_id == man_id).order_by(Conflict.detected_at)
    ).scalars()
    sections.append(
        {
            "kind": "conflicts",
            "records": [
                {
                    "kind_of_record": c.table_name,
                    "record_id": c.record_id,
                    "detected_at": _value(c.detected_at),
                    "resolved_at": _value(c.resolved_at),
                    "other_version": _loads(c.losing_version),
                }
                for c in conflicts
            ],
        }
    )
    return {
        "format": FORMAT,
        "man_id": man_id,
        "sections": sections,
        "names": _names(session, sections),
    }


def _models() -> list[type[Synced]]:
    return [Participant, *(m for m in SYNCED_MODELS if issubclass(m, OwnedByMan))]


def _table(model: type[Synced]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _value(value) for key, value in row.items()}


def _loads(text: str) -> Any:
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if isinstance(value, dict) and isinstance(value.get("line"), str):
        try:  # a conflict's losing version: the record's own fields inside
            value = {**value, "line": json.loads(value["line"])}
        except ValueError:
            pass
    return value


def _names(session: Session, sections: list[dict[str, Any]]) -> dict[str, str]:
    """Short names for the ids his records point to (his goals, steps, meetings, services)."""
    names: dict[str, str] = {}
    wanted: set[str] = set()
    for section in sections:
        for record in section["records"]:
            if section["kind"] == "goals":
                names[record["id"]] = record["title"]
            elif section["kind"] == "steps":
                names[record["id"]] = record["what"]
            elif section["kind"] == "meetings":
                names[record["id"]] = f"the meeting on {record['starts_at'][:10]}"
            elif section["kind"] == "support_people":
                names[record["id"]] = record["name"]
            if record.get("service_id"):
                wanted.add(record["service_id"])
    if wanted:
        rows = session.execute(select(Service.id, Service.name).where(Service.id.in_(wanted)))
        names.update({sid: name for sid, name in rows})
    return names


def _json_bytes(data: dict[str, Any]) -> bytes:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    return text.encode("utf-8")


# --------------------------------------------------------------------------- the PDF


def _pdf(data: dict[str, Any], today: date, vault: Vault, large_print: bool) -> bytes:
    names: dict[str, str] = {**data["names"], **_meeting_names(data["sections"])}
    man = data["sections"][0]["records"][0]
    sections = []
    for section in data["sections"]:
        words = SECTIONS.get(section["kind"]) or extra_sections(section["kind"])
        title, singular, intro = (_tr(text) for text in words)
        total = len(section["records"])
        records = tuple(
            document.SarRecord(
                tr("Doc.SubjectAccess", "{record} {number} of {total}").format(
                    record=singular, number=n, total=total
                ),
                _lines(section["kind"], r, names),
            )
            for n, r in enumerate(section["records"], start=1)
        )
        sections.append(document.SarSection(title, intro, records))
    backups = list_backups(vault.path)
    others = (
        (
            tr(
                "Doc.SubjectAccess",
                "Backup copies of this laptop's records made before today ({count}) may also "
                "hold your information until they are deleted.",
            ).format(count=len(backups)),
        )
        if backups
        else ()
    )
    sar_input = document.SarInput(
        name=str(man.get("preferred_name") or tr("Doc.SubjectAccess", "you")),
        produced_on=day_text(today) or today.isoformat(),
        sections=tuple(sections),
        other_places=others,
    )
    out = io.BytesIO()
    document.build(sar_input, out, PrintOptions(large_print=large_print, include_sensitive=True))
    return out.getvalue()


def _lines(kind: str, record: dict[str, Any], names: dict[str, str]) -> tuple[tuple[str, str], ...]:
    lines: list[tuple[str, str]] = []
    for key, value in record.items():
        if key in HIDDEN or value is None or value == "":
            continue
        text = _shown(kind, key, value, names)
        if text:
            named = LABELS.get(key)
            lines.append((_tr(named) if named else key.replace("_", " ").capitalize(), text))
    return tuple(lines)


def _tr(text: str) -> str:
    """One of the subject access document's own words, in the language in use."""
    return tr("Doc.SubjectAccess", text) if text else text


def _meeting_names(sections: list[dict[str, Any]]) -> dict[str, str]:
    """ "the meeting on 3 March 2025", in the language in use, for the PDF (the JSON file keeps
    the names made by ``_names``)."""
    found: dict[str, str] = {}
    for section in sections:
        if section["kind"] != "meetings":
            continue
        for record in section["records"]:
            day = _date_text(str(record["starts_at"])[:10])
            found[record["id"]] = tr("Doc.SubjectAccess", "the meeting on {day}").format(day=day)
    return found


# Enum columns printed in the plain words the documents use (others print the value's own words).
VOCABULARIES = {
    "phase": PHASE,
    "from_phase": PHASE,
    "to_phase": PHASE,
    "horizon": HORIZON,
    "domain": DOMAIN,
    "readiness": READINESS,
    "resource_kind": RESOURCE_KIND,
}


def _shown(kind: str, key: str, value: Any, names: dict[str, str]) -> str | None:
    if key == "deleted":
        return (
            tr("Doc.SubjectAccess", "yes: deleted from the caseload, but still held")
            if value
            else None
        )
    if key.endswith("_id") or key == "record_id":
        return names.get(
            str(value),
            tr("Doc.SubjectAccess", "recorded") if kind in ("drafts", "conflicts") else None,
        )
    if isinstance(value, bool):
        return tr("Doc.SubjectAccess", "yes") if value else tr("Doc.SubjectAccess", "no")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if key in VOCABULARIES:
        return label(VOCABULARIES[key], value)
    if key in ENUM_COLUMNS:
        words = ENUM_WORDS.get(str(value))
        return _tr(words) if words else str(value).replace("_", " ")
    if isinstance(value, str) and len(value) in (10, 19, 26) and value[4:5] == "-":
        return _date_text(value)
    return str(value)


def _date_text(value: str) -> str:
    try:
        if len(value) == 10:
            return day_text(date.fromisoformat(value)) or value
        return when_text(datetime.fromisoformat(value)) or value
    except ValueError:
        return value


__all__ = ["FORMAT", "SarResult", "collect", "sar"]
