"""Request and response models of the HTTP API: what the OpenAPI document shows.

Each mirrors a record of the Python API (an :class:`~eventwire.records.Event`,
a :class:`~eventwire.analytics.meetings.Meeting`, ...) and is built from it
with ``Model.model_validate(record)``; none adds logic.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Error(Out):
    detail: str = Field(description="What was wrong, with which input, and what to do.")


class Health(Out):
    ok: bool


class Status(Out):
    version: str
    store: str
    tables: dict[str, int | None] = Field(description="Each table's Delta version (null: not created yet).")
    articles: int
    events: int
    rejects: int
    runs: int
    first_event: dt.date | None
    last_event: dt.date | None
    first_article: dt.date | None
    last_article: dt.date | None
    ingest_enabled: bool
    private_urls_allowed: bool
    token_required: bool


class CacheStats(Out):
    entries: int
    bytes: int
    hits: int
    misses: int


class Country(Out):
    code: str = Field(description="ISO 3166 alpha-3")
    name: str
    numeric: str | None = Field(description="ISO 3166 numeric, as world maps key their shapes")


class CountryCount(Out):
    code: str
    name: str
    events: int


class ActorEntry(Out):
    name: str
    code: str | None
    country: str | None
    events: int


class Actors(Out):
    countries: list[CountryCount]
    people: list[ActorEntry]


class ArticleRow(Out):
    article_id: str
    published: dt.date | None
    site: str | None
    title: str | None
    language: str | None
    url: str | None
    author: str | None
    date_source: str | None
    duplicate_of: str | None
    source: str | None


class ArticlesPage(Out):
    items: list[ArticleRow]
    offset: int
    limit: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last one.")


class ActorRef(Out):
    text: str | None
    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    start: int | None = Field(description="Offset in the event's sentence")
    end: int | None
    kb_id: str | None = None


class Span(Out):
    text: str | None
    start: int | None
    end: int | None


class Evidence(Out):
    pattern_id: str | None = None
    pattern_type: str | None = None
    model_type: str | None = None
    model_score: float | None = None
    rule: str | None = None


class Location(Out):
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None


class EventOut(Out):
    event_id: str
    article_id: str | None
    date: dt.date | None
    type: str | None = Field(description="PLOVER 2.0 type")
    mode: str | None
    cameo: str | None
    quad_class: int | None
    intensity: float | None
    confidence: float | None
    modality: str | None
    negated: bool | None
    sentence: str | None
    sentence_index: int | None
    sentence_start: int | None = Field(description="Offset of the sentence in the article text")
    sources: list[ActorRef]
    targets: list[ActorRef]
    trigger: Span | None
    evidence: Evidence | None = None
    location: Location | None = None
    coder: str | None = None
    url: str | None = None
    site: str | None = None
    title: str | None = None
    tone: float | None = None


class EventsPage(Out):
    items: list[EventOut]
    offset: int
    limit: int
    next_offset: int | None


class ArticleDetail(ArticleRow):
    text: str
    tone: float | None
    events: list[EventOut]


class VolumePoint(Out):
    period: dt.date
    articles: int
    events: int


class Volume(Out):
    by: str
    points: list[VolumePoint]


class DyadScore(Out):
    a: str
    b: str
    a_name: str
    b_name: str
    events: int
    coop: int
    conflict: int
    index: float


class TopDyads(Out):
    since: dt.date | None
    until: dt.date | None
    cooperative: list[DyadScore]
    conflictual: list[DyadScore]


class Partner(Out):
    partner: str
    name: str
    events: int
    coop: int
    conflict: int
    index: float


class Relations(Out):
    actor: str
    since: dt.date | None
    until: dt.date | None
    partners: list[Partner]


class TiePeriod(Out):
    period: dt.date
    events: int
    reports: int
    coop: int
    conflict: int
    q1: int
    q2: int
    q3: int
    q4: int
    by_type: dict[str, int] = Field(description="Events per PLOVER type (OTHER: anything else)")
    intensity_mean: float | None
    tone_mean: float | None
    period_articles: int
    events_per_1k_articles: float | None
    index_raw: float | None
    index: float | None = Field(description="Smoothed relation index, -1 (conflict) .. +1 (cooperation)")
    index_low: float | None = Field(description="Lower end of the 95 % band")
    index_high: float | None


class Ties(Out):
    dyad: str
    by: str
    alpha: float
    periods: list[TiePeriod]


class Meeting(Out):
    date: dt.date | None
    actor: str
    partner: str
    partner_code: str | None
    partner_country: str | None
    sentence: str
    num_mentions: int
    num_articles: int
    num_sources: int
    meeting_id: str
    event_id: str
    article_id: str | None


class Meetings(Out):
    actor: str
    items: list[Meeting]


class NetworkNode(Out):
    node: str
    label: str | None
    events_out: int | None
    events_in: int | None
    coop_out: int | None
    coop_in: int | None
    conflict_out: int | None
    conflict_in: int | None
    degree: float | None
    pagerank: float | None
    betweenness: float | None


class NetworkEdge(Out):
    source: str
    target: str
    events: int
    reports: int
    coop: int
    conflict: int
    intensity_mean: float | None
    index: float


class Network(Out):
    since: dt.date | None
    until: dt.date | None
    level: str
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    edges_total: int = Field(description="Edges before max_edges kept the strongest")


class Driver(Out):
    date: dt.date | None
    type: str
    source: str
    target: str
    sentence: str
    num_mentions: int
    cluster_id: str


class Alert(Out):
    dyad: str
    a: str
    b: str
    period: dt.date
    by: str
    direction: str
    z: float
    index: float
    baseline_index: float
    change: float
    events: int
    coop: int
    conflict: int
    baseline_events: int
    periods: int
    drivers: list[Driver]


class Alerts(Out):
    items: list[Alert]


class ClusterReport(Out):
    event_id: str
    article_id: str
    site: str | None
    date: dt.date | None
    sentence: str


class Cluster(Out):
    cluster_id: str
    first_date: dt.date | None
    last_date: dt.date | None
    type: str
    quad_class: int | None
    source: str
    target: str
    intensity: float | None
    num_mentions: int
    num_articles: int
    num_sources: int
    sentence: str
    reports: list[ClusterReport]


class Clusters(Out):
    since: dt.date
    until: dt.date
    items: list[Cluster]


class ProfilePartner(Out):
    partner: str
    events: int
    coop: int
    conflict: int
    index: float | None


class TypeShare(Out):
    type: str
    events: int
    share: float


class TrendPoint(Out):
    period: dt.date
    events: int
    coop: int
    conflict: int
    index: float | None


class Profile(Out):
    actor: str
    level: str
    since: dt.date | None
    until: dt.date | None
    events: int
    as_source: int
    as_target: int
    coop: int
    conflict: int
    index: float | None
    partners: list[ProfilePartner]
    types: list[TypeShare]
    trend: list[TrendPoint]
    direction: str


class SearchHit(EventOut):
    matches: list[tuple[int, int]] = Field(description="Spans of the matched words in the sentence")


class Search(Out):
    q: str
    items: list[SearchHit]
    offset: int
    limit: int
    next_offset: int | None


class CodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=100_000, description="An article's clean text")
    date: dt.date | None = Field(default=None, description="The article date, for relative dates and offices")
    url: str | None = Field(default=None, max_length=2_000, description="The article URL (gives the article id)")


class Coded(Out):
    events: list[EventOut]
    elapsed_ms: float


class IngestUrl(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2_000, description="An http(s) page or feed")
    date: dt.date | None = Field(default=None, description="Publication date when the page has none")


class Job(Out):
    job_id: str
    kind: str
    source: str
    status: str = Field(description="queued, running, ok, failed or interrupted")
    created_at: dt.datetime
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    documents: int
    articles_new: int
    articles_known: int
    near_duplicates: int
    rejects: int
    rejects_by_reason: dict[str, int]
    elapsed_s: float
    error: str | None


class Jobs(Out):
    enabled: bool
    items: list[Job]


class Run(Out):
    run_id: str
    command: str | None
    status: str | None
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    counts: dict


class Runs(Out):
    items: list[Run]


class RejectRow(Out):
    rejected_at: dt.datetime | None
    reason: str | None
    source: str | None
    message: str | None
    size: int | None
    stage: str | None
    content_hash: str | None


class Rejects(Out):
    items: list[RejectRow]
