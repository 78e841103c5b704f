"""Bounded reading: size caps, guarded gzip, directory walks, Reject records.

Readers never hold more than one document in memory and never trust a
size they have not counted. Gzip input goes through :class:`GzipGuard`,
which stops decompressing when the output is both larger than
``settings.limits.max_decompressed_bytes`` *and* more than
:data:`MAX_GZIP_RATIO` times the compressed bytes read: a multi-GB
``.warc.gz`` of real pages expands about 5:1 and passes; a bomb expands
~1000:1 and is stopped at the cap.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from eventwire.errors import InputError
from eventwire.records import Reject

STAGE = "ingest"
GZIP_MAGIC = b"\x1f\x8b"
# News HTML, JSON and WARC compress 4-15:1 with gzip; only long runs of one
# byte (what bombs are made of) pass 100:1. Deflate's ceiling is ~1032:1.
MAX_GZIP_RATIO = 100
# Large enough that readline() and WARC parsing make few system calls.
BUFFER_SIZE = 1 << 16
_DRAIN_CHUNK = 1 << 20


def make_reject(
    source: str, reason: str, message: str, *, content: bytes | None = None, size: int = 0
) -> Reject:
    """A Reject from the ingest stage; hashes ``content`` when it is given.

    Example: ``make_reject("a.txt", "empty", "the file is empty")``
    """
    digest = hashlib.sha256(content).hexdigest() if content is not None else ""
    if content is not None and not size:
        size = len(content)
    return Reject(source=source, reason=reason, message=message, stage=STAGE, size=size, content_hash=digest)


def reject_from_error(source: str, error: InputError, *, size: int = 0) -> Reject:
    """Turn an InputError raised while reading ``source`` into a Reject.

    Example: ``reject_from_error("x.gz", InputError("gzip_bomb", "..."))``
    """
    return make_reject(source, error.reason, str(error), size=size)


class CountingReader(io.RawIOBase):
    """Counts the bytes read from a binary stream (for the gzip ratio)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


class GzipGuard(io.RawIOBase):
    """A gzip decompressor that refuses bombs and reports truncation.

    Reads raise ``InputError`` with reason ``gzip_bomb``, ``truncated_gzip``
    or ``bad_gzip``. Multi-member files (one member per WARC record) work.

    Example: ``io.BufferedReader(GzipGuard(open("a.jsonl.gz", "rb"), 50_000_000))``
    """

    def __init__(self, raw: BinaryIO, max_decompressed: int) -> None:
        self._compressed = CountingReader(raw)
        self._gzip = gzip.GzipFile(fileobj=self._compressed, mode="rb")  # type: ignore[arg-type]
        self.cap = max_decompressed
        self.decompressed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        try:
            # read1: one decompression step, so the data before a truncation
            # is handed out before the EOFError that follows it.
            data = self._gzip.read1(len(buffer))
        except EOFError as exc:
            raise InputError(
                "truncated_gzip",
                f"the gzip stream ends early after {self.decompressed} decompressed bytes "
                f"(an interrupted download or copy?): {exc}",
            ) from exc
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise InputError("bad_gzip", f"the gzip data is corrupt: {exc}") from exc
        n = len(data)
        buffer[:n] = data
        self.decompressed += n
        if self.decompressed > self.cap and self.decompressed > MAX_GZIP_RATIO * max(self._compressed.count, 1):
            raise InputError(
                "gzip_bomb",
                f"{self._compressed.count} compressed bytes expanded past {self.cap} bytes "
                f"(ratio over {MAX_GZIP_RATIO}:1); raise limits.max_decompressed_bytes if this file is genuine",
            )
        return n


def open_guarded(stream: io.BufferedReader, max_decompressed: int) -> tuple[io.BufferedReader, GzipGuard]:
    """Wrap a buffered stream of gzip data in a guard and a new buffer.

    Example: ``reader, guard = open_guarded(io.BufferedReader(f), 50_000_000)``
    """
    guard = GzipGuard(stream, max_decompressed)  # type: ignore[arg-type]
    return io.BufferedReader(guard, BUFFER_SIZE), guard


def read_capped(stream: BinaryIO, limit: int, guard: GzipGuard | None = None) -> bytes:
    """Read a whole document of at most ``limit`` bytes, else ``too_large``.

    For gzip input, an over-long document is drained (discarding) until the
    guard either finds a bomb or the output reaches its cap, so that a bomb
    is reported as ``gzip_bomb`` rather than ``too_large``.

    Example: ``read_capped(open("a.html", "rb"), 10_000_000)``
    """
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data
    if guard is not None:
        while guard.decompressed <= guard.cap:  # the guard raises on a bomb
            if not stream.read(_DRAIN_CHUNK):
                break
    raise InputError(
        "too_large",
        f"the document is larger than {limit} bytes (limits.max_document_bytes); "
        "split it or raise the limit",
    )


def file_problem(path: str) -> tuple[str, str, int] | None:
    """Why ``path`` cannot be read as a file, as ``(reason, message, size)``.

    Checks existence and type without opening: opening a FIFO found in a
    news folder would block forever.

    Example: ``file_problem("/no/such/file")`` returns ``("not_found", ..., 0)``
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return "unreadable", f"{path} is a broken symbolic link", 0
        return "not_found", f"{path} does not exist", 0
    except OSError as exc:
        return "unreadable", f"cannot read {path}: {exc.strerror or exc}", 0
    if not stat.S_ISREG(info.st_mode):
        return "unreadable", f"{path} is not a regular file (FIFO, socket or device)", 0
    return None


def walk_files(root: str) -> Iterator[str | Reject]:
    """Files under ``root`` in sorted path order, skipping hidden names.

    Streams: holds one directory listing per level, never the whole tree.
    Symlinked directories are followed once (a link loop is not a trap).
    Unreadable subdirectories come out as ``unreadable`` Rejects.

    Example: ``list(walk_files("news/"))`` gives ``["news/a.html", "news/b/c.txt"]``
    """
    seen_dirs: set[tuple[int, int]] = set()

    def walk(directory: str) -> Iterator[str | Reject]:
        try:
            info = os.stat(directory)
            key = (info.st_dev, info.st_ino)
            if key in seen_dirs:
                return
            seen_dirs.add(key)
            with os.scandir(directory) as scan:
                entries = sorted(
                    (entry.name, entry.path, _is_dir(entry)) for entry in scan if not entry.name.startswith(".")
                )
        except OSError as exc:
            yield make_reject(directory, "unreadable", f"cannot list directory {directory}: {exc.strerror or exc}")
            return
        for _, path, is_dir in entries:
            if is_dir:
                yield from walk(path)
            else:
                yield path

    yield from walk(root)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symlinks; loops are cut by inode
    except OSError:
        return False
