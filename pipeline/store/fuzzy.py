"""The scored step for typos: a person born the same day whose names differ by a keystroke.

It runs only when the strong keys and the exact name key found nobody, and only among people
born on the incoming tourist's birth date, so it never merges on a name alone. One typo in all
of surname and first name together merges (if sex and patronymic do not contradict); two go to
a person with the score; more is another person.
"""

from __future__ import annotations

from typing import NamedTuple

#: surname + first name keys this long at least before one typo is trusted to be a typo
MIN_LEN = 4


class Candidate(NamedTuple):
    id: int
    surname_key: str | None
    name_key: str | None
    gender: str | None
    patronymic_key: str | None
    surname_lat: str | None = None
    name_lat: str | None = None


class Incoming(NamedTuple):
    surname_key: str | None
    name_key: str | None
    gender: str | None
    patronymic_key: str | None
    surname_lat: str | None
    name_lat: str | None


class Scored(NamedTuple):
    score: float
    candidate: Candidate
    typos: int
    swapped: bool


def distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a swap of neighbours is one typo), capped at ``limit``."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def score(inc: Incoming, cand: Candidate) -> Scored | None:
    """How alike the incoming names are to a candidate's, or ``None`` when they are other people."""
    sk, nk = inc.surname_key, inc.name_key
    if not (sk and nk and cand.surname_key and cand.name_key):
        return None
    if inc.gender and cand.gender and inc.gender != cand.gender:
        return None
    if inc.patronymic_key and cand.patronymic_key and distance(inc.patronymic_key, cand.patronymic_key, 2) > 1:
        return None
    best = None
    for swapped in (False, True):
        s, n = (cand.name_key, cand.surname_key) if swapped else (cand.surname_key, cand.name_key)
        if not _may_be_close(sk, s, nk, n):
            continue
        typos = _typos(sk, s) + _typos(nk, n)
        # the folded key can turn one slip into two (TS is one letter, ST two); the Latin as typed cannot
        sl, nl = (cand.name_lat, cand.surname_lat) if swapped else (cand.surname_lat, cand.name_lat)
        if inc.surname_lat and inc.name_lat and sl and nl:
            typos = min(typos, _typos(inc.surname_lat, sl) + _typos(inc.name_lat, nl))
        if best is None or typos < best[0]:
            best = (typos, swapped)
    if best is None or best[0] > 2:
        return None
    typos, swapped = best
    return Scored(round(1 - typos / (len(sk) + len(nk)), 3), cand, typos, swapped)


def _may_be_close(sk: str, s: str, nk: str, n: str) -> bool:
    """A cheap test that lets through every pair within two typos in all (and few others).

    Two typos in all leave one name exact, or each name one edit off; one edit leaves the
    first or the last letter in place and the length within one.
    """
    if sk == s or nk == n:
        return True
    return (
        abs(len(sk) - len(s)) <= 1 and abs(len(nk) - len(n)) <= 1
        and (sk[0] == s[0] or sk[-1] == s[-1]) and (nk[0] == n[0] or nk[-1] == n[-1])
    )  # fmt: skip


def _typos(a: str, b: str) -> int:
    return distance(a, b)


def decide(found: list[Scored], sk: str, nk: str) -> tuple[str, Scored | None]:
    """``merge`` (one clear candidate one typo away), ``review`` (something close) or ``new``."""
    if not found:
        return "new", None
    found.sort(key=lambda s: (s.typos, -s.score))
    best = found[0]
    clear = len(found) == 1 or found[1].typos > best.typos
    long_enough = len(sk) >= MIN_LEN and len(nk) >= MIN_LEN - 1
    if best.typos <= 1 and clear and long_enough and not best.swapped:
        return "merge", best
    return "review", best
