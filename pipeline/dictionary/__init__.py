"""The dictionary of questionnaire values: Russian words in English and French.

Public face (import from the module named):

- ``model``: the data format: ``Entry``, ``key``, ``has_cyrillic``, ``read_csv``, ``COLUMNS`` and
  the shipped starter entries (``starter``, ``starter_by_english``; data in ``data/``).
- ``entries``: the dictionary in the store: ``list_entries``, ``add_entry``, ``import_entries``,
  ``export_entries``, ``missing_entries``, ``ensure_starter``, ``record_missing``.
- ``files``: ``read_table``, ``write_table`` (CSV/XLSX).
- ``translate``: ``form_translator``, ``DictionaryTranslate``: what a questionnaire translates with.
"""
