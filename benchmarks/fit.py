"""Fit the calibration of namematch's confidence and write ``namematch/data/calibration.json``.

For every xscript query on the ``fit`` half (a hash of the entity id, see ``evaluation.py``)
the resolver's best candidate is taken with its features; its label is 1 when it is the expected
entity, 0 otherwise (a NIL query's best candidate is always wrong). A logistic regression of the
label on the features (Newton's method, a small L2 penalty) gives the probability that a best
candidate is right: the confidence. The held-out half is left for ``accuracy.py`` to report.
The best candidate is itself chosen by the confidence, so the fit is repeated until the examples
it learns from settle (:func:`fixed_point`): the file written does not depend on the one before.

Run: ``python benchmarks/fit.py`` (about five minutes: two to four fits).
"""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluation import NIL, REPO, TASKS, Query, gazetteer_path, xscript_queries  # noqa: E402

from namematch import Gazetteer, Resolver  # noqa: E402
from namematch.resolver import Calibration  # noqa: E402

OUTPUT = REPO / "namematch" / "data" / "calibration.json"
#: The L2 penalty on the weights. The score is nearly a linear combination of the two coverages,
#: so without a penalty their three weights trade off from one refit to the next (after one,
#: query coverage weighed -0.49 and the score +7.8), and ``Resolution.explain()`` shows such
#: contributions. 0.05 keeps them all positive, for one xscript answer fewer than 0.001 gave;
#: 1.0 cost seven.
PENALTY = 0.05


#: Fits tried before giving up on the examples settling (two or three suffice).
MAX_FITS = 8

#: Entities of the sparse gazetteer besides the expected ones kept: a gazetteer of the size of
#: the shipped one, where a weak match often has no rival.
SPARSE_OTHERS = 300


def sparse_gazetteer(full: Gazetteer, queries: list) -> tuple[Gazetteer, set[str]]:
    """The expected entities of every other query, plus a fixed sample of others."""
    expected = sorted({q.expected for q in queries if q.expected != NIL})
    kept = set(expected[::2])
    others = sorted(set(full) - set(expected))
    step = max(1, len(others) // SPARSE_OTHERS)
    kept.update(others[::step][:SPARSE_OTHERS])
    rows = [(e.id, e.kind.value, n.text, n.lang, str(e.prior or "")) for e in full.values() if e.id in kept for n in e.names]
    return Gazetteer.from_rows(rows, source="sparse"), kept


def surname_queries(queries: list[Query]) -> list[Query]:
    """The last word alone of each query of several words: news often names a person by the
    surname only, which xscript's full names never do. Lists of aliases (with commas or
    semicolons) are left out, since their last word is not a surname."""
    out = []
    for query in queries:
        words = query.mention.split()
        if len(words) >= 2 and not any(mark in query.mention for mark in ",;()"):
            out.append(Query(query.task, words[-1], query.expected))
    return out


def resolvers(split: str = "fit") -> list[tuple[Resolver, set[str], list[Query]]]:
    """For each task, against its full gazetteer and a sparse one (where half the expected
    entities are absent): a resolver, the entities present, and the queries of one half of the
    xscript queries (with their surnames alone)."""
    gazetteers: dict[Path, Gazetteer] = {}
    out = []
    queries = [q for q in xscript_queries() if q.split == split]
    for path in sorted({gazetteer_path(task) for task in TASKS}):
        gazetteers[path] = Gazetteer.from_csv(path)
    for task in TASKS:
        full = gazetteers[gazetteer_path(task)]
        task_queries = [q for q in queries if q.task == task]
        sparse, kept = sparse_gazetteer(full, task_queries)
        for gazetteer, present in ((full, set(full)), (sparse, kept)):
            out.append((Resolver(gazetteer), present, task_queries + surname_queries(task_queries)))
    return out


def collect(prepared: list[tuple[Resolver, set[str], list[Query]]],
            calibration: Calibration | None = None) -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels of the best candidates of the prepared queries, the best as the
    resolvers rank them with ``calibration`` (the shipped one by default)."""
    rows: list[list[float]] = []
    labels: list[int] = []
    for resolver, present, queries in prepared:
        if calibration is not None:
            resolver.calibration = calibration
        for query in queries:
            best = resolver.candidates(query.mention, limit=1)
            if not best:
                continue
            features = dict(best[0].features)
            rows.append([features[name] for name in Calibration.FEATURES])
            # The calibration weighs the evidence for the best candidate or its namesakes, whose
            # share of it is their own (Resolver._weighed).
            right = (query.expected != NIL and query.expected in present
                     and query.expected in (best[0].entity_id, *best[0].namesakes))
            labels.append(int(right))
    return rows, labels


def fixed_point(prepared: list[tuple[Resolver, set[str], list[Query]]]) -> tuple[list[float], int]:
    """The coefficients of the calibration fitted on the best candidates that calibration itself
    ranks first, and the number of examples.

    The best of a query's candidates is the most probable (``Resolver.candidates``), so each fit
    may change a few of the examples the next one learns from: fits are repeated, each on the
    best candidates of the one before, until the examples repeat. Where they come back in a
    cycle (two fits, each choosing the other's examples), the fit is made on all the examples of
    the cycle, so that the file written does not depend on the calibration the script starts from.
    """
    seen: list[tuple[list[list[float]], list[int]]] = []
    calibration = None
    for _ in range(MAX_FITS):
        examples = collect(prepared, calibration)
        print(f"fit {len(seen) + 1}: {len(examples[1])} examples, {sum(examples[1])} right", file=sys.stderr)
        if examples in seen:
            cycle = seen[seen.index(examples):]
            rows = [row for cycle_rows, _labels in cycle for row in cycle_rows]
            labels = [label for _rows, cycle_labels in cycle for label in cycle_labels]
            # Each fit's examples count once: the penalty weighs as much against them all.
            return logistic_regression(rows, labels, penalty=PENALTY * len(cycle)), len(rows) // len(cycle)
        seen.append(examples)
        beta = logistic_regression(*examples)
        calibration = Calibration(beta[0], tuple(zip(Calibration.FEATURES, beta[1:])))
    raise SystemExit(f"the calibration did not settle in {MAX_FITS} fits")


def logistic_regression(rows: list[list[float]], labels: list[int], iterations: int = 50,
                        penalty: float = PENALTY) -> list[float]:
    """Coefficients (intercept first) maximising the penalised log-likelihood, by Newton's method."""
    size = len(rows[0]) + 1
    data = [[1.0, *row] for row in rows]
    beta = [0.0] * size
    for _ in range(iterations):
        gradient = [-penalty * b for b in beta]
        hessian = [[(penalty if i == j else 0.0) for j in range(size)] for i in range(size)]
        for x, y in zip(data, labels):
            z = sum(b * v for b, v in zip(beta, x))
            p = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
            for i in range(size):
                gradient[i] += (y - p) * x[i]
                for j in range(size):
                    hessian[i][j] += p * (1 - p) * x[i] * x[j]
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return beta


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve matrix @ x = vector by Gaussian elimination with partial pivoting."""
    size = len(vector)
    augmented = [row[:] + [value] for row, value in zip(matrix, vector)]
    for column in range(size):
        pivot = max(range(column, size), key=lambda r: abs(augmented[r][column]))
        augmented[column], augmented[pivot] = augmented[pivot], augmented[column]
        for row in range(column + 1, size):
            factor = augmented[row][column] / augmented[column][column]
            for k in range(column, size + 1):
                augmented[row][k] -= factor * augmented[column][k]
    solution = [0.0] * size
    for row in reversed(range(size)):
        solution[row] = (augmented[row][size] - sum(augmented[row][k] * solution[k] for k in range(row + 1, size))) / augmented[row][row]
    return solution


def main() -> None:
    started = time.perf_counter()
    beta, examples = fixed_point(resolvers("fit"))
    result = {
        "comment": "Logistic calibration of namematch's confidence; written by benchmarks/fit.py on the 'fit' half "
                   "of ../shared/eval/xscript (split by a hash of the entity id). Do not edit by hand.",
        "examples": examples,
        "intercept": round(beta[0], 6),
        "weights": {name: round(value, 6) for name, value in zip(Calibration.FEATURES, beta[1:])},
    }
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    print(f"{examples} examples; {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
