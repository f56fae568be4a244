"""``tourdesk clients``: the regular-client file."""

from __future__ import annotations

import json

import click

from pipeline.cli.client_info import info
from pipeline.cli.common import (
    EXIT_USAGE,
    ask,
    card_option,
    date_option,
    db_option,
    db_url,
    edit_options,
    fail,
    friendly_errors,
    person_values,
)
from pipeline.cli.crm import forget_cmd
from pipeline.normalize.documents import BadDocument, foreign_passport


@click.group()
def clients() -> None:
    """Find, show, add and edit regular clients."""


@clients.command()
@click.argument("surname", required=False)
@click.option("--name", help="First name (or its beginning), Latin or Cyrillic.")
@click.option("--birth-date", help="Date of birth, e.g. 15.03.1985.")
@click.option("--passport", help="Passport series, number, both, or the beginning of either (75, 1234567, 75 12).")
@click.option("--card-last4", metavar="NNNN", help="Last four digits of the client's payment card.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per match.")
@db_option
@friendly_errors
def find(surname, name, birth_date, passport, card_last4, as_json) -> None:
    """Look clients up by SURNAME (Latin or Cyrillic, any case, ё = е, beginning is enough).

    Without SURNAME, --passport or --card-last4 alone finds the client.
    One match is shown in full; several are listed with what tells them apart.
    """
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.cli.client_lines import apart_table
    from pipeline.clients.find import client_record, find_clients
    from pipeline.store.db import session_scope

    if passport is not None and not passport.strip(" -№"):
        fail("--passport needs a series, a number or the beginning of one (75, 1234567)", EXIT_USAGE)
    if not (surname and surname.strip()) and not (passport or card_last4):
        fail("give a SURNAME, or --passport or --card-last4 to find a client by", EXIT_USAGE)
    last4 = card_option(card_last4) if card_last4 else None
    born = date_option(birth_date, "--birth-date") if birth_date else None
    with session_scope(db_url()) as session:
        found = find_clients(session, surname, name=name, birth_date=born, passport=passport, card_last4=last4)
        if as_json:
            for c in found:
                click.echo(json.dumps(client_record(c), ensure_ascii=False))
            return
        if not found:
            asked = " ".join(filter(None, [surname and repr(surname), passport and f"passport {passport}",
                                           card_last4 and "that card"]))  # fmt: skip
            click.echo(f"No client found for {asked}.")
            return
        if len(found) == 1:
            _show(session, found[0])
            return
        for line in apart_table(session, found):
            click.echo(line)


@clients.command()
@click.argument("client_id", type=int)
@click.option("--history", is_flag=True, help="Also list every recorded change.")
@db_option
@friendly_errors
def show(client_id, history) -> None:
    """Show client CLIENT_ID in full: names, documents, trips."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.edit import ClientNotFound, get_client
    from pipeline.store.db import session_scope

    with session_scope(db_url()) as session:
        try:
            client = get_client(session, client_id)
        except ClientNotFound as exc:
            fail(str(exc).strip("'\""))
        _show(session, client, history)


@clients.command()
@click.argument("client_id", type=int)
@edit_options
@click.option("--regular/--not-regular", "is_regular", default=None, help="Mark as a regular client, or not.")
@click.option("--passport", help="A new foreign passport (75 1234567): it becomes the current one.")
@click.option("--passport-expiry", help="Its expiry date; alone, the expiry of the current passport.")
@click.option("--also-trips/--client-only", "also_trips", default=None,
              help="Make the client's trips that say otherwise follow too (asked when not given).")  # fmt: skip
@db_option
@friendly_errors
def edit(client_id, is_regular, also_trips, passport, passport_expiry, **given) -> None:
    """Change client CLIENT_ID; the old values stay in the client's history."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.edit import ClientNotFound, PassportTaken, drop_if_empty, edit_batch, edit_client
    from pipeline.store.db import session_scope

    values = person_values(given)
    if is_regular is not None:
        values["is_regular"] = is_regular
    if not values and not passport and not passport_expiry:
        fail("nothing to change: give at least one option (see --help)", EXIT_USAGE)
    with session_scope(db_url()) as session:
        # one batch for the whole command, so `tourdesk batches undo` takes it back at once
        batch = edit_batch(session, f"edit of client {client_id}")
        try:
            changed = edit_client(session, client_id, values, batch) if values else []
            if passport or passport_expiry:
                changed += _edit_passport(session, client_id, passport, passport_expiry, batch)
        except (ClientNotFound, PassportTaken) as exc:
            fail(str(exc).strip("'\""))
        _offer_trips(session, client_id, [f for f, _, _ in changed], also_trips, batch)
        drop_if_empty(session, batch)
    if not changed:
        click.echo(f"client {client_id}: nothing changed, the file already says so")
    for f, old, new in changed:
        click.echo(f"client {client_id}: {f} {_plain(old)} -> {_plain(new)}")


@clients.command()
@edit_options
@click.option("--passport", help="Foreign passport series and number (75 1234567).")
@click.option("--passport-expiry", help="Passport expiry date.")
@click.option("--force", is_flag=True, help="Add a new client even when the file has a likely match.")
@db_option
@friendly_errors
def add(passport, passport_expiry, force, **given) -> None:
    """Add a regular client typed in at the desk.

    The file is searched as an import would search it: a client it already has is shown and
    nobody is added; a likely match goes to the review queue (or, with --force, is added); a
    passport another client holds is refused.
    """
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.add import add_typed_client
    from pipeline.clients.edit import PassportTaken
    from pipeline.store.db import session_scope

    values = person_values(given)
    if not (values.get("surname_lat") or values.get("surname_ru")):
        fail("a client needs a surname (--surname-lat or --surname-ru)", EXIT_USAGE)
    if passport_expiry and not passport:
        fail("--passport-expiry goes with --passport", EXIT_USAGE)
    doc = _passport(passport, passport_expiry, values.get("citizenship")) if passport else None
    with session_scope(db_url()) as session:
        try:
            added = add_typed_client(session, values, doc, force=force)
        except PassportTaken as exc:
            fail(str(exc).strip("'\""))
        if added.status == "exists":
            click.echo(f"client {added.client_id} is already in the file ({added.reason}); nobody was added. "
                       f"To change their details: tourdesk clients edit {added.client_id} ...")  # fmt: skip
            _show(session, session.get(_client_model(), added.client_id))
        elif added.status == "review":
            click.echo(f"not added: client {added.client_id or '?'} may be the same person ({added.reason}). "
                       f"Sent to review as item {added.review_item} (tourdesk review list); "
                       "to add a new client now, repeat with --force")  # fmt: skip
        else:
            click.echo(f"client {added.client_id} added")


def _client_model():
    # why here: tourdesk --help imports every command module; the models load SQLAlchemy
    from pipeline.store.models import Client

    return Client


@clients.command()
@click.argument("client_id", type=int)
@click.option("--batch", "batch_id", type=int, required=True, help="The import batch whose merge was wrong.")
@db_option
@friendly_errors
def unmerge(client_id, batch_id) -> None:
    """Take back what import BATCH wrote to CLIENT_ID: that tourist becomes a client of their own."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.undo import UndoRefused
    from pipeline.clients.undo import unmerge as do_unmerge
    from pipeline.store.db import session_scope

    try:
        with session_scope(db_url()) as session:
            report = do_unmerge(session, client_id, batch_id)
    except UndoRefused as exc:
        fail(str(exc))
    click.echo(f"client {client_id}: {report.values_restored} values restored from before batch {batch_id}")
    if report.new_client:
        click.echo(f"the tourist from batch {batch_id} is now client {report.new_client}")
    for note in report.notes:
        click.echo(f"  {note}")


def _show(session, client, history: bool = False) -> None:
    # why here: tourdesk --help imports every command module; the client view loads SQLAlchemy
    from pipeline.cli.client_lines import full_view

    for line in full_view(session, client, history):
        click.echo(line)


def _edit_passport(session, client_id: int, passport: str | None, expiry: str | None, batch) -> list:
    """``--passport`` (checked against the client's citizenship) and ``--passport-expiry``."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.edit import get_client, set_passport

    client = get_client(session, client_id)
    exp = date_option(expiry, "--passport-expiry", kind="expiry") if expiry else None
    if passport:
        try:
            series, number = foreign_passport(passport, client.citizenship)
        except BadDocument as exc:
            fail(f"--passport {passport!r}: {exc}", EXIT_USAGE)
    else:
        current = next((d for d in client.documents if d.kind == "foreign_passport" and d.is_current), None)
        if current is None:
            fail(f"client {client_id} has no passport on file: give --passport with the expiry", EXIT_USAGE)
        series, number = current.series, current.number
    return set_passport(session, client_id, series, number, exp, batch)


def _passport(value: str, expiry: str | None, citizenship: str | None = None):
    """``--passport`` and ``--passport-expiry`` of ``clients add``, checked as ``clients edit`` checks them."""
    try:
        series, number = foreign_passport(value, citizenship)
    except BadDocument as exc:
        fail(f"--passport {value!r}: {exc}", EXIT_USAGE)
    exp = date_option(expiry, "--passport-expiry", kind="expiry") if expiry else None
    return series, number, exp


def _plain(value) -> str:
    return "(empty)" if value is None else str(value)


def _offer_trips(session, client_id: int, fields: list[str], also_trips: bool | None, batch=None) -> None:
    """Trips whose papers say otherwise for the changed fields may follow the client file."""
    # why here: tourdesk --help imports every command module; trips load SQLAlchemy
    from pipeline.trips.edit import align_trips, trip_copies

    copies = trip_copies(session, client_id, fields)
    if not copies:
        return
    for c in copies:
        click.echo(f"trip {c.voucher} says {c.field} is {c.trip_value}; the client file now says {c.client_value}")
    if ask(also_trips, "Make those trips say what the client file says?"):
        align_trips(session, client_id, fields, batch)
        click.echo("the trips now follow the client file")
    else:
        click.echo("the trips keep their own values (tourdesk clients edit ... --also-trips to align them)")


# defined in their own modules (client information, erasure)
clients.add_command(info)
clients.add_command(forget_cmd)
