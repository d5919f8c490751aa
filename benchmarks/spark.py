"""Resolving a column of mentions on Spark (``local[2]``) beside ``resolve_many`` in one process.

The column has ``--rows`` mentions (default 1,000,000) drawn at random, with a fixed seed,
from the xscript queries against the Latin gazetteer (2,104 distinct mentions): a news
archive's column repeats its names in the same way. The gazetteer is the 100k-name one of
``benchmarks/speed.py``. Both sides get the same rows; rows per second count the whole column.

Run: ``pip install ".[spark]"``, then ``python benchmarks/spark.py`` (a few minutes).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import gazetteer_csv, mentions  # noqa: E402

from namematch import Gazetteer, Resolver  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--names", type=int, default=100_000)
    args = parser.parse_args()
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StringType, StructField, StructType

    from namematch.spark import resolve_column

    random.seed(20261123)
    distinct = mentions()
    column = [random.choice(distinct) for _ in range(args.rows)]
    with tempfile.TemporaryDirectory() as directory:
        csv_path = Path(directory) / "gazetteer.csv"
        csv_path.write_text(gazetteer_csv(args.names), encoding="utf-8")
        resolver = Resolver(Gazetteer.from_csv(csv_path))
        index = Path(directory) / "index.nmi"
        resolver.save(index)

        started = time.perf_counter()
        local = resolver.resolve_many(column, workers=1, progress=False)
        one_process = args.rows / (time.perf_counter() - started)

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers run this Python
        spark = (SparkSession.builder.master("local[2]").appName("namematch-benchmark")
                 .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                 .config("spark.driver.memory", "4g").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        frame = spark.createDataFrame([(m,) for m in column], StructType([StructField("mention", StringType())]))
        frame = frame.repartition(2).cache()
        frame.count()
        # Timed to the last row resolved, without bringing the million rows back to the driver.
        resolved = resolve_column(frame, "mention", index=str(index)).cache()
        started = time.perf_counter()
        resolved.count()
        on_spark = args.rows / (time.perf_counter() - started)
        rows = resolved.select("mention", "entity_id").collect()
        spark.stop()
    answers = {m: (a.entity_id if a else None) for m, a in zip(column, local)}
    same = sum(answers[r["mention"]] == r["entity_id"] for r in rows) / len(rows)
    print(f"| rows | distinct mentions | gazetteer names | resolve_many, one process (rows/s) "
          f"| Spark local[2] (rows/s) | same answers |")
    print("|---|---|---|---|---|---|")
    print(f"| {args.rows:,} | {len(set(column)):,} | {len(resolver.index):,} indexed ({args.names:,} rows) "
          f"| {one_process:,.0f} | {on_spark:,.0f} | {same:.4f} |")


if __name__ == "__main__":
    main()
