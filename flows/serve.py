"""Serve every Tourdesk flow from this machine: ``python -m flows.serve`` (needs a Prefect server).

The one-machine way to run them (several machines: ``prefect.yaml`` and ``python -m
flows.worker``; see docs/operations.md). Every deployment of ``flows.deployments.JOBS`` is
served as ``<name>-served``, scheduled in the agency's time zone (``TOURDESK_TIMEZONE``), with
typed, described parameters in the UI's form. A job whose worker deployment already has its
schedule on is served here on demand only, and the start-up says so: one schedule, one run.

On SIGTERM or Ctrl+C the runs in progress are stopped (rolled back, marked ``Crashed``), the
schedules served here are paused, as Prefect does, until serve starts again, and the process
is gone within 5 seconds (``flows._stop``).
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from prefect.client.orchestration import get_client
from prefect.runner import Runner
from prefect.schedules import Cron

from flows import notify
from flows._stop import Stopper
from flows.deployments import JOBS, Job, active_schedules
from pipeline import settings


def deployments(timezone: str, unscheduled: frozenset[str] = frozenset()) -> list[Any]:
    """The served deployments; jobs named in ``unscheduled`` get no schedule."""
    out = []
    for job in JOBS:
        schedule = Cron(job.cron, timezone=timezone) if job.cron and job.name not in unscheduled else None
        deployment = job.load().to_deployment(
            name=job.served_name, schedule=schedule, parameters=dict(job.parameters), tags=list(job.tags),
            description=job.description + ("" if schedule or not job.cron else
                                           f" Served on demand only: the worker deployment {job.name} has the schedule."),
        )  # fmt: skip
        # to_deployment names the decorated function (flows/batch.py:import_many_files): the run
        # would load the flow without its Dask task runner. The entrypoint is the job's own.
        deployment.entrypoint = job.entrypoint
        out.append(deployment)
    return out


def held_by_workers() -> dict[str, str]:
    """Scheduled jobs whose worker deployment has its schedule on: name -> flow/deployment."""
    jobs: list[Job] = [j for j in JOBS if j.cron]
    found = set(asyncio.run(active_schedules([(j.flow_name, j.name) for j in jobs])))
    return {j.name: f"{j.flow_name}/{j.name}" for j in jobs if f"{j.flow_name}/{j.name}" in found}


def _pause(ids: list[Any]) -> None:
    with get_client(sync_client=True) as client:
        for deployment_id in ids:
            client.pause_deployment(deployment_id)
    if ids:
        print(f"serve: {len(ids)} schedule(s) paused until python -m flows.serve starts again", flush=True)


def main() -> int:
    try:
        timezone = settings.timezone_name()
        print(f"serve: schedules in {timezone}; " + asyncio.run(notify.ensure()), flush=True)
    except settings.SettingError as exc:
        print(f"python -m flows.serve: {exc}", file=sys.stderr)
        return 2
    held = held_by_workers()
    for name, full in held.items():
        print(f"serve: {full} runs on the work pool with its schedule on: {name}-served is served on demand "
              f"only (to schedule it here: prefect deployment pause {full}, then restart serve)", flush=True)  # fmt: skip
    runner = Runner(name="tourdesk-serve", pause_on_shutdown=False)
    scheduled_ids = []
    for deployment in deployments(timezone, frozenset(held)):
        deployment_id = runner.add_deployment(deployment)
        if deployment.schedules:
            scheduled_ids.append(deployment_id)
        when = f"{deployment.schedules[0].schedule.cron} ({timezone})" if deployment.schedules else "on demand"
        print(f"serve: {deployment.flow_name}/{deployment.name}: {when}", flush=True)
    stopper = Stopper("serve", then=lambda: _pause(scheduled_ids))
    runner.handle_sigterm = stopper.handle  # Prefect's own shutdown takes 12 s and more: see flows._stop
    stopper.install()
    print(f"serve: serving {len(JOBS)} deployments; SIGTERM or Ctrl+C stops", flush=True)
    asyncio.run(runner.start())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
