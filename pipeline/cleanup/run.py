"""The whole cleanup as one plain function: read, link, propose, flag."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from pipeline.cleanup import flags
from pipeline.cleanup.extract import clients_frame
from pipeline.cleanup.linkage import duplicate_pairs
from pipeline.cleanup.proposals import write_flags, write_proposals
from pipeline.store.db import session_scope


@dataclass
class CleanupReport:
    clients: int = 0
    pairs_found: int = 0
    proposals_new: int = 0
    flags_new: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"{self.clients} clients checked: {self.pairs_found} possible duplicate pairs "
                f"({self.proposals_new} new for review), {self.flags_new} new flags")  # fmt: skip


def run_cleanup(url: str | None = None, today: dt.date | None = None, duplicates: bool = True) -> CleanupReport:
    """Find duplicates and suspicious records in the store at ``url``; queue them for review."""

    today = today or dt.date.today()
    report, clock = CleanupReport(), time.perf_counter()
    if duplicates:
        with session_scope(url) as session:
            frame = clients_frame(session)
        report.clients = len(frame)
        report.seconds["read"] = time.perf_counter() - clock
        pairs = duplicate_pairs(frame)
        report.pairs_found = len(pairs)
        report.seconds["link"] = time.perf_counter() - clock - report.seconds["read"]
        with session_scope(url) as session:
            report.proposals_new = write_proposals(session, pairs)
    with session_scope(url) as session:
        found = flags.expiring_passports(session, today) + flags.impossible_values(session, today)
        found += flags.empty_clients(session)
        report.flags_new = write_flags(session, found)
    report.seconds["total"] = time.perf_counter() - clock
    return report
