"""Linking every entity of a running text: spans of the text, each resolved to an entity.

The text is cut into clauses at punctuation (a comma, a full stop, brackets, quotes, Arabic
punctuation, a blank line; a single line break does not cut a name). In a clause, the runs of
up to :data:`MOST_WORDS` words (function words aside) that begin and end with a word worth a
look are tried: a capitalised Latin word, an Arabic or Cyrillic word the index knows, or an
office or country word (ministre, وزير, russe); the name words of a run must all belong to
names of one entity.
The runs are resolved longest first, and only where no longer span is kept, so that "le
ministre de la Défense russe" is one role and not a country. A later short form ("M. Haftar",
"Haftar") of a person linked earlier in the text is linked to that person; a word alone is a
name only on firmer evidence (see :func:`_anchored`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import regex

from .gazetteer import Kind
from .index import paused_gc, sorted_unique
from .normalise import (CONCEPT_MARKS, COUNTRY_MARK, GENERATION_MARK, OFFICE_MARK, PartKind, Token, acronym_token,
                        base_forms, concept_phrase_length, fold, folded_words, function_word, has_article, joiners,
                        particle, script, title_word, tokenise)
from .scoring import token_similarity
from .tables import read_table

if TYPE_CHECKING:
    from .resolver import Resolution, Resolver

__all__ = ["Span", "link", "to_html"]

#: The longest run of words tried as one mention, not counting function words.
MOST_WORDS = 7
#: The most words before a person's run that :func:`_office_and_person` adds to the office.
_MOST_WORDS_BEFORE_AN_OFFICE = 3
#: How many answers for an office part are looked through for the role of a split.
_OFFICES = 5

# Words: letters and digits, with inner hyphens and apostrophes (Yunus-bek, Sab'awi).
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-'’ʼ][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*")
# The parts of a hyphenated or apostrophised word.
_PARTS = regex.compile(r"[-'’ʼ]")
#: A mention vouched for by no word as written in the gazetteer, or beginning or ending with a
#: word the index meets only by its keys, is linked only with at least this confidence.
WEAK_CONFIDENCE = 0.9
#: In a person's mention of several words matched to a name in another script, each word pair
#: is at least this similar (see :func:`_close_across_scripts`).
CLOSE_ACROSS_SCRIPTS = 0.9
#: A word of an institution's name in one script is spelled, not translated, in another where
#: the two are at least this similar (Wagner, فاغنر; see :func:`_spelled_in_other_scripts`).
_SPELLED = 0.8
#: A run with a word vouching for nothing at its edge is tried only up to this many words.
_MOST_WEAK_WORDS = 3
#: A run of words is a person's mention only if (nearly) every word of it is met in the matched
#: name; an institution's or a role's names vary more in wording (état-major, commandement), and
#: a run naming one may leave more unmatched (a rarity-weighted share).
_UNMATCHED_PERSON = 0.05
_UNMATCHED = 0.3
# A French or Italian elided article before a word: l'ANL, d'Ahmad (not part of the name).
_ELIDED = regex.compile(r"(?:l|d|qu|j|dell|all|nell)['’ʼ](?=\p{L})", regex.IGNORECASE)
# An English possessive after a name of three letters or more: Haftar's, Putin’s.
_POSSESSIVE = regex.compile(r"(?<=\p{Latin}{3})['’][sS]$")
#: An English possessive right after a word.
_POSSESSIVE_AFTER = regex.compile(r"['’][sS](?!\p{L})")
# What ends a clause: punctuation, quotes, brackets, a blank line. A single line break does not.
_CLAUSE_END = regex.compile(r"[-—–.;:!?,()\[\]{}«»“”„\"<>|/،؛؟…]|\n[ \t]*\n")
# Quotation marks, and the most words between two of them that are read as a quoted name.
_QUOTES = frozenset("«»“”„\"‹›")
_MOST_QUOTED = 3
# An abbreviated courtesy title's full stop does not end the clause (M. Haftar, Dr. Smith).
_ABBREVIATION = regex.compile(r"(?<![\p{L}])(?:M|Mr|Mrs|Ms|Dr|Mme|Mgr|Pr|St|Gen|Col|Lt|Sgt|Maj|Capt|Brig|Adm|Sen|Rep|Gov|Amb)\.$")


@dataclass(frozen=True, slots=True)
class Span:
    """One mention found in a text: ``text[start:end]`` names ``entity_id``."""

    start: int
    end: int
    text: str
    entity_id: str
    kind: Kind
    label: str
    confidence: float
    #: For a role, the id of the person holding it on the text's date (see Resolution.holder).
    holder: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "entity_id": self.entity_id,
                "kind": self.kind.value, "label": self.label, "confidence": round(self.confidence, 4),
                "holder": self.holder}


def _words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word, an elided article and an English possessive left out."""
    out = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        elided = _ELIDED.match(text, start, end)
        if elided:
            start = elided.end()
        possessive = _POSSESSIVE.search(text, start, end)
        if possessive:
            end = possessive.start()
        start, end = _without_affixes(text, start, end)
        out.append((start, end))
    return out


def _without_affixes(text: str, start: int, end: int) -> tuple[int, int]:
    """A hyphenated word without the affixes that make an adjective of a name
    (``data/hyphen_affixes.tsv``): "pro-Haftar" is Haftar, "Kremlin-linked" the Kremlin."""
    prefixes, suffixes = _hyphen_affixes()
    parts = [match.span() for match in _HYPHENATED.finditer(text, start, end)]
    if len(parts) < 2:
        return start, end
    first, last = 0, len(parts)
    while last - first > 1 and fold(text[slice(*parts[first])]) in prefixes:
        first += 1
    while last - first > 1 and fold(text[slice(*parts[last - 1])]) in suffixes:
        last -= 1
    return parts[first][0], parts[last - 1][1]


#: The parts of a hyphenated word.
_HYPHENATED = regex.compile(r"[^-]+")


@functools.cache
def _hyphen_affixes() -> tuple[frozenset[str], frozenset[str]]:
    rows = read_table("hyphen_affixes.tsv", 2)
    return (frozenset(fold(affix) for position, affix in rows if position == "prefix"),
            frozenset(fold(affix) for position, affix in rows if position == "suffix"))


def _clauses(text: str, words: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """The words grouped by clause."""
    clause: list[tuple[int, int]] = []
    previous_end = 0
    for start, end in words:
        gap = text[previous_end:start]
        if clause and _CLAUSE_END.search(gap) and not (gap.strip() == "." and _ABBREVIATION.search(text[:start].rstrip())):
            yield clause
            clause = []
        clause.append((start, end))
        previous_end = end
    if clause:
        yield clause


def _quoted(text: str, clause: list[tuple[int, int]]) -> bool:
    """Whether a clause is a few words between quotation marks, alone: «Wagner», "أفريكوم"."""
    if len(clause) > _MOST_QUOTED:
        return False
    before = text[:clause[0][0]].rstrip()
    after = text[clause[-1][1]:].lstrip()
    return before[-1:] in _QUOTES and after[:1] in _QUOTES


class _Looker:
    """Which words are worth a look as the first or last word of a mention."""

    def __init__(self, resolver: "Resolver") -> None:
        self.index = resolver.index
        self.gazetteer = resolver.gazetteer
        self._known: dict[str, tuple[bool, str]] = {}
        self._tokens: dict[str, tuple[Token, ...]] = {}
        self._met: dict[tuple[str, bool], np.ndarray] = {}
        self._names_met: dict[str, np.ndarray] = {}
        self._spelled: dict[str, np.ndarray] = {}
        # What the gazetteer says of its words, worked out once per resolver: the words of its
        # names as written, and by position whether a name is of one word.
        known = resolver.__dict__.get("_link_words")
        if known is None:
            one_word = np.zeros(len(resolver.index.names), dtype=bool)
            natives: set[str] = set()
            given: set[str] = set()  # the first name word of a person's name of several
            for position, indexed in enumerate(resolver.index.names):  # one pass: names are built on access
                words = [token for token in indexed.tokens if token.kind is PartKind.NAME]
                natives.update(token.native for token in words)
                if len(words) == 1:
                    one_word[position] = True
                elif words and indexed.entity.kind is Kind.PERSON:
                    given.add(words[0].native)
            known = resolver.__dict__["_link_words"] = (frozenset(natives), one_word, frozenset(given))
        self._natives, self._one_word, self._given = known
        #: The acronyms institutions list, as written (UN, RT).
        self._acronyms = resolver.listed_acronyms()

    def tokens(self, word: str) -> tuple[Token, ...]:
        """The word tokenised as a query, once."""
        found = self._tokens.get(word)
        if found is None:
            found = self._tokens[word] = tokenise(word, query=True)
        return found

    def met(self, word: str, *, near: bool) -> np.ndarray:
        """:meth:`CandidateIndex.entities_met` for the word, once."""
        found = self._met.get((word, near))
        if found is None:
            found = self._met[word, near] = self.index.entities_met(self.tokens(word), near=near)
        return found

    def entities(self, word: str) -> np.ndarray:
        """The entities (by number, sorted) with a name the word may belong to. A word written as
        in some gazetteer name, or capitalised, meets them by an exact key (unless no key meets
        it exactly); a word the index meets only by its keys may be misspelled (بيكسوف for
        بيسكوف), and meets them by a near key too."""
        if self(word)[1]:
            exact = self.met(word, near=False)
            if len(exact):
                return self._spelled_out(word, exact)
        return self.met(word, near=True)

    def _spelled_out(self, word: str, met: np.ndarray) -> np.ndarray:
        """With an acronym an institution lists (UN), the entities met also by the words of that
        institution's names in its script (United Nations): "UN Support Mission in Libya" is of
        one entity, whose name spells the acronym out."""
        listing = self._acronyms.get(word)
        if not listing:
            return met
        if word in self._spelled:
            return self._spelled[word]
        found = [met]
        written = script(word)
        for entity_id in sorted(listing):
            for name in self.gazetteer[entity_id].names:
                words = [part for part in name.text.split() if not function_word(part)]
                if len(words) < 2 or script(name.text) != written:
                    continue
                common = functools.reduce(np.intersect1d, (self.met(part, near=False) for part in words))
                found.append(common)
        spelled = self._spelled[word] = sorted_unique(np.concatenate(found))
        return spelled

    def one_entity(self, words: list[str]) -> bool:
        """Whether some entity has names that the first and the last of a run's words belong
        to, and all the others but one: an inner word may be spelled too far from every key of
        the entity's names (Abu al-Qasim for Belqasim in "Khalifa Abu al-Qasim Haftar"), and
        the scoring will judge it."""
        common = np.intersect1d(self.entities(words[0]), self.entities(words[-1]), assume_unique=True)
        misses = 0
        for word in words[1:-1]:
            both = np.intersect1d(common, self.entities(word), assume_unique=True)
            if len(both):
                common = both
            else:
                misses += 1
        return len(common) > 0 and misses <= 1

    def named(self, word: str) -> bool:
        """Whether a word has a name word in it: not a title or a particle alone, nor a word
        that joins the next one (Abu al-Qasim is one word of a name, Belqasim)."""
        return fold(word) not in joiners() and any(token.kind is PartKind.NAME for token in self.tokens(word))

    def country(self, word: str) -> bool:
        """Whether a word names a country (``data/countries.tsv``: Saudi, russe, الروسي)."""
        return _marked(self.tokens(word), COUNTRY_MARK)

    def countries(self, word: str) -> set[str]:
        """The countries a word names, as concepts (russe and Russie both #russia)."""
        return {unit.native for token in self.tokens(word) for unit in token.units()
                if unit.native.startswith(COUNTRY_MARK)}

    def generation(self, word: str) -> bool:
        """Whether a word is a generational suffix (``data/generations.tsv``: Jr., III, fils)."""
        return _marked(self.tokens(word), GENERATION_MARK)

    def kin(self, word: str) -> bool:
        """Whether a word names a relative (``data/kinship.tsv``: son, frère, شقيقه), or is such a
        word with a proclitic glued to it (بعائلة, of the family of)."""
        kinship = folded_words("kinship.tsv")
        return fold(word) in kinship or any(reading.reading == "proclitic" and fold(reading.text) in kinship
                                            for token in self.tokens(word) for reading in token.readings)

    def office(self, word: str) -> bool:
        """Whether a word reads as an office (``data/offices.tsv``: ministre, vice-, نائب)."""
        return _marked(self.tokens(word), OFFICE_MARK)

    def filiation(self, words: str) -> bool:
        """Whether three words are a name, a filiation particle and a name (Khalid bin Salman, خالد
        بن سلمان): the last is the father's name in a longer name."""
        return [token.kind for token in self.tokens(words)] == [PartKind.NAME, PartKind.FILIATION, PartKind.NAME]

    def met_in(self, word: str, resolution: "Resolution") -> bool:
        """Whether a word of the mention is in one of the word pairs the resolution matched, and
        met closely (NATO is not "Nations")."""
        met = {part for pair in resolution.pairs if pair[2] >= CLOSE_ACROSS_SCRIPTS for part in pair[0].split()}
        # A word may be a phrase of several (secretary-general, read "secretary general").
        return any(set(token.text.split()) <= met for token in self.tokens(word))

    def glued_and(self, word: str) -> bool:
        """Whether a word has a conjunction glued to it (ونجليه, and his two sons: و of
        ``data/coordinators.tsv`` as a proclitic) and is neither a word of some name as written
        (وليد) nor an office or institution word (وزير). Inside a run, it joins two things."""
        tokens = self.tokens(word)
        if any(unit.native in self._natives or unit.native[:1] in CONCEPT_MARKS for token in tokens
               for unit in (token, *(reading for reading in token.readings if reading.reading != "proclitic"))):
            return False
        coordinators = folded_words("coordinators.tsv")
        return any(reading.reading == "proclitic" and word[:-len(reading.text)] in coordinators
                   for token in tokens for reading in token.readings)

    def unknown_name(self, word: str) -> bool:
        """Whether a word, capitalised in a script with case, is a name word (not a title, a
        particle, an office or a country) that no name of the gazetteer in its script has:
        al-Shaibani. Read by ear, a Latin word may meet a word of another script (Araghchi,
        الرئاسي), which is no name of the same people."""
        if _caseless(word) or self(word) != (True, "name") or not self.named(word) or title_word(word):
            return False
        written = script(word)
        names = self.index.names
        return not any(script(names[int(position)].name.text) == written
                       for position in self.index.names_met(self.tokens(word), near=False))

    def given_name(self, word: str, *, first: bool = False) -> bool:
        """Whether a word, capitalised in a script with case, may be a given name: a name word
        (Siddiq), not a title (Maréchal), a particle or a word of running text. A sentence's
        ``first`` word is capitalised whatever it is (Yesterday, Cependant), and a word of a script
        without case has no capital: it must be the given name of some person of the gazetteer
        (Sergei, علي)."""
        if not (_caseless(word) or word[:1].isupper()) or self(word) != (True, "name") or not self.named(word):
            return False
        if first or _caseless(word):
            # Without case, no capital says a word is a name: علي before الدبيبة is the given
            # name of another Dbeibah only as a given name of the gazetteer. A sentence's first
            # word may also be a name no name of the gazetteer has (Hannibal): not a word of
            # running text (Yesterday: data/running_text.tsv), which is worth no look.
            return any(token.native in self._given for token in self.tokens(word)) or self.unknown_name(word)
        return not title_word(word)

    def name_word(self, word: str) -> bool:
        """Whether a word vouches for a name and has a name word in it, and is no title: a word of a
        person's name beside an office (Khalid, Salman; not Prince)."""
        return self(word)[1] == "name" and self.named(word) and not title_word(word)

    def first_name_word(self, word: str) -> bool:
        """Whether a word is the first of some person's name of several words (Khalifa, صدام)."""
        return any(unit.native in self._given for token in self.tokens(word) for unit in token.units())

    def glued_given_name(self, word: str) -> bool:
        """Whether an Arabic word is a clitic glued to the given name of some person of the
        gazetteer (وخالد, and Khaled)."""
        return _caseless(word) and any(reading.reading == "proclitic" and reading.native in self._given
                                       for token in self.tokens(word) for reading in token.readings)

    def prose(self, word: str) -> bool:
        """Whether a word is running text: written in lower case in a script with case, in no
        name of the gazetteer (armées, sécurité are), and neither a function word of names (de,
        of), a particle (al, bin) nor a title (général); in a script without case, a word of
        running text (``data/running_text.tsv``: إن, الذي) that no name holds."""
        if _caseless(word):
            # Without case: a word of running text (إن, الذي, كان) that no name holds.
            return fold(word) in folded_words("running_text.tsv") and not function_word(word) and not any(
                unit.native in self._natives for token in self.tokens(word) for unit in token.units())
        if not word[:1].islower() or function_word(word) or any(particle(part) for part in _PARTS.split(word)):
            return False
        if not all(token.kind is PartKind.NAME and not token.readings and token.native not in self._natives
                   for token in self.tokens(word)):
            return False
        # A word agreed with a woman or a plural (spéciale, directrice: data/romance_endings.tsv)
        # whose base form a name holds is that name's word, inflected.
        return not any(token.native in self._natives for form in base_forms(word) for token in self.tokens(form))

    def whole_name(self, word: str) -> bool:
        """Whether the word may be the whole of some entity's name (an acronym, Wagner). A word
        the index meets only by its keys may be a one-word name misspelled, and meets it by a
        near key too; an office or a country word (russe, Libye) is one by its own concept."""
        names = self._names_met.get(word)
        if names is None:
            near = self(word)[1] != "concept"
            names = self._names_met[word] = self.index.names_met(self.tokens(word), near=near)
        return bool(self._one_word[names].any())

    def __call__(self, word: str) -> tuple[bool, str]:
        """(whether a mention may begin or end with the word, what it vouches for: "name" for a
        name, "concept" for a role or an institution only, "" for nothing)."""
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._worth(word)
        return known

    def _worth(self, word: str) -> tuple[bool, str]:
        if fold(word) in folded_words("running_text.tsv") and word not in self._acronyms:
            return False, ""  # a word of running text, but not in the capitals of a listed acronym (UN is not un)
        tokens = self.tokens(word)
        units = [unit for token in tokens for unit in token.units()]
        if any(unit.native[:1] in CONCEPT_MARKS for unit in units):
            return True, "concept"  # an office or a country: ministre, russe, الروسي
        if any(part[:1].isupper() for part in _PARTS.split(word)):
            return True, "name"  # Haftar, al-Mesmari
        if not _caseless(word) and any(token.kind is PartKind.NAME and token.native in self._natives for token in tokens):
            # French writes an institution's words after the first in lower case (Forces de
            # soutien rapide, Nations unies): such a word of some name may end a mention of the
            # whole name (see _resolve_run), not begin one.
            return True, "tail"
        if _caseless(word):
            # A script without case (Arabic): a word of a gazetteer name as it is written there
            # vouches for a mention; one the index meets by its keys, exactly or nearly, may
            # only begin or end one (يفكيروف beside يونس بك, or a confident بيكسوف).
            if any(unit.native in self._natives for unit in units):
                return True, "name"
            if _common(word):
                return False, ""  # a common word of running text that no name writes (زيارة, visit)
            names = [token for token in tokens if token.kind is PartKind.NAME]
            return bool(names) and bool(self.index.candidates(names, limit=1)), ""
        return False, ""


def link(resolver: "Resolver", text: str, *, at: dt.date | str | None = None) -> list[Span]:
    """See :meth:`Resolver.link`."""
    if not isinstance(text, str):
        raise TypeError(f"a text is a str, not {type(text).__name__}")
    # (The garbage collector is paused for the whole text, as for one mention: Resolver.candidates.)
    with resolver.remembering(), paused_gc():
        return _link(resolver, text, at)


def _link(resolver: "Resolver", text: str, at: dt.date | str | None) -> list[Span]:
    looker = _Looker(resolver)
    runs: list[tuple[int, int, list[tuple[int, int]], list[str]]] = []
    words = _words(text)
    for clause in _clauses(text, words):
        # A word written apart from the next one that names join to it (عبد العاطي, Abu Bakr) is
        # looked at with it: alone, neither may be a word of any name.
        written = [text[s:e] for s, e in clause]
        looked = list(written)
        joiner = [fold(word) in joiners() for word in looked]
        for k in range(len(clause) - 1):
            if joiner[k]:
                looked[k] = looked[k + 1] = text[clause[k][0]:clause[k + 1][1]]
        looks = [looker(word) for word in looked]
        # The words of an office or a country of several words ("Prime Minister", "United States")
        # are that concept, not names: "Prime" alone is a capitalised word of no entity.
        # A run neither begins nor ends inside such a phrase: "russe des Affaires" is not a
        # mention when "Affaires étrangères" follows.
        opens = [True] * len(clause)
        closes = [True] * len(clause)
        # The words of the phrase each word is in (its own alone): an edge of a run is looked
        # up as its whole phrase ("prime minister", not "minister").
        phrase = [(k, k) for k in range(len(clause))]
        k = 0
        while k < len(clause):
            length = concept_phrase_length(written, k)
            if length > 1:
                looks[k:k + length] = [(True, "concept")] * length
                opens[k + 1:k + length] = [False] * (length - 1)
                closes[k:k + length - 1] = [False] * (length - 1)
                phrase[k:k + length] = [(k, k + length - 1)] * length
            k += max(length, 1)
        # Nor does a run end on a particle before another word: it is that word's ("bin Hamad Al
        # Thani": "Hamad Al" is no mention).
        for k in range(len(clause) - 1):
            if particle(written[k]):
                closes[k] = False
        if _quoted(text, clause):
            # Without capitals, a writer marks a proper name by quoting it ("أفريكوم"): the
            # quoted words the index meets vouch for a name.
            looks = [(edge, "name" if edge and not strong and _caseless(text[s:e]) else strong)
                     for (edge, strong), (s, e) in zip(looks, clause)]
        if _title_case(looker, written):
            # A headline in title case ("Haftar Meets Putin In Moscow") capitalises its running
            # text: a capitalised word that is running text in lower case is running text.
            looks = [(False, "prose") if word[:1].isupper() and looker.prose(word.lower()) else look
                     for word, look in zip(written, looks)]
        worth = [edge for edge, _ in looks]
        vouched = [strong for _, strong in looks]
        # The name words of a run (neither an office, a country nor a title, all of which a
        # person's mention may add) must all belong to names of one entity.
        # A particle before another word is that word's (Al Jazeera, El Fasher), not a name of its
        # own (Al, a given name alone).
        named = [worth[k] and vouched[k] not in ("concept", "tail") and not joiner[k] and looker.named(looked[k])
                 and not (k + 1 < len(clause) and particle(written[k])) for k in range(len(clause))]
        # A word of running text in a script with case (met, a rencontré) ends any mention: it is
        # not worth a look, not a function word of a name (de, of), nor a particle or a title.
        # So does a word naming a relative (son, frère, ابن أخيه): no name holds one, and the
        # words after it are the relative's name, not more of the name before it.
        prose = [vouched[k] == "prose" or (not worth[k] and looker.prose(text[s:e])) or looker.kin(text[s:e])
                 for k, (s, e) in enumerate(clause)]
        for i in range(len(clause)):
            if not worth[i] or not opens[i] or vouched[i] == "tail":
                continue
            # Words of the run so far that no entity has with the others (counted greedily, to
            # stop extending the run once two are met).
            common: np.ndarray | None = None
            misses = 0
            words_so_far = 0
            for j in range(i, len(clause)):
                # Function words (de, du, pour la) do not count: French and Arabic write an
                # office's name with many ("représentant spécial du secrétaire général de l'ONU
                # pour la Libye").
                words_so_far += not function_word(written[j])
                if words_so_far > MOST_WORDS:
                    break
                if prose[j]:
                    break  # "the Saudi Defence Minister met the Russian": two mentions, not one
                if named[j]:
                    met = looker.entities(looked[j])
                    both = met if common is None else np.intersect1d(common, met, assume_unique=True)
                    if len(both):
                        common = both
                    else:
                        misses += 1
                        if misses > 1:
                            break  # "Khalifa Haftar a rencontré Vladimir Poutine": no entity has them all
                if not worth[j] or not closes[j]:
                    continue
                if "" in (vouched[i], vouched[j]) and j - _name_start(vouched, i, j) >= _MOST_WEAK_WORDS:
                    continue  # a word vouching for nothing edges only short runs (ديميتري بيكسوف)
                if j == i and vouched[i] != "name" and not looker.whole_name(looked[i]):
                    continue  # an office, a country or a word vouching for nothing alone is a whole name or nothing
                names = [word for word, word_named in zip(looked[i:j + 1], named[i:j + 1]) if word_named]
                if len(names) > 1 and not looker.one_entity(names):
                    continue  # the name words of the run are not one entity's
                if j > i and not names and not looker.one_entity(
                        [text[clause[phrase[i][0]][0]:clause[phrase[i][1]][1]],
                         text[clause[phrase[j][0]][0]:clause[phrase[j][1]][1]]]):
                    continue  # an office or a country word at both ends that no entity has both of
                runs.append((i, j, clause, vouched))
    # Longest first, then the more confident; a span overlapping one kept is dropped. Runs are
    # resolved a length at a time, longest first, and only where nothing is kept yet: the
    # words of "le ministre de la Défense russe Andreï Beloussov" are not tried again alone.
    cache: dict[str, Resolution | None] = {}
    taken: list[tuple[int, int, "Resolution"]] = []
    runs.sort(key=lambda run: run[0] - run[1])
    for _size, group in itertools.groupby(runs, key=lambda run: run[1] - run[0]):
        found = []
        for i, j, clause, vouched in group:
            start, end = clause[i][0], clause[j][1]
            if _overlaps(start, end, taken):
                continue
            resolution = _resolve_run(resolver, looker, text, clause, vouched, i, j, at, cache)
            if resolution is not None:
                found.append((-resolution.confidence, start, end, resolution, tuple(clause[i:j + 1]),
                              tuple(clause[max(0, i - _MOST_WORDS_BEFORE_AN_OFFICE):i])))
        found.sort(key=lambda item: item[:2])
        for _confidence, start, end, resolution, span_words, before in found:
            if not _overlaps(start, end, taken):
                taken.extend(_office_and_person(resolver, looker, text, start, end, resolution, span_words, at,
                                                before=before, taken=taken))
    taken.sort(key=lambda item: item[0])
    taken = [(start, end, kept) for start, end, resolution in taken
             if (kept := _office_beside(resolver, looker, text, words, taken, start, end, resolution, at)) is not None]
    spans = [_span(text, start, end, resolution) for start, end, resolution in taken]
    spans = _anchored(resolver, _short_forms(_defined_acronyms(resolver, text, words, spans, at)))
    return _surnames_again(looker, text, words, _family_given_names(resolver, looker, text, words, spans, at))


def _vouches_for_the_name(looker: _Looker, word: str, vouched: str, *, last: bool) -> bool:
    """Whether a word at an edge of a run must be in the matched name of the role or institution
    the run resolves to: a name word, or a word that vouches for nothing, at either edge; an
    office or institution word (no country) at the end."""
    return vouched in ("name", "") or (last and vouched == "concept" and not looker.country(word))


def _name_start(vouched: list[str], i: int, j: int) -> int:
    """Where the words after the offices and countries that open the run ``i``..``j`` begin,
    where some word before ``j`` does: in "وزير الدفاع الروسي أندريه بيلاوسوف" (an office and
    two words of a name), at أندريه. Else ``i``: "القائد العام للجيش الوطني الليبي المشير" is an
    office's words and a title."""
    start = next((k for k in range(i, j) if vouched[k] != "concept"), j)
    return start if start < j else i


def _resolve_run(resolver: "Resolver", looker: _Looker, text: str, clause: list[tuple[int, int]], vouched: list[str],
                 i: int, j: int, at: dt.date | str | None, cache: dict[str, "Resolution | None"]) -> "Resolution | None":
    """The entity the words ``i`` to ``j`` of a clause name as one mention, or None."""
    def resolve(first: int, last: int) -> "Resolution | None":
        mention = " ".join(text[clause[first][0]:clause[last][1]].split())
        if mention not in cache:
            cache[mention] = _answer(resolver, mention, at)
        return cache[mention]

    resolution = resolve(i, j)
    if resolution is None:
        return None
    if (_quoted(text, clause) and any(looker(text[s:e])[1] == "" for s, e in clause[i:j + 1])
            and any(pair[2] < CLOSE_ACROSS_SCRIPTS for pair in resolution.pairs)):
        return None  # a quoted word that vouches for nothing must be close to the name's: "تعزيز" is not تاس, "أفريكوم" is AFRICOM
    if vouched[j] == "tail" and (resolution.kind is Kind.PERSON or not (
            _whole_name(resolution) or _implied_country(resolver, looker, " ".join(text[clause[i][0]:clause[j][1]].split()),
                                                        resolution, at))):
        return None  # "Conseil de sécurité" is part of two names, each of a different council
    if (j > i and resolution.kind is not Kind.PERSON and looker.country(text[clause[i][0]:clause[i][1]])
            and _linking_word(text[clause[i + 1][0]:clause[i + 1][1]])):
        return None  # "la visite en Russie du ministre russe de la Défense": a country then "du" is where, not whose
    if j > i and resolution.kind is not Kind.PERSON and any(
            looker.countries(text[clause[k][0]:clause[k][1]]) & set().union(
                *(looker.countries(text[s:e]) for s, e in clause[i:j + 1] if (s, e) != clause[k])) for k in (i, j)):
        return None  # "Russie par le ministre russe de la Défense": an office names its country once, not at its edge again
    if resolution.kind is not Kind.PERSON and vouched[j] == "name" and title_word(text[clause[j][0]:clause[j][1]]):
        return None  # a rank ends no institution's name: "den libyschen General" is a Libyan general
    if resolution.kind is Kind.ROLE and vouched[j] != "concept" and _POSSESSIVE_AFTER.match(text, clause[j][1]):
        return None  # "commander of the LNA's ground forces": the office is of what the institution has
    # A person's mention begins and ends with names; an office or a country at its edge
    # ("président Vladimir Poutine", "وحفتر الوضع في ليبيا") must be confident.
    sure = {"name"} if resolution.kind is Kind.PERSON else {"name", "concept"}
    if not {vouched[i], vouched[j]} <= sure:
        if resolution.confidence < WEAK_CONFIDENCE:
            return None
        # Words at the edge that vouch for nothing may add to a mention, not redirect it:
        # "وحفتر الوضع" is not Khaled Haftar when "وحفتر" alone is Khalifa.
        inner = [k for k in range(i, j + 1) if vouched[k] in sure]
        if inner and (inner[0], inner[-1]) != (i, j):
            core = resolve(inner[0], inner[-1])
            if core is not None and core.entity_id != resolution.entity_id and not _given_name_alone(core):
                # (A given name alone names no one: "سيرغي" is any Sergei, and a surname after it
                # says which, however it is spelled.)
                return None
    if not _same_script(resolver, text[clause[i][0]:clause[j][1]], resolution):
        return None  # "Chat" is not زايد, "Bruce" not برس: the entity has names in the text's script
    if j > i and not _close_across_scripts(resolver, text[clause[i][0]:clause[j][1]], resolution):
        return None  # "ضحايا السيول" (flood victims) is not Danny Sewell
    if j > i:
        lacked = _words_the_name_lacks(text[clause[i][0]:clause[j][1]], resolution)
        if resolution.kind is Kind.PERSON and any(token.kind is PartKind.FUNCTION for token in lacked):
            # Names of persons hold no prepositions or conjunctions of running text ("Charles de
            # Gaulle" holds his own de): "لقائه في بنغازي" (his meeting in Benghazi) is not a person named Bengazi.
            return None
        inner = _words_the_name_lacks(text[clause[i + 1][0]:clause[j][1]], resolution) if j > i + 1 else []
        if (any(token.text in folded_words("coordinators.tsv") for token in lacked)
                or any(looker.glued_and(token.text) for token in inner)):
            # A conjunction (et, and, و written apart: data/coordinators.tsv) joins two things,
            # unless the name has it (Bosnia and Herzegovina): "la Russie et la Libye" is not the
            # Presidential Council; so does و glued to a word after the first ("حفتر ونجليه صدام",
            # Haftar and his two sons Saddam, is not Saddam Haftar).
            return None
    unmatched = _UNMATCHED_PERSON if resolution.kind is Kind.PERSON else _UNMATCHED
    if j > i and resolution.kind is not Kind.PERSON and "through_person" not in dict(resolution.features) and any(
            _vouches_for_the_name(looker, text[clause[k][0]:clause[k][1]], vouched[k], last=k == j)
            and not looker.met_in(text[clause[k][0]:clause[k][1]], resolution) for k in (i, j)):
        # "Qatari emir Hamad": the name after the office is a person's, not the office's; an
        # office or institution word after the name is another's: "قوات الدعم السريع بقيادة" (the
        # RSF, led by ...) ends before the command of its leader.
        return None
    if j > i and dict(resolution.features).get("query_unmatched", 0.0) > unmatched and not _middle_names(
            text[clause[i][0]:clause[j][1]], resolution):
        return None  # a word of the run is in none of the name's: "Khalifa Haftar à Moscou"
    if (resolution.kind is Kind.PERSON and j > i and vouched[j] == "concept"
            and not looker.generation(text[clause[j][0]:clause[j][1]])
            and not looker.met_in(text[clause[j][0]:clause[j][1]], resolution)):
        return None  # "السيسي وزير الخارجية التركي": an office after a person's name is no word of the name
    if j > i and _given_name_as_fathers(text[clause[i][0]:clause[j][1]], resolution):
        return None  # "Hamad bin Khalifa Al Thani" is Tamim bin Hamad's father, not Tamim
    if j == i and (_given_name_alone(resolution) or ((vouched[i] != "name" or resolution.kind is Kind.ROLE)
                                                     and _several_words(resolution))):
        return None  # "Vladimir" alone is not Putin; "libyenne" alone is not the Libyan Red Crescent, "Special" not the Special Representative
    if (j == i and resolution.kind is Kind.ORG and _several_words(resolution)
            and not _spelled_in_other_scripts(resolver, text[clause[i][0]:clause[i][1]], resolution)):
        return None  # "House" (of the White House) is not the House of Representatives; "Wagner" is the Wagner Group
    if j == i and resolution.kind is not Kind.PERSON and _common_word_for_a_name(text[clause[i][0]:clause[i][1]], resolution):
        return None  # "الدعم" (the support) alone is not the Rapid Support Forces
    if resolution.kind is Kind.PERSON and i >= 1 and vouched[i - 1] != "prose" and looker.given_name(
            text[clause[i - 1][0]:clause[i - 1][1]], first=_sentence_start(text, clause[i - 1][0])) and len(
            _name_words(text[clause[i][0]:clause[j][1]])) <= 1:
        return None  # "Sergei Ivanov", "Siddiq Haftar", "Malik Al Thani": the given name before the surname is another's
    if resolution.kind is Kind.PERSON and j == i and i >= 2 and _relatives_given_name(
            looker, text[clause[i - 2][0]:clause[i - 2][1]], text[clause[i - 1][0]:clause[i - 1][1]], vouched[i - 1]):
        return None  # "شقيقه هانيبال القذافي" (his brother Hannibal Gaddafi) is not the Gaddafi the text named before
    if resolution.kind is Kind.PERSON and any(looker.generation(text[s:e]) and not text[s:s + 1].islower()
                                              for s, e in clause[i:j + 2]) and not _marked(
            tokenise(resolution.matched_name), GENERATION_MARK):
        return None  # "Donald Trump Jr." is his son: in running text a suffix the name lacks is another generation's ("fils" in lower case is a son, not a suffix)
    if j == i and resolution.kind is Kind.PERSON and i + 1 < len(clause) and vouched[i + 1] != "prose" and looker.unknown_name(
            text[clause[i + 1][0]:clause[i + 1][1]]):
        return None  # "Asaad al-Shaibani": a name word before a surname no entity has is the given name of another
    if j == i and resolution.kind is Kind.PERSON and i >= 2 and vouched[i - 2] == "name" and looker.filiation(
            text[clause[i - 2][0]:clause[i][1]]):
        return None  # "Khalid bin Salman", whom the gazetteer lacks: Salman is his father, not another Salman
    if (resolution.kind is Kind.ORG and i >= 1 and looker.country(text[clause[i][0]:clause[i][1]])
            and looker.office(text[clause[i - 1][0]:clause[i - 1][1]])):
        return None  # "vice-ministre russe des Affaires étrangères": russe is the office's, and no ministry is named
    if resolution.kind is Kind.ROLE and all(name_key[:1] == OFFICE_MARK for *_words, name_key in resolution.pairs):
        return None  # "الناطق الرسمي" (the official spokesman) alone: an office in general, not the LNA's
    if resolution.kind is not Kind.PERSON and _offices_the_name_lacks(text[clause[i][0]:clause[j][1]], resolution):
        return None  # "Russian Deputy Foreign Minister" is not the minister, "رئيس مجلس الأمن" not the council
    if resolution.kind is not Kind.PERSON:
        # A country word just outside the span of an office or an institution says whose it is:
        # "Saudi Defence Minister" is not Russia's defence minister, though "Defence Minister"
        # alone may be; an office or institution word beside an office says which office it is:
        # "vice-ministre russe des Affaires étrangères" is not the deputy minister of defence,
        # though "vice-ministre russe" alone may be. (Beside an institution it may be an office
        # of that institution: "State Department spokesman".)
        # Function words may come between ("ministre saoudien de la Défense"), not a conjunction;
        # so may a word saying the office is held for a while ("وزير الخارجية المكلف في حكومة",
        # the acting foreign minister in the government of: data/office_qualifiers.tsv).
        for step, k in ((-1, i - 1), (1, j + 1)):
            while 0 <= k < len(clause) and (_linking_word(text[clause[k][0]:clause[k][1]]) or (
                    resolution.kind is Kind.ROLE and _office_qualifier(text[clause[k][0]:clause[k][1]]))):
                k += step
            if 0 <= k < len(clause) and (looker.country(text[clause[k][0]:clause[k][1]])
                                         or (resolution.kind is Kind.ROLE and vouched[k] == "concept")):
                while 0 <= k + step < len(clause) and vouched[k + step] == "concept":
                    k += step  # the whole office or phrase: Affaires étrangères
                wider = resolve(min(i, k), max(j, k))
                if wider is None or wider.entity_id != resolution.entity_id or (step < 0 and _offices_the_name_lacks(
                        text[clause[k][0]:clause[j][1]], wider)):
                    return None  # before the office, "نائبا لرئيس دولة فلسطين", "vice president": the deputy's
    return resolution


def _overlaps(start: int, end: int, taken: Iterable[tuple[int, ...]]) -> bool:
    """Whether the characters ``start`` to ``end`` overlap one of ``taken`` (each beginning with
    its start and end: spans' offsets, or (start, end, resolution))."""
    return any(start < item[1] and item[0] < end for item in taken)


def _with_added(spans: list[Span], added: list[Span]) -> list[Span]:
    """``spans`` with the spans ``added`` by a later pass, in order of their start."""
    return sorted(spans + added, key=lambda span: span.start) if added else spans


def _family_given_names(resolver: "Resolver", looker: _Looker, text: str, words: list[tuple[int, int]],
                        spans: list[Span], at: dt.date | str | None) -> list[Span]:
    """Spans for a given name alone ("his sons Saddam and Khaled", "نجلاه صدام وخالد") where the
    text has named a person of the family in full: the gazetteer person with that given name
    and the family's surname. Not where the text has linked another person with that given
    name, nor at a sentence's start (Said), nor for a common word of a script without case."""
    people = [span for span in spans if span.kind is Kind.PERSON and len(_name_words(span.text)) > 1]
    # A person named by the surname alone (Haftar, المشير حفتر) names the family too.
    surnames_alone = {span.text for span in spans if span.kind is Kind.PERSON and len(_name_words(span.text)) == 1
                      and not looker.first_name_word(span.text)}
    if not people and not surnames_alone:
        return spans
    # The family's surnames and the given names already taken, as the text writes them.
    surnames = {_name_words(span.text)[-1] for span in people} | surnames_alone
    given = {_name_words(span.text)[0] for span in people}
    taken = [(span.start, span.end) for span in spans]
    added = []
    previous = -2  # the word of the last given name found
    for k, (start, end) in enumerate(words):
        word = text[start:end]
        if _overlaps(start, end, taken) or not (looker.given_name(word) or looker.glued_given_name(word)):
            continue
        # A common word (خالد, eternal) is a given name in a list of them after a word naming
        # a relative: "نجليه صدام وخالد" (his two sons Saddam and Khaled).
        listed = previous == k - 1 or (k >= 1 and looker.kin(text[words[k - 1][0]:words[k - 1][1]]))
        if (not _caseless(word) and _sentence_start(text, start)) or (_caseless(word) and _common(word) and not listed):
            continue
        if _in_a_name(looker, text, words, k):
            continue  # Sergueï Riabkov, Abdullah bin Hamad: a word of a longer name
        tokens = looker.tokens(word)
        if any(unit.text in given for token in tokens for unit in token.units()):
            continue  # "Khaled" after Khaled Mashal was named is his, or ambiguous
        found = {}
        for surname in sorted(surnames):
            if not len(np.intersect1d(looker.entities(word), looker.entities(surname), assume_unique=True)):
                continue  # no entity has names with both words
            resolution = resolver.resolve(f"{word} {surname}", at=at)
            if (resolution is not None and resolution.kind is Kind.PERSON and resolution.confidence >= WEAK_CONFIDENCE
                    and len(resolution.pairs) > 1 and all(pair[2] >= CLOSE_ACROSS_SCRIPTS for pair in resolution.pairs)):
                found[resolution.entity_id] = resolution
        if len(found) == 1:
            resolution = next(iter(found.values()))
            added.append(Span(start, end, word, resolution.entity_id, resolution.kind, resolution.label,
                              min(resolution.confidence, WEAK_CONFIDENCE), None))
            previous = k
    return _with_added(spans, added)


def _surnames_again(looker: _Looker, text: str, words: list[tuple[int, int]], spans: list[Span]) -> list[Span]:
    """Spans for a person's surname alone, written as the text wrote it in the person's fuller
    name before ("Khalifa Hafter ... Hafter's son"): alone, a variant spelling may not reach the
    resolver's threshold, but the text has tied it to the person. The last person named with it,
    as :func:`_short_forms` does; a capitalised word in a script with case, not a common word in
    one without. Not a word of another name (after a given name, beside a capitalised word or a
    particle: another of the family); a father's name (Mohammed bin Salman) is no surname."""
    # Each person named with several words, with the surname as the text wrote it.
    people = []
    for span in spans:
        name_words = _name_words(span.text) if span.kind is Kind.PERSON else []
        if len(name_words) > 1 and name_words[-1] not in _fathers_names(span.text):
            people.append((span, name_words[-1]))
    if not people:
        return spans
    taken = [(span.start, span.end) for span in spans]
    added = []
    for k, (start, end) in enumerate(words):
        word = text[start:end]
        if _overlaps(start, end, taken) or (_common(word) if _caseless(word) else not word[:1].isupper()):
            continue
        if _in_a_name(looker, text, words, k) or (k and looker.given_name(text[words[k - 1][0]:words[k - 1][1]])) or (
                k >= 2 and _relatives_given_name(looker, text[words[k - 2][0]:words[k - 2][1]],
                                                 text[words[k - 1][0]:words[k - 1][1]])):
            continue  # another of the family: Hunter Biden, Aïcha Kadhafi, علي الدبيبة, شقيقه هانيبال القذافي
        forms = {unit.text for token in looker.tokens(word) for unit in token.units()}
        earlier = [span for span, surname in people if span.end <= start and surname in forms]
        if earlier:
            person = earlier[-1]
            added.append(Span(start, end, word, person.entity_id, person.kind, person.label,
                              min(person.confidence, WEAK_CONFIDENCE), None))
    return _with_added(spans, added)


def _relatives_given_name(looker: _Looker, kin: str, word: str, vouched: str | None = None) -> bool:
    """Whether ``word``, after a word naming a relative (``data/kinship.tsv``), may be the
    relative's given name, which the surname after it completes: not a function word, a title,
    an office, a country or running text. ``vouched`` is what the word vouches for, where known."""
    if not looker.kin(kin) or function_word(word) or title_word(word):
        return False
    worth, strong = looker(word)
    return worth and strong in ("", "name") and vouched in (None, "", "name")


def _in_a_name(looker: _Looker, text: str, words: list[tuple[int, int]], k: int) -> bool:
    """Whether word ``k`` stands with a neighbour, with only a space between, that may be a word of
    the same name: a capitalised word or a particle (Sergueï Riabkov, bin Zayed, Abdullah bin)."""
    for n in (k - 1, k + 1):
        if not 0 <= n < len(words):
            continue
        gap = text[words[min(k, n)][1]:words[max(k, n)][0]]
        word = text[words[n][0]:words[n][1]]
        if gap.strip() == "" and "\n" not in gap and (particle(word) or (word[:1].isupper() and looker(word)[1] == "name")):
            return True
    return False


def _defined_acronyms(resolver: "Resolver", text: str, words: list[tuple[int, int]], spans: list[Span],
                      at: dt.date | str | None) -> list[Span]:
    """Spans for an acronym the text defines after an institution's or a role's name ("Hayat
    Tahrir al-Cham (HTC)": the initials of the name's words, in brackets), there and wherever the
    text uses it again, as sure as the name; the gazetteer need not list the acronym. After a
    role's name that ends with an institution's ("Premier ministre du Gouvernement d'unité
    nationale (GUN)"), the acronym spelling that end out is the institution's. What the text
    defines so outweighs what the gazetteer's acronyms say alone (GUN: two Libyan governments)."""
    defined: dict[str, Span] = {}
    for span in spans:
        if span.kind is Kind.PERSON:
            continue
        after = _BRACKETED.match(text, span.end)
        if not after:
            continue
        acronym = after.group(1)
        if acronym in _initials(span.text):
            defined.setdefault(acronym, span)
            continue
        for offset, _end in _words(span.text)[1:]:
            if acronym in _initials(span.text[offset:]):
                end = resolver.resolve(span.text[offset:], at=at)
                if end is not None and end.kind is Kind.ORG:
                    defined.setdefault(acronym, _span(text, span.start + offset, span.end, end))
                break
    if not defined:
        return spans
    taken = [(span.start, span.end) for span in spans]
    added = [dataclasses.replace(defined[text[start:end]], start=start, end=end, text=text[start:end])
             for start, end in words if text[start:end] in defined and not _overlaps(start, end, taken)]
    spans = [dataclasses.replace(defined[span.text], start=span.start, end=span.end, text=span.text)
             if span.text in defined and span.entity_id != defined[span.text].entity_id else span for span in spans]
    return _with_added(spans, added)


#: An acronym in brackets just after a name: "(HTC)".
_BRACKETED = regex.compile(r"\s*\(\s*(\p{Lu}{2,8})\s*\)")


def _initials(name: str) -> set[str]:
    """The acronyms a name's words give: the initial of each word (of the word after a particle
    it is joined to: al-Cham gives C), with or without its function words (Forces de soutien
    rapide: FSR, FDSR)."""
    parts = [[part for part in _PARTS.split(name[s:e]) if part] for s, e in _words(name)]
    initials = [next((part for part in word if not particle(part)), word[-1])[:1] for word in parts if word]
    folded = [fold(initial).upper() for initial in initials]
    content = [initial for initial, word in zip(folded, parts) if word and not function_word("".join(word))]
    return {"".join(folded), "".join(content)}


def _answer(resolver: "Resolver", mention: str, at: dt.date | str | None) -> "Resolution | None":
    """:meth:`Resolver.resolve`'s answer for a run; or, for an office or an institution without
    its country ("le ministre de la Défense") that the words give to several countries' alike,
    none reaching the threshold alone, the first of them with its namesakes, where the
    probability that the run names one of them reaches the threshold: the holder's name beside
    it may tell which (:func:`_office_beside`), else it is no span. Scored once for both."""
    found = resolver.candidates(mention, limit=1, at=at)
    if not found:
        return None
    best = found[0]
    if best.reaches(resolver.threshold) or (best.kind is not Kind.PERSON and best.namesakes
                                            and best.with_namesakes >= resolver.threshold):
        return best
    return None


def _office_beside(resolver: "Resolver", looker: _Looker, text: str, words: list[tuple[int, int]],
                   spans: list[tuple[int, int, "Resolution"]], start: int, end: int, resolution: "Resolution",
                   at: dt.date | str | None) -> "Resolution | None":
    """An office span that does not say its country ("Defence Minister", "وزير الخارجية"), of
    a role that has one, as the person beside it tells: beside the name of a person who never
    held that role it is no span (None): "Defence Minister Prince Khalid bin Salman" and
    "عبدالله بن زايد وزير الخارجية" name offices of other countries, which the gazetteer lacks,
    the role's country being only its guess. Beside a holder (at any time) the office stands,
    the holder's own where the words give it to several countries alike (its namesakes);
    alone, it stands only where it reaches the threshold by itself. Any other span as it is."""
    several = resolution.kind is not Kind.PERSON and bool(resolution.namesakes)
    if not several and (resolution.kind is not Kind.ROLE or not _has_country(resolver, resolution.entity_id)):
        return resolution
    alone = resolution if not several or resolution.confidence >= resolver.threshold else None
    inside = [k for k, (s, e) in enumerate(words) if start <= s and e <= end]
    if not inside:
        return alone
    if not several and (any(looker.country(text[s:e]) for s, e in words[inside[0]:inside[-1] + 1])
                        or looker.country(text[start:end])):
        return resolution  # it says its country, or a periphrasis does ("سيد الكرملين", the master of the Kremlin: periphrases.tsv)
    offices = [resolution.entity_id, *resolution.namesakes] if several else [resolution.entity_id]
    for step, edge in ((1, inside[-1]), (-1, inside[0])):
        found = _name_beside(looker, text, words, edge, step)
        if found:
            # The person the text links there, if any: its span may hold words that vouch for
            # nothing alone, a surname misspelled ("دميتري بيسكاوف").
            nearest = words[found[0] if step > 0 else found[-1]][0]
            person = next((linked for s, e, linked in spans if s <= nearest < e and linked.kind is Kind.PERSON),
                          None) or resolver.resolve(" ".join(text[words[found[0]][0]:words[found[-1]][1]].split()), at=at)
            if person is None or person.kind is not Kind.PERSON:
                return None
            held = {tenure.role_id for tenure in resolver.gazetteer.tenures_of_person(person.entity_id)}
            office = next((role_id for role_id in offices if role_id in held), None)
            if office is None:
                return None
            if office == resolution.entity_id and not several:
                return resolution
            mention = " ".join(text[start:end].split())
            return next((found.told_apart() for found in resolver.candidates(mention, limit=len(offices), at=at)
                         if found.entity_id == office), None)
    return alone


def _name_beside(looker: _Looker, text: str, words: list[tuple[int, int]], edge: int, step: int) -> list[int]:
    """The words (positions in ``words``, in order) of a person's name just after (``step`` 1) or
    before (-1) the word ``edge``, past a comma, an article, a title or a word that says the
    office was held before ("Defence Minister, Prince Khalid bin Salman", "وزير الخارجية السابق
    ..."); none where there is no name."""
    found: list[int] = []
    k = edge + step
    while 0 <= k < len(words):
        previous = words[k - step]
        gap = text[previous[1]:words[k][0]] if step > 0 else text[words[k][1]:previous[0]]
        if not _APPOSITION.fullmatch(gap) or (found and gap.strip()):
            break
        word = text[words[k][0]:words[k][1]]
        if particle(word) and found:
            found.append(k)  # bin in "Khalid bin Salman"
        elif looker.name_word(word):
            found.append(k)
        elif step > 0 and not found and word[:1].isupper() and looker.country(word) and _name_follows(looker, text, words, k):
            found.append(k)  # a country's name as a given name: Israël Katz, Jordan Bardella
        elif (found or not (function_word(word) or title_word(word) or _office_qualifier(word))
              or len(found) + abs(k - edge) > _MOST_BESIDE):
            break
        k += step
        if len(found) >= _MOST_BESIDE:
            break
    while found and particle(text[words[found[-1]][0]:words[found[-1]][1]]):
        found.pop()  # a particle belongs to the word after it
    return sorted(found)


def _name_follows(looker: _Looker, text: str, words: list[tuple[int, int]], k: int) -> bool:
    """Whether the word after word ``k``, with only a space between, is a capitalised name word."""
    if k + 1 >= len(words) or text[words[k][1]:words[k + 1][0]] != " ":
        return False
    word = text[words[k + 1][0]:words[k + 1][1]]
    return word[:1].isupper() and looker.name_word(word)


#: What may stand between an office and its holder's name: spaces, or a comma.
_APPOSITION = regex.compile(r"[ \t]*[,،]?[ \t\n]*")
#: The most words looked at beside an office for its holder's name.
_MOST_BESIDE = 5


def _has_country(resolver: "Resolver", role_id: str) -> bool:
    """Whether a role's names say its country (Minister of Defence of Russia), worked out once."""
    known = resolver.__dict__.setdefault("_roles_with_country", {})
    if role_id not in known:
        known[role_id] = any(_marked(tokenise(name.text, concepts=True), COUNTRY_MARK)
                             for name in resolver.gazetteer[role_id].names)
    return known[role_id]


def _title_case(looker: _Looker, words: list[str]) -> bool:
    """Whether a clause is written in title case: four Latin words or more, nearly all
    capitalised, two or more of them running text once in lower case (Meets, Seeks)."""
    cased = [word for word in words if word[:1].isalpha() and not _caseless(word)]
    capitalised = [word for word in cased if word[:1].isupper()]
    return (len(cased) >= _TITLE_CASE_WORDS and len(capitalised) >= 0.8 * len(cased)
            and sum(looker.prose(word.lower()) for word in capitalised) >= 2)


#: The fewest words of a clause read as a title-case headline.
_TITLE_CASE_WORDS = 4


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (or the text, or a line)."""
    k = start
    while k > 0 and text[k - 1] in _BEFORE_A_WORD:
        k -= 1
    return k == 0 or text[k - 1] in ".!?…\n:"


#: What may stand between a sentence's end and its first word: spaces, quotes, brackets.
_BEFORE_A_WORD = frozenset(" \t\"'«»“”„‹›([")


def _office_qualifier(word: str) -> bool:
    """Whether a word says an office was held before or for a while (former, المكلف:
    ``data/office_qualifiers.tsv``); it may stand between an office and its holder's name."""
    return fold(word) in folded_words("office_qualifiers.tsv")


def _linking_word(word: str) -> bool:
    """Whether a word is a function word or an article that may stand between an office and its
    country (de, la, of, the), and not a conjunction (et, and), which joins two things."""
    return function_word(word) and fold(word) not in folded_words("coordinators.tsv")


def _office_and_person(resolver: "Resolver", looker: _Looker, text: str, start: int, end: int,
                       resolution: "Resolution", span_words: tuple[tuple[int, int], ...], at: dt.date | str | None,
                       *, before: tuple[tuple[int, int], ...] = (),
                       taken: Iterable[tuple[int, ...]] = ()) -> list[tuple[int, int, "Resolution"]]:
    """A person named with an office ("le ministre de la Défense russe Andreï Beloussov") as two
    spans, the role and the person; any other span as it is.

    An office before the name may begin before the run, with words that name whose office it is
    in English order ("Kremlin spokesman", "Russia's Security Council Secretary"): a run of a
    person's words holds at most one word no entity has with the others. The words ``before``
    the run, up to the first that is not a name's or an office's, or is ``taken``, join the
    role's span where the office with them still names the role and they are words of its name."""
    if resolution.kind is not Kind.PERSON or "title_fit" not in dict(resolution.features):
        return [(start, end, resolution)]
    split = resolver.office_and_name(" ".join(text[start:end].split()))
    if split is None:
        return [(start, end, resolution)]
    office, role, _name, _person = split
    count = len(_words(office))
    if not 0 < count < len(span_words):
        return [(start, end, resolution)]
    if " ".join(text[span_words[0][0]:span_words[count - 1][1]].split()) == office:
        office_words, name_words = span_words[:count], span_words[count:]
    else:
        name_words, office_words = span_words[:-count], span_words[-count:]
    if dict(resolution.features)["title_fit"] < 0:
        # The person did not hold, on the text's date, the role the office words name alone
        # ("وزير الخارجية" beside Egypt's minister is not Russia's; "نائب وزير الخارجية" beside
        # Bogdanov is an office the gazetteer lacks): the office is no role's span, nor words
        # of the person's name, whose span is the name alone.
        return [(name_words[0][0], name_words[-1][1], resolution)]
    role = resolver.candidates(office, limit=_OFFICES, at=at)
    # (The person beside the office tells which country's it is, where the words alone give it
    # to several alike.)
    role = next((found for found in role if found.entity_id == split[1].entity_id), split[1]).told_apart()
    if office_words[0] == span_words[0]:
        for word_start, word_end in reversed(before):
            word = text[word_start:word_end]
            if (_overlaps(word_start, word_end, taken) or function_word(word) or title_word(word)
                    or looker(word)[1] not in ("name", "concept")):
                break
            wider = resolver.resolve(" ".join(text[word_start:office_words[-1][1]].split()), at=at)
            if wider is None or wider.entity_id != role.entity_id or not looker.met_in(word, wider):
                break
            office_words, role = ((word_start, word_end), *office_words), wider
    if dict(resolution.features)["title_fit"] > 0 and role.confidence < resolution.confidence:
        # The tenures say the person held the role on the text's date: "président" beside
        # Vladimir Poutine is his office, as sure as he is, though the word alone is not.
        role = dataclasses.replace(role, confidence=resolution.confidence)
    return [(office_words[0][0], office_words[-1][1], role), (name_words[0][0], name_words[-1][1], resolution)]


def _same_script(resolver: "Resolver", mention: str, resolution: "Resolution") -> bool:
    """Whether a mention matched a name in its own script, or the entity has none in it: in
    running text a match across scripts is a fallback, not a rival of the entity's own names
    ("Bruce" is not the برس of أسوشيتد برس, Associated Press). Roles and institutions also match
    across languages by their concepts alone (ministère, وزارة, russe), which are no script's, and
    by their acronyms, which other scripts spell out."""
    written = script(mention)
    if script(resolution.matched_name) == written:
        return True
    if resolution.kind is not Kind.PERSON and (acronym_token(resolution.matched_name) is not None or any(
            name_key[:1] in CONCEPT_MARKS for *_words, name_key in resolution.pairs)):
        return True  # أفريكوم spells out the acronym AFRICOM
    return all(script(name.text) != written for name in resolver.gazetteer[resolution.entity_id].names)


def _close_across_scripts(resolver: "Resolver", mention: str, resolution: "Resolution") -> bool:
    """Whether each word of a person's mention matched across scripts is close to its name word.
    A list of names holds names, so a loosely matched word beside a good one is still evidence;
    running text holds mostly other words, and two of them may each sound somewhat like a word
    of some foreign name: every word of the mention must earn its place. A word read otherwise
    (Мухаммедом as the nominative Мухаммед) is close if its reading is: the pair's similarity
    bears the reading's discount, which weighs the doubt of the reading, not of the spelling."""
    if script(resolution.matched_name) == script(mention):
        return True
    # An institution's or a role's concepts (ministère, وزارة) are no script's; its other words
    # are held to the same standard ("Bases in Libya" is not بعثة ... في ليبيا, the UN mission).
    return all(similarity >= CLOSE_ACROSS_SCRIPTS or _read_closely(resolver, query_words, name_words)
               for query_words, name_words, similarity, _qk, name_key in resolution.pairs
               if name_key[:1] not in CONCEPT_MARKS)


def _read_closely(resolver: "Resolver", query_words: str, name_words: str) -> bool:
    """Whether a reading of a mention's word meets a name's word at :data:`CLOSE_ACROSS_SCRIPTS`,
    without the reading's discount."""
    query, name = tokenise(query_words, query=True), tokenise(name_words)
    if len(query) != 1 or len(name) != 1:
        return False
    return any(token_similarity(reading, name[0], resolver.config) >= CLOSE_ACROSS_SCRIPTS
               for reading in query[0].readings if reading.native[:1] not in CONCEPT_MARKS)


def _spelled_in_other_scripts(resolver: "Resolver", word: str, resolution: "Resolution") -> bool:
    """Whether a word of a mention is a word of the entity's names in other scripts, spelled
    there, not translated: a proper name (Wagner, فاغنر, Вагнер), which may stand for an
    institution alone, rather than a word of its description (House, General), which may not."""
    written = script(word)
    query = [token for token in tokenise(word, query=True) if token.kind is PartKind.NAME]
    return any(token.kind is PartKind.NAME and token_similarity(mention_word, token, resolver.config) >= _SPELLED
               for name in resolver.gazetteer[resolution.entity_id].names if script(name.text) != written
               for token in tokenise(name.text) for mention_word in query)


def _offices_the_name_lacks(mention: str, resolution: "Resolution") -> bool:
    """Whether a word of a mention reads as an office (``data/offices.tsv``: deputy, vice, نائب,
    رئيس) that the matched name of a role or an institution does not have: the mention names
    another office."""
    met = {name_key for *_words, name_key in resolution.pairs}
    offices = ({unit.native for unit in token.units() if unit.native.startswith(OFFICE_MARK)}
               for token in tokenise(mention, query=True))
    return any(office and office.isdisjoint(met) for office in offices)


def _marked(tokens: tuple[Token, ...], mark: str) -> bool:
    """Whether a word of ``tokens`` reads as a concept of the table ``mark`` stands for
    (``COUNTRY_MARK``: countries.tsv; ``OFFICE_MARK``: offices.tsv; ``GENERATION_MARK``)."""
    return any(unit.native.startswith(mark) for token in tokens for unit in token.units())


def _words_the_name_lacks(mention: str, resolution: "Resolution") -> list[Token]:
    """The words of a mention that the name it matched does not have."""
    own = {token.text for token in tokenise(resolution.matched_name)}
    return [token for token in tokenise(mention) if token.text not in own]


def _common_word_for_a_name(word: str, resolution: "Resolution") -> bool:
    """Whether a word of a script without case stands for an institution or a role whose matched
    name is not that very word, where the word is common in running text (الدعم, the support,
    is not قوات الدعم السريع) or lacks the article of a one-word name (عربية, Arab, is not
    العربية, Al Arabiya). The name's own word (الجزيرة, والجزيرة) is the name. Persons follow
    :func:`_anchored`."""
    if not _caseless(word):
        return False
    name = tokenise(resolution.matched_name)
    forms = {unit.text for token in tokenise(word, query=True) for unit in token.units()}
    if len(name) == 1 and name[0].text in forms:
        return False  # the name's own word
    # A common word names nothing alone; nor does a word without the article for a name that
    # is one word with it (جزيرة, an island, is not الجزيرة).
    return _common(word) or (len(name) == 1 and has_article(name[0].text))


def _given_name_alone(resolution: "Resolution") -> bool:
    """Whether a one-word mention met only the first word of a person's several-word name, or
    only a father's name (the word after bin, ben, ould): "Vladimir" or "Ahmad" alone in a text
    is not a reference to Putin or to an Ahmad, nor "Hamad" to Tamim bin Hamad."""
    if resolution.kind is not Kind.PERSON or not resolution.pairs:
        return False
    words = _name_words(resolution.matched_name)
    if len(words) > 1 and all(pair[1] == words[0] for pair in resolution.pairs):
        return True
    fathers = _fathers_names(resolution.matched_name)
    return all(pair[1] in fathers for pair in resolution.pairs)


def _fathers_names(name: str) -> set[str]:
    """The words of a name that follow a filiation particle (bin, ben, ould, بن): fathers' names."""
    tokens = tokenise(name)
    return {token.text for before, token in zip(tokens, tokens[1:]) if before.kind is PartKind.FILIATION}


def _given_name_as_fathers(mention: str, resolution: "Resolution") -> bool:
    """Whether a person's mention of several words opens with a given name that met the father's
    name of the matched name: "Hamad bin Khalifa Al Thani" is the father of Tamim bin Hamad Al
    Thani, not Tamim."""
    if resolution.kind is not Kind.PERSON:
        return False
    tokens = tokenise(mention, query=True)
    first = next((k for k, token in enumerate(tokens) if token.kind is PartKind.NAME), None)
    if first is None or (first > 0 and tokens[first - 1].kind is PartKind.FILIATION):
        return False
    fathers = _fathers_names(resolution.matched_name)
    return any(tokens[first].text in pair[0].split() and pair[1].split()[0] in fathers for pair in resolution.pairs)


def _middle_names(mention: str, resolution: "Resolution") -> bool:
    """Whether the words of a person's mention that the matched name lacks are all between two
    that it has: middle names ("Khalifa Abu al-Qasim Haftar" for Khalifa Haftar), which the
    resolver weighs already, not words of the text beside the name."""
    if resolution.kind is not Kind.PERSON or not resolution.pairs:
        return False
    words = _name_words(mention)
    met = {word for pair in resolution.pairs for word in pair[0].split()}
    return len(words) > 2 and words[0] in met and words[-1] in met


def _whole_name(resolution: "Resolution") -> bool:
    """Whether the mention met every name word of the name it matched."""
    return not _unmet_name_words(resolution)


def _unmet_name_words(resolution: "Resolution") -> list[str]:
    """The name words of the matched name that no word of the mention met."""
    met = {word for pair in resolution.pairs for word in pair[1].split()}
    return [word for word in _name_words(resolution.matched_name) if word not in met]


def _implied_country(resolver: "Resolver", looker: _Looker, mention: str, resolution: "Resolution",
                     at: dt.date | str | None) -> bool:
    """Whether the mention met every word of the name but its country's, and no other entity
    comes near: "président de la Chambre des représentants" is Libya's where the gazetteer has
    no other such chamber, "Conseil de sécurité" neither Russia's nor the UN's, both near."""
    unmet = _unmet_name_words(resolution)
    if not unmet or not all(looker.country(word) for word in unmet):
        return False
    rivals = resolver.candidates(mention, limit=2, at=at)[1:]
    return not rivals or rivals[0].confidence < resolver.threshold


def _several_words(resolution: "Resolution") -> bool:
    """Whether the name a mention matched has several words (an office or a country word alone
    names an entity only when the entity's name is that word)."""
    return len(_name_words(resolution.matched_name)) > 1


def _name_words(text: str) -> list[str]:
    """The name words of a name or mention, folded: not its titles, particles or initials."""
    return [token.text for token in tokenise(text) if token.kind is PartKind.NAME]


def _span(text: str, start: int, end: int, resolution: "Resolution") -> Span:
    return Span(start, end, text[start:end], resolution.entity_id, resolution.kind, resolution.label,
                resolution.confidence, resolution.holder.entity_id if resolution.holder else None)


def _short_forms(spans: list[Span]) -> list[Span]:
    """Link a person's later surname alone to the person linked earlier by a fuller name, and
    relink a short form the resolver gave to a namesake the text did not name (Haftar as his
    father, in a text about one of his sons)."""
    people: dict[str, tuple[Span, set[str]]] = {}
    out = []
    for span in spans:
        if span.kind is Kind.PERSON:
            words_of_span = set(_name_words(span.text))
            earlier: list[tuple[Span, set[str]]] = []
            if len(words_of_span) == 1:
                # A person the text named in full before keeps the short form the resolver gave
                # them, though another person named before shares it (Khalifa and Saddam Haftar,
                # then Haftar); else the short form goes to the last person named with it.
                earlier = ([people[span.entity_id]] if span.entity_id in people else
                           [(person, names) for person, names in people.values() if words_of_span <= names])
            if earlier:
                # As sure as the full name, up to 0.9, or as the short form alone if surer.
                person = earlier[-1][0]
                span = Span(span.start, span.end, span.text, person.entity_id, person.kind, person.label,
                            min(person.confidence, max(span.confidence, 0.9)), None)
            elif len(words_of_span) > 1 and span.entity_id not in people:
                people[span.entity_id] = (span, words_of_span)
        out.append(span)
    return out


def _anchored(resolver: "Resolver", spans: list[Span]) -> list[Span]:
    """Drop a person's one-word span that nothing else in the text supports. A surname alone
    refers to someone the text names more fully, or to someone prominent (the gazetteer's
    prior): "Fennell" alone is not Edward Fennell. A confident match stands on its own, except in a
    script without case, where no capital letter tells a name from a common word of running
    text (كامل, complete, is also Abbas Kamel's surname)."""
    def one_word(span: Span) -> bool:  # one name word: Haftar, وحفتر, Abu al-Qasim
        return len(_name_words(span.text)) <= 1

    anchored = {span.entity_id for span in spans if span.kind is Kind.PERSON and not one_word(span)}

    def unsupported(span: Span) -> bool:
        if span.kind is not Kind.PERSON or span.entity_id in anchored or not one_word(span):
            return False
        if _caseless(span.text) and _common(span.text):
            return True
        return span.confidence < WEAK_CONFIDENCE and not resolver.gazetteer[span.entity_id].prior

    return [span for span in spans if not unsupported(span)]


def _common(word: str) -> bool:
    """Whether a word, or the word a clitic is glued to (وكامل), is a common word of running text
    (``data/common_words.tsv``)."""
    common = folded_words("common_words.tsv")
    return any(fold(form) in common for token in tokenise(word, query=True)
               for form in (token.text, *(reading.text for reading in token.readings)))


def _caseless(word: str) -> bool:
    """Whether a word is written in a script without case (Arabic)."""
    first = word[:1]
    return first.isalpha() and not first.isupper() and not first.islower()


_COLOURS = {Kind.PERSON: "#ffe08a", Kind.ROLE: "#b8e0ff", Kind.ORG: "#c9f2c7"}


def to_html(text: str, spans: list[Span], *, title: str = "namematch") -> str:
    """A standalone HTML page of ``text`` with its spans highlighted by kind; hovering a span
    shows its id, label and confidence (and a role's holder)."""
    parts = []
    position = 0
    for span in spans:
        parts.append(html.escape(text[position:span.start]))
        tip = f"{span.entity_id} · {span.label} · {span.confidence:.2f}"
        if span.holder:
            tip += f" · held by {span.holder}"
        parts.append(f'<mark class="{span.kind.value}" title="{html.escape(tip, quote=True)}" '
                     f'data-id="{html.escape(span.entity_id, quote=True)}">{html.escape(span.text)}'
                     f'<sup>{html.escape(span.entity_id.split(":", 1)[-1])}</sup></mark>')
        position = span.end
    parts.append(html.escape(text[position:]))
    style = "".join(f"mark.{kind.value}{{background:{colour}}}" for kind, colour in _COLOURS.items())
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>body{{font:16px/1.6 sans-serif;max-width:50em;margin:2em auto;white-space:pre-wrap;"
            f"unicode-bidi:plaintext}}mark{{border-radius:3px;padding:0 2px}}"
            f"sup{{font-size:60%;color:#555;margin-left:2px}}{style}</style></head>"
            f'<body dir="auto">{"".join(parts)}</body></html>\n')
