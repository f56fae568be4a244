"""``tourdesk desk``: the visa desk in a browser, and the users who may log in to it."""

from __future__ import annotations

import click

from pipeline.cli.common import db_option, db_url, fail, friendly_errors


@click.group("desk", invoke_without_command=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1 lets other machines in: it needs a user.")  # fmt: skip
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-browser", is_flag=True, help="Do not open the page in the default browser.")
@db_option
@click.pass_context
@friendly_errors
def desk(ctx: click.Context, host: str, port: int, no_browser: bool) -> None:
    """Serve the desk page: import lists, fix what the questionnaires lack, print a group.

    \b
    Only this machine can open it (http://127.0.0.1:8765/) unless --host says otherwise;
    serving others needs a user first:  tourdesk desk users add NAME --role administrator
    """
    if ctx.invoked_subcommand is not None:
        return
    # why here: tourdesk --help imports every command module; the desk loads Starlette and the store
    from pipeline.desk.serve import desk_config, serve
    from pipeline.desk.web import DeskRefused

    try:
        config = desk_config(db_url(), host, port)
    except DeskRefused as exc:
        fail(str(exc))
    click.echo(f"Tourdesk desk: http://{host}:{port}/  (Ctrl+C stops it)", err=True)
    serve(config, open_browser=not no_browser)


@desk.group()
def users() -> None:
    """The people who log in to the desk (once one exists, every page needs a login)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["clerk", "administrator"]), default="clerk", show_default=True)
@click.password_option(help="The password (asked for when not given).")
@db_option
@friendly_errors
def add_cmd(name: str, role: str, password: str) -> None:
    """Add user NAME, or give them a new password and role."""
    # why here: tourdesk --help imports every command module; the store loads SQLAlchemy
    from pipeline.store.db import session_scope
    from pipeline.store.users import UserError, add_user

    try:
        with session_scope(db_url()) as session:
            user = add_user(session, name, password, role)
    except UserError as exc:
        fail(str(exc), 2)
    click.echo(f"user {user.name} ({user.role}) can log in to the desk")


@users.command("list")
@db_option
@friendly_errors
def list_cmd() -> None:
    """The users who can log in."""
    # why here: tourdesk --help imports every command module; the store loads SQLAlchemy
    from pipeline.store.db import session_scope
    from pipeline.store.users import list_users

    with session_scope(db_url()) as session:
        found = list_users(session)
    if not found:
        click.echo("No users: the desk serves only this machine, without a login.")
    for user in found:
        click.echo(f"{user.name}  {user.role}")


@users.command("remove")
@click.argument("name")
@db_option
@friendly_errors
def remove_cmd(name: str) -> None:
    """Stop NAME logging in (their name stays in the history)."""
    # why here: tourdesk --help imports every command module; the store loads SQLAlchemy
    from pipeline.store.db import session_scope
    from pipeline.store.users import remove_user

    with session_scope(db_url()) as session:
        if not remove_user(session, name):
            fail(f"there is no user {name!r}")
    click.echo(f"user {name} can no longer log in")
