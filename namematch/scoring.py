"""Scoring a mention against one gazetteer name.

The score is built from features a user can inspect:

- token similarity: for each pair of tokens the best of the similarity of their native forms
  (same script), of their phonetic keys, and of their consonant skeletons (discounted);
- token alignment: query and name tokens are paired one to one, best pairs first, so that word
  order does not matter and a word is not used twice;
- coverage of both sides: the rarity-weighted share of the query that the name explains, and of
  the name that the query explains. A shared rare surname is strong evidence, a shared common
  given name weak, and words left unmatched on either side cost.

:func:`match` returns a :class:`Match` with the features; the resolver turns them into a
calibrated probability.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import Indel, LCSseq
from rapidfuzz.process import cdist

from .config import MatchConfig
from .index import CandidateIndex
from .normalise import (CONCEPT_MARKS, COUNTRY_MARK, GENERATION_MARK, OFFICE_MARK, PartKind, Token, article_keys, heard_keys, kunya, office_word, script,
                        shape_key, short_form_keys, skeleton_key, theophoric, theophoric_stem, vowel_frame,
                        vowel_variants)
from .tables import read_table

__all__ = ["Match", "QueryMatcher", "token_similarity", "match", "keyed_pairs", "credit", "opens_alike", "conceptual"]


@dataclass(frozen=True, slots=True)
class Match:
    """How well a query matches one name."""

    #: Rarity-weighted share of the query's tokens that found a counterpart in the name.
    query_coverage: float
    #: Rarity-weighted share of the name's tokens that found a counterpart in the query.
    name_coverage: float
    #: Aligned pairs: (query words, name words, similarity).
    pairs: tuple[tuple[str, str, float], ...]
    #: Rarity-weighted share of the query's words that found no counterpart at all in the name
    #: (not even a weak one): a surname the name does not have.
    query_unmatched: float = 0.0
    #: The name has office words (minister, وزير) and the query matched none of them: a role
    #: named without its office is not what the mention names.
    office_missing: bool = False
    #: Mention and name each name a country, and not the same one ("le conseil russe" against the
    #: Libyan council): they name different things.
    country_conflict: bool = False
    #: The name's office words met none of the mention's ("ministre turc" against the President
    #: of Turkey): another office of the same country.
    office_conflict: bool = False
    #: For a person's name, the share of pairs of matched words that the mention and the name
    #: put in opposite orders (Grant Allen against Alun Grant): 0 when the order agrees.
    crossed: float = 0.0
    #: The tokens behind each pair (query unit, name unit), for :func:`keyed_pairs`.
    units: tuple[tuple[Token, Token], ...] = field(default=(), compare=False, repr=False)

    @property
    def score(self) -> float:
        """A single figure for ranking: both coverages, the query's counting more (a mention is
        often a partial name)."""
        return 0.6 * self.query_coverage + 0.4 * self.name_coverage


def _ratio(first: str, second: str) -> float:
    if not first or not second:
        return 0.0
    return Indel.normalized_similarity(first, second)


_PARTICLE_KINDS = frozenset({PartKind.ARTICLE, PartKind.FILIATION, PartKind.NOBILIARY, PartKind.FUNCTION})


def _shape_similarity(first: str, second: str, first_vowelled: bool, second_vowelled: bool,
                      config: MatchConfig) -> float:
    """Similarity of two syllable shapes (:func:`normalise.shape_key`).

    Where one spelling writes its vowels and the other does not (Arabic writes its long vowels
    only), a slot of the Arabic shape missing from the other counts fully, one of the other
    missing from the Arabic by ``config.unwritten_vowel_weight``: it may be a short vowel.
    Otherwise the Indel similarity, both sides alike.
    """
    if not first or not second:
        return 0.0
    if first_vowelled is second_vowelled:
        return Indel.normalized_similarity(first, second)
    weight = config.unwritten_vowel_weight
    unvowelled, vowelled = (second, first) if first_vowelled else (first, second)
    # Two opening vowels meet whatever their kind where one is an Arabic alef or ayn's (:func:`_opened`).
    common = max(LCSseq.similarity(first, second),
                 LCSseq.similarity(_opened_shape(unvowelled, False), _opened_shape(vowelled, True)))
    return common * (1.0 + weight) / (len(unvowelled) + weight * len(vowelled))


def _writes_vowels(token: Token) -> bool:
    """Whether a token's spelling writes its vowels: Latin and Cyrillic do, Arabic does not."""
    return not ("\u0600" <= token.native[:1] <= "\u06ff")


def _function_word_as_given_name(query: Token, name: Token) -> bool:
    """Whether a mention's function word is the same word as a name's given name (Les, Des:
    :func:`normalise._opening_given_name`)."""
    return query.kind is PartKind.FUNCTION and name.kind is PartKind.NAME and query.text == name.text


def token_similarity(query: Token, name: Token, config: MatchConfig) -> float:
    """Similarity in [0, 1] of a query token and a name token, across scripts."""
    if (query.kind in _PARTICLE_KINDS) is not (name.kind in _PARTICLE_KINDS):
        # A name word is not a particle: "Al" alone is not the al of Saif al-Islam; but a
        # function word is the same word as a person's given name (Les, Des).
        return 1.0 if _function_word_as_given_name(query, name) else 0.0
    if name.reading == "initials":
        # An acronym derived from an institution's name is the same letters or nothing: not a
        # reading of the word either (Isabel read as Bel). Nor do its letters double: a Latin
        # word's native form writes a doubled letter once, and Assad is not ASAD.
        same_letters = query.text == name.text if _latin(query.text) else query.native == name.native
        return 1.0 if same_letters and not query.reading else 0.0
    if name.reading == "acronym" and _latin(query.text):
        # An acronym a gazetteer lists (MANUL) is the same letters in a Latin mention, or nothing:
        # a short word meets longer ones by chance (Emmanuel). Other scripts spell it out (ناتو).
        return 1.0 if query.text == name.text else 0.0
    if query.kind is PartKind.INITIAL and name.kind is PartKind.INITIAL:
        return 1.0 if query.phonetic == name.phonetic else 0.0
    if query.kind is PartKind.INITIAL or name.kind is PartKind.INITIAL:
        same_initial = query.phonetic[:1] == name.phonetic[:1] and query.phonetic[:1] != ""
        return config.initial_similarity if same_initial else 0.0
    if query.native[:1] in CONCEPT_MARKS or name.native[:1] in CONCEPT_MARKS:
        # A concept (#russia, @minister) is the same concept or none: "#syria" is not near "#russia".
        if query.native == name.native:
            return 1.0
        if name.native[:1] in CONCEPT_MARKS:
            # A reading may mean it (russe as #russia), or the word after a clitic (وروسيا); or
            # the query may spell the name's word (Jabhat for جبهة, front).
            return max(max((token_similarity(reading, name, config) * _reading_discount(reading, config)
                            for reading in query.readings), default=0.0),
                       _spelled_similarity(query, name, config))
    query_theophoric, name_theophoric = theophoric(query), theophoric(name)
    stemmed = query_theophoric and name_theophoric
    best = _stem_ratio(query.native, name.native) if stemmed else _ratio(query.native, name.native)
    # Both spellings write their vowels (Latin, Cyrillic): where they disagree on the vowels the
    # consonant skeleton should not paper over it (Craig is not George).
    skeleton_discount = config.skeleton_discount
    query_vowels, name_vowels = _writes_vowels(query), _writes_vowels(name)
    if query_vowels and name_vowels:
        skeleton_discount *= config.vowelled_skeleton_discount
    query_keys, name_keys = query.keys, name.keys
    if _arabic(query.text) and _arabic(name.text):
        # The article spelled as letters meets words of other scripts only.
        query_keys = _without_article_keys(query) or query_keys
        name_keys = _without_article_keys(name) or name_keys
    query_keys, name_keys = _heard(query, name, query_keys, name_keys)
    letters = best
    for query_key in query_keys:
        if best >= 1.0:
            break
        query_stem = _stem_key(query_key) if stemmed else None
        for name_key in name_keys:
            if best >= 1.0:
                break
            name_stem = _stem_key(name_key) if query_stem else None
            if query_stem and name_stem:
                # Where both keys have a theophoric element (Obaidullah, Hamidullah), the rest of
                # the word decides, short as it may be (سعد is sd).
                similarity = _key_similarity(query_stem, name_stem, query_vowels, name_vowels, skeleton_discount,
                                             config, short=False)
            else:
                similarity = _key_similarity(query_key, name_key, query_vowels, name_vowels, skeleton_discount, config)
            best = max(best, similarity)
    if query_theophoric is not name_theophoric and best < config.short_form_discount:
        # A theophoric name and its stem alone (Aziz, Abdelaziz).
        best = max(best, _short_form_similarity(query, name, query_theophoric, query_vowels, name_vowels,
                                                skeleton_discount, config))
    if _arabic(query.text) and _arabic(name.text):
        # Both writers chose their letters: the keys, a romanisation, merge some of them.
        best = min(best, letters + config.arabic_spelling_margin)
    if not _arabic(query.text) and not _arabic(name.text) and best < config.vowel_variant_similarity:
        # The main keys, and a Latin word's readings by ear against a Cyrillic one (Stanley Стэнли).
        query_mains, name_mains = _main_keys(query, name), _main_keys(name, query)
        if stemmed:
            query_mains = [theophoric_stem(key) or key for key in query_mains]
            name_mains = [theophoric_stem(key) or key for key in name_mains]
        if any(_vowel_variants(query_key, name_key) for query_key in query_mains for name_key in name_mains):
            best = config.vowel_variant_similarity
    for reading in query.readings:
        discount = _reading_discount(reading, config)
        if best < discount:
            best = max(best, token_similarity(reading, name, config) * discount)
    return best


def _main_keys(token: Token, other: Token) -> list[str]:
    """A word's main phonetic key, and its readings by ear where it is a Latin name word and the
    other word is of another script (as :class:`_Keys` lists them)."""
    keys = [token.keys[0][0]]
    if token.kind is PartKind.NAME and _latin(token.text) and not _latin(other.text):
        keys += [phonetic for phonetic, _skeleton, _shape in heard_keys(token.text)]
    return keys


def _heard(query: Token, name: Token, query_keys: Sequence[tuple[str, str, str]],
           name_keys: Sequence[tuple[str, str, str]]) -> tuple[tuple[tuple[str, str, str], ...], ...]:
    """The keys of two words, with a Latin word's readings by ear (:func:`normalise.heard_keys`)
    added where the other word is of another script: a reading by ear meets the words of other
    scripts only (Жан Jean, Тейлор Taylor)."""
    query_latin, name_latin = _latin(query.text), _latin(name.text)
    if query_latin and not name_latin:
        return (*query_keys, *heard_keys(query.text)), tuple(name_keys)
    if name_latin and not query_latin:
        return tuple(query_keys), (*name_keys, *heard_keys(name.text))
    return tuple(query_keys), tuple(name_keys)


def _vowel_variants(first: str, second: str) -> bool:
    """Whether two main phonetic keys of Latin or Cyrillic spellings differ only in the letters
    they write the same short vowels with (Osman Usman, Eshaq Ishaq, Мухаммед Mohammed:
    :func:`normalise.vowel_variants`).
    Words of three letters are left out: one vowel in three is most of a short word (Bill, Bell)."""
    return len(first) >= _VOWEL_VARIANT_LENGTH and vowel_variants(first, second)


#: The shortest phonetic key :func:`_vowel_variants` compares.
_VOWEL_VARIANT_LENGTH = 4


def _key_similarity(query: tuple[str, str, str], name: tuple[str, str, str], query_vowels: bool, name_vowels: bool,
                    skeleton_discount: float, config: MatchConfig, *, short: bool = True) -> float:
    """Similarity of two (phonetic, skeleton, shape) keys: the phonetic spellings, or the
    consonants and the syllable shape. ``short=False`` leaves out the discount of short
    skeletons (for the rest of a word beside a theophoric element, which is evidence enough)."""
    phonetic = best = _ratio(query[0], name[0])
    if query[1] and name[1]:
        # Consonants must agree; the syllable shape says whether the vowels fit too.
        consonants = _ratio(query[1], name[1])
        syllables = _shape_similarity(query[2], name[2], query_vowels, name_vowels, config)
        # A skeleton of one or two consonants is met by chance (جو Joe and Kay are both K):
        # the shorter, the weaker the evidence.
        shortest = min(len(query[1]), len(name[1]))
        shortness = config.short_skeleton_discount[shortest - 1] if short and shortest <= 2 else 1.0
        best = max(best, 0.5 * (consonants + syllables) * skeleton_discount * shortness
                   * _spelling_scale(phonetic, config))
    return best


def _spelling_scale(phonetic: float | np.ndarray, config: MatchConfig) -> float | np.ndarray:
    """The factor of a skeleton's similarity for the phonetic similarity of the same two keys
    (a float, or an array of them): equal skeletons are told apart by their spellings
    (``MatchConfig.skeleton_spelling_weight``). :func:`_key_similarity` and
    :func:`similarity_matrix` both scale by it."""
    return 1.0 - config.skeleton_spelling_weight * (1.0 - phonetic)


def _without_article_keys(token: Token) -> tuple[tuple[str, str, str], ...]:
    article = article_keys(token.text)
    return tuple(key for key in token.keys if key[0] not in article) if article else token.keys


def _short_form_similarity(query: Token, name: Token, query_is_long: bool, query_vowels: bool, name_vowels: bool,
                           skeleton_discount: float, config: MatchConfig) -> float:
    """The similarity of a theophoric name's stem alone with a word without such an element,
    where they have the same consonants (Aziz and Abdelaziz, Ghias and Ghiasuddin:
    :func:`normalise.short_form_keys`), at ``MatchConfig.short_form_discount``. Exactly one of
    the two words has the element: the query if ``query_is_long``, else the name."""
    long, short = (query, name) if query_is_long else (name, query)
    best = 0.0
    for stem in short_form_keys(long):
        for key in short.keys:
            if key[1] == stem[1]:
                query_key, name_key = (stem, key) if query_is_long else (key, stem)
                best = max(best, _key_similarity(query_key, name_key, query_vowels, name_vowels, skeleton_discount,
                                                 config))
    return config.short_form_discount * best


def _short_form_pairs(queries: Sequence[Token], plain_queries: list[int], names: Sequence[Token],
                      plain_names: list[int], theophoric_names: list[int]) -> set[tuple[int, int]]:
    """The (query, name) pairs of plain words that :func:`_short_form_similarity` may find alike
    (one word, or a reading of a query word, with a theophoric element whose stem has the
    other's consonants): few, compared pair by pair. ``theophoric_names`` are the plain name
    words with such an element; the others are looked at only where a query word has one."""
    stems_of: dict[str, list[int]] = {}  # a theophoric name word's stem skeleton -> its columns
    for b in theophoric_names:
        for stem in short_form_keys(names[b]):
            stems_of.setdefault(stem[1], []).append(b)
    query_stems: dict[str, list[int]] = {}  # a theophoric query word's stem skeleton -> its rows
    pairs = set()
    for a in plain_queries:
        for unit in queries[a].units():
            if theophoric(unit):
                for stem in short_form_keys(unit):
                    query_stems.setdefault(stem[1], []).append(a)
            else:
                pairs.update((a, b) for key in unit.keys for b in stems_of.get(key[1], ()))
    if query_stems:
        with_element = set(theophoric_names)
        for b in plain_names:
            if b not in with_element:
                pairs.update((a, b) for key in names[b].keys for a in query_stems.get(key[1], ()))
    return pairs


def _stem_ratio(first: str, second: str) -> float:
    """:func:`_ratio` of two forms, or of what is left without their theophoric elements where
    both have one (the element's spelling, abdul or abdal, says nothing)."""
    first_stem, second_stem = theophoric_stem(first), theophoric_stem(second)
    if first_stem and second_stem:
        return _ratio(first_stem, second_stem)
    return _ratio(first, second)


def _stem_key(key: tuple[str, str, str]) -> tuple[str, str, str] | None:
    """The key of what is left of a key without its theophoric elements (None without one)."""
    stem = theophoric_stem(key[0])
    return (stem, skeleton_key(stem), shape_key(stem)) if stem else None


def _reading_discount(reading: Token, config: MatchConfig) -> float:
    """How much a reading of a query word is worth: a proclitic or a case ending cut off or a
    nickname is a guess, a concept reading (russe as Russia) is the word's meaning."""
    if reading.reading == "proclitic":
        return config.proclitic_discount
    if reading.reading == "inflection":
        return config.inflection_discount
    if reading.reading == "nickname":
        return config.nickname_discount
    return 1.0


def _plain(token: Token) -> bool:
    """Whether a token is compared by its keys alone: not an initial, not a concept, no concept
    reading. Other tokens take the rules of :func:`token_similarity` one pair at a time."""
    return (token.kind is not PartKind.INITIAL and token.native[:1] not in CONCEPT_MARKS and token.reading != "initials"
            and all(_plain(reading) for reading in token.readings))


def _keyed_query(token: Token) -> bool:
    """Whether a query token is compared with plain name words by its keys and those of its
    readings: not an initial and not a concept itself. A concept reading (russe as #russia)
    against a plain name word is compared by its keys like any reading."""
    return (token.kind is not PartKind.INITIAL and token.native[:1] not in CONCEPT_MARKS
            and all(reading.kind is not PartKind.INITIAL and not reading.readings for reading in token.readings))


def _ratios(first: list[str], second: list[str]) -> np.ndarray:
    """:func:`_ratio` of every string of ``first`` with every string of ``second``."""
    matrix = cdist(first, second, scorer=Indel.normalized_similarity, dtype=np.float64)
    if not all(first):
        matrix[[not text for text in first], :] = 0.0
    if not all(second):
        matrix[:, [not text for text in second]] = 0.0
    return matrix


def _shape_similarities(query: _Keys, name: _Keys, config: MatchConfig) -> np.ndarray:
    """:func:`_shape_similarity` of every query shape with every name shape."""
    matrix = _ratios(query.shape, name.shape)
    query_vowels = np.array(query.vowels)
    name_vowels = np.array(name.vowels)
    mixed = np.not_equal.outer(query_vowels, name_vowels)
    if mixed.any():
        weight = config.unwritten_vowel_weight
        common = cdist(query.shape, name.shape, scorer=LCSseq.similarity, dtype=np.float64)
        # Arabic writes a word's opening vowel with an alef or an ayn, whatever vowel it is (عمر
        # Omar and Umar, أسامة Usama): across the two, two opening vowels meet whatever their kind.
        common = np.maximum(common, cdist(_opened(query), _opened(name), scorer=LCSseq.similarity, dtype=np.float64))
        query_lengths = np.array([len(shape) for shape in query.shape], dtype=np.float64)[:, None]
        name_lengths = np.array([len(shape) for shape in name.shape], dtype=np.float64)[None, :]
        # The Arabic side counts fully, the other by the weight of a vowel Arabic need not write.
        total = np.where(query_vowels[:, None], weight * query_lengths + name_lengths,
                         query_lengths + weight * name_lengths)
        # An empty shape has nothing in common with another: 0, and never a division by 0.
        asymmetric = common * (1.0 + weight) / np.maximum(total, 1.0)
        matrix = np.where(mixed, asymmetric, matrix)
    return matrix


def _opened(keys: "_Keys") -> list[str]:
    """:func:`_opened_shape` of each shape key."""
    return [_opened_shape(shape, vowels) for shape, vowels in zip(keys.shape, keys.vowels)]


def _opened_shape(shape: str, vowelled: bool) -> str:
    """A shape key with the kind of its opening vowel left out ("uMaR" -> "*MaR"): any opening
    vowel of a spelling that writes its vowels, the a of an alef or an ayn in an Arabic word (an
    opening و is a w or a u, not any vowel)."""
    return "*" + shape[1:] if shape[:1] == "a" or (vowelled and shape[:1].islower()) else shape


class _Block(NamedTuple):
    """The keys of one reading of a word, as :class:`_Keys` lists them (a word's keys are the
    same in every query: they are worked out once, :func:`_block`)."""

    native: str
    phonetic: tuple[str, ...]
    skeleton: tuple[str, ...]
    shape: tuple[str, ...]
    vowels: tuple[bool, ...]
    latin: tuple[bool, ...]
    heard: tuple[bool, ...]
    arabic: tuple[bool, ...]
    article: tuple[bool, ...]


#: Blocks worked out, by word (:func:`_block`); emptied when it reaches ``_BLOCKS_KEPT``.
_BLOCKS: dict[tuple[object, ...], _Block] = {}
_BLOCKS_KEPT = 1 << 17


def _block(reading: Token, heard: bool) -> _Block:
    """The keys of one reading of a word, with its readings by ear if ``heard``."""
    key = (reading.text, reading.native, reading.keys, heard)
    block = _BLOCKS.get(key)
    if block is not None:
        return block
    keys = reading.keys
    latin = _latin(reading.text)
    if heard and latin:
        # A reading by ear that is the word's main key adds nothing (Putin read as Turkish);
        # one that is another of its keys still meets other scripts as a main key does (its
        # vowel variants: :func:`_main_and_heard`).
        keys = (*keys, *(key for key in heard_keys(reading.text) if not keys or key != keys[0]))
    count = len(keys)
    arabic = not latin and _arabic(reading.text)
    phonetic, skeleton, shape = zip(*keys) if keys else ((), (), ())
    if arabic:
        article = article_keys(reading.text)
        in_article = tuple(key in article for key in phonetic)
    else:
        in_article = (False,) * count
    block = _Block(
        native=reading.native,
        phonetic=phonetic,
        skeleton=skeleton,
        shape=shape,
        vowels=(_writes_vowels(reading),) * count,
        latin=(latin,) * count,
        heard=(False,) * len(reading.keys) + (True,) * (count - len(reading.keys)),
        arabic=(arabic,) * count,
        article=in_article,
    )
    if len(_BLOCKS) >= _BLOCKS_KEPT:
        _BLOCKS.clear()
    _BLOCKS[key] = block
    return block


class _Keys:
    """The spellings and keys of some tokens, flattened for :func:`similarity_matrix`.

    With ``heard``, a Latin word's readings by ear (:func:`normalise.heard_keys`) are more keys,
    marked in :attr:`heard`, for words of other scripts to meet.
    """

    def __init__(self, tokens: Sequence[Token], config: MatchConfig, *, readings: bool, heard: bool = False,
                 joined: Sequence[bool] = ()) -> None:
        self.owner: list[int] = []  # the token each key belongs to
        self.discount: list[float] = []  # the discount of the reading it comes from
        self.phonetic: list[str] = []
        self.skeleton: list[str] = []
        self.shape: list[str] = []
        self.vowels: list[bool] = []
        self.latin: list[bool] = []  # the key of a word written in Latin letters
        self.heard: list[bool] = []  # a reading by ear
        self.arabic: list[bool] = []  # the key of a word written in Arabic letters
        self.article: list[bool] = []  # an Arabic word's key with its article spelled as letters
        self.native_owner: list[int] = []
        self.native_discount: list[float] = []
        self.native: list[str] = []
        self.main: list[int] = []  # the index of each reading's main key
        for position, token in enumerate(tokens):
            # A particle has no reading by ear, nor do two words joined (saddamhussein): each
            # word of them has its own.
            token_heard = heard and token.kind is PartKind.NAME and not (joined and joined[position])
            stack = [(token, 1.0)]
            while stack:
                reading, discount = stack.pop()
                block = _block(reading, token_heard)
                count = len(block.phonetic)
                self.native_owner.append(position)
                self.native_discount.append(discount)
                self.native.append(block.native)
                self.main.append(len(self.phonetic))
                self.owner += [position] * count
                self.discount += [discount] * count
                self.phonetic += block.phonetic
                self.skeleton += block.skeleton
                self.shape += block.shape
                self.vowels += block.vowels
                self.latin += block.latin
                self.heard += block.heard
                self.arabic += block.arabic
                self.article += block.article
                if readings:
                    stack.extend((sub, discount * _reading_discount(sub, config)) for sub in reading.readings)


@functools.lru_cache(maxsize=1 << 16)
def _latin(text: str) -> bool:
    return script(text) == "latin"


@functools.lru_cache(maxsize=1 << 16)
def _arabic(text: str) -> bool:
    return script(text) == "arabic"


def _other_script(tokens: Sequence[Token]) -> bool:
    """Whether some of these words are written in another script than Latin."""
    return not all(_latin(token.text) for token in tokens)


def _best_by(owners: list[int], count: int, values: np.ndarray) -> np.ndarray:
    """Rows of ``values`` reduced to ``count`` rows, the best of those with the same owner.
    ``owners`` is non-decreasing (the keys of one token are listed together) and every owner
    in ``range(count)`` has at least one row."""
    starts = np.flatnonzero(np.diff(owners, prepend=-1))
    assert len(starts) == count
    return np.maximum.reduceat(values, starts, axis=0)


def similarity_matrix(queries: Sequence[Token], names: Sequence[Token], config: MatchConfig,
                      joined: Sequence[bool] = (), joined_queries: Sequence[bool] = ()) -> np.ndarray:
    """:func:`token_similarity` of every query token (rows) with every name token (columns).

    The same figures, computed with rapidfuzz's ``cdist`` over all keys at once rather than pair
    by pair. Pairs with an initial or a concept follow :func:`token_similarity` itself.
    ``joined`` marks the name tokens that are two words joined (a name's compounds), which are
    compared without readings by ear; ``joined_queries`` the query tokens that are two name words
    joined, which meet Arabic words without their consonant skeletons.
    """
    result = np.zeros((len(queries), len(names)))
    plain_queries = [a for a, token in enumerate(queries) if _keyed_query(token)]
    plain_names = [b for b, token in enumerate(names) if _plain(token)]
    if plain_queries and plain_names:
        query_tokens = [queries[a] for a in plain_queries]
        name_tokens = [names[b] for b in plain_names]
        # Readings by ear of Latin words, where the other side has words of other scripts.
        query = _Keys(query_tokens, config, readings=True, heard=_other_script(name_tokens))
        name = _Keys(name_tokens, config, readings=False, heard=_other_script(query_tokens),
                     joined=[joined[b] for b in plain_names] if joined else ())
        phonetic = _ratios(query.phonetic, name.phonetic)
        syllables = 0.5 * (_ratios(query.skeleton, name.skeleton) + _shape_similarities(query, name, config))
        shortest = np.minimum.outer([len(k) for k in query.skeleton], [len(k) for k in name.skeleton])
        # The discount of each short length (1 for none), by the length: one lookup for all pairs.
        discounts = np.array([1.0, *config.short_skeleton_discount, 1.0])
        shortness = discounts[np.minimum(shortest, len(discounts) - 1)]
        discount = np.where(np.logical_and.outer(query.vowels, name.vowels),
                            config.skeleton_discount * config.vowelled_skeleton_discount, config.skeleton_discount)
        skeletal = syllables * discount * shortness * _spelling_scale(phonetic, config)
        if not shortest.all():
            skeletal[shortest == 0] = 0.0
        if any(joined_queries) and any(name.arabic):
            # Two name words of a Latin mention read as one meet an Arabic word as spelled, not by
            # consonant classes, which two Latin words line up with a long Arabic word by chance
            # (Marc Ratti and مارغريت). A surname with its particles is not such a pair (لوبان).
            rows = np.array([joined_queries[plain_queries[o]] for o in query.owner]) & np.array(query.latin)
            skeletal[np.logical_and.outer(rows, name.arabic)] = 0.0
        keyed = np.maximum(phonetic, skeletal)
        spellings = _ratios(query.native, name.native)  # of each reading's letters, once
        if any(query.arabic) and any(name.arabic):
            # Between two Arabic spellings the keys, a romanisation, may exceed the letters'
            # similarity by the margin only (token_similarity): each reading's letters bound its keys.
            letters = spellings + config.arabic_spelling_margin
            letters = np.repeat(np.repeat(letters, np.diff([*query.main, len(query.phonetic)]), axis=0),
                                np.diff([*name.main, len(name.phonetic)]), axis=1)
            both = np.logical_and.outer(query.arabic, name.arabic)
            keyed[both] = np.minimum(keyed[both], letters[both])
        if not all(query.arabic) and not all(name.arabic):
            # Latin or Cyrillic spellings of one name in two conventions of writing its vowels
            # (Osman Usman, Мухаммед Mohammed).
            variants = _vowel_variant_pairs(query, name)
            if variants:
                rows, columns = zip(*variants)
                keyed[rows, columns] = np.maximum(keyed[rows, columns], config.vowel_variant_similarity)
        keyed *= np.array(query.discount)[:, None]
        if any(query.heard) or any(name.heard):
            # A reading by ear meets the words of other scripts only.
            keyed[np.logical_and.outer(query.heard, name.latin) | np.logical_and.outer(query.latin, name.heard)] = 0.0
        if any(query.article) or any(name.article):
            # So does an Arabic word's article spelled as letters (الجنوب is not النواب).
            keyed[np.logical_and.outer(query.article, name.arabic) | np.logical_and.outer(query.arabic, name.article)] = 0.0
        by_token = _best_by(name.owner, len(plain_names), _best_by(query.owner, len(plain_queries), keyed).T).T
        native = spellings * np.array(query.native_discount)[:, None]
        by_token = np.maximum(by_token, _best_by(query.native_owner, len(plain_queries), native))
        result[np.ix_(plain_queries, plain_names)] = by_token
        # A listed acronym meets a Latin word as the same letters or not at all (token_similarity).
        for b in plain_names:
            if names[b].reading == "acronym":
                for a in plain_queries:
                    if _latin(queries[a].text):
                        result[a, b] = 1.0 if queries[a].text == names[b].text else 0.0
        # Two words that both have a theophoric element are compared by the rest of the word,
        # pair by pair (few pairs).
        theophoric_names = [b for b in plain_names if theophoric(names[b])]
        stemmed_queries = [a for a in plain_queries if any(theophoric(unit) for unit in queries[a].units())]
        for a in stemmed_queries:
            for b in theophoric_names:
                result[a, b] = token_similarity(queries[a], names[b], config)
        # So are a theophoric name and a word that may be its stem alone (Aziz, Abdelaziz).
        for a, b in _short_form_pairs(queries, plain_queries, names, plain_names, theophoric_names):
            result[a, b] = token_similarity(queries[a], names[b], config)
    # A particle against a name word is nothing, whatever its readings.
    particle = np.array([t.kind in _PARTICLE_KINDS for t in queries])
    name_particle = np.array([t.kind in _PARTICLE_KINDS for t in names])
    result[np.not_equal.outer(particle, name_particle)] = 0.0
    # ... but a function word meets the same word as a person's given name (Les, Des).
    for a, query in enumerate(queries):
        if query.kind is PartKind.FUNCTION:
            for b, name in enumerate(names):
                if _function_word_as_given_name(query, name):
                    result[a, b] = 1.0
    for a in set(range(len(queries))).difference(plain_queries):
        result[a] = [token_similarity(queries[a], token, config) for token in names]
    # A concept name word (#libya, @minister) is met only by the same concept, as a query word
    # or one of its readings.
    concepts = [_concept_values(token, config) for token in queries]
    plain = set(plain_names)
    concept_columns = []
    for b, name in enumerate(names):
        if b in plain:
            continue
        if name.native[:1] in CONCEPT_MARKS and name.kind is not PartKind.INITIAL:
            concept_columns.append(b)
        else:
            result[:, b] = [token_similarity(query, name, config) for query in queries]
    spelled = _spelled_similarities(queries, [names[b] for b in concept_columns], config)
    for column, b in enumerate(concept_columns):
        name = names[b]
        result[:, b] = [0.0 if (query.kind in _PARTICLE_KINDS) is not (name.kind in _PARTICLE_KINDS)
                        else token_similarity(query, name, config) if query.kind is PartKind.INITIAL
                        else max(concepts[a].get(name.native, 0.0), spelled[a, column])
                        for a, query in enumerate(queries)]
    return result


def _spelled_similarities(queries: Sequence[Token], names: Sequence[Token], config: MatchConfig) -> np.ndarray:
    """:func:`_spelled_similarity` of every query word with every concept word of ``names``: the
    spellings of all the concept words compared at once by :func:`similarity_matrix`."""
    spellings = [reading for name in names for reading in name.readings]
    result = np.zeros((len(queries), len(names)))
    if not spellings:
        return result
    matrix = similarity_matrix(queries, spellings, config)
    # A query word that is a concept itself, or reads as one, is compared by its concept only.
    matrix[[conceptual(query) for query in queries], :] = 0.0
    start = 0
    for column, name in enumerate(names):
        if name.readings:
            result[:, column] = matrix[:, start:start + len(name.readings)].max(axis=1)
            start += len(name.readings)
    return result


def _vowel_variant_pairs(query: _Keys, name: _Keys) -> list[tuple[int, int]]:
    """The (query key, name key) pairs of Latin or Cyrillic words whose phonetic keys are vowel
    variants of each other (:func:`_vowel_variants`), found through their frames (the consonants
    in place) rather than pair by pair."""
    by_frame: dict[str, list[int]] = {}
    # A Latin word's readings by ear too, for a Cyrillic word, which writes the vowels as they
    # are heard (Stanley Стэнли), to meet (a reading by ear meets no Latin word: similarity_matrix).
    for column in _main_and_heard(name):
        if not name.arabic[column]:
            by_frame.setdefault(vowel_frame(name.phonetic[column]), []).append(column)
    pairs = []
    for row in _main_and_heard(query):
        if not query.arabic[row]:
            phonetic = query.phonetic[row]
            pairs += [(row, column) for column in by_frame.get(vowel_frame(phonetic), ())
                      if _vowel_variants(phonetic, name.phonetic[column])]
    return pairs


def _main_and_heard(keys: _Keys) -> list[int]:
    """The index of each reading's main key and of each reading by ear."""
    return [*keys.main, *(index for index, by_ear in enumerate(keys.heard) if by_ear)]


def conceptual(query: Token) -> bool:
    """Whether a query word is a concept or reads as one (russe as #russia, وروسيا): it meets a
    concept word of a name by its concept, not by spelling the name word ("russe" is not رئيس)."""
    return any(unit.native[:1] in CONCEPT_MARKS for unit in query.units())


def _spelled_similarity(query: Token, name: Token, config: MatchConfig) -> float:
    """How well a query word spells a concept word of a name (:func:`normalise.tokenise` keeps
    the word's spelling as its reading): a name transliterated, not translated. A query word that
    is a concept itself is compared by its concept only."""
    if not name.readings or conceptual(query):
        return 0.0
    return max(token_similarity(query, spelled, config) for spelled in name.readings)


def _concept_values(token: Token, config: MatchConfig) -> dict[str, float]:
    """The concepts a query word means, as itself or by its readings, each with the discount of
    the reading (وروسيا: #russia after the clitic is cut off)."""
    values = {token.native: 1.0}
    for reading in token.readings:
        discount = _reading_discount(reading, config)
        for concept, value in _concept_values(reading, config).items():
            values[concept] = max(values.get(concept, 0.0), value * discount)
    return values


def _matching_reading(query: Token, name: Token, config: MatchConfig) -> Token:
    """The reading of a query word that met the name word (وحفتر read as حفتر), for explanations."""
    if not query.readings:
        return query
    readings = [reading for reading in query.readings if reading.native[:1] not in CONCEPT_MARKS]
    return max([query, *readings], key=lambda reading: token_similarity(reading, name, config))


def keyed_pairs(result: Match, config: MatchConfig) -> tuple[tuple[str, str, float, str, str], ...]:
    """The pairs of a match with the keys compared: (query words, name words, similarity, query
    key, name key), the query key being that of the reading that met the name word. Computed
    for the answers shown, not for every candidate scored."""
    return tuple((query_words, name_words, similarity, _matching_reading(query_unit, name_unit, config).phonetic,
                  name_unit.phonetic)
                 for (query_words, name_words, similarity), (query_unit, name_unit) in zip(result.pairs, result.units))


def opens_alike(query: Token, name: Token) -> bool:
    """Whether two words open on the same sound in some reading of each: the same consonant
    class (``data/skeleton_classes.tsv``), or a vowel, a silent opening (h:
    ``data/silent_openings.tsv``) meeting either. A Latin word read by ear counts against a word of
    another script, as in :func:`token_similarity` (Jolivette Жоливет, Knightly Найтли)."""
    query_keys, name_keys = _heard(query, name, [key for unit in query.units() for key in unit.keys], name.keys)
    return not _openings(query_keys).isdisjoint(_openings(name_keys))


def _openings(keys: Sequence[tuple[str, str, str]]) -> set[str]:
    """The sounds keys open with: the first consonant class of each shape key, "" for a vowel
    or a silent opening."""
    silent = _silent_openings()
    openings = (shape[:1] if shape[:1].isupper() else "" for _phonetic, _skeleton, shape in keys)
    return {"" if opening in silent else opening for opening in openings}


@functools.cache
def _silent_openings() -> frozenset[str]:
    return frozenset(row[0] for row in read_table("silent_openings.tsv", 1))


def _concepts_of(token: Token, mark: str) -> set[str]:
    return {t.native for t in (token, *token.readings) if t.native.startswith(mark)}


def _courtesy(token: Token) -> bool:
    """A title that is not an office: M., le général, cheikh."""
    return token.kind is PartKind.TITLE and not office_word(token)


def credit(similarity: float, floor: float) -> float:
    """Similarity above the floor, rescaled to [0, 1]: below the floor it is no evidence."""
    return max(0.0, (similarity - floor) / (1.0 - floor))


Units = Sequence[tuple[tuple[int, ...], Token]]
#: A name word as :class:`QueryMatcher` remembers it: text, kind, reading, and whether it is two
#: words joined (a compound).
NameWord = tuple[str, PartKind, str, bool]


class QueryMatcher:
    """One query, prepared to be matched against many names.

    Token similarities are remembered by name word, since candidate names share many words
    (John, Mohammed).
    """

    def __init__(self, query: Sequence[Token], index: CandidateIndex, compounds: Units = (),
                 known: dict[tuple[Token, bool], dict[NameWord, float]] | None = None) -> None:
        self.query = tuple(query)
        self.index = index
        self.weights = [index.weight(t) for t in self.query]
        # A mention's opening function word counts for nothing, but it may meet the same word as
        # the given name of a person's name (Les, Des: :func:`normalise._opening_given_name`).
        self.units = [((i,), t) for i, t in enumerate(self.query)
                      if self.weights[i] > 0 or (i == 0 and t.kind is PartKind.FUNCTION and len(self.query) > 1)]
        self.singles = len(self.units)
        self.units += list(compounds)
        #: The units that are two name words read as one (not a surname with its particles).
        self._joined_names = [a >= self.singles and self.query[span[0]].kind is PartKind.NAME
                              for a, (span, _unit) in enumerate(self.units)]
        self._name_words = _name_word_bounds(self.query)
        #: The units that are a country word or read as one (russe, الروسي).
        self._countries = [any(reading.native.startswith(COUNTRY_MARK) for reading in unit.units())
                           for _span, unit in self.units]
        #: For each name word seen (text, kind, reading, as a compound): the query units similar
        #: to it. The reading tells an acronym (spelled letter by letter) from a word (ASAD, Asad).
        self._similarities: dict[NameWord, list[tuple[int, float]]] = {}
        #: With ``known``, similarities worked out for other queries, by query unit (the word and
        #: whether it is two name words read as one) and name word: a word's similarity to
        #: another does not depend on the other words compared with them. Linking a text
        #: resolves many mentions of the same words.
        #: Without it, this query's own.
        self._known = [{} if known is None else known.setdefault((unit, joined), {})
                       for (_span, unit), joined in zip(self.units, self._joined_names)]
        # What :meth:`match` reads of the query for every name, worked out once.
        self._courtesies = [_courtesy(t) for t in self.query]
        #: The positions of the query's generational suffixes (Jr., младший), for the few that have one.
        self._generations = [i for i, t in enumerate(self.query) if t.native.startswith(GENERATION_MARK)]
        #: The positions of the query's kunyas (Abu Walid), for the few queries that have one.
        self._kunyas = [i for i, t in enumerate(self.query) if kunya(t)]
        self._unit_texts = [" ".join(self.query[i].text for i in span) for span, _unit in self.units]
        self._unit_weights = [sum(self.weights[i] for i in span) for span, _unit in self.units]
        self._names_concept = {mark: any(_concepts_of(t, mark) for t in self.query)
                               for mark in (COUNTRY_MARK, OFFICE_MARK)}

    def prepare(self, names: Sequence[tuple[Sequence[Token], Units]]) -> None:
        """Compute at once the similarities of the query to every word of these names, so that
        :meth:`match` finds them ready (:func:`similarity_matrix` is far faster on many words
        than :func:`token_similarity` on each)."""
        fresh: dict[tuple[str, PartKind, str, bool], Token] = {}
        for tokens, name_compounds in names:
            for token in tokens:
                key = (token.text, token.kind, token.reading, False)
                if key not in self._similarities:
                    fresh[key] = token
            for _span, token in name_compounds:
                key = (token.text, token.kind, token.reading, True)
                if key not in self._similarities:
                    fresh[key] = token
        if not fresh:
            return
        # Only the query units and name words not met before are compared.
        known = self._known
        lacking = [a for a, unit in enumerate(known) if not all(key in unit for key in fresh)]
        if lacking:
            missing = {key: token for key, token in fresh.items() if not all(key in known[a] for a in lacking)}
            matrix = similarity_matrix([self.units[a][1] for a in lacking], list(missing.values()), self.index.config,
                                       joined=[key[3] for key in missing],
                                       joined_queries=[self._joined_names[a] for a in lacking])
            for row, a in enumerate(lacking):
                known[a].update(zip(missing, matrix[row].tolist()))
        for key in fresh:
            row = [unit[key] for unit in known]
            if key[3]:
                # A compound name word is compared with single query words only.
                row[self.singles:] = [0.0] * (len(row) - self.singles)
            self._similarities[key] = self._keep(row)

    def _row(self, name_token: Token, compound: bool) -> list[tuple[int, float]]:
        """The query units similar to one name word beyond the floor, with their similarity (a
        compound name word is compared with single query words only: a compound against a
        compound is two words against two)."""
        key = (name_token.text, name_token.kind, name_token.reading, compound)
        if key not in self._similarities:
            self.prepare([((), ((None, name_token),))] if compound else [((name_token,), ())])
        return self._similarities[key]

    def _keep(self, similarities: Sequence[float]) -> list[tuple[int, float]]:
        floor = self.index.config.similarity_floor
        return [(a, similarity) for a, similarity in enumerate(similarities) if similarity > floor]

    def match(self, name: Sequence[Token], name_compounds: Units = (),
              name_weights: Sequence[float] | None = None, *, person: bool = True,
              name_courtesies: Sequence[bool] = ()) -> Match:
        """Align the query with ``name`` and measure the coverage of both sides.

        ``name_weights``, the weight of each name word, may be given when known beforehand
        (:meth:`CandidateIndex.weights`). ``person`` says whether the name is a person's, whose
        middle names a mention may add; ``name_courtesies`` which of its words are courtesy
        titles (:attr:`CandidateIndex.courtesies`), if any."""
        config = self.index.config
        query_weights = self.weights
        if name_weights is None:
            name_weights = [self.index.weight(t) for t in name]
        profile = _name_profile(name)
        name_units = [((j,), t) for j, t in enumerate(name) if name_weights[j] > 0]
        singles_name = len(name_units)
        name_units += list(name_compounds)
        floor = config.similarity_floor
        scored = []
        query_units = self.units
        # An initial stands for a given or middle name, not for the surname that the other side
        # writes in full after it (Peter K. Lindqvist is not Peter Kowalczyk).
        # Nor does a middle initial, after a name word written in full, stand for the first name
        # word of the other side (Peter K. Lindqvist is not Karl Lindqvist): that is the given name.
        (query_first, query_last), (name_first, name_last) = self._name_words, profile.bounds
        named_country = not person and bool(profile.countries)
        for b, (name_span, n) in enumerate(name_units):
            for a, similarity in self._row(n, b >= singles_name):
                query_span, query_unit = query_units[a]
                if n.kind is PartKind.INITIAL and ((query_last in query_span and name_last > name_span[-1])
                                                   or (query_first in query_span and name_first < name_span[0])):
                    continue
                if query_unit.kind is PartKind.INITIAL and ((name_last in name_span and query_last > query_span[-1])
                                                            or (name_first in name_span and query_first < query_span[0])):
                    continue
                if named_country and self._countries[a] and n.native[:1] not in CONCEPT_MARKS:
                    # A country word of the mention meets the country of an institution's or a
                    # role's name that has one, not a word of it that sounds somewhat alike
                    # (russe and الرئاسي of المجلس الرئاسي الليبي).
                    continue
                # Ties go to the reading with fewer words joined, then to the order met.
                scored.append((-similarity, len(query_span) + len(name_span), query_span, name_span, b, a))
        scored.sort()
        used_query: set[int] = set()
        used_name: set[int] = set()
        pairs = []
        units = []
        order: list[tuple[int, int]] = []
        query_credit = 0.0
        name_credit = 0.0
        joined_floor = config.joined_floor
        for negative, size, query_span, name_span, b, a in scored:
            if used_query.intersection(query_span) or used_name.intersection(name_span):
                continue
            used_query.update(query_span)
            used_name.update(name_span)
            similarity = -negative
            # Two words read as one meet a word only as spelled: joined, a word of ten letters
            # meets many long names fuzzily (two short Arabic words against one long Latin surname).
            pair_credit = credit(similarity, floor if size == 2 else joined_floor)
            query_credit += self._unit_weights[a] * pair_credit
            name_credit += sum(name_weights[j] for j in name_span) * pair_credit
            pairs.append((self._unit_texts[a], " ".join(profile.texts[j] for j in name_span), round(similarity, 4)))
            units.append((query_units[a][1], name_units[b][1]))
            order.append((query_span[0], name_span[0]))
        if person and len(used_query) >= 2 and not any(
                profile.named[j] and j not in used_name for j in range(min(used_name), max(used_name))):
            # A word left between two matched words is most likely a middle name, which a
            # person's shorter names leave out (Charles Edwin Pratt, Charles Pratt): it costs
            # less. Not so in the name of an office or institution, nor where the name has a
            # word of its own in between that the mention does not (Ali Fuad Pasha against Ali
            # Ahmad Pasha): that is another middle name.
            first, last = min(used_query), max(used_query)
            query_weights = [weight * config.middle_name_factor if first < i < last and i not in used_query else weight
                             for i, weight in enumerate(query_weights)]
        if person and used_query and self._kunyas:
            # A kunya after a person's name (Rukan al-Majid Abu Walid) is an epithet that lists
            # add and the person's other names leave out: it costs as a middle name. Before the
            # name it is most often the name the person goes by (Abu Ali al-Hakim), and costs in full.
            last = max(used_query)
            query_weights = list(query_weights)
            for i in self._kunyas:
                if i > last:
                    query_weights[i] *= config.middle_name_factor
        # A courtesy title or rank before a name (M., le général, الشيخ) is no cost where the name
        # lacks it: a person's names do not carry titles. An office word (président, وزير) does
        # cost: it makes the mention name a role rather than an institution.
        if self._generations and not profile.generation:
            # A generational suffix against a name without one costs as a middle name: lists
            # leave the person's own out (Walter B. Jones for Walter B. Jones Jr.), but it may
            # be the son of the same name. Against a name with one, it must be the same.
            query_weights = list(query_weights)
            for i in self._generations:
                query_weights[i] *= config.middle_name_factor
        courtesies = self._courtesies
        total_query = sum(weight for i, weight in enumerate(query_weights) if i in used_query or not courtesies[i])
        # And a courtesy title of the name (Maulavi Adam Khan, Ali Fuad Pasha) costs nothing
        # where the mention lacks it: lists write some persons with theirs.
        total_name = sum(weight for j, weight in enumerate(name_weights)
                         if j in used_name or not name_courtesies[j]) if name_courtesies else sum(name_weights)
        office_missing = bool(profile.offices) and used_name.isdisjoint(profile.offices)
        unmatched_query = sum(weight for i, weight in enumerate(query_weights)
                              if i not in used_query and not courtesies[i])
        return Match(
            query_coverage=query_credit / total_query if total_query else 0.0,
            name_coverage=name_credit / total_name if total_name else 0.0,
            query_unmatched=unmatched_query / total_query if total_query else 1.0,
            pairs=tuple(pairs),
            office_missing=office_missing,
            # Mention and name each name a country (an office), and none of the name's met the
            # mention's: they name different ones.
            country_conflict=(bool(profile.countries) and used_name.isdisjoint(profile.countries)
                              and self._names_concept[COUNTRY_MARK]),
            office_conflict=office_missing and self._names_concept[OFFICE_MARK],
            crossed=_crossed(order) if person else 0.0,
            units=tuple(units),
        )


class _NameProfile(NamedTuple):
    """What :meth:`QueryMatcher.match` reads of a name whatever the query: worked out once."""

    texts: tuple[str, ...]
    named: tuple[bool, ...]  # each word is written in full (a name word)
    bounds: tuple[int, int]  # :func:`_name_word_bounds`
    countries: frozenset[int]  # the positions of its country words
    offices: frozenset[int]  # the positions of its office words
    generation: bool  # it has a generational suffix (Jr., III)


#: Profiles worked out, by the identity of the name (kept with it, so that the identity stays its
#: own); emptied when it reaches ``_BLOCKS_KEPT``.
_PROFILES: dict[int, tuple[Sequence[Token], _NameProfile]] = {}


def _name_profile(name: Sequence[Token]) -> _NameProfile:
    found = _PROFILES.get(id(name))
    if found is not None and found[0] is name:
        return found[1]
    profile = _NameProfile(
        texts=tuple(t.text for t in name),
        named=tuple(t.kind is PartKind.NAME for t in name),
        bounds=_name_word_bounds(name),
        countries=frozenset(j for j, t in enumerate(name) if t.native.startswith(COUNTRY_MARK)),
        offices=frozenset(j for j, t in enumerate(name) if t.native.startswith(OFFICE_MARK)),
        generation=any(t.native.startswith(GENERATION_MARK) for t in name),
    )
    if len(_PROFILES) >= _BLOCKS_KEPT:
        _PROFILES.clear()
    _PROFILES[id(name)] = (name, profile)
    return profile


def _name_word_bounds(tokens: Sequence[Token]) -> tuple[int, int]:
    """The positions of the first and the last word written in full (a name word); (the length,
    -1) without one."""
    named = [i for i, token in enumerate(tokens) if token.kind is PartKind.NAME]
    return (named[0], named[-1]) if named else (len(tokens), -1)


def _crossed(order: list[tuple[int, int]]) -> float:
    """The share of pairs of aligned words in opposite orders on the two sides."""
    if len(order) < 2:
        return 0.0
    order.sort()
    pairs = crossed = 0
    for i, (_query_i, name_i) in enumerate(order):
        for _query_j, name_j in order[i + 1:]:
            pairs += 1
            crossed += name_j < name_i
    return crossed / pairs


def match(query: Sequence[Token], name: Sequence[Token], index: CandidateIndex,
          query_compounds: Units = (), name_compounds: Units = ()) -> Match:
    """Align ``query`` with ``name`` and measure the coverage of both sides.

    ``query_compounds`` and ``name_compounds`` (from :func:`normalise.compounds`) are readings of
    neighbouring words as one word: a compound on one side may pair with one word on the other.
    """
    return QueryMatcher(query, index, query_compounds).match(name, name_compounds)
