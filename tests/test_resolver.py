"""Resolution behaviour, table-driven over the labelled seed mentions, and properties."""

from __future__ import annotations

import dataclasses
import itertools
import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import seed_rows
from namematch import Gazetteer, Kind, Resolution, Resolver
from namematch.config import DEFAULT_CONFIG
from namematch.normalise import PartKind, fold, tokenise
from namematch.scoring import opens_alike

SEEDS = seed_rows()


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Sergueï Choïgou", "person:sergei-shoigu"),
        ("Sergej Schoigu", "person:sergei-shoigu"),
        ("سيرجي شويجو", "person:sergei-shoigu"),
        ("Сергей Шойгу", "person:sergei-shoigu"),
        ("يونس بك يفكيروف", "person:yunus-bek-yevkurov"),
        ("ديميتري بيكسوف", "person:dmitry-peskov"),
        ("Abdel Fattah al-Sissi", "person:abdel-fattah-el-sisi"),
        ("وحفتر", "person:khalifa-haftar"),
        ("لحفتر", "person:khalifa-haftar"),
        ("M. Haftar", "person:khalifa-haftar"),
        ("قوات حفتر", "org:libyan-national-army"),
        ("ANL", "org:libyan-national-army"),
        ("الرئيس الروسي", "role:president-of-russia"),
    ],
)
def test_cross_script_mentions_resolve(resolver, mention, expected):
    assert resolver.resolve(mention).entity_id == expected


@pytest.mark.parametrize("mention", ["Vladimir Astapkovitch", "Sanaa Amir", "Hannibal Gaddafi", "Khalifa bin Zayed"])
def test_absent_people_do_not_resolve(resolver, mention):
    assert resolver.resolve(mention) is None


def test_bare_surname_ranks_the_prominent_bearer_first(resolver):
    assert resolver.candidates("Haftar", limit=1)[0].entity_id == "person:khalifa-haftar"


def test_resolution_is_a_frozen_dataclass(resolver):
    result = resolver.resolve("Poutine")
    assert isinstance(result, Resolution) and result.kind is Kind.PERSON
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.confidence = 1.0  # type: ignore[misc]


def test_candidates_are_best_first_and_limited(resolver):
    candidates = resolver.candidates("Khalifa Haftar", limit=3)
    assert 1 <= len(candidates) <= 3
    assert candidates[0].entity_id == "person:khalifa-haftar"
    assert [c.confidence for c in candidates] == sorted((c.confidence for c in candidates), reverse=True)


def test_remembered_similarities_change_no_answer(resolver):
    """Within ``remembering`` (linking a text), word similarities worked out for one mention are
    reused for the next: the answers are those of each mention resolved on its own, in any order."""
    mentions = ["le ministre russe de la Défense", "ministre russe", "Sergueï Choïgou", "Choïgou",
                "وزير الدفاع الروسي", "الروسي", "Khalifa Haftar", "Haftar Khalifa", "Khalifa bin Zayed",
                "Forces armées arabes libyennes", "armées libyennes"]

    def answers(ordered):
        return {m: [(c.entity_id, c.confidence, c.features) for c in resolver.candidates(m, limit=5)]
                for m in ordered}

    alone = answers(mentions)
    for ordered in (mentions, mentions[::-1]):
        with resolver.remembering():
            assert answers(ordered) == alone


def test_threshold_is_a_keyword(resolver):
    assert resolver.resolve("Poutine", threshold=1.01) is None
    assert Resolver(resolver.gazetteer, threshold=0.0).resolve("Poutine").entity_id == "person:vladimir-putin"


@pytest.mark.skipif(not SEEDS, reason="../shared/eval/seed_mentions.tsv not present")
def test_seed_mentions_reach_the_bar(resolver):
    """The seed mentions of the five articles: the issue's bar is 70 of 72; today's level is
    held here so that it cannot slip (raise it as matching improves)."""
    right = 0
    for row in SEEDS:
        result = resolver.resolve(row["mention"], at=row["date"])
        right += (result.entity_id if result else "NIL") == row["expected"]
    assert right == len(SEEDS), f"{right} of {len(SEEDS)}"


@pytest.mark.skipif(not SEEDS, reason="../shared/eval/seed_mentions.tsv not present")
@pytest.mark.parametrize("row", SEEDS, ids=[f"{r['doc']}-{r['mention']}" for r in SEEDS])
def test_every_seed_id_is_in_the_gazetteer_and_nil_is_absent(resolver, row):
    if row["expected"] != "NIL":
        assert row["expected"] in resolver.gazetteer


# --- properties ------------------------------------------------------------------------------

unicode_text = st.text(st.characters(codec="utf-8"), max_size=60)


@given(unicode_text)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unicode_text)
def test_any_text_resolves_without_error_and_confidence_is_a_probability(resolver, text):
    for candidate in resolver.candidates(text):
        assert 0.0 <= candidate.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x1f", "\u200f\u200e", "ـــ", "a" * 10_000, "حفتر " * 2_000])
def test_degenerate_text_never_raises(resolver, text):
    result = resolver.resolve(text)
    assert result is None or 0.0 <= result.confidence <= 1.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_an_exact_gazetteer_name_resolves_to_its_entity(resolver, data):
    entity = data.draw(st.sampled_from(sorted(resolver.gazetteer.values(), key=lambda e: e.id)))
    name = data.draw(st.sampled_from(entity.names))
    best = resolver.candidates(name.text, limit=1)[0]
    if best.entity_id != entity.id:
        # Another entity may hold the very same name (an acronym, a shared title); it must then
        # match it as exactly.
        assert any(fold(n.text) == fold(name.text) for n in resolver.gazetteer[best.entity_id].names)
    assert best.score == pytest.approx(1.0)


def _rows(gazetteer: Gazetteer) -> list[tuple[str, ...]]:
    """A gazetteer's CSV rows (id, kind, name, lang, prior), entity by entity."""
    return [(e.id, e.kind.value, n.text, n.lang, str(e.prior or "")) for e in gazetteer.values() for n in e.names]


def test_gazetteer_row_order_changes_nothing(resolver):
    rows = _rows(resolver.gazetteer)
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    other = Resolver(Gazetteer.from_rows(shuffled))
    for mention in ["Choïgou", "حفتر", "ministre russe de la Défense", "Abdel Hamid Dbeibah", "Kremlin"]:
        first, second = resolver.candidates(mention, limit=3), other.candidates(mention, limit=3)
        assert [(c.entity_id, round(c.confidence, 9)) for c in first] == [(c.entity_id, round(c.confidence, 9)) for c in second]


def test_explain_shows_the_evidence_and_its_contributions_sum_to_the_confidence(resolver):
    resolution = resolver.resolve("Sergueï Choïgou")
    text = resolution.explain()
    assert resolution.entity_id in text and resolution.matched_name in text
    assert "choïgou [shoigu]" in text
    log_odds = sum(contribution for _name, contribution in resolution.contributions)
    assert 1 / (1 + math.exp(-log_odds)) == pytest.approx(resolution.confidence)
    evidence = resolution.to_dict(evidence=True)["evidence"]
    assert set(evidence["features"]) == set(dict(resolution.features))
    assert {"mention", "name", "similarity", "mention_key", "name_key"} <= set(evidence["pairs"][0])


def test_a_partial_name_explains_which_words_met(resolver):
    resolution = resolver.candidates("Vladimir Astapkovitch", limit=1)[0]
    assert [(q, n) for q, n, *_ in resolution.pairs] == [("vladimir", "vladimir")]
    assert dict(resolution.features)["query_unmatched"] > 0.3


def test_a_list_of_aliases_resolves_through_its_best_spelling(resolver):
    assert resolver.resolve("Sergueï Choïgou; Chouïgou").entity_id == "person:sergei-shoigu"
    assert resolver.resolve("Sanaa Amir or Sergei Shoigu").entity_id == "person:sergei-shoigu"


def test_a_gazetteer_name_that_lists_aliases_is_met_by_each_of_them():
    # Lists of persons sometimes give several aliases in one name ("X dit Y", "X ; Y"): each one
    # is a name of the entity, matched alone, and shown as the name written.
    resolver = _people(("p:nour", "Nourredine dit Nour Bellami ; Abou Wassim"),
                       ("p:other", "Nourredine Bakkali"), ("p:third", "Wassim Tarek"))
    best = resolver.resolve("Nour Bellami")
    assert best.entity_id == "p:nour" and best.matched_name == "Nour Bellami"
    assert resolver.resolve("Abou Wassim").entity_id == "p:nour"
    assert resolver.resolve("Wassim Tarek").entity_id == "p:third"


def test_a_title_the_persons_name_holds_is_a_second_word_met():
    # Lists write some persons with their title (Maulavi X Khan). A mention with the same title
    # and one name word meets two of the name's words, not one; another title (Haji) meets none.
    surnames = ["Bekov", "Alami", "Novak", "Kovacs", "Durand", "Moreau", "Lindqvist", "Petrescu", "Haddad",
                "Sorensen", "Okafor", "Varga", "Rossi", "Kowalski", "Mendes", "Berger", "Dumont", "Larsen"]
    resolver = _people(("p:idris", "Maulavi Idris Khan"), ("p:shaykh", "Shaykh Idris Tarakzai"),
                       *((f"p:{s}", f"Idris {s}") for s in surnames),
                       *((f"p:m{s}", f"Maulavi {s} Khan") for s in ("Kabir", "Jalal", "Rahmat", "Sayed", "Fazl")))
    best = resolver.resolve("Maulavi Idris")
    assert best.entity_id == "p:idris" and best.confidence > 0.9
    assert dict(best.features)["single_token"] == 0.0
    (haji,) = [c for c in resolver.candidates("Haji Idris", limit=30) if c.entity_id == "p:shaykh"]
    assert dict(haji.features)["single_token"] == 1.0


def test_a_courtesy_title_of_a_listed_name_costs_nothing_where_the_mention_lacks_it():
    # As a mention's title costs nothing where the name lacks it, so the other way round: lists
    # write some persons with their title, before or after the name.
    resolver = _people(("p:yazan", "Yazan Qudsi Pasha"), ("p:haddad", "Yazan Haddad"),
                       ("p:nur", "Maulavi Nur Tarakzai"), ("p:bekov", "Nur Bekov"))
    for mention, expected in (("Yazan Qudsi", "p:yazan"), ("Nur Tarakzai", "p:nur")):
        best = resolver.resolve(mention)
        assert best.entity_id == expected and dict(best.features)["name_coverage"] == 1.0, mention
    # The title is a name's word all the same: met, it counts.
    assert resolver.resolve("Maulavi Nur Tarakzai").confidence >= resolver.resolve("Nur Tarakzai").confidence


def test_a_kunya_after_a_name_costs_as_a_middle_name():
    # Lists add a kunya (Abu X, "father of X") after a person's name, which their other names
    # leave out; before the name it is most often the name the person goes by, and costs in full.
    resolver = _people(("p:yazan", "Yazan Qudsi"), ("p:haddad", "Yazan Haddad"), ("p:rami", "Rami Qudsi"))
    after = resolver.resolve("Yazan Qudsi Abu Rami")
    assert after.entity_id == "p:yazan" and after.confidence > 0.8
    for other in ("Yazan Qudsi Badran", "Abu Rami Yazan Qudsi"):
        assert resolver.candidates(other, limit=1)[0].confidence < 0.5, other


@pytest.mark.parametrize("mention", ["و", "ال", "بن", "V.", "Al"])
def test_particles_and_initials_alone_name_nobody(resolver, mention):
    assert resolver.resolve(mention) is None


def test_a_name_word_does_not_pair_with_a_particle(resolver):
    best = resolver.candidates("Al", limit=1)
    assert not best or all(n not in ("al", "аль") for _q, n, *_ in best[0].pairs)


def _people(*rows: tuple[str, str]) -> Resolver:
    return Resolver(Gazetteer.from_rows([(entity_id, "person", name, "en", "") for entity_id, name in rows],
                                        source="test"))


def test_an_english_given_name_written_in_cyrillic_has_its_nicknames():
    # Ричард is Richard, whose nickname is Dick: Dick Fenwick is Ричард Фенвик, and the reading
    # is only a nickname's (Richard Fenwick himself, written out, is the better answer).
    resolver = _people(("p:dick", "Dick Fenwick"), ("p:other", "Maria Lopez"))
    best = resolver.candidates("Ричард Фенвик", limit=1)[0]
    assert best.entity_id == "p:dick" and best.confidence >= resolver.threshold
    both = _people(("p:dick", "Dick Fenwick"), ("p:richard", "Richard Fenwick"))
    assert both.resolve("Ричард Фенвик").entity_id == "p:richard"


def test_an_opening_short_given_name_is_not_taken_for_an_assimilated_article():
    # Ed before a word in d reads like the article of "Nasr ed Din"; opening a name it is Edward.
    resolver = _people(("p:dorsey", "Edward Dorsey"), ("p:other", "Valerie Dorsey"), ("p:third", "Maria Lopez"))
    best = resolver.candidates("Ed Dorsey", limit=2)
    assert best[0].entity_id == "p:dorsey" and best[0].confidence > best[1].confidence + 0.3


def test_two_latin_words_read_as_one_meet_an_arabic_word_as_spelled():
    # Joined, "Marc Ratti" has the consonant classes of مارغريت (MRKRT) but not its spelling; a
    # surname with its particles (Le Brun, لوبران) still meets the Arabic word it is written as.
    rows = [("p:m", "person", "مارغريت هودج", "ar", ""), ("p:lp", "person", "صوفي لوبران", "ar", ""),
            ("p:o", "person", "خالد المصري", "ar", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    assert resolver.resolve("Marc Ratti") is None
    assert resolver.resolve("Sophie Le Brun").entity_id == "p:lp"


def test_a_middle_name_the_gazetteer_lacks_costs_less_than_a_wrong_surname():
    resolver = _people(("p:pratt", "Charles Pratt"), ("p:charles", "Edwin Charles"), ("p:other", "Maria Lopez"))
    full = resolver.candidates("Charles Edwin Pratt", limit=2)
    assert full[0].entity_id == "p:pratt"
    # Edwin, between the two names that met, is a middle name; Pratt after them is not.
    assert full[0].confidence > full[1].confidence
    assert dict(full[0].features)["query_unmatched"] < dict(full[1].features)["query_unmatched"]


def test_a_middle_name_is_no_omission_where_the_name_has_another_in_its_place():
    # Charles Pratt has no middle name: Edwin may be one his names leave out. Charles Everett
    # Pratt has his own, and a mention's Edwin in its place is another man's.
    resolver = _people(("p:pratt", "Charles Pratt"), ("p:other", "Maria Lopez"))
    everett = _people(("p:pratt", "Charles Everett Pratt"), ("p:other", "Maria Lopez"))
    omitted = resolver.candidates("Charles Edwin Pratt", limit=1)[0]
    conflicting = everett.candidates("Charles Edwin Pratt", limit=1)[0]
    assert dict(omitted.features)["query_unmatched"] < dict(conflicting.features)["query_unmatched"]
    assert conflicting.confidence < omitted.confidence
    # An article between the words met is not a name of its own (Saad al-Otaibi, سعد العتيبي).
    article = _people(("p:otaibi", "Charles al-Pratt"), ("p:other", "Maria Lopez"))
    assert dict(article.candidates("Charles Edwin Pratt", limit=1)[0].features)["query_unmatched"] == \
        pytest.approx(dict(omitted.features)["query_unmatched"])


def test_a_rank_of_nobility_inside_a_name_is_a_title():
    kinds = [t.kind.value for t in tokenise("Anton Graf Hollwede", query=True)]
    assert kinds == ["name", "title", "name"]
    assert [t.kind.value for t in tokenise("Steffi Graf", query=True)] == ["name", "name"]  # a surname
    resolver = _people(("p:hollwede", "Anton Maria Hollwede"), ("p:other", "Maria Lopez"))
    assert resolver.resolve("Anton Graf Hollwede").entity_id == "p:hollwede"


def test_a_middle_name_rule_is_for_persons_only(resolver):
    plain = resolver.candidates("رئيس الروسي", limit=1)[0]
    padded = resolver.candidates("رئيس مجلس الإفتاء الروسي", limit=1)
    assert not padded or padded[0].confidence < plain.confidence - 0.3


def test_the_share_of_belief_does_not_fall_as_more_weak_candidates_are_scored():
    resolver = _people(("p:best", "Tim Fennell"), *((f"p:{i:03d}", f"Person {i:03d}") for i in range(200)))
    best = [("p:best", 1.0)]
    few = resolver._shares(best + [(f"p:{i:03d}", 0.8) for i in range(20)])
    many = resolver._shares(best + [(f"p:{i:03d}", 0.8) for i in range(200)])
    assert few["p:best"] == pytest.approx(many["p:best"]) and few["p:best"] > 0.8


def test_a_rare_spelling_is_proposed_even_when_its_consonant_key_is_common():
    # Syzo, Sousa, Assis, Issa... all have the one-class skeleton S: the spelling tells them apart.
    rows = [("p:syzo", "Lars O. Syzo")] + [(f"p:{i}", f"Lars {name}") for i, name in enumerate(
        ["Sousa", "Assis", "Issa", "Saez", "Sosa", "Essa", "Aziz", "Asa", "Sasse", "Sass"] * 20)]
    resolver = Resolver(_people(*rows).gazetteer, config=dataclasses.replace(Resolver.default().config, candidates=5))
    assert resolver.resolve("Lars Ove Syzo").entity_id == "p:syzo"


def test_a_rare_word_met_by_its_spelling_outranks_near_hits_of_common_keys():
    # "Wendrak" (one name has it) against sixty names met only nearly, a class deleted, by both
    # query words: near hits on keys that many names share are weak evidence, however rare the
    # query word. Before, their two votes crowded the one true name out of the candidates.
    from namematch.normalise import compounds
    rows = [("p:target", "Omar Faruk Nadir Wendrak")] + [(f"p:{i}", f"{a} {b}") for i, (a, b) in enumerate(
        [(a, b) for a in ["Wenrak", "Wedrak", "Wendak", "Endrak"] for b in ["Dal", "Dalum", "Adlu", "Tadlu"]] * 15)]
    index = _people(*rows).index
    tokens = tokenise("Wendrak Sahib", query=True)
    first = index.candidates(tokens, limit=5, compounds=compounds(tokens))[0]
    assert index.names[first].entity.id == "p:target"


def test_titles_vote_for_candidates_no_more_than_they_weigh_in_a_score():
    # Five title words before a rare name: each titled word met a name word like it (Sri and
    # Sari, Datuk and Datko) with the vote of a rare word, and together they crowded the name
    # out of the candidates, though a title weighs little in a name's score.
    from namematch.normalise import compounds
    rows = [("p:target", "Nadir Wendrak")] + [(f"p:{i}", f"{a} {b}") for i, (a, b) in enumerate(
        [(a, b) for a in ["Sari", "Sera", "Tansu", "Tanser"] for b in ["Datko", "Sorey", "Hajo", "Dato"]] * 15)]
    index = _people(*rows).index
    tokens = tokenise("Tan Sri Datuk Seri Haji Wendrak", query=True)
    assert [t.kind.value for t in tokens] == ["title"] * 5 + ["name"]
    first = index.candidates(tokens, limit=5, compounds=compounds(tokens))[0]
    assert index.names[first].entity.id == "p:target"


def test_an_office_title_votes_for_its_role_as_the_word_it_is(resolver):
    # An office word is a title in a mention (الرئيس) and a word of its role's name (رئيس روسيا):
    # met by its own spelling it votes in full. Capped as a title met by its consonants only, it
    # let 64 persons whose words share them (Reis, Rossi) crowd the role out of the candidates.
    words = ["Reis", "Rasi", "Rossi", "Russo", "Rosa", "Ross", "Rusu", "Rose"]
    rows = _rows(resolver.gazetteer) + [(f"p:{i}", "person", f"{a} {b}", "en", "")
                                        for i, (a, b) in enumerate(itertools.product(words, words))]
    crowded = Resolver(Gazetteer.from_rows(rows, source="test"))
    assert crowded.resolve("الرئيس الروسي").entity_id == "role:president-of-russia"


def test_a_generational_suffix_matches_only_itself():
    resolver = _people(("p:ii", "Henry L. Pratt II"), ("p:iii", "Henry Louis Pratt III"))
    assert resolver.resolve("Henry Louis Pratt II").entity_id == "p:ii"
    assert resolver.resolve("Henry Pratt III").entity_id == "p:iii"
    assert resolver.resolve("John Abernathy Jr.") is None or resolver.resolve("John Abernathy Jr.").entity_id != "p:ii"


def test_a_generational_suffix_a_listed_name_lacks_costs_as_a_middle_name():
    # Lists leave a person's own suffix out: Walter B. Jones Jr. is listed as Walter B. Jones.
    # Russian writes Jr. as младший (Ukrainian молодший), a suffix too, not a surname.
    resolver = _people(("p:jones", "Walter B. Jones"), ("p:ii", "Henry L. Pratt II"), ("p:other", "Maria Lopez"))
    for mention in ("Walter B. Jones Jr.", "Уолтер Б. Джонс младший", "Волтер Б. Джонс-молодший"):
        found = resolver.resolve(mention)
        assert found is not None and found.entity_id == "p:jones", mention
    # ... but less than the name alone: it may be the son of the same name.
    assert resolver.resolve("Walter B. Jones Jr.").confidence <= resolver.resolve("Walter B. Jones").confidence
    # Against a name with a suffix, another suffix is another person.
    assert resolver.resolve("Henry L. Pratt Jr.") is None


def test_persons_told_apart_only_by_a_suffix_the_mention_lacks_are_namesakes():
    # "Henry L. Pratt" names Henry L. Pratt II or III: not each nearly surely, but the two
    # together; each with its suffix is its own.
    resolver = _people(("p:ii", "Henry L. Pratt II"), ("p:iii", "Henry L. Pratt III"), ("p:other", "Maria Lopez"))
    first, second = resolver.candidates("Henry L. Pratt", limit=2)
    assert first.namesakes == (second.entity_id,) and first.confidence + second.confidence <= first.with_namesakes + 1e-9
    assert first.with_namesakes > 0.9 and first.confidence < 0.6
    for mention, expected in (("Henry L. Pratt II", "p:ii"), ("Henry Pratt III", "p:iii")):
        found = resolver.resolve(mention)
        assert found.entity_id == expected and found.namesakes == () and found.confidence > 0.9


def test_the_similarity_matrix_is_the_pairwise_similarity(resolver):
    """similarity_matrix computes token_similarity for many pairs at once: the same figures for
    every kind of word (Arabic with clitics, offices and countries, initials, particles)."""
    from namematch.normalise import tokenise
    from namematch.scoring import similarity_matrix, token_similarity
    words = ("وزير الدفاع الروسي وحفتر لبوتين بالرئاسة والمصري ministre russe de la Défense V. Poutine "
             "Abd al-Rahman ibn Saud M. Haftar Сергей Шойгу président égyptien Forces armées FAAL وفدا جيراسيموف")
    queries = tokenise(words, query=True)
    names = sorted({token for indexed in resolver.index.names for token in indexed.tokens}, key=lambda t: t.text)
    matrix = similarity_matrix(queries, names, resolver.config)
    for a, query in enumerate(queries):
        for b, name in enumerate(names):
            assert matrix[a, b] == pytest.approx(token_similarity(query, name, resolver.config), abs=1e-9), (query.text, name.text)


def test_a_cyrillic_word_meets_the_vowels_a_latin_one_is_heard_with():
    # Russian writes an English name's vowels as heard (Stanley Стэнли, the a as э): a vowel
    # variant of its reading by ear, as Usman is of Osman. Pairwise and all at once alike.
    from namematch.normalise import tokenise
    from namematch.scoring import similarity_matrix, token_similarity
    resolver = _people(("p:stanley", "John Stanley"), ("p:stennis", "John C. Stennis"))
    assert resolver.resolve("Джон Стэнли").entity_id == "p:stanley"
    (cyrillic,), (latin,) = tokenise("Стэнли", query=True), tokenise("Stanley")
    pairwise = token_similarity(cyrillic, latin, resolver.config)
    assert pairwise >= resolver.config.vowel_variant_similarity
    assert similarity_matrix([cyrillic], [latin], resolver.config)[0, 0] == pytest.approx(pairwise)


def test_an_institution_answers_to_its_initials_spelled_exactly():
    rows = [("o:lifg", "org", "Libyan Islamic Fighting Group", "en", ""),
            ("o:fprt", "org", "Front Populaire Révolutionnaire Tunisien", "fr", ""),
            ("p:lift", "person", "Lift Gordon", "en", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    assert resolver.resolve("LIFG").entity_id == "o:lifg"
    assert resolver.resolve("FPRT").entity_id == "o:fprt"
    # An acronym is spelled letter by letter: a word that merely sounds alike does not meet it.
    assert all(not c.pairs for c in resolver.candidates("Lifag", limit=5) if c.matched_name == "LIFG")


def test_an_acronym_and_a_word_of_the_same_letters_are_told_apart():
    """OMAR, the acronym of an institution, and Omar, a person's given name, are the same letters;
    a mention meets the word by its sound (Ommar) and the acronym only by its letters."""
    rows = [("o:omar", "org", "Office Maritime Arabe Régional", "fr", ""),
            ("p:omar", "person", "Omar Belkacem", "fr", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    for mention in ("Ommar", "Ommar Belkacem"):
        candidates = resolver.candidates(mention, limit=5)
        assert candidates[0].entity_id == "p:omar"
        assert all(not c.pairs for c in candidates if c.matched_name == "OMAR")
    assert resolver.resolve("OMAR").entity_id in {"o:omar", "p:omar"}
    assert any(c.pairs for c in resolver.candidates("OMAR", limit=5) if c.matched_name == "OMAR")


def test_a_listed_acronym_is_its_letters_in_latin_and_spelled_out_elsewhere():
    """An acronym an institution lists (ORELI) meets a Latin mention only as the same letters: a
    longer word that sounds alike (Aurélien) is someone's name, not the institution. A mention in
    Cyrillic or Arabic letters spells the acronym out, and meets it by its sound."""
    rows = [("o:oreli", "org", "Office Régional de Liaison", "fr", ""),
            ("o:oreli", "org", "ORELI", "fr", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    assert resolver.resolve("Aurélien") is None
    assert all(not c.pairs for c in resolver.candidates("Aurélien", limit=5))
    for mention in ("ORELI", "l'ORELI", "Oreli", "ОРЕЛИ", "أوريلي"):
        assert resolver.resolve(mention).entity_id == "o:oreli", mention


def test_a_name_in_reverse_order_costs_where_the_match_is_mediocre():
    resolver = _people(("p:alun", "Alun Grant"), ("p:ada", "Ada Lovelace"))
    crossed = resolver.candidates("Grant Allen", limit=1)[0]
    in_order = resolver.candidates("Allen Grant", limit=1)[0]
    assert crossed.entity_id == in_order.entity_id == "p:alun"
    assert dict(crossed.features)["crossed"] > 0 == dict(in_order.features)["crossed"]
    assert crossed.confidence < in_order.confidence - 0.2
    # A comma says the order: "Surname, Given" is read as "Given Surname".
    assert resolver.resolve("Lovelace, Ada").confidence > 0.9
    assert resolver.resolve("Grant, Alun").confidence > 0.9


def test_vowels_that_arabic_writes_must_be_in_the_latin_spelling():
    """Arabic writes its long vowels and leaves short ones out: the ي of كاسيدي are the i and y of
    Cassidy, which Kasad lacks, while Cassidy's short a is one Arabic need not write."""
    from namematch.normalise import tokenise
    from namematch.scoring import token_similarity
    config = Resolver.default().config
    (cassidy_ar,) = tokenise("كاسيدي", query=True)
    (cassidy,), (kasad,) = tokenise("Cassidy"), tokenise("Kasad")
    assert token_similarity(cassidy_ar, cassidy, config) > token_similarity(cassidy_ar, kasad, config) + 0.03
    resolver = _people(("p:cassidy", "Edward Cassidy"), ("p:kasad", "Edward Kasad"))
    assert resolver.resolve("إدوارد كاسيدي").entity_id == "p:cassidy"


def test_an_opening_alef_or_ayn_meets_an_opening_vowel_of_any_kind():
    """Arabic writes a word's opening vowel with an alef or an ayn whatever vowel it is: Umar and
    Omar are عمر, Ubayd and Obeid عبيد, Usama أسامة, nearly as well as a spelling with a would be
    (it meets the a the Arabic key writes). An opening و is not any vowel."""
    from namematch.scoring import token_similarity
    config = Resolver.default().config
    for latin, arabic in (("Omar", "عمر"), ("Umar", "عمر"), ("Obeid", "عبيد"), ("Usama", "أسامة")):
        (query,), (name,) = tokenise(arabic, query=True), tokenise(latin)
        assert token_similarity(query, name, config) >= 0.82, latin
    (waw,), (ezra,) = tokenise("وزرا", query=True), tokenise("Ezra")
    assert token_similarity(waw, ezra, config) < token_similarity(*tokenise("عزرا", query=True), ezra, config)


def test_a_surname_written_with_its_particle_as_one_word_meets_it():
    resolver = _people(("p:lebrun", "Jean-Luc Le Brun"), ("p:lebris", "Jean Le Bris"), ("p:brun", "Luc Brun"))
    assert resolver.resolve("جان لوك لوبران").entity_id == "p:lebrun"


def test_french_names_meet_their_russian_and_arabic_respellings():
    """Russian and Arabic writers respell French names by ear: silent final letters, j as ж."""
    resolver = _people(("p:boyer", "Michel Boyer"), ("p:boyle", "Michel Boyle"), ("p:wauquiez", "Arnaud Vauquiez"),
                       ("p:mitterrand", "Francis Mitterrand"), ("p:richard", "Alain Richelot"),
                       ("p:rich", "Alan Rich"))
    assert resolver.resolve("Мишель Бойе").entity_id == "p:boyer"
    assert resolver.resolve("Арно Вокье").entity_id == "p:wauquiez"
    assert resolver.resolve("فرنسوا ميتران").entity_id == "p:mitterrand"
    assert resolver.resolve("Ален Ришло").entity_id == "p:richard"


def test_english_names_meet_their_russian_and_arabic_respellings():
    """English long vowels, ou and short u are respelled by sound: Нейлор, Бауден, Райтсон."""
    resolver = _people(("p:taylor", "Ian Naylor"), ("p:tiller", "Ian Niller"), ("p:brown", "Hugh Bowden"),
                       ("p:bruno", "Hugo Bruno"), ("p:wright", "Neil Wrightson"), ("p:rita", "Neil Rita"))
    assert resolver.resolve("Йен Нейлор").entity_id == "p:taylor"
    assert resolver.resolve("Хью Бауден").entity_id == "p:brown"
    assert resolver.resolve("Нил Райтсон").entity_id == "p:wright"
    assert resolver.resolve("نيل رايتسون").entity_id == "p:wright"


def test_a_french_reading_is_not_compared_with_other_latin_spellings():
    from namematch.normalise import tokenise
    from namematch.scoring import token_similarity
    config = Resolver.default().config
    (jean,), (zhan,), (cyrillic,) = tokenise("Jean"), tokenise("Zhan"), tokenise("Жан", query=True)
    assert token_similarity(cyrillic, jean, config) == 1.0  # Жан is Jean read as French
    assert token_similarity(zhan, jean, config) < 0.8  # but Zhan is another Latin spelling


def test_the_arabic_article_spelled_as_letters_meets_other_scripts_only(resolver):
    from namematch.normalise import tokenise
    from namematch.scoring import similarity_matrix, token_similarity

    # الجنوب (the south) and النواب (the deputies) share their article, not a name.
    south, deputies = tokenise("الجنوب", query=True)[0], tokenise("النواب")[0]
    assert token_similarity(south, deputies, resolver.config) < 0.8
    assert similarity_matrix([south], [deputies], resolver.config)[0, 0] < 0.8
    # A foreign name may still begin with the letters of the article.
    alain, = tokenise("الان", query=True)
    assert token_similarity(alain, tokenise("Alain")[0], resolver.config) > 0.85


def test_different_words_on_both_sides_are_evidence_against(resolver):
    # "Khalifa bin Zayed" shares Khalifa with Khalifa Haftar; each side has a name the other lacks.
    found = resolver.candidates("Khalifa bin Zayed", limit=1)[0]
    assert dict(found.features)["both_unmatched"] > 0.1
    assert dict(found.contributions)["both_unmatched"] < 0
    assert resolver.resolve("Khalifa bin Zayed") is None
    haftar = resolver.candidates("Khalifa Haftar", limit=1)[0]
    assert dict(haftar.features)["both_unmatched"] == 0.0


@pytest.mark.parametrize("short, long", [("Aziz", "Abdelaziz"), ("Karim", "Abdul Karim"), ("Nasir", "Nasiruddin"),
                                         ("Hamid", "عبد الحميد"), ("عزيز", "Abd al-Aziz")])
def test_a_theophoric_name_meets_its_stem_alone(short, long):
    """Aziz is what Abdelaziz is called, Nasir Nasiruddin: the stem of a name with a theophoric
    element is its usual short form, on either side, in the similarity, the matrix and the index."""
    from namematch.normalise import tokenise
    from namematch.scoring import similarity_matrix, token_similarity
    config = DEFAULT_CONFIG
    short_word, = tokenise(short, query=True)
    long_word, = tokenise(long, query=True)
    for query, name in ((short_word, long_word), (long_word, short_word)):
        similarity = token_similarity(query, name, config)
        assert similarity >= 0.8
        assert similarity_matrix([query], [name], config)[0, 0] == pytest.approx(similarity, abs=1e-9)
    resolver = _people(("p:long", f"{long} Zerrouki"), ("p:short", f"{short} Belkadi"))
    assert resolver.index.names_met(tokenise(short)).tolist() == [0, 1]
    assert resolver.resolve(f"{short} Zerrouki").entity_id == "p:long"
    assert resolver.resolve(f"{long} Belkadi").entity_id == "p:short"


def test_a_stem_alone_is_no_short_form_of_another_name_or_a_syllable():
    from namematch.normalise import short_form_keys, tokenise
    from namematch.scoring import token_similarity
    config = DEFAULT_CONFIG
    aziz, = tokenise("Aziz", query=True)
    assert token_similarity(aziz, tokenise("Abdelkarim")[0], config) < 0.5
    # An ending like -ala (Jamala) leaves a syllable, no name: no short form.
    assert short_form_keys(tokenise("Jamala")[0]) == ()
    assert token_similarity(tokenise("Jam", query=True)[0], tokenise("Jamala")[0], config) < 0.7


def test_names_sharing_a_theophoric_element_are_told_apart_by_the_rest(resolver):
    from namematch.normalise import theophoric_stem, tokenise
    from namematch.scoring import similarity_matrix, token_similarity

    assert theophoric_stem("hamidula") == "hamid" and theophoric_stem("abdula") == ""
    config = resolver.config
    obaid, = tokenise("Obaidullah", query=True)
    for other, name in ((tokenise("Ubaidullah")[0], "same"), (tokenise("Hamidullah")[0], "other")):
        similarity = token_similarity(obaid, other, config)
        assert similarity == similarity_matrix([obaid], [other], config)[0, 0]
        assert (similarity >= 0.8) is (name == "same")
    # -uddin, Abd- and the Arabic forms alike.
    salah, = tokenise("Salahuddin", query=True)
    assert token_similarity(salah, tokenise("Nasiruddin")[0], config) < 0.5
    abd, = tokenise("عبدالصمد", query=True)
    assert token_similarity(abd, tokenise("عبدالسلام")[0], config) < 0.7
    assert token_similarity(abd, tokenise("Abdulsamad")[0], config) > 0.83


def test_of_namesakes_matched_equally_the_one_named_in_more_languages_comes_first():
    rows = [("p:a-abernathy", "person", "John Abernathy", "en", ""),
            ("p:b-abernathy", "person", "John Abernathy", "en", ""),
            ("p:b-abernathy", "person", "John Abernathy", "fr", ""),
            ("p:b-abernathy", "person", "John Abernathy", "de", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    first, second = resolver.candidates("Джон Абернати", limit=2)
    assert (first.entity_id, second.entity_id) == ("p:b-abernathy", "p:a-abernathy")
    # Only the order of equals: both keep the same confidence.
    assert first.confidence == second.confidence


_ARMED_GROUPS = [("o:sfn", "org", "Sahel Fighting Network", "en", ""),
                 ("o:jts", "org", "جبهة تحرير الساحل", "ar", ""),
                 ("o:sg", "org", "Sahel Group", "en", ""),
                 ("o:other", "org", "جبهة الإنقاذ", "ar", ""),
                 ("p:sahel", "person", "Omar Sahel", "en", "")]


@pytest.mark.parametrize("mention, expected", [
    # A translation meets each word by its concept: شبكة network, المقاتلة fighting.
    ("شبكة الساحل المقاتلة", "o:sfn"),
    ("Réseau combattant du Sahel", "o:sfn"),
    ("Sahel Liberation Front", "o:jts"),
    # A transliteration meets an institution's concept words (جبهة, تحرير) by their spelling.
    ("Jabhat Tahrir al-Sahel", "o:jts"),
])
def test_an_institution_is_found_from_its_name_translated_or_transliterated(mention, expected):
    assert _answer(_ARMED_GROUPS, mention) == expected


def _answer(rows, mention):
    """The id of the entity ``mention`` resolves to over a gazetteer of ``rows``, or None."""
    found = Resolver(Gazetteer.from_rows(rows, source="test")).resolve(mention)
    return found and found.entity_id


def test_words_read_as_one_vote_with_the_rarity_of_the_name_word_they_meet():
    from namematch.normalise import compounds, tokenise

    # Tarik and Oğlu are common apart; Tarikoğlu, which Arabic writes as two words, is rare.
    givens = ["Selim", "Kerem", "Murat", "Orhan", "Baris", "Cengiz", "Emre", "Tuncay", "Volkan", "Hakan"]
    rows = [(f"p:tarik{i}", "person", f"Tarik {g}{i}", "en", "") for i, g in enumerate(givens * 8)]
    rows += [(f"p:oglu{i}", "person", f"{g}{i} Oğlu", "en", "") for i, g in enumerate(givens * 8)]
    rows += [(f"p:kemal{i}", "person", f"Kemal {g}{i}", "en", "") for i, g in enumerate(givens * 8)]
    rows += [(f"p:kemal-oglu{i}", "person", "Kemal Oğlu", "en", "") for i in range(10)]
    rows += [("p:kemal-tarikoglu", "person", "Kemal Tarikoğlu", "en", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    tokens = tokenise("كمال طارق أوغلو", query=True)
    first = resolver.index.candidates(tokens, limit=5, compounds=compounds(tokens))[0]
    assert resolver.index.names[first].entity.id == "p:kemal-tarikoglu"


def test_latin_spellings_that_write_the_same_short_vowels_differently_meet_closely():
    """Conventions write Arabic's three short vowels with different letters (a or e, i or e,
    u or o): Osman and Usman are one name. A against i are two vowels (Nazar, Nazir), and English
    vowels are not short vowels of Arabic written two ways (Kelly, Kyle; Bill, Bell). Cyrillic
    writes its vowels too, by a convention of its own: Мухаммед and Mohammed, Осман and Usman."""
    from namematch.normalise import tokenise
    from namematch.scoring import similarity_matrix, token_similarity
    config = Resolver.default().config
    alike = [("Osman", "Usman"), ("Selim", "Salim"), ("Mohammed", "Muhammad"), ("Obaidullah", "Ubaidullah"),
             ("Мухаммед", "Mohammed"), ("Осман", "Usman"), ("Ахмед", "Ahmad"), ("Усман", "Осман")]
    apart = [("Nazar", "Nazir"), ("Kelly", "Kyle"), ("Bill", "Bell"), ("Назар", "Nazir"), ("Келли", "Kyle")]
    for first, second in alike + apart:
        (query,), (name,) = tokenise(first, query=True), tokenise(second)
        pairwise = token_similarity(query, name, config)
        assert similarity_matrix([query], [name], config)[0, 0] == pytest.approx(pairwise)
        if (first, second) in alike:
            assert pairwise == pytest.approx(config.vowel_variant_similarity), (first, second)
        else:
            assert pairwise < config.vowel_variant_similarity - 0.05, (first, second)


def test_the_best_answer_is_the_most_probable_one():
    """Candidates are ranked by their probability, not by the raw score: a name that covers
    the mention in reverse order scores higher but, where the calibration weighs the crossing
    (here a calibration of two features, so that the fitted weights of the day do not decide),
    is the less likely answer."""
    from namematch.resolver import Calibration
    people = _people(("p:reversed", "Zaman Tarek Farid"), ("p:in_order", "Farid Tarek Farid Hosseini"),
                     ("p:other", "Maria Lopez"))
    resolver = Resolver(people.gazetteer, calibration=Calibration(0.0, (("score", 4.0), ("crossed", -20.0))))
    found = resolver.candidates("Farid Tarek", limit=2)
    assert found[0].entity_id == "p:in_order" and found[0].score < found[1].score
    assert found[0].confidence >= found[1].confidence


def test_two_words_read_as_one_are_credited_only_well_above_the_floor():
    """Joined, two words are long enough to meet many long words fuzzily: a pair with a compound
    is credited for its similarity above ``joined_floor``, not ``similarity_floor``. Written
    apart, a name written as one word still meets it in full."""
    resolver = _people(("p:long", "K. Santarella"), ("p:compound", "Ahmet Karaosmanoğlu"), ("p:other", "Maria Lopez"))
    config = resolver.config
    joined = resolver.candidates("Santo Rella", limit=1)[0]
    ((_query, _name, similarity, *_keys),) = joined.pairs
    assert config.similarity_floor < config.joined_floor < similarity < 1.0
    credit = (similarity - config.joined_floor) / (1.0 - config.joined_floor)
    assert dict(joined.features)["query_coverage"] == pytest.approx(credit, abs=0.01)
    apart = resolver.candidates("Ahmet Karaosman Oğlu", limit=1)[0]
    assert apart.entity_id == "p:compound" and dict(apart.features)["query_coverage"] == pytest.approx(1.0)


def test_a_weak_pair_of_words_beside_a_strong_one_costs():
    """A given name met exactly and a surname met poorly is most often a namesake: the
    weakest pair is a feature of its own, and it lowers the probability."""
    resolver = _people(("p:dalton", "Harvey Dalton"), ("p:other", "Maria Lopez"))
    exact = resolver.candidates("Harvey Dalton", limit=1)[0]
    weak = resolver.candidates("Harvey Walton", limit=1)[0]
    assert weak.entity_id == "p:dalton"
    assert dict(exact.features)["weakest"] == 0.0 < dict(weak.features)["weakest"]
    assert dict(weak.contributions)["weakest"] < 0.0 == dict(exact.contributions)["weakest"]


def test_a_pair_of_words_that_opens_on_another_sound_costs():
    """Names keep their first sound: Ressider is nearer Tressider in letters than Dressider is,
    but it lacks the t, where Dressider opens on a consonant of the same class (t d)."""
    resolver = _people(("p:tressider", "Colm Tressider"), ("p:other", "Maria Lopez"))
    exact, alike, other = (resolver.candidates(mention, limit=1)[0]
                           for mention in ("Colm Tressider", "Colm Dressider", "Colm Ressider"))
    assert exact.entity_id == alike.entity_id == other.entity_id == "p:tressider"
    assert dict(exact.features)["onset"] == dict(alike.features)["onset"] == 0.0 < dict(other.features)["onset"]
    assert dict(other.contributions)["onset"] < 0.0


@pytest.mark.parametrize(("first", "second", "alike"), [
    ("Tressider", "Dressider", True),   # t and d: one consonant class
    ("Tressider", "Ressider", False),
    ("Halbrook", "Albrook", True),        # h may be silent
    ("Jolivette", "Жоливет", True),        # French j, heard as ж
    ("Knightly", "Найтли", True),       # a silent k
    ("Knightly", "Кнабе", True),        # or not
    ("Spaulding", "Паулдинг", False),
])
def test_which_words_open_alike(first, second, alike):
    (word,), (other,) = tokenise(first, query=True), tokenise(second)
    assert opens_alike(word, other) is alike


def test_an_initial_does_not_stand_for_the_surname_written_after_it():
    # Peter K. Lindqvist has a middle initial and a surname; Peter Kowalczyk's surname is not
    # that initial, whatever its first letter.
    resolver = _people(("p:lindqvist", "Peter K. Lindqvist"), ("p:other", "Anna Berg"))
    kowalczyk = resolver.candidates("Peter Kowalczyk", limit=1)[0]
    assert all(pair[1] != "k" for pair in kowalczyk.pairs)  # (query words, name words, ...)
    assert resolver.resolve("Peter Kowalczyk") is None
    # An initial still stands for a given or middle name.
    assert resolver.resolve("P. Lindqvist").entity_id == "p:lindqvist"
    assert resolver.resolve("Peter Karl Lindqvist").entity_id == "p:lindqvist"


def test_a_middle_initial_does_not_stand_for_the_given_name_of_the_other_side():
    # Kevin's middle initial is not the given name of a Karl, an Arabic Kamal or a Latin
    # mention whose own given name goes unmatched; Kevin's given name is.
    resolver = _people(("p:lindqvist", "Kevin K. Lindqvist"), ("p:other", "Anna Berg"))
    for mention in ("Karl Lindqvist", "كمال ليندكفيست"):
        found = resolver.candidates(mention, limit=1)[0]
        assert all(pair[1] != "k" for pair in found.pairs), mention
    assert resolver.resolve("Kevin Lindqvist").entity_id == "p:lindqvist"
    assert resolver.resolve("K. K. Lindqvist").entity_id == "p:lindqvist"


def test_english_j_before_e_is_a_consonant_in_latin_and_in_russian_respellings():
    resolver = _people(("p:jessop", "Martin Jessop"), ("p:essop", "Martin Essop"))
    assert resolver.resolve("Мартин Джессоп").entity_id == "p:jessop"
    assert resolver.resolve("مارتن جيسوب").entity_id == "p:jessop"


def test_letters_read_two_ways_meet_both_spellings():
    """An Arabic ayn inside a word is a vowel or nothing: سعد is Saad rather than Sid, and
    دعدع two syllables, Dada. Czech ř is rzh as Russian writes it and r as English does
    (Dvořák: Дворжак, Dvorak)."""
    resolver = _people(("p:saad", "Saad Kharouf"), ("p:sid", "Sid Kharouf"), ("p:dada", "Nabil Dada"),
                       ("p:dan", "Nabil Dan"), ("p:dvorak", "Petr Dvořák"), ("p:dvorsky", "Petr Dvorský"))
    for mention, expected in (("سعد خروف", "p:saad"), ("نبيل دعدع", "p:dada"), ("Петр Дворжак", "p:dvorak"),
                              ("Petr Dvorak", "p:dvorak")):
        found = resolver.resolve(mention)
        assert found is not None and found.entity_id == expected and found.confidence > 0.95, (mention, found)


def test_a_function_word_opening_a_persons_name_is_its_given_name():
    """Les and Des (Leslie, Desmond) are articles in French, given names in English: a Cyrillic
    Лес meets the Les of a person's name, a Latin mention keeps its article, and an
    institution's article and a particle (de Gaulle) are what they were."""
    resolver = _people(("p:pardew", "Les Pardew"), ("p:whitcombe", "Des Whitcombe"))
    for mention, expected in (("Лес Пардью", "p:pardew"), ("Les Pardew", "p:pardew"), ("Дес Уиткомб", "p:whitcombe"),
                              ("Des Whitcombe", "p:whitcombe")):
        found = resolver.resolve(mention)
        assert found is not None and found.entity_id == expected and found.confidence > 0.85, (mention, found)
    assert [t.kind for t in tokenise("Les Pardew")] == [PartKind.NAME, PartKind.NAME]
    assert tokenise("Les Pardew", query=True)[0].kind is PartKind.FUNCTION
    assert tokenise("Les Nations unies", concepts=True)[0].kind is PartKind.FUNCTION
    assert tokenise("De Gaulle")[0].kind is not PartKind.NAME
    # A word by word comparison and the matrix of them agree on it.
    from namematch.scoring import similarity_matrix, token_similarity
    (article, _), (given, _) = tokenise("Les Pardew", query=True), tokenise("Les Pardew")
    config = resolver.config
    assert token_similarity(article, given, config) == similarity_matrix([article], [given], config)[0, 0] == 1.0


def test_equal_skeletons_are_told_apart_by_their_spellings():
    """Zuhri and Zuhra have the consonants of الزهري alike; the spelling that writes its final
    vowel is the nearer, pair by pair and in the matrix alike."""
    from namematch.scoring import similarity_matrix, token_similarity
    config = Resolver.default().config
    for arabic, near, far in (("الزهري", "Zuhri", "Zuhra"), ("الحلبي", "Halabi", "Halaba")):
        (query,) = tokenise(arabic, query=True)
        names = [tokenise(near)[0], tokenise(far)[0]]
        pairwise = [token_similarity(query, name, config) for name in names]
        assert pairwise == pytest.approx(similarity_matrix([query], names, config)[0].tolist())
        assert pairwise[0] > pairwise[1]


def test_two_arabic_spellings_are_no_nearer_than_their_letters_allow():
    """The keys romanise: ت then ح read as th, and د and ت are one consonant class, so وفد
    (delegation) and فتح (Fatah) share a skeleton. Between two Arabic spellings the keys exceed
    the letters' similarity by a margin only; two writers' spellings of one name (غيراسيموف,
    جيراسيموف) stay near. Pair by pair and in the matrix alike."""
    from namematch.scoring import similarity_matrix, token_similarity
    config = Resolver.default().config
    for query_text, name_text, near in (("وفدا", "فتح", False), ("جيراسيموف", "غيراسيموف", True)):
        (query,) = tokenise(query_text, query=True)
        (name,) = tokenise(name_text)
        pairwise = token_similarity(query, name, config)
        assert pairwise == pytest.approx(similarity_matrix([query], [name], config)[0, 0])
        assert (pairwise > 0.8) if near else (pairwise < config.similarity_floor)
    assert Resolver.default().resolve("وفدا من الحركة") is None


def test_a_final_kh_is_a_consonant():
    """A final خ is heard (إيمريخ is Emmerich rather than Emmery), and a German final ch is that
    sound too (Эммерих); a Russian final х also writes an Arabic ح, silent at the end in Latin
    spellings (Рабах, Rabah), as a final h after a vowel is (Abdullah)."""
    from namematch.scoring import token_similarity
    config = Resolver.default().config
    (emmerich,), (emmery,) = tokenise("Emmerich"), tokenise("Emmery")
    (arabic,), (russian,) = tokenise("إيمريخ", query=True), tokenise("Эммерих", query=True)
    assert token_similarity(arabic, emmerich, config) > token_similarity(arabic, emmery, config) + 0.05
    assert token_similarity(russian, emmerich, config) == 1.0
    assert token_similarity(tokenise("Рабах", query=True)[0], tokenise("Rabah")[0], config) == 1.0
    assert tokenise("شيخ", query=True)[0].keys[0][0] != tokenise("شي", query=True)[0].keys[0][0]
    assert tokenise("Abdullah")[0].keys[0][0] == "abdula"


def test_a_slavic_c_with_a_hacek_is_never_k():
    """č and ć are the ch of ч and تش, not the k that a Latin ch may be."""
    from namematch.scoring import token_similarity
    config = Resolver.default().config
    (name,) = tokenise("Rakočević")
    assert [key[0] for key in name.keys] == ["rakoshevish"]
    assert token_similarity(tokenise("Ракочевич", query=True)[0], name, config) == 1.0


def test_a_country_adjective_in_an_institution_name_is_one_word_in_every_language():
    """The country of an institution (countries.tsv) meets its adjective in another language:
    the Yemeni and the Somali movement of the same name are told apart by it."""
    rows = [("o:yem", "org", "Yemeni Reform Movement", "en", ""),
            ("o:som", "org", "Somali Reform Movement", "en", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    assert resolver.resolve("حركة الإصلاح اليمنية").entity_id == "o:yem"
    assert resolver.resolve("Mouvement de réforme somalien").entity_id == "o:som"
    assert resolver.resolve("Движение реформ Йемена").entity_id == "o:yem"


def test_another_countrys_office_is_not_the_office_listed(resolver):
    """A role named with another country's word is another role: the Saudi defence minister is
    not Russia's, though every other word of the two names agrees. The conflict costs both
    coverages, which the calibration weighs, and not the score alone."""
    assert resolver.resolve("Russian Defence Minister", at="2025-06-01").entity_id == "role:minister-of-defence-of-russia"
    assert resolver.resolve("Saudi Defence Minister", at="2025-06-01") is None
    assert resolver.resolve("ministre saoudien de la Défense", at="2025-06-01") is None
    conflicted = resolver.candidates("Saudi Defence Minister", limit=1)[0]
    assert dict(conflicted.features)["query_coverage"] < 0.5


def test_li_before_the_article_is_of_the_in_an_institution_name():
    """ل before the article is written لل (the alef of ال drops): للجيش is "of the army" wherever
    it stands in a name, on the gazetteer's side and the mention's."""
    assert "&army" in [token.native for token in tokenise("قائد للجيش", concepts=True)]
    rows = [("r:chief", "role", "Commander of the Syrian Army", "en", ""),
            ("o:army", "org", "Syrian Army", "en", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    assert resolver.resolve("القائد العام للجيش السوري").entity_id == "r:chief"
    assert resolver.resolve("الجيش السوري").entity_id == "o:army"


def test_another_office_of_the_same_country_is_not_the_office_listed(resolver):
    """The Turkish foreign minister is not the President of Turkey: the country agrees, the
    office words (ministre, président) do not, and the role keeps a share of its coverages for
    each (office_missing_factor, office_conflict_factor)."""
    assert resolver.resolve("président turc", at="2024-06-01").entity_id == "role:president-of-turkey"
    assert resolver.resolve("ministre turc des Affaires étrangères", at="2024-06-01") is None
    assert resolver.resolve("Turkish foreign minister", at="2024-06-01") is None


def test_an_acronym_stands_for_its_institutions_name_in_a_longer_mention(resolver):
    found = resolver.resolve("LNA commander", at="2025-11-20")
    assert found.entity_id == "role:commander-of-libyan-national-army"
    assert found.holder.entity_id == "person:khalifa-haftar"
    assert any(pair[0] == "lna" for pair in found.pairs)  # the acronym is shown met
    assert resolver.resolve("LNA").entity_id == "org:libyan-national-army"  # alone, the institution



def test_a_country_named_alone_is_not_its_institution_or_its_office():
    """A mention that meets only the country of a role's or an institution's name names the
    country: not its president, its armed forces or its council. With the role's or the
    institution's own words it names them; a country the gazetteer lists is all country words."""
    rows = [("r:pres", "role", "President of the United Arab Emirates", "en", ""),
            ("o:army", "org", "Armed Forces of the Russian Federation", "en", ""),
            ("o:council", "org", "Security Council of the Russian Federation", "en", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    assert resolver.resolve("Émirats arabes unis") is None
    assert resolver.resolve("الإمارات العربية المتحدة") is None
    assert resolver.resolve("la Russie") is None
    assert resolver.resolve("Russland") is None
    assert resolver.resolve("président émirien").entity_id == "r:pres"
    assert resolver.resolve("forces armées russes").entity_id == "o:army"
    listed = Resolver(Gazetteer.from_rows([*rows, ("c:uae", "org", "United Arab Emirates", "en", "")], source="test"))
    assert listed.resolve("Émirats arabes unis").entity_id == "c:uae"


_NOT_ANSWERS = [("o:kremlin", "org", "Moscow Kremlin", "en", ""),
                ("o:council", "org", "Benghazi Municipal Council", "en", ""),
                ("o:gc", "org", "Staff General Command", "en", ""),
                ("p:ks", "person", "Karim al-Sheikh", "en", ""),
                ("o:llc", "org", "Levant Liberation Committee", "en", ""),
                ("r:chair", "role", "Chairman of the Government of Libya", "en", ""),
                ("r:chair", "role", "رئيس الحكومة الليبية", "ar", "")]


@pytest.mark.parametrize("mention, expected", [
    ("Moskau", None),  # a city alone is not the institution named after it
    ("Bengasi", None),
    ("le Kremlin", "o:kremlin"),
    ("conseil municipal de Benghazi", "o:council"),
    ("the general", None),  # titles alone name a person by rank, not an institution with the word
    ("le général", None),
    ("General Command", "o:gc"),
    ("al-Sheikh", "p:ks"),  # a person whose name has the word keeps it
    ("le Levant", None),  # so is a region
    ("Levant Liberation Committee", "o:llc"),
    ("the Libyan government", None),  # the institution an office is of, not the office
    ("الحكومة الليبية", None),
    ("le gouvernement libyen", None),
    ("the chairman of the Libyan government", "r:chair"),
    ("رئيس الحكومة الليبية", "r:chair"),
    ("le président du gouvernement libyen", "r:chair"),
])
def test_a_place_a_title_or_an_office_s_institution_alone_names_no_institution_or_role(mention, expected):
    assert _answer(_NOT_ANSWERS, mention) == expected


def test_the_garbage_collector_is_paused_while_resolving_and_restored_after(resolver, monkeypatch):
    import gc
    seen = []
    score = Resolver._score

    def spy(self, mention, limit):
        seen.append(gc.isenabled())
        if mention == "boom":
            raise RuntimeError(mention)
        return score(self, mention, limit)

    monkeypatch.setattr(Resolver, "_score", spy)
    assert gc.isenabled()
    assert resolver.resolve("Khalifa Haftar").entity_id == "person:khalifa-haftar"
    assert seen and not any(seen) and gc.isenabled()
    with pytest.raises(RuntimeError):
        resolver.resolve("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        resolver.resolve("Haftar")
        assert not gc.isenabled()  # a caller's own setting is left as it was
    finally:
        gc.enable()


def test_namesakes_share_the_probability_that_the_mention_names_one_of_them():
    # Two persons of the same name: the words cannot tell them apart, so each is as likely as a
    # coin toss, not as likely as one alone would be; together they are the likely answer.
    resolver = _people(("p:first", "Tobias Wrenfield"), ("p:second", "Tobias Wrenfield"),
                       ("p:other", "Maria Lopez"))
    first, second = resolver.candidates("Tobias Wrenfield", limit=2)
    assert {first.entity_id, second.entity_id} == {"p:first", "p:second"}
    assert first.namesakes == (second.entity_id,) and second.namesakes == (first.entity_id,)
    assert first.confidence == pytest.approx(second.confidence)
    assert first.confidence + second.confidence == pytest.approx(first.with_namesakes)
    assert first.with_namesakes > 0.9 and first.confidence < 0.5
    # resolve() answers the first of them, with its own confidence and its namesakes.
    answer = resolver.resolve("Tobias Wrenfield")
    assert answer is not None and answer.entity_id == first.entity_id and answer.confidence < resolver.threshold
    assert "namesakes" in answer.explain() and answer.to_dict()["namesakes"] == [second.entity_id]
    # The explanation still adds up to the confidence given.
    assert 1 / (1 + math.exp(-sum(c for _n, c in answer.contributions))) == pytest.approx(answer.confidence)
    # A person alone of the name has no namesakes.
    alone = _people(("p:first", "Tobias Wrenfield"), ("p:other", "Maria Lopez")).resolve("Tobias Wrenfield")
    assert alone is not None and alone.namesakes == () and alone.confidence > 0.9


def test_namesakes_rank_by_the_probability_that_the_mention_names_one_of_them():
    # Four persons of one name split its probability four ways; a fifth of another name, met
    # less well, is still less likely than the four together, and is not the answer.
    resolver = _people(*[(f"p:{i}", "Tobias Wrenfield") for i in range(1, 5)], ("p:other", "Tobias Wrenfeld"),
                       ("p:far", "Maria Lopez"))
    found = resolver.candidates("Tobias Wrenfild", limit=5)
    assert [r.entity_id for r in found[:4]] == ["p:1", "p:2", "p:3", "p:4"] and found[4].entity_id == "p:other"
    assert found[4].confidence > found[0].confidence and found[0].with_namesakes > found[4].confidence
    assert resolver.resolve("Tobias Wrenfild").entity_id == "p:1"


def test_an_office_named_without_its_country_shares_its_probability_among_the_countries():
    # "the interior minister" is Morocco's or Tunisia's as the words go: the two are not each
    # nearly certain (before, 0.97 and 0.9 together), but each has its part of the probability
    # that the mention names one of them, as namesakes do.
    rows = [("role:mi-ma", "role", "Minister of the Interior of Morocco", "en", ""),
            ("role:mi-tn", "role", "Minister of the Interior of Tunisia", "en", ""),
            ("role:mj-ma", "role", "Minister of Justice of Morocco", "en", ""),
            ("org:mi-ma", "org", "Ministry of the Interior of Morocco", "en", ""),
            ("org:mi-tn", "org", "Ministry of the Interior of Tunisia", "en", "")]
    resolver = Resolver(Gazetteer.from_rows(rows, source="test"))
    found = resolver.candidates("the interior minister", limit=3)
    roles = [r for r in found if r.entity_id in ("role:mi-ma", "role:mi-tn")]
    assert len(roles) == 2 and roles[0].namesakes == (roles[1].entity_id,)
    assert sum(r.confidence for r in found) <= 1.0 + 1e-9
    assert roles[0].with_namesakes > 0.9 and roles[0].confidence < 0.7
    # Institutions alike.
    ministries = resolver.candidates("the interior ministry", limit=2)
    assert {r.entity_id for r in ministries} == {"org:mi-ma", "org:mi-tn"}
    assert ministries[0].namesakes == (ministries[1].entity_id,)
    # The group's probability does not make an answer of an office of no country in particular:
    # only a country's office that reaches the threshold itself is one.
    assert all(not r.reaches(0.9) for r in roles)
    # Named with its country, the office is its own, with no namesake.
    own = resolver.resolve("the Moroccan interior minister")
    assert own is not None and own.entity_id == "role:mi-ma" and own.namesakes == () and own.confidence > 0.9
    # Another office of one country (the justice minister) is not a namesake of the interior's.
    assert "role:mj-ma" not in roles[0].namesakes
    # "the Moroccan minister" names Morocco's minister of the interior or of justice: met by the
    # same words, each leaving its portfolio out, they cannot both be nearly certain.
    ministers = resolver.candidates("the Moroccan minister", limit=2)
    assert {r.entity_id for r in ministers} == {"role:mi-ma", "role:mj-ma"}
    assert sum(r.confidence for r in ministers) <= 1.0 + 1e-9
    assert "alike" in dict(ministers[0].contributions) and ministers[0].confidence < 0.9
