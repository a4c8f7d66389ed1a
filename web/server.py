"""How ``searcher serve`` runs the site: worker processes listening on one port.

The parent takes the port, warms what every worker needs (underthesea's segmenter, the name
spellings: loaded once, shared copy-on-write after the fork), then forks ``workers`` processes.
Each opens its own read-only view of the index (Whoosh readers share file handles, which must
not be shared across processes), runs one search to warm it, and only then listens, with
waitress, on a socket of its own bound to the same port (``SO_REUSEPORT``): the kernel spreads
new connections evenly over the workers listening, so no request meets a cold worker and no
worker takes every keep-alive connection of a burst (with one shared socket, the first worker
ready took 18 of 20 and its clients waited twice as long). Each worker picks up newly committed
generations by itself (``Searcher`` checks on every request). A worker that dies is replaced;
SIGTERM or SIGINT stops them all.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import time

import waitress

from searcher import IndexUnavailable, Searcher, SearchParams

from .app import SERVER_LIMITS, create_app

log = logging.getLogger(__name__)

WARM_QUERY = "hợp tác Nhật Bản"  # segmentation, a name's spellings, common postings, facets
RESPAWN_PAUSE = 1.0  # seconds between replacing workers that die at once (a crash loop)
BACKLOG = 1024  # connections a listening socket queues before a worker accepts them


def open_warm(index_dir) -> Searcher | None:
    """The index opened and searched once; None while there is no index yet (the site answers
    503 and opens it when it appears). A damaged or unreadable index raises IndexUnavailable."""
    try:
        searcher = Searcher(index_dir)
    except IndexUnavailable as exc:
        if exc.missing:
            return None
        raise
    searcher.search(SearchParams(q=WARM_QUERY))
    searcher.overview()  # the home page
    searcher.suggest(WARM_QUERY[:3])  # builds the tables of names that suggestions search
    return searcher


def run_worker(listener, index_dir, threads: int) -> None:
    """Serve the index on ``listener``: a listening socket, or the address to listen on with a
    socket of this worker's own, once it is warm."""
    app = create_app(index_dir, open_warm(index_dir))
    if not isinstance(listener, socket.socket):
        listener = _port_socket(listener)
        listener.listen(BACKLOG)
    waitress.serve(app, sockets=[listener], threads=threads, **SERVER_LIMITS)


def _port_socket(address: tuple[str, int]) -> socket.socket:
    """A socket bound to the address, which other processes may bind too (``SO_REUSEPORT``)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    return sock


def serve(index_dir, host: str, port: int, workers: int, threads: int, on_ready=None) -> None:
    """Serve until SIGTERM or SIGINT (see the module doc); ``on_ready()`` is called once the
    port is taken and the index has opened."""
    if workers <= 1:
        listener = socket.create_server((host, port), backlog=BACKLOG)
    else:  # the port held (bound, not listening: it takes no connection) for the workers
        listener = _port_socket((host, port))
    warm = open_warm(index_dir)  # fails here, once, if the index is damaged
    if warm is not None:
        warm.close()
    if on_ready is not None:
        on_ready()
    if workers <= 1:
        run_worker(listener, index_dir, threads)
        return
    address = listener.getsockname()  # the port chosen, when 0 was asked for
    children: set[int] = set()
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def spawn() -> int:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            status = 0
            try:
                listener.close()
                run_worker(address, index_dir, threads)
            except BaseException:  # noqa: BLE001 -- a worker reports and exits; the parent replaces it
                log.exception("worker %d stopped", os.getpid())
                status = 1
            finally:
                os._exit(status)
        return pid

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    children.update(spawn() for _ in range(workers))
    while children:
        pid, _ = os.wait()
        children.discard(pid)
        if not stopping:
            log.warning("worker %d exited; starting another", pid)
            time.sleep(RESPAWN_PAUSE)
            children.add(spawn())
