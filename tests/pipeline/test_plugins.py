"""The hook system: built-ins and third-party plugins register the same way."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline import Importer, RawTable, hookimpl
from pipeline.hooks import manager as plugin_system
from pipeline.hooks.registry import DuplicateNameError, Register
from pipeline.importing.sources import normalize_source
from pipeline.types import Source


class _ThrowawayPlugin:
    """Reads a made-up `.tourists` format: one tourist per line, fields split by '!'."""

    @hookimpl
    def register_importers(self, register):
        def read(source):
            lines = source.read_bytes().decode("utf-8").splitlines()
            return [RawTable(frame=pd.DataFrame([line.split("!") for line in lines], dtype=object))]

        register.importer(Importer(name="bang", description="'!'-separated test lists", read=read, extensions=(".tourists",)))


@pytest.fixture
def throwaway():
    plugin = _ThrowawayPlugin()
    plugin_system.ensure_plugins_loaded().register(plugin, name="throwaway")
    plugin_system.reset()
    yield plugin
    plugin_system.pm.unregister(name="throwaway")
    plugin_system.reset()


def test_builtins_register_through_hooks():
    reg = plugin_system.registry()
    assert reg.owner("importer", "text") == "plugins.importers.delimited"
    assert reg.owner("translator", "icao") == "plugins.translators.icao"
    assert "docx" in reg.exporters


def test_pipeline_uses_a_throwaway_importer(tmp_path, throwaway):
    path = tmp_path / "group.tourists"
    path.write_text("Surname!Name!DOB\nIVANOV!IVAN!14.05.1978\n", encoding="utf-8")
    rows = normalize_source(Source.from_path(path)).rows
    assert plugin_system.registry().owner("importer", "bang") == "throwaway"
    assert rows[0].record["surname_lat"] == "IVANOV" and rows[0].record["birth_date"] == "1978-05-14"


def test_duplicate_names_are_a_clear_error():
    reg = Register()
    imp = Importer(name="text", description="x", read=lambda s: [])
    reg.current_plugin = "a"
    reg.importer(imp)
    reg.current_plugin = "b"
    with pytest.raises(DuplicateNameError, match="registered twice: by a and by b"):
        reg.importer(imp)
    reg.importer(imp, replace=True)  # on purpose is fine


def test_installed_plugins_blocked_in_tests():
    origins = dict(plugin_system.loaded_plugins())
    assert all(o in ("built-in", "registered") for o in origins.values())
