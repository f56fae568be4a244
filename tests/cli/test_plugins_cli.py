"""`tourdesk plugins` tells what is loaded; the schema has one line of migrations."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import cli


def test_plugins_lists_builtins_and_what_they_register():
    result = CliRunner().invoke(cli, ["plugins", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    names = {p["name"] for p in data["plugins"]}
    assert {"plugins.importers.delimited", "plugins.translators.icao", "plugins.exporters.docx_form"} <= names
    importers = {i["name"]: i for i in data["importers"]}
    assert importers["text"]["plugin"] == "plugins.importers.delimited" and ".csv" in importers["text"]["extensions"]
    assert {"excel", "word", "pdf", "trip"} <= set(importers)
    assert {"icao", "lat2ru", "dictionary-en"} <= {t["name"] for t in data["translators"]}
    assert {"docx", "mailing-csv", "mailing-xlsx", "mailing-eml"} <= {e["name"] for e in data["exporters"]}
    assert any(p.endswith("forms") for p in data["form_folders"])


def test_plugins_human_listing():
    out = CliRunner().invoke(cli, ["plugins"]).stdout
    assert "Importers:" in out and "icao" in out and "(built-in)" in out


def test_tracing_switch_shows_hook_calls(monkeypatch):
    import subprocess
    import sys

    env = {"TOURDESK_TRACE_HOOKS": "1", "TOURDESK_LOAD_PLUGINS": "none", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "plugins"], capture_output=True, text=True, env=env)
    assert "hook register_importers -> plugins.importers.delimited" in out.stderr


def test_migrations_form_one_line():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from pipeline.store.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1, "two migrations claim the same parent"
