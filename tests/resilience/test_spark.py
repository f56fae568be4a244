"""The cleanup's Splink model on a local Spark session finds what it finds on DuckDB.

Opt-in (``TOURDESK_TEST_SPARK=1``) and only where ``pyspark`` (4.x) and Java 17+ are
installed: pyspark is not a dependency (a 456 MB download), and on 2 cores this tiny file
takes about two and a half minutes on Spark, since Splink runs each step as its own Spark job.
"""

from __future__ import annotations

import os
import random
import shutil

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

if os.environ.get("TOURDESK_TEST_SPARK") != "1":
    pytest.skip("Spark test is opt-in: TOURDESK_TEST_SPARK=1 (about 2.5 minutes)", allow_module_level=True)
pytest.importorskip("splink")
pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17 or later", allow_module_level=True)


def _frame(n: int = 200, twins: int = 8, seed: int = 5) -> tuple[pd.DataFrame, set[tuple[int, int]]]:
    """Clients as ``clients_frame`` gives them, ``twins`` of them on file twice with a typo."""
    rnd = random.Random(seed)
    surnames = ["IVANOV", "SMIRNOV", "KUZNETSOV", "POPOV", "VASILEV", "PETROV", "SOKOLOV", "MIKHAILOV",
                "NOVIKOV", "FEDOROV", "MOROZOV", "VOLKOV", "ALEKSEEV", "LEBEDEV", "SEMENOV", "EGOROV"]  # fmt: skip
    names = ["ALEKSANDR", "SERGEI", "DMITRII", "ANDREI", "ALEKSEI", "MAKSIM", "EVGENII", "IVAN", "MIKHAIL"]
    rows = []
    for i in range(1, n + 1):
        rows.append({"unique_id": i, "surname_key": rnd.choice(surnames), "name_key": rnd.choice(names),
                     "patronymic_key": rnd.choice(names) + "OVICH", "gender": "M",
                     "birth_date": f"{rnd.randrange(1940, 2010)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"})  # fmt: skip
    expected = set()
    for k, original in enumerate(rnd.sample(rows, twins)):
        twin = dict(original, unique_id=n + k + 1)
        s = twin["surname_key"]
        twin["surname_key"] = s[:2] + s[3:]  # a letter lost in typing
        rows.append(twin)
        expected.add((original["unique_id"], twin["unique_id"]))
    return pd.DataFrame(rows), expected


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory):
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    session = (
        SparkSession.builder.master("local[2]")
        .appName("tourdesk-cleanup-test")
        .config("spark.jars", similarity_jar_location())  # Splink's string-similarity UDFs
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setCheckpointDir(str(tmp_path_factory.mktemp("spark-checkpoints")))
    yield session
    session.stop()


def _pairs(frame: pd.DataFrame) -> dict[tuple[int, int], float]:
    from pipeline.cleanup.linkage import duplicate_pairs

    found = duplicate_pairs(frame)
    return {(int(r.unique_id_l), int(r.unique_id_r)): float(r.match_probability) for r in found.itertuples()}


def test_same_pairs_on_spark_as_on_duckdb(spark, monkeypatch):
    import splink.backends.duckdb
    from splink.backends.spark import SparkAPI

    frame, twins = _frame()
    on_duckdb = _pairs(frame)
    assert twins <= set(on_duckdb)
    # The switch: the same model given Spark's database API instead of DuckDB's.
    monkeypatch.setattr(splink.backends.duckdb, "DuckDBAPI", lambda: SparkAPI(spark_session=spark))
    on_spark = _pairs(frame)
    assert set(on_spark) == set(on_duckdb)
    # u is measured by random sampling, which the two engines draw differently
    assert max(abs(on_spark[p] - on_duckdb[p]) for p in on_duckdb) < 0.05
