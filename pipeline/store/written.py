"""The register of files Tourdesk wrote about a client, so an erasure can find them.

Questionnaires (and their PDFs), the printable bundle of a whole group, mailing lists and
ready e-mails carry a person's name, birth date and passport. The store forgets a client in
one transaction; these files live on disk, wherever the clerk put them. Each one is listed
here, per client it concerns, when it is written; ``erase_files`` deletes those still in
place and says which it could not, and the register forgets the paths it no longer needs
(a file name holds the person's name too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import DateTime, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from pipeline.store.models import Base, utc_now

#: what a written file is, for the clerk's list
KINDS = ("form", "form-pdf", "group-form", "mailing", "email")


class WrittenFile(Base):
    """One file written for (or naming) one client."""

    __tablename__ = "written_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(Integer, index=True)
    path: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    written_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


def register_files(session: Session, files: Iterable[tuple[int, Path, str]]) -> int:
    """Note ``(client_id, path, kind)`` for each file written; a path noted before is noted once."""
    rows = {(int(cid), str(Path(path).resolve()), kind) for cid, path, kind in files if cid is not None}
    if not rows:
        return 0
    query = select(WrittenFile.client_id, WrittenFile.path).where(WrittenFile.client_id.in_({r[0] for r in rows}))
    known = {(cid, path) for cid, path in session.execute(query)}
    new = [WrittenFile(client_id=cid, path=path, kind=kind) for cid, path, kind in sorted(rows)
           if (cid, path) not in known]  # fmt: skip
    session.add_all(new)
    return len(new)


@dataclass
class Erased:
    """What ``erase_files`` did: files deleted, already gone, and those it could not delete (why)."""

    deleted: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def erase_files(session: Session, client_id: int) -> Erased:
    """Delete every registered file of ``client_id`` still on disk.

    Deleted and already-gone files leave the register; one that cannot be deleted (no
    permission, a disk not mounted) stays in it, so asking again retries, and is listed.
    """
    result = Erased()
    done: list[int] = []
    for item in session.scalars(select(WrittenFile).where(WrittenFile.client_id == client_id)
                                .order_by(WrittenFile.id)):  # fmt: skip
        path = Path(item.path)
        try:
            path.unlink()
        except FileNotFoundError:
            result.gone.append(item.path)
        except OSError as exc:
            if path.is_dir():
                result.failed.append((item.path, "a folder now has this name"))
            else:
                result.failed.append((item.path, exc.strerror or type(exc).__name__))
            continue
        else:
            result.deleted.append(item.path)
        done.append(item.id)
    if done:
        session.execute(delete(WrittenFile).where(WrittenFile.id.in_(done)))
    return result
