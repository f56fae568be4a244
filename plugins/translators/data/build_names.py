"""Rebuild ``russian_names.csv`` from the datasets of the ``russiannames`` package.

Columns: ``text`` (title case), ``kind`` (``F`` first name, ``P`` patronymic, ``S`` surname),
``gender`` (``M``, ``F`` or empty) and ``count`` (people seen with it in those datasets).

Not used at run time. ``pip install russiannames==2.0.0`` (BSD-3-Clause, Ivan Begtin), then
``python plugins/translators/data/build_names.py``. Values seen once are left out: in those
datasets they are mostly typing errors, and they would triple the file.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
OUT = HERE / "russian_names.csv"
MIN_COUNT = 2
_WORD = re.compile("[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")


def _title(text: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in text.split("-"))


def build(data_dir: Path) -> int:
    """Write the CSV; return how many rows it holds."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for kind, file in (("F", "names"), ("P", "midnames"), ("S", "surnames")):
        frame = pd.read_parquet(data_dir / f"{file}.parquet", columns=["text", "gender", "count"])
        for text, gender, count in frame.itertuples(index=False):
            text = str(text).strip()
            if not _WORD.fullmatch(text):
                continue
            sex = gender.upper() if gender in ("m", "f") else ""
            counts[_title(text), kind, sex] += int(count)
    rows = sorted(((t, k, g, c) for (t, k, g), c in counts.items() if c >= MIN_COUNT),
                  key=lambda r: (-r[3], r[0], r[1]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["text", "kind", "gender", "count"])
        out.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    import russiannames

    print(build(Path(russiannames.__file__).parent / "data"), "rows written to", OUT)
