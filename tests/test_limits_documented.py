"""The administrator's page lists every limit a file is checked against, with its default:
a limit added in code and not on the page would surprise whoever meets it."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from pipeline.limits import Limits

OPERATIONS = Path(__file__).resolve().parents[1] / "docs" / "operations.md"
_MB = 1024 * 1024


def _documented() -> dict[str, str]:
    rows = re.findall(r"^\s*\| `(TOURDESK_LIMIT_[A-Z_]+)` \| ([^|]+) \|", OPERATIONS.read_text(), re.MULTILINE)
    return {name: default.strip() for name, default in rows}


def test_every_limit_is_on_the_operations_page_with_its_default():
    documented = _documented()
    defaults = Limits()
    for f in fields(Limits):
        name = defaults.env_name(f.name)
        assert name in documented, f"{name} is not in docs/operations.md"
        value = getattr(defaults, f.name)
        shown = f"{value // _MB} MB" if value % _MB == 0 and value >= _MB else f"{value:,}"
        assert documented[name] == shown, (name, documented[name], shown)
    assert set(documented) == {defaults.env_name(f.name) for f in fields(Limits)}
