"""Metamorphic properties: a gazetteer name re-spelled in another convention still resolves to
its entity.

A generator applies up to two convention changes to a name of the shipped gazetteer: French,
English and German spellings of one sound (ou/u, ch/sh, dj/j, -ov/-off, w/v), a dropped inner
vowel, al-/el-, a doubled or undoubled letter; for Arabic names عبد joined or split, a proclitic
glued on, hamza and alef maqsura written or not, harakat and tatweel added.
"""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from namematch import Kind, Resolver

# (pattern, replacement): each a change a writer in another convention makes.
LATIN_CHANGES = [
    (r"ou", "u"), (r"(?<=[^aeiou])u(?=[^aeiou])", "ou"),
    (r"sh", "ch"), (r"(?<![st])ch", "sh"),
    (r"dj", "j"), (r"(?<!d)j(?=[aeiou])", "dj"),
    (r"ov\b", "off"), (r"ev\b", "ew"),
    (r"\b(al|el)-", lambda m: {"al": "el", "el": "al"}[m.group(1)] + "-"),
    (r"(?<=\w{2})([aeiou])(?=[bcdfgklmnprstvz]\w{2})", ""),  # an inner short vowel dropped
    (r"([lmnrst])\1", r"\1"), (r"(?<=[aeiou])([lmnrst])(?=[aeiou])", r"\1\1"),
    (r"ph", "f"), (r"ee", "i"), (r"y\b", "i"), (r"-", " "),
]
ARABIC_CHANGES = [
    (r"عبد ال", "عبدال"), (r"عبدال", "عبد ال"),
    (r"^", "و"),  # a proclitic glued to the first word
    (r"[أإآ]", "ا"), (r"ى\b", "ي"), (r"ة\b", "ه"),
    (r"(?<=\p{Arabic})(?=\p{Arabic})", "\u064e", 1),  # a fatha
    (r"(?<=\p{Arabic})(?=\p{Arabic})", "\u0640", 1),  # a tatweel
]


def _apply(text: str, change: tuple) -> str:
    pattern, replacement, *count = change
    return regex.sub(pattern, replacement, text, count=count[0] if count else 1)


@st.composite
def respelled_names(draw, resolver: Resolver):
    entities = sorted((e for e in resolver.gazetteer.values() if e.kind is Kind.PERSON), key=lambda e: e.id)
    entity = draw(st.sampled_from(entities))
    name = draw(st.sampled_from(entity.names))
    changes = ARABIC_CHANGES if regex.search(r"\p{Arabic}", name.text) else LATIN_CHANGES
    text = name.text if changes is ARABIC_CHANGES else name.text.lower()
    for _ in range(draw(st.integers(1, 2))):
        applicable = [change for change in changes if _apply(text, change) != text]
        if applicable:
            text = _apply(text, draw(st.sampled_from(applicable)))
    return entity, name.text, text


def test_a_respelled_name_still_resolves_to_its_entity(resolver):
    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(respelled_names(resolver))
    def check(drawn):
        entity, original, respelled = drawn
        best = resolver.resolve(respelled)
        assert best is not None and best.entity_id == entity.id, (original, respelled, best)

    check()
