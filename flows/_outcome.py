"""A run's final state tells the truth about its files, and an artifact lists each one and why.

- nothing given, or nothing done (every file unreadable): ``Failed``, the reasons in the message;
- some done, some not: ``Completed`` named "Partly failed", the failures in the message;
- all done: ``Completed``.

The table artifact (key ``<flow>-report``, on the run's Artifacts tab and the Artifacts page)
has one row per file: the path, what happened, and why, in the words the desk sees. Paths,
counts and reasons only: never names, birth dates or passports (Prefect keeps artifacts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from prefect.artifacts import create_table_artifact
from prefect.states import Completed, Failed, State

PARTLY_FAILED = "Partly failed"
#: reasons shown in a state message; the artifact holds all of them
MESSAGE_REASONS = 5


def _count(n: int, noun: str) -> str:
    """«1 file», «2 files» (``noun`` is given in the plural)."""
    return f"{n} {noun[:-1] if n == 1 and noun.endswith('s') else noun}"


def _message(failed: Sequence[tuple[str, str]], total: int, noun: str) -> str:
    shown = "; ".join(reason for _, reason in failed[:MESSAGE_REASONS])
    more = f" (and {len(failed) - MESSAGE_REASONS} more: see the artifact)" if len(failed) > MESSAGE_REASONS else ""
    return f"{len(failed)} of {total} {noun} failed: {shown}{more}"


def report(
    items: Sequence[dict[str, Any]],
    *,
    key: str,
    noun: str,
    failure: Callable[[dict[str, Any]], str | None],
    row: Callable[[dict[str, Any]], dict[str, Any]],
    done: str,
    data: Any = None,
) -> State:
    """The final state for a run over ``items`` (one result dict each), with its artifact.

    ``failure(item)`` is the reason an item failed, or None; ``row(item)`` its artifact row.
    """
    if not items:
        return Failed(message=f"no {noun} to work on: nothing was done")
    failed = [(str(i.get("file", "")), why) for i in items if (why := failure(i))]
    table = [{"result": "FAILED" if failure(i) else "done", **row(i), "why": failure(i) or ""} for i in items]
    summary = _message(failed, len(items), noun) if failed else f"{_count(len(items), noun)}: {done}"
    create_table_artifact(table, key=key, description=summary)
    if len(failed) == len(items):
        return Failed(message=f"nothing done: {summary}")  # calling the flow raises FailedRun(message)
    if failed:
        return Completed(name=PARTLY_FAILED, message=summary, data=data)
    return Completed(message=summary, data=data)
