"""Retries only where they help: a store that is briefly unreachable, not a bad file."""

from __future__ import annotations

from typing import Any


def only_io_errors(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect ``retry_condition_fn``: retry when the failure was the store or the disk."""
    # why here: every flow module imports this one, and python -m flows.serve loads them all; SQLAlchemy waits
    from pipeline.store.db import StoreUnavailable

    try:
        state.result()
    except (StoreUnavailable, OSError):
        return True
    except Exception:
        return False
    return False
