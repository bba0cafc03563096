"""Extract the marked strings into ``engager.pot`` and merge them into each language's ``.po``.

``python3 dev.py strings`` (or ``python -m engager_desktop.i18n_strings``) reads every module of
the package and finds ``tr("context", "text")``, ``N_("context", "text")`` and
``trn("context", "one", "many", n)`` whose context and text are written out as literals (a
variable is the marker's job, at the place the constant is defined). A language's ``.po`` keeps
its translations, gains the new strings (empty: the catalogue test then fails until they are
written) and loses the ones no longer in the code. ``--check`` changes nothing and exits 1 if a
file would change. The practice guidance (``resources/guidance/*.json``) is read too: each
prompt's text under the context ``Guidance.<id>`` (its evidence tags are marked in
``domain/guidance.py``). Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from engager_desktop.i18n import LANGUAGES, TEMPLATE, Catalogue, Entry, parse_po, write_po

PACKAGE = Path(__file__).resolve().parent
I18N_DIR = PACKAGE / "resources" / "i18n"
GUIDANCE_DIR = PACKAGE / "resources" / "guidance"
MARKERS = {"tr": 2, "N_": 2, "trn": 3}  # name -> how many literal strings it takes
# Helpers that translate their text themselves: (module, method) -> (context, argument index).
# The main window's ``_action(key, text, ...)`` keeps its menu lines as they were.
TRANSLATING_HELPERS = {("engager_desktop/ui/main_window.py", "_action"): ("MainWindow", 1)}
HEADER = (
    "Project-Id-Version: Engager Desktop\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
)
PLURAL_FORMS = {
    "cy": "nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;",
}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):  # i18n.tr(...)
        return node.attr
    return None


def strings_in(source: str, filename: str) -> list[Entry]:
    """The marked strings of one module, in the order they appear."""
    found: list[Entry] = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        helper = TRANSLATING_HELPERS.get((filename, name or ""))
        if helper is not None:
            context, index = helper
            text = node.args[index] if len(node.args) > index else None
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                entry = Entry(context, text.value)
                entry.comments = [f"#: {filename}"]
                found.append(entry)
            continue
        wanted = MARKERS.get(name or "")
        if wanted is None or len(node.args) < wanted:
            continue
        literals = node.args[:wanted]
        if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in literals):
            continue
        texts = [a.value for a in literals if isinstance(a, ast.Constant)]
        plural = texts[2] if wanted == 3 else None
        entry = Entry(str(texts[0]), str(texts[1]), None if plural is None else str(plural))
        entry.comments = [f"#: {filename}"]
        found.append(entry)
    return found


def guidance_strings(folder: Path, name: str) -> list[Entry]:
    """Each guidance prompt's text, under ``Guidance.<id>`` (the files are checked as loaded)."""
    from engager_desktop.domain import guidance

    found: list[Entry] = []
    for path in sorted(folder.glob("*.json")):
        for prompt in guidance.parse_file(path.name, path.read_text(encoding="utf-8")):
            entry = Entry(guidance.text_context(prompt.id), prompt.text)
            entry.comments = [f"#: {name}/{path.name}"]
            found.append(entry)
    return found


def extract(package: Path = PACKAGE) -> list[Entry]:
    """Every marked string of the package, once each, sorted by context then text."""
    merged: dict[tuple[str, str], Entry] = {}
    sources = [
        (path.relative_to(package.parent).as_posix(), path)
        for path in sorted(package.rglob("*.py"))
    ]
    folder = package / GUIDANCE_DIR.relative_to(PACKAGE)
    found = [strings_in(path.read_text(encoding="utf-8"), name) for name, path in sources]
    found.append(guidance_strings(folder, folder.relative_to(package.parent).as_posix()))
    for entries in found:
        for entry in entries:
            if entry.key in merged:
                if entry.comments[0] not in merged[entry.key].comments:
                    merged[entry.key].comments += entry.comments
            else:
                merged[entry.key] = entry
    return [merged[key] for key in sorted(merged)]


def template(entries: list[Entry]) -> Catalogue:
    blank = [
        Entry(e.context, e.msgid, e.plural, ["", ""] if e.plural else [""], False, e.comments)
        for e in entries
    ]
    return Catalogue(HEADER + "Plural-Forms: nplurals=2; plural=(n != 1);\n", blank)


def merge(entries: list[Entry], old: Catalogue | None, code: str) -> Catalogue:
    """``code``'s catalogue for ``entries``: kept translations, new strings empty."""
    kept = {e.key: e for e in old.entries} if old else {}
    header = (
        old.header if old else HEADER + f"Language: {code}\nPlural-Forms: {PLURAL_FORMS[code]}\n"
    )
    count = old.plural_count() if old else int(PLURAL_FORMS[code].split(";")[0].split("=")[1])
    out: list[Entry] = []
    for entry in entries:
        before = kept.get(entry.key)
        size = count if entry.plural is not None else 1
        strings = list(before.strings) if before and before.plural == entry.plural else []
        strings = (strings + [""] * size)[:size]
        fuzzy = bool(before and before.fuzzy)
        out.append(Entry(entry.context, entry.msgid, entry.plural, strings, fuzzy, entry.comments))
    return Catalogue(header, out)


def planned(folder: Path = I18N_DIR) -> dict[Path, str]:
    """Each catalogue file and the text it should have now."""
    entries = extract()
    files = {folder / TEMPLATE: write_po(template(entries))}
    for code in LANGUAGES:
        path = folder / f"{code}.po"
        if code != "en" and (path.exists() or code in PLURAL_FORMS):
            old = parse_po(path.read_text(encoding="utf-8")) if path.exists() else None
            files[path] = write_po(merge(entries, old, code))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dev.py strings", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    from engager_desktop.fsutil import atomic_write_bytes

    stale = []
    for path, text in planned().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, text.encode("utf-8"))
    if args.check and stale:
        print(
            "out of date: " + ", ".join(stale) + " (run: python3 dev.py strings)", file=sys.stderr
        )
        return 1
    print(("would update: " if args.check else "updated: ") + (", ".join(stale) or "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
