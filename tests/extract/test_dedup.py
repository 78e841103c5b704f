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


def test_signatures_are_datasketchs_minhash_values():
    import random

    import numpy as np
    from datasketch import MinHash

    from eventwire.extract.dedup import minhash_values

    rng = random.Random(11)
    for size in (1, 2, 17, 500):
        items = {f"w{rng.randrange(10**9)} x{rng.random()}".encode() for _ in range(size)}
        for num_perm in (16, 128):
            theirs = MinHash(num_perm=num_perm, seed=1, scheme="affine32")
            theirs.update_batch(list(items))
            assert np.array_equal(minhash_values(items, num_perm), theirs.hashvalues)
    empty = MinHash(num_perm=8, seed=1, scheme="affine32").hashvalues
    assert np.array_equal(minhash_values([], 8), empty)
    # What the store holds: the values of the text's shingles as little-endian uint32.
    cfg = Dedup()
    words = news_text("the border dispute").casefold()
    ours = np.frombuffer(signature(words, cfg), dtype="<u4")
    theirs = MinHash(num_perm=cfg.num_perm, seed=1, scheme="affine32")
    import re

    tokens = re.findall(r"\w+", words)
    theirs.update_batch(list({" ".join(tokens[i:i + cfg.shingle]).encode() for i in range(len(tokens) - cfg.shingle + 1)}))
    assert np.array_equal(ours, theirs.hashvalues)


def test_worker_side_needs_no_datasketch():
    import subprocess
    import sys

    code = "import sys, eventwire.runner.worker; print('datasketch' in sys.modules, 'scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
