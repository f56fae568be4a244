"""Lines around a table that are not tourists: greetings, "please find attached", signatures,
phone numbers, totals, page footers.

A list pasted from an e-mail brings its letter along; each such line is skipped and reported,
never taken as a tourist ("С уважением, Марина" is nobody's surname and first name).
"""

from __future__ import annotations

import re

#: the end of a word, read alike by Python and by Arrow's RE2 (whose \b knows ASCII letters only)
_END = "(?:[^a-zа-яё0-9]|$)"
_PHRASES = (
    # greetings and the letter around the list; whole words where a surname may begin alike
    # (Приветов, Итогова, Благодарёв)
    "добр(ый|ое|ого)\\s+(день|утро|вечер|дня|времени)", "здравствуй", f"привет{_END}", "уважаем(ый|ая|ые)",
    f"коллеги{_END}", f"hello{_END}", "hi[,!]", f"dear{_END}", "good\\s+(morning|afternoon|evening|day)",
    f"greetings{_END}", "во\\s+вложени", "направля", "высыла", "отправля", "пересыла", "прилага",
    f"(просим|прошу){_END}", f"please{_END}", "attached", "enclosed", "find\\s+(below|attached)",
    "as\\s+(agreed|discussed)", "список\\s+(туристов|группы|пассажиров|участников)",
    "list\\s+of\\s+(tourists|passengers|guests)", f"ниже{_END}", f"below{_END}", f"спасибо{_END}",
    f"благодар(ю|им|ность){_END}", f"thank(s|\\s+you)?{_END}", f"заранее{_END}",
    # signatures
    "с\\s+уважением", "с\\s+наилучшими", "всего\\s+(доброго|хорошего)", "best\\s+(regards|wishes)",
    f"regards{_END}", "kind\\s+regards", f"sincerely{_END}", f"cheers{_END}", "--\\s*$", "отправлено\\s+(с|из)",
    "sent\\s+from", f"менеджер{_END}", f"manager{_END}", f"директор{_END}", f"director{_END}",
    f"исполнитель{_END}", f"подпись{_END}", f"signature{_END}", "м\\.?\\s?п\\.?$",
    f"тел{_END}", f"телефон{_END}", f"моб{_END}", f"phone{_END}", f"tel{_END}", f"mobile{_END}", f"факс{_END}",
    f"fax{_END}", "e-?mail", f"почта{_END}", "www\\.", "https?://", f"(skype|whatsapp|telegram|viber){_END}",
    f"ооо{_END}", f"ltd{_END}", f"llc{_END}",
    # totals and page footers
    f"итого{_END}", f"всего{_END}", f"total{_END}", "примечани", f"note{_END}", "дата\\s+составления",
    "prepared\\s+by", "страница\\s+\\d", "стр\\.?\\s*\\d", "page\\s+\\d", "лист\\s+\\d",
)  # fmt: skip
#: the same test for Arrow (RE2) on a whole column, case-insensitive; what may stand before
#: the words is spelled out, since RE2's \W takes Cyrillic letters for signs
PHRASE_PATTERN = "^[\\s\\-–—*>\"'«(]*(" + "|".join(_PHRASES) + ")"
_PHRASE = re.compile(PHRASE_PATTERN, re.IGNORECASE)
#: the words that close a letter: what follows them is its signature (a name, a company, a phone)
_CLOSING = re.compile(
    "^[\\s\\-–—*>]*(с\\s+уважением|с\\s+наилучшими|всего\\s+(доброго|хорошего)|спасибо|благодарю|"
    "(best|kind|warm)?\\s*regards|best\\s+wishes|sincerely|cheers|thanks?\\b|thank\\s+you|--\\s*$|"
    "отправлено\\s+(с|из)|sent\\s+from)",
    re.IGNORECASE,
)
#: a whole line that is a phone number: +7 900 123-45-67, 8 (495) 123-45-67
_PHONE = re.compile(r"^\+?\s*[78]?[\s\-(]*\d{3}[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}$")
_CONTACT = re.compile(r"\S+@\S+\.\w+|https?://|www\.")
#: what every e-mail address and web address holds: the quick test on a whole column
CONTACT_SIEVE = r"@|://|www\."
_PAGE = re.compile(r"^(-\s*\d+\s*-|\d+\s*(/|из|of)\s*\d+)$", re.IGNORECASE)
#: a name cell holds letters, hyphens, apostrophes, dots of initials, a slash (IVANOV/IVAN) and
#: an asterisk a clerk put on a child; anything else in a lone cell is prose
_NAME_LIKE = re.compile(r"^[\w\s\-'’./*()]+$")


def is_free_text(text: str) -> bool:
    """Whether a line of a list is letter text (a greeting, a signature, a phone number, a
    total, a page footer) rather than a tourist."""
    line = " ".join(text.split())
    if not line:
        return False
    if _PHRASE.match(line) or _CONTACT.search(line) or _PAGE.match(line):
        return True
    return bool(_PHONE.match(line)) and line.lstrip().startswith(("+", "8", "7", "("))


def is_letter_line(cells: list[str]) -> bool:
    """Whether a row, given as its filled cells in order, is a line of a letter: it begins with a
    letter's words (a greeting split by the delimiter: "С уважением" | "Марина"), or its first
    cell is an address, a phone number or a footer. A phone or an e-mail further right is a
    tourist's own column."""
    if not cells:
        return False
    return is_free_text(cells[0]) or bool(_PHRASE.match(" ".join(" ".join(cells).split())))


def is_closing(text: str) -> bool:
    """Whether a line closes a letter ("С уважением,", "Best regards", "--"): the lines after it
    are the sender's signature, whatever they look like."""
    return bool(_CLOSING.match(" ".join(text.split()) or ""))


def is_prose(text: str) -> bool:
    """A lone cell that reads as a sentence rather than a name: ends with ``!``, ``?`` or ``:``,
    or holds a comma, digits or more words than a full name has."""
    line = " ".join(text.split())
    if is_free_text(line):
        return True
    if line.endswith(("!", "?", ":", ";")) or "," in line or not _NAME_LIKE.match(line):
        return True
    if any(ch.isdigit() for ch in line):
        return True
    return len(line.replace("/", " ").split()) > 4
