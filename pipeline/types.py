"""The objects plugins register, and the data they exchange with the core.

A plugin author imports these (through ``pipeline``) and nothing else from the core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


class CannotRead(Exception):
    """A source that cannot be read at all. The message is one line a desk clerk understands."""


@dataclass
class Source:
    """One input: a file on disk, or bytes from standard input (``path`` is ``None``)."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    #: a source that is not a file, e.g. ``trip:VOUCHER`` (a past trip in the store)
    uri: str | None = None
    #: the store the import goes to, for readers that read from it
    db_url: str | None = None

    @classmethod
    def from_path(cls, path: str | Path) -> Source:
        p = Path(path)
        return cls(name=p.name, path=p)

    @property
    def suffix(self) -> str:
        return (self.path.suffix if self.path else "").lower()

    def read_bytes(self) -> bytes:
        if self.data is None:
            if self.path is None:
                raise CannotRead(f"{self.name}: nothing to read")
            try:
                self.data = self.path.read_bytes()
            except FileNotFoundError:
                raise CannotRead(f"{self.name}: file not found") from None
            except IsADirectoryError:
                raise CannotRead(f"{self.name}: this is a folder, not a file") from None
            except PermissionError:
                raise CannotRead(f"{self.name}: no permission to read this file") from None
            except OSError as exc:  # a name too long, a device error: the system's own words
                raise CannotRead(f"{self.name[:80]}: cannot read this file ({exc.strerror})") from None
        return self.data

    def head(self, n: int = 8192) -> bytes:
        if self.data is None and self.path is not None:
            try:
                with self.path.open("rb") as fh:
                    return fh.read(n)
            except OSError:
                return b""
        return (self.data or b"")[:n]


@dataclass
class RawTable:
    """A grid of cells as the source holds it: no header found yet, nothing cleaned.

    ``frame`` has integer column labels and object cells (``str``, ``int``, ``float``,
    ``datetime.date``/``datetime`` or ``None``); a column of text only may instead be a
    pandas text column (dtype ``"str"``, where a blank cell is missing or empty text),
    which the core cleans without a Python call per cell. The core finds the header row,
    maps the columns and normalizes every row; importers only extract the grid.
    """

    frame: pd.DataFrame
    name: str = ""
    #: where each row of ``frame`` came from in the file, for messages (e.g. "line 7", "page 2")
    origins: Sequence[str] | None = None
    #: for sources too big to hold at once: the rows after ``frame``, in chunks with the same
    #: columns and no header; the core normalizes and merges them chunk by chunk
    more: Callable[[], Iterator[pd.DataFrame]] | None = None


@dataclass(frozen=True)
class Importer:
    """A reader of one kind of tourist list."""

    name: str
    description: str
    read: Callable[[Source], list[RawTable]]
    #: file name endings this reader handles, with the dot (``.csv``)
    extensions: tuple[str, ...] = ()
    #: content check for sources without a telling name (stdin, wrong extension)
    sniff: Callable[[bytes], bool] | None = None
    #: among readers that claim the same source, the higher wins (a plugin overrides a built-in)
    priority: int = 0


@dataclass(frozen=True)
class Translator:
    """Turns a value from one script or language into another."""

    name: str
    description: str
    source: str  # "ru" (Cyrillic), "lat" (passport Latin), ...
    target: str
    translate: Callable[[str], str]
    #: optional: the best answer with a confidence in [0, 1], given a gender hint ("M"/"F")
    translate_scored: Callable[[str, str | None], tuple[str, float]] | None = None
    #: optional fast path for many values at once
    translate_many: Callable[[Iterable[str]], list[str]] | None = None
    #: optional, Cyrillic to Latin only: the citizenships (ISO alpha-3) whose passports spell
    #: names by this scheme; normalization uses it for them instead of ICAO 9303
    countries: tuple[str, ...] = ()

    def scored(self, text: str, gender: str | None = None) -> tuple[str, float]:
        if self.translate_scored is not None:
            return self.translate_scored(text, gender)
        return self.translate(text), 1.0

    def many(self, texts: Iterable[str]) -> list[str]:
        if self.translate_many is not None:
            return self.translate_many(texts)
        return [self.translate(t) for t in texts]


@dataclass(frozen=True)
class Exporter:
    """Writes documents (questionnaires, lists) from filled-in values."""

    name: str
    description: str
    suffix: str
    #: ``render(template, jobs)`` writes one document per ``(context, out_path)`` job; exporters
    #: that need no template (a mailing list) take ``None``
    render: Callable[[Path | None, Sequence[tuple[dict[str, Any], Path]]], list[Path]]
    options: dict[str, Any] = field(default_factory=dict)
