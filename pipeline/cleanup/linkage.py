"""Duplicate clients in the whole file: the import's matching model, run on DuckDB over every pair
that could be one person.

Candidate pairs (blocking) are clients born the same day with the first letter of the surname
in common, or the same first name (a surname changed at marriage, or mistyped), or the surname
and first name swapped (either way round, with or without a birth date); clients with the same
surname and first initial born the same year or on the same day and month (a slip in the date,
perhaps with a typo in the first name); and the same names with no birth date on one side. Each pair is then scored
in SQL with the levels and weights of ``pipeline.store.evidence`` (one model: the same levels in
Python are what an import uses), a surname's and a first name's weight from their share of the
file, and the documents weighed as two clients' (never the same number).
DuckDB works in a memory limit and spills past it, with no progress bars in a scheduled job's log.
"""

from __future__ import annotations

import math

import pandas as pd
import pyarrow as pa

from pipeline.store.evidence import (
    CLEANUP_SHARE,
    LEVELS,
    NAME_U,
    SURNAME_PSEUDO,
    SURNAME_U,
    SWAP_BITS,
    WORDS,
    cleanup_levels,
    sql_bits,
    sql_levels,
)

#: a pair at least this likely (bits of posterior log-odds: 4 to 1, a probability of 0.8) is
#: proposed to a person. In a million clients with 1% second records, 98% of such proposals are one
#: person, on two generated files (store and planted seeds 1/9 and 2/10; python -m benchmarks
#: matching); below it namesakes one date digit apart and renamed women outnumber duplicates.
PROPOSE_AT = 2.0
MEMORY_LIMIT = "1GB"

#: candidate pairs: each rule is an equi-join (a hash join in DuckDB); a pair is scored once
#: whichever rules find it. One corruption besides a missing field still leaves a rule to find the
#: pair: a typo in one name, a slip in the birth date, names swapped, a surname changed.
_BLOCKS = (
    "l.birth_date = r.birth_date AND l.surname_initial = r.surname_initial",
    "l.birth_date = r.birth_date AND l.name_key = r.name_key",
    # names swapped on either side (the lower id is not always the right way round)
    "l.birth_date = r.birth_date AND l.surname_key = r.name_key",
    "l.birth_date = r.birth_date AND l.name_key = r.surname_key",
    "l.surname_key = r.name_key AND l.name_key = r.surname_key",
    # a slip in the birth date, perhaps with a typo in the first name: the surname, the first
    # name's initial and what is left of the date
    "l.surname_key = r.surname_key AND l.name_initial = r.name_initial AND l.birth_year = r.birth_year",
    "l.surname_key = r.surname_key AND l.name_initial = r.name_initial AND l.birth_md = r.birth_md",
    # no birth date on one side: the names
    "l.surname_key = r.surname_key AND l.name_key = r.name_key AND (l.birth_date IS NULL OR r.birth_date IS NULL)",
)
# Not rules: a typo in the surname together with a slip in the date, or with no date at all. In a
# million clients those rules give millions of pairs, and such a pair, found, still scores far
# below PROPOSE_AT (namesakes one digit apart are common): time spent for nothing proposed.
_SIDE = ("surname_key", "name_key", "patronymic_key", "gender", "birth_date", "citizenship", "passport", "internal",
         "phone", "email")  # fmt: skip


def duplicate_pairs(clients: pa.Table, propose_at: float = PROPOSE_AT, threads: int = 2) -> pd.DataFrame:
    """Proposed pairs, likeliest first: ``client_id`` < ``other_client_id``, ``score`` (probability),
    ``bits`` (posterior log-odds) and each comparison's level (``None`` where a side lacks it)."""
    import duckdb  # why here: a quick run (--no-duplicates) and the CLI's --help never load DuckDB

    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "threads": threads})
    con.execute("SET enable_progress_bar = false")  # a scheduled job's log is no terminal
    try:
        return _pairs(con, clients, propose_at)
    finally:
        con.close()


def _pairs(con, clients: pa.Table, propose_at: float) -> pd.DataFrame:
    size = clients.num_rows
    if size < 2:
        return _empty()
    con.register("clients_in", clients)
    con.execute("""
        CREATE TEMP TABLE c AS SELECT *, left(surname_key, 1) AS surname_initial, left(name_key, 1) AS name_initial,
               left(birth_date, 4) AS birth_year, substr(birth_date, 6, 5) AS birth_md
        FROM clients_in""")
    con.execute("""CREATE TEMP TABLE share AS SELECT surname_key, count(*) AS n FROM c
                   WHERE surname_key IS NOT NULL GROUP BY surname_key""")
    con.execute("""CREATE TEMP TABLE name_count AS SELECT name_key, count(*) AS n FROM c
                   WHERE name_key IS NOT NULL GROUP BY name_key""")
    blocks = " UNION ".join(f"SELECT l.unique_id AS a, r.unique_id AS b FROM c l JOIN c r ON {rule} "
                            f"AND l.unique_id < r.unique_id" for rule in _BLOCKS)  # fmt: skip
    con.execute(f"CREATE TEMP TABLE pairs AS {blocks}")
    direct, crossed = sql_levels(), sql_levels(swapped=True)
    share = f"((coalesce(s.n, 0) + {SURNAME_PSEUDO * SURNAME_U!r}) / ({size} + {SURNAME_PSEUDO}))"
    swapped_share = f"((coalesce(t.n, 0) + {SURNAME_PSEUDO * SURNAME_U!r}) / ({size} + {SURNAME_PSEUDO}))"
    name_share = f"((coalesce(f.n, 0) + {SURNAME_PSEUDO * NAME_U!r}) / ({size} + {SURNAME_PSEUDO}))"
    level_cols = ", ".join(f"{sql} AS d_{name}" for name, sql in direct.items())
    crossed_cols = ", ".join(f"{sql} AS x_{name}" for name, sql in crossed.items())
    con.execute(f"""
        CREATE TEMP TABLE scored AS
        SELECT p.a, p.b, {level_cols}, {crossed_cols},
               {share} AS surname_share, {swapped_share} AS swapped_share, {name_share} AS name_share,
               l.surname_key IS NOT NULL AND l.name_key IS NOT NULL AND l.surname_key <> l.name_key AS can_swap
        FROM pairs p JOIN c l ON l.unique_id = p.a JOIN c r ON r.unique_id = p.b
        LEFT JOIN share s ON s.surname_key = l.surname_key
        LEFT JOIN share t ON t.surname_key = l.name_key
        LEFT JOIN name_count f ON f.name_key = l.name_key""")
    # the prior of a pair of the file: its clients are the candidates, however few (the import's
    # floor, POPULATION, is the people a tourist may be, which a pair of clients is not)
    prior = math.log2(CLEANUP_SHARE / (size - 1))
    # as ``evidence.swap_plausible``: crossed, both names the same, or one of them one typo apart
    use_crossed = ("(can_swap AND d_surname IS DISTINCT FROM 'exact' AND x_surname IN ('exact', 'typo1') "
                   "AND x_name IN ('exact', 'typo1') AND 'exact' IN (x_surname, x_name))")  # fmt: skip
    model = cleanup_levels()
    direct_bits = sql_bits("d_", model=model, name_share="name_share")
    crossed_bits = f"({sql_bits('x_', 'swapped_share', model)} + {SWAP_BITS!r})"
    pick = ", ".join(f"CASE WHEN swapped THEN x_{n} ELSE d_{n} END AS {n}" for n in LEVELS)
    frame = con.execute(f"""
        WITH b AS (
            SELECT *, {direct_bits} AS direct_bits,
                   CASE WHEN {use_crossed} THEN {crossed_bits} END AS crossed_bits FROM scored),
        s AS (
            SELECT *, coalesce(crossed_bits > direct_bits, false) AS swapped,
                   greatest(direct_bits, coalesce(crossed_bits, direct_bits)) + {prior!r} AS bits FROM b)
        SELECT a AS client_id, b AS other_client_id, bits, 1 / (1 + pow(2, -bits)) AS score, swapped, {pick}
        FROM s
        WHERE bits >= {propose_at!r}
          -- another patronymic is another father: two people (as the import decides)
          AND patronymic IS DISTINCT FROM 'other'
          -- so is another first name (not a slip of a letter or two) with the surname and the rest
          -- in common: brothers, sisters, twins; a family shares what the model counts as chance
          AND name IS DISTINCT FROM 'other'
          -- names alone (nothing else compared on both sides) are not enough to ask a person
          AND (birth_date IS NOT NULL OR passport IS NOT NULL OR internal IS NOT NULL
               OR phone IS NOT NULL OR email IS NOT NULL)
        ORDER BY bits DESC, client_id, other_client_id""").df()
    return frame


def reasons(row: dict) -> list[str]:
    """A proposal's evidence in words, as the import gives it."""
    out = ["surname and first name swapped"] if row.get("swapped") else []
    return out + [WORDS[(c, row[c])] for c in LEVELS if isinstance(row.get(c), str) and (c, row[c]) in WORDS]


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["client_id", "other_client_id", "bits", "score", "swapped", *LEVELS])
