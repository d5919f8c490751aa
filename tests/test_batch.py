"""Batch resolution and saved indexes (issue 4)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from namematch import Resolver, store
from namematch.errors import BadDateError, IndexFormatError

MENTIONS = [
    "Sergueï Choïgou", "Сергей Шойгу", "سيرجي شويجو", "Sanaa Amir", "وحفتر", "M. Haftar", "ANL",
    "Choïgou", "", "   ", "\u200f\u0640", "x" * 500, "Dmitri Peskov", "ديميتري بيكسوف",
] * 40  # repeated: each distinct mention is resolved once, the answers still come back in order


def test_resolve_many_gives_the_answers_of_resolve(resolver):
    expected = [resolver.resolve(mention) for mention in MENTIONS]
    assert resolver.resolve_many(MENTIONS, workers=1) == expected
    assert resolver.resolve_many(MENTIONS, workers=2, progress=False) == expected


def test_resolve_many_takes_one_date_or_one_per_mention(resolver):
    mentions = ["Sergueï Choïgou", "Dmitri Peskov"]
    assert resolver.resolve_many(mentions, at="2023-09-26", workers=1) == \
        [resolver.resolve(m, at="2023-09-26") for m in mentions]
    dates = [dt.date(2023, 9, 26), None]
    assert resolver.resolve_many(mentions, at=dates, workers=1) == \
        [resolver.resolve(m, at=d) for m, d in zip(mentions, dates)]


def test_resolve_many_rejects_bad_arguments(resolver):
    with pytest.raises(BadDateError):
        resolver.resolve_many(["Choïgou"], at="26/09/2023")
    with pytest.raises(ValueError, match="2 dates for 1 mentions"):
        resolver.resolve_many(["Choïgou"], at=["2023-09-26", None])
    with pytest.raises(ValueError, match="workers"):
        resolver.resolve_many(["Choïgou"], workers=0)
    with pytest.raises(TypeError, match="mention 1"):
        resolver.resolve_many(["Choïgou", None])  # type: ignore[list-item]
    assert resolver.resolve_many([]) == []


@pytest.fixture(scope="module")
def saved(resolver, tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "default.nmi"
    resolver.save(path)
    return path


def test_a_saved_index_answers_as_the_resolver_it_came_from(resolver, saved):
    loaded = Resolver.load(saved)
    assert loaded.threshold == resolver.threshold
    for mention in MENTIONS[:14]:
        assert loaded.candidates(mention, limit=3) == resolver.candidates(mention, limit=3)
    assert loaded.resolve_many(MENTIONS, workers=2, progress=False) == resolver.resolve_many(MENTIONS, workers=1)
    # The names, stored flat, come back whole: words, neighbouring words read as one, derived
    # acronyms, weights.
    assert list(loaded.index.names) == list(resolver.index.names)
    assert list(loaded.index.weights) == list(resolver.index.weights)
    assert any(n.compounds for n in loaded.index.names) and any(n.name not in n.entity.names for n in loaded.index.names)


def test_a_file_that_is_not_an_index_is_refused(tmp_path):
    path = tmp_path / "gazetteer.nmi"
    path.write_text("id,kind,name,lang,prior\n", encoding="utf-8")
    with pytest.raises(IndexFormatError, match="not a namematch index"):
        Resolver.load(path)
    with pytest.raises(IndexFormatError, match="cannot read"):
        Resolver.load(tmp_path / "missing.nmi")


def _rewrite_header(source, target, **changes):
    data = source.read_bytes()
    magic_end = len(store.MAGIC)
    header_end = data.index(b"\n", magic_end) + 1
    header = json.loads(data[magic_end:header_end])
    header.update(changes)
    target.write_bytes(data[:magic_end] + json.dumps(header).encode() + b"\n" + data[header_end:])


def test_an_index_from_another_format_or_build_is_refused(saved, tmp_path):
    other = tmp_path / "other.nmi"
    _rewrite_header(saved, other, format=store.FORMAT + 1)
    with pytest.raises(IndexFormatError, match="format"):
        Resolver.load(other)
    _rewrite_header(saved, other, build="0123456789abcdef")
    with pytest.raises(IndexFormatError, match="another version of namematch"):
        Resolver.load(other)


@pytest.mark.parametrize("damage", ["flip", "truncate", "header"])
def test_a_damaged_index_is_refused_never_misread(saved, tmp_path, damage):
    data = bytearray(saved.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0xFF
    elif damage == "truncate":
        del data[len(data) - 100:]
    else:
        data[len(store.MAGIC) + 2] = ord("#")
    damaged = tmp_path / "damaged.nmi"
    damaged.write_bytes(bytes(data))
    with pytest.raises(IndexFormatError, match="damaged"):
        Resolver.load(damaged)


def test_an_index_built_on_every_core_is_the_one_built_in_one_process(monkeypatch):
    """A large gazetteer is tokenised by worker processes (namematch.index._tokenise_spellings);
    here the shipped one, with the size at which that starts lowered."""
    import namematch.index as index_module
    from namematch import Gazetteer, Resolver
    from namematch.normalise import clear_caches
    gazetteer = Gazetteer.default()
    alone = Resolver(gazetteer).index
    monkeypatch.setattr(index_module, "_PARALLEL_SPELLINGS", 10)
    # The workers read the words by ear for this process (it has not read them yet).
    clear_caches()
    shared = Resolver(gazetteer).index
    assert [(n.entity.id, n.name, n.tokens, n.compounds) for n in shared.names] == \
        [(n.entity.id, n.name, n.tokens, n.compounds) for n in alone.names]
    assert list(shared.weights) == list(alone.weights) and shared._idf == alone._idf
    assert shared._heard_words == alone._heard_words and shared._heard_words
    assert {key: shared._postings.get(key).tolist() for key in shared._postings._slot} == \
        {key: alone._postings.get(key).tolist() for key in alone._postings._slot}


def test_the_index_proposes_the_same_candidates_whether_it_picks_or_scans_the_names_met(resolver, monkeypatch):
    """Votes are gathered name by name where a word meets few names, over whole arrays where it
    meets many (namematch.index._SCANNED): the two ways rank the same names alike."""
    import namematch.index as index_module
    from namematch.normalise import compounds, tokenise
    queries = [tokenise(mention, query=True) for mention in dict.fromkeys(MENTIONS) if mention.strip()]
    queries += [tokenise(name.text, query=True) for entity in list(resolver.gazetteer.values())[::7]
                for name in entity.names[:2]]

    def proposed() -> list[list[int]]:
        return [resolver.index.candidates(tokens, limit=20, compounds=compounds(tokens)) for tokens in queries]

    monkeypatch.setattr(index_module, "_SCANNED", 1)  # a word meeting more than every name is scanned
    picked = proposed()
    monkeypatch.setattr(index_module, "_SCANNED", 1 << 30)  # every word is scanned
    assert proposed() == picked
    assert sum(map(len, picked)) > 10 * len(queries)


def test_of_candidates_ranked_alike_the_index_keeps_the_first_filed():
    """Where more names than the limit rank alike, those kept do not depend on how the index
    sorted them out: the first filed."""
    from namematch import Gazetteer
    from namematch.normalise import tokenise
    # Every third name has a word more, and ranks after the others.
    rows = [{"id": f"p:{k:02d}", "kind": "person", "name": "Ivar Lindqvist Berg" if k % 3 == 0 else "Ivar Lindqvist"}
            for k in range(60)]
    index = Resolver(Gazetteer.from_rows(rows)).index
    tokens = tokenise("Ivar Lindqvist", query=True)
    ranked = [k for k in range(60) if k % 3] + [k for k in range(60) if k % 3 == 0]
    for limit in (1, 5, 30, 45, 50):
        assert index.candidates(tokens, limit=limit) == ranked[:limit]


def test_a_names_initial_votes_for_the_query_word_it_may_stand_for():
    """"Jan P. Syse" for "Jan Peder Syse": the initial P. is met by Peder, as the scorer meets it,
    so that names sharing the other words do not crowd it out of the candidates."""
    from namematch import Gazetteer
    from namematch.normalise import tokenise
    rows = [{"id": "p:mats", "kind": "person", "name": "Ivar M. Lindqvist"},
            {"id": "p:kasimir", "kind": "person", "name": "Ivar K. Lindqvist"}]
    index = Resolver(Gazetteer.from_rows(rows)).index

    def best(mention: str, limit: int = 1) -> list[str]:
        return [index.names[position].entity.id
                for position in index.candidates(tokenise(mention, query=True), limit=limit)]

    assert best("Ivar Kasimir Lindqvist") == ["p:kasimir"]
    assert best("Ivar Mats Lindqvist") == ["p:mats"]
    # Without a word to stand for, the two rank alike and the first filed comes first.
    assert best("Ivar Lindqvist", 2) == [index.names[0].entity.id, index.names[1].entity.id]
