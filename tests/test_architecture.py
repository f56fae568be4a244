"""The house plan holds: read from the code's own imports (``ast``), nothing is run.

The rules are those of ``docs/architecture.md``: no import circle; every import goes to the
same package or down the layers below; the core (``pipeline``) never imports a built-in plugin
(it reaches them through the hooks); no module takes a ``_private`` name from another one;
``pipeline/`` keeps at most eight loose modules beside its packages.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOPS = ("pipeline", "plugins", "flows")

#: Low to high. A module may import its own package, or a package of a LOWER layer, never a
#: higher one nor another package of its own layer. The longest matching prefix decides.
LAYERS: list[tuple[str, ...]] = [
    ("pipeline.types", "pipeline.record", "pipeline.outfiles"),
    ("pipeline.limits", "pipeline.settings"),
    ("pipeline.hooks",),
    ("pipeline.normalize",),
    ("pipeline.store",),
    ("pipeline.dictionary",),
    ("pipeline.clients",),
    ("pipeline.trips",),
    ("pipeline.importing",),
    ("pipeline.forms",),
    ("pipeline.crm", "pipeline.cleanup"),
    ("pipeline.migrations",),
    ("pipeline.demo",),
    ("pipeline.desk",),
    ("pipeline.cli",),
    # the plugin author's face re-exports a few names from lower down; plugins and flows sit on top
    ("pipeline", "plugins", "flows"),
]
RANK = {prefix: n for n, group in enumerate(LAYERS) for prefix in group}
MAX_LOOSE_MODULES = 8


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def modules() -> dict[str, Path]:
    return {module_name(p): p for top in TOPS for p in sorted((ROOT / top).rglob("*.py"))}


MODULES = modules()


def imports(name: str, path: Path) -> Iterator[tuple[str, str | None, int]]:
    """(module imported, name taken from it or None, line) for every import, wherever it stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                # `from package import submodule` imports the submodule
                sub = f"{base}.{alias.name}"
                yield (sub, None, node.lineno) if sub in MODULES else (base, alias.name, node.lineno)


def ours(target: str) -> str | None:
    """The module of this tree that ``target`` names (or the nearest package holding it)."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


EDGES: dict[str, list[tuple[str, str | None, int]]] = {
    name: [(t, n, line) for raw, n, line in imports(name, path) if (t := ours(raw)) and t != name]
    for name, path in MODULES.items()
}


def rank(name: str) -> tuple[int, str]:
    prefix = max((p for p in RANK if name == p or name.startswith(p + ".")), key=len, default=None)
    assert prefix is not None, f"{name} is on no layer: add it to LAYERS in {Path(__file__).name}"
    return RANK[prefix], prefix


def package_of(name: str) -> str:
    """The room a module lives in: ``pipeline.forms.visa`` -> ``pipeline.forms``."""
    parts = name.split(".")
    return ".".join(parts[:2]) if parts[0] == "pipeline" and len(parts) > 2 else name


def test_every_module_is_on_a_layer():
    for name in MODULES:
        rank(name)


def test_no_import_circle():
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target, _n, _line in EDGES[node]:
            if state.get(target) == 1:
                circles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = 2

    for name in MODULES:
        if name not in state:
            visit(name, [name])
    shown = dict.fromkeys(" -> ".join(c) for c in circles)
    assert not shown, "import circles:\n" + "\n".join(shown)


def test_no_import_runs_up_or_sideways():
    wrong = []
    for name, edges in EDGES.items():
        (mine, my_layer), my_package = rank(name), package_of(name)
        for target, _n, line in edges:
            (theirs, their_layer), their_package = rank(target), package_of(target)
            if my_package == their_package:
                continue
            if theirs > mine or (theirs == mine and my_layer.startswith("pipeline.") and my_package != their_package):
                wrong.append(f"{MODULES[name].relative_to(ROOT)}:{line}: {name} ({my_layer}) imports {target} ({their_layer})")
    assert not wrong, "imports against the layer order:\n" + "\n".join(dict.fromkeys(wrong))


def test_the_core_reaches_plugins_only_through_hooks():
    wrong = [
        f"{MODULES[name].relative_to(ROOT)}:{line}: imports {target}"
        for name, edges in EDGES.items() if name.split(".")[0] == "pipeline"
        for target, _n, line in edges if target.split(".")[0] == "plugins"
    ]  # fmt: skip
    assert not wrong, "the core imports a plugin (call a hook instead):\n" + "\n".join(wrong)


def test_no_private_name_crosses_a_module():
    wrong = [
        f"{MODULES[name].relative_to(ROOT)}:{line}: takes {n} from {target}"
        for name, edges in EDGES.items()
        for target, n, line in edges
        if n and n.startswith("_") and not n.startswith("__")
    ]
    assert not wrong, "private names taken from another module (make them public, or move them):\n" + "\n".join(wrong)


def test_pipeline_keeps_few_loose_modules():
    loose = sorted(p.name for p in (ROOT / "pipeline").glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= MAX_LOOSE_MODULES, f"pipeline/ has {len(loose)} loose modules: {loose}"


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from pipeline.store.models import _hidden\n", "takes _hidden"),
        ("from plugins.importers import delimited\n", "imports plugins.importers.delimited"),
    ],
)
def test_the_rules_catch_what_they_are_for(tmp_path, monkeypatch, source, found):
    """A rule that could never fail proves nothing: feed each one a module that breaks it."""
    bad = ROOT / "pipeline" / "types.py"
    monkeypatch.setitem(EDGES, "pipeline.types", [
        (t, n, line) for raw, n, line in imports("pipeline.types", _write(tmp_path, source)) if (t := ours(raw))
    ])  # fmt: skip
    assert bad.exists()
    check = test_no_private_name_crosses_a_module if "_hidden" in source else test_the_core_reaches_plugins_only_through_hooks
    with pytest.raises(AssertionError, match=found):
        check()


def _write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "types.py"
    path.write_text(source, encoding="utf-8")
    return path
