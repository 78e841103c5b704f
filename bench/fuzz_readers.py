"""Fuzz every reader, extraction and coding for a set budget; save what breaks.

Two engines run the same checks (``tests/reliability/fuzz_targets.py``):

- ``atheris``: coverage-guided (libFuzzer) over bytes, one subprocess per
  target, seeded from small valid inputs; its corpus persists under
  ``--work`` so a campaign run in chunks keeps what it learnt;
- ``hypothesis``: structure-aware generators (WARC records with bent headers,
  JSON records with wrong types, RSS entries, deep HTML, metadata lines,
  long sentences) that reach code the byte mutator rarely reaches.

A finding is an exception that escaped a check (a contract broken, see the
targets module) or an input slower than ``--slow`` seconds. Findings are
grouped by exception type and the innermost eventwire frame; the smallest
input of each group is saved as ``tests/fixtures/fuzz/<target>/<id>.bin``
(coding ones under ``tests/fixtures/fuzz/coding/``) with a one-line ``.txt``
beside it, and ``tests/reliability/test_fuzz_regressions.py`` replays them.

Usage (run it niced; one target at a time, so it holds one core)::

    nice -n 19 python bench/fuzz_readers.py --inputs 100000 --targets readers
    nice -n 19 python bench/fuzz_readers.py --seconds 60 --targets extract --engine hypothesis
    nice -n 19 python bench/fuzz_readers.py --inputs 2000 --targets code

``--inputs`` and ``--seconds`` are budgets per target and engine. The summary
(and ``--json``) give inputs tried, findings, and saved files per target.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures" / "fuzz"
DEFAULT_WORK = Path(os.environ.get("TMPDIR", "/tmp")) / "eventwire-fuzz"
GROUPS = ("readers", "extract", "coding")
# Third-party parsers the readers drive: instrumenting them lets libFuzzer
# steer by their branches too (warcio's header parser, feedparser's sniffing).
_INSTRUMENT = {
    "readers": ["eventwire", "warcio", "feedparser", "courlan", "charset_normalizer"],
    "extract": ["eventwire", "trafilatura", "htmldate", "courlan", "justext"],
    "coding": ["eventwire"],
}


# -- recording ----------------------------------------------------------------
class Recorder:
    """Counts inputs, groups findings, keeps the smallest input of each group."""

    def __init__(self, target: str, engine: str, slow_s: float, save: bool, stats_path: Path | None,
                 work: Path = DEFAULT_WORK) -> None:
        from tests.reliability.fuzz_targets import TARGETS, fixture_dir

        self.target = TARGETS[target]
        self.engine = engine
        self.slow_s = slow_s
        self.save = save
        self.stats_path = stats_path
        self.folder = FIXTURES / fixture_dir(target)
        self.slow_folder = work / "slow"
        self.inputs = 0
        self.findings: dict[str, dict] = {}
        self.slowest = 0.0
        self._last_write = time.monotonic()

    def run(self, data: bytes) -> None:
        self.inputs += 1
        started = time.perf_counter()
        try:
            self.target.check(data)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - anything escaping is a finding
            self._found(data, exc)
        took = time.perf_counter() - started
        self.slowest = max(self.slowest, took)
        if took > self.slow_s:
            self._found(data, None, took)
        if self.stats_path and (self.inputs % 500 == 0 or time.monotonic() - self._last_write > 5):
            self.write_stats()

    def _found(self, data: bytes, exc: BaseException | None, took: float = 0.0) -> None:
        if exc is None:
            key, summary = "slow", f"slow: {took:.1f} s"
        else:
            where = _where(exc)
            key = f"{type(exc).__name__}@{where}"
            summary = f"{type(exc).__name__} at {where}: {str(exc)[:200]}"
        entry = self.findings.get(key)
        if entry is None:
            entry = self.findings[key] = {"key": key, "summary": summary, "count": 0, "size": None, "file": None}
            print(f"[{self.target.name}/{self.engine}] NEW {summary}", file=sys.stderr, flush=True)
            if exc is not None:
                traceback.print_exception(exc, file=sys.stderr)
        entry["count"] += 1
        if exc is None:
            # Slow inputs go to the work folder to be looked at, not into the
            # regression set: a timing depends on the machine.
            self.slow_folder.mkdir(parents=True, exist_ok=True)
            path = self.slow_folder / f"{self.target.name}-{hashlib.sha1(data).hexdigest()[:12]}-{took:.1f}s.bin"
            path.write_bytes(data)
            entry["file"] = str(path)
        elif entry["size"] is None or len(data) < entry["size"]:
            entry["size"] = len(data)
            if self.save:
                entry["file"] = str(self._save(key, data, summary))
        self.write_stats()

    def _save(self, key: str, data: bytes, summary: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        group = hashlib.sha1(f"{self.target.name}:{key}".encode()).hexdigest()[:10]
        stem = f"{self.target.name}-{group}"
        path = self.folder / f"{stem}.bin"
        path.write_bytes(data)
        (self.folder / f"{stem}.txt").write_text(
            f"target: {self.target.name}\nfound by: {self.engine}\nfinding: {summary}\n", encoding="utf-8"
        )
        return path

    def write_stats(self) -> None:
        self._last_write = time.monotonic()
        if self.stats_path is None:
            return
        stats = {"target": self.target.name, "engine": self.engine, "inputs": self.inputs,
                 "slowest_s": round(self.slowest, 3), "findings": list(self.findings.values())}
        tmp = self.stats_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(stats), encoding="utf-8")
        os.replace(tmp, self.stats_path)


def _where(exc: BaseException) -> str:
    """The innermost frame in eventwire's source, else the innermost frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/src/eventwire/" in f.filename]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "?"
    name = frame.filename.split("/src/")[-1] if "/src/" in frame.filename else os.path.basename(frame.filename)
    return f"{name}:{frame.lineno}"


# -- atheris -------------------------------------------------------------------
def _atheris_child(args: argparse.Namespace) -> None:
    """Runs inside the subprocess: libFuzzer owns the loop until its budget ends."""
    import atheris

    from tests.reliability.fuzz_targets import TARGETS

    target = TARGETS[args.target]
    with atheris.instrument_imports(include=_INSTRUMENT[target.group]):
        _import_for(target.group)
    recorder = Recorder(args.target, "atheris", args.slow, args.save, Path(args.stats), Path(args.work))
    # Loading models happens on the first call; do it outside the measured runs.
    recorder.target.check(b"")
    corpus = Path(args.work) / "corpus" / args.target
    artifacts = Path(args.work) / "artifacts" / args.target
    artifacts.mkdir(parents=True, exist_ok=True)
    flags = [f"-max_len={target.max_len}", "-rss_limit_mb=3072", "-timeout=120",
             f"-artifact_prefix={artifacts}/", "-print_final_stats=1", f"-seed={args.seed}"]
    if args.inputs:
        flags.append(f"-runs={args.inputs}")
    if args.seconds:
        flags.append(f"-max_total_time={int(args.seconds)}")
    atheris.Setup([sys.argv[0], str(corpus), *flags], recorder.run)
    try:
        atheris.Fuzz()
    finally:
        recorder.write_stats()


def _import_for(group: str) -> None:
    import eventwire.extract.identity  # noqa: F401
    import eventwire.ingest.decode  # noqa: F401
    import eventwire.ingest.feeds  # noqa: F401
    import eventwire.ingest.http  # noqa: F401
    import eventwire.ingest.jsonl  # noqa: F401
    import eventwire.ingest.sources  # noqa: F401
    import eventwire.ingest.streams  # noqa: F401
    import eventwire.ingest.warc  # noqa: F401

    if group in ("extract", "coding"):
        import eventwire.extract.article  # noqa: F401
        import eventwire.extract.boilerplate  # noqa: F401
        import eventwire.extract.html  # noqa: F401
        import eventwire.extract.text_metadata  # noqa: F401
    if group == "coding":
        import eventwire.events.coder  # noqa: F401


def _seed_corpus(target: str, work: Path) -> None:
    from tests.reliability.fuzz_seeds import seeds

    corpus = work / "corpus" / target
    corpus.mkdir(parents=True, exist_ok=True)
    for data in seeds(target):
        (corpus / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)


def run_atheris(target: str, args: argparse.Namespace) -> dict:
    work = Path(args.work)
    _seed_corpus(target, work)
    stats = work / f"stats-{target}-atheris.json"
    stats.unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "_atheris", "--target", target, "--stats", str(stats), "--work", str(work),
           "--slow", str(args.slow), "--seed", str(args.seed)]
    if args.inputs:
        cmd += ["--inputs", str(args.inputs)]
    if args.seconds:
        cmd += ["--seconds", str(args.seconds)]
    if not args.save:
        cmd.append("--no-save")
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    result = json.loads(stats.read_text()) if stats.exists() else {"inputs": 0, "findings": []}
    done = re.findall(r"Done (\d+) runs", proc.stderr)
    if done:
        result["inputs"] = max(result["inputs"], int(done[-1]))
    if proc.returncode != 0:
        # libFuzzer stopped the process itself: a hang, an OOM or a crash in C.
        cause = next((line for line in proc.stderr.splitlines() if "ERROR: libFuzzer" in line or "==ERROR" in line),
                     f"exit {proc.returncode}")
        result["findings"].append({"key": "libfuzzer", "summary": cause.strip(), "count": 1, "size": None, "file": None})
        print(proc.stderr[-3000:], file=sys.stderr)
    for finding in result["findings"]:
        print(f"  [{target}/atheris] {finding['summary']} x{finding['count']}", file=sys.stderr)
    result.update(target=target, engine="atheris", seconds=round(elapsed, 1))
    return result


# -- hypothesis ----------------------------------------------------------------
def run_hypothesis(target: str, args: argparse.Namespace) -> dict:
    from hypothesis import HealthCheck, Phase, given
    from hypothesis import settings as hsettings

    from tests.reliability.fuzz_seeds import strategy

    recorder = Recorder(target, "hypothesis", args.slow, args.save, None, Path(args.work))
    deadline = time.monotonic() + args.seconds if args.seconds else None
    budget = args.inputs or 10**9

    class _Budget(Exception):
        pass

    @hsettings(max_examples=budget, deadline=None, database=None, phases=[Phase.generate],
               suppress_health_check=list(HealthCheck), derandomize=False)
    @given(strategy(target))
    def prop(data: bytes) -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise _Budget()
        recorder.run(data)

    started = time.perf_counter()
    try:
        prop()
    except _Budget:
        pass
    except Exception as exc:  # noqa: BLE001 - hypothesis wraps a budget stop in its own errors
        if "_Budget" not in repr(exc) and not isinstance(getattr(exc, "__cause__", None), _Budget):
            raise
    for finding in recorder.findings.values():
        print(f"  [{target}/hypothesis] {finding['summary']} x{finding['count']}", file=sys.stderr)
    return {"target": target, "engine": "hypothesis", "inputs": recorder.inputs,
            "slowest_s": round(recorder.slowest, 3), "findings": list(recorder.findings.values()),
            "seconds": round(time.perf_counter() - started, 1)}


# -- main ----------------------------------------------------------------------
def _targets(spec: str) -> list[str]:
    from tests.reliability.fuzz_targets import TARGETS

    names: list[str] = []
    for part in spec.split(","):
        part = part.strip()
        if part == "all":
            names += list(TARGETS)
        elif part in GROUPS:
            names += [n for n, t in TARGETS.items() if t.group == part]
        elif part in TARGETS:
            names.append(part)
        else:
            raise SystemExit(f"unknown target {part!r}: choose from {', '.join([*GROUPS, 'all', *TARGETS])}")
    return list(dict.fromkeys(names))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_atheris"]:
        child = argparse.ArgumentParser()
        child.add_argument("_atheris")
        for name in ("--target", "--stats", "--work"):
            child.add_argument(name, required=True)
        child.add_argument("--inputs", type=int, default=0)
        child.add_argument("--seconds", type=float, default=0)
        child.add_argument("--slow", type=float, default=5.0)
        child.add_argument("--seed", type=int, default=1)
        child.add_argument("--no-save", dest="save", action="store_false")
        _atheris_child(child.parse_args(argv))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", default="readers", help="names, groups (readers, extract, coding) or all")
    parser.add_argument("--engine", choices=["atheris", "hypothesis", "both"], default="both")
    parser.add_argument("--inputs", type=int, default=0, help="inputs per target and engine")
    parser.add_argument("--seconds", type=float, default=0, help="seconds per target and engine")
    parser.add_argument("--slow", type=float, default=5.0, help="an input slower than this is a finding")
    parser.add_argument("--seed", type=int, default=1, help="libFuzzer seed (vary it between chunks)")
    parser.add_argument("--work", default=str(DEFAULT_WORK), help="corpus and artifacts (kept between runs)")
    parser.add_argument("--no-save", dest="save", action="store_false", help="do not write tests/fixtures/fuzz")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)
    if not args.inputs and not args.seconds:
        parser.error("give a budget: --inputs N or --seconds S")
    results = []
    for target in _targets(args.targets):
        engines = ["atheris", "hypothesis"] if args.engine == "both" else [args.engine]
        for engine in engines:
            result = run_atheris(target, args) if engine == "atheris" else run_hypothesis(target, args)
            results.append(result)
            print(f"{target:14s} {engine:10s} {result['inputs']:>10,d} inputs  {len(result['findings'])} findings  "
                  f"{result['seconds']:>7.1f} s", flush=True)
    total = sum(r["inputs"] for r in results)
    found = sum(len(r["findings"]) for r in results)
    print(f"{'total':25s} {total:>10,d} inputs  {found} findings")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
