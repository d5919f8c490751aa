"""The resolver: a mention in, the gazetteer entity it names (with a probability) or nothing out.

For a mention the resolver tokenises it (titles tagged, Arabic proclitics read off), asks the
candidate index for the names worth scoring, scores each (``scoring.match``), keeps the best name
of each entity, and turns the features of each entity's match into a probability of being the
right answer with the logistic calibration of ``data/calibration.json`` (fitted by
``benchmarks/fit.py``). An entity is returned when that probability reaches the threshold.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import heapq
import json
import math
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from .config import DEFAULT_CONFIG, MatchConfig
from .errors import DataTableError
from .gazetteer import Gazetteer, Kind, parse_date
from .index import CandidateIndex, IndexedName, paused_gc
from .normalise import (CONCEPT_MARKS, COUNTRY_MARK, GENERATION_MARK, INSTITUTION_MARK, OFFICE_MARK, PLACE_MARK, PartKind, alternatives,
                        compounds, fold, joiners, script, tokenise, whole_title)
from .scoring import Match, QueryMatcher, conceptual, credit, keyed_pairs, opens_alike

if TYPE_CHECKING:
    from .link import Span
    from .normalise import Token

__all__ = ["Resolution", "Resolver", "Calibration"]

#: Where a mention may be split into an office and a name: between words.
_WORD_BREAK = regex.compile(r"[\s,،;:]+")
#: A name part in the English possessive: "Putin's" in "Putin's spokesman".
_POSSESSIVE_END = regex.compile(r"['’]s$")
#: Mentions longer than this many words are not split (the splits would be too many to try).
_MOST_WORDS = 16
#: How many roles an office part may name are weighed against a person's tenures.
_OFFICES_WEIGHED = 5
#: How many, where none of those is one the person held: the roles a bare office names equally.
_OFFICES_HELD_WEIGHED = 30


def _role_institutions(gazetteer: Gazetteer) -> dict[str, frozenset[str]]:
    """What each role is an office of: the institutions, and the other roles, one of whose
    names (of two words or more) is a run of words of one of the role's names ("Armée
    nationale libyenne" in "Porte-parole de l'Armée nationale libyenne", "President of Russia"
    in "Press Secretary of the President of Russia")."""
    def words(text: str) -> str:
        return " " + " ".join(token.text for token in tokenise(text)) + " "

    names = {entity.id: [words(name.text) for name in entity.names] for entity in gazetteer.values()
             if entity.kind is not Kind.PERSON}
    superior_names = [(entity_id, name) for entity_id, entity_names in names.items() for name in entity_names
                      if name.count(" ") >= 3]  # two words or more
    links: dict[str, frozenset[str]] = {}
    for entity in gazetteer.values():
        if entity.kind is Kind.ROLE:
            own = names[entity.id]
            links[entity.id] = frozenset(superior for superior, name in superior_names
                                         if superior != entity.id and any(name in role_name for role_name in own))
    return links


def _names_an_office(text: str) -> bool:
    """Whether a mention has an office word (ministre, وزير, porte-parole), as a word or a reading."""
    return any(unit.native.startswith(OFFICE_MARK) for token in tokenise(text, query=True)
               for unit in token.units())


def _has_a_name_word(text: str) -> bool:
    """Whether a mention has a word that may be a person's: neither an office, an institution
    word, a country or a place (as a word or a reading), nor a title or a function word."""
    return any(token.kind is PartKind.NAME and not conceptual(token) for token in tokenise(text, query=True))


def _logit(probability: float) -> float:
    probability = min(max(probability, 1e-12), 1 - 1e-12)
    return math.log(probability / (1 - probability))


def _splits(mention: str) -> list[tuple[str, str]]:
    """The mention cut in two between any two words, left to right: (head, tail) pairs. Not
    after a word that names join to the next (عبد, Abu: عبد الفتاح is one name word)."""
    return [(head, mention[match.start():].strip(" ,،;:")) for match in _WORD_BREAK.finditer(mention)
            if (head := mention[:match.start()].strip(" ,،;:")) and fold(head.split()[-1]) not in joiners()]


def _function_edges(text: str) -> tuple[bool, bool]:
    """Whether a text of several words begins with a function word, and whether it ends with
    one ("porte-parole de", "Khalifa Haftar Le")."""
    tokens = tokenise(text, query=True)
    return (len(tokens) > 1 and tokens[0].kind is PartKind.FUNCTION,
            bool(tokens) and tokens[-1].kind is PartKind.FUNCTION)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer for one mention: an entity and the probability that it is the one meant."""

    entity_id: str
    kind: Kind
    label: str
    confidence: float
    matched_name: str
    #: Name-match score in [0, 1] before calibration (ranks candidates).
    score: float = 0.0
    #: The features the confidence was computed from, by name.
    features: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    #: The words aligned between mention and matched name: (mention words, name words,
    #: similarity, mention key, name key), the keys being the phonetic forms compared.
    pairs: tuple[tuple[str, str, float, str, str], ...] = field(default=(), compare=False)
    #: Each feature's contribution (weight times value) to the log-odds of the confidence, and
    #: the calibration's intercept, by name.
    contributions: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    #: For a role: the person holding it on the mention's date (``at``), when exactly one does;
    #: None without a date, or when nobody or several do.
    holder: "Resolution | None" = None
    #: For a role: everyone holding it on the mention's date, or today without one.
    holders: tuple["Resolution", ...] = ()
    #: For a person: the ids of the other persons of the same name that the mention matches
    #: with the same evidence, its namesakes. For a role or an institution named without its
    #: country ("the defence minister"): the same office or institution of the other countries.
    #: The confidence is this one's part of the probability that the mention names one of
    #: them (:attr:`with_namesakes`).
    namesakes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def with_namesakes(self) -> float:
        """The probability that the mention names this entity or one of its :attr:`namesakes`:
        the confidence without a namesake's part (the confidence itself without namesakes)."""
        if not self.namesakes:
            return self.confidence
        return Calibration.probability_of(tuple(item for item in self.contributions if item[0] != "namesakes"))

    def reaches(self, threshold: float) -> bool:
        """Whether this is an answer at ``threshold``: its confidence reaches it, or, with
        namesakes, the probability that the mention names one of them does. Namesakes the
        words cannot tell apart are each a likely answer as a group and a coin toss apart: the
        first (the better known, :meth:`Resolver.candidates`) is answered, with its own
        confidence, and its namesakes listed. Offices of several countries are not one
        answer: a role or an institution is one only by its own confidence."""
        return self.confidence >= threshold or (bool(self.namesakes) and self.kind is Kind.PERSON
                                                and self.with_namesakes >= threshold)

    def told_apart(self) -> "Resolution":
        """This answer as the one meant among its namesakes, with the probability that the
        mention names one of them: for when more than the words tells them apart (the person
        beside an office: "le ministre de la Défense, Andreï Belousov" is Russia's)."""
        if not self.namesakes:
            return self
        contributions = tuple(item for item in self.contributions if item[0] != "namesakes")
        return dataclasses.replace(self, confidence=Calibration.probability_of(contributions),
                                   contributions=contributions, namesakes=(),
                                   features=tuple(item for item in self.features if item[0] != "namesakes"))

    def explain(self) -> str:
        """Why this entity, in words: the matched name, the word pairs with their keys and
        similarities, and each feature with its value and its share of the log-odds.

        >>> print(Resolver.default().resolve("Sergueï Choïgou").explain())  # doctest: +ELLIPSIS
        person:sergei-shoigu  Sergei Shoigu  confidence 0.9...
          matched name: Sergueï Choïgou
        ...
        """
        lines = [f"{self.entity_id}  {self.label}  confidence {self.confidence:.3f}",
                 f"  matched name: {self.matched_name}",
                 "  word pairs (mention word [key] ~ name word [key]: similarity):"]
        for query_words, name_words, similarity, query_key, name_key in self.pairs:
            lines.append(f"    {query_words} [{query_key}] ~ {name_words} [{name_key}]: {similarity:.3f}")
        if not self.pairs:
            lines.append("    (none)")
        lines.append("  features (value; contribution to the log-odds):")
        values = dict(self.features)
        for name, contribution in self.contributions:
            value = f"{values[name] + 0.0:8.3f}" if name in values else " " * 8  # + 0.0: no "-0.000"
            lines.append(f"    {name:<16}{value}  {contribution + 0.0:+.3f}")
        log_odds = sum(contribution for _name, contribution in self.contributions)
        lines.append(f"    {'log-odds':<16}{'':8}  {log_odds:+.3f}  -> confidence {self.confidence:.3f}")
        if self.namesakes:
            lines.append(f"  namesakes (matched alike; one of them {self.with_namesakes:.3f}): "
                         + ", ".join(self.namesakes))
        if self.kind is Kind.ROLE:
            lines.append(f"  holder: {self.holder.entity_id + '  ' + self.holder.label if self.holder else '-'}")
            lines.append("  holders: " + (", ".join(f"{h.entity_id} ({h.label})" for h in self.holders) or "-"))
        return "\n".join(lines)

    def to_dict(self, *, evidence: bool = False) -> dict[str, object]:
        """A JSON-ready dict; with ``evidence=True`` also the word pairs, features and their
        contributions (what :meth:`explain` prints)."""
        record: dict[str, object] = {
            "entity_id": self.entity_id,
            "kind": self.kind.value,
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "matched_name": self.matched_name,
        }
        if self.namesakes:
            record["namesakes"] = list(self.namesakes)
            record["with_namesakes"] = round(self.with_namesakes, 4)
        if self.kind is Kind.ROLE:
            record["holder"] = self.holder.entity_id if self.holder else None
            record["holder_label"] = self.holder.label if self.holder else None
            record["holders"] = [{"entity_id": h.entity_id, "label": h.label} for h in self.holders]
        if evidence:
            record["evidence"] = {
                "pairs": [{"mention": q, "name": n, "similarity": s, "mention_key": qk, "name_key": nk}
                          for q, n, s, qk, nk in self.pairs],
                "features": {name: round(value, 4) for name, value in self.features},
                "contributions": {name: round(value, 4) for name, value in self.contributions},
            }
        return record


@dataclass(frozen=True, slots=True)
class Calibration:
    """A logistic model: probability = 1 / (1 + exp(-(intercept + sum(weight * feature))))."""

    intercept: float
    weights: tuple[tuple[str, float], ...]

    FEATURES = ("score", "query_coverage", "name_coverage", "log_share", "single_token", "query_unmatched", "crossed",
                "both_unmatched", "weakest", "onset")

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Calibration":
        if path is None:
            text = resources.files("namematch").joinpath("data", "calibration.json").read_text(encoding="utf-8")
            source = "namematch/data/calibration.json"
        else:
            text = Path(path).read_text(encoding="utf-8")
            source = str(path)
        try:
            data = json.loads(text)
            weights = tuple((name, float(data["weights"][name])) for name in cls.FEATURES)
            return cls(float(data["intercept"]), weights)
        except (ValueError, KeyError, TypeError) as error:
            raise DataTableError(f"{source}: not a calibration file ({error})") from None

    def contributions(self, features: dict[str, float]) -> tuple[tuple[str, float], ...]:
        """Each feature's weight times its value, then the intercept: they sum to the log-odds."""
        return (*((name, weight * features[name]) for name, weight in self.weights), ("intercept", self.intercept))

    def probability(self, features: dict[str, float]) -> float:
        return self.probability_of(self.contributions(features))

    @staticmethod
    def probability_of(contributions: tuple[tuple[str, float], ...]) -> float:
        """The probability whose log-odds are the sum of ``contributions``."""
        z = sum(contribution for _name, contribution in contributions)
        if z < -40:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@functools.cache
def _default_calibration() -> Calibration:
    return Calibration.load()


def _weakest(result: Match, config: MatchConfig) -> float:
    """Where two or more pairs of words met, how far the weakest of them falls short of a
    perfect pair, in credit (0: all exact, 1: at the floor). A given name met exactly beside a
    surname met poorly is most often a namesake (Harold Winslow against Harold Danson): the
    coverage averages the two, this feature sees the poor one. An initial that agrees (V. for
    Vladimir) is as good as an initial can be, not a poor pair: it is left out."""
    if len(result.pairs) < 2:
        return 0.0
    weakest = min((similarity for (_query, _name, similarity), (query_unit, name_unit) in zip(result.pairs, result.units)
                   if query_unit.kind is not PartKind.INITIAL and name_unit.kind is not PartKind.INITIAL), default=1.0)
    return 1.0 - credit(weakest, config.similarity_floor)


def _onset(result: Match, config: MatchConfig) -> float:
    """Of the pairs of name words that met, those whose words open on different sounds (Ressider
    and Tressider: :func:`scoring.opens_alike`), each by how far it falls short of
    a perfect pair in credit, averaged over the pairs (0 when every pair opens alike). A name keeps
    its first sound across scripts and conventions better than its other letters: a pair that
    shares the rest and not that is most often another name."""
    pairs = [(query_unit, name_unit, similarity)
             for (_query, _name, similarity), (query_unit, name_unit) in zip(result.pairs, result.units)
             if query_unit.kind is PartKind.NAME and name_unit.kind is PartKind.NAME and not name_unit.reading
             and name_unit.native[:1] not in CONCEPT_MARKS]
    if not pairs:
        return 0.0
    return sum(1.0 - credit(similarity, config.similarity_floor) for query_unit, name_unit, similarity in pairs
               if not opens_alike(query_unit, name_unit)) / len(pairs)


def _names_its_place_only(result: Match, name: Sequence[Token], weights: Sequence[float]) -> bool:
    """Whether a mention met only the country or the city of a role's or an institution's name,
    which has words of its own besides: "الإمارات" or "la Russie" names the country, not its
    president or its armed forces; "Moscou" the city, not the Moscow Kremlin (a country the
    gazetteer lists is all country words)."""
    if not result.units or not all(unit.native[:1] in _PLACES for _query, unit in result.units):
        return False
    return any(weight > 0 and token.native[:1] not in _PLACES for token, weight in zip(name, weights))


#: The marks of the concept words that name a place: a country, a city.
_PLACES = frozenset((COUNTRY_MARK, PLACE_MARK))
#: The features that depend on the name's words the mention did not meet: two countries' offices
#: named without the country differ only by them.
_NAME_SIDE_FEATURES = frozenset({"log_share", "score", "name_coverage", "both_unmatched"})


def _partly_met(result: Match, name: Sequence[Token]) -> tuple[tuple[tuple[str, str, float], ...], bool] | None:
    """For a role's or an institution's name some of whose words the mention did not meet (the
    Minister of Defence of Russia for "the defence minister" or "the Russian minister"): the
    words met, as (mention words, the name word's concept or spelling, similarity), and whether
    the words not met only name its country. None when the mention met the whole name."""
    if not result.units:
        return None
    met = set()
    for _query, unit in result.units:
        met.add(unit.text)
        met.update(unit.text.split())
    unmet = [token for token in name if token.kind is PartKind.NAME and token.text not in met]
    if not unmet:
        return None
    countries = all(any(unit.native.startswith(COUNTRY_MARK) for unit in token.units()) for token in unmet)
    return tuple((query_words, unit.native, round(similarity, 9))
                 for (query_words, _name_words, similarity), (_query, unit) in zip(result.pairs, result.units)), countries


#: How many of the best candidates by score are weighed by the calibration for the answers.
_WEIGHED = 10


class Resolver:
    """Resolves mentions against a gazetteer.

    >>> resolver = Resolver.default()
    >>> resolver.resolve("Sergueï Choïgou").entity_id
    'person:sergei-shoigu'
    >>> resolver.resolve("Sanaa Amir") is None
    True
    """

    def __init__(self, gazetteer: Gazetteer, *, threshold: float | None = None,
                 config: MatchConfig = DEFAULT_CONFIG, calibration: Calibration | None = None) -> None:
        self.gazetteer = gazetteer
        self.config = config
        #: Answers whose probability is below this are not given (``resolve`` returns None).
        self.threshold = config.threshold if threshold is None else threshold
        self.calibration = calibration or _default_calibration()
        self.index = CandidateIndex(gazetteer, config)

    @classmethod
    def default(cls, **options: object) -> "Resolver":
        """A resolver over the gazetteer shipped with namematch."""
        return cls(Gazetteer.default(), **options)  # type: ignore[arg-type]

    def save(self, path: str | Path) -> None:
        """Write this resolver, its compiled index included, to ``path`` (see :mod:`namematch.store`).

        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "default.nmi")
        >>> Resolver.default().save(path)
        >>> Resolver.load(path).resolve("Choïgou").entity_id
        'person:sergei-shoigu'
        """
        from . import store
        store.save(self, path)

    @classmethod
    def load(cls, path: str | Path) -> "Resolver":
        """A resolver saved with :meth:`save`. Raises :class:`~namematch.errors.IndexFormatError`
        when the file is not a saved index, comes from another build of namematch, or is damaged."""
        from . import store
        return store.load(path)

    def __repr__(self) -> str:
        return f"Resolver({self.gazetteer!r}, threshold={self.threshold})"

    def resolve(self, mention: str, *, at: dt.date | str | None = None,
                threshold: float | None = None) -> Resolution | None:
        """The entity ``mention`` names, or None when no entity reaches ``threshold`` (nor, for
        namesakes the words cannot tell apart, the group of them: :meth:`Resolution.reaches`).

        ``at`` is the date of the mention (a date or an ISO string); roles use it.
        """
        best = self.candidates(mention, limit=1, at=at)
        threshold = self.threshold if threshold is None else threshold
        if best and best[0].reaches(threshold):
            return best[0]
        return None

    def resolve_many(self, mentions: Iterable[str], *, at: dt.date | str | Sequence[dt.date | str | None] | None = None,
                     workers: int | None = None, threshold: float | None = None,
                     progress: bool | None = None) -> list[Resolution | None]:
        """:meth:`resolve` for many mentions, on several processes; the same answers, in order.

        ``at`` is one date for all mentions or a sequence with one date (or None) per mention.
        ``workers`` is the number of processes (default: every core); a mention repeated in the
        batch is resolved once. ``progress`` shows a progress bar on standard error (default:
        when standard error is a terminal).

        >>> Resolver.default().resolve_many(["Choïgou", "Сергей Шойгу", "Sanaa Amir"], workers=1)[1].entity_id
        'person:sergei-shoigu'
        """
        from . import batch
        return batch.resolve_many(self, mentions, at=at, workers=workers, threshold=threshold, progress=progress)

    def link(self, text: str, *, at: dt.date | str | None = None) -> "list[Span]":
        """Every mention of a gazetteer entity in ``text``, resolved: non-overlapping spans
        with offsets into ``text``, in order (see :mod:`namematch.link`).

        >>> [(s.text, s.entity_id) for s in Resolver.default().link("Haftar a rencontré Vladimir Poutine.")]
        [('Haftar', 'person:khalifa-haftar'), ('Vladimir Poutine', 'person:vladimir-putin')]
        """
        from .link import link
        return link(self, text, at=at)

    def candidates(self, mention: str, limit: int = 5, *, at: dt.date | str | None = None) -> list[Resolution]:
        """Up to ``limit`` entities ``mention`` may name, best first, each with its probability.
        Namesakes rank by the probability that the mention names one of them (see
        :attr:`Resolution.namesakes`), each with its own part of it."""
        day = None if at is None else parse_date(at)
        if not isinstance(mention, str):
            raise TypeError(f"a mention is a str, not {type(mention).__name__}")
        # Resolving makes and drops thousands of small objects, none in a cycle: the cyclic
        # garbage collector, set off by their number, would walk the caches again and again (a
        # sixth of the time at 100k names).
        with paused_gc():
            return self._candidates_of(mention, limit, day)

    def _candidates_of(self, mention: str, limit: int, day: dt.date | None) -> list[Resolution]:
        spellings = alternatives(mention)
        if len(spellings) > 1:
            # A list of aliases: each spelling on its own, each entity with its best answer.
            best: dict[str, Resolution] = {}
            for spelling in spellings:
                for resolution in self._candidates(spelling, limit):
                    if resolution.entity_id not in best or resolution.confidence > best[resolution.entity_id].confidence:
                        best[resolution.entity_id] = resolution
            found = sorted(best.values(), key=_best_first)[:limit]
        else:
            with self.remembering():
                found = self._candidates(mention, limit)
                better_answers = (self._titled_person(mention, day), self._office_of_person(mention, day),
                                  self._acronym_spelled_out(mention))
            # A person named by office and name: the person's answer weighs the office against
            # the tenures, in place of the plain one. An office of a person ("porte-parole de
            # Khalifa Haftar"): the office of the institution the person heads.
            for better in better_answers:
                if better is not None:
                    found = [better] + [r for r in found if r.entity_id != better.entity_id]
                    found = sorted(found, key=_best_first)[:limit]
        return [self._with_holders(resolution, day) if resolution.kind is Kind.ROLE else resolution
                for resolution in found]

    def office_and_name(self, mention: str) -> tuple[str, Resolution, str, Resolution] | None:
        """The split of a mention into an office part that resolves to a role and a name part
        that resolves to a person ("le ministre russe de la Défense, Sergueï Choïgou"), in either
        order: (office part, role, name part, person), the most confident of all splits, or
        None. Offices of a person ("porte-parole de Khalifa Haftar", "Putin's spokesman") are
        not splits."""
        if not self.gazetteer.tenures or not _names_an_office(mention):
            return None
        splits = _splits(mention)
        if not 1 <= len(splits) <= _MOST_WORDS:
            return None
        best: tuple[float, str, Resolution, str, Resolution] | None = None
        for head, tail in splits:
            _, head_ends = _function_edges(head)
            tail_starts, tail_ends = _function_edges(tail)
            for office, name, name_ends in ((head, tail, tail_ends), (tail, head, head_ends)):
                if office is head and (head_ends or tail_starts):
                    continue  # "porte-parole de Khalifa Haftar" is his spokesman, not Haftar
                if office is tail and _POSSESSIVE_END.search(head):
                    continue  # "Putin's spokesman" neither
                if name_ends:
                    continue  # "Khalifa Haftar Le | commandant...": the article goes with the office
                if not _names_an_office(office) or not _has_a_name_word(name):
                    continue  # "le ministre | russe de la Défense Sergueï Choïgou": no office, or no name
                person = self._best_of_kind(name, Kind.PERSON)
                role = person and self._office_for(office, person)
                if not (role and person):
                    continue
                # A name word of the name part that the person's name lacks is rather the
                # office's (المبعوثة الأممية | هانا تيتيه, the UN envoy): the split is the less
                # likely by the share of such words.
                likely = role.confidence * person.confidence * _share_met(name, person)
                if best is None or likely > best[0]:
                    best = (likely, office, role, name, person)
        return None if best is None else best[1:]

    def _office_for(self, office: str, person: Resolution) -> Resolution | None:
        """The role an office part names beside a person's name: of the roles it may name, one
        the person has held ("Premier ministre" beside Dbeibah is Libya's, not Russia's), where
        it reaches ``MatchConfig.held_office_floor``; else the best role, where it reaches the
        threshold."""
        roles = [found for found in self._candidates(office, _OFFICES_WEIGHED) if found.kind is Kind.ROLE]
        held = {tenure.role_id for tenure in self.gazetteer.tenures_of_person(person.entity_id)}
        # The office of several countries, named without the country, is the one the person
        # held: the person tells them apart.
        for role in roles:
            if role.entity_id in held and (role.with_namesakes >= self.config.held_office_floor
                                           or _names_the_whole_office(office, role)):
                return role.told_apart()
        if held and roles and not held & {role.entity_id for role in roles}:
            # A bare office ("الرئيس", president) names as well a dozen roles of as many
            # countries, which tie: the one the person held may rank below the first few.
            for role in self._candidates(office, _OFFICES_HELD_WEIGHED):
                if role.entity_id in held and _names_the_whole_office(office, role):
                    return role.told_apart()
        return roles[0] if roles and roles[0].confidence >= self.threshold else None

    def _titled_person(self, mention: str, day: dt.date | None) -> Resolution | None:
        """A person named with an office, in either order ("le ministre russe de la Défense,
        Sergueï Choïgou", "Sergueï Choïgou, ministre..."): the split of the mention into an
        office part that resolves to a role and a name part that resolves to a person, the most
        likely of all splits; the person's confidence then rises where the tenures say they
        held the office on ``day`` and falls where they never held it. None when the mention
        has no office word or no split gives both a role and a person."""
        best = self.office_and_name(mention)
        if best is None:
            return None
        _office, role, _name, person = best
        tenures = [t for t in self.gazetteer.tenures_of_person(person.entity_id) if t.role_id == role.entity_id]
        if any(day is None or t.covers(day) for t in tenures):
            fit, odds = 1.0, self.config.title_fits_odds
        elif not tenures and self.gazetteer.tenures_of_role(role.entity_id):
            fit, odds = -1.0, self.config.title_contradicts_odds
        elif tenures:
            return person  # held it at another time: no evidence either way
        else:
            return None  # nobody's tenures are known for the office: the plain answer stands
        contributions = (*person.contributions, ("title_fit", math.log(odds)))
        return dataclasses.replace(person, features=(*person.features, ("title_fit", fit)),
                                   contributions=contributions,
                                   confidence=self.calibration.probability_of(contributions))

    def _office_of_person(self, mention: str, day: dt.date | None) -> Resolution | None:
        """A role named as an office of a person: "porte-parole de Khalifa Haftar", "spokesman
        of Haftar", "المتحدث باسم حفتر". The person is resolved, the institutions of the roles
        they hold on ``day`` (today without a date) are found, and the office is read as that
        institution's ("porte-parole de" + "Armée nationale libyenne"). Confidence: the
        product of the person's and the role's."""
        if not self.gazetteer.tenures or not _names_an_office(mention):
            return None
        best: Resolution | None = None
        for head, tail in _splits(mention)[:_MOST_WORDS]:
            if _function_edges(head)[1]:
                office, name = head, tail  # porte-parole de Khalifa Haftar
            elif _POSSESSIVE_END.search(head):
                office, name = f"{tail} of", head  # Putin's spokesman
            else:
                continue
            if not _names_an_office(office) or not _has_a_name_word(name):
                continue
            person = self._best_of_kind(name, Kind.PERSON)
            if person is None or _office_words_left(name, person):
                continue  # "vice-ministre russe de la | Défense Iounous-Bek Evkourov": the office goes on
            today = day or dt.date.today()
            held = {t.role_id for t in self.gazetteer.tenures_of_person(person.entity_id) if t.covers(today)}
            # The office may be the institution's (the LNA's spokesman) or the office's own (the
            # President of Russia's press secretary).
            superiors = held | {org for role_id in held for org in self._institutions_of(role_id)}
            written = script(office)
            for superior in sorted(superiors):
                names = list(dict.fromkeys(n.text for n in self.gazetteer[superior].names))
                # Its names in the office's script first ("porte-parole de" + a French or English
                # name); the others only where none of those gives an office of it.
                found = False
                for batch in ([text for text in names if script(text) == written],
                              [text for text in names if script(text) != written]):
                    for superior_name in batch:
                        role = self._best_of_kind(f"{office} {superior_name}", Kind.ROLE)
                        if role is None or role.entity_id in held or superior not in self._institutions_of(role.entity_id):
                            continue
                        found = True
                        confidence = person.confidence * role.confidence
                        if best is None or confidence > best.confidence:
                            # The person's probability enters the log-odds as one more term, so
                            # that explain() adds up to the confidence given.
                            through = _logit(confidence) - sum(value for _name, value in role.contributions)
                            best = dataclasses.replace(
                                role, confidence=confidence,
                                features=(*role.features, ("through_person", person.confidence)),
                                contributions=(*role.contributions, ("through_person", through)))
                    if found:
                        break
        return best

    def listed_acronyms(self) -> dict[str, frozenset[str]]:
        """The institutions' names that are acronyms (one word of two to eight capitals, in a
        script with case: LNA, ANL, ЛНА), each with the institutions that list it; worked out once."""
        acronyms = self.__dict__.get("_acronyms")
        if acronyms is None:
            acronyms = self.__dict__["_acronyms"] = _listed_acronyms(self.gazetteer)
        return acronyms

    def _acronym_spelled_out(self, mention: str) -> Resolution | None:
        """A role or institution named with another institution's acronym in its place ("LNA
        commander", "porte-parole de l'ANL", "Командующий ЛНА"): the mention with the acronym
        spelled out as each of that institution's names in the acronym's script, where one
        resolves to a role or another institution. The acronym stands for words a name holds."""
        acronyms = self.listed_acronyms()
        words = [word for word in _ACRONYM_WORD.findall(mention) if len(acronyms.get(word, ())) == 1]
        if not words or len(_WORDS.findall(mention)) < 2:  # most mentions have no acronym
            return None
        best: Resolution | None = None
        for word in dict.fromkeys(words):
            (org,) = acronyms[word]
            for name in dict.fromkeys(n.text for n in self.gazetteer[org].names):
                if script(name) != script(word) or name in acronyms:
                    continue
                spelled = regex.sub(rf"(?<!\w){regex.escape(word)}(?!\w)", lambda _match: name, mention)
                for found in self._candidates(spelled, 1):
                    if found.kind is not Kind.PERSON and found.entity_id != org and (
                            best is None or found.confidence > best.confidence):
                        # The acronym is one of the mention's words met: it stands for the name.
                        best = dataclasses.replace(found, pairs=(*found.pairs, (word.lower(), name, 1.0, word, name)))
        return best

    def _institutions_of(self, role_id: str) -> frozenset[str]:
        """What a role is an office of (see :func:`_role_institutions`), worked out once."""
        links = self.__dict__.get("_role_institutions")
        if links is None:
            links = self.__dict__["_role_institutions"] = _role_institutions(self.gazetteer)
        return links.get(role_id, frozenset())

    def _best_of_kind(self, mention: str, kind: Kind) -> Resolution | None:
        """The best answer for ``mention`` when it reaches the threshold and is of ``kind``."""
        if not mention:
            return None
        found = self._candidates(mention, 1)
        if found and found[0].kind is kind and found[0].confidence >= self.threshold:
            return found[0]
        return None

    def _with_holders(self, role: Resolution, day: dt.date | None) -> Resolution:
        """A role's answer with who held it on ``day`` (today's holders, and no single holder,
        without a date). A holder is as likely right as the role: the tenures say who held it."""
        holders = tuple(
            Resolution(entity_id=person_id, kind=self.gazetteer[person_id].kind, label=self.gazetteer[person_id].label,
                       confidence=role.confidence, matched_name="")
            for person_id in self.gazetteer.holders(role.entity_id, day or dt.date.today()))
        holder = holders[0] if day is not None and len(holders) == 1 else None
        return dataclasses.replace(role, holder=holder, holders=holders)

    def _candidates(self, mention: str, limit: int) -> list[Resolution]:
        memo = getattr(self._local(), "memo", None)
        if memo is None:
            return self._score(mention, limit)
        found = memo.get((mention, limit))
        if found is None:
            found = memo[(mention, limit)] = self._score(mention, limit)
        return list(found)

    def _local(self) -> threading.local:
        local = self.__dict__.get("_thread")
        if local is None:
            local = self.__dict__.setdefault("_thread", threading.local())
        return local

    @contextlib.contextmanager
    def remembering(self) -> Iterator[None]:
        """Within this block, answers are remembered: linking a text, or splitting an office
        from a name, asks for the same words many times. Outside it nothing is kept."""
        local = self._local()
        if getattr(local, "memo", None) is not None:
            yield
            return
        local.memo = {}
        local.known = {}
        try:
            yield
        finally:
            local.memo = local.known = None

    def __getstate__(self) -> dict[str, object]:
        # Per-thread memos and what is worked out on demand are not saved.
        return {key: value for key, value in self.__dict__.items() if key not in ("_thread", "_link_words",
                                                                                 "_role_institutions", "_acronyms")}

    def _score(self, mention: str, limit: int) -> list[Resolution]:
        tokens = tokenise(mention, query=True)
        if not any(t.kind is PartKind.NAME or t.kind is PartKind.TITLE for t in tokens):
            return []  # nothing but initials or particles (V., و, ال)
        query_compounds = compounds(tokens)
        best_by_entity: dict[str, tuple[float, Match, IndexedName]] = {}
        not_answers: dict[str, float] = {}  # entities matched only as readings of the mention
        titles_only = whole_title(tokens)
        matcher = QueryMatcher(tokens, self.index, query_compounds, known=getattr(self._local(), "known", None))
        written = script(mention)
        positions = self.index.candidates(tokens, compounds=query_compounds)
        candidates = [(position, self.index.names[position]) for position in positions]
        matcher.prepare([(indexed.tokens, indexed.compounds) for _position, indexed in candidates])
        for position, indexed in candidates:
            result = matcher.match(indexed.tokens, indexed.compounds, self.index.weights[position],
                                   person=indexed.entity.kind is Kind.PERSON,
                                   name_courtesies=self.index.courtesies.get(position, ()))
            factor = ((self.config.office_missing_factor if result.office_missing else 1.0)
                      * (self.config.country_conflict_factor if result.country_conflict else 1.0)
                      * (self.config.office_conflict_factor if result.office_conflict else 1.0))
            if factor != 1.0:
                # A role named without its office, or with another country's word: both coverages
                # (and so the score) keep that share, as the calibration weighs each of them.
                result = dataclasses.replace(result, query_coverage=result.query_coverage * factor,
                                             name_coverage=result.name_coverage * factor)
            score = result.score
            entity_id = indexed.entity.id
            if (_names_its_place_only(result, indexed.tokens, self.index.weights[position])
                    or (titles_only and indexed.entity.kind is not Kind.PERSON)
                    or (result.office_missing and indexed.entity.kind is Kind.ROLE)):
                # It names the country or the city, or a person by a title ("le général" is a
                # general, not the General Command), or an office's institution without the office
                # ("le gouvernement russe" is not its chairman): never the answer, but a reading of
                # the mention that takes its share of the belief (روسيا of "دعم روسيا" is Russia, not
                # an institution of Russia, nor the Rapid Support Forces for دعم alone).
                not_answers[entity_id] = max(score, not_answers.get(entity_id, 0.0))
                continue
            previous = best_by_entity.get(entity_id)
            # Of an entity's names that match as well, the one in the mention's word order, then
            # one in the mention's script (هاكان فيدان rather than Hakan Fidan for an Arabic
            # mention: the linker trusts a match in the text's own script more).
            if previous is None or score > previous[0] or (score == previous[0] and (
                    result.crossed < previous[1].crossed
                    or (result.crossed == previous[1].crossed and script(indexed.name.text) == written
                        and script(previous[2].name.text) != written))):
                best_by_entity[entity_id] = (score, result, indexed)
        if not best_by_entity:
            return []
        scored = {**not_answers, **{entity_id: score for entity_id, (score, _, _) in best_by_entity.items()}}
        shares = self._shares(list(scored.items()))
        # Of entities the mention matches equally well (two John Abernathys), the one the gazetteer
        # lists under more names, in more languages, first: an entity named in many languages is
        # the better known. Confidences are unchanged: only the order of equals.
        ranked = sorted(best_by_entity.items(),
                        key=lambda item: (-shares[item[0]], -len(self.gazetteer[item[0]].names), item[0]))
        single = 1.0 if sum(1 for t in tokens if t.kind is PartKind.NAME) <= 1 else 0.0
        # The best by score are weighed by the calibration, and the most probable are the
        # answers: the score ranks the share of belief, the probability weighs more (the
        # order of the words, words unmatched on both sides).
        weighed = []
        for entity_id, (score, result, indexed) in ranked[:max(limit, _WEIGHED)]:
            features = {
                "score": score,
                "query_coverage": result.query_coverage,
                "name_coverage": result.name_coverage,
                "log_share": math.log(max(shares[entity_id], 1e-9)),
                # A title a person's name itself holds (Mullah, Maulavi of a listed name), met
                # beside a name word, is a second word met. (An office word is the very word of a
                # role's name: it says which office, not that the one named is the same.)
                "single_token": 0.0 if indexed.entity.kind is Kind.PERSON and _title_beside_name(result) else single,
                "query_unmatched": result.query_unmatched,
                # Lists write some names in reverse (Surname Given); a reversed order with a
                # mediocre match is mostly chance (Grant Allen, Alun Grant).
                "crossed": result.crossed * (1.0 - score),
                # Words on both sides that meet nothing on the other are two different names in
                # the same place: "Khalifa bin Zayed" is not Khalifa Haftar.
                "both_unmatched": result.query_unmatched * (1.0 - result.name_coverage),
                "weakest": _weakest(result, self.config),
                "onset": _onset(result, self.config),
            }
            weighed.append((entity_id, score, result, indexed, features))
        # Most probable first; namesakes by the probability that the mention names one of them,
        # which is the answer's (Resolution.reaches), then each by its part. Stable: equals keep
        # the order of their shares.
        weighed = sorted(self._weighed(weighed, shares), key=lambda item: (-item[-1], -item[0]))
        out = []
        for confidence, entity_id, score, result, indexed, features, contributions, namesakes, _ in weighed[:limit]:
            entity = self.gazetteer[entity_id]
            out.append(Resolution(
                entity_id=entity_id,
                kind=entity.kind,
                label=entity.label,
                confidence=confidence,
                matched_name=indexed.name.text,
                score=score,
                features=tuple(features.items()),
                pairs=keyed_pairs(result, self.config),
                contributions=contributions,
                namesakes=namesakes,
            ))
        return out

    def _weighed(self, candidates: list[tuple[str, float, Match, IndexedName, dict[str, float]]],
                 shares: dict[str, float]) -> list[tuple[float, str, float, Match, IndexedName, dict[str, float],
                                                         tuple[tuple[str, float], ...], tuple[str, ...], float]]:
        """Each candidate with its probability, its features, their contributions, its namesakes
        and the probability that the mention names it or one of them.

        Persons of the same name that the mention matches with the same evidence are
        namesakes: the calibration gives the probability that the mention names one of
        them, from their share together, and each has its part of it by its prior (a half
        for two of the same prior). Without this, each of two namesakes would be given nearly
        the probability of one alone, and only one can be right. So are the same office or
        institution of several countries, named without the country ("the defence minister")."""
        groups: dict[tuple[object, ...], list[str]] = {}
        # Roles met alike by the mention's words, each leaving other words of its name than a
        # country unmet ("the Russian minister": of defence, of foreign affairs).
        alike: dict[tuple[object, ...], list[str]] = {}
        for entity_id, _score, result, indexed, features in candidates:
            if indexed.entity.kind is Kind.PERSON:
                # The same name, met alike (a surname alone meets Haftar's sons as well, by the
                # same word, but they are not namesakes: their names say who is who).
                # A generational suffix the mention does not give (Henry L. Pratt II and III for
                # "Henry L. Pratt") does not tell them apart: the rest of the name and the
                # mention's side of the evidence do.
                met = {unit.text for _query, unit in result.units}
                words = tuple(t.text for t in indexed.tokens
                              if not (t.native.startswith(GENERATION_MARK) and t.text not in met))
                ignored = {"log_share"} if len(words) == len(indexed.tokens) else _NAME_SIDE_FEATURES
                evidence = tuple(round(value, 9) for name, value in features.items() if name not in ignored)
                groups.setdefault((words, evidence), []).append(entity_id)
            else:
                partly = _partly_met(result, indexed.tokens)
                if partly is None:
                    continue
                met, countries = partly
                evidence = tuple(round(value, 9) for name, value in features.items()
                                 if name not in _NAME_SIDE_FEATURES)
                if countries:
                    # The same office or institution of several countries, named without its
                    # country ("the defence minister", وزارة الخارجية): met alike by the
                    # mention's words, whatever the rest of each name.
                    groups.setdefault((indexed.entity.kind, met, evidence), []).append(entity_id)
                elif indexed.entity.kind is Kind.ROLE:
                    alike.setdefault((indexed.entity.kind, met, evidence), []).append(entity_id)
        together = {entity_id: group for group in groups.values() if len(group) > 1 for entity_id in group}
        out = []
        for entity_id, score, result, indexed, features in candidates:
            group = together.get(entity_id)
            if group is None:
                contributions = self.calibration.contributions(features)
            else:
                group_share = sum(shares[other] for other in group)
                features = {**features, "log_share": math.log(max(group_share, 1e-9))}
                contributions = self.calibration.contributions(features)
                together_probability = self.calibration.probability_of(contributions)
                # The words cannot tell them apart: each has its part by its prior alone (the
                # same as by its share for namesakes, whose scores are the same; an office's
                # score differs by the country the mention does not name).
                priors = {other: 1.0 + self.gazetteer[other].prior for other in group}
                part = together_probability * priors[entity_id] / sum(priors.values())
                features["namesakes"] = float(len(group))
                contributions = (*contributions, ("namesakes", _logit(part) - sum(c for _n, c in contributions)))
            probability = self.calibration.probability_of(contributions)
            namesakes = tuple(other for other in group if other != entity_id) if group else ()
            out.append((probability, entity_id, score, result, indexed, features, contributions, namesakes,
                        probability if group is None else together_probability))
        # Of roles met alike, only one is meant: where their probabilities add up to more than
        # one, each keeps its part of one. The calibration, fitted on the best candidates of
        # persons' and institutions' names, weighs the words of a name that a mention leaves
        # out at nearly nothing: right for a person's middle names, not for an office's
        # portfolio. (Of institutions, the best is most often the right one, as fitted: the
        # Islamic State rather than its provinces.)
        for members in alike.values():
            if len(members) < 2:
                continue
            rows = [k for k, item in enumerate(out) if item[1] in members]
            total = sum(out[k][0] for k in rows)
            if total <= 1.0:
                continue
            for k in rows:
                probability, entity_id, score, result, indexed, features, contributions, namesakes, _ = out[k]
                part = probability / total
                contributions = (*contributions, ("alike", _logit(part) - _logit(probability)))
                out[k] = (part, entity_id, score, result, indexed, {**features, "alike": float(len(members))},
                          contributions, namesakes, part)
        return out

    def _shares(self, scored: list[tuple[str, float]]) -> dict[str, float]:
        """Each candidate's share of belief: exp(sharpness * score) * (1 + prior), normalised.

        In a sparse gazetteer a mediocre match has no rival; the share says only how the
        candidates divide the belief between them, and the calibration weighs it with the
        absolute quality of the match.
        """
        if not scored:
            return {}
        top = max(score for _, score in scored)
        sharpness = self.config.share_sharpness
        weights = {entity_id: math.exp(sharpness * (score - top)) * (1.0 + self.gazetteer[entity_id].prior)
                   for entity_id, score in scored}
        # Only the strongest rivals divide the belief: how many weak candidates were scored
        # besides is a setting of the index, not evidence.
        total = sum(heapq.nlargest(self.config.share_rivals, weights.values()))
        return {entity_id: weight / total for entity_id, weight in weights.items()}


def _best_first(resolution: Resolution) -> tuple[float, float, str]:
    """The order of answers: the most probable first, namesakes by the probability of the group."""
    return (-resolution.with_namesakes, -resolution.confidence, resolution.entity_id)


def _words_met(resolution: Resolution) -> set[str]:
    """The mention's words that the resolution's name met."""
    return {word for query_words, *_rest in resolution.pairs for word in query_words.split()}


def _share_met(mention: str, resolution: Resolution) -> float:
    """The share of a mention's name words that the resolution's name met."""
    words = [token.text for token in tokenise(mention, query=True) if token.kind is PartKind.NAME]
    met = _words_met(resolution)
    return sum(word in met for word in words) / len(words) if words else 1.0


def _office_words_left(name: str, person: Resolution) -> bool:
    """Whether the words given as a person's name hold a concept word (an office's, an
    institution's, a country's) that the person's name did not meet: "Défense Iounous-Bek
    Evkourov" is the end of an office and a name, not a name."""
    met = _words_met(person)
    return any(conceptual(token) and token.text not in met for token in tokenise(name, query=True))


def _title_beside_name(result: Match) -> bool:
    """Whether the mention's words met include a name word and a title that the name holds as
    the mention writes it, or in another spelling of it (not Haji against Shaykh)."""
    kinds = {query.kind if query.kind is not PartKind.TITLE or pair[2] == 1.0 else None
             for (query, _name), pair in zip(result.units, result.pairs)}
    return PartKind.TITLE in kinds and PartKind.NAME in kinds


#: A word as written, and one of two to eight capitals (an acronym: LNA, ЛНА).
_WORDS = regex.compile(r"[\p{L}\p{N}]+")
_ACRONYM_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}{2,8}(?![\p{L}\p{N}])")


def _listed_acronyms(gazetteer: Gazetteer) -> dict[str, frozenset[str]]:
    """See :meth:`Resolver.listed_acronyms`."""
    found: dict[str, set[str]] = {}
    for entity in gazetteer.values():
        if entity.kind is Kind.ORG:
            for name in entity.names:
                text = name.text.strip()
                if _ACRONYM_WORD.fullmatch(text):
                    found.setdefault(text, set()).add(entity.id)
    return {text: frozenset(ids) for text, ids in found.items()}


def _names_the_whole_office(office: str, role: Resolution) -> bool:
    """Whether an office part beside a person who held the role names that role, however weakly
    it scores alone: every word met in the role's name, and either office words only ("spokesman"
    of the LNA's spokesman, whose other words are the institution's), or office and institution
    words that leave out only the role's country ("وزير الخارجية" of وزير خارجية مصر, but not
    "رئيس مجلس" of رئيس مجلس النواب, cut short)."""
    if not _all_words_met(role):
        return False
    return _offices_only(office) or (_concept_words_only(office, (OFFICE_MARK, INSTITUTION_MARK))
                                     and _leaves_only_its_country(role))


def _offices_only(office: str) -> bool:
    """Whether every word of an office part is an office (spokesman, الوزير), with no
    institution's, country's or name's word: a whole office, not one cut short ("رئيس مجلس",
    president of the council, of "رئيس مجلس النواب")."""
    return _concept_words_only(office, (OFFICE_MARK,))


def _concept_words_only(office: str, marks: tuple[str, ...]) -> bool:
    """Whether every word of an office part reads as a concept of ``marks``, and one as an office."""
    tokens = [token for token in tokenise(office, query=True) if token.kind is not PartKind.FUNCTION]
    return bool(tokens) and all(any(unit.native[:1] in marks for unit in token.units()) for token in tokens) and any(
        unit.native.startswith(OFFICE_MARK) for token in tokens for unit in token.units())


def _all_words_met(role: Resolution) -> bool:
    """Whether every word of an office part met a word of the role's name: the office without
    its institution or country ("spokesman" of "Spokesman of the Libyan National Army"), which
    beside a person who held the role is that role, however many words of the name it leaves
    out."""
    features = dict(role.features)
    return features.get("query_coverage", 0.0) >= _FULLY_MET and features.get("query_unmatched", 1.0) == 0.0


def _leaves_only_its_country(role: Resolution) -> bool:
    """Whether the words of a role's matched name that the mention did not meet are its country
    only (وزير الخارجية of وزير خارجية مصر): an office may leave out whose it is, not the name
    of its institution ("رئيس مجلس" of رئيس مجلس النواب is cut short)."""
    met = {name_key for *_words, name_key in role.pairs}
    return all(any(unit.native in met or unit.phonetic in met or unit.native.startswith(COUNTRY_MARK)
                   for unit in token.units())
               for token in tokenise(role.matched_name, query=True) if token.kind is not PartKind.FUNCTION)


#: The coverage of an office part whose every word met a word of the role's name.
_FULLY_MET = 0.99

