"""No user's mistake ends in a traceback: every command and subcommand (found by walking the click
group, so a new one is covered at once) is run against a real store with missing, malformed and
conflicting arguments; each must answer with one line and exit 1 or 2. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli
from tests.store.helpers import IVANOV, merge, row
from tests.trips.helpers import make_trip

#: a value that is wrong for an option of this name, whatever the command
MALFORMED = {
    "birth_date": "31.02.1985", "arrival": "31.02.2027", "departure": "32.03.2027", "passport_expiry": "99.99.2030",
    "created_from": "вчера-позавчера", "created_to": "13.13.2027", "arrival_from": "завтра", "arrival_to": "0.0.0",
    "passport": "12", "card_last4": "12", "gender": "X", "citizenship": "Атлантида", "country": "Атлантида",
    "surname_lat": "Иванов", "name_lat": "Сергей", "entries": "сколько угодно", "ticket": "123",
    "email": "not an e-mail", "phone": "call me", "social": "nonsense", "language": "klingon",
}  # fmt: skip
#: where such a value is a fair question, not a mistake (a passport's beginning is a search)
FAIR = {(("clients", "find"), "passport")}
#: arguments that contradict each other
CONFLICTS = [
    ["trips", "edit", "PAR-0312", "--inviting-person", "A", "--inviting-organisation", "B"],
    ["trips", "edit", "PAR-0312", "1", "--title", "X"],
    ["trips", "edit", "PAR-0312", "--room", "12"],
    ["trips", "roster", "PAR-0312", "--format", "pdf", "--out", "/nonexistent/roster.csv"],
    ["trips", "create", "PAR-0312", "--arrival", "20.03.2027", "--departure", "10.03.2027"],
    ["import", "list.csv", "--trip", "PAR-0312", "--from-trip", "PAR-0312"],
    ["clients", "add", "--surname-lat", "PETROV", "--passport-expiry", "01.01.2030"],
]


def _leaves(group: click.Group, path: tuple[str, ...], ctx: click.Context) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from _leaves(command, (*path, name), click.Context(command, parent=ctx, info_name=name))
        elif command is not None:
            yield (*path, name), command


def _placeholder(param: click.Parameter, junk: Path, tmp: Path) -> list[str]:
    """A well-formed value that names nothing in the store (client 999999, trip NO-SUCH-1)."""
    kind = param.type
    if isinstance(kind, click.Choice):
        value = str(kind.choices[0])
    elif isinstance(kind, click.IntRange):
        value = str(kind.min if kind.min is not None else 1)
    elif isinstance(kind, click.types.IntParamType):
        value = "999999"
    elif isinstance(kind, click.types.FloatParamType):
        value = "10"
    elif isinstance(kind, click.Path):
        value = str(junk) if kind.exists else str(tmp / f"out-{param.name}")
    elif kind.name == "DATE" or "date" in (param.name or ""):
        value = "01.03.2027"
    else:
        value = {"voucher": "NO-SUCH-1", "form_id": "no-such-form"}.get(param.name or "", "НЕТ-ТАКОГО")
    nargs = param.nargs if param.nargs > 0 else 1
    return [value] * nargs


def _malformed(param: click.Parameter, junk: Path, tmp: Path) -> str | None:
    kind = param.type
    if isinstance(kind, click.Choice):
        return "no-such-choice"
    if isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
        return "abc"
    if isinstance(kind, click.Path):
        if kind.exists:
            return str(tmp / "no-such-file.csv")
        return str(junk) if not kind.file_okay else str(tmp) if not kind.dir_okay else None
    if kind.name == "DATE":
        return "31.02.2027"
    return None


def _argv(command: click.Command, junk: Path, tmp: Path, only: click.Parameter | None = None,
          value: list[str] | None = None) -> list[str]:  # fmt: skip
    """Required arguments and options filled with placeholders; ``only`` given ``value``."""
    args, opts = [], []
    for param in command.params:
        given = value if param is only else _placeholder(param, junk, tmp) if param.required else None
        if given is None:
            continue
        if isinstance(param, click.Argument):
            args += given
        else:
            opts += [param.opts[0], *given]
    return [*args, *opts]


def _invoke(path: tuple[str, ...], argv: list[str], db: str) -> Result:
    return CliRunner().invoke(cli, [*path, *argv, "--db", db])


def _fault(path: tuple[str, ...], argv: list[str], result: Result, codes: tuple[int, ...]) -> str | None:
    """What is wrong with how the command answered, or ``None``."""
    what = f"tourdesk {' '.join((*path, *argv))}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return f"{what}: traceback ({type(result.exception).__name__}: {result.exception})"
    if result.exit_code not in codes:
        return f"{what}: exit {result.exit_code}, expected {codes}: {result.output[-300:]!r}"
    if result.exit_code in (1, 2):
        said = [line for line in result.stderr.splitlines() if line.strip()]
        if len(said) != 1:
            return f"{what}: {len(said)} lines of message, expected one: {result.stderr[-300:]!r}"
    return None


@pytest.fixture
def store(db_url, tmp_path):
    make_trip(db_url)
    merge(db_url, [row(1, **IVANOV)])
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\xff\xfe not a list =1+1;\n\x00\x00")
    return db_url, junk, tmp_path


def test_no_command_ends_in_a_traceback_for_a_users_mistake(store):
    db, junk, tmp = store
    leaves = list(_leaves(cli, (), click.Context(cli, info_name="tourdesk")))
    assert len(leaves) > 40 and (("trips", "roster") in {p for p, _ in leaves})
    faults = []

    def check(path, argv, codes):
        fault = _fault(path, argv, _invoke(path, argv, db), codes)
        if fault:
            faults.append(fault)

    for path, command in leaves:
        check(path, ["--no-such-option"], (2,))
        if any(p.required for p in command.params):
            check(path, [], (2,))  # missing arguments
            check(path, _argv(command, junk, tmp), (0, 1, 2, 3))  # well-formed, naming nothing that exists
        for param in command.params:
            if param.name in ("db", "help"):
                continue
            bad = _malformed(param, junk, tmp)
            if bad is not None:
                check(path, _argv(command, junk, tmp, param, [bad] * max(param.nargs, 1)), (2,))
            if param.name in MALFORMED and isinstance(param, click.Option) and (path, param.name) not in FAIR:
                check(path, _argv(command, junk, tmp, param, [MALFORMED[param.name]]), (1, 2))
            if isinstance(param.type, click.types.StringParamType) and not getattr(param, "is_flag", False):
                # a whole paragraph pasted into one field: refused or kept, never a traceback
                check(path, _argv(command, junk, tmp, param, ["Ы" * 400] * max(param.nargs, 1)), (0, 1, 2, 3))
    for argv in CONFLICTS:
        check(tuple(argv[:1]), argv[1:], (1, 2))
    assert not faults, f"{len(faults)} answers were not one clear line:\n" + "\n".join(faults)


def test_on_conflict_ask_without_a_terminal_says_what_to_choose(db_url, tmp_path):
    sample = Path(__file__).resolve().parents[2] / "examples" / "group_booking.csv"
    result = CliRunner().invoke(cli, ["import", str(sample), "--on-conflict", "ask", "--db", db_url])
    assert result.exit_code == 2 and "Aborted" not in result.output
    assert result.stderr.count("\n") == 1
    assert all(word in result.stderr for word in ("keep", "overwrite", "review"))
