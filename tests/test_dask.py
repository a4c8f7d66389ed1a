"""Analysis on a dask.distributed cluster (``searcher index --dask``): a ``LocalCluster`` of two
worker processes on this machine, the same code path as a scheduler with workers on many."""
from __future__ import annotations

import pytest

from conftest import CORPUS, SEED_IDS, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        yield cluster


def test_articles_analysed_on_dask_workers_index_as_they_do_locally(scheduler, seed_index,
                                                                     tmp_path):
    from distributed import Client

    from searcher import SearchParams, Searcher

    with Client(scheduler.scheduler_address) as client:
        built = run("index", CORPUS, "--index", tmp_path / "index", "--no-cache",
                    "--dask", scheduler.scheduler_address)
        assert built.returncode == 0, built.stderr
        assert f"added {len(SEED_IDS)}," in built.stdout
        # the chunks were analysed there, not in local processes
        ran = client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.task_prefixes))
        assert "analyse_chunk" in ran, ran  # dask names a prefix without the underscore
    remote, local = Searcher(tmp_path / "index"), Searcher(seed_index)
    for q in ("Nagano", "hop tac du lich", '"Lào Cai"', "Hồng Hà"):
        a, b = (s.search(SearchParams(q=q, limit=20)) for s in (remote, local))
        assert [(h.id, h.score) for h in a.hits] == [(h.id, h.score) for h in b.hits], q
        assert a.facets == b.facets


def test_an_unreachable_scheduler_is_one_clear_line(tmp_path):
    failed = run("index", CORPUS, "--index", tmp_path / "index", "--no-cache",
                 "--dask", "tcp://127.0.0.1:1")
    assert failed.returncode != 0
    assert "dask scheduler" in failed.stderr and "Traceback" not in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1, failed.stderr
    assert not (tmp_path / "index").exists() or not list((tmp_path / "index").glob("*.seg"))
