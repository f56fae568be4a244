"""What Prefect costs the everyday command: the plain function beside the same work as a flow.

Each figure runs in a fresh process, as a clerk's command or a scheduled run would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PLAIN = """
from pipeline.importing.run import import_source
from pipeline.types import Source
import_source(Source.from_path({csv!r}), db_url={url!r})
"""
_FLOW = """
from flows.import_group_booking import import_group_booking
import_group_booking([{csv!r}])
"""


def _timed(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def run(quick: bool = False) -> list[dict]:
    csv = str(ROOT / "examples" / "group_booking.csv")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'store.sqlite3'}"
        env = {**os.environ, "TOURDESK_DATABASE_URL": url, "PREFECT_HOME": str(Path(tmp) / "prefect"),
               "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}  # fmt: skip
        plain = _timed(_PLAIN.format(csv=csv, url=url), env)
        import_prefect = _timed("import prefect", env)
        cold = _timed(_FLOW.format(csv=csv), env)
        rows = [
            {"name": "import prefect (fresh process)", "figure_s": import_prefect,
             "baseline": "plain import of the sample (whole process)", "baseline_s": plain},
            {"name": "flow run, ephemeral server, fresh PREFECT_HOME", "figure_s": cold,
             "baseline": "plain import of the sample (whole process)", "baseline_s": plain},
        ]  # fmt: skip
        if not quick:
            warm = _timed(_FLOW.format(csv=csv), env)
            rows.append({"name": "flow run, ephemeral server, warm PREFECT_HOME", "figure_s": warm,
                         "baseline": "plain import of the sample (whole process)", "baseline_s": plain})  # fmt: skip
    return rows
