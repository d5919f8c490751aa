"""namematch on Spark (issue 7): the same answers as resolve_many, row for row."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys

import pytest

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.types import DateType, StringType, StructField, StructType  # noqa: E402

from namematch.errors import IndexFormatError  # noqa: E402
from namematch.spark import resolve_column  # noqa: E402

MENTIONS = [
    ("ministre russe de la Défense", dt.date(2023, 9, 26)),
    ("ministre russe de la Défense", dt.date(2025, 5, 10)),
    ("وزير الدفاع الروسي", dt.date(2025, 5, 11)),
    ("Sergueï Choïgou", None),
    ("Сергей Шойгу", dt.date(2023, 9, 26)),
    ("يونس بك يفكيروف", None),
    ("Sanaa Amir", None),
    ("وحفتر", dt.date(2023, 9, 28)),
    ("porte-parole de Khalifa Haftar", dt.date(2023, 8, 22)),
    ("", None),
    (None, None),
    ("\u200f\u0640 ?!", dt.date(2020, 1, 1)),
] * 25


@pytest.fixture(scope="module")
def spark():
    # Spark's Python workers run PYSPARK_PYTHON, else whatever python3 is on PATH: this one.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("namematch-tests")
               .config("spark.sql.shuffle.partitions", "2").config("spark.ui.enabled", "false")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="module")
def saved(resolver, tmp_path_factory):
    path = tmp_path_factory.mktemp("spark") / "default.nmi"
    resolver.save(path)
    return path


def _frame(spark):
    schema = StructType([StructField("mention", StringType()), StructField("published", DateType())])
    return spark.createDataFrame(MENTIONS, schema=schema).repartition(3)


def test_spark_gives_the_answers_of_resolve_many_row_for_row(spark, resolver, saved):
    rows = resolve_column(_frame(spark), "mention", index=str(saved), date_column="published").collect()
    assert len(rows) == len(MENTIONS)
    present = [(m, d) for m, d in ((r["mention"], r["published"]) for r in rows) if m is not None]
    expected = dict(zip(present, resolver.resolve_many([m for m, _ in present], at=[d for _, d in present], workers=1)))
    for row in rows:
        answer = expected.get((row["mention"], row["published"])) if row["mention"] is not None else None
        assert row["entity_id"] == (answer.entity_id if answer else None)
        assert row["label"] == (answer.label if answer else None)
        assert row["kind"] == (answer.kind.value if answer else None)
        assert row["confidence"] == (answer.confidence if answer else None)
        assert row["holder_id"] == (answer.holder.entity_id if answer and answer.holder else None)
    holders = {(r["mention"], r["published"]): r["holder_id"] for r in rows}
    assert holders[("ministre russe de la Défense", dt.date(2023, 9, 26))] == "person:sergei-shoigu"
    assert holders[("ministre russe de la Défense", dt.date(2025, 5, 10))] == "person:andrei-belousov"


def test_a_resolver_can_be_given_instead_of_a_file_and_dates_are_optional(spark, resolver):
    frame = spark.createDataFrame([("Sergueï Choïgou",), ("Sanaa Amir",)], ["mention"])
    rows = resolve_column(frame, "mention", index=resolver).collect()
    assert [(r["mention"], r["entity_id"], r["holder_id"]) for r in rows] == [
        ("Sergueï Choïgou", "person:sergei-shoigu", None), ("Sanaa Amir", None, None)]


def test_bad_arguments_fail_on_the_driver(spark, saved, tmp_path):
    frame = spark.createDataFrame([("Choïgou",)], ["mention"])
    with pytest.raises(ValueError, match="no column 'text'"):
        resolve_column(frame, "text", index=str(saved))
    with pytest.raises(ValueError, match="already has a column 'label'"):
        resolve_column(frame.withColumnRenamed("mention", "label"), "label", index=str(saved))
    bad = tmp_path / "bad.nmi"
    bad.write_bytes(b"not an index")
    with pytest.raises(IndexFormatError):
        resolve_column(frame, "mention", index=str(bad))
