"""``tourdesk demo``: the bundled sample booking, end to end."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.common import friendly_errors


@click.command()
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False))
@friendly_errors
def demo(out_dir: str) -> None:
    """Import the sample group booking into a demo store in OUT and render its visa forms there.

    Uses OUT/demo.sqlite3, never your real client file. Running it again changes nothing.
    """
    # why here: tourdesk --help imports every command module; the demo loads pandas and SQLAlchemy
    from pipeline.demo import run_demo

    result = run_demo(Path(out_dir))
    for line in result.lines:
        click.echo(line)
    click.echo(f"demo store: {result.db_url}")
