"""``tourdesk dictionary``: the Russian → English/French dictionary of questionnaire values."""

from __future__ import annotations

from collections.abc import Sequence

import click

from pipeline.cli.common import db_option, db_url, fail, friendly_errors

EXIT_USAGE = 2


@click.group()
def dictionary() -> None:
    """List, add, correct, import and export dictionary entries; see what forms still need.

    \b
    A questionnaire value the dictionary lacks is never copied into the form in Russian:
    it waits in `tourdesk dictionary missing` until someone adds it, e.g.
      tourdesk dictionary add "тракторист" --en "tractor driver" --fr "conducteur de tracteur"
    """


@dictionary.command("list")
@click.option("--kind", metavar="K", help="Only this kind: city, country, occupation, employer, civil_status, ...")
@click.option("--search", metavar="TEXT", help="Only entries whose Russian, English or French contains TEXT.")
@db_option
@friendly_errors
def list_cmd(kind: str | None, search: str | None) -> None:
    """List dictionary entries."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.dictionary.entries import list_entries
    from pipeline.store.db import session_scope

    with session_scope(db_url()) as session:
        entries = list_entries(session, kind=kind, search=search)
        rows = [(e.ru, e.en or "—", e.fr or "—", e.kind or "", e.origin) for e in entries]
    if not rows:
        click.echo("No entries found.")
        return
    for line in _table(("Russian", "English", "French", "kind", "from"), rows):
        click.echo(line)
    click.echo(f"{len(rows)} entries")


@dictionary.command()
@click.argument("ru")
@click.option("--en", metavar="EN", help="English.")
@click.option("--fr", metavar="FR", help="French (mind the gender: marié / mariée).")
@click.option("--kind", metavar="K", help="city, country, occupation, employer, civil_status, purpose, relation, ...")
@db_option
@friendly_errors
def add(ru: str, en: str | None, fr: str | None, kind: str | None) -> None:
    """Add RU, or correct it if it is already there (the old values are kept in the history)."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.dictionary.entries import add_entry
    from pipeline.store.db import session_scope

    if not (en or fr or kind):
        fail("give --en, --fr or both (and --kind if you like)", EXIT_USAGE)
    try:
        with session_scope(db_url()) as session:
            entry, status, change = add_entry(session, ru, en, fr, kind)
            shown = f"{entry.ru} → {entry.en or '—'} / {entry.fr or '—'}"
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)
    if status == "added":
        click.echo(f"added: {shown}")
    elif status == "unchanged":
        click.echo(f"already so: {shown}")
    else:
        assert change is not None
        click.echo(f"corrected: {shown} (was: {change.old_en or '—'} / {change.old_fr or '—'})")
    if not (entry.en and entry.fr):
        missing = "English" if not entry.en else "French"
        click.echo(f"note: {entry.ru} has no {missing} yet; forms in {missing} will still ask for it")


@dictionary.command()
@click.option("--language", type=click.Choice(["en", "fr"]), help="Only values missing in this language.")
@db_option
@friendly_errors
def missing(language: str | None) -> None:
    """Values questionnaires needed but the dictionary lacks: which form, which client, how often."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.dictionary.entries import missing_entries
    from pipeline.store.db import session_scope

    with session_scope(db_url()) as session:
        queue = missing_entries(session, language)
        names = _client_names(session, [m.client_id for m in queue])
        rows = [
            (m.ru, m.language, m.form_id or "—", names.get(m.client_id, m.client_id or "—"), str(m.times),
             m.last_seen.strftime("%d.%m.%Y %H:%M"))
            for m in queue
        ]
    if not rows:
        click.echo("Nothing missing: every value the forms needed is in the dictionary.")
        return
    for line in _table(("value", "lang", "form", "client", "times", "last needed"), rows):
        click.echo(line)
    click.echo(f'{len(rows)} missing; add them with: tourdesk dictionary add VALUE --en ... --fr ...')


@dictionary.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@db_option
@friendly_errors
def import_cmd(file: str) -> None:
    """Add or correct entries from FILE (.csv in UTF-8 or .xlsx, columns ru, en, fr, kind)."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.dictionary.entries import import_entries
    from pipeline.store.db import session_scope

    with session_scope(db_url()) as session:
        counts = import_entries(session, file)
    click.echo(f"{counts['added']} added, {counts['updated']} corrected, {counts['unchanged']} already so")


@dictionary.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=str))
@click.option("--kind", metavar="K", help="Only this kind.")
@db_option
@friendly_errors
def export_cmd(file: str, kind: str | None) -> None:
    """Write the dictionary to FILE (.xlsx, or CSV in UTF-8 for any other name)."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.dictionary.entries import export_entries
    from pipeline.store.db import session_scope

    with session_scope(db_url()) as session:
        count = export_entries(session, file, kind=kind)
    click.echo(f"{count} entries written to {file}")


def _client_names(session, ids: Sequence[str]) -> dict[str, str]:
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from sqlalchemy import select

    from pipeline.store.models import Client

    wanted = {int(i) for i in ids if i.isdigit()}
    if not wanted:
        return {}
    out = {}
    for c in session.scalars(select(Client).where(Client.id.in_(wanted))):
        surname = c.surname_lat or c.surname_ru or "?"
        out[str(c.id)] = f"#{c.id} {surname.upper()} {(c.name_lat or c.name_ru or '').title()}".strip()
    return out


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    return ["  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in [headers, *rows]]
