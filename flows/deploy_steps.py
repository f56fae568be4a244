"""The steps ``prefect.yaml`` names: one when deploying, one on the worker before each run.

``preflight`` (build step, on the machine running ``prefect deploy``): gives the schedules the
agency's time zone (``TOURDESK_TIMEZONE``, the setting serve and the flows read), sets up the
failure notifications from ``TOURDESK_NOTIFY_URL``, and refuses to deploy while a schedule
served by ``python -m flows.serve`` is on, so that no job runs twice.

``go_to_checkout`` (pull step, on the worker): runs the flow from this machine's Tourdesk code,
wherever it is: ``TOURDESK_CHECKOUT`` if set, else the folder of the ``flows`` package the
worker's Python imports (the checkout installed with ``pip install -e``, or the installed
package), so a worker needs no fixed path such as ``/opt/tourdesk``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import flows
from flows import notify
from flows.deployments import JOBS, active_schedules
from pipeline import settings

CHECKOUT = "TOURDESK_CHECKOUT"
_notified: list[str] = []


async def preflight() -> dict[str, Any]:
    timezone = settings.timezone_name()
    served = await active_schedules([(j.flow_name, j.served_name) for j in JOBS if j.cron])
    if served:
        raise RuntimeError(
            "python -m flows.serve still has these schedules on: " + ", ".join(served) + ". Deploying now "
            "would run each of those jobs twice. Stop serve first (its schedules pause when it stops), or "
            "pause them: " + "; ".join(f"prefect deployment pause {name}" for name in served))  # fmt: skip
    if not _notified:  # once per `prefect deploy`, which runs the build steps for each deployment
        _notified.append(await notify.ensure())
        print(f"tourdesk: schedules in {timezone}; {_notified[0]}")
    return {"timezone": timezone}


def checkout_dir() -> Path:
    """This machine's Tourdesk code: ``TOURDESK_CHECKOUT``, else where ``flows`` is imported from."""
    configured = os.environ.get(CHECKOUT, "").strip()
    folder = Path(configured).expanduser() if configured else Path(flows.__file__).resolve().parent.parent
    if not (folder / "flows" / "deployments.py").is_file():
        where = f"{CHECKOUT}={configured}" if configured else f"the installed package ({folder})"
        raise FileNotFoundError(f"no Tourdesk code at {where}: set {CHECKOUT} to the folder of the release "
                                f"checkout on this worker (the one holding prefect.yaml)")  # fmt: skip
    return folder


def go_to_checkout() -> dict[str, str]:
    """Pull step: change to this worker's Tourdesk code, where the entrypoints are."""
    folder = checkout_dir()
    os.chdir(folder)
    return {"directory": str(folder)}
