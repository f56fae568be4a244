"""A Prefect process worker for Tourdesk's work pool that stops cleanly: ``python -m flows.worker``.

    python -m flows.worker --pool tourdesk                            # imports, forms, cleanup, greetings
    python -m flows.worker --pool tourdesk --work-queue big-batches   # the Dask fan-outs

It is ``prefect worker start --type process`` with one difference: on SIGTERM (systemd stop,
``docker stop``, ``kill``) or Ctrl+C it stops within 5 seconds and leaves no run ``Running``:
the runs in progress are stopped, roll back and are marked ``Crashed`` (``flows._stop``).
Prefect's own worker kills them outright and leaves them ``Running`` for ever; started from a
shell script with ``&`` it even ignores SIGTERM (SIGINT is ignored there, and it waits for one).
"""

from __future__ import annotations

import argparse
import asyncio

from flows._stop import Stopper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.worker", description=__doc__.split("\n")[0])
    parser.add_argument("--pool", "-p", required=True, help="work pool (create it once: "
                        "prefect work-pool create tourdesk --type process)")  # fmt: skip
    parser.add_argument("--work-queue", "-q", action="append", help="only these queues (default: all of the pool)")
    parser.add_argument("--name", "-n", help="the worker's name in the UI (default: a generated one)")
    parser.add_argument("--limit", "-l", type=int, help="runs at once on this machine (default: no limit)")
    args = parser.parse_args(argv)
    # why here: after the arguments, so --help and a usage mistake answer without Prefect's worker (~2.5 s)
    from prefect.workers.process import ProcessWorker

    Stopper("worker").install()  # SIGTERM and SIGINT, even where a shell's `&` left SIGINT ignored
    worker = ProcessWorker(work_pool_name=args.pool, work_queues=args.work_queue, name=args.name, limit=args.limit,
                           create_pool_if_not_found=False)  # a misspelt pool is an error, not a new empty pool
    asyncio.run(worker.start(printer=lambda *a, **k: print(*a, flush=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
