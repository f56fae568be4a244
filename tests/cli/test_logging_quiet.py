"""A database driver's log records never reach the clerk's terminal raw."""

from __future__ import annotations

import subprocess
import sys

WARN = (
    "import logging\n"
    "{setup}\n"
    "logging.getLogger('psycopg').warning('error ignored terminating <psycopg.Pipeline [BAD]>: the connection is lost')\n"
)


def _stderr(setup: str) -> str:
    # a fresh process: pytest's own logging capture would hide what a terminal shows
    run = subprocess.run([sys.executable, "-c", WARN.format(setup=setup)], capture_output=True, text=True, check=True)
    return run.stderr


def test_driver_warnings_are_not_printed_by_the_cli():
    assert "error ignored terminating" in _stderr("pass")  # what Python does by default
    assert _stderr("from pipeline.cli import _quiet_library_logs; _quiet_library_logs()") == ""


def test_a_configured_handler_still_gets_them():
    setup = (
        "import sys; logging.basicConfig(stream=sys.stderr, format='LOG %(message)s')\n"
        "from pipeline.cli import _quiet_library_logs; _quiet_library_logs()"
    )
    assert _stderr(setup).startswith("LOG error ignored terminating")
