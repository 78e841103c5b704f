"""Relative event dates: what each expression resolves to, and when the article date stays."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.events.dates import resolve_event_date, resolve_event_date_detail

SAT = dt.date(2018, 6, 16)  # a Saturday
D = dt.date


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Troops withdrew on Thursday.", D(2018, 6, 14)),
        ("The minister said Saturday that talks had failed.", SAT),  # same weekday: that day
        ("Protesters gathered last Saturday.", D(2018, 6, 9)),  # "last": strictly before
        ("Rebels attacked the town late Tuesday.", D(2018, 6, 12)),
        ("Police arrested him on Monday night.", D(2018, 6, 11)),
        ("The army shelled the village yesterday.", D(2018, 6, 15)),
        ("Rockets hit the city last night.", D(2018, 6, 15)),
        ("Talks resumed today in Geneva.", SAT),
        ("They met the day before yesterday.", D(2018, 6, 14)),
        ("The ceasefire collapsed three days ago.", D(2018, 6, 13)),
        ("Two weeks ago the envoy visited Kabul.", D(2018, 6, 2)),
    ],
)
def test_days_resolve_against_the_article_date(sentence, expected):
    assert resolve_event_date(sentence, SAT) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("He resigned last week.", D(2018, 6, 4), "week"),  # Monday of the week before
        ("He resigned last month.", D(2018, 5, 1), "month"),
        ("The two countries signed a treaty last year.", D(2017, 1, 1), "year"),
        ("Exports fell earlier this month.", SAT, "month"),  # already inside the period
        ("The summit took place in March.", D(2018, 3, 1), "month"),
        ("The summit took place in December.", D(2017, 12, 1), "month"),  # most recent past December
        ("The summit took place in June.", SAT, "month"),
        ("The deal was signed in 2016.", D(2016, 1, 1), "year"),
        ("Elections were held in March 2017.", D(2017, 3, 1), "month"),
    ],
)
def test_periods_resolve_to_their_first_day(sentence, expected, precision):
    got = resolve_event_date_detail(sentence, SAT)
    assert (got.date, got.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On 12 June the army entered the city.", D(2018, 6, 12)),
        ("On June 2nd the army entered the city.", D(2018, 6, 2)),
        ("On December 28 the army entered the city.", D(2017, 12, 28)),
        ("The accord of 3 May 2016 collapsed.", D(2016, 5, 3)),
        ("Troops left on March 5, 2015, officials said.", D(2015, 3, 5)),
        ("The report is dated 2018-05-01.", D(2018, 5, 1)),
        ("On Friday, June 8, the talks began.", D(2018, 6, 8)),
    ],
)
def test_calendar_dates(sentence, expected):
    assert resolve_event_date(sentence, SAT) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers will meet on Friday.",  # a plan: reported today, not yet happened
        "The two leaders are due to sign the deal next week on Tuesday.",
        "Talks resume next Friday.",
        "Talks resume tomorrow.",
        "The vote on June 20 will decide.",  # a few days ahead: a forward reference
        "Parliament votes in July.",
        "Both sides welcomed the Good Friday agreement.",  # a name, not a day
        "Up to 3 may die, troops march 12 km.",  # "may"/"march" as verbs
        "The two sides exchanged prisoners.",  # nothing to resolve
    ],
)
def test_unsure_or_future_keeps_the_article_date(sentence):
    got = resolve_event_date_detail(sentence, SAT)
    assert got.date == SAT
    assert got.expression is None


def test_speech_on_a_day_is_past_even_with_a_plan_in_the_sentence():
    sentence = "Officials said on Monday that they will meet again."
    assert resolve_event_date(sentence, SAT) == D(2018, 6, 11)


def test_the_trigger_picks_the_nearest_time():
    sentence = "Officials said on Monday that troops had withdrawn last week."
    trigger = sentence.index("withdrawn")
    assert resolve_event_date(sentence, SAT) == D(2018, 6, 11)
    assert resolve_event_date(sentence, SAT, trigger=(trigger, trigger + 9)) == D(2018, 6, 4)


def test_without_an_article_date_only_full_dates_resolve():
    assert resolve_event_date("Troops withdrew on Thursday.", None) is None
    assert resolve_event_date("Troops withdrew on 3 May 2016.", None) == D(2016, 5, 3)
    assert resolve_event_date("", None) is None


def test_year_boundaries():
    new_year = D(2019, 1, 2)  # a Wednesday
    assert resolve_event_date("He resigned last month.", new_year) == D(2018, 12, 1)
    assert resolve_event_date("They clashed last Friday.", new_year) == D(2018, 12, 28)
    assert resolve_event_date("Last week the envoy flew in.", new_year) == D(2018, 12, 24)
    assert resolve_event_date("It ended on 31 December.", new_year) == D(2018, 12, 31)


def test_impossible_dates_are_ignored():
    assert resolve_event_date("Signed on 31 February 2018.", SAT) == SAT
    assert resolve_event_date("Signed on 30 February.", SAT) == SAT


def test_lower_cased_corpora():
    assert resolve_event_date("police fired on protesters on sunday", SAT) == D(2018, 6, 10)
    assert resolve_event_date("the clash on june 2 left five dead", SAT) == D(2018, 6, 2)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # A time in a reported clause after the trigger does not date it...
        ("The UN chief welcomed the agreement and said sanctions imposed by the council in 2009 may end.",
         "welcomed", SAT),
        # ...but dates the event inside that clause.
        ("The UN chief welcomed the agreement and said sanctions imposed by the council in 2009 may end.",
         "imposed", D(2009, 1, 1)),
        # A time before the trigger, across a new clause, does not date it.
        ("Russia annexed Crimea in 2014, and Ukraine's president said he would ask parliament for help.",
         "ask", SAT),
        # A speech date dates what was said.
        ("The president announced on Tuesday that the country was withdrawing from the deal.",
         "withdrawing", D(2018, 6, 12)),
    ],
)
def test_times_in_another_clause_do_not_date_the_event(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert resolve_event_date(sentence, SAT, trigger=(start, start + len(trigger))) == expected


def test_the_quick_test_never_hides_a_time_expression():
    import random

    from eventwire.events import dates
    from tests.conftest import news_text

    words = ["on", "in", "last", "this", "next", "the", "day", "before", "Monday", "friday", "weekend", "week",
             "months", "year", "ago", "two", "a", "12", "June", "may", "March", "2019", "-", "05", ",", "of",
             "tonight", "yesterday", "earlier", "today", "morning", "evening", "night", "tomorrow", "Sept.", "mid-"]
    rng = random.Random(4)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    texts += news_text("the border dispute").split("\n\n")
    found = 0
    for text in texts:
        every = [(kind, m.span()) for kind, pattern in dates._PATTERNS for m in pattern.finditer(text)]
        if every:
            found += 1
            assert dates._MAY_HOLD_DATE.search(text), text
    assert found > 1000


def test_each_patterns_cues_never_hide_one_of_its_matches():
    """``_candidates`` skips a pattern whose cues (digit, month, words) the sentence lacks:
    it finds what running every pattern finds, on random time words and on news."""
    import random

    from eventwire.events import dates
    from tests.conftest import news_text

    assert set(dates._NEEDS) == {kind for kind, _ in dates._PATTERNS}
    words = ["on", "in", "during", "since", "by", "late", "early", "mid-", "last", "past", "previous", "this",
             "next", "over", "the", "day", "before", "Monday", "FRIDAY", "sunday", "weekend", "week", "month",
             "years", "ago", "two", "an", "twelve", "12", "3rd", "June", "may", "March", "Sept.", "dec", "2019",
             "-", "05", "21", ",", "of", "tonight", "Yesterday", "earlier", "later", "TODAY", "morning",
             "afternoon", "evening", "night", "tomorrow", "2020-03-04"]
    rng = random.Random(11)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(4000)]
    texts += news_text("the border dispute").split("\n\n")
    texts += ["They met the day before yesterday.", "THE DAY BEFORE YESTERDAY, talks began on 3 May 2019."]
    kinds_seen = set()
    for text in texts:
        hits = sorted(((kind, m) for kind, pattern in dates._PATTERNS for m in pattern.finditer(text)),
                      key=lambda item: (item[1].start(), -(item[1].end() - item[1].start())))
        every: list = []
        for kind, m in hits:
            if not any(m.start() < k.end() and k.start() < m.end() for _, k in every):
                every.append((kind, m))
        got = [(kind, m.span()) for kind, m in dates._candidates(text)]
        assert got == [(kind, m.span()) for kind, m in every], text
        kinds_seen.update(kind for kind, _ in got)
    assert kinds_seen == set(dates._NEEDS)  # every pattern was exercised
