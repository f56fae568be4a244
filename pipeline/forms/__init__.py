"""Questionnaires: form catalogues, values, checks, documents and the visa run for a trip."""
