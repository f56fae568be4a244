"""Merge proposals and flags into the review queue, never the same one twice."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.cleanup.linkage import reasons
from pipeline.store.models import ReviewItem, utc_now

SOURCE = "client-file cleanup"


def pair_key(a: int, b: int) -> str:
    return f"{min(a, b)}:{max(a, b)}"


def known_pairs(session: Session) -> set[str]:
    """Pairs already put to a person, by the import or the cleanup (open, merged or rejected)."""
    return set(session.scalars(select(ReviewItem.pair_key).where(ReviewItem.kind == "duplicate")))


def proposals(pairs: pd.DataFrame, known: set[str]) -> list[dict[str, Any]]:
    """The pairs not yet put to a person, likeliest first, as plain data."""
    out = []
    for rec in pairs.to_dict("records"):
        a, b = int(rec["client_id"]), int(rec["other_client_id"])
        key = pair_key(a, b)
        if key in known:
            continue
        known.add(key)
        out.append({"client_id": a, "other_client_id": b, "client_ids": [a, b], "score": round(float(rec["score"]), 6),
                    "reasons": reasons(rec)})  # fmt: skip
    return out


def write_proposals(session: Session, found: list[dict[str, Any]]) -> int:
    """One ``duplicate`` item per proposal."""
    now = utc_now()
    rows = [dict(kind="duplicate", client_id=p["client_id"], other_client_id=p["other_client_id"],
                 pair_key=pair_key(p["client_id"], p["other_client_id"]), score=p["score"], source=SOURCE,
                 reason=f"clients {p['client_id']} and {p['other_client_id']} look like one person: "
                        f"{', '.join(p['reasons'])} (likelihood {p['score']:.3f})",
                 incoming={}, status="open", created_at=now) for p in found]  # fmt: skip
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
