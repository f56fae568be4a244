"""``tourdesk forms``: embassy questionnaires."""

from __future__ import annotations

import click

from pipeline.cli.common import db_option, db_url, fail, friendly_errors

EXIT_INCOMPLETE = 3


@click.group()
def forms() -> None:
    """List questionnaire forms, show what they need, check and render them."""


@forms.command("list")
@friendly_errors
def list_cmd() -> None:
    """The forms Tourdesk can fill."""
    # why here: tourdesk --help imports every command module
    from pipeline.forms.render import list_forms

    for form in list_forms():
        click.echo(f"{form.id:<16} {form.title}  ({form.country}; {len(form.fields)} fields)")


@forms.command("fields")
@click.argument("form_id", metavar="FORM")
@friendly_errors
def fields_cmd(form_id: str) -> None:
    """The field catalogue of FORM: number, label, where the value comes from, required,
    fill language and translation."""
    # why here: tourdesk --help imports every command module
    from pipeline.forms.render import load_form

    form = load_form(form_id)
    click.echo(f"{form.id}: {form.title} ({form.country}), printed in {form.language}")
    rows = [("No.", "Field", "Source", "Required", "Fill", "Translation")]
    for f in form.fields:
        required = "yes" if f.required else "minors" if f.required_if == "minor" else ""
        translation = {"as_is": "as typed"}.get(f.translate, f.translate)
        if f.type == "choice":
            translation = "choice: " + "|".join(o.value for o in f.options)
        elif f.type in ("date", "country"):
            translation = f.type
        source = " or ".join(s if not s.startswith("const:") else f"'{s[6:]}'" for s in f.sources)
        rows.append((f.number, f.name, source, required, f.fill or form.language, translation))
    widths = [min(max(len(r[i]) for r in rows), cap) for i, cap in enumerate((5, 44, 52, 8, 4, 40))]
    for i, row in enumerate(rows):
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths, strict=True)]
        click.echo("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
        if i == 0:
            click.echo("  ".join("-" * w for w in widths))


def _who(fn):
    fn = click.option(
        "--client", "client_ids", multiple=True, type=int, metavar="ID",
        help="A client (repeat). With --trip: only these tourists of the trip.",
    )(fn)  # fmt: skip
    fn = click.option("--trip", "voucher", metavar="VOUCHER", help="The trip whose tourists get a form.")(fn)
    return click.option("--form", "form_id", required=True, help="Form id (see: tourdesk forms list).")(fn)


@forms.command()
@_who
@db_option
@friendly_errors
def check(form_id: str, voucher: str | None, client_ids: tuple[int, ...]) -> None:
    """The gate before printing: per tourist, every value FORM lacks or has wrong (untranslated,
    non-Latin letters, a passport that expires too soon or is over ten years old, a new passport's
    unknown issue date, a minor without parental authority, a form for another country than the
    trip's), and how to fix it. Exit 0 only when every questionnaire passes, 3 otherwise."""
    # why here: tourdesk --help imports every command module
    from pipeline.forms.visa import check_visa_forms, load_group

    group = load_group(voucher, list(client_ids), db_url=db_url())
    batch = check_visa_forms(form_id, group, db_url=db_url())
    if _print_check(batch, group.voucher, limit=None):
        raise SystemExit(EXIT_INCOMPLETE)


@forms.command()
@_who
@click.option("--out", "out_dir", default="visa-forms", show_default=True, type=click.Path(file_okay=False))
@click.option("--pdf", is_flag=True, help="Also PDFs for printing (LibreOffice, one process for the batch).")
@click.option("--combined", is_flag=True, help="Also one file with every questionnaire, to print in one go.")
@click.option("--zip", "archive", is_flag=True, help="Also one ZIP of the documents (and PDFs).")
@click.option("--strict", is_flag=True, help="Write nothing if any questionnaire is incomplete (exit 3).")
@db_option
@friendly_errors
def render(
    form_id: str,
    voucher: str | None,
    client_ids: tuple[int, ...],
    out_dir: str,
    pdf: bool,
    combined: bool,
    archive: bool,
    strict: bool,
) -> None:
    """Fill FORM for every tourist: one document each, in OUT/<voucher>/ (OUT/clients/ for
    --client without --trip), named SURNAME_NAME_<form>.docx.

    What is missing or wrong is listed first, with the command that fixes it; such a form is
    written only as a draft (SURNAME_NAME_<form>_DRAFT.docx, "DRAFT – not checked" at its top),
    and not at all with --strict.
    """
    # why here: tourdesk --help imports every command module
    from pipeline.forms.visa import IncompleteForms, check_visa_forms, load_group, render_visa_forms

    group = load_group(voucher, list(client_ids), db_url=db_url())
    batch = check_visa_forms(form_id, group, db_url=db_url())
    # on standard error, as warnings: standard output says what was written
    _print_check(batch, group.voucher, err=True)
    try:
        result = render_visa_forms(
            form_id, group, out_dir, pdf=pdf, combined=combined, strict=strict, db_url=db_url(), batch=batch,
            archive=archive,
        )
    except IncompleteForms as exc:
        fail(f"{exc} (--strict); fix the values above, or render without --strict", EXIT_INCOMPLETE)
    except OSError as exc:
        # a full disk or a read-only folder; every file already written is whole. The reason
        # only: exc.filename would name a tourist
        fail(f"cannot write the questionnaires into {out_dir}: {exc.strerror or type(exc).__name__}")
    report = result.report
    click.echo(f"{len(report.files)} questionnaires written to {report.out_dir}")
    drafts = len(result.batch.incomplete)
    if drafts:
        click.echo(
            f"{drafts} of them only as drafts (named *_DRAFT, marked 'DRAFT – not checked'): "
            "not to hand in until tourdesk forms check passes"
        )
    if result.pdfs:
        click.echo(f"{len(result.pdfs)} PDFs written to {report.out_dir}")
    for path in result.combined:
        click.echo(f"to print in one go: {path}")
    if result.archive:
        click.echo(f"all in one archive: {result.archive}")
    if result.pdf_error:
        fail(result.pdf_error)


#: rows of the check table ``render`` prints; ``forms check`` prints them all
RENDER_CHECK_ROWS = 40


def _print_check(
    batch, voucher: str | None, limit: int | None = RENDER_CHECK_ROWS, err: bool = False
) -> bool:
    """Print the check table (at most ``limit`` rows); True when some questionnaire is incomplete."""
    # why here: tourdesk --help imports every command module
    from pipeline.forms.check import check_rows, format_check

    rows = check_rows(batch, voucher)
    if not rows:
        click.echo(f"check: all {len(batch.items)} questionnaires of {batch.form.id} are complete", err=err)
        return False
    tourists = len(batch.incomplete)
    click.echo(
        f"check: {tourists} of {len(batch.items)} questionnaires of {batch.form.id} need something:", err=err
    )
    # a trip of hundreds can lack thousands of values: a screenful to act on, the rest on request
    shown = rows if limit is None else rows[:limit]
    for line in format_check(shown):
        click.echo(f"  {line}", err=err)
    if len(shown) < len(rows):
        who = f"--trip {voucher}" if voucher else "--client ..."
        click.echo(
            f"  ... and {len(rows) - len(shown)} more: tourdesk forms check --form {batch.form.id} {who}",
            err=err,
        )
    return True
