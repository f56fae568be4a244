"""The plugin manager: built-in plugin modules plus, lazily, installed ones.

Set ``TOURDESK_LOAD_PLUGINS=none`` (or an empty value) to block installed plugins, or a
comma-separated list of distribution names to allow only those. ``TOURDESK_TRACE_HOOKS=1``
prints every hook call to standard error.
"""

from __future__ import annotations

import importlib
import os
import sys
from functools import cache
from typing import Any

import pluggy

from pipeline.hooks import hookspecs
from pipeline.hooks.registry import Register

DEFAULT_PLUGINS: tuple[str, ...] = (
    "plugins.importers.delimited",
    "plugins.translators.icao",
    "plugins.exporters.docx_form",
    "plugins.importers.excel",
    "plugins.importers.word",
    "plugins.importers.pdf",
    "plugins.importers.past_trip",
    "plugins.translators.reverse",
    "plugins.translators.dictionary",
    "plugins.translators.national",
    "plugins.translators.name_kinds",
    "plugins.exporters.forms_builtin",
    "plugins.exporters.mailing",
)

pm = pluggy.PluginManager("tourdesk")
pm.add_hookspecs(hookspecs)

_loaded = False


def ensure_plugins_loaded() -> pluggy.PluginManager:
    """Register built-in plugins and installed ones on first use, not at import."""
    global _loaded
    if _loaded:
        return pm
    _loaded = True
    for name in DEFAULT_PLUGINS:
        module = importlib.import_module(name)
        if pm.get_plugin(name) is None:
            pm.register(module, name=name)
    allow = os.environ.get("TOURDESK_LOAD_PLUGINS")
    if allow is None or allow.strip().lower() not in ("", "none"):
        pm.load_setuptools_entrypoints("tourdesk")
        if allow is not None:
            _drop_unlisted(allow)
    pm.check_pending()
    if _tracing():
        pm.trace.root.setwriter(sys.stderr.write)
        pm.enable_tracing()
    return pm


def _tracing() -> bool:
    return bool(os.environ.get("TOURDESK_TRACE_HOOKS"))


def _drop_unlisted(allow: str) -> None:
    wanted = {d.strip().lower() for d in allow.split(",")}
    for plugin, dist in list(pm.list_plugin_distinfo()):
        if dist.project_name.lower() not in wanted:
            pm.unregister(plugin)


@cache
def registry() -> Register:
    """Everything the plugins registered, filled once per process."""
    manager = ensure_plugins_loaded()
    reg = Register()
    for hook in ("register_importers", "register_translators", "register_exporters", "register_forms"):
        # Called through pluggy one plugin at a time, built-ins first, so that the registry knows
        # who added what and an installed plugin can replace a built-in on purpose.
        for impl in getattr(manager.hook, hook).get_hookimpls():
            reg.current_plugin = impl.plugin_name
            if _tracing():
                sys.stderr.write(f"hook {hook} -> {impl.plugin_name}\n")
            _only(manager, hook, impl.plugin)(register=reg)
    reg.current_plugin = "?"
    return reg


def _only(manager: pluggy.PluginManager, hook: str, plugin: object) -> Any:
    """A caller of ``hook`` that reaches ``plugin`` alone (pluggy's subset caller)."""
    others = [p for p in manager.get_plugins() if p is not plugin]
    return manager.subset_hook_caller(hook, remove_plugins=others)


def reset() -> None:
    """Forget the collected registry (tests that register a throwaway plugin call this)."""
    registry.cache_clear()


def loaded_plugins() -> list[tuple[str, str]]:
    """(name, origin) of every registered plugin, built-ins first."""
    manager = ensure_plugins_loaded()
    dists = {id(p): f"{d.project_name} {d.version}" for p, d in manager.list_plugin_distinfo()}
    out = []
    for name, plugin in manager.list_name_plugin():
        out.append((name, dists.get(id(plugin), "built-in" if name in DEFAULT_PLUGINS else "registered")))
    return out
