"""Loading of namematch's data tables (``namematch/data/*.tsv``).

Tables are tab-separated, with ``#`` comment lines naming their source. Each is read once, on
first use, and cached; :func:`clear_caches` drops the caches (for tests that edit tables).
"""

from __future__ import annotations

import functools
from importlib import resources

from .errors import DataTableError

__all__ = ["read_table", "clear_caches"]


@functools.cache
def read_table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """Rows of ``namematch/data/<name>``, each with exactly ``columns`` fields.

    Blank lines and lines starting with ``#`` are skipped. A row with fewer fields is an error;
    extra fields (notes) are dropped.
    """
    text = resources.files("namematch").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < columns:
            raise DataTableError(f"namematch/data/{name}, line {number}: expected {columns} tab-separated fields, got {len(fields)}")
        rows.append(tuple(field.strip() for field in fields[:columns]))
    return tuple(rows)


def clear_caches() -> None:
    """Forget every loaded table and everything derived from them."""
    read_table.cache_clear()
    from . import normalise

    normalise.clear_caches()
