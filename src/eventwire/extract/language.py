"""Language of an article's text, as an ISO 639-1 code.

py3langid (a maintained port of langid.py: naive Bayes over byte n-grams,
97 languages) is small, offline and fast. The model is loaded once per
process, on first use, so importing eventwire stays cheap and forked workers
load it only if they need it.
"""

from __future__ import annotations

import re
import threading
from array import array

import msgspec
import numpy as np

from eventwire.cache import cache_path, package_version, read_cached, write_cached

# Below ~20 letters the n-gram counts are too few for any language id to be
# right much more often than chance between related languages. A CJK
# character is a syllable or a word and three UTF-8 bytes (the model counts
# bytes), so it weighs three letters: a 7-character Japanese clause counts.
_MIN_LETTERS = 20
_WIDE_WEIGHT = 3
_WIDE_START = 0x2E80  # CJK radicals; kana, hangul and ideographs lie above
# Language is decided from the opening of the text: 600 characters is
# three to five sentences of prose. On the 181 AEB pages it gives the same
# answer as 1,000 characters at half the cost (0.4 ms against 0.8 ms; the
# classifier is linear in the text length).
_SAMPLE_CHARS = 600
# With normalised probabilities, prose scores 0.8 to 1.0 for its language
# (lowest on the AEB pages: 0.82); mixed or garbled text falls well below.
# Under 0.5 the best guess is no better than its runner-up: we say nothing.
_MIN_CONFIDENCE = 0.5

_LETTER = re.compile(r"[^\W\d_]")
_URLISH = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")

_identifier = None
_lock = threading.Lock()


def _get_identifier():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                try:
                    _identifier = _load_identifier()
                except OSError as exc:
                    # py3langid unpacks its model (~68 MB) into a temporary
                    # file; with a full temp disk that is a raw OSError.
                    import tempfile

                    from eventwire.errors import EventwireError

                    raise EventwireError(
                        f"cannot load the language model: unpacking it under {tempfile.gettempdir()} failed "
                        f"({exc.strerror or exc}); free space there or set TMPDIR to a disk with 100 MB to spare"
                    ) from exc
    return _identifier


#: Bumped when the cached model's layout changes.
_CACHE_FORMAT = 1
# py3langid's stdlib array type codes, by item size.
_ARRAY_TYPES = {2: "H", 4: "I", 8: "L"}


class _Array(msgspec.Struct, array_like=True):
    dtype: str
    shape: list[int]
    data: bytes

    @classmethod
    def of(cls, value) -> _Array:
        value = np.ascontiguousarray(value)
        return cls(value.dtype.str, list(value.shape), value.tobytes())

    def numpy(self):
        return np.frombuffer(self.data, dtype=self.dtype).reshape(self.shape)

    def stdlib(self) -> array:
        out = array(_ARRAY_TYPES[np.dtype(self.dtype).itemsize])
        out.frombytes(self.data)
        return out


class _Model(msgspec.Struct):
    ptc: _Array
    pc: _Array
    classes: list[str]
    nextmove: _Array
    row: _Array
    output: list[int]


def _load_identifier():
    """py3langid's model, read from the disk cache (:mod:`eventwire.cache`) when it is there.

    py3langid ships its model LZMA-compressed (4.6 MB) and unpacks it (68 MB)
    on every load: about 0.4 s in every process that extracts. The unpacked
    arrays are cached, keyed by py3langid's version, and read back in a
    tenth of that.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    path = cache_path("langid", (_CACHE_FORMAT, package_version("py3langid")))
    model = read_cached(path, _Model)
    if model is None:
        ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
        model = _Model(_Array.of(ptc), _Array.of(pc), list(classes),
                       _Array.of(np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}")),
                       _Array.of(np.frombuffer(row, dtype=f"u{row.itemsize}")), list(output))
        write_cached(path, model)
    return LanguageIdentifier(model.ptc.numpy(), model.pc.numpy(), model.classes, model.nextmove.stdlib(),
                              model.output, norm_probs=True, tk_row=model.row.stdlib())


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when too short or unsure.

    Example: ``detect_language("Die Regierung hat am Montag neue Sanktionen angekündigt.")`` -> ``"de"``
    """
    if not text:
        return None
    # URLs and e-mail addresses are English-looking ASCII in every language
    sample = _URLISH.sub(" ", text[:_SAMPLE_CHARS])
    weight = sum(_WIDE_WEIGHT if ord(ch) >= _WIDE_START else 1 for ch in _LETTER.findall(sample))
    if weight < _MIN_LETTERS:
        return None
    code, confidence = _get_identifier().classify(sample)
    if confidence < _MIN_CONFIDENCE or len(code) != 2:
        return None
    return code
