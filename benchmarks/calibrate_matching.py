"""Where the matching model's weights come from: m and u measured on generated records.

``python -m benchmarks.calibrate_matching`` builds 20,000 records with known duplicates
(``benchmarks.generate_linkage``, with passports), compares every true pair (m: how often one
person's two records agree at each level) and 200,000 random pairs of different people (u), and
prints both tables beside the model's (``pipeline.store.evidence.LEVELS``), then the precision
and recall of the candidate pairs above each threshold of posterior log-odds. The model's values
are these, rounded; a level too rare here to measure (another patronymic or sex for one person)
is set by what it means.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict

from benchmarks.generate_linkage import dataset
from pipeline.store.evidence import LEVELS, SWAP_BITS, compare, levels, prior_bits, surname_u
from pipeline.store.matching import record_profile


def measure(n: int = 20_000, random_pairs: int = 200_000, seed: int = 3) -> dict:
    ds = dataset(n, documents=True, seed=seed)
    profiles = [record_profile(r.record) for r in ds.rows]
    truth = ds.true_pairs()
    m: dict[str, Counter] = defaultdict(Counter)
    swapped = 0
    for i, j in truth:
        # as the model scores the pair: a swapped record's names read crossed, not as two other names
        score = compare(profiles[i], profiles[j])
        swapped += score.swapped
        for c, lv in score.levels.items():
            m[c][lv] += 1
    u: dict[str, Counter] = defaultdict(Counter)
    rnd = random.Random(seed)
    for _ in range(random_pairs):
        i, j = rnd.randrange(n), rnd.randrange(n)
        if ds.person[i] == ds.person[j]:
            continue
        for c, lv in levels(profiles[i], profiles[j]).items():
            u[c][lv] += 1
    share = swapped / max(len(truth), 1)
    return {"m": m, "u": u, "ds": ds, "profiles": profiles, "truth": truth, "swapped": share}


def thresholds(found: dict) -> list[tuple[float, float, float, int]]:
    """(bits, precision, recall, pairs) of the blocked candidate pairs above each threshold."""
    profiles, truth = found["profiles"], found["truth"]
    n = len(profiles)
    counts = Counter(p.surname_key for p in profiles)
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        if p.birth_date:
            blocks[("b", p.birth_date)].append(i)
        blocks[("n", p.surname_key, p.name_key)].append(i)
    pairs = {(a, b) for rows in blocks.values() for k, a in enumerate(rows) for b in rows[k + 1 :]}
    prior = prior_bits(n)
    scored = []
    for a, b in pairs:
        s = compare(profiles[a], profiles[b], surname_u(counts[profiles[a].surname_key], n))
        scored.append((s.bits + prior, (min(a, b), max(a, b)) in truth))
    scored.sort(reverse=True)
    out, right = [], 0
    marks = iter(sorted(range(-10, 31, 2), reverse=True))
    mark = next(marks)
    for k, (bits, ok) in enumerate(scored, 1):
        while bits < mark:
            out.append((mark, right / max(k - 1, 1), right / len(truth), k - 1))
            mark = next(marks, None)
            if mark is None:
                return out
        right += ok
    return out


def main() -> None:
    found = measure()
    for c, table in LEVELS.items():
        total_m, total_u = sum(found["m"][c].values()) or 1, sum(found["u"][c].values()) or 1
        for lv, (m, u) in table.items():
            print(f"{c:12} {lv:7} m {found['m'][c][lv] / total_m:8.5f} (model {m})   "
                  f"u {found['u'][c][lv] / total_u:9.6f} (model {u})")
    print(f"swapped names: {found['swapped']:.3f} of true pairs (model {2**SWAP_BITS:.3f})")
    print("posterior bits  precision  recall  pairs")
    for bits, p, r, k in thresholds(found):
        print(f"{bits:>14} {p:10.4f} {r:7.3f} {k:6}")


if __name__ == "__main__":
    main()
