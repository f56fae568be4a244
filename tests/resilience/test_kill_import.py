"""``tourdesk import`` killed with SIGKILL inside its merge, then run again.

The merge is one transaction, so a killed desk leaves nothing of its batch; the re-run
imports the whole list once. Real processes and a real signal: nothing can clean up.
"""

from __future__ import annotations

import re

import pytest

from tests.resilience.conftest import BIG, BIG_POSTGRES
from tests.resilience.helpers import (
    assert_consistent,
    kill_inside_merge,
    prepare_store,
    run_tourdesk,
    store_state,
    tourdesk,
)

pytestmark = pytest.mark.slow


def test_kill_mid_merge_leaves_no_partial_batch_and_rerun_completes(db_url, big_list):
    prepare_store(db_url)
    proc = tourdesk("import", str(big_list), "--db", db_url)
    # half a second in: clients, documents and history rows are written but not committed
    kill_inside_merge(proc, db_url, after=0.5)

    assert store_state(db_url) == {"batches": 0, "clients": 0, "documents": 0, "changes": 0}

    rerun = run_tourdesk("import", str(big_list), "--db", db_url)
    assert rerun.returncode in (0, 3), rerun.stderr
    state = assert_consistent(db_url)
    assert state["batches"] == 1
    size = BIG_POSTGRES if db_url.startswith("postgresql") else BIG
    assert state["clients"] > 0.99 * size  # generated tourists, a rare one twice in the list
    # new clients, and clients made while a person decides whether they are someone on file
    made = re.search(r"(\d+) new clients, \d+ merged into existing clients(?:, (\d+) made clients)?", rerun.stdout)
    assert made and int(made[1]) + int(made[2] or 0) == state["clients"], rerun.stdout[:300]
