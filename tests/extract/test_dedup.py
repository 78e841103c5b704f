from eventwire.extract.dedup import NearDuplicateIndex, signature
from eventwire.settings import Dedup
from tests.conftest import news_text


def test_short_texts_have_no_signature():
    assert signature("Too short to compare.", Dedup()) is None


def test_syndicated_copy_with_edited_lead_is_found():
    cfg = Dedup()
    original = news_text("the border dispute")
    copy = "UPDATED: " + original.replace("on Tuesday", "on Tuesday in Brussels")
    index = NearDuplicateIndex(cfg)
    index.add("orig", signature(original, cfg))
    assert index.find(signature(copy, cfg)) == "orig"


def test_different_stories_are_not_duplicates():
    cfg = Dedup()
    index = NearDuplicateIndex(cfg)
    index.add("a", signature(news_text("the border dispute"), cfg))
    assert index.find(signature(news_text("fishing rights in the northern sea"), cfg)) is None


def test_earliest_original_wins():
    cfg = Dedup()
    text = news_text("a trade agreement")
    index = NearDuplicateIndex(cfg, existing=[("first", signature(text, cfg))])
    index.add("second", signature(text + " ", cfg))
    assert index.find(signature(text, cfg)) == "first"
    assert len(index) == 2
