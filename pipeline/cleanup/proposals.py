"""Merge proposals and flags into the review queue, never the same one twice."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.store.models import ReviewItem, utc_now

SOURCE = "client-file cleanup"


def pair_key(a: int, b: int) -> str:
    return f"{min(a, b)}:{max(a, b)}"


def write_proposals(session: Session, pairs: pd.DataFrame) -> int:
    """One ``duplicate`` item per pair not already in the queue (open, merged or rejected)."""
    known = set(session.scalars(select(ReviewItem.pair_key).where(ReviewItem.kind == "duplicate")))
    sizes = Counter(pairs["cluster_id"]) if len(pairs) else Counter()
    now, rows = utc_now(), []
    for a, b, p, cluster in pairs[["unique_id_l", "unique_id_r", "match_probability", "cluster_id"]].itertuples(
        index=False
    ):
        key = pair_key(int(a), int(b))
        if key in known:
            continue
        known.add(key)
        group = f"; one of {sizes[cluster] + 1} records that look like one person" if sizes[cluster] > 1 else ""
        rows.append(dict(kind="duplicate", client_id=int(a), other_client_id=int(b), pair_key=key, score=float(p),
                         source=SOURCE, reason=f"clients {a} and {b} look like one person "
                                               f"(match probability {p:.3f}){group}",
                         incoming={}, status="open", created_at=now))  # fmt: skip
    if rows:
        session.execute(insert(ReviewItem), rows)
    return len(rows)


def write_flags(session: Session, flags: list[dict]) -> int:
    """``flag`` items, each keyed so the next run does not raise it again while it is known."""
    known = set(session.scalars(select(ReviewItem.pair_key).where(ReviewItem.kind == "flag")))
    now = utc_now()
    rows = [dict(f, kind="flag", source=SOURCE, incoming={}, status="open", created_at=now)
            for f in flags if f["pair_key"] not in known]  # fmt: skip
    if rows:
        session.execute(insert(ReviewItem), rows)
    return len(rows)
