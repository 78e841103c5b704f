import pytest

from eventwire.extract.tone import article_tone, split_sentences


def test_tone_sign_and_scale():
    warm = article_tone("The leaders praised a friendly and productive meeting. They welcomed the deal.")
    cold = article_tone("Troops killed dozens of civilians in a brutal attack. The massacre was condemned.")
    assert 3 < warm <= 10 and -10 <= cold < -3


def test_neutral_and_empty_texts():
    assert article_tone("") == 0.0 and article_tone("  12 34  ") == 0.0
    assert article_tone("The committee met on Tuesday in Geneva.") == pytest.approx(0.0, abs=1.0)


def test_neutral_sentences_pull_towards_zero():
    one = article_tone("The attack was horrific.")
    diluted = article_tone("The attack was horrific. The meeting took place on Monday. Officials travelled by train.")
    assert one < diluted < 0


def test_sentence_split_keeps_titles_and_initials():
    parts = split_sentences("Mr. Smith met Gen. J. Doe. They talked.\n\nA new paragraph")
    assert parts == ["Mr. Smith met Gen. J. Doe.", "They talked.", "A new paragraph"]
