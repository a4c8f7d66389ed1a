"""A Sphinx cluster on this machine for the benchmarks: ``searcher cluster-config`` layout,
one ``searchd`` per shard started here (Debian's ``sphinxsearch``), stopped at exit.

    with local_cluster(Path("/tmp/relevance2/cluster"), shards=2) as address:
        index_cluster(paths, address, state_dir)

The shards keep their data in the folder between runs (a rerun feeds only what changed).
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

FIRST_PORT = 19306


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def local_cluster(folder: Path, shards: int = 2, first_port: int = FIRST_PORT):
    """The cluster's address while the block runs; shards already running are left running."""
    from searcher.cluster.layout import address, local_shards, write_configs

    searchd = shutil.which("searchd")
    if searchd is None:
        raise SystemExit("the cluster needs Sphinx's searchd: apt-get install sphinxsearch")
    layout = local_shards(shards, first_port)
    configs = write_configs(layout, folder)
    started = []
    for shard, config in zip(layout, configs):
        if not _answers(shard.port):
            subprocess.run([searchd, "--config", str(config)], check=True, capture_output=True)
            started.append(config)
            deadline = time.monotonic() + 30
            while not _answers(shard.port):
                if time.monotonic() > deadline:
                    raise SystemExit(f"searchd did not start: see {config.parent}")
                time.sleep(0.1)
    try:
        yield address(layout)
    finally:
        for config in started:
            subprocess.run([searchd, "--config", str(config), "--stopwait"], capture_output=True)
