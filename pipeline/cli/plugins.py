"""``tourdesk plugins``: what is loaded, and what each plugin registered."""

from __future__ import annotations

import json

import click

from pipeline.hooks.manager import loaded_plugins, registry


@click.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def plugins_cmd(as_json: bool) -> None:
    """List loaded plugins and the importers, translators, exporters and forms they register."""
    reg = registry()
    data = {
        "plugins": [{"name": n, "origin": o} for n, o in loaded_plugins()],
        "importers": [{"name": i.name, "plugin": reg.owner("importer", i.name), "extensions": list(i.extensions), "description": i.description} for i in reg.importers.values()],
        "translators": [{"name": t.name, "plugin": reg.owner("translator", t.name), "from": t.source, "to": t.target, "description": t.description} for t in reg.translators.values()],
        "exporters": [{"name": e.name, "plugin": reg.owner("exporter", e.name), "description": e.description} for e in reg.exporters.values()],
        "form_folders": [str(p) for p in reg.form_dirs],
    }  # fmt: skip
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo("Plugins:")
    for p in data["plugins"]:
        click.echo(f"  {p['name']}  ({p['origin']})")
    for kind in ("importers", "translators", "exporters"):
        click.echo(f"{kind.capitalize()}:")
        for item in data[kind]:
            extra = f" {' '.join(item['extensions'])}" if item.get("extensions") else ""
            extra += f" {item['from']}->{item['to']}" if "from" in item else ""
            click.echo(f"  {item['name']:<12}{extra}  {item['description']}  [{item['plugin']}]")
    click.echo("Form folders:")
    for folder in data["form_folders"]:
        click.echo(f"  {folder}")
