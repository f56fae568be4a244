"""Trips: a voucher's group of tourists, what the trip's papers say about each, and the roster.

Public face (import from the module named):

- ``trip``: ``create_trip``, ``edit_trip``, ``save_trip``, ``trip_values``, ``trip_info``,
  ``info_of``, ``trip_history``, ``find_trip``, ``load_trip_file``, ``trip_dict``, ``trip_links``,
  ``TripInfo``, ``Party``, ``FieldChange``, ``TRIP_FIELDS``, ``TripNotFound``, ``TripExists``,
  ``BadTripValue``.
- ``edit``: ``edit_on_trip``, ``trip_copies``, ``align_trips``, ``apply_trip_details``, ``trip_record``,
  ``PLACE_FIELDS``, ``NotOnTrip``.
- ``roster``: ``add_tourists``, ``remove_tourists``, ``roster``, ``Roster``, ``ROSTER_COLUMNS``.
- ``roster_files``: ``write_roster``, ``roster_pdf``, ``roster_format``, ``cyrillic_font``.
- ``search``: ``find_trips``.
"""
