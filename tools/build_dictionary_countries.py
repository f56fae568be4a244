"""Write pipeline/dictionary/data/dictionary_countries.csv from pycountry's translations.

Run once after a pycountry upgrade and commit the output; pycountry is not needed at run time
for this file. Each country gets a row for its Russian ISO name and, where pycountry knows a
shorter everyday one, for that too (Республика Корея and Южная Корея). English and French use
the everyday name, because ISO's inverted forms ("Korea, Republic of") read badly on a form.
Colloquial Russian names (Россия, США, ОАЭ) are in the hand-written dictionary.csv.

    .venv/bin/python tools/build_dictionary_countries.py
"""

from __future__ import annotations

import csv
import gettext
import re
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "dictionary" / "data" / "dictionary_countries.csv"

# ISO's French names that are inverted or official-only and have no common_name in pycountry.
FRENCH = {
    "RUS": "Russie",
    "MDA": "Moldavie",
    "TZA": "Tanzanie",
    "VEN": "Venezuela",
    "FSM": "Micronésie",
    "COD": "République démocratique du Congo",
    "PSE": "Palestine",
    "MAF": "Saint-Martin",
    "SXM": "Saint-Martin (partie néerlandaise)",
    "VGB": "Îles Vierges britanniques",
    "VIR": "Îles Vierges des États-Unis",
    "BES": "Bonaire, Saint-Eustache et Saba",
    "SHN": "Sainte-Hélène, Ascension et Tristan da Cunha",
}
ENGLISH = {
    "RUS": "Russia",
    "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands",
    "COD": "Democratic Republic of the Congo",
    "PSE": "Palestine",
    "FSM": "Micronesia",
}
# "Salomon, Îles" -> "Îles Salomon", "Réunion, Île de la" -> "Île de la Réunion"
_INVERTED_ISLANDS = re.compile(r"^(?P<name>[^,]+), (?P<islands>Îles?(?: de la| de| du)?)(?P<rest> .*)?$")


def _french(name: str) -> str:
    m = _INVERTED_ISLANDS.match(name)
    if not m:
        return name
    return f"{m['islands']} {m['name']}{m['rest'] or ''}"


def rows() -> list[tuple[str, str, str, str]]:
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    out: dict[str, tuple[str, str, str, str]] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        everyday = getattr(country, "common_name", None) or country.name
        en = ENGLISH.get(country.alpha_3, everyday)
        fr_name = FRENCH.get(country.alpha_3, _french(fr.gettext(everyday)))
        for english_name in (country.name, everyday):
            ru_name = ru.gettext(english_name)
            if ru_name == english_name:  # no Russian translation: nothing to look up by
                continue
            out.setdefault(ru_name.casefold(), (ru_name, en, fr_name, "country"))
    return sorted(out.values())


def main() -> None:
    data = rows()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["ru", "en", "fr", "kind"])
        writer.writerows(data)
    print(f"{OUT}: {len(data)} rows")


if __name__ == "__main__":
    main()
