"""Resolving a column of mentions on Apache Spark (``pip install "namematch[spark]"``).

:func:`resolve_column` adds ``entity_id``, ``label``, ``kind``, ``confidence`` (and, with a date
column, ``holder_id``) to a DataFrame. The compiled index is a saved index file
(:meth:`Resolver.save`) shipped once to every executor with ``SparkContext.addFile``; each
executor's Python worker loads it once and keeps it, and each batch of rows is resolved with
:meth:`Resolver.resolve_many` through ``mapInPandas``, so that the answers are those of
``resolve_many`` on the same rows::

    from namematch import Resolver
    from namematch.spark import resolve_column

    Resolver.default().save("namematch.nmi")            # or: namematch index namematch.nmi ...
    resolved = resolve_column(df, "mention", index="namematch.nmi", date_column="published")
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .resolver import Resolver

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["resolve_column", "OUTPUT_COLUMNS"]

#: The columns added, in order.
OUTPUT_COLUMNS = ("entity_id", "label", "kind", "confidence", "holder_id")

# The resolver of this Python worker, by index file name: loaded once, kept for every batch.
_loaded: dict[str, Resolver] = {}
# Each worker's answers so far, by index file and threshold; at most _MEMO of them.
_memos: dict[tuple[str, float | None], dict[tuple[str, object], object]] = {}
_MEMO = 200_000


def _worker_resolver(name: str) -> Resolver:
    resolver = _loaded.get(name)
    if resolver is None:
        from pyspark import SparkFiles
        resolver = _loaded[name] = Resolver.load(SparkFiles.get(name))
    return resolver


def _day(value: object) -> dt.date | str | None:
    """A date cell as resolve_many takes it: None, a date, or an ISO string."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    try:
        import pandas as pd
        if value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.date()
    except ImportError:  # pragma: no cover - pandas comes with the spark extra
        pass
    if isinstance(value, (dt.date, str)):
        return value
    raise TypeError(f"a date column holds dates or ISO strings, not {type(value).__name__}")


def resolve_column(df: "DataFrame", column: str, *, index: str | os.PathLike[str] | Resolver,
                   date_column: str | None = None, threshold: float | None = None) -> "DataFrame":
    """``df`` with the entity each mention of ``column`` names.

    ``index`` is a saved index file (:meth:`Resolver.save`, ``namematch index``) or a
    :class:`Resolver`, which is saved to a temporary file first. ``date_column`` (dates or ISO
    strings) is the date of each mention: roles get ``holder_id``, the person holding them then.
    A mention that resolves to nothing, or a null mention, gets nulls.
    """
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    missing = [name for name in (column, date_column) if name is not None and name not in df.columns]
    if missing:
        raise ValueError(f"no column {missing[0]!r} in the DataFrame (columns: {', '.join(df.columns)})")
    clash = [name for name in OUTPUT_COLUMNS if name in df.columns]
    if clash:
        raise ValueError(f"the DataFrame already has a column {clash[0]!r}, which resolve_column adds")
    if isinstance(index, Resolver):
        directory = tempfile.mkdtemp(prefix="namematch-spark-")
        path = Path(directory) / "namematch.nmi"
        index.save(path)
    else:
        path = Path(index)
        Resolver.load(path)  # a damaged or foreign index fails here, on the driver, not in a task
    session = df.sparkSession
    session.sparkContext.addFile(str(path))
    name = path.name

    schema = StructType(df.schema.fields + [
        StructField("entity_id", StringType()), StructField("label", StringType()), StructField("kind", StringType()),
        StructField("confidence", DoubleType()), StructField("holder_id", StringType())])

    def resolve_batches(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        resolver = _worker_resolver(name)
        # Names repeat across a column: each worker remembers its answers (a bounded memo).
        memo = _memos.setdefault((name, threshold), {})
        for batch in batches:
            mentions = batch[column].tolist()
            dates = batch[date_column].tolist() if date_column is not None else [None] * len(mentions)
            keys = [(mention, _day(day)) if isinstance(mention, str) else None for mention, day in zip(mentions, dates)]
            unknown = list(dict.fromkeys(key for key in keys if key is not None and key not in memo))
            if len(memo) + len(unknown) > _MEMO:
                memo.clear()
                unknown = list(dict.fromkeys(key for key in keys if key is not None))
            answers = resolver.resolve_many([mention for mention, _ in unknown], at=[day for _, day in unknown],
                                            workers=1, threshold=threshold, progress=False)
            memo.update(zip(unknown, answers))
            found = [memo[key] if key is not None else None for key in keys]
            batch = batch.copy()
            batch["entity_id"] = [a.entity_id if a else None for a in found]
            batch["label"] = [a.label if a else None for a in found]
            batch["kind"] = [a.kind.value if a else None for a in found]
            batch["confidence"] = [float(a.confidence) if a else None for a in found]
            batch["holder_id"] = [a.holder.entity_id if a and a.holder else None for a in found]
            yield batch

    return df.mapInPandas(resolve_batches, schema=schema)
