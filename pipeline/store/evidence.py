"""One matching model for the import, ``clients add`` and the cleanup: are two records one person?

A Fellegi-Sunter model. Each field is compared at a few levels (the same name key, one typo
apart, two, another name; the same birth date, one digit off, day and month swapped, another
date; the same passport, one digit off, another passport; ...). Each level carries two
probabilities: ``m``, how often one person's two records agree at that level, and ``u``, how
often two different people do. The evidence of a pair is the sum of ``log2(m / u)`` over the
fields both records have; a surname's ``u`` is its share of the client file, so IVANOV counts for
less than a rare surname. Adding the prior odds of a match gives the probability, and the
probability a band:

- ``merge``: so likely that wrong merges stay under one in a thousand (measured by
  ``python -m benchmarks matching``), and no other client comes close;
- ``review``: a person decides (the review queue, best first);
- ``none``: another person.

The weights come from ``benchmarks/calibrate_matching.py`` (m measured on the generator's
corrupted records with known truth, at the levels ``compare`` scores them, names read crossed
where they are swapped; u on random pairs of different people); where a level is
rare in those data, the value is set by what it means: a different patronymic, or a different
sex, is strong evidence of two people; a second valid passport is weak evidence (Russians may
hold two).

The levels are computed here in Python (one pair at a time, for an import) and in DuckDB SQL by
the cleanup (``pipeline.cleanup.linkage``); a test checks that both give the same levels.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

#: comparison -> level -> (m, u); ``None`` for u means "the value's share of the file" (surname)
LEVELS: dict[str, dict[str, tuple[float, float | None]]] = {
    "surname": {"exact": (0.72, None), "typo1": (0.17, 0.0003), "typo2": (0.025, 0.0015), "other": (0.085, 0.998)},
    "name": {"exact": (0.775, 0.0128), "typo1": (0.186, 0.0041), "typo2": (0.018, 0.0073), "other": (0.021, 0.976)},
    "patronymic": {"exact": (0.9598, 0.0164), "typo1": (0.04, 0.00015), "other": (0.0002, 0.9834)},
    "birth_date": {"exact": (0.808, 2.2e-5), "digit": (0.138, 9.7e-4), "swap": (0.049, 1.1e-5),
                   "other": (0.005, 0.999)},
    "gender": {"same": (0.99, 0.5), "other": (0.01, 0.5)},
    "passport": {"same": (0.75, 1e-6), "near": (0.12, 2e-5), "other": (0.13, 0.99998)},
    "internal": {"same": (0.75, 1e-6), "near": (0.12, 2e-5), "other": (0.13, 0.99998)},
    "citizenship": {"same": (0.98, 0.85), "other": (0.02, 0.15)},
    "phone": {"same": (0.6, 1e-5), "other": (0.4, 0.99999)},
    "email": {"same": (0.6, 1e-6), "other": (0.4, 1.0)},
}  # fmt: skip
#: a surname's share of the file is smoothed toward this, as if this many more clients were on
#: file: a small file's counts say little, and a name seen once is not thereby unique
SURNAME_U, SURNAME_PSEUDO = 0.0002, 2000
#: a first name's share of the file, smoothed the same way toward the model's average u: where the
#: whole file is counted (the cleanup), ELENA or SERGEI count for less than a rare first name
NAME_U = LEVELS["name"]["exact"][1]
#: a record whose surname and first name are the other's first name and surname: the share of
#: one person's pairs read crossed (0.107 and 0.109 on two seeds of benchmarks/calibrate_matching)
SWAP_BITS = math.log2(0.1)
#: another birth date and another passport together: two people far more often than the two
#: apart say (one person's slip in the date seldom comes with a new passport)
TWO_PEOPLE_BITS = -6.0
#: prior: the share of an import's tourists already on file; of a file's clients, the share that
#: are some other client's second record (a cleanup's pairs are far more often two people)
IMPORT_SHARE, CLEANUP_SHARE = 0.5, 0.01
#: the people a file's clients are drawn from: a small file's few clients are not thereby likely
#: to be anyone who comes in (the chance that a tourist is a given client stays one in this many)
POPULATION = 200_000
#: bands, in bits of posterior log-odds; a second candidate this close makes a merge a question
MERGE_AT, REVIEW_AT, CLEAR_BY = 6.0, -3.0, 6.0

WORDS = {
    ("surname", "exact"): "same surname", ("surname", "typo1"): "surname one letter apart",
    ("surname", "typo2"): "surname two letters apart", ("surname", "other"): "another surname",
    ("name", "exact"): "same first name", ("name", "typo1"): "first name one letter apart",
    ("name", "typo2"): "first name two letters apart", ("name", "other"): "another first name",
    ("patronymic", "exact"): "same patronymic", ("patronymic", "typo1"): "patronymic one letter apart",
    ("patronymic", "other"): "another patronymic",
    ("birth_date", "exact"): "same date of birth", ("birth_date", "digit"): "date of birth one digit apart",
    ("birth_date", "swap"): "day and month of birth swapped", ("birth_date", "other"): "another date of birth",
    ("gender", "other"): "another sex",
    ("passport", "same"): "same foreign passport", ("passport", "near"): "passport number one digit apart",
    ("passport", "other"): "another passport",
    ("internal", "same"): "same internal passport", ("internal", "near"): "internal passport one digit apart",
    ("internal", "other"): "another internal passport",
    ("citizenship", "other"): "another citizenship",
    ("phone", "same"): "same phone", ("email", "same"): "same e-mail",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Profile:
    """What the model compares of a record or a client; keys from ``pipeline.store.keys``."""

    id: int | None = None
    surname_key: str | None = None
    name_key: str | None = None
    patronymic_key: str | None = None
    gender: str | None = None
    birth_date: str | None = None  # ISO
    citizenship: str | None = None
    passports: tuple[str, ...] = ()  # foreign: series + number
    internals: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None


@dataclass(slots=True)
class Score:
    """The evidence that two records are one person."""

    bits: float  # log2 Bayes factor, prior not included
    levels: dict[str, str]
    swapped: bool = False

    def probability(self, prior_bits: float) -> float:
        return _sigmoid2(self.bits + prior_bits)

    def reasons(self) -> list[str]:
        out = [WORDS[(c, lv)] for c, lv in self.levels.items() if (c, lv) in WORDS]
        if self.swapped:
            out.insert(0, "surname and first name swapped")
        return out


@dataclass
class Match:
    """The model's answer for one record: ``merge`` into ``client_id``, ``review`` against it, or
    ``none``; ``score`` is the probability, ``reasons`` the evidence in words."""

    band: str
    client_id: int | None = None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    #: other candidates a person may want to see, best first: (client id, probability)
    others: list[tuple[int, float]] = field(default_factory=list)


def phone_key(phone: str | None) -> str | None:
    """The last ten digits: +7 916 123-45-67 and 8 (916) 1234567 are one number."""
    digits = "".join(ch for ch in phone if ch.isdigit()) if phone else ""
    return digits[-10:] or None


def email_key(email: str | None) -> str | None:
    return email.strip().lower() or None if email else None


def _sigmoid2(bits: float) -> float:
    if bits > 60:
        return 1.0
    if bits < -60:
        return 0.0
    return 1.0 / (1.0 + 2.0 ** (-bits))


def prior_bits(file_size: int, share: float = IMPORT_SHARE) -> float:
    """Prior log-odds that a given client is the person: ``share`` spread over the file."""
    return math.log2(share / max(file_size, POPULATION))


def surname_u(count: int, file_size: int) -> float:
    """The chance that a random client has this surname key, from its count on file (smoothed)."""
    return (count + SURNAME_PSEUDO * SURNAME_U) / (file_size + SURNAME_PSEUDO)


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


def name_level(a: str | None, b: str | None, typo2: bool = True) -> str | None:
    if not a or not b:
        return None
    if a == b:
        return "exact"
    d = distance(a, b)
    if d <= 1:
        return "typo1"
    if d == 2 and typo2:
        return "typo2"
    return "other"


def date_level(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return None
    if a == b:
        return "exact"
    if sum(x != y for x, y in zip(a, b, strict=False)) == 1:
        return "digit"
    if a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return "swap"
    return "other"


def same_level(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return None
    return "same" if a == b else "other"


def document_level(a: Iterable[str], b: Iterable[str]) -> str | None:
    a, b = tuple(a), tuple(b)
    if not a or not b:
        return None
    if set(a) & set(b):
        return "same"
    if any(len(x) == len(y) and sum(p != q for p, q in zip(x, y, strict=True)) == 1 for x in a for y in b):
        return "near"
    return "other"


def levels(a: Profile, b: Profile, swapped: bool = False) -> dict[str, str]:
    """Each comparison's level for the pair (comparisons either side lacks are left out)."""
    sk, nk = (b.name_key, b.surname_key) if swapped else (b.surname_key, b.name_key)
    found = {
        "surname": name_level(a.surname_key, sk),
        "name": name_level(a.name_key, nk),
        "patronymic": name_level(a.patronymic_key, b.patronymic_key, typo2=False),
        "birth_date": date_level(a.birth_date, b.birth_date),
        "gender": same_level(a.gender, b.gender),
        "passport": document_level(a.passports, b.passports),
        "internal": document_level(a.internals, b.internals),
        "citizenship": same_level(a.citizenship, b.citizenship),
        "phone": same_level(a.phone, b.phone),
        "email": same_level(a.email, b.email),
    }
    return {c: lv for c, lv in found.items() if lv is not None}


def bits_of(
    found: dict[str, str], surname_share: float | None = None, name_share: float | None = None
) -> float:
    """The pair's evidence in bits; ``surname_share``: the u of the exact surname level;
    ``name_share``: that of the exact first-name level (the model's average when not given)."""
    total = 0.0
    for comparison, level in found.items():
        m, u = LEVELS[comparison][level]
        if u is None:
            u = surname_share if surname_share is not None else SURNAME_U
        elif comparison == "name" and level == "exact" and name_share is not None:
            u = name_share
        total += math.log2(m / u)
    if found.get("birth_date") == "other" and "other" in (found.get("passport"), found.get("internal")):
        total += TWO_PEOPLE_BITS
    return total


def swap_plausible(surname: str | None, name: str | None) -> bool:
    """Names read crossed agree: both the same, or one the same and the other one typo apart (a
    list that swaps the columns mistypes as often as any other)."""
    return {surname, name} <= {"exact", "typo1"} and "exact" in (surname, name)


def compare(a: Profile, b: Profile, surname_share: float | None = None) -> Score:
    """How much the evidence says ``a`` and ``b`` are one person, names also tried swapped."""
    direct = levels(a, b)
    best = Score(bits_of(direct, surname_share), direct)
    if a.surname_key and a.name_key and a.surname_key != a.name_key and direct.get("surname") != "exact":
        crossed = levels(a, b, swapped=True)
        if swap_plausible(crossed.get("surname"), crossed.get("name")):
            bits = bits_of(crossed, surname_share) + SWAP_BITS
            if bits > best.bits:
                best = Score(bits, crossed, swapped=True)
    return best


def strong_enough(score: Score) -> bool:
    """A merge needs a birth date (same, or one slip apart) or a shared document besides names,
    and no contradiction a person should see: another patronymic, sex or date of birth."""
    lv = score.levels
    anchor = lv.get("birth_date") in ("exact", "digit", "swap") or "same" in (lv.get("passport"), lv.get("internal"))
    contradicted = "other" in (lv.get("patronymic"), lv.get("gender"), lv.get("birth_date"))
    return anchor and not contradicted


def anchored(score: Score) -> bool:
    """Something beyond names was compared: a birth date or a document on both sides."""
    return any(c in score.levels for c in ("birth_date", "passport", "internal", "phone", "email"))


def decide(scored: list[tuple[int, Score]], prior: float, known_pairs: frozenset[tuple[int, int]] = frozenset(),
           ) -> Match:  # fmt: skip
    """The band of the best candidate; ``known_pairs`` (low id, high id) are pairs already put to
    a person, so a candidate close to the best is no new question when the two are such a pair."""
    if not scored:
        return Match("none")
    scored = sorted(scored, key=lambda s: -s[1].bits)
    best_id, best = scored[0]
    posterior = best.bits + prior
    probability = _sigmoid2(posterior)
    others = [(cid, round(s.probability(prior), 4)) for cid, s in scored[1:4] if s.bits + prior >= REVIEW_AT]
    rivals = [cid for cid, s in scored[1:] if best.bits - s.bits < CLEAR_BY
              and (min(cid, best_id), max(cid, best_id)) not in known_pairs]  # fmt: skip
    reasons = best.reasons()
    shared = "same" in (best.levels.get("passport"), best.levels.get("internal"))
    if best.levels.get("patronymic") == "other" and not shared:
        # Another patronymic (not a slip of one letter) is another father: two people, whatever
        # else agrees (namesakes born the same day are not rare in a big file).
        return Match("none", None, round(probability, 6), reasons, others)
    if posterior >= MERGE_AT and strong_enough(best) and not rivals:
        return Match("merge", best_id, round(probability, 6), reasons, others)
    named = "other" not in (best.levels.get("surname"), best.levels.get("name"))
    if shared and named and sum(best.levels.get(k) == "other" for k in ("patronymic", "gender", "birth_date")) <= 1:
        # A passport number is one person's: a row that carries a client's own passport under
        # their name is that client, and one field it contradicts (a sex or a birth date typed wrong in a list) is a
        # question about that field, asked once, not a second person created at every re-import.
        return Match("merge", best_id, round(probability, 6), reasons, others)
    # names alone (no birth date or document on one side) are asked about only when very telling
    review_at = REVIEW_AT if anchored(best) else MERGE_AT
    if posterior >= review_at or best.levels.get("passport") == "same" or best.levels.get("internal") == "same":
        if rivals and posterior >= MERGE_AT:
            reasons = [*reasons, "another client is almost as close: " + ", ".join(map(str, rivals[:3]))]
        return Match("review", best_id, round(probability, 6), reasons, others)
    return Match("none", None, round(probability, 6), reasons, others)


# --- the same levels in SQL (DuckDB), for the cleanup's millions of pairs -------------------------
#
# Columns of each side: surname_key, name_key, patronymic_key, gender, birth_date (ISO text),
# citizenship, passport, internal (the current one of each kind), phone, email. DuckDB's
# damerau_levenshtein is the unrestricted distance; at one or two edits on names it agrees with the
# optimal string alignment above (tests/store/test_matching.py checks the two on generated typos).


def _sql_name(a: str, b: str, typo2: bool = True) -> str:
    two = f"WHEN damerau_levenshtein({a}, {b}) <= 2 THEN 'typo2' " if typo2 else ""
    return (f"CASE WHEN {a} IS NULL OR {b} IS NULL THEN NULL WHEN {a} = {b} THEN 'exact' "
            f"WHEN damerau_levenshtein({a}, {b}) <= 1 THEN 'typo1' {two}ELSE 'other' END")  # fmt: skip


def _sql_date(a: str, b: str) -> str:
    return (f"CASE WHEN {a} IS NULL OR {b} IS NULL THEN NULL WHEN {a} = {b} THEN 'exact' "
            f"WHEN length({a}) = length({b}) AND hamming({a}, {b}) = 1 THEN 'digit' "
            f"WHEN substr({a}, 1, 4) = substr({b}, 1, 4) AND substr({a}, 6, 2) = substr({b}, 9, 2) "
            f"AND substr({a}, 9, 2) = substr({b}, 6, 2) THEN 'swap' ELSE 'other' END")  # fmt: skip


def _sql_same(a: str, b: str) -> str:
    return f"CASE WHEN {a} IS NULL OR {b} IS NULL THEN NULL WHEN {a} = {b} THEN 'same' ELSE 'other' END"


def _sql_document(a: str, b: str) -> str:
    return (f"CASE WHEN {a} IS NULL OR {b} IS NULL THEN NULL WHEN {a} = {b} THEN 'same' "
            f"WHEN length({a}) = length({b}) AND hamming({a}, {b}) = 1 THEN 'near' ELSE 'other' END")  # fmt: skip


def sql_levels(left: str = "l", right: str = "r", swapped: bool = False) -> dict[str, str]:
    """SQL expressions of each comparison's level, as ``levels`` computes them in Python."""
    sk, nk = (f"{right}.name_key", f"{right}.surname_key") if swapped else (f"{right}.surname_key", f"{right}.name_key")
    return {
        "surname": _sql_name(f"{left}.surname_key", sk),
        "name": _sql_name(f"{left}.name_key", nk),
        "patronymic": _sql_name(f"{left}.patronymic_key", f"{right}.patronymic_key", typo2=False),
        "birth_date": _sql_date(f"{left}.birth_date", f"{right}.birth_date"),
        "gender": _sql_same(f"{left}.gender", f"{right}.gender"),
        "passport": _sql_document(f"{left}.passport", f"{right}.passport"),
        "internal": _sql_document(f"{left}.internal", f"{right}.internal"),
        "citizenship": _sql_same(f"{left}.citizenship", f"{right}.citizenship"),
        "phone": _sql_same(f"{left}.phone", f"{right}.phone"),
        "email": _sql_same(f"{left}.email", f"{right}.email"),
    }


def cleanup_levels() -> dict[str, dict[str, tuple[float, float | None]]]:
    """``LEVELS`` for two clients already on file. A document number belongs to one client (the
    file holds it once), so two clients never share one: a duplicate left in the file is one whose
    second record came with another passport, or one digit off. The m of the document levels is
    therefore the model's m given "not the same" (another passport is then the usual case for one
    person, not evidence of two)."""
    out = dict(LEVELS)
    for comparison in ("passport", "internal"):
        table = LEVELS[comparison]
        rest = sum(m for level, (m, _) in table.items() if level != "same")
        out[comparison] = {level: (m / rest, u) for level, (m, u) in table.items() if level != "same"}
    return out


def sql_bits(prefix: str = "", surname_share: str = "surname_share",
             model: dict[str, dict[str, tuple[float, float | None]]] | None = None,
             name_share: str | None = None) -> str:  # fmt: skip
    """SQL for ``bits_of`` over level columns named ``prefix + comparison``; ``surname_share`` is
    the column holding the u of the exact surname level, ``name_share`` (if any) that of the exact
    first-name level; ``model`` the levels' (m, u), ``LEVELS`` by default."""
    terms = []
    for comparison, table in (model or LEVELS).items():
        col = f"{prefix}{comparison}"
        cases = []
        for level, (m, u) in table.items():
            weight = f"log2({m!r} / {surname_share})" if u is None else repr(math.log2(m / u))
            if comparison == "name" and level == "exact" and name_share:
                weight = f"log2({m!r} / {name_share})"
            cases.append(f"WHEN '{level}' THEN {weight}")
        terms.append(f"(CASE {col} {' '.join(cases)} ELSE 0 END)")
    two_people = (f"(CASE WHEN {prefix}birth_date = 'other' AND ({prefix}passport = 'other' OR "
                  f"{prefix}internal = 'other') THEN {TWO_PEOPLE_BITS!r} ELSE 0 END)")  # fmt: skip
    return " + ".join([*terms, two_people])
