"""Accuracy of namematch on the labelled data, with the hand-written baseline in the same run.

For the seed mentions (shipped gazetteer) and each xscript task, prints top-1 on in-gazetteer
queries, the share of NIL queries rejected, and overall accuracy at the default threshold, for
namematch and for what an analyst writes by hand: unidecode + casefold + rapidfuzz ``WRatio``
over every gazetteer name, with the best threshold chosen in hindsight on the same queries.
The xscript rows are also given for the ``held`` half alone (the half the calibration did not
see, see ``evaluation.py``).

Run: ``python benchmarks/accuracy.py`` (about five minutes; the baseline is the slow part).
``--no-baseline`` skips it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils
from unidecode import unidecode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluation import NIL, TASKS, Query, gazetteer_path, seed_queries, xscript_queries  # noqa: E402

from namematch import Gazetteer, Resolver  # noqa: E402


def figures(results: list[tuple[Query, str]]) -> tuple[float, float, float, int]:
    """(top-1 on in-gazetteer, NIL rejected, overall accuracy, n)."""
    inside = [(q, got) for q, got in results if q.expected != NIL]
    nil = [(q, got) for q, got in results if q.expected == NIL]
    top1 = sum(got == q.expected for q, got in inside) / max(1, len(inside))
    rejected = sum(got == NIL for _, got in nil) / max(1, len(nil))
    overall = sum(got == q.expected for q, got in results) / max(1, len(results))
    return top1, rejected, overall, len(results)


def baseline(gazetteer: Gazetteer, queries: list[Query]) -> list[tuple[Query, str]]:
    """unidecode + casefold + WRatio over every name; the best threshold in hindsight."""
    names, ids = [], []
    for entity in gazetteer.values():
        for name in entity.names:
            names.append(utils.default_process(unidecode(name.text)))
            ids.append(entity.id)
    best = []
    for query in queries:
        found = process.extractOne(utils.default_process(unidecode(query.mention)), names, scorer=fuzz.WRatio)
        best.append((query, ids[found[2]], found[1]) if found else (query, NIL, 0.0))
    results_by_threshold = []
    for threshold in range(0, 101, 2):
        results = [(q, e if s >= threshold else NIL) for q, e, s in best]
        results_by_threshold.append((figures(results)[2], threshold, results))
    return max(results_by_threshold, key=lambda item: item[0])[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    rows = []
    started = time.perf_counter()
    default = Resolver.default()
    seeds = seed_queries()
    ours = [(q, (r.entity_id if (r := default.resolve(q.mention, at=q.date)) else NIL)) for q in seeds]
    theirs = None if args.no_baseline else baseline(default.gazetteer, seeds)
    rows.append(("seeds", ours, theirs))
    resolvers: dict[Path, Resolver] = {}
    queries = xscript_queries()
    for task in TASKS:
        path = gazetteer_path(task)
        if path not in resolvers:
            resolvers[path] = Resolver(Gazetteer.from_csv(path))
        resolver = resolvers[path]
        task_queries = [q for q in queries if q.task == task]
        ours = [(q, (r.entity_id if (r := resolver.resolve(q.mention)) else NIL)) for q in task_queries]
        theirs = None if args.no_baseline else baseline(resolver.gazetteer, task_queries)
        rows.append((task, ours, theirs))
        rows.append((task + " (held half)", [(q, g) for q, g in ours if q.split == "held"], None))

    print("| set | n | namematch top-1 | NIL rejected | overall | baseline top-1 | baseline NIL rejected | baseline overall |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, ours, theirs in rows:
        top1, rejected, overall, n = figures(ours)
        base = ("{:.3f} | {:.3f} | {:.3f}".format(*figures(theirs)[:3])) if theirs else "  |  | "
        print(f"| {name} | {n} | {top1:.3f} | {rejected:.3f} | {overall:.3f} | {base} |")
    print(f"\n({time.perf_counter() - started:.0f} s; baseline threshold chosen in hindsight per set)")


if __name__ == "__main__":
    main()
