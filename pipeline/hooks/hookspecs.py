"""Hook specifications: every importer, translator, exporter and form set registers here.

Built-in plugins and installed ones use the same hooks. Hooks register objects; they do not
do the work. Hooks are always called by keyword, so a spec can grow new arguments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from pipeline.hooks.registry import Register

hookspec = pluggy.HookspecMarker("tourdesk")
hookimpl = pluggy.HookimplMarker("tourdesk")


@hookspec
def register_importers(register: Register) -> None:
    """Register tourist-list readers with ``register.importer(Importer(...))``.

    :param register: the registry the core owns; adding a name twice is an error.
    :return: nothing; every plugin's implementation is called.
    """


@hookspec
def register_translators(register: Register) -> None:
    """Register transliterators and dictionaries with ``register.translator(Translator(...))``.

    :param register: the registry the core owns; adding a name twice is an error.
    :return: nothing; every plugin's implementation is called.
    """


@hookspec
def register_exporters(register: Register) -> None:
    """Register document writers with ``register.exporter(Exporter(...))``.

    :param register: the registry the core owns; adding a name twice is an error.
    :return: nothing; every plugin's implementation is called.
    """


@hookspec
def register_forms(register: Register) -> None:
    """Register folders that hold questionnaire forms with ``register.forms_dir(path)``.

    Each sub-folder of such a folder with a ``fields.yaml`` is one form.

    :param register: the registry the core owns.
    :return: nothing; every plugin's implementation is called.
    """


@hookspec
def register_commands(cli: Any) -> None:
    """Add commands to the ``tourdesk`` command line.

    :param cli: the root ``click.Group``; call ``cli.add_command(...)`` or use it as a decorator.
    :return: nothing; every plugin's implementation is called.
    """
