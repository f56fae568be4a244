"""The client store: the database, its tables, and merging rows into it.

Public face (import from the module named):

- ``db``: ``session_scope``, ``serialize_writers``, ``resolve_url``, ``StoreUnavailable``.
- ``models``: the tables (``Client``, ``Document``, ``Trip``, ``TripTourist``, ``ImportBatch``,
  ``Change``, ``ReviewItem``, ``Base``) and ``utc_now``; ``dictionary_models``: the dictionary's.
- ``merge``: ``merge_rows`` (an import), ``merge_into`` and ``create_client`` (a person's
  decision, for review and undo), ``drop_taken_documents``, ``doc_key``, ``MergeReport``, ``Outcome``.
- ``absorb``: ``absorb``, ``restore_row`` (one client taken into another, and back).
- ``history``: ``to_text``, ``from_text``, ``to_db``, ``plain``, ``refresh_keys``; ``keys``: ``name_key``, ``search_form``.
- ``actor``: ``current_actor``, ``acting_as``: who a change is recorded under.
- ``users``: ``add_user``, ``authenticate``, ``list_users``, ``remove_user``, ``count_users``,
  ``check_may_undo``, ``check_may_forget``, ``User``, ``UserError``, ``NotAllowed``: the desk's logins.
- ``mappings``: ``save_partner_mapping``, ``partner_mapping``, ``partners``; ``desk_models``: their tables.
"""
