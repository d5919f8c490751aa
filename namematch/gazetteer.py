"""The gazetteer: canonical entities, their names, and the tenures of roles.

File format (a contract shared with other tools):

``gazetteer.csv``: UTF-8, header ``id,kind,name,lang,prior``, one row per name. ``kind`` is
``person``, ``role`` or ``org`` (``institution``, ``organisation`` and ``organization`` are read
as ``org``). The first row of an id gives its preferred label. ``lang`` is a language code or
empty. ``prior`` is an optional number >= 0, the entity's prominence, on any of its rows (the
largest given counts); it breaks ties between equally good name matches.

``tenures.csv``: header ``person_id,role_id,start,end``, ISO dates, an empty ``end`` meaning the
person still holds the role.

Any fault raises a :class:`~namematch.errors.GazetteerError` subclass naming the file, the line
and the problem; nothing is half-loaded.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import (
    BadDateError,
    BadPriorError,
    ConflictingKindError,
    EmptyNameError,
    GazetteerError,
    MissingColumnError,
    UnknownIdError,
    UnknownKindError,
)

__all__ = ["Kind", "Name", "Entity", "Tenure", "Gazetteer", "parse_date"]

GAZETTEER_COLUMNS = ("id", "kind", "name", "lang", "prior")
TENURE_COLUMNS = ("person_id", "role_id", "start", "end")


class Kind(str, enum.Enum):
    """What an entity is."""

    PERSON = "person"
    ROLE = "role"
    ORG = "org"

    def __str__(self) -> str:
        return self.value


_KIND_SPELLINGS = {
    "person": Kind.PERSON,
    "role": Kind.ROLE,
    "org": Kind.ORG,
    "institution": Kind.ORG,
    "organisation": Kind.ORG,
    "organization": Kind.ORG,
}


@dataclass(frozen=True, slots=True)
class Name:
    """One name of an entity, as the gazetteer gives it."""

    text: str
    lang: str = ""

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields: far faster to unpickle than the dataclass default.
        return (type(self), (self.text, self.lang))


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical person, role or institution."""

    id: str
    kind: Kind
    names: tuple[Name, ...]
    prior: float = 0.0

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields: far faster to unpickle than the dataclass default.
        return (type(self), (self.id, self.kind, self.names, self.prior))

    @property
    def label(self) -> str:
        """The preferred label: the entity's first name."""
        return self.names[0].text


@dataclass(frozen=True, slots=True)
class Tenure:
    """``person_id`` held ``role_id`` from ``start`` to ``end`` inclusive (``end`` None: still holds)."""

    person_id: str
    role_id: str
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def parse_date(value: dt.date | str) -> dt.date:
    """A :class:`datetime.date` from a date or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise BadDateError(f"not an ISO date (YYYY-MM-DD): {value!r}")


@dataclass(frozen=True)
class Gazetteer(Mapping[str, Entity]):
    """Entities by id, with the tenures of roles. A read-only mapping ``id -> Entity``."""

    entities: Mapping[str, Entity]
    tenures: tuple[Tenure, ...] = ()
    source: str = "<memory>"
    _tenures_by_role: dict[str, tuple[Tenure, ...]] = field(init=False, repr=False, compare=False)
    _tenures_by_person: dict[str, tuple[Tenure, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_role: dict[str, list[Tenure]] = {}
        by_person: dict[str, list[Tenure]] = {}
        for tenure in self.tenures:
            by_role.setdefault(tenure.role_id, []).append(tenure)
            by_person.setdefault(tenure.person_id, []).append(tenure)
        object.__setattr__(self, "_tenures_by_role", {k: tuple(v) for k, v in by_role.items()})
        object.__setattr__(self, "_tenures_by_person", {k: tuple(v) for k, v in by_person.items()})

    # Mapping protocol
    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def __repr__(self) -> str:
        return f"Gazetteer({len(self)} entities, {len(self.tenures)} tenures, source={self.source!r})"

    def tenures_of_role(self, role_id: str) -> tuple[Tenure, ...]:
        return self._tenures_by_role.get(role_id, ())

    def tenures_of_person(self, person_id: str) -> tuple[Tenure, ...]:
        return self._tenures_by_person.get(person_id, ())

    def holders(self, role_id: str, day: dt.date) -> tuple[str, ...]:
        """The ids of the persons holding ``role_id`` on ``day``, sorted.

        Tenures include both their first and last day; where one holder's tenure ends on the
        day another's begins (an inauguration), the role is handed over that day and only the
        incoming holder is counted.

        >>> gazetteer = Gazetteer.default()
        >>> gazetteer.holders("role:president-of-russia", dt.date(2008, 5, 7))
        ('person:dmitry-medvedev',)
        """
        current = [t for t in self.tenures_of_role(role_id) if t.covers(day)]
        starting = {t.person_id for t in current if t.start == day}
        return tuple(sorted({t.person_id for t in current
                             if not (t.end == day and starting - {t.person_id})}))

    # Construction
    @classmethod
    def from_csv(cls, path: str | Path, tenures: str | Path | None = None) -> "Gazetteer":
        """Load ``gazetteer.csv`` and, optionally, ``tenures.csv``; see the module docstring."""
        path = Path(path)
        entities = _read_gazetteer(path)
        tenure_rows = _read_tenures(Path(tenures), entities) if tenures is not None else ()
        return cls(entities, tenure_rows, source=str(path))

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str] | tuple[str, ...]], tenures: Iterable[Tenure] = (),
                  source: str = "<rows>") -> "Gazetteer":
        """Build from rows like those of the CSV file (dicts, or tuples in column order)."""
        records = []
        for number, row in enumerate(rows, start=2):
            if not isinstance(row, Mapping):
                row = dict(zip(GAZETTEER_COLUMNS, row))
            records.append((number, row))
        entities = _build_entities(records, source)
        tenure_list = tuple(tenures)
        for tenure in tenure_list:
            _check_tenure_ids(tenure, entities, source, None)
        return cls(entities, tenure_list, source=source)

    @classmethod
    def default(cls) -> "Gazetteer":
        """The gazetteer shipped with namematch (persons, roles and institutions of the news of
        Libya, Russia and the Middle East), with its tenures."""
        data = resources.files("namematch").joinpath("data")
        with resources.as_file(data.joinpath("gazetteer.csv")) as gazetteer_path, \
                resources.as_file(data.joinpath("tenures.csv")) as tenures_path:
            return cls.from_csv(gazetteer_path, tenures=tenures_path)


def _open_csv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; checks the header first."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise GazetteerError(str(path), None, f"cannot read: {error.strerror or error}") from None
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames
        except (UnicodeDecodeError, csv.Error) as error:
            raise GazetteerError(str(path), 1, f"not a UTF-8 CSV file: {error}") from None
        if header is None:
            raise MissingColumnError(str(path), 1, f"empty file: expected a header {','.join(required)}")
        missing = [column for column in required if column not in [h.strip() for h in header]]
        if missing:
            raise MissingColumnError(str(path), 1, f"missing column(s) {', '.join(missing)} in header {','.join(header)}")
        line = 1
        try:
            for row in reader:
                yield line + 1, {(key or "").strip(): (value or "") for key, value in row.items()}
                line = reader.line_num
        except (UnicodeDecodeError, csv.Error) as error:
            raise GazetteerError(str(path), line + 1, f"unreadable row: {error}") from None


def _read_gazetteer(path: Path) -> dict[str, Entity]:
    return _build_entities(list(_open_csv(path, ("id", "kind", "name"))), str(path))


def _build_entities(records: list[tuple[int, Mapping[str, str]]], source: str) -> dict[str, Entity]:
    kinds: dict[str, tuple[Kind, int]] = {}
    names: dict[str, list[Name]] = {}
    priors: dict[str, float] = {}
    for line, row in records:
        entity_id = (row.get("id") or "").strip()
        name = " ".join((row.get("name") or "").split())
        kind_text = (row.get("kind") or "").strip().lower()
        if not entity_id:
            raise EmptyNameError(source, line, "empty id")
        if not name:
            raise EmptyNameError(source, line, f"empty name for id {entity_id!r}")
        kind = _KIND_SPELLINGS.get(kind_text)
        if kind is None:
            raise UnknownKindError(source, line, f"unknown kind {row.get('kind')!r} for id {entity_id!r}: expected person, role or org")
        if entity_id in kinds and kinds[entity_id][0] is not kind:
            first_kind, first_line = kinds[entity_id]
            raise ConflictingKindError(source, line, f"id {entity_id!r} is {kind.value} here but {first_kind.value} on line {first_line}")
        kinds.setdefault(entity_id, (kind, line))
        prior_text = (row.get("prior") or "").strip()
        if prior_text:
            try:
                prior = float(prior_text)
            except ValueError:
                prior = math.nan
            if not math.isfinite(prior) or prior < 0:
                raise BadPriorError(source, line, f"prior {prior_text!r} for id {entity_id!r} is not a number >= 0")
            priors[entity_id] = max(priors.get(entity_id, 0.0), prior)
        entity_names = names.setdefault(entity_id, [])
        candidate = Name(name, (row.get("lang") or "").strip())
        if candidate not in entity_names:
            entity_names.append(candidate)
    return {entity_id: Entity(entity_id, kinds[entity_id][0], tuple(entity_name_list), priors.get(entity_id, 0.0))
            for entity_id, entity_name_list in names.items()}


def _read_tenures(path: Path, entities: Mapping[str, Entity]) -> tuple[Tenure, ...]:
    tenures = []
    for line, row in _open_csv(path, TENURE_COLUMNS):
        dates = []
        for column in ("start", "end"):
            text = row[column].strip()
            if not text and column == "end":
                dates.append(None)
                continue
            try:
                dates.append(parse_date(text))
            except BadDateError:
                raise GazetteerError(str(path), line, f"bad {column} date {text!r}: expected YYYY-MM-DD") from None
        start, end = dates
        if end is not None and end < start:
            raise GazetteerError(str(path), line, f"tenure ends ({end}) before it starts ({start})")
        tenure = Tenure(row["person_id"].strip(), row["role_id"].strip(), start, end)
        _check_tenure_ids(tenure, entities, str(path), line)
        tenures.append(tenure)
    return tuple(tenures)


def _check_tenure_ids(tenure: Tenure, entities: Mapping[str, Entity], source: str, line: int | None) -> None:
    for entity_id, kind, column in ((tenure.person_id, Kind.PERSON, "person_id"), (tenure.role_id, Kind.ROLE, "role_id")):
        entity = entities.get(entity_id)
        if entity is None:
            raise UnknownIdError(source, line, f"{column} {entity_id!r} is not in the gazetteer")
        if entity.kind is not kind:
            raise UnknownIdError(source, line, f"{column} {entity_id!r} is a {entity.kind.value}, not a {kind.value}")
