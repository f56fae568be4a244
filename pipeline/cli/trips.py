"""``tourdesk trips``: travel packages and the tourists on them."""

from __future__ import annotations

import click

from pipeline.cli.common import ask, db_option, db_url, edit_options, friendly_errors, person_values


@click.group()
def trips() -> None:
    """Create and show trips (travel packages)."""


@trips.command()
@click.argument("voucher", required=False)
@click.option("--from", "from_file", type=click.Path(exists=True, dir_okay=False), help="A trip file (YAML).")
@click.option("--country", help="Destination (ISO code or name: FRA, Франция).")
@click.option("--arrival", help="Arrival date.")
@click.option("--departure", help="Departure date.")
@click.option("--title", help="A name for the trip.")
@click.option("--service", "services", multiple=True, help="A service every tourist gets (repeat).")
@db_option
@friendly_errors
def create(voucher, from_file, country, arrival, departure, title, services) -> None:
    """Create a trip (or update the one with the same VOUCHER)."""
    # why here: tourdesk --help imports every command module
    from pipeline.store.db import session_scope
    from pipeline.trips.trip import load_trip_file, save_trip

    data = load_trip_file(from_file) if from_file else {}
    given = {"voucher": voucher, "country": country, "arrival": arrival, "departure": departure, "title": title}
    data.update({k: v for k, v in given.items() if v})
    if services:
        data["services"] = [{"name": s} for s in services]
    with session_scope(db_url()) as session:
        trip = save_trip(session, data)
        click.echo(f"trip {trip.voucher}: {trip.country or '?'} {trip.arrival or '?'} – {trip.departure or '?'}")


@trips.command()
@click.argument("voucher")
@db_option
@friendly_errors
def show(voucher) -> None:
    """Show a trip and its tourists."""
    # why here: tourdesk --help imports every command module
    from pipeline.store.db import session_scope
    from pipeline.trips.trip import find_trip

    with session_scope(db_url()) as session:
        trip = find_trip(session, voucher)
        click.echo(f"trip {trip.voucher} {trip.title or ''}: {trip.country or '?'} {trip.arrival} – {trip.departure}")
        for s in trip.services or []:
            click.echo(f"  service: {s.get('name') if isinstance(s, dict) else s}")
        for link in trip.tourists:
            c = link.client
            click.echo(f"  #{c.id:<6} {c.surname_lat or ''} {c.name_lat or ''}  {c.surname_ru or ''} {c.name_ru or ''}")


def _attach() -> None:
    # why here: tourdesk --help imports every command module
    from pipeline.cli.trip_find import find

    trips.add_command(find)


_attach()


def _attach_edit() -> None:
    @trips.command("edit")
    @click.argument("voucher")
    @click.argument("client_id", type=int)
    @edit_options
    @click.option("--ticket", help="E-ticket number for this trip.")
    @click.option("--also-client/--trip-only", "also_client", default=None,
                  help="Change the regular-client record too, or only this trip's papers (asked when not given).")  # fmt: skip
    @db_option
    @friendly_errors
    def edit(voucher, client_id, ticket, also_client, **given) -> None:
        """Change what trip VOUCHER's papers say for client CLIENT_ID (a tourist on it)."""
        # why here: tourdesk --help imports every command module
        from pipeline.clients.edit import drop_if_empty, edit_batch, edit_client
        from pipeline.normalize.documents import BadDocument
        from pipeline.normalize.documents import ticket as ticket_number
        from pipeline.store.db import session_scope
        from pipeline.trips.edit import NotOnTrip, align_trips, edit_on_trip

        values = person_values(given)
        if ticket:
            try:
                values["ticket_number"] = ticket_number(ticket)
            except BadDocument as exc:
                raise click.BadParameter(str(exc), param_hint="--ticket") from None
        if not values:
            raise click.UsageError("nothing to change: give at least one option (see --help)")
        person = {k: v for k, v in values.items() if k != "ticket_number"}
        with session_scope(db_url()) as session:
            # one batch for the whole command, so `tourdesk batches undo` takes it back at once
            batch = edit_batch(session, f"trips edit: trip {voucher}, client {client_id}")
            try:
                changed = edit_on_trip(session, voucher, client_id, values, batch)
            except NotOnTrip as exc:
                raise click.ClickException(str(exc)) from None
            for field, old, new in changed:
                click.echo(f"trip {voucher}, client {client_id}: {field} {old or '-'} -> {new}")
            if person and ask(also_client, f"Change the regular-client record #{client_id} too?"):
                edit_client(session, client_id, person, batch)
                align_trips(session, client_id, list(person), batch)
                click.echo(f"client {client_id}: the client file says so too")
            elif person:
                click.echo(f"client {client_id}: the client file is unchanged (only trip {voucher}'s papers)")
            drop_if_empty(session, batch)

    return edit


_attach_edit()
