"""Stop a worker or ``serve`` on SIGTERM (or Ctrl+C) within seconds, each run it had left honest.

Prefect's own shutdown takes 12 s or more here: the process worker kills its flow-run processes
outright and leaves their runs ``Running`` for ever; ``serve`` waits in 3-second steps and then
loads every flow again to look for cancellation hooks. So Tourdesk's worker and serve handle the
signal themselves:

1. every flow-run process they started gets SIGTERM (its process group, so a Dask cluster it
   started goes too): Prefect's engine in it raises, the open store transaction rolls back,
   and the run is marked ``Crashed`` ("Execution was aborted by a termination signal");
2. after ``GRACE`` seconds a process still there is killed (SIGKILL; the database rolls back
   a transaction whose connection is gone), and a run still not final is marked ``Crashed``;
3. ``then()`` runs (serve: pause its schedules, as Prefect does, and say so), and the process
   exits. Whatever happens, it is gone ``DEADLINE`` seconds after the signal.

Rerun a crashed run (UI: Retry, or ``prefect deployment run``): imports are all or nothing per
file and merge into the same clients, forms are rewritten whole, cleanup and greetings start over.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

#: seconds a flow run gets to roll back and report itself crashed
GRACE = 3.0
#: seconds after the signal when the process is gone, whatever still hangs
DEADLINE = 4.5
STOPPED_MESSAGE = "Stopped: the Tourdesk {what} it ran in received SIGTERM; its transaction was rolled back. Run it again."


def _say(*args: object, err: bool = False) -> None:
    """Print, never failing: a stop must not hang on a closed terminal or pipe."""
    with contextlib.suppress(Exception):
        print(*args, file=sys.stderr if err else sys.stdout, flush=True)


def flow_run_children(parent: int | None = None) -> dict[int, str | None]:
    """The processes ``parent`` (default: this one) started, each with the flow run id it runs."""
    parent = parent or os.getpid()
    out: dict[int, str | None] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid != parent:
                continue
            env = (entry / "environ").read_bytes().split(b"\0")
        except (OSError, ValueError, IndexError):
            continue
        run_id = next((v.split(b"=", 1)[1].decode() for v in env if v.startswith(b"PREFECT__FLOW_RUN_ID=")), None)
        out[int(entry.name)] = run_id
    return out


def _signal(pid: int, sig: int) -> None:
    """``sig`` to ``pid``'s process group when it leads its own (Prefect starts runs so), else to it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if os.getpgid(pid) == pid and pid != os.getpgrp():
            os.killpg(pid, sig)
        else:
            os.kill(pid, sig)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has finished: its parent has not reaped it yet


def _mark_crashed(run_ids: list[str], what: str) -> list[str]:
    """Mark each run that is not final yet ``Crashed``; the ids marked."""
    # why here: python -m flows.worker --help loads this module; Prefect (~2 s) only when a run must be marked
    from prefect.client.orchestration import get_client
    from prefect.states import Crashed

    marked = []
    with get_client(sync_client=True) as client:
        for run_id in run_ids:
            try:
                run = client.read_flow_run(UUID(run_id))
                if run.state is None or not run.state.is_final():
                    client.set_flow_run_state(UUID(run_id), Crashed(message=STOPPED_MESSAGE.format(what=what)),
                                              force=True)  # fmt: skip
                    marked.append(run_id)
            except Exception as exc:  # the server may be down too: say so, go on stopping
                _say(f"could not mark flow run {run_id} crashed: {exc}", err=True)
    return marked


class Stopper:
    """The SIGTERM/SIGINT handler of a worker or serve process: see the module's docstring."""

    def __init__(self, what: str, then: Callable[[], None] | None = None) -> None:
        self.what, self.then = what, then
        self._started = threading.Event()

    def install(self) -> Stopper:
        signal.signal(signal.SIGTERM, self.handle)
        signal.signal(signal.SIGINT, self.handle)
        return self

    def handle(self, signum: int = signal.SIGTERM, frame: object = None) -> None:
        if self._started.is_set():
            return
        self._started.set()
        signal_time = time.monotonic()
        threading.Thread(target=self._watchdog, args=(signal_time,), daemon=True, name="stop-deadline").start()
        threading.Thread(target=self._stop, args=(signum, signal_time), daemon=True, name="stop").start()

    def _watchdog(self, since: float) -> None:
        try:
            time.sleep(max(0.0, DEADLINE - (time.monotonic() - since)))
            _say(f"{self.what}: still stopping after {DEADLINE:.1f} s; exiting now", err=True)
        finally:
            os._exit(1)

    def _stop(self, signum: int, since: float) -> None:
        try:
            self._stop_runs(signum, since)
        finally:
            os._exit(0)

    def _stop_runs(self, signum: int, since: float) -> None:
        name = signal.Signals(signum).name
        children = flow_run_children()
        _say(f"{self.what}: {name}; stopping {len(children)} flow run(s)")
        for pid in children:
            _signal(pid, signal.SIGTERM)
        while any(_alive(pid) for pid in children) and time.monotonic() - since < GRACE:
            time.sleep(0.05)
        for pid in [p for p in children if _alive(p)]:
            _say(f"{self.what}: flow-run process {pid} still there after {GRACE:.0f} s: killed")
            _signal(pid, signal.SIGKILL)
        runs = [run_id for run_id in children.values() if run_id]
        if runs:
            marked = _mark_crashed(runs, self.what)
            _say(f"{self.what}: {len(runs)} flow run(s) stopped, {len(marked)} marked Crashed here "
                 f"(the others marked themselves)")  # fmt: skip
        if self.then is not None:
            try:
                self.then()
            except Exception as exc:
                _say(f"{self.what}: {exc}", err=True)
        _say(f"{self.what}: stopped in {time.monotonic() - since:.1f} s")
