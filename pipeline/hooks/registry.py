"""The typed registry that hooks fill, with clear errors on duplicate names."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.types import Exporter, Importer, Translator


class DuplicateNameError(ValueError):
    """Two plugins registered the same name for the same kind of object."""


@dataclass(repr=False)
class Register:
    """Collects what the plugins register. The core owns it; plugins only add to it."""

    importers: dict[str, Importer] = field(default_factory=dict)
    translators: dict[str, Translator] = field(default_factory=dict)
    exporters: dict[str, Exporter] = field(default_factory=dict)
    form_dirs: list[Path] = field(default_factory=list)
    current_plugin: str = "?"
    owners: dict[tuple[str, str], str] = field(default_factory=dict)

    def _add(self, kind: str, table: dict, name: str, obj: object, replace: bool) -> None:
        if name in table and not replace:
            raise DuplicateNameError(
                f"{kind} {name!r} is registered twice: by {self.owners[(kind, name)]} "
                f"and by {self.current_plugin} (pass replace=True to override it on purpose)"
            )
        table[name] = obj
        self.owners[(kind, name)] = self.current_plugin

    def importer(self, importer: Importer, *, replace: bool = False) -> None:
        """Add a reader of tourist lists."""
        self._add("importer", self.importers, importer.name, importer, replace)

    def translator(self, translator: Translator, *, replace: bool = False) -> None:
        """Add a transliterator or translator."""
        self._add("translator", self.translators, translator.name, translator, replace)

    def exporter(self, exporter: Exporter, *, replace: bool = False) -> None:
        """Add a document writer."""
        self._add("exporter", self.exporters, exporter.name, exporter, replace)

    def forms_dir(self, path: str | Path) -> None:
        """Add a folder whose sub-folders are questionnaire forms."""
        self.form_dirs.append(Path(path))

    def __repr__(self) -> str:
        # short, for TOURDESK_TRACE_HOOKS: names only, not every object's fields
        return (f"Register(importers={list(self.importers)}, translators={list(self.translators)}, "
                f"exporters={list(self.exporters)}, form_dirs={[str(d) for d in self.form_dirs]})")

    def owner(self, kind: str, name: str) -> str:
        """The plugin that registered ``name``."""
        return self.owners.get((kind, name), "?")
