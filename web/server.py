"""How ``searcher serve`` runs the site: worker processes sharing one listening socket.

The parent takes the port and listens (connections queue while the workers start), warms what
every worker needs (underthesea's segmenter, the name spellings: loaded once, shared
copy-on-write after the fork), then forks ``workers`` processes. Each opens its own read-only
view of the index (Whoosh readers share file handles, which must not be shared across
processes), runs one search to warm it, and then accepts connections with waitress. Each worker
picks up newly committed generations by itself (``Searcher`` checks on every request). A worker
that dies is replaced; SIGTERM or SIGINT stops them all.

Connections are balanced by least connections, as nginx's ``least_conn`` does: a worker takes a
new connection only while it holds no more open connections than the fewest any live worker
holds (``ConnectionBoard``, in memory the workers share). Keep-alive connections stay with the
worker that accepted them, so how they are spread decides each worker's queue: left to the
kernel (one shared socket: whichever worker wakes first; a socket per worker with
``SO_REUSEPORT``: a hash of the client's port) 20 connections were split 13/7 or worse, and the
fuller worker's clients waited twice as long.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import time

import waitress
from waitress.adjustments import Adjustments
from waitress.server import TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

from searcher import IndexUnavailable, Searcher, SearchParams, open_searcher

from .app import SERVER_LIMITS, create_app

log = logging.getLogger(__name__)

WARM_QUERY = "hợp tác Nhật Bản"  # segmentation, a name's spellings, common postings, facets
RESPAWN_PAUSE = 1.0  # seconds between replacing workers that die at once (a crash loop)
BACKLOG = 1024  # connections the listening socket queues before a worker accepts them


def open_warm(index_dir) -> Searcher | None:
    """The index opened and searched once; None while there is no index yet (the site answers
    503 and opens it when it appears). A damaged or unreadable index raises IndexUnavailable."""
    try:
        searcher = open_searcher(index_dir)
    except IndexUnavailable as exc:
        if exc.missing:
            return None
        raise
    searcher.search(SearchParams(q=WARM_QUERY))
    searcher.overview()  # the home page
    searcher.suggest(WARM_QUERY[:3])  # builds the tables of names that suggestions search
    return searcher


class ConnectionBoard:
    """Each worker's open connections and when it last said so, in shared memory: a worker
    accepts only while it holds no more than the fewest of the live ones. A worker silent for
    ``STALE`` seconds (dead, or not serving yet) is left out of the comparison."""

    STALE = 5.0  # an idle worker reports about once a second (waitress's loop timeout)
    GONE = -1.0  # the stamp of a slot whose worker has exited

    def __init__(self, workers: int):
        self.counts = multiprocessing.RawArray("l", workers)
        self.stamps = multiprocessing.RawArray("d", [self.GONE] * workers)

    def may_accept(self, slot: int, connections: int) -> bool:
        now = time.monotonic()
        self.counts[slot], self.stamps[slot] = connections, now
        live = [count for count, stamp in zip(self.counts, self.stamps)
                if stamp != self.GONE and now - stamp < self.STALE]
        return connections <= min(live)

    def gone(self, slot: int) -> None:
        self.stamps[slot] = self.GONE


class BalancedServer(TcpWSGIServer):
    """Waitress's server on the shared socket, accepting only when the board says so."""

    # How long the server's loop waits for its sockets before asking the board again: a
    # worker that declined notices within this time that the others have filled up.
    LOOP_TIMEOUT = 0.1

    def __init__(self, app, listener: socket.socket, threads: int, board: ConnectionBoard,
                 slot: int):
        self.board, self.slot = board, slot
        adj = Adjustments(sockets=[listener], threads=threads, **SERVER_LIMITS)
        dispatcher = ThreadedTaskDispatcher()
        dispatcher.set_thread_count(adj.threads)
        super().__init__(app, {}, True, listener, dispatcher=dispatcher, adj=adj,
                         bind_socket=False,
                         sockinfo=(listener.family, listener.type, listener.proto,
                                   listener.getsockname()))

    def run(self) -> None:
        # Waitress's own ``run`` with a shorter wait: its setting takes whole seconds.
        try:
            self.asyncore.loop(timeout=self.LOOP_TIMEOUT, map=self._map,
                               use_poll=self.adj.asyncore_use_poll)
        except (SystemExit, KeyboardInterrupt):
            self.task_dispatcher.shutdown()

    def readable(self) -> bool:
        # Asked before every wait of the server's loop. The map holds this worker's open
        # connections, and two sockets of its own (the listener, a wake-up pipe) in every worker.
        return super().readable() and self.board.may_accept(self.slot, len(self._map))


def run_worker(listener: socket.socket, index_dir, threads: int,
               board: ConnectionBoard | None = None, slot: int = 0) -> None:
    """Serve the index on the listening socket: alone, or as worker ``slot`` of the board's."""
    app = create_app(index_dir, open_warm(index_dir))
    if board is None:
        waitress.serve(app, sockets=[listener], threads=threads, **SERVER_LIMITS)
    else:
        BalancedServer(app, listener, threads, board, slot).run()


def serve(index_dir, host: str, port: int, workers: int, threads: int, on_ready=None) -> None:
    """Serve until SIGTERM or SIGINT (see the module doc); ``on_ready()`` is called once the
    port is taken and the index has opened."""
    listener = socket.create_server((host, port), backlog=BACKLOG)
    warm = open_warm(index_dir)  # fails here, once, if the index is damaged
    if warm is not None:
        warm.close()
    if on_ready is not None:
        on_ready()
    if workers <= 1:
        run_worker(listener, index_dir, threads)
        return
    board = ConnectionBoard(workers)
    children: dict[int, int] = {}  # pid -> slot on the board
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def spawn(slot: int) -> int:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            status = 0
            try:
                run_worker(listener, index_dir, threads, board, slot)
            except BaseException:  # noqa: BLE001 -- a worker reports and exits; the parent replaces it
                log.exception("worker %d stopped", os.getpid())
                status = 1
            finally:
                os._exit(status)
        return pid

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    children.update({spawn(slot): slot for slot in range(workers)})
    while children:
        pid, _ = os.wait()
        slot = children.pop(pid)
        board.gone(slot)
        if not stopping:
            log.warning("worker %d exited; starting another", pid)
            time.sleep(RESPAWN_PAUSE)
            children[spawn(slot)] = slot
