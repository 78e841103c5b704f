"""When did an event happen: the article date, moved by what the sentence says.

News sentences rarely carry a full date; they say "on Friday", "yesterday",
"last month". This module resolves such expressions against the article's
publication date. It is deliberately conservative: where it cannot tell,
the event keeps the article date (which is what GDELT and ICEWS do for
every event), so a resolution never makes a date worse than the default.

What each expression resolves to (``A`` is the article date):

=================================  ===========================================
``today``, ``this morning``,       ``A``
``tonight``, ``earlier today``
``yesterday``, ``last night``      ``A - 1 day``
``the day before yesterday``       ``A - 2 days``
``on Friday``, ``Friday``,         the most recent Friday on or before ``A``
``Friday night``                   (news convention: a Friday article's
                                   "on Friday" is that same day)
``last Friday``                    the most recent Friday strictly before ``A``
``over the weekend``               the Saturday of the most recent weekend
                                   on or before ``A``; ``last weekend``:
                                   strictly before
``N days/weeks ago``               ``A - N days`` / ``A - 7N days``
``N months/years ago``             the same day N months / years back
``last week``                      Monday of the week before ``A``'s week
``last month``                     the 1st of the month before ``A``'s month
``last year``                      1 January of the year before ``A``'s year
``this week/month/year``           ``A`` (already inside that period)
``on 12 June``, ``June 12th``      that day in the most recent year that puts
                                   it on or before ``A``; ``A`` when it is
                                   up to 4 months after ``A`` (a forward
                                   reference)
``in March``                       1 March of the most recent March on or
                                   before ``A``; ``A`` itself when ``A`` is
                                   in March or March is up to 4 months ahead
``in 2017``                        1 January 2017; ``A`` when ``A`` is in 2017
``12 June 2018``, ``2018-06-12``   that day (it may lie after ``A``)
=================================  ===========================================

**Periods resolve to their first day**, not to the article date: "last
month" in a 3 July article becomes 1 June, so monthly and yearly series put
the event in the right bucket; :class:`DateResolution` says how precise the
date is (``day``, ``week``, ``month``, ``year``).

**Future expressions keep the article date.** In "the ministers will meet on
Friday" the coded event (a future-modality CONSULT) was *reported* on the
article date and has not happened; putting it on a later day would put
unhappened events into time series. "next Friday", "tomorrow" and any
expression after "will", "is due to", "plans to", ... count as future; a
speech verb just before the expression ("said on Monday that ...") makes it
past again.

**Which expression.** Given the event trigger's offsets, the expression
nearest the trigger within its clause decides; one in another clause ("X
welcomed the deal and said sanctions imposed *in 2009* ...") does not date
the event. Without a trigger, the first expression that resolves decides.

Without an article date only a full explicit date can be resolved; anything
else gives ``None``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

import msgspec

__all__ = ["DateResolution", "resolve_event_date", "resolve_event_date_detail"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}

_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# Month names alone are matched case-sensitively: "may" and "march" are
# also a modal verb and a verb. With a day number beside them they are
# unambiguous, so lower-cased corpora still resolve "june 12" (but not
# "may 12" or "march 12": "3 may die", "troops march 12 km").
_MONTH_ANYCASE = (
    r"(?:(?i:January|February|April|June|July|August|September|October|November|December"
    r"|Jan|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)|May|March|Mar)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"

# Words that start another clause, and ones that start a reported clause
# (see _governs).
_NEW_CLAUSE = re.compile(
    r"[;—]|\s--\s|,\s+(?:and|but|while|whereas)\b"
    r"|\b(?:since|after|before|when|while|because|although|though|which|who|whom|whose|where|until)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(r"\b(?:said|says|say|told|tells|that|announced|added|stated|claimed)\b", re.IGNORECASE)

# A day or month without a year that lies this soon after the article date
# is a forward reference ("the vote on June 20", "elections in July") the
# future-tense check missed, not the same day a year ago; later than that
# ("on December 28" in a January article) it is last year's.
_AHEAD_DAYS = 120

# Names that contain a weekday but are not a date ("Good Friday agreement").
_NOT_A_DAY = re.compile(r"\b(?:good|black|bloody|ash|palm|easter|cyber|super|holy|maundy)\s+$", re.IGNORECASE)
_FUTURE_MARKER = re.compile(
    r"\b(?:will|shall|'ll|is|are|was|were)\s+(?:due|set|scheduled|expected|slated|going)\s+to\b"
    r"|\b(?:will|shall|'ll)\b|\bplans?\s+to\b|\bplanned\s+for\b|\bintends?\s+to\b|\bwould\b",
    re.IGNORECASE,
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|announced|told|stated|confirmed|reported|added|declared|warned|wrote|tweeted)"
    r"(?:\s+\w+){0,2}\s*(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)

# Every pattern below needs one of these (a digit, a month, a word ending in
# "day", a part of the day, "tomorrow", a week, month or year): a sentence
# without any holds no time expression, and the patterns need not run.
_MAY_HOLD_DATE = re.compile(
    r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|night|evening|morning|afternoon|tomorrow|week|month|year",
    re.IGNORECASE,
)


class DateResolution(msgspec.Struct, frozen=True, kw_only=True):
    """A resolved event date and what it came from.

    ``precision`` is ``day``, ``week``, ``month`` or ``year``: how wide the
    period the sentence named is (the date is that period's first day, or
    the article date for the current period). ``expression`` is the text
    that decided, ``None`` when the article date was kept.
    """

    date: dt.date | None
    precision: str
    expression: str | None = None
    start: int = -1
    end: int = -1


# Each pattern names a resolver; order matters only for overlapping matches
# (the longest wins, see _candidates).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b" + _YEAR + r"-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("day_month_year", re.compile(r"\b" + _DAY + r"(?:\s+of)?\s+(?P<mname>" + _MONTH_ANYCASE + r"),?\s+" + _YEAR + r"\b")),
    ("month_day_year", re.compile(r"\b(?P<mname>" + _MONTH_ANYCASE + r")\s+" + _DAY + r",?\s+" + _YEAR + r"\b")),
    ("day_month", re.compile(r"\b" + _DAY + r"(?:\s+of)?\s+(?P<mname>" + _MONTH_ANYCASE + r")(?![\w-])")),
    ("month_day", re.compile(r"\b(?P<mname>" + _MONTH_ANYCASE + r")\s+" + _DAY + r"(?![\d:,.]\d|\w)")),
    ("in_month_year", re.compile(r"\b(?i:in|during|since|by|early|late|mid-?)\s+(?P<mname>" + _MONTH_NAME + r"),?\s+" + _YEAR + r"\b")),
    ("in_month", re.compile(r"\b(?i:in|during|early|late|mid-?|last)\s+(?P<mname>" + _MONTH_NAME + r")(?![\w-])(?!,?\s+(?:19|20)\d\d)")),
    ("in_year", re.compile(r"\b(?i:in|during)\s+" + _YEAR + r"\b(?!\s*[-/])")),
    ("day_before_yesterday", re.compile(r"\b(?i:the\s+day\s+before\s+yesterday)\b")),
    ("yesterday", re.compile(r"\b(?i:yesterday|last\s+night|last\s+evening)\b")),
    ("today", re.compile(r"\b(?i:today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today)\b")),
    ("tomorrow", re.compile(r"\b(?i:tomorrow)\b")),
    ("ago", re.compile(r"\b(?P<n>\d{1,3}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+"
                       r"(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b")),
    ("last_period", re.compile(r"\b(?i:last|past|previous)\s+(?P<unit>(?i:week|month|year))\b(?!s)")),
    ("this_period", re.compile(r"\b(?i:this|earlier\s+this|later\s+this)\s+(?P<unit>(?i:week|month|year))\b")),
    ("weekend", re.compile(r"\b(?P<which>(?i:last|this|over\s+the|at\s+the|on\s+the|during\s+the|next))\s+(?i:weekend)\b")),
    ("weekday", re.compile(r"(?P<mod>\b(?i:last|next|this|on|late|early)\s+)?\b" + _WEEKDAY + r"\b(?!\s*,?\s*" + _MONTH_NAME + r")")),
]

# What each pattern cannot match without (a digit, a month name, one of the
# words, in lower case): most sentences hold none of a pattern's cues, and
# testing them is much cheaper than running it.
_DIGIT = re.compile(r"\d")
_MONTH_CUE = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_NEEDS: dict[str, tuple[bool, bool, tuple[str, ...]]] = {
    "iso": (True, False, ()),
    "day_month_year": (True, True, ()),
    "month_day_year": (True, True, ()),
    "day_month": (True, True, ()),
    "month_day": (True, True, ()),
    "in_month_year": (True, True, ()),
    "in_month": (False, True, ()),
    "in_year": (True, False, ()),
    "day_before_yesterday": (False, False, ("yesterday",)),
    "yesterday": (False, False, ("yesterday", "last")),
    "today": (False, False, ("today", "tonight", "this")),
    "tomorrow": (False, False, ("tomorrow",)),
    "ago": (False, False, ("ago",)),
    "last_period": (False, False, ("last", "past", "previous")),
    "this_period": (False, False, ("this",)),
    "weekend": (False, False, ("weekend",)),
    "weekday": (False, False, ("day",)),
}


def resolve_event_date(
    sentence: str, article_date: dt.date | None, *, trigger: tuple[int, int] | None = None
) -> dt.date | None:
    """The event date of ``sentence``, resolved against ``article_date``.

    ``trigger`` (character offsets of the event's trigger word) picks, when
    the sentence names several times, the one nearest the trigger among
    those in its clause (guessed from words, see ``_governs``); without it
    the first one that resolves wins. See the module docstring for what
    each expression resolves to.

    Example:
        >>> resolve_event_date("Troops withdrew on Thursday.", dt.date(2018, 6, 16))
        datetime.date(2018, 6, 14)
    """
    return resolve_event_date_detail(sentence, article_date, trigger=trigger).date


def resolve_event_date_detail(
    sentence: str, article_date: dt.date | None, *, trigger: tuple[int, int] | None = None
) -> DateResolution:
    """Like :func:`resolve_event_date`, with the precision and the deciding expression.

    Example:
        >>> resolve_event_date_detail("He resigned last month.", dt.date(2018, 7, 3)).precision
        'month'
    """
    default = DateResolution(date=article_date, precision="day")
    if not sentence:
        return default
    found = _candidates(sentence)
    if trigger is not None:
        middle = (trigger[0] + trigger[1]) / 2
        found = [item for item in found if _governs(sentence, trigger, item[1])]
        found.sort(key=lambda item: abs((item[1].start() + item[1].end()) / 2 - middle))
    for kind, match in found:
        resolved = _resolve(kind, match, sentence, article_date)
        if resolved is not None:
            when, precision = resolved
            return DateResolution(
                date=when, precision=precision, expression=match.group(0).strip(),
                start=match.start(), end=match.end(),
            )
    return default


@functools.lru_cache(maxsize=64)
def _candidates(sentence: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """Every time expression, longest first where two overlap, in text order.

    Cached: a sentence with several events is asked once per event.
    """
    if not _MAY_HOLD_DATE.search(sentence):
        return ()
    lowered = sentence.lower()
    digit = _DIGIT.search(sentence) is not None
    month = _MONTH_CUE.search(lowered) is not None
    hits: list[tuple[str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        needs_digit, needs_month, words = _NEEDS[kind]
        if (needs_digit and not digit) or (needs_month and not month) or (words and not any(w in lowered for w in words)):
            continue
        hits.extend((kind, m) for m in pattern.finditer(sentence))
    hits.sort(key=lambda item: (item[1].start(), -(item[1].end() - item[1].start())))
    kept: list[tuple[str, re.Match[str]]] = []
    for kind, match in hits:
        if any(match.start() < k.end() and k.start() < match.end() for _, k in kept):
            continue
        kept.append((kind, match))
    return tuple(kept)


def _resolve(kind: str, m: re.Match[str], sentence: str, a: dt.date | None) -> tuple[dt.date, str] | None:
    """One expression to (date, precision), or None when it does not apply."""
    groups = m.groupdict()
    if kind in ("iso", "day_month_year", "month_day_year"):
        month = int(groups["month"]) if kind == "iso" else _month_number(groups["mname"])
        return _safe_date(int(groups["year"]), month, int(groups["day"]), "day")
    if a is None:
        return None
    if kind == "in_month_year":
        when = _safe_date(int(groups["year"]), _month_number(groups["mname"]), 1, "month")
        if when and (when[0].year, when[0].month) == (a.year, a.month):
            return a, "month"
        return when
    if _is_future(sentence, m) or kind == "tomorrow":
        return None
    if kind in ("day_month", "month_day"):
        month, day = _month_number(groups["mname"]), int(groups["day"])
        when = _safe_date(a.year, month, day, "day")
        if when and when[0] <= a:
            return when
        if when and (when[0] - a).days <= _AHEAD_DAYS:
            return None
        return _safe_date(a.year - 1, month, day, "day")
    if kind == "in_month":
        month = _month_number(groups["mname"])
        last = m.group(0).lower().startswith("last")
        if month == a.month and not last:
            return a, "month"
        if not last and 0 < month - a.month <= _AHEAD_DAYS // 30:
            return None
        year = a.year if month < a.month else a.year - 1
        return dt.date(year, month, 1), "month"
    if kind == "in_year":
        year = int(groups["year"])
        if year > a.year:
            return None
        return (a, "year") if year == a.year else (dt.date(year, 1, 1), "year")
    if kind == "today":
        return a, "day"
    if kind == "yesterday":
        return a - dt.timedelta(days=1), "day"
    if kind == "day_before_yesterday":
        return a - dt.timedelta(days=2), "day"
    if kind == "ago":
        return _ago(groups["n"], groups["unit"].lower(), a)
    if kind == "last_period":
        return _period_start(groups["unit"].lower(), a, back=1)
    if kind == "this_period":
        return a, groups["unit"].lower()
    if kind == "weekend":
        which = groups["which"].lower()
        if which == "next":
            return None
        strictly = which == "last"
        return _previous_weekday(a, 5, strictly=strictly), "day"
    if kind == "weekday":
        if _NOT_A_DAY.search(sentence[: m.start("weekday")]):
            return None
        mod = (groups.get("mod") or "").strip().lower()
        if mod == "next":
            return None
        day = _WEEKDAYS.index(groups["weekday"].lower())
        return _previous_weekday(a, day, strictly=mod == "last"), "day"
    return None


def _governs(sentence: str, trigger: tuple[int, int], m: re.Match[str]) -> bool:
    """Whether a time expression can date the event of ``trigger`` (same clause, roughly).

    Without a parse, clause edges are guessed from words: an expression
    after the trigger is cut off by a new clause or a reported one ("welcomed
    the deal and *said* sanctions imposed in 2009 ..."); one before it only
    by a new clause ("... in 2014, *and* Ukraine's president said he would
    ask ..."), because a speech date dates what was said ("announced on
    Tuesday *that* it was withdrawing").
    """
    if m.start() >= trigger[1]:
        between = sentence[trigger[1] : m.start()]
        return not (_NEW_CLAUSE.search(between) or _REPORTED.search(between))
    if m.end() <= trigger[0]:
        return not _NEW_CLAUSE.search(sentence[m.end() : trigger[0]])
    return True


def _is_future(sentence: str, m: re.Match[str]) -> bool:
    """Whether the expression reads as a future time ("will meet on Friday")."""
    text = m.group(0).lower()
    if text.startswith("next") or "next" in text.split():
        return True
    before = sentence[: m.start()]
    marker = None
    for marker in _FUTURE_MARKER.finditer(before):
        pass
    if marker is None:
        return False
    # "said on Monday that they will ..." puts the speech, not the plan, on Monday.
    if _SPEECH_BEFORE.search(before):
        return False
    # A marker in an earlier clause ("..., which will ..., on Monday") still
    # governs; one more than ~60 characters back seldom does.
    return m.start() - marker.end() <= 60


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS.index(key) + 1
    return _MONTH_ABBR[key[:4] if key.startswith("sept") else key[:3]]


def _safe_date(year: int, month: int, day: int, precision: str) -> tuple[dt.date, str] | None:
    try:
        return dt.date(year, month, day), precision
    except ValueError:
        return None


def _previous_weekday(a: dt.date, weekday: int, *, strictly: bool) -> dt.date:
    back = (a.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return a - dt.timedelta(days=back)


def _shift_months(a: dt.date, months: int) -> dt.date:
    total = a.year * 12 + a.month - 1 - months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(a.day, last))


def _ago(number: str, unit: str, a: dt.date) -> tuple[dt.date, str] | None:
    n = int(number) if number.isdigit() else _NUMBERS.get(number.lower())
    if not n:
        return None
    if unit == "day":
        return a - dt.timedelta(days=n), "day"
    if unit == "week":
        return a - dt.timedelta(weeks=n), "week"
    if unit == "month":
        return _shift_months(a, n), "month"
    return _shift_months(a, 12 * n), "year"


def _period_start(unit: str, a: dt.date, back: int) -> tuple[dt.date, str]:
    if unit == "week":
        monday = a - dt.timedelta(days=a.weekday())
        return monday - dt.timedelta(weeks=back), "week"
    if unit == "month":
        return _shift_months(a.replace(day=1), back), "month"
    return dt.date(a.year - back, 1, 1), "year"
