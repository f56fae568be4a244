"""The runtime dependency list is complete: a default install runs every module.

Two checks, both offline. deptry compares the imports the code makes with
``[project].dependencies`` (an extra does not count, see ``[tool.deptry]``), so removing a
runtime dependency from pyproject.toml fails here. Then every module of ``pipeline``,
``plugins`` and ``flows`` is imported in a fresh interpreter that cannot see the test-only
and optional packages, as on a machine where only ``pip install tourdesk`` ran.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: installed here by the [test], [postgres] and [scale] extras, absent on a default install
NOT_ON_A_DEFAULT_INSTALL = ["pytest", "_pytest", "hypothesis", "ruff", "pip_audit", "deptry", "xdist",
                            "psycopg", "psycopg_binary", "dask", "distributed", "prefect_dask"]


def test_deptry_finds_every_import_declared():
    done = subprocess.run([sys.executable, "-m", "deptry", "."], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_module_imports_without_test_or_optional_packages():
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for top in ("pipeline", "plugins", "flows")
        for path in (ROOT / top).rglob("*.py")
        if "migrations" not in path.parts and path.name not in ("build_names.py", "__main__.py")
    )
    script = textwrap.dedent(f"""
        import importlib, importlib.abc, sys
        HIDDEN = set({NOT_ON_A_DEFAULT_INSTALL!r})

        class Hide(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in HIDDEN:
                    raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
                return None

        sys.meta_path.insert(0, Hide())
        failed = []
        for module in {modules!r}:
            try:
                importlib.import_module(module)
            except Exception as exc:
                failed.append(f"{{module}}: {{exc.__class__.__name__}}: {{exc}}")
        print("\\n".join(failed))
        sys.exit(1 if failed else 0)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"modules that need a package a default install lacks:\n{done.stdout}{done.stderr}"
