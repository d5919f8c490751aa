"""Fit the calibration of namematch's confidence and write ``namematch/data/calibration.json``.

For every xscript query on the ``fit`` half (a hash of the entity id, see ``evaluation.py``)
the resolver's best candidate is taken with its features; its label is 1 when it is the expected
entity, 0 otherwise (a NIL query's best candidate is always wrong). A logistic regression of the
label on the features (Newton's method, a small L2 penalty) gives the probability that a best
candidate is right: the confidence. The held-out half is left for ``accuracy.py`` to report.

Run: ``python benchmarks/fit.py`` (about two minutes).
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


def collect(split: str = "fit") -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels of the best candidates of one half of the xscript queries, against
    the full gazetteers and against sparse ones (where half the expected entities are absent)."""
    gazetteers: dict[Path, Gazetteer] = {}
    rows: list[list[float]] = []
    labels: list[int] = []
    queries = [q for q in xscript_queries() if q.split == split]
    for path in sorted({gazetteer_path(task) for task in TASKS}):
        gazetteers[path] = Gazetteer.from_csv(path)
    for task in TASKS:
        full = gazetteers[gazetteer_path(task)]
        task_queries = [q for q in queries if q.task == task]
        sparse, kept = sparse_gazetteer(full, task_queries)
        for gazetteer, present in ((full, set(full)), (sparse, kept)):
            resolver = Resolver(gazetteer)
            for query in task_queries + surname_queries(task_queries):
                best = resolver.candidates(query.mention, limit=1)
                if not best:
                    continue
                features = dict(best[0].features)
                rows.append([features[name] for name in Calibration.FEATURES])
                right = query.expected != NIL and query.expected in present and best[0].entity_id == query.expected
                labels.append(int(right))
    return rows, labels


def logistic_regression(rows: list[list[float]], labels: list[int], iterations: int = 50) -> list[float]:
    """Coefficients (intercept first) maximising the penalised log-likelihood, by Newton's method."""
    size = len(rows[0]) + 1
    data = [[1.0, *row] for row in rows]
    beta = [0.0] * size
    for _ in range(iterations):
        gradient = [-PENALTY * b for b in beta]
        hessian = [[(PENALTY if i == j else 0.0) for j in range(size)] for i in range(size)]
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
    rows, labels = collect("fit")
    beta = logistic_regression(rows, labels)
    result = {
        "comment": "Logistic calibration of namematch's confidence; written by benchmarks/fit.py on the 'fit' half "
                   "of ../shared/eval/xscript (split by a hash of the entity id). Do not edit by hand.",
        "examples": len(rows),
        "intercept": round(beta[0], 6),
        "weights": {name: round(value, 6) for name, value in zip(Calibration.FEATURES, beta[1:])},
    }
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    print(f"{len(rows)} examples, {sum(labels)} right; {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
