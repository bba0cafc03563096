"""The print command: any document as a PDF file, written atomically and audited.

It never prompts for a choice: a missing or conflicting option is a usage error (exit 2) and
anything that cannot be done is a failure (exit 1), each explained on one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engager_desktop.cli.common import CliFailure, read_passphrase, vault_arg, with_backoff_wait
from engager_desktop.services import printing
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.vault import VaultOptions
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.save import SavePdfError, save_pdf

USAGE = 2
RECOVERY_WARNING = (
    "warning: this PDF unlocks the vault. Print it, lock the paper away, "
    "then delete the file (and empty the recycle bin)."
)
NEEDS_NEW_CODE = (
    "a recovery sheet needs --new-code: printing one issues a new recovery code, "
    "and the old code stops working"
)
CODE_NOT_SAVED = (
    "the new recovery code was not saved and the old code no longer works; "
    "the passphrase still opens the vault, so run this again to issue another"
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "print",
        help="write a document (worksheet, plan, summary) as a PDF file; --list shows the kinds",
    )
    p.add_argument("kind", nargs="?", metavar="KIND", help="the document; see --list")
    p.add_argument("--list", action="store_true", help="list the kinds of document and stop")
    vault_arg(p, required=False)
    p.add_argument("--man", metavar="ID", default=None, help="his record id")
    p.add_argument("--large-print", action="store_true", help="every character 16 pt or more")
    p.add_argument(
        "--easy-read",
        action="store_true",
        help="the Easy Read version: a picture beside each idea, 16 pt or more "
        "(action-plan, pledge, release-plan, ending)",
    )
    p.add_argument(
        "--include-sensitive",
        action="store_true",
        help="include sensitive parts (trauma, risk, limits on family contact)",
    )
    p.add_argument("--blank", action="store_true", help="the empty form, to fill in by hand")
    p.add_argument(
        "--for-service",
        metavar="ID",
        default=None,
        help="a copy addressed to this service (its id in the directory); needs his consent",
    )
    p.add_argument(
        "--confirm-restriction",
        action="store_true",
        help="family-sheet only: print his address and phone although a limit on contact is "
        "recorded (you have checked it is safe)",
    )
    p.add_argument(
        "--new-code",
        action="store_true",
        help="recovery-sheet only: issue a new recovery code (the old one stops working)",
    )
    p.add_argument(
        "--language",
        choices=printing.PRINT_LANGUAGES,
        default=None,
        help="en (English), cy (Welsh) or cy+en (Welsh and English side by side, for papers "
        "meant for others: the explainer, the family sheet, a copy --for-service); "
        "default: his preferred language for his papers, else English",
    )
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_print)


def usage_error(message: str) -> int:
    print(f"engager-desktop print: error: {message}", file=sys.stderr)
    return USAGE


def list_kinds() -> int:
    for info in printing.kinds():
        if info.needs_man:
            how = "--man ID, or --blank"
        elif info.name == printing.RECOVERY:
            how = "no --man; needs --new-code"
        else:
            how = "no --man"
        if info.easy_read:
            how += "; --easy-read"
        if info.for_others:
            how += "; --language cy+en"
        print(f"{info.name:<16} {info.title}  [{how}]")
    return 0


def check_choices(args: argparse.Namespace) -> str | None:
    """The usage error in the options given, or None when they make sense together."""
    names = [info.name for info in printing.kinds()]
    if args.kind is None:
        return "choose a kind of document (engager-desktop print --list shows them)"
    if args.kind not in names:
        return f"no document kind {args.kind!r}; the kinds are: {', '.join(names)}"
    if args.vault is None:
        return "give the vault folder with --vault DIR"
    if args.output is None:
        return "give the file to write with -o FILE.pdf"
    info = next(i for i in printing.kinds() if i.name == args.kind)
    if info.needs_man and args.man is None and not args.blank:
        return f"{args.kind} is printed for one man: give --man ID, or --blank for an empty form"
    if not info.needs_man and (args.man is not None or args.blank):
        return f"{args.kind} is not printed for one man: leave out --man and --blank"
    if args.new_code and args.kind != printing.RECOVERY:
        return "--new-code is only for recovery-sheet"
    if args.for_service is not None and (args.man is None or args.blank):
        return "--for-service needs --man ID (a copy of his papers), and no --blank"
    if args.easy_read and not info.easy_read:
        easy = ", ".join(i.name for i in printing.kinds() if i.easy_read)
        return f"--easy-read is only for {easy}"
    if args.easy_read and args.large_print:
        return "choose --easy-read or --large-print, not both (Easy Read is 16 pt or more already)"
    if args.confirm_restriction and args.kind != "family-sheet":
        return "--confirm-restriction is only for family-sheet"
    if args.language == printing.BILINGUAL and not (info.for_others or args.for_service):
        others = ", ".join(i.name for i in printing.kinds() if i.for_others)
        return (
            f"--language cy+en is for papers meant for others ({others}, or a copy "
            "--for-service); his own papers are printed in one language: en or cy"
        )
    return None


def cmd_print(args: argparse.Namespace, options: VaultOptions) -> int:
    if args.list:
        return list_kinds()
    problem = check_choices(args)
    if problem is not None:
        return usage_error(problem)
    if args.kind == printing.RECOVERY and not args.new_code:
        raise CliFailure(NEEDS_NEW_CODE)
    printing.check_writable_target(args.output)
    chosen = PrintOptions(
        large_print=args.large_print,
        easy_read=args.easy_read,
        include_sensitive=args.include_sensitive,
        confirmed_restriction=args.confirm_restriction,
    )
    passphrase = read_passphrase()
    with with_backoff_wait(options, lambda: unlock_vault(args.vault, passphrase, options)) as vault:
        if args.kind == printing.RECOVERY:
            print(RECOVERY_WARNING, file=sys.stderr)
            document = printing.issue_recovery_sheet(
                vault, passphrase, chosen, language=args.language
            )
        else:
            document = printing.prepare(
                vault,
                args.kind,
                args.man,
                chosen,
                blank=args.blank,
                for_service=args.for_service,
                language=args.language,
            )
        try:
            path = save_pdf(document.pdf, args.output)
        except SavePdfError as exc:
            if args.kind == printing.RECOVERY:
                raise CliFailure(f"{exc}; {CODE_NOT_SAVED}") from None
            raise CliFailure(str(exc)) from None
        printing.record_document(vault, document, "file")
    report(document, path)
    return 0


def report(document: printing.PreparedDocument, path: Path) -> None:
    """What was written, and what the practitioner should know (never his data: a character
    that cannot be printed is named with the field it is in, never the text around it)."""
    if document.undrawable:
        named = "; ".join(item.message for item in document.undrawable)
        print(f"cannot print (shown as �): {named}", file=sys.stderr)
    print(f"{document.title}: written to {path}")
    for part in document.left_out:
        print(f"left out: {part}")
    for note in document.notes:
        if note != printing.RECOVERY_WARNING:
            print(f"check: {note}")
    if document.findings:
        count = len(document.findings)
        print(
            f"wording check: {count} suggestion{'s' if count != 1 else ''} on the text entered; "
            "see them in the app before printing"
        )
