"""The questionnaire forms shipped with Tourdesk (``templates/forms``)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from pipeline import hookimpl


@hookimpl
def register_forms(register: Any) -> None:
    # the package is installed as plain files (not zipped), so its folder is a real path
    register.forms_dir(Path(str(files("templates") / "forms")))
