"""Cleaning the client file: duplicate clients proposed for merging, suspicious records flagged.

``run_cleanup(url)`` is the plain function the scheduled flow calls; every finding goes to the
review queue (``tourdesk review``), nothing is changed without a person.
"""

from __future__ import annotations

from pipeline.cleanup.run import CleanupReport, run_cleanup

__all__ = ["CleanupReport", "run_cleanup"]
