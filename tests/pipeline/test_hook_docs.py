"""Every hook is documented in docs/plugins.md, headed by its exact signature."""

from __future__ import annotations

import inspect

from pipeline.hooks import hookspecs
from tests.conftest import ROOT


def test_every_hook_has_a_docs_section():
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    hooks = [n for n, f in inspect.getmembers(hookspecs, inspect.isfunction) if n.startswith("register_")]
    assert hooks
    for name in hooks:
        params = ", ".join(inspect.signature(getattr(hookspecs, name)).parameters)
        assert f"## {name}({params})" in docs, f"hook {name} is not documented in docs/plugins.md"
        assert getattr(hookspecs, name).__doc__, f"hook {name} has no docstring"
