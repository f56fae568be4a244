"""The flows sequence the same plain functions; logic is tested without Prefect elsewhere."""

from __future__ import annotations

import shutil

import pytest
from docx import Document

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.flows


def test_import_task_logic_without_the_engine(tmp_path, monkeypatch, sample_csv):
    from flows.import_group_booking import import_file

    monkeypatch.setenv("TOURDESK_DATABASE_URL", f"sqlite:///{tmp_path / 's.sqlite3'}")
    result = import_file.fn(str(sample_csv), None, "review")
    assert (result["rows"], result["new"], result["rejected"]) == (26, 24, 2)
    assert "IVANOV" not in str(result)  # counts only: no personal data in Prefect results


def test_unreadable_file_is_reported_not_retried(tmp_path, monkeypatch):
    from flows.import_group_booking import import_file

    monkeypatch.setenv("TOURDESK_DATABASE_URL", f"sqlite:///{tmp_path / 's.sqlite3'}")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "empty" in import_file.fn(str(empty), None, "review")["error"]


def test_flows_end_to_end(prefect_harness, tmp_path, monkeypatch):
    from flows.import_group_booking import import_group_booking
    from flows.render_visa_forms import render_visa_forms
    from pipeline.store.db import session_scope
    from pipeline.trips.trip import load_trip_file, save_trip

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv("TOURDESK_DATABASE_URL", url)
    with session_scope(url) as s:
        voucher = save_trip(s, load_trip_file(EXAMPLES / "trip.yaml")).voucher
    csv = tmp_path / "group.csv"
    shutil.copy(EXAMPLES / "group_booking.csv", csv)
    imported = import_group_booking([str(csv)], trip_voucher=voucher)
    assert imported[0]["new"] == 24
    again = import_group_booking([str(csv)], trip_voucher=voucher)
    assert (again[0]["new"], again[0]["merged"]) == (0, 24)
    rendered = render_visa_forms(voucher, ["schengen-en"], str(tmp_path / "forms"))
    assert rendered[0]["documents"] == 24
    # no extra information typed at the desk yet: every form is a draft, named and marked so
    doc = Document(str(tmp_path / "forms" / voucher / "IVANOV_SERGEI_schengen-en_DRAFT.docx"))
    assert doc.paragraphs[0].text.startswith("DRAFT – not checked")
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "IVANOV" in text and "SERGEI" in text


def test_flow_parameters_are_described_for_the_prefect_ui():
    from prefect.utilities.callables import parameter_schema

    from flows.import_group_booking import import_group_booking
    from flows.render_visa_forms import render_visa_forms

    for flow in (import_group_booking, render_visa_forms):
        props = parameter_schema(flow.fn).model_dump()["properties"]
        assert props and all(p.get("description") for p in props.values()), flow.name
