"""Normalizing values and tables into the canonical tourist record.

Public face (import from the module named):

- ``dates``: ``parse_date``, ``BadDate``; ``citizenship``: ``citizenship``;
  ``documents``: ``foreign_passport``, ``ticket``, ``BadDocument``; ``text``: ``cell_text``.
- ``rows``: ``normalize_table``, ``detect``, ``TableResult``, ``Transliterators``; ``columns``: ``TARGETS``.
"""
