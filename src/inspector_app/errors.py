"""Errors whose message is written for a person: the CLI and the GUI show them as they are."""


class InspectorError(Exception):
    """A failure the user can understand and act on; nothing was changed."""


class NotFound(InspectorError):
    """No record matches what was asked for."""


class ValidationError(InspectorError):
    """Input that breaks a rule: a bad answer, a bad file, a refused transition."""


class TemplateError(ValidationError):
    """A checklist template file that cannot be used."""


class StorageError(InspectorError):
    """The database cannot be opened or used as it is."""
