"""Normalizing values and tables into the canonical tourist record.

Public face (import from the module named):

- ``dates``: ``parse_date``, ``BadDate``; ``citizenship``: ``citizenship``;
  ``documents``: ``foreign_passport``, ``ticket``, ``BadDocument``; ``text``: ``cell_text``.
- ``rows``: ``normalize_table``, ``detect``, ``TableResult``, ``Transliterators``; ``columns``: ``TARGETS``.
- ``typed``: ``typed_values``, ``typed_date``, ``BadValue``: what a clerk types for a client (CLI and desk).
"""
