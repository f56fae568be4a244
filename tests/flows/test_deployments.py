"""One set of deployments, two ways to run them: served (``-served``) and on workers (prefect.yaml)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
import yaml

from flows.deployments import JOBS, SERVED

ROOT = Path(__file__).resolve().parents[2]
YAML = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
DEPLOYED = {d["name"]: d for d in YAML["deployments"]}


def test_prefect_yaml_declares_exactly_the_jobs():
    assert [d["name"] for d in YAML["deployments"]] == [j.name for j in JOBS]
    for job in JOBS:
        d = DEPLOYED[job.name]
        assert (d["entrypoint"], d["description"], tuple(d["tags"])) == (job.entrypoint, job.description, job.tags)
        assert (d.get("parameters") or {}) == job.parameters, job.name
        assert d["work_pool"]["name"] == "tourdesk" and d["work_pool"]["work_queue_name"] == job.queue
        crons = [s["cron"] for s in d["schedules"] or []]
        assert crons == ([job.cron] if job.cron else []), job.name
        # one zone for every schedule: the build step's output, from TOURDESK_TIMEZONE
        assert all(s["timezone"] == "{{ tourdesk.timezone }}" and s["active"] for s in d["schedules"] or [])
        assert d["schedules"] is None or d["schedules"], "schedules: [] warns on deploy; null keeps none"


def test_the_operations_page_lists_every_deployment_with_its_schedule():
    page = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    for job in JOBS:
        row = next((line for line in page.splitlines() if f"`{job.flow_name}/{job.name}`" in line), None)
        assert row is not None, f"{job.name} is not on docs/operations.md"
        assert f"`{job.served_name}`" in row.replace("…/", "")
        assert (f"`{job.cron}`" in row) if job.cron else ("on demand" in row), row


def test_prefect_yaml_runs_from_any_checkout_with_the_right_extras():
    assert YAML["pull"] == [{"flows.deploy_steps.go_to_checkout": {}}]  # no fixed /opt/tourdesk
    assert YAML["build"] == [{"flows.deploy_steps.preflight": {"id": "tourdesk"}}]
    header = (ROOT / "prefect.yaml").read_text(encoding="utf-8").split("\nname:")[0]
    assert '".[postgres,scale]"' in header and "flows.worker" in header


def test_the_pull_step_finds_the_checkout(tmp_path, monkeypatch):
    from flows.deploy_steps import CHECKOUT, checkout_dir, go_to_checkout

    monkeypatch.delenv(CHECKOUT, raising=False)
    assert checkout_dir() == ROOT  # where the worker's Python imports flows from
    monkeypatch.chdir(tmp_path)
    assert go_to_checkout() == {"directory": str(ROOT)} and Path.cwd() == ROOT
    monkeypatch.setenv(CHECKOUT, str(tmp_path))
    with pytest.raises(FileNotFoundError, match=CHECKOUT):
        checkout_dir()


def test_served_deployments_cover_every_job_in_the_agency_zone(monkeypatch):
    from flows.serve import deployments

    served = {d.name: d for d in deployments("Asia/Vladivostok")}
    assert set(served) == {j.name + SERVED for j in JOBS}
    assert not set(served) & set(DEPLOYED)  # never the same deployment as the workers'
    for job in JOBS:
        d = served[job.served_name]
        assert d.parameters == job.parameters and set(d.tags) == set(job.tags)
        assert d.entrypoint == job.entrypoint  # the fan-outs' own, with the Dask task runner
        if job.cron:
            [s] = d.schedules
            assert (s.schedule.cron, s.schedule.timezone) == (job.cron, "Asia/Vladivostok")
        else:
            assert not d.schedules


def test_serve_leaves_a_schedule_the_workers_hold_to_them():
    from flows.serve import deployments

    served = {d.name: d for d in deployments("Europe/Moscow", frozenset({"nightly-cleanup"}))}
    assert not served["nightly-cleanup-served"].schedules and "worker deployment" in served[
        "nightly-cleanup-served"].description  # fmt: skip
    assert served["daily-greetings-served"].schedules


def test_the_time_zone_is_one_setting(monkeypatch):
    from pipeline import settings

    monkeypatch.setenv("TOURDESK_TIMEZONE", "Asia/Yekaterinburg")
    assert settings.timezone_name() == "Asia/Yekaterinburg"
    assert settings.today() == dt.datetime.now(dt.timezone(dt.timedelta(hours=5))).date()
    monkeypatch.setenv("TOURDESK_TIMEZONE", "Moscow")
    with pytest.raises(settings.SettingError, match="not a time zone"):
        settings.timezone_name()
    monkeypatch.delenv("TOURDESK_TIMEZONE")
    assert settings.timezone_name() == "Europe/Moscow"


def test_greetings_today_is_the_scheduled_day_in_the_agency_zone(monkeypatch):
    from flows.greetings import agency_day, run_day
    from pipeline import settings

    # 22:30 UTC on 7 March is 01:30 on 8 March in Moscow: the 8th's greetings
    scheduled = dt.datetime(2027, 3, 7, 22, 30, tzinfo=dt.UTC)
    monkeypatch.setenv("TOURDESK_TIMEZONE", "Europe/Moscow")
    assert agency_day(scheduled) == dt.date(2027, 3, 8)
    monkeypatch.setenv("TOURDESK_TIMEZONE", "Europe/London")
    assert agency_day(scheduled) == dt.date(2027, 3, 7)
    assert run_day() == settings.today()  # outside a run: today where the agency is


def test_failure_notifications_are_defined_for_every_tourdesk_run():
    from uuid import uuid4

    from flows.notify import ENDED_BADLY, FAILED, NOT_STARTED, automations

    failed, late = automations(uuid4(), late_after=dt.timedelta(minutes=15))
    assert (failed.name, late.name) == (FAILED, NOT_STARTED)
    assert failed.trigger.expect == ENDED_BADLY == {"prefect.flow-run.Failed", "prefect.flow-run.Crashed",
                                                    "prefect.flow-run.TimedOut"}  # fmt: skip
    assert failed.trigger.match_related.model_dump() == {"prefect.resource.role": "tag",
                                                          "prefect.resource.id": "prefect.tag.tourdesk"}  # fmt: skip
    assert late.trigger.after == {"prefect.flow-run.Late"} and late.trigger.within == dt.timedelta(minutes=15)
    assert "flow_run|ui_url" in failed.actions[0].body and "15 minutes" in late.actions[0].body
    assert all("tourdesk" in job.tags for job in JOBS)  # every deployment is covered by the tag


@pytest.mark.flows
def test_deploy_refuses_while_serve_holds_a_schedule(prefect_harness, monkeypatch):
    from prefect.schedules import Cron

    from flows import deploy_steps
    from flows.cleanup_client_file import cleanup_client_file

    monkeypatch.setenv("TOURDESK_TIMEZONE", "Europe/Moscow")
    monkeypatch.delenv("TOURDESK_NOTIFY_URL", raising=False)
    assert asyncio.run(deploy_steps.preflight()) == {"timezone": "Europe/Moscow"}
    served = cleanup_client_file.to_deployment(name="nightly-cleanup" + SERVED, schedule=Cron("0 3 * * *"))
    deployment_id = served.apply()
    with pytest.raises(RuntimeError, match="prefect deployment pause cleanup-client-file/nightly-cleanup-served"):
        asyncio.run(deploy_steps.preflight())
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        client.pause_deployment(deployment_id)  # what stopping serve does
    assert asyncio.run(deploy_steps.preflight())["timezone"] == "Europe/Moscow"
