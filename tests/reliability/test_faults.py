"""Quick versions of the fault benches: SIGKILL, concurrent writers, a full disk.

The full campaigns (20 SIGKILL trials, 10 concurrent runs, tmpfs and
file-size trials at several sizes) are ``bench/fault_*.py``; these run the
same trial functions on a small corpus with event coding off, so the whole
module stays within a CI budget.
"""

from __future__ import annotations

import pytest

from tests.reliability.faults import (
    KEYS,
    concurrent_trial,
    disk_full_trial,
    make_corpus,
    reference,
    sigkill_trial,
    snapshot,
    split_corpus,
    write_config,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    work = tmp_path_factory.mktemp("faults")
    corpus = make_corpus(work / "corpus", 30)
    config = write_config(work / "settings.toml", batch_size=5, code_events=False)
    ref, clean_s = reference(corpus, work, config)
    assert len(ref.ids["articles"]) == 30 and len(ref.ids["rejects"]) == 2
    return work, corpus, config, ref, clean_s


@pytest.mark.parametrize("fraction", [0.35, 0.6, 0.85])
def test_sigkill_mid_ingest_loses_nothing_and_rerun_completes(setup, fraction):
    work, corpus, config, ref, clean_s = setup
    trial = sigkill_trial(int(fraction * 100), corpus, work, config, clean_s * fraction, ref)
    assert trial.opened_after_kill, trial.error
    assert trial.lost == 0 and trial.duplicates == 0, trial
    assert trial.rerun_rc == 0, trial.error
    assert trial.complete, trial


def test_two_writers_at_once_store_each_id_once(setup):
    work, corpus, config, ref, _ = setup
    trial = concurrent_trial(1, split_corpus(corpus, 2, overlap=0.5), work, config, ref)
    assert trial.return_codes == [0, 0], trial.error
    assert trial.readable, trial.error
    assert (trial.duplicates, trial.missing, trial.extra) == (0, 0, 0)


def test_full_disk_is_a_clear_error_and_leaves_the_store_intact(setup, tmp_path):
    """A file-size limit set mid-run (prlimit) stands in for a full disk: it needs no root."""
    work, corpus, config, ref, _ = setup
    from eventwire.runner.local import ingest
    from eventwire.settings import load_settings
    from eventwire.store.store import open_store

    second = make_corpus(tmp_path / "b", 80, seed=3, bad=False)
    both = open_store(tmp_path / "both", create=True)
    # The reference in this process: ids do not depend on which process computes them.
    ingest([str(corpus), str(second)], both, load_settings(config))
    trial = disk_full_trial("fsize", 3_000, corpus, second, tmp_path, config, snapshot(both.path))
    assert trial.return_code == 3, trial
    assert "disk holding the store is full" in trial.message, trial.message
    assert not trial.traceback
    assert trial.opened and trial.kept and trial.duplicates == 0, trial
    assert trial.rerun_rc == 0 and trial.complete, trial.error


def test_snapshot_sees_every_table(setup):
    _, _, _, ref, _ = setup
    assert set(ref.ids) == set(KEYS)
    assert ref.total_duplicates == 0
