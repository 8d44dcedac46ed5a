"""Errors Dateline raises on purpose.

    DatelineError                 base: the CLI prints its message on one line, exit 1
    ├── UsageError                the caller asked for something impossible (bad flag value, no input)
    ├── ModelNotFound             the named spaCy pipeline is not installed
    ├── StoreError                the database cannot be opened or written
    │   └── StoreLocked           another process holds the database file
    └── MissingDependency         an optional extra is not installed (names the pip extra)

Bad *inputs* are not errors: they become `Rejected` records with a reason, so one
bad file never stops a batch.
"""


class DatelineError(Exception):
    """Base class: something went wrong that the user can act on."""


class UsageError(DatelineError):
    pass


class ModelNotFound(DatelineError):
    pass


class StoreError(DatelineError):
    pass


class StoreLocked(StoreError):
    pass


class MissingDependency(DatelineError):
    pass
