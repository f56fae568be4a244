"""``tourdesk cleanup``: the whole-file duplicate search and the record checks, from the desk."""

from __future__ import annotations

import json

import click

from pipeline.cli.common import db_option, db_url, friendly_errors


@click.command("cleanup")
@click.option("--dry-run", is_flag=True, help="Only list what would be proposed; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per proposal, likeliest first.")
@click.option("--no-duplicates", is_flag=True, help="Only the quick record checks (expiring passports, ...).")
@db_option
@friendly_errors
def cleanup(dry_run, as_json, no_duplicates) -> None:
    """Look through the whole client file for clients who are one person (with the import's
    matching model: names, birth dates, patronymics, passports, phones) and for records to check.

    Proposals and flags go to the review queue (tourdesk review list); nothing is merged without
    a person, and a pair once decided is never proposed again. The scheduled flow runs the same.
    """
    # why here: tourdesk --help imports every command module; the search loads pandas and SQLAlchemy
    from pipeline.cleanup import run_cleanup

    report = run_cleanup(db_url(), duplicates=not no_duplicates, dry_run=dry_run)
    if as_json:
        for proposal in report.proposals:
            click.echo(json.dumps(proposal, ensure_ascii=False))
        return
    click.echo(report.summary())
    for p in report.proposals[:20]:
        click.echo(f"  clients {p['client_id']} and {p['other_client_id']}: likelihood {p['score']:.3f} "
                   f"({', '.join(p['reasons'])})")  # fmt: skip
    if len(report.proposals) > 20:
        click.echo(f"  ... and {len(report.proposals) - 20} more (see: tourdesk review list)")
