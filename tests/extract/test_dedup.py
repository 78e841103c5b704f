from eventwire.extract.dedup import NearDuplicateIndex, lsh_bands, minhash_values, signature
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


def test_lsh_bands_are_datasketchs_choice():
    from datasketch.lsh import _optimal_param

    for threshold in (0.5, 0.7, 0.8, 0.85, 0.9, 0.95):
        for num_perm in (16, 64, 128, 256):
            assert lsh_bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_index_finds_what_datasketchs_lsh_finds():
    """Every query answered as by datasketch's MinHashLSH plus the same confirmation."""
    import random

    import numpy as np
    from datasketch import MinHash, MinHashLSH

    cfg = Dedup()
    rng = random.Random(5)
    base = [f"w{rng.randrange(10**6)}".encode() for _ in range(300)]
    sigs = []
    for k in range(60):
        # Copies of a few stories, each with a different share of its shingles changed.
        story = base[(k % 4) * 60:(k % 4) * 60 + 80]
        changed = rng.choice((0, 2, 5, 10, 20, 40))
        items = [s if i >= changed else f"x{k}-{i}".encode() for i, s in enumerate(story)]
        sigs.append((f"a{k}", minhash_values(items, cfg.num_perm).astype("<u4").tobytes()))
    ours = NearDuplicateIndex(cfg)
    theirs = MinHashLSH(threshold=cfg.threshold, num_perm=cfg.num_perm)
    position: dict[str, int] = {}  # indexed key -> its place in sigs
    found = 0
    for k, (key, sig) in enumerate(sigs):
        m = MinHash(num_perm=cfg.num_perm, seed=1, hashvalues=np.frombuffer(sig, dtype="<u4"), scheme="affine32")
        confirmed = [c for c in theirs.query(m)
                     if np.mean(np.frombuffer(sigs[position[c]][1], dtype="<u4") == m.hashvalues) >= cfg.threshold]
        expected = min(confirmed, key=position.get, default=None)
        assert ours.find(sig) == expected
        found += expected is not None
        if expected is None:
            ours.add(key, sig)
            theirs.insert(key, m)
            position[key] = k
    assert 10 < found < 56  # both outcomes occur


def test_marking_duplicates_imports_neither_datasketch_nor_scipy():
    """Workers sign texts and the writing process marks copies; neither pays for scipy's import."""
    import subprocess
    import sys

    code = (
        "import sys, eventwire.runner.worker, eventwire.runner.writer\n"
        "from eventwire.extract.dedup import NearDuplicateIndex, lsh_bands, minhash_values, signature\n"
        "from eventwire.settings import Dedup\n"
        "from tests.conftest import news_text\n"
        "sig = signature(news_text('the border dispute'), Dedup())\n"
        "index = NearDuplicateIndex(Dedup(), [('a', sig)])\n"
        "assert index.find(sig) == 'a'\n"
        "print('datasketch' in sys.modules, 'scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_signatures_of_another_length_compare_with_nothing():
    """A store written with another num_perm: its signatures are left out, not a crash."""
    cfg = Dedup()
    text = news_text("a trade agreement")
    old = signature(text, Dedup(num_perm=64))
    index = NearDuplicateIndex(cfg, existing=[("old", old)])
    assert len(index) == 0 and index.find(old) is None
    index.add("new", signature(text, cfg))
    assert index.find(signature(text, cfg)) == "new"
