"""Article tone: how positive or negative a text reads, offline.

The measure is GDELT's AvgTone: the percentage of the text's words that are
positive minus the percentage that are negative. It can run from -100 to
+100; news articles mostly fall between -10 and +10, and a long factual
article sits near 0, because its neutral words count in the denominator.

Which words are positive or negative comes from VADER's lexicon (the
``vaderSentiment`` package: 7,500 English words rated from -4 to +4 by
human raters, shipped inside the package, so nothing is downloaded). A word
counts when its mean rating is at least ``MIN_VALENCE`` away from 0 (weaker
ratings mean the raters did not agree it has a tone). Two kinds of match are
not tone and are skipped:

- words inside a name: a capitalised word that does not start a sentence
  ("the *United* Nations", "the *Security* Council", "the Labour *Party*");
- a few grammatical words the lexicon rates (``NOT_TONE``: "no" negates,
  "like" compares, "well" fills).

Counting words instead of scoring sentences (VADER's own ``polarity_scores``
weighs negation, boosters and punctuation) is GDELT's definition, and it
costs a sixth as much: 0.11 CPU s for the 249 articles of the Guardian
sample against 0.65 s (``bench/pipeline_speed.py`` reports the extract
stage).
"""

from __future__ import annotations

import functools
import re
from importlib import resources

MIN_VALENCE = 0.5
NOT_TONE = frozenset({"no", "like", "well"})
# A word, with an inner apostrophe ("don't", "world's"); its capital and what precedes it decide
# whether it starts a sentence.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”'‘’()\[\]]\s*|\n)\s*$")


@functools.cache
def tone_words() -> tuple[frozenset[str], frozenset[str]]:
    """(positive, negative) words of VADER's lexicon, as counted by :func:`article_tone`."""
    try:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:  # pragma: no cover - a pinned dependency
        raise ImportError("article tone needs the vaderSentiment package: pip install vaderSentiment==3.3.2") from exc
    positive: set[str] = set()
    negative: set[str] = set()
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or fields[0] in NOT_TONE:
            continue
        try:
            valence = float(fields[1])
        except ValueError:
            continue
        if valence >= MIN_VALENCE:
            positive.add(fields[0])
        elif valence <= -MIN_VALENCE:
            negative.add(fields[0])
    return frozenset(positive), frozenset(negative)


def article_tone(text: str) -> float:
    """GDELT's AvgTone of a text: % positive words minus % negative words, rounded to 3 places.

    Example: ``article_tone("The leaders praised a friendly, productive meeting.")``
    is +28.571 (2 of its 7 words, "praised" and "friendly", are positive); a
    news article is mostly within -10..+10. A text without words scores 0.
    """
    positive, negative = tone_words()
    words = 0
    score = 0
    for match in _WORD.finditer(text or ""):
        words += 1
        word = match.group()
        lower = word.lower()
        if lower not in positive and lower not in negative:
            continue
        if word[0].isupper() and not _SENTENCE_START.search(text, max(0, match.start() - 4), match.start()):
            continue  # part of a name: "the United Nations"
        score += 1 if lower in positive else -1
    return round(100.0 * score / words, 3) if words else 0.0

