"""Shared loading of the labelled evaluation data (``../shared/eval``) for the benchmark scripts.

The split used to learn the calibration is by a hash of the expected entity id (of the mention
for NIL queries), so that all the queries of one entity fall on one side: ``fit`` half for
learning, ``held`` half for reporting.
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("NAMEMATCH_EVAL", REPO.parent / "shared" / "eval"))
XSCRIPT = EVAL / "xscript"
TASKS = ("ar2lat", "cyr2lat", "lat2ar", "lat2lat")
NIL = "NIL"


@dataclass(frozen=True)
class Query:
    task: str
    mention: str
    expected: str
    date: str | None = None

    @property
    def split(self) -> str:
        """``fit`` or ``held``: half the entities each, by a hash of the id."""
        key = self.expected if self.expected != NIL else "NIL:" + self.mention
        return "fit" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def gazetteer_path(task: str) -> Path:
    return XSCRIPT / ("gazetteer_arabic.csv" if task == "lat2ar" else "gazetteer_latin.csv")


def xscript_queries() -> list[Query]:
    with (XSCRIPT / "queries.tsv").open(encoding="utf-8", newline="") as handle:
        return [Query(row["task"], row["mention"], row["expected"]) for row in csv.DictReader(handle, delimiter="\t")]


def seed_queries() -> list[Query]:
    with (EVAL / "seed_mentions.tsv").open(encoding="utf-8", newline="") as handle:
        return [Query("seeds", row["mention"], row["expected"], row["date"])
                for row in csv.DictReader(handle, delimiter="\t")]
