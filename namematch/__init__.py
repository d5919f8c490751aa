"""namematch: resolve a name mention, in any script or transliteration, to a canonical entity.

A :class:`Gazetteer` holds canonical persons, roles and institutions with their names in several
languages and scripts. A :class:`Resolver` over it takes a mention ("Sergueï Choïgou",
"سيرغي شويغو", "Сергей Шойгу") and returns a :class:`Resolution`: the entity's id, kind and
label, the gazetteer name that matched, and the probability that the answer is right; or None
when no entity is likely enough.
"""

from .errors import (
    BadDateError,
    BadPriorError,
    ConflictingKindError,
    IndexFormatError,
    EmptyNameError,
    GazetteerError,
    MissingColumnError,
    NamematchError,
    UnknownIdError,
    UnknownKindError,
)
from .gazetteer import Entity, Gazetteer, Kind, Name, Tenure
from .resolver import Resolution, Resolver
from . import store

__all__ = [
    "Gazetteer",
    "Resolver",
    "Resolution",
    "Entity",
    "Name",
    "Tenure",
    "Kind",
    "NamematchError",
    "GazetteerError",
    "MissingColumnError",
    "UnknownKindError",
    "EmptyNameError",
    "ConflictingKindError",
    "BadPriorError",
    "UnknownIdError",
    "BadDateError",
    "IndexFormatError",
]

__version__ = "0.1.0"
