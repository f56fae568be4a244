"""The whole cleanup as one plain function: read, link, propose, flag."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from pipeline.cleanup import flags
from pipeline.cleanup.extract import clients_table
from pipeline.cleanup.linkage import duplicate_pairs
from pipeline.cleanup.proposals import known_pairs, proposals, write_flags, write_proposals
from pipeline.store.db import session_scope
from pipeline.store.models import ReviewItem


@dataclass
class CleanupReport:
    clients: int = 0
    pairs_found: int = 0
    proposals_new: int = 0
    flags_new: int = 0
    dry_run: bool = False
    #: the new proposals, likeliest first: client_id, other_client_id, client_ids, score, reasons
    proposals: list[dict[str, Any]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        queued = "to propose (nothing written: dry run)" if self.dry_run else "new for review"
        return (f"{self.clients} clients checked: {self.pairs_found} possible duplicate pairs "
                f"({self.proposals_new} {queued}), {self.flags_new} new flags")  # fmt: skip


def run_cleanup(url: str | None = None, today: dt.date | None = None, duplicates: bool = True,
                dry_run: bool = False) -> CleanupReport:  # fmt: skip
    """Find duplicates and suspicious records in the store at ``url``; queue them for review
    (with ``dry_run``, only report them). A pair already put to a person is never proposed again."""
    today = today or dt.date.today()
    report, clock = CleanupReport(dry_run=dry_run), time.perf_counter()
    if duplicates:
        with session_scope(url) as session:
            table = clients_table(session)
            known = known_pairs(session)
        report.clients = table.num_rows
        report.seconds["read"] = time.perf_counter() - clock
        pairs = duplicate_pairs(table)
        del table
        report.pairs_found = len(pairs)
        report.proposals = proposals(pairs, known)
        report.proposals_new = len(report.proposals)
        report.seconds["link"] = time.perf_counter() - clock - report.seconds["read"]
        if not dry_run:
            with session_scope(url) as session:
                write_proposals(session, report.proposals)
    with session_scope(url) as session:
        found = flags.expiring_passports(session, today) + flags.impossible_values(session, today)
        found += flags.empty_clients(session)
        if dry_run:
            known_flags = known_pairs_of_flags(session)
            report.flags_new = sum(1 for f in found if f["pair_key"] not in known_flags)
        else:
            report.flags_new = write_flags(session, found)
    report.seconds["total"] = time.perf_counter() - clock
    return report


def known_pairs_of_flags(session) -> set[str]:
    return set(session.scalars(select(ReviewItem.pair_key).where(ReviewItem.kind == "flag")))
