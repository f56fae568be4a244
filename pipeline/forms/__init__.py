"""Questionnaires: form catalogues, their values and checks, documents, and a trip's visa forms.

Public face (import from the module named):

- ``render``: ``list_forms``, ``load_form``, ``fill_forms``, ``write_forms``, ``render_forms``.
- ``check``: ``check_rows``, ``format_check``, ``fix_target``, ``apply_fix``, ``needed_words``;
  ``errors``: ``FormError`` and its kinds.
- ``visa``: ``load_group``, ``check_visa_forms``, ``render_visa_forms``, ``render_trip_forms``,
  ``safe_folder``, ``IncompleteForms``: the forms of a trip's (or chosen clients') tourists.
- ``info``: ``known_keys``, ``show_info``, ``set_info``, ``copy_info``, ``UnknownKeys``: what forms
  ask about a client beyond the canonical record.
- ``files``: ``output_names``, ``private_dir``, ``AtomicWriter``; ``pdf``, ``combine``: PDF, one-file and ZIP output.
- ``spec``, ``values``, ``countries``: the ``fields.yaml`` format and how a field gets its value.
"""
