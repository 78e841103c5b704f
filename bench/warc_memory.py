"""Peak memory while streaming a multi-gigabyte WARC: reading it, and ingesting it.

Writes a WARC of ``--size-gb`` (default 2) under ``--tmp`` (default /tmp,
never the repository), then measures, each in a fresh process:

1. ``read``: ``iter_documents`` over the file, counting documents and rejects;
2. ``ingest``: ``eventwire ingest`` of the file into a new store with event
   coding off (``code_events = false``), one worker.

The WARC looks like a crawl: a request record before each response; HTML
pages of about 40 KB (``--pages`` of them, distinct text); the bulk of the
bytes in image and PDF responses of about 1 MB (read past, not kept); and a
few HTML payloads over ``limits.max_document_bytes`` (30 MB each), which must
be refused as ``too_large`` without being held in memory.

Reported per phase: wall time, throughput, documents and rejects by reason,
peak RSS (``ru_maxrss`` of the process, from ``wait4``) and the RSS of the
same process after its imports, before the first byte was read. The file is
deleted at the end unless ``--keep``.

Usage::

    nice -n 19 python bench/warc_memory.py --size-gb 2
    nice -n 19 python bench/warc_memory.py --size-gb 0.2 --phases read
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_WORDS = ("government minister talks border ceasefire sanctions trade agreement troops capital officials said "
          "president parliament election protest police court economy energy treaty delegation summit visit "
          "statement spokesman foreign defence security council resolution aid refugees negotiations week").split()
_COUNTRIES = ["Russia", "Ukraine", "China", "India", "Japan", "France", "Germany", "Iran", "Turkey", "Brazil"]
_BIG_HTML = 30_000_000
_BINARY = 1_000_000


def _record(rec_type: str, url: str, block: bytes, content_type: str) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {rec_type}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2018-06-12T10:00:00Z\r\nWARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _response(url: str, body: bytes, media: str) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {media}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    return _record("response", url, http + body, "application/http; msgtype=response")


def _request(url: str) -> bytes:
    http = f"GET {url} HTTP/1.1\r\nHost: news.example.org\r\nUser-Agent: crawler\r\n\r\n".encode()
    return _record("request", url, http, "application/http; msgtype=request")


def _page(rng: random.Random, i: int) -> bytes:
    a, b = rng.sample(_COUNTRIES, 2)
    paras = []
    size = 0
    while size < 40_000:
        words = rng.choices(_WORDS, k=rng.randint(25, 60))
        para = f"{a} and {b} " + " ".join(words) + f" in story {i}."
        paras.append(f"<p>{para.capitalize()}</p>")
        size += len(para) + 7
    return (f"<!doctype html><html><head><title>Story {i}: {a} and {b}</title>"
            f'<meta property="article:published_time" content="2018-06-12T08:00:00Z"></head><body>'
            f"<nav><a href='/'>Home</a></nav><article><h1>Story {i}</h1>{''.join(paras)}</article>"
            f"<footer>Copyright</footer></body></html>").encode()


def write_warc(path: Path, size: int, pages: int, big: int, seed: int = 5) -> dict:
    """A crawl-like WARC of about ``size`` bytes; returns what it holds."""
    rng = random.Random(seed)
    blob = os.urandom(_BINARY)
    written = html = binary = large = 0
    with open(path, "wb") as out:
        out.write(_record("warcinfo", "", b"software: eventwire warc_memory bench\r\n", "application/warc-fields"))
        i = 0
        while written < size:
            i += 1
            url = f"https://news.example.org/{i}"
            out.write(_request(url))
            if html < pages and (i % 2 == 0 or written > size * 0.9):
                data = _response(url, _page(rng, i), "text/html; charset=utf-8")
                html += 1
            elif large < big and i % 97 == 0:
                data = _response(url, b"<html><body><p>" + b"x" * _BIG_HTML + b"</p></body></html>", "text/html")
                large += 1
            else:
                media = "image/jpeg" if i % 3 else "application/pdf"
                data = _response(url, i.to_bytes(8, "big") + blob, media)
                binary += 1
            out.write(data)
            written = out.tell()
    return {"bytes": written, "html_pages": html, "binary_records": binary, "oversized_html": large}


def _rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _read_child(path: str) -> None:
    """Inside the measured process: stream the WARC and count what comes out."""
    from eventwire.ingest.sources import iter_documents
    from eventwire.records import Reject
    from eventwire.settings import Settings

    baseline = _rss_kb()
    docs, reasons = 0, {}
    started = time.perf_counter()
    for item in iter_documents([path], Settings(code_events=False)):
        if isinstance(item, Reject):
            reasons[item.reason] = reasons.get(item.reason, 0) + 1
        else:
            docs += 1
    print(json.dumps({"documents": docs, "rejects": reasons, "baseline_kb": baseline,
                      "elapsed_s": time.perf_counter() - started}))


def _measure(cmd: list[str], env: dict | None = None) -> tuple[dict, float, int, str]:
    """Run ``cmd``; return its JSON line (if any), wall time, peak RSS (KB) and stderr."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, cwd=ROOT, env=env)
        # wait4 gives this child's own rusage: ru_maxrss is its peak RSS in KB.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    result = {}
    for line in stdout.splitlines()[::-1]:
        if line.startswith("{"):
            result = json.loads(line)
            break
    if proc.returncode:
        result["exit"] = proc.returncode
    return result, elapsed, usage.ru_maxrss, stderr


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_read"]:
        _read_child(argv[1])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-gb", type=float, default=2.0)
    parser.add_argument("--pages", type=int, default=2000, help="HTML pages of ~40 KB")
    parser.add_argument("--oversized", type=int, default=3, help="HTML payloads of 30 MB (over the document cap)")
    parser.add_argument("--phases", default="read,ingest")
    parser.add_argument("--tmp", default=tempfile.gettempdir())
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--code", action="store_true", help="ingest with event coding on (models loaded: the real peak)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="eventwire-warc-", dir=args.tmp))
    try:
        path = work / "big.warc"
        started = time.perf_counter()
        info = write_warc(path, int(args.size_gb * 1e9), args.pages, args.oversized)
        gb = info["bytes"] / 1e9
        print(f"WARC: {info['bytes']:,} bytes ({gb:.2f} GB): {info['html_pages']} HTML pages, "
              f"{info['binary_records']} binary responses of ~1 MB, {info['oversized_html']} HTML payloads of 30 MB; "
              f"written in {time.perf_counter() - started:.0f} s")
        phases = args.phases.split(",")
        if "read" in phases:
            result, elapsed, peak, err = _measure([sys.executable, __file__, "_read", str(path)])
            if "exit" in result:
                print(err[-2000:])
            print(f"read   (iter_documents): {elapsed:6.1f} s, {info['bytes'] / elapsed / 1e6:6.1f} MB/s; "
                  f"{result.get('documents')} documents, rejects {result.get('rejects')}; "
                  f"peak RSS {peak / 1024:.0f} MB (after imports {result.get('baseline_kb', 0) / 1024:.0f} MB) "
                  f"for a {gb:.2f} GB file")
        if "ingest" in phases:
            config = work / "settings.toml"
            config.write_text(f"code_events = {'true' if args.code else 'false'}\n", encoding="utf-8")
            store = work / "store"
            env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
            cmd = [sys.executable, "-m", "eventwire.cli.main", "ingest", str(path), "--store", str(store),
                   "--config", str(config), "--workers", "1"]
            result, elapsed, peak, err = _measure(cmd, env)
            if "exit" in result:
                print(err[-2000:])
            from eventwire.store.store import open_store

            st = open_store(store)
            reasons = st.sql("select reason, count(*) n from rejects group by 1 order by 2 desc").to_pylist()
            print(f"ingest (coding {'on' if args.code else 'off'}, 1 worker): {elapsed:6.1f} s, {info['bytes'] / elapsed / 1e6:6.1f} MB/s; "
                  f"{st.count('articles')} articles, rejects {({r['reason']: r['n'] for r in reasons})}; "
                  f"peak RSS {peak / 1024:.0f} MB for a {gb:.2f} GB file")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
