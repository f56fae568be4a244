"""Errors of the questionnaire forms, shared by the core and the document exporters."""

from __future__ import annotations


class FormError(Exception):
    """Something is wrong with a form (its catalogue or its template), not with a tourist."""


class UnknownFormError(FormError, LookupError):
    """No registered forms folder holds a form with this id."""


class FormSpecError(FormError):
    """A ``fields.yaml`` that cannot be used; the message names the file and the entry."""


class FormTemplateError(FormError):
    """A template that cannot be rendered safely; the message names the form."""
