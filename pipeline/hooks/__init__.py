"""Hooks: how plugins (built-in and installed) plug in.

Public face (the faces in ``pipeline`` import nothing, so that loading one small module never
loads its whole package and ``tourdesk --help`` stays fast; import from the module named):

- ``hookspecs``: ``hookimpl``, ``hookspec`` and the ``register_*`` hook specifications.
- ``registry``: ``Register``, the typed registry the hooks fill; ``DuplicateNameError``.
- ``manager``: ``pm``, ``ensure_plugins_loaded()``, ``registry()`` (what the plugins registered,
  collected by calling the hooks through pluggy), ``loaded_plugins()``, ``reset()``.
"""
