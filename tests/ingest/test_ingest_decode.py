import codecs

import pytest

from eventwire.errors import InputError
from eventwire.ingest.decode import binary_reason, declared_charset, decode_bytes, looks_like_html

RUSSIAN = "Министры иностранных дел встретились в Женеве, чтобы обсудить проект мирного соглашения."
FRENCH = "Le gouvernement français a annoncé une réforme des retraites à Paris, selon un communiqué."


def test_utf8_is_decoded_strictly():
    assert decode_bytes("Zürich café".encode()) == ("Zürich café", "utf-8")


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
     (codecs.BOM_UTF32_LE, "utf-32-le")],
)
def test_bom_decides_the_encoding_and_is_dropped(bom, encoding):
    text, used = decode_bytes(bom + "Talks in Genève".encode(encoding))
    assert (text, used) == ("Talks in Genève", encoding)


def test_declared_charset_is_used():
    text, used = decode_bytes(RUSSIAN.encode("cp1251"), "windows-1251")
    assert text == RUSSIAN and used == "cp1251"


def test_meta_charset_is_used_when_nothing_is_declared(fixtures):
    text, used = decode_bytes((fixtures / "article_cp1251.html").read_bytes())
    assert "Министры иностранных дел" in text and used == "cp1251"


def test_header_beats_meta():
    html = f'<meta charset="iso-8859-5"><p>{RUSSIAN}</p>'.encode("koi8-r")
    text, used = decode_bytes(html, "koi8-r")
    assert RUSSIAN in text and used == "koi8_r"


def test_wrong_declaration_falls_through_to_utf8():
    text, used = decode_bytes(RUSSIAN.encode("utf-8"), "shift_jis")
    assert (text, used) == (RUSSIAN, "utf-8")


def test_latin1_label_on_utf8_bytes_means_utf8():
    text, used = decode_bytes(FRENCH.encode("utf-8"), "ISO-8859-1")
    assert (text, used) == (FRENCH, "utf-8")


def test_latin1_label_means_windows_1252():
    # 0x93/0x94 are curly quotes in cp1252 and C1 controls in true latin-1.
    text, used = decode_bytes(b"\x93Peace\x94, he said", "latin-1")
    assert (text, used) == ("\u201cPeace\u201d, he said", "cp1252")


def test_undeclared_single_byte_text_is_detected():
    text, used = decode_bytes(FRENCH.encode("cp1252"))
    assert text == FRENCH and used == "cp1252"
    text, used = decode_bytes((RUSSIAN * 3).encode("cp1251"))
    assert text == RUSSIAN * 3 and used == "cp1251"


def test_mostly_utf8_with_a_stray_byte_keeps_the_utf8():
    content = ("Talks in Zürich and München resumed. " * 20).encode() + b"caf\xe9"
    text, used = decode_bytes(content)
    assert used == "utf-8" and "München" in text and text.endswith("caf\ufffd")


@pytest.mark.parametrize(
    "content", [b"", b"   \n\t\r\n", codecs.BOM_UTF8 + b"  ", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
)
def test_empty_input_is_rejected(content):
    with pytest.raises(InputError) as info:
        decode_bytes(content)
    assert info.value.reason == "empty"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"some text\x00with a NUL", "NUL"),
        (bytes(range(1, 32)) * 10, "control bytes"),
    ],
)
def test_binary_input_is_rejected(content, why):
    with pytest.raises(InputError) as info:
        decode_bytes(content)
    assert info.value.reason == "binary" and why in str(info.value)


def test_mostly_undecodable_high_bytes_are_binary():
    with pytest.raises(InputError) as info:
        decode_bytes(bytes(range(0x80, 0x100)) * 4)
    assert info.value.reason == "binary"


def test_iso_2022_shift_codes_are_not_control_junk():
    content = "日本政府は新たな制裁を発表した。".encode("iso2022_jp")
    assert binary_reason(content) is None
    text, _ = decode_bytes(content, "iso-2022-jp")
    assert text == "日本政府は新たな制裁を発表した。"


def test_declared_charset_finds_meta_and_xml_declaration():
    meta = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">'
    assert declared_charset(meta) == "EUC-JP"
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-2"?><rss>') == "ISO-8859-2"
    assert declared_charset(b"<p>no declaration</p>") is None


def test_html_sniffing():
    assert looks_like_html(b"  <!doctype html><html><body>")
    assert looks_like_html(b"<div class='story'><p>text</p></div>")
    assert not looks_like_html(b"Plain text with a < sign and <angle brackets>.")


# Mojibake: UTF-8 that an earlier step read as Windows-1252, as text dumps carry it.
def _as_mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


@pytest.mark.parametrize("clean", [
    "Officials said the minister\u2019s visit to Lagos was \u201cpostponed\u201d.",
    "The caf\u00e9 in S\u00e3o Paulo stayed open \u2014 na\u00efve, some said.",
    "The \u00a9 line and 50\u00a0km of road: \u00a3 and \u20ac prices.",
])
def test_mojibake_is_repaired(clean):
    from eventwire.ingest.decode import repair_mojibake

    broken = _as_mojibake(clean)
    assert broken != clean
    assert repair_mojibake(broken) == clean


def test_a_closing_quote_lost_to_the_wrong_codec_is_restored():
    from eventwire.ingest.decode import repair_mojibake

    # U+201D is E2 80 9D; 0x9D has no Windows-1252 character, so the dump holds U+FFFD there.
    broken = _as_mojibake("\u201cWe want talks,\u201d the envoy said.")
    assert "\ufffd" in broken
    assert repair_mojibake(broken) == "\u201cWe want talks,\u201d the envoy said."


@pytest.mark.parametrize("text", [
    "Plain ASCII text from the wire.",
    "Mr Erdo\u011fan met Mr Macron in Bras\u00edlia \u2014 \u201ctalks\u201d, they said.",
    "In S\u00c3O PAULO, \u00c2NGELO and J\u00c3O met; the Guardian\u2019s \u00a9 2019.",
])
def test_text_without_mojibake_is_left_alone(text):
    from eventwire.ingest.decode import repair_mojibake

    assert repair_mojibake(text) == text


def test_extraction_repairs_mojibake_in_text_and_title():
    from eventwire.extract.article import extract_article
    from eventwire.records import RawDocument

    body = "Russia\u2019s foreign minister met his Turkish counterpart.\n\n\u201cWe agreed,\u201d he said."
    doc = RawDocument(source="dump.jsonl:1", content=_as_mojibake(body).encode("utf-8"), kind="text",
                      title=_as_mojibake("Russia\u2019s talks"))
    article = extract_article(doc)
    assert article.text == body
    assert article.title == "Russia\u2019s talks"
