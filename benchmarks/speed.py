"""Speed and scale: index build, memory, mentions per second and candidate recall, by gazetteer size.

For gazetteers of about 10k, 100k and 1M names, each measured in a fresh process so that its
peak memory is its own:

- build: seconds to compile the index (``Resolver(gazetteer)``), and to load it saved;
- peak memory: the process's resident high-water mark after build and queries;
- mentions/s in one process (``resolve``) and with ``resolve_many`` on every core;
- candidate recall: how often the index proposes the entity that scoring every name would
  choose (exhaustive scoring of all names; at 1M, of every name sharing a key with the query,
  since scoring a million names per query takes half a minute);
- the hand-written baseline (unidecode + rapidfuzz ``extractOne`` with WRatio over every name)
  in mentions per second, measured in the same run.

The gazetteers: 10k is a sample of the entities of ``xscript/gazetteer_latin.csv``; 100k is all
of it (92k names) plus synthetic persons; 1M adds synthetic persons whose names recombine real
given and family names of that file. Queries are the Latin-gazetteer queries of
``xscript/queries.tsv`` (ar2lat, cyr2lat, lat2lat), the same sample at every size.

Run: ``python benchmarks/speed.py`` (about 35 minutes); ``--sizes 10000 100000`` for fewer.
Prints a Markdown table and writes ``benchmarks/speed.png`` (mentions/s against size).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluation import XSCRIPT, xscript_queries  # noqa: E402

from namematch import Gazetteer, Resolver  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
QUERIES = 600  # timed one by one
BATCH = 2_000  # timed with resolve_many
RECALL = {10_000: 200, 100_000: 60, 1_000_000: 60}
BASELINE = 40
SEED = 20261123


def _rows() -> list[dict[str, str]]:
    with (XSCRIPT / "gazetteer_latin.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def gazetteer_csv(size: int) -> str:
    """The CSV text of a gazetteer of about ``size`` names (rows)."""
    rows = _rows()
    random.seed(SEED)
    if size < len(rows):
        by_entity: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            by_entity.setdefault(row["id"], []).append(row)
        ids = sorted(by_entity)
        random.shuffle(ids)
        chosen: list[dict[str, str]] = []
        for entity_id in ids:
            if len(chosen) >= size:
                break
            chosen.extend(by_entity[entity_id])
    else:
        chosen = list(rows)
        people = [row["name"].split() for row in rows if row["kind"] == "person"]
        given = [words[0] for words in people if len(words) >= 2 and len(words[0]) > 1]
        family = [words[-1] for words in people if len(words) >= 2 and len(words[-1]) > 1]
        serial = 0
        while len(chosen) < size:
            serial += 1
            parts = [random.choice(given)] + ([random.choice(given)] if random.random() < 0.2 else [])
            chosen.append({"id": f"synthetic:{serial}", "kind": "person",
                           "name": " ".join(parts + [random.choice(family)]), "lang": "", "prior": ""})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "kind", "name", "lang", "prior"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(chosen)
    return out.getvalue()


def mentions() -> list[str]:
    queries = [q.mention for q in xscript_queries() if q.task != "lat2ar"]
    random.seed(SEED)
    random.shuffle(queries)
    return queries


def _top(resolver: Resolver, mention: str) -> str | None:
    found = resolver.candidates(mention, limit=1)
    return found[0].entity_id if found else None


def measure(size: int, workers: int, saved: Path) -> dict[str, float]:
    """Everything for one size, in this process; the index is saved to ``saved`` for the parent
    to time its load in a fresh process (a process forked from this one would inherit its
    memory high-water mark)."""
    from rapidfuzz import fuzz, process, utils
    from unidecode import unidecode

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "gazetteer.csv"
        path.write_text(gazetteer_csv(size), encoding="utf-8")
        started = time.perf_counter()
        gazetteer = Gazetteer.from_csv(path)
        loaded_csv = time.perf_counter() - started
    started = time.perf_counter()
    resolver = Resolver(gazetteer)
    build = time.perf_counter() - started
    names = sum(len(entity.names) for entity in gazetteer.values())
    queries = mentions()

    timed = queries[:QUERIES]
    started = time.perf_counter()
    for mention in timed:
        resolver.resolve(mention)
    one = len(timed) / (time.perf_counter() - started)

    batch = queries[:BATCH]
    started = time.perf_counter()
    resolver.resolve_many(batch, workers=workers, progress=False)
    many = len(batch) / (time.perf_counter() - started)
    # Peak memory of building the index and resolving with it, before saving it and the
    # exhaustive scoring below, which are the benchmark's own costs.
    peak = _peak()
    resolver.save(saved)

    # Candidate recall: of the answers that scoring every name gives (those reaching the
    # threshold), the share the index gives too. At 1M "every name" is every name sharing a
    # key or a near key with the query.
    sample = queries[:RECALL.get(size, 40)]
    indexed = [resolver.resolve(mention) for mention in sample]
    index = resolver.index
    if size < 1_000_000:
        everything = list(range(len(index)))
        index.candidates = lambda tokens, limit=None, compounds=(): everything  # type: ignore[method-assign]
    else:
        voted = index.candidates
        index.candidates = lambda tokens, limit=None, compounds=(): voted(tokens, len(index), compounds)  # type: ignore[method-assign]
    started = time.perf_counter()
    exhaustive = [resolver.resolve(mention) for mention in sample]
    exhaustive_rate = len(sample) / (time.perf_counter() - started)
    answered = [(a, b) for a, b in zip(indexed, exhaustive) if b is not None]
    recall = sum(a is not None and a.entity_id == b.entity_id for a, b in answered) / max(1, len(answered))
    agreement = sum((a and a.entity_id) == (b and b.entity_id) for a, b in zip(indexed, exhaustive)) / len(sample)

    processed = [utils.default_process(unidecode(name.text)) for entity in gazetteer.values() for name in entity.names]
    started = time.perf_counter()
    for mention in queries[:BASELINE]:
        process.extractOne(utils.default_process(unidecode(mention)), processed, scorer=fuzz.WRatio)
    baseline = BASELINE / (time.perf_counter() - started)

    return {"size": size, "names": names, "entities": len(gazetteer), "indexed": len(index),
            "csv_s": loaded_csv, "build_s": build, "peak_gib": peak,
            "one_per_s": one, "many_per_s": many, "workers": workers, "recall": recall,
            "recall_n": len(answered), "agreement": agreement, "sample": len(sample), "exhaustive_per_s": exhaustive_rate, "baseline_per_s": baseline}


def _peak() -> float:
    """This process's peak resident memory, GiB (``ru_maxrss`` is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def plot(results: list[dict[str, float]], path: Path) -> bool:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    sizes = [r["names"] for r in results]
    figure, axes = plt.subplots(figsize=(6, 4))
    axes.plot(sizes, [r["one_per_s"] for r in results], "o-", label="namematch, one process")
    axes.plot(sizes, [r["many_per_s"] for r in results], "s-", label=f"namematch resolve_many ({results[0]['workers']} workers)")
    axes.plot(sizes, [r["baseline_per_s"] for r in results], "^--", label="baseline: rapidfuzz extractOne over every name")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("gazetteer names")
    axes.set_ylabel("mentions per second")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child measuring one size
    parser.add_argument("--load", help=argparse.SUPPRESS)  # a child timing the load of a saved index
    parser.add_argument("--save-to", help=argparse.SUPPRESS)  # where a child measuring one size saves its index
    args = parser.parse_args()
    if args.load:
        started = time.perf_counter()
        Resolver.load(args.load)
        print(json.dumps([time.perf_counter() - started, _peak()]))
        return
    if args.one:
        print(json.dumps(measure(args.one, args.workers, Path(args.save_to))))
        return
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as directory:
            saved = Path(directory) / "index.nmi"
            child = subprocess.run([sys.executable, __file__, "--one", str(size), "--workers", str(args.workers),
                                    "--save-to", str(saved)], capture_output=True, text=True, check=False)
            if child.returncode != 0:
                sys.exit(f"size {size} failed:\n{child.stderr}")
            result = json.loads(child.stdout.strip().splitlines()[-1])
            # The saved index loaded in a process of its own, started from this small one.
            loader = subprocess.run([sys.executable, __file__, "--load", str(saved)], capture_output=True, text=True,
                                    check=True)
            result["load_s"], result["load_peak_gib"] = json.loads(loader.stdout)
        results.append(result)
        print(f"measured {size}", file=sys.stderr)
    print("| names | entities | build (s) | load saved (s) | peak memory, GiB (build and resolve / load) | mentions/s, one process "
          f"| mentions/s, resolve_many ({args.workers} workers) | candidate recall (answers) | same answer as exhaustive | baseline mentions/s | speed-up, one process |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['names']:,} | {r['entities']:,} | {r['build_s']:.1f} | {r['load_s']:.1f} | {r['peak_gib']:.2f} / {r['load_peak_gib']:.2f} "
              f"| {r['one_per_s']:.0f} | {r['many_per_s']:.0f} | {r['recall']:.3f} (n={r['recall_n']}) | {r['agreement']:.3f} (n={r['sample']}) "
              f"| {r['baseline_per_s']:.1f} | {r['one_per_s'] / r['baseline_per_s']:.0f}x |")
    if plot(results, Path(__file__).with_name("speed.png")):
        print("\nwrote benchmarks/speed.png")


if __name__ == "__main__":
    main()
