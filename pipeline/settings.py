"""The agency's own settings, each in one place: the environment of the process that needs it.

Set them once, in the environment file every Tourdesk service reads (the desks, the
``python -m flows.serve`` machine, each Prefect worker and the machine that runs
``prefect deploy``), like ``TOURDESK_DATABASE_URL``:

=========================  ===========================================================
``TOURDESK_AGENCY_NAME``   the agency's name; it signs every greeting (required for them)
``TOURDESK_AGENCY_EMAIL``  the agency's mailbox, the From of the greeting e-mails
``TOURDESK_TIMEZONE``      the agency's time zone (default ``Europe/Moscow``): every
                           schedule and every "today" of scheduled work is in it
``TOURDESK_NOTIFY_URL``    a webhook (Slack, Mattermost, Teams, any HTTPS endpoint) that
                           failed and crashed runs are posted to (see ``flows.notify``)
=========================  ===========================================================
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

AGENCY_NAME = "TOURDESK_AGENCY_NAME"
AGENCY_EMAIL = "TOURDESK_AGENCY_EMAIL"
TIMEZONE = "TOURDESK_TIMEZONE"
NOTIFY_URL = "TOURDESK_NOTIFY_URL"
DEFAULT_TIMEZONE = "Europe/Moscow"


class SettingError(ValueError):
    """A setting is missing or wrong; the message names the variable and how to set it."""


def _get(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def agency_name() -> str:
    """The name that signs greetings («Турагентство «Пример»»); there is no default."""
    name = _get(AGENCY_NAME)
    if not name:
        raise SettingError(f"greetings are signed by the agency: set {AGENCY_NAME} to its name "
                           f"(e.g. {AGENCY_NAME}='Турагентство «Пример»')")  # fmt: skip
    return name


def sender() -> str:
    """The From of greeting e-mails: the agency's name and mailbox."""
    mailbox = _get(AGENCY_EMAIL)
    if not mailbox or "@" not in mailbox:
        raise SettingError(f"greeting e-mails need the agency's mailbox: set {AGENCY_EMAIL} "
                           f"(e.g. {AGENCY_EMAIL}=hello@agency.example)")  # fmt: skip
    # why here: tourdesk --help loads this module, and email.headerregistry costs it ~20 ms
    from email.headerregistry import Address

    return str(Address(display_name=agency_name(), addr_spec=mailbox))


def timezone_name() -> str:
    """The agency's time zone, checked: an IANA name such as ``Europe/Moscow``."""
    name = _get(TIMEZONE) or DEFAULT_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingError(f"{TIMEZONE}={name!r} is not a time zone; use a name such as Europe/Moscow") from None
    return name


def zone() -> ZoneInfo:
    return ZoneInfo(timezone_name())


def now() -> dt.datetime:
    """The agency's wall clock, aware."""
    return dt.datetime.now(zone())


def today() -> dt.date:
    """Today where the agency is (a worker's own clock may run in UTC)."""
    return now().date()


def notify_url() -> str | None:
    """The webhook failed runs go to, or None when nobody asked for one."""
    url = _get(NOTIFY_URL)
    if url and not url.startswith(("https://", "http://")):
        raise SettingError(f"{NOTIFY_URL} must be an http(s) URL, not {url[:20]!r}...")
    return url
