"""Normalisation of names: folding, tokenising, tagging name parts, and cross-script keys.

A name goes through three stages.

1. :func:`fold` makes a string canonical without changing its script: Unicode NFKC (which also
   undoes Arabic presentation forms), case folding, removal of combining marks (harakat),
   tatweel, bidi and zero-width controls, and the Arabic letter folding of
   ``data/arabic_letters.tsv`` (hamza carriers, Persian and Urdu letters).
2. :func:`tokenise` splits a folded string into :class:`Token` objects: French elision (l', d')
   is cut off, inner apostrophes are dropped, joiner particles (عبد, abd, abu...) are joined to the
   next word, and every token is tagged with a :class:`PartKind` (name, article, filiation,
   title...) from the tables in ``data/``.
3. Every token carries keys that meet across scripts: ``phonetic`` (a Latin spelling with the
   conventions of ``data/latin_folding.tsv`` folded away) and ``skeleton`` (its consonant classes,
   ``data/skeleton_classes.tsv``), so that "Choïgou", "Shoigu", "Schoigu", "Шойгу" and "شويغو"
   come out close or equal.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex
from unidecode import unidecode

from .errors import DataTableError
from .tables import read_table

__all__ = [
    "PartKind", "Token", "fold", "tokenise", "compounds", "initials", "initials_token", "acronym_token", "function_word", "particle", "title_word", "concept_phrase_length", "alternatives", "script", "phonetic_key", "phonetic_keys", "skeleton_key", "shape_key",
           "clear_caches"]


class PartKind(enum.Enum):
    """What a token is within a name."""

    NAME = "name"
    ARTICLE = "article"  # al-, el-, ال
    FILIATION = "filiation"  # bin, ben, ibn, بن
    NOBILIARY = "nobiliary"  # von, van, de
    FUNCTION = "function"  # de, la, of, the inside institution names
    TITLE = "title"  # président, المشير, General, before a name
    INITIAL = "initial"  # a single letter, "V." in "V. Poutine"

    # Members are singletons compared by identity, so identity hashing is consistent with
    # equality; Enum's own __hash__, in Python, is a hot spot of the scorer's lookups.
    __hash__ = object.__hash__


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a name, with its keys.

    ``text`` is the folded surface form; ``native`` the form compared within one script (for
    Arabic without the article and with ى/ي, ة/ه merged); ``phonetic`` and ``skeleton`` the
    cross-script keys. ``readings`` holds other readings of a query token (an Arabic word with a
    proclitic cut off: وحفتر read as حفتر).
    """

    text: str
    kind: PartKind
    native: str
    #: Readings of the token's spelling: (phonetic, skeleton, shape) each, the first the main one.
    keys: tuple[tuple[str, str, str], ...]
    readings: tuple["Token", ...] = ()
    #: For a reading, what kind of reading it is: "proclitic" (وحفتر read as حفتر), "nickname"
    #: (Bob read as Robert) or "concept" (russe read as Russia); for the word of an acronym
    #: derived from an institution's name, "initials".
    reading: str = ""

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields, the kind by its value: far faster to unpickle than the
        # dataclass default or an Enum member.
        return (_rebuilt_token, (self.text, self.kind.value, self.native, self.keys, self.readings, self.reading))

    @property
    def phonetic(self) -> str:
        return self.keys[0][0]

    @property
    def skeleton(self) -> str:
        return self.keys[0][1]

    def units(self) -> tuple["Token", ...]:
        """The token and all its readings, and theirs (وروسيا, روسيا, #russia)."""
        return (self, *(unit for reading in self.readings for unit in reading.units()))


_KINDS = {kind.value: kind for kind in PartKind}


def _rebuilt_token(text: str, kind: str, native: str, keys: tuple[tuple[str, str, str], ...],
                   readings: tuple[Token, ...], reading: str) -> Token:
    return Token(text, _KINDS[kind], native, keys, readings, reading)


_ARABIC = regex.compile(r"\p{Arabic}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_WORD = regex.compile(r"[\p{L}\p{N}]+")
# French and Italian elision before a vowel or h: l'ANL, d'Ahmad, dell'Italia.
_ELISION = regex.compile(r"(?<![\p{L}\p{N}])(?:l|d|qu|j|dell|all|nell)['’ʼ](?=[\p{L}])", regex.IGNORECASE)
# The English possessive: "Russia's defence minister" names Russia's.
_POSSESSIVE = regex.compile(r"(?<=[\p{Latin}]{2})['’]s(?![\p{L}\p{N}])")
# Apostrophes inside a word mark an elided or glottal letter (Sab'awi, Ta'i): dropped.
_INNER_APOSTROPHE = regex.compile(r"(?<=[\p{L}])['’ʼʻ`´‘](?=[\p{L}])")
_TATWEEL = "\u0640"
_ARABIC_ARTICLE = "ال"
#: The preposition li- before the article: ل + ال is written لل.
_LI_ARTICLE = "لل"
#: The conjunction wa- (and) before the article.
_WA_ARTICLE = "وال"


def _without_article(word: str) -> str:
    """An Arabic word without the article glued to it (الروسي -> روسي); a word too short to be
    article and name (الى) or not Arabic stays as it is."""
    if len(word) > 3 and word.startswith(_ARABIC_ARTICLE):
        return word[2:]
    return word


def has_article(word: str) -> bool:
    """Whether an Arabic word is written with the article glued to it (الجزيرة, not جزيرة)."""
    return _without_article(word) is not word


_PROCLITICS = "وفبلك"


def clear_caches() -> None:
    for cached in (_arabic_fold_table, _arabic_latin, _cyrillic_latin, _latin_letters, _folding_rules, _skeleton_map,
                   _particle_table, folded_words, _titles, _concepts, _nickname_table, _alias_pattern, _vowel_classes, _sun_letters, _patronymic_endings, _russian_endings, _romance_endings, _phrases_by_first_word, _heard_rules, article_keys, _theophoric, theophoric_stem, short_form_keys, phonetic_keys, skeleton_key, shape_key,
                   _token_keys, tokenise):
        cached.cache_clear()
    _heard.clear()


# --- tables --------------------------------------------------------------------------------------

@functools.cache
def _arabic_fold_table() -> dict[int, str]:
    return {ord(letter): replacement for letter, replacement in read_table("arabic_letters.tsv", 2)}


@functools.cache
def _arabic_latin() -> dict[str, tuple[str, ...]]:
    """Arabic letter -> (at word start, before alef, at word end, elsewhere, after alef)."""
    def value(text: str) -> str:
        return "" if text == "-" else text

    return {row[0]: tuple(value(field) for field in row[1:]) for row in read_table("arabic_latin.tsv", 6)}


@functools.cache
def _cyrillic_latin() -> dict[str, str]:
    return {letter: "" if latin == "-" else latin for letter, latin in read_table("cyrillic_latin.tsv", 2)}


@functools.cache
def _latin_letters() -> dict[str, str]:
    return {letter: ascii_form for letter, ascii_form in read_table("latin_letters.tsv", 2)}


def _readings_group(ascii_form: str | None) -> str | None:
    if ascii_form is None or "|" not in ascii_form:
        return ascii_form
    return "(" + ascii_form + ")"


#: Where a folding rule applies: every spelling, spellings that write their vowels (Latin and
#: Cyrillic), or Latin spellings only (the conventions of one Latin orthography).
_SCOPES = ("all", "vowelled", "latin")


@functools.cache
def _folding_rules() -> tuple[tuple[regex.Pattern[str], tuple[str, ...], int, str], ...]:
    """(pattern, readings, scope as its rank in :data:`_SCOPES`, a string any match contains) of
    each rule."""
    rules = []
    for number, (pattern, replacement, scope) in enumerate(read_table("latin_folding.tsv", 3), start=1):
        if scope not in _SCOPES:
            raise DataTableError(f"namematch/data/latin_folding.tsv, rule {number}: unknown scope {scope!r}")
        readings = tuple("" if reading == "-" else reading for reading in replacement.split("|"))
        rules.append((regex.compile(pattern), readings, _SCOPES.index(scope), _needle(pattern)))
    return tuple(rules)


_LOOKAROUND = regex.compile(r"\(\?<?[=!][^()]*\)")


def _needle(pattern: str) -> str:
    """The longest run of plain letters that every match of ``pattern`` contains ("" if none is
    sure), so that a rule is tried only on the words that can match it: "tsch" for tsch,
    "qu" for c?qu(?=[eiy]), "h" for (?<=[aeiou])h$. Rules are tried on every word of a
    gazetteer, and most of them match nothing."""
    core = _LOOKAROUND.sub("(", pattern).replace("^", "(").replace("$", "(")
    if "|" in core:
        return ""  # an alternation: no one string is sure
    runs, run, in_class = [], "", False
    for position, char in enumerate(core):
        in_class = (in_class or char == "[") and char != "]"
        optional = core[position + 1:position + 2] in ("?", "*", "{")
        if "a" <= char <= "z" and not optional and not in_class and core[position - 1:position] != "\\":
            run += char
        else:
            runs.append(run)
            run = ""
    runs.append(run)
    return max(runs, key=len)


@functools.cache
def _skeleton_map() -> tuple[regex.Pattern[str], dict[str, str]]:
    """A pattern reading one letter or digraph at a time, and each one's class."""
    mapping: dict[str, str] = {}
    for graphemes, letter_class in read_table("skeleton_classes.tsv", 2):
        for grapheme in graphemes.split():
            mapping[grapheme] = "" if letter_class == "-" else letter_class
    digraphs = sorted((g for g in mapping if len(g) > 1), key=len, reverse=True)
    return regex.compile("|".join(map(regex.escape, digraphs)) + ("|" if digraphs else "") + "."), mapping


@functools.cache
def _particle_table() -> tuple[dict[str, PartKind], frozenset[str], frozenset[str], frozenset[str]]:
    """(particle -> kind, joiners, assimilated articles, kunya joiners) from
    ``data/particles.tsv``, folded."""
    kinds = {"article": PartKind.ARTICLE, "assimilated": PartKind.ARTICLE, "filiation": PartKind.FILIATION,
             "nobiliary": PartKind.NOBILIARY}
    table: dict[str, PartKind] = {}
    joining: set[str] = set()
    assimilated: set[str] = set()
    kunyas: set[str] = set()
    for kind, particle in read_table("particles.tsv", 2):
        word = fold(particle)
        if kind in ("joiner", "kunya"):
            joining.add(word)
            if kind == "kunya":
                kunyas.add(word)
        else:
            table.setdefault(word, kinds[kind])
            if kind == "assimilated":
                assimilated.add(word)
    return table, frozenset(joining), frozenset(assimilated), frozenset(kunyas)


def _particles() -> dict[str, PartKind]:
    return _particle_table()[0]


def _is_particle(words: list[str], position: int) -> bool:
    """Whether ``words[position]`` is a particle here: never the last word, and an assimilated
    article (ad, es, ash) only inside a name, before a word that starts with its letter (ad-Din,
    es-Sayed; not Ad Verhoef, Ed Fennell, nor an opening Ed before a d: a given name)."""
    word = words[position]
    if word not in _particles() or position + 1 == len(words):
        return False  # a particle binds the word after it: last, it is a name (Roger Ibn)
    if word not in _particle_table()[2]:
        return True
    return position > 0 and words[position + 1].startswith(word[1:])


def joiners() -> frozenset[str]:
    """Words written joined to the next one or apart (abd, abu, عبد: ``data/particles.tsv``), folded."""
    return _particle_table()[1]


def kunya(token: Token) -> bool:
    """Whether a name word is a kunya, "father of" and a name written as one word (Abu Walid is
    abuwalid, ابو وليد ابووليد: ``data/particles.tsv``)."""
    return token.kind is PartKind.NAME and any(
        token.text.startswith(opening) and len(token.text) >= len(opening) + _SHORTEST_KUNYA_NAME
        for opening in _particle_table()[3])


#: A kunya's name has at least this many letters: Abood, Abou are words of their own.
_SHORTEST_KUNYA_NAME = 3


@functools.cache
def folded_words(table: str) -> frozenset[str]:
    """The words of a table of closed-class words (columns: lang, word), folded:
    ``function_words.tsv``, ``coordinators.tsv``, ``kinship.tsv``..."""
    return frozenset(fold(word) for _lang, word in read_table(table, 2))


def particle(word: str) -> bool:
    """Whether a word may be a particle of a name (al, bin, de, von) or be joined to the next
    word of one (abu, abd: ``data/particles.tsv``)."""
    folded = fold(word)
    return folded in _particles() or folded in joiners()


def function_word(word: str) -> bool:
    """Whether a word is a function word of institution names (de, la, of, the, في:
    ``data/function_words.tsv``)."""
    return fold(word) in folded_words("function_words.tsv")


@functools.cache
def _titles(table: str = "titles.tsv") -> tuple[tuple[str, ...], ...]:
    """Titles as tuples of folded words, longest first so that "premier ministre" beats "ministre"."""
    titles = {tuple(_WORD.findall(fold(title))) for _lang, title in read_table(table, 2)}
    return tuple(sorted((t for t in titles if t), key=len, reverse=True))


def title_word(word: str) -> bool:
    """Whether a word opens a title written before a name (Maréchal, Dr, président, الشيخ:
    ``data/titles.tsv``)."""
    folded = tuple(_WORD.findall(fold(word)))
    return bool(folded) and any(title[:len(folded)] == folded for title in _titles())


def whole_title(tokens: Sequence[Token]) -> bool:
    """Whether the words of a mention, its particles aside, are titles and nothing else ("le
    général", "the field marshal", الشيخ: ``data/titles.tsv``), none of them an office's word."""
    words = [token.text for token in tokens if token.kind is PartKind.NAME or token.kind is PartKind.TITLE]
    if not words or any(unit.native[:1] == OFFICE_MARK for token in tokens for unit in token.units()):
        return False
    start = 0
    while start < len(words):
        # An end past the last word: the titles may take every word, none need be left a name.
        size = _title_length(words, _titles(), start, len(words) + 1, at_start=True)
        if not size:
            return False
        start += size
    return True


# --- folding -------------------------------------------------------------------------------------

_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc", "Cs", "Co", "Cn"})


def _keep(char: str) -> bool:
    # Combining marks left after composition (harakat, stray accents), format controls (bidi
    # marks, zero-width joiners), other controls and unassigned code points carry no letters.
    return unicodedata.category(char) not in _DROPPED_CATEGORIES and char != _TATWEEL


def fold(text: str) -> str:
    """Canonical form of ``text`` in its own script.

    NFKC (which also undoes Arabic presentation forms), case folding, no harakat, tatweel or
    invisible controls, Arabic letter variants folded, white space collapsed to single spaces.
    Precomposed letters keep their accents (é, й): the keys deal with them. Idempotent.

    >>> fold("  Sergueï\u200f CHOÏGOU ")
    'sergueï choïgou'
    >>> fold("أَحْمَد") == fold("احمد")
    True
    """
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(text.translate(_kept_characters).translate(_arabic_fold_table()).split())


class _KeptCharacters(dict):
    """For ``str.translate``: white space as a space, what :func:`_keep` drops as nothing, other
    characters as themselves. Each character of the Basic Multilingual Plane is looked at once,
    then remembered (twice as fast as looking at every character; the planes beyond are looked
    at each time, so that no text makes this table grow past 65,536 entries)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        found = " " if char.isspace() else char if _keep(char) else None
        if code < 0x10000:
            self[code] = found
        return found


_kept_characters = _KeptCharacters()


# --- keys ----------------------------------------------------------------------------------------

def _arabic_to_latin(word: str) -> str:
    table = _arabic_latin()
    out = []
    for position, letter in enumerate(word):
        renderings = table.get(letter)
        if renderings is None:
            out.append(unidecode(letter).lower())
            continue
        at_start, before_alef, at_end, elsewhere, after_alef = renderings
        if position == 0:
            out.append(at_start)
        elif position + 1 == len(word):
            out.append(at_end)
        elif word[position + 1] == "ا":
            out.append(before_alef)
        elif position >= 2 and word[position - 1] == "ا":
            # A long ā (an alef that begins the word carries a vowel: أوغلو oğlu).
            out.append(after_alef)
        else:
            out.append(elsewhere)
    return "".join(out)


def script(text: str) -> str:
    """"arabic", "cyrillic" or "latin": the script a text is written in (any Arabic letter makes
    it Arabic, else any Cyrillic one Cyrillic)."""
    return "arabic" if _ARABIC.search(text) else "cyrillic" if _CYRILLIC.search(text) else "latin"


def _to_latin(word: str) -> str:
    """A lower-case ASCII rendering of one folded word, by script."""
    if word.isascii():
        return _NOT_KEPT.sub("", word.lower())
    written = script(word)
    if written == "arabic":
        latin = _arabic_to_latin(word)
    elif written == "cyrillic":
        table = _cyrillic_latin()
        latin = "".join(_readings_group(table.get(letter)) or unidecode(letter) for letter in word)
    else:
        table = _latin_letters()
        latin = "".join(_readings_group(table.get(letter)) or unidecode(letter) for letter in word)
    return _NOT_KEPT.sub("", latin.lower())


# What a Latin rendering leaves out: anything but a-z, digits and the marks of readings, (a|b).
_NOT_KEPT = regex.compile(r"[^a-z0-9|()]")

#: A token keeps at most this many readings of an ambiguous spelling.
_MAX_READINGS = 4


@functools.cache
def phonetic_keys(latin: str, vowelled: bool = True, *, latin_script: bool = True) -> tuple[str, ...]:
    """``latin`` with the spelling conventions of ``data/latin_folding.tsv`` folded away.

    A rule with several readings ("ch" -> sh or k) keeps each, the first being the main one.
    ``vowelled=False`` (the romanisation of an Arabic word, which leaves short vowels out) skips
    the rules of orthographies that write them (Dutch ij: in ميجور, i then j);
    ``latin_script=False`` (a romanised Cyrillic word) skips the rules of Latin orthographies
    (German z: Зеленский is not Tselensky).

    >>> phonetic_keys("choigou")[0] == phonetic_keys("shoigu")[0] == phonetic_keys("schoigu")[0]
    True
    >>> phonetic_keys("michael")
    ('mishel', 'mikel')
    """
    spellings = [latin]
    #: For each spelling, how many of its rules took a reading other than the main one: where
    #: the readings are more than can be kept, the spellings with fewest such choices are kept,
    #: so that the second reading of an early rule is not crowded out by those of later rules
    #: (Cwetanow: ts for c, with v for w and ov for ow, before k with u and au).
    choices = [0]
    scope = 2 if latin_script else 1 if vowelled else 0
    for pattern, readings, rule_scope, needle in _folding_rules():
        if rule_scope > scope:
            continue
        if len(spellings) == 1:
            # One spelling so far, the common case: the same steps, without the lists.
            if needle and needle not in latin:
                continue
            if len(readings) == 1:
                latin = spellings[0] = pattern.sub(readings[0], latin)
                continue
        elif needle and not any(needle in spelling for spelling in spellings):
            continue
        elif len(readings) == 1:
            spellings = [pattern.sub(readings[0], spelling) for spelling in spellings]
            continue
        branched = []
        for spelling, chosen in zip(spellings, choices):
            if pattern.search(spelling):
                branched.extend((chosen + (rank > 0), pattern.sub(reading, spelling))
                                for rank, reading in enumerate(readings))
            else:
                branched.append((chosen, spelling))
        if len(branched) > _MAX_READINGS:
            branched = sorted(branched, key=lambda item: item[0])[:_MAX_READINGS]  # stable: main readings first
        choices = [chosen for chosen, _spelling in branched]
        spellings = [spelling for _chosen, spelling in branched]
    return tuple(dict.fromkeys(spellings))


def phonetic_key(latin: str) -> str:
    """The main reading of :func:`phonetic_keys`."""
    return phonetic_keys(latin)[0]


@functools.cache
def skeleton_key(phonetic: str) -> str:
    """The consonant classes of a phonetic key, vowels dropped and repeats collapsed.

    >>> skeleton_key(phonetic_key("haftar")) == skeleton_key(phonetic_key("hftr"))
    True
    """
    return _classes(phonetic, vowel="")


@functools.cache
def shape_key(phonetic: str) -> str:
    """The skeleton with a slot where the spelling has vowels, marked with the vowel's class
    (``data/vowel_classes.tsv``): "jon" -> "KuN", "janan" -> "KaNaN".

    Where the skeleton says two names have the same consonants, the shape says whether they
    have the same syllables, with vowels of the same kind.
    """
    return _classes(phonetic, vowel="a")


@functools.cache
def _short_vowel_letters() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """From ``data/short_vowels.tsv``: the Latin letters that write a short vowel, and the
    (standard letter, other letter) pairs of each vowel: ("a", "e"), ("i", "e"), ("u", "o")."""
    letters = set()
    pairs = set()
    for _vowel, spellings in read_table("short_vowels.tsv", 2):
        standard, *others = spellings.split()
        pairs.update((standard, other) for other in others)
        letters.update((standard, *others))
    return frozenset(letters), frozenset(pairs)


@functools.cache
def vowel_frame(phonetic: str) -> str:
    """A phonetic key with every letter that writes a short vowel (``data/short_vowels.tsv``)
    replaced by ``*``: two keys can be :func:`vowel_variants` only if their frames are equal.

    >>> vowel_frame("ahmed")
    '*hm*d'
    """
    letters, _pairs = _short_vowel_letters()
    return "".join("*" if letter in letters else letter for letter in phonetic)


def vowel_variants(first: str, second: str) -> bool:
    """Whether two phonetic keys are one name in two conventions of writing its short vowels
    (``data/short_vowels.tsv``): at every place where they differ, one writes a vowel with its
    standard letter and the other with another letter of the same vowel, and always the same one
    of them the other way (Osman Usman, Mohammed Muhammad, Eshaq Ishaq). Nazar and Nazir write two
    vowels; Kelly and Kyle (keli, kile) trade e and i both ways, which no convention does.

    >>> vowel_variants("mohamed", "muhamad"), vowel_variants("nazar", "nazir"), vowel_variants("keli", "kile")
    (True, False, False)
    """
    if first == second or len(first) != len(second):
        return False
    _letters, pairs = _short_vowel_letters()
    side = 0
    for one, other in zip(first, second):
        if one == other:
            continue
        turn = 1 if (one, other) in pairs else -1 if (other, one) in pairs else 0
        if not turn or side == -turn:
            return False
        side = turn
    return True


@functools.cache
def _vowel_classes() -> dict[str, str]:
    return {vowel: vowel_class for vowels, vowel_class in read_table("vowel_classes.tsv", 2) for vowel in vowels.split()}


def _classes(phonetic: str, vowel: str) -> str:
    """Each letter (or digraph) of an ASCII phonetic key replaced by its class, vowels by
    ``vowel`` classes (dropped when ``vowel`` is ""), and repeats collapsed."""
    digraphs, marks, tables = _class_tables()
    if not phonetic.isascii():
        return _classes_by_grapheme(phonetic, vowel)
    if digraphs is not None:
        phonetic = digraphs.sub(lambda match: marks[match.group()], phonetic)
    return _REPEATS.sub(r"\1", phonetic.translate(tables[vowel]))


_REPEATS = regex.compile(r"(.)\1+")


@functools.cache
def _class_tables() -> tuple[regex.Pattern[str] | None, dict[str, str], dict[str, dict[int, str]]]:
    """For :func:`_classes`: the digraphs of ``skeleton_classes.tsv`` (a pattern, and the
    private-use character standing for each), and a translation table for each vowel setting."""
    _pattern, mapping = _skeleton_map()
    digraphs = sorted((g for g in mapping if len(g) > 1), key=len, reverse=True)
    marks = {digraph: chr(0xE000 + number) for number, digraph in enumerate(digraphs)}
    tables = {}
    for vowel in ("", "a"):
        table = {}
        for code in range(128):
            grapheme = chr(code)
            table[code] = mapping.get(grapheme, grapheme.upper()) or (vowel and _vowel_classes().get(grapheme, vowel))
        for digraph, mark in marks.items():
            table[ord(mark)] = mapping[digraph] or (vowel and _vowel_classes().get(digraph, vowel))
        tables[vowel] = table
    pattern = regex.compile("|".join(map(regex.escape, digraphs))) if digraphs else None
    return pattern, marks, tables


def _classes_by_grapheme(phonetic: str, vowel: str) -> str:
    pattern, mapping = _skeleton_map()
    out: list[str] = []
    for grapheme in pattern.findall(phonetic):
        letter_class = mapping.get(grapheme, grapheme.upper()) or (vowel and _vowel_classes().get(grapheme, vowel))
        if letter_class and (not out or out[-1] != letter_class):
            out.append(letter_class)
    return "".join(out)


@functools.cache
def _token_keys(word: str, inner: bool = False) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """(native form, readings as (phonetic, skeleton, shape)) of one folded word.

    With ``inner``, a Latin word is read as the later part of a longer word (:func:`compounds`):
    the rules of a word's beginning (an initial u read as w) do not apply."""
    if inner and word[:1].isalpha():
        # A digit before the word: no rule reads it, and no rule of a word's beginning applies.
        # (A word that begins with a digit has no such rules, and the digit would be read as
        # doubled: 0 before 007.)
        _native, keys = _token_keys(_INNER_MARK + word)
        keys = tuple(dict.fromkeys(phonetic[1:] for phonetic, _skeleton, _shape in keys))
        keys = tuple((phonetic, skeleton_key(phonetic), shape_key(phonetic)) for phonetic in keys)
        return keys[0][0], keys
    if _ARABIC.search(word):
        core = _without_article(word)
        native = core.replace("ى", "ي").replace("ة", "ه")
        spellings = _expand_readings(_to_latin(core))
        if core is not word:
            # A foreign name may begin with the letters of the article (اليو Alliot, الان Alain).
            spellings += _expand_readings(_to_latin(word))
    else:
        native = None
        spellings = _expand_readings(_to_latin(word))
    vowelled = native is None
    latin_script = vowelled and not _CYRILLIC.search(word)
    phonetics = dict.fromkeys(p for spelling in spellings
                              for p in phonetic_keys(spelling, vowelled, latin_script=latin_script))
    keys = tuple((phonetic, skeleton_key(phonetic), shape_key(phonetic)) for phonetic in list(phonetics)[:_MAX_READINGS])
    return (native if native is not None else keys[0][0]), keys


_INNER_MARK = "0"


@functools.lru_cache(maxsize=1 << 16)
def article_keys(word: str) -> frozenset[str]:
    """The phonetic keys an Arabic word has only by spelling its article as letters (اليو as
    Alliot): a foreign name may begin with them, so they meet words of other scripts only. Two
    Arabic words both with the article share nothing by it (الجنوب, the south, is not النواب)."""
    if not has_article(word):
        return frozenset()
    return frozenset(key[0] for key in _token_keys(word)[1]) - {key[0] for key in _token_keys(_without_article(word))[1]}


#: A theophoric stem is at least this long: Abdullah, Abdulla are all elements, no stem (an
#: Arabic key writes no short vowels: الحق in عبد الحق is hk).
_SHORTEST_STEM = 2


@functools.cache
def _theophoric() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """By script ("latin" for phonetic keys, "arabic" for folded Arabic): (prefixes, suffixes)
    of the theophoric elements of ``data/theophoric.tsv``, longest first."""
    table: dict[str, tuple[list[str], list[str]]] = {}
    for written, position, form in read_table("theophoric.tsv", 3):
        table.setdefault(written, ([], []))[position == "suffix"].append(form)
    return {written: (tuple(sorted(prefixes, key=len, reverse=True)), tuple(sorted(suffixes, key=len, reverse=True)))
            for written, (prefixes, suffixes) in table.items()}


@functools.lru_cache(maxsize=1 << 16)
def theophoric_stem(form: str) -> str:
    """What is left of a phonetic key or folded Arabic word without its theophoric elements
    (``data/theophoric.tsv``): "obaidula" -> "obaid", "abdulsamad" -> "samad", عبيدالله -> عبيد;
    "" when it has none, or when too little would be left (Abdullah is all elements).

    >>> [theophoric_stem(key) for key in ("hamidula", "salahudin", "abdulsamad", "abdula", "karim")]
    ['hamid', 'salah', 'samad', '', '']
    """
    elements = _theophoric().get("arabic" if _ARABIC.search(form) else "latin")
    if not elements:
        return ""
    stem = form
    prefixes, suffixes = elements
    for prefix in prefixes:
        if stem.startswith(prefix):
            stem = stem[len(prefix):]
            break
    for suffix in suffixes:
        if stem.endswith(suffix):
            stem = stem[:-len(suffix)]
            break
    return stem if stem != form and len(stem) >= _SHORTEST_STEM else ""


def theophoric(token: Token) -> bool:
    """Whether a word has a theophoric element (Abd-, -ullah, -uddin: ``data/theophoric.tsv``)
    on its native form or its main key."""
    return bool(theophoric_stem(token.native) or theophoric_stem(token.keys[0][0])) if token.keys else False


#: A theophoric name's stem stands for it alone (a short form) only from this length: a word of
#: its own (Aziz, Ghias, Karim), not a syllable that an ending like an element leaves (Jam of
#: Jamala, Pa of Paola).
_SHORTEST_SHORT_FORM = 4


@functools.lru_cache(maxsize=1 << 14)
def short_form_keys(token: Token) -> tuple[tuple[str, str, str], ...]:
    """The (phonetic, skeleton, shape) keys of a theophoric name's stem alone, the short form it
    is called by: Abdelaziz as Aziz, Ghiasuddin as Ghias, عبد الكريم as Karim. Empty for a word
    without a theophoric element, or whose stem is shorter than ``_SHORTEST_SHORT_FORM``.

    Source: Annemarie Schimmel, Islamic Names (1989): a compound name of Abd- and a divine name,
    or of a word and -uddin/-ullah, is shortened in daily use to its second or first part.

    >>> short_form_keys(tokenise("Abdelaziz")[0])[0], short_form_keys(tokenise("Aziz")[0])
    (('aziz', 'S', 'aSaS'), ())
    """
    if not theophoric(token):
        return ()
    stems = dict.fromkeys(theophoric_stem(phonetic) for phonetic, _skeleton, _shape in token.keys)
    return tuple((stem, skeleton_key(stem), shape_key(stem)) for stem in stems if len(stem) >= _SHORTEST_SHORT_FORM)


#: The orthographies whose reading by ear is one more key of a Latin word: how Russian and Arabic
#: writers respell French, English, Turkish and German names (Жан Jean, Тейлор Taylor, رجب Recep,
#: Йохен Jochen).
_HEARD = ("french", "english", "turkish", "german")


@functools.cache
def _heard_rules(orthography: str) -> tuple[tuple[regex.Pattern[str], str, str], ...]:
    """(pattern, replacement, a string any match contains) of each rule of
    ``data/<orthography>_reading.tsv``."""
    return tuple((regex.compile(pattern), "" if replacement == "-" else replacement, _needle(pattern))
                 for pattern, replacement in read_table(f"{orthography}_reading.tsv", 2))


def heard_reading(word: str, orthography: str = "french") -> str:
    """A lower-case word written in Latin letters, respelled as it sounds in an orthography
    (``data/<orthography>_reading.tsv``: French, English, Turkish, German): silent letters
    dropped, French j as zh, English long a as ei, Turkish c and German j as English j and y.

    >>> [heard_reading(w) for w in ("jean", "richard", "boyer", "ayrault", "guillaume")]
    ['zhan', 'rishar', 'boye', 'ero', 'giyom']
    >>> [heard_reading(w, "english") for w in ("taylor", "brown", "wright", "hugh", "dunn")]
    ['teilor', 'braun', 'rait', 'hyu', 'dann']
    >>> [heard_reading(w, "turkish") for w in ("recep", "cemre", "gençay", "charles")]
    ['rejep', 'jemre', 'genjay', '']

    Empty where the word is not written in that orthography: a rule whose replacement is "!"
    matches it, or one whose replacement is "?" does not.
    """
    for pattern, replacement, needle in _heard_rules(orthography):
        if replacement == "!" or replacement == "?":
            # A condition on the word, not a respelling: searched whatever its needle (a required
            # spelling that is absent fails it).
            if (pattern.search(word) is None) is (replacement == "?"):
                return ""
        elif not needle or needle in word:
            word = pattern.sub(replacement, word)
    return word.lower()


#: The readings by ear worked out so far, by word. An index keeps those of its names, and brings
#: them back when loaded (:func:`remember_heard_keys`): working them out again would be most of
#: the time of a loaded index's first thousand queries.
_heard: dict[str, tuple[tuple[str, str, str], ...]] = {}


def remember_heard_keys(known: dict[str, tuple[tuple[str, str, str], ...]]) -> None:
    """Take these readings by ear (word -> :func:`heard_keys`) as worked out."""
    _heard.update(known)


def unheard_keys(words: Iterable[str]) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """:func:`heard_keys` of those of these words not read by ear before in this process."""
    return {word: heard_keys(word) for word in words if word not in _heard}


def heard_keys(word: str) -> tuple[tuple[str, str, str], ...]:
    """The (phonetic, skeleton, shape) keys of a folded word written in Latin letters, read as
    French and English orthography sound (:func:`heard_reading`); none for a word in another
    script.

    Russian and Arabic writers respell French and English names by ear (Jean Жан, Boyer Бойе,
    Mitterrand ميتران, Taylor Тейлор): these keys are compared with words of those scripts only,
    never with another Latin spelling, whose conventions :func:`phonetic_keys` folds already.
    """
    found = _heard.get(word)
    if found is None:
        found = _heard[word] = _read_by_ear(word)
    return found


def _read_by_ear(word: str) -> tuple[tuple[str, str, str], ...]:
    if not word.isalpha() or script(word) != "latin":
        return ()  # another script, or a concept (#russia)
    # A letter of several readings (ç: French s, Turkish ch) gives a spelling for each.
    phonetics = dict.fromkeys(phonetic_keys(spelling, latin_script=False)[0] for orthography in _HEARD
                              for spelling in _expand_readings(_to_latin(heard_reading(word, orthography))))
    return tuple((phonetic, skeleton_key(phonetic), shape_key(phonetic)) for phonetic in phonetics if phonetic)


def _expand_readings(latin: str) -> list[str]:
    """"fran(s|ch)ois" style spellings from the letter table, as plain spellings (at most four)."""
    if "|" not in latin:
        return [latin]
    spellings = [""]
    for part in regex.split(r"(\([^()]*\))", latin):
        options = part[1:-1].split("|") if part.startswith("(") else [part]
        spellings = [s + o for s in spellings for o in options][:_MAX_READINGS]
    return spellings


def _make_token(word: str, kind: PartKind, readings: tuple[Token, ...] = ()) -> Token:
    native, keys = _token_keys(word)
    return Token(word, kind, native, keys, readings)


def _proclitic_readings(word: str) -> tuple[Token, ...]:
    """Other readings of an Arabic query word with a proclitic glued to it (وحفتر, لحفتر, للقيادة)."""
    if len(word) < 4 or word[0] not in _PROCLITICS or not _ARABIC.match(word):
        return ()
    rest = word[1:]
    if word.startswith("لل"):  # li- + al-: the alef of the article is not written
        rest = _ARABIC_ARTICLE + word[2:]
    rests = [rest]
    if rest[0] in _PROCLITICS and len(rest) >= 4 and rest[0] != word[0]:  # وب, ول: two clitics
        rests.append(rest[1:])
    readings = []
    for rest in rests:
        # The word after the clitic keeps its meaning: وروسيا is and-Russia, بمجموعة with-group.
        concept = _concept_of(rest)
        meaning = (_concept_token(rest, concept, reading="concept"),) if concept is not None else ()
        readings.append(dataclasses.replace(_make_token(rest, PartKind.NAME, meaning), reading="proclitic"))
    return tuple(readings)


def _inflection_readings(word: str) -> tuple[Token, ...]:
    """Other readings of a Cyrillic query word in an oblique case: its ending replaced by a
    nominative one (Хафтаром read as Хафтар, Кремле as Кремль: ``data/russian_endings.tsv``),
    each with the concept it names (министром as министр, @minister)."""
    if not _CYRILLIC.match(word):
        return ()
    forms: list[str] = []
    for ending, nominatives in _russian_endings():
        if word.endswith(ending) and len(word) - len(ending) >= _INFLECTED_STEM:
            stem = word[:-len(ending)]
            forms += [stem + nominative for nominative in nominatives
                      if stem + nominative != word and _spelled_as_russian(stem, nominative)]
    readings = []
    for form in list(dict.fromkeys(forms))[:_MAX_INFLECTIONS]:
        concept = _concept_of(form)
        meaning = (_concept_token(form, concept, reading="concept"),) if concept is not None else ()
        readings.append(dataclasses.replace(_make_token(form, PartKind.NAME, meaning), reading="inflection"))
    return tuple(readings)


def _spelled_as_russian(stem: str, ending: str) -> bool:
    """Whether Russian spelling allows the ending after the stem: й follows a vowel and ь a
    consonant (Сергея is Сергей, Кремля Кремль; Пердью, Perdue, is neither)."""
    if ending[:1] not in ("й", "ь"):
        return True
    before = stem[-1:]
    vowel = before in _RUSSIAN_VOWELS
    return vowel if ending[0] == "й" else not vowel and before not in ("ь", "ъ")


_RUSSIAN_VOWELS = frozenset("аеёиоуыэюя")

#: The fewest letters an inflected word keeps before its ending, and the most readings it gets.
_INFLECTED_STEM = 3
_MAX_INFLECTIONS = 4


@functools.cache
def _russian_endings() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(oblique ending, its nominative endings), longest first (``data/russian_endings.tsv``)."""
    rows = [(fold(ending), tuple("" if nominative == "-" else fold(nominative) for nominative in nominatives.split()))
            for ending, nominatives in read_table("russian_endings.tsv", 2)]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def base_forms(word: str) -> tuple[str, ...]:
    """Masculine singular forms a French or Spanish word in lower case may be inflected from
    (spéciale: spécial; directrice: directeur; generales: general), longest ending first
    (``data/romance_endings.tsv``); none for a word of another script or shorter than the
    ending and three letters."""
    if script(word) != "latin":
        return ()
    folded = fold(word)
    forms = [folded[:-len(ending)] + base for ending, bases in _romance_endings() for base in bases
             if folded.endswith(ending) and len(folded) - len(ending) >= _INFLECTED_STEM]
    return tuple(dict.fromkeys(form for form in forms if form != folded))


@functools.cache
def _romance_endings() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(ending, its base endings), longest first (``data/romance_endings.tsv``)."""
    rows = [(fold(ending), tuple("" if base == "-" else fold(base) for base in bases.split()))
            for ending, bases in read_table("romance_endings.tsv", 2)]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def _filiation_readings(word: str) -> tuple[Token, ...]:
    """The reading of an Arabic word after a name with a filiation particle glued to it, the
    father's name (بنحسين, ben Hassine, read as حسين; ``data/particles.tsv``)."""
    if not _ARABIC.match(word):
        return ()
    particles = _particles()
    for length in range(2, 4):
        particle, rest = word[:length], word[length:]
        if particles.get(particle) is PartKind.FILIATION and len(rest) >= 3:
            return (dataclasses.replace(_make_token(rest, PartKind.NAME), reading="proclitic"),)
    return ()


#: A given name keeps at most this many nickname readings (Elizabeth has over a dozen).
_MAX_NICKNAMES = 6


@functools.cache
def _nickname_table() -> dict[str, tuple[str, ...]]:
    """Given name -> its nicknames and nickname -> its given names, folded.

    The data is the hand-curated list of English given names and their nicknames of the
    ``nicknames`` package (carltonnorthern/nicknames, Apache-2.0): Robert and Bob, Edward and Ted.
    """
    from nicknames import name_triplets

    table: dict[str, dict[str, None]] = {}
    for triplet in name_triplets():
        name, nickname = fold(triplet.name1), fold(triplet.name2)
        if name != nickname:
            table.setdefault(name, {})[nickname] = None
            table.setdefault(nickname, {})[name] = None
    return {name: tuple(others) for name, others in table.items()}


def _nickname_readings(word: str) -> tuple[Token, ...]:
    """Readings of a Latin given name as its nicknames and of a nickname as its given names. An
    English given name written in Cyrillic is looked up by its romanisation (Ричард, richard:
    Dick)."""
    written = script(word)
    if written == "arabic":
        return ()
    others = _nickname_table().get(_to_latin(word) if written == "cyrillic" else word, ())[:_MAX_NICKNAMES]
    return tuple(dataclasses.replace(_make_token(other, PartKind.NAME), reading="nickname") for other in others)


# --- tokenising ----------------------------------------------------------------------------------

@functools.cache
def _alias_pattern(ignore_case: bool = False) -> regex.Pattern[str]:
    markers = sorted({fold(marker) for _lang, marker in read_table("alias_markers.tsv", 2)}, key=len, reverse=True)
    words = "|".join(regex.escape(marker) for marker in markers)
    return regex.compile(rf";|(?<![\p{{L}}\p{{N}}])(?:{words})(?![\p{{L}}\p{{N}}])",
                         regex.IGNORECASE if ignore_case else 0)


def alternatives(mention: str) -> list[str]:
    """The spellings a mention lists as aliases of one name ("Karim Haddad; Kareem Hadad", "Mourad
    dit Momo"), or the mention alone; data/alias_markers.tsv.

    >>> alternatives("Karim Haddad or Kareem Hadad")
    ['karim haddad', 'kareem hadad']
    >>> alternatives("Sergueï Choïgou")
    ['Sergueï Choïgou']
    """
    folded = fold(mention)
    parts = [part.strip() for part in _alias_pattern().split(folded)]
    parts = [part for part in parts if _WORD.search(part)]
    return parts if len(parts) > 1 else [mention]


def alias_spellings(name: str) -> list[str]:
    """The spellings a gazetteer name lists as aliases of one another, as :func:`alternatives`
    finds them in a mention, each as the name writes it where that can be told ("Karim dit
    Momo": Karim, Momo); none if the name is one spelling. Lists of persons and institutions
    sometimes give several aliases in one name ("X ; Y", "X dit Y")."""
    parts = alternatives(name)
    if len(parts) == 1:
        return []
    written = [part.strip() for part in _alias_pattern(ignore_case=True).split(unicodedata.normalize("NFC", name))]
    written = [part for part in written if _WORD.search(part)]
    return written if len(written) == len(parts) else parts


def _strip_styles(folded: str) -> str:
    """``folded`` without the comma-parts that are styles, not names (", Baron Jenkin of
    Roding", ", Jr."): data/styles.tsv."""
    if "," not in folded:
        return folded
    parts = folded.split(",")
    styles = folded_words("styles.tsv")
    # The style's first word, past an ordinal ("Hugh Fennell, 4. Baron Fennell").
    kept = [parts[0]] + [part for part in parts[1:]
                         if not (words := [w for w in _WORD.findall(part) if not w.isdigit()]) or words[0] not in styles]
    return ",".join(kept)


@functools.cache
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(fold(ending) for _script, ending in read_table("patronymics.tsv", 2))


def _in_name_order(folded: str) -> list[str]:
    """The words of a name in the order given name(s), surname.

    Lists invert names two ways: "Surname, Given" (the part after the first comma comes first:
    "Haddad, Karim Salim") and the official East Slavic "Surname Given Patronymic" (a name
    of three words or more ending with its only patronymic: data/patronymics.tsv)."""
    surname, comma, given = folded.partition(",")
    if comma and _WORD.search(surname) and _WORD.search(given):
        folded = given + " " + surname
    words = _WORD.findall(folded)
    endings = _patronymic_endings()
    if len(words) >= 3 and _patronymic(words[-1], endings) and not any(_patronymic(w, endings) for w in words[:-1]):
        words = words[1:] + words[:1]
    return words


def _patronymic(word: str, endings: tuple[str, ...]) -> bool:
    """Whether ``word`` is a given name with a patronymic ending (Кужугетович, Ильич)."""
    return any(word.endswith(ending) and len(word) >= len(ending) + 2 for ending in endings)


def _words(folded: str) -> list[str]:
    folded = _strip_styles(folded)
    folded = _ELISION.sub(" ", folded)
    folded = _POSSESSIVE.sub("", folded)
    folded = _INNER_APOSTROPHE.sub("", folded)
    return _in_name_order(folded)


def _join_particles(words: list[str]) -> list[str]:
    """Join عبد/abd/abu... to the next word, and the article after it: abd al rahman -> abdalrahman."""
    joining = joiners()
    particles = _particles()
    out: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in joining and index + 1 < len(words):
            following = words[index + 1]
            word += following
            index += 1
            if particles.get(following) is PartKind.ARTICLE and index + 1 < len(words):
                word += words[index + 1]
                index += 1
        out.append(word)
        index += 1
    return out


OFFICE_MARK = "@"
COUNTRY_MARK = "#"
INSTITUTION_MARK = "&"
#: Cities institutions are named after (the Moscow Kremlin): "%moscow".
PLACE_MARK = "%"
#: Generational suffixes (Jr., III) are concept tokens in every name, not only in the names of
#: roles and institutions: they match the same suffix or nothing.
GENERATION_MARK = "^"
#: Concept tables and the mark their concept tokens carry: "#russia", "@minister".
_CONCEPT_TABLES = (("countries.tsv", COUNTRY_MARK), ("offices.tsv", OFFICE_MARK),
                   ("institution_words.tsv", INSTITUTION_MARK), ("generations.tsv", GENERATION_MARK),
                   ("places.tsv", PLACE_MARK))
CONCEPT_MARKS = frozenset(mark for _table, mark in _CONCEPT_TABLES)


@functools.cache
def _concepts() -> tuple[dict[str, str], tuple[tuple[tuple[str, ...], str], ...]]:
    """Single-word concept forms -> concept key, and multi-word forms (longest first) -> key."""
    single: dict[str, str] = {}
    multi: list[tuple[tuple[str, ...], str]] = []
    for table, mark in _CONCEPT_TABLES:
        for concept, forms in read_table(table, 2):
            for form in forms.split(","):
                words = tuple(_words(fold(form)))
                if len(words) == 1:
                    # Looked up without its article (_concept_of): the table may write a country
                    # with it (السودان, السعودية), as the country's name is written.
                    single.setdefault(_without_article(words[0]), mark + concept)
                elif words:
                    multi.append((words, mark + concept))
    multi += _periphrases(set(single.values()) | {concept for _words, concept in multi})
    return single, tuple(sorted(multi, key=lambda item: len(item[0]), reverse=True))


def _periphrases(known: set[str]) -> list[tuple[tuple[str, ...], str]]:
    """The phrases of ``data/periphrases.tsv``, each for an office and an institution word or a
    country at once: its concept is the two concepts, space-separated ("@minister
    &foreign-affairs", "@president #russia"). ``known``: the concepts of the other tables."""
    out = []
    for number, (office, whose, forms) in enumerate(read_table("periphrases.tsv", 3), start=1):
        second = next((mark + whose for mark in (INSTITUTION_MARK, COUNTRY_MARK) if mark + whose in known), None)
        if OFFICE_MARK + office not in known or second is None:
            unknown = office if OFFICE_MARK + office not in known else whose
            raise DataTableError(f"namematch/data/periphrases.tsv, row {number}: {unknown!r} is not a concept "
                                 "of data/offices.tsv, data/institution_words.tsv or data/countries.tsv")
        for form in forms.split(","):
            words = tuple(_words(fold(form)))
            if words:
                out.append((words, f"{OFFICE_MARK}{office} {second}"))
    return out


def _concept_token(text: str, key: str, kind: PartKind = PartKind.NAME, reading: str = "") -> Token:
    return Token(text, kind, key, ((key, key, key),), reading=reading)


def _concept_of(word: str) -> str | None:
    single, _ = _concepts()
    concept = single.get(_without_article(word))
    if concept is None and len(word) > 4 and word.startswith(_LI_ARTICLE):
        # li- before the article, whose alef is then not written: للجيش is "of the army" wherever
        # it stands in a name (القائد العام للجيش, المؤسسة الوطنية للنفط).
        concept = single.get(word[2:])
    if concept is None and len(word) > 5 and word.startswith(_WA_ARTICLE):
        # And before the article, in the second of two words joined: العراق والشام (Iraq and the
        # Levant), الدفاع والأمن.
        concept = single.get(word[3:])
    return concept


def _accusative_office(word: str) -> str | None:
    """The office an Arabic word names in the indefinite accusative, with its final alef of
    tanwin (نائبا, as deputy; رئيسا, as president), or None: only an office word of
    ``data/offices.tsv`` is read so, never a name."""
    if len(word) < 4 or not word.endswith("ا") or not _ARABIC.match(word):
        return None
    concept = _concepts()[0].get(word[:-1])
    return concept if concept is not None and concept.startswith(OFFICE_MARK) else None


@functools.lru_cache(maxsize=1 << 14)
def tokenise(text: str, *, query: bool = False, concepts: bool = False) -> tuple[Token, ...]:
    """Tokens of a name or mention, tagged and keyed.

    With ``query=True`` the leading titles are tagged :attr:`PartKind.TITLE`, Arabic words
    get proclitic readings and concept words (russe, الروسي, ministre, وزير) a reading as
    their country or office (``data/countries.tsv``, ``data/offices.tsv``);
    gazetteer names are tokenised with ``query=False`` so that a name such as "President of
    Russia" keeps its first word. With ``concepts=True`` (the names of roles and institutions)
    concept words are replaced by their concept.

    >>> [t.kind.value for t in tokenise("le maréchal Khalifa Abu al-Qasim Haftar", query=True)]
    ['title', 'title', 'name', 'name', 'name']
    """
    words = _join_particles(_words(fold(text)))
    phrases = _merge_concept_phrases(words)
    kinds = _tag(words, query=query)
    if not query and not concepts:
        _opening_given_name(words, kinds)
    # A surname has no nicknames (Allen is not Al): in a mention of several name words the last
    # one takes no nickname reading.
    names = [position for position, kind in enumerate(kinds) if kind is PartKind.NAME]
    surname = names[-1] if len(names) > 1 else -1
    tokens = []
    for position, (word, kind) in enumerate(zip(words, kinds)):
        if word in phrases:
            # A periphrasis stands for two concepts (data/periphrases.tsv): a token for each.
            tokens += [_concept_token(word, concept, kind) for concept in phrases[word].split()]
            continue
        readings: tuple[Token, ...] = ()
        concept = _concept_of(word) if kind in (PartKind.NAME, PartKind.TITLE) else None
        if concept is not None and (concepts or (concept[0] == GENERATION_MARK and tokens)):
            # The word's own spelling stays a reading of it: a name may be transliterated rather
            # than translated (جبهة التحرير, Jabhat al-Tahrir).
            spelled = (_make_token(word, kind),) if concepts and concept[0] != GENERATION_MARK else ()
            tokens.append(dataclasses.replace(_concept_token(word, concept, kind), readings=spelled))
            continue
        if query and kind is PartKind.NAME:
            # A proclitic (و ب ل) is glued to the first word of a name, never to a later one:
            # "and Khalifa Haftar" is وخليفة حفتر, and the ب of جاك بوفيه is Bouvier's own.
            glued = (_proclitic_readings(word) if position == 0 or kinds[position - 1] is not PartKind.NAME
                     else _filiation_readings(word))
            readings = (glued or _inflection_readings(word)
                        or (_nickname_readings(word) if position != surname else ()))
        if query and concept is None and kind is PartKind.NAME:
            concept = _accusative_office(word)
        if query and concept is not None:
            readings += (_concept_token(word, concept, reading="concept"),)
        tokens.append(_make_token(word, kind, readings))
    return tuple(tokens)


#: Acronyms shorter or longer than these are not derived: two letters name too many things.
_INITIALS = (3, 8)


def initials(name: str) -> tuple[str, ...]:
    """Acronyms an institution may go by, from a Latin name of three words or more: the initials
    of all its words (Libyan Islamic Fighting Group, LIFG; Makhtab al-Khidamat, MAK) and of its
    words other than function words (Front Populaire de Libération Nationale, FPDLN and FPLN).
    What follows a comma ("Company, Ltd") is left out.

    >>> initials("Front Populaire de Libération Nationale")
    ('FPDLN', 'FPLN')
    """
    text = name.partition(",")[0]
    if script(text) != "latin":
        return ()
    words = [word for word in _WORD.findall(_ELISION.sub(" ", fold(text))) if not word.isdigit()]
    if len(words) < 3:
        return ()
    function_words = folded_words("function_words.tsv")
    shortest, longest = _INITIALS
    found = ("".join(word[0] for word in words), "".join(word[0] for word in words if word not in function_words))
    # Written in capitals without accents, as acronyms are (États: E).
    found = tuple(_unaccented(acronym).upper() for acronym in found)
    return tuple(acronym for acronym in dict.fromkeys(found) if shortest <= len(acronym) <= longest)


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def initials_token(acronym: str) -> Token:
    """The one token of a derived acronym (:func:`initials`): it is spelled letter by letter, so
    it meets only the same letters (``reading`` "initials"), not a word that sounds alike."""
    return dataclasses.replace(_make_token(fold(acronym), PartKind.NAME), reading="initials")


#: A name an institution lists that is an acronym: one Latin word in capitals (UNSMIL, MANUL).
_LISTED_ACRONYM = regex.compile(r"\p{Lu}{2,8}")


def acronym_token(name: str) -> Token | None:
    """The one token of a name that is an acronym as the gazetteer lists it (one word of two to
    eight Latin capitals: MANUL, LNA), with ``reading`` "acronym": in a Latin mention it is the
    same letters or nothing, not a word that sounds alike (Emmanuel is not MANUL); a mention in
    another script may spell it out (ناتو, НАТО). None for any other name."""
    text = name.strip()
    if not _LISTED_ACRONYM.fullmatch(text) or script(text) != "latin":
        return None
    return dataclasses.replace(_make_token(fold(text), PartKind.NAME), reading="acronym")


def compounds(tokens: tuple[Token, ...], *, surnames: bool = True) -> tuple[tuple[tuple[int, ...], Token], ...]:
    """Adjacent name words read as one word, with the positions they cover.

    Conventions disagree on where a name's words end: نجيب الله is Najibullah, غياث الدين
    Ghiasuddin, آخوند زاده Akhundzada, Kılıçdaroğlu كيليتشدار أوغلو, bin Laden Binladen. Two
    neighbouring name words (with an article between them or not) are also read as one. With
    ``surnames`` (not in the names of institutions and roles), so is a surname with its particles.

    >>> [(span, t.text) for span, t in compounds(tokenise("Ghiyath al Din Agha"))]
    [((0, 1, 2), 'ghiyathaldin'), ((2, 3), 'dinagha')]
    """
    out = []
    for start, first in enumerate(tokens):
        if first.kind is not PartKind.NAME or first.native[:1] in CONCEPT_MARKS:
            continue
        end = start + 1
        if end < len(tokens) and tokens[end].kind is PartKind.ARTICLE:
            end += 1
        if end < len(tokens) and _plain_name(tokens[end]):
            span = tuple(range(start, end + 1))
            out.append((span, _joined_token([_assimilated(tokens[i].text) if i > start else tokens[i].text
                                             for i in span])))
    # A surname with its particles (Le Pen, de Gaulle, von der Leyen) is written as one word in
    # some scripts (لوبان, ديغول): after a name word, the particles and the name word that
    # follows them are also read as one.
    for start in range(1, len(tokens) if surnames else 0):
        if tokens[start].kind not in _SURNAME_PARTICLES or not _plain_name(tokens[start - 1]):
            continue
        end = start
        while end < len(tokens) and tokens[end].kind in _SURNAME_PARTICLES and end - start < 2:
            end += 1
        if end < len(tokens) and _plain_name(tokens[end]):
            span = tuple(range(start, end + 1))
            out.append((span, _joined_token([tokens[i].text for i in span])))
    return tuple(out)


def _joined_token(words: list[str]) -> Token:
    """Words read as one (:func:`compounds`). Latin words keep the readings they have apart,
    joined: the spelling rules of one word do not reach into the next (Gerhard Schröter is not
    read with a "dsch", nor Ahmet Hamdi with a "th"), and each word's keys are worked out once
    however many names it is joined with. A letter doubled where the words meet is one letter,
    as within a word. Words of other scripts are read joined."""
    if not all(_LATIN_WORD.fullmatch(word) for word in words):
        return _make_token("".join(words), PartKind.NAME)
    # (readings other than a word's main one, phonetic, skeleton, shape): the fewest such choices
    # are kept first.
    joined: list[tuple[int, str, str, str]] = [(0, "", "", "")]
    for position, word in enumerate(words):
        readings = _token_keys(word, inner=position > 0)[1]
        joined = [(chosen + (rank > 0), _meet(phonetic, more[0]), _meet(skeleton, more[1]), _meet(shape, more[2]))
                  for chosen, phonetic, skeleton, shape in joined for rank, more in enumerate(readings)]
    joined.sort(key=lambda item: item[0])
    keys = tuple(dict.fromkeys(key[1:] for key in joined))[:_MAX_READINGS]
    return Token("".join(words), PartKind.NAME, keys[0][0], keys)


def _meet(first: str, second: str) -> str:
    """Two keys written one after the other, a letter or class doubled where they meet kept once."""
    return first + second[1:] if first[-1:] == second[:1] else first + second


#: A word in Latin letters only (with accents), which :func:`_joined_token` joins by its readings.
_LATIN_WORD = regex.compile(r"[\p{Script=Latin}\p{M}0-9'-]+")


#: The kinds of the particles that may begin a surname (Le Pen, de Gaulle, van Rompuy).
_SURNAME_PARTICLES = frozenset({PartKind.NOBILIARY, PartKind.FUNCTION})


def _plain_name(token: Token) -> bool:
    return token.kind is PartKind.NAME and token.native[:1] not in CONCEPT_MARKS


@functools.cache
def _sun_letters() -> frozenset[str]:
    return frozenset(letter for (letter,) in read_table("sun_letters.tsv", 1))


def _assimilated(word: str) -> str:
    """An Arabic word inside a compound with the l of its article silent before a sun letter:
    الدين in شمس الدين is read a-din, as Shamsuddin writes it."""
    core = _without_article(word)
    if core is not word and core[0] in _sun_letters():
        return "ا" + core
    return word


@functools.cache
def _phrases_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """The multi-word concepts by their first word, longest first."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for phrase, concept in _concepts()[1]:
        by_first[phrase[0]].append((phrase, concept))
    return {word: tuple(phrases) for word, phrases in by_first.items()}


def concept_phrase_length(words: Sequence[str], position: int) -> int:
    """How many words, from ``position``, make one concept of several words ("Prime Minister",
    "ولي العهد", "United States"); 0 where none begins there. The words are as written."""
    found = _phrase_at([fold(word) for word in words[position:position + _LONGEST_PHRASE]], 0)
    return len(found[0]) if found else 0


def _phrase_at(words: Sequence[str], position: int) -> tuple[tuple[str, ...], str] | None:
    """The multi-word concept (phrase, concept) that the folded ``words`` begin at ``position``,
    the longest; None where none does."""
    if position >= len(words):
        return None
    by_first = _phrases_by_first_word()
    for head in _phrase_heads(words[position]):
        for phrase, concept in by_first.get(head, ()):
            if tuple(words[position + 1:position + len(phrase)]) == phrase[1:]:
                return phrase, concept
    return None


def _phrase_heads(word: str) -> tuple[str, ...]:
    """A phrase's first word as written, and in Arabic without the proclitic glued to it: بولي
    العهد, "with the crown prince", is ولي العهد; للقائد العام is القائد العام, li- before the
    article, whose alef is then not written."""
    if len(word) < 4 or word[0] not in _PROCLITICS or not _ARABIC.match(word):
        return (word,)
    if word.startswith(_LI_ARTICLE):
        return word, "ا" + word[1:], word[1:]
    return word, word[1:]


#: The most words :func:`concept_phrase_length` looks at.
_LONGEST_PHRASE = 6


def _merge_concept_phrases(words: list[str]) -> dict[str, str]:
    """Merge multi-word concepts ("united states", "ولي العهد") into one word, in place."""
    merged: dict[str, str] = {}
    position = 0
    while position < len(words):
        found = _phrase_at(words, position)
        if found is not None:
            phrase, concept = found
            joined = " ".join(phrase)
            words[position:position + len(phrase)] = [joined]
            merged[joined] = concept
        position += 1
    return merged


def _tag(words: list[str], *, query: bool) -> list[PartKind]:
    particles = _particles()
    function_words = folded_words("function_words.tsv")
    kinds = [PartKind.NAME] * len(words)
    several = len(words) > 1
    for position, word in enumerate(words):
        arabic = bool(_ARABIC.match(word))
        if arabic and len(word) == 1:
            kinds[position] = PartKind.FUNCTION  # a proclitic written apart (و)
        elif several and word in function_words:
            kinds[position] = PartKind.FUNCTION
        elif (several or arabic) and _is_particle(words, position) and (
                position > 0 or particles[word] is not PartKind.FILIATION):
            # "son of" needs a name before it: an opening Ben (Ben Whitcombe) is a given name. An
            # Arabic particle alone (ال, بن) is never a name.
            kinds[position] = particles[word]
        elif len(word) == 1 and word.isalpha() and not arabic:
            kinds[position] = PartKind.INITIAL
    if query:
        _tag_titles(words, kinds)
    else:
        _tag_ranks(words, kinds)
    if kinds and all(kind is not PartKind.NAME for kind in kinds):
        # A mention made only of Latin particles or titles ("Al", "président"): take it as
        # written. Initials and Arabic particles alone name nobody.
        kinds = [PartKind.NAME if kind is not PartKind.INITIAL and (kind is PartKind.TITLE or not _ARABIC.match(word))
                 else kind for word, kind in zip(words, kinds)]
    return kinds


def _opening_given_name(words: list[str], kinds: list[PartKind]) -> None:
    """In a person's name, a function word before a name word that opens it is a given name
    (Les and Des, short for Leslie and Desmond), unless it is also a particle (de Gaulle)."""
    if (len(words) > 1 and kinds[0] is PartKind.FUNCTION and kinds[1] is PartKind.NAME and len(words[0]) > 2
            and words[0].isalpha() and words[0] not in _particles()):
        kinds[0] = PartKind.NAME


def _tag_titles(words: list[str], kinds: list[PartKind]) -> None:
    """Tag the run of titles at the start of a mention (titles.tsv), the honorifics at its end
    (titles_after.tsv: Kemal Bey, Wazir Sahib) and the ranks of nobility inside it
    (titles_within.tsv: Anton Graf Hollwede), keeping at least one word a name."""
    start, end = 0, len(words)
    while size := _title_length(words, _titles(), start, end, at_start=True):
        kinds[start:start + size] = [PartKind.TITLE] * size
        start += size
    while size := _title_length(words, _titles("titles_after.tsv"), start, end, at_start=False):
        kinds[end - size:end] = [PartKind.TITLE] * size
        end -= size
    _tag_ranks(words, kinds, start, end)


def office_word(token: Token) -> bool:
    """Whether a word reads as an office (président, وزير: an office concept among its readings),
    a title that names a role rather than a courtesy (M., cheikh)."""
    return any(reading.native.startswith(OFFICE_MARK) for reading in token.readings)


@functools.cache
def _title_edges() -> tuple[frozenset[str], frozenset[str]]:
    """The first words of the titles before a name and the last words of those after it."""
    return (frozenset(title[0] for title in _titles()),
            frozenset(title[-1] for title in _titles("titles_after.tsv")))


def courtesy_titles(tokens: Sequence[Token]) -> tuple[bool, ...]:
    """Which words of a gazetteer name are courtesy titles, as a mention's would be (Maulavi of
    Maulavi Adam Khan, Pasha of Ali Fuad Pasha: ``titles.tsv``, ``titles_after.tsv``; not an
    office's word), or () if none is. A person's names seldom carry titles, but lists write some
    with them."""
    if len(tokens) < 2:
        return ()
    openings, endings = _title_edges()
    if tokens[0].text not in openings and tokens[-1].text not in endings:
        return ()
    words = [token.text for token in tokens]
    kinds = [token.kind for token in tokens]
    _tag_titles(words, kinds)
    flags = tuple(kind is PartKind.TITLE and token.kind is PartKind.NAME and not office_word(token)
                  for kind, token in zip(kinds, tokens))
    return flags if any(flags) and any(kind is PartKind.NAME for kind in kinds) else ()


def _tag_ranks(words: list[str], kinds: list[PartKind], start: int = 0, end: int | None = None) -> None:
    """Tag the ranks of nobility between a name's words (titles_within.tsv: Anton Graf Hollwede)."""
    within = _titles("titles_within.tsv")
    for position in range(start + 1, (len(words) if end is None else end) - 1):
        if (words[position],) in within and kinds[position] is PartKind.NAME:
            kinds[position] = PartKind.TITLE


def _title_length(words: list[str], titles: tuple[tuple[str, ...], ...], start: int, end: int, *,
                  at_start: bool) -> int:
    """The length of the first of ``titles`` that ``words[start:end]`` opens with (or ends with),
    leaving at least one word; 0 if none."""
    for title in titles:
        size = len(title)
        if size < end - start and tuple(words[start:start + size] if at_start else words[end - size:end]) == title:
            return size
    return 0
