"""``tourdesk crm``: keeping regular clients — contacts, consents, NPS and follow-ups, segments,
greetings and the control report. Heavy libraries load inside the commands."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pipeline import settings
from pipeline.cli.common import EXIT_SOME_REJECTED, db_option, db_url, fail, friendly_errors
from pipeline.crm.errors import CrmInputError
from pipeline.normalize.dates import BadDate, parse_date
from pipeline.outfiles import private_dir

EXIT_USAGE = 2


class _Day(click.ParamType):
    """A date as the desk types it: 08.03.2027, 2027-03-08, 8 марта 2027."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(value, kind="expiry")
        except BadDate:
            self.fail(f"{value!r} is not a date", param, ctx)


DAY = _Day()


def crm_errors(fn: Callable) -> Callable:
    """The CRM's own clerk-facing errors (unknown client, bad phone, ...) as one line, exit 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # why here: tourdesk --help imports every command module; the client file loads SQLAlchemy
        from pipeline.clients.edit import ClientNotFound

        try:
            return fn(*args, **kwargs)
        except (CrmInputError, ClientNotFound) as exc:
            fail(str(exc).strip("'\""))

    return friendly_errors(wrapper)


def _session():
    # why here: tourdesk --help imports every command module; the store loads SQLAlchemy
    from pipeline.store.db import session_scope

    return session_scope(db_url())


def _show(frame, empty: str) -> None:
    if frame.empty:
        click.echo(empty)
    else:
        click.echo(frame.to_string())


@click.group()
@db_option
def crm() -> None:
    """Keep regular clients: contacts, consents, NPS, follow-ups, segments, greetings, reports."""


# -- contacts and consents -------------------------------------------------------------------


@crm.command()
@click.argument("client_id", metavar="CLIENT", type=int)
@click.option("--phone", multiple=True, help="Add a phone (any common form; +7 assumed for 8 and 9...).")
@click.option("--email", multiple=True, help="Add an e-mail address.")
@click.option("--social", multiple=True, metavar="NETWORK:ACCOUNT", help="Add a social account, e.g. telegram:@anna.")
@click.option("--note", help="Add a note (hobbies, family, what they liked).")
@click.option("--tag", multiple=True, help="Add a tag for segments (vip, ski, family).")
@click.option("--manager", help="Make this person the client's account manager.")
@click.option("--language", type=click.Choice(["ru", "en"]), help="Language of greetings and letters.")
@db_option
@crm_errors
def contacts(client_id, phone, email, social, note, tag, manager, language) -> None:
    """Show CLIENT's contacts, or add phones, e-mails, accounts, a note, tags, the manager."""
    # why here: tourdesk --help imports every command module; the CRM models load SQLAlchemy
    from sqlalchemy import select

    from pipeline.clients.edit import get_client
    from pipeline.crm.contacts import add_contact, contacts_of
    from pipeline.crm.managers import assign, profile
    from pipeline.crm.models import Manager, Note, Profile, Tag

    with _session() as s:
        get_client(s, client_id)  # an unknown number is one clear line, before anything is added
        for value in phone:
            add_contact(s, client_id, "phone", value)
        for value in email:
            add_contact(s, client_id, "email", value)
        for value in social:
            network, _, account = value.partition(":")
            add_contact(s, client_id, "social", account, network=network)
        if note:
            s.add(Note(client_id=client_id, text=note))
        for t in tag:
            if s.get(Tag, (client_id, t.strip().lower())) is None:
                s.add(Tag(client_id=client_id, tag=t.strip().lower()))
        if manager:
            assign(s, client_id, manager)
        if language:
            profile(s, client_id).language = language
        s.flush()
        card = s.get(Profile, client_id)
        if card is not None and card.manager_id:
            click.echo(f"manager  {s.get(Manager, card.manager_id).name}")
        tags = sorted(s.scalars(select(Tag.tag).where(Tag.client_id == client_id)))
        if tags:
            click.echo(f"tags     {', '.join(tags)}")
        for n in s.scalars(select(Note).where(Note.client_id == client_id).order_by(Note.id)):
            click.echo(f"note     {n.text}")
        for c in contacts_of(s, client_id):
            click.echo(f"{c.kind:7} {(c.network or ''):10} {c.value}{'  (primary)' if c.is_primary else ''}")


@crm.command()
@click.argument("client_id", metavar="CLIENT", type=int)
@click.option("--personal-data", type=click.Choice(["yes", "no"]), help="Consent to process personal data.")
@click.option("--advertising", type=click.Choice(["yes", "no"]), help="Consent to receive advertising.")
@click.option("--source", help="Where it was given: signed form, website, phone call, e-mail.")
@click.option("--date", "given_on", type=DAY, help="When it was given (default: today).")
@click.option("--unsubscribe", "lists", multiple=True, metavar="LIST", help="Unsubscribe from a mailing list.")
@db_option
@crm_errors
def consent(client_id, personal_data, advertising, source, given_on, lists) -> None:
    """Show CLIENT's consents, or record one given or withdrawn (with its date and source)."""
    # why here: tourdesk --help imports every command module; the CRM models load SQLAlchemy
    from pipeline.crm import consent as rules

    with _session() as s:
        for kind, answer in (("personal_data", personal_data), ("advertising", advertising)):
            if answer:
                if not source:
                    fail("--source: say where the consent was given (signed form, website, phone call)", EXIT_USAGE)
                rules.record_consent(s, client_id, kind, answer == "yes", given_on or dt.date.today(), source)
        for name in lists:
            rules.unsubscribe(s, client_id, name)
        for kind, row in rules.current(s, client_id).items():
            state = "not recorded (counts as not given)" if row is None else (
                f"{'given' if row.granted else 'withdrawn'} {row.given_on:%d.%m.%Y}, {row.source}")
            click.echo(f"{kind:14} {state}")


@crm.command()
@click.argument("client_id", metavar="CLIENT", type=int)
@click.option("--add", nargs=3, metavar="KIND DAY LABEL", help="Add a date: name_day|anniversary|partner_event, "
              "08.03 or 08.03.2010, and what it is (\"годовщина свадьбы\").")  # fmt: skip
@db_option
@crm_errors
def dates(client_id, add) -> None:
    """Show CLIENT's dates to greet on (the birthday comes from the passport data), or add one."""
    # why here: tourdesk --help imports every command module; the client file loads SQLAlchemy
    from pipeline.clients.edit import get_client
    from pipeline.crm.dates import add_date, dates_of

    with _session() as s:
        client = get_client(s, client_id)  # an unknown number is one clear line
        if add:
            add_date(s, client_id, add[0], add[1], add[2])
        birth = client.birth_date if not add else None
        if birth:
            click.echo(f"birthday       {birth:%d.%m}")
        for d in dates_of(s, client_id):
            click.echo(f"{d.kind:14} {d.day:02d}.{d.month:02d}{f'.{d.year}' if d.year else ''}  {d.label or ''}")


# -- NPS and follow-ups ------------------------------------------------------------------------


@crm.group()
def nps() -> None:
    """Survey answers in, the NPS out (with its 95% interval)."""


@nps.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@crm_errors
def nps_import(file: Path) -> None:
    """Import answers from a form service's CSV/XLSX: client, date, score 0-10, reason (manager,
    destination if present). Detractors go on the follow-up list."""
    # why here: tourdesk --help imports every command module; the NPS import loads pandas and SQLAlchemy
    from pipeline.crm.nps_import import import_answers, read_answers

    rows = read_answers(file)
    with _session() as s:
        result = import_answers(s, rows, file.name)
    for line in result.rejected:
        click.echo(f"not imported: {line}", err=True)
    click.echo(f"{result.added} answers added, {result.already_there} already there, "
               f"{result.followups} new follow-ups, {len(result.rejected)} not imported")  # fmt: skip
    if result.rejected:
        raise SystemExit(EXIT_SOME_REJECTED)


@nps.command("add")
@click.argument("client_id", metavar="CLIENT", type=int)
@click.argument("score", type=click.IntRange(0, 10))
@click.option("--date", "answered_on", type=DAY, help="Day of the answer (default: today).")
@click.option("--reason", help="Why, in the client's words.")
@click.option("--manager", help="Account manager the answer is about.")
@click.option("--destination", help="Country of the trip (ISO alpha-3, e.g. TUR).")
@db_option
@crm_errors
def nps_add(client_id, score, answered_on, reason, manager, destination) -> None:
    """Type one answer in."""
    # why here: tourdesk --help imports every command module; the NPS import loads pandas and SQLAlchemy
    from pipeline.crm.nps_import import add_answer

    with _session() as s:
        r = add_answer(s, client_id, score, answered_on or dt.date.today(), reason, manager, destination)
    click.echo("answer added" + (", follow-up opened" if r.followups else "") if r.added else "already there")


@nps.command("report")
@click.option("--from", "start", type=DAY, help="First day (default: 13 weeks before --to).")
@click.option("--to", "end", type=DAY, help="Last day (default: today).")
@click.option("--by", type=click.Choice(["week", "manager", "destination"]), help="Break the NPS down.")
@db_option
@crm_errors
def nps_report(start, end, by) -> None:
    """The NPS of a period with its 95% interval, or by week, manager or destination.

    It counts the answers given from --from to --to (by the day of the answer, whatever trip
    they are about), as the control report does: for the same days the two agree.
    """
    # why here: tourdesk --help imports every command module; the NPS figures load pandas
    from pipeline.crm import nps as calc
    from pipeline.crm.frames import read_answers

    end = end or dt.date.today()
    start = start or end - dt.timedelta(weeks=13) + dt.timedelta(days=1)
    if end < start:
        fail("--to is before --from", EXIT_USAGE)
    with _session() as s:
        answers = calc.answers_in(read_answers(s, start, end), start, end)
    period = f"answers given {start:%d.%m.%Y}–{end:%d.%m.%Y}"
    if answers.empty:
        click.echo(f"no answers in the period ({period})")
        return
    if by == "week":
        _show(calc.weekly(answers), "no answers")
    elif by:
        _show(calc.by(answers, by), "no answers")
    else:
        f = calc.summary(answers["score"])
        click.echo(f"NPS {f.nps:+.1f} (95% interval {f.low:+.1f} … {f.high:+.1f}) from {f.answers} {period}: "
                   f"{f.promoters} promoters, {f.passives} passives, {f.detractors} detractors")  # fmt: skip


@crm.group(invoke_without_command=True)
@click.option("--all", "include_done", is_flag=True, help="Include the follow-ups already done.")
@db_option
@click.pass_context
@crm_errors
def followups(ctx: click.Context, include_done: bool) -> None:
    """Detractors to call back (within 7 days of the answer); overdue ones are flagged."""
    if ctx.invoked_subcommand:
        return
    # why here: tourdesk --help imports every command module; follow-ups load pandas and SQLAlchemy
    from pipeline.crm.followups import followup_list, open_followups

    with _session() as s:
        open_followups(s)
        table = followup_list(s, dt.date.today(), include_done)
    table["overdue"] = table["overdue"].map({True: "OVERDUE", False: ""})
    _show(table.drop(columns=["learnt", "action_taken"] if not include_done else []).set_index("id"),
          "no follow-ups waiting")  # fmt: skip


@followups.command("done")
@click.argument("followup_id", metavar="ID", type=int)
@click.option("--learnt", required=True, help="What the call taught us.")
@click.option("--action", required=True, help="What was done about it.")
@db_option
@crm_errors
def followup_done(followup_id, learnt, action) -> None:
    """Close follow-up ID with what was learnt and what was done."""
    # why here: tourdesk --help imports every command module; follow-ups load pandas and SQLAlchemy
    from pipeline.crm.followups import record_outcome

    with _session() as s:
        record_outcome(s, followup_id, learnt, action)
    click.echo(f"follow-up {followup_id} closed")


# -- segments, greetings, report ------------------------------------------------------------------


@crm.command()
@click.option("--as-of", type=DAY, help="Day the recency counts to (default: today).")
@click.option("--segment", help="Only this RFM segment, e.g. \"Can't Lose Them\".")
@click.option("--destination", help="Only clients who bought this country (ISO alpha-3).")
@click.option("--manager", help="Only this account manager's clients.")
@click.option("--tag", help="Only clients with this tag.")
@click.option("--offer-list", metavar="LIST", help="Only clients an offer on LIST may go to (consent, unsubscribes).")
@click.option("--ids", is_flag=True, help="Print client numbers only, one a line.")
@db_option
@crm_errors
def segments(as_of, segment, destination, manager, tag, offer_list, ids) -> None:
    """Clients by RFM segment (Champions … Lost), destination, manager or tag; counts without filters."""
    # why here: tourdesk --help imports every command module; segments load pandas and SQLAlchemy
    from pipeline.crm import rfm
    from pipeline.crm.segments import select_clients

    with _session() as s:
        table = select_clients(s, as_of or dt.date.today(), segment=segment, destination=destination,
                               manager=manager, tag=tag, offer_list=offer_list)  # fmt: skip
    if ids:
        for client_id in table.index:
            click.echo(client_id)
    elif any([segment, destination, manager, tag, offer_list]):
        _show(table[["recency_days", "frequency", "monetary", "R", "F", "M", "segment"]], "no clients match")
    else:
        _show(rfm.segment_counts(table), "no purchases recorded yet")


@crm.command()
@click.option("--day", type=DAY, help="First day (default: today in TOURDESK_TIMEZONE).")
@click.option("--week", is_flag=True, help="The seven days from --day, not just the day.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder for the files.")
@click.option("--sender", help="From of the e-mails (default: TOURDESK_AGENCY_NAME <TOURDESK_AGENCY_EMAIL>).")
@click.option("--unsubscribe", metavar="MAILBOX", help="Mailbox that takes unsubscribe requests (List-Unsubscribe).")
@db_option
@crm_errors
def greetings(day, week, out, sender, unsubscribe) -> None:
    """The greetings due, signed by TOURDESK_AGENCY_NAME: a mailing list (CSV, XLSX) and ready
    e-mails (.eml) in OUT, readable by you only."""
    # why here: tourdesk --help imports every command module; greetings load pandas and SQLAlchemy
    from pipeline.crm import greetings as build
    from pipeline.crm import mailing

    try:
        agency, sender = settings.agency_name(), sender or settings.sender()
        start = day or settings.today()
    except settings.SettingError as exc:
        fail(str(exc))
    with _session() as s:
        rows = build.build(s, start, 7 if week else 1, agency=agency)
    written = mailing.export_mailing(rows, out, sender, unsubscribe)
    _register_mailing(rows, out)
    held = rows[~rows["send"]]["why_not"].value_counts() if len(rows) else {}
    click.echo(f"{len(rows)} greetings due, {int(rows['send'].sum()) if len(rows) else 0} to send, "
               f"{written['emails']} e-mails written to {out}")  # fmt: skip
    for why, n in dict(held).items():
        click.echo(f"  not sent: {n} — {why}")


def _register_mailing(rows, out: Path) -> None:
    """The mailing list and each ready e-mail go in the register of files written about a client."""
    # why here: tourdesk --help imports every command module; the store loads SQLAlchemy
    from pipeline.store.written import register_files

    if not len(rows):
        return
    ids = sorted({int(c) for c in rows[rows["send"]]["client_id"]})
    files = [(cid, out / name, "mailing") for cid in ids for name in ("greetings.csv", "greetings.xlsx")]
    files += [(int(p.stem.split("-")[3]), p, "email") for p in (out / "eml").glob("*.eml")
              if p.stem.split("-")[3:4] and p.stem.split("-")[3].isdigit()]  # fmt: skip
    with _session() as s:
        register_files(s, [(cid, p, kind) for cid, p, kind in files if p.exists()])


@crm.command()
@click.option("--from", "start", type=DAY, required=True, help="First day of the period.")
@click.option("--to", "end", type=DAY, required=True, help="Last day of the period.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder for the report.")
@click.option("--language", type=click.Choice(["ru", "en"]),
              help="Language of the report (default: Russian, or TOURDESK_REPORT_LANGUAGE).")  # fmt: skip
@db_option
@crm_errors
def report(start, end, out, language) -> None:
    """The control report for a period: a printable PDF and a working XLSX, each figure beside the
    previous period's. Both files are readable by you only."""
    # why here: tourdesk --help imports every command module; the report loads pandas and fpdf2
    from pipeline.crm import report_pdf, report_xlsx
    from pipeline.crm.frames import load
    from pipeline.crm.report import Period, control_report
    from pipeline.crm.report_words import default_language

    if end < start:
        fail("--to is before --from", EXIT_USAGE)
    try:
        lang = language or default_language()
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)
    with _session() as s:
        frames = load(s, Period(start, end).previous().start, end)
    r = control_report(frames, start, end)
    private_dir(out)
    name = f"control-report-{start:%Y%m%d}-{end:%Y%m%d}"
    click.echo(report_xlsx.write(r, out / f"{name}.xlsx", lang))
    click.echo(report_pdf.write(r, out / f"{name}.pdf", lang))


# -- entries: purchases, incidents, expenses, managers' work ---------------------------------------


@crm.command()
@click.argument("client_id", metavar="CLIENT", type=int)
@click.option("--trip", "voucher", help="Voucher of the trip bought.")
@click.option("--amount", type=float, required=True, help="What the client paid for the trip.")
@click.option("--margin", type=float, required=True, help="The agency's margin on it.")
@click.option("--paid", type=float, help="Paid so far, when not all (the rest is a debt).")
@click.option("--date", "bought_on", type=DAY, help="Day of the sale (default: the trip's creation).")
@click.option("--manager", help="Account manager who sold it.")
@db_option
@crm_errors
def purchase(client_id, voucher, amount, margin, paid, bought_on, manager) -> None:
    """Record CLIENT's purchase of a trip: amount, margin, what is paid."""
    # why here: tourdesk --help imports every command module; purchases load SQLAlchemy
    from pipeline.crm.purchases import record_purchase
    from pipeline.trips.trip import find_trip

    with _session() as s:
        trip_id = find_trip(s, voucher).id if voucher else None
        record_purchase(s, client_id, trip_id, amount, margin, bought_on, paid, manager)
    click.echo("purchase recorded")


@crm.command()
@click.argument("client_id", metavar="CLIENT", type=int)
@click.argument("kind", type=click.Choice(["refusal", "return", "complaint"]))
@click.option("--category", required=True, help="Reason category: price, hotel, flight, transfer, staff, visa, ...")
@click.option("--product", help="What they disliked about the product or service.")
@click.option("--staff", help="What they disliked about the staff.")
@click.option("--sale", help="What they disliked at the moment of sale.")
@click.option("--date", "day", type=DAY, help="When (default: today).")
@click.option("--refunded", type=float, default=0, help="Money returned to the client.")
@click.option("--manager", help="Account manager concerned.")
@db_option
@crm_errors
def incident(client_id, kind, category, product, staff, sale, day, refunded, manager) -> None:
    """Record a refusal, return or complaint with the short form."""
    # why here: tourdesk --help imports every command module; purchases load SQLAlchemy
    from pipeline.crm.purchases import record_incident

    with _session() as s:
        record_incident(s, client_id, kind, category, day or dt.date.today(), product=product, staff=staff,
                        sale=sale, refunded=refunded, manager=manager)  # fmt: skip
    click.echo(f"{kind} recorded")


@crm.command()
@click.argument("category", type=click.Choice(["advertising", "fairs", "events", "discounts", "greetings", "gifts"]))
@click.argument("amount", type=float)
@click.option("--date", "day", type=DAY, help="When it was spent (default: today).")
@click.option("--note", help="What it was.")
@db_option
@crm_errors
def expense(category, amount, day, note) -> None:
    """Record money spent winning clients (advertising, fairs, events) or keeping them (the rest)."""
    # why here: tourdesk --help imports every command module; expenses load SQLAlchemy
    from pipeline.crm.expenses import record_expense

    with _session() as s:
        row = record_expense(s, day or dt.date.today(), category, amount, note)
    click.echo(f"{row.kind} expense recorded")


@crm.command()
@click.argument("manager")
@click.argument("kind", type=click.Choice(["call", "meeting", "offer", "contract"]))
@click.option("--client", "client_id", type=int, help="Client concerned.")
@click.option("--date", "day", type=DAY, help="When (default: today).")
@db_option
@crm_errors
def log(manager, kind, client_id, day) -> None:
    """Log a manager's call, meeting, offer sent or contract signed."""
    # why here: tourdesk --help imports every command module; the CRM models load SQLAlchemy
    from pipeline.crm.managers import log_activity

    with _session() as s:
        log_activity(s, manager, kind, day or dt.date.today(), client_id)
    click.echo(f"{kind} logged")


# -- erasure: attached under ``tourdesk clients`` ----------------------------------------------------


@click.command("forget")
@click.argument("client_id", metavar="CLIENT", type=int)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
@crm_errors
def forget_cmd(client_id: int, yes: bool) -> None:
    """Erase CLIENT's personal data on their request; anonymous figures stay for the reports.

    Names, documents, contacts, notes and extra information are removed for good; the change
    history records that the erasure happened, not what was erased.
    """
    # why here: tourdesk --help imports every command module; erasure loads SQLAlchemy
    from pipeline.crm.forget import forget_client

    if not yes:
        click.confirm(f"Erase every personal detail of client {client_id}? This cannot be undone", abort=True)
    with _session() as s:
        result = forget_client(s, client_id)
    if result.already:
        click.echo(f"client {client_id} was already erased on {result.at:%d.%m.%Y}")
    else:
        click.echo(f"client {client_id} erased; their purchases and survey scores stay in the figures, anonymous")
    _say_files(result.files)


def _say_files(files) -> None:
    """What became of the files Tourdesk wrote about the erased client."""
    if files.deleted:
        click.echo(f"{len(files.deleted)} files written about the client deleted (questionnaires, PDFs, lists)")
    if files.gone:
        click.echo(f"{len(files.gone)} files written about the client were no longer there")
    for path, why in files.failed:
        click.echo(f"could not delete {path}: {why}; delete it by hand, or run this command again", err=True)
    if files.failed:
        raise SystemExit(3)
