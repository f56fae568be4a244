"""``tourdesk forms``: embassy questionnaires."""

from __future__ import annotations

import click

from pipeline.cli.common import db_option, db_url, friendly_errors


@click.group()
def forms() -> None:
    """List questionnaire forms and render them for a trip."""


@forms.command("list")
@friendly_errors
def list_cmd() -> None:
    """The forms Tourdesk can fill."""
    from pipeline.forms import list_forms

    for form in list_forms():
        click.echo(f"{form.id:<16} {form.title}")


@forms.command()
@click.option("--trip", "voucher", required=True, metavar="VOUCHER", help="The trip whose tourists get a form.")
@click.option("--form", "form_id", required=True, help="Form id (see: tourdesk forms list).")
@click.option("--out", "out_dir", default="visa-forms", show_default=True, type=click.Path(file_okay=False))
@db_option
@friendly_errors
def render(voucher, form_id, out_dir) -> None:
    """Fill FORM for every tourist on the trip: one document each, in OUT/<voucher>/."""
    from pipeline.visa import render_trip_forms

    report = render_trip_forms(voucher, form_id, out_dir, db_url=db_url())
    click.echo(f"{len(report.files)} questionnaires written to {report.out_dir}")
    for name, problems in report.problems.items():
        click.echo(f"  {name}:")
        for p in problems:
            click.echo(f"    {p}")
