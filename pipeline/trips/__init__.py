"""Trips: a voucher's group of tourists, and what the trip's papers say about each.

Public face (import from the module named):

- ``trip``: ``find_trip``, ``save_trip``, ``load_trip_file``, ``trip_dict``, ``trip_links``, ``TripNotFound``.
- ``edit``: ``edit_on_trip``, ``trip_copies``, ``align_trips``, ``apply_trip_details``, ``trip_record``, ``NotOnTrip``.
- ``search``: ``find_trips``.
"""
