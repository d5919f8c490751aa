from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from namematch import Resolver

REPO = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("NAMEMATCH_EVAL", REPO.parent / "shared" / "eval"))


@pytest.fixture(scope="session")
def resolver() -> Resolver:
    return Resolver.default()


def seed_rows() -> list[dict[str, str]]:
    path = EVAL / "seed_mentions.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))
