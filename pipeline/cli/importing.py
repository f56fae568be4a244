"""``tourdesk import``: tourist lists into the client store."""

from __future__ import annotations

import os
import sys

import click

from pipeline.cli.common import EXIT_SOME_REJECTED, EXIT_UNREADABLE, EXIT_USAGE, db_option, db_url, fail


class _ImportCommand(click.Command):
    """``tourdesk import undo BATCH`` takes back a whole import; anything else is a list to read."""

    def make_context(self, info_name, args, parent=None, **extra):
        if args[:1] == ["undo"] and not os.path.exists("undo"):
            from pipeline.cli.batches import undo

            return undo.make_context(f"{info_name} undo", args[1:], parent=parent, **extra)
        return super().make_context(info_name, args, parent=parent, **extra)


@click.command("import", cls=_ImportCommand)
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--from-trip", "from_trips", multiple=True, metavar="VOUCHER", help="Copy the tourists of a past trip (use with --trip for the new one).")
@click.option("--format", "fmt", metavar="FORMAT", help="Reader to use instead of detecting it (see: tourdesk plugins).")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False), help="A saved column mapping (YAML).")
@click.option("--save-mapping", type=click.Path(dir_okay=False), help="Save the detected column mapping to this file.")
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
def import_cmd(paths, from_trips, fmt, mapping, save_mapping, trip, on_conflict, dry_run, preview, as_json) -> None:
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
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    sources = [source_for(p, stdin) for p in paths]
    sources += [Source(name=f"trip {v}", uri=f"trip:{v}", db_url=db_url()) for v in from_trips]
    read_any, trouble = False, False
    for source in sources:
        try:
            if preview:
                _preview(source, fmt, saved, save_mapping)
                read_any = True
                continue
            result = import_source(
                source, db_url=db_url(), trip_voucher=trip, on_conflict=on_conflict,
                ask=_ask if on_conflict == "ask" else None, fmt=fmt, mapping=saved,
                dry_run=dry_run, on_rows=_print_json if as_json and dry_run else None,
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
        if not (as_json and dry_run):
            _report(result, as_json)
    if not read_any:
        sys.exit(EXIT_UNREADABLE)
    sys.exit(EXIT_SOME_REJECTED if trouble else 0)


def _print_json(rows) -> None:
    # why here: tourdesk --help imports every command module
    import json

    click.echo("\n".join(json.dumps(r.to_json(), ensure_ascii=False) for r in rows))


def _report(result, as_json: bool) -> None:
    if as_json:
        _print_json(result.rows)
        return
    click.echo(result.summary())
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
    click.echo("")
    fields = ["surname_lat", "name_lat", "surname_ru", "name_ru", "gender", "birth_date", "passport_number", "status"]
    click.echo("  ".join(f"{f[:12]:12}" for f in ["row", *fields]))
    for row in table.rows[:10]:
        cells = [str(row.source_row)] + [str(row.record.get(f) or "") for f in fields[:-1]] + [row.status]
        click.echo("  ".join(f"{c[:12]:12}" for c in cells))
    if save_mapping:
        _save(table, save_mapping)


def _save(table, path: str) -> None:
    # why here: tourdesk --help imports every command module
    from pipeline.importing.sources import Mapping

    Mapping(
        {str(col + 1): target for col, target in sorted(table.mapping.items())},
        table.header_row + 1 if table.header_row is not None else None,
    ).save(path)
    click.echo(f"column mapping saved to {path}", err=True)
