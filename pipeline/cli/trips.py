"""``tourdesk trips``: travel packages and the tourists on them."""

from __future__ import annotations

import click

from pipeline.cli.common import db_option, db_url, friendly_errors


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
    from pipeline.store.db import session_scope
    from pipeline.trips import load_trip_file, save_trip

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
    from pipeline.store.db import session_scope
    from pipeline.trips import find_trip

    with session_scope(db_url()) as session:
        trip = find_trip(session, voucher)
        click.echo(f"trip {trip.voucher} {trip.title or ''}: {trip.country or '?'} {trip.arrival} – {trip.departure}")
        for s in trip.services or []:
            click.echo(f"  service: {s.get('name') if isinstance(s, dict) else s}")
        for link in trip.tourists:
            c = link.client
            click.echo(f"  #{c.id:<6} {c.surname_lat or ''} {c.name_lat or ''}  {c.surname_ru or ''} {c.name_ru or ''}")


def _attach() -> None:
    from pipeline.cli.trip_find import find

    trips.add_command(find)


_attach()
