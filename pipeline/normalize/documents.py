"""Passports, internal passports and tickets to the contract's form."""

from __future__ import annotations

import re

_PREFIX = re.compile(r"^\s*(?:№|#|(?:N|No|Nr)[.\s])\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-–/.,№#]+")


class BadDocument(ValueError):
    """The value is no valid document number; the message says what is wrong."""


def _squeeze(value: str) -> str:
    return _SEPARATORS.sub("", _PREFIX.sub("", value)).upper()


def foreign_passport(value: str, citizenship: str | None = None) -> tuple[str | None, str]:
    """``"75 1234567"`` → ``("75", "1234567")``; another country's ``"MP1234567"`` → ``(None, ...)``.

    A Russian foreign passport is 2 + 7 digits. Other countries' documents keep their number
    whole in upper-case letters and digits, with no series.
    """
    text = _squeeze(value)
    if not text:
        raise BadDocument("empty")
    if re.fullmatch(r"\d{9}", text) and citizenship in (None, "RUS"):
        return text[:2], text[2:]
    # Digits alone, of another count, with no citizenship given: most likely a Russian passport
    # typed wrong ("75 12-45"), not another country's number to take as it stands.
    if citizenship == "RUS" or (citizenship is None and text.isdigit()):
        if re.fullmatch(r"\d{10}", text):
            raise BadDocument("10 digits: this looks like an internal (Russian) passport")
        raise BadDocument("a Russian foreign passport has 9 digits (2 + 7)")
    if not re.fullmatch(r"[A-Z0-9]{6,12}", text) or not re.search(r"\d", text):
        raise BadDocument("not a passport number")
    if re.fullmatch(r"\d{10}", text):
        raise BadDocument("10 digits: this looks like an internal (Russian) passport")
    return None, text


def internal_passport(value: str) -> tuple[str, str]:
    """``"45 06 123456"`` → ``("4506", "123456")``."""
    text = _squeeze(value)
    if not re.fullmatch(r"\d{10}", text):
        raise BadDocument("an internal passport has 10 digits (4 + 6)")
    return text[:4], text[4:]


def ticket(value: str) -> str:
    """``"555-2123456789"`` or ``"555 2123456789/1"`` → 13 digits."""
    text = value.strip()
    text = re.sub(r"/\d{1,2}$", "", text)  # coupon number some systems append
    digits = re.sub(r"[\s\-]", "", text)
    if not re.fullmatch(r"\d{13}", digits):
        raise BadDocument("an e-ticket number has 13 digits")
    return digits
