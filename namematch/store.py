"""Saving a compiled resolver to a file and loading it back.

Building the index of a large gazetteer takes time (every name tokenised, keyed and filed); a
saved index loads in a fraction of it. The file is::

    namematch index\\n                       (the magic line)
    {"format": 1, "build": "...", "sha256": "...", "bytes": N}\\n
    N bytes of pickled Resolver

``build`` fingerprints the namematch code and data tables that compiled the index: an index is
only valid for the rules that built it, so a file from another build is refused rather than
answering with stale keys. ``sha256`` covers the payload, so a damaged file is refused too.
The payload is a pickle: load only index files you (or someone you trust) wrote.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import IndexFormatError
from .index import paused_gc

if TYPE_CHECKING:
    from .resolver import Resolver

__all__ = ["FORMAT", "build_fingerprint", "save", "load"]

MAGIC = b"namematch index\n"
#: The layout of the file; the payload's validity is checked by the build fingerprint.
FORMAT = 1


@functools.cache
def build_fingerprint() -> str:
    """A digest of namematch's modules and data tables: what compiles an index."""
    digest = hashlib.sha256()
    package = resources.files("namematch")
    entries = [(f"{entry.name}", entry) for entry in package.iterdir() if entry.name.endswith(".py")]
    entries += [(f"data/{entry.name}", entry) for entry in package.joinpath("data").iterdir()
                if entry.name.endswith((".tsv", ".json"))]
    for name, entry in sorted(entries, key=lambda item: item[0]):
        digest.update(name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def save(resolver: "Resolver", path: str | os.PathLike[str]) -> None:
    """Write ``resolver`` (gazetteer, index, calibration, threshold) to ``path``, atomically."""
    path = Path(path)
    with paused_gc():
        payload = pickle.dumps(resolver, protocol=pickle.HIGHEST_PROTOCOL)
    header = {"format": FORMAT, "build": build_fingerprint(), "sha256": hashlib.sha256(payload).hexdigest(),
              "bytes": len(payload)}
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC)
            out.write(json.dumps(header).encode() + b"\n")
            out.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(path: str | os.PathLike[str]) -> "Resolver":
    """Read a resolver written by :func:`save`; :class:`IndexFormatError` if it is not one, was
    written by another build of namematch, or is damaged."""
    from .resolver import Resolver

    path = Path(path)
    try:
        with open(path, "rb") as handle:
            if handle.read(len(MAGIC)) != MAGIC:
                raise IndexFormatError(f"{path}: not a namematch index file")
            try:
                header = json.loads(handle.readline())
                size, expected = int(header["bytes"]), str(header["sha256"])
                form, build = header["format"], header["build"]
            except (ValueError, KeyError, TypeError):
                raise IndexFormatError(f"{path}: damaged index file (unreadable header)") from None
            if form != FORMAT:
                raise IndexFormatError(f"{path}: index file format {form}; this namematch reads format {FORMAT}. "
                                       "Rebuild the index with Resolver.save")
            if build != build_fingerprint():
                raise IndexFormatError(f"{path}: index built by another version of namematch (build {build}, this is "
                                       f"{build_fingerprint()}); its keys would be stale. Rebuild it with Resolver.save")
            payload = handle.read(size + 1)
    except OSError as error:
        raise IndexFormatError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(payload) != size or hashlib.sha256(payload).hexdigest() != expected:
        raise IndexFormatError(f"{path}: damaged index file (checksum mismatch); rebuild it with Resolver.save")
    with paused_gc(freeze=True):
        resolver = pickle.loads(payload)
    if not isinstance(resolver, Resolver):
        raise IndexFormatError(f"{path}: the file does not hold a Resolver")
    return resolver
