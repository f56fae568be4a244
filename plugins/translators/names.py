"""The dictionary of Russian names, indexed by every passport spelling of each name.

Built once per process on first use from ``data/russian_names.csv`` (a few seconds), and
kept in the user's cache folder so that later processes load it in a fraction of that.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from plugins.translators.schemes import SCHEMES, VARIANTS

DATA = Path(__file__).parent / "data" / "russian_names.csv"
#: set to ``0`` to neither read nor write the cached index
CACHE_ENV = "TOURDESK_NAMES_CACHE"
T = TypeVar("T")


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
    """Passport Latin spelling -> the Cyrillic names that some scheme writes that way.

    Plain lists and tuples of row numbers, so the whole index can be marshalled.
    """

    texts: list[str]
    counts: list[int]
    males: list[int]
    females: list[int]
    by_latin: dict[str, tuple[int, ...]]

    def candidates(self, latin: str) -> tuple[Candidate, ...]:
        """Every dictionary name spelled ``latin`` by some scheme, most frequent first."""
        rows = self.by_latin.get(latin, ())
        return tuple(
            Candidate(self.texts[i], self.counts[i], self.males[i], self.females[i]) for i in rows
        )


def _read(path: Path) -> tuple[list[str], list[int], list[int], list[int]]:
    totals: dict[str, list[int]] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            text, _kind, gender, count = line.rstrip("\n").split(",")
            row = totals.get(text)
            if row is None:
                row = totals[text] = [0, 0, 0]
            n = int(count)
            row[0] += n
            if gender == "M":
                row[1] += n
            elif gender == "F":
                row[2] += n
    # Most frequent first, so that every list of row numbers comes out sorted for free.
    ordered = sorted(totals.items(), key=lambda item: -item[1][0])
    return (
        [t for t, _ in ordered],
        [r[0] for _, r in ordered],
        [r[1] for _, r in ordered],
        [r[2] for _, r in ordered],
    )


def build_index(path: Path = DATA) -> NameIndex:
    """Read the dictionary and index it by every spelling of every scheme and variant."""
    texts, counts, males, females = _read(path)
    spellings = [s.translate_many(texts) for s in (*SCHEMES.values(), *VARIANTS.values())]
    found: dict[str, list[int]] = {}
    first = spellings[0]
    for i, key in enumerate(first):
        found.setdefault(key, []).append(i)
    for other in spellings[1:]:
        for i, key in enumerate(other):
            if key != first[i]:
                found.setdefault(key, []).append(i)
    # Several variants may agree with each other: list each row once, most frequent first.
    by_latin = {k: (v[0],) if len(v) == 1 else tuple(sorted(set(v))) for k, v in found.items()}
    return NameIndex(texts, counts, males, females, by_latin)


def cache_file(prefix: str, path: Path = DATA) -> Path | None:
    """Where data built from the names file ``path`` is kept between processes, or None when
    caching is off (``TOURDESK_NAMES_CACHE=0``) or there is no cache folder."""
    if os.environ.get(CACHE_ENV, "1") == "0":
        return None
    try:
        # why here: platformdirs only when the cache is looked for
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    # Any change to the data or to a scheme's letters or rules gives a new file name.
    stamp = hashlib.sha1(path.read_bytes())
    for scheme in (*SCHEMES.values(), *VARIANTS.values()):
        stamp.update(repr((scheme.name, scheme.letters, scheme.ye_rule)).encode())
    return Path(user_cache_dir("tourdesk", appauthor=False)) / f"{prefix}-{stamp.hexdigest()[:16]}.marshal"


def cached(
    prefix: str,
    build: Callable[[], T],
    path: Path = DATA,
    dump: Callable[[T], Any] = lambda value: value,
    load: Callable[[Any], T] = lambda value: value,
) -> T:
    """What ``build()`` makes from the names file, from the cache folder when it is there and
    current, else built (and saved, as ``dump`` gives it in plain data ``marshal`` can hold)."""
    kept = cache_file(prefix, path)
    if kept is not None and kept.exists():
        try:
            return load(marshal.loads(kept.read_bytes()))
        except (OSError, ValueError, EOFError, TypeError):
            pass  # a damaged or foreign file: rebuild and overwrite it
    built = build()
    if kept is not None:
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            tmp = kept.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(dump(built)))
            tmp.replace(kept)
        except OSError:
            pass  # a read-only home only costs the next process the build time
    return built


def load_index(path: Path = DATA) -> NameIndex:
    """The index from the cache folder when it is there and current, else built (and saved)."""
    return cached(
        "names", lambda: build_index(path), path,
        dump=lambda b: (b.texts, b.counts, b.males, b.females, b.by_latin), load=lambda v: NameIndex(*v),
    )  # fmt: skip


@cache
def index() -> NameIndex:
    """The process-wide index, loaded on first use."""
    return load_index()


def _fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def best(candidates: tuple[Candidate, ...], gender: str | None) -> tuple[str, float]:
    """The likeliest candidate and a confidence in [0.55, 0.99].

    Spellings that differ only by ё share their weight: choosing between Петр and Пётр
    is not a doubt about the name.
    """
    if len(candidates) == 1:  # the usual case, and the hot path
        only = candidates[0]
        return only.text, round(0.55 + 0.44 * (0.8 + 0.2 * _rarity(only.count)), 3)
    groups: dict[str, list[Candidate]] = {}
    for c in candidates:
        groups.setdefault(_fold(c.text), []).append(c)
    scored = sorted(
        ((sum(c.weight(gender) for c in g), g[0].text) for g in groups.values()),
        reverse=True,
    )
    top, text = scored[0]
    share = top / sum(s for s, _ in scored)
    rarity = _rarity(groups[_fold(text)][0].count)
    return text, round(0.55 + 0.44 * share * (0.8 + 0.2 * rarity), 3)


def _rarity(count: int) -> float:
    # A name seen only a handful of times may be a typing error in the source data.
    return min(1.0, math.log10(1 + count) / 2)
