"""Printing use cases: prepare any document from the vault, audit every print, batches, recovery.

``prepare`` builds a document in memory and says what the practitioner should know before
printing it: the wording check's findings on the text entered, and what was left out and why
(sensitive parts not ticked in; his contact details and whereabouts in a copy for others when
he has not agreed to share them). Nothing is written anywhere: ``record_print`` audits a print
or a save once it has happened (what, for whom, when; never the content).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from engager_desktop import i18n
from engager_desktop.crypto.errors import VaultError
from engager_desktop.domain.enums import ConsentKind
from engager_desktop.domain.wording import EASY_READ_SENTENCE_WORDS, LONG_SENTENCE_WORDS
from engager_desktop.i18n import N_, tr
from engager_desktop.services import printing_copies as copies
from engager_desktop.services import printing_inputs as mapping
from engager_desktop.services import printing_reads as reads
from engager_desktop.services.consent import has_consent
from engager_desktop.services.participants import require_man
from engager_desktop.services.printing_names import initials, safe_file_name
from engager_desktop.services.printing_supervision import supervision_input
from engager_desktop.store import credentials
from engager_desktop.store.vault import Vault
from engager_desktop.sync import trust
from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.device_card_sheet import DeviceCardInput
from engager_desktop.worksheets.findings import (
    TextFinding,
    Undrawable,
    names_of,
    undrawable,
    wording_findings,
)
from engager_desktop.worksheets.kinds import KINDS, Kind
from engager_desktop.worksheets.languages import BILINGUAL as BILINGUAL
from engager_desktop.worksheets.languages import PRINT_LANGUAGES as PRINT_LANGUAGES
from engager_desktop.worksheets.languages import build_in
from engager_desktop.worksheets.options import PrintOptions

DESTINATIONS = frozenset({"printer", "file"})
RECOVERY = "recovery-sheet"
DEVICE_CARD = "device-card"
RECOVERY_WARNING = N_(
    "Print",
    "This file unlocks the vault: anyone with it and the vault folder can read every record. "
    "Print it, keep the paper locked away, then delete the file.",
)
NOT_INVOLVE_FAMILY = (
    "He has not agreed to involve his family. Check with him before anyone outside is given this."
)
FOR_OTHERS_CHECK = "This copy is for someone else: check he has agreed to share it with them."


class PrintError(VaultError):
    """A document cannot be prepared as asked; the message says why in one line."""


@dataclass(frozen=True)
class PreparedDocument:
    """A document built in memory, with what to show the practitioner before it is printed.

    ``findings``: the wording check on the text entered (fixed text is checked by the worksheet
    tests). ``left_out``: each part that was recorded but left out, and why. ``notes``: things
    to check before handing the paper over (consent to involve his family, for example).
    """

    pdf: bytes
    kind: str
    title: str
    findings: tuple[TextFinding, ...]
    left_out: tuple[str, ...]
    man_id: str | None = None
    blank: bool = False
    notes: tuple[str, ...] = ()
    file_name: str = "document.pdf"
    sensitive: bool = False  # sensitive parts were asked for (and printed where recorded)
    for_others: bool = False  # a copy for someone other than him
    restriction: bool = False  # a limit on contact is recorded and his address or phone may print
    confirmed_restriction: bool = False  # ... and the practitioner confirmed printing them
    for_service: str | None = None  # the service a copy is for (its id)
    easy_read: bool = False  # the Easy Read version (pictures, short sentences, 16 pt)
    undrawable: tuple[Undrawable, ...] = ()  # entered characters no font has (print as "�")
    language: str = i18n.ENGLISH  # "en", "cy" or "cy+en" (Welsh and English side by side)


@dataclass(frozen=True)
class KindInfo:
    """A document kind as the CLI and the GUI list it."""

    name: str
    title: str
    needs_man: bool
    for_others: bool
    has_blank: bool
    easy_read: bool = False


def kinds() -> tuple[KindInfo, ...]:
    return tuple(
        KindInfo(k.name, k.title, k.needs_man, k.for_others, k.has_blank, k.easy_read)
        for k in KINDS.values()
    )


def _kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise PrintError(
            tr("Errors", "no document kind {name!r}; the kinds are: {kinds}").format(
                name=name, kinds=", ".join(KINDS)
            )
        ) from None


def _context(
    session: Session,
    vault: Vault,
    man_id: str | None,
    options: PrintOptions,
    for_others: bool,
    service_id: str | None = None,
) -> mapping.Context:
    share_contact = share_whereabouts = False
    if man_id is not None and for_others:
        contact, whereabouts = ConsentKind.SHARE_CONTACT_DETAILS, ConsentKind.SHARE_WHEREABOUTS
        share_contact = has_consent(session, man_id, contact, service_id)
        share_whereabouts = has_consent(session, man_id, whereabouts, service_id)
    return mapping.Context(
        today=vault.clock.today(),
        now=vault.clock.now(),
        worker=reads.worker_in(session),
        include_sensitive=options.include_sensitive,
        for_others=for_others,
        share_contact=share_contact,
        share_whereabouts=share_whereabouts,
        full_name=service_id is not None,
    )


def _notes(session: Session, chosen: Kind, man_id: str | None, for_others: bool) -> list[str]:
    if man_id is None or not for_others:
        return []
    if chosen.name == "family-sheet":
        if not has_consent(session, man_id, ConsentKind.INVOLVE_FAMILY):
            return [NOT_INVOLVE_FAMILY]
        return []
    return [FOR_OTHERS_CHECK]


@dataclass(frozen=True)
class Gathered:
    """A document's input read from the vault, ready to build (in this process or another)."""

    kind: str
    data: Any
    options: PrintOptions  # with his recorded consent in place of whatever the caller passed
    left_out: tuple[str, ...]
    man_id: str | None = None
    who: str | None = None  # his initials, for the file name
    blank: bool = False
    notes: tuple[str, ...] = ()
    printed_on: date | None = None
    restriction: bool = False
    for_service: str | None = None
    language: str = i18n.ENGLISH  # the language it is built in (see ``print_language``)


def _gathered(
    chosen: Kind,
    data: Any,
    options: PrintOptions,
    ctx: mapping.Context,
    *,
    man_id: str | None = None,
    who: str | None = None,
    blank: bool = False,
    notes: Sequence[str] = (),
    restriction: bool = False,
    copy: copies.ServiceCopy | None = None,
    language: str = i18n.ENGLISH,
) -> Gathered:
    effective = replace(
        options,
        consented_contact=ctx.share_contact,
        consented_whereabouts=ctx.share_whereabouts,
        blank=blank and man_id is None,
        confirmed_restriction=options.confirmed_restriction and restriction,
        restriction_held=restriction and not options.confirmed_restriction,
        for_others=options.for_others or copy is not None,
        recipient=copy.name if copy else None,
        agreed=copy.agreed if copy else (),
    )
    return Gathered(
        chosen.name,
        data,
        effective,
        tuple(ctx.left_out),
        man_id,
        who,
        blank,
        tuple(notes),
        ctx.today,
        restriction,
        copy.service_id if copy else None,
        language,
    )


def findings_for(chosen: Kind, gathered: Gathered) -> list[TextFinding]:
    """The wording check for this print: on a paper he keeps (not a copy for someone else),
    notes written about him are found too; Easy Read keeps sentences to 15 words."""
    options = gathered.options
    return wording_findings(
        gathered.data,
        to_him=chosen.his and not options.for_others and not chosen.for_others,
        names=names_of(gathered.data),
        max_words=EASY_READ_SENTENCE_WORDS if options.easy_read else LONG_SENTENCE_WORDS,
    )


def finish(gathered: Gathered, pdf: bytes | None = None, *, check: bool = True) -> PreparedDocument:
    """The prepared document: ``pdf`` if already built elsewhere, else built here. ``check``
    runs the wording check on the entered text (a batch leaves it out)."""
    chosen = KINDS[gathered.kind]
    who = "blank" if gathered.blank and not gathered.who else gathered.who
    if pdf is None:
        pdf = build_in(chosen.name, gathered.data, gathered.options, gathered.language)
    return PreparedDocument(
        pdf=pdf,
        kind=chosen.name,
        title=chosen.title,
        findings=tuple(findings_for(chosen, gathered)) if check else (),
        left_out=gathered.left_out,
        man_id=gathered.man_id,
        blank=gathered.blank,
        notes=gathered.notes,
        file_name=safe_file_name(chosen.title, who, gathered.printed_on),
        sensitive=gathered.options.include_sensitive and not gathered.blank,
        for_others=chosen.for_others or gathered.options.for_others,
        restriction=gathered.restriction,
        confirmed_restriction=gathered.options.confirmed_restriction,
        for_service=gathered.for_service,
        easy_read=gathered.options.easy_read,
        undrawable=tuple(undrawable(gathered.data)),
        language=gathered.language,
    )


def prepare(
    vault: Vault,
    kind: str,
    man_id: str | None,
    options: PrintOptions | None = None,
    *,
    blank: bool = False,
    passphrase: str | None = None,
    for_service: str | None = None,
    language: str | None = None,
) -> PreparedDocument:
    """Build document ``kind`` for the man ``man_id`` (None, or ``blank``: the form to fill in).

    The consent flags in ``options`` are ignored: his recorded consent decides. The recovery
    sheet needs ``passphrase``: it issues a new recovery code, and the old one stops working.
    ``for_service``: a copy addressed to that service (refused unless he agreed to share his
    plan with it). On a family sheet, when a limit on contact is recorded, his address and phone
    print only with ``options.confirmed_restriction``. ``language``: see ``print_language``.
    """
    if _kind(kind).name == RECOVERY:
        if passphrase is None:
            raise PrintError(
                tr("Errors", "a recovery sheet needs the passphrase, to issue a new recovery code")
            )
        return issue_recovery_sheet(vault, passphrase, options, language=language)
    return finish(
        gather(
            vault, kind, man_id, options, blank=blank, for_service=for_service, language=language
        )
    )


def gather(
    vault: Vault,
    kind: str,
    man_id: str | None,
    options: PrintOptions | None = None,
    *,
    blank: bool = False,
    for_service: str | None = None,
    language: str | None = None,
) -> Gathered:
    """Read what document ``kind`` needs, in one read transaction (see ``prepare``)."""
    chosen = _kind(kind)
    options = options or PrintOptions()
    if chosen.name == RECOVERY:
        raise PrintError(tr("Errors", "a recovery sheet is made by issuing a new recovery code"))
    if options.easy_read and not chosen.easy_read:
        raise PrintError(
            tr("Errors", "the {value} has no Easy Read version").format(value=chosen.title.lower())
        )
    if not chosen.needs_man and (man_id is not None or blank):
        raise PrintError(
            tr("Errors", "the {value} is not printed for one man").format(
                value=chosen.title.lower()
            )
        )
    if for_service is not None and (man_id is None or blank):
        raise PrintError(
            tr("Errors", "a copy for a service is made from his record: give his id, not a blank")
        )
    for_others = chosen.for_others or options.for_others or for_service is not None
    check_print_language(chosen, language, for_others)
    with vault.read() as session:
        ctx = _context(session, vault, man_id, options, for_others, for_service)
        warnings = reads.worker_warnings(chosen.name, ctx.worker)
        if not chosen.needs_man:
            data = _for_caseload(session, chosen, ctx)
            code = print_language(language)
            return _gathered(chosen, data, options, ctx, notes=warnings, language=code)
        man = require_man(session, man_id) if man_id is not None else None
        code = print_language(language, man.document_language if man else None)
        if man is None or blank:
            data = mapping.blank_input(chosen.input_type, man, ctx)
            who = initials(man.given_name, man.family_name) if man else None
            return _gathered(
                chosen,
                data,
                options,
                ctx,
                man_id=man_id,
                who=who,
                blank=True,
                notes=warnings,
                language=code,
            )
        copy = _service_copy(session, chosen, man.id, for_service, ctx)
        notes = _notes(session, chosen, man.id, for_others)
        restriction = _hold_for_restriction(session, chosen, man.id, ctx, options, notes)
        notes += warnings
        data = mapping.FOR_MAN[chosen.name](session, man.id, ctx)
        who = initials(man.given_name, man.family_name)
        return _gathered(
            chosen,
            data,
            options,
            ctx,
            man_id=man.id,
            who=who,
            notes=notes,
            restriction=restriction,
            copy=copy,
            language=code,
        )


def print_language(asked: str | None, his: str | None = None) -> str:
    """The language a print is made in: the one asked for; else his preferred language for his
    papers (a man's record); else the language the practitioner works in."""
    if asked:
        return asked
    if his in i18n.LANGUAGES:
        return str(his)
    current = i18n.language()
    return current if current in i18n.LANGUAGES else i18n.ENGLISH


def bilingual_allowed(chosen: Kind, for_others: bool) -> bool:
    """Welsh and English side by side is for papers meant for services and others (the explainer,
    the family sheet, a copy of his papers for someone else); the papers he keeps are printed in
    one language, his."""
    return chosen.for_others or for_others


def check_print_language(chosen: Kind, language: str | None, for_others: bool) -> None:
    if language is None:
        return
    if language not in PRINT_LANGUAGES:
        raise PrintError(
            f"no print language {language!r}; the languages are: {', '.join(PRINT_LANGUAGES)}"
        )
    if language == BILINGUAL and not bilingual_allowed(chosen, for_others):
        raise PrintError(
            f"the {chosen.title.lower()} is his own paper, printed in one language: choose en or "
            "cy (cy+en is for papers meant for services and others)"
        )


def _service_copy(
    session: Session, chosen: Kind, man_id: str, service_id: str | None, ctx: mapping.Context
) -> copies.ServiceCopy | None:
    if service_id is None:
        return None
    try:
        return copies.service_copy(
            session, chosen.name, man_id, service_id, ctx.share_contact, ctx.share_whereabouts
        )
    except copies.CopyRefused as exc:
        raise PrintError(str(exc)) from None


def _hold_for_restriction(
    session: Session,
    chosen: Kind,
    man_id: str,
    ctx: mapping.Context,
    options: PrintOptions,
    notes: list[str],
) -> bool:
    """On a family sheet, with a limit on contact recorded, keep his address and phone off
    unless the practitioner confirmed; True when the limit applies to this print."""
    if chosen.name != copies.FAMILY_SHEET or not (ctx.share_contact or ctx.share_whereabouts):
        return False
    if not copies.restriction_recorded(session, man_id):
        return False
    if options.confirmed_restriction:
        notes.append(copies.RESTRICTION_CONFIRMED)
    else:
        ctx.share_contact = ctx.share_whereabouts = False
        ctx.left_out.append(copies.RESTRICTION_HELD)
        ctx.quiet = True
    return True


def _for_caseload(session: Session, chosen: Kind, ctx: mapping.Context) -> Any:
    if chosen.name == "supervision":
        return supervision_input(session, ctx)
    if chosen.name == "explainer":
        return i.ExplainerInput(printed_on=ctx.today, worker=ctx.worker)
    if chosen.name == DEVICE_CARD:
        own = trust.own_keys(session.connection())
        return DeviceCardInput(ctx.today, own.name, own.device_id, own.card().fingerprint)
    raise PrintError(
        tr("Errors", "the {value} cannot be prepared this way").format(value=chosen.title.lower())
    )


def issue_recovery_sheet(
    vault: Vault,
    passphrase: str,
    options: PrintOptions | None = None,
    *,
    language: str | None = None,
) -> PreparedDocument:
    """A recovery sheet with a NEW recovery code: the old code stops working from now on.

    A wrong passphrase fails before anything changes. Print the result at once: the code cannot
    be read back from the vault afterwards.
    """
    chosen = KINDS[RECOVERY]
    check_print_language(chosen, language, for_others=False)
    code = credentials.new_recovery_code(vault, passphrase)
    data = i.RecoveryInput(printed_on=vault.clock.today(), code=code, vault_id=vault.vault_id)
    worker = reads.worker_details(vault)
    ctx = mapping.Context(today=vault.clock.today(), now=vault.clock.now(), worker=worker)
    gathered = _gathered(
        chosen,
        data,
        options or PrintOptions(),
        ctx,
        notes=(RECOVERY_WARNING,),
        language=print_language(language),
    )
    return finish(gathered, check=False)


def record_document(vault: Vault, document: PreparedDocument, destination: str) -> None:
    """Audit a prepared document's print or save, with what went into it and for whom: the
    service a copy was for and a confirmed limit on contact are said too (never any content)."""
    extra = ""
    if document.for_service:
        extra += f"; a copy for service {document.for_service}"
    if document.easy_read:
        extra += "; Easy Read"
    if document.confirmed_restriction:
        extra += "; printed his address or phone despite a recorded limit on contact (confirmed)"
    record_prints(
        vault,
        document.kind,
        [document.man_id],
        destination,
        blank=document.blank,
        sensitive=document.sensitive,
        for_others=document.for_others or bool(document.for_service),
        extra=extra,
        language=document.language,
    )


def record_print(
    vault: Vault,
    kind: str,
    man_id: str | None,
    destination: str,
    *,
    blank: bool = False,
    document: PreparedDocument | None = None,
) -> None:
    """Audit one print or save: which document, for whom (his record id) and where it went;
    with ``document``, also what went into it and for whom (``record_document``)."""
    if document is not None:
        record_document(vault, document, destination)
        return
    record_prints(vault, kind, [man_id], destination, blank=blank)


def record_prints(
    vault: Vault,
    kind: str,
    man_ids: Sequence[str | None],
    destination: str,
    *,
    blank: bool = False,
    sensitive: bool = False,
    for_others: bool = False,
    extra: str = "",
    language: str | Sequence[str] = i18n.ENGLISH,
) -> None:
    """Audit many prints of one kind in one transaction (a batch): one entry per man, saying
    which document, in which language (one for all, or one per man), where it went, whether
    sensitive parts were in and whether it was a copy for someone else (never any content)."""
    chosen = _kind(kind)
    if destination not in DESTINATIONS:
        raise PrintError(
            tr("Errors", "a print goes to one of: {destinations}").format(
                destinations=", ".join(sorted(DESTINATIONS))
            )
        )
    whose = (
        "a copy for someone else" if for_others or chosen.for_others else "not a copy for others"
    )
    languages = [language] * len(man_ids) if isinstance(language, str) else list(language)
    if len(languages) != len(man_ids):
        raise PrintError("a print's audit needs one language per man")

    def detail(code: str) -> str:
        return (
            f"{kind}{' (blank)' if blank else ''} to {destination}; "
            f"sensitive parts {'included' if sensitive else 'left out'}; {whose}{extra}; "
            f"language {code}"
        )

    with vault.write() as session:
        for man_id, code in zip(man_ids, languages, strict=True):
            table = "participants" if man_id is not None else None
            vault.stamper.audit(session, "print", table, man_id, detail(code))


def check_writable_target(path: str | os.PathLike[str]) -> None:
    """Fail early (before a recovery code is replaced) when ``path`` cannot be written."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise PrintError(
            tr("Errors", "cannot save the PDF: the name chosen is a folder, not a file")
        )
    if not folder.is_dir():
        raise PrintError(tr("Errors", "cannot save the PDF: the folder does not exist"))
    if not os.access(folder, os.W_OK | os.X_OK) or (
        target.exists() and not os.access(target, os.W_OK)
    ):
        raise PrintError(
            tr("Errors", "cannot save the PDF there: the folder or the file is not writable")
        )
