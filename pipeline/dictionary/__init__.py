"""The dictionary of questionnaire values (Russian to English and French)."""
