"""End to end, as an administrator runs it: a real Prefect server on 127.0.0.1, then

1. ``python -m flows.serve``: every deployment served once on a store with a real client file's
   gaps; states, artifacts, private files, the failure webhook, no personal data in Prefect;
   SIGTERM stops it within 5 s and pauses its schedules;
2. ``prefect deploy --all`` (no warning) and ``python -m flows.worker``: SIGTERM in the middle of
   an import stops it within 5 s, the store as it was and the run Crashed; a rerun finishes it.
"""

from __future__ import annotations

import datetime as dt
import email
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from email import policy
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.flows.conftest import BIN, ROOT, start, stop, wait_for

pytestmark = [pytest.mark.flows, pytest.mark.slow]

ZONE = "Asia/Yekaterinburg"  # not the default: proves every schedule takes the setting
AGENCY = "Турагентство «Пример»"
STOP_SECONDS = 5.0


def _env(server, webhook_url: str, store: str) -> dict[str, str]:
    env = dict(server.env)
    env.update(PYTHONPATH=str(ROOT), TOURDESK_DATABASE_URL=store, TOURDESK_AGENCY_NAME=AGENCY,
               TOURDESK_AGENCY_EMAIL="hello@agency.example", TOURDESK_TIMEZONE=ZONE,
               TOURDESK_NOTIFY_URL=webhook_url, TOURDESK_LOAD_PLUGINS="none", TOURDESK_DASK_WORKERS="1")  # fmt: skip
    return env


def _client():
    from prefect.client.orchestration import get_client

    return get_client(sync_client=True)


def _run(name: str, parameters: dict, timeout: float = 900):
    from prefect.deployments import run_deployment

    return run_deployment(name, parameters=parameters, timeout=timeout)


def _stop_timed(proc: subprocess.Popen) -> float:
    began = time.monotonic()
    os.kill(proc.pid, signal.SIGTERM)
    proc.wait(30)
    return time.monotonic() - began


def _personal(store: Path) -> set[str]:
    """Passport numbers and birth dates in the store, in the forms a log could show them."""
    con = sqlite3.connect(store)
    try:
        numbers = {n for (n,) in con.execute("select number from documents") if n}
        born = [dt.date.fromisoformat(b) for (b,) in con.execute("select birth_date from clients") if b]
    finally:
        con.close()
    return numbers | {d.isoformat() for d in born} | {f"{d:%d.%m.%Y}" for d in born}


def _logs(flow_run_id) -> str:
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    with _client() as client:
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])), limit=200)
    return "\n".join(log.message for log in logs)


def _wait_for_hook(received: list[dict], text: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for body in received:
            if text in body.get("text", ""):
                return body["text"]
        time.sleep(1)
    raise AssertionError(f"no webhook message with {text!r}; got {received}")


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture(scope="module")
def agency(tmp_path_factory):
    """A store with 30 gappy clients and a trip of 24 tourists, and the files the runs read."""
    from pipeline.importing.run import import_source
    from pipeline.store.db import dispose_engine, session_scope
    from pipeline.trips.trip import load_trip_file, save_trip
    from pipeline.types import Source
    from tests.crm.gappy import gappy_clients, load_gappy, write_gappy_list

    work = tmp_path_factory.mktemp("agency")
    store = work / "store.sqlite3"
    url = f"sqlite:///{store}"
    load_gappy(url, gappy_clients(30))
    with session_scope(url) as s:
        voucher = save_trip(s, load_trip_file(EXAMPLES / "trip.yaml")).voucher
    group = work / "group.csv"
    shutil.copy(EXAMPLES / "group_booking.csv", group)
    import_source(Source.from_path(group), db_url=url, trip_voucher=voucher)
    dispose_engine(url)
    empty, notes = work / "empty.csv", work / "notes.txt"
    empty.write_bytes(b"")
    notes.write_text("call the hotel on Monday\n", encoding="utf-8")
    files = {"gappy": write_gappy_list(work / "gappy.csv", 24), "gappy2": write_gappy_list(work / "more.csv", 12, 5),
             "group": group, "empty": empty, "notes": notes}  # fmt: skip
    return {"work": work, "store": store, "url": url, "voucher": voucher, "files": {k: str(v) for k, v in files.items()}}


def test_serve_runs_every_deployment_on_a_gappy_agency(prefect_server, webhook, agency):
    from flows.deployments import JOBS

    hook_url, received = webhook
    work, files = agency["work"], agency["files"]
    env = _env(prefect_server, hook_url, agency["url"])
    log = work / "serve.log"
    serve = start([str(BIN / "python"), "-m", "flows.serve"], env, log)
    try:
        wait_for(log, "SIGTERM or Ctrl+C stops", serve)
        assert f"schedules in {ZONE}" in log.read_text() and "posted to 127.0.0.1" in log.read_text()
        with prefect_server.client_settings(), _client() as client:
            for job in JOBS:
                d = client.read_deployment_by_name(f"{job.flow_name}/{job.served_name}")
                assert [(s.schedule.cron, s.schedule.timezone) for s in d.schedules] == (
                    [(job.cron, ZONE)] if job.cron else [])  # fmt: skip
            forms, chunks, greet = work / "forms", work / "forms-chunks", work / "greetings"
            runs = [
                ("import-group-booking/group-import-served",
                 {"paths": [files["gappy"], files["group"], files["empty"]]}, "Partly failed"),
                ("import-group-booking/group-import-served", {"paths": [files["empty"], files["notes"]]}, "Failed"),
                ("import-many-files/many-files-served", {"paths": [files["gappy2"], files["group"]], "chunk_size": 1},
                 "Completed"),
                ("render-visa-forms/visa-forms-served", {"trip_voucher": agency["voucher"], "out_dir": str(forms)},
                 "Completed"),
                ("render-visa-forms-in-chunks/visa-forms-in-chunks-served",
                 {"trip_voucher": agency["voucher"], "out_dir": str(chunks), "chunk_size": 10}, "Completed"),
                ("cleanup-client-file/nightly-cleanup-served", {}, "Completed"),
                ("greetings/daily-greetings-served", {"day": "2027-03-08", "out": str(greet)}, "Completed"),
                ("greetings/weekly-greetings-served", {"day": "2027-03-06", "out": str(greet)}, "Completed"),
            ]  # fmt: skip
            done = {}
            for name, parameters, want in runs:
                run = _run(name, parameters)
                assert run.state.name == want, (name, run.state, log.read_text()[-3000:])
                done.setdefault(name, []).append(run)
            assert {j.flow_name + "/" + j.served_name for j in JOBS} == set(done)  # each deployment ran

            partly, failed = done["import-group-booking/group-import-served"]
            assert "1 of 3 files failed: empty.csv: the file is empty" in partly.state.message
            assert failed.state.message.startswith("nothing done: 2 of 2 files failed")
            artifacts = client.read_artifacts()
            report = next(a for a in artifacts if a.key == "import-report" and a.flow_run_id == partly.id)
            assert files["empty"] in report.data and files["gappy"] in report.data

            text = _wait_for_hook(received, failed.name)
            assert "Failed" in text and "empty.csv: the file is empty" in text and "/runs/flow-run/" in text

            personal = _personal(agency["store"])
            assert len(personal) > 50
            for runs_of in done.values():
                for run in runs_of:
                    shown = _logs(run.id) + repr(run.parameters) + (run.state.message or "")
                    leaked = sorted(p for p in personal if re.search(rf"(?<![0-9A-Za-z.]){re.escape(p)}(?![0-9A-Za-z.])", shown))
                    assert not leaked, (run.name, leaked)
            for a in artifacts:
                assert not any(p in str(a.data) for p in personal), a.key

        day = greet / "2027-03-08-1d"
        assert _mode(greet) == _mode(day) == _mode(day / "eml") == 0o700
        assert all(_mode(p) == 0o600 for p in [day / "greetings.csv", day / "greetings.xlsx", *(day / "eml").iterdir()])
        letters = [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in (day / "eml").iterdir()]
        assert letters and all(m.get_content().rstrip().endswith(AGENCY) for m in letters)  # signed by the agency
        assert all(m["From"].addresses[0].display_name == AGENCY for m in letters)
        assert (greet / "2027-03-06-7d" / "greetings.csv").exists()
        documents = list((forms / agency["voucher"]).glob("*.docx"))
        assert len(documents) == 24 and all(_mode(p) == 0o600 for p in documents)
        assert sorted(p.name for p in (chunks / agency["voucher"]).glob("*.docx")) == sorted(p.name for p in documents)

        took = _stop_timed(serve)
        assert took < STOP_SECONDS, log.read_text()[-2000:]
        with prefect_server.client_settings(), _client() as client:
            for job in JOBS:
                if job.cron:  # stopping serve pauses what it served, and says so
                    assert client.read_deployment_by_name(f"{job.flow_name}/{job.served_name}").paused
        assert "schedule(s) paused until python -m flows.serve starts again" in log.read_text()
    finally:
        stop(serve)


def _clients(store: Path) -> int:
    if not store.exists():
        return 0
    con = sqlite3.connect(store)
    try:
        return con.execute("select count(*) from clients").fetchone()[0]
    except sqlite3.OperationalError:  # not even created
        return 0
    finally:
        con.close()


def test_deploy_and_a_worker_stop_cleanly_and_a_rerun_finishes(prefect_server, webhook, tmp_path):
    from benchmarks.generate import write_csv

    hook_url, received = webhook
    store = tmp_path / "store.sqlite3"
    env = _env(prefect_server, hook_url, f"sqlite:///{store}")
    subprocess.run([str(BIN / "prefect"), "work-pool", "create", "tourdesk", "--type", "process"], env=env,
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    deployed = subprocess.run([str(BIN / "prefect"), "--no-prompt", "deploy", "--all"], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=900)  # fmt: skip
    output = deployed.stdout + deployed.stderr
    assert deployed.returncode == 0, output[-3000:]
    assert "warning" not in output.lower() and "Traceback" not in output, output[-3000:]
    # Rich wraps its panels at the terminal's width: read the words, not the lines
    words = re.sub(r"[\s│]+", " ", output)
    assert words.count("successfully created") + words.count("successfully updated") == 7, output

    big = tmp_path / "big.csv"
    write_csv(big, 6000)
    wal = Path(f"{store}-wal")
    log = tmp_path / "worker.log"
    worker = start([str(BIN / "python"), "-m", "flows.worker", "--pool", "tourdesk"], env, log)
    try:
        wait_for(log, "started", worker)
        with prefect_server.client_settings(), _client() as client:
            run = _run("import-group-booking/group-import", {"paths": [str(big)]}, timeout=0)
            deadline = time.monotonic() + 600
            while not (wal.exists() and wal.stat().st_size > 256 * 1024):  # the merge is writing
                assert time.monotonic() < deadline and worker.poll() is None, log.read_text()[-3000:]
                time.sleep(0.05)
            took = _stop_timed(worker)
            assert took < STOP_SECONDS, log.read_text()[-2000:]
            assert _clients(store) == 0  # the transaction rolled back: nothing of the list is in
            state = client.read_flow_run(run.id).state
            assert state.name == "Crashed", state
            assert "Crashed" in _wait_for_hook(received, run.name)

        worker = start([str(BIN / "python"), "-m", "flows.worker", "--pool", "tourdesk"], env, log)
        wait_for(log, "started", worker)
        with prefect_server.client_settings():
            again = _run("import-group-booking/group-import", {"paths": [str(big)]})
        assert again.state.name == "Completed", again.state
        assert _clients(store) > 5000
    finally:
        stop(worker)
