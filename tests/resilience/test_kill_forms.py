"""``tourdesk forms render`` killed mid-batch, or out of disk space: no file looks complete
unless it is.

Documents are written to a hidden ``.NAME.*.part`` file and renamed when whole, so a
folder a clerk opens holds only documents that open.
"""

from __future__ import annotations

import resource
import signal
import time
from pathlib import Path

import pytest
from docx import Document

from pipeline.importing.run import import_source
from pipeline.store.db import session_scope
from pipeline.trips.trip import save_trip
from pipeline.types import Source
from tests.resilience.helpers import run_tourdesk, tourdesk, wait_until, write_list

pytestmark = pytest.mark.slow

VOUCHER = "RES-0401"
TOURISTS = 600


@pytest.fixture(scope="module")
def trip_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A trip of a few hundred tourists in an SQLite store (forms do not depend on the engine)."""
    folder = tmp_path_factory.mktemp("forms-store")
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    with session_scope(url) as s:
        save_trip(s, {"voucher": VOUCHER, "country": "FRA", "arrival": "2027-04-01", "departure": "2027-04-08"})
    result = import_source(Source.from_path(write_list(folder / "group.csv", TOURISTS)), db_url=url,
                           trip_voucher=VOUCHER)  # fmt: skip
    assert result.merged and result.count("new") > 0.99 * TOURISTS
    return url


def _documents(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.docx"))


def _assert_no_false_document(folder: Path) -> None:
    for path in _documents(folder):
        Document(str(path))  # raises on a truncated or empty file
    for path in folder.iterdir():
        if path.suffix != ".docx":
            assert path.name.startswith(".") and path.name.endswith(".part"), path.name


def test_kill_mid_batch_leaves_only_whole_documents_and_rerun_completes(trip_store, tmp_path):
    out = tmp_path / "forms"
    folder = out / VOUCHER
    args = ("forms", "render", "--trip", VOUCHER, "--form", "schengen-en", "--out", str(out), "--db", trip_store)
    proc = tourdesk(*args, quiet=True)
    wait_until(lambda: folder.is_dir() and len(_documents(folder)) >= 20, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    # its worker processes end with it rather than wait for work forever (they did, for hours)
    deadline = time.monotonic() + 10
    while _processes_naming(out) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_naming(out), "the killed render left worker processes behind"
    written = len(_documents(folder))
    assert written < TOURISTS, "the batch ended before the kill"
    _assert_no_false_document(folder)

    rerun = run_tourdesk(*args)
    assert rerun.returncode == 0, rerun.stderr
    total = int(rerun.stdout.split()[0])
    assert total > 0.99 * TOURISTS and len(_documents(folder)) == total
    _assert_no_false_document(folder)


def _processes_naming(path: Path) -> list[int]:
    """Processes whose command line names ``path`` (the render's own --out folder)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(path).encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:  # it ended while we looked
            continue
    return found


def _small_files_only() -> None:
    # A full disk, as the writer sees it: every write past 4 KiB fails with EFBIG (a document
    # is over 10 KiB; the store's files exist already and are only read). SIGXFSZ would kill
    # the process instead, so it is ignored, as a full disk sends no signal.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4 * 1024, 4 * 1024))


def test_full_disk_leaves_no_document_and_one_clear_line(trip_store, tmp_path):
    out = tmp_path / "forms"
    proc = tourdesk(
        "forms", "render", "--trip", VOUCHER, "--form", "schengen-en", "--out", str(out), "--db", trip_store,
        preexec_fn=_small_files_only,
    )  # fmt: skip
    _, stderr = proc.communicate(timeout=180)
    assert proc.returncode != 0
    assert "too large" in stderr.lower() or "cannot write" in stderr, stderr[-500:]
    folder = out / VOUCHER
    assert not folder.exists() or not list(folder.iterdir()), "a document or temporary file left behind"
    assert "Traceback" not in stderr, stderr[-500:]
    # the check table of missing values may come first; the failure is one line, last
    assert stderr.strip().splitlines()[-1].startswith("tourdesk: "), stderr[-500:]
