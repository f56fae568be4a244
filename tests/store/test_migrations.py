"""Opening a store that is current costs one SELECT: Alembic loads only when there is work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from pipeline.store.db import MIGRATIONS, head_on_disk, session_scope

ROOT = Path(__file__).resolve().parents[2]


def test_the_newest_file_is_alembics_head():
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_heads() == [head_on_disk()]
    # a straight chain, each revision its file's number: what head_on_disk relies on
    for rev in script.walk_revisions():
        assert Path(rev.path).name.startswith(rev.revision + "_"), rev.path


_OPEN = """
import sys
from sqlalchemy import text
from pipeline.store.db import session_scope
with session_scope(sys.argv[1]) as s:
    s.execute(text("SELECT count(*) FROM clients")).scalar()
print("alembic" in sys.modules)
"""


def test_a_current_store_opens_without_alembic_and_a_new_one_is_created(db_url):
    with session_scope(db_url):  # created (or brought up to date) by this process
        pass
    done = subprocess.run([sys.executable, "-c", _OPEN, db_url], cwd=ROOT, capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.strip() == "False"
