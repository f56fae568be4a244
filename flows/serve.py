"""Serve the flows as deployments: ``python -m flows.serve`` (needs a Prefect server).

A person starts runs from the Prefect UI's form; the parameters are typed and described.
"""

from __future__ import annotations

from prefect import serve

from flows.cleanup_client_file import cleanup_client_file
from flows.greetings import greetings_flow
from flows.import_group_booking import import_group_booking
from flows.render_visa_forms import render_visa_forms


def deployments() -> list:
    return [
        import_group_booking.to_deployment(name="group-import", tags=["tourdesk"]),
        render_visa_forms.to_deployment(name="visa-forms", tags=["tourdesk"]),
        greetings_flow.to_deployment(name="daily-greetings", cron="0 8 * * *", tags=["tourdesk"]),
        cleanup_client_file.to_deployment(name="nightly-cleanup", cron="0 3 * * *", tags=["tourdesk"]),
    ]


if __name__ == "__main__":
    serve(*deployments())
