"""Linking whole articles: time per article, and what is found, by gazetteer size.

For the five seed articles (``../shared/seeds``, each at its date from ``seed_mentions.tsv``):

- ms per article and per 1,000 words of ``resolver.link`` (after one warm-up text, so that the
  one-off work of a new resolver is not counted);
- found: the (document, entity) pairs that ``seed_mentions.tsv`` lists as non-NIL and the links
  include;
- persons not listed: persons linked in a document whose file lists them neither as a mention
  nor as the holder of a role mentioned there;
- institutions and roles not listed: how many spans link an institution or a role that the
  file does not list for the document (some are right and unlisted, most are wrong: the file
  lists every mention of the seed articles, so this is the linker's imprecision on them).

Two gazetteers: the shipped one (about 570 names), and the shipped one grown to 100k names with
every name of ``xscript/gazetteer_arabic.csv`` and ``xscript/gazetteer_latin.csv`` and
synthetic persons (as in ``speed.py``), so that the spotter meets the namesakes and common
words a large gazetteer brings.

The baseline is what one writes by hand: every run of one to three words beginning with a
capitalised or non-Latin word, unidecoded, matched with rapidfuzz ``extractOne`` (WRatio,
cut-off 90) against every name. At 100k names it takes minutes per article, so it is timed on
the first 40 words of each article there, and its found pairs are counted on the shipped
gazetteer only.

Run: ``python benchmarks/link.py`` (about 4 minutes). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import regex  # noqa: E402
from evaluation import EVAL, NIL, XSCRIPT  # noqa: E402
from speed import gazetteer_csv  # noqa: E402

from namematch import Gazetteer, Resolver  # noqa: E402
from namematch.gazetteer import Kind  # noqa: E402

SEEDS = EVAL.parent / "seeds"
LARGE = 100_000
BASELINE_WORDS = 40
WARM_UP = "Le président Vladimir Poutine a reçu Khalifa Haftar à Moscou."


class Article:
    def __init__(self, path: Path, date: str, listed: set[str], persons: set[str]) -> None:
        self.name = path.stem
        self.text = path.read_text(encoding="utf-8")
        self.words = len(self.text.split())
        self.date = date
        self.listed = listed  # non-NIL expected ids
        self.persons = persons  # persons the file names for the document, holders included


def articles() -> list[Article]:
    dates: dict[str, str] = {}
    listed: dict[str, set[str]] = defaultdict(set)
    persons: dict[str, set[str]] = defaultdict(set)
    with (EVAL / "seed_mentions.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            doc = row["doc"]
            dates[doc] = row["date"]
            if row["expected"] != NIL:
                listed[doc].add(row["expected"])
                if row["expected"].startswith("person:"):
                    persons[doc].add(row["expected"])
            persons[doc].update(h for h in (row.get("holder_at_date") or "").split("|") if h)
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = path.stem[:3]
        if doc in dates:
            out.append(Article(path, dates[doc], listed[doc], persons[doc]))
    return out


def shipped_rows() -> str:
    return resources.files("namematch").joinpath("data", "gazetteer.csv").read_text(encoding="utf-8")


def large_gazetteer(directory: Path) -> Gazetteer:
    """The shipped gazetteer grown to ``LARGE`` names with the xscript names and synthetic persons."""
    shipped = shipped_rows().splitlines()
    arabic = (XSCRIPT / "gazetteer_arabic.csv").read_text(encoding="utf-8").splitlines()[1:]
    # The xscript files share their ids: an entity's Arabic rows join its Latin ones.
    latin = gazetteer_csv(LARGE - len(shipped) - len(arabic)).splitlines()[1:]
    path = directory / "large.csv"
    path.write_text("\n".join(shipped + arabic + latin) + "\n", encoding="utf-8")
    with resources.as_file(resources.files("namematch").joinpath("data", "tenures.csv")) as tenures:
        return Gazetteer.from_csv(path, tenures=tenures)


def measure(resolver: Resolver, docs: list[Article]) -> list[tuple[Article, float, int, list[str], int]]:
    """(article, seconds, pairs found, persons not listed, institution and role spans not
    listed) for each article."""
    resolver.link(WARM_UP)
    rows = []
    for doc in docs:
        started = time.perf_counter()
        spans = resolver.link(doc.text, at=doc.date)
        elapsed = time.perf_counter() - started
        got = {span.entity_id for span in spans}
        unlisted = {span.entity_id for span in spans if span.kind is Kind.PERSON} - doc.persons
        others = sum(1 for span in spans if span.kind is not Kind.PERSON and span.entity_id not in doc.listed)
        rows.append((doc, elapsed, len(doc.listed & got), sorted(unlisted), others))
    return rows


_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")


class Baseline:
    """Every run of one to three words that begins with a capitalised or non-Latin word,
    matched against every name with rapidfuzz (the hand-written spotter)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        from rapidfuzz import utils
        from unidecode import unidecode
        self.unidecode, self.process_text = unidecode, utils.default_process
        self.names = [(self.process_text(unidecode(name.text)), entity_id)
                      for entity_id, entity in gazetteer.items() for name in entity.names]
        self.choices = [text for text, _ in self.names]

    def link(self, text: str, words: int | None = None) -> set[str]:
        from rapidfuzz import fuzz, process
        found = set()
        tokens = [m.group() for m in _WORD.finditer(text)][:words]
        for i, first in enumerate(tokens):
            if not (first[:1].isupper() or not first[:1].isascii()):
                continue
            for j in range(i, min(len(tokens), i + 3)):
                mention = self.process_text(self.unidecode(" ".join(tokens[i:j + 1])))
                best = process.extractOne(mention, self.choices, scorer=fuzz.WRatio, score_cutoff=90)
                if best is not None:
                    found.add(self.names[best[2]][1])
        return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-large", action="store_true", help="the shipped gazetteer only")
    args = parser.parse_args()
    docs = articles()
    results = []
    shipped = Gazetteer.default()
    results.append(("shipped", shipped, measure(Resolver(shipped), docs)))
    if not args.no_large:
        with tempfile.TemporaryDirectory() as directory:
            large = large_gazetteer(Path(directory))
        results.append((f"{LARGE // 1000}k", large, measure(Resolver(large), docs)))

    print("| gazetteer | names | article | words | namematch ms | ms per 1,000 words | found | persons not listed "
          "| institution and role spans not listed | baseline ms per 1,000 words | baseline found |")
    print("|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|")
    for label, gazetteer, result in results:
        names = sum(len(entity.names) for entity in gazetteer.values())
        baseline = Baseline(gazetteer)
        whole = label == "shipped"
        totals = [0, 0, 0, 0.0, 0, 0, 0.0, 0, 0]
        for doc, elapsed, found, unlisted, others in result:
            started = time.perf_counter()
            base_found = baseline.link(doc.text, None if whole else BASELINE_WORDS)
            base_elapsed = time.perf_counter() - started
            base_words = doc.words if whole else min(doc.words, BASELINE_WORDS)
            base_cell = f"{len(doc.listed & base_found)}/{len(doc.listed)}" if whole else "n/a"
            print(f"| {label} | {names:,} | {doc.name} | {doc.words} | {elapsed * 1000:.0f} | {elapsed * 1e6 / doc.words:.0f} "
                  f"| {found}/{len(doc.listed)} | {', '.join(unlisted) or 'none'} | {others} "
                  f"| {base_elapsed * 1e6 / base_words:,.0f} | {base_cell} |")
            totals[0] += doc.words
            totals[1] += found
            totals[2] += len(doc.listed)
            totals[3] += elapsed
            totals[4] += len(unlisted)
            totals[5] += base_words
            totals[6] += base_elapsed
            totals[7] += len(doc.listed & base_found)
            totals[8] += others
        base_total = f"{totals[7]}/{totals[2]}" if whole else "n/a"
        print(f"| **{label}** | {names:,} | all five | {totals[0]} | {totals[3] * 1000:.0f} | **{totals[3] * 1e6 / totals[0]:.0f}** "
              f"| **{totals[1]}/{totals[2]}** | {totals[4]} | {totals[8]} | {totals[6] * 1e6 / totals[5]:,.0f} | {base_total} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
