"""A run's state tells the truth about its files; an artifact lists each one and why."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.flows


def _artifact(flow_run_id, key):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]), key=ArtifactFilterKey(any_=[key])))  # fmt: skip
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def lists(tmp_path, monkeypatch):
    monkeypatch.setenv("TOURDESK_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite3'}")
    good = tmp_path / "group.csv"
    shutil.copy(EXAMPLES / "group_booking.csv", good)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    junk = tmp_path / "notes.txt"
    junk.write_text("call the hotel on Monday\n", encoding="utf-8")
    return good, empty, junk


def test_no_file_read_is_failed_with_the_reasons(prefect_harness, lists):
    from flows.import_group_booking import import_group_booking

    _, empty, junk = lists
    state = import_group_booking([str(empty), str(junk), str(empty.parent / "missing.csv")], return_state=True)
    assert state.is_failed()
    assert "nothing done: 3 of 3 files failed" in state.message
    assert "empty.csv: the file is empty" in state.message and "missing.csv: file not found" in state.message
    table = _artifact(state.state_details.flow_run_id, "import-report")
    assert str(empty) in table.data and "FAILED" in table.data and "file not found" in table.data


def test_no_files_at_all_is_failed(prefect_harness, lists):
    from flows.import_group_booking import import_group_booking

    state = import_group_booking([], return_state=True)
    assert state.is_failed() and "no files" in state.message


def test_some_files_failed_says_so(prefect_harness, lists):
    from flows.import_group_booking import import_group_booking

    good, empty, _ = lists
    state = import_group_booking([str(good), str(empty)], return_state=True)
    assert state.is_completed() and state.name == "Partly failed"
    assert state.message.startswith("1 of 2 files failed: empty.csv: the file is empty")
    results = state.result()
    assert results[0]["new"] == 24 and "error" in results[1]
    table = _artifact(state.state_details.flow_run_id, "import-report")
    assert str(good) in table.data and "done" in table.data and "FAILED" in table.data
    assert "IVANOV" not in table.data  # paths, counts and reasons only


def test_every_file_read_is_completed(prefect_harness, lists):
    from flows.import_group_booking import import_group_booking

    good, _, _ = lists
    state = import_group_booking([str(good)], return_state=True)
    assert state.is_completed() and state.name == "Completed" and "1 file: all read" in state.message


def test_a_trip_without_tourists_renders_nothing_and_fails(prefect_harness, tmp_path, monkeypatch):
    from flows.render_visa_forms import render_visa_forms
    from pipeline.store.db import session_scope
    from pipeline.trips.trip import save_trip

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv("TOURDESK_DATABASE_URL", url)
    with session_scope(url) as s:
        save_trip(s, {"voucher": "EMPTY-1", "country": "ITA", "arrival": "2027-05-01", "departure": "2027-05-08"})
    state = render_visa_forms("EMPTY-1", ["schengen-en"], str(tmp_path / "forms"), return_state=True)
    assert state.is_failed() and "no questionnaire written" in state.message
