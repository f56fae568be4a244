"""``tourdesk clients``: the regular-client file."""

from __future__ import annotations

import json

import click

from pipeline.cli.common import db_option, db_url, fail, friendly_errors


@click.group()
def clients() -> None:
    """Find and show regular clients."""


@clients.command()
@click.argument("surname")
@click.option("--name", help="First name (or its beginning), Latin or Cyrillic.")
@click.option("--birth-date", help="Date of birth, e.g. 15.03.1985.")
@click.option("--passport", help="Passport series and number, or its beginning.")
@click.option("--card-last4", metavar="NNNN", help="Last four digits of the client's payment card.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per match.")
@db_option
@friendly_errors
def find(surname, name, birth_date, passport, card_last4, as_json) -> None:
    """Look clients up by SURNAME (Latin or Cyrillic, any case, ё = е, beginning is enough)."""
    from pipeline.clients import client_record, find_clients
    from pipeline.normalize.dates import BadDate, parse_date
    from pipeline.store.db import session_scope

    if card_last4 and not (len(card_last4) == 4 and card_last4.isdigit()):
        fail("--card-last4 takes exactly the last four digits of the card", 2)
    try:
        born = parse_date(birth_date) if birth_date else None
    except BadDate:
        fail(f"--birth-date {birth_date!r} is not a date", 2)
    with session_scope(db_url()) as session:
        found = find_clients(session, surname, name=name, birth_date=born, passport=passport, card_last4=card_last4)
        records = [client_record(c) for c in found]
    if as_json:
        for rec in records:
            click.echo(json.dumps(rec, ensure_ascii=False))
        return
    if not records:
        click.echo(f"No client found for {surname!r}.")
        return
    for rec in records:
        click.echo(_line(rec))


def _line(rec: dict) -> str:
    lat = " ".join(filter(None, [rec["surname_lat"], rec["name_lat"]]))
    ru = " ".join(filter(None, [rec["surname_ru"], rec["name_ru"], rec["patronymic_ru"]]))
    born = rec["birth_date"] or "?"
    passport = f"{rec['passport_series'] or ''}{rec['passport_number'] or ''}"
    masked = f"…{passport[-3:]}" if passport else "no passport"
    return f"#{rec['client_id']:<6} {lat:<30} {ru:<40} born {born}  passport {masked}"
