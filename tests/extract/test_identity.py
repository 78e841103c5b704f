from eventwire.extract.identity import article_id, canonical_url, content_hash, normalise_text


def test_canonical_url_drops_tracking_and_fragment():
    assert canonical_url("https://Example.com/world/story?utm_source=rss&id=7#comments") == "https://example.com/world/story?id=7"


def test_canonical_url_rejects_non_web_urls():
    assert canonical_url("ftp://example.com/a") is None
    assert canonical_url("not a url") is None
    assert canonical_url("") is None
    assert canonical_url(None) is None


def test_same_story_same_id_across_scheme_www_and_tracking():
    a = article_id(canonical_url("http://www.example.com/world/story/"), "x")
    b = article_id(canonical_url("https://example.com/world/story?utm_medium=social"), "y")
    assert a == b


def test_different_urls_different_ids():
    assert article_id("https://example.com/a", "t") != article_id("https://example.com/b", "t")


def test_text_id_ignores_case_and_spacing_only():
    assert article_id(None, "Leaders  met\nin Hanoi.") == article_id(None, "leaders met in hanoi.")
    assert article_id(None, "Leaders met in Hanoi.") != article_id(None, "Leaders met in Hue.")


def test_ids_are_stable_strings():
    # The id scheme is part of the store's contract: a change must be deliberate.
    assert article_id(None, "Leaders met in Hanoi.") == article_id(None, "Leaders met in Hanoi.")
    assert len(article_id(None, "x")) == 24
    assert normalise_text(" A\u00a0B ") == "a b"
    assert content_hash(b"abc") == content_hash("abc")
