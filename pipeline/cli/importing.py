"""``tourdesk import``: tourist lists into the client store."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile

import click

from pipeline.cli.common import (
    EXIT_SOME_REJECTED,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    Progress,
    db_option,
    db_url,
    fail,
)


class _ImportCommand(click.Command):
    """``tourdesk import undo BATCH`` takes back a whole import; anything else is a list to read."""

    def make_context(self, info_name, args, parent=None, **extra):
        if args[:1] == ["undo"] and not os.path.exists("undo"):
            # why here: the batches commands load only for `tourdesk import undo`
            from pipeline.cli.batches import undo

            return undo.make_context(f"{info_name} undo", args[1:], parent=parent, **extra)
        return super().make_context(info_name, args, parent=parent, **extra)


@click.command("import", cls=_ImportCommand)
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--from-trip", "from_trips", multiple=True, metavar="VOUCHER", help="Copy the tourists of a past trip (use with --trip for the new one).")
@click.option("--format", "fmt", metavar="FORMAT", help="Reader to use instead of detecting it (see: tourdesk plugins).")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False), help="A saved column mapping (YAML).")
@click.option("--save-mapping", type=click.Path(dir_okay=False), help="Save the detected column mapping to this file.")
@click.option("--partner", metavar="NAME", help="The partner the list comes from: the column mapping kept for them (the desk keeps it when a clerk corrects a column) is used.")
@click.option("--trip", "trip", metavar="VOUCHER", help="Put the tourists on this trip.")
@click.option(
    "--on-conflict",
    type=click.Choice(["review", "keep", "overwrite", "ask"]),
    default="review",
    show_default=True,
    help="When the list contradicts the client file: queue for review, keep the file, overwrite it, or ask.",
)
@click.option("--dry-run", is_flag=True, help="Read and check only; write nothing.")
@click.option("--preview", is_flag=True, help="Show the detected columns and the first rows; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per row on standard output.")
@db_option
def import_cmd(paths, from_trips, fmt, mapping, save_mapping, partner, trip, on_conflict, dry_run, preview, as_json) -> None:
    """Read tourist lists (text, CSV, Excel, Word, PDF; '-' for standard input), clean them and
    merge them into the client store.

    Exit status: 0 all rows accepted, 3 some rows not imported, 1 nothing could be read.
    `tourdesk import undo BATCH` takes a whole import back (see: tourdesk batches list).
    """
    # why here: tourdesk --help imports every command module
    from pipeline.importing.run import import_source
    from pipeline.importing.sources import Mapping, source_for
    from pipeline.store.db import StoreUnavailable
    from pipeline.trips.trip import TripNotFound
    from pipeline.types import CannotRead, Source

    if not paths and not from_trips:
        raise click.UsageError("give a file to import (or - for standard input), or --from-trip VOUCHER")
    if trip and trip in from_trips:
        raise click.UsageError("--from-trip and --trip name the same trip; --trip is the new one")
    if on_conflict == "ask" and not (dry_run or preview) and not (sys.stdin.isatty() and "-" not in paths):
        # nobody could answer: a script, a scheduler, or a list piped on standard input
        fail("--on-conflict ask needs someone at a terminal to answer; choose keep, overwrite or review "
             "(--on-conflict keep|overwrite|review)", EXIT_USAGE)  # fmt: skip
    try:
        saved = Mapping.load(mapping) if mapping else None
    except CannotRead as exc:
        fail(str(exc))
    if partner and saved is None:
        saved = _partner_mapping(partner)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    sources = [source_for(p, stdin) for p in paths]
    sources += [Source(name=f"trip {v}", uri=f"trip:{v}", db_url=db_url()) for v in from_trips]
    read_any, trouble = False, False
    for source in sources:
        spool = _Spool() if as_json and not dry_run else None
        try:
            if preview:
                _preview(source, fmt, saved, save_mapping)
                read_any = True
                continue
            # a count on the terminal for a long list; nothing extra when piped, asked to
            # answer questions, or with --json
            with Progress(enabled=None if not as_json and on_conflict != "ask" else False) as shown:
                result = import_source(
                    source, db_url=db_url(), trip_voucher=trip, on_conflict=on_conflict,
                    ask=_ask if on_conflict == "ask" else None, fmt=fmt, mapping=saved,
                    dry_run=dry_run, on_rows=_print_json if as_json and dry_run else None,
                    on_merged=spool.add if spool else None,
                    progress=lambda read, merged, name=source.name: shown.show(
                        f"{name}: {read:,} rows read" + ("" if dry_run else f", {merged:,} merged")),
                )  # fmt: skip
        except CannotRead as exc:
            click.echo(f"tourdesk: {exc}", err=True)
            trouble = True
            continue
        except (StoreUnavailable, TripNotFound) as exc:
            fail(str(exc).strip("'\""))
        read_any = True
        trouble = trouble or result.rejected > 0
        if save_mapping and result.table is not None:
            _save(result.table, save_mapping)
        if spool is not None:
            spool.emit()  # committed: now each row can say which client it went to
        elif not (as_json and dry_run):
            _report(result, as_json)
        if as_json:  # standard output holds the rows only; a person reads the rest
            for line in result.notices():
                click.echo(f"tourdesk: {source.name}: {line}", err=True)
    if not read_any:
        sys.exit(EXIT_UNREADABLE)
    sys.exit(EXIT_SOME_REJECTED if trouble else 0)


def _print_json(rows) -> None:
    # why here: tourdesk --help imports every command module
    click.echo("\n".join(json.dumps(r.to_json(), ensure_ascii=False) for r in rows))


class _Spool:
    """The JSON lines of a real import, held in a private temporary file until the import is
    committed (a list of any length, in flat memory), then printed."""

    def __init__(self) -> None:
        # 0600 and gone when closed; held open across the import, so no context manager
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def add(self, rows, outcomes) -> None:
        for r, outcome in zip(rows, outcomes, strict=True):
            line = r.to_json() | {"client_id": outcome.client_id, "outcome": outcome.action}
            if outcome.action == "review":
                line["messages"] = [*line["messages"], f"needs a person: {outcome.reason}"]
            self.file.write(json.dumps(line, ensure_ascii=False) + "\n")

    def emit(self) -> None:
        self.file.seek(0)
        shutil.copyfileobj(self.file, sys.stdout)
        sys.stdout.flush()
        self.file.close()


def _report(result, as_json: bool) -> None:
    if as_json:
        _print_json(result.rows)
        return
    click.echo(result.summary())
    for line in result.notices():
        click.echo(f"  {line}")
    reviews = {o.source_row: o for o in result.reviews}
    for row in result.rows:
        if row.source_row in reviews:
            click.echo(f"  row {row.source_row}: needs a person: {reviews[row.source_row].reason}")
        for message in row.messages:
            click.echo(f"  {message}")


def _ask(client, field: str, old, new) -> bool:
    who = " ".join(filter(None, [client.surname_lat or client.surname_ru, client.name_lat or client.name_ru]))
    return click.confirm(
        f"Client {client.id} {who}: the list says {field} is {new!r}, the client file says {old!r}. Overwrite?",
        default=False,
    )


def _preview(source, fmt, saved, save_mapping) -> None:
    # why here: tourdesk --help imports every command module
    from pipeline.importing.sources import normalize_source

    table = normalize_source(source, fmt=fmt, mapping=saved)
    click.echo(f"{source.name}: header on line {table.header_row + 1 if table.header_row is not None else '-'}")
    for col, target in sorted(table.mapping.items()):
        click.echo(f"  column {col + 1:>2} {table.column_label(col)[:30]!r:34} -> {target}")
    for line in table.skipped[:20] + table.unused:
        click.echo(f"  {line}")
    click.echo("")
    fields = ["surname_lat", "name_lat", "surname_ru", "name_ru", "gender", "birth_date", "passport_number", "status"]
    click.echo("  ".join(f"{f[:12]:12}" for f in ["row", *fields]))
    for row in table.rows[:10]:
        cells = [str(row.source_row)] + [str(row.record.get(f) or "") for f in fields[:-1]] + [row.status]
        click.echo("  ".join(f"{c[:12]:12}" for c in cells))
    if save_mapping:
        _save(table, save_mapping)


def _partner_mapping(partner: str):
    # why here: tourdesk --help imports every command module (these load SQLAlchemy)
    from pipeline.importing.sources import partner_mapping_for
    from pipeline.store.db import StoreUnavailable, session_scope

    try:
        with session_scope(db_url()) as session:
            found = partner_mapping_for(session, partner)
    except StoreUnavailable as exc:
        fail(str(exc))
    if found is None:
        click.echo(f"no column mapping kept for {partner!r} yet: the columns are detected", err=True)
    return found


def _save(table, path: str) -> None:
    # why here: tourdesk --help imports every command module
    from pipeline.importing.sources import Mapping

    Mapping.of_table(table).save(path)
    click.echo(f"column mapping saved to {path}", err=True)
