"""Old binary Office files (.doc) converted to their XML successor with LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: a conversion that takes longer than this is stuck (LibreOffice waiting on a dialog)
TIMEOUT_S = 120


def office_binary() -> str | None:
    """The LibreOffice command line if one is installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(data: bytes, suffix: str, target: str) -> bytes | None:
    """``data`` (a ``suffix`` file) converted to ``target`` ("docx"); None if it failed."""
    binary = office_binary()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="tourdesk-convert-") as tmp:
        work = Path(tmp)
        src = work / f"input{suffix}"
        src.write_bytes(data)
        # A private profile: a desk clerk's running LibreOffice must not block us, nor we it.
        profile = (work / "profile").as_uri()
        cmd = [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            str(src),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        out = work / "out" / f"input.{target}"
        return out.read_bytes() if out.is_file() else None
