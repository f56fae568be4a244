"""``tourdesk review``: what the import and the cleanup left for a person to decide."""

from __future__ import annotations

import json

import click

from pipeline.cli.common import db_option, db_url, fail, friendly_errors

_KINDS = ["conflict", "possible_match", "duplicate", "flag"]


@click.group()
def review() -> None:
    """List and resolve the review queue: one item per pair of clients, likeliest first.

    \b
    duplicate       two clients may be one person:           merge [--client N] | reject
    conflict        a list contradicts a client's file:      accept | keep
    possible_match  an incoming tourist may be client N:     merge [--client N] | new
    flag            something to look at (expiring passport): done

    A rejected pair is never proposed again; a kept value is not asked about again.
    """


@review.command("list")
@click.option("--kind", type=click.Choice(_KINDS), help="Only items of this kind.")
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per item, with the clients side by side.")
@db_option
@friendly_errors
def list_cmd(kind, limit, as_json) -> None:
    """Open items: the likeliest duplicates first, then the rest oldest first."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.review import item_view, open_items
    from pipeline.store.db import session_scope

    with session_scope(db_url()) as session:
        items = open_items(session, kind, limit or None)
        if as_json:
            for item in items:
                click.echo(json.dumps(item_view(session, item), ensure_ascii=False, default=str))
            return
        if not items:
            click.echo("Nothing waits for review.")
        for item in items:
            click.echo(_line(item))


@review.command()
@click.argument("item_id", type=int)
@db_option
@friendly_errors
def show(item_id) -> None:
    """One item with its clients side by side, and the decisions it takes."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.review import item_view
    from pipeline.store.db import session_scope
    from pipeline.store.models import ReviewItem

    with session_scope(db_url()) as session:
        item = session.get(ReviewItem, item_id)
        if item is None:
            fail(f"there is no review item {item_id} (see: tourdesk review list)")
        view = item_view(session, item)
    click.echo(_line(item))
    for line in side_by_side(view):
        click.echo(line)
    click.echo(f"decide: tourdesk review resolve {item_id} {' | '.join(view['decisions'])}")


def side_by_side(view: dict) -> list[str]:
    """The item's clients in columns, a `*` where they differ; a conflict's two values per field."""
    lines = []
    if view["differences"]:
        lines.append(f"  {'':16} {'client file':28} {'the list':28}")
        for f, (stored, incoming) in view["differences"].items():
            lines.append(f"  {f:16} {str(stored):28} {str(incoming):28}")
    clients = list(view["clients"].values())
    if len(clients) == 2:
        left, right = clients
        for f in ("id", "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date",
                  "citizenship", "passports", "internal_passports"):  # fmt: skip
            a, b = _cell(left.get(f)), _cell(right.get(f))
            mark = "*" if a and b and a != b else " "
            lines.append(f"{mark} {f:16} {a:28} {b:28}")
    return lines


def _cell(value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


@review.command()
@click.argument("item_id", type=int)
@click.argument("decision", type=click.Choice(["accept", "keep", "merge", "new", "reject", "done"]))
@click.option("--client", "client_id", type=int, help="For merge: the client to merge into.")
@db_option
@friendly_errors
def resolve(item_id, decision, client_id) -> None:
    """Decide review item ITEM_ID (see the list of decisions in: tourdesk review --help)."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
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
    if item.kind in ("possible_match", "duplicate") and item.incoming and item.source_row:
        rec = item.incoming
        name = " ".join(filter(None, [rec.get("surname_lat") or rec.get("surname_ru"),
                                      rec.get("name_lat") or rec.get("name_ru")]))  # fmt: skip
        incoming = f" — incoming {name}, born {rec.get('birth_date') or '?'}"
    return f"#{item.id:<6} {item.kind:<15} {who}{score}: {item.reason}{incoming}{where}"
