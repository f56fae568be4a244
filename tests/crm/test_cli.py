"""``tourdesk crm`` and ``clients forget`` end to end on a store (CliRunner, the real commands)."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from benchmarks.generate_crm import history, load
from pipeline.cli.crm import crm, forget_cmd


def run(db_url, *args, ok=True, command=crm):
    result = CliRunner().invoke(command, ["--db", db_url, *args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_contacts_and_consent(db_url, anna):
    out = run(db_url, "contacts", str(anna), "--phone", "8 916 123-45-67", "--email", "Anna@Mail.RU",
              "--social", "telegram:@anna_p", "--tag", "VIP", "--manager", "Ольга").output  # fmt: skip
    assert "+79161234567" in out and "Anna@mail.ru" in out and "anna_p" in out
    assert "manager  Ольга" in out and "tags     vip" in out
    bad = run(db_url, "contacts", str(anna), "--phone", "12", ok=False)
    assert bad.exit_code == 1 and "not a" in bad.output and "Traceback" not in bad.output
    out = run(db_url, "consent", str(anna), "--advertising", "yes", "--source", "signed form", "--date",
              "01.11.2026").output  # fmt: skip
    assert "advertising    given 01.11.2026, signed form" in out
    assert "personal_data  not recorded" in out
    missing = run(db_url, "consent", str(anna), "--advertising", "no", ok=False)
    assert missing.exit_code == 2 and "--source" in missing.output


def test_nps_answers_read_like_any_list(db_url, anna, ivan, tmp_path):
    """A form service's export in cp1251 with a title line: read by the importer plugins."""
    survey = tmp_path / "survey.csv"
    survey.write_bytes(
        ("Опрос клиентов, ноябрь 2026\r\n\r\n"
         "Клиент;Дата;Оценка;Комментарий\r\n"
         f"{anna};20.11.2026;9;Спасибо\r\n"
         f"{ivan};21.11.2026;6;Долго ждали визу\r\n").encode("cp1251")
    )  # fmt: skip
    result = run(db_url, "nps", "import", str(survey))
    assert "2 answers added" in result.output and "1 new follow-ups" in result.output


def test_unknown_client_is_one_line(db_url):
    result = run(db_url, "contacts", "999", ok=False)
    assert result.exit_code == 1 and "there is no client 999" in result.output


def test_nps_import_followups_and_report(db_url, anna, ivan, tmp_path):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "Клиент;Дата;Оценка;Комментарий;Менеджер\n"
        f"{anna};20.11.2026;10;Всё отлично;Ольга\n"
        f"{ivan};21.11.2026;4;Плохой трансфер;Пётр\n"
        f"{ivan};22.11.2026;11;;Пётр\n"
        "777;22.11.2026;9;;\n", encoding="utf-8")  # fmt: skip
    result = run(db_url, "nps", "import", str(survey), ok=False)
    assert result.exit_code == 3
    assert "2 answers added" in result.output and "1 new follow-ups" in result.output
    assert "row 3: score 11 is not from 0 to 10" in result.output and "row 4: there is no client 777" in result.output
    again = run(db_url, "nps", "import", str(survey), ok=False)
    assert "0 answers added, 2 already there" in again.output
    report = run(db_url, "nps", "report", "--from", "01.11.2026", "--to", "30.11.2026").output
    assert "NPS +0.0" in report and "from 2 answers" in report
    listing = run(db_url, "followups").output
    assert "Пётр" in listing and "Плохой трансфер" in listing
    first_id = listing.splitlines()[2].split()[0]
    run(db_url, "followups", "done", first_id, "--learnt", "водитель опоздал", "--action", "сменили трансфер")
    assert "no follow-ups waiting" in run(db_url, "followups").output


@pytest.fixture
def agency(db_url):
    load(history(200, 600, seed=3), db_url)
    return db_url


def test_report_segments(agency, tmp_path):
    out = run(agency, "report", "--from", "01.01.2025", "--to", "31.12.2025", "--out", str(tmp_path)).output
    assert out.count(str(tmp_path)) == 2
    assert (tmp_path / "control-report-20250101-20251231.pdf").stat().st_size > 10_000
    counts = run(agency, "segments", "--as-of", "30.11.2026").output
    assert "Champions" in counts
    champions = run(agency, "segments", "--as-of", "30.11.2026", "--segment", "Champions", "--ids").output.split()
    offered = run(agency, "segments", "--as-of", "30.11.2026", "--segment", "Champions", "--offer-list", "sea",
                  "--ids").output.split()  # fmt: skip
    assert set(offered) < set(champions)  # about 30% have no advertising consent


# The generated history now has the gaps of a real file (clients without a patronymic, gender or
# birth date); greetings.py/wording.py on main still join a missing patronymic (NaN) into a name.
# The greetings work (branch sched) handles those gaps; this marker goes when it lands.
def test_greetings(agency, tmp_path):
    greet = run(agency, "greetings", "--day", "06.03.2027", "--week", "--out", str(tmp_path / "g")).output
    assert "greetings due" in greet and "not sent:" in greet and "no advertising consent" in greet
    assert (tmp_path / "g" / "greetings.xlsx").exists()
    assert list((tmp_path / "g" / "eml").glob("*.eml"))


def test_entries(db_url, anna):
    run(db_url, "expense", "fairs", "50000", "--date", "01.03.2026")
    run(db_url, "incident", str(anna), "complaint", "--category", "hotel", "--product", "шумный номер")
    run(db_url, "log", "Ольга", "call", "--client", str(anna))
    run(db_url, "purchase", str(anna), "--amount", "120000", "--margin", "12000", "--date", "02.03.2026")
    bad = run(db_url, "purchase", str(anna), "--trip", "NOPE", "--amount", "1", "--margin", "0", ok=False)
    assert bad.exit_code == 1 and "no trip with voucher 'NOPE'" in bad.output


def test_forget_command(db_url, anna):
    assert run(db_url, str(anna), command=forget_cmd, ok=False).exit_code == 1  # asks, no answer: aborted
    assert "erased" in run(db_url, str(anna), "--yes", command=forget_cmd).output
    assert "already erased" in run(db_url, str(anna), "--yes", command=forget_cmd).output


@pytest.mark.parametrize("args", [[], ["nps"], ["nps", "import"], ["followups"], ["segments"], ["report"],
                                  ["greetings"], ["consent"], ["contacts"]])  # fmt: skip
def test_help(args):
    result = CliRunner().invoke(crm, [*args, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_dates_as_typed():
    from pipeline.cli.crm import DAY

    assert DAY.convert("08.03.2027", None, None) == dt.date(2027, 3, 8)


def test_dates(db_url, ivan):
    out = run(db_url, "dates", str(ivan), "--add", "anniversary", "14.07.2001", "годовщина свадьбы").output
    assert "anniversary    14.07.2001  годовщина свадьбы" in out
    assert "birthday       10.03" in run(db_url, "dates", str(ivan)).output
    bad = run(db_url, "dates", str(ivan), "--add", "anniversary", "31.02", "x", ok=False)
    assert bad.exit_code == 1 and "not a day of the calendar" in bad.output


def test_nps_import_from_xlsx(db_url, anna, tmp_path):
    import pandas as pd

    path = tmp_path / "form.xlsx"
    pd.DataFrame({"Client": [anna], "Date": ["2026-11-20"], "Score": [6], "Comment": ["дорого"],
                  "Destination": ["tur"]}).to_excel(path, index=False)  # fmt: skip
    out = run(db_url, "nps", "import", str(path)).output
    assert "1 answers added" in out and "1 new follow-ups" in out
    assert "TUR" in run(db_url, "nps", "report", "--from", "01.11.2026", "--to", "30.11.2026", "--by",
                        "destination").output  # fmt: skip


def test_report_on_an_empty_store(db_url, tmp_path):
    run(db_url, "report", "--from", "01.01.2025", "--to", "31.12.2025", "--out", str(tmp_path))
    assert (tmp_path / "control-report-20250101-20251231.xlsx").exists()
    assert "no purchases recorded yet" in run(db_url, "segments").output
    assert "no answers in the period" in run(db_url, "nps", "report").output
