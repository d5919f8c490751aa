"""Resolving many mentions at once, on every core.

Distinct (mention, date) pairs are resolved once each, in chunks handed to worker processes.
On platforms that fork (Linux), the workers inherit the resolver, index included, without
copying it; elsewhere each worker loads it from a saved index (:mod:`namematch.store`) once.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .gazetteer import parse_date

if TYPE_CHECKING:
    from .resolver import Resolution, Resolver

__all__ = ["resolve_many"]

#: Mentions per task handed to a worker: large enough to make the hand-over cheap, small enough
#: to keep the progress bar moving and the cores evenly loaded.
CHUNK = 200

# The resolver of a worker process (set by fork, or by _load_worker).
_resolver: "Resolver | None" = None


def _load_worker(path: str) -> None:
    global _resolver
    from .resolver import Resolver
    _resolver = Resolver.load(path)


def _resolve_chunk(task: tuple[list[tuple[str, dt.date | None]], float | None]) -> list["Resolution | None"]:
    chunk, threshold = task
    assert _resolver is not None
    return [_resolver.resolve(mention, at=day, threshold=threshold) for mention, day in chunk]


def _dates(at: object, count: int) -> list[dt.date | None]:
    if at is None or isinstance(at, (str, dt.date)):
        day = None if at is None else parse_date(at)
        return [day] * count
    dates = [None if day is None else parse_date(day) for day in at]  # type: ignore[union-attr]
    if len(dates) != count:
        raise ValueError(f"at has {len(dates)} dates for {count} mentions")
    return dates


def _bar(total: int, progress: bool | None):
    from tqdm import tqdm
    show = sys.stderr.isatty() if progress is None else progress
    return tqdm(total=total, unit="mention", disable=not show, file=sys.stderr, smoothing=0.1)


def resolve_many(resolver: "Resolver", mentions: Iterable[str], *, at: object = None, workers: int | None = None,
                 threshold: float | None = None, progress: bool | None = None) -> list["Resolution | None"]:
    """See :meth:`Resolver.resolve_many`."""
    mentions = list(mentions)
    for position, mention in enumerate(mentions):
        if not isinstance(mention, str):
            raise TypeError(f"mention {position} is a {type(mention).__name__}, not a str")
    dates = _dates(at, len(mentions))
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be >= 1, not {workers}")
    distinct = list(dict.fromkeys(zip(mentions, dates)))
    chunks = [distinct[start:start + CHUNK] for start in range(0, len(distinct), CHUNK)]
    answers: dict[tuple[str, dt.date | None], Resolution | None] = {}
    with _bar(len(distinct), progress) as bar:
        if workers == 1 or len(chunks) < 2:
            for chunk in chunks:
                for key in chunk:
                    answers[key] = resolver.resolve(key[0], at=key[1], threshold=threshold)
                bar.update(len(chunk))
        else:
            for chunk, results in zip(chunks, _map(resolver, [(chunk, threshold) for chunk in chunks], workers)):
                answers.update(zip(chunk, results))
                bar.update(len(chunk))
    return [answers[key] for key in zip(mentions, dates)]


def _map(resolver: "Resolver", tasks: list, workers: int) -> Iterable[list["Resolution | None"]]:
    global _resolver
    workers = min(workers, len(tasks))
    if "fork" in multiprocessing.get_all_start_methods():
        _resolver = resolver  # inherited by the forked workers
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                yield from pool.imap(_resolve_chunk, tasks)
        finally:
            _resolver = None
        return
    with tempfile.TemporaryDirectory(prefix="namematch-") as directory:
        path = str(Path(directory) / "index.nmi")
        resolver.save(path)
        with multiprocessing.get_context("spawn").Pool(workers, initializer=_load_worker, initargs=(path,)) as pool:
            yield from pool.imap(_resolve_chunk, tasks)
