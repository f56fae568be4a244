"""What the desk typed cannot be used: the CLI shows the message as one line, never a traceback."""


class CrmInputError(ValueError):
    """A value given to a CRM command is unusable; the message says why in the clerk's words."""
