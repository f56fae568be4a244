"""The README's set-up is the whole set-up: its two commands exist and its "without make" line
runs what the Makefile runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _recipe(target: str) -> list[str]:
    text = (ROOT / "Makefile").read_text()
    block = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", text, re.M)
    assert block, f"no '{target}' target in the Makefile"
    return [line.strip().replace("$(BIN)/", ".venv/bin/") for line in block.group(1).splitlines()]


def test_the_first_two_commands_are_make_demo_and_make_test():
    readme = (ROOT / "README.md").read_text()
    assert re.findall(r"```sh\n(.*?)\n```", readme)[:2] == ["make demo", "make test"]


def test_without_make_line_runs_the_makefile_recipes():
    readme = (ROOT / "README.md").read_text()
    paragraph = readme[readme.index("Without `make`"):].split("\n\n")[0]
    for command in _recipe("test") + _recipe("demo") + _recipe("lint"):
        assert command in paragraph, f"README's 'without make' paragraph lacks: {command}"
