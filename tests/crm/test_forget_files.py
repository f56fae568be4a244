"""Erasure reaches the files Tourdesk wrote about the client, says what it could not delete,
and cannot be undone."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from sqlalchemy import select

from pipeline.cli.batches import batches
from pipeline.cli.crm import forget_cmd
from pipeline.crm.forget import forget_client
from pipeline.forms.visa import load_group, render_visa_forms
from pipeline.importing.run import import_source
from pipeline.store.db import session_scope
from pipeline.store.models import ImportBatch, TripTourist
from pipeline.store.written import WrittenFile, register_files
from pipeline.trips.trip import load_trip_file, save_trip
from pipeline.types import Source
from tests.conftest import EXAMPLES


def _trip_with_forms(url: str, out):
    with session_scope(url) as s:
        voucher = save_trip(s, load_trip_file(EXAMPLES / "trip.yaml")).voucher
    import_source(Source.from_path(EXAMPLES / "group_booking.csv"), db_url=url, trip_voucher=voucher)
    result = render_visa_forms("schengen-en", load_group(voucher, db_url=url), out, combined=True, db_url=url)
    with session_scope(url) as s:
        ids = [t.client_id for t in s.scalars(select(TripTourist).order_by(TripTourist.position))]
    return result, ids


def _registered(url: str, client_id: int) -> list[str]:
    with session_scope(url) as s:
        return sorted(s.scalars(select(WrittenFile.path).where(WrittenFile.client_id == client_id)))


def test_forget_deletes_the_clients_rendered_forms(db_url, tmp_path):
    result, ids = _trip_with_forms(db_url, tmp_path / "forms")
    who, other = ids[0], ids[1]
    own = result.report.files[0]
    bundle = result.combined[0]
    assert own.is_file() and bundle.is_file()
    assert str(own.resolve()) in _registered(db_url, who) and str(bundle.resolve()) in _registered(db_url, who)
    with session_scope(db_url) as s:
        erased = forget_client(s, who).files
    assert str(own.resolve()) in erased.deleted and str(bundle.resolve()) in erased.deleted
    assert not own.exists() and not bundle.exists()  # the group bundle holds the person too
    assert result.report.files[1].is_file()  # the others' forms stay
    assert _registered(db_url, who) == []  # the register forgets the paths (they hold the name)
    assert _registered(db_url, other)


def test_forget_lists_what_it_could_not_delete_and_tries_again(db_url, tmp_path):
    result, ids = _trip_with_forms(db_url, tmp_path / "forms")
    who = ids[0]
    stuck = result.report.files[0]
    stuck.unlink()
    stuck.mkdir()  # something that cannot be deleted as a file stands in its place
    (stuck / "keep").write_text("x")
    out = CliRunner().invoke(forget_cmd, ["--db", db_url, str(who), "--yes"])
    assert out.exit_code == 3, out.output
    assert f"could not delete {stuck.resolve()}" in out.output and "Traceback" not in out.output
    assert "files written about the client deleted" in out.output
    assert _registered(db_url, who) == [str(stuck.resolve())]
    shutil.rmtree(stuck)
    stuck.write_text("restored from a backup")
    again = CliRunner().invoke(forget_cmd, ["--db", db_url, str(who), "--yes"])
    assert again.exit_code == 0 and "already erased" in again.output and "1 files" in again.output
    assert not stuck.exists() and _registered(db_url, who) == []


def test_a_file_gone_already_is_said_so(db_url, tmp_path, anna):
    path = tmp_path / "PETROVA_ANNA_schengen-en.docx"
    path.write_text("x")
    with session_scope(db_url) as s:
        register_files(s, [(anna, path, "form"), (anna, path, "form")])
    path.unlink()
    out = CliRunner().invoke(forget_cmd, ["--db", db_url, str(anna), "--yes"])
    assert out.exit_code == 0 and "1 files written about the client were no longer there" in out.output


def test_an_erasure_batch_cannot_be_undone(db_url, anna):
    with session_scope(db_url) as s:
        forget_client(s, anna)
        batch = s.scalars(select(ImportBatch.id).where(ImportBatch.kind == "forget")).one()
    out = CliRunner().invoke(batches, ["undo", "--db", db_url, str(batch)])
    assert out.exit_code != 0
    assert f"batch {batch} erased a client's personal data at their request; it cannot be undone" in out.output
    with session_scope(db_url) as s:
        assert s.get(ImportBatch, batch).status != "undone"
