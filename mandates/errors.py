"""Domain errors raised by services and shown to people as they are."""


class ApplicationError(Exception):
    """Base for errors a person can act on."""


class TransitionNotAllowed(ApplicationError):
    pass


class MandateBusy(ApplicationError):
    """The mandate's row is locked (an ingest is updating it); nothing was changed."""
