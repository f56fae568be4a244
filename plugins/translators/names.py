"""The dictionary of Russian names, indexed by every passport spelling of each name.

Built once per process on first use (about a second), from ``data/russian_names.csv``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from plugins.translators.schemes import SCHEMES, VARIANTS

DATA = Path(__file__).parent / "data" / "russian_names.csv"


@dataclass(frozen=True)
class Candidate:
    """A Cyrillic spelling and how many people in the data had it (by gender)."""

    text: str
    count: int
    male: int
    female: int

    def weight(self, gender: str | None) -> float:
        """``count``, scaled down by at most 4x when the gender hint does not fit.

        Only a tie-break: a typing error in the gender column must not turn a very common
        name into a rare one.
        """
        if gender not in ("M", "F") or self.male + self.female == 0:
            return float(self.count)
        same = self.male if gender == "M" else self.female
        return self.count * (0.25 + 0.75 * same / (self.male + self.female))


@dataclass(frozen=True)
class NameIndex:
    """Passport Latin spelling -> the Cyrillic names that some scheme writes that way."""

    by_latin: dict[str, tuple[Candidate, ...]]

    def candidates(self, latin: str) -> tuple[Candidate, ...]:
        return self.by_latin.get(latin, ())


def _fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def _read(path: Path) -> list[Candidate]:
    totals: dict[str, list[int]] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            text, _kind, gender, count = line.rstrip("\n").split(",")
            row = totals.setdefault(text, [0, 0, 0])
            n = int(count)
            row[0] += n
            if gender == "M":
                row[1] += n
            elif gender == "F":
                row[2] += n
    return [Candidate(t, c, m, f) for t, (c, m, f) in totals.items()]


def build_index(path: Path = DATA) -> NameIndex:
    """Read the dictionary and index it by every spelling of every scheme and variant."""
    names = _read(path)
    texts = [c.text for c in names]
    spellings = [s.translate_many(texts) for s in (*SCHEMES.values(), *VARIANTS.values())]
    found: dict[str, list[Candidate]] = {}
    for i, keys in enumerate(zip(*spellings, strict=True)):
        for key in set(keys):
            found.setdefault(key, []).append(names[i])
    return NameIndex({k: tuple(sorted(v, key=lambda c: -c.count)) for k, v in found.items()})


@cache
def index() -> NameIndex:
    """The process-wide index, built on first use."""
    return build_index()


def best(candidates: tuple[Candidate, ...], gender: str | None) -> tuple[str, float]:
    """The likeliest candidate and a confidence in [0.55, 0.99].

    Spellings that differ only by ё share their weight: choosing between Петр and Пётр
    is not a doubt about the name.
    """
    groups: dict[str, list[Candidate]] = {}
    for c in candidates:
        groups.setdefault(_fold(c.text), []).append(c)
    scored = sorted(
        ((sum(c.weight(gender) for c in g), max(g, key=lambda c: c.count).text) for g in groups.values()),
        reverse=True,
    )
    top, text = scored[0]
    share = top / sum(s for s, _ in scored)
    # A name seen only a handful of times may be a typing error in the source data.
    rarity = min(1.0, math.log10(1 + max(c.count for c in groups[_fold(text)])) / 2)
    return text, round(0.55 + 0.44 * share * (0.8 + 0.2 * rarity), 3)
