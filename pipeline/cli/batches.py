"""Import batches: what each import (or edit, or review decision) did, and taking one back.

``undo`` is a command of its own so it can sit under ``tourdesk import undo BATCH`` as well as
``tourdesk batches undo BATCH``.
"""

from __future__ import annotations

import click

from pipeline.cli.common import db_option, db_url, fail, friendly_errors


@click.command("undo")
@click.argument("batch_id", type=int, metavar="BATCH")
@click.option("--force", is_flag=True, help="Also undo later batches that changed the same clients.")
@db_option
@friendly_errors
def undo(batch_id, force) -> None:
    """Put the client file back as it was before import BATCH (see: tourdesk batches list)."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.undo import UndoRefused, undo_batch
    from pipeline.store.db import session_scope

    try:
        with session_scope(db_url()) as session:
            report = undo_batch(session, batch_id, force=force)
    except UndoRefused as exc:
        fail(str(exc))
    click.echo(report.summary())


@click.group()
def batches() -> None:
    """List import batches and undo them."""


@batches.command("list")
@click.option("--limit", type=int, default=20, show_default=True, help="How many of the latest to show.")
@db_option
@friendly_errors
def list_cmd(limit) -> None:
    """The latest batches, newest first."""
    # why here: tourdesk --help imports every command module; these load SQLAlchemy
    from pipeline.clients.undo import recent_batches
    from pipeline.store.db import session_scope

    with session_scope(db_url()) as session:
        rows = recent_batches(session, limit)
        if not rows:
            click.echo("No batches yet.")
        for b in rows:
            state = f"undone by {b.undone_by}" if b.status == "undone" else b.status
            what = (f"{b.rows_total} rows: {b.clients_new} new, {b.clients_merged} merged, "
                    f"{b.sent_to_review} to review") if b.kind == "import" else ""  # fmt: skip
            who = f" by {b.user_name}" if b.user_name else ""
            click.echo(f"{b.id:>6}  {b.started_at:%d.%m.%Y %H:%M}  {b.kind:<8} {b.source[:40]:<40} {what}  [{state}]{who}")


batches.add_command(undo)
