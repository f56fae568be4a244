"""Clients: finding them, editing them, deciding review items and undoing batches.

Public face (import from the module named):

- ``find``: ``find_clients``, ``client_record``, ``client_trips``, ``client_history``, ``surname_matches``,
  ``card_last4``, ``BadCard``.
- ``edit``: ``get_client``, ``add_client``, ``edit_client``, ``set_passport``, ``edit_batch``,
  ``drop_if_empty``, ``ClientNotFound``, ``PassportTaken``.
- ``add``: ``add_typed_client``, ``match_record``, ``ClientMatch``, ``Added``.
- ``review``: ``open_items``, ``resolve``, ``ReviewError``.
- ``undo``: ``undo_batch``, ``unmerge``, ``recent_batches``, ``UndoRefused``.
"""
