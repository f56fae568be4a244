"""The ``tourdesk`` command line. Heavy libraries load inside commands, so ``--help`` is instant."""

from __future__ import annotations

import importlib
import logging
import sys

import click

from pipeline.cli.common import db_option
from pipeline.hooks.manager import ensure_plugins_loaded

_BUILTIN = {
    "import": "pipeline.cli.importing:import_cmd",
    "translit": "pipeline.cli.translit:translit",
    "clients": "pipeline.cli.clients:clients",
    "trips": "pipeline.cli.trips:trips",
    "forms": "pipeline.cli.forms:forms",
    "plugins": "pipeline.cli.plugins:plugins_cmd",
    "demo": "pipeline.cli.demo:demo",
    "dictionary": "pipeline.cli.dictionary:dictionary",
    "crm": "pipeline.cli.crm:crm",
    "review": "pipeline.cli.review:review",
    "cleanup": "pipeline.cli.cleanup:cleanup",
    "batches": "pipeline.cli.batches:batches",
    "desk": "pipeline.cli.desk:desk",
}


class _Group(click.Group):
    """Built-in commands load on demand; plugins add theirs through ``register_commands``."""

    _plugins_added = False

    def _add_plugin_commands(self) -> None:
        if not self._plugins_added:
            self._plugins_added = True
            ensure_plugins_loaded().hook.register_commands(cli=self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._add_plugin_commands()
        return sorted(set(_BUILTIN) | set(self.commands))

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        """Click's own runner, but a usage mistake is one line naming the command and where its
        help is (Click prints the usage block, a hint and the error over four or more lines)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            where = _command_path(exc.ctx)
            hint = f" (see: {where} --help)" if exc.ctx is not None else ""
            click.echo(f"{where}: {one_line(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"tourdesk: {one_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("tourdesk: stopped; nothing more was done", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _BUILTIN and name not in self.commands:
            module, attr = _BUILTIN[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        if name not in self.commands:
            self._add_plugin_commands()
        return self.commands.get(name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.version_option(package_name="tourdesk")
def cli() -> None:
    """Tourdesk: tourist lists in, a clean client file, embassy questionnaires out.

    \b
    Typical day at the desk:
      tourdesk trips create PAR-0312 --country FRA --arrival 12.03.2027 --departure 19.03.2027
      tourdesk import group.xlsx --trip PAR-0312
      tourdesk forms render --trip PAR-0312 --form schengen-en --out visa-forms
    """


def one_line(message: str) -> str:
    """Click's message on one line (a list of choices comes on several)."""
    return " ".join(message.replace(",\n", ", ").split())


def _command_path(ctx: click.Context | None) -> str:
    """``tourdesk trips show``, whatever name the program was started under."""
    names = []
    while ctx is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["tourdesk", *reversed(names[:-1])]).strip()


def main() -> None:
    _quiet_library_logs()
    cli(prog_name="tourdesk")


def _quiet_library_logs() -> None:
    """A database driver's own log records (psycopg noting, while a lost connection is torn
    down, that it ignored an error) are not for the clerk, who gets the error as one line.
    Without a handler Python would print them on standard error; a handler configured by
    whoever runs Tourdesk (a Prefect worker, a developer) still receives them."""
    for name in ("psycopg", "sqlalchemy"):
        logging.getLogger(name).addHandler(logging.NullHandler())


