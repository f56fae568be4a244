"""``tourdesk trips``: travel packages, the tourists on them and their roster."""

from __future__ import annotations

import json

import click

from pipeline.cli.common import (
    EXIT_USAGE,
    ask,
    db_option,
    db_url,
    edit_options,
    fail,
    friendly_errors,
    person_values,
)
from pipeline.cli.trip_find import find
from pipeline.normalize.documents import BadDocument
from pipeline.normalize.documents import ticket as ticket_number

ROSTER_FORMATS = ("csv", "xlsx", "pdf")
#: option name -> the trip-file key it sets (``pipeline.trips.trip.trip_values`` reads both alike)
TRIP_OPTIONS = {
    "title": "title", "country": "country", "arrival": "arrival", "departure": "departure",
    "hotel": "hotel_name", "hotel_address": "hotel_address", "hotel_phone": "hotel_phone",
    "inviting_person": "inviting_person", "inviting_organisation": "inviting_organisation",
    "inviting_address": "inviting_address", "inviting_phone": "inviting_phone",
    "entries": "entries", "purpose": "purpose", "destinations": "destinations", "services": "services",
}  # fmt: skip
_TRIP_OPTIONS = [
    click.option("--title", help="A name for the trip."),
    click.option("--country", help="Destination country (ISO code or name: FRA, Франция)."),
    click.option("--arrival", help="Arrival date (12.03.2027)."),
    click.option("--departure", help="Departure date."),
    click.option("--hotel", help="The hotel's name."),
    click.option("--hotel-address", help="The hotel's address."),
    click.option("--hotel-phone", help="The hotel's phone."),
    click.option("--inviting-person", help="Name of the inviting person (instead of a hotel, or besides it)."),
    click.option("--inviting-organisation", help="Name of the inviting company or organisation."),
    click.option("--inviting-address", help="The inviting person's or organisation's address."),
    click.option("--inviting-phone", help="The inviting person's or organisation's phone."),
    click.option("--entries", help="Visa entries: single, two or multiple."),
    click.option("--purpose", help="Purpose of the journey (tourism, business, ...)."),
    click.option("--destination", "destinations", multiple=True,
                 help="A city or place the trip goes to (repeat, in order; replaces the list)."),  # fmt: skip
    click.option("--service", "services", multiple=True, help="A service every tourist gets (repeat; replaces the list)."),
]


def trip_options(fn):
    """The trip's own fields as options; an empty value (--hotel-phone "") clears one."""
    for option in reversed(_TRIP_OPTIONS):
        fn = option(fn)
    return fn


def _given_trip_options(opts: dict) -> dict:
    """The trip options given, as trip-file keys (an option not given is left out)."""
    out = {}
    for name, key in TRIP_OPTIONS.items():
        value = opts.get(name)
        if value is None or value == ():
            continue
        out[key] = list(value) if isinstance(value, tuple) else value
    return out


def _trip_values(data: dict, from_file: str | None = None) -> dict:
    """Checked trip values; a wrong option is bad usage (2), a wrong file unreadable (1)."""
    # why here: tourdesk --help imports every command module; the trip module loads SQLAlchemy
    from pipeline.trips.trip import BadTripValue, trip_values

    try:
        return trip_values(data)
    except BadTripValue as exc:
        if from_file:
            fail(f"{from_file}: {exc}")
        fail(str(exc), EXIT_USAGE)
    return {}


@click.group()
def trips() -> None:
    """Create, change and show trips (travel packages); put tourists on them; print the roster."""


@trips.command()
@click.argument("voucher", required=False)
@click.option("--from", "from_file", type=click.Path(exists=True, dir_okay=False), help="A trip file (YAML).")
@trip_options
@db_option
@friendly_errors
def create(voucher, from_file, **opts) -> None:
    """Create trip VOUCHER (or the voucher the --from file names; VOUCHER wins).

    An existing trip is not touched: change it with `tourdesk trips edit VOUCHER --title ...`.
    """
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.store.db import session_scope
    from pipeline.trips.trip import BadTripValue, TripExists, check_voucher, create_trip, load_trip_file

    data = load_trip_file(from_file) if from_file else {}
    values = _trip_values(data, from_file)
    values.update(_trip_values(_given_trip_options(opts)))
    try:
        voucher = check_voucher(voucher or data.get("voucher"))
    except BadTripValue as exc:
        fail(f"{exc}: give it as VOUCHER (tourdesk trips create VOUCHER ...)", EXIT_USAGE)
    with session_scope(db_url()) as session:
        try:
            trip = create_trip(session, voucher, values)
        except TripExists as exc:
            fail(str(exc))
        click.echo(f"trip {trip.voucher} created: {trip.country or '?'} {_day(trip.arrival)} – {_day(trip.departure)}")


@trips.command()
@click.argument("voucher")
@click.option("--history", is_flag=True, help="Also list every recorded change to the trip itself.")
@click.option("--json", "as_json", is_flag=True, help="The trip and its tourists as one JSON object.")
@db_option
@friendly_errors
def show(voucher, history, as_json) -> None:
    """Show a trip, and its tourists as the trip's papers name them."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.store.db import session_scope
    from pipeline.trips.edit import trip_record
    from pipeline.trips.trip import find_trip, info_of, show_value, trip_history, trip_links

    with session_scope(db_url()) as session:
        trip = find_trip(session, voucher)
        links = trip_links(session, trip)
        info = info_of(trip, len(links))
        if as_json:
            tourists = [{**trip_record(link), "room": link.room, "notes": link.notes} for link in links]
            click.echo(json.dumps({**info.as_dict(), "tourists_on_trip": tourists}, ensure_ascii=False, default=str))
            return
        click.echo(f"trip {info.voucher}" + (f"  {info.title}" if info.title else ""))
        lines = [
            ("country", info.country), ("dates", f"{show_value(info.arrival)} – {show_value(info.departure)}"),
            ("hotel", info.hotel), (f"inviting {info.inviting.kind or 'party'}" if info.inviting else "", info.inviting),
            ("entries", info.entries), ("purpose", info.purpose), ("destinations", info.destinations),
            ("created", info.created_on),
        ]  # fmt: skip
        for label, value in lines:
            if value not in (None, "", []):
                click.echo(f"  {label + ':':<22}{show_value(value)}")
        for s in info.services:
            click.echo(f"  {'service:':<22}{s}")
        for key, value in sorted(info.details.items()):
            click.echo(f"  {key + ':':<22}{show_value(value) if not isinstance(value, dict) else json.dumps(value, ensure_ascii=False)}")
        click.echo(f"  tourists ({len(links)}):")
        for link in links:
            rec, c = trip_record(link), link.client
            own = " (this trip's papers)" if link.details else ""
            place = "  ".join(filter(None, [link.room and f"room {link.room}", link.notes]))
            click.echo(f"  #{c.id:<6} {rec['surname_lat'] or ''} {rec['name_lat'] or ''}  "
                       f"{rec['surname_ru'] or ''} {rec['name_ru'] or ''}{own}  {place}".rstrip())  # fmt: skip
        if history:
            click.echo("  history:")
            for ch, batch in trip_history(session, trip):
                what = "created" if ch.field == "created" else f"{ch.field}: {_json_text(ch.field, ch.old_value)} -> {_json_text(ch.field, ch.new_value)}"
                click.echo(f"    {ch.changed_at:%d.%m.%Y %H:%M}  batch {batch.id} ({batch.kind})  {what}")


@trips.command("edit")
@click.argument("voucher")
@click.argument("client_id", type=int, required=False)
@click.option("--from", "from_file", type=click.Path(exists=True, dir_okay=False),
              help="A trip file (YAML) whose fields are merged into the trip (the others stay).")  # fmt: skip
@trip_options
@edit_options
@click.option("--ticket", help="E-ticket number for this trip (with CLIENT_ID).")
@click.option("--room", help="The tourist's room, for the roster (with CLIENT_ID).")
@click.option("--notes", help="Notes on the tourist for the roster (with CLIENT_ID).")
@click.option("--also-client/--trip-only", "also_client", default=None,
              help="Change the regular-client record too, or only this trip's papers (asked when not given).")  # fmt: skip
@db_option
@friendly_errors
def edit(voucher, client_id, from_file, ticket, room, notes, also_client, **given) -> None:
    """Change trip VOUCHER: only the fields given change, the rest stay as they are.

    \b
    Without CLIENT_ID it changes the trip itself (--title, --hotel, ..., or --from a YAML file);
    with CLIENT_ID, what the trip's papers say for that tourist (names, --ticket, --room).
    Every change is a batch: `tourdesk batches undo BATCH` takes it back.
    """
    trip_given = _given_trip_options(given)
    person_given = {k: v for k, v in given.items() if k not in TRIP_OPTIONS and v}
    place_given = {k: v for k, v in (("ticket", ticket), ("room", room), ("notes", notes)) if v is not None}
    if client_id is None:
        if person_given or place_given or also_client is not None:
            first = next(iter([*person_given, *place_given] or ["also-client"])).replace("_", "-")
            fail(f"--{first} changes a tourist's papers: give the client number "
                 f"(tourdesk trips edit {voucher} CLIENT --{first} ...)", EXIT_USAGE)  # fmt: skip
        _edit_trip(voucher, trip_given, from_file)
        return
    if trip_given or from_file:
        first = "from" if from_file else next(o for o, k in TRIP_OPTIONS.items() if k in trip_given).replace("_", "-")
        fail(f"--{first} changes the trip itself: leave out the client number "
             f"(tourdesk trips edit {voucher} --{first} ...)", EXIT_USAGE)  # fmt: skip
    _edit_tourist(voucher, client_id, person_given, ticket, room, notes, also_client)


def _edit_trip(voucher: str, options: dict, from_file: str | None) -> None:
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.store.db import session_scope
    from pipeline.trips.trip import edit_trip, load_trip_file

    data = load_trip_file(from_file) if from_file else {}
    if data.get("voucher") not in (None, voucher) and str(data["voucher"]).strip() != voucher:
        fail(f"{from_file} is the file of trip {data['voucher']}, not {voucher}; "
             f"edit that trip, or take the voucher out of the file", EXIT_USAGE)  # fmt: skip
    values = _trip_values(data, from_file)
    values.update(_trip_values(options))
    if not values:
        fail("nothing to change: give at least one option, or --from FILE (see --help)", EXIT_USAGE)
    with session_scope(db_url()) as session:
        changes = edit_trip(session, voucher, values)
        if not changes:
            click.echo(f"trip {voucher}: nothing changed, the trip already says so")
        for change in changes:
            click.echo(f"trip {voucher}: {change.describe()}")


def _edit_tourist(voucher, client_id, given, ticket, room, notes, also_client) -> None:
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.edit import drop_if_empty, edit_batch, edit_client
    from pipeline.store.db import session_scope
    from pipeline.trips.edit import PLACE_FIELDS, NotOnTrip, align_trips, edit_on_trip

    values = person_values(given)
    if ticket:
        try:
            values["ticket_number"] = ticket_number(ticket)
        except BadDocument as exc:
            fail(f"--ticket {ticket!r}: {exc}", EXIT_USAGE)
    for name, value, limit in (("room", room, 40), ("notes", notes, 1000)):
        if value is not None:
            if len(value) > limit:
                fail(f"--{name} is longer than {limit} characters", EXIT_USAGE)
            values[name] = " ".join(value.split()) or None
    if not values:
        fail("nothing to change: give at least one option (see --help)", EXIT_USAGE)
    person = {k: v for k, v in values.items() if k not in PLACE_FIELDS}
    with session_scope(db_url()) as session:
        # one batch for the whole command, so `tourdesk batches undo` takes it back at once
        batch = edit_batch(session, f"trips edit: trip {voucher}, client {client_id}")
        try:
            changed = edit_on_trip(session, voucher, client_id, values, batch)
        except NotOnTrip as exc:
            fail(str(exc))
        for field, old, new in changed:
            click.echo(f"trip {voucher}, client {client_id}: {field} {old or '-'} -> {new or '-'}")
        if person and ask(also_client, f"Change the regular-client record #{client_id} too?"):
            edit_client(session, client_id, person, batch)
            align_trips(session, client_id, list(person), batch)
            click.echo(f"client {client_id}: the client file says so too")
        elif person:
            click.echo(f"client {client_id}: the client file is unchanged (only trip {voucher}'s papers)")
        drop_if_empty(session, batch)


@trips.command()
@click.argument("voucher")
@click.argument("client_ids", nargs=-1, required=True, type=int, metavar="CLIENT...")
@db_option
@friendly_errors
def add(voucher, client_ids) -> None:
    """Put clients on trip VOUCHER, after the tourists already on it (undoable as one batch)."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.edit import ClientNotFound
    from pipeline.store.db import session_scope
    from pipeline.trips.roster import add_tourists

    with session_scope(db_url()) as session:
        try:
            placed = add_tourists(session, voucher, list(client_ids))
        except ClientNotFound as exc:
            fail(str(exc).strip("'\""))
    if placed.already:
        click.echo(f"already on trip {voucher}: client {', '.join(map(str, placed.already))}")
    if placed.added:
        click.echo(f"on trip {voucher} now: client {', '.join(map(str, placed.added))} "
                   f"(batch {placed.batch_id}; tourdesk batches undo {placed.batch_id} takes it back)")  # fmt: skip


@trips.command()
@click.argument("voucher")
@click.argument("client_ids", nargs=-1, required=True, type=int, metavar="CLIENT...")
@db_option
@friendly_errors
def remove(voucher, client_ids) -> None:
    """Take clients off trip VOUCHER; the client file keeps them (undoable as one batch)."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.edit import ClientNotFound
    from pipeline.store.db import session_scope
    from pipeline.trips.edit import NotOnTrip
    from pipeline.trips.roster import remove_tourists

    with session_scope(db_url()) as session:
        try:
            batch = remove_tourists(session, voucher, list(client_ids))
        except (ClientNotFound, NotOnTrip) as exc:
            fail(str(exc).strip("'\""))
    click.echo(f"taken off trip {voucher}: client {', '.join(map(str, dict.fromkeys(client_ids)))} "
               f"(batch {batch}; tourdesk batches undo {batch} puts them back)")  # fmt: skip


@trips.command()
@click.argument("voucher")
@click.option("--format", "fmt", type=click.Choice(ROSTER_FORMATS), help="csv, xlsx or pdf (default: from --out, else xlsx).")
@click.option("--out", type=click.Path(dir_okay=False), help="The file to write (default: roster-VOUCHER.FORMAT here).")
@db_option
@friendly_errors
def roster(voucher, fmt, out) -> None:
    """Write trip VOUCHER's roster: names in Latin and Cyrillic, sex, date of birth, passport
    with its dates of issue and expiry, nationality, room / notes: what hotels, airlines and
    embassies ask for. The file is readable by you only."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.store.db import session_scope
    from pipeline.trips.roster import roster as make_roster
    from pipeline.trips.roster_files import default_name, roster_format, write_roster

    try:
        fmt = roster_format(fmt, out)
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)
    with session_scope(db_url()) as session:
        data = make_roster(session, voucher)
    if not data.rows:
        fail(f"trip {voucher} has no tourists yet (tourdesk trips add {voucher} CLIENT... or tourdesk import FILE --trip {voucher})")
    path = out or default_name(voucher, fmt)
    try:
        written = write_roster(data, path, fmt)
    except OSError as exc:
        fail(f"cannot write the roster to {path}: {exc.strerror or exc}")
    click.echo(f"roster of trip {voucher}: {len(data.rows)} tourists -> {written}")


def _day(value) -> str:
    return value.strftime("%d.%m.%Y") if value else "?"


def _json_text(field: str, text: str | None) -> str:
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.store.history import trip_value
    from pipeline.trips.trip import show_value

    return show_value(trip_value(field, text))


trips.add_command(find)  # defined in its own module
