"""Where filled-in questionnaires go: safe file names and private output folders."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

_UNSAFE = re.compile(r"[^A-Z0-9-]+")


def _part(text: Any, fallback: str) -> str:
    # Latin letters, digits and '-' only: valid on every OS and in every mail client;
    # accents are dropped rather than the letters (MÜLLER -> MULLER)
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("-", plain.upper()).strip("-")[:40]
    return cleaned or fallback


def output_names(people: list[dict[str, Any]], form_id: str, suffix: str) -> list[str]:
    """``SURNAME_NAME_<form-id><suffix>`` per person, numbered when two would collide."""
    form_part = re.sub(r"[^A-Za-z0-9-]+", "-", form_id)
    names: list[str] = []
    taken: set[str] = set()
    for i, person in enumerate(people, start=1):
        stem = (
            f"{_part(person.get('surname_lat'), f'TOURIST{i}')}_"
            f"{_part(person.get('name_lat'), 'X')}_{form_part}"
        )
        name, n = f"{stem}{suffix}", 1
        # compared case-blind: Windows and macOS would overwrite "a" with "A"
        while name.casefold() in taken:
            n += 1
            name = f"{stem}_{n}{suffix}"
        taken.add(name.casefold())
        names.append(name)
    return names


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by the owner only: it holds passports."""
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        # mkdir's mode is filtered by the umask; chmod is not
        os.chmod(folder, 0o700)
    return path


def _commit(fd: int, tmp: str, path: Path) -> None:
    try:
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise


class AtomicWriter:
    """Writes files whole or not at all: a temp file in the same folder, fsync, os.replace.

    A crash leaves at most a hidden ``.NAME.*.part`` file, never a half-written document
    under its real name. fsync takes milliseconds on a real disk, so it runs on a few
    threads while the caller renders the next document; ``close`` (or leaving the ``with``
    block) waits for every file and raises the first failure.
    """

    def __init__(self, threads: int = 4) -> None:
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="forms-fsync")
        self._pending: list[Future[None]] = []

    def write(self, path: Path, data: bytes) -> Path:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except BaseException:
            os.close(fd)
            Path(tmp).unlink(missing_ok=True)
            raise
        self._pending.append(self._pool.submit(_commit, fd, tmp, path))
        return path

    def close(self) -> None:
        try:
            for future in self._pending:
                future.result()
        finally:
            # on an error, the other files still finish: they are complete documents
            self._pool.shutdown(wait=True)
            self._pending.clear()

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
