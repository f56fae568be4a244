"""Bring the desk's message catalogs up to date with the templates and the routes.

    python tools/desk_messages.py          # add new messages (empty) to every catalog
    python tools/desk_messages.py --check  # exit 1 when a message lacks its Russian

The templates say ``_("...")``; the routes say ``tr(request, "...")`` (the message is the second
argument) and mark labels defined ahead of use with ``N_("...")``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

DESK = Path(__file__).resolve().parent.parent / "pipeline" / "desk"
LOCALES = DESK / "locale"
LANGUAGES = ("ru", "en")


def extract() -> Catalog:
    catalog = Catalog(project="tourdesk-desk", charset="utf-8")
    runs = [
        ([("templates/**.html", "jinja2.ext:babel_extract")], {"_": None, "gettext": None}),
        ([("**.py", "python")], {"tr": (2,), "N_": None}),
    ]
    for method_map, keywords in runs:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            DESK, method_map=method_map, keywords=keywords,
            options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n,jinja2.ext.do"}},
        ):
            if isinstance(message, str) and message:
                catalog.add(message, locations=[(filename, lineno)])
    return catalog


def po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / "messages.po"


def load(language: str) -> Catalog:
    path = po_path(language)
    if not path.is_file():
        return Catalog(locale=language, project="tourdesk-desk", charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def untranslated(language: str = "ru") -> list[str]:
    """Messages of the templates and routes that ``language``'s catalog does not translate."""
    catalog = load(language)
    return sorted(m.id for m in extract() if m.id and not (catalog.get(m.id) and catalog.get(m.id).string))


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        catalog = load(language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False  # the header: a fuzzy header would be left out when compiled
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, omit_header=False, sort_output=True, width=100, ignore_obsolete=True,
                     include_lineno=False)  # fmt: skip


if __name__ == "__main__":
    if "--check" in sys.argv:
        missing = untranslated("ru")
        for message in missing:
            print(f"no Russian for: {message}")
        sys.exit(1 if missing else 0)
    update()
