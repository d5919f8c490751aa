"""A candidate index over cross-script token keys.

Every name of the gazetteer is tokenised once. Each name token is filed under its skeleton key
(``normalise.skeleton_key``) and, in the manner of SymSpell, under every key with one class
deleted, so that a query token whose skeleton differs by one letter class (an insertion, a
deletion or a substitution) still meets it. A query proposes the names that share the most
rarity-weighted keys with it; only those are scored in full. A theophoric name word (Abdelaziz,
Ghiasuddin) is also filed by its stem alone, the short form it goes by (Aziz, Ghias), apart from
the words' own keys.

The index also holds the rarity of every key (inverse document frequency over entities), which
the scorer uses as token weights.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import math
import multiprocessing
import os
import threading
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from .config import DEFAULT_CONFIG, MatchConfig
from .gazetteer import Entity, Gazetteer, Kind, Name
from .normalise import (PartKind, Token, acronym_token, alias_spellings, compounds, courtesy_titles, heard_keys, initials, initials_token,
                        remember_heard_keys, script, short_form_keys, theophoric, tokenise,
                        unheard_keys)

__all__ = ["IndexedName", "CandidateIndex", "token_key", "token_keys", "paused_gc"]

#: A deletion variant only for keys at least this long: shorter keys would meet everything.
_MIN_DELETION_KEY = 3
#: A match through a deletion variant counts this much of an exact key match.
_DELETION_HIT = 0.6
#: Where a query word meets more than a fraction 1/_SCANNED of the names (counted with
#: repeats), whole arrays of votes are added and scanned rather than the names met picked out.
_SCANNED = 32
#: An initial weighs this much of a name word (CandidateIndex.weight), and votes as much.
_INITIAL_WEIGHT = 0.5
#: How a query word meets a name's (CandidateIndex._hits).
_SPELLING, _EXACT, _NEAR = "spelling", "exact", "near"


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One gazetteer name, tokenised."""

    entity: Entity
    name: Name
    tokens: tuple[Token, ...]
    #: Neighbouring words read as one (``normalise.compounds``).
    compounds: tuple[tuple[tuple[int, ...], Token], ...] = ()

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields: far faster to unpickle than the dataclass default.
        return (type(self), (self.entity, self.name, self.tokens, self.compounds))


@contextlib.contextmanager
def paused_gc(*, freeze: bool = False):
    """Pause the cyclic garbage collector while building, saving or loading millions of small
    objects that hold no cycles, or while resolving a mention (thousands made and dropped): it
    would otherwise walk them, or the caches, all again and again. Re-entrant: an inner pause
    leaves the collector as the outer one found it.

    With ``freeze``, the objects made are then moved out of the collector's sight for good
    (:func:`gc.freeze`): an index lives as long as its resolver, and without this every full
    collection while resolving would walk all its objects (a second each at a million names).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def _key(phonetic: str, skeleton: str) -> str:
    """The index key of one reading of a word: its skeleton, or its phonetic form (marked "~")
    when it has no consonant."""
    return skeleton or "~" + phonetic


def token_key(token: Token) -> str:
    """The index key of a token (:func:`_key` of its first reading)."""
    return _key(token.phonetic, token.skeleton)


def token_keys(token: Token) -> set[str]:
    """The index keys of every reading of a token's spelling."""
    return {_key(phonetic, skeleton) for phonetic, skeleton, _shape in token.keys}


def spelling_keys(token: Token) -> set[str]:
    """The index keys of the phonetic spellings of a token (marked "=" apart from skeletons):
    a skeleton such as KN (Kaine, Khan, Keen) is shared by thousands of names, a spelling has
    its own rarity."""
    return {"=" + phonetic for phonetic, _skeleton, _shape in token.keys}


def initial_key(phonetic: str) -> str:
    """The index key of a name's initial, or of a query word's first letter that may meet one
    (marked "·"): the first letter of a phonetic key."""
    return "·" + phonetic[:1]


def heard_index_keys(token: Token) -> tuple[str, ...]:
    """The index keys of a Latin word's readings by ear (:func:`normalise.heard_keys`), their
    spellings and skeletons, filed apart (marked "§"): they are for words of other scripts to
    meet, not other Latin spellings. Empty for a word of another script."""
    return tuple(key for phonetic, skeleton, _shape in heard_keys(token.text)
                 for key in ("§=" + phonetic, "§" + _key(phonetic, skeleton)))


def stem_keys(token: Token) -> tuple[str, ...]:
    """The index keys (as :func:`token_keys` makes them) of a theophoric word's stem alone
    (:func:`normalise.short_form_keys`)."""
    return tuple(dict.fromkeys(_key(phonetic, skeleton) for phonetic, skeleton, _shape in short_form_keys(token)))


def short_form_index_keys(token: Token) -> tuple[str, ...]:
    """The keys a theophoric name word is filed under by its stem alone, apart (marked "÷"): for
    the words without the element to meet."""
    return tuple("÷" + key for key in stem_keys(token))


def _rarity(count: int, total: int) -> float:
    """Inverse document frequency of a key met in ``count`` of ``total`` entities or names."""
    return math.log((total + 1) / (count + 0.5))


def _deletions(key: str) -> set[str]:
    if len(key) < _MIN_DELETION_KEY or key.startswith("~"):
        return set()
    return {key[:i] + key[i + 1:] for i in range(len(key))}


class CandidateIndex:
    """Names of a gazetteer filed under their token keys."""

    def __init__(self, gazetteer: Gazetteer, config: MatchConfig = DEFAULT_CONFIG) -> None:
        with paused_gc(freeze=True):
            self._build(gazetteer, config)

    def _build(self, gazetteer: Gazetteer, config: MatchConfig) -> None:
        self.config = config
        interned: dict[Token, Token] = {}  # equal words of different names share one Token
        # Names are filed in a fixed order (by entity id, then name) so that the index, and so
        # every answer, does not depend on the order of the gazetteer's rows.
        ordered = [(entity, name, (name.text, entity.kind is not Kind.PERSON)) for entity_id in sorted(gazetteer)
                   for entity in (gazetteer[entity_id],)
                   for name in sorted(set(entity.names), key=lambda n: (n.text, n.lang))]
        ordered += [(entity, name, (name.text, entity.kind is not Kind.PERSON)) for entity_id in sorted(gazetteer)
                    for entity in (gazetteer[entity_id],) for name in _aliases(entity)]
        ordered += [(entity, name, (name.text, None)) for entity_id in sorted(gazetteer)
                    for entity in (gazetteer[entity_id],) for name in _derived(entity)]
        # The same spelling in several languages (en, fr, de...) is tokenised once, in the
        # order the names first use it; each name is filed as soon as its spelling is ready.
        spellings = list(dict.fromkeys(spelling for _entity, _name, spelling in ordered))
        ready = _tokenise_spellings(spellings, interned)
        tokenised: dict[tuple[str, bool], tuple[tuple[Token, ...], tuple]] = {}
        # One name spelled the same in several languages is filed once.
        unique: dict[tuple[str, tuple[str, ...]], IndexedName] = {}
        names: list[IndexedName] = []
        #: The courtesy titles of the persons' names that have some (normalise.courtesy_titles),
        #: by position: a title the mention lacks costs nothing (scoring.QueryMatcher.match).
        self.courtesies: dict[int, tuple[bool, ...]] = {}
        courtesies = self.courtesies

        #: Whether some name word is written in another script than Latin: then a Latin query
        #: word's readings by ear are worth looking up.
        self._other_scripts = False
        #: The readings by ear of the names' Latin words, saved with the index (__setstate__).
        self._heard_words: dict[str, tuple[tuple[str, str, str], ...]] = {}
        # The positions of the names each distinct (interned) word and compound is in: a word's
        # keys are filed once for all its names afterwards, not name by name (a million names
        # hold a few tens of thousands of distinct words).
        word_positions: dict[int, array] = {}
        compound_positions: dict[int, array] = {}
        initial_positions: dict[str, array] = defaultdict(lambda: array("i"))
        distinct: dict[int, Token] = {}
        for entity, name, spelling in ordered:
            if spelling not in tokenised:
                tokenised[spelling] = next(ready)
            indexed = IndexedName(entity, name, *tokenised[spelling])
            identity = (entity.id, tuple(t.text for t in indexed.tokens))
            if identity in unique:
                continue
            unique[identity] = indexed
            position = len(names)
            names.append(indexed)
            if entity.kind is Kind.PERSON and (titled := courtesy_titles(indexed.tokens)):
                courtesies[position] = titled
            for token in indexed.tokens:
                if token.kind is PartKind.NAME:
                    found = word_positions.get(id(token))
                    if found is None:
                        found = word_positions[id(token)] = array("i")
                        distinct[id(token)] = token
                    found.append(position)
                elif token.kind is PartKind.INITIAL and token.keys:
                    # An initial stands for a word of the query that opens with its letter (Jan
                    # P. Syse, Jan Peder Syse): filed apart, for query words to meet by their
                    # first letter.
                    initial_positions[initial_key(token.phonetic)].append(position)
            for _span, token in indexed.compounds:
                found = compound_positions.get(id(token))
                if found is None:
                    found = compound_positions[id(token)] = array("i")
                    distinct[id(token)] = token
                found.append(position)
        listed = names
        del interned, tokenised, ordered, spellings, unique, names

        # Names by the keys of their words, and apart from them by those keys with one class
        # deleted: a query key meeting a word's key is an exact hit, meeting a deletion variant
        # (or a deletion of the query key meeting either) is a near one.
        words: dict[str, list[np.ndarray]] = defaultdict(list)
        joined: dict[str, list[np.ndarray]] = defaultdict(list)
        heard: dict[str, list[np.ndarray]] = defaultdict(list)
        spelled: dict[str, list[np.ndarray]] = defaultdict(list)
        short: dict[str, list[np.ndarray]] = defaultdict(list)
        entities_per_key: dict[str, list[np.ndarray]] = defaultdict(list)
        heard_words = self._heard_words
        for number, found in word_positions.items():
            token = distinct[number]
            positions = np.frombuffer(found, dtype=np.int32)
            entities_per_key[token_key(token)].append(positions)
            self._other_scripts = self._other_scripts or script(token.text) != "latin"
            # A derived acronym meets the same letters only (scoring.token_similarity): filed by
            # its skeleton, it would stand among the names a word like it meets exactly
            # (Chalifa and GCLAAF are both KLF) and crowd out the names it belongs to.
            for key in token_keys(token) if token.reading != "initials" else ():
                words[key].append(positions)
            for key in spelling_keys(token):
                spelled[key].append(positions)
            # A theophoric name is filed apart by its stem alone, which a word without the
            # element may be (Aziz, Abdelaziz: normalise.short_form_keys).
            for key in short_form_index_keys(token):
                short[key].append(positions)
            heard_keys_of = heard_index_keys(token)
            if heard_keys_of:
                heard_words[token.text] = heard_keys(token.text)
            for key in heard_keys_of:
                heard[key].append(positions)
        for number, found in compound_positions.items():
            positions = np.frombuffer(found, dtype=np.int32)
            for key in token_keys(distinct[number]):
                joined[key].append(positions)
        del word_positions, compound_positions, distinct
        word_postings = {key: _merged(found) for key, found in words.items()}
        del words
        exact = dict(word_postings)
        for key, found in joined.items():
            exact[key] = _merged([exact[key], *found]) if key in exact else _merged(found)
        del joined
        exact.update((key, _merged(found)) for key, found in spelled.items())
        exact.update((key, _merged(found)) for key, found in heard.items())
        exact.update((key, _merged(found)) for key, found in short.items())
        exact.update((key, _without_repeats(np.frombuffer(found, dtype=np.int32)))
                     for key, found in initial_positions.items())
        #: Whether some name word has readings by ear filed (a Latin word).
        self._heard = bool(heard)
        del spelled, heard, short, initial_positions
        # Deletion variants are worked out once per distinct key, then expanded to the names.
        keys_by_variant: dict[str, list[str]] = defaultdict(list)
        for key in word_postings:
            for variant in _deletions(key):
                keys_by_variant[variant].append(key)
        deleted = {variant: _merged([word_postings[key] for key in keys]) for variant, keys in keys_by_variant.items()}
        del keys_by_variant, word_postings
        self._postings = _Postings(exact)
        self._deleted = _Postings(deleted)
        del exact, deleted
        #: The names, by position: built on access from a flat table (``_NameTable``).
        self.names = table = _NameTable(listed)
        del listed
        entity_count = max(1, len(gazetteer))
        entity_of = table.entity_numbers()  # the entity of each position
        self._idf = {key: _rarity(_distinct_count(entity_of[np.concatenate(found)]), entity_count)
                     for key, found in entities_per_key.items()}
        del entities_per_key, entity_of
        self._unseen_idf = _rarity(0, entity_count)
        # The rarity of each distinct word, 0 for particles and titles, and of each word of each
        # name in order.
        rarity = np.array([self._idf[token_key(t)] if t.kind is PartKind.NAME else 0.0 for t in table.tokens])
        token_ids = np.frombuffer(table.token_ids, dtype=np.int32)
        in_order = rarity[token_ids]
        named = np.array([t.kind is PartKind.NAME for t in table.tokens], dtype=bool)[token_ids]
        # Weights are in units of the mean name token, so that the fixed weights of particles and
        # titles in MatchConfig mean the same whatever the gazetteer's size. (Sums are taken in
        # order, one term after the other, as Python's sum of old.)
        name_weights = in_order[named]
        self._mean_idf = float(np.add.accumulate(name_weights)[-1] / len(name_weights)) if len(name_weights) else 1.0
        self._weights: dict[str, float] = {}
        # Each name's total rarity. Votes are divided by its square root, so that a short name the
        # query meets in full ("Ed Fennell" for "Edward Fennell") is not crowded out by the long
        # names that share one word with the query.
        starts = np.frombuffer(table.token_starts, dtype=np.int64)
        lengths = np.diff(starts)
        masses = np.zeros(len(table))
        for place in range(int(lengths.max(initial=0))):  # word by word, in order
            longer = np.flatnonzero(lengths > place)
            masses[longer] += in_order[starts[longer] + place]
        self._name_mass = np.where(masses == 0.0, 1.0, masses)
        table.weigh(self.weight)
        #: The weight of each word of each name (:meth:`weight`), by position.
        self.weights = table.weights

    def __getstate__(self) -> dict[str, object]:
        # The per-thread scratch arrays and what is worked out on demand are not saved.
        return {key: value for key, value in self.__dict__.items() if key not in ("_scratch", "_entity_numbers", "_root")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        # A loaded index's names are compared by ear with words of other scripts: their readings
        # come with it rather than being worked out again, query after query.
        remember_heard_keys(self._heard_words)

    def __len__(self) -> int:
        return len(self.names)

    def weight(self, token: Token) -> float:
        """How much a token counts: rarity for name tokens, fixed weights for particles and titles."""
        config = self.config
        kind = token.kind
        if kind is PartKind.NAME or kind is PartKind.INITIAL:
            key = token_key(token)
            weight = self._weights.get(key)
            if weight is None:
                idf = self._idf.get(key, self._unseen_idf)
                weight = self._weights[key] = max(config.min_token_weight, idf / self._mean_idf)
            return weight * (_INITIAL_WEIGHT if kind is PartKind.INITIAL else 1.0)
        return {
            PartKind.ARTICLE: config.article_weight,
            PartKind.FILIATION: config.filiation_weight,
            PartKind.NOBILIARY: config.nobiliary_weight,
            PartKind.TITLE: config.title_weight,
        }.get(kind, 0.0)

    def candidates(self, tokens: Sequence[Token], limit: int | None = None,
                   compounds: Sequence[tuple[tuple[int, ...], Token]] = ()) -> list[int]:
        """Positions (in :attr:`names`) of the names most worth scoring for a query, best first.

        ``compounds`` are the query's neighbouring words read as one; they vote like words.
        """
        limit = limit or self.config.candidates
        # A title weighs config.title_weight of a name word of mean rarity in a name's score. Met
        # by its own spelling it is that word of the name (an office: الرئيس and رئيس روسيا) and
        # votes as a word; met by its consonants alone, a name word like it (Sri and Sari), it
        # votes no more than it weighs, or a string of titles ("Tan Sri Datuk Seri Haji") would
        # vote for the names with such words over the name the mention gives.
        title_vote = self.config.title_weight * self._mean_idf
        units = [(token, self._idf.get(token_key(token), self._unseen_idf), False) for token in tokens
                 if token.kind in (PartKind.NAME, PartKind.TITLE)]
        # A compound stands for its words: it votes with the weight of its rarest word, not as
        # an unseen word.
        units += [(token, max(self._idf.get(token_key(tokens[i]), self._unseen_idf) for i in span), True)
                  for span, token in compounds]
        # What each query word meets: (positions, strength) for each of its hits.
        met: list[list[tuple[np.ndarray, float]]] = []
        for token, weight, joined in units:
            hit = []
            near = _DELETION_HIT * weight
            for reading in token.units():
                for how, key, positions in self._hits(reading):
                    if how == _SPELLING:
                        # The same spelling: as strong as the spelling is rare among the names
                        # (the words of a compound are filed by their skeletons only).
                        strength = _rarity(len(positions), len(self.names))
                    elif how == _EXACT:
                        # An exact hit counts the rarity of the shorter side: "uston", a reading
                        # of Уэстон, meets the common Austin with Austin's weight, not Weston's.
                        # Two words joined that meet a name's word exactly count that word's
                        # rarity: داود اوغلو as Davutoğlu is as rare as Davutoğlu, common as
                        # Davut and oğlu are apart.
                        rarity = self._idf.get(key)
                        strength = weight if rarity is None else rarity if joined else min(weight, rarity)
                    else:
                        # A near hit is as strong as the nearly met key is rare among the names:
                        # one class deleted from a short skeleton meets hundreds of names, and
                        # such hits together must not crowd out a rare word met by its spelling.
                        strength = min(near, _DELETION_HIT * _rarity(len(positions), len(self.names)))
                    if how != _SPELLING and token.kind is PartKind.TITLE:
                        strength = min(strength, title_vote)
                    hit.append((positions, strength))
                if token.kind is PartKind.NAME and not joined and reading.keys:
                    # The name's initial of this word (Peder, P.) counts as the scorer counts it.
                    positions = self._postings.get(initial_key(reading.phonetic))
                    if positions is not None:
                        hit.append((positions, self.config.initial_similarity * _INITIAL_WEIGHT
                                    * min(weight, _rarity(len(positions), len(self.names)))))
            if hit:
                met.append(hit)
        if not met:
            return []
        return _best_ranked(*self._every_name_met(met), limit)

    def _every_name_met(self, met: list[list[tuple[np.ndarray, float]]]) -> tuple[np.ndarray, np.ndarray]:
        """Every name the query's words meet, and its rank: the votes of the words (each word's
        vote the best of its hits), over the square root of the name's mass."""
        votes, best = self._buffers()
        voted = []
        # Where a word meets many names, adding and clearing whole arrays is cheaper than
        # picking out the names met (measured at 1M names).
        many = len(self.names) // _SCANNED
        scanned = False
        for hit in met:
            # Written weakest first, each name keeps the strongest of its hits.
            for positions, strength in sorted(hit, key=lambda found: found[1]):
                best[positions] = strength
            met_count = sum(len(positions) for positions, _strength in hit)
            if met_count > many:
                votes += best  # (adding 0.0 to a name not met changes nothing)
                best.fill(0.0)
                scanned = True
                continue
            # A name met by several keys of the word appears more than once here; its best is
            # the same each time, and a buffered += adds it once.
            touched = np.concatenate([positions for positions, _strength in hit])
            votes[touched] += best[touched]
            best[touched] = 0.0
            voted.append(touched)
        if scanned or sum(len(t) for t in voted) > many:
            touched = np.flatnonzero(votes != 0.0)  # (comparing first: far faster than on floats)
        else:
            touched = sorted_unique(np.concatenate(voted))
        rank = votes[touched] / self._root_mass[touched]
        if scanned:
            votes.fill(0.0)
        else:
            votes[touched] = 0.0
        return touched, rank

    def _hits(self, reading: Token, *, near: bool = True) -> Iterator[tuple[str, str, np.ndarray]]:
        """The postings a query word's reading meets, as (how, key, positions): by its phonetic
        spelling (``_SPELLING``), by the skeleton key of a word (``_EXACT``), or with one class
        deleted on either side or as a theophoric name's stem alone (``_NEAR``, only where fewer
        than ``near_postings_limit`` names share the key)."""
        for key in spelling_keys(reading):
            positions = self._postings.get(key)
            if positions is not None:
                yield _SPELLING, key, positions
        # Across scripts, a reading by ear meets a word as Russian or Arabic respells it (Жан
        # Jean): a Latin word's own readings meet the names of other scripts, a word of another
        # script meets the readings of Latin names. Exactly, by spelling or skeleton.
        if reading.kind is PartKind.NAME:
            # Readings that are also spellings of the word were looked up above and below.
            heard = [key for key in heard_keys(reading.text) if key not in reading.keys]
            if heard and self._other_scripts:
                lookups = [(how, key) for phonetic, skeleton, _shape in heard
                           for how, key in ((_SPELLING, "=" + phonetic), (_EXACT, _key(phonetic, skeleton)))]
            elif self._heard and script(reading.text) != "latin":
                lookups = [(_SPELLING, "§" + key) for key in spelling_keys(reading)]
                lookups += [(_EXACT, "§" + key) for key in token_keys(reading)]
            else:
                lookups = []
            for how, key in lookups:
                positions = self._postings.get(key)
                if positions is not None:
                    yield how, key, positions
        most = self.config.near_postings_limit
        if near and reading.kind is PartKind.NAME:
            # A theophoric word meets its stem alone, a word without the element the theophoric
            # names it may be the stem of (Aziz, Abdelaziz), as near hits.
            if theophoric(reading):
                lookups = list(stem_keys(reading))
            else:
                lookups = ["÷" + key for key in token_keys(reading)]
            for key in lookups:
                positions = self._postings.get(key)
                if positions is not None and (not most or len(positions) <= most):
                    yield _NEAR, key, positions
        for key in token_keys(reading):
            positions = self._postings.get(key)
            if positions is not None:
                yield _EXACT, key, positions
            if not near:
                continue
            lookups = [(self._deleted, key)]
            for variant in _deletions(key):
                lookups += [(self._postings, variant), (self._deleted, variant)]
            for postings, filed in lookups:
                positions = postings.get(filed)
                if positions is not None and (not most or len(positions) <= most):
                    yield _NEAR, key, positions

    def entities_met(self, tokens: Sequence[Token], *, near: bool = True) -> np.ndarray:
        """Every entity (by number, sorted) with a name that a query word meets by a key that
        :meth:`candidates` looks up, exactly or (with ``near``) nearly: the entities a word may
        belong to, not only the best few."""
        positions = self.names_met(tokens, near=near)
        return sorted_unique(self.entity_numbers[positions]) if len(positions) else positions

    def names_met(self, tokens: Sequence[Token], *, near: bool = True) -> np.ndarray:
        """The names (by position, sorted) that a query word meets by a key, as for
        :meth:`entities_met`."""
        hit = [positions for token in tokens if token.kind in (PartKind.NAME, PartKind.TITLE)
               for reading in token.units() for _how, _key, positions in self._hits(reading, near=near)]
        if not hit:
            return np.zeros(0, dtype=np.int32)
        return sorted_unique(np.concatenate(hit))

    @property
    def entity_numbers(self) -> np.ndarray:
        """The number of each name's entity, by position (numbers follow the order of names)."""
        numbers = self.__dict__.get("_entity_numbers")
        if numbers is None:
            numbers = self.__dict__["_entity_numbers"] = self.names.entity_numbers()
        return numbers

    @property
    def _root_mass(self) -> np.ndarray:
        """The square root of each name's mass (:meth:`candidates` divides votes by it)."""
        root = self.__dict__.get("_root")
        if root is None:
            root = self.__dict__["_root"] = np.sqrt(self._name_mass)
        return root

    def _buffers(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-thread scratch arrays, one slot per name, zero between calls."""
        scratch = self.__dict__.get("_scratch")
        if scratch is None:
            scratch = self.__dict__.setdefault("_scratch", threading.local())
        if getattr(scratch, "votes", None) is None:
            scratch.votes = np.zeros(len(self.names))
            scratch.best = np.zeros(len(self.names))
        return scratch.votes, scratch.best


#: A gazetteer with at least this many distinct spellings is tokenised on every core.
_PARALLEL_SPELLINGS = 50_000


def _tokenise_spellings(spellings: list[tuple[str, bool]],
                        interned: dict[Token, Token]) -> Iterator[tuple[tuple[Token, ...], tuple]]:
    """The tokens and compounds of each spelling (text, read with concepts; None for an acronym
    derived from a name), in order, each token the one of ``interned`` equal to it (equal words
    of different names share one Token: a large gazetteer repeats its given and family names
    many times over).
    Tokenising is most of the time an index takes to build; a large gazetteer is tokenised by a
    process per core (on platforms that fork), while this one files the names already done."""
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if (len(spellings) < _PARALLEL_SPELLINGS or workers < 2 or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon):  # a pool's worker may not start processes
        for tokens, compounded in _tokenise_chunk(spellings):
            yield (tuple(interned.setdefault(t, t) for t in tokens),
                   tuple((span, interned.setdefault(t, t)) for span, t in compounded))
        return
    size = -(-len(spellings) // (16 * workers))
    chunks = [spellings[start:start + size] for start in range(0, len(spellings), size)]
    # Each worker sends a token once and then its number (_numbered_chunk); these are the tokens
    # of each worker by number.
    sent: dict[int, list[Token]] = {}
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for worker, new, numbered, heard in pool.imap(_numbered_chunk, chunks):
            # The workers also read the names' words by ear, which the index files: this
            # process has enough to do filing the names.
            remember_heard_keys(heard)
            tokens = sent.setdefault(worker, [])
            tokens.extend(interned.setdefault(t, t) for t in new)
            for numbers, compounded in numbered:
                yield tuple(map(tokens.__getitem__, numbers)), tuple((span, tokens[n]) for span, n in compounded)


#: In a worker of _tokenise_spellings, the number of each token sent to the parent so far.
_sent_tokens: dict[Token, int] = {}


def _numbered_chunk(spellings: list[tuple[str, bool]]) -> tuple[int, list[Token], list[tuple[tuple[int, ...], tuple]],
                                                                 dict[str, tuple[tuple[str, str, str], ...]]]:
    """:func:`_tokenise_chunk` in a worker, written for the parent to read fast: this process's
    id, the tokens it had not sent before, each spelling's tokens and compounds as their
    numbers (tokens sent before and the new ones, in order), and the readings by ear
    (:func:`normalise.heard_keys`) of the name words it had not read before."""
    new: list[Token] = []

    def number(token: Token) -> int:
        found = _sent_tokens.get(token)
        if found is None:
            found = _sent_tokens[token] = len(_sent_tokens)
            new.append(token)
        return found

    chunk = _tokenise_chunk(spellings)
    numbered = [(tuple(map(number, tokens)), tuple((span, number(t)) for span, t in compounded))
                for tokens, compounded in chunk]
    # The name words' readings, not the compounds' (they are filed by their words' only).
    words = {token.text for tokens, _compounded in chunk for token in tokens if token.kind is PartKind.NAME}
    return os.getpid(), new, numbered, unheard_keys(words)


def _tokenise_chunk(spellings: list[tuple[str, bool]]) -> list[tuple[tuple[Token, ...], tuple]]:
    out = []
    for text, concepts in spellings:
        if concepts is None:  # an acronym derived from the name (_derived)
            out.append(((initials_token(text),), ()))
            continue
        acronym = acronym_token(text) if concepts else None
        if acronym is not None:  # an institution's acronym as listed (MANUL)
            out.append(((acronym,), ()))
            continue
        # Each name is tokenised once: not through tokenise's memory of recent mentions.
        tokens = tokenise.__wrapped__(text, concepts=concepts)
        # Particles begin surnames (de Gaulle) in persons' names, not in institutions' (de la fédération).
        out.append((tokens, compounds(tokens, surnames=not concepts)))
    return out


#: How many built names a name table keeps (those of recent candidates) before starting again:
#: linking a text asks for the same names again and again.
_KEPT_BUILT = 200_000


class _NameTable(Sequence[IndexedName]):
    """The indexed names stored flat, an :class:`IndexedName` built on access.

    A million names as objects (each with its tuples of tokens and compounds) take most of the
    time of loading a saved index; as arrays of numbers into one table of distinct tokens they
    load at the speed of reading the file. Only the few dozen candidates of a query are built
    (and kept a while).
    """

    def __init__(self, names: Sequence[IndexedName]) -> None:
        numbers: dict[int, int] = {}  # id of a distinct (interned) token -> its number
        tokens: list[Token] = []
        entities: dict[str, int] = {}
        listed: list[Entity] = []
        self._entity = array("i")  # the entity of each name, by number (in order of first name)
        self._slot = array("i")  # the name's place among its entity's names; -1: derived
        self._derived: dict[int, Name] = {}  # names no gazetteer row lists (index._aliases, index._derived)
        self._token_ids = array("i")
        self._token_starts = array("q", [0])
        self._compounds = array("i")  # (start, length, compound token) for each compound
        self._compound_starts = array("q", [0])
        # Compound tokens (Ghiyath al Din read as Ghiyathaldin) are nearly one per name: as
        # objects they would be most of the table. Each is written as one line of text instead.
        compound_numbers: dict[int, int] = {}
        encoded: list[str] = []

        def compound_number(token: Token) -> int:
            found = compound_numbers.get(id(token))
            if found is None:
                found = compound_numbers[id(token)] = len(encoded)
                encoded.append(_encode_compound(token))
            return found

        def number(token: Token) -> int:
            found = numbers.get(id(token))
            if found is None:
                found = numbers[id(token)] = len(tokens)
                tokens.append(token)
            return found

        for position, indexed in enumerate(names):
            entity = indexed.entity
            if entity.id not in entities:
                entities[entity.id] = len(listed)
                listed.append(entity)
            self._entity.append(entities[entity.id])
            try:
                self._slot.append(entity.names.index(indexed.name))
            except ValueError:
                self._slot.append(-1)
                self._derived[position] = indexed.name
            self._token_ids.extend(number(token) for token in indexed.tokens)
            self._token_starts.append(len(self._token_ids))
            for span, token in indexed.compounds:
                self._compounds.extend((span[0], len(span), compound_number(token)))
            self._compound_starts.append(len(self._compounds) // 3)
        self._entities: tuple[Entity, ...] = tuple(listed)
        self._tokens = tuple(tokens)
        self._compound_text = "\n".join(encoded)
        self._compound_lines = array("q", [0])
        for line in encoded:
            self._compound_lines.append(self._compound_lines[-1] + len(line) + 1)

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The distinct tokens of the names, by number."""
        return self._tokens

    @property
    def token_ids(self) -> array:
        """The number of each token of each name, name after name."""
        return self._token_ids

    @property
    def token_starts(self) -> array:
        """Where each name's tokens begin in :attr:`token_ids`, and where the last one's end."""
        return self._token_starts

    def weigh(self, weight: Callable[[Token], float]) -> None:
        """Give each distinct token its weight (:meth:`token_weights`)."""
        self._weight = array("d", (weight(token) for token in self._tokens))
        self.weights = _NameWeights(self)

    def __len__(self) -> int:
        return len(self._entity)

    @overload
    def __getitem__(self, position: int) -> IndexedName: ...

    @overload
    def __getitem__(self, position: slice) -> list[IndexedName]: ...

    def __getitem__(self, position: int | slice) -> IndexedName | list[IndexedName]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        built = self.__dict__.get("_built")
        if built is None:
            built = self.__dict__.setdefault("_built", {})
        indexed = built.get(position)
        if indexed is None:
            if len(built) >= _KEPT_BUILT:
                built.clear()
            indexed = built[position] = self._build(position)
        return indexed

    def __getstate__(self) -> dict[str, object]:
        # The names built so far are not saved.
        return {key: value for key, value in self.__dict__.items() if key != "_built"}

    def _build(self, position: int) -> IndexedName:
        entity = self._entities[self._entity[position]]
        slot = self._slot[position]
        name = entity.names[slot] if slot >= 0 else self._derived[position]
        starts = self._token_starts
        tokens = tuple(map(self._tokens.__getitem__, self._token_ids[starts[position]:starts[position + 1]]))
        starts = self._compound_starts
        flat = self._compounds[3 * starts[position]:3 * starts[position + 1]]
        if not flat:
            return IndexedName(entity, name, tokens)
        lines, text = self._compound_lines, self._compound_text
        compounds = tuple((_span(flat[i], flat[i + 1]), _decode_compound(text[lines[flat[i + 2]]:lines[flat[i + 2] + 1] - 1]))
                          for i in range(0, len(flat), 3))
        return IndexedName(entity, name, tokens, compounds)

    def token_weights(self, position: int) -> tuple[float, ...]:
        weight = self._weight
        return tuple(weight[i] for i in self._token_ids[self._token_starts[position]:self._token_starts[position + 1]])

    def entity_numbers(self) -> np.ndarray:
        """The number of each name's entity (numbered in the order of their first names)."""
        return np.frombuffer(self._entity, dtype=np.int32).copy()


@functools.cache
def _span(start: int, length: int) -> tuple[int, ...]:
    return tuple(range(start, start + length))


def _encode_compound(token: Token) -> str:
    """A compound token as one line: text, native form and keys, separated by control
    characters that no token holds (tokens are made of letters and digits)."""
    assert token.kind is PartKind.NAME and not token.readings and not token.reading
    return "\x1f".join((token.text, token.native, *("\x1e".join(keys) for keys in token.keys)))


def _decode_compound(line: str) -> Token:
    text, native, *keys = line.split("\x1f")
    return Token(text, PartKind.NAME, native, tuple([tuple(key.split("\x1e")) for key in keys]))  # type: ignore[misc]


class _NameWeights(Sequence[tuple[float, ...]]):
    """The weight of each word of each name, by position (``_NameTable.token_weights``)."""

    def __init__(self, table: _NameTable) -> None:
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def __getitem__(self, position):  # type: ignore[override]
        if isinstance(position, slice):
            return [self._table.token_weights(i) for i in range(*position.indices(len(self)))]
        return self._table.token_weights(position if position >= 0 else position + len(self))


def _aliases(entity: Entity) -> tuple[Name, ...]:
    """The aliases of each name that lists several ("X dit Y", "X ; Y":
    ``normalise.alias_spellings``): names an entity goes by that its gazetteer rows do not list
    one by one, filed after every listed name."""
    own = {name.text for name in entity.names}
    return tuple(dict.fromkeys(Name(alias, name.lang) for name in entity.names
                               for alias in alias_spellings(name.text) if alias not in own))


def _derived(entity: Entity) -> tuple[Name, ...]:
    """Names an entity goes by that its gazetteer rows do not list: an institution's acronyms
    (``normalise.initials``), filed after every listed name and alias."""
    if entity.kind is not Kind.ORG:
        return ()
    own = {name.text for name in entity.names}
    found = dict.fromkeys(acronym for name in entity.names for acronym in initials(name.text) if acronym not in own)
    return tuple(Name(acronym) for acronym in found)


def _best_ranked(positions: np.ndarray, rank: np.ndarray, limit: int) -> list[int]:
    """The ``limit`` positions of the highest rank, best first; of equal ranks the lower position
    first, also at the ``limit``-th place, so that which names are kept does not depend on the
    others looked at."""
    if len(positions) > limit:
        kept = rank >= np.partition(rank, len(rank) - limit)[len(rank) - limit]
        positions, rank = positions[kept], rank[kept]
    order = np.lexsort((positions, -rank))[:limit]
    return positions[order].tolist()


def sorted_unique(positions: np.ndarray) -> np.ndarray:
    """The distinct values of an array of integers, in increasing order, as ``np.unique`` gives
    them. NumPy 2.3 and later find them by hashing, then sort them: on the hundred thousand
    positions a common word meets, 20 to 50 times slower than sorting and dropping repeats."""
    return _without_repeats(np.sort(positions))


def _merged(found: list[np.ndarray]) -> np.ndarray:
    """The positions of several arrays, each in increasing order, in increasing order once each
    (a name filed under the same key by two of its words is there twice)."""
    if len(found) == 1:
        return _without_repeats(found[0])
    return sorted_unique(np.concatenate(found))


def _distinct_count(values: np.ndarray) -> int:
    """How many distinct values an array holds."""
    return len(sorted_unique(values))


def _without_repeats(positions: np.ndarray) -> np.ndarray:
    """An array in increasing order without the values repeated after their first."""
    if len(positions) > 1:
        new = positions[1:] != positions[:-1]
        if not new.all():
            positions = positions[np.concatenate(([True], new))]
    return positions


class _Postings:
    """Positions of names by key, stored compactly: one array of positions, sliced by key."""

    def __init__(self, postings: dict[str, np.ndarray]) -> None:
        self._slot = {key: slot for slot, key in enumerate(postings)}
        self._offsets = np.zeros(len(postings) + 1, dtype=np.int64)
        np.cumsum([len(found) for found in postings.values()], out=self._offsets[1:])
        self._positions = (np.concatenate(list(postings.values())).astype(np.int32, copy=False) if postings
                           else np.zeros(0, dtype=np.int32))

    def get(self, key: str) -> np.ndarray | None:
        slot = self._slot.get(key)
        if slot is None:
            return None
        return self._positions[self._offsets[slot]:self._offsets[slot + 1]]
