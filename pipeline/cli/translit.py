"""``tourdesk translit``: names between Cyrillic and passport Latin."""

from __future__ import annotations

import sys

import click

from pipeline.cli.common import fail
from pipeline.hooks.manager import registry

_DEFAULT_SCHEME = {"lat": "icao", "ru": "lat2ru"}


@click.command()
@click.option("--to", "target", type=click.Choice(["lat", "ru"]), required=True, help="lat: Cyrillic to Latin; ru: Latin to Cyrillic.")
@click.option("--scheme", metavar="NAME", help="Translator to use (default: icao for lat, lat2ru for ru); see: tourdesk plugins.")
@click.argument("texts", nargs=-1)
def translit(target: str, scheme: str | None, texts: tuple[str, ...]) -> None:
    """Transliterate each TEXT, or each line of standard input: one output line per input line.

    --to lat follows ICAO Doc 9303 (Russian foreign passports since 2014), upper case.
    """
    translators = registry().translators
    name = scheme or _DEFAULT_SCHEME[target]
    tr = translators.get(name)
    if tr is None or tr.target != target:
        known = ", ".join(sorted(n for n, t in translators.items() if t.target == target))
        fail(f"no {'Latin' if target == 'lat' else 'Cyrillic'} scheme {name!r}; known: {known}", 2)
    lines = list(texts) if texts else sys.stdin.read().splitlines()
    for out in tr.many(lines):
        click.echo(out)
