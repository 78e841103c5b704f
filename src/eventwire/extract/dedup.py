"""Near-duplicate detection for syndicated copies, with MinHash LSH.

Wire stories reappear on many sites with different chrome and a lightly edited
lead. Exact ids cannot see that; MinHash over word shingles can. The first
article stored keeps its place; later copies are stored too (they are real
reports, and count as mentions) but carry ``duplicate_of`` = the first one's id.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable

import numpy as np

from eventwire.settings import Dedup

_WORD = re.compile(r"\w+")
# Signatures follow datasketch's 32-bit affine scheme ("affine32"): values fit
# in uint32, so a signature is num_perm * 4 bytes in the store (512 bytes at
# 128 permutations).
# Texts shorter than this many words give shingle sets too small for a stable
# estimate; two short wire briefs share most of their words by chance.
_MIN_WORDS = 40


def signature(text: str, settings: Dedup) -> bytes | None:
    """MinHash signature of ``text`` as bytes, or None when it is too short.

    Example: ``signature(article.text, Settings().dedup)``
    """
    words = _WORD.findall(text.casefold())
    if len(words) < _MIN_WORDS:
        return None
    n = settings.shingle
    shingles = {" ".join(words[i : i + n]).encode() for i in range(len(words) - n + 1)}
    return minhash_values(shingles, settings.num_perm).astype("<u4").tobytes()


def minhash_values(items: Iterable[bytes], num_perm: int) -> np.ndarray:
    """The MinHash values of ``items``: the same as datasketch's
    ``MinHash(num_perm, seed=1, scheme="affine32")`` after ``update_batch``.

    Computed here rather than by datasketch because importing datasketch
    imports scipy (for its LSH parameters), a third of a second in every
    worker process, which only needs the signature. Each item's hash is the
    first 4 bytes of its SHA-1 (little-endian), mixed by MurmurHash3's 32-bit
    finalizer, then put through ``num_perm`` affine maps ``a * h + b`` mod 2^32.
    ``tests/extract/test_dedup.py`` checks the values against datasketch's.
    """
    digests = b"".join(hashlib.sha1(item).digest()[:4] for item in items)
    hv = np.frombuffer(digests, dtype="<u4").astype(np.uint32)
    if hv.size == 0:
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    hv = hv ^ (hv >> np.uint32(16))
    a, b = _permutations(num_perm)
    return (hv[:, None] * a + b).min(axis=0)


@functools.cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations for seed 1: odd ``a``, any ``b``."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


@functools.cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` of the LSH index for ``threshold`` and ``num_perm`` values.

    The split datasketch's ``MinHashLSH`` chooses with its default weights:
    the one that minimises the chance of a false positive (two texts below
    the threshold sharing a band) plus that of a false negative (two above
    it sharing none), each the integral of the standard band curve
    ``1 - (1 - s**rows)**bands`` over its side of the threshold. datasketch
    integrates with scipy, a third of a second to import in the process
    that marks duplicates while the workers code; these are polynomials of
    degree at most ``num_perm``, which Gauss-Legendre quadrature with
    ``num_perm // 2 + 1`` nodes integrates exactly. ``tests/extract/test_dedup.py``
    checks the choice against datasketch's.

    Example: ``lsh_bands(0.8, 128)`` -> ``(9, 13)``
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(f, lo: float, hi: float) -> float:
        half = (hi - lo) / 2
        return float(half * np.dot(weights, f(half * nodes + (hi + lo) / 2)))

    best, opt = float("inf"), (0, 0)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_pos = integral(lambda s: 1 - (1 - s**rows) ** bands, 0.0, threshold)
            false_neg = integral(lambda s: (1 - s**rows) ** bands, threshold, 1.0)
            error = 0.5 * false_pos + 0.5 * false_neg
            if error < best:
                best, opt = error, (bands, rows)
    return opt


class NearDuplicateIndex:
    """An LSH index of the signatures seen so far, in insertion order.

    A signature's values are cut into :func:`lsh_bands` bands; texts that
    share a band are candidates, and a candidate is a near-duplicate when
    the share of equal values (the estimate of the texts' Jaccard
    similarity) reaches the threshold.

    Example::

        index = NearDuplicateIndex(Settings().dedup)
        index.add("a1", sig1)
        index.find(sig2)   # -> "a1" if the texts are near-duplicates
    """

    def __init__(self, settings: Dedup, existing: Iterable[tuple[str, bytes]] = ()) -> None:
        self._settings = settings
        bands, rows = lsh_bands(settings.threshold, settings.num_perm)
        width = 4 * rows  # bytes of a band: rows uint32 values
        self._cuts = [(k * width, (k + 1) * width) for k in range(bands)]
        self._tables: list[dict[bytes, list[str]]] = [{} for _ in range(bands)]
        self._order: dict[str, int] = {}
        # Raw signatures: an array is 512 bytes, and a store may hold millions.
        self._sigs: dict[str, np.ndarray] = {}
        for key, sig in existing:
            self.add(key, sig)

    def __len__(self) -> int:
        return len(self._order)

    def find(self, sig: bytes | None) -> str | None:
        """The earliest indexed article this signature nearly duplicates."""
        values = self._values(sig)
        if values is None or not self._order:
            return None
        best: tuple[int, str] | None = None
        candidates = {key for table, (lo, hi) in zip(self._tables, self._cuts) for key in table.get(sig[lo:hi], ())}
        for key in candidates:
            # LSH candidates are probable, not certain: confirm on the estimate.
            if float(np.mean(self._sigs[key] == values)) >= self._settings.threshold:
                rank = self._order[key]
                if best is None or rank < best[0]:
                    best = (rank, key)
        return best[1] if best else None

    def add(self, key: str, sig: bytes | None) -> None:
        values = self._values(sig)
        if values is None or key in self._order:
            return
        self._sigs[key] = values
        self._order[key] = len(self._order)
        for table, (lo, hi) in zip(self._tables, self._cuts):
            table.setdefault(sig[lo:hi], []).append(key)

    def _values(self, sig: bytes | None) -> np.ndarray | None:
        """The signature's values; None for none, and for one of another length: made with
        another ``num_perm`` (a store written under other settings), it compares with nothing."""
        if sig is None or len(sig) != 4 * self._settings.num_perm:
            return None
        return np.frombuffer(sig, dtype="<u4")
