"""Duplicate clients found by Splink (Fellegi-Sunter record linkage on DuckDB).

Candidates are pairs born the same day with the first letter of the surname or of the first
name in common, or with the same spelling-independent name key (a typo in the birth date). Each pair is scored on surname, first name, birth date, sex and
patronymic, with a common surname counting for less than a rare one; u is measured on the
file by random sampling, m is set from what list errors look like. Pairs are then clustered, so three
records of one person come out as one group.
"""

from __future__ import annotations

import logging

import pandas as pd

#: a pair this likely to be one person is proposed to a person; nothing is merged automatically
PROPOSE_AT = 0.9


class LinkageUnavailable(RuntimeError):
    """Splink is not installed; the message says how to install it."""


def duplicate_pairs(frame: pd.DataFrame, threshold: float = PROPOSE_AT, seed: int = 1) -> pd.DataFrame:
    """Scored pairs ``unique_id_l < unique_id_r`` with ``match_probability`` and ``cluster_id``."""
    try:
        import splink.comparison_library as cl
        from splink import Linker, SettingsCreator, block_on
        from splink.backends.duckdb import DuckDBAPI
    except ImportError as exc:
        raise LinkageUnavailable("the cleanup needs Splink: pip install 'splink>=5,<6'") from exc
    if len(frame) < 2:
        return _empty()
    settings = SettingsCreator(
        link_type="dedupe_only",
        # born the same day and a first letter in common (a typo rarely hits both first letters),
        # or the same name key with another birth date (a typo in the date)
        blocking_rules_to_generate_predictions=[
            block_on("birth_date", "surname_initial"), block_on("birth_date", "name_initial"),
            block_on("surname_key", "name_key"),
        ],
        # m (how often one person's two records agree at each level) is set from what list
        # errors look like, since EM is unstable on a file with few duplicates; u is measured.
        comparisons=[
            cl.DamerauLevenshteinAtThresholds("surname_key", [1, 2]).configure(
                m_probabilities=[0.9, 0.07, 0.02, 0.01], term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("name_key", [1, 2]).configure(
                m_probabilities=[0.9, 0.07, 0.02, 0.01]),
            cl.DamerauLevenshteinAtThresholds("birth_date", [1, 2]).configure(
                m_probabilities=[0.95, 0.03, 0.01, 0.01]),
            cl.ExactMatch("gender").configure(m_probabilities=[0.98, 0.02]),
            cl.DamerauLevenshteinAtThresholds("patronymic_key", [1]).configure(
                m_probabilities=[0.92, 0.05, 0.03]),
        ],  # fmt: skip
        probability_two_random_records_match=1 / max(len(frame), 2),
    )
    logging.getLogger("splink").setLevel(logging.ERROR)
    frame = frame.assign(surname_initial=frame["surname_key"].str[:1], name_initial=frame["name_key"].str[:1])
    import duckdb

    # DuckDB spills to disk past this, so a million-client file stays within a desk PC's memory
    db_api = DuckDBAPI(connection=duckdb.connect(config={"memory_limit": "800MB"}))
    linker = Linker(db_api.register(frame), settings, log_level=40)
    linker.training.estimate_u_using_random_sampling(max_pairs=min(1e6, 100.0 * len(frame)), seed=seed)
    predictions = linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
    pairs = predictions.as_pandas_dataframe()[["unique_id_l", "unique_id_r", "match_probability"]]
    members = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    pairs = pairs.merge(members, left_on="unique_id_l", right_on="unique_id").drop(columns="unique_id")
    low = pairs[["unique_id_l", "unique_id_r"]].min(axis=1)
    high = pairs[["unique_id_l", "unique_id_r"]].max(axis=1)
    pairs["unique_id_l"], pairs["unique_id_r"] = low.astype(int), high.astype(int)
    return pairs.sort_values("match_probability", ascending=False, kind="stable").reset_index(drop=True)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["unique_id_l", "unique_id_r", "match_probability", "cluster_id"])
