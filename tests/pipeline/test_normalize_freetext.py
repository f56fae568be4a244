"""The letter around a pasted list is told from the tourists in it."""

from __future__ import annotations

import pytest

from pipeline.normalize.freetext import is_closing, is_free_text, is_prose


@pytest.mark.parametrize(
    "line",
    [
        "Добрый день!", "Доброе утро, коллеги", "Здравствуйте, Ольга!", "Уважаемые коллеги,", "Dear colleagues,",
        "Hello,", "Hi, Anna!", "Направляем список туристов на тур.", "Высылаем список группы на 12.07:",
        "Во вложении список", "Please find attached the list", "Please find below the list of tourists",
        "С уважением, Марина", "С уважением,", "Best regards,", "Kind regards", "Sent from my iPhone",
        "Отправлено с iPhone", "--", "+7 900 123-45-67", "8 (495) 123-45-67", "тел. 8 (495) 123-45-67",
        "Тел.: +7 900 123 45 67", "marina@sun-tours.ru", "www.sun-tours.ru", "ООО «Солнечный берег»",
        "Итого: 2 человека", "Всего 14 туристов", "Total: 3 pax", "Страница 1 из 2", "Page 1 of 3", "- 2 -", "1/3",
        "Менеджер: Марина Петрова", "Примечание: трансфер за доплату",
    ],
)  # fmt: skip
def test_letter_lines(line):
    assert is_free_text(line)


@pytest.mark.parametrize(
    "line",
    [
        "Иванов", "Иванов Иван Иванович", "IVANOV/IVAN MR", "Петрова*", "Римская-Корсакова",
        "Нижегородцев", "Телегин", "Бестужев", "BEST", "Итогова", "Всеволодов", "Приветов", "D'ARTAGNAN",
        "75 1234567", "01.02.1980",
    ],
)  # fmt: skip
def test_names_and_values_are_not_letter_lines(line):
    assert not is_free_text(line)


def test_closing_words_start_a_signature():
    assert is_closing("С уважением,") and is_closing("Best regards") and is_closing("Спасибо!")
    assert not is_closing("Иванов") and not is_closing("Thankful")


@pytest.mark.parametrize(
    ("line", "prose"),
    [("Иванов Иван Иванович", False), ("IVANOV/IVAN MR", False), ("Петрова* (ребёнок)", False),
     ("Пожалуйста, проверьте паспорта", True), ("Заезд 12.07", True), ("Как договаривались:", True),
     ("Один два три четыре пять", True)],
)  # fmt: skip
def test_a_lone_cell_that_reads_as_a_sentence(line, prose):
    assert is_prose(line) is prose


def _read(text: str):
    from pipeline.importing.sources import normalize_source
    from pipeline.types import Source

    return normalize_source(Source(name="paste", data=text.encode("utf-8")))


def test_a_tourist_with_a_phone_and_an_e_mail_in_few_cells_is_still_a_tourist():
    result = _read(
        "Фамилия;Имя;Дата рождения;Телефон;E-mail\n"
        "Иванов;Иван;01.02.1980;+7 900 123-45-67;ivanov@mail.ru\n"
        "Петрова;;;+7 900 765-43-21;petrova@mail.ru\n"
    )
    assert [(r.record["surname_ru"], r.record["name_ru"]) for r in result.rows] == [
        ("Иванов", "Иван"),
        ("Петрова", None),
    ]
    assert result.skipped == []
    assert result.unused == ["column «Телефон» not used", "column «E-mail» not used"]


def test_a_greeting_split_by_the_columns_of_spaces_is_no_tourist():
    result = _read(
        "Добрый  день!\n\nФамилия    Имя     Дата рождения\nИванов     Иван    01.02.1980\n"
        "Петрова    Анна    03.04.1985\n\nВсего  доброго,  Марина\n"
    )
    assert [r.record["surname_ru"] for r in result.rows] == ["Иванов", "Петрова"]
    assert result.skipped == ["line 1 skipped, not a tourist: «Добрый день!»",
                              "line 7 skipped, not a tourist: «Всего доброго, Марина»"]  # fmt: skip
