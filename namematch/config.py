"""The tuning numbers of namematch, in one frozen object.

Each number says why it has its value. Numbers learned from data (the calibration curve) live in
``data/calibration.json`` and are written by ``benchmarks/fit.py``; this file holds the choices
made by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MatchConfig", "DEFAULT_CONFIG"]


@dataclass(frozen=True, slots=True)
class MatchConfig:
    #: A resolution is returned only when its calibrated probability of being right reaches this.
    #: 0.5 answers whenever an answer is more likely right than wrong, which maximises accuracy
    #: when a wrong entity and a missed one cost the same.
    threshold: float = 0.5

    #: Token similarity below this is no evidence at all: two unrelated names of similar length
    #: still share about 40% of their letters by chance.
    similarity_floor: float = 0.55

    #: The consonant skeleton throws away vowels and merges letters, so an equal skeleton is
    #: slightly weaker evidence than an equal spelling.
    skeleton_discount: float = 0.94

    #: Between two spellings that both write their vowels (Latin, Cyrillic), the skeleton is
    #: discounted again by this: there a vowel disagreement is real (Craig is not George), while
    #: against Arabic, which leaves short vowels out, it is expected. Chosen by hand on the xscript
    #: queries (0.8 loses right Cyrillic answers, 1.0 accepts too many near-namesakes).
    vowelled_skeleton_discount: float = 0.9

    #: Two spellings whose skeletons agree equally are told apart by their spellings: the
    #: skeleton's similarity is scaled by (1 - this + this * phonetic similarity), so that of
    #: الزهري, Zuhri (whose final vowel the Arabic writes) is nearer than Zuhra, where the two
    #: skeletons alone tie. Chosen on the xscript queries (0.03, 0.075, 0.1 do worse).
    skeleton_spelling_weight: float = 0.05

    #: Between two words both written in Arabic letters, the similarity of their keys exceeds
    #: that of their letters by at most this much. A key is a lossy romanisation, made to meet
    #: Latin spellings (ت and ح run together as th, د and ت in one consonant class), while the
    #: two Arabic writers chose their letters: وفد (delegation) is not فتح (Fatah). Spellings of
    #: one name by two writers (يفكيروف يفكوروف, شويجو شويغو, لانجلي لانغلي) differ in a letter or
    #: two and their keys by less than this beyond their letters.
    arabic_spelling_margin: float = 0.2

    #: Skeletons of one and of two consonant classes are met by chance (جو Joe and Kay are both
    #: K, أوزال Özal and Yücel both SL): their agreement is discounted again by these factors.
    #: Chosen by hand on the xscript queries (NIL rejection rises by 5 to 8 points).
    short_skeleton_discount: tuple[float, float] = (0.85, 0.95)

    #: Against Arabic, which writes its long vowels and leaves its short ones out, a vowel of the
    #: Latin or Cyrillic spelling that the Arabic lacks may be a short one: in the syllable shape
    #: it counts this much, where a vowel the Arabic writes and the other lacks counts fully
    #: (كنيدي is Kennedy rather than Gnat).
    unwritten_vowel_weight: float = 0.5

    #: A query token that matches only after a proclitic (و ف ب ل ك) is cut off: that reading is
    #: a guess, so it gives way to a token that matches as written (Walid, وليد, is not "and
    #: Lid"). The discount only orders the two: the credit of a pair rescales similarity above
    #: the floor, which multiplies any discount, and وحفتر is as good evidence as حفتر.
    proclitic_discount: float = 0.995

    #: A Cyrillic query token read with its case ending made nominative (Хафтаром as Хафтар,
    #: ``data/russian_endings.tsv``): a guess, which gives way to the word as written, and a
    #: nominative may look oblique (Петра, Petra, read as Петр, Peter). Chosen on the xscript
    #: Cyrillic queries, all nominative: at 0.995 such readings lift NIL queries near the
    #: threshold (a NIL query with a feminine given name from 0.02 to 0.49), at 0.95 to 0.18.
    inflection_discount: float = 0.95

    #: A nickname read as its given name (Bob as Robert, Ted as Edward) or a given name as its
    #: nickname: a usual equivalence, not a spelling, and one nickname serves several names
    #: (Al: Albert, Alan, Alexander).
    nickname_discount: float = 0.9

    #: A theophoric name called by its stem alone (Aziz for Abdelaziz, Ghias for Ghiasuddin:
    #: ``normalise.short_form_keys``): a usual short form, but the stem is a name of its own too
    #: (Habib and Habibullah are two names). As for a nickname; on the xscript queries 0.8 loses
    #: two answers that 0.85 finds, 0.9 one more, 0.95 none.
    short_form_discount: float = 0.9

    #: Two words read as one (a compound on either side: داود اوغلو as Davutoğlu) are credited
    #: for their similarity above this floor rather than ``similarity_floor``: joined, they are
    #: long enough to meet many long words fuzzily.
    joined_floor: float = 0.65

    #: Two Latin or Cyrillic spellings of a word that differ only in the letters that write the
    #: same short vowels (Osman Usman, Eshaq Ishaq, Мухаммед Mohammed: ``data/short_vowels.tsv``).
    vowel_variant_similarity: float = 0.94

    #: A query word left unmatched between two matched ones is most likely a middle name, which
    #: a person's shorter names leave out: its rarity weight is multiplied by this.
    middle_name_factor: float = 0.3

    #: A single-letter initial ("V. Poutine") matching the first letter of a name.
    initial_similarity: float = 0.8

    #: Weights of name parts that are not names proper, relative to a name token of average rarity:
    #: the Arabic article, filiation (bin, ben), nobiliary particles, titles before a name.
    article_weight: float = 0.05
    filiation_weight: float = 0.1
    nobiliary_weight: float = 0.15
    title_weight: float = 0.3

    #: Rarity weight (inverse document frequency) bounds: a shared "Mohammed" is weak evidence,
    #: a shared "Haftar" strong; an unseen token counts as the rarest.
    min_token_weight: float = 0.5

    #: Candidates the index proposes for full scoring.
    candidates: int = 60
    #: A near key (one letter class away) filed for more names than this proposes none of them:
    #: in a gazetteer of a million names the near keys of a common name meet tens of thousands,
    #: and their weak votes cost more than they find. Exact keys always vote.
    near_postings_limit: int = 20_000

    #: A role whose office words (minister, porte-parole, وزير) the mention lacks keeps this share
    #: of both its coverages, and so of its score: "la Défense russe" names the ministry, not the
    #: minister.
    office_missing_factor: float = 0.8

    #: A role or institution of one country named with another country's word ("conseil russe"
    #: against the Presidential Council of Libya) keeps this share of both its coverages, and so
    #: of its score: the words it shares are common nouns, the country is what tells them apart.
    country_conflict_factor: float = 0.6

    #: A role named with another office word than its own ("ministre turc" against the President
    #: of Turkey) keeps this share again, on top of ``office_missing_factor``: the country words
    #: agree, the office is what tells the roles apart. As for countries.
    office_conflict_factor: float = 0.6

    #: A person named with an office ("le ministre russe de la Défense, Sergueï Choïgou"): the
    #: odds of the person's answer are multiplied by ``title_fits_odds`` when the tenures say
    #: the person held that office on the date (at any time, without a date), and by
    #: ``title_contradicts_odds`` when the office has tenures and the person never held it.
    #: Set by judgement, not fitted: the labelled data holds too few titled names to fit them.
    title_fits_odds: float = 4.0
    title_contradicts_odds: float = 0.2

    #: Beside a person's name, an office part may name a role the person has held though the
    #: office words alone point elsewhere ("Premier ministre" names Russia's before Libya's):
    #: such a role is taken from this confidence of the office part alone, where another role
    #: needs the threshold. Set by judgement: the tenures are the evidence the words lack.
    held_office_floor: float = 0.1

    #: How sharply the share of belief among candidates follows their scores: each candidate
    #: weighs exp(sharpness * score) * (1 + prior), and candidates are ranked by that weight.
    #: A lead of 0.1 in score is worth a factor of 7.4, more than a prior of 10 against none
    #: (a factor of 11 needs a lead of 0.12): the prior breaks near-ties, never a clearly
    #: better name match.
    share_sharpness: float = 20.0

    #: The share of belief is divided among this many of the best candidates only, so that it
    #: does not fall as more weak candidates are scored.
    share_rivals: int = 10


DEFAULT_CONFIG = MatchConfig()
