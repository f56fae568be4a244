"""Speed of questionnaire rendering against bare docxtpl, timed in the same run.

python -m benchmarks.forms          # 1,000 questionnaires; 100 converted to PDF
python -m benchmarks.forms --quick  # 50; 10 to PDF

PDF: the batch goes through one LibreOffice process (``pipeline.forms.pdf``); the baseline is
one ``soffice --convert-to pdf`` call per document, timed on a sample in the same run. Both
use the same (warmed) LibreOffice profile. LibreOffice's CPU time is given too: on a busy
machine the wall clock mostly measures the neighbours.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from pipeline.forms.render import build_context, load_form, render_forms

FORM = "schengen-en"
#: bare docxtpl is timed on this many documents and scaled up: it is the slow side
BASELINE_SAMPLE = 50
#: documents converted to PDF in one batch; one-call-per-document baseline sample
PDF_BATCH, PDF_BATCH_QUICK, PDF_SINGLE_SAMPLE = 100, 10, 3
PDF_GOAL = "<= 0.150 s per document in a batch"


def _group(n: int) -> tuple[list[dict[str, Any]], dict[int | str, dict[str, Any]]]:
    people, extras = [], {}
    for i in range(n):
        people.append(
            {
                "surname_lat": f"IVANOVA{i % 97}",
                "name_lat": f"MARIA{i}",
                "surname_ru": "Иванова",
                "name_ru": "Мария",
                "gender": "MF"[i % 2],
                "birth_date": (dt.date(1960, 1, 1) + dt.timedelta(days=97 * i % 20000)).isoformat(),
                "passport_series": "75",
                "passport_number": f"{1000000 + i}",
                "passport_expiry": "2031-06-01",
                "citizenship": "RUS",
            }
        )
        extras[i] = {
            "place_of_birth": "Москва",
            "country_of_birth": "RUS",
            "civil_status": ("single", "married", "divorced")[i % 3],
            "occupation": "engineer",
            "employer": "ООО Ромашка & Co",
            "home_address": "ул. Ленина, 1, кв. 5\nМосква 125009",
            "phone": "+7 900 123-45-67",
            "passport_issue_date": "2021-06-01",
        }
    return people, extras


TRIP = {
    "country": "ITA",
    "arrival": "2026-12-20",
    "departure": "2027-01-05",
    "hotel": "Hotel Artemide",
    "application_place": "Moscow",
}


def _row(name: str, figure: float, baseline: str, baseline_s: float, digits: int = 3) -> dict[str, Any]:
    return {
        "name": name,
        "figure_s": round(figure, digits),
        "baseline": baseline,
        "baseline_s": round(baseline_s, digits),
        "ratio": round(figure / baseline_s, 3) if baseline_s else None,
    }


def _bare_docxtpl(template: Path, contexts: list[dict[str, Any]], out: Path) -> float:
    start = time.perf_counter()
    for i, ctx in enumerate(contexts):
        doc = DocxTemplate(template)
        doc.render(ctx)
        doc.save(out / f"bare_{i}.docx")
    return time.perf_counter() - start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _pdf_rows(n: int, people: list[dict[str, Any]], extras: dict[int | str, dict[str, Any]], out: Path):
    from pipeline.forms.pdf import convert_to_pdf, find_soffice

    if find_soffice() is None:
        print("# forms PDF: skipped, LibreOffice (soffice) is not installed", file=sys.stderr)
        return []
    files = render_forms(FORM, people[:n], TRIP, out / "pdf", extras).files
    convert_to_pdf(files[:1], out / "warm")  # the profile is made once per machine, not per batch
    cpu, start = _children_cpu(), time.perf_counter()
    convert_to_pdf(files, out / "batch")
    batch, batch_cpu = time.perf_counter() - start, _children_cpu() - cpu
    sample = files[:PDF_SINGLE_SAMPLE]
    cpu, start = _children_cpu(), time.perf_counter()
    for f in sample:
        convert_to_pdf([f], out / "single")
    single, single_cpu = time.perf_counter() - start, _children_cpu() - cpu
    k = len(sample)
    return [
        {**_row(f"PDF per document, {n} in one LibreOffice call (wall)", batch / n,
                f"one soffice call per document (sample of {k})", single / k, digits=4), "goal": PDF_GOAL},
        _row(f"PDF per document, {n} in one LibreOffice call (CPU)", batch_cpu / n,
             f"one soffice call per document, CPU (sample of {k})", single_cpu / k, digits=4),
        _row(f"PDF, {n} documents in one LibreOffice call (wall, total)", batch,
             f"{n} soffice calls, scaled from the sample", single / k * n),
    ]  # fmt: skip


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Render N questionnaires (1,000; ``quick``: 50) with render_forms and with bare docxtpl."""
    n = 50 if quick else 1000
    people, extras = _group(n)
    form = load_form(FORM)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        render_forms(FORM, people, TRIP, out / "fast", extras)
        ours = time.perf_counter() - start

        sample = min(n, BASELINE_SAMPLE)
        contexts = [build_context(form, people[i], TRIP, extras[i])[0] for i in range(sample)]
        bare = _bare_docxtpl(form.template_path, contexts, out) * n / sample
        pdf_rows = _pdf_rows(PDF_BATCH_QUICK if quick else PDF_BATCH, people, extras, out)
    scaled = f", bare timed on {sample} and scaled x{n / sample:g}" if sample < n else ""
    return [
        _row(
            f"{n:,} {FORM} questionnaires via render_forms (contexts + files, all cores){scaled}",
            ours,
            "DocxTemplate(path).render(ctx); save() per tourist",
            bare,
        ),
        _row(
            f"per questionnaire, render_forms ({n:,}){scaled}",
            ours / n,
            "bare docxtpl per document",
            bare / n,
            digits=5,
        ),
        *pdf_rows,
    ]


def main() -> None:
    rows = run(quick="--quick" in sys.argv[1:])
    width = max(len(r["name"]) for r in rows)
    print(f"{'benchmark':<{width}}  {'ours s':>9}  {'baseline s':>10}  {'ratio':>6}  baseline")
    for r in rows:
        print(
            f"{r['name']:<{width}}  {r['figure_s']:>9.4f}  {r['baseline_s']:>10.4f}  "
            f"{r['ratio']:>6.3f}  {r['baseline']}"
        )


if __name__ == "__main__":
    main()
