"""Data shipped with the CRM: the name-day calendar and greeting templates."""
