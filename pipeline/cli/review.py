"""``tourdesk review``: what the import and the cleanup left for a person to decide."""

from __future__ import annotations

import click

from pipeline.cli.common import db_option, db_url, fail, friendly_errors

_KINDS = ["conflict", "possible_match", "duplicate", "flag"]


@click.group()
def review() -> None:
    """List and resolve the review queue.

    \b
    conflict        the list contradicts the client file:   accept | keep
    possible_match  an incoming tourist may be client N:     merge [--client N] | new
    duplicate       two clients may be one person:           merge [--client N] | reject
    flag            something to look at (expiring passport): done
    """


@review.command("list")
@click.option("--kind", type=click.Choice(_KINDS), help="Only items of this kind.")
@click.option("--limit", type=int, default=50, show_default=True)
@db_option
@friendly_errors
def list_cmd(kind, limit) -> None:
    """Open items: best-scored duplicates first, then oldest first."""
    # why here: tourdesk --help imports every command module
    from pipeline.clients.review import open_items
    from pipeline.store.db import session_scope

    with session_scope(db_url()) as session:
        items = open_items(session, kind, limit)
        if not items:
            click.echo("Nothing waits for review.")
        for item in items:
            click.echo(_line(item))


@review.command()
@click.argument("item_id", type=int)
@click.argument("decision", type=click.Choice(["accept", "keep", "merge", "new", "reject", "done"]))
@click.option("--client", "client_id", type=int, help="For merge: the client to merge into.")
@db_option
@friendly_errors
def resolve(item_id, decision, client_id) -> None:
    """Decide review item ITEM_ID (see the list of decisions in: tourdesk review --help)."""
    # why here: tourdesk --help imports every command module
    from pipeline.clients.review import ReviewError
    from pipeline.clients.review import resolve as do_resolve
    from pipeline.store.db import session_scope

    try:
        with session_scope(db_url()) as session:
            outcome = do_resolve(session, item_id, decision, client_id)
    except ReviewError as exc:
        fail(str(exc))
    click.echo(f"item {item_id}: {outcome.outcome}")


def _line(item) -> str:
    who = f"client {item.client_id}" if item.client_id else "no client"
    if item.other_client_id:
        who = f"clients {item.client_id} and {item.other_client_id}"
    score = f" score {item.score:.2f}" if item.score is not None else ""
    where = f" [{item.source} row {item.source_row}]" if item.source_row else ""
    incoming = ""
    if item.kind == "possible_match" and item.incoming:
        rec = item.incoming
        name = " ".join(filter(None, [rec.get("surname_lat") or rec.get("surname_ru"),
                                      rec.get("name_lat") or rec.get("name_ru")]))  # fmt: skip
        incoming = f" — incoming {name}, born {rec.get('birth_date') or '?'}"
    return f"#{item.id:<6} {item.kind:<15} {who}{score}: {item.reason}{incoming}{where}"
