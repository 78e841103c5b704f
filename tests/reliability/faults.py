"""Fault trials shared by the reliability tests and the bench/fault_*.py scripts.

Each trial runs the real command line (``python -m eventwire.cli.main
ingest``) in its own process group, does something unkind to it (SIGKILL at
a chosen moment, a second writer, a full disk), then inspects the store from
outside with :func:`snapshot`: does it open, is every table readable to its
last data file, does any key appear twice, and which ids does it hold.
A clean run over the same corpus (:func:`reference`) says what a complete
store holds, so "nothing lost" and "no duplicates" are checked id by id.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# Keys of the tables the ingest writes; a key seen twice is a duplicate.
KEYS = {"articles": "article_id", "events": "event_id", "event_dyads": "dyad_id", "rejects": "reject_id"}
ROOT = Path(__file__).resolve().parents[2]

_COUNTRIES = ["Russia", "Ukraine", "China", "India", "Japan", "France", "Germany", "Iran", "Turkey", "Brazil",
              "Egypt", "Israel", "Syria", "Pakistan", "Mexico", "Canada", "Nigeria", "Kenya", "Poland", "Spain"]
_ACTS = [
    "{a} accused {b} of violating the ceasefire near the border",
    "The foreign minister of {a} met his counterpart from {b} in Geneva",
    "{a} imposed new sanctions on {b} over the dispute",
    "{a} and {b} signed an agreement on trade and energy",
    "{a} called on {b} to release the detained journalists",
    "Protesters in {a} rallied against the government's policy towards {b}",
]


def make_corpus(root: Path, n: int, *, seed: int = 7, bad: bool = True) -> Path:
    """``n`` small news files (text and HTML) with codable sentences, plus a few bad ones.

    Every document is distinct, so the reference run stores ``n`` articles.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        a, b = rng.sample(_COUNTRIES, 2)
        lines = [act.format(a=a, b=b) + f", officials said on day {i}." for act in rng.sample(_ACTS, 3)]
        lines.append(f"Story {i} was filed by a correspondent covering relations between {a} and {b}.")
        if i % 3 == 0:
            body = "".join(f"<p>{line}</p>" for line in lines)
            html = (f"<!doctype html><html><head><title>Report {i}</title></head><body><article>"
                    f"<h1>Report {i}: {a} and {b}</h1>{body}</article></body></html>")
            (root / f"doc{i:05d}.html").write_text(html, encoding="utf-8")
        else:
            (root / f"doc{i:05d}.txt").write_text(f"Report {i}: {a} and {b}\n\n" + "\n\n".join(lines), encoding="utf-8")
    if bad:
        (root / "zz-empty.txt").write_text("", encoding="utf-8")
        (root / "zz-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return root


def write_config(path: Path, *, batch_size: int, code_events: bool) -> Path:
    """A settings file: small batches make many commits to kill between."""
    path.write_text(f"batch_size = {batch_size}\ncode_events = {'true' if code_events else 'false'}\n", encoding="utf-8")
    return path


def ingest_command(inputs: list[Path], store: Path, config: Path, workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli.main", "ingest", *map(str, inputs), "--store", str(store),
            "--config", str(config), "--workers", str(workers)]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def run_ingest(inputs: list[Path], store: Path, config: Path, *, workers: int = 1, timeout: float = 600,
               preexec=None) -> subprocess.CompletedProcess:
    """Run the ingest command to its end."""
    return subprocess.run(ingest_command(inputs, store, config, workers), capture_output=True, text=True,
                          timeout=timeout, env=_env(), cwd=ROOT, preexec_fn=preexec)


def start_ingest(inputs: list[Path], store: Path, config: Path, *, workers: int = 1) -> subprocess.Popen:
    """Start the ingest command in a new process group (so a kill takes its workers too)."""
    return subprocess.Popen(ingest_command(inputs, store, config, workers), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT, start_new_session=True)


@dataclass
class Snapshot:
    """What a store holds, read from outside the process that wrote it."""

    opened: bool
    error: str = ""
    ids: dict[str, set[str]] = field(default_factory=dict)
    duplicates: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    versions: dict[str, int | None] = field(default_factory=dict)

    @property
    def total_duplicates(self) -> int:
        return sum(self.duplicates.values())


def snapshot(path: Path) -> Snapshot:
    """Open the store and read every row of every table the ingest writes.

    Reading every row through deltalake (not only DuckDB's view) touches
    every data file the log names, so a torn or missing file shows up here.
    """
    from deltalake import DeltaTable

    from eventwire.errors import EventwireError
    from eventwire.store.store import open_store

    try:
        store = open_store(path)
    except EventwireError as exc:
        return Snapshot(opened=False, error=str(exc))
    snap = Snapshot(opened=True)
    try:
        for name, key in KEYS.items():
            snap.versions[name] = store.version(name)
            if not store.has_table(name):
                snap.ids[name], snap.duplicates[name], snap.rows[name] = set(), 0, 0
                continue
            column = DeltaTable(str(store.table_path(name))).to_pyarrow_table(columns=[key]).column(key).to_pylist()
            snap.ids[name] = set(column)
            snap.rows[name] = len(column)
            snap.duplicates[name] = len(column) - len(snap.ids[name])
        store.sql("select count(*) from runs")  # the runs table is readable too
    except Exception as exc:  # noqa: BLE001 - any failure to read is what this looks for
        snap.opened = False
        snap.error = f"{type(exc).__name__}: {exc}"
    return snap


def commits(path: Path) -> int:
    """Delta commits so far across the tables (how far an ingest had got)."""
    return sum(len(list((path / t / "_delta_log").glob("*.json"))) for t in KEYS if (path / t / "_delta_log").is_dir())


def reference(corpus: Path, work: Path, config: Path, *, workers: int = 1) -> tuple[Snapshot, float]:
    """A clean, uninterrupted run: what a complete store holds, and how long it took."""
    ref, elapsed, _ = timed_reference(corpus, work, config, workers=workers)
    return ref, elapsed


def timed_reference(corpus: Path, work: Path, config: Path, *, workers: int = 1) -> tuple[Snapshot, float, float]:
    """As :func:`reference`, also giving when the first data commit appeared (seconds from start)."""
    store = work / "reference-store"
    started = time.perf_counter()
    proc = start_ingest([corpus], store, config, workers=workers)
    first = None
    while proc.poll() is None:
        if first is None and commits(store) > 0:
            first = time.perf_counter() - started
        time.sleep(0.005)
    elapsed = time.perf_counter() - started
    err = proc.stderr.read() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"the reference ingest failed: {err[-2000:]}")
    return snapshot(store), elapsed, first if first is not None else elapsed


@dataclass
class KillTrial:
    """One SIGKILL trial: where it was killed and what the store said after."""

    trial: int
    kill_after_s: float
    commits_at_kill: int
    opened_after_kill: bool
    before: dict[str, int]
    lost: int
    duplicates: int
    rerun_rc: int
    after: dict[str, int]
    complete: bool
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.opened_after_kill and self.lost == 0 and self.duplicates == 0 and self.rerun_rc == 0 and self.complete


def sigkill_trial(trial: int, corpus: Path, work: Path, config: Path, kill_after_s: float, ref: Snapshot,
                  *, workers: int = 1, after_first_commit: bool = False) -> KillTrial:
    """Start an ingest, SIGKILL its process group after ``kill_after_s``, check, rerun, check.

    With ``after_first_commit`` the delay counts from the first data commit
    (so the kill falls while batches are being written, not in start-up).
    "Lost" counts ids present right after the kill and missing after the
    rerun; "complete" means the rerun's store holds exactly the reference ids.
    """
    store = work / f"store-{trial:03d}"
    proc = start_ingest([corpus], store, config, workers=workers)
    if after_first_commit:
        while proc.poll() is None and commits(store) == 0:
            time.sleep(0.005)
    try:
        proc.wait(timeout=kill_after_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.stderr:
            proc.stderr.close()
    at_kill = commits(store)
    # A kill before the store directory was made leaves nothing to open; the
    # rerun creates it, and that is the expected outcome, not a failure.
    first = snapshot(store) if (store / "eventwire-store.json").exists() else Snapshot(opened=True)
    for name in KEYS:
        first.ids.setdefault(name, set())
        first.duplicates.setdefault(name, 0)
    rerun = run_ingest([corpus], store, config, workers=workers)
    second = snapshot(store)
    lost = sum(len(first.ids[n] - second.ids.get(n, set())) for n in KEYS)
    complete = second.opened and all(second.ids.get(n, set()) == ref.ids[n] for n in KEYS)
    return KillTrial(
        trial=trial, kill_after_s=kill_after_s, commits_at_kill=at_kill, opened_after_kill=first.opened,
        before={n: len(first.ids[n]) for n in KEYS}, lost=lost,
        duplicates=first.total_duplicates + second.total_duplicates, rerun_rc=rerun.returncode,
        after={n: len(second.ids.get(n, set())) for n in KEYS}, complete=complete,
        error=(first.error or second.error or (rerun.stderr[-500:] if rerun.returncode else "")),
    )


@dataclass
class ConcurrentTrial:
    """Several ingests writing one store at once."""

    trial: int
    writers: int
    return_codes: list[int]
    readable: bool
    duplicates: int
    missing: int
    extra: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return all(rc == 0 for rc in self.return_codes) and self.readable and not (self.duplicates or self.missing or self.extra)


def concurrent_trial(trial: int, inputs: list[list[Path]], work: Path, config: Path, ref: Snapshot) -> ConcurrentTrial:
    """Start one ingest per input list at the same moment on one fresh store.

    The union of the inputs must be the reference corpus: the store must then
    hold exactly the reference ids, each once.
    """
    from eventwire.store.store import open_store

    store = work / f"concurrent-{trial:03d}"
    open_store(store, create=True)  # both writers find it; creating it is not what is under test
    procs = [start_ingest(paths, store, config) for paths in inputs]
    codes, errors = [], []
    for proc in procs:
        _, err = proc.communicate(timeout=900)
        codes.append(proc.returncode)
        if proc.returncode:
            errors.append(err[-800:])
    snap = snapshot(store)
    missing = sum(len(ref.ids[n] - snap.ids.get(n, set())) for n in KEYS)
    extra = sum(len(snap.ids.get(n, set()) - ref.ids[n]) for n in KEYS)
    return ConcurrentTrial(trial=trial, writers=len(inputs), return_codes=codes, readable=snap.opened,
                           duplicates=snap.total_duplicates, missing=missing, extra=extra,
                           error=snap.error or " | ".join(errors))


def split_corpus(corpus: Path, parts: int, overlap: float = 0.3) -> list[list[Path]]:
    """Overlapping slices of a corpus's files: each file in at least one slice."""
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    size = len(files) // parts
    extra = int(size * overlap)
    slices = []
    for i in range(parts):
        lo = max(0, i * size - extra)
        hi = len(files) if i == parts - 1 else (i + 1) * size + extra
        slices.append(files[lo:hi])
    return slices


@dataclass
class DiskFullTrial:
    """An ingest that runs out of disk (or of file size) part-way."""

    mode: str
    room: int
    return_code: int
    message: str
    stderr_lines: int
    traceback: bool
    opened: bool
    kept: bool
    duplicates: int
    rerun_rc: int
    complete: bool
    error: str = ""

    @property
    def ok(self) -> bool:
        clear = self.return_code != 0 and "disk" in self.message and not self.traceback
        return clear and self.opened and self.kept and not self.duplicates and self.rerun_rc == 0 and self.complete


def tmpfs_available(where: Path) -> bool:
    """Whether this process may mount a tmpfs (root in a permissive sandbox)."""
    if os.geteuid() != 0:
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        return False
    subprocess.run(["umount", str(where)], capture_output=True)
    return True


def _ignore_sigxfsz() -> None:
    """preexec_fn: a write past RLIMIT_FSIZE fails with EFBIG instead of killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _limit_file_size(limit: int):
    """preexec_fn: files may not grow past ``limit`` bytes (EFBIG; SIGXFSZ ignored)."""
    import resource

    def apply() -> None:
        _ignore_sigxfsz()
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def run_out_of_file_size(inputs: list[Path], store: Path, config: Path, limit: int,
                         timeout: float = 600) -> tuple[subprocess.CompletedProcess, bool]:
    """Run an ingest; once it has committed a batch, cap its file size at ``limit`` (prlimit).

    The cap comes after start-up because start-up writes a large temporary
    file of its own (the language model, ~68 MB, unpacked by py3langid): a
    cap from the start would stop that, not a store write. Returns the
    finished process and whether the cap was set before it ended.
    """
    import resource

    before = commits(store)
    proc = subprocess.Popen(ingest_command(inputs, store, config), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=_env(), cwd=ROOT, preexec_fn=_ignore_sigxfsz)
    capped = False
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if commits(store) > before:  # a first batch is committed: start-up is over
            try:
                resource.prlimit(proc.pid, resource.RLIMIT_FSIZE, (limit, limit))
                capped = True
            except ProcessLookupError:
                pass
            break
        time.sleep(0.005)
    out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), capped


def _error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    return lines[-1] if lines else ""


def disk_full_trial(mode: str, room: int, first: Path, second: Path, work: Path, config: Path,
                    ref: Snapshot, *, size_mb: int = 16) -> DiskFullTrial:
    """Ingest ``first``, then ``second`` with only ``room`` bytes to spare, check, free, rerun.

    ``mode`` ``tmpfs``: the store lives on a tmpfs of ``size_mb``, filled up to
    ``room`` free bytes before the second ingest (a real ENOSPC). ``mode``
    ``fsize``: once the second ingest has committed a batch, its
    ``RLIMIT_FSIZE`` is set to ``room`` (EFBIG on any file that grows past
    it; SIGXFSZ ignored; see :func:`run_out_of_file_size`). ``ref`` is the
    store a clean ingest of both corpora gives.
    """
    mount = work / f"disk-{mode}-{room}"
    mount.mkdir(parents=True, exist_ok=True)
    if mode == "tmpfs":
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(mount)], check=True)
    store = mount / "store"
    try:
        done = run_ingest([first], store, config)
        if done.returncode != 0:
            raise RuntimeError(f"the first ingest failed: {done.stderr[-1000:]}")
        before = snapshot(store)
        filler = mount / "filler"
        if mode == "tmpfs":
            free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
            with open(filler, "wb") as handle:
                left = max(0, free - room)
                while left > 0:
                    left -= handle.write(b"\0" * min(left, 1 << 20))
            full = run_ingest([second], store, config)
        else:
            full, _capped = run_out_of_file_size([second], store, config, room)
        after = snapshot(store)
        kept = after.opened and all(before.ids[n] <= after.ids.get(n, set()) for n in KEYS)
        filler.unlink(missing_ok=True)
        rerun = run_ingest([second], store, config)
        final = snapshot(store)
        complete = final.opened and all(final.ids.get(n, set()) == ref.ids[n] for n in KEYS)
        return DiskFullTrial(
            mode=mode, room=room, return_code=full.returncode, message=_error_line(full.stderr),
            stderr_lines=len([line for line in full.stderr.splitlines() if line.strip()]),
            traceback="Traceback (most recent call last)" in full.stderr, opened=after.opened, kept=kept,
            duplicates=after.total_duplicates + final.total_duplicates, rerun_rc=rerun.returncode, complete=complete,
            error=after.error or final.error or (rerun.stderr[-500:] if rerun.returncode else ""),
        )
    finally:
        if mode == "tmpfs":
            subprocess.run(["umount", str(mount)], capture_output=True)
