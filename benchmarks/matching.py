"""Duplicates found: the import, the review queue and the cleanup beside Splink on the same records.

5,000 records of people with known duplicates (``benchmarks.generate_linkage``: typos, married
surnames, swapped names, missing names and dates, day/month swaps, one-digit date slips, other
transliteration schemes), names and birth dates only, then with a passport column:

- the import: the records imported list by list (1,000 rows each) into an empty store; the
  pairs it merged, their precision and recall;
- + review: the pairs of clients it put to a person (a person accepting the true ones);
- + cleanup: ``tourdesk cleanup --dry-run``'s proposals on the imported file;
- Splink 5 on the same records (dedupe, trained by EM, match probability >= 0.9), pairwise.

Then (full run only) a 1,000,000-client file with 10,000 planted second records: the cleanup's
time and peak memory in a fresh process, the share of its proposals that are right and of the
planted duplicates it finds, beside Splink alone on the same clients.

``python -m benchmarks matching`` (``--quick``: the 5,000 records and a 50,000-client file).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIST_SIZE = 1000


def run(quick: bool = False) -> list[dict]:
    rows: list[dict] = []
    for documents in (False, True):
        rows += small(documents)
    rows += big(50_000 if quick else 1_000_000, 500 if quick else 10_000)
    return rows


# --- 5,000 records -------------------------------------------------------------------------------


def small(documents: bool, n: int = 5000) -> list[dict]:
    from benchmarks.generate_linkage import dataset

    ds = dataset(n, documents=documents)
    truth = ds.true_pairs()
    label = "with passports" if documents else "names and dates"
    ours = ours_on(ds)
    splink = splink_on(ds, documents)
    sp = _pr(splink["pairs"], truth)
    merged = _pr(ours["merged"], truth)
    reviewed = _pr(ours["merged"] | ours["reviewed"], truth)
    cleaned = _pr(ours["merged"] | ours["reviewed"] | ours["cleaned"], truth)
    items = ours["review_items"]
    out = [
        _row(f"[{n:,} {label}] import merges P={merged[0]:.4f} R={merged[1]:.3f}", merged[1],
             f"Splink 5 P={sp[0]:.3f} R={sp[1]:.3f} ({splink['seconds']:.1f} s)", sp[1], "recall; P >= 0.999"),
        _row(f"[{n:,} {label}] + review R={reviewed[1]:.3f}, {items} items ({items / n:.1%} of rows), "
             f"{ours['review_right']:.0%} right", reviewed[1], "Splink 5", sp[1], "items <= 10% of rows"),
        _row(f"[{n:,} {label}] + cleanup R={cleaned[1]:.3f} ({len(ours['cleaned_clients'])} proposals, "
             f"{ours['cleanup_right']:.0%} right)", cleaned[1], "Splink 5", sp[1],
             ">= Splink" if not documents else ">= 0.95"),
        _row(f"[{n:,} {label}] import of the {n:,} records, s", ours["seconds"], "Splink 5 train + predict",
             splink["seconds"], "", unit="s"),
    ]  # fmt: skip
    return out


def _row(name: str, figure: float, baseline: str, baseline_s: float, goal: str, unit: str = "") -> dict:
    return {"name": name, "figure_s": figure, "baseline": baseline, "baseline_s": baseline_s, "goal": goal,
            "unit": unit}  # fmt: skip


def _pr(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float]:
    right = len(found & truth)
    return right / max(len(found), 1), right / max(len(truth), 1)


def ours_on(ds) -> dict:
    """Import the records list by list, then the cleanup's dry run; pairs of records found."""
    from sqlalchemy import select

    from pipeline.cleanup import run_cleanup
    from pipeline.store.db import dispose_engine, session_scope
    from pipeline.store.merge import merge_rows
    from pipeline.store.models import ReviewItem

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        client_of: list[int | None] = []
        start = time.perf_counter()
        for i in range(0, len(ds.rows), LIST_SIZE):
            with session_scope(url) as session:
                report = merge_rows(session, ds.rows[i : i + LIST_SIZE], source=f"list-{i}.csv", sha256=f"{i:064d}")
            client_of += [o.client_id for o in report.outcomes]
        seconds = time.perf_counter() - start
        with session_scope(url) as session:
            items = session.execute(select(ReviewItem.kind, ReviewItem.client_id, ReviewItem.other_client_id)).all()
        proposals = run_cleanup(url, duplicates=True, dry_run=True).proposals
        dispose_engine(url)
    rows_of: dict[int, list[int]] = defaultdict(list)
    for i, cid in enumerate(client_of):
        rows_of[cid].append(i)
    merged = {pair for rows in rows_of.values() for pair in combinations(sorted(rows), 2)}
    review_clients = {(a, b) for kind, a, b in items if kind == "duplicate"}
    cleaned_clients = {(p["client_id"], p["other_client_id"]) for p in proposals}
    person_of = {cid: ds.person[rows[0]] for cid, rows in rows_of.items()}
    # a person merges the true pairs put to them: the clients they join take all their records along
    accepted = {(a, b) for a, b in review_clients if person_of.get(a) == person_of.get(b)}
    also = {(a, b) for a, b in cleaned_clients if person_of.get(a) == person_of.get(b)}
    return {
        "seconds": seconds, "merged": merged,
        "reviewed": _joined(rows_of, accepted), "cleaned": _joined(rows_of, accepted | also),
        "review_items": len(items), "kinds": __import__("collections").Counter(k for k, *_ in items), "cleaned_clients": cleaned_clients,
        "review_right": _right(review_clients, person_of), "cleanup_right": _right(cleaned_clients, person_of),
    }  # fmt: skip


def _joined(rows_of: dict[int, list[int]], client_pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Pairs of records in one client once ``client_pairs`` are merged (transitively)."""
    parent = {c: c for c in rows_of}

    def root(c: int) -> int:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for a, b in client_pairs:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for c, rows in rows_of.items():
        groups[root(c)] += rows
    return {pair for rows in groups.values() for pair in combinations(sorted(rows), 2)}


def _right(client_pairs: set[tuple[int, int]], person_of: dict[int, int]) -> float:
    if not client_pairs:
        return 1.0
    return sum(person_of.get(a) == person_of.get(b) for a, b in client_pairs) / len(client_pairs)


def frame_of(records: list[dict]):
    """The records as Splink gets them: the same spelling-independent keys the model uses."""
    import pandas as pd

    from pipeline.store.keys import name_key

    return pd.DataFrame({
        "unique_id": range(len(records)),
        "surname_key": [name_key(r["surname_lat"] or r["surname_ru"]) for r in records],
        "name_key": [name_key(r["name_lat"] or r["name_ru"]) for r in records],
        "patronymic_key": [name_key(r["patronymic_ru"]) for r in records],
        "gender": [r["gender"] for r in records],
        "birth_date": [r["birth_date"] for r in records],
        "passport": [f"{r['passport_series'] or ''}{r['passport_number']}" if r.get("passport_number") else None
                     for r in records],
    })  # fmt: skip


def splink_linker(frame, documents: bool):
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    comparisons = [
        cl.DamerauLevenshteinAtThresholds("surname_key", [1, 2]).configure(term_frequency_adjustments=True),
        cl.DamerauLevenshteinAtThresholds("name_key", [1, 2]),
        cl.DamerauLevenshteinAtThresholds("patronymic_key", [1]),
        cl.DamerauLevenshteinAtThresholds("birth_date", [1, 2]),
        cl.ExactMatch("gender"),
    ]
    if documents:
        comparisons.append(cl.DamerauLevenshteinAtThresholds("passport", [1]))
    blocking = [block_on("birth_date", "substr(surname_key, 1, 1)"), block_on("birth_date", "name_key"),
                block_on("surname_key", "name_key")]  # fmt: skip
    if documents:
        blocking.append(block_on("passport"))
    settings = SettingsCreator(link_type="dedupe_only", blocking_rules_to_generate_predictions=blocking,
                               comparisons=comparisons, retain_intermediate_calculation_columns=False)  # fmt: skip
    import duckdb

    con = duckdb.connect(config={"memory_limit": "1GB", "threads": 2})
    con.execute("SET enable_progress_bar = false")
    linker = Linker(DuckDBAPI(connection=con).register(frame), settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("surname_key", "name_key", "birth_date")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=min(1e7, 20.0 * len(frame)), seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname_key", "name_key"))
    return linker


def splink_on(ds, documents: bool, threshold: float = 0.9) -> dict:
    import logging

    logging.getLogger("splink").setLevel(logging.ERROR)
    frame = frame_of([r.record for r in ds.rows])
    start = time.perf_counter()
    linker = splink_linker(frame, documents)
    pred = linker.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()
    seconds = time.perf_counter() - start
    pairs = {(min(a, b), max(a, b)) for a, b in zip(pred["unique_id_l"], pred["unique_id_r"], strict=True)}
    return {"pairs": pairs, "seconds": seconds}


# --- 1,000,000 clients ---------------------------------------------------------------------------


def big(n: int, planted_count: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'big.sqlite3'}"
        truth_path = Path(tmp) / "truth.json"
        start = time.perf_counter()
        _child("build", url, n, planted_count, truth_path)
        built = time.perf_counter() - start
        ours = _child("cleanup", url, n, planted_count, truth_path)
        theirs = _child("splink", url, n, planted_count, truth_path)
    label = f"[{n:,} clients, {planted_count:,} planted]"
    return [
        _row(f"{label} file built (set-up, not timed)", built, "none", built, "", unit="s"),
        _row(f"{label} cleanup P={ours['precision']:.3f} R={ours['recall']:.3f} ({ours['proposals']:,} proposals), s",
             ours["seconds"], f"Splink 5 alone P={theirs['precision']:.3f} R={theirs['recall']:.3f}",
             theirs["seconds"], "<= 60 s, P >= 0.98, R >= 0.98", unit="s"),
        _row(f"{label} cleanup peak memory (fresh process)", ours["peak_mb"], "Splink 5 alone",
             theirs["peak_mb"], "<= 2048 MB", unit="MB"),
    ]  # fmt: skip


def _child(what: str, url: str, n: int, planted_count: int, truth: Path) -> dict:
    """One step in a process of its own, so that its peak memory is its own."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.matching", what, url, str(n), str(planted_count),
                          str(truth)], capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(f"the {what} step failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build(url: str, n: int, planted_count: int, truth: Path) -> dict:
    """The file, and second records of ``planted_count`` of its clients as clients of their own."""
    from sqlalchemy import insert

    from benchmarks.generate_linkage import planted
    from benchmarks.generate_store import load_store
    from pipeline.store.db import engine_for
    from pipeline.store.keys import name_key, search_form
    from pipeline.store.models import Client, Document

    store = load_store(url, n)
    clients, docs, pairs = [], [], []
    for k, (original, row) in enumerate(planted(store, planted_count)):
        cid, r = n + k + 1, row.record
        clients.append({"id": cid, **{f: r[f] for f in ("surname_lat", "name_lat", "surname_ru", "name_ru",
                        "patronymic_ru", "gender", "citizenship")}, "birth_date": _date(r["birth_date"]),
                        "derived": sorted(row.derived), "extra": {}, "is_regular": True,
                        "surname_key": name_key(r["surname_lat"] or r["surname_ru"]),
                        "name_key": name_key(r["name_lat"] or r["name_ru"]), "search_ru": search_form(r["surname_ru"]),
                        "search_lat": search_form(r["surname_lat"])})  # fmt: skip
        if r["passport_number"]:
            docs.append({"client_id": cid, "kind": "foreign_passport", "series": r["passport_series"],
                         "number": r["passport_number"], "is_current": True,
                         "doc_key": f"F:{r['passport_series'] or ''}{r['passport_number']}"})  # fmt: skip
        pairs.append([original, cid])
    with engine_for(url).begin() as conn:
        conn.execute(insert(Client), clients)
        # a slipped digit may give another client's number: that passport stays with its holder
        taken = {d for (d,) in conn.exec_driver_sql("SELECT doc_key FROM documents")}
        conn.execute(insert(Document), [d for d in docs if d["doc_key"] not in taken])
    truth.write_text(json.dumps(pairs))
    return {}


def _date(text: str | None):
    import datetime as dt

    return dt.date.fromisoformat(text) if text else None


def cleanup(url: str, n: int, planted_count: int, truth: Path) -> dict:
    from pipeline.cleanup import run_cleanup

    start = time.perf_counter()
    report = run_cleanup(url, duplicates=True, dry_run=True)
    seconds = time.perf_counter() - start
    found = {(p["client_id"], p["other_client_id"]) for p in report.proposals}
    return _scored(found, truth) | {"seconds": seconds, "peak_mb": _peak_mb(), "proposals": len(found)}


def splink(url: str, n: int, planted_count: int, truth: Path) -> dict:
    import logging

    from pipeline.cleanup.extract import clients_table
    from pipeline.store.db import session_scope

    logging.getLogger("splink").setLevel(logging.ERROR)
    start = time.perf_counter()
    with session_scope(url) as session:
        frame = clients_table(session).to_pandas()
    frame = frame[["unique_id", "surname_key", "name_key", "patronymic_key", "gender", "birth_date", "passport"]]
    linker = splink_linker(frame, documents=True)
    pred = linker.inference.predict(threshold_match_probability=0.9).as_pandas_dataframe()
    seconds = time.perf_counter() - start
    found = {(min(a, b), max(a, b)) for a, b in zip(pred["unique_id_l"], pred["unique_id_r"], strict=True)}
    return _scored(found, truth) | {"seconds": seconds, "peak_mb": _peak_mb(), "proposals": len(found)}


def _scored(found: set[tuple[int, int]], truth: Path) -> dict:
    pairs = {(min(a, b), max(a, b)) for a, b in json.loads(truth.read_text())}
    right = len(found & pairs)
    return {"precision": right / max(len(found), 1), "recall": right / max(len(pairs), 1)}


if __name__ == "__main__":
    step, url_, n_, count_, truth_ = sys.argv[1:6]
    result = {"build": build, "cleanup": cleanup, "splink": splink}[step](url_, int(n_), int(count_), Path(truth_))
    print(json.dumps(result))
