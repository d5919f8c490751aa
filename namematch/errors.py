"""Exceptions raised by namematch.

Every error is rooted in :class:`ValueError`, in the manner of python-stdnum, so that callers who
do not care which check failed can catch one class. Errors about files carry the file name and the
line so that a user can go straight to the fault.
"""

from __future__ import annotations

__all__ = [
    "NamematchError",
    "GazetteerError",
    "MissingColumnError",
    "UnknownKindError",
    "EmptyNameError",
    "ConflictingKindError",
    "BadPriorError",
    "UnknownIdError",
    "BadDateError",
    "DataTableError",
    "IndexFormatError",
]


class NamematchError(ValueError):
    """Base class of every error namematch raises on bad input."""


class GazetteerError(NamematchError):
    """A gazetteer or tenures file is malformed.

    ``path`` and ``line`` say where (``line`` counts from 1, the header being line 1);
    ``problem`` says what, in words.
    """

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class MissingColumnError(GazetteerError):
    """The header lacks a required column."""


class UnknownKindError(GazetteerError):
    """A row's ``kind`` is not one of person, role, org."""


class EmptyNameError(GazetteerError):
    """A row has an empty id or name."""


class ConflictingKindError(GazetteerError):
    """One id is given two different kinds."""


class BadPriorError(GazetteerError):
    """A ``prior`` is not a number >= 0."""


class UnknownIdError(GazetteerError):
    """A tenure names an id the gazetteer does not hold, or of the wrong kind."""


class BadDateError(NamematchError):
    """A date is not an ISO date (YYYY-MM-DD), or a tenure ends before it starts."""


class DataTableError(NamematchError):
    """One of namematch's own data tables is malformed (a packaging fault)."""


class IndexFormatError(NamematchError):
    """A saved index is damaged or was written by another format version."""
