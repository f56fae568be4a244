"""Imports stand at the top of a module; one inside a function says why (docs/architecture.md, rule 6).

An import inside a function is kept only where loading it at the top would cost something real:
``tourdesk --help`` imports every command module and every built-in plugin, so SQLAlchemy,
pandas, Prefect and the like load inside the command that needs them. Each such import carries
its reason: a comment on its own line (``import duckdb  # why here: ...``) or on the line
directly above it, which also covers the imports that follow it without another statement
between (``# why here: ...`` then ``from sqlalchemy import select`` and ``from pipeline.store...``).
Read from the source with ``ast`` and ``tokenize``; nothing is imported.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOPS = ("pipeline", "plugins", "flows")

#: files not held to the rule yet (none: keep it so)
PENDING: set[str] = set()

#: Comments that steer a tool and give no reason.
PRAGMAS = ("noqa", "type:", "fmt:", "pragma:", "pylint:")


def function_import_runs(tree: ast.AST) -> Iterator[list[ast.Import | ast.ImportFrom]]:
    """Each run of import statements that follow one another in a block inside a function."""

    def blocks(node: ast.AST, in_function: bool) -> Iterator[list[ast.stmt]]:
        inside = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(node, field, None)
            if inside and isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block
        for child in ast.iter_child_nodes(node):
            yield from blocks(child, inside)

    for block in blocks(tree, False):
        run: list[ast.Import | ast.ImportFrom] = []
        for statement in [*block, None]:
            if isinstance(statement, ast.Import | ast.ImportFrom):
                run.append(statement)
            elif run:
                yield run
                run = []


def reasons(source: str) -> dict[int, str]:
    """Line -> the comment on it (pragmas left out), and whether the line holds only the comment."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            text = token.string.lstrip("#").strip()
            if text and not text.startswith(PRAGMAS):
                found[token.start[0]] = token.line.strip()
    return found


def unexplained(source: str) -> list[int]:
    """Lines of the imports inside functions that give no reason."""
    comments = reasons(source)
    lines = []
    for run in function_import_runs(ast.parse(source)):
        first = run[0]
        above = comments.get(first.lineno - 1, "")
        if above.startswith("#"):  # a comment on the line above, alone on its line: the whole run
            continue
        for node in run:
            if not any(line in comments for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)):
                lines.append(node.lineno)
    return lines


def checked_files() -> list[Path]:
    return [p for top in TOPS for p in sorted((ROOT / top).rglob("*.py"))
            if p.relative_to(ROOT).as_posix() not in PENDING]  # fmt: skip


def test_every_import_inside_a_function_says_why():
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {path.read_text(encoding='utf-8').splitlines()[line - 1].strip()}"
        for path in checked_files()
        for line in unexplained(path.read_text(encoding="utf-8"))
    ]
    assert not wrong, (
        "imports inside a function with no reason: move each to the top of its module, or say on the "
        "line above why it waits (# why here: tourdesk --help imports every command module; ...):\n"
        + "\n".join(wrong)
    )


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("import json\n\ndef f():\n    return json\n", []),
        ("def f():\n    import json\n    return json\n", [2]),
        (
            "def f():\n    # why here: heavy (pandas)\n    import pandas\n\n    import numpy\n    return pandas\n",
            [],
        ),
        ("def f():\n    # why here: heavy (pandas)\n    import pandas\n    x = 1\n    import numpy\n", [5]),
        ("def f():\n    import duckdb  # why here: only the duplicate search needs it\n    import os\n", [3]),
        ("def f():\n    import json  # noqa: PLC0415\n", [2]),
        ("class A:\n    def m(self):\n        if self:\n            from os import sep\n", [4]),
        (
            "def f():\n    try:\n        # why here: an optional extra\n        import dask\n    except ImportError:\n"
            "        import os\n",
            [6],
        ),
        ("async def f():\n    x = 1  # a comment about x\n    import os\n", [3]),
    ],
)
def test_the_rule_catches_an_import_without_a_reason(source, flagged):
    """A rule that could never fail proves nothing: feed it functions that break it and that keep it."""
    assert unexplained(source) == flagged
