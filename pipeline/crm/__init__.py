"""Keeping regular clients: the client file's contacts and consents, NPS, greetings and reports.

Figures are plain functions over pandas DataFrames (``nps``, ``rfm``, ``figures``); the store is
read in bulk by ``frames`` and written by the small modules named after what they keep.
"""
