"""``tourdesk trips find``: a click command for the ``trips`` group to attach."""

from __future__ import annotations

import click

from pipeline.cli.common import db_option, db_url, fail, friendly_errors
from pipeline.normalize.dates import BadDate, parse_date

EXIT_USAGE = 2


@click.command("find")
@click.option("--voucher", help="Voucher number or its beginning.")
@click.option("--created-from", metavar="DATE", help="Created on or after this date.")
@click.option("--created-to", metavar="DATE", help="Created on or before this date.")
@click.option("--arrival", metavar="DATE", help="Arriving on this day.")
@click.option("--arrival-from", metavar="DATE", help="Arriving on or after this date.")
@click.option("--arrival-to", metavar="DATE", help="Arriving on or before this date.")
@click.option("--surname", help="A tourist on the trip (Latin or Cyrillic, beginning is enough).")
@db_option
@friendly_errors
def find(voucher, created_from, created_to, arrival, arrival_from, arrival_to, surname) -> None:
    """Find trips by voucher, creation period, arrival date or a tourist's surname."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.store.db import session_scope
    from pipeline.trips.search import find_trips

    dates = {
        "created_from": _date(created_from, "--created-from"),
        "created_to": _date(created_to, "--created-to"),
        "arrival_from": _date(arrival or arrival_from, "--arrival"),
        "arrival_to": _date(arrival or arrival_to, "--arrival"),
    }
    if not (voucher or surname or any(dates.values())):
        fail("say what to look for: --voucher, --surname, --arrival or a creation period", EXIT_USAGE)
    with session_scope(db_url()) as session:
        found = find_trips(session, voucher=voucher, surname=surname, **dates)
        if not found:
            click.echo("No trip found.")
        for t in found:
            click.echo(f"{t.voucher:<16} {t.country or '?':<4} arriving {t.arrival or '?'}  departing "
                       f"{t.departure or '?'}  created {t.created_on}  {len(t.tourists)} tourists  {t.title or ''}")  # fmt: skip


def _date(value: str | None, option: str):
    if not value:
        return None
    try:
        return parse_date(value, kind="expiry")
    except BadDate:
        fail(f"{option} {value!r} is not a date", EXIT_USAGE)
