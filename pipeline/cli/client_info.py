"""``tourdesk clients info``: a client's extra personal information, for the visa forms.

\b
  tourdesk clients info 12                          show it
  tourdesk clients info 12 --set place_of_birth=Москва --set civil_status=замужем
  tourdesk clients info copy --from 12 --to 13      household: address, home phone
  tourdesk clients info keys                        what the forms ask for
"""

from __future__ import annotations

import click

from pipeline.cli.common import EXIT_UNREADABLE, db_option, db_url, fail, friendly_errors

EXIT_USAGE = 2


class _InfoGroup(click.Group):
    """``info CLIENT ...`` shows or edits; ``info copy|keys`` are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # a client number where a subcommand name would be: that is "show"
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_InfoGroup)
def info() -> None:
    """Show and edit a client's extra personal information (place of birth, civil status,
    occupation, employer, home address, ...), which every visa form reuses.

    \b
      tourdesk clients info CLIENT [--set KEY=VALUE ...]
      tourdesk clients info copy --from A --to B [--personal] [--fields a,b]
      tourdesk clients info keys

    Values may be typed in Russian: forms translate them when they are rendered.
    """


def _pairs(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--set {item!r}: write it as KEY=VALUE (an empty VALUE removes the key)", EXIT_USAGE)
        out[key.strip()] = value
    return out


@info.command("show")
@click.argument("client_id", metavar="CLIENT", type=int)
@click.option(
    "--set", "sets", multiple=True, metavar="KEY=VALUE", help="Set a key (repeat); KEY= removes it."
)
@click.option("--any-key", is_flag=True, help="Accept a key no form asks for (yet).")
@db_option
@friendly_errors
def show_cmd(client_id: int, sets: tuple[str, ...], any_key: bool) -> None:
    """Show client CLIENT's extra information, after setting any --set KEY=VALUE."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.edit import ClientNotFound
    from pipeline.forms.info import UnknownKeys, set_info, show_info
    from pipeline.store.db import session_scope

    values = _pairs(sets)
    with session_scope(db_url()) as session:
        try:
            changed = set_info(session, client_id, values, any_key=any_key) if values else []
            current = show_info(session, client_id)
        except ClientNotFound as exc:
            fail(str(exc).strip("'\""))
        except UnknownKeys as exc:
            fail(str(exc), EXIT_USAGE)
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)
    for key, old, new in changed:
        click.echo(f"client {client_id}: {key} {_shown(old)} -> {_shown(new)}")
    if values and not changed:
        click.echo(f"client {client_id}: nothing changed, the file already says so")
    _print(client_id, current)


@info.command("copy")
@click.option("--from", "from_id", required=True, type=int, metavar="A", help="Client to copy from.")
@click.option("--to", "to_id", required=True, type=int, metavar="B", help="Client to copy to.")
@click.option(
    "--fields",
    metavar="a,b",
    help="Keys to copy (default: the household's home_address and phone).",
)
@click.option(
    "--personal",
    is_flag=True,
    help="Also the personal values: employer (and its address and phone), occupation, position.",
)
@db_option
@friendly_errors
def copy_cmd(from_id: int, to_id: int, fields: str | None, personal: bool) -> None:
    """Copy extra information from client A to client B: the household's address and home
    phone; with --personal also employer and occupation (a spouse working at the same place)."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.edit import ClientNotFound
    from pipeline.forms.info import UnknownKeys, copy_info, show_info
    from pipeline.store.db import session_scope

    keys = [k.strip() for k in fields.split(",") if k.strip()] if fields else None
    with session_scope(db_url()) as session:
        try:
            changed = copy_info(session, from_id, to_id, keys, personal=personal)
            current = show_info(session, to_id)
        except ClientNotFound as exc:
            fail(str(exc).strip("'\""))
        except UnknownKeys as exc:
            fail(str(exc), EXIT_USAGE)
        except ValueError as exc:
            fail(str(exc), EXIT_UNREADABLE)
    for key, old, new in changed:
        click.echo(f"client {to_id}: {key} {_shown(old)} -> {_shown(new)}")
    if not changed:
        click.echo(f"client {to_id}: nothing to copy (client {from_id} has none of those, or the same)")
    _print(to_id, current)


@info.command("keys")
@friendly_errors
def keys_cmd() -> None:
    """The keys the forms read, what each means, and which forms use it."""
    # why here: tourdesk --help imports every command module; the form catalogue loads SQLAlchemy and YAML
    from pipeline.forms.info import known_keys

    known = known_keys()
    width = max((len(k) for k in known), default=3)
    for entry in known.values():
        choices = f" [{' | '.join(entry.options)}]" if entry.options else ""
        dated = " (date)" if entry.type == "date" else ""
        click.echo(f"{entry.key:<{width}}  {entry.description}{dated}{choices}  ({', '.join(entry.forms)})")


def _shown(value: object) -> str:
    return "(none)" if value is None else repr(str(value))


def _print(client_id: int, values: dict[str, object]) -> None:
    if not values:
        click.echo(f"client {client_id}: no extra information yet (see: tourdesk clients info keys)")
        return
    click.echo(f"client {client_id}:")
    width = max(len(k) for k in values)
    for key, value in values.items():
        lines = str(value).splitlines() or [""]
        click.echo(f"  {key:<{width}}  {lines[0]}")
        for more in lines[1:]:
            click.echo(f"  {'':<{width}}  {more}")
