"""Accuracy of namematch on the labelled data, with the hand-written baseline in the same run.

For the seed mentions (shipped gazetteer) and each xscript task, prints top-1 on in-gazetteer
queries, the share of NIL queries rejected, and overall accuracy at the default threshold, for
namematch and for what an analyst writes by hand: unidecode + casefold + rapidfuzz ``WRatio``
over every gazetteer name, with the best threshold chosen in hindsight on the same queries.
The xscript rows are also given for the ``held`` half alone (the half the calibration did not
see, see ``evaluation.py``).

Then the calibration of the confidence: every xscript query's best candidate, binned by its
confidence (ten bins), with the share of them that are right (a NIL query's best candidate is
always wrong), and the expected calibration error (ECE: the mean gap between confidence and
accuracy, weighted by bin size), over all tasks and over the held half. The reliability diagram
is written to ``benchmarks/reliability.png`` (needs matplotlib: ``pip install .[bench]``).

Run: ``python benchmarks/accuracy.py`` (about four minutes; the baseline is the slow part).
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

PLOT = Path(__file__).resolve().parent / "reliability.png"
BINS = 10


def answer(resolver: Resolver, query: Query) -> tuple[str, float, bool]:
    """(the answer at the default threshold, the best candidate's confidence, whether that
    candidate is the expected entity)."""
    best = resolver.candidates(query.mention, limit=1, at=query.date)
    if not best:
        return NIL, 0.0, False
    top = best[0]
    return (top.entity_id if top.reaches(resolver.threshold) else NIL), top.confidence, top.entity_id == query.expected


def reliability(points: list[tuple[float, bool]]) -> tuple[list[tuple[float, float, int, float, float]], float]:
    """Bins (low, high, n, mean confidence, accuracy) and the expected calibration error."""
    bins = []
    error = 0.0
    for index in range(BINS):
        low, high = index / BINS, (index + 1) / BINS
        inside = [(c, right) for c, right in points if low <= c < high or (index == BINS - 1 and c == 1.0)]
        if not inside:
            bins.append((low, high, 0, 0.0, 0.0))
            continue
        confidence = sum(c for c, _ in inside) / len(inside)
        accuracy = sum(right for _, right in inside) / len(inside)
        bins.append((low, high, len(inside), confidence, accuracy))
        error += len(inside) / len(points) * abs(confidence - accuracy)
    return bins, error


def plot(curves: dict[str, list[tuple[float, float, int, float, float]]]) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    figure, axes = plt.subplots(figsize=(5, 5), dpi=120)
    axes.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect calibration")
    for label, bins in curves.items():
        kept = [(conf, acc, n) for _lo, _hi, n, conf, acc in bins if n]
        axes.plot([c for c, _, _ in kept], [a for _, a, _ in kept], marker="o", label=label)
    axes.set_xlabel("confidence (mean of the bin)")
    axes.set_ylabel("share right")
    axes.set_title("namematch: reliability on xscript")
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(PLOT)
    return True


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
    ours = [(q, answer(default, q)[0]) for q in seeds]
    theirs = None if args.no_baseline else baseline(default.gazetteer, seeds)
    rows.append(("seeds", ours, theirs))
    resolvers: dict[Path, Resolver] = {}
    queries = xscript_queries()
    points: list[tuple[Query, float, bool]] = []
    for task in TASKS:
        path = gazetteer_path(task)
        if path not in resolvers:
            resolvers[path] = Resolver(Gazetteer.from_csv(path))
        resolver = resolvers[path]
        task_queries = [q for q in queries if q.task == task]
        ours = []
        for query in task_queries:
            got, confidence, right = answer(resolver, query)
            ours.append((query, got))
            points.append((query, confidence, right))
        theirs = None if args.no_baseline else baseline(resolver.gazetteer, task_queries)
        rows.append((task, ours, theirs))
        rows.append((task + " (held half)", [(q, g) for q, g in ours if q.split == "held"], None))

    print("| set | n | namematch top-1 | NIL rejected | overall | baseline top-1 | baseline NIL rejected | baseline overall |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, ours, theirs in rows:
        top1, rejected, overall, n = figures(ours)
        base = ("{:.3f} | {:.3f} | {:.3f}".format(*figures(theirs)[:3])) if theirs else "  |  | "
        print(f"| {name} | {n} | {top1:.3f} | {rejected:.3f} | {overall:.3f} | {base} |")

    curves = {}
    for label, subset in (("all xscript", points), ("held half", [p for p in points if p[0].split == "held"])):
        bins, error = reliability([(confidence, right) for _q, confidence, right in subset])
        curves[f"{label} (ECE {error:.3f})"] = bins
        print(f"\nReliability of the best candidate's confidence, {label} ({len(subset)} queries): ECE {error:.3f}\n")
        print("| confidence | n | mean confidence | share right |")
        print("|---|---:|---:|---:|")
        for low, high, n, confidence, accuracy in bins:
            cells = f"{confidence:.3f} | {accuracy:.3f}" if n else " | "
            print(f"| {low:.1f}-{high:.1f} | {n} | {cells} |")
    if plot(curves):
        print(f"\nReliability diagram: {PLOT.relative_to(Path.cwd()) if PLOT.is_relative_to(Path.cwd()) else PLOT}")
    else:
        print("\n(matplotlib is not installed: no reliability diagram; pip install .[bench])")
    print(f"\n({time.perf_counter() - started:.0f} s; baseline threshold chosen in hindsight per set)")


if __name__ == "__main__":
    main()
