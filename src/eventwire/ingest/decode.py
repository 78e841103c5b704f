"""Bytes to text: the one place eventwire guesses an encoding.

The fallback chain, first hit wins:

1. Byte order mark (UTF-8, UTF-16, UTF-32).
2. Known binary magic numbers, NUL bytes near the start or many control
   bytes: ``InputError("binary")``.
3. Declared charset: the caller's (an HTTP header), else an HTML ``<meta>``
   or XML declaration in the first 4 KB, decoded strictly. A declared
   single-byte Western charset is overridden by UTF-8 when the bytes are valid
   UTF-8 with non-ASCII characters: sites that say ``iso-8859-1`` and send
   UTF-8 are common, while cp1252 text that happens to be valid UTF-8 is not.
4. Strict UTF-8.
5. Mostly UTF-8 with a few bad bytes (a page stitched from two encodings):
   UTF-8 with ``errors="replace"``.
6. ``charset_normalizer`` detection, preferring the encodings common on the
   web among equally good candidates.
7. UTF-8 with ``errors="replace"``, unless that leaves mostly U+FFFD
   (then ``InputError("binary")``).

Text that was already decoded wrongly upstream, UTF-8 read as Windows-1252
("the courtâ€™s decision"), is repaired by :func:`repair_mojibake` (ftfy)
after extraction has decoded it.

Empty or whitespace-only input raises ``InputError("empty")``. The sniffing
helpers (:func:`looks_binary`, :func:`looks_like_html`) are what readers use to
label bytes without decoding them.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from eventwire.errors import InputError

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Formats people drop into news folders by mistake. Only multi-byte magics:
# a one- or two-byte prefix would misfire on ordinary text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx/epub)"),
    (b"\x1f\x8b\x08", "gzip data"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"BZh91AY&SY", "bzip2 data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (old .doc/.xls)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"\x00asm", "WebAssembly"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)

# C0 controls that never appear in text. Tab, LF, VT, FF, CR are text; SO, SI
# and ESC are kept out because ISO-2022 encodings (Japanese mail and news)
# use them as shift codes.
_CONTROL_BYTES = bytes([*range(0, 9), *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F])
# Text has well under 0.1 % of these; compressed or random bytes ~11 %.
_MAX_CONTROL_RATIO = 0.05
# git's rule: a NUL in the first 8000 bytes means binary.
_NUL_WINDOW = 8000
# Where <meta charset> and <?xml encoding?> are looked for. The HTML spec
# scans 1024 bytes; real pages often put the tag after a few scripts.
_DECLARATION_WINDOW = 4096
# Fraction of U+FFFD after a lossy decode above which the input was not text.
_MAX_REPLACEMENT_RATIO = 0.25
# A lossy UTF-8 decode is preferred to detection when valid multi-byte
# characters outnumber the bad bytes by this factor.
_UTF8_DOMINANCE = 4

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]{1,40})""")
_HTML_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|script|h[1-6]|table|span|a\s)[\s>/]",
    re.IGNORECASE,
)

# Labels that browsers decode as a superset (WHATWG Encoding Standard). A page
# that says iso-8859-1 and uses curly quotes from 0x80-0x9F expects cp1252.
_WEB_ALIASES = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "iso8859_9": "cp1254",
    "tis_620": "cp874",
    "iso8859_11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
_SINGLE_BYTE_WESTERN = {"cp1252", "cp1250", "cp1254", "iso8859_15", "iso8859_2"}
# Tie-break among charset_normalizer candidates of equal quality, roughly by
# how common each encoding is on news sites.
_WEB_PREFERENCE = (
    "utf_8", "cp1252", "cp1251", "gb18030", "cp932", "euc_jp", "cp949",
    "cp1250", "big5hkscs", "big5", "cp1256", "cp1254", "cp1253", "cp1255",
    "koi8_r", "iso8859_2", "cp874", "cp1257", "cp1258",
)


def decode_bytes(content: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode document bytes to text; return ``(text, python_codec_name)``.

    ``declared`` is a charset label from outside the bytes (HTTP header,
    WARC record, feed). Raises ``InputError("empty")`` for empty or
    whitespace-only input and ``InputError("binary")`` for non-text bytes.

    Example: ``decode_bytes(b"caf\\xc3\\xa9")`` returns ``("café", "utf-8")``.
    """
    if not content.strip():
        raise InputError("empty", "the document is empty or only whitespace")
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            text = content[len(bom) :].decode(encoding, errors="replace")
            return _checked(text, encoding)
    reason = binary_reason(content)
    if reason:
        raise InputError("binary", f"the document is not text ({reason})")

    for label in (declared, declared_charset(content[:_DECLARATION_WINDOW])):
        encoding = _normalise_label(label)
        if encoding is None:
            continue
        if encoding in _SINGLE_BYTE_WESTERN and not content.isascii():
            try:
                return _checked(content.decode("utf-8"), "utf-8")
            except UnicodeDecodeError:
                pass
        try:
            return _checked(content.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError):
            continue  # a wrong declaration is common; keep guessing

    try:
        return _checked(content.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lossy = content.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    good = sum(1 for ch in lossy if ch > "\x7f") - bad
    if good >= _UTF8_DOMINANCE * bad:
        return _checked(lossy, "utf-8")
    detected = _detect(content)
    if detected is not None:
        return _checked(content.decode(detected, errors="replace"), detected)
    return _checked(lossy, "utf-8")


# What UTF-8 read as Windows-1252 or Latin-1 looks like: a lead byte's letter (U+00C2-U+00F4)
# before a continuation byte's character ("â€™", "Ã©"), or "Â" before the space a no-break
# space became. Text without it skips ftfy's own, slower test.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]|\u00c2 "
)


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8 that was read as Windows-1252 or Latin-1 decoded again.

    Text dumps and scraped pages carry it when one step of their making used
    the wrong codec: "the courtâ€™s decision", "â€œWe demand a banâ€\ufffd".
    ftfy finds and undoes it, and leaves text that only looks odd alone. A
    closing quote whose last byte the wrong codec could not map ("â€\ufffd":
    U+201D is E2 80 9D, and 0x9D is undefined in Windows-1252) is restored as
    that quote: it is by far the commonest character so damaged in news.

    Example: ``repair_mojibake("the courtâ€™s decision")`` -> ``"the court’s decision"``
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy  # 60 ms to import: only for text that needs it

    return ftfy.fix_encoding(text.replace("\u00e2\u20ac\ufffd", "\u00e2\u20ac\x9d"))


def binary_reason(content: bytes) -> str | None:
    """Why ``content`` is not text (a format name or a byte statistic), or None.

    Byte-order-marked UTF-16/32 is text, although it has NUL bytes.

    Example: ``binary_reason(b"%PDF-1.7 ...")`` returns ``"PDF document"``.
    """
    if any(content.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in _MAGIC:
        if content.startswith(magic):
            return name
    if b"\x00" in content[:_NUL_WINDOW]:
        return "NUL bytes"
    controls = len(content) - len(content.translate(None, _CONTROL_BYTES))
    if content and controls / len(content) > _MAX_CONTROL_RATIO:
        return f"{controls} control bytes in {len(content)}"
    return None


def looks_binary(head: bytes) -> bool:
    """True when the first bytes of a file are clearly not text.

    Example: ``looks_binary(b"\\x89PNG\\r\\n\\x1a\\n...")`` is True.
    """
    return binary_reason(head) is not None


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes contain a common HTML tag.

    Example: ``looks_like_html(b"<!DOCTYPE html><html>")`` is True.
    """
    return _HTML_TAG.search(head[:_DECLARATION_WINDOW]) is not None


def declared_charset(head: bytes) -> str | None:
    """The charset named by an HTML ``<meta>`` or an XML declaration, if any.

    Example: ``declared_charset(b'<meta charset="windows-1251">')`` returns
    ``"windows-1251"``.
    """
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _normalise_label(label: str | None) -> str | None:
    """Python codec name for a charset label, with web superset aliases."""
    if not label:
        return None
    cleaned = label.strip().strip("\"'").lower()
    if cleaned in {"utf8mb4", "utf8mb3"}:  # MySQL names seen in the wild
        cleaned = "utf-8"
    try:
        name = codecs.lookup(cleaned).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    name = _WEB_ALIASES.get(name, name)
    # Declared UTF-16 without a BOM is almost always a mislabelled UTF-8 page
    # (browsers treat it so too).
    if name.startswith(("utf_16", "utf_32")):
        return "utf-8"
    return "utf-8" if name == "utf_8" else name


def _detect(content: bytes) -> str | None:
    """Best charset_normalizer guess, tie-broken towards common web encodings."""
    matches = list(from_bytes(content))
    if not matches:
        return None
    best = matches[0]
    near = [m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.1]
    names = {m.encoding for m in near}
    for preferred in _WEB_PREFERENCE:
        if preferred in names:
            return preferred
    return best.encoding


def _checked(text: str, encoding: str) -> tuple[str, str]:
    """Final checks on decoded text: not blank, not mostly replacement chars."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError("empty", "the document is empty or only whitespace")
    if text.count("\ufffd") > _MAX_REPLACEMENT_RATIO * len(text):
        raise InputError("binary", f"the document is not text (mostly undecodable as {encoding})")
    return text, encoding
