"""Importing: tourist lists read by the importer plugins, normalized and merged into the store.

Public face (import from the module named):

- ``sources``: ``source_for``, ``read_tables``, ``normalize_source``, ``iter_normalized``, ``Mapping``;
  ``preview_source`` (a list with each column's meaning, before importing), ``partner_mapping_for``,
  ``remember_partner_mapping``.
- ``run``: ``import_source``: one list into the store, with what became of each row.
- ``past_trips``: ``trip_records``: a past trip's tourists as a list to import again.
"""
