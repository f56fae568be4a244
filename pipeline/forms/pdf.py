"""Questionnaires to PDF for printing: one LibreOffice process converts the whole batch.

Starting LibreOffice costs seconds, converting a form a fraction of one, so every file of a
batch goes to a single ``soffice --headless --convert-to pdf`` call. It runs with its own
profile (``-env:UserInstallation``): a clerk's open LibreOffice window, or another batch
converting at the same time, shares nothing with it.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pipeline.forms.errors import FormError
from pipeline.forms.files import AtomicWriter, private_dir

log = logging.getLogger(__name__)

#: where a setup without ``soffice`` on PATH may point us
ENV_SOFFICE = "TOURDESK_SOFFICE"
ENV_PROFILE = "TOURDESK_LO_PROFILE"
INSTALL_HINT = (
    "install LibreOffice (apt-get install libreoffice-writer) to get PDFs; the .docx files are ready"
)
#: seconds: starting the office, then each document (a 2-page form takes ~0.2 s; ample margin)
_START_TIMEOUT, _PER_DOC_TIMEOUT = 120, 10


class PdfUnavailable(FormError):
    """LibreOffice is not installed (or not where TOURDESK_SOFFICE says)."""


class PdfFailed(FormError):
    """LibreOffice ran but did not produce every PDF; the message says which and why."""


def find_soffice() -> str | None:
    """The LibreOffice executable, or None."""
    configured = os.environ.get(ENV_SOFFICE)
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.is_file() else None


def convert_to_pdf(
    files: Sequence[Path], out_dir: Path | None = None, progress: Callable[[int, int], None] | None = None
) -> list[Path]:
    """Convert ``files`` (.docx) to PDFs in ``out_dir`` (default: the first file's folder).

    One LibreOffice process for all of them. PDFs appear whole or not at all: LibreOffice
    writes into a private temporary folder, and each finished PDF is moved into place.
    ``progress(done, total)`` is told how many PDFs LibreOffice has finished, while it works.
    """
    files = [Path(f) for f in files]
    if not files:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable(INSTALL_HINT)
    target = private_dir(Path(out_dir) if out_dir is not None else files[0].parent)
    stems = [f.stem for f in files]
    if len(set(stems)) != len(stems):
        # LibreOffice names a PDF after its document: two "A.docx" would overwrite each other
        raise PdfFailed("two documents of the batch have the same name; convert them in separate batches")
    with tempfile.TemporaryDirectory(prefix=".pdf-", dir=target) as work, _profile() as profile:
        _run(soffice, files, Path(work), profile, progress)
        produced = {p.stem: p for p in Path(work).glob("*.pdf")}
        missing = [f.name for f in files if f.stem not in produced]
        if missing:
            # counted, not named: file names are tourists' names and this message may reach
            # a flow's results
            raise PdfFailed(
                f"LibreOffice did not convert {len(missing)} of {len(files)} documents; the .docx files are ready"
            )
        out = []
        for f in files:
            path = target / f"{f.stem}.pdf"
            # LibreOffice writes with the umask's mode; these hold passports, like the .docx
            os.chmod(produced[f.stem], 0o600)
            os.replace(produced[f.stem], path)
            out.append(path)
    log.info("converted %d documents to PDF in one LibreOffice process", len(out))
    return out


@contextmanager
def _profile() -> Iterator[Path]:
    """A LibreOffice profile only this process uses.

    A new profile costs LibreOffice about 1.5 s to set up, so Tourdesk keeps one in the
    user's cache and locks it while converting; a second batch converting at the same time
    (the lock is taken) gets a throw-away one. TOURDESK_LO_PROFILE=fresh always throws away.
    """
    if os.environ.get(ENV_PROFILE) != "fresh":
        try:
            # why here: fcntl is POSIX only, and the profile lock is needed only for a conversion
            import fcntl

            from platformdirs import user_cache_dir

            home = Path(user_cache_dir("tourdesk", appauthor=False))
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
            lock = open(home / "libreoffice-profile.lock", "w")  # noqa: SIM115 - held for the block
        except (ImportError, OSError):
            lock = None
        if lock is not None:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                lock.close()
            else:
                try:
                    yield home / "libreoffice-profile"
                    return
                finally:
                    lock.close()
    with tempfile.TemporaryDirectory(prefix="tourdesk-lo-") as fresh:
        yield Path(fresh)


def _run(
    soffice: str, files: list[Path], work: Path, profile: Path, progress: Callable[[int, int], None] | None = None
) -> None:
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(work),
        *(str(f) for f in files),
    ]
    timeout = _START_TIMEOUT + _PER_DOC_TIMEOUT * len(files)
    try:
        if progress is None:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        else:
            done = _run_counting(command, timeout, work, len(files), progress)
    except FileNotFoundError:
        raise PdfUnavailable(INSTALL_HINT) from None
    except subprocess.TimeoutExpired:
        raise PdfFailed(
            f"LibreOffice took over {timeout} s for {len(files)} documents and was stopped; "
            "the .docx files are ready"
        ) from None
    if done.returncode != 0:
        # LibreOffice's own last words say what went wrong, unless they name a file (a
        # tourist's name): those stay out of the message
        lines = (done.stderr or done.stdout or "").strip().splitlines()
        reason = lines[-1] if lines and "/" not in lines[-1] and ".docx" not in lines[-1] else "no message"
        raise PdfFailed(f"LibreOffice failed (exit {done.returncode}): {reason}; the .docx files are ready")


def _run_counting(
    command: list[str], timeout: float, work: Path, total: int, progress: Callable[[int, int], None]
) -> subprocess.CompletedProcess[str]:
    """``subprocess.run`` of LibreOffice, telling ``progress`` how many PDFs its folder holds
    (it writes them one after another) five times a second until it ends."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        deadline = time.monotonic() + timeout
        try:
            while proc.poll() is None:
                if time.monotonic() > deadline:
                    raise subprocess.TimeoutExpired(command, timeout)
                progress(sum(1 for _ in work.glob("*.pdf")), total)
                time.sleep(0.2)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        progress(sum(1 for _ in work.glob("*.pdf")), total)
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(command, proc.returncode, out.read(), err.read())


def merge_pdfs(files: Sequence[Path], out: Path) -> Path:
    """One PDF holding every page of ``files`` in order (for printing the batch at once)."""
    # why here: pypdfium2 (a native PDF library) loads only to merge PDFs
    import pypdfium2 as pdfium


    merged = pdfium.PdfDocument.new()
    try:
        for f in files:
            src = pdfium.PdfDocument(str(f))
            try:
                merged.import_pages(src)
            finally:
                src.close()
        buf = io.BytesIO()
        merged.save(buf)
    finally:
        merged.close()
    with AtomicWriter(threads=1) as writer:
        writer.write(Path(out), buf.getvalue())
    return Path(out)
