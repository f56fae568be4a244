"""Failed runs reach a person: a webhook (``TOURDESK_NOTIFY_URL``) posted to by Prefect automations.

``python -m flows.serve`` and ``prefect deploy`` (its build step) set this up on the Prefect
server from the one setting; ``python -m flows.notify`` does it by hand, ``--test`` sends a test
message. On the server it makes:

- a "Custom Webhook" notification block ``tourdesk-notify`` that POSTs JSON ``{"text": ...}``
  (what Slack, Mattermost, Rocket.Chat and Teams incoming webhooks read) to the URL, kept as a
  secret of the block, not shown in the UI;
- the automation "tourdesk: a run failed": every ``Failed``, ``Crashed`` or ``TimedOut`` run of
  a deployment tagged ``tourdesk`` (all of ours, scheduled or started by hand);
- the automation "tourdesk: a run did not start": a run still ``Late`` after 15 minutes (no
  worker or serve process is taking runs: the machine is down, the worker stopped).

The server's own services send them, so a run whose machine died is reported too. A machine
without the setting leaves them as they are (and says nobody is told when there are none);
``python -m flows.notify --off`` switches them off.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from typing import Any

from pipeline import settings

BLOCK = "tourdesk-notify"
FAILED = "tourdesk: a run failed"
NOT_STARTED = "tourdesk: a run did not start"
LATE_AFTER = dt.timedelta(minutes=15)
TAG = "prefect.tag.tourdesk"
ENDED_BADLY = {"prefect.flow-run.Failed", "prefect.flow-run.Crashed", "prefect.flow-run.TimedOut"}
STARTED = {"prefect.flow-run.Pending", "prefect.flow-run.Running", "prefect.flow-run.Completed",
           "prefect.flow-run.Failed", "prefect.flow-run.Crashed", "prefect.flow-run.Cancelling",
           "prefect.flow-run.Cancelled", "prefect.flow-run.Paused"}  # fmt: skip

FAILED_SUBJECT = "Tourdesk: {{ deployment.name or flow.name }} {{ flow_run.state.name }}"
FAILED_BODY = """\
{{ flow.name }}/{{ deployment.name }}: run {{ flow_run.name }} ended {{ flow_run.state.name }}\
{% if 'auto-scheduled' in flow_run.tags %} (scheduled for {{ flow_run.expected_start_time }}){% endif %}.
{{ flow_run.state.message or '' }}
{{ flow_run|ui_url }}"""
LATE_SUBJECT = "Tourdesk: a run has not started"
LATE_BODY = """\
{{ flow.name }}/{{ deployment.name }}: run {{ flow_run.name }}, due {{ flow_run.expected_start_time }}, \
has waited more than MINUTES minutes: no worker or serve process is taking runs. Check the machines.
{{ flow_run|ui_url }}"""


def automations(block_id: Any, late_after: dt.timedelta = LATE_AFTER) -> list[Any]:
    """The two automations, as Prefect objects (not yet on a server)."""
    # why here: Prefect takes ~2 s to import, and python -m flows.notify --help answers without it
    from prefect.automations import AutomationCore, EventTrigger, Posture, SendNotification

    ours = {"prefect.resource.role": "tag", "prefect.resource.id": TAG}
    runs = {"prefect.resource.id": "prefect.flow-run.*"}
    late_body = LATE_BODY.replace("MINUTES", f"{late_after.total_seconds() / 60:g}")
    return [
        AutomationCore(
            name=FAILED, description="Every failed, crashed or timed-out Tourdesk run, to TOURDESK_NOTIFY_URL.",
            trigger=EventTrigger(expect=ENDED_BADLY, match=runs, match_related=ours, posture=Posture.Reactive,
                                 threshold=1, within=dt.timedelta(0)),
            actions=[SendNotification(block_document_id=block_id, subject=FAILED_SUBJECT, body=FAILED_BODY)],
        ),
        AutomationCore(
            name=NOT_STARTED, description="A Tourdesk run still Late after a while: nobody is taking runs.",
            trigger=EventTrigger(after={"prefect.flow-run.Late"}, expect=STARTED, for_each={"prefect.resource.id"},
                                 match=runs, match_related=ours, posture=Posture.Proactive, threshold=1,
                                 within=late_after),
            actions=[SendNotification(block_document_id=block_id, subject=LATE_SUBJECT, body=late_body)],
        ),
    ]  # fmt: skip


async def _save_block(url: str) -> Any:
    # why here: Prefect takes ~2 s to import, and python -m flows.notify --help answers without it
    from prefect.blocks.notifications import CustomWebhookNotificationBlock

    block = CustomWebhookNotificationBlock(
        name="Tourdesk", url="{{notify_url}}", json_data={"text": "{{subject}}\n{{body}}"},
        secrets={"notify_url": url}, timeout=10,
    )  # fmt: skip
    return await block.save(BLOCK, overwrite=True)


async def ensure(url: str | None = None, late_after: dt.timedelta = LATE_AFTER) -> str:
    """Make the server's block and automations match ``url`` (default: ``TOURDESK_NOTIFY_URL``).

    Returns one line for the log. Without a URL nothing changes on the server.
    """
    # why here: Prefect takes ~2 s to import, and python -m flows.notify --help answers without it
    from prefect.client.orchestration import get_client

    url = url or settings.notify_url()
    async with get_client() as client:
        existing = {a.name: a for name in (FAILED, NOT_STARTED) for a in await client.read_automations_by_name(name)}
        if not url:
            on = [a for a in existing.values() if a.enabled]
            if on:  # set up from another machine's environment: left as it is
                return f"{settings.NOTIFY_URL} is not set here; the server's failure notifications stay as they are"
            return (f"{settings.NOTIFY_URL} is not set: nobody is told when a run fails "
                    f"(set it to a webhook URL and restart serve, or deploy again)")  # fmt: skip
        block_id = await _save_block(url)
        for automation in automations(block_id, late_after):
            found = existing.get(automation.name)
            if found is None:
                await client.create_automation(automation)
            else:
                await client.update_automation(found.id, automation)
                if not found.enabled:  # switched off with --off: the setting switches it on again
                    await client.resume_automation(found.id)
    host = url.split("/")[2] if "//" in url else url
    return f"failed, crashed and unstarted runs are posted to {host} ({settings.NOTIFY_URL})"


async def switch_off() -> str:
    # why here: Prefect takes ~2 s to import, and python -m flows.notify --help answers without it
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        found = [a for name in (FAILED, NOT_STARTED) for a in await client.read_automations_by_name(name)]
        for a in found:
            await client.pause_automation(a.id)
    return f"{len(found)} Tourdesk automation(s) switched off; python -m flows.notify switches them on again"


async def send_test(url: str | None = None) -> None:
    """Send one message through the saved block, as the automations will."""
    # why here: Prefect takes ~2 s to import, and python -m flows.notify --help answers without it
    from prefect.blocks.notifications import CustomWebhookNotificationBlock

    await ensure(url)
    block = await CustomWebhookNotificationBlock.load(BLOCK)
    await block.notify("A test from python -m flows.notify --test: failed Tourdesk runs will be posted here.",
                       subject="Tourdesk: test")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.notify", description=__doc__.split("\n")[0])
    parser.add_argument("--test", action="store_true", help="also send a test message")
    parser.add_argument("--off", action="store_true", help="switch the failure notifications off")
    args = parser.parse_args(argv)
    try:
        if args.off:
            print(asyncio.run(switch_off()))
            return 0
        print(asyncio.run(ensure()))
        if args.test:
            asyncio.run(send_test())
            print("test message sent")
    except settings.SettingError as exc:
        print(f"python -m flows.notify: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
