"""Large batches fanned out over Dask: many files imported, a big trip's forms in chunks.

Tasks are per chunk, never per row or per tourist, and pass only paths, vouchers, positions
and counts (Prefect stores parameters and results in its own database). Merges still take
turns on the store's writer lock, so a fan-out of imports gains the reading and normalizing,
not the merge. Where the tasks run is chosen at run time:

- ``TOURDESK_DASK_ADDRESS=tcp://scheduler:8786``: an existing Dask cluster (workers on other
  machines need the same code, ``TOURDESK_DATABASE_URL`` and the files at the same paths);
- otherwise a temporary local cluster of ``TOURDESK_DASK_WORKERS`` processes (default 2).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Literal

from prefect import flow, task
from prefect.states import Completed, Failed, State

from flows._retry import only_io_errors
from flows.import_group_booking import files_state, import_file
from pipeline.forms.files import output_names, private_dir
from pipeline.forms.render import DRAFT_SUFFIX, draft_name, write_forms


def worker_may_fork() -> Any:
    """Dask config under which new worker processes may start processes of their own.

    The docx exporter renders a big chunk on a process pool, which a daemonic process (Dask's
    default for workers) may not start. Workers started elsewhere need the same setting:
    ``DASK_DISTRIBUTED__WORKER__DAEMON=False``.
    """
    # why here: Dask comes with the optional scale extra, and only the fan-out needs it
    import dask

    return dask.config.set({"distributed.worker.daemon": False})


def dask_runner() -> Any:
    """The Dask task runner the environment asks for (imported here: Dask is heavy and optional)."""
    try:
        # why here: prefect-dask comes with the optional scale extra, and only the fan-out needs it
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:  # the fan-out is the one part of Tourdesk that needs the extra
        raise RuntimeError("the Dask fan-out needs the scale extra: pip install 'tourdesk[scale]'") from exc

    address = os.environ.get("TOURDESK_DASK_ADDRESS")
    if address:
        return DaskTaskRunner(address=address)
    worker_may_fork()  # set from now on (not used as a context): the cluster starts in the flow run
    workers = int(os.environ.get("TOURDESK_DASK_WORKERS", "2"))
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "processes": True, "threads_per_worker": 1})


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    """``items`` cut into consecutive lists of at most ``size``."""
    if size < 1:
        raise ValueError("a chunk holds at least one item")
    return [items[i : i + size] for i in range(0, len(items), size)]


# -- imports -----------------------------------------------------------------------------


@task(retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=only_io_errors, task_run_name="import chunk {n}")
def import_chunk(n: int, paths: list[str], trip_voucher: str | None, on_conflict: str) -> list[dict[str, Any]]:
    """Import the files of one chunk one after another, each in its own transaction.

    A retry imports the whole chunk again: a file already in is merged into the same clients
    (no duplicate), at the cost of one more batch in the history.
    """
    return [import_file.fn(p, trip_voucher, on_conflict) for p in paths]


@flow(name="import-many-files", log_prints=True)
def import_many_files(
    paths: list[str],
    trip_voucher: str | None = None,
    on_conflict: Literal["review", "keep", "overwrite"] = "review",
    chunk_size: int = 20,
) -> State:
    """Import many tourist lists, a chunk of files per task, fanned out over the task runner.

    Args:
        paths: Tourist-list files on a disk every worker sees (CSV, Excel, Word, PDF)
        trip_voucher: Voucher of the trip to put the tourists on
        on_conflict: When a list contradicts the client file: queue for review, keep the file, or overwrite
        chunk_size: Files per task
    """
    if chunk_size < 1:
        raise ValueError("chunk_size is at least 1")
    futures = [
        import_chunk.submit(n, part, trip_voucher, on_conflict) for n, part in enumerate(chunks(paths, chunk_size))
    ]
    results = [r for f in futures for r in f.result()]
    totals = {"files": len(results), "unreadable": sum(1 for r in results if "error" in r)}
    for key in ("rows", "new", "merged", "review", "rejected"):
        totals[key] = sum(int(r.get(key, 0)) for r in results)
    print(f"{totals['files']} files: {totals['rows']} rows, {totals['new']} new, {totals['merged']} merged, "
          f"{totals['review']} to review, {totals['rejected']} rejected, {totals['unreadable']} not read")  # fmt: skip
    state = files_state(results)
    if not state.is_failed():
        state.data = totals
    return state


# -- forms -------------------------------------------------------------------------------


def _trip_people(voucher: str) -> tuple[list[dict[str, Any]], dict[int | str, dict[str, Any]], dict[str, Any]]:
    """The trip's tourists in trip order, as ``pipeline.forms.visa.render_trip_forms`` loads them."""
    # why here: flows.serve imports every flow; SQLAlchemy and YAML load when the task runs
    from pipeline.store.db import session_scope
    from pipeline.trips.edit import trip_record
    from pipeline.trips.trip import find_trip, trip_dict, trip_links

    with session_scope() as session:
        trip = find_trip(session, voucher)
        links = trip_links(session, trip)
        people = [trip_record(link) for link in links]
        extras: dict[int | str, dict[str, Any]] = {link.client_id: dict(link.client.extra or {}) for link in links}
        return people, extras, trip_dict(trip)


def trip_folder(out_dir: str, voucher: str) -> Path:
    # why here: flows.serve imports every flow; SQLAlchemy and lxml load when the task runs
    from pipeline.forms.visa import safe_folder

    return Path(out_dir) / safe_folder(voucher)


@task(retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=only_io_errors,
      task_run_name="{form_id} for {voucher}, tourists {start}-{stop}")  # fmt: skip
def render_chunk(voucher: str, form_id: str, out_dir: str, start: int, stop: int) -> dict[str, int]:
    """Questionnaires of the tourists at positions ``start:stop`` of the trip.

    Rendered into a hidden folder of the chunk, then each renamed into the trip's folder under
    the name the whole trip gives it, so two IVANOV SERGEI in different chunks do not collide
    and the result is the same as one serial run.
    """
    # why here: flows.serve imports every flow; SQLAlchemy loads when the task runs
    from pipeline.forms.visa import Group, check_visa_forms, load_group
    from pipeline.store.db import session_scope
    from pipeline.store.written import register_files

    # the group exactly as the serial render loads and checks it (dictionary, new passports),
    # so a chunk's documents and drafts are the ones one serial run would write
    whole = load_group(voucher)
    group = Group(whole.people[start:stop], whole.extras, whole.trip, whole.voucher, whole.folder)
    final = private_dir(trip_folder(out_dir, voucher))
    scratch = final / f".chunk-{start:06d}"
    shutil.rmtree(scratch, ignore_errors=True)  # a killed earlier attempt's leftovers
    report = write_forms(check_visa_forms(form_id, group), scratch)
    suffix = report.files[0].suffix if report.files else ""
    names = output_names(whole.people, form_id, suffix)[start:stop]
    written = []
    for path, name, person in zip(report.files, names, group.people, strict=True):
        draft = draft_name(name, suffix)
        if path.stem.endswith(DRAFT_SUFFIX):  # it failed the check: a marked draft, never final
            name, draft = draft, name
        (final / draft).unlink(missing_ok=True)  # this render supersedes the other version
        os.replace(path, final / name)
        written.append((person.get("client_id"), final / name, "form"))
    shutil.rmtree(scratch, ignore_errors=True)
    # listed per client, as the serial render lists them, so an erasure finds them
    with session_scope() as session:
        register_files(session, written)
    return {"start": start, "documents": len(report.files), "incomplete": sum(1 for r in report.results if r.problems)}


@task(task_run_name="count tourists of {voucher}")
def count_tourists(voucher: str) -> int:
    return len(_trip_people(voucher)[0])


@flow(name="render-visa-forms-in-chunks", log_prints=True)
def render_forms_in_chunks(
    trip_voucher: str, form: str = "schengen-en", out_dir: str = "visa-forms", chunk_size: int = 200
) -> State:
    """A big trip's questionnaires, a chunk of tourists per task, fanned out over the task runner.

    Args:
        trip_voucher: Voucher number of the trip
        form: Form id, e.g. schengen-en (see: tourdesk forms list)
        out_dir: Folder every worker sees; the documents go to a sub-folder per trip
        chunk_size: Tourists per task
    """
    if chunk_size < 1:
        raise ValueError("chunk_size is at least 1")
    total = count_tourists(trip_voucher)
    futures = [
        render_chunk.submit(trip_voucher, form, out_dir, start, min(start + chunk_size, total))
        for start in range(0, total, chunk_size)
    ]
    results = [f.result() for f in futures]
    totals = {"tourists": total, "chunks": len(results),
              "documents": sum(r["documents"] for r in results),
              "incomplete": sum(r["incomplete"] for r in results)}  # fmt: skip
    print(f"{totals['documents']} questionnaires in {totals['chunks']} chunks "
          f"({totals['incomplete']} to complete by hand)")  # fmt: skip
    if not total:
        return Failed(message=f"trip {trip_voucher} has no tourists: no questionnaire written")
    return Completed(message=f"{totals['documents']} questionnaires, {totals['incomplete']} to complete by hand",
                     data=totals)  # fmt: skip


def on_dask(flow_: Any) -> Any:
    """``flow_`` with the Dask task runner the environment asks for."""
    return flow_.with_options(task_runner=dask_runner())


# What the deployments in prefect.yaml run: the flows above with the Dask task runner. They are
# built when first asked for (Prefect's entrypoint loader uses getattr), so that importing this
# module, and every flow that does not fan out, works on an install without the scale extra.
_ON_DASK = {
    "import_many_files_on_dask": import_many_files,
    "render_forms_in_chunks_on_dask": render_forms_in_chunks,
}


def __getattr__(name: str) -> Any:
    if name in _ON_DASK:
        return on_dask(_ON_DASK[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
