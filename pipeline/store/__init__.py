"""The client store: the database, its tables, and merging rows into it.

Public face (import from the module named):

- ``db``: ``session_scope``, ``serialize_writers``, ``resolve_url``, ``StoreUnavailable``.
- ``models``: the tables (``Client``, ``Document``, ``Trip``, ``TripTourist``, ``ImportBatch``,
  ``Change``, ``ReviewItem``, ``Base``) and ``utc_now``; ``dictionary_models``: the dictionary's.
- ``merge``: ``merge_rows`` (an import), ``merge_into`` and ``create_client`` (a person's
  decision, for review and undo), ``drop_taken_documents``, ``doc_key``, ``MergeReport``, ``Outcome``.
- ``queue``: ``ReviewQueue`` (review items, each question asked once), ``question``.
- ``absorb``: ``absorb``, ``restore_row`` (one client taken into another, and back).
- ``history``: ``to_text``, ``from_text``, ``to_db``, ``plain``, ``refresh_keys``; ``keys``: ``name_key``, ``search_form``.
"""
