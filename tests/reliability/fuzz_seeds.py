"""Seed inputs (for atheris) and structure-aware generators (for hypothesis).

Each target's input is the bytes ``tests/reliability/fuzz_targets.py``
expects, selector byte included. Seeds are small valid inputs the byte
mutator starts from; the hypothesis strategies build inputs with structure
the mutator seldom finds on its own: WARC records whose headers lie about
their length, JSON records whose fields have the wrong type, feeds with odd
dates and links, HTML nested hundreds deep, text with metadata lines in
every shape, sentences thousands of words long.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import strategies as st

from tests.reliability.fuzz_targets import _LABELS, _NAMES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

_SENTENCES = [
    "Japanese Prime Minister Shinzo Abe met Russian President Vladimir Putin in Moscow on Saturday.",
    "Russia accused Ukraine of provoking the clash near the border.",
    "The United Nations called on both sides to respect the ceasefire.",
    "Protesters marched on the parliament in Kiev demanding new elections.",
    "China and India agreed to resume talks on the disputed frontier next month.",
    "NATO will not send troops, the secretary general said on Tuesday.",
    "Police arrested dozens of opposition supporters in Caracas.",
]
_WORDS = [
    "the", "minister", "said", "met", "Russia", "China", "NATO", "accused", "troops", "talks", "sanctions",
    "border", "on", "Tuesday", "in", "Moscow", "and", "of", "President", "Putin", "Mr", "he", "they", "UN",
    "“", "”", ",", ".", ";", "(", ")", "—", "Kim", "Jong-un", "Seoul", "will", "not", "if", "could", "2018",
]


def _page(title: str, body: str, extra_head: str = "") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{extra_head}</head>"
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    ).encode()


def _build_warc(records: list[tuple[str, bytes, str]]) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "eventwire fuzz"}))
    for url, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def _fixture(name: str) -> bytes:
    path = FIXTURES / "ingest" / name
    return path.read_bytes() if path.exists() else b""


def seeds(target: str) -> list[bytes]:
    """Small valid inputs for ``target``, selector bytes included."""
    page = _page("Talks resume", " ".join(_SENTENCES[:3]), '<meta property="article:published_time" content="2018-06-12">')
    warc = _build_warc([("https://example.org/1", page, "text/html; charset=utf-8"),
                  ("https://example.org/2", b"plain", "text/plain")])
    jsonl = _fixture("articles.jsonl") or b'{"text": "Talks resumed.", "date": "2018-06-12"}\n'
    rss, atom = _fixture("feed.rss"), _fixture("feed.atom")
    text = ("Talks resume\nPublished: 12 June 2018\nBy Jane Doe\n\n" + " ".join(_SENTENCES)).encode()
    if target == "decode":
        return [bytes([i]) + s for i, s in enumerate([page, _fixture("article_cp1251.html"), text,
                                                        "naïve café".encode("latin-1"), "\ufeffbom".encode("utf-8")])]
    if target == "jsonl":
        return [jsonl, b'{"html": "<p>x</p>", "url": "http://a/"}\n{"text": 1}\n']
    if target == "json":
        return [_fixture("articles.json"), b'{"text": "Talks resumed.", "date": "Tue, 12 Jun 2018 10:00:00 GMT"}']
    if target == "warc":
        return [warc, warc[: len(warc) // 2]]
    if target == "gzip":
        return [b"\x01" + page, b"\x02" + text, b"\x00" + gzip.compress(b"x" * 1000, mtime=0)]
    if target == "sources":
        by_name = {".warc": warc, ".jsonl": jsonl, ".rss": rss, ".atom": atom, ".html": page, ".txt": text}
        out = []
        for i, name in enumerate(_NAMES):
            for ext, data in by_name.items():
                if name.endswith(ext):
                    out.append(bytes([i]) + data)
                elif name.endswith(ext + ".gz"):
                    out.append(bytes([i]) + gzip.compress(data, mtime=0))
        return out + [bytes([_NAMES.index("a.dat")]) + warc, bytes([_NAMES.index("a")]) + rss]
    if target == "feed":
        return [rss, atom]
    if target == "http":
        return [b"\x00" + b"\x00".join([b"http://example.org/a", b"", b"", b"text/html; charset=utf-8", page]),
                b"\x02" + b"\x00".join([b"http://example.org/a", b"http://evil.example/", b"127.0.0.1", b"", b""])]
    if target == "url":
        return [b"https://Example.com/a?utm_source=x#top", b"2018-06-12T10:00:00Z", b"Tue, 12 Jun 2018 10:00:00 GMT"]
    if target == "extract_html":
        return [b"\x01" + page, b"\x00" + _fixture("article.html"), b"\x02" + _fixture("article_cp1251.html")]
    if target == "extract_text":
        return [text, _fixture("article.txt")]
    if target == "code":
        return [s.encode() for s in _SENTENCES] + [" ".join(_SENTENCES).encode()]
    raise KeyError(target)


# -- hypothesis strategies ------------------------------------------------------
_ascii_line = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
_any_text = st.text(max_size=200)
_json_scalar = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | _any_text
_json_value = st.recursive(_json_scalar, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(_any_text, kids, max_size=4),
                           max_leaves=10)
_FIELDS = ["text", "maintext", "body", "html", "raw_html", "url", "link", "title", "headline",
           "date", "published", "date_publish", "published_at"]
_dates = st.sampled_from(["2018-06-12", "2018-13-45", "Tue, 12 Jun 2018 10:00:00 GMT", "12 June 2018", "0000-00-00",
                          "9999-12-31T23:59:59Z", "-1", "", "Mon, 99 Foo 2018", "2018-06-12T10:00:00+25:00"]) | _any_text


@st.composite
def _json_record(draw) -> dict:
    keys = draw(st.lists(st.sampled_from(_FIELDS), max_size=6, unique=True))
    record = {}
    for key in keys:
        if key in ("date", "published", "date_publish", "published_at"):
            record[key] = draw(_dates | _json_value)
        elif key in ("text", "maintext", "body"):
            record[key] = draw(st.sampled_from(_SENTENCES) | _any_text | _json_value)
        else:
            record[key] = draw(_any_text | _json_value)
    return record


@st.composite
def _jsonl(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 5))
        if kind <= 2:
            lines.append(json.dumps(draw(_json_record()), ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass"))
        elif kind == 3:
            lines.append(draw(st.binary(max_size=200)))
        elif kind == 4:
            lines.append(b"[" * draw(st.integers(1, 3000)))
        else:
            lines.append(b'{"text": "' + b"x" * draw(st.integers(3900, 4100)) + b'"}')
    sep = draw(st.sampled_from([b"\n", b"\r\n", b"\n\n", b"\r"]))
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + sep.join(lines)


_WARC_TYPES = ["response", "resource", "request", "metadata", "revisit", "warcinfo", "conversion", "", "RESPONSE"]
_CTYPES = ["text/html; charset=utf-8", "text/html; charset=bogus", "application/pdf", "", "TEXT/HTML",
           "text/html; charset=\"windows-1251\"", "text/html;charset=", "application/xhtml+xml"]


@st.composite
def _warc_record(draw) -> bytes:
    rec_type = draw(st.sampled_from(_WARC_TYPES))
    body_html = draw(st.sampled_from([_page("T", s) for s in _SENTENCES[:2]] + [b""]) | st.binary(max_size=300))
    if rec_type == "response" and draw(st.booleans()):
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "2", "abc", "", "200"]))
        hdrs = [f"HTTP/1.1 {status}"]
        if draw(st.booleans()):
            hdrs.append(f"Content-Type: {draw(st.sampled_from(_CTYPES) | _ascii_line)}")
        if draw(st.booleans()):
            hdrs.append(f"{draw(_ascii_line)}: {draw(_ascii_line)}")
        block = ("\r\n".join(hdrs) + "\r\n\r\n").encode() + body_html
    else:
        block = body_html
    true_len = len(block)
    length = draw(st.sampled_from([str(true_len), str(true_len)]) | st.sampled_from(
        [str(true_len + 5), str(max(0, true_len - 5)), "-1", "abc", "", "99999999999999999999", " 12"]))
    headers = [draw(st.sampled_from(["WARC/1.0", "WARC/1.1", "WARC/0.17", "WARC/", "warc/1.0", "WARC/1.0 "]))]
    headers.append(f"WARC-Type: {rec_type}")
    if draw(st.booleans()):
        headers.append(f"WARC-Target-URI: {draw(st.sampled_from(['https://example.org/a', '', 'not a url']) | _ascii_line)}")
    if draw(st.booleans()):
        headers.append(f"WARC-Date: {draw(st.sampled_from(['2018-06-12T10:00:00Z', '2018-99-99', '']) | _ascii_line)}")
    if draw(st.booleans()):
        headers.append(f"Content-Type: {draw(st.sampled_from(['application/http; msgtype=response', 'text/html', '']))}")
    if draw(st.integers(0, 9)):
        headers.append(f"Content-Length: {length}")
    if draw(st.booleans()):
        headers.append(f"{draw(_ascii_line)}: {draw(_ascii_line)}")
    sep = draw(st.sampled_from(["\r\n", "\r\n", "\n"]))
    return (sep.join(headers) + sep + sep).encode("latin-1", "replace") + block + b"\r\n\r\n"


@st.composite
def _warc(draw) -> bytes:
    data = b"".join(draw(st.lists(_warc_record(), max_size=5)))
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 4)) == 0:
        data += draw(st.binary(max_size=100))
    return data


@st.composite
def _feed(draw) -> bytes:
    atom = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        link = draw(st.sampled_from(["https://example.org/a", "ftp://x/", "", "javascript:alert(1)", "/relative",
                                     "http://127.0.0.1/", "http://[::1]/"]) | _ascii_line)
        title = draw(st.sampled_from(_SENTENCES) | _any_text)
        date = draw(_dates)
        content = draw(st.sampled_from(["", "<p>" + _SENTENCES[0] + "</p>", "<![CDATA[<b>x</b>]]>", "&amp;&lt;&#0;&#xD800;"])
                       | _any_text)
        esc = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
        q = "".join(esc.get(c, c) for c in content) if draw(st.booleans()) else content
        if atom:
            entries.append(f"<entry><title>{title}</title><link href=\"{link}\"/><id>{draw(_ascii_line)}</id>"
                           f"<updated>{date}</updated><content type=\"{draw(st.sampled_from(['html', 'text', 'xhtml', '']))}\">{q}</content></entry>")
        else:
            entries.append(f"<item><title>{title}</title><link>{link}</link><guid>{draw(_ascii_line)}</guid>"
                           f"<pubDate>{date}</pubDate><description>{q}</description></item>")
    body = "".join(entries)
    if atom:
        doc = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{body}</feed>'
    else:
        doc = f'<?xml version="1.0" encoding="{draw(st.sampled_from(["utf-8", "iso-8859-1", "bogus", "utf-16"]))}"?>' \
              f'<rss version="2.0"><channel><title>F</title>{body}</channel></rss>'
    raw = doc.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 3)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


_TAGS = ["div", "p", "article", "section", "span", "a", "b", "table", "tr", "td", "ul", "li", "h1", "h2", "script",
         "style", "nav", "footer", "header", "main", "figure", "iframe", "svg", "noscript", "br", "time", "meta"]


@st.composite
def _html(draw) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        tag = draw(st.sampled_from(_TAGS))
        attrs = draw(st.sampled_from(["", ' class="content"', ' id="main"', ' datetime="2018-06-12"',
                                      ' itemprop="datePublished" content="2018-06-12"', ' href="http://x/"'])
                     | _ascii_line.map(lambda s: f' x="{s}"'))
        inner = draw(st.sampled_from(_SENTENCES) | _any_text)
        depth = draw(st.sampled_from([1, 1, 1, 3, 300, 3000]))
        if draw(st.booleans()):
            parts.append(f"<{tag}{attrs}>" * depth + inner + f"</{tag}>" * (depth if draw(st.booleans()) else 0))
        else:
            parts.append(f"<{tag}{attrs}>{inner}")
    head = draw(st.sampled_from(["", '<meta charset="utf-8">', '<meta charset="bogus">',
                                 '<meta property="article:published_time" content="2018-06-12T10:00:00Z">',
                                 '<meta name="date" content="99-99-9999">', '<link rel="canonical" href="javascript:x">',
                                 '<script type="application/ld+json">{"datePublished": "2018-06-12", "author": {"name": 1}}</script>',
                                 '<script type="application/ld+json">{"@graph": [[[[{}]]]]}</script>',
                                 '<base href="http://[::1">']))
    title = draw(st.sampled_from(["Talks resume", ""]) | _any_text)
    doc = f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{''.join(parts)}</body></html>"
    selector = bytes([draw(st.integers(0, 2))])
    return selector + doc.encode("utf-8", "surrogatepass")


_META_LINES = ["Published: 12 June 2018", "Updated: Tuesday, June 12th, 2018", "By Jane Doe", "By", "Source: https://example.org/a",
               "Source: javascript:x", "June 99, 2018", "Posted on 31 February 2018", "Read more:", "Related stories",
               "Share this article", "Click here to subscribe", "The writer is a former ambassador.", "Copyright 2018",
               "Date: 0 Jan 0000", "12 Sept. 99999", "", "   "]


@st.composite
def _text(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            lines.append(draw(st.sampled_from(_META_LINES)))
        elif kind == 1:
            lines.append(draw(st.sampled_from(_SENTENCES)))
        elif kind == 2:
            lines.append(" ".join(draw(st.lists(st.sampled_from(_WORDS), max_size=draw(st.sampled_from([5, 40, 2000]))))))
        else:
            lines.append(draw(_any_text))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\u2028"]))
    return sep.join(lines).encode("utf-8", "surrogatepass")


@st.composite
def _coding_text(draw) -> bytes:
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            pieces.append(draw(st.sampled_from(_SENTENCES)))
        elif kind == 1:
            n = draw(st.sampled_from([3, 12, 60, 400]))
            pieces.append(" ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=n, max_size=n))) + ".")
        elif kind == 2:
            pieces.append(draw(st.text(max_size=80)))
        else:
            s = draw(st.sampled_from(_SENTENCES))
            cut = draw(st.integers(0, len(s)))
            pieces.append(s[:cut] + draw(st.text(max_size=5)) + s[cut:])
    sep = draw(st.sampled_from([" ", "\n\n", "\n", ""]))
    return sep.join(pieces).encode("utf-8", "surrogatepass")


@st.composite
def _http(draw) -> bytes:
    url = draw(st.sampled_from(["http://example.org/a", "https://private.lan/", "http://evil.example/", "ftp://x/",
                                "http://[::1/", "http://example.org:99999/", "http://user@evil.example/", "", "http:///x"])
               | _ascii_line)
    location = draw(st.sampled_from(["", "http://private.lan/x", "//evil.example/", "/next", "http://example.org/b",
                                     "file:///etc/passwd", "http://[fe80::1%25eth0]/", "http://0x7f.1/"]) | _ascii_line)
    address = draw(st.sampled_from(["127.0.0.1", "::ffff:127.0.0.1", "10.0.0.1", "169.254.169.254", "fe80::1%eth0",
                                    "2002:7f00:1::", "not an ip", "93.184.216.34", "0.0.0.0", "::"]))
    ctype = draw(st.sampled_from(["text/html", "text/html; charset=utf-8", "application/rss+xml", "", "image/png",
                                  "text/plain; charset=bogus"]) | _ascii_line)
    body = draw(st.binary(max_size=300) | st.sampled_from([_page("T", "x"), b"", b"x" * 2100]))
    first = draw(st.integers(0, 255))
    fields = [url.encode("latin-1", "replace"), location.encode("latin-1", "replace"), address.encode(),
              ctype.encode("latin-1", "replace"), body]
    return bytes([first]) + b"\x00".join(fields)


def strategy(target: str) -> st.SearchStrategy[bytes]:
    """The structure-aware generator of inputs for ``target``."""
    if target == "decode":
        text = st.text(max_size=300)
        encoded = st.tuples(text, st.sampled_from(["utf-8", "utf-16", "cp1252", "cp1251", "shift_jis", "gb18030", "utf-32"])).map(
            lambda p: p[0].encode(p[1], "replace"))
        meta = st.tuples(st.sampled_from(_LABELS[1:]), st.binary(max_size=300)).map(
            lambda p: f'<meta charset="{p[0]}">'.encode() + p[1])
        return st.tuples(st.integers(0, 255), encoded | meta | st.binary(max_size=500)).map(lambda p: bytes([p[0]]) + p[1])
    if target == "jsonl":
        return _jsonl()
    if target == "json":
        return st.lists(_json_record() | _json_value, max_size=5).map(
            lambda v: json.dumps(v[0] if len(v) == 1 else v).encode("utf-8", "surrogatepass")) | st.binary(max_size=300)
    if target == "warc":
        return _warc()
    if target == "gzip":
        return st.tuples(st.integers(0, 2), st.binary(max_size=2000) | st.integers(0, 200_000).map(lambda n: b"\x00" * n)).map(
            lambda p: bytes([p[0]]) + p[1])
    if target == "sources":
        content = _warc() | _jsonl() | _feed() | _html().map(lambda b: b[1:]) | _text() | st.binary(max_size=500)
        return st.tuples(st.integers(0, len(_NAMES) - 1), content, st.integers(0, 3)).map(
            lambda p: bytes([p[0]]) + (gzip.compress(p[1], mtime=0) if p[2] == 0 else p[1]))
    if target == "feed":
        return _feed()
    if target == "http":
        return _http()
    if target == "url":
        return (_dates | st.sampled_from(["https://Example.com/a?utm_source=x#top", "http://[::1]:80/", "http://a:b@c/",
                                          "https://x/%zz", "http://例え.jp/パス", "https://x.org:0/"]) | _any_text).map(
            lambda s: s.encode("utf-8", "surrogatepass"))
    if target == "extract_html":
        return _html()
    if target == "extract_text":
        return _text()
    if target == "code":
        return _coding_text()
    raise KeyError(target)
