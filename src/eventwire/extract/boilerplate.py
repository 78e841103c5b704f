"""Boilerplate lines of scraped plain text: what a page's chrome left behind.

HTML goes through trafilatura, which sees the markup; plain text has lost it,
so breadcrumbs, share and newsletter promos, cookie and ad notices, "Read
more" lists and copyright footers arrive as lines among the paragraphs. This
module removes those lines, one rule at a time, and says which rule removed
each, so a wrong removal can be traced to the rule and fixed in its data.

The rules are data (``eventwire/data/boilerplate.toml``): each has an id, a
kind, a regular expression for the whole line, a reason and example lines that
the tests run. Kinds:

- ``line``: the matching line is removed.
- ``list_header``: the line opens a list of links ("Read more:", "Related
  stories"); it is removed with the short, link-like lines that follow it,
  up to the next line of prose. A header that carries its item on the same
  line ("Also read: Kim meets Xi") is removed alone.
- ``author_note``: "The writer is a former ambassador ..." notes. They leave
  the body for ``CleanedText.author_note``, and only where they stand in the
  tail of the text (nothing but boilerplate after them): the same words in
  the middle of a story are news.

The cleaner is conservative. Keeping a promo costs a stray sentence in the
event coder's input; removing a body line loses news. So a rule marked
``guard = "prose"`` never fires on a line that reads as prose (enough words
and a finite verb); only rules whose pattern is strict and anchored
(``guard = "none"``, e.g. "X is now on Telegram! Click here to join") may.
Metadata lines (headline, "Published: ...", "By ...", "Source: ...") are
kept: :mod:`eventwire.extract.text_metadata` reads them after cleaning.
"""

from __future__ import annotations

import functools
import html
import re
import tomllib
from importlib import resources
from typing import Literal

import msgspec

# Read from the data file; the module falls back to nothing.
_RULES_FILE = "boilerplate.toml"
_FLAG_NAMES = {"IGNORECASE": re.IGNORECASE, "ASCII": re.ASCII}
# The same flags scoped to one rule inside the combined alternation.
_INLINE_FLAGS = {"IGNORECASE": "i", "ASCII": "a"}
# Chrome lines are short: the longest real ones are cookie notices of about
# 300 characters. Lines above this are paragraphs and skip the rule scan,
# which keeps long articles cheap to clean.
_MAX_BOILERPLATE_CHARS = 600
# A list after a "Related" header rarely has more entries than this; capping
# it bounds the damage if a header is ever followed by short body lines.
_MAX_LIST_ITEMS = 12
# A list entry is a headline or a link text: short and without the full stop
# of a sentence. Headlines run to about 20 words; 25 leaves some slack.
_MAX_ITEM_WORDS = 25
# Headlines put as questions ("Will Kim go to Seoul?") are short.
_MAX_QUESTION_ITEM_WORDS = 14

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BULLET = re.compile(r"^(?:[-*•·▪►»▸‣]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!;:][\"'”’)\]]*$")
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")
# A dump may end with its "Source: URL" line, below the author note or a
# link list; it is metadata (text_metadata reads it), so the tail walk steps
# over it and a list ends at it.
_TAIL_METADATA = re.compile(r"(?:(?:source|url|original(?:ly published)?(?: at)?|link)\s*:\s*)?https?://\S+", re.I)
# Words that make a line a clause: auxiliaries, modals and the reporting
# verbs of news prose. A promo ("Subscribe to our newsletter") is an
# imperative without a subject and has none of them; news sentences almost
# always have one, or a regular past tense (caught by the -ed test below).
_FINITE_VERBS = frozenset(
    """
    is are was were am be been has have had will would shall should can could
    may might must do does did said says told tells added adds announced
    warned urged met meets agreed agrees accused accuses called calls stated
    insisted denied denies rejected rejects signed signs left leaves came comes
    went goes took takes made makes gave gives held holds sent sends began
    begins saw sees became becomes remains remained according
    """.split()
)


class Rule(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One boilerplate rule as the data file states it."""

    id: str
    category: str
    kind: Literal["line", "list_header", "author_note"]
    pattern: str
    why: str
    examples: list[str]
    flags: list[str] = []
    guard: Literal["prose", "none"] = "prose"
    keep: list[str] = []


class RuleSet(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The whole rules file: a versioned name and its rules, in match order."""

    name: str
    prose_min_words: int
    rule: list[Rule]


class CleanedText(msgspec.Struct, frozen=True, kw_only=True):
    """Body text with boilerplate removed, and what was removed by which rule.

    ``removed`` lists every line taken out of the body, author notes included,
    as ``(line, rule_id)`` in document order.
    """

    text: str
    removed: list[tuple[str, str]]
    author_note: str | None


class _Compiled(msgspec.Struct, frozen=True):
    rules: dict[str, Rule]
    regexes: dict[str, re.Pattern[str]]
    # One alternation per guard class: a single regex call per line instead
    # of one per rule. Order inside each follows the file.
    any_line: re.Pattern[str] | None
    strict_line: re.Pattern[str] | None
    group_to_rule: dict[str, str]
    prose_min_words: int
    name: str


def rules_name() -> str:
    """Versioned name of the rule set in use, for provenance.

    Example: ``rules_name()`` gives ``"boilerplate_v1"``.
    """
    return _compiled().name


def load_rules() -> RuleSet:
    """Parse the shipped rules file.

    Example: ``[r.id for r in load_rules().rule][:2]``.
    """
    raw = resources.files("eventwire.data").joinpath(_RULES_FILE).read_text(encoding="utf-8")
    return msgspec.convert(tomllib.loads(raw), RuleSet)


def compile_rule(rule: Rule) -> re.Pattern[str]:
    """The compiled pattern of ``rule``, raising ValueError on a bad flag.

    Example: ``compile_rule(rule).fullmatch("Advertisement")``.
    """
    flags = 0
    for name in rule.flags:
        if name not in _FLAG_NAMES:
            raise ValueError(f"boilerplate rule {rule.id}: unknown flag {name!r}")
        flags |= _FLAG_NAMES[name]
    return re.compile(rule.pattern, flags)


@functools.cache
def _compiled() -> _Compiled:
    ruleset = load_rules()
    rules: dict[str, Rule] = {}
    regexes: dict[str, re.Pattern[str]] = {}
    any_parts: list[str] = []
    strict_parts: list[str] = []
    group_to_rule: dict[str, str] = {}
    for n, rule in enumerate(ruleset.rule):
        if rule.id in rules:
            raise ValueError(f"boilerplate rule id {rule.id} is used twice")
        rules[rule.id] = rule
        regexes[rule.id] = compile_rule(rule)
        if rule.kind == "author_note":
            continue  # decided in the tail pass, not line by line
        group = f"r{n}"
        group_to_rule[group] = rule.id
        inline = "".join(_INLINE_FLAGS[name] for name in rule.flags)
        # Named groups inside a rule would clash in the alternation; the
        # rule's own regex is re-run to read them once the rule is known.
        # (Rules therefore must not use backreferences to named groups.)
        body = re.sub(r"\(\?P<\w+>", "(?:", rule.pattern)
        part = f"(?P<{group}>(?{inline}:{body}))" if inline else f"(?P<{group}>{body})"
        any_parts.append(part)
        if rule.guard == "none":
            strict_parts.append(part)
    return _Compiled(
        rules=rules,
        regexes=regexes,
        any_line=re.compile("|".join(any_parts)) if any_parts else None,
        strict_line=re.compile("|".join(strict_parts)) if strict_parts else None,
        group_to_rule=group_to_rule,
        prose_min_words=ruleset.prose_min_words,
        name=ruleset.name,
    )


def looks_like_prose(line: str, min_words: int | None = None) -> bool:
    """True when a line reads as a sentence of prose, not as chrome.

    Prose here means at least ``min_words`` words and a finite verb (an
    auxiliary, a reporting verb or a regular past tense).

    Example: ``looks_like_prose("Subscribe to our newsletter")`` is False.
    """
    if min_words is None:
        min_words = _compiled().prose_min_words
    words = _WORD.findall(line)
    if len(words) < min_words:
        return False
    for word in words:
        w = word.lower().replace("’", "'")
        if w in _FINITE_VERBS or (len(w) > 4 and w.endswith("ed")) or w.endswith("n't"):
            return True
    return False


#: An HTML character reference left in scraped text ("Russia &amp; Iran", "&#8217;", "&nbsp;").
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,7}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _normalise(line: str) -> str:
    # Scrapers leave HTML character references, no-break and zero-width spaces in
    # text dumps; patterns (and the coder) are written for the characters themselves.
    if "&" in line and _ENTITY.search(line):
        line = html.unescape(line)
    return " ".join(line.replace("\u200b", "").replace("\ufeff", "").split())


def _match_line(line: str, c: _Compiled) -> str | None:
    """The id of the first line rule matching ``line``, or None."""
    if not line or len(line) > _MAX_BOILERPLATE_CHARS:
        return None
    regex = c.strict_line if looks_like_prose(line, c.prose_min_words) else c.any_line
    if regex is None:
        return None
    m = regex.fullmatch(line)
    return c.group_to_rule[m.lastgroup] if m and m.lastgroup else None


def _is_list_item(line: str) -> bool:
    if _BULLET.match(line):
        return True
    n = len(_WORD.findall(line))
    if n == 0 or n > _MAX_ITEM_WORDS:
        return False
    if _QUESTION_END.search(line):
        return n <= _MAX_QUESTION_ITEM_WORDS
    return not _SENTENCE_END.search(line)


def _has_inline_item(line: str, regex: re.Pattern[str]) -> bool:
    m = regex.fullmatch(line)
    return bool(m and "item" in m.groupdict() and m.group("item"))


def _consume_list(lines: list[str], start: int, tags: list[str | None], rule_id: str, c: _Compiled) -> int:
    """Tag the entries of the list opened at ``start``; return the next index.

    The gap (blank lines) between the header and the first entry sets the
    spacing of the list: a single-spaced list ends at its first blank line, a
    double-spaced one at the first line that is not an entry.
    """
    i = start + 1
    gap = 0
    while i < len(lines) and not lines[i] and gap < 2:
        i += 1
        gap += 1
    if gap > 1:
        return start + 1
    items = 0
    while i < len(lines) and items < _MAX_LIST_ITEMS:
        line = lines[i]
        if _TAIL_METADATA.fullmatch(line):
            break  # the dump's "Source: URL" line is metadata, not a link
        other = _match_line(line, c)
        if other is not None:
            tags[i] = other  # an ad inside the list: its own rule says why
        elif _is_list_item(line):
            tags[i] = rule_id
            items += 1
        else:
            break
        # Step over the list's own spacing; a wider gap ends the list.
        j = i + 1
        blanks = 0
        while j < len(lines) and not lines[j]:
            j += 1
            blanks += 1
        if blanks != gap:
            return i + 1
        i = j
    return i


def clean_text(text: str) -> CleanedText:
    """Remove boilerplate lines from scraped text, keeping every body line.

    Example::

        >>> r = clean_text("Leaders meet\\nAdvertisement\\nThe leaders met on Monday.")
        >>> r.text
        'Leaders meet\\nThe leaders met on Monday.'
        >>> r.removed
        [('Advertisement', 'ad-label')]
    """
    c = _compiled()
    lines = [_normalise(line) for line in text.splitlines()]
    tags: list[str | None] = [None] * len(lines)
    i = 0
    while i < len(lines):
        rule_id = _match_line(lines[i], c)
        if rule_id is None:
            i += 1
            continue
        tags[i] = rule_id
        rule = c.rules[rule_id]
        if rule.kind == "list_header" and not _has_inline_item(lines[i], c.regexes[rule_id]):
            i = _consume_list(lines, i, tags, rule_id, c)
        else:
            i += 1

    notes = _tag_author_notes(lines, tags, c)

    kept: list[str] = []
    for line, tag in zip(lines, tags):
        if tag is not None:
            continue
        if not line and (not kept or not kept[-1]):
            continue  # collapse blank runs left by removed lines
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    removed = [(line, tag) for line, tag in zip(lines, tags) if tag is not None]
    return CleanedText(text="\n".join(kept), removed=removed, author_note=" ".join(notes) or None)


def _tag_author_notes(lines: list[str], tags: list[str | None], c: _Compiled) -> list[str]:
    """Tag author notes in the tail of the text; return them in order.

    The tail is what follows the last body line: walking up from the end, an
    author note is taken only while everything below it is boilerplate,
    blank, or another note.
    """
    note_rules = [(rid, c.regexes[rid]) for rid, r in c.rules.items() if r.kind == "author_note"]
    found: list[str] = []
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line or tags[i] is not None or _TAIL_METADATA.fullmatch(line):
            continue
        hit = next((rid for rid, rx in note_rules if rx.fullmatch(line)), None)
        if hit is None:
            break  # a body line: notes above it are part of the story
        tags[i] = hit
        found.append(line)
    found.reverse()
    return found
