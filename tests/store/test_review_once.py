"""A question goes into the review queue once: importing the same list again adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from pipeline.clients.undo import undo_batch
from pipeline.importing.run import import_source
from pipeline.store.db import session_scope
from pipeline.store.models import ReviewItem
from pipeline.types import Source
from tests.store.helpers import IVANOV, merge, row

#: contradicts IVANOV twice (birth date, sex) and names a second IVANOV without a birth date
RESENT = [
    row(5, **(IVANOV | {"birth_date": "1978-05-15", "gender": "F"})),
    row(6, surname_lat="IVANOV", name_lat="SERGEI", patronymic_ru="Петрович"),
    row(7, surname_lat="IVANOV", name_lat="SERGEI", patronymic_ru="Петрович"),
]


def _open(url: str) -> int:
    with session_scope(url) as s:
        return s.scalar(select(func.count()).select_from(ReviewItem).where(ReviewItem.status == "open"))


def test_the_same_list_merged_again_queues_nothing_new(db_url):
    merge(db_url, [row(1, **IVANOV)])
    first = merge(db_url, RESENT, source="partner.csv")
    queued = _open(db_url)
    # the contradictions of row 5 are one question (one item per row and client, not per field)
    assert queued >= 1
    again = merge(db_url, RESENT, source="partner.csv")
    renamed = merge(db_url, list(reversed(RESENT)), source="partner (1).csv")
    assert _open(db_url) == queued
    # each import still says which rows need a person
    assert first.count("review") == again.count("review") == renamed.count("review")


def test_an_undone_import_asks_again(db_url):
    merge(db_url, [row(1, **IVANOV)])
    first = merge(db_url, RESENT[:1], source="partner.csv")
    asked = _open(db_url)
    assert asked >= 1
    with session_scope(db_url) as s:
        undo_batch(s, first.batch_id)
    assert _open(db_url) == 0
    merge(db_url, RESENT[:1], source="partner.csv")
    assert _open(db_url) == asked


def test_reimporting_a_file_end_to_end(db_url, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("Фамилия;Имя;Дата рождения;Загранпаспорт;Пол\nИванов;Сергей;14.05.1978;75 1234567;М\n",
                     encoding="utf-8")  # fmt: skip
    resent = tmp_path / "resent.csv"
    resent.write_text("Фамилия;Имя;Дата рождения;Загранпаспорт;Пол\nИванов;Сергей;14.05.1978;75 1234567;Ж\n",
                      encoding="utf-8")  # fmt: skip
    import_source(Source.from_path(first), db_url=db_url)
    import_source(Source.from_path(resent), db_url=db_url)
    queued = _open(db_url)
    assert queued == 1
    for _ in range(2):
        import_source(Source.from_path(resent), db_url=db_url)
    assert _open(db_url) == queued


def test_a_row_contradicting_many_fields_is_one_question_on_every_store(db_url):
    """Found by the store benchmark on PostgreSQL: an item naming four or more fields overflowed
    its column there (SQLite does not check lengths), and the whole import failed."""
    merge(db_url, [row(1, **IVANOV)])
    typed = IVANOV | {"birth_date": "1978-05-15", "name_ru": "Серёжа", "patronymic_ru": "Петровичь",
                      "citizenship": "KAZ", "passport_expiry": "2032-01-01"}  # fmt: skip
    report = merge(db_url, [row(2, **typed)], source="partner.csv")
    assert report.count("review") + report.count("merged") == 1
    with session_scope(db_url) as s:
        items = s.scalars(select(ReviewItem).where(ReviewItem.status == "open")).all()
    assert len(items) == 1
    named = items[0].field.split(", ")
    assert len(named) >= 4 and {"birth_date", "patronymic_ru", "citizenship"} <= set(named), items[0].field
