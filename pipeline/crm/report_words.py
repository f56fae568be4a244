"""The control report's words in its language: titles, headings, row labels and sentences.

The words themselves are data (``data/report_words.yaml``, Russian and English); this module
looks them up and fills the sentences with figures printed by ``report_format``.
"""

from __future__ import annotations

import functools
import gettext
import os
from pathlib import Path

import yaml

from pipeline.crm.report_format import LANGUAGES, Val, number
from pipeline.crm.report_model import Label, Section, Sentence

WORDS = Path(__file__).resolve().parent / "data" / "report_words.yaml"
#: the setting that makes English the default language of the report
ENV_LANGUAGE = "TOURDESK_REPORT_LANGUAGE"


def default_language() -> str:
    """Russian unless ``TOURDESK_REPORT_LANGUAGE=en``."""
    lang = os.environ.get(ENV_LANGUAGE, "ru").strip().lower() or "ru"
    if lang not in LANGUAGES:
        raise ValueError(f"{ENV_LANGUAGE}={lang!r}: the report is written in {' or '.join(LANGUAGES)}")
    return lang


@functools.cache
def words(lang: str) -> dict:
    return yaml.safe_load(WORDS.read_text(encoding="utf-8"))[lang]


def say(sentence: Sentence, lang: str) -> str:
    """The sentence in ``lang``; a key joined with ``+`` is a main clause and its additions."""
    table = words(lang)["sentences"]
    values = {k: Val(label(v.kind, v.value, lang) if isinstance(v, Label) else v, lang)
              for k, v in sentence.values.items()}  # fmt: skip
    text = "".join(table[part].format_map(values) for part in sentence.key.split("+"))
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def fill(key: str, lang: str, **values: object) -> str:
    """A short phrase of the words (``page``, ``period``) filled with values."""
    return words(lang)[key].format_map({k: Val(v, lang) for k, v in values.items()})


def title(key: str, lang: str) -> str:
    return words(lang)["titles"][key]


def column(key: str, lang: str) -> str:
    return words(lang)["columns"][key]


def index_title(section: Section, lang: str) -> str:
    return words(lang)["index"][section.key]


def total_label(section: Section, lang: str) -> str:
    return words(lang)["total"][section.key]


def chart_word(key: str, lang: str) -> str:
    return words(lang)["chart"][key]


def row_label(section: Section, value: object, lang: str) -> str:
    """A table's row label: a month, a destination's name, a translated reason or segment."""
    if section.index == "month":
        return number(value, "month", lang)
    return label(section.index, value, lang)


def label(kind: str, value: object, lang: str) -> str:
    known = words(lang)["labels"]
    if kind == "top":
        return known["top"].format_map({"value": Val(value, lang)})
    if kind == "destination" and value not in known["destination"]:
        return _country(str(value), lang)
    text = known.get(kind, {}).get(value, value)
    return str(text)[:1].upper() + str(text)[1:] if kind == "category" else str(text)


@functools.cache
def _country(code: str, lang: str) -> str:
    # why here: pycountry loads only when the report spells out a destination
    import pycountry

    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        return code
    if lang == "en":
        return getattr(country, "common_name", None) or country.name
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    return ru.gettext(country.name)
