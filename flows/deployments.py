"""Every Tourdesk deployment, defined once: ``python -m flows.serve`` serves these, ``prefect.yaml``
declares the same for workers (a test keeps the two equal), docs/operations.md lists them.

The two ways to run them never fight over one deployment:

- ``prefect deploy --all`` (workers) creates ``<flow>/<name>``, e.g. ``greetings/daily-greetings``;
- ``python -m flows.serve`` (one machine) serves ``<flow>/<name>-served``.

A schedule runs in one place only. ``serve`` leaves a job's schedule off when the worker
deployment of that job has its schedule on (it serves it on demand and says so), and
``prefect deploy`` refuses while a served schedule is on (stop serve first: its schedules pause
when it stops, as Prefect does; ``prefect deployment pause NAME`` for one that was killed).
Every schedule is in the agency's time zone (``TOURDESK_TIMEZONE``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

SERVED = "-served"
TAGS = ("tourdesk",)
POOL = "tourdesk"


@dataclass(frozen=True)
class Job:
    name: str
    entrypoint: str
    description: str
    tags: tuple[str, ...]
    cron: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    queue: str = "default"

    @property
    def served_name(self) -> str:
        return self.name + SERVED

    @property
    def flow_name(self) -> str:
        return self.load().name

    def load(self) -> Any:
        """The flow object the entrypoint names (``flows/greetings.py:greetings_flow``)."""
        path, _, attr = self.entrypoint.partition(":")
        return getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), attr)

    def when(self, timezone: str) -> str:
        return f"cron {self.cron} ({timezone})" if self.cron else "on demand"


JOBS: tuple[Job, ...] = (
    Job("group-import", "flows/import_group_booking.py:import_group_booking",
        "A group booking's files into the client store, one task per file.", ("tourdesk", "import"),
        parameters={"on_conflict": "review"}),
    Job("visa-forms", "flows/render_visa_forms.py:render_visa_forms",
        "The visa questionnaires of every tourist on a trip.", ("tourdesk", "forms"),
        parameters={"out_dir": "visa-forms"}),
    Job("many-files", "flows/batch.py:import_many_files_on_dask",
        "Many tourist lists at once, fanned out over Dask in chunks of files.", ("tourdesk", "import", "dask"),
        parameters={"chunk_size": 20}, queue="big-batches"),
    Job("visa-forms-in-chunks", "flows/batch.py:render_forms_in_chunks_on_dask",
        "A big trip's questionnaires, fanned out over Dask in chunks of tourists.", ("tourdesk", "forms", "dask"),
        parameters={"chunk_size": 200}, queue="big-batches"),
    Job("nightly-cleanup", "flows/cleanup_client_file.py:cleanup_client_file",
        "The whole client file checked for duplicates every night, while no desk works.", ("tourdesk", "cleanup"),
        cron="0 3 * * *"),
    Job("daily-greetings", "flows/greetings.py:greetings_flow",
        "Today's greetings (birthdays, name days, holidays) as a mailing list and ready e-mails.",
        ("tourdesk", "crm"), cron="0 8 * * *"),
    Job("weekly-greetings", "flows/greetings.py:greetings_flow",
        "The coming week's greetings, for the account managers to plan calls and gifts.", ("tourdesk", "crm"),
        cron="0 8 * * 1", parameters={"week": True}),
)  # fmt: skip


def scheduled(deployment: Any) -> bool:
    """Whether a deployment (as the API returns it) would start runs by its own schedule."""
    return not deployment.paused and any(s.active for s in deployment.schedules or [])


async def active_schedules(names: list[tuple[str, str]]) -> list[str]:
    """Of ``(flow, deployment)`` names, those that exist with a schedule on, as ``flow/deployment``."""
    # why here: Prefect takes ~2 s to import; reading JOBS (deploy steps, tests) does without it
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    found = []
    async with get_client() as client:
        for flow_name, name in names:
            try:
                deployment = await client.read_deployment_by_name(f"{flow_name}/{name}")
            except ObjectNotFound:
                continue
            if scheduled(deployment):
                found.append(f"{flow_name}/{name}")
    return found
