"""Article tone: how positive or negative a text reads, offline.

The score is VADER's (the ``vaderSentiment`` package: a maintained,
rule-based lexicon for short English texts that ships with its lexicon, so
nothing is downloaded). VADER is built for sentences, so the text is split
into sentences, each gets VADER's ``compound`` score in -1..+1, and the
article's tone is their mean times 10: a score on GDELT's AvgTone scale of
-10..+10 (GDELT's own measure is positive-minus-negative word percentages,
which in practice also falls mostly between -10 and +10; the scales agree in
sign and rough size, not value by value). Neutral sentences count (they pull
a long factual article towards 0, as GDELT's percentages do). A text
without words scores 0.

Only the first ``MAX_SENTENCES`` sentences are scored: the lead of a news
article carries its framing, and the cost stays bounded on very long texts.
"""

from __future__ import annotations

import functools
import re

MAX_SENTENCES = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
_HAS_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
# Titles and initials end in a full stop without ending the sentence.
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Sen|Rep|Gov|Prof|St|Jr|Vol)|\b[A-Z])\.$")


@functools.cache
def _analyzer():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - a pinned dependency
        raise ImportError("article tone needs the vaderSentiment package: pip install vaderSentiment==3.3.2") from exc
    return SentimentIntensityAnalyzer()


def split_sentences(text: str) -> list[str]:
    """Rough sentence split on end punctuation followed by a capital, and on blank lines.

    Example: ``split_sentences("Talks failed. Both sides left.")`` gives two sentences.
    """
    out: list[str] = []
    for part in _SENTENCE_END.split(text or ""):
        part = (part or "").strip()
        if not part:
            continue
        if out and _ABBREV.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [p for p in out if _HAS_WORD.search(p)]


def article_tone(text: str) -> float:
    """Tone of a text on -10..+10: 10 x the mean VADER compound score of its sentences.

    Example: ``article_tone("The leaders praised a friendly, productive meeting.")``
    is about +8; ``article_tone("Troops killed dozens in a brutal attack.")`` about -8.
    """
    sentences = split_sentences(text)[:MAX_SENTENCES]
    if not sentences:
        return 0.0
    analyzer = _analyzer()
    total = sum(analyzer.polarity_scores(s)["compound"] for s in sentences)
    return round(10.0 * total / len(sentences), 3)
